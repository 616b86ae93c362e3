//! Failure scenarios of docs/research/federation.md §6.6, each against real
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

/// The envelope's headers of a stored message, without the relay's
/// `Nats-Expected-Last-Sequence` (which would refuse a second publish).
fn envelope_headers(stored: &async_nats::HeaderMap) -> async_nats::HeaderMap {
    use partage_federation::envelope::{MSG_ID, NODE, SEQ, SIG, TYPE};
    let mut h = async_nats::HeaderMap::new();
    for name in [MSG_ID, TYPE, NODE, SEQ, SIG] {
        if let Some(v) = stored.get(name) {
            h.insert(name, v.as_str());
        }
    }
    h
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

/// An office cut off when HQ's stream is made (HQ started, or the office enrolled, while
/// its link was down): its source was never set up, and nats-server tries it again only
/// at the end of its backoff (10 s, then longer). HQ's consolidator finds it not heard
/// from and sets it up again (`resume_stalled`), leaving the office that flows alone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_source_set_up_while_its_office_was_cut_off_is_found_stalled_and_resumed() {
    let fed = Federation::start(&["be", "fr"]).await;
    let (be, fr) = (Arc::new(MemOutbox::default()), Arc::new(MemOutbox::default()));
    fed.office("be").proxy.cut();
    for i in 0..50 {
        be.push(&movement(i));
        fr.push(&movement(i));
    }
    let mut rb = fed.relay("be", be.clone(), fast()).await;
    let mut rf = fed.relay("fr", fr.clone(), fast()).await;
    rb.sent(50, LIMIT).await;
    rf.sent(50, LIMIT).await;
    fed.hq_stream().await;
    let inbox = Arc::new(MemInbox::default());
    let receiver = fed.hq_receiver(inbox.clone()).await;
    all_applied(&inbox, "fr", 50).await;
    let after = Duration::from_secs(3);
    tokio::time::sleep(after).await;
    assert_eq!(inbox.count_of("be"), 0, "nothing of be crossed the cut link");
    fed.office("be").proxy.restore();
    // Two links made at the start, and be's again.
    fed.hub.wait_for_leaves(3).await;
    let js = fed.hq_js().await;
    let resumed = partage_federation::stream::resume_stalled(&js, partage_federation_tests::HQ_STREAM, after).await;
    assert_eq!(resumed.unwrap(), vec!["NODE_BE".to_owned()], "the flowing office's source is left alone");
    all_applied(&inbox, "be", 50).await;
    receiver.stop().await;
    rb.stop().await;
    rf.stop().await;
}

