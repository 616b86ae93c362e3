//! HQ's API tokens end to end (issue 14): an operator makes a `report:read` token on the
//! page, the API reads the report with it and refuses it an enrolment (403 naming `admin`),
//! revoking it makes it a 401; the secret is nowhere in the database; the forms need the
//! session and its CSRF token; wrong bearer tokens are throttled per address.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

mod common;

use common::{d, figures, seal, Db};
use partage_hq::http::{app, Hq};
use reqwest::header::{ACCEPT_LANGUAGE, AUTHORIZATION, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Client, Response, StatusCode};
use sea_orm::{ConnectionTrait, Statement};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// HQ with Belgium's February 2025, served with the client's address known (the throttle's
/// key), and its first admin token from `partage hq bootstrap`'s function, whose secret is returned.
async fn serve(db: Db) -> (String, partage_hq::HqStore, String) {
    let store = common::store(db).await;
    let token = partage_hq::tokens::bootstrap(&store, " Ops@Group.Example", "2026-03-01T11:00:00Z").await.unwrap();
    let be = common::enrolled(&store, "be").await;
    partage_hq::receive(&store, &seal(&be, 1, &figures(&be, "2025-02", 1, 12, "1234.56"))).await.unwrap();
    let hq = Hq {
        store: store.clone(),
        coverage_floor: d("1.50"),
        now: Arc::new(|| "2026-03-01T12:00:00Z".to_owned()),
        sign_in: Arc::default(),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app(hq)).await });
    (url, store, token)
}

