//! The federation's outbox and inbox on the node's database: events commit
//! with the money that caused them, numbered without gaps, each after the writers it waited for.

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
    // A writer's two events keep their order (on SQLite they are neighbours too: the
    // writer numbers them; on PostgreSQL another writer's may come between).
    let seq_of = |cents: i64| {
        let amount = rust_decimal::Decimal::new(cents, 2).to_string();
        rows.iter().find(|r| r.body["amount"]["amount"] == amount.as_str()).map(|r| r.seq).unwrap()
    };
    for i in 0..8 {
        assert!(seq_of(i) < seq_of(i + 100), "writer {i}: {rows:?}");
    }
}

fn numbered(rows: &[partage_federation::relay::OutboxRow]) -> Vec<(u64, String)> {
    rows.iter().map(|r| (r.seq, r.body["amount"]["amount"].as_str().unwrap().to_owned())).collect()
}

/// On PostgreSQL a row is numbered once its transaction has committed: a writer that
/// commits while an older one is still open is numbered first, the older one next, and
/// none is skipped or lost (the relay reads after the last number it sent).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_writer_committed_before_an_older_open_one_is_numbered_first_and_none_is_lost() {
    let place = Arc::new(Place::new(Db::Postgres));
    let node = Node::open(place.settings_at(TODAY)).await.unwrap();
    let older = node.store.write().await.unwrap();
    outbox::push(&*older, node.instant(), &movement(1)).await.unwrap();
    let later = node.store.write().await.unwrap();
    outbox::push(&*later, node.instant(), &movement(2)).await.unwrap();
    later.commit().await.unwrap();
    let relay = outbox::SqlOutbox::new(node.clone());
    assert_eq!(numbered(&relay.unsent(0, 10).await.unwrap()), vec![(1, "0.02".to_owned())]);
    relay.mark_sent(1).await.unwrap();

    older.commit().await.unwrap();
    {
        let rolled_back = node.store.write().await.unwrap();
        outbox::push(&*rolled_back, node.instant(), &movement(3)).await.unwrap();
    }
    let txn = node.store.write().await.unwrap();
    outbox::push(&*txn, node.instant(), &movement(4)).await.unwrap();
    txn.commit().await.unwrap();
    assert_eq!(
        numbered(&relay.unsent(1, 10).await.unwrap()),
        vec![(2, "0.01".to_owned()), (3, "0.04".to_owned())],
        "the older writer's row after the one sent, then the next, with no gap for the rolled-back one"
    );
    assert_eq!(relay.last_sent().await.unwrap(), 1);
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

/// Issue 13: the outbox keeps only what the stream has not acknowledged, or acknowledged
/// within the retention; numbering goes on, and the relay reads what is left in order.
async fn pruning_deletes_only_rows_acknowledged_before_the_retention_and_numbering_continues(db: Db) {
    let place = Arc::new(Place::new(db));
    let node = Node::open(place.settings_at(TODAY)).await.unwrap();
    let now = node.instant();
    let days_ago = |d: i64| now - chrono::Duration::days(d);
    let txn = node.store.write().await.unwrap();
    outbox::push_all(&*txn, days_ago(90), &(1..=1_200).map(movement).collect::<Vec<_>>()).await.unwrap();
    txn.commit().await.unwrap();
    // The relay numbers what it reads before it marks it sent (PostgreSQL; SQLite's writer numbered them).
    outbox::number(node.store.db(), 10_000).await.unwrap();
    // The stream acknowledged 1..=1,100 sixty days ago and 1,101..=1,150 ten days ago;
    // 1,151..=1,200 are not acknowledged yet.
    let txn = node.store.write().await.unwrap();
    outbox::mark_sent(&*txn, 1_100, days_ago(60)).await.unwrap();
    outbox::mark_sent(&*txn, 1_150, days_ago(10)).await.unwrap();
    txn.commit().await.unwrap();

    let deleted = partage::relay::prune_outbox(&node, 30).await.unwrap();
    assert_eq!(deleted, 1_100, "more than two chunks of 500, all acknowledged 60 days ago");
    let left: Vec<u64> = outbox::after(node.store.db(), 0, 1_000).await.unwrap().iter().map(|r| r.seq).collect();
    assert_eq!(left, (1_101..=1_200).collect::<Vec<u64>>(), "recent and unacknowledged rows stay");
    assert_eq!(partage::relay::prune_outbox(&node, 30).await.unwrap(), 0, "a second pass finds nothing");
    // With a 5-day retention the rows acknowledged 10 days ago go too, never the unacknowledged.
    assert_eq!(partage::relay::prune_outbox(&node, 5).await.unwrap(), 50);
    let sql = outbox::SqlOutbox::new(node.clone());
    assert_eq!(sql.last_sent().await.unwrap(), 1_150, "the relay resumes where it was");
    let unsent: Vec<u64> = sql.unsent(1_150, 100).await.unwrap().iter().map(|r| r.seq).collect();
    assert_eq!(unsent, (1_151..=1_200).collect::<Vec<u64>>());

    let txn = node.store.write().await.unwrap();
    outbox::push(&*txn, now, &movement(9)).await.unwrap();
    txn.commit().await.unwrap();
    let last = outbox::after(node.store.db(), 1_200, 10).await.unwrap();
    assert_eq!(last.iter().map(|r| r.seq).collect::<Vec<_>>(), vec![1_201], "the sequence continues after a prune");
    assert_eq!(last[0].body["amount"]["amount"], "0.09");
}

