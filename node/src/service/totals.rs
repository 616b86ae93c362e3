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

use super::minor;
use crate::error::AppError;
use crate::storage::batch::Batch;
use crate::storage::entities::{activity_total, fund_total, invoice};
use partage_core::guarantee_fund::{budget_received, Cover, Movement};
use partage_core::ledger::{AccountKind, EntryKind, JournalEntry};
use partage_core::{Currency, Money};
use sea_orm::sea_query::{Alias, Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::BTreeMap;
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
    /// then the fund (the order every writer locks them in).
    pub fn add_to(self, batch: &mut Batch) {
        use activity_total::Column as A;
        let code = self.currency.code();
        let rows: Vec<activity_total::ActiveModel> = self
            .activities
            .iter()
            .filter(|(_, d)| **d != ActivityDelta::default())
            .map(|(id, d)| activity_total::ActiveModel {
                activity_id: Set(*id),
                currency: Set(code.into()),
                budget_minor: Set(d.budget),
                received_minor: Set(d.received),
                spent_minor: Set(d.spent),
                lost_minor: Set(d.lost),
                advanced_minor: Set(d.advanced),
            })
            .collect();
        for part in rows.chunks(500) {
            let mut on_conflict = OnConflict::column(A::ActivityId);
            for col in [A::BudgetMinor, A::ReceivedMinor, A::SpentMinor, A::LostMinor, A::AdvancedMinor] {
                on_conflict
                    .value(col, Expr::col((activity_total::Entity, col)).add(Expr::col((Alias::new("excluded"), col))));
            }
            batch.add(&activity_total::Entity::insert_many(part.to_vec()).on_conflict(on_conflict.to_owned()));
        }
        if self.fund != FundDelta::default() {
            use fund_total::Column as F;
            let f = self.fund;
            let mut on_conflict = OnConflict::column(F::Currency);
            for col in [
                F::BalanceMinor,
                F::EndowedMinor,
                F::ShareReceivedMinor,
                F::AdvancedMinor,
                F::RecoveredMinor,
                F::LostMinor,
            ] {
                on_conflict
                    .value(col, Expr::col((fund_total::Entity, col)).add(Expr::col((Alias::new("excluded"), col))));
            }
            batch.add(
                &fund_total::Entity::insert(fund_total::ActiveModel {
                    currency: Set(code.into()),
                    balance_minor: Set(f.balance),
                    endowed_minor: Set(f.endowed),
                    share_received_minor: Set(f.share_received),
                    advanced_minor: Set(f.advanced),
                    recovered_minor: Set(f.recovered),
                    lost_minor: Set(f.lost),
                })
                .on_conflict(on_conflict.to_owned()),
            );
        }
    }
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

/// One activity's totals (zero before its first change).
pub async fn activity<C: ConnectionTrait>(c: &C, id: Uuid, lock: bool) -> Result<activity_total::Model, AppError> {
    let mut q = activity_total::Entity::find_by_id(id);
    if lock {
        q = q.lock_exclusive();
    }
    Ok(q.one(c).await?.unwrap_or_else(|| activity_zero(id)))
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
) -> Result<std::collections::HashMap<Uuid, activity_total::Model>, AppError> {
    let mut out = std::collections::HashMap::with_capacity(ids.len());
    for part in ids.chunks(1_000) {
        for row in activity_total::Entity::find()
            .filter(activity_total::Column::ActivityId.is_in(part.iter().copied()))
            .all(c)
            .await?
        {
            out.insert(row.activity_id, row);
        }
    }
    Ok(out)
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

/// The fund's totals (zero before its first change).
pub async fn fund<C: ConnectionTrait>(c: &C, currency: Currency, lock: bool) -> Result<fund_total::Model, AppError> {
    let mut q = fund_total::Entity::find_by_id(currency.code().to_owned());
    if lock {
        q = q.lock_exclusive();
    }
    Ok(q.one(c).await?.unwrap_or(fund_total::Model {
        currency: currency.code().into(),
        balance_minor: 0,
        endowed_minor: 0,
        share_received_minor: 0,
        advanced_minor: 0,
        recovered_minor: 0,
        lost_minor: 0,
    }))
}
