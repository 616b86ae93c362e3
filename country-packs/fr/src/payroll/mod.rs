//! French payroll, general regime (régime général of the private sector): gross → employee and
//! employer contributions, CSG/CRDS, net à payer avant impôt, net imposable, montant net social,
//! the withholding of income tax (prélèvement à la source, PAS) and the réduction générale.
//!
//! One module per computation: `contributions` (every contribution line with its base),
//! `reduction` (réduction générale, RGDU from 2026), `withholding` (the neutral-rate grid);
//! `params` declares every parameter. The employer's profile (company size, AT/MP rate,
//! versement mobilité rate) is the pack's configuration; the contract's kind and the personal
//! withholding rate come with the `Employee`. The worker kind chooses the `Regime`: `non-cadre`
//! and `cadre` the general one, `artist` and `technician` an intermittent's of the performance
//! sector (`contributions` says what changes).
//!
//! Rounding: each line is rounded to the cent half away from zero, but each side's total is the
//! rounded sum of its exact amounts (as the ministry's net SMIC and URSSAF's simulator are), the
//! side's largest line taking the cent the separate roundings disagree by (the réduction générale
//! on the employer side), so net and employer cost move by whole cents with the gross and the
//! inverses are exact.

mod contributions;
pub mod labels;
pub mod params;
pub mod profile;
mod reduction;
mod withholding;

use chrono::NaiveDate;
use partage_core::money::{Currency, Money, Rate, RoundingRule};
use partage_core::pack::PackError;
use partage_core::payroll::{
    check_amount, first_reaching, Employee, LineKind, LineSide, NetThreshold, Payroll, PayrollError, Payslip,
    PayslipLine,
};
use rust_decimal::Decimal;
use std::sync::Arc;

pub use contributions::Line;
pub use params::PayrollParameters;

/// Hours of the legal monthly working time (35 h × 52 / 12), the full-time month.
const MONTHLY_HOURS: Decimal = Decimal::from_parts(15_166_667, 0, 0, false, 5);

/// The employer's side of French payroll, from the pack's configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmployerProfile {
    /// Employees of the company (effectif), which sets FNAL, training, forfait social,
    /// versement mobilité and the réduction générale's parameter.
    pub company_size: u32,
    /// The AT/MP (work accidents) rate the CARSAT notified.
    pub accident_rate: Rate,
    /// The versement mobilité rate of the establishment's commune (0 outside any
    /// mobility authority's area).
    pub mobility_rate: Rate,
}

impl Default for EmployerProfile {
    /// A cooperative of 50 employees or more (FNAL 0.50 %), an office-work AT/MP rate of
    /// 0.90 % and no versement mobilité: the node's configuration should say otherwise.
    fn default() -> Self {
        EmployerProfile {
            company_size: 50,
            accident_rate: Rate(Decimal::new(90, 4)),
            mobility_rate: Rate(Decimal::ZERO),
        }
    }
}

/// The worker's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Non-cadre.
    NonCadre,
    /// Cadre (AGIRC-ARRCO cadre: APEC and the compulsory prévoyance).
    Cadre,
}

/// The worker kinds (`Employee::category`) the French payroll knows.
pub const CATEGORIES: [&str; 4] = ["non-cadre", "cadre", "artist", "technician"];

/// Which contribution rules a worker kind follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Regime {
    /// The general regime of the private sector.
    General,
    /// An intermittent of the live or recorded performance sector (annexes VIII and X of the
    /// unemployment insurance rules), engaged by a CDD d'usage of at most three months, non-cadre.
    Performance(Performer),
}

/// The two kinds of intermittent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Performer {
    /// Artiste du spectacle (Code du travail L7121-2; unemployment annexe X).
    Artist,
    /// Ouvrier or technicien of the performance sector (unemployment annexe VIII).
    Technician,
}

/// Every pack line kind, so a stored code reads back.
pub const LINE_KINDS: &[LineKind] = &contributions::KINDS;

/// What the simulator and the monthly return read besides the lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Totals {
    /// Gross plus the end-of-contract indemnity: the base of contributions.
    pub pay: Decimal,
    /// End-of-contract indemnity.
    pub indemnity: Decimal,
    /// Employee contributions, CSG and CRDS excluded.
    pub employee_social: Decimal,
    /// CSG and CRDS.
    pub csg_crds: Decimal,
    /// Net à payer avant impôt.
    pub net_before_tax: Decimal,
    /// Net imposable.
    pub net_taxable: Decimal,
    /// Montant net social.
    pub net_social: Decimal,
    /// Income tax withheld.
    pub withholding: Decimal,
    /// The rate withheld.
    pub withholding_rate: Decimal,
    /// Net paid.
    pub net: Decimal,
    /// Employer contributions before the réduction générale.
    pub employer_social: Decimal,
    /// The réduction générale (positive).
    pub general_reduction: Decimal,
    /// Employer cost.
    pub employer_cost: Decimal,
}

