//! Party identifiers: the Belgian enterprise number and Peppol electronic addresses.
//!
//! The enterprise number (numéro d'entreprise / ondernemingsnummer, BCE/KBO) has ten
//! digits, the last two being 97 minus the first eight modulo 97: the check the Peppol
//! rules apply to scheme 0208 (`u:mod97-0208` in PEPPOL-EN16931-UBL.xslt, Peppol BIS
//! Billing 3.0.21). A Belgian VAT number is `BE` followed by the enterprise number.
//!
//! Electronic addresses (BT-34, BT-49) are qualified by an EAS code. Since
//! 1 January 2026 every Belgian company must be reachable on Peppol under 0208, its
//! enterprise number; 9925 (Belgian VAT number) is optional
//! (https://github.com/odoo/documentation/pull/15580). For buyers in other member
//! states the pack derives the VAT-number scheme of the Peppol EAS code list
//! (docs.peppol.eu/poacc/billing/3.0/codelist/eas/, November 2025 release, as
//! reproduced in ThomasMoreAI/legal-skills-open:eu/tax/skills/einvoicing-eu-clemensjl/references/identifiers.md;
//! each code is also in the `eaid` list of the bundled Peppol 3.0.21 Schematron).

use partage_core::invoice::Party;

/// EAS code of the Belgian enterprise number.
pub const EAS_BE_ENTERPRISE: &str = "0208";

/// EAS codes of VAT numbers, by VAT prefix; the value is the whole VAT number.
/// A small table on purpose: a country missing here gets a clear error, never a guess.
const VAT_EAS: [(&str, &str); 8] = [
    ("AT", "9914"), // Österreichische Umsatzsteuer-Identifikationsnummer
    ("DE", "9930"), // Germany VAT number
    ("ES", "9920"), // Agencia Española de Administración Tributaria
    ("FR", "9957"), // French VAT number
    ("IE", "9935"), // Ireland VAT number
    ("LU", "9938"), // Luxembourg VAT number
    ("NL", "9944"), // Netherlands VAT number
    ("PT", "9946"), // Portugal VAT number
];

/// The ten digits of a Belgian enterprise number written any usual way
/// (`0896.755.397`, `BE0896755397`, `896755397`), if its check digits are right.
pub fn belgian_enterprise_number(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let body = trimmed.strip_prefix("BE").or_else(|| trimmed.strip_prefix("be")).unwrap_or(trimmed);
    if !body.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ' ') {
        return None;
    }
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    // Numbers issued before 2005 had nine digits: a leading 0 completes them.
    let digits = if digits.len() == 9 { format!("0{digits}") } else { digits };
    if digits.len() != 10 {
        return None;
    }
    let first8: u64 = digits.chars().take(8).filter_map(|c| c.to_digit(10)).fold(0, |a, d| a * 10 + u64::from(d));
    let check: u64 = digits.chars().skip(8).filter_map(|c| c.to_digit(10)).fold(0, |a, d| a * 10 + u64::from(d));
    (97 - first8 % 97 == check).then_some(digits)
}

/// `0896.755.397`: the enterprise number as Belgian documents print it.
pub fn format_enterprise_number(digits: &str) -> String {
    let part = |from: usize, len: usize| digits.chars().skip(from).take(len).collect::<String>();
    format!("{}.{}.{}", part(0, 4), part(4, 3), part(7, 3))
}

/// `BE 0896.755.397`: a Belgian VAT number as Belgian documents print it; any other VAT
/// number (another country's, or one failing its check digits) as given.
pub fn format_vat_number(raw: &str) -> String {
    let belgian = raw.trim_start().get(0..2).is_some_and(|p| p.eq_ignore_ascii_case("BE"));
    match belgian_enterprise_number(raw) {
        Some(n) if belgian => format!("BE {}", format_enterprise_number(&n)),
        _ => raw.to_owned(),
    }
}

/// Why no electronic address can be given to a party.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoEndpoint(pub String);

