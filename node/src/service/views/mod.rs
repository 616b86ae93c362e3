//! What the API returns: response bodies, separate from entities and core types.
//! Amounts are decimal strings (`"1210.00"`) with their currency beside them.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

mod dunning;
mod expenses;
mod jobs;
mod parked;
mod platforms;
mod postings;
mod records;
mod reports;
mod transfers;

pub use dunning::*;
pub use expenses::*;
pub use jobs::*;
pub use parked::*;
pub use platforms::*;
pub use postings::*;
pub use reports::*;
pub use transfers::*;

/// A member and their shares.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberView {
    /// Member id.
    pub id: Uuid,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Email.
    pub email: String,
    /// Preferred language (fr, nl, en, de).
    pub language: String,
    /// applicant, member, leaving, left, transferring (frozen while a transfer to another office is open) or transferred.
    pub status: String,
    /// Votes in the general assembly: 1 for a member, 0 otherwise, whatever the shares.
    pub votes: u32,
    /// The share register entry.
    pub shares: SharesView,
    /// Date of application.
    pub applied_on: NaiveDate,
    /// Date of admission (first share paid).
    pub admitted_on: Option<NaiveDate>,
    /// Date of leaving.
    pub left_on: Option<NaiveDate>,
    /// Whether the identity a hiring declaration needs is recorded (the number itself is not shown).
    pub identity_recorded: bool,
    /// Home address, shown on payslips; null until given with the identity.
    pub address: Option<AddressView>,
    /// Nationality, ISO 3166-1 alpha-2; null until recorded (`PATCH` the member).
    #[schema(pattern = "^[A-Z]{2}$")]
    pub nationality: Option<String>,
}

/// A postal address.
#[derive(Debug, Serialize, ToSchema)]
pub struct AddressView {
    /// Street and number.
    pub street: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
    /// Country, ISO 3166-1 alpha-2.
    pub country: String,
}

/// What payroll knows of a member: the bank account wages go to and the household
/// the withholding tax depends on. The IBAN is masked: only its country, check
/// digits and last four characters are shown, enough to recognise it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PayrollDetailsView {
    /// The member.
    pub member_id: Uuid,
    /// The IBAN, masked (`BE68 **** **** 7034`); null until recorded.
    pub iban: Option<String>,
    /// single, married-one-income, married-two-incomes or cohabiting.
    pub family: String,
    /// Dependent children.
    pub children: u32,
    /// Of which disabled.
    pub disabled_children: u32,
    /// Other dependants aged 65 or more.
    pub dependants_over_65: u32,
    /// Other dependants.
    pub other_dependants: u32,
    /// The member is disabled.
    pub disabled: bool,
    /// The partner is disabled.
    pub partner_disabled: bool,
}

/// A member's share register entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct SharesView {
    /// Nominal value of one share.
    pub nominal: String,
    /// Currency.
    pub currency: String,
    /// Shares subscribed, ever.
    pub subscribed: u32,
    /// Shares paid, ever.
    pub paid: u32,
    /// Shares held now (paid, not refunded).
    pub held: u32,
    /// Shares subscribed and not paid.
    pub unpaid: u32,
    /// Capital held.
    pub capital: String,
}

/// An activity.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityView {
    /// Activity id.
    pub id: Uuid,
    /// Its member.
    pub member_id: Uuid,
    /// Name.
    pub name: String,
    /// artistic, cultural_industry or other.
    pub sector: String,
    /// Sub-sector of `other`.
    pub sub_sector: Option<String>,
    /// open or closed.
    pub status: String,
    /// Opening date.
    pub opened_on: NaiveDate,
    /// Budget available, derived from the journal.
    pub budget: String,
    /// Currency.
    pub currency: String,
}

/// A client.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClientView {
    /// Client id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// business or consumer.
    pub kind: String,
    /// ISO 3166 country.
    pub country: String,
    /// VAT number.
    pub vat_number: Option<String>,
    /// Street.
    pub street: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
    /// Email.
    pub email: Option<String>,
    /// Peppol endpoint scheme (EAS).
    pub endpoint_scheme: Option<String>,
    /// Peppol endpoint id.
    pub endpoint_id: Option<String>,
}

