//! sea-orm entities: one module per table. Amounts are integer minor units plus
//! a currency (SQLite has no decimal type); decimals that are not money
//! (quantities, rates) are stored as text so they never go through a float.

/// Members and their share register entry.
pub mod member {
    use sea_orm::entity::prelude::*;

    /// A member row.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "members")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub first_name: String,
        pub last_name: String,
        pub email: String,
        pub language: String,
        pub status: String,
        pub share_nominal_minor: i64,
        pub currency: String,
        pub shares_subscribed: i32,
        pub shares_paid: i32,
        pub shares_refunded: i32,
        pub shares_cancelled: i32,
        pub applied_on: Date,
        pub admitted_on: Option<Date>,
        pub left_on: Option<Date>,
        pub national_id: Option<String>,
        pub birth_date: Option<Date>,
        pub iban: Option<String>,
        pub family_situation: String,
        pub children: i32,
        pub disabled_children: i32,
        pub dependants_over_65: i32,
        pub other_dependants: i32,
        pub disabled: bool,
        pub partner_disabled: bool,
        /// Home address (street and number), shown on payslips; None until the member gives it.
        pub address_street: Option<String>,
        /// Postal code of the home address.
        pub address_postal_code: Option<String>,
        /// City of the home address.
        pub address_city: Option<String>,
        /// Country of the home address (ISO 3166-1 alpha-2).
        pub address_country: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Activities.
pub mod activity {
    use sea_orm::entity::prelude::*;

    /// An activity row.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "activities")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub member_id: Uuid,
        pub name: String,
        pub sector: String,
        pub sub_sector: Option<String>,
        pub status: String,
        pub opened_on: Date,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Clients.
pub mod client {
    use sea_orm::entity::prelude::*;

    /// A client row.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "clients")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub name: String,
        pub kind: String,
        pub country: String,
        pub vat_number: Option<String>,
        pub street: String,
        pub postal_code: String,
        pub city: String,
        pub email: Option<String>,
        pub endpoint_scheme: Option<String>,
        pub endpoint_id: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Invoices (drafts and issued).
pub mod invoice {
    use sea_orm::entity::prelude::*;

    /// An invoice row; totals are kept as computed at creation and checked at issue.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "invoices")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub activity_id: Uuid,
        pub client_id: Uuid,
        pub status: String,
        pub currency: String,
        pub language: String,
        pub invoice_date: Option<Date>,
        pub due_date: Option<Date>,
        pub payment_terms_days: i32,
        pub buyer_reference: String,
        pub number: Option<String>,
        pub number_year: Option<i32>,
        pub number_sequence: Option<i64>,
        pub net_minor: i64,
        pub vat_minor: i64,
        pub gross_minor: i64,
        pub paid_minor: i64,
        pub fee_minor: i64,
        pub fund_minor: i64,
        pub budget_minor: i64,
        pub credit_note_id: Option<Uuid>,
        pub created_at: DateTime,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Invoice lines.
pub mod invoice_line {
    use sea_orm::entity::prelude::*;

    /// A line row.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "invoice_lines")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub invoice_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub position: i32,
        pub description: String,
        pub quantity: String,
        pub unit_code: String,
        pub unit_price_minor: i64,
        pub vat_rate: String,
        pub net_minor: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Client payments.
pub mod payment {
    use sea_orm::entity::prelude::*;

    /// A payment row.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "payments")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub invoice_id: Uuid,
        pub amount_minor: i64,
        pub currency: String,
        pub paid_on: Date,
        pub reference: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Credit notes.
pub mod credit_note {
    use sea_orm::entity::prelude::*;

    /// A credit note row; it cancels one invoice in full.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "credit_notes")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub invoice_id: Uuid,
        pub number: String,
        pub issue_date: Date,
        pub reason: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Gapless number series, one row per legal entity, series and year.
pub mod number_sequence {
    use sea_orm::entity::prelude::*;

    /// The last number given in a series, and its date.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "number_sequences")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub legal_entity: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub series: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub year: i32,
        pub last_sequence: i64,
        pub last_date: Date,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Journal entries (headers).
pub mod journal_entry {
    use sea_orm::entity::prelude::*;

