//! Belgian dunning: consumers under Book XIX of the Code of Economic Law, businesses under the law
//! of 2 August 2002 on late payment in commercial transactions.
//!
//! Book XIX "Dettes du consommateur / Schulden van de consument" (law of 4 May 2023, in force
//! 1 September 2023, for every debt from 1 December 2023): a free first reminder, then at least
//! fourteen calendar days before any damages or interest, damages capped by a scale of the balance
//! (`parameters/dunning/consumer_damages.toml`) and interest capped at the rate of the 2002 law.
//!
//! Between businesses (law of 2 August 2002, art. 5 and 6): from the day after the due date,
//! without notice, interest at the half-yearly rate (`late_payment_interest.toml`) and a fixed
//! 40 EUR for recovery costs (`recovery_compensation.toml`). The law sets no reminder; the
//! business schedule below is the cooperative's policy.

use chrono::{Days, NaiveDate};
use partage_core::calendar::Calendar;
use partage_core::dated::{Dated, ParameterError, Timeline};
use partage_core::dunning::{DunningError, DunningLevel, DunningRules, DunningStep, SentStep};
use partage_core::money::{Currency, Money, Rate, RoundingRule};
use partage_pack_kit::{parameters, rate, Declared, ParameterSet, Shown};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::sync::Arc;

parameters! {
    /// The dunning parameters' timelines.
    pub struct DunningParameters;
    /// The dunning parameters in force on one date.
    pub struct DunningInForce;
    /// The late-payment interest rate of the law of 2 August 2002, half-year by half-year.
    late_interest: Rate = "dunning.late_payment_interest" in "parameters/dunning/late_payment_interest.toml", via rate;
    /// The businesses' fixed recovery compensation.
    recovery: Money = "dunning.recovery_compensation" in "parameters/dunning/recovery_compensation.toml", via euros;
    /// The consumer damages scale.
    consumer_damages: ConsumerDamagesScale =
        "dunning.consumer_damages" in "parameters/dunning/consumer_damages.toml", via rising_bounds;
}

/// Art. XIX.2 §1: "cette clause ne peut s'appliquer qu'après l'envoi d'une mise en demeure qui prend
/// la forme d'un premier rappel et après l'écoulement d'un délai d'au moins quatorze jours
/// calendrier, qui prend cours le troisième jour ouvrable qui suit celui où le rappel est envoyé au
/// consommateur. Lorsque le rappel est envoyé par la voie électronique, le délai de quatorze jours
/// calendrier prend cours le jour calendrier qui suit celui où le rappel est envoyé" (quoted by
/// latribune.avocats.be). "Aucun frais ne peut être facturé au consommateur pour le premier rappel".
const BOOK_XIX: &str = "Code of Economic Law, Book XIX (law of 4 May 2023, Moniteur belge 23 May 2023), art. XIX.2 §1: \
free first reminder, then at least 14 calendar days from the 3rd working day after posting (the next day after an \
e-mail) before damages or interest (https://latribune.avocats.be/fr/breve-analyse-de-la-loi-relative-au-recouvrement-amiable)";
const CONSUMER_GRACE_DAYS: u32 = 14;
/// "Jour ouvrable" in Belgian law excludes only Sundays and public holidays; the pack's calendar
/// also skips Saturdays, which waits a day longer at most and never shorter than the law.
const CONSUMER_POSTAL_WORKING_DAYS: u32 = 3;
const HANDOVER_POLICY: &str = "Partage policy, not law: the file goes to a registered debt collector, lawyer or \
bailiff 30 days after the formal notice's wait starts";
const BUSINESS_POLICY: &str = "Partage policy, not law: the law of 2 August 2002 (art. 5, 6) makes interest and \
the 40 EUR compensation due without notice from the day after the due date; the cooperative first sends a \
reminder, then a formal notice 14 days later";

/// The Book XIX ceiling on lump-sum damages, by the consumer's outstanding balance.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ConsumerDamagesScale {
    /// No statutory ceiling: the contract decides (before Book XIX). Braced, so that a file giving it
    /// a bound or a rate is refused rather than read as no ceiling.
    None {},
    /// Book XIX: a flat amount up to the first bound, then two flat amounts plus a share of the
    /// part of the balance above the previous bound, and a cap.
    BookXix {
        /// 150.00.
        first_bound: Decimal,
        /// 20.00, up to the first bound.
        first_flat: Decimal,
        /// 500.00.
        second_bound: Decimal,
        /// 30.00, between the bounds.
        second_flat: Decimal,
        /// 10 % of the part above the first bound.
        second_rate: Decimal,
        /// 65.00, above the second bound.
        third_flat: Decimal,
        /// 5 % of the part above the second bound.
        third_rate: Decimal,
        /// 2,000.00 at most.
        cap: Decimal,
    },
}

