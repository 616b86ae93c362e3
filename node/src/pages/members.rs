//! The advisors' pages of members: the list (searched by name, a page at a time) and a
//! member's file (identity, status, activities with their budgets, last invoices,
//! payslips, contracts and work declarations, and its transfer to another office: the open
//! one, or the form that offers the member, see [`super::transfers`]). Read through the services the API's
//! member routes call, with the same rule: advisors and admins, never a member (not even
//! about themself: their own pages are theirs) nor HQ, which sees no one's personal data.

use super::forms::{FieldError, Posted};
use super::office::{money, offset, pager, param, PAGE_SIZE};
use super::{page, records, staff_may, transfers, PageError, Viewer};
use crate::service::contracts::{self, ContractFilter};
use crate::service::payroll_lists::{self, PayslipFilter};
use crate::service::views::{InvoiceView, MemberView};
use crate::service::work::{self, DeclarationFilter};
use crate::service::{activities, invoices, members, Node};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Method};
use axum::response::Response;
use maud::html;
use uuid::Uuid;

/// Rows each section of a member's file shows: the latest ones; the rest is on the API.
const FILE_ROWS: u64 = 10;

/// The member routes' rule (advisors and admins).
fn may_read_members(v: &Viewer) -> Result<(), PageError> {
    staff_may(v, &Method::GET, "/api/v1/members/{id}")
}

/// `/app/members`: members, newest first, searched by name (`?name=`, each word in the
/// first or last name, any case), a page at a time (`?offset=`).
pub(super) async fn list(
    State(node): State<Node>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    staff_may(&v, &Method::GET, "/api/v1/members")?;
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    // At most 100 printable characters are searched, as the API's `name` takes.
    let typed = param(query.as_deref(), "name").unwrap_or_default();
    let name: String = typed.chars().filter(|c| !c.is_control()).take(100).collect();
    let at = offset(query.as_deref());
    let search = Some(name.as_str()).filter(|n| !n.is_empty());
    let list = members::list(node.store.db(), None, search, at, PAGE_SIZE).await?;
    let body = html! {
        form.filter method="get" action="/app/members" role="search" {
            div.field {
                label for="name" { (t("members-search")) }
                input #name name="name" type="search" value=(name);
            }
            div { button type="submit" { (t("members-search-submit")) } }
        }
        @if list.items.is_empty() {
            p { (t("members-none")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("member-name")) }
                    th scope="col" { (t("member-email")) }
                    th scope="col" { (t("membership-status")) }
                    th scope="col" { (t("membership-applied")) }
                } }
                tbody {
                    @for m in &list.items {
                        tr {
                            td { a href={ "/app/members/" (m.id.0) } { (m.first_name) " " (m.last_name) } }
                            td { (m.email) }
                            td { (t(&format!("member-status-{}", m.status.as_str()))) }
                            td { (loc.date(m.applied_on)) }
                        }
                    }
                }
            } }
        }
        (pager(&v, "/app/members", &[("name", &name)], at, list.items.len(), list.total))
    };
    Ok(page(&v, &t("members-title"), body))
}

/// A member's last invoices over all their activities, newest first.
async fn last_invoices(node: &Node, activity_ids: &[Uuid]) -> Result<Vec<InvoiceView>, PageError> {
    let mut out = Vec::new();
    for a in activity_ids {
        out.extend(invoices::list(node.store.db(), node, Some(*a), None, 0, FILE_ROWS).await?.items);
    }
    // Drafts (no date yet) first, as the newest work; then by date, then by id (time-ordered).
    out.sort_by_key(|i| std::cmp::Reverse((i.date.is_none(), i.date, i.id)));
    out.truncate(usize::try_from(FILE_ROWS).unwrap_or(usize::MAX));
    Ok(out)
}

/// `/app/members/{id}`: a member's file.
pub(super) async fn file(
    State(node): State<Node>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    render_file(&node, &v, id, &Posted::default(), None).await
}

