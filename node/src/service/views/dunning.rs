//! Dunning: the steps sent, a run, an overdue invoice as advisors follow it.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A dunning step sent for an invoice.
#[derive(Debug, Serialize, ToSchema)]
pub struct DunningStepView {
    /// The invoice.
    pub invoice_id: Uuid,
    /// Its number.
    pub invoice_number: Option<String>,
    /// 1 for the first step of the schedule, 2 for the next...
    pub level: u32,
    /// reminder, formal_notice or handover.
    pub kind: String,
    /// Day sent.
    pub sent_on: NaiveDate,
    /// By post (the client has no e-mail address) or by e-mail.
    pub by_post: bool,
    /// What the client still owed that day.
    pub outstanding: String,
    /// The charge for this step, if the rules allow one.
    pub fee: Option<String>,
    /// Late-payment interest accrued to that day.
    pub interest: String,
    /// First day of the interest, when it runs.
    pub interest_from: Option<NaiveDate>,
    /// Lump-sum damages claimed by this step.
    pub damages: Option<String>,
    /// Currency.
    pub currency: String,
    /// The rule or policy the step comes from.
    pub source: String,
}

/// What one dunning run sent.
#[derive(Debug, Serialize, ToSchema)]
pub struct DunningRunView {
    /// The day the steps are dated.
    pub date: NaiveDate,
    /// The steps recorded now; empty when everything due was already sent.
    pub sent: Vec<DunningStepView>,
    /// Invoices paid since their dunning started, now settled.
    pub settled: Vec<Uuid>,
}

/// An overdue invoice as advisors follow it.
#[derive(Debug, Serialize, ToSchema)]
pub struct DunningCaseView {
    /// The invoice.
    pub invoice_id: Uuid,
    /// Its number.
    pub number: Option<String>,
    /// The client.
    pub client_id: Uuid,
    /// Its name.
    pub client_name: String,
    /// business or consumer: they have different schedules and damages.
    pub client_kind: String,
    /// Due date.
    pub due_date: Option<NaiveDate>,
    /// Still owed.
    pub outstanding: String,
    /// Currency.
    pub currency: String,
    /// Days since the due date (0 when not overdue).
    pub days_overdue: i64,
    /// The last step sent, and when.
    pub last_step: Option<String>,
    /// Day the last step was sent.
    pub last_step_on: Option<NaiveDate>,
    /// The next step of the schedule, and from when it may be sent (none once the schedule ends
    /// or while the file is with a collector).
    pub next_step: Option<String>,
    /// First day the next step may be sent.
    pub next_step_from: Option<NaiveDate>,
    /// Late-payment interest accrued to today.
    pub interest: String,
    /// active, paused, handed_to_collection or settled.
    pub status: String,
    /// The advisor's reason for the status.
    pub reason: Option<String>,
    /// Every step sent, in order.
    pub steps: Vec<DunningStepView>,
}
