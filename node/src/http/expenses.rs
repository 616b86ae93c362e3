//! Routes for members' expense claims: submit, read, the advisors' queue, validate (and repay
//! from the activity's budget), reject; a claim's receipt file, attached and read back.

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::idempotency::Idempotent;
use super::problem::Problem;
use super::requests::{amount, currency, decimal, Paging};
use crate::error::AppError;
use crate::service::expense_receipts::{self, MAX_BYTES};
use crate::service::expenses::{self, NewExpenseClaim};
use crate::service::views::{ExpenseClaimView, Page, ReceiptFileView};
use crate::service::Node;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use partage_core::expense::ExpenseKind;
use partage_core::Currency;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// A member's expense claim. Which fields it takes depends on `kind`: `kilometres` for
/// travel; `amount` (and `receipt`) for material; `country` and `days` for per diem abroad,
/// with `amount` (and `receipt`) when the member claims what was spent rather than the allowance.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpenseClaimRequest {
    /// The activity whose budget repays it.
    pub activity_id: Uuid,
    /// The member who spent (the activity's member).
    pub member_id: Uuid,
    /// travel, material or per_diem_abroad.
    #[schema(pattern = "^(travel|material|per_diem_abroad)$")]
    pub kind: String,
    /// Day of the trip or purchase (not in the future).
    #[serde(deserialize_with = "crate::service::bounds::wire::date")]
    pub date: NaiveDate,
    /// What it was for.
    #[schema(pattern = "\\S")]
    pub description: String,
    /// The receipt's reference: required for material and for an amount spent abroad.
    pub receipt: Option<String>,
    /// Travel: kilometres driven with the member's own vehicle, a decimal string.
    pub kilometres: Option<String>,
    /// Material, or per diem claimed at cost: the amount spent, a decimal string.
    pub amount: Option<String>,
    /// Currency of `amount` (the node's currency; default it).
    pub currency: Option<String>,
    /// Per diem abroad: the country (ISO 3166 alpha-2).
    pub country: Option<String>,
    /// Per diem abroad: whole days.
    #[schema(minimum = 1, maximum = 366)]
    pub days: Option<u32>,
}

/// More days abroad than a year in one claim is a typing error.
const MAX_DAYS: u32 = 366;

impl ExpenseClaimRequest {
    /// Parses the kind and the fields it takes, refusing fields it does not.
    pub fn into_input(
        self,
        node_currency: Currency,
        home: partage_core::client::CountryCode,
    ) -> Result<NewExpenseClaim, AppError> {
        let cur = match &self.currency {
            Some(c) => currency(c, node_currency)?,
            None => node_currency,
        };
        let spent = self.amount.as_deref().map(|a| amount("amount", a, cur)).transpose()?;
        let refuse = |present: bool, field: &str| -> Result<(), AppError> {
            if present {
                return Err(AppError::invalid(field, format!("a {} claim does not take {field}", self.kind)));
            }
            Ok(())
        };
        let kind = match self.kind.as_str() {
            "travel" => {
                refuse(self.amount.is_some(), "amount")?;
                refuse(self.country.is_some(), "country")?;
                refuse(self.days.is_some(), "days")?;
                let km = self
                    .kilometres
                    .as_deref()
                    .ok_or_else(|| AppError::invalid("kilometres", "a travel claim needs the kilometres driven"))?;
                ExpenseKind::Travel { kilometres: decimal("kilometres", km)? }
            }
            "material" => {
                refuse(self.kilometres.is_some(), "kilometres")?;
                refuse(self.country.is_some(), "country")?;
                refuse(self.days.is_some(), "days")?;
                let amount =
                    spent.ok_or_else(|| AppError::invalid("amount", "a material claim needs the amount spent"))?;
                ExpenseKind::Material { amount }
            }
            "per_diem_abroad" => {
                refuse(self.kilometres.is_some(), "kilometres")?;
                let country = self
                    .country
                    .as_deref()
                    .ok_or_else(|| AppError::invalid("country", "a per diem claim needs the country"))?;
                let days = self.days.ok_or_else(|| AppError::invalid("days", "a per diem claim needs the days"))?;
                if days > MAX_DAYS {
                    return Err(AppError::invalid("days", format!("at most {MAX_DAYS} days in one claim")));
                }
                ExpenseKind::PerDiemAbroad { country: expenses::abroad(country, home)?, days, amount: spent }
            }
            other => {
                return Err(AppError::invalid(
                    "kind",
                    format!("'{other}' is not one of travel, material, per_diem_abroad"),
                ))
            }
        };
        Ok(NewExpenseClaim {
            activity_id: self.activity_id,
            member_id: self.member_id,
            kind,
            date: self.date,
            description: self.description,
            receipt: self.receipt,
        })
    }
}

