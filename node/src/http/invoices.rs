//! Routes for invoices, payments, credit notes and their e-invoices.

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::idempotency::Idempotent;
use super::problem::Problem;
use super::requests::{amount, currency, CancelRequest, NewInvoiceRequest, Paging, PaymentRequest};
use crate::error::AppError;
use crate::service::invoice_pdf as printed;
use crate::service::views::{CreditNoteView, InvoiceView, Page, PaymentView};
use crate::service::{invoices, Node};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use partage_core::invoice::InvoiceDocument;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

/// Filters of the invoice list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InvoiceFilter {
    /// Only this activity's invoices.
    pub activity_id: Option<Uuid>,
    /// draft, issued, partly_paid, paid or cancelled.
    #[param(pattern = "^(draft|issued|partly_paid|paid|cancelled)$")]
    pub status: Option<String>,
    /// Items to skip (default 0).
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

/// Creates a draft invoice (checked and priced, not numbered).
#[utoipa::path(post, path = "/api/v1/invoices", tag = "invoices", request_body = NewInvoiceRequest,
    params(Idempotent),
    responses((status = 201, body = InvoiceView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiJson(body): ApiJson<NewInvoiceRequest>,
) -> Result<Response, Problem> {
    let input = body.clone().into_input(node.currency())?;
    let today = node.today();
    idempotent
        .run(&node, &body, StatusCode::CREATED, async |txn| invoices::create_draft(txn, &node, input, today).await)
        .await
}

/// Lists invoices, newest first.
#[utoipa::path(get, path = "/api/v1/invoices", tag = "invoices", params(InvoiceFilter),
    responses((status = 200, body = Page<InvoiceView>)), security(("bearer" = [])))]
pub async fn list(
    State(node): State<Node>,
    ApiQuery(f): ApiQuery<InvoiceFilter>,
) -> Result<Json<Page<InvoiceView>>, Problem> {
    let (offset, limit) = Paging { offset: f.offset, limit: f.limit }.bounds()?;
    Ok(Json(invoices::list(node.store.db(), &node, f.activity_id, f.status.as_deref(), offset, limit).await?))
}

/// One invoice.
#[utoipa::path(get, path = "/api/v1/invoices/{id}", tag = "invoices", params(("id" = Uuid, Path, description = "Invoice id")),
    responses((status = 200, body = InvoiceView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn get(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Json<InvoiceView>, Problem> {
    Ok(Json(invoices::get(node.store.db(), &node, id).await?))
}

/// Issues a draft: gives it the next number of the year and posts it to the journal.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/issue", tag = "invoices",
    params(("id" = Uuid, Path, description = "Invoice id"), Idempotent),
    responses((status = 200, body = InvoiceView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn issue(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, Problem> {
    let today = node.today();
    // Every issue queues on the invoice series' row; committed without waiting for the
    // disk, each holds it for its statements only, not for its sync too.
    idempotent
        .sync_after_commit()
        .run(&node, &(), StatusCode::OK, async |txn| invoices::issue(txn, &node, id, today).await)
        .await
}

/// Records a client's payment.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/payments", tag = "invoices", request_body = PaymentRequest,
    params(("id" = Uuid, Path, description = "Invoice id"), Idempotent),
    responses((status = 201, body = PaymentView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn pay(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<PaymentRequest>,
) -> Result<Response, Problem> {
    let cur = currency(&body.currency, node.currency())?;
    let paid = amount("amount", &body.amount, cur)?;
    let date = body.date.unwrap_or_else(|| node.today());
    let reference = body.reference.clone().unwrap_or_default();
    idempotent
        .run(&node, &body, StatusCode::CREATED, async |txn| invoices::pay(txn, &node, id, paid, date, &reference).await)
        .await
}

/// Cancels an issued, unpaid invoice with a credit note.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/credit-note", tag = "invoices", request_body = CancelRequest,
    params(("id" = Uuid, Path, description = "Invoice id"), Idempotent),
    responses((status = 201, body = CreditNoteView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn cancel(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<CancelRequest>,
) -> Result<Response, Problem> {
    let today = node.today();
    idempotent
        .run(&node, &body, StatusCode::CREATED, async |txn| invoices::cancel(txn, &node, id, &body.reason, today).await)
        .await
}

/// The e-invoice's bytes with its media type (XML text here; a PDF for a Factur-X pack).
fn xml(node: &Node, doc: &InvoiceDocument) -> Result<Response, Problem> {
    let e = node.pack.e_invoice(doc).map_err(AppError::from)?;
    let mut res = e.content.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(e.media_type));
    Ok(res)
}

/// The issued invoice as Peppol BIS Billing 3.0 UBL.
#[utoipa::path(get, path = "/api/v1/invoices/{id}/peppol.xml", tag = "invoices", params(("id" = Uuid, Path, description = "Invoice id")),
    responses((status = 200, content_type = "application/xml", body = String), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn peppol(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Response, Problem> {
    let doc = invoices::document(node.store.db(), &node, id).await?;
    xml(&node, &doc)
}

/// The credit note as Peppol BIS Billing 3.0 UBL.
#[utoipa::path(get, path = "/api/v1/credit-notes/{id}/peppol.xml", tag = "invoices", params(("id" = Uuid, Path, description = "Credit note id")),
    responses((status = 200, content_type = "application/xml", body = String), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn credit_note_peppol(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Response, Problem> {
    let doc = invoices::credit_note_document(node.store.db(), &node, id).await?;
    xml(&node, &doc)
}

fn pdf_response(pdf: Vec<u8>) -> Response {
    let mut res = pdf.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    res
}

/// The issued invoice as a PDF (PDF/A-3b) in the client's language: the document of consumers
/// and foreign clients, who are not on Peppol.
#[utoipa::path(get, path = "/api/v1/invoices/{id}/pdf", tag = "invoices", params(("id" = Uuid, Path, description = "Invoice id")),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn invoice_pdf(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Response, Problem> {
    Ok(pdf_response(printed::invoice_pdf(node.store.db(), &node, id).await?))
}

/// The credit note as a PDF (PDF/A-3b) in the client's language.
#[utoipa::path(get, path = "/api/v1/credit-notes/{id}/pdf", tag = "invoices", params(("id" = Uuid, Path, description = "Credit note id")),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn credit_note_pdf(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Response, Problem> {
    Ok(pdf_response(printed::credit_note_pdf(node.store.db(), &node, id).await?))
}
