//! Stabilised monthly contracts: which ones a month-end run pays, each month's
//! budget (a twelfth of the expected year, after last year's true-up, by
//! calendar days in a first or last month), and what the year-end true-up weighs:
//! what the activity earned against what its payslips cost.

use super::views::TrueUpView;
use super::{money, work};
use crate::error::AppError;
use crate::storage::entities::{contract, journal_entry, journal_line, payroll_run, payslip, true_up};
use crate::storage::payslips::regular_payslip_of;
use chrono::NaiveDate;
use partage_core::contract::{self as contract_rules, ContractKind, ContractStatus, TrueUp};
use partage_core::ledger::AccountKind;
use partage_core::period::Month;
use partage_core::{Currency, Money};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

/// Rows per query of ids, under SQLite's and PostgreSQL's bound-parameter limits.
const IDS_PER_QUERY: usize = 1_000;

/// Stabilised contracts with no regular payslip for the run's month yet, after
/// `after`, in id order. Only a month-end run pays them: a monthly salary is
/// for the whole month.
pub(super) async fn due_stabilised<C: ConnectionTrait>(
    c: &C,
    run: &payroll_run::Model,
    p: Month,
    after: Option<Uuid>,
    chunk: u32,
) -> Result<Vec<contract::Model>, AppError> {
    let until = p.last_day().succ_opt().unwrap_or(p.last_day()).and_hms_opt(0, 0, 0).unwrap_or_default();
    let paid = regular_payslip_of(&run.period);
    let month_start = p.first_day().and_hms_opt(0, 0, 0).unwrap_or_default();
    // An ended contract is paid for its last month, then no more.
    let mut q = contract::Entity::find()
        .filter(contract::Column::Kind.eq(ContractKind::StabilisedMonthly.as_str()))
        .filter(contract::Column::Status.is_in([ContractStatus::Active.as_str(), ContractStatus::Ended.as_str()]))
        .filter(contract::Column::StartsAt.lt(until))
        .filter(contract::Column::EndsAt.gte(month_start))
        // Not under another country's legislation: see `payroll::due_contracts`.
        .filter(contract::Column::LegislationState.is_null());
    if let Some(after) = after {
        q = q.filter(contract::Column::Id.gt(after));
    }
    Ok(q.filter(Expr::exists(paid).not()).order_by_asc(contract::Column::Id).limit(u64::from(chunk)).all(c).await?)
}

/// The budget a stabilised contract has for the run's month: a twelfth of the
/// expected year less what last year's true-up carried over, shared by calendar
/// days in its first month.
pub(super) async fn stabilised_month_budget<C: ConnectionTrait>(
    c: &C,
    k: &contract::Model,
    p: Month,
) -> Result<Money, AppError> {
    let expected = money(k.budget_minor, &k.currency)?;
    let last = match true_up::Entity::find()
        .filter(true_up::Column::ContractId.eq(k.id))
        .filter(true_up::Column::Year.eq(p.year() - 1))
        .one(c)
        .await?
    {
        Some(t) => stored_true_up(&t)?,
        None => TrueUp::Settled,
    };
    let monthly = contract_rules::monthly_budget_after(expected, last)
        .map_err(|e| AppError::Corrupt(format!("contract {}: {e}", k.id)))?;
    Ok(contract_rules::month_share(monthly, k.starts_at.date(), work::end_of(k), p.first_day(), p.last_day()))
}

/// A stored true-up read back.
pub(super) fn stored_true_up(t: &true_up::Model) -> Result<TrueUp, AppError> {
    let amount = money(t.amount_minor, &t.currency)?;
    TrueUp::from_parts(&t.outcome, amount).ok_or_else(|| AppError::Corrupt(format!("true-up outcome '{}'", t.outcome)))
}

