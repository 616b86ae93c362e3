//! Corrections of clients and members: who changed what, when (old and new values).

use sea_orm::entity::prelude::*;

/// A correction row; `changes` is a JSON array of `{field, old, new}`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "record_changes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub subject: String,
    pub subject_id: Uuid,
    pub changed_at: DateTime,
    pub changed_by: String,
    pub changes: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
