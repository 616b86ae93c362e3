//! Periods of declared work.

use sea_orm::entity::prelude::*;

/// One day's period.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "work_periods")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub declaration_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub position: i32,
    pub work_date: Date,
    pub start_time: Time,
    pub end_time: Time,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
