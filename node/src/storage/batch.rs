//! Writes sent to the database together, at the end of a transaction.
//!
//! The rows writers share (an activity's and the fund's totals when a change
//! takes money out; see `service::totals`) are locked from the first write to
//! them until the commit, and every statement sent in between is a round trip
//! the writers queued behind wait for. A [`Batch`] collects a transaction's last
//! writes and sends them as one statement on PostgreSQL: each write becomes a
//! data-modifying `WITH` part, and the outbox's rows, when there are any, are
//! the main statement. On SQLite, which runs in the process and has one writer
//! at a time, the writes run one after the other as before.
//!
//! Order. PostgreSQL runs `WITH` parts in an order of its own, but a part that
//! is read runs when it is read. The batch reads its parts in the order they
//! were added, one after the other, before the outbox's rows are written
//! (see [`Batch::sql`]), so the shared rows are locked in the order every other
//! writer takes them: activities in id order, then the fund; the outbox's rows
//! come last.
//!
//! A batch must not change one row twice: in one statement, PostgreSQL would
//! apply only one of the two changes.

use crate::error::AppError;
use chrono::{DateTime, Utc};
use partage_federation::Event;
use sea_orm::{ConnectionTrait, DbBackend, QueryTrait, Statement, Value};

/// Writes to send together; see the module's documentation.
#[derive(Debug)]
pub struct Batch {
    backend: DbBackend,
    parts: Vec<Statement>,
}

impl Batch {
    /// An empty batch for a database.
    pub fn new(backend: DbBackend) -> Self {
        Batch { backend, parts: Vec::new() }
    }

    /// Adds a write (an insert, an update or a delete without `RETURNING`).
    pub fn add(&mut self, query: &impl QueryTrait) {
        self.parts.push(query.build(self.backend));
    }

    /// Adds a write the caller built for this batch's database.
    pub fn add_statement(&mut self, statement: Statement) {
        self.parts.push(statement);
    }

    /// The database the batch is built for.
    pub fn backend(&self) -> DbBackend {
        self.backend
    }

    /// True when nothing was added.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Sends the writes.
    pub async fn run<C: ConnectionTrait>(self, c: &C) -> Result<(), AppError> {
        self.run_with_events(c, DateTime::UNIX_EPOCH, &[]).await
    }

    /// Sends the writes, then the outbox's rows for `events` numbered in order
    /// (`at` is when they occurred).
    pub async fn run_with_events<C: ConnectionTrait>(
        self,
        c: &C,
        at: DateTime<Utc>,
        events: &[Event],
    ) -> Result<(), AppError> {
        if self.backend != DbBackend::Postgres {
            for part in self.parts {
                c.execute(part).await?;
            }
            return super::outbox::push_in_turn(c, at, events).await;
        }
        // One statement holds at most 500 events, and PostgreSQL's 65,535 parameters.
        let params: usize = self.parts.iter().map(|p| p.values.as_ref().map_or(0, |v| v.0.len())).sum();
        if events.len() > 500 || params + 2 + 3 * events.len() > 60_000 {
            for part in self.parts {
                c.execute(part).await?;
            }
            for part in events.chunks(500) {
                Batch::new(DbBackend::Postgres).send(c, at, part).await?;
            }
            return Ok(());
        }
        self.send(c, at, events).await
    }

    /// Sends the batch as one PostgreSQL statement.
    async fn send<C: ConnectionTrait>(self, c: &C, at: DateTime<Utc>, events: &[Event]) -> Result<(), AppError> {
        if self.parts.is_empty() && events.is_empty() {
            return Ok(());
        }
        let (sql, values) = self.sql(at, events)?;
        let expected = u64::try_from(events.len()).unwrap_or(u64::MAX);
        let done = c.execute(Statement::from_sql_and_values(DbBackend::Postgres, sql, values)).await?;
        if !events.is_empty() && done.rows_affected() != expected {
            return Err(AppError::Corrupt(format!("{} outbox rows written of {expected}", done.rows_affected())));
        }
        Ok(())
    }

