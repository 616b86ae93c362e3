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

/// Ada, a member with a budget, in French (her own setting, so the words are known).
async fn ada_in_french(t: &TestNode) -> (String, String, String) {
    let (member, activity, client) = member_with_budget(t).await;
    t.patch_as(format!("/members/{member}"), "test", json!({"language": "fr"})).await.ok(200);
    (member, activity, client)
}

async fn a_member_drafts_an_invoice_and_downloads_the_issued_ones_pdf(db: Db) {
    let t = start(db).await;
    let (_, activity, client) = ada_in_french(&t).await;
    let (cookie, csrf) = session(&t, "ada@example.org", None).await;
    let (status, html) = page(&t, &cookie, "/app/invoices", "en").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<html lang=\"fr\"") && html.contains("Théâtre du Parc"), "{html}");
    // The invoice issued by the office: 1 000,00 + 21 % VAT, with its PDF.
    assert!(html.contains("1\u{202f}210,00\u{a0}€") && html.contains("Émise"), "{html}");
    assert!(html.contains("<label for=\"lines-0-unit_price\">"), "each field labelled: {html}");
    assert_translated(&html);
    let issued =
        t.get(format!("/invoices?activity_id={activity}")).await.ok(200)["items"][0]["id"].as_str().unwrap().to_owned();
    let pdf_link = format!("/api/v1/invoices/{issued}/pdf");
    assert!(html.contains(&pdf_link), "{html}");
    let pdf = browser()
        .get(format!("{}{pdf_link}", origin(&t)))
        .header(COOKIE, format!("partage_session={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.status(), 200);
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"), "a PDF");
    // A refused amount is shown beside its field, in French, with what was typed kept.
    let form = [
        ("csrf", csrf.as_str()),
        ("activity_id", activity.as_str()),
        ("client_id", client.as_str()),
        ("lines-0-description", "Répétition"),
        ("lines-0-quantity", "2"),
        ("lines-0-unit_price", "beaucoup"),
        ("lines-0-vat_rate", "21"),
    ];
    let res = post_form(&t, &cookie, "/app/invoices", &form).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"lines-0-unit_price-error\"") && html.contains("aria-invalid=\"true\""), "{html}");
    assert!(html.contains("Cette valeur n’est pas acceptée") && html.contains("value=\"beaucoup\""), "{html}");
    // Without the session's token nothing is written.
    let mut forged = form;
    forged[0].1 = "forged";
    forged[5].1 = "450,50";
    assert_eq!(post_form(&t, &cookie, "/app/invoices", &forged).await.status(), 403);
    assert_eq!(t.get(format!("/invoices?activity_id={activity}")).await.ok(200)["total"], 1);
    // With it, a draft with a decimal comma: 2 × 450.50 excl. VAT.
    let mut good = form;
    good[5].1 = "450,50";
    let res = post_form(&t, &cookie, "/app/invoices", &good).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/app/invoices");
    let list = t.get(format!("/invoices?activity_id={activity}&status=draft")).await.ok(200).clone();
    assert_eq!(list["total"], 1, "{list}");
    assert_eq!(list["items"][0]["totals"]["net"], "901.00", "{list}");
    assert_eq!(list["items"][0]["lines"][0]["description"], "Répétition", "{list}");
    let (_, html) = page(&t, &cookie, "/app/invoices", "fr").await;
    assert!(html.contains("Brouillon") && html.contains("Émise par le bureau"), "{html}");
}

async fn a_member_declares_work_and_sees_it_submitted(db: Db) {
    let t = start(db).await;
    let (member, activity, client) = ada_in_french(&t).await;
    let (cookie, csrf) = session(&t, "ada@example.org", None).await;
    let (status, html) = page(&t, &cookie, "/app/work", "fr").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<label for=\"periods-0-date\">"), "{html}");
    assert_translated(&html);
    // A day without its end is refused beside the field.
    let mut form = vec![
        ("csrf", csrf.as_str()),
        ("activity_id", activity.as_str()),
        ("client_id", client.as_str()),
        ("function", "Musicienne"),
        ("place", "Flagey, Bruxelles"),
        ("worker_category", "artist"),
        ("budget", "600,00"),
        ("periods-0-date", "2026-03-10"),
        ("periods-0-start", "09:00"),
    ];
    let res = post_form(&t, &cookie, "/app/work", &form).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"periods-0-end-error\"") && html.contains("Veuillez remplir ce champ."), "{html}");
    assert_eq!(t.get(format!("/work-declarations?member_id={member}")).await.ok(200)["total"], 0);
    form.push(("periods-0-end", "17:00"));
    let res = post_form(&t, &cookie, "/app/work", &form).await;
    assert_eq!(res.status(), 303);
    let list = t.get(format!("/work-declarations?member_id={member}")).await.ok(200).clone();
    assert_eq!(list["total"], 1, "{list}");
    assert_eq!(list["items"][0]["budget"], "600.00");
    assert_eq!(list["items"][0]["status"], "submitted");
    let (_, html) = page(&t, &cookie, "/app/work", "fr").await;
    assert!(html.contains("Musicienne") && html.contains("Envoyée") && html.contains("600,00\u{a0}€"), "{html}");
}

