//! The advisors' pages: the dashboard's queue of work declarations, each validated through a
//! form that needs the session's CSRF token; members (searched by name) and a member's file,
//! payroll runs and their payslips, wages nearing their deadline, the guarantee fund and
//! overdue invoices; each refused to members and HQ. The admin's changes of power (tokens,
//! accounts, roles) reach the audit log, and two admins demoting each other at once leave
//! one admin.
//!
//! Dates: 16 March 2026 is a Monday; the wage of work ending that day is due 7 working days
//! later (core's `WAGE_DEADLINE_WORKING_DAYS`, the Belgian calendar has no public holiday
//! in between): Wednesday 25 March 2026, counted by hand.

use crate::common::{start, start_with, Db, TestNode};
use crate::on_both_databases;
use crate::pages::{assert_translated, browser, member_with_budget, origin, page, post_form, session};
use crate::quarterly_returns::{contract, invoice, payroll, worker};
use partage::auth::{sessions, Role};
use partage::service::errors::AccountRefusal;
use partage_documents::Locale;
use reqwest::header::{COOKIE, LOCATION};
use rust_decimal::Decimal;
use serde_json::json;

/// The dunning letters print the office's BIC.
const BIC: (&str, &str) = ("entity.bic", "GKCCBEBB");

/// The advisors' pages, by name.
const PAGES: [&str; 5] = ["/app/members", "/app/payroll", "/app/deadlines", "/app/fund", "/app/overdue"];

/// Ada Wouters (Quartet, paid in March's run) and Ada Claes (Studio, work on Monday
/// 16 March not yet paid, her client's invoice due 16 March and reminded on the 17th),
/// seen on Tuesday 17 March 2026. Returns the node, Wouters, Claes, the run, Wouters's
/// payslip and Claes's overdue invoice.
pub(crate) async fn office(db: Db) -> (TestNode, String, String, String, String, String) {
    let t = start_with(db, &[BIC]).await; // Monday 2 March 2026
    let wouters = worker(&t, "ada@example.org", "Wouters", "85.07.30-033.28", "1985-07-30").await;
    let claes = worker(&t, "claes@example.org", "Claes", "90.02.01-003.28", "1990-02-01").await;
    let client = t.belgian_client().await;
    let quartet = t.activity(&wouters, "Quartet").await;
    let studio = t.activity(&claes, "Studio").await;
    invoice(&t, &quartet, &client, "5000.00").await;
    let d = t
        .post(
            "/invoices",
            json!({"activity_id": studio, "client_id": client, "currency": "EUR", "date": "2026-03-02",
                   "payment_terms_days": 10, "language": "fr",
                   "lines": [{"description": "Mixage", "quantity": "1", "unit_price": "3000.00", "vat_rate": "21"}]}),
        )
        .await;
    let overdue = d.ok(201)["id"].as_str().unwrap().to_owned();
    let issued = t.post(format!("/invoices/{overdue}/issue"), json!(null)).await.ok(200).clone();
    assert_eq!(issued["due_date"], "2026-03-16");
    contract(&t, &quartet, "artist", "1800.00", &[("2026-03-10", "09:00", "17:00")]).await;
    contract(&t, &studio, "white-collar", "900.00", &[("2026-03-16", "09:00", "17:00")]).await;
    let t = t.on_day("2026-03-13").await;
    let slips = payroll(&t, "2026-03").await;
    assert_eq!(slips.len(), 1, "only Wouters's work has ended: {slips:?}");
    let slip = slips[0]["id"].as_str().unwrap().to_owned();
    let run = slips[0]["run_id"].as_str().unwrap().to_owned();
    let t = t.on_day("2026-03-17").await;
    t.post("/dunning/runs", json!({})).await.ok(200);
    (t, wouters, claes, run, slip, overdue)
}

/// A file the page links, fetched with the page's session as the browser would.
async fn fetch(t: &TestNode, cookie: &str, href: &str) -> (u16, Vec<u8>) {
    let res = browser()
        .get(format!("{}{href}", origin(t)))
        .header(COOKIE, format!("partage_session={cookie}"))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.bytes().await.unwrap().to_vec())
}

