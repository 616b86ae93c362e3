//! Background jobs: work that outlives the request asking for it (payroll runs
//! first; the federation relay will join them).
//!
//! A job is a row (`jobs`): its kind, its key (what it works on: a payroll run's
//! id), its state (queued, running, done, failed with the error), its attempts and
//! the node's clock at each step. Rows, not tasks, are the truth:
//! - one job per key is active (queued or running): the unique `active_key` makes a
//!   second start of the same key return the first job, whichever request commits
//!   first, on SQLite and PostgreSQL alike;
//! - a worker claims a queued job by a conditional update, so two spawns of one job
//!   run it once;
//! - a job that fails or panics is marked failed with its error and logged; a job
//!   stopped by a shutdown (at a chunk boundary) or killed with the process is
//!   queued again at the next start ([`Jobs::resume`]), and its work, committed
//!   chunk by chunk, goes on from where it stopped.

use crate::error::AppError;
use crate::service::views::{JobView, Page};
use crate::service::{payroll, Node};
use crate::storage::entities::job;
use chrono::NaiveDateTime;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::sync::Semaphore;
use tracing::Instrument;
use uuid::Uuid;

/// Jobs running at once. Payroll runs write in chunks under one write lock on
/// SQLite, so more workers would only queue on it; two keep one run from holding
/// up another.
pub const CONCURRENCY: u32 = 2;

/// What a job does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobKind {
    /// Pays a payroll run to its end; the key is the run's id.
    PayrollRun,
}

/// Every kind, as the API names them.
pub const KINDS: [&str; 1] = ["payroll_run"];

impl JobKind {
    /// The stored and API name.
    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::PayrollRun => "payroll_run",
        }
    }

    /// The API path of what a job of this kind on `key` works on.
    pub fn resource(self, key: &str) -> String {
        match self {
            JobKind::PayrollRun => format!("/api/v1/payroll-runs/{key}"),
        }
    }

    /// The kind named `text`, if any.
    pub fn parse(text: &str) -> Option<JobKind> {
        match text {
            "payroll_run" => Some(JobKind::PayrollRun),
            _ => None,
        }
    }
}

/// Where a job stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobState {
    /// Waiting for a worker (new, or stopped and to resume).
    Queued,
    /// A worker has it.
    Running,
    /// Finished.
    Done,
    /// The last attempt failed; `error` says why.
    Failed,
}

/// Every state, as the API names them.
pub const STATES: [&str; 4] = ["queued", "running", "done", "failed"];

impl JobState {
    /// The stored and API name.
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Done => "done",
            JobState::Failed => "failed",
        }
    }
}

/// The `active_key` of a job: unique among queued and running jobs.
fn active_key(kind: JobKind, key: &str) -> String {
    format!("{}:{key}", kind.as_str())
}

/// Queues a job of `kind` on `key`, or returns the one already queued or running
/// on that key: starting a job twice is starting it once. Runs in the caller's
/// transaction, so the job commits with what it works on.
pub async fn enqueue<C: ConnectionTrait>(
    c: &C,
    kind: JobKind,
    key: &str,
    now: NaiveDateTime,
) -> Result<job::Model, AppError> {
    let active = active_key(kind, key);
    let row = job::ActiveModel {
        id: Set(Uuid::now_v7()),
        kind: Set(kind.as_str().to_owned()),
        key: Set(key.to_owned()),
        state: Set(JobState::Queued.as_str().to_owned()),
        active_key: Set(Some(active.clone())),
        error: Set(None),
        attempts: Set(0),
        created_at: Set(now),
        started_at: Set(None),
        finished_at: Set(None),
    };
    // Two starts at once: the first insert wins, the other reads its row.
    job::Entity::insert(row)
        .on_conflict(OnConflict::column(job::Column::ActiveKey).do_nothing().to_owned())
        .do_nothing()
        .exec_without_returning(c)
        .await?;
    job::Entity::find()
        .filter(job::Column::ActiveKey.eq(active.as_str()))
        .one(c)
        .await?
        .ok_or_else(|| AppError::Corrupt(format!("job {active} vanished")))
}

/// The newest job of `kind` on `key`, whatever its state.
pub async fn latest<C: ConnectionTrait>(c: &C, kind: JobKind, key: &str) -> Result<Option<job::Model>, AppError> {
    Ok(job::Entity::find()
        .filter(job::Column::Kind.eq(kind.as_str()))
        .filter(job::Column::Key.eq(key))
        .order_by_desc(job::Column::Id)
        .one(c)
        .await?)
}

