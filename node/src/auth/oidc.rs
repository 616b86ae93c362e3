//! Sign-in with the office's OpenID Connect provider: authorization code with PKCE
//! (RFC 7636), a nonce and a state bound to the browser by a cookie, the ID token
//! checked for issuer, audience, signature, expiry (on the node's clock) and nonce
//! by `openidconnect`; logout is RP-initiated (`end_session_endpoint` with
//! `id_token_hint` and `post_logout_redirect_uri`).

use super::{sessions, AuthError, AuthRefusal};
use crate::config::AuthSettings;
use crate::storage::entities::login_attempt;
use crate::storage::Store;
use chrono::NaiveDateTime;
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreIdToken, CoreIdTokenVerifier, CoreProviderMetadata, CoreUserInfoClaims,
};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl,
    Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// How long a sign-in may take between the redirect to the provider and the callback.
const LOGIN_MINUTES: i64 = 10;

type Client =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// The HTTP client the provider is reached with: no redirects followed, as the
/// `openidconnect` documentation requires against server-side request forgery.
fn http() -> Result<reqwest::Client, AuthRefusal> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .map_err(|e| AuthRefusal::ProviderUnavailable { reason: e.to_string() })
}

/// The callback URL registered at the provider.
pub fn redirect_url(a: &AuthSettings) -> String {
    format!("{}/auth/callback", a.public_url)
}

/// Where the provider's logout sends the browser back.
pub fn signed_out_url(a: &AuthSettings) -> String {
    format!("{}/auth/signed-out", a.public_url)
}

async fn discover(a: &AuthSettings) -> Result<(Client, CoreProviderMetadata), AuthRefusal> {
    if !a.enabled() {
        return Err(AuthRefusal::SignInNotConfigured);
    }
    let issuer =
        IssuerUrl::new(a.issuer.clone()).map_err(|e| AuthRefusal::ProviderUnavailable { reason: e.to_string() })?;
    // Discovery refuses a document whose issuer is not exactly the configured one.
    let meta = CoreProviderMetadata::discover_async(issuer, &http()?)
        .await
        .map_err(|e| AuthRefusal::ProviderUnavailable { reason: error_chain(&e) })?;
    let redirect =
        RedirectUrl::new(redirect_url(a)).map_err(|e| AuthRefusal::ProviderUnavailable { reason: e.to_string() })?;
    let client = CoreClient::from_provider_metadata(
        meta.clone(),
        ClientId::new(a.client_id.clone()),
        Some(ClientSecret::new(a.client_secret.clone())),
    )
    .set_redirect_uri(redirect);
    Ok((client, meta))
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// Starts a sign-in: the provider's authorization URL to send the browser to, and
/// the secret of the cookie that binds the sign-in to this browser.
pub async fn start(store: &Store, a: &AuthSettings, now: NaiveDateTime) -> Result<(String, String), AuthError> {
    // The provider is asked before any transaction: no write lock waits on the network.
    let (client, _) = discover(a).await?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client
        .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
        .add_scope(Scope::new("email".into()))
        .set_pkce_challenge(challenge)
        .url();
    let browser = super::random_secret();
    let txn = store.write().await?;
    // Attempts never finished are dropped as new ones come.
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::CreatedAt.lt(now - chrono::Duration::minutes(LOGIN_MINUTES)))
        .exec(&*txn)
        .await?;
    login_attempt::ActiveModel {
        state: Set(state.secret().clone()),
        browser_hash: Set(super::digest(&browser)),
        nonce: Set(nonce.secret().clone()),
        verifier: Set(verifier.secret().clone()),
        created_at: Set(now),
    }
    .insert(&*txn)
    .await?;
    txn.commit().await?;
    Ok((url.to_string(), browser))
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
    let (client, _) = discover(a).await?;
    let http = http()?;
    let response = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .map_err(|e| AuthRefusal::ProviderUnavailable { reason: e.to_string() })?
        .set_pkce_verifier(PkceCodeVerifier::new(attempt.verifier))
        .request_async(&http)
        .await
        .map_err(|e| AuthRefusal::LoginRefused { reason: error_chain(&e) })?;
    let id_token = response
        .id_token()
        .ok_or_else(|| AuthRefusal::IdTokenRefused { reason: "the provider sent no ID token".into() })?;
    let verifier = client.id_token_verifier().set_time_fn(move || instant);
    let mut claims = check_id_token(&verifier, id_token, &attempt.nonce)?;
    if claims.verified_email.is_none() {
        // Many providers (oidc-provider among them) give the e-mail at the UserInfo
        // endpoint, not in the ID token; openidconnect checks its `sub` is the token's.
        let subject = id_token
            .claims(&verifier, &Nonce::new(attempt.nonce.clone()))
            .map_err(|e| AuthRefusal::IdTokenRefused { reason: error_chain(&e) })?
            .subject()
            .clone();
        let info: CoreUserInfoClaims = client
            .user_info(response.access_token().clone(), Some(subject))
            .map_err(|e| AuthRefusal::ProviderUnavailable { reason: e.to_string() })?
            .request_async(&http)
            .await
            .map_err(|e| AuthRefusal::LoginRefused { reason: error_chain(&e) })?;
        claims.verified_email = info.email().filter(|_| info.email_verified() == Some(true)).map(|e| e.to_string());
    }
    let txn = store.write().await?;
    let account = sessions::account_for(&*txn, &claims, a.admin_email.as_deref(), now).await?;
    let secret = sessions::open(&*txn, &account, id_token.to_string(), now, a.session_hours).await?;
    txn.commit().await?;
    Ok(secret)
}

