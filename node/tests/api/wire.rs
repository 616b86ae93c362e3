//! What comes off the wire is bounded and checked: every integer has a range,
//! every refusal names its field and the expected form, and no request gets an
//! empty reply.

use crate::common::{start, Db, TOKEN};
use crate::on_both_databases;
use serde_json::json;

/// Every paged list, with its query.
const LISTS: [&str; 6] = ["/members", "/invoices", "/clients", "/activities", "/expense-claims", "/dunning"];

async fn an_offset_beyond_any_list_is_refused_naming_offset(db: Db) {
    let t = start(db).await;
    for list in LISTS {
        // 2^63 used to panic in the SQL binder (TryFromIntError): the client got an empty reply.
        let r = t.get(format!("{list}?offset=9223372036854775808&limit=1")).await;
        let d = r.problem(422, "out-of-range");
        assert_eq!(r.body["field"], "offset", "{list}: {d}");
        assert!(d.contains("from 0 to 1000000000"), "{list}: {d}");
        // Beyond u64 as well: still the field and its range, not a parser's words.
        let r = t.get(format!("{list}?offset=99999999999999999999999")).await;
        let d = r.problem(400, "bad-query");
        assert_eq!(r.body["field"], "offset", "{list}: {d}");
        assert!(d.contains("expected a whole number from 0 to 1000000000"), "{list}: {d}");
        let r = t.get(format!("{list}?limit=501")).await;
        let d = r.problem(422, "out-of-range");
        assert_eq!(r.body["field"], "limit", "{list}: {d}");
        assert!(d.contains("from 1 to 500"), "{list}: {d}");
        // The largest offset allowed answers an empty page.
        let page = t.get(format!("{list}?offset=1000000000&limit=500")).await;
        assert_eq!(page.ok(200)["items"], json!([]), "{list}");
    }
    let r = t.get("/guarantee-fund/deadlines?within=4294967296").await;
    let d = r.problem(400, "bad-query");
    assert_eq!(r.body["field"], "within", "{d}");
    let r = t.get("/guarantee-fund/deadlines?within=100000").await;
    r.problem(422, "out-of-range");
    assert_eq!(r.body["field"], "within");
    let r = t.get("/invoices/00000000-0000-7000-8000-000000000000/dunning/99999999999999999999/text").await;
    let d = r.problem(400, "bad-id");
    assert_eq!(r.body["field"], "level", "{d}");
}

async fn panics() -> &'static str {
    panic!("a bug")
}

async fn a_panicking_handler_still_answers_a_problem(db: Db) {
    // The last line of defence: a panic anywhere under /api/v1 becomes a logged 500
    // problem, never a connection closed without an answer.
    let t = start(db).await;
    let panics = axum::Router::new().route("/api/v1/panic", axum::routing::get(panics));
    let app = partage::http::with_defences(panics);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/api/v1/panic", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let res = t.http.get(&url).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(res.status(), 500);
    assert_eq!(res.headers()["cache-control"], "no-store");
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "internal");
}

on_both_databases!(an_offset_beyond_any_list_is_refused_naming_offset, a_panicking_handler_still_answers_a_problem);
