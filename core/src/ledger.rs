//! The double-entry journal: every operation posts balanced lines.
//!
//! Debits are positive, credits negative; every entry sums to zero, so the whole
//! journal does. The journal is append-only: a mistake is corrected by a new
//! entry (a credit note reverses an invoice), never by editing one. Balances are
//! derived from the lines, never kept apart.

use crate::client::CountryCode;
use crate::fee::FeeSplit;
use crate::invoice::Totals;
use crate::money::{Currency, Money, MoneyError};
use crate::payroll::{Liability, Payroll, Payslip};
use crate::{ActivityId, ClientId, MemberId};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

/// The accounts of a node's journal; where each is kept in the national chart of
/// accounts is its pack's (`CountryPack::chart_account`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AccountKind {
    /// Cash at bank.
    Bank,
    /// What clients owe, per client.
    ClientReceivables,
    /// VAT collected and owed to the state.
    VatPayable,
    /// Budget of each activity, owed to its member as salary or expenses (a liability).
    ActivityBudget,
    /// The cooperative's fee income.
    FeeIncome,
    /// The guarantee fund, financed by its share of the fee (a reserve/provision).
    GuaranteeFund,
    /// Members' share capital, per member.
    ShareCapital,
    /// Subscribed shares not yet paid, per member.
    SharesReceivable,
    /// Net wages owed, per member.
    WagesPayable,
    /// Social security contributions owed to the state's collector.
    SocialSecurityPayable,
    /// Income tax withheld from wages, owed to the tax administration.
    WithholdingTaxPayable,
    /// Holiday pay built up and not yet paid.
    HolidayPayProvision,
    /// What the employer-cost coefficient charges beyond wages and contributions:
    /// insurance, payroll costs, the pooled margin (other operating income).
    PayrollMargin,
    /// What another office of the group owes this one, per office: the capital of members
    /// who moved here with their shares carried, until that office pays it over.
    DueFromOffices,
    /// What this office owes another office of the group, per office: the capital of members
    /// who moved there with their shares carried, until this office pays it over.
    DueToOffices,
}

impl AccountKind {
    /// Every account, in the order statements list them.
    pub const ALL: [AccountKind; 15] = [
        AccountKind::ShareCapital,
        AccountKind::GuaranteeFund,
        AccountKind::ClientReceivables,
        AccountKind::SharesReceivable,
        AccountKind::DueFromOffices,
        AccountKind::WithholdingTaxPayable,
        AccountKind::SocialSecurityPayable,
        AccountKind::WagesPayable,
        AccountKind::HolidayPayProvision,
        AccountKind::VatPayable,
        AccountKind::DueToOffices,
        AccountKind::ActivityBudget,
        AccountKind::Bank,
        AccountKind::FeeIncome,
        AccountKind::PayrollMargin,
    ];

    /// The stable name used in storage and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::Bank => "bank",
            AccountKind::ClientReceivables => "client_receivables",
            AccountKind::VatPayable => "vat_payable",
            AccountKind::ActivityBudget => "activity_budget",
            AccountKind::FeeIncome => "fee_income",
            AccountKind::GuaranteeFund => "guarantee_fund",
            AccountKind::ShareCapital => "share_capital",
            AccountKind::SharesReceivable => "shares_receivable",
            AccountKind::WagesPayable => "wages_payable",
            AccountKind::SocialSecurityPayable => "social_security_payable",
            AccountKind::WithholdingTaxPayable => "withholding_tax_payable",
            AccountKind::HolidayPayProvision => "holiday_pay_provision",
            AccountKind::PayrollMargin => "payroll_margin",
            AccountKind::DueFromOffices => "due_from_offices",
            AccountKind::DueToOffices => "due_to_offices",
        }
    }
}

impl fmt::Display for AccountKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AccountKind {
    type Err = LedgerError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AccountKind::ALL.into_iter().find(|a| a.as_str() == s).ok_or_else(|| LedgerError::UnknownAccount(s.into()))
    }
}

/// An account, with the sub-ledger key where the account keeps one
/// (the activity of a budget, the client of a receivable, the member of shares).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Account {
    /// The account.
    pub kind: AccountKind,
    /// The activity, client or member it is kept for.
    pub sub: Option<Uuid>,
}

