//! Members moving between offices (`service::transfers`): `/app/transfers`, where the office's
//! staff answer the offers other offices send (accept, or reject with a reason), withdraw their
//! own while still open and read the closed ones with their outcome; and the section of a
//! member's file that offers the member to another office. Every form posts to the service
//! function the API's route calls, under that route's role rule (advisors and admins), in one
//! transaction; a refusal is shown on the page in the viewer's language, with its status.

use super::forms::{form_error, select, FieldError, Posted};
use super::{page, staff_may, PageError, Viewer};
use crate::error::AppError;
use crate::http::problem::Problem;
use crate::service::errors::MemberTransferRefusal;
use crate::service::{office, transfers, Node};
use crate::storage::transfers::TransferRow;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method};
use axum::response::Response;
use maud::{html, Markup};
use partage_core::transfer::{Side, TransferStatus};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Closed transfers the page lists, the latest first; the rest is on the API.
const CLOSED_ROWS: u64 = 20;

/// Open transfers read per status (an office has a handful at a time).
const OPEN_ROWS: u64 = 500;

/// The offices a member may be offered to, or `None` when this node is not federated.
fn destinations(node: &Node) -> Result<Option<Vec<String>>, PageError> {
    match transfers::mobility(node) {
        Ok(m) => Ok(Some(m.destinations().iter().map(|n| n.as_str().to_owned()).collect())),
        Err(AppError::MemberTransferRefused(MemberTransferRefusal::NotFederated)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// An office as the pages name it: its country in the page's language when its federation id
/// is a country's code the pack names (`fr` → "France (FR)"), else the id in capitals.
pub(super) fn office_name(node: &Node, v: &Viewer, id: &str) -> String {
    let code = id.to_uppercase();
    match node.pack.label(v.lang.0, &format!("country-{code}")) {
        Some(country) => format!("{country} ({code})"),
        None => code,
    }
}

/// Who moves: the name in the destination's opened record, else the member's here; a
/// destination's refused or withdrawn transfer keeps neither (its record is erased).
fn who(v: &Viewer, t: &TransferRow, names: &BTreeMap<Uuid, String>) -> String {
    if let Ok(Some(r)) = transfers::opened(t) {
        return format!("{} {}", r.first_name, r.last_name);
    }
    t.member_id.and_then(|m| names.get(&m).cloned()).unwrap_or_else(|| v.lang.t("transfer-record-erased"))
}

/// Why a transfer closed: the service's own words (`expired`, `withdrawn`) in the page's
/// language; a reason a person wrote (the other office's refusal) as written.
fn reason(v: &Viewer, r: &str) -> String {
    match r {
        "expired" | "withdrawn" => v.lang.t(&format!("transfer-reason-{r}")),
        _ => r.to_owned(),
    }
}

/// The member's name, linked to their file when they are a member here (the origin's member,
/// or the destination's once accepted).
fn member_cell(v: &Viewer, t: &TransferRow, names: &BTreeMap<Uuid, String>) -> Markup {
    let name = who(v, t, names);
    html! {
        @if let Some(m) = t.member_id.filter(|m| names.contains_key(m)) {
            a href={ "/app/members/" (m) } { (name) }
        } @else {
            (name)
        }
    }
}

/// A refusal of a step, shown on the page: the problem catalogue's message in the page's
/// language; a reason the service refused gets the page's own wording of what it takes.
fn refusal(v: &Viewer, problem: Problem) -> FieldError {
    if problem.code == "invalid-field" && problem.field.as_deref() == Some("reason") {
        return FieldError { field: Some("reason".into()), message: v.lang.t("transfer-reason-invalid") };
    }
    FieldError::from_problem(v, problem)
}

/// `/app/transfers`: the incoming offers, the outgoing transfers and the closed ones.
pub(super) async fn transfers_page(State(node): State<Node>, headers: HeaderMap) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    render(&node, &v, None).await
}

async fn render(node: &Node, v: &Viewer, error: Option<&(Uuid, FieldError)>) -> Result<Response, PageError> {
    staff_may(v, &Method::GET, "/api/v1/transfers")?;
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let db = node.store.db();
    let federated = destinations(node)?.is_some();
    let mut open = Vec::new();
    for status in ["offered", "accepted"] {
        open.extend(transfers::list(db, None, Some(status), 0, OPEN_ROWS).await?.items);
    }
    open.sort_by_key(|x| std::cmp::Reverse(x.id));
    let mut closed = Vec::new();
    for status in ["rejected", "committed", "cancelled"] {
        closed.extend(transfers::list(db, None, Some(status), 0, CLOSED_ROWS).await?.items);
    }
    closed.sort_by_key(|x| std::cmp::Reverse(x.id));
    closed.truncate(usize::try_from(CLOSED_ROWS).unwrap_or(usize::MAX));
    let names = office::member_names(db, open.iter().chain(&closed).filter_map(|t| t.member_id)).await?;
    let (incoming, outgoing): (Vec<&TransferRow>, Vec<&TransferRow>) =
        open.iter().partition(|t| t.side == Side::Destination);
    let now = node.instant();
    let csrf = v.principal.csrf.clone().unwrap_or_default();
    let status = |x: &TransferRow| t(&format!("transfer-status-{}", x.status.as_str()));
    // A refusal about a transfer no longer shown with its forms (closed meanwhile) goes on top.
    let with_forms = |id: Uuid| open.iter().any(|x| x.id == id && x.status == TransferStatus::Offered);
    let body = html! {
        @if !federated { p.note { (t("transfer-not-federated")) } }
        @if let Some((_, e)) = error.filter(|(id, _)| !with_forms(*id)) {
            p.error role="alert" { (e.message) }
        }
        h2 { (t("transfers-incoming")) }
        @if incoming.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("transfer-from")) }
                    th scope="col" { (t("member-name")) }
                    th scope="col" { (t("transfer-offered-on")) }
                    th scope="col" { (t("transfer-expires-on")) }
                    th scope="col" { (t("status")) }
                    th scope="col" { (t("queue-decide")) }
                } }
                tbody {
                    @for x in &incoming {
                        @let name = who(v, x, &names);
                        @let mine = error.filter(|(id, _)| *id == x.id).map(|(_, e)| e);
                        // The reason field is marked only when the refusal is about it.
                        @let bad_reason = mine.filter(|e| e.field.as_deref() == Some("reason"));
                        @let reason_id = format!("reason-{}", x.id);
                        @let error_id = format!("transfer-{}-error", x.id);
                        tr {
                            td { (office_name(node, v, &x.peer)) }
                            td { (member_cell(v, x, &names)) }
                            td { (loc.date(x.requested_on)) }
                            td {
                                (loc.date(x.expires_at.date_naive()))
                                @if x.expires_at < now && x.status == TransferStatus::Offered { br; small { (t("transfer-past-deadline")) } }
                            }
                            td { (status(x)) }
                            td {
                                @if x.status == TransferStatus::Offered {
                                    form.inline method="post" action={ "/app/transfers/" (x.id) "/accept" } {
                                        input type="hidden" name="csrf" value=(csrf);
                                        button type="submit" aria-label={ (t("transfer-accept")) " " (name) } { (t("transfer-accept")) }
                                    }
                                    form method="post" action={ "/app/transfers/" (x.id) "/reject" } {
                                        input type="hidden" name="csrf" value=(csrf);
                                        label for=(reason_id) { (t("transfer-reject-reason")) }
                                        input id=(reason_id) name="reason" type="text" maxlength="200"
                                            aria-invalid=[bad_reason.map(|_| "true")] aria-describedby=[bad_reason.map(|_| error_id.as_str())];
                                        button type="submit" aria-label={ (t("transfer-reject")) " " (name) } { (t("transfer-reject")) }
                                    }
                                    @if let Some(e) = mine { p.error id=(error_id) role="alert" { (e.message) } }
                                } @else {
                                    small { (t("transfer-waiting-commit")) }
                                }
                            }
                        }
                    }
                }
            } }
        }
        h2 { (t("transfers-outgoing")) }
        @if outgoing.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("transfer-to")) }
                    th scope="col" { (t("member-name")) }
                    th scope="col" { (t("transfer-offered-on")) }
                    th scope="col" { (t("transfer-expires-on")) }
                    th scope="col" { (t("status")) }
                    th scope="col" { (t("transfer-withdraw")) }
                } }
                tbody {
                    @for x in &outgoing {
                        @let name = who(v, x, &names);
                        @let mine = error.filter(|(id, _)| *id == x.id).map(|(_, e)| e);
                        tr {
                            td { (office_name(node, v, &x.peer)) }
                            td { (member_cell(v, x, &names)) }
                            td { (loc.date(x.requested_on)) }
                            td { (loc.date(x.expires_at.date_naive())) }
                            td { (status(x)) }
                            td {
                                @if x.status == TransferStatus::Offered {
                                    form method="post" action={ "/app/transfers/" (x.id) "/cancel" } {
                                        input type="hidden" name="csrf" value=(csrf);
                                        button type="submit" aria-label={ (t("transfer-cancel")) " " (name) } { (t("transfer-cancel")) }
                                    }
                                }
                                @if let Some(e) = mine { p.error role="alert" { (e.message) } }
                            }
                        }
                    }
                }
            } }
        }
        h2 { (t("transfers-closed")) }
        @if closed.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("transfer-direction")) }
                    th scope="col" { (t("member-name")) }
                    th scope="col" { (t("transfer-offered-on")) }
                    th scope="col" { (t("transfer-outcome")) }
                    th scope="col" { (t("transfer-closed-on")) }
                } }
                tbody {
                    @for x in &closed {
                        @let direction = if x.side == Side::Destination { "transfer-from-office" } else { "transfer-to-office" };
                        tr {
                            td { (v.lang.t_with(direction, &[("office", &office_name(node, v, &x.peer))])) }
                            td { (member_cell(v, x, &names)) }
                            td { (loc.date(x.requested_on)) }
                            td {
                                (status(x))
                                @if let Some(r) = &x.reason { br; small { (reason(v, r)) } }
                            }
                            td { (loc.date(x.updated_at.date_naive())) }
                        }
                    }
                }
            } }
            @if closed.len() >= usize::try_from(CLOSED_ROWS).unwrap_or(usize::MAX) {
                p.note { (v.lang.t_with("transfers-closed-note", &[("count", &CLOSED_ROWS.to_string())])) }
            }
        }
    };
    Ok(page(v, &t("transfers-title"), body))
}

