//! The node's problem messages in English, French, Dutch and German (`node/locales/*/problems.ftl`):
//! a refusal's detail is written in the language the request's `Accept-Language`
//! prefers, English when it names none the catalogue has.
//!
//! Problems are made where the request is out of reach, so a problem that can be
//! written again carries its values (`Problem::args`) in the response's extensions,
//! and the `localize` layer, which sees the request, writes the detail in its language.

use super::problem::{Nested, Problem};
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use partage_documents::messages::{self, Arg, Catalogue};
use std::sync::OnceLock;

/// Languages of the catalogue; English is the fallback.
pub const LANGUAGES: [&str; 4] = ["en", "fr", "nl", "de"];

const FILES: [(&str, &str); 4] = [
    ("en", include_str!("../../locales/en/problems.ftl")),
    ("fr", include_str!("../../locales/fr/problems.ftl")),
    ("nl", include_str!("../../locales/nl/problems.ftl")),
    ("de", include_str!("../../locales/de/problems.ftl")),
];

/// A problem whose detail the `localize` layer writes in the request's language.
#[derive(Debug, Clone)]
pub struct Localizable(pub Problem);

/// The parsed catalogue. An entry that does not parse is logged and left out (a test
/// parses them all): its problems keep their English detail.
fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue::new("problem messages", &FILES))
}

/// The message `code` in `language` with these values; None when the language lacks
/// it or a value it quotes is not given, so that no detail goes out with a hole in it.
pub fn message(language: &str, code: &str, args: &[(&str, String)]) -> Option<String> {
    let args: Vec<(&str, Arg<'_>)> = args.iter().map(|(name, value)| (*name, Arg::Text(value))).collect();
    catalogue().message(language, code, &args)
}

/// The message `code` as a page shows it: like [`message`], with each amount (a value as
/// `Money` writes itself, `1234.50 EUR`) in the language's own form (`1 234,50 €`). The
/// API's details keep the amounts as they are, which a script reads back.
pub fn for_people(language: &str, code: &str, args: &[(&str, String)]) -> Option<String> {
    let locale = partage_documents::Locale::from_tag(language);
    let written: Vec<(&str, String)> =
        args.iter().map(|(name, value)| (*name, amount_in(locale, value).unwrap_or_else(|| value.clone()))).collect();
    message(language, code, &written)
}

/// `text` written as an amount of `locale`, when it is one as `Money` writes it.
fn amount_in(locale: partage_documents::Locale, text: &str) -> Option<String> {
    let (amount, currency) = text.split_once(' ')?;
    let digits = amount.strip_prefix('-').unwrap_or(amount);
    let (units, cents) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if units.is_empty() || !plain(units) || !plain(cents) || currency.len() != 3 {
        return None;
    }
    if !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    Some(locale.money(amount.parse().ok()?, currency))
}

/// The message `id` in `language`, its nested values written first in the same language.
pub fn written(language: &str, id: &str, args: &[(&str, String)], nested: &[Nested]) -> Option<String> {
    let mut all = args.to_vec();
    for (name, inner, inner_args) in nested {
        all.push((name, message(language, inner, inner_args)?));
    }
    message(language, id, &all)
}

/// The catalogue language an `Accept-Language` header prefers (RFC 9110 §12.5.4):
/// the highest quality among the ranges whose primary tag the catalogue has, the
/// first listed among equals; English for `*`, for none and for no header.
pub fn negotiate(accept_language: Option<&str>) -> &'static str {
    messages::choose(&LANGUAGES, None, accept_language)
}

