//! Invoices and credit notes: lines, VAT subtotals, states and gapless numbers.
//!
//! Amounts follow EN 16931: a line's net amount is quantity x price rounded to
//! the cent (BT-131); VAT is computed once per category and rate on the sum of
//! the lines (BT-116 x BT-119, rounded: rule BR-CO-17 and BR-S-09); the totals
//! are exact sums of those (BR-CO-10, BR-CO-13 to BR-CO-16).

use crate::client::CountryCode;
use crate::money::{Currency, Money, MoneyError, RoundingRule};
use crate::vat::{LineVat, VatCategory};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;

/// One invoice line as priced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoiceLine {
    /// What was supplied.
    pub description: String,
    /// Quantity (hours, days, units), positive.
    pub quantity: Decimal,
    /// Unit of measure, UN/ECE Recommendation 20 code (`C62` one, `HUR` hour, `DAY` day).
    pub unit_code: String,
    /// Price of one unit, excluding VAT.
    pub unit_price: Money,
    /// VAT of the line, as the pack decided it.
    pub vat: LineVat,
    /// Net amount: quantity x unit price, rounded half-up to the cent.
    pub net: Money,
}

impl InvoiceLine {
    /// Prices a line, checking quantity and price.
    pub fn new(
        description: &str,
        quantity: Decimal,
        unit_code: &str,
        unit_price: Money,
        vat: LineVat,
    ) -> Result<InvoiceLine, InvoiceError> {
        if description.trim().is_empty() {
            return Err(InvoiceError::EmptyDescription);
        }
        if quantity <= Decimal::ZERO || quantity.scale() > 4 {
            return Err(InvoiceError::BadQuantity(quantity));
        }
        if unit_price.is_negative() {
            return Err(InvoiceError::NegativePrice(unit_price));
        }
        if !is_unit_code(unit_code) {
            return Err(InvoiceError::BadUnitCode(unit_code.into()));
        }
        let net = unit_price.times(quantity, RoundingRule::HalfUp)?;
        Ok(InvoiceLine {
            description: description.trim().to_owned(),
            quantity: quantity.normalize(),
            unit_code: unit_code.to_owned(),
            unit_price,
            vat,
            net,
        })
    }
}

fn is_unit_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// VAT of one category and rate, over the lines that carry it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VatSubtotal {
    /// Category, rate and exemption reason.
    pub vat: LineVat,
    /// Sum of the net amounts of its lines.
    pub taxable: Money,
    /// taxable x rate, rounded half-up to the cent.
    pub tax: Money,
}

/// An invoice's totals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Totals {
    /// Sum of line net amounts (BT-106 = BT-109: no document-level allowances).
    pub net: Money,
    /// Total VAT (BT-110).
    pub vat: Money,
    /// Amount including VAT (BT-112), and due (BT-115) before payments.
    pub gross: Money,
    /// One per VAT category and rate, sorted.
    pub subtotals: Vec<VatSubtotal>,
}

/// Computes the totals of lines in one currency.
pub fn compute_totals(currency: Currency, lines: &[InvoiceLine]) -> Result<Totals, InvoiceError> {
    if lines.is_empty() {
        return Err(InvoiceError::NoLines);
    }
    let mut groups: std::collections::BTreeMap<LineVat, Money> = std::collections::BTreeMap::new();
    for line in lines {
        if line.net.currency() != currency {
            return Err(MoneyError::CurrencyMismatch(currency, line.net.currency()).into());
        }
        let entry = groups.entry(line.vat.clone()).or_insert_with(|| Money::zero(currency));
        *entry = entry.checked_add(line.net)?;
    }
    let subtotals: Vec<VatSubtotal> = groups
        .into_iter()
        .map(|(vat, taxable)| VatSubtotal { tax: taxable.times_rate(vat.rate, RoundingRule::HalfUp), vat, taxable })
        .collect();
    let net = Money::sum(currency, subtotals.iter().map(|s| s.taxable))?;
    let vat = Money::sum(currency, subtotals.iter().map(|s| s.tax))?;
    Ok(Totals { net, vat, gross: net.checked_add(vat)?, subtotals })
}

