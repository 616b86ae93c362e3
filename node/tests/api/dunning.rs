//! Dunning: overdue invoices to a business and to a consumer get the Belgian pack's steps on
//! their days, with the late-payment interest of parameters/dunning/late_payment_interest.toml
//! and the damages of recovery_compensation.toml and consumer_damages.toml; advisors pause and
//! resume; payment settles; a day run twice sends nothing new.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use serde_json::{json, Value};

async fn client(t: &TestNode, body: Value) -> String {
    t.post("/clients", body).await.ok(201)["id"].as_str().unwrap().to_owned()
}

/// Issues an invoice dated Monday 2 March 2026 at 10 working days: due Monday 16 March.
async fn issued(t: &TestNode, activity: &str, client: &str, amount: &str) -> String {
    let d = t
        .post(
            "/invoices",
            json!({"activity_id": activity, "client_id": client, "currency": "EUR", "date": "2026-03-02",
                   "payment_terms_days": 10,
                   "lines": [{"description": "Workshop", "quantity": "1", "unit_price": amount, "vat_rate": "21"}]}),
        )
        .await;
    let id = d.ok(201)["id"].as_str().unwrap().to_owned();
    let inv = t.post(format!("/invoices/{id}/issue"), json!(null)).await.ok(200).clone();
    assert_eq!(inv["due_date"], "2026-03-16");
    id
}

/// (invoice, level, kind, sent_on, by_post, interest, damages) of what a run sent.
fn sent(run: &Value) -> Vec<(String, u64, String, String, bool, String, Value)> {
    run["sent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["invoice_id"].as_str().unwrap().to_owned(),
                s["level"].as_u64().unwrap(),
                s["kind"].as_str().unwrap().to_owned(),
                s["sent_on"].as_str().unwrap().to_owned(),
                s["by_post"].as_bool().unwrap(),
                s["interest"].as_str().unwrap().to_owned(),
                s["damages"].clone(),
            )
        })
        .collect()
}

async fn run(t: &TestNode) -> Value {
    t.post("/dunning/runs", json!({})).await.ok(200).clone()
}

