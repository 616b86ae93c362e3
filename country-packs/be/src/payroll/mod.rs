//! Belgian payroll: gross → employee social security (less the social work bonus)
//! → taxable → withholding tax (less the fiscal work bonus) → special social
//! security contribution → net; and the employer cost that the activity's budget
//! pays, through the node's employer-cost coefficient (the one the contract was made with,
//! `Employee::employer_cost_coefficient`, when the node gives it). The employer side shows the
//! basic contributions, the structural reduction's monthly advance (and an artist's
//! regional target-group reduction's) and the special contributions of the employer's
//! profile (`employer`); they do not change the cost
//! charged to the budget, which the coefficient sets (the margin line takes the rest).
//!
//! Worker kinds: `white-collar` (bediende/employé), `manual` (arbeider/ouvrier:
//! social security on 108 % of the gross, their own work bonus amounts) and
//! `artist` (declared under art. 1bis of the law of 27 June 1969 like a manual
//! worker: 108 % base and manual workers' amounts). The small-fee scheme for
//! artists (régime des petites indemnités) pays expenses, not wages: it is not a
//! payslip computation and is not applied here.

pub mod employer;
pub mod params;
pub mod social_security;
pub mod special_contribution;
pub mod withholding_tax;

use chrono::{Datelike, NaiveDate};
use employer::EmployerProfile;
use params::{PayrollParameters, Snapshot};
use partage_core::money::{Currency, Money, Rate, RoundingRule};
use partage_core::payroll::{
    check_amount, Employee, Liability, LineKind, LineSide, NetThreshold, Payroll, PayrollError, Payslip, PayslipLine,
};
use rust_decimal::{Decimal, RoundingStrategy};
use std::sync::Arc;

/// Annex III point 12 and the RSZ's rule: every amount is rounded to the cent,
/// half away from zero, at each step.
pub(crate) fn r2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// The worker kinds the pack knows.
pub const CATEGORIES: &[&str] = &["white-collar", "manual", "artist"];

/// The name the DmfA declares the social work bonus under, among a return line's reductions.
pub const WORK_BONUS: &str = "work_bonus";

/// Social work bonus, part A: a reduction of the employee contribution (negative amount).
pub const SOCIAL_WORK_BONUS_A: LineKind = LineKind::Reduction { code: "social_work_bonus_a", declared_as: WORK_BONUS };
/// Social work bonus, part B.
pub const SOCIAL_WORK_BONUS_B: LineKind = LineKind::Reduction { code: "social_work_bonus_b", declared_as: WORK_BONUS };
/// The taxable wage (gross less employee social security), shown to explain.
pub const TAXABLE: LineKind = LineKind::Pack("taxable");
/// The withholding by Annex III's key formula, before reductions.
pub const WITHHOLDING_KEY: LineKind = LineKind::Pack("withholding_key");
/// The withholding reductions for dependants.
pub const WITHHOLDING_REDUCTIONS: LineKind = LineKind::Pack("withholding_reductions");
/// The fiscal work bonus, which reduces the withholding.
pub const FISCAL_WORK_BONUS: LineKind = LineKind::Pack("fiscal_work_bonus");
/// The monthly advance on the structural reduction of employer contributions.
pub const STRUCTURAL_REDUCTION: LineKind = LineKind::Pack("structural_reduction");
/// The monthly advance on the artists' regional target-group reduction.
pub const ARTISTS_REDUCTION: LineKind = LineKind::Pack("artists_reduction");
/// Closing Fund, basic contribution.
pub const CLOSING_FUND: LineKind = LineKind::Pack("closing_fund");
/// Closing Fund, special contribution.
pub const CLOSING_FUND_SPECIAL: LineKind = LineKind::Pack("closing_fund_special");
/// The contribution of employers with 10 workers or more.
pub const TEN_WORKERS_CONTRIBUTION: LineKind = LineKind::Pack("ten_workers_contribution");
/// Temporary unemployment and seniority supplement contribution.
pub const TEMPORARY_UNEMPLOYMENT_CONTRIBUTION: LineKind = LineKind::Pack("temporary_unemployment_contribution");
/// Asbestos fund contribution.
pub const ASBESTOS_FUND: LineKind = LineKind::Pack("asbestos_fund");
/// Work accidents, special contribution.
pub const WORK_ACCIDENTS_CONTRIBUTION: LineKind = LineKind::Pack("work_accidents_contribution");
/// The holiday pay provision.
pub const HOLIDAY_PAY_PROVISION: LineKind = LineKind::Pack("holiday_pay_provision");
/// Insurance, payroll costs and pooled margin: what the coefficient charges beyond the rest.
pub const COOPERATIVE_MARGIN: LineKind = LineKind::Pack("cooperative_margin");

