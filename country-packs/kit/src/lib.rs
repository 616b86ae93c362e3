//! partage-pack-kit: what every country pack shares, so a new pack does not copy the Belgian one.
//!
//! Today: the typed loader of dated, sourced parameter files. A pack declares each parameter once,
//! with its dotted name, its file and its type, in a [`parameters!`] block; the block gives a struct
//! of `Timeline`s read from the files compiled into the pack, the values in force on a date, and the
//! [`ParameterSet`] the pack's parameters listing (`CountryPack::parameters`) and its coverage test
//! walk, so a new parameter shows in both without another line.
//!
//! A parameter file (CONVENTIONS.md) is a `description`, an optional `continuous = false` for a
//! parameter that may lapse between two values, then `[[values]]` entries, each with `from`, an
//! optional `until`, the `value`, its `source` (the legal reference first) and an optional
//! `expected = true` for an announced change. Decimals are written as strings: a float is refused,
//! so no value ever passes through binary floating point.

use chrono::NaiveDate;
use partage_core::expense::UnitRate;
use partage_core::money::{Money, Rate};
use partage_core::pack::ParameterView;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

pub use partage_core::dated::{Dated, ParameterError, Timeline};

/// What [`parameters!`] expands to needs, whatever the pack depends on.
#[doc(hidden)]
pub mod __private {
    pub use chrono::NaiveDate;
}

/// One parameter file compiled into a pack: its dotted name, its path (for messages) and its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParameterFile {
    /// Dotted name, e.g. `vat.rate.standard`.
    pub name: &'static str,
    /// Path under the pack's crate, e.g. `parameters/vat/standard_rate.toml`.
    pub path: &'static str,
    /// The TOML text.
    pub text: &'static str,
}

/// A [`ParameterFile`] whose text is the file at `path` under the calling crate, compiled in.
#[macro_export]
macro_rules! parameter_file {
    ($name:expr, $path:expr) => {
        $crate::ParameterFile {
            name: $name,
            path: $path,
            text: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $path)),
        }
    };
}

/// Reads a parameter file whose values deserialize as `T`.
pub fn timeline<T: DeserializeOwned>(file: &ParameterFile) -> Result<Timeline<T>, ParameterError> {
    timeline_with(file, Ok::<T, String>)
}

/// Reads a parameter file whose values deserialize as `R`, then checks or converts each into a `T`
/// with `convert` (its error says what is wrong in a sentence): bounds that must rise, a fraction
/// that must stay below one, an amount in the pack's currency.
pub fn timeline_with<R, T, F>(file: &ParameterFile, convert: F) -> Result<Timeline<T>, ParameterError>
where
    R: DeserializeOwned,
    F: Fn(R) -> Result<T, String>,
{
    let malformed = |message: String| ParameterError::Malformed { file: file.path.to_owned(), message };
    let raw: RawFile = toml::from_str(file.text).map_err(|e| malformed(e.to_string()))?;
    if raw.values.is_empty() {
        return Err(malformed("no [[values]]".to_owned()));
    }
    let mut values = Vec::with_capacity(raw.values.len());
    for (index, entry) in raw.values.into_iter().enumerate() {
        values.push((index + 1, read_entry(file, index + 1, entry, &convert)?));
    }
    check_sequence(file, &mut values, raw.continuous)?;
    Timeline::new(file.name, raw.description.trim(), values.into_iter().map(|(_, v)| v).collect())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    description: String,
    #[serde(default = "continuous_by_default")]
    continuous: bool,
    values: Vec<toml::Table>,
}

/// A legal parameter usually changes value rather than lapses: a gap is a missing entry until the file says otherwise.
fn continuous_by_default() -> bool {
    true
}

/// The keys an entry may have besides `value`.
const ENTRY_KEYS: [&str; 5] = ["from", "until", "value", "source", "expected"];