/// Why a claim is rejected.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectExpenseRequest {
    /// The reason, for the member.
    #[schema(pattern = "\\S")]
    pub reason: String,
}

/// Filters of the claim list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExpenseFilter {
    /// Only this activity's claims.
    pub activity_id: Option<Uuid>,
    /// submitted, validated, rejected or reimbursed.
    #[param(pattern = "^(submitted|validated|rejected|reimbursed)$")]
    pub status: Option<String>,
    /// Items to skip (default 0).
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

/// A member claims an expense; the pack's allowances on its date price it.
#[utoipa::path(post, path = "/api/v1/expense-claims", tag = "expenses", request_body = ExpenseClaimRequest,
    params(Idempotent),
    responses((status = 201, body = ExpenseClaimView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn submit(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiJson(body): ApiJson<ExpenseClaimRequest>,
) -> Result<Response, Problem> {
    let input = body.clone().into_input(node.currency(), node.settings.country)?;
    let (today, now) = (node.today(), node.now());
    idempotent
        .run(&node, &body, StatusCode::CREATED, async |txn| expenses::submit(txn, &node, input, today, now).await)
        .await
}

/// Lists claims, oldest first: the advisors' queue with `status=submitted`.
#[utoipa::path(get, path = "/api/v1/expense-claims", tag = "expenses", params(ExpenseFilter),
    responses((status = 200, body = Page<ExpenseClaimView>), (status = 422, body = Problem)), security(("bearer" = [])))]
pub async fn list(
    State(node): State<Node>,
    ApiQuery(f): ApiQuery<ExpenseFilter>,
) -> Result<Json<Page<ExpenseClaimView>>, Problem> {
    let (offset, limit) = Paging { offset: f.offset, limit: f.limit }.bounds()?;
    Ok(Json(expenses::list(node.store.db(), f.activity_id, f.status.as_deref(), offset, limit).await?))
}

