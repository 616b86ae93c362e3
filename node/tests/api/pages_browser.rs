//! The pages in headless Chromium, driven over WebDriver (W3C endpoints of the Debian
//! `chromedriver`, one per test binary): every page in every language of the pack,
//! with no raw Fluent id; form fields labelled, headings in order, every control
//! reachable by Tab; screenshots in `target/screenshots/`.
//!
//! Without chromedriver (`apt-get install -y chromium chromium-driver`) the test says
//! so and passes (the same pages are checked without a browser in `pages.rs`), except
//! under scripts/test, which installs them and sets `PARTAGE_REQUIRE_BROWSER`.

use crate::common::{start, Db, TestNode};
use base64::Engine;
use partage::auth::{sessions, Role};
use serde_json::{json, Value};
use std::sync::OnceLock;
use tokio::sync::Mutex;

const DRIVER_PORT: u16 = 9519;

/// The one chromedriver of this test binary (left to the process's end).
fn driver() -> Option<&'static Mutex<()>> {
    static DRIVER: OnceLock<Option<Mutex<()>>> = OnceLock::new();
    DRIVER
        .get_or_init(|| {
            let path = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
                .into_iter()
                .find(|p| std::path::Path::new(p).exists())?;
            let child = std::process::Command::new(path)
                .arg(format!("--port={DRIVER_PORT}"))
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .ok()?;
            // Leaked on purpose: it serves every test of this binary.
            std::mem::forget(child);
            Some(Mutex::new(()))
        })
        .as_ref()
}

struct Browser {
    http: reqwest::Client,
    session: String,
}

impl Browser {
    /// [`Browser::open`] holding the session cookie `cookie` for the node at `origin` (the
    /// driver sets a cookie only on a page of its site: a stylesheet, the lightest).
    async fn signed_in(language: &str, origin: &str, cookie: &str) -> Browser {
        let b = Browser::open(language).await;
        b.go(&format!("{origin}/static/app.css")).await;
        b.call(
            reqwest::Method::POST,
            "/cookie",
            json!({"cookie": {"name": "partage_session", "value": cookie, "path": "/"}}),
        )
        .await;
        b
    }

    /// A headless window whose Accept-Language is `language`.
    async fn open(language: &str) -> Browser {
        let http = reqwest::Client::new();
        let caps = json!({"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1000,1400"],
            "prefs": {"intl.accept_languages": language}}}}});
        // The driver may still be starting: a few quick tries.
        for _ in 0..50 {
            if let Ok(res) = http.post(format!("http://127.0.0.1:{DRIVER_PORT}/session")).json(&caps).send().await {
                let body: Value = res.json().await.unwrap();
                let session = body["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("{body}")).to_owned();
                return Browser { http, session };
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("chromedriver did not answer");
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let url = format!("http://127.0.0.1:{DRIVER_PORT}/session/{}{path}", self.session);
        let request = self.http.request(method.clone(), url);
        // chromedriver refuses a GET with a body.
        let request = if method == reqwest::Method::GET { request } else { request.json(&body) };
        let res = request.send().await.unwrap();
        let v: Value = res.json().await.unwrap();
        v["value"].clone()
    }

    async fn go(&self, url: &str) {
        self.call(reqwest::Method::POST, "/url", json!({"url": url})).await;
    }

    async fn script(&self, js: &str) -> Value {
        self.call(reqwest::Method::POST, "/execute/sync", json!({"script": js, "args": []})).await
    }

    async fn screenshot(&self, name: &str) {
        let b64 = self.call(reqwest::Method::GET, "/screenshot", Value::Null).await;
        let b64 = b64.as_str().unwrap_or_else(|| panic!("no screenshot: {b64}"));
        let png = base64::engine::general_purpose::STANDARD.decode(b64).unwrap();
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }

    /// Presses Tab once per control and checks focus visited every one of them.
    async fn tab_reaches_every_control(&self, what: &str) {
        let count = self
            .script("document.activeElement.blur(); return document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea').length")
            .await
            .as_u64()
            .unwrap_or(0);
        let mut seen = Vec::new();
        // A date field takes a Tab stop per part (day, month, year): up to three per control.
        for _ in 0..count * 3 {
            let tab = json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
                {"type": "keyDown", "value": "\u{E004}"}, {"type": "keyUp", "value": "\u{E004}"}]}]});
            self.call(reqwest::Method::POST, "/actions", tab).await;
            let focused = self
                .script("const e = document.activeElement; return [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea')].indexOf(e)")
                .await;
            seen.push(focused.as_i64().unwrap_or(-1));
        }
        let mut reached = seen.clone();
        reached.sort_unstable();
        reached.dedup();
        // Radio buttons of one group take a single Tab stop (arrows move within it).
        let radios = self.script("return Math.max(0, document.querySelectorAll('input[type=radio]').length - 1)").await;
        let expected = count - radios.as_u64().unwrap_or(0);
        assert!(
            reached.iter().filter(|i| **i >= 0).count() as u64 >= expected,
            "{what}: Tab reached {seen:?} of {count}"
        );
    }

    async fn close(self) {
        let url = format!("http://127.0.0.1:{DRIVER_PORT}/session/{}", self.session);
        let _ = self.http.delete(url).send().await;
    }
}

