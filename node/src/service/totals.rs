//! Running totals: each activity's budget and cover and the guarantee fund's
//! balance, advances and receipts, kept in one row each and moved by deltas in
//! the transaction of the entry, payment, payslip or fund movement that changes
//! them (tigerbeetle's accounts carry `debits_posted`/`credits_posted` the same
//! way). A write then reads its activity's figures in one row instead of summing
//! the activity's whole history; `partage check` (`service::audit`) recomputes
//! every total from the journal and the documents and names any difference.
//!
//! Rows are created by their first delta (an upsert adding to what is there).
//! On PostgreSQL the upsert holds the row until the commit, so two writers of
//! one activity queue on it; readers that decide on a total lock it first
//! ([`cover_locked`]). Deltas are applied activities first, in id order, then
//! the fund, so that two transactions never take these rows in opposite orders.
//!
//! A change that only adds money (an invoice issued, a client's payment) does not
//! take those rows on PostgreSQL: it is appended to `activity_total_deltas` and
//! `fund_total_deltas` (m0038), and [`roll_up`] folds the appended rows into the
//! totals every few tenths of a second. Otherwise every issue and payment of an
//! activity, and every one of the node for the fund's row, would pass one at a time
//! through the rows held across their commit's disk sync. No decision needs to see
//! such a change at once: a cover or a lending limit read without it counts less
//! money in, never more. A reader adds the appended rows to the totals in the same
//! statement, so that a fold committed in between is counted once.

use super::minor;
use crate::error::AppError;
use crate::storage::batch::Batch;
use crate::storage::entities::{activity_total, activity_total_delta, fund_total, fund_total_delta, invoice};
use crate::storage::{delete_folded, Store};
use partage_core::guarantee_fund::{budget_received, Cover, Movement};
use partage_core::ledger::{AccountKind, EntryKind, JournalEntry};
use partage_core::{Currency, Money};
use sea_orm::sea_query::{Alias, Expr, OnConflict, Query, SelectStatement, UnionType};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryOrder, QueryResult, QuerySelect,
    TransactionTrait,
};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// Invoice statuses whose payments count as received (a cancelled invoice was never owed).
pub const COUNTED_STATUSES: [&str; 4] = ["issued", "partly_paid", "paid", "written_off"];

/// Changes to one activity's totals, in minor units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ActivityDelta {
    /// Budget balance, credits positive.
    pub budget: i64,
    /// Budget share received.
    pub received: i64,
    /// Spent on wages and expenses.
    pub spent: i64,
    /// Lost by the fund.
    pub lost: i64,
    /// The fund's open advance.
    pub advanced: i64,
}

/// Changes to the fund's totals, in minor units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FundDelta {
    /// Account balance, credits positive.
    pub balance: i64,
    /// Reserve brought in.
    pub endowed: i64,
    /// Fee shares received.
    pub share_received: i64,
    /// Advances.
    pub advanced: i64,
    /// Recoveries.
    pub recovered: i64,
    /// Losses.
    pub lost: i64,
}

fn add(total: &mut i64, delta: i64) -> Result<(), AppError> {
    *total = total.checked_add(delta).ok_or_else(|| AppError::Corrupt("running total overflows".into()))?;
    Ok(())
}

fn sub(total: &mut i64, delta: i64) -> Result<(), AppError> {
    *total = total.checked_sub(delta).ok_or_else(|| AppError::Corrupt("running total overflows".into()))?;
    Ok(())
}

/// What one transaction changes in the totals, applied at once by [`Deltas::apply`].
#[derive(Debug)]
pub struct Deltas {
    currency: Currency,
    activities: BTreeMap<Uuid, ActivityDelta>,
    fund: FundDelta,
}

impl Deltas {
    /// No change yet, in the node's currency.
    pub fn new(currency: Currency) -> Deltas {
        Deltas { currency, activities: BTreeMap::new(), fund: FundDelta::default() }
    }

