//! Background jobs: one per payroll run however often it is started, resumed at
//! start-up after a stop, failed ones shown with their error; and the request id
//! every response carries.

use crate::common::{serve_on, start, Db, Place, Process, TestNode};
use crate::crash::seeded_couriers;
use crate::on_both_databases;
use futures::future::join_all;
use partage::storage::entities::member;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::Arc;

/// Polls a job until it is done or failed.
async fn settled(t: &TestNode, job: &str) -> Value {
    let mut last = Value::Null;
    for _ in 0..1200 {
        last = t.get(format!("/jobs/{job}")).await.ok(200).clone();
        if last["state"] == "done" || last["state"] == "failed" {
            return last;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("job {job} did not settle: {last}");
}

/// The contracts a run paid, each once (panics on a second payslip of one contract).
async fn paid_contracts(t: &TestNode, run: &str) -> BTreeSet<String> {
    let mut contracts = BTreeSet::new();
    let mut after: Option<String> = None;
    loop {
        let q = after.as_ref().map_or(String::new(), |a| format!("&after={a}"));
        let page =
            t.get(format!("/payroll-runs/{run}/payslips?limit=200{q}")).await.ok(200).as_array().unwrap().clone();
        for s in &page {
            assert!(contracts.insert(s["contract_id"].as_str().unwrap().to_owned()), "a contract paid twice");
        }
        match page.last() {
            Some(last) if page.len() == 200 => after = Some(last["id"].as_str().unwrap().to_owned()),
            _ => return contracts,
        }
    }
}

/// Writes a member's family situation as stored, bypassing the API's checks.
async fn set_family_situation(node: &partage::service::Node, id: uuid::Uuid, situation: &str) {
    let updated = member::Entity::update_many()
        .col_expr(member::Column::FamilySituation, Expr::value(situation))
        .filter(member::Column::Id.eq(id))
        .exec(node.store.db())
        .await
        .unwrap();
    assert_eq!(updated.rows_affected, 1);
}

/// A place on 2026-06-05 whose runs commit `chunk` contracts at a time.
fn place_of(db: Db, chunk: &str) -> Place {
    let mut place = Place::new(db);
    place.extra = vec![("payroll.run_chunk", chunk.into()), ("node.today", "2026-06-05".into())];
    place
}

async fn starting_the_same_payroll_run_twice_concurrently_gives_one_job(db: Db) {
    let place = place_of(db, "5");
    let seeded = seeded_couriers(&place, 40).await;
    let t = serve_on(Arc::new(place), "2026-06-05").await;
    let starts = join_all((0..6).map(|_| t.post("/payroll-runs", json!({"period": "2026-06"})))).await;
    let runs: BTreeSet<String> = starts.iter().map(|r| r.body["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(runs.len(), 1, "one run");
    let jobs: BTreeSet<String> = starts.iter().map(|r| r.body["job_id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(jobs.len(), 1, "one job for one run: {jobs:?}");
    assert_eq!(starts.iter().filter(|r| r.status == 202).count(), 1, "one start made the run");
    let job = jobs.into_iter().next().unwrap();
    let run = runs.into_iter().next().unwrap();

    let done = settled(&t, &job).await;
    assert_eq!(done["state"], "done", "{done}");
    assert_eq!(done["kind"], "payroll_run");
    assert_eq!(done["key"], run.as_str());
    assert_eq!(done["resource"], format!("/api/v1/payroll-runs/{run}"));
    assert_eq!(done["attempts"], 1, "one worker ran it once: {done}");
    assert!(done["error"].is_null());
    let listed = t.get("/jobs?kind=payroll_run").await.ok(200).clone();
    assert_eq!(listed["total"], 1, "{listed}");
    assert_eq!(listed["items"][0]["id"], job.as_str());
    assert_eq!(t.get("/jobs?state=done").await.ok(200)["total"], 1);
    assert_eq!(t.get("/jobs?state=running").await.ok(200)["total"], 0);

    let expected: BTreeSet<String> = seeded.iter().map(|s| s.contract.to_string()).collect();
    assert_eq!(paid_contracts(&t, &run).await, expected, "exactly one payslip per contract");
    // Started again once complete, the run answers with the job that paid it.
    let again = t.post("/payroll-runs", json!({"period": "2026-06"})).await;
    assert_eq!(again.ok(200)["job_id"], job.as_str());
    t.balanced().await;
}

async fn a_failed_job_is_visible_with_its_error_and_a_new_start_retries_it(db: Db) {
    let place = Arc::new(place_of(db, "2"));
    let seeded = seeded_couriers(&place, 5).await;
    let t = serve_on(place.clone(), "2026-06-05").await;
    // A member row damaged on purpose: the run cannot read the household to compute the withholding.
    let node = t.open_node().await;
    let damaged = seeded[3].member;
    set_family_situation(&node, damaged, "unheard-of").await;

    let started = t.post("/payroll-runs", json!({"period": "2026-06"})).await;
    let run = started.ok(202)["id"].as_str().unwrap().to_owned();
    let job = started.body["job_id"].as_str().unwrap().to_owned();
    let failed = settled(&t, &job).await;
    assert_eq!(failed["state"], "failed", "{failed}");
    assert!(failed["error"].as_str().unwrap().contains("unheard-of"), "the error says what is wrong: {failed}");
    assert!(failed["finished_at"].is_string());
    let listed = t.get("/jobs?state=failed").await.ok(200).clone();
    assert_eq!(listed["total"], 1);
    assert_eq!(listed["items"][0]["id"], job.as_str());
    // The run keeps what it committed and stays running, to be resumed.
    assert_eq!(t.get(format!("/payroll-runs/{run}")).await.ok(200)["status"], "running");

    // Repaired, a new start of the run is a new job that completes it.
    set_family_situation(&node, damaged, "single").await;
    let again = t.post("/payroll-runs", json!({"period": "2026-06"})).await;
    assert_eq!(again.ok(200)["id"], run.as_str());
    let retry = again.body["job_id"].as_str().unwrap().to_owned();
    assert_ne!(retry, job, "a failed job is kept; the retry is another");
    assert_eq!(settled(&t, &retry).await["state"], "done");
    let expected: BTreeSet<String> = seeded.iter().map(|s| s.contract.to_string()).collect();
    assert_eq!(paid_contracts(&t, &run).await, expected, "exactly one payslip per contract");
    assert_eq!(t.get(format!("/jobs/{job}")).await.ok(200)["state"], "failed", "the failure stays visible");
    t.balanced().await;
}

async fn a_node_stopped_mid_run_resumes_its_job_at_start_up(db: Db) {
    let place = place_of(db, "10");
    let seeded = seeded_couriers(&place, 240).await;
    let process = Process::start(&place).await;
    let t = TestNode::remote(&process);
    let r = t.post("/payroll-runs", json!({"period": "2026-06"})).await;
    let run = r.ok(202)["id"].as_str().unwrap().to_owned();
    let job = r.body["job_id"].as_str().unwrap().to_owned();
    let mut seen = 0;
    for _ in 0..2000 {
        seen = t.get(format!("/payroll-runs/{run}")).await.body["payslips"].as_i64().unwrap_or(0);
        if seen > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    assert!(process.terminate().await, "a stop is a clean exit");

    // Stopped at a chunk boundary: whole chunks committed, the job queued for the next start.
    let node = partage::service::Node::open(place.settings_at("2026-06-05")).await.unwrap();
    let stopped = partage::jobs::get(node.store.db(), job.parse().unwrap()).await.unwrap();
    let paid = partage::service::payroll::get(node.store.db(), run.parse().unwrap()).await.unwrap();
    node.store.db().clone().close().await.unwrap();
    assert!(seen > 0, "part of the run was committed before the stop");
    assert!(paid.payslips < 240, "the stop must land mid-run (saw {} payslips)", paid.payslips);
    assert_eq!(paid.status, "running");
    assert_eq!(paid.payslips % 10, 0, "the run stopped between chunks of 10");
    assert_eq!(stopped.state, "queued", "{stopped:?}");
    assert_eq!(stopped.attempts, 1);

    let process = Process::start(&place).await;
    let t = TestNode::remote(&process);
    let done = settled(&t, &job).await;
    assert_eq!(done["state"], "done", "{done}");
    assert_eq!(done["attempts"], 2, "resumed once: {done}");
    assert_eq!(t.get(format!("/payroll-runs/{run}")).await.ok(200)["payslips"], 240);
    let expected: BTreeSet<String> = seeded.iter().map(|s| s.contract.to_string()).collect();
    assert_eq!(paid_contracts(&t, &run).await, expected, "exactly one payslip per contract");
    let tb = t.balanced().await;
    assert_eq!(TestNode::account(&tb, "wages_payable")["balance"], "0.00", "every net paid exactly once");
    crate::common::assert_audited(&place);
}

on_both_databases!(
    starting_the_same_payroll_run_twice_concurrently_gives_one_job,
    a_failed_job_is_visible_with_its_error_and_a_new_start_retries_it,
    a_node_stopped_mid_run_resumes_its_job_at_start_up,
);

#[tokio::test]
async fn every_response_carries_a_request_id_and_echoes_a_valid_one() {
    let t = start(Db::Sqlite).await;
    let url = format!("{}/health", t.base);
    let made = t.http.get(&url).send().await.unwrap();
    let id = made.headers().get("x-request-id").expect("a request id").to_str().unwrap().to_owned();
    assert!(uuid::Uuid::parse_str(&id).is_ok(), "a made id is a UUID: {id}");
    let other = t.http.get(&url).send().await.unwrap();
    assert_ne!(other.headers()["x-request-id"].to_str().unwrap(), id, "each request its own id");

    let echoed = t.http.get(&url).header("X-Request-Id", "trace-4bf92f35:00f0").send().await.unwrap();
    assert_eq!(echoed.headers()["x-request-id"], "trace-4bf92f35:00f0");
    // An error answer carries it too.
    let missing = t.http.get(format!("{}/jobs/{}", t.base, uuid::Uuid::nil())).send().await.unwrap();
    assert_eq!(missing.status(), 401);
    assert!(missing.headers().contains_key("x-request-id"));
    // An id that could break a log line is replaced, not echoed.
    let forged = t.http.get(&url).header("X-Request-Id", "a b\tc").send().await.unwrap();
    let replaced = forged.headers()["x-request-id"].to_str().unwrap();
    assert!(uuid::Uuid::parse_str(replaced).is_ok(), "{replaced}");
}

#[tokio::test]
async fn an_unknown_job_or_filter_is_a_problem() {
    let t = start(Db::Sqlite).await;
    t.get(format!("/jobs/{}", uuid::Uuid::now_v7())).await.problem(404, "not-found");
    let bad = t.get("/jobs?state=paused").await;
    bad.problem(422, "invalid-field");
    assert_eq!(bad.body["field"], "state");
    assert_eq!(t.get("/jobs").await.ok(200)["total"], 0);
}

/// A log sink the test reads back.
#[derive(Clone, Default)]
struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The subscriber is this thread's: the runtime of a plain `#[tokio::test]` runs the
/// server, its handlers and the jobs they spawn on the test's thread.
#[tokio::test]
async fn log_lines_of_a_request_and_of_its_job_carry_their_ids() {
    let logs = Captured::default();
    let sink = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || sink.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let t = start(Db::Sqlite).await;
    let started = t
        .http
        .post(format!("{}/payroll-runs", t.base))
        .bearer_auth(crate::common::TOKEN)
        .header("X-Request-Id", "log-check-7")
        .json(&json!({"period": "2026-03"}))
        .send()
        .await
        .unwrap();
    assert_eq!(started.headers()["x-request-id"], "log-check-7");
    let body: Value = started.json().await.unwrap();
    let job = body["job_id"].as_str().unwrap().to_owned();
    assert_eq!(settled(&t, &job).await["state"], "done");
    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    let answered = text.lines().find(|l| l.contains("answered") && l.contains("log-check-7"));
    assert!(answered.is_some_and(|l| l.contains("route=/api/v1/payroll-runs") && l.contains("method=POST")), "{text}");
    let done = text.lines().find(|l| l.contains("job done")).unwrap_or_else(|| panic!("no job line: {text}"));
    assert!(done.contains(&format!("job={job}")) && done.contains("kind=payroll_run"), "{done}");
    assert!(done.contains("request_id=log-check-7"), "the job names the request that queued it: {done}");
}
