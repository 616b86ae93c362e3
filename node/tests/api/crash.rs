//! A node killed with SIGKILL while issuing invoices leaves no gap in the
//! numbers and a balanced journal once restarted.

use crate::common::{Db, Place, Process, TestNode};
use crate::on_both_databases;
use futures::future::join_all;
use serde_json::json;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

async fn issued_numbers(t: &TestNode) -> BTreeSet<u64> {
    let mut numbers = BTreeSet::new();
    let mut offset = 0;
    loop {
        let page = t.get(&format!("/invoices?limit=500&offset={offset}")).await;
        let items = page.ok(200)["items"].as_array().unwrap().clone();
        for i in &items {
            if let Some(n) = i["number"].as_str() {
                assert!(numbers.insert(n.strip_prefix("2026-").unwrap().parse().unwrap()), "duplicate {n}");
            }
        }
        if items.len() < 500 {
            return numbers;
        }
        offset += 500;
    }
}

async fn sigkill_while_issuing_leaves_no_gap(db: Db) {
    let place = Place::new(db);
    let process = Process::start(&place).await;
    let t = TestNode::remote(&process);
    let m = t.member("crash@example.org").await;
    let a = t.activity(&m, "Crash tour").await;
    let c = t.belgian_client().await;
    let mut drafts = Vec::new();
    for i in 0..300 {
        drafts.push(t.draft(&a, &c, &format!("{}.00", 50 + i), "21").await.ok(201)["id"].as_str().unwrap().to_owned());
    }

    // Eight clients issue as fast as they can; the process is killed mid-stream.
    let done = Arc::new(AtomicUsize::new(0));
    let next = Arc::new(AtomicUsize::new(0));
    let drafts = Arc::new(drafts);
    let workers = (0..8).map(|_| {
        let (done, next, drafts, http, base) =
            (done.clone(), next.clone(), drafts.clone(), t.http.clone(), t.base.clone());
        tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(id) = drafts.get(i) else { return };
                let sent =
                    http.post(format!("{base}/invoices/{id}/issue")).bearer_auth(crate::common::TOKEN).send().await;
                match sent {
                    Ok(r) if r.status() == 200 => {
                        done.fetch_add(1, Ordering::SeqCst);
                    }
                    _ => return, // the server is gone
                }
            }
        })
    });
    let workers: Vec<_> = workers.collect();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while done.load(Ordering::SeqCst) < 60 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    process.kill();
    join_all(workers).await;
    let acknowledged = done.load(Ordering::SeqCst);
    assert!(acknowledged >= 60, "only {acknowledged} issued before the deadline");

    let process = Process::start(&place).await;
    let t = TestNode::remote(&process);
    let numbers = issued_numbers(&t).await;
    let k = numbers.len() as u64;
    assert_eq!(numbers, (1..=k).collect::<BTreeSet<u64>>(), "a gap after SIGKILL");
    assert!(k as usize >= acknowledged, "an acknowledged invoice was lost: {k} < {acknowledged}");
    let tb = t.balanced().await;
    assert_eq!(tb["entries"], 2 + k, "one journal entry per issued invoice");

    // The node goes on from where it stopped.
    let rest = join_all(drafts.iter().map(|id| t.post(format!("/invoices/{id}/issue"), json!(null)))).await;
    assert_eq!(rest.iter().filter(|r| r.status == 200).count() as u64, 300 - k);
    assert_eq!(issued_numbers(&t).await, (1..=300).collect::<BTreeSet<u64>>());
    t.balanced().await;
}

on_both_databases!(sigkill_while_issuing_leaves_no_gap);
