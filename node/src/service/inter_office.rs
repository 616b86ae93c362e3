//! Inter-office accounts (issue 13): what one office of the group owes another for the
//! capital of members who moved between them with their shares carried
//! (`federation.transfer_shares = "carry"`), and its settlement at the bank.
//!
//! A carried transfer moves no money: the origin's capital leaves its register and is owed
//! to the destination (`due_to_offices`, keyed by the office, `core::ledger::Office`), and the
//! destination's new member's shares are paid by what the origin owes it (`due_from_offices`).
//! The two offices' accounts are each other's mirror: what one shows due to the other, the
//! other shows due from it. An admin records the bank transfer that settles them ([`settle`]),
//! at each office: the payer `paid`, the payee `received`.

use super::bounds;
use super::errors::MemberTransferRefusal;
use super::ledger;
use super::views::{InterOfficeBalanceView, InterOfficeSettlementView, Page};
use super::Node;
use crate::error::AppError;
use crate::storage::inter_office as store;
use chrono::NaiveDate;
use partage_core::ledger::{self as journal, Account, AccountKind, Office, Settlement};
use partage_core::{Currency, Money};
use sea_orm::ConnectionTrait;

/// What a settlement records: the bank transfer's direction, amount, value date and reference.
#[derive(Clone, Debug)]
pub struct NewSettlement {
    /// Who paid whom.
    pub direction: Settlement,
    /// The amount transferred, in the node's currency.
    pub amount: Money,
    /// The value date.
    pub date: NaiveDate,
    /// The bank's reference of the transfer, if any.
    pub reference: Option<String>,
}

/// The office a path names, refused (naming `office`) when it is no office's id or this one's.
pub fn office(node: &Node, id: &str) -> Result<Office, AppError> {
    let office = Office::new(id.trim()).map_err(|e| AppError::invalid("office", e.to_string()))?;
    if node.settings.federation.as_ref().is_some_and(|f| f.node.as_str() == office.as_str()) {
        return Err(AppError::invalid(
            "office",
            format!("{office} is this office: an inter-office account is with another one"),
        ));
    }
    Ok(office)
}

/// The amounts owed each way between this office and `office`, from the journal (through the
/// `(account, sub_account)` index: the lines of that office only).
async fn owed<C: ConnectionTrait>(c: &C, office: &Office, currency: Currency) -> Result<(Money, Money), AppError> {
    let due_from = ledger::journal_balance(c, Account::due_from_office(office), currency).await?;
    let due_to = ledger::journal_balance(c, Account::due_to_office(office), currency).await?.negated();
    Ok((due_from, due_to))
}

async fn view<C: ConnectionTrait>(c: &C, node: &Node, office: &Office) -> Result<InterOfficeBalanceView, AppError> {
    let currency = node.currency();
    let (due_from, due_to) = owed(c, office, currency).await?;
    Ok(InterOfficeBalanceView {
        office: office.to_string(),
        currency: currency.code().to_owned(),
        due_from: due_from.amount().to_string(),
        due_to: due_to.amount().to_string(),
        net: due_from.checked_sub(due_to)?.amount().to_string(),
        due_from_chart_class: node.pack.chart_account(AccountKind::DueFromOffices).to_owned(),
        due_to_chart_class: node.pack.chart_account(AccountKind::DueToOffices).to_owned(),
    })
}

/// Opens the account with `office` for a carried transfer's entry, in its transaction.
pub async fn open<C: ConnectionTrait>(c: &C, node: &Node, office: &Office) -> Result<(), AppError> {
    store::open(c, office, node.instant()).await
}

/// The offices this office has an account with, by id, each with what is owed either way.
pub async fn balances<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    offset: u64,
    limit: u64,
) -> Result<Page<InterOfficeBalanceView>, AppError> {
    let (offices, total) = store::page(c, offset, limit).await?;
    let mut items = Vec::with_capacity(offices.len());
    for office in &offices {
        items.push(view(c, node, office).await?);
    }
    Ok(Page { items, total, offset, limit })
}

/// The accounts with one office (zero when there is none).
pub async fn balance<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    office: &Office,
) -> Result<InterOfficeBalanceView, AppError> {
    view(c, node, office).await
}

/// Records that the balance with `office` was settled, wholly or in part, by a bank transfer:
/// `paid` takes what this office owed it from the bank, `received` brings what it owed to the
/// bank. Refused beyond what is owed that way (a settlement never turns a debt into a claim),
/// for a zero or negative amount and for a date after today. The account's row is locked, so
/// two settlements at once are each checked against what the other left.
pub async fn settle<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    office: &Office,
    s: &NewSettlement,
) -> Result<InterOfficeSettlementView, AppError> {
    if !s.amount.is_positive() {
        return Err(AppError::invalid("amount", "a settlement moves a positive amount"));
    }
    bounds::in_the_cooperatives_past(node, "date", s.date)?;
    let reference = s.reference.as_deref().map(str::trim).filter(|r| !r.is_empty());
    if let Some(r) = reference {
        if r.chars().count() > 140 || r.chars().any(char::is_control) {
            return Err(AppError::invalid("reference", "at most 140 printable characters"));
        }
    }
    let open = store::lock(c, office).await?;
    let (due_from, due_to) = owed(c, office, node.currency()).await?;
    let owed = match s.direction {
        Settlement::Paid => due_to,
        Settlement::Received => due_from,
    };
    if !open || s.amount.amount() > owed.amount() {
        return Err(MemberTransferRefusal::SettlementAboveBalance {
            office: office.to_string(),
            direction: s.direction.as_str(),
            amount: s.amount.to_string(),
            owed: owed.to_string(),
        }
        .into());
    }
    let mut text = format!("inter-office {office} {}", s.direction.as_str());
    if let Some(r) = reference {
        text.push_str(": ");
        text.push_str(r);
    }
    let entry = journal::inter_office_settled(s.date, &text, office, s.direction, s.amount)?;
    let entry_id = ledger::post(c, &entry, None).await?;
    Ok(InterOfficeSettlementView {
        entry_id,
        office: office.to_string(),
        direction: s.direction.as_str().to_owned(),
        amount: s.amount.amount().to_string(),
        currency: s.amount.currency().code().to_owned(),
        date: s.date,
        reference: text,
        balance: view(c, node, office).await?,
    })
}
