//! Payslip queries that several services share: the payroll run, the stabilised
//! contracts it pays and the fund's wage deadlines all ask which contracts still
//! lack their payslip for a month, and must ask it the same way.

use crate::storage::entities::{contract, payslip};
use partage_core::payroll::PayslipKind;
use sea_orm::sea_query::{Expr, Query, SelectStatement};

/// A contract's regular payslip for `period` (`YYYY-MM`), as a correlated
/// subquery on `contracts`: `NOT EXISTS` of it is what a run or a deadline still owes.
pub fn regular_payslip_of(period: &str) -> SelectStatement {
    Query::select()
        .expr(Expr::val(1))
        .from(payslip::Entity)
        .and_where(
            Expr::col((payslip::Entity, payslip::Column::ContractId)).equals((contract::Entity, contract::Column::Id)),
        )
        .and_where(Expr::col((payslip::Entity, payslip::Column::Period)).eq(period))
        .and_where(Expr::col((payslip::Entity, payslip::Column::Kind)).eq(PayslipKind::Regular.as_str()))
        .to_owned()
}
