//! Background jobs as the API shows them.

use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A background job (a payroll run's processing): where it stands, how often it was
/// tried, why it failed.
#[derive(Debug, Serialize, ToSchema)]
pub struct JobView {
    /// Job id.
    pub id: Uuid,
    /// What it does: payroll_run.
    pub kind: String,
    /// What it works on (for payroll_run, the run's id); one job per key is queued or running.
    pub key: String,
    /// Path of what it works on.
    pub resource: Option<String>,
    /// queued, running, done or failed.
    pub state: String,
    /// Why the last attempt failed (state failed).
    pub error: Option<String>,
    /// Attempts started: a job stopped or killed mid-way is attempted again at the next start.
    pub attempts: i32,
    /// When it was queued.
    pub created_at: chrono::NaiveDateTime,
    /// When its last attempt started.
    pub started_at: Option<chrono::NaiveDateTime>,
    /// When it finished or failed.
    pub finished_at: Option<chrono::NaiveDateTime>,
}
