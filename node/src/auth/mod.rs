//! Who is asking, and what they may do: roles, the principal of a request (from an
//! API token or a signed-in browser's session), the refusals of sign-in and access.
//!
//! `tokens` (API tokens, hashed), `sessions` (accounts and browser sessions),
//! `oidc` (sign-in with the office's OpenID Connect provider), `policy` (which role
//! reaches which route, and a member only their own records), `http` (the
//! middleware and the `/api-tokens` and `/auth/*` routes).

pub mod http;
pub mod oidc;
pub mod policy;
pub mod sessions;
pub mod tokens;

use crate::http::problem::Problem;
use crate::service::errors::Args;
use axum::http::StatusCode;
use rand::{RngCore, SeedableRng};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

/// What a person or a script may do on this node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A member: their own activities, invoices, payslips, contracts, claims, documents.
    Member,
    /// An advisor of the office: the whole office.
    Advisor,
    /// An administrator: the whole office and its API tokens.
    Admin,
    /// The group's headquarters: aggregate figures only.
    Hq,
}

impl Role {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Advisor => "advisor",
            Role::Admin => "admin",
            Role::Hq => "hq",
        }
    }

    /// Reads a stored name back.
    pub fn parse(name: &str) -> Option<Role> {
        Some(match name {
            "member" => Role::Member,
            "advisor" => Role::Advisor,
            "admin" => Role::Admin,
            "hq" => Role::Hq,
            _ => return None,
        })
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who sent a request: their role, the member they are, and for a browser session
/// the CSRF token its unsafe requests must carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    /// Their role.
    pub role: Role,
    /// The member they act as (the member role only).
    pub member: Option<Uuid>,
    /// The session's CSRF token; `None` for an API token, which a browser never sends by itself.
    pub csrf: Option<String>,
    /// Who they are in the audit log: a session's account e-mail, `API token <name>`.
    pub name: String,
}

/// A fresh 256-bit secret from the operating system, as 64 hex digits.
pub fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::StdRng::from_os_rng().fill_bytes(&mut bytes);
    hex(&bytes)
}

/// SHA-256 of a secret, as hex: what is stored instead of the secret.
pub fn digest(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two byte strings in time independent of where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The first admin: an admin account for `email` (if none has it) and a new admin
/// API token, whose secret is returned and stored only as its hash.
pub async fn bootstrap(node: &crate::service::Node, email: &str) -> Result<String, crate::error::AppError> {
    let txn = node.store.write().await?;
    let now = node.now();
    let existing = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        crate::storage::entities::account::Entity::find()
            .filter(crate::storage::entities::account::Column::Email.eq(email.trim().to_lowercase()))
            .one(&*txn)
            .await?
    };
    if existing.is_none() {
        sessions::add_staff(&*txn, email, Role::Admin, now).await?;
    }
    let new = tokens::NewToken { name: format!("bootstrap ({})", email.trim()), role: Role::Admin, member_id: None };
    let made = tokens::create(&*txn, new, now, "partage admin bootstrap").await?;
    txn.commit().await?;
    Ok(made.secret)
}

