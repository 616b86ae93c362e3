//! Payroll runs: one per period and cut-off date.

use sea_orm::entity::prelude::*;

/// A run, resumable until completed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payroll_runs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub period: String,
    pub through: Date,
    pub pay_date: Date,
    pub status: String,
    pub payslips: i32,
    pub started_at: DateTime,
    pub completed_at: Option<DateTime>,
    /// 1 for the first run of its (period, through); a later run pays what became payable after it.
    pub sequence: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