async fn overdue_invoices_get_the_schedule_s_steps_and_interest(db: Db) {
    let t = start(db).await; // Monday 2 March 2026
    let member = t.member("dunning@example.org").await;
    let activity = t.activity(&member, "Workshops").await;
    // A business with an e-mail address (steps go by e-mail) and a consumer without (by post).
    let business = client(
        &t,
        json!({"name": "Atelier Lumière", "kind": "business", "country": "BE", "vat_number": "BE0403170701",
               "street": "Rue Haute 1", "postal_code": "1000", "city": "Bruxelles", "email": "ap@lumiere.example"}),
    )
    .await;
    let consumer = client(
        &t,
        json!({"name": "Jan Claes", "kind": "consumer", "country": "BE",
               "street": "Kerkstraat 2", "postal_code": "9000", "city": "Gent"}),
    )
    .await;
    let b2b = issued(&t, &activity, &business, "1000.00").await; // 1,210.00 with VAT
    let b2c = issued(&t, &activity, &consumer, "300.00").await; // 363.00 with VAT
    let entries = t.balanced().await["entries"].clone();

    // Nothing is overdue on the due date itself.
    let t = t.on_day("2026-03-16").await;
    assert_eq!(sent(&run(&t).await), []);
    assert_eq!(t.get("/dunning").await.ok(200)["total"], 0);

    // Tuesday 17 March: both get the first reminder (each schedule's first step waits one day).
    // Between businesses interest runs from the day after the due date without notice (law of
    // 2 August 2002, art. 5) at 10.5 % (late_payment_interest.toml, from 2026-01-01):
    // 1,210.00 × 0.105 × 1 / 365 = 0.3480… → 0.35. The consumer's first reminder is free and
    // starts no interest (Book XIX).
    let t = t.on_day("2026-03-17").await;
    let r = run(&t).await;
    assert_eq!(
        sent(&r),
        [
            (b2b.clone(), 1, "reminder".into(), "2026-03-17".into(), false, "0.35".into(), Value::Null),
            (b2c.clone(), 1, "reminder".into(), "2026-03-17".into(), true, "0.00".into(), Value::Null),
        ]
    );
    assert_eq!(r["sent"][1]["fee"], Value::Null, "no charge for a consumer's first reminder");
    assert!(r["sent"][1]["source"].as_str().unwrap().contains("XIX.2"));
    // The same day again sends nothing new.
    assert_eq!(sent(&run(&t).await), []);
    assert_eq!(sent(&t.post("/dunning/runs", json!({"date": "2026-03-17"})).await.ok(200).clone()), []);

    // Tuesday 31 March: the business's notice waits 14 days from the day after the e-mailed
    // reminder (1 April); the consumer's, 14 days from the third working day after posting
    // (Friday 20 March + 14 = 3 April).
    let t = t.on_day("2026-03-31").await;
    assert_eq!(sent(&run(&t).await), []);

    // Wednesday 1 April: the business's formal notice claims the fixed 40.00
    // (recovery_compensation.toml) and interest for 17 March–1 April, 16 days:
    // 1,210.00 × 0.105 × 16 / 365 = 5.5693… → 5.57.
    let t = t.on_day("2026-04-01").await;
    assert_eq!(
        sent(&run(&t).await),
        [(b2b.clone(), 2, "formal_notice".into(), "2026-04-01".into(), false, "5.57".into(), json!("40.00"))]
    );

    // Friday 3 April, before any run: the consumer's notice is due today, so it comes first.
    let t = t.on_day("2026-04-03").await;
    let list = t.get("/dunning").await.ok(200).clone();
    assert_eq!(list["total"], 2);
    let first = &list["items"][0];
    assert_eq!(first["invoice_id"], b2c.as_str());
    assert_eq!(first["client_kind"], "consumer");
    assert_eq!(
        (first["next_step"].as_str(), first["next_step_from"].as_str()),
        (Some("formal_notice"), Some("2026-04-03"))
    );
    assert_eq!((first["last_step"].as_str(), first["last_step_on"].as_str()), (Some("reminder"), Some("2026-03-17")));
    assert_eq!(first["days_overdue"], 18);
    assert_eq!(first["outstanding"], "363.00");
    // Interest from 3 April, 1 day: 363.00 × 0.105 / 365 = 0.1044… → 0.10.
    assert_eq!(first["interest"], "0.10");
    assert_eq!(first["status"], "active");
    let second = &list["items"][1];
    assert_eq!(second["invoice_id"], b2b.as_str());
    assert_eq!(second["client_name"], "Atelier Lumière");
    // 17 March–3 April, 18 days: 1,210.00 × 0.105 × 18 / 365 = 6.2654… → 6.27.
    assert_eq!(second["interest"], "6.27");
    // The handover: 30 days from the day after the notice: 2 May.
    assert_eq!(
        (second["next_step"].as_str(), second["next_step_from"].as_str()),
        (Some("handover"), Some("2026-05-02"))
    );
    assert_eq!(second["steps"].as_array().unwrap().len(), 2);

    // The consumer disputes the invoice: paused, nothing is sent.
    let p = t
        .post(format!("/invoices/{b2c}/dunning"), json!({"action": "pause", "reason": "the client disputes the hours"}))
        .await;
    assert_eq!(p.ok(200)["status"], "paused");
    assert_eq!(p.body["reason"], "the client disputes the hours");
    assert_eq!(sent(&run(&t).await), []);
    let t = t.on_day("2026-04-07").await;
    assert_eq!(sent(&run(&t).await), []);
    let list = t.get("/dunning").await.ok(200).clone();
    assert_eq!(list["items"][1]["invoice_id"], b2c.as_str(), "a paused file comes last");

    // Resumed on Tuesday 7 April: the notice goes, claiming the Book XIX damages on 363.00
    // (consumer_damages.toml: 30.00 + 10 % of 213.00 = 51.30) and interest from 3 April,
    // 5 days: 363.00 × 0.105 × 5 / 365 = 0.5221… → 0.52.
    let r = t.post(format!("/invoices/{b2c}/dunning"), json!({"action": "resume"})).await;
    assert_eq!(r.ok(200)["status"], "active");
    let r = run(&t).await;
    assert_eq!(
        sent(&r),
        [(b2c.clone(), 2, "formal_notice".into(), "2026-04-07".into(), true, "0.52".into(), json!("51.30"))]
    );
    assert_eq!(r["sent"][0]["interest_from"], "2026-04-03");

    // The business pays: its invoice leaves the list and its dunning is settled.
    let t = t.on_day("2026-04-08").await;
    t.post(format!("/invoices/{b2b}/payments"), json!({"amount": "1210.00", "currency": "EUR"})).await.ok(201);
    let list = t.get("/dunning").await.ok(200).clone();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["invoice_id"], b2c.as_str());
    let r = run(&t).await;
    assert_eq!(sent(&r), []);
    assert_eq!(r["settled"], json!([b2b]));
    let settled = t.get(format!("/invoices/{b2b}/dunning")).await.ok(200).clone();
    assert_eq!((settled["status"].as_str(), settled["outstanding"].as_str()), (Some("settled"), Some("0.00")));
    assert_eq!(settled["next_step"], Value::Null);
    t.post(format!("/invoices/{b2b}/dunning"), json!({"action": "pause", "reason": "x"}))
        .await
        .problem(409, "invoice-not-dunnable");

    // The consumer's file goes to collection 30 days after the third working day after the
    // posted notice (Friday 10 April): from Sunday 10 May, so Monday's run sends it, with
    // interest from 3 April to 11 May, 39 days:
    // 363.00 × 0.105 × 39 / 365 = 4.0725… → 4.07. Nothing more is sent after it.
    let t = t.on_day("2026-05-09").await;
    assert_eq!(sent(&run(&t).await), []);
    let t = t.on_day("2026-05-11").await;
    assert_eq!(
        sent(&run(&t).await),
        [(b2c.clone(), 3, "handover".into(), "2026-05-11".into(), true, "4.07".into(), Value::Null)]
    );
    let case = t.get(format!("/invoices/{b2c}/dunning")).await.ok(200).clone();
    assert_eq!(case["status"], "handed_to_collection");
    assert_eq!(case["next_step"], Value::Null);
    assert_eq!(sent(&run(&t).await), []);

    // Dunning records claims; it posts nothing: the journal holds the two invoices and the payment.
    let tb = t.balanced().await;
    assert_eq!(tb["entries"].as_u64().unwrap(), entries.as_u64().unwrap() + 1);
}

