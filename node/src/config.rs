//! Configuration: built-in defaults, then a TOML file, then environment
//! variables `PARTAGE__SECTION__KEY`. A bad value stops start-up with a message
//! naming its key.

use chrono::{Datelike, NaiveDate};
use partage_core::client::CountryCode;
use partage_core::fee::FeePolicy;
use partage_core::{Currency, Money, Rate};
use rust_decimal::Decimal;
use serde::Deserialize;
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

#[derive(Debug, Deserialize)]
struct Raw {
    node: RawNode,
    database: RawDatabase,
    http: RawHttp,
    api: RawApi,
    auth: RawAuth,
    fee: RawFee,
    shares: RawShares,
    invoicing: RawInvoicing,
    payroll: RawPayroll,
    mobility: RawMobility,
    expenses: RawExpenses,
    entity: RawEntity,
    limits: RawLimits,
    /// The federation (`[federation]`): absent, the node publishes nothing.
    #[serde(default)]
    federation: Option<RawFederation>,
    /// Each pack's section (`[pack.be]`), as text per key: the pack reads its own.
    #[serde(default)]
    pack: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Debug, Deserialize)]
struct RawFederation {
    node: String,
    url: String,
    #[serde(default)]
    user: String,
    #[serde(default)]
    password: String,
    key_file: String,
    #[serde(default)]
    stream_max_bytes: Option<i64>,
    #[serde(default)]
    outbox_retention_days: Option<u32>,
    #[serde(default)]
    peers_file: Option<String>,
    #[serde(default)]
    transfer_shares: Option<String>,
    #[serde(default)]
    transfer_offer_days: Option<u32>,
    #[serde(default)]
    posting_notice_retention_days: Option<u32>,
}

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
    fn validate(raw: RawFederation, data_dir: &Path) -> Result<Self, ConfigError> {
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

#[derive(Debug, Deserialize)]
struct RawLimits {
    line_amount: String,
    invoice_amount: String,
    quantity: String,
    unit_price: String,
    amount: String,
}

#[derive(Debug, Deserialize)]
struct RawMobility {
    near_line_margin: String,
}

#[derive(Debug, Deserialize)]
struct RawExpenses {
    rejected_receipt_retention_days: u32,
}

#[derive(Debug, Deserialize)]
struct RawPayroll {
    employer_cost_coefficient: String,
    run_chunk: u32,
}

#[derive(Debug, Deserialize)]
struct RawNode {
    country: String,
    data_dir: String,
    language: String,
    today: Option<String>,
    now: Option<String>,
    founded: String,
}

#[derive(Debug, Deserialize)]
struct RawDatabase {
    url: String,
    schema: Option<String>,
    max_connections: u32,
}

#[derive(Debug, Deserialize)]
struct RawHttp {
    bind: String,
}

#[derive(Debug, Deserialize)]
struct RawApi {
    /// Gone: API tokens are made with `partage admin bootstrap` and `POST /api-tokens`.
    token: Option<String>,
    idempotency_retention_days: u32,
}

#[derive(Debug, Deserialize)]
struct RawAuth {
    issuer: String,
    client_id: String,
    client_secret: String,
    public_url: String,
    admin_email: String,
    session_hours: u32,
}

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
}

#[derive(Debug, Deserialize)]
struct RawFee {
    rate: String,
    guarantee_fund_share: String,
}

#[derive(Debug, Deserialize)]
struct RawShares {
    nominal: String,
}

#[derive(Debug, Deserialize)]
struct RawInvoicing {
    payment_terms_days: u32,
}

#[derive(Debug, Deserialize)]
struct RawEntity {
    name: String,
    legal_form: String,
    court: String,
    vat_number: String,
    street: String,
    postal_code: String,
    city: String,
    iban: String,
    bic: Option<String>,
    email: String,
}

