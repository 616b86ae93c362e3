//! Bank account identifiers: the IBAN (ISO 13616) and the BIC (ISO 9362).
//!
//! Both are parsed once, at the edge, so that a payment file can only ever be built from
//! identifiers that passed their checks. Only IBANs of the countries in the SEPA scheme
//! are accepted: Partage pays wages by SEPA credit transfer, and an IBAN from elsewhere
//! could not be paid that way anyway.

use std::fmt;
use std::str::FromStr;

/// Why a text is not a valid IBAN.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IbanError {
    /// Nothing left once spaces are removed.
    #[error("the IBAN is empty")]
    Empty,
    /// A character other than a letter A-Z or a digit.
    #[error("the IBAN contains '{0}': only letters A-Z and digits are allowed")]
    InvalidCharacter(char),
    /// The first two characters are not letters.
    #[error("an IBAN starts with a two-letter country code, not '{0}'")]
    InvalidCountryCode(String),
    /// Characters 3 and 4 are not two digits from 02 to 98.
    #[error("the IBAN check digits must be two digits from 02 to 98, not '{0}'")]
    InvalidCheckDigits(String),
    /// The country is not in the SEPA scheme (or has no IBAN).
    #[error("country '{0}' is not a SEPA country with an IBAN format Partage knows")]
    UnsupportedCountry(String),
    /// The length is not the one the IBAN registry gives for the country.
    #[error("a {country} IBAN has {expected} characters, this one has {actual}")]
    WrongLength {
        /// The country code.
        country: String,
        /// The length the IBAN registry gives for that country.
        expected: usize,
        /// The length found, spaces removed.
        actual: usize,
    },
    /// The ISO 7064 MOD 97-10 check fails: usually a mistyped character.
    #[error(
        "the IBAN check digits do not match the account number (ISO 7064 MOD 97-10): a character is probably mistyped"
    )]
    ChecksumMismatch,
}

/// A checked International Bank Account Number, kept in electronic format (no spaces, upper case).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iban(String);

/// IBAN length per country of the SEPA scheme, from the SWIFT IBAN Registry. The list follows the
/// EPC's "List of countries and territories of the SEPA schemes" (EU and EEA, then Andorra, Albania,
/// Gibraltar, Moldova, Monaco, Montenegro, North Macedonia, San Marino, Serbia, Switzerland, the
/// United Kingdom and Vatican City). Territories such as the French overseas departments, the
/// Azores or the Channel Islands use the IBAN of their parent country, so they need no row.
const SEPA_IBAN_LENGTHS: [(&str, usize); 42] = [
    ("AD", 24),
    ("AL", 28),
    ("AT", 20),
    ("BE", 16),
    ("BG", 22),
    ("CH", 21),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("EE", 20),
    ("ES", 24),
    ("FI", 18),
    ("FR", 27),
    ("GB", 22),
    ("GI", 23),
    ("GR", 27),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IS", 26),
    ("IT", 27),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MT", 31),
    ("NL", 18),
    ("NO", 15),
    ("PL", 28),
    ("PT", 25),
    ("RO", 24),
    ("RS", 22),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("VA", 22),
];

impl Iban {
    /// Parses an IBAN typed in print or electronic format: spaces are dropped, letters upper-cased.
    pub fn parse(text: &str) -> Result<Self, IbanError> {
        let iban: String = text.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect();
        if iban.is_empty() {
            return Err(IbanError::Empty);
        }
        if let Some(bad) = iban.chars().find(|c| !c.is_ascii_alphanumeric()) {
            return Err(IbanError::InvalidCharacter(bad));
        }
        let country = iban.get(..2).unwrap_or(&iban);
        if country.len() < 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(IbanError::InvalidCountryCode(country.to_owned()));
        }
        let check_digits = iban.get(2..4).unwrap_or_else(|| iban.get(2..).unwrap_or_default());
        // ISO 13616 computes check digits as 98 - (n mod 97), so only 02..=98 can occur; 00, 01
        // and 99 would pass the modulo test as aliases of 97, 98 and 02 and must be refused here.
        let in_range = check_digits.parse::<u8>().is_ok_and(|d| (2..=98).contains(&d));
        if check_digits.len() != 2 || !check_digits.chars().all(|c| c.is_ascii_digit()) || !in_range {
            return Err(IbanError::InvalidCheckDigits(check_digits.to_owned()));
        }
        let expected = SEPA_IBAN_LENGTHS
            .iter()
            .find(|(code, _)| *code == country)
            .map(|(_, length)| *length)
            .ok_or_else(|| IbanError::UnsupportedCountry(country.to_owned()))?;
        if iban.len() != expected {
            return Err(IbanError::WrongLength { country: country.to_owned(), expected, actual: iban.len() });
        }
        if mod97(&iban) != 1 {
            return Err(IbanError::ChecksumMismatch);
        }
        Ok(Self(iban))
    }

    /// The electronic format (`BE71096123456769`), as payment files carry it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ISO 3166 country code the IBAN starts with.
    pub fn country_code(&self) -> &str {
        self.0.get(..2).unwrap_or_default()
    }
}

