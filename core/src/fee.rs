//! The cooperative's fee on what is billed, and the guarantee fund's share of it.
//!
//! Both rates are node configuration (Smart: 6.5 % of the amount excluding VAT).

use crate::money::{Money, MoneyError, Rate, RoundingRule};

/// The fee policy of a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeePolicy {
    /// Fee rate on the amount excluding VAT.
    pub rate: Rate,
    /// Share of the fee that finances the guarantee fund.
    pub fund_share: Rate,
}

/// How an invoice's amount excluding VAT splits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeeSplit {
    /// The whole fee.
    pub fee: Money,
    /// Part of the fee credited to the guarantee fund.
    pub to_fund: Money,
    /// Part of the fee the cooperative keeps as income.
    pub to_income: Money,
    /// What remains for the activity's budget.
    pub budget: Money,
}

impl FeePolicy {
    /// Splits an amount excluding VAT. The fee is rounded half-up to the cent on
    /// the invoice total (node policy: one rounding per invoice, so the member
    /// can check it against the invoice), and so is the fund's share of it.
    pub fn split(&self, amount_excl_vat: Money) -> Result<FeeSplit, MoneyError> {
        let fee = amount_excl_vat.times_rate(self.rate, RoundingRule::HalfUp);
        let to_fund = fee.times_rate(self.fund_share, RoundingRule::HalfUp);
        Ok(FeeSplit { fee, to_fund, to_income: fee.checked_sub(to_fund)?, budget: amount_excl_vat.checked_sub(fee)? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn smart() -> FeePolicy {
        FeePolicy { rate: Rate(dec!(0.065)), fund_share: Rate(dec!(0.25)) }
    }

    #[test]
    fn a_thousand_euros_leaves_a_budget_of_935() {
        let s = smart().split(Money::from_minor(100_000, Currency::EUR)).unwrap();
        assert_eq!(s.fee, Money::from_minor(6_500, Currency::EUR));
        assert_eq!(s.budget, Money::from_minor(93_500, Currency::EUR));
        assert_eq!(s.to_fund, Money::from_minor(1_625, Currency::EUR));
        assert_eq!(s.to_income, Money::from_minor(4_875, Currency::EUR));
    }

    proptest! {
        #[test]
        fn the_split_adds_back_to_the_amount(cents in 0i64..10_000_000_000) {
            let a = Money::from_minor(cents, Currency::EUR);
            let s = smart().split(a).unwrap();
            prop_assert_eq!(s.budget.checked_add(s.to_fund).unwrap().checked_add(s.to_income).unwrap(), a);
            prop_assert!(!s.budget.is_negative() && !s.to_fund.is_negative() && !s.to_income.is_negative());
        }
    }
}
