//! Dunning: overdue invoices get the steps the pack's schedule makes due (reminder, formal
//! notice, handover), each recorded once with the interest and damages it claims; advisors
//! see every overdue invoice, most urgent first, and pause, resume or hand it to collection.
//!
//! Interest and damages are recorded on the steps, not posted to the journal: they are claims,
//! and become income only when the client pays them.

use super::errors::DunningRefusal;
use super::views::{DunningCaseView, DunningRunView, DunningStepView, Page};
use super::{minor, money, Node};
use crate::error::AppError;
use crate::storage::entities::{client, dunning_status, dunning_step, invoice};
use chrono::{NaiveDate, NaiveDateTime};
use partage_core::calendar::Calendar;
use partage_core::client::ClientKind;
use partage_core::dunning::{
    due_step, late_interest_between, next_step, DunningError, DunningLevel, DunningRules, DunningStep, SentStep,
};
use partage_core::invoice::InvoiceStatus;
use partage_core::Money;
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use uuid::Uuid;

/// Statuses whose invoices the run leaves alone.
const STOPPED: [&str; 3] = ["paused", "handed_to_collection", "settled"];
/// Invoice statuses that can still be overdue.
const UNPAID: [&str; 2] = ["issued", "partly_paid"];
/// Longest reason kept.
const MAX_REASON: usize = 500;

pub(crate) fn level_name(level: DunningLevel) -> &'static str {
    match level {
        DunningLevel::Reminder => "reminder",
        DunningLevel::FormalNotice => "formal_notice",
        DunningLevel::Handover => "handover",
    }
}

pub(crate) fn parse_level(s: &str) -> Result<DunningLevel, AppError> {
    match s {
        "reminder" => Ok(DunningLevel::Reminder),
        "formal_notice" => Ok(DunningLevel::FormalNotice),
        "handover" => Ok(DunningLevel::Handover),
        other => Err(AppError::Corrupt(format!("dunning step kind '{other}'"))),
    }
}

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

/// An unpaid invoice with what dunning needs of it.
struct Case<'a> {
    inv: invoice::Model,
    client: &'a client::Model,
    b2c: bool,
    steps: Vec<dunning_step::Model>,
    status: Option<dunning_status::Model>,
}

impl Case<'_> {
    fn due(&self) -> Result<NaiveDate, AppError> {
        self.inv.due_date.ok_or_else(|| AppError::Corrupt(format!("issued invoice {} without due date", self.inv.id)))
    }

    fn outstanding(&self) -> Result<Money, AppError> {
        Ok(money(self.inv.gross_minor, &self.inv.currency)?
            .checked_sub(money(self.inv.paid_minor, &self.inv.currency)?)?)
    }

    fn sent(&self) -> Result<Vec<SentStep>, AppError> {
        self.steps
            .iter()
            .map(|s| Ok(SentStep { level: parse_level(&s.kind)?, sent_on: s.sent_on, by_post: s.by_post }))
            .collect()
    }

    fn schedule(&self, rules: &dyn DunningRules) -> Result<Vec<DunningStep>, AppError> {
        // The schedule in force when the invoice fell due, so that a later change of the rules
        // does not reshuffle a file already under way.
        rules.schedule(self.due()?, self.b2c).map_err(|e| dunning_error(e.into()))
    }

    /// The advisor status: `settled` once paid, whatever was recorded before.
    fn status(&self) -> (&str, Option<String>) {
        if self.inv.status == InvoiceStatus::Paid.as_str() {
            return ("settled", None);
        }
        match &self.status {
            Some(s) => (s.status.as_str(), s.reason.clone()),
            None => ("active", None),
        }
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

fn step_view(s: &dunning_step::Model, number: Option<String>) -> Result<DunningStepView, AppError> {
    let m = |minor: i64| money(minor, &s.currency).map(|m| m.amount().to_string());
    Ok(DunningStepView {
        invoice_id: s.invoice_id,
        invoice_number: number,
        level: u32::try_from(s.level).unwrap_or(0),
        kind: s.kind.clone(),
        sent_on: s.sent_on,
        by_post: s.by_post,
        outstanding: m(s.outstanding_minor)?,
        fee: s.fee_minor.map(m).transpose()?,
        interest: m(s.interest_minor)?,
        interest_from: s.interest_from,
        damages: s.damages_minor.map(m).transpose()?,
        currency: s.currency.clone(),
        source: s.source.clone(),
    })
}

/// The cases of these invoices, with their clients, steps and statuses read in a few queries.
async fn cases<'a, C: ConnectionTrait>(
    c: &C,
    invoices: Vec<invoice::Model>,
    clients: &'a HashMap<Uuid, client::Model>,
) -> Result<Vec<Case<'a>>, AppError> {
    let ids: Vec<Uuid> = invoices.iter().map(|i| i.id).collect();
    let mut steps: HashMap<Uuid, Vec<dunning_step::Model>> = HashMap::new();
    let mut statuses: HashMap<Uuid, dunning_status::Model> = HashMap::new();
    for part in ids.chunks(1_000) {
        for s in dunning_step::Entity::find()
            .filter(dunning_step::Column::InvoiceId.is_in(part.iter().copied()))
            .order_by_asc(dunning_step::Column::Level)
            .all(c)
            .await?
        {
            steps.entry(s.invoice_id).or_default().push(s);
        }
        for s in dunning_status::Entity::find()
            .filter(dunning_status::Column::InvoiceId.is_in(part.iter().copied()))
            .all(c)
            .await?
        {
            statuses.insert(s.invoice_id, s);
        }
    }
    invoices
        .into_iter()
        .map(|inv| {
            let client = clients
                .get(&inv.client_id)
                .ok_or_else(|| AppError::Corrupt(format!("invoice {} without its client", inv.id)))?;
            let kind = ClientKind::parse(&client.kind)?;
            Ok(Case {
                steps: steps.remove(&inv.id).unwrap_or_default(),
                status: statuses.remove(&inv.id),
                b2c: kind == ClientKind::Consumer,
                client,
                inv,
            })
        })
        .collect()
}

