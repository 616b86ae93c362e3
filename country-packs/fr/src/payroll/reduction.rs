//! The réduction générale of employer contributions (CSS art. L241-13), as in force on each date.
//!
//! Until 2025 (CSS art. D241-7 before the RGDU): "Le coefficient est déterminé par application de
//! la formule suivante : Coefficient = (T / 0,6) × (1,6 × SMIC calculé pour un an / rémunération
//! annuelle brute − 1) ... Le résultat obtenu par application de cette formule est arrondi à
//! quatre décimales, au dix-millième le plus proche."
//! From 1 January 2026 (the RGDU, Décret n° 2025-887): "Coefficient = Tmin + (Tdelta × [(1/2) ×
//! (3 × SMIC calculé pour un an / rémunération annuelle brute − 1)]^P)", nil from 3 SMIC.
//! The pack computes it monthly on the month's pay and the monthly SMIC (hourly × 1820 / 12,
//! prorated for part time), the advance URSSAF allows; the yearly regularisation is not made.

use super::contributions::Setup;
use super::params::GeneralReduction;
use super::{Performer, Regime};
use partage_core::payroll::PayrollError;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, MathematicalOps, RoundingStrategy};

/// 10^18: the fixed-point scale of the integer square roots.
const SCALE: u128 = 1_000_000_000_000_000_000;

/// The coefficient for a month's pay, rounded to four decimals.
pub fn coefficient(s: &Setup<'_>, pay: Decimal) -> Result<Decimal, PayrollError> {
    // CSS art. L241-13 does not cumulate the reduction with specific rates, bases or flat amounts of
    // contributions, such as an artist's reduced rates (the article's text was not re-read here;
    // URSSAF's modele-social makes the reduction not applicable under the artists' reduced rates).
    if pay <= Decimal::ZERO || s.regime == Regime::Performance(Performer::Artist) {
        return Ok(Decimal::ZERO);
    }
    let smic = s.monthly_smic(s.p.reduction_smic_hourly.value);
    let c = match &s.p.general_reduction.value {
        GeneralReduction::Linear { small, large, ceiling_smic, large_from_size } => {
            let t = if s.size >= *large_from_size { *large } else { *small };
            let c = t / Decimal::new(6, 1) * (*ceiling_smic * smic / pay - Decimal::ONE);
            c.max(Decimal::ZERO).min(t)
        }
        GeneralReduction::Degressive { t_min, t_delta_small, t_delta_large, power, ceiling_smic, large_from_size } => {
            if pay >= *ceiling_smic * smic {
                return Ok(Decimal::ZERO);
            }
            let t_delta = if s.size >= *large_from_size { *t_delta_large } else { *t_delta_small };
            let x = (Decimal::new(5, 1) * (*ceiling_smic * smic / pay - Decimal::ONE)).max(Decimal::ZERO);
            let c = *t_min + t_delta * pow(x, *power);
            c.min(*t_min + t_delta)
        }
    };
    Ok(c.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero))
}

/// The reduction's exact amount: the coefficient times the pay.
pub fn amount(s: &Setup<'_>, pay: Decimal) -> Result<Decimal, PayrollError> {
    Ok(coefficient(s, pay)? * pay)
}

/// x^p for x ≥ 0: 1.75 (the only power in force) as x·√x·⁴√x in integers scaled by 10^18
/// (exact to 10^-17, far beyond the four decimals kept, and no floating point); from x = 1 the
/// coefficient is at its cap anyway. Any other power through `powd`.
fn pow(x: Decimal, p: Decimal) -> Decimal {
    if x.is_zero() {
        return Decimal::ZERO;
    }
    if p == Decimal::new(175, 2) && x < Decimal::ONE {
        let Some(scaled) = (x * Decimal::from(1_000_000_000_000_000_000u64)).trunc().to_u128() else {
            return Decimal::ZERO;
        };
        let root = (scaled * SCALE).isqrt(); // √x × 10^18
        let fourth = (root * SCALE).isqrt(); // ⁴√x × 10^18
        let value = scaled * root / SCALE * fourth / SCALE;
        return i128::try_from(value).map_or(Decimal::ZERO, |v| Decimal::from_i128_with_scale(v, 18));
    }
    if p == Decimal::new(175, 2) {
        return Decimal::ONE;
    }
    x.checked_powd(p).unwrap_or_default()
}
