//! Posting notices on the node's database (migrations `m0029_posting_notices`,
//! `m0034_posting_amendments` for their revisions and `m0035_posting_open_ended` for an
//! open-ended work and its end): those this node received as the host, and which notice it
//! sent for which contract as the origin.

use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Cond, Expr, OnConflict, Query, SelectStatement};
use sea_orm::{ConnectionTrait, QueryResult};
use uuid::Uuid;

fn a(name: &str) -> Alias {
    Alias::new(name)
}

/// A notice as the host stores it: the opened record's fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeRow {
    /// The notice, the same id at the sending office.
    pub id: Uuid,
    /// The sending node (`be`).
    pub from_node: String,
    /// The sending office's country (`BE`).
    pub from_country: String,
    /// The worker's first name.
    pub first_name: String,
    /// The worker's last name.
    pub last_name: String,
    /// The worker's date of birth.
    pub birth_date: NaiveDate,
    /// The worker's nationality, when the sender records one.
    pub nationality: Option<String>,
    /// The country of work (this node's).
    pub work_country: String,
    /// The place of work.
    pub place: String,
    /// The function performed.
    pub function: String,
    /// The days and hours, the record's `days` as JSON.
    pub days: String,
    /// The first day of work.
    pub first_day: NaiveDate,
    /// The last day of work: the last day listed, or an open-ended work's end once known.
    pub last_day: NaiveDate,
    /// The work runs until the sender ends it (its days list its first day only).
    pub open_ended: bool,
    /// An open-ended work's last day, once the sender ended it.
    pub ends_on: Option<NaiveDate>,
    /// The legislation that applies.
    pub legislation_state: Option<String>,
    /// Its article of Regulation 883/2004.
    pub legislation_article: Option<String>,
    /// The A1 certificate in force.
    pub a1_reference: Option<String>,
    /// When this node received it.
    pub received_at: DateTime<Utc>,
    /// When the sender cancelled it.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// The highest revision applied: 1 for the notice as received, more once amended.
    pub revision: i32,
    /// When the last amendment was applied, once one was.
    pub amended_at: Option<DateTime<Utc>>,
}

const COLUMNS: [&str; 22] = [
    "id",
    "from_node",
    "from_country",
    "first_name",
    "last_name",
    "birth_date",
    "nationality",
    "work_country",
    "place",
    "function",
    "days",
    "first_day",
    "last_day",
    "open_ended",
    "ends_on",
    "legislation_state",
    "legislation_article",
    "a1_reference",
    "received_at",
    "cancelled_at",
    "revision",
    "amended_at",
];

fn read(r: &QueryResult) -> Result<NoticeRow, AppError> {
    Ok(NoticeRow {
        id: r.try_get("", "id")?,
        from_node: r.try_get("", "from_node")?,
        from_country: r.try_get("", "from_country")?,
        first_name: r.try_get("", "first_name")?,
        last_name: r.try_get("", "last_name")?,
        birth_date: r.try_get("", "birth_date")?,
        nationality: r.try_get("", "nationality")?,
        work_country: r.try_get("", "work_country")?,
        place: r.try_get("", "place")?,
        function: r.try_get("", "function")?,
        days: r.try_get("", "days")?,
        first_day: r.try_get("", "first_day")?,
        last_day: r.try_get("", "last_day")?,
        open_ended: r.try_get("", "open_ended")?,
        ends_on: r.try_get("", "ends_on")?,
        legislation_state: r.try_get("", "legislation_state")?,
        legislation_article: r.try_get("", "legislation_article")?,
        a1_reference: r.try_get("", "a1_reference")?,
        received_at: r.try_get("", "received_at")?,
        cancelled_at: r.try_get("", "cancelled_at")?,
        revision: r.try_get("", "revision")?,
        amended_at: r.try_get("", "amended_at")?,
    })
}

fn select() -> SelectStatement {
    Query::select().columns(COLUMNS.map(a)).from(a("posting_notices")).to_owned()
}

