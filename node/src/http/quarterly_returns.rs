//! Routes for the quarterly social security return (Belgium: DmfA): build a quarter's
//! return from its payslips, read what it declares, fetch its document.

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::idempotency::Idempotent;
use super::problem::Problem;
use crate::error::AppError;
use crate::service::quarterly_returns;
use crate::service::views::QuarterlyReturnView;
use crate::service::Node;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// The quarter to declare.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuarterlyReturnRequest {
    /// The quarter, `YYYY-Qn` (`2026-Q3`); it must have ended.
    #[schema(pattern = "^[0-9]{4}-Q[1-4]$")]
    pub quarter: String,
}

/// Which returns to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QuarterlyReturnsQuery {
    /// Only this quarter's versions, `YYYY-Qn`.
    #[param(pattern = "^[0-9]{4}-Q[1-4]$")]
    pub quarter: Option<String>,
}

/// Builds the return of an ended quarter from its payslips; building a quarter again makes a correcting version.
#[utoipa::path(post, path = "/api/v1/quarterly-returns", tag = "payroll", request_body = QuarterlyReturnRequest,
    params(Idempotent),
    responses((status = 201, body = QuarterlyReturnView), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiJson(body): ApiJson<QuarterlyReturnRequest>,
) -> Result<Response, Problem> {
    idempotent
        .run(&node, &body, StatusCode::CREATED, async |txn| {
            quarterly_returns::build(txn, &node, &body.quarter, node.today(), node.now()).await
        })
        .await
}

/// Every version of the returns built (or of one quarter's), newest quarter first.
#[utoipa::path(get, path = "/api/v1/quarterly-returns", tag = "payroll", params(QuarterlyReturnsQuery),
    responses((status = 200, body = Vec<QuarterlyReturnView>), (status = 422, body = Problem)), security(("bearer" = [])))]
pub async fn list(
    State(node): State<Node>,
    ApiQuery(q): ApiQuery<QuarterlyReturnsQuery>,
) -> Result<Json<Vec<QuarterlyReturnView>>, Problem> {
    Ok(Json(quarterly_returns::list(node.store.db(), q.quarter.as_deref()).await?))
}

/// A return: its quarter, version, and the amounts it declares.
#[utoipa::path(get, path = "/api/v1/quarterly-returns/{id}", tag = "payroll", params(("id" = Uuid, Path, description = "Return id")),
    responses((status = 200, body = QuarterlyReturnView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn get(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Json<QuarterlyReturnView>, Problem> {
    Ok(Json(quarterly_returns::get(node.store.db(), id).await?))
}

/// A return's document, as filed (DmfA XML).
#[utoipa::path(get, path = "/api/v1/quarterly-returns/{id}/xml", tag = "payroll", params(("id" = Uuid, Path, description = "Return id")),
    responses((status = 200, content_type = "application/xml", body = String), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn document(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Response, Problem> {
    let (media_type, content) = quarterly_returns::document(node.store.db(), id).await?;
    let mut res = content.into_response();
    let value = HeaderValue::from_str(&media_type).map_err(|e| AppError::Corrupt(format!("media type: {e}")))?;
    res.headers_mut().insert(header::CONTENT_TYPE, value);
    Ok(res)
}
