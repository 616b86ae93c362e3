//! What each service refuses, one enum per service and one variant per refusal.
//!
//! A variant carries the values its message quotes; `http::problem` gives each its
//! status and its code (the problem type `/problems/{code}` and the Fluent message id
//! in `node/locales/*/problems.ftl`), and `args` hands those values to the message, so
//! a client tells "budget too small" from "already acknowledged" by code, and a person
//! reads the detail in their language. The English messages of the catalogue say what
//! the `#[error]` texts say (a test compares them).

use chrono::{NaiveDate, NaiveDateTime};
use partage_core::invoice::InvoiceStatus;
use partage_core::member::MembershipStatus;
use partage_core::work_declaration::DeclarationStatus;
use partage_core::Money;
use uuid::Uuid;

/// A refusal's values by Fluent variable name, as text.
pub type Args = Vec<(&'static str, String)>;

/// `args![a, b]`: the variables `a` and `b` of a message, named as the fields they come from.
macro_rules! args {
    ($($field:ident),* $(,)?) => {
        vec![$((stringify!($field), $field.to_string())),*]
    };
}

/// Why the activities service refuses.
#[derive(Debug, thiserror::Error)]
pub enum ActivityRefusal {
    /// Only a member with a paid share opens an activity.
    #[error("member {member} is {status}: only a member with a paid share can open an activity")]
    MemberMayNotOpen {
        /// The member.
        member: Uuid,
        /// Where the member stands.
        status: MembershipStatus,
    },
    /// A closed activity takes no new invoice, order form or expense.
    #[error("activity {activity} is closed")]
    Closed {
        /// The activity.
        activity: Uuid,
    },
}

impl ActivityRefusal {
    /// The values its message quotes.
    pub fn args(&self) -> Args {
        match self {
            Self::MemberMayNotOpen { member, status } => args![member, status],
            Self::Closed { activity } => args![activity],
        }
    }
}

/// Why the members service refuses.
#[derive(Debug, thiserror::Error)]
pub enum MemberRefusal {
    /// Two members cannot share an email address.
    #[error("a member with email {email} already exists")]
    EmailTaken {
        /// The address asked for.
        email: String,
    },
    /// A hiring declaration names the worker by national number and birth date.
    #[error("member {member} has no national number and birth date: the hiring declaration needs them")]
    NoIdentity {
        /// The member.
        member: Uuid,
    },
}

impl MemberRefusal {
    /// The values its message quotes.
    pub fn args(&self) -> Args {
        match self {
            Self::EmailTaken { email } => args![email],
            Self::NoIdentity { member } => args![member],
        }
    }
}

/// Why the member transfers service refuses.
#[derive(Debug, thiserror::Error)]
pub enum MemberTransferRefusal {
    /// Transfers need the node's federation id, key and its peers' keys.
    #[error(
        "member transfers need the federation settings: federation.node, federation.key_file and federation.peers_file"
    )]
    NotFederated,
    /// A node does not transfer to itself.
    #[error("{destination} is this office: a transfer goes to another one")]
    ToItself {
        /// The destination asked for.
        destination: String,
    },
    /// No such office among the enrolled peers.
    #[error("no office {destination} is enrolled in the federation's keys")]
    UnknownDestination {
        /// The destination asked for.
        destination: String,
    },
    /// Only a member in good standing moves (an applicant, a leaver or a frozen member does not).
    #[error("member {member} is {status}: only a member in good standing can move to another office")]
    MemberCannotMove {
        /// The member.
        member: Uuid,
        /// Where the member stands.
        status: MembershipStatus,
    },
    /// One open transfer per member.
    #[error("member {member} already has an open transfer")]
    AlreadyOpen {
        /// The member.
        member: Uuid,
    },
    /// The offer's deadline has passed.
    #[error("transfer {transfer} has expired")]
    Expired {
        /// The transfer.
        transfer: Uuid,
    },
    /// The transfer is no longer open to that step.
    #[error("transfer {transfer} is {status}: it can no longer be {step}ed")]
    Closed {
        /// The transfer.
        transfer: Uuid,
        /// Where it stands.
        status: String,
        /// The step asked for.
        step: String,
    },
    /// That side does not take that step (the destination accepts, the origin cancels).
    #[error("this office is the {side} of transfer {transfer}, which cannot {step} it")]
    WrongSide {
        /// The transfer.
        transfer: Uuid,
        /// This office's side.
        side: &'static str,
        /// The step asked for.
        step: String,
    },
    /// The origin applies another shares rule than this office.
    #[error("transfer {transfer}: the origin's shares rule is {theirs}, this office's is {ours}")]
    SharesRuleDiffers {
        /// The transfer.
        transfer: Uuid,
        /// The origin's rule.
        theirs: &'static str,
        /// This office's rule.
        ours: &'static str,
    },
    /// Shares are carried only between equal nominal values.
    #[error("transfer {transfer}: shares of {theirs} cannot be carried into shares of {ours}")]
    CannotCarryShares {
        /// The transfer.
        transfer: Uuid,
        /// The origin's nominal value.
        theirs: String,
        /// This office's nominal value.
        ours: String,
    },
    /// A settlement moves at most what is owed that way: it never turns a debt into a claim.
    #[error("settling {amount} {direction} with office {office} is more than the {owed} owed that way")]
    SettlementAboveBalance {
        /// The other office.
        office: String,
        /// `paid` or `received`.
        direction: &'static str,
        /// The amount asked.
        amount: String,
        /// What is owed that way.
        owed: String,
    },
}

