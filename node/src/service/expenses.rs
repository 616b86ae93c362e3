//! Members' expense claims: a member claims what they spent for an activity, the pack's
//! allowances on the claim's date price it, an advisor validates it (the activity's budget
//! repays it at once, in the same transaction) or rejects it with a reason.
//!
//! A repaid expense is not pay: it posts `expense_reimbursed` (budget → bank), never a payslip,
//! so no contribution or withholding touches it (see `partage_core::ledger::expense_reimbursed`).

use super::errors::{ActivityRefusal, ExpenseRefusal, TransferRefusal};
use super::guarantee_fund::{self, Fund};
use super::views::{ExpenseClaimView, Page, ReceiptFileView};
use super::{activities, bounds, expense_receipts, ledger, members, Node};
use crate::error::AppError;
use crate::storage::expenses::{self as repo, StoredClaim};
use chrono::{NaiveDate, NaiveDateTime};
use partage_core::activity::ActivityStatus;
use partage_core::client::CountryCode;
use partage_core::expense::{self, ExpenseClaim, ExpenseError, ExpenseKind, ExpenseRules, ExpenseStatus};
use partage_core::ledger::{self as journal, Account};
use partage_core::member::MembershipStatus;
use partage_core::{ActivityId, MemberId, Money};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

/// Longest description and reason kept: a sentence or two, not a report.
const MAX_TEXT: usize = 500;
/// Longest receipt reference: a file name or a receipt number.
const MAX_RECEIPT: usize = 200;

/// A claim as the member sends it, already parsed.
#[derive(Clone, Debug)]
pub struct NewExpenseClaim {
    /// The activity whose budget repays it.
    pub activity_id: Uuid,
    /// The member who spent.
    pub member_id: Uuid,
    /// What was spent.
    pub kind: ExpenseKind,
    /// When.
    pub date: NaiveDate,
    /// What for.
    pub description: String,
    /// The receipt's reference.
    pub receipt: Option<String>,
}

/// Core's refusals as API errors naming the request field at fault.
fn expense_error(e: ExpenseError) -> AppError {
    let message = e.to_string();
    match e {
        ExpenseError::NegativeKilometres(_) | ExpenseError::TooManyKilometres { .. } => {
            AppError::invalid("kilometres", message)
        }
        ExpenseError::NoDays => AppError::invalid("days", message),
        ExpenseError::NotPositive(_) => AppError::invalid("amount", message),
        ExpenseError::MissingReceipt(_) => AppError::invalid("receipt", message),
        ExpenseError::MissingDescription => AppError::invalid("description", message),
        ExpenseError::UnknownCountry { .. } => AppError::invalid("country", message),
        ExpenseError::Transition { from, to } => ExpenseRefusal::Transition { from, to }.into(),
        ExpenseError::MissingReason => AppError::invalid("reason", message),
        // An allowance the pack does not have on that date: the date is what the member can change.
        ExpenseError::Parameter(_) => AppError::invalid("date", message),
        ExpenseError::Money(m) => AppError::invalid("amount", m.to_string()),
    }
}

/// The allowance that priced a claim, and its source; none for material (repaid at cost).
fn rate_of(
    kind: &ExpenseKind,
    date: NaiveDate,
    rules: &dyn ExpenseRules,
) -> Result<(Option<String>, Option<String>), AppError> {
    Ok(match kind {
        ExpenseKind::Travel { .. } => {
            let rate = rules.mileage_rate(date).map_err(|e| expense_error(e.into()))?;
            (Some(rate.value.per_unit.normalize().to_string()), Some(rate.source.to_string()))
        }
        ExpenseKind::Material { .. } => (None, None),
        ExpenseKind::PerDiemAbroad { country, .. } => {
            match rules.per_diem(*country, date).map_err(|e| expense_error(e.into()))? {
                Some(daily) => (Some(daily.value.amount().to_string()), Some(daily.source.to_string())),
                None => (None, None),
            }
        }
    })
}

