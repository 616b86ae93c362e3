//! The payroll parameters: their files, their shapes, and the values in force on a date.

use crate::parameters::{decimal, timeline, ParameterFile};
use chrono::NaiveDate;
use partage_core::dated::{Dated, ParameterError, Timeline};
use partage_core::pack::ParameterView;
use rust_decimal::Decimal;
use serde::Deserialize;

macro_rules! file {
    ($name:literal, $path:literal) => {
        ParameterFile {
            name: $name,
            path: concat!("parameters/payroll/", $path),
            text: include_str!(concat!("../../parameters/payroll/", $path)),
        }
    };
}

/// A work bonus scale (monthly, full time). Until 31 March 2024 the bonus had one
/// part; since 1 April 2024 it has a part B for the lowest wages and a part A.
#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Debug, PartialEq)]
pub struct FiscalShare {
    /// Share of part A.
    pub a: Decimal,
    /// Share of part B.
    pub b: Decimal,
}

/// The Annex III key formula's yearly figures.
#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Debug, PartialEq)]
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
    pub dependant_over_65: Option<Decimal>,
}

/// The structural reduction's parameters of one quarter, category 1.
#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Debug, PartialEq)]
pub struct ClosingFund {
    /// Basic contribution, commercial employer under 20 workers (code 809).
    pub commercial_small: Option<Decimal>,
    /// Basic contribution, commercial employer of 20 workers or more (code 809).
    pub commercial_large: Option<Decimal>,
    /// Basic contribution, non-commercial employer (code 811).
    pub non_commercial: Option<Decimal>,
    /// Special contribution, every employer (code 810).
    pub special: Option<Decimal>,
}

/// Other special employer contributions.
#[derive(Clone, Debug, PartialEq)]
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

fn maybe(table: &toml::Table, key: &str) -> Result<Option<Decimal>, String> {
    match table.get(key) {
        Some(toml::Value::String(s)) if s == "unknown" => Ok(None),
        _ => get(table, key).map(Some),
    }
}

/// The special social security contribution's monthly scale.
#[derive(Clone, Debug, PartialEq)]
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

fn get(table: &toml::Table, key: &str) -> Result<Decimal, String> {
    match table.get(key) {
        Some(toml::Value::String(s)) => decimal(s),
        Some(other) => Err(format!("{key} = {other} must be a decimal written as a string")),
        None => Err(format!("{key} is missing")),
    }
}

fn only(table: &toml::Table, keys: &[&str]) -> Result<(), String> {
    match table.keys().find(|k| !keys.contains(&k.as_str())) {
        Some(k) => Err(format!("unknown key {k} (expected {})", keys.join(", "))),
        None => Ok(()),
    }
}

