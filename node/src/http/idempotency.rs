//! `Idempotency-Key` on POST requests: the same key and body return the first
//! response; the same key with another request is refused.
//!
//! The key is recorded in the same transaction as the operation, so either both
//! the effect and its recorded response are committed or neither is. A failed
//! request records nothing: sending it again runs it again.

use super::problem::Problem;
use crate::error::AppError;
use crate::service::Node;
use crate::storage::entities::idempotency_key;
use crate::storage::is_unique_violation;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sea_orm::{ActiveValue::Set, DatabaseTransaction, EntityTrait};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The header's name.
pub const HEADER: &str = "idempotency-key";

fn key_of(headers: &HeaderMap) -> Result<Option<String>, Problem> {
    let Some(value) = headers.get(HEADER) else { return Ok(None) };
    let key = value.to_str().ok().map(str::trim).filter(|k| !k.is_empty() && k.len() <= 255);
    match key {
        Some(k) => Ok(Some(k.to_owned())),
        None => Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "bad-idempotency-key",
            "Idempotency-Key must be 1 to 255 visible ASCII characters",
        )),
    }
}

fn replay(row: idempotency_key::Model, route: &str, hash: &str, key: &str) -> Result<Response, Problem> {
    if row.request_hash != hash {
        return Err(AppError::IdempotencyKeyReused(super::problem::echo(key)).into());
    }
    let status =
        u16::try_from(row.status_code).ok().and_then(|s| StatusCode::from_u16(s).ok()).unwrap_or(StatusCode::OK);
    let mut res = answer(status, route, row.response_body);
    res.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
    Ok(res)
}

/// Where the resource a 201 made can be read (RFC 9110 §15.3.2), from the
/// request path and the body answered. Most creations are `POST /things`
/// answered by a thing readable at `/things/{id}`; the others name theirs.
fn location(route: &str, body: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    let field = |name: &str| v.get(name).and_then(serde_json::Value::as_str).map(str::to_owned);
    if route.ends_with("/payments") {
        // A payment is read with its invoice.
        return field("invoice_id").map(|i| format!("/api/v1/invoices/{i}"));
    }
    if route.ends_with("/credit-note") {
        return field("id").map(|i| format!("/api/v1/credit-notes/{i}/peppol.xml"));
    }
    if route.ends_with("/workers") {
        // An enrolment is read with its platform.
        return field("platform_id").map(|i| format!("/api/v1/platforms/{i}"));
    }
    field("id").map(|i| format!("{}/{i}", route.trim_end_matches('/')))
}

/// The JSON answer, with its `Location` when it made something.
fn answer(status: StatusCode, route: &str, body: String) -> Response {
    let place = (status == StatusCode::CREATED).then(|| location(route, &body)).flatten();
    let mut res = (status, body).into_response();
    res.headers_mut().insert(axum::http::header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Some(v) = place.and_then(|p| HeaderValue::from_str(&p).ok()) {
        res.headers_mut().insert(axum::http::header::LOCATION, v);
    }
    res
}

/// Runs `op` in one write transaction, recording its response under the
/// request's idempotency key when it has one.
pub async fn run<T, F>(
    node: &Node,
    headers: &HeaderMap,
    route: &str,
    body: &impl Serialize,
    status: StatusCode,
    op: F,
) -> Result<Response, Problem>
where
    T: Serialize,
    F: AsyncFnOnce(&DatabaseTransaction) -> Result<T, AppError>,
{
    let key = key_of(headers)?;
    let request = serde_json::to_string(body).map_err(|e| AppError::Corrupt(e.to_string()))?;
    let hash = hex(&Sha256::digest(format!("{route}\n{request}").as_bytes()));
    let txn = node.store.write().await.map_err(AppError::from)?;
    if let Some(k) = &key {
        if let Some(row) = idempotency_key::Entity::find_by_id(k.clone()).one(&*txn).await.map_err(AppError::from)? {
            return replay(row, route, &hash, k);
        }
    }
    let value = op(&txn).await?;
    let response = serde_json::to_string(&value).map_err(|e| AppError::Corrupt(e.to_string()))?;
    if let Some(k) = &key {
        let inserted = idempotency_key::Entity::insert(idempotency_key::ActiveModel {
            key: Set(k.clone()),
            request_hash: Set(hash.clone()),
            status_code: Set(i32::from(status.as_u16())),
            response_body: Set(response.clone()),
            created_at: Set(chrono::Utc::now().naive_utc()),
        })
        .exec_without_returning(&*txn)
        .await;
        match inserted {
            Ok(_) => {}
            // PostgreSQL: a concurrent request with the same key committed first.
            // Ours is rolled back; answer with what the first one recorded.
            Err(e) if is_unique_violation(&e) => {
                drop(txn);
                let row = idempotency_key::Entity::find_by_id(k.clone())
                    .one(node.store.db())
                    .await
                    .map_err(AppError::from)?
                    .ok_or_else(|| AppError::Corrupt("idempotency key vanished".into()))?;
                return replay(row, route, &hash, k);
            }
            Err(e) => return Err(AppError::from(e).into()),
        }
    }
    txn.commit().await.map_err(AppError::from)?;
    Ok(answer(status, route, response))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
