//! A1 certificates a member holds (m0026).

use sea_orm::entity::prelude::*;

/// An A1 portable document: the legislation certified, by whom, for which days.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "a1_certificates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub member_id: Uuid,
    /// ISO 3166 code of the state whose institution issued it.
    pub issuing_state: String,
    /// The article of Regulation 883/2004 it rests on (`12(1)`, `13(1)(a)`...).
    pub article: String,
    pub valid_from: Date,
    pub valid_until: Date,
    /// The institution's reference number.
    pub reference: String,
    pub recorded_at: DateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
