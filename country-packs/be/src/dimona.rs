//! DIMONA, the Belgian immediate declaration of employment (déclaration immédiate de
//! l'emploi / onmiddellijke aangifte van tewerkstelling) to the NSSO (ONSS/RSZ).
//!
//! An employer declares each employment before it starts (Dimona In), its end (Out), a
//! change of its dates or hours (Update), and an employment that did not take place
//! (Cancel). The NSSO answers an In with a Dimona period number (`DimonaPeriodId`,
//! zone 00913); Out, Update and Cancel name that number, which core carries as the
//! declaration's `previous_reference`.
//!
//! Sources, NSSO glossary 2023/3 published 31/08/2023, in Dutch, as XML in
//! `BartVertongen/BelgianSocialSecurity` at commit d2228228bce49fc8fd4e96e670cbec6518bbcaea:
//! - functional blocks: `info/Xmls/FBDimona20233NL.xml` (block numbers 90xxx below);
//! - zones: `info/Xmls/Zones_Dimona20233NL.xml` (zone numbers 00xxx and 01xxx below);
//! - element order and types: the Dimona schema
//!   `BartVertongen/BelgianSocialSecurity:schema/Schemas/Dimona/Dimona_20231.xsd@739786dd2dd3192deea8acd24ced25b6b4694808`,
//!   vendored in `tests/dimona/` (see PROVENANCE.md there), which the tests check every
//!   rendered document against with `xmllint`.
//!
//! The glossary is quoted above the code applying it. What the pack writes:
//! - one `Form` per Dimona period; a day contract is one period per day (the schema's
//!   root takes any number of forms), except for students and article 17 workers, whose
//!   Dimona is one period with its planned hours;
//! - the worker by INSS alone: the glossary asks name, birth date and address only when
//!   the INSS is absent, and a spelling that differs from the national register only
//!   raises warnings (anomalies 00025-348, 00028-348);
//! - the employer by its NSSO number when it has one, and always its enterprise number.
//!
//! Blocks Partage does not carry are refused with a message rather than guessed: the
//! user company of a temporary worker (joint committee 322), the C3.2A control cards of
//! construction (124), the "small statutes" information of trainees (IVT, TRI, STG).

use crate::identifiers::belgian_enterprise_number;
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use partage_core::hiring::{EmploymentKind, Filing, HiringAction, HiringDeclaration};
use partage_core::pack::PackError;
use partage_core::xml::XmlWriter;

/// The format name given with the document.
pub const FORMAT: &str = "DIMONA (XML, glossary 2023/3)";

fn refuse(message: impl Into<String>) -> PackError {
    PackError::Render(message.into())
}

/// One Dimona period: its dates, and its hours where the glossary allows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Period {
    start: NaiveDate,
    end: Option<NaiveDate>,
    hours: Option<(NaiveTime, NaiveTime)>,
}