/// An HQ with one office: its stream's only source, set up while the office's link was cut,
/// is resumed all the same (the stream listens on a placeholder subject while the source is
/// away), copies every event once, and a second resume of the healthy source copies none again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_only_source_of_a_one_office_hq_set_up_while_cut_off_is_resumed() {
    let fed = Federation::start(&["be"]).await;
    let be = Arc::new(MemOutbox::default());
    fed.office("be").proxy.cut();
    for i in 0..40 {
        be.push(&movement(i));
    }
    let mut relay = fed.relay("be", be.clone(), fast()).await;
    relay.sent(40, LIMIT).await;
    fed.hq_stream().await;
    let inbox = Arc::new(MemInbox::default());
    let receiver = fed.hq_receiver(inbox.clone()).await;
    let after = Duration::from_secs(3);
    tokio::time::sleep(after).await;
    assert_eq!(inbox.count_of("be"), 0, "nothing crossed the cut link");
    fed.office("be").proxy.restore();
    // The link made at the start, and be's again.
    fed.hub.wait_for_leaves(2).await;
    let js = fed.hq_js().await;
    let stream = partage_federation_tests::HQ_STREAM;
    let resumed = partage_federation::stream::resume_stalled(&js, stream, after).await;
    assert_eq!(resumed.unwrap(), vec!["NODE_BE".to_owned()]);
    all_applied(&inbox, "be", 40).await;
    let config = js.get_stream(stream).await.unwrap().info().await.unwrap().config.clone();
    assert!(config.subjects.is_empty(), "the placeholder subject is gone: {:?}", config.subjects);
    assert_eq!(config.sources.as_ref().map(Vec::len), Some(1), "its source is back");

    // Resumed again while healthy, then more events: each copied once, in order.
    partage_federation::stream::resume_sources(&js, stream).await.unwrap();
    for i in 40..60 {
        be.push(&movement(i));
    }
    relay.sent(60, LIMIT).await;
    all_applied(&inbox, "be", 60).await;
    eventually(LIMIT, "HQ's stream holds each event", || async {
        js.get_stream(stream).await.unwrap().info().await.unwrap().state.messages >= 60
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let state = js.get_stream(stream).await.unwrap().info().await.unwrap().state.clone();
    assert_eq!(state.messages, 60, "no event copied twice into HQ's stream");
    assert_eq!((inbox.count(), inbox.deliveries()), (60, 60), "each applied once, delivered once");
    // The consolidated figures: the sum of the 60 movements, each counted once.
    let total: Decimal = (0..60).map(|i| Decimal::new(i * 100 + 1, 2)).sum();
    assert_eq!(inbox.moved_of("be"), total);
    receiver.stop().await;
    relay.stop().await;
}

/// HQ's stream as its supervisor expects it: sourcing every office of `fed`.
fn expected_hq_stream(fed: &Federation) -> async_nats::jetstream::stream::Config {
    let nodes: Vec<partage_federation::NodeId> = fed.offices.keys().cloned().collect();
    partage_federation::stream::hq_stream(partage_federation_tests::HQ_STREAM, &nodes, ">")
}

/// Waits until HQ's stream holds `n` messages, then a little longer, and says how many it holds.
async fn stream_settled(js: &async_nats::jetstream::Context, n: u64) -> u64 {
    let stream = partage_federation_tests::HQ_STREAM;
    eventually(LIMIT, &format!("HQ's stream holds {n} events"), || async {
        js.get_stream(stream).await.unwrap().info().await.unwrap().state.messages >= n
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    js.get_stream(stream).await.unwrap().info().await.unwrap().state.messages
}

/// A resume of be's source cut between its two updates (the first, which removes the source,
/// done here by hand; the second never came): HQ's stream no longer copies from be while fr
/// flows. The supervisor's next look finds the source missing against the expected
/// configuration, puts it back, and every event of be arrives once, in order; the look after
/// finds nothing to repair.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_source_left_out_by_a_resume_cut_between_its_two_updates_is_put_back_by_the_supervisor() {
    let fed = Federation::start(&["be", "fr"]).await;
    let (be, fr) = (Arc::new(MemOutbox::default()), Arc::new(MemOutbox::default()));
    for i in 0..10 {
        be.push(&movement(i));
        fr.push(&movement(i));
    }
    let mut rb = fed.relay("be", be.clone(), fast()).await;
    let mut rf = fed.relay("fr", fr.clone(), fast()).await;
    fed.hq_stream().await;
    let inbox = Arc::new(MemInbox::default());
    let receiver = fed.hq_receiver(inbox.clone()).await;
    all_applied(&inbox, "be", 10).await;
    all_applied(&inbox, "fr", 10).await;

    // The first update of `resume` for NODE_BE, and no second.
    let js = fed.hq_js().await;
    let stream = partage_federation_tests::HQ_STREAM;
    let mut without = js.get_stream(stream).await.unwrap().info().await.unwrap().config.clone();
    without.sources.as_mut().unwrap().retain(|s| s.name != "NODE_BE");
    js.update_stream(without).await.unwrap();
    for i in 10..40 {
        be.push(&movement(i));
    }
    for i in 10..20 {
        fr.push(&movement(i));
    }
    rb.waker.notify_one();
    rf.waker.notify_one();
    rb.sent(40, LIMIT).await;
    rf.sent(20, LIMIT).await;
    all_applied(&inbox, "fr", 20).await;
    // Resuming the stalled sources alone never sees it: be is no source of the stream any more.
    let stalled = partage_federation::stream::resume_stalled(&js, stream, Duration::from_secs(3600)).await;
    assert!(stalled.unwrap().is_empty());
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(inbox.count_of("be"), 10, "nothing of be is copied without its source");

    let expected = expected_hq_stream(&fed);
    let looked = partage_federation::stream::supervise_sources(&js, &expected, Duration::from_secs(3600)).await;
    let looked = looked.unwrap();
    assert_eq!(looked.repaired.added, vec!["NODE_BE".to_owned()]);
    assert!(!looked.repaired.placeholder_removed);
    assert!(looked.resumed.is_empty(), "the source just added back is not resumed again: {looked:?}");
    all_applied(&inbox, "be", 40).await;
    assert_eq!(stream_settled(&js, 60).await, 60, "no event copied twice into HQ's stream");
    assert_eq!((inbox.count(), inbox.deliveries()), (60, 60), "each applied once, delivered once");
    let total: Decimal = (0..40).map(|i| Decimal::new(i * 100 + 1, 2)).sum();
    assert_eq!(inbox.moved_of("be"), total);

    // The next look: nothing amiss.
    let again = partage_federation::stream::supervise_sources(&js, &expected, Duration::from_secs(3600)).await;
    assert_eq!(again.unwrap(), partage_federation::stream::Supervised::default());
    receiver.stop().await;
    rb.stop().await;
    rf.stop().await;
}

/// An HQ with one office whose only source's resume was cut between its two updates: the
/// stream is left listening on the placeholder subject alone. The supervisor adds the source
/// back and drops the placeholder; the events published meanwhile arrive once, in order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_left_on_the_placeholder_by_a_cut_resume_gets_its_only_source_back() {
    let fed = Federation::start(&["be"]).await;
    let be = Arc::new(MemOutbox::default());
    for i in 0..20 {
        be.push(&movement(i));
    }
    let mut relay = fed.relay("be", be.clone(), fast()).await;
    fed.hq_stream().await;
    let inbox = Arc::new(MemInbox::default());
    let receiver = fed.hq_receiver(inbox.clone()).await;
    all_applied(&inbox, "be", 20).await;

    let js = fed.hq_js().await;
    let stream = partage_federation_tests::HQ_STREAM;
    let mut half = js.get_stream(stream).await.unwrap().info().await.unwrap().config.clone();
    half.sources = Some(Vec::new());
    half.subjects = vec![partage_federation::stream::placeholder_subject(stream)];
    js.update_stream(half).await.unwrap();
    for i in 20..50 {
        be.push(&movement(i));
    }
    relay.waker.notify_one();
    relay.sent(50, LIMIT).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(inbox.count_of("be"), 20, "nothing is copied while only the placeholder is left");

    let expected = expected_hq_stream(&fed);
    let looked = partage_federation::stream::supervise_sources(&js, &expected, Duration::from_secs(3600)).await;
    let repaired = looked.unwrap().repaired;
    assert_eq!((repaired.added, repaired.placeholder_removed), (vec!["NODE_BE".to_owned()], true));
    let config = js.get_stream(stream).await.unwrap().info().await.unwrap().config.clone();
    assert!(config.subjects.is_empty(), "the placeholder subject is gone: {:?}", config.subjects);
    assert_eq!(config.sources.as_ref().map(Vec::len), Some(1), "its source is back");
    all_applied(&inbox, "be", 50).await;
    assert_eq!(stream_settled(&js, 50).await, 50, "no event copied twice into HQ's stream");
    assert_eq!((inbox.count(), inbox.deliveries()), (50, 50), "each applied once, delivered once");
    let again = partage_federation::stream::repair_sources(&js, &expected).await;
    assert!(again.unwrap().is_empty());
    receiver.stop().await;
    relay.stop().await;
}

/// §6.6.2: the same event stored twice in the node's stream (re-published
/// after the dedup window); HQ applies it once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_stored_twice_at_the_origin_is_applied_once() {
    let fed = Federation::start(&["be"]).await;
    let outbox = Arc::new(MemOutbox::default());
    for i in 0..5 {
        outbox.push(&movement(i));
    }
    let mut settings = fast();
    settings.limits.duplicate_window = Duration::from_millis(100);
    let mut relay = fed.relay("be", outbox.clone(), settings).await;
    relay.sent(5, LIMIT).await;
    relay.stop().await;
    let js = fed.node_js("be").await;
    let stream = js.get_stream("NODE_BE").await.unwrap();
    let third = stream.get_raw_message(3).await.unwrap();
    tokio::time::sleep(Duration::from_millis(150)).await;
    let ack = js
        .publish_with_headers(third.subject.clone(), envelope_headers(&third.headers), third.payload.clone())
        .await
        .unwrap()
        .await
        .unwrap();
    assert!(!ack.duplicate, "past the window the stream stores it again");
    fed.hq_stream().await;
    let inbox = Arc::new(MemInbox::default());
    let receiver = fed.hq_receiver(inbox.clone()).await;
    all_applied(&inbox, "be", 5).await;
    eventually(LIMIT, "the copy delivered too", || async { inbox.deliveries() == 6 }).await;
    assert_eq!(inbox.count(), 5);
    receiver.stop().await;
}

