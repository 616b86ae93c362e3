//! The employer-cost coefficient's schedule: an admin changes the coefficient (employer cost
//! = gross × coefficient, for packs whose cost is the node's coefficient: Belgium's) from a
//! later day, by page or API, under the rules every schedule shares (`schedule`).
//!
//! A contract's gross is computed from its budget when it is made, at the coefficient in
//! force on the node's day it is made; the contract stores that coefficient
//! (`contracts.employer_cost_coefficient`, m0033) and payroll pays it at that coefficient,
//! whatever changes later, so its payslip's employer cost is the budget it was given (a
//! stabilised contract's months and true-up too: their gross is found from their budget at
//! pay time, at the contract's coefficient). A contract made before the schedule existed
//! stores none: it is paid at the configuration's `payroll.employer_cost_coefficient`, as it
//! always was. Simulations and platform batches use the coefficient in force on the day they
//! run. Until the first change, and for days before it, the coefficient is the
//! configuration's.

use super::history::Subject;
use super::schedule::{self, Change, Value};
use super::Node;
use crate::error::AppError;
use crate::storage::schedules::{ChangeRow, COEFFICIENT};
use chrono::NaiveDate;
use partage_core::money::Rate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// The largest coefficient a change may set.
const MAX: Decimal = Decimal::from_parts(3, 0, 0, false, 0);

/// A change an admin asks for (`POST /settings/coefficient/changes`).
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CoefficientChangeRequest {
    /// The first day contracts are made at the new coefficient: from the day after tomorrow,
    /// within 24 months.
    pub valid_from: NaiveDate,
    /// Employer cost = gross × this coefficient: at least 1, at most 3, at most 4 decimals
    /// (`1.45`).
    #[schema(value_type = String, example = "1.48", pattern = r"^([12](\.[0-9]{1,4})?|3(\.0{1,4})?)$")]
    pub coefficient: String,
    /// Why (the general assembly's decision, say), 1 to 300 characters on one line.
    #[schema(
        min_length = 1,
        max_length = 300,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub reason: String,
}

/// A change of the coefficient as recorded.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct CoefficientChangeView {
    /// The change.
    pub id: Uuid,
    /// The first day it applies.
    pub valid_from: NaiveDate,
    /// The coefficient.
    pub coefficient: String,
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

/// The coefficient today and its schedule (`GET /settings/coefficient/changes`).
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct CoefficientSettingsView {
    /// The node's today, in its legal time zone.
    pub today: NaiveDate,
    /// The coefficient in force today: the one a contract made today is computed and paid at.
    pub coefficient: String,
    /// The change in force today; none while the configuration's holds.
    pub in_force: Option<CoefficientChangeView>,
    /// The configuration's coefficient (`payroll.employer_cost_coefficient`), in force
    /// before the first change, and the one contracts made before the schedule are paid at.
    pub configured_coefficient: String,
    /// The latest changes (at most 100), the latest day first: those to come, the one in
    /// force, those before.
    pub changes: Vec<CoefficientChangeView>,
}

/// The coefficient in force on `day`: the one a contract made on that day is made and paid at.
pub async fn coefficient_on<C: sea_orm::ConnectionTrait>(c: &C, node: &Node, day: NaiveDate) -> Result<Rate, AppError> {
    in_force_or_configured(node, COEFFICIENT.in_force(c, day).await?.as_ref())
}

/// The coefficient of the change in force, or the configuration's while none is.
fn in_force_or_configured(node: &Node, in_force: Option<&ChangeRow>) -> Result<Rate, AppError> {
    match in_force {
        Some(row) => parse_stored(row.value(0)?, || format!("coefficient change {}", row.id)),
        None => Ok(Rate(node.settings.employer_cost_coefficient)),
    }
}

/// A coefficient the node wrote (`stored`), read back; `whose` names the row when it is corrupt.
fn parse_stored(text: &str, whose: impl FnOnce() -> String) -> Result<Rate, AppError> {
    text.parse::<Decimal>().map(Rate).map_err(|_| AppError::Corrupt(format!("{}: coefficient {text}", whose())))
}

