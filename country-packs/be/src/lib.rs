//! partage-pack-be: the Belgian country pack (VAT, calendar, invoice mentions, Peppol).
//!
//! `BelgianPack::load` reads the dated VAT rates compiled in from `parameters/`, then
//! answers core's `CountryPack` contract: the VAT of a line (`vat`), the public
//! holidays (`calendar`), the legal mentions of an invoice (`mentions`), the structured
//! payment reference (`structured_reference`) and the Peppol BIS Billing 3.0 e-invoice
//! (`peppol`). Every date is an argument; the pack reads no clock and no file at run time.

pub mod calendar;
pub mod chart;
pub mod courts;
pub mod dimona;
pub mod dmfa;
pub mod dunning;
pub mod expenses;
pub mod identifiers;
pub mod locale;
pub mod mentions;
pub mod national_number;
pub mod payroll;
pub mod peppol;
pub mod settings;
pub mod structured_reference;
pub mod vat;

use calendar::BelgianCalendar;
use chrono::NaiveDate;
use partage_core::calendar::Calendar;
use partage_core::client::{Client, CountryCode};
use partage_core::dated::ParameterError;
use partage_core::invoice::InvoiceDocument;
use partage_core::money::{Currency, Rate};
use partage_core::pack::{CountryPack, EInvoice, IdentifierKind, PackError, ParameterView};
use partage_core::vat::LineVat;
use partage_pack_kit::ParameterSet;
use vat::VatRates;

/// The cooperative's entry in the register of legal persons, which the Code of companies
/// and associations art. 2:20 asks every invoice to show: node configuration, since the
/// invoice document does not carry it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegalEntityRegister {
    /// Legal form, in full or abbreviated (`SC`, `CV`, `société coopérative`).
    pub legal_form: String,
    /// The enterprise court of the seat, as configured (`Bruxelles`): printed after
    /// "RPM"/"RPR"/"RJP" in the document's language where `courts` knows its name there.
    pub court: String,
}

/// The Belgian country pack.
#[derive(Clone, Debug)]
pub struct BelgianPack {
    country: CountryCode,
    vat: VatRates,
    calendar: BelgianCalendar,
    register: Option<LegalEntityRegister>,
    payroll: payroll::BelgianPayroll,
    expenses: expenses::BelgianExpenses,
    dunning: dunning::BelgianDunning,
    locale: std::sync::Arc<locale::Locale>,
    settings: settings::BelgianSettings,
}

impl BelgianPack {
    /// Loads the pack from its embedded parameter files.
    pub fn load() -> Result<BelgianPack, PackError> {
        let country = CountryCode::parse("BE")
            .map_err(|e| ParameterError::Malformed { file: "country".to_owned(), message: e.to_string() })?;
        Ok(BelgianPack {
            country,
            vat: VatRates::new(country, vat::VatParameters::load()?),
            calendar: BelgianCalendar::new(),
            register: None,
            payroll: payroll::BelgianPayroll::load(payroll::PayrollPolicy::default())?,
            expenses: expenses::BelgianExpenses::load()?,
            dunning: dunning::BelgianDunning::load()?,
            locale: std::sync::Arc::new(locale::Locale::load()?),
            settings: settings::BelgianSettings::default(),
        })
    }

    /// The same pack with the node's `[pack.be]` section: its registration, joint
    /// committees and employer profile.
    pub fn with_settings(self, settings: settings::BelgianSettings) -> BelgianPack {
        let mut pack = self.with_employer(settings.employer.clone());
        pack.settings = settings;
        pack
    }

    /// The `[pack.be]` section the pack runs with.
    pub fn settings(&self) -> &settings::BelgianSettings {
        &self.settings
    }

    /// The same pack, printing the cooperative's legal form and register on its invoices.
    pub fn with_register(mut self, register: LegalEntityRegister) -> BelgianPack {
        self.register = Some(register);
        self
    }

    /// The same pack, with the node's payroll policy (its employer-cost coefficient).
    pub fn with_payroll_policy(mut self, policy: payroll::PayrollPolicy) -> Result<BelgianPack, PackError> {
        let employer = self.payroll.employer().clone();
        self.payroll = payroll::BelgianPayroll::load(policy)?.with_employer(employer);
        Ok(self)
    }

    /// The pack for an employer with `profile`: its special contributions and the
    /// Closing Fund class on payslips and in the DmfA.
    pub fn with_employer(mut self, profile: payroll::employer::EmployerProfile) -> BelgianPack {
        self.payroll = self.payroll.with_employer(profile);
        self
    }

