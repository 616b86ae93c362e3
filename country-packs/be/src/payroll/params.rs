//! The payroll parameters: their shapes, their files (declared once each in `parameters!`), and
//! the values in force on a date.
//!
//! A new payroll parameter is one line in the `parameters!` block below (its field, dotted name,
//! file and type) and its file under `parameters/payroll/`: the pack loads it, lists it under
//! `GET /api/v1/packs/be/parameters` and `tests/coverage.rs` checks it, with no other line.

use chrono::NaiveDate;
use partage_core::dated::{Dated, ParameterError};
use partage_pack_kit::{decimal_or_unknown, parameters, Shown};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::ops::Deref;

/// A work bonus scale (monthly, full time). Until 31 March 2024 the bonus had one
/// part; since 1 April 2024 it has a part B for the lowest wages and a part A.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum WorkBonusScale {
    /// One part, its two slopes both measured from the lowest bound L: M1 up to L;
    /// M1 − a1 × (S − L) up to I; M2 − a2 × (S − L) up to U; 0 above.
    Single {
        /// L.
        low: Decimal,
        /// I (equal to L when there is a single slope).
        kink: Decimal,
        /// U.
        high: Decimal,
        /// M1.
        amount: Decimal,
        /// a1.
        first_slope: Decimal,
        /// M2.
        second_amount: Decimal,
        /// a2.
        second_slope: Decimal,
    },
    /// Two parts: B flat up to the first bound then decreasing to zero at the
    /// second; A flat up to the second bound then decreasing to zero at the third.
    TwoParts {
        /// Part B is whole up to this reference wage.
        first_bound: Decimal,
        /// Part B reaches zero and part A starts decreasing here.
        second_bound: Decimal,
        /// Part A reaches zero here.
        third_bound: Decimal,
        /// Part B's flat amount.
        b_amount: Decimal,
        /// Part B's decrease per euro above the first bound.
        b_slope: Decimal,
        /// Part A's flat amount.
        a_amount: Decimal,
        /// Part A's decrease per euro above the second bound.
        a_slope: Decimal,
    },
}

/// Shares of the work bonus's parts that reduce the withholding tax.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FiscalShare {
    /// Share of part A.
    pub a: Decimal,
    /// Share of part B.
    pub b: Decimal,
}

/// The Annex III key formula's yearly figures.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithholdingKey {
    /// Flat professional expenses, as a share of the yearly taxable wage.
    pub expense_rate: Decimal,
    /// Their cap.
    pub expense_cap: Decimal,
    /// (upper bound, rate) of each band but the last.
    pub bands: Vec<(Decimal, Decimal)>,
    /// Rate above the last bound.
    pub top_rate: Decimal,
    /// Tax on the tax-free amount, taken off the tax.
    pub basic_reduction: Decimal,
    /// Marital quotient: share of the net wage attributed to a partner without income.
    pub marital_share: Decimal,
    /// Its cap.
    pub marital_cap: Decimal,
}

/// Monthly reductions of the withholding tax for dependants.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyReductions {
    /// For 1 to 8 dependent children.
    pub children: Vec<Decimal>,
    /// For each child beyond 8.
    pub each_more_child: Decimal,
    /// Isolated taxpayer with dependent children.
    pub isolated_parent: Decimal,
    /// Disabled taxpayer, or disabled partner.
    pub disabled: Decimal,
    /// Each other dependant.
    pub other_dependant: Decimal,
    /// Each care-dependent dependant aged 65 or more (None where no source gives it).
    #[serde(deserialize_with = "decimal_or_unknown")]
    pub dependant_over_65: Option<Decimal>,
}

/// The structural reduction's parameters of one quarter, category 1.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StructuralReduction {
    /// α: the slope below the low-wage bound.
    pub alpha: Decimal,
    /// S0: the low-wage bound, per quarter.
    pub low_wage: Decimal,
    /// γ: the slope below the very-low-wage bound.
    pub gamma: Decimal,
    /// S2: the very-low-wage bound, per quarter.
    pub very_low_wage: Decimal,
}

/// The Closing Fund's rates of a year; None where no source gives the rate.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosingFund {
    /// Basic contribution, commercial employer under 20 workers (code 809).
    #[serde(deserialize_with = "decimal_or_unknown")]
    pub commercial_small: Option<Decimal>,
    /// Basic contribution, commercial employer of 20 workers or more (code 809).
    #[serde(deserialize_with = "decimal_or_unknown")]
    pub commercial_large: Option<Decimal>,
    /// Basic contribution, non-commercial employer (code 811).
    #[serde(deserialize_with = "decimal_or_unknown")]
    pub non_commercial: Option<Decimal>,
    /// Special contribution, every employer (code 810).
    #[serde(deserialize_with = "decimal_or_unknown")]
    pub special: Option<Decimal>,
}

/// Other special employer contributions.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialContributions {
    /// Employers of 10 workers or more, wage moderation included (code 855).
    pub ten_workers: Decimal,
    /// Temporary unemployment and seniority supplement (code 859).
    pub temporary_unemployment: Decimal,
    /// Asbestos fund (code 256).
    pub asbestos: Decimal,
    /// Work accidents, special contribution (code 255).
    pub work_accidents: Decimal,
}

