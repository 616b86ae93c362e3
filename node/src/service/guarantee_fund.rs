//! The guarantee fund as the node keeps it: advances made by payroll runs,
//! recovered by client payments, turned into losses by client defaults; its
//! coverage ratio; and the wages nearing their seven-working-day deadline.

use super::totals::{self, Deltas};
use super::views::{GuaranteeFundView, WageDeadlineView};
use super::{ledger, minor, money, Node};
use crate::error::AppError;
use crate::storage::entities::{contract, fund_movement, payslip};
use chrono::{Datelike, NaiveDate};
use partage_core::guarantee_fund::{
    client_defaulted, coverage_ratio, movement, wage_deadline, write_off, Cover, InvoiceParts, Movement,
};
use partage_core::invoice::{check_defaultable, InvoiceStatus};
use partage_core::{ActivityId, ClientId, Currency, Money};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashMap;

/// Rows per `IN (...)` list, under SQLite's and PostgreSQL's bound-parameter limits.
const IDS_PER_QUERY: usize = 1_000;
use uuid::Uuid;

/// The advance of an activity before a change, to record the change after it
/// (the activity's totals are locked until the commit).
pub async fn outstanding<C: ConnectionTrait>(c: &C, node: &Node, activity: Uuid) -> Result<Money, AppError> {
    Ok(cover_locked(c, activity, node.currency()).await?.outstanding()?)
}

/// Records the fund's movement from `before` (read by [`outstanding`] in this
/// transaction, which locked the activity) to the activity's advance now.
pub async fn record_change<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    activity: Uuid,
    before: Money,
    date: NaiveDate,
    invoice: Option<Uuid>,
) -> Result<(), AppError> {
    let after = totals::cover_locked(c, activity, node.currency()).await?.outstanding()?;
    if let Some(m) = movement(before, after)? {
        insert_movements(c, node.currency(), vec![(activity, m, date, None, invoice)]).await?;
    }
    Ok(())
}

/// A movement to record: activity, movement, date, payslip and invoice that caused it.
pub type NewMovement = (Uuid, Movement, NaiveDate, Option<Uuid>, Option<Uuid>);

/// Inserts fund movements and moves the running totals with them.
pub async fn insert_movements<C: ConnectionTrait>(
    c: &C,
    currency: Currency,
    movements: Vec<NewMovement>,
) -> Result<(), AppError> {
    let mut deltas = Deltas::new(currency);
    let mut rows = Vec::with_capacity(movements.len());
    for (activity, m, date, payslip, invoice) in movements {
        deltas.moved(activity, &m)?;
        rows.push(movement_row(activity, m, date, payslip, invoice)?);
    }
    for part in rows.chunks(IDS_PER_QUERY) {
        fund_movement::Entity::insert_many(part.to_vec()).exec_without_returning(c).await?;
    }
    deltas.apply(c).await
}

/// A client's default or bankruptcy on one invoice: what it still owes is
/// written off, and the fund bears the part of it that was advanced as wages.
pub async fn client_default<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    date: NaiveDate,
    reason: &str,
) -> Result<super::views::InvoiceView, AppError> {
    let reason = reason.trim();
    if reason.is_empty() || reason.len() > 500 {
        return Err(AppError::invalid("reason", "say why (bankruptcy, default...), in at most 500 characters"));
    }
    let inv = super::invoices::load_locked(c, id).await?;
    let status: InvoiceStatus = inv.status.parse()?;
    check_defaultable(status)?;
    if inv.invoice_date.is_some_and(|d| date < d) {
        return Err(AppError::invalid("date", "a default cannot precede the invoice date"));
    }
    let m = |v: i64| money(v, &inv.currency);
    let parts = write_off(
        &InvoiceParts {
            gross: m(inv.gross_minor)?,
            vat: m(inv.vat_minor)?,
            // The stored fee is the whole fee, the fund's share included.
            fee: m(inv.fee_minor.saturating_sub(inv.fund_minor))?,
            fund_share: m(inv.fund_minor)?,
        },
        m(inv.paid_minor)?,
    )?;
    let advanced = outstanding(c, node, inv.activity_id).await?;
    let loss = if advanced.amount() < parts.budget.amount() { advanced } else { parts.budget };
    let number = inv.number.clone().unwrap_or_default();
    let entry = client_defaulted(
        date,
        &format!("default {number}: {reason}"),
        ClientId(inv.client_id),
        ActivityId(inv.activity_id),
        &parts,
        loss,
    )?;
    ledger::post(c, &entry, Some(inv.id)).await?;
    if loss.is_positive() {
        insert_movements(c, node.currency(), vec![(inv.activity_id, Movement::Loss(loss), date, None, Some(inv.id))])
            .await?;
    }
    let before = inv.clone();
    let mut row = inv.into_active_model();
    row.status = Set(InvoiceStatus::WrittenOff.as_str().into());
    let after = sea_orm::ActiveModelTrait::update(row, c).await?;
    let mut deltas = Deltas::new(node.currency());
    deltas.invoice(Some(&before), &after)?;
    deltas.apply(c).await?;
    super::invoices::get(c, node, id).await
}

