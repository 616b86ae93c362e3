//! Open-loop load at a fixed rate: invoice cycles (draft, issue, pay) started on
//! a schedule, so a slow answer cannot slow the load down (no coordinated
//! omission: a request's latency counts from when it was due). Run by
//! `scripts/bench/api`, which starts the node and sets the environment:
//! PARTAGE_BASE, PARTAGE_TOKEN, PARTAGE_ACTIVITY, PARTAGE_CLIENT, RATE (requests/s), LOAD_SECONDS.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn env(key: &str) -> Option<String> {
    std::env::var(key).ok().filter(|v| !v.is_empty())
}

fn ms(micros: u64) -> String {
    format!("{}.{:02}", micros / 1000, (micros % 1000) / 10)
}

#[tokio::main]
async fn main() {
    let (Some(base), Some(token), Some(activity), Some(client)) =
        (env("PARTAGE_BASE"), env("PARTAGE_TOKEN"), env("PARTAGE_ACTIVITY"), env("PARTAGE_CLIENT"))
    else {
        println!("paced: run through scripts/bench/api (it starts a node and sets PARTAGE_BASE and the ids)");
        return;
    };
    let rate: u64 = env("RATE").and_then(|r| r.parse().ok()).unwrap_or(1000);
    let seconds: u64 = env("LOAD_SECONDS").and_then(|s| s.parse().ok()).unwrap_or(20);
    // Each cycle is three requests, so cycles start at a third of the request rate.
    let interval = Duration::from_micros(3_000_000 / rate);
    let http = reqwest::Client::builder().pool_max_idle_per_host(256).build().unwrap();
    let latencies = Arc::new(Mutex::new(Vec::<u64>::new()));
    let failures = Arc::new(Mutex::new(0u64));
    let draft = serde_json::json!({"activity_id": activity, "client_id": client, "currency": "EUR",
        "lines": [{"description": "Concert", "quantity": "1", "unit_price": "1000.00", "vat_rate": "21"}]});
    let start = Instant::now();
    let end = start + Duration::from_secs(seconds);
    let mut due = start;
    let mut tasks = Vec::new();
    while due < end {
        tokio::time::sleep_until(due.into()).await;
        let (http, base, token, draft) = (http.clone(), base.clone(), token.clone(), draft.clone());
        let (latencies, failures) = (latencies.clone(), failures.clone());
        let scheduled = due;
        tasks.push(tokio::spawn(async move {
            let mut since = scheduled;
            let record = |ok: bool, since: &mut Instant| {
                let now = Instant::now();
                latencies.lock().unwrap().push(u64::try_from((now - *since).as_micros()).unwrap_or(u64::MAX));
                if !ok {
                    *failures.lock().unwrap() += 1;
                }
                *since = now;
            };
            let r = http.post(format!("{base}/invoices")).bearer_auth(&token).json(&draft).send().await;
            let Ok(r) = r else { return record(false, &mut since) };
            let ok = r.status() == 201;
            let body: serde_json::Value = r.json().await.unwrap_or_default();
            record(ok, &mut since);
            let Some(id) = body["id"].as_str() else { return };
            let r = http.post(format!("{base}/invoices/{id}/issue")).bearer_auth(&token).send().await;
            record(r.as_ref().is_ok_and(|r| r.status() == 200), &mut since);
            let r = http
                .post(format!("{base}/invoices/{id}/payments"))
                .bearer_auth(&token)
                .json(&serde_json::json!({"amount": "1210.00", "currency": "EUR"}))
                .send()
                .await;
            record(r.as_ref().is_ok_and(|r| r.status() == 201), &mut since);
        }));
        due += interval;
    }
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = start.elapsed();
    let mut l = latencies.lock().unwrap().clone();
    l.sort_unstable();
    let pct = |p: usize| l.get((l.len() * p / 100).min(l.len().saturating_sub(1))).copied().unwrap_or(0);
    let achieved = u64::try_from(l.len()).unwrap_or(0) * 1000 / u64::try_from(elapsed.as_millis()).unwrap_or(1).max(1);
    println!(
        "RESULT target/s {rate} achieved/s {achieved} requests {} failures {} p50_ms {} p90_ms {} p99_ms {} max_ms {}",
        l.len(),
        failures.lock().unwrap(),
        ms(pct(50)),
        ms(pct(90)),
        ms(pct(99)),
        ms(l.last().copied().unwrap_or(0))
    );
}
