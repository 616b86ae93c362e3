//! Clients that activities invoice.

use crate::ids::ClientId;
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
    /// Parses an assigned ISO 3166-1 alpha-2 code (or Kosovo's `XK`, see
    /// [`crate::iso3166`]), in any case. Greece is `GR`: `EL` is its VAT prefix only.
    pub fn parse(s: &str) -> Result<CountryCode, ClientError> {
        let code = Self::from_letters(s)?;
        if crate::iso3166::is_assigned(code.as_str()) {
            Ok(code)
        } else {
            Err(ClientError::BadCountry(s.into()))
        }
    }

    /// Reads any two ASCII letters, in any case, assigned or not: for codes stored before
    /// [`CountryCode::parse`] held them to ISO's list, which must stay readable. What a
    /// person or a peer gives goes through `parse`.
    pub fn from_letters(s: &str) -> Result<CountryCode, ClientError> {
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

/// A registered client: its id, the client and where its e-invoices are delivered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisteredClient {
    /// The client's id.
    pub id: ClientId,
    /// The client as invoicing needs it.
    pub client: Client,
    /// Electronic address: (EAS scheme, identifier), e.g. ("0009", "12345678900012").
    pub endpoint: Option<(String, String)>,
}

impl Client {
    /// Checks the fields that invoicing relies on.
    pub fn validate(&self) -> Result<(), ClientError> {
        if self.name.trim().is_empty() {
            return Err(ClientError::MissingName);
        }
        if let Some(vat) = &self.vat_number {
            check_vat_number(vat.trim())?;
        }
        if self.kind == ClientKind::Business && self.country.is_eu() && self.vat_number.is_none() {
            return Err(ClientError::MissingVatNumber);
        }
        Ok(())
    }
}

/// The shape of each EU member state's VAT number after its prefix, as the European
/// Commission's VIES describes them (`9` a digit, `A` a letter, `X` a letter or a
/// digit, anything else itself). Greece's prefix is `EL`.
/// Source: https://ec.europa.eu/taxation_customs/vies/ (FAQ "VAT number format").
const EU_VAT_SHAPES: [(&str, &[&str]); 27] = [
    ("AT", &["U99999999"]),
    ("BE", &["9999999999"]),
    ("BG", &["999999999", "9999999999"]),
    ("CY", &["99999999A"]),
    ("CZ", &["99999999", "999999999", "9999999999"]),
    ("DE", &["999999999"]),
    ("DK", &["99999999"]),
    ("EE", &["999999999"]),
    ("EL", &["999999999"]),
    ("ES", &["X9999999X"]),
    ("FI", &["99999999"]),
    ("FR", &["XX999999999"]),
    ("HR", &["99999999999"]),
    ("HU", &["99999999"]),
    ("IE", &["9999999A", "9999999AA", "9X99999A"]),
    ("IT", &["99999999999"]),
    ("LT", &["999999999", "999999999999"]),
    ("LU", &["99999999"]),
    ("LV", &["99999999999"]),
    ("MT", &["99999999"]),
    ("NL", &["999999999B99"]),
    ("PL", &["9999999999"]),
    ("PT", &["999999999"]),
    ("RO", &["99", "999", "9999", "99999", "999999", "9999999", "99999999", "999999999", "9999999999"]),
    ("SE", &["999999999999"]),
    ("SI", &["99999999"]),
    ("SK", &["9999999999"]),
];

fn has_shape(s: &str, shape: &str) -> bool {
    s.len() == shape.len()
        && s.chars().zip(shape.chars()).all(|(c, p)| match p {
            '9' => c.is_ascii_digit(),
            'A' => c.is_ascii_uppercase(),
            'X' => c.is_ascii_uppercase() || c.is_ascii_digit(),
            literal => c == literal,
        })
}

/// Whether ten digits are a Belgian enterprise number: it starts with 0 or 1 and its
/// last two digits are 97 minus the first eight modulo 97 (the Crossroads Bank for
/// Enterprises' check; the VAT number is `BE` and the same ten digits).
pub fn is_belgian_enterprise_number(digits: &str) -> bool {
    let Ok(n) = digits.parse::<u64>() else { return false };
    digits.len() == 10
        && digits.chars().all(|c| c.is_ascii_digit())
        && (digits.starts_with('0') || digits.starts_with('1'))
        && 97 - (n / 100) % 97 == n % 100
}

