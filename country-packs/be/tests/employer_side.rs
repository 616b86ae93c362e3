//! The employer side of a Belgian payslip and the short-period rules, checked against
//! figures computed by hand from the rules cited in `payroll::employer` and
//! `payroll::mod`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::NaiveDate;
use partage_core::money::{Currency, Money, Rate};
use partage_core::payroll::{Employee, Household, Payroll, TimeWorked};
use partage_pack_be::payroll::employer::{EmployerProfile, Region};
use partage_pack_be::payroll::{BelgianPayroll, PayrollPolicy};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn eur(text: &str) -> Money {
    Money::parse(text, Currency::EUR).unwrap()
}

fn employee(category: &str, worked: Option<TimeWorked>) -> Employee {
    Employee {
        category: category.into(),
        household: Household::single(),
        work_fraction: Rate(Decimal::ONE),
        worked,
        fixed_term: None,
        withholding_rate: None,
        employer_cost_coefficient: None,
    }
}

/// The line whose stored code is `code`.
fn line<'a>(slip: &'a partage_core::payroll::Payslip, code: &str) -> Option<&'a partage_core::payroll::PayslipLine> {
    slip.lines.iter().find(|l| l.kind.code() == code)
}

fn amount(slip: &partage_core::payroll::Payslip, code: &str) -> Money {
    line(slip, code).map(|l| l.amount).unwrap_or_else(|| panic!("no line {code}: {slip:?}"))
}

#[test]
fn the_monthly_structural_reduction_is_the_bureaus_advance_with_the_quarters_parameters() {
    let payroll = BelgianPayroll::load(PayrollPolicy::default()).unwrap();
    // November 2026 has 21 weekdays: S = 2,500 × r2(65 / 21 = 3.0952) = 2,500 × 3.10 =
    // 7,750.00. 2026-Q4 (the Q3 parameters): R = r2(0.14 × 3,937.74) + r2(0.16 ×
    // 1,988.14) = 551.28 + 318.10 = 869.38; full time, µβ = 1; advance 869.38 / 3 = 289.79.
    let slip = payroll.payslip(d(2026, 11, 15), eur("2500.00"), &employee("white-collar", None)).unwrap();
    assert_eq!(amount(&slip, "structural_reduction"), eur("-289.79"));
    assert_eq!(line(&slip, "structural_reduction").unwrap().base, eur("7750.00"));
    // March 2026 has 22 weekdays: S = 2,500 × r2(2.9545) = 2,500 × 2.95 = 7,375.00;
    // 2026-Q1: R = r2(0.14 × 4,083.57) + r2(0.15 × 2,172.20) = 571.70 + 325.83 = 897.53;
    // ÷ 3 = 299.18.
    let slip = payroll.payslip(d(2026, 3, 31), eur("2500.00"), &employee("white-collar", None)).unwrap();
    assert_eq!(amount(&slip, "structural_reduction"), eur("-299.18"));
    // A high wage gets none.
    let slip = payroll.payslip(d(2026, 3, 31), eur("5000.00"), &employee("white-collar", None)).unwrap();
    assert!(line(&slip, "structural_reduction").is_none());
}

