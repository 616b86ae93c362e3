//! The periodic social security return, built from the payslips of a period (the
//! quarter or month the pack's `return_frequency` says), rendered by the pack and
//! stored with every version kept.
//!
//! A return is filed after its period ends, so building one for a period still
//! running is refused. Building a period again makes a new version beside the first:
//! the correction is the whole period recomputed from the payslips as they stand (the
//! pack writes the original message; an amendment message is not written).
//!
//! What each part comes from:
//! - one worker per member, identified by the member row (national number, names,
//!   birth date): a member without a national number stops the build, naming them;
//! - one employment line per contract, with its worker category and collective
//!   agreement (the same node configuration the hiring declaration used), the
//!   contract's dates, and the days and hours of its declared work periods;
//! - the amounts from the payslip lines, by their kinds: gross, the employee
//!   contribution and its base, the employer contribution, the special contribution,
//!   and the reductions of the employee contribution under the names the pack gives.

use super::errors::ReturnRefusal;
use super::payslip_lines::lines_of;
use super::views::{AdvanceView, CodedAmountView, DeclaredView, QuarterlyReturnTotalsView, QuarterlyReturnView};
use super::{minor, money, Node};
use crate::error::AppError;
use crate::storage::entities::{contract, member, payslip, quarterly_return, work_period};
use crate::storage::is_unique_violation;
use chrono::{NaiveDate, NaiveDateTime};
use partage_core::contract::ContractKind;
use partage_core::hiring::{DeclaredWorker, DeclaringEmployer};
use partage_core::pack::PackError;
use partage_core::payroll::{LineKind, Payroll};
use partage_core::social_return::{
    DeclaredAmounts, EmploymentLine, LineAmounts, NamedAmount, ReturnFrequency, ReturnPeriod, ReturnedWorker,
    SocialReturn, WorkingTime,
};
use partage_core::Money;
use rust_decimal::Decimal;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

/// Rows per `IN (...)` list, under SQLite's and PostgreSQL's bound-parameter limits.
const IDS_PER_QUERY: usize = 1_000;

/// What a stored return's document declares by code, with the payslips' monthly
/// advances on its deductions (the `declared` column, JSON).
#[derive(Debug, Default, Serialize, Deserialize)]
struct Declared {
    contributions: Vec<Coded>,
    deductions: Vec<Coded>,
    advances: Vec<Coded>,
}

/// An amount under a return's code, in minor units of the return's currency.
#[derive(Debug, Serialize, Deserialize)]
struct Coded {
    code: String,
    amount_minor: i64,
}

fn coded(list: &[NamedAmount]) -> Result<Vec<Coded>, AppError> {
    list.iter().map(|n| Ok(Coded { code: n.name.to_owned(), amount_minor: minor(n.amount)? })).collect()
}

/// A return's period with its first and last days, parsed from the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quarter {
    /// The quarter or month, as the pack files it.
    pub period: ReturnPeriod,
    /// First day.
    pub first: NaiveDate,
    /// Last day.
    pub last: NaiveDate,
}

/// The word for a period of `frequency` and how it is written, for messages.
fn written(frequency: ReturnFrequency) -> (&'static str, &'static str) {
    match frequency {
        ReturnFrequency::Quarterly => ("quarter", "YYYY-Qn (2026-Q3)"),
        ReturnFrequency::Monthly => ("month", "YYYY-MM (2026-07)"),
    }
}

impl Quarter {
    /// Parses a period of `frequency` (`YYYY-Qn` for a quarter, `YYYY-MM` for a month).
    pub fn parse(frequency: ReturnFrequency, text: &str) -> Result<Quarter, AppError> {
        let (noun, form) = written(frequency);
        let bad = || AppError::invalid("quarter", format!("'{text}' is not a {noun} written {form}"));
        let period = ReturnPeriod::parse(frequency, text).ok_or_else(bad)?;
        let first = period.first_day().map_err(|_| bad())?;
        let last = period.last_day().map_err(|_| bad())?;
        Ok(Quarter { period, first, last })
    }

    /// `YYYY-Qn` or `YYYY-MM`.
    pub fn key(&self) -> String {
        self.period.key()
    }

    /// The payroll periods (`YYYY-MM`) of the return's period.
    fn months(&self) -> Vec<String> {
        self.period.months().unwrap_or_default().into_iter().map(|(y, m)| format!("{y:04}-{m:02}")).collect()
    }
}