async fn bad_dunning_input_is_refused_clearly_and_writes_nothing(db: Db) {
    let t = start(db).await;
    let member = t.member("bad-dunning@example.org").await;
    let activity = t.activity(&member, "Talks").await;
    let c = t.belgian_client().await;
    let open = issued(&t, &activity, &c, "100.00").await;
    let paid = issued(&t, &activity, &c, "50.00").await;
    t.post(format!("/invoices/{paid}/payments"), json!({"amount": "60.50", "currency": "EUR"})).await.ok(201);
    let gone = issued(&t, &activity, &c, "70.00").await;
    t.post(format!("/invoices/{gone}/default"), json!({"reason": "bankruptcy"})).await.ok(200);
    let draft = t.draft(&activity, &c, "10.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    let t = t.on_day("2026-03-20").await;
    let snapshot = async |t: &TestNode| {
        (
            t.get("/dunning").await.ok(200).clone(),
            t.get(format!("/invoices/{open}/dunning")).await.ok(200).clone(),
            t.balanced().await["entries"].clone(),
        )
    };
    let before = snapshot(&t).await;
    assert_eq!(before.0["total"], 1);
    assert_eq!(before.1["steps"], json!([]));

    let r = t.post("/dunning/runs", json!({"date": "2026-03-21"})).await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "date");
    t.post("/dunning/runs", json!({"date": "2026-13-01"})).await.problem(422, "invalid-body");
    t.post("/dunning/runs", json!({"day": "2026-03-20"})).await.problem(422, "invalid-body");
    t.post_raw("/dunning/runs", "{").await.problem(400, "malformed-json");
    t.get("/dunning?limit=0").await.problem(422, "out-of-range");
    t.get("/dunning?limit=many").await.problem(400, "bad-query");

    let nobody = "00000000-0000-7000-8000-000000000000";
    let r = t.post(format!("/invoices/{open}/dunning"), json!({"action": "forget", "reason": "x"})).await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "action");
    for body in [
        json!({"action": "pause"}),
        json!({"action": "pause", "reason": "  "}),
        json!({"action": "hand_to_collection"}),
    ] {
        let r = t.post(format!("/invoices/{open}/dunning"), body).await;
        r.problem(422, "invalid-field");
        assert_eq!(r.body["field"], "reason");
    }
    let r = t.post(format!("/invoices/{open}/dunning"), json!({"action": "pause", "reason": "x".repeat(501)})).await;
    assert_eq!(r.body["field"], "reason");
    t.post(format!("/invoices/{open}/dunning"), json!({"reason": "x"})).await.problem(422, "invalid-body");
    t.post(format!("/invoices/{open}/dunning"), json!({"action": "resume"})).await.problem(409, "dunning-transition");
    t.post(format!("/invoices/{nobody}/dunning"), json!({"action": "pause", "reason": "x"}))
        .await
        .problem(404, "not-found");
    t.post("/invoices/abc/dunning", json!({"action": "pause", "reason": "x"})).await.problem(400, "bad-id");
    for (inv, what) in [(&paid, "paid"), (&gone, "written_off"), (&draft, "draft")] {
        let d = t
            .post(format!("/invoices/{inv}/dunning"), json!({"action": "pause", "reason": "x"}))
            .await
            .problem(409, "invoice-not-dunnable");
        assert!(d.contains(what), "{d}");
    }
    t.get(format!("/invoices/{nobody}/dunning")).await.problem(404, "not-found");
    t.get(format!("/invoices/{draft}/dunning")).await.problem(409, "draft-not-dunned");

    assert_eq!(snapshot(&t).await, before, "a refused request wrote something");
}

on_both_databases!(
    overdue_invoices_get_the_schedule_s_steps_and_interest,
    bad_dunning_input_is_refused_clearly_and_writes_nothing
);
