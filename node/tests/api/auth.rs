//! Sign-in end to end through a real OpenID Connect provider (the npm package
//! `oidc-provider` under Node, from oidc/provider/, shared by the run's test processes):
//! login, consent, callback, the session cookie and its CSRF token, logout at the
//! provider; and each refusal (wrong state, replayed code, wrong issuer, expired ID
//! token, tampered cookie, unknown person) with its problem code.

use crate::common::{start_with, Db, TestNode};
use crate::on_both_databases;
use partage_oidc::testing::{self, confirm_logout, location, no_redirects, Provider, NODE};
use reqwest::header::{COOKIE, SET_COOKIE};
use serde_json::{json, Value};

/// Where the provider sends browsers back: the tests carry the callback to the node
/// themselves, so one provider serves every test node, whatever its port.
const PUBLIC_URL: &str = NODE.public_url;

/// The provider, shared by every test process of the run (`partage_oidc::testing`).
pub(crate) fn provider() -> &'static Provider {
    testing::provider(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")))
}

pub(crate) fn settings(issuer: &str) -> Vec<(&'static str, String)> {
    vec![
        ("auth.issuer", issuer.to_owned()),
        ("auth.client_id", NODE.id.to_owned()),
        ("auth.client_secret", NODE.secret.to_owned()),
        ("auth.public_url", PUBLIC_URL.to_owned()),
        ("auth.admin_email", "boss@partage.example".to_owned()),
    ]
}

pub(crate) async fn node_with(db: Db, extra: &[(&'static str, String)]) -> TestNode {
    let extra: Vec<(&'static str, &str)> = extra.iter().map(|(k, v)| (*k, v.as_str())).collect();
    start_with(db, &extra).await
}

fn origin(t: &TestNode) -> String {
    t.base.trim_end_matches("/api/v1").to_owned()
}

/// The value of cookie `name` set by a response.
fn set_cookie(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers().get_all(SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|v| {
        let (pair, attributes) = v.split_once(';').unwrap_or((v, ""));
        let (k, value) = pair.split_once('=')?;
        if k == name {
            for needed in ["HttpOnly", "Secure", "SameSite=Lax"] {
                assert!(attributes.contains(needed), "{name} lacks {needed}: {v}");
            }
            Some(value.to_owned())
        } else {
            None
        }
    })
}

/// A browser signing in as `login` at the provider: from the node's /auth/login to
/// the provider's redirect back (returned: the callback's query and the login cookie).
async fn through_the_provider(t: &TestNode, login: &str) -> (String, String) {
    let res = no_redirects(false).get(format!("{}/auth/login", origin(t))).send().await.unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap_or_default());
    let login_cookie = set_cookie(&res, "partage_login").expect("the login cookie");
    let url = location(&res);
    assert!(url.contains("code_challenge=") && url.contains("code_challenge_method=S256"), "PKCE: {url}");
    assert!(url.contains("nonce=") && url.contains("state="), "{url}");
    (testing::walk(&provider().issuer, NODE, url, login).await, login_cookie)
}

/// Carries the provider's redirect to the node's callback, as the browser would.
async fn callback(t: &TestNode, query: &str, login_cookie: &str) -> reqwest::Response {
    no_redirects(false)
        .get(format!("{}/auth/callback?{query}", origin(t)))
        .header(COOKIE, format!("partage_login={login_cookie}"))
        .send()
        .await
        .unwrap()
}

async fn problem(res: reqwest::Response, status: u16, code: &str) -> Value {
    assert_eq!(res.status().as_u16(), status);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], code, "{body}");
    body
}

/// Signs in end to end; returns the session cookie.
pub(crate) async fn sign_in(t: &TestNode, login: &str) -> String {
    let (query, login_cookie) = through_the_provider(t, login).await;
    let res = callback(t, &query, &login_cookie).await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap_or_default());
    assert_eq!(location(&res), "/auth/session");
    set_cookie(&res, "partage_session").expect("the session cookie")
}

async fn session(t: &TestNode, cookie: &str) -> reqwest::Response {
    no_redirects(false)
        .get(format!("{}/auth/session", origin(t)))
        .header(COOKIE, format!("partage_session={cookie}"))
        .send()
        .await
        .unwrap()
}

