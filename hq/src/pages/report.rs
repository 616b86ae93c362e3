//! The group report as a page: the same [`GroupReport`] the API gives as JSON (each
//! office and the group: members, sign-ups, turnover, FTE, payroll mass by sector, the
//! guarantee fund's coverage and its alarm, in euros at HQ's reference rates), with
//! charts from [`partage_documents::charts`], each followed by a table of its numbers.
//! Suppressed cells stay suppressed: the page shows what the report holds, nothing more.

use super::{message_page, page, to_sign_in, viewer, Pages, Viewer};
use crate::report::{self, Cell, GroupReport, NodeRow};
use crate::HqError;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use partage_core::period::Month;
use partage_documents::charts::{self, Bar};
use rust_decimal::Decimal;

/// `GET /app/report`: the period the chooser asks for (`?period=`), else the latest one
/// HQ has figures for, else a page saying there are none yet.
pub(super) async fn latest(State(p): State<Pages>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    let Some(v) = viewer(&p, &headers) else { return to_sign_in() };
    let asked = query
        .as_deref()
        .and_then(|q| form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "period"))
        .map(|(_, v)| v.trim().to_owned());
    let periods = match p.hq.store.periods().await {
        Ok(periods) => periods,
        Err(e) => return failed(&v, &e),
    };
    let Some(period) = asked.or_else(|| periods.last().cloned()) else {
        let title = v.lang.t("report-title-none");
        return page(v.lang, Some(&v), StatusCode::OK, &title, html! { p { (v.lang.t("report-no-periods")) } });
    };
    if crate::check_period(&period).is_err() {
        return invalid_period(&v, &period);
    }
    // A checked period is digits and one hyphen: safe in a Location header.
    match HeaderValue::from_str(&format!("/app/report/{period}")) {
        Ok(to) => (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response(),
        Err(_) => invalid_period(&v, &period),
    }
}

/// The report of one month, or why there is none.
async fn page_of(p: &Pages, v: &Viewer, period: &str) -> Response {
    let Ok(month) = period.parse::<Month>() else { return invalid_period(v, period) };
    let periods = match p.hq.store.periods().await {
        Ok(periods) => periods,
        Err(e) => return failed(v, &e),
    };
    let loc = v.lang.locale();
    let title = v.lang.t_with("report-title", &[("month", &loc.month(month.first_day()))]);
    let chooser = chooser(v, &periods, period);
    if !periods.iter().any(|p| p == period) {
        let body = html! { (chooser) p { (v.lang.t_with("report-no-figures", &[("period", period)])) } };
        return page(v.lang, Some(v), StatusCode::NOT_FOUND, &title, body);
    }
    match report::build(&p.hq.store, period, p.hq.coverage_floor).await {
        Ok(report) => page(v.lang, Some(v), StatusCode::OK, &title, html! { (chooser) (render(v, &report)) }),
        Err(e) => failed(v, &e),
    }
}

/// `GET /app/report/{period}`: the report of one month.
pub(super) async fn report_page(State(p): State<Pages>, headers: HeaderMap, Path(period): Path<String>) -> Response {
    match viewer(&p, &headers) {
        Some(v) => page_of(&p, &v, &period).await,
        None => to_sign_in(),
    }
}

/// `GET /app/report/{period}/csv`: the API's CSV, reached with the session.
pub(super) async fn csv(State(p): State<Pages>, headers: HeaderMap, Path(period): Path<String>) -> Response {
    let Some(v) = viewer(&p, &headers) else { return to_sign_in() };
    if crate::check_period(&period).is_err() {
        return invalid_period(&v, &period);
    }
    match report::build(&p.hq.store, &period, p.hq.coverage_floor).await {
        Ok(r) => {
            let disposition = format!("attachment; filename=\"group-report-{period}.csv\"");
            let mut res = ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], report::to_csv(&r)).into_response();
            if let Ok(d) = HeaderValue::from_str(&disposition) {
                res.headers_mut().insert(header::CONTENT_DISPOSITION, d);
            }
            res
        }
        Err(e) => failed(&v, &e),
    }
}