async fn an_advisor_reads_members_payroll_deadlines_the_fund_and_overdue_invoices(db: Db) {
    let (t, wouters, claes, run, slip, overdue) = office(db).await;
    let (cookie, _) = session(&t, "advisor@partage.example", Some(Role::Advisor)).await;

    // The menu names every page.
    let (status, html) = page(&t, &cookie, "/app", "fr").await;
    assert_eq!(status, 200);
    for path in PAGES {
        assert!(html.contains(&format!("href=\"{path}\"")), "the advisor's menu lists {path}");
    }

    // Members, newest first; searched by name, each word in the first or last name, any case.
    let (status, html) = page(&t, &cookie, "/app/members", "fr").await;
    assert_eq!(status, 200, "{html}");
    assert_translated(&html);
    assert!(html.contains("<label for=\"name\">"), "{html}");
    let (w, c) = (html.find("Ada Wouters").unwrap(), html.find("Ada Claes").unwrap());
    assert!(c < w, "Claes joined after Wouters: newest first");
    assert!(html.contains(&format!("href=\"/app/members/{wouters}\"")), "{html}");
    let (_, html) = page(&t, &cookie, "/app/members?name=CLAES", "fr").await;
    assert!(html.contains("Ada Claes") && !html.contains("Ada Wouters"), "{html}");
    assert!(html.contains("value=\"CLAES\""), "the search is kept: {html}");
    let (_, html) = page(&t, &cookie, "/app/members?name=ada+wouters", "fr").await;
    assert!(html.contains("Ada Wouters") && !html.contains("Ada Claes"), "{html}");
    // A LIKE wildcard typed is a character, not "anything".
    let (_, html) = page(&t, &cookie, "/app/members?name=%25", "fr").await;
    assert!(html.contains("Aucun membre trouvé.") && !html.contains("Ada "), "{html}");
    // The API takes the same search.
    let found = t.get("/members?name=wouters").await.ok(200).clone();
    assert_eq!((found["total"].as_u64(), found["items"][0]["id"].as_str()), (Some(1), Some(wouters.as_str())));
    // Any case and no accents find an accented name on both databases (a folded column:
    // SQLite's `lower` folds ASCII only), and a corrected name is found by its new spelling.
    let made =
        t.post("/members", json!({"first_name": "Łukasz", "last_name": "Kılıç", "email": "lk@example.org"})).await;
    let lukasz = made.ok(201)["id"].as_str().unwrap().to_owned();
    let only =
        |found: &serde_json::Value| (found["total"].as_u64(), found["items"][0]["id"].as_str().map(str::to_owned));
    for typed in ["lukasz%20kilic", "%C5%81UKASZ", "K%C4%B1L%C4%B1%C3%87", "KILIC"] {
        let found = t.get(format!("/members?name={typed}")).await.ok(200).clone();
        assert_eq!(only(&found), (Some(1), Some(lukasz.clone())), "{typed}: {found}");
    }
    t.patch_as(format!("/members/{lukasz}"), "advisor", json!({"last_name": "Ødegård"})).await.ok(200);
    let found = t.get("/members?name=odegard").await.ok(200).clone();
    assert_eq!(only(&found), (Some(1), Some(lukasz.clone())), "{found}");
    assert_eq!(t.get("/members?name=kilic").await.ok(200)["total"], 0);

    // A member's file: identity, activity and budget, invoice, payslip, contract, declaration.
    let (status, html) = page(&t, &cookie, &format!("/app/members/{wouters}"), "fr").await;
    assert_eq!(status, 200, "{html}");
    assert_translated(&html);
    assert!(html.contains("<h1>Ada Wouters</h1>") && html.contains("ada@example.org"), "{html}");
    assert!(html.contains("Quartet") && html.contains("Sound engineer"), "{html}");
    assert!(html.contains(&format!("/api/v1/payslips/{slip}/pdf")), "{html}");
    assert!(html.contains("2026-03") && html.contains("À la prestation"), "{html}");
    // 5 000,00 + 21 % VAT, issued.
    assert!(html.contains("6\u{202f}050,00\u{a0}€") && html.contains("Émise"), "{html}");
    let (_, html) = page(&t, &cookie, &format!("/app/members/{claes}"), "fr").await;
    assert!(html.contains("Studio") && !html.contains("Quartet"), "only her records: {html}");

    // Payroll runs, and the run's payslips with their PDF.
    let (status, html) = page(&t, &cookie, "/app/payroll", "fr").await;
    assert_eq!(status, 200, "{html}");
    assert_translated(&html);
    assert!(html.contains(&format!("href=\"/app/payroll/{run}\"")) && html.contains("Terminée"), "{html}");
    let (status, html) = page(&t, &cookie, &format!("/app/payroll/{run}"), "fr").await;
    assert_eq!(status, 200, "{html}");
    assert_translated(&html);
    let pdf = format!("/api/v1/payslips/{slip}/pdf");
    assert!(html.contains(&pdf) && html.contains("Ada Wouters"), "{html}");
    let (status, bytes) = fetch(&t, &cookie, &pdf).await;
    assert_eq!(status, 200);
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");

    // Deadlines: Claes's Monday is due Wednesday 25 March, 6 working days from Tuesday the
    // 17th (18, 19, 20, 23, 24, 25): beyond the default 3 days, within 10.
    let (status, html) = page(&t, &cookie, "/app/deadlines", "fr").await;
    assert_eq!(status, 200, "{html}");
    assert_translated(&html);
    assert!(html.contains("Aucun salaire impayé") && html.contains("value=\"3\""), "{html}");
    let (_, html) = page(&t, &cookie, "/app/deadlines?within=10", "fr").await;
    assert!(html.contains("Ada Claes") && html.contains("Studio"), "{html}");
    assert!(html.contains("16 mars 2026") && html.contains("25 mars 2026"), "{html}");
    assert!(html.contains("<td class=\"num\">6</td>"), "{html}");
    assert!(!html.contains("Ada Wouters"), "her wage is paid: {html}");
    let api = t.get("/guarantee-fund/deadlines?within=10").await.ok(200).clone();
    assert_eq!((api[0]["deadline"].as_str(), api[0]["working_days_left"].as_i64()), (Some("2026-03-25"), Some(6)));
    // Friday 27 March, her wage still unpaid: two working days late (26 and 27 March).
    let late = t.on_day("2026-03-27").await;
    let (later, _) = session(&late, "advisor2@partage.example", Some(Role::Advisor)).await;
    let (_, html) = page(&late, &later, "/app/deadlines", "fr").await;
    assert!(html.contains("Ada Claes") && html.contains("En retard de 2 jours ouvrables"), "{html}");
    let api = late.get("/guarantee-fund/deadlines").await.ok(200).clone();
    assert_eq!(api[0]["working_days_left"].as_i64(), Some(-2), "{api}");
    let (status, html) = page(&t, &cookie, "/app/deadlines?within=plenty", "fr").await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"within-error\"") && html.contains("value=\"plenty\""), "{html}");

    // The fund: the API's figures, and the advance that paid Wouters's wage before her client did.
    let (status, html) = page(&t, &cookie, "/app/fund", "fr").await;
    assert_eq!(status, 200, "{html}");
    assert_translated(&html);
    let fund = t.get("/guarantee-fund").await.ok(200).clone();
    let fr = Locale::from_tag("fr");
    for key in ["balance", "open_advances"] {
        let amount: Decimal = fund[key].as_str().unwrap().parse().unwrap();
        assert!(html.contains(&fr.money(amount, "EUR")), "{key} {fund}: {html}");
    }
    let ratio: Decimal = fund["coverage_ratio"].as_str().unwrap().parse().unwrap();
    assert!(html.contains(&fr.number(ratio, 2)), "{fund}: {html}");
    assert!(html.contains("Avance sur salaires") && html.contains(&pdf), "{html}");

    // Overdue: Claes's client's invoice, reminded on the 17th, its letter a PDF.
    let (status, html) = page(&t, &cookie, "/app/overdue", "fr").await;
    assert_eq!(status, 200, "{html}");
    assert_translated(&html);
    let number = t.get(format!("/invoices/{overdue}")).await.ok(200)["number"].as_str().unwrap().to_owned();
    assert!(html.contains(&number) && html.contains("Rappel"), "{html}");
    let letter = format!("/api/v1/invoices/{overdue}/dunning/1/pdf");
    assert!(html.contains(&letter), "{html}");
    let (status, bytes) = fetch(&t, &cookie, &letter).await;
    assert_eq!(status, 200);
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");

    // Every page in every language of the pack, no raw Fluent id.
    for language in t.in_process().pack.languages().to_vec() {
        for path in PAGES
            .iter()
            .map(|p| p.to_string())
            .chain([format!("/app/members/{wouters}"), format!("/app/payroll/{run}")])
        {
            let (status, html) = page(&t, &cookie, &path, language).await;
            assert_eq!(status, 200, "{path} ({language})");
            assert!(html.contains(&format!("<html lang=\"{language}\"")), "{path}");
            assert!(
                !html.contains("[nav-") && !html.contains("]</") && !html.contains("-title]"),
                "{path} ({language}): {html}"
            );
        }
    }
}

