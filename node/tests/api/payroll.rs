//! Payroll simulations and the pack's parameters through the API and the CLI.

use crate::common::{start, Db};
use serde_json::json;

#[tokio::test]
async fn a_simulation_from_a_gross_gives_the_golden_payslip() {
    let t = start(Db::Sqlite).await;
    // golden/be/employee-2025-01.csv, case be-2025-01-a.
    let r = t.post("/simulations", json!({"country": "be", "date": "2025-01-15", "gross": "3000.00"})).await;
    let v = r.ok(200);
    assert_eq!(v["gross"], "3000.00");
    assert_eq!(v["employee_social"], "392.10");
    assert_eq!(v["social_work_bonus"], "50.66");
    assert_eq!(v["taxable"], "2658.56");
    assert_eq!(v["withholding_tax"], "448.45");
    assert_eq!(v["special_social_contribution"], "19.24");
    assert_eq!(v["net"], "2190.87");
    assert_eq!(v["employer_social"], "750.00");
    assert_eq!(v["employer_cost"], "4350.00", "1.45 x gross, the default coefficient");
    let lines = v["lines"].as_array().unwrap();
    let social = lines.iter().find(|l| l["code"] == "employee_social").unwrap();
    assert_eq!(social["rate"], "0.1307");
    assert_eq!(social["base"], "3000.00");
    assert!(lines.iter().all(|l| !l["source"].as_str().unwrap().is_empty()));
    let fr = t
        .post("/simulations", json!({"country": "be", "date": "2025-01-15", "gross": "3000.00", "language": "fr"}))
        .await;
    let fr_lines = fr.ok(200)["lines"].as_array().unwrap().clone();
    let tax = fr_lines.iter().find(|l| l["code"] == "withholding_tax").unwrap();
    assert_eq!(tax["label"], "Précompte professionnel");
    t.post("/simulations", json!({"country": "be", "date": "2025-01-15", "gross": "3000.00", "language": "xx"}))
        .await
        .problem(422, "invalid-field");
}

#[tokio::test]
async fn a_budget_and_a_net_come_back_to_themselves() {
    let t = start(Db::Sqlite).await;
    let b = t.post("/simulations", json!({"country": "be", "date": "2026-05-10", "budget": "5000.00", "worker": "manual", "family": "married-one-income", "children": 2})).await;
    let v = b.ok(200).clone();
    assert_eq!(v["budget"], "5000.00");
    let cost: rust_decimal::Decimal = v["employer_cost"].as_str().unwrap().parse().unwrap();
    assert!(cost <= rust_decimal_macros::dec!(5000.00) && cost > rust_decimal_macros::dec!(4998.54), "{cost}");
    let n = t.post("/simulations", json!({"country": "be", "date": "2026-05-10", "net": v["net"], "worker": "manual", "family": "married-one-income", "children": 2})).await;
    assert_eq!(n.ok(200)["net"], v["net"]);
}

#[tokio::test]
async fn bad_simulations_are_clear_problems() {
    let t = start(Db::Sqlite).await;
    let sim = |body: serde_json::Value| t.post("/simulations", body);
    let d =
        sim(json!({"country": "be", "date": "2020-06-01", "gross": "3000.00"})).await.problem(422, "date-not-covered");
    assert!(d.contains("2020-06-01"), "{d}");
    sim(json!({"country": "be", "date": "2025-06-01", "gross": "-1.00"})).await.problem(422, "negative-amount");
    let d =
        sim(json!({"country": "be", "date": "2025-06-01", "gross": "50000000.00"})).await.problem(422, "absurd-amount");
    assert!(d.contains("at most 100000.00 EUR"), "{d}");
    let d = sim(json!({"country": "be", "date": "2025-06-01", "gross": "3000.00", "worker": "pilot"}))
        .await
        .problem(422, "unknown-worker-kind");
    assert!(d.contains("white-collar, manual, artist"), "{d}");
    sim(json!({"country": "be", "date": "2025-06-01", "gross": "3000.00", "family": "polyamorous"}))
        .await
        .problem(422, "invalid-field");
    sim(json!({"country": "be", "date": "2025-06-01", "gross": "3000.00", "part_time": "1.5"}))
        .await
        .problem(422, "bad-part-time");
    sim(json!({"country": "be", "date": "2025-06-01", "gross": "3000.00", "net": "2000.00"}))
        .await
        .problem(422, "invalid-field");
    let d = sim(json!({"country": "xx", "date": "2025-06-01", "gross": "3000.00"})).await.problem(422, "invalid-field");
    assert!(d.contains("available: be, fr"), "{d}");
    sim(json!({"country": "fr", "date": "2025-06-01", "gross": "3000.00", "contract": "forever"}))
        .await
        .problem(422, "invalid-field");
    sim(json!({"country": "be", "date": "2025-06-01", "gross": "3000.001"})).await.problem(422, "invalid-field");
}

