//! Server-rendered pages for members, advisors, admins and HQ under `/app`: no script, forms that
//! post and redirect (303), every string from `node/locales/*/pages.ftl` (see [`i18n`]).
//! Templates are `maud` macros, checked at compile time and escaping by default.
//!
//! A page is reached with the browser's session only (an API token is for scripts);
//! its role is checked here with the API's own rules ([`crate::auth::policy`]), and a
//! member's pages read only rows filtered by their own id.

mod admin;
mod expenses;
mod figures;
mod forms;
pub mod i18n;
mod members;
mod office;
mod order_forms;
mod parked;
mod records;
mod transfers;

use crate::auth::http::{cookie, SESSION_COOKIE};
use crate::auth::{policy, sessions, Principal, Role};
use crate::error::AppError;
use crate::http::problem::Problem;
use crate::service::simulations;
use crate::service::views::SimulationView;
use crate::service::work::{self, DeclarationFilter};
use crate::service::Node;
use crate::storage::entities::{member, payslip};
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use i18n::Lang;
use maud::{html, Markup, DOCTYPE};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;
use uuid::Uuid;

/// The hand-written style sheet, served from the binary (no build step, no CDN).
const CSS: &str = include_str!("../../static/app.css");

/// Who is looking at a page, in which language.
struct Viewer {
    principal: Principal,
    lang: Lang,
}

/// A page's refusal or failure, rendered as a page.
enum PageError {
    /// No live session: sign in first.
    SignIn,
    /// The role may not do this.
    Forbidden,
    /// A form posted without its session's CSRF token.
    Csrf,
    /// Anything the services refused or failed with.
    App(AppError),
}

impl From<AppError> for PageError {
    fn from(e: AppError) -> Self {
        PageError::App(e)
    }
}

