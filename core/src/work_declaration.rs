//! A member's declaration of work: when, for whom, what, where. An advisor
//! validates it (which creates the employment contract and, before work starts,
//! the hiring declaration) or returns it with a reason.

use crate::contract::ContractKind;
use crate::money::{Money, MoneyError};
use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike};
use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;

/// One stretch of declared work on one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct WorkPeriod {
    /// The day.
    pub date: NaiveDate,
    /// Start time.
    pub start: NaiveTime,
    /// End time (same day).
    pub end: NaiveTime,
}

/// Which end of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// Its start.
    Start,
    /// Its end.
    End,
}

impl Bound {
    /// The field's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Bound::Start => "start",
            Bound::End => "end",
        }
    }
}

impl WorkPeriod {
    /// Hours really worked in `zone` (the legal zone its wall-clock times are in), as a
    /// decimal (7.5 for 7 h 30; 7 for 00:00–06:00 on the night the clocks go back).
    pub fn hours<Z: TimeZone + fmt::Display>(&self, zone: &Z) -> Result<Decimal, WorkDeclarationError> {
        Ok(minutes_as_hours(self.elapsed(zone)?.num_minutes()))
    }

    /// Real time elapsed between its start and its end in `zone`: the wall clock's
    /// difference, plus the hour the clocks go back, minus the hour they skip.
    pub fn elapsed<Z: TimeZone + fmt::Display>(&self, zone: &Z) -> Result<Duration, WorkDeclarationError> {
        let start = self.instant(Bound::Start, zone)?;
        let end = self.instant(Bound::End, zone)?;
        Ok(end.signed_duration_since(start))
    }

    /// [`Self::elapsed`] for a period already stored: one recorded before skipped and
    /// repeated times were refused counts its wall-clock difference, as it was paid then.
    pub fn elapsed_or_wall<Z: TimeZone + fmt::Display>(&self, zone: &Z) -> Duration {
        self.elapsed(zone).unwrap_or_else(|_| self.end - self.start)
    }

    /// The instant one end of the period happens in `zone`.
    ///
    /// A time the clocks skip (spring forward) does not exist and is refused. A time the
    /// clocks show twice (fall back) is refused too: hours are paid and declared to the
    /// state, and the node cannot know which of the two instants was meant; the worker
    /// declares up to the repeated stretch's first minute or from its end, or splits the
    /// period. An end at the first minute of either stretch is the instant the clocks
    /// change, which is unambiguous ("up to 02:00" when they go back from 03:00 to 02:00,
    /// or when they jump from 02:00 to 03:00).
    pub fn instant<Z: TimeZone + fmt::Display>(
        &self,
        bound: Bound,
        zone: &Z,
    ) -> Result<DateTime<Z>, WorkDeclarationError> {
        let time = match bound {
            Bound::Start => self.start,
            Bound::End => self.end,
        };
        let at = self.date.and_time(time);
        match zone.from_local_datetime(&at) {
            LocalResult::Single(t) => Ok(t),
            LocalResult::Ambiguous(first, _) => {
                let (from, to) = stretch(at, |t| matches!(zone.from_local_datetime(&t), LocalResult::Ambiguous(..)));
                if bound == Bound::End && at == from {
                    return Ok(first);
                }
                Err(WorkDeclarationError::RepeatedTime {
                    index: 0,
                    bound,
                    date: self.date,
                    time,
                    zone: zone.to_string(),
                    from: from.time(),
                    to: to.time(),
                })
            }
            LocalResult::None => {
                let (from, to) = stretch(at, |t| matches!(zone.from_local_datetime(&t), LocalResult::None));
                if bound == Bound::End && at == from {
                    // The jump's instant is the one the clocks show the gap's end at.
                    if let LocalResult::Single(t) = zone.from_local_datetime(&to) {
                        return Ok(t);
                    }
                }
                Err(WorkDeclarationError::SkippedTime {
                    index: 0,
                    bound,
                    date: self.date,
                    time,
                    zone: zone.to_string(),
                    from: from.time(),
                    to: to.time(),
                })
            }
        }
    }

    /// When it starts, on the legal wall clock. Compared with the node's legal "now":
    /// starts are never in a skipped or repeated stretch (refused when declared), so
    /// the wall clock's order is the instants' order.
    pub fn starts_at(&self) -> NaiveDateTime {
        self.date.and_time(self.start)
    }
}

