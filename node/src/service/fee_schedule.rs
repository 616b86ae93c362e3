//! The fee's schedule: an admin changes the fee rate and the guarantee fund's share of it
//! from a later day, by page or API, each change kept with who recorded it, when and why,
//! and written to the audit log (the rules every schedule shares are `schedule`'s).
//!
//! A change is in force from its `valid_from`, never earlier than two days after it is
//! recorded: an invoice takes the fee in force on its date when it is issued, so a change
//! that reached back would leave invoices of one day with two fees, and one recorded for
//! tomorrow a second before midnight could still be committing while the new day's first
//! invoices read the schedule. Issued invoices keep
//! the fee they were issued with (their stored `fee_minor`), whatever changes later. Until
//! the first change, and for days before it, the fee is the configuration's `[fee]`. The
//! employer-cost coefficient has its own schedule (`coefficient_schedule`): a contract keeps
//! the coefficient of the day it was made, which payroll pays it at.

use super::history::Subject;
use super::schedule::{self, Change, Value};
use super::Node;
use crate::error::AppError;
use crate::storage::schedules::{ChangeRow, FEE};
use chrono::NaiveDate;
use partage_core::fee::FeePolicy;
use partage_core::money::Rate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

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
    #[schema(pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
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
    match FEE.in_force(c, day).await? {
        Some(row) => policy_of(&row),
        None => Ok(node.settings.fee),
    }
}

fn policy_of(row: &ChangeRow) -> Result<FeePolicy, AppError> {
    let rate = |i: usize| {
        let text = row.value(i)?;
        text.parse::<Decimal>().map(Rate).map_err(|_| AppError::Corrupt(format!("fee change {}: rate {text}", row.id)))
    };
    Ok(FeePolicy { rate: rate(0)?, fund_share: rate(1)? })
}

/// A fraction of the request as the schema writes it (`0`, or `0.` and 1 to 6 digits): at
/// least 0 and below 1, as the configuration's.
fn fraction(field: &str, text: &str) -> Result<Decimal, AppError> {
    let expected = "a fraction at least 0 and below 1, written 0.d with at most 6 decimals (0.065 for 6.5 %)";
    schedule::strict_decimal(field, text, b"0", 6, expected)
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
    let change = Change {
        valid_from: request.valid_from,
        reason: &request.reason,
        what: "the fee",
        keeps: "invoices already issued keep their fee",
    };
    let reason = change.checked(node.today())?;
    let before = policy_on(c, node, request.valid_from).await?;
    let values = vec![
        Value { field: "rate", before: before.rate.value().normalize().to_string(), new: rate.to_string() },
        Value {
            field: "guarantee_fund_share",
            before: before.fund_share.value().normalize().to_string(),
            new: fund_share.to_string(),
        },
    ];
    let row = schedule::record(c, node, (FEE, Subject::Fee), request.valid_from, reason, values, by).await?;
    view(row, false)
}

fn view(row: ChangeRow, superseded: bool) -> Result<FeeChangeView, AppError> {
    let (rate, guarantee_fund_share) = (row.value(0)?.to_owned(), row.value(1)?.to_owned());
    Ok(FeeChangeView {
        id: row.id,
        valid_from: row.valid_from,
        rate,
        guarantee_fund_share,
        reason: row.reason,
        changed_by: row.changed_by,
        changed_at: row.changed_at,
        superseded,
    })
}

/// The fee today, the configuration's, and the latest changes.
pub async fn settings<C: sea_orm::ConnectionTrait>(c: &C, node: &Node) -> Result<FeeSettingsView, AppError> {
    let today = node.today();
    let in_force = FEE.in_force(c, today).await?;
    let now = match &in_force {
        Some(row) => policy_of(row)?,
        None => node.settings.fee,
    };
    let changes = schedule::latest(c, FEE)
        .await?
        .into_iter()
        .map(|(row, superseded)| view(row, superseded))
        .collect::<Result<_, _>>()?;
    let configured = node.settings.fee;
    Ok(FeeSettingsView {
        today,
        rate: now.rate.value().normalize().to_string(),
        guarantee_fund_share: now.fund_share.value().normalize().to_string(),
        in_force: in_force.map(|row| view(row, false)).transpose()?,
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
