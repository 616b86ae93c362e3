//! The JSON API under `/api/v1`: routes, the OpenAPI document generated from the
//! handlers' annotations; who may call what is `crate::auth`.

pub mod abroad;
pub mod activities;
pub mod catalogue;
pub mod document;
pub mod dunning;
pub mod dunning_letters;
pub mod expenses;
pub mod extract;
pub mod federation;
pub mod idempotency;
pub mod inter_office;
pub mod invoices;
pub mod jobs;
pub mod member_account;
pub mod member_data;
pub mod members;
pub mod order_forms;
pub mod payroll;
pub mod platforms;
pub mod postings;
pub mod problem;
pub mod quarterly_returns;
pub mod requests;
pub mod settings;
pub mod transfers;
pub mod wages;
pub mod work;

use crate::error::AppError;
use crate::service::views::TrialBalanceView;
use crate::service::{ledger, Node};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use problem::Problem;
use serde::Serialize;
use std::sync::OnceLock;
use tower_http::catch_panic::CatchPanicLayer;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(title = "Partage node API", description = "The API of a Partage national office: members, shares, activities, clients, invoices, payments, the journal."),
    modifiers(&BearerAuth),
    components(schemas(Problem))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
        // A signed-in browser: the session cookie, with the session's CSRF token in
        // X-CSRF-Token on unsafe requests (`GET /auth/session` gives it).
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::http::SESSION_COOKIE,
                "The session cookie set by /auth/callback after sign-in with the office's OpenID Connect provider; \
                 unsafe requests also send the session's CSRF token as X-CSRF-Token",
            ))),
        );
    }
}

/// The node's health.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok` when the database answers.
    pub status: String,
    /// Country of the node.
    pub country: String,
    /// Version of the binary.
    pub version: String,
}

/// Liveness and database check; the only route without a token.
#[utoipa::path(get, path = "/api/v1/health", tag = "node", responses((status = 200, body = Health), (status = 503, body = Problem)))]
async fn health(State(node): State<Node>) -> Result<Json<Health>, Problem> {
    node.store.db().ping().await.map_err(|e| {
        Problem::new(StatusCode::SERVICE_UNAVAILABLE, "database-down", format!("the database does not answer: {e}"))
    })?;
    Ok(Json(Health {
        status: "ok".into(),
        country: node.settings.country.to_string(),
        version: env!("CARGO_PKG_VERSION").into(),
    }))
}

/// The trial balance: every account's debits and credits; they sum to zero.
#[utoipa::path(get, path = "/api/v1/ledger/trial-balance", tag = "ledger",
    responses((status = 200, body = TrialBalanceView)), security(("bearer" = [])))]
async fn trial_balance(State(node): State<Node>) -> Result<Json<TrialBalanceView>, Problem> {
    let snapshot = node.store.snapshot().await.map_err(AppError::from)?;
    Ok(Json(ledger::trial_balance(&snapshot, node.currency(), node.pack.as_ref()).await?))
}

/// This document: every route of the API.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "node", responses((status = 200, description = "OpenAPI 3.1 document")),
    security(("bearer" = [])))]
async fn openapi_json(State(node): State<Node>) -> Response {
    let doc = document::for_currency(openapi(), &node.currency().to_string());
    Json(document::for_languages(doc, node.pack.languages())).into_response()
}