/// The French payroll rules.
#[derive(Clone, Debug)]
pub struct FrenchPayroll {
    params: Arc<PayrollParameters>,
    profile: EmployerProfile,
    accident_source: Arc<str>,
}

/// The AT/MP line's source: the rate is the employer's, not a parameter of the pack.
const ACCIDENT_SOURCE: &str = "CSS art. L242-5 and D242-6-1: the AT/MP rate the CARSAT notified to the \
                               establishment, as the pack's configuration states it";

impl FrenchPayroll {
    /// Loads the payroll parameters compiled into the pack.
    pub fn load() -> Result<FrenchPayroll, PackError> {
        Ok(FrenchPayroll {
            params: Arc::new(PayrollParameters::load()?),
            profile: EmployerProfile::default(),
            accident_source: Arc::from(ACCIDENT_SOURCE),
        })
    }

    /// The same rules for another employer.
    pub fn with_profile(&self, profile: EmployerProfile) -> FrenchPayroll {
        FrenchPayroll { params: Arc::clone(&self.params), profile, accident_source: Arc::clone(&self.accident_source) }
    }

    /// The employer's profile.
    pub fn profile(&self) -> &EmployerProfile {
        &self.profile
    }

    /// The parameters.
    pub fn parameters(&self) -> &PayrollParameters {
        &self.params
    }

    /// The totals of a payslip without its lines.
    pub fn totals(&self, date: NaiveDate, gross: Money, employee: &Employee) -> Result<Totals, PayrollError> {
        Ok(self.compute(date, gross, employee, false)?.0)
    }

    /// The smallest gross whose net à payer avant impôt reaches `net` (exact across the CET's fall).
    pub fn gross_for_net_before_tax(
        &self,
        date: NaiveDate,
        net: Money,
        employee: &Employee,
    ) -> Result<Money, PayrollError> {
        check_amount("net", net, None)?;
        let f = |g: i64| self.minor(date, g, employee, |t| t.net_before_tax);
        self.first_with_drops(date, net, employee, f, false)
    }

    fn minor<F: Fn(&Totals) -> Decimal>(
        &self,
        date: NaiveDate,
        g: i64,
        employee: &Employee,
        pick: F,
    ) -> Result<i64, PayrollError> {
        let t = self.totals(date, Money::from_minor(g, Currency::EUR), employee)?;
        Ok(cents(pick(&t)))
    }