/// §6.6.6: the node's stream is full (`max_bytes`, `discard: new`): the relay
/// backs off, the outbox keeps the events, and once the limit is raised every
/// event goes out, in order, once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_node_stream_keeps_events_in_the_outbox_until_there_is_room() {
    let fed = Federation::start(&["be"]).await;
    let outbox = Arc::new(MemOutbox::default());
    for i in 0..30 {
        outbox.push(&movement(i));
    }
    let mut settings = fast();
    settings.limits.max_bytes = 4_096;
    let mut relay = fed.relay("be", outbox.clone(), settings).await;
    let status = &mut relay.status;
    tokio::time::timeout(LIMIT, status.wait_for(|s| s.last_error.is_some() && s.last_sent > 0)).await.unwrap().unwrap();
    let stuck = outbox.sent();
    assert!(stuck > 0 && stuck < 30, "{stuck} sent");
    let js = fed.node_js("be").await;
    let mut config = js.get_stream("NODE_BE").await.unwrap().info().await.unwrap().config.clone();
    assert_eq!(config.max_bytes, 4_096);
    // The office's operator gives the stream room.
    config.max_bytes = -1;
    js.update_stream(config).await.unwrap();
    relay.sent(30, LIMIT).await;
    let state = js.get_stream("NODE_BE").await.unwrap().info().await.unwrap().state.clone();
    assert_eq!(state.messages, 30);
    fed.hq_stream().await;
    let inbox = Arc::new(MemInbox::default());
    let receiver = fed.hq_receiver(inbox.clone()).await;
    all_applied(&inbox, "be", 30).await;
    receiver.stop().await;
    relay.stop().await;
}

