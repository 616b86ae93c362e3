//! Partner platforms: a platform posts its workers' hours with its own token;
//! each valid line becomes an hourly contract covered by the hiring declaration
//! filed at enrolment, the platform is invoiced, bad lines are refused one by
//! one with their reasons, and a batch sent twice is processed once.

use crate::common::{start, Db, TestNode, TOKEN};
use crate::on_both_databases;
use serde_json::{json, Value};

/// A platform, its token and three enrolled couriers (w1, w2, w3), on Monday 2 March 2026.
pub async fn platform_with_workers(t: &TestNode, workers: usize) -> (String, String, Vec<String>) {
    let client = t
        .post(
            "/clients",
            json!({"name": "Fast Meals Platform SA", "kind": "business", "country": "BE", "vat_number": "BE0403170701",
                   "street": "Avenue Louise 54", "postal_code": "1050", "city": "Ixelles"}),
        )
        .await
        .ok(201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
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
    assert!(token.len() >= 64, "a long random token");
    assert!(t.get(format!("/platforms/{}", p["id"].as_str().unwrap())).await.ok(200).get("token").is_none());
    let mut members = Vec::new();
    for i in 0..workers {
        let m = t.member(&format!("courier{i}@example.org")).await;
        let (nn, birth) = partage::drill::national_number(i);
        t.put(format!("/members/{m}/identity"), json!({"national_id": nn, "birth_date": birth.to_string()}))
            .await
            .ok(200);
        t.put(format!("/members/{m}/payroll"), json!({"iban": partage::drill::iban(i), "family": "single"}))
            .await
            .ok(200);
        let e = t
            .post(
                format!("/platforms/{}/workers", p["id"].as_str().unwrap()),
                json!({"worker_ref": format!("w{}", i + 1), "member_id": m}),
            )
            .await;
        assert_eq!(e.ok(201)["member_id"], json!(m));
        members.push(m);
    }
    (p["id"].as_str().unwrap().to_owned(), token, members)
}

pub async fn as_platform(t: &TestNode, token: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let url = format!("{}{path}", t.base);
    let req = match body {
        Some(b) => t.http.post(url).json(&b),
        None => t.http.get(url),
    };
    let res = req.bearer_auth(token).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn line(worker: &str, date: &str, start: &str, end: &str) -> Value {
    json!({"worker": worker, "date": date, "start": start, "end": end})
}

async fn a_platform_batch_keeps_valid_lines_and_rejects_the_rest_line_by_line(db: Db) {
    // Monday 2 March 2026, noon: the enrolments' time.
    let t = crate::common::start_with(db, &crate::quarterly_returns::EMPLOYER).await;
    let (_platform, token, members) = platform_with_workers(&t, 3).await;
    let t = t.on_day("2026-03-09").await;
    let lines = vec![
        line("w1", "2026-03-03", "18:00", "22:00"), // 0: 4 h
        line("w1", "2026-03-04", "11:00", "14:30"), // 1: 3.5 h
        line("w2", "2026-03-03", "18:00", "21:15"), // 2: 3.25 h
        line("w1", "2026-03-03", "21:00", "23:00"), // 3: overlaps line 0
        line("zz", "2026-03-03", "18:00", "20:00"), // 4: unknown worker
        line("w2", "2026-03-10", "10:00", "12:00"), // 5: tomorrow
        line("w3", "2026-03-02", "10:00", "11:00"), // 6: before the enrolment at noon
        line("w3", "2026-03-05", "25:00", "26:00"), // 7: not a time
        line("w3", "2026-03-05", "10:10", "12:00"), // 8: not a quarter hour
        line("w3", "2026-03-05", "12:00", "10:00"), // 9: ends before it starts
        line("w3", "2026-03-05", "10:00", "12:00"), // 10: 2 h
    ];
    let batch = json!({"batch_id": "2026-W10-1", "lines": lines});
    let (status, r) = as_platform(&t, &token, "/platform/batches", Some(batch.clone())).await;
    assert_eq!(status, 201, "{r}");
    assert_eq!(r["lines"], 11);
    assert_eq!(r["accepted"], 4);
    let rejected: Vec<(u64, String)> = r["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["line"].as_u64().unwrap(), x["reason"].as_str().unwrap().to_owned()))
        .collect();
    let expect = [
        (3, "overlaps"),
        (4, "unknown worker"),
        (5, "future"),
        (6, "enrolment"),
        (7, "HH:MM"),
        (8, "quarter hour"),
        (9, "before they start"),
    ];
    assert_eq!(rejected.len(), expect.len(), "{rejected:?}");
    for ((line, reason), (want_line, want)) in rejected.iter().zip(expect) {
        assert_eq!(*line, want_line);
        assert!(reason.contains(want), "line {line}: {reason}");
    }
    // 12.75 hours at 18.50 an hour, each line rounded to the cent:
    // 74.00 + 64.75 + 60.13 (3.25 × 18.50 = 60.125) + 37.00.
    assert_eq!(r["hours"], "12.75");
    assert_eq!(r["invoiced"], "235.88");
    let invoices = r["invoices"].as_array().unwrap();
    assert_eq!(invoices.len(), 3, "one invoice per worker");
    let mut nets = Vec::new();
    for id in invoices {
        let inv = t.get(format!("/invoices/{}", id.as_str().unwrap())).await.ok(200).clone();
        assert_eq!(inv["status"], "issued");
        nets.push(inv["totals"]["net"].as_str().unwrap().to_owned());
    }
    nets.sort();
    // The platform's invoices are Peppol BIS Billing 3.0 documents like any other:
    // one line per shift, in hours (UN/ECE Rec 20 "HUR").
    let xml = t.get(format!("/invoices/{}/peppol.xml", invoices[0].as_str().unwrap())).await;
    assert_eq!(xml.status, 200);
    assert!(xml.text.contains("unitCode=\"HUR\""), "{}", xml.text);
    crate::common::assert_peppol_valid(&[("platform-invoice", xml.text)]);
    assert_eq!(nets, ["138.75", "37.00", "60.13"], "w1: 4 h + 3.5 h; w3: 2 h; w2: 3.25 h");

    // Sent again (the answer was lost): the same answer, nothing new.
    let (status, again) = as_platform(&t, &token, "/platform/batches", Some(batch)).await;
    assert_eq!(status, 200);
    assert_eq!(again, r);
    let (status, stored) = as_platform(&t, &token, "/platform/batches/2026-W10-1", None).await;
    assert_eq!(status, 200);
    assert_eq!(stored, r);
    // The same id with other lines is refused.
    let other = json!({"batch_id": "2026-W10-1", "lines": [line("w2", "2026-03-05", "09:00", "10:00")]});
    let (status, p) = as_platform(&t, &token, "/platform/batches", Some(other)).await;
    assert_eq!(status, 409, "{p}");
    // A later batch overlapping kept hours is refused for that line only.
    let next = json!({"batch_id": "2026-W10-2", "lines": [
        line("w2", "2026-03-03", "20:00", "21:00"), line("w2", "2026-03-06", "09:00", "10:00")]});
    let (status, r2) = as_platform(&t, &token, "/platform/batches", Some(next)).await;
    assert_eq!(status, 201);
    assert_eq!(r2["accepted"], 1);
    assert!(r2["rejected"][0]["reason"].as_str().unwrap().contains("overlaps"));
    t.balanced().await;

    // The March run pays the five hourly contracts while the platform has not paid.
    let run = t.post("/payroll-runs", json!({"period": "2026-03"})).await.ok(202)["id"].as_str().unwrap().to_owned();
    let mut done = Value::Null;
    for _ in 0..400 {
        done = t.get(format!("/payroll-runs/{run}")).await.ok(200).clone();
        if done["status"] == "completed" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(done["payslips"], 5, "{done}");
    let slips = t.get(format!("/payroll-runs/{run}/payslips")).await.ok(200).as_array().unwrap().clone();
    for s in &slips {
        assert!(s["paid_within_deadline"].as_bool().unwrap());
        assert!(members.iter().any(|m| json!(m) == s["member_id"]));
    }
    let k = t.get(format!("/contracts/{}", slips[0]["contract_id"].as_str().unwrap())).await.ok(200).clone();
    assert_eq!(k["kind"], "hourly");
    let filed = k["hiring_declarations"][0]["declared_at"].as_str().unwrap().to_owned();
    assert!(filed.as_str() < k["starts_at"].as_str().unwrap(), "declared at enrolment, before the hours");
    let fund = t.get("/guarantee-fund").await.ok(200).clone();
    assert_ne!(fund["open_advances"], "0.00", "the fund advanced what the platform owes");
    t.balanced().await;

    // The first quarter's DmfA declares the hourly contracts with their hours.
    let t = t.on_day("2026-04-02").await;
    let q = t.post("/quarterly-returns", json!({"quarter": "2026-Q1"})).await.ok(201).clone();
    assert_eq!(q["payslips"], 5, "{q}");
    let xml = t.get(format!("/quarterly-returns/{}/xml", q["id"].as_str().unwrap())).await;
    crate::common::assert_dmfa_valid(&xml.text);
    // w1 worked 4 h, 3.5 h and (second batch) nothing; w2 3.25 h and 1 h; w3 2 h.
    assert!(xml.text.contains("<ServiceNbrHours>400</ServiceNbrHours>"), "{}", xml.text);
    assert!(xml.text.contains("<ServiceNbrHours>325</ServiceNbrHours>"));
}

async fn platform_routes_take_only_the_platform_token_and_refuse_bad_input(db: Db) {
    let t = start(db).await;
    let (platform, token, members) = platform_with_workers(&t, 1).await;
    let t = t.on_day("2026-03-09").await;
    let ok = json!({"batch_id": "b1", "lines": [line("w1", "2026-03-03", "18:00", "19:00")]});
    // The node's token does not open a platform's routes, nor the reverse.
    let (status, p) = as_platform(&t, TOKEN, "/platform/batches", Some(ok.clone())).await;
    assert_eq!((status, p["code"].as_str()), (401, Some("bad-token")));
    let (status, _) = as_platform(&t, "ptk_nonsense", "/platform/batches", Some(ok.clone())).await;
    assert_eq!(status, 401);
    let (status, _) = as_platform(&t, &token, "/members", None).await;
    assert_eq!(status, 401);
    // Bad batches: nothing kept.
    for (body, field) in [
        (json!({"batch_id": "", "lines": [line("w1", "2026-03-03", "18:00", "19:00")]}), "batch_id"),
        (json!({"batch_id": "b2", "lines": []}), "lines"),
        (json!({"batch_id": "x".repeat(65), "lines": [line("w1", "2026-03-03", "18:00", "19:00")]}), "batch_id"),
    ] {
        let (status, p) = as_platform(&t, &token, "/platform/batches", Some(body)).await;
        assert_eq!(status, 422, "{p}");
        assert_eq!(p["field"], field);
    }
    let (status, p) = as_platform(&t, &token, "/platform/batches", Some(json!({"lines": []}))).await;
    assert_eq!(status, 422, "{p}");
    let (status, _) = as_platform(&t, &token, "/platform/batches/b2", None).await;
    assert_eq!(status, 404, "a refused batch is not stored");
    // Registration and enrolment.
    let client = t.belgian_client().await;
    let good = json!({"name": "P", "client_id": client, "hourly_rate": "18.50", "currency": "EUR", "vat_rate": "21",
        "worker_category": "manual", "function": "Courier"});
    for (field, value, status) in [
        ("hourly_rate", json!("-1"), 422),
        ("hourly_rate", json!("abc"), 422),
        ("worker_category", json!("astronaut"), 422),
        ("name", json!(" "), 422),
        ("currency", json!("USD"), 422),
        ("client_id", json!(uuid::Uuid::now_v7()), 404),
    ] {
        let mut b = good.clone();
        b[field] = value;
        assert_eq!(t.post("/platforms", b).await.status.as_u16(), status, "{field}");
    }
    let enrol = |m: &str, r: &str| json!({"worker_ref": r, "member_id": m});
    t.post(format!("/platforms/{platform}/workers"), enrol(&members[0], "w1")).await.problem(409, "already-enrolled");
    t.post(format!("/platforms/{platform}/workers"), enrol(&members[0], "")).await.problem(422, "invalid-field");
    // Belgium's pack keeps no motive list: an enrolment's motive is refused as a declaration's is.
    let mut motivated = enrol(&members[0], "w9");
    motivated["motive"] = json!({"code": "activity_increase", "detail": "rush"});
    let r = t.post(format!("/platforms/{platform}/workers"), motivated).await;
    r.problem(422, "contract-motive-not-accepted");
    assert_eq!(r.body["field"], "motive");
    let stranger = uuid::Uuid::now_v7().to_string();
    t.post(format!("/platforms/{platform}/workers"), enrol(&stranger, "w9")).await.problem(404, "not-found");
    let nobody = t.member("noid@example.org").await;
    let d = t
        .post(format!("/platforms/{platform}/workers"), enrol(&nobody, "w9"))
        .await
        .problem(409, "member-without-identity");
    assert!(d.contains("national number"), "{d}");
    t.post(format!("/platforms/{stranger}/workers"), enrol(&nobody, "w9")).await.problem(404, "not-found");
    // Nothing of all that was written: one platform, one batch-less worker, a balanced journal.
    let (status, r) = as_platform(&t, &token, "/platform/batches", Some(ok)).await;
    assert_eq!(status, 201);
    assert_eq!(r["accepted"], 1);
    t.balanced().await;
}

on_both_databases!(
    a_platform_batch_keeps_valid_lines_and_rejects_the_rest_line_by_line,
    platform_routes_take_only_the_platform_token_and_refuse_bad_input
);

/// A batch after a change of the fee: its invoice takes the fee in force on its day, and the
/// hourly contract's budget is what that invoice leaves, as for any invoice.
async fn a_platform_batch_is_invoiced_at_the_fee_in_force_on_its_day(db: Db) {
    let t = crate::common::start_with(db, &crate::quarterly_returns::EMPLOYER).await;
    let (_platform, token, members) = platform_with_workers(&t, 1).await;
    let change = json!({"valid_from": "2026-03-04", "rate": "0.08", "guarantee_fund_share": "0.25",
                        "reason": "General assembly of 20 February 2026"});
    t.post("/settings/fee/changes", change).await.ok(201);
    let t = t.on_day("2026-03-09").await;
    let batch = json!({"batch_id": "2026-W10-fee", "lines": [line("w1", "2026-03-05", "10:00", "14:00")]});
    let (status, r) = as_platform(&t, &token, "/platform/batches", Some(batch)).await;
    assert_eq!(status, 201, "{r}");
    // 4 hours at 18.50: 74.00, of which 8 % (5.92) is the fee and a quarter of it (1.48) the fund's.
    assert_eq!(r["invoiced"], "74.00");
    let invoice = r["invoices"][0].as_str().unwrap().to_owned();
    let fee = t.get(format!("/invoices/{invoice}")).await.ok(200)["fee"].clone();
    assert_eq!(fee, json!({"fee": "5.92", "guarantee_fund": "1.48", "budget": "68.08"}));
    let contracts = t.get(format!("/contracts?member_id={}", members[0])).await.ok(200)["items"].clone();
    let budgets: Vec<&str> = contracts
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "hourly")
        .filter_map(|c| c["budget"].as_str())
        .collect();
    assert_eq!(budgets, ["68.08"], "{contracts}");
    t.balanced().await;
}

on_both_databases!(a_platform_batch_is_invoiced_at_the_fee_in_force_on_its_day);

async fn platform_hours_overlap_only_the_days_and_hours_of_other_contracts(db: Db) {
    let t = start(db).await; // Monday 2 March 2026, noon
    let (_platform, token, members) = platform_with_workers(&t, 1).await;
    // The same member plays two mornings for a theatre: Tuesday 3 and Thursday 5 March.
    let activity = t.activity(&members[0], "Street theatre").await;
    let client = t.belgian_client().await;
    let inv = t.draft(&activity, &client, "800.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{inv}/issue"), json!(null)).await.ok(200);
    let d = t
        .post(
            "/work-declarations",
            json!({"activity_id": activity, "function": "Actor", "place": "Liège", "worker_category": "artist",
                "budget": "300.00", "currency": "EUR", "periods": [
                    {"date": "2026-03-03", "start": "09:00", "end": "12:00"},
                    {"date": "2026-03-05", "start": "09:00", "end": "12:00"}]}),
        )
        .await
        .ok(201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    t.post(format!("/work-declarations/{d}/validate"), json!(null)).await.ok(200);
    let t = t.on_day("2026-03-09").await;
    let batch = json!({"batch_id": "b1", "lines": [
        line("w1", "2026-03-03", "13:00", "14:00"), // after Tuesday's performance
        line("w1", "2026-03-04", "10:00", "11:00"), // Wednesday, between the two days
        line("w1", "2026-03-05", "11:00", "13:00"), // overlaps Thursday's morning
    ]});
    let (status, r) = as_platform(&t, &token, "/platform/batches", Some(batch)).await;
    assert_eq!(status, 201, "{r}");
    assert_eq!(r["accepted"], 2, "{r}");
    assert_eq!(r["rejected"].as_array().unwrap().len(), 1);
    assert_eq!(r["rejected"][0]["line"], 2);
    assert!(r["rejected"][0]["reason"].as_str().unwrap().contains("overlaps"));
}

on_both_databases!(platform_hours_overlap_only_the_days_and_hours_of_other_contracts);

/// A platform's hours on the night the clocks go forward are its real hours in the legal zone
/// (Europe/Brussels), and a time the clocks skip rejects the line saying so.
async fn a_platform_line_on_the_night_the_clocks_go_forward_counts_its_real_hours(db: Db) {
    let t = crate::common::start_with(db, &crate::quarterly_returns::EMPLOYER).await;
    let (_platform, token, _members) = platform_with_workers(&t, 1).await;
    let t = t.on_day("2026-03-30").await;
    let batch = json!({"batch_id": "2026-W13", "lines": [
        line("w1", "2026-03-29", "00:00", "06:00"), // 5 h: 02:00 to 03:00 does not exist
        line("w1", "2026-03-28", "02:30", "04:00"), // 1.5 h the day before
        line("w1", "2026-03-29", "07:00", "02:30"), // ends before it starts
        line("w1", "2026-03-29", "02:30", "04:00"), // 02:30 does not exist that day
    ]});
    let (status, r) = as_platform(&t, &token, "/platform/batches", Some(batch)).await;
    assert_eq!(status, 201, "{r}");
    assert_eq!(r["hours"], "6.5", "{r}");
    let rejected = r["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 2, "{r}");
    assert_eq!(rejected[1]["line"], 3);
    let reason = rejected[1]["reason"].as_str().unwrap();
    assert!(reason.contains("02:30 does not exist on 2026-03-29 in Europe/Brussels"), "{reason}");
}

on_both_databases!(a_platform_line_on_the_night_the_clocks_go_forward_counts_its_real_hours);
