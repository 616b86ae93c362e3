//! Employment contracts: per performance (a day or a few, or hours) and
//! stabilised monthly (open-ended, a steady monthly salary from the member's
//! expected yearly income, trued up at year end); a platform's hourly contracts
//! under the worker's framework enrolment. Their kinds and statuses, the
//! transitions a contract allows, and when a true-up happens.

use crate::money::{Money, MoneyError, RoundingRule};
use crate::period::Month;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;

/// The kind of a contract, stored and sent by its stable name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContractKind {
    /// For the declared days and hours only.
    PerPerformance,
    /// Open-ended, paid monthly from the expected yearly budget.
    StabilisedMonthly,
    /// Hours a partner platform posted, under the worker's enrolment.
    Hourly,
    /// A platform enrolment: the open-ended employment its hourly contracts belong to.
    Framework,
}

impl ContractKind {
    /// Every kind, in the order the API lists them.
    pub const ALL: [ContractKind; 4] =
        [ContractKind::PerPerformance, ContractKind::StabilisedMonthly, ContractKind::Hourly, ContractKind::Framework];

    /// The stable name used in storage and the API.
    pub const fn as_str(self) -> &'static str {
        match self {
            ContractKind::PerPerformance => "per_performance",
            ContractKind::StabilisedMonthly => "stabilised_monthly",
            ContractKind::Hourly => "hourly",
            ContractKind::Framework => "framework",
        }
    }

    /// Paid once for work that has ended (a payroll run pays it when it ends),
    /// rather than a monthly salary.
    pub fn paid_per_work(self) -> bool {
        matches!(self, ContractKind::PerPerformance | ContractKind::Hourly)
    }

    /// Runs until it is ended, with no last day fixed in advance.
    pub fn open_ended(self) -> bool {
        matches!(self, ContractKind::StabilisedMonthly | ContractKind::Framework)
    }
}

impl fmt::Display for ContractKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ContractKind {
    type Err = ContractError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ContractKind::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| ContractError::UnknownKind(s.into()))
    }
}

/// Where a contract stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContractStatus {
    /// Made (its hiring declaration filed); its work is to be paid.
    Active,
    /// Cancelled before its work started: never paid.
    Cancelled,
    /// An open-ended contract ended on a day: paid up to it.
    Ended,
}

impl ContractStatus {
    /// Every status, in the order the API lists them.
    pub const ALL: [ContractStatus; 3] = [ContractStatus::Active, ContractStatus::Cancelled, ContractStatus::Ended];

    /// The stable name used in storage and the API.
    pub const fn as_str(self) -> &'static str {
        match self {
            ContractStatus::Active => "active",
            ContractStatus::Cancelled => "cancelled",
            ContractStatus::Ended => "ended",
        }
    }
}

impl fmt::Display for ContractStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ContractStatus {
    type Err = ContractError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ContractStatus::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| ContractError::UnknownStatus(s.into()))
    }
}

/// What can happen to a contract once made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContractEvent {
    /// Called off before its work starts (a per-performance or stabilised contract).
    Cancel,
    /// An open-ended contract ends on a day.
    End,
    /// One day of a per-performance contract gets new hours.
    ChangeDay,
}

impl ContractEvent {
    fn action(self) -> &'static str {
        match self {
            ContractEvent::Cancel => "be cancelled on its own",
            ContractEvent::End => "be ended: it ends with its work",
            ContractEvent::ChangeDay => "have a day changed: it has no days",
        }
    }
}

/// The status after `event`, or why a contract of `kind` in `status` refuses it.
/// The status is checked first: a contract no longer active refuses everything.
pub fn next_status(
    kind: ContractKind,
    status: ContractStatus,
    event: ContractEvent,
) -> Result<ContractStatus, ContractError> {
    use ContractEvent as E;
    use ContractKind as K;
    if status != ContractStatus::Active {
        return Err(ContractError::NotActive(status));
    }
    match (kind, event) {
        (K::PerPerformance | K::StabilisedMonthly, E::Cancel) => Ok(ContractStatus::Cancelled),
        (K::StabilisedMonthly | K::Framework, E::End) => Ok(ContractStatus::Ended),
        (K::PerPerformance, E::ChangeDay) => Ok(ContractStatus::Active),
        (kind, event) => Err(ContractError::NotForKind { kind, action: event.action() }),
    }
}

/// Whether the run of `month` settles a stabilised contract's year: in
/// December, or in the month the contract ends (`end`, none while open-ended).
pub fn true_up_due(month: Month, end: Option<NaiveDate>) -> bool {
    month.number() == 12 || end.is_some_and(|end| end <= month.last_day())
}