impl MemberTransferRefusal {
    /// The values its message quotes.
    pub fn args(&self) -> Args {
        match self {
            Self::NotFederated => args![],
            Self::ToItself { destination } | Self::UnknownDestination { destination } => args![destination],
            Self::MemberCannotMove { member, status } => args![member, status],
            Self::AlreadyOpen { member } => args![member],
            Self::Expired { transfer } => args![transfer],
            Self::Closed { transfer, status, step } => args![transfer, status, step],
            Self::WrongSide { transfer, side, step } => args![transfer, side, step],
            Self::SharesRuleDiffers { transfer, theirs, ours } => args![transfer, theirs, ours],
            Self::CannotCarryShares { transfer, theirs, ours } => args![transfer, theirs, ours],
            Self::SettlementAboveBalance { office, direction, amount, owed } => args![office, direction, amount, owed],
        }
    }
}

/// Why the invoices service refuses.
#[derive(Debug, thiserror::Error)]
pub enum InvoiceRefusal {
    /// Only a member invoices through their activity.
    #[error("the activity's member is {status}: only a member can invoice")]
    MemberMayNotInvoice {
        /// Where the activity's member stands.
        status: MembershipStatus,
    },
    /// A draft has no number yet, so no e-invoice.
    #[error("a draft has no e-invoice: issue it first")]
    DraftHasNoEInvoice,
}

impl InvoiceRefusal {
    /// The values its message quotes.
    pub fn args(&self) -> Args {
        match self {
            Self::MemberMayNotInvoice { status } => args![status],
            Self::DraftHasNoEInvoice => args![],
        }
    }
}

