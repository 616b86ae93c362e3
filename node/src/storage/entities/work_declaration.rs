//! Work declarations.

use sea_orm::entity::prelude::*;

/// A member's declaration of work.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "work_declarations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub activity_id: Uuid,
    pub member_id: Uuid,
    pub client_id: Option<Uuid>,
    pub function: String,
    pub place: String,
    pub work_country: String,
    pub risks: String,
    pub worker_category: String,
    pub budget_minor: i64,
    pub currency: String,
    pub status: String,
    pub return_reason: Option<String>,
    pub contract_id: Option<Uuid>,
    pub submitted_at: DateTime,
    pub decided_at: Option<DateTime>,
    /// per_performance or stabilised_monthly: the contract validation makes.
    pub contract_kind: String,
    /// The fixed-term contract's motive: the case of the pack's list (m0020), none for an
    /// open-ended contract, a country that asks none, or a row made before.
    pub motive_code: Option<String>,
    /// The replaced worker's name, for a replacement.
    pub motive_replaced_name: Option<String>,
    /// The replaced worker's job, for a replacement.
    pub motive_replaced_job: Option<String>,
    /// The sector of a customary fixed-term contract.
    pub motive_sector: Option<String>,
    /// The motive's free-text detail.
    pub motive_detail: Option<String>,
    /// The worker's place in the collective agreement's classification, as given (m0022); none
    /// when not given or on a row made before.
    pub classification: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
