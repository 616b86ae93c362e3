//! The admin's pages: the node's settings (the schedules of the fee and of the employer-cost
//! coefficient, each changed from a later day),
//! API tokens (made, shown once, revoked), staff accounts and their roles, and the audit
//! log of corrections. Each form posts to the service function the API's route calls
//! (`fee_schedule`, `coefficient_schedule`, `auth::tokens`, `auth::sessions`), with the
//! session's CSRF token;
//! every route is the admin's only, as `/settings`, `/api-tokens` and `/accounts` are on
//! the API.

use super::forms::{form_error, input, select, FieldError, Posted};
use super::{check_csrf, page, role_in, PageError, Viewer};
use crate::auth::tokens::{self, NewApiTokenView, NewToken};
use crate::auth::{sessions, Role};
use crate::error::AppError;
use crate::http::problem::Problem;
use crate::service::coefficient_schedule::{self, CoefficientChangeRequest};
use crate::service::fee_schedule::{self, FeeChangeRequest};
use crate::service::{history, schedule, Node};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use maud::html;
use rust_decimal::Decimal;
use uuid::Uuid;

/// Corrections the audit log shows a page.
const AUDIT_PAGE: u64 = 50;

fn admin(v: &Viewer) -> Result<(), PageError> {
    role_in(v, &[Role::Admin])
}

/// A posted admin form: its viewer, once the session's CSRF token and the admin role are checked.
async fn admin_form(node: &Node, headers: &HeaderMap, body: &[u8]) -> Result<(Viewer, Posted), PageError> {
    let v = super::viewer(node, headers).await?;
    let form = Posted::parse(body);
    check_csrf(&v, form.get("csrf"))?;
    admin(&v)?;
    Ok((v, form))
}

/// The roles a form offers, in the page's language.
fn role_options(v: &Viewer, roles: &[Role]) -> Vec<(String, String)> {
    roles.iter().map(|r| (r.as_str().to_owned(), v.lang.t(&format!("role-{r}")))).collect()
}

/// `/app/admin/settings`: the fee and the fund's share of it, and the employer-cost
/// coefficient, in force today, each with its schedule and the form changing it from a later
/// day (`fee_schedule` and `coefficient_schedule`, as `/settings/fee` and
/// `/settings/coefficient/changes` on the API); the other settings with the configuration key
/// each comes from, read at start, so shown, not edited.
pub(super) async fn settings(State(node): State<Node>, headers: HeaderMap) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    admin(&v)?;
    render_settings(&node, &v, &Posted::default(), None).await
}

/// Which of the settings page's forms a refusal is about.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SettingsForm {
    Fee,
    Coefficient,
}

/// The coefficient form's fields, apart from the fee form's on the same page: the service's
/// field (`valid_from`) and the form's (`coefficient_valid_from`).
const COEFFICIENT_FIELDS: [(&str, &str); 3] =
    [("valid_from", "coefficient_valid_from"), ("coefficient", "coefficient"), ("reason", "coefficient_reason")];

/// A schedule's change's status, in the page's language.
fn change_status(v: &Viewer, superseded: bool, in_force: bool, to_come: bool) -> String {
    v.lang.t(match (superseded, in_force, to_come) {
        (true, _, _) => "settings-change-superseded",
        (false, true, _) => "settings-change-in-force",
        (false, false, true) => "settings-change-upcoming",
        (false, false, false) => "settings-change-past",
    })
}