async fn a_members_records_pages_show_statement_payslips_shares_and_their_data(db: Db) {
    use crate::quarterly_returns::{contract, payroll, worker};
    let t = start(db).await;
    let member = worker(&t, "ada@example.org", "Wouters", "85.07.30-033.28", "1985-07-30").await;
    let activity = t.activity(&member, "Duo").await;
    let client = t.belgian_client().await;
    crate::quarterly_returns::invoice(&t, &activity, &client, "5000.00").await;
    let k = contract(&t, &activity, "white-collar", "3000.00", &[("2026-03-10", "09:00", "17:00")]).await;
    let k = k["id"].as_str().unwrap().to_owned();
    let t = t.on_day("2026-03-13").await;
    let slips = payroll(&t, "2026-03").await;
    let slip = slips[0]["id"].as_str().unwrap().to_owned();
    let (cookie, _) = session(&t, "ada@example.org", None).await;
    for language in t.in_process().pack.languages().to_vec() {
        t.patch_as(format!("/members/{member}"), "test", json!({"language": language})).await.ok(200);
        for path in
            ["/app/statement?from=2026-01&to=2026-03", "/app/payslips", "/app/membership", "/app/invoices", "/app/work"]
        {
            let (status, html) = page(&t, &cookie, path, "en").await;
            assert_eq!(status, 200, "{path}: {html}");
            assert!(html.contains(&format!("<html lang=\"{language}\"")), "{path}");
            assert!(
                !html.contains("[nav-") && !html.contains("]</") && !html.contains("[status"),
                "{path} ({language}): {html}"
            );
        }
    }
    t.patch_as(format!("/members/{member}"), "test", json!({"language": "fr"})).await.ok(200);
    let (_, html) = page(&t, &cookie, "/app/statement?from=2026-01&to=2026-03", "fr").await;
    // 5 000,00 invoiced excluding VAT in March, with the CSV of the same months.
    assert!(html.contains("2026-03") && html.contains("5\u{202f}000,00\u{a0}€"), "{html}");
    assert!(html.contains(&format!("/api/v1/members/{member}/account.csv?from=2026-01&amp;to=2026-03")), "{html}");
    let (status, html) = page(&t, &cookie, "/app/statement?from=2026-05&to=2026-01", "fr").await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"to-error\""), "months out of order are refused beside the field: {html}");
    let (_, html) = page(&t, &cookie, "/app/payslips", "fr").await;
    assert!(html.contains(&format!("/api/v1/payslips/{slip}/pdf")) && html.contains("À la prestation"), "{html}");
    // The written contract beside it, fetched with the session as the browser would.
    let contract_pdf = format!("/api/v1/contracts/{k}/pdf");
    assert!(html.contains(&contract_pdf) && html.contains("Contrat (PDF)"), "{html}");
    let res = browser()
        .get(format!("{}{contract_pdf}", origin(&t)))
        .header(COOKIE, format!("partage_session={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF-"), "a PDF");
    let (_, html) = page(&t, &cookie, "/app/membership", "fr").await;
    assert!(html.contains("Parts détenues") && html.contains(&format!("/api/v1/members/{member}/data.csv")), "{html}");
    // Download my data, with the session: everything about her, JSON and CSV.
    let get = |path: String| {
        browser().get(format!("{}{path}", origin(&t))).header(COOKIE, format!("partage_session={cookie}")).send()
    };
    let res = get(format!("/api/v1/members/{member}/data")).await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    let data: serde_json::Value = res.json().await.unwrap();
    assert_eq!(data["member"]["last_name"], "Wouters");
    assert_eq!(data["invoices"].as_array().unwrap().len(), 1, "{data}");
    assert_eq!(data["payslips"][0]["id"], slip.as_str());
    assert_eq!(data["contracts"].as_array().unwrap().len(), 1);
    assert_eq!(data["work_declarations"].as_array().unwrap().len(), 1);
    assert_eq!(data["payroll_details"]["family"], "single", "{data}");
    assert!(data["statements"].as_array().unwrap().iter().any(|s| s["totals"]["invoiced"] == "5000.00"), "{data}");
    let csv = get(format!("/api/v1/members/{member}/data.csv")).await.unwrap();
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = csv.text().await.unwrap();
    assert!(
        csv.starts_with("section,record,field,value\r\n") || csv.starts_with("section,record,field,value\n"),
        "{csv}"
    );
    assert!(csv.contains("member,,last_name,Wouters") && csv.contains(&format!("payslips,0,id,{slip}")), "{csv}");
}