/// Checks written for this page: every field labelled, headings in order, no raw
/// Fluent id, and Tab reaching every control in order. Returns the problems found.
const ACCESSIBILITY: &str = r#"
const problems = [];
for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
  const labelled = (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.closest('label') || el.getAttribute('aria-label');
  if (!labelled) problems.push('unlabelled ' + el.outerHTML);
}
let last = 0;
for (const h of document.querySelectorAll('h1,h2,h3,h4,h5,h6')) {
  const level = Number(h.tagName[1]);
  if (level > last + 1) problems.push('heading ' + h.tagName + ' after h' + last);
  last = level;
}
if (/\[[a-z]+(-[a-z]+)+\]/.test(document.body.innerText)) problems.push('raw Fluent id in ' + document.body.innerText);
const controls = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea')]
  .filter(e => !e.disabled && e.tabIndex >= 0);
for (const c of controls) { if (c.tabIndex > 0) problems.push('positive tabindex ' + c.outerHTML); }
// WCAG 2.1 contrast (1.4.3): 4.5:1 for text, over the nearest opaque background.
const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
  .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
const background = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c.length === 3 || c[3] > 0) return c; } return [255, 255, 255]; };
for (const el of document.querySelectorAll('body *')) {
  if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
  const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  if (ratio < 4.5) problems.push('contrast ' + ratio.toFixed(2) + ' ' + el.tagName + ' ' + el.textContent.trim().slice(0, 30));
}
return problems;
"#;

async fn session(t: &TestNode, email: &str, staff: Option<Role>) -> String {
    let node = t.in_process();
    let db = node.store.db();
    let account = match staff {
        Some(role) => sessions::add_staff(db, email, role, node.now()).await.unwrap(),
        None => {
            let claims = sessions::Claims { subject: format!("sub-{email}"), verified_email: Some(email.into()) };
            sessions::account_for(db, &claims, None, node.now()).await.unwrap()
        }
    };
    sessions::open(db, &account, String::new(), node.now(), 1).await.unwrap()
}

