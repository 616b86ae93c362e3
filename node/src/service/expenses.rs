//! Members' expense claims: a member claims what they spent for an activity, the pack's
//! allowances on the claim's date price it, an advisor validates it (the activity's budget
//! repays it at once, in the same transaction) or rejects it with a reason.
//!
//! A repaid expense is not pay: it posts `expense_reimbursed` (budget → bank), never a payslip,
//! so no contribution or withholding touches it (see `partage_core::ledger::expense_reimbursed`).

use super::errors::{ActivityRefusal, ExpenseRefusal, TransferRefusal};
use super::guarantee_fund::{self, Fund};
use super::views::{ExpenseClaimView, Page, ReceiptFileView};
use super::{activities, bounds, expense_receipts, ledger, members, minor, money, Node};
use crate::error::AppError;
use crate::storage::entities::expense_claim;
use chrono::{NaiveDate, NaiveDateTime};
use partage_core::activity::ActivityStatus;
use partage_core::client::CountryCode;
use partage_core::expense::{self, ExpenseClaim, ExpenseError, ExpenseKind, ExpenseRules};
use partage_core::ledger::{self as journal, Account};
use partage_core::member::MembershipStatus;
use partage_core::ActivityId;
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

/// The statuses a claim can have, as stored.
pub const STATUSES: [&str; 4] = ["submitted", "validated", "rejected", "reimbursed"];

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

fn kind_name(kind: &ExpenseKind) -> &'static str {
    match kind {
        ExpenseKind::Travel { .. } => "travel",
        ExpenseKind::Material { .. } => "material",
        ExpenseKind::PerDiemAbroad { .. } => "per_diem_abroad",
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
    let (kilometres, country, days, spent) = match &claim.kind {
        ExpenseKind::Travel { kilometres } => (Some(kilometres.normalize().to_string()), None, None, None),
        ExpenseKind::Material { amount } => (None, None, None, Some(minor(*amount)?)),
        ExpenseKind::PerDiemAbroad { country, days, amount } => (
            None,
            Some(country.as_str().to_owned()),
            Some(i32::try_from(*days).map_err(|_| AppError::invalid("days", "too many days"))?),
            amount.map(minor).transpose()?,
        ),
    };
    let row = expense_claim::Model {
        id: Uuid::now_v7(),
        activity_id: act.id,
        member_id: member.id,
        kind: kind_name(&claim.kind).into(),
        claim_date: claim.date,
        description: claim.description.clone(),
        receipt: claim.receipt.clone(),
        kilometres,
        country,
        days,
        spent_minor: spent,
        amount_minor: minor(amount)?,
        currency: amount.currency().code().into(),
        rate,
        rate_source,
        status: "submitted".into(),
        reason: None,
        submitted_at: now,
        decided_at: None,
        entry_id: None,
    };
    expense_claim::Entity::insert(row.clone().into_active_model()).exec_without_returning(c).await?;
    view(row, None)
}

async fn load<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<expense_claim::Model, AppError> {
    expense_claim::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("expense claim", id))
}

/// Locked for update on PostgreSQL, so that two advisors deciding at once see each other.
async fn load_locked<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<expense_claim::Model, AppError> {
    expense_claim::Entity::find_by_id(id)
        .lock_exclusive()
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("expense claim", id))
}

/// The core claim a row holds, in its stored status, so that core's status machine decides
/// what may happen to it next.
fn restore(row: &expense_claim::Model) -> Result<ExpenseClaim, AppError> {
    let corrupt = |what: &str| AppError::Corrupt(format!("expense claim {}: {what}", row.id));
    let spent = row.spent_minor.map(|m| money(m, &row.currency)).transpose()?;
    let kind = match row.kind.as_str() {
        "travel" => ExpenseKind::Travel {
            kilometres: row
                .kilometres
                .as_deref()
                .and_then(|k| Decimal::from_str_exact(k).ok())
                .ok_or_else(|| corrupt("kilometres"))?,
        },
        "material" => ExpenseKind::Material { amount: spent.ok_or_else(|| corrupt("amount spent"))? },
        "per_diem_abroad" => ExpenseKind::PerDiemAbroad {
            country: row.country.as_deref().map(super::country).transpose()?.ok_or_else(|| corrupt("country"))?,
            days: row.days.and_then(|d| u32::try_from(d).ok()).ok_or_else(|| corrupt("days"))?,
            amount: spent,
        },
        other => return Err(corrupt(&format!("kind '{other}'"))),
    };
    let mut claim = ExpenseClaim::submit(kind, row.claim_date, &row.description, row.receipt.as_deref())
        .map_err(|e| corrupt(&e.to_string()))?;
    let moved = match row.status.as_str() {
        "submitted" => Ok(()),
        "validated" => claim.validate(),
        "rejected" => claim.reject(row.reason.as_deref().unwrap_or("")),
        "reimbursed" => claim.validate().and_then(|()| claim.mark_reimbursed()),
        other => return Err(corrupt(&format!("status '{other}'"))),
    };
    moved.map_err(|e| corrupt(&e.to_string()))?;
    Ok(claim)
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
    let row = load_locked(c, id).await?;
    let mut claim = restore(&row)?;
    claim.validate().map_err(expense_error)?;
    // Two validations on one activity must not both see the budget before the other's debit.
    let fund = Fund::new(c, node.currency(), node.instant());
    guarantee_fund::lock_activities(c, &[row.activity_id]).await?;
    let amount = money(row.amount_minor, &row.currency)?;
    let available = ledger::balance(c, Account::budget(ActivityId(row.activity_id)), node.currency()).await?.negated();
    if amount.amount() > available.amount() {
        return Err(ExpenseRefusal::BudgetTooSmall { available, amount }.into());
    }
    claim.mark_reimbursed().map_err(expense_error)?;
    let before = fund.watch(row.activity_id).await?;
    let activity = row.activity_id;
    let short: String = row.description.chars().take(80).collect();
    let reference = format!("expense {} {}: {short}", row.kind, row.claim_date);
    let entry = journal::expense_reimbursed(today, &reference, ActivityId(row.activity_id), amount)?;
    let entry_id = ledger::post(c, &entry, Some(row.id)).await?;
    let mut active = row.into_active_model();
    active.status = Set("reimbursed".into());
    active.decided_at = Set(Some(now));
    active.entry_id = Set(Some(entry_id));
    let done = active.update(c).await?;
    let mut spent = super::totals::Deltas::new(node.currency());
    spent.spent(activity, amount)?;
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
    let row = load_locked(c, id).await?;
    let mut claim = restore(&row)?;
    claim.reject(reason).map_err(expense_error)?;
    let mut active = row.into_active_model();
    active.status = Set("rejected".into());
    active.reason = Set(Some(reason.trim().to_owned()));
    active.decided_at = Set(Some(now));
    with_receipt(c, active.update(c).await?).await
}

