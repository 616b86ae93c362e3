//! Failure scenarios of research/federation.md §6.6, each against real
//! nats-server processes: every one ends with each event applied once at HQ,
//! in each node's order.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use partage_federation::events::{Amount, FundMovedV1};
use partage_federation::relay::RelaySettings;
use partage_federation::Event;
use partage_federation_tests::{eventually, Federation, MemInbox, MemOutbox};
use rust_decimal::Decimal;
use std::sync::Arc;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(20);

fn movement(i: u64) -> Event {
    Event::FundMoved(FundMovedV1 {
        activity: uuid::Uuid::from_u128(u128::from(i)),
        kind: "advance".into(),
        amount: Amount { amount: Decimal::new(i as i64 * 100 + 1, 2), currency: "EUR".into() },
        on: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    })
}

fn fast() -> RelaySettings {
    RelaySettings {
        idle: Duration::from_millis(20),
        backoff: Duration::from_millis(20),
        max_backoff: Duration::from_millis(200),
        ..Default::default()
    }
}

async fn all_applied(inbox: &MemInbox, node: &str, n: usize) {
    eventually(LIMIT, &format!("{n} events of {node} at HQ"), || async { inbox.count_of(node) >= n }).await;
    assert_eq!(inbox.count_of(node), n, "events of {node} applied more than once");
    let expected: Vec<u64> = (1..=n as u64).collect();
    assert_eq!(inbox.seqs_of(node), expected, "events of {node} out of order");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_of_two_nodes_reach_hq_once_and_in_order() {
    let fed = Federation::start(&["be", "fr"]).await;
    let (be, fr) = (Arc::new(MemOutbox::default()), Arc::new(MemOutbox::default()));
    for i in 0..20 {
        be.push(&movement(i));
        fr.push(&movement(i));
    }
    let mut rb = fed.relay("be", be.clone(), fast()).await;
    let mut rf = fed.relay("fr", fr.clone(), fast()).await;
    rb.sent(20, LIMIT).await;
    rf.sent(20, LIMIT).await;
    fed.hq_stream().await;
    let inbox = Arc::new(MemInbox::default());
    let receiver = fed.hq_receiver(inbox.clone()).await;
    all_applied(&inbox, "be", 20).await;
    all_applied(&inbox, "fr", 20).await;
    assert!(inbox.refused().is_empty(), "{:?}", inbox.refused());
    receiver.stop().await;
    rb.stop().await;
    rf.stop().await;
}
