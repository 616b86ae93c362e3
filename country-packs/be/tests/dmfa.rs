//! The pack's DmfA returns: their structure and amounts, and every document against the
//! NSSO schema `DmfAOriginal_20223.xsd` with `xmllint`.
//!
//! The schema is vendored in `tests/dmfa/` (source in PROVENANCE.md there). `xmllint`
//! comes with Debian's `libxml2-utils`; without it these tests fail, they are never
//! skipped.

// Helpers outside `#[test]` functions panic on failure, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::{NaiveDate, NaiveDateTime};
use partage_core::dated::Timeline;
use partage_core::hiring::{DeclaredWorker, DeclaringEmployer, Filing};
use partage_core::money::{Currency, Money};
use partage_core::pack::{CountryPack, PackError};
use partage_core::social_return::{
    EmploymentLine, LineAmounts, NamedAmount, ReturnFrequency, ReturnPeriod, ReturnedWorker, SocialReturn, WorkingTime,
};
use partage_pack_be::dmfa::{declared_for, dmfa, dmfa_for, FORMAT};
use partage_pack_be::payroll::employer::{EmployerProfile, Region};
use partage_pack_be::payroll::params::PayrollParameters;
use partage_pack_be::payroll::WORK_BONUS;
use partage_pack_be::BelgianPack;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

const SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/dmfa/DmfAOriginal_20223.xsd");

/// Man born 18 May 1993: 97 - (930518223 mod 97) = 61, the published example.
const INSS_1993: &str = "93.05.18-223.61";
/// Born 3 February 2001: 97 - (2010203123 mod 97) = 45.
const INSS_2001: &str = "01020312345";
/// 97 - (08967553 mod 97) = 97: a valid enterprise number.
const ENTERPRISE: &str = "0896.755.397";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn eur(text: &str) -> Money {
    Money::parse(text, Currency::EUR).unwrap()
}

fn created() -> NaiveDateTime {
    d(2026, 4, 10).and_hms_milli_opt(9, 15, 30, 250).unwrap()
}

fn full_time() -> WorkingTime {
    WorkingTime { days_per_week: dec!(5), weekly_hours: dec!(38), reference_weekly_hours: dec!(38) }
}

/// Amounts as the Belgian payslips give them: base, 13.07 % employee, 25 % employer
/// (rounded half up to the cent by hand here), special contribution, work bonus.
fn amounts(gross: &str, base: &str, employee: &str, employer: &str, special: &str, bonus: &str) -> LineAmounts {
    LineAmounts {
        gross: eur(gross),
        contribution_base: eur(base),
        employee_contribution: eur(employee),
        employer_contribution: eur(employer),
        special_contribution: eur(special),
        reductions: vec![NamedAmount { name: WORK_BONUS, amount: eur(bonus) }],
        ..LineAmounts::zero(Currency::EUR)
    }
}

#[allow(clippy::too_many_arguments)]
fn line(
    category: &str,
    committee: &str,
    start: NaiveDate,
    end: Option<NaiveDate>,
    working_time: WorkingTime,
    days: Decimal,
    hours: Decimal,
    amounts: LineAmounts,
) -> EmploymentLine {
    EmploymentLine {
        category: category.into(),
        collective_agreement: committee.into(),
        start,
        end,
        working_time,
        days_worked: days,
        hours_worked: hours,
        amounts,
    }
}

/// A white-collar member (committee 200) on two contracts: full time in January and
/// February, then four days a week from March, the contract running to June.
fn white_collar() -> ReturnedWorker {
    ReturnedWorker {
        worker: DeclaredWorker {
            national_id: INSS_1993.into(),
            last_name: "Peeters".into(),
            first_name: "An".into(),
            birth_date: d(1993, 5, 18),
        },
        lines: vec![
            line(
                "white-collar",
                "200",
                d(2026, 1, 5),
                Some(d(2026, 2, 27)),
                full_time(),
                dec!(40),
                dec!(304),
                amounts("5200.00", "5200.00", "679.64", "1300.00", "40.00", "0"),
            ),
            line(
                "white-collar",
                "200",
                d(2026, 3, 2),
                Some(d(2026, 6, 30)),
                WorkingTime { days_per_week: dec!(4), weekly_hours: dec!(30.4), reference_weekly_hours: dec!(38) },
                dec!(22),
                dec!(167.2),
                amounts("2080.00", "2080.00", "271.86", "520.00", "12.00", "150.00"),
            ),
        ],
    }
}

/// A manual worker (committee 100) on two fixed-term contracts; contributions on 108 %.
fn manual() -> ReturnedWorker {
    ReturnedWorker {
        worker: DeclaredWorker {
            national_id: INSS_2001.into(),
            last_name: "Janssens".into(),
            first_name: "Tom".into(),
            birth_date: d(2001, 2, 3),
        },
        lines: vec![
            line(
                "manual",
                "100",
                d(2026, 1, 12),
                Some(d(2026, 1, 30)),
                full_time(),
                dec!(14),
                dec!(106.4),
                amounts("1500.00", "1620.00", "211.73", "405.00", "0", "200.00"),
            ),
            line(
                "manual",
                "100",
                d(2026, 2, 16),
                Some(d(2026, 3, 31)),
                full_time(),
                dec!(32),
                dec!(243.2),
                amounts("3200.00", "3456.00", "451.70", "864.00", "25.50", "0"),
            ),
        ],
    }
}