/// Days per week, weekly hours and the reference person's weekly hours of a line.
///
/// Partage's contracts are day contracts paid per performance: each day declared is
/// a full day of a five-day week, measured against 38 hours, the legal maximum average
/// working week (law of 16 March 1971 on work, art. 19) that collective agreements apply.
fn day_contract_time() -> WorkingTime {
    WorkingTime {
        days_per_week: Decimal::from(5),
        weekly_hours: Decimal::from(38),
        reference_weekly_hours: Decimal::from(38),
    }
}

/// Builds, renders and stores the return of the period `quarter` (a quarter or a month,
/// as the pack files them); a period already built gets a new version.
pub async fn build<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    quarter: &str,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<QuarterlyReturnView, AppError> {
    let frequency = node.pack.return_frequency();
    let q = Quarter::parse(frequency, quarter)?;
    let key = q.key();
    if today <= q.last {
        let (noun, _) = written(frequency);
        return Err(AppError::invalid(
            "quarter",
            format!("{key} ends on {}: its return is filed after the {noun}, from the day after", q.last),
        ));
    }
    // A payslip computed under another state's legislation (Regulation (EC) 883/2004) is
    // declared to that state's collectors, not in this country's return.
    let slips = payslip::Entity::find()
        .filter(payslip::Column::Period.is_in(q.months()))
        .filter(payslip::Column::LegislationState.is_null())
        .order_by_asc(payslip::Column::Id)
        .all(c)
        .await?;
    if slips.is_empty() {
        return Err(ReturnRefusal::NoPayslip { quarter: key }.into());
    }
    let members = by_id(
        &slips,
        |s| s.member_id,
        |part| async move { member::Entity::find().filter(member::Column::Id.is_in(part)).all(c).await },
    )
    .await?;
    let contracts = by_id(
        &slips,
        |s| s.contract_id,
        |part| async move { contract::Entity::find().filter(contract::Column::Id.is_in(part)).all(c).await },
    )
    .await?;
    let mut people: Vec<&member::Model> = members.values().collect();
    people.sort_by(|a, b| (&a.last_name, &a.first_name, a.id).cmp(&(&b.last_name, &b.first_name, b.id)));
    for m in &people {
        if m.national_id.as_deref().is_none_or(|n| n.trim().is_empty()) || m.birth_date.is_none() {
            return Err(ReturnRefusal::WorkerWithoutIdentity {
                member: m.id,
                first_name: m.first_name.clone(),
                last_name: m.last_name.clone(),
                quarter: key,
            }
            .into());
        }
    }
    let declarations: Vec<Uuid> = contracts.values().map(|k| k.declaration_id).collect();
    let mut periods: HashMap<Uuid, Vec<work_period::Model>> = HashMap::new();
    for part in declarations.chunks(IDS_PER_QUERY) {
        for p in work_period::Entity::find()
            .filter(work_period::Column::DeclarationId.is_in(part.iter().copied()))
            .all(c)
            .await?
        {
            periods.entry(p.declaration_id).or_default().push(p);
        }
    }
    let currency = node.currency();
    let payroll = node.pack.payroll();
    let mut workers = Vec::with_capacity(people.len());
    let mut advances: Vec<NamedAmount> = Vec::new();
    for m in people {
        let mut mine: Vec<&contract::Model> = contracts.values().filter(|k| k.member_id == m.id).collect();
        mine.sort_by_key(|k| (k.starts_at, k.id));
        let mut lines = Vec::with_capacity(mine.len());
        for k in mine {
            let mut amounts = LineAmounts::zero(currency);
            for s in slips.iter().filter(|s| s.contract_id == k.id) {
                amounts = amounts.checked_add(&slip_amounts(payroll, s, &mut advances)?)?;
            }
            let open_ended = super::contract_kind(&k.kind)? == ContractKind::StabilisedMonthly;
            let (days, hours) = if open_ended {
                monthly_time_worked(k.starts_at.date(), &q)
            } else {
                time_worked(periods.get(&k.declaration_id).map(Vec::as_slice).unwrap_or_default(), node.zone)
            };
            lines.push(EmploymentLine {
                category: k.worker_category.clone(),
                collective_agreement: node.pack.collective_agreement(&k.worker_category).unwrap_or_default(),
                start: k.starts_at.date(),
                end: (!open_ended).then(|| k.ends_at.date()),
                working_time: day_contract_time(),
                days_worked: days,
                hours_worked: hours,
                amounts,
            });
        }
        let (Some(national_id), Some(birth_date)) = (m.national_id.clone(), m.birth_date) else {
            return Err(AppError::Corrupt(format!("member {} identity", m.id)));
        };
        workers.push(ReturnedWorker {
            worker: DeclaredWorker {
                national_id,
                last_name: m.last_name.clone(),
                first_name: m.first_name.clone(),
                birth_date,
            },
            lines,
        });
    }
    let company_id = node.pack.seller_identifiers(&node.settings.entity.vat_number).company_id.unwrap_or_default();
    let registration = node.pack.employer_registration();
    let ret = SocialReturn {
        employer: DeclaringEmployer { company_id, social_security_number: registration.social_security_number },
        employer_category: registration.category,
        period: q.period,
        workers,
    };
    let totals = ret
        .totals()
        .map_err(|e| ReturnRefusal::TotalsRefused { quarter: key.clone(), reason: e.to_string() })?
        .unwrap_or_else(|| LineAmounts::zero(currency));
    // What the pack refuses comes from the payslips or the node's settings, not from the
    // request: a conflict to resolve, not a server fault.
    let filing = node.pack.periodic_return(&ret, now).map_err(|e| match e {
        PackError::Render(m) => ReturnRefusal::PackRefused { quarter: key.clone(), reason: m }.into(),
        other => AppError::Pack(other),
    })?;
    let declared = node.pack.declared_amounts(&ret).map_err(|e| match e {
        PackError::Render(m) => ReturnRefusal::PackRefused { quarter: key.clone(), reason: m }.into(),
        other => AppError::Pack(other),
    })?;
    let (declared, net_owed_minor) = match declared {
        Some(d) => (Some(stored_declared(&d, &advances)?), Some(minor(d.net_owed)?)),
        None => (None, None),
    };
    let previous = quarterly_return::Entity::find()
        .filter(quarterly_return::Column::Quarter.eq(key.as_str()))
        .order_by_desc(quarterly_return::Column::Version)
        .one(c)
        .await?;
    let count = |n: usize| i32::try_from(n).map_err(|_| ReturnRefusal::TooMany { count: n });
    let row = quarterly_return::Model {
        id: Uuid::now_v7(),
        quarter: key,
        version: previous.as_ref().map_or(1, |p| p.version.saturating_add(1)),
        format: filing.format.into(),
        media_type: filing.media_type.into(),
        content: super::filing_text(&filing)?,
        payslips: count(slips.len())?,
        workers: count(ret.workers.len())?,
        currency: currency.code().into(),
        gross_minor: minor(totals.gross)?,
        contribution_base_minor: minor(totals.contribution_base)?,
        employee_contribution_minor: minor(totals.employee_contribution)?,
        employer_contribution_minor: minor(totals.employer_contribution)?,
        special_contribution_minor: minor(totals.special_contribution)?,
        // The column keeps the reductions' total (the only one the first pack has).
        work_bonus_minor: minor(totals.total_reductions()?)?,
        declared,
        net_owed_minor,
        created_at: now,
    };
    quarterly_return::Entity::insert(quarterly_return::ActiveModel {
        id: Set(row.id),
        quarter: Set(row.quarter.clone()),
        version: Set(row.version),
        format: Set(row.format.clone()),
        media_type: Set(row.media_type.clone()),
        content: Set(row.content.clone()),
        payslips: Set(row.payslips),
        workers: Set(row.workers),
        currency: Set(row.currency.clone()),
        gross_minor: Set(row.gross_minor),
        contribution_base_minor: Set(row.contribution_base_minor),
        employee_contribution_minor: Set(row.employee_contribution_minor),
        employer_contribution_minor: Set(row.employer_contribution_minor),
        special_contribution_minor: Set(row.special_contribution_minor),
        work_bonus_minor: Set(row.work_bonus_minor),
        declared: Set(row.declared.clone()),
        net_owed_minor: Set(row.net_owed_minor),
        created_at: Set(row.created_at),
    })
    .exec_without_returning(c)
    .await
    .map_err(|e| {
        // PostgreSQL: another build of the quarter committed this version first.
        if is_unique_violation(&e) {
            ReturnRefusal::VersionTaken { quarter: row.quarter.clone(), version: row.version }.into()
        } else {
            AppError::from(e)
        }
    })?;
    view_of(&row, previous.map(|p| p.id))
}