/// The employer's identification (block 90256, `EmployerId`).
struct EmployerId {
    /// `NOSSRegistrationNbr` (00011) or `ProvisionalNSSONbr` (00948), with its value.
    nsso: Option<(&'static str, u64)>,
    /// `CompanyID` (00014), ten digits.
    company: String,
}

/// Renders `declaration` as a DIMONA document created at `created_at` (the node's clock:
/// the pack reads none).
///
/// 00218 FormCreationDate, 00299 FormCreationHour: "Datum waarop het formulier gecreëerd
/// is." / "Tijdstip, uitgedrukt in uren, minuten, seconden en milliseconden."
/// (Onmisbaar), hence the second argument.
pub fn dimona(declaration: &HiringDeclaration, created_at: NaiveDateTime) -> Result<Filing, PackError> {
    let inss = inss(declaration)?;
    let employer = employer_id(declaration)?;
    // 00911-014 "Einddatum voorafgaand aan de begindatum" (blocking).
    if let Some(end) = declaration.end {
        if end < declaration.start {
            return Err(refuse(format!(
                "end ({end}) is before start ({}) (EndingDate, zone 00911)",
                declaration.start
            )));
        }
    }
    let mut w = XmlWriter::new();
    // 90372 Dimona: "Root van de XML-boodschap die toelaat Dimona-aangiften te genereren".
    w.open("Dimona", &[]);
    match declaration.action {
        HiringAction::In => {
            let worker_type = worker_type(&declaration.worker_type)?;
            let committee = joint_commission(&declaration.collective_agreement)?;
            let planned_hours = planned_hours(declaration, worker_type)?;
            for period in periods(declaration, worker_type)? {
                open_form(&mut w, created_at);
                // 90373 DimonaIn: "Verplicht indien het een Dimona-aangifte IN is."
                w.open("DimonaIn", &[]);
                dates(&mut w, &period, true, false);
                if let Some(hours) = planned_hours {
                    w.leaf("PlannedHoursNbr", &[], &hours.to_string());
                }
                employer_block(&mut w, &employer);
                // 90017 NaturalPerson: "Onmisbaar".
                w.open("NaturalPerson", &[]);
                w.leaf("INSS", &[], &inss);
                w.close();
                // 90374 DimonaFeatures: "Verplicht indien het formulier betrekking heeft
                // op een Dimona-aangifte IN. Verboden in de andere gevallen."
                w.open("DimonaFeatures", &[]);
                w.leaf("JointCommissionNbr", &[], committee);
                w.leaf("WorkerType", &[], worker_type);
                w.close();
                w.close();
                w.close();
            }
        }
        HiringAction::Out => {
            let period_id = period_id(declaration)?;
            // 00911 EndingDate: "Verplicht indien het formulier betrekking heeft op: een
            // Dimona-aangifte OUT".
            let end = declaration.end.ok_or_else(|| {
                refuse("end: a Dimona Out declares the last day of the employment (EndingDate, zone 00911)")
            })?;
            open_form(&mut w, created_at);
            // 90377 DimonaOut: DimonaPeriodId, EndingDate, INSS, EmployerId.
            w.open("DimonaOut", &[]);
            w.leaf("DimonaPeriodId", &[], &period_id);
            w.leaf("EndingDate", &[], &end.to_string());
            w.leaf("INSS", &[], &inss);
            employer_block(&mut w, &employer);
            w.close();
            w.close();
        }
        HiringAction::Update => {
            let period_id = period_id(declaration)?;
            let worker_type = worker_type(&declaration.worker_type)?;
            let planned_hours = planned_hours(declaration, worker_type)?;
            let period = match periods(declaration, worker_type)?.as_slice() {
                [one] => *one,
                _ => {
                    return Err(refuse(
                        "days: an update changes one Dimona period, and each day of a day contract is \
                         its own period: update each day under its own reference",
                    ))
                }
            };
            open_form(&mut w, created_at);
            // 90378 DimonaUpdate: DimonaPeriodId, then the new dates and hours.
            w.open("DimonaUpdate", &[]);
            w.leaf("DimonaPeriodId", &[], &period_id);
            // 00910 StartingDate: "Verboden als het een wijzigende Dimona-aangifte voor het
            // werknemerstype 'STU' is waarvan de begindatum strikt na 31/12/2016 valt."
            let student_after_2016 = worker_type == "STU" && period.start.year() >= 2017;
            dates(&mut w, &period, !student_after_2016, true);
            w.leaf("INSS", &[], &inss);
            if let Some(hours) = planned_hours {
                w.leaf("PlannedHoursNbr", &[], &hours.to_string());
            }
            employer_block(&mut w, &employer);
            w.close();
            w.close();
        }
        HiringAction::Cancel => {
            let period_id = period_id(declaration)?;
            open_form(&mut w, created_at);
            // 90379 DimonaCancel: DimonaPeriodId and INSS.
            w.open("DimonaCancel", &[]);
            w.leaf("DimonaPeriodId", &[], &period_id);
            w.leaf("INSS", &[], &inss);
            employer_block(&mut w, &employer);
            w.close();
            w.close();
        }
    }
    Ok(Filing { format: FORMAT, media_type: "application/xml", content: w.finish().into_bytes() })
}

/// Opens a `Form` (block 90059) and writes its header.
fn open_form(w: &mut XmlWriter, created_at: NaiveDateTime) {
    w.open("Form", &[]);
    // 00296 Identification: "Deze zone moet als waarde "DIMONA" hebben."
    w.leaf("Identification", &[], "DIMONA");
    w.leaf("FormCreationDate", &[], &created_at.date().to_string());
    // 00299 Formaat "UU:MM:SS.SSS".
    w.leaf("FormCreationHour", &[], &created_at.format("%H:%M:%S%.3f").to_string());
    // 00110 AttestationStatus: "Enkel waarde "0" wordt toegelaten als de zone deel
    // uitmaakt van het blok "Formulier" (90059)."
    w.leaf("AttestationStatus", &[], "0");
    // 00297 TypeForm: "De enige waarde in dit bericht is "SU"." (submission)
    w.leaf("TypeForm", &[], "SU");
}

/// StartingDate, StartingHour, EndingDate, EndingHour, in the schema's order.
///
/// An update without an end reopens the period. 00911 EndingDate: "Om aan te geven dat
/// de Dimonaperiode dat men wenst te wijzigen opnieuw geopend moet worden (zonder
/// einddatum), moet de waarde 9999-12-31 gebruikt worden." "De waarde 9999-12-31 wordt
/// enkel toegestaan in een wijzigende Dimona-aangifte."
fn dates(w: &mut XmlWriter, period: &Period, write_start: bool, is_update: bool) {
    // 00910/00911 Formaat "JJJJ-MM-DD"; 00777/00778 Formaat "UUMM".
    let hhmm = |t: NaiveTime| format!("{:02}{:02}", t.hour(), t.minute());
    if write_start {
        w.leaf("StartingDate", &[], &period.start.to_string());
    }
    if let Some((start, _)) = period.hours {
        w.leaf("StartingHour", &[], &hhmm(start));
    }
    match (period.end, is_update) {
        (Some(end), _) => w.leaf("EndingDate", &[], &end.to_string()),
        (None, true) => w.leaf("EndingDate", &[], "9999-12-31"),
        (None, false) => {}
    }
    if let Some((_, end)) = period.hours {
        w.leaf("EndingHour", &[], &hhmm(end));
    }
}

/// The employer block (90256, `EmployerId`).
fn employer_block(w: &mut XmlWriter, employer: &EmployerId) {
    w.open("EmployerId", &[]);
    if let Some((element, number)) = employer.nsso {
        w.leaf(element, &[], &number.to_string());
    }
    w.leaf("CompanyID", &[], &employer.company);
    w.close();
}

/// The worker's INSS (zone 00024): "Identificatienummer van een natuurlijk persoon
/// binnen de sociale zekerheid. Dit is het identificatienummer van de natuurlijke
/// persoon in het rijksregister of in het bisregister van de natuurlijke personen."
/// Formaat "NNNNNNNNNCC · NNNNNNNNN is het nummer · CC is het controlegetal": checked by
/// `national_number::checked`, the declared birth date choosing the century's rule.
fn inss(declaration: &HiringDeclaration) -> Result<String, PackError> {
    crate::national_number::checked(&declaration.worker.national_id, Some(declaration.worker.birth_date))
        .map_err(|e| refuse(format!("worker.national_id (INSS, zone 00024): {e}")))
}

/// The employer's NSSO and enterprise numbers.
///
/// 00014 CompanyID: "Getal van 10 cijfers waarvan : de posities 1 tot 8 overeenkomen met
/// een volgnummer, met op de eerste positie een cijfer gelijk aan nul of 1; de posities 9
/// en 10 overeenkomen met een controlegetal. [...] De waarde 0 is nooit toegelaten
/// wanneer het een Dimona-aangifte is." The check is the enterprise number's modulo 97
/// (`identifiers::belgian_enterprise_number`).
///
/// 00011 NOSSRegistrationNbr: "Geheel getal en element van [100006;199999934] voor de
/// definitieve nummers. [...] Indien de zone 00014 "Ondernemingsnummer" ook aanwezig is,
/// dan heeft het RSZ-nummer voorrang." 00948 ProvisionalNSSONbr: "Geheel getal en element
/// van [5000000120;5999999989]". Their check digits are not verified here: the glossary
/// does not give the rule.
fn employer_id(declaration: &HiringDeclaration) -> Result<EmployerId, PackError> {
    let company_id = declaration.employer.company_id.trim();
    let company = belgian_enterprise_number(company_id)
        .filter(|n| n.starts_with('0') || n.starts_with('1'))
        .ok_or_else(|| {
            refuse(
                "employer.company_id (CompanyID, zone 00014) is not a Belgian enterprise number: ten digits \
                 starting with 0 or 1, the last two being 97 - (first eight mod 97)",
            )
        })?;
    let nsso = match declaration.employer.social_security_number.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => {
            let field = "employer.social_security_number (NOSSRegistrationNbr, zone 00011)";
            if !raw.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | ' ')) {
                return Err(refuse(format!("{field} must be written with digits only")));
            }
            let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
            let value = digits.parse::<u64>().map_err(|_| refuse(format!("{field} has no digits or too many")))?;
            match value {
                100_006..=199_999_934 => Some(("NOSSRegistrationNbr", value)),
                5_000_000_120..=5_999_999_989 => Some(("ProvisionalNSSONbr", value)),
                _ => {
                    return Err(refuse(format!(
                        "{field}: {value} is neither a definitive NSSO number (100006 to 199999934) nor a \
                         provisional one (5000000120 to 5999999989, zone 00948)"
                    )))
                }
            }
        }
    };
    Ok(EmployerId { nsso, company })
}

