//! The advisors' pages of the office's money: payroll runs and their payslips, wages
//! nearing their payment deadline, the guarantee fund and its movements, overdue
//! invoices and their dunning. Each reads the service the API's route calls
//! (`payroll_lists`, `guarantee_fund::deadlines` and `view`, `dunning::list`) and is open
//! to whoever that route is open to (advisors and admins: `auth::policy`); files (payslip
//! PDFs, SEPA files, dunning letters) are the API's routes, reached with the session.

use super::{page, staff_may, PageError, Viewer};
use crate::service::payroll_lists::{self, PayslipFilter, RunFilter};
use crate::service::{dunning, guarantee_fund, office, payroll, Node};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use maud::{html, Markup};
use rust_decimal::Decimal;
use uuid::Uuid;

/// Rows a list page shows.
pub(super) const PAGE_SIZE: u64 = 50;

/// How far ahead the deadlines page looks by default: the API's default (`within=3`).
const DEADLINES_WITHIN: u32 = 3;

/// The furthest the deadlines page looks, as the API bounds `within`.
const DEADLINES_WITHIN_MAX: u32 = 60;

/// An amount the services give as text, in the page's language.
pub(super) fn money(v: &Viewer, amount: &str, currency: &str) -> String {
    amount.parse::<Decimal>().map_or_else(|_| amount.to_owned(), |d| v.lang.locale().money(d, currency))
}

/// A query's parameter, as typed (a query the page did not write gives none).
pub(super) fn param(query: Option<&str>, key: &str) -> Option<String> {
    query
        .and_then(|q| form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == key))
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// A page's offset from `?offset=`; anything else is the first page.
pub(super) fn offset(query: Option<&str>) -> u64 {
    param(query, "offset").and_then(|o| o.parse::<u64>().ok()).filter(|o| *o <= 1_000_000_000).unwrap_or(0)
}

/// Previous and next links of an offset-paged list, keeping its other parameters.
pub(super) fn pager(v: &Viewer, path: &str, keep: &[(&str, &str)], at: u64, shown: usize, total: u64) -> Markup {
    let link = |to: u64| {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for (k, value) in keep.iter().filter(|(_, value)| !value.is_empty()) {
            q.append_pair(k, value);
        }
        if to > 0 {
            q.append_pair("offset", &to.to_string());
        }
        let q = q.finish();
        if q.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{q}")
        }
    };
    let shown = u64::try_from(shown).unwrap_or(0);
    let (from, to) = (at.saturating_add(1).min(total), at.saturating_add(shown));
    html! {
        @if total > 0 {
            p.note { (v.lang.t_with("page-position", &[("from", &from.to_string()), ("to", &to.to_string()), ("total", &total.to_string())])) }
        }
        nav.pages aria-label=(v.lang.t("pages-nav")) {
            @if at > 0 { a href=(link(at.saturating_sub(PAGE_SIZE))) { (v.lang.t("page-previous")) } }
            @if to < total { a href=(link(to)) { (v.lang.t("page-next")) } }
        }
    }
}

/// `/app/payroll`: the payroll runs, newest first, a page at a time.
pub(super) async fn runs(
    State(node): State<Node>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    staff_may(&v, &Method::GET, "/api/v1/payroll-runs")?;
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let at = offset(query.as_deref());
    let list = payroll_lists::runs(node.store.db(), &RunFilter::default(), at, PAGE_SIZE).await?;
    let body = html! {
        @if list.items.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("payroll-period")) }
                    th scope="col" { (t("payroll-through")) }
                    th scope="col" { (t("payroll-pay-date")) }
                    th scope="col" { (t("status")) }
                    th.num scope="col" { (t("payroll-payslips")) }
                    th scope="col" { (t("payroll-sepa")) }
                } }
                tbody {
                    @for r in &list.items {
                        tr {
                            td { a href={ "/app/payroll/" (r.id) } { (v.lang.t_with("payroll-run", &[("period", &r.period), ("sequence", &r.sequence.to_string())])) } }
                            td { (loc.date(r.through)) }
                            td { (loc.date(r.pay_date)) }
                            td { (t(&format!("payroll-status-{}", r.status))) }
                            td.num { (r.payslips) }
                            td {
                                @if r.status == "completed" {
                                    a href={ "/api/v1/payroll-runs/" (r.id) "/sepa" } download { (t("payroll-sepa")) " " (r.period) }
                                }
                            }
                        }
                    }
                }
            } }
        }
        (pager(&v, "/app/payroll", &[], at, list.items.len(), list.total))
    };
    Ok(page(&v, &t("payroll-title"), body))
}

