//! The federation's outbox and inbox on the node's database: events commit
//! with the money that caused them, numbered without gaps in commit order.

use crate::common::{serve_on, Db, Place, TODAY};
use crate::on_both_databases;
use partage::service::Node;
use partage::storage::outbox;
use partage_federation::envelope::{verify, Envelope};
use partage_federation::events::{Amount, FundMovedV1};
use partage_federation::relay::Outbox;
use partage_federation::{Event, NodeId, NodeKey, TrustStore};
use serde_json::json;
use std::sync::Arc;

fn movement(i: i64) -> Event {
    Event::FundMoved(FundMovedV1 {
        activity: uuid::Uuid::nil(),
        kind: "advance".into(),
        amount: Amount { amount: rust_decimal::Decimal::new(i, 2), currency: "EUR".into() },
        on: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
    })
}

async fn issuing_and_paying_an_invoice_emit_their_events_in_order(db: Db) {
    let place = Arc::new(Place::new(db));
    let t = serve_on(place.clone(), TODAY).await;
    let member = t.member("ines@example.org").await;
    let activity = t.activity(&member, "Duo").await;
    let client = t.belgian_client().await;
    let invoice = t.draft(&activity, &client, "1000.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(&format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    t.post(&format!("/invoices/{invoice}/payments"), json!({"amount": "1210.00", "currency": "EUR", "date": TODAY}))
        .await
        .ok(201);
    let node = Node::open(place.settings_at(TODAY)).await.unwrap();
    let rows = outbox::after(node.store.db(), 0, 100).await.unwrap();
    let kinds: Vec<(u64, &str)> = rows.iter().map(|r| (r.seq, r.kind.as_str())).collect();
    assert_eq!(kinds, vec![(1, "invoice.issued"), (2, "payment.recorded")]);
    assert_eq!(rows[0].body["number"], "2026-000001");
    assert_eq!(rows[0].body["total"], json!({"amount": "1210.00", "currency": "EUR"}));
    assert_eq!(rows[0].body["vat"]["amount"], "210.00");
    assert_eq!(rows[1].body["amount"]["amount"], "1210.00");
    assert_eq!(rows[1].body["invoice"], invoice.as_str());
}

async fn a_rolled_back_write_leaves_no_gap_and_concurrent_writers_number_in_order(db: Db) {
    let place = Arc::new(Place::new(db));
    let node = Node::open(place.settings_at(TODAY)).await.unwrap();
    {
        let txn = node.store.write().await.unwrap();
        outbox::push(&*txn, node.instant(), &movement(1)).await.unwrap();
        // Dropped: rolled back, with its number.
    }
    let mut writers = Vec::new();
    for i in 0..8 {
        let node = node.clone();
        writers.push(tokio::spawn(async move {
            let txn = node.store.write().await.unwrap();
            outbox::push_all(&*txn, node.instant(), &[movement(i), movement(i + 100)]).await.unwrap();
            txn.commit().await.unwrap();
        }));
    }
    for w in writers {
        w.await.unwrap();
    }
    let rows = outbox::after(node.store.db(), 0, 100).await.unwrap();
    let seqs: Vec<u64> = rows.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, (1..=16).collect::<Vec<u64>>());
    // A writer's two events are neighbours: numbers are taken once per transaction.
    for pair in rows.chunks(2) {
        let a = pair[0].body["amount"]["amount"].as_str().unwrap().parse::<rust_decimal::Decimal>().unwrap();
        let b = pair[1].body["amount"]["amount"].as_str().unwrap().parse::<rust_decimal::Decimal>().unwrap();
        assert_eq!(b - a, rust_decimal::Decimal::ONE, "{pair:?}");
    }
}

async fn the_relay_marks_rows_sent_and_the_inbox_applies_an_event_once(db: Db) {
    let place = Arc::new(Place::new(db));
    let node = Node::open(place.settings_at(TODAY)).await.unwrap();
    let txn = node.store.write().await.unwrap();
    outbox::push_all(&*txn, node.instant(), &[movement(1), movement(2), movement(3)]).await.unwrap();
    txn.commit().await.unwrap();
    let sql = outbox::SqlOutbox::new(node.clone());
    assert_eq!(sql.last_sent().await.unwrap(), 0);
    sql.mark_sent(2).await.unwrap();
    sql.mark_sent(1).await.unwrap();
    assert_eq!(sql.last_sent().await.unwrap(), 2, "a late mark never moves it back");
    assert_eq!(sql.unsent(2, 10).await.unwrap().iter().map(|r| r.seq).collect::<Vec<_>>(), vec![3]);

    let key = NodeKey::from_seed(NodeId::new("fr").unwrap(), "fr-1", [4; 32]).unwrap();
    let mut trust = TrustStore::new();
    trust.add(key.public()).unwrap();
    let signed = Envelope::new(key.node().clone(), 7, node.instant(), &movement(7)).sign(&key).unwrap();
    let verified = verify(&trust, &signed.subject, &signed.headers(), &signed.payload).unwrap();
    let txn = node.store.write().await.unwrap();
    assert!(outbox::apply_once(&*txn, &verified, node.instant()).await.unwrap());
    assert!(!outbox::apply_once(&*txn, &verified, node.instant()).await.unwrap(), "a redelivery applies nothing");
    outbox::park(&*txn, "partage.fr.x", "unknown event", b"{}", node.instant()).await.unwrap();
    txn.commit().await.unwrap();
}

on_both_databases!(
    issuing_and_paying_an_invoice_emit_their_events_in_order,
    a_rolled_back_write_leaves_no_gap_and_concurrent_writers_number_in_order,
    the_relay_marks_rows_sent_and_the_inbox_applies_an_event_once,
);
