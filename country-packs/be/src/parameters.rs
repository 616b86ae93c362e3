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
struct RawFile<V> {
    description: String,
    values: Vec<RawValue<V>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValue<V> {
    from: toml::value::Datetime,
    until: Option<toml::value::Datetime>,
    value: V,
    source: String,
    #[serde(default)]
    expected: bool,
}

/// Reads a parameter file whose values have the TOML shape `V` (a string, or a
/// table of strings), turning each into a `T` with `convert` (which says what is
/// wrong in a sentence).
pub fn timeline<V, T, F>(file: &ParameterFile, convert: F) -> Result<Timeline<T>, ParameterError>
where
    V: serde::de::DeserializeOwned,
    F: Fn(V) -> Result<T, String>,
{
    let malformed = |message: String| ParameterError::Malformed { file: file.path.to_owned(), message };
    let raw: RawFile<V> = toml::from_str(file.text).map_err(|e| malformed(e.to_string()))?;
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
        let value = convert(v.value).map_err(|e| malformed(format!("value from {from}: {e}")))?;
        values.push(Dated { value, from, until, source: v.source.into(), expected: v.expected });
    }
    Timeline::new(file.name, raw.description.trim(), values)
}

/// Parses a decimal written as text.
pub fn decimal(text: &str) -> Result<Decimal, String> {
    Decimal::from_str_exact(text.trim()).map_err(|_| format!("'{text}' is not a decimal number"))
}

/// Reads a file of rates (fractions such as `"0.21"`) into a timeline.
pub fn rate_timeline(file: &ParameterFile) -> Result<Timeline<Rate>, ParameterError> {
    timeline(file, |text: String| {
        let fraction = decimal(&text)?;
        if fraction.is_sign_negative() || fraction >= Decimal::ONE {
            return Err(format!("rate '{text}' must be a fraction in [0, 1)"));
        }
        Ok(Rate(fraction.normalize()))
    })
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
