//! HQ's HTTP API: the group report (JSON, CSV), enrolled nodes, rates, enrolments,
//! alarms. Every route needs a bearer token with the route's scope ([`Scope`]): the first
//! `admin` token of `partage hq bootstrap`, or one an operator made on the pages
//! ([`crate::tokens`]). Errors are RFC 9457 problems. The same server serves the
//! operator's pages ([`crate::pages`]: `/`, `/app/...`).

use crate::pages::sign_in::Throttle;
use crate::store::{HqStore, ReferenceRate};
use crate::tokens::Scope;
use crate::{enrol, report, HqError};
use axum::extract::connect_info::ConnectInfo;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use rust_decimal::Decimal;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

/// What the handlers share.
#[derive(Clone)]
pub struct Hq {
    /// The store.
    pub store: HqStore,
    /// Coverage under which a node's fund is flagged.
    pub coverage_floor: Decimal,
    /// The clock, read only to date enrolments (a test fixes it).
    pub now: Arc<dyn Fn() -> String + Send + Sync>,
    /// How operators sign in to the pages.
    pub sign_in: Arc<crate::pages::sign_in::SignIn>,
}

/// An RFC 9457 problem.
#[derive(Debug)]
pub struct Problem {
    status: StatusCode,
    code: &'static str,
    detail: String,
    /// The scope a route needs, said in a 403 `insufficient-scope`.
    scope: Option<&'static str>,
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let mut body = serde_json::json!({
            "type": format!("/problems/{}", self.code),
            "title": self.code,
            "status": self.status.as_u16(),
            "detail": self.detail,
        });
        if let (Some(scope), Some(fields)) = (self.scope, body.as_object_mut()) {
            fields.insert("scope".into(), scope.into());
        }
        (self.status, [(header::CONTENT_TYPE, "application/problem+json")], body.to_string()).into_response()
    }
}

impl From<HqError> for Problem {
    fn from(err: HqError) -> Problem {
        let (status, code) = match &err {
            HqError::Db(_) | HqError::Corrupt(_) | HqError::Config(_) | HqError::Nats(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
            HqError::Rejected { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "message-rejected"),
            HqError::UnknownVersion(_) => (StatusCode::UNPROCESSABLE_ENTITY, "unknown-version"),
            HqError::RateMissing { .. } => (StatusCode::CONFLICT, "rate-missing"),
            HqError::RateVersion { .. } => (StatusCode::CONFLICT, "rate-version"),
            HqError::Enrolment(_) => (StatusCode::UNPROCESSABLE_ENTITY, "enrolment-refused"),
            HqError::AlreadyEnrolled(_) => (StatusCode::CONFLICT, "already-enrolled"),
            HqError::Period(_) => (StatusCode::BAD_REQUEST, "invalid-period"),
        };
        if status.is_server_error() {
            tracing::error!(error = %err, "HQ request failed");
        }
        Problem { status, code, detail: err.to_string(), scope: None }
    }
}

/// Whether `given` is `expected`, compared in constant time over the expected length (a
/// different length answers at once: it tells only the length, not a byte of the secret).
pub fn same_secret(given: &str, expected: &str) -> bool {
    given.len() == expected.len() && given.bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// What a route's guard needs: HQ, the wrong tokens' count (shared by every route) and
/// the scope of the route.
#[derive(Clone)]
struct Guard {
    hq: Hq,
    throttle: Arc<Throttle>,
    needs: Scope,
}

/// Checks the bearer token before the route: 429 while the address is throttled (even
/// with a right token, as the sign-in form does), 401 without a token or with an unknown
/// or revoked one (a wrong one counts against the address), 403 naming the scope needed.
async fn guard(State(g): State<Guard>, request: Request, next: Next) -> Response {
    let from = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(a)| a.ip());
    let now = Instant::now();
    if let Some(wait) = g.throttle.wait(from, now) {
        tracing::warn!(address = ?from, "HQ API throttled");
        let mut res = Problem {
            status: StatusCode::TOO_MANY_REQUESTS,
            code: "too-many-wrong-tokens",
            detail: format!("too many wrong tokens from this address: retry in {} s", wait.as_secs().max(1)),
            scope: None,
        }
        .into_response();
        if let Ok(v) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return res;
    }
    let unauthorised = || {
        Problem {
            status: StatusCode::UNAUTHORIZED,
            code: "unauthorized",
            detail: "a valid bearer token is needed".into(),
            scope: None,
        }
        .into_response()
    };
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned);
    let Some(given) = given.filter(|g| !g.is_empty()) else { return unauthorised() };
    let scope = match crate::tokens::authenticate(&g.hq.store, &given, &(g.hq.now)()).await {
        Ok(Some((_, scope))) => scope,
        Ok(None) => {
            g.throttle.failed(from, now);
            // Counted in the log (never the value), so repeated guessing shows.
            tracing::warn!(address = ?from, "HQ API token refused");
            return unauthorised();
        }
        Err(e) => return Problem::from(e).into_response(),
    };
    if !scope.allows(g.needs) {
        return Problem {
            status: StatusCode::FORBIDDEN,
            code: "insufficient-scope",
            detail: format!("this route needs a token of scope {}; this one is {}", g.needs.as_str(), scope.as_str()),
            scope: Some(g.needs.as_str()),
        }
        .into_response();
    }
    next.run(request).await
}

