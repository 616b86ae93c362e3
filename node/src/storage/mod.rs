//! Storage: sea-orm on SQLite (the embedded default) or PostgreSQL.
//!
//! Every business write goes through [`Store::write`], which opens a transaction.
//! On SQLite it also takes a process-wide write lock first: SQLite allows one
//! writer at a time, and a deferred transaction that reads then writes can fail
//! with SQLITE_BUSY instead of waiting; queueing writers in the process keeps
//! them waiting in order instead. PostgreSQL needs no such lock: row locks on the
//! number series serialise what must be serialised.

pub mod activities;
pub mod batch;
pub mod clients;
#[allow(missing_docs)]
pub mod entities;
pub mod members;
pub mod migration;
pub mod outbox;
pub mod parked;
pub mod payslips;
pub mod postings;
pub mod schedules;
pub mod transfers;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    AccessMode, ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    IsolationLevel, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

/// A connection pool and, on SQLite, the write lock.
#[derive(Clone)]
pub struct Store {
    db: DatabaseConnection,
    write_lock: Option<Arc<Mutex<()>>>,
}

/// A write transaction; on SQLite it holds the write lock until committed or dropped.
pub struct WriteTxn {
    txn: DatabaseTransaction,
    _guard: Option<OwnedMutexGuard<()>>,
}

impl Deref for WriteTxn {
    type Target = DatabaseTransaction;
    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

impl WriteTxn {
    /// Commits; the lock is released after the commit.
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }
}

impl Store {
    /// Connects to `url` (`sqlite://path?mode=rwc` or `postgres://...`). On
    /// PostgreSQL, `schema` selects (and creates) a schema: tests use one each.
    pub async fn connect(url: &str, schema: Option<&str>, max_connections: u32) -> Result<Store, DbErr> {
        let sqlite = url.starts_with("sqlite:");
        if let (false, Some(schema)) = (sqlite, schema) {
            if !schema.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(DbErr::Custom(format!("schema name '{schema}' must be letters, digits and _")));
            }
            let admin = Database::connect(url).await?;
            admin.execute_unprepared(&format!("CREATE SCHEMA IF NOT EXISTS \"{schema}\"")).await?;
            admin.close().await?;
        }
        let mut opts = ConnectOptions::new(url.to_owned());
        opts.max_connections(max_connections)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            // No ping before each use: it is a round trip on every request (two, with the
            // token's lookup), a third of a short write's. A connection the server closed
            // (a restart) fails its next statement instead, which rolls the request back
            // whole and drops that connection; one idle for 10 minutes is closed anyway.
            .test_before_acquire(false)
            .idle_timeout(Duration::from_secs(600))
            .sqlx_logging(false);
        if sqlite {
            // WAL lets readers run beside the writer; FULL syncs the WAL at every
            // commit, so a committed payment survives a power cut, not only a crash.
            opts.map_sqlx_sqlite_opts(|o| {
                o.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .busy_timeout(Duration::from_secs(30))
                    .foreign_keys(true)
            });
        } else if let Some(schema) = schema {
            opts.set_schema_search_path(schema.to_owned());
        }
        let db = Database::connect(opts).await?;
        let write_lock = sqlite.then(|| Arc::new(Mutex::new(())));
        Ok(Store { db, write_lock })
    }

    /// Applies pending migrations.
    pub async fn migrate(&self) -> Result<(), DbErr> {
        migration::Migrator::up(&self.db, None).await
    }

    /// The pool, for reads.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Which database this is.
    pub fn backend(&self) -> DbBackend {
        self.db.get_database_backend()
    }

    /// Begins a write transaction (taking the SQLite write lock first).
    pub async fn write(&self) -> Result<WriteTxn, DbErr> {
        let guard = match &self.write_lock {
            Some(lock) => Some(lock.clone().lock_owned().await),
            None => None,
        };
        let txn = self.db.begin().await?;
        Ok(WriteTxn { txn, _guard: guard })
    }

    /// Begins a read-only transaction that sees one snapshot, for a report that
    /// reads a running total and the lines after a date in several statements
    /// (PostgreSQL: repeatable read; SQLite's read transaction is one snapshot
    /// already and takes no isolation setting). Dropping it rolls back.
    pub async fn snapshot(&self) -> Result<DatabaseTransaction, DbErr> {
        match self.backend() {
            DbBackend::Postgres => {
                self.db.begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly)).await
            }
            _ => self.db.begin().await,
        }
    }
}

/// True when a database error is a unique-constraint violation.
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
}
