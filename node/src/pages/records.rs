//! A member's records to read: the account statement by month (and its CSV), payslips
//! and contracts (their PDFs), shares, and "download my data" (GDPR Art. 15/20).
//! Files are the API's own routes (`/api/v1/...`), reached with the same session: the
//! API's middleware holds each one to its owner, so a page never serves a file itself.

use super::office::money;
use super::{member_of, page, PageError, Viewer};
use crate::service::contracts::{self, ContractFilter};
use crate::service::payroll_lists::{self, PayslipFilter};
use crate::service::views::{ContractView, MemberView, PayslipView};
use crate::service::{member_account, members, Node};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::{html, Markup};
use serde::Deserialize;

/// The months a statement page covers, as the form sends them.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Months {
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
}

/// `/app/statement`: the member's account per activity and month, its CSV beside it.
pub(super) async fn statement(
    State(node): State<Node>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    let member = member_of(&v)?;
    let t = |id: &str| v.lang.t(id);
    // A query the form did not write (unknown keys, bad encoding) shows the default months.
    let q: Months = query.and_then(|q| serde_urlencoded::from_str(&q).ok()).unwrap_or_default();
    let from = q.from.filter(|s| !s.is_empty());
    let to = q.to.filter(|s| !s.is_empty());
    let checked = member_account::months(from.as_deref(), to.as_deref(), node.today());
    let (view, error) = match checked {
        Ok((f, l)) => (Some(member_account::statement(node.store.db(), &node, member, f, l).await?), None),
        Err(e) => (None, Some(super::forms::FieldError::from_app(&v, e))),
    };
    let (shown_from, shown_to) = view
        .as_ref()
        .map_or((from.clone().unwrap_or_default(), to.clone().unwrap_or_default()), |s| (s.from.clone(), s.to.clone()));
    let error_message = error.as_ref().map(|e| e.message.clone());
    let body = html! {
        form method="get" action="/app/statement" {
            div.field {
                label for="from" { (t("statement-from")) }
                input #from name="from" type="month" value=(shown_from);
            }
            div.field {
                label for="to" { (t("statement-to")) }
                input #to name="to" type="month" value=(shown_to)
                    aria-invalid=[error_message.as_ref().map(|_| "true")] aria-describedby=[error_message.as_ref().map(|_| "to-error")];
                @if let Some(m) = &error_message { p #to-error .error { (m) } }
            }
            div { button type="submit" { (t("statement-show")) } }
        }
        @if let Some(s) = &view {
            p { a href={ "/api/v1/members/" (member) "/account.csv?from=" (s.from) "&to=" (s.to) } download { (t("statement-csv")) } }
            @if s.rows.is_empty() {
                p { (t("nothing-yet")) }
            } @else {
                div.scroll { table {
                    thead { tr {
                        th scope="col" { (t("activity-name")) }
                        th scope="col" { (t("statement-month")) }
                        th.num scope="col" { (t("statement-invoiced")) }
                        th.num scope="col" { (t("statement-fee")) }
                        th.num scope="col" { (t("statement-expenses")) }
                        th.num scope="col" { (t("statement-employer-cost")) }
                        th.num scope="col" { (t("statement-net")) }
                        th.num scope="col" { (t("statement-budget")) }
                    } }
                    tbody {
                        @for r in &s.rows {
                            tr {
                                td { (r.activity) }
                                td { (r.month) }
                                td.num { (money(&v, &r.flows.invoiced, &s.currency)) }
                                td.num { (money(&v, &r.flows.fee, &s.currency)) }
                                td.num { (money(&v, &r.flows.expenses, &s.currency)) }
                                td.num { (money(&v, &r.flows.employer_cost, &s.currency)) }
                                td.num { (money(&v, &r.flows.net, &s.currency)) }
                                td.num { (money(&v, &r.flows.budget, &s.currency)) }
                            }
                        }
                    }
                    tfoot { tr {
                        th scope="row" colspan="2" { (t("statement-total")) }
                        td.num { (money(&v, &s.totals.invoiced, &s.currency)) }
                        td.num { (money(&v, &s.totals.fee, &s.currency)) }
                        td.num { (money(&v, &s.totals.expenses, &s.currency)) }
                        td.num { (money(&v, &s.totals.employer_cost, &s.currency)) }
                        td.num { (money(&v, &s.totals.net, &s.currency)) }
                        td.num { (money(&v, &s.totals.budget, &s.currency)) }
                    } }
                } }
            }
        }
    };
    let mut res = page(&v, &t("statement-title"), body);
    if error.is_some() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `/app/payslips`: payslips with their PDF, and the contracts they pay.
pub(super) async fn payslips(State(node): State<Node>, headers: HeaderMap) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    let member = member_of(&v)?;
    let t = |id: &str| v.lang.t(id);
    let db = node.store.db();
    let slips =
        payroll_lists::payslips(db, &node, &PayslipFilter { member_id: Some(member), ..Default::default() }, 0, 500)
            .await?;
    let contracts =
        contracts::list(db, &ContractFilter { member_id: Some(member), ..Default::default() }, 0, 500).await?;
    let body = html! {
        h2 { (t("payslips-title")) }
        p.note { (t("payslip-deadline-note")) }
        (payslips_table(&v, &slips.items))
        h2 { (t("contracts-title")) }
        (contracts_table(&v, &contracts.items))
    };
    Ok(page(&v, &t("payslips-page-title"), body))
}

/// `/app/membership`: status, votes and shares; "download my data" as JSON and CSV.
pub(super) async fn membership(State(node): State<Node>, headers: HeaderMap) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    let member = member_of(&v)?;
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let m = MemberView::try_from(members::get(node.store.db(), member).await?)?;
    let s = &m.shares;
    let body = html! {
        h2 { (t("membership-shares")) }
        dl {
            dt { (t("membership-status")) } dd { (t(&format!("member-status-{}", m.status))) }
            dt { (t("membership-votes")) } dd { (m.votes) }
            dt { (t("membership-subscribed")) } dd { (s.subscribed) }
            dt { (t("membership-paid")) } dd { (s.paid) }
            dt { (t("membership-held")) } dd { (s.held) }
            dt { (t("membership-nominal")) } dd { (money(&v, &s.nominal, &s.currency)) }
            dt { (t("membership-capital")) } dd { (money(&v, &s.capital, &s.currency)) }
            dt { (t("membership-applied")) } dd { (loc.date(m.applied_on)) }
        }
        h2 { (t("data-title")) }
        p { (t("data-note")) }
        ul {
            li { a href={ "/api/v1/members/" (member) "/data" } download { (t("data-json")) } }
            li { a href={ "/api/v1/members/" (member) "/data.csv" } download { (t("data-csv")) } }
        }
    };
    Ok(page(&v, &t("membership-title"), body))
}