/// Records a member's claim, priced with the pack's allowances on its date.
pub async fn submit<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    input: NewExpenseClaim,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<ExpenseClaimView, AppError> {
    if input.date > today {
        return Err(AppError::invalid("date", format!("{} is in the future: claim what was spent", input.date)));
    }
    bounds::in_the_cooperatives_past(node, "date", input.date)?;
    let act = activities::load(c, input.activity_id).await?;
    let member = members::load(c, input.member_id).await?;
    if act.member_id != member.id {
        return Err(AppError::invalid(
            "member_id",
            format!("member {} does not run activity {}: only its member claims from its budget", member.id, act.id),
        ));
    }
    if act.status != ActivityStatus::Open.as_str() {
        return Err(ActivityRefusal::Closed { activity: act.id }.into());
    }
    let status: MembershipStatus = member.status.parse()?;
    if !status.may_work() {
        return Err(ExpenseRefusal::MemberMayNotClaim { status }.into());
    }
    if input.description.trim().chars().count() > MAX_TEXT {
        return Err(AppError::invalid("description", format!("at most {MAX_TEXT} characters")));
    }
    if input.receipt.as_deref().is_some_and(|r| r.trim().chars().count() > MAX_RECEIPT) {
        return Err(AppError::invalid("receipt", format!("at most {MAX_RECEIPT} characters")));
    }
    let claim = ExpenseClaim::submit(input.kind, input.date, &input.description, input.receipt.as_deref())
        .map_err(expense_error)?;
    let rules = node.pack.expenses();
    let amount = expense::amount(&claim, rules).map_err(expense_error)?;
    bounds::amount(node, "amount", amount)?;
    if !amount.is_positive() {
        // Zero kilometres pass core's checks (a trip may be logged) but repay nothing: not a claim.
        return Err(AppError::invalid("kilometres", format!("the claim comes to {amount}: nothing to repay")));
    }
    let (rate, rate_source) = rate_of(&claim.kind, claim.date, rules)?;
    let stored = StoredClaim {
        id: Uuid::now_v7(),
        activity_id: ActivityId(act.id),
        member_id: MemberId(member.id),
        claim,
        amount,
        rate,
        rate_source,
        submitted_at: now,
        decided_at: None,
        entry_id: None,
    };
    view(repo::insert(c, &stored).await?, None)
}

/// An advisor validates a submitted claim: the activity's budget repays it now, or nothing
/// is written when the budget cannot.
pub async fn validate<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<ExpenseClaimView, AppError> {
    let mut stored = repo::lock(c, id).await?;
    stored.claim.validate().map_err(expense_error)?;
    // Two validations on one activity must not both see the budget before the other's debit.
    let fund = Fund::new(c, node.currency(), node.instant());
    let activity = stored.activity_id;
    guarantee_fund::lock_activities(c, &[activity.0]).await?;
    let amount = stored.amount;
    let available = ledger::balance(c, Account::budget(activity), node.currency()).await?.negated();
    if amount.amount() > available.amount() {
        return Err(ExpenseRefusal::BudgetTooSmall { available, amount }.into());
    }
    stored.claim.mark_reimbursed().map_err(expense_error)?;
    let before = fund.watch(activity.0).await?;
    let short: String = stored.claim.description.chars().take(80).collect();
    let reference = format!("expense {} {}: {short}", repo::kind_name(&stored.claim.kind), stored.claim.date);
    let entry = journal::expense_reimbursed(today, &reference, activity, amount)?;
    stored.entry_id = Some(ledger::post(c, &entry, Some(stored.id)).await?);
    stored.decided_at = Some(now);
    let done = repo::save_decision(c, &stored).await?;
    let mut spent = super::totals::Deltas::new(node.currency());
    spent.spent(activity.0, amount)?;
    spent.apply(c).await?;
    fund.settle(before, today, None).await?;
    with_receipt(c, done).await
}

/// An advisor rejects a submitted claim, telling the member why.
pub async fn reject<C: ConnectionTrait>(
    c: &C,
    id: Uuid,
    reason: &str,
    now: NaiveDateTime,
) -> Result<ExpenseClaimView, AppError> {
    if reason.trim().chars().count() > MAX_TEXT {
        return Err(AppError::invalid("reason", format!("at most {MAX_TEXT} characters")));
    }
    let mut stored = repo::lock(c, id).await?;
    stored.claim.reject(reason).map_err(expense_error)?;
    stored.decided_at = Some(now);
    with_receipt(c, repo::save_decision(c, &stored).await?).await
}

/// One claim.
pub async fn get<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<ExpenseClaimView, AppError> {
    with_receipt(c, repo::get(c, id).await?).await
}

/// A claim's view with what is known of its receipt file.
async fn with_receipt<C: ConnectionTrait>(c: &C, s: StoredClaim) -> Result<ExpenseClaimView, AppError> {
    let receipt = expense_receipts::summaries(c, &[s.id]).await?.remove(&s.id);
    view(s, receipt)
}

