//! A contract after its validation: the state's acknowledgement of its hiring
//! declaration (the period numbers later declarations name, checked by the pack),
//! one day's new hours (UPDATE), its cancellation before the work (CANCEL per
//! period) and the end of an open-ended contract (OUT).

use super::errors::{ContractRefusal, MemberRefusal};
use super::views::{ContractView, Page};
use super::work::{contract_view, contract_views, file, Employment};
use super::{bounds, contract_kind, contract_status, Node};
use crate::error::AppError;
use crate::storage::contracts::{self as repo, ContractQuery, StoredContract, StoredHiring};
use crate::storage::members;
use chrono::NaiveDateTime;
use partage_core::contract::{next_status, ContractError, ContractEvent, ContractKind, ContractStatus};
use partage_core::hiring::{DayOfWork, DeclaredWorker, EmploymentKind, HiringAction};
use partage_core::member::Member;
use partage_core::pack::CountryPack;
use partage_core::period::Month;
use partage_core::work_declaration::{Bound, WorkPeriod};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

/// The status `event` takes contract `k` to, or the refusal naming it.
fn transition(k: &StoredContract, event: ContractEvent) -> Result<ContractStatus, AppError> {
    next_status(k.kind, k.status, event).map_err(|e| match e {
        ContractError::NotActive(_) => {
            ContractRefusal::NotActive { contract: k.id, status: k.status.as_str().into() }.into()
        }
        ContractError::NotForKind { .. } => {
            let kind = k.kind.as_str().into();
            match event {
                ContractEvent::Cancel => ContractRefusal::KindNotCancellable { kind }.into(),
                ContractEvent::End => ContractRefusal::EndsWithItsWork { kind }.into(),
                ContractEvent::ChangeDay => ContractRefusal::NoDaysToChange { kind }.into(),
            }
        }
        other => AppError::Corrupt(format!("contract {}: {other}", k.id)),
    })
}

/// The member as a hiring declaration names them.
fn declared_worker(m: &Member) -> Result<DeclaredWorker, AppError> {
    let Some(identity) = m.identity.clone() else {
        return Err(MemberRefusal::NoIdentity { member: m.id.0 }.into());
    };
    Ok(DeclaredWorker {
        national_id: identity.national_id,
        last_name: m.last_name.clone(),
        first_name: m.first_name.clone(),
        birth_date: identity.birth_date,
    })
}

/// The IN declaration of a contract (or of its platform enrolment) and the
/// state's period numbers recorded for it.
async fn acknowledged_in<C: ConnectionTrait>(
    c: &C,
    k: &StoredContract,
) -> Result<(StoredHiring, Vec<String>), AppError> {
    let owner = k.framework_id.unwrap_or(k.id);
    let filed = repo::hiring_in(c, owner)
        .await?
        .ok_or_else(|| AppError::Corrupt(format!("contract {} has no IN declaration", k.id)))?;
    let ids: Vec<String> = filed.period_ids.clone().unwrap_or_default();
    if ids.is_empty() {
        return Err(ContractRefusal::NotAcknowledged { declaration: filed.id }.into());
    }
    Ok((filed, ids))
}

/// Records the state's answer to an IN declaration: its period numbers, one per
/// day for a day contract, one for an ordinary employment, each checked by the
/// pack. Later OUT and CANCEL declarations name them.
pub async fn acknowledge<C: ConnectionTrait>(
    c: &C,
    pack: &dyn CountryPack,
    id: Uuid,
    period_ids: &[String],
) -> Result<ContractView, AppError> {
    let filed = repo::lock_hiring(c, id).await?;
    if filed.action != HiringAction::In {
        return Err(ContractRefusal::NotAnIn { declaration: id, action: repo::action_name(filed.action).into() }.into());
    }
    let k = repo::find(c, filed.contract_id)
        .await?
        .ok_or_else(|| AppError::Corrupt(format!("declaration {id} without its contract")))?;
    let expected =
        if k.kind == ContractKind::PerPerformance { repo::periods_of(c, k.declaration_id).await?.len() } else { 1 };
    if period_ids.len() != expected {
        return Err(AppError::invalid(
            "period_ids",
            format!("the IN declared {expected} period(s): give one number for each, in day order"),
        ));
    }
    for (i, p) in period_ids.iter().enumerate() {
        pack.check_acknowledgement(p).map_err(|e| AppError::invalid("period_ids", format!("period_ids[{i}]: {e}")))?;
    }
    if filed.period_ids.is_some() {
        return Err(ContractRefusal::AlreadyAcknowledged { declaration: id }.into());
    }
    repo::save_period_ids(c, id, period_ids).await?;
    contract_view(c, k.id).await
}