/// The social work bonus's lines (negative amounts: reductions).
pub const WORK_BONUS_LINES: [LineKind; 2] = [SOCIAL_WORK_BONUS_A, SOCIAL_WORK_BONUS_B];

/// Every kind of line a Belgian payslip carries beyond core's.
pub const LINE_KINDS: [LineKind; 16] = [
    SOCIAL_WORK_BONUS_A,
    SOCIAL_WORK_BONUS_B,
    TAXABLE,
    WITHHOLDING_KEY,
    WITHHOLDING_REDUCTIONS,
    FISCAL_WORK_BONUS,
    STRUCTURAL_REDUCTION,
    ARTISTS_REDUCTION,
    CLOSING_FUND,
    CLOSING_FUND_SPECIAL,
    TEN_WORKERS_CONTRIBUTION,
    TEMPORARY_UNEMPLOYMENT_CONTRIBUTION,
    ASBESTOS_FUND,
    WORK_ACCIDENTS_CONTRIBUTION,
    HOLIDAY_PAY_PROVISION,
    COOPERATIVE_MARGIN,
];

/// Node policy for payroll: Smart's employer-cost coefficient is not public, so
/// each node sets its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PayrollPolicy {
    /// Employer cost = gross × this coefficient; it covers employer contributions,
    /// provisions (holiday pay, end-of-year bonus), insurance and the pooled margin.
    pub employer_cost_coefficient: Decimal,
}

impl Default for PayrollPolicy {
    /// 1.45: employer contributions of about 25 % plus holiday-pay and end-of-year
    /// provisions of about 17 % and a few percent of insurance and margin. An
    /// assumption of this pack, not a legal figure: a node configures its own.
    fn default() -> Self {
        PayrollPolicy { employer_cost_coefficient: Decimal::new(145, 2) }
    }
}

/// Everything a payslip computes, before it becomes lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Numbers {
    gross: Decimal,
    social_base: Decimal,
    employee_social: Decimal,
    reference_wage: Decimal,
    bonus_a: Decimal,
    bonus_b: Decimal,
    taxable: Decimal,
    /// The taxable wage the key formula applies to (the monthly equivalent of a short period).
    monthly_taxable: Decimal,
    key_tax: Decimal,
    reductions: Decimal,
    before_fiscal_bonus: Decimal,
    fiscal_bonus: Decimal,
    withholding: Decimal,
    special: Decimal,
    net: Decimal,
    employer_social: Decimal,
    holiday_provision: Decimal,
    employer_cost: Decimal,
    /// µ: the full-time equivalent of the period (1 for a full-time month).
    mu: Decimal,
    /// Converts the period's wage to a full-time quarter (the structural reduction's S).
    quarter_factor: Decimal,
    /// The pay period's share of a month, when the withholding is that of the
    /// monthly equivalent brought back to the period.
    tax_share: Option<Decimal>,
}

