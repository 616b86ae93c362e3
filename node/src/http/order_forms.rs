//! Routes for signed order forms the guarantee fund advances a budget on.

use super::extract::{ApiJson, ApiPath};
use super::idempotency::Idempotent;
use super::problem::Problem;
use crate::error::AppError;
use crate::service::order_forms::{self, NewOrderForm};
use crate::service::views::OrderFormView;
use crate::service::Node;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use chrono::NaiveDate;
use partage_core::Currency;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A signed order form.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrderFormRequest {
    /// Activity the work is for.
    pub activity_id: Uuid,
    /// The client who signed.
    pub client_id: Uuid,
    /// The client's order reference.
    pub reference: String,
    /// Amount ordered excluding VAT (`"2000.00"`).
    pub amount: String,
    /// Currency.
    #[schema(pattern = "^[A-Z]{3}$")]
    pub currency: String,
    /// When the client signed (not in the future).
    #[serde(deserialize_with = "crate::service::bounds::wire::date")]
    pub signed_on: NaiveDate,
}

impl NewOrderFormRequest {
    /// Checks the currency and the amount, naming the field at fault (the API's route and the
    /// member's page both read a request through here).
    pub fn into_input(&self, node_currency: Currency) -> Result<NewOrderForm, AppError> {
        let cur = super::requests::currency(&self.currency, node_currency)?;
        Ok(NewOrderForm {
            activity_id: self.activity_id,
            client_id: self.client_id,
            reference: self.reference.clone(),
            amount: super::requests::amount("amount", &self.amount, cur)?,
            signed_on: self.signed_on,
        })
    }
}

/// The invoice issued for an order form.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvoicedRequest {
    /// The issued invoice.
    pub invoice_id: Uuid,
}

/// Records a signed order form: the fund advances its budget (the amount less the fee) to the activity.
#[utoipa::path(post, path = "/api/v1/order-forms", tag = "payroll", request_body = NewOrderFormRequest,
    params(Idempotent),
    responses((status = 201, body = OrderFormView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiJson(body): ApiJson<NewOrderFormRequest>,
) -> Result<Response, Problem> {
    let input = body.into_input(node.currency())?;
    let (today, now) = (node.today(), node.now());
    idempotent
        .run(&node, &body, StatusCode::CREATED, async |txn| order_forms::create(txn, &node, input, today, now).await)
        .await
}

/// An order form.
#[utoipa::path(get, path = "/api/v1/order-forms/{id}", tag = "payroll", params(("id" = Uuid, Path, description = "Order form id")),
    responses((status = 200, body = OrderFormView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn get(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Json<OrderFormView>, Problem> {
    Ok(Json(order_forms::get(node.store.db(), id).await?))
}

/// Closes an order form with its issued invoice: the invoice's budget replaces the advance.
#[utoipa::path(post, path = "/api/v1/order-forms/{id}/invoiced", tag = "payroll", request_body = InvoicedRequest,
    params(("id" = Uuid, Path, description = "Order form id"), Idempotent),
    responses((status = 200, body = OrderFormView), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn invoiced(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<InvoicedRequest>,
) -> Result<Response, Problem> {
    let invoice = body.invoice_id;
    idempotent.run(&node, &body, StatusCode::OK, async |txn| order_forms::invoiced(txn, id, invoice).await).await
}