/// Claims, oldest first (the advisor's queue), optionally of one activity or status.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    activity: Option<Uuid>,
    status: Option<&str>,
    offset: u64,
    limit: u64,
) -> Result<Page<ExpenseClaimView>, AppError> {
    let names = ExpenseStatus::NAMES;
    if let Some(s) = status.filter(|s| !names.contains(s)) {
        return Err(AppError::invalid("status", format!("'{s}' is not one of {}", names.join(", "))));
    }
    let (claims, total) = repo::list(c, activity, status, offset, limit).await?;
    let ids: Vec<Uuid> = claims.iter().map(|s| s.id).collect();
    let mut receipts = expense_receipts::summaries(c, &ids).await?;
    let items = claims.into_iter().map(|s| view_with(&mut receipts, s)).collect::<Result<Vec<_>, _>>()?;
    Ok(Page { items, total, offset, limit })
}

fn view_with(
    receipts: &mut std::collections::HashMap<Uuid, ReceiptFileView>,
    s: StoredClaim,
) -> Result<ExpenseClaimView, AppError> {
    let receipt = receipts.remove(&s.id);
    view(s, receipt)
}

fn view(s: StoredClaim, receipt_file: Option<ReceiptFileView>) -> Result<ExpenseClaimView, AppError> {
    let text = |m: Money| m.amount().to_string();
    let (kilometres, country, days, spent) = match &s.claim.kind {
        ExpenseKind::Travel { kilometres } => (Some(kilometres.to_string()), None, None, None),
        ExpenseKind::Material { amount } => (None, None, None, Some(text(*amount))),
        ExpenseKind::PerDiemAbroad { country, days, amount } => {
            (None, Some(country.as_str().to_owned()), Some(*days), amount.map(text))
        }
    };
    let reason = match s.claim.status() {
        ExpenseStatus::Rejected { reason } => Some(reason.clone()),
        _ => None,
    };
    Ok(ExpenseClaimView {
        id: s.id,
        activity_id: s.activity_id.0,
        member_id: s.member_id.0,
        kind: repo::kind_name(&s.claim.kind).to_owned(),
        date: s.claim.date,
        receipt_file,
        kilometres,
        country,
        days,
        spent,
        amount: text(s.amount),
        currency: s.amount.currency().code().to_owned(),
        status: s.claim.status().as_str().to_owned(),
        reason,
        submitted_at: s.submitted_at,
        decided_at: s.decided_at,
        entry_id: s.entry_id,
        description: s.claim.description,
        receipt: s.claim.receipt,
        rate: s.rate,
        rate_source: s.rate_source,
    })
}

/// Parses a per diem's country, refusing the node's own country (a day at home is not abroad).
pub fn abroad(code: &str, home: CountryCode) -> Result<CountryCode, AppError> {
    let country = CountryCode::parse(code.trim()).map_err(|e| AppError::invalid("country", e.to_string()))?;
    if country == home {
        return Err(AppError::invalid("country", format!("a day in {home} is not abroad: claim travel or material")));
    }
    Ok(country)
}

/// The claims repaid on `date` as an ISO 20022 pain.001 credit transfer file,
/// one transfer per claim to the member's account: the validation booked the
/// repayment, this file makes it. Refused when none was repaid that day or a
/// member has no bank account.
pub async fn sepa_file<C: ConnectionTrait>(c: &C, node: &Node, date: NaiveDate) -> Result<String, AppError> {
    use partage_core::bank::Iban;
    use partage_core::sepa::{pain_001, CreditTransfer, CreditTransferBatch};
    let (from, until) = (
        date.and_hms_opt(0, 0, 0).unwrap_or_default(),
        date.succ_opt().unwrap_or(date).and_hms_opt(0, 0, 0).unwrap_or_default(),
    );
    let claims = repo::repaid_between(c, from, until).await?;
    if claims.is_empty() {
        return Err(ExpenseRefusal::NothingRepaid { date }.into());
    }
    let mut transfers = Vec::with_capacity(claims.len());
    for claim in &claims {
        let m = members::load(c, claim.member_id.0).await?;
        let iban = m.iban.as_deref().ok_or(TransferRefusal::NoBankAccount { member: m.id })?;
        transfers.push(CreditTransfer {
            end_to_end_id: claim.id.simple().to_string(),
            creditor_name: format!("{} {}", m.first_name, m.last_name),
            creditor_iban: Iban::parse(iban)
                .map_err(|err| AppError::Corrupt(format!("member {} iban: {err}", m.id)))?,
            creditor_bic: None,
            amount: claim.amount,
            remittance: format!("Frais/Onkosten/Expenses {} {}", claim.claim.date, claim.id.simple()),
        });
    }
    let batch = CreditTransferBatch {
        message_id: format!("EXP{}", date.format("%Y%m%d")),
        created_at: date.and_hms_opt(18, 0, 0).unwrap_or_default(),
        debtor: super::payroll::debtor(node)?,
        requested_execution_date: date,
        transfers,
    };
    pain_001(&batch).map_err(|err| TransferRefusal::FileRefused { reason: err.to_string() }.into())
}