fn api_router() -> OpenApiRouter<Node> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health))
        .routes(routes!(openapi_json))
        .routes(routes!(trial_balance))
        .routes(routes!(inter_office::list))
        .routes(routes!(inter_office::get))
        .routes(routes!(inter_office::settle))
        .routes(routes!(settings::fee))
        .routes(routes!(settings::change_fee))
        .routes(routes!(settings::coefficient, settings::change_coefficient))
        .routes(routes!(members::create, members::list))
        .routes(routes!(members::get, members::patch))
        .routes(routes!(members::history))
        .routes(routes!(members::subscribe))
        .routes(routes!(members::pay))
        .routes(routes!(members::leave))
        .routes(routes!(members::refund))
        .routes(routes!(transfers::create))
        .routes(routes!(transfers::list))
        .routes(routes!(transfers::get))
        .routes(routes!(transfers::accept))
        .routes(routes!(transfers::reject))
        .routes(routes!(transfers::cancel))
        .routes(routes!(postings::list))
        .routes(routes!(postings::get))
        .routes(routes!(federation::list))
        .routes(routes!(federation::retry))
        .routes(routes!(federation::dismiss))
        .routes(routes!(activities::create, activities::list))
        .routes(routes!(activities::get))
        .routes(routes!(activities::statement))
        .routes(routes!(activities::create_client, activities::list_clients))
        .routes(routes!(activities::get_client, activities::patch_client))
        .routes(routes!(activities::client_history))
        .routes(routes!(invoices::create, invoices::list))
        .routes(routes!(invoices::get))
        .routes(routes!(invoices::issue))
        .routes(routes!(invoices::pay))
        .routes(routes!(invoices::cancel))
        .routes(routes!(invoices::peppol))
        .routes(routes!(invoices::credit_note_peppol))
        .routes(routes!(invoices::invoice_pdf))
        .routes(routes!(invoices::credit_note_pdf))
        .routes(routes!(payroll::simulate))
        .routes(routes!(payroll::parameters))
        .routes(routes!(work::set_identity))
        .routes(routes!(abroad::record, abroad::list))
        .routes(routes!(work::declare, work::list_declarations))
        .routes(routes!(work::get))
        .routes(routes!(work::validate))
        .routes(routes!(work::return_to_member))
        .routes(routes!(work::contract))
        .routes(routes!(work::list_contracts))
        .routes(routes!(work::contract_pdf))
        .routes(routes!(work::true_ups))
        .routes(routes!(work::cancel_contract))
        .routes(routes!(work::end_contract))
        .routes(routes!(work::update_contract))
        .routes(routes!(work::acknowledge))
        .routes(routes!(work::hiring_declaration))
        .routes(routes!(wages::start_run, wages::list_runs))
        .routes(routes!(wages::get_run))
        .routes(routes!(wages::run_payslips))
        .routes(routes!(wages::sepa))
        .routes(routes!(wages::payslip))
        .routes(routes!(wages::list_payslips))
        .routes(routes!(wages::payslip_pdf))
        .routes(routes!(wages::set_payroll_details, wages::get_payroll_details))
        .routes(routes!(wages::fund))
        .routes(routes!(wages::deadlines))
        .routes(routes!(wages::client_default))
        .routes(routes!(order_forms::create))
        .routes(routes!(order_forms::get))
        .routes(routes!(order_forms::invoiced))
        .routes(routes!(platforms::create, platforms::list))
        .routes(routes!(platforms::get))
        .routes(routes!(platforms::enrol))
        .routes(routes!(platforms::post_batch))
        .routes(routes!(platforms::get_batch))
        .routes(routes!(expenses::submit, expenses::list))
        .routes(routes!(expenses::get))
        .routes(routes!(expenses::sepa))
        .routes(routes!(expenses::validate))
        .routes(routes!(expenses::reject))
        .routes(routes!(expenses::put_receipt, expenses::get_receipt))
        .routes(routes!(dunning::run))
        .routes(routes!(dunning::list))
        .routes(routes!(dunning::get, dunning::act))
        .routes(routes!(quarterly_returns::create, quarterly_returns::list))
        .routes(routes!(quarterly_returns::get))
        .routes(routes!(quarterly_returns::document))
        .routes(routes!(member_account::account))
        .routes(routes!(member_account::account_csv))
        .routes(routes!(member_data::data))
        .routes(routes!(member_data::data_csv))
        .routes(routes!(dunning_letters::pdf))
        .routes(routes!(dunning_letters::text))
        .routes(routes!(jobs::list))
        .routes(routes!(jobs::get))
        .routes(routes!(crate::auth::http::create_token, crate::auth::http::list_tokens))
        .routes(routes!(crate::auth::http::revoke_token))
        .routes(routes!(crate::auth::http::create_account, crate::auth::http::list_accounts))
        .routes(routes!(crate::auth::http::get_account))
        .routes(routes!(crate::auth::http::change_role))
}

