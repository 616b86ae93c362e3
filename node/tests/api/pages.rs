//! The server-rendered pages under `/app`: a member sees their budget and payslips in
//! their language, simulates a wage; an advisor validates a declaration through a form
//! that needs the session's CSRF token; roles are held as on the API.
//!
//! Sessions are opened on the in-process node (the sign-in itself is `auth.rs`'s, through
//! the provider); amounts in French and Dutch are the CLDR formats (fr: `935,00 €` with a
//! no-break space; nl: `€ 935,00`), per unicode.org's CLDR charts, not this code's output.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use partage::auth::{sessions, Role};
use reqwest::header::{ACCEPT_LANGUAGE, COOKIE, LOCATION};
use serde_json::json;

fn origin(t: &TestNode) -> String {
    t.base.trim_end_matches("/api/v1").to_owned()
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// A browser session of a member (by their e-mail) or of a new staff account; returns
/// the cookie and its CSRF token.
async fn session(t: &TestNode, email: &str, staff: Option<Role>) -> (String, String) {
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

async fn page(t: &TestNode, cookie: &str, path: &str, language: &str) -> (u16, String) {
    let res = browser()
        .get(format!("{}{path}", origin(t)))
        .header(COOKIE, format!("partage_session={cookie}"))
        .header(ACCEPT_LANGUAGE, language)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn post_form(t: &TestNode, cookie: &str, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
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
fn assert_translated(html: &str) {
    assert!(!html.contains("[nav-") && !html.contains("-title]") && !html.contains("]</"), "{html}");
}

async fn member_with_budget(t: &TestNode) -> (String, String, String) {
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

async fn a_member_sees_their_budget_and_payslips_in_their_own_language(db: Db) {
    let t = start(db).await;
    let (member, _, _) = member_with_budget(&t).await;
    let (cookie, _) = session(&t, "ada@example.org", None).await;
    let own = t.get(format!("/members/{member}")).await.ok(200)["language"].as_str().unwrap().to_owned();
    // The member's own setting wins over the browser's Accept-Language.
    let other = if own == "nl" { "fr" } else { "nl" };
    let (status, html) = page(&t, &cookie, "/app", other).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(&format!("<html lang=\"{own}\"")), "{own}: {html}");
    let budget = match own.as_str() {
        "fr" => "935,00\u{a0}€",
        "nl" => "€\u{a0}935,00",
        _ => "€935.00",
    };
    assert!(html.contains("Quartet") && html.contains(budget), "{html}");
    assert!(html.contains("name=\"csrf\""), "the sign-out form carries the CSRF token");
    assert_translated(&html);
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
        html.contains("Coût employeur: 3\u{202f}000,00\u{a0}€")
            || html.contains("Coût employeur: 2\u{202f}999,99\u{a0}€"),
        "{html}"
    );
    assert!(html.contains("<small>") && html.matches("<tr>").count() > 4, "lines with their sources: {html}");
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

async fn an_advisor_validates_a_declaration_from_the_queue_with_the_sessions_csrf_token(db: Db) {
    let t = start(db).await;
    let (_, activity, client) = member_with_budget(&t).await;
    let d = t
        .post(
            "/work-declarations",
            json!({"activity_id": activity, "client_id": client, "function": "Musician", "place": "Flagey, Brussels",
                   "risks": [], "worker_category": "artist", "budget": "600.00", "currency": "EUR",
                   "periods": [{"date": "2026-03-10", "start": "09:00", "end": "17:00"}]}),
        )
        .await;
    let id = d.ok(201)["id"].as_str().unwrap().to_owned();
    let (cookie, csrf) = session(&t, "advisor@partage.example", Some(Role::Advisor)).await;
    let (status, queue) = page(&t, &cookie, "/app", "nl").await;
    assert_eq!(status, 200);
    assert!(queue.contains("Werkaangiften te valideren") && queue.contains("€\u{a0}600,00"), "{queue}");
    let action = format!("/app/declarations/{id}/validate");
    assert!(queue.contains(&format!("action=\"{action}\"")), "{queue}");
    // Without the token (a forged cross-site form) nothing happens.
    assert_eq!(post_form(&t, &cookie, &action, &[("csrf", "forged")]).await.status(), 403);
    assert_eq!(t.get(format!("/work-declarations/{id}")).await.ok(200)["status"], "submitted");
    // A member may not validate, even their own declaration, even with their own token.
    let (member_cookie, member_csrf) = session(&t, "ada@example.org", None).await;
    assert_eq!(post_form(&t, &member_cookie, &action, &[("csrf", &member_csrf)]).await.status(), 403);
    let res = post_form(&t, &cookie, &action, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/app");
    assert_eq!(t.get(format!("/work-declarations/{id}")).await.ok(200)["status"], "validated");
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
    a_member_signed_in_through_the_provider_reaches_their_pages,
    a_member_sees_their_budget_and_payslips_in_their_own_language,
    the_simulator_shows_each_line_with_its_source_and_a_refused_amount_beside_its_field,
    an_advisor_validates_a_declaration_from_the_queue_with_the_sessions_csrf_token,
    without_a_session_a_page_sends_the_browser_to_sign_in
);
