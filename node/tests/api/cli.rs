//! The `partage` command as a user runs it: help, and a bad configuration
//! stopping start-up with a message naming the key.

use std::process::Command;

fn partage() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_partage"));
    // The caller's own configuration must not leak into these tests.
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("PARTAGE")) {
        cmd.env_remove(key);
    }
    cmd
}

#[test]
fn every_command_has_help() {
    for args in [&["--help"][..], &["serve", "--help"], &["migrate", "--help"], &["demo", "--help"]] {
        let out = partage().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Usage: partage"), "{args:?}: {text}");
    }
    let demo = String::from_utf8(partage().args(["demo", "--help"]).output().unwrap().stdout).unwrap();
    assert!(demo.contains("--members"), "{demo}");
}

#[test]
fn a_bad_configuration_value_stops_start_up_naming_its_key() {
    let dir = std::env::temp_dir().join(format!("partage-cli-{}", uuid::Uuid::now_v7().simple()));
    let out = partage()
        .args(["serve"])
        .env("PARTAGE__NODE__DATA_DIR", &dir)
        .env("PARTAGE__FEE__RATE", "six percent")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("configuration key fee.rate: 'six percent' is not a decimal number"), "{err}");
    assert!(!dir.exists(), "nothing is created before the configuration is valid");
}

#[test]
fn the_old_shared_token_stops_start_up_naming_what_replaces_it() {
    let out = partage().args(["serve"]).env("PARTAGE__API__TOKEN", "a-long-enough-token-123").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("configuration key api.token") && err.contains("admin bootstrap"), "{err}");
}

