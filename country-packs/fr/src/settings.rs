//! `[pack.fr]`: the French pack's section of the node's configuration.
//!
//! The node hands the section over as text per key; this module checks every key and names it,
//! as `pack.fr.<key>`, when its value does not fit. Every key has a default, so a node without
//! the section runs unregistered (no SIRET, no URSSAF account): its DPAE and DSN then say what
//! is missing rather than carry a guess.

use crate::identifiers;
use crate::mobility::COMMUNES;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The keys of `[pack.fr]`, each with what it holds.
pub const KEYS: &[(&str, &str)] = &[
    ("siret", "SIRET of the establishment that employs (14 digits, Luhn), carried by the DPAE and the DSN"),
    ("urssaf_account", "the establishment's URSSAF account number (digits), carried by the DPAE"),
    ("ape", "APE/NAF code of the establishment's activity (NAF rév. 2, e.g. 7022Z or 70.22Z)"),
    ("company_size", "the headcount (effectif): the DSN, the payroll's size thresholds and the versement mobilité's"),
    ("accident_rate", "the AT/MP (accidents du travail) rate notified by the CARSAT, as a fraction (0.0090)"),
    ("mobility_commune", "the establishment's commune for the versement mobilité table (paris, lyon, …)"),
    ("mobility_rate", "the versement mobilité rate as a fraction, for a commune the table does not give"),
    ("idcc", "the establishment's main collective agreement (IDCC, 4 digits), DSN S21.G00.11.022"),
    ("idcc_<kind>", "the collective agreement of a worker kind (idcc_consultant, idcc_artist, …)"),
    ("pension_fund", "the supplementary pension institution (AGIRC-ARRCO) and welfare body, name and address, printed on contracts and payslips"),
    ("pension_fund_<kind>", "the same for a worker kind (pension_fund_artist, …)"),
    ("rcs_city", "the city of the Registre du commerce et des sociétés, printed on invoices (RCS Lyon)"),
    ("legal_form", "the legal form printed on invoices (SCOP SARL, SCIC SAS…)"),
    ("share_capital", "the share capital in euros printed on invoices; 'variable' for a capital variable"),
];

/// IDCC 1486: Convention collective nationale des bureaux d'études techniques, des cabinets
/// d'ingénieurs-conseils et des sociétés de conseils (Syntec), the usual one of consultants.
pub const IDCC_SYNTEC: &str = "1486";
/// IDCC 3090: Convention collective nationale des entreprises du secteur privé du spectacle
/// vivant, for artists and technicians hired by a private producer of live performances.
pub const IDCC_LIVE_PERFORMANCE_PRIVATE: &str = "3090";

/// A value of `[pack.fr]` that does not fit, naming its key.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("configuration key {key}: {message}")]
pub struct SettingsError {
    /// Dotted key, e.g. `pack.fr.siret`.
    pub key: String,
    /// What is wrong.
    pub message: String,
}

/// The share capital an invoice prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareCapital {
    /// A fixed amount in euros.
    Fixed(Decimal),
    /// A cooperative's variable capital (loi n° 47-1775 du 10 septembre 1947, art. 7).
    Variable,
}

/// The validated `[pack.fr]` section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrenchSettings {
    /// The establishment's SIRET, if registered.
    pub siret: Option<String>,
    /// The URSSAF account number, if known.
    pub urssaf_account: Option<String>,
    /// APE code without its dot (`7022Z`), if known.
    pub ape: Option<String>,
    /// The headcount (effectif).
    pub headcount: u32,
    /// The AT/MP rate, if notified.
    pub at_mp_rate: Option<Decimal>,
    /// The commune of the versement mobilité table, if the node names one.
    pub mobility_commune: Option<String>,
    /// A versement mobilité rate the node states itself.
    pub mobility_rate: Option<Decimal>,
    /// The main collective agreement (IDCC).
    pub idcc: String,
    /// The collective agreement of each worker kind.
    pub idcc_by_kind: Vec<(String, String)>,
    /// The supplementary pension institution and welfare body (name and address), if given.
    pub pension_fund: Option<String>,
    /// The same for each worker kind that has its own.
    pub pension_fund_by_kind: Vec<(String, String)>,
    /// RCS city.
    pub rcs_city: Option<String>,
    /// Legal form.
    pub legal_form: Option<String>,
    /// Share capital.
    pub share_capital: Option<ShareCapital>,
}

