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

async fn a_members_dashboard_shows_their_latest_twelve_payslips_and_links_to_all(db: Db) {
    use partage::storage::entities::payslip;
    use sea_orm::{ActiveModelTrait, Set};
    let t = start(db).await;
    let (member, activity, _) = member_with_budget(&t).await;
    let (cookie, _) = session(&t, "ada@example.org", None).await;
    // Fourteen months of payslips, 2025-01 to 2026-02, each net 100.00 plus its month's number.
    let node = t.in_process();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    for i in 0..14u32 {
        let period = format!("{}-{:02}", 2025 + i / 12, i % 12 + 1);
        payslip::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            run_id: Set(uuid::Uuid::now_v7()),
            contract_id: Set(uuid::Uuid::now_v7()),
            member_id: Set(member.parse().unwrap()),
            activity_id: Set(activity.parse().unwrap()),
            period: Set(period),
            work_end: Set(day),
            deadline: Set(day),
            pay_date: Set(day),
            worker_category: Set("artist".into()),
            gross_minor: Set(20_000),
            taxable_minor: Set(15_000),
            net_minor: Set(10_000 + i64::from(i) + 1),
            employer_cost_minor: Set(25_000),
            currency: Set("EUR".into()),
            lines: Set("[]".into()),
            entry_id: Set(uuid::Uuid::now_v7()),
            status: Set("paid".into()),
            kind: Set("regular".into()),
            legislation_state: Set(None),
        }
        .insert(node.store.db())
        .await
        .unwrap();
    }
    let (status, html) = page(&t, &cookie, "/app", "en").await;
    assert_eq!(status, 200, "{html}");
    // The twelve latest, newest first: 2026-02 (net 100.14) down to 2025-03 (100.03).
    let shown: Vec<&str> = html.match_indices("<td>20").map(|(i, _)| &html[i + 4..i + 11]).collect();
    let expected: Vec<String> = (2..14).rev().map(|i| format!("{}-{:02}", 2025 + i / 12, i % 12 + 1)).collect();
    assert_eq!(shown, expected, "{html}");
    // Amounts in the member's own language, whichever it is: 100.14 or 100,14.
    let net =
        |html: &str, cents: &str| html.contains(&format!("100.{cents}")) || html.contains(&format!("100,{cents}"));
    assert!(net(&html, "14") && net(&html, "03") && !net(&html, "02"), "{html}");
    assert!(html.contains("</table></div><p><a href=\"/app/payslips\">"), "a link to all of them: {html}");
    assert_translated(&html);
    // The payslips page still lists all fourteen.
    let (_, all) = page(&t, &cookie, "/app/payslips", "en").await;
    assert!(net(&all, "01") && net(&all, "14"), "{all}");
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
    assert!(queue.contains("<h2>Werkaangiften</h2>") && queue.contains("€\u{a0}600,00"), "{queue}");
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
    // An issued invoice: 1 000,00 + 21 % VAT, with its PDF.
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
    let draft = list["items"][0]["id"].as_str().unwrap().to_owned();
    let issue = format!("/app/invoices/{draft}/issue");
    assert!(html.contains("Brouillon") && html.contains(&format!("action=\"{issue}\"")), "{html}");
    // She issues it from its row; without the session's token, or as another member, nothing is.
    assert_eq!(post_form(&t, &cookie, &issue, &[("csrf", "forged")]).await.status(), 403);
    t.member("eve@example.org").await;
    let (eve, eve_csrf) = session(&t, "eve@example.org", None).await;
    assert_eq!(post_form(&t, &eve, &issue, &[("csrf", &eve_csrf)]).await.status(), 403);
    assert_eq!(t.get(format!("/invoices/{draft}")).await.ok(200)["status"], "draft");
    let res = post_form(&t, &cookie, &issue, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 303);
    let issued = t.get(format!("/invoices/{draft}")).await.ok(200).clone();
    assert_eq!(issued["status"], "issued", "{issued}");
    let (_, html) = page(&t, &cookie, "/app/invoices", "fr").await;
    assert!(html.contains(&format!("/api/v1/invoices/{draft}/pdf")) && !html.contains(&issue), "{html}");
    // Issued twice (a second tab): the refusal is shown on the page, with its status.
    let res = post_form(&t, &cookie, &issue, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("role=\"alert\""));
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
    for path in ["/app/invoices", "/app/order-forms", "/app/work", "/app/statement", "/app/payslips", "/app/membership"]
    {
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

/// Ada records a client's signed order through her page: a bad amount and a day to come are
/// refused beside their fields with what she typed kept, a form without the session's token
/// writes nothing; the recorded form is listed with the budget advanced, then with its invoice.
/// Omar sees none of it and cannot record one on her activity.
async fn a_member_records_a_signed_order_form_and_sees_the_budget_advanced(db: Db) {
    let t = start(db).await;
    let (ada, activity, client) = ada_in_french(&t).await;
    // Another member's 120,000 invoice, paid, gives the fund its share of the fee to lend.
    let rich = t.member("rich@example.org").await;
    let festival = t.activity(&rich, "Festival").await;
    let big = t.draft(&festival, &client, "120000.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{big}/issue"), json!(null)).await.ok(200);
    t.post(format!("/invoices/{big}/payments"), json!({"amount": "145200.00", "currency": "EUR"})).await.ok(201);
    let (cookie, csrf) = session(&t, "ada@example.org", None).await;
    let (status, html) = page(&t, &cookie, "/app/order-forms", "en").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<a href=\"/app/order-forms\">Bons de commande</a>"), "the menu links it: {html}");
    assert!(html.contains("<label for=\"amount\">") && html.contains("Rien pour l’instant."), "{html}");
    assert!(html.contains("value=\"2026-03-02\""), "signed today unless said otherwise: {html}");
    assert_translated(&html);
    let ada_id = ada.parse().unwrap();
    let count = async || partage::service::order_forms::of_member(t.in_process().store.db(), ada_id, 10).await.unwrap();
    // A refused amount is shown beside its field, in French, with what was typed kept.
    let mut form = [
        ("csrf", csrf.as_str()),
        ("activity_id", activity.as_str()),
        ("client_id", client.as_str()),
        ("reference", "BC-2026-017"),
        ("amount", "beaucoup"),
        ("signed_on", "2026-02-27"),
    ];
    let res = post_form(&t, &cookie, "/app/order-forms", &form).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"amount-error\"") && html.contains("aria-invalid=\"true\""), "{html}");
    assert!(html.contains("Indiquez le montant commandé en EUR, supérieur à zéro"), "{html}");
    for kept in ["value=\"beaucoup\"", "value=\"BC-2026-017\"", "value=\"2026-02-27\""] {
        assert!(html.contains(kept), "{kept}: {html}");
    }
    // A day still to come: the service's rule, shown beside the date.
    form[4].1 = "1 500,00";
    form[5].1 = "2026-03-03";
    let res = post_form(&t, &cookie, "/app/order-forms", &form).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"signed_on-error\"") && !html.contains("id=\"amount-error\""), "{html}");
    assert!(html.contains("Indiquez le jour où le client a signé") && html.contains("2 mars 2026"), "{html}");
    assert!(html.contains("value=\"2026-03-03\"") && html.contains("value=\"1 500,00\""), "{html}");
    assert!(count().await.is_empty());
    // Without the session's token nothing is written.
    form[5].1 = "2026-02-27";
    let mut forged = form;
    forged[0].1 = "forged";
    assert_eq!(post_form(&t, &cookie, "/app/order-forms", &forged).await.status(), 403);
    let without: Vec<_> = form.iter().filter(|(k, _)| *k != "csrf").copied().collect();
    assert_eq!(post_form(&t, &cookie, "/app/order-forms", &without).await.status(), 403);
    assert!(count().await.is_empty());
    // With it: 1,500 less the 6.5 % fee is advanced.
    let res = post_form(&t, &cookie, "/app/order-forms", &form).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/app/order-forms");
    let recorded = count().await;
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].form.advance, "1402.50");
    // An order the fund cannot lend for: refused above the form, its amounts written the French way.
    let mut big = form;
    big[3].1 = "BC-2026-018";
    big[4].1 = "90 000,00";
    let res = post_form(&t, &cookie, "/app/order-forms", &big).await;
    let status = res.status();
    let html = res.text().await.unwrap().replace(['\u{a0}', '\u{202f}'], " ");
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("il ne peut pas avancer 84 150,00 € de plus"), "{html}");
    assert_eq!(count().await.len(), 1);
    let (_, html) = page(&t, &cookie, "/app/order-forms", "fr").await;
    for shown in [
        "BC-2026-017",
        "Théâtre du Parc",
        "1\u{202f}500,00\u{a0}€",
        "1\u{202f}402,50\u{a0}€",
        "27 février 2026",
        "Ouvert\u{a0}: budget avancé",
    ] {
        assert!(html.contains(shown), "{shown}: {html}");
    }
    // The office closes it with the invoice issued for the order: the page names the invoice.
    let inv = t.draft(&activity, &client, "1500.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    let number =
        t.post(format!("/invoices/{inv}/issue"), json!(null)).await.ok(200)["number"].as_str().unwrap().to_owned();
    t.post(format!("/order-forms/{}/invoiced", recorded[0].form.id), json!({"invoice_id": inv})).await.ok(200);
    let (_, html) = page(&t, &cookie, "/app/order-forms", "fr").await;
    assert!(html.contains("Facturé") && html.contains(&format!("/api/v1/invoices/{inv}/pdf")), "{html}");
    assert!(html.contains(&number), "{number}: {html}");

    // Omar sees none of it, and his post naming Ada's activity is refused with nothing written.
    let omar = t.member("omar@example.org").await;
    t.activity(&omar, "Solo").await;
    let (other, other_csrf) = session(&t, "omar@example.org", None).await;
    let (status, html) = page(&t, &other, "/app/order-forms", "fr").await;
    assert_eq!(status, 200);
    assert!(!html.contains("BC-2026-017") && !html.contains("Quartet") && !html.contains(&inv), "{html}");
    let mut theirs = form;
    theirs[0].1 = other_csrf.as_str();
    theirs[3].1 = "BC-OMAR";
    let res = post_form(&t, &other, "/app/order-forms", &theirs).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Cet élément n’est pas le vôtre."));
    assert_eq!(count().await.len(), 1);
    // Staff have no member pages.
    let (advisor, _) = session(&t, "advisor@partage.example", Some(Role::Advisor)).await;
    assert_eq!(page(&t, &advisor, "/app/order-forms", "fr").await.0, 403);
}

