//! Withholding tax (bedrijfsvoorheffing / précompte professionnel) by the key
//! formula of Annex III to the royal decree executing the Income Tax Code 1992.
//!
//! Steps (Annex III): monthly taxable × 12 → minus flat professional expenses
//! (30 %, capped) → tax by bands → minus the basic reduction → ÷ 12 → minus the
//! reductions for dependants → minus the fiscal work bonus → not below zero.
//! Annex III point 12: "all amounts are rounded at each step to the cent above or
//! below, as the thousandths reach 5 or not" (half-up).

use super::params::{FamilyReductions, WithholdingKey};
use super::r2;
use partage_core::payroll::{FamilySituation, Household};
use rust_decimal::Decimal;

/// Tax of a yearly net taxable amount by the bands, each band's tax rounded.
fn bands(key: &WithholdingKey, amount: Decimal) -> Decimal {
    let mut tax = Decimal::ZERO;
    let mut lower = Decimal::ZERO;
    for (upper, rate) in &key.bands {
        if amount <= lower {
            return tax;
        }
        tax += r2((amount.min(*upper) - lower) * rate);
        lower = *upper;
    }
    if amount > lower {
        tax += r2((amount - lower) * key.top_rate);
    }
    tax
}

/// The monthly withholding before reductions for dependants.
pub fn key_formula(key: &WithholdingKey, monthly_taxable: Decimal, situation: FamilySituation) -> Decimal {
    let yearly = r2(monthly_taxable * Decimal::from(12));
    let expenses = r2(yearly * key.expense_rate).min(key.expense_cap);
    let net = yearly - expenses;
    let tax = if situation == FamilySituation::MarriedOneIncome {
        // Marital quotient: a share of the net, capped, is taxed apart as the
        // partner's; the basic reduction is taken twice from the total.
        let quotient = r2(net * key.marital_share).min(key.marital_cap);
        bands(key, net - quotient) + bands(key, quotient) - key.basic_reduction * Decimal::TWO
    } else {
        bands(key, net) - key.basic_reduction
    };
    r2(tax.max(Decimal::ZERO) / Decimal::from(12))
}

/// The monthly reductions for dependants. A disabled child counts as two children.
/// None when the household has a dependant whose reduction no source gives for the date.
pub fn family_reductions(r: &FamilyReductions, h: &Household) -> Option<Decimal> {
    let children = h.children.saturating_add(h.disabled_children);
    let mut total = match children {
        0 => Decimal::ZERO,
        n => {
            let within = usize::try_from(n.min(8)).unwrap_or(8);
            let table = r.children.get(within - 1).copied().unwrap_or(Decimal::ZERO);
            table + r.each_more_child * Decimal::from(n.saturating_sub(8))
        }
    };
    // An isolated taxpayer (not living as a couple) with dependent children.
    if h.situation == FamilySituation::Single && children > 0 {
        total += r.isolated_parent;
    }
    if h.disabled {
        total += r.disabled;
    }
    if h.partner_disabled
        && matches!(h.situation, FamilySituation::MarriedOneIncome | FamilySituation::MarriedTwoIncomes)
    {
        total += r.disabled;
    }
    total += r.other_dependant * Decimal::from(h.other_dependants);
    if h.dependants_over_65 > 0 {
        total += r.dependant_over_65? * Decimal::from(h.dependants_over_65);
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn key_2025() -> WithholdingKey {
        WithholdingKey {
            expense_rate: dec!(0.30),
            expense_cap: dec!(5930),
            bands: vec![(dec!(16310), dec!(0.2675)), (dec!(28790), dec!(0.4280)), (dec!(49820), dec!(0.4815))],
            top_rate: dec!(0.5350),
            basic_reduction: dec!(2915.75),
            marital_share: dec!(0.30),
            marital_cap: dec!(13460),
        }
    }

    #[test]
    fn golden_single_3000_is_465_24_before_the_fiscal_bonus() {
        // golden/be/employee-2025-01.csv, cases a and c.
        assert_eq!(key_formula(&key_2025(), dec!(2658.56), FamilySituation::Single), dec!(465.24));
        assert_eq!(key_formula(&key_2025(), dec!(3042.55), FamilySituation::Single), dec!(637.57));
    }

    #[test]
    fn a_low_wage_owes_nothing() {
        assert_eq!(key_formula(&key_2025(), dec!(900), FamilySituation::Single), dec!(0));
    }

    #[test]
    fn the_marital_quotient_lowers_the_tax() {
        let single = key_formula(&key_2025(), dec!(4000), FamilySituation::Single);
        let married = key_formula(&key_2025(), dec!(4000), FamilySituation::MarriedOneIncome);
        assert!(married < single, "{married} < {single}");
    }
}
