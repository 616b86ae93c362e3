//! Relay throughput beside a raw async-nats JetStream publish loop, against the
//! same nats-server in the same run (docs/performance.md).
//!
//! `cargo bench -p partage-federation-tests --bench relay [-- <events>]`. The
//! raw loop publishes payloads of the envelope's size with a message id, 1,024
//! acks in flight, as fast as it can; the relay reads the same number of events
//! from an in-memory outbox, signs each, publishes with the expected last
//! sequence and marks them sent. The goal is at least half the raw rate.

// A measurement: rates are printed as floating-point figures.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::float_arithmetic, missing_docs)]

use partage_federation::events::{Amount, FundMovedV1};
use partage_federation::relay::RelaySettings;
use partage_federation::Event;
use partage_federation_tests::{Federation, MemOutbox};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Publishes in flight: the relay's default batch.
const WINDOW: usize = 1024;

fn movement(i: u64) -> Event {
    Event::FundMoved(FundMovedV1 {
        activity: uuid::Uuid::from_u128(u128::from(i)),
        kind: "advance".into(),
        amount: Amount { amount: rust_decimal::Decimal::new(i as i64 + 1, 2), currency: "EUR".into() },
        on: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    })
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let n: u64 = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(20_000);
    let fed = Federation::start(&["be"]).await;
    let js = fed.node_js("be").await;

    // Raw: a stream of its own, same limits, same payload size.
    let key = fed.office("be").key.clone();
    let sample =
        partage_federation::Envelope::new(key.node().clone(), 1, chrono::Utc::now(), &movement(1)).sign(&key).unwrap();
    let payload = bytes::Bytes::from(vec![b'x'; sample.payload.len()]);
    let mut raw = partage_federation::stream::node_stream(key.node(), &Default::default());
    raw.name = "RAW".into();
    js.create_stream(raw).await.unwrap();
    let start = Instant::now();
    let mut acks = Vec::with_capacity(WINDOW);
    for i in 0..n {
        let msg = async_nats::jetstream::message::PublishMessage::build()
            .payload(payload.clone())
            .message_id(format!("raw:{i}"));
        acks.push(js.send_publish(format!("partage.be.raw.{}", i % 16), msg).await.unwrap());
        if acks.len() == WINDOW {
            for a in acks.drain(..) {
                a.await.unwrap();
            }
        }
    }
    for a in acks.drain(..) {
        a.await.unwrap();
    }
    let raw_time = start.elapsed();
    js.delete_stream("RAW").await.unwrap();

    // Relay: the same count from an outbox.
    let outbox = Arc::new(MemOutbox::default());
    for i in 0..n {
        outbox.push(&movement(i));
    }
    let settings = RelaySettings { idle: Duration::from_millis(5), ..Default::default() };
    let start = Instant::now();
    let mut relay = fed.relay("be", outbox.clone(), settings).await;
    relay.sent(n, Duration::from_secs(600)).await;
    let relay_time = start.elapsed();
    relay.stop().await;

    let rate = |t: Duration| n as f64 / t.as_secs_f64();
    println!("events: {n}, payload: {} bytes", sample.payload.len());
    println!("raw JetStream publish loop: {:>8.0} msg/s ({:.2?})", rate(raw_time), raw_time);
    println!("outbox relay:               {:>8.0} msg/s ({:.2?})", rate(relay_time), relay_time);
    println!("relay / raw:                {:>8.2}", rate(relay_time) / rate(raw_time));
}