/// One field of a correction.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldChangeView {
    /// The field, as named in the API.
    pub field: String,
    /// Its value before (null: empty).
    pub old: Option<String>,
    /// Its value after (null: removed).
    pub new: Option<String>,
}

/// A correction of a client or a member: who, when, what.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordChangeView {
    /// When, in the node's legal time zone (Europe/Brussels for BE), without offset.
    pub changed_at: chrono::NaiveDateTime,
    /// Who: the request's `X-Changed-By` header, else `api`.
    pub changed_by: String,
    /// The fields changed, with their old and new values.
    pub changes: Vec<FieldChangeView>,
}

/// An invoice line.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceLineView {
    /// What was supplied.
    pub description: String,
    /// Quantity.
    pub quantity: String,
    /// UN/ECE Rec. 20 unit code.
    pub unit_code: String,
    /// Unit price excluding VAT.
    pub unit_price: String,
    /// VAT rate in percent.
    pub vat_rate: String,
    /// Net amount of the line.
    pub net: String,
}

/// An invoice's totals and what it has received.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceTotalsView {
    /// Total excluding VAT.
    pub net: String,
    /// VAT.
    pub vat: String,
    /// Total including VAT.
    pub gross: String,
    /// Paid so far.
    pub paid: String,
    /// Still due.
    pub outstanding: String,
}

/// The fee taken on an issued invoice and the budget it gave.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeeView {
    /// The whole fee.
    pub fee: String,
    /// Part of it for the guarantee fund.
    pub guarantee_fund: String,
    /// Credited to the activity's budget.
    pub budget: String,
}

/// A credit note.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreditNoteView {
    /// Credit note id.
    pub id: Uuid,
    /// Its number.
    pub number: String,
    /// The invoice it cancels.
    pub invoice_id: Uuid,
    /// Issue date.
    pub issue_date: NaiveDate,
    /// Why.
    pub reason: String,
}

/// An invoice.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceView {
    /// Invoice id.
    pub id: Uuid,
    /// Number, once issued.
    pub number: Option<String>,
    /// draft, issued, partly_paid, paid or cancelled.
    pub status: String,
    /// Activity invoicing.
    pub activity_id: Uuid,
    /// Client invoiced.
    pub client_id: Uuid,
    /// Currency.
    pub currency: String,
    /// Language of the document.
    pub language: String,
    /// Invoice date (set at the latest when issued).
    pub date: Option<NaiveDate>,
    /// Due date (issued invoices).
    pub due_date: Option<NaiveDate>,
    /// Payment term in working days.
    pub payment_terms_days: u32,
    /// Buyer's reference.
    pub buyer_reference: String,
    /// Payment reference to quote (issued invoices).
    pub payment_reference: Option<String>,
    /// Lines.
    pub lines: Vec<InvoiceLineView>,
    /// Totals.
    pub totals: InvoiceTotalsView,
    /// Fee and budget (issued invoices).
    pub fee: Option<FeeView>,
    /// The credit note that cancelled it.
    pub credit_note: Option<CreditNoteView>,
}

/// A payment received.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentView {
    /// Payment id.
    pub id: Uuid,
    /// Invoice paid.
    pub invoice_id: Uuid,
    /// Amount.
    pub amount: String,
    /// Currency.
    pub currency: String,
    /// Value date.
    pub paid_on: NaiveDate,
    /// Bank reference.
    pub reference: String,
    /// The invoice after the payment.
    pub invoice: InvoiceView,
}

/// One account in the trial balance.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountBalanceView {
    /// Account name.
    pub account: String,
    /// Class in the Belgian minimum chart of accounts.
    pub chart_class: String,
    /// Sum of debits.
    pub debit: String,
    /// Sum of credits (positive).
    pub credit: String,
    /// Debit minus credit.
    pub balance: String,
}

/// The trial balance: every account's debits and credits; they sum to zero.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrialBalanceView {
    /// Currency.
    pub currency: String,
    /// Accounts with any posting.
    pub accounts: Vec<AccountBalanceView>,
    /// Sum of all debits.
    pub total_debit: String,
    /// Sum of all credits.
    pub total_credit: String,
    /// Sum of all lines: always 0.00.
    pub sum: String,
    /// True when the sum is zero.
    pub balanced: bool,
    /// Journal entries counted.
    pub entries: u64,
}

