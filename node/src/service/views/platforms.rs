//! Partner platforms, their workers and their batches of hours.

use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A partner platform.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlatformView {
    /// Platform id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// The client invoiced for its workers' hours.
    pub client_id: Uuid,
    /// Price of an hour, excluding VAT.
    pub hourly_rate: String,
    /// VAT rate of its invoices, in percent.
    pub vat_rate: String,
    /// Currency.
    pub currency: String,
    /// Worker kind of its workers.
    pub worker_category: String,
    /// Function its workers perform.
    pub function: String,
    /// Its API token: shown once, when the platform is registered; only its hash is kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

/// A member enrolled with a platform.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlatformWorkerView {
    /// The platform.
    pub platform_id: Uuid,
    /// The platform's reference of the worker, used in its batches.
    pub worker_ref: String,
    /// The member.
    pub member_id: Uuid,
    /// The activity the platform's hours are invoiced from.
    pub activity_id: Uuid,
    /// The open-ended employment whose hiring declaration covers every hour posted.
    pub framework_contract_id: Uuid,
    /// When the worker was enrolled (and the hiring declaration filed).
    pub enrolled_at: chrono::NaiveDateTime,
    /// The motive each of the worker's hourly contracts states (the pack's closed list; none in
    /// a country that asks none).
    pub motive: Option<super::ContractMotiveView>,
    /// The worker's place in the collective agreement's classification, copied onto each hourly contract.
    pub classification: Option<String>,
}

/// A batch line refused, and why.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct RejectedLineView {
    /// Position of the line in the batch, from 0.
    pub line: usize,
    /// The worker reference it gave.
    pub worker: String,
    /// Why it was refused.
    pub reason: String,
}

/// What became of a batch of hours.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct BatchResultView {
    /// The platform's batch id.
    pub batch_id: String,
    /// The platform.
    pub platform_id: Uuid,
    /// Lines received.
    pub lines: usize,
    /// Lines kept, each an hourly contract.
    pub accepted: usize,
    /// Lines refused, with their reasons.
    pub rejected: Vec<RejectedLineView>,
    /// Hours kept.
    pub hours: String,
    /// Invoiced to the platform, excluding VAT.
    pub invoiced: String,
    /// Currency.
    pub currency: String,
    /// The invoices issued, one per worker.
    pub invoices: Vec<Uuid>,
    /// When the batch was processed.
    pub received_at: chrono::NaiveDateTime,
}