/// §6.6.7: the node's stream is deleted (a wiped data directory): the relay
/// re-creates it, says the stream is behind the outbox, and goes on with the
/// next sequence: numbers never restart, so HQ can tell the gap from a replay.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wiped_node_stream_is_reported_and_its_sequence_never_restarts() {
    let fed = Federation::start(&["be"]).await;
    let outbox = Arc::new(MemOutbox::default());
    for i in 0..5 {
        outbox.push(&movement(i));
    }
    let mut relay = fed.relay("be", outbox.clone(), fast()).await;
    relay.sent(5, LIMIT).await;
    fed.hq_stream().await;
    let inbox = Arc::new(MemInbox::default());
    let receiver = fed.hq_receiver(inbox.clone()).await;
    all_applied(&inbox, "be", 5).await;
    let js = fed.node_js("be").await;
    js.delete_stream("NODE_BE").await.unwrap();
    for i in 5..10 {
        outbox.push(&movement(i));
    }
    relay.waker.notify_one();
    relay.sent(10, LIMIT).await;
    assert_eq!(relay.status.borrow().stream_behind, Some((0, 5)));
    let stream = js.get_stream("NODE_BE").await.unwrap();
    let first = stream.get_raw_message(1).await.unwrap();
    assert_eq!(first.headers.get(partage_federation::envelope::SEQ).map(|v| v.as_str()), Some("6"));
    // HQ never applies anything twice, whatever its source does with the new stream.
    assert!(inbox.seqs_of("be").windows(2).all(|w| w[0] < w[1]));
    receiver.stop().await;
    relay.stop().await;
}

