//! HQ's pages in a browser (issue 14): the group report as one server-rendered HTML page,
//! no script, charts drawn as SVG on the server, readable on a phone, in English, French or
//! Dutch from `Accept-Language`.
//!
//! Sign-in ([`sign_in`]): through the group's OpenID Connect provider when one is
//! configured, each operator by their e-mail ([`crate::operators`]); else with an `admin`
//! API token (the first from `partage hq bootstrap`), looked up by its hash and throttled
//! per address. Either opens a session of eight hours ([`session`]) in the `hq_session`
//! cookie (HttpOnly, SameSite=Strict, Secure). Sign-out is a form posting the session's
//! CSRF token. A page asked for without a live session answers 303 to the form. Sessions
//! live in memory: a restart ends them. A signed-in operator manages the API's tokens on
//! `/app/tokens` ([`tokens`]) and the operators on `/app/operators` ([`operators`]).

mod i18n;
mod operators;
mod report;
pub mod session;
pub mod sign_in;
mod tokens;

pub use i18n::Lang;

use crate::http::{same_secret, Hq};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use maud::{html, Markup, DOCTYPE};
use session::Sessions;
use std::sync::Arc;
use std::time::Instant;

/// The node's hand-written style sheet, the same file, compiled in: one look for the
/// group's pages, and every class HQ's page uses (`.chart`, `.scroll`, `td.num`) is there.
const CSS: &str = include_str!("../../../node/static/app.css");

/// What the pages' handlers share: HQ, its browser sessions, the sign-ins under way and
/// the wrong tokens' count.
#[derive(Clone)]
struct Pages {
    hq: Hq,
    sessions: Arc<Sessions>,
    attempts: Arc<sign_in::Attempts>,
    throttle: Arc<sign_in::Throttle>,
}

/// A signed-in operator looking at a page, in a language.
struct Viewer {
    lang: Lang,
    /// The session's CSRF token, which the sign-out form posts.
    csrf: String,
    /// Who signed in through the provider; none after a token sign-in.
    operator: Option<String>,
    /// The token's name after a token sign-in.
    token: Option<String>,
}

impl Viewer {
    /// Who this is, as HQ records a maker: the operator's e-mail or `token "<name>"`.
    fn who(&self) -> String {
        match (&self.operator, &self.token) {
            (Some(email), _) => email.clone(),
            (None, Some(name)) => format!("token \"{name}\""),
            (None, None) => "?".to_owned(),
        }
    }

    /// A maker HQ recorded ([`Viewer::who`]'s form), as this page's language says it.
    fn maker(&self, recorded: &str) -> String {
        match recorded.strip_prefix("token \"").and_then(|rest| rest.strip_suffix('"')) {
            Some(name) => self.lang.t_with("operator-token-named", &[("name", name)]),
            None => recorded.to_owned(),
        }
    }

    /// Who this is, as the page's header says it.
    fn shown(&self) -> String {
        match (&self.operator, &self.token) {
            (Some(email), _) => email.clone(),
            (None, Some(name)) => self.lang.t_with("operator-token-named", &[("name", name)]),
            (None, None) => self.lang.t("operator-token"),
        }
    }
}

/// The pages' routes, with their own sessions.
pub fn routes(hq: Hq) -> Router {
    Router::new()
        .route("/", get(sign_in_form))
        .route("/app", get(sign_in_form))
        .route("/sign-in", post(sign_in::with_token))
        .route("/sign-out", post(sign_out))
        .route("/auth/login", get(sign_in::login))
        .route("/auth/callback", get(sign_in::callback))
        .route("/auth/signed-out", get(sign_in::signed_out))
        .route("/app/report", get(report::latest))
        .route("/app/report/{period}", get(report::report_page))
        .route("/app/report/{period}/csv", get(report::csv))
        .route("/app/tokens", get(tokens::list).post(tokens::create))
        .route("/app/tokens/{id}/revoke", post(tokens::revoke))
        .route("/app/operators", get(operators::list).post(operators::add))
        .route("/app/operators/remove", post(operators::remove))
        .route("/static/app.css", get(css))
        .with_state(Pages {
            hq,
            sessions: Arc::new(Sessions::default()),
            attempts: Arc::new(sign_in::Attempts::default()),
            throttle: Arc::new(sign_in::Throttle::default()),
        })
}

