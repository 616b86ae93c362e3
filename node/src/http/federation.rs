//! Routes for the federation inbox's parked messages (service::parked): an admin sees what
//! other nodes sent that this node did not apply, retries one (verified again, applied once)
//! or dismisses it once looked at. Admins only (`auth::policy`).

use super::extract::ApiPath;
use super::extract::ApiQuery;
use super::idempotency::Idempotent;
use super::problem::Problem;
use super::requests::Paging;
use crate::auth::Principal;
use crate::error::AppError;
use crate::service::views::{Page, ParkedMessageView, RetryView};
use crate::service::{parked, Node};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Json};
use uuid::Uuid;

/// The parked messages, oldest first.
#[utoipa::path(get, path = "/api/v1/federation/parked", tag = "federation", params(Paging),
    responses((status = 200, body = Page<ParkedMessageView>), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn list(
    State(node): State<Node>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<Page<ParkedMessageView>>, Problem> {
    let (offset, limit) = paging.bounds()?;
    Ok(Json(parked::list(node.store.db(), offset, limit).await?))
}

/// Retries a parked message: its signature verified again against the peers file as it is
/// now, then applied once. Applied or a duplicate, it leaves the list; refused again, it
/// stays with the new reason. Kept in the node's history.
#[utoipa::path(post, path = "/api/v1/federation/parked/{id}/retry", tag = "federation",
    params(("id" = Uuid, Path, description = "Parked message id"), Idempotent),
    responses((status = 200, body = RetryView), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn retry(
    State(node): State<Node>,
    Extension(by): Extension<Principal>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, Problem> {
    idempotent.run(&node, &(), StatusCode::OK, async |txn| parked::retry(txn, &node, id, &by.name).await).await
}

/// Dismisses a parked message a person looked at: it is never applied (its event, if it was
/// verified, stays recorded as received). Kept in the node's history with its subject and reason.
#[utoipa::path(delete, path = "/api/v1/federation/parked/{id}", tag = "federation",
    params(("id" = Uuid, Path, description = "Parked message id")),
    responses((status = 204, description = "Dismissed"), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn dismiss(
    State(node): State<Node>,
    Extension(by): Extension<Principal>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, Problem> {
    let txn = node.store.write().await.map_err(AppError::from)?;
    parked::dismiss(&*txn, &node, id, &by.name).await?;
    txn.commit().await.map_err(AppError::from)?;
    Ok(StatusCode::NO_CONTENT)
}
