//! Every string of HQ's pages from `hq/locales/{en,fr,nl}/hq.ftl`, and the page's language
//! from `Accept-Language` (English when it names none of them). HQ has no person's setting
//! to prefer: its one operator is not an account.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use partage_documents::Locale;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::sync::OnceLock;
use unic_langid::LanguageIdentifier;

/// The page catalogues, by language; the first is the default.
pub const FILES: [(&str, &str); 3] = [
    ("en", include_str!("../../locales/en/hq.ftl")),
    ("fr", include_str!("../../locales/fr/hq.ftl")),
    ("nl", include_str!("../../locales/nl/hq.ftl")),
];

type Bundles = Vec<(&'static str, FluentBundle<FluentResource>)>;

fn bundles() -> &'static Bundles {
    static BUNDLES: OnceLock<Bundles> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        let mut out = Vec::new();
        for (language, text) in FILES {
            match bundle(language, text) {
                Ok(b) => out.push((language, b)),
                Err(why) => tracing::error!(language, why, "HQ page strings not loaded"),
            }
        }
        out
    })
}

fn bundle(language: &str, text: &str) -> Result<FluentBundle<FluentResource>, String> {
    let id: LanguageIdentifier = language.parse().map_err(|_| format!("bad language {language}"))?;
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Text goes into HTML, escaped by the template: isolation marks would only clutter it.
    bundle.set_use_isolating(false);
    let resource =
        FluentResource::try_new(text.to_owned()).map_err(|(_, e)| format!("{} Fluent syntax errors", e.len()))?;
    bundle.add_resource(resource).map_err(|e| format!("{} duplicate messages", e.len()))?;
    Ok(bundle)
}

/// The language a page is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lang(pub &'static str);

impl Lang {
    /// What `Accept-Language` prefers among the catalogues (highest q, the first on a tie),
    /// else English.
    pub fn choose(accept_language: Option<&str>) -> Lang {
        let mut best: Option<(u16, &'static str)> = None;
        for range in accept_language.unwrap_or_default().split(',') {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .map(|q| {
                    let q = q.trim().parse::<Decimal>().unwrap_or_default().clamp(Decimal::ZERO, Decimal::ONE);
                    (q * Decimal::ONE_THOUSAND).to_u16().unwrap_or(0)
                })
                .next()
                .unwrap_or(1000);
            let primary = tag.split('-').next().unwrap_or_default().to_ascii_lowercase();
            let known = FILES.iter().map(|(l, _)| *l).find(|l| *l == primary);
            if let Some(l) = known.filter(|_| q > 0) {
                if best.is_none_or(|(b, _)| q > b) {
                    best = Some((q, l));
                }
            }
        }
        Lang(best.map_or("en", |(_, l)| l))
    }

    /// The message `id`; its id in brackets when missing, which the tests look for.
    pub fn t(self, id: &str) -> String {
        self.t_with(id, &[])
    }

    /// The message `id` with these values.
    pub fn t_with(self, id: &str, args: &[(&str, &str)]) -> String {
        let Some((_, bundle)) = bundles().iter().find(|(l, _)| *l == self.0) else { return format!("[{id}]") };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else { return format!("[{id}]") };
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, *v);
        }
        let mut errors = Vec::new();
        bundle.format_pattern(pattern, Some(&fa), &mut errors).into_owned()
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

    fn ids(text: &str) -> BTreeSet<String> {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned()))
            .collect()
    }

    #[test]
    fn every_string_exists_in_every_language_and_parses() {
        let english = ids(FILES[0].1);
        assert!(english.len() > 20, "{english:?}");
        for (language, text) in FILES {
            assert!(bundle(language, text).is_ok(), "{language} parses");
            let these = ids(text);
            let missing: Vec<_> = english.difference(&these).collect();
            let extra: Vec<_> = these.difference(&english).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{language}: missing {missing:?}, extra {extra:?}");
        }
    }

    /// Every id the templates name literally, and the sectors' family, exists in English
    /// (and so, by the test above, in every language).
    #[test]
    fn every_string_the_pages_name_exists() {
        let english = ids(FILES[0].1);
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
        let missing: Vec<_> = named.iter().filter(|id| !english.contains(*id)).collect();
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