/// One claim.
pub async fn get<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<ExpenseClaimView, AppError> {
    with_receipt(c, load(c, id).await?).await
}

/// A claim's view with what is known of its receipt file.
async fn with_receipt<C: ConnectionTrait>(c: &C, row: expense_claim::Model) -> Result<ExpenseClaimView, AppError> {
    let receipt = expense_receipts::summaries(c, &[row.id]).await?.remove(&row.id);
    view(row, receipt)
}

/// Claims, oldest first (the advisor's queue), optionally of one activity or status.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    activity: Option<Uuid>,
    status: Option<&str>,
    offset: u64,
    limit: u64,
) -> Result<Page<ExpenseClaimView>, AppError> {
    let mut q = expense_claim::Entity::find();
    if let Some(a) = activity {
        q = q.filter(expense_claim::Column::ActivityId.eq(a));
    }
    if let Some(s) = status {
        if !STATUSES.contains(&s) {
            return Err(AppError::invalid("status", format!("'{s}' is not one of {}", STATUSES.join(", "))));
        }
        q = q.filter(expense_claim::Column::Status.eq(s));
    }
    let total = q.clone().count(c).await?;
    let rows = q
        .order_by_asc(expense_claim::Column::SubmittedAt)
        .order_by_asc(expense_claim::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(c)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut receipts = expense_receipts::summaries(c, &ids).await?;
    let items = rows.into_iter().map(|r| view_with(&mut receipts, r)).collect::<Result<Vec<_>, _>>()?;
    Ok(Page { items, total, offset, limit })
}

fn view_with(
    receipts: &mut std::collections::HashMap<Uuid, ReceiptFileView>,
    r: expense_claim::Model,
) -> Result<ExpenseClaimView, AppError> {
    let receipt = receipts.remove(&r.id);
    view(r, receipt)
}

fn view(r: expense_claim::Model, receipt_file: Option<ReceiptFileView>) -> Result<ExpenseClaimView, AppError> {
    let m = |minor: i64| money(minor, &r.currency).map(|m| m.amount().to_string());
    Ok(ExpenseClaimView {
        id: r.id,
        activity_id: r.activity_id,
        member_id: r.member_id,
        kind: r.kind.clone(),
        date: r.claim_date,
        description: r.description.clone(),
        receipt: r.receipt.clone(),
        receipt_file,
        kilometres: r.kilometres.clone(),
        country: r.country.clone(),
        days: r.days.and_then(|d| u32::try_from(d).ok()),
        spent: r.spent_minor.map(m).transpose()?,
        amount: m(r.amount_minor)?,
        currency: r.currency.clone(),
        rate: r.rate.clone(),
        rate_source: r.rate_source.clone(),
        status: r.status.clone(),
        reason: r.reason.clone(),
        submitted_at: r.submitted_at,
        decided_at: r.decided_at,
        entry_id: r.entry_id,
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
    let claims = expense_claim::Entity::find()
        .filter(expense_claim::Column::Status.eq("reimbursed"))
        .filter(expense_claim::Column::DecidedAt.gte(from))
        .filter(expense_claim::Column::DecidedAt.lt(until))
        .order_by_asc(expense_claim::Column::Id)
        .all(c)
        .await?;
    if claims.is_empty() {
        return Err(ExpenseRefusal::NothingRepaid { date }.into());
    }
    let mut transfers = Vec::with_capacity(claims.len());
    for claim in &claims {
        let m = members::load(c, claim.member_id).await?;
        let iban = m.iban.as_deref().ok_or(TransferRefusal::NoBankAccount { member: m.id })?;
        transfers.push(CreditTransfer {
            end_to_end_id: claim.id.simple().to_string(),
            creditor_name: format!("{} {}", m.first_name, m.last_name),
            creditor_iban: Iban::parse(iban)
                .map_err(|err| AppError::Corrupt(format!("member {} iban: {err}", m.id)))?,
            creditor_bic: None,
            amount: money(claim.amount_minor, &claim.currency)?,
            remittance: format!("Frais/Onkosten/Expenses {} {}", claim.claim_date, claim.id.simple()),
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
