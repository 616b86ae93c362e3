//! Every payroll parameter of the pack, every day from 2023-01-01 to 2026-12-31: in force, with a
//! source, listed by the parameters endpoint, and no value announced as `expected` whose date
//! has passed; every file under `parameters/payroll/` declared once.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

use chrono::NaiveDate;
use partage_core::pack::CountryPack;
use partage_pack_fr::FrenchPack;
use partage_pack_kit::{Coverage, ParameterSet};
use std::path::{Path, PathBuf};

fn days() -> impl Iterator<Item = NaiveDate> {
    let from = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    from.iter_days().take_while(move |d| *d <= to)
}

/// The days of 2023-2026 on which a parameter has no value.
fn gaps(c: &Coverage<'_>) -> Vec<String> {
    days()
        .filter(|&day| {
            let in_force = c.spans.iter().rev().find(|s| s.from <= day);
            in_force.is_none_or(|s| s.until.is_some_and(|u| day > u))
        })
        .map(|day| format!("{} on {day}", c.name))
        .collect()
}

#[test]
fn every_payroll_parameter_covers_2023_to_2026_with_a_source_and_is_listed() {
    let pack = FrenchPack::load().unwrap();
    let listed = pack.parameters(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()).unwrap();
    let mut missing = Vec::new();
    let mut declared = 0;
    for c in pack.french_payroll().parameters().coverage() {
        declared += 1;
        for span in &c.spans {
            assert!(!span.source.trim().is_empty(), "{} from {} has no source", c.name, span.from);
            // The legal reference leads: a code article, a decree, a law, an order or an agreement.
            let legal =
                ["CSS", "Code", "CGI", "Décret", "Arrêté", "LFSS", "Accord", "ANI", "Convention", "AGS", "CGCT"];
            assert!(legal.iter().any(|l| span.source.starts_with(l)), "{} from {}: {}", c.name, span.from, span.source);
        }
        missing.extend(gaps(&c));
        assert!(listed.iter().any(|v| v.name == c.name), "{} is not in the parameters listing", c.name);
    }
    assert!(declared >= 21, "only {declared} payroll parameters declared");
    assert!(missing.is_empty(), "gaps: {:?}", &missing[..missing.len().min(10)]);
}

#[test]
fn no_expected_value_has_passed_unconfirmed() {
    let today = chrono::Local::now().date_naive();
    let pack = FrenchPack::load().unwrap();
    let mut passed = Vec::new();
    for set in pack.parameter_sets() {
        for c in set.coverage() {
            for span in c.spans.iter().filter(|s| s.expected && s.from <= today) {
                passed.push(format!("{} from {}", c.name, span.from));
            }
        }
    }
    assert!(passed.is_empty(), "announced values now in force, to confirm or correct: {passed:?}");
}

/// Every `.toml` file under `dir`, relative to the crate.
fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

#[test]
fn every_payroll_parameter_file_is_declared_once() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut on_disk = Vec::new();
    toml_files(&root.join("parameters/payroll"), &mut on_disk);
    let mut on_disk: Vec<String> =
        on_disk.iter().map(|p| p.strip_prefix(root).unwrap().display().to_string()).collect();
    on_disk.sort();
    let pack = FrenchPack::load().unwrap();
    let mut declared: Vec<String> =
        pack.french_payroll().parameters().coverage().iter().map(|c| c.file.to_owned()).collect();
    declared.sort();
    assert_eq!(
        declared, on_disk,
        "a file under parameters/payroll/ that no parameters! block declares, or declared twice"
    );
}

#[test]
fn a_payslip_computes_on_every_day_of_2023_to_2026() {
    use partage_core::money::{Currency, Money, Rate};
    use partage_core::payroll::{Employee, Household};
    let pack = FrenchPack::load().unwrap();
    let payroll = pack.payroll();
    for category in ["non-cadre", "cadre"] {
        let e = Employee {
            category: category.into(),
            household: Household::single(),
            work_fraction: Rate(rust_decimal::Decimal::ONE),
            worked: None,
            fixed_term: None,
            withholding_rate: None,
            employer_cost_coefficient: None,
        };
        for day in days() {
            payroll.payslip(day, Money::from_minor(250_000, Currency::EUR), &e).unwrap();
        }
    }
}