    /// The currency the totals are kept in.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    fn activity(&mut self, id: Uuid) -> &mut ActivityDelta {
        self.activities.entry(id).or_default()
    }

    /// An activity's cover once these changes are applied to `cover`.
    pub fn cover_after(&self, activity: Uuid, cover: Cover) -> Result<Cover, AppError> {
        let Some(d) = self.activities.get(&activity) else { return Ok(cover) };
        let m = |v: i64| Money::from_minor(v, self.currency);
        Ok(Cover {
            received: cover.received.checked_add(m(d.received))?,
            lost: cover.lost.checked_add(m(d.lost))?,
            spent: cover.spent.checked_add(m(d.spent))?,
        })
    }

    /// An entry posted: its budget and fund postings.
    pub fn posted(&mut self, entry: &JournalEntry) -> Result<(), AppError> {
        for p in &entry.postings {
            let amount = minor(p.amount)?;
            match (p.account.kind, p.account.sub) {
                (AccountKind::ActivityBudget, Some(activity)) => sub(&mut self.activity(activity).budget, amount)?,
                (AccountKind::GuaranteeFund, _) => {
                    sub(&mut self.fund.balance, amount)?;
                    if entry.kind == EntryKind::FundEndowed {
                        sub(&mut self.fund.endowed, amount)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Wages or expenses charged to an activity's budget.
    pub fn spent(&mut self, activity: Uuid, amount: Money) -> Result<(), AppError> {
        add(&mut self.activity(activity).spent, minor(amount)?)
    }

    /// A fund movement recorded on an activity.
    pub fn moved(&mut self, activity: Uuid, m: &Movement) -> Result<(), AppError> {
        let amount = minor(m.amount())?;
        match m {
            Movement::Advance(_) => {
                add(&mut self.activity(activity).advanced, amount)?;
                add(&mut self.fund.advanced, amount)
            }
            Movement::Recovery(_) => {
                sub(&mut self.activity(activity).advanced, amount)?;
                add(&mut self.fund.recovered, amount)
            }
            Movement::Loss(_) => {
                let a = self.activity(activity);
                sub(&mut a.advanced, amount)?;
                add(&mut a.lost, amount)?;
                add(&mut self.fund.lost, amount)
            }
        }
    }

    /// An invoice changed (issued, paid, cancelled, written off): what its
    /// payments bring the activity's budget and the fund moves by the difference.
    pub fn invoice(&mut self, before: Option<&invoice::Model>, after: &invoice::Model) -> Result<(), AppError> {
        let (b_budget, b_fund) = match before {
            Some(b) => shares_received(b)?,
            None => (0, 0),
        };
        let (a_budget, a_fund) = shares_received(after)?;
        let d_budget = a_budget.checked_sub(b_budget).ok_or_else(|| AppError::Corrupt("overflow".into()))?;
        if d_budget != 0 {
            add(&mut self.activity(after.activity_id).received, d_budget)?;
        }
        sub(&mut self.fund.share_received, b_fund)?;
        add(&mut self.fund.share_received, a_fund)
    }

    /// Writes the changes: activities in id order, then the fund.
    pub async fn apply<C: ConnectionTrait>(self, c: &C) -> Result<(), AppError> {
        let mut batch = Batch::new(c.get_database_backend());
        self.add_to(&mut batch);
        batch.run(c).await
    }

    /// Adds the changes to a transaction's last writes: activities in id order,
    /// then the fund (the order every writer locks them in). On PostgreSQL a change
    /// that only adds money is appended instead (see the module's documentation).
    pub fn add_to(self, batch: &mut Batch) {
        use activity_total::Column as A;
        let code = self.currency.code();
        let append = batch.backend() == DbBackend::Postgres;
        let mut rows: Vec<activity_total::ActiveModel> = Vec::new();
        let mut appended: Vec<activity_total_delta::ActiveModel> = Vec::new();
        for (id, d) in self.activities.iter().filter(|(_, d)| **d != ActivityDelta::default()) {
            if append && d.only_adds() {
                appended.push(activity_total_delta::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    activity_id: Set(*id),
                    currency: Set(code.into()),
                    budget_minor: Set(d.budget),
                    received_minor: Set(d.received),
                });
                continue;
            }
            rows.push(activity_total::ActiveModel {
                activity_id: Set(*id),
                currency: Set(code.into()),
                budget_minor: Set(d.budget),
                received_minor: Set(d.received),
                spent_minor: Set(d.spent),
                lost_minor: Set(d.lost),
                advanced_minor: Set(d.advanced),
            });
        }
        for part in rows.chunks(500) {
            let mut on_conflict = OnConflict::column(A::ActivityId);
            for col in [A::BudgetMinor, A::ReceivedMinor, A::SpentMinor, A::LostMinor, A::AdvancedMinor] {
                on_conflict
                    .value(col, Expr::col((activity_total::Entity, col)).add(Expr::col((Alias::new("excluded"), col))));
            }
            batch.add(&activity_total::Entity::insert_many(part.to_vec()).on_conflict(on_conflict.to_owned()));
        }
        for part in appended.chunks(500) {
            batch.add(&activity_total_delta::Entity::insert_many(part.to_vec()));
        }
        let f = self.fund;
        if f == FundDelta::default() {
            return;
        }
        if append && f.only_adds() {
            batch.add(&fund_total_delta::Entity::insert(fund_total_delta::ActiveModel {
                id: Set(Uuid::now_v7()),
                currency: Set(code.into()),
                balance_minor: Set(f.balance),
                endowed_minor: Set(f.endowed),
                share_received_minor: Set(f.share_received),
                recovered_minor: Set(f.recovered),
            }));
            return;
        }
        batch.add(&fund_upsert(&fund_total::ActiveModel {
            currency: Set(code.into()),
            balance_minor: Set(f.balance),
            endowed_minor: Set(f.endowed),
            share_received_minor: Set(f.share_received),
            advanced_minor: Set(f.advanced),
            recovered_minor: Set(f.recovered),
            lost_minor: Set(f.lost),
        }));
    }
}

impl ActivityDelta {
    /// True when the change only adds to the budget and to what was received.
    fn only_adds(&self) -> bool {
        self.spent == 0 && self.lost == 0 && self.advanced == 0 && self.budget >= 0 && self.received >= 0
    }
}

impl FundDelta {
    /// True when the change only adds to what the fund holds (no advance, no loss).
    fn only_adds(&self) -> bool {
        self.advanced == 0
            && self.lost == 0
            && self.balance >= 0
            && self.endowed >= 0
            && self.share_received >= 0
            && self.recovered >= 0
    }
}

/// The fund's totals' row upserted by adding `row` to what is there.
fn fund_upsert(row: &fund_total::ActiveModel) -> sea_orm::Insert<fund_total::ActiveModel> {
    use fund_total::Column as F;
    let mut on_conflict = OnConflict::column(F::Currency);
    for col in
        [F::BalanceMinor, F::EndowedMinor, F::ShareReceivedMinor, F::AdvancedMinor, F::RecoveredMinor, F::LostMinor]
    {
        on_conflict.value(col, Expr::col((fund_total::Entity, col)).add(Expr::col((Alias::new("excluded"), col))));
    }
    fund_total::Entity::insert(row.clone()).on_conflict(on_conflict.to_owned())
}

/// The budget share and the fund's fee share an invoice's payments brought in
/// so far (pro rata, rounded down, all of each once settled); nothing unless issued.
pub fn shares_received(inv: &invoice::Model) -> Result<(i64, i64), AppError> {
    if !COUNTED_STATUSES.contains(&inv.status.as_str()) {
        return Ok((0, 0));
    }
    let m = |v: i64| super::money(v, &inv.currency);
    let gross = m(inv.gross_minor)?;
    let paid = m(inv.paid_minor)?;
    let budget = budget_received(gross, m(inv.budget_minor)?, paid)?;
    let fund = budget_received(gross, m(inv.fund_minor)?, paid)?;
    Ok((minor(budget)?, minor(fund)?))
}

/// One activity's totals (zero before its first change). With `lock`, its row is
/// locked (PostgreSQL) until the commit before it is read.
pub async fn activity<C: ConnectionTrait>(c: &C, id: Uuid, lock: bool) -> Result<activity_total::Model, AppError> {
    if lock && c.get_database_backend() == DbBackend::Postgres {
        activity_total::Entity::find_by_id(id)
            .select_only()
            .column(activity_total::Column::ActivityId)
            .lock_exclusive()
            .into_tuple::<Uuid>()
            .one(c)
            .await?;
    }
    Ok(read_activities(c, Some(&[id])).await?.remove(&id).unwrap_or_else(|| activity_zero(id)))
}

/// The totals of an activity that has changed nothing yet.
pub fn activity_zero(id: Uuid) -> activity_total::Model {
    activity_total::Model {
        activity_id: id,
        currency: String::new(),
        budget_minor: 0,
        received_minor: 0,
        spent_minor: 0,
        lost_minor: 0,
        advanced_minor: 0,
    }
}

/// Several activities' totals (absent: no change yet).
pub async fn activities<C: ConnectionTrait>(
    c: &C,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, activity_total::Model>, AppError> {
    let mut out = HashMap::with_capacity(ids.len());
    for part in ids.chunks(1_000) {
        out.extend(read_activities(c, Some(part)).await?);
    }
    Ok(out)
}

/// Every activity's totals (`partage check`).
pub async fn all_activities<C: ConnectionTrait>(c: &C) -> Result<HashMap<Uuid, activity_total::Model>, AppError> {
    read_activities(c, None).await
}

/// The totals of `ids` (all when `None`) with their appended rows added, in one statement.
async fn read_activities<C: ConnectionTrait>(
    c: &C,
    ids: Option<&[Uuid]>,
) -> Result<HashMap<Uuid, activity_total::Model>, AppError> {
    use activity_total::Column as A;
    use activity_total_delta::Column as D;
    let mut rows = Query::select()
        .columns([A::ActivityId, A::Currency, A::BudgetMinor, A::ReceivedMinor, A::SpentMinor, A::LostMinor])
        .column(A::AdvancedMinor)
        .from(activity_total::Entity)
        .to_owned();
    let mut appended = Query::select()
        .column(D::ActivityId)
        .expr(Expr::cust("MAX(currency)"))
        .expr(Expr::cust("CAST(SUM(budget_minor) AS BIGINT)"))
        .expr(Expr::cust("CAST(SUM(received_minor) AS BIGINT)"))
        .expr(Expr::cust("CAST(0 AS BIGINT)"))
        .expr(Expr::cust("CAST(0 AS BIGINT)"))
        .expr(Expr::cust("CAST(0 AS BIGINT)"))
        .from(activity_total_delta::Entity)
        .group_by_col(D::ActivityId)
        .to_owned();
    if let Some(ids) = ids {
        rows.and_where(A::ActivityId.is_in(ids.iter().copied()));
        appended.and_where(D::ActivityId.is_in(ids.iter().copied()));
    }
    let mut out: HashMap<Uuid, activity_total::Model> = HashMap::new();
    for r in union(c, rows, appended).await? {
        let id: Uuid = r.try_get("", "activity_id")?;
        let currency: String = r.try_get("", "currency")?;
        let t = out.entry(id).or_insert_with(|| activity_zero(id));
        if t.currency.is_empty() {
            t.currency = currency;
        }
        add(&mut t.budget_minor, r.try_get("", "budget_minor")?)?;
        add(&mut t.received_minor, r.try_get("", "received_minor")?)?;
        add(&mut t.spent_minor, r.try_get("", "spent_minor")?)?;
        add(&mut t.lost_minor, r.try_get("", "lost_minor")?)?;
        add(&mut t.advanced_minor, r.try_get("", "advanced_minor")?)?;
    }
    Ok(out)
}

/// Runs `rows UNION ALL appended`: one statement, so one snapshot. SQLite appends
/// nothing (one writer at a time: no row is shared across commits), so reads `rows` alone.
async fn union<C: ConnectionTrait>(
    c: &C,
    mut rows: SelectStatement,
    appended: SelectStatement,
) -> Result<Vec<QueryResult>, AppError> {
    let backend = c.get_database_backend();
    if backend == DbBackend::Postgres {
        rows.union(UnionType::All, appended);
    }
    Ok(c.query_all(backend.build(&rows)).await?)
}

/// An activity's cover from its totals.
pub fn cover_of(t: &activity_total::Model, currency: Currency) -> Cover {
    Cover {
        received: Money::from_minor(t.received_minor, currency),
        lost: Money::from_minor(t.lost_minor, currency),
        spent: Money::from_minor(t.spent_minor, currency),
    }
}

/// One activity's cover, its totals row locked (PostgreSQL) until the commit.
pub async fn cover_locked<C: ConnectionTrait>(c: &C, id: Uuid, currency: Currency) -> Result<Cover, AppError> {
    Ok(cover_of(&activity(c, id, true).await?, currency))
}

/// One activity's cover as committed now, unlocked.
pub async fn cover<C: ConnectionTrait>(c: &C, id: Uuid, currency: Currency) -> Result<Cover, AppError> {
    Ok(cover_of(&activity(c, id, false).await?, currency))
}

/// The fund's totals (zero before its first change). With `lock`, its row is
/// locked (PostgreSQL) until the commit before it is read.
pub async fn fund<C: ConnectionTrait>(c: &C, currency: Currency, lock: bool) -> Result<fund_total::Model, AppError> {
    use fund_total::Column as F;
    use fund_total_delta::Column as D;
    let code = currency.code();
    if lock && c.get_database_backend() == DbBackend::Postgres {
        fund_total::Entity::find_by_id(code.to_owned())
            .select_only()
            .column(F::Currency)
            .lock_exclusive()
            .into_tuple::<String>()
            .one(c)
            .await?;
    }
    let rows = Query::select()
        .columns([F::BalanceMinor, F::EndowedMinor, F::ShareReceivedMinor, F::AdvancedMinor, F::RecoveredMinor])
        .column(F::LostMinor)
        .from(fund_total::Entity)
        .and_where(F::Currency.eq(code))
        .to_owned();
    let appended = Query::select()
        .expr(Expr::cust("CAST(COALESCE(SUM(balance_minor), 0) AS BIGINT)"))
        .expr(Expr::cust("CAST(COALESCE(SUM(endowed_minor), 0) AS BIGINT)"))
        .expr(Expr::cust("CAST(COALESCE(SUM(share_received_minor), 0) AS BIGINT)"))
        .expr(Expr::cust("CAST(0 AS BIGINT)"))
        .expr(Expr::cust("CAST(COALESCE(SUM(recovered_minor), 0) AS BIGINT)"))
        .expr(Expr::cust("CAST(0 AS BIGINT)"))
        .from(fund_total_delta::Entity)
        .and_where(D::Currency.eq(code))
        .to_owned();
    let mut t = fund_total::Model {
        currency: code.into(),
        balance_minor: 0,
        endowed_minor: 0,
        share_received_minor: 0,
        advanced_minor: 0,
        recovered_minor: 0,
        lost_minor: 0,
    };
    for r in union(c, rows, appended).await? {
        add(&mut t.balance_minor, r.try_get("", "balance_minor")?)?;
        add(&mut t.endowed_minor, r.try_get("", "endowed_minor")?)?;
        add(&mut t.share_received_minor, r.try_get("", "share_received_minor")?)?;
        add(&mut t.advanced_minor, r.try_get("", "advanced_minor")?)?;
        add(&mut t.recovered_minor, r.try_get("", "recovered_minor")?)?;
        add(&mut t.lost_minor, r.try_get("", "lost_minor")?)?;
    }
    Ok(t)
}

/// The currencies the fund has totals in, rows or appended rows (`partage check`).
pub async fn fund_currencies<C: ConnectionTrait>(c: &C) -> Result<Vec<String>, AppError> {
    let rows = Query::select().column(fund_total::Column::Currency).from(fund_total::Entity).to_owned();
    let appended =
        Query::select().column(fund_total_delta::Column::Currency).from(fund_total_delta::Entity).distinct().to_owned();
    let mut out: Vec<String> =
        union(c, rows, appended).await?.iter().map(|r| r.try_get("", "currency")).collect::<Result<_, _>>()?;
    out.sort();
    out.dedup();
    Ok(out)
}

/// Folds up to `limit` appended rows of the activities, then up to `limit` of the fund,
/// into their totals; returns how many it folded. Each in a transaction of its own (an
/// activity's rows, then the fund's: the order writers lock them in, so no fold waits in
/// a cycle), in which the rows are added and deleted together.
pub async fn roll_up(store: &Store, limit: u64) -> Result<usize, AppError> {
    Ok(roll_up_activities(store, limit).await? + roll_up_fund(store, limit).await?)
}

fn overflows() -> AppError {
    AppError::Corrupt("running total overflows".into())
}

async fn roll_up_activities(store: &Store, limit: u64) -> Result<usize, AppError> {
    use activity_total::Column as A;
    let tx = store.db().begin().await?;
    let rows = activity_total_delta::Entity::find()
        .order_by_asc(activity_total_delta::Column::Id)
        .limit(limit)
        .all(&tx)
        .await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let mut sums: BTreeMap<Uuid, (String, i64, i64)> = BTreeMap::new();
    for r in &rows {
        let t = sums.entry(r.activity_id).or_insert_with(|| (r.currency.clone(), 0, 0));
        t.1 = t.1.checked_add(r.budget_minor).ok_or_else(overflows)?;
        t.2 = t.2.checked_add(r.received_minor).ok_or_else(overflows)?;
    }
    // In id order, as every writer locks them.
    let totals: Vec<activity_total::ActiveModel> = sums
        .into_iter()
        .map(|(id, (currency, budget, received))| activity_total::ActiveModel {
            activity_id: Set(id),
            currency: Set(currency),
            budget_minor: Set(budget),
            received_minor: Set(received),
            spent_minor: Set(0),
            lost_minor: Set(0),
            advanced_minor: Set(0),
        })
        .collect();
    for part in totals.chunks(500) {
        let mut on_conflict = OnConflict::column(A::ActivityId);
        for col in [A::BudgetMinor, A::ReceivedMinor] {
            on_conflict
                .value(col, Expr::col((activity_total::Entity, col)).add(Expr::col((Alias::new("excluded"), col))));
        }
        activity_total::Entity::insert_many(part.to_vec())
            .on_conflict(on_conflict.to_owned())
            .exec_without_returning(&tx)
            .await?;
    }
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    delete_folded::<_, activity_total_delta::Entity>(&tx, activity_total_delta::Column::Id, &ids, "totals' deltas")
        .await?;
    tx.commit().await?;
    Ok(rows.len())
}

async fn roll_up_fund(store: &Store, limit: u64) -> Result<usize, AppError> {
    let tx = store.db().begin().await?;
    let rows =
        fund_total_delta::Entity::find().order_by_asc(fund_total_delta::Column::Id).limit(limit).all(&tx).await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let mut sums: BTreeMap<String, [i64; 4]> = BTreeMap::new();
    for r in &rows {
        let t = sums.entry(r.currency.clone()).or_default();
        for (total, v) in
            t.iter_mut().zip([r.balance_minor, r.endowed_minor, r.share_received_minor, r.recovered_minor])
        {
            *total = total.checked_add(v).ok_or_else(overflows)?;
        }
    }
    for (currency, [balance, endowed, share_received, recovered]) in sums {
        fund_upsert(&fund_total::ActiveModel {
            currency: Set(currency),
            balance_minor: Set(balance),
            endowed_minor: Set(endowed),
            share_received_minor: Set(share_received),
            advanced_minor: Set(0),
            recovered_minor: Set(recovered),
            lost_minor: Set(0),
        })
        .exec_without_returning(&tx)
        .await?;
    }
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    delete_folded::<_, fund_total_delta::Entity>(&tx, fund_total_delta::Column::Id, &ids, "fund's deltas").await?;
    tx.commit().await?;
    Ok(rows.len())
}
