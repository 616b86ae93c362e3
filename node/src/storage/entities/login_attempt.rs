//! Sign-ins under way; see `crate::auth::oidc`.

use sea_orm::entity::prelude::*;

/// What the callback of one sign-in checks, consumed by it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_attempts")]
pub struct Model {
    /// The `state` sent to the provider.
    #[sea_orm(primary_key, auto_increment = false)]
    pub state: String,
    /// SHA-256 of the cookie binding the sign-in to the browser that started it.
    pub browser_hash: String,
    pub nonce: String,
    /// The PKCE code verifier.
    pub verifier: String,
    pub created_at: DateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
