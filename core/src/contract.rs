//! Employment contracts: per performance (a day or a few, or hours) and
//! stabilised monthly (open-ended, a steady monthly salary from the member's
//! expected yearly income, trued up at year end).

use crate::money::{Money, MoneyError, RoundingRule};
use chrono::NaiveDateTime;
use rust_decimal::Decimal;

/// The kind of a contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContractKind {
    /// For the declared periods only.
    PerPerformance,
    /// Open-ended, paid monthly from the expected yearly budget.
    StabilisedMonthly {
        /// The budget the member expects to invoice in the year (after the fee).
        expected_yearly_budget: Money,
    },
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

/// What the year-end true-up of a stabilised contract does with the difference
/// between the budget really earned and the employer cost already paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrueUp {
    /// More was earned than paid: the rest is paid as salary (a budget for a last payslip).
    Pay(Money),
    /// More was paid than earned: the shortfall is carried to next year's budget.
    CarryOver(Money),
    /// Exactly what was paid.
    Settled,
}

/// The true-up of a year: `earned` budget against the employer `costs_paid`.
pub fn true_up(earned: Money, costs_paid: Money) -> Result<TrueUp, ContractError> {
    let diff = earned.checked_sub(costs_paid)?;
    Ok(if diff.is_positive() {
        TrueUp::Pay(diff)
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
    fn the_true_up_pays_a_surplus_and_carries_a_shortfall() {
        assert_eq!(true_up(eur(3_200_000), eur(3_000_000)).unwrap(), TrueUp::Pay(eur(200_000)));
        assert_eq!(true_up(eur(2_700_000), eur(3_000_000)).unwrap(), TrueUp::CarryOver(eur(300_000)));
        assert_eq!(true_up(eur(100), eur(100)).unwrap(), TrueUp::Settled);
    }
}
