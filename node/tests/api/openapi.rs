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
    ("get", "/api/v1/ledger/inter-office"),
    ("get", "/api/v1/ledger/inter-office/{office}"),
    ("post", "/api/v1/ledger/inter-office/{office}/settlements"),
    ("post", "/api/v1/order-forms"),
    ("get", "/api/v1/order-forms/{id}"),
    ("post", "/api/v1/order-forms/{id}/invoiced"),
    ("post", "/api/v1/platforms"),
    ("get", "/api/v1/platforms/{id}"),
    ("get", "/api/v1/platforms"),
    ("post", "/api/v1/platforms/{id}/workers"),
    ("post", "/api/v1/platform/batches"),
    ("get", "/api/v1/platform/batches/{id}"),
    ("get", "/api/v1/contracts/{id}/true-ups"),
    ("get", "/api/v1/contracts/{id}/pdf"),
    ("post", "/api/v1/contracts/{id}/cancel"),
    ("post", "/api/v1/contracts/{id}/end"),
    ("post", "/api/v1/contracts/{id}/update"),
    ("put", "/api/v1/hiring-declarations/{id}/acknowledgement"),
    ("post", "/api/v1/payroll-runs"),
    ("get", "/api/v1/payroll-runs/{id}"),
    ("get", "/api/v1/payroll-runs"),
    ("get", "/api/v1/payroll-runs/{id}/payslips"),
    ("get", "/api/v1/payroll-runs/{id}/sepa"),
    ("get", "/api/v1/payslips/{id}"),
    ("get", "/api/v1/payslips"),
    ("get", "/api/v1/payslips/{id}/pdf"),
    ("put", "/api/v1/members/{id}/payroll"),
    ("get", "/api/v1/members/{id}/payroll"),
    ("get", "/api/v1/guarantee-fund"),
    ("get", "/api/v1/guarantee-fund/deadlines"),
    ("post", "/api/v1/invoices/{id}/default"),
    ("put", "/api/v1/members/{id}/identity"),
    ("post", "/api/v1/members/{id}/a1-certificates"),
    ("get", "/api/v1/members/{id}/a1-certificates"),
    ("post", "/api/v1/work-declarations"),
    ("get", "/api/v1/work-declarations/{id}"),
    ("get", "/api/v1/work-declarations"),
    ("post", "/api/v1/work-declarations/{id}/validate"),
    ("post", "/api/v1/work-declarations/{id}/return"),
    ("get", "/api/v1/contracts/{id}"),
    ("get", "/api/v1/contracts"),
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
    ("put", "/api/v1/expense-claims/{id}/receipt"),
    ("get", "/api/v1/expense-claims/{id}/receipt"),
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
    ("get", "/api/v1/members/{id}/data"),
    ("get", "/api/v1/members/{id}/data.csv"),
    ("get", "/api/v1/invoices/{id}/dunning/{level}/pdf"),
    ("get", "/api/v1/invoices/{id}/dunning/{level}/text"),
    ("patch", "/api/v1/members/{id}"),
    ("get", "/api/v1/members/{id}/history"),
    ("patch", "/api/v1/clients/{id}"),
    ("get", "/api/v1/clients/{id}/history"),
    ("get", "/api/v1/invoices/{id}/pdf"),
    ("get", "/api/v1/credit-notes/{id}/pdf"),
    ("get", "/api/v1/jobs"),
    ("get", "/api/v1/jobs/{id}"),
    ("post", "/api/v1/api-tokens"),
    ("get", "/api/v1/api-tokens"),
    ("delete", "/api/v1/api-tokens/{id}"),
    ("post", "/api/v1/accounts"),
    ("get", "/api/v1/accounts"),
    ("get", "/api/v1/accounts/{id}"),
    ("put", "/api/v1/accounts/{id}/role"),
    ("post", "/api/v1/members/{id}/transfers"),
    ("get", "/api/v1/transfers"),
    ("get", "/api/v1/transfers/{id}"),
    ("post", "/api/v1/transfers/{id}/accept"),
    ("post", "/api/v1/transfers/{id}/reject"),
    ("post", "/api/v1/transfers/{id}/cancel"),
    ("get", "/api/v1/posting-notices"),
    ("get", "/api/v1/posting-notices/{id}"),
    ("get", "/api/v1/federation/parked"),
    ("post", "/api/v1/federation/parked/{id}/retry"),
    ("delete", "/api/v1/federation/parked/{id}"),
    ("get", "/api/v1/settings/fee"),
    ("post", "/api/v1/settings/fee/changes"),
    ("get", "/api/v1/settings/coefficient/changes"),
    ("post", "/api/v1/settings/coefficient/changes"),
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
            "patch" => t.http.patch(&url).json(&serde_json::json!({})),
            "delete" => t.http.delete(&url),
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