impl Default for FrenchSettings {
    /// No registration; 50 employees (the payroll's default employer); Syntec as the main
    /// agreement and for consultants, the private live performance agreement for artists.
    fn default() -> Self {
        FrenchSettings {
            siret: None,
            urssaf_account: None,
            ape: None,
            headcount: 50,
            at_mp_rate: None,
            mobility_commune: None,
            mobility_rate: None,
            idcc: IDCC_SYNTEC.into(),
            idcc_by_kind: vec![
                ("consultant".into(), IDCC_SYNTEC.into()),
                ("artist".into(), IDCC_LIVE_PERFORMANCE_PRIVATE.into()),
            ],
            // No default: the institution Audiens (the performing arts') was printed before, but its
            // address was not read on an official page, so a contract prints "à compléter" until
            // the node names its own (Code du travail L1242-12, 5°).
            pension_fund: None,
            pension_fund_by_kind: Vec::new(),
            rcs_city: None,
            legal_form: None,
            share_capital: None,
        }
    }
}

/// `18 500,00 €`: an amount in euros the way French documents write it.
pub fn french_amount(amount: Decimal) -> String {
    let text = format!("{:.2}", amount.round_dp(2));
    let (int, dec) = text.split_once('.').unwrap_or((&text, "00"));
    let digits: Vec<char> = int.chars().collect();
    let mut grouped = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{202f}');
        }
        grouped.push(*c);
    }
    format!("{grouped},{dec}\u{a0}€")
}

/// An IDCC as the Ministry of Labour numbers agreements: four digits (`1486`, `0016`).
pub fn valid_idcc(text: &str) -> bool {
    text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit())
}

/// An APE code of NAF rév. 2: four digits and a capital letter, the dot after two digits optional.
pub fn ape_code(text: &str) -> Option<String> {
    let plain: String = text.chars().filter(|c| *c != '.').collect::<String>().to_uppercase();
    let ok = plain.len() == 5
        && plain.bytes().take(4).all(|b| b.is_ascii_digit())
        && plain.as_bytes().get(4).is_some_and(|b| b.is_ascii_uppercase());
    ok.then_some(plain)
}

/// The longest pension institution's name and address a contract's line prints.
const PENSION_FUND_CHARS: usize = 200;

fn pension_fund(value: Option<String>) -> Result<Option<String>, String> {
    match value {
        Some(v) if v.chars().count() > PENSION_FUND_CHARS => {
            Err(format!("longer than {PENSION_FUND_CHARS} characters: give the name and the address only"))
        }
        other => Ok(other),
    }
}

fn fraction(value: &str, ceiling: Decimal) -> Option<Decimal> {
    let d = Decimal::from_str_exact(value).ok()?;
    (!d.is_sign_negative() && d < ceiling).then_some(d)
}

impl FrenchSettings {
    /// Reads the section (`key -> value as text`); a missing key keeps its default.
    pub fn from_section(section: &BTreeMap<String, String>) -> Result<FrenchSettings, SettingsError> {
        FrenchSettings::default().with_overrides(section)
    }

    /// The same settings with `overrides` applied and checked as the section's are.
    pub fn with_overrides(&self, overrides: &BTreeMap<String, String>) -> Result<FrenchSettings, SettingsError> {
        let mut settings = self.clone();
        for (key, value) in overrides {
            settings.set(key, value)?;
        }
        Ok(settings)
    }

    /// The section as text per key, as `from_section` reads it back.
    pub fn to_section(&self) -> BTreeMap<String, String> {
        let mut section = BTreeMap::new();
        let mut put = |key: &str, value: Option<String>| {
            if let Some(v) = value {
                section.insert(key.to_owned(), v);
            }
        };
        put("siret", self.siret.clone());
        put("urssaf_account", self.urssaf_account.clone());
        put("ape", self.ape.clone());
        put("company_size", Some(self.headcount.to_string()));
        put("accident_rate", self.at_mp_rate.map(|r| r.to_string()));
        put("mobility_commune", self.mobility_commune.clone());
        put("mobility_rate", self.mobility_rate.map(|r| r.to_string()));
        put("idcc", Some(self.idcc.clone()));
        for (kind, idcc) in &self.idcc_by_kind {
            put(&format!("idcc_{}", kind.replace('-', "_")), Some(idcc.clone()));
        }
        put("pension_fund", self.pension_fund.clone());
        for (kind, fund) in &self.pension_fund_by_kind {
            put(&format!("pension_fund_{}", kind.replace('-', "_")), Some(fund.clone()));
        }
        put("rcs_city", self.rcs_city.clone());
        put("legal_form", self.legal_form.clone());
        put(
            "share_capital",
            self.share_capital.as_ref().map(|c| match c {
                ShareCapital::Fixed(amount) => amount.to_string(),
                ShareCapital::Variable => "variable".to_owned(),
            }),
        );
        section
    }