/// Cancels a contract before its work starts: a CANCEL declaration for each
/// declared period, and no payslip ever.
pub async fn cancel<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    reason: &str,
    now: NaiveDateTime,
) -> Result<ContractView, AppError> {
    if reason.trim().is_empty() {
        return Err(AppError::invalid("reason", "say why the contract is cancelled"));
    }
    let k = repo::lock(c, id).await?;
    let cancelled = transition(&k, ContractEvent::Cancel)?;
    if k.starts_at <= now {
        return Err(ContractRefusal::AlreadyStarted { contract: id, starts_at: k.starts_at }.into());
    }
    let (_, ids) = acknowledged_in(c, &k).await?;
    let member = members::get(c, k.member_id).await?;
    let worker = declared_worker(&member)?;
    let periods = repo::periods_of(c, k.declaration_id).await?;
    let day_contract = k.kind == ContractKind::PerPerformance;
    for (i, period_id) in ids.iter().enumerate() {
        let employment = Employment {
            category: &k.worker_category,
            kind: if day_contract { EmploymentKind::DayContract } else { EmploymentKind::Ordinary },
            start: periods.get(i).map_or(k.starts_at.date(), |p| p.date),
            end: None,
            days: Vec::new(),
        };
        file(c, node, k.id, worker.clone(), employment, HiringAction::Cancel, Some(period_id.clone()), now).await?;
    }
    // The office of the work's country, told of it on validation, is told it is off.
    super::postings::notify_cancelled(c, node, k.id).await?;
    repo::save_status(c, id, cancelled).await?;
    contract_view(c, id).await
}

/// Ends an open-ended contract (stabilised monthly, or a platform enrolment) on
/// `on`: an OUT declaration; the month-end run pays its last month by calendar
/// days and settles its year.
pub async fn end<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    on: chrono::NaiveDate,
    now: NaiveDateTime,
) -> Result<ContractView, AppError> {
    let k = repo::lock(c, id).await?;
    let ended = transition(&k, ContractEvent::End)?;
    if on < k.starts_at.date() {
        return Err(AppError::invalid("on", format!("the contract starts on {}", k.starts_at.date())));
    }
    // A month already paid cannot be cut short: the end falls after the last salary paid.
    if let Some(paid) = repo::last_paid_month(c, id).await? {
        if Month::of(on) <= paid {
            return Err(ContractRefusal::SalaryPaid { period: paid.to_string() }.into());
        }
    }
    let (_, ids) = acknowledged_in(c, &k).await?;
    let member = members::get(c, k.member_id).await?;
    let worker = declared_worker(&member)?;
    let period_id = ids.first().cloned();
    let employment = Employment {
        category: &k.worker_category,
        kind: EmploymentKind::Ordinary,
        start: k.starts_at.date(),
        end: Some(on),
        days: Vec::new(),
    };
    file(c, node, k.id, worker, employment, HiringAction::Out, period_id, now).await?;
    // The office of the work's country, told on validation that it is open-ended, learns its last day.
    super::postings::notify_ended(c, node, k.id, k.declaration_id, on).await?;
    repo::save_end(c, id, ended, on.and_hms_opt(23, 59, 59).unwrap_or_default()).await?;
    contract_view(c, id).await
}

