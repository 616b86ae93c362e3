//! Dunning: overdue invoices get the steps the pack's schedule makes due (reminder, formal
//! notice, handover), each recorded once with the interest and damages it claims; advisors
//! see every overdue invoice, most urgent first, and pause, resume or hand it to collection.
//!
//! Interest and damages are recorded on the steps, not posted to the journal: they are claims,
//! and become income only when the client pays them.

use super::errors::DunningRefusal;
use super::views::{DunningCaseView, DunningRunView, DunningStepView, Page};
use super::{minor, Node};
use crate::error::AppError;
use crate::storage::dunning::{self as repo, Case, StepRecord};
use chrono::{NaiveDate, NaiveDateTime};
use partage_core::calendar::Calendar;
use partage_core::client::ClientKind;
use partage_core::dunning::{
    due_step, late_interest_between, next_status, next_step, DunningError, DunningLevel, DunningRules, DunningStatus,
    DunningStep, SentStep,
};
use partage_core::invoice::InvoiceStatus;
use partage_core::Money;
use sea_orm::ConnectionTrait;
use uuid::Uuid;

/// What advisors do with an invoice's dunning (core's, with its status machine).
pub use partage_core::dunning::DunningAction as Action;

/// Longest reason kept.
const MAX_REASON: usize = 500;

/// Core's refusals as API errors; every one but a missing parameter is a bug here, since the
/// node only asks for non-negative amounts over forward spans.
pub(crate) fn dunning_error(e: DunningError) -> AppError {
    match e {
        DunningError::Parameter(p) => AppError::invalid("date", p.to_string()),
        DunningError::Money(m) => AppError::Money(m),
        DunningError::NegativeAmount(_) | DunningError::NoLumpSum { .. } | DunningError::BackwardSpan { .. } => {
            AppError::Corrupt(e.to_string())
        }
    }
}

/// The due date of a case's invoice (every issued invoice has one).
fn due(case: &Case) -> Result<NaiveDate, AppError> {
    let inv = &case.invoice;
    inv.due_date.ok_or_else(|| AppError::Corrupt(format!("issued invoice {} without due date", inv.id)))
}

/// True when the case's client is a consumer (Book XIX's rules), false for a business.
fn b2c(case: &Case) -> bool {
    case.client.client.kind == ClientKind::Consumer
}

/// The steps sent, as core's schedule counts them.
fn sent(case: &Case) -> Vec<SentStep> {
    case.steps.iter().map(StepRecord::sent).collect()
}

/// The schedule the case follows.
fn schedule(case: &Case, rules: &dyn DunningRules) -> Result<Vec<DunningStep>, AppError> {
    // The schedule in force when the invoice fell due, so that a later change of the rules
    // does not reshuffle a file already under way.
    rules.schedule(due(case)?, b2c(case)).map_err(|e| dunning_error(e.into()))
}

/// The advisor status: `settled` once paid, whatever was recorded before.
fn status(case: &Case) -> (DunningStatus, Option<String>) {
    if case.invoice.status == InvoiceStatus::Paid {
        return (DunningStatus::Settled, None);
    }
    match &case.status {
        Some(s) => (s.status, s.reason.clone()),
        None => (DunningStatus::Active, None),
    }
}

/// The first day of late interest: the day after the due date between businesses (the law of
/// 2 August 2002 makes it due without notice); for a consumer, the first day the schedule's
/// first damages-claiming step may be sent, that is once the free reminder's wait is over
/// (Book XIX: no interest before it). None while that reminder has not been sent.
fn interest_start(
    due: NaiveDate,
    b2c: bool,
    done: &[SentStep],
    schedule: &[DunningStep],
    calendar: &dyn Calendar,
) -> Option<NaiveDate> {
    if !b2c {
        return due.succ_opt();
    }
    let claiming = schedule.iter().position(|s| s.claims_damages)?;
    let before = done.get(..claiming)?;
    next_step(due, before, schedule, calendar).map(|(from, _)| from)
}

/// Interest on `outstanding` from `start` to `today` included; zero before it starts.
fn interest_to(
    outstanding: Money,
    start: Option<NaiveDate>,
    today: NaiveDate,
    rules: &dyn DunningRules,
    b2c: bool,
) -> Result<Money, AppError> {
    match start {
        Some(from) if from <= today && outstanding.is_positive() => {
            late_interest_between(outstanding, from, today, rules, b2c).map_err(dunning_error)
        }
        _ => Ok(Money::zero(outstanding.currency())),
    }
}

