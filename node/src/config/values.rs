//! How a text value becomes a number: the parsers every section shares, so a bad
//! decimal, fraction or amount is said the same way whatever its key.

use super::ConfigError;
use partage_core::{Currency, Money, Rate};
use rust_decimal::Decimal;

/// A decimal number written exactly (`0.065`, not `6.5e-2`).
pub(super) fn decimal(key: &'static str, value: &str) -> Result<Decimal, ConfigError> {
    Decimal::from_str_exact(value.trim())
        .map_err(|_| ConfigError::Key { key, message: format!("'{value}' is not a decimal number") })
}

/// A fraction of at least 0 and below 1.
pub(super) fn fraction(key: &'static str, value: &str) -> Result<Rate, ConfigError> {
    let d = decimal(key, value)?;
    if d < Decimal::ZERO || d >= Decimal::ONE {
        return Err(ConfigError::Key {
            key,
            message: format!("{d} must be a fraction between 0 and 1 (0.065 for 6.5 %)"),
        });
    }
    Ok(Rate(d))
}

/// A positive amount in euros.
pub(super) fn positive_eur(key: &'static str, value: &str) -> Result<Money, ConfigError> {
    let m = Money::new(decimal(key, value)?, Currency::EUR)
        .map_err(|e| ConfigError::Key { key, message: e.to_string() })?;
    if !m.is_positive() {
        return Err(ConfigError::Key { key, message: "must be positive".into() });
    }
    Ok(m)
}
