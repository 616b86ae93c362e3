//! HQ of the Partage group (issue 13): consolidates each node's period figures, exactly,
//! whatever the duplicates, redeliveries and reordering; publishes the dated reference
//! rates nodes' figures are converted with; builds the group report (JSON and CSV);
//! enrols new nodes. HQ stores aggregates only, never a person. Its operator reads the
//! group report in a browser too ([`pages`], issue 14).

pub mod consolidate;
pub mod consumer;
pub mod enrol;
pub mod envelope;
pub mod figures;
pub mod http;
pub mod jetstream;
pub mod operators;
pub mod pages;
pub mod rates;
pub mod report;
pub mod store;
pub mod tokens;

pub use consolidate::{receive, Outcome};
pub use envelope::{Message, NodeKey};
pub use figures::PeriodFigures;
pub use report::GroupReport;
pub use store::HqStore;

/// What HQ refuses or fails at.
#[derive(Debug, thiserror::Error)]
pub enum HqError {
    /// The database failed.
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    /// A stored value cannot be read back.
    #[error("corrupt value in HQ's store: {0}")]
    Corrupt(String),
    /// The NATS server or JetStream refused or failed.
    #[error("nats: {0}")]
    Nats(String),
    /// A setting is wrong.
    #[error("configuration: {0}")]
    Config(String),
    /// A message failed a check: it is parked, never applied.
    #[error("message on {subject} refused: {why}")]
    Rejected {
        /// Its subject.
        subject: String,
        /// Why.
        why: String,
    },
    /// An event of a type or version this build cannot read: parked, not dropped.
    #[error("unreadable event: {0}")]
    UnknownVersion(String),
    /// A node's currency has no published rate for the period: the report refuses to run.
    #[error("no reference rate of {currency} for {period}")]
    RateMissing {
        /// ISO 4217 code.
        currency: String,
        /// `YYYY-MM`.
        period: String,
    },
    /// A rate's version must rise.
    #[error("rate of {currency} for {period} is already at version {latest}")]
    RateVersion {
        /// ISO 4217 code.
        currency: String,
        /// `YYYY-MM`.
        period: String,
        /// The latest version published.
        latest: u32,
    },
    /// An enrolment request failed a check.
    #[error("enrolment refused: {0}")]
    Enrolment(String),
    /// The node is enrolled with another key.
    #[error("node {0} is already enrolled with another key")]
    AlreadyEnrolled(String),
    /// A period is not `YYYY-MM`.
    #[error("period '{0}' is not YYYY-MM")]
    Period(String),
}

/// Checks a month `YYYY-MM`.
pub fn check_period(period: &str) -> Result<(), HqError> {
    period.parse::<partage_core::period::Month>().map(|_| ()).map_err(|_| HqError::Period(period.to_owned()))
}