/// One flow in an activity's statement.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementLineView {
    /// Date.
    pub date: NaiveDate,
    /// What happened (invoice_issued, credit_note_issued...).
    pub kind: String,
    /// Document number or reference (a payslip's names the payslip: `payslip 2026-03 <payslip id>`).
    pub reference: String,
    /// The payslip, for a payslip's entry.
    pub payslip_id: Option<Uuid>,
    /// The contract that payslip paid.
    pub contract_id: Option<Uuid>,
    /// Amount invoiced excluding VAT (invoices; negative for credit notes).
    pub invoiced: Option<String>,
    /// Fee taken (negative when returned).
    pub fee: Option<String>,
    /// Change of the budget.
    pub budget_change: String,
    /// Budget after this flow.
    pub balance: String,
}

/// An activity's account statement: every flow and the balance.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementView {
    /// Activity.
    pub activity_id: Uuid,
    /// Currency.
    pub currency: String,
    /// First month covered, `YYYY-MM`.
    pub from: String,
    /// Last month covered, `YYYY-MM`.
    pub to: String,
    /// Budget at the start of `from`.
    pub opening_balance: String,
    /// Flows of the months, oldest first.
    pub lines: Vec<StatementLineView>,
    /// Invoiced excluding VAT in the months.
    pub invoiced: String,
    /// Fee in the months.
    pub fee: String,
    /// Budget at the end of `to`.
    pub balance: String,
}

/// A page of results.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    /// The items.
    pub items: Vec<T>,
    /// Items in all pages.
    pub total: u64,
    /// Offset of this page.
    pub offset: u64,
    /// Page size.
    pub limit: u64,
}

/// One payslip line of a simulation.
#[derive(Debug, Serialize, ToSchema)]
pub struct SimulationLineView {
    /// Stable code (`employee_social`, `withholding_tax`...).
    pub code: String,
    /// Label.
    pub label: String,
    /// employee, employer or info.
    pub side: String,
    /// Base the rate applies to.
    pub base: String,
    /// Rate as a fraction (`0.1307`), where one applies.
    pub rate: Option<String>,
    /// Amount (negative for a reduction).
    pub amount: String,
    /// Law, decree or page applied.
    pub source: String,
    /// The line's legal basis in short, in the simulation's language (null where the pack has none).
    pub basis: Option<String>,
}

/// A payroll simulation: a monthly payslip computed by the country pack.
#[derive(Debug, Serialize, ToSchema)]
pub struct SimulationView {
    /// Country pack used.
    pub country: String,
    /// Date whose parameters apply.
    pub date: NaiveDate,
    /// Currency.
    pub currency: String,
    /// Gross wage.
    pub gross: String,
    /// Employee social security.
    pub employee_social: String,
    /// Social work bonus (reduces the employee social security).
    pub social_work_bonus: String,
    /// Taxable wage.
    pub taxable: String,
    /// Withholding tax.
    pub withholding_tax: String,
    /// Special social security contribution.
    pub special_social_contribution: String,
    /// Net wage.
    pub net: String,
    /// Employer social security.
    pub employer_social: String,
    /// Employer cost (gross times the node's coefficient in force today, where the pack's cost is that).
    pub employer_cost: String,
    /// Budget used: the one given, or the employer cost.
    pub budget: String,
    /// The structural reduction's monthly advance (Belgium; 0 elsewhere or when none is due).
    pub structural_reduction: String,
    /// The employer's average number of workers the simulation used.
    pub employer_workers: u32,
    /// Whether the employer has a commercial purpose.
    pub commercial: bool,
    /// The employer's joint committee, if stated.
    pub joint_committee: Option<String>,
    /// Every line.
    pub lines: Vec<SimulationLineView>,
    /// The pack's own totals (`Payroll::summary`), as fields of the document; none for a pack
    /// without any.
    #[serde(flatten)]
    pub totals: std::collections::BTreeMap<String, String>,
}

/// A parameter in force.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParameterEntryView {
    /// Dotted name.
    pub name: String,
    /// What it is.
    pub description: String,
    /// Value, as text.
    pub value: String,
    /// First day it applies.
    pub from: NaiveDate,
    /// Last day, when known.
    pub until: Option<NaiveDate>,
    /// Source.
    pub source: String,
}

