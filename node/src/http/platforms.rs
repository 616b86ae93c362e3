//! Routes for partner platforms: registering one and enrolling its workers
//! (the node's token), and the platform's own batches of hours (its token).

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::idempotency::Idempotent;
use super::problem::Problem;
use crate::error::AppError;
use crate::service::platforms::{self, BatchLine, NewPlatform};
use crate::service::views::{BatchResultView, Page, PlatformView, PlatformWorkerView};
use crate::service::Node;
use crate::storage::platforms::StoredPlatform;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use partage_core::Rate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

/// The platform a request's token belongs to, set by the auth middleware on `/platform/` routes.
#[derive(Clone, Debug)]
pub struct PlatformAuth(pub StoredPlatform);

/// A platform to register.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPlatformRequest {
    /// Name.
    pub name: String,
    /// The client invoiced for the hours (registered with `POST /clients`).
    pub client_id: Uuid,
    /// Price of an hour excluding VAT (`"18.50"`).
    pub hourly_rate: String,
    /// Currency.
    #[schema(pattern = "^[A-Z]{3}$")]
    pub currency: String,
    /// VAT rate in percent (`"21"`).
    pub vat_rate: String,
    /// Worker kind of its workers (white-collar, manual, artist).
    pub worker_category: String,
    /// Function performed (`"Bicycle courier"`).
    pub function: String,
}

/// A member to enrol with a platform.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnrolRequest {
    /// The platform's reference of the worker, as its batches will name them.
    #[schema(min_length = 1, max_length = 64)]
    pub worker_ref: String,
    /// The member.
    pub member_id: Uuid,
    /// The motive each hourly contract of the worker states, from the node's country pack's
    /// closed list: on a French node required (Code du travail L1242-12), except for performers,
    /// whose contracts state the performing arts' CDD d'usage; refused on a node whose country
    /// asks none.
    pub motive: Option<super::requests::ContractMotiveRequest>,
    /// The worker's place in the collective agreement's classification, copied onto each hourly
    /// contract; at most 120 characters.
    #[schema(max_length = 120)]
    pub classification: Option<String>,
}

/// One line of hours: text fields, so that a malformed one rejects its line only.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchLineRequest {
    /// The worker's reference.
    pub worker: String,
    /// Day, `YYYY-MM-DD`.
    pub date: String,
    /// Start, `HH:MM`, on a quarter hour.
    pub start: String,
    /// End, `HH:MM`, the same day, on a quarter hour.
    pub end: String,
}

/// A batch of worked hours.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchRequest {
    /// The platform's id of the batch: sending it again returns the same answer.
    #[schema(min_length = 1, max_length = 64)]
    pub batch_id: String,
    /// The hours, at most 20,000 lines.
    #[schema(min_items = 1, max_items = 20000)]
    pub lines: Vec<BatchLineRequest>,
}

/// Registers a partner platform; the answer carries its API token, shown only this once.
#[utoipa::path(post, path = "/api/v1/platforms", tag = "platforms", request_body = NewPlatformRequest,
    params(Idempotent),
    responses((status = 201, body = PlatformView), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiJson(body): ApiJson<NewPlatformRequest>,
) -> Result<Response, Problem> {
    let cur = super::requests::currency(&body.currency, node.currency())?;
    let input = NewPlatform {
        name: body.name.clone(),
        client_id: body.client_id,
        hourly_rate: super::requests::amount("hourly_rate", &body.hourly_rate, cur)?,
        vat_rate: Rate::from_percent(super::requests::decimal("vat_rate", &body.vat_rate)?),
        worker_category: body.worker_category.clone(),
        function: body.function.clone(),
    };
    let now = node.now();
    idempotent.run(&node, &body, StatusCode::CREATED, async |txn| platforms::create(txn, &node, input, now).await).await
}

/// Filters of the platform list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlatformListQuery {
    /// Only the platforms invoicing this client.
    pub client_id: Option<Uuid>,
    /// Items to skip (default 0).
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
    /// Page size (default 50, at most 500).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

