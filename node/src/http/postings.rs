//! Routes for the posting notices other offices sent this one (service::postings): the
//! office's staff read who works in its country for another office of the group.

use super::extract::{ApiPath, ApiQuery};
use super::problem::Problem;
use super::requests::Paging;
use crate::service::views::{Page, PostingNoticeView};
use crate::service::{postings, Node};
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

/// Filters of the posting notice list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PostingNoticeFilter {
    /// The sending office's country (ISO 3166-1 alpha-2, `BE`).
    #[param(pattern = "^[A-Za-z]{2}$")]
    pub from_country: Option<String>,
    /// active (the default: not cancelled), cancelled or all.
    #[param(pattern = "^(active|cancelled|all)$")]
    pub status: Option<String>,
    /// Items to skip (default 0).
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

/// Lists the posting notices other offices sent, the latest work first.
#[utoipa::path(get, path = "/api/v1/posting-notices", tag = "postings", params(PostingNoticeFilter),
    responses((status = 200, body = Page<PostingNoticeView>), (status = 422, body = Problem)), security(("bearer" = [])))]
pub async fn list(
    State(node): State<Node>,
    ApiQuery(f): ApiQuery<PostingNoticeFilter>,
) -> Result<Json<Page<PostingNoticeView>>, Problem> {
    let (offset, limit) = Paging { offset: f.offset, limit: f.limit }.bounds()?;
    let page = postings::list(node.store.db(), f.from_country.as_deref(), f.status.as_deref(), offset, limit).await?;
    Ok(Json(page.try_map(PostingNoticeView::try_from)?))
}

/// One posting notice.
#[utoipa::path(get, path = "/api/v1/posting-notices/{id}", tag = "postings",
    params(("id" = Uuid, Path, description = "Posting notice id")),
    responses((status = 200, body = PostingNoticeView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn get(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Json<PostingNoticeView>, Problem> {
    Ok(Json(PostingNoticeView::try_from(postings::get(node.store.db(), id).await?)?))
}
