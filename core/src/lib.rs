//! partage-core: the shared domain of a shared-enterprise cooperative.
//!
//! Money, members and their shares, activities, clients, invoices, the fee, the
//! double-entry journal, and the contract a country pack implements. Core knows no
//! country, no storage, no HTTP and no clock: every function that depends on a
//! date takes it as an argument.

pub mod activity;
pub mod bank;
pub mod calendar;
pub mod client;
pub mod contract;
pub mod contract_reason;
pub mod dated;
pub mod dunning;
pub mod en16931;
pub mod expense;
pub mod fee;
pub mod guarantee_fund;
pub mod hiring;
pub mod ids;
pub mod invoice;
pub mod iso3166;
pub mod ledger;
pub mod legislation;
pub mod member;
pub mod money;
pub mod order_form;
pub mod pack;
pub mod payroll;
pub mod period;
pub mod sepa;
pub mod social_return;
pub mod transfer;
pub mod vat;
pub mod work_declaration;
pub mod xml;

pub use ids::{ActivityId, ClientId, CreditNoteId, InvoiceId, MemberId, PaymentId};
pub use money::{Currency, Money, MoneyError, Rate, RoundingRule};