async fn every_page_renders_labelled_and_in_order_in_every_language_in_chromium(db: Db) {
    let Some(lock) = driver() else {
        // scripts/test installs them and sets PARTAGE_REQUIRE_BROWSER: there, no skipping.
        assert!(std::env::var_os("PARTAGE_REQUIRE_BROWSER").is_none(), "chromedriver is missing");
        eprintln!("no chromedriver: apt-get install -y chromium chromium-driver");
        return;
    };
    let _one_at_a_time = lock.lock().await;
    let t = start(db).await;
    let member = t.member("ada@example.org").await;
    t.activity(&member, "Quartet").await;
    let origin = t.base.trim_end_matches("/api/v1").to_owned();
    let languages = t.in_process().pack.languages().to_vec();
    for (who, cookie) in [
        ("member", session(&t, "ada@example.org", None).await),
        ("advisor", session(&t, "advisor@partage.example", Some(Role::Advisor)).await),
    ] {
        for language in &languages {
            // A member's pages follow their own setting, a staff account's the browser's.
            if who == "member" {
                t.patch_as(format!("/members/{member}"), "test", json!({"language": language})).await.ok(200);
            }
            let b = Browser::signed_in(language, &origin, &cookie).await;
            let member_pages = [
                ("invoices", "/app/invoices"),
                ("order-forms", "/app/order-forms"),
                ("work", "/app/work"),
                ("expenses", "/app/expenses"),
                ("statement", "/app/statement"),
                ("payslips", "/app/payslips"),
                ("membership", "/app/membership"),
            ];
            let pages = [("dashboard", "/app"), ("simulator", "/app/simulator")]
                .into_iter()
                .chain(member_pages.into_iter().filter(|_| who == "member"));
            for (name, path) in pages {
                b.go(&format!("{origin}{path}")).await;
                let lang = b.script("return document.documentElement.lang").await;
                let problems = b.script(ACCESSIBILITY).await;
                b.tab_reaches_every_control(&format!("{who} {name} ({language})")).await;
                assert_eq!(problems, json!([]), "{who} {name} ({lang})");
                assert_eq!(lang, json!(language), "{who} {name}");
                b.screenshot(&format!("{who}-{name}-{}", lang.as_str().unwrap_or(language))).await;
            }
            // The simulator's form posted as a person would (the form needs no script;
            // the script only types and presses the button).
            b.go(&format!("{origin}/app/simulator")).await;
            b.script("document.getElementById('amount').value = '3000'; document.querySelector('main form button').click(); return 1;").await;
            let mut result = Value::Null;
            for _ in 0..50 {
                result = b.script("return document.querySelectorAll('main table tbody tr').length").await;
                if result.as_u64().unwrap_or(0) > 0 {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            assert!(result.as_u64().unwrap_or(0) > 4, "{who} ({language}): the simulation's lines");
            assert_eq!(b.script(ACCESSIBILITY).await, json!([]), "{who} simulation ({language})");
            b.screenshot(&format!("{who}-simulation-{language}")).await;
            b.close().await;
        }
    }
}

/// Waits for `js` (returning a number) to be positive, as a person waits for a page.
async fn until_positive(b: &Browser, js: &str) -> u64 {
    for _ in 0..100 {
        let n = b.script(js).await.as_u64().unwrap_or(0);
        if n > 0 {
            return n;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    0
}

async fn a_member_declares_work_drafts_an_invoice_and_downloads_a_payslip_in_chromium(db: Db) {
    use crate::quarterly_returns::{contract, invoice, payroll, worker};
    let Some(lock) = driver() else {
        assert!(std::env::var_os("PARTAGE_REQUIRE_BROWSER").is_none(), "chromedriver is missing");
        eprintln!("no chromedriver: apt-get install -y chromium chromium-driver");
        return;
    };
    let _one_at_a_time = lock.lock().await;
    let t = start(db).await;
    let member = worker(&t, "ada@example.org", "Wouters", "85.07.30-033.28", "1985-07-30").await;
    t.patch_as(format!("/members/{member}"), "test", json!({"language": "fr"})).await.ok(200);
    let activity = t.activity(&member, "Quartet").await;
    let client = t.belgian_client().await;
    invoice(&t, &activity, &client, "5000.00").await;
    contract(&t, &activity, "artist", "1000.00", &[("2026-03-10", "09:00", "17:00")]).await;
    let t = t.on_day("2026-03-13").await;
    let slip = payroll(&t, "2026-03").await[0]["id"].as_str().unwrap().to_owned();
    let origin = t.base.trim_end_matches("/api/v1").to_owned();
    let cookie = session(&t, "ada@example.org", None).await;
    let b = Browser::signed_in("fr", &origin, &cookie).await;

    // Declares a day of work through the form (the script types and presses the button).
    b.go(&format!("{origin}/app/work")).await;
    b.script(
        "const set = (id, v) => { document.getElementById(id).value = v; };
         set('function', 'Pianiste'); set('place', 'Flagey, Bruxelles'); set('worker_category', 'artist');
         set('budget', '800,00'); set('periods-0-date', '2026-03-20'); set('periods-0-start', '10:00');
         set('periods-0-end', '18:00'); document.querySelector('main form button').click(); return 1;",
    )
    .await;
    let rows = until_positive(&b, "return [...document.querySelectorAll('main table tbody tr')].filter(r => r.innerText.includes('Pianiste')).length").await;
    assert_eq!(rows, 1, "the declaration is listed");
    let status = b.script("return document.querySelector('main table tbody').innerText").await;
    assert!(status.as_str().unwrap_or_default().contains("Envoyée"), "{status}");
    assert_eq!(b.script(ACCESSIBILITY).await, json!([]), "work page after declaring");
    b.screenshot("member-work-declared-fr").await;
    let declared = t.get(format!("/work-declarations?member_id={member}&status=submitted")).await.ok(200).clone();
    assert_eq!(declared["items"][0]["function"], "Pianiste", "{declared}");

    // Drafts an invoice of two lines.
    b.go(&format!("{origin}/app/invoices")).await;
    b.script(
        "const set = (id, v) => { document.getElementById(id).value = v; };
         set('lines-0-description', 'Concert'); set('lines-0-quantity', '1'); set('lines-0-unit_price', '1200');
         set('lines-1-description', 'Déplacement'); set('lines-1-quantity', '1'); set('lines-1-unit_price', '80,50');
         set('lines-1-vat_rate', '21'); document.querySelector('main form button').click(); return 1;",
    )
    .await;
    let drafts = until_positive(&b, "return [...document.querySelectorAll('main table tbody tr')].filter(r => r.innerText.includes('Brouillon')).length").await;
    assert_eq!(drafts, 1, "the draft is listed");
    // Issues it from its row: it gets its number and its PDF.
    b.script("document.querySelector('main table tbody form button').click(); return 1;").await;
    let issued = until_positive(&b, "const rows = [...document.querySelectorAll('main table tbody tr')];
        return rows.some(r => r.innerText.includes('Brouillon')) ? 0 : rows.filter(r => r.innerText.includes('Émise')).length").await;
    assert_eq!(issued, 2, "the draft is issued beside the office's invoice");
    assert_eq!(b.script(ACCESSIBILITY).await, json!([]), "invoices page after issuing");
    let pdf = b.script("return document.querySelector('main a[href$=\"/pdf\"]').getAttribute('href')").await;
    assert!(pdf.as_str().is_some_and(|h| h.starts_with("/api/v1/invoices/")), "{pdf}");
    // The screenshots for the README, each in one of the pack's languages (her setting wins).
    let speak =
        |language: &'static str| t.patch_as(format!("/members/{member}"), "test", json!({"language": language}));
    speak("nl").await.ok(200);
    b.go(&format!("{origin}/app/invoices")).await;
    b.screenshot("member-invoice-issued-nl").await;
    // Records the order form the client signed: the fund (given a reserve first, as an office
    // starts with one) advances its budget at once.
    {
        let node = t.in_process();
        let txn = node.store.write().await.unwrap();
        let reserve = partage_core::ledger::fund_endowed(
            node.today(),
            "reserve",
            partage_core::Money::from_minor(5_000_000, partage_core::Currency::EUR),
        )
        .unwrap();
        partage::service::ledger::post(&*txn, &reserve, None).await.unwrap();
        txn.commit().await.unwrap();
    }
    speak("fr").await.ok(200);
    b.go(&format!("{origin}/app/order-forms")).await;
    b.script(
        "const set = (id, v) => { document.getElementById(id).value = v; };
         set('reference', 'BC-2026-041'); set('amount', '1500,00'); set('signed_on', '2026-02-27');
         document.querySelector('main form button').click(); return 1;",
    )
    .await;
    let recorded = until_positive(&b, "return [...document.querySelectorAll('main table tbody tr')].filter(r => r.innerText.includes('BC-2026-041')).length").await;
    let shown = b.script("return document.querySelector('main').innerText").await;
    assert_eq!(recorded, 1, "the order form is listed: {shown}");
    assert_eq!(b.script(ACCESSIBILITY).await, json!([]), "order forms page after recording");
    b.screenshot("member-order-form-recorded-fr").await;
    speak("en").await.ok(200);
    let issued = t.get(format!("/invoices?activity_id={activity}&status=issued")).await.ok(200).clone();
    assert_eq!(issued["items"][0]["totals"]["net"], "1280.50", "{issued}");

    // Downloads the payslip from its link, with the session (the fetch stands for the click).
    b.go(&format!("{origin}/app/payslips")).await;
    let href = b.script("return document.querySelector('main a[href$=\"/pdf\"]').getAttribute('href')").await;
    assert_eq!(href, json!(format!("/api/v1/payslips/{slip}/pdf")));
    let magic = b
        .call(
            reqwest::Method::POST,
            "/execute/async",
            json!({"script": "const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.arrayBuffer().then(a => done([r.status, r.headers.get('content-type'),
                String.fromCharCode(...new Uint8Array(a.slice(0, 5)))])));", "args": [href]}),
        )
        .await;
    assert_eq!(magic, json!([200, "application/pdf", "%PDF-"]));
    b.screenshot("member-payslip-listed-en").await;
    speak("fr").await.ok(200);
    b.go(&format!("{origin}/app/statement?from=2026-01&to=2026-03")).await;
    b.screenshot("member-statement-filled-fr").await;
    speak("nl").await.ok(200);
    b.go(&format!("{origin}/app/membership")).await;
    b.screenshot("member-membership-filled-nl").await;

    // Claims an expense with its receipt: the file chosen in the form's file field (WebDriver
    // types its path, as a person picks it), posted as multipart/form-data with no script.
    speak("fr").await.ok(200);
    let receipt = std::env::temp_dir().join(format!("partage-receipt-{}.pdf", uuid::Uuid::now_v7().simple()));
    std::fs::write(&receipt, b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n").unwrap();
    b.go(&format!("{origin}/app/expenses")).await;
    let field = b.call(reqwest::Method::POST, "/element", json!({"using": "css selector", "value": "#receipt"})).await;
    let field = field.as_object().and_then(|o| o.values().next()).and_then(Value::as_str).unwrap().to_owned();
    b.call(reqwest::Method::POST, &format!("/element/{field}/value"), json!({"text": receipt.display().to_string()}))
        .await;
    b.script(
        "const set = (id, v) => { document.getElementById(id).value = v; };
         set('kind', 'material'); set('date', '2026-03-12'); set('description', 'Cordes de piano');
         set('amount', '64,90'); document.querySelector('main form button').click(); return 1;",
    )
    .await;
    let claimed = until_positive(&b, "return [...document.querySelectorAll('main table tbody tr')].filter(r => r.innerText.includes('Cordes de piano')).length").await;
    assert_eq!(claimed, 1, "the claim is listed");
    assert_eq!(b.script(ACCESSIBILITY).await, json!([]), "expenses page after claiming");
    b.screenshot("member-expenses-claimed-fr").await;
    let _ = std::fs::remove_file(&receipt);
    let claims = t.get(format!("/expense-claims?activity_id={activity}")).await.ok(200).clone();
    let claim = claims["items"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(claims["items"][0]["receipt_file"]["content_type"], "application/pdf", "{claims}");
    b.close().await;

    // The advisor sees it in the queue with its receipt, and validates it there.
    let advisor = session(&t, "advisor@partage.example", Some(Role::Advisor)).await;
    let b = Browser::signed_in("fr", &origin, &advisor).await;
    b.go(&format!("{origin}/app")).await;
    assert_eq!(b.script(ACCESSIBILITY).await, json!([]), "the queue with a claim");
    b.tab_reaches_every_control("advisor queue with a claim (fr)").await;
    let wide = b
        .script("return [...document.querySelectorAll('.scroll')].filter(e => e.scrollWidth > e.clientWidth).length")
        .await;
    assert_eq!(wide, json!(0), "the queue fits 1000 pixels");
    b.go(&format!("{origin}/app")).await;
    let link = format!("/api/v1/expense-claims/{claim}/receipt");
    let href = b.script(&format!("return document.querySelectorAll('main a[href=\"{link}\"]').length")).await;
    assert_eq!(href, json!(1), "the receipt's link");
    b.screenshot("advisor-queue-expense-fr").await;
    b.script(&format!(
        "document.querySelector('form[action=\"/app/expense-claims/{claim}/validate\"] button').click(); return 1;"
    ))
    .await;
    let decided = until_positive(
        &b,
        &format!("return document.querySelectorAll('form[action=\"/app/expense-claims/{claim}/validate\"]').length === 0 ? 1 : 0"),
    )
    .await;
    assert_eq!(decided, 1, "the claim left the queue");
    assert_eq!(t.get(format!("/expense-claims/{claim}")).await.ok(200)["status"], "reimbursed");
    b.close().await;
}

async fn the_admins_and_hqs_pages_render_labelled_and_in_order_in_every_language_in_chromium(db: Db) {
    let Some(lock) = driver() else {
        assert!(std::env::var_os("PARTAGE_REQUIRE_BROWSER").is_none(), "chromedriver is missing");
        eprintln!("no chromedriver: apt-get install -y chromium chromium-driver");
        return;
    };
    let _one_at_a_time = lock.lock().await;
    use crate::quarterly_returns::{contract, invoice, payroll, worker};
    let t = start(db).await;
    // Something to show: members joining over the months, two of them invoicing and paid
    // in March from two sectors, a correction, February's figures sent to HQ.
    for (day, joining) in
        [("2025-06-12", 2), ("2025-09-03", 3), ("2025-11-20", 1), ("2026-01-15", 4), ("2026-02-09", 2)]
    {
        let then = t.on_day(day).await;
        for i in 0..joining {
            then.member(&format!("joined-{day}-{i}@example.org")).await;
        }
    }
    let ada = worker(&t, "ada@example.org", "Wouters", "85.07.30-033.28", "1985-07-30").await;
    let bo = worker(&t, "bo@example.org", "Claes", "90.02.01-003.28", "1990-02-01").await;
    let client = t.belgian_client().await;
    let quartet = t.activity(&ada, "Quartet").await;
    let studio = t.post("/activities", json!({"member_id": bo, "name": "Studio", "sector": "cultural_industry"})).await;
    let studio = studio.ok(201)["id"].as_str().unwrap().to_owned();
    invoice(&t, &quartet, &client, "5000.00").await;
    invoice(&t, &studio, &client, "3000.00").await;
    contract(&t, &quartet, "artist", "1800.00", &[("2026-03-10", "09:00", "17:00")]).await;
    contract(&t, &studio, "white-collar", "900.00", &[("2026-03-11", "09:00", "17:00")]).await;
    t.patch_as(format!("/members/{ada}"), "Bea Janssens", json!({"last_name": "Wouters-Peeters"})).await.ok(200);
    partage::service::figures::publish_month(t.in_process(), "2026-02".parse().unwrap()).await.unwrap();
    let t = t.on_day("2026-03-13").await;
    payroll(&t, "2026-03").await;
    let origin = t.base.trim_end_matches("/api/v1").to_owned();
    let languages = t.in_process().pack.languages().to_vec();
    let admin_pages = [
        ("settings", "/app/admin/settings"),
        ("tokens", "/app/admin/tokens"),
        ("accounts", "/app/admin/accounts"),
        ("audit", "/app/admin/audit"),
        ("parked", "/app/admin/parked"),
        ("figures", "/app/figures"),
    ];
    for (who, cookie) in [
        ("admin", session(&t, "admin@partage.example", Some(Role::Admin)).await),
        ("hq", session(&t, "hq@partage.example", Some(Role::Hq)).await),
    ] {
        for language in &languages {
            let b = Browser::signed_in(language, &origin, &cookie).await;
            for (name, path) in admin_pages.iter().filter(|(name, _)| who == "admin" || *name == "figures") {
                b.go(&format!("{origin}{path}")).await;
                let lang = b.script("return document.documentElement.lang").await;
                let problems = b.script(ACCESSIBILITY).await;
                b.tab_reaches_every_control(&format!("{who} {name} ({language})")).await;
                assert_eq!(problems, json!([]), "{who} {name} ({lang})");
                assert_eq!(lang, json!(language), "{who} {name}");
                // The figures are a long page: the screenshot shows all of it.
                let tall = *name == "figures";
                if tall {
                    b.call(reqwest::Method::POST, "/window/rect", json!({"width": 1000, "height": 3000})).await;
                }
                b.screenshot(&format!("{who}-{name}-{language}")).await;
                if tall {
                    b.call(reqwest::Method::POST, "/window/rect", json!({"width": 1000, "height": 1400})).await;
                }
            }
            if who == "admin" {
                // A token made through the form: its secret shown once, in a box of its own.
                b.go(&format!("{origin}/app/admin/tokens")).await;
                b.script(
                    "document.getElementById('name').value = 'Rides platform';
                     document.getElementById('role').value = 'advisor';
                     document.querySelector('main form[action=\"/app/admin/tokens\"] button').click(); return 1;",
                )
                .await;
                let shown = until_positive(&b, "return document.querySelectorAll('code.secret').length").await;
                assert_eq!(shown, 1, "the secret is shown ({language})");
                assert_eq!(b.script(ACCESSIBILITY).await, json!([]), "token made ({language})");
                b.screenshot(&format!("admin-token-made-{language}")).await;
                // The fee changed from 1 April through the settings form: the schedule lists it
                // (each language's change replaces the one before, of the same day).
                b.go(&format!("{origin}/app/admin/settings")).await;
                b.script(
                    "document.getElementById('valid_from').value = '2026-04-01';
                     document.getElementById('rate').value = '7';
                     document.getElementById('guarantee_fund_share').value = '30';
                     document.getElementById('reason').value = 'Assemblée générale du 12 mars 2026';
                     document.querySelector('main form[action=\"/app/admin/settings/fee\"] button').click(); return 1;",
                )
                .await;
                let listed = until_positive(&b, "return document.querySelectorAll('main table').length - 1").await;
                assert_eq!(listed, 1, "the schedule is listed ({language})");
                assert_eq!(b.script(ACCESSIBILITY).await, json!([]), "fee changed ({language})");
                b.screenshot(&format!("admin-fee-changed-{language}")).await;
            } else {
                // On a phone's width the page does not scroll sideways: tables scroll in
                // their own box and the charts shrink to the screen.
                b.call(reqwest::Method::POST, "/window/rect", json!({"width": 390, "height": 1600})).await;
                b.go(&format!("{origin}/app/figures")).await;
                let wide = b
                    .script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                    .await;
                assert_eq!(wide, json!(0), "figures on a phone ({language})");
                b.screenshot(&format!("hq-figures-phone-{language}")).await;
            }
            b.close().await;
        }
    }
}

async fn the_advisors_pages_render_labelled_and_in_order_in_every_language_in_chromium(db: Db) {
    let Some(lock) = driver() else {
        assert!(std::env::var_os("PARTAGE_REQUIRE_BROWSER").is_none(), "chromedriver is missing");
        eprintln!("no chromedriver: apt-get install -y chromium chromium-driver");
        return;
    };
    let _one_at_a_time = lock.lock().await;
    // Two members, a completed run, a wage due on 25 March, a fund advance and a reminder
    // sent (advisor_pages.rs builds the same office).
    let (t, wouters, _, run, _, _) = crate::advisor_pages::office(db).await;
    let origin = t.base.trim_end_matches("/api/v1").to_owned();
    let languages = t.in_process().pack.languages().to_vec();
    let cookie = session(&t, "advisor@partage.example", Some(Role::Advisor)).await;
    let pages = [
        ("members", "/app/members".to_owned()),
        ("member-file", format!("/app/members/{wouters}")),
        ("payroll", "/app/payroll".to_owned()),
        ("payroll-run", format!("/app/payroll/{run}")),
        ("deadlines", "/app/deadlines?within=10".to_owned()),
        ("fund", "/app/fund".to_owned()),
        ("overdue", "/app/overdue".to_owned()),
    ];
    for language in &languages {
        let b = Browser::signed_in(language, &origin, &cookie).await;
        for (name, path) in &pages {
            b.go(&format!("{origin}{path}")).await;
            let lang = b.script("return document.documentElement.lang").await;
            let problems = b.script(ACCESSIBILITY).await;
            b.tab_reaches_every_control(&format!("advisor {name} ({language})")).await;
            assert_eq!(problems, json!([]), "advisor {name} ({lang})");
            assert_eq!(lang, json!(language), "advisor {name}");
            let rows = b.script("return document.querySelectorAll('main table tbody tr').length").await;
            assert!(rows.as_u64().unwrap_or(0) > 0, "advisor {name} ({language}) lists something");
            // Nothing sideways on this width: a wide table would hide its last columns.
            let wide = b.script("return [...document.querySelectorAll('.scroll')].filter(e => e.scrollWidth > e.clientWidth).length").await;
            assert_eq!(wide, json!(0), "advisor {name} ({language}) fits 1000 pixels");
            // A member's file is long: the screenshot shows all of it. The page is opened
            // again so that the screenshot shows it as a person arrives, not where Tab left it.
            let tall = *name == "member-file";
            if tall {
                b.call(reqwest::Method::POST, "/window/rect", json!({"width": 1000, "height": 2000})).await;
            }
            b.go(&format!("{origin}{path}")).await;
            b.screenshot(&format!("advisor-{name}-{language}")).await;
            if tall {
                b.call(reqwest::Method::POST, "/window/rect", json!({"width": 1000, "height": 1400})).await;
            }
        }
        // The search form, used as a person would (the script types and presses the button).
        b.go(&format!("{origin}/app/members")).await;
        b.script("document.getElementById('name').value = 'claes'; document.querySelector('main form button').click(); return 1;")
            .await;
        let found = until_positive(
            &b,
            "return location.search.includes('name=claes') ? document.querySelectorAll('main table tbody tr').length : 0",
        )
        .await;
        assert_eq!(found, 1, "one member named Claes ({language})");
        b.close().await;
    }
}

/// A member of `o` by name, with one paid share.
async fn named_member(o: &TestNode, first: &str, last: &str, email: &str) -> String {
    let m = o.post("/members", json!({"first_name": first, "last_name": last, "email": email})).await;
    let id = m.ok(201)["id"].as_str().unwrap().to_owned();
    o.post(format!("/members/{id}/shares"), json!({"count": 1})).await.ok(200);
    o.post(format!("/members/{id}/shares/payments"), json!({"amount": "30.00", "currency": "EUR"})).await.ok(200);
    id
}

/// The French office's transfers page, as its advisor reads it: three Belgian members
/// offered (one still to answer, one accepted and waiting for the commit, one refused with
/// its reason) and one of its own offered to Belgium.
async fn the_transfers_page_renders_labelled_and_in_order_in_chromium(db: Db) {
    use crate::transfers::{carry, offer, office};
    let Some(lock) = driver() else {
        assert!(std::env::var_os("PARTAGE_REQUIRE_BROWSER").is_none(), "chromedriver is missing");
        eprintln!("no chromedriver: apt-get install -y chromium chromium-driver");
        return;
    };
    let _one_at_a_time = lock.lock().await;
    let be = office(db, "be", "refund").await;
    let fr = office(db, "fr", "refund").await;
    let lea = named_member(&be.t, "Léa", "Dubois", "lea@example.org").await;
    let jonas = named_member(&be.t, "Jonas", "Maes", "jonas@example.org").await;
    let sofia = named_member(&be.t, "Sofia", "Janssens", "sofia@example.org").await;
    let camille = named_member(&fr.t, "Camille", "Roux", "camille@example.org").await;
    offer(&be, &lea, "fr").await;
    let accepted = offer(&be, &jonas, "fr").await;
    let rejected = offer(&be, &sofia, "fr").await;
    offer(&fr, &camille, "be").await;
    carry(&be, &fr).await;
    fr.t.post(format!("/transfers/{accepted}/accept"), json!(null)).await.ok(200);
    fr.t.post(format!("/transfers/{rejected}/reject"), json!({"reason": "Pas d’activité prévue en France"}))
        .await
        .ok(200);
    let origin = fr.t.base.trim_end_matches("/api/v1").to_owned();
    let cookie = session(&fr.t, "advisor@partage.example", Some(Role::Advisor)).await;
    let b = Browser::signed_in("fr", &origin, &cookie).await;
    b.go(&format!("{origin}/app/transfers")).await;
    assert_eq!(b.script("return document.documentElement.lang").await, json!("fr"));
    assert_eq!(b.script(ACCESSIBILITY).await, json!([]), "advisor transfers (fr)");
    b.tab_reaches_every_control("advisor transfers (fr)").await;
    let rows = b.script("return document.querySelectorAll('main table tbody tr').length").await;
    assert_eq!(rows, json!(4), "two incoming, one outgoing, one closed");
    let wide = b
        .script("return [...document.querySelectorAll('.scroll')].filter(e => e.scrollWidth > e.clientWidth).length")
        .await;
    assert_eq!(wide, json!(0), "the transfers fit 1000 pixels");
    b.go(&format!("{origin}/app/transfers")).await;
    b.screenshot("advisor-transfers-fr").await;
    b.close().await;
}

/// The French office's parked federation messages, as its admin reads them in French and in
/// English: a notice signed by a key the peers file lacks, an amendment from the wrong office;
/// then the first retried (refused again), its outcome shown on top.
async fn the_parked_messages_page_renders_labelled_and_in_order_in_chromium(db: Db) {
    use crate::parked::{de, deliver, receiver};
    use crate::postings::{amendment, notice, notice_id};
    use crate::transfers::{key, office, trust};
    let Some(lock) = driver() else {
        assert!(std::env::var_os("PARTAGE_REQUIRE_BROWSER").is_none(), "chromedriver is missing");
        eprintln!("no chromedriver: apt-get install -y chromium chromium-driver");
        return;
    };
    let _one_at_a_time = lock.lock().await;
    let fr = office(db, "fr", "refund").await;
    let r = receiver(&fr, trust());
    let good = notice(&key("be"), 1, "fr", "fr", "FR");
    deliver(&r, &good).await;
    deliver(&r, &notice(&de(), 1, "fr", "fr", "FR")).await;
    deliver(&r, &amendment(&key("nl"), 1, notice_id(&good), 2, "FR", &[(10, 6, 23)])).await;
    assert_eq!(fr.t.get("/federation/parked").await.ok(200)["total"], 2);
    let origin = fr.t.base.trim_end_matches("/api/v1").to_owned();
    let cookie = session(&fr.t, "admin@partage.example", Some(Role::Admin)).await;
    for language in ["fr", "en"] {
        let b = Browser::signed_in(language, &origin, &cookie).await;
        b.go(&format!("{origin}/app/admin/parked")).await;
        assert_eq!(b.script("return document.documentElement.lang").await, json!(language));
        assert_eq!(b.script(ACCESSIBILITY).await, json!([]), "admin parked ({language})");
        b.tab_reaches_every_control(&format!("admin parked ({language})")).await;
        let rows = b.script("return document.querySelectorAll('main table tbody tr').length").await;
        assert_eq!(rows, json!(2), "de's notice and nl's amendment");
        let wide = b
            .script(
                "return [...document.querySelectorAll('.scroll')].filter(e => e.scrollWidth > e.clientWidth).length",
            )
            .await;
        assert_eq!(wide, json!(0), "the list fits 1000 pixels ({language})");
        b.go(&format!("{origin}/app/admin/parked")).await;
        b.screenshot(&format!("admin-parked-listed-{language}")).await;
        // The first retried: still refused (de is not enrolled), said on top of the list.
        b.script("document.querySelector('main form[action$=\"/retry\"] button').click(); return 1;").await;
        let said = until_positive(&b, "return document.querySelectorAll('[role=status]').length").await;
        assert_eq!(said, 1, "the retry's outcome ({language})");
        assert_eq!(b.script(ACCESSIBILITY).await, json!([]), "admin parked retried ({language})");
        b.screenshot(&format!("admin-parked-retried-{language}")).await;
        b.close().await;
    }
}

/// HQ's own server (`partage hq serve`) with one Belgian office's February 2025 and its
/// first admin token: returns HQ's origin and the token's secret.
async fn hq_with_figures() -> (String, String) {
    use partage_federation::{Envelope, Event, NodeId};
    use partage_hq::figures::{FundFigures, PeriodFigures, SectorFigures, Sectors};
    let name = format!("sqlite:file:hq_browser_{}?mode=memory&cache=shared", std::process::id());
    let store = partage_hq::HqStore::open(&name, None).await.unwrap();
    let key = partage_hq::NodeKey::generate();
    let request = partage_hq::enrol::request(&key, "be", "https://hq.example", "2026-03-01T00:00:00Z").unwrap();
    partage_hq::enrol::accept(&store, &request, "2026-03-01T00:00:00Z").await.unwrap();
    let money = |text: &str| text.parse::<rust_decimal::Decimal>().unwrap();
    let sector = |people, turnover: &str, mass: &str| SectorFigures {
        people,
        turnover_excl_vat: money(turnover),
        payroll_mass_gross: money(mass),
        employer_cost: money(mass) * money("1.3"),
    };
    let figures = PeriodFigures {
        period: "2025-02".into(),
        revision: 1,
        currency: "EUR".into(),
        members_active: 40,
        signups: 6,
        leavers: 5,
        fte: money("7.25"),
        sectors: Sectors {
            artistic: sector(20, "12345.60", "6100.00"),
            cultural_industry: sector(12, "8000.00", "3500.00"),
            other: sector(8, "4000.00", "2100.00"),
        },
        fund: FundFigures { balance: money("15000.00"), open_advances: money("9000.00") },
    };
    let signing = key.federation_key(NodeId::new("be").unwrap()).unwrap();
    let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T00:00:00Z").unwrap().to_utc();
    let envelope = Envelope::new(signing.node().clone(), 1, at, &Event::PeriodFigures(figures));
    let message = partage_hq::Message::from_signed(&envelope.sign(&signing).unwrap());
    partage_hq::receive(&store, &message).await.unwrap();
    let token = partage_hq::tokens::bootstrap(&store, "ops@group.example", "2026-03-01T09:00:00Z").await.unwrap();
    let hq = partage_hq::http::Hq {
        store,
        coverage_floor: money("1.00"),
        now: std::sync::Arc::new(partage_hq::enrol::now),
        sign_in: std::sync::Arc::default(),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, partage_hq::http::app(hq)).await });
    (origin, token)
}

/// HQ's pages (its own server, not the node's): the sign-in form filled in the browser with
/// the bootstrap token, then the group report, the API tokens and the operators, in each of
/// HQ's languages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hqs_own_pages_render_labelled_and_in_order_in_every_language_in_chromium() {
    let Some(lock) = driver() else {
        assert!(std::env::var_os("PARTAGE_REQUIRE_BROWSER").is_none(), "chromedriver is missing");
        eprintln!("no chromedriver: apt-get install -y chromium chromium-driver");
        return;
    };
    let _one_at_a_time = lock.lock().await;
    let (origin, token) = hq_with_figures().await;
    for language in ["en", "fr", "nl"] {
        let b = Browser::open(language).await;
        b.go(&format!("{origin}/")).await;
        let problems = b.script(ACCESSIBILITY).await;
        b.tab_reaches_every_control(&format!("HQ sign-in ({language})")).await;
        assert_eq!(problems, json!([]), "HQ sign-in ({language})");
        b.screenshot(&format!("hq-sign-in-token-{language}")).await;
        // The form filled and sent as a person would; the Secure cookie is kept on 127.0.0.1.
        b.script(&format!(
            "document.getElementById('token').value = '{token}'; document.querySelector('main form button').click(); return 1;"
        ))
        .await;
        let signed_in =
            until_positive(&b, "return document.querySelectorAll('form[action=\"/sign-out\"]').length").await;
        assert_eq!(signed_in, 1, "signed in ({language})");
        for (name, path) in
            [("report", "/app/report/2025-02"), ("tokens", "/app/tokens"), ("operators", "/app/operators")]
        {
            b.go(&format!("{origin}{path}")).await;
            let lang = b.script("return document.documentElement.lang").await;
            assert_eq!(lang, json!(language), "HQ {name}");
            let problems = b.script(ACCESSIBILITY).await;
            b.tab_reaches_every_control(&format!("HQ {name} ({language})")).await;
            assert_eq!(problems, json!([]), "HQ {name} ({language})");
            let wide =
                b.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth").await;
            assert_eq!(wide, json!(0), "HQ {name} fits 1000 pixels ({language})");
            b.screenshot(&format!("hq-{name}-{language}")).await;
        }
        b.close().await;
    }
}

crate::on_both_databases!(
    the_parked_messages_page_renders_labelled_and_in_order_in_chromium,
    the_transfers_page_renders_labelled_and_in_order_in_chromium,
    the_advisors_pages_render_labelled_and_in_order_in_every_language_in_chromium,
    the_admins_and_hqs_pages_render_labelled_and_in_order_in_every_language_in_chromium,
    every_page_renders_labelled_and_in_order_in_every_language_in_chromium,
    a_member_declares_work_drafts_an_invoice_and_downloads_a_payslip_in_chromium
);
