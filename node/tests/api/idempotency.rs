//! Idempotency-Key: the same key and body return the first response; another body is refused.

use crate::common::{start, Db};
use crate::on_both_databases;
use futures::future::join_all;
use serde_json::json;

async fn a_replayed_payment_is_recorded_once(db: Db) {
    let t = start(db).await;
    let m = t.member("idem@example.org").await;
    let a = t.activity(&m, "Photo").await;
    let c = t.belgian_client().await;
    let id = t.draft(&a, &c, "1000.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(&format!("/invoices/{id}/issue"), json!(null)).await.ok(200);
    let path = format!("/invoices/{id}/payments");
    let body = json!({"amount": "500.00", "currency": "EUR", "date": "2026-03-02"});
    let first = t.post_keyed(&path, "pay-1", body.clone()).await;
    assert_eq!(first.ok(201)["invoice"]["totals"]["paid"], "500.00");
    assert!(!first.replayed);
    let again = t.post_keyed(&path, "pay-1", body.clone()).await;
    assert_eq!(again.status, 201);
    assert!(again.replayed);
    assert_eq!(again.body, first.body, "the first response, byte for byte");
    let other =
        t.post_keyed(&path, "pay-1", json!({"amount": "600.00", "currency": "EUR", "date": "2026-03-02"})).await;
    let d = other.problem(422, "idempotency-key-reused");
    assert!(d.contains("pay-1"), "{d}");
    // Concurrent retries of one request: still one payment.
    let burst =
        join_all((0..8).map(|_| t.post_keyed(&path, "pay-2", json!({"amount": "10.00", "currency": "EUR"})))).await;
    assert!(burst.iter().all(|r| r.status == 201), "{burst:?}");
    let inv = t.get(&format!("/invoices/{id}")).await;
    assert_eq!(inv.ok(200)["totals"]["paid"], "510.00");
    assert_eq!(inv.body["status"], "partly_paid");
    // The same key on another route is another request.
    t.post_keyed(&format!("/invoices/{id}/issue"), "pay-1", json!(null)).await.problem(422, "idempotency-key-reused");
    t.balanced().await;
}

on_both_databases!(a_replayed_payment_is_recorded_once);
