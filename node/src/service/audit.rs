//! The audit behind `partage check`: every running total recomputed from the
//! journal and the documents (invoices, payslips, expense claims, fund
//! movements), compared with what is stored, each difference named. It reads
//! the whole history on purpose, once, so that no request has to.

use super::totals::{shares_received, COUNTED_STATUSES};
use super::{ledger, Node};
use crate::error::AppError;
use crate::storage::entities::{
    activity_total, expense_claim, fund_movement, invoice, journal_entry, journal_line, payslip,
};
use partage_core::guarantee_fund::Cover;
use partage_core::ledger::{Account, AccountKind, EntryKind, Office};
use partage_core::Money;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QuerySelect};
use std::collections::BTreeMap;
use uuid::Uuid;

/// A stored total that the journal does not give.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Difference {
    /// Which total: `activity <id> budget`, `fund share_received`, `journal`.
    pub total: String,
    /// What the running total says, in minor units.
    pub stored: i64,
    /// What the journal and the documents give, in minor units.
    pub derived: i64,
}

/// What `partage check` found.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Report {
    /// Activities whose totals were compared.
    pub activities: usize,
    /// Every difference; none when the totals are true.
    pub differences: Vec<Difference>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.differences.is_empty() {
            return writeln!(
                f,
                "ok: the running totals of {} activities and the fund equal the journal",
                self.activities
            );
        }
        for d in &self.differences {
            writeln!(f, "DIFFERENCE {}: stored {}, journal gives {}", d.total, d.stored, d.derived)?;
        }
        writeln!(f, "{} difference(s) over {} activities and the fund", self.differences.len(), self.activities)
    }
}

#[derive(FromQueryResult)]
struct SubSum {
    sub_account: Option<Uuid>,
    total: i64,
}

#[derive(FromQueryResult)]
struct ActivitySum {
    activity_id: Uuid,
    total: i64,
}

#[derive(FromQueryResult)]
struct MovementSum {
    activity_id: Uuid,
    kind: String,
    total: i64,
}

/// An activity's totals as the journal and the documents give them.
#[derive(Clone, Copy, Debug, Default)]
struct Derived {
    budget: i64,
    received: i64,
    spent: i64,
    lost: i64,
    advanced: i64,
}

fn overflow() -> AppError {
    AppError::Corrupt("a recomputed total overflows".into())
}