/// The full-time equivalent of a payslip's period: µ for the social rules, the pay
/// period's share of a month for the withholding tax, and the factor that turns the
/// period's wage into a full-time quarterly wage.
///
/// A contract of days or hours (the employee's `worked`) is measured against a
/// full-time month of 65 / 3 days or 13 × 38 / 3 hours (a quarter is 13 weeks; 38
/// hours is the full-time week, law of 16 March 1971 on work, art. 19). µ uses the
/// hours when known, as the DmfA's µ does (Odoo's DmfA code: µ = Z / (13 × U)). The
/// withholding tax converts a pay period to a month (Annex III): a contract paid
/// for days is converted by its days, one paid for hours alone by its hours. A
/// whole month at a work fraction f counts f, with no conversion for the tax, and
/// its quarter factor uses the month's weekdays J: r2(65 / (J × f)) (the payroll
/// bureaus' 65 / J, see `employer`).
struct PeriodShare {
    mu: Decimal,
    tax_share: Option<Decimal>,
    quarter_factor: Decimal,
}

fn period(date: NaiveDate, e: &Employee) -> PeriodShare {
    let quarter_days = Decimal::from(65);
    let quarter_hours = Decimal::from(13 * employer::FULL_TIME_WEEK_HOURS);
    let three = Decimal::from(3);
    let by_days = |days: Decimal| (days * three / quarter_days).min(Decimal::ONE);
    let by_hours = |hours: Decimal| (hours * three / quarter_hours).min(Decimal::ONE);
    let short = |share: Decimal| (share < Decimal::ONE).then_some(share);
    match e.worked {
        Some(t) if t.hours > Decimal::ZERO => PeriodShare {
            mu: by_hours(t.hours),
            tax_share: short(if t.days > Decimal::ZERO { by_days(t.days) } else { by_hours(t.hours) }),
            quarter_factor: r2(quarter_hours / t.hours),
        },
        Some(t) if t.days > Decimal::ZERO => PeriodShare {
            mu: by_days(t.days),
            tax_share: short(by_days(t.days)),
            quarter_factor: r2(quarter_days / t.days),
        },
        _ => {
            let f = e.work_fraction.value();
            let weekdays = Decimal::from(weekdays_in_month(date));
            PeriodShare { mu: f, tax_share: None, quarter_factor: r2(quarter_days / (weekdays * f)) }
        }
    }
}

/// Monday to Friday days of the month of `date`: the days a full-time month pays.
fn weekdays_in_month(date: NaiveDate) -> u32 {
    let mut d = date.with_day(1).unwrap_or(date);
    let mut n = 0;
    while d.month() == date.month() {
        if d.weekday().number_from_monday() <= 5 {
            n += 1;
        }
        match d.succ_opt() {
            Some(next) => d = next,
            None => break,
        }
    }
    n
}

/// The Belgian payroll rules.
#[derive(Clone, Debug)]
pub struct BelgianPayroll {
    params: PayrollParameters,
    policy: PayrollPolicy,
    employer: EmployerProfile,
}

impl BelgianPayroll {
    /// Loads the payroll parameters, with the node's policy.
    pub fn load(policy: PayrollPolicy) -> Result<BelgianPayroll, partage_core::dated::ParameterError> {
        Ok(BelgianPayroll { params: PayrollParameters::load()?, policy, employer: EmployerProfile::default() })
    }

    /// The same rules for an employer with `profile` (its special contributions).
    pub fn with_employer(mut self, profile: EmployerProfile) -> BelgianPayroll {
        self.employer = profile;
        self
    }

    /// The employer's profile.
    pub fn employer(&self) -> &EmployerProfile {
        &self.employer
    }

    /// The parameters' timelines.
    pub fn parameters(&self) -> &PayrollParameters {
        &self.params
    }

    fn manual(employee: &Employee) -> Result<bool, PayrollError> {
        match employee.category.as_str() {
            "white-collar" => Ok(false),
            "manual" | "artist" => Ok(true),
            other => Err(PayrollError::UnknownCategory { category: other.into(), known: CATEGORIES.join(", ") }),
        }
    }

