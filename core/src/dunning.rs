//! Dunning: the reminders an overdue invoice is owed, one at a time, and late-payment interest.
//!
//! A pack gives the schedule (which steps, how long to wait before each, what each may claim) and
//! the rates; this module decides which step is due today and computes interest. Steps are taken
//! in order: the first reminder is never skipped, however late the invoice, and a step is never
//! sent twice.

use crate::calendar::Calendar;
use crate::dated::{Dated, ParameterError};
use crate::money::{Money, MoneyError, Rate, RoundingRule};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use std::sync::Arc;

/// How firm a step is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DunningLevel {
    /// A reminder that the invoice is due.
    Reminder,
    /// A formal notice (mise en demeure / ingebrekestelling), claiming damages and interest.
    FormalNotice,
    /// The file goes to a debt collector, a lawyer or a bailiff.
    Handover,
}

impl DunningLevel {
    /// Every level, firmest last.
    pub const ALL: [DunningLevel; 3] = [DunningLevel::Reminder, DunningLevel::FormalNotice, DunningLevel::Handover];

    /// The level's name, as stored, shown and used in message ids: reminder, formal_notice, handover.
    pub fn as_str(self) -> &'static str {
        match self {
            DunningLevel::Reminder => "reminder",
            DunningLevel::FormalNotice => "formal_notice",
            DunningLevel::Handover => "handover",
        }
    }

    /// The level of a name [`DunningLevel::as_str`] gives, if it is one.
    pub fn parse(name: &str) -> Option<DunningLevel> {
        DunningLevel::ALL.into_iter().find(|l| l.as_str() == name)
    }
}

/// Where an invoice's dunning stands, as advisors follow it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DunningStatus {
    /// The steps go out as the schedule makes them due (an invoice nobody acted on is active).
    Active,
    /// Stopped for now (a dispute, a payment plan).
    Paused,
    /// With a debt collector, lawyer or bailiff: nothing more is sent.
    HandedToCollection,
    /// Paid since its dunning started.
    Settled,
}

impl DunningStatus {
    /// Every status.
    pub const ALL: [DunningStatus; 4] =
        [DunningStatus::Active, DunningStatus::Paused, DunningStatus::HandedToCollection, DunningStatus::Settled];

    /// The status's name, as stored and shown: active, paused, handed_to_collection, settled.
    pub fn as_str(self) -> &'static str {
        match self {
            DunningStatus::Active => "active",
            DunningStatus::Paused => "paused",
            DunningStatus::HandedToCollection => "handed_to_collection",
            DunningStatus::Settled => "settled",
        }
    }

    /// The status of a name [`DunningStatus::as_str`] gives, if it is one.
    pub fn parse(name: &str) -> Option<DunningStatus> {
        DunningStatus::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// True when the schedule's steps go out: an active file; a paused one, one with a
    /// collector and a settled one are left alone.
    pub fn sends_steps(self) -> bool {
        self == DunningStatus::Active
    }
}

/// What an advisor does with an invoice's dunning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DunningAction {
    /// Stop the steps for now (a dispute, a payment plan), saying why.
    Pause,
    /// Start the steps again where they stopped.
    Resume,
    /// The file goes to a debt collector, lawyer or bailiff; the node sends nothing more.
    HandToCollection,
}

impl DunningAction {
    /// The status the action asks for.
    pub fn target(self) -> DunningStatus {
        match self {
            DunningAction::Pause => DunningStatus::Paused,
            DunningAction::Resume => DunningStatus::Active,
            DunningAction::HandToCollection => DunningStatus::HandedToCollection,
        }
    }
}

/// An advisor's action the dunning's status does not allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the dunning is {}: it cannot become {}", from.as_str(), to.as_str())]
pub struct DunningTransition {
    /// Where the dunning stands.
    pub from: DunningStatus,
    /// Where the action asked it to go.
    pub to: DunningStatus,
}

