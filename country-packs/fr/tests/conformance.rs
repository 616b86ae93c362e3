//! The French pack passes the conformance kit over its whole coverage period, with the CET's
//! fall at 1 PSS and the neutral withholding grid's bounds declared as thresholds, and the
//! intermittents' worker kinds refused where a rate is unsourced.
#![allow(clippy::unwrap_used, missing_docs)]

use chrono::NaiveDate;
use partage_core::money::{Currency, Money};
use partage_core::pack::CountryPack;
use partage_pack_conformance::{check, Spec};
use partage_pack_fr::FrenchPack;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn the_french_pack_conforms_from_2023_to_2026() {
    let pack = FrenchPack::load().unwrap();
    let mut spec = Spec::new(d(2023, 1, 1), d(2026, 12, 31));
    // The artists' (annexe X) CDD d'usage surcharge of the unemployment convention of 15 November
    // 2024 is unsourced: their payslips are refused from its first day; technicians' (annexe VIII,
    // read) are not (parameters/RESEARCH-INTERMITTENTS.md).
    spec.refused = vec![("artist".to_owned(), d(2025, 5, 1))];
    if let Err(failures) = check(&pack, &spec) {
        panic!("{failures}");
    }
}

#[test]
fn the_cet_threshold_at_one_pss_is_declared_with_its_source() {
    let pack = FrenchPack::load().unwrap();
    let thresholds = partage_core::payroll::Payroll::thresholds(pack.payroll());
    let pss_2025 = Money::from_minor(392_500, Currency::EUR);
    let cet = thresholds.iter().find(|t| t.category == "*").unwrap();
    assert!(cet.from.amount() < pss_2025.amount() && pss_2025.amount() < cet.to.amount());
    assert!(cet.source.contains("CET"), "{}", cet.source);
    assert!(thresholds.iter().any(|t| t.source.contains("204 H")));
}