/// The Dimona period number that an Out, Update or Cancel names.
///
/// 00913 DimonaPeriodId: "Nummer dat op een unieke wijze de Dimonaperiode identificeert.
/// Dit nummer wordt automatisch toegekend aan een Dimona IN die deze periode genereert."
/// "Getal in 12 posities". "Onmisbaar indien het formulier betrekking heeft op een Dimona
/// wijziging aangifte, een Dimona OUT aangifte, een Dimona annulatie aangifte".
fn period_id(declaration: &HiringDeclaration) -> Result<String, PackError> {
    let reference = declaration.previous_reference.as_deref().map(str::trim).unwrap_or_default();
    if reference.is_empty() {
        return Err(refuse(
            "previous_reference: an Out, Update or Cancel names the Dimona period number the NSSO gave \
             the Dimona In (DimonaPeriodId, zone 00913)",
        ));
    }
    if reference.len() != 12 || !reference.chars().all(|c| c.is_ascii_digit()) {
        return Err(refuse(
            "previous_reference (DimonaPeriodId, zone 00913) must be the 12-digit Dimona period number",
        ));
    }
    Ok(reference.to_owned())
}

/// Checks one Dimona period number of the NSSO's acknowledgement of a Dimona In, as
/// an Out, Update or Cancel will quote it (00913 DimonaPeriodId, "Getal in 12 posities").
pub fn check_period_id(reference: &str) -> Result<(), PackError> {
    if reference.len() != 12 || !reference.chars().all(|c| c.is_ascii_digit()) {
        return Err(PackError::InvalidIdentifier {
            what: "DimonaPeriodId (zone 00913)",
            message: format!("'{reference}' is not a 12-digit Dimona period number"),
        });
    }
    Ok(())
}

