//! Payroll: what a country pack's payroll rules take and give.
//!
//! A payslip goes budget (employer cost) → gross → employee contributions →
//! taxable → withholding → net. The pack computes forward from a gross; the
//! inverses (budget → gross, net → gross) are searches over the gross in cents,
//! relying on the forward computation being monotonic except at thresholds the
//! pack declares with their source.

use crate::dated::ParameterError;
use crate::money::{Currency, Money, MoneyError, Rate};
use chrono::NaiveDate;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

/// How a household is taxed, as the simulator and contracts state it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FamilySituation {
    /// Single, taxed individually.
    Single,
    /// Married or legal cohabitant, the partner without professional income.
    MarriedOneIncome,
    /// Married or legal cohabitant, both with professional income.
    MarriedTwoIncomes,
    /// De facto cohabitant: taxed individually, not an isolated person.
    Cohabiting,
}

impl FamilySituation {
    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            FamilySituation::Single => "single",
            FamilySituation::MarriedOneIncome => "married-one-income",
            FamilySituation::MarriedTwoIncomes => "married-two-incomes",
            FamilySituation::Cohabiting => "cohabiting",
        }
    }
}

impl FromStr for FamilySituation {
    type Err = PayrollError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "single" => FamilySituation::Single,
            "married-one-income" => FamilySituation::MarriedOneIncome,
            "married-two-incomes" => FamilySituation::MarriedTwoIncomes,
            "cohabiting" => FamilySituation::Cohabiting,
            other => return Err(PayrollError::UnknownFamilySituation(other.into())),
        })
    }
}

/// Who depends on the employee, for withholding-tax reductions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Household {
    /// Tax situation.
    pub situation: FamilySituation,
    /// Dependent children, disabled ones included.
    pub children: u32,
    /// Of those children, how many are disabled (they count twice in Belgium).
    pub disabled_children: u32,
    /// Other dependants aged 65 or more.
    pub dependants_over_65: u32,
    /// Other dependants.
    pub other_dependants: u32,
    /// The employee is disabled.
    pub disabled: bool,
    /// The partner is disabled.
    pub partner_disabled: bool,
}

impl Household {
    /// A single person with no dependant.
    pub fn single() -> Household {
        Household {
            situation: FamilySituation::Single,
            children: 0,
            disabled_children: 0,
            dependants_over_65: 0,
            other_dependants: 0,
            disabled: false,
            partner_disabled: false,
        }
    }
}

/// The employee as payroll sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Employee {
    /// Worker category, as the pack names them (`white-collar`, `manual`, `artist`; `cadre`...).
    pub category: String,
    /// Household.
    pub household: Household,
    /// Share of a full-time job (1 for full time, 0.8 for four days a week).
    pub work_fraction: Rate,
    /// The time worked in the payslip's period, when it is not the whole month
    /// at `work_fraction` (a contract of a few days or hours): packs whose rules
    /// use the full-time equivalent of the period (reductions for low wages,
    /// structural reduction and withholding tax) scale by it. None for a month.
    pub worked: Option<TimeWorked>,
    /// A fixed-term contract's terms; None for an open-ended contract.
    pub fixed_term: Option<FixedTerm>,
    /// The personal withholding-tax rate the tax administration gave for this
    /// employee, where the pack's withholding is a rate on taxable pay; None: the
    /// pack's default scale.
    pub withholding_rate: Option<Rate>,
    /// The node's coefficient the contract was made with, for packs whose employer
    /// cost is gross × a node coefficient: a payslip paid after the node changed its
    /// coefficient keeps the one the contract's gross was computed from its budget
    /// with. None: the pack's configured policy.
    pub employer_cost_coefficient: Option<Rate>,
}

/// What a fixed-term contract changes on its payslips.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixedTerm {
    /// Whether the end-of-contract indemnity the pack's law gives is due (some
    /// kinds of fixed-term contract are excluded by law).
    pub end_of_contract_indemnity: bool,
}

/// Days and hours worked in a payslip's period, as the work declarations record them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeWorked {
    /// Distinct days worked.
    pub days: rust_decimal::Decimal,
    /// Hours worked (zero when only days are known).
    pub hours: rust_decimal::Decimal,
}

/// Which side of the payslip a line is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LineSide {
    /// Deducted from (or, negative, added to) the gross on the way to net.
    Employee,
    /// Paid by the employer on top of the gross.
    Employer,
    /// Shown for explanation; not added anywhere.
    Info,
}