async fn a_member_signs_in_through_the_provider_uses_the_api_and_signs_out(db: Db) {
    let t = node_with(db, &settings(&provider().issuer)).await;
    let ada = t.member("ada@example.org").await;
    let other = t.member("omar@example.org").await;
    let cookie = sign_in(&t, "Ada@Example.org").await;
    let me: Value = session(&t, &cookie).await.json().await.unwrap();
    assert_eq!((me["role"].as_str(), me["member_id"].as_str()), (Some("member"), Some(ada.as_str())));
    let csrf = me["csrf"].as_str().unwrap().to_owned();
    let http = no_redirects(false);
    let api = |path: &str| format!("{}{path}", t.base);
    let with_cookie = |r: reqwest::RequestBuilder| r.header(COOKIE, format!("partage_session={cookie}"));
    // Her record, not Omar's.
    assert_eq!(with_cookie(http.get(api(&format!("/members/{ada}")))).send().await.unwrap().status(), 200);
    problem(with_cookie(http.get(api(&format!("/members/{other}")))).send().await.unwrap(), 403, "not-yours").await;
    // An unsafe request from the browser needs the session's CSRF token.
    let activity = json!({"member_id": ada, "name": "Duo", "sector": "artistic"});
    let res = with_cookie(http.post(api("/activities")).json(&activity)).send().await.unwrap();
    problem(res, 403, "csrf-token-missing").await;
    let res = with_cookie(http.post(api("/activities")).header("x-csrf-token", "0".repeat(64)).json(&activity))
        .send()
        .await
        .unwrap();
    problem(res, 403, "csrf-token-missing").await;
    let res =
        with_cookie(http.post(api("/activities")).header("x-csrf-token", &csrf).json(&activity)).send().await.unwrap();
    assert_eq!(res.status(), 201);
    // A second sign-in finds the account by the provider's subject.
    let again = sign_in(&t, "Ada@Example.org").await;
    assert_ne!(again, cookie);
    // Another identity at the provider claiming the same e-mail does not take the account over.
    let (query, login_cookie) = through_the_provider(&t, "ada@example.org").await;
    problem(callback(&t, &query, &login_cookie).await, 403, "no-account").await;
    // Logout: the form needs the CSRF token; then the provider's end_session_endpoint.
    let logout = |form: Vec<(&'static str, String)>| {
        with_cookie(http.post(format!("{}/auth/logout", origin(&t)))).form(&form).send()
    };
    problem(logout(vec![]).await.unwrap(), 403, "csrf-token-missing").await;
    let res = logout(vec![("csrf", csrf.clone())]).await.unwrap();
    assert_eq!(res.status(), 303);
    let end = location(&res);
    assert!(end.starts_with(&format!("{}/session/end?", provider().issuer)), "{end}");
    assert!(end.contains("id_token_hint=") && end.contains("post_logout_redirect_uri="), "{end}");
    assert_eq!(confirm_logout(&provider().issuer, &end).await, format!("{PUBLIC_URL}/auth/signed-out"));
    // The session is gone.
    problem(session(&t, &cookie).await, 401, "session-invalid").await;
    problem(with_cookie(http.get(api(&format!("/members/{ada}")))).send().await.unwrap(), 401, "session-invalid").await;
}

async fn the_configured_admin_email_signs_in_as_admin_and_a_stranger_is_refused(db: Db) {
    let t = node_with(db, &settings(&provider().issuer)).await;
    let cookie = sign_in(&t, "boss@partage.example").await;
    let me: Value = session(&t, &cookie).await.json().await.unwrap();
    assert_eq!(me["role"], "admin");
    let (query, login_cookie) = through_the_provider(&t, "eve@example.org").await;
    let body = problem(callback(&t, &query, &login_cookie).await, 403, "no-account").await;
    assert!(body["detail"].as_str().unwrap().contains("eve@example.org"), "{body}");
}

async fn a_wrong_state_a_replayed_code_and_a_tampered_cookie_are_refused(db: Db) {
    let t = node_with(db, &settings(&provider().issuer)).await;
    t.member("ada@example.org").await;
    let (query, login_cookie) = through_the_provider(&t, "ada@example.org").await;
    let state = query.split('&').find_map(|p| p.strip_prefix("state=")).unwrap().to_owned();
    // Wrong state.
    let forged = query.replace(&format!("state={state}"), "state=forged");
    problem(callback(&t, &forged, &login_cookie).await, 400, "login-state-unknown").await;
    // Another browser's cookie.
    problem(callback(&t, &query, "not-the-browser").await, 400, "login-state-unknown").await;
    // The real one, once.
    let res = callback(&t, &query, &login_cookie).await;
    assert_eq!(res.status(), 303);
    let cookie = set_cookie(&res, "partage_session").unwrap();
    // The same code again.
    problem(callback(&t, &query, &login_cookie).await, 400, "login-state-unknown").await;
    // A cookie changed by one character.
    let mut tampered = cookie.clone().into_bytes();
    tampered[0] = if tampered[0] == b'a' { b'b' } else { b'a' };
    problem(session(&t, &String::from_utf8(tampered).unwrap()).await, 401, "session-invalid").await;
    assert_eq!(session(&t, &cookie).await.status(), 200);
}

async fn a_provider_answering_for_another_issuer_is_refused(db: Db) {
    // The same provider under another name: its discovery document names 127.0.0.1.
    let issuer = provider().issuer.replace("127.0.0.1", "localhost");
    let t = node_with(db, &settings(&issuer)).await;
    let res = no_redirects(false).get(format!("{}/auth/login", origin(&t))).send().await.unwrap();
    problem(res, 502, "identity-provider-unavailable").await;
}

async fn an_expired_id_token_is_refused(db: Db) {
    // The node's clock is a day past the provider's: the ID token (an hour) has expired.
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    let mut extra = settings(&provider().issuer);
    extra.push(("node.now", tomorrow));
    let t = node_with(db, &extra).await;
    t.member("ada@example.org").await;
    let (query, login_cookie) = through_the_provider(&t, "ada@example.org").await;
    let body = problem(callback(&t, &query, &login_cookie).await, 401, "id-token-refused").await;
    assert!(body["detail"].as_str().unwrap().to_lowercase().contains("expire"), "{body}");
}

async fn without_a_provider_sign_in_says_how_to_configure_one(db: Db) {
    let t = node_with(db, &[]).await;
    let res = no_redirects(false).get(format!("{}/auth/login", origin(&t))).send().await.unwrap();
    problem(res, 404, "sign-in-not-configured").await;
}

on_both_databases!(
    a_member_signs_in_through_the_provider_uses_the_api_and_signs_out,
    the_configured_admin_email_signs_in_as_admin_and_a_stranger_is_refused,
    a_wrong_state_a_replayed_code_and_a_tampered_cookie_are_refused,
    a_provider_answering_for_another_issuer_is_refused,
    an_expired_id_token_is_refused,
    without_a_provider_sign_in_says_how_to_configure_one
);