/// The parameters of a pack in force on a date.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParametersView {
    /// Country.
    pub country: String,
    /// Date.
    pub date: NaiveDate,
    /// Parameters.
    pub parameters: Vec<ParameterEntryView>,
}

/// One period of declared work.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkPeriodView {
    /// The day.
    pub date: NaiveDate,
    /// Start time.
    #[schema(value_type = String)]
    pub start: chrono::NaiveTime,
    /// End time.
    #[schema(value_type = String)]
    pub end: chrono::NaiveTime,
    /// Hours: the real time elapsed in the legal time zone (7 for 00:00–06:00 on the night
    /// the clocks go back, 5 on the night they go forward).
    pub hours: String,
}

/// A hiring declaration made for a contract.
#[derive(Debug, Serialize, ToSchema)]
pub struct HiringDeclarationRef {
    /// Its id (GET /api/v1/hiring-declarations/{id} gives the document).
    pub id: Uuid,
    /// in, out, update or cancel.
    pub action: String,
    /// When it was made.
    pub declared_at: chrono::NaiveDateTime,
}

impl From<(Uuid, String, chrono::NaiveDateTime)> for HiringDeclarationRef {
    fn from((id, action, declared_at): (Uuid, String, chrono::NaiveDateTime)) -> Self {
        HiringDeclarationRef { id, action, declared_at }
    }
}

/// A fixed-term contract's motive, a case of the country pack's closed list.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ContractMotiveView {
    /// The case (France, Code du travail L1242-2: replacement, activity_increase, seasonal, customary).
    pub code: String,
    /// The worker replaced, for a replacement.
    pub replaced: Option<ReplacedWorkerView>,
    /// The sector of a customary fixed-term contract (France, D1242-1: sport, entertainment, teaching, information).
    pub sector: Option<String>,
    /// What makes the motive precise.
    pub detail: Option<String>,
}

/// The worker a replacement contract replaces.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ReplacedWorkerView {
    /// Their name.
    pub name: String,
    /// Their job or professional qualification.
    pub job: String,
}

/// An employment contract.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContractView {
    /// Contract id.
    pub id: Uuid,
    /// The declaration it comes from.
    pub declaration_id: Uuid,
    /// The member employed.
    pub member_id: Uuid,
    /// The activity paying.
    pub activity_id: Uuid,
    /// per_performance, stabilised_monthly, hourly (platform hours) or framework (platform enrolment).
    pub kind: String,
    /// Worker kind.
    pub worker_category: String,
    /// Start.
    pub starts_at: chrono::NaiveDateTime,
    /// End; none for an open-ended (stabilised monthly) contract.
    pub ends_at: Option<chrono::NaiveDateTime>,
    /// Budget it uses (a stabilised contract: the budget expected over a year).
    pub budget: String,
    /// Gross wage it gives.
    pub gross: String,
    /// Currency.
    pub currency: String,
    /// active, ended or cancelled.
    pub status: String,
    /// Its hiring declarations, oldest first.
    pub hiring_declarations: Vec<HiringDeclarationRef>,
    /// Why a fixed-term contract is made; none for an open-ended one, in a country that asks
    /// none, or made before motives were recorded. A platform enrolment (framework) shows the
    /// motive its hourly contracts state.
    pub motive: Option<ContractMotiveView>,
    /// The worker's place in the collective agreement's classification (level, position,
    /// coefficient), as declared; none when not given or made before it was recorded.
    pub classification: Option<String>,
    /// The country whose social-security legislation applies and whose pack computed the gross
    /// (Regulation 883/2004), when it is another than the node's; none: the node's own.
    pub legislation_country: Option<String>,
}

