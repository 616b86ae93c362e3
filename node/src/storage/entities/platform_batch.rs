//! Batches of hours a platform posted: its answer is kept, so a batch sent again is answered the same.

use sea_orm::entity::prelude::*;

/// A processed batch.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "platform_batches")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub platform_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub batch_id: String,
    pub body_hash: String,
    pub accepted: i32,
    pub rejected: i32,
    #[sea_orm(column_type = "Text")]
    pub result: String,
    pub received_at: DateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
