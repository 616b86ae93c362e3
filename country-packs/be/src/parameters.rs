//! The pack's dated parameters, read from the TOML files under `parameters/`.
//!
//! Each file follows CONVENTIONS.md: a `description`, then `[[values]]` with `from`,
//! an optional `until`, the `value` as text (it never goes through a float), its
//! `source` and an optional `expected` for an announced change. The files are
//! compiled into the binary with `include_str!`, so a node needs no data directory.

use chrono::NaiveDate;
use partage_core::dated::{Dated, ParameterError, Timeline};
use partage_core::money::Rate;
use rust_decimal::Decimal;
use serde::Deserialize;

/// One parameter file, as embedded: its dotted name, its path (for messages) and its text.
#[derive(Clone, Copy, Debug)]
pub struct ParameterFile {
    /// Dotted name, e.g. `vat.rate.standard`.
    pub name: &'static str,
    /// Path under the crate, for error messages.
    pub path: &'static str,
    /// The TOML text.
    pub text: &'static str,
}

/// The VAT rate files, in the order the pack lists them.
pub const VAT_RATE_FILES: [ParameterFile; 4] = [
    ParameterFile {
        name: "vat.rate.standard",
        path: "parameters/vat/standard_rate.toml",
        text: include_str!("../parameters/vat/standard_rate.toml"),
    },
    ParameterFile {
        name: "vat.rate.intermediate",
        path: "parameters/vat/intermediate_rate.toml",
        text: include_str!("../parameters/vat/intermediate_rate.toml"),
    },
    ParameterFile {
        name: "vat.rate.reduced",
        path: "parameters/vat/reduced_rate.toml",
        text: include_str!("../parameters/vat/reduced_rate.toml"),
    },
    ParameterFile {
        name: "vat.rate.zero",
        path: "parameters/vat/zero_rate.toml",
        text: include_str!("../parameters/vat/zero_rate.toml"),
    },
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    description: String,
    values: Vec<RawValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValue {
    from: toml::value::Datetime,
    until: Option<toml::value::Datetime>,
    value: String,
    source: String,
    #[serde(default)]
    expected: bool,
}

/// Reads a file of rates (fractions such as `"0.21"`) into a timeline.
pub fn rate_timeline(file: &ParameterFile) -> Result<Timeline<Rate>, ParameterError> {
    let malformed = |message: String| ParameterError::Malformed { file: file.path.to_owned(), message };
    let raw: RawFile = toml::from_str(file.text).map_err(|e| malformed(e.to_string()))?;
    if raw.values.is_empty() {
        return Err(malformed("no [[values]]".to_owned()));
    }
    let mut values = Vec::with_capacity(raw.values.len());
    for v in raw.values {
        let from = date(&v.from).ok_or_else(|| malformed(format!("`from = {}` is not a date", v.from)))?;
        let until = match &v.until {
            Some(u) => Some(date(u).ok_or_else(|| malformed(format!("`until = {u}` is not a date")))?),
            None => None,
        };
        let fraction = Decimal::from_str_exact(v.value.trim())
            .map_err(|_| malformed(format!("value '{}' (from {from}) is not a decimal fraction", v.value)))?;
        if fraction.is_sign_negative() || fraction >= Decimal::ONE {
            return Err(malformed(format!("rate '{}' (from {from}) must be a fraction in [0, 1)", v.value)));
        }
        values.push(Dated { value: Rate(fraction.normalize()), from, until, source: v.source, expected: v.expected });
    }
    Timeline::new(file.name, raw.description.trim(), values)
}

/// A TOML local date (`2024-01-01`), refusing date-times and times.
fn date(value: &toml::value::Datetime) -> Option<NaiveDate> {
    if value.time.is_some() || value.offset.is_some() {
        return None;
    }
    let d = value.date?;
    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &'static str) -> ParameterFile {
        ParameterFile { name: "x", path: "x.toml", text }
    }

    #[test]
    fn every_embedded_file_parses_with_a_source_on_each_value() {
        for f in &VAT_RATE_FILES {
            let t = rate_timeline(f).unwrap();
            assert!(!t.description.is_empty(), "{}", f.path);
            assert!(t.values().iter().all(|v| v.source.starts_with("http")), "{}", f.path);
        }
    }

    #[test]
    fn a_value_that_is_not_a_fraction_is_refused_with_its_file() {
        let err = rate_timeline(&file(
            "description = \"d\"\n[[values]]\nfrom = 2024-01-01\nvalue = \"21\"\nsource = \"s\"\n",
        ))
        .unwrap_err();
        assert!(matches!(err, ParameterError::Malformed { ref file, .. } if file == "x.toml"), "{err}");
    }

    #[test]
    fn a_date_time_is_not_a_date() {
        let err = rate_timeline(&file(
            "description = \"d\"\n[[values]]\nfrom = 2024-01-01T00:00:00\nvalue = \"0.21\"\nsource = \"s\"\n",
        ))
        .unwrap_err();
        assert!(matches!(err, ParameterError::Malformed { .. }), "{err}");
    }

    #[test]
    fn a_value_without_source_is_refused() {
        let err = rate_timeline(&file(
            "description = \"d\"\n[[values]]\nfrom = 2024-01-01\nvalue = \"0.21\"\nsource = \" \"\n",
        ))
        .unwrap_err();
        assert!(matches!(err, ParameterError::MissingSource { .. }), "{err}");
    }
}