/// The worker type (zone 00655), one of the glossary's codes the pack can declare.
///
/// 00655 WorkerType, "ToegelatenDomein" (abridged): A17 (tot 2021), ALT (alternerende
/// opleiding, vanaf 1 september 2023), BCW (werknemer in de bouwsector), DWD (Dimona
/// without DmfA), EXT (gelegenheidswerknemer), FLX (flexi-job), IVT (individuele
/// beroepsopleiding), O17 (artikel 17, socio-culturele sector), PMP (parlementair
/// mandaat), QUA (tot 2022), RTA (erkende leerling in de bouwsector), S17 (artikel 17,
/// sportsector), STG (stagiair), STU (student), STX (tot 2013), T17 (artikel 17,
/// openbare TV), TEA (afgeschaft vanaf 1/2022), TRI (instapstage), OTH (andere).
fn worker_type(code: &str) -> Result<&'static str, PackError> {
    const DECLARABLE: [&str; 12] = ["ALT", "BCW", "DWD", "EXT", "FLX", "O17", "PMP", "RTA", "S17", "STU", "T17", "OTH"];
    let code = code.trim().to_ascii_uppercase();
    let field = "worker_type (WorkerType, zone 00655)";
    match code.as_str() {
        "A17" => Err(refuse(format!("{field}: A17 is refused from quarter 2022/1; use O17, S17 or T17"))),
        "QUA" => Err(refuse(format!("{field}: QUA is refused from 1 January 2023"))),
        "STX" => Err(refuse(format!("{field}: STX is refused from quarter 2014/1; use STU"))),
        "TEA" => Err(refuse(format!("{field}: TEA is abolished from quarter 2022/1"))),
        // 90594 SmallStatutesInformation: "Verplicht voor de werknemerstypes IVT, TRI en STG".
        "IVT" | "TRI" | "STG" => Err(refuse(format!(
            "{field}: {code} needs the small statutes block (SmallStatutesInformation, 90594: kind of work, \
             worker status), which Partage does not record"
        ))),
        _ => DECLARABLE.iter().copied().find(|known| *known == code).ok_or_else(|| {
            refuse(format!("{field}: '{code}' is not in the glossary's list ({})", DECLARABLE.join(", ")))
        }),
    }
}

