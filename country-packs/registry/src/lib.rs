//! partage-packs: the registry of country packs.
//!
//! A node names its country (`node.country`) and hands over the raw `[pack.<cc>]`
//! section of its configuration; the registry finds the pack of that country, lets
//! the pack read and check its own section (`configure`), then loads it as a
//! `CountryPack` with what the node itself knows (`PackSettings::load`). The node
//! depends on this crate only, never on a pack: adding a country is a new arm here.

use partage_core::client::CountryCode;
use partage_core::pack::{CountryPack, PackError};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The countries that have a pack, as `node.country` names them.
pub const AVAILABLE: &[&str] = &["BE", "FR"];

/// A configuration error of the pack choice or of a pack's section, naming its key.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("configuration key {key}: {message}")]
pub struct RegistryError {
    /// Dotted key, e.g. `node.country` or `pack.be.joint_committee`.
    pub key: String,
    /// What is wrong.
    pub message: String,
}

/// What the node's generic configuration tells every pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeContext {
    /// The cooperative's registered name, which the French DSN names its sender by.
    pub name: String,
    /// The cooperative's legal form, printed on invoices.
    pub legal_form: String,
    /// The register (court or city) the cooperative is registered with, printed on invoices.
    pub court: String,
    /// Employer cost = gross x this coefficient (the budget -> gross step).
    pub employer_cost_coefficient: Decimal,
}

/// A pack's validated section, ready to load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackSettings {
    section: Section,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Section {
    Be(partage_pack_be::settings::BelgianSettings),
    Fr(partage_pack_fr::settings::FrenchSettings),
}

/// The pack of `country`, with its section (`key -> value as text`; None when the
/// configuration has no `[pack.<cc>]`) read and checked by the pack.
pub fn configure(
    country: CountryCode,
    section: Option<&BTreeMap<String, String>>,
) -> Result<PackSettings, RegistryError> {
    let empty = BTreeMap::new();
    let section = section.unwrap_or(&empty);
    match country.as_str() {
        "BE" => Ok(PackSettings {
            section: Section::Be(partage_pack_be::settings::BelgianSettings::from_section(section).map_err(from_be)?),
        }),
        "FR" => Ok(PackSettings {
            section: Section::Fr(partage_pack_fr::settings::FrenchSettings::from_section(section).map_err(from_fr)?),
        }),
        other => Err(RegistryError {
            key: "node.country".into(),
            message: format!("no country pack for {other} yet (available: {})", AVAILABLE.join(", ")),
        }),
    }
}

fn from_be(e: partage_pack_be::settings::SettingsError) -> RegistryError {
    RegistryError { key: e.key, message: e.message }
}

fn from_fr(e: partage_pack_fr::settings::SettingsError) -> RegistryError {
    RegistryError { key: e.key, message: e.message }
}