impl From<sea_orm::DbErr> for PageError {
    fn from(e: sea_orm::DbErr) -> Self {
        PageError::App(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self {
            PageError::SignIn => Redirect::to("/auth/login").into_response(),
            PageError::Forbidden => (StatusCode::FORBIDDEN, "forbidden").into_response(),
            PageError::Csrf => (StatusCode::FORBIDDEN, "missing or wrong CSRF token").into_response(),
            PageError::App(e) => Problem::from(e).into_response(),
        }
    }
}

async fn viewer(node: &Node, headers: &HeaderMap) -> Result<Viewer, PageError> {
    let Some(c) = cookie(headers, SESSION_COOKIE) else { return Err(PageError::SignIn) };
    let db = node.store.db();
    let principal = sessions::authenticate(db, &c, node.now()).await?.ok_or(PageError::SignIn)?;
    let preferred = match principal.member {
        Some(m) => member::Entity::find_by_id(m).one(db).await?.map(|m| m.language),
        None => None,
    };
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    let lang = Lang::choose(node.pack.languages(), preferred.as_deref(), accept);
    Ok(Viewer { principal, lang })
}

/// A form's CSRF token must be its session's.
fn check_csrf(v: &Viewer, sent: &str) -> Result<(), PageError> {
    let expected = v.principal.csrf.as_deref().unwrap_or_default();
    if expected.is_empty() || !crate::auth::constant_time_eq(sent.as_bytes(), expected.as_bytes()) {
        return Err(PageError::Csrf);
    }
    Ok(())
}

/// The member a member's page is about: the session's own, never one from the request.
fn member_of(v: &Viewer) -> Result<Uuid, PageError> {
    match v.principal.member {
        Some(m) if v.principal.role == Role::Member => Ok(m),
        _ => Err(PageError::Forbidden),
    }
}

/// The same rule as the API route the page stands for.
fn staff_may(v: &Viewer, method: &Method, api_route: &str) -> Result<(), PageError> {
    if v.principal.role != Role::Member && policy::staff_may(v.principal.role, method, api_route) {
        Ok(())
    } else {
        Err(PageError::Forbidden)
    }
}

/// The same rule as the API route a member's form writes through: the route must be open to
/// members (the record's ownership is then checked as the route's rule says).
fn member_may(method: &Method, api_route: &str) -> Result<(), PageError> {
    match policy::member_rule(method, api_route) {
        Some(_) => Ok(()),
        None => Err(PageError::Forbidden),
    }
}

/// A staff decision posted from a page's form (a claim of the queue, a transfer's step): the
/// viewer, the form's CSRF token and the API route's rule checked, then `op` in one
/// transaction; on success back to `done` (303), else `redraw` shows the page again with the
/// refusal, answered with the refusal's status.
async fn staff_decision(
    node: &Node,
    headers: &HeaderMap,
    body: &[u8],
    route: &str,
    done: &str,
    op: impl AsyncFnOnce(&sea_orm::DatabaseTransaction, &forms::Posted) -> Result<(), AppError>,
    redraw: impl AsyncFnOnce(&Viewer, &forms::Posted, Problem) -> Result<Response, PageError>,
) -> Result<Response, PageError> {
    let v = viewer(node, headers).await?;
    let form = forms::Posted::parse(body);
    check_csrf(&v, form.get("csrf"))?;
    staff_may(&v, &Method::POST, route)?;
    decide(node, &v, &form, done, op, redraw).await
}

/// A decision posted from a page's form, its sender's rights already checked: `op` in one
/// transaction; on success back to `done` (303), else `redraw` shows the page again with the
/// refusal, answered with the refusal's status.
async fn decide(
    node: &Node,
    v: &Viewer,
    form: &forms::Posted,
    done: &str,
    op: impl AsyncFnOnce(&sea_orm::DatabaseTransaction, &forms::Posted) -> Result<(), AppError>,
    redraw: impl AsyncFnOnce(&Viewer, &forms::Posted, Problem) -> Result<Response, PageError>,
) -> Result<Response, PageError> {
    let run = async {
        let txn = node.store.write().await?;
        op(&txn, form).await?;
        txn.commit().await?;
        Ok::<(), AppError>(())
    };
    let Err(e) = run.await else { return Ok(Redirect::to(done).into_response()) };
    let problem = Problem::from(e);
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    let mut res = redraw(v, form, problem).await?;
    *res.status_mut() = status;
    Ok(res)
}

/// Pages of these roles only (the admin's, HQ's); anyone else gets the refusal.
fn role_in(v: &Viewer, roles: &[Role]) -> Result<(), PageError> {
    if roles.contains(&v.principal.role) {
        Ok(())
    } else {
        Err(PageError::Forbidden)
    }
}

fn page(v: &Viewer, title: &str, body: Markup) -> Response {
    let t = |id: &str| v.lang.t(id);
    let csrf = v.principal.csrf.clone().unwrap_or_default();
    let markup = html! {
        (DOCTYPE)
        html lang=(v.lang.0) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (t("app-name")) }
                link rel="stylesheet" href="/static/app.css";
            }
            body {
                header {
                    strong { (t("app-name")) }
                    nav aria-label=(t("app-name")) {
                        @if v.principal.role != Role::Hq {
                            a href="/app" { (t("nav-dashboard")) }
                        }
                        @if v.principal.role == Role::Member {
                            a href="/app/invoices" { (t("nav-invoices")) }
                            a href="/app/order-forms" { (t("nav-order-forms")) }
                            a href="/app/work" { (t("nav-work")) }
                            a href="/app/expenses" { (t("nav-expenses")) }
                            a href="/app/statement" { (t("nav-statement")) }
                            a href="/app/payslips" { (t("nav-payslips")) }
                            a href="/app/membership" { (t("nav-membership")) }
                        }
                        @if matches!(v.principal.role, Role::Advisor | Role::Admin) {
                            a href="/app/members" { (t("nav-members")) }
                            a href="/app/payroll" { (t("nav-payroll")) }
                            a href="/app/deadlines" { (t("nav-deadlines")) }
                            a href="/app/fund" { (t("nav-fund")) }
                            a href="/app/overdue" { (t("nav-overdue")) }
                            a href="/app/transfers" { (t("nav-transfers")) }
                        }
                        @if v.principal.role != Role::Hq {
                            a href="/app/simulator" { (t("nav-simulator")) }
                        }
                        @if matches!(v.principal.role, Role::Hq | Role::Admin) {
                            a href="/app/figures" { (t("nav-figures")) }
                        }
                        @if v.principal.role == Role::Admin {
                            a href="/app/admin/settings" { (t("nav-settings")) }
                            a href="/app/admin/tokens" { (t("nav-tokens")) }
                            a href="/app/admin/accounts" { (t("nav-accounts")) }
                            a href="/app/admin/audit" { (t("nav-audit")) }
                            a href="/app/admin/parked" { (t("nav-parked")) }
                        }
                    }
                    form method="post" action="/auth/logout" {
                        input type="hidden" name="csrf" value=(csrf);
                        button type="submit" { (t("sign-out")) }
                    }
                }
                main { h1 { (title) } (body) }
            }
        }
    };
    let mut res =
        (StatusCode::OK, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], markup.into_string()).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res.headers_mut().insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(v.lang.0));
    res
}