/// A member's declaration of work.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkDeclarationView {
    /// Declaration id.
    pub id: Uuid,
    /// Activity paying.
    pub activity_id: Uuid,
    /// Member.
    pub member_id: Uuid,
    /// Client, if any.
    pub client_id: Option<Uuid>,
    /// Function.
    pub function: String,
    /// Place of work.
    pub place: String,
    /// Country of work.
    pub work_country: String,
    /// Risks.
    pub risks: Vec<String>,
    /// Worker kind.
    pub worker_category: String,
    /// Budget to turn into salary.
    pub budget: String,
    /// Currency.
    pub currency: String,
    /// submitted, validated or returned.
    pub status: String,
    /// Why it was returned.
    pub return_reason: Option<String>,
    /// Days and hours.
    pub periods: Vec<WorkPeriodView>,
    /// The motive its fixed-term contract will state.
    pub motive: Option<ContractMotiveView>,
    /// The worker's place in the collective agreement's classification, copied onto the contract.
    pub classification: Option<String>,
    /// The worker is sent to replace another posted person (Regulation 883/2004 Art. 12(1)).
    pub replaces_posted_worker: bool,
    /// The social-security legislation decided for work abroad; none for work in the node's
    /// country (its own legislation) or a declaration made before it was decided.
    pub legislation: Option<LegislationView>,
    /// What still needs doing or watching (an A1 to request, the 25 % line near), in the
    /// request's language; empty when nothing.
    pub warnings: Vec<WarningView>,
    /// The contract, once validated.
    pub contract: Option<ContractView>,
}

/// The legislation decided for a work abroad (Regulation (EC) 883/2004 and 987/2009).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LegislationView {
    /// The state whose legislation applies (ISO 3166).
    #[schema(pattern = "^[A-Z]{2}$")]
    pub country: String,
    /// The article of Regulation 883/2004 applied: `11(3)(a)` (where the work is done), `12(1)`
    /// (posting), `13(1)(a)` (two or more states, a substantial part in the state of residence),
    /// `13(1)(b)(i)` (two or more states, the employer's registered office).
    pub article: String,
    /// The member's state of residence the decision took.
    pub residence_country: String,
    /// Their share of working time there over the reference period (`"0.2"` is 20 %).
    pub residence_time_share: String,
    /// Their share of pay there.
    pub residence_pay_share: String,
}

/// Something a response asks a person to do or watch, without refusing the request.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WarningView {
    /// Stable code (`a1-missing`, `residence-share-below-line`, `residence-share-above-line`,
    /// `legislation-outside-coordination`, `residence-unknown`).
    pub code: String,
    /// What to do, in the request's language.
    pub detail: String,
}

/// An A1 certificate a member holds.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct A1CertificateView {
    /// Id.
    pub id: Uuid,
    /// The member.
    pub member_id: Uuid,
    /// The state whose institution issued it (ISO 3166).
    pub issuing_state: String,
    /// The article of Regulation 883/2004 it rests on.
    pub article: String,
    /// First day covered.
    pub valid_from: chrono::NaiveDate,
    /// Last day covered.
    pub valid_until: chrono::NaiveDate,
    /// The institution's reference.
    pub reference: String,
}

/// A payroll run.
#[derive(Debug, Serialize, ToSchema)]
pub struct PayrollRunView {
    /// Run id.
    pub id: Uuid,
    /// The month paid, `YYYY-MM`.
    pub period: String,
    /// Work ended on or before this day, and by the run's instant (`started_at`), is paid.
    pub through: NaiveDate,
    /// The day the wages are paid.
    pub pay_date: NaiveDate,
    /// running or completed.
    pub status: String,
    /// Payslips made so far.
    pub payslips: i32,
    /// When it started.
    pub started_at: chrono::NaiveDateTime,
    /// When it completed.
    pub completed_at: Option<chrono::NaiveDateTime>,
    /// 1 for the first run of its period and cut-off; each later one (started once the
    /// previous is complete and new work is payable) pays only what the earlier ones did not.
    pub sequence: i32,
    /// The job paying the run (answers to a start only): `GET /api/v1/jobs/{id}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_id: Option<Uuid>,
}

/// One payslip line.
#[derive(Debug, Serialize, ToSchema)]
pub struct PayslipLineView {
    /// Stable code.
    pub code: String,
    /// Label in the member's language.
    pub label: String,
    /// employee, employer or info.
    pub side: String,
    /// What the rate applies to.
    pub base: String,
    /// The rate, as a fraction, where one applies.
    pub rate: Option<String>,
    /// The amount.
    pub amount: String,
    /// The law, decree or official page applied, with how its values were checked (English).
    pub source: String,
    /// The line's legal basis in short, in the payslip's language, as the printed payslip's
    /// appendix gives it; null where the pack has none in that language (the PDF then prints
    /// the start of `source`).
    pub basis: Option<String>,
}

