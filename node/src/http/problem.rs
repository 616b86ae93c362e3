//! RFC 9457 problem details: every error the API returns, with a message a
//! person understands. The mapping matches every error variant without a
//! catch-all arm, so a new variant forces a choice of status.

use super::catalogue::Localizable;
use crate::error::AppError;
use crate::service::errors::{
    AccountRefusal, ActivityRefusal, Args, ContractRefusal, DunningRefusal, ExpenseRefusal, InvoiceRefusal,
    MemberRefusal, MemberTransferRefusal, OrderFormRefusal, PayrollRefusal, PlatformRefusal, ReturnRefusal,
    TransferRefusal, WorkRefusal,
};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use partage_core::activity::SectorError;
use partage_core::client::ClientError;
use partage_core::contract_reason::ReasonError;
use partage_core::invoice::{InvoiceError, InvoiceStatus};
use partage_core::member::MemberError;
use partage_core::pack::PackError;
use partage_core::payroll::PayrollError;
use partage_core::MoneyError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An RFC 9457 problem document.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
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
    /// The values the message `code` quotes, when the catalogue has it: the detail is
    /// then written again in the request's language (`catalogue::localize`).
    #[serde(skip)]
    pub args: Option<Args>,
    /// The catalogue's message, when it is not `code` (one code, several wordings).
    #[serde(skip)]
    pub message: Option<&'static str>,
    /// Values that are themselves catalogue messages (a form expected), written in the
    /// same language before the message that quotes them.
    #[serde(skip)]
    pub nested: Vec<Nested>,
}

/// A value written from the catalogue: its name in the outer message, its message, its values.
pub type Nested = (&'static str, &'static str, Args);

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
            args: None,
            message: None,
            nested: Vec::new(),
        }
    }

    /// A problem of `status` and `code` whose detail is the catalogue's `message`, quoting
    /// `args` and the `nested` messages: written in English here, in the request's language
    /// by the `localize` layer. `fallback` is the detail when the catalogue lacks the message.
    pub fn from_catalogue(
        status: StatusCode,
        code: &str,
        message: &'static str,
        args: Args,
        nested: Vec<Nested>,
        fallback: impl FnOnce() -> String,
    ) -> Problem {
        let detail = super::catalogue::written("en", message, &args, &nested).unwrap_or_else(fallback);
        Problem { message: Some(message), nested, ..Problem::new(status, code, detail).with_args(args) }
    }

    /// The same problem, its detail written from the catalogue's message with these values.
    pub fn with_args(mut self, args: Args) -> Problem {
        self.args = Some(args);
        self
    }

    /// The body as sent: control characters out of the texts a client may have written.
    pub fn to_body(&mut self) -> Vec<u8> {
        self.detail = printable(&self.detail);
        self.field = self.field.as_deref().map(printable);
        serde_json::to_vec(&self).unwrap_or_default()
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
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = self.to_body();
        let localizable = self.args.is_some().then_some(Localizable(self));
        let mut res = (status, body).into_response();
        if let Some(problem) = localizable {
            res.extensions_mut().insert(problem);
        }
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
            AppError::NotFound { what, id } => {
                // `kind` selects the noun (and its gender) in languages other than English.
                let args = vec![("what", (*what).to_owned()), ("kind", what.replace(' ', "-")), ("id", id.clone())];
                return Problem::new(StatusCode::NOT_FOUND, "not-found", detail).with_args(args);
            }
            AppError::Invalid { field, .. } => {
                return Problem::new(UNPROCESSABLE, "invalid-field", detail).with_field(field.clone())
            }
            AppError::InvalidIdentifier { field, .. } => {
                return Problem::new(UNPROCESSABLE, "invalid-identifier", detail).with_field(field.clone())
            }
            AppError::OutOfRange { field, min, max, got } => {
                let args = vec![
                    ("field", field.clone()),
                    ("min", min.to_string()),
                    ("max", max.to_string()),
                    ("got", got.clone()),
                ];
                return Problem::new(UNPROCESSABLE, "out-of-range", detail).with_args(args).with_field(field.clone());
            }
            AppError::AboveCeiling { field, value, limit } => {
                let args = vec![("field", field.clone()), ("value", value.clone()), ("limit", limit.clone())];
                return Problem::new(UNPROCESSABLE, "above-ceiling", detail).with_args(args).with_field(field.clone());
            }
            AppError::DateOutOfRange { field, .. } => {
                return Problem::new(UNPROCESSABLE, "date-out-of-range", detail).with_field(field.clone())
            }
            AppError::ActivityRefused(e) => return refused(activity_code(e), detail, e.args(), field_of(&err)),
            AppError::MemberRefused(e) => return refused(member_code(e), detail, e.args(), field_of(&err)),
            AppError::MemberTransferRefused(e) => {
                return refused(member_transfer_code(e), detail, e.args(), field_of(&err))
            }
            AppError::InvoiceRefused(e) => return refused(invoice_code(e), detail, e.args(), field_of(&err)),
            AppError::WorkRefused(e) => {
                return refused(work_code(e), detail, e.args(), e.field().or_else(|| field_of(&err)))
            }
            AppError::ContractRefused(e) => return refused(contract_code(e), detail, e.args(), field_of(&err)),
            AppError::DunningRefused(e) => return refused(dunning_code(e), detail, e.args(), field_of(&err)),
            AppError::ExpenseRefused(e) => {
                return refused(expense_code(e), detail, e.args(), e.field().or_else(|| field_of(&err)))
            }
            AppError::OrderFormRefused(e) => return refused(order_form_code(e), detail, e.args(), field_of(&err)),
            AppError::PayrollRefused(e) => return refused(payroll_code(e), detail, e.args(), field_of(&err)),
            AppError::TransferRefused(e) => return refused(transfer_code(e), detail, e.args(), field_of(&err)),
            AppError::PlatformRefused(e) => return refused(platform_code(e), detail, e.args(), field_of(&err)),
            AppError::ReturnRefused(e) => return refused(return_code(e), detail, e.args(), field_of(&err)),
            AppError::AccountRefused(e) => return refused(account_code(e), detail, e.args(), Some(e.field())),
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
        let mut problem = Problem::new(status, code, detail);
        problem.args = args_of(&err);
        match field_of(&err) {
            Some(field) => problem.with_field(field),
            None => problem,
        }
    }
}