    /// The smallest gross whose `f` reaches `target`, `f` rising but for falls where the pay
    /// crosses the PSS (CET) and, with `grid`, where the taxable wage crosses a bound of the
    /// neutral withholding grid: a first crossing is found, then each fall just below it is
    /// checked for an earlier region already reaching the target.
    fn first_with_drops<F>(
        &self,
        date: NaiveDate,
        target: Money,
        employee: &Employee,
        f: F,
        grid: bool,
    ) -> Result<Money, PayrollError>
    where
        F: Fn(i64) -> Result<i64, PayrollError>,
    {
        let goal = target.to_minor()?;
        let max = self.max_gross().to_minor()?;
        let mut hi = max;
        // The net is below the gross and above a third of it: search there first (no gross under
        // the net reaches it), the whole range only if that falls short.
        let near = |hi: i64| -> Result<Option<i64>, PayrollError> {
            let lo = goal.clamp(0, hi);
            match first_reaching(lo, goal.saturating_mul(3).clamp(lo, hi), goal, &f)? {
                Some(x) => Ok(Some(x)),
                None => first_reaching(0, hi, goal, &f),
            }
        };
        let mut found = None;
        'search: while let Some(x) = near(hi)? {
            found = Some(x);
            for b in self.falls_below(date, x, employee, grid)? {
                if b > 0 && b <= x && f(b - 1)? >= goal {
                    hi = b - 1;
                    continue 'search;
                }
            }
            break;
        }
        match found {
            Some(g) => Ok(Money::from_minor(g, Currency::EUR)),
            None => Err(PayrollError::Unreachable { what: "net", amount: target }),
        }
    }

    /// The grosses (in cents) just past each fall of the net below `x` that could hide an
    /// earlier solution: the first gross whose pay exceeds the PSS, and (with `grid`) the first
    /// gross whose taxable wage reaches each grid bound within 15 % below the taxable wage at `x`.
    fn falls_below(&self, date: NaiveDate, x: i64, employee: &Employee, grid: bool) -> Result<Vec<i64>, PayrollError> {
        let mut falls = Vec::new();
        let setup = contributions::Setup::new(&self.params, &self.profile, &self.accident_source, date, employee)?;
        let pss = cents(setup.pss);
        // The pay is the gross and, for a fixed-term contract with it, the indemnity on top.
        let share = indemnity_share(&setup, employee);
        let pay = |g: i64| Ok(cents(Decimal::new(g, 2) + round(Decimal::new(g, 2) * share)));
        if let Some(b) = first_reaching(0, x, pss.saturating_add(1), pay)? {
            falls.push(b);
        }
        if grid && employee.withholding_rate.is_none() {
            let taxable = |g: i64| self.minor(date, g, employee, |t| t.net_taxable);
            let at_x = taxable(x)?;
            let floor = at_x - at_x * 15 / 100;
            let neutral = &self.params.neutral_grid.at(date)?.value;
            for (bound, _) in &neutral.brackets {
                let bound = cents(*bound);
                if bound > floor && bound <= at_x {
                    if let Some(b) = first_reaching(0, x, bound, taxable)? {
                        falls.push(b);
                    }
                }
            }
        }
        falls.sort_unstable();
        Ok(falls)
    }

    fn compute(
        &self,
        date: NaiveDate,
        gross: Money,
        employee: &Employee,
        with_lines: bool,
    ) -> Result<(Totals, Vec<PayslipLine>), PayrollError> {
        check_amount("gross", gross, Some(self.max_gross()))?;
        if gross.currency() != Currency::EUR {
            return Err(PayrollError::Money(partage_core::money::MoneyError::CurrencyMismatch(
                gross.currency(),
                Currency::EUR,
            )));
        }
        let setup = contributions::Setup::new(&self.params, &self.profile, &self.accident_source, date, employee)?;
        let indemnity = round(gross.amount() * indemnity_share(&setup, employee));
        let pay = gross.amount() + indemnity;
        let mut lines = contributions::lines(&setup, pay)?;
        // Each side's total is the rounded sum of its exact amounts, as the ministry's net SMIC
        // and URSSAF's simulator compute it (the per-line roundings would give 1443.09, not
        // 1443.11, for the 2026 SMIC): net and cost then move by whole cents with the gross.
        let employee_total = settle(&mut lines, LineSide::Employee);
        let employer_exact: Decimal = lines.iter().filter(|l| l.side == LineSide::Employer).map(|l| l.exact).sum();
        let employer_social = settle(&mut lines, LineSide::Employer);
        let reduction_exact = reduction::amount(&setup, pay)?;
        // The cost is rounded once, from the exact amounts: the reduction line takes the cent.
        // It is the contributions' sum, no node coefficient: `employee.employer_cost_coefficient`
        // (for packs whose cost is gross × a node coefficient) is ignored here.
        let employer_cost = pay + round(employer_exact - reduction_exact);
        let general_reduction = employer_social - (employer_cost - pay);
        let csg_crds: Decimal = lines.iter().filter(|l| l.csg).map(|l| l.amount).sum();
        // Like the net, the taxable pay is rounded once: the pay less the exact deductible contributions.
        let deductible =
            round(lines.iter().filter(|l| l.side == LineSide::Employee && l.deductible).map(|l| l.exact).sum());
        let net_before_tax = pay - employee_total;
        let net_taxable = pay - deductible;
        let withholding_rate = match employee.withholding_rate {
            Some(r) => r.value(),
            None => withholding::neutral_rate(&setup.p.neutral_grid.value, net_taxable),
        };
        let withholding = round(net_taxable * withholding_rate);
        let net = net_before_tax - withholding;
        let totals = Totals {
            pay,
            indemnity,
            employee_social: employee_total - csg_crds,
            csg_crds,
            net_before_tax,
            net_taxable,
            // Montant net social: pay less every employee contribution; the pack pays no benefit
            // in kind nor a health-insurance (mutuelle) share that would change it.
            net_social: net_before_tax,
            withholding,
            withholding_rate,
            net,
            employer_social,
            general_reduction,
            employer_cost,
        };
        if !with_lines {
            return Ok((totals, Vec::new()));
        }
        let mut out: Vec<PayslipLine> = Vec::with_capacity(lines.len() + 8);
        let eur = |d: Decimal| Money::rounded(d, Currency::EUR, RoundingRule::HalfUp);
        if indemnity > Decimal::ZERO {
            out.push(PayslipLine {
                kind: contributions::INDEMNITY,
                label: "End-of-contract indemnity",
                side: LineSide::Info,
                base: gross,
                rate: Some(Rate(setup.p.contract_end.value.indemnity)),
                amount: eur(indemnity),
                source: Arc::clone(&setup.p.contract_end.source),
            });
        }
        for l in &lines {
            out.push(PayslipLine {
                kind: l.kind,
                label: l.label,
                side: l.side,
                base: eur(l.base),
                rate: Some(Rate(l.rate)),
                amount: eur(l.amount),
                source: Arc::clone(l.source),
            });
        }
        let reduction_source = Arc::clone(&setup.p.general_reduction.source);
        if general_reduction != Decimal::ZERO {
            out.push(PayslipLine {
                kind: contributions::GENERAL_REDUCTION,
                label: "Réduction générale of employer contributions",
                side: LineSide::Employer,
                base: eur(pay),
                rate: Some(Rate(reduction::coefficient(&setup, pay)?)),
                amount: eur(-general_reduction),
                source: reduction_source,
            });
        }
        let grid_source = match employee.withholding_rate {
            Some(_) => Arc::from("CGI art. 204 H I: the personal rate the tax administration transmitted"),
            None => Arc::clone(&setup.p.neutral_grid.source),
        };
        out.push(PayslipLine {
            kind: LineKind::WithholdingTax,
            label: "Income tax withheld at source",
            side: LineSide::Employee,
            base: eur(net_taxable),
            rate: Some(Rate(withholding_rate)),
            amount: eur(withholding),
            source: grid_source,
        });
        let info = |kind, label, base: Decimal, amount: Decimal, source: &Arc<str>| PayslipLine {
            kind,
            label,
            side: LineSide::Info,
            base: eur(base),
            rate: None,
            amount: eur(amount),
            source: Arc::clone(source),
        };
        let law = &setup.p.old_age.source;
        let csg = &setup.p.csg_crds.source;
        out.push(info(
            LineKind::EmployeeSocialSecurity,
            "Employee contributions (CSG and CRDS excluded)",
            pay,
            totals.employee_social,
            law,
        ));
        out.push(info(contributions::NET_BEFORE_TAX, "Net pay before income tax", pay, net_before_tax, csg));
        out.push(info(contributions::NET_TAXABLE, "Taxable net pay", pay, net_taxable, csg));
        out.push(info(contributions::NET_SOCIAL, "Montant net social", pay, totals.net_social, csg));
        out.push(info(LineKind::EmployerSocialSecurity, "Employer contributions", pay, employer_social, law));
        out.push(info(LineKind::EmployerCost, "Employer cost (budget used)", pay, employer_cost, law));
        Ok((totals, out))
    }
}

