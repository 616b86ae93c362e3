//! Special social security contribution (BBSZ/CSSS), withheld monthly by the
//! scale of the law of 28 March 2022 (in force from 1 April 2022), which depends
//! on how the household is taxed.

use super::params::SpecialContributionScale;
use super::r2;
use partage_core::payroll::FamilySituation;
use rust_decimal::Decimal;

/// The monthly contribution on the wage `w` (gross, or 108 % of it for manual workers).
pub fn monthly(s: &SpecialContributionScale, w: Decimal, situation: FamilySituation) -> Decimal {
    match situation {
        // Taxed individually: single persons and de facto cohabitants.
        FamilySituation::Single | FamilySituation::Cohabiting => {
            if w <= s.floor {
                Decimal::ZERO
            } else if w <= s.second {
                r2(s.single_rate * (w - s.floor))
            } else if w <= s.third {
                r2(s.single_flat + s.slope * (w - s.second))
            } else if w <= s.fourth {
                r2(s.single_third_flat + s.single_third_rate * (w - s.third))
            } else if w <= s.top {
                r2(s.single_fourth_flat + s.slope * (w - s.fourth))
            } else {
                s.cap
            }
        }
        FamilySituation::MarriedOneIncome => married(s, w, Decimal::ZERO, s.cap),
        FamilySituation::MarriedTwoIncomes => {
            if w < s.two_incomes_from {
                Decimal::ZERO
            } else {
                married(s, w, s.two_incomes_minimum, s.two_incomes_cap)
            }
        }
    }
}

/// Joint taxation: 5.90 % above the floor, then a flat amount plus 1.10 %, between a minimum and a cap.
fn married(s: &SpecialContributionScale, w: Decimal, minimum: Decimal, cap: Decimal) -> Decimal {
    let due = if w <= s.floor {
        Decimal::ZERO
    } else if w <= s.second {
        r2(s.married_rate * (w - s.floor))
    } else {
        r2(s.married_flat + s.slope * (w - s.second))
    };
    due.max(minimum).min(cap)
}