fn minor(m: i64) -> Decimal {
    Decimal::new(m, 2)
}

/// `/app`: a member's activities, budgets and payslips; an advisor's (and admin's)
/// queue; HQ, whose role sees figures only, is sent to them.
async fn dashboard(State(node): State<Node>, headers: HeaderMap) -> Result<Response, PageError> {
    let v = viewer(&node, &headers).await?;
    match v.principal.member {
        Some(m) if v.principal.role == Role::Member => member_dashboard(&node, &v, m).await,
        _ if v.principal.role == Role::Hq => Ok(Redirect::to("/app/figures").into_response()),
        _ => queue_page(&node, &v, None).await,
    }
}

async fn member_dashboard(node: &Node, v: &Viewer, member: Uuid) -> Result<Response, PageError> {
    let db = node.store.db();
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let activities = crate::service::activities::list(db, node, Some(member), 0, 100).await?;
    // The latest payslips only, through the (member, period) index (m0024): the dashboard's cost
    // must not grow with a member's years of work; the payslips page lists them all.
    let slips = payslip::Entity::find()
        .filter(payslip::Column::MemberId.eq(member))
        .order_by_desc(payslip::Column::Period)
        .limit(DASHBOARD_PAYSLIPS)
        .all(db)
        .await?;
    let body = html! {
        @if activities.items.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr { th scope="col" { (t("activity-name")) } th.num scope="col" { (t("activity-budget")) } } }
                tbody {
                    @for a in &activities.items {
                        tr { td { (a.activity.name) } td.num { (loc.money(a.budget.amount(), a.budget.currency().code())) } }
                    }
                }
            } }
        }
        h2 { (t("payslips-title")) }
        p.note { (t("payslip-deadline-note")) }
        @if slips.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("payslip-period")) }
                    th.num scope="col" { (t("payslip-net")) }
                    th scope="col" { (t("payslip-paid-by")) }
                    th scope="col" { (t("payslip-pdf")) }
                } }
                tbody {
                    @for s in &slips {
                        tr {
                            td { (s.period) }
                            td.num { (loc.money(minor(s.net_minor), &s.currency)) }
                            td { (loc.date(s.deadline)) }
                            td { a href={ "/api/v1/payslips/" (s.id) "/pdf" } { (t("payslip-pdf")) " " (s.period) } }
                        }
                    }
                }
            } }
            p { a href="/app/payslips" { (t("dashboard-all-payslips")) } }
        }
    };
    Ok(page(v, &t("dashboard-title"), body))
}

