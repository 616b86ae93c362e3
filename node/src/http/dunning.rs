//! Routes for dunning: runs that send the steps due, the advisors' list of overdue invoices,
//! and what advisors do with one invoice.

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::idempotency::Idempotent;
use super::problem::Problem;
use super::requests::Paging;
use crate::error::AppError;
use crate::service::dunning;
use crate::service::views::{DunningCaseView, DunningRunView, Page};
use crate::service::Node;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A dunning run.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DunningRunRequest {
    /// The day the steps are dated (default today; not in the future).
    #[serde(default, deserialize_with = "crate::service::bounds::wire::option")]
    pub date: Option<NaiveDate>,
}

/// What an advisor does with an invoice's dunning.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DunningActionRequest {
    /// pause, resume or hand_to_collection.
    #[schema(pattern = "^(pause|resume|hand_to_collection)$")]
    pub action: String,
    /// Why: required to pause or hand to collection.
    pub reason: Option<String>,
}

/// Sends the steps due on a day: each issued, unpaid, overdue invoice whose dunning is active
/// gets the next step of the pack's schedule once its wait is over. Running a day twice sends
/// nothing new.
#[utoipa::path(post, path = "/api/v1/dunning/runs", tag = "dunning", request_body = DunningRunRequest,
    params(Idempotent),
    responses((status = 200, body = DunningRunView), (status = 422, body = Problem)), security(("bearer" = [])))]
pub async fn run(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiJson(body): ApiJson<DunningRunRequest>,
) -> Result<Response, Problem> {
    let today = node.today();
    let date = body.date.unwrap_or(today);
    if date > today {
        return Err(AppError::invalid("date", "a reminder cannot be dated in the future").into());
    }
    let now = node.now();
    idempotent.run(&node, &body, StatusCode::OK, async |txn| dunning::run(txn, &node, date, now).await).await
}

/// The advisors' list: every overdue, unpaid invoice with its client, amount, days overdue,
/// last and next step, interest to today and status, most urgent first.
#[utoipa::path(get, path = "/api/v1/dunning", tag = "dunning", params(Paging),
    responses((status = 200, body = Page<DunningCaseView>), (status = 422, body = Problem)), security(("bearer" = [])))]
pub async fn list(
    State(node): State<Node>,
    ApiQuery(p): ApiQuery<Paging>,
) -> Result<Json<Page<DunningCaseView>>, Problem> {
    let (offset, limit) = p.bounds()?;
    Ok(Json(dunning::list(node.store.db(), &node, node.today(), offset, limit).await?))
}

/// One invoice's dunning: status, every step sent, the next one, interest to today.
#[utoipa::path(get, path = "/api/v1/invoices/{id}/dunning", tag = "dunning", params(("id" = Uuid, Path, description = "Invoice id")),
    responses((status = 200, body = DunningCaseView), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn get(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Json<DunningCaseView>, Problem> {
    Ok(Json(dunning::get(node.store.db(), &node, id, node.today()).await?))
}

/// An advisor pauses, resumes or hands an invoice's dunning to collection (409 for a paid,
/// written-off or cancelled invoice).
#[utoipa::path(post, path = "/api/v1/invoices/{id}/dunning", tag = "dunning", request_body = DunningActionRequest,
    params(("id" = Uuid, Path, description = "Invoice id"), Idempotent),
    responses((status = 200, body = DunningCaseView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn act(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<DunningActionRequest>,
) -> Result<Response, Problem> {
    let action = dunning::parse_action(body.action.trim())?;
    let (today, now) = (node.today(), node.now());
    idempotent
        .run(&node, &body, StatusCode::OK, async |txn| {
            dunning::act(txn, &node, id, action, body.reason.as_deref(), today, now).await
        })
        .await
}
