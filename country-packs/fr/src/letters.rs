//! The wording of the pack's letters in French and English (Fluent messages with variables):
//! the dunning letters (`locales/{fr,en}/dunning.ftl`), which the node fills with the dates and
//! amounts it formats.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use partage_core::dated::ParameterError;
use unic_langid::LanguageIdentifier;

const FILES: [(&str, &str, &str); 2] = [
    ("en", "locales/en/dunning.ftl", include_str!("../locales/en/dunning.ftl")),
    ("fr", "locales/fr/dunning.ftl", include_str!("../locales/fr/dunning.ftl")),
];

/// The loaded letter bundles.
pub struct Letters {
    bundles: Vec<(&'static str, FluentBundle<FluentResource>)>,
}

impl std::fmt::Debug for Letters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Letters").field("languages", &self.bundles.iter().map(|(l, _)| *l).collect::<Vec<_>>()).finish()
    }
}

impl Letters {
    /// Parses the embedded Fluent files.
    pub fn load() -> Result<Letters, ParameterError> {
        let mut bundles = Vec::with_capacity(FILES.len());
        for (language, path, text) in FILES {
            let malformed = |message: String| ParameterError::Malformed { file: path.to_owned(), message };
            let id: LanguageIdentifier = language.parse().map_err(|_| malformed(format!("bad language {language}")))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Letters go into PDF and plain-text e-mails: no Unicode isolation marks.
            bundle.set_use_isolating(false);
            let resource = FluentResource::try_new(text.to_owned())
                .map_err(|(_, errors)| malformed(format!("{} Fluent syntax errors", errors.len())))?;
            bundle
                .add_resource(resource)
                .map_err(|errors| malformed(format!("{} duplicate messages", errors.len())))?;
            bundles.push((language, bundle));
        }
        Ok(Letters { bundles })
    }

    /// Message `code` in `language` with its variables (English when the language or the
    /// message is missing there); None when no bundle has it or a variable is missing.
    pub fn message_with(&self, language: &str, code: &str, args: &[(&str, &str)]) -> Option<String> {
        let find = |lang: &str| self.bundles.iter().find(|(l, _)| *l == lang).map(|(_, b)| b);
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, *value);
        }
        [find(language), find("en")].into_iter().flatten().find_map(|bundle| {
            let pattern = bundle.get_message(code)?.value()?;
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned();
            errors.is_empty().then_some(text)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dunning_message_exists_in_both_languages_with_the_law_of_each_side() {
        let letters = Letters::load().unwrap();
        let ids = |lang: &str| -> Vec<String> {
            let (_, text) = FILES.iter().find(|(l, _, _)| *l == lang).map(|(_, _, t)| ((), *t)).unwrap();
            text.lines().filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned())).collect()
        };
        assert_eq!(ids("fr"), ids("en"));
        let total = letters.message_with(
            "fr",
            "dunning-pay",
            &[("total", "1 210,00 €"), ("name", "Partage"), ("iban", "FR76"), ("reference", "F-2026-1")],
        );
        assert_eq!(
            total.as_deref(),
            Some("Merci de virer 1 210,00 € sur le compte de Partage, IBAN FR76, en indiquant la référence F-2026-1.")
        );
        assert!(letters.message_with("fr", "dunning-damages-business", &[]).unwrap().contains("D. 441-5"));
        assert!(letters.message_with("en", "dunning-interest-basis-consumer", &[]).unwrap().contains("1231-6"));
        assert_eq!(letters.message_with("de", "dunning-closing", &[]).as_deref(), Some("Yours faithfully,"));
        // A missing variable is no message rather than a letter with a hole.
        assert_eq!(letters.message_with("fr", "dunning-pay", &[]), None);
    }

    /// French puts a no-break space before `:` and inside « », a narrow one before `;` `?` `!`,
    /// so no letter breaks a line before the sign.
    #[test]
    fn french_letters_keep_the_sign_on_the_line_of_its_word() {
        let faults: Vec<String> = FILES
            .iter()
            .filter(|(language, _, _)| *language == "fr")
            .flat_map(|(_, path, text)| partage_pack_conformance::typography::french_spacing_faults(path, text))
            .map(|fault| fault.to_string())
            .collect();
        assert!(faults.is_empty(), "French spacing:\n{}", faults.join("\n"));
    }
}
