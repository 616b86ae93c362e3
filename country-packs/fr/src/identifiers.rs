//! French identifiers: SIREN and SIRET (the INSEE's Sirene register), the French VAT number,
//! and the NIR (numéro d'inscription au répertoire, the social security number).
//!
//! - SIREN: nine digits whose Luhn sum is a multiple of 10; SIRET: the SIREN and a five-digit
//!   NIC (establishment number), fourteen digits, Luhn again. La Poste's establishments are
//!   the known exception: their SIRET (SIREN 356 000 000) has a digit sum that is a multiple
//!   of 5 instead (INSEE, "Les identifiants SIREN et SIRET", and the Sirene API documentation).
//! - VAT: `FR` + a two-digit key + the SIREN, the key being (12 + 3 × (SIREN mod 97)) mod 97
//!   (CGI, annexe IV, art. 242 nonies; DGFiP BOI-TVA-DECLA-20-30-20-20).
//! - NIR: thirteen characters (sex, year and month of birth, department, commune, order
//!   number) and a two-digit key 97 − (NIR mod 97); Corsica's departments 2A and 2B count as
//!   19 and 18 for the key (décret n° 82-103 du 22 janvier 1982; Ameli, "Le numéro de sécurité sociale").
//!
//! Electronic addresses (EAS, ISO 6523 ICD): 0009 is a SIRET, 0002 a SIREN.

/// EAS (ISO 6523 ICD) code of a SIRET.
pub const EAS_SIRET: &str = "0009";
/// EAS (ISO 6523 ICD) code of a SIREN.
pub const EAS_SIREN: &str = "0002";
/// La Poste's SIREN, whose SIRETs follow the digit-sum rule instead of Luhn.
const LA_POSTE_SIREN: &str = "356000000";

/// Why an identifier is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdentifierError {
    /// Not the number of digits the identifier has.
    #[error("'{value}' is not {digits} digits")]
    Length {
        /// The value as given.
        value: String,
        /// How many digits it must have.
        digits: usize,
    },
    /// The check digit or key does not match.
    #[error("'{value}' fails its check ({rule})")]
    Check {
        /// The value as given.
        value: String,
        /// The rule applied.
        rule: &'static str,
    },
    /// The NIR does not match the birth date given.
    #[error(
        "'{value}' does not match the birth date {birth_date} (its digits 2 to 5 are the year and month of birth)"
    )]
    BirthDate {
        /// The value as given.
        value: String,
        /// The birth date.
        birth_date: chrono::NaiveDate,
    },
}

fn digits_of(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_whitespace() && *c != '.' && *c != '-').collect()
}

fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let double = d * 2;
                if double > 9 {
                    double - 9
                } else {
                    double
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn all_digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// The nine digits of a SIREN written any usual way (`732 829 320`), if its Luhn check holds.
pub fn siren(raw: &str) -> Result<String, IdentifierError> {
    let d = digits_of(raw);
    if !all_digits(&d, 9) {
        return Err(IdentifierError::Length { value: raw.to_owned(), digits: 9 });
    }
    if !luhn(&d) {
        return Err(IdentifierError::Check { value: raw.to_owned(), rule: "Luhn" });
    }
    Ok(d)
}

/// The fourteen digits of a SIRET (`732 829 320 00074`), if its check holds: Luhn, or for La
/// Poste's establishments a digit sum that is a multiple of 5.
pub fn siret(raw: &str) -> Result<String, IdentifierError> {
    let d = digits_of(raw);
    if !all_digits(&d, 14) {
        return Err(IdentifierError::Length { value: raw.to_owned(), digits: 14 });
    }
    let la_poste = d.starts_with(LA_POSTE_SIREN);
    // La Poste's head office (356 000 000 00048) passes Luhn; its other establishments pass
    // the digit-sum rule (python-stdnum's `fr.siret` accepts either for that SIREN too).
    let ok = luhn(&d) || (la_poste && d.bytes().map(|b| u32::from(b - b'0')).sum::<u32>() % 5 == 0);
    if !ok {
        let rule = if la_poste { "La Poste: digit sum a multiple of 5" } else { "Luhn" };
        return Err(IdentifierError::Check { value: raw.to_owned(), rule });
    }
    Ok(d)
}

/// The key of the French VAT number of `siren`: (12 + 3 × (SIREN mod 97)) mod 97.
pub fn vat_key(siren: &str) -> Option<u64> {
    let n: u64 = siren.parse().ok()?;
    Some((12 + 3 * (n % 97)) % 97)
}

/// `FR` + key + SIREN: the French VAT number of a SIREN.
pub fn vat_number(siren_raw: &str) -> Result<String, IdentifierError> {
    let s = siren(siren_raw)?;
    let key = vat_key(&s).ok_or(IdentifierError::Length { value: siren_raw.to_owned(), digits: 9 })?;
    Ok(format!("FR{key:02}{s}"))
}

/// The SIREN inside a French VAT number (`FR40303265045`, `FR 40 303 265 045`), if the number
/// is French, numeric and its key matches.
pub fn siren_of_vat(raw: &str) -> Result<String, IdentifierError> {
    let d = digits_of(raw).to_uppercase();
    let body = d.strip_prefix("FR").ok_or(IdentifierError::Check { value: raw.to_owned(), rule: "FR prefix" })?;
    if !all_digits(body, 11) {
        return Err(IdentifierError::Length { value: raw.to_owned(), digits: 11 });
    }
    let (key, s) = body.split_at(2);
    let s = siren(s).map_err(|_| IdentifierError::Check { value: raw.to_owned(), rule: "SIREN Luhn" })?;
    if vat_key(&s).map(|k| format!("{k:02}")).as_deref() != Some(key) {
        return Err(IdentifierError::Check { value: raw.to_owned(), rule: "key (12 + 3 × (SIREN mod 97)) mod 97" });
    }
    Ok(s)
}

/// The NIR's thirteen characters as a number, Corsica's 2A and 2B counting as 19 and 18.
fn nir_number(body: &str) -> Option<u64> {
    let dept = body.get(5..7)?;
    let replaced = match dept {
        "2A" => format!("{}19{}", body.get(..5)?, body.get(7..)?),
        "2B" => format!("{}18{}", body.get(..5)?, body.get(7..)?),
        _ => body.to_owned(),
    };
    if !all_digits(&replaced, 13) {
        return None;
    }
    replaced.parse().ok()
}

/// The key of a NIR's thirteen characters: 97 − (NIR mod 97).
pub fn nir_key(body: &str) -> Option<u64> {
    nir_number(&body.to_uppercase()).map(|n| 97 - n % 97)
}

/// The NIR (fifteen characters, key included) normalised, if its key holds and, given a birth
/// date, its year and month of birth match (a month outside 01-12 means an unknown month).
pub fn nir(raw: &str, birth_date: Option<chrono::NaiveDate>) -> Result<String, IdentifierError> {
    use chrono::Datelike;
    let d = digits_of(raw).to_uppercase();
    if d.len() != 15 || !d.is_ascii() {
        return Err(IdentifierError::Length { value: raw.to_owned(), digits: 15 });
    }
    let (body, key) = d.split_at(13);
    let expected = nir_key(body).ok_or(IdentifierError::Length { value: raw.to_owned(), digits: 15 })?;
    if !all_digits(key, 2) || key.parse::<u64>().ok() != Some(expected) {
        return Err(IdentifierError::Check { value: raw.to_owned(), rule: "key 97 − (NIR mod 97)" });
    }
    if !matches!(body.get(0..1), Some("1" | "2" | "3" | "4" | "7" | "8")) {
        return Err(IdentifierError::Check { value: raw.to_owned(), rule: "first digit: 1 or 2 (sex), 3, 4, 7 or 8" });
    }
    if let Some(born) = birth_date {
        let yy: Option<u32> = body.get(1..3).and_then(|s| s.parse().ok());
        let mm: Option<u32> = body.get(3..5).and_then(|s| s.parse().ok());
        let year_ok = yy == Some(born.year().rem_euclid(100).unsigned_abs());
        let month_ok = match mm {
            Some(m @ 1..=12) => m == born.month(),
            _ => true,
        };
        if !year_ok || !month_ok {
            return Err(IdentifierError::BirthDate { value: raw.to_owned(), birth_date: born });
        }
    }
    Ok(d)
}

/// The space between an identifier's groups: no-break (U+00A0), so that a line never ends
/// inside a SIREN or a NIR on a page or a printed document.
const GROUP: char = '\u{a0}';

/// `732 829 320` (groups joined by no-break spaces) from nine digits, spaces allowed between
/// them; anything else as given, trimmed.
pub fn format_siren(raw: &str) -> String {
    let d: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    match (d.get(0..3), d.get(3..6), d.get(6..9)) {
        (Some(a), Some(b), Some(c)) if d.len() == 9 && d.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{a}{GROUP}{b}{GROUP}{c}")
        }
        _ => raw.trim().to_owned(),
    }
}