/// `/app/payroll/{id}`: a run and its payslips, each with its PDF.
pub(super) async fn run(
    State(node): State<Node>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    staff_may(&v, &Method::GET, "/api/v1/payroll-runs/{id}/payslips")?;
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let db = node.store.db();
    let r = payroll::get(db, id).await?;
    let at = offset(query.as_deref());
    let filter = PayslipFilter { run_id: Some(id), ..Default::default() };
    let slips = payroll_lists::payslips(db, &node, &filter, at, PAGE_SIZE).await?;
    let names = office::member_names(db, slips.items.iter().map(|s| s.member_id)).await?;
    let title = v.lang.t_with("payroll-run", &[("period", &r.period), ("sequence", &r.sequence.to_string())]);
    let body = html! {
        dl {
            dt { (t("payroll-through")) } dd { (loc.date(r.through)) }
            dt { (t("payroll-pay-date")) } dd { (loc.date(r.pay_date)) }
            dt { (t("status")) } dd { (t(&format!("payroll-status-{}", r.status))) }
            dt { (t("payroll-payslips")) } dd { (r.payslips) }
        }
        p { a href="/app/payroll" { (t("payroll-back")) } }
        h2 { (t("payroll-payslips")) }
        @if slips.items.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("member-name")) }
                    th scope="col" { (t("payslip-kind")) }
                    th.num scope="col" { (t("payslip-gross")) }
                    th.num scope="col" { (t("payslip-net")) }
                    th.num scope="col" { (t("payslip-employer-cost")) }
                    th scope="col" { (t("payslip-paid-by")) }
                    th scope="col" { (t("payslip-on-time")) }
                    th scope="col" { (t("payslip-pdf")) }
                } }
                tbody {
                    @for s in &slips.items {
                        @let name = names.get(&s.member_id).cloned().unwrap_or_else(|| s.member_id.to_string());
                        tr {
                            td { a href={ "/app/members/" (s.member_id) } { (name) } }
                            td { (t(&format!("payslip-kind-{}", s.kind))) }
                            td.num { (money(&v, &s.gross, &s.currency)) }
                            td.num { (money(&v, &s.net, &s.currency)) }
                            td.num { (money(&v, &s.employer_cost, &s.currency)) }
                            td { (loc.date(s.deadline)) }
                            td { @if s.paid_within_deadline { (t("yes")) } @else { strong { (t("no")) } } }
                            td { a href={ "/api/v1/payslips/" (s.id) "/pdf" } download aria-label={ (t("payslip-pdf")) " " (name) } { (t("payslip-pdf")) } }
                        }
                    }
                }
            } }
        }
        (pager(&v, &format!("/app/payroll/{id}"), &[], at, slips.items.len(), slips.total))
    };
    Ok(page(&v, &title, body))
}

