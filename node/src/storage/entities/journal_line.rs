//! Journal lines.

use sea_orm::entity::prelude::*;

/// A line row: debit positive, credit negative.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "journal_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub entry_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub position: i32,
    pub account: String,
    pub sub_account: Option<Uuid>,
    pub amount_minor: i64,
    pub currency: String,
    /// The entry's date, copied so statements read a window of months through an index.
    pub entry_date: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
