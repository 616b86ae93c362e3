//! The pack's DIMONA documents: their structure element by element against the NSSO
//! glossary 2023/3, and every document against the Dimona schema with `xmllint`.
//!
//! The schema is vendored in `tests/dimona/` (source in PROVENANCE.md there). `xmllint`
//! comes with Debian's `libxml2-utils`; without it these tests fail, they are never
//! skipped.

// Helpers outside `#[test]` functions panic on failure, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use partage_core::hiring::{
    DayOfWork, DeclaredWorker, DeclaringEmployer, EmploymentKind, Filing, HiringAction, HiringDeclaration,
};
use partage_core::pack::PackError;
use partage_pack_be::dimona::{dimona, FORMAT};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

const SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/dimona/Dimona_20231.xsd");

/// Man born 18 May 1993: 97 - (930518223 mod 97) = 61, the published example.
const INSS_1993: &str = "93.05.18-223.61";
/// Born 3 February 2001: 97 - (2010203123 mod 97) = 45 (the 1900s rule would give 16).
const INSS_2001: &str = "01020312345";
/// 97 - (08967553 mod 97) = 97: a valid enterprise number.
const ENTERPRISE: &str = "0896.755.397";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn created() -> NaiveDateTime {
    d(2026, 3, 2).and_hms_milli_opt(9, 15, 30, 250).unwrap()
}

/// An ordinary fixed-term white-collar employment at a shared enterprise (committee 200).
fn fixed_term() -> HiringDeclaration {
    HiringDeclaration {
        action: HiringAction::In,
        previous_reference: None,
        employer: DeclaringEmployer { company_id: ENTERPRISE.into(), social_security_number: Some("123456789".into()) },
        worker: DeclaredWorker {
            national_id: INSS_1993.into(),
            last_name: "Peeters".into(),
            first_name: "An".into(),
            birth_date: d(1993, 5, 18),
        },
        kind: EmploymentKind::Ordinary,
        start: d(2026, 3, 9),
        end: Some(d(2026, 6, 30)),
        days: Vec::new(),
        collective_agreement: "200".into(),
        worker_type: "OTH".into(),
        planned_hours: None,
    }
}

/// Two evenings of an occasional worker in the hotel industry (committee 302, type EXT).
fn occasional_two_days() -> HiringDeclaration {
    HiringDeclaration {
        kind: EmploymentKind::DayContract,
        start: d(2026, 3, 13),
        end: Some(d(2026, 3, 14)),
        days: vec![
            DayOfWork { date: d(2026, 3, 14), start: t(11, 0), end: t(15, 30) },
            DayOfWork { date: d(2026, 3, 13), start: t(18, 0), end: t(23, 45) },
        ],
        collective_agreement: "302".into(),
        worker_type: "EXT".into(),
        ..fixed_term()
    }
}

fn with_action(action: HiringAction, reference: Option<&str>) -> HiringDeclaration {
    HiringDeclaration { action, previous_reference: reference.map(str::to_owned), ..fixed_term() }
}

