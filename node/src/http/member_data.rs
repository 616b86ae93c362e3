//! Routes for "download my data": everything the office holds about a member, as JSON
//! and as CSV (GDPR Art. 15 right of access, Art. 20 portability).

use super::extract::ApiPath;
use super::problem::Problem;
use crate::service::member_data::{self, MemberDataView};
use crate::service::Node;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use uuid::Uuid;

/// Everything about a member (GDPR Art. 15 and 20): identity, payroll details, corrections, activities, invoices, work declarations, contracts, payslips, expense claims, yearly statements.
#[utoipa::path(get, path = "/api/v1/members/{id}/data", tag = "members",
    params(("id" = Uuid, Path, description = "Member id")),
    responses((status = 200, body = MemberDataView), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn data(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Response, Problem> {
    let view = member_data::collect(node.store.db(), &node, id, node.today()).await?;
    Ok(attachment(Json(view).into_response(), &format!("member-{id}.json")))
}

/// The same export as CSV (RFC 4180): `section,record,field,value`, one row per value.
#[utoipa::path(get, path = "/api/v1/members/{id}/data.csv", tag = "members",
    params(("id" = Uuid, Path, description = "Member id")),
    responses((status = 200, content_type = "text/csv", body = String), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn data_csv(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Response, Problem> {
    let view = member_data::collect(node.store.db(), &node, id, node.today()).await?;
    let mut res = member_data::csv(&view)?.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    Ok(attachment(res, &format!("member-{id}.csv")))
}

/// Offered as a file to save, named after the member's id (no personal name in it).
fn attachment(mut res: Response, name: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    res
}
