//! The DPAE and the DSN through the pack's `CountryPack` contract, the DSN checked by the
//! pack's own checker (`declarations::dsn_check`, from the cahier technique DSN).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
use chrono::{NaiveDate, NaiveDateTime};
use partage_core::hiring::{DeclaredWorker, DeclaringEmployer};
use partage_core::money::{Currency, Money};
use partage_core::pack::CountryPack;
use partage_core::social_return::{
    ContributionAmount, EmploymentLine, LineAmounts, ReturnPeriod, ReturnedWorker, SocialReturn, WorkingTime,
};
use partage_pack_fr::declarations::dsn_check::check;
use partage_pack_fr::settings::FrenchSettings;
use partage_pack_fr::FrenchPack;
use rust_decimal_macros::dec;
use std::collections::BTreeMap;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn eur(s: &str) -> Money {
    Money::parse(s, Currency::EUR).unwrap()
}

fn at() -> NaiveDateTime {
    d(2026, 4, 3).and_hms_opt(9, 0, 0).unwrap()
}

fn pack() -> FrenchPack {
    let section: BTreeMap<String, String> = [
        ("siret", "73282932000074"),
        ("urssaf_account", "117000001234567890"),
        ("ape", "9001Z"),
        ("company_size", "12"),
        ("accident_rate", "0.0090"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    FrenchPack::load().unwrap().with_settings(FrenchSettings::from_section(&section).unwrap())
}

fn march(lines: Vec<EmploymentLine>) -> SocialReturn {
    SocialReturn {
        employer: DeclaringEmployer {
            company_id: "732829320".into(),
            social_security_number: Some("73282932000074".into()),
        },
        employer_category: None,
        period: ReturnPeriod::month(2026, 3),
        workers: vec![ReturnedWorker {
            worker: DeclaredWorker {
                national_id: "269054958815780".into(),
                last_name: "Lefèvre".into(),
                first_name: "Hélène".into(),
                birth_date: d(1969, 5, 12),
            },
            lines,
        }],
    }
}

fn contribution(code: &str, employer: bool, base: &str, amount: &str) -> ContributionAmount {
    ContributionAmount { code: code.into(), employer, base: eur(base), amount: eur(amount) }
}

fn line(start: NaiveDate, end: Option<NaiveDate>, gross: &str) -> EmploymentLine {
    EmploymentLine {
        category: "artist".into(),
        collective_agreement: "3090".into(),
        start,
        end,
        working_time: WorkingTime { days_per_week: dec!(5), weekly_hours: dec!(35), reference_weekly_hours: dec!(35) },
        days_worked: dec!(2),
        hours_worked: dec!(16),
        amounts: LineAmounts {
            gross: eur(gross),
            contribution_base: eur(gross),
            taxable: eur("412.30"),
            withholding_tax: eur("12.37"),
            net_paid: eur("383.40"),
            contributions: vec![
                contribution("old_age_capped_employee", false, gross, "34.50"),
                contribution("old_age_capped_employer", true, gross, "42.75"),
                contribution("general_reduction", true, gross, "-60.00"),
                contribution("csg_deductible", false, gross, "33.98"),
            ],
            ..LineAmounts::zero(Currency::EUR)
        },
    }
}

#[test]
fn a_month_with_two_contracts_gives_a_dsn_that_passes_the_cahier_checks() {
    let ret = march(vec![
        line(d(2026, 3, 2), Some(d(2026, 3, 3)), "500.00"),
        line(d(2026, 3, 20), Some(d(2026, 4, 2)), "250.10"),
    ]);
    let filing = pack().periodic_return(&ret, at()).unwrap();
    let text = filing.text().unwrap();
    check(text).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.first(), Some(&"S10.G00.00.001,'Partage'"));
    assert!(lines.contains(&"S20.G00.05.005,'01032026'"));
    assert!(lines.contains(&"S21.G00.06.001,'732829320'"));
    assert!(lines.contains(&"S21.G00.11.001,'00074'"));
    assert!(lines.contains(&"S21.G00.30.001,'2690549588157'"));
    assert!(lines.contains(&"S21.G00.30.005,'02'"));
    assert!(lines.contains(&"S21.G00.40.007,'02'"));
    assert!(lines.contains(&"S21.G00.40.017,'3090'"));
    assert!(lines.contains(&"S21.G00.40.043,'0.90'"));
    assert!(lines.contains(&"S21.G00.51.013,'250.10'"));
    // The second contract runs into April: its pay period stops at the month's end.
    assert!(lines.contains(&"S21.G00.51.002,'31032026'"));
    assert!(lines.contains(&"S21.G00.50.009,'12.37'"));
    assert!(lines.contains(&"S21.G00.50.006,'3.00'"));
    assert_eq!(lines.last(), Some(&"S90.G00.90.002,'1'"));
    assert!(lines.contains(&format!("S90.G00.90.001,'{}'", lines.len()).as_str()));
    assert_eq!(lines.iter().filter(|l| l.starts_with("S21.G00.40.001")).count(), 2);
    // The old-age capped contribution's two parts on one line (076), the réduction générale
    // negative (018); CSG has no code yet and stays out.
    let first = text.split("S21.G00.40.001").nth(1).unwrap();
    assert!(first.contains("S21.G00.81.001,'018'\r\nS21.G00.81.003,'500.00'\r\nS21.G00.81.004,'-60.00'"), "{first}");
    assert!(first.contains("S21.G00.81.001,'076'\r\nS21.G00.81.003,'500.00'\r\nS21.G00.81.004,'77.25'"), "{first}");
    assert_eq!(text.matches("S21.G00.81.001").count(), 4);
}

#[test]
fn a_quarter_or_an_unregistered_node_is_refused() {
    let mut quarter = march(vec![line(d(2026, 3, 2), Some(d(2026, 3, 3)), "500.00")]);
    quarter.period = ReturnPeriod::quarter(2026, 1);
    assert!(pack().periodic_return(&quarter, at()).unwrap_err().to_string().contains("monthly"));
    let ret = march(vec![line(d(2026, 3, 2), Some(d(2026, 3, 3)), "500.00")]);
    let err = FrenchPack::load().unwrap().periodic_return(&ret, at()).unwrap_err();
    assert!(err.to_string().contains("pack.fr.siret"), "{err}");
}

/// Each rule of the checker fails on a file breaking it.
#[test]
fn the_checker_refuses_what_the_cahier_forbids() {
    let ret = march(vec![line(d(2026, 3, 2), Some(d(2026, 3, 3)), "500.00")]);
    let good = String::from_utf8(pack().periodic_return(&ret, at()).unwrap().content).unwrap();
    let broken = |from: &str, to: &str| {
        assert!(good.contains(from), "{from}");
        check(&good.replacen(from, to, 1)).unwrap_err()
    };
    assert!(broken("S21.G00.30.006,'12051969'", "S21.G00.30.006,'1969-05-12'").message.contains("DDMMYYYY"));
    assert!(broken("S21.G00.51.013,'500.00'", "S21.G00.51.013,'500'").message.contains("two decimals"));
    assert!(broken("S21.G00.06.001,'732829320'", "S21.G00.06.001,'732829321'").message.contains("SIREN"));
    assert!(broken("S21.G00.30.001,'2690549588157'", "S21.G00.30.001,'269054958815780'").message.contains("13"));
    assert_eq!(broken("S21.G00.30.004,'Hélène'\r\n", "").rubric, "S21.G00.30.004");
    let total = good.lines().count();
    let err = broken(&format!("S90.G00.90.001,'{total}'"), &format!("S90.G00.90.001,'{}'", total + 1));
    assert_eq!(err.rubric, "S90.G00.90.001");
    // The establishment after an individual is out of order.
    let moved = good.replacen("S21.G00.11.001,'00074'\r\n", "", 1).replacen(
        "S21.G00.40.001",
        "S21.G00.11.001,'00074'\r\nS21.G00.40.001",
        1,
    );
    assert!(check(&moved).is_err());
    assert!(check("S21.G00.06.001,'732829320'\r\n").unwrap_err().message.contains("S10.G00.00"));
    assert!(check("S10.G00.00.001,Partage\r\n").unwrap_err().message.contains("single quotes"));
}

#[test]
fn the_dpae_and_its_acknowledgement_go_through_the_pack() {
    use partage_core::hiring::{EmploymentKind, HiringAction, HiringDeclaration};
    let p = pack();
    let mut declaration = HiringDeclaration {
        action: HiringAction::In,
        previous_reference: None,
        employer: DeclaringEmployer { company_id: "732829320".into(), social_security_number: None },
        worker: DeclaredWorker {
            national_id: "269054958815780".into(),
            last_name: "Lefèvre".into(),
            first_name: "Hélène".into(),
            birth_date: d(1969, 5, 12),
        },
        kind: EmploymentKind::Ordinary,
        start: d(2026, 3, 2),
        end: Some(d(2026, 3, 31)),
        days: Vec::new(),
        collective_agreement: String::new(),
        worker_type: String::new(),
        planned_hours: None,
    };
    p.complete_hiring_declaration(&mut declaration, "consultant");
    assert_eq!(declaration.collective_agreement, "1486");
    assert_eq!(declaration.worker_type, "CDD");
    assert_eq!(declaration.employer.social_security_number.as_deref(), Some("73282932000074"));
    let xml = String::from_utf8(p.hiring_declaration(&declaration, at()).unwrap().content).unwrap();
    assert!(xml.contains("<FR_Contract.EndContract.Date>31032026</FR_Contract.EndContract.Date>"));
    assert!(p.check_acknowledgement("DPAE2026030212345678").is_ok());
    assert!(p.check_acknowledgement("12").is_err());
}
