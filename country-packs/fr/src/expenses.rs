//! French expense allowances: the tax administration's barème kilométrique for a member's own
//! car, and none yet for days abroad.
//!
//! Kilometres: URSSAF treats allowances within the barème kilométrique (CGI annexe IV art. 6 B)
//! as repaid expenses, free of contributions (arrêté du 20 décembre 2002, art. 4); the pack uses
//! its 5 CV line up to 5,000 km a year (`parameters/expenses/mileage.toml`).
//!
//! Days abroad: the State's agents are paid a daily allowance per country (arrêté du
//! 3 juillet 2006 fixant les taux des indemnités de mission, its annex by country), which URSSAF
//! accepts for employees too. The stored sources give the rules of that arrêté (65 % for the
//! night, 17.5 % per meal) but not its table of amounts, so `per_diem` answers None: a claim for
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
    /// The kilometre allowance (barème kilométrique, 5 CV, up to 5,000 km).
    mileage: UnitRate = "expenses.mileage" in "parameters/expenses/mileage.toml", via per_km;
}

/// The French expense rules.
#[derive(Clone, Debug)]
pub struct FrenchExpenses {
    params: ExpenseParameters,
}

impl FrenchExpenses {
    /// Loads the allowances embedded in the pack.
    pub fn load() -> Result<FrenchExpenses, ParameterError> {
        Ok(FrenchExpenses { params: ExpenseParameters::load()? })
    }

    /// The kilometre allowance's timeline.
    pub fn mileage(&self) -> &Timeline<UnitRate> {
        &self.params.mileage
    }
}

/// The allowances, listed and covered like every declared parameter.
impl ParameterSet for FrenchExpenses {
    fn declared(&self) -> Vec<Declared<'_>> {
        self.params.declared()
    }
}

impl ExpenseRules for FrenchExpenses {
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

    /// fiscalonline.com's example: 4,000 km with a 5 CV car in 2024 → 2,544 € (4,000 × 0.636).
    #[test]
    fn four_thousand_km_in_2024_repay_2544_euros() {
        let rules = FrenchExpenses::load().unwrap();
        let trip = ExpenseClaim::submit(ExpenseKind::Travel { kilometres: dec!(4000) }, d(2024, 6, 3), "tournée", None)
            .unwrap();
        assert_eq!(amount(&trip, &rules).unwrap(), eur("2544.00"));
        // 37.5 km × 0.636 = 23.85.
        let short =
            ExpenseClaim::submit(ExpenseKind::Travel { kilometres: dec!(37.5) }, d(2026, 2, 3), "répétition", None)
                .unwrap();
        assert_eq!(amount(&short, &rules).unwrap(), eur("23.85"));
        assert!(rules.mileage_rate(d(2025, 1, 1)).unwrap().source.contains("6 B"));
    }

    #[test]
    fn days_abroad_need_the_amount_spent() {
        let rules = FrenchExpenses::load().unwrap();
        let be = CountryCode::parse("BE").unwrap();
        let flat = ExpenseKind::PerDiemAbroad { country: be, days: 2, amount: None };
        let claim = ExpenseClaim::submit(flat, d(2025, 9, 1), "festival", None).unwrap();
        assert!(matches!(amount(&claim, &rules), Err(ExpenseError::UnknownCountry { .. })));
        let spent = ExpenseKind::PerDiemAbroad { country: be, days: 2, amount: Some(eur("180.00")) };
        let claim = ExpenseClaim::submit(spent, d(2025, 9, 1), "festival", Some("facture 12")).unwrap();
        assert_eq!(amount(&claim, &rules).unwrap(), eur("180.00"));
    }
}
