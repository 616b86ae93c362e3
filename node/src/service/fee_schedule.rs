//! The fee's schedule: an admin changes the fee rate and the guarantee fund's share of it
//! from a later day, by page or API, each change kept with who recorded it, when and why,
//! and written to the audit log.
//!
//! A change is in force from its `valid_from`, never earlier than two days after it is
//! recorded: an invoice takes the fee in force on its date when it is issued, so a change
//! that reached back would leave invoices of one day with two fees, and one recorded for
//! tomorrow a second before midnight could still be committing while the new day's first
//! invoices read the schedule. Issued invoices keep
//! the fee they were issued with (their stored `fee_minor`), whatever changes later. Until
//! the first change, and for days before it, the fee is the configuration's `[fee]`. The
//! employer-cost coefficient is not scheduled here: it set the gross of contracts already
//! validated, which payroll pays later at the same coefficient (see the settings page).

use super::history::{self, FieldChange, Subject};
use super::Node;
use crate::error::AppError;
use crate::storage::fee_changes::{self, FeeChangeRow};
use chrono::{Days, Months, NaiveDate};
use partage_core::fee::FeePolicy;
use partage_core::money::Rate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// How far ahead a change may be scheduled, in months.
pub const HORIZON_MONTHS: u32 = 24;
/// The longest reason, in characters.
pub const REASON_MAX: usize = 300;
/// The changes the settings show, newest first.
const SHOWN: u64 = 100;

/// A change an admin asks for (`POST /settings/fee/changes`).
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeeChangeRequest {
    /// The first day the new fee applies: from the day after tomorrow, within 24 months.
    pub valid_from: NaiveDate,
    /// The fee rate on what is billed excluding VAT, a fraction (`0.065` for 6.5 %): at
    /// least 0, below 1, at most 6 decimals.
    #[schema(value_type = String, example = "0.07", pattern = r"^0(\.[0-9]{1,6})?$")]
    pub rate: String,
    /// The guarantee fund's share of the fee, a fraction (`0.25`): at least 0, below 1, at
    /// most 6 decimals.
    #[schema(value_type = String, example = "0.25", pattern = r"^0(\.[0-9]{1,6})?$")]
    pub guarantee_fund_share: String,
    /// Why (the general assembly's decision, say), 1 to 300 characters on one line.
    #[schema(
        min_length = 1,
        max_length = 300,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub reason: String,
}

/// A change of the fee as recorded.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct FeeChangeView {
    /// The change.
    pub id: Uuid,
    /// The first day it applies.
    pub valid_from: NaiveDate,
    /// The fee rate, a fraction.
    pub rate: String,
    /// The guarantee fund's share of the fee, a fraction.
    pub guarantee_fund_share: String,
    /// Why.
    pub reason: String,
    /// Who recorded it.
    pub changed_by: String,
    /// When it was recorded (UTC).
    pub changed_at: chrono::DateTime<chrono::Utc>,
    /// True when a later change of the same day replaced it before it came into force.
    pub superseded: bool,
}

/// The fee today and its schedule (`GET /settings/fee`).
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct FeeSettingsView {
    /// The node's today, in its legal time zone.
    pub today: NaiveDate,
    /// The fee rate in force today, a fraction.
    pub rate: String,
    /// The guarantee fund's share in force today, a fraction.
    pub guarantee_fund_share: String,
    /// The change in force today; none while the configuration's `[fee]` holds.
    pub in_force: Option<FeeChangeView>,
    /// The configuration's fee rate (`fee.rate`), in force before the first change.
    pub configured_rate: String,
    /// The configuration's fund share (`fee.guarantee_fund_share`).
    pub configured_guarantee_fund_share: String,
    /// The latest changes (at most 100), the latest day first: those to come, the one in
    /// force, those before.
    pub changes: Vec<FeeChangeView>,
}

/// The fee in force on `day`.
pub async fn policy_on<C: sea_orm::ConnectionTrait>(c: &C, node: &Node, day: NaiveDate) -> Result<FeePolicy, AppError> {
    match fee_changes::in_force(c, day).await? {
        Some(row) => policy_of(&row),
        None => Ok(node.settings.fee),
    }
}

fn policy_of(row: &FeeChangeRow) -> Result<FeePolicy, AppError> {
    let rate = |text: &str| {
        text.parse::<Decimal>().map(Rate).map_err(|_| AppError::Corrupt(format!("fee change {}: rate {text}", row.id)))
    };
    Ok(FeePolicy { rate: rate(&row.rate)?, fund_share: rate(&row.fund_share)? })
}

/// The first and the last day a change recorded on `today` may take effect from: the day
/// after tomorrow, and 24 months ahead.
pub fn window(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = today.checked_add_days(Days::new(2)).unwrap_or(today);
    (first, today.checked_add_months(Months::new(HORIZON_MONTHS)).unwrap_or(first))
}

