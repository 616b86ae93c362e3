//! Posting to the journal and reading balances back from it. Posting also
//! moves the running totals (`service::totals`) of the budgets and the fund it
//! touches, in the same transaction, so those balances are read in one row.

use super::totals::{self, Deltas};
use super::views::{AccountBalanceView, TrialBalanceView};
use super::{minor, money};
use crate::error::AppError;
use crate::storage::batch::Batch;
use crate::storage::entities::{account_delta, account_total, journal_entry, journal_line};
use crate::storage::{delete_folded, Store};
use partage_core::ledger::{Account, AccountKind, JournalEntry, Posting};
use partage_core::pack::CountryPack;
use partage_core::{Currency, Money};
use sea_orm::sea_query::{Alias, Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Appends an entry and its lines; returns the entry id.
pub async fn post<C: ConnectionTrait>(c: &C, entry: &JournalEntry, document: Option<Uuid>) -> Result<Uuid, AppError> {
    let mut deltas = Deltas::new(entry_currency(entry)?);
    let mut batch = Batch::new(c.get_database_backend());
    let id = post_into(&mut batch, entry, document, &mut deltas)?;
    deltas.add_to(&mut batch);
    batch.run(c).await?;
    Ok(id)
}

/// Adds an entry's writes to `batch` and leaves its running totals in `deltas`,
/// for the caller to send with the rest of its transaction's last writes: the
/// totals' rows are the ones concurrent writers queue on, so a transaction
/// takes them as late as it can, in as few round trips as it can.
pub fn post_into(
    batch: &mut Batch,
    entry: &JournalEntry,
    document: Option<Uuid>,
    deltas: &mut Deltas,
) -> Result<Uuid, AppError> {
    if entry_currency(entry)? != deltas.currency() {
        return Err(AppError::Corrupt("an entry's totals kept in another currency".into()));
    }
    let id = Uuid::now_v7();
    batch.add(&journal_entry::Entity::insert(journal_entry::ActiveModel {
        id: Set(id),
        entry_date: Set(entry.date),
        kind: Set(entry.kind.as_str().to_owned()),
        reference: Set(entry.reference.clone()),
        document_id: Set(document),
    }));
    let mut lines = Vec::with_capacity(entry.postings.len());
    for (position, p) in entry.postings.iter().enumerate() {
        lines.push(journal_line::ActiveModel {
            entry_id: Set(id),
            position: Set(i32::try_from(position).map_err(|_| AppError::Corrupt("too many postings".into()))?),
            account: Set(p.account.kind.as_str().to_owned()),
            sub_account: Set(p.account.sub),
            amount_minor: Set(minor(p.amount)?),
            currency: Set(p.amount.currency().code().to_owned()),
            entry_date: Set(Some(entry.date)),
        });
    }
    batch.add(&journal_line::Entity::insert_many(lines));
    batch.add(&account_delta::Entity::insert_many(account_deltas(std::iter::once(entry))?));
    deltas.posted(entry)?;
    Ok(id)
}

/// What entries add to each account they touch: a row per account and currency
/// (debits and credits apart), the first carrying the number of entries.
fn account_deltas<'a>(
    entries: impl Iterator<Item = &'a JournalEntry>,
) -> Result<Vec<account_delta::ActiveModel>, AppError> {
    let mut sums: BTreeMap<(&'static str, String), (i64, i64)> = BTreeMap::new();
    let mut count = 0i64;
    for e in entries {
        count = count.checked_add(1).ok_or_else(|| AppError::Corrupt("too many entries".into()))?;
        for p in &e.postings {
            let amount = minor(p.amount)?;
            let (debit, credit) =
                sums.entry((p.account.kind.as_str(), p.amount.currency().code().to_owned())).or_default();
            let side = if amount >= 0 { debit } else { credit };
            *side = side
                .checked_add(amount.checked_abs().ok_or_else(|| AppError::Corrupt("posting overflows".into()))?)
                .ok_or_else(|| AppError::Corrupt("account delta overflows".into()))?;
        }
    }
    Ok(sums
        .into_iter()
        .enumerate()
        .map(|(i, ((account, currency), (debit, credit)))| account_delta::ActiveModel {
            id: Set(Uuid::now_v7()),
            account: Set(account.to_owned()),
            currency: Set(currency),
            debit_minor: Set(debit),
            credit_minor: Set(credit),
            entries: Set(if i == 0 { count } else { 0 }),
        })
        .collect())
}

/// Folds up to `limit` account deltas, oldest first, into the account totals in
/// one transaction: they are added and deleted together, so a reader's snapshot
/// counts each delta once, folded or not. Returns how many it folded.
pub async fn roll_up(store: &Store, limit: u64) -> Result<usize, AppError> {
    use account_total::Column as T;
    let tx = store.write().await?;
    let rows = account_delta::Entity::find().order_by_asc(account_delta::Column::Id).limit(limit).all(&*tx).await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let mut sums: BTreeMap<(String, String), (i64, i64, i64)> = BTreeMap::new();
    for r in &rows {
        let t = sums.entry((r.account.clone(), r.currency.clone())).or_default();
        let overflow = || AppError::Corrupt("account total overflows".into());
        t.0 = t.0.checked_add(r.debit_minor).ok_or_else(overflow)?;
        t.1 = t.1.checked_add(r.credit_minor).ok_or_else(overflow)?;
        t.2 = t.2.checked_add(r.entries).ok_or_else(overflow)?;
    }
    let totals: Vec<account_total::ActiveModel> = sums
        .into_iter()
        .map(|((account, currency), (debit, credit, entries))| account_total::ActiveModel {
            account: Set(account),
            currency: Set(currency),
            debit_minor: Set(debit),
            credit_minor: Set(credit),
            entries: Set(entries),
        })
        .collect();
    let mut on_conflict = OnConflict::columns([T::Account, T::Currency]);
    for col in [T::DebitMinor, T::CreditMinor, T::Entries] {
        on_conflict.value(col, Expr::col((account_total::Entity, col)).add(Expr::col((Alias::new("excluded"), col))));
    }
    account_total::Entity::insert_many(totals).on_conflict(on_conflict.to_owned()).exec_without_returning(&*tx).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    delete_folded::<_, account_delta::Entity>(&*tx, account_delta::Column::Id, &ids, "account deltas").await?;
    tx.commit().await?;
    Ok(rows.len())
}

/// The currency of an entry (its first posting's; entries are in one currency).
fn entry_currency(entry: &JournalEntry) -> Result<Currency, AppError> {
    entry
        .postings
        .first()
        .map(|p| p.amount.currency())
        .ok_or_else(|| AppError::Corrupt("entry without postings".into()))
}

/// Appends many entries with their given ids (and documents) in a few
/// multi-row statements: a payroll chunk posts hundreds at once.
pub async fn post_many<C: ConnectionTrait>(
    c: &C,
    entries: &[(Uuid, JournalEntry, Option<Uuid>)],
) -> Result<(), AppError> {
    const ROWS: usize = 1_000;
    for part in entries.chunks(ROWS) {
        let heads: Vec<journal_entry::ActiveModel> = part
            .iter()
            .map(|(id, e, doc)| journal_entry::ActiveModel {
                id: Set(*id),
                entry_date: Set(e.date),
                kind: Set(e.kind.as_str().to_owned()),
                reference: Set(e.reference.clone()),
                document_id: Set(*doc),
            })
            .collect();
        journal_entry::Entity::insert_many(heads).exec_without_returning(c).await?;
    }
    let mut lines = Vec::with_capacity(ROWS);
    for (id, e, _) in entries {
        for (position, p) in e.postings.iter().enumerate() {
            lines.push(journal_line::ActiveModel {
                entry_id: Set(*id),
                position: Set(i32::try_from(position).map_err(|_| AppError::Corrupt("too many postings".into()))?),
                account: Set(p.account.kind.as_str().to_owned()),
                sub_account: Set(p.account.sub),
                amount_minor: Set(minor(p.amount)?),
                currency: Set(p.amount.currency().code().to_owned()),
                entry_date: Set(Some(e.date)),
            });
            if lines.len() == ROWS {
                journal_line::Entity::insert_many(std::mem::take(&mut lines)).exec_without_returning(c).await?;
            }
        }
    }
    if !lines.is_empty() {
        journal_line::Entity::insert_many(lines).exec_without_returning(c).await?;
    }
    if !entries.is_empty() {
        account_delta::Entity::insert_many(account_deltas(entries.iter().map(|(_, e, _)| e))?)
            .exec_without_returning(c)
            .await?;
    }
    if let Some((_, first, _)) = entries.first() {
        let mut deltas = Deltas::new(entry_currency(first)?);
        for (_, e, _) in entries {
            deltas.posted(e)?;
        }
        deltas.apply(c).await?;
    }
    Ok(())
}

/// The postings of the entry of `kind` recorded for a document.
pub async fn postings_of<C: ConnectionTrait>(c: &C, document: Uuid, kind: &str) -> Result<Vec<Posting>, AppError> {
    let Some(entry) = journal_entry::Entity::find()
        .filter(journal_entry::Column::DocumentId.eq(document))
        .filter(journal_entry::Column::Kind.eq(kind))
        .one(c)
        .await?
    else {
        return Err(AppError::Corrupt(format!("no {kind} entry for document {document}")));
    };
    let rows = journal_line::Entity::find().filter(journal_line::Column::EntryId.eq(entry.id)).all(c).await?;
    rows.into_iter()
        .map(|r| {
            let kind: AccountKind = r.account.parse()?;
            Ok(Posting { account: Account { kind, sub: r.sub_account }, amount: money(r.amount_minor, &r.currency)? })
        })
        .collect()
}

#[derive(FromQueryResult)]
struct SumRow {
    total: Option<i64>,
}

/// Balance of one account (with its sub-ledger key), debits positive. An
/// activity's budget and the fund are read from their running totals, in one
/// row; other accounts are summed from the journal.
pub async fn balance<C: ConnectionTrait>(c: &C, account: Account, currency: Currency) -> Result<Money, AppError> {
    match (account.kind, account.sub) {
        (AccountKind::ActivityBudget, Some(activity)) => {
            let t = totals::activity(c, activity, false).await?;
            Ok(Money::from_minor(t.budget_minor, currency).negated())
        }
        (AccountKind::GuaranteeFund, None) => {
            let t = totals::fund(c, currency, false).await?;
            Ok(Money::from_minor(t.balance_minor, currency).negated())
        }
        _ => journal_balance(c, account, currency).await,
    }
}

/// Balance of one account summed from the journal lines, debits positive (the audit's way).
pub async fn journal_balance<C: ConnectionTrait>(
    c: &C,
    account: Account,
    currency: Currency,
) -> Result<Money, AppError> {
    let mut q = journal_line::Entity::find()
        .select_only()
        .column_as(Expr::cust("CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT)"), "total")
        .filter(journal_line::Column::Account.eq(account.kind.as_str()))
        .filter(journal_line::Column::Currency.eq(currency.code()));
    q = match account.sub {
        Some(sub) => q.filter(journal_line::Column::SubAccount.eq(sub)),
        None => q,
    };
    let row = q.into_model::<SumRow>().one(c).await?;
    Ok(Money::from_minor(row.and_then(|r| r.total).unwrap_or(0), currency))
}

#[derive(FromQueryResult)]
struct SubBalanceRow {
    sub_account: Option<Uuid>,
    total: i64,
}

/// Balances of one account kind for several sub-ledger keys, in one query
/// (debits positive; keys without lines are absent). Budgets come from their
/// running totals.
pub async fn balances<C: ConnectionTrait>(
    c: &C,
    kind: AccountKind,
    subs: &[Uuid],
    currency: Currency,
) -> Result<std::collections::HashMap<Uuid, Money>, AppError> {
    if subs.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    if kind == AccountKind::ActivityBudget {
        let rows = totals::activities(c, subs).await?;
        return Ok(rows
            .into_iter()
            .map(|(id, t)| (id, Money::from_minor(t.budget_minor, currency).negated()))
            .collect());
    }
    let rows = journal_line::Entity::find()
        .select_only()
        .column(journal_line::Column::SubAccount)
        .column_as(Expr::cust("CAST(SUM(amount_minor) AS BIGINT)"), "total")
        .filter(journal_line::Column::Account.eq(kind.as_str()))
        .filter(journal_line::Column::Currency.eq(currency.code()))
        .filter(journal_line::Column::SubAccount.is_in(subs.iter().copied()))
        .group_by(journal_line::Column::SubAccount)
        .into_model::<SubBalanceRow>()
        .all(c)
        .await?;
    Ok(rows.into_iter().filter_map(|r| Some((r.sub_account?, Money::from_minor(r.total, currency)))).collect())
}

/// Each activity's budget (credits positive, minor units) at the start of `day`:
/// today's running total less the budget lines dated `day` or later, read through
/// the `(account, sub_account, entry_date)` index, so the cost is what followed
/// `day`, never the history before it.
pub async fn budgets_at_start_of<C: ConnectionTrait>(
    c: &C,
    activities: &[Uuid],
    day: chrono::NaiveDate,
) -> Result<std::collections::HashMap<Uuid, i64>, AppError> {
    if activities.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    let current = totals::activities(c, activities).await?;
    let since: std::collections::HashMap<Uuid, i64> = journal_line::Entity::find()
        .select_only()
        .column(journal_line::Column::SubAccount)
        .column_as(Expr::cust("CAST(SUM(amount_minor) AS BIGINT)"), "total")
        .filter(journal_line::Column::Account.eq(AccountKind::ActivityBudget.as_str()))
        .filter(journal_line::Column::SubAccount.is_in(activities.iter().copied()))
        .filter(journal_line::Column::EntryDate.gte(day))
        .group_by(journal_line::Column::SubAccount)
        .into_model::<SubBalanceRow>()
        .all(c)
        .await?
        .into_iter()
        .filter_map(|r| Some((r.sub_account?, r.total)))
        .collect();
    activities
        .iter()
        .map(|id| {
            let now = current.get(id).map_or(0, |t| t.budget_minor);
            // Budget lines are credits (negative): the changes since `day` are minus their sum.
            let open = now
                .checked_add(since.get(id).copied().unwrap_or(0))
                .ok_or_else(|| AppError::Corrupt("opening budget overflows".into()))?;
            Ok((*id, open))
        })
        .collect()
}

#[derive(FromQueryResult)]
struct TrialRow {
    account: String,
    currency: String,
    debit: i64,
    credit: i64,
    entries: i64,
}

/// Debits and credits per (account, currency) and the number of entries, as the
/// running totals give them: folded totals plus the deltas not yet folded (a row
/// per account and a few seconds of postings, whatever the journal's length).
pub async fn account_sums<C: ConnectionTrait>(c: &C) -> Result<(AccountSums, i64), AppError> {
    let overflow = || AppError::Corrupt("overflow".into());
    let mut sums = AccountSums::new();
    let mut entries = 0i64;
    let folded = account_total::Entity::find().all(c).await?.into_iter().map(|t| TrialRow {
        account: t.account,
        currency: t.currency,
        debit: t.debit_minor,
        credit: t.credit_minor,
        entries: t.entries,
    });
    let pending = account_delta::Entity::find()
        .select_only()
        .column(account_delta::Column::Account)
        .column(account_delta::Column::Currency)
        .column_as(Expr::cust("CAST(SUM(debit_minor) AS BIGINT)"), "debit")
        .column_as(Expr::cust("CAST(SUM(credit_minor) AS BIGINT)"), "credit")
        .column_as(Expr::cust("CAST(SUM(entries) AS BIGINT)"), "entries")
        .group_by(account_delta::Column::Account)
        .group_by(account_delta::Column::Currency)
        .into_model::<TrialRow>()
        .all(c)
        .await?;
    for r in folded.chain(pending) {
        entries = entries.checked_add(r.entries).ok_or_else(overflow)?;
        let t = sums.entry((r.account, r.currency)).or_default();
        t.0 = t.0.checked_add(r.debit).ok_or_else(overflow)?;
        t.1 = t.1.checked_add(r.credit).ok_or_else(overflow)?;
    }
    Ok((sums, entries))
}

/// Debits and credits (minor units) per (account, currency).
pub type AccountSums = BTreeMap<(String, String), (i64, i64)>;

/// Every account's debits and credits from the running totals
/// ([`account_sums`]). Read it in one snapshot (`Store::snapshot`) so that a
/// roll-up committing meanwhile is seen whole or not at all.
pub async fn trial_balance<C: ConnectionTrait>(
    c: &C,
    currency: Currency,
    pack: &dyn CountryPack,
) -> Result<TrialBalanceView, AppError> {
    let (sums, entries) = account_sums(c).await?;
    let rows: Vec<TrialRow> = sums
        .into_iter()
        .map(|((account, currency), (debit, credit))| TrialRow { account, currency, debit, credit, entries: 0 })
        .collect();
    let mut accounts = Vec::new();
    let (mut total_debit, mut total_credit) = (0i64, 0i64);
    for kind in AccountKind::ALL {
        for r in rows.iter().filter(|r| r.account == kind.as_str()) {
            if r.currency != currency.code() {
                return Err(AppError::Corrupt(format!("journal line in {} on a {} node", r.currency, currency)));
            }
            total_debit = total_debit.checked_add(r.debit).ok_or_else(|| AppError::Corrupt("overflow".into()))?;
            total_credit = total_credit.checked_add(r.credit).ok_or_else(|| AppError::Corrupt("overflow".into()))?;
            let balance = r.debit.checked_sub(r.credit).ok_or_else(|| AppError::Corrupt("overflow".into()))?;
            accounts.push(AccountBalanceView {
                account: kind.as_str().into(),
                chart_class: pack.chart_account(kind).into(),
                debit: Money::from_minor(r.debit, currency).amount().to_string(),
                credit: Money::from_minor(r.credit, currency).amount().to_string(),
                balance: Money::from_minor(balance, currency).amount().to_string(),
            });
        }
    }
    if let Some(unknown) = rows.iter().find(|r| r.account.parse::<AccountKind>().is_err()) {
        return Err(AppError::Corrupt(format!("unknown account '{}' in the journal", unknown.account)));
    }
    let sum = total_debit.checked_sub(total_credit).ok_or_else(|| AppError::Corrupt("overflow".into()))?;
    let entries = u64::try_from(entries).map_err(|_| AppError::Corrupt("negative entry count".into()))?;
    Ok(TrialBalanceView {
        currency: currency.code().into(),
        accounts,
        total_debit: Money::from_minor(total_debit, currency).amount().to_string(),
        total_credit: Money::from_minor(total_credit, currency).amount().to_string(),
        sum: Money::from_minor(sum, currency).amount().to_string(),
        balanced: sum == 0,
        entries,
    })
}
