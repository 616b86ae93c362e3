//! Partner platforms that post their workers' hours.

use sea_orm::entity::prelude::*;

/// A platform: the client invoiced, its token's hash, its hourly rate.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "platforms")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub client_id: Uuid,
    pub token_hash: String,
    pub hourly_rate_minor: i64,
    pub currency: String,
    pub vat_category: String,
    pub worker_category: String,
    pub function: String,
    pub created_at: DateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
