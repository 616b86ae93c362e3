//! The admin's pages (settings, API tokens, staff accounts and roles, the audit log) and the
//! office's figures (HQ's and the admin's): each refused to every other role, each form
//! needing the session's CSRF token. The audit of these changes and concurrent demotions are
//! `advisor_pages.rs`'s.

use crate::common::{start, Db};
use crate::on_both_databases;
use crate::pages::{assert_translated, browser, member_with_budget, origin, page, post_form, session};
use partage::auth::{sessions, Role};
use reqwest::header::{COOKIE, LOCATION};
use serde_json::json;

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
    // The configuration's defaults (node/src/config/raw.rs: fee.rate 0.065, guarantee_fund_share
    // 0.25, employer_cost_coefficient 1.45), written the CLDR fr way (narrow no-break space before %).
    for (value, key) in [
        ("6,5\u{202f}%", "fee.rate"),
        ("25\u{202f}%", "fee.guarantee_fund_share"),
        ("1,45", "payroll.employer_cost_coefficient"),
    ] {
        assert!(html.contains(&format!("<td class=\"num\">{value}</td><td><code>{key}</code>")), "{key}: {html}");
    }
    // The fee and the coefficient change through their own forms; the others are not edited here.
    assert!(html.contains("<form method=\"post\" action=\"/app/admin/settings/fee\""), "{html}");
    assert!(html.contains("<form method=\"post\" action=\"/app/admin/settings/coefficient\""), "{html}");
    assert_eq!(html.matches("<form method=\"post\" action=\"/app/admin/settings").count(), 2, "{html}");
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