    /// An entry row.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "journal_entries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub entry_date: Date,
        pub kind: String,
        pub reference: String,
        pub document_id: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Journal lines.
pub mod journal_line {
    use sea_orm::entity::prelude::*;

    /// A line row: debit positive, credit negative.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "journal_lines")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub entry_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub position: i32,
        pub account: String,
        pub sub_account: Option<Uuid>,
        pub amount_minor: i64,
        pub currency: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Idempotency keys of POST requests that move money.
pub mod idempotency_key {
    use sea_orm::entity::prelude::*;

    /// The first response given for a key, and a hash of the request it answered.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "idempotency_keys")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        pub request_hash: String,
        pub status_code: i32,
        pub response_body: String,
        pub created_at: DateTime,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Work declarations.
pub mod work_declaration {
    use sea_orm::entity::prelude::*;

    /// A member's declaration of work.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "work_declarations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub activity_id: Uuid,
        pub member_id: Uuid,
        pub client_id: Option<Uuid>,
        pub function: String,
        pub place: String,
        pub work_country: String,
        pub risks: String,
        pub worker_category: String,
        pub budget_minor: i64,
        pub currency: String,
        pub status: String,
        pub return_reason: Option<String>,
        pub contract_id: Option<Uuid>,
        pub submitted_at: DateTime,
        pub decided_at: Option<DateTime>,
        /// per_performance or stabilised_monthly: the contract validation makes.
        pub contract_kind: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Periods of declared work.
pub mod work_period {
    use sea_orm::entity::prelude::*;

    /// One day's period.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "work_periods")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub declaration_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub position: i32,
        pub work_date: Date,
        pub start_time: Time,
        pub end_time: Time,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Employment contracts.
pub mod contract {
    use sea_orm::entity::prelude::*;

    /// A contract created by a validated declaration.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "contracts")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub declaration_id: Uuid,
        pub member_id: Uuid,
        pub activity_id: Uuid,
        pub kind: String,
        pub worker_category: String,
        pub starts_at: DateTime,
        pub ends_at: DateTime,
        pub budget_minor: i64,
        pub gross_minor: i64,
        pub currency: String,
        pub status: String,
        pub created_at: DateTime,
        /// The enrolment contract whose hiring declaration covers this one (platform hours).
        pub framework_id: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Hiring declarations made to the state.
pub mod hiring_declaration {
    use sea_orm::entity::prelude::*;

    /// A rendered hiring declaration (DIMONA in Belgium).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "hiring_declarations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub contract_id: Uuid,
        pub action: String,
        pub format: String,
        #[sea_orm(column_type = "Text")]
        pub content: String,
        pub declared_at: DateTime,
        /// The NSSO's Dimona period numbers for an IN, comma-separated, once acknowledged.
        pub period_ids: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Payroll runs: one per period and cut-off date.
pub mod payroll_run {
    use sea_orm::entity::prelude::*;

    /// A run, resumable until completed.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "payroll_runs")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub period: String,
        pub through: Date,
        pub pay_date: Date,
        pub status: String,
        pub payslips: i32,
        pub started_at: DateTime,
        pub completed_at: Option<DateTime>,
        /// 1 for the first run of its (period, through); a later run pays what became payable after it.
        pub sequence: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The legal sources payslip lines cite, each stored once.
pub mod legal_source {
    use sea_orm::entity::prelude::*;

    /// A source text and its number.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "legal_sources")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: i64,
        #[sea_orm(column_type = "Text")]
        pub text: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Payslips: one per contract and period.
pub mod payslip {
    use sea_orm::entity::prelude::*;

    /// A computed, posted payslip; its lines are a JSON array.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "payslips")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub run_id: Uuid,
        pub contract_id: Uuid,
        pub member_id: Uuid,
        pub activity_id: Uuid,
        pub period: String,
        pub work_end: Date,
        pub deadline: Date,
        pub pay_date: Date,
        pub worker_category: String,
        pub gross_minor: i64,
        pub taxable_minor: i64,
        pub net_minor: i64,
        pub employer_cost_minor: i64,
        pub currency: String,
        #[sea_orm(column_type = "Text")]
        pub lines: String,
        pub entry_id: Uuid,
        pub status: String,
        /// regular, or true_up for a stabilised contract's year-end payslip.
        pub kind: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The guarantee fund's advances, recoveries and losses, per activity.
pub mod fund_movement {
    use sea_orm::entity::prelude::*;