/// Why the work declarations service refuses.
#[derive(Debug, thiserror::Error)]
pub enum WorkRefusal {
    /// Only a member declares work.
    #[error("the activity's member is {status}: only a member can declare work")]
    MemberMayNotDeclare {
        /// Where the activity's member stands.
        status: MembershipStatus,
    },
    /// A decision on a declaration that is not waiting for one.
    #[error("a declaration that is {status} cannot be {decision}")]
    AlreadyDecided {
        /// Where the declaration stands.
        status: DeclarationStatus,
        /// The decision asked for.
        decision: &'static str,
    },
    /// The hiring declaration must precede the work.
    #[error("the work of {start} has already started: the hiring declaration must precede it")]
    WorkStarted {
        /// When the work starts.
        start: NaiveDateTime,
    },
    /// The activity cannot pay the work's budget.
    #[error("the activity's budget is {available}: it cannot pay {budget} for this work")]
    BudgetTooSmall {
        /// What the activity can spend, advances on order forms included.
        available: Money,
        /// What the work costs.
        budget: Money,
    },
    /// The contract's motive is missing, not in the pack's list, incomplete or not asked.
    #[error(transparent)]
    Motive(partage_core::contract_reason::ReasonError),
    /// The classification is longer than a contract records.
    #[error("classification is longer than {max} characters")]
    ClassificationTooLong {
        /// The most characters it may have.
        max: usize,
    },
    /// The legislation that applies to the work (Regulation 883/2004) is a country this node has
    /// no pack for, so the contract cannot be computed.
    #[error("the work falls under the social-security legislation of {state}, and no country pack computes it (available: {available})")]
    NoPackForLegislation {
        /// The state whose legislation applies.
        state: String,
        /// The countries with a pack.
        available: String,
    },
    /// The worker kind is not one the applicable country's pack knows.
    #[error("the work falls under the legislation of {state}, whose pack knows no worker kind '{category}': give one of {allowed}")]
    WorkerKindNotInLegislation {
        /// The state whose legislation applies.
        state: String,
        /// The kind declared.
        category: String,
        /// The kinds that pack knows.
        allowed: String,
    },
    /// The applicable country's pack pays in another currency than the node keeps its books in.
    #[error("the work falls under the legislation of {state}, whose pack pays in {currency}: this node keeps its books in {node_currency}")]
    LegislationCurrency {
        /// The state whose legislation applies.
        state: String,
        /// Its pack's currency.
        currency: String,
        /// The node's.
        node_currency: String,
    },
}

impl WorkRefusal {
    /// The values its message quotes.
    pub fn args(&self) -> Args {
        match self {
            Self::MemberMayNotDeclare { status } => args![status],
            Self::AlreadyDecided { status, decision } => args![status, decision],
            Self::WorkStarted { start } => args![start],
            Self::BudgetTooSmall { available, budget } => args![available, budget],
            Self::Motive(e) => {
                use partage_core::contract_reason::ReasonError as R;
                match e {
                    R::Missing { allowed } => args![allowed],
                    R::NotAccepted => args![],
                    R::Unknown { field, value, allowed } => args![field, value, allowed],
                    R::Incomplete { field, code } | R::Unexpected { field, code } => args![field, code],
                    R::TooLong { field, max } => args![field, max],
                }
            }
            Self::ClassificationTooLong { max } => args![max],
            Self::NoPackForLegislation { state, available } => args![state, available],
            Self::WorkerKindNotInLegislation { state, category, allowed } => args![state, category, allowed],
            Self::LegislationCurrency { state, currency, node_currency } => args![state, currency, node_currency],
        }
    }

    /// The request field a refusal names, when it is about one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Self::Motive(e) => Some(e.field()),
            Self::ClassificationTooLong { .. } => Some("classification"),
            Self::NoPackForLegislation { .. } | Self::LegislationCurrency { .. } => Some("work_country"),
            Self::WorkerKindNotInLegislation { .. } => Some("worker_category"),
            Self::MemberMayNotDeclare { .. }
            | Self::AlreadyDecided { .. }
            | Self::WorkStarted { .. }
            | Self::BudgetTooSmall { .. } => None,
        }
    }
}