async fn render_settings(
    node: &Node,
    v: &Viewer,
    form: &Posted,
    error: Option<(SettingsForm, &FieldError)>,
) -> Result<Response, PageError> {
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let fee = fee_schedule::settings(node.store.db(), node).await?;
    let coefficient = coefficient_schedule::settings(node.store.db(), node).await?;
    let s = &node.settings;
    let percent = |text: &str| text.parse::<Decimal>().map(|d| loc.percent(d)).unwrap_or_else(|_| text.to_owned());
    // A coefficient has up to 4 decimals: shown with all of them, and at least 2 (`1,50`).
    let number = |text: &str| {
        text.parse::<Decimal>().map(|d| loc.number(d, d.scale().max(2))).unwrap_or_else(|_| text.to_owned())
    };
    let since = |valid_from: Option<NaiveDate>| match valid_from {
        Some(day) => v.lang.t_with("settings-since", &[("date", &loc.date(day))]),
        None => t("settings-from-configuration"),
    };
    let fee_since = since(fee.in_force.as_ref().map(|c| c.valid_from));
    let coefficient_since = since(coefficient.in_force.as_ref().map(|c| c.valid_from));
    let rows = [
        ("settings-fee", percent(&fee.rate), "fee.rate", Some(&fee_since)),
        ("settings-fund-share", percent(&fee.guarantee_fund_share), "fee.guarantee_fund_share", Some(&fee_since)),
        (
            "settings-coefficient",
            number(&coefficient.coefficient),
            "payroll.employer_cost_coefficient",
            Some(&coefficient_since),
        ),
        (
            "settings-share-nominal",
            loc.money(s.share_nominal.amount(), s.share_nominal.currency().code()),
            "shares.nominal",
            None,
        ),
        ("settings-payment-terms", s.payment_terms_days.to_string(), "invoicing.payment_terms_days", None),
    ];
    let (first, last) = schedule::window(fee.today);
    let csrf = v.principal.csrf.clone().unwrap_or_default();
    let fee_error = error.filter(|(f, _)| *f == SettingsForm::Fee).map(|(_, e)| e);
    let coefficient_error = error.filter(|(f, _)| *f == SettingsForm::Coefficient).map(|(_, e)| e);
    let fee_fields = ["valid_from", "rate", "guarantee_fund_share", "reason"].map(str::to_owned);
    let coefficient_fields = COEFFICIENT_FIELDS.map(|(_, id)| id.to_owned());
    let fee_in_force = fee.in_force.as_ref().map(|c| c.id);
    let coefficient_in_force = coefficient.in_force.as_ref().map(|c| c.id);
    let window_note = |id: &str| v.lang.t_with(id, &[("first", &loc.date(first)), ("last", &loc.date(last))]);
    let body = html! {
        p.note { (t("settings-note")) }
        div.scroll { table {
            thead { tr {
                th scope="col" { (t("settings-name")) }
                th.num scope="col" { (t("settings-value")) }
                th scope="col" { (t("settings-key")) }
            } }
            tbody {
                @for (label, value, key, since) in &rows {
                    tr {
                        th scope="row" { (t(label)) }
                        td.num { (value) }
                        td {
                            code { (key) }
                            @if let Some(since) = since { br; small { (since) } }
                        }
                    }
                }
            }
        } }
        h2 { (t("settings-fee-changes")) }
        @if fee.changes.is_empty() {
            p { (v.lang.t_with("settings-fee-configured", &[
                ("rate", &percent(&fee.configured_rate)),
                ("share", &percent(&fee.configured_guarantee_fund_share)),
            ])) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("settings-valid-from")) }
                    th.num scope="col" { (t("settings-rate")) }
                    th.num scope="col" { (t("settings-share")) }
                    th scope="col" { (t("settings-reason")) }
                    th scope="col" { (t("settings-recorded")) }
                    th scope="col" { (t("status")) }
                } }
                tbody {
                    @for c in &fee.changes {
                        tr {
                            td { (loc.date(c.valid_from)) }
                            td.num { (percent(&c.rate)) }
                            td.num { (percent(&c.guarantee_fund_share)) }
                            td { (c.reason) }
                            td { (c.changed_by) br; small { (loc.date(c.changed_at.date_naive())) } }
                            td { (change_status(v, c.superseded, Some(c.id) == fee_in_force, c.valid_from > fee.today)) }
                        }
                    }
                }
            } }
        }
        h2 { (t("settings-fee-new")) }
        p { (window_note("settings-fee-new-note")) }
        form method="post" action="/app/admin/settings/fee" novalidate {
            input type="hidden" name="csrf" value=(csrf);
            (form_error(fee_error, &fee_fields))
            (input("valid_from", &t("settings-valid-from"), "date", form.get("valid_from"), fee_error))
            (input("rate", &t("settings-rate-field"), "text", form.get("rate"), fee_error))
            (input("guarantee_fund_share", &t("settings-share-field"), "text", form.get("guarantee_fund_share"), fee_error))
            (input("reason", &t("settings-reason"), "text", form.get("reason"), fee_error))
            div { button type="submit" { (t("settings-fee-record")) } }
        }
        h2 { (t("settings-coefficient-changes")) }
        p.note { (t("settings-coefficient-note")) }
        @if coefficient.changes.is_empty() {
            p { (v.lang.t_with("settings-coefficient-configured", &[
                ("coefficient", &number(&coefficient.configured_coefficient)),
            ])) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("settings-valid-from")) }
                    th.num scope="col" { (t("settings-coefficient-value")) }
                    th scope="col" { (t("settings-reason")) }
                    th scope="col" { (t("settings-recorded")) }
                    th scope="col" { (t("status")) }
                } }
                tbody {
                    @for c in &coefficient.changes {
                        tr {
                            td { (loc.date(c.valid_from)) }
                            td.num { (number(&c.coefficient)) }
                            td { (c.reason) }
                            td { (c.changed_by) br; small { (loc.date(c.changed_at.date_naive())) } }
                            td { (change_status(v, c.superseded, Some(c.id) == coefficient_in_force, c.valid_from > coefficient.today)) }
                        }
                    }
                }
            } }
        }
        h2 { (t("settings-coefficient-new")) }
        p { (window_note("settings-coefficient-new-note")) }
        form method="post" action="/app/admin/settings/coefficient" novalidate {
            input type="hidden" name="csrf" value=(csrf);
            (form_error(coefficient_error, &coefficient_fields))
            (input("coefficient_valid_from", &t("settings-valid-from"), "date", form.get("coefficient_valid_from"), coefficient_error))
            (input("coefficient", &t("settings-coefficient-field"), "text", form.get("coefficient"), coefficient_error))
            (input("coefficient_reason", &t("settings-reason"), "text", form.get("coefficient_reason"), coefficient_error))
            div { button type="submit" { (t("settings-coefficient-record")) } }
        }
    };
    let mut res = page(v, &t("settings-title"), body);
    if error.is_some() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// A percentage as typed in the page's language (`6,5`, `6.5 %`) as the fraction the
