//! How HQ's operators sign in to the pages.
//!
//! With the group's OpenID Connect provider configured ([`SignIn::oidc`]), the only way
//! in: `GET /auth/login` sends the browser to the provider (authorization code with PKCE,
//! through `partage_oidc`, the node's own relying party), `GET /auth/callback` checks
//! the state against the browser's `hq_login` cookie, consumes it, has the code exchanged
//! and the ID token checked, and opens a session when the verified e-mail is one of HQ's
//! operators ([`crate::operators`]: configured or kept). Sign-out then also ends the session at the provider
//! (RP-initiated logout). The attempts under way live in memory, like the sessions.
//!
//! Without a provider, the token's form (`POST /sign-in`), which an `admin` API token opens
//! (the first from `partage hq bootstrap`): a small office's HQ, or the first run. Wrong
//! tokens are throttled per client address ([`Throttle`]), so guessing one is slow and
//! shows in the log.

use super::{lang, page, see_other, session, Lang, Pages};
use crate::http::same_secret;
use crate::tokens::Scope;
use axum::body::Bytes;
use axum::extract::connect_info::ConnectInfo;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use maud::{html, Markup};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How HQ's operators sign in.
#[derive(Clone, Debug, Default)]
pub struct SignIn {
    /// The group's provider and HQ's client at it; none: the operator token's form.
    pub oidc: Option<partage_oidc::Settings>,
    /// The operators named in the configuration (`--operator`), lower case; those added on
    /// the pages are in the store.
    pub operators: Vec<String>,
}

impl SignIn {
    /// The sign-in of `partage hq serve`'s options: with an issuer, its client and HQ's
    /// public URL must be given too; without, the token's form. Whether some operator can
    /// sign in at all is the caller's to check, as the store keeps operators too.
    pub fn configure(
        issuer: Option<&str>,
        client_id: &str,
        client_secret: &str,
        public_url: Option<&str>,
        operators: &[String],
    ) -> Result<SignIn, crate::HqError> {
        let config = |m: String| crate::HqError::Config(m);
        let url = |name: &str, v: &str| {
            if v.starts_with("https://") || v.starts_with("http://") {
                Ok(v.to_owned())
            } else {
                Err(config(format!("{name} '{v}' is not an http(s) URL")))
            }
        };
        let Some(issuer) = issuer.map(str::trim).filter(|i| !i.is_empty()) else {
            if operators.is_empty() {
                return Ok(SignIn::default());
            }
            return Err(config("--operator needs --oidc-issuer: operators sign in through the provider".into()));
        };
        // The issuer is kept as written: the provider's discovery document must say exactly it.
        let issuer = url("--oidc-issuer", issuer)?;
        let Some(public_url) = public_url.map(str::trim).filter(|u| !u.is_empty()) else {
            return Err(config(
                "--public-url must be set with --oidc-issuer: the provider sends browsers back there".into(),
            ));
        };
        let public_url = url("--public-url", public_url)?;
        if client_id.trim().is_empty() {
            return Err(config("--oidc-client-id must be set with --oidc-issuer".into()));
        }
        if client_secret.len() < 16 {
            return Err(config("--oidc-client-secret must be set with --oidc-issuer (16 characters at least)".into()));
        }
        let operators = operators
            .iter()
            .filter(|o| !o.trim().is_empty())
            .map(|o| {
                crate::operators::check_email(o)
                    .ok_or_else(|| config(format!("--operator '{}' is not an e-mail address", o.trim())))
            })
            .collect::<Result<Vec<String>, _>>()?;
        let oidc = partage_oidc::Settings {
            issuer,
            client_id: client_id.trim().to_owned(),
            client_secret: client_secret.to_owned(),
            public_url: public_url.trim_end_matches('/').to_owned(),
        };
        Ok(SignIn { oidc: Some(oidc), operators })
    }
}

/// The cookie binding a sign-in under way to the browser that started it.
const LOGIN_COOKIE: &str = "hq_login";

