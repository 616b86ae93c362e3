//! Clients that activities invoice.

use std::fmt;

/// An ISO 3166-1 alpha-2 country code, upper case (`BE`, `FR`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

/// Member states of the European Union (for VAT: intra-Community supplies).
/// Greece is `GR` here; its VAT prefix is `EL`.
pub const EU_MEMBER_STATES: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
    "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

impl CountryCode {
    /// Parses two ASCII letters, in any case.
    pub fn parse(s: &str) -> Result<CountryCode, ClientError> {
        match s.as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
                Ok(CountryCode([a.to_ascii_uppercase(), b.to_ascii_uppercase()]))
            }
            _ => Err(ClientError::BadCountry(s.into())),
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// Whether the country is an EU member state.
    pub fn is_eu(&self) -> bool {
        EU_MEMBER_STATES.contains(&self.as_str())
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether the client buys as a business (with a VAT number) or as a consumer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientKind {
    /// A business or public body.
    Business,
    /// A private person.
    Consumer,
}

impl ClientKind {
    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            ClientKind::Business => "business",
            ClientKind::Consumer => "consumer",
        }
    }

    /// Parses `business` or `consumer`.
    pub fn parse(s: &str) -> Result<ClientKind, ClientError> {
        match s {
            "business" => Ok(ClientKind::Business),
            "consumer" => Ok(ClientKind::Consumer),
            other => Err(ClientError::BadKind(other.into())),
        }
    }
}

/// A client as invoicing needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    /// Legal or personal name.
    pub name: String,
    /// Business or consumer.
    pub kind: ClientKind,
    /// Country of establishment.
    pub country: CountryCode,
    /// VAT number with its country prefix (`BE0123456789`), if any.
    pub vat_number: Option<String>,
    /// Street and number.
    pub street: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
    /// Email for invoices.
    pub email: Option<String>,
}

impl Client {
    /// Checks the fields that invoicing relies on.
    pub fn validate(&self) -> Result<(), ClientError> {
        if self.name.trim().is_empty() {
            return Err(ClientError::MissingName);
        }
        if let Some(vat) = &self.vat_number {
            let vat = vat.trim();
            let well_formed = vat.len() >= 4
                && vat.len() <= 16
                && vat.chars().take(2).all(|c| c.is_ascii_uppercase())
                && vat.chars().skip(2).all(|c| c.is_ascii_alphanumeric());
            if !well_formed {
                return Err(ClientError::BadVatNumber(vat.into()));
            }
        }
        if self.kind == ClientKind::Business && self.country.is_eu() && self.vat_number.is_none() {
            return Err(ClientError::MissingVatNumber);
        }
        Ok(())
    }
}

/// Why client data is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// Not an ISO 3166-1 alpha-2 code.
    #[error("'{0}' is not a two-letter ISO 3166 country code")]
    BadCountry(String),
    /// Not business or consumer.
    #[error("unknown client kind '{0}' (expected business or consumer)")]
    BadKind(String),
    /// Empty name.
    #[error("a client needs a name")]
    MissingName,
    /// Malformed VAT number.
    #[error("'{0}' is not a VAT number (country prefix then letters and digits, e.g. BE0123456789)")]
    BadVatNumber(String),
    /// An EU business without a VAT number.
    #[error("a business client in the EU needs its VAT number")]
    MissingVatNumber,
}
