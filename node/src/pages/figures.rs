//! HQ's page (and the admin's): the office in figures, in the shape of the seeds'
//! "Smart in figures": members, sign-ups per month, turnover, FTE, payroll mass by
//! sector, over the twelve months up to the one asked for. The numbers are the monthly
//! figures the node sends HQ (`service::figures`): the published revision of a past
//! month, the current month computed now, so a page reads twelve months and no more.
//! Charts are SVG drawn on the server ([`partage_documents::charts`]), each with its numbers in a table.

use super::forms::FieldError;
use super::{page, role_in, PageError, Viewer};
use crate::auth::Role;
use crate::service::figures::{self, Origin};
use crate::service::Node;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::{html, Markup};
use partage_core::period::Month;
use partage_documents::charts::{self, Bar};
use partage_hq::figures::{PeriodFigures, SectorFigures};
use rust_decimal::Decimal;

/// Months a page shows: a year, as the seeds' figures are given.
const MONTHS: usize = 12;

/// The sectors in the order the figures list them, with their page string.
fn sectors(f: &PeriodFigures) -> [(&'static str, &SectorFigures); 3] {
    [
        ("sector-artistic", &f.sectors.artistic),
        ("sector-cultural_industry", &f.sectors.cultural_industry),
        ("sector-other", &f.sectors.other),
    ]
}

/// The `MONTHS` months ending with `last`, oldest first.
fn year_to(last: Month) -> Vec<Month> {
    let mut months = vec![last];
    while months.len() < MONTHS {
        let Some(first) = months.last().and_then(|m| m.first_day().pred_opt()) else { break };
        months.push(Month::of(first));
    }
    months.reverse();
    months
}

/// `/app/figures?to=YYYY-MM`: the office's year up to that month (default: this month).
pub(super) async fn figures_page(
    State(node): State<Node>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    role_in(&v, &[Role::Hq, Role::Admin])?;
    let asked = query
        .as_deref()
        .and_then(|q| form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "to"))
        .map(|(_, v)| v.trim().to_owned())
        .filter(|s| !s.is_empty());
    let current = Month::of(node.today());
    let (last, error) = match asked.as_deref().map(str::parse::<Month>) {
        None => (current, None),
        Some(Ok(m)) if m <= current => (m, None),
        Some(_) => (current, Some(FieldError { field: Some("to".into()), message: v.lang.t("figures-to-invalid") })),
    };
    let months = year_to(last);
    let shown = figures::of_months(node.store.db(), &node, &months).await?;
    let body = render(&v, &shown, &asked.unwrap_or_else(|| last.to_string()), error.as_ref());
    let mut res = page(&v, &v.lang.t("figures-title"), body);
    if error.is_some() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

fn render(v: &Viewer, shown: &[(PeriodFigures, Origin)], asked: &str, error: Option<&FieldError>) -> Markup {
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let Some((latest, _)) = shown.last() else { return html! { p { (t("nothing-yet")) } } };
    let currency = latest.currency.as_str();
    let money = |d: Decimal| loc.money(d, currency);
    let total = |pick: fn(&SectorFigures) -> Decimal| -> Decimal {
        shown.iter().flat_map(|(f, _)| sectors(f).map(|(_, s)| pick(s))).sum()
    };
    let turnover = total(|s| s.turnover_excl_vat);
    let payroll = total(|s| s.payroll_mass_gross);
    let signups: u32 = shown.iter().map(|(f, _)| f.signups).sum();
    let average = Decimal::from(signups) / Decimal::from(u32::try_from(shown.len()).unwrap_or(1).max(1));
    let first = shown.first().map_or(latest.period.as_str(), |(f, _)| f.period.as_str());
    let span = v.lang.t_with("figures-span", &[("from", first), ("to", &latest.period)]);
    let signup_bars: Vec<Bar> = shown
        .iter()
        .map(|(f, _)| Bar { label: f.period.clone(), value: Decimal::from(f.signups), text: f.signups.to_string() })
        .collect();
    // Each sector's payroll mass over the year and its share of the whole.
    let by_sector: Vec<(&str, Decimal, Decimal, Decimal)> = sectors(latest)
        .iter()
        .enumerate()
        .map(|(i, (key, _))| {
            let of = |pick: fn(&SectorFigures) -> Decimal| -> Decimal {
                shown.iter().filter_map(|(f, _)| sectors(f).get(i).map(|(_, s)| pick(s))).sum()
            };
            let mass = of(|s| s.payroll_mass_gross);
            let share = if payroll.is_zero() { Decimal::ZERO } else { (mass / payroll).round_dp(3) };
            (*key, of(|s| s.turnover_excl_vat), mass, share)
        })
        .collect();
    let sector_bars: Vec<Bar> = by_sector
        .iter()
        .map(|(key, _, mass, share)| Bar {
            label: t(key),
            value: *mass,
            text: format!("{} ({})", money(*mass), loc.percent(*share)),
        })
        .collect();
    let error_message = error.map(|e| e.message.clone());
    html! {
        form method="get" action="/app/figures" {
            div.field {
                label for="to" { (t("figures-to")) }
                input #to name="to" type="month" value=(asked)
                    aria-invalid=[error_message.as_ref().map(|_| "true")] aria-describedby=[error_message.as_ref().map(|_| "to-error")];
                @if let Some(m) = &error_message { p #to-error .error { (m) } }
            }
            div { button type="submit" { (t("figures-show")) } }
        }
        p.note { (span) }
        dl {
            dt { (v.lang.t_with("figures-members", &[("month", &latest.period)])) } dd { (loc.number(Decimal::from(latest.members_active), 0)) }
            dt { (t("figures-signups-average")) } dd { (loc.number(average, 1)) }
            dt { (v.lang.t_with("figures-fte", &[("month", &latest.period)])) } dd { (loc.number(latest.fte, 2)) }
            dt { (t("figures-turnover")) } dd { (money(turnover)) }
            dt { (t("figures-payroll")) } dd { (money(payroll)) }
            dt { (t("figures-fund")) } dd { (money(latest.fund.balance)) }
        }
        h2 { (t("figures-signups-title")) }
        div.chart {
            (charts::columns("signups-chart", &t("figures-signups-title"), &signup_bars))
            div.scroll { table {
                caption { (t("figures-signups-title")) }
                thead { tr {
                    th scope="col" { (t("figures-month")) }
                    th.num scope="col" { (t("figures-signups")) }
                    th.num scope="col" { (t("figures-leavers")) }
                    th.num scope="col" { (t("figures-members-column")) }
                } }
                tbody {
                    @for (f, _) in shown {
                        tr {
                            th scope="row" { (f.period) }
                            td.num { (f.signups) }
                            td.num { (f.leavers) }
                            td.num { (loc.number(Decimal::from(f.members_active), 0)) }
                        }
                    }
                }
            } }
        }
        h2 { (t("figures-sectors-title")) }
        div.chart {
            (charts::rows("sectors-chart", &t("figures-sectors-title"), &sector_bars))
            div.scroll { table {
                caption { (t("figures-sectors-title")) }
                thead { tr {
                    th scope="col" { (t("figures-sector")) }
                    th.num scope="col" { (t("figures-turnover-column")) }
                    th.num scope="col" { (t("figures-payroll-column")) }
                    th.num scope="col" { (t("figures-share")) }
                } }
                tbody {
                    @for (key, turnover, mass, share) in &by_sector {
                        tr {
                            th scope="row" { (t(key)) }
                            td.num { (money(*turnover)) }
                            td.num { (money(*mass)) }
                            td.num { (loc.percent(*share)) }
                        }
                    }
                }
            } }
        }
        h2 { (t("figures-months-title")) }
        div.scroll.months { table {
            thead { tr {
                th scope="col" { (t("figures-month")) }
                th.num scope="col" { (t("figures-turnover-column")) }
                th.num scope="col" { (t("figures-payroll-column")) }
                th.num scope="col" { (t("figures-fte-column")) }
                th scope="col" { (t("figures-origin")) }
            } }
            tbody {
                @for (f, origin) in shown {
                    tr {
                        th scope="row" { (f.period) }
                        td.num { (money(sectors(f).iter().map(|(_, s)| s.turnover_excl_vat).sum::<Decimal>())) }
                        td.num { (money(sectors(f).iter().map(|(_, s)| s.payroll_mass_gross).sum::<Decimal>())) }
                        td.num { (loc.number(f.fte, 2)) }
                        td { @match origin {
                            Origin::Published { revision, at } => {
                                (v.lang.t_with("figures-published", &[("revision", &revision.to_string()), ("date", &loc.date(at.date()))]))
                            }
                            Origin::Computed => { (t("figures-computed")) }
                        } }
                    }
                }
            }
        } }
        h2 { (t("figures-gender-title")) }
        p { (t("figures-gender-note")) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_shows_the_twelve_months_up_to_the_one_asked_for() {
        let months = year_to("2026-03".parse().unwrap());
        assert_eq!(months.len(), 12);
        assert_eq!(months.first().map(ToString::to_string).as_deref(), Some("2025-04"));
        assert_eq!(months.last().map(ToString::to_string).as_deref(), Some("2026-03"));
    }
}