/// §6.6.8: a node controls its own server, so it can put anything in its own
/// stream; what reaches HQ is checked. Forged signature, another node's
/// header, a header that disagrees with the payload, a replay under a new
/// message id: each refused and parked; the genuine events applied once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spoofed_events_in_a_node_stream_are_refused_at_hq() {
    use partage_federation::envelope::{Envelope, Refusal, MSG_ID, NODE};
    let fed = Federation::start(&["be", "fr"]).await;
    let outbox = Arc::new(MemOutbox::default());
    for i in 0..3 {
        outbox.push(&movement(i));
    }
    let mut relay = fed.relay("be", outbox.clone(), fast()).await;
    relay.sent(3, LIMIT).await;
    relay.stop().await;
    let js = fed.node_js("be").await;
    let at = chrono::DateTime::from_timestamp(1_764_000_000, 0).unwrap();
    let be_key = fed.office("be").key.clone();
    let genuine =
        Envelope::new(partage_federation::NodeId::new("be").unwrap(), 4, at, &movement(4)).sign(&be_key).unwrap();
    let send = |headers: async_nats::HeaderMap, payload: Vec<u8>| {
        let js = js.clone();
        let subject = genuine.subject.clone();
        async move {
            let ack = js.publish_with_headers(subject, headers, payload.into()).await.unwrap().await.unwrap();
            assert!(!ack.duplicate, "each spoof is stored");
        }
    };
    // A forged signature: be's key id, another key.
    let forger =
        partage_federation::NodeKey::from_seed(partage_federation::NodeId::new("be").unwrap(), "be-1", [9; 32])
            .unwrap();
    let forged =
        Envelope::new(partage_federation::NodeId::new("be").unwrap(), 5, at, &movement(5)).sign(&forger).unwrap();
    send(forged.headers(), forged.payload.clone()).await;
    // fr's name in the header, under be's subject.
    let mut h = genuine.headers();
    h.insert(NODE, "fr");
    send(h, genuine.payload.clone()).await;
    // A payload that is not the one signed.
    let sixth =
        Envelope::new(partage_federation::NodeId::new("be").unwrap(), 6, at, &movement(6)).sign(&be_key).unwrap();
    let tampered = String::from_utf8(sixth.payload.clone()).unwrap().replace("\"6.01\"", "\"9.01\"");
    assert_ne!(tampered.as_bytes(), &sixth.payload[..]);
    send(sixth.headers(), tampered.into_bytes()).await;
    // An old event replayed under a new message id.
    let old = js.get_stream("NODE_BE").await.unwrap().get_raw_message(1).await.unwrap();
    let mut h = envelope_headers(&old.headers);
    h.insert(MSG_ID, "be:999");
    send(h, old.payload.to_vec()).await;
    fed.hq_stream().await;
    let inbox = Arc::new(MemInbox::default());
    let receiver = fed.hq_receiver(inbox.clone()).await;
    eventually(LIMIT, "four spoofs refused", || async { inbox.refused().len() == 4 }).await;
    all_applied(&inbox, "be", 3).await;
    let reasons: Vec<Refusal> = inbox.refused().into_iter().map(|(_, r)| r).collect();
    assert!(matches!(reasons[0], Refusal::BadSignature), "{reasons:?}");
    assert!(matches!(reasons[1], Refusal::NodeMismatch { .. }), "{reasons:?}");
    assert!(matches!(reasons[2], Refusal::BadSignature), "{reasons:?}");
    assert!(matches!(reasons[3], Refusal::HeaderMismatch { header: MSG_ID, .. }), "{reasons:?}");
    receiver.stop().await;
}

/// §6.6.8 at the servers: a node's relay user may publish only under its own
/// subjects; its leaf refuses another node's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_cannot_publish_under_another_nodes_subjects() {
    let fed = Federation::start(&["be"]).await;
    let office = fed.office("be");
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let client = async_nats::ConnectOptions::with_user_and_password("node".into(), office.password.clone())
        .event_callback(move |event| {
            let tx = tx.clone();
            async move {
                let _ = tx.send(event.to_string());
            }
        })
        .connect(format!("127.0.0.1:{}", office.server.port()))
        .await
        .unwrap();
    client.publish("partage.fr.ev.fund.moved", "spoof".into()).await.unwrap();
    client.flush().await.unwrap();
    let refused = tokio::time::timeout(LIMIT, async {
        while let Some(event) = rx.recv().await {
            if event.contains("Permissions Violation") && event.contains("partage.fr.ev.fund.moved") {
                return true;
            }
        }
        false
    })
    .await
    .unwrap();
    assert!(refused);
    // Its own subjects stay open to it.
    let js = async_nats::jetstream::new(client);
    partage_federation::stream::ensure_node_stream(&js, &office.node, &Default::default()).await.unwrap();
    js.publish("partage.be.ev.ping", "x".into()).await.unwrap().await.unwrap();
}

/// deploy/nats holds an example the generator wrote: nats-server 2.15 accepts every file.
#[test]
fn the_example_configurations_in_deploy_are_valid() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/nats");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "conf") {
            let out = std::process::Command::new(partage_federation_tests::nats_server_bin())
                .arg("-t")
                .arg("-c")
                .arg(&path)
                .output()
                .unwrap();
            assert!(out.status.success(), "{}: {}", path.display(), String::from_utf8_lossy(&out.stderr));
            checked += 1;
        }
    }
    assert_eq!(checked, 3);
}