/// The claims of an ID token that passes every check of `verifier` (the client's:
/// issuer, audience, signature by the provider's keys, expiry on the node's clock) and
/// carries the sign-in's nonce.
pub fn check_id_token(
    verifier: &CoreIdTokenVerifier<'_>,
    id_token: &CoreIdToken,
    nonce: &str,
) -> Result<sessions::Claims, AuthRefusal> {
    let claims = id_token
        .claims(verifier, &Nonce::new(nonce.to_owned()))
        .map_err(|e| AuthRefusal::IdTokenRefused { reason: error_chain(&e) })?;
    let verified_email = claims.email().filter(|_| claims.email_verified() == Some(true)).map(|e| e.to_string());
    Ok(sessions::Claims {
        subject: format!("{} {}", claims.issuer().as_str(), claims.subject().as_str()),
        verified_email,
    })
}

/// The provider's logout URL for a session's ID token, or `None` when the provider
/// publishes no `end_session_endpoint`.
pub async fn logout_url(a: &AuthSettings, id_token: &str) -> Result<Option<String>, AuthRefusal> {
    if !a.enabled() {
        return Err(AuthRefusal::SignInNotConfigured);
    }
    // `end_session_endpoint` (OpenID Connect RP-Initiated Logout 1.0) is not in the
    // core metadata type: read it from the discovery document itself.
    let url = format!("{}/.well-known/openid-configuration", a.issuer.trim_end_matches('/'));
    let doc: serde_json::Value = http()?
        .get(url)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|e| AuthRefusal::ProviderUnavailable { reason: e.to_string() })?
        .json()
        .await
        .map_err(|e| AuthRefusal::ProviderUnavailable { reason: e.to_string() })?;
    let Some(end) = doc.get("end_session_endpoint").and_then(serde_json::Value::as_str) else { return Ok(None) };
    let mut end = reqwest::Url::parse(end).map_err(|e| AuthRefusal::ProviderUnavailable { reason: e.to_string() })?;
    end.query_pairs_mut()
        .append_pair("id_token_hint", id_token)
        .append_pair("post_logout_redirect_uri", &signed_out_url(a))
        .append_pair("client_id", &a.client_id);
    Ok(Some(end.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use openidconnect::core::{CoreHmacKey, CoreIdTokenClaims, CoreJsonWebKeySet, CoreJwsSigningAlgorithm};
    use openidconnect::{Audience, EmptyAdditionalClaims, EndUserEmail, StandardClaims, SubjectIdentifier};

    const SECRET: &str = "partage-test-secret-0123456789abcdef";
    const ISSUER: &str = "https://id.example";

    fn at(hour: u32) -> chrono::DateTime<chrono::Utc> {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .map(|t| t.and_utc())
            .unwrap()
    }

    /// An ID token signed with the client secret (HS256, as OpenID Connect Core §10.1 allows).
    fn token(issuer: &str, audience: &str, nonce: &str) -> CoreIdToken {
        let standard = StandardClaims::new(SubjectIdentifier::new("ada".into()))
            .set_email(Some(EndUserEmail::new("Ada@Example.org".into())))
            .set_email_verified(Some(true));
        let claims = CoreIdTokenClaims::new(
            IssuerUrl::new(issuer.into()).unwrap(),
            vec![Audience::new(audience.into())],
            at(13),
            at(12),
            standard,
            EmptyAdditionalClaims {},
        )
        .set_nonce(Some(Nonce::new(nonce.into())));
        CoreIdToken::new(claims, &CoreHmacKey::new(SECRET), CoreJwsSigningAlgorithm::HmacSha256, None, None).unwrap()
    }

    /// The verifier of client `partage` of `ISSUER`, on the node's clock at `hour`.
    fn verifier(hour: u32) -> CoreIdTokenVerifier<'static> {
        CoreIdTokenVerifier::new_confidential_client(
            ClientId::new("partage".into()),
            ClientSecret::new(SECRET.into()),
            IssuerUrl::new(ISSUER.into()).unwrap(),
            CoreJsonWebKeySet::new(Vec::new()),
        )
        .set_allowed_algs(vec![CoreJwsSigningAlgorithm::HmacSha256])
        .set_time_fn(move || at(hour))
    }

    #[test]
    fn a_good_id_token_gives_the_subject_and_the_verified_email() {
        let claims = check_id_token(&verifier(12), &token(ISSUER, "partage", "n-1"), "n-1").unwrap();
        assert_eq!(claims.subject, "https://id.example ada");
        assert_eq!(claims.verified_email.as_deref(), Some("Ada@Example.org"));
    }

    #[test]
    fn an_id_token_of_another_issuer_audience_nonce_or_time_is_refused() {
        let refused = |v: CoreIdTokenVerifier<'static>, t: CoreIdToken, nonce: &str| match check_id_token(&v, &t, nonce)
        {
            Err(AuthRefusal::IdTokenRefused { reason }) => reason,
            other => panic!("not refused: {other:?}"),
        };
        let issuer = refused(verifier(12), token("https://evil.example", "partage", "n"), "n");
        assert!(issuer.to_lowercase().contains("issuer"), "{issuer}");
        let audience = refused(verifier(12), token(ISSUER, "another-client", "n"), "n");
        assert!(audience.to_lowercase().contains("audience"), "{audience}");
        let expired = refused(verifier(14), token(ISSUER, "partage", "n"), "n");
        assert!(expired.to_lowercase().contains("expire"), "{expired}");
        let nonce = refused(verifier(12), token(ISSUER, "partage", "n"), "another");
        assert!(nonce.to_lowercase().contains("nonce"), "{nonce}");
    }
}
