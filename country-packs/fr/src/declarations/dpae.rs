//! The DPAE (déclaration préalable à l'embauche, Code du travail art. L. 1221-10 and
//! R. 1221-1 ff.): before any hiring, the employer declares the worker to the URSSAF; the
//! URSSAF answers with an acknowledgement that the employer keeps.
//!
//! Format: the `FR_DUE_Upload` message of the URSSAF's "API DPAE" (repXML, "Guide
//! d'implémentation API DPAE", dpae-edi.urssaf.fr document 5492), whose element names and
//! nesting are as the public clients of that API write them (e.g. the open-source
//! `wrapss/dpae-api-client` and the implementation in the stored code corpus at
//! `api/src/dpae.js`, which cites the guide). The guide itself, with its XSD, was not read:
//! the date form (DDMMYYYY), the time form (HHMM) and which elements are optional are the
//! pack's reading of those clients and must be checked against the guide before a real upload.
//! The test indicator is 120 (a real declaration; 1 is the URSSAF's test environment).
//!
//! What is written:
//! - the employer by its SIRET, its name, its APE code and its URSSAF code (the first three digits of its
//!   URSSAF account number);
//! - the worker by surname and given name (capitals without accents, as the norm's character set
//!   asks), sex and birth department (both read from the NIR), NIR and key, birth date;
//! - the contract's start date (and first hour for a day contract), end date for a CDD, and
//!   nature (CDD, CDI). A day contract is one contract per day, so one `FR_EmployeeGroup` each.
//!
//! A DPAE declares a hiring only: the end of a contract and corrections go to the monthly DSN
//! (signalement de fin de contrat), a cancellation is made on urssaf.fr quoting the
//! acknowledgement. For those actions the pack writes a short note saying so, as text.

use super::{ddmmyyyy, department_of_nir, nir_parts, sex_of_nir};
use crate::settings::FrenchSettings;
use chrono::{NaiveDateTime, Timelike};
use partage_core::hiring::{EmploymentKind, Filing, HiringAction, HiringDeclaration};
use partage_core::pack::PackError;
use partage_core::xml::XmlWriter;

/// The format name given with a DPAE.
pub const FORMAT: &str = "DPAE (URSSAF FR_DUE_Upload, API DPAE)";
/// The format name of the note written for an action the DPAE does not have.
pub const NOTE_FORMAT: &str = "DPAE (not applicable: note)";

/// `FR_DUE_Upload.Test.Indicator` of a real declaration.
const REAL_DECLARATION: &str = "120";

fn refuse(message: impl Into<String>) -> PackError {
    PackError::Render(message.into())
}

/// The DPAE's contract nature of `declaration`: `CDD` when it has an end, `CDI` otherwise.
pub fn nature(declaration: &HiringDeclaration) -> &'static str {
    let fixed_term = declaration.end.is_some() || declaration.kind == EmploymentKind::DayContract;
    if fixed_term {
        "CDD"
    } else {
        "CDI"
    }
}

/// Capitals without accents, and only the characters the norm accepts in a person's name.
fn person_text(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => 'A',
            'ç' | 'Ç' => 'C',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'E',
            'î' | 'ï' | 'Î' | 'Ï' => 'I',
            'ô' | 'ö' | 'Ô' | 'Ö' => 'O',
            'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => 'U',
            'ÿ' => 'Y',
            other => other.to_ascii_uppercase(),
        })
        .filter(|c| c.is_ascii_uppercase() || matches!(c, ' ' | '\'' | '-' | '.'))
        .collect();
    folded.chars().take(32).collect()
}

