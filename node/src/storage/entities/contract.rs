//! Employment contracts.

use sea_orm::entity::prelude::*;

/// A contract created by a validated declaration.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contracts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub declaration_id: Uuid,
    pub member_id: Uuid,
    pub activity_id: Uuid,
    pub kind: String,
    pub worker_category: String,
    pub starts_at: DateTime,
    pub ends_at: DateTime,
    pub budget_minor: i64,
    pub gross_minor: i64,
    pub currency: String,
    pub status: String,
    pub created_at: DateTime,
    /// The enrolment contract whose hiring declaration covers this one (platform hours).
    pub framework_id: Option<Uuid>,
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
    /// The state whose pack computed the contract, when its legislation is another country's
    /// than the node's (Regulation 883/2004, m0026); none: the node's.
    pub legislation_state: Option<String>,
    /// The node's employer-cost coefficient the contract was made with, decimal text (m0033);
    /// payroll pays it at this one. None on a row made before: the configuration's.
    pub employer_cost_coefficient: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