fn read_entry<R, T, F>(
    file: &ParameterFile,
    index: usize,
    mut entry: toml::Table,
    convert: &F,
) -> Result<Dated<T>, ParameterError>
where
    R: DeserializeOwned,
    F: Fn(R) -> Result<T, String>,
{
    let mut at = format!("entry {index}");
    let fault = |at: &str, key: &str, message: String| ParameterError::Entry {
        file: file.path.to_owned(),
        entry: at.to_owned(),
        key: key.to_owned(),
        message,
    };
    if let Some(key) = entry.keys().find(|k| !ENTRY_KEYS.contains(&k.as_str())) {
        return Err(fault(&at, key, format!("unknown key (expected {})", ENTRY_KEYS.join(", "))));
    }
    let from = match entry.get("from") {
        Some(value) => date(value).map_err(|m| fault(&at, "from", m))?,
        None => return Err(fault(&at, "from", "missing: every value says from which day it applies".to_owned())),
    };
    at = format!("entry {index} (from {from})");
    let until = match entry.get("until") {
        Some(value) => Some(date(value).map_err(|m| fault(&at, "until", m))?),
        None => None,
    };
    if until.is_some_and(|u| u < from) {
        return Err(fault(&at, "until", "ends before it starts".to_owned()));
    }
    let source = match entry.get("source") {
        Some(toml::Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        Some(toml::Value::String(_)) | None => {
            return Err(fault(&at, "source", "missing: every value names its legal or official reference".to_owned()))
        }
        Some(other) => return Err(fault(&at, "source", format!("{other} is not text"))),
    };
    let expected = match entry.get("expected") {
        Some(toml::Value::Boolean(b)) => *b,
        Some(other) => return Err(fault(&at, "expected", format!("{other} is not true or false"))),
        None => false,
    };
    let Some(raw) = entry.remove("value") else {
        return Err(fault(&at, "value", "missing".to_owned()));
    };
    if let Some((key, float)) = first_float("value", &raw) {
        return Err(fault(
            &at,
            &key,
            format!("{float} is a float: write it as a string (\"{float}\") so it never passes through binary floating point"),
        ));
    }
    let value = R::deserialize(raw).map_err(|e| fault(&at, "value", e.message().to_owned()))?;
    let value = convert(value).map_err(|m| fault(&at, "value", m))?;
    Ok(Dated { value, from, until, source: source.into(), expected })
}

/// Refuses two values covering one day, and a gap in a continuous parameter, naming the later
/// entry (by its place in the file: entries need not be in date order).
fn check_sequence<T>(
    file: &ParameterFile,
    values: &mut [(usize, Dated<T>)],
    continuous: bool,
) -> Result<(), ParameterError> {
    values.sort_by_key(|(_, v)| v.from);
    for pair in values.windows(2) {
        let [(_, a), (index, b)] = pair else { continue };
        let fault = |message: String| ParameterError::Entry {
            file: file.path.to_owned(),
            entry: format!("entry {index} (from {})", b.from),
            key: "from".to_owned(),
            message,
        };
        if a.from == b.from || a.until.is_some_and(|u| u >= b.from) {
            return Err(fault(format!("overlaps the value from {}", a.from)));
        }
        if let Some(until) = a.until.filter(|u| continuous && u.succ_opt() != Some(b.from)) {
            return Err(fault(format!(
                "leaves a gap after the value from {} that ends on {until}; \
                 write `continuous = false` at the top of the file if the parameter lapses",
                a.from
            )));
        }
    }
    Ok(())
}

/// A TOML local date (`2024-01-01`), refusing date-times, times and quoted text.
fn date(value: &toml::Value) -> Result<NaiveDate, String> {
    let not_a_date = || format!("{value} is not a date written as 2024-01-01");
    let toml::Value::Datetime(dt) = value else { return Err(not_a_date()) };
    if dt.time.is_some() || dt.offset.is_some() {
        return Err(not_a_date());
    }
    let d = dt.date.ok_or_else(not_a_date)?;
    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)).ok_or_else(not_a_date)
}

/// The dotted key and text of the first float in `value`, if any.
fn first_float(key: &str, value: &toml::Value) -> Option<(String, String)> {
    match value {
        toml::Value::Float(f) => Some((key.to_owned(), f.to_string())),
        toml::Value::Array(items) => {
            items.iter().enumerate().find_map(|(i, item)| first_float(&format!("{key}[{i}]"), item))
        }
        toml::Value::Table(table) => table.iter().find_map(|(k, item)| first_float(&format!("{key}.{k}"), item)),
        _ => None,
    }
}

/// A fraction in [0, 1) as a `Rate`, for [`timeline_with`]: a rate written as 21 instead of 0.21 is refused.
pub fn rate(fraction: Decimal) -> Result<Rate, String> {
    if fraction.is_sign_negative() || fraction >= Decimal::ONE {
        return Err(format!("rate '{fraction}' must be a fraction in [0, 1)"));
    }
    Ok(Rate(fraction.normalize()))
}

