//! The admin's pages: the node's settings, API tokens (made, shown once, revoked), staff
//! accounts and their roles, and the audit log of corrections. Each form posts to the
//! service function the API's route calls (`auth::tokens`, `auth::sessions`), with the
//! session's CSRF token; every route is the admin's only, as `/api-tokens` and
//! `/accounts` are on the API.

use super::forms::{form_error, input, select, FieldError, Posted};
use super::{check_csrf, page, role_in, PageError, Viewer};
use crate::auth::tokens::{self, NewApiTokenView, NewToken};
use crate::auth::{sessions, Role};
use crate::error::AppError;
use crate::http::problem::Problem;
use crate::service::{history, Node};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use uuid::Uuid;

/// Corrections the audit log shows a page.
const AUDIT_PAGE: u64 = 50;

fn admin(v: &Viewer) -> Result<(), PageError> {
    role_in(v, &[Role::Admin])
}

/// The roles a form offers, in the page's language.
fn role_options(v: &Viewer, roles: &[Role]) -> Vec<(String, String)> {
    roles.iter().map(|r| (r.as_str().to_owned(), v.lang.t(&format!("role-{r}")))).collect()
}

/// `/app/admin/settings`: the fee, the fund's share of it and the employer-cost
/// coefficient, with the configuration key each comes from. The API changes none of
/// them: a node reads them from its configuration at start, so the page only shows them.
pub(super) async fn settings(State(node): State<Node>, headers: HeaderMap) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    admin(&v)?;
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let s = &node.settings;
    let rows = [
        ("settings-fee", loc.percent(s.fee.rate.value()), "fee.rate"),
        ("settings-fund-share", loc.percent(s.fee.fund_share.value()), "fee.guarantee_fund_share"),
        ("settings-coefficient", loc.number(s.employer_cost_coefficient, 2), "payroll.employer_cost_coefficient"),
        (
            "settings-share-nominal",
            loc.money(s.share_nominal.amount(), s.share_nominal.currency().code()),
            "shares.nominal",
        ),
        ("settings-payment-terms", s.payment_terms_days.to_string(), "invoicing.payment_terms_days"),
    ];
    let body = html! {
        p.note { (t("settings-note")) }
        div.scroll { table {
            thead { tr {
                th scope="col" { (t("settings-name")) }
                th.num scope="col" { (t("settings-value")) }
                th scope="col" { (t("settings-key")) }
            } }
            tbody {
                @for (label, value, key) in &rows {
                    tr { th scope="row" { (t(label)) } td.num { (value) } td { code { (key) } } }
                }
            }
        } }
    };
    Ok(page(&v, &t("settings-title"), body))
}

/// `/app/admin/tokens`: every API token with its role, and the form to make one.
pub(super) async fn tokens_page(State(node): State<Node>, headers: HeaderMap) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    admin(&v)?;
    render_tokens(&node, &v, &Posted::default(), None, None).await
}

async fn render_tokens(
    node: &Node,
    v: &Viewer,
    form: &Posted,
    error: Option<&FieldError>,
    made: Option<&NewApiTokenView>,
) -> Result<Response, PageError> {
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let list = tokens::list(node.store.db()).await?;
    let csrf = v.principal.csrf.clone().unwrap_or_default();
    let roles = role_options(v, &[Role::Member, Role::Advisor, Role::Admin, Role::Hq]);
    let role = if form.get("role").is_empty() { "advisor" } else { form.get("role") };
    let fields = ["name".to_owned(), "role".to_owned(), "member_id".to_owned()];
    let body = html! {
        @if let Some(m) = made {
            section.made role="status" aria-labelledby="token-made" {
                h2 #token-made { (v.lang.t_with("token-made-title", &[("name", &m.token.name)])) }
                p { (t("token-made-note")) }
                p { code.secret { (m.secret) } }
            }
        }
        h2 { (t("tokens-list")) }
        @if list.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("token-name")) }
                    th scope="col" { (t("token-role")) }
                    th scope="col" { (t("token-created")) }
                    th scope="col" { (t("status")) }
                    th scope="col" { (t("token-revoke")) }
                } }
                tbody {
                    @for k in &list {
                        tr {
                            td { (k.name) }
                            td {
                                (t(&format!("role-{}", k.role)))
                                @if let Some(m) = k.member_id { br; small { (t("token-member")) " " (m) } }
                            }
                            td { (loc.date(k.created_at.date())) }
                            td {
                                @if let Some(r) = k.revoked_at {
                                    (v.lang.t_with("token-revoked-on", &[("date", &loc.date(r.date()))]))
                                } @else {
                                    (t("token-active"))
                                }
                            }
                            td {
                                @if k.revoked_at.is_none() {
                                    form method="post" action={ "/app/admin/tokens/" (k.id) "/revoke" } {
                                        input type="hidden" name="csrf" value=(csrf);
                                        button type="submit" aria-label={ (t("token-revoke")) " " (k.name) } { (t("token-revoke")) }
                                    }
                                }
                            }
                        }
                    }
                }
            } }
        }
        h2 { (t("token-new")) }
        form method="post" action="/app/admin/tokens" novalidate {
            input type="hidden" name="csrf" value=(csrf);
            (form_error(error, &fields))
            (input("name", &t("token-name-field"), "text", form.get("name"), error))
            (select("role", &t("token-role"), &roles, role, error))
            (input("member_id", &t("token-member-field"), "text", form.get("member_id"), error))
            div { button type="submit" { (t("token-create")) } }
        }
    };
    let mut res = page(v, &t("tokens-title"), body);
    if error.is_some() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    } else if made.is_some() {
        *res.status_mut() = StatusCode::CREATED;
    }
    Ok(res)
}