/// service takes (`0.065`); none when it is not a number.
fn fraction_of_percent(typed: &str) -> Option<String> {
    let text: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '%').collect();
    let d = text.replace(',', ".").parse::<Decimal>().ok()?;
    d.checked_div(Decimal::ONE_HUNDRED).map(|f| f.normalize().to_string())
}

/// Records a change of the fee through `fee_schedule::record`, then shows the settings (303).
/// Each field is checked here first, so that a refusal is said in the page's language.
pub(super) async fn change_fee(
    State(node): State<Node>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let (v, form) = admin_form(&node, &headers, &body).await?;
    match fee_change(&node, &v, &form).await {
        Ok(()) => Ok(Redirect::to("/app/admin/settings").into_response()),
        Err(e) => render_settings(&node, &v, &form, Some((SettingsForm::Fee, &e))).await,
    }
}

/// A refusal of a schedule's form field, in the page's language.
fn refused(v: &Viewer, field: &str, id: &str, args: &[(&str, &str)]) -> FieldError {
    FieldError { field: Some(field.to_owned()), message: v.lang.t_with(id, args) }
}

/// A schedule's form's day and reason, checked as the service will (`schedule`), so that a
/// refusal is said in the page's language; the form names them `valid_from` and `reason`.
fn day_and_reason(
    node: &Node,
    v: &Viewer,
    form: &Posted,
    (valid_from, reason): (&str, &str),
) -> Result<(NaiveDate, String), FieldError> {
    let (first, last) = schedule::window(node.today());
    let loc = v.lang.locale();
    let day = match form.get(valid_from) {
        "" => return Err(FieldError::required(v, valid_from)),
        text => text.parse::<NaiveDate>().ok().filter(|d| (first..=last).contains(d)).ok_or_else(|| {
            refused(
                v,
                valid_from,
                "settings-valid-from-refused",
                &[("first", &loc.date(first)), ("last", &loc.date(last))],
            )
        })?,
    };
    let text = form.get(reason);
    if text.is_empty() {
        return Err(FieldError::required(v, reason));
    }
    if text.chars().count() > schedule::REASON_MAX {
        return Err(refused(v, reason, "settings-reason-refused", &[]));
    }
    Ok((day, text.to_owned()))
}

