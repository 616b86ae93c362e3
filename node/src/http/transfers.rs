//! Routes for member transfers between offices (service::transfers): staff record the
//! member's request at the origin; the destination's staff accept or reject.

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::idempotency::Idempotent;
use super::problem::Problem;
use super::requests::Paging;
use crate::service::views::{Page, TransferView};
use crate::service::{transfers, Node};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// The member's request to move to another office.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTransferRequest {
    /// The destination office's id in the federation (`fr`).
    #[schema(pattern = "^[a-z0-9]{2,16}$")]
    pub destination: String,
}

/// A destination's refusal of a member.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectTransferRequest {
    /// Why, in a few words (sent to the origin: no personal data).
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub reason: String,
}

/// Filters of the transfer list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TransferFilter {
    /// origin or destination.
    #[param(pattern = "^(origin|destination)$")]
    pub side: Option<String>,
    /// offered, accepted, rejected, committed or cancelled.
    #[param(pattern = "^(offered|accepted|rejected|committed|cancelled)$")]
    pub status: Option<String>,
    /// Items to skip (default 0).
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

/// Offers a member to another office, on the member's request: the member is frozen
/// (`transferring`) and their record sent sealed to the destination.
#[utoipa::path(post, path = "/api/v1/members/{id}/transfers", tag = "transfers", request_body = NewTransferRequest,
    params(("id" = Uuid, Path, description = "Member id"), Idempotent),
    responses((status = 201, body = TransferView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<NewTransferRequest>,
) -> Result<Response, Problem> {
    idempotent
        .run(&node, &body, StatusCode::CREATED, async |txn| {
            TransferView::try_from(transfers::offer(txn, &node, id, &body.destination).await?)
        })
        .await
}

/// Lists transfers, newest first.
#[utoipa::path(get, path = "/api/v1/transfers", tag = "transfers", params(TransferFilter),
    responses((status = 200, body = Page<TransferView>)), security(("bearer" = [])))]
pub async fn list(
    State(node): State<Node>,
    ApiQuery(f): ApiQuery<TransferFilter>,
) -> Result<Json<Page<TransferView>>, Problem> {
    let (offset, limit) = Paging { offset: f.offset, limit: f.limit }.bounds()?;
    let page = transfers::list(node.store.db(), f.side.as_deref(), f.status.as_deref(), offset, limit).await?;
    Ok(Json(page.try_map(TransferView::try_from)?))
}

/// One transfer.
#[utoipa::path(get, path = "/api/v1/transfers/{id}", tag = "transfers", params(("id" = Uuid, Path, description = "Transfer id")),
    responses((status = 200, body = TransferView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn get(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Json<TransferView>, Problem> {
    Ok(Json(TransferView::try_from(transfers::get(node.store.db(), id).await?)?))
}

/// The destination takes the member: created here, frozen until the origin commits.
#[utoipa::path(post, path = "/api/v1/transfers/{id}/accept", tag = "transfers",
    params(("id" = Uuid, Path, description = "Transfer id"), Idempotent),
    responses((status = 200, body = TransferView), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn accept(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, Problem> {
    idempotent
        .run(&node, &(), StatusCode::OK, async |txn| TransferView::try_from(transfers::accept(txn, &node, id).await?))
        .await
}

/// The destination refuses the member; the imported record is erased.
#[utoipa::path(post, path = "/api/v1/transfers/{id}/reject", tag = "transfers", request_body = RejectTransferRequest,
    params(("id" = Uuid, Path, description = "Transfer id"), Idempotent),
    responses((status = 200, body = TransferView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn reject(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<RejectTransferRequest>,
) -> Result<Response, Problem> {
    idempotent
        .run(&node, &body, StatusCode::OK, async |txn| {
            TransferView::try_from(transfers::reject(txn, &node, id, &body.reason).await?)
        })
        .await
}

/// The origin withdraws its open offer: the member is active here again.
#[utoipa::path(post, path = "/api/v1/transfers/{id}/cancel", tag = "transfers",
    params(("id" = Uuid, Path, description = "Transfer id"), Idempotent),
    responses((status = 200, body = TransferView), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn cancel(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, Problem> {
    idempotent
        .run(&node, &(), StatusCode::OK, async |txn| TransferView::try_from(transfers::cancel(txn, &node, id).await?))
        .await
}