/// Minutes as decimal hours (7.5 for 450).
fn minutes_as_hours(minutes: i64) -> Decimal {
    Decimal::new(minutes, 0) / Decimal::from(60)
}

/// The wall-clock stretch around `at` where `inside` holds (a daylight-saving gap or
/// fold), to the minute: its first minute and the first minute after it. Searched at
/// most a day each way; zones change their clocks at whole minutes.
fn stretch(at: NaiveDateTime, inside: impl Fn(NaiveDateTime) -> bool) -> (NaiveDateTime, NaiveDateTime) {
    let minute = Duration::minutes(1);
    let at = at.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(at);
    let mut from = at;
    let mut to = at + minute;
    for _ in 0..24 * 60 {
        if !inside(from - minute) {
            break;
        }
        from -= minute;
    }
    for _ in 0..24 * 60 {
        if !inside(to) {
            break;
        }
        to += minute;
    }
    (from, to)
}

/// A wall-clock time as people write it: 02:30, with seconds only when there are some.
fn hm(t: &NaiveTime) -> String {
    if t.second() == 0 {
        t.format("%H:%M").to_string()
    } else {
        t.format("%H:%M:%S").to_string()
    }
}

/// Where a declaration stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeclarationStatus {
    /// Sent by the member, waiting for an advisor.
    Submitted,
    /// Accepted: a contract exists.
    Validated,
    /// Sent back to the member with a reason.
    Returned,
}

impl DeclarationStatus {
    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            DeclarationStatus::Submitted => "submitted",
            DeclarationStatus::Validated => "validated",
            DeclarationStatus::Returned => "returned",
        }
    }
}

impl fmt::Display for DeclarationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DeclarationStatus {
    type Err = WorkDeclarationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [DeclarationStatus::Submitted, DeclarationStatus::Validated, DeclarationStatus::Returned]
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| WorkDeclarationError::UnknownStatus(s.into()))
    }
}

/// Why a declaration is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WorkDeclarationError {
    /// No period declared.
    #[error("declare at least one period of work")]
    NoPeriod,
    /// A period ending before it starts, or lasting more than a day allows.
    #[error("the period of {date} must end after it starts and last at most {max_hours} hours")]
    BadPeriod {
        /// The day.
        date: NaiveDate,
        /// The longest day allowed.
        max_hours: u32,
    },
    /// Two periods overlap.
    #[error("the periods of {0} overlap")]
    Overlap(NaiveDate),
    /// Work that has started cannot be declared to the state before it starts any more.
    #[error("the work of {0} has already started: the hiring declaration must precede it")]
    AlreadyStarted(NaiveDateTime),
    /// A decision on a declaration that is not waiting for one.
    #[error("a declaration that is {0} cannot be {1}")]
    NotAllowed(DeclarationStatus, &'static str),
    /// Returned without saying why.
    #[error("say why the declaration is returned")]
    NoReason,
    /// The activity's budget cannot pay the work.
    #[error("the activity's budget is {available}: it cannot pay {asked} for this work")]
    BudgetTooSmall {
        /// What the activity has: its budget and what the fund advanced on its order forms.
        available: Money,
        /// What the declaration asks.
        asked: Money,
    },
    /// Amounts in different currencies.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// A start or end the clocks skip that day (daylight saving time begins).
    #[error("{} does not exist on {date} in {zone}: clocks go from {} to {}", hm(.time), hm(.from), hm(.to))]
    SkippedTime {
        /// The period's position in what was declared.
        index: usize,
        /// Its start or its end.
        bound: Bound,
        /// The day.
        date: NaiveDate,
        /// The time given.
        time: NaiveTime,
        /// The legal zone.
        zone: String,
        /// The wall clock's last time before the jump.
        from: NaiveTime,
        /// The time it jumps to.
        to: NaiveTime,
    },
    /// A start or end the clocks show twice that day (daylight saving time ends).
    #[error(
        "{} happens twice on {date} in {zone} (clocks go back from {} to {}), and the node cannot know which \
         was worked: declare up to {} or from {}, or split the period",
        hm(.time), hm(.to), hm(.from), hm(.from), hm(.to)
    )]
    RepeatedTime {
        /// The period's position in what was declared.
        index: usize,
        /// Its start or its end.
        bound: Bound,
        /// The day.
        date: NaiveDate,
        /// The time given.
        time: NaiveTime,
        /// The legal zone.
        zone: String,
        /// The first time shown twice.
        from: NaiveTime,
        /// The first time shown once again.
        to: NaiveTime,
    },
    /// Not a known status name.
    #[error("unknown declaration status '{0}'")]
    UnknownStatus(String),
}