/// How many sign-ins may be under way at once: a bound on memory against a flood of
/// `/auth/login`; each is dropped after `partage_oidc::LOGIN_MINUTES`.
const MAX_ATTEMPTS: usize = 10_000;

/// What a sign-in under way keeps until its callback.
struct Attempt {
    /// SHA-256 of the `hq_login` cookie's secret.
    browser: [u8; 32],
    nonce: String,
    verifier: String,
    started: Instant,
}

/// The sign-ins under way, by their `state`.
#[derive(Default)]
pub struct Attempts {
    live: Mutex<HashMap<String, Attempt>>,
}

fn attempt_lifetime() -> Duration {
    Duration::from_secs(u64::try_from(partage_oidc::LOGIN_MINUTES).unwrap_or(10) * 60)
}

impl Attempts {
    /// Keeps a started sign-in; false when too many are under way.
    fn keep(&self, started: &partage_oidc::Started, browser: &str, now: Instant) -> bool {
        let mut live = self.live.lock().unwrap_or_else(PoisonError::into_inner);
        live.retain(|_, a| now.duration_since(a.started) < attempt_lifetime());
        if live.len() >= MAX_ATTEMPTS {
            return false;
        }
        let attempt = Attempt {
            browser: Sha256::digest(browser.as_bytes()).into(),
            nonce: started.nonce.clone(),
            verifier: started.verifier.clone(),
            started: now,
        };
        live.insert(started.state.clone(), attempt);
        true
    }

    /// Takes the attempt of `state` if this browser started it and it is not stale: a
    /// state works once, whatever follows.
    fn take(&self, state: &str, browser: Option<&str>, now: Instant) -> Option<Attempt> {
        let mut live = self.live.lock().unwrap_or_else(PoisonError::into_inner);
        let mine = live.get(state).is_some_and(|a| {
            browser.is_some_and(|b| {
                let digest: [u8; 32] = Sha256::digest(b.as_bytes()).into();
                same_secret(&hex::encode(digest), &hex::encode(a.browser))
            }) && now.duration_since(a.started) < attempt_lifetime()
        });
        if mine {
            live.remove(state)
        } else {
            None
        }
    }
}

/// Wrong tokens allowed from one address within [`Throttle::WINDOW`].
const FAILURES_ALLOWED: u32 = 5;

/// Wrong operator tokens by client address: after [`FAILURES_ALLOWED`] in a window, the
/// address is refused (429) until the window ends, even with the right token, so a
/// guesser gets five tries a quarter of an hour. Behind a reverse proxy every operator
/// shares the proxy's address: the limit is then HQ-wide, which errs on the safe side.
#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<Option<IpAddr>, (u32, Instant)>>,
}

impl Throttle {
    /// How long failures are remembered.
    pub const WINDOW: Duration = Duration::from_secs(15 * 60);
    /// Addresses remembered at most; beyond, every new address is refused until some expire.
    const MAX_ADDRESSES: usize = 100_000;

    /// How long `address` must still wait, if it is refused at `now`.
    pub fn wait(&self, address: Option<IpAddr>, now: Instant) -> Option<Duration> {
        let failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        match failures.get(&address) {
            Some((count, since)) if *count >= FAILURES_ALLOWED => {
                Self::WINDOW.checked_sub(now.duration_since(*since)).filter(|d| !d.is_zero())
            }
            Some(_) => None,
            None if failures.len() >= Self::MAX_ADDRESSES => Some(Self::WINDOW),
            None => None,
        }
    }

    /// Counts a wrong token from `address`.
    pub fn failed(&self, address: Option<IpAddr>, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        if failures.len() >= Self::MAX_ADDRESSES {
            failures.retain(|_, (_, since)| now.duration_since(*since) < Self::WINDOW);
        }
        let entry = failures.entry(address).or_insert((0, now));
        if now.duration_since(entry.1) >= Self::WINDOW {
            *entry = (0, now);
        }
        entry.0 = entry.0.saturating_add(1);
    }

