//! Parked messages on the node's database (`inbox_parked`, migrations `m0014_outbox`,
//! `m0037_parked_retry` and `m0039_parked_unreadable`): what the node's inbox received and did not apply, kept for a person
//! to look at, retry or dismiss (`service::parked`).

use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, LockType, Query, SelectStatement};
use sea_orm::{ConnectionTrait, QueryResult};
use uuid::Uuid;

fn a(name: &str) -> Alias {
    Alias::new(name)
}

/// A parked message as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParkedRow {
    /// Its id (UUIDv7: in the order parked).
    pub id: Uuid,
    /// The subject it came under.
    pub subject: String,
    /// Why it was not applied (the last retry's reason, when retried).
    pub reason: String,
    /// The payload: the envelope's JSON as signed (as re-written, for rows parked before m0037).
    pub payload: String,
    /// The `Partage-Sig` header it came with; none before m0037 or when it had none.
    pub signature: Option<String>,
    /// The event id whose inbox row was written when it was parked: the row is this
    /// message's, and a retry applies it without writing another. None: verification refused
    /// it before any inbox row (or it was parked before m0037).
    pub event_id: Option<String>,
    /// The posting notice it waits for (an amendment or a cancel of a notice not held yet).
    pub waits_for: Option<Uuid>,
    /// When it was received.
    pub received_at: DateTime<Utc>,
    /// When a retry last left it parked.
    pub retried_at: Option<DateTime<Utc>>,
    /// Parked because the build could not read it: what that build (or the last one that
    /// retried it and still could not) reads, `events::reads_tag` (m0039). None: parked for
    /// another reason.
    pub unreadable_by: Option<String>,
}

/// A message to park: where it came from, why, and what a retry needs.
pub struct NewParked<'a> {
    /// The subject.
    pub subject: &'a str,
    /// Why.
    pub reason: &'a str,
    /// The payload's bytes as received.
    pub payload: &'a [u8],
    /// Its `Partage-Sig` header, if it had one.
    pub signature: Option<&'a str>,
    /// The event id whose inbox row the caller wrote in this transaction, if any.
    pub event_id: Option<&'a str>,
    /// The posting notice it waits for, if any.
    pub waits_for: Option<Uuid>,
}

const COLUMNS: [&str; 10] = [
    "id",
    "subject",
    "reason",
    "payload",
    "signature",
    "event_id",
    "waits_for",
    "received_at",
    "retried_at",
    "unreadable_by",
];

fn select() -> SelectStatement {
    Query::select().columns(COLUMNS.map(a)).from(a("inbox_parked")).to_owned()
}

fn read(r: &QueryResult) -> Result<ParkedRow, AppError> {
    Ok(ParkedRow {
        id: r.try_get("", "id")?,
        subject: r.try_get("", "subject")?,
        reason: r.try_get("", "reason")?,
        payload: r.try_get("", "payload")?,
        signature: r.try_get("", "signature")?,
        event_id: r.try_get("", "event_id")?,
        waits_for: r.try_get("", "waits_for")?,
        received_at: r.try_get("", "received_at")?,
        retried_at: r.try_get("", "retried_at")?,
        unreadable_by: r.try_get("", "unreadable_by")?,
    })
}

/// Parks a message in the caller's transaction; returns its id.
pub async fn insert<C: ConnectionTrait>(c: &C, new: &NewParked<'_>, at: DateTime<Utc>) -> Result<Uuid, AppError> {
    let id = Uuid::now_v7();
    let mut insert = Query::insert()
        .into_table(a("inbox_parked"))
        .columns(["id", "subject", "reason", "payload", "signature", "event_id", "waits_for", "received_at"].map(a))
        .to_owned();
    insert
        .values([
            id.into(),
            new.subject.into(),
            new.reason.into(),
            // The payload is the envelope's JSON: UTF-8 whenever its signature can verify.
            String::from_utf8_lossy(new.payload).into_owned().into(),
            new.signature.map(str::to_owned).into(),
            new.event_id.map(str::to_owned).into(),
            new.waits_for.into(),
            at.into(),
        ])
        .map_err(|err| AppError::Corrupt(err.to_string()))?;
    c.execute(c.get_database_backend().build(&insert)).await?;
    Ok(id)
}

/// One parked message, as it is now (no lock: for showing it).
pub async fn get<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<Option<ParkedRow>, AppError> {
    let q = select().and_where(Expr::col(a("id")).eq(id)).to_owned();
    c.query_one(c.get_database_backend().build(&q)).await?.as_ref().map(read).transpose()
}