/// Why the contracts service refuses.
#[derive(Debug, thiserror::Error)]
pub enum ContractRefusal {
    /// An OUT or a CANCEL names the period numbers the acknowledgement of the IN gave.
    #[error(
        "the IN declaration {declaration} has no acknowledgement yet: record its period numbers with \
         PUT /hiring-declarations/{declaration}/acknowledgement first, since an OUT or CANCEL names them"
    )]
    NotAcknowledged {
        /// The IN declaration.
        declaration: Uuid,
    },
    /// Only an IN declaration is acknowledged with period numbers.
    #[error("declaration {declaration} is an {action}: only an IN is acknowledged with period numbers")]
    NotAnIn {
        /// The declaration.
        declaration: Uuid,
        /// What it declares (`out`, `cancel`, `update`).
        action: String,
    },
    /// An acknowledgement is recorded once.
    #[error("declaration {declaration} is already acknowledged")]
    AlreadyAcknowledged {
        /// The declaration.
        declaration: Uuid,
    },
    /// Only an active contract is cancelled, ended or changed.
    #[error("contract {contract} is {status}")]
    NotActive {
        /// The contract.
        contract: Uuid,
        /// Where it stands.
        status: String,
    },
    /// A contract is cancelled before its work starts.
    #[error("contract {contract} started at {starts_at}: a contract is cancelled before its work, ended after")]
    AlreadyStarted {
        /// The contract.
        contract: Uuid,
        /// When its work started.
        starts_at: NaiveDateTime,
    },
    /// Framework and hourly contracts end with the work they frame.
    #[error("a {kind} contract is not cancelled on its own")]
    KindNotCancellable {
        /// The contract's kind.
        kind: String,
    },
    /// Only stabilised and framework contracts end on a chosen day.
    #[error("a {kind} contract ends with its work: cancel it before it starts")]
    EndsWithItsWork {
        /// The contract's kind.
        kind: String,
    },
    /// A paid month is not reopened by ending the contract in it.
    #[error("the salary of {period} is paid: the contract can end in a later month only")]
    SalaryPaid {
        /// The last month paid (`YYYY-MM`).
        period: String,
    },
    /// Only a per-performance contract has days to change.
    #[error("a {kind} contract has no days to change")]
    NoDaysToChange {
        /// The contract's kind.
        kind: String,
    },
    /// Hours are changed before the work, never after.
    #[error("the work of {date} has started or would start before now: hours are changed before the work")]
    HoursChangedTooLate {
        /// The day of work.
        date: NaiveDate,
    },
    /// The acknowledgement gave no period number for that day.
    #[error("the acknowledgement has no period number for the day {date}")]
    NoPeriodNumber {
        /// The day of work.
        date: NaiveDate,
    },
}

impl ContractRefusal {
    /// The values its message quotes.
    pub fn args(&self) -> Args {
        match self {
            Self::NotAcknowledged { declaration } => args![declaration],
            Self::NotAnIn { declaration, action } => args![declaration, action],
            Self::AlreadyAcknowledged { declaration } => args![declaration],
            Self::NotActive { contract, status } => args![contract, status],
            Self::AlreadyStarted { contract, starts_at } => args![contract, starts_at],
            Self::KindNotCancellable { kind } => args![kind],
            Self::EndsWithItsWork { kind } => args![kind],
            Self::SalaryPaid { period } => args![period],
            Self::NoDaysToChange { kind } => args![kind],
            Self::HoursChangedTooLate { date } => args![date],
            Self::NoPeriodNumber { date } => args![date],
        }
    }
}

/// Why the dunning service refuses.
#[derive(Debug, thiserror::Error)]
pub enum DunningRefusal {
    /// A draft is owed by nobody yet.
    #[error("a draft is not dunned: issue it first")]
    Draft,
    /// Only an issued, unpaid invoice is dunned.
    #[error("the invoice is {status}: only an issued, unpaid invoice is dunned")]
    NotDunnable {
        /// Where the invoice stands.
        status: InvoiceStatus,
    },
    /// A move the dunning's status machine does not allow.
    #[error("the invoice's dunning is {current}: it cannot become {next}")]
    Transition {
        /// Where the dunning stands.
        current: String,
        /// Where it was asked to go.
        next: &'static str,
    },
}

impl DunningRefusal {
    /// The values its message quotes.
    pub fn args(&self) -> Args {
        match self {
            Self::Draft => args![],
            Self::NotDunnable { status } => args![status],
            Self::Transition { current, next } => args![current, next],
        }
    }
}

