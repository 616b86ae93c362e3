//! The expense, dunning and versement mobilité parameters cover every day of 2023-2026, each
//! value with a source that names where it comes from.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::NaiveDate;
use partage_pack_fr::FrenchPack;

#[test]
fn every_declared_parameter_has_a_sourced_value_on_every_day_of_2023_to_2026() {
    let pack = FrenchPack::load().unwrap();
    let mut day = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    // The payroll's parameters have their own coverage test (`coverage.rs`).
    let mine = |name: &str| ["expenses.", "dunning.", "mobility."].iter().any(|p| name.starts_with(p));
    let names: Vec<String> =
        pack.parameter_sets().iter().flat_map(|s| s.views(day)).map(|v| v.name).filter(|n| mine(n)).collect();
    assert!(names.len() >= 5, "{names:?}");
    while day <= last {
        let views: Vec<_> = pack.parameter_sets().iter().flat_map(|s| s.views(day)).collect();
        for name in &names {
            let v = views.iter().find(|v| &v.name == name).unwrap_or_else(|| panic!("{name} has no value on {day}"));
            assert!(v.source.contains("http"), "{name} on {day}: '{}'", v.source);
        }
        day = day.succ_opt().unwrap();
    }
}
