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

/// This office's inter-office accounts with another office of the group: what the carried
/// shares of members who moved between them left owed, less what was settled at the bank.
#[derive(Debug, Serialize, ToSchema)]
pub struct InterOfficeBalanceView {
    /// The other office (`fr`).
    pub office: String,
    /// The node's currency.
    pub currency: String,
    /// What the other office owes this one (`due_from_offices`), `"0.00"` or more.
    pub due_from: String,
    /// What this office owes the other one (`due_to_offices`), `"0.00"` or more.
    pub due_to: String,
    /// `due_from` less `due_to`: positive when this office is owed on balance.
    pub net: String,
    /// Where `due_from` is kept in the pack's chart of accounts.
    pub due_from_chart_class: String,
    /// Where `due_to` is kept in the pack's chart of accounts.
    pub due_to_chart_class: String,
}

/// An inter-office balance settled at the bank, as recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct InterOfficeSettlementView {
    /// The journal entry posted.
    pub entry_id: Uuid,
    /// The other office.
    pub office: String,
    /// `paid` (this office paid what it owed) or `received` (the other office paid).
    pub direction: String,
    /// The amount transferred.
    pub amount: String,
    /// The node's currency.
    pub currency: String,
    /// The bank transfer's value date.
    pub date: NaiveDate,
    /// The journal entry's reference: the office, the direction and the bank's reference.
    pub reference: String,
    /// The accounts with that office once settled.
    pub balance: InterOfficeBalanceView,
}
