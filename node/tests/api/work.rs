//! Declared work becomes a contract with its hiring declaration made before the
//! work starts; bad declarations are refused clearly.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use serde_json::{json, Value};

/// A member with an identity and an activity holding a budget of 935.00.
async fn member_with_budget(t: &TestNode) -> (String, String, String) {
    let member = t.member("work@example.org").await;
    let id = t
        .put(
            format!("/members/{member}/identity"),
            json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30"}),
        )
        .await;
    assert_eq!(id.ok(200)["identity_recorded"], true);
    let activity = t.activity(&member, "Quartet").await;
    let client = t.belgian_client().await;
    let invoice = t.draft(&activity, &client, "1000.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    (member, activity, client)
}

fn declaration(activity: &str, client: &str, budget: &str, days: &[(&str, &str, &str)]) -> Value {
    json!({"activity_id": activity, "client_id": client, "function": "Musician", "place": "Flagey, Brussels",
           "risks": ["night work"], "worker_category": "artist", "budget": budget, "currency": "EUR",
           "periods": days.iter().map(|(d, s, e)| json!({"date": d, "start": s, "end": e})).collect::<Vec<_>>()})
}

async fn two_days_of_work_become_a_contract_declared_before_it_starts(db: Db) {
    let t = start(db).await;
    let (_member, activity, client) = member_with_budget(&t).await;
    let mut body = declaration(
        &activity,
        &client,
        "600.00",
        &[("2026-03-11", "14:00", "23:00"), ("2026-03-10", "09:00", "17:00")],
    );
    body["classification"] = json!("Klasse 3");
    let d = t.post("/work-declarations", body).await;
    let body = d.ok(201).clone();
    assert_eq!(body["status"], "submitted");
    assert_eq!(body["periods"][0]["date"], "2026-03-10", "periods are sorted");
    assert_eq!(body["periods"][1]["hours"], "9");
    let id = body["id"].as_str().unwrap().to_owned();

    let v = t.post(format!("/work-declarations/{id}/validate"), json!(null)).await;
    let v = v.ok(200).clone();
    assert_eq!(v["status"], "validated");
    let contract = &v["contract"];
    assert_eq!(contract["kind"], "per_performance");
    assert!(contract["motive"].is_null(), "a Belgian contract states no motive: {contract}");
    // The classification is kept whatever the country; Belgium's pack has no label for it, so its
    // documents print none.
    assert_eq!(contract["classification"], "Klasse 3");
    let printed = crate::documents::pdf_text(&t, &format!("/contracts/{}/pdf", contract["id"].as_str().unwrap())).await;
    assert!(printed.contains("Musician") && !printed.contains("Klasse 3"), "{printed}");
    assert_eq!(contract["starts_at"], "2026-03-10T09:00:00");
    assert_eq!(contract["ends_at"], "2026-03-11T23:00:00");
    // 600.00 / 1.45 = 413.79...: the largest gross whose cost (x 1.45) fits the budget.
    assert_eq!(contract["gross"], "413.79");
    let filings = contract["hiring_declarations"].as_array().unwrap();
    assert_eq!(filings.len(), 1);
    assert_eq!(filings[0]["action"], "in");
    assert!(
        filings[0]["declared_at"].as_str().unwrap() < contract["starts_at"].as_str().unwrap(),
        "declared before the start"
    );
    let xml = t.get(format!("/hiring-declarations/{}", filings[0]["id"].as_str().unwrap())).await;
    assert_eq!(xml.status, 200);
    assert!(xml.text.contains("85073003328"), "{}", xml.text);
    assert!(xml.text.contains("2026-03-10"), "{}", xml.text);
    let k = t.get(format!("/contracts/{}", contract["id"].as_str().unwrap())).await;
    assert_eq!(k.ok(200)["gross"], "413.79");

    // Validating twice, or returning a validated declaration, is refused.
    t.post(format!("/work-declarations/{id}/validate"), json!(null)).await.problem(409, "declaration-already-decided");
    t.post(format!("/work-declarations/{id}/return"), json!({"reason": "late"}))
        .await
        .problem(409, "declaration-already-decided");
    t.balanced().await;
}

async fn bad_declarations_are_refused_and_write_nothing(db: Db) {
    let t = start(db).await;
    let (member, activity, client) = member_with_budget(&t).await;
    let ok_days = [("2026-03-10", "09:00", "17:00")];
    // Work that has started (the node's day is 2026-03-02, noon).
    let r = t
        .post("/work-declarations", declaration(&activity, &client, "100.00", &[("2026-03-02", "09:00", "17:00")]))
        .await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "periods");
    t.post("/work-declarations", declaration(&activity, &client, "100.00", &[("2026-03-10", "17:00", "09:00")]))
        .await
        .problem(422, "invalid-field");
    t.post("/work-declarations", declaration(&activity, &client, "100.00", &[])).await.problem(422, "invalid-field");
    // Belgium's pack keeps no motive list: a motive is refused, naming the field, and a Belgian
    // contract states none (the two-days test above sees `motive: null`).
    let mut motivated = declaration(&activity, &client, "100.00", &ok_days);
    motivated["motive"] = json!({"code": "activity_increase", "detail": "festival"});
    let r = t.post("/work-declarations", motivated).await;
    assert_eq!(r.problem(422, "contract-motive-not-accepted"), "this contract states no motive: leave motive out");
    assert_eq!(r.body["field"], "motive");
    let mut bad_kind = declaration(&activity, &client, "100.00", &ok_days);
    bad_kind["worker_category"] = json!("pilot");
    t.post("/work-declarations", bad_kind).await.problem(422, "invalid-field");
    t.post("/work-declarations", declaration(&activity, &client, "-5.00", &ok_days))
        .await
        .problem(422, "invalid-field");
    // More budget than the activity has: refused at validation.
    let big = t.post("/work-declarations", declaration(&activity, &client, "2000.00", &ok_days)).await.ok(201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let d = t.post(format!("/work-declarations/{big}/validate"), json!(null)).await.problem(409, "budget-too-small");
    assert!(d.contains("935.00 EUR"), "{d}");
    assert!(t.get(format!("/work-declarations/{big}")).await.ok(200)["contract"].is_null());
    // Returned without a reason, then with one.
    t.post(format!("/work-declarations/{big}/return"), json!({"reason": " "})).await.problem(422, "invalid-field");
    let r = t.post(format!("/work-declarations/{big}/return"), json!({"reason": "budget too high"})).await;
    assert_eq!(r.ok(200)["status"], "returned");
    // A wrong national number is refused with its reason.
    let r = t
        .put(
            format!("/members/{member}/identity"),
            json!({"national_id": "85.07.30-033.29", "birth_date": "1985-07-30"}),
        )
        .await;
    let d = r.problem(422, "invalid-identifier");
    assert!(d.contains("check digits"), "{d}");
    assert_eq!(r.body["field"], "national_id", "{}", r.text);
    // A member without identity cannot be declared to the state.
    let other = t.member("noid@example.org").await;
    let a2 = t.activity(&other, "Solo").await;
    let inv = t.draft(&a2, &client, "500.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{inv}/issue"), json!(null)).await.ok(200);
    let dd = t.post("/work-declarations", declaration(&a2, &client, "100.00", &ok_days)).await.ok(201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let d =
        t.post(format!("/work-declarations/{dd}/validate"), json!(null)).await.problem(409, "member-without-identity");
    assert!(d.contains("national number"), "{d}");
}

/// Work periods are wall-clock times in the node's legal zone (Belgium's: Europe/Brussels): a
/// night the clocks change counts its real hours, and a time the clocks skip or show twice is
/// refused naming its field.
async fn a_night_the_clocks_change_counts_its_real_hours_and_refuses_times_it_skips_or_repeats(db: Db) {
    let t = start(db).await;
    let (_member, activity, client) = member_with_budget(&t).await;
    let hours = |days: &[(&str, &str, &str)]| {
        let body = declaration(&activity, &client, "100.00", days);
        let t = &t;
        async move {
            let v = t.post("/work-declarations", body).await.ok(201).clone();
            let id = v["id"].as_str().unwrap().to_owned();
            assert_eq!(t.get(format!("/work-declarations/{id}")).await.ok(200)["periods"], v["periods"]);
            v["periods"].as_array().unwrap().iter().map(|p| p["hours"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
        }
    };
    // Clocks go back from 03:00 to 02:00 on 25 October 2026, forward from 02:00 to 03:00 on 29 March.
    assert_eq!(hours(&[("2026-10-25", "00:00", "06:00")]).await, ["7"]);
    assert_eq!(hours(&[("2026-03-29", "00:00", "06:00")]).await, ["5"]);
    assert_eq!(hours(&[("2026-10-24", "00:00", "06:00"), ("2026-10-26", "09:00", "17:30")]).await, ["6", "8.5"]);
    // Up to the repeated hour, and from its end, is unambiguous.
    assert_eq!(hours(&[("2026-10-25", "00:00", "02:00"), ("2026-10-25", "03:00", "05:00")]).await, ["2", "2"]);

    let refused = |days: &[(&str, &str, &str)]| {
        let body = declaration(&activity, &client, "100.00", days);
        let t = &t;
        async move {
            let r = t.post("/work-declarations", body).await;
            let detail = r.problem(422, "invalid-field");
            (r.body["field"].as_str().unwrap().to_owned(), detail)
        }
    };
    let (field, detail) = refused(&[("2026-03-29", "02:30", "06:00")]).await;
    assert_eq!(field, "periods[0].start");
    assert!(
        detail.contains("02:30 does not exist on 2026-03-29 in Europe/Brussels: clocks go from 02:00 to 03:00"),
        "{detail}"
    );
    // Named by its place in what was sent, not in the sorted periods.
    let (field, detail) = refused(&[("2026-10-26", "09:00", "12:00"), ("2026-10-25", "02:30", "06:00")]).await;
    assert_eq!(field, "periods[1].start");
    assert!(detail.contains("02:30 happens twice on 2026-10-25 in Europe/Brussels"), "{detail}");
    assert!(detail.contains("declare up to 02:00 or from 03:00, or split the period"), "{detail}");
    let (field, _) = refused(&[("2026-10-25", "00:00", "02:30")]).await;
    assert_eq!(field, "periods[0].end");
    let before = t.get("/work-declarations").await.ok(200)["total"].clone();
    assert_eq!(before, 4, "the refused declarations wrote nothing");

    // A contract's day changed to a time the clocks skip is refused the same way, naming the field.
    let d =
        t.post("/work-declarations", declaration(&activity, &client, "100.00", &[("2026-03-29", "09:00", "12:00")]));
    let id = d.await.ok(201)["id"].as_str().unwrap().to_owned();
    let v = t.post(format!("/work-declarations/{id}/validate"), json!(null)).await.ok(200).clone();
    let contract = v["contract"]["id"].as_str().unwrap().to_owned();
    let change = json!({"date": "2026-03-29", "start": "02:30", "end": "06:00"});
    let r = t.post(format!("/contracts/{contract}/update"), change).await;
    let detail = r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "start");
    assert!(detail.contains("02:30 does not exist on 2026-03-29"), "{detail}");
}

on_both_databases!(
    two_days_of_work_become_a_contract_declared_before_it_starts,
    bad_declarations_are_refused_and_write_nothing,
    a_night_the_clocks_change_counts_its_real_hours_and_refuses_times_it_skips_or_repeats
);