/// A contract's stored coefficient (`contracts.employer_cost_coefficient`) as payroll's
/// `Employee` takes it; none (a contract made before m0033): the configuration's.
pub fn of_contract(k: &crate::storage::entities::contract::Model) -> Result<Option<Rate>, AppError> {
    k.employer_cost_coefficient.as_deref().map(|text| parse_stored(text, || format!("contract {}", k.id))).transpose()
}

/// How a contract stores `coefficient`.
pub fn stored(coefficient: Rate) -> String {
    coefficient.value().normalize().to_string()
}

/// The coefficient of the request as the schema writes it: 1 to 3, at most 4 decimals.
fn coefficient(text: &str) -> Result<Decimal, AppError> {
    let expected = "a coefficient from 1 to 3, written d.dddd with at most 4 decimals (1.45)";
    let c = schedule::strict_decimal("coefficient", text, b"123", 4, expected)?;
    if c > MAX {
        return Err(AppError::invalid("coefficient", expected));
    }
    Ok(c)
}

/// Records a change of the coefficient from `valid_from`, with who (`by`) and why, and writes
/// it to the audit log with the coefficient it replaces on that day.
pub async fn record<C: sea_orm::ConnectionTrait>(
    c: &C,
    node: &Node,
    request: &CoefficientChangeRequest,
    by: &str,
) -> Result<CoefficientChangeView, AppError> {
    let new = coefficient(&request.coefficient)?;
    let change = Change {
        valid_from: request.valid_from,
        reason: &request.reason,
        what: "the employer-cost coefficient",
        keeps: "contracts already made keep their coefficient",
    };
    let reason = change.checked(node.today())?;
    let before = coefficient_on(c, node, request.valid_from).await?;
    let values = vec![Value { field: "coefficient", before: stored(before), new: new.to_string() }];
    let row =
        schedule::record(c, node, (COEFFICIENT, Subject::Coefficient), request.valid_from, reason, values, by).await?;
    view(row, false)
}

fn view(row: ChangeRow, superseded: bool) -> Result<CoefficientChangeView, AppError> {
    let coefficient = row.value(0)?.to_owned();
    Ok(CoefficientChangeView {
        id: row.id,
        valid_from: row.valid_from,
        coefficient,
        reason: row.reason,
        changed_by: row.changed_by,
        changed_at: row.changed_at,
        superseded,
    })
}

/// The coefficient today, the configuration's, and the latest changes.
pub async fn settings<C: sea_orm::ConnectionTrait>(c: &C, node: &Node) -> Result<CoefficientSettingsView, AppError> {
    let today = node.today();
    let in_force = COEFFICIENT.in_force(c, today).await?;
    let now = in_force_or_configured(node, in_force.as_ref())?;
    let changes = schedule::latest(c, COEFFICIENT)
        .await?
        .into_iter()
        .map(|(row, superseded)| view(row, superseded))
        .collect::<Result<_, _>>()?;
    Ok(CoefficientSettingsView {
        today,
        coefficient: stored(now),
        in_force: in_force.map(|row| view(row, false)).transpose()?,
        configured_coefficient: stored(Rate(node.settings.employer_cost_coefficient)),
        changes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_coefficient_is_from_1_to_3_with_at_most_4_decimals() {
        assert_eq!(coefficient("1.4500").unwrap().to_string(), "1.45");
        assert_eq!(coefficient("1").unwrap(), Decimal::ONE);
        assert_eq!(coefficient("3").unwrap().to_string(), "3");
        assert_eq!(coefficient("3.0000").unwrap().to_string(), "3");
        assert_eq!(coefficient("2.1234").unwrap().to_string(), "2.1234");
        let refused = ["0.99", "3.0001", "3.5", "4", "1.12345", "-1.5", "1e0", " 1.5", "1.", ".5", "01.5", "1,5", ""];
        for refused in refused {
            let err = coefficient(refused).unwrap_err();
            assert!(matches!(err, AppError::Invalid { ref field, .. } if field == "coefficient"), "{refused}: {err:?}");
        }
    }
}
