//! The conformance kit: properties every country pack's payroll must have,
//! checked with proptest over the pack's coverage period, wage range, worker
//! categories and households. A pack runs it from one test:
//!
//! ```ignore
//! partage_pack_conformance::check(&pack, &Spec::new(from, to)).unwrap();
//! ```
//!
//! Properties: net ≤ gross ≤ employer cost; more gross never gives less net
//! except inside bands the pack declares with their source (and, over a few
//! cents, by no more than the rounding slack the pack declares and explains); budget → gross →
//! employer cost stays within the budget, short of it by less than one more gross
//! cent would cost; net → gross → net returns the net; results are deterministic
//! and in the currency's minor unit; every parameter in force has a source, and
//! payroll computes on every day of the period (no gap), but for the worker kinds and
//! days a pack declares it refuses (a rate no source gives): those it must refuse.
//!
//! [`typography`] checks the French spacing of a Fluent catalogue; the packs, the node and
//! HQ run it on their French files.

use chrono::{Days, NaiveDate};
use partage_core::money::{Money, Rate};
use partage_core::pack::CountryPack;
use partage_core::payroll::{Employee, FamilySituation, Household, NetThreshold, Payroll};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use rust_decimal::Decimal;

pub mod typography;

/// What to check a pack over.
#[derive(Clone, Debug)]
pub struct Spec {
    /// First day of the coverage period.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Highest monthly gross the properties draw (in minor units).
    pub max_gross_minor: i64,
    /// Households drawn.
    pub households: Vec<Household>,
    /// Work fractions drawn.
    pub fractions: Vec<Rate>,
    /// Cases per property.
    pub cases: u32,
    /// Worker kinds the pack refuses from a date (a value it cannot source), as (kind, first day
    /// refused): their payslips must be errors from that day, and no property draws them.
    pub refused: Vec<(String, NaiveDate)>,
}

impl Spec {
    /// Defaults: gross up to 20,000 a month, the four family situations with and
    /// without children, full and part time, 256 cases per property.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Spec {
        let mut households = Vec::new();
        for situation in [
            FamilySituation::Single,
            FamilySituation::MarriedOneIncome,
            FamilySituation::MarriedTwoIncomes,
            FamilySituation::Cohabiting,
        ] {
            for children in [0, 2] {
                households.push(Household { situation, children, ..Household::single() });
            }
        }
        Spec {
            from,
            to,
            max_gross_minor: 2_000_000,
            households,
            fractions: vec![Rate(Decimal::ONE), Rate(Decimal::new(8, 1)), Rate(Decimal::new(5, 1))],
            cases: 256,
            refused: Vec::new(),
        }
    }

    /// Whether the pack declares it refuses `category` on `date`.
    pub fn refuses(&self, category: &str, date: NaiveDate) -> bool {
        self.refused.iter().any(|(kind, from)| kind == category && date >= *from)
    }
}

/// One drawn situation: a date, an employee and a gross.
#[derive(Clone, Debug)]
struct Case {
    date: NaiveDate,
    employee: Employee,
    gross: i64,
}

fn cases(payroll: &dyn Payroll, spec: &Spec) -> impl Strategy<Value = Case> {
    let days = u64::try_from((spec.to - spec.from).num_days()).unwrap_or(0);
    let from = spec.from;
    let categories: Vec<String> = payroll.categories().iter().map(|c| (*c).to_owned()).collect();
    (
        0..=days,
        proptest::sample::select(categories),
        proptest::sample::select(spec.households.clone()),
        proptest::sample::select(spec.fractions.clone()),
        0..=spec.max_gross_minor,
    )
        .prop_map(move |(day, category, household, fraction, gross)| Case {
            date: from.checked_add_days(Days::new(day)).unwrap_or(from),
            employee: Employee {
                category,
                household,
                work_fraction: fraction,
                worked: None,
                fixed_term: None,
                withholding_rate: None,
                employer_cost_coefficient: None,
            },
            gross,
        })
}

fn money(payroll: &dyn Payroll, minor: i64) -> Money {
    Money::from_minor(minor, payroll.currency())
}