/// The destination's staff take the member, then see the transfers again (303).
pub(super) async fn accept(
    State(node): State<Node>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    step(&node, &headers, id, &body, "/api/v1/transfers/{id}/accept", async |txn, _| {
        transfers::accept(txn, &node, id).await.map(|_| ())
    })
    .await
}

/// The destination's staff refuse the member with the reason the origin will read.
pub(super) async fn reject(
    State(node): State<Node>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    step(&node, &headers, id, &body, "/api/v1/transfers/{id}/reject", async |txn, form| {
        transfers::reject(txn, &node, id, form.get("reason")).await.map(|_| ())
    })
    .await
}

/// The origin's staff withdraw their office's open offer: the member is active here again.
pub(super) async fn cancel(
    State(node): State<Node>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    step(&node, &headers, id, &body, "/api/v1/transfers/{id}/cancel", async |txn, _| {
        transfers::cancel(txn, &node, id).await.map(|_| ())
    })
    .await
}

/// A step of a transfer from the page's form ([`super::staff_decision`]): back to the page, or
/// the page again with the refusal on the transfer's row.
async fn step(
    node: &Node,
    headers: &HeaderMap,
    id: Uuid,
    body: &[u8],
    route: &str,
    op: impl AsyncFnOnce(&sea_orm::DatabaseTransaction, &Posted) -> Result<(), AppError>,
) -> Result<Response, PageError> {
    super::staff_decision(node, headers, body, route, "/app/transfers", op, async |v, _, problem| {
        render(node, v, Some(&(id, refusal(v, problem)))).await
    })
    .await
}

