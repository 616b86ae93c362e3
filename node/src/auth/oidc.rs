//! Sign-in with the office's OpenID Connect provider: authorization code with PKCE
//! (RFC 7636), a nonce and a state bound to the browser by a cookie, the ID token
//! checked for issuer, audience, signature, expiry (on the node's clock) and nonce
//! by `openidconnect`; logout is RP-initiated (`end_session_endpoint` with
//! `id_token_hint` and `post_logout_redirect_uri`).
//! The protocol is `partage_oidc`'s, shared with HQ; here the node keeps each attempt in its
//! database and maps the person to a member or staff account.

use super::{sessions, AuthError, AuthRefusal};
use crate::config::AuthSettings;
use crate::storage::entities::login_attempt;
use crate::storage::Store;
use chrono::NaiveDateTime;
use partage_oidc::{Refusal, LOGIN_MINUTES};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

impl From<Refusal> for AuthRefusal {
    fn from(r: Refusal) -> AuthRefusal {
        match r {
            Refusal::NotConfigured => AuthRefusal::SignInNotConfigured,
            Refusal::ProviderUnavailable(reason) => AuthRefusal::ProviderUnavailable { reason },
            Refusal::LoginRefused(reason) => AuthRefusal::LoginRefused { reason },
            Refusal::IdTokenRefused(reason) => AuthRefusal::IdTokenRefused { reason },
        }
    }
}

impl From<Refusal> for AuthError {
    fn from(r: Refusal) -> AuthError {
        AuthError::Refused(r.into())
    }
}

/// Starts a sign-in: the provider's authorization URL to send the browser to, and
/// the secret of the cookie that binds the sign-in to this browser.
pub async fn start(store: &Store, a: &AuthSettings, now: NaiveDateTime) -> Result<(String, String), AuthError> {
    // The provider is asked before any transaction: no write lock waits on the network.
    let started = partage_oidc::start(&a.oidc).await?;
    let browser = super::random_secret();
    let txn = store.write().await?;
    // Attempts never finished are dropped as new ones come.
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::CreatedAt.lt(now - chrono::Duration::minutes(LOGIN_MINUTES)))
        .exec(&*txn)
        .await?;
    login_attempt::ActiveModel {
        state: Set(started.state),
        browser_hash: Set(super::digest(&browser)),
        nonce: Set(started.nonce),
        verifier: Set(started.verifier),
        created_at: Set(now),
    }
    .insert(&*txn)
    .await?;
    txn.commit().await?;
    Ok((started.url, browser))
}

/// Finishes a sign-in: the attempt named by `state` and started by this browser is
/// consumed (a second callback with it is refused), the code exchanged with its PKCE
/// verifier, the ID token checked, the person mapped to their account, a session
/// opened. Returns the session cookie's secret.
pub async fn finish(
    store: &Store,
    a: &AuthSettings,
    state: &str,
    code: &str,
    browser: Option<&str>,
    now: NaiveDateTime,
    instant: chrono::DateTime<chrono::Utc>,
) -> Result<String, AuthError> {
    let txn = store.write().await?;
    let attempt = login_attempt::Entity::find_by_id(state.to_owned()).one(&*txn).await?;
    let Some(attempt) = attempt.filter(|t| {
        browser.is_some_and(|b| super::constant_time_eq(super::digest(b).as_bytes(), t.browser_hash.as_bytes()))
            && t.created_at > now - chrono::Duration::minutes(LOGIN_MINUTES)
    }) else {
        return Err(AuthRefusal::LoginUnknown.into());
    };
    // Consumed and committed first, whatever the provider says next: of two callbacks
    // racing with one state one deletes the row, and a state works once.
    let deleted = login_attempt::Entity::delete_by_id(attempt.state.clone()).exec(&*txn).await?;
    if deleted.rows_affected != 1 {
        return Err(AuthRefusal::LoginUnknown.into());
    }
    txn.commit().await?;
    let signed_in = partage_oidc::finish(&a.oidc, code, attempt.verifier, &attempt.nonce, instant).await?;
    let txn = store.write().await?;
    let account = sessions::account_for(&*txn, &signed_in.claims, a.admin_email.as_deref(), now).await?;
    let secret = sessions::open(&*txn, &account, signed_in.id_token, now, a.session_hours).await?;
    txn.commit().await?;
    Ok(secret)
}

/// The provider's logout URL for a session's ID token, or `None` when the provider
/// publishes no `end_session_endpoint`.
pub async fn logout_url(a: &AuthSettings, id_token: &str) -> Result<Option<String>, AuthRefusal> {
    Ok(partage_oidc::logout_url(&a.oidc, id_token).await?)
}
