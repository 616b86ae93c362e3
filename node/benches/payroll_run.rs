//! A full payroll run: 100,000 contracts paid with their payslips, lines, journal
//! postings and the fund's advances, timed from start to completion.
//!
//! `cargo bench -p partage --bench payroll_run -- [sqlite|postgres] [contracts]`
//! (default: both databases, 100,000 contracts). The seeding (members admitted
//! with identity and bank account, invoices issued, declarations validated with
//! their DIMONA, then more contracts per member) is not timed.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use partage::service::payroll;
use partage::storage::entities::contract;
use partage_core::{Currency, Money};
use sea_orm::{ActiveValue::Set, EntityTrait};
use std::time::Instant;

mod common;

const PER_MEMBER: usize = 20;

async fn bench(db: &str, contracts: usize) {
    let dir = std::env::temp_dir().join(format!("partage-bench-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let node = common::node(db, &dir, "2026-06-30").await;
    let seeding = Instant::now();
    let members = contracts.div_ceil(PER_MEMBER);
    let client = partage::drill::business_client(&node, "Fast Meals Platform SA", "BE0403170701").await.unwrap();
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 6, d).unwrap();
    let (s, e) =
        (chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap(), chrono::NaiveTime::from_hms_opt(22, 0, 0).unwrap());
    let seeded = partage::drill::seed(
        &node,
        &partage::drill::Seed {
            from: 0,
            count: members,
            label: "Courier",
            category: "manual",
            client,
            invoiced: Money::from_minor(300_000, Currency::EUR),
            budget: Money::from_minor(14_025, Currency::EUR),
            days: vec![partage_core::work_declaration::WorkPeriod { date: day(2), start: s, end: e }],
            on: day(1),
        },
    )
    .await
    .unwrap();
    // More contracts per member, one evening each, copied from the validated one.
    let base = contract::Entity::find().all(node.store.db()).await.unwrap();
    let mut rows = Vec::new();
    for k in base.iter() {
        for i in 1..PER_MEMBER {
            let d = day(3 + u32::try_from(i).unwrap());
            rows.push(contract::ActiveModel {
                id: Set(uuid::Uuid::now_v7()),
                declaration_id: Set(uuid::Uuid::now_v7()),
                member_id: Set(k.member_id),
                activity_id: Set(k.activity_id),
                kind: Set(k.kind.clone()),
                worker_category: Set(k.worker_category.clone()),
                starts_at: Set(d.and_time(s)),
                ends_at: Set(d.and_time(e)),
                budget_minor: Set(k.budget_minor),
                gross_minor: Set(k.gross_minor),
                currency: Set(k.currency.clone()),
                status: Set("active".into()),
                created_at: Set(k.created_at),
                framework_id: Set(None),
                motive_code: Set(k.motive_code.clone()),
                motive_replaced_name: Set(k.motive_replaced_name.clone()),
                motive_replaced_job: Set(k.motive_replaced_job.clone()),
                motive_sector: Set(k.motive_sector.clone()),
                motive_detail: Set(k.motive_detail.clone()),
                classification: Set(k.classification.clone()),
                legislation_state: Set(k.legislation_state.clone()),
                employer_cost_coefficient: Set(k.employer_cost_coefficient.clone()),
            });
        }
    }
    rows.truncate(contracts.saturating_sub(seeded.len()));
    let txn = node.store.write().await.unwrap();
    for part in rows.chunks(1000) {
        contract::Entity::insert_many(part.to_vec()).exec_without_returning(&*txn).await.unwrap();
    }
    txn.commit().await.unwrap();
    let total = seeded.len() + rows.len();
    println!("{db}: seeded {total} contracts of {} members in {:.1?}", seeded.len(), seeding.elapsed());

    let started = Instant::now();
    let txn = node.store.write().await.unwrap();
    let (run, _) = payroll::start(&*txn, "2026-06", None, node.today(), node.now()).await.unwrap();
    txn.commit().await.unwrap();
    let done = payroll::process(&node, run.id).await.unwrap();
    let took = started.elapsed();
    assert_eq!(usize::try_from(done.payslips).unwrap(), total);
    let tb =
        partage::service::ledger::trial_balance(node.store.db(), node.currency(), node.pack.as_ref()).await.unwrap();
    assert!(tb.balanced);
    // The running totals moved by the run must equal what the journal gives.
    let audit = partage::service::audit::check(node.store.db(), &node).await.unwrap();
    assert!(audit.differences.is_empty(), "{audit}");
    println!(
        "{db}: payroll run of {total} contracts: {:.2?} ({} payslips/s), {} journal entries, balanced, totals audited",
        took,
        u128::try_from(total).unwrap() * 1000 / took.as_millis().max(1),
        tb.entries
    );
    node.store.db().clone().close().await.ok();
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::main]
async fn main() {
    let (dbs, args) = common::args();
    let contracts = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(100_000);
    for db in dbs {
        bench(db, contracts).await;
    }
}
