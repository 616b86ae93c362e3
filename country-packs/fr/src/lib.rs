//! partage-pack-fr: the French country pack.
//!
//! Each module answers one part of core's `CountryPack` contract for France: payroll
//! (`payroll`), public holidays (`calendar`), VAT (`vat`), invoice mentions and
//! Factur-X (`einvoice`), the hiring declaration (DPAE) and the monthly return (DSN)
//! (`declarations`), identifiers (`identifiers`: SIREN, SIRET, VAT, NIR), the chart of
//! accounts (`chart`), expenses and dunning, and the node's `[pack.fr]` section
//! (`settings`, with the versement mobilité table in `mobility`). Every date is an
//! argument; the pack reads no clock and no file at run time.

pub mod calendar;
pub mod chart;
pub mod declarations;
pub mod dunning;
pub mod einvoice;
pub mod employment;
pub mod expenses;
pub mod identifiers;
pub mod letters;
pub mod mentions;
pub mod mobility;
pub mod payroll;
pub mod settings;
pub mod vat;

use chrono::NaiveDate;
use partage_core::calendar::Calendar;
use partage_core::client::{Client, CountryCode};
use partage_core::dated::ParameterError;
use partage_core::invoice::InvoiceDocument;
use partage_core::money::{Currency, Rate};
use partage_core::pack::{
    CountryPack, EInvoice, IdentifierKind, PackError, ParameterView, PdfAttachment, SellerIdentifiers,
};
use partage_core::vat::LineVat;
use partage_pack_kit::ParameterSet;

/// The languages of the pack's labels and documents, its default first.
pub const LANGUAGES: [&str; 2] = ["fr", "en"];

/// The cooperative's entry in the Registre du commerce et des sociétés and its legal form,
/// which every invoice shows (Code de commerce art. R. 123-237): node configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LegalEntityRegister {
    /// The registered name (raison sociale).
    pub name: String,
    /// Legal form (`SCOP SARL`, `SCIC SAS`).
    pub legal_form: String,
    /// The RCS city (`Lyon`).
    pub rcs_city: String,
}

/// The French country pack.
#[derive(Clone, Debug)]
pub struct FrenchPack {
    country: CountryCode,
    calendar: calendar::FrenchCalendar,
    vat: vat::VatRates,
    invoicing: einvoice::FrenchInvoicing,
    payroll: payroll::FrenchPayroll,
    labels: std::sync::Arc<payroll::labels::Labels>,
    letters: std::sync::Arc<letters::Letters>,
    expenses: expenses::FrenchExpenses,
    dunning: dunning::FrenchDunning,
    mobility: mobility::MobilityParameters,
    register: LegalEntityRegister,
    settings: settings::FrenchSettings,
}

impl FrenchPack {
    /// Loads the pack from its embedded parameter files.
    pub fn load() -> Result<FrenchPack, PackError> {
        let country = CountryCode::parse("FR")
            .map_err(|e| ParameterError::Malformed { file: "country".to_owned(), message: e.to_string() })?;
        Ok(FrenchPack {
            country,
            calendar: calendar::FrenchCalendar::default(),
            vat: vat::VatRates::load(country)?,
            invoicing: einvoice::FrenchInvoicing::load()?,
            payroll: payroll::FrenchPayroll::load()?,
            labels: std::sync::Arc::new(payroll::labels::Labels::load()?),
            letters: std::sync::Arc::new(letters::Letters::load()?),
            expenses: expenses::FrenchExpenses::load()?,
            dunning: dunning::FrenchDunning::load()?,
            mobility: mobility::MobilityParameters::load()?,
            register: LegalEntityRegister::default(),
            settings: settings::FrenchSettings::default(),
        })
    }

