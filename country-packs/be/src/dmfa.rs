//! DmfA, the Belgian quarterly multifunctional return (déclaration multifonctionnelle /
//! multifunctionele aangifte) to the NSSO (ONSS/RSZ): per worker, the pay, the time worked
//! and the social security contributions of a quarter. This module writes the original
//! return (`DmfAOriginal`); amendments are another message and are not written here.
//!
//! Sources, and how far each was checked:
//! - element names, order, types and ranges: the NSSO schema `DmfAOriginal_20223.xsd`
//!   (2022/3), vendored in `tests/dmfa/` (see PROVENANCE.md there); the tests validate
//!   every rendered document against it with `xmllint`. Each element's
//!   `xs:documentation` is its glossary zone (00xxx) or block (90xxx) number, quoted
//!   below;
//! - block descriptions: NSSO glossary 2023/3 (31/08/2023), in Dutch, as XML in
//!   `BartVertongen/BelgianSocialSecurity:info/Xmls/FBDMFA20233NL.xml@d2228228bce49fc8fd4e96e670cbec6518bbcaea`;
//! - zone descriptions shared with the Capelo return (same zone numbers): NSSO glossary
//!   2023/1 as SQL in `BartVertongen/BelgianSocialSecurity:info/Xmls/Capelo_Zones_20231.sql@b75dd0c11d0b05d995b0aca3e127414f3a5efacc`
//!   (00048, 00049 hours in hundredths; 00050 contract type). The DmfA's own zone
//!   glossary (https://www.socialsecurity.be/docu_xml/dmfa/DmfAOriginal_20263.html) was
//!   not readable from here;
//! - worker codes (annex 2 "Werknemerskengetallen - Gewone bijdrage"), as listed by the
//!   Crossroads Bank's data warehouse:
//!   https://www.ksz-bcss.fgov.be/dwh/nl/variabledetail/federaal-agentschap-voor-beroepsrisicos/Variables/werknemerscode-rsz-2
//!   and https://bcss.fgov.be/dwh/nl/variabledetail/rijksdienst-voor-sociale-zekerheid/Variables/werknemerscode-2;
//! - NSSO instructions:
//!   https://www.socialsecurity.be/employer/instructions/dmfa/nl/2019-3/instructions/fill_in_dmfa/dmfa_fillinrules/workerrecord_occupationrecords/workerrecord.html,
//!   https://www.socialsecurity.be/employer/instructions/dmfa/fr/2019-2/instructions/fill_in_dmfa/dmfa_fillinrules/workerrecord_occupationrecords/occupationrecord.html,
//!   https://www.socialsecurity.be/employer/instructions/dmfa/fr/2022-2/instructions/fill_in_dmfa/dmfa_fillinrules/salarydata/remunerationcode.html;
//! - NOT official, marked "sample" below: the contribution and deduction codes (856 for
//!   the special contribution, 0001 for the work bonus), the contribution type 0, the
//!   value 0 of Trusteeship, Border and Retired, and the net amount owed as contributions
//!   less deductions. They come from the expected DmfA documents of a third-party payroll
//!   (Odoo Enterprise `l10n_be_hr_payroll` tests, January-March 2025, read as facts in a
//!   public mirror) and agree with its figures to the cent, but were not found in the
//!   glossary's annexes. Check them against the glossary's annexes before filing. That
//!   sample also declares employer contributions per worker (255, 256, 809, 810, 831,
//!   859) and some not tied to a person (862, 870); the pack writes 255, 256, 809/811,
//!   810, 855 and 859 (below), not 831, 862 or 870. Since confirmed by the NSSO's
//!   structured messages 2022-2 (copies in BartVertongen/BelgianSocialSecurity@ad2083a3d847e2d8ff21a62d0e022c27d169af11,
//!   `schema/structured-messages/`): 856 "Bijzondere bijdrage bestemd voor de financiering
//!   van de sociale zekerheid (Wet van 30 maart 1994)", 809, 810, 811, 855 and 859 in
//!   `EmployeeCodes2022-2_2.xml`; deduction codes 0001 (work bonus, worker line), 3000 and
//!   4300 (occupation), each "calculation-base forbidden", in `ReductionCodes2022-2_4.xml`.
//!
//! Employer side (see `payroll::employer`): per occupation, the structural reduction of
//! the quarter (OccupationDeduction, deduction code 3000) and, for an artist (worker code
//! 046), the regional artists' target-group reduction (deduction code 4300; both codes from
//! the NSSO's reduction-code list 2022-2, grade OFF via OSS), computed from the occupation's
//! wage and hours with the quarter's parameters. A quarter where an artist's reduction needs
//! a floor no source gives (`floor = "unknown"` in its parameter file) or the employer's region
//! (`pack.be.region` unset) is refused; per worker record, the special employer contributions of the
//! employer's profile under their NSSO rate-file codes (809 or 811 Closing Fund basic,
//! 810 special, 855 ten workers or more, 859 temporary unemployment, 256 asbestos, 255
//! work accidents; NSSO TechLib rate file 2026/2 as copied in Jspmoi19/duxsalary, grade
//! OFF via OSS). A quarter whose Closing Fund rate no source gives (2023 and 2024) is
//! refused with `PackError::RateNotSourced`, naming the rate.
//!
//! What the pack writes, per worker: one `WorkerRecord` per worker code (the instructions:
//! "Alleen in het geval dat [...] het werknemerskengetal verandert [...], moet u meer dan
//! één werknemerslijn maken"), one `Occupation` per employment line, its days and hours
//! worked under service code 1 and its gross pay under remuneration code 1, then the
//! contributions and the work bonus of the worker record. What it refuses rather than
//! guesses: employers without a
//! definitive NSSO number or an employer category, and amounts or times the schema cannot
//! carry.