impl Account {
    /// An account without sub-ledger.
    pub fn general(kind: AccountKind) -> Account {
        Account { kind, sub: None }
    }
    /// An activity's budget.
    pub fn budget(activity: ActivityId) -> Account {
        Account { kind: AccountKind::ActivityBudget, sub: Some(activity.0) }
    }
    /// A client's receivable.
    pub fn receivable(client: ClientId) -> Account {
        Account { kind: AccountKind::ClientReceivables, sub: Some(client.0) }
    }
    /// A member's share capital.
    pub fn capital(member: MemberId) -> Account {
        Account { kind: AccountKind::ShareCapital, sub: Some(member.0) }
    }
    /// A member's unpaid subscribed shares.
    pub fn shares_receivable(member: MemberId) -> Account {
        Account { kind: AccountKind::SharesReceivable, sub: Some(member.0) }
    }
    /// A member's net wages not yet paid.
    pub fn wages_payable(member: MemberId) -> Account {
        Account { kind: AccountKind::WagesPayable, sub: Some(member.0) }
    }
    /// What is owed to `state`'s collectors on a `kind` account (contributions of a contract under
    /// that state's legislation, Regulation (EC) 883/2004): a sub-ledger apart from what is owed
    /// at home, since another institution collects it. Its key reads as the state's code in the
    /// stored bytes (`partage-state-FR`).
    pub fn owed_to(kind: AccountKind, state: CountryCode) -> Account {
        let mut key = *b"partage-state-XX";
        key[14..].copy_from_slice(state.as_str().as_bytes());
        Account { kind, sub: Some(Uuid::from_bytes(key)) }
    }
    /// What another office owes this one (`office`: its id in the federation, `fr`).
    pub fn due_from_office(office: &Office) -> Account {
        Account { kind: AccountKind::DueFromOffices, sub: Some(office.key()) }
    }
    /// What this office owes another one.
    pub fn due_to_office(office: &Office) -> Account {
        Account { kind: AccountKind::DueToOffices, sub: Some(office.key()) }
    }
}

/// Another office of the group, by its id in the federation (`fr`): 2 to 16 lowercase
/// ASCII letters or digits, the federation's rule for a node id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Office(String);

impl Office {
    /// Checks an office id.
    pub fn new(id: &str) -> Result<Office, LedgerError> {
        let ok = (2..=16).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if ok {
            Ok(Office(id.to_owned()))
        } else {
            Err(LedgerError::BadOffice(id.chars().take(20).collect()))
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The sub-ledger key of the office's inter-office accounts: its id's bytes, padded with
    /// zero bytes to sixteen, so the key reads back as the office (`from_key`) without a table.
    pub fn key(&self) -> Uuid {
        let mut key = [0u8; 16];
        for (k, b) in key.iter_mut().zip(self.0.bytes()) {
            *k = b;
        }
        Uuid::from_bytes(key)
    }

    /// The office a sub-ledger key names, if it is one's.
    pub fn from_key(key: Uuid) -> Option<Office> {
        let bytes = key.as_bytes();
        let len = bytes.iter().position(|b| *b == 0).unwrap_or(bytes.len());
        let (id, padding) = bytes.split_at(len);
        if padding.iter().any(|b| *b != 0) {
            return None;
        }
        Office::new(std::str::from_utf8(id).ok()?).ok()
    }
}

impl fmt::Display for Office {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which way the money went when an inter-office balance was settled at the bank.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Settlement {
    /// This office paid the other what it owed it.
    Paid,
    /// The other office paid this one what it owed.
    Received,
}

impl Settlement {
    /// The stable name used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Settlement::Paid => "paid",
            Settlement::Received => "received",
        }
    }
}

impl FromStr for Settlement {
    type Err = LedgerError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "paid" => Ok(Settlement::Paid),
            "received" => Ok(Settlement::Received),
            other => Err(LedgerError::UnknownSettlement(other.chars().take(20).collect())),
        }
    }
}

/// One journal line: positive debits, negative credits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posting {
    /// The account.
    pub account: Account,
    /// Signed amount: debit > 0, credit < 0.
    pub amount: Money,
}

impl Posting {
    /// A debit of `amount` (taken as positive).
    pub fn debit(account: Account, amount: Money) -> Posting {
        Posting { account, amount }
    }
    /// A credit of `amount` (stored negative).
    pub fn credit(account: Account, amount: Money) -> Posting {
        Posting { account, amount: amount.negated() }
    }
}

