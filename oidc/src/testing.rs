//! The real provider the sign-in tests use, and a browser's walk through it: the npm
//! package `oidc-provider` (OpenID Certified) under Node, from `oidc/provider/`, with
//! two clients, the node's and HQ's, whose redirects the tests carry themselves
//! (`http://partage.test`, `http://hq.partage.test`). Not for production builds: the
//! `testing` feature is a dev-dependency's.
#![allow(clippy::expect_used)] // A test helper: it fails loudly, saying what to install.

use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The node's client at the test provider.
pub const NODE: TestClient =
    TestClient { id: "partage", secret: "partage-test-secret-0123456789abcdef", public_url: "http://partage.test" };

/// HQ's client at the test provider.
pub const HQ: TestClient = TestClient {
    id: "partage-hq",
    secret: "partage-hq-test-secret-0123456789abcdef",
    public_url: "http://hq.partage.test",
};

/// A client registered at the test provider.
#[derive(Clone, Copy, Debug)]
pub struct TestClient {
    /// Its client id.
    pub id: &'static str,
    /// Its client secret.
    pub secret: &'static str,
    /// The site its redirects name.
    pub public_url: &'static str,
}

impl TestClient {
    /// Its settings against the provider at `issuer`.
    pub fn settings(self, issuer: &str) -> crate::Settings {
        crate::Settings {
            issuer: issuer.to_owned(),
            client_id: self.id.to_owned(),
            client_secret: self.secret.to_owned(),
            public_url: self.public_url.to_owned(),
        }
    }

    /// The callback's query string when `url` is a redirect to this client's callback.
    pub fn callback_query(self, url: &str) -> Option<String> {
        url.strip_prefix(&format!("{}/auth/callback?", self.public_url)).map(str::to_owned)
    }
}

/// The running provider.
pub struct Provider {
    /// Its issuer, `http://127.0.0.1:<port>`.
    pub issuer: String,
}

/// Whether the provider at `issuer` answers its discovery document (which also
/// restarts its idle minute).
fn answers(issuer: &str) -> bool {
    use std::io::{Read, Write};
    let Some(address) = issuer.strip_prefix("http://") else { return false };
    let Ok(mut stream) = std::net::TcpStream::connect(address) else { return false };
    let request = format!("GET /.well-known/openid-configuration HTTP/1.0\r\nHost: {address}\r\n\r\n");
    let mut head = [0u8; 12];
    stream.write_all(request.as_bytes()).is_ok() && stream.read_exact(&mut head).is_ok() && head.ends_with(b"200")
}

/// The provider, shared by every test process of a run (nextest runs each test in its
/// own, and the node's and HQ's tests share it through `tmp`, the target's temporary
/// folder): the first to need it starts it, under a lock file, and the others read
/// its issuer from a file; it exits by itself a minute after its last request.
///
/// # Panics
/// When Node or the npm package is missing, or the provider does not start in 30 s:
/// the message says what to install.
// The provider outlives the process that starts it, by design: it is shared by the
// run's other test processes and exits on its own when idle, so it is never waited on.
#[allow(clippy::zombie_processes)]
pub fn provider(tmp: &Path) -> &'static Provider {
    static PROVIDER: OnceLock<Provider> = OnceLock::new();
    PROVIDER.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("provider");
        assert!(
            dir.join("node_modules/oidc-provider").is_dir(),
            "the test OpenID provider is not installed: run `npm ci` in oidc/provider (Node.js 20 or later)"
        );
        // Named for its two clients: a provider of an older checkout, with one, is not reused.
        let (file, lock) = (tmp.join("oidc-provider-2.issuer"), tmp.join("oidc-provider-2.lock"));
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(issuer) = std::fs::read_to_string(&file) {
                if answers(&issuer) {
                    return Provider { issuer };
                }
            }
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&lock) {
                Ok(_) => {
                    let _ = std::fs::remove_file(&file);
                    let port = std::net::TcpListener::bind("127.0.0.1:0")
                        .and_then(|l| l.local_addr())
                        .map(|a| a.port())
                        .expect("a free port on 127.0.0.1");
                    std::process::Command::new("node")
                        .arg("provider.mjs")
                        .arg(port.to_string())
                        .arg(&file)
                        .current_dir(&dir)
                        .stdin(std::process::Stdio::null())
                        .stdout(std::process::Stdio::null())
                        .stderr(std::process::Stdio::null())
                        .spawn()
                        .expect("node (Node.js) is missing: apt-get install nodejs npm");
                    while !file.exists() && Instant::now() < deadline {
                        std::thread::sleep(Duration::from_millis(20));
                    }
                    let _ = std::fs::remove_file(&lock);
                }
                Err(_) => {
                    // Another process is starting it; a lock older than its start is stale.
                    let stale = std::fs::metadata(&lock)
                        .and_then(|m| m.modified())
                        .is_ok_and(|t| t.elapsed().unwrap_or_default() > Duration::from_secs(15));
                    if stale {
                        let _ = std::fs::remove_file(&lock);
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
        }
        panic!("the test OpenID provider did not start within 30 s");
    })
}