    /// The Belgian payroll rules.
    pub fn belgian_payroll(&self) -> &payroll::BelgianPayroll {
        &self.payroll
    }

    /// The Belgian expense allowances and their timelines.
    pub fn belgian_expenses(&self) -> &expenses::BelgianExpenses {
        &self.expenses
    }

    /// The Belgian dunning rules and their timelines.
    pub fn belgian_dunning(&self) -> &dunning::BelgianDunning {
        &self.dunning
    }

    /// The VAT rates and their timelines.
    pub fn vat_rates(&self) -> &VatRates {
        &self.vat
    }

    /// Every block of declared parameters, in the order the parameters listing shows them: a new
    /// parameter declared in one of them is listed and checked by `tests/coverage.rs` with no other line.
    pub fn parameter_sets(&self) -> [&dyn ParameterSet; 4] {
        [self.vat.parameters(), self.payroll.parameters(), &self.expenses, &self.dunning]
    }
}

impl CountryPack for BelgianPack {
    fn country(&self) -> CountryCode {
        self.country
    }

    fn currency(&self) -> Currency {
        Currency::EUR
    }

    fn time_zone(&self) -> &'static str {
        // Belgium keeps Central European Time with summer time (arrêté royal du
        // 20 avril 1993, and EU Directive 2000/84/EC on summer time).
        "Europe/Brussels"
    }

    fn calendar(&self) -> &dyn Calendar {
        &self.calendar
    }

    fn line_vat(&self, date: NaiveDate, buyer: &Client, rate: Rate) -> Result<LineVat, PackError> {
        self.vat.line_vat(date, buyer, rate)
    }

    fn invoice_mentions(&self, document: &InvoiceDocument, language: &str) -> Vec<String> {
        mentions::invoice_mentions(document, language, self.register.as_ref())
    }

    fn payment_reference(&self, document_number: &str) -> String {
        structured_reference::structured_communication(document_number)
    }

    fn e_invoice(&self, document: &InvoiceDocument) -> Result<EInvoice, PackError> {
        peppol::render(document, self.register.as_ref())
    }

    fn payroll(&self) -> &dyn partage_core::payroll::Payroll {
        &self.payroll
    }

    /// Enterprise numbers as 0896.755.397 and Belgian VAT numbers as BE 0896.755.397, the way
    /// the Crossroads Bank for Enterprises and the VAT administration print them; national
    /// numbers as YY.MM.DD-XXX.CC. A value that is not a valid Belgian number stays as stored.
    fn format_identifier(&self, kind: IdentifierKind, value: &str) -> String {
        match kind {
            IdentifierKind::Enterprise => identifiers::belgian_enterprise_number(value)
                .map_or_else(|| value.to_owned(), |n| identifiers::format_enterprise_number(&n)),
            IdentifierKind::Vat => identifiers::format_vat_number(value),
            IdentifierKind::National => national_number::formatted(value),
        }
    }

    fn national_id(&self, text: &str, birth_date: NaiveDate) -> Result<String, PackError> {
        national_number::checked(text, Some(birth_date))
            .map_err(|e| PackError::InvalidIdentifier { what: "national number", message: e.to_string() })
    }

    fn hiring_declaration(
        &self,
        declaration: &partage_core::hiring::HiringDeclaration,
        created_at: chrono::NaiveDateTime,
    ) -> Result<partage_core::hiring::Filing, PackError> {
        dimona::dimona(declaration, created_at)
    }

    fn periodic_return(
        &self,
        ret: &partage_core::social_return::SocialReturn,
        created_at: chrono::NaiveDateTime,
    ) -> Result<partage_core::hiring::Filing, PackError> {
        dmfa::dmfa_for(ret, created_at, self.payroll.parameters(), self.payroll.employer())
    }

    fn declared_amounts(
        &self,
        ret: &partage_core::social_return::SocialReturn,
    ) -> Result<Option<partage_core::social_return::DeclaredAmounts>, PackError> {
        dmfa::declared_for(ret, self.payroll.parameters(), self.payroll.employer()).map(Some)
    }

    fn label(&self, language: &str, code: &str) -> Option<String> {
        self.locale.message(language, code)
    }

    fn label_with(&self, language: &str, code: &str, args: &[(&str, &str)]) -> Option<String> {
        // The node passes the court as configured; the register mention names it in the
        // letter's language, as the invoice's mentions do.
        let named: Vec<(&str, String)> = args
            .iter()
            .map(|&(name, value)| {
                (name, if name == "court" { courts::court_in(value, language) } else { value.to_owned() })
            })
            .collect();
        let args: Vec<(&str, &str)> = named.iter().map(|(name, value)| (*name, value.as_str())).collect();
        self.locale.message_with(language, code, &args)
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
        // The surplus is pay for work already done in the year: it is paid in the
        // year-end payslip, taxed and declared with the year's earnings, rather
        // than held back. A shortfall is never reclaimed from wages paid; it lowers
        // next year's monthly salary. No statute found in the stored sources sets
        // this split, so it is the cooperative's rule, stated as such.
        partage_core::contract::TrueUpPolicy {
            surplus: partage_core::contract::SurplusRule::Pay,
            source: "Cooperative rule: the year's surplus is paid as salary in the year-end payslip; \
                     a shortfall lowers next year's monthly salary, wages paid are never reclaimed",
        }
    }

    /// The DmfA is quarterly.
    fn return_frequency(&self) -> partage_core::social_return::ReturnFrequency {
        partage_core::social_return::ReturnFrequency::Quarterly
    }

    // The accounting law keeps supporting documents seven years, the tax codes ten since the
    // law of 20 November 2022: a receipt that supports a deducted expense is kept the longer.
    fn supporting_documents_retention(&self) -> partage_core::pack::Retention {
        partage_core::pack::Retention {
            years: 10,
            source: "CIR 92 art. 315 as amended by the law of 20 November 2022 (Moniteur belge 30 November \
                     2022): ten years from tax year 2023; Code de droit économique art. III.86 keeps supporting \
                     documents seven years",
        }
    }

    /// The NSSO acknowledges a Dimona In with Dimona period numbers.
    fn check_acknowledgement(&self, reference: &str) -> Result<(), PackError> {
        dimona::check_period_id(reference)
    }

    fn chart_account(&self, kind: partage_core::ledger::AccountKind) -> &'static str {
        chart::account(kind)
    }

    /// The enterprise number is the VAT number without its `BE` prefix (a Belgian VAT
    /// number is `BE` + the enterprise number); on Peppol it is addressed under scheme
    /// 0208, the Belgian enterprise number (EAS code list).
    fn seller_identifiers(&self, vat_number: &str) -> partage_core::pack::SellerIdentifiers {
        let enterprise_number: String = vat_number.chars().filter(char::is_ascii_digit).collect();
        partage_core::pack::SellerIdentifiers {
            company_id: Some(enterprise_number.clone()),
            endpoint: Some((identifiers::EAS_BE_ENTERPRISE.to_owned(), enterprise_number)),
        }
    }

    /// Peppol checks the identifiers of two schemes itself: under 0208 a Belgian enterprise
    /// number (ten digits, mod 97), under 9925 a Belgian VAT number.
    fn check_electronic_address(&self, scheme: &str, id: &str) -> Result<(), PackError> {
        let refuse = |message: String| PackError::InvalidIdentifier { what: "endpoint_id", message };
        match scheme {
            identifiers::EAS_BE_ENTERPRISE if !partage_core::client::is_belgian_enterprise_number(id) => Err(refuse(format!(
                "'{id}' is not a Belgian enterprise number (ten digits, the last two 97 minus the first eight modulo 97)"
            ))),
            "9925" => {
                let vat = id.to_uppercase();
                let checked = partage_core::client::check_vat_number(&vat).map_err(|e| e.to_string()).and_then(|()| {
                    if vat.starts_with("BE") {
                        Ok(())
                    } else {
                        Err(partage_core::client::ClientError::BadVatNumber(id.into()).to_string())
                    }
                });
                checked.map_err(|e| refuse(format!("under scheme 9925, a Belgian VAT number: {e}")))
            }
            _ => Ok(()),
        }
    }

    fn languages(&self) -> &'static [&'static str] {
        &locale::LANGUAGES
    }

    fn employer_registration(&self) -> partage_core::pack::EmployerRegistration {
        partage_core::pack::EmployerRegistration {
            social_security_number: self.settings.nsso_number.clone(),
            category: self.settings.employer_category.clone(),
        }
    }

    fn collective_agreement(&self, worker_category: &str) -> Option<String> {
        Some(self.settings.joint_committee_of(worker_category))
    }

    /// DIMONA's worker type is `OTH` (an ordinary worker): the kit hires no students,
    /// flexi-jobbers or seasonal workers, whose types need blocks it does not record.
    fn complete_hiring_declaration(
        &self,
        declaration: &mut partage_core::hiring::HiringDeclaration,
        worker_category: &str,
    ) {
        declaration.employer.social_security_number = self.settings.nsso_number.clone();
        declaration.collective_agreement = self.settings.joint_committee_of(worker_category);
        declaration.worker_type = "OTH".into();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn identifiers_print_the_way_belgian_documents_write_them() {
        let pack = BelgianPack::load().unwrap();
        let f = |kind, value| pack.format_identifier(kind, value);
        assert_eq!(f(IdentifierKind::Enterprise, "0000000097"), "0000.000.097");
        assert_eq!(f(IdentifierKind::Enterprise, "0896755397"), "0896.755.397");
        // Issued before 2005 with nine digits: completed with a leading 0.
        assert_eq!(f(IdentifierKind::Enterprise, "403170701"), "0403.170.701");
        assert_eq!(f(IdentifierKind::Vat, "BE0000000097"), "BE 0000.000.097");
        assert_eq!(f(IdentifierKind::Vat, "BE0403170701"), "BE 0403.170.701");
        assert_eq!(f(IdentifierKind::National, "85073003328"), "85.07.30-033.28");
        // Not a valid Belgian number, or another country's: as stored, never a guess.
        assert_eq!(f(IdentifierKind::Enterprise, "0896755398"), "0896755398");
        assert_eq!(f(IdentifierKind::Vat, "FR40303265045"), "FR40303265045");
        assert_eq!(f(IdentifierKind::Vat, "BE0896755398"), "BE0896755398");
        assert_eq!(f(IdentifierKind::National, "1234"), "1234");
    }

    #[test]
    fn parameters_in_force_show_each_rate_as_a_fraction_with_its_source() {
        let pack = BelgianPack::load().unwrap();
        let params = pack.parameters(d(2026, 3, 1)).unwrap();
        let vat: Vec<_> = params.iter().filter(|p| p.name.starts_with("vat.")).collect();
        let names: Vec<(&str, &str)> = vat.iter().map(|p| (p.name.as_str(), p.value.as_str())).collect();
        assert_eq!(
            names,
            vec![
                ("vat.rate.standard", "0.21"),
                ("vat.rate.intermediate", "0.12"),
                ("vat.rate.reduced", "0.06"),
                ("vat.rate.zero", "0"),
            ]
        );
        assert!(vat.iter().all(|p| p.source.contains("finance.belgium.be")));
        assert!(params.iter().any(|p| p.name == "payroll.social_security.employee_rate" && p.value == "0.1307"));
        assert!(params.iter().all(|p| !p.source.trim().is_empty()));
        let old = pack.parameters(d(1995, 1, 1)).unwrap();
        assert_eq!(old.iter().filter(|p| p.name.starts_with("vat.")).count(), 3);
    }

    #[test]
    fn every_vat_timeline_covers_2023_to_2026_without_gap() {
        let pack = BelgianPack::load().unwrap();
        for t in pack.vat_rates().timelines() {
            let mut day = d(2023, 1, 1);
            while day <= d(2026, 12, 31) {
                let v = t.at(day).unwrap_or_else(|e| panic!("{e}"));
                assert!(!v.source.trim().is_empty());
                // A value announced as expected must not still be expected once in force.
                assert!(!v.expected || day < v.from, "{} {day}: expected value in force", t.name);
                day = day.succ_opt().unwrap();
            }
        }
    }

    #[test]
    fn every_parameter_has_a_source_on_every_value() {
        let pack = BelgianPack::load().unwrap();
        for t in pack.vat_rates().timelines() {
            assert!(!t.values().is_empty(), "{}", t.name);
            for v in t.values() {
                assert!(v.source.starts_with("http"), "{} from {}: '{}'", t.name, v.from, v.source);
                assert!(v.from.year() >= 1971, "{} starts before Belgian VAT", t.name);
            }
        }
    }

    #[test]
    fn the_pack_speaks_for_belgium_in_euro() {
        let pack = BelgianPack::load().unwrap();
        assert_eq!(pack.country().as_str(), "BE");
        assert_eq!(pack.currency(), Currency::EUR);
        assert_eq!(pack.calendar().public_holidays(2026).len(), 10);
        assert_eq!(pack.payment_reference("2026-000123"), "+++202/6000/12320+++");
    }
}
