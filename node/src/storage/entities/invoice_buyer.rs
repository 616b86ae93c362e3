//! The buyer of an issued invoice as it stood at issue: a later correction of the
//! client does not change the invoice.

use sea_orm::entity::prelude::*;

/// The buyer's fields at issue, as in `clients`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invoice_buyers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub invoice_id: Uuid,
    pub name: String,
    pub kind: String,
    pub country: String,
    pub vat_number: Option<String>,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub email: Option<String>,
    pub endpoint_scheme: Option<String>,
    pub endpoint_id: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