    /// The same pack with the node's `[pack.fr]` section: its registration, agreements and
    /// what invoices print (the section's legal form and RCS city win over the register's).
    pub fn with_settings(mut self, settings: settings::FrenchSettings) -> FrenchPack {
        if let Some(form) = &settings.legal_form {
            self.register.legal_form = form.clone();
        }
        if let Some(city) = &settings.rcs_city {
            self.register.rcs_city = city.clone();
        }
        let default = payroll::EmployerProfile::default();
        // The payroll's profile has one versement mobilité rate: the node's own, else its
        // commune's latest in the table. FIXME: a payslip of a month before the commune's last
        // change uses the later rate (Paris: 3.20 % from February 2024).
        let commune_rate = settings
            .mobility_commune
            .as_deref()
            .and_then(|c| self.mobility.rates.values().last().and_then(|v| v.value.of(c)));
        let mobility =
            settings.mobility_rate.or(commune_rate).filter(|_| settings.headcount >= mobility::HEADCOUNT_THRESHOLD);
        let profile = payroll::EmployerProfile {
            company_size: settings.headcount,
            accident_rate: settings.at_mp_rate.map_or(default.accident_rate, Rate),
            mobility_rate: mobility.map_or(Rate(rust_decimal::Decimal::ZERO), Rate),
        };
        self.settings = settings;
        self.refresh_invoice_register();
        self.with_employer(profile)
    }

    /// The same pack with the cooperative's name, legal form and RCS city from the node's
    /// generic settings (the `[pack.fr]` section's, when given, win).
    pub fn with_entity(mut self, register: LegalEntityRegister) -> FrenchPack {
        self.register = register;
        self.refresh_invoice_register();
        self
    }

    /// What invoices state of the seller's registration (Code de commerce R. 123-237), from the
    /// entity and the section: only once the SIREN is known (from `pack.fr.siret`).
    fn refresh_invoice_register(&mut self) {
        let Some(siren) = self.settings.siren() else { return };
        let mut legal_form = self.register.legal_form.clone();
        let share_capital = match &self.settings.share_capital {
            Some(settings::ShareCapital::Fixed(amount)) => settings::french_amount(*amount),
            // A variable-capital cooperative states that in its form and no amount
            // (loi n° 47-1775 du 10 septembre 1947, art. 7).
            Some(settings::ShareCapital::Variable) | None => String::new(),
        };
        if matches!(self.settings.share_capital, Some(settings::ShareCapital::Variable))
            && !legal_form.contains("capital variable")
        {
            legal_form.push_str(" à capital variable");
        }
        self.invoicing.register = Some(einvoice::FrenchRegister {
            siren: siren.to_owned(),
            rcs_city: self.register.rcs_city.clone(),
            legal_form,
            share_capital,
        });
    }

    /// The `[pack.fr]` section the pack runs with.
    pub fn settings(&self) -> &settings::FrenchSettings {
        &self.settings
    }

    /// The legal form and RCS city invoices print.
    pub fn register(&self) -> &LegalEntityRegister {
        &self.register
    }

    /// The versement mobilité rate of the establishment on `date`: none under 11 workers, the
    /// node's own rate if it states one, else its commune's in the pack's table; an error when
    /// the commune's rate is not sourced.
    pub fn mobility_rate(&self, date: NaiveDate) -> Result<Option<partage_core::dated::Dated<Rate>>, PackError> {
        if self.settings.headcount < mobility::HEADCOUNT_THRESHOLD {
            return Ok(None);
        }
        if let Some(rate) = self.settings.mobility_rate {
            return Ok(Some(partage_core::dated::Dated {
                value: Rate(rate),
                from: date,
                until: None,
                source: "pack.fr.mobility_rate (the node's configuration)".into(),
                expected: false,
            }));
        }
        let Some(commune) = &self.settings.mobility_commune else { return Ok(None) };
        mobility::rate_of(&self.mobility, commune, date)?.map(Some).ok_or_else(|| PackError::RateNotSourced {
            parameter: format!("mobility.versement_mobilite.{commune}"),
            period: date.to_string(),
            note: "no source read gives this commune's rate: set pack.fr.mobility_rate".into(),
        })
    }

    /// The French expense allowances.
    pub fn french_expenses(&self) -> &expenses::FrenchExpenses {
        &self.expenses
    }

    /// The French dunning rules.
    pub fn french_dunning(&self) -> &dunning::FrenchDunning {
        &self.dunning
    }

    /// Every block of declared parameters of the pack, for the parameters listing and the
    /// coverage test.
    pub fn parameter_sets(&self) -> Vec<&dyn ParameterSet> {
        let [vat, invoice] = self.invoice_parameter_sets();
        vec![vat, invoice, self.payroll.parameters(), &self.expenses, &self.dunning, &self.mobility]
    }