/// What a payslip line is. Core knows the kinds every country has (the node, the
/// journal and the periodic return read them); any other line is a kind its pack
/// defines with a stable code. The code is what payslips store and the Fluent
/// message id of the line's label, so a kind never changes its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LineKind {
    /// The employee's social security contribution (code `employee_social`).
    EmployeeSocialSecurity,
    /// A contribution withheld from pay besides social security, paid with it
    /// (code `special_social_contribution`).
    SpecialContribution,
    /// Income tax withheld at source (code `withholding_tax`).
    WithholdingTax,
    /// The employer's social security contribution (code `employer_social`).
    EmployerSocialSecurity,
    /// What the payslip costs the employer, shown to explain the budget used (code `employer_cost`).
    EmployerCost,
    /// A reduction of the employee's social security contribution (a negative amount),
    /// which the periodic return declares among its reductions under `declared_as`.
    Reduction {
        /// The line's stable code.
        code: &'static str,
        /// The name of the return's reduction the line adds to (several lines may share one).
        declared_as: &'static str,
    },
    /// Any other line, by the stable code its pack gives it.
    Pack(&'static str),
}

impl LineKind {
    /// The kinds core defines, whatever the pack.
    pub const CORE: [LineKind; 5] = [
        LineKind::EmployeeSocialSecurity,
        LineKind::SpecialContribution,
        LineKind::WithholdingTax,
        LineKind::EmployerSocialSecurity,
        LineKind::EmployerCost,
    ];

    /// The stable code, as payslips store it.
    pub const fn code(self) -> &'static str {
        match self {
            LineKind::EmployeeSocialSecurity => "employee_social",
            LineKind::SpecialContribution => "special_social_contribution",
            LineKind::WithholdingTax => "withholding_tax",
            LineKind::EmployerSocialSecurity => "employer_social",
            LineKind::EmployerCost => "employer_cost",
            LineKind::Reduction { code, .. } | LineKind::Pack(code) => code,
        }
    }

    /// The Fluent message id of the line's label: its code.
    pub const fn message_id(self) -> &'static str {
        self.code()
    }

    /// The kind whose code is `code`, among core's and `pack_kinds`; None for a
    /// code neither knows (a line a pack no longer writes).
    pub fn from_code(code: &str, pack_kinds: &[LineKind]) -> Option<LineKind> {
        LineKind::CORE.iter().chain(pack_kinds).copied().find(|k| k.code() == code)
    }
}

impl fmt::Display for LineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One payslip line: base, rate, amount, and the legal source it applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PayslipLine {
    /// What the line is; its code is stored and names its Fluent message.
    pub kind: LineKind,
    /// English label; packs' Fluent messages translate it.
    pub label: &'static str,
    /// Side of the payslip.
    pub side: LineSide,
    /// What the rate applies to.
    pub base: Money,
    /// The rate, where one applies.
    pub rate: Option<Rate>,
    /// The amount (positive for a deduction or a cost, negative for a reduction).
    pub amount: Money,
    /// The law, decree or official page applied.
    pub source: Arc<str>,
}

/// A computed payslip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payslip {
    /// Date whose parameters were applied.
    pub date: NaiveDate,
    /// Gross wage.
    pub gross: Money,
    /// Taxable wage (gross less employee social security).
    pub taxable: Money,
    /// Net wage paid.
    pub net: Money,
    /// Employer cost: what the activity's budget pays for this payslip.
    pub employer_cost: Money,
    /// Every line.
    pub lines: Vec<PayslipLine>,
}

impl Payslip {
    /// The line of `kind`.
    pub fn line(&self, kind: LineKind) -> Option<&PayslipLine> {
        self.lines.iter().find(|l| l.kind == kind)
    }

    /// The amount of the line of `kind`, zero when absent.
    pub fn amount(&self, kind: LineKind) -> Money {
        self.line(kind).map_or_else(|| Money::zero(self.gross.currency()), |l| l.amount)
    }

    /// The sum of the lines of these kinds (absent ones count as zero).
    pub fn total(&self, kinds: &[LineKind]) -> Result<Money, MoneyError> {
        Money::sum(self.gross.currency(), kinds.iter().map(|k| self.amount(*k)))
    }

