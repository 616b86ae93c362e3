//! The fee's schedule: an admin changes the fee and the fund's share from a later day, by
//! API and by page; an invoice takes the fee in force on its date, one already issued keeps
//! its own, and every change is in the audit log with who made it and the fee it replaced.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use crate::pages::{assert_translated, page, post_form, session};
use partage::auth::Role;
use serde_json::{json, Value};

async fn issue(t: &TestNode, draft: &Value) -> Value {
    let id = draft["id"].as_str().unwrap();
    t.post(format!("/invoices/{id}/issue"), json!(null)).await.ok(200)["fee"].clone()
}

/// The page with its no-break spaces (before `%`, in dates) written as spaces.
fn spaced(html: &str) -> String {
    html.replace(['\u{a0}', '\u{202f}'], " ")
}

fn change(valid_from: &str, rate: &str, share: &str) -> Value {
    json!({"valid_from": valid_from, "rate": rate, "guarantee_fund_share": share,
           "reason": "General assembly of 20 February 2026"})
}

async fn a_fee_change_applies_from_its_day_and_issued_invoices_keep_theirs(db: Db) {
    let t = start(db).await;
    let settings = t.get("/settings/fee").await.ok(200).clone();
    assert_eq!((settings["rate"].as_str(), settings["guarantee_fund_share"].as_str()), (Some("0.065"), Some("0.25")));
    assert_eq!(settings["in_force"], Value::Null);
    assert_eq!(settings["changes"], json!([]));
    let member = t.member("fee@example.org").await;
    let activity = t.activity(&member, "Stage lighting").await;
    let client = t.belgian_client().await;
    // Drafted today, issued once the change is in force, dated today: it takes today's fee.
    let dated_today = t
        .post(
            "/invoices",
            json!({"activity_id": activity, "client_id": client, "currency": "EUR", "date": "2026-03-02",
                   "lines": [{"description": "Concert", "quantity": "1", "unit_price": "1000.00", "vat_rate": "21"}]}),
        )
        .await
        .ok(201)
        .clone();

    let made = t.post("/settings/fee/changes", change("2026-03-04", "0.0700", "0.30")).await.ok(201).clone();
    assert_eq!((made["rate"].as_str(), made["guarantee_fund_share"].as_str()), (Some("0.07"), Some("0.3")));
    assert_eq!(made["changed_by"], "API token test harness");
    let settings = t.get("/settings/fee").await.ok(200).clone();
    assert_eq!(settings["rate"], "0.065", "a change is not in force on the day it is recorded");
    assert_eq!(settings["changes"][0]["valid_from"], "2026-03-04");
    // 6.5 % of 1,000.00 and a quarter of it for the fund, on the day of the change.
    let draft = t.draft(&activity, &client, "1000.00", "21").await.ok(201).clone();
    assert_eq!(issue(&t, &draft).await, json!({"fee": "65.00", "guarantee_fund": "16.25", "budget": "935.00"}));

    let later = t.on_day("2026-03-04").await;
    assert_eq!(
        issue(&later, &dated_today).await,
        json!({"fee": "65.00", "guarantee_fund": "16.25", "budget": "935.00"}),
        "an invoice dated before the change keeps the fee of its date"
    );
    let draft = later.draft(&activity, &client, "1000.00", "21").await.ok(201).clone();
    // 7 % of 1,000.00, and 30 % of the 70.00 for the fund.
    assert_eq!(issue(&later, &draft).await, json!({"fee": "70.00", "guarantee_fund": "21.00", "budget": "930.00"}));
    let settings = later.get("/settings/fee").await.ok(200).clone();
    assert_eq!(
        (settings["rate"].as_str(), settings["in_force"]["valid_from"].as_str()),
        (Some("0.07"), Some("2026-03-04"))
    );
    assert_eq!(settings["configured_rate"], "0.065");

    // A change to come, corrected before its day: the later of the two holds.
    later.post("/settings/fee/changes", change("2026-04-01", "0.08", "0.3")).await.ok(201);
    later.post("/settings/fee/changes", change("2026-04-01", "0.075", "0.2")).await.ok(201);
    let changes = later.get("/settings/fee").await.ok(200)["changes"].clone();
    let summary: Vec<(&str, &str, bool)> = changes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["valid_from"].as_str().unwrap(), c["rate"].as_str().unwrap(), c["superseded"].as_bool().unwrap()))
        .collect();
    assert_eq!(summary, [("2026-04-01", "0.075", false), ("2026-04-01", "0.08", true), ("2026-03-04", "0.07", false)]);
    let april = t.on_day("2026-04-01").await;
    let draft = april.draft(&activity, &client, "1000.00", "21").await.ok(201).clone();
    assert_eq!(issue(&april, &draft).await, json!({"fee": "75.00", "guarantee_fund": "15.00", "budget": "925.00"}));
    april.balanced().await;
}

