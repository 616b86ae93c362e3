//! Members' expense claims: what a member spent for an activity and asks the cooperative to repay.
//!
//! Three kinds: kilometres driven with the member's own vehicle (repaid at the pack's allowance
//! per kilometre), material bought (repaid at cost, on a receipt) and days abroad (repaid at the
//! pack's daily allowance for the country, or the amount spent, capped by that allowance). The
//! country's allowances come from its pack through `ExpenseRules`; a claim's status moves
//! submitted → validated | rejected → reimbursed, and never back.

use crate::client::CountryCode;
use crate::dated::{Dated, ParameterError};
use crate::money::{Currency, Money, MoneyError, RoundingRule};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// More kilometres than this in one claim is a typing error, not a trip: 10,000 km is more than
/// a month of full-time driving.
pub const MAX_KILOMETRES_PER_CLAIM: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// An amount per unit that is finer than the currency's cent (the Belgian allowance is 0.4326 €/km).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnitRate {
    /// Amount per unit, at the precision the source gives.
    pub per_unit: Decimal,
    /// Its currency.
    pub currency: Currency,
}

/// What the member spent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExpenseKind {
    /// Kilometres driven for work with the member's own vehicle.
    Travel {
        /// Distance, in kilometres (decimals allowed).
        kilometres: Decimal,
    },
    /// Material or services bought for an activity, repaid at cost.
    Material {
        /// The amount paid, taxes included.
        amount: Money,
    },
    /// Days spent abroad for work.
    PerDiemAbroad {
        /// Where.
        country: CountryCode,
        /// Whole days.
        days: u32,
        /// What the member spent, when claiming that rather than the flat allowance.
        amount: Option<Money>,
    },
}

impl ExpenseKind {
    fn name(&self) -> &'static str {
        match self {
            ExpenseKind::Travel { .. } => "travel",
            ExpenseKind::Material { .. } => "material",
            ExpenseKind::PerDiemAbroad { .. } => "per diem abroad",
        }
    }
}

/// Where a claim is in its life.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExpenseStatus {
    /// Sent by the member, not yet looked at.
    Submitted,
    /// Accepted; to be repaid.
    Validated,
    /// Refused, with the reason given to the member.
    Rejected {
        /// Why.
        reason: String,
    },
    /// Repaid.
    Reimbursed,
}

impl ExpenseStatus {
    /// The names of the statuses, as stored and shown: submitted, validated, rejected, reimbursed.
    pub const NAMES: [&'static str; 4] = ["submitted", "validated", "rejected", "reimbursed"];

    /// The status's name, as stored and shown.
    pub fn as_str(&self) -> &'static str {
        match self {
            ExpenseStatus::Submitted => "submitted",
            ExpenseStatus::Validated => "validated",
            ExpenseStatus::Rejected { .. } => "rejected",
            ExpenseStatus::Reimbursed => "reimbursed",
        }
    }
}