/// Why the node refuses to know or to let through whoever is asking.
#[derive(Debug, thiserror::Error)]
pub enum AuthRefusal {
    /// Neither a bearer token nor a session cookie.
    #[error("send Authorization: Bearer <token>, or sign in at /auth/login")]
    NoCredentials,
    /// The bearer token is unknown or revoked.
    #[error("the bearer token is not valid")]
    TokenUnknown,
    /// The session cookie names no live session (tampered, expired or signed out).
    #[error("the session cookie is not valid or has expired: sign in again at /auth/login")]
    SessionUnknown,
    /// A cookie-authenticated unsafe request without its session's CSRF token.
    #[error("a signed-in browser's {method} needs its session's CSRF token in X-CSRF-Token (or the csrf form field)")]
    CsrfMissing {
        /// The request's method.
        method: String,
    },
    /// The role does not reach this route.
    #[error("a {role} may not {method} {route}")]
    RoleForbidden {
        /// The asker's role.
        role: Role,
        /// The method.
        method: String,
        /// The route template.
        route: String,
    },
    /// A member asked for another member's record.
    #[error("{what} {id} is not yours")]
    NotYours {
        /// Kind of record.
        what: &'static str,
        /// Its id.
        id: String,
    },
    /// A member's list or write names no record of theirs.
    #[error("a member lists and writes only their own: name your member_id ({member}) or an activity_id of yours")]
    OwnFilterRequired {
        /// The member asking.
        member: Uuid,
    },
    /// No sign-in under way with this state from this browser.
    #[error("this sign-in is unknown, already used or was started in another browser: start again at /auth/login")]
    LoginUnknown,
    /// The provider refused the sign-in or the code (a replayed or expired code).
    #[error("the identity provider refused the sign-in: {reason}")]
    LoginRefused {
        /// What the provider said.
        reason: String,
    },
    /// The ID token fails a check (issuer, audience, signature, expiry, nonce).
    #[error("the identity provider's ID token is refused: {reason}")]
    IdTokenRefused {
        /// The check that failed.
        reason: String,
    },
    /// The signed-in person is neither a member nor staff of this office.
    #[error("{email} is neither a member's e-mail nor an account of this office")]
    NoAccount {
        /// The e-mail the provider vouched for.
        email: String,
    },
    /// The provider's discovery document could not be read or is not for the configured issuer.
    #[error("the identity provider cannot be used: {reason}")]
    ProviderUnavailable {
        /// What failed.
        reason: String,
    },
    /// `[auth]` names no provider.
    #[error("this node has no identity provider: set auth.issuer, auth.client_id and auth.client_secret")]
    SignInNotConfigured,
}

impl AuthRefusal {
    /// Its status and problem code (also the Fluent message id).
    pub fn code(&self) -> (StatusCode, &'static str) {
        match self {
            AuthRefusal::NoCredentials => (StatusCode::UNAUTHORIZED, "no-token"),
            AuthRefusal::TokenUnknown => (StatusCode::UNAUTHORIZED, "bad-token"),
            AuthRefusal::SessionUnknown => (StatusCode::UNAUTHORIZED, "session-invalid"),
            AuthRefusal::CsrfMissing { .. } => (StatusCode::FORBIDDEN, "csrf-token-missing"),
            AuthRefusal::RoleForbidden { .. } => (StatusCode::FORBIDDEN, "role-forbidden"),
            AuthRefusal::NotYours { .. } => (StatusCode::FORBIDDEN, "not-yours"),
            AuthRefusal::OwnFilterRequired { .. } => (StatusCode::FORBIDDEN, "own-records-only"),
            AuthRefusal::LoginUnknown => (StatusCode::BAD_REQUEST, "login-state-unknown"),
            AuthRefusal::LoginRefused { .. } => (StatusCode::UNAUTHORIZED, "login-refused"),
            AuthRefusal::IdTokenRefused { .. } => (StatusCode::UNAUTHORIZED, "id-token-refused"),
            AuthRefusal::NoAccount { .. } => (StatusCode::FORBIDDEN, "no-account"),
            AuthRefusal::ProviderUnavailable { .. } => (StatusCode::BAD_GATEWAY, "identity-provider-unavailable"),
            AuthRefusal::SignInNotConfigured => (StatusCode::NOT_FOUND, "sign-in-not-configured"),
        }
    }

    /// The values its message quotes.
    pub fn args(&self) -> Args {
        match self {
            AuthRefusal::CsrfMissing { method } => vec![("method", method.clone())],
            AuthRefusal::RoleForbidden { role, method, route } => {
                vec![("role", role.to_string()), ("method", method.clone()), ("route", route.clone())]
            }
            AuthRefusal::NotYours { what, id } => vec![("what", (*what).to_owned()), ("id", id.clone())],
            AuthRefusal::OwnFilterRequired { member } => vec![("member", member.to_string())],
            AuthRefusal::LoginRefused { reason }
            | AuthRefusal::IdTokenRefused { reason }
            | AuthRefusal::ProviderUnavailable { reason } => vec![("reason", reason.clone())],
            AuthRefusal::NoAccount { email } => vec![("email", email.clone())],
            AuthRefusal::NoCredentials
            | AuthRefusal::TokenUnknown
            | AuthRefusal::SessionUnknown
            | AuthRefusal::LoginUnknown
            | AuthRefusal::SignInNotConfigured => Vec::new(),
        }
    }
}

