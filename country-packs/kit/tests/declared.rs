//! A pack's parameters declared with `parameters!`: loaded, in force on a date, listed and covered.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

use chrono::NaiveDate;
use partage_core::money::Rate;
use partage_pack_kit::{parameters, rate, ParameterSet, Shown};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Deserialize;

/// A structured value: shown by its fields in the listing.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    low: Decimal,
    high: Decimal,
}

impl Shown for Scale {}

fn rising(scale: Scale) -> Result<Scale, String> {
    if scale.low < scale.high {
        Ok(scale)
    } else {
        Err("bounds must rise: low < high".into())
    }
}

parameters! {
    /// The example pack's parameters.
    pub struct Example;
    /// Its parameters in force on one date.
    pub struct ExampleInForce;
    /// Standard VAT rate.
    standard: Rate = "vat.rate.standard" in "tests/files/standard_rate.toml", via rate;
    /// A threshold.
    threshold: Decimal = "example.threshold" in "tests/files/threshold.toml";
    /// A scale.
    scale: Scale = "example.scale" in "tests/files/scale.toml", via rising;
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn a_declared_parameter_is_loaded_typed_and_in_force_by_date() {
    let p = Example::load().unwrap();
    let now = p.in_force(d(2025, 6, 1)).unwrap();
    assert_eq!(now.standard.value, Rate(dec!(0.21)));
    assert_eq!(now.threshold.value, dec!(25000));
    assert_eq!(now.scale.value, Scale { low: dec!(100.00), high: dec!(200.00) });
    assert_eq!(&*now.scale.source, "Royal decree of 1 January 2024 (example)");
    // The announced value, on its first day.
    let later = p.in_force(d(2099, 1, 1)).unwrap();
    assert_eq!((later.threshold.value, later.threshold.expected), (dec!(30000.00), true));
    // Before the scale's first value nothing is in force: the error names the parameter.
    let err = p.in_force(d(2023, 12, 31)).unwrap_err();
    assert!(err.to_string().starts_with("parameter example.threshold has no value on 2023-12-31"), "{err}");
}

#[test]
fn every_declared_parameter_is_listed_and_covered_without_another_line() {
    let p = Example::load().unwrap();
    let views = p.views(d(2025, 6, 1));
    let shown: Vec<(&str, &str)> = views.iter().map(|v| (v.name.as_str(), v.value.as_str())).collect();
    assert_eq!(
        shown,
        [
            ("vat.rate.standard", "0.21"),
            ("example.threshold", "25000"),
            ("example.scale", "Scale { low: 100.00, high: 200.00 }"),
        ]
    );
    assert_eq!(views[0].description, "Standard VAT rate of the example pack");
    assert_eq!(views[0].from, d(1996, 1, 1));
    let coverage = p.coverage();
    let files: Vec<(&str, &str, usize)> = coverage.iter().map(|c| (c.name, c.file, c.spans.len())).collect();
    assert_eq!(
        files,
        [
            ("vat.rate.standard", "tests/files/standard_rate.toml", 1),
            ("example.threshold", "tests/files/threshold.toml", 2),
            ("example.scale", "tests/files/scale.toml", 1),
        ]
    );
    assert!(coverage[1].spans[1].expected);
    assert_eq!(Example::FILES.len(), 3);
}