/// `/app/deadlines`: wages whose work has ended, unpaid, due within the days asked
/// (`?within=`, 3 by default as on the API), late ones first. The deadline and the
/// working days left are `guarantee_fund::deadlines`'s, on the pack's calendar.
pub(super) async fn deadlines(
    State(node): State<Node>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    staff_may(&v, &Method::GET, "/api/v1/guarantee-fund/deadlines")?;
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let db = node.store.db();
    let typed = param(query.as_deref(), "within");
    let within = match typed.as_deref().map(str::parse::<u32>) {
        None => Ok(DEADLINES_WITHIN),
        Some(Ok(w)) if w <= DEADLINES_WITHIN_MAX => Ok(w),
        Some(_) => Err(()),
    };
    let list = match within {
        Ok(w) => guarantee_fund::deadlines(db, &node, w, node.today()).await?,
        Err(()) => Vec::new(),
    };
    let members = office::member_names(db, list.iter().map(|d| d.member_id)).await?;
    let activities = office::activity_names(db, list.iter().map(|d| d.activity_id)).await?;
    let shown = typed.clone().unwrap_or_else(|| DEADLINES_WITHIN.to_string());
    let body = html! {
        p.note { (t("deadlines-note")) }
        form.filter method="get" action="/app/deadlines" {
            div.field {
                label for="within" { (t("deadlines-within")) }
                input #within name="within" type="number" min="0" max=(DEADLINES_WITHIN_MAX) value=(shown)
                    aria-invalid=[within.is_err().then_some("true")] aria-describedby=[within.is_err().then_some("within-error")];
                @if within.is_err() { p #within-error .error { (t("deadlines-within-invalid")) } }
            }
            div { button type="submit" { (t("deadlines-show")) } }
        }
        @if within.is_ok() {
            @if list.is_empty() {
                p { (t("deadlines-none")) }
            } @else {
                div.scroll { table {
                    thead { tr {
                        th scope="col" { (t("member-name")) }
                        th scope="col" { (t("activity-name")) }
                        th scope="col" { (t("deadline-work-end")) }
                        th scope="col" { (t("payslip-paid-by")) }
                        th.num scope="col" { (t("deadline-left")) }
                    } }
                    tbody {
                        @for d in &list {
                            tr {
                                td { a href={ "/app/members/" (d.member_id) } { (members.get(&d.member_id).cloned().unwrap_or_else(|| d.member_id.to_string())) } }
                                td { (activities.get(&d.activity_id).map(|(n, _)| n.clone()).unwrap_or_default()) }
                                td { (loc.date(d.work_end)) }
                                td { (loc.date(d.deadline)) }
                                td.num {
                                    @if d.working_days_left < 0 {
                                        strong.late { (v.lang.t_count("deadline-late", "days", -d.working_days_left)) }
                                    } @else {
                                        (d.working_days_left)
                                    }
                                }
                            }
                        }
                    }
                } }
            }
        }
    };
    let mut res = page(&v, &t("deadlines-title"), body);
    if within.is_err() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `/app/fund`: the guarantee fund's balance, open advances and coverage as the API's
/// `GET /guarantee-fund` gives them, and its movements, newest first (`?before=`).
pub(super) async fn fund(
    State(node): State<Node>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    staff_may(&v, &Method::GET, "/api/v1/guarantee-fund")?;
    // The movements name activities and members: an advisor's, not HQ's, though HQ sees the totals on the API.
    staff_may(&v, &Method::GET, "/api/v1/activities")?;
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let db = node.store.db();
    let f = guarantee_fund::view(db, &node).await?;
    let before = param(query.as_deref(), "before").and_then(|b| b.parse::<Uuid>().ok());
    let size = usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX);
    let mut movements = office::fund_movements(db, before, PAGE_SIZE + 1).await?;
    let more = movements.len() > size;
    movements.truncate(size);
    let activities = office::activity_names(db, movements.iter().map(|m| m.activity_id)).await?;
    let coverage = f.coverage_ratio.as_deref().and_then(|r| r.parse::<Decimal>().ok());
    let body = html! {
        p.note { (t("fund-note")) }
        dl {
            dt { (t("fund-balance")) } dd { (money(&v, &f.balance, &f.currency)) }
            dt { (t("fund-open-advances")) } dd { (money(&v, &f.open_advances, &f.currency)) }
            dt { (t("fund-coverage")) }
            dd { @if let Some(r) = coverage { (loc.number(r, 2)) } @else { (t("fund-coverage-none")) } }
            dt { (t("fund-advanced")) } dd { (money(&v, &f.advanced, &f.currency)) }
            dt { (t("fund-recovered")) } dd { (money(&v, &f.recovered, &f.currency)) }
            dt { (t("fund-lost")) } dd { (money(&v, &f.lost, &f.currency)) }
        }
        h2 { (t("fund-movements")) }
        @if movements.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("fund-movement-date")) }
                    th scope="col" { (t("fund-movement-kind")) }
                    th scope="col" { (t("activity-name")) }
                    th.num scope="col" { (t("fund-movement-amount")) }
                    th scope="col" { (t("fund-movement-document")) }
                } }
                tbody {
                    @for m in &movements {
                        tr {
                            td { (loc.date(m.date)) }
                            td { (t(&format!("fund-kind-{}", m.kind))) }
                            td {
                                @if let Some((name, member)) = activities.get(&m.activity_id) {
                                    a href={ "/app/members/" (member) } { (name) }
                                }
                            }
                            td.num { (loc.money(m.amount.amount(), m.amount.currency().code())) }
                            td {
                                @if let Some(p) = m.payslip_id {
                                    a href={ "/api/v1/payslips/" (p) "/pdf" } download { (t("fund-payslip")) }
                                } @else if let Some(i) = m.invoice_id {
                                    a href={ "/api/v1/invoices/" (i) "/pdf" } download { (t("fund-invoice")) }
                                }
                            }
                        }
                    }
                }
            } }
        }
        nav.pages aria-label=(t("pages-nav")) {
            @if before.is_some() { a href="/app/fund" { (t("fund-newest")) } }
            @if let Some(last) = movements.last().filter(|_| more) {
                a href={ "/app/fund?before=" (last.id) } { (t("fund-older")) }
            }
        }
    };
    Ok(page(&v, &t("fund-title"), body))
}