async fn fee_change(node: &Node, v: &Viewer, form: &Posted) -> Result<(), FieldError> {
    let (valid_from, reason) = day_and_reason(node, v, form, ("valid_from", "reason"))?;
    let mut fractions = Vec::with_capacity(2);
    for field in ["rate", "guarantee_fund_share"] {
        let typed = form.get(field);
        if typed.is_empty() {
            return Err(FieldError::required(v, field));
        }
        let fraction = fraction_of_percent(typed)
            .filter(|f| f.parse::<Decimal>().is_ok_and(|d| !d.is_sign_negative() && d < Decimal::ONE && d.scale() <= 6))
            .ok_or_else(|| refused(v, field, "settings-percent-refused", &[]))?;
        fractions.push(fraction);
    }
    let [rate, guarantee_fund_share] =
        <[String; 2]>::try_from(fractions).map_err(|_| FieldError::required(v, "rate"))?;
    let request = FeeChangeRequest { valid_from, rate, guarantee_fund_share, reason };
    let run = async {
        let txn = node.store.write().await?;
        fee_schedule::record(&*txn, node, &request, &v.principal.name).await?;
        txn.commit().await?;
        Ok::<_, AppError>(())
    };
    run.await.map_err(|e| FieldError::from_app(v, e))
}

/// Records a change of the employer-cost coefficient through `coefficient_schedule::record`,
/// then shows the settings (303); a refusal is said beside its field in the page's language.
pub(super) async fn change_coefficient(
    State(node): State<Node>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let (v, form) = admin_form(&node, &headers, &body).await?;
    match coefficient_change(&node, &v, &form).await {
        Ok(()) => Ok(Redirect::to("/app/admin/settings").into_response()),
        Err(e) => render_settings(&node, &v, &form, Some((SettingsForm::Coefficient, &e))).await,
    }
}

/// A coefficient as typed in the page's language (`1,45`, `1.45`) as the service takes it
/// (`1.45`): from 1 to 3, at most 4 decimals; none otherwise.
fn typed_coefficient(typed: &str) -> Option<String> {
    let text: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    let d = text.replace(',', ".").parse::<Decimal>().ok()?;
    (d >= Decimal::ONE && d <= Decimal::from(3) && d.scale() <= 4).then(|| d.normalize().to_string())
}

async fn coefficient_change(node: &Node, v: &Viewer, form: &Posted) -> Result<(), FieldError> {
    let (valid_from, reason) = day_and_reason(node, v, form, ("coefficient_valid_from", "coefficient_reason"))?;
    let coefficient = match form.get("coefficient") {
        "" => return Err(FieldError::required(v, "coefficient")),
        typed => {
            typed_coefficient(typed).ok_or_else(|| refused(v, "coefficient", "settings-coefficient-refused", &[]))?
        }
    };
    let request = CoefficientChangeRequest { valid_from, coefficient, reason };
    let run = async {
        let txn = node.store.write().await?;
        coefficient_schedule::record(&*txn, node, &request, &v.principal.name).await?;
        txn.commit().await?;
        Ok::<_, AppError>(())
    };
    run.await.map_err(|e| {
        // The service names the request's fields; the form names two of them apart.
        let mut refusal = FieldError::from_app(v, e);
        refusal.field = refusal.field.map(|f| {
            COEFFICIENT_FIELDS.iter().find(|(service, _)| *service == f).map_or(f, |(_, id)| (*id).to_owned())
        });
        refusal
    })
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
    let (v, form) = admin_form(&node, &headers, &body).await?;
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
    let (v, _) = admin_form(&node, &headers, &body).await?;
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
    let (v, form) = admin_form(&node, &headers, &body).await?;
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
    let (v, form) = admin_form(&node, &headers, &body).await?;
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
                                    "client" | "member" | "api_token" | "account" | "fee" | "coefficient" | "parked_message" => { (t(&format!("audit-subject-{}", e.subject))) }
                                    other => { (other) }
                                }
                                br; small { (e.subject_id) }
                            }
                            td { ul.changes {
                                @for f in &e.change.changes {
                                    li {
                                        code { (f.field) } (loc.colon())
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