use crate::identifiers::belgian_enterprise_number;
use crate::payroll::employer::{self, EmployerProfile};
use crate::payroll::params::PayrollParameters;
use crate::payroll::r2;
use chrono::{NaiveDate, NaiveDateTime};
use partage_core::hiring::Filing;
use partage_core::money::{Currency, Money};
use partage_core::pack::PackError;
use partage_core::social_return::{DeclaredAmounts, EmploymentLine, LineAmounts, ReturnFrequency, SocialReturn};
use partage_core::xml::XmlWriter;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// The format name given with the document.
pub const FORMAT: &str = "DmfA (XML, DmfAOriginal schema 2022/3)";

/// The worker code of white-collar workers (annex 2: "495 bedienden en onthaalhouders").
pub const WHITE_COLLAR_CODE: &str = "495";

/// The worker code of manual workers (annex 2: "015 arbeiders en gelijkgestelden").
pub const MANUAL_CODE: &str = "015";

/// The worker code of artists (art. 1bis of the law of 27 June 1969): "046" in the NSSO
/// TechLib rate file 2026/2 (employee 13.07 %, employer 19.88 + 5.12 %), as copied in
/// Jspmoi19/duxsalary `onss_trimestres/2026Q2.json` (research grade OFF via OSS); a payroll
/// bureau's simulator lists the contract type "Artiest (46)" (BUR).
pub const ARTIST_CODE: &str = "046";

/// The deduction code of the structural reduction: "3000 Structurele vermindering", federal,
/// linked to the occupation, calculation basis forbidden, amount obligatory (NSSO
/// reduction-code list 2022-2, `schema/structured-messages/ReductionCodes2022-2_4.xml` in
/// BartVertongen/BelgianSocialSecurity@ad2083a3d847e2d8ff21a62d0e022c27d169af11; Odoo's DmfA
/// code declares the same code).
pub const STRUCTURAL_REDUCTION_CODE: &str = "3000";

/// The deduction code of the artists' regional target-group reduction: "4300 Kunstenaars /
/// Artistes", regional (Flemish, Brussels, Walloon and German-speaking regions), from
/// 2014/1, linked to the occupation, calculation basis forbidden, amount obligatory (same
/// NSSO list and commit as `STRUCTURAL_REDUCTION_CODE`; the federal code 1531 it replaced
/// ended in 2013/4). The list is of 2022; that the code outlived Flanders' abolition of
/// 2026-04-01 for Brussels and Wallonia is assumed.
pub const ARTISTS_REDUCTION_CODE: &str = "4300";

/// The contribution code of the special social security contribution (BBSZ/CSSS): the
/// sample's, confirmed by the NSSO's worker-code list 2022-2 (see the module's sources).
pub const SPECIAL_CONTRIBUTION_CODE: &str = "856";

/// The deduction code of the social work bonus: the sample's, confirmed by the NSSO's
/// reduction-code list 2022-2 ("0001 Vermindering van de persoonlijke bijdragen voor de
/// werknemers met een werkbonus", worker line, calculation basis forbidden).
pub const WORK_BONUS_DEDUCTION_CODE: &str = "0001";

fn refuse(message: impl Into<String>) -> PackError {
    PackError::Render(message.into())
}

/// One `WorkerRecord` (block 90012): a worker's lines under one worker code.
struct WorkerRecord<'a> {
    code: &'static str,
    lines: Vec<(usize, &'a EmploymentLine)>,
}

/// Renders `ret` as a DmfA original return created at `created_at` (the node's clock: the
/// pack reads none).
///
/// 00218 FormCreationDate, 00299 FormCreationHour: the form's creation date and time,
/// hence the second argument.
pub fn dmfa(ret: &SocialReturn, created_at: NaiveDateTime) -> Result<Filing, PackError> {
    dmfa_for(ret, created_at, &PayrollParameters::load()?, &EmployerProfile::default())
}

