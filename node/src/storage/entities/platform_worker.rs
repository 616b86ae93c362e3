//! Members enrolled with a platform, under the platform's reference for them.

use sea_orm::entity::prelude::*;

/// An enrolment: the member, the activity the hours pay into, the framework contract.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "platform_workers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub platform_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub worker_ref: String,
    pub member_id: Uuid,
    pub activity_id: Uuid,
    pub contract_id: Uuid,
    pub enrolled_at: DateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