/// Why a claim is refused or cannot be priced.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExpenseError {
    /// A negative distance.
    #[error("{0} km: a distance cannot be negative")]
    NegativeKilometres(Decimal),
    /// A distance too long for one claim.
    #[error("{kilometres} km in one claim is more than {max} km: split the claim or check the figure")]
    TooManyKilometres {
        /// As claimed.
        kilometres: Decimal,
        /// The limit.
        max: Decimal,
    },
    /// Zero days abroad.
    #[error("a per diem claim needs at least one day")]
    NoDays,
    /// An amount that is zero or negative.
    #[error("{0}: an expense must be a positive amount")]
    NotPositive(Money),
    /// The claim needs a receipt and has none.
    #[error("a {0} expense needs a receipt reference")]
    MissingReceipt(&'static str),
    /// A claim without a description.
    #[error("an expense needs a description of what it was for")]
    MissingDescription,
    /// No daily allowance is known for the country and no amount was claimed.
    #[error("no daily allowance is known for {country} on {date}: claim the amount spent, with a receipt")]
    UnknownCountry {
        /// The country.
        country: CountryCode,
        /// The claim's date.
        date: NaiveDate,
    },
    /// A move the status machine does not allow.
    #[error("a {from} claim cannot become {to}")]
    Transition {
        /// The status it has.
        from: &'static str,
        /// The status asked for.
        to: &'static str,
    },
    /// A rejection without a reason.
    #[error("a rejection must tell the member why")]
    MissingReason,
    /// An allowance missing from the pack.
    #[error(transparent)]
    Parameter(#[from] ParameterError),
    /// Currencies that do not match, or an overflow.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// A member's claim for one expense.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpenseClaim {
    /// What was spent.
    pub kind: ExpenseKind,
    /// When (the trip's or the purchase's day): it picks the allowance in force.
    pub date: NaiveDate,
    /// What it was for.
    pub description: String,
    /// The receipt's reference (file, number): required for material and for an amount spent abroad.
    pub receipt: Option<String>,
    status: ExpenseStatus,
}

impl ExpenseClaim {
    /// A submitted claim, refused when its figures cannot be right or its receipt is missing.
    pub fn submit(
        kind: ExpenseKind,
        date: NaiveDate,
        description: &str,
        receipt: Option<&str>,
    ) -> Result<ExpenseClaim, ExpenseError> {
        let description = description.trim();
        if description.is_empty() {
            return Err(ExpenseError::MissingDescription);
        }
        let receipt = receipt.map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned);
        match &kind {
            ExpenseKind::Travel { kilometres } => {
                if kilometres.is_sign_negative() && !kilometres.is_zero() {
                    return Err(ExpenseError::NegativeKilometres(*kilometres));
                }
                if *kilometres > MAX_KILOMETRES_PER_CLAIM {
                    return Err(ExpenseError::TooManyKilometres {
                        kilometres: *kilometres,
                        max: MAX_KILOMETRES_PER_CLAIM,
                    });
                }
                // A flat allowance per kilometre is meant to replace fuel and wear receipts; what proves
                // the trip is its description (date, purpose), which the claim requires.
            }
            ExpenseKind::Material { amount } => {
                if !amount.is_positive() {
                    return Err(ExpenseError::NotPositive(*amount));
                }
                if receipt.is_none() {
                    return Err(ExpenseError::MissingReceipt(kind.name()));
                }
            }
            ExpenseKind::PerDiemAbroad { days, amount, .. } => {
                if *days == 0 {
                    return Err(ExpenseError::NoDays);
                }
                // A flat daily allowance needs no receipt (that is its point); an amount actually
                // spent is repaid only on proof of it.
                if let Some(spent) = amount {
                    if !spent.is_positive() {
                        return Err(ExpenseError::NotPositive(*spent));
                    }
                    if receipt.is_none() {
                        return Err(ExpenseError::MissingReceipt(kind.name()));
                    }
                }
            }
        }
        Ok(ExpenseClaim { kind, date, description: description.to_owned(), receipt, status: ExpenseStatus::Submitted })
    }

    /// Where the claim is.
    pub fn status(&self) -> &ExpenseStatus {
        &self.status
    }

    /// Accepts a submitted claim.
    pub fn validate(&mut self) -> Result<(), ExpenseError> {
        self.moved(ExpenseStatus::Validated, matches!(self.status, ExpenseStatus::Submitted))
    }

    /// Refuses a submitted claim, saying why.
    pub fn reject(&mut self, reason: &str) -> Result<(), ExpenseError> {
        if reason.trim().is_empty() {
            return Err(ExpenseError::MissingReason);
        }
        let allowed = matches!(self.status, ExpenseStatus::Submitted);
        self.moved(ExpenseStatus::Rejected { reason: reason.trim().to_owned() }, allowed)
    }

    /// Records that a validated claim was repaid.
    pub fn mark_reimbursed(&mut self) -> Result<(), ExpenseError> {
        self.moved(ExpenseStatus::Reimbursed, matches!(self.status, ExpenseStatus::Validated))
    }

    fn moved(&mut self, to: ExpenseStatus, allowed: bool) -> Result<(), ExpenseError> {
        if !allowed {
            return Err(ExpenseError::Transition { from: self.status.as_str(), to: to.as_str() });
        }
        self.status = to;
        Ok(())
    }
}

