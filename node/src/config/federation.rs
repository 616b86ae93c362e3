//! `[federation]`: how the node joins its group's federation, and how long it keeps
//! what the federation carries.

use super::raw::RawFederation;
use super::ConfigError;
use std::path::{Path, PathBuf};

/// How the node joins the federation: its id, its office's NATS server, its key.
#[derive(Clone, Debug)]
pub struct FederationSettings {
    /// The node's id (`be`): its subjects, stream and JetStream domain.
    pub node: partage_federation::NodeId,
    /// The office's nats-server (`127.0.0.1:4222`).
    pub url: String,
    /// Its user (the leaf's `node`).
    pub user: String,
    /// Its password.
    pub password: String,
    /// The node's signing key (made by `partage federation key`), relative to `node.data_dir`.
    pub key_file: PathBuf,
    /// Bytes the node's stream keeps (-1: no limit); a full stream holds events back in the outbox.
    pub stream_max_bytes: i64,
    /// Days an outbox row is kept once the node's stream acknowledged it (30 by default).
    pub outbox_retention_days: u32,
    /// The other nodes' enrolled public keys (a trust store file, as HQ distributes it),
    /// relative to `node.data_dir`: a transfer's steps are checked and its record sealed
    /// with them. Absent: no member transfer.
    pub peers_file: Option<PathBuf>,
    /// The group's rule for a transferred member's shares (`refund`, the default, or
    /// `carry`); every office of the group must say the same.
    pub transfer_shares: partage_core::transfer::SharesRule,
    /// Days a transfer offer stays open before the origin cancels it (30 by default).
    pub transfer_offer_days: u32,
    /// Days a posting notice another office sent is kept after its last day of work, or its
    /// cancellation (365 by default), then deleted.
    pub posting_notice_retention_days: u32,
}

impl FederationSettings {
    /// Checks the section, giving its optional keys their defaults; files are relative to `data_dir`.
    pub(super) fn validate(raw: RawFederation, data_dir: &Path) -> Result<Self, ConfigError> {
        let node = partage_federation::NodeId::new(raw.node.trim())
            .map_err(|e| ConfigError::Key { key: "federation.node", message: e.to_string() })?;
        if raw.url.trim().is_empty() {
            return Err(ConfigError::Key {
                key: "federation.url",
                message: "the office's nats-server, like 127.0.0.1:4222".into(),
            });
        }
        if raw.key_file.trim().is_empty() {
            return Err(ConfigError::Key {
                key: "federation.key_file",
                message: "must name the node's key file".into(),
            });
        }
        let stream_max_bytes = raw.stream_max_bytes.unwrap_or(-1);
        if stream_max_bytes == 0 || stream_max_bytes < -1 {
            return Err(ConfigError::Key {
                key: "federation.stream_max_bytes",
                message: "a positive size, or -1 for no limit".into(),
            });
        }
        let outbox_retention_days = raw.outbox_retention_days.unwrap_or(30);
        if !(1..=3650).contains(&outbox_retention_days) {
            return Err(ConfigError::Key {
                key: "federation.outbox_retention_days",
                message: "between 1 and 3650 days".into(),
            });
        }
        let transfer_shares = match raw.transfer_shares.as_deref().map(str::trim) {
            None | Some("") => partage_core::transfer::SharesRule::Refund,
            Some(rule) => rule.parse().map_err(|_| ConfigError::Key {
                key: "federation.transfer_shares",
                message: format!("'{rule}' is not a shares rule: refund or carry"),
            })?,
        };
        let transfer_offer_days = raw.transfer_offer_days.unwrap_or(30);
        if !(1..=365).contains(&transfer_offer_days) {
            return Err(ConfigError::Key {
                key: "federation.transfer_offer_days",
                message: "between 1 and 365 days".into(),
            });
        }
        // A year: the host's inspectors check a posting during it and the months after it
        // (Directive 2014/67/EU art. 9(1)(b)); longer only by a decision of the office.
        let posting_notice_retention_days = raw.posting_notice_retention_days.unwrap_or(365);
        if !(1..=3650).contains(&posting_notice_retention_days) {
            return Err(ConfigError::Key {
                key: "federation.posting_notice_retention_days",
                message: "between 1 and 3650 days".into(),
            });
        }
        let peers_file = raw.peers_file.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(|p| data_dir.join(p));
        Ok(FederationSettings {
            peers_file,
            transfer_shares,
            transfer_offer_days,
            posting_notice_retention_days,
            node,
            url: raw.url.trim().to_owned(),
            user: raw.user,
            password: raw.password,
            key_file: data_dir.join(raw.key_file.trim()),
            stream_max_bytes,
            outbox_retention_days,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Settings;

    #[test]
    fn a_federation_section_is_optional_and_checked() {
        assert!(Settings::load_with(None, &[]).unwrap().federation.is_none());
        let section = |node: &str| {
            vec![
                ("federation.node", node.to_owned()),
                ("federation.url", "127.0.0.1:4222".to_owned()),
                ("federation.key_file", "federation/node.key".to_owned()),
            ]
        };
        let f = Settings::load_with(None, &section("be")).unwrap().federation.unwrap();
        assert_eq!(f.node.as_str(), "be");
        assert_eq!(f.stream_max_bytes, -1);
        assert!(f.key_file.ends_with("federation/node.key"));
        let err = Settings::load_with(None, &section("be.>")).unwrap_err();
        assert!(err.to_string().starts_with("configuration key federation.node:"), "{err}");
    }

    #[test]
    fn the_outbox_retention_defaults_to_30_days_and_is_checked() {
        let section = |days: Option<&str>| {
            let mut keys = vec![
                ("federation.node", "be".to_owned()),
                ("federation.url", "127.0.0.1:4222".to_owned()),
                ("federation.key_file", "federation/node.key".to_owned()),
            ];
            keys.extend(days.map(|d| ("federation.outbox_retention_days", d.to_owned())));
            keys
        };
        assert_eq!(Settings::load_with(None, &section(None)).unwrap().federation.unwrap().outbox_retention_days, 30);
        let f = Settings::load_with(None, &section(None)).unwrap().federation.unwrap();
        assert_eq!(
            (f.transfer_shares, f.transfer_offer_days, f.peers_file),
            (partage_core::transfer::SharesRule::Refund, 30, None)
        );
        assert_eq!(f.posting_notice_retention_days, 365);
        let mut bad = section(None);
        bad.push(("federation.posting_notice_retention_days", "0".to_owned()));
        let err = Settings::load_with(None, &bad).unwrap_err();
        assert!(err.to_string().contains("federation.posting_notice_retention_days"), "{err}");
        let mut bad = section(None);
        bad.push(("federation.transfer_shares", "give".to_owned()));
        let err = Settings::load_with(None, &bad).unwrap_err();
        assert!(err.to_string().contains("federation.transfer_shares"), "{err}");
        assert_eq!(
            Settings::load_with(None, &section(Some("7"))).unwrap().federation.unwrap().outbox_retention_days,
            7
        );
        for value in ["0", "3651", "-1", "a month"] {
            let err = Settings::load_with(None, &section(Some(value))).unwrap_err();
            assert!(err.to_string().contains("federation.outbox_retention_days"), "{value}: {err}");
        }
    }
}
