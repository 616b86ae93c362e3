//! HQ's HTTP API: the group report (JSON, CSV), enrolled nodes, rates, enrolments,
//! alarms. Every route needs the bearer token; errors are RFC 9457 problems. The same
//! server serves the operator's pages ([`crate::pages`]: `/`, `/app/...`).

use crate::store::{HqStore, ReferenceRate};
use crate::{enrol, report, HqError};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use rust_decimal::Decimal;
use std::sync::Arc;

/// What the handlers share.
#[derive(Clone)]
pub struct Hq {
    /// The store.
    pub store: HqStore,
    /// The bearer token every request must carry.
    pub token: Arc<str>,
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
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "type": format!("/problems/{}", self.code),
            "title": self.code,
            "status": self.status.as_u16(),
            "detail": self.detail,
        });
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
        Problem { status, code, detail: err.to_string() }
    }
}

/// Whether `given` is `expected`, compared in constant time over the expected length (a
/// different length answers at once: it tells only the length, not a byte of the secret).
pub fn same_secret(given: &str, expected: &str) -> bool {
    given.len() == expected.len() && given.bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

fn authorised(hq: &Hq, headers: &HeaderMap) -> Result<(), Problem> {
    let given =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if given.is_some_and(|g| same_secret(g, &hq.token)) {
        Ok(())
    } else {
        Err(Problem {
            status: StatusCode::UNAUTHORIZED,
            code: "unauthorized",
            detail: "a valid bearer token is needed".into(),
        })
    }
}

/// The router: the API and the pages.
pub fn router(hq: Hq) -> Router {
    let pages = crate::pages::routes(hq.clone());
    Router::new()
        .route("/api/v1/report/{period}", get(report_json))
        .route("/api/v1/report/{period}/csv", get(report_csv))
        .route("/api/v1/nodes", get(nodes))
        .route("/api/v1/rates", post(publish_rate))
        .route("/api/v1/rates/{period}", get(rates))
        .route("/api/v1/enrolments", post(enrolment))
        .route("/api/v1/alarms", get(alarms))
        .route("/api/v1/parked", get(parked))
        .with_state(hq)
        .merge(pages)
}

async fn report_json(
    State(hq): State<Hq>,
    headers: HeaderMap,
    Path(period): Path<String>,
) -> Result<Response, Problem> {
    authorised(&hq, &headers)?;
    crate::check_period(&period)?;
    let report = report::build(&hq.store, &period, hq.coverage_floor).await?;
    Ok(Json(report).into_response())
}

async fn report_csv(State(hq): State<Hq>, headers: HeaderMap, Path(period): Path<String>) -> Result<Response, Problem> {
    authorised(&hq, &headers)?;
    crate::check_period(&period)?;
    let report = report::build(&hq.store, &period, hq.coverage_floor).await?;
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], report::to_csv(&report)).into_response())
}

async fn nodes(State(hq): State<Hq>, headers: HeaderMap) -> Result<Response, Problem> {
    authorised(&hq, &headers)?;
    Ok(Json(hq.store.nodes().await?).into_response())
}

async fn publish_rate(
    State(hq): State<Hq>,
    headers: HeaderMap,
    Json(rate): Json<ReferenceRate>,
) -> Result<Response, Problem> {
    authorised(&hq, &headers)?;
    crate::check_period(&rate.period)?;
    hq.store.publish_rate(&rate).await?;
    Ok((StatusCode::CREATED, Json(rate)).into_response())
}

async fn rates(State(hq): State<Hq>, headers: HeaderMap, Path(period): Path<String>) -> Result<Response, Problem> {
    authorised(&hq, &headers)?;
    crate::check_period(&period)?;
    Ok(Json(hq.store.rates(&period).await?).into_response())
}

async fn enrolment(
    State(hq): State<Hq>,
    headers: HeaderMap,
    Json(request): Json<enrol::Request>,
) -> Result<Response, Problem> {
    authorised(&hq, &headers)?;
    let new = enrol::accept(&hq.store, &request, &(hq.now)()).await?;
    let status = if new { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(serde_json::json!({"node": request.claims.node, "key_id": request.claims.key_id})))
        .into_response())
}

async fn alarms(State(hq): State<Hq>, headers: HeaderMap) -> Result<Response, Problem> {
    authorised(&hq, &headers)?;
    let alarms: Vec<_> = hq
        .store
        .alarms()
        .await?
        .into_iter()
        .map(|(event_id, detail)| serde_json::json!({"event_id": event_id, "detail": detail}))
        .collect();
    Ok(Json(alarms).into_response())
}

async fn parked(State(hq): State<Hq>, headers: HeaderMap) -> Result<Response, Problem> {
    authorised(&hq, &headers)?;
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
