//! Idempotency-Key: the same key and body return the first response; another body is refused.

use crate::common::{start, start_with, Db};
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

/// A key is remembered `api.idempotency_retention_days` (30 by default), measured on
/// the node's clock; then it is a new request, recorded anew, and purged records are gone.
async fn an_expired_key_is_a_new_request(db: Db) {
    let t = start(db).await;
    let m = t.member("expiry@example.org").await;
    let a = t.activity(&m, "Photo").await;
    let c = t.belgian_client().await;
    let id = t.draft(&a, &c, "1000.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post_keyed(&format!("/invoices/{id}/issue"), "issue-1", json!(null)).await.ok(200);
    let path = format!("/invoices/{id}/payments");
    t.post_keyed(&path, "pay-old", json!({"amount": "100.00", "currency": "EUR", "date": "2026-03-02"})).await.ok(201);
    // 29 days on, the key is remembered: another body is refused.
    let later = t.on_day("2026-03-31").await;
    later
        .post_keyed(&path, "pay-old", json!({"amount": "50.00", "currency": "EUR", "date": "2026-03-31"}))
        .await
        .problem(422, "idempotency-key-reused");
    // 31 days on, it is forgotten: a new request, which 20 concurrent copies make once.
    let after = t.on_day("2026-04-02").await;
    let body = json!({"amount": "50.00", "currency": "EUR", "date": "2026-04-02"});
    let burst = join_all((0..20).map(|_| after.post_keyed(&path, "pay-old", body.clone()))).await;
    assert!(burst.iter().all(|r| r.status == 201), "{burst:?}");
    assert_eq!(burst.iter().filter(|r| !r.replayed).count(), 1, "{burst:?}");
    assert!(burst.iter().all(|r| r.body == burst[0].body));
    assert_eq!(after.get(format!("/invoices/{id}")).await.ok(200)["totals"]["paid"], "150.00");
    // The purge deletes the record of `issue-1`, expired, not the new one of `pay-old`.
    let node = t.open_node_on("2026-04-02").await;
    assert_eq!(partage::http::idempotency::purge_expired(&node).await.unwrap(), 1);
    assert_eq!(partage::http::idempotency::purge_expired(&node).await.unwrap(), 0);
    let again = after.post_keyed(&path, "pay-old", body).await;
    assert!(again.replayed);
    assert_eq!(again.body, burst[0].body);
    // `issue-1` is forgotten: sent again, the issue runs again (and is refused: issued already).
    let reissued = after.post_keyed(&format!("/invoices/{id}/issue"), "issue-1", json!(null)).await;
    assert!(!reissued.replayed);
    assert_eq!(reissued.status, 409, "{}", reissued.text);
    after.balanced().await;
}

/// `api.idempotency_retention_days` sets how long a key is remembered.
async fn a_shorter_retention_forgets_keys_sooner(db: Db) {
    let t = start_with(db, &[("api.idempotency_retention_days", "1")]).await;
    let ada = json!({"first_name": "Ada", "last_name": "Peeters", "email": "ada@example.org"});
    let bob = json!({"first_name": "Bob", "last_name": "Peeters", "email": "bob@example.org"});
    t.post_keyed("/members", "join", ada).await.ok(201);
    t.post_keyed("/members", "join", bob.clone()).await.problem(422, "idempotency-key-reused");
    let two_days_on = t.on_day("2026-03-04").await;
    let joined = two_days_on.post_keyed("/members", "join", bob).await;
    assert!(!joined.replayed);
    assert_eq!(joined.ok(201)["email"], "bob@example.org");
    assert_eq!(two_days_on.get("/members").await.ok(200)["total"], 2);
}

/// A node that starts serving deletes the keys expired by then, without a request.
async fn a_serving_node_deletes_expired_keys(db: Db) {
    use sea_orm::{EntityTrait, PaginatorTrait};
    let t = start(db).await;
    let ada = json!({"first_name": "Ada", "last_name": "Peeters", "email": "ada@example.org"});
    t.post_keyed("/members", "join", ada).await.ok(201);
    let keys = partage::storage::entities::idempotency_key::Entity::find;
    let node = t.open_node_on("2026-06-01").await;
    assert_eq!(keys().count(node.store.db()).await.unwrap(), 1);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    tokio::spawn(partage::server::serve_until(node.clone(), Some(listener), Box::pin(std::future::pending())));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while keys().count(node.store.db()).await.unwrap() > 0 {
        assert!(std::time::Instant::now() < deadline, "the expired key is still kept 10 s after start");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

on_both_databases!(
    an_expired_key_is_a_new_request,
    a_shorter_retention_forgets_keys_sooner,
    a_serving_node_deletes_expired_keys
);
