//! The grid of cases: dates, statuses, contracts, sizes, part time and the wages on each side of the thresholds.

use super::*;

/// One payslip of the grid, as both sides take it.
#[derive(Clone, Debug)]
pub(crate) struct Case {
    pub(crate) id: String,
    pub(crate) date: NaiveDate,
    /// Monthly base salary, before any end-of-contract indemnity.
    pub(crate) gross: Decimal,
    pub(crate) cadre: bool,
    pub(crate) fixed_term: bool,
    /// The CDD's 10 % end-of-contract indemnity is due (only for a CDD).
    pub(crate) indemnity: bool,
    pub(crate) size: u32,
    /// Contractual weekly hours of a part-time contract; None for full time (35 h).
    pub(crate) weekly_hours: Option<Decimal>,
    /// The establishment's AT/MP rate and the commune's versement mobilité rate, in
    /// percent: the employer's settings, given to both sides alike.
    pub(crate) atmp: Decimal,
    pub(crate) mobility: Decimal,
}

pub(crate) fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

pub(crate) fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The hourly SMIC and the monthly PSS on a date, only to place the grid's wages
/// on the thresholds (a wrong value would move cases beside a threshold, never
/// change an expected figure, which comes from URSSAF's rules).
/// SMIC: décret n° 2024-951 (11.88 € from 2024-11-01), décret n° 2025-1228 (12.02 €
/// from 2026-01-01); 12.31 € from 2026-06-01 as modele-social 11.1.0 has it (the RGDU
/// keeps 12.02 € all year: known.rs).
/// PSS: arrêtés of 19 December 2024 (3,925 €) and of 22 December 2025 (4,005 €),
/// urssaf.fr "Plafonds de la Sécurité sociale".
pub(crate) fn smic_and_pss(on: NaiveDate) -> (Decimal, Decimal) {
    if on < date("2026-01-01") {
        (d("11.88"), d("3925"))
    } else if on < date("2026-06-01") {
        (d("12.02"), d("4005"))
    } else {
        (d("12.31"), d("4005"))
    }
}

/// The monthly SMIC of the thresholds: hourly × 1820 / 12 (CSS art. D241-7),
/// prorated by the weekly hours of a part-time contract.
pub(crate) fn monthly_smic(on: NaiveDate, weekly_hours: Option<Decimal>) -> Decimal {
    let (hourly, _) = smic_and_pss(on);
    hourly * d("1820") / d("12") * weekly_hours.map_or(Decimal::ONE, |h| h / d("35"))
}

pub(crate) fn cents(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// A wage placed relative to the thresholds of its date, named for the case id.
pub(crate) fn wages(on: NaiveDate, weekly_hours: Option<Decimal>) -> Vec<(String, Decimal)> {
    let smic = monthly_smic(on, weekly_hours);
    let pss = smic_and_pss(on).1 * weekly_hours.map_or(Decimal::ONE, |h| h / d("35"));
    let cent = d("0.01");
    let mut out = vec![("smic".to_owned(), cents(smic)), ("1.3smic".to_owned(), cents(smic * d("1.3")))];
    let around = |out: &mut Vec<(String, Decimal)>, name: &str, at: Decimal| {
        let at = cents(at);
        out.push((format!("{name}-0.01"), at - cent));
        out.push((name.to_owned(), at));
        out.push((format!("{name}+0.01"), at + cent));
    };
    if on < date("2026-01-01") {
        // 2025: the réduction générale ends at 1.6 SMIC (CSS art. L241-13), the
        // reduced maladie rate at 2.25 SMIC and the reduced famille rate at 3.3 SMIC
        // (CSS art. D241-3-1 and D241-3-2 as amended for 2025).
        around(&mut out, "1.6smic", smic * d("1.6"));
        around(&mut out, "2.25smic", smic * d("2.25"));
        around(&mut out, "3.3smic", smic * d("3.3"));
    } else {
        // 2026: the réduction générale dégressive unique ends at 3 SMIC (CSS art. L241-13 as of 2026).
        out.push(("2smic".to_owned(), cents(smic * d("2"))));
        around(&mut out, "3smic", smic * d("3"));
        out.push(("3.3smic".to_owned(), cents(smic * d("3.3"))));
    }
    around(&mut out, "pss", pss);
    out.push(("2pss".to_owned(), cents(pss * d("2"))));
    around(&mut out, "4pss", pss * d("4"));
    out.push(("8pss".to_owned(), cents(pss * d("8"))));
    out.push(("8pss+0.01".to_owned(), cents(pss * d("8")) + cent));
    out.push(("10pss".to_owned(), cents(pss * d("10"))));
    out
}

/// The employer's settings both sides take: an AT/MP rate (an establishment's own,
/// notified by the CARSAT) and a commune's versement mobilité rate from 11 employees.
pub(crate) fn employer(size: u32) -> (Decimal, Decimal) {
    (d("1.50"), if size >= 11 { d("1.75") } else { Decimal::ZERO })
}

pub(crate) fn case(
    id: String,
    on: NaiveDate,
    gross: Decimal,
    cadre: bool,
    contract: &str,
    size: u32,
    hours: Option<Decimal>,
) -> Case {
    let (atmp, mobility) = employer(size);
    Case {
        id,
        date: on,
        gross,
        cadre,
        fixed_term: contract != "cdi",
        indemnity: contract == "cdd+ifc",
        size,
        weekly_hours: hours,
        atmp,
        mobility,
    }
}

pub(crate) fn status(cadre: bool) -> &'static str {
    if cadre {
        "cadre"
    } else {
        "non-cadre"
    }
}

