//! Where the node keeps its data and how it serves: `[database]`, `[http]` and `[api]`.

use super::raw::{RawApi, RawDatabase, RawHttp};
use super::ConfigError;
use std::path::Path;

/// The database, the listening address and the API's idempotency window, checked.
pub(super) struct Server {
    /// `database.url`, or the SQLite file in the data directory when empty.
    pub(super) database_url: String,
    /// `database.schema`, if not empty.
    pub(super) database_schema: Option<String>,
    /// `database.max_connections`.
    pub(super) max_connections: u32,
    /// `http.bind`.
    pub(super) bind: String,
    /// `api.idempotency_retention_days`.
    pub(super) idempotency_retention_days: u32,
}

/// Checks the database, the address and the idempotency window, in that order.
pub(super) fn server(
    database: RawDatabase,
    http: RawHttp,
    api: &RawApi,
    data_dir: &Path,
) -> Result<Server, ConfigError> {
    let database_url = if database.url.trim().is_empty() {
        format!("sqlite://{}?mode=rwc", data_dir.join("partage.sqlite").display())
    } else {
        database.url.trim().to_owned()
    };
    if !(database_url.starts_with("sqlite:")
        || database_url.starts_with("postgres://")
        || database_url.starts_with("postgresql://"))
    {
        return Err(ConfigError::Key {
            key: "database.url",
            message: "expected a sqlite:// or postgres:// URL".into(),
        });
    }
    if database.max_connections == 0 {
        return Err(ConfigError::Key { key: "database.max_connections", message: "must be at least 1".into() });
    }
    if http.bind.parse::<std::net::SocketAddr>().is_err() {
        return Err(ConfigError::Key {
            key: "http.bind",
            message: format!("'{}' is not an address like 127.0.0.1:8080", http.bind),
        });
    }
    if !(1..=3650).contains(&api.idempotency_retention_days) {
        return Err(ConfigError::Key { key: "api.idempotency_retention_days", message: "from 1 to 3,650 days".into() });
    }
    Ok(Server {
        database_url,
        database_schema: database.schema.filter(|s| !s.is_empty()),
        max_connections: database.max_connections,
        bind: http.bind,
        idempotency_retention_days: api.idempotency_retention_days,
    })
}

/// Refuses `api.token`, the shared token API tokens replaced, naming what to do instead.
pub(super) fn refuse_shared_token(api: &RawApi) -> Result<(), ConfigError> {
    if api.token.is_some() {
        return Err(ConfigError::Key {
            key: "api.token",
            message: "is gone: make the first admin token with `partage admin bootstrap --email <you>`, then \
                      others with POST /api/v1/api-tokens"
                .into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::config::Settings;

    #[test]
    fn idempotency_keys_are_kept_30_days_unless_set_and_the_setting_names_its_key() {
        assert_eq!(Settings::load_with(None, &[]).unwrap().idempotency_retention_days, 30);
        let s = Settings::load_with(None, &[("api.idempotency_retention_days", "7".into())]).unwrap();
        assert_eq!(s.idempotency_retention_days, 7);
        for value in ["0", "3651", "-1", "a month"] {
            let err = Settings::load_with(None, &[("api.idempotency_retention_days", value.into())]).unwrap_err();
            assert!(err.to_string().contains("api.idempotency_retention_days"), "{value}: {err}");
        }
    }

    #[test]
    fn the_old_shared_token_is_refused_naming_what_replaces_it() {
        let err = Settings::load_with(None, &[("api.token", "x".repeat(20))]).unwrap_err();
        assert!(err.to_string().contains("api.token") && err.to_string().contains("admin bootstrap"), "{err}");
    }
}
