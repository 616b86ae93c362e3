//! Fluent catalogues of the strings people read on pages and in problems, in several
//! languages, and the choice of a reader's language among them.
//!
//! The node's pages, the node's problem messages and HQ's pages each keep their `.ftl`
//! files and build one [`Catalogue`] from them once; what loading, formatting and choosing
//! a language mean is written here only. The country packs' labels keep their own loaders.
//!
//! Text from a catalogue goes into HTML that the templates escape, or into a problem's
//! JSON: Unicode isolation marks around the values would only clutter it, so none are
//! written.
//!
//! A file with a syntax error is not fatal: its errors are logged (and kept, for the tests
//! of each catalogue to list) and every entry Fluent could parse is served, so one broken
//! message does not take its whole language away.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

/// A value a message quotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg<'a> {
    /// Text, written as given.
    Text(&'a str),
    /// A count, given as a number so that the message's plural variants (`[one]`,
    /// `*[other]`) are chosen by the language's rules: a count given as text would match
    /// no category and always take the default variant.
    Count(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text)
    }
}

impl From<i64> for Arg<'_> {
    fn from(count: i64) -> Self {
        Arg::Count(count)
    }
}

/// One language's messages.
struct Language {
    code: &'static str,
    /// None when `code` is not a language tag (an error says so).
    bundle: Option<FluentBundle<FluentResource>>,
    /// Its messages' ids and its terms' (`-name`), in the file's order.
    ids: Vec<String>,
}

/// The messages of one catalogue in each of its languages, parsed once.
pub struct Catalogue {
    languages: Vec<Language>,
    errors: Vec<(&'static str, String)>,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue")
            .field("languages", &self.languages().collect::<Vec<_>>())
            .field("errors", &self.errors)
            .finish()
    }
}

impl Catalogue {
    /// Parses `files`, `(language, Fluent text)` pairs whose order is the catalogue's.
    /// Each error is logged as "`what` not loaded" with its language and line, and kept in
    /// [`Catalogue::errors`]; the entries that parsed are served all the same.
    pub fn new(what: &str, files: &[(&'static str, &'static str)]) -> Catalogue {
        let mut errors = Vec::new();
        let languages = files
            .iter()
            .map(|&(code, text)| {
                let (language, why) = load(code, text);
                errors.extend(why.into_iter().map(|why| (code, why)));
                language
            })
            .collect();
        for (language, why) in &errors {
            tracing::error!(language, why, "{what} not loaded");
        }
        Catalogue { languages, errors }
    }

    /// The catalogue's languages, in its order.
    pub fn languages(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.languages.iter().map(|l| l.code)
    }

