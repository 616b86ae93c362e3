//! The pack's Fluent messages in English and in Belgium's languages, French, Dutch and German:
//! labels of payslip lines, the wording of dunning letters and the labels of printed invoices
//! and payslips. German is Belgian administrative German (the terms of the federal
//! administrations' German pages and of the Belgisches Staatsblatt's German translations,
//! cited at the top of each `locales/de` file).

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use partage_core::dated::ParameterError;
use unic_langid::LanguageIdentifier;

/// Languages the pack's messages exist in; English is the fallback.
pub const LANGUAGES: [&str; 4] = ["en", "fr", "nl", "de"];

const FILES: [(&str, &str, &str); 4] = [
    ("en", "locales/en/payroll.ftl", include_str!("../locales/en/payroll.ftl")),
    ("fr", "locales/fr/payroll.ftl", include_str!("../locales/fr/payroll.ftl")),
    ("nl", "locales/nl/payroll.ftl", include_str!("../locales/nl/payroll.ftl")),
    ("de", "locales/de/payroll.ftl", include_str!("../locales/de/payroll.ftl")),
];

/// The dunning letters' wording, added to each language's bundle.
const DUNNING_FILES: [(&str, &str, &str); 4] = [
    ("en", "locales/en/dunning.ftl", include_str!("../locales/en/dunning.ftl")),
    ("fr", "locales/fr/dunning.ftl", include_str!("../locales/fr/dunning.ftl")),
    ("nl", "locales/nl/dunning.ftl", include_str!("../locales/nl/dunning.ftl")),
    ("de", "locales/de/dunning.ftl", include_str!("../locales/de/dunning.ftl")),
];

/// The labels of printed documents (invoice, credit note, payslip), added to each language's bundle.
const DOCUMENT_FILES: [(&str, &str, &str); 4] = [
    ("en", "locales/en/documents.ftl", include_str!("../locales/en/documents.ftl")),
    ("fr", "locales/fr/documents.ftl", include_str!("../locales/fr/documents.ftl")),
    ("nl", "locales/nl/documents.ftl", include_str!("../locales/nl/documents.ftl")),
    ("de", "locales/de/documents.ftl", include_str!("../locales/de/documents.ftl")),
];

/// The loaded message bundles.
pub struct Locale {
    bundles: Vec<(&'static str, FluentBundle<FluentResource>)>,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale").field("languages", &self.bundles.iter().map(|(l, _)| *l).collect::<Vec<_>>()).finish()
    }
}

impl Locale {
    /// Parses the embedded Fluent files.
    pub fn load() -> Result<Locale, ParameterError> {
        let mut bundles = Vec::with_capacity(FILES.len());
        for (language, path, text) in FILES {
            let malformed = |message: String| ParameterError::Malformed { file: path.to_owned(), message };
            let id: LanguageIdentifier = language.parse().map_err(|_| malformed(format!("bad language {language}")))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Labels go into tables, XML and plain-text letters: no Unicode isolation marks.
            bundle.set_use_isolating(false);
            let extra = DUNNING_FILES
                .iter()
                .chain(DOCUMENT_FILES.iter())
                .filter(|(l, _, _)| *l == language)
                .map(|(_, p, t)| (*p, *t));
            for (path, text) in std::iter::once((path, text)).chain(extra) {
                let malformed = |message: String| ParameterError::Malformed { file: path.to_owned(), message };
                let resource = FluentResource::try_new(text.to_owned())
                    .map_err(|(_, errors)| malformed(format!("{} Fluent syntax errors", errors.len())))?;
                bundle
                    .add_resource(resource)
                    .map_err(|errors| malformed(format!("{} duplicate messages", errors.len())))?;
            }
            bundles.push((language, bundle));
        }
        Ok(Locale { bundles })
    }

    /// The message `id` in `language` (English when the language or the message is missing there).
    pub fn message(&self, language: &str, id: &str) -> Option<String> {
        self.message_with(language, id, &[])
    }