async fn a_fee_change_that_reaches_back_or_is_malformed_is_refused_and_changes_nothing(db: Db) {
    let t = start(db).await;
    let refused = [
        (change("2026-03-02", "0.07", "0.25"), "date-out-of-range", "valid_from"),
        // Tomorrow is too soon: a write recorded just before midnight could still be
        // committing while the first invoices of the new day are issued.
        (change("2026-03-03", "0.07", "0.25"), "date-out-of-range", "valid_from"),
        (change("2024-01-01", "0.07", "0.25"), "date-out-of-range", "valid_from"),
        (change("9999-12-31", "0.07", "0.25"), "date-out-of-range", "valid_from"),
        (change("2028-03-03", "0.07", "0.25"), "date-out-of-range", "valid_from"),
        (change("2026-03-04", "1", "0.25"), "invalid-field", "rate"),
        (change("2026-03-04", "-0.01", "0.25"), "invalid-field", "rate"),
        (change("2026-03-04", "0.0650001", "0.25"), "invalid-field", "rate"),
        (change("2026-03-04", "=1+1", "0.25"), "invalid-field", "rate"),
        (change("2026-03-04", "0.07", "1.5"), "invalid-field", "guarantee_fund_share"),
        (
            json!({"valid_from": "2026-03-04", "rate": "0.07", "guarantee_fund_share": "0.25", "reason": " "}),
            "invalid-field",
            "reason",
        ),
        (
            json!({"valid_from": "2026-03-04", "rate": "0.07", "guarantee_fund_share": "0.25", "reason": "x".repeat(301)}),
            "invalid-field",
            "reason",
        ),
    ];
    for (body, code, field) in refused {
        let reply = t.post("/settings/fee/changes", body.clone()).await;
        reply.problem(422, code);
        assert_eq!(reply.body["field"], field, "{body}: {}", reply.text);
    }
    let unknown = json!({"valid_from": "2026-03-04", "rate": "0.07", "guarantee_fund_share": "0.25",
                         "reason": "r", "fee": "0.5"});
    assert_eq!(t.post("/settings/fee/changes", unknown).await.status.as_u16(), 422);
    assert_eq!(t.get("/settings/fee").await.ok(200)["changes"], json!([]), "nothing was recorded");

    // Advisors, HQ and members change nothing, and read nothing of it.
    let member = t.member("fee@example.org").await;
    let as_member = t.as_member(&member).await;
    let (as_advisor, as_hq) = (t.as_staff("advisor").await, t.as_staff("hq").await);
    for client in [&as_member, &as_advisor, &as_hq] {
        assert_eq!(client.get("/settings/fee").await.status.as_u16(), 403);
        assert_eq!(
            client.post("/settings/fee/changes", change("2026-03-04", "0.07", "0.25")).await.status.as_u16(),
            403
        );
    }
    // The same request twice with one key records one change.
    let first = t.post_keyed("/settings/fee/changes", "fee-2026", change("2026-03-04", "0.07", "0.25")).await;
    let again = t.post_keyed("/settings/fee/changes", "fee-2026", change("2026-03-04", "0.07", "0.25")).await;
    assert_eq!((first.status.as_u16(), again.status.as_u16(), again.replayed), (201, 201, true));
    assert_eq!(t.get("/settings/fee").await.ok(200)["changes"].as_array().unwrap().len(), 1);
}