/// A fraction of the request as the schema writes it (`0`, or `0.` and 1 to 6 digits): at
/// least 0 and below 1, as the configuration's, and nothing a decimal parser would also
/// take (`1e-3`, ` 0.5`, `-0`).
fn fraction(field: &str, text: &str) -> Result<Decimal, AppError> {
    let expected = "a fraction at least 0 and below 1, written 0.d with at most 6 decimals (0.065 for 6.5 %)";
    let digits = match text.strip_prefix("0") {
        Some("") => "",
        Some(rest) => rest
            .strip_prefix('.')
            .filter(|d| (1..=6).contains(&d.len()))
            .ok_or_else(|| AppError::invalid(field, expected))?,
        None => return Err(AppError::invalid(field, expected)),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::invalid(field, expected));
    }
    text.parse::<Decimal>().map(|d| d.normalize()).map_err(|_| AppError::invalid(field, expected))
}

/// Records a change of the fee from `valid_from`, with who (`by`) and why, and writes it to
/// the audit log with the fee it replaces on that day.
pub async fn record<C: sea_orm::ConnectionTrait>(
    c: &C,
    node: &Node,
    request: &FeeChangeRequest,
    by: &str,
) -> Result<FeeChangeView, AppError> {
    let rate = fraction("rate", &request.rate)?;
    let fund_share = fraction("guarantee_fund_share", &request.guarantee_fund_share)?;
    let reason = request.reason.trim();
    if reason.is_empty() || reason.chars().count() > REASON_MAX || reason.chars().any(char::is_control) {
        return Err(AppError::invalid("reason", "why the fee changes, 1 to 300 characters on one line"));
    }
    let today = node.today();
    let (first, last) = window(today);
    if request.valid_from <= today || request.valid_from < first || request.valid_from > last {
        return Err(AppError::DateOutOfRange {
            field: "valid_from".into(),
            date: request.valid_from,
            expected: format!(
                "from {first} (the day after tomorrow) to {last} ({HORIZON_MONTHS} months ahead): invoices already issued keep their fee"
            ),
        });
    }
    let before = policy_on(c, node, request.valid_from).await?;
    let row = FeeChangeRow {
        id: Uuid::now_v7(),
        valid_from: request.valid_from,
        rate: rate.to_string(),
        fund_share: fund_share.to_string(),
        reason: reason.to_owned(),
        changed_by: by.to_owned(),
        changed_at: node.instant(),
    };
    fee_changes::insert(c, &row).await?;
    let field = |name: &str, old: Option<String>, new: &str| FieldChange {
        field: name.to_owned(),
        old,
        new: Some(new.to_owned()),
    };
    let changes = [
        field("valid_from", None, &row.valid_from.to_string()),
        field("rate", Some(before.rate.value().normalize().to_string()), &row.rate),
        field("guarantee_fund_share", Some(before.fund_share.value().normalize().to_string()), &row.fund_share),
        field("reason", None, &row.reason),
    ];
    history::record(c, Subject::Fee, row.id, by, node.now(), &changes).await?;
    Ok(view(row, false))
}

fn view(row: FeeChangeRow, superseded: bool) -> FeeChangeView {
    FeeChangeView {
        id: row.id,
        valid_from: row.valid_from,
        rate: row.rate,
        guarantee_fund_share: row.fund_share,
        reason: row.reason,
        changed_by: row.changed_by,
        changed_at: row.changed_at,
        superseded,
    }
}

/// The fee today, the configuration's, and the latest changes.
pub async fn settings<C: sea_orm::ConnectionTrait>(c: &C, node: &Node) -> Result<FeeSettingsView, AppError> {
    let today = node.today();
    let in_force = fee_changes::in_force(c, today).await?;
    let now = match &in_force {
        Some(row) => policy_of(row)?,
        None => node.settings.fee,
    };
    let rows = fee_changes::latest(c, SHOWN).await?;
    // Newest first: a row is superseded when the row before it in this order has its day.
    let mut changes = Vec::with_capacity(rows.len());
    let mut previous_day = None;
    for row in rows {
        let superseded = previous_day == Some(row.valid_from);
        previous_day = Some(row.valid_from);
        changes.push(view(row, superseded));
    }
    let configured = node.settings.fee;
    Ok(FeeSettingsView {
        today,
        rate: now.rate.value().normalize().to_string(),
        guarantee_fund_share: now.fund_share.value().normalize().to_string(),
        in_force: in_force.map(|row| view(row, false)),
        configured_rate: configured.rate.value().normalize().to_string(),
        configured_guarantee_fund_share: configured.fund_share.value().normalize().to_string(),
        changes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_are_held_to_the_configurations_rule_and_six_decimals() {
        assert_eq!(fraction("rate", "0.0700").unwrap().to_string(), "0.07");
        assert_eq!(fraction("rate", "0").unwrap(), Decimal::ZERO);
        assert_eq!(fraction("rate", "0.123456").unwrap().to_string(), "0.123456");
        let refused =
            ["1", "1.5", "-0.01", "0.1234567", "seven", "", "1e-3", " 0.5", "0.", ".5", "00.5", "0.5x", "0,5"];
        for refused in refused.into_iter().chain(["9".repeat(40).as_str()]) {
            let err = fraction("rate", refused).unwrap_err();
            assert!(matches!(err, AppError::Invalid { ref field, .. } if field == "rate"), "{refused}: {err:?}");
        }
    }
}
