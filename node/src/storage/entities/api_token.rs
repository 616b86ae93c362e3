//! API tokens of partner platforms and scripts; see `crate::auth::tokens`.

use sea_orm::entity::prelude::*;

/// A token: its hash, never the token.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_tokens")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// What it is for, as the admin named it.
    pub name: String,
    /// member, advisor, admin or hq.
    pub role: String,
    /// The member a member-role token acts as.
    pub member_id: Option<Uuid>,
    /// SHA-256 (hex) of the token.
    pub token_hash: String,
    pub created_at: DateTime,
    pub revoked_at: Option<DateTime>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
