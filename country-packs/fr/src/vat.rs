//! French VAT on a line a French cooperative sells: rate in force, reverse charge, out of
//! scope, and the small-business franchise.
//!
//! Members sell services. The place of a service decides whose VAT applies:
//! - CGI art. 259, 1° (Directive 2006/112/EC art. 44): a service to a taxable person is
//!   supplied where that person is established. To a business in another member state the
//!   customer owes the VAT there (Directive art. 196): reverse charge, no French VAT, and
//!   the invoice says "Autoliquidation" (CGI art. 242 nonies A, I, 13°; Directive art.
//!   226, 11a). To a business outside the EU the service is outside the scope of French VAT.
//! - CGI art. 259, 2° (Directive art. 45): a service to a
//!   non-taxable person is supplied where the supplier is established, so French VAT
//!   applies to consumers wherever they live.
//!
//! The brief for this pack names CGI art. 283-2 for the reverse charge: that article makes
//! a buyer *in France* liable when its supplier is established abroad, the mirror of our
//! case. A French seller's invoice to an EU business quotes the Directive's art. 196 (the
//! buyer's state's transposition) and art. 259, 1° CGI for the place; both are named in
//! the mention so either reader finds their rule.
//!
//! Not modelled (documented limits): the exceptions to those rules (immovable property,
//! passenger transport, admission to events: CGI art. 259 A), services to non-EU consumers
//! listed in art. 259 B, goods (an intra-Community supply of goods is exempt under art. 262
//! ter, category K), Corsica and overseas departments' rates (CGI art. 297, 296).

use chrono::NaiveDate;
use partage_core::client::{Client, ClientKind, CountryCode};
use partage_core::dated::Timeline;
use partage_core::money::Rate;
use partage_core::pack::PackError;
use partage_core::vat::{LineVat, VatCategory};
use partage_pack_kit::{parameters, rate};

/// CEF VATEX code of the reverse charge (EN 16931 rule BR-AE-10).
pub const VATEX_REVERSE_CHARGE: &str = "VATEX-EU-AE";

/// CEF VATEX code of a supply not subject to VAT (EN 16931 rule BR-O-10).
pub const VATEX_NOT_SUBJECT: &str = "VATEX-EU-O";

/// CEF VATEX code of the French small-business franchise (CGI art. 293 B).
pub const VATEX_FRANCHISE: &str = "VATEX-FR-FRANCHISE";

/// The reverse charge mention, in French and English: "Autoliquidation" is the word CGI
/// art. 242 nonies A, I, 13° asks for.
pub const REVERSE_CHARGE_REASON: &str = "Autoliquidation / Reverse charge (art. 196 Directive 2006/112/CE\u{202f}; \
     lieu de la prestation\u{a0}: art. 259, 1° du CGI)";

/// The mention of a service supplied outside the EU, in French and English (CGI art. 242
/// nonies A, I, 11°: an invoice without French VAT names the provision that applies).
pub const OUT_OF_SCOPE_REASON: &str = "TVA non applicable, art. 259, 1° du CGI (prestation hors UE) / \
     Not subject to French VAT (place of supply outside the EU)";

/// The franchise mention, word for word as CGI art. 242 nonies A, I, 11° and the
/// administration's doctrine (BOI-TVA-DECLA-40-10-10) give it.
pub const FRANCHISE_REASON: &str = "TVA non applicable, art. 293 B du CGI";

parameters! {
    /// The French VAT rates' timelines, as fractions.
    pub struct VatParameters;
    /// The VAT rates in force on one date (each of them must be).
    pub struct VatRatesInForce;
    /// Normal rate (20 %).
    standard: Rate = "vat.rate.standard" in "parameters/vat/standard_rate.toml", via rate;
    /// Intermediate rate (10 %).
    intermediate: Rate = "vat.rate.intermediate" in "parameters/vat/intermediate_rate.toml", via rate;
    /// Reduced rate (5.5 %).
    reduced: Rate = "vat.rate.reduced" in "parameters/vat/reduced_rate.toml", via rate;
    /// Particular rate (2.1 %).
    super_reduced: Rate = "vat.rate.super_reduced" in "parameters/vat/super_reduced_rate.toml", via rate;
}

