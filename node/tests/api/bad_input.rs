//! Bad input gets a clear problem+json and writes nothing.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use serde_json::{json, Value};

/// What the node holds: members, clients, invoices, journal entries, payments of one invoice.
async fn snapshot(t: &TestNode, invoice: &str) -> (Value, Value, Value, Value, Value) {
    let inv = t.get(&format!("/invoices/{invoice}")).await;
    (
        t.get("/members").await.body["total"].clone(),
        t.get("/clients").await.body["total"].clone(),
        t.get("/invoices").await.body["total"].clone(),
        t.balanced().await["entries"].clone(),
        inv.body["totals"].clone(),
    )
}

async fn bad_input_is_refused_clearly_and_writes_nothing(db: Db) {
    let t = start(db).await;
    let member = t.member("bad@example.org").await;
    let activity = t.activity(&member, "Dance").await;
    let client = t.belgian_client().await;
    let invoice = t.draft(&activity, &client, "100.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(&format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    let before = snapshot(&t, &invoice).await;
    let line =
        |price: &str, vat: &str| json!([{"description": "x", "quantity": "1", "unit_price": price, "vat_rate": vat}]);
    let draft = |lines: Value, currency: &str, date: Option<&str>| json!({"activity_id": activity, "client_id": client, "currency": currency, "date": date, "lines": lines});

    // Malformed JSON.
    let d = t.post_raw("/invoices", "{\"activity_id\": ").await.problem(400, "malformed-json");
    assert!(d.contains("not valid JSON"), "{d}");
    t.post_raw("/members", "{\"first_name\": \"A\",}").await.problem(400, "malformed-json");
    // A number where a decimal string is expected: no float ever parses.
    let d = t
        .post(
            "/invoices",
            draft(json!([{"description": "x", "quantity": "1", "unit_price": 10.5, "vat_rate": "21"}]), "EUR", None),
        )
        .await
        .problem(422, "invalid-body");
    assert!(d.contains("unit_price") || d.contains("string"), "{d}");

    // Unknown ids.
    let nobody = "00000000-0000-7000-8000-000000000000";
    t.get(&format!("/invoices/{nobody}")).await.problem(404, "not-found");
    t.get("/invoices/not-a-uuid").await.problem(400, "bad-id");
    let d = t
        .post(
            "/invoices",
            json!({"activity_id": nobody, "client_id": client, "currency": "EUR", "lines": line("1.00", "21")}),
        )
        .await
        .problem(404, "not-found");
    assert_eq!(d, format!("no activity with id {nobody}"));
    t.post(
        "/invoices",
        json!({"activity_id": activity, "client_id": nobody, "currency": "EUR", "lines": line("1.00", "21")}),
    )
    .await
    .problem(404, "not-found");
    t.post(&format!("/invoices/{nobody}/payments"), json!({"amount": "1.00", "currency": "EUR"}))
        .await
        .problem(404, "not-found");
    t.post(&format!("/members/{nobody}/shares"), json!({"count": 1})).await.problem(404, "not-found");

    // Negative and over-precise amounts.
    let r = t.post("/invoices", draft(line("-5.00", "21"), "EUR", None)).await;
    let d = r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "lines[0]");
    assert!(d.contains("must not be negative"), "{d}");
    let r = t.post("/invoices", draft(line("10.005", "21"), "EUR", None)).await;
    let d = r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "lines[0].unit_price");
    assert!(d.contains("more decimals than EUR allows (2)"), "{d}");
    t.post(&format!("/invoices/{invoice}/payments"), json!({"amount": "-1.00", "currency": "EUR"}))
        .await
        .problem(422, "non-positive-payment");
    let r = t.post(&format!("/invoices/{invoice}/payments"), json!({"amount": "1.001", "currency": "EUR"})).await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "amount");

    // Unknown currency, and a currency the node does not book in.
    let d = t.post("/invoices", draft(line("10.00", "21"), "XYZ", None)).await.problem(422, "unknown-currency");
    assert!(d.contains("'XYZ'"), "{d}");
    t.post(&format!("/invoices/{invoice}/payments"), json!({"amount": "1.00", "currency": "ABC"}))
        .await
        .problem(422, "unknown-currency");
    let r = t.post("/invoices", draft(line("10.00", "21"), "SEK", None)).await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "currency");

    // A VAT rate not in force on the invoice date: 20.5 % ended on 31 Dec 1995, 21 % began on 1 Jan 1996.
    let r = t.post("/invoices", draft(line("10.00", "20.5"), "EUR", Some("2026-03-02"))).await;
    let d = r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "lines[0].vat_rate");
    assert!(d.contains("20.5%") && d.contains("2026-03-02") && d.contains("21%"), "{d}");
    let r = t.post("/invoices", draft(line("10.00", "21"), "EUR", Some("1995-06-01"))).await;
    let d = r.problem(422, "invalid-field");
    assert!(d.contains("not in force in BE on 1995-06-01"), "{d}");

    // Issuing an issued invoice; paying more than is due.
    let d = t.post(&format!("/invoices/{invoice}/issue"), json!(null)).await.problem(409, "already-issued");
    assert_eq!(d, "the invoice is already issued: only a draft can be issued");
    let d = t
        .post(&format!("/invoices/{invoice}/payments"), json!({"amount": "121.01", "currency": "EUR"}))
        .await
        .problem(422, "overpayment");
    assert_eq!(d, "payment of 121.01 EUR exceeds the 121.00 EUR still due");

    // Members, clients, activities.
    let r = t.post("/members", json!({"first_name": "", "last_name": "X", "email": "x@example.org"})).await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "first_name");
    t.post("/members", json!({"first_name": "A", "last_name": "B", "email": "not-an-email"}))
        .await
        .problem(422, "invalid-field");
    t.post("/members", json!({"first_name": "A", "last_name": "B", "email": "bad@example.org"}))
        .await
        .problem(409, "email-taken");
    t.post("/members", json!({"first_name": "A", "last_name": "B", "email": "c@example.org", "shoe_size": 42}))
        .await
        .problem(422, "invalid-body");
    t.post(&format!("/members/{member}/shares/payments"), json!({"amount": "45.00", "currency": "EUR"}))
        .await
        .problem(422, "not-whole-shares");
    t.post(
        "/clients",
        json!({"name": "X", "kind": "business", "country": "BE", "street": "s", "postal_code": "1000", "city": "c"}),
    )
    .await
    .problem(422, "missing-vat-number");
    t.post(
        "/clients",
        json!({"name": "X", "kind": "alien", "country": "BE", "street": "s", "postal_code": "1000", "city": "c"}),
    )
    .await
    .problem(422, "bad-client-kind");
    t.post("/clients", json!({"name": "X", "kind": "consumer", "country": "Belgium", "street": "s", "postal_code": "1000", "city": "c"})).await.problem(422, "bad-country");
    t.post("/activities", json!({"member_id": member, "name": "X", "sector": "other"}))
        .await
        .problem(422, "missing-sub-sector");
    t.get("/invoices?limit=0").await.problem(422, "out-of-range");
    t.get("/invoices?limit=abc").await.problem(400, "bad-query");
    t.get("/no/such/route").await.problem(404, "no-route");

    assert_eq!(snapshot(&t, &invoice).await, before, "a refused request wrote something");
}

