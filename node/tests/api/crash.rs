//! A node killed with SIGKILL while issuing invoices leaves no gap in the
//! numbers and a balanced journal once restarted.

use crate::common::{Db, Place, Process, TestNode};
use crate::on_both_databases;
use futures::future::join_all;
use serde_json::json;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

async fn issued_numbers(t: &TestNode) -> BTreeSet<u64> {
    let mut numbers = BTreeSet::new();
    let mut offset = 0;
    loop {
        let page = t.get(&format!("/invoices?limit=500&offset={offset}")).await;
        let items = page.ok(200)["items"].as_array().unwrap().clone();
        for i in &items {
            if let Some(n) = i["number"].as_str() {
                assert!(numbers.insert(n.strip_prefix("2026-").unwrap().parse().unwrap()), "duplicate {n}");
            }
        }
        if items.len() < 500 {
            return numbers;
        }
        offset += 500;
    }
}

/// 300 drafts of one activity, for clients to issue.
async fn three_hundred_drafts(t: &TestNode, email: &str) -> Vec<String> {
    let m = t.member(email).await;
    let a = t.activity(&m, "Crash tour").await;
    let c = t.belgian_client().await;
    let mut drafts = Vec::new();
    for i in 0..300 {
        drafts.push(t.draft(&a, &c, &format!("{}.00", 50 + i), "21").await.ok(201)["id"].as_str().unwrap().to_owned());
    }
    drafts
}

/// The (invoice, number) pairs the server answered.
type Answered = Arc<std::sync::Mutex<Vec<(String, String)>>>;

/// Eight clients issue `drafts` as fast as they can, each until the server stops answering
/// 200, keeping every number they are answered; returns once `at_least` are, or after 60 s.
async fn issuing(
    t: &TestNode,
    drafts: &Arc<Vec<String>>,
    at_least: usize,
) -> (Answered, Vec<tokio::task::JoinHandle<()>>) {
    let answered: Answered = Arc::default();
    let next = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..8)
        .map(|_| {
            let (answered, next, drafts, http, base) =
                (answered.clone(), next.clone(), drafts.clone(), t.http.clone(), t.base.clone());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(id) = drafts.get(i) else { return };
                    let sent =
                        http.post(format!("{base}/invoices/{id}/issue")).bearer_auth(crate::common::TOKEN).send().await;
                    let Ok(r) = sent else { return };
                    if r.status() != 200 {
                        return; // the server, or its database, is gone
                    }
                    let Ok(body) = r.json::<serde_json::Value>().await else { return };
                    let number = body["number"].as_str().expect("an issued invoice has its number").to_owned();
                    answered.lock().unwrap().push((id.clone(), number));
                }
            })
        })
        .collect();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while answered.lock().unwrap().len() < at_least && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    }
    (answered, workers)
}

async fn sigkill_while_issuing_leaves_no_gap(db: Db) {
    let place = Place::new(db);
    let process = Process::start(&place).await;
    let t = TestNode::remote(&process);
    let drafts = Arc::new(three_hundred_drafts(&t, "crash@example.org").await);
    // Eight clients issue as fast as they can; the process is killed mid-stream.
    let (answered, workers) = issuing(&t, &drafts, 60).await;
    process.kill();
    join_all(workers).await;
    let answered = answered.lock().unwrap().clone();
    let acknowledged = answered.len();
    assert!(acknowledged >= 60, "only {acknowledged} issued before the deadline");

    let process = Process::start(&place).await;
    let t = TestNode::remote(&process);
    for (id, number) in &answered {
        assert_eq!(t.get(format!("/invoices/{id}")).await.ok(200)["number"], number.as_str(), "invoice {id}");
    }
    let numbers = issued_numbers(&t).await;
    let k = numbers.len() as u64;
    assert_eq!(numbers, (1..=k).collect::<BTreeSet<u64>>(), "a gap after SIGKILL");
    assert!(k as usize >= acknowledged, "an acknowledged invoice was lost: {k} < {acknowledged}");
    let tb = t.balanced().await;
    assert_eq!(tb["entries"], 2 + k, "one journal entry per issued invoice");
    // The running totals committed with their entries, or not at all.
    crate::common::assert_audited(&place);

    // The node goes on from where it stopped.
    let rest = join_all(drafts.iter().map(|id| t.post(format!("/invoices/{id}/issue"), json!(null)))).await;
    assert_eq!(rest.iter().filter(|r| r.status == 200).count() as u64, 300 - k);
    assert_eq!(issued_numbers(&t).await, (1..=300).collect::<BTreeSet<u64>>());
    t.balanced().await;
}

on_both_databases!(sigkill_while_issuing_leaves_no_gap, sigkill_during_a_payroll_run_loses_and_doubles_nothing);

