//! The guarantee fund: wages are paid within seven working days of the work
//! whether or not the client has paid.
//!
//! The fund is financed by its share of every fee. When an activity has spent
//! on wages more of its budget than its clients have paid, the difference is an
//! **advance** of the fund; client payments **recover** it; a client's default
//! turns what it still owed into a **loss** the fund absorbs, up to what was
//! advanced (the rest of the unpaid budget was never spent and simply vanishes
//! from the activity). Advances are derived from three sums per activity, never
//! kept apart, so no crash can make them drift from the journal.

use crate::calendar::Calendar;
use crate::ledger::{Account, AccountKind, EntryKind, JournalEntry, LedgerError, Posting};
use crate::money::{Money, MoneyError, Rate, RoundingRule};
use crate::{ActivityId, ClientId};
use chrono::NaiveDate;

/// Working days between the last day of work and the payment of its wage at the latest.
pub const WAGE_DEADLINE_WORKING_DAYS: u32 = 7;

/// The last day the wage of work ending on `work_end` may be paid.
pub fn wage_deadline(calendar: &dyn Calendar, work_end: NaiveDate) -> NaiveDate {
    calendar.add_working_days(work_end, WAGE_DEADLINE_WORKING_DAYS)
}

/// What an activity's clients paid and what it spent, for its advance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cover {
    /// The budget share of what its clients paid.
    pub received: Money,
    /// Advances the fund absorbed as losses.
    pub lost: Money,
    /// Employer costs and expenses charged to the budget.
    pub spent: Money,
}

impl Cover {
    /// What the fund has advanced and not recovered: spending beyond what was received.
    pub fn outstanding(&self) -> Result<Money, MoneyError> {
        let uncovered = self.spent.checked_sub(self.received)?.checked_sub(self.lost)?;
        Ok(if uncovered.is_positive() { uncovered } else { Money::zero(uncovered.currency()) })
    }
}

/// A change of an activity's advance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Movement {
    /// The fund paid wages the clients had not yet paid.
    Advance(Money),
    /// A client's payment repaid the fund.
    Recovery(Money),
    /// A client's default: the fund bears it.
    Loss(Money),
}

impl Movement {
    /// The stable name.
    pub fn kind(&self) -> &'static str {
        match self {
            Movement::Advance(_) => "advance",
            Movement::Recovery(_) => "recovery",
            Movement::Loss(_) => "loss",
        }
    }

    /// The amount, positive.
    pub fn amount(&self) -> Money {
        match self {
            Movement::Advance(m) | Movement::Recovery(m) | Movement::Loss(m) => *m,
        }
    }
}

/// The movement that takes an advance from `before` to `after` (None if unchanged).
pub fn movement(before: Money, after: Money) -> Result<Option<Movement>, MoneyError> {
    let delta = after.checked_sub(before)?;
    Ok(if delta.is_positive() {
        Some(Movement::Advance(delta))
    } else if delta.is_negative() {
        Some(Movement::Recovery(delta.negated()))
    } else {
        None
    })
}

/// The budget share of `paid` out of an invoice of `gross` whose budget is
/// `budget`: all of it once settled, else pro rata rounded down, so partial
/// payments never count more than the invoice gives.
pub fn budget_received(gross: Money, budget: Money, paid: Money) -> Result<Money, MoneyError> {
    if paid.amount() >= gross.amount() {
        return Ok(budget);
    }
    if !gross.is_positive() {
        return Ok(Money::zero(budget.currency()));
    }
    let share = paid.amount() * budget.amount() / gross.amount();
    Ok(Money::rounded(share, budget.currency(), RoundingRule::Truncate))
}

/// Fund balance over open advances; None when nothing is advanced.
pub fn coverage_ratio(fund: Money, open_advances: Money) -> Option<Rate> {
    if !open_advances.is_positive() {
        return None;
    }
    Some(Rate((fund.amount() / open_advances.amount()).round_dp(4)))
}

