//! From declared work to paid wages: the payroll run pays within seven working
//! days while the client has not paid (the guarantee fund advances it), the
//! client's payment repays the fund, another client's default is the fund's loss.
//! The journal sums to zero after each step.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use serde_json::{json, Value};
use std::time::Duration;

/// A member with identity, bank account and an activity whose client was invoiced `amount`.
async fn worker(
    t: &TestNode,
    email: &str,
    nn: &str,
    birth: &str,
    iban: &str,
    amount: &str,
) -> (String, String, String) {
    let member = t.member(email).await;
    t.put(format!("/members/{member}/identity"), json!({"national_id": nn, "birth_date": birth})).await.ok(200);
    t.put(format!("/members/{member}/payroll"), json!({"iban": iban, "family": "married-one-income", "children": 2}))
        .await
        .ok(200);
    let activity = t.activity(&member, "Quartet").await;
    let client = t.belgian_client().await;
    let invoice = t.draft(&activity, &client, amount, "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    (member, activity, invoice)
}

async fn declare(t: &TestNode, activity: &str, budget: &str, days: &[(&str, &str, &str)]) -> Value {
    let body = json!({"activity_id": activity, "function": "Musician", "place": "Flagey, Brussels", "risks": [],
        "worker_category": "artist", "budget": budget, "currency": "EUR", "work_country": "BE",
        "periods": days.iter().map(|(d, s, e)| json!({"date": d, "start": s, "end": e})).collect::<Vec<_>>()});
    let id = t.post("/work-declarations", body).await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/work-declarations/{id}/validate"), json!(null)).await.ok(200)["contract"].clone()
}

/// Starts the run and waits for it to complete.
async fn run(t: &TestNode, period: &str) -> Value {
    let r = t.post("/payroll-runs", json!({"period": period})).await;
    assert!(r.status == 202 || r.status == 200, "{}", r.text);
    let id = r.body["id"].as_str().unwrap().to_owned();
    for _ in 0..400 {
        let v = t.get(format!("/payroll-runs/{id}")).await.ok(200).clone();
        if v["status"] == "completed" {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the payroll run did not complete");
}

fn dec(v: &Value) -> rust_decimal::Decimal {
    v.as_str().unwrap().parse().unwrap()
}

async fn the_fund_advances_unpaid_wages_is_repaid_and_bears_a_default(db: Db) {
    let t = start(db).await; // Monday 2 March 2026
    let (_m, activity, invoice) =
        worker(&t, "wages@example.org", "85.07.30-033.28", "1985-07-30", "BE68 5390 0754 7034", "1000.00").await;
    let contract =
        declare(&t, &activity, "600.00", &[("2026-03-10", "09:00", "17:00"), ("2026-03-11", "14:00", "23:00")]).await;
    let filing = &contract["hiring_declarations"][0];
    assert!(filing["declared_at"].as_str().unwrap() < "2026-03-10T09:00:00", "DIMONA before the work");
    t.balanced().await;

    // Friday 13 March: the run pays the two days while the client has paid nothing.
    let t = t.on_day("2026-03-13").await;
    let r = run(&t, "2026-03").await;
    assert_eq!(r["payslips"], 1);
    assert_eq!(r["pay_date"], "2026-03-13");
    let again = t.post("/payroll-runs", json!({"period": "2026-03"})).await;
    assert_eq!(again.ok(200)["id"], r["id"], "the same run, not a second one");
    let slips = t.get(format!("/payroll-runs/{}/payslips", r["id"].as_str().unwrap())).await.ok(200).clone();
    let slip = &slips[0];
    assert_eq!(slips.as_array().unwrap().len(), 1);
    assert_eq!(slip["contract_id"], contract["id"]);
    assert_eq!(slip["work_end"], "2026-03-11");
    // Seven working days after Wednesday 11 March: Friday 20 March.
    assert_eq!(slip["deadline"], "2026-03-20");
    assert_eq!(slip["paid_within_deadline"], true);
    assert_eq!(slip["gross"], contract["gross"]);
    assert_eq!(slip["language"], "fr");
    let cost = dec(&slip["employer_cost"]);
    assert!(cost <= "600.00".parse().unwrap() && cost > "590.00".parse().unwrap(), "{cost}");
    let net = dec(&slip["net"]);
    assert!(net > rust_decimal::Decimal::ZERO && net <= dec(&slip["gross"]), "{slip}");
    let lines = slip["lines"].as_array().unwrap();
    assert!(lines.iter().any(|l| l["code"] == "withholding_tax" && l["label"] == "Précompte professionnel"));
    assert!(lines.iter().all(|l| !l["source"].as_str().unwrap().is_empty()));
    let fund = t.get("/guarantee-fund").await.ok(200).clone();
    assert_eq!(dec(&fund["open_advances"]), cost, "the fund advanced the whole cost: the client paid nothing");
    assert_eq!(fund["advanced"], fund["open_advances"]);
    let tb = t.balanced().await;
    assert_eq!(dec(&TestNode::account(&tb, "wages_payable")["balance"]), rust_decimal::Decimal::ZERO, "net paid");
    assert_eq!(dec(&TestNode::account(&tb, "activity_budget")["balance"]), cost - dec(&json!("935.00")));

    // The payslip as PDF, in the member's language, and the transfer file.
    let pdf = crate::documents::pdf_text(&t, &format!("/payslips/{}/pdf", slip["id"].as_str().unwrap())).await;
    assert!(pdf.contains("Fiche de paie — mars 2026"), "French heading: {pdf}");
    let nl = t.get(format!("/payslips/{}?lang=nl", slip["id"].as_str().unwrap())).await.ok(200).clone();
    assert!(nl["lines"].as_array().unwrap().iter().any(|l| l["label"] == "Bedrijfsvoorheffing"));
    let sepa = t.get(format!("/payroll-runs/{}/sepa", r["id"].as_str().unwrap())).await;
    assert_eq!(sepa.status, 200);
    assert!(sepa.text.contains(&format!("<CtrlSum>{net}</CtrlSum>")), "{}", sepa.text);
    assert!(sepa.text.contains("<IBAN>BE68539007547034</IBAN>"));
    crate::common::assert_pain001_valid(&sepa.text);

    // Monday 16 March: the client pays; the fund is repaid.
    let t = t.on_day("2026-03-16").await;
    t.post(format!("/invoices/{invoice}/payments"), json!({"amount": "1210.00", "currency": "EUR"})).await.ok(201);
    let fund = t.get("/guarantee-fund").await.ok(200).clone();
    assert_eq!(fund["open_advances"], "0.00");
    assert_eq!(fund["recovered"], fund["advanced"]);
    t.balanced().await;

    // Another member works for a client who then goes bankrupt.
    let (_m2, a2, inv2) =
        worker(&t, "second@example.org", "90.02.01-003.28", "1990-02-01", "BE71 0961 2345 6769", "500.00").await;
    let c2 = declare(&t, &a2, "400.00", &[("2026-03-18", "09:00", "17:00")]).await;
    let fund_before = dec(&t.get("/guarantee-fund").await.ok(200)["balance"]);
    let t = t.on_day("2026-03-20").await;
    let r2 = run(&t, "2026-03").await;
    assert_ne!(r2["id"], r["id"], "a later cut-off is a new run");
    assert_eq!(r2["payslips"], 1, "only the new contract: the first one is paid already");
    let slip2 = &t.get(format!("/payroll-runs/{}/payslips", r2["id"].as_str().unwrap())).await.ok(200)[0].clone();
    assert_eq!(slip2["contract_id"], c2["id"]);
    let cost2 = dec(&slip2["employer_cost"]);
    assert_eq!(dec(&t.get("/guarantee-fund").await.ok(200)["open_advances"]), cost2);
    let t = t.on_day("2026-04-01").await;
    let d =
        t.post(format!("/invoices/{inv2}/default"), json!({"reason": "bankruptcy, Brussels enterprise court"})).await;
    assert_eq!(d.ok(200)["status"], "written_off");
    assert_eq!(d.body["totals"]["outstanding"], "0.00");
    let fund = t.get("/guarantee-fund").await.ok(200).clone();
    assert_eq!(fund["open_advances"], "0.00");
    assert_eq!(dec(&fund["lost"]), cost2);
    // The fund loses the advance and its own share of the unpaid fee (500.00 x 6.5 % x 25 % = 8.13).
    assert_eq!(dec(&fund["balance"]), fund_before - cost2 - dec(&json!("8.13")));
    let tb = t.balanced().await;
    assert_eq!(dec(&TestNode::account(&tb, "client_receivables")["balance"]), rust_decimal::Decimal::ZERO);
    // The activity's budget: 467.50 credited, the cost spent, the rest never received.
    let a = t.get(format!("/activities/{a2}")).await.ok(200).clone();
    assert_eq!(a["budget"], "0.00");
    // Defaulting twice is refused, and writes nothing.
    t.post(format!("/invoices/{inv2}/default"), json!({"reason": "again"})).await.problem(409, "not-payable");
}

async fn bad_payroll_input_is_refused_and_writes_nothing(db: Db) {
    let t = start(db).await;
    for (body, field) in [
        (json!({"period": "2026-13"}), "period"),
        (json!({"period": "march"}), "period"),
        (json!({"period": "2026-03", "through": "2026-03-20"}), "through"),
        (json!({"period": "2026-03", "through": "2026-02-27"}), "through"),
    ] {
        let r = t.post("/payroll-runs", body).await;
        r.problem(422, "invalid-field");
        assert_eq!(r.body["field"], field);
    }
    t.post_raw("/payroll-runs", "{\"period\": 3}").await.problem(422, "invalid-body");
    let none = uuid::Uuid::now_v7();
    t.get(format!("/payroll-runs/{none}")).await.problem(404, "not-found");
    t.get(format!("/payslips/{none}")).await.problem(404, "not-found");
    t.get(format!("/payslips/{none}?lang=xx")).await.problem(422, "invalid-field");
    t.get(format!("/payroll-runs/{none}/sepa")).await.problem(404, "not-found");
    t.get("/guarantee-fund/deadlines?within=100").await.problem(422, "out-of-range");
    let member = t.member("details@example.org").await;
    let r =
        t.put(format!("/members/{member}/payroll"), json!({"iban": "BE68 5390 0754 7035", "family": "single"})).await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "iban");
    let r = t.put(format!("/members/{member}/payroll"), json!({"iban": "BE68539007547034", "family": "widowed"})).await;
    assert_eq!(r.body["field"], "family");
    let r = t
        .put(
            format!("/members/{member}/payroll"),
            json!({"iban": "BE68539007547034", "family": "single", "children": 1, "disabled_children": 2}),
        )
        .await;
    r.problem(422, "invalid-field");
    // An invoice that is a draft cannot default; a reason is needed.
    let a = t.activity(&member, "Solo").await;
    let client = t.belgian_client().await;
    let draft = t.draft(&a, &client, "100.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{draft}/default"), json!({"reason": "gone"})).await.problem(409, "not-payable");
    t.post(format!("/invoices/{draft}/issue"), json!(null)).await.ok(200);
    t.post(format!("/invoices/{draft}/default"), json!({"reason": " "})).await.problem(422, "invalid-field");
    t.post(format!("/invoices/{draft}/default"), json!({"reason": "x", "date": "2026-04-01"}))
        .await
        .problem(422, "invalid-field");
    let fund = t.get("/guarantee-fund").await.ok(200).clone();
    assert_eq!(fund["lost"], "0.00", "nothing was written off");
    assert_eq!(fund["advanced"], "0.00");
    let inv = t.get(format!("/invoices/{draft}")).await.ok(200).clone();
    assert_eq!(inv["status"], "issued");
    t.balanced().await;
}

async fn advisors_see_wages_nearing_their_deadline(db: Db) {
    let t = start(db).await;
    let (_m, activity, _inv) =
        worker(&t, "deadline@example.org", "85.07.30-033.28", "1985-07-30", "BE68539007547034", "1000.00").await;
    let contract = declare(&t, &activity, "300.00", &[("2026-03-04", "09:00", "17:00")]).await;
    // Wednesday 4 March + 7 working days = Friday 13 March. On Wednesday 11 March, two are left.
    let t = t.on_day("2026-03-11").await;
    let list = t.get("/guarantee-fund/deadlines?within=3").await.ok(200).clone();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["contract_id"], contract["id"]);
    assert_eq!(list[0]["deadline"], "2026-03-13");
    assert_eq!(list[0]["working_days_left"], 2);
    assert_eq!(t.get("/guarantee-fund/deadlines?within=1").await.ok(200).as_array().unwrap().len(), 0);
    // Once paid, it leaves the list.
    run(&t, "2026-03").await;
    assert_eq!(t.get("/guarantee-fund/deadlines?within=3").await.ok(200).as_array().unwrap().len(), 0);
}