/// For `#[serde(deserialize_with = ...)]`: a decimal string, or `"unknown"` (None) where no source gives the value.
pub fn decimal_or_unknown<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Decimal>, D::Error> {
    let text = String::deserialize(deserializer)?;
    if text == "unknown" {
        return Ok(None);
    }
    Decimal::from_str_exact(text.trim())
        .map(Some)
        .map_err(|_| serde::de::Error::custom(format!("'{text}' is neither a decimal number nor \"unknown\"")))
}

/// How a parameter's value reads in the parameters listing.
pub trait Shown: std::fmt::Debug {
    /// The value as text: numbers as plain decimals, structured values as their fields
    /// (the default, from `Debug`).
    fn show(&self) -> String {
        format!("{self:?}")
    }
}

impl Shown for Decimal {
    fn show(&self) -> String {
        self.normalize().to_string()
    }
}

impl Shown for Rate {
    fn show(&self) -> String {
        self.value().normalize().to_string()
    }
}

impl Shown for Money {
    fn show(&self) -> String {
        self.amount().to_string()
    }
}

impl Shown for UnitRate {
    fn show(&self) -> String {
        self.per_unit.normalize().to_string()
    }
}

/// When one value of a parameter applies, and its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span<'p> {
    /// First day.
    pub from: NaiveDate,
    /// Last day, if it ends without successor.
    pub until: Option<NaiveDate>,
    /// Source.
    pub source: &'p str,
    /// An announced change, not yet confirmed.
    pub expected: bool,
}

/// A parameter's values over time, for coverage checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage<'p> {
    /// Parameter name.
    pub name: &'p str,
    /// Its file, under the pack's crate.
    pub file: &'static str,
    /// Its values, oldest first.
    pub spans: Vec<Span<'p>>,
}

/// A timeline of any value type, as the listing and the coverage checks see it.
pub trait Listed {
    /// The view of the value in force on `date`, if one is.
    fn view(&self, date: NaiveDate) -> Option<ParameterView>;
    /// The parameter's dotted name.
    fn name(&self) -> &str;
    /// Every value's validity and source, oldest first.
    fn spans(&self) -> Vec<Span<'_>>;
}

impl<T: Shown> Listed for Timeline<T> {
    fn view(&self, date: NaiveDate) -> Option<ParameterView> {
        let v = self.at(date).ok()?;
        Some(ParameterView {
            name: self.name.clone(),
            description: self.description.clone(),
            value: v.value.show(),
            from: v.from,
            until: v.until,
            source: v.source.to_string(),
        })
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn spans(&self) -> Vec<Span<'_>> {
        self.values()
            .iter()
            .map(|v| Span { from: v.from, until: v.until, source: &v.source, expected: v.expected })
            .collect()
    }
}

/// One declared parameter: its file and its loaded timeline.
pub struct Declared<'s> {
    /// The file it was read from.
    pub file: &'static ParameterFile,
    /// Its values.
    pub timeline: &'s dyn Listed,
}

/// A pack's block of declared parameters (what [`parameters!`] makes), walked by the listing and the coverage test.
pub trait ParameterSet {
    /// Every parameter, in declaration order.
    fn declared(&self) -> Vec<Declared<'_>>;

    /// The parameters in force on `date`, for the parameters listing.
    fn views(&self, date: NaiveDate) -> Vec<ParameterView> {
        self.declared().iter().filter_map(|d| d.timeline.view(date)).collect()
    }

    /// Every parameter's values over time.
    fn coverage(&self) -> Vec<Coverage<'_>> {
        self.declared()
            .into_iter()
            .map(|d| Coverage { name: d.timeline.name(), file: d.file.path, spans: d.timeline.spans() })
            .collect()
    }
}

