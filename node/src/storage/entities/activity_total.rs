//! Running totals of one activity, updated in the transaction of each entry,
//! payment, payslip or fund movement that changes them, so that a write reads
//! its activity's budget and cover in one row, whatever its history
//! (`partage check` recomputes them from the journal).

use sea_orm::entity::prelude::*;

/// One activity's totals, in minor units of `currency`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activity_totals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub activity_id: Uuid,
    pub currency: String,
    /// The budget account's balance, credits positive.
    pub budget_minor: i64,
    /// The budget share of what its clients paid.
    pub received_minor: i64,
    /// Employer costs of its payslips and expenses repaid from its budget.
    pub spent_minor: i64,
    /// What the fund lost on it.
    pub lost_minor: i64,
    /// The fund's open advance: advances less recoveries and losses.
    pub advanced_minor: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