/// The status after an advisor's action: an active file may be paused or handed to collection,
/// a paused one resumed or handed over, one with a collector taken back (resumed); a settled
/// file is closed.
pub fn next_status(status: DunningStatus, action: DunningAction) -> Result<DunningStatus, DunningTransition> {
    use DunningAction as A;
    use DunningStatus as S;
    let allowed = match action {
        A::Pause => status == S::Active,
        A::Resume => matches!(status, S::Paused | S::HandedToCollection),
        A::HandToCollection => matches!(status, S::Active | S::Paused),
    };
    let to = action.target();
    if allowed {
        Ok(to)
    } else {
        Err(DunningTransition { from: status, to })
    }
}

/// One step of a schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DunningStep {
    /// Calendar days to wait: after the due date for the first step, else after the previous step's waiting starts.
    pub after_days: u32,
    /// Working days after a letter is posted before the wait starts (the wait after an e-mail starts the next day).
    pub postal_working_days: u32,
    /// How firm the step is.
    pub level: DunningLevel,
    /// A charge for sending this step, if the law allows one (never on a Belgian consumer's first reminder).
    pub fee: Option<Money>,
    /// Whether this step claims the lump-sum damages and the interest.
    pub claims_damages: bool,
    /// The rule or policy the step comes from.
    pub source: Arc<str>,
}

/// A step already sent for an invoice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SentStep {
    /// Which step.
    pub level: DunningLevel,
    /// The day it was sent.
    pub sent_on: NaiveDate,
    /// True for a letter, false for an e-mail.
    pub by_post: bool,
}

/// Why a dunning amount cannot be computed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DunningError {
    /// A rate or an amount missing from the pack.
    #[error(transparent)]
    Parameter(#[from] ParameterError),
    /// Currencies that do not match, or an overflow.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// An outstanding amount below zero.
    #[error("{0}: an outstanding amount cannot be negative")]
    NegativeAmount(Money),
    /// No lump sum is fixed on that date: only the contract can set one.
    #[error("no lump-sum damages are fixed by law on {date}: only the contract can set them")]
    NoLumpSum {
        /// The date asked for.
        date: NaiveDate,
    },
    /// A span whose end is before its start.
    #[error("interest from {from} to {to}: the span ends before it starts")]
    BackwardSpan {
        /// First day.
        from: NaiveDate,
        /// Last day.
        to: NaiveDate,
    },
}

/// A country's rules for overdue invoices, as its pack knows them.
pub trait DunningRules: Send + Sync {
    /// The steps an overdue invoice to a consumer (`b2c`) or a business is owed on `date`, in order.
    fn schedule(&self, date: NaiveDate, b2c: bool) -> Result<Vec<DunningStep>, ParameterError>;

    /// The yearly late-payment interest rate in force on `date`, with its source.
    fn late_interest_rate(&self, date: NaiveDate, b2c: bool) -> Result<Dated<Rate>, ParameterError>;

    /// The lump-sum damages that the step claiming them may add to `outstanding` on `date`.
    fn damages(&self, outstanding: Money, date: NaiveDate, b2c: bool) -> Result<Dated<Money>, DunningError>;
}

/// The day the step following `sent` may be sent, `after_days` after its wait starts.
fn after_sent(sent: &SentStep, step: &DunningStep, calendar: &dyn Calendar) -> Option<NaiveDate> {
    let wait_starts = if sent.by_post && step.postal_working_days > 0 {
        calendar.add_working_days(sent.sent_on, step.postal_working_days)
    } else {
        sent.sent_on.checked_add_days(Days::new(1))?
    };
    wait_starts.checked_add_days(Days::new(u64::from(step.after_days)))
}

