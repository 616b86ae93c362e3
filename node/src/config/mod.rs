//! Configuration: built-in defaults, then a TOML file, then environment
//! variables `PARTAGE__SECTION__KEY`. A bad value stops start-up with a message
//! naming its key.
//!
//! `raw.rs` holds the sections as read and the defaults; each other file checks
//! its sections into the types the node uses, and [`Settings::load`] puts them
//! together in one order, so the first bad key met is the one named.

mod auth;
mod country;
mod dates;
mod entity;
mod federation;
mod limits;
mod money;
mod raw;
mod server;
mod values;
mod work;

pub use auth::AuthSettings;
pub use entity::LegalEntity;
pub use federation::FederationSettings;
pub use limits::Limits;

use chrono::NaiveDate;
use partage_core::client::CountryCode;
use partage_core::fee::FeePolicy;
use partage_core::{Money, Rate};
use raw::{Raw, DEFAULTS};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A configuration error, naming the key.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The sources could not be read or merged.
    #[error("configuration: {0}")]
    Load(#[from] config::ConfigError),
    /// A key has a value that does not fit.
    #[error("configuration key {key}: {message}")]
    Key {
        /// Dotted key, e.g. `fee.rate`.
        key: &'static str,
        /// What is wrong.
        message: String,
    },
    /// The country has no pack, or a value of its pack's section does not fit.
    #[error(transparent)]
    Pack(#[from] partage_packs::RegistryError),
}

/// The validated settings of a node.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Country of the node's pack.
    pub country: CountryCode,
    /// Where the node keeps its files.
    pub data_dir: PathBuf,
    /// Default language of documents.
    pub language: String,
    /// A fixed date instead of the clock (demos, drills); none in production.
    pub today: Option<NaiveDate>,
    /// A fixed instant instead of the clock (tests of the legal time zone); wins over `today`.
    pub now: Option<chrono::DateTime<chrono::Utc>>,
    /// The day the cooperative was founded: no share, expense or order form before it.
    pub founded: NaiveDate,
    /// Ceilings on amounts and quantities.
    pub limits: Limits,
    /// Database URL.
    pub database_url: String,
    /// PostgreSQL schema, if not the default.
    pub database_schema: Option<String>,
    /// Pool size.
    pub max_connections: u32,
    /// Address the HTTP server listens on.
    pub bind: String,
    /// Sign-in with the office's identity provider.
    pub auth: AuthSettings,
    /// Days an `Idempotency-Key` is remembered; an older key is a new request.
    pub idempotency_retention_days: u32,
    /// Fee and guarantee-fund share.
    pub fee: FeePolicy,
    /// Nominal value of one share.
    pub share_nominal: Money,
    /// Default payment term of invoices, in working days.
    pub payment_terms_days: u32,
    /// Employer cost = gross x this coefficient (the budget -> gross step).
    pub employer_cost_coefficient: Decimal,
    /// Contracts a payroll run pays per transaction.
    pub payroll_run_chunk: u32,
    /// How close (a fraction: 0.05 is 5 points) a member's share of work in their state of
    /// residence may come to the 25 % line of Regulation 987/2009 Art. 14(8) before a work
    /// declaration abroad warns.
    pub near_line_margin: Rate,
    /// Days the receipt file of a rejected expense claim is kept after the decision; it
    /// supports no entry, so nothing asks to keep it longer (GDPR Art. 5(1)(e)).
    pub rejected_receipt_retention_days: u32,
    /// The country pack's own section (`[pack.<cc>]`), read and checked by the pack.
    pub pack: partage_packs::PackSettings,
    /// Other countries' sections, by upper-case code: how their packs compute a contract under
    /// their legislation (Regulation (EC) 883/2004), such as the node's registration with that
    /// state's collectors; a country without one is computed with its pack's defaults.
    pub packs_abroad: BTreeMap<String, partage_packs::PackSettings>,
    /// The cooperative.
    pub entity: LegalEntity,
    /// The federation, when the node is part of one.
    pub federation: Option<FederationSettings>,
}

impl Settings {
    /// Loads defaults, then `file` (if given; it must exist), then the environment.
    pub fn load(file: Option<&Path>) -> Result<Settings, ConfigError> {
        Self::load_with(file, &[])
    }