    /// The message `id` in `language` with its variables, given as text (English when the
    /// language or the message is missing there); None when a variable it uses is not given.
    pub fn message_with(&self, language: &str, id: &str, args: &[(&str, &str)]) -> Option<String> {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, *value);
        }
        let find = |lang: &str| self.bundles.iter().find(|(l, _)| *l == lang).map(|(_, b)| b);
        [find(language), find("en")].into_iter().flatten().find_map(|bundle| {
            let pattern = bundle.get_message(id)?.value()?;
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned();
            errors.is_empty().then_some(text)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message ids a Fluent file defines, in order.
    fn ids(text: &str) -> Vec<String> {
        text.lines().filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned())).collect()
    }

    #[test]
    fn every_language_of_the_pack_has_each_kind_of_file() {
        for files in [&FILES, &DUNNING_FILES, &DOCUMENT_FILES] {
            let languages: Vec<&str> = files.iter().map(|(l, _, _)| *l).collect();
            assert_eq!(languages, LANGUAGES);
        }
    }

    #[test]
    fn every_payslip_line_has_a_label_in_each_language() {
        let locale = Locale::load().unwrap();
        let codes: Vec<String> =
            FILES[0].2.lines().filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned())).collect();
        assert!(codes.len() >= 13);
        for (language, _, text) in FILES {
            for code in &codes {
                assert!(text.lines().any(|l| l.starts_with(&format!("{code} = "))), "{language} lacks {code}");
            }
        }
        assert_eq!(locale.message("fr", "withholding_tax").as_deref(), Some("Précompte professionnel"));
        assert_eq!(locale.message("nl", "withholding_tax").as_deref(), Some("Bedrijfsvoorheffing"));
        assert_eq!(locale.message("de", "withholding_tax").as_deref(), Some("Berufssteuervorabzug"));
        assert_eq!(locale.message("de-BE", "withholding_tax").as_deref(), Some("Withholding tax"), "exact tags only");
        assert_eq!(locale.message("it", "withholding_tax").as_deref(), Some("Withholding tax"), "English fallback");
        assert_eq!(locale.message("fr", "no_such_line"), None);
    }

    /// The payslip's appendix cites each line's legal basis in the payslip's language, never the
    /// parameter files' English research notes.
    #[test]
    fn every_payslip_line_has_a_legal_basis_in_each_language() {
        let locale = Locale::load().unwrap();
        let kinds = partage_core::payroll::LineKind::CORE.iter().chain(crate::payroll::LINE_KINDS.iter());
        for kind in kinds {
            for language in LANGUAGES {
                let basis = format!("basis-{}", kind.code());
                let text = locale.message(language, &basis);
                assert!(text.as_deref().is_some_and(|t| !t.is_empty() && t != basis), "{language} lacks {basis}");
            }
        }
        assert_eq!(
            locale.message("nl", "basis-fiscal_work_bonus").as_deref(),
            Some("WIB 92, art. 289ter/1 (fiscale werkbonus)")
        );
        assert_eq!(
            locale.message("fr", "basis-closing_fund").as_deref(),
            Some("Loi du 26 juin 2002 relative aux fermetures d'entreprises")
        );
    }

    #[test]
    fn every_dunning_message_exists_in_each_language_with_its_variables() {
        let locale = Locale::load().unwrap();
        let english = ids(DUNNING_FILES[0].2);
        assert!(english.len() >= 40);
        for (language, _, text) in DUNNING_FILES {
            assert_eq!(ids(text), english, "{language} has other messages than English, or in another order");
        }
        let args = [("date", "24/04/2026"), ("rate", "10,5 %")];
        assert_eq!(
            locale.message_with("fr", "dunning-rate-until", &args).as_deref(),
            Some("10,5 % jusqu'au 24/04/2026")
        );
        assert_eq!(locale.message_with("nl", "dunning-title-formal_notice", &[]).as_deref(), Some("Ingebrekestelling"));
        // A variable left out gives no message rather than a letter with a hole in it.
        assert_eq!(locale.message_with("fr", "dunning-rate-until", &args[..1]), None);
        assert_eq!(
            locale
                .message_with("de", "dunning-rate-until", &[("date", "24. April 2026"), ("rate", "10,5 %")])
                .as_deref(),
            Some("10,5 % bis zum 24. April 2026")
        );
        assert_eq!(locale.message("de", "dunning-title-formal_notice").as_deref(), Some("Inverzugsetzung"));
        assert_eq!(
            locale.message("it", "dunning-title-reminder").as_deref(),
            Some("First reminder"),
            "English fallback"
        );
    }

    #[test]
    fn every_document_label_exists_in_each_language() {
        let locale = Locale::load().unwrap();
        let english = ids(DOCUMENT_FILES[0].2);
        assert!(english.len() >= 60);
        for (language, _, text) in DOCUMENT_FILES {
            let mut these = ids(text);
            let mut expected = english.clone();
            these.sort();
            expected.sort();
            assert_eq!(these, expected, "{language} has other labels than English");
        }
        assert_eq!(locale.message("de", "payslip-national-number").as_deref(), Some("Nationalregisternummer"));
        assert_eq!(locale.message("de", "payslip-collective-agreement").as_deref(), Some("Paritätische Kommission"));
        assert_eq!(locale.message("de", "invoice-vat-number").as_deref(), Some("MwSt."));
    }

    /// French puts a no-break space before `:` and inside « », a narrow one before `;` `?` `!`,
    /// so no payslip, invoice or letter breaks a line before the sign.
    #[test]
    fn french_messages_keep_the_sign_on_the_line_of_its_word() {
        let faults: Vec<String> = [&FILES, &DUNNING_FILES, &DOCUMENT_FILES]
            .into_iter()
            .flatten()
            .filter(|(language, _, _)| *language == "fr")
            .flat_map(|(_, path, text)| partage_pack_conformance::typography::french_spacing_faults(path, text))
            .map(|fault| fault.to_string())
            .collect();
        assert!(faults.is_empty(), "French spacing:\n{}", faults.join("\n"));
    }
}