/// What caused an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// An invoice was issued.
    InvoiceIssued,
    /// A client paid.
    PaymentReceived,
    /// A credit note cancelled an invoice.
    CreditNoteIssued,
    /// Shares were subscribed.
    SharesSubscribed,
    /// Shares were paid.
    SharesPaid,
    /// Paid shares were refunded.
    SharesRefunded,
    /// A payslip was computed: the budget pays the wage and the contributions.
    PayslipPosted,
    /// Net wages left the bank.
    WagesPaid,
    /// A client defaulted: what it still owed is written off.
    ClientDefaulted,
    /// The guarantee fund's reserve brought in when a node opens (earlier years' fee shares).
    FundEndowed,
    /// A member's validated expense claim was repaid from the activity's budget.
    ExpenseReimbursed,
    /// A member moved to another office with their shares carried: the capital is owed to it.
    SharesCarriedOut,
    /// A member came from another office with their shares carried: that office owes the capital.
    SharesCarriedIn,
    /// What an office owed another was paid at the bank.
    InterOfficeSettled,
}

impl EntryKind {
    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::InvoiceIssued => "invoice_issued",
            EntryKind::PaymentReceived => "payment_received",
            EntryKind::CreditNoteIssued => "credit_note_issued",
            EntryKind::SharesSubscribed => "shares_subscribed",
            EntryKind::SharesPaid => "shares_paid",
            EntryKind::SharesRefunded => "shares_refunded",
            EntryKind::PayslipPosted => "payslip_posted",
            EntryKind::WagesPaid => "wages_paid",
            EntryKind::ClientDefaulted => "client_defaulted",
            EntryKind::FundEndowed => "fund_endowed",
            EntryKind::ExpenseReimbursed => "expense_reimbursed",
            EntryKind::SharesCarriedOut => "shares_carried_out",
            EntryKind::SharesCarriedIn => "shares_carried_in",
            EntryKind::InterOfficeSettled => "inter_office_settled",
        }
    }
}

/// A balanced set of postings, dated, with what caused it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JournalEntry {
    /// Accounting date.
    pub date: NaiveDate,
    /// What caused it.
    pub kind: EntryKind,
    /// Human reference (invoice number, member, payment).
    pub reference: String,
    /// The lines; they sum to zero.
    pub postings: Vec<Posting>,
}

/// Why an entry cannot be posted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    /// Lines do not sum to zero.
    #[error("entry '{reference}' does not balance: lines sum to {sum}")]
    Unbalanced {
        /// The entry.
        reference: String,
        /// The non-zero sum.
        sum: Money,
    },
    /// Fewer than two non-zero lines.
    #[error("entry '{0}' needs at least two non-zero lines")]
    TooFewLines(String),
    /// Two currencies in one entry.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// Not a known account name.
    #[error("unknown account '{0}'")]
    UnknownAccount(String),
    /// Not an office's id.
    #[error("'{0}' is not an office's id: 2 to 16 lowercase letters or digits, like fr")]
    BadOffice(String),
    /// Not a way a settlement goes.
    #[error("unknown settlement direction '{0}': paid or received")]
    UnknownSettlement(String),
}

impl JournalEntry {
    /// Builds an entry, dropping zero lines and refusing one that does not balance.
    pub fn new(date: NaiveDate, kind: EntryKind, reference: &str, postings: Vec<Posting>) -> Result<Self, LedgerError> {
        let postings: Vec<Posting> = postings.into_iter().filter(|p| !p.amount.is_zero()).collect();
        let Some(first) = postings.first() else {
            return Err(LedgerError::TooFewLines(reference.into()));
        };
        if postings.len() < 2 {
            return Err(LedgerError::TooFewLines(reference.into()));
        }
        let sum = Money::sum(first.amount.currency(), postings.iter().map(|p| p.amount))?;
        if !sum.is_zero() {
            return Err(LedgerError::Unbalanced { reference: reference.into(), sum });
        }
        Ok(Self { date, kind, reference: reference.into(), postings })
    }

