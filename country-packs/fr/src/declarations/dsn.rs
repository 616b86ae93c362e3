//! The DSN (déclaration sociale nominative, Code de la sécurité sociale art. L. 133-5-3): each
//! month, after paying, the employer declares every worker's contract, pay, bases and
//! contributions in one file to net-entreprises.fr.
//!
//! Format: the NEODeS flat file, one rubric per line, `Sxx.Gxx.xx.xxx,'value'`, in the order of
//! the cahier technique DSN (net-entreprises.fr, "Cahier technique de la DSN", norme NEODeS,
//! version P26V01 for periods of 2026; P25V01 for 2025). The cahier itself (a PDF) was not read
//! in the stored sources: the blocks and rubrics below are the ones the pack knows from it and
//! from public DSN readers and writers (rubric numbers and value forms cross-checked against the
//! open-source DSN tools in the stored code corpus: NIR of 13 characters in S21.G00.30.001,
//! amounts with a point and two decimals, S90.G00.90.001 counting every line of the file).
//! `dsn_check` checks every file written here against those rules.
//!
//! Blocks written, in order: S10.G00.00 (envoi: software, norm version, real file), S10.G00.01
//! (émetteur: SIREN, NIC, name), S20.G00.05 (déclaration: monthly DSN, normal, fraction 11,
//! month), S21.G00.06 (entreprise: SIREN, NIC of the head office, APEN), S21.G00.11
//! (établissement: NIC, APET, headcount, main IDCC), then per worker S21.G00.30 (individu) and
//! per employment line S21.G00.40 (contrat), S21.G00.50 (versement), S21.G00.51 (rémunération),
//! S21.G00.78 (base assujettie: gross not capped, code 03) with its S21.G00.81 (cotisations
//! individuelles) for each payslip contribution whose code the pack maps to a DSN code; then
//! S90.G00.90 (total). Not written (the kit does not hold them): addresses (émetteur, entreprise,
//! individu), the contact blocks (S10.G00.02, S20.G00.07), the aggregated URSSAF bordereau
//! (S21.G00.20/22/23), the PCS-ESE of each contract, and the capped base (02), which needs the
//! PSS of the payroll.

use super::{ddmmyyyy, department_of_nir, nir_parts, sex_of_nir};
use crate::settings::FrenchSettings;
use chrono::{Datelike, NaiveDateTime};
use partage_core::hiring::Filing;
use partage_core::money::Money;
use partage_core::pack::PackError;
use partage_core::social_return::{ReturnFrequency, SocialReturn};
use rust_decimal::Decimal;

/// The format name given with a DSN.
pub const FORMAT: &str = "DSN (NEODeS, cahier technique P26V01)";

/// The norm version S10.G00.00.006 names, by the declared month's year.
pub fn norm_version(year: i32) -> &'static str {
    if year >= 2026 {
        "P26V01"
    } else {
        "P25V01"
    }
}

/// The DSN code of each payslip contribution the pack maps (S21.G00.81.001), by the payslip
/// line's code; the employee's and the employer's parts of one code are declared together.
///
/// Source: the URSSAF's `modele-social` (publicodes) mapping of its CTP codes to individual
/// contribution codes, as reproduced in an open-source DSN tool of the stored code corpus
/// (CTP 100 → 045, 068, 074, 075, 076; 900 → 081; 027 → 100; 959/971 → 128; 987 → 129;
/// 992 → 130); which risk each code is (045 health, 068 autonomy, 074 family, 075 old age
/// uncapped, 076 old age capped, 018 réduction générale) is the pack's reading, to be checked
/// against the cahier technique's code list. CSG, CRDS, unemployment, AGIRC-ARRCO and the
/// other contributions are not mapped yet: they are only in the base they are computed on.
pub const CONTRIBUTION_CODES: &[(&str, &str)] = &[
    ("health_employer", "045"),
    ("autonomy_employer", "068"),
    ("family_employer", "074"),
    ("old_age_uncapped_employee", "075"),
    ("old_age_uncapped_employer", "075"),
    ("old_age_capped_employee", "076"),
    ("old_age_capped_employer", "076"),
    ("mobility_employer", "081"),
    ("social_dialogue_employer", "100"),
    ("vocational_training_employer", "128"),
    ("cpf_fixed_term_employer", "129"),
    ("apprenticeship_tax_employer", "130"),
    ("general_reduction", "018"),
];

/// The DSN code of a payslip contribution, if the pack maps it.
pub fn contribution_code(payslip_code: &str) -> Option<&'static str> {
    CONTRIBUTION_CODES.iter().find(|(code, _)| *code == payslip_code).map(|(_, dsn)| *dsn)
}

