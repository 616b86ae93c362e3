//! The federation's outbox and inbox on the node's database (migration `m0014_outbox`).
//!
//! [`push`] writes an event in the caller's transaction, so the business write
//! and its event commit together or not at all; [`SqlOutbox`] is what the
//! relay reads and marks. On SQLite (one writer at a time) the writer numbers its
//! rows from `outbox_sequence`; on PostgreSQL, where that row would be held by
//! every writer until its commit, rows are written with an order of their own and
//! [`number`] gives them their sequence once committed (m0038); [`prune`] deletes what the stream acknowledged long
//! enough ago; [`apply_once`] and [`park`] are a receiver's side.

use crate::error::AppError;
use crate::service::Node;
use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use partage_federation::envelope::Verified;
use partage_federation::relay::{Outbox, OutboxError, OutboxRow};
use partage_federation::Event;
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ConnectionTrait, DbBackend, QueryResult, Statement, TransactionTrait};

/// An amount as events carry it.
pub fn amount(m: partage_core::Money) -> partage_federation::Amount {
    partage_federation::Amount { amount: m.amount(), currency: m.currency().code().to_owned() }
}

fn a(name: &str) -> Alias {
    Alias::new(name)
}

/// Takes `n` numbers of the node's sequence; returns the last (SQLite). The row stays
/// locked until the caller commits, which keeps numbers in commit order.
async fn reserve<C: ConnectionTrait>(c: &C, n: u64) -> Result<u64, AppError> {
    let n = i64::try_from(n).map_err(|_| AppError::Corrupt("outbox batch too large".into()))?;
    let stmt = Query::update()
        .table(a("outbox_sequence"))
        .value(a("last"), Expr::col(a("last")).add(n))
        .and_where(Expr::col(a("id")).eq(1))
        .returning_col(a("last"))
        .to_owned();
    let row = c
        .query_one(c.get_database_backend().build(&stmt))
        .await?
        .ok_or_else(|| AppError::Corrupt("outbox_sequence has no row".into()))?;
    let last: i64 = row.try_get("", "last")?;
    u64::try_from(last).map_err(|_| AppError::Corrupt(format!("outbox sequence {last}")))
}

/// Writes `events` into the outbox in the caller's transaction, numbered in order.
pub async fn push_all<C: ConnectionTrait>(c: &C, at: DateTime<Utc>, events: &[Event]) -> Result<(), AppError> {
    // On PostgreSQL the rows go in the batch's one statement, unnumbered (see `number`).
    super::batch::Batch::new(c.get_database_backend()).run_with_events(c, at, events).await
}

/// Takes the numbers, then inserts the rows, in two statements (SQLite).
pub(super) async fn push_in_turn<C: ConnectionTrait>(
    c: &C,
    at: DateTime<Utc>,
    events: &[Event],
) -> Result<(), AppError> {
    if events.is_empty() {
        return Ok(());
    }
    let count = u64::try_from(events.len()).unwrap_or(u64::MAX);
    let last = reserve(c, count).await?;
    let first = last + 1 - count;
    // A few hundred rows per statement: under both databases' parameter limits.
    for (i, part) in events.chunks(500).enumerate() {
        let mut insert = Query::insert()
            .into_table(a("outbox"))
            .columns([a("seq"), a("kind"), a("version"), a("body"), a("occurred_at")])
            .to_owned();
        for (j, event) in part.iter().enumerate() {
            let seq = first + u64::try_from(i * 500 + j).unwrap_or(0);
            let body = serde_json::to_string(&event.body()).map_err(|e| AppError::Corrupt(e.to_string()))?;
            insert
                .values([
                    i64::try_from(seq).unwrap_or(i64::MAX).into(),
                    event.kind().into(),
                    i32::from(event.version()).into(),
                    body.into(),
                    at.into(),
                ])
                .map_err(|e| AppError::Corrupt(e.to_string()))?;
        }
        c.execute(c.get_database_backend().build(&insert)).await?;
    }
    Ok(())
}

/// Writes `event` into the outbox in the caller's transaction.
pub async fn push<C: ConnectionTrait>(c: &C, at: DateTime<Utc>, event: &Event) -> Result<(), AppError> {
    push_all(c, at, std::slice::from_ref(event)).await
}

fn row(r: &QueryResult) -> Result<OutboxRow, AppError> {
    let seq: i64 = r.try_get("", "seq")?;
    let version: i32 = r.try_get("", "version")?;
    let body: String = r.try_get("", "body")?;
    Ok(OutboxRow {
        seq: u64::try_from(seq).map_err(|_| AppError::Corrupt(format!("outbox seq {seq}")))?,
        kind: r.try_get("", "kind")?,
        version: u16::try_from(version).map_err(|_| AppError::Corrupt(format!("outbox version {version}")))?,
        occurred_at: r.try_get("", "occurred_at")?,
        body: serde_json::from_str(&body).map_err(|e| AppError::Corrupt(format!("outbox row {seq}: {e}")))?,
    })
}

