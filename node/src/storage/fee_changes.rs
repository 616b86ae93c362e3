//! The fee's schedule on the node's database (migration `m0031_fee_changes`).

use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, Query, SelectStatement};
use sea_orm::{ConnectionTrait, Order, QueryResult};
use uuid::Uuid;

fn a(name: &str) -> Alias {
    Alias::new(name)
}

/// A recorded change of the fee, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeeChangeRow {
    /// The change (UUIDv7: the later of two changes of one day has the larger id).
    pub id: Uuid,
    /// The first day it is in force.
    pub valid_from: NaiveDate,
    /// The fee rate, decimal text (`0.065`).
    pub rate: String,
    /// The guarantee fund's share of the fee, decimal text (`0.25`).
    pub fund_share: String,
    /// Why, as the admin wrote it.
    pub reason: String,
    /// Who recorded it.
    pub changed_by: String,
    /// When it was recorded.
    pub changed_at: DateTime<Utc>,
}

const COLUMNS: [&str; 7] = ["id", "valid_from", "rate", "fund_share", "reason", "changed_by", "changed_at"];

fn read(r: &QueryResult) -> Result<FeeChangeRow, AppError> {
    Ok(FeeChangeRow {
        id: r.try_get("", "id")?,
        valid_from: r.try_get("", "valid_from")?,
        rate: r.try_get("", "rate")?,
        fund_share: r.try_get("", "fund_share")?,
        reason: r.try_get("", "reason")?,
        changed_by: r.try_get("", "changed_by")?,
        changed_at: r.try_get("", "changed_at")?,
    })
}

/// The schedule's order: the latest day first, the latest change of a day first.
fn newest_first() -> SelectStatement {
    Query::select()
        .columns(COLUMNS.map(a))
        .from(a("fee_changes"))
        .order_by(a("valid_from"), Order::Desc)
        .order_by(a("id"), Order::Desc)
        .to_owned()
}

/// Stores a change.
pub async fn insert<C: ConnectionTrait>(c: &C, row: &FeeChangeRow) -> Result<(), AppError> {
    let mut insert = Query::insert().into_table(a("fee_changes")).columns(COLUMNS.map(a)).to_owned();
    insert
        .values([
            row.id.into(),
            row.valid_from.into(),
            row.rate.clone().into(),
            row.fund_share.clone().into(),
            row.reason.clone().into(),
            row.changed_by.clone().into(),
            row.changed_at.into(),
        ])
        .map_err(|e| AppError::Corrupt(e.to_string()))?;
    c.execute(c.get_database_backend().build(&insert)).await?;
    Ok(())
}

/// The change in force on `day`: the latest on or before it; none while the configuration's
/// fee holds. One row read through the `(valid_from, id)` index, however long the schedule.
pub async fn in_force<C: ConnectionTrait>(c: &C, day: NaiveDate) -> Result<Option<FeeChangeRow>, AppError> {
    let q = newest_first().and_where(Expr::col(a("valid_from")).lte(day)).limit(1).to_owned();
    c.query_one(c.get_database_backend().build(&q)).await?.as_ref().map(read).transpose()
}

/// The latest `limit` changes, the latest day first.
pub async fn latest<C: ConnectionTrait>(c: &C, limit: u64) -> Result<Vec<FeeChangeRow>, AppError> {
    let q = newest_first().limit(limit).to_owned();
    c.query_all(c.get_database_backend().build(&q)).await?.iter().map(read).collect()
}
