//! The guarantee fund as the node keeps it: advances made by payroll runs,
//! recovered by client payments, turned into losses by client defaults; its
//! coverage ratio; and the wages nearing their seven-working-day deadline.
//!
//! The fund is a hook: the operations that move an activity's money (a payroll
//! chunk, a client's payment or default, an expense repaid, an order form's
//! advance) receive a [`Fund`] and call it inside their own transaction, so
//! the fund's movements commit with the money that caused them. This module
//! calls none of those operations back; the federation's outbox row of each
//! movement is written here, in that same transaction.

use super::totals::{self, Deltas};
use super::views::{GuaranteeFundView, WageDeadlineView};
use super::{kinds_paid_per_work, minor, Node};
use crate::error::AppError;
use crate::storage::batch::Batch;
use crate::storage::entities::{contract, fund_movement, fund_total, payslip};
use crate::storage::outbox;
use crate::storage::payslips::regular_payslip_of;
use chrono::{Datelike, NaiveDate};
use partage_core::contract::{ContractKind, ContractStatus};
use partage_core::guarantee_fund::{coverage_ratio, movement, wage_deadline, Cover, FundTotals, Movement};
use partage_core::period::Month;
use partage_core::{Currency, Money};
use partage_federation::events::FundMovedV1;
use partage_federation::Event;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// Rows per `IN (...)` list, under SQLite's and PostgreSQL's bound-parameter limits.
const IDS_PER_QUERY: usize = 1_000;
use uuid::Uuid;

/// A movement to record: activity, movement, date, payslip and invoice that caused it.
pub type NewMovement = (Uuid, Movement, NaiveDate, Option<Uuid>, Option<Uuid>);

/// The fund inside one transaction: what an operation moving money calls.
pub struct Fund<'a, C> {
    c: &'a C,
    currency: Currency,
    at: chrono::DateTime<chrono::Utc>,
}

/// An activity's advance read before a change, to record the change after it.
#[derive(Clone, Copy, Debug)]
#[must_use = "a watched advance is settled once the change is made"]
pub struct Watch {
    activity: Uuid,
    before: Money,
    cover: Cover,
}

impl Watch {
    /// The advance before the change.
    pub fn before(&self) -> Money {
        self.before
    }
}

impl<'a, C: ConnectionTrait> Fund<'a, C> {
    /// The fund of the node's currency, in the transaction `c`, at the node's instant `at`.
    pub fn new(c: &'a C, currency: Currency, at: chrono::DateTime<chrono::Utc>) -> Self {
        Fund { c, currency, at }
    }

    /// Locks an activity and reads its advance before a change; its totals stay
    /// locked until the commit, so no other writer moves them in between.
    pub async fn watch(&self, activity: Uuid) -> Result<Watch, AppError> {
        let cover = cover_locked(self.c, activity, self.currency).await?;
        Ok(Watch { activity, before: cover.outstanding()?, cover })
    }

    /// [`Fund::watch`] for a client's payment, which only brings money in: on PostgreSQL
    /// payments of one activity do not wait for each other unless the fund has an
    /// advance on it to recover.
    pub async fn watch_payment(&self, activity: Uuid) -> Result<Watch, AppError> {
        if self.c.get_database_backend() != DbBackend::Postgres {
            return self.watch(activity).await;
        }
        let cover = cover_for_payment(self.c, activity, self.currency).await?;
        Ok(Watch { activity, before: cover.outstanding()?, cover })
    }

    /// Settles a watch against changes not written yet: the activity's advance
    /// after `deltas` are applied, its movement (if any) added to `batch` and to
    /// `deltas`, and its event returned for the caller's outbox. One read and
    /// one write fewer than [`Fund::settle`] on rows that writers queue on.
    pub fn settle_into(
        &self,
        watch: Watch,
        deltas: &mut Deltas,
        batch: &mut Batch,
        date: NaiveDate,
        invoice: Option<Uuid>,
    ) -> Result<Option<Event>, AppError> {
        let after = deltas.cover_after(watch.activity, watch.cover)?.outstanding()?;
        let Some(m) = movement(watch.before, after)? else { return Ok(None) };
        deltas.moved(watch.activity, &m)?;
        batch.add(&fund_movement::Entity::insert(movement_row(watch.activity, m, date, None, invoice)?));
        Ok(Some(Event::FundMoved(FundMovedV1 {
            activity: watch.activity,
            kind: m.kind().to_owned(),
            amount: outbox::amount(m.amount()),
            on: date,
        })))
    }

    /// Records the fund's movement from the watched advance to the activity's advance now.
    pub async fn settle(&self, watch: Watch, date: NaiveDate, invoice: Option<Uuid>) -> Result<(), AppError> {
        let after = totals::cover_locked(self.c, watch.activity, self.currency).await?.outstanding()?;
        if let Some(m) = movement(watch.before, after)? {
            self.record(vec![(watch.activity, m, date, None, invoice)]).await?;
        }
        Ok(())
    }

