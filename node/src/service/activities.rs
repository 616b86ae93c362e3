//! Activities and their account statement.

use super::errors::ActivityRefusal;
use super::views::{Page, StatementLineView, StatementView};
use super::{ledger, Node};
use crate::error::AppError;
use crate::storage::entities::{activity, invoice, journal_entry, journal_line, payslip};
use crate::storage::{activities as repo, members as member_repo};
use chrono::NaiveDate;
use partage_core::activity::{Activity, ActivityStatus, Sector};
use partage_core::ledger::{Account, AccountKind};
use partage_core::period::Month;
use partage_core::{ActivityId, Currency, Money};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use uuid::Uuid;

/// What opening an activity takes.
#[derive(Debug, Clone)]
pub struct NewActivity {
    /// The member.
    pub member_id: Uuid,
    /// Its name.
    pub name: String,
    /// artistic, cultural_industry or other.
    pub sector: String,
    /// For `other`: consulting, training, IT, courier...
    pub sub_sector: Option<String>,
}

/// An activity and its budget, derived from the journal.
#[derive(Clone, Debug)]
pub struct ActivityBudget {
    /// The activity.
    pub activity: Activity,
    /// Budget available (in the node's currency).
    pub budget: Money,
}

/// Loads an activity row or says it does not exist, for the services that still read
/// the entity; this one reads `storage::activities`.
pub async fn load<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<activity::Model, AppError> {
    repo::row(c, id).await
}

async fn with_budget<C: ConnectionTrait>(c: &C, currency: Currency, a: Activity) -> Result<ActivityBudget, AppError> {
    // Budget accounts are liabilities: their balance is a credit.
    let budget = ledger::balance(c, Account::budget(a.id), currency).await?.negated();
    Ok(ActivityBudget { activity: a, budget })
}

/// Opens an activity for a member in good standing.
pub async fn create<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    input: NewActivity,
    today: NaiveDate,
) -> Result<ActivityBudget, AppError> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(AppError::invalid("name", "must not be empty"));
    }
    let sector = Sector::parse(&input.sector, input.sub_sector.as_deref())?;
    let m = member_repo::get(c, input.member_id).await?;
    let st = m.status;
    if !st.may_work() {
        return Err(ActivityRefusal::MemberMayNotOpen { member: m.id.0, status: st }.into());
    }
    let opened = repo::insert(
        c,
        &Activity {
            id: ActivityId::new(),
            member_id: m.id,
            name: name.into(),
            sector,
            status: ActivityStatus::Open,
            opened_on: today,
        },
    )
    .await?;
    with_budget(c, node.currency(), opened).await
}

/// One activity with its budget.
pub async fn get<C: ConnectionTrait>(c: &C, node: &Node, id: Uuid) -> Result<ActivityBudget, AppError> {
    let a = repo::get(c, id).await?;
    with_budget(c, node.currency(), a).await
}

/// Activities, optionally of one member.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    member: Option<Uuid>,
    offset: u64,
    limit: u64,
) -> Result<Page<ActivityBudget>, AppError> {
    let (rows, total) = repo::list(c, member, offset, limit).await?;
    let currency = node.currency();
    let ids: Vec<Uuid> = rows.iter().map(|a| a.id.0).collect();
    let balances = ledger::balances(c, AccountKind::ActivityBudget, &ids, currency).await?;
    let items = rows
        .into_iter()
        .map(|a| {
            // Budget accounts are liabilities: their balance is a credit.
            let budget = balances.get(&a.id.0).copied().unwrap_or_else(|| Money::zero(currency)).negated();
            ActivityBudget { activity: a, budget }
        })
        .collect();
    Ok(Page { items, total, offset, limit })
}