/// The router: the API and the pages.
pub fn router(hq: Hq) -> Router {
    let pages = crate::pages::routes(hq.clone());
    let throttle = Arc::new(Throttle::default());
    let needs = |needs: Scope| Guard { hq: hq.clone(), throttle: throttle.clone(), needs };
    let reads = Router::new()
        .route("/api/v1/report/{period}", get(report_json))
        .route("/api/v1/report/{period}/csv", get(report_csv))
        .route("/api/v1/nodes", get(nodes))
        .route("/api/v1/rates/{period}", get(rates))
        .route("/api/v1/alarms", get(alarms))
        .route("/api/v1/parked", get(parked))
        .route_layer(from_fn_with_state(needs(Scope::ReportRead), guard));
    let admin = Router::new()
        .route("/api/v1/rates", post(publish_rate))
        .route("/api/v1/enrolments", post(enrolment))
        .route_layer(from_fn_with_state(needs(Scope::Admin), guard));
    reads.merge(admin).with_state(hq).merge(pages)
}

async fn report_json(State(hq): State<Hq>, Path(period): Path<String>) -> Result<Response, Problem> {
    crate::check_period(&period)?;
    let report = report::build(&hq.store, &period, hq.coverage_floor).await?;
    Ok(Json(report).into_response())
}

async fn report_csv(State(hq): State<Hq>, Path(period): Path<String>) -> Result<Response, Problem> {
    crate::check_period(&period)?;
    let report = report::build(&hq.store, &period, hq.coverage_floor).await?;
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], report::to_csv(&report)).into_response())
}

async fn nodes(State(hq): State<Hq>) -> Result<Response, Problem> {
    Ok(Json(hq.store.nodes().await?).into_response())
}

async fn publish_rate(State(hq): State<Hq>, Json(rate): Json<ReferenceRate>) -> Result<Response, Problem> {
    crate::check_period(&rate.period)?;
    hq.store.publish_rate(&rate).await?;
    Ok((StatusCode::CREATED, Json(rate)).into_response())
}

async fn rates(State(hq): State<Hq>, Path(period): Path<String>) -> Result<Response, Problem> {
    crate::check_period(&period)?;
    Ok(Json(hq.store.rates(&period).await?).into_response())
}

async fn enrolment(State(hq): State<Hq>, Json(request): Json<enrol::Request>) -> Result<Response, Problem> {
    let new = enrol::accept(&hq.store, &request, &(hq.now)()).await?;
    let status = if new { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(serde_json::json!({"node": request.claims.node, "key_id": request.claims.key_id})))
        .into_response())
}

async fn alarms(State(hq): State<Hq>) -> Result<Response, Problem> {
    let alarms: Vec<_> = hq
        .store
        .alarms()
        .await?
        .into_iter()
        .map(|(event_id, detail)| serde_json::json!({"event_id": event_id, "detail": detail}))
        .collect();
    Ok(Json(alarms).into_response())
}

async fn parked(State(hq): State<Hq>) -> Result<Response, Problem> {
    Ok(Json(hq.store.parked().await?).into_response())
}

/// Serves HQ on `listener` until `stop` resolves.
pub async fn serve_until(
    hq: Hq,
    listener: tokio::net::TcpListener,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(hq)).with_graceful_shutdown(stop).await
}

/// The router as a service that knows each connection's address (the sign-in's throttle
/// counts wrong tokens by it).
pub fn app(hq: Hq) -> axum::extract::connect_info::IntoMakeServiceWithConnectInfo<Router, std::net::SocketAddr> {
    router(hq).into_make_service_with_connect_info::<std::net::SocketAddr>()
}

/// Serves HQ on `listener` until Ctrl-C.
pub async fn serve(hq: Hq, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(listener, app(hq))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
