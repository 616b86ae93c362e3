//! `[entity]`: the cooperative as its invoices name it.

use super::raw::RawEntity;
use super::ConfigError;
use partage_core::client::CountryCode;

/// The cooperative as it appears on its invoices.
#[derive(Clone, Debug)]
pub struct LegalEntity {
    /// Legal name.
    pub name: String,
    /// Legal form (`SC`, société coopérative), printed on invoices (CSA art. 2:20).
    pub legal_form: String,
    /// Enterprise court of the seat, printed after RPM/RPR (CSA art. 2:20).
    pub court: String,
    /// VAT number (`BE0` + enterprise number).
    pub vat_number: String,
    /// Street and number.
    pub street: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
    /// Account clients pay to.
    pub iban: String,
    /// Its BIC.
    pub bic: Option<String>,
    /// Contact email.
    pub email: String,
}

impl LegalEntity {
    /// Checks the name, that the VAT number is of the node's `country`, and the IBAN's shape.
    pub(super) fn validate(e: RawEntity, country: CountryCode) -> Result<Self, ConfigError> {
        if e.name.trim().is_empty() {
            return Err(ConfigError::Key { key: "entity.name", message: "must not be empty".into() });
        }
        if !e.vat_number.starts_with(country.as_str()) {
            return Err(ConfigError::Key {
                key: "entity.vat_number",
                message: format!("'{}' must start with the node's country {country}", e.vat_number),
            });
        }
        if e.iban.len() < 15 || !e.iban.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(ConfigError::Key { key: "entity.iban", message: format!("'{}' is not an IBAN", e.iban) });
        }
        Ok(LegalEntity {
            name: e.name,
            legal_form: e.legal_form,
            court: e.court,
            vat_number: e.vat_number,
            street: e.street,
            postal_code: e.postal_code,
            city: e.city,
            iban: e.iban,
            bic: e.bic.filter(|b| !b.is_empty()),
            email: e.email,
        })
    }
}