/// The cooperative as it appears on its invoices.
#[derive(Clone, Debug)]
pub struct LegalEntity {
    /// Legal name.
    pub name: String,
    /// Legal form (`SC`, société coopérative), printed on invoices (CSA art. 2:20).
    pub legal_form: String,
    /// Enterprise court of the seat, printed after RPM/RPR (CSA art. 2:20).
    pub court: String,
    /// VAT number (`BE0` + enterprise number).
    pub vat_number: String,
    /// Street and number.
    pub street: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
    /// Account clients pay to.
    pub iban: String,
    /// Its BIC.
    pub bic: Option<String>,
    /// Contact email.
    pub email: String,
}

/// The largest amounts and quantities the node accepts: beyond them an input is a
/// typing error or an attack (a line of 10^16 EUR once credited the fund with
/// 1.6 x 10^14), never real work of a member.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest net amount of one invoice line (quantity x unit price).
    pub line_amount: Money,
    /// Largest total of one invoice, VAT included.
    pub invoice_amount: Money,
    /// Largest quantity on one invoice line.
    pub quantity: Decimal,
    /// Largest unit price on one invoice line.
    pub unit_price: Money,
    /// Largest single amount elsewhere: an expense, an order form, a payment, shares.
    pub amount: Money,
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

const DEFAULTS: &str = r#"
[node]
country = "BE"
data_dir = ".partage"
language = "fr"
# The cooperative's founding day: shares, expenses and order forms cannot be older.
founded = "2000-01-01"

[database]
url = ""
max_connections = 8

[http]
bind = "127.0.0.1:8080"

[api]
# Days an Idempotency-Key is remembered: a retry comes within minutes or hours;
# after this a key is a new request, and its record is deleted.
idempotency_retention_days = 30

[auth]
# The office's OpenID Connect provider (an eID such as itsme or FranceConnect, or
# the office's own); empty: no browser sign-in, API tokens only.
issuer = ""
client_id = ""
client_secret = ""
# Where browsers reach this node; the provider must know {public_url}/auth/callback
# as a redirect URI and {public_url}/auth/signed-out as a post-logout redirect URI.
public_url = "http://127.0.0.1:8080"
# The first sign-in with this e-mail becomes admin (if no account has it yet).
admin_email = ""
session_hours = 12

[fee]
# The fee until an admin records a change of it from a later day (the settings page,
# POST /api/v1/settings/fee/changes); the schedule then holds from each change's day.
# Smart: 6.5 % of every amount billed excluding VAT.
rate = "0.065"
# Share of the fee that finances the guarantee fund: Smart does not publish
# its split; a node sets its own.
guarantee_fund_share = "0.25"

[shares]
nominal = "30.00"

[invoicing]
payment_terms_days = 10

[payroll]
# Employer cost = gross x this coefficient: it covers employer contributions,
# holiday-pay provisions, insurance and the pooled margin. Smart's is not public;
# 1.45 is this kit's assumption, each node sets its own.
employer_cost_coefficient = "1.45"
# Contracts a payroll run pays per transaction: each chunk commits on its own,
# so a crash redoes at most one chunk.
run_chunk = 500

[mobility]
# Work abroad (Regulation 883/2004 Art. 13): a declaration warns when the member's share of
# work in their state of residence is within this many points (a fraction) of the 25 % line
# of Regulation 987/2009 Art. 14(8), on either side, before it is crossed.
near_line_margin = "0.05"

[expenses]
# The receipt file of a rejected claim supports no entry of the accounts: it is deleted this
# many days after the decision (the claim and the file's SHA-256 stay). A repaid claim's receipt
# is kept as long as the country's law keeps supporting documents (Belgium and France: ten years).
rejected_receipt_retention_days = 365

[limits]
# Ceilings on what one request may carry; a node raises them if its members need it.
line_amount = "1000000.00"
invoice_amount = "10000000.00"
quantity = "1000000"
unit_price = "1000000.00"
amount = "1000000.00"

