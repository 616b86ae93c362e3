//! Dunning steps sent for overdue invoices.

use sea_orm::entity::prelude::*;

/// One step (reminder, formal notice, handover), with what it claimed on the day it was sent.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dunning_steps")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub invoice_id: Uuid,
    pub level: i32,
    pub kind: String,
    pub sent_on: Date,
    pub by_post: bool,
    pub outstanding_minor: i64,
    pub fee_minor: Option<i64>,
    pub interest_minor: i64,
    pub interest_from: Option<Date>,
    pub damages_minor: Option<i64>,
    pub currency: String,
    #[sea_orm(column_type = "Text")]
    pub source: String,
    pub created_at: DateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