async fn an_applicant_cannot_open_an_activity_and_a_leaver_is_refunded(db: Db) {
    let t = start(db).await;
    let m = t.post("/members", json!({"first_name": "Noor", "last_name": "Jacobs", "email": "noor@example.org"})).await;
    let id = m.ok(201)["id"].as_str().unwrap().to_owned();
    t.post("/activities", json!({"member_id": id, "name": "X", "sector": "artistic"}))
        .await
        .problem(409, "member-cannot-open-activity");
    t.post(&format!("/members/{id}/shares"), json!({"count": 3})).await.ok(200);
    t.post(&format!("/members/{id}/shares/payments"), json!({"amount": "60.00", "currency": "EUR"})).await.ok(200);
    t.post(&format!("/members/{id}/shares/refund"), json!({})).await.problem(409, "membership-state");
    assert_eq!(t.post(&format!("/members/{id}/leave"), json!({})).await.ok(200)["status"], "leaving");
    let left = t.post(&format!("/members/{id}/shares/refund"), json!({"date": "2026-03-05"})).await;
    assert_eq!(left.ok(200)["status"], "left");
    assert_eq!(left.body["votes"], 0);
    assert_eq!(left.body["shares"]["capital"], "0.00");
    assert_eq!(left.body["left_on"], "2026-03-05");
    let tb = t.balanced().await;
    assert_eq!(TestNode::account(&tb, "share_capital")["balance"], "0.00");
    assert_eq!(TestNode::account(&tb, "shares_receivable")["balance"], "0.00");
    assert_eq!(TestNode::account(&tb, "bank")["balance"], "0.00");
}

on_both_databases!(
    bad_input_is_refused_clearly_and_writes_nothing,
    an_applicant_cannot_open_an_activity_and_a_leaver_is_refunded
);
