//! The OpenID Connect relying party a node and HQ sign people in with (issue 14):
//! authorization code with PKCE (RFC 7636) and a nonce, the ID token checked for
//! issuer, audience, signature, expiry (on the caller's clock) and nonce by
//! `openidconnect`, the e-mail read from UserInfo when the token lacks it, and
//! RP-initiated logout.
//!
//! What is kept between the redirect and the callback (state, nonce, PKCE verifier)
//! and who the person is to the caller are the caller's: the node keeps attempts in
//! its database and maps people to accounts; HQ keeps them in memory and admits its
//! operators by e-mail.

#[cfg(feature = "testing")]
pub mod testing;

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreIdToken, CoreIdTokenVerifier, CoreProviderMetadata, CoreUserInfoClaims,
};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl,
    Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};

pub use openidconnect::core::CoreIdTokenVerifier as IdTokenVerifier;

/// How long a sign-in may take between the redirect to the provider and the callback.
pub const LOGIN_MINUTES: i64 = 10;

/// A relying party's settings at its provider.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The provider's issuer URL; empty: no sign-in.
    pub issuer: String,
    /// The client id at the provider.
    pub client_id: String,
    /// The client secret at the provider.
    pub client_secret: String,
    /// Where browsers reach the relying party (`https://office.example`): the callback is
    /// `{public_url}/auth/callback`, the logout returns to `{public_url}/auth/signed-out`.
    pub public_url: String,
}

impl Settings {
    /// Whether a provider is configured.
    pub fn enabled(&self) -> bool {
        !self.issuer.is_empty()
    }

    /// The callback URL registered at the provider.
    pub fn redirect_url(&self) -> String {
        format!("{}/auth/callback", self.public_url.trim_end_matches('/'))
    }

    /// Where the provider's logout sends the browser back.
    pub fn signed_out_url(&self) -> String {
        format!("{}/auth/signed-out", self.public_url.trim_end_matches('/'))
    }
}

/// Why a sign-in cannot go on.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Refusal {
    /// No provider is configured.
    #[error("no identity provider is configured")]
    NotConfigured,
    /// The provider's discovery document could not be read or is not for the configured issuer.
    #[error("the identity provider cannot be used: {0}")]
    ProviderUnavailable(String),
    /// The provider refused the sign-in or the code (a replayed or expired code).
    #[error("the identity provider refused the sign-in: {0}")]
    LoginRefused(String),
    /// The ID token fails a check (issuer, audience, signature, expiry, nonce).
    #[error("the identity provider's ID token is refused: {0}")]
    IdTokenRefused(String),
}

/// Who the provider says signed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claims {
    /// `issuer subject`: the provider's stable id of the person.
    pub subject: String,
    /// The e-mail address, if the provider verified it.
    pub verified_email: Option<String>,
}

/// A sign-in started: where to send the browser, and what the callback will need.
#[derive(Debug)]
pub struct Started {
    /// The provider's authorization URL.
    pub url: String,
    /// The `state` the callback comes back with: the key of what is kept.
    pub state: String,
    /// The nonce the ID token must carry.
    pub nonce: String,
    /// The PKCE verifier the code is exchanged with.
    pub verifier: String,
}

/// A sign-in finished: the person and the ID token (the logout's `id_token_hint`).
#[derive(Debug)]
pub struct SignedIn {
    /// Who.
    pub claims: Claims,
    /// The raw ID token.
    pub id_token: String,
}

type Client =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// The HTTP client the provider is reached with: no redirects followed, as the
/// `openidconnect` documentation requires against server-side request forgery.
fn http() -> Result<reqwest::Client, Refusal> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .map_err(|e| Refusal::ProviderUnavailable(e.to_string()))
}

async fn discover(s: &Settings) -> Result<Client, Refusal> {
    if !s.enabled() {
        return Err(Refusal::NotConfigured);
    }
    let unavailable = |e: &dyn std::error::Error| Refusal::ProviderUnavailable(error_chain(e));
    let issuer = IssuerUrl::new(s.issuer.clone()).map_err(|e| unavailable(&e))?;
    // Discovery refuses a document whose issuer is not exactly the configured one.
    let meta = CoreProviderMetadata::discover_async(issuer, &http()?).await.map_err(|e| unavailable(&e))?;
    let redirect = RedirectUrl::new(s.redirect_url()).map_err(|e| unavailable(&e))?;
    Ok(CoreClient::from_provider_metadata(
        meta,
        ClientId::new(s.client_id.clone()),
        Some(ClientSecret::new(s.client_secret.clone())),
    )
    .set_redirect_uri(redirect))
}