/// Makes a token through `tokens::create` and shows its secret on this answer only
/// (nothing stores it, so there is no page to redirect to; the page is `no-store`).
pub(super) async fn create_token(
    State(node): State<Node>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    let form = Posted::parse(&body);
    check_csrf(&v, form.get("csrf"))?;
    admin(&v)?;
    match make_token(&node, &v, &form).await {
        Ok(made) => render_tokens(&node, &v, &Posted::default(), None, Some(&made)).await,
        Err(e) => render_tokens(&node, &v, &form, Some(&e), None).await,
    }
}

async fn make_token(node: &Node, v: &Viewer, form: &Posted) -> Result<NewApiTokenView, FieldError> {
    if form.get("name").is_empty() {
        return Err(FieldError::required(v, "name"));
    }
    let role = Role::parse(form.get("role")).ok_or_else(|| FieldError::required(v, "role"))?;
    let member_id = match form.get("member_id") {
        "" => None,
        text => Some(text.parse::<Uuid>().map_err(|_| {
            FieldError::from_app(v, AppError::invalid("member_id", "a member's id (a UUID), or nothing"))
        })?),
    };
    let new = NewToken { name: form.get("name").to_owned(), role, member_id };
    let run = async {
        let txn = node.store.write().await?;
        let made = tokens::create(&*txn, new, node.now(), &v.principal.name).await?;
        txn.commit().await?;
        Ok::<_, AppError>(made)
    };
    run.await.map_err(|e| FieldError::from_app(v, e))
}

/// Revokes a token through `tokens::revoke`, then shows the list again (303).
pub(super) async fn revoke_token(
    State(node): State<Node>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    check_csrf(&v, Posted::parse(&body).get("csrf"))?;
    admin(&v)?;
    let txn = node.store.write().await?;
    tokens::revoke(&*txn, id, node.now(), &v.principal.name).await?;
    txn.commit().await?;
    node.tokens.forget_all();
    Ok(Redirect::to("/app/admin/tokens").into_response())
}

/// `/app/admin/accounts`: staff accounts and their roles, each role changeable, and the
/// form to add one (the person then signs in through the provider with that e-mail).
pub(super) async fn accounts_page(State(node): State<Node>, headers: HeaderMap) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    admin(&v)?;
    render_accounts(&node, &v, &Posted::default(), None).await
}

async fn render_accounts(
    node: &Node,
    v: &Viewer,
    form: &Posted,
    error: Option<&FieldError>,
) -> Result<Response, PageError> {
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let list = sessions::staff(node.store.db()).await?;
    let csrf = v.principal.csrf.clone().unwrap_or_default();
    let roles = role_options(v, &[Role::Advisor, Role::Admin, Role::Hq]);
    let role = if form.get("role").is_empty() { "advisor" } else { form.get("role") };
    let fields = ["email".to_owned(), "role".to_owned()];
    let body = html! {
        p.note { (t("accounts-note")) }
        (form_error(error, &fields))
        h2 { (t("accounts-list")) }
        @if list.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("account-email")) }
                    th scope="col" { (t("account-role")) }
                    th scope="col" { (t("account-signed-in")) }
                    th scope="col" { (t("account-added")) }
                } }
                tbody {
                    @for a in &list {
                        tr {
                            td { (a.email) }
                            td {
                                form.inline method="post" action={ "/app/admin/accounts/" (a.id) "/role" } {
                                    input type="hidden" name="csrf" value=(csrf);
                                    select name="role" aria-label={ (t("account-role")) " " (a.email) } {
                                        @for (value, text) in &roles {
                                            option value=(value) selected[value == a.role.as_str()] { (text) }
                                        }
                                    }
                                    " "
                                    button type="submit" aria-label={ (t("account-change-role")) " " (a.email) } { (t("account-change-role")) }
                                }
                            }
                            td { @if a.signed_in { (t("yes")) } @else { (t("no")) } }
                            td { (loc.date(a.created_at.date())) }
                        }
                    }
                }
            } }
        }
        h2 { (t("account-new")) }
        form method="post" action="/app/admin/accounts" novalidate {
            input type="hidden" name="csrf" value=(csrf);
            (input("email", &t("account-email"), "email", form.get("email"), error))
            (select("role", &t("account-role"), &roles, role, error))
            div { button type="submit" { (t("account-add")) } }
        }
    };
    let mut res = page(v, &t("accounts-title"), body);
    if error.is_some() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// Adds a staff account through `sessions::add_staff`, then shows the list (303).
