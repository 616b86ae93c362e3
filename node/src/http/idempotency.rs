//! `Idempotency-Key` on write requests: the same key and body return the first
//! response; the same key with another request is refused; a key older than
//! `api.idempotency_retention_days` is forgotten, and is a new request.
//!
//! A handler takes the [`Idempotent`] extractor, which reads the key, documents
//! the header (its `IntoParams`, listed in the handler's `params(...)`) and runs
//! the handler's write: the key is recorded in the same transaction as the
//! operation, so either both the effect and its recorded response are committed
//! or neither is. A failed request records nothing: sending it again runs it again.
//!
//! Expired records are deleted when the server starts and then every hour
//! ([`spawn_purge`]), in one statement on the `created_at` index, outside any
//! request: a purge inside each write would make concurrent writers on PostgreSQL
//! wait on each other's deletions. A key is judged by its own `created_at` when it
//! comes back, so an expired key not yet purged is new all the same.

use super::problem::Problem;
use crate::error::AppError;
use crate::service::Node;
use crate::storage::entities::idempotency_key;
use crate::storage::is_unique_violation;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::Required;

/// The header's name.
pub const HEADER: &str = "idempotency-key";

/// The header as the OpenAPI document names it.
const DOCUMENTED_NAME: &str = "Idempotency-Key";

/// What an `Idempotency-Key` is, in the OpenAPI document.
const DESCRIPTION: &str = "1 to 255 visible ASCII characters (a UUID is a good key), unique per \
operation: the same key with the same route and body replays the first response (with \
`Idempotent-Replayed: true`); the same key with another request is refused (422 \
`idempotency-key-reused`). A key is remembered for the node's `api.idempotency_retention_days` \
(30 by default); after that it is a new request.";

/// How often a serving node deletes expired keys.
const PURGE_EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// A write request's idempotency: its `Idempotency-Key`, if it was sent one, and the
/// route it was sent to, which with the body is the request's fingerprint.
#[derive(Clone, Debug)]
pub struct Idempotent {
    key: Option<String>,
    route: String,
    /// Commit without waiting for the disk, then wait for it before answering.
    sync_after_commit: bool,
}

impl<S: Send + Sync> FromRequestParts<S> for Idempotent {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Problem> {
        Ok(Idempotent { key: key_of(&parts.headers)?, route: parts.uri.path().to_owned(), sync_after_commit: false })
    }
}

/// Listed in a handler's `params(...)`, the header is documented where it is read.
impl utoipa::IntoParams for Idempotent {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let form = ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .max_length(Some(255))
            .pattern(Some("^[!-~]([ -~]{0,253}[!-~])?$"));
        vec![ParameterBuilder::new()
            .name(DOCUMENTED_NAME)
            .parameter_in(ParameterIn::Header)
            .required(Required::False)
            .description(Some(DESCRIPTION))
            .schema(Some(form))
            .build()]
    }
}

impl Idempotent {
    /// Lets the operation's transaction release its locks before its commit reaches the
    /// disk, and answers (a first answer or a replay) only once it has
    /// (`storage::defer_sync`, `Store::synced`): for an operation whose transactions queue
    /// on one row, so that they queue for their statements, not for one sync each.
    pub fn sync_after_commit(mut self) -> Idempotent {
        self.sync_after_commit = true;
        self
    }

