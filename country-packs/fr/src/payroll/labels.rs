//! The payslip lines' labels in English and French (Fluent messages whose ids are the lines'
//! codes, `payroll.ftl`) and the headings of the printed invoice, credit note and bulletin de
//! paie (`documents.ftl`), so payslips and invoices print in either language.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use partage_core::dated::ParameterError;
use unic_langid::LanguageIdentifier;

/// Languages of the labels; English is the fallback.
pub const LANGUAGES: [&str; 2] = ["en", "fr"];

/// Each language's files, all in one bundle (a message id appears in one file only).
const FILES: [(&str, [(&str, &str); 2]); 2] = [
    (
        "en",
        [
            ("locales/en/payroll.ftl", include_str!("../../locales/en/payroll.ftl")),
            ("locales/en/documents.ftl", include_str!("../../locales/en/documents.ftl")),
        ],
    ),
    (
        "fr",
        [
            ("locales/fr/payroll.ftl", include_str!("../../locales/fr/payroll.ftl")),
            ("locales/fr/documents.ftl", include_str!("../../locales/fr/documents.ftl")),
        ],
    ),
];

/// The loaded label bundles.
pub struct Labels {
    bundles: Vec<(&'static str, FluentBundle<FluentResource>)>,
}

impl std::fmt::Debug for Labels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Labels").field("languages", &self.bundles.iter().map(|(l, _)| *l).collect::<Vec<_>>()).finish()
    }
}

impl Labels {
    /// Parses the embedded Fluent files.
    pub fn load() -> Result<Labels, ParameterError> {
        let mut bundles = Vec::with_capacity(FILES.len());
        for (language, files) in FILES {
            let id: LanguageIdentifier = language.parse().map_err(|_| ParameterError::Malformed {
                file: files[0].0.to_owned(),
                message: format!("bad language {language}"),
            })?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Labels go into tables and PDF: no Unicode isolation marks.
            bundle.set_use_isolating(false);
            for (path, text) in files {
                let malformed = |message: String| ParameterError::Malformed { file: path.to_owned(), message };
                let resource = FluentResource::try_new(text.to_owned())
                    .map_err(|(_, errors)| malformed(format!("{} Fluent syntax errors", errors.len())))?;
                bundle
                    .add_resource(resource)
                    .map_err(|errors| malformed(format!("{} duplicate messages", errors.len())))?;
            }
            bundles.push((language, bundle));
        }
        Ok(Labels { bundles })
    }

    /// The label of line `code` in `language` (English when the language or the label is missing there).
    pub fn label(&self, language: &str, code: &str) -> Option<String> {
        self.label_with(language, code, &[])
    }

    /// The label `code` in `language` with its variables, given as text (English when the
    /// language or the label is missing there); None when a variable it uses is not given.
    pub fn label_with(&self, language: &str, code: &str, args: &[(&str, &str)]) -> Option<String> {
        let find = |lang: &str| self.bundles.iter().find(|(l, _)| *l == lang).map(|(_, b)| b);
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, *value);
        }
        let fluent_args = (!args.is_empty()).then_some(&fluent_args);
        [find(language), find("en")].into_iter().flatten().find_map(|bundle| {
            let pattern = bundle.get_message(code)?.value()?;
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, fluent_args, &mut errors).into_owned();
            errors.is_empty().then_some(text)
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use partage_core::payroll::LineKind;

    #[test]
    fn every_payslip_line_has_a_label_in_each_language() {
        let labels = Labels::load().unwrap();
        // Core's kinds the pack writes (it has no special contribution), and its own.
        let core = LineKind::CORE.iter().filter(|k| **k != LineKind::SpecialContribution);
        for kind in core.chain(super::super::LINE_KINDS) {
            for language in LANGUAGES {
                let bundle = labels.bundles.iter().find(|(l, _)| *l == language).map(|(_, b)| b).unwrap();
                assert!(bundle.has_message(kind.code()), "{language} lacks {}", kind.code());
                // The payslip's appendix cites each line's legal basis in the payslip's language.
                let basis = format!("basis-{}", kind.code());
                assert!(bundle.has_message(&basis), "{language} lacks {basis}");
            }
        }
        assert_eq!(labels.label("fr", "net_taxable").as_deref(), Some("Net imposable"));
        assert_eq!(labels.label("fr", "basis-general_reduction").as_deref(), Some("CSS, art. L241-13 et D241-7"));
        assert_eq!(labels.label("de", "net_taxable").as_deref(), Some("Taxable net pay"), "English fallback");
        assert_eq!(labels.label("fr", "no_such_line"), None);
    }

    /// The printed documents' headings come in both languages, so no French invoice or
    /// bulletin de paie prints a message id.
    #[test]
    fn every_printed_heading_has_a_label_in_each_language() {
        let labels = Labels::load().unwrap();
        for code in [
            "invoice-title",
            "invoice-total",
            "unit-HUR-other",
            "vat-category-S",
            "payslip-title",
            "payslip-keep-notice",
        ] {
            for language in LANGUAGES {
                let bundle = labels.bundles.iter().find(|(l, _)| *l == language).map(|(_, b)| b).unwrap();
                assert!(bundle.has_message(code), "{language} lacks {code}");
            }
        }
        assert_eq!(labels.label("fr", "payslip-title").as_deref(), Some("Bulletin de paie"));
        assert_eq!(labels.label("fr", "invoice-total").as_deref(), Some("Total TTC"));
    }

    /// French puts a no-break space before `:` and inside « », a narrow one before `;` `?` `!`,
    /// so no bulletin de paie or invoice breaks a line before the sign.
    #[test]
    fn french_labels_keep_the_sign_on_the_line_of_its_word() {
        let faults: Vec<String> = FILES
            .iter()
            .filter(|(language, _)| *language == "fr")
            .flat_map(|(_, files)| files.iter())
            .flat_map(|(path, text)| partage_pack_conformance::typography::french_spacing_faults(path, text))
            .map(|fault| fault.to_string())
            .collect();
        assert!(faults.is_empty(), "French spacing:\n{}", faults.join("\n"));
    }
}
