//! Routes for members and their shares.

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::idempotency::Idempotent;
use super::problem::Problem;
use super::requests::{
    amount, currency, DatedRequest, MemberPatchRequest, NewMemberRequest, Paging, PaySharesRequest,
    SubscribeSharesRequest,
};
use crate::service::views::{MemberView, Page, RecordChangeView};
use crate::service::{bounds, members, Node};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use partage_core::RoundingRule;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

/// Filters of the member list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MemberFilter {
    /// applicant, member, leaving, left, transferring or transferred.
    #[param(pattern = "^(applicant|member|leaving|left|transferring|transferred)$")]
    pub status: Option<String>,
    /// Part of the first or last name, any case: each word must be in one of them.
    #[param(max_length = 100, pattern = "^[^\\x00-\\x1F\\x7F-\\x9F]*$")]
    pub name: Option<String>,
    /// Items to skip (default 0).
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

/// Registers an applicant.
#[utoipa::path(post, path = "/api/v1/members", tag = "members", request_body = NewMemberRequest,
    params(Idempotent),
    responses((status = 201, body = MemberView), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiJson(body): ApiJson<NewMemberRequest>,
) -> Result<Response, Problem> {
    let today = node.today();
    let input = members::NewMember::from(body.clone());
    idempotent
        .run(&node, &body, StatusCode::CREATED, async |txn| {
            MemberView::try_from(members::create(txn, &node, input, today).await?)
        })
        .await
}

/// Lists members, newest first.
#[utoipa::path(get, path = "/api/v1/members", tag = "members", params(MemberFilter),
    responses((status = 200, body = Page<MemberView>)), security(("bearer" = [])))]
pub async fn list(
    State(node): State<Node>,
    ApiQuery(f): ApiQuery<MemberFilter>,
) -> Result<Json<Page<MemberView>>, Problem> {
    let (offset, limit) = Paging { offset: f.offset, limit: f.limit }.bounds()?;
    Ok(Json(
        members::list(node.store.db(), f.status.as_deref(), f.name.as_deref(), offset, limit)
            .await?
            .try_map(MemberView::try_from)?,
    ))
}

/// One member.
#[utoipa::path(get, path = "/api/v1/members/{id}", tag = "members", params(("id" = Uuid, Path, description = "Member id")),
    responses((status = 200, body = MemberView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn get(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Json<MemberView>, Problem> {
    Ok(Json(MemberView::try_from(members::get(node.store.db(), id).await?)?))
}

/// Subscribes shares (the member then owes their nominal value).
#[utoipa::path(post, path = "/api/v1/members/{id}/shares", tag = "members", request_body = SubscribeSharesRequest,
    params(("id" = Uuid, Path, description = "Member id"), Idempotent),
    responses((status = 200, body = MemberView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn subscribe(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<SubscribeSharesRequest>,
) -> Result<Response, Problem> {
    let date = body.date.unwrap_or_else(|| node.today());
    bounds::in_the_cooperatives_life(&node, "date", date)?;
    let owed = node
        .settings
        .share_nominal
        .times(rust_decimal::Decimal::from(body.count), RoundingRule::HalfUp)
        .map_err(crate::error::AppError::from)?;
    bounds::amount(&node, "count", owed)?;
    idempotent
        .run(&node, &body, StatusCode::OK, async |txn| {
            MemberView::try_from(members::subscribe(txn, id, body.count, date).await?)
        })
        .await
}

/// Records a payment for subscribed shares; the first paid share admits the applicant.
#[utoipa::path(post, path = "/api/v1/members/{id}/shares/payments", tag = "members", request_body = PaySharesRequest,
    params(("id" = Uuid, Path, description = "Member id"), Idempotent),
    responses((status = 200, body = MemberView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn pay(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<PaySharesRequest>,
) -> Result<Response, Problem> {
    let cur = currency(&body.currency, node.currency())?;
    let paid = amount("amount", &body.amount, cur)?;
    bounds::amount(&node, "amount", paid)?;
    let date = body.date.unwrap_or_else(|| node.today());
    bounds::in_the_cooperatives_life(&node, "date", date)?;
    idempotent
        .run(&node, &body, StatusCode::OK, async |txn| MemberView::try_from(members::pay(txn, id, paid, date).await?))
        .await
}

/// The member asks to leave.
#[utoipa::path(post, path = "/api/v1/members/{id}/leave", tag = "members", request_body = DatedRequest,
    params(("id" = Uuid, Path, description = "Member id"), Idempotent),
    responses((status = 200, body = MemberView), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn leave(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<DatedRequest>,
) -> Result<Response, Problem> {
    idempotent
        .run(&node, &body, StatusCode::OK, async |txn| MemberView::try_from(members::ask_to_leave(txn, id).await?))
        .await
}

/// Refunds a leaving member's shares: the member has left.
#[utoipa::path(post, path = "/api/v1/members/{id}/shares/refund", tag = "members", request_body = DatedRequest,
    params(("id" = Uuid, Path, description = "Member id"), Idempotent),
    responses((status = 200, body = MemberView), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn refund(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<DatedRequest>,
) -> Result<Response, Problem> {
    let date = body.date.unwrap_or_else(|| node.today());
    bounds::in_the_cooperatives_life(&node, "date", date)?;
    idempotent
        .run(&node, &body, StatusCode::OK, async |txn| MemberView::try_from(members::refund(txn, id, date).await?))
        .await
}

/// Corrects a member's name, email or language (JSON merge patch, checked as on
/// registration); the change is kept in the member's history.
#[utoipa::path(patch, path = "/api/v1/members/{id}", tag = "members",
    request_body(content = MemberPatchRequest, content_type = "application/merge-patch+json"),
    params(("id" = Uuid, Path, description = "Member id"),
        ("X-Changed-By" = Option<String>, Header, description = "Who makes the change (kept in the history; default `api`)"),
        Idempotent),
    responses((status = 200, body = MemberView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn patch(
    State(node): State<Node>,
    idempotent: Idempotent,
    headers: HeaderMap,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Response, Problem> {
    let by = super::activities::changed_by(&headers)?;
    let at = node.now();
    idempotent
        .run(&node, &body, StatusCode::OK, async |txn| {
            MemberView::try_from(members::patch(txn, &node, id, &body, &by, at).await?)
        })
        .await
}

/// A member's corrections, oldest first: who, when, each field's old and new value.
#[utoipa::path(get, path = "/api/v1/members/{id}/history", tag = "members", params(("id" = Uuid, Path, description = "Member id")),
    responses((status = 200, body = Vec<RecordChangeView>), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn history(
    State(node): State<Node>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<Vec<RecordChangeView>>, Problem> {
    members::load(node.store.db(), id).await?;
    Ok(Json(crate::service::history::list(node.store.db(), crate::service::history::Subject::Member, id).await?))
}