/// A job as the API shows it.
pub fn view(j: &job::Model) -> JobView {
    let resource = JobKind::parse(&j.kind).map(|kind| kind.resource(&j.key));
    JobView {
        id: j.id,
        kind: j.kind.clone(),
        key: j.key.clone(),
        resource,
        state: j.state.clone(),
        error: j.error.clone(),
        attempts: j.attempts,
        created_at: j.created_at,
        started_at: j.started_at,
        finished_at: j.finished_at,
    }
}

/// A job by its id.
pub async fn get<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<JobView, AppError> {
    let j = job::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("job", id))?;
    Ok(view(&j))
}

/// Filters of the job list.
#[derive(Clone, Debug, Default)]
pub struct JobFilter {
    /// One of [`KINDS`].
    pub kind: Option<String>,
    /// One of [`STATES`].
    pub state: Option<String>,
}

/// Jobs, newest first.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    f: &JobFilter,
    offset: u64,
    limit: u64,
) -> Result<Page<JobView>, AppError> {
    let mut q = job::Entity::find();
    if let Some(kind) = &f.kind {
        if !KINDS.contains(&kind.as_str()) {
            return Err(AppError::invalid("kind", format!("'{kind}' is not one of {}", KINDS.join(", "))));
        }
        q = q.filter(job::Column::Kind.eq(kind.as_str()));
    }
    if let Some(state) = &f.state {
        if !STATES.contains(&state.as_str()) {
            return Err(AppError::invalid("state", format!("'{state}' is not one of {}", STATES.join(", "))));
        }
        q = q.filter(job::Column::State.eq(state.as_str()));
    }
    let total = q.clone().count(c).await?;
    let rows = q.order_by_desc(job::Column::Id).offset(offset).limit(limit).all(c).await?;
    Ok(Page { items: rows.iter().map(view).collect(), total, offset, limit })
}

/// How an attempt ended.
enum Outcome {
    /// The work is finished.
    Done,
    /// Stopped at a chunk boundary by a shutdown: queued again, resumed at the next start.
    Stopped,
    /// The work returned an error or panicked.
    Failed(String),
}

/// The node's job runner: at most [`CONCURRENCY`] jobs at once, stopped at a chunk
/// boundary on shutdown. Cloning shares it.
#[derive(Clone)]
pub struct Jobs {
    permits: Arc<Semaphore>,
    stopping: Arc<AtomicBool>,
}

impl Default for Jobs {
    fn default() -> Jobs {
        Jobs::new()
    }
}

impl Jobs {
    /// A runner that has started nothing yet.
    pub fn new() -> Jobs {
        Jobs { permits: Arc::new(Semaphore::new(CONCURRENCY as usize)), stopping: Arc::new(AtomicBool::new(false)) }
    }

    fn stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    /// Runs job `id` in the background once a worker is free, if it is still queued
    /// by then. Call it after the transaction that queued the job has committed.
    pub fn spawn(&self, node: &Node, id: Uuid) {
        if self.stopping() {
            return;
        }
        let (jobs, node) = (self.clone(), node.clone());
        // Under the span of whoever queued it (a request's, with its id), so the
        // job's log lines say which request started it.
        let parent = tracing::Span::current();
        let task = async move {
            let Ok(_permit) = jobs.permits.clone().acquire_owned().await else { return };
            if jobs.stopping() {
                return;
            }
            if let Err(e) = jobs.attempt(&node, id).await {
                // The job's row could not be read or written (the database is gone):
                // it stays as it was, queued or running, and the next start resumes it.
                tracing::error!(job = %id, error = %e, "a job's state could not be recorded; it resumes at the next start");
            }
        };
        tokio::spawn(task.instrument(parent));
    }

    /// Claims job `id`, runs it in a task of its own (so a panic is caught and
    /// recorded), and records how it ended.
    async fn attempt(&self, node: &Node, id: Uuid) -> Result<(), AppError> {
        let Some(job) = claim(node, id).await? else { return Ok(()) };
        let span = tracing::info_span!("job", job = %job.id, kind = %job.kind, key = %job.key);
        let work = {
            let (jobs, node, job) = (self.clone(), node.clone(), job.clone());
            tokio::spawn(async move { jobs.perform(&node, &job).await }.instrument(span.clone()))
        };
        let outcome = match work.await {
            Ok(Ok(true)) => Outcome::Done,
            Ok(Ok(false)) => Outcome::Stopped,
            Ok(Err(e)) => Outcome::Failed(e.to_string()),
            Err(e) => Outcome::Failed(panic_message(e)),
        };
        record(node, &job, outcome).instrument(span).await
    }