async fn the_advisors_pages_are_refused_to_members_and_hq(db: Db) {
    let (t, wouters, claes, run, _, _) = office(db).await;
    let (advisor, _) = session(&t, "advisor@partage.example", Some(Role::Advisor)).await;
    let (admin, _) = session(&t, "admin@partage.example", Some(Role::Admin)).await;
    let (hq, hq_csrf) = session(&t, "hq@partage.example", Some(Role::Hq)).await;
    let (ada, _) = session(&t, "ada@example.org", None).await;
    let paths = PAGES.iter().map(|p| p.to_string()).chain([
        format!("/app/members/{wouters}"),
        format!("/app/members/{claes}"),
        format!("/app/payroll/{run}"),
        "/app/deadlines?within=10".to_owned(),
    ]);
    for path in paths {
        assert_eq!(page(&t, &advisor, &path, "fr").await.0, 200, "advisor {path}");
        assert_eq!(page(&t, &admin, &path, "fr").await.0, 200, "admin {path}");
        // A member reaches no one's file, not even her own: her pages are /app/*'s own.
        for (who, cookie) in [("member", &ada), ("hq", &hq)] {
            let (status, body) = page(&t, cookie, &path, "fr").await;
            assert_eq!((status, body.as_str()), (403, "forbidden"), "{who} {path}");
        }
    }
    // Their menus name none of them.
    for cookie in [&ada, &hq] {
        let path = if *cookie == hq { "/app/figures" } else { "/app" };
        let (_, html) = page(&t, cookie, path, "fr").await;
        for p in PAGES {
            assert!(!html.contains(&format!("href=\"{p}\"")), "{path} names {p}: {html}");
        }
    }
    // HQ has no simulator (the API's POST /simulations is not HQ's) and no member page.
    assert_eq!(page(&t, &hq, "/app/simulator", "fr").await, (403, "forbidden".to_owned()));
    let form = [("csrf", hq_csrf.as_str()), ("direction", "budget"), ("amount", "3000"), ("date", "2026-03-02")];
    assert_eq!(post_form(&t, &hq, "/app/simulator", &form).await.status(), 403);
    for path in ["/app/invoices", "/app/work", "/app/statement", "/app/payslips", "/app/membership"] {
        assert_eq!(page(&t, &hq, path, "fr").await.0, 403, "hq {path}");
    }
    assert_eq!(page(&t, &ada, "/app/simulator", "fr").await.0, 200, "the member's simulator stays");
    assert_eq!(page(&t, &advisor, "/app/simulator", "fr").await.0, 200);
}

