//! An advance on a signed order form: the fund lends the budget the order will
//! bring, work is declared and paid before any invoice, the invoice then takes
//! the advance's place and the client's payment repays the fund.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}")).parse().unwrap()
}

async fn run(t: &TestNode, period: &str) -> Value {
    let id = t.post("/payroll-runs", json!({"period": period})).await.ok(202)["id"].as_str().unwrap().to_owned();
    for _ in 0..400 {
        let v = t.get(format!("/payroll-runs/{id}")).await.ok(200).clone();
        if v["status"] == "completed" {
            return v;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the run did not complete");
}

async fn issue(t: &TestNode, activity: &str, client: &str, amount: &str) -> Value {
    let id = t.draft(activity, client, amount, "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{id}/issue"), json!(null)).await.ok(200).clone()
}

async fn pay(t: &TestNode, invoice: &Value, amount: &str) {
    let id = invoice["id"].as_str().unwrap();
    t.post(format!("/invoices/{id}/payments"), json!({"amount": amount, "currency": "EUR"})).await.ok(201);
}

/// Defect 4 of issue 10: a 10^16 line credited the fund's account with its
/// share of a fee no client had paid, and the fund then advanced 935,000 on an
/// order form. The fund lends only what it holds: fee shares clients paid.
async fn the_fund_lends_only_fee_shares_clients_have_paid(db: Db) {
    let t = start(db).await;
    let member = t.member("lender@example.org").await;
    let activity = t.activity(&member, "Stage lighting").await;
    let client = t.belgian_client().await;
    let order = json!({"activity_id": activity, "client_id": client, "reference": "PO-7",
        "amount": "2000.00", "currency": "EUR", "signed_on": "2026-02-27"});
    // 120,000 invoiced: a fee of 7,800, of which 1,950 for the fund, all still owed.
    let festival = issue(&t, &activity, &client, "120000.00").await;
    let fund = t.get("/guarantee-fund").await.ok(200).clone();
    assert_eq!(fund["balance"], "1950.00", "the account counts the share when invoiced");
    let detail = t.post("/order-forms", order.clone()).await.problem(409, "fund-cannot-advance");
    assert!(detail.contains("holds 0.00"), "an unpaid invoice lends nothing: {detail}");
    // Half paid: 975.00 held, still short of the 1,870 advance.
    pay(&t, &festival, "72600.00").await;
    let detail = t.post("/order-forms", order.clone()).await.problem(409, "fund-cannot-advance");
    assert!(detail.contains("holds 975.00"), "{detail}");
    // Paid: 1,950 held lends 1,870 once, not twice.
    pay(&t, &festival, "72600.00").await;
    let o = t.post("/order-forms", order.clone()).await.ok(201).clone();
    assert_eq!(o["advance"], "1870.00");
    let detail = t.post("/order-forms", order).await.problem(409, "fund-cannot-advance");
    assert!(detail.contains("1870.00 EUR promised"), "{detail}");
    t.balanced().await;
}

async fn the_fund_advances_on_a_signed_order_form_and_the_invoice_takes_its_place(db: Db) {
    let t = start(db).await; // Monday 2 March 2026
    let member = t.member("order@example.org").await;
    t.put(format!("/members/{member}/identity"), json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30"}))
        .await
        .ok(200);
    t.put(format!("/members/{member}/payroll"), json!({"iban": "BE68 5390 0754 7034", "family": "single"}))
        .await
        .ok(200);
    let activity = t.activity(&member, "Stage lighting").await;
    let client = t.belgian_client().await;
    let order = json!({"activity_id": activity, "client_id": client, "reference": "PO-2026-0042",
        "amount": "2000.00", "currency": "EUR", "signed_on": "2026-02-27"});
    let declaration = json!({"activity_id": activity, "client_id": client, "function": "Lighting technician",
        "place": "Brussels", "worker_category": "white-collar", "budget": "1500.00", "currency": "EUR",
        "periods": [{"date": "2026-03-10", "start": "08:00", "end": "18:00"}]});

    // No budget and an empty fund: neither the work nor the advance can go ahead.
    let d = t.post("/work-declarations", declaration.clone()).await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/work-declarations/{d}/validate"), json!(null)).await.problem(409, "budget-too-small");
    let detail = t.post("/order-forms", order.clone()).await.problem(409, "fund-cannot-advance");
    assert!(detail.contains("guarantee fund"), "{detail}");

    // Another member's 120,000 invoice, paid, gives the fund its share of the fee.
    let rich = t.member("rich@example.org").await;
    let rich_activity = t.activity(&rich, "Festival").await;
    let festival = issue(&t, &rich_activity, &client, "120000.00").await;
    pay(&t, &festival, "145200.00").await;
    let fund = dec(&t.get("/guarantee-fund").await.ok(200)["balance"]);
    assert!(fund >= Decimal::from(1870), "{fund}");

    // The order form: 2,000 less the 6.5 % fee is advanced.
    let o = t.post("/order-forms", order).await.ok(201).clone();
    assert_eq!(o["advance"], "1870.00");
    assert_eq!(o["status"], "open");
    let v = t.post(format!("/work-declarations/{d}/validate"), json!(null)).await.ok(200).clone();
    let contract = v["contract"]["id"].clone();
    t.balanced().await;

    // Friday 13 March: paid before any invoice; the fund advanced it all.
    let t = t.on_day("2026-03-13").await;
    assert_eq!(run(&t, "2026-03").await["payslips"], 1);
    let fund = t.get("/guarantee-fund").await.ok(200).clone();
    let advanced = dec(&fund["open_advances"]);
    assert!(advanced > Decimal::from(1490) && advanced <= Decimal::from(1500), "{fund}");
    let tb = t.balanced().await;
    assert_eq!(
        -dec(&TestNode::account(&tb, "activity_budget")["balance"]) + advanced,
        dec(&json!("112200.00")),
        "the festival's 112,200 budget less what the lighting cost"
    );

    // The invoice for the order: it closes the order form.
    let inv = issue(&t, &activity, &client, "2000.00").await;
    let closed =
        t.post(format!("/order-forms/{}/invoiced", o["id"].as_str().unwrap()), json!({"invoice_id": inv["id"]})).await;
    assert_eq!(closed.ok(200)["status"], "invoiced");
    assert_eq!(closed.body["invoice_id"], inv["id"]);
    // The advance no longer counts: 1,870 − cost is what is left for more work.
    let more = json!({"activity_id": activity, "function": "Lighting technician", "place": "Brussels",
        "worker_category": "white-collar", "budget": "1000.00", "currency": "EUR",
        "periods": [{"date": "2026-03-20", "start": "08:00", "end": "18:00"}]});
    let d2 = t.post("/work-declarations", more).await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/work-declarations/{d2}/validate"), json!(null)).await.problem(409, "budget-too-small");

    // The client pays: the fund is repaid.
    t.post(
        format!("/invoices/{}/payments", inv["id"].as_str().unwrap()),
        json!({"amount": "2420.00", "currency": "EUR"}),
    )
    .await
    .ok(201);
    let fund = t.get("/guarantee-fund").await.ok(200).clone();
    assert_eq!(fund["open_advances"], "0.00");
    assert_eq!(dec(&fund["recovered"]), advanced);
    let k = t.get(format!("/contracts/{}", contract.as_str().unwrap())).await.ok(200).clone();
    assert_eq!(k["kind"], "per_performance");
    t.balanced().await;
}

async fn bad_order_forms_are_refused_and_nothing_is_written(db: Db) {
    let t = start(db).await;
    let member = t.member("badorder@example.org").await;
    let activity = t.activity(&member, "Lighting").await;
    let client = t.belgian_client().await;
    let big = t.activity(&member, "Festival").await;
    let festival = issue(&t, &big, &client, "200000.00").await;
    pay(&t, &festival, "242000.00").await;
    let good = json!({"activity_id": activity, "client_id": client, "reference": "PO-1", "amount": "2000.00",
        "currency": "EUR", "signed_on": "2026-02-27"});
    let nobody = uuid::Uuid::now_v7();
    for (field, value, status, code) in [
        ("amount", json!("-5"), 422, "invalid-field"),
        ("amount", json!("lots"), 422, "invalid-field"),
        ("reference", json!("  "), 422, "invalid-field"),
        ("signed_on", json!("2026-03-03"), 422, "invalid-field"),
        ("currency", json!("SEK"), 422, "invalid-field"),
        ("activity_id", json!(nobody), 404, "not-found"),
        ("client_id", json!(nobody), 404, "not-found"),
    ] {
        let mut b = good.clone();
        b[field] = value;
        t.post("/order-forms", b).await.problem(status, code);
    }
    t.post("/order-forms", json!({"activity_id": activity})).await.problem(422, "invalid-body");
    let o = t.post("/order-forms", good).await.ok(201)["id"].as_str().unwrap().to_owned();
    let draft = t.draft(&activity, &client, "2000.00", "21").await.ok(201)["id"].clone();
    t.post(format!("/order-forms/{o}/invoiced"), json!({"invoice_id": draft})).await.problem(409, "invoice-not-issued");
    let other = issue(&t, &big, &client, "10.00").await;
    t.post(format!("/order-forms/{o}/invoiced"), json!({"invoice_id": other["id"]}))
        .await
        .problem(409, "invoice-for-other-order");
    t.post(format!("/order-forms/{nobody}/invoiced"), json!({"invoice_id": other["id"]}))
        .await
        .problem(404, "not-found");
    t.post(format!("/order-forms/{o}/invoiced"), json!({"invoice_id": nobody})).await.problem(404, "not-found");
    t.get(format!("/order-forms/{nobody}")).await.problem(404, "not-found");
    let still = t.get(format!("/order-forms/{o}")).await.ok(200).clone();
    assert_eq!(still["status"], "open");
    assert_eq!(still["invoice_id"], Value::Null);
    t.balanced().await;
}

on_both_databases!(
    the_fund_lends_only_fee_shares_clients_have_paid,
    the_fund_advances_on_a_signed_order_form_and_the_invoice_takes_its_place,
    bad_order_forms_are_refused_and_nothing_is_written
);
