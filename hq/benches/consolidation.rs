//! Consolidation of 9 nodes × 24 months (goal: under a second): every period sent in
//! three revisions, in a shuffled order, with a tenth of the messages redelivered; then
//! the 24 group reports. `cargo bench -p partage-hq --bench consolidation [sqlite|postgres]`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use partage_federation::{Envelope, Event, NodeId};
use partage_hq::consolidate::receive_batch;
use partage_hq::envelope::NodeKey;
use partage_hq::figures::{FundFigures, PeriodFigures, SectorFigures, Sectors};
use partage_hq::store::{HqStore, ReferenceRate};
use partage_hq::{enrol, receive, report};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rust_decimal::Decimal;
use std::time::Instant;

const NODES: [&str; 9] = ["at", "be", "de", "es", "fr", "hu", "it", "nl", "se"];
const MONTHS: u32 = 24;
const REVISIONS: u32 = 3;

fn period(i: u32) -> String {
    format!("{}-{:02}", 2025 + i / 12, i % 12 + 1)
}

async fn fresh(db: &str, dir: &std::path::Path, name: &str) -> HqStore {
    match db {
        "postgres" => {
            let url = std::env::var("PARTAGE_TEST_PG_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
            let schema = format!("hq_bench_{name}_{}", std::process::id());
            let admin = sea_orm::Database::connect(&url).await.unwrap();
            use sea_orm::ConnectionTrait;
            admin.execute_unprepared(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE")).await.unwrap();
            HqStore::open(&url, Some(&schema)).await.unwrap()
        }
        _ => HqStore::open(&format!("sqlite://{}?mode=rwc", dir.join(format!("{name}.sqlite")).display()), None)
            .await
            .unwrap(),
    }
}

async fn bench(db: &str) {
    let dir = std::env::temp_dir().join(format!("partage-hq-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let store = fresh(db, &dir, "batched").await;
    let mut messages = Vec::new();
    for code in NODES {
        let key = NodeKey::generate();
        let request = enrol::request(&key, code, "https://hq.example", "2026-01-01T00:00:00Z").unwrap();
        enrol::accept(&store, &request, "2026-01-01T00:00:00Z").await.unwrap();
        let currency = enrol::currency_of(code).unwrap();
        let mut seq = 0;
        for m in 0..MONTHS {
            for revision in 1..=REVISIONS {
                seq += 1;
                let sector = |k: i64| SectorFigures {
                    people: 40,
                    turnover_excl_vat: Decimal::new(12_345_678 + k * 101 + i64::from(revision), 2),
                    payroll_mass_gross: Decimal::new(8_765_432 + k, 2),
                    employer_cost: Decimal::new(11_223_344 + k, 2),
                };
                let figures = PeriodFigures {
                    period: period(m),
                    revision,
                    currency: currency.into(),
                    members_active: 120,
                    signups: 6,
                    leavers: 5,
                    fte: Decimal::new(4_250, 2),
                    sectors: Sectors { artistic: sector(1), cultural_industry: sector(2), other: sector(3) },
                    fund: FundFigures {
                        balance: Decimal::new(50_000_000, 2),
                        open_advances: Decimal::new(30_000_000, 2),
                    },
                };
                let id = NodeId::new(code).unwrap();
                let at = chrono::DateTime::parse_from_rfc3339("2027-01-05T10:00:00Z").unwrap().to_utc();
                let envelope = Envelope::new(id.clone(), seq, at, &Event::PeriodFigures(figures));
                let signed = envelope.sign(&key.federation_key(id).unwrap()).unwrap();
                messages.push(partage_hq::Message::from_signed(&signed));
            }
        }
    }
    for m in 0..MONTHS {
        for (currency, units) in [("SEK", "11.1880"), ("HUF", "399.50")] {
            let rate = ReferenceRate {
                currency: currency.into(),
                period: period(m),
                version: 1,
                units_per_eur: units.parse().unwrap(),
                rate_date: "2025-02-28".parse().unwrap(),
                source: "bench".into(),
            };
            store.publish_rate(&rate).await.unwrap();
        }
    }
    let mut rng = rand::rngs::StdRng::seed_from_u64(13);
    let redelivered: Vec<_> = messages.iter().step_by(10).cloned().collect();
    messages.extend(redelivered);
    messages.shuffle(&mut rng);

    let started = Instant::now();
    // As the consumer fetches: batches of 100 messages, one transaction each.
    for batch in messages.chunks(100) {
        for outcome in receive_batch(&store, batch).await.unwrap() {
            outcome.unwrap();
        }
    }
    let consolidated = started.elapsed();
    // And one message per transaction, into a second HQ, for comparison.
    let single = fresh(db, &dir, "single").await;
    for code in NODES {
        let node = store.node(code).await.unwrap().unwrap();
        single.enrol(&node).await.unwrap();
    }
    let one_by_one = Instant::now();
    for m in &messages {
        receive(&single, m).await.unwrap();
    }
    let one_by_one = one_by_one.elapsed();
    let reporting = Instant::now();
    for m in 0..MONTHS {
        let r = report::build(&store, &period(m), Decimal::ONE).await.unwrap();
        assert_eq!(r.inputs.len(), NODES.len());
        assert!(r.inputs.iter().all(|i| i.revision == REVISIONS));
    }
    let reported = reporting.elapsed();
    println!(
        "{db}: consolidated {} messages ({} nodes × {MONTHS} months × {REVISIONS} revisions + 10 % redelivered) in {consolidated:.2?} (batches of 100), {one_by_one:.2?} (one per transaction); {MONTHS} group reports in {reported:.2?}",
        messages.len(),
        NODES.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::main]
async fn main() {
    let dbs: Vec<String> = std::env::args().skip(1).filter(|a| a == "sqlite" || a == "postgres").collect();
    let dbs = if dbs.is_empty() { vec!["sqlite".to_owned(), "postgres".to_owned()] } else { dbs };
    for db in dbs {
        bench(&db).await;
    }
}