/// The end-of-contract indemnity as a share of the gross: none for an open-ended contract, nor for
/// an intermittent's CDD d'usage (Code du travail L1243-10 1° and L1242-2 3°), whatever the
/// contract's terms say.
fn indemnity_share(setup: &contributions::Setup<'_>, employee: &Employee) -> Decimal {
    match (setup.regime, employee.fixed_term) {
        (Regime::General, Some(t)) if t.end_of_contract_indemnity => setup.p.contract_end.value.indemnity,
        _ => Decimal::ZERO,
    }
}

/// Rounds to the cent, half away from zero.
fn round(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

fn cents(d: Decimal) -> i64 {
    let scaled = (d * Decimal::ONE_HUNDRED).round();
    i64::try_from(scaled).unwrap_or(i64::MAX)
}

/// Rounds the lines of one side; their total is the rounded sum of their exact amounts, the
/// largest line taking the difference. Returns the total.
fn settle(lines: &mut [Line<'_>], side: LineSide) -> Decimal {
    let mut exact = Decimal::ZERO;
    let mut rounded = Decimal::ZERO;
    for l in lines.iter_mut().filter(|l| l.side == side) {
        l.amount = round(l.exact);
        exact += l.exact;
        rounded += l.amount;
    }
    let total = round(exact);
    if let Some(l) = largest_index(lines, side).and_then(|i| lines.get_mut(i)) {
        l.amount += total - rounded;
    }
    total
}

fn largest_index(lines: &[Line<'_>], side: LineSide) -> Option<usize> {
    let mut best: Option<(usize, Decimal)> = None;
    for (i, l) in lines.iter().enumerate().filter(|(_, l)| l.side == side) {
        if best.is_none_or(|(_, e)| l.exact > e) {
            best = Some((i, l.exact));
        }
    }
    best.map(|(i, _)| i)
}

impl Payroll for FrenchPayroll {
    fn currency(&self) -> Currency {
        Currency::EUR
    }

    fn categories(&self) -> &'static [&'static str] {
        &CATEGORIES
    }

    fn max_gross(&self) -> Money {
        // 100,000 a month: beyond any member's monthly wage (25 PSS of 2026).
        Money::from_minor(10_000_000, Currency::EUR)
    }

    fn covers(&self, date: NaiveDate) -> Result<(), PayrollError> {
        self.params.in_force(date)?;
        Ok(())
    }

    fn payslip(&self, date: NaiveDate, gross: Money, employee: &Employee) -> Result<Payslip, PayrollError> {
        let (t, lines) = self.compute(date, gross, employee, true)?;
        let eur = |d: Decimal| Money::rounded(d, Currency::EUR, RoundingRule::HalfUp);
        Ok(Payslip {
            date,
            gross,
            taxable: eur(t.net_taxable),
            net: eur(t.net),
            employer_cost: eur(t.employer_cost),
            lines,
        })
    }

    fn net(&self, date: NaiveDate, gross: Money, employee: &Employee) -> Result<Money, PayrollError> {
        let t = self.totals(date, gross, employee)?;
        Ok(Money::rounded(t.net, Currency::EUR, RoundingRule::HalfUp))
    }

    fn employer_cost(&self, date: NaiveDate, gross: Money, employee: &Employee) -> Result<Money, PayrollError> {
        let t = self.totals(date, gross, employee)?;
        Ok(Money::rounded(t.employer_cost, Currency::EUR, RoundingRule::HalfUp))
    }

    /// As core's search, from a bracket where the cost is between the gross and 1.8 times it.
    fn gross_for_budget(&self, date: NaiveDate, budget: Money, employee: &Employee) -> Result<Money, PayrollError> {
        check_amount("budget", budget, None)?;
        let cost = |g: i64| self.minor(date, g, employee, |t| t.employer_cost);
        let target = budget.to_minor()?.saturating_add(1);
        let max = self.max_gross().to_minor()?;
        let hi = target.clamp(0, max);
        let lo = (target * 5 / 9).clamp(0, hi);
        let first = match first_reaching(lo, hi, target, cost)? {
            Some(g) if g > lo || lo == 0 => Some(g),
            _ => first_reaching(0, max, target, cost)?,
        };
        match first {
            Some(0) => Err(PayrollError::Unreachable { what: "budget", amount: budget }),
            Some(g) => Ok(Money::from_minor(g - 1, Currency::EUR)),
            None => Ok(self.max_gross()),
        }
    }

    fn gross_for_net(&self, date: NaiveDate, net: Money, employee: &Employee) -> Result<Money, PayrollError> {
        check_amount("net", net, None)?;
        let f = |g: i64| self.minor(date, g, employee, |t| t.net);
        self.first_with_drops(date, net, employee, f, true)
    }

    fn gross_for_net_before_tax(
        &self,
        date: NaiveDate,
        net: Money,
        employee: &Employee,
    ) -> Result<Money, PayrollError> {
        FrenchPayroll::gross_for_net_before_tax(self, date, net, employee)
    }

    /// The figures a French payslip shows at its foot; `net` is the net à payer avant impôt.
    fn summary(&self, payslip: &Payslip) -> Vec<(&'static str, Money)> {
        let zero = Money::zero(Currency::EUR);
        let line = |kind: LineKind| payslip.line(kind).map_or(zero, |l| l.amount);
        let csg_crds = [contributions::CSG_DEDUCTIBLE, contributions::CSG_NON_DEDUCTIBLE, contributions::CRDS]
            .into_iter()
            .map(line)
            .try_fold(zero, |a, b| a.checked_add(b))
            .unwrap_or(zero);
        vec![
            ("gross", payslip.gross),
            ("end_of_contract_indemnity", line(contributions::INDEMNITY)),
            ("employee_social", line(LineKind::EmployeeSocialSecurity)),
            ("csg_crds", csg_crds),
            ("net", line(contributions::NET_BEFORE_TAX)),
            ("net_taxable", payslip.taxable),
            ("net_social", line(contributions::NET_SOCIAL)),
            ("income_tax_withheld", line(LineKind::WithholdingTax)),
            ("net_paid", payslip.net),
            ("employer_social", line(LineKind::EmployerSocialSecurity)),
            ("general_reduction", line(contributions::GENERAL_REDUCTION).negated()),
            ("employer_cost", payslip.employer_cost),
        ]
    }

    fn thresholds(&self) -> Vec<NetThreshold> {
        withholding::thresholds(self)
    }

    fn net_rounding_slack(&self) -> i64 {
        // The withholding is rounded apart from the net before tax: a cent either way.
        1
    }

    fn line_kinds(&self) -> &'static [LineKind] {
        LINE_KINDS
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use partage_core::payroll::Household;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn employee(fraction: Decimal) -> Employee {
        Employee {
            category: "non-cadre".into(),
            household: Household::single(),
            work_fraction: Rate(fraction),
            worked: None,
            fixed_term: None,
            withholding_rate: None,
            employer_cost_coefficient: None,
        }
    }

    fn eur(minor: i64) -> Money {
        Money::from_minor(minor, Currency::EUR)
    }

    /// The smallest gross in `[lo, hi]` whose `f` reaches `target`, by walking every cent.
    fn walk(lo: i64, hi: i64, target: i64, f: impl Fn(i64) -> i64) -> Option<i64> {
        (lo..=hi).find(|g| f(*g) >= target)
    }

    #[test]
    fn net_before_tax_to_gross_is_the_smallest_gross_even_just_past_the_cet_fall() {
        let p = FrenchPayroll::load().unwrap();
        let (date, e) = (d(2026, 3, 1), employee(Decimal::ONE));
        let nbt = |g: i64| p.minor(date, g, &e, |t| t.net_before_tax).unwrap();
        // 4005.00 is the PSS: one cent more starts the CET and the net falls by 5.60.
        let at_pss = nbt(400_500);
        assert!(nbt(400_501) < at_pss);
        for target in [at_pss - 300, at_pss - 1, at_pss, at_pss + 1, at_pss + 200] {
            let g = p.gross_for_net_before_tax(date, eur(target), &e).unwrap().to_minor().unwrap();
            assert_eq!(Some(g), walk(398_000, 402_000, target, nbt), "net {target}");
        }
    }

    #[test]
    fn net_paid_to_gross_is_the_smallest_gross_across_a_neutral_grid_bound() {
        let p = FrenchPayroll::load().unwrap();
        let (date, e) = (d(2026, 3, 1), employee(Decimal::ONE));
        let net = |g: i64| p.minor(date, g, &e, |t| t.net).unwrap();
        let taxable = |g: i64| p.minor(date, g, &e, |t| t.net_taxable).unwrap();
        // The grid of March 2026 (2025's, in force until 30 April 2026) goes from 5.3 % to 7.5 % at
        // a taxable pay of 2714: find that gross.
        let b = first_reaching(300_000, 400_000, 271_400, |g| Ok(taxable(g))).unwrap().unwrap();
        assert!(net(b) < net(b - 1), "the net falls at the bound");
        let before = net(b - 1);
        for target in [before - 1_000, before, before + 1, before + 100] {
            let g = p.gross_for_net(date, eur(target), &e).unwrap().to_minor().unwrap();
            assert_eq!(Some(g), walk(b - 2_000, b + 12_000, target, net), "net {target}");
        }
    }

    #[test]
    fn budget_to_gross_gives_the_largest_gross_the_budget_pays() {
        let p = FrenchPayroll::load().unwrap();
        for (date, fraction) in [(d(2025, 3, 1), Decimal::ONE), (d(2026, 7, 1), Decimal::new(5, 1))] {
            let e = employee(fraction);
            for budget in [180_000, 245_678, 560_000, 1_200_000] {
                let g = p.gross_for_budget(date, eur(budget), &e).unwrap().to_minor().unwrap();
                let cost = |g: i64| p.minor(date, g, &e, |t| t.employer_cost).unwrap();
                assert!(cost(g) <= budget && cost(g + 1) > budget, "budget {budget} on {date}");
            }
        }
    }
}
