//! HQ's pages end to end: the operator signs in with HQ's token, or through a real OpenID
//! Connect provider (npm `oidc-provider`, `partage_oidc::testing`), reads the group report of
//! three offices (two in euros, one in kronor) in English, French and Dutch, signs out.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

mod common;

use common::{d, february_2025_rates, figures, seal, Db, TOKEN};
use partage_hq::http::{app, Hq};
use partage_hq::pages::sign_in::SignIn;
use partage_oidc::testing::{self, Provider, HQ};
use reqwest::header::{ACCEPT_LANGUAGE, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Client, Response, StatusCode};
use std::sync::Arc;

/// HQ serving three offices' February 2025:
/// - Belgium (EUR, 12 members): turnover 1 234,56 € artistic + 800 € cultural industry, payroll
///   mass 500 € + 350 €; fund 1 000 € over 800 € advanced: 125 %, under the 150 % floor.
/// - Sweden (SEK, 10 members): 223 760 SEK of turnover = 20 000 € at 11,1880, payroll mass
///   55 940 SEK = 5 000 €; fund 1 000 SEK = 89,38 € over 500 SEK = 44,69 €: 200 %.
/// - France (EUR, 3 members, so hidden, and Sweden's 10 with them; 20 people per sector):
///   turnover 3 000 € artistic + 1 000 € other, payroll mass 1 500 € + 400 €.
async fn serve(db: Db) -> (String, partage_hq::HqStore) {
    serve_with(db, SignIn::default()).await
}

/// The same HQ, its operators signing in as `sign_in` says.
async fn serve_with(db: Db, sign_in: SignIn) -> (String, partage_hq::HqStore) {
    let store = common::store(db).await;
    let be = common::enrolled(&store, "be").await;
    let se = common::enrolled(&store, "se").await;
    let fr = common::enrolled(&store, "fr").await;
    let mut be_figures = figures(&be, "2025-02", 1, 12, "1234.56");
    be_figures.sectors.artistic.payroll_mass_gross = d("500.00");
    be_figures.sectors.artistic.employer_cost = d("650.00");
    be_figures.sectors.cultural_industry.turnover_excl_vat = d("800.00");
    be_figures.sectors.cultural_industry.payroll_mass_gross = d("350.00");
    be_figures.sectors.cultural_industry.employer_cost = d("455.00");
    be_figures.fund.open_advances = d("800.00");
    let mut se_figures = figures(&se, "2025-02", 1, 10, "223760.00");
    se_figures.sectors.artistic.payroll_mass_gross = d("55940.00");
    se_figures.sectors.artistic.employer_cost = d("72722.00");
    let mut fr_figures = figures(&fr, "2025-02", 1, 3, "3000.00");
    for sector in
        [&mut fr_figures.sectors.artistic, &mut fr_figures.sectors.cultural_industry, &mut fr_figures.sectors.other]
    {
        sector.people = 20;
    }
    fr_figures.sectors.artistic.payroll_mass_gross = d("1500.00");
    fr_figures.sectors.artistic.employer_cost = d("1950.00");
    fr_figures.sectors.other.turnover_excl_vat = d("1000.00");
    fr_figures.sectors.other.payroll_mass_gross = d("400.00");
    fr_figures.sectors.other.employer_cost = d("520.00");
    partage_hq::receive(&store, &seal(&be, 1, &be_figures)).await.unwrap();
    partage_hq::receive(&store, &seal(&se, 1, &se_figures)).await.unwrap();
    partage_hq::receive(&store, &seal(&fr, 1, &fr_figures)).await.unwrap();
    store.publish_rate(&february_2025_rates()[0]).await.unwrap();
    common::admin_token(&store).await;
    let hq = Hq {
        store: store.clone(),
        coverage_floor: d("1.50"),
        now: Arc::new(|| "2026-03-01T12:00:00Z".to_owned()),
        sign_in: Arc::new(sign_in),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app(hq)).await });
    (url, store)
}