/// What a receipt's file may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReceiptKind {
    /// `application/pdf`.
    Pdf,
    /// `image/jpeg`.
    Jpeg,
    /// `image/png`.
    Png,
}

impl ReceiptKind {
    /// Every kind, in the order a refusal names them.
    pub const ALL: [ReceiptKind; 3] = [ReceiptKind::Pdf, ReceiptKind::Jpeg, ReceiptKind::Png];

    /// Its media type.
    pub fn media_type(self) -> &'static str {
        match self {
            ReceiptKind::Pdf => "application/pdf",
            ReceiptKind::Jpeg => "image/jpeg",
            ReceiptKind::Png => "image/png",
        }
    }

    /// The kind of this media type (its essence, lower case), if it is one.
    pub fn of_media_type(media_type: &str) -> Option<ReceiptKind> {
        ReceiptKind::ALL.into_iter().find(|k| k.media_type() == media_type)
    }

    /// The extension of a file of this kind.
    pub fn extension(self) -> &'static str {
        match self {
            ReceiptKind::Pdf => "pdf",
            ReceiptKind::Jpeg => "jpg",
            ReceiptKind::Png => "png",
        }
    }

    /// The bytes every file of this kind starts with: ISO 32000-1 §7.5.2 (`%PDF-`), the JPEG
    /// start-of-image marker followed by a marker's first byte (ITU-T T.81 B.1.1.3), the PNG
    /// signature (ISO/IEC 15948 §5.2).
    pub fn signature(self) -> &'static [u8] {
        match self {
            ReceiptKind::Pdf => b"%PDF-",
            ReceiptKind::Jpeg => &[0xFF, 0xD8, 0xFF],
            ReceiptKind::Png => &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A],
        }
    }
}

/// A country's expense allowances, as its pack knows them.
pub trait ExpenseRules: Send + Sync {
    /// The allowance per kilometre driven with one's own vehicle on `date`, with its source.
    fn mileage_rate(&self, date: NaiveDate) -> Result<Dated<UnitRate>, ParameterError>;

    /// The daily allowance abroad for `country` on `date`; None when the pack has no table for it.
    fn per_diem(&self, country: CountryCode, date: NaiveDate) -> Result<Option<Dated<Money>>, ParameterError>;
}

