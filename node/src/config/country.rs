//! The node's country: its pack, configured from its `[pack.<cc>]` section, the other
//! packs' sections, and the node's language, which must be one of its pack's.

use super::ConfigError;
use partage_core::client::CountryCode;
use partage_packs::PackSettings;
use std::collections::BTreeMap;

/// The node's country with its configured pack, and the other countries' packs by upper-case code.
pub(super) struct Packs {
    /// `node.country`.
    pub(super) country: CountryCode,
    /// The country's pack, configured from its own section.
    pub(super) pack: PackSettings,
    /// Every other section's pack, configured from it.
    pub(super) abroad: BTreeMap<String, PackSettings>,
}

/// Configures the node's pack and the packs of the other sections of `pack`.
pub(super) fn packs(
    country: &str,
    sections: &BTreeMap<String, BTreeMap<String, String>>,
) -> Result<Packs, ConfigError> {
    let country =
        CountryCode::parse(country).map_err(|e| ConfigError::Key { key: "node.country", message: e.to_string() })?;
    // The section's name is the country code in lower case, as keys are.
    let section = sections.get(&country.as_str().to_ascii_lowercase());
    let pack = partage_packs::configure(country, section)?;
    let mut abroad = BTreeMap::new();
    for (name, section) in sections {
        // A section no pack reads is a typo or a pack this build lacks: said, not ignored.
        let code = CountryCode::parse(name).ok().filter(|c| partage_packs::AVAILABLE.contains(&c.as_str()));
        let Some(code) = code else {
            return Err(partage_packs::RegistryError {
                key: format!("pack.{name}"),
                message: format!(
                    "no country pack reads this section (sections: {})",
                    partage_packs::AVAILABLE.join(", ").to_ascii_lowercase()
                ),
            }
            .into());
        };
        if code != country {
            abroad.insert(code.to_string(), partage_packs::configure(code, Some(section))?);
        }
    }
    Ok(Packs { country, pack, abroad })
}

/// Checks that `node.language` is one of the pack's languages.
pub(super) fn language(pack: &PackSettings, language: &str) -> Result<(), ConfigError> {
    if !pack.languages().contains(&language) {
        return Err(ConfigError::Key {
            key: "node.language",
            message: format!("expected one of the pack's languages: {}", pack.languages().join(", ")),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::config::Settings;

    #[test]
    fn the_node_language_is_one_of_the_packs_languages() {
        let s = Settings::load_with(None, &[("node.language", "nl".into())]).unwrap();
        assert_eq!(s.language, "nl");
        let s = Settings::load_with(None, &[("node.language", "de".into())]).unwrap();
        assert_eq!(s.language, "de", "German, Belgium's third language");
        let err = Settings::load_with(None, &[("node.language", "it".into())]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "configuration key node.language: expected one of the pack's languages: en, fr, nl, de"
        );
    }

    #[test]
    fn another_countrys_section_configures_its_pack_for_work_under_its_legislation() {
        let s = Settings::load_with(None, &[("pack.fr.siret", "73282932000074".into())]).unwrap();
        assert_eq!(s.pack.country(), "BE");
        let fr = s.packs_abroad.get("FR").expect("the French section");
        assert_eq!(fr.section().get("siret").map(String::as_str), Some("73282932000074"));
        assert!(!s.packs_abroad.contains_key("BE"), "the node's own pack is not abroad");
        // Checked by its pack at start-up, as the node's own section is.
        let err = Settings::load_with(None, &[("pack.fr.siret", "123".into())]).unwrap_err();
        assert!(err.to_string().starts_with("configuration key pack.fr.siret:"), "{err}");
        // A section no pack reads is a typo said at start-up, not a setting silently ignored.
        let err = Settings::load_with(None, &[("pack.it.anything", "1".into())]).unwrap_err();
        assert_eq!(err.to_string(), "configuration key pack.it: no country pack reads this section (sections: be, fr)");
    }

    #[test]
    fn the_employer_profile_comes_from_the_pack_section() {
        let value = |s: &Settings, key: &str| s.pack.section().get(key).cloned();
        let s = Settings::load_with(None, &[]).unwrap();
        assert_eq!((value(&s, "employer_workers"), value(&s, "commercial")), (Some("0".into()), Some("true".into())));
        assert_eq!(value(&s, "joint_committee"), None);
        let s = Settings::load_with(
            None,
            &[
                ("pack.be.employer_workers", "25".into()),
                ("pack.be.commercial", "false".into()),
                ("pack.be.joint_committee", "304.01".into()),
            ],
        )
        .unwrap();
        assert_eq!(value(&s, "employer_workers").as_deref(), Some("25"));
        assert_eq!(value(&s, "commercial").as_deref(), Some("false"));
        assert_eq!(value(&s, "joint_committee").as_deref(), Some("304.01"));
        let err = Settings::load_with(None, &[("pack.be.joint_committee", "30".into())]).unwrap_err();
        assert!(err.to_string().starts_with("configuration key pack.be.joint_committee:"), "{err}");
    }

    #[test]
    fn the_country_picks_its_pack_and_an_unknown_one_names_the_key() {
        let err = Settings::load_with(None, &[("node.country", "IT".into())]).unwrap_err();
        assert_eq!(err.to_string(), "configuration key node.country: no country pack for IT yet (available: BE, FR)");
        let french = |key: &'static str, value: &str| {
            let entity = [
                ("node.country", "FR"),
                ("entity.vat_number", "FR15901234567"),
                ("entity.iban", "FR7630006000011234567890189"),
            ];
            let mut o: Vec<(&str, String)> = entity.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
            o.push((key, value.to_owned()));
            Settings::load_with(None, &o)
        };
        let fr = french("pack.fr.idcc_artist", "1285");
        let fr = fr.unwrap();
        assert_eq!(fr.pack.country(), "FR");
        assert_eq!(fr.pack.section().get("idcc_artist").map(String::as_str), Some("1285"));
        let err =
            Settings::load_with(None, &[("node.country", "FR".into()), ("pack.fr.ape", "9Z".into())]).unwrap_err();
        assert!(err.to_string().starts_with("configuration key pack.fr.ape:"), "{err}");
        let s = Settings::load_with(None, &[("pack.be.nsso_number", "1234567-89".into())]).unwrap();
        assert_eq!(s.pack.country(), "BE");
        assert_eq!(s.pack.section().get("nsso_number").map(String::as_str), Some("1234567-89"));
        let err = Settings::load_with(None, &[("pack.be.employer_workers", "many".into())]).unwrap_err();
        assert!(err.to_string().starts_with("configuration key pack.be.employer_workers:"), "{err}");
    }
}