    /// Forgets an address's failures after it signed in.
    pub fn succeeded(&self, address: Option<IpAddr>) {
        self.failures.lock().unwrap_or_else(PoisonError::into_inner).remove(&address);
    }
}

/// What the sign-in page says above its form.
#[derive(Clone, Copy)]
pub(super) enum Shown<'a> {
    /// Nothing: a first visit.
    Fresh,
    /// The token was wrong: the field is marked and its message is beside it.
    WrongToken,
    /// Why the last try failed.
    Refusal(&'a str),
}

/// The sign-in page: the provider's button, or the token's form.
pub(super) fn form_markup(p: &Pages, lang: Lang, shown: Shown<'_>) -> Markup {
    let t = |id: &str| lang.t(id);
    let wrong = matches!(shown, Shown::WrongToken);
    html! {
        @if let Shown::Refusal(message) = shown {
            p.error role="alert" { (message) }
        }
        @if p.hq.sign_in.oidc.is_some() {
            form method="get" action="/auth/login" {
                div { button type="submit" { (t("sign-in-provider")) } }
            }
            p.note { (t("sign-in-provider-note")) }
        } @else {
            form method="post" action="/sign-in" {
                div.field {
                    label for="token" { (t("sign-in-token")) }
                    input #token name="token" type="password" autocomplete="current-password" required
                        aria-invalid=[wrong.then_some("true")] aria-describedby=[wrong.then_some("token-error")];
                    @if wrong { p #token-error .error { (t("sign-in-refused")) } }
                }
                div { button type="submit" { (t("sign-in-submit")) } }
            }
            p.note { (t("sign-in-note")) }
        }
    }
}

/// The sign-in page again, with why the last try failed.
fn refused(p: &Pages, headers: &HeaderMap, status: StatusCode, shown: Shown<'_>) -> Response {
    let lang = lang(headers);
    page(lang, None, status, &lang.t("sign-in-title"), form_markup(p, lang, shown))
}

/// The `Set-Cookie` of the login cookie: Lax, as the provider's redirect back is a
/// top-level navigation from another site, and only on `/auth`.
fn login_cookie(value: &str, max_age: u64) -> HeaderValue {
    let text = format!("{LOGIN_COOKIE}={value}; HttpOnly; SameSite=Lax; Secure; Path=/auth; Max-Age={max_age}");
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("hq_login=; Max-Age=0"))
}

/// Opens a session for `operator` (or `token`) and sends the browser on to the report.
fn open_session(
    p: &Pages,
    operator: Option<String>,
    token: Option<session::TokenRef>,
    id_token: Option<String>,
    via: Response,
) -> Response {
    let (id, _) = p.sessions.open(Instant::now(), operator, token, id_token);
    let mut res = via;
    if let Ok(cookie) = HeaderValue::from_str(&session::set_cookie(&id)) {
        res.headers_mut().append(header::SET_COOKIE, cookie);
    }
    res
}

fn address(connected: Option<Extension<ConnectInfo<SocketAddr>>>) -> Option<IpAddr> {
    connected.map(|Extension(ConnectInfo(a))| a.ip())
}