async fn tokens_accounts_and_roles_changed_by_an_admin_are_in_the_audit_log(db: Db) {
    let t = start_with(db, &[]).await;
    let (cookie, csrf) = session(&t, "admin@partage.example", Some(Role::Admin)).await;
    let res = post_form(
        &t,
        &cookie,
        "/app/admin/tokens",
        &[("csrf", &csrf), ("name", "Rides platform"), ("role", "advisor")],
    )
    .await;
    assert_eq!(res.status(), 201);
    let made =
        t.get("/api-tokens").await.ok(200).as_array().unwrap().iter().find(|k| k["name"] == "Rides platform").unwrap()
            ["id"]
            .as_str()
            .unwrap()
            .to_owned();
    let res = post_form(&t, &cookie, &format!("/app/admin/tokens/{made}/revoke"), &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 303);
    let res = post_form(
        &t,
        &cookie,
        "/app/admin/accounts",
        &[("csrf", &csrf), ("email", "lea@partage.example"), ("role", "hq")],
    )
    .await;
    assert_eq!(res.status(), 303);
    let lea = sessions::staff(t.in_process().store.db())
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.email == "lea@partage.example")
        .unwrap();
    let res = post_form(
        &t,
        &cookie,
        &format!("/app/admin/accounts/{}/role", lea.id),
        &[("csrf", &csrf), ("role", "advisor")],
    )
    .await;
    assert_eq!(res.status(), 303);
    // Through the API, with the harness's token: the token is who made it.
    let api = t.post("/api-tokens", json!({"name": "nightly export", "role": "hq"})).await.ok(201)["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let (status, html) = page(&t, &cookie, "/app/admin/audit", "fr").await;
    assert_eq!(status, 200, "{html}");
    assert_translated(&html);
    let rows: Vec<&str> = html.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 5, "{html}");
    // Newest first: the API's token, the role change, the account added, the revocation, the token made.
    assert!(
        rows[0].contains("API token test harness") && rows[0].contains(&api) && rows[0].contains("Jeton d’API"),
        "{}",
        rows[0]
    );
    assert!(rows[0].contains("<code>role</code>\u{a0}: (vide) → hq"), "{}", rows[0]);
    assert!(rows[1].contains("admin@partage.example") && rows[1].contains("Compte du personnel"), "{}", rows[1]);
    assert!(rows[1].contains("<code>role</code>\u{a0}: hq → advisor"), "{}", rows[1]);
    assert!(rows[2].contains("<code>email</code>\u{a0}: (vide) → lea@partage.example"), "{}", rows[2]);
    assert!(
        rows[3].contains(&made) && rows[3].contains("<code>revoked_at</code>\u{a0}: (vide) → 2026-03-02T"),
        "{}",
        rows[3]
    );
    assert!(rows[4].contains("<code>name</code>\u{a0}: (vide) → Rides platform"), "{}", rows[4]);
    assert!(rows[4].contains("<code>role</code>\u{a0}: (vide) → advisor"), "{}", rows[4]);
    // Revoking again changes nothing, so records nothing.
    post_form(&t, &cookie, &format!("/app/admin/tokens/{made}/revoke"), &[("csrf", &csrf)]).await;
    let (_, again) = page(&t, &cookie, "/app/admin/audit", "fr").await;
    assert_eq!(again.matches("<ul class=\"changes\">").count(), 5, "{again}");
}