/// `732 829 320 00074`.
pub fn format_siret(d: &str) -> String {
    match (d.get(0..9), d.get(9..14)) {
        (Some(s), Some(nic)) if d.len() == 14 => format!("{}{GROUP}{nic}", format_siren(s)),
        _ => d.to_owned(),
    }
}

/// `FR 40 303265045`: a French VAT number the way the DGFiP prints it; any other as given.
pub fn format_vat(raw: &str) -> String {
    match siren_of_vat(raw) {
        Ok(s) => format!("FR{GROUP}{}{GROUP}{s}", digits_of(raw).get(2..4).unwrap_or_default()),
        Err(_) => raw.to_owned(),
    }
}

/// `1 85 05 78 006 084 36`: the NIR the way the carte Vitale prints it.
pub fn format_nir(d: &str) -> String {
    let parts = [(0, 1), (1, 3), (3, 5), (5, 7), (7, 10), (10, 13), (13, 15)];
    let pieces: Option<Vec<&str>> = parts.iter().map(|&(a, b)| d.get(a..b)).collect();
    match pieces {
        Some(p) if d.len() == 15 => p.join(&GROUP.to_string()),
        _ => d.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// Known public registrations: Michelin's SIREN 855 200 887, INSEE's own head office SIRET
    /// 120 027 016 00019 (annuaire-entreprises.data.gouv.fr), Total's VAT FR40 303 265 045.
    #[test]
    fn real_siren_siret_and_vat_numbers_pass_and_one_wrong_digit_fails() {
        assert_eq!(siren("855 200 887").unwrap(), "855200887");
        assert!(siren("855200888").is_err());
        assert_eq!(siret("120 027 016 00019").unwrap(), "12002701600019");
        assert!(siret("12002701600018").is_err());
        assert_eq!(siren_of_vat("FR40303265045").unwrap(), "303265045");
        assert_eq!(vat_number("303265045").unwrap(), "FR40303265045");
        assert!(siren_of_vat("FR41303265045").is_err());
        assert!(siren_of_vat("BE0896755397").is_err());
    }

    /// La Poste's establishments: a digit sum that is a multiple of 5 (INSEE); its head office
    /// 356 000 000 00048 passes Luhn.
    #[test]
    fn la_poste_sirets_follow_the_digit_sum_rule_not_luhn() {
        // 3+5+6+1+2+3 = 20: a multiple of 5, though Luhn fails.
        assert!(!luhn("35600000000123"));
        assert_eq!(siret("35600000000123").unwrap(), "35600000000123");
        assert!(siret("35600000000124").is_err());
        assert!(siret("35600000000048").is_ok());
        // The exception is La Poste's alone.
        // Digit sum 25, Luhn fails: refused outside La Poste.
        assert!(siret("12002701600024").is_err());
    }

    /// The Ameli example NIR 2 69 05 49 588 157 80 and a Corsican one (2A counts as 19).
    #[test]
    fn nir_keys_hold_corsica_included_and_the_birth_date_must_match() {
        let body = "2690549588157";
        assert_eq!(nir_key(body), Some(80));
        assert_eq!(nir("2 69 05 49 588 157 80", NaiveDate::from_ymd_opt(1969, 5, 12)).unwrap(), "269054958815780");
        assert!(nir("269054958815781", None).is_err());
        assert!(matches!(
            nir("269054958815780", NaiveDate::from_ymd_opt(1970, 5, 12)),
            Err(IdentifierError::BirthDate { .. })
        ));
        let corsica = "185032A004012".to_owned();
        let key = nir_key(&corsica).unwrap();
        let n = 1_850_319_004_012_u64;
        assert_eq!(key, 97 - n % 97);
        assert!(nir(&format!("{corsica}{key:02}"), None).is_ok());
        assert_eq!(format_nir("269054958815780"), "2\u{a0}69\u{a0}05\u{a0}49\u{a0}588\u{a0}157\u{a0}80");
    }

    #[test]
    fn identifiers_print_with_their_usual_spaces() {
        assert_eq!(format_siren("855200887"), "855\u{a0}200\u{a0}887");
        assert_eq!(format_siren("855 200 887"), "855\u{a0}200\u{a0}887", "spaces as typed");
        assert_eq!(format_siren(" 12 "), "12", "not a SIREN: as given");
        assert_eq!(format_siren("85520088x"), "85520088x");
        assert_eq!(format_siret("12002701600019"), "120\u{a0}027\u{a0}016\u{a0}00019");
        assert_eq!(format_vat("FR40303265045"), "FR\u{a0}40\u{a0}303265045");
        assert_eq!(format_vat("BE0896755397"), "BE0896755397");
    }
}