/// ISO 7064 MOD 97-10 over the IBAN moved to "BBAN + country + check digits", letters read as 10..35.
/// The remainder is folded digit by digit, so no big integer is needed.
fn mod97(iban: &str) -> u32 {
    let (head, bban) = iban.split_at_checked(4).unwrap_or((iban, ""));
    bban.chars().chain(head.chars()).fold(0, |remainder, c| match c.to_digit(36) {
        Some(value) if value < 10 => (remainder * 10 + value) % 97,
        Some(value) => (remainder * 100 + value) % 97,
        None => remainder,
    })
}

impl fmt::Display for Iban {
    /// The print format: groups of four characters separated by a space.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                f.write_str(" ")?;
            }
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

impl FromStr for Iban {
    type Err = IbanError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// Why a text is not a valid BIC.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BicError {
    /// A BIC has 8 characters, or 11 with a branch code.
    #[error("a BIC has 8 or 11 characters, this one has {0}")]
    WrongLength(usize),
    /// Characters 1-4 (the party prefix) must be letters or digits.
    #[error("the BIC party prefix (characters 1-4) must be letters or digits, not '{0}'")]
    InvalidPartyPrefix(String),
    /// Characters 5-6 must be an ISO 3166 country code (two letters).
    #[error("the BIC country code (characters 5-6) must be two letters, not '{0}'")]
    InvalidCountryCode(String),
    /// Characters 7-8 (the party suffix) must be letters or digits.
    #[error("the BIC party suffix (characters 7-8) must be letters or digits, not '{0}'")]
    InvalidPartySuffix(String),
    /// Characters 9-11 (the branch code) must be letters or digits.
    #[error("the BIC branch code (characters 9-11) must be letters or digits, not '{0}'")]
    InvalidBranchCode(String),
}

/// A Business Identifier Code (ISO 9362), upper case, 8 or 11 characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bic(String);

impl Bic {
    /// Parses a BIC; spaces are dropped and letters upper-cased.
    ///
    /// Follows the ISO 9362:2014 structure that the pain.001.001.09 schema checks
    /// (`[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?`): since 2014 the first four characters
    /// may hold digits, so a letters-only rule would refuse valid codes.
    pub fn parse(text: &str) -> Result<Self, BicError> {
        let bic: String = text.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect();
        let length = bic.chars().count();
        if length != 8 && length != 11 {
            return Err(BicError::WrongLength(length));
        }
        let alphanumeric = |part: &str| part.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        let part = |range: std::ops::Range<usize>| bic.get(range).unwrap_or_default();
        if !alphanumeric(part(0..4)) {
            return Err(BicError::InvalidPartyPrefix(bic.chars().take(4).collect()));
        }
        if !part(4..6).chars().all(|c| c.is_ascii_uppercase()) || part(4..6).len() != 2 {
            return Err(BicError::InvalidCountryCode(bic.chars().skip(4).take(2).collect()));
        }
        if !alphanumeric(part(6..8)) || part(6..8).len() != 2 {
            return Err(BicError::InvalidPartySuffix(bic.chars().skip(6).take(2).collect()));
        }
        if length == 11 && (!alphanumeric(part(8..11)) || part(8..11).len() != 3) {
            return Err(BicError::InvalidBranchCode(bic.chars().skip(8).collect()));
        }
        Ok(Self(bic))
    }

    /// The code as payment files carry it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ISO 3166 country code (characters 5-6).
    pub fn country_code(&self) -> &str {
        self.0.get(4..6).unwrap_or_default()
    }

    /// The branch code (characters 9-11), absent from 8-character BICs.
    pub fn branch_code(&self) -> Option<&str> {
        self.0.get(8..11)
    }
}

impl fmt::Display for Bic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Bic {
    type Err = BicError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "IBAN electronic format example" of each country in the SWIFT IBAN Registry
    /// (https://www.swift.com/standards/data-standards/iban), the examples the ECBS
    /// first published in EBS204.
    const REGISTRY_EXAMPLES: [&str; 16] = [
        "BE71096123456769",
        "DE89370400440532013000",
        "FR1420041010050500013M02606",
        "NL91ABNA0417164300",
        "GB29NWBK60161331926819",
        "AT611904300234573201",
        "ES9121000418450200051332",
        "IT60X0542811101000000123456",
        "LU280019400644750000",
        "NO9386011117947",
        "MT84MALT011000012345MTLCAST001S",
        "CH9300762011623852957",
        "PT50000201231234567890154",
        "FI2112345600000785",
        "IE29AIBK93115212345678",
        "SE4550000000058398257466",
    ];

    #[test]
    fn every_registry_example_is_accepted() {
        for example in REGISTRY_EXAMPLES {
            let iban = Iban::parse(example).unwrap_or_else(|e| panic!("{example}: {e}"));
            assert_eq!(iban.as_str(), example);
        }
    }