/// Stores a received notice; false when its id is already here (nothing written then).
pub async fn insert<C: ConnectionTrait>(c: &C, n: &NoticeRow) -> Result<bool, AppError> {
    let mut insert = Query::insert().into_table(a("posting_notices")).columns(COLUMNS.map(a)).to_owned();
    insert
        .values([
            n.id.into(),
            n.from_node.clone().into(),
            n.from_country.clone().into(),
            n.first_name.clone().into(),
            n.last_name.clone().into(),
            n.birth_date.into(),
            n.nationality.clone().into(),
            n.work_country.clone().into(),
            n.place.clone().into(),
            n.function.clone().into(),
            n.days.clone().into(),
            n.first_day.into(),
            n.last_day.into(),
            n.open_ended.into(),
            n.ends_on.into(),
            n.legislation_state.clone().into(),
            n.legislation_article.clone().into(),
            n.a1_reference.clone().into(),
            n.received_at.into(),
            n.cancelled_at.into(),
            n.revision.into(),
            n.amended_at.into(),
        ])
        .map_err(|e| AppError::Corrupt(e.to_string()))?;
    insert.on_conflict(OnConflict::column(a("id")).do_nothing().to_owned());
    Ok(c.execute(c.get_database_backend().build(&insert)).await?.rows_affected() == 1)
}

/// One received notice, or none.
pub async fn find<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<Option<NoticeRow>, AppError> {
    let q = select().and_where(Expr::col(a("id")).eq(id)).to_owned();
    c.query_one(c.get_database_backend().build(&q)).await?.as_ref().map(read).transpose()
}

/// Marks a received notice cancelled at `at`; false if it already was.
pub async fn cancel<C: ConnectionTrait>(c: &C, id: Uuid, at: DateTime<Utc>) -> Result<bool, AppError> {
    let update = Query::update()
        .table(a("posting_notices"))
        .values([(a("cancelled_at"), at.into())])
        .and_where(Expr::col(a("id")).eq(id))
        .and_where(Expr::col(a("cancelled_at")).is_null())
        .to_owned();
    Ok(c.execute(c.get_database_backend().build(&update)).await?.rows_affected() == 1)
}

/// Replaces what a received notice says with its amendment `n` (revision `n.revision`, applied
/// at `at`): the record's fields and days, whether it is open-ended and its end, not who sent
/// it nor when it was received. False,
/// nothing written, when the notice holds this revision or a later one, or is cancelled.
pub async fn amend<C: ConnectionTrait>(c: &C, n: &NoticeRow, at: DateTime<Utc>) -> Result<bool, AppError> {
    let update = Query::update()
        .table(a("posting_notices"))
        .values([
            (a("from_country"), n.from_country.clone().into()),
            (a("first_name"), n.first_name.clone().into()),
            (a("last_name"), n.last_name.clone().into()),
            (a("birth_date"), n.birth_date.into()),
            (a("nationality"), n.nationality.clone().into()),
            (a("work_country"), n.work_country.clone().into()),
            (a("place"), n.place.clone().into()),
            (a("function"), n.function.clone().into()),
            (a("days"), n.days.clone().into()),
            (a("first_day"), n.first_day.into()),
            (a("last_day"), n.last_day.into()),
            (a("open_ended"), n.open_ended.into()),
            (a("ends_on"), n.ends_on.into()),
            (a("legislation_state"), n.legislation_state.clone().into()),
            (a("legislation_article"), n.legislation_article.clone().into()),
            (a("a1_reference"), n.a1_reference.clone().into()),
            (a("revision"), n.revision.into()),
            (a("amended_at"), at.into()),
        ])
        .and_where(Expr::col(a("id")).eq(n.id))
        .and_where(Expr::col(a("from_node")).eq(n.from_node.clone()))
        .and_where(Expr::col(a("revision")).lt(n.revision))
        .and_where(Expr::col(a("cancelled_at")).is_null())
        .to_owned();
    Ok(c.execute(c.get_database_backend().build(&update)).await?.rows_affected() == 1)
}

/// Received notices, the latest work first, optionally from one country and only those not
/// cancelled (`active`) or only those cancelled (`cancelled`); with the count of all.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    from_country: Option<&str>,
    cancelled: Option<bool>,
    offset: u64,
    limit: u64,
) -> Result<(Vec<NoticeRow>, u64), AppError> {
    let mut q = select();
    if let Some(country) = from_country {
        q.and_where(Expr::col(a("from_country")).eq(country));
    }
    if let Some(cancelled) = cancelled {
        let column = Expr::col(a("cancelled_at"));
        q.and_where(if cancelled { column.is_not_null() } else { column.is_null() });
    }
    let mut count = q.clone();
    count.clear_selects().expr_as(Expr::col(a("id")).count(), a("n"));
    let total: i64 = match c.query_one(c.get_database_backend().build(&count)).await? {
        Some(r) => r.try_get("", "n")?,
        None => 0,
    };
    q.order_by(a("first_day"), sea_orm::Order::Desc)
        .order_by(a("id"), sea_orm::Order::Desc)
        .offset(offset)
        .limit(limit);
    let rows = c.query_all(c.get_database_backend().build(&q)).await?;
    Ok((rows.iter().map(read).collect::<Result<_, _>>()?, u64::try_from(total).unwrap_or(0)))
}

