//! Invoices (drafts and issued).

use sea_orm::entity::prelude::*;

/// An invoice row; totals are kept as computed at creation and checked at issue.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invoices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub activity_id: Uuid,
    pub client_id: Uuid,
    pub status: String,
    pub currency: String,
    pub language: String,
    pub invoice_date: Option<Date>,
    pub due_date: Option<Date>,
    pub payment_terms_days: i32,
    pub buyer_reference: String,
    pub number: Option<String>,
    pub number_year: Option<i32>,
    pub number_sequence: Option<i64>,
    pub net_minor: i64,
    pub vat_minor: i64,
    pub gross_minor: i64,
    pub paid_minor: i64,
    pub fee_minor: i64,
    pub fund_minor: i64,
    pub budget_minor: i64,
    pub credit_note_id: Option<Uuid>,
    pub created_at: DateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
