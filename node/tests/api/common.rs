//! A node started in-process on a fresh database, and a client for its API.

use partage::config::Settings;
use partage::service::Node;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::path::PathBuf;

/// Which database a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// Runs an async scenario on both databases, as two tests.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                super::$name($crate::common::Db::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                super::$name($crate::common::Db::Postgres).await
            }
        }
    )*};
}

/// The harness's admin API token, stored (hashed) in every test node's database.
pub const TOKEN: &str = "test-admin-token-0123456789abcdef0123456789abcdef";
pub const TODAY: &str = "2026-03-02";

pub fn pg_url() -> String {
    std::env::var("PARTAGE_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// Where a test node keeps its data.
pub struct Place {
    pub dir: PathBuf,
    pub url: String,
    pub schema: Option<String>,
    /// Further settings of every node on this place.
    pub extra: Vec<(&'static str, String)>,
}

impl Place {
    pub fn new(db: Db) -> Place {
        let id = uuid::Uuid::now_v7().simple().to_string();
        let dir = std::env::temp_dir().join(format!("partage-test-{id}"));
        std::fs::create_dir_all(&dir).unwrap();
        match db {
            Db::Sqlite => Place {
                url: format!("sqlite://{}?mode=rwc", dir.join("node.sqlite").display()),
                dir,
                schema: None,
                extra: Vec::new(),
            },
            Db::Postgres => Place { url: pg_url(), dir, schema: Some(format!("t_{id}")), extra: Vec::new() },
        }
    }

    /// The settings of a node on this place, as environment-style overrides.
    pub fn overrides(&self) -> Vec<(&'static str, String)> {
        let mut o = vec![
            ("database.url", self.url.clone()),
            ("node.data_dir", self.dir.display().to_string()),
            ("node.today", TODAY.to_owned()),
        ];
        if let Some(s) = &self.schema {
            o.push(("database.schema", s.clone()));
        }
        for (k, v) in &self.extra {
            o.retain(|(key, _)| key != k);
            o.push((k, v.clone()));
        }
        o
    }

    /// The settings of a node on this place whose day is `today`.
    pub fn settings_at(&self, today: &str) -> Settings {
        let mut o = self.overrides();
        o.retain(|(k, _)| *k != "node.today");
        o.push(("node.today", today.to_owned()));
        Settings::load_with(None, &o).unwrap()
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        // PostgreSQL schemas are dropped by the test command before each run.
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A node serving on a random local port.
pub struct TestNode {
    pub base: String,
    pub http: reqwest::Client,
    /// Kept so that the data directory lives as long as the node.
    place: Option<std::sync::Arc<Place>>,
    /// The node served in-process, for the audit of its running totals.
    node: Option<Node>,
    /// The bearer token this client sends: the admin's, or a member's (`as_member`).
    pub token: String,
}

/// Stores the harness's admin token in `node`'s database (once; again changes nothing).
pub async fn admit(node: &Node) {
    let admin = partage::auth::tokens::NewToken {
        name: "test harness".into(),
        role: partage::auth::Role::Admin,
        member_id: None,
    };
    partage::auth::tokens::store(node.store.db(), &admin, TOKEN, node.now()).await.unwrap();
}

pub async fn start(db: Db) -> TestNode {
    serve_on(std::sync::Arc::new(Place::new(db)), TODAY).await
}

/// A node serving `place`'s data in-process on `today`.
pub async fn serve_on(place: std::sync::Arc<Place>, today: &str) -> TestNode {
    // The node logs what it cannot answer (a 500 says "the error is logged"): errors go to
    // the test's captured output, which nextest shows when the test fails.
    static LOG: std::sync::Once = std::sync::Once::new();
    LOG.call_once(|| {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("error"))
            .with_test_writer()
            .try_init();
    });
    let node = Node::open(place.settings_at(today)).await.unwrap();
    admit(&node).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/api/v1", listener.local_addr().unwrap());
    let app = partage::http::router(node.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    TestNode { base, http: reqwest::Client::new(), place: Some(place), node: Some(node), token: TOKEN.to_owned() }
}

/// A `partage serve` process on `place`, as a user runs it.
pub struct Process {
    child: std::process::Child,
    pub port: u16,
}

impl Process {
    pub async fn start(place: &Place) -> Process {
        // The process serves a database that already holds the harness's admin token.
        let node = Node::open(place.settings_at(TODAY)).await.unwrap();
        admit(&node).await;
        node.store.db().clone().close().await.unwrap();
        let port = partage_federation_tests::free_port();
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_partage"));
        cmd.args(["serve", "--bind", &format!("127.0.0.1:{port}")]);
        for (key, value) in place.overrides() {
            cmd.env(format!("PARTAGE__{}", key.replace('.', "__").to_uppercase()), value);
        }
        cmd.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
        let child = cmd.spawn().unwrap();
        let p = Process { child, port };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let http = reqwest::Client::new();
        while std::time::Instant::now() < deadline {
            if http.get(format!("http://127.0.0.1:{port}/api/v1/health")).send().await.is_ok_and(|r| r.status() == 200)
            {
                return p;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("partage serve did not answer within 30 s");
    }

    /// SIGTERM, as a service manager stops it; waits until it has exited, and says
    /// whether it exited successfully.
    pub async fn terminate(mut self) -> bool {
        let sent = std::process::Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        assert!(sent.success(), "kill -TERM failed");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while std::time::Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        panic!("partage serve did not stop within 60 s of SIGTERM");
    }

    /// SIGKILL: no shutdown, no flush, nothing the process can do about it.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl TestNode {
    /// A client of a node served by a separate process.
    pub fn remote(process: &Process) -> TestNode {
        TestNode {
            base: format!("http://127.0.0.1:{}/api/v1", process.port),
            http: reqwest::Client::new(),
            place: None,
            node: None,
            token: TOKEN.to_owned(),
        }
    }

    /// The same node's data served by a node whose day is `today` (time moves on).
    pub async fn on_day(&self, today: &str) -> TestNode {
        serve_on(self.place.clone().expect("an in-process node"), today).await
    }

    /// The same node's data served by a node whose clock shows `instant` (RFC 3339, UTC).
    pub async fn on_day_at(&self, instant: &str) -> TestNode {
        let place = self.place.clone().expect("an in-process node");
        let mut settings = place.settings_at(TODAY);
        settings.now = Some(instant.parse().unwrap());
        let node = Node::open(settings).await.unwrap();
        admit(&node).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}/api/v1", listener.local_addr().unwrap());
        let app = partage::http::router(node.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        TestNode { base, http: reqwest::Client::new(), place: Some(place), node: Some(node), token: TOKEN.to_owned() }
    }

    /// The node served in-process (the pages' tests open browser sessions on it).
    pub fn in_process(&self) -> &Node {
        self.node.as_ref().expect("an in-process node")
    }

    /// A client of the same node with a staff API token of `role` (`advisor`, `hq`).
    pub async fn as_staff(&self, role: &str) -> TestNode {
        self.with_new_token(json!({"name": format!("{role} client"), "role": role})).await
    }

    /// A client of the same node signed in as `member` with a member-role API token.
    pub async fn as_member(&self, member: &str) -> TestNode {
        self.with_new_token(json!({"name": "member client", "role": "member", "member_id": member})).await
    }

    /// A client of the same node with the token the admin makes from `request`.
    async fn with_new_token(&self, request: Value) -> TestNode {
        let secret = self.post("/api-tokens", request).await.ok(201)["secret"].as_str().unwrap().to_owned();
        TestNode {
            base: self.base.clone(),
            http: self.http.clone(),
            place: self.place.clone(),
            node: self.node.clone(),
            token: secret,
        }
    }
}

/// A response: status, content type and body.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub replayed: bool,
    pub body: Value,
    pub text: String,
}

impl Reply {
    /// Asserts an RFC 9457 problem with this status and code; returns its detail.
    pub fn problem(&self, status: u16, code: &str) -> String {
        assert_eq!(self.status.as_u16(), status, "{}", self.text);
        assert_eq!(self.content_type, "application/problem+json", "{}", self.text);
        assert_eq!(self.body["code"], code, "{}", self.text);
        assert_eq!(self.body["type"], format!("/problems/{code}"));
        assert_eq!(self.body["status"], status);
        let detail = self.body["detail"].as_str().unwrap().to_owned();
        assert!(!detail.is_empty());
        detail
    }

    pub fn ok(&self, status: u16) -> &Value {
        assert_eq!(self.status.as_u16(), status, "{}", self.text);
        &self.body
    }
}

impl TestNode {
    async fn send(&self, req: reqwest::RequestBuilder) -> Reply {
        let res = req.send().await.unwrap();
        let status = res.status();
        let content_type =
            res.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        let replayed = res.headers().get("idempotent-replayed").is_some();
        let text = res.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply { status, content_type, replayed, body, text }
    }

    pub async fn get(&self, path: impl AsRef<str>) -> Reply {
        self.send(self.http.get(format!("{}{}", self.base, path.as_ref())).bearer_auth(&self.token)).await
    }

    pub async fn post(&self, path: impl AsRef<str>, body: Value) -> Reply {
        self.send(self.http.post(format!("{}{}", self.base, path.as_ref())).bearer_auth(&self.token).json(&body)).await
    }

    pub async fn put(&self, path: impl AsRef<str>, body: Value) -> Reply {
        self.send(self.http.put(format!("{}{}", self.base, path.as_ref())).bearer_auth(&self.token).json(&body)).await
    }

    pub async fn delete(&self, path: impl AsRef<str>) -> Reply {
        self.send(self.http.delete(format!("{}{}", self.base, path.as_ref())).bearer_auth(&self.token)).await
    }

    /// A PATCH (JSON merge patch) made by `by` (`X-Changed-By`).
    pub async fn patch_as(&self, path: impl AsRef<str>, by: &str, body: Value) -> Reply {
        self.send(
            self.http
                .patch(format!("{}{}", self.base, path.as_ref()))
                .bearer_auth(&self.token)
                .header("X-Changed-By", by)
                .header("content-type", "application/merge-patch+json")
                .body(body.to_string()),
        )
        .await
    }

    pub async fn post_keyed(&self, path: impl AsRef<str>, key: &str, body: Value) -> Reply {
        self.send(
            self.http
                .post(format!("{}{}", self.base, path.as_ref()))
                .bearer_auth(&self.token)
                .header("Idempotency-Key", key)
                .json(&body),
        )
        .await
    }

    pub async fn post_raw(&self, path: impl AsRef<str>, body: &str) -> Reply {
        self.send(
            self.http
                .post(format!("{}{}", self.base, path.as_ref()))
                .bearer_auth(&self.token)
                .header("content-type", "application/json")
                .body(body.to_owned()),
        )
        .await
    }

    /// A member who joined and paid one share.
    pub async fn member(&self, email: &str) -> String {
        let m = self.post("/members", json!({"first_name": "Ada", "last_name": "Peeters", "email": email})).await;
        let id = m.ok(201)["id"].as_str().unwrap().to_owned();
        self.post(&format!("/members/{id}/shares"), json!({"count": 1})).await.ok(200);
        let paid =
            self.post(&format!("/members/{id}/shares/payments"), json!({"amount": "30.00", "currency": "EUR"})).await;
        assert_eq!(paid.ok(200)["status"], "member");
        id
    }

    pub async fn activity(&self, member: &str, name: &str) -> String {
        let a = self.post("/activities", json!({"member_id": member, "name": name, "sector": "artistic"})).await;
        a.ok(201)["id"].as_str().unwrap().to_owned()
    }

    pub async fn belgian_client(&self) -> String {
        let c = self
            .post(
                "/clients",
                json!({"name": "Théâtre du Parc", "kind": "business", "country": "BE", "vat_number": "BE0403170701",
                       "street": "Rue de la Loi 3", "postal_code": "1000", "city": "Bruxelles"}),
            )
            .await;
        c.ok(201)["id"].as_str().unwrap().to_owned()
    }

    /// A draft of `amount` excluding VAT at `vat` %.
    pub async fn draft(&self, activity: &str, client: &str, amount: &str, vat: &str) -> Reply {
        self.post(
            "/invoices",
            json!({"activity_id": activity, "client_id": client, "currency": "EUR",
                   "lines": [{"description": "Concert", "quantity": "1", "unit_price": amount, "vat_rate": vat}]}),
        )
        .await
    }

    /// The trial balance; asserts it sums to zero and, on an in-process node,
    /// that every running total equals what the journal gives (`partage check`).
    pub async fn balanced(&self) -> Value {
        let tb = self.get("/ledger/trial-balance").await;
        let body = tb.ok(200).clone();
        assert_eq!(body["sum"], "0.00", "{}", tb.text);
        assert_eq!(body["balanced"], true);
        assert_eq!(body["total_debit"], body["total_credit"]);
        if let Some(node) = &self.node {
            let report = partage::service::audit::check(node.store.db(), node).await.unwrap();
            assert!(report.differences.is_empty(), "running totals differ from the journal:\n{report}");
        }
        body
    }

    pub fn account<'a>(tb: &'a Value, name: &str) -> &'a Value {
        tb["accounts"].as_array().unwrap().iter().find(|a| a["account"] == name).unwrap_or(&Value::Null)
    }
}

/// Runs the official Peppol BIS 3 validator on the documents; asserts no fatal error.
pub fn assert_peppol_valid(documents: &[(&str, String)]) {
    let validator = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../validators/validate");
    assert!(
        validator.exists(),
        "the validator is missing at {}: the repository's validators/ folder is missing",
        validator.display()
    );
    let dir = std::env::temp_dir().join(format!("partage-peppol-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let files: Vec<PathBuf> = documents
        .iter()
        .map(|(name, xml)| {
            let p = dir.join(format!("{name}.xml"));
            std::fs::write(&p, xml).unwrap();
            p
        })
        .collect();
    let out = std::process::Command::new(&validator).arg("--json").arg("peppol-bis3").args(&files).output().unwrap();
    assert_ne!(
        out.status.code(),
        Some(3),
        "the validator needs `pip install saxonche==13.1.1 lxml==6.1.3`: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("validator said: {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(out.status.code(), Some(0), "fatal findings: {report:#}");
    assert_eq!(report["failed"], 0, "{report:#}");
    assert_eq!(report["passed"], documents.len());
}

/// Validates a pain.001.001.09 file against the EPC schema vendored in core.
pub fn assert_pain001_valid(xml: &str) {
    let xsd =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/tests/sepa/EPC132-08_2025_V1.0_pain.001.001.09.xsd");
    let file = std::env::temp_dir().join(format!("partage-sepa-{}.xml", uuid::Uuid::now_v7().simple()));
    std::fs::write(&file, xml).unwrap();
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&xsd)
        .arg(&file)
        .output()
        .expect("xmllint is missing: apt-get install libxml2-utils");
    let _ = std::fs::remove_file(&file);
    assert!(out.status.success(), "pain.001 not valid: {}", String::from_utf8_lossy(&out.stderr));
}

/// Runs the `partage` command on a place's data, as its operator would.
pub fn partage_on(place: &Place, args: &[&str]) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_partage"));
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("PARTAGE")) {
        cmd.env_remove(key);
    }
    for (key, value) in place.overrides() {
        cmd.env(format!("PARTAGE__{}", key.replace('.', "__").to_uppercase()), value);
    }
    cmd.args(args).output().unwrap()
}

/// Asserts that `partage check` finds every running total equal to the journal.
pub fn assert_audited(place: &Place) {
    let out = partage_on(place, &["check"]);
    assert!(
        out.status.success(),
        "partage check: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A node started in-process with further settings (`("pack.be.nsso_number", "…")`).
pub async fn start_with(db: Db, extra: &[(&'static str, &str)]) -> TestNode {
    let mut place = Place::new(db);
    place.extra = extra.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
    serve_on(std::sync::Arc::new(place), TODAY).await
}

impl TestNode {
    /// Runs the `partage` command on this test's data (as `partage check` is run).
    pub fn command(&self, args: &[&str]) -> std::process::Output {
        partage_on(self.place.as_ref().expect("an in-process node"), args)
    }

    /// The node itself on this test's data, for what the API cannot do (damaging a row on purpose).
    pub async fn open_node(&self) -> Node {
        Node::open(self.place.as_ref().expect("an in-process node").settings_at(TODAY)).await.unwrap()
    }

    /// The node itself on this test's data on another day (time moved on).
    pub async fn open_node_on(&self, today: &str) -> Node {
        Node::open(self.place.as_ref().expect("an in-process node").settings_at(today)).await.unwrap()
    }
}

/// Validates a DmfA document against the NSSO schema vendored in the Belgian pack.
pub fn assert_dmfa_valid(xml: &str) {
    let xsd = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../country-packs/be/tests/dmfa/DmfAOriginal_20223.xsd");
    let file = std::env::temp_dir().join(format!("partage-dmfa-{}.xml", uuid::Uuid::now_v7().simple()));
    std::fs::write(&file, xml).unwrap();
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&xsd)
        .arg(&file)
        .output()
        .expect("xmllint is missing: apt-get install libxml2-utils");
    let _ = std::fs::remove_file(&file);
    assert!(out.status.success(), "DmfA not valid: {}\n{xml}", String::from_utf8_lossy(&out.stderr));
}