async fn clients_of<C: ConnectionTrait>(
    c: &C,
    invoices: &[invoice::Model],
) -> Result<HashMap<Uuid, client::Model>, AppError> {
    let mut ids: Vec<Uuid> = invoices.iter().map(|i| i.client_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = HashMap::new();
    for part in ids.chunks(1_000) {
        for cl in client::Entity::find().filter(client::Column::Id.is_in(part.iter().copied())).all(c).await? {
            out.insert(cl.id, cl);
        }
    }
    Ok(out)
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
    let overdue = invoice::Entity::find()
        .filter(invoice::Column::Status.is_in(UNPAID))
        .filter(invoice::Column::DueDate.lt(date))
        .order_by_asc(invoice::Column::DueDate)
        .order_by_asc(invoice::Column::Id)
        .lock_exclusive()
        .all(c)
        .await?;
    let clients = clients_of(c, &overdue).await?;
    let mut sent = Vec::new();
    for case in cases(c, overdue, &clients).await? {
        if STOPPED.contains(&case.status().0) {
            continue;
        }
        let due = case.due()?;
        let schedule = case.schedule(rules)?;
        let done = case.sent()?;
        let Some(step) = due_step(due, date, &done, &schedule, calendar) else { continue };
        let outstanding = case.outstanding()?;
        let mut with_this = done.clone();
        // The consumer's interest may start with this very step: count it as sent.
        with_this.push(SentStep { level: step.level, sent_on: date, by_post: case.client.email.is_none() });
        let start = interest_start(due, case.b2c, &with_this, &schedule, calendar);
        let interest = interest_to(outstanding, start, date, rules, case.b2c)?;
        let damages = if step.claims_damages {
            match rules.damages(outstanding, date, case.b2c) {
                Ok(d) => Some(d.value),
                // No statutory lump sum on that date: only a contract could set one, and the
                // node keeps no contract terms, so the step claims none.
                Err(DunningError::NoLumpSum { .. }) => None,
                Err(e) => return Err(dunning_error(e)),
            }
        } else {
            None
        };
        let level = i32::try_from(done.len().saturating_add(1)).map_err(|_| AppError::Corrupt("level".into()))?;
        let row = dunning_step::Model {
            id: Uuid::now_v7(),
            invoice_id: case.inv.id,
            level,
            kind: level_name(step.level).into(),
            sent_on: date,
            // A letter when there is no address to e-mail: the postal wait then applies.
            by_post: case.client.email.is_none(),
            outstanding_minor: minor(outstanding)?,
            fee_minor: step.fee.map(minor).transpose()?,
            interest_minor: minor(interest)?,
            interest_from: start.filter(|s| *s <= date),
            damages_minor: damages.map(minor).transpose()?,
            currency: outstanding.currency().code().into(),
            source: step.source.to_string(),
            created_at: now,
        };
        dunning_step::Entity::insert(sea_orm::IntoActiveModel::into_active_model(row.clone()))
            .exec_without_returning(c)
            .await?;
        if step.level == DunningLevel::Handover {
            // The schedule's last word: the file is with a collector until an advisor resumes it.
            set_status(c, case.inv.id, "handed_to_collection", Some("the schedule's handover step"), now).await?;
        }
        sent.push(step_view(&row, case.inv.number.clone())?);
    }
    let settled = settle_paid(c, now).await?;
    Ok(DunningRunView { date, sent, settled })
}

/// Marks `settled` the invoices paid since their dunning started.
async fn settle_paid<C: ConnectionTrait>(c: &C, now: NaiveDateTime) -> Result<Vec<Uuid>, AppError> {
    let dunned =
        Query::select().distinct().column(dunning_step::Column::InvoiceId).from(dunning_step::Entity).to_owned();
    let settled = Query::select()
        .column(dunning_status::Column::InvoiceId)
        .from(dunning_status::Entity)
        .and_where(Expr::col(dunning_status::Column::Status).eq("settled"))
        .to_owned();
    let ids: Vec<Uuid> = invoice::Entity::find()
        .select_only()
        .column(invoice::Column::Id)
        .filter(invoice::Column::Status.eq(InvoiceStatus::Paid.as_str()))
        .filter(invoice::Column::Id.in_subquery(dunned))
        .filter(invoice::Column::Id.not_in_subquery(settled))
        .order_by_asc(invoice::Column::Id)
        .into_tuple()
        .all(c)
        .await?;
    for id in &ids {
        set_status(c, *id, "settled", None, now).await?;
    }
    Ok(ids)
}

async fn set_status<C: ConnectionTrait>(
    c: &C,
    invoice: Uuid,
    status: &str,
    reason: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    dunning_status::Entity::insert(dunning_status::ActiveModel {
        invoice_id: Set(invoice),
        status: Set(status.into()),
        reason: Set(reason.map(str::to_owned)),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(dunning_status::Column::InvoiceId)
            .update_columns([
                dunning_status::Column::Status,
                dunning_status::Column::Reason,
                dunning_status::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(c)
    .await?;
    Ok(())
}

/// A case as advisors see it, with the interest accrued to `today`.
fn case_view(case: &Case<'_>, node: &Node, today: NaiveDate) -> Result<DunningCaseView, AppError> {
    let rules = node.pack.dunning();
    let calendar = node.pack.calendar();
    let (status, reason) = case.status();
    let paid = status == "settled";
    let outstanding = if paid { Money::zero(node.currency()) } else { case.outstanding()? };
    let due = case.due()?;
    let schedule = case.schedule(rules)?;
    let done = case.sent()?;
    let next = if paid || status == "handed_to_collection" { None } else { next_step(due, &done, &schedule, calendar) };
    let start = interest_start(due, case.b2c, &done, &schedule, calendar);
    let interest = interest_to(outstanding, start, today, rules, case.b2c)?;
    let last = case.steps.last();
    Ok(DunningCaseView {
        invoice_id: case.inv.id,
        number: case.inv.number.clone(),
        client_id: case.client.id,
        client_name: case.client.name.clone(),
        client_kind: case.client.kind.clone(),
        due_date: case.inv.due_date,
        outstanding: outstanding.amount().to_string(),
        currency: case.inv.currency.clone(),
        days_overdue: if paid { 0 } else { (today - due).num_days().max(0) },
        last_step: last.map(|s| s.kind.clone()),
        last_step_on: last.map(|s| s.sent_on),
        next_step: next.map(|(_, s)| level_name(s.level).to_owned()),
        next_step_from: next.map(|(from, _)| from),
        interest: interest.amount().to_string(),
        status: status.to_owned(),
        reason,
        steps: case.steps.iter().map(|s| step_view(s, case.inv.number.clone())).collect::<Result<_, _>>()?,
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
    let overdue = invoice::Entity::find()
        .filter(invoice::Column::Status.is_in(UNPAID))
        .filter(invoice::Column::DueDate.lt(today))
        .all(c)
        .await?;
    let clients = clients_of(c, &overdue).await?;
    let mut views = Vec::with_capacity(overdue.len());
    for case in cases(c, overdue, &clients).await? {
        let outstanding = minor(case.outstanding()?)?;
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
    let inv = super::invoices::load(c, id).await?;
    if inv.due_date.is_none() {
        return Err(DunningRefusal::Draft.into());
    }
    let clients = clients_of(c, std::slice::from_ref(&inv)).await?;
    let all = cases(c, vec![inv], &clients).await?;
    let case = all.first().ok_or_else(|| AppError::Corrupt("no case".into()))?;
    case_view(case, node, today)
}

/// What advisors do with an invoice's dunning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Stop the steps for now (a dispute, a payment plan), saying why.
    Pause,
    /// Start the steps again where they stopped.
    Resume,
    /// The file goes to a debt collector, lawyer or bailiff; the node sends nothing more.
    HandToCollection,
}

impl Action {
    /// Parses `pause`, `resume` or `hand_to_collection`.
    pub fn parse(s: &str) -> Result<Action, AppError> {
        match s {
            "pause" => Ok(Action::Pause),
            "resume" => Ok(Action::Resume),
            "hand_to_collection" => Ok(Action::HandToCollection),
            other => {
                Err(AppError::invalid("action", format!("'{other}' is not one of pause, resume, hand_to_collection")))
            }
        }
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
    let inv = super::invoices::load_locked(c, id).await?;
    let st: InvoiceStatus =
        inv.status.parse().map_err(|_| AppError::Corrupt(format!("invoice status '{}'", inv.status)))?;
    if !matches!(st, InvoiceStatus::Issued | InvoiceStatus::PartlyPaid) {
        return Err(DunningRefusal::NotDunnable { status: st }.into());
    }
    let current =
        dunning_status::Entity::find_by_id(id).one(c).await?.map_or_else(|| "active".to_owned(), |s| s.status);
    let (allowed, next) = match action {
        Action::Pause => (current == "active", "paused"),
        Action::Resume => (current == "paused" || current == "handed_to_collection", "active"),
        Action::HandToCollection => (current == "active" || current == "paused", "handed_to_collection"),
    };
    if !allowed {
        return Err(DunningRefusal::Transition { current, next }.into());
    }
    set_status(c, id, next, reason, now).await?;
    get(c, node, id, today).await
}
