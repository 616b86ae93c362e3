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
pub mod mentions;
pub mod payroll;
pub mod vat;

use chrono::NaiveDate;
use partage_core::calendar::Calendar;
use partage_core::client::{Client, CountryCode};
use partage_core::dated::ParameterError;
use partage_core::invoice::InvoiceDocument;
use partage_core::money::{Currency, Rate};
use partage_core::pack::{CountryPack, EInvoice, PackError, ParameterView, PdfAttachment, SellerIdentifiers};
use partage_core::vat::LineVat;

/// The French country pack.
#[derive(Clone, Debug)]
pub struct FrenchPack {
    country: CountryCode,
    calendar: calendar::FrenchCalendar,
    vat: vat::VatRates,
    invoicing: einvoice::FrenchInvoicing,
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
            calendar: calendar::FrenchCalendar::default(),
            vat: vat::VatRates::load(country)?,
            invoicing: einvoice::FrenchInvoicing::load()?,
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

    /// Every `parameters!` block of the pack (invoicing and payroll), for the listing and the coverage tests.
    pub fn parameter_sets(&self) -> Vec<&dyn partage_pack_kit::ParameterSet> {
        let mut sets: Vec<&dyn partage_pack_kit::ParameterSet> = self.invoice_parameter_sets().to_vec();
        sets.push(self.payroll.parameters());
        sets
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

    /// A French VAT number holds the SIREN (FR, a two-character key, the SIREN): the legal
    /// identifier, and the electronic address under EAS 0002 until a SIRET (0009) or the
    /// directory's address is configured.
    fn seller_identifiers(&self, vat_number: &str) -> SellerIdentifiers {
        match einvoice::siren_of_vat(vat_number) {
            Some(siren) => SellerIdentifiers {
                company_id: Some(siren.clone()),
                endpoint: Some((einvoice::SCHEME_SIREN.to_owned(), siren)),
            },
            None => SellerIdentifiers::default(),
        }
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
        // Each source leads with its legal reference (CONVENTIONS.md); payroll's are checked in tests/coverage.rs.
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
    fn the_alsace_moselle_pack_has_two_more_holidays() {
        let general = FrenchPack::load().unwrap();
        let alsace = FrenchPack::load().unwrap().with_region(calendar::Region::AlsaceMoselle);
        assert_eq!(alsace.calendar().public_holidays(2026).len(), general.calendar().public_holidays(2026).len() + 2);
    }
}
