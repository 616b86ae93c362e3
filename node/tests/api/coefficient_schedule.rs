//! The employer-cost coefficient's schedule: an admin changes it from a later day, by API and
//! by page; a contract keeps the coefficient of the day it was made, so payroll pays it at
//! that one and its payslip's employer cost is the budget it was given; a contract made from
//! the change's day, and a simulation run then, take the new one.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use crate::pages::{assert_translated, page, post_form, session};
use partage::auth::Role;
use serde_json::{json, Value};
use std::time::Duration;

fn change(valid_from: &str, coefficient: &str) -> Value {
    json!({"valid_from": valid_from, "coefficient": coefficient, "reason": "General assembly of 20 February 2026"})
}

fn line<'a>(slip: &'a Value, code: &str) -> &'a Value {
    slip["lines"].as_array().unwrap().iter().find(|l| l["code"] == code).unwrap_or_else(|| panic!("{code}: {slip}"))
}

/// A declaration of two hours on `day`, validated on the node's day: its contract.
async fn contract(t: &TestNode, activity: &str, budget: &str, day: &str) -> Value {
    let body = json!({"activity_id": activity, "function": "Musician", "place": "Flagey, Brussels", "risks": [],
        "worker_category": "artist", "budget": budget, "currency": "EUR", "work_country": "BE",
        "periods": [{"date": day, "start": "14:00", "end": "16:00"}]});
    let id = t.post("/work-declarations", body).await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/work-declarations/{id}/validate"), json!(null)).await.ok(200)["contract"].clone()
}