/// Recomputes every running total and compares it with the stored one.
pub async fn check<C: ConnectionTrait>(c: &C, node: &Node) -> Result<Report, AppError> {
    let currency = node.currency();
    let mut derived: BTreeMap<Uuid, Derived> = BTreeMap::new();
    let budgets = journal_line::Entity::find()
        .select_only()
        .column(journal_line::Column::SubAccount)
        .column_as(Expr::cust("CAST(SUM(amount_minor) AS BIGINT)"), "total")
        .filter(journal_line::Column::Account.eq(AccountKind::ActivityBudget.as_str()))
        .group_by(journal_line::Column::SubAccount)
        .into_model::<SubSum>()
        .all(c)
        .await?;
    for b in budgets {
        let Some(activity) = b.sub_account else {
            return Err(AppError::Corrupt("a budget line without its activity".into()));
        };
        derived.entry(activity).or_default().budget = b.total.checked_neg().ok_or_else(overflow)?;
    }
    let mut fund_share_received = 0i64;
    let invoices = invoice::Entity::find().filter(invoice::Column::Status.is_in(COUNTED_STATUSES)).all(c).await?;
    for inv in &invoices {
        let (budget, fund) = shares_received(inv)?;
        let d = derived.entry(inv.activity_id).or_default();
        d.received = d.received.checked_add(budget).ok_or_else(overflow)?;
        fund_share_received = fund_share_received.checked_add(fund).ok_or_else(overflow)?;
    }
    let wages = payslip::Entity::find()
        .select_only()
        .column(payslip::Column::ActivityId)
        .column_as(Expr::cust("CAST(SUM(employer_cost_minor) AS BIGINT)"), "total")
        .group_by(payslip::Column::ActivityId)
        .into_model::<ActivitySum>()
        .all(c)
        .await?;
    let expenses = expense_claim::Entity::find()
        .select_only()
        .column(expense_claim::Column::ActivityId)
        .column_as(Expr::cust("CAST(SUM(amount_minor) AS BIGINT)"), "total")
        .filter(expense_claim::Column::Status.eq("reimbursed"))
        .group_by(expense_claim::Column::ActivityId)
        .into_model::<ActivitySum>()
        .all(c)
        .await?;
    for s in wages.into_iter().chain(expenses) {
        let d = derived.entry(s.activity_id).or_default();
        d.spent = d.spent.checked_add(s.total).ok_or_else(overflow)?;
    }
    let movements = fund_movement::Entity::find()
        .select_only()
        .column(fund_movement::Column::ActivityId)
        .column(fund_movement::Column::Kind)
        .column_as(Expr::cust("CAST(SUM(amount_minor) AS BIGINT)"), "total")
        .group_by(fund_movement::Column::ActivityId)
        .group_by(fund_movement::Column::Kind)
        .into_model::<MovementSum>()
        .all(c)
        .await?;
    let (mut advanced, mut recovered, mut lost) = (0i64, 0i64, 0i64);
    for m in movements {
        let d = derived.entry(m.activity_id).or_default();
        let (sign, fund) = match m.kind.as_str() {
            "advance" => (1, &mut advanced),
            "recovery" => (-1, &mut recovered),
            "loss" => {
                d.lost = d.lost.checked_add(m.total).ok_or_else(overflow)?;
                (-1, &mut lost)
            }
            other => return Err(AppError::Corrupt(format!("fund movement of kind '{other}'"))),
        };
        *fund = fund.checked_add(m.total).ok_or_else(overflow)?;
        d.advanced = d.advanced.checked_add(m.total.checked_mul(sign).ok_or_else(overflow)?).ok_or_else(overflow)?;
    }

    let mut differences = Vec::new();
    let mut differ = |total: String, stored: i64, derived: i64| {
        if stored != derived {
            differences.push(Difference { total, stored, derived });
        }
    };
    let stored: BTreeMap<Uuid, activity_total::Model> = super::totals::all_activities(c).await?.into_iter().collect();
    let ids: std::collections::BTreeSet<Uuid> = derived.keys().chain(stored.keys()).copied().collect();
    for id in &ids {
        let d = derived.get(id).copied().unwrap_or_default();
        let (budget, received, spent, lost_s, advanced_s) = stored.get(id).map_or((0, 0, 0, 0, 0), |s| {
            (s.budget_minor, s.received_minor, s.spent_minor, s.lost_minor, s.advanced_minor)
        });
        differ(format!("activity {id} budget"), budget, d.budget);
        differ(format!("activity {id} received"), received, d.received);
        differ(format!("activity {id} spent"), spent, d.spent);
        differ(format!("activity {id} lost"), lost_s, d.lost);
        differ(format!("activity {id} advanced"), advanced_s, d.advanced);
        // The movements must add up to the advance the cover gives.
        let m = |v: i64| Money::from_minor(v, currency);
        let cover = Cover { received: m(d.received), lost: m(d.lost), spent: m(d.spent) };
        differ(
            format!("activity {id} advanced (movements against cover)"),
            d.advanced,
            super::minor(cover.outstanding()?)?,
        );
    }
    let fund_balance = ledger::journal_balance(c, Account::general(AccountKind::GuaranteeFund), currency).await?;
    let endowed = journal_line::Entity::find()
        .select_only()
        .column_as(Expr::cust("CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT)"), "total")
        .filter(journal_line::Column::Account.eq(AccountKind::GuaranteeFund.as_str()))
        .filter(
            journal_line::Column::EntryId.in_subquery(
                Query::select()
                    .column(journal_entry::Column::Id)
                    .from(journal_entry::Entity)
                    .and_where(journal_entry::Column::Kind.eq(EntryKind::FundEndowed.as_str()))
                    .to_owned(),
            ),
        )
        .into_tuple::<i64>()
        .one(c)
        .await?
        .unwrap_or(0);
    for other in super::totals::fund_currencies(c).await?.into_iter().filter(|f| f != currency.code()) {
        let balance = match other.parse::<partage_core::Currency>() {
            Ok(cur) => super::totals::fund(c, cur, false).await?.balance_minor,
            Err(_) => return Err(AppError::Corrupt(format!("fund totals in currency '{other}'"))),
        };
        differ(format!("fund in {other}"), balance, 0);
    }
    let f = super::totals::fund(c, currency, false).await?;
    differ("fund balance".into(), f.balance_minor, super::minor(fund_balance)?.checked_neg().ok_or_else(overflow)?);
    differ("fund endowed".into(), f.endowed_minor, endowed.checked_neg().ok_or_else(overflow)?);
    differ("fund share_received".into(), f.share_received_minor, fund_share_received);
    differ("fund advanced".into(), f.advanced_minor, advanced);
    differ("fund recovered".into(), f.recovered_minor, recovered);
    differ("fund lost".into(), f.lost_minor, lost);
    // Each account's running debits and credits, and the number of entries, against the journal.
    let (stored, stored_entries) = ledger::account_sums(c).await?;
    let journal = journal_line::Entity::find()
        .select_only()
        .column(journal_line::Column::Account)
        .column(journal_line::Column::Currency)
        .column_as(Expr::cust("CAST(SUM(CASE WHEN amount_minor > 0 THEN amount_minor ELSE 0 END) AS BIGINT)"), "debit")
        .column_as(
            Expr::cust("CAST(SUM(CASE WHEN amount_minor < 0 THEN -amount_minor ELSE 0 END) AS BIGINT)"),
            "credit",
        )
        .group_by(journal_line::Column::Account)
        .group_by(journal_line::Column::Currency)
        .into_tuple::<(String, String, i64, i64)>()
        .all(c)
        .await?;
    let mut derived_sums: ledger::AccountSums =
        journal.into_iter().map(|(a, cur, d, cr)| ((a, cur), (d, cr))).collect();
    for ((account, cur), (debit, credit)) in &stored {
        let (d, cr) = derived_sums.remove(&(account.clone(), cur.clone())).unwrap_or((0, 0));
        differ(format!("account {account} {cur} debit"), *debit, d);
        differ(format!("account {account} {cur} credit"), *credit, cr);
    }
    for ((account, cur), (d, cr)) in derived_sums {
        differ(format!("account {account} {cur} debit"), 0, d);
        differ(format!("account {account} {cur} credit"), 0, cr);
    }
    // Each inter-office line names an office, and no account with an office was settled
    // beyond what it owed (a debt turned into a claim, or the reverse).
    for kind in [AccountKind::DueFromOffices, AccountKind::DueToOffices] {
        let sums = journal_line::Entity::find()
            .select_only()
            .column(journal_line::Column::SubAccount)
            .column_as(Expr::cust("CAST(SUM(amount_minor) AS BIGINT)"), "total")
            .filter(journal_line::Column::Account.eq(kind.as_str()))
            .group_by(journal_line::Column::SubAccount)
            .into_model::<SubSum>()
            .all(c)
            .await?;
        for s in sums {
            let Some(office) = s.sub_account.and_then(Office::from_key) else {
                differ(format!("account {kind}: lines without an office"), 0, s.total);
                continue;
            };
            let wrong_way = match kind {
                AccountKind::DueFromOffices => s.total < 0,
                _ => s.total > 0,
            };
            if wrong_way {
                differ(format!("account {kind} {office}: settled beyond what was owed"), 0, s.total);
            }
        }
    }
    let journal_entries = i64::try_from(journal_entry::Entity::find().count(c).await?).map_err(|_| overflow())?;
    differ("journal entries".into(), stored_entries, journal_entries);
    let trial = ledger::trial_balance(c, currency, node.pack.as_ref()).await?;
    if !trial.balanced {
        let sum = Money::parse(&trial.sum, currency)?;
        differ("journal sum".into(), super::minor(sum)?, 0);
    }
    Ok(Report { activities: ids.len(), differences })
}
