//! Reports built from the books: the quarterly return, a member's account statement.

use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A stored periodic social security return (the quarter or month its pack files), without its document.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuarterlyReturnView {
    /// Id.
    pub id: Uuid,
    /// The quarter, `2026-Q3`.
    pub quarter: String,
    /// 1 for the first build of the quarter; each later build is a correction.
    pub version: i32,
    /// The version this one corrects, if any (kept unchanged).
    pub replaces: Option<Uuid>,
    /// The document's format.
    pub format: String,
    /// The document's media type (`application/xml`).
    pub media_type: String,
    /// Payslips declared.
    pub payslips: i32,
    /// Workers declared.
    pub workers: i32,
    /// Currency of the totals.
    pub currency: String,
    /// What the return declares, all workers together.
    pub totals: QuarterlyReturnTotalsView,
    /// What the document declares under the return's own codes, as filed; null for a
    /// version built before these were kept, or a pack whose return has no such figures.
    pub declared: Option<DeclaredView>,
    /// When it was built (the document's creation time).
    pub created_at: chrono::NaiveDateTime,
}

/// The amounts a quarterly return declares, as decimal strings.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuarterlyReturnTotalsView {
    /// Gross pay.
    pub gross: String,
    /// The base the contributions are computed on.
    pub contribution_base: String,
    /// Employee social security contributions, before the work bonus.
    pub employee_contribution: String,
    /// Employer social security contributions.
    pub employer_contribution: String,
    /// Special social security contribution withheld.
    pub special_contribution: String,
    /// Work bonus (reduction of the employee contribution).
    pub work_bonus: String,
}

/// What a return's document declares under the codes of the pack's format, amounts as
/// decimal strings.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeclaredView {
    /// Every contribution declared, summed by code over the workers.
    pub contributions: Vec<CodedAmountView>,
    /// Every deduction declared, summed by code, as the return computes it for the period.
    pub deductions: Vec<CodedAmountView>,
    /// The net amount owed: the contributions less the deductions.
    pub net_owed: String,
    /// Each deduction the payslips advanced month by month, against the period's figure.
    pub advances: Vec<AdvanceView>,
}

/// An amount under a return's code.
#[derive(Debug, Serialize, ToSchema)]
pub struct CodedAmountView {
    /// The return's code.
    pub code: String,
    /// The amount.
    pub amount: String,
}

/// A deduction the return computes for the whole period, which the payslips advanced monthly.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdvanceView {
    /// The return's deduction code.
    pub code: String,
    /// What the return declares for the period.
    pub computed: String,
    /// What the period's payslips advanced, all together.
    pub advanced: String,
    /// The computed amount less the advances: positive when the period's reduction is
    /// larger than what the payslips took off (the employer owes less than they paid).
    pub regularisation: String,
}

/// A member's account statement: per activity and month, every flow; totals per activity and overall.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberAccountView {
    /// The member.
    pub member_id: Uuid,
    /// Currency of every amount.
    pub currency: String,
    /// First month covered, `YYYY-MM`.
    pub from: String,
    /// Last month covered, `YYYY-MM`.
    pub to: String,
    /// One row per activity and month with a flow, by activity name then month.
    pub rows: Vec<AccountRowView>,
    /// Every activity of the member, with its budget before and after the range and its totals.
    pub activities: Vec<AccountActivityView>,
    /// All activities together.
    pub totals: AccountFlowsView,
}

/// One activity's flows in one month.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountRowView {
    /// The activity.
    pub activity_id: Uuid,
    /// Its name.
    pub activity: String,
    /// The month, `YYYY-MM`.
    pub month: String,
    /// The amounts.
    #[serde(flatten)]
    pub flows: AccountFlowsView,
}

/// One activity's totals over the statement's range.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountActivityView {
    /// The activity.
    pub activity_id: Uuid,
    /// Its name.
    pub activity: String,
    /// Budget available before the first month.
    pub opening_budget: String,
    /// Budget available after the last month (opening plus every budget change).
    pub closing_budget: String,
    /// The flows of every month added up.
    pub totals: AccountFlowsView,
}

/// The flows of an activity-month (or a total), as decimal strings.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountFlowsView {
    /// Invoiced excluding VAT; credit notes negative.
    pub invoiced: String,
    /// The cooperative's fee on it (guarantee fund share included).
    pub fee: String,
    /// Expenses reimbursed from the budget.
    pub expenses: String,
    /// Net change of the activity's budget.
    pub budget: String,
    /// Gross wages of the month's payslips.
    pub gross: String,
    /// Employer social security contributions.
    pub employer_contributions: String,
    /// Employee contributions (social security less the work bonus, special contribution).
    pub employee_contributions: String,
    /// Withholding tax.
    pub withholding: String,
    /// Net wages.
    pub net: String,
    /// Guarantee fund advances (wages paid before the client paid).
    pub fund_advances: String,
    /// Guarantee fund recoveries (client payments repaying advances).
    pub fund_recoveries: String,
    /// The employer's other costs: holiday-pay provision, insurance and pooled margin.
    pub employer_other_costs: String,
    /// Employer cost: gross + employer contributions + other costs, what the budget paid.
    pub employer_cost: String,
    /// Advances the guarantee fund lost to a client's default.
    pub fund_losses: String,
    /// Budget changes not in the columns above (a client's default): budget = invoiced - fee - expenses - employer cost + this.
    pub other_budget_changes: String,
}