    /// Records movements the caller computed (a payroll chunk's, a default's
    /// loss) and moves the running totals with them.
    pub async fn record(&self, movements: Vec<NewMovement>) -> Result<(), AppError> {
        let mut deltas = Deltas::new(self.currency);
        let mut rows = Vec::with_capacity(movements.len());
        let mut events = Vec::with_capacity(movements.len());
        for (activity, m, date, payslip, invoice) in movements {
            deltas.moved(activity, &m)?;
            events.push(Event::FundMoved(FundMovedV1 {
                activity,
                kind: m.kind().to_owned(),
                amount: outbox::amount(m.amount()),
                on: date,
            }));
            rows.push(movement_row(activity, m, date, payslip, invoice)?);
        }
        for part in rows.chunks(IDS_PER_QUERY) {
            fund_movement::Entity::insert_many(part.to_vec()).exec_without_returning(self.c).await?;
        }
        outbox::push_all(self.c, self.at, &events).await?;
        deltas.apply(self.c).await
    }

    /// What the fund holds to lend (core's [`FundTotals::held`]), its row locked
    /// until the commit so that two advances cannot both count the same money.
    pub async fn held(&self) -> Result<Money, AppError> {
        Ok(fund_totals(&totals::fund(self.c, self.currency, true).await?, self.currency).held()?)
    }
}

/// The fund's running totals as core reads them.
fn fund_totals(t: &fund_total::Model, currency: Currency) -> FundTotals {
    let m = |v: i64| Money::from_minor(v, currency);
    FundTotals {
        endowed: m(t.endowed_minor),
        share_received: m(t.share_received_minor),
        advanced: m(t.advanced_minor),
        recovered: m(t.recovered_minor),
        lost: m(t.lost_minor),
    }
}

/// The fund's balance, its open advances and coverage ratio, from its running totals.
pub async fn view<C: ConnectionTrait>(c: &C, node: &Node) -> Result<GuaranteeFundView, AppError> {
    let currency = node.currency();
    let t = totals::fund(c, currency, false).await?;
    let balance = Money::from_minor(t.balance_minor, currency);
    let fund = fund_totals(&t, currency);
    let open = fund.open_advances()?;
    Ok(GuaranteeFundView {
        balance: balance.amount().to_string(),
        open_advances: open.amount().to_string(),
        coverage_ratio: coverage_ratio(balance, open).map(|r| r.0.to_string()),
        advanced: fund.advanced.amount().to_string(),
        recovered: fund.recovered.amount().to_string(),
        lost: fund.lost.amount().to_string(),
        currency: currency.code().into(),
    })
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
        .filter(contract::Column::Kind.is_in(kinds_paid_per_work()))
        .filter(contract::Column::Status.eq(ContractStatus::Active.as_str()))
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
            let period = Month::of(work_end).to_string();
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
        let paid = regular_payslip_of(&Month::of(end).to_string());
        let due = contract::Entity::find()
            .filter(contract::Column::Kind.eq(ContractKind::StabilisedMonthly.as_str()))
            .filter(contract::Column::Status.is_in([ContractStatus::Active.as_str(), ContractStatus::Ended.as_str()]))
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
    if c.get_database_backend() != DbBackend::Postgres {
        return totals::cover_locked(c, activity, currency).await;
    }
    // Both locks in one round trip: the scalar subquery (an init plan) runs, and
    // locks the activity, before the totals row is scanned and locked. The cover is
    // read after, by a statement of its own: one that waited for a lock reads the
    // other tables as they were when it began, before the change it waited for.
    let sql = "SELECT t.activity_id FROM activity_totals t \
               WHERE t.activity_id = (SELECT a.id FROM activities a WHERE a.id = $1 FOR UPDATE) FOR UPDATE";
    c.query_one(sea_orm::Statement::from_sql_and_values(DbBackend::Postgres, sql, [activity.into()])).await?;
    totals::cover(c, activity, currency).await
}

/// One activity's cover before a client's payment on PostgreSQL, where payments of one
/// activity run side by side. The activity is locked for share: no advance, which
/// locks it for update, can start until the payment commits. Only when the fund has an
/// advance to recover does the payment lock the totals' row too, so that two payments
/// never recover the same advance; it then reads the cover again behind that lock.
async fn cover_for_payment<C: ConnectionTrait>(c: &C, activity: Uuid, currency: Currency) -> Result<Cover, AppError> {
    let sql = "SELECT a.id FROM activities a WHERE a.id = $1 FOR SHARE";
    c.query_one(sea_orm::Statement::from_sql_and_values(DbBackend::Postgres, sql, [activity.into()])).await?;
    let cover = totals::cover(c, activity, currency).await?;
    if !cover.outstanding()?.is_positive() {
        return Ok(cover);
    }
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