/// The joint committee as Dimona codes it (zone 00046): a few sectors by number, `XXX`
/// for every other one.
///
/// 00046 JointCommissionNbr, Formaat "CCC of CCC.CC of CCC.CC.CC"; "De enige waarden die
/// in dit bericht zijn toegelaten zijn: 124 = Paritair Comité van het bouwbedrijf, 140 =
/// [...] transport en logistiek, 144 = [...] landbouw, 145 = [...] tuinbouwbedrijven, 149
/// = Paritair Comité voor Elektriciens: installatie en distributie, 302 = [...]
/// hotelnijverheid, 320 = [...] begrafenisondernemingen, 322 = [...] uitzendarbeid [...],
/// XXX = andere sectoren". The schema enumerates exactly these values.
///
/// The committee is checked against the glossary's format, then coded. 149 is written
/// only for 149 itself and its sub-committee 149.01 (electricians: installation and
/// distribution, the glossary's label); the other 149 sub-committees are `XXX`.
fn joint_commission(committee: &str) -> Result<&'static str, PackError> {
    let committee = committee.trim();
    let field = "joint_committee (JointCommissionNbr, zone 00046)";
    let mut parts = committee.split('.');
    let main = parts.next().unwrap_or_default();
    let subs: Vec<&str> = parts.collect();
    let well_formed = main.len() == 3
        && main.chars().all(|c| c.is_ascii_digit())
        && subs.len() <= 2
        && subs.iter().all(|s| s.len() == 2 && s.chars().all(|c| c.is_ascii_digit()));
    if !well_formed {
        return Err(refuse(format!(
            "{field}: '{committee}' is not a joint committee number (CCC, CCC.CC or CCC.CC.CC, e.g. 200 or 329.02)"
        )));
    }
    match main {
        // 90375 ConstructionControlCards: "Verplicht indien het paritair comité [...] "124" is".
        "124" => Err(refuse(format!(
            "{field}: construction (124) needs the C3.2A control card numbers (ConstructionControlCards, \
             90375), which Partage does not record"
        ))),
        // 90107 UsingEmployer: "Verplicht indien het formulier betrekking heeft op een
        // Dimona-aangifte IN voor een werknemer van de uitzendsector (Paritair comité = 322)."
        "322" => Err(refuse(format!(
            "{field}: temporary work (322) needs the user company (UsingEmployer, 90107), which Partage \
             does not record"
        ))),
        "140" => Ok("140"),
        "144" => Ok("144"),
        "145" => Ok("145"),
        "149" if subs.first().is_none_or(|s| *s == "01") => Ok("149"),
        "302" => Ok("302"),
        "320" => Ok("320"),
        _ => Ok("XXX"),
    }
}

/// The planned hours, for the worker types that must give them.
///
/// 01135 PlannedHoursNbr: "Aantal werkuren die de werkgever heeft gepland in de
/// aangegeven Dimona-periode." "Geheel getal en element van [1,999]". "Verplicht indien de
/// aangifte uitgevoerd werd voor de types werknemer "STU", "O17" en "S17". Verboden voor
/// de andere types werknemer." For other types the hours are left out.
fn planned_hours(declaration: &HiringDeclaration, worker_type: &str) -> Result<Option<u32>, PackError> {
    if !matches!(worker_type, "STU" | "O17" | "S17") {
        return Ok(None);
    }
    match declaration.planned_hours {
        Some(hours @ 1..=999) => Ok(Some(hours)),
        Some(hours) => Err(refuse(format!("planned_hours (PlannedHoursNbr, zone 01135): {hours} is not in 1 to 999"))),
        None => Err(refuse(format!(
            "planned_hours (PlannedHoursNbr, zone 01135) is required for worker type {worker_type}"
        ))),
    }
}

