//! Members' expense claims: priced by the Belgian allowances on their date, validated by an
//! advisor and repaid from the activity's budget, or rejected; bad input writes nothing.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use serde_json::{json, Value};

/// A member with an activity whose 1,000.00 invoice credited 935.00 to its budget.
async fn funded_activity(t: &TestNode, email: &str) -> (String, String) {
    let member = t.member(email).await;
    let activity = t.activity(&member, "Touring theatre").await;
    let client = t.belgian_client().await;
    let invoice = t.draft(&activity, &client, "1000.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    assert_eq!(t.get(format!("/activities/{activity}")).await.ok(200)["budget"], "935.00");
    (member, activity)
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

async fn entries(t: &TestNode) -> Value {
    t.balanced().await["entries"].clone()
}

async fn a_member_is_repaid_from_the_budget_what_an_advisor_validates(db: Db) {
    let t = start(db).await; // Monday 2 March 2026
    let (member, activity) = funded_activity(&t, "claims@example.org").await;
    let claim = |body: Value| {
        let mut b = json!({"activity_id": activity, "member_id": member});
        b.as_object_mut().unwrap().extend(body.as_object().unwrap().clone());
        b
    };

    // 120 km on 10 February 2026. parameters/expenses/mileage.toml, value from 2026-01-01:
    // 0.4326 EUR/km (ag-consult.site, 17 Jan 2026). 120 × 0.4326 = 51.912 → 51.91.
    let travel = t
        .post(
            "/expense-claims",
            claim(json!({"kind": "travel", "date": "2026-02-10", "kilometres": "120",
                         "description": "Rehearsal in Namur and back"})),
        )
        .await;
    let travel = travel.ok(201).clone();
    assert_eq!(travel["status"], "submitted");
    assert_eq!(travel["amount"], "51.91");
    assert_eq!(travel["rate"], "0.4326");
    assert_eq!(travel["kilometres"], "120");
    assert!(travel["rate_source"].as_str().unwrap().contains("ag-consult.site"), "{travel}");
    t.balanced().await;

    // Material at cost, on its receipt.
    let material = t
        .post(
            "/expense-claims",
            claim(json!({"kind": "material", "date": "2026-02-20", "amount": "45.50", "currency": "EUR",
                         "receipt": "Brico 2026-0219-77", "description": "Gaffer tape and cables"})),
        )
        .await
        .ok(201)
        .clone();
    assert_eq!((material["amount"].as_str(), material["spent"].as_str()), (Some("45.50"), Some("45.50")));
    assert_eq!(material["rate"], Value::Null);

    // Two days in France. The Belgian pack has no sourced daily allowance per country
    // (country-packs/be/src/expenses.rs): the flat allowance is refused, the amount spent is
    // repaid on its receipt.
    let flat = t
        .post(
            "/expense-claims",
            claim(json!({"kind": "per_diem_abroad", "date": "2026-02-27", "country": "FR", "days": 2,
                         "description": "Festival in Lille"})),
        )
        .await;
    flat.problem(422, "invalid-field");
    assert_eq!(flat.body["field"], "country");
    let per_diem = t
        .post(
            "/expense-claims",
            claim(json!({"kind": "per_diem_abroad", "date": "2026-02-27", "country": "FR", "days": 2,
                         "amount": "64.80", "receipt": "Hotel Lille 4471", "description": "Festival in Lille"})),
        )
        .await
        .ok(201)
        .clone();
    assert_eq!((per_diem["amount"].as_str(), per_diem["days"].as_u64()), (Some("64.80"), Some(2)));
    assert_eq!(per_diem["country"], "FR");
    let before = entries(&t).await;

    // The advisors' queue: the three claims, oldest first.
    let queue = t.get(format!("/expense-claims?status=submitted&activity_id={activity}")).await.ok(200).clone();
    assert_eq!(queue["total"], 3);
    let ids: Vec<&str> = queue["items"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [travel["id"].as_str().unwrap(), material["id"].as_str().unwrap(), per_diem["id"].as_str().unwrap()]
    );

    // Validate two: each is repaid at once, with its own journal entry.
    let t = t.on_day("2026-03-04").await;
    let v1 = t.post_keyed(format!("/expense-claims/{}/validate", id(&travel)), "val-1", json!(null)).await;
    let v1 = v1.ok(200).clone();
    assert_eq!(v1["status"], "reimbursed");
    assert!(v1["entry_id"].is_string());
    let again = t.post_keyed(format!("/expense-claims/{}/validate", id(&travel)), "val-1", json!(null)).await;
    assert!(again.replayed);
    assert_eq!(again.body["entry_id"], v1["entry_id"]);
    t.post(format!("/expense-claims/{}/validate", id(&travel)), json!(null)).await.problem(409, "expense-transition");
    t.balanced().await;
    t.post(format!("/expense-claims/{}/validate", id(&material)), json!(null)).await.ok(200);
    t.balanced().await;
    let r = t
        .post(
            format!("/expense-claims/{}/reject", id(&per_diem)),
            json!({"reason": " Meals were paid by the festival "}),
        )
        .await;
    assert_eq!(r.ok(200)["status"], "rejected");
    assert_eq!(r.body["reason"], "Meals were paid by the festival");
    t.post(format!("/expense-claims/{}/validate", id(&per_diem)), json!(null)).await.problem(409, "expense-transition");
    t.post(format!("/expense-claims/{}/reject", id(&travel)), json!({"reason": "late"}))
        .await
        .problem(409, "expense-transition");
    let tb = t.balanced().await;
    assert_eq!(tb["entries"].as_u64().unwrap(), before.as_u64().unwrap() + 2, "one entry per repaid claim");
    // The bank holds the member's 30.00 share and paid out exactly the two claims (the client
    // has not paid yet): 30.00 − 51.91 − 45.50 = −67.41.
    assert_eq!(TestNode::account(&tb, "bank")["balance"], "-67.41");
    assert_eq!(TestNode::account(&tb, "social_security_payable"), &Value::Null, "an expense is not pay");
    assert_eq!(TestNode::account(&tb, "withholding_tax_payable"), &Value::Null);

    // The statement: 935.00 − 51.91 − 45.50 = 837.59.
    let st = t.get(format!("/activities/{activity}/statement")).await.ok(200).clone();
    assert_eq!(st["balance"], "837.59");
    let repaid: Vec<(&str, &str, &str)> = st["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["kind"] == "expense_reimbursed")
        .map(|l| (l["date"].as_str().unwrap(), l["budget_change"].as_str().unwrap(), l["balance"].as_str().unwrap()))
        .collect();
    assert_eq!(repaid, [("2026-03-04", "-51.91", "883.09"), ("2026-03-04", "-45.50", "837.59")]);
    assert_eq!(t.get(format!("/activities/{activity}")).await.ok(200)["budget"], "837.59");
    // Repaid before the client paid: the guarantee fund advanced both claims.
    let fund = t.get("/guarantee-fund").await.ok(200).clone();
    assert_eq!(fund["open_advances"], "97.41", "51.91 + 45.50: {fund}");
    let done = t.get(format!("/expense-claims/{}", id(&material))).await.ok(200).clone();
    assert_eq!(done["status"], "reimbursed");
    assert_eq!(done["decided_at"], "2026-03-04T12:00:00");
    assert_eq!(t.get("/expense-claims?status=submitted").await.ok(200)["total"], 0);
    assert_eq!(t.get("/expense-claims?status=reimbursed").await.ok(200)["total"], 2);

    // The member's account statement shows them in March's expenses column.
    let account = t.get(format!("/members/{member}/account?from=2026-03&to=2026-03")).await.ok(200).clone();
    assert_eq!(account["totals"]["expenses"], "97.41", "{account}");
    let csv = t.get(format!("/members/{member}/account.csv?from=2026-03&to=2026-03")).await.text;
    assert!(csv.contains("97.41"), "{csv}");

    // The day's repayments as a transfer file: refused until the member's account is known.
    t.get("/expense-claims/sepa?date=2026-03-04").await.problem(409, "no-bank-account");
    t.put(format!("/members/{member}/payroll"), json!({"iban": "BE68 5390 0754 7034", "family": "single"}))
        .await
        .ok(200);
    let sepa = t.get("/expense-claims/sepa?date=2026-03-04").await;
    assert_eq!(sepa.status, 200, "{}", sepa.text);
    assert!(
        sepa.text.contains("<NbOfTxs>2</NbOfTxs>") && sepa.text.contains("<CtrlSum>97.41</CtrlSum>"),
        "{}",
        sepa.text
    );
    assert!(sepa.text.contains("<IBAN>BE68539007547034</IBAN>"));
    crate::common::assert_pain001_valid(&sepa.text);
    t.get("/expense-claims/sepa?date=2026-03-05").await.problem(409, "nothing-repaid");
    t.get("/expense-claims/sepa?date=yesterday").await.problem(400, "bad-query");
    t.get("/expense-claims/sepa").await.problem(400, "bad-query");
}

async fn a_budget_that_cannot_repay_refuses_the_claim_and_writes_nothing(db: Db) {
    let t = start(db).await;
    let member = t.member("empty@example.org").await;
    let activity = t.activity(&member, "No invoice yet").await;
    let c = t
        .post(
            "/expense-claims",
            json!({"activity_id": activity, "member_id": member, "kind": "material", "date": "2026-03-01",
                   "amount": "10.00", "receipt": "R1", "description": "Strings"}),
        )
        .await
        .ok(201)
        .clone();
    let before = entries(&t).await;
    let d = t
        .post(format!("/expense-claims/{}/validate", id(&c)), json!(null))
        .await
        .problem(409, "budget-too-small-to-repay");
    assert!(d.contains("budget is 0.00 EUR") && d.contains("10.00 EUR"), "{d}");
    assert_eq!(entries(&t).await, before);
    assert_eq!(t.get(format!("/expense-claims/{}", id(&c))).await.ok(200)["status"], "submitted");
    assert_eq!(t.get(format!("/activities/{activity}")).await.ok(200)["budget"], "0.00");
}

async fn bad_expense_input_is_refused_clearly_and_writes_nothing(db: Db) {
    let t = start(db).await;
    let (member, activity) = funded_activity(&t, "bad-claims@example.org").await;
    let other = t.member("other@example.org").await;
    let claim = t
        .post(
            "/expense-claims",
            json!({"activity_id": activity, "member_id": member, "kind": "travel", "date": "2026-03-02",
                   "kilometres": "10", "description": "Post office"}),
        )
        .await
        .ok(201)
        .clone();
    let claim = id(&claim);
    let before = (t.get("/expense-claims").await.ok(200)["total"].clone(), entries(&t).await);
    let nobody = "00000000-0000-7000-8000-000000000000";
    let body = |extra: Value| {
        let mut b = json!({"activity_id": activity, "member_id": member, "kind": "travel", "date": "2026-02-02",
                           "kilometres": "10", "description": "Trip"});
        for (k, v) in extra.as_object().unwrap() {
            if v.is_null() {
                b.as_object_mut().unwrap().remove(k);
            } else {
                b[k] = v.clone();
            }
        }
        b
    };
    for (extra, field) in [
        (json!({"kind": "boat"}), "kind"),
        (json!({"date": "2026-03-03"}), "date"),
        (json!({"date": "2022-06-01"}), "date"),
        (json!({"member_id": other}), "member_id"),
        (json!({"kilometres": "-5"}), "kilometres"),
        (json!({"kilometres": "0"}), "kilometres"),
        (json!({"kilometres": "10000.5"}), "kilometres"),
        (json!({"kilometres": "ten"}), "kilometres"),
        (json!({"kilometres": null}), "kilometres"),
        (json!({"amount": "5.00"}), "amount"),
        (json!({"description": "  "}), "description"),
        (json!({"kind": "material", "kilometres": null, "amount": "12.00"}), "receipt"),
        (json!({"kind": "material", "kilometres": null, "amount": "0.00", "receipt": "R"}), "amount"),
        (json!({"kind": "material", "kilometres": null, "amount": "-3.00", "receipt": "R"}), "amount"),
        (json!({"kind": "material", "kilometres": null, "amount": "10.005", "receipt": "R"}), "amount"),
        (
            json!({"kind": "material", "kilometres": null, "amount": "10.00", "currency": "SEK", "receipt": "R"}),
            "currency",
        ),
        (json!({"kind": "material", "kilometres": null, "receipt": "R"}), "amount"),
        (json!({"kind": "per_diem_abroad", "kilometres": null, "country": "FR", "days": 2}), "country"),
        (
            json!({"kind": "per_diem_abroad", "kilometres": null, "country": "BE", "days": 2, "amount": "9.00", "receipt": "R"}),
            "country",
        ),
        (json!({"kind": "per_diem_abroad", "kilometres": null, "country": "France", "days": 2}), "country"),
        (
            json!({"kind": "per_diem_abroad", "kilometres": null, "country": "FR", "days": 0, "amount": "9.00", "receipt": "R"}),
            "days",
        ),
        (json!({"kind": "per_diem_abroad", "kilometres": null, "country": "FR", "days": 400}), "days"),
        (
            json!({"kind": "per_diem_abroad", "kilometres": null, "country": "FR", "days": 2, "amount": "9.00"}),
            "receipt",
        ),
        (json!({"kind": "per_diem_abroad", "kilometres": "3", "country": "FR", "days": 2}), "kilometres"),
    ] {
        let r = t.post("/expense-claims", body(extra.clone())).await;
        r.problem(422, "invalid-field");
        assert_eq!(r.body["field"], field, "{extra}: {}", r.text);
    }
    t.post("/expense-claims", body(json!({"activity_id": nobody}))).await.problem(404, "not-found");
    t.post("/expense-claims", body(json!({"member_id": nobody}))).await.problem(404, "not-found");
    t.post("/expense-claims", body(json!({"kilometres": 10}))).await.problem(422, "invalid-body");
    t.post("/expense-claims", body(json!({"tip": "1.00"}))).await.problem(422, "invalid-body");
    t.post_raw("/expense-claims", "{\"kind\": ").await.problem(400, "malformed-json");
    let d = t
        .post(
            "/expense-claims",
            body(json!({"currency": "XYZ", "kind": "material", "kilometres": null,
        "amount": "1.00", "receipt": "R"})),
        )
        .await
        .problem(422, "unknown-currency");
    assert!(d.contains("XYZ"), "{d}");

    t.get(format!("/expense-claims/{nobody}")).await.problem(404, "not-found");
    t.get("/expense-claims/not-a-uuid").await.problem(400, "bad-id");
    let r = t.get("/expense-claims?status=paid").await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "status");
    t.get("/expense-claims?limit=0").await.problem(422, "out-of-range");
    t.get("/expense-claims?activity_id=x").await.problem(400, "bad-query");

    t.post(format!("/expense-claims/{nobody}/validate"), json!(null)).await.problem(404, "not-found");
    t.post("/expense-claims/nope/validate", json!(null)).await.problem(400, "bad-id");
    t.post(format!("/expense-claims/{nobody}/reject"), json!({"reason": "no"})).await.problem(404, "not-found");
    let r = t.post(format!("/expense-claims/{claim}/reject"), json!({"reason": "  "})).await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "reason");
    t.post(format!("/expense-claims/{claim}/reject"), json!({})).await.problem(422, "invalid-body");
    let r = t.post(format!("/expense-claims/{claim}/reject"), json!({"reason": "x".repeat(501)})).await;
    assert_eq!(r.body["field"], "reason");

    assert_eq!((t.get("/expense-claims").await.ok(200)["total"].clone(), entries(&t).await), before);
    assert_eq!(t.get(format!("/expense-claims/{claim}")).await.ok(200)["status"], "submitted");
}

on_both_databases!(
    a_member_is_repaid_from_the_budget_what_an_advisor_validates,
    a_budget_that_cannot_repay_refuses_the_claim_and_writes_nothing,
    bad_expense_input_is_refused_clearly_and_writes_nothing
);