/// The party's electronic address (EAS scheme, identifier): the one it gave, else one
/// derived from its Belgian enterprise number or its VAT number.
pub fn endpoint(party: &Party) -> Result<(String, String), NoEndpoint> {
    if let Some((scheme, id)) = &party.endpoint {
        if !scheme.trim().is_empty() && !id.trim().is_empty() {
            return Ok((scheme.trim().to_owned(), id.trim().to_owned()));
        }
    }
    if party.country.as_str() == "BE" {
        let from_company = party.company_id.as_deref().and_then(belgian_enterprise_number);
        let from_vat = party.vat_number.as_deref().and_then(belgian_enterprise_number);
        if let Some(number) = from_company.or(from_vat) {
            return Ok((EAS_BE_ENTERPRISE.to_owned(), number));
        }
    }
    if let Some(vat) = party.vat_number.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        let prefix: String = vat.chars().take(2).collect::<String>().to_ascii_uppercase();
        if prefix == "BE" {
            return belgian_enterprise_number(vat)
                .map(|n| (EAS_BE_ENTERPRISE.to_owned(), n))
                .ok_or_else(|| NoEndpoint(format!("{}: '{vat}' is not a valid Belgian VAT number", party.name)));
        }
        if let Some((_, eas)) = VAT_EAS.iter().find(|(p, _)| *p == prefix) {
            let compact: String = vat.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
            return Ok(((*eas).to_owned(), compact.to_ascii_uppercase()));
        }
    }
    Err(NoEndpoint(format!(
        "{} has no Peppol electronic address (EAS scheme and identifier) and none can be derived \
         from its enterprise or VAT number: ask the client for its Peppol identifier",
        party.name
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use partage_core::client::CountryCode;

    fn party(country: &str, vat: Option<&str>, company: Option<&str>) -> Party {
        Party {
            name: "P".into(),
            vat_number: vat.map(str::to_owned),
            company_id: company.map(str::to_owned),
            endpoint: None,
            street: "s".into(),
            postal_code: "1".into(),
            city: "c".into(),
            country: CountryCode::parse(country).unwrap(),
            email: None,
        }
    }

    #[test]
    fn enterprise_numbers_are_checked_modulo_97() {
        assert_eq!(belgian_enterprise_number("0896.755.397").as_deref(), Some("0896755397"));
        assert_eq!(belgian_enterprise_number("BE0403170701").as_deref(), Some("0403170701"));
        assert_eq!(belgian_enterprise_number("403170701").as_deref(), Some("0403170701"));
        assert_eq!(belgian_enterprise_number("0896755398"), None);
        assert_eq!(belgian_enterprise_number("FR0896755397"), None);
        assert_eq!(format_enterprise_number("0896755397"), "0896.755.397");
        assert_eq!(format_vat_number("BE0896755397"), "BE 0896.755.397");
        assert_eq!(format_vat_number("0896755397"), "0896755397");
        assert_eq!(format_vat_number("BE0896755398"), "BE0896755398");
    }

    #[test]
    fn a_belgian_vat_number_gives_scheme_0208() {
        let p = party("BE", Some("BE0896755397"), None);
        assert_eq!(endpoint(&p), Ok(("0208".into(), "0896755397".into())));
    }

    #[test]
    fn a_french_vat_number_gives_scheme_9957() {
        let p = party("FR", Some("FR40303265045"), None);
        assert_eq!(endpoint(&p), Ok(("9957".into(), "FR40303265045".into())));
    }

    #[test]
    fn a_given_endpoint_wins() {
        let mut p = party("BE", Some("BE0896755397"), None);
        p.endpoint = Some(("0088".into(), "5400000000003".into()));
        assert_eq!(endpoint(&p), Ok(("0088".into(), "5400000000003".into())));
    }

    #[test]
    fn without_a_known_scheme_the_error_names_the_party() {
        let p = party("IT", Some("IT01234567890"), None);
        let err = endpoint(&p).unwrap_err();
        assert!(err.0.contains("P has no Peppol electronic address"), "{}", err.0);
        assert!(endpoint(&party("BE", Some("BE0896755398"), None)).is_err());
    }
}
