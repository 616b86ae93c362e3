//! Routes for the node's settings an admin changes at run time: the fee's schedule
//! (service::fee_schedule). Admins only, as `/api-tokens` and `/accounts` are.

use super::extract::ApiJson;
use super::idempotency::Idempotent;
use super::problem::Problem;
use crate::auth::Principal;
use crate::service::fee_schedule::{self, FeeChangeRequest, FeeChangeView, FeeSettingsView};
use crate::service::Node;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Json};

/// The fee in force today, the configuration's, and the latest changes of the schedule.
#[utoipa::path(get, path = "/api/v1/settings/fee", tag = "node",
    responses((status = 200, body = FeeSettingsView), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn fee(State(node): State<Node>) -> Result<Json<FeeSettingsView>, Problem> {
    Ok(Json(fee_schedule::settings(node.store.db(), &node).await?))
}

/// Changes the fee rate and the fund's share from a later day; invoices issued before keep
/// their fee. The audit log keeps who changed it, the fee it replaces and why.
#[utoipa::path(post, path = "/api/v1/settings/fee/changes", tag = "node", request_body = FeeChangeRequest,
    params(Idempotent),
    responses((status = 201, body = FeeChangeView), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn change_fee(
    State(node): State<Node>,
    Extension(by): Extension<Principal>,
    idempotent: Idempotent,
    ApiJson(body): ApiJson<FeeChangeRequest>,
) -> Result<Response, Problem> {
    idempotent
        .run(&node, &body, StatusCode::CREATED, async |txn| fee_schedule::record(txn, &node, &body, &by.name).await)
        .await
}
