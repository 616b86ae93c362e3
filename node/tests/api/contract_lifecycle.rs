//! A contract's life after validation: the NSSO's acknowledgement of its DIMONA
//! IN, its cancellation before the work (DIMONA CANCEL per day) and the end of an
//! open-ended one (DIMONA OUT; the last month paid by calendar days and its year
//! settled in that month's run).

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}")).parse().unwrap()
}

async fn member_with_activity(t: &TestNode, email: &str) -> String {
    let m = t.member(email).await;
    t.put(format!("/members/{m}/identity"), json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30"}))
        .await
        .ok(200);
    t.put(format!("/members/{m}/payroll"), json!({"iban": "BE68 5390 0754 7034", "family": "single"})).await.ok(200);
    t.activity(&m, "Sound engineering").await
}

async fn validated(t: &TestNode, body: Value) -> Value {
    let id = t.post("/work-declarations", body).await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/work-declarations/{id}/validate"), json!(null)).await.ok(200)["contract"].clone()
}

async fn run(t: &TestNode, period: &str) -> Vec<Value> {
    let r = t.post("/payroll-runs", json!({"period": period})).await;
    let id = r.body["id"].as_str().unwrap_or_else(|| panic!("{}", r.text)).to_owned();
    for _ in 0..400 {
        if t.get(format!("/payroll-runs/{id}")).await.ok(200)["status"] == "completed" {
            return t.get(format!("/payroll-runs/{id}/payslips")).await.ok(200).as_array().unwrap().clone();
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the run did not complete");
}

async fn a_contract_cancelled_before_its_work_is_declared_cancelled_and_never_paid(db: Db) {
    let t = start(db).await; // Monday 2 March 2026
    let activity = member_with_activity(&t, "cancel@example.org").await;
    let client = t.belgian_client().await;
    let inv = t.draft(&activity, &client, "1000.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{inv}/issue"), json!(null)).await.ok(200);
    let k = validated(
        &t,
        json!({"activity_id": activity, "function": "Sound engineer", "place": "Ghent", "worker_category": "white-collar",
            "budget": "400.00", "currency": "EUR",
            "periods": [{"date": "2026-03-10", "start": "09:00", "end": "17:00"}, {"date": "2026-03-11", "start": "09:00", "end": "17:00"}]}),
    )
    .await;
    let id = k["id"].as_str().unwrap().to_owned();
    let filed = k["hiring_declarations"][0]["id"].as_str().unwrap().to_owned();
    // Without the NSSO's period numbers there is nothing to cancel with.
    let d = t
        .post(format!("/contracts/{id}/cancel"), json!({"reason": "concert called off"}))
        .await
        .problem(409, "not-acknowledged");
    assert!(d.contains("acknowledgement"), "{d}");
    let ack = |ids: Value| json!({"period_ids": ids});
    t.put(format!("/hiring-declarations/{filed}/acknowledgement"), ack(json!(["123456789012"])))
        .await
        .problem(422, "invalid-field");
    // The pack checks each number and the refusal names the one it refused.
    let short =
        t.put(format!("/hiring-declarations/{filed}/acknowledgement"), ack(json!(["123456789012", "12345"]))).await;
    let detail = short.problem(422, "invalid-field");
    assert_eq!(short.body["field"], "period_ids", "{}", short.text);
    assert!(detail.contains("period_ids[1]") && detail.contains("'12345'"), "{detail}");
    t.put(format!("/hiring-declarations/{filed}/acknowledgement"), ack(json!(["123456789012", "123456789013"])))
        .await
        .ok(200);
    t.put(format!("/hiring-declarations/{filed}/acknowledgement"), ack(json!(["123456789012", "123456789013"])))
        .await
        .problem(409, "already-acknowledged");
    // The second day's hours change before the work: a DIMONA UPDATE of that day's period.
    let upd = |date: &str, start: &str, end: &str| json!({"date": date, "start": start, "end": end});
    t.post(format!("/contracts/{id}/update"), upd("2026-03-12", "14:00", "22:00")).await.problem(422, "invalid-field");
    t.post(format!("/contracts/{id}/update"), upd("2026-03-11", "22:00", "14:00")).await.problem(422, "invalid-field");
    t.post(format!("/contracts/{id}/update"), upd("2026-03-11", "2pm", "22:00")).await.problem(422, "invalid-body");
    let changed = t.post(format!("/contracts/{id}/update"), upd("2026-03-11", "14:00", "22:00")).await.ok(200).clone();
    assert_eq!(changed["ends_at"], "2026-03-11T22:00:00");
    let update =
        changed["hiring_declarations"].as_array().unwrap().iter().find(|h| h["action"] == "update").unwrap().clone();
    let xml = t.get(format!("/hiring-declarations/{}", update["id"].as_str().unwrap())).await.text;
    assert!(xml.contains("<DimonaUpdate>") && xml.contains("<DimonaPeriodId>123456789013</DimonaPeriodId>"), "{xml}");
    assert!(xml.contains("2026-03-11"), "{xml}");
    t.post(format!("/contracts/{id}/cancel"), json!({"reason": " "})).await.problem(422, "invalid-field");
    let done = t.post(format!("/contracts/{id}/cancel"), json!({"reason": "concert called off"})).await.ok(200).clone();
    assert_eq!(done["status"], "cancelled");
    let cancels: Vec<&Value> =
        done["hiring_declarations"].as_array().unwrap().iter().filter(|h| h["action"] == "cancel").collect();
    assert_eq!(cancels.len(), 2, "one CANCEL per day: {done}");
    let xml = t.get(format!("/hiring-declarations/{}", cancels[1]["id"].as_str().unwrap())).await.text;
    assert!(xml.contains("<DimonaCancel>") && xml.contains("<DimonaPeriodId>123456789013</DimonaPeriodId>"), "{xml}");
    t.post(format!("/contracts/{id}/cancel"), json!({"reason": "again"})).await.problem(409, "contract-not-active");
    // The March run pays nothing for it.
    let t = t.on_day("2026-03-13").await;
    assert!(run(&t, "2026-03").await.is_empty());
    t.balanced().await;
    // A contract whose work has started is not cancelled nor changed; nor is an unknown one.
    let k2 = validated(
        &t,
        json!({"activity_id": activity, "function": "Sound engineer", "place": "Ghent", "worker_category": "white-collar",
            "budget": "200.00", "currency": "EUR", "periods": [{"date": "2026-03-16", "start": "09:00", "end": "17:00"}]}),
    )
    .await;
    let t = t.on_day("2026-03-17").await;
    let d = t.post(format!("/contracts/{}/cancel", k2["id"].as_str().unwrap()), json!({"reason": "late"})).await;
    assert!(d.problem(409, "contract-started").contains("started"));
    t.post(format!("/contracts/{}/update", k2["id"].as_str().unwrap()), upd("2026-03-16", "10:00", "12:00"))
        .await
        .problem(409, "hours-changed-too-late");
    let nobody = uuid::Uuid::now_v7();
    t.post(format!("/contracts/{nobody}/cancel"), json!({"reason": "x"})).await.problem(404, "not-found");
    t.put(format!("/hiring-declarations/{nobody}/acknowledgement"), ack(json!(["123456789012"])))
        .await
        .problem(404, "not-found");
    // A per-performance contract is not ended, it ends with its work.
    t.post(format!("/contracts/{}/end", k2["id"].as_str().unwrap()), json!({"on": "2026-03-31"}))
        .await
        .problem(409, "contract-ends-with-its-work");
}

async fn an_ended_stabilised_contract_is_paid_its_last_days_and_settled(db: Db) {
    let t = start(db).await;
    let t = t.on_day("2026-03-20").await;
    let activity = member_with_activity(&t, "leaving@example.org").await;
    let k = validated(
        &t,
        json!({"activity_id": activity, "function": "Sound engineer", "place": "Ghent", "worker_category": "white-collar",
            "kind": "stabilised_monthly", "budget": "24000.00", "currency": "EUR",
            "periods": [{"date": "2026-04-01", "start": "09:00", "end": "17:00"}]}),
    )
    .await;
    let id = k["id"].as_str().unwrap().to_owned();
    let filed = k["hiring_declarations"][0]["id"].as_str().unwrap().to_owned();
    t.put(format!("/hiring-declarations/{filed}/acknowledgement"), json!({"period_ids": ["555555555555"]}))
        .await
        .ok(200);
    // April: 5,000 invoiced and paid (budget 4,675.00); the month's salary.
    let t = t.on_day("2026-04-15").await;
    let client = t.belgian_client().await;
    let inv = t.draft(&activity, &client, "5000.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{inv}/issue"), json!(null)).await.ok(200);
    t.post(format!("/invoices/{inv}/payments"), json!({"amount": "6050.00", "currency": "EUR"})).await.ok(201);
    let t = t.on_day("2026-04-30").await;
    let april = run(&t, "2026-04").await;
    assert_eq!(april.len(), 1);
    let mut costs = dec(&april[0]["employer_cost"]);
    // The end cannot cut a month already paid, nor come before the start.
    let t = t.on_day("2026-05-04").await;
    t.post(format!("/contracts/{id}/end"), json!({"on": "2026-04-20"})).await.problem(409, "salary-already-paid");
    t.post(format!("/contracts/{id}/end"), json!({"on": "2026-03-01"})).await.problem(422, "invalid-field");
    t.post(format!("/contracts/{id}/end"), json!({"on": "someday"})).await.problem(422, "invalid-body");
    let ended = t.post(format!("/contracts/{id}/end"), json!({"on": "2026-05-20"})).await.ok(200).clone();
    assert_eq!(ended["status"], "ended");
    assert_eq!(ended["ends_at"], "2026-05-20T23:59:59");
    let out = ended["hiring_declarations"].as_array().unwrap().iter().find(|h| h["action"] == "out").unwrap().clone();
    let xml = t.get(format!("/hiring-declarations/{}", out["id"].as_str().unwrap())).await.text;
    assert!(xml.contains("<DimonaOut>") && xml.contains("<EndingDate>2026-05-20</EndingDate>"), "{xml}");
    assert!(xml.contains("<DimonaPeriodId>555555555555</DimonaPeriodId>"));
    t.post(format!("/contracts/{id}/end"), json!({"on": "2026-05-25"})).await.problem(409, "contract-not-active");
    // May: 20 days of 31 (2,000 × 20 / 31 = 1,290.32), then the year settled at once.
    let t = t.on_day("2026-05-31").await;
    let may = run(&t, "2026-05").await;
    let regular = may.iter().find(|s| s["kind"] == "regular").unwrap();
    let cost = dec(&regular["employer_cost"]);
    let share: Decimal = "1290.32".parse().unwrap();
    assert!(cost <= share && cost > share - Decimal::new(50, 2), "May cost {cost}");
    costs += cost;
    let tu = t.get(format!("/contracts/{id}/true-ups")).await.ok(200).clone();
    assert_eq!(tu[0]["outcome"], "pay", "{tu}");
    assert_eq!(dec(&tu[0]["amount"]), "4675.00".parse::<Decimal>().unwrap() - costs);
    assert!(may.iter().any(|s| s["kind"] == "true_up"));
    // June: nothing more.
    let t = t.on_day("2026-06-30").await;
    assert!(run(&t, "2026-06").await.is_empty());
    t.balanced().await;
}

async fn a_platform_enrolment_ended_refuses_later_hours(db: Db) {
    let t = start(db).await; // Monday 2 March 2026, noon: the enrolment
    let client = t.belgian_client().await;
    let p = t
        .post(
            "/platforms",
            json!({"name": "Fast Meals", "client_id": client, "hourly_rate": "18.50", "currency": "EUR",
                   "vat_rate": "21", "worker_category": "manual", "function": "Bicycle courier"}),
        )
        .await
        .ok(201)
        .clone();
    let token = p["token"].as_str().unwrap().to_owned();
    let m = t.member("rider@example.org").await;
    t.put(format!("/members/{m}/identity"), json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30"}))
        .await
        .ok(200);
    let e = t
        .post(format!("/platforms/{}/workers", p["id"].as_str().unwrap()), json!({"worker_ref": "w1", "member_id": m}))
        .await
        .ok(201)
        .clone();
    let framework = e["framework_contract_id"].as_str().unwrap().to_owned();
    let k = t.get(format!("/contracts/{framework}")).await.ok(200).clone();
    assert_eq!(k["kind"], "framework");
    let filed = k["hiring_declarations"][0]["id"].as_str().unwrap().to_owned();
    t.put(format!("/hiring-declarations/{filed}/acknowledgement"), json!({"period_ids": ["777777777777"]}))
        .await
        .ok(200);
    let t = t.on_day("2026-03-04").await;
    assert_eq!(
        t.post(format!("/contracts/{framework}/end"), json!({"on": "2026-03-04"})).await.ok(200)["status"],
        "ended"
    );
    let t = t.on_day("2026-03-09").await;
    let batch = json!({"batch_id": "b1", "lines": [
        {"worker": "w1", "date": "2026-03-03", "start": "18:00", "end": "19:00"},
        {"worker": "w1", "date": "2026-03-05", "start": "18:00", "end": "19:00"}]});
    let (status, r) = crate::platforms::as_platform(&t, &token, "/platform/batches", Some(batch)).await;
    assert_eq!(status, 201, "{r}");
    assert_eq!(r["accepted"], 1);
    assert_eq!(r["rejected"][0]["line"], 1);
    assert!(r["rejected"][0]["reason"].as_str().unwrap().contains("enrolment ended"), "{r}");
    t.balanced().await;
}

on_both_databases!(
    a_contract_cancelled_before_its_work_is_declared_cancelled_and_never_paid,
    an_ended_stabilised_contract_is_paid_its_last_days_and_settled,
    a_platform_enrolment_ended_refuses_later_hours
);