    /// The reductions of the employee contribution, as the positive amount they
    /// reduce it by (zero when the pack has none).
    pub fn reductions(&self) -> Result<Money, MoneyError> {
        let reductions = self.lines.iter().filter(|l| matches!(l.kind, LineKind::Reduction { .. }));
        Ok(Money::sum(self.gross.currency(), reductions.map(|l| l.amount))?.negated())
    }
}

/// Who a payslip line's amount is owed to, for the journal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Liability {
    /// Social security (employee and employer contributions, reductions and bonuses on them).
    SocialSecurity,
    /// Income tax withheld at source.
    WithholdingTax,
    /// Holiday pay built up for later.
    HolidayPay,
    /// Kept by the cooperative: insurance, payroll costs, pooled margin.
    Margin,
}

/// A wage where more gross gives less net, declared by a pack with its source
/// (France's CET above one social security ceiling is one); the conformance kit allows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetThreshold {
    /// Worker category it applies to (or `*`).
    pub category: &'static str,
    /// Lowest monthly gross of the band where net may fall as gross rises.
    pub from: Money,
    /// Highest monthly gross of that band.
    pub to: Money,
    /// Why, with the law.
    pub source: &'static str,
}

/// Why payroll cannot compute.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PayrollError {
    /// Not one of the pack's categories.
    #[error("unknown worker kind '{category}' (expected one of: {known})")]
    UnknownCategory {
        /// What was asked.
        category: String,
        /// The pack's categories, listed.
        known: String,
    },
    /// Not a family situation.
    #[error("unknown family situation '{0}' (expected single, married-one-income, married-two-incomes or cohabiting)")]
    UnknownFamilySituation(String),
    /// A negative amount.
    #[error("{what} must not be negative, not {amount}")]
    Negative {
        /// Which amount.
        what: &'static str,
        /// The amount.
        amount: Money,
    },
    /// An amount beyond what a monthly payslip can be.
    #[error("{what} of {amount} is beyond a monthly payslip (at most {max})")]
    Absurd {
        /// Which amount.
        what: &'static str,
        /// The amount.
        amount: Money,
        /// The limit.
        max: Money,
    },
    /// A work fraction outside (0, 1].
    #[error("part time must be a fraction above 0 and at most 1, not {0}")]
    BadWorkFraction(Rate),
    /// More disabled children than children, or similar.
    #[error("household: {0}")]
    BadHousehold(String),
    /// The date is outside the pack's parameters.
    #[error(transparent)]
    NotCovered(#[from] ParameterError),
    /// No gross gives this net or budget.
    #[error("no gross wage gives {what} {amount}")]
    Unreachable {
        /// net or budget.
        what: &'static str,
        /// The target.
        amount: Money,
    },
    /// Amount arithmetic.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// The payroll rules of a country.
pub trait Payroll: Send + Sync {
    /// Currency of payslips.
    fn currency(&self) -> Currency;

    /// Worker categories the pack knows.
    fn categories(&self) -> &'static [&'static str];

    /// The highest monthly gross the pack computes (inputs above are refused as absurd).
    fn max_gross(&self) -> Money;

    /// Whether the pack has every payroll parameter in force on `date` (its coverage);
    /// a run for a period outside it is refused before any payslip.
    fn covers(&self, date: NaiveDate) -> Result<(), PayrollError> {
        let _ = date;
        Ok(())
    }

    /// The payslip of a monthly `gross`, with the parameters in force on `date`.
    fn payslip(&self, date: NaiveDate, gross: Money, employee: &Employee) -> Result<Payslip, PayrollError>;

    /// Net of a gross, without building lines (the inverses call it many times).
    fn net(&self, date: NaiveDate, gross: Money, employee: &Employee) -> Result<Money, PayrollError> {
        Ok(self.payslip(date, gross, employee)?.net)
    }

    /// Employer cost of a gross, without building lines.
    fn employer_cost(&self, date: NaiveDate, gross: Money, employee: &Employee) -> Result<Money, PayrollError> {
        Ok(self.payslip(date, gross, employee)?.employer_cost)
    }

    /// Who a line's amount is owed to; None for lines shown only to explain
    /// (the default: employee- and employer-side lines are social security, but
    /// `withholding_tax`, which is tax). The journal checks that the lines it
    /// posts and the net add up to the employer cost.
    fn liability(&self, line: &PayslipLine) -> Option<Liability> {
        match line.side {
            LineSide::Info => None,
            LineSide::Employee if line.kind == LineKind::WithholdingTax => Some(Liability::WithholdingTax),
            LineSide::Employee | LineSide::Employer => Some(Liability::SocialSecurity),
        }
    }

    /// Bands where more gross gives less net, with their source.
    fn thresholds(&self) -> Vec<NetThreshold> {
        Vec::new()
    }

    /// How many minor units the net may fall when the gross rises by a few minor
    /// units, because the law rounds several amounts separately (each can round
    /// the other way). Zero for a pack that rounds only once.
    fn net_rounding_slack(&self) -> i64 {
        0
    }

    /// The largest gross whose employer cost fits in `budget`. The cost of a gross
    /// cent is more than a cent, so the cost of the result is at most `budget` and
    /// short of it by less than the cost of one more gross cent.
    fn gross_for_budget(&self, date: NaiveDate, budget: Money, employee: &Employee) -> Result<Money, PayrollError> {
        check_amount("budget", budget, None)?;
        let currency = self.currency();
        let cost = |g: i64| -> Result<i64, PayrollError> {
            Ok(self.employer_cost(date, Money::from_minor(g, currency), employee)?.to_minor()?)
        };
        let target = budget.to_minor()?;
        // Smallest g whose cost exceeds the budget, minus one.
        match first_reaching(0, self.max_gross().to_minor()?, target.saturating_add(1), cost)? {
            Some(0) => Err(PayrollError::Unreachable { what: "budget", amount: budget }),
            Some(g) => Ok(Money::from_minor(g - 1, currency)),
            None => Ok(self.max_gross()),
        }
    }

    /// The smallest gross whose net is at least `net` (exactly `net` wherever the
    /// net moves by at most a cent per gross cent, i.e. outside declared thresholds).
    fn gross_for_net(&self, date: NaiveDate, net: Money, employee: &Employee) -> Result<Money, PayrollError> {
        check_amount("net", net, None)?;
        let currency = self.currency();
        let net_of = |g: i64| -> Result<i64, PayrollError> {
            Ok(self.net(date, Money::from_minor(g, currency), employee)?.to_minor()?)
        };
        match first_reaching(0, self.max_gross().to_minor()?, net.to_minor()?, net_of)? {
            Some(g) => Ok(Money::from_minor(g, currency)),
            None => Err(PayrollError::Unreachable { what: "net", amount: net }),
        }
    }

    /// The smallest gross whose net before income tax withheld reaches `net`: what a
    /// simulation's net means where the pack shows the net before tax (the default: the net).
    fn gross_for_net_before_tax(
        &self,
        date: NaiveDate,
        net: Money,
        employee: &Employee,
    ) -> Result<Money, PayrollError> {
        self.gross_for_net(date, net, employee)
    }

    /// Named totals the pack's payslips show beyond core's fields (a simulation prints them; a
    /// name a simulation already shows, such as `net`, gives that field the pack's meaning).
    /// Empty by default.
    fn summary(&self, payslip: &Payslip) -> Vec<(&'static str, Money)> {
        let _ = payslip;
        Vec::new()
    }

    /// Every kind of line the pack's payslips carry beyond core's, so a stored
    /// line's code reads back as its kind.
    fn line_kinds(&self) -> &'static [LineKind] {
        &[]
    }

    /// The return's deduction code that a payslip line of `code` advances: a monthly
    /// advance on a reduction the periodic return computes for the whole period, shown
    /// beside the return's figure rather than added to its contributions. None by default.
    fn advance_of(&self, code: &str) -> Option<&'static str> {
        let _ = code;
        None
    }

    /// The kind of a stored line's `code`, among core's kinds and the pack's.
    fn line_kind(&self, code: &str) -> Option<LineKind> {
        LineKind::from_code(code, self.line_kinds())
    }
}