async fn two_admins_demoting_each_other_at_once_leave_one_admin(db: Db) {
    let t = start_with(db, &[]).await;
    let node = t.in_process().clone();
    let db = node.store.db();
    let a = sessions::add_staff(db, "a@partage.example", Role::Admin, node.now()).await.unwrap().id;
    let b = sessions::add_staff(db, "b@partage.example", Role::Admin, node.now()).await.unwrap().id;
    let admins = |node: partage::service::Node| async move {
        let staff = sessions::staff(node.store.db()).await.unwrap();
        staff.into_iter().filter(|s| s.role == Role::Admin).map(|s| s.id).collect::<Vec<_>>()
    };

    // Interleaved by hand: A's demotion is written but not committed when B's starts. B's
    // must wait for A's commit and then see the last admin (without the lock, PostgreSQL
    // lets both count two admins and commit).
    let first = node.store.write().await.unwrap();
    sessions::change_role(&*first, a, Role::Hq, node.now(), "a@partage.example").await.unwrap();
    let second = tokio::spawn({
        let node = node.clone();
        async move {
            let txn = node.store.write().await.unwrap();
            let done = sessions::change_role(&*txn, b, Role::Hq, node.now(), "b@partage.example").await;
            txn.commit().await.unwrap();
            done
        }
    });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(!second.is_finished(), "the second demotion waits for the first");
    first.commit().await.unwrap();
    let refused = second.await.unwrap();
    assert!(
        matches!(refused, Err(partage::error::AppError::AccountRefused(AccountRefusal::LastAdmin { account })) if account == b),
        "{refused:?}"
    );
    assert_eq!(admins(node.clone()).await, vec![b]);

    // Two requests at once through the page, each admin demoting the other: one passes, the
    // other is refused (the last admin, or no longer an admin by the time it is read).
    let promote = node.store.write().await.unwrap();
    sessions::change_role(&*promote, a, Role::Admin, node.now(), "b@partage.example").await.unwrap();
    promote.commit().await.unwrap();
    let (ca, csrf_a) = session(&t, "a@partage.example", None).await;
    let (cb, csrf_b) = session(&t, "b@partage.example", None).await;
    let (demote_b, demote_a) = (format!("/app/admin/accounts/{b}/role"), format!("/app/admin/accounts/{a}/role"));
    let (form_a, form_b) = ([("csrf", csrf_a.as_str()), ("role", "hq")], [("csrf", csrf_b.as_str()), ("role", "hq")]);
    let (ra, rb) = tokio::join!(post_form(&t, &ca, &demote_b, &form_a), post_form(&t, &cb, &demote_a, &form_b));
    let mut statuses = [ra.status().as_u16(), rb.status().as_u16()];
    statuses.sort_unstable();
    assert!(statuses == [303, 403] || statuses == [303, 422], "{statuses:?}");
    assert_eq!(admins(node.clone()).await.len(), 1);
}