/// Lists registered platforms by name; never their token nor its hash.
#[utoipa::path(get, path = "/api/v1/platforms", tag = "platforms", operation_id = "list_platforms", params(PlatformListQuery),
    responses((status = 200, body = Page<PlatformView>), (status = 400, description = "A malformed query parameter (an id that is not a UUID, a negative offset)", body = Problem), (status = 422, body = Problem)), security(("bearer" = [])))]
pub async fn list(
    State(node): State<Node>,
    ApiQuery(q): ApiQuery<PlatformListQuery>,
) -> Result<Json<Page<PlatformView>>, Problem> {
    let (offset, limit) = super::requests::Paging { offset: q.offset, limit: q.limit }.bounds()?;
    Ok(Json(platforms::list(node.store.db(), q.client_id, offset, limit).await?))
}

/// A platform.
#[utoipa::path(get, path = "/api/v1/platforms/{id}", tag = "platforms", params(("id" = Uuid, Path, description = "Platform id")),
    responses((status = 200, body = PlatformView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn get(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Json<PlatformView>, Problem> {
    Ok(Json(platforms::get(node.store.db(), id).await?))
}

/// Enrols a member with a platform: opens the activity its hours are invoiced
/// from and files the hiring declaration that covers them.
#[utoipa::path(post, path = "/api/v1/platforms/{id}/workers", tag = "platforms", request_body = EnrolRequest,
    params(("id" = Uuid, Path, description = "Platform id"), Idempotent),
    responses((status = 201, body = PlatformWorkerView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn enrol(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<EnrolRequest>,
) -> Result<Response, Problem> {
    let now = node.now();
    let enrolment = platforms::NewEnrolment {
        worker_ref: body.worker_ref.clone(),
        member_id: body.member_id,
        motive: body.motive.clone().map(Into::into),
        classification: body.classification.clone(),
    };
    idempotent
        .run(&node, &body, StatusCode::CREATED, async |txn| platforms::enrol(txn, &node, id, enrolment, now).await)
        .await
}

/// Posts a batch of worked hours (the platform's own token). Each valid line
/// becomes an hourly contract and is invoiced to the platform, one invoice per
/// worker; invalid lines are returned with their reasons. 201 when processed
/// now, 200 when the batch id was processed before (the stored answer).
#[utoipa::path(post, path = "/api/v1/platform/batches", tag = "platforms", request_body = BatchRequest,
    responses((status = 201, body = BatchResultView), (status = 200, body = BatchResultView), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn post_batch(
    State(node): State<Node>,
    Extension(PlatformAuth(p)): Extension<PlatformAuth>,
    ApiJson(body): ApiJson<BatchRequest>,
) -> Result<Response, Problem> {
    let text = serde_json::to_string(&body.lines).map_err(|e| AppError::Corrupt(e.to_string()))?;
    let hash: String = Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    let lines: Vec<BatchLine> = body
        .lines
        .into_iter()
        .map(|l| BatchLine { worker: l.worker, date: l.date, start: l.start, end: l.end })
        .collect();
    let txn = node.store.write().await.map_err(AppError::from)?;
    let (result, replayed) = platforms::post_batch(&*txn, &node, &p, &body.batch_id, &lines, &hash, node.now()).await?;
    txn.commit().await.map_err(AppError::from)?;
    if replayed {
        return Ok((StatusCode::OK, Json(result)).into_response());
    }
    let mut res = (StatusCode::CREATED, Json(&result)).into_response();
    // The batch id is the platform's own text: percent-encode it as a path segment.
    let segment: String = result
        .batch_id
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => char::from(b).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect();
    let place = format!("/api/v1/platform/batches/{segment}");
    if let Ok(v) = HeaderValue::from_str(&place) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}

/// A batch's answer, as it was given (the platform's own token).
#[utoipa::path(get, path = "/api/v1/platform/batches/{id}", tag = "platforms", params(("id" = String, Path, description = "The platform's batch id")),
    responses((status = 200, body = BatchResultView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn get_batch(
    State(node): State<Node>,
    Extension(PlatformAuth(p)): Extension<PlatformAuth>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<BatchResultView>, Problem> {
    Ok(Json(platforms::batch(node.store.db(), p.id, &id).await?))
}