pub(super) async fn add_account(
    State(node): State<Node>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    let form = Posted::parse(&body);
    check_csrf(&v, form.get("csrf"))?;
    admin(&v)?;
    let Some(role) = Role::parse(form.get("role")) else {
        return render_accounts(&node, &v, &form, Some(&FieldError::required(&v, "role"))).await;
    };
    let run = async {
        let txn = node.store.write().await.map_err(AppError::from)?;
        sessions::add_staff_recorded(&*txn, form.get("email"), role, node.now(), &v.principal.name).await?;
        txn.commit().await.map_err(AppError::from)?;
        Ok::<(), crate::auth::AuthError>(())
    };
    match run.await {
        Ok(()) => Ok(Redirect::to("/app/admin/accounts").into_response()),
        Err(e) => render_accounts(&node, &v, &form, Some(&FieldError::from_problem(&v, Problem::from(e)))).await,
    }
}

/// Changes a staff account's role through `sessions::change_role`, then shows the list (303).
pub(super) async fn change_role(
    State(node): State<Node>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    let form = Posted::parse(&body);
    check_csrf(&v, form.get("csrf"))?;
    admin(&v)?;
    let Some(role) = Role::parse(form.get("role")) else {
        return render_accounts(&node, &v, &Posted::default(), Some(&FieldError::required(&v, "role"))).await;
    };
    let run = async {
        let txn = node.store.write().await?;
        sessions::change_role(&*txn, id, role, node.now(), &v.principal.name).await?;
        txn.commit().await?;
        Ok::<(), AppError>(())
    };
    match run.await {
        Ok(()) => Ok(Redirect::to("/app/admin/accounts").into_response()),
        // A refused role (the last admin's, a member's account) is said in the page's
        // language at the top: the add form below has a `role` field of its own.
        Err(AppError::AccountRefused(_)) => {
            let error = FieldError { field: None, message: v.lang.t("account-role-refused") };
            render_accounts(&node, &v, &Posted::default(), Some(&error)).await
        }
        Err(e) => {
            let mut error = FieldError::from_app(&v, e);
            error.field = None;
            render_accounts(&node, &v, &Posted::default(), Some(&error)).await
        }
    }
}

/// `/app/admin/audit`: who corrected which client or member, made or revoked which API
/// token, added which staff account or changed its role, when, field by field, newest first, a page at a time (`?before=` the last entry of the page before).
pub(super) async fn audit(
    State(node): State<Node>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    admin(&v)?;
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    // A query the page did not write shows the newest entries.
    let before = query
        .as_deref()
        .and_then(|q| form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "before"))
        .and_then(|(_, v)| v.parse::<Uuid>().ok());
    let mut entries = history::latest(node.store.db(), before, AUDIT_PAGE + 1).await?;
    let more = entries.len() > usize::try_from(AUDIT_PAGE).unwrap_or(usize::MAX);
    entries.truncate(usize::try_from(AUDIT_PAGE).unwrap_or(usize::MAX));
    let empty = || t("audit-empty-value");
    let body = html! {
        p.note { (t("audit-note")) }
        @if entries.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("audit-when")) }
                    th scope="col" { (t("audit-who")) }
                    th scope="col" { (t("audit-what")) }
                    th scope="col" { (t("audit-changes")) }
                } }
                tbody {
                    @for e in &entries {
                        tr {
                            td { (loc.date(e.change.changed_at.date())) " " (e.change.changed_at.format("%H:%M")) }
                            td { (e.change.changed_by) }
                            td {
                                @match e.subject.as_str() {
                                    "client" | "member" | "api_token" | "account" => { (t(&format!("audit-subject-{}", e.subject))) }
                                    other => { (other) }
                                }
                                br; small { (e.subject_id) }
                            }
                            td { ul.changes {
                                @for f in &e.change.changes {
                                    li {
                                        code { (f.field) } ": "
                                        (f.old.clone().unwrap_or_else(empty)) " → " (f.new.clone().unwrap_or_else(empty))
                                    }
                                }
                            } }
                        }
                    }
                }
            } }
        }
        nav.pages aria-label=(t("audit-pages")) {
            @if before.is_some() { a href="/app/admin/audit" { (t("audit-newest")) } }
            @if let Some(last) = entries.last().filter(|_| more) {
                a href={ "/app/admin/audit?before=" (last.id) } { (t("audit-older")) }
            }
        }
    };
    Ok(page(&v, &t("audit-title"), body))
}
