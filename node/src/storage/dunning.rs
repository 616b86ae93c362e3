//! The dunning repository: overdue invoices with their client, the steps sent for them
//! (`dunning_steps`) and the advisors' status of their dunning (`dunning_statuses`, absent:
//! active), in and out as core types ([`Case`], [`StepRecord`], `core::dunning::DunningStatus`).
//!
//! A stored level, status, invoice status or currency the core does not read is a damaged row
//! (`AppError::Corrupt` naming the value).

use crate::error::AppError;
use crate::storage::clients::registered_of;
use crate::storage::entities::{client, dunning_status, dunning_step, invoice};
use chrono::{NaiveDate, NaiveDateTime};
use partage_core::client::RegisteredClient;
use partage_core::dunning::{DunningLevel, DunningStatus, SentStep};
use partage_core::invoice::InvoiceStatus;
use partage_core::{Currency, Money};
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use uuid::Uuid;

/// Invoice statuses that can still be overdue.
const UNPAID: [InvoiceStatus; 2] = [InvoiceStatus::Issued, InvoiceStatus::PartlyPaid];

/// An invoice as dunning reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DunnedInvoice {
    /// Invoice id.
    pub id: Uuid,
    /// Its number, once issued.
    pub number: Option<String>,
    /// Where it stands.
    pub status: InvoiceStatus,
    /// The client it was issued to.
    pub client_id: Uuid,
    /// Its date, once issued.
    pub invoice_date: Option<NaiveDate>,
    /// Its due date, once issued.
    pub due_date: Option<NaiveDate>,
    /// Its total, taxes included.
    pub gross: Money,
    /// What was paid of it.
    pub paid: Money,
    /// The language it was written in.
    pub language: String,
}

impl DunnedInvoice {
    /// What is still owed: the total less what was paid.
    pub fn outstanding(&self) -> Result<Money, AppError> {
        Ok(self.gross.checked_sub(self.paid)?)
    }
}

/// A step as it was sent, with what it claimed that day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepRecord {
    /// Step id.
    pub id: Uuid,
    /// The invoice it was sent for.
    pub invoice_id: Uuid,
    /// 1 for the first step sent for the invoice, then 2, 3...
    pub level: u32,
    /// How firm it was.
    pub kind: DunningLevel,
    /// The day it was sent.
    pub sent_on: NaiveDate,
    /// True for a letter, false for an e-mail.
    pub by_post: bool,
    /// What was owed that day.
    pub outstanding: Money,
    /// The charge for sending it, if any.
    pub fee: Option<Money>,
    /// The late interest claimed to that day.
    pub interest: Money,
    /// The first day of that interest.
    pub interest_from: Option<NaiveDate>,
    /// The lump-sum damages it claimed, if any.
    pub damages: Option<Money>,
    /// The rule or policy the step came from.
    pub source: String,
    /// When it was recorded.
    pub created_at: NaiveDateTime,
}

impl StepRecord {
    /// The step as core's schedule counts it.
    pub fn sent(&self) -> SentStep {
        SentStep { level: self.kind, sent_on: self.sent_on, by_post: self.by_post }
    }
}

/// The advisors' status of an invoice's dunning, with the reason they gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusRecord {
    /// Where the dunning stands.
    pub status: DunningStatus,
    /// Why, as the advisor said it.
    pub reason: Option<String>,
}

/// An unpaid invoice with what dunning needs of it: its client, the steps sent (first first)
/// and the status advisors recorded (none: active).
#[derive(Clone, Debug)]
pub struct Case {
    /// The invoice.
    pub invoice: DunnedInvoice,
    /// Its client, as the client's row stands.
    pub client: RegisteredClient,
    /// The steps sent for it, by level.
    pub steps: Vec<StepRecord>,
    /// The status advisors recorded, if any.
    pub status: Option<StatusRecord>,
}

