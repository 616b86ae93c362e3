//! RFC 9457 problem details: every error the API returns, with a message a
//! person understands. The mapping matches every error variant without a
//! catch-all arm, so a new variant forces a choice of status.

use crate::error::AppError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use partage_core::activity::SectorError;
use partage_core::client::ClientError;
use partage_core::invoice::InvoiceError;
use partage_core::member::MemberError;
use partage_core::pack::PackError;
use partage_core::payroll::PayrollError;
use partage_core::MoneyError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    /// URI reference naming the problem type: `/problems/{code}`.
    #[serde(rename = "type")]
    pub type_uri: String,
    /// Short summary of the type.
    pub title: String,
    /// HTTP status.
    pub status: u16,
    /// What went wrong this time, for a person.
    pub detail: String,
    /// Stable machine-readable code (also the Fluent message id).
    pub code: String,
    /// The request field at fault, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl Problem {
    /// A problem of `status` with a code and detail.
    pub fn new(status: StatusCode, code: &str, detail: impl Into<String>) -> Problem {
        Problem {
            type_uri: format!("/problems/{code}"),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
            code: code.to_owned(),
            field: None,
        }
    }

    /// The same problem, naming the field at fault.
    pub fn with_field(mut self, field: impl Into<String>) -> Problem {
        self.field = Some(field.into());
        self
    }
}

/// Text fit to repeat in a problem: control characters a client sent (NUL,
/// escapes, line breaks) become U+FFFD, so a detail can neither break a log
/// line nor carry what the document says no text holds.
fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect()
}

impl IntoResponse for Problem {
    fn into_response(mut self) -> Response {
        self.detail = printable(&self.detail);
        self.field = self.field.as_deref().map(printable);
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut res = (status, body).into_response();
        res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        res
    }
}

/// How many characters of a value sent an error message repeats.
const ECHO_CHARS: usize = 40;

/// A value sent, quoted and cut short for an error message: a problem repeats
/// enough to recognise the value, never a whole body sent back.
pub fn echo(sent: &str) -> String {
    let mut chars = sent.chars();
    let head: String = chars.by_ref().take(ECHO_CHARS).collect();
    if chars.next().is_some() {
        format!("'{head}…'")
    } else {
        format!("'{head}'")
    }
}

const UNPROCESSABLE: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;

fn money_code(e: &MoneyError) -> &'static str {
    match e {
        MoneyError::UnknownCurrency(_) => "unknown-currency",
        MoneyError::TooPrecise { .. } => "too-precise",
        MoneyError::CurrencyMismatch(..) => "currency-mismatch",
        MoneyError::NotANumber(_) => "not-a-number",
        MoneyError::Overflow => "amount-out-of-range",
    }
}