fn step_view(s: &StepRecord, number: Option<String>) -> DunningStepView {
    let text = |m: Money| m.amount().to_string();
    DunningStepView {
        invoice_id: s.invoice_id,
        invoice_number: number,
        level: s.level,
        kind: s.kind.as_str().to_owned(),
        sent_on: s.sent_on,
        by_post: s.by_post,
        outstanding: text(s.outstanding),
        fee: s.fee.map(text),
        interest: text(s.interest),
        interest_from: s.interest_from,
        damages: s.damages.map(text),
        currency: s.outstanding.currency().code().to_owned(),
        source: s.source.clone(),
    }
}

/// Records the steps due on `date` for every issued, unpaid, overdue invoice whose dunning is
/// active; a step already sent is never sent again, so running a date twice sends nothing new.
pub async fn run<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    date: NaiveDate,
    now: NaiveDateTime,
) -> Result<DunningRunView, AppError> {
    let rules = node.pack.dunning();
    let calendar = node.pack.calendar();
    // Locked on PostgreSQL so that two runs at once take turns instead of racing on the same step.
    let overdue = repo::overdue_locked(c, date).await?;
    let mut sent = Vec::new();
    for case in overdue {
        if !status(&case).0.sends_steps() {
            continue;
        }
        let due = due(&case)?;
        let b2c = b2c(&case);
        let schedule = schedule(&case, rules)?;
        let done = self::sent(&case);
        let Some(step) = due_step(due, date, &done, &schedule, calendar) else { continue };
        let outstanding = case.invoice.outstanding()?;
        // A letter when there is no address to e-mail: the postal wait then applies.
        let by_post = case.client.client.email.is_none();
        let mut with_this = done.clone();
        // The consumer's interest may start with this very step: count it as sent.
        with_this.push(SentStep { level: step.level, sent_on: date, by_post });
        let start = interest_start(due, b2c, &with_this, &schedule, calendar);
        let interest = interest_to(outstanding, start, date, rules, b2c)?;
        let damages = if step.claims_damages {
            match rules.damages(outstanding, date, b2c) {
                Ok(d) => Some(d.value),
                // No statutory lump sum on that date: only a contract could set one, and the
                // node keeps no contract terms, so the step claims none.
                Err(DunningError::NoLumpSum { .. }) => None,
                Err(e) => return Err(dunning_error(e)),
            }
        } else {
            None
        };
        let level = u32::try_from(done.len().saturating_add(1)).map_err(|_| AppError::Corrupt("level".into()))?;
        let record = StepRecord {
            id: Uuid::now_v7(),
            invoice_id: case.invoice.id,
            level,
            kind: step.level,
            sent_on: date,
            by_post,
            outstanding,
            fee: step.fee,
            interest,
            interest_from: start.filter(|s| *s <= date),
            damages,
            source: step.source.to_string(),
            created_at: now,
        };
        repo::insert_step(c, &record).await?;
        if step.level == DunningLevel::Handover {
            // The schedule's last word: the file is with a collector until an advisor resumes it.
            let why = Some("the schedule's handover step");
            repo::set_status(c, case.invoice.id, DunningStatus::HandedToCollection, why, now).await?;
        }
        sent.push(step_view(&record, case.invoice.number.clone()));
    }
    let settled = settle_paid(c, now).await?;
    Ok(DunningRunView { date, sent, settled })
}

/// Marks `settled` the invoices paid since their dunning started.
async fn settle_paid<C: ConnectionTrait>(c: &C, now: NaiveDateTime) -> Result<Vec<Uuid>, AppError> {
    let ids = repo::paid_unsettled(c).await?;
    for id in &ids {
        repo::set_status(c, *id, DunningStatus::Settled, None, now).await?;
    }
    Ok(ids)
}

