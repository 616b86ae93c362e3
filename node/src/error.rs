//! The node's error: every refusal a user or a peer can cause, and storage faults.

use crate::service::errors::{
    AccountRefusal, ActivityRefusal, ContractRefusal, DunningRefusal, ExpenseRefusal, InvoiceRefusal, MemberRefusal,
    MemberTransferRefusal, OrderFormRefusal, PayrollRefusal, PlatformRefusal, ReturnRefusal, TransferRefusal,
    WorkRefusal,
};
use partage_core::activity::SectorError;
use partage_core::client::ClientError;
use partage_core::invoice::InvoiceError;
use partage_core::ledger::LedgerError;
use partage_core::member::MemberError;
use partage_core::pack::PackError;
use partage_core::payroll::PayrollError;
use partage_core::MoneyError;
use sea_orm::DbErr;

/// Why a request or command failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The id names nothing.
    #[error("no {what} with id {id}")]
    NotFound {
        /// Kind of thing.
        what: &'static str,
        /// The id asked for.
        id: String,
    },
    /// A field is missing or wrong.
    #[error("{field}: {message}")]
    Invalid {
        /// The field, as named in the request.
        field: String,
        /// What is wrong, for a person.
        message: String,
    },
    /// A person's or a company's identifier the country's pack refuses, in the field
    /// that carried it.
    #[error("{field}: {message}")]
    InvalidIdentifier {
        /// The field, as named in the request.
        field: String,
        /// What the pack found wrong.
        message: String,
    },
    /// A number outside the range the field takes.
    #[error("{field}: must be from {min} to {max}, got {got}")]
    OutOfRange {
        /// The field, as named in the request.
        field: String,
        /// Smallest value taken.
        min: u64,
        /// Largest value taken.
        max: u64,
        /// The value sent.
        got: String,
    },
    /// An amount or a quantity above the node's ceiling (`[limits]`).
    #[error("{field}: {value} is above this node's ceiling of {limit}")]
    AboveCeiling {
        /// The field, as named in the request.
        field: String,
        /// The value asked for.
        value: String,
        /// The ceiling.
        limit: String,
    },
    /// A date outside what the field allows.
    #[error("{field}: {date} is out of range; expected a date {expected}")]
    DateOutOfRange {
        /// The field, as named in the request.
        field: String,
        /// The date asked for.
        date: chrono::NaiveDate,
        /// The range allowed, for a person.
        expected: String,
    },
    /// The activities service refused.
    #[error(transparent)]
    ActivityRefused(#[from] ActivityRefusal),
    /// The members service refused.
    #[error(transparent)]
    MemberRefused(#[from] MemberRefusal),
    /// The member transfers service refused.
    #[error(transparent)]
    MemberTransferRefused(#[from] MemberTransferRefusal),
    /// The invoices service refused.
    #[error(transparent)]
    InvoiceRefused(#[from] InvoiceRefusal),
    /// The work declarations service refused.
    #[error(transparent)]
    WorkRefused(#[from] WorkRefusal),
    /// The contracts service refused.
    #[error(transparent)]
    ContractRefused(#[from] ContractRefusal),
    /// The dunning service refused.
    #[error(transparent)]
    DunningRefused(#[from] DunningRefusal),
    /// The expenses service refused.
    #[error(transparent)]
    ExpenseRefused(#[from] ExpenseRefusal),
    /// The order forms service refused.
    #[error(transparent)]
    OrderFormRefused(#[from] OrderFormRefusal),
    /// The payroll service refused.
    #[error(transparent)]
    PayrollRefused(#[from] PayrollRefusal),
    /// A credit transfer file cannot be made.
    #[error(transparent)]
    TransferRefused(#[from] TransferRefusal),
    /// The platforms service refused.
    #[error(transparent)]
    PlatformRefused(#[from] PlatformRefusal),
    /// The periodic returns service refused.
    #[error(transparent)]
    ReturnRefused(#[from] ReturnRefusal),
    /// The staff accounts refused an account or a role.
    #[error(transparent)]
    AccountRefused(#[from] AccountRefusal),
    /// Membership rules.
    #[error(transparent)]
    Member(#[from] MemberError),
    /// Invoice rules.
    #[error(transparent)]
    Invoice(#[from] InvoiceError),
    /// Amounts.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// Client data.
    #[error(transparent)]
    Client(#[from] ClientError),
    /// Sectors.
    #[error(transparent)]
    Sector(#[from] SectorError),
    /// The country pack refused.
    #[error(transparent)]
    Pack(#[from] PackError),
    /// Payroll refused or could not compute.
    #[error(transparent)]
    Payroll(#[from] PayrollError),
    /// The journal refused an entry: a bug, never the user's fault.
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// An idempotency key reused for another request (the key quoted, cut short).
    #[error("the Idempotency-Key {0} was already used for a different request")]
    IdempotencyKeyReused(String),
    /// A stored value that cannot be read back: a bug or a damaged database.
    #[error("stored data is not readable: {0}")]
    Corrupt(String),
    /// The database failed.
    #[error("database error: {0}")]
    Storage(#[from] DbErr),
}

impl AppError {
    /// A field error.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> AppError {
        AppError::Invalid { field: field.into(), message: message.into() }
    }

    /// The pack's refusal of an identifier sent in `field`; other pack errors as they are.
    pub fn identifier(field: impl Into<String>, err: partage_core::pack::PackError) -> AppError {
        match err {
            partage_core::pack::PackError::InvalidIdentifier { message, .. } => {
                AppError::InvalidIdentifier { field: field.into(), message }
            }
            other => AppError::from(other),
        }
    }

    /// A missing row.
    pub fn not_found(what: &'static str, id: impl ToString) -> AppError {
        AppError::NotFound { what, id: id.to_string() }
    }
}
