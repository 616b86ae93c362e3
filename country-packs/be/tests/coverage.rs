//! Every parameter of the pack, every day from 2023-01-01 to 2026-12-31: in force,
//! with a source, without overlap (Timeline refuses those on load), and no value
//! announced as `expected` whose date has passed without being confirmed.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

use chrono::NaiveDate;
use partage_core::pack::CountryPack;
use partage_pack_be::BelgianPack;
use partage_pack_kit::{Coverage, ParameterSet};
use std::path::{Path, PathBuf};

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
    let mut passed = Vec::new();
    let mut checked = 0;
    for set in pack.parameter_sets() {
        for c in set.coverage() {
            checked += 1;
            for span in c.spans.iter().filter(|s| s.expected && s.from <= today) {
                passed.push(format!("{} from {}", c.name, span.from));
            }
        }
    }
    assert!(checked >= 23, "only {checked} parameters checked");
    assert!(passed.is_empty(), "announced values now in force, to confirm or correct: {passed:?}");
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

/// A parameter declared in any of the pack's `parameters!` blocks is checked here without being named.
#[test]
fn every_declared_parameter_covers_2023_to_2026_with_a_source_and_is_listed() {
    let pack = BelgianPack::load().unwrap();
    let listed = pack.parameters(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()).unwrap();
    let mut missing = Vec::new();
    let mut declared = 0;
    for set in pack.parameter_sets() {
        for c in set.coverage() {
            declared += 1;
            assert!(c.spans.iter().all(|s| !s.source.trim().is_empty()), "{} has a value without source", c.name);
            missing.extend(gaps(&c));
            assert!(listed.iter().any(|v| v.name == c.name), "{} is not in the parameters listing", c.name);
        }
    }
    assert!(declared >= 23, "only {declared} parameters declared");
    assert!(missing.is_empty(), "gaps: {:?}", &missing[..missing.len().min(10)]);
}

#[test]
fn every_parameter_file_is_declared_once() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut on_disk = Vec::new();
    toml_files(&root.join("parameters"), &mut on_disk);
    let mut on_disk: Vec<String> =
        on_disk.iter().map(|p| p.strip_prefix(root).unwrap().display().to_string()).collect();
    on_disk.sort();
    let pack = BelgianPack::load().unwrap();
    let mut declared: Vec<String> =
        pack.parameter_sets().iter().flat_map(|set| set.coverage()).map(|c| c.file.to_owned()).collect();
    declared.sort();
    assert_eq!(declared, on_disk, "a file under parameters/ that no parameters! block declares, or declared twice");
}