fn quarter() -> SocialReturn {
    SocialReturn {
        employer: DeclaringEmployer { company_id: ENTERPRISE.into(), social_security_number: Some("123456789".into()) },
        employer_category: Some("010".into()),
        period: ReturnPeriod::quarter(2026, 1),
        workers: vec![white_collar(), manual()],
    }
}

/// The return of an employer whose place of employment is in `region`.
fn render_in(ret: &SocialReturn, region: Option<Region>) -> Filing {
    let params = PayrollParameters::load().unwrap();
    let profile = EmployerProfile { region, ..EmployerProfile::default() };
    let filing = dmfa_for(ret, created(), &params, &profile).unwrap_or_else(|e| panic!("{e}"));
    assert_valid(text_of(&filing));
    filing
}

fn render(ret: &SocialReturn) -> Filing {
    let filing = dmfa(ret, created()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(filing.format, FORMAT);
    assert_eq!(filing.media_type, "application/xml");
    assert_valid(text_of(&filing));
    filing
}

/// The filing's XML, as text (the format is UTF-8 XML).
fn text_of(filing: &Filing) -> &str {
    filing.text().expect("the XML is UTF-8")
}

/// The filing's XML, owned.
fn xml_text(filing: Filing) -> String {
    String::from_utf8(filing.content).expect("the XML is UTF-8")
}

fn refusal(ret: &SocialReturn) -> String {
    match dmfa(ret, created()) {
        Err(PackError::Render(message)) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// Numbers each document's scratch file, so tests running together never share one.
static NEXT_FILE: AtomicUsize = AtomicUsize::new(0);

/// What `xmllint --schema` says of `xml`: Ok, or its complaint.
fn schema_check(xml: &str) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("partage-pack-be-dmfa-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file: PathBuf = dir.join(format!("{}.xml", NEXT_FILE.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&file, xml).unwrap();
    let output = Command::new("xmllint")
        .args(["--noout", "--schema", SCHEMA])
        .arg(&file)
        .output()
        .expect("xmllint is needed (apt-get install libxml2-utils)");
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

/// The document is valid against the vendored DmfA schema.
fn assert_valid(xml: &str) {
    if let Err(complaint) = schema_check(xml) {
        panic!("not valid against DmfAOriginal_20223.xsd:\n{complaint}\n{xml}");
    }
}

/// The texts of every `<tag>` element, in document order.
fn texts(xml: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    xml.match_indices(&open)
        .map(|(at, _)| {
            let rest = &xml[at + open.len()..];
            rest[..rest.find(&close).unwrap()].to_owned()
        })
        .collect()
}

/// The texts of `tag` inside each `block`, in document order.
fn texts_in(xml: &str, block: &str, tag: &str) -> Vec<Vec<String>> {
    let (open, close) = (format!("<{block}>"), format!("</{block}>"));
    xml.match_indices(&open)
        .map(|(at, _)| {
            let rest = &xml[at..];
            texts(&rest[..rest.find(&close).unwrap()], tag)
        })
        .collect()
}

/// The element names, in document order, with their depth as indentation.
fn outline(xml: &str) -> Vec<String> {
    xml.lines()
        .skip(1)
        .filter(|l| !l.trim_start().starts_with("</"))
        .map(|l| {
            let depth = (l.len() - l.trim_start().len()) / 2;
            let name: String = l.trim_start()[1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            format!("{}{name}", "  ".repeat(depth))
        })
        .collect()
}

/// The codes of the employer-side contributions the pack adds (Closing Fund, 855, 859,
/// asbestos, work accidents).
const EMPLOYER_CODES: [&str; 7] = ["809", "810", "811", "855", "859", "256", "255"];

/// The document without its employer side (special employer contributions and the
/// structural reduction), for the tests of the worker's own lines.
fn employee_side(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut skipping: Option<&str> = None;
    let lines: Vec<&str> = xml.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim_start();
        if let Some(end) = skipping {
            if t == end {
                skipping = None;
            }
            continue;
        }
        if t == "<OccupationDeduction>" {
            skipping = Some("</OccupationDeduction>");
            continue;
        }
        if t == "<WorkerContribution>" {
            let code = lines.get(i + 1).map(|n| texts(n, "ContributionWorkerCode")).unwrap_or_default();
            if code.iter().any(|c| EMPLOYER_CODES.contains(&c.as_str())) {
                skipping = Some("</WorkerContribution>");
                continue;
            }
        }
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// What the employer side adds to the net amount owed: its contributions less the
/// structural reductions, in cents.
fn employer_side_owed(xml: &str) -> i64 {
    let contributions: i64 = texts_in(xml, "WorkerContribution", "ContributionWorkerCode")
        .iter()
        .zip(texts_in(xml, "WorkerContribution", "ContributionAmount"))
        .filter(|(code, _)| EMPLOYER_CODES.contains(&code[0].as_str()))
        .map(|(_, amount)| cents(&amount))
        .sum();
    contributions
        - cents(&texts(xml, "OccupationDeduction").iter().flat_map(|b| texts(b, "DeductionAmount")).collect::<Vec<_>>())
}

fn cents(texts: &[String]) -> i64 {
    texts.iter().map(|t| t.parse::<i64>().unwrap()).sum()
}

fn in_cents(m: Money) -> i64 {
    m.to_minor().unwrap()
}

#[test]
fn a_quarter_with_two_workers_follows_the_schemas_order_block_by_block() {
    let filing = render(&quarter());
    let outline = outline(&employee_side(text_of(&filing)));
    // 90169 DmfAOriginal > 90059 Form (00296, 00218, 00299, 00110, 00297) > 90007
    // EmployerDeclaration (00013, 00011, 00012, 00014, 00015) > 90017 NaturalPerson.
    assert_eq!(
        outline[..13],
        [
            "DmfAOriginal",
            "  Form",
            "    Identification",
            "    FormCreationDate",
            "    FormCreationHour",
            "    AttestationStatus",
            "    TypeForm",
            "    EmployerDeclaration",
            "      Quarter",
            "      NOSSRegistrationNbr",
            "      Trusteeship",
            "      CompanyID",
            "      NetOwedAmount",
        ]
    );
    // The white-collar worker: one worker record, two occupations, then the contributions.
    assert_eq!(
        outline[13..64],
        [
            "      NaturalPerson",
            "        NaturalPersonSequenceNbr",
            "        INSS",
            "        WorkerRecord",
            "          EmployerClass",
            "          WorkerCode",
            "          NOSSQuarterStartingDate",
            "          NOSSQuarterEndingDate",
            "          Border",
            "          Occupation",
            "            OccupationSequenceNbr",
            "            OccupationStartingDate",
            "            OccupationEndingDate",
            "            JointCommissionNbr",
            "            WorkingDaysSystem",
            "            ContractType",
            "            RefMeanWorkingHours",
            "            MeanWorkingHours",
            "            Retired",
            "            Service",
            "              ServiceSequenceNbr",
            "              ServiceCode",
            "              ServiceNbrDays",
            "              ServiceNbrHours",
            "            Remun",
            "              RemunSequenceNbr",
            "              RemunCode",
            "              RemunAmount",
            "          Occupation",
            "            OccupationSequenceNbr",
            "            OccupationStartingDate",
            "            JointCommissionNbr",
            "            WorkingDaysSystem",
            "            ContractType",
            "            RefMeanWorkingHours",
            "            MeanWorkingHours",
            "            Retired",
            "            Service",
            "              ServiceSequenceNbr",
            "              ServiceCode",
            "              ServiceNbrDays",
            "              ServiceNbrHours",
            "            Remun",
            "              RemunSequenceNbr",
            "              RemunCode",
            "              RemunAmount",
            "          WorkerContribution",
            "            ContributionWorkerCode",
            "            ContributionType",
            "            ContributionCalculationBasis",
            "            ContributionAmount",
        ]
    );
    let xml = text_of(&filing);
    assert_eq!(texts(xml, "Identification"), ["DMFA"]);
    assert_eq!(texts(xml, "FormCreationDate"), ["2026-04-10"]);
    assert_eq!(texts(xml, "FormCreationHour"), ["09:15:30.250"]);
    assert_eq!(texts(xml, "Quarter"), ["20261"]);
    assert_eq!(texts(xml, "NOSSRegistrationNbr"), ["123456789"]);
    assert_eq!(texts(xml, "CompanyID"), ["0896755397"]);
    assert_eq!(texts(xml, "NaturalPersonSequenceNbr"), ["1", "2"]);
    assert_eq!(texts(xml, "INSS"), ["93051822361", INSS_2001]);
    assert_eq!(texts(xml, "EmployerClass"), ["010", "010"]);
    assert_eq!(texts(xml, "NOSSQuarterStartingDate"), ["2026-01-01", "2026-01-01"]);
    assert_eq!(texts(xml, "NOSSQuarterEndingDate"), ["2026-03-31", "2026-03-31"]);
    // Names and birth dates are forbidden in NaturalPerson (maxOccurs 0): the INSS alone.
    assert!(!xml.contains("Peeters") && !xml.contains("WorkerName"));
}

#[test]
fn white_collar_lines_are_declared_under_495_and_manual_lines_under_015() {
    let xml = employee_side(text_of(&render(&quarter())));
    assert_eq!(texts(&xml, "WorkerCode"), ["495", "015"]);
    // The ordinary contribution goes under the worker code; 856 is the special one.
    assert_eq!(
        texts_in(&xml, "WorkerContribution", "ContributionWorkerCode"),
        [vec!["495"], vec!["856"], vec!["015"], vec!["856"]]
    );
    assert_eq!(texts(&xml, "ContributionType"), ["0", "0", "0", "0"]);
    assert_eq!(texts(&xml, "JointCommissionNbr"), ["200", "200", "100", "100"]);
}

#[test]
fn pay_and_contributions_add_up_to_the_input_to_the_cent() {
    let ret = quarter();
    let totals = ret.totals().unwrap().unwrap();
    let full = xml_text(render(&ret));
    let xml = employee_side(&full);
    // Remuneration code 1 carries each line's gross, in cents.
    assert_eq!(texts(&xml, "RemunCode"), ["001", "001", "001", "001"]);
    assert_eq!(texts(&xml, "RemunAmount"), ["520000", "208000", "150000", "320000"]);
    assert_eq!(cents(&texts(&xml, "RemunAmount")), in_cents(totals.gross));
    assert_eq!(in_cents(totals.gross), 1_198_000);
    // Per worker record: base 5200 + 2080 and 1620 + 3456; employee and employer parts
    // together, 679.64 + 1300 + 271.86 + 520 = 2771.50 and 211.73 + 405 + 451.70 + 864.
    assert_eq!(texts(&xml, "ContributionCalculationBasis"), ["728000", "507600"]);
    assert_eq!(cents(&texts(&xml, "ContributionCalculationBasis")), in_cents(totals.contribution_base));
    assert_eq!(texts(&xml, "ContributionAmount"), ["277150", "5200", "193243", "2550"]);
    let contributions = totals.employee_contribution.checked_add(totals.employer_contribution).unwrap();
    let special = totals.special_contribution;
    assert_eq!(cents(&texts(&xml, "ContributionAmount")), in_cents(contributions) + in_cents(special));
    // The work bonus, a deduction per worker record: 150 and 200.
    assert_eq!(texts(&xml, "DeductionCode"), ["0001", "0001"]);
    assert_eq!(texts(&xml, "DeductionAmount"), ["15000", "20000"]);
    assert_eq!(cents(&texts(&xml, "DeductionAmount")), in_cents(totals.reduction(WORK_BONUS)));
    // Owed: 2771.50 + 52 + 1932.43 + 25.50 - 350 = 4431.43 on the worker's side, plus
    // the employer side (special contributions less structural reductions).
    let owed = in_cents(contributions) + in_cents(special) - in_cents(totals.reduction(WORK_BONUS));
    assert_eq!(owed, 443_143);
    assert_eq!(texts(&xml, "NetOwedAmount"), [(owed + employer_side_owed(&full)).to_string()]);
}

#[test]
fn time_is_declared_in_hundredths_and_a_shorter_week_is_part_time() {
    let xml = xml_text(render(&quarter()));
    assert_eq!(texts(&xml, "WorkingDaysSystem"), ["500", "400", "500", "500"]);
    assert_eq!(texts(&xml, "MeanWorkingHours"), ["3800", "3040", "3800", "3800"]);
    assert_eq!(texts(&xml, "RefMeanWorkingHours"), ["3800", "3800", "3800", "3800"]);
    // 00050: 0 full time, 1 part time.
    assert_eq!(texts(&xml, "ContractType"), ["0", "1", "0", "0"]);
    assert_eq!(texts(&xml, "ServiceCode"), ["001", "001", "001", "001"]);
    assert_eq!(texts(&xml, "ServiceNbrDays"), ["4000", "2200", "1400", "3200"]);
    assert_eq!(texts(&xml, "ServiceNbrHours"), ["30400", "16720", "10640", "24320"]);
}

#[test]
fn occupations_are_numbered_per_worker_record_and_an_end_after_the_quarter_is_left_out() {
    let xml = xml_text(render(&quarter()));
    assert_eq!(texts(&xml, "OccupationSequenceNbr"), ["1", "2", "1", "2"]);
    assert_eq!(texts(&xml, "OccupationStartingDate"), ["2026-01-05", "2026-03-02", "2026-01-12", "2026-02-16"]);
    // The second white-collar contract runs to June: not an end in this quarter.
    assert_eq!(texts(&xml, "OccupationEndingDate"), ["2026-02-27", "2026-01-30", "2026-03-31"]);
}

#[test]
fn a_worker_changing_category_gets_one_worker_record_per_worker_code() {
    let mut worker = white_collar();
    worker.lines[1].category = "manual".into();
    let ret = SocialReturn { workers: vec![worker], ..quarter() };
    let xml = xml_text(render(&ret));
    assert_eq!(xml.matches("<NaturalPerson>").count(), 1);
    assert_eq!(texts(&xml, "WorkerCode"), ["495", "015"]);
    assert_eq!(texts(&xml, "OccupationSequenceNbr"), ["1", "1"]);
    // 2673.50 on the worker's side, plus the employer side.
    assert_eq!(texts(&xml, "NetOwedAmount"), [(267_350 + employer_side_owed(&xml)).to_string()]);
}

#[test]
fn the_belgian_pack_answers_the_country_pack_contract_with_the_dmfa() {
    let pack = BelgianPack::load().unwrap();
    let through_pack = pack.periodic_return(&quarter(), created()).unwrap();
    assert_eq!(through_pack, render(&quarter()));
}

#[test]
fn the_schema_check_catches_a_document_out_of_order() {
    let xml = xml_text(render(&quarter()));
    let swapped = xml.replacen("<Trusteeship>0</Trusteeship>", "", 1).replacen(
        "<CompanyID>0896755397</CompanyID>",
        "<CompanyID>0896755397</CompanyID>\n        <Trusteeship>0</Trusteeship>",
        1,
    );
    assert_ne!(swapped, xml);
    let complaint = schema_check(&swapped).unwrap_err();
    assert!(complaint.contains("Trusteeship") || complaint.contains("CompanyID"), "{complaint}");
}

#[test]
fn a_month_is_refused_since_the_dmfa_is_quarterly() {
    let pack = BelgianPack::load().unwrap();
    assert_eq!(pack.return_frequency(), ReturnFrequency::Quarterly);
    let message = refusal(&SocialReturn { period: ReturnPeriod::month(2026, 1), ..quarter() });
    assert_eq!(message, "period: a DmfA declares a quarter, not 2026-01");
}

#[test]
fn a_fifth_quarter_is_refused() {
    let message = refusal(&SocialReturn { period: ReturnPeriod::quarter(2026, 5), ..quarter() });
    assert_eq!(message, "quarter: 5 is not a quarter of the year (1 to 4)");
}

#[test]
fn a_worker_without_line_is_refused_naming_the_worker() {
    let mut ret = quarter();
    ret.workers[1].lines.clear();
    assert_eq!(refusal(&ret), "workers[1].lines: a worker is declared with at least one employment line");
}

#[test]
fn negative_amounts_are_refused_naming_the_amount() {
    let mut ret = quarter();
    ret.workers[0].lines[1].amounts.employer_contribution = eur("-520.00");
    let message = refusal(&ret);
    assert!(
        message.starts_with("workers[0].lines[1].amounts.employer_contribution is negative (-520.00 EUR)"),
        "{message}"
    );
}

#[test]
fn an_inss_of_the_wrong_length_or_check_is_refused_naming_the_national_id() {
    let mut short = quarter();
    short.workers[1].worker.national_id = "0102031234".into();
    let message = refusal(&short);
    assert_eq!(message, "workers[1].worker.national_id (INSS, zone 00024): '0102031234' is not 11 digits");
    let mut wrong = quarter();
    wrong.workers[0].worker.national_id = "93051822362".into();
    assert!(refusal(&wrong).contains("wrong check digits"), "{}", refusal(&wrong));
    let mut twice = quarter();
    twice.workers[1].worker = twice.workers[0].worker.clone();
    assert!(refusal(&twice).contains("is also workers[0]"), "{}", refusal(&twice));
}

#[test]
fn artists_are_declared_under_046_and_unknown_categories_are_refused() {
    let mut artist = quarter();
    artist.workers[1].lines[0].category = "artist".into();
    let xml = xml_text(render_in(&artist, Some(Region::Brussels)));
    assert_eq!(texts(&xml, "WorkerCode"), ["495", "046", "015"]);
    let mut unknown = quarter();
    unknown.workers[0].lines[0].category = "cadre".into();
    assert!(refusal(&unknown).contains("'cadre' is not a Belgian category"));
}

#[test]
fn an_employer_without_nsso_number_or_category_is_refused() {
    let no_nsso = SocialReturn {
        employer: DeclaringEmployer { company_id: ENTERPRISE.into(), social_security_number: None },
        ..quarter()
    };
    assert!(
        refusal(&no_nsso).starts_with("employer.social_security_number (NOSSRegistrationNbr, zone 00011) is required")
    );
    let provisional = SocialReturn {
        employer: DeclaringEmployer {
            company_id: ENTERPRISE.into(),
            social_security_number: Some("5000000120".into()),
        },
        ..quarter()
    };
    assert!(refusal(&provisional).contains("is not a definitive NSSO number"));
    let no_category = SocialReturn { employer_category: None, ..quarter() };
    assert!(refusal(&no_category).starts_with("employer_category (EmployerClass, zone 00036) is required"));
    let bad_company = SocialReturn {
        employer: DeclaringEmployer { company_id: "0896.755.398".into(), ..quarter().employer },
        ..quarter()
    };
    assert!(refusal(&bad_company).starts_with("employer.company_id (CompanyID, zone 00014)"));
}

#[test]
fn what_the_schema_cannot_carry_is_refused_naming_the_field() {
    let mut thousandths = quarter();
    thousandths.workers[0].lines[0].hours_worked = dec!(304.125);
    assert!(refusal(&thousandths).starts_with("workers[0].lines[0].hours_worked: 304.125 has more than two decimals"));
    let mut hours_only = quarter();
    hours_only.workers[0].lines[0].days_worked = dec!(0);
    assert!(refusal(&hours_only).contains("hours without days"));
    let mut long_week = quarter();
    long_week.workers[0].lines[0].working_time.weekly_hours = dec!(50);
    assert!(refusal(&long_week).starts_with("workers[0].lines[0].working_time.weekly_hours: 50 is outside"));
    let mut committee = quarter();
    committee.workers[0].lines[0].collective_agreement = "20".into();
    assert!(refusal(&committee).contains("(JointCommissionNbr, zone 00046): '20' is not CCC"));
    let mut sek = quarter();
    for worker in &mut sek.workers {
        for line in &mut worker.lines {
            line.amounts = LineAmounts::zero(Currency::SEK);
        }
    }
    assert_eq!(refusal(&sek), "amounts: a DmfA is in euro cents, not SEK");
    let old = SocialReturn { period: ReturnPeriod::quarter(2002, 1), ..quarter() };
    assert!(refusal(&old).contains("from quarter 2003/1"));
}

#[test]
fn lines_without_pay_or_time_are_declared_without_remun_or_service() {
    let mut ret = quarter();
    let idle = &mut ret.workers[0].lines[1];
    idle.days_worked = dec!(0);
    idle.hours_worked = dec!(0);
    idle.amounts = LineAmounts::zero(Currency::EUR);
    let xml = xml_text(render(&ret));
    assert_eq!(xml.matches("<Occupation>").count(), 4);
    assert_eq!(xml.matches("<Service>").count(), 3);
    assert_eq!(xml.matches("<Remun>").count(), 3);
}

#[test]
fn the_structural_reduction_is_declared_per_occupation_under_code_3000_computed_by_hand() {
    let xml = xml_text(render(&quarter()));
    // 2026-Q1: R = r2(0.14 × (11,458.57 − S)) + r2(0.15 × (9,547.20 − S)); U = 38, 13 × U
    // = 494; µ = r2(H / 494) per occupation; β from µglob, the sum of the worker's µ.
    // White-collar worker, µglob = 0.62 + 0.34 = 0.96 ≥ 0.80, β = 1 / 0.96:
    // line 1: W 5,200, H 304: S = 5,200 × r2(1.625) = 8,476.00; R = 417.56 + 160.68 =
    // 578.24; Ps = 578.24 × 0.62 / 0.96 = 373.45;
    // line 2: W 2,080, H 167.2: S = 2,080 × 2.95 = 6,136.00; R = 745.16 + 511.68 =
    // 1,256.84; Ps = 1,256.84 × 0.34 / 0.96 = 445.13.
    // Manual worker, µglob = 0.22 + 0.49 = 0.71, β = 1.18 + 0.16 × 0.28 = 1.2248:
    // line 1: W 1,500, H 106.4: S = 1,500 × r2(4.6429) = 6,960.00; R = 629.80 + 388.08 =
    // 1,017.88; Ps = 1,017.88 × 0.22 × 1.2248 = 274.27;
    // line 2: W 3,200, H 243.2: S = 3,200 × r2(2.03125) = 6,496.00; R = 694.76 + 457.68 =
    // 1,152.44; Ps = 1,152.44 × 0.49 × 1.2248 = 691.64.
    // Each under its cap, 25 % of the line's base (1,300, 520, 405, 864) and under R.
    let blocks = texts(&xml, "OccupationDeduction");
    assert_eq!(blocks.iter().map(|b| texts(b, "DeductionCode")[0].clone()).collect::<Vec<_>>(), ["3000"; 4]);
    assert_eq!(
        blocks.iter().map(|b| texts(b, "DeductionAmount")[0].clone()).collect::<Vec<_>>(),
        ["37345", "44513", "27427", "69164"]
    );
    // The NSSO's reduction-code list forbids a calculation basis under code 3000.
    assert!(blocks.iter().all(|b| texts(b, "DeductionCalculationBasis").is_empty()));
}

#[test]
fn the_special_employer_contributions_follow_the_employers_size_and_purpose() {
    let params = PayrollParameters::load().unwrap();
    let codes_and_amounts = |profile: &EmployerProfile| {
        let xml = partage_pack_be::dmfa::dmfa_for(&quarter(), created(), &params, profile).unwrap();
        let xml = xml_text(xml);
        assert_valid(&xml);
        let first = &xml[..xml.find("</WorkerRecord>").unwrap()];
        texts_in(first, "WorkerContribution", "ContributionWorkerCode")
            .into_iter()
            .zip(texts_in(first, "WorkerContribution", "ContributionAmount"))
            .map(|(c, a)| (c[0].clone(), a[0].clone()))
            .filter(|(c, _)| EMPLOYER_CODES.contains(&c.as_str()))
            .collect::<Vec<_>>()
    };
    let pair = |c: &str, a: &str| (c.to_owned(), a.to_owned());
    // White-collar base 7,280.00 in 2026: small commercial employer 0.34 %, special
    // 0.10 %, 859 0.10 %, asbestos 0.01 %, work accidents 0.02 %.
    let small = EmployerProfile { workers: 5, commercial: true, joint_committee: None, region: None };
    assert_eq!(
        codes_and_amounts(&small),
        [pair("809", "2475"), pair("810", "728"), pair("859", "728"), pair("256", "73"), pair("255", "146")]
    );
    // 20 workers or more: 0.39 % and the 1.69 % of employers with 10 workers or more.
    let large = EmployerProfile { workers: 25, commercial: true, joint_committee: Some("200".into()), region: None };
    assert_eq!(
        codes_and_amounts(&large),
        [
            pair("809", "2839"),
            pair("810", "728"),
            pair("855", "12303"),
            pair("859", "728"),
            pair("256", "73"),
            pair("255", "146")
        ]
    );
    // A non-commercial employer pays 811 at 0.01 %.
    let non_profit = EmployerProfile { workers: 25, commercial: false, joint_committee: None, region: None };
    assert_eq!(codes_and_amounts(&non_profit)[0], pair("811", "73"));
}

#[test]
fn a_quarter_whose_closing_fund_rate_is_unknown_is_refused_naming_the_rate() {
    let mut ret = SocialReturn { period: ReturnPeriod::quarter(2024, 3), ..quarter() };
    for worker in &mut ret.workers {
        for line in &mut worker.lines {
            line.start = d(2024, 7, 1);
            line.end = Some(d(2024, 9, 30));
        }
    }
    match dmfa(&ret, created()) {
        Err(PackError::RateNotSourced { parameter, period, .. }) => {
            assert_eq!(parameter, "payroll.employer.closing_fund.commercial_small");
            assert_eq!(period, "2024-Q3");
        }
        other => panic!("expected the missing Closing Fund rate, got {other:?}"),
    }
}

/// One artist (worker code 046, committee 304) on one line of the quarter `q` of 2026.
fn artist_quarter(q: u32, wage: &str, base: &str, days: Decimal, hours: Decimal) -> SocialReturn {
    let first = d(2026, 3 * q - 2, 1);
    let mut ret = SocialReturn { period: ReturnPeriod::quarter(2026, q), ..quarter() };
    ret.workers.truncate(1);
    let b: Decimal = base.parse().unwrap();
    let cents = |x: Decimal| format!("{:.2}", x.round_dp(2));
    ret.workers[0].lines = vec![line(
        "artist",
        "304",
        first,
        None,
        full_time(),
        days,
        hours,
        amounts(wage, base, &cents(b * dec!(0.1307)), &cents(b * dec!(0.25)), "0", "0"),
    )];
    ret
}

/// The (code, amount) of every OccupationDeduction of `xml`.
fn deductions(xml: &str) -> Vec<(String, String)> {
    texts(xml, "OccupationDeduction")
        .iter()
        .map(|b| (texts(b, "DeductionCode")[0].clone(), texts(b, "DeductionAmount")[0].clone()))
        .collect()
}

#[test]
fn an_artists_quarter_declares_the_regional_reduction_under_4300_computed_by_hand() {
    // 2026-Q2, Brussels, a full-time quarter: W 7,500.00, H 494 = 13 × 38: S = 7,500.00 ×
    // r2(494 / 494) = 7,500.00 ≥ 6,569.43 (3 × GGMMI 2,189.81); µ = 1, β = 1:
    // Pg = 726.50 capped at 517.00. Structural reduction: R = r2(0.14 × 3,958.57) +
    // r2(0.16 × 2,047.20) = 554.20 + 327.55 = 881.75. Both within 25 % × 8,100.00 (108 %)
    // = 2,025.00.
    let ret = artist_quarter(2, "7500.00", "8100.00", dec!(65), dec!(494));
    let xml = xml_text(render_in(&ret, Some(Region::Brussels)));
    let pair = |c: &str, a: &str| (c.to_owned(), a.to_owned());
    assert_eq!(deductions(&xml), [pair("3000", "88175"), pair("4300", "51700")]);
    // The net owed takes both off.
    let flanders = xml_text(render_in(&ret, Some(Region::Flanders)));
    let owed = |x: &str| texts(x, "NetOwedAmount")[0].parse::<i64>().unwrap();
    assert_eq!(owed(&flanders) - owed(&xml), 51700);
    // Flanders abolished it from 2026-04-01: the structural reduction alone.
    assert_eq!(deductions(&flanders), [pair("3000", "88175")]);
    // Two weeks of a quarter: W 2,000.00, H 76: S = 2,000 × r2(494 / 76 = 6.5) = 13,000.00
    // (no structural reduction above S0); µ = r2(76 / 494) = 0.15, under 27.5 % yet due for
    // an artist, β = 1.18: Pg = r2(726.50 × 0.15 × 1.18) = r2(128.5905) = 128.59.
    let short = artist_quarter(2, "2000.00", "2160.00", dec!(10), dec!(76));
    assert_eq!(deductions(&xml_text(render_in(&short, Some(Region::Wallonia)))), [pair("4300", "12859")]);
    // Below the floor: W 6,000.00 full time, S = 6,000.00 < 6,569.43: no 4300.
    let low = artist_quarter(2, "6000.00", "6480.00", dec!(65), dec!(494));
    let low = xml_text(render_in(&low, Some(Region::Brussels)));
    assert!(deductions(&low).iter().all(|(c, _)| c == "3000"), "{:?}", deductions(&low));
}

#[test]
fn the_declared_amounts_are_the_documents_codes_and_net_owed() {
    // The worked example above (2026-Q2, Brussels, W 7,500.00, base 8,100.00): 3000 =
    // 881.75 and 4300 = 517.00. Contributions: 046 = r2(8,100 × 13.07 %) + 8,100 × 25 %
    // = 1,058.67 + 2,025.00 = 3,083.67, then the employer's special contributions.
    let ret = artist_quarter(2, "7500.00", "8100.00", dec!(65), dec!(494));
    let params = PayrollParameters::load().unwrap();
    let profile = EmployerProfile { region: Some(Region::Brussels), ..EmployerProfile::default() };
    let declared = declared_for(&ret, &params, &profile).unwrap();
    let xml = xml_text(render_in(&ret, Some(Region::Brussels)));
    let named = |list: &[NamedAmount]| -> Vec<(String, String)> {
        list.iter().map(|n| (n.name.to_owned(), n.amount.to_minor().unwrap().to_string())).collect()
    };
    let pair = |c: &str, a: &str| (c.to_owned(), a.to_owned());
    assert_eq!(named(&declared.deductions), [pair("3000", "88175"), pair("4300", "51700")]);
    assert_eq!(named(&declared.deductions), deductions(&xml));
    let contributions: Vec<(String, String)> = texts(&xml, "WorkerContribution")
        .iter()
        .map(|b| (texts(b, "ContributionWorkerCode")[0].clone(), texts(b, "ContributionAmount")[0].clone()))
        .collect();
    assert_eq!(named(&declared.contributions), contributions);
    assert_eq!(contributions[0], pair("046", "308367"));
    let sum = |list: &[(String, String)]| list.iter().map(|(_, a)| a.parse::<i64>().unwrap()).sum::<i64>();
    let owed = declared.net_owed.to_minor().unwrap();
    assert_eq!(owed, sum(&contributions) - 88175 - 51700);
    assert_eq!(texts(&xml, "NetOwedAmount"), [owed.to_string()]);
}

#[test]
fn the_artists_reduction_shares_the_basic_contribution_with_the_structural_reduction() {
    // quarter() 2026-Q1 with the manual worker's first line an artist's: W 1,500, H 106.4,
    // µ = 0.22, µglob = 0.22 + 0.49 = 0.71, β = 1.18 + 0.16 × 0.28 = 1.2248; S = 6,960.00
    // ≥ 6,462.33. Pg = r2(726.50 × 0.22 × 1.2248) = 195.76, but the structural reduction
    // of the line, 274.27, leaves 405.00 (25 % of 1,620.00) − 274.27 = 130.73.
    let mut ret = quarter();
    ret.workers[1].lines[0].category = "artist".into();
    let xml = xml_text(render_in(&ret, Some(Region::Brussels)));
    let artist = &xml[xml.find("<WorkerCode>046").unwrap()..];
    let artist = &artist[..artist.find("</WorkerRecord>").unwrap()];
    let pair = |c: &str, a: &str| (c.to_owned(), a.to_owned());
    assert_eq!(deductions(artist), [pair("3000", "27427"), pair("4300", "13073")]);
}

#[test]
fn an_artists_quarter_without_region_or_floor_is_refused_naming_what_is_missing() {
    let ret = artist_quarter(2, "7500.00", "8100.00", dec!(65), dec!(494));
    // No region: the reduction exists in Brussels and Wallonia, not in Flanders.
    let message = refusal(&ret);
    assert!(message.starts_with("pack.be.region is not set: workers[0].lines[0] is an artist"), "{message}");
    // Below the floor the region does not matter.
    let low = artist_quarter(2, "6000.00", "6480.00", dec!(65), dec!(494));
    assert!(dmfa(&low, created()).is_ok());
    // 2026-Q4: the floor is 3 × the GGMMI of 1 October 2026 (6,700.83, unchanged since July):
    // S = 7,500.00 reaches it, so Brussels' quarter builds with its 4300.
    let late = artist_quarter(4, "7500.00", "8100.00", dec!(65), dec!(494));
    let params = PayrollParameters::load().unwrap();
    let brussels = EmployerProfile { region: Some(Region::Brussels), ..EmployerProfile::default() };
    let xml = String::from_utf8(dmfa_for(&late, created(), &params, &brussels).unwrap().content).unwrap();
    assert!(xml.contains("<DeductionCode>4300</DeductionCode>"), "2026-Q4's artist has the reduction");
    // A quarter whose floor no source gives is refused, naming it (2026-Q4 was, until the
    // research of 2026-12-07): the same quarter with its floor taken away.
    let mut unsourced = PayrollParameters::load().unwrap();
    let timeline = &unsourced.artists_reduction;
    let mut values = timeline.values().to_vec();
    values.last_mut().unwrap().value.floor = None;
    unsourced.artists_reduction = Timeline::new(&timeline.name, &timeline.description, values).unwrap();
    match dmfa_for(&late, created(), &unsourced, &brussels) {
        Err(PackError::RateNotSourced { parameter, period, .. }) => {
            assert_eq!(parameter, "payroll.employer.artists_reduction.floor");
            assert_eq!(period, "2026-Q4");
        }
        other => panic!("expected the missing floor, got {other:?}"),
    }
    // In Flanders 2026-Q4 needs no floor: the reduction no longer exists there.
    let flanders = EmployerProfile { region: Some(Region::Flanders), ..EmployerProfile::default() };
    assert!(dmfa_for(&late, created(), &params, &flanders).is_ok());
}