#[test]
fn the_special_contributions_follow_the_employer_profile_and_2024_has_no_closing_fund_line() {
    let small = BelgianPayroll::load(PayrollPolicy::default()).unwrap();
    let large = small.clone().with_employer(EmployerProfile {
        workers: 20,
        commercial: true,
        joint_committee: Some("200".into()),
        region: None,
    });
    let non_profit = small.clone().with_employer(EmployerProfile {
        workers: 20,
        commercial: false,
        joint_committee: None,
        region: None,
    });
    let e = employee("white-collar", None);
    let date = d(2026, 3, 31);
    // 2026: 0.34 % under 20 workers, 0.39 % from 20, 0.01 % non-commercial; 1.69 % from 10.
    let s = small.payslip(date, eur("3000.00"), &e).unwrap();
    assert_eq!(amount(&s, "closing_fund"), eur("10.20"));
    assert!(line(&s, "ten_workers_contribution").is_none());
    let l = large.payslip(date, eur("3000.00"), &e).unwrap();
    assert_eq!(amount(&l, "closing_fund"), eur("11.70"));
    assert_eq!(amount(&l, "ten_workers_contribution"), eur("50.70"));
    assert_eq!(amount(&l, "closing_fund_special"), eur("3.00"));
    let n = non_profit.payslip(date, eur("3000.00"), &e).unwrap();
    assert_eq!(amount(&n, "closing_fund"), eur("0.30"));
    // The net does not depend on the employer side; the employer cost neither (the
    // node's coefficient): the margin line takes the difference.
    assert_eq!(s.net, l.net);
    assert_eq!(s.employer_cost, l.employer_cost);
    // 2024: no source gives the Closing Fund's rates, so no line (the DmfA refuses).
    let old = small.payslip(d(2024, 6, 30), eur("3000.00"), &e).unwrap();
    assert!(line(&old, "closing_fund").is_none() && line(&old, "closing_fund_special").is_none());
    assert_eq!(amount(&old, "temporary_unemployment_contribution"), eur("3.00"));
}

#[test]
fn a_disabled_worker_gets_the_annex_iii_reduction() {
    let payroll = BelgianPayroll::load(PayrollPolicy::default()).unwrap();
    let mut e = employee("white-collar", None);
    let plain = payroll.payslip(d(2026, 5, 31), eur("3000.00"), &e).unwrap();
    e.household.disabled = true;
    let disabled = payroll.payslip(d(2026, 5, 31), eur("3000.00"), &e).unwrap();
    // Annex III 2026: 52.00 a month for a disabled beneficiary.
    assert_eq!(amount(&disabled, "withholding_reductions"), eur("-52.00"));
    assert_eq!(disabled.net.checked_sub(plain.net).unwrap(), eur("52.00"));
}

#[test]
fn a_few_days_are_a_fraction_of_a_month_for_the_bonus_and_the_tax() {
    let payroll = BelgianPayroll::load(PayrollPolicy::default()).unwrap();
    // Two full days (15.2 hours) of a white-collar worker at 300.00 in May 2026.
    // µ = 15.2 × 3 / 494 = 0.0923; full-time wage 300 / µ = 3,250.00, between the
    // second and third bounds (2,880.32, 3,336.98): part A = r2(125.04 − 0.2738 ×
    // 369.68) = 23.82 for a full month; prorated by µ rounded to the cent as the DmfA
    // rounds it (0.09): 2.14.
    let worked = TimeWorked { days: dec!(2), hours: dec!(15.2) };
    let slip = payroll.payslip(d(2026, 5, 31), eur("300.00"), &employee("white-collar", Some(worked))).unwrap();
    assert_eq!(amount(&slip, "social_work_bonus_a"), eur("-2.14"));
    // The tax: taxable 300 − 39.21 + 2.14 = 262.93; two days of 65 / 3 a month:
    // 262.93 × 65 / 6 = 2,848.41 a month; × 12 = 34,180.92, expenses capped at 6,070.00,
    // 28,110.92 taxed: 4,469.93 + 4,879.59 = 9,349.52, less 2,987.98, ÷ 12 = 530.13;
    // brought back: 530.13 × 6 / 65 = 48.94, less the fiscal work bonus.
    let key = line(&slip, "withholding_key").unwrap();
    assert_eq!((key.base, key.amount), (eur("2848.41"), eur("530.13")));
    let fiscal = amount(&slip, "fiscal_work_bonus").negated();
    assert_eq!(amount(&slip, "withholding_tax"), eur("48.94").checked_sub(fiscal).unwrap());
}

