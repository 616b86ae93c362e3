//! Gapless numbering under load: concurrent issues give 1..n, no gap, no duplicate.

use crate::common::{start, Db};
use crate::on_both_databases;
use futures::future::join_all;
use serde_json::json;
use std::collections::BTreeSet;

async fn two_hundred_concurrent_issues_number_1_to_200(db: Db) {
    let t = start(db).await;
    let client = t.belgian_client().await;
    let mut activities = Vec::new();
    for i in 0..4 {
        let m = t.member(&format!("load{i}@example.org")).await;
        activities.push(t.activity(&m, &format!("Tour {i}")).await);
    }
    let drafts = join_all((0..200).map(|i| {
        let t = &t;
        let activity = activities[i % 4].clone();
        let client = client.clone();
        async move {
            t.draft(&activity, &client, &format!("{}.00", 100 + i), "21").await.ok(201)["id"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    }))
    .await;
    let issued = join_all(drafts.iter().map(|id| t.post(format!("/invoices/{id}/issue"), json!(null)))).await;
    let mut numbers = BTreeSet::new();
    for r in &issued {
        let n = r.ok(200)["number"].as_str().unwrap();
        let seq: u64 = n.strip_prefix("2026-").unwrap().parse().unwrap();
        assert!(numbers.insert(seq), "duplicate number {n}");
    }
    assert_eq!(numbers, (1..=200).collect::<BTreeSet<u64>>());
    let tb = t.balanced().await;
    assert_eq!(tb["entries"], 4 * 2 + 200, "4 members' shares (subscribed, paid) and 200 invoices");
}

async fn issuing_one_invoice_concurrently_gives_it_one_number(db: Db) {
    let t = start(db).await;
    let client = t.belgian_client().await;
    let m = t.member("race@example.org").await;
    let a = t.activity(&m, "Race").await;
    let id = t.draft(&a, &client, "100.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    let replies = join_all((0..10).map(|_| t.post(format!("/invoices/{id}/issue"), json!(null)))).await;
    let ok = replies.iter().filter(|r| r.status == 200).count();
    assert_eq!(ok, 1, "{replies:?}");
    for r in replies.iter().filter(|r| r.status != 200) {
        r.problem(409, "already-issued");
    }
    // The next invoice takes number 2: no number was burnt by the refused attempts.
    let id2 = t.draft(&a, &client, "100.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    assert_eq!(t.post(&format!("/invoices/{id2}/issue"), json!(null)).await.ok(200)["number"], "2026-000002");
    t.balanced().await;
}

on_both_databases!(two_hundred_concurrent_issues_number_1_to_200, issuing_one_invoice_concurrently_gives_it_one_number);

async fn numbers_follow_dates_and_restart_each_year(db: Db) {
    let t = start(db).await;
    let client = t.belgian_client().await;
    let m = t.member("years@example.org").await;
    let a = t.activity(&m, "Years").await;
    let dated = |date: &'static str| {
        json!({"activity_id": a, "client_id": client, "currency": "EUR", "date": date,
               "lines": [{"description": "x", "quantity": "1", "unit_price": "10.00", "vat_rate": "21"}]})
    };
    let issue = async |date: &'static str| {
        let id = t.post("/invoices", dated(date)).await.ok(201)["id"].as_str().unwrap().to_owned();
        t.post(format!("/invoices/{id}/issue"), json!(null)).await
    };
    assert_eq!(issue("2025-12-30").await.ok(200)["number"], "2025-000001");
    assert_eq!(issue("2026-01-02").await.ok(200)["number"], "2026-000001");
    assert_eq!(issue("2026-01-05").await.ok(200)["number"], "2026-000002");
    // Belgian law wants numbers in the order of dates: an earlier date is refused...
    let d = issue("2026-01-03").await.problem(409, "not-chronological");
    assert_eq!(d, "issue date 2026-01-03 is before 2026-01-05, the date of the previous number in the series");
    // ...and takes no number: the next one is still 3.
    assert_eq!(issue("2026-01-05").await.ok(200)["number"], "2026-000003");
    assert_eq!(issue("2025-12-31").await.ok(200)["number"], "2025-000002");
    t.balanced().await;
}

on_both_databases!(numbers_follow_dates_and_restart_each_year);
