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

/// §6.6.1: the relay published, the ack came, the crash came before the mark.
/// Inside the dedup window JetStream would drop the copy; the restarted relay
/// does not even send it, because it reads the stream's last event first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relay_crash_before_marking_sent_doubles_nothing_inside_the_dedup_window() {
    relay_crash_before_marking(RelaySettings::default().limits.duplicate_window).await;
}

/// §6.6.1 outside the window: the stream no longer knows the ids, so only
/// the start-up reconciliation stands between the restart and a duplicate.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relay_crash_before_marking_sent_doubles_nothing_outside_the_dedup_window() {
    // 100 ms: the shortest window nats-server accepts (error 10052).
    relay_crash_before_marking(Duration::from_millis(100)).await;
}

async fn relay_crash_before_marking(window: Duration) {
    let fed = Federation::start(&["be"]).await;
    let outbox = Arc::new(MemOutbox::default());
    for i in 0..10 {
        outbox.push(&movement(i));
    }
    let mut settings = fast();
    settings.limits.duplicate_window = window;
    outbox.fail_marks.store(true, std::sync::atomic::Ordering::SeqCst);
    let crashed = fed.relay("be", outbox.clone(), settings.clone()).await;

    let js = fed.node_js("be").await;
    eventually(LIMIT, "10 events in the node stream", || async {
        match js.get_stream("NODE_BE").await {
            Ok(mut s) => s.info().await.map(|i| i.state.messages == 10).unwrap_or(false),
            Err(_) => false,
        }
    })
    .await;
    crashed.abort();
    assert_eq!(outbox.sent(), 0, "nothing was marked");
    // Past the window, when it is short; the long one is never waited for.
    tokio::time::sleep(window.min(Duration::from_millis(150))).await;
    outbox.fail_marks.store(false, std::sync::atomic::Ordering::SeqCst);
    for i in 10..15 {
        outbox.push(&movement(i));
    }
    let mut relay = fed.relay("be", outbox.clone(), settings).await;
    relay.sent(15, LIMIT).await;
    let info = js.get_stream("NODE_BE").await.unwrap().info().await.unwrap().state.clone();
    assert_eq!(info.messages, 15, "the node stream holds each event once");
    fed.hq_stream().await;
    let inbox = Arc::new(MemInbox::default());
    let receiver = fed.hq_receiver(inbox.clone()).await;
    all_applied(&inbox, "be", 15).await;
    assert_eq!(inbox.deliveries(), 15);
    receiver.stop().await;
    relay.stop().await;
}

/// §6.6.3: HQ's server dies while offices write; they keep publishing
/// locally and HQ catches up in order when it is back.
async fn hub_dies_while_nodes_write(sigkill: bool) {
    let mut fed = Federation::start(&["be", "fr"]).await;
    let (be, fr) = (Arc::new(MemOutbox::default()), Arc::new(MemOutbox::default()));
    let mut rb = fed.relay("be", be.clone(), fast()).await;
    let mut rf = fed.relay("fr", fr.clone(), fast()).await;
    for i in 0..5 {
        be.push(&movement(i));
        fr.push(&movement(i));
    }
    rb.sent(5, LIMIT).await;
    rf.sent(5, LIMIT).await;
    fed.hq_stream().await;
    let inbox = Arc::new(MemInbox::default());
    let receiver = fed.hq_receiver(inbox.clone()).await;
    eventually(LIMIT, "first events at HQ", || async { inbox.count() == 10 }).await;
    if sigkill {
        fed.hub.kill().await;
    } else {
        fed.hub.terminate().await;
    }
    for i in 5..30 {
        be.push(&movement(i));
        fr.push(&movement(i));
        rb.waker.notify_one();
        rf.waker.notify_one();
    }
    // The offices do not need HQ to publish.
    rb.sent(30, LIMIT).await;
    rf.sent(30, LIMIT).await;
    assert_eq!(inbox.count(), 10, "HQ saw nothing while down");
    fed.hub.restart().await;
    fed.hub.wait_for_leaves(4).await;
    partage_federation::stream::resume_sources(&fed.hq_js().await, partage_federation_tests::HQ_STREAM).await.unwrap();
    all_applied(&inbox, "be", 30).await;
    all_applied(&inbox, "fr", 30).await;
    receiver.stop().await;
    rb.stop().await;
    rf.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hub_killed_by_sigkill_while_nodes_write_loses_and_doubles_nothing() {
    hub_dies_while_nodes_write(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hub_stopped_by_sigterm_while_nodes_write_loses_and_doubles_nothing() {
    hub_dies_while_nodes_write(false).await;
}

/// §6.6.4: one office's link is cut for the length of a payroll run (a
/// burst of payslip chunks); the other office keeps flowing; the cut office
/// catches up, in order, when its link is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_leaf_cut_off_during_a_payroll_run_catches_up_in_order() {
    let fed = Federation::start(&["be", "fr"]).await;
    let (be, fr) = (Arc::new(MemOutbox::default()), Arc::new(MemOutbox::default()));
    let mut rb = fed.relay("be", be.clone(), fast()).await;
    let mut rf = fed.relay("fr", fr.clone(), fast()).await;
    be.push(&movement(0));
    fr.push(&movement(0));
    rb.sent(1, LIMIT).await;
    rf.sent(1, LIMIT).await;
    fed.hq_stream().await;
    let inbox = Arc::new(MemInbox::default());
    let receiver = fed.hq_receiver(inbox.clone()).await;
    eventually(LIMIT, "both offices at HQ", || async { inbox.count() == 2 }).await;
    fed.office("be").proxy.cut();
    for i in 1..300 {
        be.push(&movement(i));
    }
    for i in 1..10 {
        fr.push(&movement(i));
    }
    rb.waker.notify_one();
    rf.waker.notify_one();
    rb.sent(300, LIMIT).await;
    all_applied(&inbox, "fr", 10).await;
    assert_eq!(inbox.count_of("be"), 1, "nothing of be crossed the cut link");
    fed.office("be").proxy.restore();
    all_applied(&inbox, "be", 300).await;
    receiver.stop().await;
    rb.stop().await;
    rf.stop().await;
}