/// The next step of `schedule` after the `done` ones, and the first day it may be sent.
pub fn next_step<'s>(
    due_date: NaiveDate,
    done: &[SentStep],
    schedule: &'s [DunningStep],
    calendar: &dyn Calendar,
) -> Option<(NaiveDate, &'s DunningStep)> {
    // Steps are counted, not matched by level, so that a schedule may repeat a level without a
    // step ever being sent twice.
    let step = schedule.get(done.len())?;
    let earliest = match done.last() {
        None => due_date.checked_add_days(Days::new(u64::from(step.after_days)))?,
        Some(previous) => after_sent(previous, step, calendar)?,
    };
    // Nothing is overdue on the due date itself.
    let earliest = earliest.max(due_date.checked_add_days(Days::new(1))?);
    Some((earliest, step))
}

/// The step owed today, if any: the one after the `done` steps, once its wait is over.
pub fn due_step(
    due_date: NaiveDate,
    today: NaiveDate,
    done: &[SentStep],
    schedule: &[DunningStep],
    calendar: &dyn Calendar,
) -> Option<DunningStep> {
    next_step(due_date, done, schedule, calendar).filter(|(earliest, _)| today >= *earliest).map(|(_, s)| s.clone())
}

/// Simple interest on `amount` at the yearly `rate` for `days` days.
///
/// Day count actual/365 (a leap year's 366th day earns 1/365 too) and one rounding, half-up to the
/// cent: the law of 2 August 2002 gives a yearly rate and neither a day count nor a rounding, and
/// these are the usual Belgian computation of "intérêts de retard".
pub fn late_interest(amount: Money, rate: Rate, days: u32) -> Result<Money, MoneyError> {
    let exact = interest_exact(amount, rate, i64::from(days))?;
    Ok(Money::rounded(exact, amount.currency(), RoundingRule::HalfUp))
}

/// amount × rate × days / 365, unrounded, refusing an overflow rather than panicking.
fn interest_exact(amount: Money, rate: Rate, days: i64) -> Result<Decimal, MoneyError> {
    amount
        .amount()
        .checked_mul(rate.value())
        .and_then(|x| x.checked_mul(Decimal::from(days)))
        .and_then(|x| x.checked_div(Decimal::from(365)))
        .ok_or(MoneyError::Overflow)
}

/// Interest on `amount` for each day from `first_day` to `last_day` included, each day at the rate
/// in force on it (rates change on 1 January and 1 July), rounded once at the end as
/// `late_interest` does.
pub fn late_interest_between(
    amount: Money,
    first_day: NaiveDate,
    last_day: NaiveDate,
    rules: &dyn DunningRules,
    b2c: bool,
) -> Result<Money, DunningError> {
    if amount.is_negative() {
        return Err(DunningError::NegativeAmount(amount));
    }
    if last_day < first_day {
        return Err(DunningError::BackwardSpan { from: first_day, to: last_day });
    }
    let mut exact = Decimal::ZERO;
    let mut day = first_day;
    while day <= last_day {
        let rate = rules.late_interest_rate(day, b2c)?;
        // One multiplication per stretch of days at one rate: up to the rate's end, the span's end, or
        // the eve of the next half-year (a rate with no end date may still have a successor).
        let eve = next_half_year(day).pred_opt().unwrap_or(NaiveDate::MAX);
        let stretch_end = rate.until.map_or(last_day, |u| u.min(last_day)).min(eve);
        let days = (stretch_end - day).num_days() + 1;
        let part = interest_exact(amount, rate.value, days)?;
        exact = exact.checked_add(part).ok_or(MoneyError::Overflow)?;
        day = match stretch_end.succ_opt() {
            Some(next) => next,
            None => break,
        };
    }
    Ok(Money::rounded(exact, amount.currency(), RoundingRule::HalfUp))
}