/// The fund's running totals, as its books keep them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FundTotals {
    /// The reserve the cooperative put in.
    pub endowed: Money,
    /// The fund's share of the fees clients have actually paid.
    pub share_received: Money,
    /// Every advance made.
    pub advanced: Money,
    /// Advances recovered by client payments.
    pub recovered: Money,
    /// Advances lost to client defaults.
    pub lost: Money,
}

impl FundTotals {
    /// Advances out, neither recovered nor lost.
    pub fn open_advances(&self) -> Result<Money, MoneyError> {
        self.advanced.checked_sub(self.recovered)?.checked_sub(self.lost)
    }

    /// What the fund really holds to lend: its reserve and the fee shares clients
    /// paid, less its losses and its advances out. Fee shares of unpaid invoices
    /// are receivables, not money, so they lend nothing.
    pub fn held(&self) -> Result<Money, MoneyError> {
        self.endowed.checked_add(self.share_received)?.checked_sub(self.lost)?.checked_sub(self.open_advances()?)
    }
}

/// Why the fund refuses to lend.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FundError {
    /// The advance asked, beside what is already promised, is more than the fund holds.
    #[error("the guarantee fund holds {held} it can lend, with {promised} promised on order forms: it cannot advance {advance} more")]
    CannotLend {
        /// What the fund holds to lend.
        held: Money,
        /// What open order forms promised and have not turned into invoices.
        promised: Money,
        /// The advance asked.
        advance: Money,
    },
    /// Amounts in different currencies.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// The fund's lending limit: a new advance of `advance` on an order form is
/// lent only if, with what open order forms already `promised`, it stays within
/// what the fund `held`; exactly all of it may be lent, nothing when it holds nothing.
pub fn check_lending(held: Money, promised: Money, advance: Money) -> Result<(), FundError> {
    if promised.checked_add(advance)?.checked_sub(held)?.is_positive() {
        return Err(FundError::CannotLend { held, promised, advance });
    }
    Ok(())
}

/// The parts of what a defaulting client still owes on one invoice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WriteOff {
    /// Still owed (gross).
    pub remaining: Money,
    /// Its VAT, recovered from the state on an irrecoverable claim.
    pub vat: Money,
    /// Its fee income, never earned.
    pub fee: Money,
    /// Its share of the guarantee fund, never received.
    pub fund_share: Money,
    /// Its budget share, never received.
    pub budget: Money,
}

/// How an issued invoice was split when it was posted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvoiceParts {
    /// Amount due, VAT included.
    pub gross: Money,
    /// VAT.
    pub vat: Money,
    /// The cooperative's fee income.
    pub fee: Money,
    /// The guarantee fund's share of the fee.
    pub fund_share: Money,
}

/// Splits what is still owed on an invoice like the invoice itself (VAT, fee,
/// fund share, budget), pro rata rounded half-up; the budget takes the rest so
/// the parts add up to the cent.
pub fn write_off(invoice: &InvoiceParts, paid: Money) -> Result<WriteOff, MoneyError> {
    let remaining = invoice.gross.checked_sub(paid)?;
    let currency = remaining.currency();
    let part = |of: Money| -> Money {
        if !invoice.gross.is_positive() {
            return Money::zero(currency);
        }
        Money::rounded(remaining.amount() * of.amount() / invoice.gross.amount(), currency, RoundingRule::HalfUp)
    };
    let (vat, fee, fund_share) = (part(invoice.vat), part(invoice.fee), part(invoice.fund_share));
    let budget = remaining.checked_sub(vat)?.checked_sub(fee)?.checked_sub(fund_share)?;
    Ok(WriteOff { remaining, vat, fee, fund_share, budget })
}

/// What the fund loses when a client defaults: what it `advanced` on the
/// activity, up to the `budget` share written off (the rest of that budget was
/// never spent and vanishes from the activity).
pub fn loss_on_default(advanced: Money, budget: Money) -> Money {
    if advanced.amount() < budget.amount() {
        advanced
    } else {
        budget
    }
}