/// The artists' regional target-group reduction of one quarter.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArtistsReduction {
    /// G: the flat amount per quarter, before the work fraction µ and the factor β.
    pub amount: Decimal,
    /// Pg never exceeds this, per quarter and occupation, after µ and β.
    pub cap: Decimal,
    /// The quarterly reference wage from which the reduction is due (3 × the GGMMI of the
    /// quarter's first month); None where no source gives it for the quarter.
    #[serde(deserialize_with = "decimal_or_unknown")]
    pub floor: Option<Decimal>,
    /// The regions (of the place of employment) where the reduction exists in the quarter.
    pub regions: Vec<super::employer::Region>,
}

/// The special social security contribution's monthly scale.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialContributionScale {
    /// Nothing is due up to this wage.
    pub floor: Decimal,
    /// End of the first band.
    pub second: Decimal,
    /// End of the second band (single scale).
    pub third: Decimal,
    /// End of the third band (single scale).
    pub fourth: Decimal,
    /// Above this, the cap.
    pub top: Decimal,
    /// Single: rate of the first band.
    pub single_rate: Decimal,
    /// Single: flat amount of the second band.
    pub single_flat: Decimal,
    /// Single: flat amount of the third band.
    pub single_third_flat: Decimal,
    /// Single: rate of the third band.
    pub single_third_rate: Decimal,
    /// Single: flat amount of the fourth band.
    pub single_fourth_flat: Decimal,
    /// Married: rate of the first band.
    pub married_rate: Decimal,
    /// Married: flat amount above the first band.
    pub married_flat: Decimal,
    /// Rate of the 1.10 % bands.
    pub slope: Decimal,
    /// The monthly cap (single, married with one income).
    pub cap: Decimal,
    /// Two incomes: the minimum is due from this wage.
    pub two_incomes_from: Decimal,
    /// Two incomes: the minimum.
    pub two_incomes_minimum: Decimal,
    /// Two incomes: the cap.
    pub two_incomes_cap: Decimal,
}

impl Shown for WorkBonusScale {}
impl Shown for FiscalShare {}
impl Shown for WithholdingKey {}
impl Shown for FamilyReductions {}
impl Shown for SpecialContributionScale {}
impl Shown for StructuralReduction {}
impl Shown for ClosingFund {}
impl Shown for SpecialContributions {}
impl Shown for ArtistsReduction {}

fn rising_work_bonus(scale: WorkBonusScale) -> Result<WorkBonusScale, String> {
    match &scale {
        WorkBonusScale::Single { low, kink, high, .. } if !(low <= kink && kink < high) => {
            Err("bounds must rise: low <= kink < high".into())
        }
        WorkBonusScale::TwoParts { first_bound, second_bound, third_bound, .. }
            if !(first_bound < second_bound && second_bound < third_bound) =>
        {
            Err("bounds must rise: first < second < third".into())
        }
        _ => Ok(scale),
    }
}

fn rising_bands(key: WithholdingKey) -> Result<WithholdingKey, String> {
    if key.bands.windows(2).any(|w| matches!(w, [a, b] if a.0 >= b.0)) {
        return Err("band bounds must rise".into());
    }
    Ok(key)
}

fn eight_children(reductions: FamilyReductions) -> Result<FamilyReductions, String> {
    if reductions.children.len() != 8 {
        return Err("children must list the reductions for 1 to 8 children".into());
    }
    Ok(reductions)
}