/// Declares a pack's parameters once each: name, file, type (and, after `via`, a function checking
/// or converting the file's value, see [`timeline_with`]).
///
/// ```
/// use partage_pack_kit::{parameters, rate, ParameterSet};
/// use partage_core::money::Rate;
/// use rust_decimal::Decimal;
///
/// parameters! {
///     /// The example pack's VAT parameters.
///     pub struct VatParameters;
///     /// The VAT parameters in force on one date.
///     pub struct VatInForce;
///     /// The standard rate, a fraction.
///     standard: Rate = "vat.rate.standard" in "tests/files/standard_rate.toml", via rate;
///     /// A threshold in euros, read as a decimal.
///     threshold: Decimal = "vat.threshold" in "tests/files/threshold.toml";
/// }
///
/// let vat = VatParameters::load().unwrap();
/// let day = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
/// assert_eq!(vat.in_force(day).unwrap().standard.value, rate("0.21".parse().unwrap()).unwrap());
/// assert_eq!(vat.views(day).len(), 2);
/// ```
///
/// It makes the first struct, with one `pub` `Timeline` per parameter, `FILES`, `load()` (every
/// file, refused with an error naming file, entry and key) and `in_force(date)`; the second struct,
/// with the `Dated` value of each parameter on one date; and the [`ParameterSet`] implementation,
/// which lists every parameter. Value types other than numbers implement [`Shown`] (an empty
/// `impl Shown for MyScale {}` shows its fields).
#[macro_export]
macro_rules! parameters {
    (
        $(#[$meta:meta])* $vis:vis struct $name:ident;
        $(#[$at_meta:meta])* $at_vis:vis struct $at:ident;
        $( $(#[$field_meta:meta])* $field:ident : $ty:ty = $param:literal in $path:literal $(, via $via:expr)? ; )*
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug)]
        $vis struct $name {
            $( $(#[$field_meta])* pub $field: $crate::Timeline<$ty>, )*
        }

        $(#[$at_meta])*
        #[derive(Clone, Copy, Debug)]
        $at_vis struct $at<'p> {
            $( $(#[$field_meta])* pub $field: &'p $crate::Dated<$ty>, )*
        }

        impl $name {
            /// Every parameter's file, in declaration order.
            pub const FILES: &'static [$crate::ParameterFile] = &[ $( $crate::parameter_file!($param, $path), )* ];

            /// Reads every parameter's file compiled into the pack.
            pub fn load() -> Result<$name, $crate::ParameterError> {
                Ok($name {
                    $( $field: $crate::parameters!(@read $crate::parameter_file!($param, $path) $(, $via)?)?, )*
                })
            }

            /// Every parameter's value in force on `date`; an error names the first without one.
            pub fn in_force(&self, date: $crate::__private::NaiveDate) -> Result<$at<'_>, $crate::ParameterError> {
                Ok($at { $( $field: self.$field.at(date)?, )* })
            }
        }

        impl $crate::ParameterSet for $name {
            fn declared(&self) -> Vec<$crate::Declared<'_>> {
                let timelines: Vec<&dyn $crate::Listed> = vec![ $( &self.$field, )* ];
                Self::FILES.iter().zip(timelines).map(|(file, timeline)| $crate::Declared { file, timeline }).collect()
            }
        }
    };
    (@read $file:expr) => { $crate::timeline(&$file) };
    (@read $file:expr, $via:expr) => { $crate::timeline_with(&$file, $via) };
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn file(text: &'static str) -> ParameterFile {
        ParameterFile { name: "x", path: "x.toml", text }
    }

    /// The rule the error broke: its key and message, or the whole error if it names no entry.
    fn entry_fault(err: &ParameterError) -> (&str, &str, &str) {
        match err {
            ParameterError::Entry { file, entry, key, .. } => (file, entry, key),
            other => panic!("not an entry's error: {other}"),
        }
    }

    const TWO_RATES: &str = "description = \"A rate\"\n\
        [[values]]\nfrom = 2024-01-01\nvalue = \"0.06\"\nsource = \"Law of 1 January 2024\"\n\
        [[values]]\nfrom = 2025-01-01\nvalue = \"0.09\"\nsource = \"Law of 1 January 2025\"\n";

    #[test]
    fn the_value_changes_on_the_first_day_of_the_next_entry() {
        let t = timeline_with(&file(TWO_RATES), rate).unwrap();
        assert_eq!(t.value_at(d(2024, 12, 31)).unwrap(), &Rate(dec!(0.06)));
        assert_eq!(t.value_at(d(2025, 1, 1)).unwrap(), &Rate(dec!(0.09)));
        assert_eq!(&*t.at(d(2025, 1, 1)).unwrap().source, "Law of 1 January 2025");
        assert_eq!(t.description, "A rate");
        let err = t.value_at(d(2023, 12, 31)).unwrap_err();
        assert_eq!(err.to_string(), "parameter x has no value on 2023-12-31 (its values cover 2024-01-01 onwards)");
    }

    #[test]
    fn an_announced_value_in_the_future_loads_and_applies_from_its_date() {
        let t: Timeline<Decimal> = timeline(&file(
            "description = \"d\"\n\
             [[values]]\nfrom = 2024-01-01\nvalue = \"100\"\nsource = \"Law of 2024\"\n\
             [[values]]\nfrom = 2099-01-01\nvalue = \"120\"\nsource = \"Bill of 2098\"\nexpected = true\n",
        ))
        .unwrap();
        let today = t.at(d(2098, 12, 31)).unwrap();
        assert_eq!((today.value, today.expected), (dec!(100), false));
        let future = t.at(d(2099, 1, 1)).unwrap();
        assert_eq!((future.value, future.expected), (dec!(120), true));
    }

    #[test]
    fn overlapping_entries_are_refused_naming_the_later_one() {
        let err = timeline::<Decimal>(&file(
            "description = \"d\"\n\
             [[values]]\nfrom = 2024-01-01\nuntil = 2024-12-31\nvalue = \"1\"\nsource = \"s\"\n\
             [[values]]\nfrom = 2024-06-01\nvalue = \"2\"\nsource = \"s\"\n",
        ))
        .unwrap_err();
        assert_eq!(entry_fault(&err), ("x.toml", "entry 2 (from 2024-06-01)", "from"));
        assert!(err.to_string().contains("overlaps the value from 2024-01-01"), "{err}");
        let same_day = timeline::<Decimal>(&file(
            "description = \"d\"\n\
             [[values]]\nfrom = 2024-01-01\nvalue = \"1\"\nsource = \"s\"\n\
             [[values]]\nfrom = 2024-01-01\nvalue = \"2\"\nsource = \"s\"\n",
        ));
        assert!(same_day.is_err_and(|e| e.to_string().contains("overlaps")));
        // Entries out of date order are sorted; an overlap still names the entry by its place in the file.
        let reversed = "description = \"d\"\n\
             [[values]]\nfrom = 2025-01-01\nvalue = \"2\"\nsource = \"s\"\n\
             [[values]]\nfrom = 2024-01-01\nuntil = 2024-12-31\nvalue = \"1\"\nsource = \"s\"\n";
        let t = timeline::<Decimal>(&file(reversed)).unwrap();
        assert_eq!((t.value_at(d(2024, 12, 31)).unwrap(), t.value_at(d(2025, 1, 1)).unwrap()), (&dec!(1), &dec!(2)));
        let err = timeline::<Decimal>(&file(reversed.replace("until = 2024-12-31", "until = 2025-01-01").leak()))
            .unwrap_err();
        assert_eq!(entry_fault(&err), ("x.toml", "entry 1 (from 2025-01-01)", "from"));
    }

    #[test]
    fn a_gap_is_refused_unless_the_file_says_the_parameter_lapses() {
        let text = "[[values]]\nfrom = 2024-01-01\nuntil = 2024-06-30\nvalue = \"1\"\nsource = \"s\"\n\
                    [[values]]\nfrom = 2024-08-01\nvalue = \"2\"\nsource = \"s\"\n";
        let gap = format!("description = \"d\"\n{text}");
        let err = timeline::<Decimal>(&file(gap.leak())).unwrap_err();
        assert_eq!(entry_fault(&err), ("x.toml", "entry 2 (from 2024-08-01)", "from"));
        assert!(err.to_string().contains("gap after the value from 2024-01-01 that ends on 2024-06-30"), "{err}");
        let lapses = format!("description = \"d\"\ncontinuous = false\n{text}");
        let t = timeline::<Decimal>(&file(lapses.leak())).unwrap();
        assert!(t.at(d(2024, 7, 15)).is_err());
        assert_eq!(t.value_at(d(2024, 8, 1)).unwrap(), &dec!(2));
        // Back to back is no gap.
        let t = timeline::<Decimal>(&file(
            "description = \"d\"\n\
             [[values]]\nfrom = 2024-01-01\nuntil = 2024-06-30\nvalue = \"1\"\nsource = \"s\"\n\
             [[values]]\nfrom = 2024-07-01\nvalue = \"2\"\nsource = \"s\"\n",
        ))
        .unwrap();
        assert_eq!(t.value_at(d(2024, 6, 30)).unwrap(), &dec!(1));
        assert_eq!(t.value_at(d(2024, 7, 1)).unwrap(), &dec!(2));
    }

    #[test]
    fn a_value_without_source_is_refused_naming_file_entry_and_key() {
        for source in ["source = \" \"\n", ""] {
            let text = format!("description = \"d\"\n[[values]]\nfrom = 2024-01-01\nvalue = \"0.21\"\n{source}");
            let err = timeline_with(&file(text.leak()), rate).unwrap_err();
            assert_eq!(entry_fault(&err), ("x.toml", "entry 1 (from 2024-01-01)", "source"));
        }
    }

    #[test]
    fn a_date_time_or_a_quoted_date_is_not_a_date() {
        for from in ["2024-01-01T00:00:00", "\"2024-01-01\"", "2024-02-30"] {
            let text = format!("description = \"d\"\n[[values]]\nfrom = {from}\nvalue = \"0.21\"\nsource = \"s\"\n");
            match timeline_with(&file(text.leak()), rate) {
                Err(err @ ParameterError::Entry { .. }) => {
                    assert_eq!(entry_fault(&err), ("x.toml", "entry 1", "from"));
                }
                // TOML itself refuses 30 February.
                Err(ParameterError::Malformed { file, .. }) => {
                    assert_eq!((file.as_str(), from), ("x.toml", "2024-02-30"))
                }
                other => panic!("{from}: {other:?}"),
            }
        }
        let text =
            "description = \"d\"\n[[values]]\nfrom = 2024-01-01\nuntil = 2023-12-31\nvalue = \"1\"\nsource = \"s\"\n";
        let err = timeline::<Decimal>(&file(text)).unwrap_err();
        assert_eq!(entry_fault(&err), ("x.toml", "entry 1 (from 2024-01-01)", "until"));
    }

    #[test]
    fn a_value_that_is_not_a_fraction_is_refused_with_its_file() {
        let err = timeline_with(
            &file("description = \"d\"\n[[values]]\nfrom = 2024-01-01\nvalue = \"21\"\nsource = \"s\"\n"),
            rate,
        )
        .unwrap_err();
        assert_eq!(entry_fault(&err), ("x.toml", "entry 1 (from 2024-01-01)", "value"));
        assert!(err.to_string().contains("must be a fraction"), "{err}");
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Scale {
        low: Decimal,
        high: Decimal,
        #[serde(deserialize_with = "decimal_or_unknown")]
        extra: Option<Decimal>,
    }

    #[test]
    fn a_float_an_unknown_key_or_a_missing_field_is_refused_naming_the_key() {
        let float = timeline::<Scale>(&file(
            "description = \"d\"\n[[values]]\nfrom = 2024-01-01\nsource = \"s\"\n\
             value = { low = \"1\", high = 2.5, extra = \"unknown\" }\n",
        ))
        .unwrap_err();
        assert_eq!(entry_fault(&float), ("x.toml", "entry 1 (from 2024-01-01)", "value.high"));
        let unknown = timeline::<Scale>(&file(
            "description = \"d\"\n[[values]]\nfrom = 2024-01-01\nsource = \"s\"\n\
             value = { low = \"1\", high = \"2\", extra = \"3\", typo = \"4\" }\n",
        ))
        .unwrap_err();
        assert!(unknown.to_string().contains("unknown field `typo`"), "{unknown}");
        let missing = timeline::<Scale>(&file(
            "description = \"d\"\n[[values]]\nfrom = 2024-01-01\nsource = \"s\"\nvalue = { low = \"1\", extra = \"3\" }\n",
        ))
        .unwrap_err();
        assert!(missing.to_string().contains("missing field `high`"), "{missing}");
        let entry_key = timeline::<Decimal>(&file(
            "description = \"d\"\n[[values]]\nfrom = 2024-01-01\nsource = \"s\"\nvalue = \"1\"\nnote = \"x\"\n",
        ))
        .unwrap_err();
        assert_eq!(entry_fault(&entry_key), ("x.toml", "entry 1", "note"));
        let t = timeline::<Scale>(&file(
            "description = \"d\"\n[[values]]\nfrom = 2024-01-01\nsource = \"s\"\n\
             value = { low = \"1\", high = \"2.50\", extra = \"unknown\" }\n",
        ))
        .unwrap();
        assert_eq!(t.value_at(d(2024, 1, 1)).unwrap(), &Scale { low: dec!(1), high: dec!(2.50), extra: None });
    }

    #[test]
    fn a_file_without_values_or_with_unknown_keys_is_refused() {
        let err = timeline::<Decimal>(&file("description = \"d\"\nvalues = []\n")).unwrap_err();
        assert_eq!(err, ParameterError::Malformed { file: "x.toml".into(), message: "no [[values]]".into() });
        let err = timeline::<Decimal>(&file("description = \"d\"\ncontinous = true\nvalues = []\n")).unwrap_err();
        assert!(matches!(err, ParameterError::Malformed { ref message, .. } if message.contains("continous")), "{err}");
    }
}