/// Changes the hours of one day of a day contract before that day's work
/// starts: the period is rewritten and an UPDATE declaration names that day's period.
pub async fn update_day<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    new: WorkPeriod,
    now: NaiveDateTime,
) -> Result<ContractView, AppError> {
    let k = repo::lock(c, id).await?;
    transition(&k, ContractEvent::ChangeDay)?;
    if new.end <= new.start {
        return Err(AppError::invalid("end", format!("{} is not after {}", new.end, new.start)));
    }
    // A new start or end the clocks skip or show twice that day is refused as in a declaration.
    for bound in [Bound::Start, Bound::End] {
        new.instant(bound, &node.zone).map_err(|e| AppError::invalid(bound.as_str(), e.to_string()))?;
    }
    let mut periods = repo::periods_of(c, k.declaration_id).await?;
    let Some(position) = periods.iter().position(|p| p.date == new.date) else {
        return Err(AppError::invalid("date", format!("{} is not a day of contract {id}", new.date)));
    };
    let old = periods.get(position).copied().ok_or_else(|| AppError::Corrupt("period".into()))?;
    if old.starts_at() <= now || new.starts_at() <= now {
        return Err(ContractRefusal::HoursChangedTooLate { date: new.date }.into());
    }
    let (_, ids) = acknowledged_in(c, &k).await?;
    let period_id = ids.get(position).cloned().ok_or(ContractRefusal::NoPeriodNumber { date: new.date })?;
    if let Some(slot) = periods.get_mut(position) {
        *slot = new;
    }
    let member = members::get(c, k.member_id).await?;
    let worker = declared_worker(&member)?;
    let employment = Employment {
        category: &k.worker_category,
        kind: EmploymentKind::DayContract,
        start: new.date,
        end: Some(new.date),
        days: vec![DayOfWork { date: new.date, start: new.start, end: new.end }],
    };
    file(c, node, k.id, worker, employment, HiringAction::Update, Some(period_id), now).await?;
    repo::save_day(c, id, k.declaration_id, &new).await?;
    // The office of the work's country, told of it on validation, gets the new hours.
    super::postings::notify_amended(c, node, k.id, k.declaration_id, &periods).await?;
    let (first, last) = (periods.first().copied(), periods.last().copied());
    if let (Some(first), Some(last)) = (first, last) {
        repo::save_span(c, id, first.starts_at(), last.date.and_time(last.end)).await?;
    }
    contract_view(c, id).await
}

/// Filters of the contract list.
#[derive(Clone, Debug, Default)]
pub struct ContractFilter {
    /// The member employed.
    pub member_id: Option<Uuid>,
    /// The activity whose budget pays.
    pub activity_id: Option<Uuid>,
    /// active, cancelled or ended.
    pub status: Option<String>,
    /// per_performance, stabilised_monthly, hourly or framework.
    pub kind: Option<String>,
    /// `YYYY-MM`: contracts whose work overlaps that month.
    pub period: Option<String>,
}

/// Contracts with their hiring declarations, newest first: a count, the page
/// and the page's hiring declarations, whatever the history.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    f: &ContractFilter,
    offset: u64,
    limit: u64,
) -> Result<Page<ContractView>, AppError> {
    use super::payroll_lists::one_of;
    let query = ContractQuery {
        member_id: f.member_id,
        activity_id: f.activity_id,
        status: one_of("status", f.status.as_deref(), &ContractStatus::ALL.map(ContractStatus::as_str))?
            .map(|s| contract_status(&s))
            .transpose()?,
        kind: one_of("kind", f.kind.as_deref(), &ContractKind::ALL.map(ContractKind::as_str))?
            .map(|k| contract_kind(&k))
            .transpose()?,
        month: f.period.as_deref().map(|p| bounds::month("period", p)).transpose()?,
    };
    let (total, rows) = repo::page(c, &query, offset, limit).await?;
    Ok(Page { items: contract_views(c, rows).await?, total, offset, limit })
}