/// The employer side of one worker record: its special contributions (code, base,
/// amount) and each occupation's structural reduction and artists' reduction, in line order.
struct EmployerSide {
    contributions: Vec<(&'static str, Money, Money)>,
    reductions: Vec<Money>,
    artists: Vec<Money>,
}

fn eur(d: Decimal) -> Money {
    Money::rounded(d, Currency::EUR, partage_core::money::RoundingRule::HalfUp)
}

/// Computes the employer side of `record` with the parameters of the quarter starting
/// on `first`; refuses a quarter whose rate no source gives.
/// Hours of a line under service code 1; a line with days only counts the reference
/// person's day (U / 5).
fn line_hours(line: &EmploymentLine) -> Decimal {
    if line.hours_worked > Decimal::ZERO {
        line.hours_worked
    } else {
        line.days_worked * line.working_time.reference_weekly_hours / Decimal::from(5)
    }
}

/// µglob: the sum of the work fractions of every line of a worker with the employer in
/// the quarter (β depends on it, not on one occupation's µ).
fn global_fraction(person: &Person<'_>) -> Decimal {
    person
        .records
        .iter()
        .flat_map(|r| &r.lines)
        .map(|(_, line)| employer::quarter_fraction(line_hours(line), line.working_time.reference_weekly_hours))
        .sum()
}

fn employer_side(
    record: &WorkerRecord<'_>,
    params: &PayrollParameters,
    profile: &EmployerProfile,
    first: NaiveDate,
    period: &str,
    person: &Person<'_>,
) -> Result<EmployerSide, PackError> {
    let global_mu = global_fraction(person);
    let fund = params.closing_fund.at(first)?;
    let other = params.special_contributions.at(first)?;
    let reduction = params.structural_reduction.at(first)?;
    let basic_rate = params.employer_rate.at(first)?.value;
    let sums = record_sums(record).map_err(|e| refuse(e.to_string()))?;
    let base = sums.contribution_base.amount();
    let mut contributions = Vec::new();
    for c in employer::contributions(profile, &fund.value, &other.value) {
        let Some(rate) = c.rate else {
            return Err(PackError::RateNotSourced {
                parameter: c.parameter.to_owned(),
                period: period.to_owned(),
                note: format!("{} (DmfA code {}); {}", c.label, c.dmfa_code, fund.source),
            });
        };
        contributions.push((c.dmfa_code, sums.contribution_base, eur(r2(base * rate))));
    }
    let mut reductions = Vec::with_capacity(record.lines.len());
    let mut artists = Vec::with_capacity(record.lines.len());
    for (l, line) in &record.lines {
        let cap = r2(line.amounts.contribution_base.amount() * basic_rate);
        let (wage, hours, week) =
            (line.amounts.gross.amount(), line_hours(line), line.working_time.reference_weekly_hours);
        let structural = employer::quarterly(&reduction.value, wage, hours, week, global_mu, cap);
        let artist = if record.code == ARTIST_CODE {
            let at = format!("{}.lines[{l}]", person.path);
            artists_reduction(params, profile, first, period, &at, line, global_mu, cap - structural)?
        } else {
            Decimal::ZERO
        };
        reductions.push(eur(structural));
        artists.push(eur(artist));
    }
    Ok(EmployerSide { contributions, reductions, artists })
}

/// The artists' reduction of one occupation of the quarter starting on `first` (code 4300),
/// within `room`; refuses rather than guesses when the quarter's floor or the employer's
/// region is needed and unknown.
#[allow(clippy::too_many_arguments)]
fn artists_reduction(
    params: &PayrollParameters,
    profile: &EmployerProfile,
    first: NaiveDate,
    period: &str,
    at: &str,
    line: &EmploymentLine,
    global_mu: Decimal,
    room: Decimal,
) -> Result<Decimal, PackError> {
    let p = params.artists_reduction.at(first)?;
    let applies = employer::artists_region_applies(&p.value, profile.region);
    if applies == Some(false) {
        return Ok(Decimal::ZERO);
    }
    let Some(floor) = p.value.floor else {
        return Err(PackError::RateNotSourced {
            parameter: "payroll.employer.artists_reduction.floor".to_owned(),
            period: period.to_owned(),
            note: format!(
                "the artists' target-group reduction (DmfA code {ARTISTS_REDUCTION_CODE}) is due from a quarterly \
                 reference wage of 3 x the GGMMI of the quarter's first month, not found for the quarter; {}",
                p.source
            ),
        });
    };
    let (wage, hours, week) = (line.amounts.gross.amount(), line_hours(line), line.working_time.reference_weekly_hours);
    let amount = employer::artists_quarterly(&p.value, floor, wage, hours, week, global_mu, room);
    if amount > Decimal::ZERO && applies.is_none() {
        let regions: Vec<&str> = p.value.regions.iter().map(|r| r.name()).collect();
        return Err(refuse(format!(
            "pack.be.region is not set: {at} is an artist due the regional artists' reduction (DmfA code \
             {ARTISTS_REDUCTION_CODE}) in {} and not elsewhere; set the region of the place of employment",
            regions.join(", ")
        )));
    }
    Ok(amount)
}

/// What `dmfa_for` declares for `ret`, by code: every `WorkerContribution` (the worker
/// code's ordinary contribution, 856, the special employer contributions) and every
/// deduction (0001 per worker record, 3000 and 4300 per occupation), and the net owed
/// (zone 00015), computed as the document is.
pub fn declared_for(
    ret: &SocialReturn,
    params: &PayrollParameters,
    profile: &EmployerProfile,
) -> Result<DeclaredAmounts, PackError> {
    Ok(prepare(ret, params, profile)?.declared)
}

/// A return checked, its workers grouped by worker code, their employer sides computed.
struct Prepared<'a> {
    first: NaiveDate,
    last: NaiveDate,
    nsso: u64,
    company: String,
    category: &'a str,
    people: Vec<Person<'a>>,
    sides: Vec<Vec<EmployerSide>>,
    declared: DeclaredAmounts,
}

