//! Debits and credits of each journal account folded from `account_deltas` by the
//! roll-up job, so a trial balance reads a row per account plus the deltas not yet
//! folded, whatever the journal's length (`partage check` compares them with it).

use sea_orm::entity::prelude::*;

/// One account's folded totals, in minor units of `currency`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account_totals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub account: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub currency: String,
    /// Debits.
    pub debit_minor: i64,
    /// Credits (positive).
    pub credit_minor: i64,
    /// Journal entries folded whose deltas this account's row carried: the rows'
    /// sum is the journal's number of entries.
    pub entries: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