fn money(minor: i64, currency: &str) -> Result<Money, AppError> {
    let currency: Currency = currency.parse().map_err(|_| AppError::Corrupt(format!("currency '{currency}'")))?;
    Ok(Money::from_minor(minor, currency))
}

/// An invoice row as dunning reads it.
pub fn invoice_of(m: &invoice::Model) -> Result<DunnedInvoice, AppError> {
    Ok(DunnedInvoice {
        id: m.id,
        number: m.number.clone(),
        status: m.status.parse().map_err(|_| AppError::Corrupt(format!("invoice status '{}'", m.status)))?,
        client_id: m.client_id,
        invoice_date: m.invoice_date,
        due_date: m.due_date,
        gross: money(m.gross_minor, &m.currency)?,
        paid: money(m.paid_minor, &m.currency)?,
        language: m.language.clone(),
    })
}

/// A step row as it was sent.
pub fn step_of(m: &dunning_step::Model) -> Result<StepRecord, AppError> {
    let kind =
        DunningLevel::parse(&m.kind).ok_or_else(|| AppError::Corrupt(format!("dunning step kind '{}'", m.kind)))?;
    let level =
        u32::try_from(m.level).map_err(|_| AppError::Corrupt(format!("dunning step {} level {}", m.id, m.level)))?;
    let amount = |minor: i64| money(minor, &m.currency);
    Ok(StepRecord {
        id: m.id,
        invoice_id: m.invoice_id,
        level,
        kind,
        sent_on: m.sent_on,
        by_post: m.by_post,
        outstanding: amount(m.outstanding_minor)?,
        fee: m.fee_minor.map(amount).transpose()?,
        interest: amount(m.interest_minor)?,
        interest_from: m.interest_from,
        damages: m.damages_minor.map(amount).transpose()?,
        source: m.source.clone(),
        created_at: m.created_at,
    })
}

fn status_of(m: &dunning_status::Model) -> Result<StatusRecord, AppError> {
    let status =
        DunningStatus::parse(&m.status).ok_or_else(|| AppError::Corrupt(format!("dunning status '{}'", m.status)))?;
    Ok(StatusRecord { status, reason: m.reason.clone() })
}

/// One invoice, or not found.
pub async fn invoice<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<DunnedInvoice, AppError> {
    invoice_of(&invoice::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("invoice", id))?)
}

/// One invoice, its row locked for update (on PostgreSQL), as an issue or a payment locks it,
/// so that an advisor's action and a payment on one invoice see each other.
pub async fn lock_invoice<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<DunnedInvoice, AppError> {
    let m = invoice::Entity::find_by_id(id)
        .lock_exclusive()
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("invoice", id))?;
    invoice_of(&m)
}

/// The issued, unpaid invoices due before `date`, by due date then id, their rows locked for
/// update (on PostgreSQL) so that two runs at once take turns instead of racing on the same
/// step; with their clients, steps and statuses.
pub async fn overdue_locked<C: ConnectionTrait>(c: &C, date: NaiveDate) -> Result<Vec<Case>, AppError> {
    let rows = invoice::Entity::find()
        .filter(invoice::Column::Status.is_in(UNPAID.map(InvoiceStatus::as_str)))
        .filter(invoice::Column::DueDate.lt(date))
        .order_by_asc(invoice::Column::DueDate)
        .order_by_asc(invoice::Column::Id)
        .lock_exclusive()
        .all(c)
        .await?;
    cases(c, rows.iter().map(invoice_of).collect::<Result<_, _>>()?).await
}

/// The issued, unpaid invoices due before `today`, in no order, with their clients, steps and
/// statuses: what advisors follow.
pub async fn overdue<C: ConnectionTrait>(c: &C, today: NaiveDate) -> Result<Vec<Case>, AppError> {
    let rows = invoice::Entity::find()
        .filter(invoice::Column::Status.is_in(UNPAID.map(InvoiceStatus::as_str)))
        .filter(invoice::Column::DueDate.lt(today))
        .all(c)
        .await?;
    cases(c, rows.iter().map(invoice_of).collect::<Result<_, _>>()?).await
}

