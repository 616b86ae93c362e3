//! Signed order forms the guarantee fund advances a budget on before the invoice.

use sea_orm::entity::prelude::*;

/// An order form: what the client ordered, the budget advanced, and the invoice that closed it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "order_forms")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub activity_id: Uuid,
    pub client_id: Uuid,
    pub reference: String,
    pub amount_minor: i64,
    pub advance_minor: i64,
    pub currency: String,
    pub signed_on: Date,
    pub status: String,
    pub invoice_id: Option<Uuid>,
    pub created_at: DateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