async fn the_member_list_shows_fifty_a_page_and_keeps_the_search_across_pages(db: Db) {
    let t = start_with(db, &[]).await;
    for i in 0..52 {
        let last = if i % 2 == 0 { "Peeters" } else { "Dubois" };
        t.post(
            "/members",
            json!({"first_name": format!("M{i:02}"), "last_name": last, "email": format!("m{i}@example.org")}),
        )
        .await
        .ok(201);
    }
    let (cookie, _) = session(&t, "advisor@partage.example", Some(Role::Advisor)).await;
    let rows = |html: &str| html.matches("href=\"/app/members/").count();
    let (_, first) = page(&t, &cookie, "/app/members", "en").await;
    assert_eq!(rows(&first), 50, "{first}");
    assert!(first.contains("1–50 of 52") && first.contains("M51 Dubois"), "newest first: {first}");
    assert!(first.contains("href=\"/app/members?offset=50\"") && !first.contains("Previous page"), "{first}");
    let (_, second) = page(&t, &cookie, "/app/members?offset=50", "en").await;
    assert_eq!(rows(&second), 2, "{second}");
    assert!(second.contains("51–52 of 52") && second.contains("M00 Peeters"), "{second}");
    assert!(second.contains("href=\"/app/members\">Previous page") && !second.contains("Next page"), "{second}");
    // 26 Peeters, one page.
    let (_, peeters) = page(&t, &cookie, "/app/members?name=peeters", "en").await;
    assert!(peeters.contains("1–26 of 26") && !peeters.contains("Dubois"), "{peeters}");
    // Every first name has an M: 52 found, and the next page's link keeps the search.
    let (_, all) = page(&t, &cookie, "/app/members?name=m", "en").await;
    assert!(all.contains("1–50 of 52") && all.contains("href=\"/app/members?name=m&amp;offset=50\""), "{all}");
    let (_, rest) = page(&t, &cookie, "/app/members?name=m&offset=50", "en").await;
    assert_eq!(rows(&rest), 2, "{rest}");
    assert!(rest.contains("href=\"/app/members?name=m\">Previous page"), "{rest}");
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

on_both_databases!(
    the_member_list_shows_fifty_a_page_and_keeps_the_search_across_pages,
    an_advisor_reads_members_payroll_deadlines_the_fund_and_overdue_invoices,
    the_advisors_pages_are_refused_to_members_and_hq,
    tokens_accounts_and_roles_changed_by_an_admin_are_in_the_audit_log,
    two_admins_demoting_each_other_at_once_leave_one_admin,
    an_advisor_validates_a_declaration_from_the_queue_with_the_sessions_csrf_token
);