#[tokio::test]
async fn the_parameters_in_force_are_listed_with_validity_and_source() {
    let t = start(Db::Sqlite).await;
    let r = t.get("/packs/be/parameters?date=2025-03-01").await;
    let v = r.ok(200);
    assert_eq!(v["date"], "2025-03-01");
    let params = v["parameters"].as_array().unwrap();
    let rate = params.iter().find(|p| p["name"] == "payroll.social_security.employee_rate").unwrap();
    assert_eq!(rate["value"], "0.1307");
    let bonus = params.iter().find(|p| p["name"] == "payroll.work_bonus.white_collar").unwrap();
    assert_eq!(bonus["from"], "2025-02-01");
    assert!(params.iter().all(|p| !p["source"].as_str().unwrap().is_empty()));
    // What a reader sees is a legal reference, never a folder outside the repository.
    assert!(params.iter().all(|p| !p["source"].as_str().unwrap().contains("shared/")), "{params:?}");
    let rate_source = rate["source"].as_str().unwrap();
    assert!(rate_source.starts_with("NSSO") && rate_source.contains("https://onss.fgov.be/"), "{rate_source}");
    assert!(params.len() >= 16, "{}", params.len());
    t.get("/packs/xx/parameters").await.problem(404, "not-found");
    t.get("/packs/be/parameters?date=yesterday").await.problem(400, "bad-query");
}