fn browser() -> Client {
    Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

async fn post_form(http: &Client, url: &str, cookie: Option<&str>, body: &str) -> Response {
    let mut request = http.post(url).header(CONTENT_TYPE, "application/x-www-form-urlencoded").body(body.to_owned());
    if let Some(c) = cookie {
        request = request.header(COOKIE, c);
    }
    request.send().await.unwrap()
}

async fn page(http: &Client, url: &str, cookie: &str) -> Response {
    http.get(url).header(COOKIE, cookie).header(ACCEPT_LANGUAGE, "en").send().await.unwrap()
}

/// Signs in with an admin token; returns the `Cookie` header.
async fn sign_in(http: &Client, url: &str, token: &str) -> String {
    let res = post_form(http, &format!("{url}/sign-in"), None, &format!("token={token}")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    res.headers()[SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned()
}

fn between<'a>(html: &'a str, before: &str, after: &str) -> &'a str {
    let at = html.find(before).unwrap_or_else(|| panic!("{before} in {html}")) + before.len();
    html[at..].split(after).next().unwrap()
}

async fn api(http: &Client, url: &str, bearer: &str) -> Response {
    http.get(format!("{url}/api/v1/report/2025-02"))
        .header(AUTHORIZATION, format!("Bearer {bearer}"))
        .send()
        .await
        .unwrap()
}

/// Every stored column of every token, as text.
async fn rows(store: &partage_hq::HqStore) -> Vec<Vec<Option<String>>> {
    let columns = ["id", "name", "scope", "token_hash", "created_by", "created_at", "revoked_at", "last_used_at"];
    let db = store.db();
    let sql = format!("SELECT {} FROM hq_api_token", columns.join(", "));
    let rows = db.query_all(Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    rows.iter().map(|r| columns.iter().map(|c| r.try_get::<Option<String>>("", c).unwrap()).collect()).collect()
}

async fn an_operator_makes_a_report_token_that_reads_cannot_enrol_and_stops_once_revoked(db: Db) {
    let (url, store, bootstrap) = serve(db).await;
    let http = browser();
    let cookie = sign_in(&http, &url, &bootstrap).await;

    let report = page(&http, &format!("{url}/app/report/2025-02"), &cookie).await.text().await.unwrap();
    assert!(report.contains("<a href=\"/app/tokens\">API tokens</a>"), "the report's navigation, {report}");
    let empty = page(&http, &format!("{url}/app/tokens"), &cookie).await;
    assert_eq!(empty.status(), StatusCode::OK);
    let html = empty.text().await.unwrap();
    assert!(html.contains("<th scope=\"row\">bootstrap (ops@group.example)</th>"), "{html}");
    assert!(html.contains("<option value=\"report:read\">") && html.contains("<option value=\"admin\">"), "{html}");
    let csrf = between(&html, "name=\"csrf\" value=\"", "\"").to_owned();

    let made = post_form(
        &http,
        &format!("{url}/app/tokens"),
        Some(&cookie),
        &format!("csrf={csrf}&name=Partner+platform&scope=report%3Aread"),
    )
    .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let html = made.text().await.unwrap();
    assert!(html.contains("Token “Partner platform” made"), "{html}");
    let secret = between(&html, "<code class=\"secret\">", "<").to_owned();
    assert!(secret.starts_with("ptk_hq_") && secret.len() == 50, "{secret}");

    // The secret is nowhere in the database: only its SHA-256.
    let all = rows(&store).await;
    assert_eq!(all.len(), 2, "the bootstrap token and this one");
    let stored: Vec<_> = all.into_iter().filter(|r| r[1].as_deref() == Some("Partner platform")).collect();
    assert_eq!(stored.len(), 1);
    assert!(stored[0].iter().flatten().all(|v| !v.contains(&secret[7..])), "{stored:?}");
    assert_eq!(stored[0][3].as_deref(), Some(hex::encode(Sha256::digest(secret.as_bytes()))).as_deref());
    assert_eq!(stored[0][2].as_deref(), Some("report:read"));
    assert_eq!(stored[0][4].as_deref(), Some("token \"bootstrap (ops@group.example)\""), "who made it");
    // And the list never shows it again.
    let listed = page(&http, &format!("{url}/app/tokens"), &cookie).await.text().await.unwrap();
    assert!(!listed.contains(&secret), "{listed}");

    // The report, JSON and CSV, and the figures' reads take it; an enrolment or a rate does not.
    assert_eq!(api(&http, &url, &secret).await.status(), StatusCode::OK);
    for path in ["/api/v1/report/2025-02/csv", "/api/v1/nodes", "/api/v1/rates/2025-02", "/api/v1/alarms"] {
        let res = http.get(format!("{url}{path}")).bearer_auth(&secret).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
    }
    let key = partage_hq::NodeKey::generate();
    let request = partage_hq::enrol::request(&key, "se", "https://hq.example", "2026-03-01T00:00:00Z").unwrap();
    let refused =
        http.post(format!("{url}/api/v1/enrolments")).bearer_auth(&secret).json(&request).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(refused.headers()[CONTENT_TYPE], "application/problem+json");
    let problem: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(problem["type"], "/problems/insufficient-scope");
    assert_eq!(problem["scope"], "admin");
    assert!(problem["detail"].as_str().unwrap().contains("admin"), "{problem}");
    assert!(store.node("se").await.unwrap().is_none());
    // The bootstrap token is an admin token.
    let enrolled =
        http.post(format!("{url}/api/v1/enrolments")).bearer_auth(&bootstrap).json(&request).send().await.unwrap();
    assert_eq!(enrolled.status(), StatusCode::CREATED);

    // The list says when it was last used, and offers to revoke it.
    let listed = page(&http, &format!("{url}/app/tokens"), &cookie).await.text().await.unwrap();
    assert!(listed.contains("<th scope=\"row\">Partner platform</th>"), "{listed}");
    assert!(
        listed.contains(
            "<td>token “bootstrap (ops@group.example)”</td><td>1 March 2026, 12:00 UTC</td>\
             <td>1 March 2026, 12:00 UTC</td>"
        ),
        "{listed}"
    );
    let id = stored[0][0].clone().unwrap();
    assert!(listed.contains(&format!("action=\"/app/tokens/{id}/revoke\"")), "{listed}");

    // Revoking needs the session's CSRF token.
    let forged = post_form(&http, &format!("{url}/app/tokens/{id}/revoke"), Some(&cookie), "csrf=forged").await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(api(&http, &url, &secret).await.status(), StatusCode::OK);
    let revoked =
        post_form(&http, &format!("{url}/app/tokens/{id}/revoke"), Some(&cookie), &format!("csrf={csrf}")).await;
    assert_eq!(revoked.status(), StatusCode::SEE_OTHER);
    assert_eq!(revoked.headers()[LOCATION], "/app/tokens");
    let gone = api(&http, &url, &secret).await;
    assert_eq!(gone.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(gone.headers()[CONTENT_TYPE], "application/problem+json");
    let again =
        post_form(&http, &format!("{url}/app/tokens/{id}/revoke"), Some(&cookie), &format!("csrf={csrf}")).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    let listed = page(&http, &format!("{url}/app/tokens"), &cookie).await.text().await.unwrap();
    assert!(listed.contains("Revoked on 1 March 2026, 12:00 UTC"), "{listed}");
    assert!(!listed.contains(&format!("/app/tokens/{id}/revoke")), "{listed}");

    // An admin token may do everything.
    let made = post_form(
        &http,
        &format!("{url}/app/tokens"),
        Some(&cookie),
        &format!("csrf={csrf}&name=Ops+script&scope=admin"),
    )
    .await;
    let admin = between(&made.text().await.unwrap(), "<code class=\"secret\">", "<").to_owned();
    let rate = &common::february_2025_rates()[0];
    let published = http.post(format!("{url}/api/v1/rates")).bearer_auth(&admin).json(rate).send().await.unwrap();
    assert_eq!(published.status(), StatusCode::CREATED);
}

async fn the_token_forms_need_a_session_its_csrf_token_a_name_and_a_scope(db: Db) {
    let (url, store, bootstrap) = serve(db).await;
    let http = browser();
    let without = http.get(format!("{url}/app/tokens")).send().await.unwrap();
    assert_eq!(without.status(), StatusCode::SEE_OTHER);
    assert_eq!(without.headers()[LOCATION], "/");
    for path in ["/app/tokens", "/app/tokens/0123/revoke"] {
        let res = post_form(&http, &format!("{url}{path}"), None, "name=x&scope=admin").await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(res.headers()[LOCATION], "/", "{path}");
    }

    let cookie = sign_in(&http, &url, &bootstrap).await;
    let html = page(&http, &format!("{url}/app/tokens"), &cookie).await.text().await.unwrap();
    let csrf = between(&html, "name=\"csrf\" value=\"", "\"").to_owned();
    for body in ["name=x&scope=admin".to_owned(), "csrf=forged&name=x&scope=admin".to_owned()] {
        let res = post_form(&http, &format!("{url}/app/tokens"), Some(&cookie), &body).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{body}");
        assert!(res.text().await.unwrap().contains("This form does not belong to your session"));
    }
    let long = "x".repeat(101);
    for name in ["", "+++", long.as_str(), "two%0Alines"] {
        let res = post_form(
            &http,
            &format!("{url}/app/tokens"),
            Some(&cookie),
            &format!("csrf={csrf}&name={name}&scope=admin"),
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        let html = res.text().await.unwrap();
        assert!(html.contains("<option value=\"admin\" selected>"), "the scope chosen is kept, {html}");
        assert!(html.contains("<p class=\"error\" id=\"name-error\">Give the token a name of 1 to 100"), "{html}");
    }
    let res =
        post_form(&http, &format!("{url}/app/tokens"), Some(&cookie), &format!("csrf={csrf}&name=ok&scope=root")).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"scope-error\"") && html.contains("value=\"ok\""), "{html}");
    let french = http
        .post(format!("{url}/app/tokens"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(COOKIE, &cookie)
        .header(ACCEPT_LANGUAGE, "fr")
        .body(format!("csrf={csrf}&name=&scope=admin"))
        .send()
        .await
        .unwrap();
    assert!(french.text().await.unwrap().contains("Donnez au jeton un nom de 1 à 100 caractères"));
    assert_eq!(store.tokens().await.unwrap().len(), 1, "nothing refused was made: the bootstrap token only");
}

async fn five_wrong_bearer_tokens_close_the_api_to_the_address(db: Db) {
    let (url, _, bootstrap) = serve(db).await;
    let http = browser();
    // No token at all is not a guess: it does not count.
    for _ in 0..6 {
        let res = http.get(format!("{url}/api/v1/report/2025-02")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    for n in 0..5 {
        let res = api(&http, &url, &format!("ptk_hq_guess-{n}")).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "guess {n}");
        assert_eq!(res.headers()[CONTENT_TYPE], "application/problem+json");
    }
    // Then even the admin token waits out the quarter of an hour.
    let res = api(&http, &url, &bootstrap).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.headers()[CONTENT_TYPE], "application/problem+json");
    let wait: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&wait), "{wait}");
    let problem: serde_json::Value = res.json().await.unwrap();
    assert_eq!(problem["type"], "/problems/too-many-wrong-tokens");
}

async fn the_bootstrap_token_opens_the_pages_until_revoked_and_a_report_token_never_does(db: Db) {
    let (url, store, bootstrap) = serve(db).await;
    let http = browser();
    assert!(bootstrap.starts_with("ptk_hq_"), "{bootstrap}");
    // Bootstrap made ops an operator and an admin token named after them, by itself.
    let ops = store.operator("ops@group.example").await.unwrap().expect("an operator");
    assert_eq!((ops.added_by.as_str(), ops.added_at.as_str()), ("partage hq bootstrap", "2026-03-01T11:00:00Z"));
    let all = rows(&store).await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0][1].as_deref(), Some("bootstrap (ops@group.example)"));
    assert_eq!((all[0][2].as_deref(), all[0][4].as_deref()), (Some("admin"), Some("partage hq bootstrap")));
    assert!(partage_hq::tokens::bootstrap(&store, "not an e-mail", "2026-03-01T11:00:00Z").await.is_err());

    let cookie = sign_in(&http, &url, &bootstrap).await;
    let html = page(&http, &format!("{url}/app/tokens"), &cookie).await.text().await.unwrap();
    assert!(html.contains("Signed in as token “bootstrap (ops@group.example)”"), "{html}");
    let csrf = between(&html, "name=\"csrf\" value=\"", "\"").to_owned();
    let made = post_form(
        &http,
        &format!("{url}/app/tokens"),
        Some(&cookie),
        &format!("csrf={csrf}&name=Reader&scope=report%3Aread"),
    )
    .await;
    let reader = between(&made.text().await.unwrap(), "<code class=\"secret\">", "<").to_owned();
    // Names in any script; the page in French, for docs/hq.md's screenshot.
    let french = http
        .post(format!("{url}/app/tokens"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(COOKIE, &cookie)
        .header(ACCEPT_LANGUAGE, "fr")
        .body(format!("csrf={csrf}&name=Plateforme+de+Zo%C3%AB+%C5%81ukasiewicz&scope=report%3Aread"))
        .send()
        .await
        .unwrap();
    assert_eq!(french.status(), StatusCode::CREATED);
    let html = french.text().await.unwrap();
    assert!(html.contains("Jeton «\u{a0}Plateforme de Zoë Łukasiewicz\u{a0}» créé"), "{html}");
    assert!(html.contains("Connecté en tant que jeton «\u{a0}bootstrap (ops@group.example)\u{a0}»"), "{html}");
    assert!(
        html.contains("<td>jeton «\u{a0}bootstrap (ops@group.example)\u{a0}»</td>"),
        "who made it, in French: {html}"
    );
    common::write_for_screenshot("hq-tokens-made-fr", &html);
    // A report token is a live token, not a guess: 403 saying why, and no session.
    let res = post_form(&http, &format!("{url}/sign-in"), None, &format!("token={reader}")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.headers().get(SET_COOKIE).is_none());
    assert!(res.text().await.unwrap().contains("This token’s scope is report:read: the pages need an admin token."));

    // Revoking the bootstrap token ends the session it opened, the sign-in and the API with it.
    let other = sign_in(&http, &url, &bootstrap).await;
    let id = all[0][0].clone().unwrap();
    let revoked =
        post_form(&http, &format!("{url}/app/tokens/{id}/revoke"), Some(&cookie), &format!("csrf={csrf}")).await;
    assert_eq!(revoked.status(), StatusCode::SEE_OTHER);
    for session in [&cookie, &other] {
        let res = page(&http, &format!("{url}/app/tokens"), session).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(res.headers()[LOCATION], "/");
    }
    let res = post_form(&http, &format!("{url}/sign-in"), None, &format!("token={bootstrap}")).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(api(&http, &url, &bootstrap).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(api(&http, &url, &reader).await.status(), StatusCode::OK, "the other token lives on");
}

on_both_databases!(
    the_bootstrap_token_opens_the_pages_until_revoked_and_a_report_token_never_does,
    an_operator_makes_a_report_token_that_reads_cannot_enrol_and_stops_once_revoked,
    the_token_forms_need_a_session_its_csrf_token_a_name_and_a_scope,
    five_wrong_bearer_tokens_close_the_api_to_the_address,
);