    /// The entry that exactly cancels this one (same lines, opposite signs).
    pub fn reversal(&self, date: NaiveDate, kind: EntryKind, reference: &str) -> Result<Self, LedgerError> {
        let postings =
            self.postings.iter().map(|p| Posting { account: p.account, amount: p.amount.negated() }).collect();
        Self::new(date, kind, reference, postings)
    }
}

/// An issued invoice: the client owes the total; VAT is owed to the state; the
/// fee goes to income and to the guarantee fund; the rest credits the budget.
pub fn invoice_issued(
    date: NaiveDate,
    number: &str,
    client: ClientId,
    activity: ActivityId,
    totals: &Totals,
    split: &FeeSplit,
) -> Result<JournalEntry, LedgerError> {
    JournalEntry::new(
        date,
        EntryKind::InvoiceIssued,
        number,
        vec![
            Posting::debit(Account::receivable(client), totals.gross),
            Posting::credit(Account::general(AccountKind::VatPayable), totals.vat),
            Posting::credit(Account::general(AccountKind::FeeIncome), split.to_income),
            Posting::credit(Account::general(AccountKind::GuaranteeFund), split.to_fund),
            Posting::credit(Account::budget(activity), split.budget),
        ],
    )
}

/// A client's payment reaches the bank and settles its receivable.
pub fn payment_received(
    date: NaiveDate,
    reference: &str,
    client: ClientId,
    amount: Money,
) -> Result<JournalEntry, LedgerError> {
    JournalEntry::new(
        date,
        EntryKind::PaymentReceived,
        reference,
        vec![
            Posting::debit(Account::general(AccountKind::Bank), amount),
            Posting::credit(Account::receivable(client), amount),
        ],
    )
}

/// Shares subscribed: the member owes them, the capital is promised.
pub fn shares_subscribed(
    date: NaiveDate,
    reference: &str,
    member: MemberId,
    amount: Money,
) -> Result<JournalEntry, LedgerError> {
    JournalEntry::new(
        date,
        EntryKind::SharesSubscribed,
        reference,
        vec![
            Posting::debit(Account::shares_receivable(member), amount),
            Posting::credit(Account::capital(member), amount),
        ],
    )
}

/// Shares paid: money at the bank settles what the member owed.
pub fn shares_paid(
    date: NaiveDate,
    reference: &str,
    member: MemberId,
    amount: Money,
) -> Result<JournalEntry, LedgerError> {
    JournalEntry::new(
        date,
        EntryKind::SharesPaid,
        reference,
        vec![
            Posting::debit(Account::general(AccountKind::Bank), amount),
            Posting::credit(Account::shares_receivable(member), amount),
        ],
    )
}

/// On leaving: paid shares are refunded from the bank, unpaid ones cancelled.
pub fn shares_refunded(
    date: NaiveDate,
    reference: &str,
    member: MemberId,
    refunded: Money,
    cancelled: Money,
) -> Result<JournalEntry, LedgerError> {
    JournalEntry::new(
        date,
        EntryKind::SharesRefunded,
        reference,
        vec![
            Posting::debit(Account::capital(member), refunded.checked_add(cancelled)?),
            Posting::credit(Account::general(AccountKind::Bank), refunded),
            Posting::credit(Account::shares_receivable(member), cancelled),
        ],
    )
}

/// A member moves to `office` with their shares carried: their capital leaves this office's
/// register and is owed to that office instead of being refunded from the bank (no money
/// moved); unpaid shares are cancelled, as on a refund.
pub fn shares_carried_out(
    date: NaiveDate,
    reference: &str,
    member: MemberId,
    office: &Office,
    carried: Money,
    cancelled: Money,
) -> Result<JournalEntry, LedgerError> {
    JournalEntry::new(
        date,
        EntryKind::SharesCarriedOut,
        reference,
        vec![
            Posting::debit(Account::capital(member), carried.checked_add(cancelled)?),
            Posting::credit(Account::due_to_office(office), carried),
            Posting::credit(Account::shares_receivable(member), cancelled),
        ],
    )
}

/// A member came from `office` with their shares carried: the subscribed shares are paid by
/// what that office owes for them, not by money at the bank.
pub fn shares_carried_in(
    date: NaiveDate,
    reference: &str,
    member: MemberId,
    office: &Office,
    amount: Money,
) -> Result<JournalEntry, LedgerError> {
    JournalEntry::new(
        date,
        EntryKind::SharesCarriedIn,
        reference,
        vec![
            Posting::debit(Account::due_from_office(office), amount),
            Posting::credit(Account::shares_receivable(member), amount),
        ],
    )
}

