//! Payslips: one per contract and period.

use sea_orm::entity::prelude::*;

/// A computed, posted payslip; its lines are a JSON array.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payslips")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub run_id: Uuid,
    pub contract_id: Uuid,
    pub member_id: Uuid,
    pub activity_id: Uuid,
    pub period: String,
    pub work_end: Date,
    pub deadline: Date,
    pub pay_date: Date,
    pub worker_category: String,
    pub gross_minor: i64,
    pub taxable_minor: i64,
    pub net_minor: i64,
    pub employer_cost_minor: i64,
    pub currency: String,
    #[sea_orm(column_type = "Text")]
    pub lines: String,
    pub entry_id: Uuid,
    pub status: String,
    /// regular, or true_up for a stabilised contract's year-end payslip.
    pub kind: String,
    /// The state whose legislation (Regulation (EC) 883/2004) computed it, none for the node's.
    pub legislation_state: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