/// A member's file; `offer` is the transfer form as posted and `error` its refusal, shown in
/// the file's transfer section.
pub(super) async fn render_file(
    node: &Node,
    v: &Viewer,
    id: Uuid,
    offer: &Posted,
    error: Option<&FieldError>,
) -> Result<Response, PageError> {
    may_read_members(v)?;
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let db = node.store.db();
    let m = MemberView::try_from(members::get(db, id).await?)?;
    let transfer = transfers::member_section(node, v, id, offer, error).await?;
    let acts = activities::list(db, node, Some(id), 0, 100).await?.items;
    let names: Vec<(Uuid, String)> = acts.iter().map(|a| (a.activity.id.0, a.activity.name.clone())).collect();
    let activity_name =
        |a: Uuid| names.iter().find(|(id, _)| *id == a).map(|(_, n)| n.clone()).unwrap_or_else(|| a.to_string());
    let invoices = last_invoices(node, &names.iter().map(|(id, _)| *id).collect::<Vec<_>>()).await?;
    let slips =
        payroll_lists::payslips(db, node, &PayslipFilter { member_id: Some(id), ..Default::default() }, 0, FILE_ROWS)
            .await?;
    let contracts =
        contracts::list(db, &ContractFilter { member_id: Some(id), ..Default::default() }, 0, FILE_ROWS).await?;
    let mut declarations = work::list_declarations(
        db,
        node.zone,
        &DeclarationFilter { member_id: Some(id), ..Default::default() },
        0,
        FILE_ROWS,
    )
    .await?;
    crate::service::abroad::warn(db, node, v.lang.0, &mut declarations.items).await?;
    let certificates = crate::service::abroad::list_a1(db, id).await?;
    let language = t(&format!("language-{}", m.language));
    let body = html! {
        p { a href="/app/members" { (t("members-back")) } }
        h2 { (t("member-identity")) }
        dl {
            dt { (t("member-email")) } dd { (m.email) }
            dt { (t("member-language")) } dd { (language) }
            dt { (t("membership-status")) } dd { (t(&format!("member-status-{}", m.status))) }
            dt { (t("membership-applied")) } dd { (loc.date(m.applied_on)) }
            @if let Some(d) = m.admitted_on { dt { (t("member-admitted")) } dd { (loc.date(d)) } }
            @if let Some(d) = m.left_on { dt { (t("member-left")) } dd { (loc.date(d)) } }
            dt { (t("member-identity-recorded")) } dd { @if m.identity_recorded { (t("yes")) } @else { (t("no")) } }
            dt { (t("member-address")) }
            dd { @if let Some(a) = &m.address { (a.street) ", " (a.postal_code) " " (a.city) " (" (a.country) ")" } @else { (t("member-not-recorded")) } }
            dt { (t("membership-held")) } dd { (m.shares.held) }
            dt { (t("member-data")) }
            dd { a href={ "/api/v1/members/" (m.id) "/data.csv" } download { (t("member-data-csv")) } }
        }
        (transfer)
        h2 { (t("member-activities")) }
        @if acts.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr { th scope="col" { (t("activity-name")) } th.num scope="col" { (t("activity-budget")) } } }
                tbody {
                    @for a in &acts {
                        tr { td { (a.activity.name) } td.num { (loc.money(a.budget.amount(), a.budget.currency().code())) } }
                    }
                }
            } }
        }
        h2 { (t("member-invoices")) }
        @if invoices.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("invoice-number")) }
                    th scope="col" { (t("activity-name")) }
                    th scope="col" { (t("invoice-date")) }
                    th.num scope="col" { (t("invoice-total")) }
                    th scope="col" { (t("status")) }
                } }
                tbody {
                    @for i in &invoices {
                        tr {
                            td {
                                @if let Some(n) = &i.number {
                                    a href={ "/api/v1/invoices/" (i.id) "/pdf" } download { (n) }
                                } @else {
                                    (t("invoice-draft"))
                                }
                            }
                            td { (activity_name(i.activity_id)) }
                            td { @if let Some(d) = i.date { (loc.date(d)) } }
                            td.num { (money(v, &i.totals.gross, &i.currency)) }
                            td { (t(&format!("invoice-status-{}", i.status))) }
                        }
                    }
                }
            } }
        }
        h2 { (t("member-payslips")) }
        (records::payslips_table(v, &slips.items))
        h2 { (t("member-contracts")) }
        (records::contracts_table(v, &contracts.items))
        h2 { (t("member-declarations")) }
        @if declarations.items.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("work-function")) }
                    th scope="col" { (t("activity-name")) }
                    th scope="col" { (t("work-days")) }
                    th.num scope="col" { (t("work-budget")) }
                    th scope="col" { (t("status")) }
                } }
                tbody {
                    @for d in &declarations.items {
                        tr {
                            td {
                                (d.function)
                                @if let Some(l) = &d.legislation {
                                    br; small { (t("work-legislation")) (loc.colon()) (l.country) ", art. " (l.article) }
                                }
                                @for w in &d.warnings { br; small.warning { (w.detail) } }
                            }
                            td { (activity_name(d.activity_id)) }
                            td { @for p in &d.periods { (loc.date(p.date)) " " } }
                            td.num { (money(v, &d.budget, &d.currency)) }
                            td { (t(&format!("work-status-{}", d.status))) }
                        }
                    }
                }
            } }
        }
        h2 { (t("member-a1-certificates")) }
        @if certificates.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("a1-issuing-state")) }
                    th scope="col" { (t("a1-article")) }
                    th scope="col" { (t("a1-period")) }
                    th scope="col" { (t("a1-reference")) }
                } }
                tbody {
                    @for a in &certificates {
                        tr {
                            td { (a.issuing_state) }
                            td { (a.article) }
                            td { (loc.date(a.valid_from)) " – " (loc.date(a.valid_until)) }
                            td { (a.reference) }
                        }
                    }
                }
            } }
        }
    };
    Ok(page(v, &format!("{} {}", m.first_name, m.last_name), body))
}