#[test]
fn bootstrap_prints_an_admin_token_once_and_stores_only_its_hash() {
    let dir = std::env::temp_dir().join(format!("partage-cli-{}", uuid::Uuid::now_v7().simple()));
    let out = partage()
        .args(["admin", "bootstrap", "--email", "ada@example.org"])
        .env("PARTAGE__NODE__DATA_DIR", &dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let token = String::from_utf8(out.stdout).unwrap().lines().last().unwrap().trim().to_owned();
    assert_eq!(token.len(), 64, "{token}");
    let stored = std::fs::read(dir.join("partage.sqlite")).unwrap_or_default();
    assert!(!stored.windows(token.len()).any(|w| w == token.as_bytes()), "the token itself is not stored");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_configuration_file_is_read_and_the_environment_overrides_it() {
    let dir = std::env::temp_dir().join(format!("partage-cli-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("partage.toml");
    std::fs::write(&file, format!("[node]\ndata_dir = \"{}\"\n[http]\nbind = \"nowhere\"\n", dir.display())).unwrap();
    let out = partage().args(["--config", file.to_str().unwrap(), "migrate"]).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("configuration key http.bind"), "{err}");
    let out = partage()
        .args(["--config", file.to_str().unwrap(), "migrate"])
        .env("PARTAGE__HTTP__BIND", "127.0.0.1:9999")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.join("partage.sqlite").exists());
    let missing = partage().args(["--config", "/no/such/file.toml", "migrate"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The Take Eat Easy drill: 400 couriers invoiced to a platform that goes
/// bankrupt; each courier is paid by the fund's advance within the deadline.
#[test]
fn the_platform_bankruptcy_drill_pays_every_courier_and_books_the_loss() {
    let out = partage().args(["drill", "platform-bankruptcy", "--couriers", "400", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["couriers"], 400);
    assert_eq!(r["paid"], 400);
    assert_eq!(r["paid_within_deadline"], 400);
    // Work ended Wednesday 3 June 2026, paid Friday 5 June: two working days.
    assert_eq!(r["latest_payment_working_days"], 2);
    assert_eq!(r["journal_balanced"], true);
    let d = |k: &str| r[k].as_str().unwrap().parse::<rust_decimal::Decimal>().unwrap();
    // Each courier's budget is 140.25; its whole employer cost was advanced and is lost.
    let per_courier = d("fund_loss") / rust_decimal::Decimal::from(400);
    assert!(per_courier > "135".parse().unwrap() && per_courier <= "140.25".parse().unwrap(), "{per_courier}");
    // The fund loses the advances and its own share of the unpaid fees (150.00 x 6.5 % x 25 % = 2.44 each).
    assert_eq!(d("fund_before") - d("fund_after"), d("fund_loss") + "976.00".parse::<rust_decimal::Decimal>().unwrap());
    assert!(d("coverage_before") > rust_decimal::Decimal::ONE);
    // After the loss, the fund covers the stagehands' open advances more times over.
    assert!(d("coverage_after") > d("coverage_before"), "{r}");
    assert!(r["coverage_definition"].as_str().unwrap().starts_with("coverage ="), "{r}");
    // Every movement of the fund is reported: the bankruptcy's add up to the fall of the balance.
    let bankruptcy = &r["fund"][1];
    let moved: rust_decimal::Decimal = bankruptcy["movements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["amount"].as_str().unwrap().parse::<rust_decimal::Decimal>().unwrap())
        .sum();
    assert_eq!(moved, d("fund_after") - d("fund_before"), "{r}");
}

#[test]
fn a_drill_with_bad_options_says_what_is_wrong() {
    let out = partage().args(["drill", "platform-bankruptcy", "--couriers", "0"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--couriers"));
    let out = partage().args(["drill", "platform-bankruptcy", "--fund-reserve", "lots"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--fund-reserve"));
}

#[test]
fn the_demo_builds_a_year_of_invoices_and_the_last_weeks_of_work_and_wages() {
    let dir = std::env::temp_dir().join(format!("partage-demo-{}", uuid::Uuid::now_v7().simple()));
    let out = partage()
        .args(["demo", "--members", "150", "--seed", "7", "--no-serve", "--data-dir"])
        .arg(&dir)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    // Issue 14: stderr is a pipe here, as in CI, so no progress line is drawn.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains('\r') && !stderr.contains("members 150/150"), "no progress off a terminal: {stderr:?}");
    let line = |label: &str| {
        text.lines().find(|l| l.trim_start().starts_with(label)).unwrap_or_else(|| panic!("{label}: {text}")).to_owned()
    };
    assert!(line("trial balance").ends_with("sums to 0.00"), "{text}");
    // "payslips  N in R payroll run(s), M paid within 7 working days": every one on time.
    let payslips = line("payslips");
    let numbers: Vec<u64> = payslips.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    assert_eq!(numbers.len(), 4, "{payslips}");
    assert!(numbers[0] > 0, "{payslips}");
    assert_eq!(numbers[0], numbers[2], "all paid within the deadline: {payslips}");
    let contracts = line("contracts");
    let c: Vec<u64> = contracts.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    assert_eq!(numbers[0], c[0] + c[1], "one payslip per declared contract and platform shift: {contracts}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_french_demo_hires_pays_and_balances_through_the_same_operations() {
    let dir = std::env::temp_dir().join(format!("partage-demo-fr-{}", uuid::Uuid::now_v7().simple()));
    let out = partage()
        .args(["demo", "--country", "fr", "--members", "120", "--seed", "7", "--no-serve", "--data-dir"])
        .arg(&dir)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    let line = |label: &str| {
        text.lines().find(|l| l.trim_start().starts_with(label)).unwrap_or_else(|| panic!("{label}: {text}")).to_owned()
    };
    assert!(line("trial balance").ends_with("sums to 0.00"), "{text}");
    let payslips = line("payslips");
    let numbers: Vec<u64> = payslips.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    assert!(numbers.first().is_some_and(|n| *n > 0), "{payslips}");
    assert_eq!(numbers.first(), numbers.get(2), "all paid within the deadline: {payslips}");
    // Every French contract states the worker's classification (R3243-1, 4°), so the
    // demo's payslips and contracts show that line filled in.
    let url = format!("sqlite://{}?mode=ro", dir.join("partage.sqlite").display());
    let (contracts, unclassified) = tokio::runtime::Runtime::new().unwrap().block_on(async {
        use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
        let db = Database::connect(&url).await.unwrap();
        let count = |sql: &str| {
            let statement = Statement::from_string(DbBackend::Sqlite, sql);
            let db = &db;
            async move { db.query_one(statement).await.unwrap().unwrap().try_get_by_index::<i64>(0).unwrap() }
        };
        let all = count("SELECT count(*) FROM contracts").await;
        let none = count("SELECT count(*) FROM contracts WHERE coalesce(classification, '') = ''").await;
        db.close().await.unwrap();
        (all, none)
    });
    assert!(contracts > 0 && unclassified == 0, "{unclassified} of {contracts} contracts without classification");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A fresh, empty directory to stand for the system's temporary directory (`TMPDIR`),
/// so a test sees everything a demo leaves behind.
fn empty_tmpdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("partage-cli-tmp-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn entries(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
}

#[test]
fn a_demo_on_a_busy_port_stops_at_once_naming_the_port_and_leaves_nothing_behind() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = busy.local_addr().unwrap().to_string();
    let tmp = empty_tmpdir();
    let started = std::time::Instant::now();
    // 2,000 members take minutes to build: a quick exit proves the port is tried first.
    let out = partage().args(["demo", "--members", "2000", "--bind", &address]).env("TMPDIR", &tmp).output().unwrap();
    let elapsed = started.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(elapsed < std::time::Duration::from_secs(5), "took {elapsed:?}");
    assert!(err.contains(&format!("cannot listen on {address}")), "{err}");
    assert!(err.contains("--bind"), "the message says how to choose another address: {err}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("serving") && !stdout.contains("token"), "no URL nor token printed: {stdout}");
    assert!(entries(&tmp).is_empty(), "nothing left behind: {:?}", entries(&tmp));
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn a_demo_removes_the_temporary_data_it_made_unless_kept() {
    let tmp = empty_tmpdir();
    let out = partage().args(["demo", "--members", "10", "--no-serve"]).env("TMPDIR", &tmp).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("removed when the demo stops; --keep keeps it"), "it says where its data lives: {text}");
    assert!(text.contains("removed the demo's data directory"), "{text}");
    assert!(entries(&tmp).is_empty(), "{:?}", entries(&tmp));

    let out = partage().args(["demo", "--members", "10", "--no-serve", "--keep"]).env("TMPDIR", &tmp).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let kept = entries(&tmp);
    assert_eq!(kept.len(), 1, "{kept:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("data directory: {}", tmp.join(&kept[0]).display())), "{text}");
    assert!(tmp.join(&kept[0]).join("partage.sqlite").exists());
    let _ = std::fs::remove_dir_all(&tmp);
}

/// Serving, then SIGTERM (what Ctrl-C or a service manager sends): the demo stops
/// cleanly and removes its temporary data directory.
#[cfg(unix)]
#[test]
fn a_serving_demo_stopped_by_sigterm_removes_its_temporary_data() {
    use std::io::BufRead;
    let tmp = empty_tmpdir();
    let mut child = partage()
        .args(["demo", "--members", "10", "--bind", "127.0.0.1:0"])
        .env("TMPDIR", &tmp)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let serving = lines.by_ref().map(Result::unwrap).find(|l| l.starts_with("serving http://127.0.0.1:"));
    assert!(serving.is_some(), "the demo never said it was serving");
    assert_eq!(entries(&tmp).len(), 1, "its data directory exists while it serves");
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    assert!(rest.iter().any(|l| l.starts_with("removed the demo's data directory")), "{rest:?}");
    assert!(entries(&tmp).is_empty(), "{:?}", entries(&tmp));
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn figures_publish_queues_a_months_revision_once_and_refuses_a_bad_month() {
    let dir = std::env::temp_dir().join(format!("partage-cli-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = |month: &str| {
        partage()
            .args(["figures", "publish", "--month", month])
            .env("PARTAGE__NODE__DATA_DIR", dir.to_str().unwrap())
            .output()
            .unwrap()
    };
    let first = run("2026-02");
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert_eq!(String::from_utf8(first.stdout).unwrap().trim(), "2026-02: revision 1 queued for HQ");
    let again = run("2026-02");
    assert_eq!(String::from_utf8(again.stdout).unwrap().trim(), "2026-02: unchanged since revision 1, nothing to send");
    let bad = run("2026-13");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8(bad.stderr).unwrap().contains("--month '2026-13' is not YYYY-MM"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `partage demo --group`: real nats-server hub and leaves, a Belgian and a French office
/// and HQ, whose group report counts both offices' members (as each office's summary
/// counted them); SIGTERM stops every part and removes the temporary data.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_group_demo_serves_two_offices_and_hq_whose_report_counts_both() {
    use std::io::BufRead;
    let tmp = empty_tmpdir();
    let mut child = partage()
        .args(["demo", "--group", "--members", "20", "--bind", "127.0.0.1:0"])
        .env("TMPDIR", &tmp)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // A failing assertion must not leave the demo and its nats-servers running: SIGTERM it
    // (it then stops its servers and removes its data) when the test panics.
    struct Terminate(u32);
    impl Drop for Terminate {
        fn drop(&mut self) {
            if std::thread::panicking() {
                let _ = Command::new("kill").args(["-TERM", &self.0.to_string()]).status();
            }
        }
    }
    let _terminate = Terminate(child.id());
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut members = 0u64;
    let mut hq = None;
    let mut offices = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        // "  members          18 (+2 applicants)", once per office's summary.
        if let Some(rest) = line.trim_start().strip_prefix("members ") {
            members += rest.split_whitespace().next().unwrap().parse::<u64>().unwrap();
        }
        let served = |prefix: &str| {
            let rest = line.strip_prefix(prefix)?;
            let (url, token) = rest.split_once("  (token: ")?;
            Some((url.to_owned(), token.trim_end_matches(')').to_owned()))
        };
        if let Some(o) = served("be office: serving ").or_else(|| served("fr office: serving ")) {
            offices.push(o);
        }
        if let Some(h) = served("HQ: serving ") {
            hq = Some(h);
        }
        if line.starts_with("data directory:") {
            break;
        }
    }
    let (hq_url, hq_token) = hq.expect("the group demo never said where HQ serves");
    assert_eq!(offices.len(), 2, "{offices:?}");
    assert!(members >= 30, "two offices of about 20 members: {members}");
    let http = reqwest::Client::new();
    // Each office answers with its own token.
    for (url, token) in &offices {
        let res = http.get(format!("{url}/members?limit=1")).bearer_auth(token).send().await.unwrap();
        assert_eq!(res.status(), 200, "{url}");
    }
    // This month's figures reach HQ from both offices through the hub.
    let month = chrono::Utc::now().format("%Y-%m").to_string();
    let started = std::time::Instant::now();
    let report = loop {
        let res = http.get(format!("{hq_url}/report/{month}")).bearer_auth(&hq_token).send().await.unwrap();
        if res.status() == 200 {
            let body: serde_json::Value = res.json().await.unwrap();
            // Enrolled nodes are listed at once; their figures come with a revision.
            if body["nodes"].as_array().is_some_and(|n| n.len() == 2 && n.iter().all(|n| n["revision"].is_u64())) {
                break body;
            }
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(90), "HQ never had both offices' figures");
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    };
    let nodes: Vec<&str> = report["nodes"].as_array().unwrap().iter().map(|n| n["node"].as_str().unwrap()).collect();
    assert_eq!(nodes, ["be", "fr"]);
    assert_eq!(report["total"]["members_active"].as_u64(), Some(members), "{report}");

    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    assert!(rest.iter().any(|l| l.starts_with("removed the demo's data directory")), "{rest:?}");
    assert!(entries(&tmp).is_empty(), "{:?}", entries(&tmp));
    let _ = std::fs::remove_dir_all(&tmp);
}
