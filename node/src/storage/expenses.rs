//! The expenses repository: expense claim rows in and out as `core::expense::ExpenseClaim`
//! with what the node recorded around it ([`StoredClaim`]), and their receipt files.
//!
//! A stored claim is read back through core's status machine (submitted, then validated or
//! rejected, then reimbursed), so a row whose kind, figures or status core would not have let
//! through is a damaged row (`AppError::Corrupt` naming the claim and what is wrong), never a
//! user's mistake; so is a receipt of a media type the node does not take.

use crate::error::AppError;
use crate::storage::entities::{expense_claim, expense_receipt};
use chrono::NaiveDateTime;
use partage_core::client::CountryCode;
use partage_core::expense::{ExpenseClaim, ExpenseKind, ExpenseStatus, ReceiptKind};
use partage_core::{ActivityId, Currency, MemberId, Money};
use rust_decimal::Decimal;
use sea_orm::sea_query::{Condition, Expr, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ActiveValue::Unchanged, ColumnTrait, ConnectionTrait, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;
use uuid::Uuid;

/// A claim as stored: core's claim (kind, date, description, receipt reference, status) with
/// the activity that repays it, the member, the amount it was priced at and the decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredClaim {
    /// Claim id.
    pub id: Uuid,
    /// The activity whose budget repays it.
    pub activity_id: ActivityId,
    /// The member who spent.
    pub member_id: MemberId,
    /// What was spent, when, why, and where the claim is in its life.
    pub claim: ExpenseClaim,
    /// The amount repaid, priced on submission.
    pub amount: Money,
    /// The allowance that priced it (per kilometre or per day), as its source writes it.
    pub rate: Option<String>,
    /// Where that allowance comes from.
    pub rate_source: Option<String>,
    /// When the member sent it.
    pub submitted_at: NaiveDateTime,
    /// When an advisor decided.
    pub decided_at: Option<NaiveDateTime>,
    /// The journal entry that repaid it.
    pub entry_id: Option<Uuid>,
}

/// The name a kind of claim is stored and shown under.
pub fn kind_name(kind: &ExpenseKind) -> &'static str {
    match kind {
        ExpenseKind::Travel { .. } => "travel",
        ExpenseKind::Material { .. } => "material",
        ExpenseKind::PerDiemAbroad { .. } => "per_diem_abroad",
    }
}

/// A claim row as the claim it holds, in its stored status: core's status machine replays
/// the moves that lead there, so that it decides what may happen to the claim next.
pub fn claim_of(row: &expense_claim::Model) -> Result<StoredClaim, AppError> {
    let corrupt = |what: &str| AppError::Corrupt(format!("expense claim {}: {what}", row.id));
    let currency: Currency =
        row.currency.parse().map_err(|_| AppError::Corrupt(format!("currency '{}'", row.currency)))?;
    let spent = row.spent_minor.map(|m| Money::from_minor(m, currency));
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
            country: row
                .country
                .as_deref()
                .map(|code| CountryCode::from_letters(code).map_err(|_| AppError::Corrupt(format!("country '{code}'"))))
                .transpose()?
                .ok_or_else(|| corrupt("country"))?,
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
    Ok(StoredClaim {
        id: row.id,
        activity_id: ActivityId(row.activity_id),
        member_id: MemberId(row.member_id),
        claim,
        amount: Money::from_minor(row.amount_minor, currency),
        rate: row.rate.clone(),
        rate_source: row.rate_source.clone(),
        submitted_at: row.submitted_at,
        decided_at: row.decided_at,
        entry_id: row.entry_id,
    })
}