/// Why a contract cannot go on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ContractError {
    /// No hiring declaration made before the start.
    #[error("the contract starting {start} has no hiring declaration made before it")]
    NoHiringDeclaration {
        /// The contract's start.
        start: NaiveDateTime,
    },
    /// An expected yearly budget of zero or less.
    #[error("the expected yearly budget must be positive, not {0}")]
    NoExpectedBudget(Money),
    /// Amount arithmetic.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// Not a known kind name.
    #[error("unknown contract kind '{0}'")]
    UnknownKind(String),
    /// Not a known status name.
    #[error("unknown contract status '{0}'")]
    UnknownStatus(String),
    /// The contract is no longer active.
    #[error("the contract is {0}")]
    NotActive(ContractStatus),
    /// The event does not apply to this kind of contract.
    #[error("a {kind} contract cannot {action}")]
    NotForKind {
        /// The contract's kind.
        kind: ContractKind,
        /// What was attempted.
        action: &'static str,
    },
}

/// A contract may start only once its hiring declaration exists, made before the start.
pub fn check_can_start(start: NaiveDateTime, declared_at: Option<NaiveDateTime>) -> Result<(), ContractError> {
    match declared_at {
        Some(at) if at < start => Ok(()),
        _ => Err(ContractError::NoHiringDeclaration { start }),
    }
}

/// The monthly budget of a stabilised contract: a twelfth of the expected yearly
/// budget, rounded down to the cent so that twelve months never exceed it.
pub fn monthly_budget(expected_yearly_budget: Money) -> Result<Money, ContractError> {
    if !expected_yearly_budget.is_positive() {
        return Err(ContractError::NoExpectedBudget(expected_yearly_budget));
    }
    Ok(Money::rounded(
        expected_yearly_budget.amount() / Decimal::from(12),
        expected_yearly_budget.currency(),
        RoundingRule::Truncate,
    ))
}

/// The monthly budget of a year, after what the last true-up carried into it:
/// a shortfall comes off the year's expected budget (the member repays it over
/// twelve months), a kept surplus is added to it; zero when a shortfall takes
/// the whole year.
pub fn monthly_budget_after(expected_yearly_budget: Money, last: TrueUp) -> Result<Money, ContractError> {
    let year = match last {
        TrueUp::CarryOver(shortfall) => expected_yearly_budget.checked_sub(shortfall)?,
        TrueUp::CarrySurplus(surplus) => expected_yearly_budget.checked_add(surplus)?,
        TrueUp::Pay(_) | TrueUp::Settled => expected_yearly_budget,
    };
    if !year.is_positive() {
        return Ok(Money::zero(expected_yearly_budget.currency()));
    }
    monthly_budget(year)
}

/// A month's budget for a contract running from `start` to `end` (none while
/// open-ended): whole for a month it covers entirely, else the share of the
/// month's calendar days it covers (a monthly salary counts calendar days, not
/// working days), rounded down to the cent.
pub fn month_share(
    monthly: Money,
    start: NaiveDate,
    end: Option<NaiveDate>,
    month_start: NaiveDate,
    month_end: NaiveDate,
) -> Money {
    let first = start.max(month_start);
    let last = end.map_or(month_end, |e| e.min(month_end));
    if last < first {
        return Money::zero(monthly.currency());
    }
    if first == month_start && last == month_end {
        return monthly;
    }
    let days_in_month = Decimal::from(month_end.day());
    let covered = Decimal::from(last.day() - first.day() + 1);
    Money::rounded(monthly.amount() * covered / days_in_month, monthly.currency(), RoundingRule::Truncate)
}

/// What the year-end true-up of a stabilised contract does with the difference
/// between the budget really earned and the employer cost already paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrueUp {
    /// More was earned than paid: the rest is paid as salary (a budget for a last payslip).
    Pay(Money),
    /// More was earned than paid: the rest stays in the budget and raises next year's salary.
    CarrySurplus(Money),
    /// More was paid than earned: the shortfall is carried to next year's budget.
    CarryOver(Money),
    /// Exactly what was paid.
    Settled,
}

impl TrueUp {
    /// Every outcome's stable name, as stored and sent.
    pub const NAMES: [&'static str; 4] = ["pay", "carry_surplus", "carry_over", "settled"];

    /// The outcome's stable name and its amount (zero, in `currency`, when settled).
    pub fn parts(self, currency: crate::money::Currency) -> (&'static str, Money) {
        match self {
            TrueUp::Pay(m) => ("pay", m),
            TrueUp::CarrySurplus(m) => ("carry_surplus", m),
            TrueUp::CarryOver(m) => ("carry_over", m),
            TrueUp::Settled => ("settled", Money::zero(currency)),
        }
    }

    /// The outcome of a stored name and amount; None for a name that is no outcome.
    pub fn from_parts(name: &str, amount: Money) -> Option<TrueUp> {
        match name {
            "pay" => Some(TrueUp::Pay(amount)),
            "carry_surplus" => Some(TrueUp::CarrySurplus(amount)),
            "carry_over" => Some(TrueUp::CarryOver(amount)),
            "settled" => Some(TrueUp::Settled),
            _ => None,
        }
    }
}

/// What a country lets the true-up do with a surplus. A shortfall is always
/// carried over: a wage paid is the worker's and is never taken back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SurplusRule {
    /// Paid at once, in a last payslip of the year.
    Pay,
    /// Kept in the budget for next year's salary.
    CarryOver,
}

