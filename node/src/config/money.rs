//! The cooperative's money terms: its fee and the guarantee fund's share of it
//! (`[fee]`), the nominal value of a share (`[shares]`) and invoices' payment term
//! (`[invoicing]`).

use super::raw::{RawFee, RawInvoicing, RawShares};
use super::values::{fraction, positive_eur};
use super::ConfigError;
use partage_core::fee::FeePolicy;
use partage_core::Money;

/// The fee, the share's nominal value and the payment term, checked.
pub(super) struct MoneyTerms {
    /// `fee.rate` and `fee.guarantee_fund_share`.
    pub(super) fee: FeePolicy,
    /// `shares.nominal`.
    pub(super) share_nominal: Money,
    /// `invoicing.payment_terms_days`.
    pub(super) payment_terms_days: u32,
}

/// Checks the fee, the share's nominal value and the payment term, in that order.
pub(super) fn money_terms(
    fee: &RawFee,
    shares: &RawShares,
    invoicing: &RawInvoicing,
) -> Result<MoneyTerms, ConfigError> {
    let fee = FeePolicy {
        rate: fraction("fee.rate", &fee.rate)?,
        fund_share: fraction("fee.guarantee_fund_share", &fee.guarantee_fund_share)?,
    };
    let share_nominal = positive_eur("shares.nominal", &shares.nominal)?;
    if invoicing.payment_terms_days > 120 {
        return Err(ConfigError::Key {
            key: "invoicing.payment_terms_days",
            message: "at most 120 working days".into(),
        });
    }
    Ok(MoneyTerms { fee, share_nominal, payment_terms_days: invoicing.payment_terms_days })
}
