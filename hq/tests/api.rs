//! HQ's HTTP API end to end: enrol a node, publish a rate, read the report as JSON and CSV.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

mod common;

use common::{d, february_2025_rates, figures, seal, Db, TOKEN};
use partage_hq::http::{router, Hq};
use std::sync::Arc;

async fn serve(db: Db) -> (String, partage_hq::HqStore) {
    let store = common::store(db).await;
    common::admin_token(&store).await;
    let hq = Hq {
        store: store.clone(),
        coverage_floor: d("1.00"),
        now: Arc::new(|| "2026-03-01T12:00:00Z".to_owned()),
        sign_in: Arc::default(),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/api/v1", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router(hq)).await });
    (url, store)
}

async fn the_api_enrols_a_node_takes_a_rate_and_serves_the_report_as_json_and_csv(db: Db) {
    let (url, store) = serve(db).await;
    let http = reqwest::Client::new();
    let auth = format!("Bearer {TOKEN}");

    let unauthorised = http.get(format!("{url}/report/2025-02")).send().await.unwrap();
    assert_eq!(unauthorised.status(), 401);
    assert_eq!(unauthorised.headers()["content-type"], "application/problem+json");

    let key = partage_hq::NodeKey::generate();
    let request = partage_hq::enrol::request(&key, "se", "https://hq.example", "2026-03-01T00:00:00Z").unwrap();
    let enrolled =
        http.post(format!("{url}/enrolments")).header("authorization", &auth).json(&request).send().await.unwrap();
    assert_eq!(enrolled.status(), 201);
    let again =
        http.post(format!("{url}/enrolments")).header("authorization", &auth).json(&request).send().await.unwrap();
    assert_eq!(again.status(), 200);
    let nodes: serde_json::Value =
        http.get(format!("{url}/nodes")).header("authorization", &auth).send().await.unwrap().json().await.unwrap();
    assert_eq!(nodes[0]["node"], "se");
    assert_eq!(nodes[0]["enrolled_at"], "2026-03-01T12:00:00Z");

    let se = common::TestNode { code: "se", key };
    partage_hq::receive(&store, &seal(&se, 1, &figures(&se, "2025-02", 1, 10, "223760.00"))).await.unwrap();

    let missing = http.get(format!("{url}/report/2025-02")).header("authorization", &auth).send().await.unwrap();
    assert_eq!(missing.status(), 409);
    let problem: serde_json::Value = missing.json().await.unwrap();
    assert_eq!(problem["type"], "/problems/rate-missing");

    let rate = &february_2025_rates()[0];
    let published = http.post(format!("{url}/rates")).header("authorization", &auth).json(rate).send().await.unwrap();
    assert_eq!(published.status(), 201);
    let rates: serde_json::Value = http
        .get(format!("{url}/rates/2025-02"))
        .header("authorization", &auth)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(rates[0]["units_per_eur"], "11.1880");
    assert_eq!(rates[0]["rate_date"], "2025-02-28");

    let report: serde_json::Value = http
        .get(format!("{url}/report/2025-02"))
        .header("authorization", &auth)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(report["total"]["sectors"][0]["turnover_excl_vat"], "20000.00");
    assert_eq!(report["nodes"][0]["as_of"], "2026-03-01T00:00:01Z");
    assert_eq!(report["rates"][0]["version"], 1);

    let csv = http.get(format!("{url}/report/2025-02/csv")).header("authorization", &auth).send().await.unwrap();
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = csv.text().await.unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(lines[0].starts_with("period,node,currency,as_of,revision,members_active"));
    assert!(lines[1].starts_with("2025-02,se,SEK,2026-03-01T00:00:01Z,1,10,10,10,1.50,10,20000.00,"), "{}", lines[1]);
    assert!(lines[2].starts_with("2025-02,group,EUR,,,10,"), "{}", lines[2]);

    let bad = http.get(format!("{url}/report/2025-13")).header("authorization", &auth).send().await.unwrap();
    assert_eq!(bad.status(), 400);
}

on_both_databases!(the_api_enrols_a_node_takes_a_rate_and_serves_the_report_as_json_and_csv);