/// The admin's pages and what each posts; HQ's page.
const ADMIN_PAGES: [&str; 4] = ["/app/admin/settings", "/app/admin/tokens", "/app/admin/accounts", "/app/admin/audit"];

async fn the_admins_pages_are_the_admins_and_the_figures_hqs_and_the_admins(db: Db) {
    let t = start(db).await;
    let member = t.member("ada@example.org").await;
    let (admin, admin_csrf) = session(&t, "admin@partage.example", Some(Role::Admin)).await;
    let (hq, hq_csrf) = session(&t, "hq@partage.example", Some(Role::Hq)).await;
    let (advisor, advisor_csrf) = session(&t, "advisor@partage.example", Some(Role::Advisor)).await;
    let (ada, ada_csrf) = session(&t, "ada@example.org", None).await;
    for path in ADMIN_PAGES {
        assert_eq!(page(&t, &admin, path, "fr").await.0, 200, "{path}");
        for (who, cookie) in [("member", &ada), ("advisor", &advisor), ("hq", &hq)] {
            let (status, body) = page(&t, cookie, path, "fr").await;
            assert_eq!((status, body.as_str()), (403, "forbidden"), "{who} {path}");
        }
    }
    assert_eq!(page(&t, &admin, "/app/figures", "fr").await.0, 200);
    assert_eq!(page(&t, &hq, "/app/figures", "fr").await.0, 200);
    for cookie in [&ada, &advisor] {
        assert_eq!(page(&t, cookie, "/app/figures", "fr").await.0, 403);
    }
    // HQ's dashboard is its figures; its menu names nothing it may not open.
    let res = browser()
        .get(format!("{}/app", origin(&t)))
        .header(COOKIE, format!("partage_session={hq}"))
        .send()
        .await
        .unwrap();
    assert_eq!((res.status().as_u16(), res.headers()[LOCATION].to_str().unwrap()), (303, "/app/figures"));
    let (_, html) = page(&t, &hq, "/app/figures", "en").await;
    assert!(!html.contains("href=\"/app/admin") && !html.contains("href=\"/app/simulator\""), "{html}");
    let (_, html) = page(&t, &admin, "/app", "en").await;
    for path in ADMIN_PAGES.iter().chain(&["/app/figures"]) {
        assert!(html.contains(&format!("href=\"{path}\"")), "the admin's menu lists {path}");
    }
    // Every form of the admin's, posted by anyone else with their own valid token: refused, nothing written.
    let token =
        t.post("/api-tokens", json!({"name": "kept", "role": "hq"})).await.ok(201)["id"].as_str().unwrap().to_owned();
    let staff = sessions::staff(t.in_process().store.db()).await.unwrap();
    let advisor_id = staff.iter().find(|a| a.role == Role::Advisor).unwrap().id;
    for (who, cookie, csrf) in
        [("member", &ada, &ada_csrf), ("advisor", &advisor, &advisor_csrf), ("hq", &hq, &hq_csrf)]
    {
        let posts = [
            ("/app/admin/tokens".to_owned(), vec![("name", "mine"), ("role", "admin")]),
            (format!("/app/admin/tokens/{token}/revoke"), vec![]),
            ("/app/admin/accounts".to_owned(), vec![("email", "eve@partage.example"), ("role", "admin")]),
            (format!("/app/admin/accounts/{advisor_id}/role"), vec![("role", "admin")]),
        ];
        for (path, fields) in posts {
            let mut form = vec![("csrf", csrf.as_str())];
            form.extend(fields);
            assert_eq!(post_form(&t, cookie, &path, &form).await.status(), 403, "{who} {path}");
        }
    }
    let tokens = t.get("/api-tokens").await.ok(200).clone();
    assert!(tokens.as_array().unwrap().iter().all(|k| k["name"] != "mine" && k["revoked_at"].is_null()), "{tokens}");
    let staff_after = sessions::staff(t.in_process().store.db()).await.unwrap();
    assert_eq!(staff_after, staff, "no account added or changed");
    let _ = (member, admin_csrf);
}