/// A client that follows no redirect, with a cookie jar or not.
pub fn no_redirects(cookies: bool) -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(cookies)
        .build()
        .expect("a reqwest client")
}

/// A response's `Location`.
///
/// # Panics
/// When there is none.
pub fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no Location: {}", res.status()))
        .to_owned()
}

/// The `value` of the hidden input `name` in an HTML form.
pub fn hidden(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\""))?;
    let v = html[at..].split("value=\"").nth(1)?;
    Some(v.split('"').next()?.to_owned())
}

/// The absolute URL the first form of a provider's page posts to.
///
/// # Panics
/// When the page has no form.
pub fn form_action(issuer: &str, html: &str) -> String {
    let action = html
        .split("action=\"")
        .nth(1)
        .and_then(|a| a.split('"').next())
        .unwrap_or_else(|| panic!("no form in {html}"))
        .replace("&amp;", "&");
    if action.starts_with('/') {
        format!("{issuer}{action}")
    } else {
        action
    }
}

/// A browser signing in as `login` at the provider, from the authorization `url` the
/// relying party redirected to, through the login and consent forms, to the provider's
/// redirect back to `client`'s callback: returns that callback's query.
///
/// # Panics
/// When the provider's pages are not what its development interactions show.
pub async fn walk(issuer: &str, client: TestClient, mut url: String, login: &str) -> String {
    let browser = no_redirects(true);
    for _ in 0..12 {
        if let Some(query) = client.callback_query(&url) {
            return query;
        }
        let absolute = if url.starts_with('/') { format!("{issuer}{url}") } else { url.clone() };
        let res = browser.get(&absolute).send().await.expect("the provider answers");
        if res.status().is_redirection() {
            url = location(&res);
            continue;
        }
        let html = res.text().await.expect("the provider's page");
        let action = form_action(issuer, &html);
        let form: Vec<(&str, &str)> = if html.contains("value=\"login\"") {
            vec![("prompt", "login"), ("login", login), ("password", "any")]
        } else {
            assert!(html.contains("value=\"consent\""), "{html}");
            vec![("prompt", "consent")]
        };
        let res = browser.post(&action).form(&form).send().await.expect("the provider answers");
        assert!(res.status().is_redirection(), "{}", res.status());
        url = location(&res);
    }
    panic!("the provider never sent the browser back");
}

/// Confirms the provider's logout page at `end` (the relying party's redirect to the
/// `end_session_endpoint`); returns where the provider then sends the browser.
///
/// # Panics
/// When the page has no confirmation form.
pub async fn confirm_logout(issuer: &str, end: &str) -> String {
    let browser = no_redirects(true);
    let page = browser.get(end).send().await.expect("the provider answers").text().await.expect("its page");
    let xsrf = hidden(&page, "xsrf").unwrap_or_else(|| panic!("no confirmation form: {page}"));
    let confirm = form_action(issuer, &page);
    let res = browser
        .post(&confirm)
        .form(&[("xsrf", xsrf.as_str()), ("logout", "yes")])
        .send()
        .await
        .expect("the provider answers");
    location(&res)
}