/// Why the expenses service refuses.
#[derive(Debug, thiserror::Error)]
pub enum ExpenseRefusal {
    /// A move the claim's status machine does not allow.
    #[error("a {from} claim cannot become {to}")]
    Transition {
        /// Where the claim stands.
        from: &'static str,
        /// Where it was asked to go.
        to: &'static str,
    },
    /// Only a member claims expenses.
    #[error("the member is {status}: only a member can claim expenses")]
    MemberMayNotClaim {
        /// Where the member stands.
        status: MembershipStatus,
    },
    /// The activity cannot repay the claim.
    #[error("the activity's budget is {available}: it cannot repay this {amount} expense")]
    BudgetTooSmall {
        /// What the activity can spend.
        available: Money,
        /// The claim.
        amount: Money,
    },
    /// No claim to put in a transfer file.
    #[error("no expense claim was repaid on {date}: there is nothing to transfer")]
    NothingRepaid {
        /// The day asked for.
        date: NaiveDate,
    },
    /// A receipt is a PDF, a JPEG or a PNG file: the media type sent is none of them.
    #[error("a receipt is a PDF, JPEG or PNG file: {content_type} is not accepted")]
    ReceiptTypeNotAccepted {
        /// The media type sent (cut short).
        content_type: String,
    },
    /// The file's first bytes are not those of the media type it was sent as.
    #[error("the receipt sent as {content_type} is not a {content_type} file: its first bytes say otherwise")]
    ReceiptNotItsType {
        /// The media type sent.
        content_type: &'static str,
    },
    /// The file is larger than a receipt may be.
    #[error("a receipt is at most {limit_mib} MiB: this file is larger")]
    ReceiptTooLarge {
        /// The limit, in MiB.
        limit_mib: usize,
    },
    /// Once decided, a claim keeps the receipt it was decided on.
    #[error("the claim is {status}: its receipt can be replaced only while it is submitted")]
    ReceiptLocked {
        /// Where the claim stands.
        status: String,
    },
    /// The claim has a receipt's reference, or nothing, but no file.
    #[error("expense claim {claim} has no receipt file")]
    NoReceiptFile {
        /// The claim.
        claim: Uuid,
    },
    /// The file was deleted at the end of its retention.
    #[error("the receipt file of expense claim {claim} was deleted on {on}, at the end of its retention")]
    ReceiptDeleted {
        /// The claim.
        claim: Uuid,
        /// When.
        on: NaiveDate,
    },
}

impl ExpenseRefusal {
    /// The values its message quotes.
    pub fn args(&self) -> Args {
        match self {
            Self::Transition { from, to } => args![from, to],
            Self::MemberMayNotClaim { status } => args![status],
            Self::BudgetTooSmall { available, amount } => args![available, amount],
            Self::NothingRepaid { date } => args![date],
            Self::ReceiptTypeNotAccepted { content_type } => args![content_type],
            Self::ReceiptNotItsType { content_type } => args![content_type],
            Self::ReceiptTooLarge { limit_mib } => args![limit_mib],
            Self::ReceiptLocked { status } => args![status],
            Self::NoReceiptFile { claim } => args![claim],
            Self::ReceiptDeleted { claim, on } => args![claim, on],
        }
    }

    /// The request field a refusal is about: the receipt's file for the receipt's refusals.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Self::ReceiptTypeNotAccepted { .. } | Self::ReceiptNotItsType { .. } | Self::ReceiptTooLarge { .. } => {
                Some("receipt")
            }
            Self::Transition { .. }
            | Self::MemberMayNotClaim { .. }
            | Self::BudgetTooSmall { .. }
            | Self::NothingRepaid { .. }
            | Self::ReceiptLocked { .. }
            | Self::NoReceiptFile { .. }
            | Self::ReceiptDeleted { .. } => None,
        }
    }
}

/// Why the order forms service refuses.
#[derive(Debug, thiserror::Error)]
pub enum OrderFormRefusal {
    /// The fund lends what it holds, less what it already promised.
    #[error(
        "the guarantee fund holds {held} it can lend, with {promised} promised on order forms: it cannot advance \
         {advance} more"
    )]
    FundTooSmall {
        /// What the fund can lend.
        held: Money,
        /// What open order forms already take of it.
        promised: Money,
        /// The advance asked for.
        advance: Money,
    },
    /// Only an open order form is closed by an invoice.
    #[error("order form {order_form} is {status}: only an open one can be invoiced")]
    NotOpen {
        /// The order form.
        order_form: Uuid,
        /// Where it stands.
        status: partage_core::order_form::OrderFormStatus,
    },
    /// The invoice bills another activity or client.
    #[error("invoice {invoice} is not for this order form's activity and client")]
    OtherActivityOrClient {
        /// The invoice.
        invoice: Uuid,
    },
    /// A draft closes no order form.
    #[error("invoice {invoice} is {status}: issue it first")]
    InvoiceNotIssued {
        /// The invoice.
        invoice: Uuid,
        /// Where it stands.
        status: InvoiceStatus,
    },
    /// An invoice closes one order form.
    #[error("invoice {invoice} already closes another order form")]
    InvoiceTaken {
        /// The invoice.
        invoice: Uuid,
    },
}