/// The values of a core refusal the catalogue has a message for (the state
/// conflicts of invoices, and the overpayment); the others keep their English detail.
fn args_of(err: &AppError) -> Option<Args> {
    let status = |s: &InvoiceStatus| vec![("status", s.to_string())];
    Some(match err {
        AppError::Invoice(
            InvoiceError::NotADraft(s) | InvoiceError::NotPayable(s) | InvoiceError::NotCancellable(s),
        ) => status(s),
        AppError::Invoice(InvoiceError::NotChronological { date, last }) => {
            vec![("date", date.to_string()), ("last", last.to_string())]
        }
        AppError::Invoice(InvoiceError::Overpayment { amount, outstanding }) => {
            vec![("amount", amount.to_string()), ("outstanding", outstanding.to_string())]
        }
        _ => return None,
    })
}

const CONFLICT: StatusCode = StatusCode::CONFLICT;
const NOT_FOUND: StatusCode = StatusCode::NOT_FOUND;
const UNSUPPORTED: StatusCode = StatusCode::UNSUPPORTED_MEDIA_TYPE;
const TOO_LARGE: StatusCode = StatusCode::PAYLOAD_TOO_LARGE;
const GONE: StatusCode = StatusCode::GONE;

/// A service's refusal: its status and code, its detail written again in the
/// request's language from the catalogue's message `code` and these values.
fn refused((status, code): (StatusCode, &'static str), detail: String, args: Args, field: Option<&str>) -> Problem {
    let problem = Problem::new(status, code, detail).with_args(args);
    match field {
        Some(field) => problem.with_field(field),
        None => problem,
    }
}

// One arm per refusal and one code per arm: the tests below read these arms and hold every code to
// a message in each language and to no other refusal.

fn activity_code(e: &ActivityRefusal) -> (StatusCode, &'static str) {
    match e {
        ActivityRefusal::MemberMayNotOpen { .. } => (CONFLICT, "member-cannot-open-activity"),
        ActivityRefusal::Closed { .. } => (CONFLICT, "activity-closed"),
    }
}

fn member_code(e: &MemberRefusal) -> (StatusCode, &'static str) {
    match e {
        MemberRefusal::EmailTaken { .. } => (CONFLICT, "email-taken"),
        MemberRefusal::NoIdentity { .. } => (CONFLICT, "member-without-identity"),
    }
}

fn member_transfer_code(e: &MemberTransferRefusal) -> (StatusCode, &'static str) {
    match e {
        MemberTransferRefusal::NotFederated => (CONFLICT, "transfer-not-federated"),
        MemberTransferRefusal::ToItself { .. } => (UNPROCESSABLE, "transfer-to-itself"),
        MemberTransferRefusal::UnknownDestination { .. } => (UNPROCESSABLE, "transfer-unknown-destination"),
        MemberTransferRefusal::MemberCannotMove { .. } => (CONFLICT, "member-cannot-move"),
        MemberTransferRefusal::AlreadyOpen { .. } => (CONFLICT, "transfer-already-open"),
        MemberTransferRefusal::Expired { .. } => (CONFLICT, "transfer-expired"),
        MemberTransferRefusal::Closed { .. } => (CONFLICT, "transfer-closed"),
        MemberTransferRefusal::WrongSide { .. } => (CONFLICT, "transfer-wrong-side"),
        MemberTransferRefusal::SharesRuleDiffers { .. } => (CONFLICT, "transfer-shares-rule-differs"),
        MemberTransferRefusal::CannotCarryShares { .. } => (CONFLICT, "transfer-cannot-carry-shares"),
        MemberTransferRefusal::SettlementAboveBalance { .. } => (UNPROCESSABLE, "settlement-above-balance"),
    }
}

fn invoice_code(e: &InvoiceRefusal) -> (StatusCode, &'static str) {
    match e {
        InvoiceRefusal::MemberMayNotInvoice { .. } => (CONFLICT, "member-cannot-invoice"),
        InvoiceRefusal::DraftHasNoEInvoice => (CONFLICT, "draft-has-no-e-invoice"),
    }
}

fn work_code(e: &WorkRefusal) -> (StatusCode, &'static str) {
    match e {
        WorkRefusal::MemberMayNotDeclare { .. } => (CONFLICT, "member-cannot-declare-work"),
        WorkRefusal::AlreadyDecided { .. } => (CONFLICT, "declaration-already-decided"),
        WorkRefusal::WorkStarted { .. } => (CONFLICT, "work-already-started"),
        WorkRefusal::BudgetTooSmall { .. } => (CONFLICT, "budget-too-small"),
        WorkRefusal::Motive(ReasonError::Missing { .. }) => (UNPROCESSABLE, "contract-motive-required"),
        WorkRefusal::Motive(ReasonError::NotAccepted) => (UNPROCESSABLE, "contract-motive-not-accepted"),
        WorkRefusal::Motive(ReasonError::Unknown { .. }) => (UNPROCESSABLE, "contract-motive-unknown"),
        WorkRefusal::Motive(ReasonError::Incomplete { .. }) => (UNPROCESSABLE, "contract-motive-incomplete"),
        WorkRefusal::Motive(ReasonError::Unexpected { .. }) => (UNPROCESSABLE, "contract-motive-unexpected"),
        WorkRefusal::Motive(ReasonError::TooLong { .. }) => (UNPROCESSABLE, "contract-motive-too-long"),
        WorkRefusal::ClassificationTooLong { .. } => (UNPROCESSABLE, "classification-too-long"),
        WorkRefusal::NoPackForLegislation { .. } => (UNPROCESSABLE, "no-pack-for-legislation"),
        WorkRefusal::WorkerKindNotInLegislation { .. } => (UNPROCESSABLE, "worker-kind-not-in-legislation"),
        WorkRefusal::LegislationCurrency { .. } => (UNPROCESSABLE, "legislation-currency"),
    }
}

fn contract_code(e: &ContractRefusal) -> (StatusCode, &'static str) {
    match e {
        ContractRefusal::NotAcknowledged { .. } => (CONFLICT, "not-acknowledged"),
        ContractRefusal::NotAnIn { .. } => (CONFLICT, "not-an-in-declaration"),
        ContractRefusal::AlreadyAcknowledged { .. } => (CONFLICT, "already-acknowledged"),
        ContractRefusal::NotActive { .. } => (CONFLICT, "contract-not-active"),
        ContractRefusal::AlreadyStarted { .. } => (CONFLICT, "contract-started"),
        ContractRefusal::KindNotCancellable { .. } => (CONFLICT, "contract-kind-not-cancellable"),
        ContractRefusal::EndsWithItsWork { .. } => (CONFLICT, "contract-ends-with-its-work"),
        ContractRefusal::SalaryPaid { .. } => (CONFLICT, "salary-already-paid"),
        ContractRefusal::NoDaysToChange { .. } => (CONFLICT, "no-days-to-change"),
        ContractRefusal::HoursChangedTooLate { .. } => (CONFLICT, "hours-changed-too-late"),
        ContractRefusal::NoPeriodNumber { .. } => (CONFLICT, "no-period-number"),
    }
}

fn dunning_code(e: &DunningRefusal) -> (StatusCode, &'static str) {
    match e {
        DunningRefusal::Draft => (CONFLICT, "draft-not-dunned"),
        DunningRefusal::NotDunnable { .. } => (CONFLICT, "invoice-not-dunnable"),
        DunningRefusal::Transition { .. } => (CONFLICT, "dunning-transition"),
    }
}

fn expense_code(e: &ExpenseRefusal) -> (StatusCode, &'static str) {
    match e {
        ExpenseRefusal::Transition { .. } => (CONFLICT, "expense-transition"),
        ExpenseRefusal::MemberMayNotClaim { .. } => (CONFLICT, "member-cannot-claim-expenses"),
        ExpenseRefusal::BudgetTooSmall { .. } => (CONFLICT, "budget-too-small-to-repay"),
        ExpenseRefusal::NothingRepaid { .. } => (CONFLICT, "nothing-repaid"),
        ExpenseRefusal::ReceiptTypeNotAccepted { .. } => (UNSUPPORTED, "receipt-type-not-accepted"),
        ExpenseRefusal::ReceiptNotItsType { .. } => (UNPROCESSABLE, "receipt-not-its-type"),
        ExpenseRefusal::ReceiptTooLarge { .. } => (TOO_LARGE, "receipt-too-large"),
        ExpenseRefusal::ReceiptLocked { .. } => (CONFLICT, "receipt-locked"),
        ExpenseRefusal::NoReceiptFile { .. } => (NOT_FOUND, "no-receipt-file"),
        ExpenseRefusal::ReceiptDeleted { .. } => (GONE, "receipt-deleted"),
    }
}

fn order_form_code(e: &OrderFormRefusal) -> (StatusCode, &'static str) {
    match e {
        OrderFormRefusal::FundTooSmall { .. } => (CONFLICT, "fund-cannot-advance"),
        OrderFormRefusal::NotOpen { .. } => (CONFLICT, "order-form-not-open"),
        OrderFormRefusal::OtherActivityOrClient { .. } => (CONFLICT, "invoice-for-other-order"),
        OrderFormRefusal::InvoiceNotIssued { .. } => (CONFLICT, "invoice-not-issued"),
        OrderFormRefusal::InvoiceTaken { .. } => (CONFLICT, "invoice-closes-another-order-form"),
    }
}

fn payroll_code(e: &PayrollRefusal) -> (StatusCode, &'static str) {
    match e {
        PayrollRefusal::RunNotCompleted { .. } => (CONFLICT, "run-not-completed"),
        PayrollRefusal::RunPaidNothing { .. } => (CONFLICT, "run-paid-nothing"),
    }
}

fn transfer_code(e: &TransferRefusal) -> (StatusCode, &'static str) {
    match e {
        TransferRefusal::NoBankAccount { .. } => (CONFLICT, "no-bank-account"),
        TransferRefusal::BadEntityIban { .. } => (CONFLICT, "entity-iban-invalid"),
        TransferRefusal::BadEntityBic { .. } => (CONFLICT, "entity-bic-invalid"),
        TransferRefusal::FileRefused { .. } => (CONFLICT, "transfer-file-refused"),
    }
}

fn platform_code(e: &PlatformRefusal) -> (StatusCode, &'static str) {
    match e {
        PlatformRefusal::AlreadyEnrolled { .. } => (CONFLICT, "already-enrolled"),
        PlatformRefusal::MemberMayNotEnrol { .. } => (CONFLICT, "member-cannot-enrol"),
        PlatformRefusal::BatchIdReused { .. } => (CONFLICT, "batch-id-reused"),
    }
}

fn return_code(e: &ReturnRefusal) -> (StatusCode, &'static str) {
    match e {
        ReturnRefusal::NoPayslip { .. } => (CONFLICT, "no-payslip-in-period"),
        ReturnRefusal::WorkerWithoutIdentity { .. } => (CONFLICT, "worker-without-identity"),
        ReturnRefusal::TotalsRefused { .. } => (CONFLICT, "return-totals-refused"),
        ReturnRefusal::PackRefused { .. } => (CONFLICT, "return-refused-by-pack"),
        ReturnRefusal::TooMany { .. } => (CONFLICT, "too-many-to-count"),
        ReturnRefusal::VersionTaken { .. } => (CONFLICT, "return-version-taken"),
    }
}

fn account_code(e: &AccountRefusal) -> (StatusCode, &'static str) {
    match e {
        AccountRefusal::EmailMalformed { .. } => (UNPROCESSABLE, "account-email-malformed"),
        AccountRefusal::MemberEmail { .. } => (CONFLICT, "account-email-is-a-members"),
        AccountRefusal::EmailTaken { .. } => (CONFLICT, "account-exists"),
        AccountRefusal::NotAStaffRole { .. } => (UNPROCESSABLE, "not-a-staff-role"),
        AccountRefusal::MemberAccount { .. } => (CONFLICT, "member-account-role-fixed"),
        AccountRefusal::LastAdmin { .. } => (CONFLICT, "last-admin"),
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
        AppError::MemberRefused(MemberRefusal::EmailTaken { .. }) => "email",
        AppError::MemberTransferRefused(
            MemberTransferRefusal::ToItself { .. } | MemberTransferRefusal::UnknownDestination { .. },
        ) => "destination",
        AppError::MemberTransferRefused(MemberTransferRefusal::SettlementAboveBalance { .. }) => "amount",
        AppError::ContractRefused(ContractRefusal::SalaryPaid { .. }) => "on",
        AppError::PlatformRefused(PlatformRefusal::AlreadyEnrolled { .. }) => "worker_ref",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::catalogue::{message, LANGUAGES};
    use chrono::NaiveDate;
    use partage_core::member::MembershipStatus;
    use partage_core::work_declaration::DeclarationStatus;
    use partage_core::{Currency, Money};
    use rust_decimal_macros::dec;
    use std::collections::BTreeSet;
    use uuid::Uuid;

    /// One refusal of each kind, with values a message can quote.
    fn every_refusal() -> Vec<AppError> {
        let id = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001);
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let at = day.and_hms_opt(9, 0, 0).unwrap();
        let eur = |amount| Money::new(amount, "EUR".parse().unwrap()).unwrap();
        let text = |s: &str| s.to_owned();
        vec![
            ActivityRefusal::MemberMayNotOpen { member: id, status: MembershipStatus::Applicant }.into(),
            ActivityRefusal::Closed { activity: id }.into(),
            AppError::not_found("work declaration", id),
            AppError::OutOfRange { field: text("offset"), min: 0, max: 9_223_372_036_854_775_807, got: text("-1") },
            AppError::AboveCeiling { field: text("lines[0].unit_price"), value: text("1E+16"), limit: text("1000000") },
            MemberRefusal::EmailTaken { email: text("ada@example.org") }.into(),
            MemberRefusal::NoIdentity { member: id }.into(),
            MemberTransferRefusal::NotFederated.into(),
            MemberTransferRefusal::ToItself { destination: text("be") }.into(),
            MemberTransferRefusal::UnknownDestination { destination: text("nl") }.into(),
            MemberTransferRefusal::MemberCannotMove { member: id, status: MembershipStatus::Applicant }.into(),
            MemberTransferRefusal::AlreadyOpen { member: id }.into(),
            MemberTransferRefusal::Expired { transfer: id }.into(),
            MemberTransferRefusal::Closed { transfer: id, status: text("committed"), step: text("cancel") }.into(),
            MemberTransferRefusal::WrongSide { transfer: id, side: "destination", step: text("cancel") }.into(),
            MemberTransferRefusal::SharesRuleDiffers { transfer: id, theirs: "carry", ours: "refund" }.into(),
            MemberTransferRefusal::CannotCarryShares {
                transfer: id,
                theirs: text("25.00 EUR"),
                ours: text("30.00 EUR"),
            }
            .into(),
            MemberTransferRefusal::SettlementAboveBalance {
                office: text("fr"),
                direction: "paid",
                amount: text("70.00 EUR"),
                owed: text("60.00 EUR"),
            }
            .into(),
            InvoiceRefusal::MemberMayNotInvoice { status: MembershipStatus::Applicant }.into(),
            InvoiceRefusal::DraftHasNoEInvoice.into(),
            WorkRefusal::MemberMayNotDeclare { status: MembershipStatus::Applicant }.into(),
            WorkRefusal::AlreadyDecided { status: DeclarationStatus::Validated, decision: "validated" }.into(),
            WorkRefusal::WorkStarted { start: at }.into(),
            WorkRefusal::BudgetTooSmall { available: eur(dec!(100)), budget: eur(dec!(935)) }.into(),
            WorkRefusal::Motive(ReasonError::Missing { allowed: text("replacement, activity_increase") }).into(),
            WorkRefusal::Motive(ReasonError::NotAccepted).into(),
            WorkRefusal::Motive(ReasonError::Unknown {
                field: "motive.code",
                value: text("holiday"),
                allowed: text("replacement, activity_increase"),
            })
            .into(),
            WorkRefusal::Motive(ReasonError::Incomplete { field: "motive.replaced", code: text("replacement") }).into(),
            WorkRefusal::Motive(ReasonError::Unexpected { field: "motive.sector", code: text("seasonal") }).into(),
            WorkRefusal::Motive(ReasonError::TooLong { field: "motive.detail", max: 300 }).into(),
            WorkRefusal::ClassificationTooLong { max: 120 }.into(),
            WorkRefusal::NoPackForLegislation { state: text("IT"), available: text("BE, FR") }.into(),
            WorkRefusal::WorkerKindNotInLegislation {
                state: text("FR"),
                category: text("white-collar"),
                allowed: text("non-cadre, cadre, artist, technician"),
            }
            .into(),
            WorkRefusal::LegislationCurrency { state: text("SE"), currency: text("SEK"), node_currency: text("EUR") }
                .into(),
            ContractRefusal::NotAcknowledged { declaration: id }.into(),
            ContractRefusal::NotAnIn { declaration: id, action: text("out") }.into(),
            ContractRefusal::AlreadyAcknowledged { declaration: id }.into(),
            ContractRefusal::NotActive { contract: id, status: text("cancelled") }.into(),
            ContractRefusal::AlreadyStarted { contract: id, starts_at: at }.into(),
            ContractRefusal::KindNotCancellable { kind: text("framework") }.into(),
            ContractRefusal::EndsWithItsWork { kind: text("per_performance") }.into(),
            ContractRefusal::SalaryPaid { period: text("2026-04") }.into(),
            ContractRefusal::NoDaysToChange { kind: text("stabilised") }.into(),
            ContractRefusal::HoursChangedTooLate { date: day }.into(),
            ContractRefusal::NoPeriodNumber { date: day }.into(),
            DunningRefusal::Draft.into(),
            DunningRefusal::NotDunnable { status: InvoiceStatus::Paid }.into(),
            DunningRefusal::Transition { current: text("paused"), next: "paused" }.into(),
            ExpenseRefusal::Transition { from: "validated", to: "rejected" }.into(),
            ExpenseRefusal::MemberMayNotClaim { status: MembershipStatus::Applicant }.into(),
            ExpenseRefusal::BudgetTooSmall { available: eur(dec!(0)), amount: eur(dec!(10)) }.into(),
            ExpenseRefusal::NothingRepaid { date: day }.into(),
            ExpenseRefusal::ReceiptTypeNotAccepted { content_type: text("text/plain") }.into(),
            ExpenseRefusal::ReceiptNotItsType { content_type: "application/pdf" }.into(),
            ExpenseRefusal::ReceiptTooLarge { limit_mib: 5 }.into(),
            ExpenseRefusal::ReceiptLocked { status: text("reimbursed") }.into(),
            ExpenseRefusal::NoReceiptFile { claim: id }.into(),
            ExpenseRefusal::ReceiptDeleted { claim: id, on: day }.into(),
            OrderFormRefusal::FundTooSmall {
                held: Money::from_minor(97_500, Currency::EUR),
                promised: Money::from_minor(187_000, Currency::EUR),
                advance: Money::from_minor(50_000, Currency::EUR),
            }
            .into(),
            OrderFormRefusal::NotOpen { order_form: id, status: partage_core::order_form::OrderFormStatus::Invoiced }
                .into(),
            OrderFormRefusal::OtherActivityOrClient { invoice: id }.into(),
            OrderFormRefusal::InvoiceNotIssued { invoice: id, status: InvoiceStatus::Draft }.into(),
            OrderFormRefusal::InvoiceTaken { invoice: id }.into(),
            PayrollRefusal::RunNotCompleted { run: id }.into(),
            PayrollRefusal::RunPaidNothing { run: id }.into(),
            TransferRefusal::NoBankAccount { member: id }.into(),
            TransferRefusal::BadEntityIban { reason: text("bad check digits") }.into(),
            TransferRefusal::BadEntityBic { reason: text("8 or 11 characters") }.into(),
            TransferRefusal::FileRefused { reason: text("no transfer") }.into(),
            PlatformRefusal::AlreadyEnrolled { worker_ref: text("w1"), platform: text("Rides") }.into(),
            PlatformRefusal::MemberMayNotEnrol { status: MembershipStatus::Applicant }.into(),
            PlatformRefusal::BatchIdReused { batch: text("b-1") }.into(),
            ReturnRefusal::NoPayslip { quarter: text("2025-Q4") }.into(),
            ReturnRefusal::WorkerWithoutIdentity {
                member: id,
                first_name: text("Ada"),
                last_name: text("Maes"),
                quarter: text("2025-Q4"),
            }
            .into(),
            ReturnRefusal::TotalsRefused { quarter: text("2025-Q4"), reason: text("EUR + SEK") }.into(),
            ReturnRefusal::PackRefused { quarter: text("2025-Q4"), reason: text("no employer number") }.into(),
            ReturnRefusal::TooMany { count: usize::MAX }.into(),
            ReturnRefusal::VersionTaken { quarter: text("2025-Q4"), version: 2 }.into(),
            AccountRefusal::EmailMalformed { email: text("'bo@@office'") }.into(),
            AccountRefusal::MemberEmail { email: text("ada@example.org") }.into(),
            AccountRefusal::EmailTaken { email: text("bo@office.example") }.into(),
            AccountRefusal::NotAStaffRole { role: text("member") }.into(),
            AccountRefusal::MemberAccount { account: id }.into(),
            AccountRefusal::LastAdmin { account: id }.into(),
            InvoiceError::NotADraft(InvoiceStatus::Issued).into(),
            InvoiceError::NotPayable(InvoiceStatus::Paid).into(),
            InvoiceError::NotCancellable(InvoiceStatus::Cancelled).into(),
            InvoiceError::NotChronological { date: day, last: day.succ_opt().unwrap() }.into(),
            InvoiceError::Overpayment { amount: eur(dec!(121.01)), outstanding: eur(dec!(121)) }.into(),
        ]
    }

    /// The codes the mapping above gives refusals, read from its source: one per arm.
    fn mapped_codes() -> Vec<String> {
        include_str!("problem.rs")
            .lines()
            .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_uppercase()) && l.contains("Refusal::"))
            .filter(|l| {
                ["=> (CONFLICT", "=> (UNPROCESSABLE", "=> (NOT_FOUND", "=> (UNSUPPORTED", "=> (TOO_LARGE", "=> (GONE"]
                    .iter()
                    .any(|arm| l.contains(arm))
            })
            .filter_map(|l| l.split('"').nth(1).map(str::to_owned))
            .collect()
    }

    #[test]
    fn every_refusal_has_its_own_code_and_a_message_in_every_language() {
        let problems: Vec<Problem> = every_refusal().into_iter().map(Problem::from).collect();
        let codes: BTreeSet<&str> = problems.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes.len(), problems.len(), "two refusals share a code");
        let mut mapped = mapped_codes();
        // The core refusals written in the request's language (`args_of`).
        mapped.extend(
            ["already-issued", "not-payable", "not-cancellable", "not-chronological", "overpayment"].map(str::to_owned),
        );
        // The node's own problems that quote their values.
        mapped.extend(["not-found", "out-of-range", "above-ceiling"].map(str::to_owned));
        assert_eq!(mapped.len(), problems.len(), "a refusal of the mapping has no example here: {mapped:?}");
        assert_eq!(mapped.iter().map(String::as_str).collect::<BTreeSet<_>>(), codes);
        for p in &problems {
            assert!(codes.contains(p.code.as_str()));
            assert_eq!(p.type_uri, format!("/problems/{}", p.code));
            assert!(!["conflict", "invalid-field", "internal"].contains(&p.code.as_str()), "{}", p.code);
            let args = p.args.as_deref().unwrap();
            for language in LANGUAGES {
                let text = message(language, &p.code, args);
                assert!(text.as_deref().is_some_and(|t| !t.is_empty()), "{language} lacks {} or a value", p.code);
            }
            assert!(
                include_str!("../../../docs/api.md").contains(&format!("`{}`", p.code)),
                "docs/api.md lacks {}",
                p.code
            );
            // The English catalogue says what the API said before it existed.
            assert_eq!(message("en", &p.code, args).as_deref(), Some(p.detail.as_str()), "{}", p.code);
        }
    }

    /// Every thing the node says it did not find (`AppError::not_found`'s first argument).
    const THINGS: [&str; 23] = [
        "account",
        "activity",
        "api token",
        "batch",
        "client",
        "contract",
        "country pack",
        "credit note",
        "dunning step",
        "expense claim",
        "hiring declaration",
        "invoice",
        "job",
        "member",
        "member transfer",
        "order form",
        "parked message",
        "payroll run",
        "payslip",
        "platform",
        "posting notice",
        "quarterly return",
        "work declaration",
    ];

    #[test]
    fn a_missing_thing_is_named_in_each_language_with_its_own_noun() {
        let id = "0190-x";
        for what in THINGS {
            let p: Problem = AppError::not_found(what, id).into();
            let args = p.args.as_deref().unwrap();
            assert_eq!(message("en", "not-found", args).as_deref(), Some(p.detail.as_str()));
            // The catch-all variant quotes the English noun: every thing has its own.
            for language in ["fr", "nl", "de"] {
                let text = message(language, "not-found", args).unwrap();
                assert!(!text.contains(&format!("({what})")) && text.contains(id), "{language}: {what} -> {text}");
            }
        }
        // Every thing the sources name is listed, so none falls to the catch-all.
        let mut dirs = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let source = std::fs::read_to_string(&path).unwrap();
                for (i, _) in source.match_indices("not_found(\"") {
                    let what = source[i + 11..].split('"').next().unwrap();
                    assert!(
                        what == "{what}" || THINGS.contains(&what),
                        "{}: '{what}' is not in THINGS: give it its noun in problems.ftl",
                        path.display()
                    );
                }
            }
        }
    }

    #[test]
    fn a_refusal_names_the_field_a_client_changes() {
        let taken: Problem = AppError::from(MemberRefusal::EmailTaken { email: "a@b.c".into() }).into();
        assert_eq!((taken.status, taken.code.as_str(), taken.field.as_deref()), (409, "email-taken", Some("email")));
        let paid: Problem = AppError::from(ContractRefusal::SalaryPaid { period: "2026-04".into() }).into();
        assert_eq!(paid.field.as_deref(), Some("on"));
        let fund: Problem = AppError::from(OrderFormRefusal::FundTooSmall {
            held: Money::zero(Currency::EUR),
            promised: Money::zero(Currency::EUR),
            advance: Money::from_minor(100, Currency::EUR),
        })
        .into();
        assert_eq!((fund.status, fund.field), (409, None));
        let last: Problem = AppError::from(AccountRefusal::LastAdmin { account: Uuid::nil() }).into();
        assert_eq!((last.status, last.code.as_str(), last.field.as_deref()), (409, "last-admin", Some("role")));
        let taken: Problem = AppError::from(AccountRefusal::EmailTaken { email: "bo@office.example".into() }).into();
        assert_eq!((taken.status, taken.code.as_str(), taken.field.as_deref()), (409, "account-exists", Some("email")));
    }
}