/// Every flow of an activity's budget in the months `from..=to`, oldest first,
/// with the opening balance and the running balance. Reads the window's lines
/// and sums those after its start (the opening is today's running total less
/// them), so its cost does not grow with the activity's history before `from`.
pub async fn statement<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    from: Month,
    to: Month,
) -> Result<StatementView, AppError> {
    load(c, id).await?;
    let currency = node.currency();
    let lines = journal_line::Entity::find()
        .filter(journal_line::Column::Account.eq(AccountKind::ActivityBudget.as_str()))
        .filter(journal_line::Column::SubAccount.eq(id))
        .filter(journal_line::Column::EntryDate.between(from.first_day(), to.last_day()))
        .all(c)
        .await?;
    let opening = ledger::budgets_at_start_of(c, &[id], from.first_day()).await?;
    let opening = Money::from_minor(opening.get(&id).copied().unwrap_or(0), currency);
    let entry_ids: Vec<Uuid> = lines.iter().map(|l| l.entry_id).collect();
    let entries: HashMap<Uuid, journal_entry::Model> = journal_entry::Entity::find()
        .filter(journal_entry::Column::Id.is_in(entry_ids))
        .order_by_asc(journal_entry::Column::EntryDate)
        .order_by_asc(journal_entry::Column::Id)
        .all(c)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let doc_ids: Vec<Uuid> = entries.values().filter_map(|e| e.document_id).collect();
    // A payslip's entry has the payslip as its document: the statement names the
    // payslip and its contract from it, whatever reference older entries were posted with.
    let payslips: HashMap<Uuid, (Uuid, String, String)> = payslip::Entity::find()
        .select_only()
        .column(payslip::Column::Id)
        .column(payslip::Column::ContractId)
        .column(payslip::Column::Period)
        .column(payslip::Column::Kind)
        .filter(payslip::Column::Id.is_in(doc_ids.iter().copied()))
        .into_tuple::<(Uuid, Uuid, String, String)>()
        .all(c)
        .await?
        .into_iter()
        .map(|(id, contract, period, kind)| (id, (contract, period, kind)))
        .collect();
    let invoices: HashMap<Uuid, invoice::Model> = invoice::Entity::find()
        .filter(invoice::Column::Id.is_in(doc_ids))
        .all(c)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let mut rows: Vec<(&journal_entry::Model, Money)> = Vec::with_capacity(lines.len());
    for l in &lines {
        let e = entries.get(&l.entry_id).ok_or_else(|| AppError::Corrupt("journal line without entry".into()))?;
        // Budget accounts are liabilities: a credit (negative line) increases the budget.
        rows.push((e, super::money(l.amount_minor, &l.currency)?.negated()));
    }
    rows.sort_by_key(|(e, _)| (e.entry_date, e.id));
    let mut balance = opening;
    let mut invoiced_total = Money::zero(currency);
    let mut fee_total = Money::zero(currency);
    let mut out = Vec::with_capacity(rows.len());
    for (e, change) in rows {
        balance = balance.checked_add(change)?;
        let (mut invoiced, mut fee) = (None, None);
        if let Some(inv) = e.document_id.and_then(|d| invoices.get(&d)) {
            let sign = if e.kind == "credit_note_issued" { -1 } else { 1 };
            let net = Money::from_minor(inv.net_minor.saturating_mul(sign), currency);
            let f = Money::from_minor(inv.fee_minor.saturating_mul(sign), currency);
            invoiced_total = invoiced_total.checked_add(net)?;
            fee_total = fee_total.checked_add(f)?;
            invoiced = Some(net.amount().to_string());
            fee = Some(f.amount().to_string());
        }
        let slip = e.document_id.and_then(|d| payslips.get(&d).map(|s| (d, s)));
        let reference = match slip {
            Some((id, (_, period, kind))) if kind == partage_core::payroll::PayslipKind::TrueUp.as_str() => {
                format!("true-up {} {id}", period.get(..4).unwrap_or(period))
            }
            Some((id, (_, period, _))) => format!("payslip {period} {id}"),
            None => e.reference.clone(),
        };
        out.push(StatementLineView {
            date: e.entry_date,
            kind: e.kind.clone(),
            reference,
            payslip_id: slip.map(|(id, _)| id),
            contract_id: slip.map(|(_, (contract, _, _))| *contract),
            invoiced,
            fee,
            budget_change: change.amount().to_string(),
            balance: balance.amount().to_string(),
        });
    }
    Ok(StatementView {
        activity_id: id,
        currency: currency.code().into(),
        from: from.to_string(),
        to: to.to_string(),
        opening_balance: opening.amount().to_string(),
        lines: out,
        invoiced: invoiced_total.amount().to_string(),
        fee: fee_total.amount().to_string(),
        balance: balance.amount().to_string(),
    })
}
