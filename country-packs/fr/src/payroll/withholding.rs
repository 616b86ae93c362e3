//! The withholding of income tax at source (prélèvement à la source, CGI art. 204 A to 204 N):
//! the personal rate the tax administration transmits, or without one the neutral rate of
//! CGI art. 204 H III, a grid on the month's taxable pay: "le taux ... est déterminé par
//! application d'une grille de taux par tranches de revenus" (the rate of the bracket the whole
//! taxable pay falls in, not a marginal scale, so the net after tax falls at each bound).

use super::params::NeutralGrid;
use super::FrenchPayroll;
use chrono::NaiveDate;
use partage_core::money::{Currency, Money, Rate};
use partage_core::payroll::{first_reaching, Employee, Household, NetThreshold};
use rust_decimal::Decimal;

/// The neutral rate of a monthly taxable pay.
pub fn neutral_rate(grid: &NeutralGrid, taxable: Decimal) -> Decimal {
    grid.brackets.iter().find(|(bound, _)| taxable < *bound).map_or(grid.top_rate, |(_, rate)| *rate)
}

/// Where the net after tax falls: the CET's start at 1 PSS, and each bound of the neutral grid,
/// as gross bands over 2023-2026 for each category, full time and half time (the conformance
/// kit's smallest fraction), a euro either side.
pub fn thresholds(payroll: &FrenchPayroll) -> Vec<NetThreshold> {
    const CET: &str = "ANI AGIRC-ARRCO du 17 novembre 2017 art. 38: the CET (0.14 % employee) is due on the whole \
                       pay up to 8 PSS once the pay exceeds 1 PSS (prorated for part time), so the net falls there";
    const GRID: &str = "CGI art. 204 H III: the neutral withholding rate is the rate of the bracket of the whole \
                        monthly taxable pay, so the net after tax falls at each bound of the grid";
    let mut out = Vec::new();
    let dates: Vec<NaiveDate> =
        [(2023, 1, 1), (2024, 1, 1), (2025, 1, 1), (2025, 5, 1), (2026, 1, 1), (2026, 6, 1), (2026, 12, 31)]
            .into_iter()
            .filter_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
            .collect();
    let params = payroll.parameters();
    let euro = |d: Decimal| Money::rounded(d, Currency::EUR, partage_core::money::RoundingRule::HalfUp);
    let (mut low, mut high) = (Decimal::MAX, Decimal::ZERO);
    for date in &dates {
        if let Ok(pss) = params.pss.at(*date) {
            low = low.min(pss.value / Decimal::TWO);
            high = high.max(pss.value);
        }
    }
    out.push(NetThreshold {
        category: "*",
        from: euro(low - Decimal::ONE),
        to: euro(high + Decimal::ONE),
        source: CET,
    });
    let employee = |category: &str, fraction: Decimal| Employee {
        category: category.into(),
        household: Household::single(),
        work_fraction: Rate(fraction),
        worked: None,
        fixed_term: None,
        withholding_rate: None,
        employer_cost_coefficient: None,
    };
    for category in super::CATEGORIES {
        for date in &dates {
            let Ok(grid) = params.neutral_grid.at(*date) else { continue };
            for (bound, _) in &grid.value.brackets {
                let target = super::cents(*bound);
                let hi = super::cents(*bound * Decimal::TWO);
                let mut crossings = Vec::new();
                for fraction in [Decimal::ONE, Decimal::new(8, 1), Decimal::new(5, 1)] {
                    let e = employee(category, fraction);
                    let taxable = |g: i64| payroll.minor(*date, g, &e, |t| t.net_taxable);
                    if let Ok(Some(g)) = first_reaching(0, hi, target, taxable) {
                        crossings.push(Decimal::new(g, 2));
                    }
                }
                if let (Some(lo), Some(up)) = (crossings.iter().min(), crossings.iter().max()) {
                    out.push(NetThreshold {
                        category,
                        from: euro(*lo - Decimal::ONE),
                        to: euro(*up + Decimal::ONE),
                        source: GRID,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_neutral_rate_is_the_rate_of_the_bracket_the_whole_pay_falls_in() {
        let grid = NeutralGrid {
            brackets: vec![(dec!(1620), dec!(0)), (dec!(1683), dec!(0.005)), (dec!(1791), dec!(0.013))],
            top_rate: dec!(0.43),
        };
        assert_eq!(neutral_rate(&grid, dec!(1619.99)), dec!(0));
        assert_eq!(neutral_rate(&grid, dec!(1620)), dec!(0.005));
        assert_eq!(neutral_rate(&grid, dec!(1700)), dec!(0.013));
        assert_eq!(neutral_rate(&grid, dec!(1791)), dec!(0.43));
    }
}
