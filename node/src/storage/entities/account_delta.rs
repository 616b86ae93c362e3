//! What each posting added to an account's debits and credits, appended by the
//! posting transaction (insert only: no row lock, so concurrent writers never wait
//! on each other), then folded into `account_totals` by the roll-up job.

use sea_orm::entity::prelude::*;

/// One posting's change to one account, in minor units of `currency`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account_deltas")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub account: String,
    pub currency: String,
    /// Debits added.
    pub debit_minor: i64,
    /// Credits added (positive).
    pub credit_minor: i64,
    /// Journal entries the posting added (carried by one of its rows, zero on the others).
    pub entries: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