fn prepare<'a>(
    ret: &'a SocialReturn,
    params: &PayrollParameters,
    profile: &EmployerProfile,
) -> Result<Prepared<'a>, PackError> {
    // 00013 Quarter: the schema's minimum is 20031, the first quarter of the DmfA.
    let year = ret.period.year;
    if year < 2003 {
        return Err(refuse(format!("year: the DmfA exists from quarter 2003/1, not {year}")));
    }
    if ret.period.frequency != ReturnFrequency::Quarterly {
        return Err(refuse(format!("period: a DmfA declares a quarter, not {}", ret.period.key())));
    }
    ret.check().map_err(|e| refuse(e.to_string()))?;
    let (first, last) =
        (ret.first_day().map_err(|e| refuse(e.to_string()))?, ret.last_day().map_err(|e| refuse(e.to_string()))?);
    if let Some(currency) = ret.currency().filter(|c| *c != Currency::EUR) {
        return Err(refuse(format!("amounts: a DmfA is in euro cents, not {currency}")));
    }
    let nsso = nsso_number(ret)?;
    let company = company_id(ret)?;
    let category = employer_category(ret)?;
    let people = people(ret)?;
    let period = ret.period.key();
    let mut sides = Vec::new();
    for person in &people {
        let mut mine = Vec::with_capacity(person.records.len());
        for record in &person.records {
            mine.push(employer_side(record, params, profile, first, &period, person)?);
        }
        sides.push(mine);
    }
    let declared = declared(&people, &sides)?;

    Ok(Prepared { first, last, nsso, company, category, people, sides, declared })
}

/// Renders `ret` as a DmfA original return with the pack's `params` and the employer's
/// `profile` (its special contributions and the structural reduction).
pub fn dmfa_for(
    ret: &SocialReturn,
    created_at: NaiveDateTime,
    params: &PayrollParameters,
    profile: &EmployerProfile,
) -> Result<Filing, PackError> {
    let Prepared { first, last, nsso, company, category, people, sides, declared } = prepare(ret, params, profile)?;
    let owed = declared.net_owed.to_minor().map_err(|e| refuse(format!("amounts: {e}")))?;
    let (year, quarter) = (ret.period.year, ret.period.number);
    let mut w = XmlWriter::new();
    // 90169 DmfAOriginal: root, one or more forms; one form per employer declaration.
    w.open("DmfAOriginal", &[]);
    w.open("Form", &[]);
    // 00296 Identification: the schema's only value is DMFA.
    w.leaf("Identification", &[], "DMFA");
    w.leaf("FormCreationDate", &[], &created_at.date().to_string());
    // 00299: pattern \d{2}:\d{2}:\d{2}.\d{3}.
    w.leaf("FormCreationHour", &[], &created_at.format("%H:%M:%S%.3f").to_string());
    // 00110 AttestationStatus and 00297 TypeForm: the schema allows only 0 and SU.
    w.leaf("AttestationStatus", &[], "0");
    w.leaf("TypeForm", &[], "SU");
    // 90007 EmployerDeclaration: 00013 Quarter (\d{4}(1|2|3|4)), 00011, 00012, 00014, 00015.
    w.open("EmployerDeclaration", &[]);
    w.leaf("Quarter", &[], &format!("{year}{quarter}"));
    w.leaf("NOSSRegistrationNbr", &[], &nsso.to_string());
    // Sample: 0 for an employer not under trusteeship (00012, 0 or 1).
    w.leaf("Trusteeship", &[], "0");
    w.leaf("CompanyID", &[], &company);
    w.leaf("NetOwedAmount", &[], &owed.to_string());
    for (sequence, (person, side)) in people.iter().zip(&sides).enumerate() {
        // 90017 NaturalPerson: 00023 sequence number [1;9999999] "uniek binnen een
        // aangifte", 00024 INSS; name, birth and address are forbidden (maxOccurs 0).
        w.open("NaturalPerson", &[]);
        w.leaf("NaturalPersonSequenceNbr", &[], &(sequence + 1).to_string());
        w.leaf("INSS", &[], &person.inss);
        for (record, side) in person.records.iter().zip(side) {
            write_record(&mut w, person, record, side, category, first, last)?;
        }
        w.close();
    }
    w.close();
    w.close();
    w.close();
    Ok(Filing { format: FORMAT, media_type: "application/xml", content: w.finish().into_bytes() })
}