/// The next 1 January or 1 July after `day`.
fn next_half_year(day: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let (year, month) = if day.month() < 7 { (day.year(), 7) } else { (day.year() + 1, 1) };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn eur(s: &str) -> Money {
        Money::parse(s, Currency::EUR).unwrap()
    }

    /// Weekends only, no public holidays.
    struct Weekdays;
    impl Calendar for Weekdays {
        fn public_holidays(&self, _year: i32) -> Vec<(NaiveDate, &'static str)> {
            Vec::new()
        }
    }

    fn step(after_days: u32, postal: u32, level: DunningLevel) -> DunningStep {
        DunningStep {
            after_days,
            postal_working_days: postal,
            level,
            fee: None,
            claims_damages: level != DunningLevel::Reminder,
            source: "test".into(),
        }
    }

    fn schedule() -> Vec<DunningStep> {
        vec![
            step(1, 0, DunningLevel::Reminder),
            step(14, 3, DunningLevel::FormalNotice),
            step(30, 3, DunningLevel::Handover),
        ]
    }

    fn sent(level: DunningLevel, on: NaiveDate, by_post: bool) -> SentStep {
        SentStep { level, sent_on: on, by_post }
    }

    #[test]
    fn interest_on_1000_over_30_days() {
        // 1,000.00 × 10.5 % × 30 / 365 = 8.6301… → 8.63; at 12.5 %: 10.2739… → 10.27.
        assert_eq!(late_interest(eur("1000.00"), Rate(dec!(0.105)), 30).unwrap(), eur("8.63"));
        assert_eq!(late_interest(eur("1000.00"), Rate(dec!(0.125)), 30).unwrap(), eur("10.27"));
        assert_eq!(late_interest(eur("1000.00"), Rate(dec!(0.125)), 0).unwrap(), eur("0.00"));
        // 18.25 × 10 % × 1 / 365 = 0.005 exactly: half-up makes it a cent.
        assert_eq!(late_interest(eur("18.25"), Rate(dec!(0.10)), 1).unwrap(), eur("0.01"));
    }

    #[test]
    fn the_first_reminder_comes_first_however_late() {
        let due = d(2025, 3, 31);
        let s = schedule();
        assert_eq!(due_step(due, due, &[], &s, &Weekdays), None);
        let first = due_step(due, d(2025, 4, 1), &[], &s, &Weekdays).unwrap();
        assert_eq!(first.level, DunningLevel::Reminder);
        // A year late and nothing sent: still the reminder, not the handover.
        assert_eq!(due_step(due, d(2026, 4, 1), &[], &s, &Weekdays).unwrap().level, DunningLevel::Reminder);
    }

    #[test]
    fn the_notice_waits_14_days_from_the_third_working_day_after_posting() {
        let due = d(2025, 3, 31);
        let s = schedule();
        // Reminder posted Monday 7 April 2025: the wait starts Thursday 10 April, so the notice may go
        // on 24 April, not on 23 April.
        let done = [sent(DunningLevel::Reminder, d(2025, 4, 7), true)];
        assert_eq!(due_step(due, d(2025, 4, 23), &done, &s, &Weekdays), None);
        assert_eq!(due_step(due, d(2025, 4, 24), &done, &s, &Weekdays).unwrap().level, DunningLevel::FormalNotice);
        // By e-mail the wait starts on the next day: 8 April + 14 = 22 April.
        let done = [sent(DunningLevel::Reminder, d(2025, 4, 7), false)];
        assert_eq!(due_step(due, d(2025, 4, 21), &done, &s, &Weekdays), None);
        assert!(due_step(due, d(2025, 4, 22), &done, &s, &Weekdays).is_some());
    }

    #[test]
    fn no_step_is_owed_twice_and_the_schedule_ends() {
        let due = d(2025, 1, 31);
        let s = schedule();
        let mut done: Vec<SentStep> = Vec::new();
        let mut today = due;
        let mut levels = Vec::new();
        // Walk two years day by day, sending each step the day it becomes due.
        while today <= d(2027, 1, 31) {
            if let Some(step) = due_step(due, today, &done, &s, &Weekdays) {
                levels.push(step.level);
                done.push(sent(step.level, today, true));
            }
            today = today.succ_opt().unwrap();
        }
        assert_eq!(levels, vec![DunningLevel::Reminder, DunningLevel::FormalNotice, DunningLevel::Handover]);
        assert_eq!(due_step(due, d(2030, 1, 1), &done, &s, &Weekdays), None);
    }

    struct Rates;
    impl DunningRules for Rates {
        fn schedule(&self, _date: NaiveDate, _b2c: bool) -> Result<Vec<DunningStep>, ParameterError> {
            Ok(schedule())
        }
        fn late_interest_rate(&self, date: NaiveDate, _b2c: bool) -> Result<Dated<Rate>, ParameterError> {
            // 12.5 % until 31 December 2024 (with an end date), 11.5 % from 1 January 2025 (open-ended).
            let (value, from, until) = if date < d(2025, 1, 1) {
                (dec!(0.125), d(2024, 7, 1), Some(d(2024, 12, 31)))
            } else {
                (dec!(0.115), d(2025, 1, 1), None)
            };
            Ok(Dated { value: Rate(value), from, until, source: "test".into(), expected: false })
        }
        fn damages(&self, _o: Money, date: NaiveDate, _b2c: bool) -> Result<Dated<Money>, DunningError> {
            Ok(Dated { value: eur("40.00"), from: date, until: None, source: "test".into(), expected: false })
        }
    }

    #[test]
    fn interest_across_a_rate_change_uses_each_rate_for_its_days() {
        // 1,000.00 from 17 Dec 2024 to 15 Jan 2025: 15 days at 12.5 % and 15 days at 11.5 %:
        // 1000 × (0.125 × 15 + 0.115 × 15) / 365 = 9.8630… → 9.86.
        let i = late_interest_between(eur("1000.00"), d(2024, 12, 17), d(2025, 1, 15), &Rates, false).unwrap();
        assert_eq!(i, eur("9.86"));
        // Within one rate it equals the simple formula.
        let j = late_interest_between(eur("1000.00"), d(2025, 2, 1), d(2025, 3, 2), &Rates, false).unwrap();
        assert_eq!(j, late_interest(eur("1000.00"), Rate(dec!(0.115)), 30).unwrap());
        // A long open-ended stretch is still counted day for day.
        let k = late_interest_between(eur("1000.00"), d(2025, 1, 1), d(2025, 12, 31), &Rates, false).unwrap();
        assert_eq!(k, eur("115.00"));
        assert!(matches!(
            late_interest_between(eur("1.00"), d(2025, 2, 1), d(2025, 1, 1), &Rates, false),
            Err(DunningError::BackwardSpan { .. })
        ));
        assert!(matches!(
            late_interest_between(eur("-1.00"), d(2025, 1, 1), d(2025, 1, 2), &Rates, false),
            Err(DunningError::NegativeAmount(_))
        ));
    }

    #[test]
    fn advisors_pause_resume_and_hand_over_as_the_status_allows() {
        use DunningAction as A;
        use DunningStatus as S;
        assert_eq!(next_status(S::Active, A::Pause), Ok(S::Paused));
        assert_eq!(next_status(S::Paused, A::Resume), Ok(S::Active));
        assert_eq!(next_status(S::HandedToCollection, A::Resume), Ok(S::Active));
        assert_eq!(next_status(S::Paused, A::HandToCollection), Ok(S::HandedToCollection));
        assert_eq!(next_status(S::Active, A::Resume), Err(DunningTransition { from: S::Active, to: S::Active }));
        assert_eq!(next_status(S::Paused, A::Pause), Err(DunningTransition { from: S::Paused, to: S::Paused }));
        for action in [A::Pause, A::Resume, A::HandToCollection] {
            assert!(next_status(S::Settled, action).is_err(), "a settled file is closed");
        }
        assert!(next_status(S::HandedToCollection, A::Pause).is_err());
        assert!(S::Active.sends_steps() && !S::Paused.sends_steps() && !S::Settled.sends_steps());
        for status in S::ALL {
            assert_eq!(S::parse(status.as_str()), Some(status));
        }
        for level in DunningLevel::ALL {
            assert_eq!(DunningLevel::parse(level.as_str()), Some(level));
        }
        assert_eq!(S::parse("closed"), None);
    }
}