/// Gives up to `limit` of the outbox's rows written on PostgreSQL their `seq`, gapless
/// after the last given, in the order of their `id`: the rows committed by now. A row of
/// a transaction still running is numbered by a later call, after rows it did not wait
/// for. Any row that must come before it has a lower `id` and was committed before it:
/// the `id` is taken once every lock of its transaction is held, so a row whose
/// transaction waited for another's lock, or began after another's commit, comes after
/// that other's rows. Returns how many rows it numbered; none on SQLite, whose writers
/// number their rows.
pub async fn number<C: ConnectionTrait + TransactionTrait>(c: &C, limit: u32) -> Result<u64, AppError> {
    const PG: DbBackend = DbBackend::Postgres;
    if c.get_database_backend() != PG {
        return Ok(0);
    }
    let waiting = "SELECT EXISTS (SELECT 1 FROM outbox WHERE seq IS NULL) AS waiting";
    let waiting = c.query_one(Statement::from_string(PG, waiting)).await?;
    if !waiting.map(|r| r.try_get::<bool>("", "waiting")).transpose()?.unwrap_or(false) {
        return Ok(0);
    }
    let tx = c.begin().await?;
    // One numbering at a time: the next one's statement begins after this one's commit.
    let locked = "SELECT last FROM outbox_sequence WHERE id = 1 FOR UPDATE";
    let row = tx
        .query_one(Statement::from_string(PG, locked))
        .await?
        .ok_or_else(|| AppError::Corrupt("outbox_sequence has no row".into()))?;
    let last: i64 = row.try_get("", "last")?;
    let sql = "WITH r AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM \
               (SELECT id FROM outbox WHERE seq IS NULL ORDER BY id LIMIT $2) u), \
               o AS (UPDATE outbox SET seq = $1 + r.n FROM r WHERE outbox.id = r.id RETURNING 1) \
               UPDATE outbox_sequence SET last = $1 + (SELECT count(*) FROM o) WHERE id = 1 RETURNING last";
    let row = tx
        .query_one(Statement::from_sql_and_values(PG, sql, [last.into(), i64::from(limit).into()]))
        .await?
        .ok_or_else(|| AppError::Corrupt("outbox_sequence has no row".into()))?;
    let now: i64 = row.try_get("", "last")?;
    tx.commit().await?;
    Ok(u64::try_from(now.saturating_sub(last)).unwrap_or(0))
}

/// Up to `limit` rows after `after`, in sequence order (on PostgreSQL, once the rows
/// committed by now are numbered: [`number`]).
pub async fn after<C: ConnectionTrait + TransactionTrait>(
    c: &C,
    after: u64,
    limit: u32,
) -> Result<Vec<OutboxRow>, AppError> {
    number(c, limit.max(1_000)).await?;
    let stmt = Query::select()
        .columns([a("seq"), a("kind"), a("version"), a("body"), a("occurred_at")])
        .from(a("outbox"))
        .and_where(Expr::col(a("seq")).gt(i64::try_from(after).unwrap_or(i64::MAX)))
        .order_by(a("seq"), sea_orm::Order::Asc)
        .limit(u64::from(limit))
        .to_owned();
    c.query_all(c.get_database_backend().build(&stmt)).await?.iter().map(row).collect()
}

/// The highest sequence marked sent.
pub async fn last_sent<C: ConnectionTrait>(c: &C) -> Result<u64, AppError> {
    let stmt =
        Query::select().column(a("sent")).from(a("outbox_sequence")).and_where(Expr::col(a("id")).eq(1)).to_owned();
    let row = c
        .query_one(c.get_database_backend().build(&stmt))
        .await?
        .ok_or_else(|| AppError::Corrupt("outbox_sequence has no row".into()))?;
    let sent: i64 = row.try_get("", "sent")?;
    Ok(u64::try_from(sent).unwrap_or(0))
}

/// Marks every row up to `seq` sent at `at`.
pub async fn mark_sent<C: ConnectionTrait>(c: &C, seq: u64, at: DateTime<Utc>) -> Result<(), AppError> {
    let seq = i64::try_from(seq).unwrap_or(i64::MAX);
    let rows = Query::update()
        .table(a("outbox"))
        .value(a("sent_at"), at)
        .and_where(Expr::col(a("seq")).lte(seq))
        .and_where(Expr::col(a("sent_at")).is_null())
        .to_owned();
    c.execute(c.get_database_backend().build(&rows)).await?;
    // Never backwards: two marks may race after a relay restart.
    let mark = Query::update()
        .table(a("outbox_sequence"))
        .value(a("sent"), seq)
        .and_where(Expr::col(a("id")).eq(1))
        .and_where(Expr::col(a("sent")).lt(seq))
        .to_owned();
    c.execute(c.get_database_backend().build(&mark)).await?;
    Ok(())
}

