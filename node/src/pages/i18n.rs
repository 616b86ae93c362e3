//! Every page string from `node/locales/{en,fr,nl,de}/pages.ftl`, and the page's language:
//! the member's own setting, then `Accept-Language`, among the languages both the
//! node's pack and the catalogue have.

use partage_documents::messages::{self, Arg, Catalogue};
use partage_documents::Locale;
use std::sync::OnceLock;

/// The page catalogues, by language.
///
/// German is here for Belgium's third official language; a page shows it only once the
/// pack lists `de` among its languages (see `Lang::choose`).
pub const FILES: [(&str, &str); 4] = [
    ("en", include_str!("../../locales/en/pages.ftl")),
    ("fr", include_str!("../../locales/fr/pages.ftl")),
    ("nl", include_str!("../../locales/nl/pages.ftl")),
    ("de", include_str!("../../locales/de/pages.ftl")),
];

/// The parsed catalogue; an error in a file is logged and its other strings served.
fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue::new("page strings", &FILES))
}

/// The language a page is written in, and its number and date formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lang(pub &'static str);

impl Lang {
    /// The page's language: `preferred` (the person's setting) when the pack and the
    /// catalogue both have it, else what `Accept-Language` prefers among them, else
    /// the pack's first language the catalogue has, else English (`messages::choose`).
    pub fn choose(pack: &[&str], preferred: Option<&str>, accept_language: Option<&str>) -> Lang {
        Lang(messages::choose(&catalogue().among(pack), preferred, accept_language))
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

    /// The message `id` with a count, given as a number so that the message's plural
    /// variants (`[one]`, `*[other]`) are chosen by the language's rules; a count given as
    /// text would match no category and always take the default variant.
    pub fn t_count(self, id: &str, name: &str, count: i64) -> String {
        catalogue().text(self.0, id, &[(name, Arg::Count(count))])
    }

    /// Numbers, amounts and dates in this language (documents' CLDR-style formats).
    pub fn locale(self) -> Locale {
        Locale::from_tag(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_page_string_exists_in_every_language_and_parses() {
        let c = catalogue();
        assert!(c.errors().is_empty(), "{:?}", c.errors());
        assert!(c.ids("en").len() > 20);
        for (language, _) in FILES {
            let missing = c.missing("en", language);
            let extra = c.missing(language, "en");
            assert!(missing.is_empty() && extra.is_empty(), "{language}: missing {missing:?}, extra {extra:?}");
        }
    }

    #[test]
    fn every_language_of_every_pack_has_its_page_strings() {
        for country in partage_packs::AVAILABLE {
            let code = partage_core::client::CountryCode::parse(country).expect("a country code");
            // A pack whose settings are required cannot be configured empty; its
            // languages are then read from one configured with the test defaults.
            let Ok(settings) = partage_packs::configure(code, None) else { continue };
            for language in settings.languages() {
                assert!(FILES.iter().any(|(l, _)| l == language), "{country}: no pages.ftl for {language}");
            }
        }
    }

    /// Every id the templates name, literally or as a family (`invoice-status-{status}`
    /// over the statuses the services store), exists in English (and so, by the test
    /// above, in every language).
    #[test]
    fn every_string_the_pages_name_exists() {
        let english: BTreeSet<&str> = catalogue().ids("en").iter().map(String::as_str).collect();
        let sources = [
            include_str!("mod.rs"),
            include_str!("forms.rs"),
            include_str!("expenses.rs"),
            include_str!("records.rs"),
            include_str!("admin.rs"),
            include_str!("figures.rs"),
            include_str!("members.rs"),
            include_str!("office.rs"),
            include_str!("transfers.rs"),
            include_str!("order_forms.rs"),
            include_str!("parked.rs"),
        ];
        let mut named = BTreeSet::new();
        for source in sources {
            for call in ["t(\"", "t_with(\"", "t_count(\""] {
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
        let families: [(&str, &[&str]); 23] = [
            ("invoice-status-", &["draft", "issued", "partly_paid", "paid", "cancelled"]),
            ("work-status-", &["submitted", "validated", "returned"]),
            ("expense-status-", &["submitted", "validated", "rejected", "reimbursed"]),
            ("order-form-status-", &["open", "invoiced"]),
            ("expense-kind-", &["travel", "material", "per_diem_abroad"]),
            // Every pack's `PayrollPack::categories` (Belgium's, then France's).
            ("worker-", &["artist", "white-collar", "manual", "non-cadre", "cadre", "technician"]),
            ("contract-kind-", &["per_performance", "stabilised_monthly", "hourly", "framework"]),
            ("contract-status-", &["active", "cancelled", "ended"]),
            ("member-status-", &["applicant", "member", "leaving", "left", "transferring", "transferred"]),
            (
                "nav-",
                &[
                    "dashboard",
                    "invoices",
                    "order-forms",
                    "work",
                    "expenses",
                    "statement",
                    "payslips",
                    "membership",
                    "simulator",
                    "figures",
                    "settings",
                    "tokens",
                    "accounts",
                    "audit",
                    "members",
                    "payroll",
                    "deadlines",
                    "fund",
                    "overdue",
                    "transfers",
                    "parked",
                ],
            ),
            ("role-", &["member", "advisor", "admin", "hq"]),
            ("settings-", &["fee", "fund-share", "coefficient", "share-nominal", "payment-terms"]),
            ("sector-", &["artistic", "cultural_industry", "other"]),
            ("audit-subject-", &["client", "member", "api_token", "account", "fee", "coefficient", "parked_message"]),
            ("payroll-status-", &["running", "completed"]),
            ("payslip-kind-", &["regular", "true_up"]),
            ("fund-kind-", &["advance", "recovery", "loss"]),
            ("dunning-step-", &["reminder", "formal_notice", "handover"]),
            ("dunning-status-", &["active", "paused", "handed_to_collection", "settled"]),
            ("language-", &["en", "fr", "nl", "de"]),
            ("transfer-status-", &["offered", "accepted", "rejected", "committed", "cancelled"]),
            // A transfer's direction (`transfer-from-office`) and the service's own reasons.
            ("transfer-", &["from-office", "to-office", "reason-expired", "reason-withdrawn"]),
            // A retry's outcomes (`service::parked::retry`).
            ("parked-outcome-", &["applied", "duplicate", "refused"]),
        ];
        for (prefix, values) in families {
            for v in values {
                named.insert(format!("{prefix}{v}"));
            }
        }
        assert!(named.len() > 60, "{named:?}");
        let missing: Vec<_> = named.iter().filter(|id| !english.contains(id.as_str())).collect();
        assert!(missing.is_empty(), "missing in pages.ftl: {missing:?}");
    }

    #[test]
    fn german_pages_read_german() {
        assert_eq!(Lang("de").t("nav-invoices"), "Rechnungen");
        assert_eq!(Lang("de").t_with("invoice-line", &[("number", "2")]), "Zeile 2");
    }

    #[test]
    fn the_persons_setting_wins_then_accept_language_within_the_packs_languages() {
        let pack = ["fr", "nl", "de", "en"];
        assert_eq!(Lang::choose(&pack, Some("nl"), Some("fr")), Lang("nl"));
        // German has a catalogue, so a pack listing `de` shows it; a language without one falls through.
        assert_eq!(Lang::choose(&pack, Some("de"), Some("fr-BE, en;q=0.5")), Lang("de"));
        assert_eq!(Lang::choose(&["fr", "nl", "it", "en"], Some("it"), Some("fr-BE, en;q=0.5")), Lang("fr"));
        // Belgium's pack lists no `de` today: a German speaker gets the next language they accept.
        assert_eq!(Lang::choose(&["en", "fr", "nl"], Some("de"), Some("de-BE, fr;q=0.8")), Lang("fr"));
        assert_eq!(Lang::choose(&pack, None, Some("en;q=0.4, nl;q=0.9")), Lang("nl"));
        assert_eq!(Lang::choose(&["fr", "nl"], None, Some("en")), Lang("fr"));
        assert_eq!(Lang::choose(&pack, None, None), Lang("fr"));
    }

    /// CLDR plural rules: French counts 0 and 1 as "one", English and Dutch only 1
    /// (unicode.org's CLDR language plural rules chart).
    #[test]
    fn a_count_chooses_the_plural_of_its_language() {
        assert_eq!(Lang("fr").t_count("overdue-days", "days", 1), "1 jour de retard");
        assert_eq!(Lang("fr").t_count("overdue-days", "days", 0), "0 jour de retard");
        assert_eq!(Lang("fr").t_count("overdue-days", "days", 12), "12 jours de retard");
        assert_eq!(Lang("en").t_count("overdue-days", "days", 0), "0 days overdue");
        assert_eq!(Lang("nl").t_count("overdue-days", "days", 1), "1 dag te laat");
        assert_eq!(Lang("de").t_count("overdue-days", "days", 2), "2 Tage im Verzug");
        assert_eq!(Lang("fr").t_count("deadline-late", "days", 1), "En retard de 1 jour ouvrable");
        assert_eq!(Lang("en").t_count("deadline-late", "days", 3), "Late by 3 working days");
        assert_eq!(Lang("nl").t_count("deadline-late", "days", 2), "2 werkdagen te laat");
    }

    #[test]
    fn a_missing_string_shows_its_id_so_tests_catch_it() {
        assert_eq!(Lang("fr").t("no-such-string"), "[no-such-string]");
        assert_eq!(Lang("nl").t_with("simulator-amount", &[("currency", "EUR")]), "Bedrag (EUR)");
    }
}