/// The document says what the node serves: parameters where they are sent,
/// errors as problem documents with every status a route gives, one id per
/// operation, date-times and idempotency keys as they really are.
async fn the_openapi_document_says_what_is_served(db: Db) {
    let t = start(db).await;
    let doc = t.get("/openapi.json").await.ok(200).clone();
    let mut ids = BTreeSet::new();
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            // 32 query parameters were declared `in: path, required`.
            let in_path: BTreeSet<String> =
                params.iter().filter(|p| p["in"] == "path").map(|p| p["name"].as_str().unwrap().to_owned()).collect();
            let template: BTreeSet<String> = path
                .split('/')
                .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
                .map(str::to_owned)
                .collect();
            assert_eq!(in_path, template, "{method} {path}");
            assert!(ids.insert(op["operationId"].as_str().unwrap().to_owned()), "{method} {path}: id repeated");
            let responses = op["responses"].as_object().unwrap();
            for (status, r) in responses {
                if status.starts_with('4') || status.starts_with('5') {
                    let content = r["content"].as_object().unwrap();
                    assert_eq!(
                        content.keys().collect::<Vec<_>>(),
                        ["application/problem+json"],
                        "{method} {path} {status}"
                    );
                }
            }
            if path != "/api/v1/health" {
                assert!(responses.contains_key("401"), "{method} {path}");
            }
            if op.get("requestBody").is_some() {
                for status in ["400", "413", "415", "422"] {
                    assert!(responses.contains_key(status), "{method} {path} {status}");
                }
            }
            if responses.contains_key("201") {
                assert!(responses["201"]["headers"]["Location"].is_object(), "{method} {path}");
            }
            for p in params.iter().filter(|p| p["name"] == "Idempotency-Key") {
                assert_eq!(p["schema"]["maxLength"], 255);
                assert!(p["description"].as_str().unwrap().contains("replays the first response"));
            }
        }
    }
    assert!(operations >= 75, "{operations}");
    // No date-time promises an offset the node does not write; each says its zone: local
    // times have no format and say Europe/Brussels, the instants kept in UTC say their `Z`.
    let text = doc.to_string();
    assert!(text.contains("Europe/Brussels"));
    let mut instants = Vec::new();
    date_times(&doc, &mut instants);
    assert!(instants.iter().all(|p| p.ends_with("Z$")), "a date-time without its Z: {instants:?}");
    assert!(instants.len() >= 6, "the schedules', transfers' and notices' instants: {instants:?}");
}

/// The patterns of every `format: date-time` in `v`.
fn date_times(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            if map.get("format").and_then(|f| f.as_str()) == Some("date-time") {
                out.push(map.get("pattern").and_then(|p| p.as_str()).unwrap_or("none").to_owned());
            }
            map.values().for_each(|x| date_times(x, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|x| date_times(x, out)),
        _ => {}
    }
}

crate::on_both_databases!(the_openapi_document_says_what_is_served);

/// The `Idempotency-Key` header is documented on exactly the routes that read it (the
/// handlers taking the `Idempotent` extractor): a malformed key is refused with 400
/// `bad-idempotency-key` where, and only where, the document lists the header.
#[tokio::test]
async fn the_idempotency_key_is_documented_where_it_is_read() {
    let t = start(Db::Sqlite).await;
    let doc = t.get("/openapi.json").await.ok(200).clone();
    let origin = t.base.trim_end_matches("/api/v1").to_owned();
    let mut reading = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            let documented = params.iter().any(|p| p["name"] == "Idempotency-Key" && p["in"] == "header");
            let concrete: Vec<&str> = path
                .split('/')
                .map(|s| if s.starts_with('{') { "00000000-0000-0000-0000-000000000000" } else { s })
                .collect();
            let method_name = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let res = t
                .http
                .request(method_name, format!("{origin}{}", concrete.join("/")))
                .bearer_auth(TOKEN)
                .header("Idempotency-Key", "k".repeat(256))
                .json(&serde_json::json!({}))
                .send()
                .await
                .unwrap();
            let status = res.status();
            let body: serde_json::Value = res.json().await.unwrap_or_default();
            let refused = status == 400 && body["code"] == "bad-idempotency-key";
            assert_eq!(refused, documented, "{method} {path}: documented {documented}, answered {status} {body}");
            if documented {
                assert!(["post", "patch"].contains(&method.as_str()), "{method} {path}");
                reading.insert(format!("{method} {path}"));
            }
        }
    }
    // Every write the API replays, counted so that a handler losing the extractor is seen.
    assert_eq!(reading.len(), 40, "{reading:#?}");
}

/// Languages come from the pack: the document the Belgian node serves takes en, fr, nl and de in
/// every language field and parameter, and a language the pack lacks is refused with a problem
/// naming the field and listing the pack's languages.
#[tokio::test]
async fn language_fields_take_the_packs_languages() {
    let t = start(Db::Sqlite).await;
    let doc = t.get("/openapi.json").await.ok(200).clone();
    let text = doc.to_string();
    assert!(!text.contains("^[a-z]{2}$"), "a language pattern was left generic");
    let member = &doc["components"]["schemas"]["NewMemberRequest"]["properties"]["language"];
    assert_eq!(member["pattern"], "^(en|fr|nl|de)$", "{member}");
    let payslip = doc["paths"]["/api/v1/payslips/{id}"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "lang")
        .unwrap()
        .clone();
    assert_eq!(payslip["schema"]["pattern"], "^(en|fr|nl|de)$", "{payslip}");
    let refused = t
        .post("/members", serde_json::json!({"first_name": "Ana", "last_name": "Peeters", "email": "it@example.org", "language": "it"}))
        .await;
    let detail = refused.problem(422, "invalid-field");
    assert_eq!(refused.body["field"], "language");
    assert!(detail.contains("'it' is not one of en, fr, nl, de"), "{detail}");
    t.post(
        "/members",
        serde_json::json!({"first_name": "Ana", "last_name": "Peeters", "email": "nl@example.org", "language": "nl"}),
    )
    .await
    .ok(201);
}
