//! HQ's catch-up of an office that was cut off (goal: 100,000 events under 60 s), beside a
//! raw JetStream consumer of the same messages over the same link in the same run
//! (docs/performance.md).
//!
//! `cargo bench -p partage-hq --bench catch_up [-- <events>] [sqlite|postgres]`. A real
//! nats-server 2.15 hub, a Belgian and a French leaf (the federation tests' harness); the
//! Belgian leaf's link to the hub is cut; the office's relay publishes `<events>` signed
//! `period.figures` events (24 months, each in ever higher revisions) into its own stream;
//! HQ's consolidator (`jetstream::consolidate`, as `partage hq serve --nats-url` runs it) is
//! started and sources both offices. Timed from the link's restore until HQ's store holds
//! the last revision of every month: HQ sets the stalled source up again at its next look
//! (every 10 s), the hub sources the office's stream over the link, the durable consumer
//! pulls it, messages are verified against HQ's trust store and applied with their inbox
//! rows, up to 100 a transaction, acknowledged after the commit. Then the peer: a second stream sourcing the
//! same office stream over the same link and a raw pull consumer acknowledging each message.

// A measurement: rates are printed as floating-point figures.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::float_arithmetic)]

use futures::StreamExt;
use partage_federation::async_nats;
use partage_federation::events::{FundFiguresV1, PeriodFiguresV1, SectorFiguresV1, SectorsV1};
use partage_federation::relay::RelaySettings;
use partage_federation::{Event, NodeId};
use partage_federation_tests::{Federation, MemOutbox};
use partage_hq::store::{EnrolledNode, HqStore};
use rust_decimal::Decimal;
use std::sync::Arc;
use std::time::{Duration, Instant};

const MONTHS: u64 = 24;

fn period(m: u64) -> String {
    format!("{}-{:02}", 2025 + m / 12, m % 12 + 1)
}

/// The `i`-th event: month `i % 24`, revision `i / 24 + 1`.
fn figures(i: u64) -> Event {
    let revision = u32::try_from(i / MONTHS + 1).unwrap();
    let sector = |k: i64| SectorFiguresV1 {
        people: 40,
        turnover_excl_vat: Decimal::new(12_345_678 + k * 101 + i64::from(revision), 2),
        payroll_mass_gross: Decimal::new(8_765_432 + k, 2),
        employer_cost: Decimal::new(11_223_344 + k, 2),
    };
    Event::PeriodFigures(PeriodFiguresV1 {
        period: period(i % MONTHS),
        revision,
        currency: "EUR".into(),
        members_active: 1_200,
        signups: 40,
        leavers: 12,
        fte: Decimal::new(31_250, 2),
        sectors: SectorsV1 { artistic: sector(1), cultural_industry: sector(2), other: sector(3) },
        fund: FundFiguresV1 { balance: Decimal::new(150_000_000, 2), open_advances: Decimal::new(90_000_000, 2) },
    })
}