/// The smallest `x` in `[lo, hi]` with `f(x) >= target`, for a non-decreasing `f`
/// (None if even `f(hi)` falls short). Payroll functions are piecewise linear, so
/// interpolating between the bracket's ends lands within a few cents in two or
/// three steps; a bisection step every other time keeps the worst case logarithmic.
pub fn first_reaching<F>(lo: i64, hi: i64, target: i64, mut f: F) -> Result<Option<i64>, PayrollError>
where
    F: FnMut(i64) -> Result<i64, PayrollError>,
{
    let (mut lo, mut hi) = (lo, hi);
    let (mut flo, mut fhi) = (f(lo)?, f(hi)?);
    if flo >= target {
        return Ok(Some(lo));
    }
    if fhi < target {
        return Ok(None);
    }
    let mut interpolate = true;
    while hi - lo > 1 {
        let mid = if interpolate && fhi > flo {
            let step = i128::from(target - flo) * i128::from(hi - lo) / i128::from(fhi - flo);
            lo.saturating_add(i64::try_from(step).unwrap_or(hi - lo)).clamp(lo + 1, hi - 1)
        } else {
            lo + (hi - lo) / 2
        };
        let fm = f(mid)?;
        let before = hi - lo;
        if fm >= target {
            hi = mid;
            fhi = fm;
        } else {
            lo = mid;
            flo = fm;
        }
        // Interpolate while it shrinks the bracket well; bisect when it does not.
        interpolate = hi - lo <= before / 2 || !interpolate;
    }
    Ok(Some(hi))
}