/// How many of their latest payslips a member's dashboard shows.
const DASHBOARD_PAYSLIPS: u64 = 12;

/// The advisors' queue: submitted work declarations, then submitted expense claims; `claim_error`
/// is a refusal of a decision on one claim, shown on its row.
async fn queue_page(
    node: &Node,
    v: &Viewer,
    claim_error: Option<&(Uuid, forms::FieldError)>,
) -> Result<Response, PageError> {
    staff_may(v, &Method::GET, "/api/v1/work-declarations")?;
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let filter = DeclarationFilter { status: Some("submitted".into()), ..Default::default() };
    let mut list = work::list_declarations(node.store.db(), node.zone, &filter, 0, 100).await?;
    crate::service::abroad::warn(node.store.db(), node, v.lang.0, &mut list.items).await?;
    let csrf = v.principal.csrf.clone().unwrap_or_default();
    let claims = expenses::queue_section(node, v, claim_error).await?;
    let body = html! {
        h2 { (t("queue-declarations")) }
        @if list.items.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("queue-member-function")) }
                    th.num scope="col" { (t("queue-budget")) }
                    th scope="col" { (t("queue-validate")) }
                } }
                tbody {
                    @for d in &list.items {
                        tr {
                            td {
                                (d.function)
                                // Work abroad: the legislation decided and what still needs doing.
                                @if let Some(l) = &d.legislation {
                                    br; small { (t("work-legislation")) (loc.colon()) (l.country) ", art. " (l.article) }
                                }
                                @for w in &d.warnings { br; small.warning { (w.detail) } }
                            }
                            td.num { (d.budget.parse::<Decimal>().map_or_else(|_| d.budget.clone(), |b| loc.money(b, &d.currency))) }
                            td {
                                form method="post" action={ "/app/declarations/" (d.id) "/validate" } {
                                    input type="hidden" name="csrf" value=(csrf);
                                    button type="submit" aria-label={ (t("queue-validate")) " " (d.function) } { (t("queue-validate")) }
                                }
                            }
                        }
                    }
                }
            } }
        }
        (claims)
    };
    Ok(page(v, &t("queue-title"), body))
}

/// A form carrying only its CSRF token.
#[derive(Debug, Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// An advisor validates a declaration, then sees the queue again (303).
async fn validate(
    State(node): State<Node>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let v = viewer(&node, &headers).await?;
    let form: CsrfForm = serde_urlencoded::from_bytes(&body).unwrap_or(CsrfForm { csrf: String::new() });
    check_csrf(&v, &form.csrf)?;
    staff_may(&v, &Method::POST, "/api/v1/work-declarations/{id}/validate")?;
    let txn = node.store.write().await?;
    work::validate(&*txn, &node, id, node.now()).await?;
    txn.commit().await?;
    Ok(Redirect::to("/app").into_response())
}

/// The simulator's form, as posted.
#[derive(Debug, Default, Deserialize)]
struct SimulatorForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    direction: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    date: String,
}

/// The simulator is the API's `POST /simulations`: open to members, advisors and admins;
/// HQ, whose role sees aggregate figures only, is refused it as on the API.
fn may_simulate(v: &Viewer) -> Result<(), PageError> {
    if v.principal.role == Role::Member {
        return Ok(());
    }
    staff_may(v, &Method::POST, "/api/v1/simulations")
}

async fn simulator(State(node): State<Node>, headers: HeaderMap) -> Result<Response, PageError> {
    let v = viewer(&node, &headers).await?;
    may_simulate(&v)?;
    let form = SimulatorForm { direction: "budget".into(), date: node.today().to_string(), ..Default::default() };
    Ok(simulator_page(&node, &v, &form, None, None))
}

