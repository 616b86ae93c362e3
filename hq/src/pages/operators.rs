//! HQ's operators on a page (issue 14): a signed-in operator lists who may sign in through
//! the group's provider, adds one by e-mail and removes one ([`crate::operators`]). Each
//! form carries the session's CSRF token; without a session, every route answers 303 to
//! the sign-in form. A removed operator's sessions end at once.

use super::tokens::{csrf_refused, failed, when};
use super::{field, message_page, page, to_sign_in, viewer, Pages, Viewer};
use crate::operators::{self, Added, NotRemoved, Operator};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

/// What the page shows above its list.
enum Shown<'a> {
    /// The list and the empty form.
    Fresh,
    /// An operator just added.
    Added(&'a str),
    /// The e-mail typed is not one address: the field is marked, what was typed kept.
    Refused(&'a str),
}

/// `GET /app/operators`: the operators and the form adding one.
pub(super) async fn list(State(p): State<Pages>, headers: HeaderMap) -> Response {
    let Some(v) = viewer(&p, &headers) else { return to_sign_in() };
    render(&p, &v, StatusCode::OK, Shown::Fresh).await
}

/// `POST /app/operators`: adds an operator, then the list again.
pub(super) async fn add(State(p): State<Pages>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(v) = viewer(&p, &headers) else { return to_sign_in() };
    if let Some(refused) = csrf_refused(&v, &body) {
        return refused;
    }
    let typed = field(&body, "email").unwrap_or_default();
    let Some(email) = operators::check_email(&typed) else {
        return render(&p, &v, StatusCode::UNPROCESSABLE_ENTITY, Shown::Refused(&typed)).await;
    };
    match operators::add(&p.hq.store, &p.hq.sign_in.operators, &email, &v.who(), &(p.hq.now)()).await {
        Ok(Added::New) => render(&p, &v, StatusCode::CREATED, Shown::Added(&email)).await,
        Ok(Added::Already) => {
            let message = v.lang.t_with("operators-already", &[("email", &email)]);
            message_page(&v, StatusCode::CONFLICT, &v.lang.t("operators-already-title"), &message)
        }
        Err(e) => failed(&v, &e),
    }
}

/// `POST /app/operators/remove`: removes a stored operator and ends their sessions.
pub(super) async fn remove(State(p): State<Pages>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(v) = viewer(&p, &headers) else { return to_sign_in() };
    if let Some(refused) = csrf_refused(&v, &body) {
        return refused;
    }
    let email = field(&body, "email").unwrap_or_default();
    match operators::remove(&p.hq.store, &p.hq.sign_in.operators, &email, v.operator.as_deref()).await {
        Ok(Ok(())) => {
            p.sessions.close_operator(&email.trim().to_lowercase());
            (StatusCode::SEE_OTHER, [(header::LOCATION, "/app/operators")]).into_response()
        }
        Ok(Err(why)) => {
            let (status, id) = match why {
                NotRemoved::Configured => (StatusCode::CONFLICT, "operators-configured-kept"),
                NotRemoved::Yourself => (StatusCode::CONFLICT, "operators-yourself-kept"),
                NotRemoved::Unknown => (StatusCode::NOT_FOUND, "operators-unknown"),
            };
            let shown: String = email.trim().chars().take(operators::EMAIL_MAX).collect();
            let message = v.lang.t_with(id, &[("email", &shown)]);
            message_page(&v, status, &v.lang.t("operators-not-removed-title"), &message)
        }
        Err(e) => failed(&v, &e),
    }
}

async fn render(p: &Pages, v: &Viewer, status: StatusCode, shown: Shown<'_>) -> Response {
    let all = match operators::list(&p.hq.store, &p.hq.sign_in.operators).await {
        Ok(all) => all,
        Err(e) => return failed(v, &e),
    };
    let title = v.lang.t("operators-title");
    let provider = p.hq.sign_in.oidc.is_some();
    page(v.lang, Some(v), status, &title, html! { (form(v, &shown, provider)) (table(v, &all)) })
}

fn form(v: &Viewer, shown: &Shown<'_>, provider: bool) -> Markup {
    let t = |id: &str| v.lang.t(id);
    let (wrong, typed) = match shown {
        Shown::Refused(typed) => (true, *typed),
        _ => (false, ""),
    };
    html! {
        @if let Shown::Added(email) = shown {
            p.ok role="status" { (v.lang.t_with("operators-added", &[("email", email)])) }
        }
        @if !provider {
            p.note { (t("operators-no-provider")) }
        }
        section aria-labelledby="new-operator" {
            h2 #new-operator { (t("operators-new")) }
            form method="post" action="/app/operators" {
                input type="hidden" name="csrf" value=(v.csrf);
                div.field {
                    label for="email" { (t("operators-email")) }
                    input #email name="email" type="email" maxlength="254" autocomplete="off" required value=(typed)
                        aria-invalid=[wrong.then_some("true")] aria-describedby=[wrong.then_some("email-error")];
                    @if wrong { p #email-error .error { (t("operators-email-refused")) } }
                }
                div { button type="submit" { (t("operators-add")) } }
            }
            p.note { (t("operators-note")) }
        }
    }
}

fn table(v: &Viewer, all: &[Operator]) -> Markup {
    let t = |id: &str| v.lang.t(id);
    html! {
        section aria-labelledby="all-operators" {
            h2 #all-operators { (t("operators-all")) }
            @if all.is_empty() {
                p { (t("operators-none")) }
            } @else {
                div.scroll {
                    table {
                        thead { tr {
                            th scope="col" { (t("operators-email")) }
                            th scope="col" { (t("operators-added-by")) }
                            th scope="col" { (t("operators-added-at")) }
                            th scope="col" { (t("operators-action")) }
                        } }
                        tbody {
                            @for o in all {
                                tr {
                                    th scope="row" { (o.email) }
                                    @match &o.stored {
                                        None => {
                                            td colspan="2" { (t("operators-configured")) }
                                            td { (t("operators-configured-note")) }
                                        }
                                        Some(s) => {
                                            td { (v.maker(&s.added_by)) }
                                            td { (when(v, &s.added_at)) }
                                            td {
                                                @if v.operator.as_deref() == Some(o.email.as_str()) {
                                                    (t("operators-you"))
                                                } @else {
                                                    form method="post" action="/app/operators/remove" {
                                                        input type="hidden" name="csrf" value=(v.csrf);
                                                        input type="hidden" name="email" value=(o.email);
                                                        button type="submit" aria-label=(v.lang.t_with("operators-remove-named", &[("email", &o.email)])) {
                                                            (t("operators-remove"))
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
    }
}