/// `POST /sign-in`: a live `admin` token opens a session; a wrong one gets the form again,
/// 401, and counts against the address; a live token of another scope gets 403 saying
/// why (it is no guess); a throttled address gets 429 whatever it sends.
pub(super) async fn with_token(
    State(p): State<Pages>,
    connected: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = lang(&headers);
    if p.hq.sign_in.oidc.is_some() {
        return refused(&p, &headers, StatusCode::FORBIDDEN, Shown::Refusal(&lang.t("sign-in-token-off")));
    }
    let from = address(connected);
    let now = Instant::now();
    if let Some(wait) = p.throttle.wait(from, now) {
        tracing::warn!(address = ?from, "HQ sign-in throttled");
        let minutes = wait.as_secs().div_ceil(60).max(1).to_string();
        let message = lang.t_with("sign-in-throttled", &[("minutes", &minutes)]);
        let mut res = refused(&p, &headers, StatusCode::TOO_MANY_REQUESTS, Shown::Refusal(&message));
        if let Ok(v) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return res;
    }
    let given = super::field(&body, "token").unwrap_or_default();
    let token = match crate::tokens::authenticate(&p.hq.store, given.trim(), &(p.hq.now)()).await {
        Ok(Some((token, Scope::Admin))) => token,
        Ok(Some((token, scope))) => {
            tracing::warn!(address = ?from, token = %token.id, "HQ sign-in with a token not admin");
            let message = lang.t_with("sign-in-token-scope", &[("scope", scope.as_str())]);
            return refused(&p, &headers, StatusCode::FORBIDDEN, Shown::Refusal(&message));
        }
        Ok(None) => {
            p.throttle.failed(from, now);
            // Counted in the log (never the value), so repeated guessing shows.
            tracing::warn!(address = ?from, "HQ sign-in refused");
            return refused(&p, &headers, StatusCode::UNAUTHORIZED, Shown::WrongToken);
        }
        Err(e) => {
            tracing::error!(error = %e, "HQ sign-in could not read the tokens");
            return refused(&p, &headers, StatusCode::INTERNAL_SERVER_ERROR, Shown::Refusal(&lang.t("failed")));
        }
    };
    p.throttle.succeeded(from);
    tracing::info!(address = ?from, token = %token.id, "HQ operator signed in with a token");
    let token = session::TokenRef { id: token.id, name: token.name };
    open_session(&p, None, Some(token), None, see_other("/app/report"))
}

/// The callback's query: the provider's code and the state, or its error.
#[derive(Debug, serde::Deserialize)]
pub(super) struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