/// A worker checked and grouped by worker code.
struct Person<'a> {
    /// Path of the worker in the return, for messages.
    path: String,
    inss: String,
    records: Vec<WorkerRecord<'a>>,
}

/// Checks every worker's INSS and lines, and groups their lines by worker code.
fn people(ret: &SocialReturn) -> Result<Vec<Person<'_>>, PackError> {
    if ret.workers.len() > 9_999_999 {
        return Err(refuse("workers: a DmfA numbers at most 9999999 people (zone 00023)"));
    }
    let mut people: Vec<Person<'_>> = Vec::with_capacity(ret.workers.len());
    for (index, returned) in ret.workers.iter().enumerate() {
        let path = format!("workers[{index}]");
        // 00024 INSS: \d{11}; checked with the national number's check digits.
        let inss = crate::national_number::checked(&returned.worker.national_id, Some(returned.worker.birth_date))
            .map_err(|e| refuse(format!("{path}.worker.national_id (INSS, zone 00024): {e}")))?;
        if let Some(other) = people.iter().find(|p| p.inss == inss) {
            return Err(refuse(format!(
                "{path}.worker.national_id: {inss} is also {}; a DmfA names each person once, with all their lines",
                other.path
            )));
        }
        let mut records: Vec<WorkerRecord<'_>> = Vec::new();
        for (l, line) in returned.lines.iter().enumerate() {
            let code = worker_code(&line.category).map_err(|m| refuse(format!("{path}.lines[{l}].category: {m}")))?;
            match records.iter_mut().find(|r| r.code == code) {
                Some(record) => record.lines.push((l, line)),
                None => records.push(WorkerRecord { code, lines: vec![(l, line)] }),
            }
        }
        // 00043 OccupationSequenceNbr: [1;99].
        if records.iter().any(|r| r.lines.len() > 99) {
            return Err(refuse(format!("{path}.lines: a DmfA takes at most 99 lines per worker code (zone 00043)")));
        }
        people.push(Person { path, inss, records });
    }
    Ok(people)
}

/// The worker code (zone 00037) of a category, from annex 2.
///
/// The annex, as the Crossroads Bank lists it: "015 arbeiders en gelijkgestelden", "495
/// bedienden en onthaalhouders". Artists are refused: their contributions are computed
/// on 108 % like manual workers' ("For blue-collar workers and artists, the social security
/// contributions are calculated on the gross salary plus 8%", NSSO,
/// <https://onss.fgov.be/en/employers-and-nsso/paying-contributions>), under worker code 046
/// (`ARTIST_CODE`).
fn worker_code(category: &str) -> Result<&'static str, String> {
    match category {
        "white-collar" => Ok(WHITE_COLLAR_CODE),
        "manual" => Ok(MANUAL_CODE),
        "artist" => Ok(ARTIST_CODE),
        other => Err(format!("'{other}' is not a Belgian category (white-collar, manual, artist)")),
    }
}