/// A country pack's true-up policy, with the reason for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrueUpPolicy {
    /// What becomes of a surplus.
    pub surplus: SurplusRule,
    /// Why: the rule or the practice it follows.
    pub source: &'static str,
}

/// The true-up of a year: `earned` budget against the employer `costs_paid`, under `policy`.
pub fn true_up(earned: Money, costs_paid: Money, policy: TrueUpPolicy) -> Result<TrueUp, ContractError> {
    let diff = earned.checked_sub(costs_paid)?;
    Ok(if diff.is_positive() {
        match policy.surplus {
            SurplusRule::Pay => TrueUp::Pay(diff),
            SurplusRule::CarryOver => TrueUp::CarrySurplus(diff),
        }
    } else if diff.is_negative() {
        TrueUp::CarryOver(diff.negated())
    } else {
        TrueUp::Settled
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use chrono::NaiveDate;

    fn eur(minor: i64) -> Money {
        Money::from_minor(minor, Currency::EUR)
    }

    #[test]
    fn a_true_up_is_stored_by_name_and_amount_and_read_back_the_same() {
        for outcome in
            [TrueUp::Pay(eur(12_345)), TrueUp::CarrySurplus(eur(1)), TrueUp::CarryOver(eur(99)), TrueUp::Settled]
        {
            let (name, amount) = outcome.parts(Currency::EUR);
            assert!(TrueUp::NAMES.contains(&name));
            assert_eq!(TrueUp::from_parts(name, amount), Some(outcome));
        }
        assert_eq!(TrueUp::Settled.parts(Currency::EUR).1, eur(0));
        assert_eq!(TrueUp::from_parts("paid", eur(1)), None);
    }

    #[test]
    fn a_contract_needs_a_hiring_declaration_made_before_it_starts() {
        let start = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap().and_hms_opt(9, 0, 0).unwrap();
        assert!(check_can_start(start, None).is_err());
        assert!(check_can_start(start, Some(start)).is_err());
        assert!(check_can_start(start, Some(start - chrono::Duration::hours(1))).is_ok());
    }

    #[test]
    fn twelve_monthly_budgets_never_exceed_the_year() {
        let m = monthly_budget(eur(3_000_001)).unwrap();
        assert_eq!(m, eur(250_000));
        assert!(m.amount() * Decimal::from(12) <= eur(3_000_001).amount());
        assert!(monthly_budget(eur(0)).is_err());
    }

    #[test]
    fn a_carried_shortfall_is_repaid_over_the_next_twelve_months() {
        let m = |last| monthly_budget_after(eur(2_400_000), last).unwrap();
        assert_eq!(m(TrueUp::CarryOver(eur(1_278_000))), eur(93_500));
        assert_eq!(m(TrueUp::Settled), eur(200_000));
        assert_eq!(m(TrueUp::Pay(eur(500_000))), eur(200_000), "a paid surplus is gone");
        assert_eq!(m(TrueUp::CarrySurplus(eur(120_000))), eur(210_000));
        assert_eq!(m(TrueUp::CarryOver(eur(2_500_000))), eur(0));
    }

    #[test]
    fn a_contract_starting_or_ending_mid_month_gets_its_share_of_calendar_days() {
        let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let share =
            |monthly: i64, start, end, m: u32, last: u32| month_share(eur(monthly), start, end, d(m, 1), d(m, last));
        // 30 April: 1 day of 30.
        assert_eq!(share(300_000, d(4, 30), None, 4, 30), eur(10_000));
        // 16 to 31 March: 16 days of 31, 2000 × 16 / 31 = 1032.258... rounded down.
        assert_eq!(share(200_000, d(3, 16), None, 3, 31), eur(103_225));
        assert_eq!(share(200_000, d(1, 5), None, 3, 31), eur(200_000));
        assert_eq!(share(200_000, d(5, 1), None, 3, 31), eur(0));
        // Ending 30 September after a whole month: whole; ending 10 September: 10 of 30.
        assert_eq!(share(300_000, d(1, 5), Some(d(9, 30)), 9, 30), eur(300_000));
        assert_eq!(share(300_000, d(1, 5), Some(d(9, 10)), 9, 30), eur(100_000));
        assert_eq!(share(300_000, d(1, 5), Some(d(8, 31)), 9, 30), eur(0));
        // Starting the 11th and ending the 20th: 10 days of 30.
        assert_eq!(share(300_000, d(9, 11), Some(d(9, 20)), 9, 30), eur(100_000));
    }

    #[test]
    fn kinds_and_statuses_read_back_their_stored_names_and_refuse_others() {
        for k in ContractKind::ALL {
            assert_eq!(k.as_str().parse::<ContractKind>().unwrap(), k);
        }
        for s in ContractStatus::ALL {
            assert_eq!(s.as_str().parse::<ContractStatus>().unwrap(), s);
        }
        assert_eq!("monthly".parse::<ContractKind>(), Err(ContractError::UnknownKind("monthly".into())));
        assert_eq!("Active".parse::<ContractStatus>(), Err(ContractError::UnknownStatus("Active".into())));
        assert!(ContractKind::Hourly.paid_per_work() && !ContractKind::StabilisedMonthly.paid_per_work());
        assert!(ContractKind::Framework.open_ended() && !ContractKind::PerPerformance.open_ended());
    }

    #[test]
    fn an_active_contract_is_cancelled_or_ended_as_its_kind_allows_and_then_refuses_everything() {
        use ContractEvent as E;
        use ContractKind as K;
        use ContractStatus as S;
        assert_eq!(next_status(K::PerPerformance, S::Active, E::Cancel), Ok(S::Cancelled));
        assert_eq!(next_status(K::StabilisedMonthly, S::Active, E::Cancel), Ok(S::Cancelled));
        assert_eq!(next_status(K::StabilisedMonthly, S::Active, E::End), Ok(S::Ended));
        assert_eq!(next_status(K::Framework, S::Active, E::End), Ok(S::Ended));
        assert_eq!(next_status(K::PerPerformance, S::Active, E::ChangeDay), Ok(S::Active));
        for (kind, event) in [
            (K::Hourly, E::Cancel),
            (K::Framework, E::Cancel),
            (K::PerPerformance, E::End),
            (K::Hourly, E::End),
            (K::StabilisedMonthly, E::ChangeDay),
            (K::Hourly, E::ChangeDay),
        ] {
            assert!(
                matches!(next_status(kind, S::Active, event), Err(ContractError::NotForKind { kind: k, .. }) if k == kind),
                "{kind} {event:?}"
            );
        }
        for status in [S::Cancelled, S::Ended] {
            for event in [E::Cancel, E::End, E::ChangeDay] {
                assert_eq!(next_status(K::StabilisedMonthly, status, event), Err(ContractError::NotActive(status)));
            }
        }
    }

    #[test]
    fn the_year_is_trued_up_in_december_or_in_the_month_the_contract_ends() {
        let month = |m: u32| Month::new(2026, m).unwrap();
        let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert!(true_up_due(month(12), None));
        assert!(!true_up_due(month(11), None));
        assert!(!true_up_due(month(1), None));
        // Ending on the last day of September: September settles it, August does not.
        assert!(true_up_due(month(9), Some(d(9, 30))));
        assert!(!true_up_due(month(8), Some(d(9, 30))));
        // Ending on the first of October: October's run settles it.
        assert!(!true_up_due(month(9), Some(d(10, 1))));
        assert!(true_up_due(month(10), Some(d(10, 1))));
        // A month after the end (a run resumed late) still settles it.
        assert!(true_up_due(month(11), Some(d(10, 1))));
    }

    #[test]
    fn the_true_up_pays_or_keeps_a_surplus_as_the_policy_says_and_carries_a_shortfall() {
        let pay = TrueUpPolicy { surplus: SurplusRule::Pay, source: "test" };
        let keep = TrueUpPolicy { surplus: SurplusRule::CarryOver, source: "test" };
        assert_eq!(true_up(eur(3_200_000), eur(3_000_000), pay).unwrap(), TrueUp::Pay(eur(200_000)));
        assert_eq!(true_up(eur(3_200_000), eur(3_000_000), keep).unwrap(), TrueUp::CarrySurplus(eur(200_000)));
        assert_eq!(true_up(eur(2_700_000), eur(3_000_000), pay).unwrap(), TrueUp::CarryOver(eur(300_000)));
        assert_eq!(true_up(eur(2_700_000), eur(3_000_000), keep).unwrap(), TrueUp::CarryOver(eur(300_000)));
        assert_eq!(true_up(eur(100), eur(100), pay).unwrap(), TrueUp::Settled);
    }
}