/// The fund's balance, its open advances and coverage ratio, from its running totals.
pub async fn view<C: ConnectionTrait>(c: &C, node: &Node) -> Result<GuaranteeFundView, AppError> {
    let currency = node.currency();
    let t = totals::fund(c, currency, false).await?;
    let m = |v: i64| Money::from_minor(v, currency);
    let balance = m(t.balance_minor);
    let (advanced, recovered, lost) = (m(t.advanced_minor), m(t.recovered_minor), m(t.lost_minor));
    let open = advanced.checked_sub(recovered)?.checked_sub(lost)?;
    Ok(GuaranteeFundView {
        balance: balance.amount().to_string(),
        open_advances: open.amount().to_string(),
        coverage_ratio: coverage_ratio(balance, open).map(|r| r.0.to_string()),
        advanced: advanced.amount().to_string(),
        recovered: recovered.amount().to_string(),
        lost: lost.amount().to_string(),
        currency: currency.code().into(),
    })
}

/// What the fund really holds to lend: its reserve and its share of the fees
/// clients have paid, less what it has lost and what it has out as advances.
/// Fee shares of invoices not yet paid are receivables, not money: a 10^16
/// invoice issued and unpaid lends nothing. The fund's row stays locked until
/// the commit, so two advances cannot both count the same money.
pub async fn held<C: ConnectionTrait>(c: &C, currency: Currency) -> Result<Money, AppError> {
    let t = totals::fund(c, currency, true).await?;
    let m = |v: i64| Money::from_minor(v, currency);
    let open = m(t.advanced_minor).checked_sub(m(t.recovered_minor))?.checked_sub(m(t.lost_minor))?;
    Ok(m(t.endowed_minor).checked_add(m(t.share_received_minor))?.checked_sub(m(t.lost_minor))?.checked_sub(open)?)
}

/// Contracts whose work has ended, not yet paid, due within `within` working
/// days (late ones first): what advisors must see before the deadline passes.
pub async fn deadlines<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    within: u32,
    today: NaiveDate,
) -> Result<Vec<WageDeadlineView>, AppError> {
    let calendar = node.pack.calendar();
    // Work that ended more than two months ago is a payroll run's business, not a deadline's.
    let since = today.checked_sub_days(chrono::Days::new(62)).unwrap_or(today);
    let ended = contract::Entity::find()
        .filter(contract::Column::Kind.is_in([super::work::PER_PERFORMANCE, super::work::HOURLY]))
        .filter(contract::Column::Status.eq("active"))
        .filter(contract::Column::EndsAt.gte(since.and_hms_opt(0, 0, 0).unwrap_or_default()))
        .filter(contract::Column::EndsAt.lt(today.succ_opt().unwrap_or(today).and_hms_opt(0, 0, 0).unwrap_or_default()))
        .order_by_asc(contract::Column::EndsAt)
        .all(c)
        .await?;
    let mut out = Vec::new();
    for part in ended.chunks(1_000) {
        let paid: Vec<(Uuid, String)> = payslip::Entity::find()
            .select_only()
            .column(payslip::Column::ContractId)
            .column(payslip::Column::Period)
            .filter(payslip::Column::ContractId.is_in(part.iter().map(|k| k.id)))
            .into_tuple()
            .all(c)
            .await?;
        for k in part {
            let work_end = k.ends_at.date();
            let period = work_end.format("%Y-%m").to_string();
            if paid.iter().any(|(id, p)| *id == k.id && *p == period) {
                continue;
            }
            out.extend(due_within(calendar, today, within, k, work_end));
        }
    }
    // Stabilised contracts: the salary of a month that has ended is due seven
    // working days after its last day, until its month-end run pays it.
    let month_start = today.with_day(1).unwrap_or(today);
    let last_month_end = month_start.pred_opt().unwrap_or(today);
    let mut ends = vec![last_month_end];
    if today.succ_opt().is_some_and(|d| d.day() == 1) {
        ends.push(today);
    }
    for end in ends {
        let period = end.format("%Y-%m").to_string();
        let paid = super::payroll::regular_payslip_of(&period);
        let due = contract::Entity::find()
            .filter(contract::Column::Kind.eq(super::work::STABILISED))
            .filter(contract::Column::Status.is_in(["active", "ended"]))
            .filter(
                contract::Column::EndsAt.gte(end.with_day(1).unwrap_or(end).and_hms_opt(0, 0, 0).unwrap_or_default()),
            )
            .filter(
                contract::Column::StartsAt.lt(end.succ_opt().unwrap_or(end).and_hms_opt(0, 0, 0).unwrap_or_default()),
            )
            .filter(Expr::exists(paid).not())
            .all(c)
            .await?;
        for k in &due {
            out.extend(due_within(calendar, today, within, k, end));
        }
    }
    out.sort_by_key(|d| (d.working_days_left, d.contract_id));
    Ok(out)
}

