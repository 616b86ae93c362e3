//! Routes for a member's account statement, as JSON and as CSV.

use super::extract::{ApiPath, ApiQuery};
use super::problem::Problem;
use crate::error::AppError;
use crate::service::views::MemberAccountView;
use crate::service::{member_account, Node};
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

/// The months a statement covers.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccountQuery {
    /// First month, `YYYY-MM` (default: January of `to`'s year, or of this year).
    #[param(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$")]
    pub from: Option<String>,
    /// Last month, `YYYY-MM` (default: December of `from`'s year, or of this year); at most 36 months after `from`.
    #[param(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$")]
    pub to: Option<String>,
}

async fn statement(node: &Node, id: Uuid, q: &AccountQuery) -> Result<MemberAccountView, AppError> {
    let (from, to) = member_account::months(q.from.as_deref(), q.to.as_deref(), node.today())?;
    let snapshot = node.store.snapshot().await?;
    member_account::statement(&snapshot, node, id, from, to).await
}

/// A member's account: per activity and month, invoiced, fee, expenses, budget, wages and their deductions, fund movements.
#[utoipa::path(get, path = "/api/v1/members/{id}/account", tag = "members",
    params(("id" = Uuid, Path, description = "Member id"), AccountQuery),
    responses((status = 200, body = MemberAccountView), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn account(
    State(node): State<Node>,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<AccountQuery>,
) -> Result<Json<MemberAccountView>, Problem> {
    Ok(Json(statement(&node, id, &q).await?))
}

/// The same account as CSV (RFC 4180, `.` decimal separator): a header, one row per activity and month.
#[utoipa::path(get, path = "/api/v1/members/{id}/account.csv", tag = "members",
    params(("id" = Uuid, Path, description = "Member id"), AccountQuery),
    responses((status = 200, content_type = "text/csv", body = String), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn account_csv(
    State(node): State<Node>,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<AccountQuery>,
) -> Result<Response, Problem> {
    let view = statement(&node, id, &q).await?;
    let name = format!("attachment; filename=\"account-{}-{}-{}.csv\"", id, view.from, view.to);
    let mut res = member_account::csv(&view).into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(value) = HeaderValue::from_str(&name) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(res)
}