/// The row of a claim: kilometres written without trailing zeros, the amount spent (material,
/// or a per diem's when claimed), a rejection's reason.
fn row_of(s: &StoredClaim) -> Result<expense_claim::Model, AppError> {
    let claim = &s.claim;
    let (kilometres, country, days, spent) = match &claim.kind {
        ExpenseKind::Travel { kilometres } => (Some(kilometres.normalize().to_string()), None, None, None),
        ExpenseKind::Material { amount } => (None, None, None, Some(amount.to_minor()?)),
        ExpenseKind::PerDiemAbroad { country, days, amount } => (
            None,
            Some(country.as_str().to_owned()),
            Some(i32::try_from(*days).map_err(|_| AppError::invalid("days", "too many days"))?),
            amount.map(|a| a.to_minor()).transpose()?,
        ),
    };
    let reason = match claim.status() {
        ExpenseStatus::Rejected { reason } => Some(reason.clone()),
        _ => None,
    };
    Ok(expense_claim::Model {
        id: s.id,
        activity_id: s.activity_id.0,
        member_id: s.member_id.0,
        kind: kind_name(&claim.kind).into(),
        claim_date: claim.date,
        description: claim.description.clone(),
        receipt: claim.receipt.clone(),
        kilometres,
        country,
        days,
        spent_minor: spent,
        amount_minor: s.amount.to_minor()?,
        currency: s.amount.currency().code().into(),
        rate: s.rate.clone(),
        rate_source: s.rate_source.clone(),
        status: claim.status().as_str().into(),
        reason,
        submitted_at: s.submitted_at,
        decided_at: s.decided_at,
        entry_id: s.entry_id,
    })
}

/// Stores a new claim; answers it as stored (kilometres as the row writes them).
pub async fn insert<C: ConnectionTrait>(c: &C, s: &StoredClaim) -> Result<StoredClaim, AppError> {
    let row = row_of(s)?;
    expense_claim::Entity::insert(row.clone().into_active_model()).exec_without_returning(c).await?;
    claim_of(&row)
}

/// One claim, or not found.
pub async fn get<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<StoredClaim, AppError> {
    let row =
        expense_claim::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("expense claim", id))?;
    claim_of(&row)
}

/// One claim, its row locked for update on PostgreSQL, so that two advisors deciding at once
/// (or a receipt replaced during a decision) see each other.
pub async fn lock<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<StoredClaim, AppError> {
    let row = expense_claim::Entity::find_by_id(id)
        .lock_exclusive()
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("expense claim", id))?;
    claim_of(&row)
}

/// True when there is a claim with this id.
pub async fn exists<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<bool, AppError> {
    Ok(expense_claim::Entity::find_by_id(id).one(c).await?.is_some())
}

/// Stores an advisor's decision over the claim's row: its status and the day of the decision,
/// with a rejection's reason or a repayment's journal entry; the rest of the row untouched.
pub async fn save_decision<C: ConnectionTrait>(c: &C, s: &StoredClaim) -> Result<StoredClaim, AppError> {
    let mut row = expense_claim::ActiveModel {
        id: Unchanged(s.id),
        status: Set(s.claim.status().as_str().into()),
        decided_at: Set(s.decided_at),
        ..Default::default()
    };
    if let ExpenseStatus::Rejected { reason } = s.claim.status() {
        row.reason = Set(Some(reason.clone()));
    }
    if s.entry_id.is_some() {
        row.entry_id = Set(s.entry_id);
    }
    claim_of(&row.update(c).await?)
}

