//! Every parameter of the pack, every day from 2023-01-01 to 2026-12-31: in force,
//! with a source, without overlap (Timeline refuses those on load), and no value
//! announced as `expected` whose date has passed without being confirmed.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

use chrono::NaiveDate;
use partage_pack_be::BelgianPack;

fn days() -> impl Iterator<Item = NaiveDate> {
    let from = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    from.iter_days().take_while(move |d| *d <= to)
}

#[test]
fn every_payroll_parameter_covers_2023_to_2026_without_gap_and_with_sources() {
    let pack = BelgianPack::load().unwrap();
    let coverage = pack.belgian_payroll().parameters().coverage();
    assert!(coverage.len() >= 12, "{} payroll parameters", coverage.len());
    let mut gaps = Vec::new();
    for c in &coverage {
        for span in &c.spans {
            assert!(!span.source.trim().is_empty(), "{} from {} has no source", c.name, span.from);
        }
        for day in days() {
            let covered =
                c.spans.iter().rev().find(|s| s.from <= day).is_some_and(|s| s.until.is_none_or(|u| day <= u));
            if !covered {
                gaps.push(format!("{} on {day}", c.name));
            }
        }
    }
    assert!(gaps.is_empty(), "gaps: {:?}", &gaps[..gaps.len().min(10)]);
}

#[test]
fn every_expense_and_dunning_parameter_covers_2023_to_2026_with_sources() {
    let pack = BelgianPack::load().unwrap();
    let mut coverage = pack.belgian_expenses().coverage();
    coverage.extend(pack.belgian_dunning().coverage());
    let names: Vec<&str> = coverage.iter().map(|c| c.name).collect();
    assert_eq!(
        names,
        [
            "expenses.mileage",
            "dunning.late_payment_interest",
            "dunning.recovery_compensation",
            "dunning.consumer_damages"
        ]
    );
    let mut gaps = Vec::new();
    for c in &coverage {
        for span in &c.spans {
            assert!(span.source.contains("http"), "{} from {} has no link in its source", c.name, span.from);
        }
        for day in days() {
            let covered =
                c.spans.iter().rev().find(|s| s.from <= day).is_some_and(|s| s.until.is_none_or(|u| day <= u));
            if !covered {
                gaps.push(format!("{} on {day}", c.name));
            }
        }
    }
    assert!(gaps.is_empty(), "gaps: {:?}", &gaps[..gaps.len().min(10)]);
}

#[test]
fn every_vat_rate_covers_2023_to_2026() {
    let pack = BelgianPack::load().unwrap();
    for t in pack.vat_rates().timelines() {
        for day in days() {
            assert!(t.at(day).is_ok(), "{} on {day}", t.name);
        }
    }
}

#[test]
fn no_expected_value_has_passed_unconfirmed() {
    let today = chrono::Local::now().date_naive();
    let pack = BelgianPack::load().unwrap();
    let payroll = pack.belgian_payroll().parameters();
    let mut passed = Vec::new();
    macro_rules! check {
        ($($t:expr),*) => {$(
            for v in $t.values() {
                if v.expected && v.from <= today {
                    passed.push(format!("{} from {}", $t.name, v.from));
                }
            }
        )*};
    }
    check!(
        payroll.employee_rate,
        payroll.manual_base_factor,
        payroll.work_bonus_white_collar,
        payroll.work_bonus_manual,
        payroll.fiscal_share,
        payroll.withholding_key,
        payroll.reductions,
        payroll.special_contribution,
        payroll.employer_rate,
        payroll.manual_holiday_quarterly,
        payroll.manual_holiday_annual,
        payroll.double_holiday_pay
    );
    for t in pack.vat_rates().timelines() {
        check!(t);
    }
    let (expenses, dunning) = (pack.belgian_expenses(), pack.belgian_dunning());
    check!(expenses.mileage(), dunning.late_interest(), dunning.recovery(), dunning.consumer_damages());
    assert!(passed.is_empty(), "announced values now in force, to confirm or correct: {passed:?}");
}