fn fail(what: impl Into<String>) -> TestCaseError {
    TestCaseError::fail(what.into())
}

fn run<F>(name: &str, payroll: &dyn Payroll, spec: &Spec, property: F) -> Result<(), String>
where
    F: Fn(&Case) -> Result<(), TestCaseError>,
{
    let mut runner = TestRunner::new(Config { cases: spec.cases, failure_persistence: None, ..Config::default() });
    runner
        .run(&cases(payroll, spec), |c| if spec.refuses(&c.employee.category, c.date) { Ok(()) } else { property(&c) })
        .map_err(|e| format!("{name}: {e}"))
}

fn minor_units_ok(m: Money) -> bool {
    m.amount().scale() <= m.currency().minor_units()
}

/// True when a declared threshold band for this category meets [lo, hi].
fn near_threshold(thresholds: &[NetThreshold], category: &str, lo: Money, hi: Money) -> bool {
    thresholds.iter().any(|t| {
        (t.category == "*" || t.category == category) && t.from.amount() <= hi.amount() && lo.amount() <= t.to.amount()
    })
}

/// Runs every property; the error lists each failing property with a minimal case.
pub fn check(pack: &dyn CountryPack, spec: &Spec) -> Result<(), String> {
    let payroll = pack.payroll();
    let thresholds = payroll.thresholds();
    for t in &thresholds {
        if t.source.trim().is_empty() {
            return Err(format!("threshold {}..{} has no source", t.from, t.to));
        }
    }
    let mut failures = Vec::new();
    let mut record = |r: Result<(), String>| {
        if let Err(e) = r {
            failures.push(e);
        }
    };

    record(run("net <= gross <= employer cost, amounts in minor units", payroll, spec, |c| {
        let p = payroll.payslip(c.date, money(payroll, c.gross), &c.employee).map_err(|e| fail(e.to_string()))?;
        if !(p.net.amount() <= p.gross.amount() && p.gross.amount() <= p.employer_cost.amount()) {
            return Err(fail(format!("net {} gross {} employer cost {}", p.net, p.gross, p.employer_cost)));
        }
        let all = [p.gross, p.net, p.taxable, p.employer_cost]
            .into_iter()
            .chain(p.lines.iter().flat_map(|l| [l.base, l.amount]));
        if let Some(bad) = all.into_iter().find(|m| !minor_units_ok(*m)) {
            return Err(fail(format!("{bad} is finer than the minor unit")));
        }
        if p.lines.iter().any(|l| l.source.trim().is_empty()) {
            return Err(fail("a payslip line without source"));
        }
        // Payslips are stored with their lines' codes: each must read back as its kind.
        if let Some(l) = p.lines.iter().find(|l| payroll.line_kind(l.kind.code()) != Some(l.kind)) {
            return Err(fail(format!("line {} does not read back from its stored code", l.kind)));
        }
        Ok(())
    }));

    record(run("deterministic", payroll, spec, |c| {
        let a = payroll.payslip(c.date, money(payroll, c.gross), &c.employee).map_err(|e| fail(e.to_string()))?;
        let b = payroll.payslip(c.date, money(payroll, c.gross), &c.employee).map_err(|e| fail(e.to_string()))?;
        let fast = payroll.net(c.date, money(payroll, c.gross), &c.employee).map_err(|e| fail(e.to_string()))?;
        if a != b || fast != a.net {
            return Err(fail("two computations of one case differ"));
        }
        Ok(())
    }));

    let slack = payroll.net_rounding_slack();
    record(run("more gross never gives less net (outside declared thresholds)", payroll, spec, |c| {
        // A cent or a few: the net may dip by the pack's declared rounding slack.
        // Ten euros and more: the net must not fall at all.
        for step in [1i64, 7, 100, 1_000, 2_500] {
            let hi = (c.gross + step).min(spec.max_gross_minor.max(c.gross));
            if hi == c.gross {
                continue;
            }
            let (lo_m, hi_m) = (money(payroll, c.gross), money(payroll, hi));
            let n_lo = payroll.net(c.date, lo_m, &c.employee).map_err(|e| fail(e.to_string()))?;
            let n_hi = payroll.net(c.date, hi_m, &c.employee).map_err(|e| fail(e.to_string()))?;
            let allowed = if step < 1_000 { slack } else { 0 };
            let fall = n_lo.to_minor().unwrap_or(0) - n_hi.to_minor().unwrap_or(0);
            if fall > allowed && !near_threshold(&thresholds, &c.employee.category, lo_m, hi_m) {
                return Err(fail(format!("gross {lo_m} gives net {n_lo}, gross {hi_m} gives less: {n_hi}")));
            }
        }
        Ok(())
    }));

    record(run("budget -> gross -> employer cost returns the budget", payroll, spec, |c| {
        let budget =
            payroll.employer_cost(c.date, money(payroll, c.gross), &c.employee).map_err(|e| fail(e.to_string()))?;
        // Also a budget that is not exactly the cost of some gross.
        for b in [budget.to_minor().unwrap_or(0), budget.to_minor().unwrap_or(0) + 1] {
            let b = money(payroll, b);
            let g = payroll.gross_for_budget(c.date, b, &c.employee).map_err(|e| fail(e.to_string()))?;
            let cost = payroll.employer_cost(c.date, g, &c.employee).map_err(|e| fail(e.to_string()))?;
            let next = money(payroll, g.to_minor().unwrap_or(0) + 1);
            let cost_next = payroll.employer_cost(c.date, next, &c.employee).map_err(|e| fail(e.to_string()))?;
            if cost.amount() > b.amount() || cost_next.amount() <= b.amount() {
                return Err(fail(format!("budget {b}: gross {g} costs {cost}, one more cent costs {cost_next}")));
            }
        }
        if payroll.gross_for_budget(c.date, budget, &c.employee).map_err(|e| fail(e.to_string()))?
            != money(payroll, c.gross)
            && payroll
                .employer_cost(c.date, money(payroll, c.gross + 1), &c.employee)
                .map_err(|e| fail(e.to_string()))?
                != budget
        {
            return Err(fail(format!("the budget {budget} of gross {} does not give it back", c.gross)));
        }
        Ok(())
    }));

    record(run("net -> gross -> net returns the net", payroll, spec, |c| {
        let net = payroll.net(c.date, money(payroll, c.gross), &c.employee).map_err(|e| fail(e.to_string()))?;
        let g = payroll.gross_for_net(c.date, net, &c.employee).map_err(|e| fail(e.to_string()))?;
        let back = payroll.net(c.date, g, &c.employee).map_err(|e| fail(e.to_string()))?;
        if back != net && !near_threshold(&thresholds, &c.employee.category, g, money(payroll, c.gross)) {
            return Err(fail(format!("net {net} (from gross {}) -> gross {g} -> net {back}", c.gross)));
        }
        Ok(())
    }));

    // Coverage: every parameter in force has a source, and payroll computes on
    // every day of the period for every category.
    let mut day = spec.from;
    while day <= spec.to {
        match pack.parameters(day) {
            Ok(views) if views.is_empty() => failures.push(format!("no parameter in force on {day}")),
            Ok(views) => {
                if let Some(v) = views.iter().find(|v| v.source.trim().is_empty()) {
                    failures.push(format!("{} on {day} has no source", v.name));
                }
            }
            Err(e) => failures.push(format!("parameters on {day}: {e}")),
        }
        for category in payroll.categories() {
            let e = Employee {
                category: (*category).to_owned(),
                household: Household::single(),
                work_fraction: Rate(Decimal::ONE),
                worked: None,
                fixed_term: None,
                withholding_rate: None,
                employer_cost_coefficient: None,
            };
            match (payroll.payslip(day, money(payroll, 300_000), &e), spec.refuses(category, day)) {
                (Err(err), false) => failures.push(format!("{category} on {day}: {err}")),
                (Ok(_), true) => failures.push(format!("{category} on {day}: computed, but declared refused")),
                (Ok(_), false) | (Err(_), true) => {}
            }
        }
        day = day.checked_add_days(Days::new(1)).unwrap_or(spec.to.succ_opt().unwrap_or(spec.to));
        if failures.len() > 20 {
            break;
        }
    }

    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}