/// Claims, oldest first (the advisor's queue), optionally of one activity or of the status
/// named `status` (one of `ExpenseStatus::NAMES`); with the count of all pages.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    activity: Option<Uuid>,
    status: Option<&str>,
    offset: u64,
    limit: u64,
) -> Result<(Vec<StoredClaim>, u64), AppError> {
    let mut q = expense_claim::Entity::find();
    if let Some(a) = activity {
        q = q.filter(expense_claim::Column::ActivityId.eq(a));
    }
    if let Some(s) = status {
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
    Ok((rows.iter().map(claim_of).collect::<Result<_, _>>()?, total))
}

/// The claims repaid (decided and reimbursed) from `from` until before `until`, by id.
pub async fn repaid_between<C: ConnectionTrait>(
    c: &C,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<StoredClaim>, AppError> {
    let rows = expense_claim::Entity::find()
        .filter(expense_claim::Column::Status.eq(ExpenseStatus::Reimbursed.as_str()))
        .filter(expense_claim::Column::DecidedAt.gte(from))
        .filter(expense_claim::Column::DecidedAt.lt(until))
        .order_by_asc(expense_claim::Column::Id)
        .all(c)
        .await?;
    rows.iter().map(claim_of).collect()
}

/// What is known of a receipt file without its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceiptSummary {
    /// What it is.
    pub kind: ReceiptKind,
    /// Its size in bytes.
    pub size: u64,
    /// The SHA-256 of its bytes, in lowercase hex.
    pub sha256: String,
    /// When it was attached.
    pub uploaded_at: NaiveDateTime,
    /// When its bytes were deleted at the end of its retention.
    pub deleted_at: Option<NaiveDateTime>,
}

/// A receipt file with its bytes (empty once deleted).
#[derive(Debug)]
pub struct StoredReceipt {
    /// What it is.
    pub kind: ReceiptKind,
    /// The bytes, as sent.
    pub bytes: Vec<u8>,
    /// When its bytes were deleted at the end of its retention.
    pub deleted_at: Option<NaiveDateTime>,
}

/// A receipt about to be stored.
#[derive(Debug)]
pub struct NewReceipt {
    /// What it is.
    pub kind: ReceiptKind,
    /// Its size in bytes.
    pub size_bytes: i64,
    /// The SHA-256 of its bytes, in lowercase hex.
    pub sha256: String,
    /// The bytes, as sent.
    pub bytes: Vec<u8>,
    /// When it is attached.
    pub uploaded_at: NaiveDateTime,
}

/// The kind a stored media type names; anything else is a damaged row.
fn receipt_kind(media_type: &str) -> Result<ReceiptKind, AppError> {
    ReceiptKind::of_media_type(media_type)
        .ok_or_else(|| AppError::Corrupt(format!("receipt media type '{media_type}'")))
}

/// Stores the receipt file of a claim in place of the one it has, if any.
pub async fn replace_receipt<C: ConnectionTrait>(c: &C, claim: Uuid, r: NewReceipt) -> Result<(), AppError> {
    expense_receipt::Entity::delete_by_id(claim).exec(c).await?;
    let receipt = expense_receipt::ActiveModel {
        claim_id: Set(claim),
        content_type: Set(r.kind.media_type().to_owned()),
        size_bytes: Set(r.size_bytes),
        sha256: Set(r.sha256),
        bytes: Set(r.bytes),
        uploaded_at: Set(r.uploaded_at),
        deleted_at: Set(None),
    };
    expense_receipt::Entity::insert(receipt).exec_without_returning(c).await?;
    Ok(())
}

/// The receipt file of a claim, with its bytes; none when the claim has none (or there is no
/// such claim).
pub async fn receipt<C: ConnectionTrait>(c: &C, claim: Uuid) -> Result<Option<StoredReceipt>, AppError> {
    let Some(row) = expense_receipt::Entity::find_by_id(claim).one(c).await? else { return Ok(None) };
    Ok(Some(StoredReceipt { kind: receipt_kind(&row.content_type)?, bytes: row.bytes, deleted_at: row.deleted_at }))
}

/// What is known of the receipt files of these claims, without reading their bytes: one query.
pub async fn receipt_summaries<C: ConnectionTrait>(
    c: &C,
    claims: &[Uuid],
) -> Result<HashMap<Uuid, ReceiptSummary>, AppError> {
    if claims.is_empty() {
        return Ok(HashMap::new());
    }
    type Row = (Uuid, String, i64, String, NaiveDateTime, Option<NaiveDateTime>);
    let rows: Vec<Row> = expense_receipt::Entity::find()
        .select_only()
        .column(expense_receipt::Column::ClaimId)
        .column(expense_receipt::Column::ContentType)
        .column(expense_receipt::Column::SizeBytes)
        .column(expense_receipt::Column::Sha256)
        .column(expense_receipt::Column::UploadedAt)
        .column(expense_receipt::Column::DeletedAt)
        .filter(expense_receipt::Column::ClaimId.is_in(claims.iter().copied()))
        .into_tuple()
        .all(c)
        .await?;
    let mut out = HashMap::with_capacity(rows.len());
    for (claim, content_type, size, sha256, uploaded_at, deleted_at) in rows {
        let summary = ReceiptSummary {
            kind: receipt_kind(&content_type)?,
            size: size.unsigned_abs(),
            sha256,
            uploaded_at,
            deleted_at,
        };
        out.insert(claim, summary);
    }
    Ok(out)
}

/// Empties at most `limit` receipts still kept of claims rejected before `rejected_before` or
/// repaid before `repaid_before`, dating their deletion `now`; answers how many, or None when
/// there was none left to empty.
pub async fn empty_expired_receipts<C: ConnectionTrait>(
    c: &C,
    rejected_before: NaiveDateTime,
    repaid_before: NaiveDateTime,
    now: NaiveDateTime,
    limit: u64,
) -> Result<Option<u64>, AppError> {
    let rejected = ExpenseStatus::Rejected { reason: String::new() };
    let decided = Condition::any()
        .add(
            Condition::all()
                .add(expense_claim::Column::Status.eq(rejected.as_str()))
                .add(expense_claim::Column::DecidedAt.lt(rejected_before)),
        )
        .add(
            Condition::all()
                .add(expense_claim::Column::Status.eq(ExpenseStatus::Reimbursed.as_str()))
                .add(expense_claim::Column::DecidedAt.lt(repaid_before)),
        );
    let claims =
        Query::select().column(expense_claim::Column::Id).from(expense_claim::Entity).cond_where(decided).to_owned();
    let expired: Vec<Uuid> = expense_receipt::Entity::find()
        .select_only()
        .column(expense_receipt::Column::ClaimId)
        .filter(expense_receipt::Column::DeletedAt.is_null())
        .filter(expense_receipt::Column::ClaimId.in_subquery(claims))
        .limit(limit)
        .into_tuple()
        .all(c)
        .await?;
    if expired.is_empty() {
        return Ok(None);
    }
    let done = expense_receipt::Entity::update_many()
        .col_expr(expense_receipt::Column::Bytes, Expr::value(Vec::<u8>::new()))
        .col_expr(expense_receipt::Column::DeletedAt, Expr::value(now))
        .filter(expense_receipt::Column::ClaimId.is_in(expired))
        .filter(expense_receipt::Column::DeletedAt.is_null())
        .exec(c)
        .await?
        .rows_affected;
    Ok(Some(done))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn stored() -> expense_claim::Model {
        expense_claim::Model {
            id: Uuid::nil(),
            activity_id: Uuid::nil(),
            member_id: Uuid::nil(),
            kind: "per_diem_abroad".into(),
            claim_date: NaiveDate::from_ymd_opt(2026, 2, 10).unwrap(),
            description: "festival in Lyon".into(),
            receipt: Some("R-17".into()),
            kilometres: None,
            country: Some("FR".into()),
            days: Some(3),
            spent_minor: Some(12000),
            amount_minor: 12000,
            currency: "EUR".into(),
            rate: Some("50.00".into()),
            rate_source: Some("test".into()),
            status: "rejected".into(),
            reason: Some("private trip".into()),
            submitted_at: NaiveDate::from_ymd_opt(2026, 2, 11).unwrap().and_hms_opt(9, 0, 0).unwrap(),
            decided_at: NaiveDate::from_ymd_opt(2026, 2, 12).unwrap().and_hms_opt(9, 0, 0).unwrap().into(),
            entry_id: None,
        }
    }

    #[test]
    fn a_claim_row_reads_back_and_writes_back_the_same() {
        let s = claim_of(&stored()).unwrap();
        assert_eq!(s.claim.status(), &ExpenseStatus::Rejected { reason: "private trip".into() });
        assert_eq!(s.amount, Money::from_minor(12000, Currency::EUR));
        assert!(matches!(s.claim.kind, ExpenseKind::PerDiemAbroad { days: 3, amount: Some(_), .. }));
        assert_eq!(row_of(&s).unwrap(), stored());
        let travel = expense_claim::Model {
            kind: "travel".into(),
            kilometres: Some("12.5".into()),
            country: None,
            days: None,
            spent_minor: None,
            status: "reimbursed".into(),
            reason: None,
            ..stored()
        };
        let s = claim_of(&travel).unwrap();
        assert_eq!(s.claim.status(), &ExpenseStatus::Reimbursed);
        assert_eq!(row_of(&s).unwrap(), travel);
    }

    #[test]
    fn a_row_core_would_not_have_let_through_is_corrupt_and_names_what() {
        let cases = [
            (expense_claim::Model { status: "paid".into(), ..stored() }, "status 'paid'"),
            (expense_claim::Model { kind: "meal".into(), ..stored() }, "kind 'meal'"),
            (expense_claim::Model { days: Some(-1), ..stored() }, "days"),
            (expense_claim::Model { reason: None, ..stored() }, "a rejection must tell the member why"),
        ];
        for (row, what) in cases {
            match claim_of(&row) {
                Err(AppError::Corrupt(said)) => assert_eq!(said, format!("expense claim {}: {what}", Uuid::nil())),
                other => panic!("{what}: expected Corrupt, got {other:?}"),
            }
        }
        assert!(matches!(receipt_kind("text/plain"), Err(AppError::Corrupt(_))));
    }
}
