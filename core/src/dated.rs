//! Legal parameters with their validity and source, like OpenFisca's parameters.
//!
//! A value applies from its `from` date until the next value's `from` (or its own
//! `until`). A computation for a date uses the value in force on that date.

use chrono::NaiveDate;

/// One value of a legal parameter, with when it applies and where it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Dated<T> {
    /// The value.
    pub value: T,
    /// First day it applies.
    pub from: NaiveDate,
    /// Last day it applies, when it ends without a successor.
    pub until: Option<NaiveDate>,
    /// The law, decree or official page it comes from (shared: payslip lines cite it).
    pub source: std::sync::Arc<str>,
    /// True for an announced change not yet in force when it was entered.
    pub expected: bool,
}

/// A parameter's values over time, sorted by `from`.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline<T> {
    /// Parameter name, for messages.
    pub name: String,
    /// What it is, in a sentence.
    pub description: String,
    values: Vec<Dated<T>>,
}

/// Why a parameter has no value, or is not well formed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParameterError {
    /// No value covers that date.
    #[error("parameter {name} has no value on {date} (its values cover {coverage})")]
    NotInForce {
        /// The parameter.
        name: String,
        /// The date asked for.
        date: NaiveDate,
        /// The days its values do cover, in words ("2023-01-01 onwards"), so the reader sees how far off the date is.
        coverage: String,
    },
    /// Two values cover one day.
    #[error("parameter {name}: values from {first} and {second} overlap")]
    Overlap {
        /// The parameter.
        name: String,
        /// The earlier value's start.
        first: NaiveDate,
        /// The later value's start.
        second: NaiveDate,
    },
    /// A value without a source.
    #[error("parameter {name}: the value from {from} has no source")]
    MissingSource {
        /// The parameter.
        name: String,
        /// The value's start.
        from: NaiveDate,
    },
    /// The data file cannot be read.
    #[error("parameter file {file}: {message}")]
    Malformed {
        /// The file.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// One entry of a parameter file breaks a rule: the error names the file, the entry and the key.
    #[error("parameter file {file}, {entry}, key `{key}`: {message}")]
    Entry {
        /// The file.
        file: String,
        /// Which entry, e.g. "entry 2 (from 2024-01-01)".
        entry: String,
        /// The key at fault, e.g. `source` or `value.low`.
        key: String,
        /// What is wrong.
        message: String,
    },
}

impl<T> Timeline<T> {
    /// Builds a timeline, checking sources and that no two values overlap.
    pub fn new(name: &str, description: &str, mut values: Vec<Dated<T>>) -> Result<Self, ParameterError> {
        values.sort_by_key(|v| v.from);
        for v in &values {
            if v.source.trim().is_empty() {
                return Err(ParameterError::MissingSource { name: name.into(), from: v.from });
            }
        }
        for pair in values.windows(2) {
            if let [a, b] = pair {
                if a.from == b.from || a.until.is_some_and(|u| u >= b.from) {
                    return Err(ParameterError::Overlap { name: name.into(), first: a.from, second: b.from });
                }
            }
        }
        Ok(Self { name: name.into(), description: description.into(), values })
    }

    /// The value in force on `date`.
    pub fn at(&self, date: NaiveDate) -> Result<&Dated<T>, ParameterError> {
        self.values
            .iter()
            .rev()
            .find(|v| v.from <= date)
            .filter(|v| v.until.is_none_or(|u| date <= u))
            .ok_or_else(|| ParameterError::NotInForce { name: self.name.clone(), date, coverage: self.coverage() })
    }

    /// The value itself in force on `date`, when its validity and source are not needed.
    pub fn value_at(&self, date: NaiveDate) -> Result<&T, ParameterError> {
        self.at(date).map(|dated| &dated.value)
    }

    /// The days the values cover, in words, for messages.
    fn coverage(&self) -> String {
        let (Some(first), Some(last)) = (self.values.first(), self.values.last()) else {
            return "no day".to_owned();
        };
        let gaps = self.values.windows(2).any(|pair| match pair {
            [a, b] => a.until.is_some_and(|u| u.succ_opt() != Some(b.from)),
            _ => false,
        });
        let span = match last.until {
            Some(until) => format!("{} to {until}", first.from),
            None => format!("{} onwards", first.from),
        };
        if gaps {
            format!("{span}, with gaps")
        } else {
            span
        }
    }

    /// Every value, oldest first.
    pub fn values(&self) -> &[Dated<T>] {
        &self.values
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dated(v: u32, from: NaiveDate, until: Option<NaiveDate>) -> Dated<u32> {
        Dated { value: v, from, until, source: "test".into(), expected: false }
    }

    #[test]
    fn the_value_in_force_is_the_latest_started() {
        let t = Timeline::new("x", "", vec![dated(2, d(2025, 1, 1), None), dated(1, d(2024, 1, 1), None)]).unwrap();
        assert_eq!(t.at(d(2024, 12, 31)).unwrap().value, 1);
        assert_eq!(t.at(d(2025, 1, 1)).unwrap().value, 2);
        assert!(t.at(d(2023, 12, 31)).is_err());
    }

    #[test]
    fn a_date_outside_the_values_names_what_they_cover() {
        let t = Timeline::new("x", "", vec![dated(1, d(2024, 1, 1), Some(d(2024, 6, 30)))]).unwrap();
        assert_eq!(t.value_at(d(2024, 6, 30)), Ok(&1));
        let err = t.value_at(d(2024, 7, 1)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "parameter x has no value on 2024-07-01 (its values cover 2024-01-01 to 2024-06-30)"
        );
        let open = Timeline::new("y", "", vec![dated(1, d(2023, 1, 1), None)]).unwrap();
        assert!(open
            .value_at(d(2022, 12, 31))
            .unwrap_err()
            .to_string()
            .ends_with("(its values cover 2023-01-01 onwards)"));
    }

    #[test]
    fn an_ended_value_is_not_in_force_after_its_end() {
        let t = Timeline::new("x", "", vec![dated(1, d(2024, 1, 1), Some(d(2024, 6, 30)))]).unwrap();
        assert!(t.at(d(2024, 6, 30)).is_ok());
        assert!(t.at(d(2024, 7, 1)).is_err());
    }

    #[test]
    fn overlaps_and_missing_sources_are_refused() {
        let overlap =
            Timeline::new("x", "", vec![dated(1, d(2024, 1, 1), Some(d(2024, 12, 31))), dated(2, d(2024, 6, 1), None)]);
        assert!(matches!(overlap, Err(ParameterError::Overlap { .. })));
        let mut v = dated(1, d(2024, 1, 1), None);
        v.source = " ".into();
        assert!(matches!(Timeline::new("x", "", vec![v]), Err(ParameterError::MissingSource { .. })));
    }
}
