//! API tokens on a page (issue 14): a signed-in operator lists HQ's tokens, makes one
//! with a name and a scope (its secret shown on that answer only) and revokes one. Each
//! form carries the session's CSRF token; without a session, every route answers 303 to
//! the sign-in form.

use super::{field, message_page, page, same_secret, to_sign_in, viewer, Pages, Viewer};
use crate::store::StoredToken;
use crate::tokens::{self, Scope};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

/// What the page shows above its list.
enum Shown<'a> {
    /// The list and the empty form.
    Fresh,
    /// A token just made, with its secret.
    Made(&'a StoredToken, &'a str),
    /// The form again, its refused field marked: `name` or `scope`, with what was chosen.
    Refused { field: &'static str, name: &'a str, scope: Option<Scope> },
}

/// `GET /app/tokens`: the tokens and the form making one.
pub(super) async fn list(State(p): State<Pages>, headers: HeaderMap) -> Response {
    let Some(v) = viewer(&p, &headers) else { return to_sign_in() };
    render(&p, &v, StatusCode::OK, Shown::Fresh).await
}

/// `POST /app/tokens`: makes a token, then shows its secret once.
pub(super) async fn create(State(p): State<Pages>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(v) = viewer(&p, &headers) else { return to_sign_in() };
    if let Some(refused) = csrf_refused(&v, &body) {
        return refused;
    }
    let typed = field(&body, "name").unwrap_or_default();
    let scope = field(&body, "scope").as_deref().and_then(Scope::parse);
    let Some(name) = tokens::check_name(&typed) else {
        let shown = Shown::Refused { field: "name", name: &typed, scope };
        return render(&p, &v, StatusCode::UNPROCESSABLE_ENTITY, shown).await;
    };
    let Some(scope) = scope else {
        let shown = Shown::Refused { field: "scope", name: &typed, scope };
        return render(&p, &v, StatusCode::UNPROCESSABLE_ENTITY, shown).await;
    };
    match tokens::create(&p.hq.store, &name, scope, Some(&v.who()), &(p.hq.now)()).await {
        Ok((token, secret)) => render(&p, &v, StatusCode::CREATED, Shown::Made(&token, &secret)).await,
        Err(e) => failed(&v, &e),
    }
}

/// `POST /app/tokens/{id}/revoke`: revokes a live token, back to the list.
pub(super) async fn revoke(
    State(p): State<Pages>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let Some(v) = viewer(&p, &headers) else { return to_sign_in() };
    if let Some(refused) = csrf_refused(&v, &body) {
        return refused;
    }
    match p.hq.store.revoke_token(&id, &(p.hq.now)()).await {
        Ok(true) => {
            // A session opened with the token ends with it, the asker's own included.
            let ended = p.sessions.close_token(&id);
            tracing::info!(%id, by = %v.who(), sessions_ended = ended, "HQ API token revoked");
            (StatusCode::SEE_OTHER, [(header::LOCATION, "/app/tokens")]).into_response()
        }
        Ok(false) => {
            message_page(&v, StatusCode::NOT_FOUND, &v.lang.t("tokens-unknown-title"), &v.lang.t("tokens-unknown"))
        }
        Err(e) => failed(&v, &e),
    }
}

/// The 403 page when the form does not carry the session's CSRF token.
pub(super) fn csrf_refused(v: &Viewer, body: &[u8]) -> Option<Response> {
    let csrf = field(body, "csrf").unwrap_or_default();
    (!same_secret(&csrf, &v.csrf))
        .then(|| message_page(v, StatusCode::FORBIDDEN, &v.lang.t("csrf-title"), &v.lang.t("csrf-refused")))
}

/// The 500 page, the error in the log.
pub(super) fn failed(v: &Viewer, err: &crate::HqError) -> Response {
    tracing::error!(error = %err, "HQ page failed");
    message_page(v, StatusCode::INTERNAL_SERVER_ERROR, &v.lang.t("failed-title"), &v.lang.t("failed"))
}

fn scope_label(v: &Viewer, scope: &str) -> String {
    match Scope::parse(scope) {
        Some(Scope::ReportRead) => v.lang.t("tokens-scope-report"),
        Some(Scope::Admin) => v.lang.t("tokens-scope-admin"),
        None => scope.to_owned(),
    }
}