[entity]
name = "Partage Coop (demo)"
legal_form = "SC"
court = "Bruxelles"
vat_number = "BE0000000097"
street = "Rue Coenraets 72"
postal_code = "1060"
city = "Saint-Gilles"
iban = "BE71096123456769"
email = "factures@partage.example"
"#;

fn decimal(key: &'static str, value: &str) -> Result<Decimal, ConfigError> {
    Decimal::from_str_exact(value.trim())
        .map_err(|_| ConfigError::Key { key, message: format!("'{value}' is not a decimal number") })
}

fn fraction(key: &'static str, value: &str) -> Result<Rate, ConfigError> {
    let d = decimal(key, value)?;
    if d < Decimal::ZERO || d >= Decimal::ONE {
        return Err(ConfigError::Key {
            key,
            message: format!("{d} must be a fraction between 0 and 1 (0.065 for 6.5 %)"),
        });
    }
    Ok(Rate(d))
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

    fn validate(raw: Raw) -> Result<Settings, ConfigError> {
        let country = CountryCode::parse(&raw.node.country)
            .map_err(|e| ConfigError::Key { key: "node.country", message: e.to_string() })?;
        // The section's name is the country code in lower case, as keys are.
        let section = raw.pack.get(&country.as_str().to_ascii_lowercase());
        let pack = partage_packs::configure(country, section)?;
        let mut packs_abroad = BTreeMap::new();
        for (name, section) in &raw.pack {
            // A section no pack reads is a typo or a pack this build lacks: said, not ignored.
            let code = CountryCode::parse(name).ok().filter(|c| partage_packs::AVAILABLE.contains(&c.as_str()));
            let Some(code) = code else {
                return Err(partage_packs::RegistryError {
                    key: format!("pack.{name}"),
                    message: format!(
                        "no country pack reads this section (sections: {})",
                        partage_packs::AVAILABLE.join(", ").to_ascii_lowercase()
                    ),
                }
                .into());
            };
            if code != country {
                packs_abroad.insert(code.to_string(), partage_packs::configure(code, Some(section))?);
            }
        }
        let today = match raw.node.today.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| ConfigError::Key {
                key: "node.today",
                message: format!("'{s}' is not a date like 2026-01-31"),
            })?),
        };
        let now = match raw.node.now.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(
                chrono::DateTime::parse_from_rfc3339(s)
                    .map_err(|_| ConfigError::Key {
                        key: "node.now",
                        message: format!("'{s}' is not an instant like 2026-03-02T18:49:00Z"),
                    })?
                    .to_utc(),
            ),
        };
        let founded = NaiveDate::parse_from_str(raw.node.founded.trim(), "%Y-%m-%d").map_err(|_| ConfigError::Key {
            key: "node.founded",
            message: format!("'{}' is not a date like 2000-01-01", raw.node.founded),
        })?;
        if !(1900..=2199).contains(&founded.year()) {
            return Err(ConfigError::Key { key: "node.founded", message: "must be between 1900 and 2199".into() });
        }
        let limit = |key: &'static str, value: &str| -> Result<Money, ConfigError> {
            let m = Money::new(decimal(key, value)?, Currency::EUR)
                .map_err(|e| ConfigError::Key { key, message: e.to_string() })?;
            if !m.is_positive() {
                return Err(ConfigError::Key { key, message: "must be positive".into() });
            }
            Ok(m)
        };
        let quantity = decimal("limits.quantity", &raw.limits.quantity)?;
        if quantity <= Decimal::ZERO {
            return Err(ConfigError::Key { key: "limits.quantity", message: "must be positive".into() });
        }
        let limits = Limits {
            line_amount: limit("limits.line_amount", &raw.limits.line_amount)?,
            invoice_amount: limit("limits.invoice_amount", &raw.limits.invoice_amount)?,
            quantity,
            unit_price: limit("limits.unit_price", &raw.limits.unit_price)?,
            amount: limit("limits.amount", &raw.limits.amount)?,
        };
        if !pack.languages().contains(&raw.node.language.as_str()) {
            return Err(ConfigError::Key {
                key: "node.language",
                message: format!("expected one of the pack's languages: {}", pack.languages().join(", ")),
            });
        }
        let data_dir = PathBuf::from(&raw.node.data_dir);
        let database_url = if raw.database.url.trim().is_empty() {
            format!("sqlite://{}?mode=rwc", data_dir.join("partage.sqlite").display())
        } else {
            raw.database.url.trim().to_owned()
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
        if raw.database.max_connections == 0 {
            return Err(ConfigError::Key { key: "database.max_connections", message: "must be at least 1".into() });
        }
        if raw.http.bind.parse::<std::net::SocketAddr>().is_err() {
            return Err(ConfigError::Key {
                key: "http.bind",
                message: format!("'{}' is not an address like 127.0.0.1:8080", raw.http.bind),
            });
        }
        if !(1..=3650).contains(&raw.api.idempotency_retention_days) {
            return Err(ConfigError::Key {
                key: "api.idempotency_retention_days",
                message: "from 1 to 3,650 days".into(),
            });
        }
        let fee = FeePolicy {
            rate: fraction("fee.rate", &raw.fee.rate)?,
            fund_share: fraction("fee.guarantee_fund_share", &raw.fee.guarantee_fund_share)?,
        };
        let share_nominal = Money::new(decimal("shares.nominal", &raw.shares.nominal)?, Currency::EUR)
            .map_err(|e| ConfigError::Key { key: "shares.nominal", message: e.to_string() })?;
        if !share_nominal.is_positive() {
            return Err(ConfigError::Key { key: "shares.nominal", message: "must be positive".into() });
        }
        if raw.invoicing.payment_terms_days > 120 {
            return Err(ConfigError::Key {
                key: "invoicing.payment_terms_days",
                message: "at most 120 working days".into(),
            });
        }
        let coefficient = decimal("payroll.employer_cost_coefficient", &raw.payroll.employer_cost_coefficient)?;
        if coefficient < Decimal::ONE || coefficient > Decimal::from(3) {
            return Err(ConfigError::Key {
                key: "payroll.employer_cost_coefficient",
                message: format!("{coefficient} must be between 1 and 3 (employer cost over gross)"),
            });
        }
        if !(1..=10_000).contains(&raw.payroll.run_chunk) {
            return Err(ConfigError::Key { key: "payroll.run_chunk", message: "from 1 to 10,000 contracts".into() });
        }
        let near_line_margin = fraction("mobility.near_line_margin", &raw.mobility.near_line_margin)?;
        if !(30..=3650).contains(&raw.expenses.rejected_receipt_retention_days) {
            return Err(ConfigError::Key {
                key: "expenses.rejected_receipt_retention_days",
                message: "from 30 to 3,650 days".into(),
            });
        }
        if near_line_margin.0 > Decimal::new(25, 2) {
            return Err(ConfigError::Key {
                key: "mobility.near_line_margin",
                message: format!(
                    "{} must be at most 0.25 (25 points either side of the 25 % line)",
                    near_line_margin.0
                ),
            });
        }
        if raw.api.token.is_some() {
            return Err(ConfigError::Key {
                key: "api.token",
                message: "is gone: make the first admin token with `partage admin bootstrap --email <you>`, then \
                          others with POST /api/v1/api-tokens"
                    .into(),
            });
        }
        let auth = auth_settings(raw.auth)?;
        let federation = match raw.federation {
            Some(f) => Some(FederationSettings::validate(f, &data_dir)?),
            None => None,
        };
        let e = raw.entity;
        if e.name.trim().is_empty() {
            return Err(ConfigError::Key { key: "entity.name", message: "must not be empty".into() });
        }
        if !e.vat_number.starts_with(country.as_str()) {
            return Err(ConfigError::Key {
                key: "entity.vat_number",
                message: format!("'{}' must start with the node's country {country}", e.vat_number),
            });
        }
        if e.iban.len() < 15 || !e.iban.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(ConfigError::Key { key: "entity.iban", message: format!("'{}' is not an IBAN", e.iban) });
        }
        Ok(Settings {
            country,
            data_dir,
            language: raw.node.language,
            today,
            now,
            founded,
            limits,
            database_url,
            database_schema: raw.database.schema.filter(|s| !s.is_empty()),
            max_connections: raw.database.max_connections,
            bind: raw.http.bind,
            auth,
            idempotency_retention_days: raw.api.idempotency_retention_days,
            fee,
            share_nominal,
            payment_terms_days: raw.invoicing.payment_terms_days,
            employer_cost_coefficient: coefficient,
            payroll_run_chunk: raw.payroll.run_chunk,
            near_line_margin,
            rejected_receipt_retention_days: raw.expenses.rejected_receipt_retention_days,
            pack,
            packs_abroad,
            federation,
            entity: LegalEntity {
                name: e.name,
                legal_form: e.legal_form,
                court: e.court,
                vat_number: e.vat_number,
                street: e.street,
                postal_code: e.postal_code,
                city: e.city,
                iban: e.iban,
                bic: e.bic.filter(|b| !b.is_empty()),
                email: e.email,
            },
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

fn auth_settings(a: RawAuth) -> Result<AuthSettings, ConfigError> {
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

    #[test]
    fn a_bad_value_names_its_key() {
        let err = Settings::load_with(None, &[("fee.rate", "six".into())]).unwrap_err();
        assert_eq!(err.to_string(), "configuration key fee.rate: 'six' is not a decimal number");
        let err = Settings::load_with(None, &[("http.bind", "localhost".into())]).unwrap_err();
        assert!(err.to_string().starts_with("configuration key http.bind:"), "{err}");
    }

    #[test]
    fn the_node_language_is_one_of_the_packs_languages() {
        let s = Settings::load_with(None, &[("node.language", "nl".into())]).unwrap();
        assert_eq!(s.language, "nl");
        let s = Settings::load_with(None, &[("node.language", "de".into())]).unwrap();
        assert_eq!(s.language, "de", "German, Belgium's third language");
        let err = Settings::load_with(None, &[("node.language", "it".into())]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "configuration key node.language: expected one of the pack's languages: en, fr, nl, de"
        );
    }

    #[test]
    fn limits_founding_and_a_fixed_instant_are_settings_naming_their_keys() {
        let s = Settings::load_with(None, &[]).unwrap();
        assert_eq!(s.limits.line_amount.to_string(), "1000000.00 EUR");
        assert_eq!(s.limits.invoice_amount.to_minor().unwrap(), 1_000_000_000);
        assert_eq!(s.founded, NaiveDate::from_ymd_opt(2000, 1, 1).unwrap());
        assert!(s.now.is_none());
        let s = Settings::load_with(None, &[("node.now", "2026-03-02T18:49:00Z".into())]).unwrap();
        assert_eq!(s.now.unwrap().to_rfc3339(), "2026-03-02T18:49:00+00:00");
        for (key, value) in [
            ("limits.line_amount", "0"),
            ("limits.quantity", "-1"),
            ("limits.amount", "lots"),
            ("node.founded", "1850-01-01"),
            ("node.now", "19:49"),
        ] {
            let err = Settings::load_with(None, &[(key, value.into())]).unwrap_err();
            assert!(err.to_string().starts_with(&format!("configuration key {key}:")), "{err}");
        }
    }

    #[test]
    fn another_countrys_section_configures_its_pack_for_work_under_its_legislation() {
        let s = Settings::load_with(None, &[("pack.fr.siret", "73282932000074".into())]).unwrap();
        assert_eq!(s.pack.country(), "BE");
        let fr = s.packs_abroad.get("FR").expect("the French section");
        assert_eq!(fr.section().get("siret").map(String::as_str), Some("73282932000074"));
        assert!(!s.packs_abroad.contains_key("BE"), "the node's own pack is not abroad");
        // Checked by its pack at start-up, as the node's own section is.
        let err = Settings::load_with(None, &[("pack.fr.siret", "123".into())]).unwrap_err();
        assert!(err.to_string().starts_with("configuration key pack.fr.siret:"), "{err}");
        // A section no pack reads is a typo said at start-up, not a setting silently ignored.
        let err = Settings::load_with(None, &[("pack.it.anything", "1".into())]).unwrap_err();
        assert_eq!(err.to_string(), "configuration key pack.it: no country pack reads this section (sections: be, fr)");
    }

    #[test]
    fn the_employer_profile_comes_from_the_pack_section() {
        let value = |s: &Settings, key: &str| s.pack.section().get(key).cloned();
        let s = Settings::load_with(None, &[]).unwrap();
        assert_eq!((value(&s, "employer_workers"), value(&s, "commercial")), (Some("0".into()), Some("true".into())));
        assert_eq!(value(&s, "joint_committee"), None);
        let s = Settings::load_with(
            None,
            &[
                ("pack.be.employer_workers", "25".into()),
                ("pack.be.commercial", "false".into()),
                ("pack.be.joint_committee", "304.01".into()),
            ],
        )
        .unwrap();
        assert_eq!(value(&s, "employer_workers").as_deref(), Some("25"));
        assert_eq!(value(&s, "commercial").as_deref(), Some("false"));
        assert_eq!(value(&s, "joint_committee").as_deref(), Some("304.01"));
        let err = Settings::load_with(None, &[("pack.be.joint_committee", "30".into())]).unwrap_err();
        assert!(err.to_string().starts_with("configuration key pack.be.joint_committee:"), "{err}");
    }

    #[test]
    fn the_country_picks_its_pack_and_an_unknown_one_names_the_key() {
        let err = Settings::load_with(None, &[("node.country", "IT".into())]).unwrap_err();
        assert_eq!(err.to_string(), "configuration key node.country: no country pack for IT yet (available: BE, FR)");
        let french = |key: &'static str, value: &str| {
            let entity = [
                ("node.country", "FR"),
                ("entity.vat_number", "FR15901234567"),
                ("entity.iban", "FR7630006000011234567890189"),
            ];
            let mut o: Vec<(&str, String)> = entity.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
            o.push((key, value.to_owned()));
            Settings::load_with(None, &o)
        };
        let fr = french("pack.fr.idcc_artist", "1285");
        let fr = fr.unwrap();
        assert_eq!(fr.pack.country(), "FR");
        assert_eq!(fr.pack.section().get("idcc_artist").map(String::as_str), Some("1285"));
        let err =
            Settings::load_with(None, &[("node.country", "FR".into()), ("pack.fr.ape", "9Z".into())]).unwrap_err();
        assert!(err.to_string().starts_with("configuration key pack.fr.ape:"), "{err}");
        let s = Settings::load_with(None, &[("pack.be.nsso_number", "1234567-89".into())]).unwrap();
        assert_eq!(s.pack.country(), "BE");
        assert_eq!(s.pack.section().get("nsso_number").map(String::as_str), Some("1234567-89"));
        let err = Settings::load_with(None, &[("pack.be.employer_workers", "many".into())]).unwrap_err();
        assert!(err.to_string().starts_with("configuration key pack.be.employer_workers:"), "{err}");
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

    #[test]
    fn rejected_receipts_are_kept_a_year_unless_set_within_30_days_and_ten_years() {
        assert_eq!(Settings::load_with(None, &[]).unwrap().rejected_receipt_retention_days, 365);
        let s = Settings::load_with(None, &[("expenses.rejected_receipt_retention_days", "90".into())]).unwrap();
        assert_eq!(s.rejected_receipt_retention_days, 90);
        for value in ["29", "3651", "-1", "a year"] {
            let err =
                Settings::load_with(None, &[("expenses.rejected_receipt_retention_days", value.into())]).unwrap_err();
            assert!(err.to_string().contains("expenses.rejected_receipt_retention_days"), "{value}: {err}");
        }
    }

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
