//! Schema migrations. Each migration is written out with sea-query, not derived
//! from the entities, so that a later change to an entity cannot change what an
//! old migration did.

use sea_orm_migration::prelude::*;

mod m0001_foundation;
mod m0002_work;
mod m0003_payroll;
mod m0004_contracts;
mod m0005_expenses;
mod m0006_dunning;
mod m0007_quarterly_returns;
mod m0008_payroll_lists;
mod m0009_corrections;
mod m0010_running_totals;
mod m0011_member_address;
mod m0012_jobs;
mod m0013_idempotency_expiry;
mod m0014_outbox;
mod m0015_auth;
mod m0016_period_figures;
mod m0017_journal_line_dates;
mod m0018_account_totals;
mod m0019_return_declared;
mod m0020_contract_motive;
mod m0021_expense_receipts;
mod m0022_contract_classification;
mod m0023_fund_movement_dates;
mod m0024_payslips_member_period;
mod m0025_member_transfers;
mod m0026_work_abroad;
mod m0027_member_search_name;
mod m0028_payslip_legislation;
mod m0029_posting_notices;
mod m0030_receipt_retention;
mod m0031_fee_changes;
mod m0032_invoices_activity_latest;
mod m0033_employer_cost_coefficient;
mod m0034_posting_amendments;
mod m0035_posting_open_ended;
mod m0036_member_nationality;
mod m0037_parked_retry;
mod m0038_unshared_rows;
mod m0039_parked_unreadable;
mod m0040_inter_office;

use m0001_foundation::M0001Foundation;
use m0002_work::M0002Work;
use m0003_payroll::M0003Payroll;
use m0004_contracts::M0004Contracts;
use m0005_expenses::M0005Expenses;
use m0006_dunning::M0006Dunning;
use m0007_quarterly_returns::M0007QuarterlyReturns;
use m0008_payroll_lists::M0008PayrollLists;
use m0009_corrections::M0009Corrections;
use m0010_running_totals::M0010RunningTotals;
use m0011_member_address::M0011MemberAddress;
use m0012_jobs::M0012Jobs;
use m0013_idempotency_expiry::M0013IdempotencyExpiry;
use m0014_outbox::M0014Outbox;
use m0015_auth::M0015Auth;
use m0016_period_figures::M0016PeriodFigures;
use m0017_journal_line_dates::M0017JournalLineDates;
use m0018_account_totals::M0018AccountTotals;
use m0019_return_declared::M0019ReturnDeclared;
use m0020_contract_motive::M0020ContractMotive;
use m0021_expense_receipts::M0021ExpenseReceipts;
use m0022_contract_classification::M0022ContractClassification;
use m0023_fund_movement_dates::M0023FundMovementDates;
use m0024_payslips_member_period::M0024PayslipsMemberPeriod;
use m0025_member_transfers::M0025MemberTransfers;
use m0026_work_abroad::M0026WorkAbroad;
use m0027_member_search_name::M0027MemberSearchName;
use m0028_payslip_legislation::M0028PayslipLegislation;
use m0029_posting_notices::M0029PostingNotices;
use m0030_receipt_retention::M0030ReceiptRetention;
use m0031_fee_changes::M0031FeeChanges;
use m0032_invoices_activity_latest::M0032InvoicesActivityLatest;
use m0033_employer_cost_coefficient::M0033EmployerCostCoefficient;
use m0034_posting_amendments::M0034PostingAmendments;
use m0035_posting_open_ended::M0035PostingOpenEnded;
use m0036_member_nationality::M0036MemberNationality;
use m0037_parked_retry::M0037ParkedRetry;
use m0038_unshared_rows::M0038UnsharedRows;
use m0039_parked_unreadable::M0039ParkedUnreadable;
use m0040_inter_office::M0040InterOffice;

/// All migrations, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(M0001Foundation),
            Box::new(M0002Work),
            Box::new(M0003Payroll),
            Box::new(M0004Contracts),
            Box::new(M0005Expenses),
            Box::new(M0006Dunning),
            Box::new(M0007QuarterlyReturns),
            Box::new(M0008PayrollLists),
            Box::new(M0009Corrections),
            Box::new(M0010RunningTotals),
            Box::new(M0011MemberAddress),
            Box::new(M0012Jobs),
            Box::new(M0013IdempotencyExpiry),
            Box::new(M0014Outbox),
            Box::new(M0015Auth),
            Box::new(M0016PeriodFigures),
            Box::new(M0017JournalLineDates),
            Box::new(M0018AccountTotals),
            Box::new(M0019ReturnDeclared),
            Box::new(M0020ContractMotive),
            Box::new(M0021ExpenseReceipts),
            Box::new(M0022ContractClassification),
            Box::new(M0023FundMovementDates),
            Box::new(M0024PayslipsMemberPeriod),
            Box::new(M0025MemberTransfers),
            Box::new(M0026WorkAbroad),
            Box::new(M0027MemberSearchName),
            Box::new(M0028PayslipLegislation),
            Box::new(M0029PostingNotices),
            Box::new(M0030ReceiptRetention),
            Box::new(M0031FeeChanges),
            Box::new(M0032InvoicesActivityLatest),
            Box::new(M0033EmployerCostCoefficient),
            Box::new(M0034PostingAmendments),
            Box::new(M0035PostingOpenEnded),
            Box::new(M0036MemberNationality),
            Box::new(M0037ParkedRetry),
            Box::new(M0038UnsharedRows),
            Box::new(M0039ParkedUnreadable),
            Box::new(M0040InterOffice),
        ]
    }
}

// Column and table builders every migration uses.

fn id(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).uuid().not_null().to_owned()
}
fn text(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).string().not_null().to_owned()
}
fn opt_text(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).string().null().to_owned()
}
fn minor(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).big_integer().not_null().to_owned()
}
fn int(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).integer().not_null().to_owned()
}
fn date(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).date().not_null().to_owned()
}
fn opt_date(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).date().null().to_owned()
}

fn table(name: &str) -> TableCreateStatement {
    Table::create().table(Alias::new(name)).to_owned()
}

fn index(name: &str, table: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut idx = Index::create().name(name).table(Alias::new(table)).to_owned();
    for c in cols {
        idx.col(Alias::new(*c));
    }
    idx
}

fn int_default(name: &str, value: i32) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).integer().not_null().default(value).to_owned()
}