    /// The French payroll (for its inherent inverses and totals).
    pub fn french_payroll(&self) -> &payroll::FrenchPayroll {
        &self.payroll
    }

    /// The same pack for another employer (company size, AT/MP and versement mobilité rates).
    pub fn with_employer(mut self, profile: payroll::EmployerProfile) -> FrenchPack {
        self.payroll = self.payroll.with_profile(profile);
        self
    }

    /// The pack with the seller's registration, which invoices state (the `[pack.fr]`
    /// settings fill it).
    pub fn with_register(mut self, register: einvoice::FrenchRegister) -> FrenchPack {
        self.invoicing.register = Some(register);
        self
    }

    /// The pack whose calendar is `region`'s (Alsace-Moselle has two more holidays).
    pub fn with_region(mut self, region: calendar::Region) -> FrenchPack {
        self.calendar = calendar::FrenchCalendar::new(region);
        self
    }

    /// The pack whose `e_invoice` is in `syntax` (UBL by default).
    pub fn with_e_invoice_syntax(mut self, syntax: einvoice::Syntax) -> FrenchPack {
        self.invoicing.syntax = syntax;
        self
    }

    /// The pack for a seller under the small-business franchise (CGI art. 293 B): no VAT.
    pub fn with_vat_franchise(mut self, franchise: bool) -> FrenchPack {
        self.vat = self.vat.with_franchise(franchise);
        self
    }

    /// The pack's e-invoicing (CII, UBL, Factur-X attachment, mentions).
    pub fn invoicing(&self) -> &einvoice::FrenchInvoicing {
        &self.invoicing
    }

    /// The parameter sets this part of the pack declares.
    pub fn invoice_parameter_sets(&self) -> [&dyn partage_pack_kit::ParameterSet; 2] {
        [self.vat.parameters(), &self.invoicing.parameters]
    }
}

impl CountryPack for FrenchPack {
    fn country(&self) -> CountryCode {
        self.country
    }

    fn currency(&self) -> Currency {
        Currency::EUR
    }

