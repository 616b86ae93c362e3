//! `[auth]`: browser sign-in with the office's OpenID Connect provider.

use super::raw::RawAuth;
use super::ConfigError;

/// Sign-in with the office's OpenID Connect provider (`[auth]`).
#[derive(Clone, Debug)]
pub struct AuthSettings {
    /// The provider, this node's client at it, and where browsers reach this node
    /// (`public_url`: the callback is `{public_url}/auth/callback`, the logout returns to
    /// `{public_url}/auth/signed-out`); an empty issuer: no sign-in, API tokens only.
    pub oidc: partage_oidc::Settings,
    /// The e-mail whose first sign-in makes the first admin, if no account has it.
    pub admin_email: Option<String>,
    /// How long a browser stays signed in.
    pub session_hours: u32,
}

impl AuthSettings {
    /// Whether a provider is configured.
    pub fn enabled(&self) -> bool {
        self.oidc.enabled()
    }

    /// Checks the URLs, the client a provider needs, and the session's length.
    pub(super) fn validate(a: RawAuth) -> Result<Self, ConfigError> {
        let url = |key: &'static str, value: &str| {
            if value.starts_with("https://") || value.starts_with("http://") {
                Ok(value.trim_end_matches('/').to_owned())
            } else {
                Err(ConfigError::Key { key, message: format!("'{value}' is not an http(s) URL") })
            }
        };
        let public_url = url("auth.public_url", &a.public_url)?;
        if !a.issuer.is_empty() {
            url("auth.issuer", &a.issuer)?;
            if a.client_id.is_empty() {
                return Err(ConfigError::Key { key: "auth.client_id", message: "must be set with auth.issuer".into() });
            }
            if a.client_secret.len() < 16 {
                return Err(ConfigError::Key {
                    key: "auth.client_secret",
                    message: "must be set with auth.issuer (at least 16 characters)".into(),
                });
            }
        }
        if !(1..=720).contains(&a.session_hours) {
            return Err(ConfigError::Key { key: "auth.session_hours", message: "from 1 to 720 hours".into() });
        }
        let admin_email = Some(a.admin_email.trim().to_lowercase()).filter(|e| !e.is_empty());
        // The issuer is kept as written: the provider's discovery document must say exactly it.
        Ok(AuthSettings {
            oidc: partage_oidc::Settings {
                issuer: a.issuer,
                client_id: a.client_id,
                client_secret: a.client_secret,
                public_url,
            },
            admin_email,
            session_hours: a.session_hours,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Settings;

    #[test]
    fn a_provider_needs_its_client_and_names_the_key_missing() {
        assert!(!Settings::load_with(None, &[]).unwrap().auth.enabled());
        let err = Settings::load_with(None, &[("auth.issuer", "https://id.example".into())]).unwrap_err();
        assert!(err.to_string().contains("auth.client_id"), "{err}");
        let err = Settings::load_with(None, &[("auth.public_url", "office.example".into())]).unwrap_err();
        assert!(err.to_string().contains("auth.public_url"), "{err}");
        let s = Settings::load_with(
            None,
            &[
                ("auth.issuer", "https://id.example".into()),
                ("auth.client_id", "partage".into()),
                ("auth.client_secret", "0123456789abcdef".into()),
                ("auth.admin_email", " Ada@Example.org ".into()),
            ],
        )
        .unwrap();
        assert!(s.auth.enabled());
        assert_eq!(s.auth.admin_email.as_deref(), Some("ada@example.org"));
    }
}
