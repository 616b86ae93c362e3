//! Routes for the node's settings an admin changes at run time: the schedules of the fee
//! (service::fee_schedule) and of the employer-cost coefficient
//! (service::coefficient_schedule). Admins only, as `/api-tokens` and `/accounts` are.

use super::extract::ApiJson;
use super::idempotency::Idempotent;
use super::problem::Problem;
use crate::auth::Principal;
use crate::service::coefficient_schedule::{
    self, CoefficientChangeRequest, CoefficientChangeView, CoefficientSettingsView,
};
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

/// The employer-cost coefficient in force today (the one a contract made today is computed
/// and paid at), the configuration's, and the latest changes of its schedule.
#[utoipa::path(get, path = "/api/v1/settings/coefficient/changes", tag = "node",
    responses((status = 200, body = CoefficientSettingsView), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn coefficient(State(node): State<Node>) -> Result<Json<CoefficientSettingsView>, Problem> {
    Ok(Json(coefficient_schedule::settings(node.store.db(), &node).await?))
}

/// Changes the employer-cost coefficient from a later day: contracts made from that day are
/// computed and paid at it; contracts made before keep theirs. The audit log keeps who
/// changed it, the coefficient it replaces and why.
#[utoipa::path(post, path = "/api/v1/settings/coefficient/changes", tag = "node", request_body = CoefficientChangeRequest,
    params(Idempotent),
    responses((status = 201, body = CoefficientChangeView), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn change_coefficient(
    State(node): State<Node>,
    Extension(by): Extension<Principal>,
    idempotent: Idempotent,
    ApiJson(body): ApiJson<CoefficientChangeRequest>,
) -> Result<Response, Problem> {
    idempotent
        .run(&node, &body, StatusCode::CREATED, async |txn| {
            coefficient_schedule::record(txn, &node, &body, &by.name).await
        })
        .await
}
