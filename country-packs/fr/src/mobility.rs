//! The versement mobilité: an employer contribution to public transport that employers of 11
//! workers or more owe where the establishment's commune lies in a mobility authority's area
//! (CGCT art. L. 2333-64 and L. 2531-2), at the rate that authority voted. The pack knows the
//! rates of a few large communes (`parameters/mobility/versement_mobilite.toml`); a node
//! elsewhere states its rate in `pack.fr.mobility_rate`.

use partage_core::dated::{Dated, ParameterError};
use partage_core::money::Rate;
use partage_pack_kit::{decimal_or_unknown, parameters, Shown};
use rust_decimal::Decimal;
use serde::Deserialize;

/// The communes the table names, as `pack.fr.mobility_commune` takes them.
pub const COMMUNES: [&str; 7] = ["paris", "lyon", "marseille", "lille", "bordeaux", "nantes", "montpellier"];

/// Fewer workers than this owe no versement mobilité (CGCT art. L. 2333-64: "onze salariés et plus").
pub const HEADCOUNT_THRESHOLD: u32 = 11;

/// The rate of each commune the pack knows; None where no source read gives it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MobilityRates {
    /// Paris (Île-de-France zone 1).
    #[serde(deserialize_with = "decimal_or_unknown")]
    pub paris: Option<Decimal>,
    /// Lyon (Métropole de Lyon).
    #[serde(deserialize_with = "decimal_or_unknown")]
    pub lyon: Option<Decimal>,
    /// Marseille (Aix-Marseille-Provence).
    #[serde(deserialize_with = "decimal_or_unknown")]
    pub marseille: Option<Decimal>,
    /// Lille (Métropole européenne de Lille).
    #[serde(deserialize_with = "decimal_or_unknown")]
    pub lille: Option<Decimal>,
    /// Bordeaux (Bordeaux Métropole).
    #[serde(deserialize_with = "decimal_or_unknown")]
    pub bordeaux: Option<Decimal>,
    /// Nantes (Nantes Métropole).
    #[serde(deserialize_with = "decimal_or_unknown")]
    pub nantes: Option<Decimal>,
    /// Montpellier (Montpellier Méditerranée Métropole).
    #[serde(deserialize_with = "decimal_or_unknown")]
    pub montpellier: Option<Decimal>,
}

impl Shown for MobilityRates {}

impl MobilityRates {
    /// The rate of `commune` (one of [`COMMUNES`]); None when unknown or not listed.
    pub fn of(&self, commune: &str) -> Option<Decimal> {
        match commune {
            "paris" => self.paris,
            "lyon" => self.lyon,
            "marseille" => self.marseille,
            "lille" => self.lille,
            "bordeaux" => self.bordeaux,
            "nantes" => self.nantes,
            "montpellier" => self.montpellier,
            _ => None,
        }
    }
}

fn plausible(rates: MobilityRates) -> Result<MobilityRates, String> {
    // The highest ceiling anywhere is Île-de-France's 3.20 %: a rate above 5 % is a misplaced point.
    for commune in COMMUNES {
        if let Some(r) = rates.of(commune) {
            if r.is_sign_negative() || r > Decimal::new(5, 2) {
                return Err(format!("{commune}: {r} is not a versement mobilité rate (a fraction up to 0.05)"));
            }
        }
    }
    Ok(rates)
}

parameters! {
    /// The versement mobilité table's timeline.
    pub struct MobilityParameters;
    /// The table in force on one date.
    pub struct MobilityInForce;
    /// The rate of each known commune.
    rates: MobilityRates = "mobility.versement_mobilite" in "parameters/mobility/versement_mobilite.toml", via plausible;
}

/// The rate of `commune` on `date`, with its source; None when the table does not know it.
pub fn rate_of(
    params: &MobilityParameters,
    commune: &str,
    date: chrono::NaiveDate,
) -> Result<Option<Dated<Rate>>, ParameterError> {
    let table = params.rates.at(date)?;
    Ok(table.value.of(commune).map(|r| Dated {
        value: Rate(r),
        from: table.from,
        until: table.until,
        source: table.source.clone(),
        expected: table.expected,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Loi de finances pour 2024 art. 139 and IDFM: Paris 2.95 % until 31 January 2024, 3.20 % after.
    #[test]
    fn paris_moves_to_3_20_percent_on_1_february_2024() {
        let p = MobilityParameters::load().unwrap();
        assert_eq!(rate_of(&p, "paris", d(2024, 1, 31)).unwrap().unwrap().value, Rate(dec!(0.0295)));
        assert_eq!(rate_of(&p, "paris", d(2024, 2, 1)).unwrap().unwrap().value, Rate(dec!(0.032)));
        assert_eq!(rate_of(&p, "lyon", d(2026, 6, 1)).unwrap().unwrap().value, Rate(dec!(0.02)));
        assert_eq!(rate_of(&p, "nantes", d(2026, 6, 1)).unwrap(), None, "unsourced: the node gives it");
        assert_eq!(rate_of(&p, "brest", d(2026, 6, 1)).unwrap(), None);
    }

    /// Loi de finances pour 2025 art. 118: the regional versement mobilité adds to the local one,
    /// PACA 0.15 % from 1 July 2025 then 0.08 % in 2026, Nouvelle-Aquitaine 0.15 % from 2026.
    #[test]
    fn the_regional_versement_adds_to_marseille_and_bordeaux() {
        let p = MobilityParameters::load().unwrap();
        assert_eq!(rate_of(&p, "marseille", d(2025, 6, 30)).unwrap().unwrap().value, Rate(dec!(0.02)));
        assert_eq!(rate_of(&p, "marseille", d(2025, 7, 1)).unwrap().unwrap().value, Rate(dec!(0.0215)));
        assert_eq!(rate_of(&p, "marseille", d(2026, 1, 1)).unwrap().unwrap().value, Rate(dec!(0.0208)));
        assert_eq!(rate_of(&p, "bordeaux", d(2025, 12, 31)).unwrap().unwrap().value, Rate(dec!(0.02)));
        assert_eq!(rate_of(&p, "bordeaux", d(2026, 1, 1)).unwrap().unwrap().value, Rate(dec!(0.0215)));
        assert_eq!(rate_of(&p, "lille", d(2026, 1, 1)).unwrap().unwrap().value, Rate(dec!(0.02)));
    }
}
