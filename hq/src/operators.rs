//! HQ's operators (issue 14): the people whose sign-in through the group's OpenID Connect
//! provider opens HQ's pages, each known by the e-mail the provider vouches for.
//!
//! Two sources: those named in HQ's configuration (`--operator`), which the pages list
//! but cannot remove (a restart would bring them back), and those a signed-in operator
//! added on `/app/operators` or `partage hq bootstrap` added, kept in `hq_operator`,
//! which the pages remove. Removing one ends their sessions at once.

use crate::store::{HqStore, StoredOperator};
use crate::HqError;

/// The longest e-mail address, in characters (RFC 5321's path limit, less its brackets).
pub const EMAIL_MAX: usize = 254;

/// `text` as an operator's e-mail (trimmed, lower case, as providers do not agree on case),
/// when it is one address: one `@` with something each side, no space or control
/// character, at most [`EMAIL_MAX`] characters. Names in any script are kept.
pub fn check_email(text: &str) -> Option<String> {
    let email = text.trim().to_lowercase();
    let (local, domain) = email.split_once('@')?;
    let fits = (3..=EMAIL_MAX).contains(&email.chars().count())
        && !local.is_empty()
        && !domain.is_empty()
        && !domain.contains('@')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    fits.then_some(email)
}

/// An operator as the page lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operator {
    /// Their e-mail, lower case.
    pub email: String,
    /// Kept in the store (who added them and when); none: named in the configuration.
    pub stored: Option<StoredOperator>,
}

/// Every operator: the configured ones first, in the configuration's order, then the
/// stored ones not configured, by e-mail.
pub async fn list(store: &HqStore, configured: &[String]) -> Result<Vec<Operator>, HqError> {
    let stored = store.operators().await?;
    let mut all: Vec<Operator> = configured.iter().map(|e| Operator { email: e.clone(), stored: None }).collect();
    all.extend(
        stored
            .into_iter()
            .filter(|s| !configured.contains(&s.email))
            .map(|s| Operator { email: s.email.clone(), stored: Some(s) }),
    );
    Ok(all)
}

/// Whether `email` may open HQ's pages through the provider: configured or stored.
pub async fn is_operator(store: &HqStore, configured: &[String], email: &str) -> Result<bool, HqError> {
    let Some(email) = check_email(email) else { return Ok(false) };
    Ok(configured.contains(&email) || store.operator(&email).await?.is_some())
}

/// What adding an operator came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Added {
    /// Kept: they can sign in from now on.
    New,
    /// Already an operator (configured or stored): nothing changed.
    Already,
}

/// Adds `email` (already checked by [`check_email`]) as an operator, by `by` at `at`.
pub async fn add(store: &HqStore, configured: &[String], email: &str, by: &str, at: &str) -> Result<Added, HqError> {
    if configured.iter().any(|c| c == email) {
        return Ok(Added::Already);
    }
    let new = store
        .add_operator(&StoredOperator { email: email.to_owned(), added_by: by.to_owned(), added_at: at.to_owned() })
        .await?;
    if new {
        tracing::info!(%email, %by, "HQ operator added");
    }
    Ok(if new { Added::New } else { Added::Already })
}

/// Why an operator was not removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotRemoved {
    /// Named in HQ's configuration: only a restart without them removes them.
    Configured,
    /// The operator asking: nobody locks themselves out by a click.
    Yourself,
    /// No such operator is stored.
    Unknown,
}

/// Removes the stored operator `email`, asked by `by` (an operator's e-mail, or none for a
/// session opened with a token).
pub async fn remove(
    store: &HqStore,
    configured: &[String],
    email: &str,
    by: Option<&str>,
) -> Result<Result<(), NotRemoved>, HqError> {
    let email = email.trim().to_lowercase();
    if configured.contains(&email) {
        return Ok(Err(NotRemoved::Configured));
    }
    if by == Some(email.as_str()) {
        return Ok(Err(NotRemoved::Yourself));
    }
    if !store.remove_operator(&email).await? {
        return Ok(Err(NotRemoved::Unknown));
    }
    tracing::info!(%email, by = ?by, "HQ operator removed");
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_operators_e_mail_is_one_address_in_lower_case_in_any_script() {
        assert_eq!(check_email("  Ops@Group.Example "), Some("ops@group.example".into()));
        assert_eq!(check_email("Zoë.Łukasiewicz@groupe.example"), Some("zoë.łukasiewicz@groupe.example".into()));
        assert_eq!(check_email("Δήμητρα@ομάδα.example"), Some("δήμητρα@ομάδα.example".into()));
        for bad in [
            "",
            "ops",
            "@group.example",
            "ops@",
            "a@b@c",
            "ops @group.example",
            "ops@group.\nexample",
            "ops@.example",
            "ops@example.",
        ] {
            assert_eq!(check_email(bad), None, "{bad:?}");
        }
        let long = format!("{}@group.example", "a".repeat(EMAIL_MAX));
        assert_eq!(check_email(&long), None);
    }
}