    fn time_zone(&self) -> &'static str {
        // Metropolitan France keeps Central European Time with summer time (décret
        // n° 79-1147, and EU Directive 2000/84/EC); overseas departments are not served.
        "Europe/Paris"
    }

    fn calendar(&self) -> &dyn Calendar {
        &self.calendar
    }

    fn line_vat(&self, date: NaiveDate, buyer: &Client, rate: Rate) -> Result<LineVat, PackError> {
        self.vat.line_vat(date, buyer, rate)
    }

    fn invoice_mentions(&self, document: &InvoiceDocument, language: &str) -> Vec<String> {
        self.invoicing.invoice_mentions(document, language)
    }

    fn payment_reference(&self, document_number: &str) -> String {
        document_number.to_owned()
    }

    fn e_invoice(&self, document: &InvoiceDocument) -> Result<EInvoice, PackError> {
        self.invoicing.e_invoice(document)
    }

    /// A French printed invoice is a Factur-X invoice: the CII rides inside its PDF.
    fn printed_attachment(&self, document: &InvoiceDocument) -> Result<Option<PdfAttachment>, PackError> {
        self.invoicing.factur_x(document).map(Some)
    }

    fn label(&self, language: &str, code: &str) -> Option<String> {
        // The APE code is the establishment's (Code du travail art. R3243-1, 2°): the label
        // carries the configured code, and a section without one prints no line.
        if code == "payslip-employer-activity" {
            let ape = self.settings.ape.as_deref()?;
            let colon = if language == "fr" { "\u{a0}: " } else { ": " };
            return self.labels.label(language, code).map(|label| format!("{label}{colon}{ape}"));
        }
        // The supplementary pension institution is the node's (`pack.fr.pension_fund`, of the
        // worker's kind first): printed as configured, else the label's "à compléter".
        if let Some(rest) = code.strip_prefix("contract-pension-fund-value") {
            return match rest.strip_prefix('-') {
                Some(kind) => {
                    self.settings.pension_fund_by_kind.iter().find(|(k, _)| k == kind).map(|(_, f)| f.clone())
                }
                None => self.settings.pension_fund.clone().or_else(|| self.labels.label(language, code)),
            };
        }
        // A collective agreement's official title, whatever the language: it is a proper name.
        if let Some(idcc) = code.strip_prefix("collective-agreement-") {
            return employment::agreement_title(idcc).map(str::to_owned);
        }
        self.labels.label(language, code).or_else(|| self.letters.message_with(language, code, &[]))
    }

    fn label_with(&self, language: &str, code: &str, args: &[(&str, &str)]) -> Option<String> {
        // A document's label with variables (the contract's wage basis) is a label too.
        self.letters.message_with(language, code, args).or_else(|| self.labels.label_with(language, code, args))
    }

    /// SIREN as 732 829 320 (a SIRET as 732 829 320 00074), VAT numbers as FR 40 303265045 and
    /// NIRs as 2 69 05 49 588 157 80; a value that is not a valid French one stays as stored.
    fn format_identifier(&self, kind: IdentifierKind, value: &str) -> String {
        match kind {
            IdentifierKind::Enterprise => match (identifiers::siren(value), identifiers::siret(value)) {
                (Ok(s), _) => identifiers::format_siren(&s),
                (_, Ok(s)) => identifiers::format_siret(&s),
                _ => value.to_owned(),
            },
            IdentifierKind::Vat => identifiers::format_vat(value),
            IdentifierKind::National => {
                identifiers::nir(value, None).map_or_else(|_| value.to_owned(), |n| identifiers::format_nir(&n))
            }
        }
    }

    fn national_id(&self, text: &str, birth_date: NaiveDate) -> Result<String, PackError> {
        identifiers::nir(text, Some(birth_date)).map_err(|e| PackError::InvalidIdentifier {
            what: "NIR (numéro de sécurité sociale)",
            message: e.to_string(),
        })
    }

    fn hiring_declaration(
        &self,
        declaration: &partage_core::hiring::HiringDeclaration,
        created_at: chrono::NaiveDateTime,
    ) -> Result<partage_core::hiring::Filing, PackError> {
        declarations::dpae::render(declaration, &self.settings, &self.register.name, created_at)
    }

    fn payroll(&self) -> &dyn partage_core::payroll::Payroll {
        &self.payroll
    }

    fn parameters(&self, date: NaiveDate) -> Result<Vec<ParameterView>, PackError> {
        Ok(self.parameter_sets().iter().flat_map(|set| set.views(date)).collect())
    }

    fn expenses(&self) -> &dyn partage_core::expense::ExpenseRules {
        &self.expenses
    }

    fn dunning(&self) -> &dyn partage_core::dunning::DunningRules {
        &self.dunning
    }

    fn true_up_policy(&self) -> partage_core::contract::TrueUpPolicy {
        partage_core::contract::TrueUpPolicy {
            surplus: partage_core::contract::SurplusRule::Pay,
            source: "Cooperative rule: the year's surplus is paid as salary in the year-end payslip; \
                     a shortfall lowers next year's monthly salary, wages paid are never reclaimed",
        }
    }

    fn periodic_return(
        &self,
        ret: &partage_core::social_return::SocialReturn,
        created_at: chrono::NaiveDateTime,
    ) -> Result<partage_core::hiring::Filing, PackError> {
        declarations::dsn::render(ret, &self.settings, &self.register.name, created_at)
    }

    /// The DSN is monthly.
    fn return_frequency(&self) -> partage_core::social_return::ReturnFrequency {
        partage_core::social_return::ReturnFrequency::Monthly
    }

    fn supporting_documents_retention(&self) -> partage_core::pack::Retention {
        partage_core::pack::Retention {
            years: 10,
            source: "Code de commerce art. L123-22: 'Les documents comptables et les pièces justificatives sont \
                     conservés pendant dix ans'",
        }
    }

    /// The URSSAF acknowledges a DPAE with its accusé de réception number.
    fn check_acknowledgement(&self, reference: &str) -> Result<(), PackError> {
        declarations::dpae::check_acknowledgement(reference)
    }

    fn chart_account(&self, kind: partage_core::ledger::AccountKind) -> &'static str {
        chart::account(kind)
    }

    /// The SIREN is the VAT number's last nine digits; the electronic address is the
    /// establishment's SIRET (EAS 0009) when the section gives one of that SIREN, else the
    /// SIREN (EAS 0002). A VAT number that is not a valid French one gives none.
    fn seller_identifiers(&self, vat_number: &str) -> SellerIdentifiers {
        let Ok(siren) = identifiers::siren_of_vat(vat_number) else {
            return SellerIdentifiers::default();
        };
        let endpoint = match &self.settings.siret {
            Some(siret) if siret.starts_with(&siren) => (identifiers::EAS_SIRET.to_owned(), siret.clone()),
            _ => (identifiers::EAS_SIREN.to_owned(), siren.clone()),
        };
        SellerIdentifiers { company_id: Some(siren), endpoint: Some(endpoint) }
    }

    /// Under 0009 a SIRET, under 0002 a SIREN, each with its check digit.
    fn check_electronic_address(&self, scheme: &str, id: &str) -> Result<(), PackError> {
        let refuse = |e: identifiers::IdentifierError| PackError::InvalidIdentifier {
            what: "endpoint_id",
            message: format!("under scheme {scheme}: {e}"),
        };
        match scheme {
            identifiers::EAS_SIRET => identifiers::siret(id).map(|_| ()).map_err(refuse),
            identifiers::EAS_SIREN => identifiers::siren(id).map(|_| ()).map_err(refuse),
            _ => Ok(()),
        }
    }

    fn languages(&self) -> &'static [&'static str] {
        &LANGUAGES
    }

    /// The establishment is known to the URSSAF by its SIRET.
    fn employer_registration(&self) -> partage_core::pack::EmployerRegistration {
        partage_core::pack::EmployerRegistration { social_security_number: self.settings.siret.clone(), category: None }
    }

    /// The cases of Code du travail L1242-2 a cooperative's CDD may state (`employment::CASES`).
    fn contract_reasons(&self) -> &'static [partage_core::contract_reason::ReasonCase] {
        employment::CASES
    }

    /// Performers' CDD d'usage of the performing arts (D1242-1, 6°).
    fn default_contract_reason(&self, worker_category: &str) -> Option<partage_core::contract_reason::ContractReason> {
        employment::default_reason(worker_category)
    }

    fn collective_agreement(&self, worker_category: &str) -> Option<String> {
        Some(self.settings.idcc_of(worker_category))
    }

    /// The DPAE's contract nature: a fixed-term contract (CDD) when the employment has an end,
    /// an open-ended one (CDI) otherwise (URSSAF DPAE nature codes CDD, CDI).
    fn complete_hiring_declaration(
        &self,
        declaration: &mut partage_core::hiring::HiringDeclaration,
        worker_category: &str,
    ) {
        declaration.employer.social_security_number = self.settings.siret.clone();
        declaration.collective_agreement = self.settings.idcc_of(worker_category);
        declaration.worker_type = declarations::dpae::nature(declaration).to_owned();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parameters_in_force_list_the_four_vat_rates_and_the_indemnity_with_sources() {
        let pack = FrenchPack::load().unwrap();
        let params = pack.parameters(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()).unwrap();
        let names: Vec<(&str, &str)> = params.iter().map(|p| (p.name.as_str(), p.value.as_str())).collect();
        for expected in [
            ("vat.rate.standard", "0.2"),
            ("vat.rate.intermediate", "0.1"),
            ("vat.rate.reduced", "0.055"),
            ("vat.rate.super_reduced", "0.021"),
        ] {
            assert!(names.contains(&expected), "{expected:?} in {names:?}");
        }
        let indemnity = params.iter().find(|p| p.name == "invoice.recovery_indemnity").unwrap();
        assert!(indemnity.value.contains("40"), "{}", indemnity.value);
        // Each source leads with its legal reference (CONVENTIONS.md).
        for p in params.iter().filter(|p| p.name.starts_with("vat.") || p.name.starts_with("invoice.")) {
            assert!(p.source.starts_with("CGI art.") || p.source.starts_with("Code de commerce"), "{}", p.source);
        }
    }

    #[test]
    fn the_seller_s_siren_and_address_come_from_its_vat_number() {
        let ids = FrenchPack::load().unwrap().seller_identifiers("FR88 100000009");
        assert_eq!(ids.company_id.as_deref(), Some("100000009"));
        assert_eq!(ids.endpoint, Some(("0002".to_owned(), "100000009".to_owned())));
        assert_eq!(FrenchPack::load().unwrap().seller_identifiers("BE0896755397"), SellerIdentifiers::default());
    }

    #[test]
    fn the_pension_institution_is_the_node_s_and_to_complete_until_named() {
        let pack = FrenchPack::load().unwrap();
        assert_eq!(pack.label("fr", "contract-pension-fund-value").as_deref(), Some("à compléter"));
        assert_eq!(pack.label("en", "contract-pension-fund-value").as_deref(), Some("not recorded"));
        assert_eq!(pack.label("fr", "contract-pension-fund-value-artist"), None);
        let section: std::collections::BTreeMap<String, String> = [
            ("pension_fund".to_owned(), "Caisse A, 1 rue A, 75001 Paris".to_owned()),
            ("pension_fund_artist".to_owned(), "Caisse B, 2 rue B, 75002 Paris".to_owned()),
        ]
        .into();
        let pack = pack.with_settings(settings::FrenchSettings::from_section(&section).unwrap());
        assert_eq!(pack.label("fr", "contract-pension-fund-value").as_deref(), Some("Caisse A, 1 rue A, 75001 Paris"));
        assert_eq!(
            pack.label("en", "contract-pension-fund-value-artist").as_deref(),
            Some("Caisse B, 2 rue B, 75002 Paris")
        );
    }

    #[test]
    fn an_agreement_prints_its_official_title_in_every_language() {
        let pack = FrenchPack::load().unwrap();
        let title = "Convention collective nationale des entreprises du secteur privé du spectacle vivant";
        assert_eq!(pack.label("fr", "collective-agreement-3090").as_deref(), Some(title));
        assert_eq!(pack.label("en", "collective-agreement-3090").as_deref(), Some(title));
        assert_eq!(pack.label("fr", "collective-agreement-0016"), None);
    }

    #[test]
    fn each_motive_case_and_sector_has_its_sentence_in_both_languages() {
        let pack = FrenchPack::load().unwrap();
        let args = [("name", "Anne Roux"), ("job", "régisseuse"), ("sector", "x")];
        for language in LANGUAGES {
            for case in employment::CASES {
                let code = format!("contract-motive-{}", case.code);
                let text = pack.labels.label_with(language, &code, &args);
                assert!(text.as_deref().is_some_and(|t| t.contains("L1242-2")), "{language} {code}: {text:?}");
                for sector in case.sectors {
                    let code = format!("contract-sector-{sector}");
                    let text = pack.labels.label_with(language, &code, &[]);
                    assert!(text.as_deref().is_some_and(|t| t.contains("D1242-1")), "{language} {code}: {text:?}");
                }
            }
        }
        let fr = pack.label_with("fr", "contract-motive-replacement", &args).unwrap();
        assert_eq!(fr, "remplacement de Anne Roux, régisseuse, absent(e) (Code du travail L1242-2, 1°)");
    }

    /// Code du travail R3243-1, 4°: the payslip states the worker's "position dans la
    /// classification conventionnelle"; the node prints the contract's classification only where
    /// the pack has these labels, so both documents must have them in every language.
    #[test]
    fn the_payslip_and_the_contract_print_the_classification_in_every_language() {
        let pack = FrenchPack::load().unwrap();
        for language in LANGUAGES {
            for code in ["payslip-classification", "contract-classification"] {
                assert!(pack.label(language, code).is_some_and(|l| !l.is_empty()), "{language} {code}");
            }
        }
        assert_eq!(pack.label("fr", "payslip-classification").as_deref(), Some("Classification"));
        // Missing, it prints the payslip's "to complete", as the pension institution does.
        assert_eq!(pack.label("fr", "payslip-not-recorded").as_deref(), Some("à compléter"));
    }

    #[test]
    fn the_alsace_moselle_pack_has_two_more_holidays() {
        let general = FrenchPack::load().unwrap();
        let alsace = FrenchPack::load().unwrap().with_region(calendar::Region::AlsaceMoselle);
        assert_eq!(alsace.calendar().public_holidays(2026).len(), general.calendar().public_holidays(2026).len() + 2);
    }
}