    fn check(&self, gross: Money, employee: &Employee) -> Result<bool, PayrollError> {
        check_amount("gross", gross, Some(self.max_gross()))?;
        let f = employee.work_fraction.value();
        if f <= Decimal::ZERO || f > Decimal::ONE {
            return Err(PayrollError::BadWorkFraction(employee.work_fraction));
        }
        let h = &employee.household;
        if h.disabled_children > h.children {
            return Err(PayrollError::BadHousehold("more disabled children than children".into()));
        }
        if h.children > 30 || h.other_dependants > 30 || h.dependants_over_65 > 30 {
            return Err(PayrollError::BadHousehold("at most 30 dependants of each kind".into()));
        }
        Self::manual(employee)
    }

    fn numbers(
        &self,
        p: &Snapshot<'_>,
        date: NaiveDate,
        gross: Decimal,
        e: &Employee,
        manual: bool,
    ) -> Result<Numbers, PayrollError> {
        let social_base = if manual { r2(gross * p.manual_base_factor.value) } else { gross };
        let employee_social = social_security::employee_contribution(social_base, p.employee_rate.value);
        let PeriodShare { mu, tax_share, quarter_factor } = period(date, e);
        // The work bonus is computed on the full-time reference wage, then prorated by
        // the fraction of a full-time month worked (law of 20 December 1999, art. 2: the
        // reference wage of a worker with incomplete performance is converted to full
        // time and the bonus reduced in proportion, the µ/β fraction of the DmfA; RSZ
        // instructions "Werkbonus"). A contract of 2 hours is a small fraction of a
        // month, not a month's low wage.
        let fraction = mu;
        let reference_wage = if fraction < Decimal::ONE { r2(gross / fraction) } else { gross };
        let (a, b) = social_security::work_bonus_parts(&p.work_bonus.value, reference_wage);
        let (bonus_a, bonus_b) = social_security::prorate_and_cap(a, b, fraction, employee_social);
        let taxable = gross - employee_social + bonus_a + bonus_b;
        let situation = e.household.situation;
        // Annex III (règles d'application): pay for a period other than a month is
        // converted to its monthly amount, the withholding of that amount is computed
        // with the monthly scale and reductions, and brought back to the period. The
        // period here is the time worked (see `period`). A part-time month
        // (`worked` None) is taxed on its own monthly amount, as Annex III does.
        // Doubt: the employees' text of this rule was not found. For company directors
        // Annex III (points 3.3, 3.6, 3.7; Securex Lex4you "Dirigeants d'entreprises")
        // divides the monthly withholding by 20 and multiplies it by the period's working
        // days, a month of 20 days where this share counts 65 / 3 (2 days: 10 % there,
        // 9.23 % here); see parameters/RESEARCH-EMPLOYER-ARTISTS.md §3.3.2.
        let monthly_taxable = tax_share.map_or(taxable, |share| r2(taxable / share));
        let key_tax = withholding_tax::key_formula(&p.key.value, monthly_taxable, situation);
        let reductions = withholding_tax::family_reductions(&p.reductions.value, &e.household).ok_or_else(|| {
            PayrollError::BadHousehold(format!(
                "no source gives the reduction for a dependant aged 65 or more under {} (from {})",
                p.reductions.source, p.reductions.from
            ))
        })?;
        let monthly_before = (key_tax - reductions).max(Decimal::ZERO);
        let before_fiscal_bonus = tax_share.map_or(monthly_before, |share| r2(monthly_before * share));
        // One rounding for both parts (the independent implementations differ by a
        // cent from rounding each product).
        let fiscal_bonus = r2(p.fiscal_share.value.a * bonus_a + p.fiscal_share.value.b * bonus_b);
        let withholding = (before_fiscal_bonus - fiscal_bonus).max(Decimal::ZERO);
        let special = special_contribution::monthly(&p.special.value, social_base, situation);
        let net = taxable - withholding - special;
        // Employer side: the basic contribution (and, for manual workers, the
        // quarterly holiday contribution) on the social security base; a provision
        // for the holiday pay due later (manual workers: the annual holiday
        // contribution; white-collar workers: a twelfth of the double holiday pay).
        let mut employer_social = r2(social_base * p.employer_rate.value);
        let holiday_provision = if manual {
            employer_social += r2(social_base * p.manual_holiday_quarterly.value);
            r2(social_base * p.manual_holiday_annual.value)
        } else {
            r2(gross * p.double_holiday_pay.value / Decimal::from(12))
        };
        let employer_cost = r2(gross * self.coefficient(e));
        Ok(Numbers {
            gross,
            social_base,
            employee_social,
            reference_wage,
            bonus_a,
            bonus_b,
            taxable,
            monthly_taxable,
            key_tax,
            reductions,
            before_fiscal_bonus,
            fiscal_bonus,
            withholding,
            special,
            net,
            employer_social,
            holiday_provision,
            employer_cost,
            mu,
            quarter_factor,
            tax_share,
        })
    }

