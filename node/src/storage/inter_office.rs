//! The other offices this office keeps an inter-office account with (migration
//! `m0040_inter_office`): one row per office; the amounts are the journal's.

use crate::error::AppError;
use chrono::{DateTime, Utc};
use partage_core::ledger::Office;
use sea_orm::sea_query::{Alias, Expr, LockType, OnConflict, Order, Query};
use sea_orm::ConnectionTrait;

fn a(name: &str) -> Alias {
    Alias::new(name)
}

const TABLE: &str = "inter_office_accounts";

fn office_of(id: String) -> Result<Office, AppError> {
    Office::new(&id).map_err(|_| AppError::Corrupt(format!("inter-office account of office '{id}'")))
}

/// Opens the account with `office` unless it is open (the caller's transaction).
pub async fn open<C: ConnectionTrait>(c: &C, office: &Office, at: DateTime<Utc>) -> Result<(), AppError> {
    let mut insert = Query::insert().into_table(a(TABLE)).columns([a("office"), a("opened_at")]).to_owned();
    insert.values([office.as_str().into(), at.into()]).map_err(|e| AppError::Corrupt(e.to_string()))?;
    insert.on_conflict(OnConflict::column(a("office")).do_nothing().to_owned());
    c.execute(c.get_database_backend().build(&insert)).await?;
    Ok(())
}

/// Whether an account with `office` is open, its row locked until the transaction ends
/// (PostgreSQL; SQLite's writers are serialised by the store's write lock), so settlements
/// with one office are checked against its balance one after the other.
pub async fn lock<C: ConnectionTrait>(c: &C, office: &Office) -> Result<bool, AppError> {
    let mut q = Query::select()
        .column(a("office"))
        .from(a(TABLE))
        .and_where(Expr::col(a("office")).eq(office.as_str()))
        .to_owned();
    if c.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        q.lock(LockType::Update);
    }
    Ok(c.query_one(c.get_database_backend().build(&q)).await?.is_some())
}

/// A page of the offices with an account, by id, and how many there are.
pub async fn page<C: ConnectionTrait>(c: &C, offset: u64, limit: u64) -> Result<(Vec<Office>, u64), AppError> {
    let q = Query::select()
        .column(a("office"))
        .from(a(TABLE))
        .order_by(a("office"), Order::Asc)
        .offset(offset)
        .limit(limit)
        .to_owned();
    let rows = c.query_all(c.get_database_backend().build(&q)).await?;
    let offices =
        rows.iter().map(|r| office_of(r.try_get::<String>("", "office")?)).collect::<Result<Vec<_>, AppError>>()?;
    let count = Query::select().expr_as(Expr::cust("COUNT(*)"), a("n")).from(a(TABLE)).to_owned();
    let total = match c.query_one(c.get_database_backend().build(&count)).await? {
        Some(r) => r.try_get::<i64>("", "n")?,
        None => 0,
    };
    Ok((offices, u64::try_from(total).map_err(|_| AppError::Corrupt("negative count".into()))?))
}
