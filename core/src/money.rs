//! Money: a `rust_decimal` amount with its ISO 4217 currency, and rates.
//!
//! Amounts never go through floating point. Rounding is explicit and happens only
//! where a rule (the law, a standard, a node policy) says so, naming that rule.

use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;
use std::str::FromStr;

/// An ISO 4217 currency of a country Partage serves (or may invoice in).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Currency {
    /// Euro.
    EUR,
    /// Swedish krona.
    SEK,
    /// Hungarian forint.
    HUF,
    /// Danish krone.
    DKK,
    /// Czech koruna.
    CZK,
    /// Polish zloty.
    PLN,
    /// Romanian leu.
    RON,
    /// Swiss franc.
    CHF,
    /// Pound sterling.
    GBP,
    /// Norwegian krone.
    NOK,
    /// US dollar.
    USD,
}

impl Currency {
    /// Every supported currency.
    pub const ALL: [Currency; 11] = [
        Currency::EUR,
        Currency::SEK,
        Currency::HUF,
        Currency::DKK,
        Currency::CZK,
        Currency::PLN,
        Currency::RON,
        Currency::CHF,
        Currency::GBP,
        Currency::NOK,
        Currency::USD,
    ];

    /// The ISO 4217 alphabetic code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::EUR => "EUR",
            Currency::SEK => "SEK",
            Currency::HUF => "HUF",
            Currency::DKK => "DKK",
            Currency::CZK => "CZK",
            Currency::PLN => "PLN",
            Currency::RON => "RON",
            Currency::CHF => "CHF",
            Currency::GBP => "GBP",
            Currency::NOK => "NOK",
            Currency::USD => "USD",
        }
    }

    /// Digits after the decimal point, as ISO 4217 lists them (HUF has 2 there,
    /// even though forint cash is counted in whole units).
    pub fn minor_units(self) -> u32 {
        2
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::ALL.into_iter().find(|c| c.code() == s).ok_or_else(|| MoneyError::UnknownCurrency(s.to_owned()))
    }
}

/// What can go wrong when building or combining amounts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// The code is not an ISO 4217 currency Partage knows.
    #[error("unknown currency '{0}' (expected an ISO 4217 code such as EUR)")]
    UnknownCurrency(String),
    /// More decimals than the currency's minor unit.
    #[error("{amount} has more decimals than {currency} allows ({minor_units})")]
    TooPrecise {
        /// The amount as given.
        amount: Decimal,
        /// Its currency.
        currency: Currency,
        /// Decimals the currency allows.
        minor_units: u32,
    },
    /// Two currencies met in one operation.
    #[error("cannot combine {0} with {1}")]
    CurrencyMismatch(Currency, Currency),
    /// The amount is not a decimal number.
    #[error("'{0}' is not a decimal amount")]
    NotANumber(String),
    /// The result does not fit the representation.
    #[error("amount out of range")]
    Overflow,
}

/// How an amount is rounded to its currency's minor unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundingRule {
    /// Half away from zero: 0.005 -> 0.01 (commercial rounding, EN 16931 totals).
    HalfUp,
    /// Half to even (banker's rounding).
    HalfEven,
    /// Towards zero (truncation).
    Truncate,
}

impl RoundingRule {
    fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingRule::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingRule::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingRule::Truncate => RoundingStrategy::ToZero,
        }
    }
}

