//! Periodic social security returns (the format is the pack's), every version kept.

use sea_orm::entity::prelude::*;

/// One version of a quarter's return: its document and the totals it declares.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "quarterly_returns")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub quarter: String,
    pub version: i32,
    pub format: String,
    pub media_type: String,
    #[sea_orm(column_type = "Text")]
    pub content: String,
    pub payslips: i32,
    pub workers: i32,
    pub currency: String,
    pub gross_minor: i64,
    pub contribution_base_minor: i64,
    pub employee_contribution_minor: i64,
    pub employer_contribution_minor: i64,
    pub special_contribution_minor: i64,
    pub work_bonus_minor: i64,
    /// What the document declares by code, with the payslips' advances (JSON, `service::quarterly_returns::Declared`); NULL before m0019.
    #[sea_orm(column_type = "Text", nullable)]
    pub declared: Option<String>,
    /// The document's net amount owed; NULL before m0019 and for packs that declare none.
    pub net_owed_minor: Option<i64>,
    pub created_at: DateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
