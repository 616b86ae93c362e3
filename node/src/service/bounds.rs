//! Bounds on what a request may carry: amounts under the node's ceilings
//! (`[limits]`) and dates within what the cooperative's life allows. Each refusal
//! names the field and the bound, so the user sees what to change.

use super::Node;
use crate::error::AppError;
use chrono::{Datelike, NaiveDate};
use partage_core::period::{Month, PeriodError};
use partage_core::Money;
use rust_decimal::Decimal;

/// Years a date on the wire may have: no person, contract or document of the node is
/// older or younger, and a computed date (a due date, a deadline) stays within four digits.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// How far ahead a planned date (a share subscription, an order form) may lie.
const HORIZON_YEARS: i32 = 2;

/// A month sent as `YYYY-MM` in `field`.
pub fn month(field: &str, text: &str) -> Result<Month, AppError> {
    text.parse().map_err(|e: PeriodError| AppError::invalid(field, e.to_string()))
}

/// Refuses an amount above `limit` (compared in absolute value).
pub fn ceiling(field: &str, value: Money, limit: Money) -> Result<(), AppError> {
    if value.amount().abs() > limit.amount() {
        return Err(AppError::AboveCeiling { field: field.into(), value: value.to_string(), limit: limit.to_string() });
    }
    Ok(())
}

/// Refuses a quantity above the node's ceiling.
pub fn quantity(node: &Node, field: &str, value: Decimal) -> Result<(), AppError> {
    let limit = node.settings.limits.quantity;
    if value.abs() > limit {
        return Err(AppError::AboveCeiling { field: field.into(), value: value.to_string(), limit: limit.to_string() });
    }
    Ok(())
}

/// Refuses an amount above the node's ceiling for single amounts (expenses, order
/// forms, payments, shares).
pub fn amount(node: &Node, field: &str, value: Money) -> Result<(), AppError> {
    ceiling(field, value, node.settings.limits.amount)
}

fn out_of_range(field: &str, date: NaiveDate, expected: String) -> AppError {
    AppError::DateOutOfRange { field: field.into(), date, expected }
}

/// Refuses a date after today (in the node's legal time zone): what it dates has happened.
pub fn not_after_today(node: &Node, field: &str, date: NaiveDate) -> Result<(), AppError> {
    let today = node.today();
    if date > today {
        return Err(out_of_range(field, date, format!("on or before today, {today}")));
    }
    Ok(())
}

/// Refuses a date before the cooperative was founded (`node.founded`) or after today.
pub fn in_the_cooperatives_past(node: &Node, field: &str, date: NaiveDate) -> Result<(), AppError> {
    let (founded, today) = (node.settings.founded, node.today());
    if date < founded || date > today {
        return Err(out_of_range(
            field,
            date,
            format!("from the cooperative's founding, {founded}, to today, {today}"),
        ));
    }
    Ok(())
}

/// Refuses a date before the cooperative was founded or more than two years ahead.
pub fn in_the_cooperatives_life(node: &Node, field: &str, date: NaiveDate) -> Result<(), AppError> {
    let founded = node.settings.founded;
    let today = node.today();
    let last = today.with_year(today.year() + HORIZON_YEARS).unwrap_or(today);
    if date < founded || date > last {
        return Err(out_of_range(field, date, format!("from the cooperative's founding, {founded}, to {last}")));
    }
    Ok(())
}

/// Serde helpers that bound a date's year as it is read from the wire, so that no
/// request can carry year 10000 (or 0) into a computation or a document.
pub mod wire {
    use super::YEARS;
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer};

    fn parse<E: serde::de::Error>(s: &str) -> Result<NaiveDate, E> {
        let date = NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .filter(|_| s.len() == 10)
            .ok_or_else(|| E::custom(format!("'{s}' is not a date like 2026-03-02 (YYYY-MM-DD)")))?;
        if !YEARS.contains(&date.year()) {
            return Err(E::custom(format!("'{s}' is out of range: years from {} to {}", YEARS.start(), YEARS.end())));
        }
        Ok(date)
    }

    /// A required `YYYY-MM-DD` date with a year in [`YEARS`].
    pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = String::deserialize(d)?;
        parse(&s)
    }

    /// An optional `YYYY-MM-DD` date with a year in [`YEARS`].
    pub fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<String>::deserialize(d)?.map(|s| parse(&s)).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Body {
        #[serde(default, deserialize_with = "wire::option")]
        date: Option<NaiveDate>,
    }

    fn read(json: &str) -> Result<Option<NaiveDate>, String> {
        serde_json::from_str::<Body>(json).map(|b| b.date).map_err(|e| e.to_string())
    }

    #[test]
    fn wire_dates_have_four_digit_years_in_range() {
        assert_eq!(read(r#"{"date": "2026-03-02"}"#), Ok(NaiveDate::from_ymd_opt(2026, 3, 2)));
        assert_eq!(read(r#"{}"#), Ok(None));
        assert_eq!(read(r#"{"date": null}"#), Ok(None));
        for bad in ["+10000-01-01", "9999-12-31", "1899-12-31", "0001-01-01", "2026-3-2", "10/12/2026", "1985-13-30"] {
            let err = read(&format!(r#"{{"date": "{bad}"}}"#)).unwrap_err();
            assert!(err.contains(bad), "{bad}: {err}");
        }
    }
}
