//! HQ's database (SQLite by default, PostgreSQL tested): the latest snapshot of each
//! node and period, the inbox of applied event ids, alarms, reference rates and the
//! trust store. It holds aggregates only: no table has a column for a person.

use crate::HqError;
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, QueryResult, Statement, TransactionTrait,
    Value,
};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

/// The schema, idempotent: HQ's tables are few and created at start-up.
const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS hq_snapshot (node TEXT NOT NULL, period TEXT NOT NULL, revision BIGINT NOT NULL, \
     sha256 TEXT NOT NULL, event_id TEXT NOT NULL, occurred_at TEXT NOT NULL, body TEXT NOT NULL, \
     PRIMARY KEY (node, period))",
    "CREATE TABLE IF NOT EXISTS hq_inbox (event_id TEXT PRIMARY KEY, outcome TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS hq_alarm (event_id TEXT PRIMARY KEY, node TEXT NOT NULL, period TEXT NOT NULL, \
     revision BIGINT NOT NULL, detail TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS hq_rate (currency TEXT NOT NULL, period TEXT NOT NULL, version BIGINT NOT NULL, \
     units_per_eur TEXT NOT NULL, rate_date TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (currency, period, version))",
    "CREATE TABLE IF NOT EXISTS hq_node (node TEXT PRIMARY KEY, currency TEXT NOT NULL, key_id TEXT NOT NULL UNIQUE, \
     public_key TEXT NOT NULL, enrolled_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS hq_parked (id TEXT PRIMARY KEY, subject TEXT NOT NULL, reason TEXT NOT NULL, \
     payload TEXT NOT NULL, received_at TEXT NOT NULL)",
    // API tokens (issue 14): only the secret's SHA-256 is kept, unique, so a bearer token
    // is found by one indexed lookup of its hash.
    "CREATE TABLE IF NOT EXISTS hq_api_token (id TEXT PRIMARY KEY, name TEXT NOT NULL, scope TEXT NOT NULL, \
     token_hash TEXT NOT NULL UNIQUE, created_by TEXT, created_at TEXT NOT NULL, revoked_at TEXT, last_used_at TEXT)",
    // Operators added on the pages or by `partage hq bootstrap` (issue 14); those of the
    // configuration are not kept here. An e-mail, lower case, is the key.
    "CREATE TABLE IF NOT EXISTS hq_operator (email TEXT PRIMARY KEY, added_by TEXT NOT NULL, added_at TEXT NOT NULL)",
];

/// An operator kept in the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredOperator {
    /// Their e-mail, lower case.
    pub email: String,
    /// Who added them: an operator's e-mail, a token's name or `partage hq bootstrap`.
    pub added_by: String,
    /// When, RFC 3339.
    pub added_at: String,
}

/// An API token as stored: never its secret, only the secret's SHA-256.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredToken {
    /// Its id (random, hex), to revoke it.
    pub id: String,
    /// What it is for.
    pub name: String,
    /// What it may do (`crate::tokens::Scope`'s text).
    pub scope: String,
    /// Who made it: an operator's e-mail, `token "<name>"` for a session opened with a
    /// token, `partage hq bootstrap`; none for tokens made before HQ recorded it.
    pub created_by: Option<String>,
    /// When it was made, RFC 3339.
    pub created_at: String,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
    /// When the API last accepted it, if ever.
    pub last_used_at: Option<String>,
}

/// A message the consolidator refused, kept for an operator.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ParkedMessage {
    /// When it was parked, RFC 3339 (also its order).
    pub received_at: String,
    /// Its subject.
    pub subject: String,
    /// Why it was refused.
    pub reason: String,
    /// Its payload as text (an envelope: aggregates only).
    pub payload: String,
}

/// A stored snapshot: the highest revision of one node's period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredSnapshot {
    /// Node code.
    pub node: String,
    /// `YYYY-MM`.
    pub period: String,
    /// Revision kept.
    pub revision: u32,
    /// SHA-256 of the body's JSON as received.
    pub sha256: String,
    /// The event that brought it.
    pub event_id: String,
    /// When the node produced it: the report's "as of".
    pub occurred_at: String,
    /// The body's JSON.
    pub body: String,
}

