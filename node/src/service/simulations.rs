//! Payroll simulations: what a budget, a gross or a net becomes, line by line,
//! before a member commits. Nothing is stored.

use super::views::{SimulationLineView, SimulationView};
use crate::config::Settings;
use crate::error::AppError;
use chrono::NaiveDate;
use partage_core::money::{Money, Rate};
use partage_core::pack::CountryPack;
use partage_core::payroll::{Employee, FamilySituation, FixedTerm, Household, LineKind, Payslip, TimeWorked};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// What the simulation starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A monthly gross wage.
    Gross(Money),
    /// A budget: the employer cost available.
    Budget(Money),
    /// A net wage wanted.
    Net(Money),
}

/// A simulation request.
#[derive(Clone, Debug)]
pub struct SimulationInput {
    /// Country code asked for (must be the node's pack).
    pub country: String,
    /// Date whose parameters apply.
    pub date: NaiveDate,
    /// Starting amount.
    pub target: Target,
    /// Worker kind (None: the pack's first).
    pub worker: Option<String>,
    /// Family situation.
    pub family: FamilySituation,
    /// Dependent children.
    pub children: u32,
    /// Of which disabled.
    pub disabled_children: u32,
    /// Part-time fraction (1 for full time).
    pub part_time: Decimal,
    /// Days and hours of a contract shorter than a month (None: a month).
    pub worked: Option<TimeWorked>,
    /// The worker is disabled.
    pub disabled: bool,
    /// A fixed-term contract's terms (None: open-ended).
    pub fixed_term: Option<FixedTerm>,
    /// A personal withholding-tax rate (None: the pack's default scale).
    pub withholding_rate: Option<Rate>,
    /// The employer's profile where it differs from the node's: keys of the pack's
    /// configuration section with their values as text, which the pack checks.
    pub employer: BTreeMap<String, String>,
    /// Language of the labels.
    pub language: String,
}

fn amount(m: Money) -> String {
    m.amount().to_string()
}

/// Runs a simulation with the node's pack, or with the same pack for another
/// employer profile when the request gives one, or with another country's pack (its
/// default section, with the request's employer profile) when the request names one.
///
/// `coefficient` is the node's employer-cost coefficient in force on the day the simulation
/// runs (the one a contract made that day is computed at); none: the configuration's.
pub fn simulate(
    pack: &dyn CountryPack,
    settings: &Settings,
    input: &SimulationInput,
    coefficient: Option<Rate>,
) -> Result<SimulationView, AppError> {
    if !input.country.eq_ignore_ascii_case(pack.country().as_str()) {
        let unknown = || {
            AppError::invalid(
                "country",
                format!(
                    "no country pack for '{}' (available: {})",
                    input.country,
                    partage_packs::AVAILABLE.join(", ").to_lowercase()
                ),
            )
        };
        let code = partage_core::client::CountryCode::parse(&input.country.to_uppercase()).map_err(|_| unknown())?;
        let other = partage_packs::configure(code, None).map_err(|_| unknown())?;
        let section = other.section_name();
        let other = other.with_overrides(&input.employer).map_err(|e| {
            let field = e.key.strip_prefix(section).map_or(e.key.as_str(), |k| k.trim_start_matches('.'));
            AppError::invalid(field, e.message.clone())
        })?;
        let pack = other.load(&settings.pack_context())?;
        return simulate_with(pack.as_ref(), &other.section(), input, coefficient);
    }
    if input.employer.is_empty() {
        return simulate_with(pack, &settings.pack.section(), input, coefficient);
    }
    let section = settings.pack.section_name();
    let other = settings.pack.with_overrides(&input.employer).map_err(|e| {
        // The request names the section's keys without the section.
        let field = e.key.strip_prefix(section).map_or(e.key.as_str(), |k| k.trim_start_matches('.'));
        AppError::invalid(field, e.message.clone())
    })?;
    let pack = other.load(&settings.pack_context())?;
    simulate_with(pack.as_ref(), &other.section(), input, coefficient)
}