fn lang(headers: &HeaderMap) -> Lang {
    Lang::choose(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
}

/// The session id among the request's cookies (HTTP/2 may split them over several headers).
fn session_id(headers: &HeaderMap) -> Option<String> {
    partage_oidc::cookie(headers, session::COOKIE)
}

/// The operator behind the request's cookie, if their session is live.
fn viewer(p: &Pages, headers: &HeaderMap) -> Option<Viewer> {
    let session = session_id(headers).and_then(|id| p.sessions.find(&id, Instant::now()))?;
    Some(Viewer {
        lang: lang(headers),
        csrf: session.csrf,
        operator: session.operator,
        token: session.token.map(|t| t.name),
    })
}

/// Where a page sends a browser without a live session.
fn to_sign_in() -> Response {
    see_other("/")
}

fn see_other(to: &'static str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
}

/// A whole page: `viewer` is none on the sign-in form, which has no sign-out.
fn page(lang: Lang, viewer: Option<&Viewer>, status: StatusCode, title: &str, body: Markup) -> Response {
    let t = |id: &str| lang.t(id);
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.0) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (t("app-name")) }
                link rel="stylesheet" href="/static/app.css";
            }
            body {
                header {
                    strong { (t("app-name")) }
                    @if let Some(v) = viewer {
                        nav aria-label=(t("app-name")) {
                            a href="/app/report" { (t("nav-report")) }
                            " "
                            a href="/app/tokens" { (t("nav-tokens")) }
                            " "
                            a href="/app/operators" { (t("nav-operators")) }
                        }
                        form method="post" action="/sign-out" {
                            span.note {
                                (lang.t_with("signed-in-as", &[("operator", &v.shown())]))
                                " "
                            }
                            input type="hidden" name="csrf" value=(v.csrf);
                            button type="submit" { (t("sign-out")) }
                        }
                    }
                }
                main { h1 { (title) } (body) }
            }
        }
    };
    let mut res = (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], markup.into_string()).into_response();
    let headers = res.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang.0));
    // No script, no frame, no form to elsewhere: the page needs nothing more.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    res
}

/// A signed-in page that only says what went wrong, with its status.
fn message_page(v: &Viewer, status: StatusCode, title: &str, message: &str) -> Response {
    page(v.lang, Some(v), status, title, html! { p.error { (message) } })
}

/// `GET /`, `GET /app`: the sign-in form, or the report when already signed in.
async fn sign_in_form(State(p): State<Pages>, headers: HeaderMap) -> Response {
    if viewer(&p, &headers).is_some() {
        return see_other("/app/report");
    }
    let lang = lang(&headers);
    page(lang, None, StatusCode::OK, &lang.t("sign-in-title"), sign_in::form_markup(&p, lang, sign_in::Shown::Fresh))
}

/// The value of `name` in a posted form.
pub(super) fn field(body: &[u8], name: &str) -> Option<String> {
    form_urlencoded::parse(body).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

/// `POST /sign-out`: ends the session when the form carries its CSRF token, then at the
/// provider when the session came from it.
async fn sign_out(State(p): State<Pages>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(v) = viewer(&p, &headers) else { return to_sign_in() };
    let csrf = field(&body, "csrf").unwrap_or_default();
    if !same_secret(&csrf, &v.csrf) {
        let title = v.lang.t("csrf-title");
        return message_page(&v, StatusCode::FORBIDDEN, &title, &v.lang.t("csrf-refused"));
    }
    let closed = session_id(&headers).and_then(|id| p.sessions.close(&id));
    let to = sign_in::after_sign_out(&p, closed.and_then(|s| s.id_token).as_deref()).await;
    let mut res = match HeaderValue::from_str(&to) {
        Ok(to) => (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response(),
        Err(_) => see_other("/"),
    };
    if let Ok(cookie) = HeaderValue::from_str(&session::clear_cookie()) {
        res.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    res
}

async fn css() -> Response {
    let mut res = ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], CSS).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("max-age=3600"));
    res
}
