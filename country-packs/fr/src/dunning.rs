//! French dunning: between professionals, the Code de commerce; with consumers, the Code civil.
//!
//! Professionals (C. com. art. L. 441-10, II): penalties run from the day after the due date,
//! without any reminder, at the ECB's refinancing rate plus 10 points
//! (`parameters/dunning/late_payment_interest_business.toml`), and every late invoice owes a
//! fixed 40 EUR for recovery costs (art. D. 441-5, `recovery_indemnity.toml`).
//!
//! Consumers (Code civil art. 1231-6): interest at the taux de l'intérêt légal
//! (`legal_interest_consumer.toml`) runs only from the formal notice (mise en demeure); no fixed
//! indemnity exists. The schedules (reminder, notice, handover) are the cooperative's policy.

use chrono::NaiveDate;
use partage_core::dated::{Dated, ParameterError, Timeline};
use partage_core::dunning::{DunningError, DunningLevel, DunningRules, DunningStep};
use partage_core::money::{Currency, Money, Rate};
use partage_pack_kit::{parameters, rate, Declared, ParameterSet};
use rust_decimal::Decimal;
use std::sync::Arc;

parameters! {
    /// The dunning parameters' timelines.
    pub struct DunningParameters;
    /// The dunning parameters in force on one date.
    pub struct DunningInForce;
    /// Penalties between professionals (ECB rate + 10 points), half-year by half-year.
    business_interest: Rate = "dunning.late_payment_interest_business" in "parameters/dunning/late_payment_interest_business.toml", via rate;
    /// The taux de l'intérêt légal for a consumer's debt to a legal person, half-year by half-year.
    consumer_interest: Rate = "dunning.legal_interest_consumer" in "parameters/dunning/legal_interest_consumer.toml", via rate;
    /// The professionals' fixed recovery indemnity.
    recovery: Money = "dunning.recovery_indemnity" in "parameters/dunning/recovery_indemnity.toml", via euros;
}

fn euros(amount: Decimal) -> Result<Money, String> {
    Money::new(amount, Currency::EUR).map_err(|e| e.to_string())
}

const BUSINESS_POLICY: &str = "Partage policy, not law: C. com. art. L. 441-10 makes penalties and the 40 EUR \
indemnity due without notice from the day after the due date; the cooperative first sends a reminder, then a \
formal notice 15 days later";
const CONSUMER_POLICY: &str = "Code civil art. 1231-6: interest at the legal rate runs from the formal notice \
(mise en demeure); the cooperative sends a free reminder first, then the notice 15 days later";
const HANDOVER_POLICY: &str = "Partage policy, not law: the file goes to a commissaire de justice or a lawyer \
30 days after the formal notice";

/// The French dunning rules.
#[derive(Clone, Debug)]
pub struct FrenchDunning {
    params: DunningParameters,
}

impl FrenchDunning {
    /// Loads the dunning parameters embedded in the pack.
    pub fn load() -> Result<FrenchDunning, ParameterError> {
        Ok(FrenchDunning { params: DunningParameters::load()? })
    }

    /// The professionals' late-payment rate, half-year by half-year.
    pub fn business_interest(&self) -> &Timeline<Rate> {
        &self.params.business_interest
    }
}

/// The dunning parameters, listed and covered like every declared parameter.
impl ParameterSet for FrenchDunning {
    fn declared(&self) -> Vec<Declared<'_>> {
        self.params.declared()
    }
}

fn step(after_days: u32, level: DunningLevel, claims_damages: bool, source: &str) -> DunningStep {
    DunningStep { after_days, postal_working_days: 0, level, fee: None, claims_damages, source: Arc::from(source) }
}

impl DunningRules for FrenchDunning {
    fn schedule(&self, _date: NaiveDate, b2c: bool) -> Result<Vec<DunningStep>, ParameterError> {
        let first = if b2c { CONSUMER_POLICY } else { BUSINESS_POLICY };
        Ok(vec![
            step(1, DunningLevel::Reminder, false, first),
            step(15, DunningLevel::FormalNotice, true, first),
            step(30, DunningLevel::Handover, false, HANDOVER_POLICY),
        ])
    }