/// The French VAT rates, each with its validity and source.
#[derive(Clone, Debug)]
pub struct VatRates {
    country: CountryCode,
    rates: VatParameters,
    franchise: bool,
}

impl VatRates {
    /// From France's code and its rate timelines.
    pub fn new(country: CountryCode, rates: VatParameters) -> VatRates {
        VatRates { country, rates, franchise: false }
    }

    /// Loads the embedded rate files.
    pub fn load(country: CountryCode) -> Result<VatRates, PackError> {
        Ok(VatRates::new(country, VatParameters::load()?))
    }

    /// The same rates for a seller under the small-business franchise (CGI art. 293 B):
    /// it charges no VAT at all.
    pub fn with_franchise(mut self, franchise: bool) -> VatRates {
        self.franchise = franchise;
        self
    }

    /// The rates' declared parameters.
    pub fn parameters(&self) -> &VatParameters {
        &self.rates
    }

    /// The timelines: standard, intermediate, reduced, super-reduced.
    pub fn timelines(&self) -> [&Timeline<Rate>; 4] {
        let r = &self.rates;
        [&r.standard, &r.intermediate, &r.reduced, &r.super_reduced]
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
        let untaxed = |category, code: &str, reason: &str| LineVat {
            category,
            rate: Rate(rust_decimal::Decimal::ZERO),
            exemption_code: Some(code.to_owned()),
            exemption_reason: Some(reason.to_owned()),
        };
        if self.franchise {
            return Ok(untaxed(VatCategory::Exempt, VATEX_FRANCHISE, FRANCHISE_REASON));
        }
        match place_of_supply(buyer) {
            Place::OtherMemberStateBusiness => {
                Ok(untaxed(VatCategory::ReverseCharge, VATEX_REVERSE_CHARGE, REVERSE_CHARGE_REASON))
            }
            Place::OutsideEuBusiness => Ok(untaxed(VatCategory::OutOfScope, VATEX_NOT_SUBJECT, OUT_OF_SCOPE_REASON)),
            Place::France => {
                let in_force = self.in_force(date);
                // The parameter's value, not the caller's, so that 0.2 and 0.200 give one subtotal.
                let Some(found) = in_force.iter().find(|r| r.value() == rate.value()) else {
                    return Err(PackError::VatRateNotInForce {
                        country: self.country,
                        rate,
                        date,
                        in_force: list(&in_force),
                    });
                };
                Ok(LineVat {
                    category: VatCategory::Standard,
                    rate: *found,
                    exemption_code: None,
                    exemption_reason: None,
                })
            }
        }
    }
}

/// Where a service to this buyer is taxed, as far as the pack models it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// French VAT: a French client, or a consumer anywhere.
    France,
    /// A business in another member state, identified for VAT: reverse charge.
    OtherMemberStateBusiness,
    /// A business outside the EU: outside the scope of French VAT.
    OutsideEuBusiness,
}

fn place_of_supply(buyer: &Client) -> Place {
    if buyer.kind != ClientKind::Business || buyer.country.as_str() == "FR" {
        return Place::France;
    }
    if !buyer.country.is_eu() {
        return Place::OutsideEuBusiness;
    }
    // An EU business proves its status with its VAT number (Implementing Regulation
    // 282/2011 art. 18, 1): without one the supply is taxed as to a consumer.
    if buyer.vat_number.as_deref().is_some_and(|v| !v.trim().is_empty()) {
        Place::OtherMemberStateBusiness
    } else {
        Place::France
    }
}