/// Ten clients pay at once the ten invoices of an activity whose wages the fund advanced
/// (on PostgreSQL, payments of one activity run side by side unless an advance is left to
/// recover): the fund recovers its advance exactly once, and every running total equals
/// what the journal gives, before and after the roll-up folds what the payments appended.
async fn payments_at_once_recover_the_advance_exactly_once(db: Db) {
    let t = start(db).await;
    let (_m, activity, first) =
        worker(&t, "racing@example.org", "85.07.30-033.28", "1985-07-30", "BE68 5390 0754 7034", "100.00").await;
    let client = t.belgian_client().await;
    let mut invoices = vec![first];
    for _ in 0..9 {
        let id = t.draft(&activity, &client, "100.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
        t.post(format!("/invoices/{id}/issue"), json!(null)).await.ok(200);
        invoices.push(id);
    }
    declare(&t, &activity, "600.00", &[("2026-03-10", "09:00", "17:00"), ("2026-03-11", "14:00", "23:00")]).await;
    let t = t.on_day("2026-03-13").await;
    run(&t, "2026-03").await;
    let fund = t.get("/guarantee-fund").await.ok(200).clone();
    let advanced = dec(&fund["open_advances"]);
    assert!(advanced > dec(&json!("590.00")), "the fund advanced the wages: {fund}");

    let t = t.on_day("2026-03-16").await;
    let payments = invoices.iter().map(|id| {
        let t = &t;
        async move { t.post(format!("/invoices/{id}/payments"), json!({"amount": "121.00", "currency": "EUR"})).await }
    });
    for r in futures::future::join_all(payments).await {
        assert_eq!(r.status, 201, "{}", r.text);
    }
    let fund = t.get("/guarantee-fund").await.ok(200).clone();
    assert_eq!(fund["open_advances"], "0.00", "{fund}");
    assert_eq!(dec(&fund["recovered"]), advanced, "recovered once, not once per payment: {fund}");
    assert_eq!(dec(&fund["advanced"]), advanced);
    // Ten budget shares of 93.50 received, the wages spent: the budget's balance.
    let budget = dec(&t.get(format!("/activities/{activity}")).await.ok(200)["budget"]);
    let tb = t.balanced().await;
    assert_eq!(dec(&TestNode::account(&tb, "activity_budget")["balance"]), -budget);
    let check = |when: &str| {
        let out = t.command(&["check"]);
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success() && text.starts_with("ok:"),
            "{when}: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    check("before the roll-up");
    let node = t.open_node().await;
    while partage::service::totals::roll_up(&node.store, 3).await.unwrap() > 0 {}
    check("after the roll-up");
    assert_eq!(t.get("/guarantee-fund").await.ok(200).clone(), fund, "the fund's figures, folded or not");
}

on_both_databases!(
    payments_at_once_recover_the_advance_exactly_once,
    the_fund_advances_unpaid_wages_is_repaid_and_bears_a_default,
    bad_payroll_input_is_refused_and_writes_nothing,
    advisors_see_wages_nearing_their_deadline
);