/// Where an invoice stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InvoiceStatus {
    /// Being prepared: no number, no posting.
    Draft,
    /// Numbered, sent, posted; nothing paid.
    Issued,
    /// Some of it paid.
    PartlyPaid,
    /// Fully paid.
    Paid,
    /// Cancelled by a credit note.
    Cancelled,
    /// The client defaulted: what it still owed was written off.
    WrittenOff,
}

impl InvoiceStatus {
    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceStatus::Draft => "draft",
            InvoiceStatus::Issued => "issued",
            InvoiceStatus::PartlyPaid => "partly_paid",
            InvoiceStatus::Paid => "paid",
            InvoiceStatus::Cancelled => "cancelled",
            InvoiceStatus::WrittenOff => "written_off",
        }
    }

    /// Status once `paid` of `due` has been received.
    pub fn after_payments(due: Money, paid: Money) -> InvoiceStatus {
        if paid.is_zero() {
            InvoiceStatus::Issued
        } else if paid.amount() < due.amount() {
            InvoiceStatus::PartlyPaid
        } else {
            InvoiceStatus::Paid
        }
    }
}

impl fmt::Display for InvoiceStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for InvoiceStatus {
    type Err = InvoiceError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "draft" => InvoiceStatus::Draft,
            "issued" => InvoiceStatus::Issued,
            "partly_paid" => InvoiceStatus::PartlyPaid,
            "paid" => InvoiceStatus::Paid,
            "cancelled" => InvoiceStatus::Cancelled,
            "written_off" => InvoiceStatus::WrittenOff,
            other => return Err(InvoiceError::UnknownStatus(other.into())),
        })
    }
}

/// Checks that `status` may be issued.
pub fn check_issuable(status: InvoiceStatus) -> Result<(), InvoiceError> {
    match status {
        InvoiceStatus::Draft => Ok(()),
        other => Err(InvoiceError::NotADraft(other)),
    }
}

/// Checks that a client's default may be recorded: only on what it still owes.
pub fn check_defaultable(status: InvoiceStatus) -> Result<(), InvoiceError> {
    match status {
        InvoiceStatus::Issued | InvoiceStatus::PartlyPaid => Ok(()),
        other => Err(InvoiceError::NotPayable(other)),
    }
}

/// Checks a payment against what is still due.
pub fn check_payment(status: InvoiceStatus, outstanding: Money, amount: Money) -> Result<(), InvoiceError> {
    match status {
        InvoiceStatus::Issued | InvoiceStatus::PartlyPaid => {}
        other => return Err(InvoiceError::NotPayable(other)),
    }
    if !amount.is_positive() {
        return Err(InvoiceError::NonPositivePayment(amount));
    }
    if amount.currency() != outstanding.currency() {
        return Err(MoneyError::CurrencyMismatch(outstanding.currency(), amount.currency()).into());
    }
    if amount.amount() > outstanding.amount() {
        return Err(InvoiceError::Overpayment { amount, outstanding });
    }
    Ok(())
}

/// Checks that an invoice may be cancelled by a credit note: issued, nothing paid.
pub fn check_cancellable(status: InvoiceStatus) -> Result<(), InvoiceError> {
    match status {
        InvoiceStatus::Issued => Ok(()),
        other => Err(InvoiceError::NotCancellable(other)),
    }
}

/// The numbering series of a legal entity: invoices and credit notes each have
/// their own, restarting at 1 every year, without gaps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Series {
    /// Invoices.
    Invoice,
    /// Credit notes.
    CreditNote,
}

impl Series {
    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Series::Invoice => "invoice",
            Series::CreditNote => "credit_note",
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            Series::Invoice => "",
            Series::CreditNote => "CN",
        }
    }
}

/// A document number: series, year and sequence (`2026-000123`, `CN2026-000004`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DocumentNumber {
    /// The series.
    pub series: Series,
    /// Calendar year of the issue date.
    pub year: i32,
    /// Position in the series, from 1.
    pub sequence: u64,
}

impl fmt::Display for DocumentNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}-{:06}", self.series.prefix(), self.year, self.sequence)
    }
}