async fn store(db: &str, dir: &std::path::Path) -> HqStore {
    match db {
        "postgres" => {
            let url = std::env::var("PARTAGE_TEST_PG_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
            let schema = format!("hq_catch_up_{}", std::process::id());
            let admin = sea_orm::Database::connect(&url).await.unwrap();
            use sea_orm::ConnectionTrait;
            admin.execute_unprepared(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE")).await.unwrap();
            HqStore::open(&url, Some(&schema)).await.unwrap()
        }
        _ => HqStore::open(&format!("sqlite://{}?mode=rwc", dir.join("hq.sqlite").display()), None).await.unwrap(),
    }
}

/// Whether HQ holds the last revision of every month.
async fn caught_up(store: &HqStore, n: u64) -> bool {
    for m in 0..MONTHS.min(n) {
        // The last event of month m is the highest i < n with i % 24 == m.
        let last = (n - 1 - m) / MONTHS * MONTHS + m;
        let want = u32::try_from(last / MONTHS + 1).unwrap();
        let held = store.snapshots(&period(m)).await.unwrap().iter().map(|s| s.revision).max();
        if held != Some(want) {
            return false;
        }
    }
    true
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: u64 = args.iter().find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let db = if args.iter().any(|a| a == "postgres") { "postgres" } else { "sqlite" };
    let dir = tempfile::tempdir().unwrap();
    let fed = Federation::start(&["be", "fr"]).await;
    let office = fed.office("be");

    // HQ knows the offices' keys, as `partage hq enrol` leaves them.
    let hq = store(db, dir.path()).await;
    for code in ["be", "fr"] {
        let key = fed.office(code).key.public();
        let enrolled = EnrolledNode {
            node: code.into(),
            currency: "EUR".into(),
            key_id: key.key_id.clone(),
            public_key: key.public_key.clone(),
            enrolled_at: "2026-12-01T00:00:00Z".into(),
        };
        hq.enrol(&enrolled).await.unwrap();
    }
    // The French office is up, with nothing to send: its stream exists, its link works.
    let quiet = fed.relay("fr", Arc::new(MemOutbox::default()), RelaySettings::default()).await;

    // The office, cut off, keeps publishing into its own stream.
    office.proxy.cut();
    let outbox = Arc::new(MemOutbox::default());
    for i in 0..n {
        outbox.push(&figures(i));
    }
    let published = Instant::now();
    let mut relay =
        fed.relay("be", outbox.clone(), RelaySettings { idle: Duration::from_millis(5), ..Default::default() }).await;
    relay.sent(n, Duration::from_secs(900)).await;
    relay.stop().await;
    let publish_time = published.elapsed();

    // HQ's consolidator starts; nothing reaches it while the link is down.
    let settings = partage_hq::jetstream::Settings {
        url: format!("127.0.0.1:{}", fed.hub.port()),
        user: "hq".into(),
        password: fed.hq_password.clone(),
        stream: partage_hq::jetstream::STREAM.to_owned(),
        ack_wait: Duration::from_secs(30),
        sources_every: partage_hq::jetstream::SOURCES_EVERY,
    };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let consolidator = {
        let hq = hq.clone();
        tokio::spawn(async move { partage_hq::jetstream::consolidate(&hq, &settings, stopped).await })
    };
    tokio::time::sleep(Duration::from_secs(2)).await;
    let crossed = hq.periods().await.unwrap();
    assert!(crossed.is_empty(), "nothing crossed the cut link, yet HQ has {crossed:?}");

    let restored = Instant::now();
    office.proxy.restore();
    while !caught_up(&hq, n).await {
        assert!(restored.elapsed() < Duration::from_secs(900), "HQ did not catch up in 15 minutes");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let catch_up = restored.elapsed();
    let _ = stop.send(true);
    let tally = consolidator.await.unwrap().unwrap();
    quiet.stop().await;

    // The peer: the same office stream sourced over the same link into a stream of its own,
    // read by a raw pull consumer that only acknowledges.
    let js = fed.hq_js().await;
    let raw = partage_federation::stream::hq_stream("RAW_AGG", &[NodeId::new("be").unwrap()], "agg.>");
    let started = Instant::now();
    let stream = js.create_stream(raw).await.unwrap();
    let consumer = stream
        .create_consumer(async_nats::jetstream::consumer::pull::Config {
            durable_name: Some("raw".into()),
            ack_policy: async_nats::jetstream::consumer::AckPolicy::Explicit,
            ..Default::default()
        })
        .await
        .unwrap();
    let mut messages = consumer.messages().await.unwrap();
    let mut read = 0u64;
    while read < n {
        let message = tokio::time::timeout(Duration::from_secs(120), messages.next())
            .await
            .expect("the raw consumer stalled")
            .unwrap()
            .unwrap();
        message.double_ack().await.unwrap();
        read += 1;
    }
    let raw_time = started.elapsed();

    let rate = |t: Duration| n as f64 / t.as_secs_f64();
    println!("events: {n}, HQ's database: {db}");
    println!("office publishing while cut off: {:>8.0} events/s ({publish_time:.2?})", rate(publish_time));
    println!("HQ catch-up after the restore:   {:>8.0} events/s ({catch_up:.2?}), tally {tally:?}", rate(catch_up));
    println!("raw sourcing + pull consumer:    {:>8.0} events/s ({raw_time:.2?})", rate(raw_time));
    println!("HQ / raw: {:.2}", raw_time.as_secs_f64() / catch_up.as_secs_f64());
}
