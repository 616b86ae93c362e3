//! Belgian expense allowances: the kilometre allowance the tax administration accepts, and none
//! yet for days abroad.
//!
//! Kilometres: the federal civil service's quarterly allowance (`parameters/expenses/mileage.toml`),
//! which FPS Finance accepts as a tax-free repayment of the employer's own expense.
//!
//! Days abroad: FPS Foreign Affairs sets a daily allowance per country (ministerial decree of
//! 14 July 2025, amounts from 1 August 2025, "category 1" for trips of at most 30 days; FPS Finance
//! circulars 2023/C/61 and 2025/C/70), which the tax administration accepts too. The stored sources
//! give only articles about that table, not the table itself, so `per_diem` answers None: a claim for
//! days abroad then states the amount spent, with a receipt.

use chrono::NaiveDate;
use partage_core::client::CountryCode;
use partage_core::dated::{Dated, ParameterError, Timeline};
use partage_core::expense::{ExpenseRules, UnitRate};
use partage_core::money::{Currency, Money};
use partage_pack_kit::{parameters, Declared, ParameterSet};
use rust_decimal::Decimal;

/// A euro amount per kilometre, refusing what cannot be an allowance.
fn per_km(per_km: Decimal) -> Result<UnitRate, String> {
    // A euro a kilometre would be a misplaced decimal point, not an allowance.
    if per_km <= Decimal::ZERO || per_km >= Decimal::ONE {
        return Err(format!("{per_km} EUR/km is not a plausible allowance"));
    }
    Ok(UnitRate { per_unit: per_km, currency: Currency::EUR })
}

parameters! {
    /// The expense allowances' timelines.
    pub struct ExpenseParameters;
    /// The expense allowances in force on one date.
    pub struct ExpensesInForce;
    /// The kilometre allowance.
    mileage: UnitRate = "expenses.mileage" in "parameters/expenses/mileage.toml", via per_km;
}

/// The Belgian expense rules.
#[derive(Clone, Debug)]
pub struct BelgianExpenses {
    params: ExpenseParameters,
}

impl BelgianExpenses {
    /// Loads the allowances embedded in the pack.
    pub fn load() -> Result<BelgianExpenses, ParameterError> {
        Ok(BelgianExpenses { params: ExpenseParameters::load()? })
    }

    /// The kilometre allowance's timeline.
    pub fn mileage(&self) -> &Timeline<UnitRate> {
        &self.params.mileage
    }
}

/// The allowances, listed and covered like every declared parameter.
impl ParameterSet for BelgianExpenses {
    fn declared(&self) -> Vec<Declared<'_>> {
        self.params.declared()
    }
}

impl ExpenseRules for BelgianExpenses {
    fn mileage_rate(&self, date: NaiveDate) -> Result<Dated<UnitRate>, ParameterError> {
        self.params.mileage.at(date).cloned()
    }

    fn per_diem(&self, _country: CountryCode, _date: NaiveDate) -> Result<Option<Dated<Money>>, ParameterError> {
        // No sourced table yet (see the module's documentation): an amount spent is claimed instead.
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use partage_core::expense::{amount, ExpenseClaim, ExpenseError, ExpenseKind};
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn eur(s: &str) -> Money {
        Money::parse(s, Currency::EUR).unwrap()
    }

    fn trip(km: Decimal, date: NaiveDate) -> ExpenseClaim {
        ExpenseClaim::submit(ExpenseKind::Travel { kilometres: km }, date, "rehearsal in Namur", None).unwrap()
    }

    /// FPS Finance circular 2025/C/18 §2: 0.4320 €/km from 1 April to 30 June 2025.
    #[test]
    fn hundred_km_in_may_2025_repay_43_20() {
        let rules = BelgianExpenses::load().unwrap();
        assert_eq!(amount(&trip(dec!(100), d(2025, 5, 15)), &rules).unwrap(), eur("43.20"));
    }

    /// BOSA circular no. 737: 0.4265 €/km from 1 April 2024; the day before, 0.4269.
    #[test]
    fn the_allowance_changes_on_the_first_day_of_the_quarter() {
        let rules = BelgianExpenses::load().unwrap();
        assert_eq!(amount(&trip(dec!(100), d(2024, 3, 31)), &rules).unwrap(), eur("42.69"));
        assert_eq!(amount(&trip(dec!(100), d(2024, 4, 1)), &rules).unwrap(), eur("42.65"));
        // 37.5 km × 0.4326 (Q1 2026) = 16.2225 → 16.22.
        assert_eq!(amount(&trip(dec!(37.5), d(2026, 2, 3)), &rules).unwrap(), eur("16.22"));
        let rate = rules.mileage_rate(d(2024, 4, 1)).unwrap();
        assert!(rate.source.contains("737"), "{}", rate.source);
    }

    #[test]
    fn days_abroad_need_the_amount_spent() {
        let rules = BelgianExpenses::load().unwrap();
        let fr = CountryCode::parse("FR").unwrap();
        let flat = ExpenseKind::PerDiemAbroad { country: fr, days: 2, amount: None };
        let claim = ExpenseClaim::submit(flat, d(2025, 9, 1), "festival", None).unwrap();
        assert!(matches!(amount(&claim, &rules), Err(ExpenseError::UnknownCountry { .. })));
        let spent = ExpenseKind::PerDiemAbroad { country: fr, days: 2, amount: Some(eur("64.80")) };
        let claim = ExpenseClaim::submit(spent, d(2025, 9, 1), "festival", Some("receipt 12")).unwrap();
        assert_eq!(amount(&claim, &rules).unwrap(), eur("64.80"));
    }

    #[test]
    fn the_allowance_is_listed_with_its_source() {
        let rules = BelgianExpenses::load().unwrap();
        let views = rules.views(d(2025, 5, 15));
        assert_eq!(views.len(), 1);
        assert_eq!((views[0].name.as_str(), views[0].value.as_str()), ("expenses.mileage", "0.432"));
        assert!(views[0].source.contains("2025/C/18"));
        assert!(rules.views(d(2022, 12, 31)).is_empty());
    }
}
