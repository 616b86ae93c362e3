//! Member transfers on the node's database (migration `m0025_member_transfers`): one
//! row per transfer and side, and the steps applied or sent, each once.

use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use partage_core::transfer::{SharesRule, Side, Step, TransferStatus};
use sea_orm::sea_query::{Alias, Expr, LockType, OnConflict, Query, SelectStatement};
use sea_orm::{ConnectionTrait, QueryResult};
use uuid::Uuid;

fn a(name: &str) -> Alias {
    Alias::new(name)
}

/// A transfer as one side stores it.
#[derive(Clone, Debug)]
pub struct TransferRow {
    /// The transfer, unique in the federation.
    pub id: Uuid,
    /// Which end this node is.
    pub side: Side,
    /// The other node.
    pub peer: String,
    /// Where it stands here.
    pub status: TransferStatus,
    /// The member (origin: from the start; destination: once accepted).
    pub member_id: Option<Uuid>,
    /// The shares rule the origin applies.
    pub shares_rule: SharesRule,
    /// When the offer expires.
    pub expires_at: DateTime<Utc>,
    /// The destination's opened record (JSON), until the commit, a rejection or a cancellation.
    pub record: Option<String>,
    /// Why it was rejected or cancelled.
    pub reason: Option<String>,
    /// The day the member asked to move.
    pub requested_on: NaiveDate,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: [&str; 12] = [
    "id",
    "side",
    "peer",
    "status",
    "member_id",
    "shares_rule",
    "expires_at",
    "record",
    "reason",
    "requested_on",
    "created_at",
    "updated_at",
];

fn read(r: &QueryResult) -> Result<TransferRow, AppError> {
    let name = |col: &str| -> Result<String, AppError> { Ok(r.try_get::<String>("", col)?) };
    let corrupt = |what: &str, v: String| AppError::Corrupt(format!("member transfer {what} '{v}'"));
    let side = name("side")?;
    let status = name("status")?;
    let rule = name("shares_rule")?;
    Ok(TransferRow {
        id: r.try_get("", "id")?,
        side: side.parse().map_err(|_| corrupt("side", side.clone()))?,
        peer: name("peer")?,
        status: status.parse().map_err(|_| corrupt("status", status.clone()))?,
        member_id: r.try_get("", "member_id")?,
        shares_rule: rule.parse().map_err(|_| corrupt("shares rule", rule.clone()))?,
        expires_at: r.try_get("", "expires_at")?,
        record: r.try_get("", "record")?,
        reason: r.try_get("", "reason")?,
        requested_on: r.try_get("", "requested_on")?,
        created_at: r.try_get("", "created_at")?,
        updated_at: r.try_get("", "updated_at")?,
    })
}

fn select() -> SelectStatement {
    Query::select().columns(COLUMNS.map(a)).from(a("member_transfers")).to_owned()
}

/// Stores a new transfer. A second row of the same id, or a second open transfer of
/// one member, is a unique violation (`AppError::Storage`).
pub async fn insert<C: ConnectionTrait>(c: &C, t: &TransferRow) -> Result<(), AppError> {
    let open = t.status.is_open().then_some(t.member_id).flatten();
    let columns = COLUMNS.iter().chain(&["open_member"]).map(|c| a(c));
    let mut insert = Query::insert().into_table(a("member_transfers")).columns(columns).to_owned();
    insert
        .values([
            t.id.into(),
            t.side.as_str().into(),
            t.peer.clone().into(),
            t.status.as_str().into(),
            t.member_id.into(),
            t.shares_rule.as_str().into(),
            t.expires_at.into(),
            t.record.clone().into(),
            t.reason.clone().into(),
            t.requested_on.into(),
            t.created_at.into(),
            t.updated_at.into(),
            open.into(),
        ])
        .map_err(|e| AppError::Corrupt(e.to_string()))?;
    c.execute(c.get_database_backend().build(&insert)).await?;
    Ok(())
}

/// Writes a transfer's status, member, record and reason; `open_member` follows the status.
pub async fn save<C: ConnectionTrait>(c: &C, t: &TransferRow) -> Result<(), AppError> {
    let open = t.status.is_open().then_some(t.member_id).flatten();
    let update = Query::update()
        .table(a("member_transfers"))
        .values([
            (a("status"), t.status.as_str().into()),
            (a("member_id"), t.member_id.into()),
            (a("open_member"), open.into()),
            (a("record"), t.record.clone().into()),
            (a("reason"), t.reason.clone().into()),
            (a("updated_at"), t.updated_at.into()),
        ])
        .and_where(Expr::col(a("id")).eq(t.id))
        .to_owned();
    c.execute(c.get_database_backend().build(&update)).await?;
    Ok(())
}

/// One transfer, or none.
pub async fn find<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<Option<TransferRow>, AppError> {
    let q = select().and_where(Expr::col(a("id")).eq(id)).to_owned();
    c.query_one(c.get_database_backend().build(&q)).await?.as_ref().map(read).transpose()
}

/// One transfer, its row locked until the transaction ends (PostgreSQL; SQLite's
/// writers are serialised by the store's write lock), so two steps of one transfer
/// apply one after the other.
pub async fn lock<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<Option<TransferRow>, AppError> {
    let mut q = select().and_where(Expr::col(a("id")).eq(id)).to_owned();
    if c.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        q.lock(LockType::Update);
    }
    c.query_one(c.get_database_backend().build(&q)).await?.as_ref().map(read).transpose()
}

/// The member's open transfer (offered or accepted), if any: at most one, by the
/// `open_member` unique index.
pub async fn open_of<C: ConnectionTrait>(c: &C, member: Uuid) -> Result<Option<TransferRow>, AppError> {
    let q = select().and_where(Expr::col(a("open_member")).eq(member)).to_owned();
    c.query_one(c.get_database_backend().build(&q)).await?.as_ref().map(read).transpose()
}

