//! Every string of HQ's pages from `hq/locales/{en,fr,nl}/hq.ftl`, and the page's language
//! from `Accept-Language` (English when it names none of them). HQ has no person's setting
//! to prefer: its one operator is not an account.

use partage_documents::messages::{self, Arg, Catalogue};
use partage_documents::Locale;
use std::sync::OnceLock;

/// The page catalogues, by language; the first is the default.
pub const FILES: [(&str, &str); 3] = [
    ("en", include_str!("../../locales/en/hq.ftl")),
    ("fr", include_str!("../../locales/fr/hq.ftl")),
    ("nl", include_str!("../../locales/nl/hq.ftl")),
];

/// The parsed catalogue; an error in a file is logged and its other strings served.
fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue::new("HQ page strings", &FILES))
}

/// The language a page is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lang(pub &'static str);

impl Lang {
    /// What `Accept-Language` prefers among the catalogues (`messages::choose`: highest q
    /// above 0, the first on a tie), else English.
    pub fn choose(accept_language: Option<&str>) -> Lang {
        Lang(messages::choose(&FILES.map(|(language, _)| language), None, accept_language))
    }

    /// The message `id`; its id in brackets when missing, which the tests look for.
    pub fn t(self, id: &str) -> String {
        self.t_with(id, &[])
    }

    /// The message `id` with these values.
    pub fn t_with(self, id: &str, args: &[(&str, &str)]) -> String {
        let args: Vec<(&str, Arg<'_>)> = args.iter().map(|&(name, value)| (name, Arg::Text(value))).collect();
        catalogue().text(self.0, id, &args)
    }

    /// Numbers, amounts and dates in this language.
    pub fn locale(self) -> Locale {
        Locale::from_tag(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_string_exists_in_every_language_and_parses() {
        let c = catalogue();
        assert!(c.errors().is_empty(), "{:?}", c.errors());
        assert!(c.ids("en").len() > 20, "{:?}", c.ids("en"));
        for (language, _) in FILES {
            let missing = c.missing("en", language);
            let extra = c.missing(language, "en");
            assert!(missing.is_empty() && extra.is_empty(), "{language}: missing {missing:?}, extra {extra:?}");
        }
    }

    /// Every id the templates name literally, and the sectors' family, exists in English
    /// (and so, by the test above, in every language).
    #[test]
    fn every_string_the_pages_name_exists() {
        let english: BTreeSet<&str> = catalogue().ids("en").iter().map(String::as_str).collect();
        let mut named = BTreeSet::new();
        for source in [include_str!("mod.rs"), include_str!("report.rs")] {
            for call in ["t(\"", "t_with(\""] {
                for (at, _) in source.match_indices(call) {
                    // `t(` itself, not the end of `input(` or `select(`.
                    let before = source.get(..at).and_then(|s| s.chars().next_back()).unwrap_or(' ');
                    if before.is_ascii_alphanumeric() || before == '_' {
                        continue;
                    }
                    if let Some(id) = source.get(at + call.len()..).and_then(|rest| rest.split('"').next()) {
                        named.insert(id.to_owned());
                    }
                }
            }
        }
        for sector in ["artistic", "cultural_industry", "other"] {
            named.insert(format!("sector-{sector}"));
        }
        assert!(named.len() > 20, "{named:?}");
        let missing: Vec<_> = named.iter().filter(|id| !english.contains(id.as_str())).collect();
        assert!(missing.is_empty(), "missing in hq.ftl: {missing:?}");
    }

    #[test]
    fn accept_language_chooses_among_english_french_and_dutch() {
        assert_eq!(Lang::choose(Some("fr-BE, en;q=0.5")), Lang("fr"));
        assert_eq!(Lang::choose(Some("de-BE, nl;q=0.8, fr;q=0.7")), Lang("nl"));
        assert_eq!(Lang::choose(Some("de")), Lang("en"));
        assert_eq!(Lang::choose(Some("fr;q=0, nl;q=0.1")), Lang("nl"));
        assert_eq!(Lang::choose(None), Lang("en"));
    }

    #[test]
    fn a_missing_string_shows_its_id_so_tests_catch_it() {
        assert_eq!(Lang("fr").t("no-such-string"), "[no-such-string]");
        assert_eq!(Lang("nl").t("sign-in-submit"), "Aanmelden");
    }
}
