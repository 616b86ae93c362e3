//! Member transfers between offices, as the API shows them.

use crate::error::AppError;
use crate::service::transfers::opened;
use crate::storage::transfers::TransferRow;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A member's transfer, as this office sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransferView {
    /// The transfer, the same id at both offices.
    pub id: Uuid,
    /// This office's end: `origin` (the member leaves) or `destination` (the member joins).
    pub side: String,
    /// The other office (`fr`).
    pub peer: String,
    /// offered, accepted, rejected, committed or cancelled.
    pub status: String,
    /// The member here: at the origin from the start, at the destination once accepted.
    pub member_id: Option<Uuid>,
    /// The group's shares rule applied: `refund` or `carry`.
    pub shares_rule: String,
    /// When the offer expires (the origin then cancels it).
    #[schema(pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    pub expires_at: DateTime<Utc>,
    /// The day the member asked to move.
    pub requested_on: NaiveDate,
    /// Why it was rejected or cancelled.
    pub reason: Option<String>,
    /// At the destination: the member's portable record (identity and contact,
    /// membership, shares, seniority, history summary, A1 certificates, language), kept
    /// once committed and erased on a rejection or a cancellation.
    #[schema(value_type = Option<Object>)]
    pub record: Option<serde_json::Value>,
    /// Created.
    #[schema(pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    pub created_at: DateTime<Utc>,
    /// Last changed.
    #[schema(pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<TransferRow> for TransferView {
    type Error = AppError;
    fn try_from(t: TransferRow) -> Result<Self, AppError> {
        let record = opened(&t)?.map(|r| serde_json::to_value(r).unwrap_or(serde_json::Value::Null));
        Ok(TransferView {
            id: t.id,
            side: t.side.as_str().to_owned(),
            peer: t.peer,
            status: t.status.as_str().to_owned(),
            member_id: t.member_id,
            shares_rule: t.shares_rule.as_str().to_owned(),
            expires_at: t.expires_at,
            requested_on: t.requested_on,
            reason: t.reason,
            record,
            created_at: t.created_at,
            updated_at: t.updated_at,
        })
    }
}