/// The budget check of a validation: the activity must have what the work asks,
/// counting what the fund advanced on its signed order forms (budget until
/// invoiced); exactly enough is enough. A stabilised contract is not checked: it
/// pays a salary each month whatever was invoiced, the fund advances what the
/// budget lacks and the year-end true-up settles it.
pub fn check_budget(
    kind: ContractKind,
    asked: Money,
    budget: Money,
    order_advances: Money,
) -> Result<(), WorkDeclarationError> {
    if kind == ContractKind::StabilisedMonthly {
        return Ok(());
    }
    let available = budget.checked_add(order_advances)?;
    if asked.checked_sub(available)?.is_positive() {
        return Err(WorkDeclarationError::BudgetTooSmall { available, asked });
    }
    Ok(())
}

/// Longest working day accepted in one period (the law's daily limits are lower
/// in most regimes; this only refuses typing errors).
pub const MAX_HOURS_PER_PERIOD: u32 = 14;

/// Checks the periods and sorts them: each on one day, its start and end existing
/// once in the legal `zone`, at most 14 real hours, no overlap.
pub fn check_periods<Z: TimeZone + fmt::Display>(
    periods: &mut [WorkPeriod],
    zone: &Z,
) -> Result<(), WorkDeclarationError> {
    if periods.is_empty() {
        return Err(WorkDeclarationError::NoPeriod);
    }
    // Before sorting: the error names the period by its place in what was declared.
    for (i, p) in periods.iter().enumerate() {
        p.elapsed(zone).map_err(|e| e.at(i))?;
    }
    periods.sort();
    for p in periods.iter() {
        let minutes = p.elapsed(zone)?.num_minutes();
        if p.end <= p.start || minutes <= 0 || minutes > i64::from(MAX_HOURS_PER_PERIOD) * 60 {
            return Err(WorkDeclarationError::BadPeriod { date: p.date, max_hours: MAX_HOURS_PER_PERIOD });
        }
    }
    for pair in periods.windows(2) {
        if let [a, b] = pair {
            if a.date == b.date && b.start < a.end {
                return Err(WorkDeclarationError::Overlap(a.date));
            }
        }
    }
    Ok(())
}

impl WorkDeclarationError {
    /// The same refusal, naming the period at `index` of what was declared.
    pub fn at(mut self, at: usize) -> Self {
        if let WorkDeclarationError::SkippedTime { index, .. } | WorkDeclarationError::RepeatedTime { index, .. } =
            &mut self
        {
            *index = at;
        }
        self
    }
}