    /// The collective agreement of a worker kind; the main one for a kind the section does not list.
    pub fn idcc_of(&self, worker_category: &str) -> String {
        self.idcc_by_kind
            .iter()
            .find(|(kind, _)| kind == worker_category)
            .map_or_else(|| self.idcc.clone(), |(_, idcc)| idcc.clone())
    }

    /// The supplementary pension institution of a worker kind: its own, else the section's; None
    /// when the section names none.
    pub fn pension_fund_of(&self, worker_category: &str) -> Option<&str> {
        self.pension_fund_by_kind
            .iter()
            .find(|(kind, _)| kind == worker_category)
            .map(|(_, fund)| fund.as_str())
            .or(self.pension_fund.as_deref())
    }

    /// The SIREN of the establishment's SIRET, if registered.
    pub fn siren(&self) -> Option<&str> {
        self.siret.as_deref().and_then(|s| s.get(..9))
    }

    /// The NIC (the SIRET's last five digits), if registered.
    pub fn nic(&self) -> Option<&str> {
        self.siret.as_deref().and_then(|s| s.get(9..))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), SettingsError> {
        let error = |message: String| SettingsError { key: format!("pack.fr.{key}"), message };
        let value = value.trim();
        let optional = (!value.is_empty()).then(|| value.to_owned());
        match key {
            "siret" => {
                self.siret = match optional {
                    None => None,
                    Some(v) => Some(identifiers::siret(&v).map_err(|e| error(format!("not a SIRET: {e}")))?),
                }
            }
            "urssaf_account" => {
                let digits: Option<String> = optional.map(|v| v.chars().filter(|c| !c.is_whitespace()).collect());
                if digits.as_ref().is_some_and(|d| d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit())) {
                    return Err(error(format!("'{value}' is not an URSSAF account number (digits)")));
                }
                self.urssaf_account = digits;
            }
            "ape" => {
                self.ape =
                    match optional {
                        None => None,
                        Some(v) => Some(ape_code(&v).ok_or_else(|| {
                            error(format!("'{v}' is not an APE code (four digits and a letter: 7022Z)"))
                        })?),
                    }
            }
            "company_size" => {
                self.headcount =
                    value.parse().map_err(|_| error(format!("'{value}' is not a headcount (0 or more)")))?;
            }
            "accident_rate" => {
                self.at_mp_rate = match optional {
                    None => None,
                    // The highest AT/MP rates are a few tens of percent at most: 1 is a percentage.
                    Some(v) => Some(fraction(&v, Decimal::new(5, 1)).ok_or_else(|| {
                        error(format!("'{v}' is not an AT/MP rate as a fraction (0.0090 for 0.90 %)"))
                    })?),
                }
            }
            "mobility_commune" => {
                let commune = optional.map(|c| c.to_lowercase());
                if let Some(c) = &commune {
                    if !COMMUNES.contains(&c.as_str()) {
                        return Err(error(format!(
                            "'{c}' is not in the pack's table ({}); give pack.fr.mobility_rate instead",
                            COMMUNES.join(", ")
                        )));
                    }
                }
                self.mobility_commune = commune;
            }
            "mobility_rate" => {
                self.mobility_rate = match optional {
                    None => None,
                    Some(v) => Some(fraction(&v, Decimal::new(5, 2)).ok_or_else(|| {
                        error(format!("'{v}' is not a versement mobilité rate as a fraction (0.02 for 2 %)"))
                    })?),
                }
            }
            "idcc" => {
                if !valid_idcc(value) {
                    return Err(error(format!("'{value}' is not an IDCC (four digits, e.g. 1486)")));
                }
                self.idcc = value.to_owned();
            }
            "pension_fund" => self.pension_fund = pension_fund(optional).map_err(error)?,
            "rcs_city" => self.rcs_city = optional,
            "legal_form" => self.legal_form = optional,
            "share_capital" => {
                self.share_capital = match optional.as_deref() {
                    None => None,
                    Some("variable") => Some(ShareCapital::Variable),
                    Some(v) => {
                        let amount = Decimal::from_str_exact(v)
                            .ok()
                            .filter(|a| !a.is_sign_negative())
                            .ok_or_else(|| error(format!("'{v}' is not an amount in euros nor 'variable'")))?;
                        Some(ShareCapital::Fixed(amount))
                    }
                }
            }
            other if other.starts_with("pension_fund_") => {
                let kind = other
                    .strip_prefix("pension_fund_")
                    .filter(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
                    .ok_or_else(|| error("not a worker kind (lower-case letters and _)".to_owned()))?
                    .replace('_', "-");
                self.pension_fund_by_kind.retain(|(k, _)| *k != kind);
                if let Some(fund) = pension_fund(optional).map_err(error)? {
                    self.pension_fund_by_kind.push((kind, fund));
                }
            }
            other => {
                let kind = other
                    .strip_prefix("idcc_")
                    .filter(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
                let Some(kind) = kind else {
                    let known: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
                    return Err(error(format!("unknown key (the section has {})", known.join(", "))));
                };
                if !valid_idcc(value) {
                    return Err(error(format!("'{value}' is not an IDCC (four digits, e.g. 1486)")));
                }
                let kind = kind.replace('_', "-");
                match self.idcc_by_kind.iter_mut().find(|(k, _)| *k == kind) {
                    Some(entry) => entry.1 = value.to_owned(),
                    None => self.idcc_by_kind.push((kind, value.to_owned())),
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn section(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
        entries.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn an_empty_section_gives_syntec_and_the_live_performance_agreement() {
        let s = FrenchSettings::from_section(&BTreeMap::new()).unwrap();
        assert_eq!(s, FrenchSettings::default());
        assert_eq!(s.idcc_of("consultant"), "1486");
        assert_eq!(s.idcc_of("artist"), "3090");
        assert_eq!(s.idcc_of("cadre"), "1486");
        assert_eq!(s.siren(), None);
    }

    #[test]
    fn the_section_round_trips_through_its_text() {
        let s = FrenchSettings::from_section(&section(&[
            ("siret", "732 829 320 00074"),
            ("urssaf_account", "117 000001234567890"),
            ("ape", "70.22Z"),
            ("company_size", "14"),
            ("accident_rate", "0.0090"),
            ("mobility_commune", "Lyon"),
            ("idcc", "1486"),
            ("idcc_artist", "1285"),
            ("idcc_technician", "3090"),
            ("pension_fund", "Caisse d'exemple, 1 rue de l'Exemple, 69001 Lyon"),
            ("pension_fund_artist", "Institution des artistes, 2 rue du Spectacle, 75010 Paris"),
            ("rcs_city", "Lyon"),
            ("legal_form", "SCOP SARL"),
            ("share_capital", "variable"),
        ]))
        .unwrap();
        assert_eq!(FrenchSettings::from_section(&s.to_section()).unwrap(), s);
        assert_eq!(s.siret.as_deref(), Some("73282932000074"));
        assert_eq!((s.siren(), s.nic()), (Some("732829320"), Some("00074")));
        assert_eq!(s.ape.as_deref(), Some("7022Z"));
        assert_eq!(s.at_mp_rate, Some(dec!(0.0090)));
        assert_eq!(s.mobility_commune.as_deref(), Some("lyon"));
        assert_eq!(s.idcc_of("artist"), "1285");
        assert_eq!(s.idcc_of("technician"), "3090");
        assert_eq!(s.share_capital, Some(ShareCapital::Variable));
        assert_eq!(s.pension_fund_of("artist"), Some("Institution des artistes, 2 rue du Spectacle, 75010 Paris"));
        assert_eq!(s.pension_fund_of("cadre"), Some("Caisse d'exemple, 1 rue de l'Exemple, 69001 Lyon"));
    }

    #[test]
    fn no_pension_institution_is_assumed() {
        assert_eq!(FrenchSettings::default().pension_fund_of("artist"), None);
        let long = "x".repeat(PENSION_FUND_CHARS + 1);
        let err = FrenchSettings::from_section(&section(&[("pension_fund", &long)])).unwrap_err();
        assert_eq!(err.key, "pack.fr.pension_fund");
    }

    #[test]
    fn a_bad_value_names_its_key_in_the_pack_section() {
        for (key, value) in [
            ("siret", "73282932000075"),
            ("urssaf_account", "12A"),
            ("ape", "702Z"),
            ("company_size", "many"),
            ("accident_rate", "0.9"),
            ("mobility_commune", "brest"),
            ("mobility_rate", "2"),
            ("idcc", "14860"),
            ("idcc_artist", "x"),
            ("share_capital", "-5"),
            ("siren", "1"),
        ] {
            let err = FrenchSettings::from_section(&section(&[(key, value)])).unwrap_err();
            assert_eq!(err.key, format!("pack.fr.{key}"));
            assert!(err.to_string().starts_with(&format!("configuration key pack.fr.{key}: ")), "{err}");
        }
    }
}
