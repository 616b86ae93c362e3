//! What the node's scheduled settings share: the fee's (`fee_schedule`) and the employer-cost
//! coefficient's (`coefficient_schedule`). A change is recorded by an admin with why, from a
//! day no earlier than the day after tomorrow (so no document of a day already begun, nor of
//! the next one while a change recorded just before midnight still commits, reads two values)
//! and within 24 months; it is kept with who recorded it and when, in its own table
//! (`storage::schedules`) and in the audit log with the value it replaces on its day. The
//! value of a day is that of the latest change on or before it, else the configuration's.

use super::history::{self, FieldChange, Subject};
use super::Node;
use crate::error::AppError;
use crate::storage::schedules::{ChangeRow, Schedule};
use chrono::{Days, Months, NaiveDate};
use uuid::Uuid;

/// How far ahead a change may be scheduled, in months.
pub const HORIZON_MONTHS: u32 = 24;
/// The longest reason, in characters.
pub const REASON_MAX: usize = 300;
/// The changes the settings show, newest first.
pub(super) const SHOWN: u64 = 100;

/// The first and the last day a change recorded on `today` may take effect from: the day
/// after tomorrow, and 24 months ahead.
pub fn window(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = today.checked_add_days(Days::new(2)).unwrap_or(today);
    (first, today.checked_add_months(Months::new(HORIZON_MONTHS)).unwrap_or(first))
}

/// A change as asked, once its values are checked by its schedule's service.
pub(super) struct Change<'a> {
    /// The first day it applies.
    pub valid_from: NaiveDate,
    /// Why, as given.
    pub reason: &'a str,
    /// What the change applies to, for the refusals (`the fee`).
    pub what: &'a str,
    /// What keeps its value whatever changes later (`invoices already issued keep their fee`).
    pub keeps: &'a str,
}

impl Change<'_> {
    /// The reason, trimmed, once it and the day are checked against the node's `today`.
    pub fn checked(&self, today: NaiveDate) -> Result<&str, AppError> {
        let reason = self.reason.trim();
        if reason.is_empty() || reason.chars().count() > REASON_MAX || reason.chars().any(char::is_control) {
            return Err(AppError::invalid(
                "reason",
                format!("why {} changes, 1 to {REASON_MAX} characters on one line", self.what),
            ));
        }
        let (first, last) = window(today);
        if self.valid_from <= today || self.valid_from < first || self.valid_from > last {
            return Err(AppError::DateOutOfRange {
                field: "valid_from".into(),
                date: self.valid_from,
                expected: format!(
                    "from {first} (the day after tomorrow) to {last} ({HORIZON_MONTHS} months ahead): {}",
                    self.keeps
                ),
            });
        }
        Ok(reason)
    }
}

/// One value a change sets: its field as the API names it, the value it replaces on the
/// change's day and the new one, both decimal text.
pub(super) struct Value<'a> {
    /// The API's field.
    pub field: &'a str,
    /// The value in force on the change's day before it.
    pub before: String,
    /// The new value, normalised decimal text.
    pub new: String,
}

/// Stores a change already checked (`Change::checked`) with who (`by`) and when, and writes
/// it to the audit log under `subject`, each value with the one it replaces.
pub(super) async fn record<C: sea_orm::ConnectionTrait>(
    c: &C,
    node: &Node,
    (schedule, subject): (Schedule, Subject),
    valid_from: NaiveDate,
    reason: &str,
    values: Vec<Value<'_>>,
    by: &str,
) -> Result<ChangeRow, AppError> {
    let row = ChangeRow {
        id: Uuid::now_v7(),
        valid_from,
        values: values.iter().map(|v| v.new.clone()).collect(),
        reason: reason.to_owned(),
        changed_by: by.to_owned(),
        changed_at: node.instant(),
    };
    schedule.insert(c, &row).await?;
    let field = |name: &str, old: Option<String>, new: &str| FieldChange {
        field: name.to_owned(),
        old,
        new: Some(new.to_owned()),
    };
    let mut changes = vec![field("valid_from", None, &row.valid_from.to_string())];
    changes.extend(values.into_iter().map(|v| field(v.field, Some(v.before), &v.new)));
    changes.push(field("reason", None, &row.reason));
    history::record(c, subject, row.id, by, node.now(), &changes).await?;
    Ok(row)
}

/// The latest changes of `schedule` (at most 100), newest first, each with whether a later
/// change of the same day replaced it before it came into force.
pub(super) async fn latest<C: sea_orm::ConnectionTrait>(
    c: &C,
    schedule: Schedule,
) -> Result<Vec<(ChangeRow, bool)>, AppError> {
    let rows = schedule.latest(c, SHOWN).await?;
    // Newest first: a row is superseded when the row before it in this order has its day.
    let mut changes = Vec::with_capacity(rows.len());
    let mut previous_day = None;
    for row in rows {
        let superseded = previous_day == Some(row.valid_from);
        previous_day = Some(row.valid_from);
        changes.push((row, superseded));
    }
    Ok(changes)
}

/// A decimal of the request as its schema writes it: `integer` digits among `leading`
/// (the digits the integer part may be), then `.` and 1 to `decimals` digits or nothing;
/// nothing a decimal parser would also take (`1e-3`, ` 0.5`, `-0`). `expected` says it.
pub(super) fn strict_decimal(
    field: &str,
    text: &str,
    leading: &[u8],
    decimals: usize,
    expected: &str,
) -> Result<rust_decimal::Decimal, AppError> {
    let refused = || AppError::invalid(field, expected);
    let mut parts = text.splitn(2, '.');
    let integer = parts.next().unwrap_or_default();
    if integer.len() != 1 || !integer.bytes().all(|b| leading.contains(&b)) {
        return Err(refused());
    }
    if let Some(digits) = parts.next() {
        if !(1..=decimals).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(refused());
        }
    }
    text.parse::<rust_decimal::Decimal>().map(|d| d.normalize()).map_err(|_| refused())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_change_is_from_the_day_after_tomorrow_to_24_months_ahead_with_a_reason() {
        assert_eq!(window(day("2026-03-02")), (day("2026-03-04"), day("2028-03-02")));
        let change = |valid_from: &str, reason: &'static str| Change {
            valid_from: day(valid_from),
            reason,
            what: "the fee",
            keeps: "invoices already issued keep their fee",
        };
        let today = day("2026-03-02");
        assert_eq!(change("2026-03-04", " General assembly ").checked(today).unwrap(), "General assembly");
        assert_eq!(change("2028-03-02", "r").checked(today).unwrap(), "r");
        for refused in ["2026-03-02", "2026-03-03", "2028-03-03", "2025-01-01"] {
            let err = change(refused, "r").checked(today).unwrap_err();
            assert!(matches!(err, AppError::DateOutOfRange { ref field, .. } if field == "valid_from"), "{refused}");
        }
        for refused in [" ", "a\nb"] {
            let err = change("2026-03-04", refused).checked(today).unwrap_err();
            assert!(matches!(err, AppError::Invalid { ref field, .. } if field == "reason"), "{refused:?}");
        }
    }
}