/// Refuses negative amounts and (when `max` is given) absurd ones.
pub fn check_amount(what: &'static str, amount: Money, max: Option<Money>) -> Result<(), PayrollError> {
    if amount.is_negative() {
        return Err(PayrollError::Negative { what, amount });
    }
    if let Some(max) = max {
        if amount.amount() > max.amount() {
            return Err(PayrollError::Absurd { what, amount, max });
        }
    }
    Ok(())
}

impl fmt::Display for LineSide {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LineSide::Employee => "employee",
            LineSide::Employer => "employer",
            LineSide::Info => "info",
        })
    }
}

/// Which payslip of a contract's month: the month's own, or the year-end true-up
/// of a stabilised contract. Stored and sent by its stable name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PayslipKind {
    /// The month's payslip (`regular`).
    Regular,
    /// The true-up of a stabilised contract's year (`true_up`).
    TrueUp,
}

impl PayslipKind {
    /// Every kind, in the order the API lists them.
    pub const ALL: [PayslipKind; 2] = [PayslipKind::Regular, PayslipKind::TrueUp];

    /// The stable name used in storage and the API.
    pub const fn as_str(self) -> &'static str {
        match self {
            PayslipKind::Regular => "regular",
            PayslipKind::TrueUp => "true_up",
        }
    }
}

impl std::fmt::Display for PayslipKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for PayslipKind {
    type Err = String;
    /// The kind of a stable name; the error quotes the names there are.
    fn from_str(s: &str) -> Result<Self, String> {
        PayslipKind::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| {
            format!("'{s}' is not a payslip kind (expected {})", PayslipKind::ALL.map(PayslipKind::as_str).join(", "))
        })
    }
}

/// Where a payroll run stands, stored and sent by its stable name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PayrollRunStatus {
    /// Paying its contracts, a chunk at a time; resumed after a stop.
    Running,
    /// Every payslip made: its credit transfer file can be drawn.
    Completed,
}

impl PayrollRunStatus {
    /// Every status, in the order the API lists them.
    pub const ALL: [PayrollRunStatus; 2] = [PayrollRunStatus::Running, PayrollRunStatus::Completed];

    /// The stable name used in storage and the API.
    pub const fn as_str(self) -> &'static str {
        match self {
            PayrollRunStatus::Running => "running",
            PayrollRunStatus::Completed => "completed",
        }
    }

    /// The status once its last payslip is made: only a running run completes, once.
    pub fn complete(self) -> Result<PayrollRunStatus, RunStatusError> {
        match self {
            PayrollRunStatus::Running => Ok(PayrollRunStatus::Completed),
            other => Err(RunStatusError::NotRunning(other)),
        }
    }
}

impl fmt::Display for PayrollRunStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PayrollRunStatus {
    type Err = RunStatusError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PayrollRunStatus::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| RunStatusError::Unknown(s.into()))
    }
}

