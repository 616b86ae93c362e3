//! Running debits and credits of each journal account (one row per account and
//! currency), updated with the postings that move them.

use sea_orm::entity::prelude::*;

/// An account's totals, in minor units of `currency`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account_totals")]
pub struct Model {
    /// The account kind's stable name.
    #[sea_orm(primary_key, auto_increment = false)]
    pub account: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub currency: String,
    /// Sum of its debits.
    pub debit_minor: i64,
    /// Sum of its credits, positive.
    pub credit_minor: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
