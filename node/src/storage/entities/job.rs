//! Background jobs: payroll runs first; see `crate::jobs`.

use sea_orm::entity::prelude::*;

/// A job: what it does (kind and key), where it stands, how often it was tried.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "jobs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `payroll_run`.
    pub kind: String,
    /// What the job works on (a payroll run's id).
    pub key: String,
    /// queued, running, done or failed.
    pub state: String,
    /// `kind:key` while queued or running, NULL after: unique, so one job per key is active.
    pub active_key: Option<String>,
    /// Why the last attempt failed.
    pub error: Option<String>,
    /// Attempts started (a job stopped or killed mid-way is attempted again at start-up).
    pub attempts: i32,
    pub created_at: DateTime,
    pub started_at: Option<DateTime>,
    pub finished_at: Option<DateTime>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