/// Payslips with their gross, net, pay-by date and PDF: the member's page and the advisor's
/// file of a member show the same table.
pub(super) fn payslips_table(v: &Viewer, items: &[PayslipView]) -> Markup {
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    html! {
        @if items.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("payslip-period")) }
                    th.num scope="col" { (t("payslip-gross")) }
                    th.num scope="col" { (t("payslip-net")) }
                    th scope="col" { (t("payslip-paid-by")) }
                    th scope="col" { (t("payslip-pdf")) }
                } }
                tbody {
                    @for s in items {
                        tr {
                            td { (s.period) }
                            td.num { (money(v, &s.gross, &s.currency)) }
                            td.num { (money(v, &s.net, &s.currency)) }
                            td { (loc.date(s.deadline)) }
                            td { a href={ "/api/v1/payslips/" (s.id) "/pdf" } download { (t("payslip-pdf")) " " (s.period) } }
                        }
                    }
                }
            } }
    }
    }
}

/// Contracts with their kind, hours, gross, status and PDF, for the same two pages.
pub(super) fn contracts_table(v: &Viewer, items: &[ContractView]) -> Markup {
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    html! {
        @if items.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("contract-kind")) }
                    th scope="col" { (t("contract-starts")) }
                    th scope="col" { (t("contract-ends")) }
                    th.num scope="col" { (t("contract-gross")) }
                    th scope="col" { (t("status")) }
                    th scope="col" { (t("contract-pdf")) }
                } }
                tbody {
                    @for k in items {
                        tr {
                            td { (t(&format!("contract-kind-{}", k.kind))) ", " (t(&format!("worker-{}", k.worker_category))) }
                            td { (loc.date(k.starts_at.date())) " " (k.starts_at.format("%H:%M")) }
                            td { @if let Some(e) = k.ends_at { (loc.date(e.date())) " " (e.format("%H:%M")) } }
                            td.num { (money(v, &k.gross, &k.currency)) }
                            td { (t(&format!("contract-status-{}", k.status))) }
                            td { a href={ "/api/v1/contracts/" (k.id) "/pdf" } download { (t("contract-pdf")) " " (loc.date(k.starts_at.date())) } }
                        }
                    }
                }
            } }
    }
    }
}
