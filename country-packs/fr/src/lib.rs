//! partage-pack-fr: the French country pack (under construction, not yet in the registry).
//!
//! Each module answers one part of core's `CountryPack` contract for France: payroll
//! (`payroll`), public holidays (`calendar`), VAT (`vat`), invoice mentions and
//! Factur-X (`einvoice`), the hiring declaration and the monthly return
//! (`declarations`), expenses and dunning. Every date is an argument; the pack reads no
//! clock and no file at run time.

pub mod calendar;
pub mod declarations;
pub mod einvoice;
pub mod expenses;
pub mod payroll;
pub mod vat;

use chrono::NaiveDate;
use partage_core::calendar::Calendar;
use partage_core::client::{Client, CountryCode};
use partage_core::dated::ParameterError;
use partage_core::invoice::InvoiceDocument;
use partage_core::money::{Currency, Rate};
use partage_core::pack::{CountryPack, EInvoice, PackError, ParameterView};
use partage_core::vat::LineVat;

/// The French country pack.
#[derive(Clone, Debug)]
pub struct FrenchPack {
    country: CountryCode,
    calendar: calendar::FrenchCalendar,
    payroll: payroll::FrenchPayroll,
    labels: std::sync::Arc<payroll::labels::Labels>,
    expenses: expenses::FrenchExpenses,
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
            expenses: expenses::FrenchExpenses,
        })
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

    /// Every `parameters!` block of the pack, for the listing and the coverage test.
    pub fn parameter_sets(&self) -> Vec<&dyn partage_pack_kit::ParameterSet> {
        vec![self.payroll.parameters()]
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
        self.labels.label(language, code)
    }

    fn languages(&self) -> &'static [&'static str] {
        &payroll::labels::LANGUAGES
    }

    fn national_id(&self, _text: &str, _birth_date: NaiveDate) -> Result<String, PackError> {
        Err(PackError::Render("the French national identifier (NIR) is not checked yet".into()))
    }

    fn hiring_declaration(
        &self,
        declaration: &partage_core::hiring::HiringDeclaration,
        created_at: chrono::NaiveDateTime,
    ) -> Result<partage_core::hiring::Filing, PackError> {
        declarations::hiring_declaration(declaration, created_at)
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
        &self.expenses
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
        declarations::monthly_return(ret, created_at)
    }

    /// The DSN is monthly.
    fn return_frequency(&self) -> partage_core::social_return::ReturnFrequency {
        partage_core::social_return::ReturnFrequency::Monthly
    }

    fn check_acknowledgement(&self, _reference: &str) -> Result<(), PackError> {
        Ok(())
    }

    fn chart_account(&self, _kind: partage_core::ledger::AccountKind) -> &'static str {
        "0"
    }
}