/// A party to an invoice, as the e-invoice shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    /// Legal name.
    pub name: String,
    /// VAT number with country prefix.
    pub vat_number: Option<String>,
    /// Legal registration number (Belgian enterprise number, French company number...).
    pub company_id: Option<String>,
    /// Electronic address: (EAS scheme, identifier), e.g. ("0009", "12345678900012").
    pub endpoint: Option<(String, String)>,
    /// Street and number.
    pub street: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
    /// Country.
    pub country: CountryCode,
    /// Contact email.
    pub email: Option<String>,
}

/// Whether a document is an invoice or a credit note, with what it corrects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentKind {
    /// A commercial invoice (UNCL1001 code 380).
    Invoice,
    /// A credit note (code 381) cancelling an invoice.
    CreditNote {
        /// Number of the invoice it cancels.
        original_number: String,
        /// Issue date of that invoice.
        original_date: NaiveDate,
    },
}

/// How the buyer pays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentInstructions {
    /// Account the buyer pays to.
    pub iban: String,
    /// Bank's BIC, if known.
    pub bic: Option<String>,
    /// Reference the buyer quotes (Belgian structured communication, for one).
    pub reference: String,
}

/// Everything an e-invoice or a printed invoice shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoiceDocument {
    /// Invoice or credit note.
    pub kind: DocumentKind,
    /// The document number.
    pub number: String,
    /// Issue date.
    pub issue_date: NaiveDate,
    /// Payment due date (invoices).
    pub due_date: Option<NaiveDate>,
    /// Currency of every amount.
    pub currency: Currency,
    /// The cooperative.
    pub seller: Party,
    /// The client.
    pub buyer: Party,
    /// Buyer's reference (their order or contact), required by Peppol when no order number.
    pub buyer_reference: String,
    /// The lines.
    pub lines: Vec<InvoiceLine>,
    /// The totals.
    pub totals: Totals,
    /// Amount already paid (BT-113).
    pub prepaid: Money,
    /// Payment instructions (invoices).
    pub payment: Option<PaymentInstructions>,
    /// Legal mentions and notes, as the pack requires them.
    pub notes: Vec<String>,
}

impl InvoiceDocument {
    /// Categories present that carry no tax, for their legal mentions.
    pub fn untaxed_categories(&self) -> Vec<VatCategory> {
        self.totals.subtotals.iter().map(|s| s.vat.category).filter(|c| *c != VatCategory::Standard).collect()
    }
}