impl From<AuthRefusal> for Problem {
    fn from(refusal: AuthRefusal) -> Problem {
        let (status, code) = refusal.code();
        Problem::new(status, code, refusal.to_string()).with_args(refusal.args())
    }
}

/// A refusal, or a failure of the node while checking.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Refused.
    #[error(transparent)]
    Refused(#[from] AuthRefusal),
    /// The node failed (storage).
    #[error(transparent)]
    App(#[from] crate::error::AppError),
}

impl From<sea_orm::DbErr> for AuthError {
    fn from(e: sea_orm::DbErr) -> AuthError {
        AuthError::App(e.into())
    }
}

impl From<AuthError> for Problem {
    fn from(e: AuthError) -> Problem {
        match e {
            AuthError::Refused(r) => r.into(),
            AuthError::App(a) => a.into(),
        }
    }
}

impl axum::response::IntoResponse for AuthError {
    fn into_response(self) -> axum::response::Response {
        Problem::from(self).into_response()
    }
}

impl axum::response::IntoResponse for AuthRefusal {
    fn into_response(self) -> axum::response::Response {
        Problem::from(self).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::catalogue::{message, LANGUAGES};

    fn every_refusal() -> Vec<AuthRefusal> {
        let text = |s: &str| s.to_owned();
        vec![
            AuthRefusal::NoCredentials,
            AuthRefusal::TokenUnknown,
            AuthRefusal::SessionUnknown,
            AuthRefusal::CsrfMissing { method: text("POST") },
            AuthRefusal::RoleForbidden { role: Role::Hq, method: text("GET"), route: text("/api/v1/members") },
            AuthRefusal::NotYours { what: "invoice", id: text("0190") },
            AuthRefusal::OwnFilterRequired { member: Uuid::nil() },
            AuthRefusal::LoginUnknown,
            AuthRefusal::LoginRefused { reason: text("invalid_grant") },
            AuthRefusal::IdTokenRefused { reason: text("expired") },
            AuthRefusal::NoAccount { email: text("eve@example.org") },
            AuthRefusal::ProviderUnavailable { reason: text("no answer") },
            AuthRefusal::SignInNotConfigured,
        ]
    }

    #[test]
    fn every_auth_refusal_has_its_own_code_and_a_message_in_every_language() {
        let refusals = every_refusal();
        let codes: std::collections::BTreeSet<&str> = refusals.iter().map(|r| r.code().1).collect();
        assert_eq!(codes.len(), refusals.len(), "two refusals share a code");
        for r in &refusals {
            let (_, code) = r.code();
            for language in LANGUAGES {
                let text = message(language, code, &r.args());
                assert!(text.is_some_and(|t| !t.is_empty()), "{language} lacks {code}");
            }
            assert_eq!(message("en", code, &r.args()).as_deref(), Some(r.to_string().as_str()), "{code}");
            assert!(include_str!("../../../docs/api.md").contains(&format!("`{code}`")), "docs/api.md lacks {code}");
        }
    }

    #[test]
    fn a_stored_role_reads_back_and_an_unknown_one_does_not() {
        for role in [Role::Member, Role::Advisor, Role::Admin, Role::Hq] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn a_secret_is_256_bits_and_its_digest_is_not_the_secret() {
        let s = random_secret();
        assert_eq!(s.len(), 64);
        assert_ne!(random_secret(), s);
        assert_eq!(digest(&s).len(), 64);
        assert_ne!(digest(&s), s);
    }
}