async fn an_admin_makes_a_token_sees_its_secret_once_and_revokes_it_through_the_page(db: Db) {
    let t = start(db).await;
    let (cookie, csrf) = session(&t, "admin@partage.example", Some(Role::Admin)).await;
    let (status, html) = page(&t, &cookie, "/app/admin/tokens", "nl").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<html lang=\"nl\"") && html.contains("test harness"),
        "the harness's token is listed: {html}"
    );
    for field in ["name", "role", "member_id"] {
        assert!(html.contains(&format!("<label for=\"{field}\">")), "{field} labelled: {html}");
    }
    assert_translated(&html);
    let count = || async { t.get("/api-tokens").await.ok(200).as_array().unwrap().len() };
    let before = count().await;
    // A forged form (no session token) makes nothing.
    let forged = [("csrf", "forged"), ("name", "Rides platform"), ("role", "advisor")];
    assert_eq!(post_form(&t, &cookie, "/app/admin/tokens", &forged).await.status(), 403);
    assert_eq!(count().await, before);
    // A member token without its member is refused beside the field, in French (the form's language).
    let res =
        post_form(&t, &cookie, "/app/admin/tokens", &[("csrf", &csrf), ("name", "Ada script"), ("role", "member")])
            .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"member_id-error\"") && html.contains("value=\"Ada script\""), "{html}");
    assert_eq!(count().await, before);
    let res = post_form(
        &t,
        &cookie,
        "/app/admin/tokens",
        &[("csrf", &csrf), ("name", "Rides platform"), ("role", "advisor")],
    )
    .await;
    assert_eq!(res.status(), 201);
    assert_eq!(res.headers()["cache-control"], "no-store", "the secret is not cached");
    let html = res.text().await.unwrap();
    let secret =
        html.split("<code class=\"secret\">").nth(1).and_then(|s| s.split("</code>").next()).unwrap().to_owned();
    assert!(secret.len() == 64 && secret.chars().all(|c| c.is_ascii_hexdigit()), "{secret}");
    assert!(html.contains("Jeton «\u{a0}Rides platform\u{a0}» créé"), "{html}");
    let api = |secret: String| {
        let url = format!("{}/work-declarations", t.base);
        async move { reqwest::Client::new().get(url).bearer_auth(secret).send().await.unwrap().status().as_u16() }
    };
    assert_eq!(api(secret.clone()).await, 200, "the new token opens the API as an advisor");
    // Shown once: the list never shows it again.
    let (_, html) = page(&t, &cookie, "/app/admin/tokens", "fr").await;
    assert!(!html.contains(&secret) && html.contains("Rides platform"), "{html}");
    let made =
        t.get("/api-tokens").await.ok(200).as_array().unwrap().iter().find(|k| k["name"] == "Rides platform").unwrap()
            ["id"]
            .as_str()
            .unwrap()
            .to_owned();
    let action = format!("/app/admin/tokens/{made}/revoke");
    assert!(html.contains(&format!("action=\"{action}\"")), "{html}");
    assert_eq!(post_form(&t, &cookie, &action, &[("csrf", "forged")]).await.status(), 403);
    assert_eq!(api(secret.clone()).await, 200, "a forged revocation revokes nothing");
    let res = post_form(&t, &cookie, &action, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/app/admin/tokens");
    assert_eq!(api(secret).await, 401, "revoked: it opens nothing");
    let (_, html) = page(&t, &cookie, "/app/admin/tokens", "fr").await;
    assert!(html.contains("Révoqué le") && !html.contains(&format!("action=\"{action}\"")), "{html}");
}

