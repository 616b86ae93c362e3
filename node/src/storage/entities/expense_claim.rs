//! Members' expense claims.

use sea_orm::entity::prelude::*;

/// A claim: travel (kilometres), material (amount spent) or days abroad (country, days,
/// and the amount spent when claimed instead of the allowance).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "expense_claims")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub activity_id: Uuid,
    pub member_id: Uuid,
    pub kind: String,
    pub claim_date: Date,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub receipt: Option<String>,
    pub kilometres: Option<String>,
    pub country: Option<String>,
    pub days: Option<i32>,
    pub spent_minor: Option<i64>,
    pub amount_minor: i64,
    pub currency: String,
    pub rate: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub rate_source: Option<String>,
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub submitted_at: DateTime,
    pub decided_at: Option<DateTime>,
    pub entry_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
