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
    let cancelled = t.draft(&activity, &client, "50.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(&format!("/invoices/{cancelled}/issue"), json!(null)).await.ok(200);
    t.post(&format!("/invoices/{cancelled}/credit-note"), json!({"reason": "Concert cancelled"})).await.ok(201);
    let node = Node::open(place.settings_at(TODAY)).await.unwrap();
    let rows = outbox::after(node.store.db(), 0, 100).await.unwrap();
    let kinds: Vec<(u64, &str)> = rows.iter().map(|r| (r.seq, r.kind.as_str())).collect();
    assert_eq!(
        kinds,
        vec![(1, "invoice.issued"), (2, "payment.recorded"), (3, "invoice.issued"), (4, "invoice.issued")]
    );
    assert_eq!(rows[3].body["credit_note"], true);
    assert_eq!(rows[3].body["cancels"], cancelled.as_str());
    assert_eq!(rows[3].body["total"]["amount"], "60.50");
    assert!(rows[0].body.get("cancels").is_none());
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

/// A real `partage serve` process in a federation: its invoices and period figures reach HQ;
/// killed (SIGKILL) and started again, it publishes its next event without
/// doubling or losing one.
async fn a_federated_node_process_killed_and_restarted_loses_and_doubles_nothing(db: Db) {
    use crate::common::{Process, TestNode};
    use partage_federation_tests::{eventually, Federation, MemInbox};
    use std::time::Duration;
    let fed = Federation::start(&["be"]).await;
    let office = fed.office("be");
    let mut place = Place::new(db);
    office.key.save(&place.dir.join("node.key")).unwrap();
    place.extra.extend([
        ("federation.node", "be".to_owned()),
        ("federation.url", format!("127.0.0.1:{}", office.server.port())),
        ("federation.user", "node".to_owned()),
        ("federation.password", office.password.clone()),
        ("federation.key_file", "node.key".to_owned()),
    ]);
    let js = fed.node_js("be").await;
    let in_stream = |n: u64| {
        let js = js.clone();
        async move {
            match js.get_stream("NODE_BE").await {
                Ok(mut s) => s.info().await.map(|i| i.state.messages == n).unwrap_or(false),
                Err(_) => false,
            }
        }
    };
    let process = Process::start(&place).await;
    // At start the relay's task publishes the current and previous month's figures
    // (February and March: their first revisions).
    eventually(Duration::from_secs(20), "the figures of two months in the node stream", || in_stream(2)).await;
    let t = TestNode::remote(&process);
    let member = t.member("noor@example.org").await;
    let activity = t.activity(&member, "Quartet").await;
    let client = t.belgian_client().await;
    let first = t.draft(&activity, &client, "100.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(&format!("/invoices/{first}/issue"), json!(null)).await.ok(200);
    eventually(Duration::from_secs(20), "the first invoice in the node stream", || in_stream(3)).await;
    process.kill();
    let process = Process::start(&place).await;
    // Both months' second revisions: March's invoice, and the fund both show as of today.
    eventually(Duration::from_secs(20), "the new figures in the node stream", || in_stream(5)).await;
    let t = TestNode::remote(&process);
    let second = t.draft(&activity, &client, "200.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(&format!("/invoices/{second}/issue"), json!(null)).await.ok(200);
    eventually(Duration::from_secs(20), "every event in the node stream", || in_stream(6)).await;
    fed.hq_stream().await;
    let inbox = Arc::new(MemInbox::default());
    let receiver = fed.hq_receiver(inbox.clone()).await;
    eventually(Duration::from_secs(20), "every event at HQ", || async { inbox.count_of("be") == 6 }).await;
    assert_eq!(inbox.seqs_of("be"), vec![1, 2, 3, 4, 5, 6]);
    assert!(inbox.refused().is_empty(), "{:?}", inbox.refused());
    receiver.stop().await;
    assert!(process.terminate().await);
}

on_both_databases!(
    a_federated_node_process_killed_and_restarted_loses_and_doubles_nothing,
    issuing_and_paying_an_invoice_emit_their_events_in_order,
    a_rolled_back_write_leaves_no_gap_and_concurrent_writers_number_in_order,
    the_relay_marks_rows_sent_and_the_inbox_applies_an_event_once,
);