/// A browser that shows redirects instead of following them; cookies are sent by hand.
fn browser() -> Client {
    Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

async fn post_form(http: &Client, url: &str, cookie: Option<&str>, body: String) -> Response {
    let mut request = http.post(url).header(CONTENT_TYPE, "application/x-www-form-urlencoded").body(body);
    if let Some(c) = cookie {
        request = request.header(COOKIE, c);
    }
    request.send().await.unwrap()
}

/// Signs in; returns the `Cookie` header the browser would send afterwards.
async fn sign_in(http: &Client, url: &str) -> String {
    let res = post_form(http, &format!("{url}/sign-in"), None, format!("token={TOKEN}")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[LOCATION], "/app/report");
    let set = res.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    for attribute in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/", "Max-Age=28800"] {
        assert!(set.split("; ").any(|a| a == attribute), "{attribute} in {set}");
    }
    let pair = set.split(';').next().unwrap().to_owned();
    let id = pair.strip_prefix("hq_session=").unwrap();
    assert_eq!(id.len(), 64, "a 256-bit id as hex: {id}");
    pair
}

async fn get(http: &Client, url: &str, cookie: Option<&str>, language: &str) -> Response {
    let mut request = http.get(url).header(ACCEPT_LANGUAGE, language);
    if let Some(c) = cookie {
        request = request.header(COOKIE, c);
    }
    request.send().await.unwrap()
}