/// Runs the simulation and shows it on the same page (nothing is written, so no redirect);
/// a refused field is shown beside it in the page's language.
async fn simulate(
    State(node): State<Node>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let v = viewer(&node, &headers).await?;
    let form: SimulatorForm = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    check_csrf(&v, &form.csrf)?;
    may_simulate(&v)?;
    let result = match crate::service::coefficient_schedule::coefficient_on(node.store.db(), &node, node.today()).await
    {
        Ok(coefficient) => run_simulation(&node, &v, &form, coefficient),
        Err(e) => Err(e),
    };
    Ok(match result {
        Ok(view) => simulator_page(&node, &v, &form, Some(&view), None),
        Err(e) => {
            let (field, message) = field_error(&v, e);
            let mut res = simulator_page(&node, &v, &form, None, Some((field, message)));
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            res
        }
    })
}

fn run_simulation(
    node: &Node,
    v: &Viewer,
    form: &SimulatorForm,
    coefficient: partage_core::money::Rate,
) -> Result<SimulationView, AppError> {
    let key = if form.direction == "net" { "net" } else { "budget" };
    // Amounts are typed the person's way: a decimal comma is a decimal point.
    let amount = form.amount.trim().replace([' ', '\u{202f}', '\u{a0}'], "").replace(',', ".");
    let request = serde_json::json!({
        "country": node.pack.country().to_string(),
        "date": form.date,
        key: amount,
        "language": v.lang.0,
    });
    let request: crate::http::requests::SimulationRequest =
        serde_json::from_value(request).map_err(|e| AppError::invalid("date", e.to_string()))?;
    let input = request.into_input(node.currency(), node.pack.languages())?;
    simulations::simulate(node.pack.as_ref(), &node.settings, &input, Some(coefficient))
}

/// The form field a refusal is about, and its message in the page's language.
fn field_error(v: &Viewer, e: AppError) -> (&'static str, String) {
    let field = match &e {
        AppError::Invalid { field, .. } | AppError::OutOfRange { field, .. } if field == "date" => "date",
        _ => "amount",
    };
    let problem = Problem::from(e);
    let message = problem
        .args
        .as_ref()
        .and_then(|args| crate::http::catalogue::for_people(v.lang.0, &problem.code, args))
        .unwrap_or_else(|| problem.detail.clone());
    (field, message)
}

fn simulator_page(
    node: &Node,
    v: &Viewer,
    form: &SimulatorForm,
    view: Option<&SimulationView>,
    error: Option<(&str, String)>,
) -> Response {
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let currency = node.currency().code().to_owned();
    let csrf = v.principal.csrf.clone().unwrap_or_default();
    let error_for = |field: &str| error.as_ref().filter(|(f, _)| *f == field).map(|(_, m)| m.clone());
    let money = |text: &str| text.parse::<Decimal>().map_or_else(|_| text.to_owned(), |d| loc.money(d, &currency));
    let body = html! {
        form method="post" action="/app/simulator" novalidate {
            input type="hidden" name="csrf" value=(csrf);
            fieldset {
                legend { (t("simulator-direction")) }
                label { input type="radio" name="direction" value="budget" checked[form.direction != "net"]; " " (t("simulator-from-budget")) }
                label { input type="radio" name="direction" value="net" checked[form.direction == "net"]; " " (t("simulator-from-net")) }
            }
            label for="amount" { (v.lang.t_with("simulator-amount", &[("currency", &currency)])) }
            input #amount name="amount" inputmode="decimal" value=(form.amount)
                aria-invalid=[error_for("amount").map(|_| "true")] aria-describedby=[error_for("amount").map(|_| "amount-error")];
            @if let Some(m) = error_for("amount") { p #amount-error .error { (t("field-error")) (loc.colon()) (m) } }
            label for="date" { (t("simulator-date")) }
            input #date name="date" type="date" value=(form.date)
                aria-invalid=[error_for("date").map(|_| "true")] aria-describedby=[error_for("date").map(|_| "date-error")];
            @if let Some(m) = error_for("date") { p #date-error .error { (t("field-error")) (loc.colon()) (m) } }
            div { button type="submit" { (t("simulator-submit")) } }
        }
        @if let Some(s) = view {
            h2 { (t("simulator-net")) (loc.colon()) (money(&s.net)) " · " (t("simulator-cost")) (loc.colon()) (money(&s.employer_cost)) }
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("simulator-line")) }
                    th.num scope="col" { (t("simulator-rate")) }
                    th.num scope="col" { (t("simulator-amount-column")) }
                    th scope="col" { (t("simulator-source")) }
                } }
                tbody {
                    @for l in &s.lines {
                        tr {
                            td { (l.label) }
                            td.num { @if let Some(r) = &l.rate { (r.parse::<Decimal>().map_or_else(|_| r.clone(), |r| loc.percent(r))) } }
                            td.num { (money(&l.amount)) }
                            // The legal basis in the page's language; the parameter's whole
                            // source (English, with its cross-checks) on hover and in the API.
                            td.source title=(l.source) { small { (l.basis.as_deref().unwrap_or(&l.source)) } }
                        }
                    }
                }
            } }
        }
    };
    page(v, &t("simulator-title"), body)
}

