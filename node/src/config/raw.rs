//! The configuration as serde reads it, before any check, and the built-in defaults
//! every source is layered on. A key is added here and in its section's file.

use serde::Deserialize;
use std::collections::BTreeMap;

/// Every section of the configuration, as read.
#[derive(Debug, Deserialize)]
pub(super) struct Raw {
    pub(super) node: RawNode,
    pub(super) database: RawDatabase,
    pub(super) http: RawHttp,
    pub(super) api: RawApi,
    pub(super) auth: RawAuth,
    pub(super) fee: RawFee,
    pub(super) shares: RawShares,
    pub(super) invoicing: RawInvoicing,
    pub(super) payroll: RawPayroll,
    pub(super) mobility: RawMobility,
    pub(super) expenses: RawExpenses,
    pub(super) entity: RawEntity,
    pub(super) limits: RawLimits,
    /// The federation (`[federation]`): absent, the node publishes nothing.
    #[serde(default)]
    pub(super) federation: Option<RawFederation>,
    /// Each pack's section (`[pack.be]`), as text per key: the pack reads its own.
    #[serde(default)]
    pub(super) pack: BTreeMap<String, BTreeMap<String, String>>,
}

/// `[federation]`, absent from [`DEFAULTS`]: `federation.rs` gives its optional keys their defaults.
#[derive(Debug, Deserialize)]
pub(super) struct RawFederation {
    pub(super) node: String,
    pub(super) url: String,
    #[serde(default)]
    pub(super) user: String,
    #[serde(default)]
    pub(super) password: String,
    pub(super) key_file: String,
    #[serde(default)]
    pub(super) stream_max_bytes: Option<i64>,
    #[serde(default)]
    pub(super) outbox_retention_days: Option<u32>,
    #[serde(default)]
    pub(super) peers_file: Option<String>,
    #[serde(default)]
    pub(super) transfer_shares: Option<String>,
    #[serde(default)]
    pub(super) transfer_offer_days: Option<u32>,
    #[serde(default)]
    pub(super) posting_notice_retention_days: Option<u32>,
}

/// `[limits]`.
#[derive(Debug, Deserialize)]
pub(super) struct RawLimits {
    pub(super) line_amount: String,
    pub(super) invoice_amount: String,
    pub(super) quantity: String,
    pub(super) unit_price: String,
    pub(super) amount: String,
}

/// `[mobility]`.
#[derive(Debug, Deserialize)]
pub(super) struct RawMobility {
    pub(super) near_line_margin: String,
}

/// `[expenses]`.
#[derive(Debug, Deserialize)]
pub(super) struct RawExpenses {
    pub(super) rejected_receipt_retention_days: u32,
}

/// `[payroll]`.
#[derive(Debug, Deserialize)]
pub(super) struct RawPayroll {
    pub(super) employer_cost_coefficient: String,
    pub(super) run_chunk: u32,
}

/// `[node]`.
#[derive(Debug, Deserialize)]
pub(super) struct RawNode {
    pub(super) country: String,
    pub(super) data_dir: String,
    pub(super) language: String,
    pub(super) today: Option<String>,
    pub(super) now: Option<String>,
    pub(super) founded: String,
}

/// `[database]`.
#[derive(Debug, Deserialize)]
pub(super) struct RawDatabase {
    pub(super) url: String,
    pub(super) schema: Option<String>,
    pub(super) max_connections: u32,
}

/// `[http]`.
#[derive(Debug, Deserialize)]
pub(super) struct RawHttp {
    pub(super) bind: String,
}

/// `[api]`.
#[derive(Debug, Deserialize)]
pub(super) struct RawApi {
    /// Gone: API tokens are made with `partage admin bootstrap` and `POST /api-tokens`.
    pub(super) token: Option<String>,
    pub(super) idempotency_retention_days: u32,
}

/// `[auth]`.
#[derive(Debug, Deserialize)]
pub(super) struct RawAuth {
    pub(super) issuer: String,
    pub(super) client_id: String,
    pub(super) client_secret: String,
    pub(super) public_url: String,
    pub(super) admin_email: String,
    pub(super) session_hours: u32,
}

/// `[fee]`.
#[derive(Debug, Deserialize)]
pub(super) struct RawFee {
    pub(super) rate: String,
    pub(super) guarantee_fund_share: String,
}

/// `[shares]`.
#[derive(Debug, Deserialize)]
pub(super) struct RawShares {
    pub(super) nominal: String,
}

/// `[invoicing]`.
#[derive(Debug, Deserialize)]
pub(super) struct RawInvoicing {
    pub(super) payment_terms_days: u32,
}

/// `[entity]`.
#[derive(Debug, Deserialize)]
pub(super) struct RawEntity {
    pub(super) name: String,
    pub(super) legal_form: String,
    pub(super) court: String,
    pub(super) vat_number: String,
    pub(super) street: String,
    pub(super) postal_code: String,
    pub(super) city: String,
    pub(super) iban: String,
    pub(super) bic: Option<String>,
    pub(super) email: String,
}

/// The built-in defaults: the first source, so every key but the optional ones has a value.
pub(super) const DEFAULTS: &str = r#"
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
# 1.45 is this kit's assumption, each node sets its own. It holds until an admin records
# a change from a later day (the settings page, POST /api/v1/settings/coefficient/changes);
# each contract keeps the coefficient of the day it is made.
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