    /// The catalogue's languages `pack` lists, in the pack's order.
    pub fn among(&self, pack: &[&str]) -> Vec<&'static str> {
        pack.iter().filter_map(|p| self.languages().find(|l| l == p)).collect()
    }

    /// What went wrong loading each language: syntax errors with their line, duplicate
    /// messages, a code that is not a language tag. Empty for a sound catalogue.
    pub fn errors(&self) -> &[(&'static str, String)] {
        &self.errors
    }

    /// The ids of `language`'s messages and terms (`-name`), in its file's order; none for
    /// a language the catalogue does not have.
    pub fn ids(&self, language: &str) -> &[String] {
        self.language(language).map_or(&[], |l| l.ids.as_slice())
    }

    /// The ids `reference` has and `language` lacks, in `reference`'s order: a test of a
    /// catalogue asks it of each language against the first, and the other way round.
    pub fn missing(&self, reference: &str, language: &str) -> Vec<&str> {
        let theirs = self.ids(language);
        self.ids(reference).iter().filter(|id| !theirs.contains(id)).map(String::as_str).collect()
    }

    /// The message `id` in `language` with these values; None when the language or the
    /// message is missing, or when the message quotes a value not given, so that no text
    /// goes out with a hole in it.
    pub fn message(&self, language: &str, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
        let (text, whole) = self.format(language, id, args)?;
        whole.then_some(text)
    }

    /// The message `id` in `language` with these values, as a page shows it: its id in
    /// brackets (`[id]`) when the language or the message is missing, which the tests look
    /// for; a value not given is written as Fluent marks it (`{$name}`).
    pub fn text(&self, language: &str, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.format(language, id, args).map_or_else(|| format!("[{id}]"), |(text, _)| text)
    }

    fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// The message's text, and whether Fluent wrote it without an error.
    fn format(&self, language: &str, id: &str, args: &[(&str, Arg<'_>)]) -> Option<(String, bool)> {
        let bundle = self.language(language)?.bundle.as_ref()?;
        let pattern = bundle.get_message(id)?.value()?;
        let mut values = FluentArgs::with_capacity(args.len());
        for &(name, value) in args {
            match value {
                Arg::Text(text) => values.set(name, text),
                Arg::Count(count) => values.set(name, count),
            }
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&values), &mut errors).into_owned();
        Some((text, errors.is_empty()))
    }
}

/// One language's bundle and ids, and what went wrong loading it.
fn load(code: &'static str, text: &str) -> (Language, Vec<String>) {
    let mut errors = Vec::new();
    let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(resource, syntax)| {
        for error in syntax {
            // The line of the entry the error is in, rather than where the parser gave up.
            let at = error.slice.as_ref().map_or(error.pos.start, |entry| entry.start);
            let line = text.get(..at).map_or(0, |before| before.matches('\n').count()) + 1;
            errors.push(format!("line {line}: {error}"));
        }
        resource
    });
    let ids = resource
        .entries()
        .filter_map(|entry| match entry {
            ast::Entry::Message(message) => Some(message.id.name.to_owned()),
            ast::Entry::Term(term) => Some(format!("-{}", term.id.name)),
            _ => None,
        })
        .collect();
    let bundle = match code.parse::<LanguageIdentifier>() {
        Ok(tag) => {
            let mut bundle = FluentBundle::new_concurrent(vec![tag]);
            bundle.set_use_isolating(false);
            // A duplicate keeps its first definition.
            if let Err(duplicates) = bundle.add_resource(resource) {
                errors.extend(duplicates.iter().map(ToString::to_string));
            }
            Some(bundle)
        }
        Err(_) => {
            errors.push(format!("{code} is not a language tag"));
            None
        }
    };
    (Language { code, bundle, ids }, errors)
}

