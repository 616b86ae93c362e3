//! `[pack.be]`: the Belgian pack's section of the node's configuration.
//!
//! The node hands the section over as text per key (the configuration sources
//! give numbers and booleans as text too); this module checks every key and names
//! it, as `pack.be.<key>`, when its value does not fit. Every key has a default,
//! so a node without the section runs as a small commercial employer with the
//! usual joint committees, no NSSO registration and no region (a DmfA that needs
//! the region for an artist's regional reduction then refuses, naming `pack.be.region`).

use crate::payroll::employer::{EmployerProfile, Region};
use std::collections::BTreeMap;

/// The keys of `[pack.be]`, each with what it holds.
pub const KEYS: &[(&str, &str)] = &[
    ("nsso_number", "the employer's NSSO (ONSS/RSZ) number, carried by DIMONA and the DmfA"),
    ("employer_category", "the employer category the NSSO assigned (3 digits), for the DmfA"),
    ("joint_committee_white_collar", "joint committee of white-collar workers, for DIMONA and the DmfA"),
    ("joint_committee_manual", "joint committee of manual workers"),
    ("joint_committee_artist", "joint committee of artists"),
    ("employer_workers", "average number of workers of the previous calendar year"),
    ("commercial", "whether the employer has a commercial purpose"),
    ("joint_committee", "the employer's joint committee, printed on payslips"),
    ("region", "region of the place of employment (brussels, flanders, wallonia), for the regional reductions"),
];

/// The joint committee a worker kind falls under when the node names none: the
/// auxiliary joint committee for white-collar workers (200), which covers employers
/// no other committee does.
pub const DEFAULT_JOINT_COMMITTEE: &str = "200";

/// A value of `[pack.be]` that does not fit, naming its key.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("configuration key {key}: {message}")]
pub struct SettingsError {
    /// Dotted key, e.g. `pack.be.joint_committee`.
    pub key: String,
    /// What is wrong.
    pub message: String,
}

/// The validated `[pack.be]` section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BelgianSettings {
    /// The employer's NSSO number, if registered.
    pub nsso_number: Option<String>,
    /// The employer category the NSSO assigned, if known.
    pub employer_category: Option<String>,
    /// Joint committee of each worker kind (`white-collar`, `manual`, `artist`).
    pub joint_committees: Vec<(&'static str, String)>,
    /// The employer's profile for the special employer contributions.
    pub employer: EmployerProfile,
}

impl Default for BelgianSettings {
    /// The section's defaults: no registration, the committees 200, 100 and 304, a
    /// commercial employer under 10 workers.
    fn default() -> Self {
        BelgianSettings {
            nsso_number: None,
            employer_category: None,
            joint_committees: vec![("white-collar", "200".into()), ("manual", "100".into()), ("artist", "304".into())],
            employer: EmployerProfile::default(),
        }
    }
}

