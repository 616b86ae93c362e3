//! A member's declaration of work: when, for whom, what, where. An advisor
//! validates it (which creates the employment contract and, before work starts,
//! the hiring declaration) or returns it with a reason.

use crate::contract::ContractKind;
use crate::money::{Money, MoneyError};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
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

impl WorkPeriod {
    /// Hours worked, as a decimal (7.5 for 7 h 30).
    pub fn hours(&self) -> Decimal {
        let minutes = (self.end - self.start).num_minutes();
        Decimal::new(minutes, 0) / Decimal::from(60)
    }

    /// When it starts.
    pub fn starts_at(&self) -> NaiveDateTime {
        self.date.and_time(self.start)
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

/// Checks the periods and sorts them: each on one day, at most 14 hours, no overlap.
pub fn check_periods(periods: &mut [WorkPeriod]) -> Result<(), WorkDeclarationError> {
    if periods.is_empty() {
        return Err(WorkDeclarationError::NoPeriod);
    }
    periods.sort();
    for p in periods.iter() {
        let minutes = (p.end - p.start).num_minutes();
        if minutes <= 0 || minutes > i64::from(MAX_HOURS_PER_PERIOD) * 60 {
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
        check_periods(&mut periods).unwrap();
        assert_eq!(periods[0].date.to_string(), "2026-03-10");
        assert_eq!(periods[1].hours(), Decimal::new(85, 1));
    }

    #[test]
    fn empty_reversed_overlong_and_overlapping_periods_are_refused() {
        assert_eq!(check_periods(&mut []), Err(WorkDeclarationError::NoPeriod));
        assert!(matches!(check_periods(&mut [p(10, (17, 0), (9, 0))]), Err(WorkDeclarationError::BadPeriod { .. })));
        assert!(matches!(check_periods(&mut [p(10, (6, 0), (21, 0))]), Err(WorkDeclarationError::BadPeriod { .. })));
        assert!(matches!(
            check_periods(&mut [p(10, (9, 0), (13, 0)), p(10, (12, 0), (15, 0))]),
            Err(WorkDeclarationError::Overlap(_))
        ));
        assert!(check_periods(&mut [p(10, (9, 0), (13, 0)), p(10, (13, 0), (15, 0))]).is_ok());
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
}
