//! Routes for activities, their statements, and clients.

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::idempotency::Idempotent;
use super::member_account::AccountQuery;
use super::problem::Problem;
use super::requests::{ClientPatchRequest, NewActivityRequest, NewClientRequest, Paging};
use crate::error::AppError;
use crate::service::views::{ActivityView, ClientView, Page, RecordChangeView, StatementView};
use crate::service::{activities, clients, history, member_account, Node};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

/// Filters of the activity list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActivityFilter {
    /// Only this member's activities.
    pub member_id: Option<Uuid>,
    /// Items to skip (default 0).
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

/// Opens an activity for a member.
#[utoipa::path(post, path = "/api/v1/activities", tag = "activities", request_body = NewActivityRequest,
    params(Idempotent),
    responses((status = 201, body = ActivityView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiJson(body): ApiJson<NewActivityRequest>,
) -> Result<Response, Problem> {
    let today = node.today();
    let input = activities::NewActivity::from(body.clone());
    idempotent
        .run(&node, &body, StatusCode::CREATED, async |txn| {
            Ok(ActivityView::from(activities::create(txn, &node, input, today).await?))
        })
        .await
}

/// Lists activities.
#[utoipa::path(get, path = "/api/v1/activities", tag = "activities", params(ActivityFilter),
    responses((status = 200, body = Page<ActivityView>)), security(("bearer" = [])))]
pub async fn list(
    State(node): State<Node>,
    ApiQuery(f): ApiQuery<ActivityFilter>,
) -> Result<Json<Page<ActivityView>>, Problem> {
    let (offset, limit) = Paging { offset: f.offset, limit: f.limit }.bounds()?;
    Ok(Json(activities::list(node.store.db(), &node, f.member_id, offset, limit).await?.map(ActivityView::from)))
}

/// One activity with its budget.
#[utoipa::path(get, path = "/api/v1/activities/{id}", tag = "activities", params(("id" = Uuid, Path, description = "Activity id")),
    responses((status = 200, body = ActivityView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn get(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Json<ActivityView>, Problem> {
    Ok(Json(ActivityView::from(activities::get(node.store.db(), &node, id).await?)))
}

/// The activity's statement: every flow of its budget in the months asked (this year unless told), with the opening and closing balance.
#[utoipa::path(get, path = "/api/v1/activities/{id}/statement", tag = "activities",
    params(("id" = Uuid, Path, description = "Activity id"), AccountQuery),
    responses((status = 200, body = StatementView), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn statement(
    State(node): State<Node>,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<AccountQuery>,
) -> Result<Json<StatementView>, Problem> {
    let (from, to) = member_account::months(q.from.as_deref(), q.to.as_deref(), node.today())?;
    let snapshot = node.store.snapshot().await.map_err(AppError::from)?;
    Ok(Json(activities::statement(&snapshot, &node, id, from, to).await?))
}

/// Registers a client.
#[utoipa::path(post, path = "/api/v1/clients", tag = "clients", request_body = NewClientRequest,
    params(Idempotent),
    responses((status = 201, body = ClientView), (status = 422, body = Problem)), security(("bearer" = [])))]
pub async fn create_client(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiJson(body): ApiJson<NewClientRequest>,
) -> Result<Response, Problem> {
    let input = clients::NewClient::from(body.clone());
    idempotent
        .run(&node, &body, StatusCode::CREATED, async |txn| {
            Ok(ClientView::from(clients::create(txn, node.pack.as_ref(), input).await?))
        })
        .await
}

/// Lists clients.
#[utoipa::path(get, path = "/api/v1/clients", tag = "clients", params(Paging),
    responses((status = 200, body = Page<ClientView>)), security(("bearer" = [])))]
pub async fn list_clients(
    State(node): State<Node>,
    ApiQuery(p): ApiQuery<Paging>,
) -> Result<Json<Page<ClientView>>, Problem> {
    let (offset, limit) = p.bounds()?;
    Ok(Json(clients::list(node.store.db(), offset, limit).await?.map(ClientView::from)))
}

/// One client.
#[utoipa::path(get, path = "/api/v1/clients/{id}", tag = "clients", params(("id" = Uuid, Path, description = "Client id")),
    responses((status = 200, body = ClientView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn get_client(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Json<ClientView>, Problem> {
    Ok(Json(ClientView::from(clients::get(node.store.db(), id).await?)))
}

/// Who made a correction, from the `X-Changed-By` header.
pub(crate) fn changed_by(headers: &HeaderMap) -> Result<String, Problem> {
    // Names are not ASCII ("Léa"): the header is read as UTF-8, not as visible ASCII.
    let given = match headers.get("x-changed-by").map(|v| std::str::from_utf8(v.as_bytes())) {
        None => None,
        Some(Ok(s)) => Some(s),
        Some(Err(_)) => return Err(AppError::invalid("X-Changed-By", "must be UTF-8 text").into()),
    };
    Ok(history::author(given)?)
}

/// Corrects a client (JSON merge patch, checked as on registration); the change is kept
/// in its history, and issued invoices keep the buyer as it was when they were issued.
#[utoipa::path(patch, path = "/api/v1/clients/{id}", tag = "clients",
    request_body(content = ClientPatchRequest, content_type = "application/merge-patch+json"),
    params(("id" = Uuid, Path, description = "Client id"),
        ("X-Changed-By" = Option<String>, Header, description = "Who makes the change (kept in the history; default `api`)"),
        Idempotent),
    responses((status = 200, body = ClientView), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn patch_client(
    State(node): State<Node>,
    idempotent: Idempotent,
    headers: HeaderMap,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Response, Problem> {
    let by = changed_by(&headers)?;
    let at = node.now();
    idempotent
        .run(&node, &body, StatusCode::OK, async |txn| {
            Ok(ClientView::from(clients::patch(txn, node.pack.as_ref(), id, &body, &by, at).await?))
        })
        .await
}

/// A client's corrections, oldest first: who, when, each field's old and new value.
#[utoipa::path(get, path = "/api/v1/clients/{id}/history", tag = "clients", params(("id" = Uuid, Path, description = "Client id")),
    responses((status = 200, body = Vec<RecordChangeView>), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn client_history(
    State(node): State<Node>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<Vec<RecordChangeView>>, Problem> {
    clients::load(node.store.db(), id).await?;
    Ok(Json(history::list(node.store.db(), history::Subject::Client, id).await?))
}