/// "2.1%, 5.5%, 10%, 20%", or "none".
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
        VatRates::load(CountryCode::parse("FR").unwrap()).unwrap()
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
            street: "1 rue de la Paix".into(),
            postal_code: "75002".into(),
            city: "Paris".into(),
            email: None,
        }
    }

    fn pct(p: rust_decimal::Decimal) -> Rate {
        Rate::from_percent(p)
    }

    #[test]
    fn every_rate_file_has_a_description_and_a_source_on_each_value() {
        let rates = rates();
        assert_eq!(VatParameters::FILES.len(), 4);
        for (t, f) in rates.timelines().iter().zip(VatParameters::FILES) {
            assert_eq!(t.name, f.name);
            assert!(!t.description.is_empty(), "{}", f.path);
            assert!(t.values().iter().all(|v| v.source.starts_with("CGI art.")), "{}", f.path);
        }
    }

    #[test]
    fn the_four_french_rates_are_in_force_in_2026() {
        assert_eq!(rates().in_force(d(2026, 3, 1)), vec![pct(dec!(2.1)), pct(dec!(5.5)), pct(dec!(10)), pct(dec!(20))]);
    }

    #[test]
    fn nineteen_point_six_percent_is_refused_with_the_rates_in_force() {
        let fr = client(ClientKind::Business, "FR", Some("FR40303265045"));
        let err = rates().line_vat(d(2026, 5, 1), &fr, pct(dec!(19.6))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "VAT rate 19.6% is not in force in FR on 2026-05-01 (rates in force: 2.1%, 5.5%, 10%, 20%)"
        );
    }

    #[test]
    fn a_rate_before_the_pack_s_first_day_is_refused_naming_none() {
        let fr = client(ClientKind::Consumer, "FR", None);
        match rates().line_vat(d(2013, 6, 1), &fr, pct(dec!(20))).unwrap_err() {
            PackError::VatRateNotInForce { in_force, .. } => assert_eq!(in_force, "none"),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_french_business_pays_french_vat_at_the_parameter_s_rate() {
        let fr = client(ClientKind::Business, "FR", Some("FR40303265045"));
        let vat = rates().line_vat(d(2026, 1, 15), &fr, Rate(dec!(0.200))).unwrap();
        assert_eq!((vat.category, vat.rate.value().to_string()), (VatCategory::Standard, "0.2".to_owned()));
        let reduced = rates().line_vat(d(2026, 1, 15), &fr, pct(dec!(5.5))).unwrap();
        assert_eq!(reduced.rate, pct(dec!(5.5)));
    }

    #[test]
    fn a_belgian_business_with_a_vat_number_is_reverse_charged_with_the_autoliquidation_mention() {
        let be = client(ClientKind::Business, "BE", Some("BE0896755397"));
        let vat = rates().line_vat(d(2026, 1, 15), &be, pct(dec!(20))).unwrap();
        assert_eq!(vat.category, VatCategory::ReverseCharge);
        assert!(vat.rate.value().is_zero());
        assert_eq!(vat.exemption_code.as_deref(), Some("VATEX-EU-AE"));
        assert!(vat.exemption_reason.unwrap().starts_with("Autoliquidation"));
    }

    #[test]
    fn consumers_anywhere_and_eu_businesses_without_vat_number_pay_french_vat() {
        for buyer in [
            client(ClientKind::Consumer, "DE", None),
            client(ClientKind::Consumer, "US", None),
            client(ClientKind::Business, "IT", Some(" ")),
        ] {
            assert_eq!(
                rates().line_vat(d(2026, 1, 15), &buyer, pct(dec!(20))).unwrap().category,
                VatCategory::Standard
            );
        }
    }

    #[test]
    fn a_business_outside_the_eu_is_out_of_scope() {
        let ch = client(ClientKind::Business, "CH", Some("CHE123456789"));
        let vat = rates().line_vat(d(2026, 1, 15), &ch, pct(dec!(20))).unwrap();
        assert_eq!((vat.category, vat.exemption_code.as_deref()), (VatCategory::OutOfScope, Some("VATEX-EU-O")));
    }

    #[test]
    fn a_seller_under_the_franchise_charges_no_vat_and_says_art_293_b() {
        let fr = client(ClientKind::Consumer, "FR", None);
        let vat = rates().with_franchise(true).line_vat(d(2026, 1, 15), &fr, pct(dec!(20))).unwrap();
        assert_eq!(vat.category, VatCategory::Exempt);
        assert_eq!(vat.exemption_reason.as_deref(), Some("TVA non applicable, art. 293 B du CGI"));
    }
}
