//! Members and their share register entry.

use sea_orm::entity::prelude::*;

/// A member row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub language: String,
    pub status: String,
    pub share_nominal_minor: i64,
    pub currency: String,
    pub shares_subscribed: i32,
    pub shares_paid: i32,
    pub shares_refunded: i32,
    pub shares_cancelled: i32,
    pub applied_on: Date,
    pub admitted_on: Option<Date>,
    pub left_on: Option<Date>,
    pub national_id: Option<String>,
    pub birth_date: Option<Date>,
    /// Nationality, ISO 3166-1 alpha-2 (m0036).
    pub nationality: Option<String>,
    pub iban: Option<String>,
    pub family_situation: String,
    pub children: i32,
    pub disabled_children: i32,
    pub dependants_over_65: i32,
    pub other_dependants: i32,
    pub disabled: bool,
    pub partner_disabled: bool,
    /// Home address (street and number), shown on payslips; None until the member gives it.
    pub address_street: Option<String>,
    /// Postal code of the home address.
    pub address_postal_code: Option<String>,
    /// City of the home address.
    pub address_city: Option<String>,
    /// Country of the home address (ISO 3166-1 alpha-2).
    pub address_country: Option<String>,
    /// First and last name folded for search (`storage::members::folded`).
    pub search_name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