/// Couriers seeded through the library: admitted, declared, invoiced, contracted.
pub(crate) async fn seeded_couriers(place: &Place, count: usize) -> Vec<partage::drill::Seeded> {
    use partage_core::{Currency, Money};
    let node = partage::service::Node::open(place.settings_at("2026-06-01")).await.unwrap();
    let client = partage::drill::business_client(&node, "Fast Meals Platform SA", "BE0403170701").await.unwrap();
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 6, d).unwrap();
    let (s, e) =
        (chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap(), chrono::NaiveTime::from_hms_opt(22, 0, 0).unwrap());
    let seed = partage::drill::Seed {
        from: 0,
        count,
        label: "Courier",
        category: "manual",
        client,
        invoiced: Money::from_minor(15_000, Currency::EUR),
        budget: Money::from_minor(14_025, Currency::EUR),
        days: vec![partage_core::work_declaration::WorkPeriod { date: day(2), start: s, end: e }],
        on: day(1),
    };
    let seeded = partage::drill::seed(&node, &seed).await.unwrap();
    node.store.db().clone().close().await.unwrap();
    seeded
}

async fn sigkill_during_a_payroll_run_loses_and_doubles_nothing(db: Db) {
    let mut place = Place::new(db);
    // Small chunks: the run commits many times, so the kill lands between and within commits.
    place.extra = vec![("payroll.run_chunk", "20".into()), ("node.today", "2026-06-05".into())];
    let seeded = seeded_couriers(&place, 240).await;
    let process = Process::start(&place).await;
    let t = TestNode::remote(&process);
    let r = t.post("/payroll-runs", json!({"period": "2026-06"})).await;
    let run = r.ok(202)["id"].as_str().unwrap().to_owned();
    // Kill as soon as part of the run is committed.
    let mut seen = 0;
    for _ in 0..2000 {
        seen = t.get(format!("/payroll-runs/{run}")).await.body["payslips"].as_i64().unwrap_or(0);
        if seen > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    process.kill();
    assert!(seen > 0 && seen < 240, "the kill must land mid-run (saw {seen} payslips)");

    // Restarted, the node resumes the run by itself.
    let process = Process::start(&place).await;
    let t = TestNode::remote(&process);
    let mut done = serde_json::Value::Null;
    for _ in 0..600 {
        done = t.get(format!("/payroll-runs/{run}")).await.ok(200).clone();
        if done["status"] == "completed" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(done["payslips"], 240);
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
            _ => break,
        }
    }
    let expected: BTreeSet<String> = seeded.iter().map(|s| s.contract.to_string()).collect();
    assert_eq!(contracts, expected, "exactly one payslip per contract");
    let tb = t.balanced().await;
    assert_eq!(TestNode::account(&tb, "wages_payable")["balance"], "0.00", "every net paid exactly once");
    crate::common::assert_audited(&place);
    // The fund advanced every cost once: nothing the clients paid.
    let fund = t.get("/guarantee-fund").await.ok(200).clone();
    let budget_used: rust_decimal::Decimal =
        TestNode::account(&tb, "activity_budget")["debit"].as_str().unwrap().parse().unwrap();
    assert_eq!(fund["advanced"].as_str().unwrap().parse::<rust_decimal::Decimal>().unwrap(), budget_used);
    // Running it again pays nothing more.
    let again = t.post("/payroll-runs", json!({"period": "2026-06"})).await;
    assert_eq!(again.ok(200)["payslips"], 240);
    // One job paid it, attempted again after the kill, and is done.
    let jobs = t.get("/jobs?kind=payroll_run").await.ok(200).clone();
    assert_eq!(jobs["total"], 1, "{jobs}");
    let job = &jobs["items"][0];
    assert_eq!(job["key"], run.as_str());
    assert_eq!(job["state"], "done", "{job}");
    assert!(job["attempts"].as_i64().unwrap() >= 2, "resumed after the kill: {job}");
    assert_eq!(again.body["job_id"], job["id"]);
}

/// A platform with `count` enrolled couriers (w0, w1...), seeded through the
/// library on Monday 2 March 2026; returns its token.
async fn enrolled_couriers(place: &Place, count: usize) -> String {
    let node = partage::service::Node::open(place.settings_at("2026-03-02")).await.unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let (_, token) = partage::drill::platform_with_couriers(&node, count, on).await.unwrap();
    node.store.db().clone().close().await.unwrap();
    token
}

