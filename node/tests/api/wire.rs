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

async fn every_refusal_names_the_field_and_the_form_expected(db: Db) {
    let t = start(db).await;
    let member = t.member("wire@example.org").await;
    let identity = |birth: &str| json!({"national_id": "85073003328", "birth_date": birth});
    // Dates: the parser's words were "input contains invalid characters", "input is out of range".
    for (sent, echoed) in [("10/12/2026", "'10/12/2026'"), ("1985-13-30", "'1985-13-30'")] {
        let r = t.put(format!("/members/{member}/identity"), identity(sent)).await;
        let d = r.problem(422, "invalid-body");
        assert_eq!(r.body["field"], "birth_date");
        assert_eq!(d, format!("birth_date: expected a date as YYYY-MM-DD, got {echoed}"));
    }
    // A long value is echoed cut short.
    let long = "9".repeat(5000);
    let d = t.put(format!("/members/{member}/identity"), identity(&long)).await.problem(422, "invalid-body");
    assert_eq!(d, format!("birth_date: expected a date as YYYY-MM-DD, got '{}…'", "9".repeat(40)));
    // A number where a whole number of shares goes, a missing field, an unknown one.
    let r = t.post(format!("/members/{member}/shares"), json!({"count": -1})).await;
    let d = r.problem(422, "invalid-body");
    assert_eq!(r.body["field"], "count");
    assert!(d.starts_with("count: expected a whole number") && d.ends_with("got '-1'"), "{d}");
    let r = t.post("/members", json!({"first_name": "A", "email": "a@example.org"})).await;
    let d = r.problem(422, "invalid-body");
    assert_eq!(r.body["field"], "last_name");
    assert!(d.contains("required"), "{d}");
    let r =
        t.post("/members", json!({"first_name": "A", "last_name": "B", "email": "c@example.org", "shoe": 42})).await;
    let d = r.problem(422, "invalid-body");
    assert_eq!(r.body["field"], "shoe");
    assert!(d.starts_with("shoe: not a field of this request"), "{d}");
    // Nested: the line's index is in the field.
    let activity = t.activity(&member, "Wire").await;
    let client = t.belgian_client().await;
    let line = json!({"description": "x", "quantity": "1", "unit_price": 10.5, "vat_rate": "21"});
    let r = t
        .post("/invoices", json!({"activity_id": activity, "client_id": client, "currency": "EUR", "lines": [line]}))
        .await;
    r.problem(422, "invalid-body");
    assert_eq!(r.body["field"], "lines[0].unit_price");
    // PostgreSQL cannot store NUL: refused with the field, not a 500 from the database (found by schemathesis).
    let r = t.post("/members", json!({"first_name": "A", "last_name": "B\u{0}C", "email": "nul@example.org"})).await;
    let d = r.problem(422, "invalid-body");
    assert_eq!(r.body["field"], "last_name", "{d}");
    let r = t
        .post(
            "/invoices",
            json!({"activity_id": activity, "client_id": client, "currency": "EUR",
        "lines": [{"description": "x\u{0}", "quantity": "1", "unit_price": "1.00", "vat_rate": "21"}]}),
        )
        .await;
    r.problem(422, "invalid-body");
    assert_eq!(r.body["field"], "lines[0].description");
    // Domain refusals name their field too.
    let client =
        json!({"name": "X", "kind": "alien", "country": "BE", "street": "s", "postal_code": "1000", "city": "c"});
    let r = t.post("/clients", client).await;
    r.problem(422, "bad-client-kind");
    assert_eq!(r.body["field"], "kind");
    let r = t.post(format!("/members/{member}/shares/payments"), json!({"amount": "1.00", "currency": "XYZ"})).await;
    r.problem(422, "unknown-currency");
    assert_eq!(r.body["field"], "currency");
    // Query and path.
    let r = t.get("/expense-claims/sepa?date=yesterday").await;
    let d = r.problem(400, "bad-query");
    assert_eq!(r.body["field"], "date");
    assert_eq!(d, "date: expected a date as YYYY-MM-DD, got 'yesterday'");
    let r = t.get("/invoices/not-a-uuid").await;
    let d = r.problem(400, "bad-id");
    assert_eq!(r.body["field"], "id");
    assert_eq!(d, "id: expected a UUID (8-4-4-4-12 hexadecimal digits), got 'not-a-uuid'");
}

