//! Sessions of signed-in browsers; see `crate::auth::sessions`.

use sea_orm::entity::prelude::*;

/// A signed-in browser: the hash of its cookie's id, never the id.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    /// SHA-256 (hex) of the random id the cookie holds.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id_hash: String,
    pub account_id: Uuid,
    /// The token every unsafe request of this session must carry.
    pub csrf: String,
    /// The provider's ID token, the `id_token_hint` of the logout.
    pub id_token: String,
    pub created_at: DateTime,
    pub expires_at: DateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