/// The entry of a client's default on one invoice: the receivable is written
/// off; the VAT is reclaimed, the fee and the fund share reversed; of the
/// budget share, the part advanced (`loss`) is borne by the fund and the rest
/// taken back from the activity's budget.
pub fn client_defaulted(
    date: NaiveDate,
    reference: &str,
    client: ClientId,
    activity: ActivityId,
    parts: &WriteOff,
    loss: Money,
) -> Result<JournalEntry, LedgerError> {
    let unspent = parts.budget.checked_sub(loss)?;
    if unspent.is_negative() {
        return Err(LedgerError::Unbalanced { reference: reference.into(), sum: unspent });
    }
    JournalEntry::new(
        date,
        EntryKind::ClientDefaulted,
        reference,
        vec![
            Posting::credit(Account::receivable(client), parts.remaining),
            Posting::debit(Account::general(AccountKind::VatPayable), parts.vat),
            Posting::debit(Account::general(AccountKind::FeeIncome), parts.fee),
            Posting::debit(Account::general(AccountKind::GuaranteeFund), parts.fund_share.checked_add(loss)?),
            Posting::debit(Account::budget(activity), unspent),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use chrono::Datelike;

    fn eur(minor: i64) -> Money {
        Money::from_minor(minor, Currency::EUR)
    }

    struct NoHolidays;
    impl Calendar for NoHolidays {
        fn public_holidays(&self, _year: i32) -> Vec<(NaiveDate, &'static str)> {
            Vec::new()
        }
    }

    #[test]
    fn the_deadline_is_seven_working_days_after_the_work() {
        // Friday 6 March 2026: the seventh working day after is Tuesday 17 March.
        let friday = NaiveDate::from_ymd_opt(2026, 3, 6).unwrap();
        let deadline = wage_deadline(&NoHolidays, friday);
        assert_eq!(deadline, NaiveDate::from_ymd_opt(2026, 3, 17).unwrap());
        assert_eq!(deadline.weekday(), chrono::Weekday::Tue);
    }

    #[test]
    fn spending_beyond_receipts_is_advanced_and_receipts_recover_it() {
        let unpaid = Cover { received: eur(0), lost: eur(0), spent: eur(93_500) };
        assert_eq!(unpaid.outstanding().unwrap(), eur(93_500));
        let paid = Cover { received: eur(93_500), ..unpaid };
        assert_eq!(paid.outstanding().unwrap(), eur(0));
        assert_eq!(movement(eur(0), eur(93_500)).unwrap(), Some(Movement::Advance(eur(93_500))));
        assert_eq!(movement(eur(93_500), eur(0)).unwrap(), Some(Movement::Recovery(eur(93_500))));
        assert_eq!(movement(eur(5), eur(5)).unwrap(), None);
        // Budget spent within what clients paid is no advance.
        assert_eq!(Cover { received: eur(100_000), lost: eur(0), spent: eur(40_000) }.outstanding().unwrap(), eur(0));
    }

    #[test]
    fn a_partial_payment_counts_its_budget_share_rounded_down() {
        // 1,210.00 due of which 935.00 budget: 605.00 paid gives 467.50.
        assert_eq!(budget_received(eur(121_000), eur(93_500), eur(60_500)).unwrap(), eur(46_750));
        // 1 cent paid: 0.7727... rounds down to 0.
        assert_eq!(budget_received(eur(121_000), eur(93_500), eur(1)).unwrap(), eur(0));
        assert_eq!(budget_received(eur(121_000), eur(93_500), eur(121_000)).unwrap(), eur(93_500));
    }

    #[test]
    fn the_coverage_ratio_is_the_fund_over_open_advances() {
        assert_eq!(coverage_ratio(eur(500_000), eur(200_000)), Some(Rate(rust_decimal::Decimal::new(25, 1))));
        assert_eq!(coverage_ratio(eur(500_000), eur(0)), None);
    }

    #[test]
    fn the_fund_lends_what_it_holds_and_not_one_cent_more() {
        let totals = FundTotals {
            endowed: eur(100_000),
            share_received: eur(20_000),
            advanced: eur(50_000),
            recovered: eur(10_000),
            lost: eur(5_000),
        };
        assert_eq!(totals.open_advances().unwrap(), eur(35_000));
        // 1000 + 200 - 50 lost - 350 out.
        let held = totals.held().unwrap();
        assert_eq!(held, eur(80_000));
        assert_eq!(check_lending(held, eur(30_000), eur(50_000)), Ok(()));
        assert_eq!(
            check_lending(held, eur(30_000), eur(50_001)),
            Err(FundError::CannotLend { held, promised: eur(30_000), advance: eur(50_001) })
        );
    }

    #[test]
    fn a_fund_holding_nothing_lends_nothing() {
        let zero = eur(0);
        let fresh = FundTotals { endowed: zero, share_received: zero, advanced: zero, recovered: zero, lost: zero };
        assert_eq!(fresh.held().unwrap(), zero);
        assert!(matches!(check_lending(zero, zero, eur(1)), Err(FundError::CannotLend { .. })));
        // An advance of nothing asks nothing of it.
        assert_eq!(check_lending(zero, zero, zero), Ok(()));
        // Advances out beyond its reserve leave it owing: it lends nothing then either.
        let owing = FundTotals { advanced: eur(100), ..fresh };
        assert_eq!(owing.held().unwrap(), eur(-100));
        assert!(check_lending(owing.held().unwrap(), zero, eur(1)).is_err());
    }

    #[test]
    fn a_default_costs_the_fund_its_advance_up_to_the_budget_written_off() {
        assert_eq!(loss_on_default(eur(80_000), eur(93_500)), eur(80_000));
        assert_eq!(loss_on_default(eur(93_500), eur(93_500)), eur(93_500));
        assert_eq!(loss_on_default(eur(100_000), eur(93_500)), eur(93_500));
        assert_eq!(loss_on_default(eur(0), eur(93_500)), eur(0));
    }

    #[test]
    fn a_default_writes_off_the_receivable_and_the_fund_bears_the_advance() {
        let invoice = InvoiceParts { gross: eur(121_000), vat: eur(21_000), fee: eur(5_200), fund_share: eur(1_300) };
        let parts = write_off(&invoice, eur(0)).unwrap();
        assert_eq!(
            (parts.vat, parts.fee, parts.fund_share, parts.budget),
            (eur(21_000), eur(5_200), eur(1_300), eur(93_500))
        );
        let e = client_defaulted(
            NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            "default 2026-000001",
            ClientId::new(),
            ActivityId::new(),
            &parts,
            eur(80_000),
        )
        .unwrap();
        let fund = e.postings.iter().find(|p| p.account.kind == AccountKind::GuaranteeFund).unwrap();
        assert_eq!(fund.amount, eur(81_300));
        let budget = e.postings.iter().find(|p| p.account.kind == AccountKind::ActivityBudget).unwrap();
        assert_eq!(budget.amount, eur(13_500));
        // A loss beyond the budget share is refused.
        assert!(client_defaulted(e.date, "x", ClientId::new(), ActivityId::new(), &parts, eur(93_501)).is_err());
    }

    #[test]
    fn a_partly_paid_invoice_writes_off_only_the_rest_to_the_cent() {
        let invoice = InvoiceParts { gross: eur(40_333), vat: eur(7_000), fee: eur(1_733), fund_share: eur(433) };
        let parts = write_off(&invoice, eur(10_001)).unwrap();
        let sum = parts.vat.checked_add(parts.fee).unwrap().checked_add(parts.fund_share).unwrap();
        assert_eq!(sum.checked_add(parts.budget).unwrap(), parts.remaining);
        assert_eq!(parts.remaining, eur(30_332));
    }
}