parameters! {
    /// Every payroll parameter's timeline.
    pub struct PayrollParameters;
    /// Every payroll parameter's value in force on one date.
    pub struct PayrollInForce;
    /// Employee social security rate.
    employee_rate: Decimal =
        "payroll.social_security.employee_rate" in "parameters/payroll/social_security/employee_rate.toml";
    /// 108 % base of manual workers and artists.
    manual_base_factor: Decimal =
        "payroll.social_security.manual_base_factor" in "parameters/payroll/social_security/manual_base_factor.toml";
    /// Work bonus, white-collar workers.
    work_bonus_white_collar: WorkBonusScale =
        "payroll.work_bonus.white_collar" in "parameters/payroll/work_bonus/white_collar.toml", via rising_work_bonus;
    /// Work bonus, manual workers (and artists).
    work_bonus_manual: WorkBonusScale =
        "payroll.work_bonus.manual" in "parameters/payroll/work_bonus/manual.toml", via rising_work_bonus;
    /// Fiscal work bonus shares.
    fiscal_share: FiscalShare = "payroll.work_bonus.fiscal_share" in "parameters/payroll/work_bonus/fiscal_share.toml";
    /// Annex III key.
    key: WithholdingKey =
        "payroll.withholding_tax.key" in "parameters/payroll/withholding_tax/key.toml", via rising_bands;
    /// Annex III reductions.
    reductions: FamilyReductions =
        "payroll.withholding_tax.reductions" in "parameters/payroll/withholding_tax/reductions.toml", via eight_children;
    /// Special social security contribution.
    special: SpecialContributionScale =
        "payroll.special_contribution.scale" in "parameters/payroll/special_contribution/scale.toml";
    /// Employer basic contributions (wage moderation included).
    employer_rate: Decimal = "payroll.employer.basic_rate" in "parameters/payroll/employer/basic_rate.toml";
    /// Manual workers: holiday contribution, quarterly part.
    manual_holiday_quarterly: Decimal =
        "payroll.employer.manual_holiday_quarterly" in "parameters/payroll/employer/manual_holiday_quarterly.toml";
    /// Manual workers: holiday contribution, annual part.
    manual_holiday_annual: Decimal =
        "payroll.employer.manual_holiday_annual" in "parameters/payroll/employer/manual_holiday_annual.toml";
    /// White-collar workers: double holiday pay, share of a month.
    double_holiday_pay: Decimal = "payroll.employer.white_collar_double_holiday_pay"
        in "parameters/payroll/employer/white_collar_double_holiday_pay.toml";
    /// Structural reduction, category 1, per quarter.
    structural_reduction: StructuralReduction =
        "payroll.employer.structural_reduction" in "parameters/payroll/employer/structural_reduction.toml";
    /// Closing Fund rates.
    closing_fund: ClosingFund = "payroll.employer.closing_fund" in "parameters/payroll/employer/closing_fund.toml";
    /// Other special employer contributions.
    special_contributions: SpecialContributions =
        "payroll.employer.special_contributions" in "parameters/payroll/employer/special_contributions.toml";
    /// Artists' regional target-group reduction, per quarter.
    artists_reduction: ArtistsReduction =
        "payroll.employer.artists_reduction" in "parameters/payroll/employer/artists_reduction.toml";
}

impl PayrollParameters {
    /// The values in force on `date` for one worker (`manual`: manual worker or artist), for one computation.
    pub fn at(&self, date: NaiveDate, manual: bool) -> Result<Snapshot<'_>, ParameterError> {
        let all = self.in_force(date)?;
        let work_bonus = if manual { all.work_bonus_manual } else { all.work_bonus_white_collar };
        Ok(Snapshot { all, work_bonus })
    }
}

/// The values in force on one date, with the work bonus scale of the worker's kind.
#[derive(Clone, Copy, Debug)]
pub struct Snapshot<'p> {
    all: PayrollInForce<'p>,
    /// The worker's work bonus scale.
    pub work_bonus: &'p Dated<WorkBonusScale>,
}

/// Every other parameter reads as a field of the snapshot, so a new one needs no line here.
impl<'p> Deref for Snapshot<'p> {
    type Target = PayrollInForce<'p>;

    fn deref(&self) -> &PayrollInForce<'p> {
        &self.all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use partage_pack_kit::{timeline_with, ParameterFile};
    use rust_decimal_macros::dec;

    fn file(value: &str) -> ParameterFile {
        let text = format!("description = \"d\"\n[[values]]\nfrom = 2024-01-01\nsource = \"s\"\nvalue = {value}\n");
        ParameterFile { name: "payroll.work_bonus.x", path: "x.toml", text: text.leak() }
    }

    #[test]
    fn a_work_bonus_scale_is_refused_with_an_unknown_key_or_bounds_that_do_not_rise() {
        let two_parts = |third: &str, extra: &str| {
            format!(
                "{{ kind = \"two_parts\", first_bound = \"2000\", second_bound = \"2500\", third_bound = \"{third}\", \
                 b_amount = \"100\", b_slope = \"0.2\", a_amount = \"150\", a_slope = \"0.3\"{extra} }}"
            )
        };
        let ok = timeline_with(&file(&two_parts("3000", "")), rising_work_bonus).unwrap();
        assert!(
            matches!(ok.values()[0].value, WorkBonusScale::TwoParts { third_bound, .. } if third_bound == dec!(3000))
        );
        let falling = timeline_with(&file(&two_parts("2400", "")), rising_work_bonus).unwrap_err();
        assert!(falling.to_string().contains("bounds must rise"), "{falling}");
        let typo = timeline_with(&file(&two_parts("3000", ", a_slop = \"1\"")), rising_work_bonus).unwrap_err();
        assert!(typo.to_string().contains("a_slop"), "{typo}");
    }

    #[test]
    fn a_closing_fund_rate_no_source_gives_reads_as_unknown() {
        let value = "{ commercial_small = \"unknown\", commercial_large = \"0.0023\", non_commercial = \"0.0001\", \
                     special = \"0.0017\" }";
        let t = partage_pack_kit::timeline::<ClosingFund>(&file(value)).unwrap();
        let fund = &t.values()[0].value;
        assert_eq!((fund.commercial_small, fund.commercial_large), (None, Some(dec!(0.0023))));
        let bad = value.replace("\"unknown\"", "\"n/a\"");
        assert!(partage_pack_kit::timeline::<ClosingFund>(&file(&bad)).is_err());
    }
}
