//! sea-orm entities: one module per table. Amounts are integer minor units plus
//! a currency (SQLite has no decimal type); decimals that are not money
//! (quantities, rates) are stored as text so they never go through a float.

pub mod a1_certificate;
pub mod account;
pub mod account_delta;
pub mod account_total;
pub mod activity;
pub mod activity_total;
pub mod activity_total_delta;
pub mod api_token;
pub mod client;
pub mod contract;
pub mod credit_note;
pub mod dunning_status;
pub mod dunning_step;
pub mod expense_claim;
pub mod expense_receipt;
pub mod fund_movement;
pub mod fund_total;
pub mod fund_total_delta;
pub mod hiring_declaration;
pub mod idempotency_key;
pub mod invoice;
pub mod invoice_buyer;
pub mod invoice_line;
pub mod job;
pub mod journal_entry;
pub mod journal_line;
pub mod legal_source;
pub mod login_attempt;
pub mod member;
pub mod number_sequence;
pub mod order_form;
pub mod payment;
pub mod payroll_run;
pub mod payslip;
pub mod period_figure;
pub mod platform;
pub mod platform_batch;
pub mod platform_worker;
pub mod quarterly_return;
pub mod record_change;
pub mod session;
pub mod true_up;
pub mod work_declaration;
pub mod work_period;