#[test]
fn every_line_of_a_belgian_payslip_reads_back_from_its_stored_code() {
    use partage_core::payroll::LineKind;
    use partage_pack_be::payroll::{SOCIAL_WORK_BONUS_A, WORK_BONUS};
    let payroll = BelgianPayroll::load(PayrollPolicy::default()).unwrap().with_employer(EmployerProfile {
        workers: 20,
        commercial: true,
        joint_committee: None,
        region: Some(Region::Brussels),
    });
    let slip = payroll.payslip(d(2026, 3, 31), eur("2100.00"), &employee("white-collar", None)).unwrap();
    assert!(slip.lines.len() > 10, "{slip:?}");
    for line in &slip.lines {
        assert_eq!(payroll.line_kind(line.kind.code()), Some(line.kind), "{}", line.kind);
    }
    // The social work bonus is a reduction the DmfA declares under one name.
    assert_eq!(payroll.line_kind("social_work_bonus_a"), Some(SOCIAL_WORK_BONUS_A));
    assert!(matches!(SOCIAL_WORK_BONUS_A, LineKind::Reduction { declared_as, .. } if declared_as == WORK_BONUS));
    assert!(slip.reductions().unwrap().is_positive());
    let artist = payroll.payslip(d(2026, 3, 31), eur("2500.00"), &employee("artist", None)).unwrap();
    let line = line(&artist, "artists_reduction").expect("an artist's advance");
    assert_eq!(payroll.line_kind("artists_reduction"), Some(line.kind));
}

#[test]
fn a_contracts_own_coefficient_replaces_the_configured_one() {
    // The node configured 1.45; a contract made while the node's coefficient was 1.60 keeps it.
    let payroll = BelgianPayroll::load(PayrollPolicy::default()).unwrap();
    let mut e = employee("white-collar", None);
    e.employer_cost_coefficient = Some(Rate(dec!(1.60)));
    let gross = eur("2500.00");
    let slip = payroll.payslip(d(2026, 5, 31), gross, &e).unwrap();
    // 2,500.00 × 1.60 = 4,000.00, not 2,500.00 × 1.45 = 3,625.00.
    assert_eq!(slip.employer_cost, eur("4000.00"));
    assert_eq!(payroll.employer_cost(d(2026, 5, 31), gross, &e).unwrap(), eur("4000.00"));
    let cost = line(&slip, "employer_cost").unwrap();
    assert_eq!((cost.amount, cost.rate), (eur("4000.00"), Some(Rate(dec!(1.60)))));
    assert!(cost.source.contains("of the day the contract is made"), "{}", cost.source);
    // The margin line takes what the higher coefficient charges beyond the rest, from the same source.
    let margin = line(&slip, "cooperative_margin").unwrap();
    assert_eq!(margin.source, cost.source);
    let configured = payroll.payslip(d(2026, 5, 31), gross, &employee("white-collar", None)).unwrap();
    assert_eq!(configured.employer_cost, eur("3625.00"));
    assert_eq!(margin.amount.checked_sub(amount(&configured, "cooperative_margin")).unwrap(), eur("375.00"));
    // The budget the contract was made from gives back its gross at its coefficient.
    assert_eq!(payroll.gross_for_budget(d(2026, 5, 31), eur("4000.00"), &e).unwrap(), gross);
}

fn in_region(region: Option<Region>) -> BelgianPayroll {
    BelgianPayroll::load(PayrollPolicy::default())
        .unwrap()
        .with_employer(EmployerProfile { region, ..EmployerProfile::default() })
}