/// The Dimona periods of an In or Update, checked against the glossary's rules on dates
/// and hours.
fn periods(declaration: &HiringDeclaration, worker_type: &str) -> Result<Vec<Period>, PackError> {
    let (start, end) = (declaration.start, declaration.end);
    let quarter = |d: NaiveDate| (d.year(), d.month0() / 3);
    // 00911 EndingDate: "Verplicht indien [...] het een Dimona-aangifte IN is [...] van een
    // gelegenheidswerknemer (Type werknemer = EXT), een student (Type werknemer = STU) [...]
    // of een Artikel 17 (Type werknemer = A17, O17, S17 of T17)."
    let end_required = matches!(worker_type, "EXT" | "STU" | "O17" | "S17" | "T17");
    if end_required && end.is_none() {
        return Err(refuse(format!("end (EndingDate, zone 00911) is required for worker type {worker_type}")));
    }
    // 00911: "Voor een student (type werknemer = STU) of een Artikel 17 (type werknemer =
    // O17 of S17) moet de einddatum in hetzelfde trimester vallen als de begindatum."
    if let (true, Some(end)) = (matches!(worker_type, "STU" | "O17" | "S17"), end) {
        if quarter(end) != quarter(start) {
            return Err(refuse(format!(
                "end (EndingDate, zone 00911): for worker type {worker_type} start {start} and end {end} must \
                 fall in the same quarter"
            )));
        }
    }
    // 00911: "Voor [...] een Dimona Artikel 17 (de type A17 of T17) [...] moet de einddatum
    // gelijk zijn aan de begindatum."
    if worker_type == "T17" && end != Some(start) {
        return Err(refuse("end (EndingDate, zone 00911): for worker type T17 the end must be the start day"));
    }
    match declaration.kind {
        EmploymentKind::Ordinary => {
            // 00777 StartingHour: "Verplicht indien het formulier betrekking heeft op een
            // Dimona-aangifte IN voor een gelegenheidswerknemer (Type werknemer = EXT)".
            if worker_type == "EXT" {
                return Err(refuse(
                    "kind: an occasional worker (EXT) is declared with the hours of each day: declare a day contract",
                ));
            }
            // 00911: "Om een Dimona voor een Flexi-Job te doen per periode moet de
            // einddatum altijd na de begindatum liggen."
            if worker_type == "FLX" && end == Some(start) {
                return Err(refuse(
                    "kind: a one-day flexi-job is declared with its hours (StartingHour, EndingHour): declare a \
                     day contract",
                ));
            }
            Ok(vec![Period { start, end, hours: None }])
        }
        EmploymentKind::DayContract => day_periods(declaration, worker_type),
    }
}

/// The periods of a day contract, after checking its days.
///
/// 00777/00778 StartingHour, EndingHour: "Verplicht indien het formulier betrekking heeft
/// op een Dimona IN-aangifte voor een Flexi-jobprestatie van een dag (type werknemer =
/// FLX) of voor een gelegenheidswerknemer (type werknemer = EXT) [...] Verboden in de
/// andere gevallen." So only EXT and FLX days carry their hours; other day contracts are
/// declared as one-day periods, the hours staying in the contract. 00778-345: "Het
/// einduur valt vroeger dan het beginuur" (blocking).
fn day_periods(declaration: &HiringDeclaration, worker_type: &str) -> Result<Vec<Period>, PackError> {
    let last = declaration.end.unwrap_or(declaration.start);
    if declaration.days.is_empty() {
        return Err(refuse("days: a day contract needs at least one day with its start and end hours"));
    }
    let minutes = |t: NaiveTime| t.hour() * 60 + t.minute();
    let mut days = declaration.days.clone();
    days.sort_by_key(|d| (d.date, d.start));
    for (index, day) in days.iter().enumerate() {
        if minutes(day.end) <= minutes(day.start) {
            return Err(refuse(format!(
                "days: on {} the end hour {} is not after the start hour {} (EndingHour, zone 00778)",
                day.date,
                day.end.format("%H:%M"),
                day.start.format("%H:%M")
            )));
        }
        if day.date < declaration.start || day.date > last {
            return Err(refuse(format!(
                "days: {} is outside the employment, {} to {last}",
                day.date, declaration.start
            )));
        }
        // 90373-334 "Overlappende Dimonaperiode" (blocking).
        if let Some(previous) = index.checked_sub(1).and_then(|i| days.get(i)) {
            if previous.date == day.date && minutes(day.start) < minutes(previous.end) {
                return Err(refuse(format!("days: two periods overlap on {}", day.date)));
            }
        }
    }
    if matches!(worker_type, "STU" | "O17" | "S17") {
        // Declared per period with planned hours (zone 01135), not per day.
        return Ok(vec![Period { start: declaration.start, end: Some(last), hours: None }]);
    }
    let with_hours = matches!(worker_type, "EXT" | "FLX");
    Ok(days
        .iter()
        .map(|d| Period { start: d.date, end: Some(d.date), hours: with_hours.then_some((d.start, d.end)) })
        .collect())
}