/// An inter-office balance settled at the bank: what this office owed `office` paid out
/// (`Paid`), or what `office` owed it received (`Received`).
pub fn inter_office_settled(
    date: NaiveDate,
    reference: &str,
    office: &Office,
    direction: Settlement,
    amount: Money,
) -> Result<JournalEntry, LedgerError> {
    let bank = Account::general(AccountKind::Bank);
    let postings = match direction {
        Settlement::Paid => vec![Posting::debit(Account::due_to_office(office), amount), Posting::credit(bank, amount)],
        Settlement::Received => {
            vec![Posting::debit(bank, amount), Posting::credit(Account::due_from_office(office), amount)]
        }
    };
    JournalEntry::new(date, EntryKind::InterOfficeSettled, reference, postings)
}

/// A payslip: the activity's budget pays the employer cost; the net is owed to
/// the member, each contribution to whom collects it (the collectors of `abroad`, when the
/// payslip was computed under that state's legislation), the margin is income.
/// Refused (unbalanced) if the pack's lines and the net do not make the cost.
pub fn payslip_posted(
    reference: &str,
    activity: ActivityId,
    member: MemberId,
    payslip: &Payslip,
    payroll: &dyn Payroll,
    abroad: Option<CountryCode>,
) -> Result<JournalEntry, LedgerError> {
    let mut postings = vec![
        Posting::debit(Account::budget(activity), payslip.employer_cost),
        Posting::credit(Account::wages_payable(member), payslip.net),
    ];
    for line in &payslip.lines {
        let kind = match payroll.liability(line) {
            None => continue,
            Some(Liability::SocialSecurity) => AccountKind::SocialSecurityPayable,
            Some(Liability::WithholdingTax) => AccountKind::WithholdingTaxPayable,
            Some(Liability::HolidayPay) => AccountKind::HolidayPayProvision,
            Some(Liability::Margin) => AccountKind::PayrollMargin,
        };
        // The fee margin stays the node's income wherever the contributions go.
        let account = match abroad {
            Some(state) if kind != AccountKind::PayrollMargin => Account::owed_to(kind, state),
            _ => Account::general(kind),
        };
        match postings.iter_mut().find(|p| p.account == account) {
            Some(p) => p.amount = p.amount.checked_sub(line.amount)?,
            None => postings.push(Posting::credit(account, line.amount)),
        }
    }
    JournalEntry::new(payslip.date, EntryKind::PayslipPosted, reference, postings)
}

/// Net wages paid from the bank to members (one line per member owed).
pub fn wages_paid(date: NaiveDate, reference: &str, paid: &[(MemberId, Money)]) -> Result<JournalEntry, LedgerError> {
    let Some((_, first)) = paid.first() else {
        return Err(LedgerError::TooFewLines(reference.into()));
    };
    let total = Money::sum(first.currency(), paid.iter().map(|(_, m)| *m))?;
    let mut postings: Vec<Posting> =
        paid.iter().map(|(m, net)| Posting::debit(Account::wages_payable(*m), *net)).collect();
    postings.push(Posting::credit(Account::general(AccountKind::Bank), total));
    JournalEntry::new(date, EntryKind::WagesPaid, reference, postings)
}

/// The guarantee fund's reserve brought to the bank when a node opens.
pub fn fund_endowed(date: NaiveDate, reference: &str, amount: Money) -> Result<JournalEntry, LedgerError> {
    JournalEntry::new(
        date,
        EntryKind::FundEndowed,
        reference,
        vec![
            Posting::debit(Account::general(AccountKind::Bank), amount),
            Posting::credit(Account::general(AccountKind::GuaranteeFund), amount),
        ],
    )
}

/// A member's expense repaid: the activity's budget pays it, the money leaves the bank.
///
/// Two lines and nothing else: an expense the member advanced for the cooperative is a
/// repayment of the employer's own cost, not pay (FPS Finance circular 2025/C/18 §1: "un
/// remboursement non imposable de dépenses propres à l'employeur"), so it bears no social
/// security contribution and no withholding tax, unlike `payslip_posted`.
pub fn expense_reimbursed(
    date: NaiveDate,
    reference: &str,
    activity: ActivityId,
    amount: Money,
) -> Result<JournalEntry, LedgerError> {
    JournalEntry::new(
        date,
        EntryKind::ExpenseReimbursed,
        reference,
        vec![
            Posting::debit(Account::budget(activity), amount),
            Posting::credit(Account::general(AccountKind::Bank), amount),
        ],
    )
}