    fn late_interest_rate(&self, date: NaiveDate, b2c: bool) -> Result<Dated<Rate>, ParameterError> {
        if b2c {
            self.params.consumer_interest.at(date).cloned()
        } else {
            self.params.business_interest.at(date).cloned()
        }
    }

    fn damages(&self, outstanding: Money, date: NaiveDate, b2c: bool) -> Result<Dated<Money>, DunningError> {
        if outstanding.is_negative() {
            return Err(DunningError::NegativeAmount(outstanding));
        }
        if b2c {
            // D. 441-5 binds professionals only; a consumer owes no fixed indemnity.
            return Err(DunningError::NoLumpSum { date });
        }
        Ok(self.params.recovery.at(date)?.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use partage_core::dunning::{late_interest, late_interest_between};
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn eur(s: &str) -> Money {
        Money::parse(s, Currency::EUR).unwrap()
    }

    /// C. com. L. 441-10: ECB rate on 1 January / 1 July + 10 points; Bpifrance: 14.25 % from July 2024.
    #[test]
    fn professionals_owe_the_ecb_rate_plus_ten_points_and_40_euros() {
        let rules = FrenchDunning::load().unwrap();
        for (day, r) in [
            (d(2023, 3, 1), dec!(0.125)),
            (d(2023, 9, 1), dec!(0.14)),
            (d(2024, 3, 1), dec!(0.145)),
            (d(2024, 9, 1), dec!(0.1425)),
            (d(2025, 3, 1), dec!(0.1315)),
            (d(2025, 9, 1), dec!(0.1215)),
            (d(2026, 3, 1), dec!(0.1215)),
        ] {
            assert_eq!(rules.late_interest_rate(day, false).unwrap().value, Rate(r), "{day}");
        }
        assert_eq!(rules.damages(eur("5000.00"), d(2025, 3, 1), false).unwrap().value, eur("40.00"));
        // 1,000.00 over 30 days at 13.15 %: 10.808… → 10.81.
        let r = rules.late_interest_rate(d(2025, 3, 1), false).unwrap().value;
        assert_eq!(late_interest(eur("1000.00"), r, 30).unwrap(), eur("10.81"));
        // Across 1 July 2025: 15 days at 13.15 % + 15 days at 12.15 % = 10.397… → 10.40.
        let across = late_interest_between(eur("1000.00"), d(2025, 6, 16), d(2025, 7, 15), &rules, false).unwrap();
        assert_eq!(across, eur("10.40"));
    }

    /// Arrêté du 15 décembre 2025: 2.62 % "pour tous les autres cas" in the first half of 2026.
    #[test]
    fn consumers_owe_the_legal_rate_and_no_fixed_indemnity() {
        let rules = FrenchDunning::load().unwrap();
        assert_eq!(rules.late_interest_rate(d(2026, 3, 1), true).unwrap().value, Rate(dec!(0.0262)));
        assert_eq!(rules.late_interest_rate(d(2023, 9, 1), true).unwrap().value, Rate(dec!(0.0422)));
        assert_eq!(
            rules.damages(eur("500.00"), d(2026, 3, 1), true),
            Err(DunningError::NoLumpSum { date: d(2026, 3, 1) })
        );
        let schedule = rules.schedule(d(2026, 3, 1), true).unwrap();
        assert_eq!(
            schedule.iter().map(|s| s.level).collect::<Vec<_>>(),
            [DunningLevel::Reminder, DunningLevel::FormalNotice, DunningLevel::Handover]
        );
        assert!(!schedule[0].claims_damages && schedule[1].claims_damages);
        assert!(schedule[1].source.contains("1231-6"));
    }

    #[test]
    fn the_parameters_are_listed_with_sources() {
        let rules = FrenchDunning::load().unwrap();
        let views = rules.views(d(2025, 3, 1));
        assert_eq!(views.len(), 3);
        assert!(views.iter().all(|v| v.source.contains("http")), "{views:?}");
    }
}
