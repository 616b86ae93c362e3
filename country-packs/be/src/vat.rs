//! Belgian VAT on a line a Belgian cooperative sells: rate in force, reverse charge,
//! out of scope.
//!
//! Partage members sell services (performances, design, consulting, training,
//! deliveries). The place of a service decides whose VAT applies:
//! - VAT Code art. 21, § 2 (Directive 2006/112/EC art. 44): a service to a taxable
//!   person is supplied where that person is established. To a business in another
//!   member state, the customer owes the VAT there (Directive art. 196: "VAT shall be
//!   payable by any taxable person ... to whom the services referred to in Article 44
//!   are supplied"): reverse charge, no Belgian VAT. To a business outside the EU, the
//!   service is outside the scope of Belgian VAT.
//! - VAT Code art. 21bis, § 1 (Directive art. 45): a service to a non-taxable person
//!   is supplied where the supplier is established, so Belgian VAT applies to
//!   consumers wherever they live.
//!
//! Not modelled (documented limits): the exceptions to those two rules (services
//! connected with immovable property, passenger transport, admission to events in
//! another state: art. 21, § 3 / Directive arts. 47-54), the art. 21bis, § 2 list of
//! services to non-EU consumers (Directive art. 59), and goods (an intra-Community
//! supply of goods is exempt under VAT Code art. 39bis, category K, not AE).

use chrono::NaiveDate;
use partage_core::client::{Client, ClientKind, CountryCode};
use partage_core::dated::Timeline;
use partage_core::money::Rate;
use partage_core::pack::PackError;
use partage_core::vat::{LineVat, VatCategory};
use partage_pack_kit::{parameters, rate};

/// CEF VATEX code of the reverse charge (supports EN 16931 rule BR-AE-10).
pub const VATEX_REVERSE_CHARGE: &str = "VATEX-EU-AE";

/// CEF VATEX code of a supply not subject to VAT (supports EN 16931 rule BR-O-10).
pub const VATEX_NOT_SUBJECT: &str = "VATEX-EU-O";

/// The invoice mention for the reverse charge, in French, Dutch and English.
///
/// Directive 2006/112/EC art. 226, 11a: where the customer is liable for the tax, the
/// invoice states "Reverse charge". Belgium transposed it in art. 5, § 1 of Royal
/// Decree no. 1 of 29 December 1992 (as replaced by the Royal Decree of 19 December
/// 2012, which transposed Directive 2010/45/EU), whose words are "Autoliquidation" and
/// "Verlegging van heffing". The mention names the rule that makes the buyer liable.
pub const REVERSE_CHARGE_REASON: &str = "Autoliquidation / Verlegging van heffing / Reverse charge \
     (art. 196 Directive 2006/112/EC; art. 21, § 2 Belgian VAT Code)";

/// The invoice mention for a service supplied outside Belgium, in French, Dutch and English.
///
/// Art. 5, § 1 of Royal Decree no. 1 asks an invoice without Belgian VAT to name the
/// provision under which no Belgian VAT is charged.
pub const OUT_OF_SCOPE_REASON: &str = "Non soumis à la TVA belge / Niet onderworpen aan Belgische btw / \
     Not subject to Belgian VAT (place of supply outside the EU: art. 21, § 2 Belgian VAT Code; \
     art. 44 Directive 2006/112/EC)";

parameters! {
    /// The Belgian VAT rates' timelines, as fractions.
    pub struct VatParameters;
    /// The VAT rates in force on one date (each of them must be).
    pub struct VatRatesInForce;
    /// Standard rate.
    standard: Rate = "vat.rate.standard" in "parameters/vat/standard_rate.toml", via rate;
    /// Intermediate rate.
    intermediate: Rate = "vat.rate.intermediate" in "parameters/vat/intermediate_rate.toml", via rate;
    /// Reduced rate.
    reduced: Rate = "vat.rate.reduced" in "parameters/vat/reduced_rate.toml", via rate;
    /// Zero rate.
    zero: Rate = "vat.rate.zero" in "parameters/vat/zero_rate.toml", via rate;
}

/// The Belgian VAT rates, each with its validity and source.
#[derive(Clone, Debug)]
pub struct VatRates {
    country: CountryCode,
    rates: VatParameters,
}

impl VatRates {
    /// From Belgium's code and its rate timelines.
    pub fn new(country: CountryCode, rates: VatParameters) -> VatRates {
        VatRates { country, rates }
    }