/// The language to write in: `preferred` (a person's setting) when `offered` has it, else
/// the one an `Accept-Language` header prefers among `offered` (RFC 9110 §12.5.4: the
/// highest quality above 0, the first listed among equals; a range matches by its primary
/// tag in any case, `*` stands for the first offered, a range whose quality is malformed is
/// skipped), else the first offered, else English.
///
/// `offered` is what the reader may be shown, in order of preference: a pack's languages
/// that the catalogue has ([`Catalogue::among`]), or the catalogue's own.
pub fn choose(offered: &[&'static str], preferred: Option<&str>, accept_language: Option<&str>) -> &'static str {
    let find = |tag: &str| offered.iter().copied().find(|l| l.eq_ignore_ascii_case(tag));
    if let Some(language) = preferred.and_then(find) {
        return language;
    }
    let first = offered.first().copied().unwrap_or("en");
    let mut best: Option<(u16, &'static str)> = None;
    for range in accept_language.unwrap_or_default().split(',') {
        let mut parts = range.split(';');
        let tag = parts.next().unwrap_or_default().trim();
        let q = parts
            .map(str::trim)
            .find_map(|p| p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")))
            .map_or(Some(1000), quality);
        let Some(q) = q.filter(|q| *q > 0) else { continue };
        let language = if tag == "*" { Some(first) } else { find(tag.split('-').next().unwrap_or_default()) };
        if let Some(language) = language {
            if best.is_none_or(|(b, _)| q > b) {
                best = Some((q, language));
            }
        }
    }
    best.map_or(first, |(_, language)| language)
}

/// A quality value (RFC 9110 §12.4.2) in thousandths: `0.8` is 800; None when malformed.
fn quality(q: &str) -> Option<u16> {
    let (whole, fraction) = q.trim().split_once('.').unwrap_or((q.trim(), ""));
    if fraction.len() > 3 || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let thousandths: u16 = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "\
hello = Hello { $name }
# A count of days, as a number.
days-late = { $days ->
    [one] { $days } day late
   *[other] { $days } days late
}
-brand = Partage
about = About { -brand }
only-english = Only in English
";
    const FR: &str = "\
hello = Bonjour { $name }
days-late = { $days ->
    [one] { $days } jour de retard
   *[other] { $days } jours de retard
}
-brand = Partage
about = À propos de { -brand }
only-french = Seulement en français
";

    fn catalogue() -> Catalogue {
        Catalogue::new("test strings", &[("en", EN), ("fr", FR)])
    }

    #[test]
    fn a_sound_catalogue_has_no_errors_and_its_ids_in_file_order() {
        let c = catalogue();
        assert!(c.errors().is_empty(), "{:?}", c.errors());
        assert_eq!(c.languages().collect::<Vec<_>>(), ["en", "fr"]);
        assert_eq!(c.ids("en"), ["hello", "days-late", "-brand", "about", "only-english"]);
        assert!(c.ids("it").is_empty());
    }

    #[test]
    fn values_are_written_without_isolation_marks() {
        let c = catalogue();
        assert_eq!(c.text("fr", "hello", &[("name", "Ada".into())]), "Bonjour Ada");
        assert_eq!(c.message("en", "hello", &[("name", "Ada".into())]).as_deref(), Some("Hello Ada"));
        assert_eq!(c.text("fr", "about", &[]), "À propos de Partage");
    }

    /// CLDR plural rules: French counts 0 and 1 as "one", English only 1.
    #[test]
    fn a_count_chooses_the_plural_of_its_language() {
        let c = catalogue();
        let days = |language, n: i64| c.text(language, "days-late", &[("days", n.into())]);
        assert_eq!(days("fr", 0), "0 jour de retard");
        assert_eq!(days("fr", 1), "1 jour de retard");
        assert_eq!(days("fr", 2), "2 jours de retard");
        assert_eq!(days("en", 0), "0 days late");
        assert_eq!(days("en", 1), "1 day late");
        assert_eq!(days("en", 12), "12 days late");
        // Given as text, a count matches no plural category: the default variant.
        assert_eq!(c.text("en", "days-late", &[("days", "1".into())]), "1 days late");
    }

    #[test]
    fn a_missing_message_is_its_id_on_a_page_and_nothing_as_a_message() {
        let c = catalogue();
        assert_eq!(c.text("fr", "no-such-message", &[]), "[no-such-message]");
        assert_eq!(c.text("it", "hello", &[("name", "Ada".into())]), "[hello]");
        assert_eq!(c.message("fr", "no-such-message", &[]), None);
        assert_eq!(c.message("it", "hello", &[("name", "Ada".into())]), None);
    }

    #[test]
    fn a_value_not_given_leaves_no_message_and_a_marked_hole_on_a_page() {
        let c = catalogue();
        assert_eq!(c.message("en", "hello", &[]), None);
        assert_eq!(c.text("en", "hello", &[]), "Hello {$name}");
    }

    #[test]
    fn missing_lists_the_ids_one_language_lacks_against_another() {
        let c = catalogue();
        assert_eq!(c.missing("en", "fr"), ["only-english"]);
        assert_eq!(c.missing("fr", "en"), ["only-french"]);
        assert_eq!(c.missing("en", "en"), Vec::<&str>::new());
        assert_eq!(c.missing("en", "it").len(), 5, "a language without a file lacks them all");
    }

    #[test]
    fn a_syntax_error_is_listed_with_its_line_and_the_good_messages_are_served() {
        let broken = "\
good = Still here
broken = { $name
also-good = Also here
good = A second definition
";
        let c = Catalogue::new("test strings", &[("en", EN), ("fr", broken)]);
        let errors: Vec<_> = c.errors().iter().map(|(l, why)| format!("{l} {why}")).collect();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors.first().is_some_and(|e| e.starts_with("fr line 2: ")), "{errors:?}");
        assert!(errors.get(1).is_some_and(|e| e.starts_with("fr ") && e.contains("\"good\"")), "{errors:?}");
        assert_eq!(c.text("fr", "good", &[]), "Still here", "a duplicate keeps its first definition");
        assert_eq!(c.text("fr", "also-good", &[]), "Also here");
        assert_eq!(c.text("fr", "broken", &[]), "[broken]");
        assert_eq!(c.text("en", "about", &[]), "About Partage", "the other languages are whole");
    }

    #[test]
    fn a_code_that_is_no_language_tag_is_an_error_and_its_messages_are_missing() {
        let c = Catalogue::new("test strings", &[("en", EN), ("not a tag", FR)]);
        assert_eq!(c.errors(), [("not a tag", "not a tag is not a language tag".to_owned())]);
        assert_eq!(c.text("not a tag", "about", &[]), "[about]");
    }

    #[test]
    fn among_keeps_the_packs_order_and_the_catalogues_languages() {
        let c = Catalogue::new("test strings", &[("en", EN), ("fr", FR), ("nl", ""), ("de", "")]);
        assert_eq!(c.among(&["fr", "it", "nl", "en"]), ["fr", "nl", "en"]);
        assert!(c.among(&["it"]).is_empty());
    }

    #[test]
    fn the_persons_setting_wins_then_accept_language_then_the_first_offered() {
        let offered = ["fr", "nl", "de", "en"];
        assert_eq!(choose(&offered, Some("nl"), Some("fr")), "nl");
        assert_eq!(choose(&offered, Some("it"), Some("de-BE, fr;q=0.8")), "de", "a setting not offered falls through");
        assert_eq!(choose(&offered, None, Some("en;q=0.4, nl;q=0.9")), "nl");
        assert_eq!(choose(&["fr", "nl"], None, Some("en")), "fr", "none accepted: the first offered");
        assert_eq!(choose(&offered, None, None), "fr");
        assert_eq!(choose(&[], None, Some("fr")), "en", "nothing offered: English");
        assert_eq!(choose(&[], Some("fr"), None), "en");
    }

    #[test]
    fn accept_language_takes_the_highest_quality_above_zero_the_first_of_equals() {
        let offered = ["en", "fr", "nl", "de"];
        let pick = |header| choose(&offered, None, Some(header));
        assert_eq!(pick("fr"), "fr");
        assert_eq!(pick("fr-BE,fr;q=0.9,en;q=0.8"), "fr");
        assert_eq!(pick("it-IT,nl;q=0.5,en;q=0.4"), "nl", "Italian is not offered");
        assert_eq!(pick("en;q=0.2, NL-be;q=0.7"), "nl", "tags in any case");
        assert_eq!(pick("fr;Q=0.1, nl;q=0.2"), "nl", "Q= as q=");
        assert_eq!(pick("fr;q=0, nl;q=0.001"), "nl", "q=0 means not acceptable");
        assert_eq!(pick("fr;q=0"), "en", "nothing acceptable: the first offered");
        assert_eq!(pick("fr;q=0.000, de;q=0.0"), "en");
        assert_eq!(pick("fr, nl"), "fr", "the first of equals");
        assert_eq!(pick("it, *;q=0.1"), "en", "* is the first offered");
        assert_eq!(choose(&["nl", "fr"], None, Some("*, fr;q=0.5")), "nl");
        assert_eq!(pick(""), "en");
    }

    #[test]
    fn malformed_ranges_are_skipped() {
        let offered = ["en", "fr", "nl", "de"];
        let pick = |header| choose(&offered, None, Some(header));
        assert_eq!(pick("fr;q=2, nl;q=0.1234, en;q=0.3"), "en", "above 1, more than three decimals");
        assert_eq!(pick("fr;q=1.5, nl;q=-0.5, de;q=abc, en;q=0.1"), "en");
        assert_eq!(pick("fr;q=, nl;q=.5, de;q=0.5"), "de");
        assert_eq!(pick(",,;;, ;q=1, -, fr"), "fr");
        assert_eq!(pick("français, nl-;q=0.3"), "nl", "a tag not offered; a dangling subtag");
        assert_eq!(pick("fr;q=1.000"), "fr");
        assert_eq!(pick("fr;q=1.001, nl;q=0.9"), "nl");
        assert_eq!(pick("\u{e9}\u{301};q=0.9"), "en", "non-ASCII does not panic");
    }

    #[test]
    fn a_quality_is_read_in_thousandths() {
        assert_eq!(quality("0.8"), Some(800));
        assert_eq!(quality(" 0.25 "), Some(250));
        assert_eq!(quality("1"), Some(1000));
        assert_eq!(quality("0"), Some(0));
        assert_eq!(quality("1.0001"), None);
        assert_eq!(quality("2"), None);
        assert_eq!(quality("0.+1"), None);
    }
}
