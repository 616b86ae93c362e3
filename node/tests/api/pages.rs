//! The server-rendered pages under `/app`, and the helpers the page tests share: without a
//! session a page sends the browser to sign in, a member signed in through the provider
//! reaches their pages, the simulator shows each line with its source. A member's pages are
//! `member_pages.rs`'s, an advisor's `advisor_pages.rs`'s, the admin's and HQ's
//! `admin_pages.rs`'s, the transfers' `transfer_pages.rs`'s.
//!
//! Sessions are opened on the in-process node (the sign-in itself is `auth.rs`'s, through
//! the provider); amounts in French and Dutch are the CLDR formats (fr: `935,00 €` with a
//! no-break space; nl: `€ 935,00`), per unicode.org's CLDR charts, not this code's output.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use partage::auth::{sessions, Role};
use reqwest::header::{ACCEPT_LANGUAGE, COOKIE, LOCATION};
use serde_json::json;

pub(crate) fn origin(t: &TestNode) -> String {
    t.base.trim_end_matches("/api/v1").to_owned()
}

pub(crate) fn browser() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// A browser session of a member (by their e-mail) or of a new staff account; returns
/// the cookie and its CSRF token.
pub(crate) async fn session(t: &TestNode, email: &str, staff: Option<Role>) -> (String, String) {
    let node = t.in_process();
    let db = node.store.db();
    let account = match staff {
        Some(role) => sessions::add_staff(db, email, role, node.now()).await.unwrap(),
        None => {
            let claims = sessions::Claims { subject: format!("sub-{email}"), verified_email: Some(email.into()) };
            sessions::account_for(db, &claims, None, node.now()).await.unwrap()
        }
    };
    let cookie = sessions::open(db, &account, String::new(), node.now(), 1).await.unwrap();
    let csrf = sessions::authenticate(db, &cookie, node.now()).await.unwrap().unwrap().csrf.unwrap();
    (cookie, csrf)
}

pub(crate) async fn page(t: &TestNode, cookie: &str, path: &str, language: &str) -> (u16, String) {
    let res = browser()
        .get(format!("{}{path}", origin(t)))
        .header(COOKIE, format!("partage_session={cookie}"))
        .header(ACCEPT_LANGUAGE, language)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

pub(crate) async fn post_form(t: &TestNode, cookie: &str, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    browser()
        .post(format!("{}{path}", origin(t)))
        .header(COOKIE, format!("partage_session={cookie}"))
        .header(ACCEPT_LANGUAGE, "fr")
        .form(form)
        .send()
        .await
        .unwrap()
}

/// No raw Fluent id (shown as `[id]`) and no English left on a French or Dutch page.
pub(crate) fn assert_translated(html: &str) {
    assert!(!html.contains("[nav-") && !html.contains("-title]") && !html.contains("]</"), "{html}");
}

/// Ada, a member with an activity (Quartet) and an issued invoice of 1 000,00 excluding VAT
/// to a Belgian client; returns the member, the activity and the client.
pub(crate) async fn member_with_budget(t: &TestNode) -> (String, String, String) {
    let member = t.member("ada@example.org").await;
    t.put(format!("/members/{member}/identity"), json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30"}))
        .await
        .ok(200);
    let activity = t.activity(&member, "Quartet").await;
    let client = t.belgian_client().await;
    let invoice = t.draft(&activity, &client, "1000.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    (member, activity, client)
}

async fn the_simulator_shows_each_line_with_its_source_and_a_refused_amount_beside_its_field(db: Db) {
    let t = start(db).await;
    let (cookie, csrf) = session(&t, "advisor@partage.example", Some(Role::Advisor)).await;
    for language in ["fr", "nl", "en"] {
        let (status, html) = page(&t, &cookie, "/app/simulator", language).await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!("<html lang=\"{language}\"")), "{html}");
        assert!(html.contains("<label for=\"amount\">"), "the amount is labelled");
        assert_translated(&html);
    }
    let res = post_form(
        &t,
        &cookie,
        "/app/simulator",
        &[("csrf", &csrf), ("direction", "budget"), ("amount", "3000,00"), ("date", "2026-03-02")],
    )
    .await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"fr\""), "{html}");
    // The budget is spent to the cent or one below (the wage is searched in whole cents).
    assert!(
        html.contains("Coût employeur\u{a0}: 3\u{202f}000,00\u{a0}€")
            || html.contains("Coût employeur\u{a0}: 2\u{202f}999,99\u{a0}€"),
        "{html}"
    );
    assert!(html.contains("<small>") && html.matches("<tr>").count() > 4, "lines with their sources: {html}");
    // Each line's legal basis in the page's language; the English research note only on hover.
    assert!(html.contains("<small>Loi du 29 juin 1981"), "{html}");
    assert!(!html.contains("<small>NSSO") && !html.contains("<small>Law of"), "{html}");
    let res = post_form(
        &t,
        &cookie,
        "/app/simulator",
        &[("csrf", &csrf), ("direction", "net"), ("amount", "beaucoup"), ("date", "2026-03-02")],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"amount-error\"") && html.contains("aria-invalid=\"true\""), "{html}");
    assert!(html.contains("value=\"beaucoup\""), "the form keeps what was typed: {html}");
}

async fn without_a_session_a_page_sends_the_browser_to_sign_in(db: Db) {
    let t = start(db).await;
    let res = browser().get(format!("{}/app", origin(&t))).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/auth/login");
    let api_token = browser().get(format!("{}/app", origin(&t))).bearer_auth(&t.token).send().await.unwrap();
    assert_eq!(api_token.status(), 303, "an API token is for scripts, not pages");
    let css = browser().get(format!("{}/static/app.css", origin(&t))).send().await.unwrap();
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
}

async fn a_member_signed_in_through_the_provider_reaches_their_pages(db: Db) {
    use crate::auth::{node_with, provider, settings, sign_in};
    let t = node_with(db, &settings(&provider().issuer)).await;
    let (member, _, _) = member_with_budget(&t).await;
    let cookie = sign_in(&t, "Ada@Example.org").await;
    let (status, html) = page(&t, &cookie, "/app", "en").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Quartet"), "{html}");
    // Their own account statement is reached with the same session (the API's rules).
    let res = browser()
        .get(format!("{}/members/{member}/account", t.base))
        .header(COOKIE, format!("partage_session={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

on_both_databases!(
    without_a_session_a_page_sends_the_browser_to_sign_in,
    a_member_signed_in_through_the_provider_reaches_their_pages,
    the_simulator_shows_each_line_with_its_source_and_a_refused_amount_beside_its_field
);