    #[test]
    fn print_format_groups_by_four_and_parses_back() {
        let iban = Iban::parse("FR1420041010050500013M02606").unwrap();
        assert_eq!(iban.to_string(), "FR14 2004 1010 0505 0001 3M02 606");
        assert_eq!(Iban::parse(&iban.to_string()).unwrap(), iban);
        assert_eq!(Iban::parse("BE71096123456769").unwrap().to_string(), "BE71 0961 2345 6769");
    }

    #[test]
    fn spaces_and_lower_case_are_normalised() {
        let iban: Iban = " de89 3704 0044 0532 0130 00 ".parse().unwrap();
        assert_eq!(iban.as_str(), "DE89370400440532013000");
        assert_eq!(iban.country_code(), "DE");
    }

    #[test]
    fn one_mistyped_digit_fails_the_checksum() {
        assert_eq!(Iban::parse("BE71 0961 2345 6768"), Err(IbanError::ChecksumMismatch));
        // Two swapped digits, the other common typo.
        assert_eq!(Iban::parse("BE71 0961 2345 6796"), Err(IbanError::ChecksumMismatch));
    }

    #[test]
    fn check_digits_01_are_refused_although_they_pass_mod_97() {
        // BE98 0961 2340 0023 is valid; 01 is its mod-97 alias, never issued (ISO 13616).
        assert!(Iban::parse("BE98096123400023").is_ok());
        assert_eq!(Iban::parse("BE01096123400023"), Err(IbanError::InvalidCheckDigits("01".into())));
    }

    #[test]
    fn length_is_checked_per_country() {
        assert_eq!(
            Iban::parse("BE71 0961 2345 67690"),
            Err(IbanError::WrongLength { country: "BE".into(), expected: 16, actual: 17 })
        );
        assert_eq!(
            Iban::parse("DE89 3704 0044 0532 0130"),
            Err(IbanError::WrongLength { country: "DE".into(), expected: 22, actual: 20 })
        );
    }

    #[test]
    fn malformed_ibans_say_what_is_wrong() {
        assert_eq!(Iban::parse("   "), Err(IbanError::Empty));
        assert_eq!(Iban::parse("BE71-0961-2345-6769"), Err(IbanError::InvalidCharacter('-')));
        assert_eq!(Iban::parse("1271096123456769"), Err(IbanError::InvalidCountryCode("12".into())));
        assert_eq!(Iban::parse("BEX1096123456769"), Err(IbanError::InvalidCheckDigits("X1".into())));
        assert_eq!(Iban::parse("B"), Err(IbanError::InvalidCountryCode("B".into())));
        // Brazil has IBANs but is outside SEPA.
        assert_eq!(Iban::parse("BR1800360305000010009795493C1"), Err(IbanError::UnsupportedCountry("BR".into())));
    }

    #[test]
    fn the_length_table_has_one_row_per_country() {
        for (i, (code, _)) in SEPA_IBAN_LENGTHS.iter().enumerate() {
            assert_eq!(SEPA_IBAN_LENGTHS.iter().filter(|(c, _)| c == code).count(), 1, "{code}");
            if let Some((next, _)) = SEPA_IBAN_LENGTHS.get(i + 1) {
                assert!(code < next, "keep the table sorted: {code} before {next}");
            }
        }
    }

    #[test]
    fn eight_and_eleven_character_bics_are_accepted() {
        let bic = Bic::parse("GEBABEBB").unwrap();
        assert_eq!((bic.as_str(), bic.country_code(), bic.branch_code()), ("GEBABEBB", "BE", None));
        let bic = Bic::parse("deut de ff 500").unwrap();
        assert_eq!((bic.as_str(), bic.country_code(), bic.branch_code()), ("DEUTDEFF500", "DE", Some("500")));
        // ISO 9362:2014 allows digits in the party prefix.
        assert!(Bic::parse("1234BEBB").is_ok());
    }

    #[test]
    fn malformed_bics_say_what_is_wrong() {
        assert_eq!(Bic::parse("GEBABEB"), Err(BicError::WrongLength(7)));
        assert_eq!(Bic::parse("GEBABEBBXX"), Err(BicError::WrongLength(10)));
        assert_eq!(Bic::parse("GEBA12BB"), Err(BicError::InvalidCountryCode("12".into())));
        assert_eq!(Bic::parse("GEB-BEBB"), Err(BicError::InvalidPartyPrefix("GEB-".into())));
        assert_eq!(Bic::parse("GEBABE-B"), Err(BicError::InvalidPartySuffix("-B".into())));
        assert_eq!(Bic::parse("GEBABEBB-01"), Err(BicError::InvalidBranchCode("-01".into())));
        assert_eq!(Bic::parse("GEBABÉBB"), Err(BicError::InvalidCountryCode("BÉ".into())));
    }
}
