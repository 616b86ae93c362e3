//! Scenario tests of the node's API, each on SQLite and on PostgreSQL
//! (127.0.0.1:5432, database `test`, one schema per test so tests run in parallel).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

mod common;

mod abroad;
mod accounts;
mod admin_pages;
mod advisor_pages;
mod auth;
mod bad_input;
mod cli;
mod contract_lifecycle;
mod crash;
mod docs_examples;
mod documents;
mod drill;
mod dunning;
mod dunning_letters;
mod expenses;
mod fee_schedule;
mod figures;
mod french_node;
mod french_typography;
mod hq_federation;
mod idempotency;
mod isolation;
mod jobs;
mod layers;
mod member_account;
mod member_lists;
mod member_pages;
mod money_flow;
mod numbering;
mod openapi;
mod order_forms;
mod outbox;
mod pages;
mod pages_browser;
mod payroll;
mod payroll_lists;
mod platforms;
mod postings;
mod problems;
mod quarterly_returns;
mod receipts;
mod repository;
mod running_totals;
mod schemathesis;
mod short_contracts;
mod stabilised;
mod transfer_pages;
mod transfers;
mod validation;
mod wages;
mod wire;
mod work;