async fn css() -> Response {
    let mut res = ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], CSS).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("max-age=3600"));
    res
}

/// The pages' routes; they check the session themselves, outside the API's middleware.
pub fn routes() -> Router<Node> {
    Router::new()
        .route("/app", get(dashboard))
        .route("/app/simulator", get(simulator).post(simulate))
        .route("/app/invoices", get(forms::invoices_page).post(forms::create_invoice))
        .route("/app/invoices/{id}/issue", post(forms::issue_invoice))
        .route("/app/order-forms", get(order_forms::order_forms_page).post(order_forms::record))
        .route("/app/work", get(forms::work_page).post(forms::declare_work))
        .route(
            "/app/expenses",
            get(expenses::expenses_page)
                .post(expenses::submit_expense)
                .layer(DefaultBodyLimit::max(expenses::FORM_LIMIT)),
        )
        .route("/app/expense-claims/{id}/validate", post(expenses::validate_claim))
        .route("/app/expense-claims/{id}/reject", post(expenses::reject_claim))
        .route("/app/statement", get(records::statement))
        .route("/app/payslips", get(records::payslips))
        .route("/app/membership", get(records::membership))
        .route("/app/declarations/{id}/validate", post(validate))
        .route("/app/figures", get(figures::figures_page))
        .route("/app/members", get(members::list))
        .route("/app/members/{id}", get(members::file))
        .route("/app/members/{id}/transfers", post(transfers::offer))
        .route("/app/transfers", get(transfers::transfers_page))
        .route("/app/transfers/{id}/accept", post(transfers::accept))
        .route("/app/transfers/{id}/reject", post(transfers::reject))
        .route("/app/transfers/{id}/cancel", post(transfers::cancel))
        .route("/app/payroll", get(office::runs))
        .route("/app/payroll/{id}", get(office::run))
        .route("/app/deadlines", get(office::deadlines))
        .route("/app/fund", get(office::fund))
        .route("/app/overdue", get(office::overdue))
        .route("/app/admin/settings", get(admin::settings))
        .route("/app/admin/settings/fee", post(admin::change_fee))
        .route("/app/admin/settings/coefficient", post(admin::change_coefficient))
        .route("/app/admin/tokens", get(admin::tokens_page).post(admin::create_token))
        .route("/app/admin/tokens/{id}/revoke", post(admin::revoke_token))
        .route("/app/admin/accounts", get(admin::accounts_page).post(admin::add_account))
        .route("/app/admin/accounts/{id}/role", post(admin::change_role))
        .route("/app/admin/audit", get(admin::audit))
        .route("/app/admin/parked", get(parked::parked_page))
        .route("/app/admin/parked/{id}/retry", post(parked::retry))
        .route("/app/admin/parked/{id}/dismiss", post(parked::dismiss))
        .route("/static/app.css", get(css))
}