async fn sigkill_during_a_platform_batch_loses_and_doubles_nothing(db: Db) {
    let mut place = Place::new(db);
    place.extra = vec![("node.today", "2026-03-09".into())];
    let couriers = 120;
    let token = enrolled_couriers(&place, couriers).await;
    // Six days of eight one-hour delivery slots for each courier: 5,760 lines.
    let mut lines = Vec::new();
    for i in 0..couriers {
        for day in 3..=8 {
            for hour in 10..18 {
                lines.push(json!({"worker": format!("w{i}"), "date": format!("2026-03-{day:02}"),
                    "start": format!("{hour}:00"), "end": format!("{}:00", hour + 1)}));
            }
        }
    }
    let expected = lines.len();
    let batch = json!({"batch_id": "week-10", "lines": lines});
    let http = reqwest::Client::new();
    // Killed at several points of the batch's transaction (it takes about half
    // a second here); after each restart the batch is wholly absent.
    let mut killed = 0;
    for delay in [60, 200, 350] {
        let process = Process::start(&place).await;
        let url = format!("http://127.0.0.1:{}/api/v1/platform/batches", process.port);
        let send = {
            let (url, token, batch) = (url.clone(), token.clone(), batch.clone());
            tokio::spawn(async move { reqwest::Client::new().post(url).bearer_auth(token).json(&batch).send().await })
        };
        tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
        process.kill();
        if send.await.unwrap().is_ok() {
            break; // answered before the kill: the next steps check it was kept whole
        }
        killed += 1;
        let process = Process::start(&place).await;
        let t = TestNode::remote(&process);
        let stored = http.get(format!("{}/platform/batches/week-10", t.base)).bearer_auth(&token).send().await.unwrap();
        assert_eq!(stored.status(), 404, "killed after {delay} ms: nothing half-kept");
        t.balanced().await;
        process.kill();
    }
    assert!(killed > 0, "at least one kill must land before the answer");

    // Restarted, the platform sends the batch again.
    let process = Process::start(&place).await;
    let t = TestNode::remote(&process);
    let post = |b: serde_json::Value| http.post(format!("{}/platform/batches", t.base)).bearer_auth(&token).json(&b);
    let first = post(batch.clone()).send().await.unwrap();
    assert!(first.status() == 201 || first.status() == 200);
    let first: serde_json::Value = first.json().await.unwrap();
    assert_eq!(first["accepted"], expected, "{}", first["rejected"]);
    assert_eq!(first["invoices"].as_array().unwrap().len(), couriers);
    // 5,760 hours at 18.50.
    assert_eq!(first["invoiced"], "106560.00");
    let again = post(batch).send().await.unwrap();
    assert_eq!(again.status(), 200);
    assert_eq!(again.json::<serde_json::Value>().await.unwrap(), first);
    t.balanced().await;
    // Exactly one contract per line: the March run pays 2,880 of them.
    let run = t.post("/payroll-runs", json!({"period": "2026-03"})).await;
    let run = run.ok(202)["id"].as_str().unwrap().to_owned();
    let mut done = serde_json::Value::Null;
    for _ in 0..1200 {
        done = t.get(format!("/payroll-runs/{run}")).await.ok(200).clone();
        if done["status"] == "completed" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(done["payslips"], expected);
    let tb = t.balanced().await;
    assert_eq!(TestNode::account(&tb, "wages_payable")["balance"], "0.00");
    crate::common::assert_audited(&place);
}

on_both_databases!(sigkill_during_a_platform_batch_loses_and_doubles_nothing);

/// A PostgreSQL server of the test's own, in a temporary folder, so that the test may crash
/// it: every one of its processes killed with SIGKILL, and with them what they held in
/// memory (the WAL not yet written). The shared server serves the other tests.
struct OwnPostgres {
    dir: std::path::PathBuf,
    port: u16,
    server: Option<std::process::Child>,
}

impl OwnPostgres {
    /// The folder of PostgreSQL's server programs (`pg_config --bindir`, else Debian's
    /// newest `/usr/lib/postgresql/N/bin`).
    fn bin(name: &str) -> std::path::PathBuf {
        let configured = std::process::Command::new("pg_config").arg("--bindir").output().ok();
        let mut dirs: Vec<std::path::PathBuf> = configured
            .filter(|o| o.status.success())
            .map(|o| std::path::PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
            .into_iter()
            .collect();
        let mut debian: Vec<_> = std::fs::read_dir("/usr/lib/postgresql")
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path().join("bin")).collect())
            .unwrap_or_default();
        debian.sort_by_key(|p| p.parent().and_then(|v| v.file_name()?.to_str()?.parse::<u32>().ok()));
        dirs.extend(debian.into_iter().rev());
        dirs.into_iter()
            .map(|d| d.join(name))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("PostgreSQL's {name} not found: install the server (Debian: postgresql)"))
    }

    /// `program` run as the user `postgres` when the test runs as root (the server refuses root).
    fn command(program: &str) -> std::process::Command {
        let path = Self::bin(program);
        if running_as_root() {
            let mut c = std::process::Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            std::process::Command::new(path)
        }
    }

    async fn start() -> OwnPostgres {
        let dir = std::env::temp_dir().join(format!("partage-own-pg-{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        if running_as_root() {
            let owned = std::process::Command::new("chown").args(["postgres:postgres"]).arg(&dir).status().unwrap();
            assert!(owned.success(), "chown postgres {}", dir.display());
        }
        let data = dir.join("data");
        let init = Self::command("initdb")
            .args(["-A", "trust", "-U", "postgres", "--no-sync", "-D"])
            .arg(&data)
            .output()
            .unwrap();
        assert!(init.status.success(), "initdb: {}", String::from_utf8_lossy(&init.stderr));
        let mut pg = OwnPostgres { dir, port: partage_federation_tests::free_port(), server: None };
        pg.run().await;
        pg
    }

    /// Starts the server on the folder's data (after a crash: with its recovery) and waits for it.
    /// A server that exits at once is started again: after a crash, it refuses to start while a
    /// killed backend still holds the old shared memory.
    async fn run(&mut self) {
        use std::os::unix::process::CommandExt;
        let log = self.dir.join("log");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while std::time::Instant::now() < deadline {
            if self.server.as_mut().is_none_or(|s| s.try_wait().ok().flatten().is_some()) {
                let out = std::fs::OpenOptions::new().create(true).append(true).open(&log).unwrap();
                let mut c = Self::command("postgres");
                c.arg("-D").arg(self.dir.join("data")).arg("-k").arg(&self.dir);
                c.args(["-p", &self.port.to_string(), "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=60"]);
                // Its own process group, so that one signal reaches the server and every backend.
                c.process_group(0).stdout(std::process::Stdio::null()).stderr(out);
                self.server = Some(c.spawn().unwrap());
            }
            if sea_orm::Database::connect(self.url()).await.is_ok() {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let said = std::fs::read_to_string(&log).unwrap_or_default();
        let tail: Vec<&str> = said.lines().rev().take(20).collect();
        panic!("the test's own PostgreSQL did not start within 60 s; its log ends:\n{}", tail.join("\n"));
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// SIGKILL to the server and every backend at once: a crash of the database server.
    fn crash(&mut self) {
        if let Some(mut server) = self.server.take() {
            let group = format!("-{}", server.id());
            let killed = std::process::Command::new("kill").args(["-KILL", "--", &group]).status().unwrap();
            assert!(killed.success(), "kill -KILL {group}");
            server.wait().unwrap();
            // Until every backend of the group is gone (`kill -0` finds none).
            for _ in 0..300 {
                let alive = std::process::Command::new("kill")
                    .args(["-0", "--", &group])
                    .stderr(std::process::Stdio::null())
                    .status();
                if !alive.is_ok_and(|s| s.success()) {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        }
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        self.crash();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn running_as_root() -> bool {
    std::process::Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// On PostgreSQL an issue commits without waiting for the disk, so that the next issue
/// need not wait for its sync to take the series' row (`storage::defer_sync`); it answers
/// only once its commit is on disk. A crash of the database server in the middle of the
/// issues must therefore lose no invoice whose number was answered, and leave no gap.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_database_crash_while_issuing_loses_no_answered_invoice() {
    let mut pg = OwnPostgres::start().await;
    let mut place = Place::new(Db::Postgres);
    place.url = pg.url();
    let process = Process::start(&place).await;
    let t = TestNode::remote(&process);
    let drafts = Arc::new(three_hundred_drafts(&t, "pgcrash@example.org").await);
    // Eight clients issue as fast as they can and keep every number they are answered.
    let (answered, workers) = issuing(&t, &drafts, 60).await;
    pg.crash();
    join_all(workers).await;
    process.kill();
    let answered = answered.lock().unwrap().clone();
    assert!(answered.len() >= 60, "only {} issued before the deadline", answered.len());

    pg.run().await;
    let process = Process::start(&place).await;
    let t = TestNode::remote(&process);
    for (id, number) in &answered {
        let invoice = t.get(format!("/invoices/{id}")).await.ok(200).clone();
        assert_eq!(invoice["status"], "issued", "invoice {id} was answered {number}, then lost: {invoice}");
        assert_eq!(invoice["number"], number.as_str(), "invoice {id}");
    }
    let numbers = issued_numbers(&t).await;
    let k = numbers.len() as u64;
    assert_eq!(numbers, (1..=k).collect::<BTreeSet<u64>>(), "a gap after the database's crash");
    let tb = t.balanced().await;
    assert_eq!(tb["entries"], 2 + k, "one journal entry per issued invoice");
    crate::common::assert_audited(&place);
    // The node goes on from where the database stopped.
    let rest = join_all(drafts.iter().map(|id| t.post(format!("/invoices/{id}/issue"), json!(null)))).await;
    assert_eq!(rest.iter().filter(|r| r.status == 200).count() as u64, 300 - k);
    assert_eq!(issued_numbers(&t).await, (1..=300).collect::<BTreeSet<u64>>());
}