/// A joint committee number as the NSSO writes them: three digits, optionally
/// followed by one or two groups of `.` and two digits (`200`, `304.01`).
pub fn valid_joint_committee(text: &str) -> bool {
    let mut parts = text.split('.');
    let head_ok = parts.next().is_some_and(|h| h.len() == 3 && h.bytes().all(|b| b.is_ascii_digit()));
    let rest: Vec<&str> = parts.collect();
    head_ok && rest.len() <= 2 && rest.iter().all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

impl BelgianSettings {
    /// Reads the section (`key -> value as text`); a missing key keeps its default.
    pub fn from_section(section: &BTreeMap<String, String>) -> Result<BelgianSettings, SettingsError> {
        let mut settings = BelgianSettings::default();
        for (key, value) in section {
            settings.set(key, value)?;
        }
        Ok(settings)
    }

    /// The same settings with `overrides` (`key -> value as text`) applied and checked
    /// as the section's are (a simulation's employer profile).
    pub fn with_overrides(&self, overrides: &BTreeMap<String, String>) -> Result<BelgianSettings, SettingsError> {
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
        put("nsso_number", self.nsso_number.clone());
        put("employer_category", self.employer_category.clone());
        for (kind, committee) in &self.joint_committees {
            put(&format!("joint_committee_{}", kind.replace('-', "_")), Some(committee.clone()));
        }
        put("employer_workers", Some(self.employer.workers.to_string()));
        put("commercial", Some(self.employer.commercial.to_string()));
        put("joint_committee", self.employer.joint_committee.clone());
        put("region", self.employer.region.map(|r| r.name().to_owned()));
        section
    }

    /// The joint committee of a worker kind; the auxiliary committee 200 for a kind
    /// the section does not list.
    pub fn joint_committee_of(&self, worker_category: &str) -> String {
        self.joint_committees
            .iter()
            .find(|(kind, _)| *kind == worker_category)
            .map_or_else(|| DEFAULT_JOINT_COMMITTEE.to_owned(), |(_, committee)| committee.clone())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), SettingsError> {
        let error = |message: String| SettingsError { key: format!("pack.be.{key}"), message };
        let value = value.trim();
        let optional = (!value.is_empty()).then(|| value.to_owned());
        let committee = || -> Result<String, SettingsError> {
            if valid_joint_committee(value) {
                Ok(value.to_owned())
            } else {
                Err(error(format!("'{value}' is not a joint committee number like 200 or 304.01")))
            }
        };
        match key {
            "nsso_number" => self.nsso_number = optional,
            "employer_category" => {
                if optional.as_ref().is_some_and(|c| c.len() != 3 || !c.bytes().all(|b| b.is_ascii_digit())) {
                    return Err(error(format!("'{value}' is not an NSSO employer category (3 digits, e.g. 010)")));
                }
                self.employer_category = optional;
            }
            "joint_committee_white_collar" | "joint_committee_manual" | "joint_committee_artist" => {
                let kind = match key {
                    "joint_committee_white_collar" => "white-collar",
                    "joint_committee_manual" => "manual",
                    _ => "artist",
                };
                let committee = committee()?;
                match self.joint_committees.iter_mut().find(|(k, _)| *k == kind) {
                    Some(entry) => entry.1 = committee,
                    None => self.joint_committees.push((kind, committee)),
                }
            }
            "employer_workers" => {
                self.employer.workers =
                    value.parse().map_err(|_| error(format!("'{value}' is not a number of workers (0 or more)")))?;
            }
            "commercial" => {
                self.employer.commercial = match value {
                    "true" => true,
                    "false" => false,
                    _ => return Err(error(format!("'{value}' is not true or false"))),
                };
            }
            "joint_committee" => {
                self.employer.joint_committee = match optional {
                    None => None,
                    Some(_) => Some(committee()?),
                };
            }
            "region" => {
                self.employer.region = match optional {
                    None => None,
                    Some(word) => Some(Region::parse(&word.to_lowercase()).ok_or_else(|| {
                        let names: Vec<&str> = Region::ALL.iter().map(|r| r.name()).collect();
                        error(format!("'{value}' is not a region of Belgium ({})", names.join(", ")))
                    })?),
                };
            }
            _ => {
                let known: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
                return Err(error(format!("unknown key (the section has {})", known.join(", "))));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
        entries.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn an_empty_section_gives_the_defaults() {
        let s = BelgianSettings::from_section(&BTreeMap::new()).unwrap();
        assert_eq!(s, BelgianSettings::default());
        assert_eq!(s.joint_committee_of("manual"), "100");
        assert_eq!(s.joint_committee_of("pilot"), "200");
    }

    #[test]
    fn the_section_round_trips_through_its_text() {
        let s = BelgianSettings::from_section(&section(&[
            ("nsso_number", "1234567-89"),
            ("employer_category", "010"),
            ("joint_committee_artist", "304.01"),
            ("employer_workers", "25"),
            ("commercial", "false"),
            ("joint_committee", "329.02"),
            ("region", "Wallonia"),
        ]))
        .unwrap();
        assert_eq!(s.employer.region, Some(Region::Wallonia));
        assert_eq!(BelgianSettings::from_section(&s.to_section()).unwrap(), s);
        assert_eq!(s.joint_committee_of("artist"), "304.01");
    }

    #[test]
    fn a_bad_value_names_its_key_in_the_pack_section() {
        for (key, value) in [
            ("joint_committee", "30"),
            ("joint_committee_manual", "1000"),
            ("employer_workers", "many"),
            ("commercial", "maybe"),
            ("employer_category", "10"),
            ("region", "bruxelles"),
            ("nsso", "1"),
        ] {
            let err = BelgianSettings::from_section(&section(&[(key, value)])).unwrap_err();
            assert_eq!(err.key, format!("pack.be.{key}"));
            assert!(err.to_string().starts_with(&format!("configuration key pack.be.{key}: ")), "{err}");
        }
    }
}
