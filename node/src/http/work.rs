//! Routes for work declarations, contracts and hiring declarations, and the
//! member identity they need.

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::idempotency::Idempotent;
use super::problem::Problem;
use super::requests::{CancelRequest, IdentityRequest, Paging, PayslipQuery, WorkDeclarationRequest};
use crate::service::contracts::ContractFilter;
use crate::service::views::{ContractView, MemberView, Page, TrueUpView, WorkDeclarationView};
use crate::service::work::DeclarationFilter;
use crate::service::{contract_pdf, members, work, Node};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

/// Records the member's national number and birth date (for hiring declarations).
#[utoipa::path(put, path = "/api/v1/members/{id}/identity", tag = "members", request_body = IdentityRequest,
    params(("id" = Uuid, Path, description = "Member id")),
    responses((status = 200, body = MemberView), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn set_identity(
    State(node): State<Node>,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<IdentityRequest>,
) -> Result<Json<MemberView>, Problem> {
    let txn = node.store.write().await.map_err(crate::error::AppError::from)?;
    let mut member = members::set_identity(&*txn, &node, id, &body.national_id, body.birth_date, node.today()).await?;
    if let Some(a) = &body.address {
        let address = members::Address {
            street: a.street.clone(),
            postal_code: a.postal_code.clone(),
            city: a.city.clone(),
            country: a.country.clone(),
        };
        member = members::set_address(&*txn, id, address).await?;
    }
    txn.commit().await.map_err(crate::error::AppError::from)?;
    Ok(Json(MemberView::try_from(member)?))
}

/// A member declares work.
#[utoipa::path(post, path = "/api/v1/work-declarations", tag = "work", request_body = WorkDeclarationRequest,
    params(Idempotent),
    responses((status = 201, body = WorkDeclarationView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn declare(
    State(node): State<Node>,
    headers: HeaderMap,
    idempotent: Idempotent,
    ApiJson(body): ApiJson<WorkDeclarationRequest>,
) -> Result<Response, Problem> {
    let input = body.clone().into_input(node.currency(), node.settings.country)?;
    let now = node.now();
    let language = language_of(&headers);
    idempotent
        .run(&node, &body, StatusCode::CREATED, async |txn| {
            let view = work::declare(txn, &node, input, now).await?;
            with_warnings(txn, &node, language, view).await
        })
        .await
}

/// Filters of the work declaration list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeclarationListQuery {
    /// Only this member's declarations.
    pub member_id: Option<Uuid>,
    /// Only this activity's.
    pub activity_id: Option<Uuid>,
    /// submitted, validated or returned.
    #[param(pattern = "^(submitted|validated|returned)$")]
    pub status: Option<String>,
    /// `YYYY-MM`: declarations with a day of work in that month.
    #[param(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$")]
    pub period: Option<String>,
    /// Items to skip (default 0).
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
    /// Page size (default 50, at most 500).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

/// Lists work declarations (with their days and contract), newest first.
#[utoipa::path(get, path = "/api/v1/work-declarations", tag = "work", operation_id = "list_work_declarations",
    params(DeclarationListQuery),
    responses((status = 200, body = Page<WorkDeclarationView>), (status = 400, description = "A malformed query parameter (an id that is not a UUID, a negative offset)", body = Problem), (status = 422, body = Problem)), security(("bearer" = [])))]
pub async fn list_declarations(
    State(node): State<Node>,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<DeclarationListQuery>,
) -> Result<Json<Page<WorkDeclarationView>>, Problem> {
    let (offset, limit) = Paging { offset: q.offset, limit: q.limit }.bounds()?;
    let filter =
        DeclarationFilter { member_id: q.member_id, activity_id: q.activity_id, status: q.status, period: q.period };
    let mut page = work::list_declarations(node.store.db(), node.zone, &filter, offset, limit).await?;
    crate::service::abroad::warn(node.store.db(), &node, language_of(&headers), &mut page.items).await?;
    Ok(Json(page))
}

/// Filters of the contract list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ContractListQuery {
    /// Only this member's contracts.
    pub member_id: Option<Uuid>,
    /// Only this activity's.
    pub activity_id: Option<Uuid>,
    /// active, cancelled or ended.
    #[param(pattern = "^(active|cancelled|ended)$")]
    pub status: Option<String>,
    /// per_performance, stabilised_monthly, hourly or framework.
    #[param(pattern = "^(per_performance|stabilised_monthly|hourly|framework)$")]
    pub kind: Option<String>,
    /// `YYYY-MM`: contracts whose work overlaps that month.
    #[param(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$")]
    pub period: Option<String>,
    /// Items to skip (default 0).
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
    /// Page size (default 50, at most 500).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

/// Lists contracts (with their hiring declarations), newest first.
#[utoipa::path(get, path = "/api/v1/contracts", tag = "work", operation_id = "list_contracts", params(ContractListQuery),
    responses((status = 200, body = Page<ContractView>), (status = 400, description = "A malformed query parameter (an id that is not a UUID, a negative offset)", body = Problem), (status = 422, body = Problem)), security(("bearer" = [])))]
