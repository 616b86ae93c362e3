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
use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, QuerySelect};

/// Takes the next number of `series` for a document dated `date`.
pub async fn next_number<C: ConnectionTrait>(
    c: &C,
    legal_entity: &str,
    series: Series,
    date: NaiveDate,
) -> Result<DocumentNumber, AppError> {
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
        .values([
            legal_entity.into(),
            series.as_str().into(),
            year.into(),
            0i64.into(),
            NaiveDate::from_yo_opt(year, 1).unwrap_or(date).into(),
        ])
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
    c.execute(c.get_database_backend().build(&insert)).await?;
    let row = number_sequence::Entity::find_by_id((legal_entity.to_owned(), series.as_str().to_owned(), year))
        .lock_exclusive()
        .one(c)
        .await?
        .ok_or_else(|| AppError::Corrupt("number series row vanished".into()))?;
    // Belgian law wants invoices numbered in the order of their dates.
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
    Ok(DocumentNumber {
        series,
        year,
        sequence: u64::try_from(sequence).map_err(|_| AppError::Corrupt("negative sequence".into()))?,
    })
}