/// The case of one invoice (read with [`invoice`]): its client, steps and status.
pub async fn case_of<C: ConnectionTrait>(c: &C, invoice: DunnedInvoice) -> Result<Case, AppError> {
    cases(c, vec![invoice]).await?.pop().ok_or_else(|| AppError::Corrupt("no case".into()))
}

/// The cases of these invoices, with their clients, steps and statuses read in a few queries
/// (a thousand ids at a time).
async fn cases<C: ConnectionTrait>(c: &C, invoices: Vec<DunnedInvoice>) -> Result<Vec<Case>, AppError> {
    let clients = clients_of(c, &invoices).await?;
    let ids: Vec<Uuid> = invoices.iter().map(|i| i.id).collect();
    let mut steps: HashMap<Uuid, Vec<StepRecord>> = HashMap::new();
    let mut statuses: HashMap<Uuid, StatusRecord> = HashMap::new();
    for part in ids.chunks(1_000) {
        for s in dunning_step::Entity::find()
            .filter(dunning_step::Column::InvoiceId.is_in(part.iter().copied()))
            .order_by_asc(dunning_step::Column::Level)
            .all(c)
            .await?
        {
            steps.entry(s.invoice_id).or_default().push(step_of(&s)?);
        }
        for s in dunning_status::Entity::find()
            .filter(dunning_status::Column::InvoiceId.is_in(part.iter().copied()))
            .all(c)
            .await?
        {
            statuses.insert(s.invoice_id, status_of(&s)?);
        }
    }
    invoices
        .into_iter()
        .map(|inv| {
            let client = clients
                .get(&inv.client_id)
                .ok_or_else(|| AppError::Corrupt(format!("invoice {} without its client", inv.id)))?;
            Ok(Case {
                client: client.clone(),
                steps: steps.remove(&inv.id).unwrap_or_default(),
                status: statuses.remove(&inv.id),
                invoice: inv,
            })
        })
        .collect()
}

