//! Accounts: who may sign in through the office's identity provider; see `crate::auth`.

use sea_orm::entity::prelude::*;

/// A person the identity provider vouches for, with their role.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "accounts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Lower-case e-mail address, unique.
    pub email: String,
    /// member, advisor, admin or hq.
    pub role: String,
    /// The member this account is, for the member role.
    pub member_id: Option<Uuid>,
    /// `issuer subject` once the person signed in: later sign-ins match on it.
    pub subject: Option<String>,
    pub created_at: DateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