/// Checks a VAT number written with its prefix and no spaces: an EU member state's
/// number must have that state's shape (and a Belgian one its check digits); another
/// prefix gets the general shape (two letters, then 2 to 14 letters or digits).
pub fn check_vat_number(vat: &str) -> Result<(), ClientError> {
    let general = vat.len() >= 4
        && vat.len() <= 16
        && vat.chars().take(2).all(|c| c.is_ascii_uppercase())
        && vat.chars().skip(2).all(|c| c.is_ascii_alphanumeric());
    if !general {
        return Err(ClientError::BadVatNumber(vat.into()));
    }
    let (prefix, rest) = vat.split_at(2);
    if let Some((_, shapes)) = EU_VAT_SHAPES.iter().find(|(p, _)| *p == prefix) {
        if !shapes.iter().any(|shape| has_shape(rest, shape)) {
            return Err(ClientError::BadVatShape { number: vat.into(), expected: shapes.join(" or ") });
        }
        if prefix == "BE" && !is_belgian_enterprise_number(rest) {
            return Err(ClientError::VatCheckDigits(vat.into()));
        }
    }
    Ok(())
}

/// Why client data is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// Not an assigned ISO 3166-1 alpha-2 code.
    #[error("'{0}' is not an ISO 3166-1 alpha-2 country code")]
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
    /// An EU member state's VAT number without that state's shape.
    #[error("'{number}' does not have the shape of its country's VAT numbers: after the prefix, {expected} (9 a digit, A a letter, X either)")]
    BadVatShape {
        /// The number as given.
        number: String,
        /// The shapes the country uses.
        expected: String,
    },
    /// A Belgian VAT number whose check digits are wrong (a typo).
    #[error("'{0}' fails the Belgian check: its last two digits must be 97 minus the first eight modulo 97")]
    VatCheckDigits(String),
    /// An EU business without a VAT number.
    #[error("a business client in the EU needs its VAT number")]
    MissingVatNumber,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greece_is_gr_as_a_country_and_el_only_as_a_vat_prefix() {
        assert_eq!(CountryCode::parse("gr").map(|c| c.to_string()), Ok("GR".into()));
        assert!(CountryCode::parse("GR").unwrap().is_eu());
        assert_eq!(CountryCode::parse("EL"), Err(ClientError::BadCountry("EL".into())));
        assert_eq!(check_vat_number("EL094259216"), Ok(()), "VAT numbers keep their own prefixes");
        // Stored codes read back whatever ISO assigns.
        assert_eq!(CountryCode::from_letters("zz").map(|c| c.to_string()), Ok("ZZ".into()));
        assert!(CountryCode::from_letters("Z1").is_err());
        assert_eq!(CountryCode::parse("xk").map(|c| c.to_string()), Ok("XK".into()), "Kosovo, as the EU writes it");
    }

    #[test]
    fn belgian_vat_numbers_are_checked_modulo_97() {
        assert_eq!(check_vat_number("BE0403170701"), Ok(()));
        assert_eq!(check_vat_number("BE0000000097"), Ok(()));
        assert_eq!(check_vat_number("BE0403170702"), Err(ClientError::VatCheckDigits("BE0403170702".into())));
        assert!(matches!(check_vat_number("BE040317070"), Err(ClientError::BadVatShape { .. })));
        assert!(matches!(check_vat_number("BE2403170701"), Err(ClientError::VatCheckDigits(_))));
    }

    #[test]
    fn other_eu_vat_numbers_get_their_countrys_shape() {
        for good in ["FR40303265045", "DE129273398", "NL859048127B01", "ATU13585627", "EL094259216", "IE6388047V"] {
            assert_eq!(check_vat_number(good), Ok(()), "{good}");
        }
        for bad in ["FR4030326504", "DE12927339", "NL859048127001", "AT13585627", "ESX12345678Z9"] {
            assert!(matches!(check_vat_number(bad), Err(ClientError::BadVatShape { .. })), "{bad}");
        }
        assert_eq!(check_vat_number("CHE123456789"), Ok(()), "outside the EU: the general shape only");
        assert_eq!(check_vat_number("B1"), Err(ClientError::BadVatNumber("B1".into())));
    }
}
