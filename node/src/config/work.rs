//! What members' work needs beyond their pack: the payroll's employer-cost coefficient
//! and chunk size (`[payroll]`), the margin before the 25 % line of work abroad
//! (`[mobility]`) and how long a rejected expense's receipt is kept (`[expenses]`).

use super::raw::{RawExpenses, RawMobility, RawPayroll};
use super::values::{decimal, fraction};
use super::ConfigError;
use partage_core::Rate;
use rust_decimal::Decimal;

/// The payroll, mobility and expenses settings, checked.
pub(super) struct Work {
    /// `payroll.employer_cost_coefficient`.
    pub(super) employer_cost_coefficient: Decimal,
    /// `payroll.run_chunk`.
    pub(super) payroll_run_chunk: u32,
    /// `mobility.near_line_margin`.
    pub(super) near_line_margin: Rate,
    /// `expenses.rejected_receipt_retention_days`.
    pub(super) rejected_receipt_retention_days: u32,
}

/// Checks the payroll, mobility and expenses sections.
pub(super) fn work(payroll: &RawPayroll, mobility: &RawMobility, expenses: &RawExpenses) -> Result<Work, ConfigError> {
    let coefficient = decimal("payroll.employer_cost_coefficient", &payroll.employer_cost_coefficient)?;
    if coefficient < Decimal::ONE || coefficient > Decimal::from(3) {
        return Err(ConfigError::Key {
            key: "payroll.employer_cost_coefficient",
            message: format!("{coefficient} must be between 1 and 3 (employer cost over gross)"),
        });
    }
    if !(1..=10_000).contains(&payroll.run_chunk) {
        return Err(ConfigError::Key { key: "payroll.run_chunk", message: "from 1 to 10,000 contracts".into() });
    }
    let near_line_margin = fraction("mobility.near_line_margin", &mobility.near_line_margin)?;
    if !(30..=3650).contains(&expenses.rejected_receipt_retention_days) {
        return Err(ConfigError::Key {
            key: "expenses.rejected_receipt_retention_days",
            message: "from 30 to 3,650 days".into(),
        });
    }
    if near_line_margin.0 > Decimal::new(25, 2) {
        return Err(ConfigError::Key {
            key: "mobility.near_line_margin",
            message: format!("{} must be at most 0.25 (25 points either side of the 25 % line)", near_line_margin.0),
        });
    }
    Ok(Work {
        employer_cost_coefficient: coefficient,
        payroll_run_chunk: payroll.run_chunk,
        near_line_margin,
        rejected_receipt_retention_days: expenses.rejected_receipt_retention_days,
    })
}

#[cfg(test)]
mod tests {
    use crate::config::Settings;

    #[test]
    fn rejected_receipts_are_kept_a_year_unless_set_within_30_days_and_ten_years() {
        assert_eq!(Settings::load_with(None, &[]).unwrap().rejected_receipt_retention_days, 365);
        let s = Settings::load_with(None, &[("expenses.rejected_receipt_retention_days", "90".into())]).unwrap();
        assert_eq!(s.rejected_receipt_retention_days, 90);
        for value in ["29", "3651", "-1", "a year"] {
            let err =
                Settings::load_with(None, &[("expenses.rejected_receipt_retention_days", value.into())]).unwrap_err();
            assert!(err.to_string().contains("expenses.rejected_receipt_retention_days"), "{value}: {err}");
        }
    }
}