/// An amount of money in one currency, at most as precise as the currency allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// An exact amount; refused if it has more decimals than the currency's minor unit.
    pub fn new(amount: Decimal, currency: Currency) -> Result<Self, MoneyError> {
        let normalized = amount.normalize();
        let minor_units = currency.minor_units();
        if normalized.scale() > minor_units {
            return Err(MoneyError::TooPrecise { amount, currency, minor_units });
        }
        let mut amount = normalized;
        amount.rescale(minor_units);
        if amount.is_zero() {
            amount.set_sign_positive(true);
        }
        Ok(Self { amount, currency })
    }

    /// Parses a decimal string such as `"1210.00"`.
    pub fn parse(amount: &str, currency: Currency) -> Result<Self, MoneyError> {
        let value = Decimal::from_str_exact(amount.trim()).map_err(|_| MoneyError::NotANumber(amount.to_owned()))?;
        Self::new(value, currency)
    }

    /// Zero in a currency.
    pub fn zero(currency: Currency) -> Self {
        Self { amount: Decimal::new(0, currency.minor_units()), currency }
    }

    /// From an integer count of minor units (cents), as stored in tables.
    pub fn from_minor(minor: i64, currency: Currency) -> Self {
        Self { amount: Decimal::new(minor, currency.minor_units()), currency }
    }

    /// Rounds any decimal to the currency's minor unit with the named rule.
    pub fn rounded(amount: Decimal, currency: Currency, rule: RoundingRule) -> Self {
        let mut amount = amount.round_dp_with_strategy(currency.minor_units(), rule.strategy());
        amount.rescale(currency.minor_units());
        if amount.is_zero() {
            amount.set_sign_positive(true); // -0.004 rounds to 0.00, not -0.00
        }
        Self { amount, currency }
    }

    /// The amount in minor units (cents); exact because the scale is the minor unit.
    pub fn to_minor(self) -> Result<i64, MoneyError> {
        let mut m = self.amount;
        m.rescale(self.currency.minor_units());
        i64::try_from(m.mantissa()).map_err(|_| MoneyError::Overflow)
    }

    /// The decimal amount.
    pub fn amount(self) -> Decimal {
        self.amount
    }

    /// The currency.
    pub fn currency(self) -> Currency {
        self.currency
    }

    /// True when exactly zero.
    pub fn is_zero(self) -> bool {
        self.amount.is_zero()
    }

    /// True when below zero.
    pub fn is_negative(self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    /// True when above zero.
    pub fn is_positive(self) -> bool {
        self.amount.is_sign_positive() && !self.amount.is_zero()
    }

    fn same_currency(self, other: Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch(self.currency, other.currency))
        }
    }

    /// Sum of two amounts of one currency.
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let amount = self.amount.checked_add(other.amount).ok_or(MoneyError::Overflow)?;
        Ok(Self { amount, currency: self.currency })
    }

    /// Difference of two amounts of one currency.
    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let amount = self.amount.checked_sub(other.amount).ok_or(MoneyError::Overflow)?;
        Ok(Self { amount, currency: self.currency })
    }

    /// The opposite amount (a debit becomes a credit). Zero stays zero: a
    /// decimal's sign bit would otherwise print a balance of "-0.00".
    pub fn negated(self) -> Money {
        let mut amount = -self.amount;
        if amount.is_zero() {
            amount.set_sign_positive(true);
        }
        Self { amount, currency: self.currency }
    }

    /// The amount times a rate, rounded to the minor unit with the named rule.
    pub fn times_rate(self, rate: Rate, rule: RoundingRule) -> Money {
        Self::rounded(self.amount * rate.0, self.currency, rule)
    }

    /// The amount times a quantity, rounded to the minor unit with the named rule.
    pub fn times(self, quantity: Decimal, rule: RoundingRule) -> Result<Money, MoneyError> {
        let product = self.amount.checked_mul(quantity).ok_or(MoneyError::Overflow)?;
        Ok(Self::rounded(product, self.currency, rule))
    }

    /// Sums amounts of `currency`; an empty list sums to zero.
    pub fn sum<I: IntoIterator<Item = Money>>(currency: Currency, items: I) -> Result<Money, MoneyError> {
        items.into_iter().try_fold(Money::zero(currency), Money::checked_add)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

/// A rate as a fraction (`0.21` is 21 %), never a float.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rate(pub Decimal);

impl Rate {
    /// From a percentage, `21` giving `0.21`.
    pub fn from_percent(percent: Decimal) -> Rate {
        Rate(percent / Decimal::ONE_HUNDRED)
    }

    /// The rate as a percentage, normalised (`0.21` gives `21`).
    pub fn percent(self) -> Decimal {
        (self.0 * Decimal::ONE_HUNDRED).normalize()
    }

    /// The fraction.
    pub fn value(self) -> Decimal {
        self.0
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.percent())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn three_decimals_in_euro_are_refused() {
        let err = Money::new(dec!(10.005), Currency::EUR).unwrap_err();
        assert!(matches!(err, MoneyError::TooPrecise { minor_units: 2, .. }));
    }

    #[test]
    fn trailing_zeros_are_not_extra_precision() {
        let m = Money::new(dec!(10.100), Currency::EUR).unwrap();
        assert_eq!(m.amount().to_string(), "10.10");
        assert_eq!(m.to_minor().unwrap(), 1010);
    }

    #[test]
    fn euro_and_krona_do_not_add() {
        let a = Money::from_minor(100, Currency::EUR);
        let b = Money::from_minor(100, Currency::SEK);
        assert_eq!(a.checked_add(b), Err(MoneyError::CurrencyMismatch(Currency::EUR, Currency::SEK)));
    }

    #[test]
    fn unknown_currency_is_named() {
        assert_eq!("XYZ".parse::<Currency>(), Err(MoneyError::UnknownCurrency("XYZ".into())));
        assert_eq!("SEK".parse::<Currency>(), Ok(Currency::SEK));
    }

    #[test]
    fn half_up_and_truncate_differ_at_the_midpoint() {
        let m = Money::from_minor(1000, Currency::EUR); // 10.00
        assert_eq!(m.times_rate(Rate(dec!(0.0005)), RoundingRule::HalfUp).to_minor().unwrap(), 1);
        assert_eq!(m.times_rate(Rate(dec!(0.0005)), RoundingRule::Truncate).to_minor().unwrap(), 0);
        assert_eq!(m.times_rate(Rate(dec!(0.0005)), RoundingRule::HalfEven).to_minor().unwrap(), 0);
    }

    #[test]
    fn parse_rejects_words_and_keeps_cents() {
        assert!(matches!(Money::parse("ten", Currency::EUR), Err(MoneyError::NotANumber(_))));
        assert_eq!(Money::parse("1210.00", Currency::EUR).unwrap().to_minor().unwrap(), 121_000);
    }

    #[test]
    fn zero_never_prints_with_a_minus_sign() {
        assert_eq!(Money::zero(Currency::EUR).negated().amount().to_string(), "0.00");
        assert_eq!(Money::rounded(dec!(-0.004), Currency::EUR, RoundingRule::HalfUp).amount().to_string(), "0.00");
        assert_eq!(Money::from_minor(-5, Currency::EUR).negated().amount().to_string(), "0.05");
    }

    #[test]
    fn rate_round_trips_through_percent() {
        let r = Rate::from_percent(dec!(6.5));
        assert_eq!(r.value(), dec!(0.065));
        assert_eq!(r.percent(), dec!(6.5));
        assert_eq!(r.to_string(), "6.5%");
    }
}
