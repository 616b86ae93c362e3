//! Routes for dunning letters: the letter of a step already sent, as a PDF or as the plain text
//! of its e-mail.

use super::extract::{ApiPath, ApiQuery};
use super::problem::Problem;
use crate::error::AppError;
use crate::service::dunning_letters::{self, Letter};
use crate::service::Node;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

/// The language of a letter.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LetterQuery {
    /// One of the pack's languages (default: the invoice's language).
    #[param(pattern = "^[a-z]{2}$")]
    pub lang: Option<String>,
}

/// The letter of step `level` of invoice `id`, after checking the level and the language.
async fn load(node: &Node, id: Uuid, level: i64, lang: Option<&str>) -> Result<Letter, AppError> {
    let level = u32::try_from(level)
        .ok()
        .filter(|l| *l >= 1)
        .ok_or_else(|| AppError::invalid("level", format!("{level} is not a step: levels count from 1")))?;
    if let Some(l) = lang {
        node.language("lang", l)?;
    }
    dunning_letters::letter(node.store.db(), node, id, level, lang).await
}

/// The letter of a dunning step as sent (1 = the first step): letterhead, the invoice's figures,
/// interest, damages and fee as the step recorded them, how to pay and the deadline before the
/// next step, as a PDF.
#[utoipa::path(get, path = "/api/v1/invoices/{id}/dunning/{level}/pdf", tag = "dunning",
    params(("id" = Uuid, Path, description = "Invoice id"), ("level" = i64, Path, description = "Step level, from 1", minimum = 1, maximum = 2147483647), LetterQuery),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 400, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn pdf(
    State(node): State<Node>,
    ApiPath((id, level)): ApiPath<(Uuid, i64)>,
    ApiQuery(q): ApiQuery<LetterQuery>,
) -> Result<Response, Problem> {
    let bytes = load(&node, id, level, q.lang.as_deref()).await?.pdf()?;
    let mut res = bytes.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    Ok(res)
}

/// The same letter as plain text: the body of the e-mail when the step goes by e-mail.
#[utoipa::path(get, path = "/api/v1/invoices/{id}/dunning/{level}/text", tag = "dunning",
    params(("id" = Uuid, Path, description = "Invoice id"), ("level" = i64, Path, description = "Step level, from 1", minimum = 1, maximum = 2147483647), LetterQuery),
    responses((status = 200, content_type = "text/plain", body = String), (status = 400, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn text(
    State(node): State<Node>,
    ApiPath((id, level)): ApiPath<(Uuid, i64)>,
    ApiQuery(q): ApiQuery<LetterQuery>,
) -> Result<Response, Problem> {
    let body = load(&node, id, level, q.lang.as_deref()).await?.text();
    let mut res = body.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    Ok(res)
}