async fn a_contract_is_paid_at_the_coefficient_it_was_made_with(db: Db) {
    let t = start(db).await; // Monday 2 March 2026
    let member = t.member("coefficient@example.org").await;
    t.put(format!("/members/{member}/identity"), json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30"}))
        .await
        .ok(200);
    t.put(format!("/members/{member}/payroll"), json!({"iban": "BE68 5390 0754 7034", "family": "single"}))
        .await
        .ok(200);
    let activity = t.activity(&member, "Recital").await;
    let client = t.belgian_client().await;
    let invoice = t.draft(&activity, &client, "1000.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    let settings = t.get("/settings/coefficient/changes").await.ok(200).clone();
    assert_eq!(
        (settings["coefficient"].as_str(), settings["configured_coefficient"].as_str()),
        (Some("1.45"), Some("1.45"))
    );
    assert_eq!((settings["in_force"].clone(), settings["changes"].clone()), (Value::Null, json!([])));

    // Made today, at the configuration's 1.45: 600.00 / 1.45 = 413.79.
    let before = contract(&t, &activity, "600.00", "2026-03-10").await;
    assert_eq!(before["gross"], "413.79");
    let made = t.post("/settings/coefficient/changes", change("2026-03-04", "1.6000")).await.ok(201).clone();
    assert_eq!(
        (made["coefficient"].as_str(), made["changed_by"].as_str()),
        (Some("1.6"), Some("API token test harness"))
    );
    let settings = t.get("/settings/coefficient/changes").await.ok(200).clone();
    assert_eq!(settings["coefficient"], "1.45", "a change is not in force on the day it is recorded");
    assert_eq!(settings["changes"][0]["valid_from"], "2026-03-04");
    let simulated = json!({"country": "be", "date": "2026-03-15", "gross": "1000.00"});
    assert_eq!(t.post("/simulations", simulated.clone()).await.ok(200)["employer_cost"], "1450.00");

    // From the change's day, a contract is made at 1.60 (300.00 / 1.60 = 187.50), and a
    // simulation runs at it.
    let later = t.on_day("2026-03-04").await;
    let settings = later.get("/settings/coefficient/changes").await.ok(200).clone();
    assert_eq!(
        (settings["coefficient"].as_str(), settings["in_force"]["valid_from"].as_str()),
        (Some("1.6"), Some("2026-03-04"))
    );
    let after = contract(&later, &activity, "300.00", "2026-03-11").await;
    assert_eq!(after["gross"], "187.50");
    let sim = later.post("/simulations", simulated).await.ok(200).clone();
    assert_eq!(sim["employer_cost"], "1600.00");
    assert_eq!(line(&sim, "employer_cost")["rate"], "1.6");

    // Paid after the change, each at its own coefficient: its employer cost is its budget.
    let paid = t.on_day("2026-03-13").await;
    let r = paid.post("/payroll-runs", json!({"period": "2026-03"})).await;
    assert!(r.status == 202 || r.status == 200, "{}", r.text);
    let run = r.body["id"].as_str().unwrap().to_owned();
    for _ in 0..400 {
        if paid.get(format!("/payroll-runs/{run}")).await.ok(200)["status"] == "completed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let slips = paid.get(format!("/payroll-runs/{run}/payslips")).await.ok(200).as_array().unwrap().clone();
    let slip_of = |k: &Value| slips.iter().find(|s| s["contract_id"] == k["id"]).unwrap_or_else(|| panic!("{k}"));
    let old = slip_of(&before);
    // 413.79 × 1.45 = 599.9955: 600.00, where 1.60 would have charged 662.06.
    assert_eq!((old["gross"].as_str(), old["employer_cost"].as_str()), (Some("413.79"), Some("600.00")));
    assert_eq!(line(old, "employer_cost")["rate"], "1.45");
    assert_eq!(line(old, "employer_cost")["amount"], "600.00");
    let new = slip_of(&after);
    assert_eq!((new["gross"].as_str(), new["employer_cost"].as_str()), (Some("187.50"), Some("300.00")));
    assert_eq!(line(new, "employer_cost")["rate"], "1.6");
    paid.balanced().await;
}

/// Runs the payroll of `period` on `day` and waits for it: its payslips.
async fn run_payroll(t: &TestNode, day: &str, period: &str) -> Vec<Value> {
    let t = t.on_day(day).await;
    let r = t.post("/payroll-runs", json!({"period": period})).await;
    assert!(r.status == 202 || r.status == 200, "{}", r.text);
    let run = r.body["id"].as_str().unwrap().to_owned();
    for _ in 0..400 {
        if t.get(format!("/payroll-runs/{run}")).await.ok(200)["status"] == "completed" {
            t.balanced().await;
            return t.get(format!("/payroll-runs/{run}/payslips")).await.ok(200).as_array().unwrap().clone();
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the payroll run of {period} did not complete");
}

/// The coefficient 1.60 from 12 December 2025 and 1.50 from the 17th; on the 15th, a member's
/// stabilised contract of 24,000.00 a year starting on `first_day`, made at 1.60: the node on
/// the 15th, the activity and the contract.
async fn stabilised_made_at_1_60(db: Db, first_day: &str) -> (TestNode, String, Value) {
    let t = start(db).await.on_day("2025-12-10").await;
    t.post("/settings/coefficient/changes", change("2025-12-12", "1.6")).await.ok(201);
    let t = t.on_day("2025-12-15").await;
    t.post("/settings/coefficient/changes", change("2025-12-17", "1.5")).await.ok(201);
    let member = t.member("stable@example.org").await;
    t.put(format!("/members/{member}/identity"), json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30"}))
        .await
        .ok(200);
    t.put(format!("/members/{member}/payroll"), json!({"iban": "BE68 5390 0754 7034", "family": "single"}))
        .await
        .ok(200);
    let activity = t.activity(&member, "Graphic design studio").await;
    let body = json!({"activity_id": activity, "function": "Graphic designer", "place": "Liège", "risks": [],
        "worker_category": "white-collar", "budget": "24000.00", "currency": "EUR", "kind": "stabilised_monthly",
        "periods": [{"date": first_day, "start": "09:00", "end": "17:00"}]});
    let id = t.post("/work-declarations", body).await.ok(201)["id"].as_str().unwrap().to_owned();
    let contract = t.post(format!("/work-declarations/{id}/validate"), json!(null)).await.ok(200)["contract"].clone();
    (t, activity, contract)
}

async fn a_stabilised_contract_finds_each_months_gross_at_its_own_coefficient(db: Db) {
    // 1.60 from 12 December, recorded on the 10th; the contract is made on the 15th, at 1.60;
    // 1.50 from the 17th, before its first month is paid: neither the configuration's 1.45
    // nor the 1.50 of the day it is paid.
    let (t, _, contract) = stabilised_made_at_1_60(db, "2026-01-02").await;
    let slips = run_payroll(&t, "2026-01-31", "2026-01").await;
    let slip = slips.iter().find(|s| s["contract_id"] == contract["id"]).unwrap_or_else(|| panic!("{slips:?}"));
    // January's budget counts from the 2nd: 2,000 × 30/31 = 1,935.48. At 1.60 its gross is
    // 1,209.67 (× 1.60 = 1,935.47); at 1.50 it would have been 1,290.32, at 1.45 1,334.81.
    assert_eq!((slip["gross"].as_str(), slip["employer_cost"].as_str()), (Some("1209.67"), Some("1935.47")));
    assert_eq!(line(slip, "employer_cost")["rate"], "1.6");
}

async fn a_december_true_up_is_grossed_up_at_the_contracts_own_coefficient(db: Db) {
    // Made on 15 December 2025 at 1.60 (in force from the 12th); 1.50 from the 17th. Paid
    // from the 16th; 5,000.00 invoiced in December leaves a surplus the year-end pays.
    let (t, activity, contract) = stabilised_made_at_1_60(db, "2025-12-16").await;
    let contract_id = contract["id"].as_str().unwrap().to_owned();
    let t = crate::stabilised::invoice(&t, "2025-12-16", &activity, "5000.00").await;
    let slips = run_payroll(&t, "2025-12-31", "2025-12").await;
    let mine: Vec<&Value> = slips.iter().filter(|s| s["contract_id"] == contract["id"]).collect();
    assert_eq!(mine.len(), 2, "the December salary and the true-up: {slips:?}");
    let true_up = t.get(format!("/contracts/{contract_id}/true-ups")).await.ok(200)[0].clone();
    assert_eq!(true_up["outcome"], "pay", "{true_up}");
    let surplus: rust_decimal::Decimal = true_up["amount"].as_str().unwrap().parse().unwrap();
    let slip = mine.iter().find(|s| s["kind"] == "true_up").unwrap();
    assert_eq!(line(slip, "employer_cost")["rate"], "1.6", "the contract's coefficient, not the 1.50 in force");
    // The surplus is the employer cost at 1.60: its gross is the surplus / 1.60 to the cent
    // (the gross-up may leave a cent or two); at 1.50 the gross would be a fifteenth higher.
    let gross: rust_decimal::Decimal = slip["gross"].as_str().unwrap().parse().unwrap();
    let cost: rust_decimal::Decimal = slip["employer_cost"].as_str().unwrap().parse().unwrap();
    let expected = (surplus / rust_decimal::Decimal::new(16, 1)).round_dp(2);
    assert!((gross - expected).abs() <= rust_decimal::Decimal::new(2, 2), "gross {gross} for {surplus} at 1.60");
    assert!(cost <= surplus && surplus - cost < rust_decimal::Decimal::new(5, 2), "cost {cost} for {surplus}");
}

async fn a_coefficient_change_that_reaches_back_or_is_malformed_is_refused(db: Db) {
    let t = start(db).await;
    let refused = [
        (change("2026-03-02", "1.5"), "date-out-of-range", "valid_from"),
        // Tomorrow is too soon, as for the fee.
        (change("2026-03-03", "1.5"), "date-out-of-range", "valid_from"),
        (change("2028-03-03", "1.5"), "date-out-of-range", "valid_from"),
        (change("2026-03-04", "0.99"), "invalid-field", "coefficient"),
        (change("2026-03-04", "3.0001"), "invalid-field", "coefficient"),
        (change("2026-03-04", "4"), "invalid-field", "coefficient"),
        (change("2026-03-04", "1.45001"), "invalid-field", "coefficient"),
        (change("2026-03-04", "1,5"), "invalid-field", "coefficient"),
        (change("2026-03-04", "1e0"), "invalid-field", "coefficient"),
        (json!({"valid_from": "2026-03-04", "coefficient": "1.5", "reason": " "}), "invalid-field", "reason"),
        (
            json!({"valid_from": "2026-03-04", "coefficient": "1.5", "reason": "x".repeat(301)}),
            "invalid-field",
            "reason",
        ),
    ];
    for (body, code, field) in refused {
        let reply = t.post("/settings/coefficient/changes", body.clone()).await;
        reply.problem(422, code);
        assert_eq!(reply.body["field"], field, "{body}: {}", reply.text);
    }
    let unknown = json!({"valid_from": "2026-03-04", "coefficient": "1.5", "reason": "r", "rate": "0.5"});
    assert_eq!(t.post("/settings/coefficient/changes", unknown).await.status.as_u16(), 422);
    // The bounds themselves are taken.
    t.post("/settings/coefficient/changes", change("2026-03-04", "3")).await.ok(201);
    t.post("/settings/coefficient/changes", change("2028-03-02", "1")).await.ok(201);
    let changes = t.get("/settings/coefficient/changes").await.ok(200)["changes"].clone();
    assert_eq!(changes.as_array().unwrap().len(), 2, "{changes}");
    assert_eq!(changes[0]["valid_from"], "2028-03-02", "the latest day first");

    // Advisors, HQ and members change nothing, and read nothing of it.
    let member = t.member("coefficient@example.org").await;
    let as_member = t.as_member(&member).await;
    let (as_advisor, as_hq) = (t.as_staff("advisor").await, t.as_staff("hq").await);
    for client in [&as_member, &as_advisor, &as_hq] {
        assert_eq!(client.get("/settings/coefficient/changes").await.status.as_u16(), 403);
        let reply = client.post("/settings/coefficient/changes", change("2026-03-05", "1.5")).await;
        assert_eq!(reply.status.as_u16(), 403);
    }
    assert_eq!(t.get("/settings/coefficient/changes").await.ok(200)["changes"].as_array().unwrap().len(), 2);
}

async fn an_admin_changes_the_coefficient_on_the_settings_page_in_their_language(db: Db) {
    let t = start(db).await;
    let (cookie, csrf) = session(&t, "admin@partage.example", Some(Role::Admin)).await;
    let (status, html) = page(&t, &cookie, "/app/admin/settings", "fr").await;
    assert_eq!(status, 200, "{html}");
    assert_translated(&html);
    assert!(html.contains("<label for=\"coefficient\">") && html.contains("<label for=\"coefficient_valid_from\">"));
    let post = |day: &'static str, coefficient: &'static str| {
        let (t, cookie, csrf) = (&t, cookie.clone(), csrf.clone());
        async move {
            let fields = [
                ("csrf", csrf.as_str()),
                ("coefficient_valid_from", day),
                ("coefficient", coefficient),
                ("coefficient_reason", "Assemblée générale du 20 février 2026"),
            ];
            post_form(t, &cookie, "/app/admin/settings/coefficient", &fields).await
        }
    };
    let res = post("2026-03-03", "1,5").await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap().replace(['\u{a0}', '\u{202f}'], " ");
    assert!(html.contains("Un jour du 4 mars 2026 au 2 mars 2028"), "{html}");
    assert!(html.contains("id=\"coefficient_valid_from-error\""), "{html}");
    let res = post("2026-03-04", "3,5").await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Un nombre de 1 à 3 avec au plus 4 décimales"));
    assert_eq!(post("2026-03-04", "1,5").await.status(), 303);
    let settings = t.get("/settings/coefficient/changes").await.ok(200).clone();
    assert_eq!(settings["changes"][0]["coefficient"], "1.5");
    assert_eq!(settings["changes"][0]["changed_by"], "admin@partage.example");
    let (_, html) = page(&t, &cookie, "/app/admin/settings", "nl").await;
    assert_translated(&html);
    assert!(html.contains("<td class=\"num\">1,50</td>") && html.contains("komt nog"), "{html}");
    // The audit log: who, the coefficient replaced and the new one.
    let (_, audit) = page(&t, &cookie, "/app/admin/audit", "fr").await;
    let row = audit.split("<tr>").nth(2).unwrap_or_default();
    assert!(row.contains("admin@partage.example") && row.contains("Coefficient de coût employeur"), "{row}");
    assert!(row.contains("<code>coefficient</code>\u{a0}: 1.45 → 1.5"), "{row}");
    // An advisor's session is refused the form.
    let (advisor, advisor_csrf) = session(&t, "advisor@partage.example", Some(Role::Advisor)).await;
    let fields = [
        ("csrf", advisor_csrf.as_str()),
        ("coefficient_valid_from", "2026-03-04"),
        ("coefficient", "2"),
        ("coefficient_reason", "mine"),
    ];
    assert_eq!(post_form(&t, &advisor, "/app/admin/settings/coefficient", &fields).await.status(), 403);
    assert_eq!(t.get("/settings/coefficient/changes").await.ok(200)["changes"].as_array().unwrap().len(), 1);
}

on_both_databases!(
    a_contract_is_paid_at_the_coefficient_it_was_made_with,
    a_stabilised_contract_finds_each_months_gross_at_its_own_coefficient,
    a_december_true_up_is_grossed_up_at_the_contracts_own_coefficient,
    a_coefficient_change_that_reaches_back_or_is_malformed_is_refused,
    an_admin_changes_the_coefficient_on_the_settings_page_in_their_language
);