/// Writes a refusal's detail in the request's language, and says which with
/// `Content-Language`. Other responses pass unchanged.
pub async fn localize(req: Request, next: Next) -> Response {
    let language = negotiate(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    let mut res = next.run(req).await;
    let Some(Localizable(mut problem)) = res.extensions_mut().remove::<Localizable>() else { return res };
    let id = problem.message.unwrap_or(&problem.code);
    let Some(detail) = problem.args.as_deref().and_then(|args| written(language, id, args, &problem.nested)) else {
        return res;
    };
    problem.detail = detail;
    let (mut parts, _) = res.into_parts();
    parts.headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(language));
    Response::from_parts(parts, Body::from(problem.to_body()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_reads_amounts_in_its_language_and_the_rest_as_given() {
        let args = [("available", "1234.50 EUR".to_owned()), ("amount", "-0.05 EUR".to_owned())];
        let fr = for_people("fr", "budget-too-small-to-repay", &args).unwrap().replace(['\u{a0}', '\u{202f}'], " ");
        assert_eq!(
            fr,
            "le budget de l'activité est de 1 234,50 € : il ne peut pas rembourser cette dépense de -0,05 €"
        );
        let en = for_people("en", "budget-too-small-to-repay", &args).unwrap();
        assert!(en.contains("is €1,234.50") && en.contains("this -€0.05 expense"), "{en}");
        assert_eq!(
            message("en", "budget-too-small-to-repay", &args).as_deref(),
            Some("the activity's budget is 1234.50 EUR: it cannot repay this -0.05 EUR expense"),
            "the API's detail keeps them"
        );
        for not_an_amount in ["12 days", "1.5e3 EUR", "12.50 eur", "12.50 EURO", " EUR", "- EUR", "1,50 EUR"] {
            assert_eq!(amount_in(partage_documents::Locale::from_tag("fr"), not_an_amount), None, "{not_an_amount}");
        }
    }

    #[test]
    fn accept_language_picks_the_preferred_language_the_catalogue_has() {
        assert_eq!(negotiate(None), "en");
        assert_eq!(negotiate(Some("fr")), "fr");
        assert_eq!(negotiate(Some("fr-BE,fr;q=0.9,en;q=0.8")), "fr");
        assert_eq!(negotiate(Some("it-IT,nl;q=0.5,en;q=0.4")), "nl", "Italian is not in the catalogue");
        assert_eq!(negotiate(Some("de-BE,fr;q=0.5")), "de", "Belgium's third language");
        assert_eq!(negotiate(Some("en;q=0.2, NL-be;q=0.7")), "nl");
        assert_eq!(negotiate(Some("fr;q=0, nl;q=0.001")), "nl", "q=0 means not acceptable");
        assert_eq!(negotiate(Some("it, *;q=0.1")), "en");
        assert_eq!(negotiate(Some("fr;q=2, nl;q=0.1234, en;q=0.3")), "en", "malformed qualities are skipped");
        assert_eq!(negotiate(Some("fr, nl")), "fr", "the first of equals");
        assert_eq!(negotiate(Some("")), "en");
    }

    #[test]
    fn every_catalogue_parses_with_the_same_messages() {
        let c = catalogue();
        assert!(c.errors().is_empty(), "{:?}", c.errors());
        assert_eq!(c.languages().collect::<Vec<_>>(), LANGUAGES, "one file per language, English first");
        let english = c.ids("en");
        assert!(english.len() >= 40, "{english:?}");
        for language in LANGUAGES {
            let (missing, extra) = (c.missing("en", language), c.missing(language, "en"));
            assert!(missing.is_empty() && extra.is_empty(), "{language}: missing {missing:?}, extra {extra:?}");
            assert_eq!(c.ids(language), english, "{language} has its messages in another order than English");
        }
    }

    #[test]
    fn a_message_missing_a_value_gives_no_detail() {
        assert_eq!(message("fr", "activity-closed", &[]), None);
        assert_eq!(message("it", "activity-closed", &[("activity", "a".into())]), None);
        assert_eq!(
            message("de", "activity-closed", &[("activity", "a".into())]).as_deref(),
            Some("die Aktivität a ist abgeschlossen")
        );
        assert_eq!(
            message("fr", "activity-closed", &[("activity", "a".into())]).as_deref(),
            Some("l'activité a est clôturée")
        );
    }
}
