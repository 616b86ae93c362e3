//! Employment contracts.

use sea_orm::entity::prelude::*;

/// A contract created by a validated declaration.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contracts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub declaration_id: Uuid,
    pub member_id: Uuid,
    pub activity_id: Uuid,
    pub kind: String,
    pub worker_category: String,
    pub starts_at: DateTime,
    pub ends_at: DateTime,
    pub budget_minor: i64,
    pub gross_minor: i64,
    pub currency: String,
    pub status: String,
    pub created_at: DateTime,
    /// The enrolment contract whose hiring declaration covers this one (platform hours).
    pub framework_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