    /// One movement.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "fund_movements")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub activity_id: Uuid,
        pub kind: String,
        pub amount_minor: i64,
        pub currency: String,
        pub movement_date: Date,
        pub payslip_id: Option<Uuid>,
        pub invoice_id: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Year-end true-ups of stabilised monthly contracts.
pub mod true_up {
    use sea_orm::entity::prelude::*;

    /// One contract's year: what the activity earned, what its payslips cost, the outcome.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "true_ups")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub contract_id: Uuid,
        pub year: i32,
        pub earned_minor: i64,
        pub costs_minor: i64,
        pub outcome: String,
        pub amount_minor: i64,
        pub currency: String,
        pub payslip_id: Option<Uuid>,
        pub created_at: DateTime,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Partner platforms that post their workers' hours.
pub mod platform {
    use sea_orm::entity::prelude::*;

    /// A platform: the client invoiced, its token's hash, its hourly rate.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "platforms")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub name: String,
        pub client_id: Uuid,
        pub token_hash: String,
        pub hourly_rate_minor: i64,
        pub currency: String,
        pub vat_category: String,
        pub worker_category: String,
        pub function: String,
        pub created_at: DateTime,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Members enrolled with a platform, under the platform's reference for them.
pub mod platform_worker {
    use sea_orm::entity::prelude::*;

    /// An enrolment: the member, the activity the hours pay into, the framework contract.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "platform_workers")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub platform_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub worker_ref: String,
        pub member_id: Uuid,
        pub activity_id: Uuid,
        pub contract_id: Uuid,
        pub enrolled_at: DateTime,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Batches of hours a platform posted: its answer is kept, so a batch sent again is answered the same.
pub mod platform_batch {
    use sea_orm::entity::prelude::*;

    /// A processed batch.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "platform_batches")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub platform_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub batch_id: String,
        pub body_hash: String,
        pub accepted: i32,
        pub rejected: i32,
        #[sea_orm(column_type = "Text")]
        pub result: String,
        pub received_at: DateTime,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Signed order forms the guarantee fund advances a budget on before the invoice.
pub mod order_form {
    use sea_orm::entity::prelude::*;

    /// An order form: what the client ordered, the budget advanced, and the invoice that closed it.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "order_forms")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub activity_id: Uuid,
        pub client_id: Uuid,
        pub reference: String,
        pub amount_minor: i64,
        pub advance_minor: i64,
        pub currency: String,
        pub signed_on: Date,
        pub status: String,
        pub invoice_id: Option<Uuid>,
        pub created_at: DateTime,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Members' expense claims.
pub mod expense_claim {
    use sea_orm::entity::prelude::*;

    /// A claim: travel (kilometres), material (amount spent) or days abroad (country, days,
    /// and the amount spent when claimed instead of the allowance).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "expense_claims")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub activity_id: Uuid,
        pub member_id: Uuid,
        pub kind: String,
        pub claim_date: Date,
        #[sea_orm(column_type = "Text")]
        pub description: String,
        pub receipt: Option<String>,
        pub kilometres: Option<String>,
        pub country: Option<String>,
        pub days: Option<i32>,
        pub spent_minor: Option<i64>,
        pub amount_minor: i64,
        pub currency: String,
        pub rate: Option<String>,
        #[sea_orm(column_type = "Text", nullable)]
        pub rate_source: Option<String>,
        pub status: String,
        #[sea_orm(column_type = "Text", nullable)]
        pub reason: Option<String>,
        pub submitted_at: DateTime,
        pub decided_at: Option<DateTime>,
        pub entry_id: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Dunning steps sent for overdue invoices.
pub mod dunning_step {
    use sea_orm::entity::prelude::*;

