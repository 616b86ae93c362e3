//! What a transaction that only adds money (an invoice issued, a client's payment) added to
//! an activity's totals, appended (insert only: concurrent writers of one activity never wait
//! on each other), then folded into `activity_totals` by the roll-up (`service::totals`).

use sea_orm::entity::prelude::*;

/// One transaction's additions to one activity's totals, in minor units of `currency`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activity_total_deltas")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub activity_id: Uuid,
    pub currency: String,
    /// Budget balance added, credits positive.
    pub budget_minor: i64,
    /// Budget share received added.
    pub received_minor: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
