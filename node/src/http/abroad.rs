//! Routes for work abroad: a member's A1 certificates (Regulation (EC) 883/2004, 987/2009
//! Art. 19(2)), which a work declaration abroad is checked against.

use super::extract::{ApiJson, ApiPath};
use super::idempotency::Idempotent;
use super::problem::Problem;
use super::requests::A1CertificateRequest;
use crate::service::abroad::{self, NewA1};
use crate::service::views::A1CertificateView;
use crate::service::Node;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use uuid::Uuid;

/// Records an A1 certificate the member holds: the state that issued it, the article it rests
/// on, the days it covers and its reference. A work declaration abroad whose legislation it
/// certifies over the whole work no longer warns `a1-missing`.
#[utoipa::path(post, path = "/api/v1/members/{id}/a1-certificates", tag = "members", request_body = A1CertificateRequest,
    params(("id" = Uuid, Path, description = "Member id"), Idempotent),
    responses((status = 201, body = A1CertificateView), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn record(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<A1CertificateRequest>,
) -> Result<Response, Problem> {
    let now = node.now();
    let input = NewA1 {
        issuing_state: body.issuing_state.clone(),
        article: body.article.clone(),
        valid_from: body.valid_from,
        valid_until: body.valid_until,
        reference: body.reference.clone(),
    };
    idempotent.run(&node, &body, StatusCode::CREATED, async |txn| abroad::record_a1(txn, id, input, now).await).await
}

/// The member's A1 certificates, the latest first.
#[utoipa::path(get, path = "/api/v1/members/{id}/a1-certificates", tag = "members",
    params(("id" = Uuid, Path, description = "Member id")),
    responses((status = 200, body = Vec<A1CertificateView>), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn list(
    State(node): State<Node>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<Vec<A1CertificateView>>, Problem> {
    Ok(Json(abroad::list_a1(node.store.db(), id).await?))
}
