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
pub mod expenses;
pub mod identifiers;
pub mod letters;
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
use partage_core::pack::{CountryPack, EInvoice, IdentifierKind, PackError, ParameterView};
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
            calendar: calendar::FrenchCalendar,
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
        self.with_employer(profile)
    }

    /// The same pack, printing the cooperative's legal form and register on its invoices.
    pub fn with_register(mut self, register: LegalEntityRegister) -> FrenchPack {
        self.register = register;
        self
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
        vec![self.payroll.parameters(), &self.expenses, &self.dunning, &self.mobility]
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
        vat::line_vat(date, buyer, rate)
    }

    fn invoice_mentions(&self, document: &InvoiceDocument, language: &str) -> Vec<String> {
        einvoice::invoice_mentions(document, language)
    }

    fn payment_reference(&self, document_number: &str) -> String {
        document_number.to_owned()
    }

    fn e_invoice(&self, document: &InvoiceDocument) -> Result<EInvoice, PackError> {
        einvoice::render(document)
    }

    fn label(&self, language: &str, code: &str) -> Option<String> {
        self.labels.label(language, code).or_else(|| self.letters.message_with(language, code, &[]))
    }

    fn label_with(&self, language: &str, code: &str, args: &[(&str, &str)]) -> Option<String> {
        self.letters.message_with(language, code, args).or_else(|| self.labels.label(language, code))
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
    fn seller_identifiers(&self, vat_number: &str) -> partage_core::pack::SellerIdentifiers {
        let Ok(siren) = identifiers::siren_of_vat(vat_number) else {
            return partage_core::pack::SellerIdentifiers::default();
        };
        let endpoint = match &self.settings.siret {
            Some(siret) if siret.starts_with(&siren) => (identifiers::EAS_SIRET.to_owned(), siret.clone()),
            _ => (identifiers::EAS_SIREN.to_owned(), siren.clone()),
        };
        partage_core::pack::SellerIdentifiers { company_id: Some(siren), endpoint: Some(endpoint) }
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
