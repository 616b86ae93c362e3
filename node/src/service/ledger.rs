//! Posting to the journal and reading balances back from it. Posting also
//! moves the running totals (`service::totals`) of the budgets and the fund it
//! touches, in the same transaction, so those balances are read in one row.

use super::totals::{self, Deltas};
use super::views::{AccountBalanceView, TrialBalanceView};
use super::{minor, money};
use crate::error::AppError;
use crate::storage::entities::{journal_entry, journal_line};
use partage_core::ledger::{Account, AccountKind, JournalEntry, Posting};
use partage_core::pack::CountryPack;
use partage_core::{Currency, Money};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter,
    QuerySelect,
};
use uuid::Uuid;

/// Appends an entry and its lines; returns the entry id.
pub async fn post<C: ConnectionTrait>(c: &C, entry: &JournalEntry, document: Option<Uuid>) -> Result<Uuid, AppError> {
    let id = Uuid::now_v7();
    journal_entry::Entity::insert(journal_entry::ActiveModel {
        id: Set(id),
        entry_date: Set(entry.date),
        kind: Set(entry.kind.as_str().to_owned()),
        reference: Set(entry.reference.clone()),
        document_id: Set(document),
    })
    .exec_without_returning(c)
    .await?;
    let mut lines = Vec::with_capacity(entry.postings.len());
    for (position, p) in entry.postings.iter().enumerate() {
        lines.push(journal_line::ActiveModel {
            entry_id: Set(id),
            position: Set(i32::try_from(position).map_err(|_| AppError::Corrupt("too many postings".into()))?),
            account: Set(p.account.kind.as_str().to_owned()),
            sub_account: Set(p.account.sub),
            amount_minor: Set(minor(p.amount)?),
            currency: Set(p.amount.currency().code().to_owned()),
        });
    }
    journal_line::Entity::insert_many(lines).exec_without_returning(c).await?;
    let mut deltas = Deltas::new(entry_currency(entry)?);
    deltas.posted(entry)?;
    deltas.apply(c).await?;
    Ok(id)
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
            });
            if lines.len() == ROWS {
                journal_line::Entity::insert_many(std::mem::take(&mut lines)).exec_without_returning(c).await?;
            }
        }
    }
    if !lines.is_empty() {
        journal_line::Entity::insert_many(lines).exec_without_returning(c).await?;
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

#[derive(FromQueryResult)]
struct TrialRow {
    account: String,
    currency: String,
    debit: i64,
    credit: i64,
}

/// Every account's debits and credits, summed from the journal lines.
pub async fn trial_balance<C: ConnectionTrait>(
    c: &C,
    currency: Currency,
    pack: &dyn CountryPack,
) -> Result<TrialBalanceView, AppError> {
    let rows = journal_line::Entity::find()
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
        .into_model::<TrialRow>()
        .all(c)
        .await?;
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
    let entries = journal_entry::Entity::find().count(c).await?;
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