/// What a stabilised contract's activity has earned and what it has paid, from
/// its opening to `until` (the year's end, or the end of the contract's last
/// month): budget brought by invoices, credit notes, expenses and defaults dated
/// then or before, against the employer cost of every payslip for `last_month`
/// or before and the budget still reserved by contracts not yet paid.
/// Cumulative, so that a shortfall carried from a year is counted once, as the
/// lower salary of the next.
pub(super) async fn earned_and_costs<C: ConnectionTrait>(
    c: &C,
    activity: Uuid,
    until: NaiveDate,
    last_month: &str,
    currency: Currency,
) -> Result<(Money, Money), AppError> {
    let entries: Vec<Uuid> = journal_entry::Entity::find()
        .select_only()
        .column(journal_entry::Column::Id)
        .filter(journal_entry::Column::EntryDate.lte(until))
        .filter(journal_entry::Column::Kind.ne("payslip_posted"))
        .filter(journal_entry::Column::Kind.ne("wages_paid"))
        .filter(
            journal_entry::Column::Id.in_subquery(
                Query::select()
                    .column(journal_line::Column::EntryId)
                    .from(journal_line::Entity)
                    .and_where(journal_line::Column::Account.eq(AccountKind::ActivityBudget.as_str()))
                    .and_where(journal_line::Column::SubAccount.eq(activity))
                    .to_owned(),
            ),
        )
        .into_tuple()
        .all(c)
        .await?;
    let mut earned = Money::zero(currency);
    for part in entries.chunks(IDS_PER_QUERY) {
        for l in journal_line::Entity::find()
            .filter(journal_line::Column::EntryId.is_in(part.iter().copied()))
            .filter(journal_line::Column::Account.eq(AccountKind::ActivityBudget.as_str()))
            .filter(journal_line::Column::SubAccount.eq(activity))
            .all(c)
            .await?
        {
            // A budget is owed to the member: credits (negative) add to it.
            earned = earned.checked_sub(money(l.amount_minor, &l.currency)?)?;
        }
    }
    let mut costs = Money::zero(currency);
    for s in payslip::Entity::find()
        .filter(payslip::Column::ActivityId.eq(activity))
        .filter(payslip::Column::Period.lte(last_month))
        .all(c)
        .await?
    {
        costs = costs.checked_add(money(s.employer_cost_minor, &s.currency)?)?;
    }
    let unpaid = Query::select()
        .expr(Expr::val(1))
        .from(payslip::Entity)
        .and_where(
            Expr::col((payslip::Entity, payslip::Column::ContractId)).equals((contract::Entity, contract::Column::Id)),
        )
        .to_owned();
    for k in contract::Entity::find()
        .filter(contract::Column::ActivityId.eq(activity))
        .filter(contract::Column::Kind.is_in(super::kinds_paid_per_work()))
        .filter(contract::Column::Status.eq(ContractStatus::Active.as_str()))
        .filter(Expr::exists(unpaid).not())
        .all(c)
        .await?
    {
        costs = costs.checked_add(money(k.budget_minor, &k.currency)?)?;
    }
    Ok((earned, costs))
}

/// The year-end true-ups of a contract, oldest first.
pub async fn true_ups<C: ConnectionTrait>(c: &C, contract_id: Uuid) -> Result<Vec<TrueUpView>, AppError> {
    contract::Entity::find_by_id(contract_id)
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("contract", contract_id))?;
    let rows = true_up::Entity::find()
        .filter(true_up::Column::ContractId.eq(contract_id))
        .order_by_asc(true_up::Column::Year)
        .all(c)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for t in rows {
        let m = |v: i64| money(v, &t.currency).map(|x| x.amount().to_string());
        out.push(TrueUpView {
            contract_id: t.contract_id,
            year: t.year,
            earned: m(t.earned_minor)?,
            costs: m(t.costs_minor)?,
            amount: m(t.amount_minor)?,
            outcome: t.outcome,
            currency: t.currency,
            payslip_id: t.payslip_id,
        });
    }
    Ok(out)
}
