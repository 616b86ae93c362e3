//! Members' expense claims.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A member's expense claim, with the rate that priced it and the advisor's decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExpenseClaimView {
    /// Claim id.
    pub id: Uuid,
    /// The activity whose budget repays it.
    pub activity_id: Uuid,
    /// The member who spent.
    pub member_id: Uuid,
    /// travel, material or per_diem_abroad.
    pub kind: String,
    /// Day of the trip or purchase: it picks the allowance in force.
    pub date: NaiveDate,
    /// What it was for.
    pub description: String,
    /// The receipt's reference.
    pub receipt: Option<String>,
    /// The receipt's file, when one was attached (`PUT /expense-claims/{id}/receipt`).
    pub receipt_file: Option<ReceiptFileView>,
    /// Kilometres driven (travel).
    pub kilometres: Option<String>,
    /// Country (per diem abroad).
    pub country: Option<String>,
    /// Days abroad (per diem abroad).
    pub days: Option<u32>,
    /// The amount spent, as claimed (material; per diem when claimed instead of the allowance).
    pub spent: Option<String>,
    /// The amount repaid.
    pub amount: String,
    /// Currency.
    pub currency: String,
    /// The allowance applied: per kilometre (travel) or per day (per diem); none for material.
    pub rate: Option<String>,
    /// Where the allowance comes from.
    pub rate_source: Option<String>,
    /// submitted, validated, rejected or reimbursed.
    pub status: String,
    /// Why it was rejected.
    pub reason: Option<String>,
    /// When the member sent it.
    pub submitted_at: chrono::NaiveDateTime,
    /// When an advisor decided.
    pub decided_at: Option<chrono::NaiveDateTime>,
    /// The journal entry that repaid it.
    pub entry_id: Option<Uuid>,
}

/// What the node knows of a claim's receipt file; `GET /expense-claims/{id}/receipt` gives its bytes.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ReceiptFileView {
    /// application/pdf, image/jpeg or image/png.
    pub content_type: String,
    /// Its size in bytes.
    pub size: u64,
    /// The SHA-256 of its bytes, in lowercase hex.
    pub sha256: String,
    /// When it was attached.
    pub uploaded_at: chrono::NaiveDateTime,
    /// The name the node gives it when it is downloaded.
    pub file_name: String,
    /// When its bytes were deleted at the end of its retention (null: still kept); the media
    /// type, size and SHA-256 stay.
    pub deleted_at: Option<chrono::NaiveDateTime>,
}
