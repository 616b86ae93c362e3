//! Storage: sea-orm on SQLite (the embedded default) or PostgreSQL.
//!
//! Every business write goes through [`Store::write`], which opens a transaction.
//! On SQLite it also takes a process-wide write lock first: SQLite allows one
//! writer at a time, and a deferred transaction that reads then writes can fail
//! with SQLITE_BUSY instead of waiting; queueing writers in the process keeps
//! them waiting in order instead. PostgreSQL needs no such lock: row locks on the
//! number series serialise what must be serialised.
//!
//! **Group commit on SQLite.** With `synchronous = FULL` every commit waits for
//! the disk, and one writer at a time means those waits add up: measured, the
//! sync was 40 % of an invoice request's time (docs/performance.md). So the
//! writers queued on the lock share one transaction: the first writes in it, each
//! later one in a savepoint of it, in turn, and the group commits once, with one sync,
//! after the writers that were queued when the first one finished. A writer alone (a
//! payroll run's chunks, one after the other) takes no savepoint, whose page journal
//! cost a long chunk about 10 %. [`WriteTxn::commit`] releases the writer's
//! savepoint (or, for the first, hands its transaction to the group) and then waits
//! for the group's commit, so a writer answers only what is on disk; if that commit
//! fails, every writer of the group gets the error and none of their writes stays
//! (all or nothing, as a crash would leave it). A writer that fails is rolled back
//! (its savepoint, or the first writer's transaction, which holds nobody else's work
//! yet) and leaves the others alone.

pub mod activities;
pub mod batch;
pub mod clients;
pub mod contracts;
pub mod dunning;
#[allow(missing_docs)]
pub mod entities;
pub mod expenses;
pub mod inter_office;
pub mod members;
pub mod migration;
pub mod outbox;
pub mod parked;
pub mod payslips;
pub mod platforms;
pub mod postings;
pub mod schedules;
pub mod transfers;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    AccessMode, ColumnTrait, ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction,
    DbBackend, DbErr, EntityTrait, IsolationLevel, QueryFilter, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Mutex, OwnedMutexGuard};

/// A connection pool and, on SQLite, the write lock.
#[derive(Clone)]
pub struct Store {
    db: DatabaseConnection,
    write_lock: Option<Arc<Mutex<Group>>>,
}

/// How a group's commit ended: `None` until it has, then the error's text if it failed.
type Outcome = Option<Result<(), String>>;

/// What SQLite's write lock guards: the transaction the queued writers share, open
/// from its first writer's commit until its committer takes it (see the module's doc).
#[derive(Default)]
pub struct Group {
    open: Option<(DatabaseTransaction, watch::Receiver<Outcome>)>,
}

/// A write transaction. On SQLite it holds the write lock until committed or dropped, and
/// is either a group's first writer (the transaction itself: dropping it rolls back only
/// this writer's work, since nobody else wrote in it yet) or a later writer (a savepoint
/// of the open group's transaction: dropping it rolls the savepoint back).
pub struct WriteTxn {
    // Declared before the lock: dropped first, so the rollback is queued on the connection
    // before the next writer's statements.
    txn: DatabaseTransaction,
    /// The lock, and for a later writer where the group's outcome is told (None: the first).
    group: Option<(OwnedMutexGuard<Group>, Option<watch::Receiver<Outcome>>)>,
}