impl OrderFormRefusal {
    /// The values its message quotes.
    pub fn args(&self) -> Args {
        match self {
            Self::FundTooSmall { held, promised, advance } => args![held, promised, advance],
            Self::NotOpen { order_form, status } => args![order_form, status],
            Self::OtherActivityOrClient { invoice } => args![invoice],
            Self::InvoiceNotIssued { invoice, status } => args![invoice, status],
            Self::InvoiceTaken { invoice } => args![invoice],
        }
    }
}

/// Why the payroll service refuses.
#[derive(Debug, thiserror::Error)]
pub enum PayrollRefusal {
    /// The transfer file comes with the run's last payslip.
    #[error("payroll run {run} is still running: its file comes once it completes")]
    RunNotCompleted {
        /// The run.
        run: Uuid,
    },
    /// A run that paid nobody has nothing to transfer.
    #[error("payroll run {run} paid no contract: there is nothing to transfer")]
    RunPaidNothing {
        /// The run.
        run: Uuid,
    },
}

impl PayrollRefusal {
    /// The values its message quotes.
    pub fn args(&self) -> Args {
        match self {
            Self::RunNotCompleted { run } => args![run],
            Self::RunPaidNothing { run } => args![run],
        }
    }
}

/// Why a credit transfer file (wages, repaid expenses) cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum TransferRefusal {
    /// A payee without an account.
    #[error("member {member} has no bank account: record it with PUT /members/{{id}}/payroll")]
    NoBankAccount {
        /// The member.
        member: Uuid,
    },
    /// The cooperative's own account in the settings is not an IBAN.
    #[error("entity.iban: {reason}")]
    BadEntityIban {
        /// What is wrong with it.
        reason: String,
    },
    /// The cooperative's bank code in the settings is not a BIC.
    #[error("entity.bic: {reason}")]
    BadEntityBic {
        /// What is wrong with it.
        reason: String,
    },
    /// The file's rules refuse the transfers.
    #[error("the transfer file cannot be made: {reason}")]
    FileRefused {
        /// The rule broken.
        reason: String,
    },
}

impl TransferRefusal {
    /// The values its message quotes.
    pub fn args(&self) -> Args {
        match self {
            Self::NoBankAccount { member } => args![member],
            Self::BadEntityIban { reason } => args![reason],
            Self::BadEntityBic { reason } => args![reason],
            Self::FileRefused { reason } => args![reason],
        }
    }
}

/// Why the platforms service refuses.
#[derive(Debug, thiserror::Error)]
pub enum PlatformRefusal {
    /// A platform's worker reference names one member.
    #[error("'{worker_ref}' is already enrolled with {platform}")]
    AlreadyEnrolled {
        /// The platform's reference of the worker.
        worker_ref: String,
        /// The platform's name.
        platform: String,
    },
    /// Only a member is enrolled.
    #[error("the member is {status}: only a member can be enrolled")]
    MemberMayNotEnrol {
        /// Where the member stands.
        status: MembershipStatus,
    },
    /// A batch id names one batch of lines.
    #[error("batch '{batch}' was already posted with other lines: a new batch needs a new id")]
    BatchIdReused {
        /// The batch id.
        batch: String,
    },
}

impl PlatformRefusal {
    /// The values its message quotes.
    pub fn args(&self) -> Args {
        match self {
            Self::AlreadyEnrolled { worker_ref, platform } => args![worker_ref, platform],
            Self::MemberMayNotEnrol { status } => args![status],
            Self::BatchIdReused { batch } => args![batch],
        }
    }
}