/// Writes a `WorkerRecord` (block 90012) and its occupations, contributions and deduction.
fn write_record(
    w: &mut XmlWriter,
    person: &Person<'_>,
    record: &WorkerRecord<'_>,
    side: &EmployerSide,
    category: &str,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<(), PackError> {
    let sums = record_sums(record).map_err(|e| refuse(format!("{}.lines: {e}", person.path)))?;
    w.open("WorkerRecord", &[]);
    // WorkerRecordType: 00036 EmployerClass, 00037 WorkerCode, 00038/00039 the quarter's
    // first and last days, 00040 Border.
    w.leaf("EmployerClass", &[], category);
    w.leaf("WorkerCode", &[], record.code);
    w.leaf("NOSSQuarterStartingDate", &[], &first.to_string());
    w.leaf("NOSSQuarterEndingDate", &[], &last.to_string());
    // Sample: 0 for a worker who is not a frontier worker (00040, 0 or 1).
    w.leaf("Border", &[], "0");
    for (sequence, (l, line)) in record.lines.iter().enumerate() {
        let zero = Money::zero(Currency::EUR);
        let reduction = side.reductions.get(sequence).copied().unwrap_or(zero);
        let artists = side.artists.get(sequence).copied().unwrap_or(zero);
        write_occupation(w, &format!("{}.lines[{l}]", person.path), sequence + 1, line, [reduction, artists], last)?;
    }
    // 90001 WorkerContribution: 00082 ContributionWorkerCode, 00083 ContributionType,
    // 00084 ContributionCalculationBasis, 00085 ContributionAmount, in cents. Sample: the
    // ordinary contribution is declared under the worker code itself, worker's and
    // employer's parts on one line (the sample's 38.07 % = 13.07 + 25.00).
    let ordinary =
        sums.employee_contribution.checked_add(sums.employer_contribution).map_err(|e| refuse(e.to_string()))?;
    w.open("WorkerContribution", &[]);
    w.leaf("ContributionWorkerCode", &[], record.code);
    w.leaf("ContributionType", &[], "0");
    w.leaf("ContributionCalculationBasis", &[], &cents(sums.contribution_base, "contribution_base", 99_999_999_999)?);
    w.leaf(
        "ContributionAmount",
        &[],
        &cents(ordinary, "employee_contribution + employer_contribution", 99_999_999_999)?,
    );
    w.close();
    if sums.special_contribution.is_positive() {
        // Sample: the special social security contribution, without a basis.
        w.open("WorkerContribution", &[]);
        w.leaf("ContributionWorkerCode", &[], SPECIAL_CONTRIBUTION_CODE);
        w.leaf("ContributionType", &[], "0");
        w.leaf("ContributionAmount", &[], &cents(sums.special_contribution, "special_contribution", 99_999_999_999)?);
        w.close();
    }
    for (code, base, amount) in side.contributions.iter().filter(|(_, _, a)| a.is_positive()) {
        // Special employer contributions, type 0 (with wage moderation where the rate
        // file has it), on the worker record's base.
        w.open("WorkerContribution", &[]);
        w.leaf("ContributionWorkerCode", &[], code);
        w.leaf("ContributionType", &[], "0");
        w.leaf("ContributionCalculationBasis", &[], &cents(*base, "contribution_base", 99_999_999_999)?);
        w.leaf("ContributionAmount", &[], &cents(*amount, code, 99_999_999_999)?);
        w.close();
    }
    let work_bonus = sums.reduction(crate::payroll::WORK_BONUS);
    if work_bonus.is_positive() {
        // 90110 WorkerDeduction: 00086 DeductionCode, 00089 DeductionAmount. Sample: code
        // 0001, the work bonus. Work bonus A and B (2024) are summed: whether the DmfA
        // splits them is not known here.
        w.open("WorkerDeduction", &[]);
        w.leaf("DeductionCode", &[], WORK_BONUS_DEDUCTION_CODE);
        w.leaf("DeductionAmount", &[], &cents(work_bonus, "work_bonus", 99_999_999_999)?);
        w.close();
    }
    w.close();
    Ok(())
}

/// Writes an `Occupation` (block 90015) with its service and remuneration.
fn write_occupation(
    w: &mut XmlWriter,
    path: &str,
    sequence: usize,
    line: &EmploymentLine,
    [reduction, artists]: [Money; 2],
    last: NaiveDate,
) -> Result<(), PackError> {
    let time = &line.working_time;
    let field = |name: &str| format!("{path}.{name}");
    // 00047 WorkingDaysSystem: [0;700], days per week in hundredths (500 for five days,
    // as in the sample).
    let days_per_week = hundredths(time.days_per_week, &field("working_time.days_per_week"), 1, 700)?;
    // 00048 MeanWorkingHours: "Gemiddeld aantal uren per week (uitgedrukt in honderdsten
    // van uren)", "[1;4800] voor alle werknemers, met uitzondering van de hierna
    // vermelde"; "Indien het aantal dagen per week van de arbeidsregeling gelijk is aan
    // nul, moet het gemiddeld aantal uren per week van de werknemer gelijk zijn aan nul,
    // en omgekeerd."
    let weekly = hundredths(time.weekly_hours, &field("working_time.weekly_hours"), 1, 4800)?;
    // 00049 RefMeanWorkingHours: the reference person's hours, in hundredths; schema [1;6000].
    let reference = hundredths(time.reference_weekly_hours, &field("working_time.reference_weekly_hours"), 1, 6000)?;
    w.open("Occupation", &[]);
    // 00043 OccupationSequenceNbr [1;99]; 00044, 00045 the line's dates. The end is given
    // when the line ends within the quarter; a later end is not yet a fact of this quarter.
    w.leaf("OccupationSequenceNbr", &[], &sequence.to_string());
    w.leaf("OccupationStartingDate", &[], &line.start.to_string());
    if let Some(end) = line.end.filter(|end| *end <= last) {
        w.leaf("OccupationEndingDate", &[], &end.to_string());
    }
    // 00046 JointCommissionNbr: \d{3}|\d{3}\.\d{2}|\d{3}\.\d{2}\.\d{2}.
    w.leaf("JointCommissionNbr", &[], joint_commission(&line.collective_agreement, &field("joint_committee"))?);
    w.leaf("WorkingDaysSystem", &[], &days_per_week.to_string());
    // 00050 ContractType: "0 = voltijds, 1 = deeltijds".
    w.leaf("ContractType", &[], if time.is_part_time() { "1" } else { "0" });
    w.leaf("RefMeanWorkingHours", &[], &reference.to_string());
    w.leaf("MeanWorkingHours", &[], &weekly.to_string());
    // Sample: 0 for a worker who is not retired (00054, 0 or 1); Partage does not record it.
    w.leaf("Retired", &[], "0");
    // 90018 Service: 00061 sequence, 00062 ServiceCode, 00063 ServiceNbrDays [1;36600]
    // and 00064 ServiceNbrHours [1;9999999], in hundredths. Code 1: worked days, the code
    // the instructions pair with remuneration code 1 ("les jours qui sont déclarés sous le
    // code prestation 1").
    let days = hundredths(line.days_worked, &field("days_worked"), 0, 36_600)?;
    let hours = hundredths(line.hours_worked, &field("hours_worked"), 0, 9_999_999)?;
    match (days, hours) {
        (0, 0) => {}
        (0, _) => {
            return Err(refuse(format!(
                "{}: hours without days cannot be declared (ServiceNbrDays, zone 00063, is at least 0.01)",
                field("days_worked")
            )))
        }
        (days, hours) => {
            w.open("Service", &[]);
            w.leaf("ServiceSequenceNbr", &[], "1");
            w.leaf("ServiceCode", &[], "001");
            w.leaf("ServiceNbrDays", &[], &days.to_string());
            if hours > 0 {
                w.leaf("ServiceNbrHours", &[], &hours.to_string());
            }
            w.close();
        }
    }
    // 90019 Remun: "Verplicht indien ten minste één bezoldiging aangegeven moet worden."
    // 00066 sequence, 00067 RemunCode, 00070 RemunAmount in cents. Code 1: "la
    // rémunération pour des prestations effectivement fournies".
    if line.amounts.gross.is_positive() {
        w.open("Remun", &[]);
        w.leaf("RemunSequenceNbr", &[], "1");
        w.leaf("RemunCode", &[], "001");
        w.leaf("RemunAmount", &[], &cents(line.amounts.gross, &field("amounts.gross"), 99_999_999_999)?);
        w.close();
    }
    // OccupationDeduction: 00086 DeductionCode, 00089 DeductionAmount; the NSSO's code
    // list makes the amount obligatory and forbids 00088 DeductionCalculationBasis for both
    // 3000 (structural reduction, Ps) and 4300 (artists, Pg).
    for (code, amount, name) in [
        (STRUCTURAL_REDUCTION_CODE, reduction, "structural_reduction"),
        (ARTISTS_REDUCTION_CODE, artists, "artists_reduction"),
    ] {
        if amount.is_positive() {
            w.open("OccupationDeduction", &[]);
            w.leaf("DeductionCode", &[], code);
            w.leaf("DeductionAmount", &[], &cents(amount, name, 99_999_999_999)?);
            w.close();
        }
    }
    w.close();
    Ok(())
}

/// The amounts of a worker record's lines added up.
fn record_sums(record: &WorkerRecord<'_>) -> Result<LineAmounts, partage_core::money::MoneyError> {
    record.lines.iter().try_fold(LineAmounts::zero(Currency::EUR), |sum, (_, line)| sum.checked_add(&line.amounts))
}

/// Every amount the return declares, by code, and the net amount owed (zone 00015):
/// every contribution declared less every deduction. Sample: the net owed is its
/// contributions 4334.00 less its work bonus 128.24 plus 99.66 of contributions not tied
/// to a person. Amounts the document leaves out (zero) are left out here too.
fn declared(people: &[Person<'_>], sides: &[Vec<EmployerSide>]) -> Result<DeclaredAmounts, PackError> {
    let mut d = DeclaredAmounts::zero(Currency::EUR);
    let money = |e: partage_core::money::MoneyError| refuse(e.to_string());
    for (person, side) in people.iter().zip(sides) {
        for (record, side) in person.records.iter().zip(side) {
            let sums = record_sums(record).map_err(money)?;
            let ordinary = sums.employee_contribution.checked_add(sums.employer_contribution).map_err(money)?;
            d.add_contribution(record.code, ordinary).map_err(money)?;
            if sums.special_contribution.is_positive() {
                d.add_contribution(SPECIAL_CONTRIBUTION_CODE, sums.special_contribution).map_err(money)?;
            }
            for (code, _, amount) in side.contributions.iter().filter(|(_, _, a)| a.is_positive()) {
                d.add_contribution(code, *amount).map_err(money)?;
            }
            let work_bonus = sums.reduction(crate::payroll::WORK_BONUS);
            if work_bonus.is_positive() {
                d.add_deduction(WORK_BONUS_DEDUCTION_CODE, work_bonus).map_err(money)?;
            }
            for (code, amounts) in
                [(STRUCTURAL_REDUCTION_CODE, &side.reductions), (ARTISTS_REDUCTION_CODE, &side.artists)]
            {
                for amount in amounts.iter().filter(|a| a.is_positive()) {
                    d.add_deduction(code, *amount).map_err(money)?;
                }
            }
        }
    }
    if d.net_owed.is_negative() {
        return Err(refuse(format!(
            "amounts: the work bonus exceeds the contributions, leaving {} owed; the bonus is capped at the \
             employee contribution",
            d.net_owed
        )));
    }
    Ok(d)
}

/// An amount in cents, as every DmfA amount is, within the zone's maximum.
fn cents(amount: Money, field: &str, max: i64) -> Result<String, PackError> {
    let minor = amount.to_minor().map_err(|e| refuse(format!("{field}: {e}")))?;
    if !(0..=max).contains(&minor) {
        return Err(refuse(format!("{field}: {amount} is outside what the DmfA carries (0 to {max} cents)")));
    }
    Ok(minor.to_string())
}

/// A quantity in hundredths (days or hours, the glossary's unit: "38 uren wordt
/// uitgedrukt onder de vorm : 3800"), within `min..=max`.
fn hundredths(value: Decimal, field: &str, min: u64, max: u64) -> Result<u64, PackError> {
    let scaled = value * Decimal::ONE_HUNDRED;
    if scaled.fract() != Decimal::ZERO {
        return Err(refuse(format!("{field}: {value} has more than two decimals; the DmfA counts in hundredths")));
    }
    scaled.to_u64().filter(|h| (min..=max).contains(h)).ok_or_else(|| {
        let bound = |h: u64| Decimal::from(h) / Decimal::ONE_HUNDRED;
        refuse(format!("{field}: {value} is outside what the DmfA carries ({} to {})", bound(min), bound(max)))
    })
}

/// The joint committee in the schema's format (zone 00046).
fn joint_commission<'a>(committee: &'a str, field: &str) -> Result<&'a str, PackError> {
    let committee = committee.trim();
    let mut parts = committee.split('.');
    let main = parts.next().unwrap_or_default();
    let subs: Vec<&str> = parts.collect();
    let well_formed = main.len() == 3
        && main.chars().all(|c| c.is_ascii_digit())
        && subs.len() <= 2
        && subs.iter().all(|s| s.len() == 2 && s.chars().all(|c| c.is_ascii_digit()));
    if well_formed {
        Ok(committee)
    } else {
        Err(refuse(format!(
            "{field} (JointCommissionNbr, zone 00046): '{committee}' is not CCC, CCC.CC or CCC.CC.CC (e.g. 200 or 329.02)"
        )))
    }
}