/// A reference rate HQ published: units of `currency` for one euro.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReferenceRate {
    /// ISO 4217 code (SEK, HUF).
    pub currency: String,
    /// The month it converts, `YYYY-MM`.
    pub period: String,
    /// Rises when HQ corrects a published rate.
    pub version: u32,
    /// Units of the currency for one euro (the ECB's quotation).
    pub units_per_eur: rust_decimal::Decimal,
    /// The day of the reference rate (the period's last TARGET day).
    pub rate_date: chrono::NaiveDate,
    /// Where the value comes from.
    pub source: String,
}

/// An enrolled node.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct EnrolledNode {
    /// Node code (its country code).
    pub node: String,
    /// The node's currency.
    pub currency: String,
    /// Its signing key's id.
    pub key_id: String,
    /// Its public key, base64.
    pub public_key: String,
    /// When HQ enrolled it.
    pub enrolled_at: String,
}

/// HQ's store.
#[derive(Clone)]
pub struct HqStore {
    db: DatabaseConnection,
    // SQLite has one writer: serialise HQ's writes rather than meet "database is locked".
    write_lock: Arc<Mutex<()>>,
}

impl HqStore {
    /// Connects to `url` (`sqlite://path?mode=rwc` or `postgres://...`) and creates the
    /// tables; on PostgreSQL `schema` selects (and creates) a schema.
    pub async fn open(url: &str, schema: Option<&str>) -> Result<HqStore, HqError> {
        let sqlite = url.starts_with("sqlite:");
        let mut opts = ConnectOptions::new(url.to_owned());
        opts.max_connections(4).min_connections(1).acquire_timeout(Duration::from_secs(30)).sqlx_logging(false);
        if let (false, Some(schema)) = (sqlite, schema) {
            if !schema.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(HqError::Config(format!("schema name '{schema}' must be letters, digits and _")));
            }
            let admin = Database::connect(url).await?;
            admin.execute_unprepared(&format!("CREATE SCHEMA IF NOT EXISTS \"{schema}\"")).await?;
            admin.close().await?;
            opts.set_schema_search_path(schema.to_owned());
        }
        if sqlite {
            // As the node: WAL, and FULL sync at each commit, since HQ acknowledges a
            // message only once its commit is durable.
            opts.map_sqlx_sqlite_opts(|o| {
                o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                    .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Full)
                    .busy_timeout(Duration::from_secs(30))
            });
        }
        let db = Database::connect(opts).await?;
        for statement in SCHEMA {
            db.execute_unprepared(statement).await?;
        }
        Ok(HqStore { db, write_lock: Arc::new(Mutex::new(())) })
    }

    /// The pool.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    fn statement(&self, sql: &str, values: Vec<Value>) -> Statement {
        let backend = self.db.get_database_backend();
        Statement::from_sql_and_values(backend, placeholders(backend, sql), values)
    }

    /// Applies one snapshot in one transaction with its inbox row (research §6.4).
    pub async fn apply(&self, incoming: &crate::consolidate::Incoming) -> Result<crate::consolidate::Outcome, HqError> {
        let mut outcomes = self.apply_batch(std::slice::from_ref(incoming)).await?;
        outcomes.pop().ok_or_else(|| HqError::Corrupt("no outcome".into()))
    }

    /// Applies a batch of snapshots in one transaction (a pull consumer's fetch): the
    /// batch is acknowledged after this commit, so one commit serves many messages.
    pub async fn apply_batch(
        &self,
        batch: &[crate::consolidate::Incoming],
    ) -> Result<Vec<crate::consolidate::Outcome>, HqError> {
        let _guard = self.write_lock.lock().await;
        let txn = self.db.begin().await?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for incoming in batch {
            outcomes.push(self.apply_in(&txn, incoming).await?);
        }
        txn.commit().await?;
        Ok(outcomes)
    }

    async fn apply_in(
        &self,
        txn: &sea_orm::DatabaseTransaction,
        incoming: &crate::consolidate::Incoming,
    ) -> Result<crate::consolidate::Outcome, HqError> {
        use crate::consolidate::{decide, Outcome};
        let seen = txn
            .query_one(
                self.statement(
                    "SELECT outcome FROM hq_inbox WHERE event_id = $1",
                    vec![incoming.event_id.clone().into()],
                ),
            )
            .await?;
        if seen.is_some() {
            return Ok(Outcome::AlreadyApplied);
        }
        let existing = txn
            .query_one(self.statement(
                "SELECT revision, sha256 FROM hq_snapshot WHERE node = $1 AND period = $2",
                vec![incoming.node.clone().into(), incoming.period.clone().into()],
            ))
            .await?
            .map(|row| -> Result<(u32, String), HqError> { Ok((revision(&row)?, row.try_get("", "sha256")?)) })
            .transpose()?;
        let outcome = decide(existing.as_ref().map(|(r, h)| (*r, h.as_str())), incoming.revision, &incoming.sha256);
        match outcome {
            Outcome::First => {
                txn.execute(self.statement(
                    "INSERT INTO hq_snapshot (node, period, revision, sha256, event_id, occurred_at, body) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    incoming.values(),
                ))
                .await?;
            }
            Outcome::Replaced => {
                let mut values = incoming.values();
                values.rotate_left(2);
                txn.execute(self.statement(
                    "UPDATE hq_snapshot SET revision = $1, sha256 = $2, event_id = $3, occurred_at = $4, body = $5 \
                     WHERE node = $6 AND period = $7",
                    values,
                ))
                .await?;
            }
            Outcome::Conflict => {
                txn.execute(self.statement(
                    "INSERT INTO hq_alarm (event_id, node, period, revision, detail) VALUES ($1, $2, $3, $4, $5)",
                    vec![
                            incoming.event_id.clone().into(),
                            incoming.node.clone().into(),
                            incoming.period.clone().into(),
                            i64::from(incoming.revision).into(),
                            format!(
                                "revision {} sent again with other figures (sha256 {})",
                                incoming.revision, incoming.sha256
                            )
                            .into(),
                        ],
                ))
                .await?;
            }
            Outcome::Duplicate | Outcome::Stale | Outcome::AlreadyApplied => {}
        }
        txn.execute(self.statement(
            "INSERT INTO hq_inbox (event_id, outcome) VALUES ($1, $2)",
            vec![incoming.event_id.clone().into(), outcome.as_str().into()],
        ))
        .await?;
        Ok(outcome)
    }

    /// Keeps a refused message for an operator; it is never applied.
    pub async fn park(&self, subject: &str, reason: &str, payload: &[u8], at: &str) -> Result<(), HqError> {
        let _guard = self.write_lock.lock().await;
        let id = format!("{at}-{}", sha256_short(subject, payload));
        self.db
            .execute(self.statement(
                "INSERT INTO hq_parked (id, subject, reason, payload, received_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (id) DO NOTHING",
                vec![
                    id.into(),
                    subject.to_owned().into(),
                    reason.to_owned().into(),
                    String::from_utf8_lossy(payload).into_owned().into(),
                    at.to_owned().into(),
                ],
            ))
            .await?;
        Ok(())
    }

    /// The parked messages, oldest first.
    pub async fn parked(&self) -> Result<Vec<ParkedMessage>, HqError> {
        let rows = self
            .db
            .query_all(self.statement(
                "SELECT received_at, subject, reason, payload FROM hq_parked ORDER BY received_at, id",
                vec![],
            ))
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ParkedMessage {
                    received_at: r.try_get("", "received_at")?,
                    subject: r.try_get("", "subject")?,
                    reason: r.try_get("", "reason")?,
                    payload: r.try_get("", "payload")?,
                })
            })
            .collect()
    }

    /// The kept snapshots of a period, by node.
    pub async fn snapshots(&self, period: &str) -> Result<Vec<StoredSnapshot>, HqError> {
        let rows = self
            .db
            .query_all(self.statement(
                "SELECT node, period, revision, sha256, event_id, occurred_at, body FROM hq_snapshot \
                 WHERE period = $1 ORDER BY node",
                vec![period.to_owned().into()],
            ))
            .await?;
        rows.iter().map(snapshot).collect()
    }

    /// The periods HQ has figures of, oldest first.
    pub async fn periods(&self) -> Result<Vec<String>, HqError> {
        let rows = self
            .db
            .query_all(self.statement("SELECT DISTINCT period FROM hq_snapshot ORDER BY period", vec![]))
            .await?;
        rows.iter().map(|r| r.try_get::<String>("", "period").map_err(HqError::from)).collect()
    }

    /// Alarms raised (a revision re-sent with other figures), oldest event first.
    pub async fn alarms(&self) -> Result<Vec<(String, String)>, HqError> {
        let rows = self
            .db
            .query_all(self.statement("SELECT event_id, detail FROM hq_alarm ORDER BY event_id", vec![]))
            .await?;
        rows.iter().map(|r| Ok((r.try_get("", "event_id")?, r.try_get("", "detail")?))).collect()
    }

    /// Records a rate; its version must be higher than the published ones of its currency and period.
    pub async fn publish_rate(&self, rate: &ReferenceRate) -> Result<(), HqError> {
        let _guard = self.write_lock.lock().await;
        let latest = self.rate(&rate.currency, &rate.period).await?;
        if let Some(latest) = latest {
            if latest.version >= rate.version {
                return Err(HqError::RateVersion {
                    currency: rate.currency.clone(),
                    period: rate.period.clone(),
                    latest: latest.version,
                });
            }
        }
        self.db
            .execute(self.statement(
                "INSERT INTO hq_rate (currency, period, version, units_per_eur, rate_date, source) VALUES ($1, $2, $3, $4, $5, $6)",
                vec![
                    rate.currency.clone().into(),
                    rate.period.clone().into(),
                    i64::from(rate.version).into(),
                    rate.units_per_eur.to_string().into(),
                    rate.rate_date.to_string().into(),
                    rate.source.clone().into(),
                ],
            ))
            .await?;
        Ok(())
    }

    /// The latest version of a currency's rate for a period.
    pub async fn rate(&self, currency: &str, period: &str) -> Result<Option<ReferenceRate>, HqError> {
        let row = self
            .db
            .query_one(self.statement(
                "SELECT currency, period, version, units_per_eur, rate_date, source FROM hq_rate \
                 WHERE currency = $1 AND period = $2 ORDER BY version DESC LIMIT 1",
                vec![currency.to_owned().into(), period.to_owned().into()],
            ))
            .await?;
        row.as_ref().map(rate).transpose()
    }

    /// The latest rates of a period, by currency.
    pub async fn rates(&self, period: &str) -> Result<Vec<ReferenceRate>, HqError> {
        let rows = self
            .db
            .query_all(self.statement(
                "SELECT currency, period, version, units_per_eur, rate_date, source FROM hq_rate \
                 WHERE period = $1 ORDER BY currency, version DESC",
                vec![period.to_owned().into()],
            ))
            .await?;
        let mut out: Vec<ReferenceRate> = Vec::new();
        for row in &rows {
            let r = rate(row)?;
            if out.last().is_none_or(|last| last.currency != r.currency) {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Adds a node's key to the trust store; enrolling the same node again with the
    /// same key changes nothing, with another key is refused (rotation is not automatic).
    pub async fn enrol(&self, node: &EnrolledNode) -> Result<bool, HqError> {
        let _guard = self.write_lock.lock().await;
        if let Some(known) = self.node(&node.node).await? {
            if known.public_key == node.public_key {
                return Ok(false);
            }
            return Err(HqError::AlreadyEnrolled(node.node.clone()));
        }
        self.db
            .execute(self.statement(
                "INSERT INTO hq_node (node, currency, key_id, public_key, enrolled_at) VALUES ($1, $2, $3, $4, $5)",
                vec![
                    node.node.clone().into(),
                    node.currency.clone().into(),
                    node.key_id.clone().into(),
                    node.public_key.clone().into(),
                    node.enrolled_at.clone().into(),
                ],
            ))
            .await?;
        Ok(true)
    }

    /// An enrolled node.
    pub async fn node(&self, code: &str) -> Result<Option<EnrolledNode>, HqError> {
        let row = self
            .db
            .query_one(self.statement(
                "SELECT node, currency, key_id, public_key, enrolled_at FROM hq_node WHERE node = $1",
                vec![code.to_owned().into()],
            ))
            .await?;
        row.as_ref().map(enrolled).transpose()
    }

    /// Every enrolled node, by code.
    pub async fn nodes(&self) -> Result<Vec<EnrolledNode>, HqError> {
        let rows =
            self.db
                .query_all(self.statement(
                    "SELECT node, currency, key_id, public_key, enrolled_at FROM hq_node ORDER BY node",
                    vec![],
                ))
                .await?;
        rows.iter().map(enrolled).collect()
    }
}

impl HqStore {
    /// Keeps a new token by the SHA-256 (hex) of its secret.
    pub async fn create_token(&self, token: &StoredToken, token_hash: &str) -> Result<(), HqError> {
        let _guard = self.write_lock.lock().await;
        self.db
            .execute(self.statement(
                "INSERT INTO hq_api_token (id, name, scope, token_hash, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
                vec![
                    token.id.clone().into(),
                    token.name.clone().into(),
                    token.scope.clone().into(),
                    token_hash.to_owned().into(),
                    token.created_by.clone().into(),
                    token.created_at.clone().into(),
                ],
            ))
            .await?;
        Ok(())
    }

    /// Every token, the latest made first.
    pub async fn tokens(&self) -> Result<Vec<StoredToken>, HqError> {
        let rows = self
            .db
            .query_all(self.statement(
                "SELECT id, name, scope, created_by, created_at, revoked_at, last_used_at FROM hq_api_token \
                 ORDER BY created_at DESC, id",
                vec![],
            ))
            .await?;
        rows.iter().map(stored_token).collect()
    }

    /// The unrevoked token whose secret has this SHA-256 (hex).
    pub async fn live_token(&self, token_hash: &str) -> Result<Option<StoredToken>, HqError> {
        let row = self
            .db
            .query_one(self.statement(
                "SELECT id, name, scope, created_by, created_at, revoked_at, last_used_at FROM hq_api_token \
                 WHERE token_hash = $1 AND revoked_at IS NULL",
                vec![token_hash.to_owned().into()],
            ))
            .await?;
        row.as_ref().map(stored_token).transpose()
    }

    /// Revokes the token `id` at `at`; false when no such token is live.
    pub async fn revoke_token(&self, id: &str, at: &str) -> Result<bool, HqError> {
        let _guard = self.write_lock.lock().await;
        let done = self
            .db
            .execute(self.statement(
                "UPDATE hq_api_token SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
                vec![at.to_owned().into(), id.to_owned().into()],
            ))
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records that the API accepted the token `id` at `at`.
    pub async fn token_used(&self, id: &str, at: &str) -> Result<(), HqError> {
        let _guard = self.write_lock.lock().await;
        self.db
            .execute(self.statement(
                "UPDATE hq_api_token SET last_used_at = $1 WHERE id = $2",
                vec![at.to_owned().into(), id.to_owned().into()],
            ))
            .await?;
        Ok(())
    }
}

impl HqStore {
    /// Every stored operator, by e-mail.
    pub async fn operators(&self) -> Result<Vec<StoredOperator>, HqError> {
        let rows = self
            .db
            .query_all(self.statement("SELECT email, added_by, added_at FROM hq_operator ORDER BY email", vec![]))
            .await?;
        rows.iter().map(stored_operator).collect()
    }

    /// The stored operator of `email` (lower case), if any.
    pub async fn operator(&self, email: &str) -> Result<Option<StoredOperator>, HqError> {
        let row = self
            .db
            .query_one(self.statement(
                "SELECT email, added_by, added_at FROM hq_operator WHERE email = $1",
                vec![email.to_owned().into()],
            ))
            .await?;
        row.as_ref().map(stored_operator).transpose()
    }

    /// Keeps an operator; false when that e-mail is already kept (two operators adding the
    /// same one at once: the first is kept, the second told so).
    pub async fn add_operator(&self, operator: &StoredOperator) -> Result<bool, HqError> {
        let _guard = self.write_lock.lock().await;
        let done = self
            .db
            .execute(self.statement(
                "INSERT INTO hq_operator (email, added_by, added_at) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING",
                vec![
                    operator.email.clone().into(),
                    operator.added_by.clone().into(),
                    operator.added_at.clone().into(),
                ],
            ))
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Removes the stored operator `email`; false when none is kept.
    pub async fn remove_operator(&self, email: &str) -> Result<bool, HqError> {
        let _guard = self.write_lock.lock().await;
        let done = self
            .db
            .execute(self.statement("DELETE FROM hq_operator WHERE email = $1", vec![email.to_owned().into()]))
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Whether some unrevoked token has the `admin` scope: without one (and without a
    /// provider) nobody can open HQ's pages or enrol a node.
    pub async fn has_live_admin_token(&self) -> Result<bool, HqError> {
        let row = self
            .db
            .query_one(self.statement(
                "SELECT id FROM hq_api_token WHERE scope = $1 AND revoked_at IS NULL LIMIT 1",
                vec!["admin".to_owned().into()],
            ))
            .await?;
        Ok(row.is_some())
    }
}

fn stored_operator(row: &QueryResult) -> Result<StoredOperator, HqError> {
    Ok(StoredOperator {
        email: row.try_get("", "email")?,
        added_by: row.try_get("", "added_by")?,
        added_at: row.try_get("", "added_at")?,
    })
}

fn stored_token(row: &QueryResult) -> Result<StoredToken, HqError> {
    Ok(StoredToken {
        id: row.try_get("", "id")?,
        name: row.try_get("", "name")?,
        scope: row.try_get("", "scope")?,
        created_by: row.try_get("", "created_by")?,
        created_at: row.try_get("", "created_at")?,
        revoked_at: row.try_get("", "revoked_at")?,
        last_used_at: row.try_get("", "last_used_at")?,
    })
}

/// The first 16 hex digits of the SHA-256 of a subject and payload: a redelivered refusal
/// parked in the same second is kept once.
fn sha256_short(subject: &str, payload: &[u8]) -> String {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    h.update(subject.as_bytes());
    h.update([0]);
    h.update(payload);
    hex::encode(h.finalize()).chars().take(16).collect()
}

/// SQLite takes `?` where PostgreSQL takes `$n`; HQ's statements use each `$n` once, in order.
fn placeholders(backend: DbBackend, sql: &str) -> String {
    if backend != DbBackend::Sqlite {
        return sql.to_owned();
    }
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
            while chars.peek().is_some_and(char::is_ascii_digit) {
                chars.next();
            }
            out.push('?');
        } else {
            out.push(c);
        }
    }
    out
}

fn revision(row: &QueryResult) -> Result<u32, HqError> {
    let r: i64 = row.try_get("", "revision")?;
    u32::try_from(r).map_err(|_| HqError::Corrupt(format!("revision {r}")))
}

fn snapshot(row: &QueryResult) -> Result<StoredSnapshot, HqError> {
    Ok(StoredSnapshot {
        node: row.try_get("", "node")?,
        period: row.try_get("", "period")?,
        revision: revision(row)?,
        sha256: row.try_get("", "sha256")?,
        event_id: row.try_get("", "event_id")?,
        occurred_at: row.try_get("", "occurred_at")?,
        body: row.try_get("", "body")?,
    })
}

fn rate(row: &QueryResult) -> Result<ReferenceRate, HqError> {
    let version: i64 = row.try_get("", "version")?;
    let units: String = row.try_get("", "units_per_eur")?;
    let date: String = row.try_get("", "rate_date")?;
    Ok(ReferenceRate {
        currency: row.try_get("", "currency")?,
        period: row.try_get("", "period")?,
        version: u32::try_from(version).map_err(|_| HqError::Corrupt(format!("rate version {version}")))?,
        units_per_eur: units.parse().map_err(|_| HqError::Corrupt(format!("rate {units}")))?,
        rate_date: date.parse().map_err(|_| HqError::Corrupt(format!("rate date {date}")))?,
        source: row.try_get("", "source")?,
    })
}

fn enrolled(row: &QueryResult) -> Result<EnrolledNode, HqError> {
    Ok(EnrolledNode {
        node: row.try_get("", "node")?,
        currency: row.try_get("", "currency")?,
        key_id: row.try_get("", "key_id")?,
        public_key: row.try_get("", "public_key")?,
        enrolled_at: row.try_get("", "enrolled_at")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_gets_question_marks_in_order() {
        assert_eq!(placeholders(DbBackend::Sqlite, "a = $1 AND b = $12"), "a = ? AND b = ?");
        assert_eq!(placeholders(DbBackend::Postgres, "a = $1"), "a = $1");
    }
}