/// The JSON of what the pack declares, with the payslips' `advances` on its deductions.
fn stored_declared(d: &DeclaredAmounts, advances: &[NamedAmount]) -> Result<String, AppError> {
    let declared = Declared {
        contributions: coded(&d.contributions)?,
        deductions: coded(&d.deductions)?,
        advances: coded(advances)?,
    };
    serde_json::to_string(&declared).map_err(|e| AppError::Corrupt(format!("declared amounts: {e}")))
}

/// Rows of `ids` (taken from the payslips, without repeats) by id, a bounded list at a time.
async fn by_id<T, F, Fut>(
    slips: &[payslip::Model],
    id: impl Fn(&payslip::Model) -> Uuid,
    load: F,
) -> Result<HashMap<Uuid, T>, AppError>
where
    T: HasId,
    F: Fn(Vec<Uuid>) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<T>, sea_orm::DbErr>>,
{
    let ids: Vec<Uuid> = slips.iter().map(id).collect::<BTreeSet<_>>().into_iter().collect();
    let mut out = HashMap::with_capacity(ids.len());
    for part in ids.chunks(IDS_PER_QUERY) {
        for row in load(part.to_vec()).await? {
            out.insert(row.id(), row);
        }
    }
    if out.len() != ids.len() {
        return Err(AppError::Corrupt("a payslip names a member or contract that does not exist".into()));
    }
    Ok(out)
}

