//! One partner-platform batch of worked hours: every line checked, kept as an
//! hourly contract, invoiced to the platform (one invoice per worker), in one
//! transaction, timed from the call to the commit.
//!
//! `cargo bench -p partage --bench platform_batch -- [sqlite|postgres] [workers] [lines per worker]`
//! (default: both databases, 5,000 workers, 2 lines each: 10,000 lines). The
//! seeding (members admitted with identity, enrolled with their DIMONA) is not timed.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use partage::service::platforms::{self, BatchLine};
use std::time::Instant;

mod common;

async fn bench(db: &str, workers: usize, per_worker: usize) {
    let dir = std::env::temp_dir().join(format!("partage-bench-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let node = common::node(db, &dir, "2026-03-09").await;
    let seeding = Instant::now();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let (platform_id, token) = partage::drill::platform_with_couriers(&node, workers, on).await.unwrap();
    println!("{db}: enrolled {workers} workers in {:.1?}", seeding.elapsed());
    let mut lines = Vec::with_capacity(workers * per_worker);
    for w in 0..workers {
        for k in 0..per_worker {
            let day = 3 + u32::try_from(k % 6).unwrap();
            let hour = 10 + u32::try_from(k / 6).unwrap();
            lines.push(BatchLine {
                worker: format!("w{w}"),
                date: format!("2026-03-{day:02}"),
                start: format!("{hour}:00"),
                end: format!("{}:00", hour + 1),
            });
        }
    }
    let p = platforms::by_token(node.store.db(), &token).await.unwrap().unwrap();
    assert_eq!(p.id, platform_id);
    let started = Instant::now();
    let txn = node.store.write().await.unwrap();
    let (result, replayed) =
        platforms::post_batch(&*txn, &node, &p, "bench", &lines, "bench-hash", node.now()).await.unwrap();
    txn.commit().await.unwrap();
    let took = started.elapsed();
    assert!(!replayed);
    assert_eq!(result.accepted, lines.len(), "{:?}", result.rejected.first());
    assert_eq!(result.invoices.len(), workers);
    let tb =
        partage::service::ledger::trial_balance(node.store.db(), node.currency(), node.pack.as_ref()).await.unwrap();
    assert!(tb.balanced);
    // The running totals moved by the run must equal what the journal gives.
    let audit = partage::service::audit::check(node.store.db(), &node).await.unwrap();
    assert!(audit.differences.is_empty(), "{audit}");
    println!(
        "{db}: batch of {} lines from {workers} workers: {:.2?} ({} lines/s), {} invoices, balanced, totals audited",
        lines.len(),
        took,
        u128::try_from(lines.len()).unwrap() * 1000 / took.as_millis().max(1),
        result.invoices.len()
    );
    node.store.db().clone().close().await.ok();
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::main]
async fn main() {
    let (dbs, args) = common::args();
    let workers = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(5_000);
    let per_worker = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(2).clamp(1, 48);
    for db in dbs {
        bench(db, workers, per_worker).await;
    }
}
