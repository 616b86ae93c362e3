//! Intermittents of the performance sector (worker kinds `artist` and `technician`, CDD d'usage):
//! each figure from a named source, never from the pack's own output.
//!
//! - URSSAF, "Les taux de cotisations des artistes du spectacle et des mannequins, montants au
//!   1er janvier 2024" (https://www.urssaf.fr/portail/home/taux-et-baremes/taux-de-cotisations/les-employeurs/les-taux-reduits/les-taux-de-cotisations-des-arti.html):
//!   the artists' rates as URSSAF prints them, to the hundredth of a percent.
//! - The arrêté of 24 January 1975 art. 3 and URSSAF's "Assiette de cotisations plafonnée": 12
//!   hourly ceilings per day of an engagement shorter than 5 days (29 € an hour in 2025).
//! - Décret n° 2019-797 and extalys.fr (1 October 2019): the employer's unemployment rate of an
//!   intermittent's CDD d'usage of three months or less "porté à 9,55 %", the employee's 2,40 %.
//! - The convention of 15 November 2024 (arrêté du 19 décembre 2024, JORF of 20 December 2024),
//!   annexe VIII art. 50: from 1 May 2025 the general rate "fixé à 4 %", "fixée à 4,50 %" on a CDD
//!   d'usage of three months or less, the specific contribution "5 % à la charge des employeurs et
//!   2,40 % à la charge des salariés". Its annexe X (artists) was not read: artists are refused.
//! - Audiens's guide: Congés Spectacles at 15,50 % from 1 April 2023.
//! - URSSAF's modele-social 8.0.0 (the mon-entreprise rules of 2025, npm), evaluated with publicodes
//!   on 2025-03-01 for the private live performance agreement (SVP), CDD d'usage, 50 employees,
//!   AT/MP 0.90 %: the lines where its rules and the pack's sources agree. Where they disagree
//!   (modele-social has no annexes VIII/X contribution, Congés Spectacles at 15,40 %, an artist's
//!   old-age employer rates unrounded: 5,985 % against URSSAF's table's 5,99 %), the pack follows
//!   the official source; parameters/RESEARCH-INTERMITTENTS.md lists each.
#![allow(clippy::unwrap_used, missing_docs)]

use chrono::{Datelike, NaiveDate};
use partage_core::dated::ParameterError;
use partage_core::money::{Currency, Money, Rate};
use partage_core::pack::CountryPack;
use partage_core::payroll::{Employee, FixedTerm, Household, LineKind, Payroll, PayrollError, Payslip, TimeWorked};
use partage_pack_fr::payroll::{EmployerProfile, FrenchPayroll};
use partage_pack_fr::FrenchPack;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn payroll() -> FrenchPayroll {
    FrenchPack::load().unwrap().french_payroll().with_profile(EmployerProfile {
        company_size: 50,
        accident_rate: Rate(dec!(0.009)),
        mobility_rate: Rate(Decimal::ZERO),
    })
}

fn worker(category: &str) -> Employee {
    Employee {
        category: category.into(),
        household: Household::single(),
        work_fraction: Rate(Decimal::ONE),
        worked: None,
        fixed_term: Some(FixedTerm { end_of_contract_indemnity: false }),
        withholding_rate: None,
        employer_cost_coefficient: None,
    }
}

fn slip(date: NaiveDate, gross: Decimal, e: &Employee) -> Payslip {
    payroll().payslip(date, Money::new(gross, Currency::EUR).unwrap(), e).unwrap()
}

fn line(p: &Payslip, code: &'static str) -> (Decimal, Decimal, Decimal) {
    let l = p.line(LineKind::Pack(code)).unwrap_or_else(|| panic!("no line {code}"));
    (l.base.amount(), l.rate.unwrap().value(), l.amount.amount())
}

fn rate(p: &Payslip, code: &'static str) -> Decimal {
    line(p, code).1
}