    /// The one PostgreSQL statement: `WITH w0 AS (...), w1 AS (...)` and then
    /// either the outbox's insert, whose sequence update waits on a condition
    /// that reads every part first, or a `SELECT` that reads them. Reading a
    /// part runs it to its end; the terms of `+` are read left to right.
    fn sql(self, at: DateTime<Utc>, events: &[Event]) -> Result<(String, Vec<Value>), AppError> {
        let mut values: Vec<Value> = Vec::new();
        let mut ctes = Vec::with_capacity(self.parts.len() + 1);
        for (i, part) in self.parts.into_iter().enumerate() {
            let sql = renumber(&part.sql, values.len())?;
            ctes.push(format!("w{i} AS ({sql} RETURNING 1)"));
            values.extend(part.values.map(|v| v.0).unwrap_or_default());
        }
        let read_all = if ctes.is_empty() {
            "0".to_owned()
        } else {
            (0..ctes.len()).map(|i| format!("(SELECT count(*) FROM w{i})")).collect::<Vec<_>>().join(" + ")
        };
        if events.is_empty() {
            return Ok((format!("WITH {} SELECT {read_all}", ctes.join(", ")), values));
        }
        let n = values.len() + 1;
        let first_event = values.len() + 2;
        values.push(at.into());
        let mut rows = Vec::with_capacity(events.len());
        for (k, event) in events.iter().enumerate() {
            let body = serde_json::to_string(&event.body()).map_err(|e| AppError::Corrupt(e.to_string()))?;
            let p = first_event + 3 * k;
            rows.push(format!("({}, ${p}::text, ${}::integer, ${}::text)", k + 1, p + 1, p + 2));
            values.extend([event.kind().into(), i32::from(event.version()).into(), body.into()]);
        }
        // The rows take their `id` (their order) from a sequence once every part has
        // run, so after every lock the transaction holds; their `seq` is given later
        // by the relay (`outbox::number`).
        let with = if ctes.is_empty() { String::new() } else { format!("WITH {} ", ctes.join(", ")) };
        Ok((
            format!(
                "{with}INSERT INTO outbox (kind, version, body, occurred_at) \
                 SELECT v.kind, v.version, v.body, ${n}::timestamptz \
                 FROM (VALUES {}) AS v(k, kind, version, body) WHERE {read_all} >= 0 ORDER BY v.k",
                rows.join(", ")
            ),
            values,
        ))
    }
}

/// Shifts a PostgreSQL statement's placeholders (`$1` becomes `$1+offset`),
/// leaving quoted names and string literals as they are. A statement that
/// already returns rows cannot be a part.
fn renumber(sql: &str, offset: usize) -> Result<String, AppError> {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut chars = sql.chars().peekable();
    let mut quote: Option<char> = None;
    let mut escapes = false;
    let mut previous = ' ';
    while let Some(ch) = chars.next() {
        match quote {
            Some(q) => {
                out.push(ch);
                if escapes && ch == '\\' {
                    if let Some(next) = chars.next() {
                        out.push(next);
                    }
                } else if ch == q {
                    quote = None;
                }
            }
            None if ch == '"' || ch == '\'' => {
                escapes = ch == '\'' && matches!(previous, 'E' | 'e');
                quote = Some(ch);
                out.push(ch);
            }
            None if ch == '$' && chars.peek().is_some_and(char::is_ascii_digit) => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                    digits.push(d);
                    chars.next();
                }
                let n: usize = digits.parse().map_err(|_| AppError::Corrupt(format!("placeholder ${digits}")))?;
                out.push('$');
                out.push_str(&(n + offset).to_string());
            }
            None => out.push(ch),
        }
        previous = ch;
    }
    if quote.is_some() {
        return Err(AppError::Corrupt("a batched statement ends inside a quote".into()));
    }
    if out.to_ascii_uppercase().contains(" RETURNING ") {
        return Err(AppError::Corrupt("a batched statement returns rows".into()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_shifted_outside_quotes_only() {
        let sql = r#"INSERT INTO "t$1" ("a", "b") VALUES ($1, $12) ON CONFLICT DO UPDATE SET "c" = 'x$2' || E'\'$3'"#;
        let shifted = renumber(sql, 7).map_err(|e| e.to_string());
        assert_eq!(
            shifted.as_deref(),
            Ok(r#"INSERT INTO "t$1" ("a", "b") VALUES ($8, $19) ON CONFLICT DO UPDATE SET "c" = 'x$2' || E'\'$3'"#)
        );
    }

    #[test]
    fn a_statement_that_returns_rows_or_ends_in_a_quote_is_refused() {
        assert!(renumber("UPDATE t SET a = $1 RETURNING a", 0).is_err());
        assert!(renumber("UPDATE t SET a = 'x", 0).is_err());
    }

    #[test]
    fn the_outbox_rows_wait_for_every_part_read_in_order() {
        let mut batch = Batch::new(DbBackend::Postgres);
        batch.add_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO a (x) VALUES ($1)",
            [1i64.into()],
        ));
        batch.add_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE b SET y = $1 WHERE z = $2",
            [2i64.into(), 3i64.into()],
        ));
        let event = Event::FundMoved(partage_federation::events::FundMovedV1 {
            activity: uuid::Uuid::nil(),
            kind: "advance".into(),
            amount: partage_federation::Amount { amount: rust_decimal::Decimal::ONE, currency: "EUR".into() },
            on: chrono::NaiveDate::MIN,
        });
        let (sql, values) = batch
            .sql(DateTime::<Utc>::MIN_UTC, std::slice::from_ref(&event))
            .map_err(|e| e.to_string())
            .unwrap_or_default();
        assert_eq!(
            sql,
            "WITH w0 AS (INSERT INTO a (x) VALUES ($1) RETURNING 1), w1 AS (UPDATE b SET y = $2 WHERE z = $3 RETURNING 1) \
             INSERT INTO outbox (kind, version, body, occurred_at) SELECT v.kind, v.version, v.body, $4::timestamptz \
             FROM (VALUES (1, $5::text, $6::integer, $7::text)) AS v(k, kind, version, body) \
             WHERE (SELECT count(*) FROM w0) + (SELECT count(*) FROM w1) >= 0 ORDER BY v.k"
        );
        assert_eq!(values.len(), 7);
        assert_eq!(values[4], Value::String(Some(Box::new("fund.moved".into()))));
    }
}
