//! The French employer's declarations to social security: the DPAE before each hiring
//! (`dpae`) and the monthly DSN after each pay (`dsn`, checked by `dsn_check`).
//!
//! Both are built from core's generic content (`HiringDeclaration`, `SocialReturn`) and the
//! node's `[pack.fr]` section (SIRET, URSSAF account, APE, agreements); what neither holds is
//! refused with a message naming the missing key rather than guessed.

pub mod dpae;
pub mod dsn;
pub mod dsn_check;

use chrono::{Datelike, NaiveDate};

/// `DDMMYYYY`: how the DSN and the DPAE write a date.
pub fn ddmmyyyy(date: NaiveDate) -> String {
    format!("{:02}{:02}{:04}", date.day(), date.month(), date.year())
}

/// The NIR's thirteen characters and its two-digit key, from the fifteen the node stores.
pub fn nir_parts(nir: &str) -> Option<(&str, &str)> {
    (nir.len() == 15 && nir.is_ascii()).then(|| nir.split_at(13))
}

/// The sex the NIR's first digit gives: 1 for a man, 2 for a woman (3, 7 and 4, 8 for people
/// registered while born abroad, by the same parity; INSEE, "Le numéro d'inscription au répertoire").
pub fn sex_of_nir(nir: &str) -> Option<u8> {
    match nir.as_bytes().first()? {
        b'1' | b'3' | b'7' => Some(1),
        b'2' | b'4' | b'8' => Some(2),
        _ => None,
    }
}

/// The birth department the NIR gives (its characters 6 and 7: `75`, `2A`, `99` for abroad).
pub fn department_of_nir(nir: &str) -> Option<&str> {
    nir.get(5..7)
}
