//! The settings' schedules on the node's database: the fee's (migration `m0031_fee_changes`)
//! and the employer-cost coefficient's (`m0033_employer_cost_coefficient`), one table each
//! of the same shape: a change's day, the values it sets, why, who and when.

use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, Query, SelectStatement, SimpleExpr};
use sea_orm::{ConnectionTrait, Order, QueryResult};
use uuid::Uuid;

fn a(name: &str) -> Alias {
    Alias::new(name)
}

/// A schedule: its table and the columns of the values a change sets, in order.
#[derive(Clone, Copy, Debug)]
pub struct Schedule {
    table: &'static str,
    values: &'static [&'static str],
}

/// The fee's schedule: the fee rate and the guarantee fund's share of it.
pub const FEE: Schedule = Schedule { table: "fee_changes", values: &["rate", "fund_share"] };

/// The employer-cost coefficient's schedule.
pub const COEFFICIENT: Schedule = Schedule { table: "coefficient_changes", values: &["coefficient"] };

/// A recorded change of a schedule, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeRow {
    /// The change (UUIDv7: the later of two changes of one day has the larger id).
    pub id: Uuid,
    /// The first day it is in force.
    pub valid_from: NaiveDate,
    /// The values it sets, decimal text (`0.065`), in the order of the schedule's columns.
    pub values: Vec<String>,
    /// Why, as the admin wrote it.
    pub reason: String,
    /// Who recorded it.
    pub changed_by: String,
    /// When it was recorded.
    pub changed_at: DateTime<Utc>,
}

impl ChangeRow {
    /// The value of the schedule's `i`th column.
    pub fn value(&self, i: usize) -> Result<&str, AppError> {
        self.values
            .get(i)
            .map(String::as_str)
            .ok_or_else(|| AppError::Corrupt(format!("change {}: value {i} missing", self.id)))
    }
}

impl Schedule {
    fn columns(&self) -> Vec<Alias> {
        let mut columns = vec![a("id"), a("valid_from")];
        columns.extend(self.values.iter().map(|v| a(v)));
        columns.extend([a("reason"), a("changed_by"), a("changed_at")]);
        columns
    }

    fn read(&self, r: &QueryResult) -> Result<ChangeRow, AppError> {
        Ok(ChangeRow {
            id: r.try_get("", "id")?,
            valid_from: r.try_get("", "valid_from")?,
            values: self.values.iter().map(|v| r.try_get("", v)).collect::<Result<_, _>>()?,
            reason: r.try_get("", "reason")?,
            changed_by: r.try_get("", "changed_by")?,
            changed_at: r.try_get("", "changed_at")?,
        })
    }

    /// The schedule's order: the latest day first, the latest change of a day first.
    fn newest_first(&self) -> SelectStatement {
        Query::select()
            .columns(self.columns())
            .from(a(self.table))
            .order_by(a("valid_from"), Order::Desc)
            .order_by(a("id"), Order::Desc)
            .to_owned()
    }

    /// Stores a change; its values must be as many as the schedule's columns.
    pub async fn insert<C: ConnectionTrait>(&self, c: &C, row: &ChangeRow) -> Result<(), AppError> {
        if row.values.len() != self.values.len() {
            return Err(AppError::Corrupt(format!(
                "{}: {} values for {:?}",
                self.table,
                row.values.len(),
                self.values
            )));
        }
        let mut values: Vec<SimpleExpr> = vec![row.id.into(), row.valid_from.into()];
        values.extend(row.values.iter().map(|v| v.clone().into()));
        values.extend([row.reason.clone().into(), row.changed_by.clone().into(), row.changed_at.into()]);
        let mut insert = Query::insert().into_table(a(self.table)).columns(self.columns()).to_owned();
        insert.values(values).map_err(|e| AppError::Corrupt(e.to_string()))?;
        c.execute(c.get_database_backend().build(&insert)).await?;
        Ok(())
    }

    /// The change in force on `day`: the latest on or before it; none while the
    /// configuration's value holds. One row read through the `(valid_from, id)` index,
    /// however long the schedule.
    pub async fn in_force<C: ConnectionTrait>(&self, c: &C, day: NaiveDate) -> Result<Option<ChangeRow>, AppError> {
        let q = self.newest_first().and_where(Expr::col(a("valid_from")).lte(day)).limit(1).to_owned();
        c.query_one(c.get_database_backend().build(&q)).await?.as_ref().map(|r| self.read(r)).transpose()
    }

    /// The latest `limit` changes, the latest day first.
    pub async fn latest<C: ConnectionTrait>(&self, c: &C, limit: u64) -> Result<Vec<ChangeRow>, AppError> {
        let q = self.newest_first().limit(limit).to_owned();
        c.query_all(c.get_database_backend().build(&q)).await?.iter().map(|r| self.read(r)).collect()
    }
}