/// A row is pruned by its acknowledgement's age, not its event's: history a node
/// publishes when it joins late stays for the whole retention.
async fn history_published_late_is_kept_for_the_retention_after_its_acknowledgement(db: Db) {
    let place = Arc::new(Place::new(db));
    let node = Node::open(place.settings_at(TODAY)).await.unwrap();
    let now = node.instant();
    let txn = node.store.write().await.unwrap();
    outbox::push_all(&*txn, now - chrono::Duration::days(400), &[movement(1), movement(2)]).await.unwrap();
    txn.commit().await.unwrap();
    outbox::number(node.store.db(), 10).await.unwrap();
    assert_eq!(partage::relay::prune_outbox(&node, 30).await.unwrap(), 0, "never acknowledged: kept");
    let txn = node.store.write().await.unwrap();
    outbox::mark_sent(&*txn, 2, now - chrono::Duration::days(1)).await.unwrap();
    txn.commit().await.unwrap();
    assert_eq!(partage::relay::prune_outbox(&node, 30).await.unwrap(), 0, "acknowledged yesterday: kept");
    assert_eq!(outbox::after(node.store.db(), 0, 10).await.unwrap().len(), 2);
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
    // March's second revision (its invoice); February's figures, the fund as it stood at
    // February's end, have not moved, so they are not sent again.
    eventually(Duration::from_secs(20), "the new figures in the node stream", || in_stream(4)).await;
    let t = TestNode::remote(&process);
    let second = t.draft(&activity, &client, "200.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(&format!("/invoices/{second}/issue"), json!(null)).await.ok(200);
    eventually(Duration::from_secs(20), "every event in the node stream", || in_stream(5)).await;
    fed.hq_stream().await;
    let inbox = Arc::new(MemInbox::default());
    let receiver = fed.hq_receiver(inbox.clone()).await;
    eventually(Duration::from_secs(20), "every event at HQ", || async { inbox.count_of("be") == 5 }).await;
    assert_eq!(inbox.seqs_of("be"), vec![1, 2, 3, 4, 5]);
    assert!(inbox.refused().is_empty(), "{:?}", inbox.refused());
    receiver.stop().await;
    assert!(process.terminate().await);
}

on_both_databases!(
    a_federated_node_process_killed_and_restarted_loses_and_doubles_nothing,
    issuing_and_paying_an_invoice_emit_their_events_in_order,
    a_rolled_back_write_leaves_no_gap_and_concurrent_writers_number_in_order,
    the_relay_marks_rows_sent_and_the_inbox_applies_an_event_once,
    pruning_deletes_only_rows_acknowledged_before_the_retention_and_numbering_continues,
    history_published_late_is_kept_for_the_retention_after_its_acknowledgement,
);
