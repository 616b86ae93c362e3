//! Running totals of the guarantee fund (one row per currency), updated like
//! the activities' ones.

use sea_orm::entity::prelude::*;

/// The fund's totals, in minor units of `currency`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fund_totals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub currency: String,
    /// The fund's account balance in the journal, credits positive.
    pub balance_minor: i64,
    /// Its reserve brought in (fund endowments).
    pub endowed_minor: i64,
    /// Its share of the fees clients really paid.
    pub share_received_minor: i64,
    /// Sum of its advances.
    pub advanced_minor: i64,
    /// Sum of its recoveries.
    pub recovered_minor: i64,
    /// Sum of its losses.
    pub lost_minor: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