fn simulate_with(
    pack: &dyn CountryPack,
    profile: &BTreeMap<String, String>,
    input: &SimulationInput,
    coefficient: Option<Rate>,
) -> Result<SimulationView, AppError> {
    if !input.country.eq_ignore_ascii_case(pack.country().as_str()) {
        return Err(AppError::invalid(
            "country",
            format!("this node runs the {} pack, not '{}'", pack.country(), input.country),
        ));
    }
    let payroll = pack.payroll();
    let category = match &input.worker {
        Some(w) => w.clone(),
        None => payroll.categories().first().map_or_else(String::new, |c| (*c).to_owned()),
    };
    let employee = Employee {
        category,
        household: Household {
            situation: input.family,
            children: input.children,
            disabled_children: input.disabled_children,
            disabled: input.disabled,
            ..Household::single()
        },
        work_fraction: Rate(input.part_time),
        worked: input.worked,
        fixed_term: input.fixed_term,
        withholding_rate: input.withholding_rate,
        employer_cost_coefficient: coefficient,
    };
    let (gross, budget) = match input.target {
        Target::Gross(g) => (g, None),
        Target::Budget(b) => (payroll.gross_for_budget(input.date, b, &employee)?, Some(b)),
        Target::Net(n) => (payroll.gross_for_net_before_tax(input.date, n, &employee)?, None),
    };
    let p: Payslip = payroll.payslip(input.date, gross, &employee)?;
    let mut view = SimulationView {
        country: pack.country().to_string(),
        date: input.date,
        currency: p.gross.currency().code().into(),
        gross: amount(p.gross),
        employee_social: amount(p.amount(LineKind::EmployeeSocialSecurity)),
        // The reductions of the employee contribution the pack defines (zero without any).
        social_work_bonus: amount(p.reductions()?),
        taxable: amount(p.taxable),
        withholding_tax: amount(p.amount(LineKind::WithholdingTax)),
        special_social_contribution: amount(p.amount(LineKind::SpecialContribution)),
        net: amount(p.net),
        employer_social: amount(p.amount(LineKind::EmployerSocialSecurity)),
        employer_cost: amount(p.employer_cost),
        budget: amount(budget.unwrap_or(p.employer_cost)),
        // A pack line the view shows apart; zero for a pack without it.
        structural_reduction: amount(
            payroll
                .line_kind("structural_reduction")
                .map_or_else(|| Money::zero(p.gross.currency()), |k| p.amount(k))
                .negated(),
        ),
        employer_workers: profile.get("employer_workers").and_then(|w| w.parse().ok()).unwrap_or(0),
        commercial: profile.get("commercial").is_none_or(|c| c == "true"),
        joint_committee: profile.get("joint_committee").cloned(),
        lines: p
            .lines
            .iter()
            .map(|l| SimulationLineView {
                code: l.kind.code().into(),
                label: pack.label(&input.language, l.kind.message_id()).unwrap_or_else(|| l.label.to_owned()),
                side: l.side.to_string(),
                base: amount(l.base),
                rate: l.rate.map(|r| r.value().normalize().to_string()),
                amount: amount(l.amount),
                source: l.source.to_string(),
                basis: pack.label(&input.language, &format!("basis-{}", l.kind.code())),
            })
            .collect(),
        totals: BTreeMap::new(),
    };
    // The pack's own totals: a name the view has takes the pack's meaning, the others are added.
    for (name, value) in payroll.summary(&p) {
        let text = amount(value);
        match name {
            "gross" => view.gross = text,
            "employee_social" => view.employee_social = text,
            "net" => view.net = text,
            "employer_social" => view.employer_social = text,
            "employer_cost" => view.employer_cost = text,
            _ => {
                view.totals.insert(name.to_owned(), text);
            }
        }
    }
    Ok(view)
}

/// The simulation as a table for a terminal.
pub fn render_text(v: &SimulationView) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "Payslip simulation, {} parameters of {} ({})", v.country, v.date, v.currency);
    let _ = writeln!(
        out,
        "Employer: {} workers, {}, joint committee {}",
        v.employer_workers,
        if v.commercial { "commercial" } else { "non-commercial" },
        v.joint_committee.as_deref().unwrap_or("not stated")
    );
    let _ = writeln!(out, "{:<46} {:>10} {:>8} {:>10}", "line", "base", "rate", "amount");
    for l in &v.lines {
        let rate = l.rate.as_deref().map(percent).unwrap_or_default();
        let _ = writeln!(out, "{:<46} {:>10} {:>8} {:>10}", l.label, l.base, rate, l.amount);
    }
    let _ = writeln!(out);
    for (label, value) in [
        ("gross", &v.gross),
        ("employee social security", &v.employee_social),
        ("reduction of employee social security", &v.social_work_bonus),
        ("taxable", &v.taxable),
        ("withholding tax", &v.withholding_tax),
        ("special social security contribution", &v.special_social_contribution),
        ("net", &v.net),
        ("employer social security", &v.employer_social),
        ("structural reduction (monthly advance)", &v.structural_reduction),
        ("employer cost", &v.employer_cost),
        ("budget", &v.budget),
    ] {
        let _ = writeln!(out, "{label:<46} {value:>10}");
    }
    for (label, value) in &v.totals {
        let _ = writeln!(out, "{:<46} {value:>10}", label.replace('_', " "));
    }
    let _ = writeln!(out, "\nSources:");
    let mut seen = std::collections::BTreeSet::new();
    for l in &v.lines {
        if seen.insert(l.source.as_str()) {
            let _ = writeln!(out, "  {}: {}", l.code, l.source);
        }
    }
    out
}

fn percent(fraction: &str) -> String {
    Decimal::from_str_exact(fraction)
        .map(|d| format!("{}%", (d * Decimal::ONE_HUNDRED).normalize()))
        .unwrap_or_default()
}