/// A row's primary key.
trait HasId {
    fn id(&self) -> Uuid;
}

impl HasId for member::Model {
    fn id(&self) -> Uuid {
        self.id
    }
}

impl HasId for contract::Model {
    fn id(&self) -> Uuid {
        self.id
    }
}

/// What a payslip declares, from its lines' kinds: gross, contributions and their base,
/// and the reductions under the names the pack declares them. Its monthly advances on a
/// reduction the return computes for the whole period are added to `advances`, under the
/// return's deduction code, as positive amounts, and not to its contributions.
fn slip_amounts(
    payroll: &dyn Payroll,
    s: &payslip::Model,
    advances: &mut Vec<NamedAmount>,
) -> Result<LineAmounts, AppError> {
    let gross = money(s.gross_minor, &s.currency)?;
    let mut amounts = LineAmounts {
        gross,
        contribution_base: gross,
        taxable: money(s.taxable_minor, &s.currency)?,
        net_paid: money(s.net_minor, &s.currency)?,
        ..LineAmounts::zero(gross.currency())
    };
    for line in lines_of(s)? {
        if let Some(code) = payroll.advance_of(&line.code) {
            // Stored negative, as every reduction on a payslip.
            let amount = line.amount.negated();
            match advances.iter_mut().find(|a| a.name == code) {
                Some(a) => a.amount = a.amount.checked_add(amount)?,
                None => advances.push(NamedAmount { name: code, amount }),
            }
            continue;
        }
        let add = |sum: Money| sum.checked_add(line.amount);
        let kind = payroll.line_kind(&line.code);
        match kind {
            Some(LineKind::EmployeeSocialSecurity) => {
                amounts.contribution_base = line.base;
                amounts.employee_contribution = add(amounts.employee_contribution)?;
            }
            Some(LineKind::EmployerSocialSecurity) => {
                amounts.employer_contribution = add(amounts.employer_contribution)?
            }
            Some(LineKind::SpecialContribution) => amounts.special_contribution = add(amounts.special_contribution)?,
            Some(LineKind::WithholdingTax) => amounts.withholding_tax = add(amounts.withholding_tax)?,
            // Reductions are stored negative; the return declares what they reduce by.
            Some(LineKind::Reduction { declared_as, .. }) => {
                amounts.add_reduction(declared_as, line.amount.negated())?
            }
            Some(LineKind::EmployerCost | LineKind::Pack(_)) | None => {}
        }
        // Each contribution paid or withheld on its own line (not a total shown for
        // information), for returns that declare them one by one under their own codes.
        let contribution = !matches!(
            kind,
            Some(LineKind::WithholdingTax | LineKind::EmployerCost | LineKind::Reduction { .. }) | None
        );
        if contribution && matches!(line.side.as_str(), "employee" | "employer") {
            amounts.add_contribution(&line.code, line.side == "employer", line.base, line.amount)?;
        }
    }
    Ok(amounts)
}