    /// The work of a job; whether it finished (false: stopped by a shutdown).
    async fn perform(&self, node: &Node, job: &job::Model) -> Result<bool, AppError> {
        tracing::info!(attempt = job.attempts, "job started");
        match JobKind::parse(&job.kind) {
            Some(JobKind::PayrollRun) => {
                let run = Uuid::parse_str(&job.key)
                    .map_err(|_| AppError::Corrupt(format!("payroll run job {} has key '{}'", job.id, job.key)))?;
                let stopping = self.stopping.clone();
                let (_, completed) =
                    payroll::process_until(node, run, &move || stopping.load(Ordering::SeqCst)).await?;
                Ok(completed)
            }
            None => Err(AppError::Corrupt(format!("job {} has an unknown kind '{}'", job.id, job.kind))),
        }
    }

    /// At start-up: jobs a killed process left running are queued again, every
    /// payroll run still unfinished (its job failed, or it predates jobs) gets its
    /// job, and every queued job is spawned, oldest first. Returns how many.
    pub async fn resume(&self, node: &Node) -> Result<usize, AppError> {
        let txn = node.store.write().await?;
        // One node serves a database: a job still `running` belongs to no live worker.
        job::Entity::update_many()
            .col_expr(job::Column::State, Expr::value(JobState::Queued.as_str()))
            .filter(job::Column::State.eq(JobState::Running.as_str()))
            .exec(&*txn)
            .await?;
        let now = node.now();
        for run in payroll::unfinished(&*txn).await? {
            enqueue(&*txn, JobKind::PayrollRun, &run.to_string(), now).await?;
        }
        let queued = job::Entity::find()
            .filter(job::Column::State.eq(JobState::Queued.as_str()))
            .order_by_asc(job::Column::Id)
            .all(&*txn)
            .await?;
        txn.commit().await?;
        for j in &queued {
            tracing::info!(job = %j.id, kind = %j.kind, key = %j.key, "resuming job");
            self.spawn(node, j.id);
        }
        Ok(queued.len())
    }

    /// Takes no new job and asks running ones to stop at their next chunk boundary.
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
    }

    /// [`Jobs::stop`], then waits until no job is running: what they committed is
    /// kept, and they are queued to resume at the next start.
    pub async fn shutdown(&self) {
        self.stop();
        // Every worker holds a permit while it runs; holding them all means none runs.
        if let Ok(all) = self.permits.acquire_many(CONCURRENCY).await {
            all.forget();
            self.permits.close();
        }
    }
}

/// Marks job `id` running if it is still queued; None when another worker has it
/// or it is no longer to run.
async fn claim(node: &Node, id: Uuid) -> Result<Option<job::Model>, AppError> {
    let txn = node.store.write().await?;
    let claimed = job::Entity::update_many()
        .col_expr(job::Column::State, Expr::value(JobState::Running.as_str()))
        .col_expr(job::Column::Attempts, Expr::col(job::Column::Attempts).add(1))
        .col_expr(job::Column::StartedAt, Expr::value(node.now()))
        .filter(job::Column::Id.eq(id))
        .filter(job::Column::State.eq(JobState::Queued.as_str()))
        .exec(&*txn)
        .await?;
    if claimed.rows_affected == 0 {
        return Ok(None);
    }
    let job = job::Entity::find_by_id(id).one(&*txn).await?;
    txn.commit().await?;
    Ok(job)
}

/// Records how an attempt ended; a failure is logged with its error.
async fn record(node: &Node, job: &job::Model, outcome: Outcome) -> Result<(), AppError> {
    let now = node.now();
    let update = job::Entity::update_many().filter(job::Column::Id.eq(job.id));
    let update = match &outcome {
        Outcome::Done => {
            tracing::info!("job done");
            update
                .col_expr(job::Column::State, Expr::value(JobState::Done.as_str()))
                .col_expr(job::Column::ActiveKey, Expr::value(Option::<String>::None))
                .col_expr(job::Column::Error, Expr::value(Option::<String>::None))
                .col_expr(job::Column::FinishedAt, Expr::value(now))
        }
        Outcome::Stopped => {
            tracing::info!("job stopped by the shutdown; it resumes at the next start");
            update.col_expr(job::Column::State, Expr::value(JobState::Queued.as_str()))
        }
        Outcome::Failed(error) => {
            tracing::error!(error = %error, "job failed");
            update
                .col_expr(job::Column::State, Expr::value(JobState::Failed.as_str()))
                .col_expr(job::Column::ActiveKey, Expr::value(Option::<String>::None))
                .col_expr(job::Column::Error, Expr::value(error.clone()))
                .col_expr(job::Column::FinishedAt, Expr::value(now))
        }
    };
    let txn = node.store.write().await?;
    update.exec(&*txn).await?;
    txn.commit().await?;
    Ok(())
}

/// What a job's task said when it panicked.
fn panic_message(e: tokio::task::JoinError) -> String {
    match e.try_into_panic() {
        Ok(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            format!("the job panicked: {message}")
        }
        Err(e) => format!("the job was cancelled: {e}"),
    }
}
