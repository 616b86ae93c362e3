//! The Belgian pack passes the conformance kit over its whole coverage period.
#![allow(clippy::unwrap_used, missing_docs)]

use chrono::NaiveDate;
use partage_pack_be::BelgianPack;
use partage_pack_conformance::{check, Spec};

#[test]
fn the_belgian_pack_conforms_from_2023_to_2026() {
    let pack = BelgianPack::load().unwrap();
    let spec = Spec::new(NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
    if let Err(failures) = check(&pack, &spec) {
        panic!("{failures}");
    }
}

/// The two-income household's minimum special contribution makes the net fall where the wage
/// reaches 1,095.10; a manual worker's wage is 108 % of the gross, so it falls at a gross of
/// 1,013.98, and the pack declares that band (the kit's random search found it undeclared).
#[test]
fn a_manual_workers_net_falls_where_108_percent_of_the_gross_reaches_the_minimum_contribution() {
    use partage_core::money::{Currency, Money, Rate};
    use partage_core::pack::CountryPack;
    use partage_core::payroll::{Employee, FamilySituation, Household};
    let pack = BelgianPack::load().unwrap();
    let payroll = pack.payroll();
    let manual = Employee {
        category: "manual".into(),
        household: Household { situation: FamilySituation::MarriedTwoIncomes, ..Household::single() },
        work_fraction: Rate(rust_decimal::Decimal::ONE),
        worked: None,
        fixed_term: None,
        withholding_rate: None,
        employer_cost_coefficient: None,
    };
    let date = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let net = |minor| payroll.payslip(date, Money::from_minor(minor, Currency::EUR), &manual).unwrap().net;
    // 1,012.98 × 1.08 = 1,094.02: no contribution, the net is the gross (the work bonus).
    assert_eq!(net(101_298), Money::from_minor(101_298, Currency::EUR));
    // 1,013.98 × 1.08 = 1,095.10: the minimum contribution of 5.15.
    assert_eq!(net(101_398), Money::from_minor(100_883, Currency::EUR));
    let declared = payroll.thresholds();
    assert!(
        declared.iter().any(|t| t.category == "manual"
            && t.from.amount() <= rust_decimal::Decimal::new(101_398, 2)
            && rust_decimal::Decimal::new(101_398, 2) <= t.to.amount()),
        "{declared:?}"
    );
}

/// The kit must be able to fail: a pack whose net exceeds the gross is caught.
mod a_broken_pack {
    use super::*;
    use partage_core::calendar::Calendar;
    use partage_core::client::{Client, CountryCode};
    use partage_core::invoice::InvoiceDocument;
    use partage_core::money::{Currency, Money, Rate};
    use partage_core::pack::{CountryPack, EInvoice, PackError, ParameterView};
    use partage_core::payroll::{Employee, Payroll, PayrollError, Payslip};
    use partage_core::vat::LineVat;

    struct Broken(BelgianPack);

    impl Payroll for Broken {
        fn currency(&self) -> Currency {
            Currency::EUR
        }
        fn categories(&self) -> &'static [&'static str] {
            self.0.payroll().categories()
        }
        fn max_gross(&self) -> Money {
            self.0.payroll().max_gross()
        }
        fn payslip(&self, date: NaiveDate, gross: Money, e: &Employee) -> Result<Payslip, PayrollError> {
            let mut p = self.0.payroll().payslip(date, gross, e)?;
            p.net = p.gross.checked_add(Money::from_minor(1, Currency::EUR))?;
            Ok(p)
        }
    }

    impl CountryPack for Broken {
        fn country(&self) -> CountryCode {
            self.0.country()
        }
        fn currency(&self) -> Currency {
            self.0.currency()
        }
        fn time_zone(&self) -> &'static str {
            self.0.time_zone()
        }
        fn calendar(&self) -> &dyn Calendar {
            self.0.calendar()
        }
        fn supporting_documents_retention(&self) -> partage_core::pack::Retention {
            self.0.supporting_documents_retention()
        }
        fn line_vat(&self, date: NaiveDate, buyer: &Client, rate: Rate) -> Result<LineVat, PackError> {
            self.0.line_vat(date, buyer, rate)
        }
        fn invoice_mentions(&self, d: &InvoiceDocument, language: &str) -> Vec<String> {
            self.0.invoice_mentions(d, language)
        }
        fn payment_reference(&self, n: &str) -> String {
            self.0.payment_reference(n)
        }
        fn e_invoice(&self, d: &InvoiceDocument) -> Result<EInvoice, PackError> {
            self.0.e_invoice(d)
        }
        fn payroll(&self) -> &dyn Payroll {
            self
        }
        fn true_up_policy(&self) -> partage_core::contract::TrueUpPolicy {
            self.0.true_up_policy()
        }
        fn label(&self, language: &str, code: &str) -> Option<String> {
            self.0.label(language, code)
        }
        fn national_id(&self, text: &str, birth_date: NaiveDate) -> Result<String, PackError> {
            self.0.national_id(text, birth_date)
        }
        fn hiring_declaration(
            &self,
            d: &partage_core::hiring::HiringDeclaration,
            at: chrono::NaiveDateTime,
        ) -> Result<partage_core::hiring::Filing, PackError> {
            self.0.hiring_declaration(d, at)
        }
        fn periodic_return(
            &self,
            r: &partage_core::social_return::SocialReturn,
            at: chrono::NaiveDateTime,
        ) -> Result<partage_core::hiring::Filing, PackError> {
            self.0.periodic_return(r, at)
        }
        fn parameters(&self, date: NaiveDate) -> Result<Vec<ParameterView>, PackError> {
            self.0.parameters(date)
        }
        fn expenses(&self) -> &dyn partage_core::expense::ExpenseRules {
            self.0.expenses()
        }
        fn dunning(&self) -> &dyn partage_core::dunning::DunningRules {
            self.0.dunning()
        }
        fn return_frequency(&self) -> partage_core::social_return::ReturnFrequency {
            self.0.return_frequency()
        }
        fn check_acknowledgement(&self, reference: &str) -> Result<(), PackError> {
            self.0.check_acknowledgement(reference)
        }
        fn chart_account(&self, kind: partage_core::ledger::AccountKind) -> &'static str {
            self.0.chart_account(kind)
        }
    }

    #[test]
    fn is_refused_by_the_kit() {
        let pack = Broken(BelgianPack::load().unwrap());
        let mut spec =
            Spec::new(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2025, 1, 31).unwrap());
        spec.cases = 16;
        let err = check(&pack, &spec).unwrap_err();
        assert!(err.contains("net <= gross <= employer cost"), "{err}");
    }
}
