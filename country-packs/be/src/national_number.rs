//! The Belgian national number (rijksregisternummer / numéro de registre national,
//! INSZ/NISS; DIMONA zone 00024): 11 digits, YYMMDD (birth date; month +20 or +40
//! for a bis number), 3 digits of serial, and 2 check digits.
//!
//! The check, National Register instructions T.I. 000 (as reproduced at
//! http://doczz.fr/doc/3464899/num%C3%A9ro-d-identification): "on divise le nombre de neuf
//! chiffres constitué par juxtaposition de la date de naissance et du numéro d'ordre par
//! 97 ; le reste de la division est soustrait de 97." For people born in 2000 or later,
//! "moet men een 2 voor het getal van negen cijfers zetten alvorens te delen door 97"
//! (https://www.viw-costablanca.com/experten/administratief/over-het-hoe-wat-en-waarom-van-het-rijksregisternummer/;
//! likewise nl.wikipedia.org/wiki/Rijksregisternummer). Bis numbers follow the same check.
//! The example usually published is 85.07.30-033.28.

use chrono::{Datelike, NaiveDate};

/// Why a national number is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NationalNumberError {
    /// Not 11 digits once dots, dashes and spaces are removed.
    #[error("'{0}' is not 11 digits")]
    Length(String),
    /// The birth date the number encodes is not the one given.
    #[error("'{number}' is the number of a person born on {encoded} (YYMMDD), not on {given}")]
    BirthDate {
        /// The number as given.
        number: String,
        /// The birth date it encodes, as `YY-MM-DD`.
        encoded: String,
        /// The birth date given.
        given: NaiveDate,
    },
    /// The check digits do not match.
    #[error("'{number}' has wrong check digits: {rule} gives {expected:02}")]
    Check {
        /// The number as given.
        number: String,
        /// The rule applied.
        rule: &'static str,
        /// The check digits it gives.
        expected: u64,
    },
}

/// The number as 11 digits, if its check digits are right: by the rule of the
/// person's birth century when the birth date is known, by either otherwise.
pub fn checked(text: &str, birth_date: Option<NaiveDate>) -> Result<String, NationalNumberError> {
    let digits: String = text.chars().filter(|c| !matches!(c, '.' | '-' | ' ')).collect();
    if digits.len() != 11 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(NationalNumberError::Length(text.to_owned()));
    }
    let (body, check) = digits.split_at(9);
    let body: u64 = body.parse().map_err(|_| NationalNumberError::Length(text.to_owned()))?;
    let check: u64 = check.parse().map_err(|_| NationalNumberError::Length(text.to_owned()))?;
    let born_1900s = 97 - body % 97;
    let born_2000s = 97 - (2_000_000_000 + body) % 97;
    let ok = match birth_date.map(|d| d.year() >= 2000) {
        Some(true) => check == born_2000s,
        Some(false) => check == born_1900s,
        None => check == born_1900s || check == born_2000s,
    };
    if ok {
        if let Some(given) = birth_date {
            check_birth_date(text, &digits, given)?;
        }
        return Ok(digits);
    }
    let (rule, expected) = if birth_date.is_some_and(|d| d.year() >= 2000) {
        ("97 - (2 followed by the first 9 digits) mod 97", born_2000s)
    } else {
        ("97 - (first 9 digits) mod 97", born_1900s)
    };
    Err(NationalNumberError::Check { number: text.to_owned(), rule, expected })
}

/// The number as Belgian documents print it, YY.MM.DD-XXX.CC (birth date, order number,
/// check digits); anything but eleven digits as given, so a document never misprints it.
pub fn formatted(stored: &str) -> String {
    match (stored.len(), stored.get(0..2), stored.get(2..4), stored.get(4..6), stored.get(6..9), stored.get(9..11)) {
        (11, Some(y), Some(m), Some(d), Some(n), Some(c)) if stored.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{y}.{m}.{d}-{n}.{c}")
        }
        _ => stored.to_owned(),
    }
}

/// The first six digits are the birth date, YYMMDD; a bis number (a person not in
/// the National Register) adds 20 or 40 to the month, and a month or day of 00 means
/// the date was unknown when the number was given (T.I. 000, as above): only what is
/// known is compared.
fn check_birth_date(text: &str, digits: &str, given: NaiveDate) -> Result<(), NationalNumberError> {
    let part = |from: usize| digits.get(from..from + 2).and_then(|p| p.parse::<u32>().ok()).unwrap_or(0);
    let (yy, mm, dd) = (part(0), part(2), part(4));
    let month = match mm {
        41..=52 => mm - 40,
        21..=32 => mm - 20,
        other => other,
    };
    let year_matches = i64::from(yy) == i64::from(given.year()).rem_euclid(100);
    let month_matches = month == 0 || month == given.month();
    let day_matches = month == 0 || dd == 0 || dd == given.day();
    if year_matches && month_matches && day_matches {
        return Ok(());
    }
    Err(NationalNumberError::BirthDate { number: text.to_owned(), encoded: format!("{yy:02}-{mm:02}-{dd:02}"), given })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, 1, 1)
    }

    fn born(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn a_birth_date_that_contradicts_the_number_is_refused() {
        let err = checked("85.07.30-033.28", born(1985, 7, 31)).unwrap_err();
        assert!(matches!(err, NationalNumberError::BirthDate { .. }), "{err}");
        assert!(err.to_string().contains("85-07-30") && err.to_string().contains("1985-07-31"), "{err}");
        assert!(checked("85.07.30-033.28", born(1986, 7, 30)).is_err());
        assert!(checked("85.07.30-033.28", born(1985, 7, 30)).is_ok());
    }

    #[test]
    fn a_bis_number_or_an_unknown_birth_day_compares_what_it_knows() {
        // Bis number: month 07 + 40 = 47; 97 - (854730033 mod 97) = 69.
        let head = 854_730_033u64;
        let bis = format!("{head}{:02}", 97 - head % 97);
        assert!(checked(&bis, born(1985, 7, 30)).is_ok(), "{bis}");
        assert!(checked(&bis, born(1985, 8, 30)).is_err(), "{bis}");
        // Month and day unknown (00): only the year is compared.
        let head = 850_000_033u64;
        let unknown = format!("{head}{:02}", 97 - head % 97);
        assert!(checked(&unknown, born(1985, 3, 1)).is_ok(), "{unknown}");
    }

    #[test]
    fn the_published_example_is_accepted_in_any_notation() {
        assert_eq!(checked("85.07.30-033.28", born(1985, 7, 30)).unwrap(), "85073003328");
        assert_eq!(checked("85073003328", None).unwrap(), "85073003328");
    }

    #[test]
    fn wrong_check_digits_and_lengths_are_refused() {
        let err = checked("85.07.30-033.29", born(1985, 7, 30)).unwrap_err();
        assert!(matches!(err, NationalNumberError::Check { expected: 28, .. }), "{err}");
        assert!(matches!(checked("8507300332", None), Err(NationalNumberError::Length(_))));
        assert!(matches!(checked("85O73003328", None), Err(NationalNumberError::Length(_))));
    }

    #[test]
    fn the_birth_century_chooses_the_rule() {
        // 00.01.01-001: 97 - (2000101001 mod 97) = 5 for a person born in 2000.
        assert_eq!(checked("00010100105", born(2000, 1, 1)).unwrap(), "00010100105");
        assert!(checked("00010100105", d(1900)).is_err());
        assert!(checked("00010100105", None).is_ok());
    }
}