/// The employer's NSSO number (zone 00011), which the DmfA requires.
///
/// The schema's range is [0;199999934]; the Dimona glossary gives [100006;199999934] for
/// definitive numbers. A provisional number (zone 00948) has no place in the DmfA's
/// employer block.
fn nsso_number(ret: &SocialReturn) -> Result<u64, PackError> {
    let field = "employer.social_security_number (NOSSRegistrationNbr, zone 00011)";
    let raw = ret.employer.social_security_number.as_deref().map(str::trim).unwrap_or_default();
    if raw.is_empty() {
        return Err(refuse(format!("{field} is required: a DmfA is filed under the employer's NSSO number")));
    }
    if !raw.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | ' ')) {
        return Err(refuse(format!("{field} must be written with digits only")));
    }
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    match digits.parse::<u64>() {
        Ok(value @ 100_006..=199_999_934) => Ok(value),
        _ => Err(refuse(format!("{field}: {raw} is not a definitive NSSO number (100006 to 199999934)"))),
    }
}

/// The enterprise number (zone 00014), ten digits starting with 0 or 1, modulo 97 checked.
fn company_id(ret: &SocialReturn) -> Result<String, PackError> {
    belgian_enterprise_number(ret.employer.company_id.trim())
        .filter(|n| n.starts_with('0') || n.starts_with('1'))
        .ok_or_else(|| {
            refuse(
                "employer.company_id (CompanyID, zone 00014) is not a Belgian enterprise number: ten digits starting \
                 with 0 or 1, the last two being 97 - (first eight mod 97)",
            )
        })
}

/// The employer category (zone 00036): three digits, assigned by the NSSO.
fn employer_category(ret: &SocialReturn) -> Result<&str, PackError> {
    let field = "employer_category (EmployerClass, zone 00036)";
    match ret.employer_category.as_deref().map(str::trim) {
        Some(c) if c.len() == 3 && c.chars().all(|ch| ch.is_ascii_digit()) => Ok(c),
        Some(c) => Err(refuse(format!("{field}: '{c}' is not three digits"))),
        None => Err(refuse(format!("{field} is required: the NSSO gives it to the employer on registration"))),
    }
}