impl From<AppError> for Problem {
    fn from(err: AppError) -> Problem {
        let detail = err.to_string();
        let (status, code) = match &err {
            AppError::NotFound { .. } => (StatusCode::NOT_FOUND, "not-found"),
            AppError::Invalid { field, .. } => {
                return Problem::new(UNPROCESSABLE, "invalid-field", detail).with_field(field.clone())
            }
            AppError::OutOfRange { field, .. } => {
                return Problem::new(UNPROCESSABLE, "out-of-range", detail).with_field(field.clone())
            }
            AppError::AboveCeiling { field, .. } => {
                return Problem::new(UNPROCESSABLE, "above-ceiling", detail).with_field(field.clone())
            }
            AppError::DateOutOfRange { field, .. } => {
                return Problem::new(UNPROCESSABLE, "date-out-of-range", detail).with_field(field.clone())
            }
            AppError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            AppError::Member(e) => match e {
                MemberError::UnknownStatus(_) => (UNPROCESSABLE, "unknown-status"),
                MemberError::NotAllowed { .. } => (StatusCode::CONFLICT, "membership-state"),
                MemberError::NoShares => (UNPROCESSABLE, "no-shares"),
                MemberError::NotWholeShares { .. } => (UNPROCESSABLE, "not-whole-shares"),
                MemberError::Money(m) => (UNPROCESSABLE, money_code(m)),
            },
            AppError::Invoice(e) => match e {
                InvoiceError::NoLines => (UNPROCESSABLE, "no-lines"),
                InvoiceError::EmptyDescription => (UNPROCESSABLE, "empty-description"),
                InvoiceError::BadQuantity(_) => (UNPROCESSABLE, "bad-quantity"),
                InvoiceError::NegativePrice(_) => (UNPROCESSABLE, "negative-price"),
                InvoiceError::BadUnitCode(_) => (UNPROCESSABLE, "bad-unit-code"),
                InvoiceError::UnknownStatus(_) => (UNPROCESSABLE, "unknown-status"),
                InvoiceError::NotADraft(_) => (StatusCode::CONFLICT, "already-issued"),
                InvoiceError::NotPayable(_) => (StatusCode::CONFLICT, "not-payable"),
                InvoiceError::NonPositivePayment(_) => (UNPROCESSABLE, "non-positive-payment"),
                InvoiceError::Overpayment { .. } => (UNPROCESSABLE, "overpayment"),
                InvoiceError::NotCancellable(_) => (StatusCode::CONFLICT, "not-cancellable"),
                InvoiceError::NotChronological { .. } => (StatusCode::CONFLICT, "not-chronological"),
                InvoiceError::ZeroTotal => (UNPROCESSABLE, "zero-total"),
                InvoiceError::Money(m) => (UNPROCESSABLE, money_code(m)),
            },
            AppError::Money(m) => (UNPROCESSABLE, money_code(m)),
            AppError::Client(e) => {
                let (code, field) = match e {
                    ClientError::BadCountry(_) => ("bad-country", "country"),
                    ClientError::BadKind(_) => ("bad-client-kind", "kind"),
                    ClientError::MissingName => ("missing-name", "name"),
                    ClientError::BadVatNumber(_) => ("bad-vat-number", "vat_number"),
                    ClientError::BadVatShape { .. } => ("vat-number-shape", "vat_number"),
                    ClientError::VatCheckDigits(_) => ("vat-check-digits", "vat_number"),
                    ClientError::MissingVatNumber => ("missing-vat-number", "vat_number"),
                };
                return Problem::new(UNPROCESSABLE, code, detail).with_field(field);
            }
            AppError::Sector(e) => match e {
                SectorError::Unknown(_) => (UNPROCESSABLE, "unknown-sector"),
                SectorError::MissingSubSector => (UNPROCESSABLE, "missing-sub-sector"),
                SectorError::UnexpectedSubSector(_) => (UNPROCESSABLE, "unexpected-sub-sector"),
            },
            AppError::Pack(e) => match e {
                PackError::VatRateNotInForce { .. } => (UNPROCESSABLE, "vat-rate-not-in-force"),
                PackError::Parameter(_) => (UNPROCESSABLE, "parameter-not-in-force"),
                PackError::Render(_) => (StatusCode::INTERNAL_SERVER_ERROR, "render-failed"),
                PackError::NoElectronicAddress { .. } => (StatusCode::CONFLICT, "no-peppol-address"),
                PackError::InvalidIdentifier { .. } => (UNPROCESSABLE, "invalid-identifier"),
                // The node's data are fine; the pack lacks a legal rate for the period.
                PackError::RateNotSourced { .. } => (StatusCode::CONFLICT, "rate-not-sourced"),
            },
            AppError::Payroll(e) => match e {
                PayrollError::UnknownCategory { .. } => (UNPROCESSABLE, "unknown-worker-kind"),
                PayrollError::UnknownFamilySituation(_) => (UNPROCESSABLE, "unknown-family-situation"),
                PayrollError::Negative { .. } => (UNPROCESSABLE, "negative-amount"),
                PayrollError::Absurd { .. } => (UNPROCESSABLE, "absurd-amount"),
                PayrollError::BadWorkFraction(_) => (UNPROCESSABLE, "bad-part-time"),
                PayrollError::BadHousehold(_) => (UNPROCESSABLE, "bad-household"),
                PayrollError::NotCovered(_) => (UNPROCESSABLE, "date-not-covered"),
                PayrollError::Unreachable { .. } => (UNPROCESSABLE, "unreachable"),
                PayrollError::Money(m) => (UNPROCESSABLE, money_code(m)),
            },
            AppError::IdempotencyKeyReused(_) => (UNPROCESSABLE, "idempotency-key-reused"),
            AppError::Ledger(_) | AppError::Corrupt(_) | AppError::Storage(_) => {
                tracing::error!(error = %err, "internal error");
                return Problem::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "the node failed to complete the request; nothing was written (the error is logged)",
                );
            }
        };
        let problem = Problem::new(status, code, detail);
        match field_of(&err) {
            Some(field) => problem.with_field(field),
            None => problem,
        }
    }
}

/// The request field a domain error is about, when every route that can
/// raise it names that field the same way. The others name theirs through
/// `AppError::Invalid`.
fn field_of(err: &AppError) -> Option<&'static str> {
    Some(match err {
        AppError::Client(ClientError::BadCountry(_)) => "country",
        AppError::Client(ClientError::BadKind(_)) => "kind",
        AppError::Client(ClientError::MissingName) => "name",
        AppError::Client(ClientError::BadVatNumber(_) | ClientError::MissingVatNumber) => "vat_number",
        AppError::Sector(SectorError::Unknown(_)) => "sector",
        AppError::Sector(SectorError::MissingSubSector | SectorError::UnexpectedSubSector(_)) => "sub_sector",
        AppError::Money(MoneyError::UnknownCurrency(_))
        | AppError::Invoice(InvoiceError::Money(MoneyError::UnknownCurrency(_)))
        | AppError::Member(MemberError::Money(MoneyError::UnknownCurrency(_))) => "currency",
        AppError::Member(MemberError::NotWholeShares { .. }) => "amount",
        AppError::Invoice(InvoiceError::NoLines) => "lines",
        AppError::Payroll(PayrollError::UnknownFamilySituation(_)) => "family",
        AppError::Payroll(PayrollError::BadWorkFraction(_)) => "part_time",
        _ => return None,
    })
}