    /// One step (reminder, formal notice, handover), with what it claimed on the day it was sent.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "dunning_steps")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub invoice_id: Uuid,
        pub level: i32,
        pub kind: String,
        pub sent_on: Date,
        pub by_post: bool,
        pub outstanding_minor: i64,
        pub fee_minor: Option<i64>,
        pub interest_minor: i64,
        pub interest_from: Option<Date>,
        pub damages_minor: Option<i64>,
        pub currency: String,
        #[sea_orm(column_type = "Text")]
        pub source: String,
        pub created_at: DateTime,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The advisors' dunning status of an invoice (absent: active).
pub mod dunning_status {
    use sea_orm::entity::prelude::*;

    /// active, paused, handed_to_collection or settled, with the reason given.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "dunning_statuses")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub invoice_id: Uuid,
        pub status: String,
        #[sea_orm(column_type = "Text", nullable)]
        pub reason: Option<String>,
        pub updated_at: DateTime,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Quarterly social security returns (Belgium: DmfA), every version kept.
pub mod quarterly_return {
    use sea_orm::entity::prelude::*;

    /// One version of a quarter's return: its document and the totals it declares.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "quarterly_returns")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub quarter: String,
        pub version: i32,
        pub format: String,
        pub media_type: String,
        #[sea_orm(column_type = "Text")]
        pub content: String,
        pub payslips: i32,
        pub workers: i32,
        pub currency: String,
        pub gross_minor: i64,
        pub contribution_base_minor: i64,
        pub employee_contribution_minor: i64,
        pub employer_contribution_minor: i64,
        pub special_contribution_minor: i64,
        pub work_bonus_minor: i64,
        pub created_at: DateTime,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Corrections of clients and members: who changed what, when (old and new values).
pub mod record_change {
    use sea_orm::entity::prelude::*;

    /// A correction row; `changes` is a JSON array of `{field, old, new}`.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "record_changes")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub subject: String,
        pub subject_id: Uuid,
        pub changed_at: DateTime,
        pub changed_by: String,
        pub changes: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The buyer of an issued invoice as it stood at issue: a later correction of the
/// client does not change the invoice.
pub mod invoice_buyer {
    use sea_orm::entity::prelude::*;

    /// The buyer's fields at issue, as in `clients`.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "invoice_buyers")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub invoice_id: Uuid,
        pub name: String,
        pub kind: String,
        pub country: String,
        pub vat_number: Option<String>,
        pub street: String,
        pub postal_code: String,
        pub city: String,
        pub email: Option<String>,
        pub endpoint_scheme: Option<String>,
        pub endpoint_id: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Running totals of one activity, updated in the transaction of each entry,
/// payment, payslip or fund movement that changes them, so that a write reads
/// its activity's budget and cover in one row, whatever its history
/// (`partage check` recomputes them from the journal).
pub mod activity_total {
    use sea_orm::entity::prelude::*;

    /// One activity's totals, in minor units of `currency`.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "activity_totals")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub activity_id: Uuid,
        pub currency: String,
        /// The budget account's balance, credits positive.
        pub budget_minor: i64,
        /// The budget share of what its clients paid.
        pub received_minor: i64,
        /// Employer costs of its payslips and expenses repaid from its budget.
        pub spent_minor: i64,
        /// What the fund lost on it.
        pub lost_minor: i64,
        /// The fund's open advance: advances less recoveries and losses.
        pub advanced_minor: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Running totals of the guarantee fund (one row per currency), updated like
/// the activities' ones.
pub mod fund_total {
    use sea_orm::entity::prelude::*;

    /// The fund's totals, in minor units of `currency`.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "fund_totals")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub currency: String,
        /// The fund's account balance in the journal, credits positive.
        pub balance_minor: i64,
        /// Its reserve brought in (fund endowments).
        pub endowed_minor: i64,
        /// Its share of the fees clients really paid.
        pub share_received_minor: i64,
        /// Sum of its advances.
        pub advanced_minor: i64,
        /// Sum of its recoveries.
        pub recovered_minor: i64,
        /// Sum of its losses.
        pub lost_minor: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