/// The grid, in a fixed order.
pub(crate) fn grid() -> Vec<Case> {
    let mut out = Vec::new();
    // Every threshold, full-time CDI, each status and size, one date a year.
    for on in ["2025-03-15", "2026-03-15"].map(date) {
        for cadre in [false, true] {
            for size in [10, 50, 250] {
                for (name, gross) in wages(on, None) {
                    out.push(case(
                        format!("{on}/{}/cdi/{size}/35h/{name}", status(cadre)),
                        on,
                        gross,
                        cadre,
                        "cdi",
                        size,
                        None,
                    ));
                }
            }
        }
    }
    // The dates where a rate changes within a year: AT/MP minimum (May 2025), the
    // year's ends, the SMIC of June 2026.
    for on in ["2025-06-15", "2025-12-15", "2026-01-15", "2026-07-15"].map(date) {
        for cadre in [false, true] {
            let smic = monthly_smic(on, None);
            let pss = smic_and_pss(on).1;
            for (name, gross) in
                [("smic", smic), ("1.5smic", smic * d("1.5")), ("pss+0.01", pss + d("0.01")), ("3pss", pss * d("3"))]
            {
                out.push(case(
                    format!("{on}/{}/cdi/50/35h/{name}", status(cadre)),
                    on,
                    cents(gross),
                    cadre,
                    "cdi",
                    50,
                    None,
                ));
            }
        }
    }
    // CDD, with and without the end-of-contract indemnity.
    for (on, size) in [("2025-09-15", 10), ("2026-09-15", 250)].map(|(on, size)| (date(on), size)) {
        for cadre in [false, true] {
            for contract in ["cdd+ifc", "cdd"] {
                let smic = monthly_smic(on, None);
                let pss = smic_and_pss(on).1;
                // Whole tens of cents, so the 10 % indemnity is a whole number of cents:
                // modele-social does not round it, a payslip pays and charges it rounded.
                for (name, gross) in [("smic", smic), ("2smic", smic * d("2")), ("pss", pss), ("3pss", pss * d("3"))] {
                    let gross = (gross * d("10")).floor() / d("10");
                    out.push(case(
                        format!("{on}/{}/{contract}/{size}/35h/{name}", status(cadre)),
                        on,
                        gross,
                        cadre,
                        contract,
                        size,
                        None,
                    ));
                }
            }
        }
    }
    // Part time: prorated SMIC and PSS.
    for on in ["2025-04-15", "2026-04-15"].map(date) {
        // Each part time at another size: FNAL and the reduction's parameter change at 50.
        for (hours, size) in [("17.5", 10), ("24", 50), ("28", 250)].map(|(h, s)| (d(h), s)) {
            for cadre in [false, true] {
                let smic = monthly_smic(on, Some(hours));
                let pss = smic_and_pss(on).1 * hours / d("35");
                for (name, gross) in [
                    ("smic", smic),
                    ("1.5smic", smic * d("1.5")),
                    ("pss+0.01", cents(pss) + d("0.01")),
                    ("2pss", pss * d("2")),
                ] {
                    out.push(case(
                        format!("{on}/{}/cdi/{size}/{hours}h/{name}", status(cadre)),
                        on,
                        cents(gross),
                        cadre,
                        "cdi",
                        size,
                        Some(hours),
                    ));
                }
            }
        }
    }
    out
}
