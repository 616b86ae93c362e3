//! Hiring declarations made to the state.

use sea_orm::entity::prelude::*;

/// A rendered hiring declaration, in the pack's format.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hiring_declarations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub contract_id: Uuid,
    pub action: String,
    pub format: String,
    #[sea_orm(column_type = "Text")]
    pub content: String,
    pub declared_at: DateTime,
    /// The state's acknowledgement numbers of an IN (one per period), comma-separated, once acknowledged.
    pub period_ids: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
