//! The guarantee fund's advances, recoveries and losses, per activity.

use sea_orm::entity::prelude::*;

/// One movement.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fund_movements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub activity_id: Uuid,
    pub kind: String,
    pub amount_minor: i64,
    pub currency: String,
    pub movement_date: Date,
    pub payslip_id: Option<Uuid>,
    pub invoice_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