pub async fn list_contracts(
    State(node): State<Node>,
    ApiQuery(q): ApiQuery<ContractListQuery>,
) -> Result<Json<Page<ContractView>>, Problem> {
    let (offset, limit) = Paging { offset: q.offset, limit: q.limit }.bounds()?;
    let filter = ContractFilter {
        member_id: q.member_id,
        activity_id: q.activity_id,
        status: q.status,
        kind: q.kind,
        period: q.period,
    };
    Ok(Json(crate::service::contracts::list(node.store.db(), &filter, offset, limit).await?))
}

/// One work declaration, with its contract once validated.
#[utoipa::path(get, path = "/api/v1/work-declarations/{id}", tag = "work", params(("id" = Uuid, Path, description = "Declaration id")),
    responses((status = 200, body = WorkDeclarationView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn get(
    State(node): State<Node>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<WorkDeclarationView>, Problem> {
    let view = work::get(node.store.db(), node.zone, id).await?;
    Ok(Json(with_warnings(node.store.db(), &node, language_of(&headers), view).await?))
}

/// The catalogue language the request's `Accept-Language` prefers.
fn language_of(headers: &HeaderMap) -> &'static str {
    super::catalogue::negotiate(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
}

/// A declaration's view with its warnings (work abroad) written in `language`.
async fn with_warnings<C: sea_orm::ConnectionTrait>(
    c: &C,
    node: &Node,
    language: &str,
    view: WorkDeclarationView,
) -> Result<WorkDeclarationView, crate::error::AppError> {
    let mut views = [view];
    crate::service::abroad::warn(c, node, language, &mut views).await?;
    let [view] = views;
    Ok(view)
}

/// An advisor validates a declaration: the contract and its hiring declaration are made.
#[utoipa::path(post, path = "/api/v1/work-declarations/{id}/validate", tag = "work",
    params(("id" = Uuid, Path, description = "Declaration id"), Idempotent),
    responses((status = 200, body = WorkDeclarationView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn validate(
    State(node): State<Node>,
    headers: HeaderMap,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, Problem> {
    let now = node.now();
    let language = language_of(&headers);
    idempotent
        .run(&node, &(), StatusCode::OK, async |txn| {
            let view = work::validate(txn, &node, id, now).await?;
            with_warnings(txn, &node, language, view).await
        })
        .await
}

/// An advisor returns a declaration to the member with a reason.
#[utoipa::path(post, path = "/api/v1/work-declarations/{id}/return", tag = "work", request_body = CancelRequest,
    params(("id" = Uuid, Path, description = "Declaration id"), Idempotent),
    responses((status = 200, body = WorkDeclarationView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn return_to_member(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<CancelRequest>,
) -> Result<Response, Problem> {
    let now = node.now();
    idempotent
        .run(&node, &body, StatusCode::OK, async |txn| {
            work::return_to_member(txn, node.zone, id, &body.reason, now).await
        })
        .await
}

/// One contract, with its hiring declarations.
#[utoipa::path(get, path = "/api/v1/contracts/{id}", tag = "work", params(("id" = Uuid, Path, description = "Contract id")),
    responses((status = 200, body = ContractView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn contract(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Json<ContractView>, Problem> {
    Ok(Json(work::contract_view(node.store.db(), id).await?))
}

/// The written employment contract as a PDF, in the member's language: the parties, the work
/// day by day, the wage and the mentions the pack's country asks a contract to state.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/pdf", tag = "work", params(("id" = Uuid, Path, description = "Contract id"), PayslipQuery),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 404, body = Problem), (status = 422, body = Problem)), security(("bearer" = [])))]
pub async fn contract_pdf(
    State(node): State<Node>,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<PayslipQuery>,
) -> Result<Response, Problem> {
    let lang = q.lang.as_deref().map(|l| node.language("lang", l)).transpose()?;
    let pdf = contract_pdf::contract_pdf(node.store.db(), &node, id, lang).await?;
    let mut res = pdf.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    Ok(res)
}

/// A stabilised contract's year-end true-ups: what was earned against what was paid, and what became of the difference.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/true-ups", tag = "work", params(("id" = Uuid, Path, description = "Contract id")),
    responses((status = 200, body = Vec<TrueUpView>), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn true_ups(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Json<Vec<TrueUpView>>, Problem> {
    Ok(Json(crate::service::stabilised::true_ups(node.store.db(), id).await?))
}

/// A hiring declaration as sent to the state, in the country's format.
#[utoipa::path(get, path = "/api/v1/hiring-declarations/{id}", tag = "work", params(("id" = Uuid, Path, description = "Hiring declaration id")),
    responses((status = 200, content_type = "application/xml", body = String), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn hiring_declaration(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Response, Problem> {
    let (_format, content) = work::hiring_document(node.store.db(), id).await?;
    let mut res = content.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/xml"));
    Ok(res)
}

/// The period numbers the state's acknowledgement of an IN declaration gives.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcknowledgementRequest {
    /// One number per declared period (per day of a day contract), in day order, in the form the country's acknowledgement gives.
    pub period_ids: Vec<String>,
}

/// Why a contract is cancelled.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractCancelRequest {
    /// The reason.
    #[schema(pattern = "\\S")]
    pub reason: String,
}

/// When an open-ended contract ends.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractEndRequest {
    /// Its last day.
    #[serde(deserialize_with = "crate::service::bounds::wire::date")]
    pub on: chrono::NaiveDate,
}

/// Records the state's acknowledgement of an IN declaration: its period numbers, as the pack checks them.
#[utoipa::path(put, path = "/api/v1/hiring-declarations/{id}/acknowledgement", tag = "work", request_body = AcknowledgementRequest,
    params(("id" = Uuid, Path, description = "Hiring declaration id")),
    responses((status = 200, body = ContractView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn acknowledge(
    State(node): State<Node>,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<AcknowledgementRequest>,
) -> Result<Json<ContractView>, Problem> {
    let txn = node.store.write().await.map_err(crate::error::AppError::from)?;
    let view = crate::service::contracts::acknowledge(&*txn, node.pack.as_ref(), id, &body.period_ids).await?;
    txn.commit().await.map_err(crate::error::AppError::from)?;
    Ok(Json(view))
}

/// Cancels a contract before its work starts: a CANCEL declaration for each of its periods.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/cancel", tag = "work", request_body = ContractCancelRequest,
    params(("id" = Uuid, Path, description = "Contract id"), Idempotent),
    responses((status = 200, body = ContractView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn cancel_contract(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ContractCancelRequest>,
) -> Result<Response, Problem> {
    let now = node.now();
    idempotent
        .run(&node, &body, StatusCode::OK, async |txn| {
            crate::service::contracts::cancel(txn, &node, id, &body.reason, now).await
        })
        .await
}

/// Ends an open-ended contract (stabilised monthly, platform enrolment): an OUT declaration; the last month is paid by calendar days.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/end", tag = "work", request_body = ContractEndRequest,
    params(("id" = Uuid, Path, description = "Contract id"), Idempotent),
    responses((status = 200, body = ContractView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn end_contract(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ContractEndRequest>,
) -> Result<Response, Problem> {
    let now = node.now();
    idempotent
        .run(&node, &body, StatusCode::OK, async |txn| {
            crate::service::contracts::end(txn, &node, id, body.on, now).await
        })
        .await
}

/// New hours for one day of a day contract.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DayUpdateRequest {
    /// The day (one of the contract's).
    #[serde(deserialize_with = "crate::service::bounds::wire::date")]
    pub date: chrono::NaiveDate,
    /// New start, `HH:MM`.
    #[schema(value_type = String, pattern = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$")]
    pub start: chrono::NaiveTime,
    /// New end, `HH:MM`.
    #[schema(value_type = String, pattern = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$")]
    pub end: chrono::NaiveTime,
}

/// Changes one day's hours before that day's work: an UPDATE declaration of that day's period.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/update", tag = "work", request_body = DayUpdateRequest,
    params(("id" = Uuid, Path, description = "Contract id"), Idempotent),
    responses((status = 200, body = ContractView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn update_contract(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<DayUpdateRequest>,
) -> Result<Response, Problem> {
    let now = node.now();
    let day = partage_core::work_declaration::WorkPeriod { date: body.date, start: body.start, end: body.end };
    idempotent
        .run(&node, &body, StatusCode::OK, async |txn| {
            crate::service::contracts::update_day(txn, &node, id, day, now).await
        })
        .await
}