/// A cookie's value from a request's `Cookie` headers: the sign-in's binding to the
/// browser and the session both travel there.
pub fn cookie(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(reqwest::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// An error and its sources, one line: the provider's reason is often two levels down.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// Starts a sign-in: asks the provider's discovery document (before the caller opens
/// any transaction, so no lock waits on the network) and makes the state, nonce and
/// PKCE pair the caller keeps until the callback.
pub async fn start(s: &Settings) -> Result<Started, Refusal> {
    let client = discover(s).await?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client
        .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
        .add_scope(Scope::new("email".into()))
        .set_pkce_challenge(challenge)
        .url();
    Ok(Started {
        url: url.to_string(),
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        verifier: verifier.secret().clone(),
    })
}

/// Finishes a sign-in whose kept attempt the caller has already found and consumed:
/// exchanges the code with its PKCE verifier, checks the ID token on the caller's clock
/// `now` and its nonce, and asks UserInfo for the e-mail when the token lacks it.
pub async fn finish(
    s: &Settings,
    code: &str,
    verifier: String,
    nonce: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<SignedIn, Refusal> {
    let client = discover(s).await?;
    let http = http()?;
    let response = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .map_err(|e| Refusal::ProviderUnavailable(e.to_string()))?
        .set_pkce_verifier(PkceCodeVerifier::new(verifier))
        .request_async(&http)
        .await
        .map_err(|e| Refusal::LoginRefused(error_chain(&e)))?;
    let id_token =
        response.id_token().ok_or_else(|| Refusal::IdTokenRefused("the provider sent no ID token".into()))?;
    let verifier = client.id_token_verifier().set_time_fn(move || now);
    let mut claims = check_id_token(&verifier, id_token, nonce)?;
    if claims.verified_email.is_none() {
        // Many providers (oidc-provider among them) give the e-mail at the UserInfo
        // endpoint, not in the ID token; openidconnect checks its `sub` is the token's.
        let subject = id_token
            .claims(&verifier, &Nonce::new(nonce.to_owned()))
            .map_err(|e| Refusal::IdTokenRefused(error_chain(&e)))?
            .subject()
            .clone();
        let info: CoreUserInfoClaims = client
            .user_info(response.access_token().clone(), Some(subject))
            .map_err(|e| Refusal::ProviderUnavailable(e.to_string()))?
            .request_async(&http)
            .await
            .map_err(|e| Refusal::LoginRefused(error_chain(&e)))?;
        claims.verified_email = info.email().filter(|_| info.email_verified() == Some(true)).map(|e| e.to_string());
    }
    Ok(SignedIn { claims, id_token: id_token.to_string() })
}

/// The claims of an ID token that passes every check of `verifier` (the client's:
/// issuer, audience, signature by the provider's keys, expiry on the caller's clock)
/// and carries the sign-in's nonce.
pub fn check_id_token(
    verifier: &CoreIdTokenVerifier<'_>,
    id_token: &CoreIdToken,
    nonce: &str,
) -> Result<Claims, Refusal> {
    let claims = id_token
        .claims(verifier, &Nonce::new(nonce.to_owned()))
        .map_err(|e| Refusal::IdTokenRefused(error_chain(&e)))?;
    let verified_email = claims.email().filter(|_| claims.email_verified() == Some(true)).map(|e| e.to_string());
    Ok(Claims { subject: format!("{} {}", claims.issuer().as_str(), claims.subject().as_str()), verified_email })
}

/// The provider's logout URL for a session's ID token, or `None` when the provider
/// publishes no `end_session_endpoint`.
pub async fn logout_url(s: &Settings, id_token: &str) -> Result<Option<String>, Refusal> {
    if !s.enabled() {
        return Err(Refusal::NotConfigured);
    }
    let unavailable = |e: &dyn std::error::Error| Refusal::ProviderUnavailable(error_chain(e));
    // `end_session_endpoint` (OpenID Connect RP-Initiated Logout 1.0) is not in the
    // core metadata type: read it from the discovery document itself.
    let url = format!("{}/.well-known/openid-configuration", s.issuer.trim_end_matches('/'));
    let doc: serde_json::Value = http()?
        .get(url)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|e| unavailable(&e))?
        .json()
        .await
        .map_err(|e| unavailable(&e))?;
    let Some(end) = doc.get("end_session_endpoint").and_then(serde_json::Value::as_str) else { return Ok(None) };
    let mut end = reqwest::Url::parse(end).map_err(|e| unavailable(&e))?;
    end.query_pairs_mut()
        .append_pair("id_token_hint", id_token)
        .append_pair("post_logout_redirect_uri", &s.signed_out_url())
        .append_pair("client_id", &s.client_id);
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

    /// The verifier of client `partage` of `ISSUER`, on the caller's clock at `hour`.
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
            Err(Refusal::IdTokenRefused(reason)) => reason,
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

    #[test]
    fn a_cookie_is_found_among_others_in_every_cookie_header_and_only_by_its_whole_name() {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.append(reqwest::header::COOKIE, "a=1; xhq_login=no".parse().unwrap());
        headers.append(reqwest::header::COOKIE, "b=2;hq_login=abc=; c=3".parse().unwrap());
        assert_eq!(cookie(&headers, "hq_login").as_deref(), Some("abc="));
        assert_eq!(cookie(&headers, "a").as_deref(), Some("1"));
        assert_eq!(cookie(&headers, "login"), None);
    }

    #[test]
    fn the_callback_and_logout_urls_hang_off_the_public_url() {
        let s = Settings { public_url: "https://office.example/".into(), ..Settings::default() };
        assert_eq!(s.redirect_url(), "https://office.example/auth/callback");
        assert_eq!(s.signed_out_url(), "https://office.example/auth/signed-out");
        assert!(!s.enabled());
    }

    #[tokio::test]
    async fn without_an_issuer_nothing_is_asked_of_any_provider() {
        let s = Settings::default();
        assert_eq!(start(&s).await.err(), Some(Refusal::NotConfigured));
        assert_eq!(logout_url(&s, "t").await, Err(Refusal::NotConfigured));
    }
}