/// One claim.
#[utoipa::path(get, path = "/api/v1/expense-claims/{id}", tag = "expenses", params(("id" = Uuid, Path, description = "Claim id")),
    responses((status = 200, body = ExpenseClaimView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn get(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Json<ExpenseClaimView>, Problem> {
    Ok(Json(expenses::get(node.store.db(), id).await?))
}

/// An advisor validates a claim: the activity's budget repays it (409 when the budget cannot).
#[utoipa::path(post, path = "/api/v1/expense-claims/{id}/validate", tag = "expenses",
    params(("id" = Uuid, Path, description = "Claim id"), Idempotent),
    responses((status = 200, body = ExpenseClaimView), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn validate(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, Problem> {
    let (today, now) = (node.today(), node.now());
    idempotent.run(&node, &(), StatusCode::OK, async |txn| expenses::validate(txn, &node, id, today, now).await).await
}

/// An advisor rejects a claim, saying why.
#[utoipa::path(post, path = "/api/v1/expense-claims/{id}/reject", tag = "expenses", request_body = RejectExpenseRequest,
    params(("id" = Uuid, Path, description = "Claim id"), Idempotent),
    responses((status = 200, body = ExpenseClaimView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn reject(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<RejectExpenseRequest>,
) -> Result<Response, Problem> {
    let now = node.now();
    idempotent.run(&node, &body, StatusCode::OK, async |txn| expenses::reject(txn, id, &body.reason, now).await).await
}

/// The day whose repayments to transfer.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SepaQuery {
    /// `YYYY-MM-DD`.
    #[serde(deserialize_with = "crate::service::bounds::wire::date")]
    pub date: NaiveDate,
}

/// The claims repaid on a day as an ISO 20022 pain.001.001.09 credit transfer file (409 when none).
#[utoipa::path(get, path = "/api/v1/expense-claims/sepa", tag = "expenses", params(SepaQuery),
    responses((status = 200, content_type = "application/xml", body = String), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn sepa(State(node): State<Node>, ApiQuery(q): ApiQuery<SepaQuery>) -> Result<Response, Problem> {
    let xml = expenses::sepa_file(node.store.db(), &node, q.date).await?;
    let mut res = xml.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/xml"));
    Ok(res)
}

/// A receipt file's bytes, sent and answered as they are (not JSON).
pub struct ReceiptBytes;

impl utoipa::PartialSchema for ReceiptBytes {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .description(Some("The file: a PDF, JPEG or PNG of at most 5 MiB, whose first bytes are its type's"))
            .into()
    }
}

impl utoipa::ToSchema for ReceiptBytes {}

/// Attaches a claim's receipt file, or replaces it while the claim is submitted (409 once it is
/// decided). The body is the file itself, sent as application/pdf, image/jpeg or image/png (415
/// otherwise); its first bytes must be that type's (422) and it is at most 5 MiB (413).
#[utoipa::path(put, path = "/api/v1/expense-claims/{id}/receipt", tag = "expenses",
    params(("id" = Uuid, Path, description = "Claim id")),
    request_body(description = "The receipt file", content(
        (ReceiptBytes = "application/pdf"), (ReceiptBytes = "image/jpeg"), (ReceiptBytes = "image/png"))),
    responses((status = 200, body = ReceiptFileView), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 413, description = "The file is over 5 MiB", body = Problem),
        (status = 415, description = "The file is not sent as application/pdf, image/jpeg or image/png", body = Problem),
        (status = 422, description = "The file's first bytes are not those of its type", body = Problem)),
    security(("bearer" = [])))]
pub async fn put_receipt(
    State(node): State<Node>,
    ApiPath(id): ApiPath<Uuid>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<ReceiptFileView>, Problem> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    // Read (or drained) before any refusal, so a client still sending reads the answer.
    let bytes = read_limited(&headers, body).await?;
    let txn = node.store.write().await.map_err(AppError::from)?;
    let view = expense_receipts::attach(&*txn, id, content_type, bytes, node.now()).await?;
    txn.commit().await.map_err(AppError::from)?;
    Ok(Json(view))
}

/// What is read and dropped of a body past [`MAX_BYTES`], so that a client still sending its file
/// reads the refusal rather than a connection reset; past this, the connection is cut.
const DRAIN_BYTES: usize = 4 * MAX_BYTES;

/// The body, up to [`MAX_BYTES`]: a declared or streamed length beyond it is the receipt's refusal.
async fn read_limited(headers: &HeaderMap, body: Body) -> Result<Vec<u8>, AppError> {
    use futures::StreamExt;
    let too_large = || crate::service::errors::ExpenseRefusal::ReceiptTooLarge { limit_mib: expense_receipts::MAX_MIB };
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| usize::try_from(n).map_or(true, |n| n > DRAIN_BYTES)) {
        return Err(too_large().into());
    }
    let capacity = declared.and_then(|n| usize::try_from(n).ok()).unwrap_or(0).min(MAX_BYTES);
    let mut bytes = Vec::with_capacity(capacity);
    let mut seen = 0usize;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| AppError::invalid("receipt", format!("the file could not be read: {e}")))?;
        seen = seen.saturating_add(chunk.len());
        if seen > DRAIN_BYTES {
            break;
        }
        if seen <= MAX_BYTES {
            bytes.extend_from_slice(&chunk);
        }
    }
    if seen > MAX_BYTES {
        return Err(too_large().into());
    }
    Ok(bytes)
}

/// A claim's receipt file, with its media type and a download name the node made (404 when the
/// claim has none).
#[utoipa::path(get, path = "/api/v1/expense-claims/{id}/receipt", tag = "expenses",
    params(("id" = Uuid, Path, description = "Claim id")),
    responses((status = 200, description = "The receipt file", content(
        (ReceiptBytes = "application/pdf"), (ReceiptBytes = "image/jpeg"), (ReceiptBytes = "image/png"))),
        (status = 404, body = Problem),
        (status = 410, description = "The file was deleted at the end of its retention (`receipt-deleted`)", body = Problem)),
    security(("bearer" = [])))]
pub async fn get_receipt(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Response, Problem> {
    let file = expense_receipts::file(node.store.db(), id).await?;
    let mut res = file.bytes.into_response();
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(file.kind.media_type()));
    // The node's own ASCII name; a download, never shown in the page's origin.
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{}\"", file.file_name)) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