/// Why a payroll run's status is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RunStatusError {
    /// A name that is no payroll run status.
    #[error("'{0}' is not a payroll run status")]
    Unknown(String),
    /// Only a running run completes.
    #[error("the payroll run is {0}: only a running one completes")]
    NotRunning(PayrollRunStatus),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payslip_kind_is_read_back_from_its_stored_name_and_nothing_else() {
        for kind in PayslipKind::ALL {
            assert_eq!(kind.as_str().parse::<PayslipKind>(), Ok(kind));
        }
        assert_eq!("true_up".parse::<PayslipKind>(), Ok(PayslipKind::TrueUp));
        let refused = "true-up".parse::<PayslipKind>().unwrap_err();
        assert!(refused.contains("regular, true_up"), "{refused}");
    }

    #[test]
    fn a_payslip_finds_its_lines_by_kind_and_adds_up_its_reductions() {
        let eur = |minor| Money::from_minor(minor, Currency::EUR);
        let line = |kind, amount| PayslipLine {
            kind,
            label: "",
            side: LineSide::Employee,
            base: eur(100_000),
            rate: None,
            amount: eur(amount),
            source: Arc::from("test"),
        };
        let slip = Payslip {
            date: NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(),
            gross: eur(100_000),
            taxable: eur(90_000),
            net: eur(80_000),
            employer_cost: eur(130_000),
            lines: vec![
                line(LineKind::EmployeeSocialSecurity, 13_070),
                line(LineKind::Reduction { code: "bonus_a", declared_as: "low_wage" }, -2_000),
                line(LineKind::Reduction { code: "bonus_b", declared_as: "low_wage" }, -500),
                line(LineKind::Pack("bonus_a"), 7),
            ],
        };
        assert_eq!(slip.amount(LineKind::EmployeeSocialSecurity), eur(13_070));
        assert_eq!(slip.amount(LineKind::WithholdingTax), eur(0));
        // A pack line sharing a reduction's code is another kind.
        assert_eq!(slip.amount(LineKind::Pack("bonus_a")), eur(7));
        assert_eq!(slip.reductions().unwrap(), eur(2_500));
    }

    #[test]
    fn a_line_kind_reads_back_from_its_stored_code() {
        const BONUS: LineKind = LineKind::Reduction { code: "low_wage_bonus", declared_as: "low_wage" };
        const KEY: LineKind = LineKind::Pack("tax_key");
        let pack = [BONUS, KEY];
        for kind in LineKind::CORE.into_iter().chain(pack) {
            assert_eq!(LineKind::from_code(kind.code(), &pack), Some(kind), "{kind}");
        }
        assert_eq!(LineKind::WithholdingTax.code(), "withholding_tax");
        assert_eq!(BONUS.message_id(), "low_wage_bonus");
        assert_eq!(LineKind::from_code("low_wage_bonus", &[]), None);
        assert_eq!(LineKind::from_code("nothing", &pack), None);
    }

    #[test]
    fn first_reaching_finds_the_smallest_argument_of_a_step_function() {
        // f(x) = floor(x * 0.6): many x share a value; the first one is wanted.
        let f = |x: i64| Ok(x * 6 / 10);
        for target in [0, 1, 59, 600, 599_999] {
            let x = first_reaching(0, 1_000_000, target, f).unwrap().unwrap();
            assert!(f(x).unwrap() >= target && (x == 0 || f(x - 1).unwrap() < target), "{target} -> {x}");
        }
        assert_eq!(first_reaching(0, 100, 61, f).unwrap(), None);
    }

    #[test]
    fn first_reaching_copes_with_kinks_and_plateaus() {
        // A plateau (a threshold) and a steep part.
        let f = |x: i64| {
            Ok(if x < 1000 {
                x
            } else if x < 5000 {
                1000
            } else {
                1000 + (x - 5000) * 3
            })
        };
        assert_eq!(first_reaching(0, 100_000, 1000, f).unwrap(), Some(1000));
        assert_eq!(first_reaching(0, 100_000, 1001, f).unwrap(), Some(5001));
        assert_eq!(first_reaching(0, 100_000, 1003, f).unwrap(), Some(5001));
        assert_eq!(first_reaching(0, 100_000, 1004, f).unwrap(), Some(5002));
    }

    #[test]
    fn each_payroll_run_status_reads_back_its_stored_name() {
        for status in PayrollRunStatus::ALL {
            assert_eq!(status.as_str().parse::<PayrollRunStatus>(), Ok(status));
        }
        assert_eq!(PayrollRunStatus::Running.as_str(), "running");
        assert_eq!(PayrollRunStatus::Completed.as_str(), "completed");
    }

    #[test]
    fn an_unknown_payroll_run_status_is_refused() {
        assert_eq!("done".parse::<PayrollRunStatus>(), Err(RunStatusError::Unknown("done".into())));
    }

    #[test]
    fn a_running_payroll_run_completes_once_and_never_again() {
        assert_eq!(PayrollRunStatus::Running.complete(), Ok(PayrollRunStatus::Completed));
        assert_eq!(
            PayrollRunStatus::Completed.complete(),
            Err(RunStatusError::NotRunning(PayrollRunStatus::Completed))
        );
    }
}