/// An advisor's decision on a submitted declaration. Validation needs the work
/// not to have started (`now` is the node's clock): the hiring declaration is
/// made at validation and must precede the work.
pub fn decide(
    status: DeclarationStatus,
    validate: bool,
    reason: Option<&str>,
    first_start: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<DeclarationStatus, WorkDeclarationError> {
    if status != DeclarationStatus::Submitted {
        let action = if validate { "validated" } else { "returned" };
        return Err(WorkDeclarationError::NotAllowed(status, action));
    }
    if validate {
        if first_start <= now {
            return Err(WorkDeclarationError::AlreadyStarted(first_start));
        }
        Ok(DeclarationStatus::Validated)
    } else if reason.is_none_or(|r| r.trim().is_empty()) {
        Err(WorkDeclarationError::NoReason)
    } else {
        Ok(DeclarationStatus::Returned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(day: u32, from: (u32, u32), to: (u32, u32)) -> WorkPeriod {
        WorkPeriod {
            date: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
            start: NaiveTime::from_hms_opt(from.0, from.1, 0).unwrap(),
            end: NaiveTime::from_hms_opt(to.0, to.1, 0).unwrap(),
        }
    }

    #[test]
    fn a_declaration_status_reads_back_its_stored_name_and_refuses_others() {
        for s in [DeclarationStatus::Submitted, DeclarationStatus::Validated, DeclarationStatus::Returned] {
            assert_eq!(s.as_str().parse::<DeclarationStatus>(), Ok(s));
        }
        assert_eq!("draft".parse::<DeclarationStatus>(), Err(WorkDeclarationError::UnknownStatus("draft".into())));
    }

    #[test]
    fn a_budget_of_exactly_the_work_pays_it_and_one_cent_less_does_not() {
        use crate::money::Currency;
        let eur = |minor: i64| Money::from_minor(minor, Currency::EUR);
        let per = ContractKind::PerPerformance;
        assert_eq!(check_budget(per, eur(50_000), eur(50_000), eur(0)), Ok(()));
        assert_eq!(
            check_budget(per, eur(50_001), eur(50_000), eur(0)),
            Err(WorkDeclarationError::BudgetTooSmall { available: eur(50_000), asked: eur(50_001) })
        );
        // An order form's advance counts as budget until its invoice.
        assert_eq!(check_budget(per, eur(50_001), eur(50_000), eur(1)), Ok(()));
        assert!(check_budget(ContractKind::Hourly, eur(1), eur(0), eur(0)).is_err());
        // A stabilised contract is paid whatever was invoiced: the fund advances.
        assert_eq!(check_budget(ContractKind::StabilisedMonthly, eur(2_400_000), eur(0), eur(0)), Ok(()));
        assert!(matches!(
            check_budget(per, eur(1), eur(0), Money::from_minor(0, Currency::SEK)),
            Err(WorkDeclarationError::Money(_))
        ));
    }

    #[test]
    fn two_days_of_work_are_sorted_and_counted() {
        let mut periods = vec![p(11, (14, 0), (22, 30)), p(10, (9, 0), (17, 0))];
        check_periods(&mut periods, &chrono::Utc).unwrap();
        assert_eq!(periods[0].date.to_string(), "2026-03-10");
        assert_eq!(periods[1].hours(&chrono::Utc), Ok(Decimal::new(85, 1)));
    }

    #[test]
    fn empty_reversed_overlong_and_overlapping_periods_are_refused() {
        assert_eq!(check_periods(&mut [], &chrono::Utc), Err(WorkDeclarationError::NoPeriod));
        assert!(matches!(
            check_periods(&mut [p(10, (17, 0), (9, 0))], &chrono::Utc),
            Err(WorkDeclarationError::BadPeriod { .. })
        ));
        assert!(matches!(
            check_periods(&mut [p(10, (6, 0), (21, 0))], &chrono::Utc),
            Err(WorkDeclarationError::BadPeriod { .. })
        ));
        assert!(matches!(
            check_periods(&mut [p(10, (9, 0), (13, 0)), p(10, (12, 0), (15, 0))], &chrono::Utc),
            Err(WorkDeclarationError::Overlap(_))
        ));
        assert!(check_periods(&mut [p(10, (9, 0), (13, 0)), p(10, (13, 0), (15, 0))], &chrono::Utc).is_ok());
    }

    #[test]
    fn work_that_has_started_cannot_be_validated_but_can_be_returned() {
        let start = p(10, (9, 0), (17, 0)).starts_at();
        let before = start - chrono::Duration::minutes(1);
        assert_eq!(decide(DeclarationStatus::Submitted, true, None, start, before), Ok(DeclarationStatus::Validated));
        assert_eq!(
            decide(DeclarationStatus::Submitted, true, None, start, start),
            Err(WorkDeclarationError::AlreadyStarted(start))
        );
        assert_eq!(
            decide(DeclarationStatus::Submitted, false, Some(" "), start, start),
            Err(WorkDeclarationError::NoReason)
        );
        assert_eq!(
            decide(DeclarationStatus::Submitted, false, Some("client missing"), start, start),
            Ok(DeclarationStatus::Returned)
        );
        assert!(decide(DeclarationStatus::Validated, true, None, start, before).is_err());
    }

    fn on(date: &str, from: &str, to: &str) -> WorkPeriod {
        WorkPeriod {
            date: date.parse().unwrap(),
            start: format!("{from}:00").parse().unwrap(),
            end: format!("{to}:00").parse().unwrap(),
        }
    }

    const BRUSSELS: chrono_tz::Tz = chrono_tz::Europe::Brussels;

    #[test]
    fn a_night_the_clocks_go_back_lasts_an_hour_more_and_one_they_skip_an_hour_less() {
        assert_eq!(on("2026-10-25", "00:00", "06:00").hours(&BRUSSELS), Ok(Decimal::from(7)));
        assert_eq!(on("2026-03-29", "00:00", "06:00").hours(&BRUSSELS), Ok(Decimal::from(5)));
        assert_eq!(on("2026-10-24", "00:00", "06:00").hours(&BRUSSELS), Ok(Decimal::from(6)));
        assert_eq!(on("2026-10-25", "09:00", "17:30").hours(&BRUSSELS), Ok(Decimal::new(85, 1)));
        // Up to the first minute of the repeated or skipped stretch is the instant the clocks change.
        assert_eq!(on("2026-10-25", "00:00", "02:00").hours(&BRUSSELS), Ok(Decimal::from(2)));
        assert_eq!(on("2026-10-25", "03:00", "05:00").hours(&BRUSSELS), Ok(Decimal::from(2)));
        assert_eq!(on("2026-03-29", "00:00", "02:00").hours(&BRUSSELS), Ok(Decimal::from(2)));
        assert_eq!(on("2026-03-29", "00:00", "03:00").hours(&BRUSSELS), Ok(Decimal::from(2)));
        // A zone without daylight saving time counts the wall clock.
        assert_eq!(on("2026-10-25", "00:00", "06:00").hours(&chrono::Utc), Ok(Decimal::from(6)));
    }

    #[test]
    fn a_time_the_clocks_skip_is_refused_saying_where_they_jump() {
        let e = on("2026-03-29", "02:30", "06:00").hours(&BRUSSELS).unwrap_err();
        assert!(matches!(e, WorkDeclarationError::SkippedTime { bound: Bound::Start, .. }), "{e:?}");
        assert_eq!(
            e.to_string(),
            "02:30 does not exist on 2026-03-29 in Europe/Brussels: clocks go from 02:00 to 03:00"
        );
        let e = on("2026-03-29", "01:00", "02:59").hours(&BRUSSELS).unwrap_err();
        assert!(matches!(e, WorkDeclarationError::SkippedTime { bound: Bound::End, .. }), "{e:?}");
        // A start at the jump's first minute is no instant at all.
        assert!(on("2026-03-29", "02:00", "06:00").hours(&BRUSSELS).is_err());
    }

    #[test]
    fn a_time_the_clocks_show_twice_is_refused_saying_what_to_declare() {
        let e = on("2026-10-25", "02:30", "06:00").hours(&BRUSSELS).unwrap_err();
        assert!(matches!(e, WorkDeclarationError::RepeatedTime { bound: Bound::Start, .. }), "{e:?}");
        assert_eq!(
            e.to_string(),
            "02:30 happens twice on 2026-10-25 in Europe/Brussels (clocks go back from 03:00 to 02:00), and the \
             node cannot know which was worked: declare up to 02:00 or from 03:00, or split the period"
        );
        assert!(matches!(
            on("2026-10-25", "00:00", "02:59").hours(&BRUSSELS),
            Err(WorkDeclarationError::RepeatedTime { bound: Bound::End, .. })
        ));
        // 02:00 as a start could be either of two instants an hour apart.
        assert!(on("2026-10-25", "02:00", "06:00").hours(&BRUSSELS).is_err());
        // A stored period of before the check counts its wall clock.
        assert_eq!(on("2026-10-25", "02:30", "06:00").elapsed_or_wall(&BRUSSELS), Duration::minutes(210));
    }

    #[test]
    fn periods_are_checked_in_the_legal_zone_naming_the_one_refused() {
        let mut periods = [on("2026-10-24", "09:00", "12:00"), on("2026-03-29", "01:00", "02:30")];
        assert!(matches!(
            check_periods(&mut periods, &BRUSSELS),
            Err(WorkDeclarationError::SkippedTime { index: 1, bound: Bound::End, .. })
        ));
        // Fourteen real hours from 00:00 on the night the clocks go back end at 13:00.
        assert!(check_periods(&mut [on("2026-10-25", "00:00", "13:00")], &BRUSSELS).is_ok());
        assert!(matches!(
            check_periods(&mut [on("2026-10-25", "00:00", "13:30")], &BRUSSELS),
            Err(WorkDeclarationError::BadPeriod { .. })
        ));
        assert!(check_periods(&mut [on("2026-03-29", "00:00", "14:30")], &BRUSSELS).is_ok());
    }
}
