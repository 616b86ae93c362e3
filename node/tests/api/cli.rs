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
        .env("PARTAGE__API__TOKEN", "a-long-enough-token-123")
        .env("PARTAGE__FEE__RATE", "six percent")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("configuration key fee.rate: 'six percent' is not a decimal number"), "{err}");
    assert!(!dir.exists(), "nothing is created before the configuration is valid");
}

#[test]
fn serving_without_a_token_is_refused() {
    let out = partage().args(["serve"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("configuration key api.token"), "{err}");
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
