//! Gapless document numbers per legal entity, series and year.
//!
//! The number is taken in the same transaction as the document it numbers: if
//! that transaction does not commit (an error, a crash, SIGKILL), the number is
//! not taken either, so the series never has a gap. The series row is locked
//! (`SELECT ... FOR UPDATE` on PostgreSQL; the write lock on SQLite) so two
//! documents never share a number.

use crate::error::AppError;
use crate::storage::entities::number_sequence;
use chrono::{Datelike, NaiveDate};
use partage_core::invoice::{DocumentNumber, InvoiceError, Series};
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QuerySelect};

/// Takes the next number of `series` for a document dated `date`.
pub async fn next_number<C: ConnectionTrait>(
    c: &C,
    legal_entity: &str,
    series: Series,
    date: NaiveDate,
) -> Result<DocumentNumber, AppError> {
    let year = date.year();
    // The common case is one statement: bump the series and read the new number
    // (the UPDATE takes the row lock on PostgreSQL). Only the first number of a
    // year, or a date earlier than the series' last, takes the slower path.
    let bump = Query::update()
        .table(number_sequence::Entity)
        .value(number_sequence::Column::LastSequence, Expr::col(number_sequence::Column::LastSequence).add(1))
        .value(number_sequence::Column::LastDate, date)
        .and_where(number_sequence::Column::LegalEntity.eq(legal_entity))
        .and_where(number_sequence::Column::Series.eq(series.as_str()))
        .and_where(number_sequence::Column::Year.eq(year))
        .and_where(number_sequence::Column::LastDate.lte(date))
        .returning(Query::returning().column(number_sequence::Column::LastSequence))
        .to_owned();
    let backend = c.get_database_backend();
    let sequence = match c.query_one(backend.build(&bump)).await? {
        Some(row) => row.try_get::<i64>("", "last_sequence")?,
        None => first_or_refused(c, legal_entity, series, date).await?,
    };
    Ok(DocumentNumber {
        series,
        year: date.year(),
        sequence: u64::try_from(sequence).map_err(|_| AppError::Corrupt("negative sequence".into()))?,
    })
}

/// No row was bumped: either the series has no row yet this year (create it at
/// number 1), or its last number is dated after `date` (refuse: Belgian law
/// wants invoices numbered in the order of their dates).
async fn first_or_refused<C: ConnectionTrait>(
    c: &C,
    legal_entity: &str,
    series: Series,
    date: NaiveDate,
) -> Result<i64, AppError> {
    let year = date.year();
    let insert = Query::insert()
        .into_table(number_sequence::Entity)
        .columns([
            number_sequence::Column::LegalEntity,
            number_sequence::Column::Series,
            number_sequence::Column::Year,
            number_sequence::Column::LastSequence,
            number_sequence::Column::LastDate,
        ])
        .values([legal_entity.into(), series.as_str().into(), year.into(), 1i64.into(), date.into()])
        .map_err(|e| AppError::Corrupt(e.to_string()))?
        .on_conflict(
            OnConflict::columns([
                number_sequence::Column::LegalEntity,
                number_sequence::Column::Series,
                number_sequence::Column::Year,
            ])
            .do_nothing()
            .to_owned(),
        )
        .to_owned();
    let inserted = c.execute(c.get_database_backend().build(&insert)).await?;
    if inserted.rows_affected() == 1 {
        return Ok(1);
    }
    // The row exists (perhaps inserted concurrently since): lock it and look again.
    let row = number_sequence::Entity::find_by_id((legal_entity.to_owned(), series.as_str().to_owned(), year))
        .lock_exclusive()
        .one(c)
        .await?
        .ok_or_else(|| AppError::Corrupt("number series row vanished".into()))?;
    if row.last_date > date {
        return Err(InvoiceError::NotChronological { date, last: row.last_date }.into());
    }
    let sequence = row.last_sequence.checked_add(1).ok_or_else(|| AppError::Corrupt("series overflow".into()))?;
    number_sequence::Entity::update(number_sequence::ActiveModel {
        legal_entity: Set(row.legal_entity),
        series: Set(row.series),
        year: Set(year),
        last_sequence: Set(sequence),
        last_date: Set(date),
    })
    .exec(c)
    .await?;
    Ok(sequence)
}