/// `GET /auth/login`: to the provider, with the sign-in kept and bound to this browser.
pub(super) async fn login(State(p): State<Pages>, headers: HeaderMap) -> Response {
    let lang = lang(&headers);
    let Some(settings) = p.hq.sign_in.oidc.as_ref() else {
        return refused(&p, &headers, StatusCode::NOT_FOUND, Shown::Refusal(&lang.t("sign-in-no-provider")));
    };
    let started = match partage_oidc::start(settings).await {
        Ok(s) => s,
        Err(e) => return provider_refusal(&p, &headers, &e),
    };
    let browser = session::random_hex();
    if !p.attempts.keep(&started, &browser, Instant::now()) {
        return refused(&p, &headers, StatusCode::SERVICE_UNAVAILABLE, Shown::Refusal(&lang.t("sign-in-busy")));
    }
    let mut res = match HeaderValue::from_str(&started.url) {
        Ok(to) => (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response(),
        Err(_) => return provider_refusal(&p, &headers, &partage_oidc::Refusal::ProviderUnavailable(started.url)),
    };
    res.headers_mut().append(header::SET_COOKIE, login_cookie(&browser, attempt_lifetime().as_secs()));
    res
}

/// A refusal of the provider's, on the sign-in page with its status.
fn provider_refusal(p: &Pages, headers: &HeaderMap, e: &partage_oidc::Refusal) -> Response {
    use partage_oidc::Refusal;
    let lang = lang(headers);
    let (status, message) = match e {
        Refusal::NotConfigured => (StatusCode::NOT_FOUND, lang.t("sign-in-no-provider")),
        Refusal::ProviderUnavailable(reason) => {
            (StatusCode::BAD_GATEWAY, lang.t_with("sign-in-provider-unavailable", &[("reason", reason)]))
        }
        Refusal::LoginRefused(reason) | Refusal::IdTokenRefused(reason) => {
            (StatusCode::UNAUTHORIZED, lang.t_with("sign-in-provider-refused", &[("reason", reason)]))
        }
    };
    tracing::warn!(%e, "HQ sign-in through the provider refused");
    refused(p, headers, status, Shown::Refusal(&message))
}

/// `GET /auth/callback`: the provider's answer. The attempt is consumed first, so a
/// replayed state or code finds nothing; then the code, the ID token and the operator.
pub(super) async fn callback(State(p): State<Pages>, headers: HeaderMap, Query(q): Query<Callback>) -> Response {
    let lang = lang(&headers);
    let Some(settings) = p.hq.sign_in.oidc.as_ref() else {
        return refused(&p, &headers, StatusCode::NOT_FOUND, Shown::Refusal(&lang.t("sign-in-no-provider")));
    };
    if let Some(error) = q.error {
        let reason = match q.error_description {
            Some(d) => format!("{error} ({d})"),
            None => error,
        };
        return provider_refusal(&p, &headers, &partage_oidc::Refusal::LoginRefused(reason));
    }
    let unknown = || refused(&p, &headers, StatusCode::BAD_REQUEST, Shown::Refusal(&lang.t("sign-in-unknown")));
    let (Some(code), Some(state)) = (q.code, q.state) else { return unknown() };
    let browser = partage_oidc::cookie(&headers, LOGIN_COOKIE);
    let Some(attempt) = p.attempts.take(&state, browser.as_deref(), Instant::now()) else { return unknown() };
    let signed_in =
        match partage_oidc::finish(settings, &code, attempt.verifier, &attempt.nonce, chrono::Utc::now()).await {
            Ok(s) => s,
            Err(e) => return provider_refusal(&p, &headers, &e),
        };
    let Some(email) = signed_in.claims.verified_email.map(|e| e.trim().to_lowercase()) else {
        return refused(&p, &headers, StatusCode::FORBIDDEN, Shown::Refusal(&lang.t("sign-in-no-email")));
    };
    let operator = match crate::operators::is_operator(&p.hq.store, &p.hq.sign_in.operators, &email).await {
        Ok(known) => known,
        Err(e) => {
            tracing::error!(error = %e, "HQ sign-in could not read the operators");
            return refused(&p, &headers, StatusCode::INTERNAL_SERVER_ERROR, Shown::Refusal(&lang.t("failed")));
        }
    };
    if !operator {
        tracing::warn!(%email, "HQ sign-in of someone who is not an operator");
        let message = lang.t_with("sign-in-not-operator", &[("email", &email)]);
        return refused(&p, &headers, StatusCode::FORBIDDEN, Shown::Refusal(&message));
    }
    tracing::info!(%email, subject = %signed_in.claims.subject, "HQ operator signed in through the provider");
    // The session cookie is SameSite=Strict, which a browser does not send on a redirect
    // chain that began at the provider: a page of ours moves on, same-site, to the report.
    let mut continue_page = page(
        lang,
        None,
        StatusCode::OK,
        &lang.t("signed-in-title"),
        html! { p { a href="/app/report" { (lang.t("signed-in-continue")) } } },
    );
    // The Refresh header (HTML's "shared declarative refresh steps"), no script needed.
    continue_page.headers_mut().insert("refresh", HeaderValue::from_static("0; url=/app/report"));
    let mut res = open_session(&p, Some(email), None, Some(signed_in.id_token), continue_page);
    res.headers_mut().append(header::SET_COOKIE, login_cookie("", 0));
    res
}

/// Where the browser goes once the session is closed: the provider's logout when the
/// session came from it, else the sign-in page.
pub(super) async fn after_sign_out(p: &Pages, id_token: Option<&str>) -> String {
    let (Some(settings), Some(id_token)) = (p.hq.sign_in.oidc.as_ref(), id_token) else { return "/".into() };
    match partage_oidc::logout_url(settings, id_token).await {
        Ok(Some(url)) => url,
        Ok(None) => "/".into(),
        Err(e) => {
            // The session is closed here whatever the provider says; its own may outlive it.
            tracing::warn!(%e, "HQ could not end the session at the provider");
            "/".into()
        }
    }
}

/// `GET /auth/signed-out`: the provider sends the browser back here after its logout.
pub(super) async fn signed_out() -> Response {
    see_other("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn started(state: &str) -> partage_oidc::Started {
        partage_oidc::Started { url: String::new(), state: state.into(), nonce: "n".into(), verifier: "v".into() }
    }

    #[test]
    fn an_attempt_is_taken_once_by_the_browser_that_started_it_within_ten_minutes() {
        let attempts = Attempts::default();
        let now = Instant::now();
        assert!(attempts.keep(&started("s1"), "browser-1", now));
        assert!(attempts.take("s1", Some("browser-2"), now).is_none(), "another browser");
        assert!(attempts.take("s1", None, now).is_none(), "no cookie");
        assert!(attempts.take("s2", Some("browser-1"), now).is_none(), "another state");
        assert_eq!(attempts.take("s1", Some("browser-1"), now).map(|a| a.verifier), Some("v".into()));
        assert!(attempts.take("s1", Some("browser-1"), now).is_none(), "a state works once");
        assert!(attempts.keep(&started("s3"), "browser-1", now));
        assert!(attempts.take("s3", Some("browser-1"), now + attempt_lifetime()).is_none(), "stale");
    }

    #[test]
    fn five_wrong_tokens_close_an_address_for_a_quarter_of_an_hour_and_no_other() {
        let throttle = Throttle::default();
        let (one, other) = (Some(IpAddr::from([192, 0, 2, 1])), Some(IpAddr::from([192, 0, 2, 2])));
        let start = Instant::now();
        for minute in 0..5 {
            assert_eq!(throttle.wait(one, start), None, "try {minute}");
            throttle.failed(one, start + Duration::from_secs(minute * 60));
        }
        let later = start + Duration::from_secs(5 * 60);
        assert_eq!(throttle.wait(one, later), Some(Duration::from_secs(10 * 60)));
        assert_eq!(throttle.wait(other, later), None);
        assert_eq!(throttle.wait(one, start + Throttle::WINDOW), None, "the window has passed");
        throttle.failed(one, start + Throttle::WINDOW);
        assert_eq!(throttle.wait(one, start + Throttle::WINDOW), None, "counting starts again");
        throttle.succeeded(one);
        assert!(throttle.failures.lock().map(|f| f.is_empty()).unwrap_or_default());
    }

    #[test]
    fn a_provider_needs_its_client_and_hqs_url_and_operators_are_e_mails() {
        let ops = vec!["Ops@Group.Example".to_owned()];
        let secret = "0123456789abcdef";
        let ok =
            SignIn::configure(Some("https://id.example"), "hq", secret, Some("https://hq.example/"), &ops).unwrap();
        assert_eq!(ok.operators, ["ops@group.example"]);
        assert_eq!(ok.oidc.map(|o| o.redirect_url()).as_deref(), Some("https://hq.example/auth/callback"));
        assert!(SignIn::configure(None, "", "", None, &[]).unwrap().oidc.is_none());
        let refused =
            |issuer: Option<&str>, id: &str, secret: &str, url: Option<&str>, ops: &[String]| match SignIn::configure(
                issuer, id, secret, url, ops,
            ) {
                Err(crate::HqError::Config(m)) => m,
                other => panic!("accepted: {other:?}"),
            };
        let issuer = Some("https://id.example");
        assert!(refused(None, "", "", None, &ops).contains("--oidc-issuer"));
        assert!(refused(Some("id.example"), "hq", secret, Some("https://hq.example"), &ops).contains("--oidc-issuer"));
        assert!(refused(issuer, "hq", secret, None, &ops).contains("--public-url"));
        assert!(refused(issuer, " ", secret, Some("https://hq.example"), &ops).contains("--oidc-client-id"));
        assert!(refused(issuer, "hq", "short", Some("https://hq.example"), &ops).contains("--oidc-client-secret"));
        let none = SignIn::configure(issuer, "hq", secret, Some("https://hq.example"), &[" ".into()]).unwrap();
        assert!(none.operators.is_empty(), "the store may hold the operators");
        let bad = vec!["ops".to_owned()];
        assert!(refused(issuer, "hq", secret, Some("https://hq.example"), &bad).contains("'ops'"));
    }
}