async fn a_wrong_token_gets_the_form_again_with_401(db: Db) {
    let (url, _) = serve(db).await;
    let http = browser();
    // Four wrong tokens and the French one make five: the throttle's limit, not beyond.
    for wrong in ["token=ptk_hq_tests-admin-token-0123456788", "token=", "token=hq-test-token", "other=x"] {
        let res = post_form(&http, &format!("{url}/sign-in"), None, wrong.to_owned()).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{wrong}");
        assert!(res.headers().get(SET_COOKIE).is_none(), "{wrong}");
        let html = res.text().await.unwrap();
        assert!(html.contains("This is not a live admin token of HQ. Try again."), "{html}");
        assert!(html.contains("<label for=\"token\">HQ admin token</label>"), "{html}");
        assert!(html.contains("aria-invalid=\"true\""), "{html}");
    }
    let french = http
        .post(format!("{url}/sign-in"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(ACCEPT_LANGUAGE, "fr-BE")
        .body("token=nope")
        .send()
        .await
        .unwrap();
    assert_eq!(french.status(), StatusCode::UNAUTHORIZED);
    assert!(french.text().await.unwrap().contains("Ce n’est pas un jeton admin valide du siège."));
}

async fn without_a_session_a_page_redirects_to_the_sign_in_form(db: Db) {
    let (url, _) = serve(db).await;
    let http = browser();
    for path in ["/app/report", "/app/report/2025-02", "/app/report/2025-02/csv", "/app/tokens", "/app/operators"] {
        let res = get(&http, &format!("{url}{path}"), None, "en").await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(res.headers()[LOCATION], "/", "{path}");
    }
    let form = get(&http, &format!("{url}/"), None, "nl").await;
    assert_eq!(form.status(), StatusCode::OK);
    let html = form.text().await.unwrap();
    assert!(html.contains("<label for=\"token\">Admin-token van de hoofdzetel</label>"), "{html}");
    assert!(html.contains("<input id=\"token\" name=\"token\" type=\"password\""), "{html}");
    assert!(html.contains("<form method=\"post\" action=\"/sign-in\">"), "{html}");
    // The style sheet needs no session: the sign-in form uses it.
    let css = get(&http, &format!("{url}/static/app.css"), None, "en").await;
    assert_eq!(css.status(), StatusCode::OK);
    assert!(css.text().await.unwrap().contains(".chart svg"));
}

async fn a_signed_in_operator_reads_the_group_report_in_their_language(db: Db) {
    let (url, _) = serve(db).await;
    let http = browser();
    let cookie = sign_in(&http, &url).await;

    // Signed in, the form leads to the report, and the report to its latest month.
    let home = get(&http, &format!("{url}/"), Some(&cookie), "en").await;
    assert_eq!(home.headers()[LOCATION], "/app/report");
    let latest = get(&http, &format!("{url}/app/report"), Some(&cookie), "en").await;
    assert_eq!(latest.status(), StatusCode::SEE_OTHER);
    assert_eq!(latest.headers()[LOCATION], "/app/report/2025-02");
    let chosen = get(&http, &format!("{url}/app/report?period=2025-02"), Some(&cookie), "en").await;
    assert_eq!(chosen.headers()[LOCATION], "/app/report/2025-02");

    let mut pages = Vec::new();
    for language in ["fr-BE,fr;q=0.9", "nl", "en-GB"] {
        let res = get(&http, &format!("{url}/app/report/2025-02"), Some(&cookie), language).await;
        assert_eq!(res.status(), StatusCode::OK, "{language}");
        let content_language = res.headers()["content-language"].to_str().unwrap().to_owned();
        let html = res.text().await.unwrap();
        assert_eq!(html.matches("<h1>").count(), 1, "{language}");
        assert!(html.matches("<h2>").count() >= 4, "{language}");
        assert!(!html.contains("[report-") && !html.contains("[sector-"), "a missing string in {language}");
        pages.push((content_language, html));
    }
    let [(fr_lang, fr), (nl_lang, nl), (en_lang, en)] = <[_; 3]>::try_from(pages).unwrap();
    assert_eq!((fr_lang.as_str(), nl_lang.as_str(), en_lang.as_str()), ("fr", "nl", "en"));
    // The token names nobody: each page says so in its own language, whatever the sign-in's.
    assert!(fr.contains("Connecté en tant que jeton « tests admin »"), "{fr}");
    assert!(nl.contains("Aangemeld als token ‘tests admin’"), "{nl}");
    assert!(en.contains("Signed in as token “tests admin”"), "{en}");

    // French: narrow no-break space between thousands, no-break space before the euro.
    // Turnover: Belgium 2 034,56 €, Sweden 20 000 €, the group 26 034,56 €; payroll mass
    // 7 750 € in all, 7 000 € of it artistic.
    for amount in
        ["2\u{202f}034,56\u{a0}€", "20\u{202f}000,00\u{a0}€", "26\u{202f}034,56\u{a0}€", "7\u{202f}750,00\u{a0}€"]
    {
        assert!(fr.contains(amount), "{amount} in the French page");
    }
    let artistic = "<th scope=\"row\">Activités artistiques</th><td class=\"num\">500,00\u{a0}€</td>\
        <td class=\"num\">1\u{202f}500,00\u{a0}€</td><td class=\"num\">5\u{202f}000,00\u{a0}€</td>\
        <td class=\"num\">7\u{202f}000,00\u{a0}€</td>";
    assert!(fr.contains(artistic), "payroll mass by office and sector, {fr}");
    assert!(fr.contains(">7\u{202f}000,00\u{a0}€</text>"), "the sectors' chart, {fr}");
    assert!(fr.contains("<h1>Rapport du groupe, février 2025</h1>"), "{fr}");
    assert!(fr.contains("<th scope=\"row\">BE</th><td class=\"num\">12</td>"), "{fr}");
    assert!(fr.contains("<th scope=\"row\">Groupe</th><td class=\"num\">25</td>"), "{fr}");
    // France's 3 members are hidden, and Sweden's 10, the next smallest, with them.
    assert!(fr.contains("<th scope=\"row\">FR</th><td class=\"num\">masqué</td>"), "{fr}");
    // Members, sign-ups, leavers and FTE all hidden, in the table and on the chart.
    let hidden = "<td class=\"num\">masqué</td>".repeat(4);
    assert!(fr.contains(&format!("<th scope=\"row\">SE</th>{hidden}</tr>")), "{fr}");
    assert!(fr.matches(">masqué</text>").count() == 2 && !fr.contains(">10</text>"), "{fr}");
    // Belgium's fund covers 125 % of its advances, under the floor; Sweden's 89,38 € cover 200 %.
    assert!(fr.contains("125\u{202f}%") && fr.contains("200\u{202f}%") && fr.contains("89,38\u{a0}€"), "{fr}");
    assert!(fr.contains("Fonds de garantie sous le seuil de 150\u{202f}%\u{a0}: BE."), "{fr}");
    assert!(fr.contains("<strong class=\"late\">Sous le seuil</strong>"), "{fr}");
    assert!(fr.contains("11,188") && fr.contains("28 février 2025"), "the SEK rate used, {fr}");
    assert!(fr.contains("<th scope=\"row\">BE</th><td class=\"num\">1</td><td>1er mars 2026</td>"), "as of, {fr}");
    // Each chart is an image named by its title, its numbers in a table under it.
    assert!(fr.contains("<svg id=\"turnover-chart\""), "{fr}");
    assert!(fr.contains("<title id=\"turnover-chart-title\">Chiffre d’affaires par bureau</title>"), "{fr}");
    assert!(fr.contains("<caption>Chiffre d’affaires par bureau</caption>"), "{fr}");
    assert!(fr.matches("<svg ").count() == 4 && fr.matches("<table>").count() >= 5, "{fr}");
    assert!(fr.contains("<label for=\"period\">Mois</label>"), "{fr}");
    assert!(fr.contains("<a href=\"/app/report/2025-02/csv\">"), "{fr}");
    assert!(fr.contains("<input type=\"hidden\" name=\"csrf\""), "{fr}");

    assert!(nl.contains("€\u{a0}2.034,56") && nl.contains("€\u{a0}26.034,56"), "{nl}");
    assert!(nl.contains("<h1>Groepsrapport, februari 2025</h1>"), "{nl}");
    assert!(en.contains("€2,034.56") && en.contains("€26,034.56"), "{en}");
    assert!(en.contains("<title id=\"members-chart-title\">Active members by office</title>"), "{en}");

    // No English left in the French and Dutch pages.
    for english in
        ["Active members", "Turnover", "Sign out", "Group report", "Payroll mass", "Under the floor", "Office"]
    {
        assert!(en.contains(english), "{english} is an English string of the page");
        assert!(!fr.contains(english), "{english} in the French page");
        assert!(!nl.contains(english), "{english} in the Dutch page");
    }

    let csv = get(&http, &format!("{url}/app/report/2025-02/csv"), Some(&cookie), "fr").await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert_eq!(csv.headers()[CONTENT_TYPE], "text/csv; charset=utf-8");
    let csv = csv.text().await.unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(lines[1].starts_with("2025-02,be,EUR,2026-03-01T00:00:01Z,1,12,12,12,1.50,12,1234.56,"), "{csv}");
    assert!(lines[2].starts_with("2025-02,fr,EUR,2026-03-01T00:00:01Z,1,suppressed,suppressed,"), "{csv}");
    assert!(lines[4].starts_with("2025-02,group,EUR,,,25,"), "{csv}");

    if matches!(db, Db::Sqlite) {
        write_for_screenshots(&http, &url, &cookie).await;
    }
}

/// The pages as files with the style sheet inlined, for `chromium --screenshot`
/// (README's screenshot of HQ's report is taken from `hq-report-fr.html`).
async fn write_for_screenshots(http: &Client, url: &str, cookie: &str) {
    let css = get(http, &format!("{url}/static/app.css"), None, "en").await.text().await.unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    for language in ["en", "fr", "nl"] {
        let html = get(http, &format!("{url}/app/report/2025-02"), Some(cookie), language).await.text().await.unwrap();
        let html = html.replace("<link rel=\"stylesheet\" href=\"/static/app.css\">", &format!("<style>{css}</style>"));
        std::fs::write(dir.join(format!("hq-report-{language}.html")), html).unwrap();
    }
}

fn csrf_of(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").unwrap() + "name=\"csrf\" value=\"".len();
    html[at..].split('"').next().unwrap().to_owned()
}

async fn signing_out_ends_the_session(db: Db) {
    let (url, _) = serve(db).await;
    let http = browser();
    let cookie = sign_in(&http, &url).await;
    let other = sign_in(&http, &url).await;
    let page = get(&http, &format!("{url}/app/report/2025-02"), Some(&cookie), "en").await;
    assert_eq!(page.status(), StatusCode::OK);
    let csrf = csrf_of(&page.text().await.unwrap());
    assert_eq!(csrf.len(), 64);

    // Without the session's CSRF token (another session's, or none), the form is refused.
    let other_page = get(&http, &format!("{url}/app/report/2025-02"), Some(&other), "en").await;
    let other_csrf = csrf_of(&other_page.text().await.unwrap());
    for body in [format!("csrf={other_csrf}"), String::new()] {
        let refused = post_form(&http, &format!("{url}/sign-out"), Some(&cookie), body).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
    assert_eq!(get(&http, &format!("{url}/app/report/2025-02"), Some(&cookie), "en").await.status(), StatusCode::OK);

    let out = post_form(&http, &format!("{url}/sign-out"), Some(&cookie), format!("csrf={csrf}")).await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert_eq!(out.headers()[LOCATION], "/");
    assert!(out.headers()[SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    let after = get(&http, &format!("{url}/app/report/2025-02"), Some(&cookie), "en").await;
    assert_eq!(after.status(), StatusCode::SEE_OTHER);
    assert_eq!(after.headers()[LOCATION], "/");
    // The other session lives on.
    assert_eq!(get(&http, &format!("{url}/app/report/2025-02"), Some(&other), "en").await.status(), StatusCode::OK);
}

async fn a_tampered_cookie_is_refused(db: Db) {
    let (url, _) = serve(db).await;
    let http = browser();
    let cookie = sign_in(&http, &url).await;
    let last = cookie.chars().last().unwrap();
    let flipped = if last == '0' { '1' } else { '0' };
    let tampered = format!("{}{flipped}", &cookie[..cookie.len() - 1]);
    let made_up = format!("hq_session={}", "0".repeat(64));
    for bad in [tampered.as_str(), made_up.as_str(), "hq_session=", TOKEN] {
        let res = get(&http, &format!("{url}/app/report/2025-02"), Some(bad), "en").await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{bad}");
        assert_eq!(res.headers()[LOCATION], "/", "{bad}");
    }
    // An admin token itself as the cookie's value opens nothing either.
    let token_cookie = format!("hq_session={TOKEN}");
    assert_eq!(get(&http, &format!("{url}/app/report/2025-02"), Some(&token_cookie), "en").await.status(), 303);
    assert_eq!(get(&http, &format!("{url}/app/report/2025-02"), Some(&cookie), "en").await.status(), StatusCode::OK);
}

async fn a_period_that_is_not_a_month_is_a_400_page_and_a_month_without_figures_says_so(db: Db) {
    let (url, store) = serve(db).await;
    let http = browser();
    let cookie = sign_in(&http, &url).await;
    for (path, shown) in [
        ("/app/report/2025-13", "2025-13"),
        ("/app/report/february", "february"),
        ("/app/report/2025-13/csv", "2025-13"),
        ("/app/report?period=2025-2", "2025-2"),
    ] {
        let res = get(&http, &format!("{url}{path}"), Some(&cookie), "en").await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{path}");
        let html = res.text().await.unwrap();
        assert!(html.contains(&format!("“{shown}” is not a month: write it YYYY-MM")), "{path}: {html}");
        assert!(html.contains("<h1>Not a month</h1>"), "{path}: {html}");
    }

    let none = get(&http, &format!("{url}/app/report/2024-01"), Some(&cookie), "fr").await;
    assert_eq!(none.status(), StatusCode::NOT_FOUND);
    let html = none.text().await.unwrap();
    assert!(html.contains("Le siège n’a pas de chiffres pour 2024-01."), "{html}");
    assert!(html.contains("<option value=\"2025-02\">2025-02</option>"), "the chooser offers the month HQ has: {html}");

    // Hungary's March without a published HUF rate: the report refuses, and the page says why.
    let hu = common::enrolled(&store, "hu").await;
    partage_hq::receive(&store, &seal(&hu, 1, &figures(&hu, "2025-03", 1, 10, "1000.00"))).await.unwrap();
    let missing = get(&http, &format!("{url}/app/report/2025-03"), Some(&cookie), "en").await;
    assert_eq!(missing.status(), StatusCode::CONFLICT);
    let html = missing.text().await.unwrap();
    assert!(html.contains("HQ has published no reference rate of HUF for 2025-03"), "{html}");
}

/// The test provider, shared with the node's tests of the same run.
fn provider() -> &'static Provider {
    testing::provider(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")))
}

/// HQ signing its operators in through the test provider; `ops@group.example` is one.
async fn serve_with_provider(db: Db) -> String {
    let issuer = provider().issuer.clone();
    let sign_in =
        SignIn::configure(Some(&issuer), HQ.id, HQ.secret, Some(HQ.public_url), &["ops@group.example".to_owned()])
            .unwrap();
    serve_with(db, sign_in).await.0
}

/// A browser from HQ's `/auth/login` through the provider as `login`: returns the
/// callback's query and the `Cookie` header of the login cookie.
async fn through_the_provider(http: &Client, url: &str, login: &str) -> (String, String) {
    let res = get(http, &format!("{url}/auth/login"), None, "en").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let set = res.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    for attribute in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/auth", "Max-Age=600"] {
        assert!(set.split("; ").any(|a| a == attribute), "{attribute} in {set}");
    }
    let login_cookie = set.split(';').next().unwrap().to_owned();
    let to = res.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(to.starts_with(&provider().issuer), "{to}");
    assert!(to.contains("code_challenge_method=S256") && to.contains("nonce=") && to.contains("client_id=partage-hq"));
    (testing::walk(&provider().issuer, HQ, to, login).await, login_cookie)
}

async fn callback(http: &Client, url: &str, query: &str, cookie: &str, language: &str) -> Response {
    get(http, &format!("{url}/auth/callback?{query}"), Some(cookie), language).await
}

async fn an_operator_signs_in_through_the_provider_and_signs_out_there_too(db: Db) {
    let url = serve_with_provider(db).await;
    let http = browser();
    // The sign-in page offers the provider only; the token opens no page.
    let form = get(&http, &format!("{url}/"), None, "en").await.text().await.unwrap();
    assert!(form.contains("<form method=\"get\" action=\"/auth/login\">"), "{form}");
    assert!(!form.contains("name=\"token\""), "{form}");
    let res = post_form(&http, &format!("{url}/sign-in"), None, format!("token={TOKEN}")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.headers().get(SET_COOKIE).is_none());
    assert!(res.text().await.unwrap().contains("HQ signs in through the group’s identity provider only."));

    let (query, login_cookie) = through_the_provider(&http, &url, "Ops@Group.Example").await;
    let res = callback(&http, &url, &query, &login_cookie, "en").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["refresh"], "0; url=/app/report");
    let cookies: Vec<String> =
        res.headers().get_all(SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_owned()).collect();
    let session = cookies.iter().find(|c| c.starts_with("hq_session=")).expect("a session");
    assert!(session.contains("SameSite=Strict") && session.contains("HttpOnly"), "{session}");
    assert!(cookies.iter().any(|c| c.starts_with("hq_login=;") && c.contains("Max-Age=0")), "{cookies:?}");
    let cookie = session.split(';').next().unwrap().to_owned();
    let page = get(&http, &format!("{url}/app/report/2025-02"), Some(&cookie), "en").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Signed in as ops@group.example"), "{html}");

    // The same callback again: its state was consumed.
    let again = callback(&http, &url, &query, &login_cookie, "fr").await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert!(again.text().await.unwrap().contains("Cette connexion est inconnue"));

    // Sign-out ends the session here, then at the provider, which sends the browser back.
    let out = post_form(&http, &format!("{url}/sign-out"), Some(&cookie), format!("csrf={}", csrf_of(&html))).await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    let end = out.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(end.starts_with(&format!("{}/session/end?", provider().issuer)), "{end}");
    assert!(end.contains("id_token_hint=") && end.contains("client_id=partage-hq"), "{end}");
    assert_eq!(testing::confirm_logout(&provider().issuer, &end).await, format!("{}/auth/signed-out", HQ.public_url));
    let after = get(&http, &format!("{url}/app/report/2025-02"), Some(&cookie), "en").await;
    assert_eq!(after.status(), StatusCode::SEE_OTHER);
    let back = get(&http, &format!("{url}/auth/signed-out"), None, "en").await;
    assert_eq!(back.headers()[LOCATION], "/");
}

async fn a_stranger_a_forged_state_and_another_browser_are_refused(db: Db) {
    let url = serve_with_provider(db).await;
    let http = browser();
    // Someone the provider knows, but not an operator of HQ.
    let (query, login_cookie) = through_the_provider(&http, &url, "eve@example.org").await;
    let res = callback(&http, &url, &query, &login_cookie, "nl").await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.headers().get_all(SET_COOKIE).iter().all(|c| !c.to_str().unwrap().starts_with("hq_session=")));
    let html = res.text().await.unwrap();
    assert!(html.contains("eve@example.org is geen operator van de hoofdzetel."), "{html}");

    let (query, login_cookie) = through_the_provider(&http, &url, "ops@group.example").await;
    let state = query.split('&').find_map(|p| p.strip_prefix("state=")).unwrap().to_owned();
    let forged = query.replace(&format!("state={state}"), "state=forged");
    for (q, c) in
        [(forged.as_str(), login_cookie.as_str()), (query.as_str(), "hq_login=another-browser"), (query.as_str(), "")]
    {
        let res = callback(&http, &url, q, c, "en").await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{q} {c}");
        assert!(res.text().await.unwrap().contains("This sign-in is unknown"));
    }
    // A refusal at the provider comes back as an error, said on the page.
    let res = callback(&http, &url, "error=access_denied&error_description=no", &login_cookie, "en").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(res.text().await.unwrap().contains("access_denied (no)"));
    // The forged tries did not consume the real one: it still signs in, once.
    assert_eq!(callback(&http, &url, &query, &login_cookie, "en").await.status(), StatusCode::OK);
}

/// Signs `login` in through the provider; returns the session's `Cookie` header, or the
/// refused callback.
async fn session_through_the_provider(http: &Client, url: &str, login: &str) -> Result<String, Response> {
    let (query, login_cookie) = through_the_provider(http, url, login).await;
    let res = callback(http, url, &query, &login_cookie, "en").await;
    if res.status() != StatusCode::OK {
        return Err(res);
    }
    let session = res
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("hq_session="))
        .expect("a session");
    Ok(session.split(';').next().unwrap().to_owned())
}

async fn an_operator_added_on_the_page_signs_in_and_one_removed_is_out_at_once(db: Db) {
    let url = serve_with_provider(db).await;
    let http = browser();
    let refused = session_through_the_provider(&http, &url, "eve@example.org").await.unwrap_err();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    let ops = session_through_the_provider(&http, &url, "ops@group.example").await.unwrap();
    let list = get(&http, &format!("{url}/app/operators"), Some(&ops), "en").await;
    assert_eq!(list.status(), StatusCode::OK);
    let html = list.text().await.unwrap();
    assert!(html.contains("<a href=\"/app/operators\">Operators</a>"), "{html}");
    assert!(
        html.contains("<th scope=\"row\">ops@group.example</th><td colspan=\"2\">Named in HQ’s configuration"),
        "the configured operator, without a button: {html}"
    );
    assert!(!html.contains("action=\"/app/operators/remove\""), "{html}");
    assert!(html.contains("<label for=\"email\">E-mail address</label>"), "{html}");
    let csrf = csrf_of(&html);

    // Refusals: no CSRF token, not one address; nothing is kept.
    let forged = post_form(&http, &format!("{url}/app/operators"), Some(&ops), "email=eve%40example.org".into()).await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    for bad in ["eve", "eve%40", "eve%40example.org%2C+bob%40example.org", ""] {
        let res =
            post_form(&http, &format!("{url}/app/operators"), Some(&ops), format!("csrf={csrf}&email={bad}")).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let html = res.text().await.unwrap();
        assert!(
            html.contains("aria-describedby=\"email-error\"") && html.contains("Write one e-mail address"),
            "{html}"
        );
    }
    assert!(session_through_the_provider(&http, &url, "eve@example.org").await.is_err());

    // Added (in any case, trimmed), Eve signs in; adding her again changes nothing.
    let added =
        post_form(&http, &format!("{url}/app/operators"), Some(&ops), format!("csrf={csrf}&email=+Eve%40Example.org+"))
            .await;
    assert_eq!(added.status(), StatusCode::CREATED);
    let html = added.text().await.unwrap();
    assert!(html.contains("eve@example.org is an operator: they can sign in now."), "{html}");
    assert!(
        html.contains(
            "<th scope=\"row\">eve@example.org</th><td>ops@group.example</td><td>1 March 2026, 12:00 UTC</td>"
        ),
        "{html}"
    );
    let again =
        post_form(&http, &format!("{url}/app/operators"), Some(&ops), format!("csrf={csrf}&email=eve%40example.org"))
            .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let french = get(&http, &format!("{url}/app/operators"), Some(&ops), "fr").await.text().await.unwrap();
    assert!(french.contains("<td colspan=\"2\">Nommé dans la configuration du siège (--operator)</td>"), "{french}");
    common::write_for_screenshot("hq-operators-fr", &french);
    let eve = session_through_the_provider(&http, &url, "EVE@example.org").await.unwrap();
    let html = get(&http, &format!("{url}/app/operators"), Some(&eve), "fr").await.text().await.unwrap();
    assert!(html.contains("Connecté en tant que eve@example.org"), "{html}");
    assert!(html.contains("<td>Vous</td>"), "her own row has no button: {html}");
    let eve_csrf = csrf_of(&html);

    // Eve can remove neither the configured operator nor herself.
    for (email, said) in [
        ("ops%40group.example", "is named in HQ’s configuration (--operator): restart HQ without it"),
        ("eve%40example.org", "You cannot remove yourself"),
        ("nobody%40example.org", "nobody@example.org is not an operator added here."),
    ] {
        let res = post_form(
            &http,
            &format!("{url}/app/operators/remove"),
            Some(&eve),
            format!("csrf={eve_csrf}&email={email}"),
        )
        .await;
        assert!([StatusCode::CONFLICT, StatusCode::NOT_FOUND].contains(&res.status()), "{email}");
        assert!(res.text().await.unwrap().contains(said), "{email}");
    }

    // Ops removes Eve: her session ends at once and the provider's sign-in no longer opens one.
    let res = post_form(
        &http,
        &format!("{url}/app/operators/remove"),
        Some(&ops),
        format!("csrf={csrf}&email=eve%40example.org"),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[LOCATION], "/app/operators");
    let after = get(&http, &format!("{url}/app/report/2025-02"), Some(&eve), "en").await;
    assert_eq!(after.status(), StatusCode::SEE_OTHER);
    assert_eq!(after.headers()[LOCATION], "/");
    let refused = session_through_the_provider(&http, &url, "eve@example.org").await.unwrap_err();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(get(&http, &format!("{url}/app/operators"), Some(&ops), "en").await.status(), StatusCode::OK);
}

async fn wrong_tokens_from_one_address_are_throttled_even_the_right_one_then(db: Db) {
    let (url, _) = serve(db).await;
    let http = browser();
    for n in 0..5 {
        let res = post_form(&http, &format!("{url}/sign-in"), None, format!("token=guess-{n}")).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "guess {n}");
    }
    let res = http
        .post(format!("{url}/sign-in"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(ACCEPT_LANGUAGE, "fr")
        .body(format!("token={TOKEN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&wait), "{wait}");
    assert!(res.headers().get(SET_COOKIE).is_none());
    assert!(res.text().await.unwrap().contains("Trop de jetons erronés depuis votre adresse"));
}

on_both_databases!(
    an_operator_signs_in_through_the_provider_and_signs_out_there_too,
    a_stranger_a_forged_state_and_another_browser_are_refused,
    an_operator_added_on_the_page_signs_in_and_one_removed_is_out_at_once,
    wrong_tokens_from_one_address_are_throttled_even_the_right_one_then,
    a_wrong_token_gets_the_form_again_with_401,
    without_a_session_a_page_redirects_to_the_sign_in_form,
    a_signed_in_operator_reads_the_group_report_in_their_language,
    signing_out_ends_the_session,
    a_tampered_cookie_is_refused,
    a_period_that_is_not_a_month_is_a_400_page_and_a_month_without_figures_says_so,
);

/// French puts a no-break space before `:` and inside « », a narrow one before `;` `?` `!`, so no
/// page breaks a line before the sign.
#[test]
fn french_strings_keep_the_sign_on_the_line_of_its_word() {
    let file = "hq/locales/fr/hq.ftl";
    let faults =
        partage_pack_conformance::typography::french_spacing_faults(file, include_str!("../locales/fr/hq.ftl"));
    let faults: Vec<String> = faults.iter().map(ToString::to_string).collect();
    assert!(faults.is_empty(), "French spacing:\n{}", faults.join("\n"));
}