    /// The coefficient `e`'s employer cost is gross times: the one its contract was made
    /// with, else the node's configured one.
    fn coefficient(&self, e: &Employee) -> Decimal {
        e.employer_cost_coefficient.map_or(self.policy.employer_cost_coefficient, |c| c.value())
    }

    fn compute(&self, date: NaiveDate, gross: Money, e: &Employee) -> Result<Numbers, PayrollError> {
        let manual = self.check(gross, e)?;
        let p = self.params.at(date, manual)?;
        self.numbers(&p, date, gross.amount(), e, manual)
    }
}

fn eur(d: Decimal) -> Money {
    Money::rounded(d, Currency::EUR, RoundingRule::HalfUp)
}

impl Payroll for BelgianPayroll {
    fn currency(&self) -> Currency {
        Currency::EUR
    }

    fn categories(&self) -> &'static [&'static str] {
        CATEGORIES
    }

    fn max_gross(&self) -> Money {
        Money::from_minor(10_000_000, Currency::EUR)
    }

    fn covers(&self, date: NaiveDate) -> Result<(), PayrollError> {
        // Manual workers need the most parameters (the 108 % base, their holiday pay).
        self.params.at(date, true)?;
        Ok(())
    }

    fn payslip(&self, date: NaiveDate, gross: Money, e: &Employee) -> Result<Payslip, PayrollError> {
        let manual = self.check(gross, e)?;
        let p = self.params.at(date, manual)?;
        let n = self.numbers(&p, date, gross.amount(), e, manual)?;
        let line =
            |kind, label, side, base: Decimal, rate: Option<Decimal>, amount: Decimal, source: &Arc<str>| PayslipLine {
                kind,
                label,
                side,
                base: eur(base),
                rate: rate.map(Rate),
                amount: eur(amount),
                source: source.clone(),
            };
        let annex: Arc<str> = p.key.source.clone();
        let mut lines = vec![
            line(
                LineKind::EmployeeSocialSecurity,
                "Employee social security",
                LineSide::Employee,
                n.social_base,
                Some(p.employee_rate.value),
                n.employee_social,
                &p.employee_rate.source,
            ),
            line(
                SOCIAL_WORK_BONUS_B,
                "Social work bonus, part B",
                LineSide::Employee,
                n.reference_wage,
                None,
                -n.bonus_b,
                &p.work_bonus.source,
            ),
            line(
                SOCIAL_WORK_BONUS_A,
                "Social work bonus, part A",
                LineSide::Employee,
                n.reference_wage,
                None,
                -n.bonus_a,
                &p.work_bonus.source,
            ),
            line(TAXABLE, "Taxable wage", LineSide::Info, n.gross, None, n.taxable, &p.employee_rate.source),
            line(
                WITHHOLDING_KEY,
                "Withholding by the key formula",
                LineSide::Info,
                n.monthly_taxable,
                None,
                n.key_tax,
                &annex,
            ),
            line(
                WITHHOLDING_REDUCTIONS,
                "Reductions for dependants",
                LineSide::Info,
                n.key_tax,
                None,
                -n.reductions,
                &p.reductions.source,
            ),
            line(
                FISCAL_WORK_BONUS,
                "Fiscal work bonus",
                LineSide::Info,
                n.bonus_a + n.bonus_b,
                None,
                -n.fiscal_bonus,
                &p.fiscal_share.source,
            ),
            line(
                LineKind::WithholdingTax,
                "Withholding tax",
                LineSide::Employee,
                n.taxable,
                None,
                n.withholding,
                &annex,
            ),
            line(
                LineKind::SpecialContribution,
                "Special social security contribution",
                LineSide::Employee,
                n.social_base,
                None,
                n.special,
                &p.special.source,
            ),
        ];
        let employer_base = if manual { n.social_base } else { n.gross };
        lines.push(line(
            LineKind::EmployerSocialSecurity,
            "Employer social security",
            LineSide::Employer,
            n.social_base,
            None,
            n.employer_social,
            &p.employer_rate.source,
        ));
        // The monthly advance on the structural reduction, capped at the basic
        // contribution (the 25 %; not the manual workers' holiday part).
        let basic = r2(n.social_base * p.employer_rate.value);
        let reduction =
            employer::monthly_advance(&p.structural_reduction.value, n.gross, n.quarter_factor, n.mu, basic);
        let mut employer_extra = -reduction;
        lines.push(line(
            STRUCTURAL_REDUCTION,
            "Structural reduction (monthly advance)",
            LineSide::Employer,
            r2(n.gross * n.quarter_factor),
            None,
            -reduction,
            &p.structural_reduction.source,
        ));
        // Artists: the monthly advance on the regional target-group reduction, where the
        // employer's region has it and the quarter's floor is known (otherwise no line:
        // the DmfA refuses the quarter, naming what is missing), within what the basic
        // contribution leaves after the structural reduction.
        let artists = &p.artists_reduction;
        if e.category == "artist"
            && employer::artists_region_applies(&artists.value, self.employer.region) == Some(true)
        {
            if let Some(floor) = artists.value.floor {
                let advance = employer::artists_monthly_advance(
                    &artists.value,
                    floor,
                    n.gross,
                    n.quarter_factor,
                    n.mu,
                    basic - reduction,
                );
                employer_extra -= advance;
                lines.push(line(
                    ARTISTS_REDUCTION,
                    "Artists' target-group reduction (monthly advance)",
                    LineSide::Employer,
                    r2(n.gross * n.quarter_factor),
                    None,
                    -advance,
                    &artists.source,
                ));
            }
        }
        // Special employer contributions; one whose rate no source gives for the
        // period is left off the payslip (the DmfA refuses that quarter).
        for c in employer::contributions(&self.employer, &p.closing_fund.value, &p.special_contributions.value) {
            let Some(rate) = c.rate else { continue };
            let source = if c.kind == CLOSING_FUND || c.kind == CLOSING_FUND_SPECIAL {
                &p.closing_fund.source
            } else {
                &p.special_contributions.source
            };
            let amount = r2(n.social_base * rate);
            employer_extra += amount;
            lines.push(line(c.kind, c.label, LineSide::Employer, n.social_base, Some(rate), amount, source));
        }
        let provision_source = if manual { &p.manual_holiday_annual.source } else { &p.double_holiday_pay.source };
        lines.push(line(
            HOLIDAY_PAY_PROVISION,
            "Holiday pay provision",
            LineSide::Employer,
            employer_base,
            None,
            n.holiday_provision,
            provision_source,
        ));
        let policy: Arc<str> = Arc::from(match e.employer_cost_coefficient {
            None => "node configuration: payroll.employer_cost_coefficient (Smart's coefficient is not public)",
            Some(_) => {
                "the node's employer-cost coefficient of the day the contract is made (node settings: \
                 payroll.employer_cost_coefficient and its scheduled changes; Smart's coefficient is not public)"
            }
        });
        // What the coefficient charges beyond the wage, the contributions and the
        // provision: insurance, payroll costs and the pooled margin (negative when
        // the node's coefficient is too low for this wage).
        let margin = n.employer_cost - n.gross - n.employer_social - n.holiday_provision - employer_extra;
        lines.push(line(
            COOPERATIVE_MARGIN,
            "Insurance, payroll costs and pooled margin",
            LineSide::Employer,
            n.employer_cost,
            None,
            margin,
            &policy,
        ));
        lines.push(line(
            LineKind::EmployerCost,
            "Employer cost (budget used)",
            LineSide::Info,
            n.gross,
            Some(self.coefficient(e)),
            n.employer_cost,
            &policy,
        ));
        lines.retain(|l| {
            !(l.amount.is_zero()
                && (WORK_BONUS_LINES.contains(&l.kind)
                    || l.kind == STRUCTURAL_REDUCTION
                    || l.kind == ARTISTS_REDUCTION))
        });
        Ok(Payslip {
            date,
            gross: eur(n.gross),
            taxable: eur(n.taxable),
            net: eur(n.net),
            employer_cost: eur(n.employer_cost),
            lines,
        })
    }

    fn net(&self, date: NaiveDate, gross: Money, e: &Employee) -> Result<Money, PayrollError> {
        Ok(eur(self.compute(date, gross, e)?.net))
    }

    fn employer_cost(&self, date: NaiveDate, gross: Money, e: &Employee) -> Result<Money, PayrollError> {
        Ok(eur(self.compute(date, gross, e)?.employer_cost))
    }

    /// Employee social security, the work bonus, the withholding and the special
    /// contribution are each rounded to the cent (Annex III point 12; RSZ): a cent
    /// more gross can round two of them up and the taxable wage down, so the net
    /// can fall by up to two cents before it rises again.
    fn liability(&self, line: &PayslipLine) -> Option<Liability> {
        match (line.side, line.kind) {
            (LineSide::Info, _) => None,
            (_, LineKind::WithholdingTax) => Some(Liability::WithholdingTax),
            (_, HOLIDAY_PAY_PROVISION) => Some(Liability::HolidayPay),
            (_, COOPERATIVE_MARGIN) => Some(Liability::Margin),
            // The special social security contribution is withheld by the employer
            // and paid to the NSSO with the other contributions.
            (LineSide::Employee | LineSide::Employer, _) => Some(Liability::SocialSecurity),
        }
    }

    fn net_rounding_slack(&self) -> i64 {
        2
    }

    fn line_kinds(&self) -> &'static [LineKind] {
        &LINE_KINDS
    }

    // The payslips advance each month the reductions the DmfA computes per quarter
    // (`payroll::employer`); the quarter's return declares its own figure.
    fn advance_of(&self, code: &str) -> Option<&'static str> {
        if code == STRUCTURAL_REDUCTION.code() {
            Some(crate::dmfa::STRUCTURAL_REDUCTION_CODE)
        } else if code == ARTISTS_REDUCTION.code() {
            Some(crate::dmfa::ARTISTS_REDUCTION_CODE)
        } else {
            None
        }
    }

    fn thresholds(&self) -> Vec<NetThreshold> {
        const SOURCE: &str = "Law of 28 March 2022: a married employee whose partner also has a professional income \
                              owes a minimum special social security contribution of 5.15 a month from a wage of \
                              1,095.10, so the net falls by 5.15 there";
        let band = |category, from, to| NetThreshold {
            category,
            from: Money::from_minor(from, Currency::EUR),
            to: Money::from_minor(to, Currency::EUR),
            source: SOURCE,
        };
        // Manual workers' and artists' wage is 108 % of their gross, so they reach 1,095.10 at a
        // gross of 1,013.98 (1,095.10 / 1.08, the base rounded to the cent).
        vec![band("*", 109_500, 109_510), band("manual", 101_390, 101_400), band("artist", 101_390, 101_400)]
    }
}