/// The OpenAPI document, built once from the routes and finished by
/// [`document::finish`].
pub fn openapi() -> &'static serde_json::Value {
    static DOC: OnceLock<serde_json::Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let mut doc = serde_json::to_value(api_router().split_for_parts().1).unwrap_or_default();
        document::finish(&mut doc);
        doc
    })
}

async fn not_found() -> Problem {
    Problem::new(StatusCode::NOT_FOUND, "no-route", "no such route; see /api/v1/openapi.json")
}

/// Headers every response carries. Responses under `/api/v1` hold personal data
/// (names, national numbers, wages, IBANs): no cache may keep them. Health and
/// this document hold none and may be cached.
async fn response_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let private = path.starts_with("/api/v1/") && !matches!(path, "/api/v1/health" | "/api/v1/openapi.json");
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if private {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// The request id header: taken from the client when valid, else made; echoed.
pub const REQUEST_ID: &str = "x-request-id";

/// A client's request id is kept when it is 1 to 128 characters of letters,
/// digits, `-`, `_`, `.` or `:` (a UUID, a trace id): anything else could forge or
/// break log lines, and is replaced.
fn valid_request_id(value: &HeaderValue) -> Option<&str> {
    let id = value.to_str().ok()?;
    let ok = (1..=128).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'));
    ok.then_some(id)
}

/// Gives each request an id (the client's `X-Request-Id` if valid, else a new
/// UUID) and a span carrying it with the method and the route, so that every log
/// line of the request names it; the response echoes the id. The route is the
/// matched template (`/api/v1/members/{id}`), so no id from the path is logged.
async fn request_span(mut req: Request, next: Next) -> Response {
    let id = match req.headers().get(REQUEST_ID).and_then(valid_request_id) {
        Some(id) => id.to_owned(),
        None => uuid::Uuid::now_v7().to_string(),
    };
    let value = HeaderValue::from_str(&id).unwrap_or_else(|_| HeaderValue::from_static("invalid"));
    req.headers_mut().insert(REQUEST_ID, value.clone());
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or_else(|| "(no route)".to_owned(), |p| p.as_str().to_owned());
    let span = tracing::info_span!("request", request_id = %id, method = %req.method(), route = %route);
    let mut res = tracing::Instrument::instrument(
        async move {
            let res = next.run(req).await;
            tracing::debug!(status = res.status().as_u16(), "answered");
            res
        },
        span,
    )
    .await;
    res.headers_mut().insert(REQUEST_ID, value);
    res
}

/// A panic in a handler is a bug; the client still gets an answer, a 500
/// problem, and the panic is logged. Without this, hyper closes the connection
/// and the client sees an empty reply.
fn panic_problem(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = message, "a handler panicked");
    Problem::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "the node failed to complete the request; nothing was written (the error is logged)",
    )
    .into_response()
}

/// The layers every response goes through, outermost last: the panic guard,
/// then headers around it, so even a panic's answer carries the headers, then the
/// request id and span around everything, so even the panic's log line names it.
pub fn with_defences(app: Router) -> Router {
    app.layer(CatchPanicLayer::custom(panic_problem))
        .layer(axum::middleware::from_fn(response_headers))
        .layer(axum::middleware::from_fn(request_span))
}

/// The whole HTTP application.
pub fn router(node: Node) -> Router {
    let (api, _) = api_router().split_for_parts();
    with_defences(
        api.merge(crate::auth::http::routes())
            .fallback(not_found)
            .method_not_allowed_fallback(|| async {
                Problem::new(
                    StatusCode::METHOD_NOT_ALLOWED,
                    "method-not-allowed",
                    "this route does not take that method",
                )
            })
            .layer(axum::middleware::from_fn_with_state(node.clone(), crate::auth::http::require))
            // The pages check their session themselves (crate::pages), after the API's middleware.
            .merge(crate::pages::routes())
            .layer(axum::middleware::from_fn(catalogue::localize))
            .with_state(node),
    )
}