async fn clients_of<C: ConnectionTrait>(
    c: &C,
    invoices: &[DunnedInvoice],
) -> Result<HashMap<Uuid, RegisteredClient>, AppError> {
    let mut ids: Vec<Uuid> = invoices.iter().map(|i| i.client_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = HashMap::new();
    for part in ids.chunks(1_000) {
        for cl in client::Entity::find().filter(client::Column::Id.is_in(part.iter().copied())).all(c).await? {
            out.insert(cl.id, registered_of(&cl)?);
        }
    }
    Ok(out)
}

/// The steps sent for an invoice, by level.
pub async fn steps<C: ConnectionTrait>(c: &C, invoice: Uuid) -> Result<Vec<StepRecord>, AppError> {
    let rows = dunning_step::Entity::find()
        .filter(dunning_step::Column::InvoiceId.eq(invoice))
        .order_by_asc(dunning_step::Column::Level)
        .all(c)
        .await?;
    rows.iter().map(step_of).collect()
}

/// Stores a step sent.
pub async fn insert_step<C: ConnectionTrait>(c: &C, s: &StepRecord) -> Result<(), AppError> {
    let minor = |m: Money| m.to_minor();
    let row = dunning_step::ActiveModel {
        id: Set(s.id),
        invoice_id: Set(s.invoice_id),
        level: Set(i32::try_from(s.level).map_err(|_| AppError::Corrupt("level".into()))?),
        kind: Set(s.kind.as_str().into()),
        sent_on: Set(s.sent_on),
        by_post: Set(s.by_post),
        outstanding_minor: Set(minor(s.outstanding)?),
        fee_minor: Set(s.fee.map(minor).transpose()?),
        interest_minor: Set(minor(s.interest)?),
        interest_from: Set(s.interest_from),
        damages_minor: Set(s.damages.map(minor).transpose()?),
        currency: Set(s.outstanding.currency().code().into()),
        source: Set(s.source.clone()),
        created_at: Set(s.created_at),
    };
    dunning_step::Entity::insert(row).exec_without_returning(c).await?;
    Ok(())
}

/// The status advisors recorded for an invoice's dunning, if any (none: active).
pub async fn status<C: ConnectionTrait>(c: &C, invoice: Uuid) -> Result<Option<StatusRecord>, AppError> {
    dunning_status::Entity::find_by_id(invoice).one(c).await?.as_ref().map(status_of).transpose()
}

/// Records the status of an invoice's dunning, over the one it had.
pub async fn set_status<C: ConnectionTrait>(
    c: &C,
    invoice: Uuid,
    status: DunningStatus,
    reason: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    dunning_status::Entity::insert(dunning_status::ActiveModel {
        invoice_id: Set(invoice),
        status: Set(status.as_str().into()),
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

/// The paid invoices that had a step sent and whose dunning is not yet settled, by id.
pub async fn paid_unsettled<C: ConnectionTrait>(c: &C) -> Result<Vec<Uuid>, AppError> {
    let dunned =
        Query::select().distinct().column(dunning_step::Column::InvoiceId).from(dunning_step::Entity).to_owned();
    let settled = Query::select()
        .column(dunning_status::Column::InvoiceId)
        .from(dunning_status::Entity)
        .and_where(Expr::col(dunning_status::Column::Status).eq(DunningStatus::Settled.as_str()))
        .to_owned();
    Ok(invoice::Entity::find()
        .select_only()
        .column(invoice::Column::Id)
        .filter(invoice::Column::Status.eq(InvoiceStatus::Paid.as_str()))
        .filter(invoice::Column::Id.in_subquery(dunned))
        .filter(invoice::Column::Id.not_in_subquery(settled))
        .order_by_asc(invoice::Column::Id)
        .into_tuple()
        .all(c)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step() -> dunning_step::Model {
        dunning_step::Model {
            id: Uuid::nil(),
            invoice_id: Uuid::nil(),
            level: 2,
            kind: "formal_notice".into(),
            sent_on: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            by_post: true,
            outstanding_minor: 121_000,
            fee_minor: None,
            interest_minor: 1_234,
            interest_from: NaiveDate::from_ymd_opt(2026, 2, 1),
            damages_minor: Some(12_100),
            currency: "EUR".into(),
            source: "law of 2 August 2002".into(),
            created_at: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap().and_hms_opt(8, 0, 0).unwrap(),
        }
    }

    #[test]
    fn a_step_row_reads_back_as_sent() {
        let s = step_of(&step()).unwrap();
        assert_eq!((s.level, s.kind), (2, DunningLevel::FormalNotice));
        assert_eq!(s.outstanding, Money::from_minor(121_000, Currency::EUR));
        assert_eq!(s.damages, Some(Money::from_minor(12_100, Currency::EUR)));
        assert_eq!(s.sent(), SentStep { level: DunningLevel::FormalNotice, sent_on: s.sent_on, by_post: true });
    }

    #[test]
    fn an_unknown_stored_kind_status_or_a_negative_level_is_corrupt_and_names_the_value() {
        match step_of(&dunning_step::Model { kind: "summons".into(), ..step() }) {
            Err(AppError::Corrupt(what)) => assert_eq!(what, "dunning step kind 'summons'"),
            other => panic!("expected Corrupt, got {other:?}"),
        }
        assert!(matches!(step_of(&dunning_step::Model { level: -1, ..step() }), Err(AppError::Corrupt(_))));
        let status = dunning_status::Model {
            invoice_id: Uuid::nil(),
            status: "closed".into(),
            reason: None,
            updated_at: step().created_at,
        };
        match status_of(&status) {
            Err(AppError::Corrupt(what)) => assert_eq!(what, "dunning status 'closed'"),
            other => panic!("expected Corrupt, got {other:?}"),
        }
    }
}
