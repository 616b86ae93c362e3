//! What a French employment contract states beyond the node's record: the motive of a CDD from
//! the closed list of Code du travail L1242-2, and the title of the collective agreement beside
//! its IDCC number.
//!
//! "Un contrat de travail à durée déterminée ne peut être conclu que pour l'exécution d'une tâche
//! précise et temporaire, et seulement dans les cas suivants" (L1242-2); "le contrat de travail à
//! durée déterminée est établi par écrit et comporte la définition précise de son motif. A défaut,
//! il est réputé conclu pour une durée indéterminée" (L1242-12), with "le nom et la qualification
//! professionnelle de la personne remplacée" for a replacement (L1242-12, 1°); a CDD concluded
//! outside these cases is deemed open-ended (L1245-1). The pack lists the cases a cooperative of
//! entrepreneurs (CAE) may meet; the others of L1242-2 (4° and 5°: a company head's replacement;
//! 6°: the CDD à objet défini for engineers and executives under a branch agreement) and of
//! L1242-3 (employment policy contracts) are left out until a member needs one.

use partage_core::contract_reason::{ContractReason, ReasonCase};

/// D1242-1, 5°: professional sport.
pub const SECTOR_SPORT: &str = "sport";
/// D1242-1, 6°: "les spectacles, l'action culturelle, l'audiovisuel, la production
/// cinématographique, l'édition phonographique".
pub const SECTOR_ENTERTAINMENT: &str = "entertainment";
/// D1242-1, 7°: teaching.
pub const SECTOR_TEACHING: &str = "teaching";
/// D1242-1, 8°: "l'information, les activités d'enquête et de sondage".
pub const SECTOR_INFORMATION: &str = "information";

/// The CDD d'usage (L1242-2, 3°, second case): a job "pour lequel, dans certains secteurs
/// d'activité définis par décret ou par voie de convention ou d'accord collectif de travail étendu,
/// il est d'usage constant de ne pas recourir au contrat de travail à durée indéterminée".
pub const CUSTOMARY: &str = "customary";

/// The cases of L1242-2 the pack accepts, with what each must state. Source: Code du travail
/// L1242-2 (its 1° to 3° as archeo-lex.fr's consolidated Code and f3c.cfdt.fr quote them; the
/// Légifrance page not read) and, for the sectors of the CDD d'usage, D1242-1
/// (https://www.legifrance.gouv.fr/codes/id/LEGIARTI000021336319/, version in force on
/// 11 September 2024: fifteen sectors; the pack offers the four a CAE's members work in).
pub const CASES: &[ReasonCase] = &[
    // 1°: "remplacement d'un salarié en cas d'absence", of a part-time passage, of a suspended
    // contract...; L1242-12, 1° asks the replaced person's name and qualification.
    ReasonCase { code: "replacement", replaced: true, sectors: &[], detail: false },
    // 2°: "accroissement temporaire de l'activité de l'entreprise"; the precise motive (the order,
    // the event) is the detail, which L1242-12's "définition précise" asks.
    ReasonCase { code: "activity_increase", replaced: false, sectors: &[], detail: true },
    // 3°, first case: "emplois à caractère saisonnier"; the detail names the season's work.
    ReasonCase { code: "seasonal", replaced: false, sectors: &[], detail: true },
    // 3°, second case: the CDD d'usage, in a sector of D1242-1.
    ReasonCase {
        code: CUSTOMARY,
        replaced: false,
        sectors: &[SECTOR_SPORT, SECTOR_ENTERTAINMENT, SECTOR_TEACHING, SECTOR_INFORMATION],
        detail: false,
    },
];

/// Performing artists and technicians are hired under a CDD d'usage of the performing arts
/// (D1242-1, 6°), the pack's payroll of intermittents assumes it (`Regime::Performance`): their
/// contract states it when the declaration gives no other motive. Other kinds state their own.
pub fn default_reason(worker_category: &str) -> Option<ContractReason> {
    matches!(worker_category, "artist" | "technician").then(|| ContractReason {
        code: CUSTOMARY.into(),
        replaced: None,
        sector: Some(SECTOR_ENTERTAINMENT.into()),
        detail: None,
    })
}

/// A collective agreement the pack knows by its IDCC, with its official title and where it was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Agreement {
    /// The Ministry of Labour's number.
    pub idcc: &'static str,
    /// The title as Légifrance gives it (without its date and extension, which change with avenants).
    pub title: &'static str,
    /// Where the number and title were read.
    pub source: &'static str,
}

