//! Routes for the inter-office accounts (service::inter_office): what this office owes the
//! other offices of the group and is owed by them for carried shares, read by staff;
//! settlements at the bank recorded by admins.

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::idempotency::Idempotent;
use super::problem::Problem;
use super::requests::{amount, currency, Paging};
use crate::error::AppError;
use crate::service::inter_office::{self, NewSettlement};
use crate::service::views::{InterOfficeBalanceView, InterOfficeSettlementView, Page};
use crate::service::Node;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use chrono::NaiveDate;
use partage_core::ledger::Settlement;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A bank transfer that settled, wholly or in part, what one office owed the other.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettlementRequest {
    /// `paid`: this office paid what it owed the other; `received`: the other office paid
    /// what it owed this one.
    #[schema(pattern = "^(paid|received)$")]
    pub direction: String,
    /// The amount transferred (`"60.00"`): more than zero, at most what is owed that way.
    #[schema(pattern = "^[0-9]{1,13}(\\.[0-9]{1,2})?$")]
    pub amount: String,
    /// Currency (the node's).
    #[schema(pattern = "^[A-Z]{3}$")]
    pub currency: String,
    /// The transfer's value date, not after today (default today).
    #[serde(default, deserialize_with = "crate::service::bounds::wire::option")]
    pub date: Option<NaiveDate>,
    /// The bank's reference of the transfer.
    #[schema(max_length = 140)]
    pub reference: Option<String>,
}

/// What this office owes each other office of the group, and is owed by it, for the capital
/// of members who moved between them with their shares carried; by office id.
#[utoipa::path(get, path = "/api/v1/ledger/inter-office", tag = "ledger", params(Paging),
    responses((status = 200, body = Page<InterOfficeBalanceView>), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub async fn list(
    State(node): State<Node>,
    ApiQuery(p): ApiQuery<Paging>,
) -> Result<Json<Page<InterOfficeBalanceView>>, Problem> {
    let (offset, limit) = p.bounds()?;
    let snapshot = node.store.snapshot().await.map_err(AppError::from)?;
    Ok(Json(inter_office::balances(&snapshot, &node, offset, limit).await?))
}

/// The accounts with one office (zero when nothing was ever owed either way).
#[utoipa::path(get, path = "/api/v1/ledger/inter-office/{office}", tag = "ledger",
    params(("office" = String, Path, description = "The other office's id in the federation, e.g. fr", pattern = "^[a-z0-9]{2,16}$")),
    responses((status = 200, body = InterOfficeBalanceView), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn get(
    State(node): State<Node>,
    ApiPath(office): ApiPath<String>,
) -> Result<Json<InterOfficeBalanceView>, Problem> {
    let office = inter_office::office(&node, &office)?;
    let snapshot = node.store.snapshot().await.map_err(AppError::from)?;
    Ok(Json(inter_office::balance(&snapshot, &node, &office).await?))
}

/// Records the bank transfer that settled what this office owed `office` (`paid`) or what
/// `office` owed it (`received`): the bank against the inter-office account. Each office
/// records its own side. Admins only.
#[utoipa::path(post, path = "/api/v1/ledger/inter-office/{office}/settlements", tag = "ledger",
    request_body = SettlementRequest,
    params(("office" = String, Path, description = "The other office's id in the federation, e.g. fr", pattern = "^[a-z0-9]{2,16}$"), Idempotent),
    responses((status = 201, body = InterOfficeSettlementView), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn settle(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(office): ApiPath<String>,
    ApiJson(body): ApiJson<SettlementRequest>,
) -> Result<Response, Problem> {
    let office = inter_office::office(&node, &office)?;
    let direction: Settlement = body
        .direction
        .trim()
        .parse()
        .map_err(|e: partage_core::ledger::LedgerError| AppError::invalid("direction", e.to_string()))?;
    let cur = currency(&body.currency, node.currency())?;
    let settlement = NewSettlement {
        direction,
        amount: amount("amount", &body.amount, cur)?,
        date: body.date.unwrap_or_else(|| node.today()),
        reference: body.reference.clone(),
    };
    idempotent
        .run(&node, &body, StatusCode::CREATED, async |txn| {
            inter_office::settle(txn, &node, &office, &settlement).await
        })
        .await
}
