//! Employee social security (RSZ/ONSS) and the social work bonus that reduces it.

use super::params::WorkBonusScale;
use super::r2;
use rust_decimal::Decimal;

/// "13.07 % of the gross; for manual workers and artists, of 108 % of the gross."
pub fn employee_contribution(base: Decimal, rate: Decimal) -> Decimal {
    r2(base * rate)
}

/// The work bonus's parts (A, B) for a full-time reference wage `s`, before the
/// part-time proration. A single-part bonus (until March 2024) is all part A:
/// the fiscal work bonus then takes its share of the whole.
pub fn work_bonus_parts(scale: &WorkBonusScale, s: Decimal) -> (Decimal, Decimal) {
    match scale {
        // "S ≤ L: M1; L < S ≤ I: M1 − a1 × (S − L); I < S ≤ U: M2 − a2 × (S − L); above U: 0."
        WorkBonusScale::Single { low, kink, high, amount, first_slope, second_amount, second_slope } => {
            let r = if s <= *low {
                *amount
            } else if s <= *kink {
                r2(*amount - *first_slope * (s - *low))
            } else if s <= *high {
                r2(*second_amount - *second_slope * (s - *low))
            } else {
                Decimal::ZERO
            };
            (r.max(Decimal::ZERO), Decimal::ZERO)
        }
        // "B = B flat if S ≤ first bound; B flat − slope × (S − first bound) up to the
        // second bound; 0 above. A = A flat if S ≤ second bound; A flat − slope × (S −
        // second bound) up to the third bound; 0 above."
        WorkBonusScale::TwoParts { first_bound, second_bound, third_bound, b_amount, b_slope, a_amount, a_slope } => {
            let b = if s <= *first_bound {
                *b_amount
            } else if s <= *second_bound {
                r2(*b_amount - *b_slope * (s - *first_bound))
            } else {
                Decimal::ZERO
            };
            let a = if s <= *second_bound {
                *a_amount
            } else if s <= *third_bound {
                r2(*a_amount - *a_slope * (s - *second_bound))
            } else {
                Decimal::ZERO
            };
            (a.max(Decimal::ZERO), b.max(Decimal::ZERO))
        }
    }
}

/// Part time: "P = (H/U) × R", the fraction rounded to two decimals; then the
/// total is capped at the employee contribution, cut from B first, then from A.
pub fn prorate_and_cap(a: Decimal, b: Decimal, fraction: Decimal, contribution: Decimal) -> (Decimal, Decimal) {
    let f = r2(fraction);
    let (a, b) = if f < Decimal::ONE { (r2(a * f), r2(b * f)) } else { (a, b) };
    let b = b.min(contribution);
    let a = a.min(contribution - b);
    (a, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn may_2024() -> WorkBonusScale {
        WorkBonusScale::TwoParts {
            first_bound: dec!(2132.59),
            second_bound: dec!(2723.36),
            third_bound: dec!(3207.40),
            b_amount: dec!(159.43),
            b_slope: dec!(0.2699),
            a_amount: dec!(118.22),
            a_slope: dec!(0.2442),
        }
    }

    #[test]
    fn at_3000_only_part_a_remains_50_66() {
        // golden/be/employee-2025-01.csv, case be-2025-01-a.
        assert_eq!(work_bonus_parts(&may_2024(), dec!(3000)), (dec!(50.66), dec!(0)));
    }

    #[test]
    fn both_parts_are_whole_at_the_lowest_wages_and_zero_above_the_third_bound() {
        assert_eq!(work_bonus_parts(&may_2024(), dec!(2000)), (dec!(118.22), dec!(159.43)));
        assert_eq!(work_bonus_parts(&may_2024(), dec!(3207.41)), (dec!(0), dec!(0)));
    }

    #[test]
    fn november_2023_keeps_the_official_three_cent_kink() {
        // Group S, 'werkbonus op 1 november 2023': 267.42 - 0.2579 x (S - 2,054.01) up to
        // 2,623.00, then 252.26 - 0.2313 x (S - 2,054.01): 120.68 just before, 120.65 at the kink's right.
        let nov = WorkBonusScale::Single {
            low: dec!(2054.01),
            kink: dec!(2623.00),
            high: dec!(3144.45),
            amount: dec!(267.42),
            first_slope: dec!(0.2579),
            second_amount: dec!(252.26),
            second_slope: dec!(0.2313),
        };
        assert_eq!(work_bonus_parts(&nov, dec!(2623.00)), (dec!(120.68), dec!(0)));
        assert_eq!(work_bonus_parts(&nov, dec!(2623.01)), (dec!(120.65), dec!(0)));
        assert_eq!(work_bonus_parts(&nov, dec!(1500)), (dec!(267.42), dec!(0)));
    }

    #[test]
    fn the_cap_cuts_part_b_first() {
        assert_eq!(prorate_and_cap(dec!(100), dec!(150), dec!(1), dec!(200)), (dec!(50), dec!(150)));
        assert_eq!(prorate_and_cap(dec!(100), dec!(150), dec!(0.5), dec!(1000)), (dec!(50), dec!(75)));
    }
}