fn invalid_period(v: &Viewer, period: &str) -> Response {
    let title = v.lang.t("report-invalid-title");
    message_page(v, StatusCode::BAD_REQUEST, &title, &v.lang.t_with("report-invalid-period", &[("period", period)]))
}

/// What the report refused or failed at, as a page with the API's status.
fn failed(v: &Viewer, err: &HqError) -> Response {
    let t = |id: &str| v.lang.t(id);
    match err {
        HqError::RateMissing { currency, period } => message_page(
            v,
            StatusCode::CONFLICT,
            &t("report-rate-missing-title"),
            &v.lang.t_with("report-rate-missing", &[("currency", currency), ("period", period)]),
        ),
        HqError::Period(period) => invalid_period(v, period),
        _ => {
            tracing::error!(error = %err, "HQ page failed");
            message_page(v, StatusCode::INTERNAL_SERVER_ERROR, &t("failed-title"), &t("failed"))
        }
    }
}

/// The period chooser (newest first) and the link to the CSV.
fn chooser(v: &Viewer, periods: &[String], current: &str) -> Markup {
    let t = |id: &str| v.lang.t(id);
    html! {
        form.filter method="get" action="/app/report" {
            div.field {
                label for="period" { (t("report-period")) }
                select #period name="period" {
                    @for p in periods.iter().rev() {
                        option value=(p) selected[p == current] { (p) }
                    }
                }
            }
            div { button type="submit" { (t("report-show")) } }
        }
        @if periods.iter().any(|p| p == current) {
            p { a href={ "/app/report/" (current) "/csv" } { (t("report-csv")) } }
        }
    }
}

/// An office's name as the page writes it: its code in capitals ("BE"), the group by name.
fn office(v: &Viewer, row: &NodeRow) -> String {
    if row.node == "group" && row.revision.is_none() {
        v.lang.t("report-group")
    } else {
        row.node.to_uppercase()
    }
}

/// The sum of a node's sectors, shown only when every sector is: a total beside the
/// shown sectors would give the hidden one away.
fn across(row: &NodeRow, pick: fn(&report::SectorRow) -> Option<Decimal>) -> Option<Decimal> {
    row.sectors.iter().map(pick).sum()
}

