//! The lines of a stored payslip, as the payroll run writes them and as reports (the
//! periodic return, a member's account) read them back: its own module so that the run
//! and the reports share it without importing each other.

use super::money;
use crate::error::AppError;
use crate::storage::entities::payslip;
use partage_core::Money;
use serde::{Deserialize, Serialize};

/// One stored payslip line: amounts in minor units, the source by its number.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(super) struct StoredLine {
    pub(super) code: String,
    pub(super) side: String,
    pub(super) base: i64,
    pub(super) rate: Option<String>,
    pub(super) amount: i64,
    pub(super) source: i64,
}

/// A stored payslip line read back for reports (the quarterly return, a member's account).
#[derive(Clone, Debug)]
pub struct SlipLine {
    /// The stable code of the line's `LineKind` (`employee_social`, `withholding_tax`...).
    pub code: String,
    /// `employee`, `employer` or `info`.
    pub side: String,
    /// What the rate applied to.
    pub base: Money,
    /// The amount (negative for a reduction).
    pub amount: Money,
}

/// The lines of a stored payslip, amounts in its currency.
pub fn lines_of(s: &payslip::Model) -> Result<Vec<SlipLine>, AppError> {
    let lines: Vec<StoredLine> =
        serde_json::from_str(&s.lines).map_err(|e| AppError::Corrupt(format!("payslip {} lines: {e}", s.id)))?;
    lines
        .into_iter()
        .map(|l| {
            Ok(SlipLine {
                base: money(l.base, &s.currency)?,
                amount: money(l.amount, &s.currency)?,
                code: l.code,
                side: l.side,
            })
        })
        .collect()
}