/// The agreements the pack's defaults and demo use, and the neighbouring ones of the performing arts
/// a node may configure (`pack.fr.idcc_<kind>`). An IDCC outside this table prints as its number only.
pub const AGREEMENTS: &[Agreement] = &[
    Agreement {
        idcc: "1285",
        title: "Convention collective nationale pour les entreprises artistiques et culturelles",
        source: "Légifrance KALICONT000005635964 (title and IDCC as doctrine.fr's copy of the Légifrance \
                 record gives them; the Légifrance page itself not read)",
    },
    Agreement {
        idcc: "1486",
        title: "Convention collective nationale des bureaux d'études techniques, des cabinets \
                d'ingénieurs-conseils et des sociétés de conseils",
        source: "https://www.legifrance.gouv.fr/conv_coll/id/KALISCTA000005752516/?idConteneur=KALICONT000005635173",
    },
    Agreement {
        idcc: "2642",
        title: "Convention collective nationale de la production audiovisuelle",
        source: "https://www.legifrance.gouv.fr/affichIDCC.do?idConvention=KALICONT000018828041 \
                 (convention du 13 décembre 2006, étendue par arrêté du 24 juillet 2007)",
    },
    Agreement {
        idcc: "3090",
        title: "Convention collective nationale des entreprises du secteur privé du spectacle vivant",
        source: "https://www.legifrance.gouv.fr/conv_coll/id/KALITEXT000032826796/?idConteneur=KALICONT000028157262 \
                 (convention du 3 février 2012)",
    },
];

/// The official title of the agreement `idcc`, if the pack's table has it.
pub fn agreement_title(idcc: &str) -> Option<&'static str> {
    AGREEMENTS.iter().find(|a| a.idcc == idcc).map(|a| a.title)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::FrenchSettings;
    use partage_core::contract_reason::{check, ReasonError, ReplacedWorker};

    #[test]
    fn a_cdd_without_a_motive_is_refused_with_the_l1242_2_cases() {
        let err = check(CASES, None).unwrap_err();
        assert_eq!(err, ReasonError::Missing { allowed: "replacement, activity_increase, seasonal, customary".into() });
    }

    #[test]
    fn a_replacement_names_the_person_replaced_and_a_cdd_d_usage_its_sector() {
        let replacement = ContractReason {
            code: "replacement".into(),
            replaced: Some(ReplacedWorker { name: "Anne Roux".into(), job: "régisseuse lumière".into() }),
            ..ContractReason::default()
        };
        assert!(check(CASES, Some(replacement)).is_ok());
        let no_name = ContractReason { code: "replacement".into(), ..ContractReason::default() };
        assert_eq!(check(CASES, Some(no_name)).unwrap_err().field(), "motive.replaced");
        // D1242-1, 1° (forestry) is a sector of the decree, not one a CAE's member works in.
        let forestry =
            ContractReason { code: CUSTOMARY.into(), sector: Some("forestry".into()), ..ContractReason::default() };
        assert_eq!(check(CASES, Some(forestry)).unwrap_err().field(), "motive.sector");
    }

    #[test]
    fn performers_state_the_performing_arts_cdd_d_usage_and_others_their_own_motive() {
        let artist = default_reason("artist").unwrap();
        assert_eq!((artist.code.as_str(), artist.sector.as_deref()), (CUSTOMARY, Some(SECTOR_ENTERTAINMENT)));
        assert_eq!(check(CASES, Some(artist.clone())), Ok(Some(artist)));
        assert!(default_reason("technician").is_some());
        assert_eq!(default_reason("non-cadre"), None);
        assert_eq!(default_reason("cadre"), None);
    }

    #[test]
    fn every_agreement_the_default_settings_name_has_its_title_and_a_source() {
        let s = FrenchSettings::default();
        let mut used = vec![s.idcc.clone()];
        used.extend(s.idcc_by_kind.iter().map(|(_, i)| i.clone()));
        for idcc in used {
            assert!(agreement_title(&idcc).is_some(), "IDCC {idcc} has no title");
        }
        assert_eq!(
            agreement_title("3090"),
            Some("Convention collective nationale des entreprises du secteur privé du spectacle vivant")
        );
        assert_eq!(agreement_title("2642"), Some("Convention collective nationale de la production audiovisuelle"));
        assert_eq!(agreement_title("9999"), None);
        for a in AGREEMENTS {
            assert!(crate::settings::valid_idcc(a.idcc), "{}", a.idcc);
            assert!(a.source.contains("KALICONT"), "{} names its Légifrance record", a.idcc);
        }
    }
}