/// A payslip.
#[derive(Debug, Serialize, ToSchema)]
pub struct PayslipView {
    /// Payslip id.
    pub id: Uuid,
    /// The run that made it.
    pub run_id: Uuid,
    /// The contract paid.
    pub contract_id: Uuid,
    /// The member.
    pub member_id: Uuid,
    /// The activity whose budget paid it.
    pub activity_id: Uuid,
    /// The month, `YYYY-MM`.
    pub period: String,
    /// regular, or true_up: a stabilised contract's year-end payslip of what was earned beyond its salary.
    pub kind: String,
    /// Last day of the work.
    pub work_end: NaiveDate,
    /// Last day the wage may be paid (7 working days after the work).
    pub deadline: NaiveDate,
    /// Day paid.
    pub pay_date: NaiveDate,
    /// Paid by the deadline.
    pub paid_within_deadline: bool,
    /// Worker kind.
    pub worker_category: String,
    /// Language of the labels.
    pub language: String,
    /// Gross wage.
    pub gross: String,
    /// Taxable wage.
    pub taxable: String,
    /// Net wage paid.
    pub net: String,
    /// Employer cost, taken from the activity's budget.
    pub employer_cost: String,
    /// Currency.
    pub currency: String,
    /// Every line, with its base, rate and source.
    pub lines: Vec<PayslipLineView>,
    /// The state whose social-security legislation computed it (Regulation (EC) 883/2004), and
    /// whose collectors its contributions are owed to; none: the node's own.
    pub legislation_country: Option<String>,
}

/// The guarantee fund of the node.
#[derive(Debug, Serialize, ToSchema)]
pub struct GuaranteeFundView {
    /// Balance of the fund (its share of fees, less losses).
    pub balance: String,
    /// Advances not yet recovered.
    pub open_advances: String,
    /// Balance over open advances; null when nothing is advanced.
    pub coverage_ratio: Option<String>,
    /// All advances ever made.
    pub advanced: String,
    /// All recoveries.
    pub recovered: String,
    /// All losses borne.
    pub lost: String,
    /// Currency.
    pub currency: String,
}

/// A contract whose wage is due soon and not yet paid.
#[derive(Debug, Serialize, ToSchema)]
pub struct WageDeadlineView {
    /// The contract.
    pub contract_id: Uuid,
    /// The member.
    pub member_id: Uuid,
    /// The activity.
    pub activity_id: Uuid,
    /// Last day of work.
    pub work_end: NaiveDate,
    /// Last day to pay.
    pub deadline: NaiveDate,
    /// Working days left (0 on the day; negative when late).
    pub working_days_left: i64,
}

/// The year-end true-up of a stabilised monthly contract.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrueUpView {
    /// The contract.
    pub contract_id: Uuid,
    /// The year settled.
    pub year: i32,
    /// Budget the activity earned from its opening to the year's end.
    pub earned: String,
    /// Employer cost of its payslips to the year's December, and budget reserved by unpaid contracts.
    pub costs: String,
    /// pay (the surplus is paid as a last payslip), carry_surplus (it raises next year's salary),
    /// carry_over (the shortfall lowers next year's salary) or settled, as the country pack allows.
    pub outcome: String,
    /// The surplus paid or the shortfall carried.
    pub amount: String,
    /// Currency.
    pub currency: String,
    /// The true-up payslip, when one was paid.
    pub payslip_id: Option<Uuid>,
}

/// A signed order form and the budget the fund advanced on it.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderFormView {
    /// Order form id.
    pub id: Uuid,
    /// The activity.
    pub activity_id: Uuid,
    /// The client who signed.
    pub client_id: Uuid,
    /// The client's order reference.
    pub reference: String,
    /// Amount ordered, excluding VAT.
    pub amount: String,
    /// Budget advanced: the amount less the fee.
    pub advance: String,
    /// Currency.
    pub currency: String,
    /// When the client signed.
    pub signed_on: NaiveDate,
    /// open (the advance counts in the activity's budget) or invoiced (the invoice's budget took its place).
    pub status: String,
    /// The invoice that closed it.
    pub invoice_id: Option<Uuid>,
}