    /// Runs `op` in one write transaction, recording its response under the
    /// request's idempotency key when it has one; `body` is the request as it was
    /// read, which with the route must match a replay's.
    pub async fn run<T, F>(
        self,
        node: &Node,
        body: &impl Serialize,
        status: StatusCode,
        op: F,
    ) -> Result<Response, Problem>
    where
        T: Serialize,
        F: AsyncFnOnce(&DatabaseTransaction) -> Result<T, AppError>,
    {
        let Idempotent { key, route, sync_after_commit } = self;
        // A replay may answer a record committed without waiting for the disk, as the first
        // answer does: it is on disk before either is sent.
        let synced = async || -> Result<(), Problem> {
            if sync_after_commit {
                node.store.synced().await.map_err(AppError::from)?;
            }
            Ok(())
        };
        let route = route.as_str();
        let request = serde_json::to_string(body).map_err(|e| AppError::Corrupt(e.to_string()))?;
        let hash = hex(&Sha256::digest(format!("{route}\n{request}").as_bytes()));
        let now = node.instant().naive_utc();
        let txn = node.store.write().await.map_err(AppError::from)?;
        if sync_after_commit {
            crate::storage::defer_sync(&*txn).await.map_err(AppError::from)?;
        }
        if let Some(k) = &key {
            if let Some(row) =
                idempotency_key::Entity::find_by_id(k.clone()).one(&*txn).await.map_err(AppError::from)?
            {
                let expired_before = expiry(node, now);
                if row.created_at >= expired_before {
                    // On SQLite the record may be a queued writer's of this same write
                    // group: the replay waits for the group to be on disk, as the first
                    // answer did.
                    txn.commit().await.map_err(AppError::from)?;
                    synced().await?;
                    return replay(row, route, &hash, k);
                }
                // Forgotten: this request is new, and its record replaces the old one. The
                // deletion names the expiry again: on PostgreSQL a concurrent copy of this
                // request may have replaced the old record and committed since our read, and
                // deleting by key alone would delete that fresh record, run the operation a
                // second time and, waiting on its locks, deadlock with the other copies.
                idempotency_key::Entity::delete_many()
                    .filter(idempotency_key::Column::Key.eq(k.clone()))
                    .filter(idempotency_key::Column::CreatedAt.lt(expired_before))
                    .exec(&*txn)
                    .await
                    .map_err(AppError::from)?;
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
                created_at: Set(now),
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
                    synced().await?;
                    return replay(row, route, &hash, k);
                }
                Err(e) => return Err(AppError::from(e).into()),
            }
        }
        txn.commit().await.map_err(AppError::from)?;
        synced().await?;
        Ok(answer(status, route, response))
    }
}

/// The oldest `created_at` a key is still remembered with, `now` being UTC.
fn expiry(node: &Node, now: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
    now - chrono::Duration::days(i64::from(node.settings.idempotency_retention_days))
}

/// Deletes the records of expired keys; returns how many.
pub async fn purge_expired(node: &Node) -> Result<u64, AppError> {
    let before = expiry(node, node.instant().naive_utc());
    let txn = node.store.write().await?;
    let deleted = idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::CreatedAt.lt(before))
        .exec(&*txn)
        .await?
        .rows_affected;
    txn.commit().await?;
    Ok(deleted)
}

/// Purges expired keys now, then every hour while the node serves.
pub fn spawn_purge(node: Node) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(PURGE_EVERY);
        loop {
            every.tick().await;
            match purge_expired(&node).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, "expired idempotency keys deleted"),
                Err(e) => tracing::warn!(error = %e, "expired idempotency keys not deleted; next try in an hour"),
            }
        }
    });
}

fn key_of(headers: &HeaderMap) -> Result<Option<String>, Problem> {
    let Some(value) = headers.get(HEADER) else { return Ok(None) };
    // The documented form: visible ASCII and inner spaces. `to_str` also passes a tab,
    // which the document's pattern refuses, so each byte is checked.
    let key = value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 255 && k.bytes().all(|b| (b' '..=b'~').contains(&b)));
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

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(value: &[u8]) -> Result<Option<String>, Problem> {
        let mut headers = HeaderMap::new();
        headers.insert(HEADER, HeaderValue::from_bytes(value).unwrap());
        key_of(&headers)
    }

    #[test]
    fn a_key_is_visible_ascii_with_inner_spaces_and_nothing_else() {
        assert_eq!(key(b"order 42").unwrap().as_deref(), Some("order 42"));
        assert_eq!(key(&[b'k'; 255]).unwrap().map(|k| k.len()), Some(255));
        for bad in [&b"a\tb"[..], &[b'k'; 256][..], &b"caf\xc3\xa9"[..]] {
            assert_eq!(key(bad).unwrap_err().code, "bad-idempotency-key", "{bad:?}");
        }
        assert_eq!(key_of(&HeaderMap::new()).unwrap(), None);
    }
}