async fn the_transport_answers_in_problems_and_protects_personal_data(db: Db) {
    let t = start(db).await;
    // A body over the limit: 413, as a problem.
    // Its own client: the node closes that connection without reading the rest, and a
    // pooled connection must not carry the next request.
    let huge = format!("{{\"first_name\": \"{}\"}}", "a".repeat(3 * 1024 * 1024));
    let res = reqwest::Client::new()
        .post(format!("{}/members", t.base))
        .bearer_auth(TOKEN)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "body-too-large");
    // Not JSON: 415, as a problem.
    let res = t
        .http
        .post(format!("{}/members", t.base))
        .bearer_auth(TOKEN)
        .header("content-type", "text/plain")
        .body("first_name=A")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 415);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    // The scheme name is case-insensitive (RFC 9110 §11.1).
    for scheme in ["bearer", "BEARER", "Bearer"] {
        let res = t
            .http
            .get(format!("{}/members", t.base))
            .header("authorization", format!("{scheme} {TOKEN}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{scheme}");
        // Personal data is never cached, and no response is sniffed.
        assert_eq!(res.headers()["cache-control"], "no-store");
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    }
    let res = t.http.get(format!("{}/members", t.base)).header("authorization", "Basic abc").send().await.unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let health = t.http.get(format!("{}/health", t.base)).send().await.unwrap();
    assert_eq!(health.headers()["x-content-type-options"], "nosniff");
    assert!(health.headers().get("cache-control").is_none());
}

async fn every_201_says_where_the_new_resource_is(db: Db) {
    let t = start(db).await;
    let origin = t.base.trim_end_matches("/api/v1").to_owned();
    let created = |res: &reqwest::Response| res.headers()["location"].to_str().unwrap().to_owned();
    // Created, then replayed with the same key: both say where.
    for _ in 0..2 {
        let res = t
            .http
            .post(format!("{}/members", t.base))
            .bearer_auth(TOKEN)
            .header("idempotency-key", "wire-1")
            .json(&json!({"first_name": "L", "last_name": "M", "email": "l@example.org"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        let place = created(&res);
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(place, format!("/api/v1/members/{}", body["id"].as_str().unwrap()));
        let read = t.http.get(format!("{origin}{place}")).bearer_auth(TOKEN).send().await.unwrap();
        assert_eq!(read.status(), 200);
    }
    let member = t.member("where@example.org").await;
    let activity = t.activity(&member, "Where").await;
    let client = t.belgian_client().await;
    let invoice = t.draft(&activity, &client, "100.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    let res = t
        .http
        .post(format!("{}/invoices/{invoice}/payments", t.base))
        .bearer_auth(TOKEN)
        .json(&json!({"amount": "10.00", "currency": "EUR"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    assert_eq!(created(&res), format!("/api/v1/invoices/{invoice}"));
    for path in ["/activities", "/clients", "/invoices"] {
        let list = t.get(path).await.ok(200).clone();
        let id = list["items"][0]["id"].as_str().unwrap().to_owned();
        let read = t.http.get(format!("{}{path}/{id}", t.base)).bearer_auth(TOKEN).send().await.unwrap();
        assert_eq!(read.status(), 200, "{path}");
    }
    let res = t
        .http
        .post(format!("{}/activities", t.base))
        .bearer_auth(TOKEN)
        .json(&json!({"member_id": member, "name": "Two", "sector": "artistic"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let place = created(&res);
    assert!(place.starts_with("/api/v1/activities/"), "{place}");
    assert_eq!(t.http.get(format!("{origin}{place}")).bearer_auth(TOKEN).send().await.unwrap().status(), 200);
}

on_both_databases!(
    every_refusal_names_the_field_and_the_form_expected,
    the_transport_answers_in_problems_and_protects_personal_data,
    every_201_says_where_the_new_resource_is,
    an_offset_beyond_any_list_is_refused_naming_offset,
    a_panicking_handler_still_answers_a_problem
);