/// Days and hours of a stabilised monthly contract in the quarter: every
/// weekday from its start (or the quarter's first day) to the quarter's end, at
/// the full-time week's hours over its days (`day_contract_time`). A monthly salary pays the
/// whole month, so the days are those of the contract, not of declared periods.
fn monthly_time_worked(start: NaiveDate, q: &Quarter) -> (Decimal, Decimal) {
    use chrono::Datelike;
    let mut days = 0u32;
    let mut d = start.max(q.first);
    while d <= q.last {
        if d.weekday().number_from_monday() <= 5 {
            days += 1;
        }
        match d.succ_opt() {
            Some(next) => d = next,
            None => break,
        }
    }
    let days = Decimal::from(days);
    let week = day_contract_time();
    (days, (days * week.weekly_hours / week.days_per_week).round_dp(2))
}

/// The days and hours worked under each of `declarations`, for payslips: a contract of
/// a few hours is paid as the fraction of a month it is (see the pack's payroll).
pub async fn worked_by_declaration<C: ConnectionTrait>(
    c: &C,
    zone: chrono_tz::Tz,
    declarations: &[Uuid],
) -> Result<HashMap<Uuid, partage_core::payroll::TimeWorked>, AppError> {
    let mut periods: HashMap<Uuid, Vec<work_period::Model>> = HashMap::new();
    for part in declarations.chunks(IDS_PER_QUERY) {
        for p in work_period::Entity::find()
            .filter(work_period::Column::DeclarationId.is_in(part.iter().copied()))
            .all(c)
            .await?
        {
            periods.entry(p.declaration_id).or_default().push(p);
        }
    }
    Ok(periods
        .into_iter()
        .map(|(id, mine)| {
            let (days, hours) = time_worked(&mine, zone);
            (id, partage_core::payroll::TimeWorked { days, hours })
        })
        .collect())
}

/// Days (distinct dates) and hours of a contract's work periods.
///
/// Returns count hours in hundredths: minutes are rounded to the nearest hundredth of
/// an hour, once, on the line's total. Minutes are the real time elapsed in the legal
/// `zone`: seven hours from 00:00 to 06:00 on the night the clocks go back.
fn time_worked(periods: &[work_period::Model], zone: chrono_tz::Tz) -> (Decimal, Decimal) {
    let days: BTreeSet<NaiveDate> = periods.iter().map(|p| p.work_date).collect();
    let minutes: i64 = periods
        .iter()
        .map(|p| {
            partage_core::work_declaration::WorkPeriod { date: p.work_date, start: p.start_time, end: p.end_time }
                .elapsed_or_wall(&zone)
                .num_minutes()
        })
        .sum();
    let hours = (Decimal::from(minutes) / Decimal::from(60)).round_dp(2);
    (Decimal::from(days.len()), hours)
}

fn view_of(r: &quarterly_return::Model, replaces: Option<Uuid>) -> Result<QuarterlyReturnView, AppError> {
    let m = |v: i64| money(v, &r.currency).map(|x| x.amount().to_string());
    Ok(QuarterlyReturnView {
        id: r.id,
        quarter: r.quarter.clone(),
        version: r.version,
        replaces,
        format: r.format.clone(),
        media_type: r.media_type.clone(),
        payslips: r.payslips,
        workers: r.workers,
        currency: r.currency.clone(),
        totals: QuarterlyReturnTotalsView {
            gross: m(r.gross_minor)?,
            contribution_base: m(r.contribution_base_minor)?,
            employee_contribution: m(r.employee_contribution_minor)?,
            employer_contribution: m(r.employer_contribution_minor)?,
            special_contribution: m(r.special_contribution_minor)?,
            work_bonus: m(r.work_bonus_minor)?,
        },
        declared: declared_view(r)?,
        created_at: r.created_at,
    })
}

