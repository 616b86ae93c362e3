//! `[limits]`: the ceilings on what one request may carry.

use super::raw::RawLimits;
use super::values::{decimal, positive_eur};
use super::ConfigError;
use partage_core::Money;
use rust_decimal::Decimal;

/// The largest amounts and quantities the node accepts: beyond them an input is a
/// typing error or an attack (a line of 10^16 EUR once credited the fund with
/// 1.6 x 10^14), never real work of a member.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest net amount of one invoice line (quantity x unit price).
    pub line_amount: Money,
    /// Largest total of one invoice, VAT included.
    pub invoice_amount: Money,
    /// Largest quantity on one invoice line.
    pub quantity: Decimal,
    /// Largest unit price on one invoice line.
    pub unit_price: Money,
    /// Largest single amount elsewhere: an expense, an order form, a payment, shares.
    pub amount: Money,
}

impl Limits {
    /// Checks that every ceiling is positive.
    pub(super) fn validate(raw: &RawLimits) -> Result<Self, ConfigError> {
        let quantity = decimal("limits.quantity", &raw.quantity)?;
        if quantity <= Decimal::ZERO {
            return Err(ConfigError::Key { key: "limits.quantity", message: "must be positive".into() });
        }
        Ok(Limits {
            line_amount: positive_eur("limits.line_amount", &raw.line_amount)?,
            invoice_amount: positive_eur("limits.invoice_amount", &raw.invoice_amount)?,
            quantity,
            unit_price: positive_eur("limits.unit_price", &raw.unit_price)?,
            amount: positive_eur("limits.amount", &raw.amount)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Settings;
    use chrono::NaiveDate;

    #[test]
    fn limits_founding_and_a_fixed_instant_are_settings_naming_their_keys() {
        let s = Settings::load_with(None, &[]).unwrap();
        assert_eq!(s.limits.line_amount.to_string(), "1000000.00 EUR");
        assert_eq!(s.limits.invoice_amount.to_minor().unwrap(), 1_000_000_000);
        assert_eq!(s.founded, NaiveDate::from_ymd_opt(2000, 1, 1).unwrap());
        assert!(s.now.is_none());
        let s = Settings::load_with(None, &[("node.now", "2026-03-02T18:49:00Z".into())]).unwrap();
        assert_eq!(s.now.unwrap().to_rfc3339(), "2026-03-02T18:49:00+00:00");
        for (key, value) in [
            ("limits.line_amount", "0"),
            ("limits.quantity", "-1"),
            ("limits.amount", "lots"),
            ("node.founded", "1850-01-01"),
            ("node.now", "19:49"),
        ] {
            let err = Settings::load_with(None, &[(key, value.into())]).unwrap_err();
            assert!(err.to_string().starts_with(&format!("configuration key {key}:")), "{err}");
        }
    }
}