/// Why the staff accounts (`auth::sessions`) refuse an account or a role.
#[derive(Debug, thiserror::Error)]
pub enum AccountRefusal {
    /// A staff account's e-mail is plain ASCII `name@domain`, at most 254 characters.
    #[error("{email} is not an e-mail address: a staff account's is name@domain, in plain ASCII")]
    EmailMalformed {
        /// The address sent, quoted and cut short.
        email: String,
    },
    /// A member signs in with their member e-mail, as a member.
    #[error("{email} is a member's e-mail: the member signs in with it as a member, not as staff")]
    MemberEmail {
        /// The address.
        email: String,
    },
    /// An account with this e-mail exists already.
    #[error("{email} already has an account")]
    EmailTaken {
        /// The address.
        email: String,
    },
    /// Staff accounts are advisor, admin or hq.
    #[error("{role} is not a staff role: advisor, admin or hq")]
    NotAStaffRole {
        /// The role asked for.
        role: String,
    },
    /// A member's account has the member role, from their member record.
    #[error("account {account} is a member's: it keeps the member role")]
    MemberAccount {
        /// The account.
        account: Uuid,
    },
    /// Without an admin account no one could manage tokens and accounts.
    #[error("account {account} is the last admin: it stays admin until another account is made admin")]
    LastAdmin {
        /// The account.
        account: Uuid,
    },
}

impl AccountRefusal {
    /// The values its message quotes.
    pub fn args(&self) -> Args {
        match self {
            Self::EmailMalformed { email } | Self::MemberEmail { email } | Self::EmailTaken { email } => args![email],
            Self::NotAStaffRole { role } => args![role],
            Self::MemberAccount { account } | Self::LastAdmin { account } => args![account],
        }
    }

    /// The request field a refusal is about: the e-mail or the role.
    pub fn field(&self) -> &'static str {
        match self {
            Self::EmailMalformed { .. } | Self::MemberEmail { .. } | Self::EmailTaken { .. } => "email",
            Self::NotAStaffRole { .. } | Self::MemberAccount { .. } | Self::LastAdmin { .. } => "role",
        }
    }
}

/// Why the periodic returns service refuses.
#[derive(Debug, thiserror::Error)]
pub enum ReturnRefusal {
    /// A return declares payslips.
    #[error("no payslip in {quarter}: there is nothing to declare")]
    NoPayslip {
        /// The period.
        quarter: String,
    },
    /// A return names every worker by national number and birth date.
    #[error(
        "member {member} ({first_name} {last_name}) has no national number and birth date: the {quarter} return \
         names every worker by them; record them with PUT /members/{{id}}/identity"
    )]
    WorkerWithoutIdentity {
        /// The member.
        member: Uuid,
        /// Their first name.
        first_name: String,
        /// Their last name.
        last_name: String,
        /// The period.
        quarter: String,
    },
    /// The payslips' amounts do not add up into one return.
    #[error("the {quarter} return cannot be made: {reason}")]
    TotalsRefused {
        /// The period.
        quarter: String,
        /// Why.
        reason: String,
    },
    /// The pack refuses to write the return from these payslips or settings.
    #[error("the {quarter} return cannot be made: {reason}")]
    PackRefused {
        /// The period.
        quarter: String,
        /// What the pack says.
        reason: String,
    },
    /// More lines than a return counts.
    #[error("{count} is too many to count")]
    TooMany {
        /// The number.
        count: usize,
    },
    /// Another build of the same period took the version first.
    #[error("another build of {quarter} took version {version} meanwhile: send it again")]
    VersionTaken {
        /// The period.
        quarter: String,
        /// The version both builds wanted.
        version: i32,
    },
}

impl ReturnRefusal {
    /// The values its message quotes.
    pub fn args(&self) -> Args {
        match self {
            Self::NoPayslip { quarter } => args![quarter],
            Self::WorkerWithoutIdentity { member, first_name, last_name, quarter } => {
                args![member, first_name, last_name, quarter]
            }
            Self::TotalsRefused { quarter, reason } => args![quarter, reason],
            Self::PackRefused { quarter, reason } => args![quarter, reason],
            Self::TooMany { count } => args![count],
            Self::VersionTaken { quarter, version } => args![quarter, version],
        }
    }
}