/// The DPAE of `declaration` for the establishment of `settings`, made at `created_at`.
pub fn render(
    declaration: &HiringDeclaration,
    settings: &FrenchSettings,
    name: &str,
    created_at: NaiveDateTime,
) -> Result<Filing, PackError> {
    match declaration.action {
        HiringAction::In | HiringAction::Update => {}
        HiringAction::Out | HiringAction::Cancel => return Ok(note(declaration, created_at)),
    }
    let siret = settings
        .siret
        .as_deref()
        .ok_or_else(|| refuse("the DPAE needs the establishment's SIRET: set pack.fr.siret"))?;
    let urssaf = settings
        .urssaf_account
        .as_deref()
        .and_then(|a| a.get(..3))
        .ok_or_else(|| refuse("the DPAE needs the URSSAF account number: set pack.fr.urssaf_account"))?;
    let ape = settings.ape.as_deref().ok_or_else(|| refuse("the DPAE needs the APE code: set pack.fr.ape"))?;
    let nir = &declaration.worker.national_id;
    let (nir13, key) = nir_parts(nir).ok_or_else(|| refuse(format!("'{nir}' is not a NIR of 15 characters")))?;
    let sex = sex_of_nir(nir).ok_or_else(|| refuse(format!("'{nir}': its first digit gives no sex")))?;
    let department = department_of_nir(nir).unwrap_or_default();
    // One contract per day of a day contract, else the employment as one contract.
    let contracts: Vec<(chrono::NaiveDate, Option<String>, Option<chrono::NaiveDate>)> = match declaration.kind {
        EmploymentKind::DayContract if !declaration.days.is_empty() => declaration
            .days
            .iter()
            .map(|d| (d.date, Some(format!("{:02}{:02}", d.start.hour(), d.start.minute())), Some(d.date)))
            .collect(),
        EmploymentKind::DayContract => return Err(refuse("a day contract's DPAE needs its days")),
        EmploymentKind::Ordinary => vec![(declaration.start, None, declaration.end)],
    };
    let nature = nature(declaration);
    let mut x = XmlWriter::new();
    x.open(
        "FR_DUE_Upload",
        &[
            ("xmlns:cct", "urn:oasis:names:tc:ubl:corecomponentTypes:1.0:0.70"),
            ("xmlns:rxdt", "http://www.repxml.org/DataTypes"),
            ("xmlns:rxorg", "http://www.repxml.org/Organization"),
            ("xmlns:rxpadr", "http://www.repxml.org/PostalAddress"),
            ("xmlns:rxpers", "http://www.repxml.org/Person_Identity"),
            ("xmlns:rxphadr", "http://www.repxml.org/PhoneAddress"),
        ],
    );
    x.leaf("FR_DUE_Upload.Test.Indicator", &[], REAL_DECLARATION);
    x.open("FR_DuesGroup", &[]);
    x.open("FR_Employer", &[]);
    x.open("FR_EmployerIdentity", &[]);
    x.leaf("rxorg:FR_Organization.SIRET.Identifier", &[], siret);
    if !name.trim().is_empty() {
        // The norm's field holds 32 characters.
        x.leaf("rxorg:FR_Organization.Designation.Text", &[], &name.trim().chars().take(32).collect::<String>());
    }
    x.leaf("rxorg:FR_Organization.APE.Code", &[], ape);
    x.close();
    x.leaf("FR_Employer.URSSAF.Code", &[], urssaf);
    x.close();
    for (start, hour, end) in contracts {
        x.open("FR_EmployeeGroup", &[]);
        x.open("FR_Employee", &[]);
        x.open("FR_EmployeeIdentity", &[]);
        x.leaf("rxpers:FR_PersonIdentity.Surname.Text", &[], &person_text(&declaration.worker.last_name));
        x.leaf("rxpers:FR_PersonIdentity.ChristianName.Text", &[], &person_text(&declaration.worker.first_name));
        x.leaf("rxpers:FR_PersonIdentity.Sex.Code", &[], &sex.to_string());
        x.open("rxpers:FR_NNI", &[]);
        x.leaf("rxpers:FR_NNI.NIR.Identifier", &[], nir13);
        x.leaf("rxpers:FR_NNI.NIRKey.Text", &[], key);
        x.close();
        x.open("rxpers:FR_Birth", &[]);
        x.leaf("rxpers:FR_Birth.Date", &[], &ddmmyyyy(declaration.worker.birth_date));
        x.close();
        x.close();
        x.open("FR_EmployeeComplement", &[]);
        x.leaf("FR_EmployeeComplement.Birth_Department.Code", &[], department);
        x.close();
        x.close();
        x.open("FR_Contract", &[]);
        x.leaf("FR_Contract.StartContract.Date", &[], &ddmmyyyy(start));
        if let Some(h) = hour {
            x.leaf("FR_Contract.StartContract.Time", &[], &h);
        }
        if nature == "CDD" {
            let end = end.ok_or_else(|| refuse("a CDD's DPAE needs its end date"))?;
            x.leaf("FR_Contract.EndContract.Date", &[], &ddmmyyyy(end));
        }
        x.leaf("FR_Contract.Nature.Code", &[], nature);
        x.close();
        x.close();
    }
    x.close();
    // The creation time is the declaration's own record; the message has no element for it.
    let _ = created_at;
    Ok(Filing { format: FORMAT, media_type: "application/xml", content: x.finish().into_bytes() })
}