/// Deletes up to `limit` of the oldest rows that the node's stream acknowledged
/// (`seq <= outbox_sequence.sent`) before `before`; returns how many. Call it in a
/// transaction of its own, chunk after chunk: one short write lock each.
///
/// Only a prefix of the outbox goes, from its lowest sequence up to the first row
/// that must stay, so what is left is always one unbroken run of numbers ending at
/// the sequence's `last`, which the relay reads from `sent` on. `outbox_sequence` is
/// not touched: numbering continues after a prune. The age is the acknowledgement's
/// (`sent_at`), not the event's: a node that joins late publishes years-old history,
/// which would otherwise be deleted the hour it was sent, before anyone could compare it
/// with the stream.
pub async fn prune<C: ConnectionTrait>(c: &C, before: DateTime<Utc>, limit: u64) -> Result<u64, AppError> {
    let sent = last_sent(c).await?;
    let oldest = Query::select()
        .columns([a("seq"), a("sent_at")])
        .from(a("outbox"))
        .order_by(a("seq"), sea_orm::Order::Asc)
        .limit(limit)
        .to_owned();
    let mut upto: Option<i64> = None;
    for r in c.query_all(c.get_database_backend().build(&oldest)).await? {
        let seq: i64 = r.try_get("", "seq")?;
        let sent_at: Option<DateTime<Utc>> = r.try_get("", "sent_at")?;
        let acknowledged = u64::try_from(seq).is_ok_and(|s| s <= sent);
        match sent_at {
            Some(at) if acknowledged && at < before => upto = Some(seq),
            _ => break,
        }
    }
    let Some(upto) = upto else { return Ok(0) };
    let delete = Query::delete().from_table(a("outbox")).and_where(Expr::col(a("seq")).lte(upto)).to_owned();
    Ok(c.execute(c.get_database_backend().build(&delete)).await?.rows_affected())
}

/// Records `event`'s id in the inbox; false if it was already there (apply nothing then).
/// Call in the transaction that applies the event.
pub async fn apply_once<C: ConnectionTrait>(c: &C, event: &Verified, at: DateTime<Utc>) -> Result<bool, AppError> {
    let e = &event.envelope;
    let mut insert = Query::insert()
        .into_table(a("inbox"))
        .columns([a("event_id"), a("node"), a("node_seq"), a("kind"), a("received_at")])
        .to_owned();
    insert
        .values([
            e.event_id.clone().into(),
            e.node.to_string().into(),
            i64::try_from(e.node_seq).unwrap_or(i64::MAX).into(),
            e.kind.clone().into(),
            at.into(),
        ])
        .map_err(|err| AppError::Corrupt(err.to_string()))?;
    insert.on_conflict(sea_orm::sea_query::OnConflict::column(a("event_id")).do_nothing().to_owned());
    let done = c.execute(c.get_database_backend().build(&insert)).await?;
    Ok(done.rows_affected() == 1)
}

/// Keeps a refused message (or one of an unknown version) for a person to look at; without
/// its signature it can only be dismissed (`storage::parked` keeps what a retry needs).
pub async fn park<C: ConnectionTrait>(
    c: &C,
    subject: &str,
    reason: &str,
    payload: &[u8],
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let new = super::parked::NewParked { subject, reason, payload, signature: None, event_id: None, waits_for: None };
    super::parked::insert(c, &new, at).await.map(|_| ())
}

/// The node's outbox as the relay reads it.
pub struct SqlOutbox {
    node: Node,
}

impl SqlOutbox {
    /// The outbox of `node`'s database.
    pub fn new(node: Node) -> Self {
        SqlOutbox { node }
    }
}

fn boxed(e: AppError) -> OutboxError {
    Box::new(e)
}

impl Outbox for SqlOutbox {
    fn unsent(&self, from: u64, limit: u32) -> BoxFuture<'_, Result<Vec<OutboxRow>, OutboxError>> {
        Box::pin(async move { after(self.node.store.db(), from, limit).await.map_err(boxed) })
    }

    fn mark_sent(&self, seq: u64) -> BoxFuture<'_, Result<(), OutboxError>> {
        Box::pin(async move {
            let txn = self.node.store.write().await.map_err(|e| boxed(e.into()))?;
            mark_sent(&*txn, seq, self.node.instant()).await.map_err(boxed)?;
            txn.commit().await.map_err(|e| boxed(e.into()))
        })
    }

    fn last_sent(&self) -> BoxFuture<'_, Result<u64, OutboxError>> {
        Box::pin(async move { last_sent(self.node.store.db()).await.map_err(boxed) })
    }
}