#[test]
fn an_artist_gets_a_monthly_advance_of_the_regional_reduction_capped_at_517_a_quarter() {
    let brussels = in_region(Some(Region::Brussels));
    // May 2026, 21 weekdays: S = 2,500 × r2(65 / 21) = 2,500 × 3.10 = 7,750.00, above the
    // floor of 2026-Q2 (3 × 2,189.81 = 6,569.43). Full time: µ = 1, β = 1, G × µ × β =
    // 726.50, capped at 517.00 a quarter; the advance is 517.00 / 3 = 172.33. Room: basic
    // contribution 25 % × 2,700 (108 %) = 675.00 less the structural advance 268.92
    // (R = 519.20 + 287.55 = 806.75, ÷ 3) leaves 406.08.
    let slip = brussels.payslip(d(2026, 5, 31), eur("2500.00"), &employee("artist", None)).unwrap();
    assert_eq!(amount(&slip, "structural_reduction"), eur("-268.92"));
    assert_eq!(amount(&slip, "artists_reduction"), eur("-172.33"));
    assert_eq!(line(&slip, "artists_reduction").unwrap().base, eur("7750.00"));
    assert!(line(&slip, "artists_reduction").unwrap().source.contains("6,569.43"));
    // The advance is an employer line: the net and the budget's cost do not move.
    let nowhere = in_region(None).payslip(d(2026, 5, 31), eur("2500.00"), &employee("artist", None)).unwrap();
    assert!(line(&nowhere, "artists_reduction").is_none(), "no region, no advance");
    assert_eq!((slip.net, slip.employer_cost), (nowhere.net, nowhere.employer_cost));
    // Two days (15.2 hours) at 300.00: µ = 15.2 × 3 / 494 = 0.0923 for the month, under
    // 27.5 % yet due (no minimum for artists), β = 1.18; S = 300 × r2(494 / 15.2) = 9,750.00;
    // Pg = r2(726.50 × 0.0923077 × 1.18) = 79.13; advance 79.13 / 3 = 26.38.
    let worked = TimeWorked { days: dec!(2), hours: dec!(15.2) };
    let short = brussels.payslip(d(2026, 5, 31), eur("300.00"), &employee("artist", Some(worked))).unwrap();
    assert_eq!(amount(&short, "artists_reduction"), eur("-26.38"));
    // Not an artist: no line.
    let manual = brussels.payslip(d(2026, 5, 31), eur("2500.00"), &employee("manual", None)).unwrap();
    assert!(line(&manual, "artists_reduction").is_none());
}

#[test]
fn flanders_has_no_artists_reduction_from_april_2026_and_a_wage_below_the_floor_gets_none() {
    let flanders = in_region(Some(Region::Flanders));
    // March 2026 (22 weekdays): S = 2,500 × 2.95 = 7,375.00 ≥ 6,462.33: 517.00 / 3.
    let march = flanders.payslip(d(2026, 3, 31), eur("2500.00"), &employee("artist", None)).unwrap();
    assert_eq!(amount(&march, "artists_reduction"), eur("-172.33"));
    // From 2026-Q2 Flanders has abolished it.
    let may = flanders.payslip(d(2026, 5, 31), eur("2500.00"), &employee("artist", None)).unwrap();
    assert!(line(&may, "artists_reduction").is_none());
    // Wallonia, May 2026: 2,000 full time gives S = 2,000 × 3.10 = 6,200.00 < 6,569.43.
    let wallonia = in_region(Some(Region::Wallonia));
    let low = wallonia.payslip(d(2026, 5, 31), eur("2000.00"), &employee("artist", None)).unwrap();
    assert!(line(&low, "artists_reduction").is_none());
    // November 2026 (21 weekdays): S = 2,500 × r2(65 / 21 = 3.0952) = 7,750.00, over 2026-Q4's
    // floor 6,700.83 (3 × 2,233.61): the cap 517.00 / 3.
    let late = wallonia.payslip(d(2026, 11, 30), eur("2500.00"), &employee("artist", None)).unwrap();
    assert_eq!(amount(&late, "artists_reduction"), eur("-172.33"));
    // Below it: 2,150 gives S = 6,665.00 < 6,700.83, no advance.
    let below = wallonia.payslip(d(2026, 11, 30), eur("2150.00"), &employee("artist", None)).unwrap();
    assert!(line(&below, "artists_reduction").is_none());
}