    /// The rates' declared parameters.
    pub fn parameters(&self) -> &VatParameters {
        &self.rates
    }

    /// The timelines: standard, intermediate, reduced, zero.
    pub fn timelines(&self) -> [&Timeline<Rate>; 4] {
        let r = &self.rates;
        [&r.standard, &r.intermediate, &r.reduced, &r.zero]
    }

    /// The rates in force on `date`, lowest first, without duplicates.
    pub fn in_force(&self, date: NaiveDate) -> Vec<Rate> {
        let mut rates: Vec<Rate> = self.timelines().iter().filter_map(|t| t.at(date).ok()).map(|d| d.value).collect();
        rates.sort();
        rates.dedup();
        rates
    }

    /// The VAT of a line sold on `date` to `buyer` at the `rate` the member asked for.
    pub fn line_vat(&self, date: NaiveDate, buyer: &Client, rate: Rate) -> Result<LineVat, PackError> {
        match place_of_supply(buyer) {
            Place::OtherMemberStateBusiness => Ok(LineVat {
                category: VatCategory::ReverseCharge,
                rate: Rate(rust_decimal::Decimal::ZERO),
                exemption_code: Some(VATEX_REVERSE_CHARGE.to_owned()),
                exemption_reason: Some(REVERSE_CHARGE_REASON.to_owned()),
            }),
            Place::OutsideEuBusiness => Ok(LineVat {
                category: VatCategory::OutOfScope,
                rate: Rate(rust_decimal::Decimal::ZERO),
                exemption_code: Some(VATEX_NOT_SUBJECT.to_owned()),
                exemption_reason: Some(OUT_OF_SCOPE_REASON.to_owned()),
            }),
            Place::Belgium => {
                let in_force = self.in_force(date);
                // The value from the parameter, not the caller's, so that 0.21 and
                // 0.210 give one VAT subtotal.
                let Some(found) = in_force.iter().find(|r| r.value() == rate.value()) else {
                    return Err(PackError::VatRateNotInForce {
                        country: self.country,
                        rate,
                        date,
                        in_force: list(&in_force),
                    });
                };
                let category = if found.value().is_zero() { VatCategory::ZeroRated } else { VatCategory::Standard };
                Ok(LineVat { category, rate: *found, exemption_code: None, exemption_reason: None })
            }
        }
    }
}

/// Where a service to this buyer is taxed, as far as the pack models it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// Belgian VAT: a Belgian client, or a consumer anywhere.
    Belgium,
    /// A business in another member state, identified for VAT: reverse charge.
    OtherMemberStateBusiness,
    /// A business outside the EU: outside the scope of Belgian VAT.
    OutsideEuBusiness,
}

fn place_of_supply(buyer: &Client) -> Place {
    if buyer.kind != ClientKind::Business || buyer.country.as_str() == "BE" {
        return Place::Belgium;
    }
    if !buyer.country.is_eu() {
        return Place::OutsideEuBusiness;
    }
    // A business customer in another member state proves its status with its VAT
    // number (Implementing Regulation 282/2011 art. 18, § 1): without one, the supply
    // is treated as made to a non-taxable person and Belgian VAT applies.
    let has_vat_number = buyer.vat_number.as_deref().is_some_and(|v| !v.trim().is_empty());
    if has_vat_number {
        Place::OtherMemberStateBusiness
    } else {
        Place::Belgium
    }
}