/// Balances per account kind (debits positive), from any set of postings.
pub fn trial_balance<'a, I>(currency: Currency, postings: I) -> Result<BTreeMap<AccountKind, Money>, LedgerError>
where
    I: IntoIterator<Item = &'a Posting>,
{
    let mut balances: BTreeMap<AccountKind, Money> = BTreeMap::new();
    for p in postings {
        let entry = balances.entry(p.account.kind).or_insert_with(|| Money::zero(currency));
        *entry = entry.checked_add(p.amount)?;
    }
    Ok(balances)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fee::FeePolicy;
    use crate::invoice::{compute_totals, InvoiceLine};
    use crate::money::Rate;
    use crate::vat::{LineVat, VatCategory};
    use proptest::prelude::*;
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    #[test]
    fn what_is_owed_to_another_state_is_a_sub_ledger_of_its_own_per_state() {
        let fr = CountryCode::parse("fr").unwrap();
        let owed = Account::owed_to(AccountKind::SocialSecurityPayable, fr);
        assert_eq!(owed.kind, AccountKind::SocialSecurityPayable);
        assert_eq!(owed.sub.map(|u| *u.as_bytes()), Some(*b"partage-state-FR"));
        assert_ne!(owed, Account::general(AccountKind::SocialSecurityPayable));
        assert_ne!(owed, Account::owed_to(AccountKind::SocialSecurityPayable, CountryCode::parse("IT").unwrap()));
        assert_ne!(owed, Account::owed_to(AccountKind::WithholdingTaxPayable, fr));
    }

    fn issue(cents: i64, pct: Decimal) -> JournalEntry {
        let vat = LineVat {
            category: VatCategory::Standard,
            rate: Rate::from_percent(pct),
            exemption_code: None,
            exemption_reason: None,
        };
        let line = InvoiceLine::new("work", dec!(1), "C62", Money::from_minor(cents, Currency::EUR), vat).unwrap();
        let totals = compute_totals(Currency::EUR, &[line]).unwrap();
        let split = FeePolicy { rate: Rate(dec!(0.065)), fund_share: Rate(dec!(0.2)) }.split(totals.net).unwrap();
        invoice_issued(day(), "2026-000001", ClientId::new(), ActivityId::new(), &totals, &split).unwrap()
    }

    #[test]
    fn an_unbalanced_entry_is_refused() {
        let err = JournalEntry::new(
            day(),
            EntryKind::PaymentReceived,
            "p",
            vec![
                Posting::debit(Account::general(AccountKind::Bank), Money::from_minor(100, Currency::EUR)),
                Posting::credit(Account::general(AccountKind::FeeIncome), Money::from_minor(99, Currency::EUR)),
            ],
        );
        assert!(matches!(err, Err(LedgerError::Unbalanced { .. })));
    }

    #[test]
    fn the_1000_euro_invoice_credits_935_to_the_budget() {
        let e = issue(100_000, dec!(21));
        let budget = e.postings.iter().find(|p| p.account.kind == AccountKind::ActivityBudget).unwrap();
        assert_eq!(budget.amount, Money::from_minor(-93_500, Currency::EUR));
        let receivable = e.postings.iter().find(|p| p.account.kind == AccountKind::ClientReceivables).unwrap();
        assert_eq!(receivable.amount, Money::from_minor(121_000, Currency::EUR));
    }

    #[test]
    fn a_reversal_cancels_every_balance() {
        let e = issue(123_457, dec!(6));
        let r = e.reversal(day(), EntryKind::CreditNoteIssued, "CN2026-000001").unwrap();
        let tb = trial_balance(Currency::EUR, e.postings.iter().chain(r.postings.iter())).unwrap();
        assert!(tb.values().all(|m| m.is_zero()));
    }

    #[test]
    fn an_expense_reimbursement_balances_and_takes_only_from_the_budget() {
        let activity = ActivityId::new();
        let amount = Money::from_minor(5_191, Currency::EUR);
        let e = expense_reimbursed(day(), "expense 1", activity, amount).unwrap();
        assert_eq!(e.kind.as_str(), "expense_reimbursed");
        assert!(Money::sum(Currency::EUR, e.postings.iter().map(|p| p.amount)).unwrap().is_zero());
        assert_eq!(
            e.postings,
            vec![
                Posting::debit(Account::budget(activity), amount),
                Posting::credit(Account::general(AccountKind::Bank), amount),
            ]
        );
        let zero = expense_reimbursed(day(), "expense 2", activity, Money::zero(Currency::EUR));
        assert!(matches!(zero, Err(LedgerError::TooFewLines(_))));
    }

    #[test]
    fn an_office_is_its_own_sub_ledger_key_and_reads_back_from_it() {
        let fr = Office::new("fr").unwrap();
        assert_eq!(Office::from_key(fr.key()), Some(fr.clone()));
        let long = Office::new("office2026abcdef").unwrap();
        assert_eq!(Office::from_key(long.key()).as_ref().map(Office::as_str), Some("office2026abcdef"));
        assert_ne!(fr.key(), Office::new("be").unwrap().key());
        for bad in ["", "f", "FR", "f.r", "office2026abcdefg"] {
            assert!(matches!(Office::new(bad), Err(LedgerError::BadOffice(_))), "{bad}");
        }
        // A member's or a state's key is no office's.
        assert_eq!(Office::from_key(Uuid::now_v7()), None);
        assert_eq!(Office::from_key(Uuid::from_bytes(*b"partage-state-FR")), None);
    }

    #[test]
    fn carried_shares_move_the_capital_between_the_offices_accounts_not_the_bank() {
        let eur = |c| Money::from_minor(c, Currency::EUR);
        let (member, fr, be) = (MemberId::new(), Office::new("fr").unwrap(), Office::new("be").unwrap());
        let out = shares_carried_out(day(), "transfer t", member, &fr, eur(6_000), eur(3_000)).unwrap();
        assert_eq!(out.kind.as_str(), "shares_carried_out");
        assert_eq!(
            out.postings,
            vec![
                Posting::debit(Account::capital(member), eur(9_000)),
                Posting::credit(Account::due_to_office(&fr), eur(6_000)),
                Posting::credit(Account::shares_receivable(member), eur(3_000)),
            ]
        );
        let into = shares_carried_in(day(), "transfer t", member, &be, eur(6_000)).unwrap();
        assert_eq!(
            into.postings,
            vec![
                Posting::debit(Account::due_from_office(&be), eur(6_000)),
                Posting::credit(Account::shares_receivable(member), eur(6_000)),
            ]
        );
        assert!(out.postings.iter().chain(&into.postings).all(|p| p.account.kind != AccountKind::Bank));
        let paid = inter_office_settled(day(), "s", &fr, Settlement::Paid, eur(6_000)).unwrap();
        let received = inter_office_settled(day(), "s", &be, Settlement::Received, eur(6_000)).unwrap();
        // Both offices' books, together: the carried capital and its settlement leave nothing
        // between them, and each bank moved once, one out, one in.
        let tb = trial_balance(Currency::EUR, [&out, &paid].iter().flat_map(|e| e.postings.iter())).unwrap();
        assert!(tb[&AccountKind::DueToOffices].is_zero());
        assert_eq!(tb[&AccountKind::Bank], eur(-6_000));
        let tb = trial_balance(Currency::EUR, [&into, &received].iter().flat_map(|e| e.postings.iter())).unwrap();
        assert!(tb[&AccountKind::DueFromOffices].is_zero());
        assert_eq!(tb[&AccountKind::Bank], eur(6_000));
        assert_eq!("received".parse::<Settlement>().unwrap(), Settlement::Received);
        assert!("both".parse::<Settlement>().is_err());
    }

    proptest! {
        #[test]
        fn any_invoice_posts_a_balanced_entry(cents in 1i64..1_000_000_000, pct in prop::sample::select(vec![dec!(0), dec!(6), dec!(12), dec!(21)])) {
            let e = issue(cents, pct);
            let sum = Money::sum(Currency::EUR, e.postings.iter().map(|p| p.amount)).unwrap();
            prop_assert!(sum.is_zero());
        }
    }
}
