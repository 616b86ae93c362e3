//! HQ's API tokens (issue 14): made, scoped and revoked by a signed-in operator on
//! `/app/tokens`, for partner platforms and scripts. The secret, `ptk_hq_` and 32 random
//! bytes in base64url, is shown once; HQ keeps only its SHA-256 (hex), looked up by index.
//! HQ has no configured token: the first `admin` token comes from `partage hq bootstrap`
//! ([`bootstrap`]), and can be revoked on the page like any other.

use crate::store::{HqStore, StoredToken};
use crate::HqError;
use base64::Engine;
use rand::{Rng, SeedableRng};
use sha2::{Digest, Sha256};

/// What a token may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The group report (JSON, CSV) and the figures' reads: nodes, rates, alarms, parked.
    ReportRead,
    /// Everything: enrolments and rates too.
    Admin,
}

impl Scope {
    /// Every scope, as the page's select offers them.
    pub const ALL: [Scope; 2] = [Scope::ReportRead, Scope::Admin];

    /// Its name on the wire and in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::ReportRead => "report:read",
            Scope::Admin => "admin",
        }
    }

    /// The scope named `text`.
    pub fn parse(text: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether a token of this scope may do what `needed` names.
    pub fn allows(self, needed: Scope) -> bool {
        self == Scope::Admin || self == needed
    }
}

/// What every secret starts with, so a leaked one is recognised (by secret scanners too).
pub const PREFIX: &str = "ptk_hq_";

/// The SHA-256 of a secret, hex: what the store keeps and looks up.
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// A new secret: the prefix and 32 bytes of the operating system's generator, base64url.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::StdRng::from_os_rng().fill(&mut bytes);
    format!("{PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// The longest name a token may have, in characters.
pub const NAME_MAX: usize = 100;

/// The name trimmed, when it is 1 to [`NAME_MAX`] characters on one line.
pub fn check_name(name: &str) -> Option<String> {
    let name = name.trim();
    let chars = name.chars().count();
    ((1..=NAME_MAX).contains(&chars) && !name.chars().any(char::is_control)).then(|| name.to_owned())
}

/// Makes a token; returns it as stored and its secret, which nothing keeps.
pub async fn create(
    store: &HqStore,
    name: &str,
    scope: Scope,
    created_by: Option<&str>,
    at: &str,
) -> Result<(StoredToken, String), HqError> {
    let secret = new_secret();
    let mut id = [0u8; 16];
    rand::rngs::StdRng::from_os_rng().fill(&mut id);
    let token = StoredToken {
        id: hex::encode(id),
        name: name.to_owned(),
        scope: scope.as_str().to_owned(),
        created_by: created_by.map(str::to_owned),
        created_at: at.to_owned(),
        revoked_at: None,
        last_used_at: None,
    };
    store.create_token(&token, &digest(&secret)).await?;
    tracing::info!(id = %token.id, name = %token.name, scope = %token.scope, by = ?created_by, "HQ API token made");
    Ok((token, secret))
}

/// What `partage hq bootstrap` writes as the maker of what it makes.
pub const BOOTSTRAP: &str = "partage hq bootstrap";

/// The first admin: `email` becomes an operator (if not already) and a new `admin` token
/// named after them is made; returns its secret, which nothing keeps.
pub async fn bootstrap(store: &HqStore, email: &str, at: &str) -> Result<String, HqError> {
    let email = crate::operators::check_email(email)
        .ok_or_else(|| HqError::Config(format!("--email '{}' is not an e-mail address", email.trim())))?;
    crate::operators::add(store, &[], &email, BOOTSTRAP, at).await?;
    let (_, secret) = create(store, &format!("bootstrap ({email})"), Scope::Admin, Some(BOOTSTRAP), at).await?;
    Ok(secret)
}

/// The live token whose secret is `secret` and its scope, recording its use at `at` (to
/// the minute).
pub async fn authenticate(store: &HqStore, secret: &str, at: &str) -> Result<Option<(StoredToken, Scope)>, HqError> {
    if !secret.starts_with(PREFIX) {
        return Ok(None);
    }
    let Some(token) = store.live_token(&digest(secret)).await? else { return Ok(None) };
    let scope =
        Scope::parse(&token.scope).ok_or_else(|| HqError::Corrupt(format!("API token scope '{}'", token.scope)))?;
    // The use is recorded once a minute at most: every write takes the store's write lock,
    // and a script polling the report would otherwise make each of its reads a write.
    let minute = |t: &str| t.get(..16).map(str::to_owned);
    if token.last_used_at.as_deref().and_then(minute) != minute(at) {
        store.token_used(&token.id, at).await?;
    }
    Ok(Some((token, scope)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_the_prefix_and_256_random_bits() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert!(a.starts_with(PREFIX));
        assert_eq!(a.len(), PREFIX.len() + 43, "{a}");
        assert_eq!(digest(&a).len(), 64);
    }

    #[test]
    fn admin_allows_everything_report_read_only_itself() {
        assert!(Scope::Admin.allows(Scope::ReportRead));
        assert!(Scope::ReportRead.allows(Scope::ReportRead));
        assert!(!Scope::ReportRead.allows(Scope::Admin));
        assert_eq!(Scope::parse("report:read"), Some(Scope::ReportRead));
        assert_eq!(Scope::parse("Admin"), None);
    }

    #[test]
    fn a_name_is_one_line_of_one_to_a_hundred_characters() {
        assert_eq!(check_name("  Partner platform "), Some("Partner platform".into()));
        assert_eq!(check_name(&"é".repeat(100)).map(|n| n.chars().count()), Some(100));
        assert_eq!(check_name(&"é".repeat(101)), None);
        assert_eq!(check_name("   "), None);
        assert_eq!(check_name("two\nlines"), None);
    }
}