impl ConsumerDamagesScale {
    /// The most that may be claimed on `balance`, rounded down to the cent (a ceiling that rounds
    /// up would let the claim exceed the law); None when no statutory scale applies.
    pub fn ceiling(&self, balance: Decimal) -> Option<Decimal> {
        let ConsumerDamagesScale::BookXix {
            first_bound,
            first_flat,
            second_bound,
            second_flat,
            second_rate,
            third_flat,
            third_rate,
            cap,
        } = self
        else {
            return None;
        };
        let exact = if balance <= *first_bound {
            *first_flat
        } else if balance <= *second_bound {
            *second_flat + *second_rate * (balance - *first_bound)
        } else {
            *third_flat + *third_rate * (balance - *second_bound)
        };
        Some(exact.min(*cap).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero))
    }
}

impl Shown for ConsumerDamagesScale {}

fn rising_bounds(scale: ConsumerDamagesScale) -> Result<ConsumerDamagesScale, String> {
    match &scale {
        ConsumerDamagesScale::BookXix { first_bound, second_bound, .. } if first_bound >= second_bound => {
            Err("bounds must rise: first_bound < second_bound".into())
        }
        _ => Ok(scale),
    }
}

fn euros(amount: Decimal) -> Result<Money, String> {
    Money::new(amount, Currency::EUR).map_err(|e| e.to_string())
}

/// The Belgian dunning rules.
#[derive(Clone, Debug)]
pub struct BelgianDunning {
    params: DunningParameters,
}

impl BelgianDunning {
    /// Loads the dunning parameters embedded in the pack.
    pub fn load() -> Result<BelgianDunning, ParameterError> {
        Ok(BelgianDunning { params: DunningParameters::load()? })
    }

    /// The late-payment interest rates, half-year by half-year.
    pub fn late_interest(&self) -> &Timeline<Rate> {
        &self.params.late_interest
    }

    /// The businesses' fixed recovery compensation's timeline.
    pub fn recovery(&self) -> &Timeline<Money> {
        &self.params.recovery
    }

    /// The consumer damages scale's timeline.
    pub fn consumer_damages(&self) -> &Timeline<ConsumerDamagesScale> {
        &self.params.consumer_damages
    }
}

/// The dunning parameters, listed and covered like every declared parameter.
impl ParameterSet for BelgianDunning {
    fn declared(&self) -> Vec<Declared<'_>> {
        self.params.declared()
    }
}

fn step(after_days: u32, postal: u32, level: DunningLevel, claims_damages: bool, source: &str) -> DunningStep {
    DunningStep { after_days, postal_working_days: postal, level, fee: None, claims_damages, source: Arc::from(source) }
}

impl DunningRules for BelgianDunning {
    fn schedule(&self, _date: NaiveDate, b2c: bool) -> Result<Vec<DunningStep>, ParameterError> {
        // Book XIX's stricter consumer schedule is applied to every date: sending a free reminder and
        // waiting before claiming was allowed before it too.
        Ok(if b2c {
            vec![
                step(1, 0, DunningLevel::Reminder, false, BOOK_XIX),
                step(CONSUMER_GRACE_DAYS, CONSUMER_POSTAL_WORKING_DAYS, DunningLevel::FormalNotice, true, BOOK_XIX),
                step(30, CONSUMER_POSTAL_WORKING_DAYS, DunningLevel::Handover, false, HANDOVER_POLICY),
            ]
        } else {
            vec![
                step(1, 0, DunningLevel::Reminder, false, BUSINESS_POLICY),
                step(14, 0, DunningLevel::FormalNotice, true, BUSINESS_POLICY),
                step(30, 0, DunningLevel::Handover, false, HANDOVER_POLICY),
            ]
        })
    }