/// What the node keeps for an end or a cancellation, which no DPAE declares.
fn note(declaration: &HiringDeclaration, created_at: NaiveDateTime) -> Filing {
    let what = match declaration.action {
        HiringAction::Out => format!(
            "End of contract of {} {} (NIR {}): no DPAE is made for an end; it is declared in the monthly DSN \
             (S21.G00.62, fin du contrat de travail).",
            declaration.worker.first_name, declaration.worker.last_name, declaration.worker.national_id
        ),
        _ => format!(
            "Cancellation of the DPAE {} of {} {}: made on urssaf.fr (\"annuler une DPAE\"), quoting its \
             acknowledgement; no message is uploaded.",
            declaration.previous_reference.as_deref().unwrap_or("(no acknowledgement recorded)"),
            declaration.worker.first_name,
            declaration.worker.last_name
        ),
    };
    Filing {
        format: NOTE_FORMAT,
        media_type: "text/plain",
        content: format!("{what}\nWritten {created_at}.\n").into_bytes(),
    }
}

/// The URSSAF's acknowledgement of a DPAE: its conformity certificate, ten to forty letters and
/// digits (the API DPAE's `certificat_conformite`; public clients accept it from ten characters).
pub fn check_acknowledgement(reference: &str) -> Result<(), PackError> {
    let ok = (10..=40).contains(&reference.len()) && reference.bytes().all(|b| b.is_ascii_alphanumeric());
    if ok {
        Ok(())
    } else {
        Err(PackError::InvalidIdentifier {
            what: "DPAE acknowledgement",
            message: format!("'{reference}' is not a DPAE acknowledgement (10 to 40 letters and digits)"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime};
    use partage_core::hiring::{DayOfWork, DeclaredWorker, DeclaringEmployer};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn settings() -> FrenchSettings {
        let section = [("siret", "73282932000074"), ("urssaf_account", "117000001234567890"), ("ape", "9001Z")];
        FrenchSettings::from_section(&section.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect())
            .unwrap()
    }

    pub(crate) fn declaration(kind: EmploymentKind) -> HiringDeclaration {
        HiringDeclaration {
            action: HiringAction::In,
            previous_reference: None,
            employer: DeclaringEmployer { company_id: "732829320".into(), social_security_number: None },
            worker: DeclaredWorker {
                national_id: "269054958815780".into(),
                last_name: "Lefèvre-Dubois".into(),
                first_name: "Hélène".into(),
                birth_date: d(1969, 5, 12),
            },
            kind,
            start: d(2026, 3, 2),
            end: Some(d(2026, 3, 3)),
            days: vec![
                DayOfWork {
                    date: d(2026, 3, 2),
                    start: NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
                    end: NaiveTime::from_hms_opt(23, 0, 0).unwrap(),
                },
                DayOfWork {
                    date: d(2026, 3, 3),
                    start: NaiveTime::from_hms_opt(9, 30, 0).unwrap(),
                    end: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
                },
            ],
            collective_agreement: "3090".into(),
            worker_type: "CDD".into(),
            planned_hours: None,
        }
    }

    fn at() -> NaiveDateTime {
        d(2026, 2, 27).and_hms_opt(10, 0, 0).unwrap()
    }

    #[test]
    fn a_day_contract_declares_one_cdd_per_day_with_its_first_hour() {
        let filing = render(&declaration(EmploymentKind::DayContract), &settings(), "Partage Coop", at()).unwrap();
        let xml = filing.text().unwrap();
        assert_eq!(filing.media_type, "application/xml");
        assert_eq!(xml.matches("<FR_EmployeeGroup>").count(), 2);
        assert!(xml.contains("<rxorg:FR_Organization.SIRET.Identifier>73282932000074<"));
        assert!(xml.contains("<FR_Employer.URSSAF.Code>117<"));
        assert!(xml.contains("<rxorg:FR_Organization.Designation.Text>Partage Coop<"));
        assert!(xml.contains("<rxpers:FR_PersonIdentity.Surname.Text>LEFEVRE-DUBOIS<"));
        assert!(xml.contains("<rxpers:FR_PersonIdentity.ChristianName.Text>HELENE<"));
        assert!(xml.contains("<rxpers:FR_PersonIdentity.Sex.Code>2<"));
        assert!(xml.contains("<rxpers:FR_NNI.NIR.Identifier>2690549588157<"));
        assert!(xml.contains("<rxpers:FR_NNI.NIRKey.Text>80<"));
        assert!(xml.contains("<FR_EmployeeComplement.Birth_Department.Code>49<"));
        assert!(xml.contains("<FR_Contract.StartContract.Date>03032026<"));
        assert!(xml.contains("<FR_Contract.StartContract.Time>0930<"));
        assert_eq!(xml.matches("<FR_Contract.Nature.Code>CDD<").count(), 2);
        assert!(xml.contains("<FR_DUE_Upload.Test.Indicator>120<"));
    }

    #[test]
    fn an_open_ended_contract_is_a_cdi_without_end() {
        let mut open = declaration(EmploymentKind::Ordinary);
        open.end = None;
        open.days.clear();
        let xml = String::from_utf8(render(&open, &settings(), "", at()).unwrap().content).unwrap();
        assert!(xml.contains("<FR_Contract.Nature.Code>CDI<"));
        assert!(!xml.contains("EndContract"));
        assert_eq!(nature(&open), "CDI");
    }

    #[test]
    fn a_node_without_siret_or_urssaf_account_is_told_which_key_to_set() {
        let err = render(&declaration(EmploymentKind::DayContract), &FrenchSettings::default(), "", at()).unwrap_err();
        assert!(err.to_string().contains("pack.fr.siret"), "{err}");
        let mut no_account = settings();
        no_account.urssaf_account = None;
        let err = render(&declaration(EmploymentKind::DayContract), &no_account, "", at()).unwrap_err();
        assert!(err.to_string().contains("pack.fr.urssaf_account"), "{err}");
    }

    #[test]
    fn an_end_or_a_cancellation_is_a_note_not_a_dpae() {
        let mut out = declaration(EmploymentKind::Ordinary);
        out.action = HiringAction::Out;
        let filing = render(&out, &FrenchSettings::default(), "", at()).unwrap();
        assert_eq!((filing.format, filing.media_type), (NOTE_FORMAT, "text/plain"));
        assert!(filing.text().unwrap().contains("DSN"));
    }

    #[test]
    fn an_acknowledgement_is_ten_to_forty_letters_and_digits() {
        assert!(check_acknowledgement("DPAE2026030212345678").is_ok());
        for bad in ["", "123", "DPAE 2026 0302", &"9".repeat(41)] {
            assert!(matches!(check_acknowledgement(bad), Err(PackError::InvalidIdentifier { .. })), "{bad}");
        }
    }
}
