//! The admin's page of parked federation messages (`service::parked`): `/app/admin/parked`
//! lists what other offices sent that this office did not apply (when, from which office,
//! which message, why, whether it can be retried), oldest first, a page at a time, never its
//! payload; each row's forms retry it (verified again against the peers file as it is now,
//! applied once) or dismiss it (never applied; kept in the audit log). The rule is the API
//! routes' (`/api/v1/federation/parked`: admins only), every form carries the session's CSRF
//! token, and each posts to the service function the route calls.
//!
//! A retry's outcome is shown on the answer to its form, as a made token's secret is: applied
//! and duplicate messages leave the list, so there is no row left to say it on, and a notice
//! carried in a redirect's query would show whatever a link said. A dismissal goes back to the
//! list (303), as a revoked token does.

use super::forms::FieldError;
use super::office::{offset, pager, PAGE_SIZE};
use super::transfers::office_name;
use super::{check_csrf, page, staff_may, PageError, Viewer};
use crate::error::AppError;
use crate::http::problem::Problem;
use crate::service::errors::MemberTransferRefusal;
use crate::service::views::{ParkedMessageView, RetryView};
use crate::service::{parked, transfers, Node};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use uuid::Uuid;

/// The API route the page stands for; its rule is the page's.
const ROUTE: &str = "/api/v1/federation/parked";

/// What the page shows above the list: a retry's outcome, or a refusal of a form.
enum Shown<'a> {
    Nothing,
    /// A retry's outcome, and the message as it was listed before (gone when applied).
    Retried(&'a RetryView, Option<&'a ParkedMessageView>),
    Refused(&'a FieldError),
}

/// `/app/admin/parked`: the parked messages, oldest first, a page at a time (`?offset=`).
pub(super) async fn parked_page(
    State(node): State<Node>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    staff_may(&v, &Method::GET, ROUTE)?;
    render(&node, &v, offset(query.as_deref()), Shown::Nothing).await
}

/// The sending office as the pages name offices, or "unknown" when the payload did not say.
fn from(node: &Node, v: &Viewer, m: &ParkedMessageView) -> String {
    m.node.as_deref().map_or_else(|| v.lang.t("parked-unknown-node"), |n| office_name(node, v, n))
}

/// When a message was received or retried, in the page's language and on the node's legal
/// clock (Brussels' on a Belgian node), as the admin's own watch shows it.
fn when(node: &Node, v: &Viewer, d: chrono::DateTime<chrono::Utc>) -> String {
    let d = crate::service::legal_time(d, node.zone);
    format!("{} {}", v.lang.locale().date(d.date()), d.format("%H:%M"))
}

/// A message in a sentence: its kind, from which office, when (a button's label, a retry's notice).
fn describe(node: &Node, v: &Viewer, m: &ParkedMessageView) -> String {
    let kind = m.kind.clone().unwrap_or_else(|| v.lang.t("parked-unknown-kind"));
    v.lang.t_with(
        "parked-message-of",
        &[("kind", &kind), ("office", &from(node, v, m)), ("when", &when(node, v, m.received_at))],
    )
}