impl PackSettings {
    /// The pack's country.
    pub fn country(&self) -> &'static str {
        match self.section {
            Section::Be(_) => "BE",
            Section::Fr(_) => "FR",
        }
    }

    /// The section name (`pack.be`), for messages.
    pub fn section_name(&self) -> &'static str {
        match self.section {
            Section::Be(_) => "pack.be",
            Section::Fr(_) => "pack.fr",
        }
    }

    /// The languages the pack writes in (its labels, letters and documents), known
    /// before the pack loads, so that configuration can check `node.language`.
    pub fn languages(&self) -> &'static [&'static str] {
        match self.section {
            Section::Be(_) => &partage_pack_be::locale::LANGUAGES,
            Section::Fr(_) => &partage_pack_fr::LANGUAGES,
        }
    }

    /// The validated section as text per key.
    pub fn section(&self) -> BTreeMap<String, String> {
        match &self.section {
            Section::Be(s) => s.to_section(),
            Section::Fr(s) => s.to_section(),
        }
    }

    /// The same settings with some keys of the section replaced (`key -> value as
    /// text`), checked as the section's are: a simulation for another employer.
    pub fn with_overrides(&self, overrides: &BTreeMap<String, String>) -> Result<PackSettings, RegistryError> {
        match &self.section {
            Section::Be(s) => Ok(PackSettings { section: Section::Be(s.with_overrides(overrides).map_err(from_be)?) }),
            Section::Fr(s) => Ok(PackSettings { section: Section::Fr(s.with_overrides(overrides).map_err(from_fr)?) }),
        }
    }

    /// Loads the pack from its embedded parameters, configured with its section and
    /// with what the node knows.
    pub fn load(&self, node: &NodeContext) -> Result<Arc<dyn CountryPack>, PackError> {
        match &self.section {
            Section::Be(settings) => {
                let pack = partage_pack_be::BelgianPack::load()?
                    .with_register(partage_pack_be::LegalEntityRegister {
                        legal_form: node.legal_form.clone(),
                        court: node.court.clone(),
                    })
                    .with_payroll_policy(partage_pack_be::payroll::PayrollPolicy {
                        employer_cost_coefficient: node.employer_cost_coefficient,
                    })?
                    .with_settings(settings.clone());
                Ok(Arc::new(pack))
            }
            Section::Fr(settings) => {
                // The section's legal form and RCS city, when given, win over the node's generic ones.
                let pack = partage_pack_fr::FrenchPack::load()?
                    .with_entity(partage_pack_fr::LegalEntityRegister {
                        name: node.name.clone(),
                        legal_form: node.legal_form.clone(),
                        rcs_city: node.court.clone(),
                    })
                    .with_settings(settings.clone());
                Ok(Arc::new(pack))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node() -> NodeContext {
        NodeContext {
            name: "Partage".into(),
            legal_form: "SC".into(),
            court: "Bruxelles".into(),
            employer_cost_coefficient: Decimal::new(145, 2),
        }
    }

    #[test]
    fn the_belgian_pack_is_loaded_for_be_with_its_section() {
        let section: BTreeMap<String, String> =
            [("nsso_number".to_owned(), "1234567-89".to_owned())].into_iter().collect();
        let settings = configure(CountryCode::parse("BE").unwrap(), Some(&section)).unwrap();
        let pack = settings.load(&node()).unwrap();
        assert_eq!(pack.country().as_str(), "BE");
        assert_eq!(pack.employer_registration().social_security_number.as_deref(), Some("1234567-89"));
        assert_eq!(settings.section().get("nsso_number").map(String::as_str), Some("1234567-89"));
    }

    #[test]
    fn the_languages_known_before_loading_are_the_loaded_packs() {
        let settings = configure(CountryCode::parse("BE").unwrap(), None).unwrap();
        assert_eq!(settings.languages(), ["en", "fr", "nl", "de"]);
        assert_eq!(settings.languages(), settings.load(&node()).unwrap().languages());
    }

    #[test]
    fn an_unknown_country_names_the_key_and_the_packs_available() {
        let err = configure(CountryCode::parse("IT").unwrap(), None).unwrap_err();
        assert_eq!(err.to_string(), "configuration key node.country: no country pack for IT yet (available: BE, FR)");
    }

    #[test]
    fn the_french_pack_is_loaded_for_fr_with_its_section_and_languages() {
        let fr = CountryCode::parse("FR").unwrap();
        let section: BTreeMap<String, String> =
            [("siret".to_owned(), "73282932000074".to_owned())].into_iter().collect();
        let settings = configure(fr, Some(&section)).unwrap();
        assert_eq!((settings.country(), settings.section_name()), ("FR", "pack.fr"));
        assert_eq!(settings.languages(), ["fr", "en"]);
        let pack = settings.load(&node()).unwrap();
        assert_eq!(pack.country().as_str(), "FR");
        assert_eq!(pack.languages(), settings.languages());
        assert_eq!(pack.employer_registration().social_security_number.as_deref(), Some("73282932000074"));
        assert_eq!(pack.collective_agreement("consultant").as_deref(), Some("1486"));
        let bad: BTreeMap<String, String> = [("siret".to_owned(), "123".to_owned())].into_iter().collect();
        assert_eq!(configure(fr, Some(&bad)).unwrap_err().key, "pack.fr.siret");
        assert_eq!(settings.with_overrides(&bad).unwrap_err().key, "pack.fr.siret");
        // A simulation's other employer: its size, as the payroll reads it.
        let small: BTreeMap<String, String> = [("company_size".to_owned(), "9".to_owned())].into_iter().collect();
        assert_eq!(
            settings.with_overrides(&small).unwrap().section().get("company_size").map(String::as_str),
            Some("9")
        );
        let bad_rate: BTreeMap<String, String> = [("accident_rate".to_owned(), "x".to_owned())].into_iter().collect();
        assert_eq!(settings.with_overrides(&bad_rate).unwrap_err().key, "pack.fr.accident_rate");
    }

    #[test]
    fn a_bad_section_value_names_its_key_and_overrides_are_checked_alike() {
        let be = CountryCode::parse("BE").unwrap();
        let bad: BTreeMap<String, String> = [("employer_workers".to_owned(), "x".to_owned())].into_iter().collect();
        assert_eq!(configure(be, Some(&bad)).unwrap_err().key, "pack.be.employer_workers");
        let settings = configure(be, None).unwrap();
        assert_eq!(settings.with_overrides(&bad).unwrap_err().key, "pack.be.employer_workers");
        let good: BTreeMap<String, String> = [("employer_workers".to_owned(), "25".to_owned())].into_iter().collect();
        let other = settings.with_overrides(&good).unwrap();
        assert_eq!(other.section().get("employer_workers").map(String::as_str), Some("25"));
        assert_eq!(settings.section().get("employer_workers").map(String::as_str), Some("0"));
    }
}