fn strings(table: &toml::Table, key: &str) -> Result<Vec<Decimal>, String> {
    match table.get(key) {
        Some(toml::Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().ok_or_else(|| format!("{key} must hold strings")).and_then(decimal))
            .collect(),
        _ => Err(format!("{key} must be an array of decimal strings")),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKey {
    expense_rate: String,
    expense_cap: String,
    bands: Vec<[String; 2]>,
    top_rate: String,
    basic_reduction: String,
    marital_share: String,
    marital_cap: String,
}

/// Every payroll parameter's timeline.
#[derive(Clone, Debug)]
pub struct PayrollParameters {
    /// Employee social security rate.
    pub employee_rate: Timeline<Decimal>,
    /// 108 % base of manual workers and artists.
    pub manual_base_factor: Timeline<Decimal>,
    /// Work bonus, white-collar workers.
    pub work_bonus_white_collar: Timeline<WorkBonusScale>,
    /// Work bonus, manual workers (and artists).
    pub work_bonus_manual: Timeline<WorkBonusScale>,
    /// Fiscal work bonus shares.
    pub fiscal_share: Timeline<FiscalShare>,
    /// Annex III key.
    pub withholding_key: Timeline<WithholdingKey>,
    /// Annex III reductions.
    pub reductions: Timeline<FamilyReductions>,
    /// Special social security contribution.
    pub special_contribution: Timeline<SpecialContributionScale>,
    /// Employer basic contributions (wage moderation included).
    pub employer_rate: Timeline<Decimal>,
    /// Manual workers: holiday contribution, quarterly part.
    pub manual_holiday_quarterly: Timeline<Decimal>,
    /// Manual workers: holiday contribution, annual part.
    pub manual_holiday_annual: Timeline<Decimal>,
    /// White-collar workers: double holiday pay, share of a month.
    pub double_holiday_pay: Timeline<Decimal>,
    /// Structural reduction, category 1, per quarter.
    pub structural_reduction: Timeline<StructuralReduction>,
    /// Closing Fund rates.
    pub closing_fund: Timeline<ClosingFund>,
    /// Other special employer contributions.
    pub special_contributions: Timeline<SpecialContributions>,
}

fn scalar(file: &ParameterFile) -> Result<Timeline<Decimal>, ParameterError> {
    timeline(file, |s: String| decimal(&s))
}

fn work_bonus(file: &ParameterFile) -> Result<Timeline<WorkBonusScale>, ParameterError> {
    timeline(file, |t: toml::Table| match t.get("kind").and_then(toml::Value::as_str) {
        Some("single") => {
            only(&t, &["kind", "low", "kink", "high", "amount", "first_slope", "second_amount", "second_slope"])?;
            let s = WorkBonusScale::Single {
                low: get(&t, "low")?,
                kink: get(&t, "kink")?,
                high: get(&t, "high")?,
                amount: get(&t, "amount")?,
                first_slope: get(&t, "first_slope")?,
                second_amount: get(&t, "second_amount")?,
                second_slope: get(&t, "second_slope")?,
            };
            if let WorkBonusScale::Single { low, kink, high, .. } = &s {
                if !(low <= kink && kink < high) {
                    return Err("bounds must rise: low <= kink < high".into());
                }
            }
            Ok(s)
        }
        Some("two_parts") => {
            only(
                &t,
                &["kind", "first_bound", "second_bound", "third_bound", "b_amount", "b_slope", "a_amount", "a_slope"],
            )?;
            let (first, second, third) = (get(&t, "first_bound")?, get(&t, "second_bound")?, get(&t, "third_bound")?);
            if !(first < second && second < third) {
                return Err("bounds must rise: first < second < third".into());
            }
            Ok(WorkBonusScale::TwoParts {
                first_bound: first,
                second_bound: second,
                third_bound: third,
                b_amount: get(&t, "b_amount")?,
                b_slope: get(&t, "b_slope")?,
                a_amount: get(&t, "a_amount")?,
                a_slope: get(&t, "a_slope")?,
            })
        }
        _ => Err("kind must be \"single\" or \"two_parts\"".into()),
    })
}

impl PayrollParameters {
    /// Loads every payroll parameter file embedded in the pack.
    pub fn load() -> Result<PayrollParameters, ParameterError> {
        Ok(PayrollParameters {
            employee_rate: scalar(&file!(
                "payroll.social_security.employee_rate",
                "social_security/employee_rate.toml"
            ))?,
            manual_base_factor: scalar(&file!(
                "payroll.social_security.manual_base_factor",
                "social_security/manual_base_factor.toml"
            ))?,
            work_bonus_white_collar: work_bonus(&file!(
                "payroll.work_bonus.white_collar",
                "work_bonus/white_collar.toml"
            ))?,
            work_bonus_manual: work_bonus(&file!("payroll.work_bonus.manual", "work_bonus/manual.toml"))?,
            fiscal_share: timeline(
                &file!("payroll.work_bonus.fiscal_share", "work_bonus/fiscal_share.toml"),
                |t: toml::Table| {
                    only(&t, &["a", "b"])?;
                    Ok(FiscalShare { a: get(&t, "a")?, b: get(&t, "b")? })
                },
            )?,
            withholding_key: timeline(
                &file!("payroll.withholding_tax.key", "withholding_tax/key.toml"),
                |r: RawKey| {
                    let bands = r
                        .bands
                        .iter()
                        .map(|[upto, rate]| Ok((decimal(upto)?, decimal(rate)?)))
                        .collect::<Result<Vec<_>, String>>()?;
                    if bands.windows(2).any(|w| matches!(w, [a, b] if a.0 >= b.0)) {
                        return Err("band bounds must rise".into());
                    }
                    Ok(WithholdingKey {
                        expense_rate: decimal(&r.expense_rate)?,
                        expense_cap: decimal(&r.expense_cap)?,
                        bands,
                        top_rate: decimal(&r.top_rate)?,
                        basic_reduction: decimal(&r.basic_reduction)?,
                        marital_share: decimal(&r.marital_share)?,
                        marital_cap: decimal(&r.marital_cap)?,
                    })
                },
            )?,
            reductions: timeline(
                &file!("payroll.withholding_tax.reductions", "withholding_tax/reductions.toml"),
                |t: toml::Table| {
                    only(
                        &t,
                        &[
                            "children",
                            "each_more_child",
                            "isolated_parent",
                            "disabled",
                            "other_dependant",
                            "dependant_over_65",
                        ],
                    )?;
                    let children = strings(&t, "children")?;
                    if children.len() != 8 {
                        return Err("children must list the reductions for 1 to 8 children".into());
                    }
                    Ok(FamilyReductions {
                        children,
                        each_more_child: get(&t, "each_more_child")?,
                        isolated_parent: get(&t, "isolated_parent")?,
                        disabled: get(&t, "disabled")?,
                        other_dependant: get(&t, "other_dependant")?,
                        dependant_over_65: match t.get("dependant_over_65") {
                            Some(toml::Value::String(s)) if s == "unknown" => None,
                            _ => Some(get(&t, "dependant_over_65")?),
                        },
                    })
                },
            )?,
            special_contribution: timeline(
                &file!("payroll.special_contribution.scale", "special_contribution/scale.toml"),
                |t: toml::Table| {
                    Ok(SpecialContributionScale {
                        floor: get(&t, "floor")?,
                        second: get(&t, "second")?,
                        third: get(&t, "third")?,
                        fourth: get(&t, "fourth")?,
                        top: get(&t, "top")?,
                        single_rate: get(&t, "single_rate")?,
                        single_flat: get(&t, "single_flat")?,
                        single_third_flat: get(&t, "single_third_flat")?,
                        single_third_rate: get(&t, "single_third_rate")?,
                        single_fourth_flat: get(&t, "single_fourth_flat")?,
                        married_rate: get(&t, "married_rate")?,
                        married_flat: get(&t, "married_flat")?,
                        slope: get(&t, "slope")?,
                        cap: get(&t, "cap")?,
                        two_incomes_from: get(&t, "two_incomes_from")?,
                        two_incomes_minimum: get(&t, "two_incomes_minimum")?,
                        two_incomes_cap: get(&t, "two_incomes_cap")?,
                    })
                },
            )?,
            employer_rate: scalar(&file!("payroll.employer.basic_rate", "employer/basic_rate.toml"))?,
            manual_holiday_quarterly: scalar(&file!(
                "payroll.employer.manual_holiday_quarterly",
                "employer/manual_holiday_quarterly.toml"
            ))?,
            manual_holiday_annual: scalar(&file!(
                "payroll.employer.manual_holiday_annual",
                "employer/manual_holiday_annual.toml"
            ))?,
            double_holiday_pay: scalar(&file!(
                "payroll.employer.white_collar_double_holiday_pay",
                "employer/white_collar_double_holiday_pay.toml"
            ))?,
            structural_reduction: timeline(
                &file!("payroll.employer.structural_reduction", "employer/structural_reduction.toml"),
                |t: toml::Table| {
                    only(&t, &["alpha", "low_wage", "gamma", "very_low_wage"])?;
                    Ok(StructuralReduction {
                        alpha: get(&t, "alpha")?,
                        low_wage: get(&t, "low_wage")?,
                        gamma: get(&t, "gamma")?,
                        very_low_wage: get(&t, "very_low_wage")?,
                    })
                },
            )?,
            closing_fund: timeline(
                &file!("payroll.employer.closing_fund", "employer/closing_fund.toml"),
                |t: toml::Table| {
                    only(&t, &["commercial_small", "commercial_large", "non_commercial", "special"])?;
                    Ok(ClosingFund {
                        commercial_small: maybe(&t, "commercial_small")?,
                        commercial_large: maybe(&t, "commercial_large")?,
                        non_commercial: maybe(&t, "non_commercial")?,
                        special: maybe(&t, "special")?,
                    })
                },
            )?,
            special_contributions: timeline(
                &file!("payroll.employer.special_contributions", "employer/special_contributions.toml"),
                |t: toml::Table| {
                    only(&t, &["ten_workers", "temporary_unemployment", "asbestos", "work_accidents"])?;
                    Ok(SpecialContributions {
                        ten_workers: get(&t, "ten_workers")?,
                        temporary_unemployment: get(&t, "temporary_unemployment")?,
                        asbestos: get(&t, "asbestos")?,
                        work_accidents: get(&t, "work_accidents")?,
                    })
                },
            )?,
        })
    }

    /// The values in force on `date`, for one computation.
    pub fn at(&self, date: NaiveDate, manual: bool) -> Result<Snapshot<'_>, ParameterError> {
        Ok(Snapshot {
            employee_rate: self.employee_rate.at(date)?,
            manual_base_factor: self.manual_base_factor.at(date)?,
            work_bonus: if manual {
                self.work_bonus_manual.at(date)?
            } else {
                self.work_bonus_white_collar.at(date)?
            },
            fiscal_share: self.fiscal_share.at(date)?,
            key: self.withholding_key.at(date)?,
            reductions: self.reductions.at(date)?,
            special: self.special_contribution.at(date)?,
            employer_rate: self.employer_rate.at(date)?,
            manual_holiday_quarterly: self.manual_holiday_quarterly.at(date)?,
            manual_holiday_annual: self.manual_holiday_annual.at(date)?,
            double_holiday_pay: self.double_holiday_pay.at(date)?,
            structural_reduction: self.structural_reduction.at(date)?,
            closing_fund: self.closing_fund.at(date)?,
            special_contributions: self.special_contributions.at(date)?,
        })
    }

    /// Every payroll parameter in force on `date`, for the parameters endpoint.
    pub fn views(&self, date: NaiveDate) -> Vec<ParameterView> {
        fn view<T: std::fmt::Debug>(
            t: &Timeline<T>,
            date: NaiveDate,
            show: impl Fn(&T) -> String,
        ) -> Option<ParameterView> {
            let v = t.at(date).ok()?;
            Some(ParameterView {
                name: t.name.clone(),
                description: t.description.clone(),
                value: show(&v.value),
                from: v.from,
                until: v.until,
                source: v.source.to_string(),
            })
        }
        let debug = |v: &dyn std::fmt::Debug| format!("{v:?}");
        [
            view(&self.employee_rate, date, |v| v.normalize().to_string()),
            view(&self.manual_base_factor, date, |v| v.normalize().to_string()),
            view(&self.work_bonus_white_collar, date, |v| debug(v)),
            view(&self.work_bonus_manual, date, |v| debug(v)),
            view(&self.fiscal_share, date, |v| debug(v)),
            view(&self.withholding_key, date, |v| debug(v)),
            view(&self.reductions, date, |v| debug(v)),
            view(&self.special_contribution, date, |v| debug(v)),
            view(&self.employer_rate, date, |v| v.normalize().to_string()),
            view(&self.manual_holiday_quarterly, date, |v| v.normalize().to_string()),
            view(&self.manual_holiday_annual, date, |v| v.normalize().to_string()),
            view(&self.double_holiday_pay, date, |v| v.normalize().to_string()),
            view(&self.structural_reduction, date, |v| debug(v)),
            view(&self.closing_fund, date, |v| debug(v)),
            view(&self.special_contributions, date, |v| debug(v)),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Every timeline's name and values, for coverage checks.
    pub fn coverage(&self) -> Vec<Coverage<'_>> {
        fn spans<T>(t: &Timeline<T>) -> Coverage<'_> {
            Coverage {
                name: &t.name,
                spans: t
                    .values()
                    .iter()
                    .map(|v: &Dated<T>| Span { from: v.from, until: v.until, source: &v.source })
                    .collect(),
            }
        }
        vec![
            spans(&self.employee_rate),
            spans(&self.manual_base_factor),
            spans(&self.work_bonus_white_collar),
            spans(&self.work_bonus_manual),
            spans(&self.fiscal_share),
            spans(&self.withholding_key),
            spans(&self.reductions),
            spans(&self.special_contribution),
            spans(&self.employer_rate),
            spans(&self.manual_holiday_quarterly),
            spans(&self.manual_holiday_annual),
            spans(&self.double_holiday_pay),
            spans(&self.structural_reduction),
            spans(&self.closing_fund),
            spans(&self.special_contributions),
        ]
    }
}

/// When one value of a parameter applies, and its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span<'p> {
    /// First day.
    pub from: NaiveDate,
    /// Last day, if it ends without successor.
    pub until: Option<NaiveDate>,
    /// Source.
    pub source: &'p str,
}