/// The amount to repay for a claim, with the allowances in force on its date.
///
/// Kilometres × the allowance is rounded half-up to the cent: no text fixes the rounding of the
/// product, and commercial rounding never repays more than half a cent over the exact amount.
pub fn amount(claim: &ExpenseClaim, rules: &dyn ExpenseRules) -> Result<Money, ExpenseError> {
    match &claim.kind {
        ExpenseKind::Travel { kilometres } => {
            let rate = rules.mileage_rate(claim.date)?;
            let exact = rate.value.per_unit.checked_mul(*kilometres).ok_or(MoneyError::Overflow)?;
            Ok(Money::rounded(exact, rate.value.currency, RoundingRule::HalfUp))
        }
        ExpenseKind::Material { amount } => Ok(*amount),
        ExpenseKind::PerDiemAbroad { country, days, amount } => {
            let cap = match rules.per_diem(*country, claim.date)? {
                Some(daily) => Some(daily.value.times(Decimal::from(*days), RoundingRule::HalfUp)?),
                None => None,
            };
            match (amount, cap) {
                (Some(spent), Some(cap)) => {
                    // Above the allowance the excess is no longer an expense of the employer but pay.
                    let excess = spent.checked_sub(cap)?;
                    Ok(if excess.is_positive() { cap } else { *spent })
                }
                (Some(spent), None) => Ok(*spent),
                (None, Some(cap)) => Ok(cap),
                (None, None) => Err(ExpenseError::UnknownCountry { country: *country, date: claim.date }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn eur(s: &str) -> Money {
        Money::parse(s, Currency::EUR).unwrap()
    }

    /// 0.4326 €/km and 50 € a day in France, nothing elsewhere.
    struct Rules;

    impl ExpenseRules for Rules {
        fn mileage_rate(&self, date: NaiveDate) -> Result<Dated<UnitRate>, ParameterError> {
            Ok(Dated {
                value: UnitRate { per_unit: dec!(0.4326), currency: Currency::EUR },
                from: date,
                until: None,
                source: "test".into(),
                expected: false,
            })
        }
        fn per_diem(&self, country: CountryCode, date: NaiveDate) -> Result<Option<Dated<Money>>, ParameterError> {
            Ok((country.as_str() == "FR").then(|| Dated {
                value: eur("50.00"),
                from: date,
                until: None,
                source: "test".into(),
                expected: false,
            }))
        }
    }

    fn country(code: &str) -> CountryCode {
        CountryCode::parse(code).unwrap()
    }

    fn travel(km: Decimal) -> Result<ExpenseClaim, ExpenseError> {
        ExpenseClaim::submit(ExpenseKind::Travel { kilometres: km }, d(2026, 2, 10), "client visit", None)
    }

    #[test]
    fn kilometres_are_repaid_at_the_rate_rounded_half_up() {
        // 123.4 × 0.4326 = 53.38284 → 53.38; 100 × 0.4326 = 43.26 exactly.
        assert_eq!(amount(&travel(dec!(123.4)).unwrap(), &Rules).unwrap(), eur("53.38"));
        assert_eq!(amount(&travel(dec!(100)).unwrap(), &Rules).unwrap(), eur("43.26"));
        // 75 × 0.4326 = 32.445, a midpoint: half-up gives 32.45 where banker's rounding would give 32.44.
        assert_eq!(amount(&travel(dec!(75)).unwrap(), &Rules).unwrap(), eur("32.45"));
    }

    #[test]
    fn negative_and_absurd_distances_are_refused() {
        assert_eq!(travel(dec!(-1)), Err(ExpenseError::NegativeKilometres(dec!(-1))));
        assert!(matches!(travel(dec!(10000.1)), Err(ExpenseError::TooManyKilometres { .. })));
        assert!(travel(dec!(10000)).is_ok());
        assert!(travel(dec!(0)).is_ok());
    }

    #[test]
    fn material_needs_a_receipt_and_is_repaid_at_cost() {
        let kind = ExpenseKind::Material { amount: eur("89.90") };
        let date = d(2025, 5, 2);
        assert_eq!(
            ExpenseClaim::submit(kind.clone(), date, "microphone", None),
            Err(ExpenseError::MissingReceipt("material"))
        );
        assert_eq!(
            ExpenseClaim::submit(kind.clone(), date, "microphone", Some("  ")),
            Err(ExpenseError::MissingReceipt("material"))
        );
        let claim = ExpenseClaim::submit(kind, date, "microphone", Some("R-2025-17")).unwrap();
        assert_eq!(amount(&claim, &Rules).unwrap(), eur("89.90"));
        let zero = ExpenseClaim::submit(ExpenseKind::Material { amount: eur("0") }, date, "x", Some("r"));
        assert!(matches!(zero, Err(ExpenseError::NotPositive(_))));
        assert_eq!(
            ExpenseClaim::submit(ExpenseKind::Material { amount: eur("1") }, date, " ", Some("r")),
            Err(ExpenseError::MissingDescription)
        );
    }

    #[test]
    fn per_diem_pays_the_allowance_or_the_amount_spent_capped_by_it() {
        let date = d(2025, 9, 1);
        let flat = |days| ExpenseKind::PerDiemAbroad { country: country("FR"), days, amount: None };
        let claim = ExpenseClaim::submit(flat(3), date, "festival in Lyon", None).unwrap();
        assert_eq!(amount(&claim, &Rules).unwrap(), eur("150.00"));
        let spent = |s: &str| ExpenseKind::PerDiemAbroad { country: country("FR"), days: 3, amount: Some(eur(s)) };
        let under = ExpenseClaim::submit(spent("120.00"), date, "festival", Some("R1")).unwrap();
        assert_eq!(amount(&under, &Rules).unwrap(), eur("120.00"));
        let over = ExpenseClaim::submit(spent("180.00"), date, "festival", Some("R2")).unwrap();
        assert_eq!(amount(&over, &Rules).unwrap(), eur("150.00"));
        assert_eq!(
            ExpenseClaim::submit(spent("120.00"), date, "x", None),
            Err(ExpenseError::MissingReceipt("per diem abroad"))
        );
        assert_eq!(ExpenseClaim::submit(flat(0), date, "x", None), Err(ExpenseError::NoDays));
    }

    #[test]
    fn per_diem_in_a_country_without_allowance_needs_the_amount() {
        let date = d(2025, 9, 1);
        let flat = ExpenseKind::PerDiemAbroad { country: country("JP"), days: 2, amount: None };
        let claim = ExpenseClaim::submit(flat, date, "tour", None).unwrap();
        assert_eq!(amount(&claim, &Rules), Err(ExpenseError::UnknownCountry { country: country("JP"), date }));
        let spent = ExpenseKind::PerDiemAbroad { country: country("JP"), days: 2, amount: Some(eur("75.10")) };
        let claim = ExpenseClaim::submit(spent, date, "tour", Some("R9")).unwrap();
        assert_eq!(amount(&claim, &Rules).unwrap(), eur("75.10"));
    }

    #[test]
    fn status_moves_forward_only() {
        let mut c = travel(dec!(10)).unwrap();
        assert_eq!(c.status(), &ExpenseStatus::Submitted);
        assert_eq!(c.mark_reimbursed(), Err(ExpenseError::Transition { from: "submitted", to: "reimbursed" }));
        c.validate().unwrap();
        assert_eq!(c.validate(), Err(ExpenseError::Transition { from: "validated", to: "validated" }));
        assert_eq!(c.reject("late"), Err(ExpenseError::Transition { from: "validated", to: "rejected" }));
        c.mark_reimbursed().unwrap();
        assert_eq!(c.status(), &ExpenseStatus::Reimbursed);
        assert!(c.mark_reimbursed().is_err());
        assert!(c.validate().is_err());

        let mut r = travel(dec!(10)).unwrap();
        assert_eq!(r.reject("  "), Err(ExpenseError::MissingReason));
        assert_eq!(r.status(), &ExpenseStatus::Submitted);
        r.reject(" private trip ").unwrap();
        assert_eq!(r.status(), &ExpenseStatus::Rejected { reason: "private trip".into() });
        assert!(r.validate().is_err());
        assert!(r.mark_reimbursed().is_err());
    }

    #[test]
    fn each_status_and_receipt_kind_has_one_stored_name() {
        let statuses =
            [ExpenseStatus::Submitted, ExpenseStatus::Validated, ExpenseStatus::Rejected { reason: "x".into() }];
        let names: Vec<&str> = statuses.iter().chain([&ExpenseStatus::Reimbursed]).map(ExpenseStatus::as_str).collect();
        assert_eq!(names, ExpenseStatus::NAMES);
        for kind in ReceiptKind::ALL {
            assert_eq!(ReceiptKind::of_media_type(kind.media_type()), Some(kind));
        }
        assert_eq!(ReceiptKind::of_media_type("image/gif"), None);
        assert_eq!(ReceiptKind::of_media_type("IMAGE/PNG"), None, "the caller lowers a header's case");
    }
}