async fn an_admin_changes_the_fee_on_the_settings_page_in_their_language(db: Db) {
    let t = start(db).await;
    let (cookie, csrf) = session(&t, "admin@partage.example", Some(Role::Admin)).await;
    let (status, html) = page(&t, &cookie, "/app/admin/settings", "fr").await;
    let html = spaced(&html);
    assert_eq!(status, 200, "{html}");
    assert_translated(&html);
    assert!(html.contains("6,5 %") && html.contains("de la configuration"), "{html}");
    assert!(html.contains("<label for=\"rate\">") && html.contains("<label for=\"valid_from\">"), "{html}");
    // A rate typed as a French percentage, a day that reaches back, then a right one.
    let form = |day: &'static str, rate: &'static str| {
        [
            ("csrf", csrf.clone()),
            ("valid_from", day.into()),
            ("rate", rate.into()),
            ("guarantee_fund_share", "30".into()),
            ("reason", "Assemblée générale du 20 février 2026".into()),
        ]
    };
    let post = |fields: [(&'static str, String); 5]| {
        let (t, cookie) = (&t, cookie.clone());
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post_form(t, &cookie, "/app/admin/settings/fee", &pairs).await
        }
    };
    let res = post(form("2026-03-02", "7,5")).await;
    assert_eq!(res.status(), 422);
    let html = spaced(&res.text().await.unwrap());
    assert!(html.contains("Un jour du 4 mars 2026 au 2 mars 2028"), "{html}");
    let res = post(form("2026-03-04", "sept")).await;
    assert_eq!(res.status(), 422);
    assert!(spaced(&res.text().await.unwrap()).contains("Un pourcentage d’au moins 0 et inférieur à 100"));
    assert_eq!(post(form("2026-03-04", "7,5 %")).await.status(), 303);
    let settings = t.get("/settings/fee").await.ok(200).clone();
    assert_eq!(settings["changes"][0]["rate"], "0.075");
    assert_eq!(settings["changes"][0]["guarantee_fund_share"], "0.3");
    assert_eq!(settings["changes"][0]["changed_by"], "admin@partage.example");
    let (_, html) = page(&t, &cookie, "/app/admin/settings", "nl").await;
    let html = spaced(&html);
    assert_translated(&html);
    assert!(html.contains("7,5%") && html.contains("komt nog") && html.contains("Assemblée générale"), "{html}");
    // Dutch writes a percentage without a space.
    // The audit log: who, the fee replaced and the new one.
    let (_, audit) = page(&t, &cookie, "/app/admin/audit", "fr").await;
    let row = audit.split("<tr>").nth(2).unwrap_or_default();
    assert!(row.contains("admin@partage.example") && row.contains("Contribution"), "{row}");
    assert!(row.contains("<code>rate</code>\u{a0}: 0.065 → 0.075"), "{row}");
    assert!(row.contains("<code>guarantee_fund_share</code>\u{a0}: 0.25 → 0.3"), "{row}");
    assert!(row.contains("<code>valid_from</code>\u{a0}: (vide) → 2026-03-04"), "{row}");
    // An advisor's session is refused the page and the form.
    let (advisor, advisor_csrf) = session(&t, "advisor@partage.example", Some(Role::Advisor)).await;
    assert_eq!(page(&t, &advisor, "/app/admin/settings", "fr").await.0, 403);
    let res = post_form(
        &t,
        &advisor,
        "/app/admin/settings/fee",
        &[
            ("csrf", &advisor_csrf),
            ("valid_from", "2026-03-04"),
            ("rate", "1"),
            ("guarantee_fund_share", "1"),
            ("reason", "mine"),
        ],
    )
    .await;
    assert_eq!(res.status(), 403);
    assert_eq!(t.get("/settings/fee").await.ok(200)["changes"].as_array().unwrap().len(), 1);
}

on_both_databases!(
    a_fee_change_applies_from_its_day_and_issued_invoices_keep_theirs,
    a_fee_change_that_reaches_back_or_is_malformed_is_refused_and_changes_nothing,
    an_admin_changes_the_fee_on_the_settings_page_in_their_language
);
