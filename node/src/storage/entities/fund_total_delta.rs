//! What a transaction that only adds money added to the guarantee fund's totals, appended
//! (insert only: no row that every issue and payment of the node would queue on), then
//! folded into `fund_totals` by the roll-up (`service::totals`).

use sea_orm::entity::prelude::*;

/// One transaction's additions to the fund's totals, in minor units of `currency`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fund_total_deltas")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub currency: String,
    /// Account balance added, credits positive.
    pub balance_minor: i64,
    /// Reserve brought in.
    pub endowed_minor: i64,
    /// Fee shares received.
    pub share_received_minor: i64,
    /// Recoveries.
    pub recovered_minor: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