fn render(declaration: &HiringDeclaration) -> Filing {
    let filing = dimona(declaration, created()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(filing.format, FORMAT);
    assert_eq!(filing.media_type, "application/xml");
    assert_valid(text_of(&filing));
    filing
}

/// The filing's XML, as text (the format is UTF-8 XML).
fn text_of(filing: &Filing) -> &str {
    filing.text().expect("the XML is UTF-8")
}

fn refusal(declaration: &HiringDeclaration) -> String {
    match dimona(declaration, created()) {
        Err(PackError::Render(message)) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The document is valid against the vendored Dimona schema.
fn assert_valid(xml: &str) {
    let dir = std::env::temp_dir().join(format!("partage-pack-be-dimona-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file: PathBuf = dir.join(format!("{}.xml", NEXT_FILE.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&file, xml).unwrap();
    let output = Command::new("xmllint")
        .args(["--noout", "--schema", SCHEMA])
        .arg(&file)
        .output()
        .expect("xmllint is needed (apt-get install libxml2-utils)");
    assert!(
        output.status.success(),
        "not valid against Dimona_20231.xsd:\n{}\n{xml}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Numbers each document's scratch file, so tests running together never share one.
static NEXT_FILE: AtomicUsize = AtomicUsize::new(0);

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

#[test]
fn a_fixed_term_in_is_one_form_with_dates_employer_worker_and_features() {
    let filing = render(&fixed_term());
    // Glossary 2023/3: 90372 Dimona > 90059 Form (00296, 00218, 00299, 00110, 00297) >
    // 90373 DimonaIn (00910, 00911) > 90256 EmployerId (00011, 00014), 90017
    // NaturalPerson (00024), 90374 DimonaFeatures (00046, 00655).
    assert_eq!(
        text_of(&filing),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<Dimona>
  <Form>
    <Identification>DIMONA</Identification>
    <FormCreationDate>2026-03-02</FormCreationDate>
    <FormCreationHour>09:15:30.250</FormCreationHour>
    <AttestationStatus>0</AttestationStatus>
    <TypeForm>SU</TypeForm>
    <DimonaIn>
      <StartingDate>2026-03-09</StartingDate>
      <EndingDate>2026-06-30</EndingDate>
      <EmployerId>
        <NOSSRegistrationNbr>123456789</NOSSRegistrationNbr>
        <CompanyID>0896755397</CompanyID>
      </EmployerId>
      <NaturalPerson>
        <INSS>93051822361</INSS>
      </NaturalPerson>
      <DimonaFeatures>
        <JointCommissionNbr>XXX</JointCommissionNbr>
        <WorkerType>OTH</WorkerType>
      </DimonaFeatures>
    </DimonaIn>
  </Form>
</Dimona>
"
    );
}

#[test]
fn an_open_ended_in_has_no_end_and_an_employer_without_nsso_number_only_its_enterprise_number() {
    let filing = render(&HiringDeclaration {
        end: None,
        employer: DeclaringEmployer { company_id: "BE0896755397".into(), social_security_number: None },
        ..fixed_term()
    });
    assert!(texts(text_of(&filing), "EndingDate").is_empty());
    assert!(texts(text_of(&filing), "NOSSRegistrationNbr").is_empty());
    assert_eq!(texts(text_of(&filing), "CompanyID"), ["0896755397"]);
}

#[test]
fn an_occasional_workers_two_days_are_two_forms_each_with_its_hours() {
    let filing = render(&occasional_two_days());
    let xml = text_of(&filing);
    assert_eq!(xml.matches("<Form>").count(), 2);
    assert_eq!(xml.matches("<DimonaIn>").count(), 2);
    // One period per day, in date order; 00777/00778 hours as UUMM.
    assert_eq!(texts(xml, "StartingDate"), ["2026-03-13", "2026-03-14"]);
    assert_eq!(texts(xml, "EndingDate"), ["2026-03-13", "2026-03-14"]);
    assert_eq!(texts(xml, "StartingHour"), ["1800", "1100"]);
    assert_eq!(texts(xml, "EndingHour"), ["2345", "1530"]);
    assert_eq!(texts(xml, "JointCommissionNbr"), ["302", "302"]);
    assert_eq!(texts(xml, "WorkerType"), ["EXT", "EXT"]);
    assert_eq!(texts(xml, "INSS"), ["93051822361", "93051822361"]);
    // The glossary's order inside DimonaIn: dates and hours, then employer, person, features.
    let first_in: Vec<String> = outline(xml).into_iter().skip(7).take(13).collect();
    assert_eq!(
        first_in,
        [
            "    DimonaIn",
            "      StartingDate",
            "      StartingHour",
            "      EndingDate",
            "      EndingHour",
            "      EmployerId",
            "        NOSSRegistrationNbr",
            "        CompanyID",
            "      NaturalPerson",
            "        INSS",
            "      DimonaFeatures",
            "        JointCommissionNbr",
            "        WorkerType",
        ]
    );
    // DailyContractNbr (zone 01254) "wordt nooit gebruikt wanneer het een Dimona-aangifte is".
    assert!(!xml.contains("DailyContractNbr"));
}

#[test]
fn a_day_contract_of_another_worker_type_declares_each_day_without_hours() {
    // 00777/00778: hours are "Verboden in de andere gevallen" than EXT and one-day FLX.
    let filing = render(&HiringDeclaration {
        collective_agreement: "304".into(),
        worker_type: "OTH".into(),
        ..occasional_two_days()
    });
    let xml = text_of(&filing);
    assert_eq!(xml.matches("<DimonaIn>").count(), 2);
    assert_eq!(texts(xml, "StartingDate"), ["2026-03-13", "2026-03-14"]);
    assert_eq!(texts(xml, "EndingDate"), ["2026-03-13", "2026-03-14"]);
    assert!(texts(xml, "StartingHour").is_empty() && texts(xml, "EndingHour").is_empty());
    assert_eq!(texts(xml, "JointCommissionNbr"), ["XXX", "XXX"]);
}

#[test]
fn a_students_day_contract_is_one_period_with_its_planned_hours() {
    let filing = render(&HiringDeclaration {
        worker_type: "STU".into(),
        collective_agreement: "200".into(),
        planned_hours: Some(10),
        ..occasional_two_days()
    });
    let xml = text_of(&filing);
    assert_eq!(xml.matches("<DimonaIn>").count(), 1);
    assert_eq!(texts(xml, "StartingDate"), ["2026-03-13"]);
    assert_eq!(texts(xml, "EndingDate"), ["2026-03-14"]);
    assert_eq!(texts(xml, "PlannedHoursNbr"), ["10"]);
}

#[test]
fn an_update_names_the_period_and_gives_the_new_dates() {
    let filing = render(&HiringDeclaration {
        end: Some(d(2026, 7, 31)),
        ..with_action(HiringAction::Update, Some("123456789012"))
    });
    assert_eq!(
        outline(text_of(&filing)).into_iter().skip(7).collect::<Vec<_>>(),
        [
            "    DimonaUpdate",
            "      DimonaPeriodId",
            "      StartingDate",
            "      EndingDate",
            "      INSS",
            "      EmployerId",
            "        NOSSRegistrationNbr",
            "        CompanyID",
        ]
    );
    assert_eq!(texts(text_of(&filing), "DimonaPeriodId"), ["123456789012"]);
    assert_eq!(texts(text_of(&filing), "StartingDate"), ["2026-03-09"]);
    assert_eq!(texts(text_of(&filing), "EndingDate"), ["2026-07-31"]);
    assert!(!text_of(&filing).contains("DimonaFeatures"), "90374 is forbidden outside a Dimona In");
}

#[test]
fn an_update_without_end_reopens_the_period() {
    let filing = render(&HiringDeclaration { end: None, ..with_action(HiringAction::Update, Some("123456789012")) });
    assert_eq!(texts(text_of(&filing), "EndingDate"), ["9999-12-31"]);
}

#[test]
fn an_update_of_one_day_of_a_day_contract_gives_its_new_hours() {
    let filing = render(&HiringDeclaration {
        action: HiringAction::Update,
        previous_reference: Some("123456789012".into()),
        end: Some(d(2026, 3, 13)),
        days: vec![DayOfWork { date: d(2026, 3, 13), start: t(17, 0), end: t(23, 0) }],
        ..occasional_two_days()
    });
    assert_eq!(texts(text_of(&filing), "StartingHour"), ["1700"]);
    assert_eq!(texts(text_of(&filing), "EndingHour"), ["2300"]);
}

#[test]
fn a_cancel_names_the_period_the_worker_and_the_employer() {
    let filing = render(&with_action(HiringAction::Cancel, Some("123456789012")));
    let xml = text_of(&filing);
    assert_eq!(
        outline(xml).into_iter().skip(1).collect::<Vec<_>>(),
        [
            "  Form",
            "    Identification",
            "    FormCreationDate",
            "    FormCreationHour",
            "    AttestationStatus",
            "    TypeForm",
            "    DimonaCancel",
            "      DimonaPeriodId",
            "      INSS",
            "      EmployerId",
            "        NOSSRegistrationNbr",
            "        CompanyID",
        ]
    );
    assert_eq!(texts(xml, "DimonaPeriodId"), ["123456789012"]);
    assert_eq!(texts(xml, "INSS"), ["93051822361"]);
}

#[test]
fn an_out_gives_the_last_day_of_the_period() {
    let filing = render(&HiringDeclaration {
        end: Some(d(2026, 5, 15)),
        ..with_action(HiringAction::Out, Some("123456789012"))
    });
    let xml = text_of(&filing);
    assert_eq!(
        outline(xml).into_iter().skip(7).collect::<Vec<_>>(),
        [
            "    DimonaOut",
            "      DimonaPeriodId",
            "      EndingDate",
            "      INSS",
            "      EmployerId",
            "        NOSSRegistrationNbr",
            "        CompanyID"
        ]
    );
    assert_eq!(texts(xml, "EndingDate"), ["2026-05-15"]);
}

#[test]
fn a_worker_born_since_2000_is_checked_with_the_2_prefix() {
    let young = |birth_date| HiringDeclaration {
        worker: DeclaredWorker { national_id: INSS_2001.into(), birth_date, ..fixed_term().worker },
        ..fixed_term()
    };
    assert_eq!(texts(text_of(&render(&young(d(2001, 2, 3)))), "INSS"), [INSS_2001]);
    let message = refusal(&young(d(1901, 2, 3)));
    assert!(message.contains("worker.national_id") && message.contains("16"), "{message}");
}

#[test]
fn wrong_inss_check_digits_are_refused_naming_the_national_id() {
    let declaration = HiringDeclaration {
        worker: DeclaredWorker { national_id: "93051822362".into(), ..fixed_term().worker },
        ..fixed_term()
    };
    let message = refusal(&declaration);
    assert!(message.starts_with("worker.national_id (INSS, zone 00024)"), "{message}");
    assert!(message.contains("62") && message.contains("61"), "{message}");
    let short = HiringDeclaration {
        worker: DeclaredWorker { national_id: "930518223".into(), ..fixed_term().worker },
        ..fixed_term()
    };
    assert!(refusal(&short).contains("'930518223' is not 11 digits"), "{}", refusal(&short));
}

#[test]
fn an_end_before_the_start_is_refused_naming_the_end() {
    let message = refusal(&HiringDeclaration { end: Some(d(2026, 3, 8)), ..fixed_term() });
    assert!(message.starts_with("end (2026-03-08) is before start (2026-03-09)"), "{message}");
}

#[test]
fn a_day_contract_without_days_is_refused_naming_the_days() {
    let message = refusal(&HiringDeclaration { days: Vec::new(), ..occasional_two_days() });
    assert!(message.starts_with("days: a day contract needs at least one day"), "{message}");
}

#[test]
fn days_outside_the_employment_or_ending_before_they_start_are_refused() {
    let mut outside = occasional_two_days();
    outside.days[0].date = d(2026, 3, 15);
    assert!(refusal(&outside).contains("2026-03-15 is outside the employment, 2026-03-13 to 2026-03-14"));
    let mut reversed = occasional_two_days();
    reversed.days[0] = DayOfWork { date: d(2026, 3, 14), start: t(15, 0), end: t(11, 0) };
    assert!(refusal(&reversed).contains("end hour 11:00 is not after the start hour 15:00"));
    let mut overlapping = occasional_two_days();
    overlapping.days[0] = DayOfWork { date: d(2026, 3, 13), start: t(20, 0), end: t(23, 59) };
    assert!(refusal(&overlapping).contains("two periods overlap on 2026-03-13"));
}

#[test]
fn out_update_and_cancel_without_the_period_number_are_refused_naming_the_reference() {
    for action in [HiringAction::Out, HiringAction::Update, HiringAction::Cancel] {
        let message = refusal(&with_action(action, None));
        assert!(message.starts_with("previous_reference:"), "{action:?}: {message}");
        assert!(refusal(&with_action(action, Some("12345"))).starts_with("previous_reference (DimonaPeriodId"));
    }
}

#[test]
fn an_out_without_an_end_is_refused_naming_the_end() {
    let message = refusal(&HiringDeclaration { end: None, ..with_action(HiringAction::Out, Some("123456789012")) });
    assert!(message.starts_with("end: a Dimona Out"), "{message}");
}

#[test]
fn an_enterprise_number_with_wrong_check_digits_is_refused() {
    let declaration = HiringDeclaration {
        employer: DeclaringEmployer { company_id: "0896.755.398".into(), social_security_number: None },
        ..fixed_term()
    };
    assert!(refusal(&declaration).starts_with("employer.company_id (CompanyID, zone 00014)"));
    let bad_nsso = HiringDeclaration {
        employer: DeclaringEmployer { company_id: ENTERPRISE.into(), social_security_number: Some("99".into()) },
        ..fixed_term()
    };
    assert!(refusal(&bad_nsso).starts_with("employer.social_security_number (NOSSRegistrationNbr, zone 00011)"));
}

#[test]
fn joint_committees_are_coded_as_dimona_lists_them() {
    let coded = |committee: &str| {
        let filing = render(&HiringDeclaration { collective_agreement: committee.into(), ..fixed_term() });
        texts(text_of(&filing), "JointCommissionNbr").remove(0)
    };
    assert_eq!(coded("200"), "XXX");
    assert_eq!(coded("329.02"), "XXX");
    assert_eq!(coded("999"), "XXX");
    assert_eq!(coded("302"), "302");
    assert_eq!(coded("140.03"), "140");
    assert_eq!(coded("149.01"), "149");
    assert_eq!(coded("149.04"), "XXX");
    for (committee, expected) in
        [("20", "not a joint committee number"), ("200.1", "not a joint"), ("2OO", "not a joint")]
    {
        let message = refusal(&HiringDeclaration { collective_agreement: committee.into(), ..fixed_term() });
        assert!(
            message.starts_with("joint_committee (JointCommissionNbr, zone 00046)") && message.contains(expected),
            "{message}"
        );
    }
    for (committee, block) in [("124", "ConstructionControlCards"), ("322", "UsingEmployer")] {
        let message = refusal(&HiringDeclaration { collective_agreement: committee.into(), ..fixed_term() });
        assert!(message.contains(block), "{message}");
    }
}

#[test]
fn worker_types_outside_the_glossary_or_needing_unrecorded_blocks_are_refused() {
    let refused = |code: &str| refusal(&HiringDeclaration { worker_type: code.into(), ..fixed_term() });
    assert!(refused("XYZ").starts_with("worker_type (WorkerType, zone 00655): 'XYZ' is not in the glossary's list"));
    assert!(refused("TEA").contains("abolished"));
    assert!(refused("A17").contains("2022/1"));
    assert!(refused("STG").contains("SmallStatutesInformation"));
    // Lower case is the same code.
    assert_eq!(
        texts(text_of(&render(&HiringDeclaration { worker_type: "dwd".into(), ..fixed_term() })), "WorkerType"),
        ["DWD"]
    );
}

#[test]
fn worker_types_with_their_own_rules_are_checked() {
    let message = refusal(&HiringDeclaration { worker_type: "EXT".into(), ..fixed_term() });
    assert!(message.starts_with("kind: an occasional worker (EXT)"), "{message}");
    let message = refusal(&HiringDeclaration { worker_type: "STU".into(), ..fixed_term() });
    assert!(message.starts_with("planned_hours (PlannedHoursNbr, zone 01135) is required"), "{message}");
    let message = refusal(&HiringDeclaration { worker_type: "STU".into(), planned_hours: Some(100), ..fixed_term() });
    assert!(message.contains("same quarter"), "{message}");
    let message =
        refusal(&HiringDeclaration { worker_type: "STU".into(), planned_hours: Some(100), end: None, ..fixed_term() });
    assert!(message.starts_with("end (EndingDate, zone 00911) is required for worker type STU"), "{message}");
    // PlannedHoursNbr is "Verboden voor de andere types werknemer".
    let filing = render(&HiringDeclaration { planned_hours: Some(38), ..fixed_term() });
    assert!(!text_of(&filing).contains("PlannedHoursNbr"));
}

#[test]
fn an_acknowledgement_is_twelve_digits_and_a_refusal_names_the_dimona_period_id() {
    use partage_core::pack::CountryPack;
    let pack = partage_pack_be::BelgianPack::load().unwrap();
    assert_eq!(pack.check_acknowledgement("123456789012"), Ok(()));
    for bad in ["12345", "1234567890123", "12345678901a", "", " 23456789012"] {
        match pack.check_acknowledgement(bad) {
            Err(PackError::InvalidIdentifier { what, message }) => {
                assert_eq!(what, "DimonaPeriodId (zone 00913)");
                assert_eq!(message, format!("'{bad}' is not a 12-digit Dimona period number"));
            }
            other => panic!("{bad:?} accepted: {other:?}"),
        }
    }
}