/// Why an invoice operation is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InvoiceError {
    /// An invoice without lines.
    #[error("an invoice needs at least one line")]
    NoLines,
    /// A line without description.
    #[error("every line needs a description")]
    EmptyDescription,
    /// A zero, negative or over-precise quantity.
    #[error("quantity {0} must be positive with at most 4 decimals")]
    BadQuantity(Decimal),
    /// A negative unit price.
    #[error("unit price {0} must not be negative (cancel with a credit note instead)")]
    NegativePrice(Money),
    /// Not a UN/ECE Rec. 20 code.
    #[error("'{0}' is not a unit code (UN/ECE Recommendation 20, e.g. C62, HUR, DAY)")]
    BadUnitCode(String),
    /// Not a known status.
    #[error("unknown invoice status '{0}'")]
    UnknownStatus(String),
    /// Issuing something that is not a draft.
    #[error("the invoice is already {0}: only a draft can be issued")]
    NotADraft(InvoiceStatus),
    /// Paying something that is not open.
    #[error("an invoice that is {0} cannot receive a payment")]
    NotPayable(InvoiceStatus),
    /// A zero or negative payment.
    #[error("a payment must be positive, not {0}")]
    NonPositivePayment(Money),
    /// More than what is due.
    #[error("payment of {amount} exceeds the {outstanding} still due")]
    Overpayment {
        /// The payment.
        amount: Money,
        /// Still due.
        outstanding: Money,
    },
    /// Cancelling something that is not issued-and-unpaid.
    #[error("an invoice that is {0} cannot be cancelled by a credit note (only an issued, unpaid one)")]
    NotCancellable(InvoiceStatus),
    /// An issue date earlier than the last one of the series.
    #[error("issue date {date} is before {last}, the date of the previous number in the series")]
    NotChronological {
        /// The requested date.
        date: NaiveDate,
        /// Date of the previous number.
        last: NaiveDate,
    },
    /// A zero total.
    #[error("an invoice must have a positive total")]
    ZeroTotal,
    /// Amount arithmetic.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Rate;
    use rust_decimal_macros::dec;

    fn standard(pct: Decimal) -> LineVat {
        LineVat {
            category: VatCategory::Standard,
            rate: Rate::from_percent(pct),
            exemption_code: None,
            exemption_reason: None,
        }
    }

    fn eur(s: &str) -> Money {
        Money::parse(s, Currency::EUR).unwrap()
    }

    #[test]
    fn a_thousand_at_21_percent_is_1210_due() {
        let line = InvoiceLine::new("Concert", dec!(1), "C62", eur("1000.00"), standard(dec!(21))).unwrap();
        let t = compute_totals(Currency::EUR, &[line]).unwrap();
        assert_eq!((t.net, t.vat, t.gross), (eur("1000.00"), eur("210.00"), eur("1210.00")));
    }

    #[test]
    fn vat_is_rounded_once_per_rate_not_per_line() {
        // Three lines of 0.05 at 21 %: per line 0.01 each (0.03), per group 0.15 x 21 % = 0.0315 -> 0.03.
        // With 0.07: per line 0.0147 -> 0.01 (x3 = 0.03); per group 0.21 x 21 % = 0.0441 -> 0.04.
        let l = || InvoiceLine::new("x", dec!(1), "C62", eur("0.07"), standard(dec!(21))).unwrap();
        let t = compute_totals(Currency::EUR, &[l(), l(), l()]).unwrap();
        assert_eq!(t.vat, eur("0.04"));
        assert_eq!(t.subtotals.len(), 1);
    }

    #[test]
    fn mixed_rates_give_one_subtotal_each() {
        let a = InvoiceLine::new("books", dec!(2), "C62", eur("10.00"), standard(dec!(6))).unwrap();
        let b = InvoiceLine::new("design", dec!(1.5), "HUR", eur("80.00"), standard(dec!(21))).unwrap();
        let t = compute_totals(Currency::EUR, &[a, b]).unwrap();
        assert_eq!(t.subtotals.len(), 2);
        assert_eq!(t.net, eur("140.00"));
        assert_eq!(t.vat, eur("26.40")); // 1.20 + 25.20
    }

    #[test]
    fn payments_above_what_is_due_are_refused() {
        let err = check_payment(InvoiceStatus::Issued, eur("1210.00"), eur("1210.01")).unwrap_err();
        assert!(matches!(err, InvoiceError::Overpayment { .. }));
        assert!(check_payment(InvoiceStatus::Paid, eur("0.00"), eur("1.00")).is_err());
        assert!(check_payment(InvoiceStatus::Issued, eur("10.00"), eur("0.00")).is_err());
        assert_eq!(InvoiceStatus::after_payments(eur("10.00"), eur("4.00")), InvoiceStatus::PartlyPaid);
        assert_eq!(InvoiceStatus::after_payments(eur("10.00"), eur("10.00")), InvoiceStatus::Paid);
    }

    #[test]
    fn numbers_read_year_then_zero_padded_sequence() {
        let n = DocumentNumber { series: Series::Invoice, year: 2026, sequence: 42 };
        assert_eq!(n.to_string(), "2026-000042");
        let c = DocumentNumber { series: Series::CreditNote, year: 2026, sequence: 3 };
        assert_eq!(c.to_string(), "CN2026-000003");
    }

    #[test]
    fn bad_lines_are_refused_with_their_reason() {
        assert_eq!(
            InvoiceLine::new(" ", dec!(1), "C62", eur("1"), standard(dec!(21))),
            Err(InvoiceError::EmptyDescription)
        );
        assert!(matches!(
            InvoiceLine::new("x", dec!(0), "C62", eur("1"), standard(dec!(21))),
            Err(InvoiceError::BadQuantity(_))
        ));
        assert!(matches!(
            InvoiceLine::new("x", dec!(1), "hours", eur("1"), standard(dec!(21))),
            Err(InvoiceError::BadUnitCode(_))
        ));
        assert!(matches!(
            InvoiceLine::new("x", dec!(1), "C62", eur("-1"), standard(dec!(21))),
            Err(InvoiceError::NegativePrice(_))
        ));
    }
}