/// One parked message, its row locked until the caller's transaction ends (PostgreSQL; the
/// process-wide write lock serialises SQLite's writers): two retries of it take turns.
pub async fn lock<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<Option<ParkedRow>, AppError> {
    let mut q = select().and_where(Expr::col(a("id")).eq(id)).to_owned();
    if c.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        q.lock(LockType::Update);
    }
    c.query_one(c.get_database_backend().build(&q)).await?.as_ref().map(read).transpose()
}

/// The messages waiting for posting notice `notice`, locked (PostgreSQL), oldest first.
pub async fn waiting_for<C: ConnectionTrait>(c: &C, notice: Uuid) -> Result<Vec<ParkedRow>, AppError> {
    let mut q =
        select().and_where(Expr::col(a("waits_for")).eq(notice)).order_by(a("id"), sea_orm::Order::Asc).to_owned();
    if c.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        q.lock(LockType::Update);
    }
    c.query_all(c.get_database_backend().build(&q)).await?.iter().map(read).collect()
}

/// Parked messages, oldest first, with the count of all.
pub async fn list<C: ConnectionTrait>(c: &C, offset: u64, limit: u64) -> Result<(Vec<ParkedRow>, u64), AppError> {
    let count = Query::select().expr_as(Expr::col(a("id")).count(), a("n")).from(a("inbox_parked")).to_owned();
    let total: i64 = match c.query_one(c.get_database_backend().build(&count)).await? {
        Some(r) => r.try_get("", "n")?,
        None => 0,
    };
    let q = select().order_by(a("id"), sea_orm::Order::Asc).offset(offset).limit(limit).to_owned();
    let rows = c.query_all(c.get_database_backend().build(&q)).await?;
    Ok((rows.iter().map(read).collect::<Result<_, _>>()?, u64::try_from(total).unwrap_or(0)))
}

/// Why a retry left a message parked, and what it holds then.
pub struct StillParked<'a> {
    /// The new reason.
    pub reason: &'a str,
    /// The event id whose inbox row it holds now, if any.
    pub event_id: Option<&'a str>,
    /// The posting notice it waits for, if any.
    pub waits_for: Option<Uuid>,
    /// The reads tag of the build that still could not read it; none when it was read.
    pub unreadable_by: Option<&'a str>,
}

/// A retry left it parked: its new reason, the inbox row it now holds, what it waits for and
/// whether this build could read it.
pub async fn still_parked<C: ConnectionTrait>(
    c: &C,
    id: Uuid,
    still: &StillParked<'_>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let update = Query::update()
        .table(a("inbox_parked"))
        .value(a("reason"), still.reason)
        .value(a("event_id"), still.event_id.map(str::to_owned))
        .value(a("waits_for"), still.waits_for)
        .value(a("unreadable_by"), still.unreadable_by.map(str::to_owned))
        .value(a("retried_at"), at)
        .and_where(Expr::col(a("id")).eq(id))
        .to_owned();
    c.execute(c.get_database_backend().build(&update)).await?;
    Ok(())
}

/// Marks parked message `id` as one the build reading `tag` (`events::reads_tag`) could not
/// read, in the caller's transaction (the one that parked it).
pub async fn mark_unreadable<C: ConnectionTrait>(c: &C, id: Uuid, tag: &str) -> Result<(), AppError> {
    let update = Query::update()
        .table(a("inbox_parked"))
        .value(a("unreadable_by"), tag)
        .and_where(Expr::col(a("id")).eq(id))
        .to_owned();
    c.execute(c.get_database_backend().build(&update)).await?;
    Ok(())
}

/// The ids of the messages parked as unreadable by a build that read other events than one
/// reading `tag`, and kept with their signature (a retry can verify them), oldest first.
pub async fn unreadable_not_by<C: ConnectionTrait>(c: &C, tag: &str) -> Result<Vec<Uuid>, AppError> {
    let q = Query::select()
        .column(a("id"))
        .from(a("inbox_parked"))
        .and_where(Expr::col(a("unreadable_by")).is_not_null())
        .and_where(Expr::col(a("unreadable_by")).ne(tag))
        .and_where(Expr::col(a("signature")).is_not_null())
        .order_by(a("id"), sea_orm::Order::Asc)
        .to_owned();
    let rows = c.query_all(c.get_database_backend().build(&q)).await?;
    rows.iter().map(|r| r.try_get("", "id").map_err(AppError::from)).collect()
}

/// Deletes one; false if it was not there.
pub async fn delete<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<bool, AppError> {
    let delete = Query::delete().from_table(a("inbox_parked")).and_where(Expr::col(a("id")).eq(id)).to_owned();
    Ok(c.execute(c.get_database_backend().build(&delete)).await?.rows_affected() == 1)
}