async fn a_member_never_reaches_another_members_records_through_the_pages(db: Db) {
    let t = start(db).await;
    let (ada, activity, client) = ada_in_french(&t).await;
    let issued =
        t.get(format!("/invoices?activity_id={activity}")).await.ok(200)["items"][0]["id"].as_str().unwrap().to_owned();
    let omar = t.member("omar@example.org").await;
    t.activity(&omar, "Solo").await;
    let (cookie, csrf) = session(&t, "omar@example.org", None).await;
    for path in ["/app/invoices", "/app/work", "/app/statement", "/app/payslips", "/app/membership"] {
        let (status, html) = page(&t, &cookie, path, "fr").await;
        assert_eq!(status, 200, "{path}");
        assert!(
            !html.contains("Quartet") && !html.contains("Théâtre du Parc") && !html.contains(&issued),
            "{path}: {html}"
        );
    }
    // Ada's files through the links the pages use: refused to Omar.
    for path in [format!("/api/v1/invoices/{issued}/pdf"), format!("/api/v1/members/{ada}/data")] {
        let res = browser()
            .get(format!("{}{path}", origin(&t)))
            .header(COOKIE, format!("partage_session={cookie}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{path}");
    }
    // A draft on Ada's activity, posted by hand, is refused and nothing is written.
    let form = [
        ("csrf", csrf.as_str()),
        ("activity_id", activity.as_str()),
        ("client_id", client.as_str()),
        ("lines-0-description", "x"),
        ("lines-0-quantity", "1"),
        ("lines-0-unit_price", "10"),
        ("lines-0-vat_rate", "21"),
    ];
    let res = post_form(&t, &cookie, "/app/invoices", &form).await;
    assert_eq!(res.status(), 422);
    // Omar has no client of his own, so no form: the refusal is said at the top.
    assert!(res.text().await.unwrap().contains("Cet élément n’est pas le vôtre."));
    let mut work = vec![("csrf", csrf.as_str()), ("activity_id", activity.as_str())];
    work.extend([("function", "x"), ("place", "x"), ("worker_category", "artist"), ("budget", "10")]);
    work.extend([("periods-0-date", "2026-03-10"), ("periods-0-start", "09:00"), ("periods-0-end", "10:00")]);
    assert_eq!(post_form(&t, &cookie, "/app/work", &work).await.status(), 422);
    assert_eq!(t.get(format!("/invoices?activity_id={activity}")).await.ok(200)["total"], 1);
    assert_eq!(t.get(format!("/work-declarations?activity_id={activity}")).await.ok(200)["total"], 0);
    // Staff have no member pages: they have no records of their own.
    let (advisor, _) = session(&t, "advisor@partage.example", Some(Role::Advisor)).await;
    assert_eq!(page(&t, &advisor, "/app/invoices", "fr").await.0, 403);
}

on_both_databases!(
    a_member_signed_in_through_the_provider_reaches_their_pages,
    a_member_sees_their_budget_and_payslips_in_their_own_language,
    the_simulator_shows_each_line_with_its_source_and_a_refused_amount_beside_its_field,
    an_advisor_validates_a_declaration_from_the_queue_with_the_sessions_csrf_token,
    without_a_session_a_page_sends_the_browser_to_sign_in,
    a_member_drafts_an_invoice_and_downloads_the_issued_ones_pdf,
    a_member_declares_work_and_sees_it_submitted,
    a_members_records_pages_show_statement_payslips_shares_and_their_data,
    a_member_never_reaches_another_members_records_through_the_pages
);