async fn an_admin_adds_staff_and_changes_their_role_but_not_the_last_admins(db: Db) {
    let t = start(db).await;
    let (cookie, csrf) = session(&t, "admin@partage.example", Some(Role::Admin)).await;
    let add = [("csrf", csrf.as_str()), ("email", "Lea@Partage.example"), ("role", "hq")];
    assert_eq!(
        post_form(
            &t,
            &cookie,
            "/app/admin/accounts",
            &[("csrf", "forged"), ("email", "x@partage.example"), ("role", "hq")]
        )
        .await
        .status(),
        403
    );
    let res = post_form(&t, &cookie, "/app/admin/accounts", &add).await;
    assert_eq!((res.status().as_u16(), res.headers()[LOCATION].to_str().unwrap()), (303, "/app/admin/accounts"));
    // The same e-mail again: refused with the catalogue's French wording, beside the e-mail
    // field the refusal names.
    let res = post_form(&t, &cookie, "/app/admin/accounts", &add).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("<p class=\"error\" id=\"email-error\">lea@partage.example a déjà un compte</p>"), "{html}");
    assert!(html.contains("aria-describedby=\"email-error\""), "{html}");
    let (status, html) = page(&t, &cookie, "/app/admin/accounts", "fr").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<label for=\"email\">") && html.contains("aria-label=\"Rôle lea@partage.example\""),
        "{html}"
    );
    assert_translated(&html);
    let staff = sessions::staff(t.in_process().store.db()).await.unwrap();
    let lea = staff.iter().find(|a| a.email == "lea@partage.example").unwrap();
    assert_eq!(lea.role, Role::Hq);
    let res = post_form(
        &t,
        &cookie,
        &format!("/app/admin/accounts/{}/role", lea.id),
        &[("csrf", &csrf), ("role", "advisor")],
    )
    .await;
    assert_eq!(res.status(), 303);
    let staff = sessions::staff(t.in_process().store.db()).await.unwrap();
    assert_eq!(staff.iter().find(|a| a.id == lea.id).unwrap().role, Role::Advisor);
    // The only admin may not demote themself: no one would manage tokens and accounts.
    let me = staff.iter().find(|a| a.email == "admin@partage.example").unwrap().id;
    let res =
        post_form(&t, &cookie, &format!("/app/admin/accounts/{me}/role"), &[("csrf", &csrf), ("role", "hq")]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("le dernier administrateur reste administrateur"));
    let staff = sessions::staff(t.in_process().store.db()).await.unwrap();
    assert_eq!(staff.iter().find(|a| a.id == me).unwrap().role, Role::Admin);
    // With a second admin it may; the session then has the new role at its next request.
    let res =
        post_form(&t, &cookie, &format!("/app/admin/accounts/{}/role", lea.id), &[("csrf", &csrf), ("role", "admin")])
            .await;
    assert_eq!(res.status(), 303);
    let res =
        post_form(&t, &cookie, &format!("/app/admin/accounts/{me}/role"), &[("csrf", &csrf), ("role", "hq")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(page(&t, &cookie, "/app/admin/accounts", "fr").await.0, 403);
    assert_eq!(page(&t, &cookie, "/app/figures", "fr").await.0, 200);
}

async fn the_settings_page_shows_the_fee_the_funds_share_and_the_employer_cost_coefficient(db: Db) {
    let t = start(db).await;
    let (cookie, _) = session(&t, "admin@partage.example", Some(Role::Admin)).await;
    let (status, html) = page(&t, &cookie, "/app/admin/settings", "fr").await;
    assert_eq!(status, 200);
    // The configuration's defaults (node/src/config.rs: fee.rate 0.065, guarantee_fund_share
    // 0.25, employer_cost_coefficient 1.45), written the CLDR fr way (narrow no-break space before %).
    for (value, key) in [
        ("6,5\u{202f}%", "fee.rate"),
        ("25\u{202f}%", "fee.guarantee_fund_share"),
        ("1,45", "payroll.employer_cost_coefficient"),
    ] {
        assert!(html.contains(&format!("<td class=\"num\">{value}</td><td><code>{key}</code>")), "{key}: {html}");
    }
    // The fee changes through its own form; the coefficient and the others are not edited here.
    assert!(html.contains("<form method=\"post\" action=\"/app/admin/settings/fee\""), "{html}");
    assert_eq!(html.matches("<form method=\"post\" action=\"/app/admin/settings").count(), 1, "{html}");
    assert_translated(&html);
}

async fn the_audit_log_shows_who_corrected_what_newest_first_a_page_at_a_time(db: Db) {
    let t = start(db).await;
    let member = t.member("ada@example.org").await;
    let (cookie, _) = session(&t, "admin@partage.example", Some(Role::Admin)).await;
    let (_, html) = page(&t, &cookie, "/app/admin/audit", "en").await;
    assert!(html.contains("Nothing yet."), "{html}");
    // 51 corrections of her name, the last by Bea: the first page shows 50, Bea's first, and a link to the rest.
    for i in 0..51 {
        let (by, name) = if i == 50 {
            ("Bea Janssens", "Wouters")
        } else {
            ("Omar El Amrani", if i % 2 == 0 { "Dubois" } else { "Peeters" })
        };
        t.patch_as(format!("/members/{member}"), by, json!({"last_name": name})).await.ok(200);
    }
    let (status, html) = page(&t, &cookie, "/app/admin/audit", "en").await;
    assert_eq!(status, 200);
    assert_eq!(html.matches("<ul class=\"changes\">").count(), 50, "{html}");
    let first = html.find("Bea Janssens").unwrap();
    assert!(first < html.find("Omar El Amrani").unwrap(), "newest first");
    assert!(html.contains("<code>last_name</code>: Peeters → Wouters"), "{html}");
    let next =
        html.split("href=\"/app/admin/audit?before=").nth(1).and_then(|s| s.split('"').next()).unwrap().to_owned();
    let (status, older) = page(&t, &cookie, &format!("/app/admin/audit?before={next}"), "en").await;
    assert_eq!(status, 200);
    assert_eq!(older.matches("<ul class=\"changes\">").count(), 1, "{older}");
    assert!(older.contains("<code>last_name</code>: Peeters → Dubois"), "the first correction: {older}");
    assert!(older.contains("href=\"/app/admin/audit\"") && !older.contains("?before="), "{older}");
    assert_translated(&older);
}

async fn hq_sees_the_offices_year_in_figures_with_charts_and_their_tables(db: Db) {
    let t = start(db).await;
    // Ada joins on 2026-03-02 and invoices 1 000,00 excluding VAT in the artistic sector.
    let (_, activity, client) = member_with_budget(&t).await;
    let _ = (activity, client);
    let node = t.in_process();
    partage::service::figures::publish_month(node, "2026-02".parse().unwrap()).await.unwrap();
    let (cookie, _) = session(&t, "hq@partage.example", Some(Role::Hq)).await;
    let (status, html) = page(&t, &cookie, "/app/figures", "fr").await;
    assert_eq!(status, 200, "{html}");
    assert_translated(&html);
    assert!(html.contains("<label for=\"to\">") && html.contains("value=\"2026-03\""), "{html}");
    // Twelve months, from April 2025 to March 2026, each a column and a table row.
    assert!(html.contains("De 2025-04 à 2026-03"), "{html}");
    let chart = html.split("<svg id=\"signups-chart\"").nth(1).and_then(|s| s.split("</svg>").next()).unwrap();
    assert!(
        chart.contains("role=\"img\"")
            && chart.contains("<title id=\"signups-chart-title\">Nouveaux membres par mois</title>")
    );
    assert_eq!(chart.matches("<rect ").count(), 12, "{chart}");
    assert!(
        html.contains(
            "<th scope=\"row\">2026-03</th><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">1</td>"
        ),
        "{html}"
    );
    let sectors = html.split("<svg id=\"sectors-chart\"").nth(1).and_then(|s| s.split("</svg>").next()).unwrap();
    assert!(sectors.contains("<title id=\"sectors-chart-title\">Masse salariale par secteur</title>"), "{sectors}");
    assert!(sectors.contains(">Activités artistiques</text>"), "{sectors}");
    // Turnover over the year and in the artistic sector's row.
    assert!(
        html.contains("<th scope=\"row\">Activités artistiques</th><td class=\"num\">1\u{202f}000,00\u{a0}€</td>"),
        "{html}"
    );
    // February as sent to HQ, March computed now.
    assert!(html.contains("envoyés au siège (révision 1,"), "{html}");
    assert!(html.contains("calculés maintenant"), "{html}");
    assert!(html.contains("Femmes et hommes"), "{html}");
    let (status, html) = page(&t, &cookie, "/app/figures?to=2027-01", "fr").await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"to-error\"") && html.contains("value=\"2027-01\""), "{html}");
    let (status, html) = page(&t, &cookie, "/app/figures?to=2025-12", "en").await;
    assert_eq!(status, 200);
    assert!(html.contains("From 2025-01 to 2025-12"), "{html}");
}