    fn late_interest_rate(&self, date: NaiveDate, _b2c: bool) -> Result<Dated<Rate>, ParameterError> {
        // One rate for both: the 2002 law's rate between businesses, its ceiling for consumers.
        self.params.late_interest.at(date).cloned()
    }

    fn damages(&self, outstanding: Money, date: NaiveDate, b2c: bool) -> Result<Dated<Money>, DunningError> {
        if outstanding.is_negative() {
            return Err(DunningError::NegativeAmount(outstanding));
        }
        if !b2c {
            return Ok(self.params.recovery.at(date)?.clone());
        }
        let scale = self.params.consumer_damages.at(date)?;
        let ceiling = scale.value.ceiling(outstanding.amount()).ok_or(DunningError::NoLumpSum { date })?;
        Ok(Dated {
            value: Money::rounded(ceiling, outstanding.currency(), RoundingRule::Truncate),
            from: scale.from,
            until: scale.until,
            source: scale.source.clone(),
            expected: scale.expected,
        })
    }
}

/// The first day of a consumer's late interest after the first reminder `sent`: the day after the
/// reminder for an SME creditor, the day after the fourteen-day wait otherwise (Book XIX: "l'entreprise
/// qui est une PME peut alors décider de faire courir l'intérêt de retard à dater du jour calendrier
/// qui suit celui où le rappel est envoyé", sybarius.net).
pub fn consumer_interest_starts(sent: &SentStep, sme: bool, calendar: &dyn Calendar) -> Option<NaiveDate> {
    if sme {
        return sent.sent_on.checked_add_days(Days::new(1));
    }
    let wait_starts = if sent.by_post {
        calendar.add_working_days(sent.sent_on, CONSUMER_POSTAL_WORKING_DAYS)
    } else {
        sent.sent_on.checked_add_days(Days::new(1))?
    };
    wait_starts.checked_add_days(Days::new(u64::from(CONSUMER_GRACE_DAYS)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::BelgianCalendar;
    use partage_core::dunning::{due_step, late_interest, late_interest_between};
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn eur(s: &str) -> Money {
        Money::parse(s, Currency::EUR).unwrap()
    }

    fn consumer_damages(balance: &str, date: NaiveDate) -> Result<Money, DunningError> {
        BelgianDunning::load().unwrap().damages(eur(balance), date, true).map(|d| d.value)
    }

    /// Book XIX's scale: 20 € up to 150 €; 30 € + 10 % of the part between 150.01 and 500 €;
    /// 65 € + 5 % of the part above 500 €; 2,000 € at most.
    #[test]
    fn consumer_damages_follow_the_book_xix_scale() {
        let day = d(2025, 6, 1);
        for (balance, damages) in [
            ("100.00", "20.00"),
            ("150.00", "20.00"),
            ("150.01", "30.00"),
            ("400.00", "55.00"),
            ("500.00", "65.00"),
            ("1000.00", "90.00"),
            ("39200.00", "2000.00"),
            ("50000.00", "2000.00"),
        ] {
            assert_eq!(consumer_damages(balance, day).unwrap(), eur(damages), "balance {balance}");
        }
        // 150.05 → 30.005: a ceiling rounds down.
        assert_eq!(consumer_damages("150.05", day).unwrap(), eur("30.00"));
    }

    #[test]
    fn no_statutory_scale_before_book_xix() {
        assert_eq!(consumer_damages("400.00", d(2023, 8, 31)), Err(DunningError::NoLumpSum { date: d(2023, 8, 31) }));
        assert_eq!(consumer_damages("400.00", d(2023, 9, 1)).unwrap(), eur("55.00"));
    }

    #[test]
    fn businesses_owe_40_euros_and_the_half_yearly_rate() {
        let rules = BelgianDunning::load().unwrap();
        assert_eq!(rules.damages(eur("5000.00"), d(2024, 3, 1), false).unwrap().value, eur("40.00"));
        for (day, rate) in [
            (d(2023, 3, 1), dec!(0.105)),
            (d(2023, 9, 1), dec!(0.12)),
            (d(2024, 3, 1), dec!(0.125)),
            (d(2024, 9, 1), dec!(0.125)),
            (d(2025, 3, 1), dec!(0.115)),
            (d(2025, 9, 1), dec!(0.105)),
            (d(2026, 3, 1), dec!(0.105)),
        ] {
            assert_eq!(rules.late_interest_rate(day, false).unwrap().value, Rate(rate), "{day}");
        }
        // 1,000.00 over 30 days in the first half of 2025 at 11.5 %: 9.4520… → 9.45.
        let rate = rules.late_interest_rate(d(2025, 3, 1), false).unwrap().value;
        assert_eq!(late_interest(eur("1000.00"), rate, 30).unwrap(), eur("9.45"));
        // Across 1 July 2025: 15 days at 11.5 % + 15 days at 10.5 % = 9.04109… → 9.04.
        let across = late_interest_between(eur("1000.00"), d(2025, 6, 16), d(2025, 7, 15), &rules, false).unwrap();
        assert_eq!(across, eur("9.04"));
    }

    #[test]
    fn a_consumer_gets_a_free_reminder_then_14_days() {
        let rules = BelgianDunning::load().unwrap();
        let schedule = rules.schedule(d(2025, 12, 1), true).unwrap();
        let first = &schedule[0];
        assert_eq!((first.level, first.fee, first.claims_damages), (DunningLevel::Reminder, None, false));
        let cal = BelgianCalendar::new();
        let due = d(2025, 12, 10);
        assert_eq!(due_step(due, d(2025, 12, 11), &[], &schedule, &cal).unwrap().level, DunningLevel::Reminder);
        // Posted Monday 22 December 2025: working days Tue 23, Wed 24, (Christmas), Fri 26: the
        // fourteen days start on 26 December, so the formal notice may go on 9 January 2026.
        let done = [SentStep { level: DunningLevel::Reminder, sent_on: d(2025, 12, 22), by_post: true }];
        assert_eq!(due_step(due, d(2026, 1, 8), &done, &schedule, &cal), None);
        let notice = due_step(due, d(2026, 1, 9), &done, &schedule, &cal).unwrap();
        assert_eq!((notice.level, notice.claims_damages), (DunningLevel::FormalNotice, true));
        assert!(notice.source.contains("XIX.2"));
        // Interest: from the day after the reminder for an SME, after the wait otherwise.
        assert_eq!(consumer_interest_starts(&done[0], true, &cal), Some(d(2025, 12, 23)));
        assert_eq!(consumer_interest_starts(&done[0], false, &cal), Some(d(2026, 1, 9)));
    }

    #[test]
    fn a_damages_scale_is_refused_with_a_key_it_does_not_have_or_bounds_that_do_not_rise() {
        let file = |value: &str| {
            let text = format!("description = \"d\"\n[[values]]\nfrom = 2024-01-01\nsource = \"s\"\nvalue = {value}\n");
            partage_pack_kit::ParameterFile { name: "dunning.consumer_damages", path: "x.toml", text: text.leak() }
        };
        let read = |value: &str| partage_pack_kit::timeline_with(&file(value), rising_bounds);
        let none = read("{ kind = \"none\" }").unwrap();
        assert_eq!(none.values()[0].value, ConsumerDamagesScale::None {});
        assert_eq!(format!("{:?}", none.values()[0].value), "None", "the listing shows it as before");
        assert!(read("{ kind = \"none\", cap = \"2000.00\" }").is_err(), "`none` takes no other key");
        assert!(read("{ kind = \"other\" }").is_err());
        let scale = |first: &str| {
            format!(
                "{{ kind = \"book_xix\", first_bound = \"{first}\", first_flat = \"20.00\", second_bound = \"500.00\", \
                 second_flat = \"30.00\", second_rate = \"0.10\", third_flat = \"65.00\", third_rate = \"0.05\", \
                 cap = \"2000.00\" }}"
            )
        };
        assert!(read(&scale("150.00")).is_ok());
        let err = read(&scale("600.00")).unwrap_err();
        assert!(err.to_string().contains("bounds must rise"), "{err}");
    }

    #[test]
    fn the_parameters_are_listed_with_sources() {
        let rules = BelgianDunning::load().unwrap();
        let views = rules.views(d(2025, 3, 1));
        let names: Vec<(&str, &str)> = views.iter().map(|v| (v.name.as_str(), v.value.as_str())).collect();
        assert_eq!(
            names[..2],
            [("dunning.late_payment_interest", "0.115"), ("dunning.recovery_compensation", "40.00")]
        );
        assert_eq!(names[2].0, "dunning.consumer_damages");
        assert!(views.iter().all(|v| v.source.contains("http")));
    }
}