/// `/app/overdue`: unpaid invoices past their due date, most urgent first, with the
/// stage of their dunning and each letter sent (the API's PDF of that step).
pub(super) async fn overdue(
    State(node): State<Node>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    staff_may(&v, &Method::GET, "/api/v1/dunning")?;
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let at = offset(query.as_deref());
    let list = dunning::list(node.store.db(), &node, node.today(), at, PAGE_SIZE).await?;
    let body = html! {
        p.note { (t("overdue-note")) }
        @if list.items.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("overdue-invoice")) }
                    th scope="col" { (t("overdue-due")) }
                    th.num scope="col" { (t("overdue-outstanding")) }
                    th scope="col" { (t("overdue-stage")) }
                    th scope="col" { (t("overdue-next")) }
                    th scope="col" { (t("overdue-letters")) }
                } }
                tbody {
                    @for c in &list.items {
                        @let number = c.number.clone().unwrap_or_default();
                        tr {
                            td {
                                a href={ "/api/v1/invoices/" (c.invoice_id) "/pdf" } download { (number) }
                                br; small { (c.client_name) }
                            }
                            td {
                                @if let Some(d) = c.due_date { (loc.date(d)) }
                                br; small { (v.lang.t_count("overdue-days", "days", c.days_overdue)) }
                            }
                            td.num {
                                (money(&v, &c.outstanding, &c.currency))
                                br; small { (v.lang.t_with("overdue-interest", &[("amount", &money(&v, &c.interest, &c.currency))])) }
                            }
                            td {
                                (t(&format!("dunning-status-{}", c.status)))
                                @if let (Some(step), Some(on)) = (&c.last_step, c.last_step_on) {
                                    br; small { (t(&format!("dunning-step-{step}"))) ", " (loc.date(on)) }
                                } @else {
                                    br; small { (t("overdue-none-sent")) }
                                }
                            }
                            td {
                                @if let (Some(step), Some(from)) = (&c.next_step, c.next_step_from) {
                                    (t(&format!("dunning-step-{step}"))) br;
                                    small { (v.lang.t_with("overdue-from", &[("date", &loc.date(from))])) }
                                }
                            }
                            td {
                                @for s in &c.steps {
                                    a href={ "/api/v1/invoices/" (c.invoice_id) "/dunning/" (s.level) "/pdf" } download
                                        aria-label={ (t(&format!("dunning-step-{}", s.kind))) " " (number) } {
                                        (t(&format!("dunning-step-{}", s.kind)))
                                    }
                                    br;
                                }
                            }
                        }
                    }
                }
            } }
        }
        (pager(&v, "/app/overdue", &[], at, list.items.len(), list.total))
    };
    Ok(page(&v, &t("overdue-title"), body))
}