/// A member's file: their open transfer, or the form offering them to another office (or why
/// there is none: the node is not federated, or no other office is enrolled); `form` and
/// `error` are the form as posted and its refusal.
pub(super) async fn member_section(
    node: &Node,
    v: &Viewer,
    member: Uuid,
    form: &Posted,
    error: Option<&FieldError>,
) -> Result<Markup, PageError> {
    if staff_may(v, &Method::POST, "/api/v1/members/{id}/transfers").is_err() {
        return Ok(html! {});
    }
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let open = transfers::open_of(node.store.db(), member).await?;
    let offices = destinations(node)?;
    let csrf = v.principal.csrf.clone().unwrap_or_default();
    let shows_form = open.is_none() && offices.as_ref().is_some_and(|o| !o.is_empty());
    let fields = if shows_form { vec!["destination".to_owned()] } else { Vec::new() };
    let options: Vec<(String, String)> =
        offices.iter().flatten().map(|o| (o.clone(), office_name(node, v, o))).collect();
    Ok(html! {
        h2 { (t("transfer-member-title")) }
        (form_error(error, &fields))
        @if let Some(x) = &open {
            @let direction = if x.side == Side::Destination { "transfer-from-office" } else { "transfer-to-office" };
            dl {
                dt { (t("transfer-open")) } dd { (v.lang.t_with(direction, &[("office", &office_name(node, v, &x.peer))])) }
                dt { (t("status")) } dd { (t(&format!("transfer-status-{}", x.status.as_str()))) }
                dt { (t("transfer-offered-on")) } dd { (loc.date(x.requested_on)) }
                dt { (t("transfer-expires-on")) } dd { (loc.date(x.expires_at.date_naive())) }
            }
            p { a href="/app/transfers" { (t("transfer-see-all")) } }
        } @else if offices.is_none() {
            p.note { (t("transfer-not-federated")) }
        } @else if options.is_empty() {
            p.note { (t("transfer-no-office")) }
        } @else {
            form method="post" action={ "/app/members/" (member) "/transfers" } novalidate {
                input type="hidden" name="csrf" value=(csrf);
                p.note { (t("transfer-offer-note")) }
                (select("destination", &t("transfer-destination"), &options, form.get("destination"), error))
                div { button type="submit" { (t("transfer-offer")) } }
            }
        }
    })
}

/// Offers the member to the chosen office through `transfers::offer` (the member is frozen and
/// their record sent sealed), then shows the file again (303); a refusal is shown in the file's
/// transfer section, with its status.
pub(super) async fn offer(
    State(node): State<Node>,
    headers: HeaderMap,
    Path(member): Path<Uuid>,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let route = "/api/v1/members/{id}/transfers";
    let done = format!("/app/members/{member}");
    let offer = async |txn: &sea_orm::DatabaseTransaction, form: &Posted| {
        transfers::offer(txn, &node, member, form.get("destination")).await.map(|_| ())
    };
    super::staff_decision(&node, &headers, &body, route, &done, offer, async |v, form, problem| {
        super::members::render_file(&node, v, member, form, Some(&refusal(v, problem))).await
    })
    .await
}