fn refuse(message: impl Into<String>) -> PackError {
    PackError::Render(message.into())
}

/// An amount as the DSN writes it: a point and two decimals, a minus sign when negative.
pub fn amount(m: Money) -> String {
    format!("{:.2}", m.amount().round_dp(2))
}

/// The lines of a DSN, each rubric with its value.
#[derive(Debug, Default)]
struct Lines(Vec<(&'static str, String)>);

impl Lines {
    fn put(&mut self, rubric: &'static str, value: impl Into<String>) {
        self.0.push((rubric, value.into()));
    }
}

/// The DSN of the month `ret.period` for the establishment of `settings`, made at `created_at`.
pub fn render(
    ret: &SocialReturn,
    settings: &FrenchSettings,
    name: &str,
    created_at: NaiveDateTime,
) -> Result<Filing, PackError> {
    if ret.period.frequency != ReturnFrequency::Monthly {
        return Err(refuse(format!("the DSN is monthly: {} is not a month", ret.period.key())));
    }
    ret.check().map_err(|e| refuse(e.to_string()))?;
    let (first, last) =
        (ret.first_day().map_err(|e| refuse(e.to_string()))?, ret.last_day().map_err(|e| refuse(e.to_string()))?);
    let siren = settings.siren().ok_or_else(|| refuse("the DSN needs the establishment's SIRET: set pack.fr.siret"))?;
    let nic = settings.nic().unwrap_or_default();
    let ape = settings.ape.as_deref().ok_or_else(|| refuse("the DSN needs the APE code: set pack.fr.ape"))?;
    let siret = settings.siret.clone().unwrap_or_default();
    let mut l = Lines::default();
    // S10: the sending (envoi) and its sender (émetteur), the employer itself.
    l.put("S10.G00.00.001", "Partage");
    l.put("S10.G00.00.002", "Partage");
    l.put("S10.G00.00.003", env!("CARGO_PKG_VERSION"));
    l.put("S10.G00.00.005", "02"); // 02: fichier réel (01: essai)
    l.put("S10.G00.00.006", norm_version(ret.period.year));
    l.put("S10.G00.00.008", "01"); // 01: envoi normal
    l.put("S10.G00.01.001", siren);
    l.put("S10.G00.01.002", nic);
    if !name.trim().is_empty() {
        l.put("S10.G00.01.003", name.trim());
    }
    // S20: the declaration.
    l.put("S20.G00.05.001", "01"); // 01: DSN mensuelle
    l.put("S20.G00.05.002", "01"); // 01: déclaration normale
    l.put("S20.G00.05.003", "11"); // 11: the whole declaration in one fraction
    l.put("S20.G00.05.004", "1");
    l.put("S20.G00.05.005", format!("01{:02}{:04}", first.month(), first.year()));
    l.put("S20.G00.05.007", ddmmyyyy(created_at.date()));
    l.put("S20.G00.05.010", "01"); // 01: euro
                                   // S21: the company and the establishment.
    l.put("S21.G00.06.001", siren);
    l.put("S21.G00.06.002", nic);
    l.put("S21.G00.06.003", ape);
    l.put("S21.G00.11.001", nic);
    l.put("S21.G00.11.002", ape);
    l.put("S21.G00.11.008", settings.headcount.to_string());
    l.put("S21.G00.11.022", settings.idcc.clone());
    let mut contract_number = 0u32;
    for (w, worker) in ret.workers.iter().enumerate() {
        let nir = &worker.worker.national_id;
        let (nir13, _) =
            nir_parts(nir).ok_or_else(|| refuse(format!("workers[{w}]: '{nir}' is not a NIR of 15 characters")))?;
        let sex = sex_of_nir(nir).ok_or_else(|| refuse(format!("workers[{w}]: '{nir}' gives no sex")))?;
        l.put("S21.G00.30.001", nir13);
        l.put("S21.G00.30.002", worker.worker.last_name.to_uppercase());
        l.put("S21.G00.30.004", worker.worker.first_name.clone());
        l.put("S21.G00.30.005", format!("0{sex}"));
        l.put("S21.G00.30.006", ddmmyyyy(worker.worker.birth_date));
        l.put("S21.G00.30.014", department_of_nir(nir).unwrap_or_default());
        for line in &worker.lines {
            contract_number += 1;
            let number = format!("{contract_number:05}");
            let cadre = line.category == "cadre";
            let hours_month = line.working_time.reference_weekly_hours * Decimal::from(52) / Decimal::from(12);
            l.put("S21.G00.40.001", ddmmyyyy(line.start));
            l.put("S21.G00.40.002", if cadre { "02" } else { "04" }); // 02 autres cadres, 04 employé
            l.put("S21.G00.40.003", if cadre { "01" } else { "04" }); // retraite complémentaire: 01 cadre, 04 non cadre
            l.put("S21.G00.40.006", line.category.clone());
            l.put("S21.G00.40.007", if line.end.is_some() { "02" } else { "01" }); // 02 CDD, 01 CDI
            l.put("S21.G00.40.008", "99"); // no public employment scheme
            l.put("S21.G00.40.009", number.clone());
            if let Some(end) = line.end {
                l.put("S21.G00.40.010", ddmmyyyy(end));
            }
            l.put("S21.G00.40.011", "10"); // 10: heures
            l.put("S21.G00.40.012", format!("{:.2}", hours_month.round_dp(2)));
            l.put("S21.G00.40.013", format!("{:.2}", line.hours_worked.round_dp(2)));
            l.put("S21.G00.40.014", if line.working_time.is_part_time() { "20" } else { "10" }); // 10 plein, 20 partiel
            l.put("S21.G00.40.017", line.collective_agreement.clone());
            l.put("S21.G00.40.018", "200"); // régime général, maladie
            l.put("S21.G00.40.019", siret.clone());
            l.put("S21.G00.40.020", "200"); // régime général, vieillesse
            if let Some(at) = settings.at_mp_rate {
                l.put("S21.G00.40.043", format!("{:.2}", (at * Decimal::from(100)).round_dp(2)));
            }
            let a = &line.amounts;
            let pas_rate = if a.taxable.is_zero() {
                Decimal::ZERO
            } else {
                (a.withholding_tax.amount() * Decimal::from(100) / a.taxable.amount()).round_dp(2)
            };
            l.put("S21.G00.50.001", ddmmyyyy(last));
            l.put("S21.G00.50.002", amount(a.taxable));
            l.put("S21.G00.50.003", number.clone());
            l.put("S21.G00.50.004", amount(a.net_paid));
            l.put("S21.G00.50.006", format!("{pas_rate:.2}"));
            l.put("S21.G00.50.009", amount(a.withholding_tax));
            let (from, to) = (line.start.max(first), line.end.map_or(last, |e| e.min(last)));
            l.put("S21.G00.51.001", ddmmyyyy(from));
            l.put("S21.G00.51.002", ddmmyyyy(to));
            l.put("S21.G00.51.010", number.clone());
            l.put("S21.G00.51.011", "001"); // rémunération brute non plafonnée
            l.put("S21.G00.51.013", amount(a.gross));
            l.put("S21.G00.51.001", ddmmyyyy(from));
            l.put("S21.G00.51.002", ddmmyyyy(to));
            l.put("S21.G00.51.010", number.clone());
            l.put("S21.G00.51.011", "002"); // salaire brut soumis à contributions d'assurance chômage
            l.put("S21.G00.51.012", format!("{:.2}", line.hours_worked.round_dp(2)));
            l.put("S21.G00.51.013", amount(a.gross));
            l.put("S21.G00.78.001", "03"); // assiette brute déplafonnée
            l.put("S21.G00.78.002", ddmmyyyy(from));
            l.put("S21.G00.78.003", ddmmyyyy(to));
            l.put("S21.G00.78.004", amount(a.contribution_base));
            l.put("S21.G00.78.006", number.clone());
            // One line per DSN code: the employee's and employer's parts added, the base once.
            let mut by_code: Vec<(&str, Money, Money)> = Vec::new();
            for c in &a.contributions {
                let Some(code) = contribution_code(&c.code) else { continue };
                match by_code.iter_mut().find(|(k, _, _)| *k == code) {
                    Some((_, base, sum)) => {
                        if c.base.amount() > base.amount() {
                            *base = c.base;
                        }
                        *sum = sum.checked_add(c.amount).map_err(|e| refuse(e.to_string()))?;
                    }
                    None => by_code.push((code, c.base, c.amount)),
                }
            }
            by_code.sort_by_key(|(code, _, _)| *code);
            for (code, base, sum) in by_code {
                l.put("S21.G00.81.001", code);
                l.put("S21.G00.81.003", amount(base));
                l.put("S21.G00.81.004", amount(sum));
            }
        }
    }
    // S90: the total counts every line, its own two included.
    let total = l.0.len() + 2;
    l.put("S90.G00.90.001", total.to_string());
    l.put("S90.G00.90.002", "1");
    let text: String = l.0.iter().map(|(r, v)| format!("{r},'{v}'\r\n")).collect();
    super::dsn_check::check(&text).map_err(|e| refuse(format!("the DSN written fails its own check: {e}")))?;
    Ok(Filing { format: FORMAT, media_type: "text/plain", content: text.into_bytes() })
}
