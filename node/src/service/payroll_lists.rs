//! The payroll lists: runs and payslips, filtered and paged, newest first.
//!
//! A page costs the same few queries whatever the history: a count, the page
//! (ordered by id, which is time-ordered and unique, so pages never shift
//! under equal keys), and for payslips the members' languages and the cited
//! sources of the whole page at once.

use super::bounds;
use super::payroll::{payslip_views, run_view};
use super::views::{Page, PayrollRunView, PayslipView};
use super::Node;
use crate::error::AppError;
use crate::storage::entities::{payroll_run, payslip};
use partage_core::client::CountryCode;
use partage_core::payroll::PayrollRunStatus;
use partage_core::payroll::PayslipKind;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

/// A payslip's kinds.
const PAYSLIP_KINDS: [&str; 2] = [PayslipKind::Regular.as_str(), PayslipKind::TrueUp.as_str()];

/// A `YYYY-MM` filter, checked; the field is named when it is not a month.
fn period_filter(field: &str, period: Option<&str>) -> Result<Option<String>, AppError> {
    period.map(|p| bounds::month(field, p).map(|p| p.to_string())).transpose()
}

/// One of `allowed`, or a problem naming the field and the values it takes.
pub fn one_of(field: &str, value: Option<&str>, allowed: &[&str]) -> Result<Option<String>, AppError> {
    match value {
        None => Ok(None),
        Some(v) if allowed.contains(&v) => Ok(Some(v.to_owned())),
        Some(v) => Err(AppError::invalid(field, format!("'{v}' is not one of {}", allowed.join(", ")))),
    }
}

/// Filters of the payroll run list.
#[derive(Clone, Debug, Default)]
pub struct RunFilter {
    /// `YYYY-MM`.
    pub period: Option<String>,
    /// running or completed.
    pub status: Option<String>,
}

/// Payroll runs, newest first.
pub async fn runs<C: ConnectionTrait>(
    c: &C,
    f: &RunFilter,
    offset: u64,
    limit: u64,
) -> Result<Page<PayrollRunView>, AppError> {
    let mut q = payroll_run::Entity::find();
    if let Some(p) = period_filter("period", f.period.as_deref())? {
        q = q.filter(payroll_run::Column::Period.eq(p));
    }
    let statuses = PayrollRunStatus::ALL.map(PayrollRunStatus::as_str);
    if let Some(s) = one_of("status", f.status.as_deref(), &statuses)? {
        q = q.filter(payroll_run::Column::Status.eq(s));
    }
    let total = q.clone().count(c).await?;
    let rows = q.order_by_desc(payroll_run::Column::Id).offset(offset).limit(limit).all(c).await?;
    Ok(Page { items: rows.iter().map(run_view).collect::<Result<_, _>>()?, total, offset, limit })
}

/// Filters of the payslip list.
#[derive(Clone, Debug, Default)]
pub struct PayslipFilter {
    /// The member paid.
    pub member_id: Option<Uuid>,
    /// The activity whose budget paid.
    pub activity_id: Option<Uuid>,
    /// The contract paid.
    pub contract_id: Option<Uuid>,
    /// The run that made them.
    pub run_id: Option<Uuid>,
    /// `YYYY-MM`.
    pub period: Option<String>,
    /// regular or true_up.
    pub kind: Option<String>,
    /// A state's code: only the payslips computed under its legislation; `home`: the node's own.
    pub legislation_country: Option<String>,
    /// en, fr or nl; each member's language when none.
    pub language: Option<String>,
}

/// Payslips with their lines, newest first.
pub async fn payslips<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    f: &PayslipFilter,
    offset: u64,
    limit: u64,
) -> Result<Page<PayslipView>, AppError> {
    let mut q = payslip::Entity::find();
    for (column, value) in [
        (payslip::Column::MemberId, f.member_id),
        (payslip::Column::ActivityId, f.activity_id),
        (payslip::Column::ContractId, f.contract_id),
        (payslip::Column::RunId, f.run_id),
    ] {
        if let Some(v) = value {
            q = q.filter(column.eq(v));
        }
    }
    if let Some(p) = period_filter("period", f.period.as_deref())? {
        q = q.filter(payslip::Column::Period.eq(p));
    }
    if let Some(k) = one_of("kind", f.kind.as_deref(), &PAYSLIP_KINDS)? {
        q = q.filter(payslip::Column::Kind.eq(k));
    }
    match f.legislation_country.as_deref() {
        None => {}
        Some("home") => q = q.filter(payslip::Column::LegislationState.is_null()),
        Some(state) => {
            // A filter: two letters ISO does not assign are well formed and match nothing.
            let code = CountryCode::from_letters(state).map_err(|_| {
                AppError::invalid("legislation_country", "expected a country's two-letter ISO 3166 code, or home")
            })?;
            // The node's own country is its own legislation, stored as none.
            q = if code == node.settings.country {
                q.filter(payslip::Column::LegislationState.is_null())
            } else {
                q.filter(payslip::Column::LegislationState.eq(code.as_str()))
            };
        }
    }
    let total = q.clone().count(c).await?;
    let rows = q.order_by_desc(payslip::Column::Id).offset(offset).limit(limit).all(c).await?;
    let items = payslip_views(c, node, rows, f.language.as_deref()).await?;
    Ok(Page { items, total, offset, limit })
}