fn render(v: &Viewer, r: &GroupReport) -> Markup {
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    // The day the office computed its figures; the stored text as it is if it is no date.
    let sent = |at: &str| {
        chrono::DateTime::parse_from_rfc3339(at).map_or_else(|_| at.to_owned(), |d| loc.date(d.date_naive()))
    };
    let hidden = t("report-suppressed");
    let count = |c: Cell| c.map_or_else(|| hidden.clone(), |n| loc.number(Decimal::from(n), 0));
    let money = |a: Option<Decimal>| a.map_or_else(|| hidden.clone(), |d| loc.money(d, "EUR"));
    let fte = |a: Option<Decimal>| a.map_or_else(|| hidden.clone(), |d| loc.number(d, 2));
    let with_figures: Vec<&NodeRow> = r.nodes.iter().filter(|n| n.revision.is_some()).collect();
    let without: Vec<String> = r.nodes.iter().filter(|n| n.revision.is_none()).map(|n| office(v, n)).collect();
    let all: Vec<&NodeRow> = with_figures.iter().copied().chain(std::iter::once(&r.total)).collect();
    let ratio = |d: Decimal| loc.percent(d.round_dp(3));
    let alarms: Vec<String> =
        with_figures.iter().filter(|n| n.fund.as_ref().is_some_and(|f| f.under_floor)).map(|n| office(v, n)).collect();
    let floor = ratio(r.coverage_floor);

    let member_bars: Vec<Bar> = with_figures
        .iter()
        .map(|n| Bar {
            label: office(v, n),
            value: Decimal::from(n.members_active.unwrap_or(0)),
            text: count(n.members_active),
        })
        .collect();
    let turnover_bars: Vec<Bar> = with_figures
        .iter()
        .map(|n| {
            let turnover = across(n, |s| s.turnover_excl_vat);
            Bar { label: office(v, n), value: turnover.unwrap_or_default(), text: money(turnover) }
        })
        .collect();
    let sector_bars: Vec<Bar> = r
        .total
        .sectors
        .iter()
        .map(|s| Bar {
            label: t(&format!("sector-{}", s.sector)),
            value: s.payroll_mass_gross.unwrap_or_default(),
            text: money(s.payroll_mass_gross),
        })
        .collect();
    let coverage_bars: Vec<Bar> = with_figures
        .iter()
        .map(|n| {
            let c = n.fund.as_ref().and_then(|f| f.coverage_ratio);
            Bar {
                label: office(v, n),
                value: c.unwrap_or_default(),
                text: c.map_or_else(|| t("report-nothing-advanced"), ratio),
            }
        })
        .collect();

    html! {
        p.note { (t("report-intro")) }
        @if !without.is_empty() {
            p.note { (v.lang.t_with("report-offices-without", &[("offices", &without.join(", "))])) }
        }
        @if !alarms.is_empty() {
            p.error { (v.lang.t_with("report-alarm", &[("offices", &alarms.join(", ")), ("floor", &floor)])) }
        }
        dl {
            dt { (t("report-members")) } dd { (count(r.total.members_active)) }
            dt { (t("report-signups")) } dd { (count(r.total.signups)) }
            dt { (t("report-fte")) } dd { (fte(r.total.fte)) }
            dt { (t("report-turnover")) } dd { (money(across(&r.total, |s| s.turnover_excl_vat))) }
            dt { (t("report-payroll")) } dd { (money(across(&r.total, |s| s.payroll_mass_gross))) }
            dt { (t("report-fund-balance")) } dd { (money(r.total.fund.as_ref().map(|f| f.balance))) }
        }

        h2 { (t("report-members-title")) }
        div.chart {
            (charts::columns("members-chart", &t("report-members-title"), &member_bars))
            div.scroll { table {
                caption { (t("report-members-title")) }
                thead { tr {
                    th scope="col" { (t("report-office")) }
                    th.num scope="col" { (t("report-members-column")) }
                    th.num scope="col" { (t("report-signups-column")) }
                    th.num scope="col" { (t("report-leavers-column")) }
                    th.num scope="col" { (t("report-fte-column")) }
                } }
                tbody {
                    @for n in &all {
                        tr {
                            th scope="row" { (office(v, n)) }
                            td.num { (count(n.members_active)) }
                            td.num { (count(n.signups)) }
                            td.num { (count(n.leavers)) }
                            td.num { (fte(n.fte)) }
                        }
                    }
                }
            } }
        }

        h2 { (t("report-turnover-title")) }
        div.chart {
            (charts::rows("turnover-chart", &t("report-turnover-title"), &turnover_bars))
            div.scroll { table {
                caption { (t("report-turnover-title")) }
                thead { tr {
                    th scope="col" { (t("report-office")) }
                    th.num scope="col" { (t("report-turnover-column")) }
                    th.num scope="col" { (t("report-payroll-column")) }
                    th.num scope="col" { (t("report-employer-cost-column")) }
                } }
                tbody {
                    @for n in &all {
                        tr {
                            th scope="row" { (office(v, n)) }
                            td.num { (money(across(n, |s| s.turnover_excl_vat))) }
                            td.num { (money(across(n, |s| s.payroll_mass_gross))) }
                            td.num { (money(across(n, |s| s.employer_cost))) }
                        }
                    }
                }
            } }
        }

        h2 { (t("report-sectors-title")) }
        div.chart {
            (charts::rows("sectors-chart", &t("report-sectors-title"), &sector_bars))
            div.scroll { table {
                caption { (t("report-sectors-title")) }
                thead { tr {
                    th scope="col" { (t("report-sector")) }
                    @for n in &all { th.num scope="col" { (office(v, n)) } }
                } }
                tbody {
                    @for (i, s) in r.total.sectors.iter().enumerate() {
                        tr {
                            th scope="row" { (t(&format!("sector-{}", s.sector))) }
                            @for n in &all {
                                td.num { (money(n.sectors.get(i).and_then(|s| s.payroll_mass_gross))) }
                            }
                        }
                    }
                }
            } }
        }
        h3 { (t("report-sectors-people")) }
        div.scroll { table {
            thead { tr {
                th scope="col" { (t("report-sector")) }
                @for n in &all { th.num scope="col" { (office(v, n)) } }
            } }
            tbody {
                @for (i, s) in r.total.sectors.iter().enumerate() {
                    tr {
                        th scope="row" { (t(&format!("sector-{}", s.sector))) }
                        @for n in &all { td.num { (count(n.sectors.get(i).and_then(|s| s.people))) } }
                    }
                }
            }
        } }

        h2 { (t("report-fund-title")) }
        p { (v.lang.t_with("report-fund-floor", &[("floor", &floor)])) }
        div.chart {
            (charts::rows("fund-chart", &t("report-fund-title"), &coverage_bars))
            div.scroll { table {
                caption { (t("report-fund-title")) }
                thead { tr {
                    th scope="col" { (t("report-office")) }
                    th.num scope="col" { (t("report-fund-balance-column")) }
                    th.num scope="col" { (t("report-fund-advances-column")) }
                    th.num scope="col" { (t("report-fund-coverage-column")) }
                    th scope="col" { (t("report-fund-status-column")) }
                } }
                tbody {
                    @for n in &all {
                        @if let Some(f) = &n.fund {
                            tr {
                                th scope="row" { (office(v, n)) }
                                td.num { (loc.money(f.balance, "EUR")) }
                                td.num { (loc.money(f.open_advances, "EUR")) }
                                td.num { (f.coverage_ratio.map_or_else(|| t("report-nothing-advanced"), ratio)) }
                                td { @if f.under_floor {
                                    strong.late { (t("report-fund-under-floor")) }
                                } @else {
                                    (t("report-fund-ok"))
                                } }
                            }
                        }
                    }
                }
            } }
        }

        h2 { (t("report-inputs-title")) }
        div.scroll { table {
            thead { tr {
                th scope="col" { (t("report-office")) }
                th.num scope="col" { (t("report-revision")) }
                th scope="col" { (t("report-sent")) }
            } }
            tbody {
                @for n in &with_figures {
                    tr {
                        th scope="row" { (office(v, n)) }
                        td.num { (n.revision.map(|r| r.to_string()).unwrap_or_default()) }
                        td { (n.as_of.as_deref().map(sent).unwrap_or_default()) }
                    }
                }
            }
        } }

        h2 { (t("report-rates-title")) }
        @if r.rates.is_empty() {
            p { (t("report-rates-none")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("report-rate-currency")) }
                    th.num scope="col" { (t("report-rate-units")) }
                    th scope="col" { (t("report-rate-date")) }
                    th scope="col" { (t("report-rate-source")) }
                } }
                tbody {
                    @for rate in &r.rates {
                        tr {
                            th scope="row" { (rate.currency) }
                            td.num { (loc.number(rate.units_per_eur, rate.units_per_eur.scale())) }
                            td { (loc.date(rate.rate_date)) }
                            td.source {
                                (rate.source) " ("
                                (v.lang.t_with("report-rate-version", &[("version", &rate.version.to_string())])) ")"
                            }
                        }
                    }
                }
            } }
        }
    }
}
