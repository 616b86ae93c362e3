//! Year-end true-ups of stabilised monthly contracts.

use sea_orm::entity::prelude::*;

/// One contract's year: what the activity earned, what its payslips cost, the outcome.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "true_ups")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub contract_id: Uuid,
    pub year: i32,
    pub earned_minor: i64,
    pub costs_minor: i64,
    pub outcome: String,
    pub amount_minor: i64,
    pub currency: String,
    pub payslip_id: Option<Uuid>,
    pub created_at: DateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
