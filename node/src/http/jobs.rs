//! Routes for background jobs (payroll runs' processing): where each stands, why one failed.

use super::extract::{ApiPath, ApiQuery};
use super::problem::Problem;
use super::requests::Paging;
use crate::jobs::{self, JobFilter};
use crate::service::views::{JobView, Page};
use crate::service::Node;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

/// Filters of the job list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JobListQuery {
    /// payroll_run.
    #[param(pattern = "^(payroll_run)$")]
    pub kind: Option<String>,
    /// queued, running, done or failed.
    #[param(pattern = "^(queued|running|done|failed)$")]
    pub state: Option<String>,
    /// Items to skip (default 0).
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
    /// Page size (default 50, at most 500).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

/// Lists background jobs, newest first.
#[utoipa::path(get, path = "/api/v1/jobs", tag = "node", operation_id = "list_jobs", params(JobListQuery),
    responses((status = 200, body = Page<JobView>), (status = 400, description = "A malformed query parameter (a negative offset)", body = Problem), (status = 422, body = Problem)), security(("bearer" = [])))]
pub async fn list(
    State(node): State<Node>,
    ApiQuery(q): ApiQuery<JobListQuery>,
) -> Result<Json<Page<JobView>>, Problem> {
    let (offset, limit) = Paging { offset: q.offset, limit: q.limit }.bounds()?;
    let filter = JobFilter { kind: q.kind, state: q.state };
    Ok(Json(jobs::list(node.store.db(), &filter, offset, limit).await?))
}

/// A background job: its state, attempts and, if it failed, why.
#[utoipa::path(get, path = "/api/v1/jobs/{id}", tag = "node", operation_id = "get_job", params(("id" = Uuid, Path, description = "Job id")),
    responses((status = 200, body = JobView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn get(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Json<JobView>, Problem> {
    Ok(Json(jobs::get(node.store.db(), id).await?))
}