/// "0%, 6%, 12%, 21%", or "none".
fn list(rates: &[Rate]) -> String {
    if rates.is_empty() {
        return "none".to_owned();
    }
    rates.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn rates() -> VatRates {
        let be = CountryCode::parse("BE").unwrap();
        VatRates::new(be, VatParameters::load().unwrap())
    }

    #[test]
    fn every_embedded_file_parses_with_a_source_on_each_value() {
        let rates = rates();
        assert_eq!(VatParameters::FILES.len(), rates.timelines().len());
        for (t, f) in rates.timelines().iter().zip(VatParameters::FILES) {
            assert_eq!(t.name, f.name);
            assert!(!t.description.is_empty(), "{}", f.path);
            assert!(t.values().iter().all(|v| v.source.starts_with("http")), "{}", f.path);
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn client(kind: ClientKind, country: &str, vat: Option<&str>) -> Client {
        Client {
            name: "Client".into(),
            kind,
            country: CountryCode::parse(country).unwrap(),
            vat_number: vat.map(str::to_owned),
            street: "Rue 1".into(),
            postal_code: "1000".into(),
            city: "Bruxelles".into(),
            email: None,
        }
    }

    fn pct(p: rust_decimal::Decimal) -> Rate {
        Rate::from_percent(p)
    }

    #[test]
    fn the_four_belgian_rates_are_in_force_in_2026() {
        assert_eq!(rates().in_force(d(2026, 3, 1)), vec![pct(dec!(0)), pct(dec!(6)), pct(dec!(12)), pct(dec!(21))]);
    }

    #[test]
    fn twenty_one_percent_is_refused_in_1995_with_the_rates_then_in_force() {
        let be = client(ClientKind::Business, "BE", Some("BE0896755397"));
        let err = rates().line_vat(d(1995, 6, 1), &be, pct(dec!(21))).unwrap_err();
        match err {
            PackError::VatRateNotInForce { in_force, country, .. } => {
                assert_eq!(country.as_str(), "BE");
                assert_eq!(in_force, "0%, 6%, 12%");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn nineteen_percent_is_refused_with_the_list_of_rates_in_force() {
        let be = client(ClientKind::Consumer, "BE", None);
        let err = rates().line_vat(d(2025, 5, 1), &be, pct(dec!(19))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "VAT rate 19% is not in force in BE on 2025-05-01 (rates in force: 0%, 6%, 12%, 21%)"
        );
    }

    #[test]
    fn a_belgian_business_pays_belgian_vat_at_the_rate_asked() {
        let be = client(ClientKind::Business, "BE", Some("BE0896755397"));
        let vat = rates().line_vat(d(2026, 1, 15), &be, Rate(dec!(0.210))).unwrap();
        assert_eq!(vat.category, VatCategory::Standard);
        assert_eq!(vat.rate.value().to_string(), "0.21");
        assert_eq!(vat.exemption_code, None);
        let six = rates().line_vat(d(2026, 1, 15), &be, pct(dec!(6))).unwrap();
        assert_eq!((six.category, six.rate), (VatCategory::Standard, pct(dec!(6))));
    }

    #[test]
    fn zero_percent_is_zero_rated_not_exempt() {
        let be = client(ClientKind::Consumer, "BE", None);
        let vat = rates().line_vat(d(2026, 1, 15), &be, pct(dec!(0))).unwrap();
        assert_eq!(vat.category, VatCategory::ZeroRated);
        assert_eq!(vat.exemption_reason, None);
    }

    #[test]
    fn a_french_business_with_a_vat_number_reverse_charges_whatever_the_rate_asked() {
        let fr = client(ClientKind::Business, "FR", Some("FR40303265045"));
        let vat = rates().line_vat(d(2026, 1, 15), &fr, pct(dec!(21))).unwrap();
        assert_eq!(vat.category, VatCategory::ReverseCharge);
        assert!(vat.rate.value().is_zero());
        assert_eq!(vat.exemption_code.as_deref(), Some("VATEX-EU-AE"));
        let reason = vat.exemption_reason.unwrap();
        assert!(reason.contains("Autoliquidation") && reason.contains("Verlegging van heffing"), "{reason}");
        assert!(reason.contains("art. 196 Directive 2006/112/EC"), "{reason}");
    }

    #[test]
    fn consumers_abroad_and_eu_businesses_without_vat_number_pay_belgian_vat() {
        let fr_consumer = client(ClientKind::Consumer, "FR", None);
        let vat = rates().line_vat(d(2026, 1, 15), &fr_consumer, pct(dec!(21))).unwrap();
        assert_eq!(vat.category, VatCategory::Standard);
        let de_no_vat = client(ClientKind::Business, "DE", Some("  "));
        assert_eq!(
            rates().line_vat(d(2026, 1, 15), &de_no_vat, pct(dec!(21))).unwrap().category,
            VatCategory::Standard
        );
        let us_consumer = client(ClientKind::Consumer, "US", None);
        assert_eq!(
            rates().line_vat(d(2026, 1, 15), &us_consumer, pct(dec!(6))).unwrap().category,
            VatCategory::Standard
        );
    }

    #[test]
    fn a_business_outside_the_eu_is_out_of_scope() {
        let ch = client(ClientKind::Business, "CH", Some("CHE123456789"));
        let vat = rates().line_vat(d(2026, 1, 15), &ch, pct(dec!(21))).unwrap();
        assert_eq!(vat.category, VatCategory::OutOfScope);
        assert_eq!(vat.exemption_code.as_deref(), Some("VATEX-EU-O"));
    }
}
