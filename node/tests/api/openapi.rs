//! The OpenAPI document describes every route; every route but health needs the token.

use crate::common::{start, Db, TOKEN};
use std::collections::BTreeSet;

const ROUTES: [(&str, &str); 22] = [
    ("get", "/api/v1/health"),
    ("get", "/api/v1/openapi.json"),
    ("get", "/api/v1/ledger/trial-balance"),
    ("post", "/api/v1/members"),
    ("get", "/api/v1/members"),
    ("get", "/api/v1/members/{id}"),
    ("post", "/api/v1/members/{id}/shares"),
    ("post", "/api/v1/members/{id}/shares/payments"),
    ("post", "/api/v1/members/{id}/leave"),
    ("post", "/api/v1/members/{id}/shares/refund"),
    ("post", "/api/v1/activities"),
    ("get", "/api/v1/activities"),
    ("get", "/api/v1/activities/{id}"),
    ("get", "/api/v1/activities/{id}/statement"),
    ("post", "/api/v1/clients"),
    ("get", "/api/v1/clients"),
    ("get", "/api/v1/clients/{id}"),
    ("post", "/api/v1/invoices"),
    ("get", "/api/v1/invoices"),
    ("get", "/api/v1/invoices/{id}"),
    ("post", "/api/v1/invoices/{id}/issue"),
    ("post", "/api/v1/invoices/{id}/payments"),
];

const MORE_ROUTES: &[(&str, &str)] = &[
    ("post", "/api/v1/order-forms"),
    ("get", "/api/v1/order-forms/{id}"),
    ("post", "/api/v1/order-forms/{id}/invoiced"),
    ("post", "/api/v1/platforms"),
    ("get", "/api/v1/platforms/{id}"),
    ("post", "/api/v1/platforms/{id}/workers"),
    ("post", "/api/v1/platform/batches"),
    ("get", "/api/v1/platform/batches/{id}"),
    ("get", "/api/v1/contracts/{id}/true-ups"),
    ("post", "/api/v1/contracts/{id}/cancel"),
    ("post", "/api/v1/contracts/{id}/end"),
    ("post", "/api/v1/contracts/{id}/update"),
    ("put", "/api/v1/hiring-declarations/{id}/acknowledgement"),
    ("post", "/api/v1/payroll-runs"),
    ("get", "/api/v1/payroll-runs/{id}"),
    ("get", "/api/v1/payroll-runs/{id}/payslips"),
    ("get", "/api/v1/payroll-runs/{id}/sepa"),
    ("get", "/api/v1/payslips/{id}"),
    ("get", "/api/v1/payslips/{id}/pdf"),
    ("put", "/api/v1/members/{id}/payroll"),
    ("get", "/api/v1/guarantee-fund"),
    ("get", "/api/v1/guarantee-fund/deadlines"),
    ("post", "/api/v1/invoices/{id}/default"),
    ("put", "/api/v1/members/{id}/identity"),
    ("post", "/api/v1/work-declarations"),
    ("get", "/api/v1/work-declarations/{id}"),
    ("post", "/api/v1/work-declarations/{id}/validate"),
    ("post", "/api/v1/work-declarations/{id}/return"),
    ("get", "/api/v1/contracts/{id}"),
    ("get", "/api/v1/hiring-declarations/{id}"),
    ("post", "/api/v1/simulations"),
    ("get", "/api/v1/packs/{country}/parameters"),
    ("post", "/api/v1/invoices/{id}/credit-note"),
    ("get", "/api/v1/invoices/{id}/peppol.xml"),
    ("get", "/api/v1/credit-notes/{id}/peppol.xml"),
    ("post", "/api/v1/expense-claims"),
    ("get", "/api/v1/expense-claims"),
    ("get", "/api/v1/expense-claims/{id}"),
    ("get", "/api/v1/expense-claims/sepa"),
    ("post", "/api/v1/expense-claims/{id}/validate"),
    ("post", "/api/v1/expense-claims/{id}/reject"),
    ("post", "/api/v1/dunning/runs"),
    ("get", "/api/v1/dunning"),
    ("get", "/api/v1/invoices/{id}/dunning"),
    ("post", "/api/v1/invoices/{id}/dunning"),
    ("post", "/api/v1/quarterly-returns"),
    ("get", "/api/v1/quarterly-returns"),
    ("get", "/api/v1/quarterly-returns/{id}"),
    ("get", "/api/v1/quarterly-returns/{id}/xml"),
    ("get", "/api/v1/members/{id}/account"),
    ("get", "/api/v1/members/{id}/account.csv"),
    ("get", "/api/v1/invoices/{id}/dunning/{level}/pdf"),
    ("get", "/api/v1/invoices/{id}/dunning/{level}/text"),
    ("get", "/api/v1/invoices/{id}/pdf"),
    ("get", "/api/v1/credit-notes/{id}/pdf"),
];

#[tokio::test]
async fn the_openapi_document_lists_every_route() {
    let t = start(Db::Sqlite).await;
    let doc = t.get("/openapi.json").await;
    let doc = doc.ok(200);
    let mut listed = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in
            item.as_object().unwrap().keys().filter(|k| ["get", "post", "put", "delete", "patch"].contains(&k.as_str()))
        {
            listed.insert((method.clone(), path.clone()));
        }
    }
    let expected: BTreeSet<(String, String)> =
        ROUTES.iter().chain(MORE_ROUTES.iter()).map(|(m, p)| (m.to_string(), p.to_string())).collect();
    assert_eq!(listed, expected);
    // Each route is really served: none answers the router's own 404.
    for (method, path) in &expected {
        let url = format!(
            "{}{}",
            t.base.trim_end_matches("/api/v1"),
            path.replace("{id}", "00000000-0000-0000-0000-000000000000")
        );
        let req = match method.as_str() {
            "get" => t.http.get(&url),
            "put" => t.http.put(&url).json(&serde_json::json!({})),
            _ => t.http.post(&url).json(&serde_json::json!({})),
        };
        let res = req.bearer_auth(TOKEN).send().await.unwrap();
        let body: serde_json::Value = res.json().await.unwrap_or_default();
        assert_ne!(body["code"], "no-route", "{method} {path} is documented but not served");
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

#[tokio::test]
async fn every_route_but_health_needs_the_token() {
    let t = start(Db::Sqlite).await;
    let health = t.http.get(format!("{}/health", t.base)).send().await.unwrap();
    assert_eq!(health.status(), 200);
    for (method, path) in ROUTES.iter().chain(MORE_ROUTES.iter()).filter(|(_, p)| !p.ends_with("/health")) {
        let url = format!(
            "{}{}",
            t.base.trim_end_matches("/api/v1"),
            path.replace("{id}", "00000000-0000-0000-0000-000000000000")
        );
        let req = match *method {
            "get" => t.http.get(&url),
            "put" => t.http.put(&url).json(&serde_json::json!({})),
            _ => t.http.post(&url).json(&serde_json::json!({})),
        };
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 401, "{method} {path} answered without a token");
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        let wrong = match *method {
            "get" => t.http.get(&url),
            "put" => t.http.put(&url).json(&serde_json::json!({})),
            _ => t.http.post(&url).json(&serde_json::json!({})),
        };
        assert_eq!(wrong.bearer_auth("not-the-token").send().await.unwrap().status(), 401);
    }
    // Nothing was written by the refused requests.
    assert_eq!(t.get("/members").await.ok(200)["total"], 0);
}