/// Deletes the received notices whose work ended before `ended_before` (a work that ends with
/// its days: its last day; an open-ended work: its end, none while it runs), or cancelled
/// before `cancelled_before`; returns how many.
pub async fn delete_expired<C: ConnectionTrait>(
    c: &C,
    ended_before: NaiveDate,
    cancelled_before: DateTime<Utc>,
) -> Result<u64, AppError> {
    // Each branch is a range read of an index of m0035 (`open_ended, last_day`, `ends_on`,
    // `cancelled_at`): the pass reads what is due, not the notices kept.
    let delete = Query::delete()
        .from_table(a("posting_notices"))
        .cond_where(
            Cond::any()
                .add(
                    Cond::all()
                        .add(Expr::col(a("open_ended")).eq(false))
                        .add(Expr::col(a("last_day")).lt(ended_before)),
                )
                .add(Expr::col(a("ends_on")).lt(ended_before))
                .add(Expr::col(a("cancelled_at")).lt(cancelled_before)),
        )
        .to_owned();
    Ok(c.execute(c.get_database_backend().build(&delete)).await?.rows_affected())
}

/// A notice the origin sent: to whom, for which contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentRow {
    /// The notice.
    pub id: Uuid,
    /// The contract it announced.
    pub contract_id: Uuid,
    /// The host node.
    pub peer: String,
    /// When its cancel was sent.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// The last revision sent: 1 for the notice, one more per amendment.
    pub revision: i32,
}

/// Records that notice `id` went to `peer` for `contract` (one per contract).
pub async fn insert_sent<C: ConnectionTrait>(
    c: &C,
    id: Uuid,
    contract: Uuid,
    peer: &str,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut insert = Query::insert()
        .into_table(a("posting_notices_sent"))
        .columns([a("id"), a("contract_id"), a("peer"), a("sent_at")])
        .to_owned();
    insert
        .values([id.into(), contract.into(), peer.to_owned().into(), at.into()])
        .map_err(|e| AppError::Corrupt(e.to_string()))?;
    c.execute(c.get_database_backend().build(&insert)).await?;
    Ok(())
}

/// The notice sent for `contract`, if any.
pub async fn sent_for<C: ConnectionTrait>(c: &C, contract: Uuid) -> Result<Option<SentRow>, AppError> {
    let q = Query::select()
        .columns([a("id"), a("contract_id"), a("peer"), a("cancelled_at"), a("revision")])
        .from(a("posting_notices_sent"))
        .and_where(Expr::col(a("contract_id")).eq(contract))
        .to_owned();
    c.query_one(c.get_database_backend().build(&q))
        .await?
        .map(|r| {
            Ok(SentRow {
                id: r.try_get("", "id")?,
                contract_id: r.try_get("", "contract_id")?,
                peer: r.try_get("", "peer")?,
                cancelled_at: r.try_get("", "cancelled_at")?,
                revision: r.try_get("", "revision")?,
            })
        })
        .transpose()
}

/// Counts one more revision of the sent notice `id`, not cancelled, from `revision` (the one
/// read with the row); false if it is cancelled or another revision was counted since.
pub async fn next_revision_sent<C: ConnectionTrait>(c: &C, id: Uuid, revision: i32) -> Result<bool, AppError> {
    let update = Query::update()
        .table(a("posting_notices_sent"))
        .value(a("revision"), revision.saturating_add(1))
        .and_where(Expr::col(a("id")).eq(id))
        .and_where(Expr::col(a("revision")).eq(revision))
        .and_where(Expr::col(a("cancelled_at")).is_null())
        .to_owned();
    Ok(c.execute(c.get_database_backend().build(&update)).await?.rows_affected() == 1)
}

/// Marks the sent notice `id` cancelled; false if it already was (send nothing then).
pub async fn cancel_sent<C: ConnectionTrait>(c: &C, id: Uuid, at: DateTime<Utc>) -> Result<bool, AppError> {
    let update = Query::update()
        .table(a("posting_notices_sent"))
        .values([(a("cancelled_at"), at.into())])
        .and_where(Expr::col(a("id")).eq(id))
        .and_where(Expr::col(a("cancelled_at")).is_null())
        .to_owned();
    Ok(c.execute(c.get_database_backend().build(&update)).await?.rows_affected() == 1)
}