/// A contract's unpaid wage for work ended on `work_end`, if its deadline is
/// within `within` working days of `today` (or passed).
fn due_within(
    calendar: &dyn partage_core::calendar::Calendar,
    today: NaiveDate,
    within: u32,
    k: &contract::Model,
    work_end: NaiveDate,
) -> Option<WageDeadlineView> {
    let deadline = wage_deadline(calendar, work_end);
    let left = working_days_left(calendar, today, deadline);
    (left <= i64::from(within)).then_some(WageDeadlineView {
        contract_id: k.id,
        member_id: k.member_id,
        activity_id: k.activity_id,
        work_end,
        deadline,
        working_days_left: left,
    })
}

/// Working days from `today` to `deadline`, negative once it has passed.
fn working_days_left(calendar: &dyn partage_core::calendar::Calendar, today: NaiveDate, deadline: NaiveDate) -> i64 {
    if deadline >= today {
        i64::from(calendar.working_days_between(today, deadline))
    } else {
        -i64::from(calendar.working_days_between(deadline, today))
    }
}

/// What the fund has lost on an activity so far.
pub async fn lost_on<C: ConnectionTrait>(c: &C, activity: Uuid, currency: Currency) -> Result<Money, AppError> {
    Ok(Money::from_minor(totals::activity(c, activity, false).await?.lost_minor, currency))
}

/// Each activity's cover (received, lost, spent on wages and expenses), from its running totals.
pub async fn covers<C: ConnectionTrait>(
    c: &C,
    activities: &[Uuid],
    currency: Currency,
) -> Result<HashMap<Uuid, Cover>, AppError> {
    let zero = Money::zero(currency);
    let found = totals::activities(c, activities).await?;
    Ok(activities
        .iter()
        .map(|a| {
            (
                *a,
                found
                    .get(a)
                    .map_or(Cover { received: zero, lost: zero, spent: zero }, |t| totals::cover_of(t, currency)),
            )
        })
        .collect())
}

/// One activity's cover, with its rows locked on PostgreSQL so that a client's
/// payment and a payroll chunk see each other's effect on the advance.
pub async fn cover_locked<C: ConnectionTrait>(c: &C, activity: Uuid, currency: Currency) -> Result<Cover, AppError> {
    // The activity row is locked first: the totals row may not exist yet, and
    // locking nothing would let two writers both start from zero.
    lock_activities(c, &[activity]).await?;
    totals::cover_locked(c, activity, currency).await
}

/// Locks activity rows in id order on PostgreSQL (SQLite's write lock already serialises writers).
pub async fn lock_activities<C: ConnectionTrait>(c: &C, ids: &[Uuid]) -> Result<(), AppError> {
    if c.get_database_backend() == DbBackend::Postgres {
        use crate::storage::entities::activity;
        for part in ids.chunks(IDS_PER_QUERY) {
            activity::Entity::find()
                .select_only()
                .column(activity::Column::Id)
                .filter(activity::Column::Id.is_in(part.iter().copied()))
                .order_by_asc(activity::Column::Id)
                .lock_exclusive()
                .into_tuple::<Uuid>()
                .all(c)
                .await?;
        }
    }
    Ok(())
}

/// A fund movement row to insert.
pub fn movement_row(
    activity: Uuid,
    m: Movement,
    date: NaiveDate,
    payslip_id: Option<Uuid>,
    invoice_id: Option<Uuid>,
) -> Result<fund_movement::ActiveModel, AppError> {
    Ok(fund_movement::ActiveModel {
        id: Set(Uuid::now_v7()),
        activity_id: Set(activity),
        kind: Set(m.kind().into()),
        amount_minor: Set(minor(m.amount())?),
        currency: Set(m.amount().currency().code().into()),
        movement_date: Set(date),
        payslip_id: Set(payslip_id),
        invoice_id: Set(invoice_id),
    })
}