/// Transfers, newest first, optionally of one side and status; with the count of all.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    side: Option<Side>,
    status: Option<TransferStatus>,
    offset: u64,
    limit: u64,
) -> Result<(Vec<TransferRow>, u64), AppError> {
    let mut q = select();
    if let Some(s) = side {
        q.and_where(Expr::col(a("side")).eq(s.as_str()));
    }
    if let Some(s) = status {
        q.and_where(Expr::col(a("status")).eq(s.as_str()));
    }
    let mut count = q.clone();
    count.clear_selects().expr_as(Expr::col(a("id")).count(), a("n"));
    let total: i64 = match c.query_one(c.get_database_backend().build(&count)).await? {
        Some(r) => r.try_get("", "n")?,
        None => 0,
    };
    q.order_by(a("id"), sea_orm::Order::Desc).offset(offset).limit(limit);
    let rows = c.query_all(c.get_database_backend().build(&q)).await?;
    Ok((rows.iter().map(read).collect::<Result<_, _>>()?, u64::try_from(total).unwrap_or(0)))
}

/// The origin's open offers whose deadline has passed, oldest first, at most `limit`.
pub async fn expired<C: ConnectionTrait>(c: &C, now: DateTime<Utc>, limit: u64) -> Result<Vec<Uuid>, AppError> {
    let q = Query::select()
        .column(a("id"))
        .from(a("member_transfers"))
        .and_where(Expr::col(a("side")).eq(Side::Origin.as_str()))
        .and_where(Expr::col(a("status")).eq(TransferStatus::Offered.as_str()))
        .and_where(Expr::col(a("expires_at")).lt(now))
        .order_by(a("id"), sea_orm::Order::Asc)
        .limit(limit)
        .to_owned();
    c.query_all(c.get_database_backend().build(&q)).await?.iter().map(|r| Ok(r.try_get("", "id")?)).collect()
}

/// Records that this side applied or sent `step` of `transfer`; false if it already had
/// (apply nothing then). Call it in the transaction that applies or sends the step.
pub async fn step_once<C: ConnectionTrait>(
    c: &C,
    transfer: Uuid,
    step: Step,
    inbound: bool,
    event_id: Option<&str>,
    at: DateTime<Utc>,
) -> Result<bool, AppError> {
    let mut insert = Query::insert()
        .into_table(a("member_transfer_steps"))
        .columns([a("transfer_id"), a("step"), a("direction"), a("event_id"), a("at")])
        .to_owned();
    insert
        .values([
            transfer.into(),
            step.as_str().into(),
            if inbound { "in" } else { "out" }.into(),
            event_id.map(str::to_owned).into(),
            at.into(),
        ])
        .map_err(|e| AppError::Corrupt(e.to_string()))?;
    insert.on_conflict(OnConflict::columns([a("transfer_id"), a("step")]).do_nothing().to_owned());
    Ok(c.execute(c.get_database_backend().build(&insert)).await?.rows_affected() == 1)
}

/// Forgets an inbound `step` of `transfer` recorded in this transaction by [`step_once`] and
/// then refused: it was not applied.
pub async fn unstep<C: ConnectionTrait>(c: &C, transfer: Uuid, step: Step) -> Result<(), AppError> {
    let delete = Query::delete()
        .from_table(a("member_transfer_steps"))
        .and_where(Expr::col(a("transfer_id")).eq(transfer))
        .and_where(Expr::col(a("step")).eq(step.as_str()))
        .and_where(Expr::col(a("direction")).eq("in"))
        .to_owned();
    c.execute(c.get_database_backend().build(&delete)).await?;
    Ok(())
}

/// The steps of a transfer this side applied or sent, in order: (step, direction).
pub async fn steps<C: ConnectionTrait>(c: &C, transfer: Uuid) -> Result<Vec<(String, String)>, AppError> {
    let q = Query::select()
        .columns([a("step"), a("direction"), a("at")])
        .from(a("member_transfer_steps"))
        .and_where(Expr::col(a("transfer_id")).eq(transfer))
        .order_by(a("at"), sea_orm::Order::Asc)
        .to_owned();
    c.query_all(c.get_database_backend().build(&q))
        .await?
        .iter()
        .map(|r| Ok((r.try_get("", "step")?, r.try_get("", "direction")?)))
        .collect()
}

/// Deletes a member row an accepted import created, when its transfer is cancelled
/// before the commit: the person never became a member here.
pub async fn delete_pending_member<C: ConnectionTrait>(c: &C, member: Uuid) -> Result<(), AppError> {
    let delete = Query::delete()
        .from_table(a("members"))
        .and_where(Expr::col(a("id")).eq(member))
        .and_where(Expr::col(a("status")).eq("transferring"))
        .to_owned();
    c.execute(c.get_database_backend().build(&delete)).await?;
    Ok(())
}

/// The distinct sectors of a member's activities and how many activities they ran.
pub async fn activity_summary<C: ConnectionTrait>(c: &C, member: Uuid) -> Result<(u32, Vec<String>), AppError> {
    let q = Query::select()
        .column(a("sector"))
        .from(a("activities"))
        .and_where(Expr::col(a("member_id")).eq(member))
        .to_owned();
    let rows = c.query_all(c.get_database_backend().build(&q)).await?;
    let mut sectors: Vec<String> = rows.iter().map(|r| r.try_get::<String>("", "sector")).collect::<Result<_, _>>()?;
    let count = u32::try_from(sectors.len()).unwrap_or(u32::MAX);
    sectors.sort();
    sectors.dedup();
    Ok((count, sectors))
}