    /// As [`Settings::load`], then `overrides` (`("api.token", "x")`) last: the CLI's flags.
    pub fn load_with(file: Option<&Path>, overrides: &[(&str, String)]) -> Result<Settings, ConfigError> {
        let mut builder =
            config::Config::builder().add_source(config::File::from_str(DEFAULTS, config::FileFormat::Toml));
        if let Some(path) = file {
            builder = builder.add_source(config::File::from(path).format(config::FileFormat::Toml).required(true));
        }
        // A pack's section is text per key (`010` stays `010`, not the number 10), so
        // its variables are not parsed as numbers like the others.
        let (pack, generic): (Vec<_>, Vec<_>) = std::env::vars()
            .filter(|(k, _): &(String, String)| k.starts_with("PARTAGE__"))
            .partition(|(k, _)| k.starts_with("PARTAGE__PACK__"));
        let environment = |vars: Vec<(String, String)>, parsing: bool| {
            config::Environment::with_prefix("PARTAGE")
                .prefix_separator("__")
                .separator("__")
                .try_parsing(parsing)
                .source(Some(vars.into_iter().collect::<config::Map<String, String>>()))
        };
        builder = builder.add_source(environment(generic, true)).add_source(environment(pack, false));
        for (key, value) in overrides {
            builder = builder.set_override(*key, value.clone())?;
        }
        let raw: Raw = builder.build()?.try_deserialize()?;
        Self::validate(raw)
    }

    // The sections are checked in the order their keys were always checked in, so a
    // file with several bad keys names the same one first.
    fn validate(raw: Raw) -> Result<Settings, ConfigError> {
        let packs = country::packs(&raw.node.country, &raw.pack)?;
        let dates = dates::dates(&raw.node)?;
        let limits = Limits::validate(&raw.limits)?;
        country::language(&packs.pack, &raw.node.language)?;
        let data_dir = PathBuf::from(&raw.node.data_dir);
        let server = server::server(raw.database, raw.http, &raw.api, &data_dir)?;
        let money = money::money_terms(&raw.fee, &raw.shares, &raw.invoicing)?;
        let work = work::work(&raw.payroll, &raw.mobility, &raw.expenses)?;
        server::refuse_shared_token(&raw.api)?;
        let auth = AuthSettings::validate(raw.auth)?;
        let federation = match raw.federation {
            Some(f) => Some(FederationSettings::validate(f, &data_dir)?),
            None => None,
        };
        let entity = LegalEntity::validate(raw.entity, packs.country)?;
        Ok(Settings {
            country: packs.country,
            data_dir,
            language: raw.node.language,
            today: dates.today,
            now: dates.now,
            founded: dates.founded,
            limits,
            database_url: server.database_url,
            database_schema: server.database_schema,
            max_connections: server.max_connections,
            bind: server.bind,
            auth,
            idempotency_retention_days: server.idempotency_retention_days,
            fee: money.fee,
            share_nominal: money.share_nominal,
            payment_terms_days: money.payment_terms_days,
            employer_cost_coefficient: work.employer_cost_coefficient,
            payroll_run_chunk: work.payroll_run_chunk,
            near_line_margin: work.near_line_margin,
            rejected_receipt_retention_days: work.rejected_receipt_retention_days,
            pack: packs.pack,
            packs_abroad: packs.abroad,
            federation,
            entity,
        })
    }

    /// What the node's generic settings tell its country pack.
    pub fn pack_context(&self) -> partage_packs::NodeContext {
        partage_packs::NodeContext {
            name: self.entity.name.clone(),
            legal_form: self.entity.legal_form.clone(),
            court: self.entity.court.clone(),
            employer_cost_coefficient: self.employer_cost_coefficient,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_load_and_give_smarts_fee() {
        let s = Settings::load_with(None, &[]).unwrap();
        assert_eq!(s.fee.rate.value().to_string(), "0.065");
        assert_eq!(s.share_nominal.to_minor().unwrap(), 3000);
        assert!(s.database_url.starts_with("sqlite://"));
    }

    #[test]
    fn a_bad_value_names_its_key() {
        let err = Settings::load_with(None, &[("fee.rate", "six".into())]).unwrap_err();
        assert_eq!(err.to_string(), "configuration key fee.rate: 'six' is not a decimal number");
        let err = Settings::load_with(None, &[("http.bind", "localhost".into())]).unwrap_err();
        assert!(err.to_string().starts_with("configuration key http.bind:"), "{err}");
    }

    #[test]
    fn an_environment_variable_sets_a_key_of_the_pack_section() {
        // The only test that sets these variables: no other test reads them.
        std::env::set_var("PARTAGE__PACK__BE__NSSO_NUMBER", "7654321-98");
        std::env::set_var("PARTAGE__PACK__BE__EMPLOYER_CATEGORY", "010");
        let s = Settings::load_with(None, &[]);
        std::env::remove_var("PARTAGE__PACK__BE__NSSO_NUMBER");
        std::env::remove_var("PARTAGE__PACK__BE__EMPLOYER_CATEGORY");
        let section = s.unwrap().pack.section();
        assert_eq!(section.get("nsso_number").map(String::as_str), Some("7654321-98"));
        assert_eq!(section.get("employer_category").map(String::as_str), Some("010"), "text, not the number 10");
    }
}
