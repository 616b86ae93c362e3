//! Payroll one can find: runs, payslips, work declarations, contracts and
//! platforms in paged, filtered lists; a member's saved payroll details shown
//! back with the IBAN masked; a statement naming the payslip, not the contract;
//! work made payable after the day's run paid by a later run the same day, and
//! a run paying only work ended by its instant.

use crate::common::{start_with, Db, TestNode};
use crate::on_both_databases;
use crate::platforms::{as_platform, platform_with_workers};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::time::Duration;

fn line(worker: &str, date: &str, start: &str, end: &str) -> Value {
    json!({"worker": worker, "date": date, "start": start, "end": end})
}

/// Starts a run of `period`; waits until it completes; returns it and the start's status.
async fn run(t: &TestNode, period: &str) -> (u16, Value) {
    let r = t.post("/payroll-runs", json!({"period": period})).await;
    assert!(r.status == 202 || r.status == 200, "{}", r.text);
    let id = r.body["id"].as_str().unwrap().to_owned();
    for _ in 0..400 {
        let v = t.get(format!("/payroll-runs/{id}")).await.ok(200).clone();
        if v["status"] == "completed" {
            return (r.status.as_u16(), v);
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the payroll run did not complete");
}

fn ids(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect()
}

/// Enrols two couriers on Monday 2 March 2026; on Monday 9 March the platform
/// posts w1's morning hours; returns the node of 9 March, the platform, its token and the members.
async fn couriers(db: Db) -> (TestNode, String, String, Vec<String>) {
    let t = start_with(db, &crate::quarterly_returns::EMPLOYER).await;
    let (platform, token, members) = platform_with_workers(&t, 2).await;
    let t = t.on_day("2026-03-09").await;
    let batch = json!({"batch_id": "morning", "lines": [line("w1", "2026-03-09", "08:00", "10:00")]});
    let (status, r) = as_platform(&t, &token, "/platform/batches", Some(batch)).await;
    assert_eq!((status, &r["accepted"]), (201, &json!(1)), "{r}");
    (t, platform, token, members)
}

async fn payroll_is_found_in_paged_filtered_lists(db: Db) {
    let (t, platform, token, members) = couriers(db).await;
    let batch = json!({"batch_id": "late", "lines": [line("w2", "2026-03-09", "08:00", "09:00")]});
    assert_eq!(as_platform(&t, &token, "/platform/batches", Some(batch)).await.0, 201);
    let (_, r) = run(&t, "2026-03").await;
    assert_eq!(r["payslips"], 2);
    let (m1, m2) = (&members[0], &members[1]);

    // Payroll runs: newest first, by period and status.
    let runs = t.get("/payroll-runs").await.ok(200).clone();
    assert_eq!((runs["total"].as_u64(), ids(&runs)), (Some(1), vec![r["id"].as_str().unwrap().to_owned()]));
    assert_eq!(runs["items"][0]["sequence"], 1);
    assert_eq!(t.get("/payroll-runs?period=2026-03&status=completed").await.ok(200)["total"], 1);
    assert_eq!(t.get("/payroll-runs?status=running").await.ok(200)["total"], 0);
    assert_eq!(t.get("/payroll-runs?period=2026-02").await.ok(200)["total"], 0);

    // Payslips: with their lines, by member, run, contract, period; paged stably.
    let all = t.get("/payslips").await.ok(200).clone();
    assert_eq!(all["total"], 2);
    let mine = t.get(format!("/payslips?member_id={m1}")).await.ok(200).clone();
    assert_eq!(mine["total"], 1);
    let slip = &mine["items"][0];
    assert_eq!(&slip["member_id"], &json!(m1));
    assert!(!slip["lines"].as_array().unwrap().is_empty(), "{slip}");
    assert_eq!(slip["language"], "fr", "the member's language unless asked");
    let nl = t.get(format!("/payslips?member_id={m1}&lang=nl")).await.ok(200).clone();
    assert_eq!(nl["items"][0]["language"], "nl");
    assert_eq!(
        t.get(format!("/payslips?run_id={}&period=2026-03", r["id"].as_str().unwrap())).await.ok(200)["total"],
        2
    );
    let contract = slip["contract_id"].as_str().unwrap();
    assert_eq!(ids(&t.get(format!("/payslips?contract_id={contract}")).await.ok(200).clone()), ids(&mine));
    assert_eq!(t.get("/payslips?period=2026-04").await.ok(200)["total"], 0);
    assert_eq!(t.get("/payslips?kind=true_up").await.ok(200)["total"], 0);
    let first = t.get("/payslips?limit=1").await.ok(200).clone();
    let second = t.get("/payslips?limit=1&offset=1").await.ok(200).clone();
    assert_eq!(
        (first["total"].as_u64(), first["limit"].as_u64(), second["offset"].as_u64()),
        (Some(2), Some(1), Some(1))
    );
    let paged: BTreeSet<String> = ids(&first).into_iter().chain(ids(&second)).collect();
    assert_eq!(paged, ids(&all).into_iter().collect::<BTreeSet<_>>(), "two pages hold each payslip once");

    // Contracts: each courier has an enrolment (framework) and one shift (hourly).
    let theirs = t.get(format!("/contracts?member_id={m1}")).await.ok(200).clone();
    assert_eq!(theirs["total"], 2);
    let shift = t.get(format!("/contracts?member_id={m1}&kind=hourly&status=active")).await.ok(200).clone();
    assert_eq!(ids(&shift), vec![contract.to_owned()]);
    assert_eq!(shift["items"][0]["hiring_declarations"][0]["action"], "in", "covered by the enrolment's DIMONA");
    assert_eq!(t.get("/contracts?kind=hourly&period=2026-03").await.ok(200)["total"], 2);
    assert_eq!(t.get("/contracts?kind=hourly&period=2026-02").await.ok(200)["total"], 0);
    assert_eq!(t.get("/contracts?kind=framework&period=2026-12").await.ok(200)["total"], 2, "open-ended");
    assert_eq!(t.get("/contracts?status=cancelled").await.ok(200)["total"], 0);
    let activity = shift["items"][0]["activity_id"].as_str().unwrap();
    assert_eq!(t.get(format!("/contracts?activity_id={activity}")).await.ok(200)["total"], 2);

    // Work declarations: a member's, with their contract; a returned one by status and month.
    let declared = t.get(format!("/work-declarations?member_id={m2}&status=validated")).await.ok(200).clone();
    assert_eq!(declared["total"], 2);
    assert!(declared["items"].as_array().unwrap().iter().all(|d| d["contract"]["member_id"] == json!(m2)));
    let someone = t.member("stagehand@example.org").await;
    let act = t.activity(&someone, "Stage").await;
    let d = t
        .post(
            "/work-declarations",
            json!({"activity_id": act, "function": "Stagehand", "place": "Flagey", "risks": [], "work_country": "BE",
                   "worker_category": "white-collar", "budget": "300.00", "currency": "EUR",
                   "periods": [{"date": "2026-04-14", "start": "09:00", "end": "17:00"}]}),
        )
        .await
        .ok(201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    t.post(format!("/work-declarations/{d}/return"), json!({"reason": "no budget yet"})).await.ok(200);
    let returned = t.get("/work-declarations?status=returned&period=2026-04").await.ok(200).clone();
    assert_eq!(ids(&returned), vec![d.clone()]);
    assert_eq!(returned["items"][0]["periods"][0]["hours"], "8");
    assert_eq!(t.get("/work-declarations?status=returned&period=2026-03").await.ok(200)["total"], 0);
    assert_eq!(t.get(format!("/work-declarations?activity_id={act}")).await.ok(200)["total"], 1);

    // Platforms: by name, never a token or its hash.
    let client = t.belgian_client().await;
    t.post(
        "/platforms",
        json!({"name": "Avant Meals", "client_id": client, "hourly_rate": "17.00", "currency": "EUR",
               "vat_rate": "21", "worker_category": "manual", "function": "Bicycle courier"}),
    )
    .await
    .ok(201);
    let platforms = t.get("/platforms").await;
    let list = platforms.ok(200).clone();
    assert_eq!(list["total"], 2);
    assert_eq!(list["items"][0]["name"], "Avant Meals");
    assert_eq!(list["items"][1]["id"], json!(platform));
    assert!(!platforms.text.contains("token"), "{}", platforms.text);
    assert_eq!(
        t.get(format!("/platforms?client_id={client}&limit=1")).await.ok(200)["items"][0]["name"],
        "Avant Meals"
    );

    // Bad filters are problems naming their field.
    for (path, field) in [
        ("/payroll-runs?period=2026-3", "period"),
        ("/payroll-runs?status=done", "status"),
        ("/payslips?kind=bonus", "kind"),
        ("/payslips?lang=it", "lang"),
        ("/contracts?kind=weekly", "kind"),
        ("/contracts?period=March", "period"),
        ("/work-declarations?status=open", "status"),
    ] {
        let r = t.get(path).await;
        r.problem(422, "invalid-field");
        assert_eq!(r.body["field"], field, "{path}: {}", r.text);
    }
    // A page size out of its range names the field and the range.
    for path in ["/payslips?limit=0", "/platforms?limit=501"] {
        let r = t.get(path).await;
        r.problem(422, "out-of-range");
        assert_eq!(r.body["field"], "limit", "{path}: {}", r.text);
    }
    assert_eq!(t.get("/payslips?member_id=nobody").await.status, 400);
}

async fn the_payroll_details_saved_are_shown_back_with_the_iban_masked(db: Db) {
    let t = start_with(db, &[]).await;
    let m = t.member("iban@example.org").await;
    let before = t.get(format!("/members/{m}/payroll")).await.ok(200).clone();
    assert_eq!((before["iban"].clone(), before["family"].clone()), (Value::Null, json!("single")));
    let saved = t
        .put(
            format!("/members/{m}/payroll"),
            json!({"iban": "BE68 5390 0754 7034", "family": "married-one-income", "children": 2,
                   "disabled_children": 1, "partner_disabled": true}),
        )
        .await;
    let body = saved.ok(200).clone();
    assert_eq!(body["member_id"], json!(m));
    assert_eq!(body["iban"], "BE68 **** **** 7034");
    assert!(!saved.text.contains("53900754"), "{}", saved.text);
    assert_eq!(body["family"], "married-one-income");
    assert_eq!((body["children"].clone(), body["disabled_children"].clone()), (json!(2), json!(1)));
    assert_eq!((body["disabled"].clone(), body["partner_disabled"].clone()), (json!(false), json!(true)));
    assert_eq!(t.get(format!("/members/{m}/payroll")).await.ok(200), &body, "what was saved is what is read");
    // A longer IBAN keeps its country, check digits and last four only.
    let fr = t
        .put(format!("/members/{m}/payroll"), json!({"iban": "FR1420041010050500013M02606", "family": "single"}))
        .await;
    assert_eq!(fr.ok(200)["iban"], "FR14 **** **** **** **** **** 2606");
    t.get(format!("/members/{}/payroll", uuid::Uuid::now_v7())).await.problem(404, "not-found");
}

async fn work_made_payable_after_the_days_run_is_paid_by_a_later_run_the_same_day(db: Db) {
    let (t, _platform, token, members) = couriers(db).await;
    let (status, first) = run(&t, "2026-03").await;
    assert_eq!((status, first["payslips"].as_i64(), first["sequence"].as_i64()), (202, Some(1), Some(1)));
    // More of the morning's hours come in after the run.
    let batch = json!({"batch_id": "late", "lines": [line("w2", "2026-03-09", "10:00", "11:00")]});
    let (status, posted) = as_platform(&t, &token, "/platform/batches", Some(batch)).await;
    assert_eq!((status, &posted["accepted"]), (201, &json!(1)), "{posted}");
    let (status, second) = run(&t, "2026-03").await;
    assert_eq!(status, 202, "a new run: {second}");
    assert_ne!(second["id"], first["id"]);
    assert_eq!((second["payslips"].as_i64(), second["sequence"].as_i64()), (Some(1), Some(2)));
    assert_eq!((second["through"].clone(), second["pay_date"].clone()), (json!("2026-03-09"), json!("2026-03-09")));
    let slips = t.get(format!("/payslips?run_id={}", second["id"].as_str().unwrap())).await.ok(200).clone();
    assert_eq!(slips["items"][0]["member_id"], json!(members[1]), "only the work the first run did not pay");
    // Nothing new: starting again is the last run, not a third.
    let again = t.post("/payroll-runs", json!({"period": "2026-03"})).await;
    assert_eq!(again.ok(200)["id"], second["id"]);
    assert_eq!(t.get("/payroll-runs?period=2026-03").await.ok(200)["total"], 2);
    assert_eq!(t.get("/payslips?period=2026-03").await.ok(200)["total"], 2, "nobody paid twice");
    t.balanced().await;
}

async fn an_activity_statement_names_the_payslip_and_its_contract(db: Db) {
    let (t, _platform, _token, members) = couriers(db).await;
    let (_, r) = run(&t, "2026-03").await;
    let slips = t.get(format!("/payslips?run_id={}", r["id"].as_str().unwrap())).await.ok(200).clone();
    let slip = &slips["items"][0];
    assert_eq!(slip["member_id"], json!(members[0]));
    let (id, contract) = (slip["id"].as_str().unwrap(), slip["contract_id"].as_str().unwrap());
    let statement = t.get(format!("/activities/{}/statement", slip["activity_id"].as_str().unwrap())).await;
    let lines = statement.ok(200)["lines"].as_array().unwrap().clone();
    let posted: Vec<&Value> = lines.iter().filter(|l| l["kind"] == "payslip_posted").collect();
    assert_eq!(posted.len(), 1, "{}", statement.text);
    assert_eq!(posted[0]["reference"], format!("payslip 2026-03 {id}"));
    assert_eq!(posted[0]["payslip_id"], id);
    assert_eq!(posted[0]["contract_id"], contract);
    assert!(lines.iter().filter(|l| l["kind"] != "payslip_posted").all(|l| l["payslip_id"].is_null()));
    // The member's bank statement names the payslip too.
    let sepa = t.get(format!("/payroll-runs/{}/sepa", r["id"].as_str().unwrap())).await;
    assert_eq!(sepa.status, 200, "{}", sepa.text);
    assert!(sepa.text.contains(&format!("Salaire/Loon/Salary 2026-03 {}", id.replace('-', ""))), "{}", sepa.text);
}

async fn a_run_pays_only_work_ended_by_its_instant_and_a_later_run_the_same_day_pays_the_rest(db: Db) {
    // 07:00 UTC on Monday 2 March 2026 is 08:00 in Brussels (UTC+1): a day of
    // work from 09:00 to 18:00 is declared and validated before it starts.
    let t = start_with(db, &[("node.now", "2026-03-02T07:00:00Z")]).await;
    let member = t.member("shift@example.org").await;
    t.put(format!("/members/{member}/identity"), json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30"}))
        .await
        .ok(200);
    let activity = t.activity(&member, "Day shift").await;
    let client = t.belgian_client().await;
    let invoice = t.draft(&activity, &client, "1000.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    let declaration = json!({"activity_id": activity, "client_id": client, "function": "Stagehand",
        "place": "Flagey", "risks": [], "worker_category": "artist", "budget": "200.00", "currency": "EUR",
        "periods": [{"date": "2026-03-02", "start": "09:00", "end": "18:00"}]});
    let d = t.post("/work-declarations", declaration).await.ok(201)["id"].as_str().unwrap().to_owned();
    let contract = t.post(format!("/work-declarations/{d}/validate"), json!(null)).await.ok(200)["contract"].clone();
    assert_eq!(contract["ends_at"], "2026-03-02T18:00:00", "{contract}");

    // 10:00 in Brussels: the run through today pays nothing, the work ends at 18:00.
    let morning = t.on_day_at("2026-03-02T09:00:00Z").await;
    let (status, first) = run(&morning, "2026-03").await;
    assert_eq!(status, 202, "{first}");
    assert_eq!((first["through"].clone(), first["sequence"].clone()), (json!("2026-03-02"), json!(1)));
    assert_eq!(first["payslips"], 0, "the shift ending at 18:00 is not paid at 10:00: {first}");
    assert_eq!(morning.get("/payslips?period=2026-03").await.ok(200)["total"], 0);
    // Starting again at 10:00 is the same run: nothing has ended since.
    assert_eq!(morning.post("/payroll-runs", json!({"period": "2026-03"})).await.ok(200)["id"], first["id"]);

    // 18:30 in Brussels: the work has ended; the next sequence pays it, that day.
    let evening = t.on_day_at("2026-03-02T17:30:00Z").await;
    let (status, second) = run(&evening, "2026-03").await;
    assert_eq!(status, 202, "a new run: {second}");
    assert_ne!(second["id"], first["id"]);
    assert_eq!((second["through"].clone(), second["sequence"].clone()), (json!("2026-03-02"), json!(2)));
    assert_eq!((second["payslips"].clone(), second["pay_date"].clone()), (json!(1), json!("2026-03-02")));
    let slips = evening.get(format!("/payslips?run_id={}", second["id"].as_str().unwrap())).await.ok(200).clone();
    let slip = &slips["items"][0];
    assert_eq!((slip["contract_id"].clone(), slip["work_end"].clone()), (contract["id"].clone(), json!("2026-03-02")));
    // The seven working days still count from the day the work ended: Wednesday 11 March.
    assert_eq!((slip["deadline"].clone(), slip["paid_within_deadline"].clone()), (json!("2026-03-11"), json!(true)));
    assert_eq!(evening.get("/payslips?period=2026-03").await.ok(200)["total"], 1, "paid once");
    evening.balanced().await;
}

on_both_databases!(
    payroll_is_found_in_paged_filtered_lists,
    the_payroll_details_saved_are_shown_back_with_the_iban_masked,
    work_made_payable_after_the_days_run_is_paid_by_a_later_run_the_same_day,
    an_activity_statement_names_the_payslip_and_its_contract,
    a_run_pays_only_work_ended_by_its_instant_and_a_later_run_the_same_day_pays_the_rest,
);

/// The lists are in the OpenAPI document with their own operation ids and
/// their filters declared as query parameters.
#[tokio::test]
async fn the_payroll_lists_are_documented_with_query_parameters() {
    let t = crate::common::start(Db::Sqlite).await;
    let doc = t.get("/openapi.json").await.ok(200).clone();
    for (path, operation, filters) in [
        ("/api/v1/payroll-runs", "list_payroll_runs", &["period", "status"][..]),
        (
            "/api/v1/payslips",
            "list_payslips",
            &["member_id", "activity_id", "contract_id", "run_id", "period", "kind", "lang"],
        ),
        ("/api/v1/work-declarations", "list_work_declarations", &["member_id", "activity_id", "status", "period"]),
        ("/api/v1/contracts", "list_contracts", &["member_id", "activity_id", "status", "kind", "period"]),
        ("/api/v1/platforms", "list_platforms", &["client_id"]),
    ] {
        let get = &doc["paths"][path]["get"];
        assert_eq!(get["operationId"], operation, "{path}");
        let params = get["parameters"].as_array().unwrap();
        for name in filters.iter().chain(&["offset", "limit"]) {
            let p = params.iter().find(|p| p["name"] == *name).unwrap_or_else(|| panic!("{path} {name}"));
            assert_eq!((p["in"].as_str(), p["required"].as_bool()), (Some("query"), Some(false)), "{path} {name}");
        }
    }
    let ids: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values().filter_map(|op| op["operationId"].as_str()))
        .collect();
    for id in [
        "list_payroll_runs",
        "list_payslips",
        "list_work_declarations",
        "list_contracts",
        "list_platforms",
        "get_payroll_details",
    ] {
        assert_eq!(ids.iter().filter(|i| **i == id).count(), 1, "{id}");
    }
}