#[test]
fn the_simulate_command_prints_json_and_refuses_bad_input() {
    let run = |args: &[&str]| std::process::Command::new(env!("CARGO_BIN_EXE_partage")).args(args).output().unwrap();
    let out = run(&["simulate", "--date", "2025-01-15", "--gross", "3500", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // golden/be/employee-2025-01.csv, case be-2025-01-c.
    assert_eq!(v["net"], "2380.24");
    assert_eq!(v["withholding_tax"], "637.57");
    for (args, message) in [
        (&["simulate", "--date", "2019-01-15", "--gross", "3500"][..], "has no value on 2019-01-15"),
        (&["simulate", "--date", "2025-01-15", "--gross=-3"][..], "must not be negative"),
        (&["simulate", "--date", "2025-01-15", "--gross", "1e9"][..], "not a decimal"),
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(message),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = run(&["simulate", "--date", "2025-01-15", "--gross", "3500", "--worker", "pilot"]);
    assert_eq!(out.status.code(), Some(2), "clap refuses an unknown worker kind");
}

/// A Belgian node simulates a French payslip with the French pack's defaults and the
/// request's employer: modele-social 11.1 (URSSAF's simulator rules), 2026-02-01, 3000 gross,
/// fewer than 11 employees: net 2374.79, coût 3951.78, RGDU 299.70 (country-packs/fr/tests/golden.rs).
#[tokio::test]
async fn a_belgian_node_simulates_a_french_payslip_both_ways() {
    let t = start(Db::Sqlite).await;
    let base = json!({"country": "fr", "date": "2026-02-01", "gross": "3000.00", "company_size": 10});
    let v = t.post("/simulations", base).await.ok(200).clone();
    assert_eq!(v["country"], "FR");
    assert_eq!(v["net"], "2374.79");
    assert_eq!(v["employer_cost"], "3951.78");
    assert_eq!(v["general_reduction"], "299.70");
    assert_eq!(v["net_taxable"], "2460.27");
    assert_eq!(v["csg_crds"], "285.91");
    let n = t
        .post("/simulations", json!({"country": "fr", "date": "2026-02-01", "net": "2374.79", "company_size": 10}))
        .await
        .ok(200)
        .clone();
    assert_eq!(n["gross"], "3000.00");
    let cdd = json!({"country": "fr", "date": "2026-02-01", "gross": "2500.00", "company_size": 49,
        "contract": "fixed-term", "language": "fr"});
    let c = t.post("/simulations", cdd).await.ok(200).clone();
    assert_eq!(c["end_of_contract_indemnity"], "250.00");
    assert_eq!(c["employer_cost"], "3579.02");
    let label = c["lines"].as_array().unwrap().iter().find(|l| l["code"] == "net_taxable").unwrap()["label"].clone();
    assert_eq!(label, "Net imposable");
}

#[test]
fn the_simulate_command_takes_a_french_contract() {
    let run = |args: &[&str]| std::process::Command::new(env!("CARGO_BIN_EXE_partage")).args(args).output().unwrap();
    let out = run(&[
        "simulate",
        "--country",
        "fr",
        "--date",
        "2026-02-01",
        "--gross",
        "2500",
        "--contract",
        "cdd",
        "--end-of-contract-indemnity",
        "no",
        "--company-size",
        "49",
        "--json",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["end_of_contract_indemnity"], "0.00");
    assert!(v["lines"].as_array().unwrap().iter().any(|l| l["code"] == "cpf_fixed_term_employer"));
    let out = run(&[
        "simulate",
        "--country",
        "fr",
        "--date",
        "2026-02-01",
        "--budget",
        "3951.78",
        "--company-size",
        "10",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["gross"], "3000.00");
}

#[tokio::test]
async fn a_simulation_takes_the_employers_profile_the_time_worked_and_disability() {
    let t = start(Db::Sqlite).await;
    let line = |v: &serde_json::Value, code: &str| {
        v["lines"].as_array().unwrap().iter().find(|l| l["code"] == code).map(|l| l["amount"].clone())
    };
    // The node's profile (the defaults: a commercial employer under 10 workers).
    let base = json!({"country": "be", "date": "2026-11-15", "gross": "2500.00"});
    let v = t.post("/simulations", base.clone()).await.ok(200).clone();
    assert_eq!((v["employer_workers"].clone(), v["commercial"].clone()), (json!(0), json!(true)));
    assert_eq!(line(&v, "closing_fund"), Some(json!("8.50")), "0.34 % under 20 workers in 2026");
    assert_eq!(line(&v, "ten_workers_contribution"), None);
    // November 2026, 21 weekdays: S = 2,500 × 3.10 = 7,750.00; R = 551.28 + 318.10; ÷ 3.
    assert_eq!(v["structural_reduction"], "289.79");
    // 25 workers: 0.39 % and the 1.69 % of employers with 10 workers or more.
    let mut big = base.clone();
    big["employer_workers"] = json!(25);
    big["joint_committee"] = json!("200");
    let v = t.post("/simulations", big).await.ok(200).clone();
    assert_eq!(line(&v, "closing_fund"), Some(json!("9.75")));
    assert_eq!(line(&v, "ten_workers_contribution"), Some(json!("42.25")));
    assert_eq!(v["joint_committee"], "200");
    let mut non_profit = base.clone();
    non_profit["commercial"] = json!(false);
    assert_eq!(line(t.post("/simulations", non_profit).await.ok(200), "closing_fund"), Some(json!("0.25")));
    // The worker's own disability: 52.00 less withholding a month (Annex III 2026).
    let mut disabled = base.clone();
    disabled["disabled"] = json!(true);
    let d = t.post("/simulations", disabled).await.ok(200).clone();
    assert_eq!(line(&d, "withholding_reductions"), Some(json!("-52.00")));
    // A 2-hour artist contract of one day (the figures of short_contracts.rs).
    let short = json!({"country": "be", "date": "2026-03-10", "gross": "413.79", "worker": "artist", "hours": "2", "days": "1"});
    let s = t.post("/simulations", short).await.ok(200).clone();
    assert_eq!((s["withholding_tax"].clone(), s["net"].clone()), (json!("139.26"), json!("216.12")));
    let mut bad = base.clone();
    bad["joint_committee"] = json!("20");
    let detail = t.post("/simulations", bad).await.problem(422, "invalid-field");
    assert!(detail.contains("joint committee"), "{detail}");
    let mut bad = base;
    bad["hours"] = json!("0");
    t.post("/simulations", bad).await.problem(422, "invalid-field");
}

#[test]
fn the_simulate_command_takes_the_employer_profile_and_disability() {
    let run = |args: &[&str]| std::process::Command::new(env!("CARGO_BIN_EXE_partage")).args(args).output().unwrap();
    let out = run(&[
        "simulate",
        "--date",
        "2026-11-15",
        "--gross",
        "2500",
        "--employer-workers",
        "25",
        "--commercial",
        "yes",
        "--joint-committee",
        "200",
        "--disabled",
        "--json",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["employer_workers"], 25);
    assert_eq!(v["joint_committee"], "200");
    let lines = v["lines"].as_array().unwrap();
    let amount = |code: &str| lines.iter().find(|l| l["code"] == code).map(|l| l["amount"].clone());
    assert_eq!(amount("ten_workers_contribution"), Some(json!("42.25")));
    assert_eq!(amount("withholding_reductions"), Some(json!("-52.00")));
    let out = run(&["simulate", "--date", "2026-11-15", "--gross", "2500", "--commercial", "maybe"]);
    assert_eq!(out.status.code(), Some(2), "clap refuses anything but yes or no");
}