/// A case as advisors see it, with the interest accrued to `today`.
fn case_view(case: &Case, node: &Node, today: NaiveDate) -> Result<DunningCaseView, AppError> {
    let rules = node.pack.dunning();
    let calendar = node.pack.calendar();
    let (status, reason) = status(case);
    let paid = status == DunningStatus::Settled;
    let outstanding = if paid { Money::zero(node.currency()) } else { case.invoice.outstanding()? };
    let due = due(case)?;
    let b2c = b2c(case);
    let schedule = schedule(case, rules)?;
    let done = sent(case);
    let next = if paid || status == DunningStatus::HandedToCollection {
        None
    } else {
        next_step(due, &done, &schedule, calendar)
    };
    let start = interest_start(due, b2c, &done, &schedule, calendar);
    let interest = interest_to(outstanding, start, today, rules, b2c)?;
    let last = case.steps.last();
    let number = &case.invoice.number;
    Ok(DunningCaseView {
        invoice_id: case.invoice.id,
        number: number.clone(),
        client_id: case.client.id.0,
        client_name: case.client.client.name.clone(),
        client_kind: case.client.client.kind.as_str().to_owned(),
        due_date: case.invoice.due_date,
        outstanding: outstanding.amount().to_string(),
        currency: case.invoice.gross.currency().code().to_owned(),
        days_overdue: if paid { 0 } else { (today - due).num_days().max(0) },
        last_step: last.map(|s| s.kind.as_str().to_owned()),
        last_step_on: last.map(|s| s.sent_on),
        next_step: next.map(|(_, s)| s.level.as_str().to_owned()),
        next_step_from: next.map(|(from, _)| from),
        interest: interest.amount().to_string(),
        status: status.as_str().to_owned(),
        reason,
        steps: case.steps.iter().map(|s| step_view(s, number.clone())).collect(),
    })
}

/// Every overdue, unpaid invoice, most urgent first: those whose next step is due today, then
/// the longest overdue, then the largest amount; paused files and files with a collector last.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    today: NaiveDate,
    offset: u64,
    limit: u64,
) -> Result<Page<DunningCaseView>, AppError> {
    let overdue = repo::overdue(c, today).await?;
    let mut views = Vec::with_capacity(overdue.len());
    for case in overdue {
        let outstanding = minor(case.invoice.outstanding()?)?;
        views.push((outstanding, case_view(&case, node, today)?));
    }
    let rank = |v: &DunningCaseView| match v.status.as_str() {
        "active" if v.next_step_from.is_some_and(|from| from <= today) => 0,
        "active" => 1,
        "handed_to_collection" => 2,
        _ => 3,
    };
    views.sort_by_key(|(outstanding, v)| (rank(v), -v.days_overdue, -*outstanding, v.invoice_id));
    let total = u64::try_from(views.len()).unwrap_or(u64::MAX);
    let skip = usize::try_from(offset).unwrap_or(usize::MAX);
    let take = usize::try_from(limit).unwrap_or(usize::MAX);
    let items = views.into_iter().skip(skip).take(take).map(|(_, v)| v).collect();
    Ok(Page { items, total, offset, limit })
}

/// One invoice's dunning: its status, steps, next step and interest to `today`.
pub async fn get<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    today: NaiveDate,
) -> Result<DunningCaseView, AppError> {
    let inv = repo::invoice(c, id).await?;
    if inv.due_date.is_none() {
        return Err(DunningRefusal::Draft.into());
    }
    case_view(&repo::case_of(c, inv).await?, node, today)
}

/// Parses `pause`, `resume` or `hand_to_collection`.
pub fn parse_action(s: &str) -> Result<Action, AppError> {
    match s {
        "pause" => Ok(Action::Pause),
        "resume" => Ok(Action::Resume),
        "hand_to_collection" => Ok(Action::HandToCollection),
        other => Err(AppError::invalid("action", format!("'{other}' is not one of pause, resume, hand_to_collection"))),
    }
}

/// An advisor pauses, resumes or hands an unpaid invoice's dunning to collection.
pub async fn act<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    action: Action,
    reason: Option<&str>,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<DunningCaseView, AppError> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if reason.is_some_and(|r| r.chars().count() > MAX_REASON) {
        return Err(AppError::invalid("reason", format!("at most {MAX_REASON} characters")));
    }
    if action != Action::Resume && reason.is_none() {
        return Err(AppError::invalid("reason", "say why: the client and the other advisors will ask"));
    }
    let st = repo::lock_invoice(c, id).await?.status;
    if !matches!(st, InvoiceStatus::Issued | InvoiceStatus::PartlyPaid) {
        return Err(DunningRefusal::NotDunnable { status: st }.into());
    }
    let current = repo::status(c, id).await?.map_or(DunningStatus::Active, |s| s.status);
    let next = next_status(current, action)
        .map_err(|t| DunningRefusal::Transition { current: t.from.as_str().to_owned(), next: t.to.as_str() })?;
    repo::set_status(c, id, next, reason, now).await?;
    get(c, node, id, today).await
}