/// What the return's document declares by code, with the regularisation of each
/// deduction the payslips advanced; None for a version built before m0019 or a pack
/// that declares no such figures.
fn declared_view(r: &quarterly_return::Model) -> Result<Option<DeclaredView>, AppError> {
    let (Some(text), Some(owed)) = (&r.declared, r.net_owed_minor) else {
        return Ok(None);
    };
    let d: Declared = serde_json::from_str(text)
        .map_err(|e| AppError::Corrupt(format!("quarterly return {} declared: {e}", r.id)))?;
    let currency = r.currency.as_str();
    let amount = |minor: i64| money(minor, currency).map(|x| x.amount().to_string());
    let view = |list: &[Coded]| -> Result<Vec<CodedAmountView>, AppError> {
        list.iter().map(|c| Ok(CodedAmountView { code: c.code.clone(), amount: amount(c.amount_minor)? })).collect()
    };
    let of = |list: &[Coded], code: &str| list.iter().filter(|c| c.code == code).map(|c| c.amount_minor).sum::<i64>();
    // Every deduction the payslips advanced, in the return's order, then advances of a
    // deduction the return does not declare (computed as zero: all regularised).
    let mut codes: Vec<&str> =
        d.deductions.iter().map(|c| c.code.as_str()).filter(|&c| of(&d.advances, c) != 0).collect();
    codes.extend(d.advances.iter().map(|a| a.code.as_str()).filter(|&a| of(&d.deductions, a) == 0));
    let advances = codes
        .into_iter()
        .map(|code| {
            let (computed, advanced) = (of(&d.deductions, code), of(&d.advances, code));
            Ok(AdvanceView {
                code: code.to_owned(),
                computed: amount(computed)?,
                advanced: amount(advanced)?,
                regularisation: amount(
                    computed
                        .checked_sub(advanced)
                        .ok_or_else(|| AppError::Corrupt(format!("quarterly return {} advances of {code}", r.id)))?,
                )?,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(Some(DeclaredView {
        contributions: view(&d.contributions)?,
        deductions: view(&d.deductions)?,
        net_owed: amount(owed)?,
        advances,
    }))
}

async fn load<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<quarterly_return::Model, AppError> {
    quarterly_return::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("quarterly return", id))
}

/// The version this one replaces, if any.
async fn replaced<C: ConnectionTrait>(c: &C, r: &quarterly_return::Model) -> Result<Option<Uuid>, AppError> {
    Ok(quarterly_return::Entity::find()
        .filter(quarterly_return::Column::Quarter.eq(r.quarter.as_str()))
        .filter(quarterly_return::Column::Version.eq(r.version.saturating_sub(1)))
        .one(c)
        .await?
        .map(|p| p.id))
}

/// A stored return: what it declares, without the document.
pub async fn get<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<QuarterlyReturnView, AppError> {
    let r = load(c, id).await?;
    let replaces = replaced(c, &r).await?;
    view_of(&r, replaces)
}

/// The document of a stored return and its media type.
pub async fn document<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<(String, String), AppError> {
    let r = load(c, id).await?;
    Ok((r.media_type, r.content))
}

/// Every version of every return (or of one quarter), newest quarter first, versions in order.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    frequency: ReturnFrequency,
    quarter: Option<&str>,
) -> Result<Vec<QuarterlyReturnView>, AppError> {
    let mut q = quarterly_return::Entity::find();
    if let Some(text) = quarter {
        q = q.filter(quarterly_return::Column::Quarter.eq(Quarter::parse(frequency, text)?.key()));
    }
    let rows = q
        .order_by_desc(quarterly_return::Column::Quarter)
        .order_by_asc(quarterly_return::Column::Version)
        .all(c)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let replaces =
            rows.iter().find(|p| p.quarter == r.quarter && p.version.saturating_add(1) == r.version).map(|p| p.id);
        out.push(view_of(r, replaces)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_are_written_year_dash_q_number() {
        let q = Quarter::parse(ReturnFrequency::Quarterly, "2026-Q3").unwrap();
        assert_eq!(
            (q.first, q.last),
            (NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 9, 30).unwrap())
        );
        assert_eq!(q.months(), ["2026-07", "2026-08", "2026-09"]);
        assert_eq!(
            Quarter::parse(ReturnFrequency::Quarterly, "2026-Q4").unwrap().last,
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
        );
        for bad in ["2026-Q0", "2026-Q5", "2026Q1", "26-Q1", "2026-q1", "2026-Q12", "", "2026-03"] {
            assert!(Quarter::parse(ReturnFrequency::Quarterly, bad).is_err(), "{bad}");
        }
    }
}