on_both_databases!(
    the_admins_pages_are_the_admins_and_the_figures_hqs_and_the_admins,
    an_admin_makes_a_token_sees_its_secret_once_and_revokes_it_through_the_page,
    an_admin_adds_staff_and_changes_their_role_but_not_the_last_admins,
    the_settings_page_shows_the_fee_the_funds_share_and_the_employer_cost_coefficient,
    the_audit_log_shows_who_corrected_what_newest_first_a_page_at_a_time,
    hq_sees_the_offices_year_in_figures_with_charts_and_their_tables
);

on_both_databases!(
    a_member_signed_in_through_the_provider_reaches_their_pages,
    a_member_sees_their_budget_and_payslips_in_their_own_language,
    a_members_dashboard_shows_their_latest_twelve_payslips_and_links_to_all,
    the_simulator_shows_each_line_with_its_source_and_a_refused_amount_beside_its_field,
    an_advisor_validates_a_declaration_from_the_queue_with_the_sessions_csrf_token,
    without_a_session_a_page_sends_the_browser_to_sign_in,
    a_member_drafts_an_invoice_and_downloads_the_issued_ones_pdf,
    a_member_declares_work_and_sees_it_submitted,
    a_member_records_a_signed_order_form_and_sees_the_budget_advanced,
    a_members_records_pages_show_statement_payslips_shares_and_their_data,
    a_member_never_reaches_another_members_records_through_the_pages
);