impl Deref for WriteTxn {
    type Target = DatabaseTransaction;
    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

impl WriteTxn {
    /// Commits. On SQLite: the first writer of a group opens the group with its transaction
    /// and schedules the group's commit; a later one releases its savepoint. Either then
    /// lets go of the lock and waits until the group's transaction is committed (or its
    /// commit failed: that error is this one's).
    pub async fn commit(self) -> Result<(), DbErr> {
        let WriteTxn { txn, group } = self;
        let Some((mut lock, later)) = group else { return txn.commit().await };
        let mut done = match later {
            Some(done) => {
                // Released by a task of its own, which lets go of the lock once it is done: a
                // caller that went away in the middle of the release would leave sea-orm's
                // transaction marked open, and the rollback its drop queues would run after the
                // release, at the group's depth, rolling back the group's whole transaction,
                // answered writers' rows with it (sqlx's SQLite worker then commits nothing
                // without an error). Seen in `a_writer_whose_caller_goes_away_...` below.
                let released = tokio::spawn(async move {
                    let released = txn.commit().await;
                    drop(lock);
                    released
                });
                released.await.map_err(|e| DbErr::Custom(format!("a writer's release failed: {e}")))??;
                done
            }
            None => {
                let (tell, done) = watch::channel(None);
                lock.open = Some((txn, done.clone()));
                // Spawned now, it queues on the lock behind the writers waiting now: they
                // join this group; later ones wait for the next.
                tokio::spawn(commit_group(OwnedMutexGuard::mutex(&lock).clone(), tell));
                drop(lock);
                done
            }
        };
        let outcome = done
            .wait_for(Option::is_some)
            .await
            .map_err(|_| DbErr::Custom("the write group's commit was abandoned".into()))?
            .clone();
        match outcome {
            Some(Err(e)) => Err(DbErr::Custom(format!("the write group's commit failed: {e}"))),
            _ => Ok(()),
        }
    }
}

/// Commits the group opened when this was spawned, once the writers queued before it
/// on the lock have run (tokio's mutex serves in turn), and tells them how it ended.
async fn commit_group(lock: Arc<Mutex<Group>>, done: watch::Sender<Outcome>) {
    let mut group = lock.lock().await;
    let outcome = match group.open.take() {
        Some((txn, _)) => txn.commit().await.map_err(|e| e.to_string()),
        None => Ok(()),
    };
    if let Err(e) = &outcome {
        tracing::error!(error = %e, "a write group's commit failed; its writers are answered with the error");
    }
    // Nobody waits when every writer of the group failed or went away.
    let _ = done.send(Some(outcome));
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
        let write_lock = sqlite.then(|| Arc::new(Mutex::new(Group::default())));
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

    /// Begins a write transaction (on SQLite: takes the write lock, then a savepoint of
    /// the open group's transaction, or a transaction of its own when no group is open).
    pub async fn write(&self) -> Result<WriteTxn, DbErr> {
        let Some(lock) = &self.write_lock else {
            return Ok(WriteTxn { txn: self.db.begin().await?, group: None });
        };
        let guard = lock.clone().lock_owned().await;
        if guard.open.is_none() {
            // A BEGIN whose caller goes away is rolled back by sqlx's worker; the rollback
            // sea-orm's drop queues then finds no transaction and does nothing.
            return Ok(WriteTxn { txn: self.db.begin().await?, group: Some((guard, None)) });
        }
        // A later writer's savepoint is begun by a task of its own, holding the lock: when the
        // caller of a SAVEPOINT goes away before its answer, sqlx's worker rolls the savepoint
        // back, and sea-orm's transaction, made before it was begun, queues one more rollback
        // on drop, which would roll back the group's whole transaction, answered writers' rows
        // with it (`a_writer_whose_caller_goes_away_...` below caught it under load). Run to
        // its end here, a savepoint whose writer is gone is rolled back once, by sea-orm, then
        // the lock is let go (a tuple drops in order).
        let begun = tokio::spawn(async move {
            let nested = match &guard.open {
                Some((outer, done)) => outer.begin().await.map(|txn| (txn, done.clone())),
                None => Err(DbErr::Custom("the write group closed while its lock was held".into())),
            };
            (nested, guard)
        });
        let (nested, guard) = begun.await.map_err(|e| DbErr::Custom(format!("a writer's savepoint failed: {e}")))?;
        let (txn, done) = nested?;
        Ok(WriteTxn { txn, group: Some((guard, Some(done))) })
    }

    /// Returns once every transaction committed before the call is on disk, those committed
    /// after [`defer_sync`] included. PostgreSQL: a transactional WAL message commits
    /// synchronously, and flushing the WAL up to its commit flushes every commit before it
    /// (a transaction that writes no WAL would commit without a flush). Many callers at once
    /// share the flushes (PostgreSQL's group commit), and none waits on another's lock.
    /// SQLite: every commit is on disk when it returns.
    pub async fn synced(&self) -> Result<(), DbErr> {
        if self.backend() == DbBackend::Postgres {
            self.db.execute_unprepared("SELECT pg_logical_emit_message(true, 'partage.synced', '')").await?;
        }
        Ok(())
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

/// Lets the write transaction `c` commit without waiting for the disk, on PostgreSQL: its
/// row locks then go at the commit's WAL insert instead of after its sync, so the next
/// writer of a hot row (an invoice series) need not wait out this one's sync. Whoever
/// commits it must call [`Store::synced`] before telling anyone it is done. The WAL is one
/// sequence: a crash can only lose a tail of it, so a commit that is lost takes every later
/// one with it (no number of a series lost between two kept ones), and a commit that waited
/// for the disk keeps every earlier one. SQLite: nothing (its group commit shares the sync).
pub async fn defer_sync<C: ConnectionTrait>(c: &C) -> Result<(), DbErr> {
    if c.get_database_backend() == DbBackend::Postgres {
        c.execute_unprepared("SET LOCAL synchronous_commit TO OFF").await?;
    }
    Ok(())
}

/// Deletes the appended rows (totals' or accounts' deltas) that a roll-up has just folded,
/// by their `id` column, a thousand a statement. If another roll-up (a second process on
/// the database) deleted some of them first, it folded them too, and adding them again
/// would count them twice: this then fails, naming `what`, and the caller's transaction
/// rolls back.
pub async fn delete_folded<C, E>(c: &C, id: E::Column, ids: &[uuid::Uuid], what: &str) -> Result<(), DbErr>
where
    C: ConnectionTrait,
    E: EntityTrait,
{
    let mut deleted = 0u64;
    for part in ids.chunks(1_000) {
        deleted += E::delete_many().filter(id.is_in(part.iter().copied())).exec(c).await?.rows_affected;
    }
    if deleted != ids.len() as u64 {
        return Err(DbErr::Custom(format!("{what} were folded by another roll-up")));
    }
    Ok(())
}

/// A migrated node database on a new SQLite file, for the repositories' tests.
#[cfg(test)]
pub(crate) async fn migrated_sqlite() -> Store {
    let path = std::env::temp_dir().join(format!("partage-repository-{}.db", uuid::Uuid::new_v4()));
    let store = Store::connect(&format!("sqlite://{}?mode=rwc", path.display()), None, 2).await.expect("sqlite");
    store.migrate().await.expect("migrations");
    store
}

/// True when a database error is a unique-constraint violation.
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::Statement;

    /// A store on a new SQLite file with a table `t` of unique values, and a table `c`
    /// whose foreign key is checked only at the commit (no table of the node's is so).
    async fn scratch() -> Store {
        let path = std::env::temp_dir().join(format!("partage-group-{}.db", uuid::Uuid::new_v4()));
        let store = Store::connect(&format!("sqlite://{}?mode=rwc", path.display()), None, 8).await.expect("sqlite");
        for ddl in [
            "CREATE TABLE t (v INTEGER NOT NULL UNIQUE)",
            "CREATE TABLE p (id INTEGER PRIMARY KEY)",
            "CREATE TABLE c (p INTEGER NOT NULL REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED)",
        ] {
            store.db().execute_unprepared(ddl).await.expect("table");
        }
        store
    }

    async fn values(store: &Store, table: &str) -> Vec<i64> {
        let rows = store
            .db()
            .query_all(Statement::from_string(DbBackend::Sqlite, format!("SELECT * FROM {table} ORDER BY 1")))
            .await
            .expect("read");
        rows.iter().map(|r| r.try_get_by_index::<i64>(0).expect("integer")).collect()
    }

    /// Runs `writes` in one write transaction, commits it and answers the commit's result.
    async fn write(store: Store, writes: Vec<String>) -> Result<(), DbErr> {
        let txn = store.write().await?;
        for w in writes {
            txn.execute_unprepared(&w).await?;
        }
        txn.commit().await
    }

    /// Runs `a` and `b` as two writers queued behind a third that holds the write lock:
    /// both are queued on the lock before the holder lets go (`join!` polls them in
    /// turn first), so they run in one group, `a` first.
    async fn queued_together(store: &Store, a: Vec<String>, b: Vec<String>) -> (Result<(), DbErr>, Result<(), DbErr>) {
        let holder = store.write().await.expect("write");
        let release = async {
            tokio::task::yield_now().await;
            // The holder's own outcome is not what these tests look at.
            let _ = holder.commit().await;
        };
        let (a, b, ()) = tokio::join!(write(store.clone(), a), write(store.clone(), b), release);
        (a, b)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_writer_answers_only_once_its_rows_are_committed_for_every_other_connection() {
        let store = scratch().await;
        let writers: Vec<_> = (0..20)
            .map(|i| {
                let s = store.clone();
                tokio::spawn(async move {
                    write(s.clone(), vec![format!("INSERT INTO t (v) VALUES ({i})")]).await?;
                    // Another connection of the pool: it sees committed rows only.
                    let sql = format!("SELECT v FROM t WHERE v = {i}");
                    s.db().query_one(Statement::from_string(DbBackend::Sqlite, sql)).await.map(|row| row.is_some())
                })
            })
            .collect();
        for w in writers {
            assert!(w.await.expect("task").expect("written"), "seen by another connection once answered");
        }
        assert_eq!(values(&store, "t").await, (0..20).collect::<Vec<i64>>());
    }

    /// A client that hangs up drops its request's future wherever it is: in its BEGIN or
    /// SAVEPOINT, between statements, in its savepoint's release, or waiting for the
    /// group's commit. sqlx's SQLite worker finishes each command and undoes exactly what
    /// the dropped writer began (PostgreSQL's driver does not: a nested BEGIN cut in half
    /// there queues a ROLLBACK of the whole transaction, see docs/performance.md), so a
    /// dropped writer must never take an answered writer's row with it.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_writer_whose_caller_goes_away_never_takes_an_answered_writers_row_with_it() {
        let store = scratch().await;
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let writers: Vec<_> = (0..400_i64)
            .map(|i| {
                // A deterministic spread of deadlines: every other writer within 0 to 5 ms (dropped
                // before it starts or in the middle), the others within 0 to 200 ms (most
                // finish, even on a loaded machine).
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                let spread = if i % 2 == 0 { 5_000 } else { 200_000 };
                let deadline = std::time::Duration::from_micros((seed >> 33) % spread);
                let s = store.clone();
                tokio::spawn(async move {
                    let writes = vec![format!("INSERT INTO t (v) VALUES ({i})"), "SELECT 1".to_owned()];
                    let answered = matches!(tokio::time::timeout(deadline, write(s, writes)).await, Ok(Ok(())));
                    (i, answered)
                })
            })
            .collect();
        let mut answered = Vec::new();
        let mut dropped = 0;
        for w in writers {
            match w.await.expect("task") {
                (i, true) => answered.push(i),
                _ => dropped += 1,
            }
        }
        // The store goes on, and every group has ended by the time this writer is answered.
        write(store.clone(), vec!["INSERT INTO t (v) VALUES (1000)".into()]).await.expect("a writer after them all");
        let kept = values(&store, "t").await;
        for i in &answered {
            assert!(kept.contains(i), "writer {i} was answered but its row is gone");
        }
        assert!(kept.contains(&1000));
        let finished = answered.len();
        assert!(dropped > 0 && finished > 0, "the deadlines dropped {dropped} writers and let {finished} finish");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_writer_that_fails_leaves_the_other_writers_of_its_group_alone() {
        let store = scratch().await;
        // Alone, the first of its group: its own transaction is rolled back.
        let alone =
            write(store.clone(), vec!["INSERT INTO t (v) VALUES (7)".into(), "INSERT INTO t (v) VALUES (7)".into()]);
        assert!(is_unique_violation(&alone.await.expect_err("a unique value twice")));
        assert_eq!(values(&store, "t").await, Vec::<i64>::new());
        // Second in its group, after a writer that holds the lock: its savepoint is.
        let (failing, fine) = queued_together(
            &store,
            vec!["INSERT INTO t (v) VALUES (1)".into(), "INSERT INTO t (v) VALUES (1)".into()],
            vec!["INSERT INTO t (v) VALUES (2)".into()],
        )
        .await;
        let refused = failing.expect_err("a unique value twice");
        assert!(is_unique_violation(&refused), "{refused}");
        fine.expect("the other writer commits");
        // The failed writer's first row went with its savepoint.
        assert_eq!(values(&store, "t").await, vec![2]);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn when_a_groups_commit_fails_every_writer_of_it_gets_the_error_and_keeps_nothing() {
        let store = scratch().await;
        // The first writer's row breaks a foreign key that is checked at the commit only:
        // its savepoint is released without complaint, the group's commit fails.
        let (breaking, innocent) = queued_together(
            &store,
            vec!["INSERT INTO c (p) VALUES (99)".into()],
            vec!["INSERT INTO t (v) VALUES (5)".into()],
        )
        .await;
        for (who, outcome) in [("breaking", breaking), ("innocent", innocent)] {
            let err = outcome.expect_err(who);
            assert!(err.to_string().contains("write group's commit failed"), "{who}: {err}");
        }
        assert_eq!(values(&store, "t").await, Vec::<i64>::new());
        assert_eq!(values(&store, "c").await, Vec::<i64>::new());
        // The store goes on: the next group commits.
        write(store.clone(), vec!["INSERT INTO t (v) VALUES (6)".into()]).await.expect("next group");
        assert_eq!(values(&store, "t").await, vec![6]);
    }
}