/// A parameter's values over time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage<'p> {
    /// Parameter name.
    pub name: &'p str,
    /// Its values, oldest first.
    pub spans: Vec<Span<'p>>,
}

/// The values in force on one date, borrowed from the timelines.
#[derive(Clone, Copy, Debug)]
pub struct Snapshot<'p> {
    /// Employee social security rate.
    pub employee_rate: &'p Dated<Decimal>,
    /// 108 % factor.
    pub manual_base_factor: &'p Dated<Decimal>,
    /// The worker's work bonus scale.
    pub work_bonus: &'p Dated<WorkBonusScale>,
    /// Fiscal work bonus shares.
    pub fiscal_share: &'p Dated<FiscalShare>,
    /// Annex III key.
    pub key: &'p Dated<WithholdingKey>,
    /// Annex III reductions.
    pub reductions: &'p Dated<FamilyReductions>,
    /// Special contribution scale.
    pub special: &'p Dated<SpecialContributionScale>,
    /// Employer basic rate.
    pub employer_rate: &'p Dated<Decimal>,
    /// Manual workers' holiday contribution, quarterly part.
    pub manual_holiday_quarterly: &'p Dated<Decimal>,
    /// Manual workers' holiday contribution, annual part.
    pub manual_holiday_annual: &'p Dated<Decimal>,
    /// White-collar double holiday pay.
    pub double_holiday_pay: &'p Dated<Decimal>,
    /// Structural reduction of the quarter.
    pub structural_reduction: &'p Dated<StructuralReduction>,
    /// Closing Fund rates.
    pub closing_fund: &'p Dated<ClosingFund>,
    /// Other special employer contributions.
    pub special_contributions: &'p Dated<SpecialContributions>,
}