/// A line's base times its rate, to the cent: the line's own amount, before the pack's settling of
/// each side's total gives one line the cent the separate roundings disagree by.
fn amount(p: &Payslip, code: &'static str) -> Decimal {
    let (base, rate, _) = line(p, code);
    (base * rate).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

#[test]
fn an_artists_rates_are_those_of_urssafs_table_of_2024() {
    let p = slip(d(2024, 3, 1), dec!(1000), &worker("artist"));
    // "Assurance vieillesse 1,41 % 0,28 % 5,99 % 4,83 %" (employer and employee, whole pay and capped).
    assert_eq!(rate(&p, "old_age_uncapped_employer"), dec!(0.0141));
    assert_eq!(rate(&p, "old_age_uncapped_employee"), dec!(0.0028));
    assert_eq!(rate(&p, "old_age_capped_employer"), dec!(0.0599));
    assert_eq!(rate(&p, "old_age_capped_employee"), dec!(0.0483));
    // "Assurance maladie ... 4,90 %", "Allocations familiales 2,42 %" (pay under 2.5 and 3.5 SMIC),
    // "Fnal (50 salariés et plus) 0,35 %", "Taux AT de l'entreprise abattu de 30 %" (0.90 % → 0.6 %).
    assert_eq!(rate(&p, "health_employer"), dec!(0.049));
    assert_eq!(rate(&p, "family_employer"), dec!(0.0242));
    assert_eq!(rate(&p, "fnal_employer"), dec!(0.0035));
    assert_eq!(rate(&p, "accident_employer"), dec!(0.006));
    // Not reduced: "CSA 0,30 %", "CSG imposable 2,40 %", "CSG non imposable 6,80 %", "CRDS 0,50 %".
    assert_eq!(rate(&p, "autonomy_employer"), dec!(0.003));
    assert_eq!(rate(&p, "csg_deductible"), dec!(0.068));
    assert_eq!(rate(&p, "csg_non_deductible"), dec!(0.024));
    assert_eq!(rate(&p, "crds"), dec!(0.005));
    // Above the reduced-rate thresholds, the table's footnotes: 9,10 % and 3,68 %.
    let high = slip(d(2024, 3, 1), dec!(9000), &worker("artist"));
    assert_eq!(rate(&high, "health_employer"), dec!(0.091));
    assert_eq!(rate(&high, "family_employer"), dec!(0.0368));
}

#[test]
fn a_technician_pays_the_general_rates() {
    // URSSAF's page: "Seuls les artistes du spectacle sont concernés par l'application des taux
    // réduits. Les techniciens ne sont pas concernés."
    let p = slip(d(2024, 3, 1), dec!(1000), &worker("technician"));
    assert_eq!(rate(&p, "old_age_capped_employer"), dec!(0.0855));
    assert_eq!(rate(&p, "health_employer"), dec!(0.07));
    assert_eq!(rate(&p, "accident_employer"), dec!(0.009));
}

#[test]
fn an_artists_short_engagement_is_capped_at_twelve_hourly_ceilings_a_day() {
    let mut e = worker("artist");
    e.worked = Some(TimeWorked { days: dec!(2), hours: Decimal::ZERO });
    let p = slip(d(2025, 3, 1), dec!(1000), &e);
    // 2 days × 12 × 29 € (the 2025 hourly ceiling) = 696 €.
    let (base, _, _) = line(&p, "old_age_capped_employee");
    assert_eq!(base, dec!(696));
    assert_eq!(line(&p, "pension_t1_employee").0, dec!(696));
    // The whole pay stays the base of uncapped contributions.
    assert_eq!(line(&p, "old_age_uncapped_employee").0, dec!(1000));
    // Under the ceiling, the real pay (URSSAF: "lorsque la rémunération brute allouée est inférieure
    // à ce plafond, les cotisations sont calculées sur le salaire réel").
    let small = slip(d(2025, 3, 1), dec!(600), &e);
    assert_eq!(line(&small, "old_age_capped_employee").0, dec!(600));
    // Five days is no short engagement: not 5 × 12 × 29 = 1740 €.
    e.worked = Some(TimeWorked { days: dec!(5), hours: Decimal::ZERO });
    let week = slip(d(2025, 3, 1), dec!(3000), &e);
    assert_ne!(line(&week, "old_age_capped_employee").0, dec!(1740));
}

#[test]
fn an_intermittents_unemployment_is_9_55_percent_employer_and_2_40_percent_employee_until_april_2025() {
    for (date, category) in [(d(2023, 6, 1), "technician"), (d(2025, 4, 30), "artist")] {
        let p = slip(date, dec!(2000), &worker(category));
        let employer = amount(&p, "unemployment_employer") + amount(&p, "performance_unemployment_employer");
        assert_eq!(employer, dec!(191.00), "9.55 % of 2000 on {date}");
        assert_eq!(amount(&p, "performance_unemployment_employee"), dec!(48.00), "2.40 % of 2000 on {date}");
        // AGS as for any employee: 0.15 % in 2023, 0.25 % from July 2024.
        let ags = if date.year() == 2023 { dec!(3.00) } else { dec!(5.00) };
        assert_eq!(amount(&p, "wage_guarantee_employer"), ags);
    }
}

#[test]
fn a_technician_in_june_2025_pays_9_50_percent_employer_and_2_40_percent_employee_unemployment() {
    // Annexe VIII art. 50 of the 2024 convention, on a CDD d'usage of three months or less:
    // general rate 4,50 % (4 % + 0,50 point) + specific 5 % = 9,50 % employer; 2,40 % employee.
    // Gross 2000 €, under 4 PSS (4 × 3925 = 15 700 €), so the whole gross is the base:
    //   4,50 % × 2000 = 90.00; 5 % × 2000 = 100.00; employer 190.00 (9,50 % × 2000);
    //   2,40 % × 2000 = 48.00; AGS 0,25 % × 2000 = 5.00 (unchanged since July 2024);
    //   Congés Spectacles 15,50 % × 2000 = 310.00; AFDAS 2,10 % × 2000 = 42.00.
    let p = slip(d(2025, 6, 1), dec!(2000), &worker("technician"));
    assert_eq!(line(&p, "unemployment_employer"), (dec!(2000), dec!(0.045), dec!(90.00)));
    assert_eq!(amount(&p, "performance_unemployment_employer"), dec!(100.00));
    let employer = amount(&p, "unemployment_employer") + amount(&p, "performance_unemployment_employer");
    assert_eq!(employer, dec!(190.00));
    assert_eq!(amount(&p, "performance_unemployment_employee"), dec!(48.00));
    assert_eq!(amount(&p, "wage_guarantee_employer"), dec!(5.00));
    assert_eq!(amount(&p, "holiday_fund_employer"), dec!(310.00));
    assert_eq!(amount(&p, "performance_training_employer"), dec!(42.00));
    // The day before, the 2019 rules: 4,55 % + 5 % = 9,55 % × 2000 = 191.00.
    let april = slip(d(2025, 4, 30), dec!(2000), &worker("technician"));
    let employer = amount(&april, "unemployment_employer") + amount(&april, "performance_unemployment_employer");
    assert_eq!(employer, dec!(191.00));
}

#[test]
fn a_technician_in_2026_pays_9_50_percent_up_to_four_pss() {
    // June 2026, gross 2500 €: 4,50 % × 2500 = 112.50; 5 % × 2500 = 125.00 (employer 237.50,
    // 9,50 %); 2,40 % × 2500 = 60.00; AGS 0,25 % × 2500 = 6.25.
    let p = slip(d(2026, 6, 1), dec!(2500), &worker("technician"));
    assert_eq!(line(&p, "unemployment_employer"), (dec!(2500), dec!(0.045), dec!(112.50)));
    assert_eq!(amount(&p, "performance_unemployment_employer"), dec!(125.00));
    assert_eq!(amount(&p, "performance_unemployment_employee"), dec!(60.00));
    assert_eq!(amount(&p, "wage_guarantee_employer"), dec!(6.25));
    // Gross 20 000 € is above 4 PSS (4 × 4005 = 16 020 €): the base is 16 020 €, so
    // 4,50 % × 16 020 = 720.90, 5 % × 16 020 = 801.00, 2,40 % × 16 020 = 384.48.
    let high = slip(d(2026, 6, 1), dec!(20000), &worker("technician"));
    assert_eq!(line(&high, "unemployment_employer"), (dec!(16020), dec!(0.045), dec!(720.90)));
    assert_eq!(amount(&high, "performance_unemployment_employer"), dec!(801.00));
    assert_eq!(amount(&high, "performance_unemployment_employee"), dec!(384.48));
    // A general-regime employee pays the 4 % alone: 4 % × 2500 = 100.00.
    let other = slip(d(2026, 6, 1), dec!(2500), &worker("non-cadre"));
    assert_eq!(line(&other, "unemployment_employer"), (dec!(2500), dec!(0.04), dec!(100.00)));
}

#[test]
fn from_may_2025_an_artist_is_refused_naming_the_unsourced_annexe_x_surcharge() {
    // Annexe X of the 2024 convention was not read: no figure is computed for an artist in June
    // 2025 or in 2026, and the refusal names the missing value.
    for date in [d(2025, 5, 1), d(2025, 6, 1), d(2026, 6, 1)] {
        let err =
            payroll().payslip(date, Money::new(dec!(2000), Currency::EUR).unwrap(), &worker("artist")).unwrap_err();
        match &err {
            PayrollError::NotCovered(ParameterError::NotInForce { name, .. }) => {
                assert_eq!(name, "payroll.performance.unemployment.artist_short_usage_surcharge");
            }
            other => panic!("artist on {date}: {other}"),
        }
        assert!(err.to_string().contains("rather than"), "{err}");
        // A technician on the same day is paid.
        assert!(payroll().payslip(date, Money::new(dec!(2000), Currency::EUR).unwrap(), &worker("technician")).is_ok());
    }
}

#[test]
fn conges_spectacles_is_15_40_percent_until_march_2023_then_15_50_percent() {
    let before = slip(d(2023, 3, 31), dec!(2000), &worker("technician"));
    assert_eq!(
        (rate(&before, "holiday_fund_employer"), amount(&before, "holiday_fund_employer")),
        (dec!(0.154), dec!(308.00))
    );
    let after = slip(d(2023, 4, 1), dec!(2000), &worker("artist"));
    assert_eq!(
        (rate(&after, "holiday_fund_employer"), amount(&after, "holiday_fund_employer")),
        (dec!(0.155), dec!(310.00))
    );
}

#[test]
fn a_cdd_dusage_pays_no_indemnity_nor_cpf_cdd_nor_the_general_training_contribution_but_afdas() {
    let mut e = worker("technician");
    // Even if the contract says so: Code du travail L1243-10 excludes the usage contract.
    e.fixed_term = Some(FixedTerm { end_of_contract_indemnity: true });
    let p = slip(d(2024, 10, 1), dec!(2000), &e);
    assert!(p.line(LineKind::Pack("end_of_contract_indemnity")).is_none());
    assert!(p.line(LineKind::Pack("cpf_fixed_term_employer")).is_none());
    assert!(p.line(LineKind::Pack("vocational_training_employer")).is_none());
    // Code du travail L6331-55: a single contribution of at least 2 %, 2,10 % by the agreement.
    assert_eq!(rate(&p, "performance_training_employer"), dec!(0.021));
    assert_eq!(amount(&p, "performance_training_employer"), dec!(42.00));
}

#[test]
fn an_artist_has_no_general_reduction_and_a_technician_has_one() {
    let artist = slip(d(2024, 3, 1), dec!(1900), &worker("artist"));
    assert!(artist.line(LineKind::Pack("general_reduction")).is_none());
    let technician = slip(d(2024, 3, 1), dec!(1900), &worker("technician"));
    assert!(technician.line(LineKind::Pack("general_reduction")).is_some());
}

#[test]
fn the_lines_where_urssafs_rules_and_the_pack_agree_match_modele_social_on_2025_03_01() {
    // modele-social 8.0.0, technicien, 2000 €: "vieillesse . salarié . plafonnée = 138",
    // "déplafonnée = 8", "employeur . plafonnée = 171", "employeur . déplafonnée = 40.4",
    // "retraite complémentaire . salarié = 78.6", ". employeur = 78.8", "CEG . salarié = 17.2",
    // "CEG . employeur = 25.8", "maladie . employeur = 140", "allocations familiales = 69",
    // "FNAL = 10", "ATMP = 18".
    let t = slip(d(2025, 3, 1), dec!(2000), &worker("technician"));
    let sum = |p: &Payslip, codes: &[&'static str]| codes.iter().map(|c| amount(p, c)).sum::<Decimal>();
    assert_eq!(amount(&t, "old_age_capped_employee"), dec!(138.00));
    assert_eq!(amount(&t, "old_age_uncapped_employee"), dec!(8.00));
    assert_eq!(amount(&t, "old_age_capped_employer"), dec!(171.00));
    assert_eq!(amount(&t, "old_age_uncapped_employer"), dec!(40.40));
    assert_eq!(amount(&t, "pension_t1_employee"), dec!(78.60));
    assert_eq!(amount(&t, "pension_t1_employer"), dec!(78.80));
    assert_eq!(amount(&t, "ceg_t1_employee"), dec!(17.20));
    assert_eq!(amount(&t, "ceg_t1_employer"), dec!(25.80));
    assert_eq!(amount(&t, "health_employer"), dec!(140.00));
    assert_eq!(amount(&t, "family_employer"), dec!(69.00));
    assert_eq!(amount(&t, "fnal_employer"), dec!(10.00));
    assert_eq!(sum(&t, &["accident_employer"]), dec!(18.00));
    // artiste, 2000 €: "maladie . employeur = 98", "vieillesse . salarié . plafonnée = 96.6",
    // "déplafonnée = 5.6", "retraite complémentaire . salarié = 88.8", ". employeur = 89".
    let a = slip(d(2025, 3, 1), dec!(2000), &worker("artist"));
    assert_eq!(amount(&a, "health_employer"), dec!(98.00));
    assert_eq!(amount(&a, "old_age_capped_employee"), dec!(96.60));
    assert_eq!(amount(&a, "old_age_uncapped_employee"), dec!(5.60));
    assert_eq!(amount(&a, "pension_t1_employee"), dec!(88.80));
    assert_eq!(amount(&a, "pension_t1_employer"), dec!(89.00));
    // Where they disagree, URSSAF's table wins: 5,99 % × 2000 = 119.80 (modele-social 119.70 at
    // 5,985 %), 1,41 % × 2000 = 28.20 (modele-social 28.28 at 1,414 %).
    assert_eq!(amount(&a, "old_age_capped_employer"), dec!(119.80));
    assert_eq!(amount(&a, "old_age_uncapped_employer"), dec!(28.20));
}

#[test]
fn the_french_payroll_offers_the_intermittents_worker_kinds() {
    let pack = FrenchPack::load().unwrap();
    let kinds = pack.payroll().categories();
    assert!(kinds.contains(&"artist") && kinds.contains(&"technician"), "{kinds:?}");
    let err = pack
        .payroll()
        .payslip(d(2024, 3, 1), Money::new(dec!(1000), Currency::EUR).unwrap(), &worker("mime"))
        .unwrap_err();
    assert!(err.to_string().contains("artist, technician"), "{err}");
}
