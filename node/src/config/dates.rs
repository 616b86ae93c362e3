//! The node's dates: a fixed day or instant instead of the clock (demos, drills, tests),
//! and the cooperative's founding day, before which nothing is recorded.

use super::raw::RawNode;
use super::ConfigError;
use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// `node.today`, `node.now` and `node.founded`, checked.
pub(super) struct Dates {
    /// A fixed date instead of the clock.
    pub(super) today: Option<NaiveDate>,
    /// A fixed instant instead of the clock; wins over `today`.
    pub(super) now: Option<DateTime<Utc>>,
    /// The day the cooperative was founded.
    pub(super) founded: NaiveDate,
}

/// Parses the node's dates; an empty `today` or `now` is the clock.
pub(super) fn dates(raw: &RawNode) -> Result<Dates, ConfigError> {
    let today = match raw.today.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| ConfigError::Key {
            key: "node.today",
            message: format!("'{s}' is not a date like 2026-01-31"),
        })?),
    };
    let now = match raw.now.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(
            DateTime::parse_from_rfc3339(s)
                .map_err(|_| ConfigError::Key {
                    key: "node.now",
                    message: format!("'{s}' is not an instant like 2026-03-02T18:49:00Z"),
                })?
                .to_utc(),
        ),
    };
    let founded = NaiveDate::parse_from_str(raw.founded.trim(), "%Y-%m-%d").map_err(|_| ConfigError::Key {
        key: "node.founded",
        message: format!("'{}' is not a date like 2000-01-01", raw.founded),
    })?;
    if !(1900..=2199).contains(&founded.year()) {
        return Err(ConfigError::Key { key: "node.founded", message: "must be between 1900 and 2199".into() });
    }
    Ok(Dates { today, now, founded })
}