async fn render(node: &Node, v: &Viewer, at: u64, shown: Shown<'_>) -> Result<Response, PageError> {
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let list = parked::list(node.store.db(), at, PAGE_SIZE).await?;
    let federated = match transfers::mobility(node) {
        Ok(_) => true,
        Err(AppError::MemberTransferRefused(MemberTransferRefusal::NotFederated)) => false,
        Err(e) => return Err(e.into()),
    };
    let csrf = v.principal.csrf.clone().unwrap_or_default();
    let body = html! {
        p.note { (t("parked-note")) }
        @if !federated { p.note { (t("parked-not-federated")) } }
        @match shown {
            Shown::Nothing => {}
            Shown::Retried(r, before) => {
                section.made role="status" aria-labelledby="parked-retried" {
                    h2 #parked-retried { (t("parked-retried-title")) }
                    @if let Some(m) = before { p { (describe(node, v, m)) } }
                    p { (t(&format!("parked-outcome-{}", r.outcome))) }
                    @if let Some(reason) = &r.reason { p { small { (t("parked-reason")) (loc.colon()) (reason) } } }
                }
            }
            Shown::Refused(e) => { p.error role="alert" { (e.message) } }
        }
        @if list.items.is_empty() {
            p { (t("parked-none")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("parked-received")) }
                    th scope="col" { (t("parked-from")) }
                    th scope="col" { (t("parked-kind")) }
                    th scope="col" { (t("parked-reason")) }
                    th scope="col" { (t("parked-retriable")) }
                    th scope="col" { (t("parked-decide")) }
                } }
                tbody {
                    @for m in &list.items {
                        @let office = from(node, v, m);
                        @let kind = m.kind.clone().unwrap_or_else(|| t("parked-unknown-kind"));
                        @let what = describe(node, v, m);
                        tr {
                            td {
                                (when(node, v, m.received_at))
                                @if let Some(r) = m.retried_at {
                                    br; small { (v.lang.t_with("parked-retried-on", &[("when", &when(node, v, r))])) }
                                }
                            }
                            td { (office) }
                            td { (kind) br; small { code { (m.subject) } } }
                            td {
                                (m.reason)
                                @if let Some(n) = m.waits_for {
                                    br; small { (v.lang.t_with("parked-waits-for", &[("notice", &n.to_string())])) }
                                }
                            }
                            td {
                                @if m.retriable { (t("yes")) } @else { (t("no")) br; small { (t("parked-not-retriable")) } }
                            }
                            td {
                                @if m.retriable {
                                    form method="post" action={ "/app/admin/parked/" (m.id) "/retry" } {
                                        input type="hidden" name="csrf" value=(csrf);
                                        button type="submit" aria-label={ (t("parked-retry")) (loc.colon()) (what) } { (t("parked-retry")) }
                                    }
                                }
                                form method="post" action={ "/app/admin/parked/" (m.id) "/dismiss" } {
                                    input type="hidden" name="csrf" value=(csrf);
                                    button.danger type="submit" aria-label={ (t("parked-dismiss")) (loc.colon()) (what) } { (t("parked-dismiss")) }
                                }
                            }
                        }
                    }
                }
            } }
        }
        (pager(v, "/app/admin/parked", &[], at, list.items.len(), list.total))
    };
    Ok(page(v, &t("parked-title"), body))
}

/// A posted form of the page: its viewer, once the session's CSRF token and the route's rule
/// (admins only) are checked.
async fn posted(
    node: &Node,
    headers: &HeaderMap,
    body: &[u8],
    route: &str,
    method: Method,
) -> Result<Viewer, PageError> {
    let v = super::viewer(node, headers).await?;
    check_csrf(&v, super::forms::Posted::parse(body).get("csrf"))?;
    staff_may(&v, &method, route)?;
    Ok(v)
}

/// The list again with the refusal on top, answered with the refusal's status (a message
/// retried or dismissed meanwhile by another admin is not found any more).
async fn refused(node: &Node, v: &Viewer, e: AppError) -> Result<Response, PageError> {
    let problem = Problem::from(e);
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    let mut error = FieldError::from_problem(v, problem);
    error.field = None;
    let mut res = render(node, v, 0, Shown::Refused(&error)).await?;
    *res.status_mut() = status;
    Ok(res)
}

/// Retries a parked message through `parked::retry` and shows the list with what it came to.
pub(super) async fn retry(
    State(node): State<Node>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let v = posted(&node, &headers, &body, "/api/v1/federation/parked/{id}/retry", Method::POST).await?;
    // As the list showed it: an applied message is gone afterwards.
    let before = parked::get(node.store.db(), id).await?;
    let run = async {
        let txn = node.store.write().await?;
        let outcome = parked::retry(&*txn, &node, id, &v.principal.name).await?;
        txn.commit().await?;
        Ok::<_, AppError>(outcome)
    };
    match run.await {
        Ok(outcome) => render(&node, &v, 0, Shown::Retried(&outcome, before.as_ref())).await,
        Err(e) => refused(&node, &v, e).await,
    }
}

/// Dismisses a parked message through `parked::dismiss`, then shows the list again (303).
pub(super) async fn dismiss(
    State(node): State<Node>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let v = posted(&node, &headers, &body, "/api/v1/federation/parked/{id}", Method::DELETE).await?;
    let run = async {
        let txn = node.store.write().await?;
        parked::dismiss(&*txn, &node, id, &v.principal.name).await?;
        txn.commit().await?;
        Ok::<_, AppError>(())
    };
    match run.await {
        Ok(()) => Ok(Redirect::to("/app/admin/parked").into_response()),
        Err(e) => refused(&node, &v, e).await,
    }
}