async fn render(p: &Pages, v: &Viewer, status: StatusCode, shown: Shown<'_>) -> Response {
    let list = match p.hq.store.tokens().await {
        Ok(list) => list,
        Err(e) => return failed(v, &e),
    };
    let title = v.lang.t("tokens-title");
    page(v.lang, Some(v), status, &title, html! { (made(v, &shown)) (form(v, &shown)) (table(v, &list)) })
}

fn made(v: &Viewer, shown: &Shown<'_>) -> Markup {
    let t = |id: &str| v.lang.t(id);
    html! {
        @if let Shown::Made(token, secret) = shown {
            section aria-labelledby="made" {
                h2 #made { (v.lang.t_with("tokens-made", &[("name", &token.name)])) }
                p { code.secret { (secret) } }
                p.note { (t("tokens-made-note")) }
            }
        }
    }
}

fn form(v: &Viewer, shown: &Shown<'_>) -> Markup {
    let t = |id: &str| v.lang.t(id);
    let (wrong_name, wrong_scope, typed, chosen) = match shown {
        Shown::Refused { field, name, scope } => (*field == "name", *field == "scope", *name, *scope),
        _ => (false, false, "", None),
    };
    html! {
        section aria-labelledby="new-token" {
            h2 #new-token { (t("tokens-new")) }
            form method="post" action="/app/tokens" {
                input type="hidden" name="csrf" value=(v.csrf);
                div.field {
                    label for="name" { (t("tokens-name")) }
                    input #name name="name" type="text" maxlength="100" required value=(typed)
                        aria-invalid=[wrong_name.then_some("true")] aria-describedby=[wrong_name.then_some("name-error")];
                    @if wrong_name { p #name-error .error { (t("tokens-name-refused")) } }
                }
                div.field {
                    label for="scope" { (t("tokens-scope")) }
                    select #scope name="scope" aria-invalid=[wrong_scope.then_some("true")]
                        aria-describedby=[wrong_scope.then_some("scope-error")] {
                        @for scope in Scope::ALL {
                            option value=(scope.as_str()) selected[chosen == Some(scope)] { (scope_label(v, scope.as_str())) }
                        }
                    }
                    @if wrong_scope { p #scope-error .error { (t("tokens-scope-refused")) } }
                }
                div { button type="submit" { (t("tokens-create")) } }
            }
            p.note { (t("tokens-note")) }
        }
    }
}

/// An instant HQ's clock wrote (RFC 3339) as a reader of the page's language writes it, to
/// the minute and in UTC ("7 décembre 2026, 05:12 UTC"); anything else as stored.
pub(super) fn when(v: &Viewer, at: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(t) => {
            let t = t.to_utc();
            format!("{}, {} UTC", v.lang.locale().date(t.date_naive()), t.format("%H:%M"))
        }
        Err(_) => at.to_owned(),
    }
}

fn table(v: &Viewer, list: &[StoredToken]) -> Markup {
    let t = |id: &str| v.lang.t(id);
    html! {
        section aria-labelledby="all-tokens" {
            h2 #all-tokens { (t("tokens-all")) }
            @if list.is_empty() {
                p { (t("tokens-none")) }
            } @else {
                div.scroll {
                    table {
                        thead { tr {
                            th scope="col" { (t("tokens-name")) }
                            th scope="col" { (t("tokens-scope")) }
                            th scope="col" { (t("tokens-created-by")) }
                            th scope="col" { (t("tokens-created-at")) }
                            th scope="col" { (t("tokens-last-used")) }
                            th scope="col" { (t("tokens-status")) }
                        } }
                        tbody {
                            @for token in list {
                                tr {
                                    th scope="row" { (token.name) }
                                    td { (scope_label(v, &token.scope)) }
                                    td { (token.created_by.as_deref().map_or_else(|| t("operator-token"), |by| v.maker(by))) }
                                    td { (when(v, &token.created_at)) }
                                    td { (token.last_used_at.as_deref().map_or_else(|| t("tokens-never"), |at| when(v, at))) }
                                    td {
                                        @if let Some(at) = &token.revoked_at {
                                            (v.lang.t_with("tokens-revoked", &[("at", &when(v, at))]))
                                        } @else {
                                            form method="post" action=(format!("/app/tokens/{}/revoke", token.id)) {
                                                input type="hidden" name="csrf" value=(v.csrf);
                                                button type="submit" aria-label=(v.lang.t_with("tokens-revoke-named", &[("name", &token.name)])) {
                                                    (t("tokens-revoke"))
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
