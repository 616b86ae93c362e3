//! Members, their lifecycle and the share register.
//!
//! A person joins as an applicant, becomes a member once a share is paid, may
//! leave (leaving, then left once the shares are refunded) or move to another
//! office (transferring while the offer is open, then transferred). One member,
//! one vote, whatever the number of shares.

use crate::bank::Iban;
use crate::ids::MemberId;
use crate::money::{Money, MoneyError};
use crate::payroll::Household;
use chrono::NaiveDate;
use std::fmt;
use std::str::FromStr;

/// Where a person stands in the cooperative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MembershipStatus {
    /// Has applied; no share paid yet.
    Applicant,
    /// Has at least one paid share; votes.
    Member,
    /// Has asked to leave; shares not yet refunded.
    Leaving,
    /// Has left; shares refunded.
    Left,
    /// A transfer to another office is open (offered, or imported and not yet
    /// committed): frozen, neither working nor voting, so that the person is never
    /// active in two offices.
    Transferring,
    /// Has moved to another national office.
    Transferred,
}

impl MembershipStatus {
    /// The stable name used in storage and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            MembershipStatus::Applicant => "applicant",
            MembershipStatus::Member => "member",
            MembershipStatus::Leaving => "leaving",
            MembershipStatus::Left => "left",
            MembershipStatus::Transferring => "transferring",
            MembershipStatus::Transferred => "transferred",
        }
    }

    /// One member, one vote: only a member in good standing votes, with one vote.
    pub fn votes(self) -> u32 {
        u32::from(self == MembershipStatus::Member)
    }

    /// Whether the person may open activities and invoice.
    pub fn may_work(self) -> bool {
        self == MembershipStatus::Member
    }
}

impl fmt::Display for MembershipStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MembershipStatus {
    type Err = MemberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "applicant" => MembershipStatus::Applicant,
            "member" => MembershipStatus::Member,
            "leaving" => MembershipStatus::Leaving,
            "left" => MembershipStatus::Left,
            "transferring" => MembershipStatus::Transferring,
            "transferred" => MembershipStatus::Transferred,
            other => return Err(MemberError::UnknownStatus(other.into())),
        })
    }
}

/// Why a membership operation is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MemberError {
    /// Not a known status name.
    #[error("unknown membership status '{0}'")]
    UnknownStatus(String),
    /// The operation does not apply in the current status.
    #[error("a member who is {status} cannot {action}")]
    NotAllowed {
        /// Current status.
        status: MembershipStatus,
        /// What was attempted.
        action: &'static str,
    },
    /// A share count of zero or less.
    #[error("the number of shares must be at least 1")]
    NoShares,
    /// A payment that is not a whole number of unpaid shares.
    #[error("{paid} does not pay a whole number of the {unpaid} unpaid shares of {nominal}")]
    NotWholeShares {
        /// Amount offered.
        paid: Money,
        /// Shares subscribed and unpaid.
        unpaid: u32,
        /// Nominal value of one share.
        nominal: Money,
    },
    /// Amount arithmetic failed.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// A member's entry in the share register: counts of shares of one nominal value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShareRegisterEntry {
    /// Nominal value of one share (30 EUR at Smart; node configuration).
    pub nominal: Money,
    /// Shares subscribed, ever.
    pub subscribed: u32,
    /// Shares paid, ever.
    pub paid: u32,
    /// Paid shares refunded on leaving.
    pub refunded: u32,
    /// Unpaid shares cancelled on leaving.
    pub cancelled: u32,
}

impl ShareRegisterEntry {
    /// An empty entry for a new applicant.
    pub fn new(nominal: Money) -> Self {
        Self { nominal, subscribed: 0, paid: 0, refunded: 0, cancelled: 0 }
    }

    /// Shares subscribed and not yet paid (nor cancelled).
    pub fn unpaid(&self) -> u32 {
        self.subscribed.saturating_sub(self.paid).saturating_sub(self.cancelled)
    }

    /// Shares currently held and paid.
    pub fn held(&self) -> u32 {
        self.paid.saturating_sub(self.refunded)
    }

    /// Capital the member currently holds (paid, not refunded).
    pub fn capital(&self) -> Result<Money, MoneyError> {
        self.nominal.times(self.held().into(), crate::money::RoundingRule::HalfUp)
    }

    /// Subscribes `count` more shares; returns the amount now owed for them.
    pub fn subscribe(&mut self, status: MembershipStatus, count: u32) -> Result<Money, MemberError> {
        if count == 0 {
            return Err(MemberError::NoShares);
        }
        if !matches!(status, MembershipStatus::Applicant | MembershipStatus::Member) {
            return Err(MemberError::NotAllowed { status, action: "subscribe shares" });
        }
        self.subscribed = self.subscribed.saturating_add(count);
        Ok(self.nominal.times(count.into(), crate::money::RoundingRule::HalfUp)?)
    }

    /// Records a payment for unpaid shares; returns how many shares it paid.
    /// The amount must pay a whole number of shares, no more than are unpaid.
    pub fn pay(&mut self, status: MembershipStatus, amount: Money) -> Result<u32, MemberError> {
        if !matches!(status, MembershipStatus::Applicant | MembershipStatus::Member) {
            return Err(MemberError::NotAllowed { status, action: "pay shares" });
        }
        let unpaid = self.unpaid();
        let nominal = self.nominal;
        let not_whole = || MemberError::NotWholeShares { paid: amount, unpaid, nominal };
        if amount.currency() != nominal.currency() || !amount.is_positive() || nominal.is_zero() {
            return Err(not_whole());
        }
        let ratio = amount.amount() / nominal.amount();
        if ratio.fract() != rust_decimal::Decimal::ZERO {
            return Err(not_whole());
        }
        let count = u32::try_from(ratio.mantissa() / 10i128.pow(ratio.scale())).map_err(|_| not_whole())?;
        if count == 0 || count > unpaid {
            return Err(not_whole());
        }
        self.paid = self.paid.saturating_add(count);
        Ok(count)
    }

    /// On leaving: refunds every paid share and cancels unpaid ones.
    /// Returns (refunded amount, cancelled unpaid amount).
    pub fn refund_all(&mut self, status: MembershipStatus) -> Result<(Money, Money), MemberError> {
        if status != MembershipStatus::Leaving {
            return Err(MemberError::NotAllowed { status, action: "be refunded (ask to leave first)" });
        }
        let held = self.held();
        let unpaid = self.unpaid();
        let refund = self.nominal.times(held.into(), crate::money::RoundingRule::HalfUp)?;
        let cancelled = self.nominal.times(unpaid.into(), crate::money::RoundingRule::HalfUp)?;
        self.refunded = self.refunded.saturating_add(held);
        self.cancelled = self.cancelled.saturating_add(unpaid);
        Ok((refund, cancelled))
    }

    /// On a committed transfer out: the paid shares leave the register (refunded to
    /// the member or carried to the other office, as the group's rule says) and
    /// unpaid ones are cancelled. Returns (paid shares that left, their amount,
    /// cancelled unpaid amount).
    pub fn transfer_out(&mut self, status: MembershipStatus) -> Result<(u32, Money, Money), MemberError> {
        if status != MembershipStatus::Transferring {
            return Err(MemberError::NotAllowed { status, action: "move shares out (no open transfer)" });
        }
        let held = self.held();
        let unpaid = self.unpaid();
        let out = self.nominal.times(held.into(), crate::money::RoundingRule::HalfUp)?;
        let cancelled = self.nominal.times(unpaid.into(), crate::money::RoundingRule::HalfUp)?;
        self.refunded = self.refunded.saturating_add(held);
        self.cancelled = self.cancelled.saturating_add(unpaid);
        Ok((held, out, cancelled))
    }
}

/// A member as the cooperative records them: who, where they stand, their shares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// The member's id.
    pub id: MemberId,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Email, unique per node.
    pub email: String,
    /// Preferred language (a code the node supports).
    pub language: String,
    /// Where the person stands.
    pub status: MembershipStatus,
    /// The member's entry in the share register.
    pub shares: ShareRegisterEntry,
    /// Date of application.
    pub applied_on: NaiveDate,
    /// Date of admission (first share paid).
    pub admitted_on: Option<NaiveDate>,
    /// Date of leaving.
    pub left_on: Option<NaiveDate>,
    /// The identity a hiring declaration needs, once both parts are recorded.
    pub identity: Option<Identity>,
    /// Home address, once every part of it is recorded.
    pub address: Option<Address>,
    /// Nationality, once recorded: the office of a country the member works in is told of it.
    pub nationality: Option<crate::client::CountryCode>,
}

/// What identifies a worker to the state: a national number (its form checked by
/// the country pack) and the date of birth.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// The national number, as the pack normalised it.
    pub national_id: String,
    /// Date of birth.
    pub birth_date: NaiveDate,
}

/// What payroll needs of a member beyond the identity: where wages go and the
/// household the withholding tax depends on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PayrollProfile {
    /// The member.
    pub member_id: MemberId,
    /// The account wages are paid to, once recorded.
    pub iban: Option<Iban>,
    /// The household (single with no dependant until recorded).
    pub household: Household,
}

/// A member's home address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    /// Street and number.
    pub street: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
    /// Country, ISO 3166-1 alpha-2.
    pub country: String,
}

/// The status after an event, or why the event does not apply.
pub fn next_status(status: MembershipStatus, event: MembershipEvent) -> Result<MembershipStatus, MemberError> {
    use MembershipEvent as E;
    use MembershipStatus as S;
    match (status, event) {
        (S::Applicant, E::SharePaid) | (S::Member, E::SharePaid) => Ok(S::Member),
        (S::Member, E::AskToLeave) | (S::Applicant, E::AskToLeave) => Ok(S::Leaving),
        (S::Leaving, E::SharesRefunded) => Ok(S::Left),
        (S::Member, E::OfferTransfer) => Ok(S::Transferring),
        (S::Transferring, E::TransferEnded) => Ok(S::Member),
        (S::Transferring, E::Transfer) => Ok(S::Transferred),
        (status, event) => Err(MemberError::NotAllowed { status, action: event.action() }),
    }
}

/// What happens to a membership.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MembershipEvent {
    /// A share was paid: the applicant is admitted.
    SharePaid,
    /// The member asks to leave.
    AskToLeave,
    /// The shares were refunded: the member has left.
    SharesRefunded,
    /// A transfer to another office was offered: the member is frozen.
    OfferTransfer,
    /// The open transfer was rejected, cancelled or expired: the member is active again.
    TransferEnded,
    /// The transfer committed: the member moved to another office.
    Transfer,
}

impl MembershipEvent {
    fn action(self) -> &'static str {
        match self {
            MembershipEvent::SharePaid => "pay shares",
            MembershipEvent::AskToLeave => "ask to leave",
            MembershipEvent::SharesRefunded => "be refunded",
            MembershipEvent::OfferTransfer => "be offered to another office",
            MembershipEvent::TransferEnded => "end a transfer (none is open)",
            MembershipEvent::Transfer => "transfer",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn thirty() -> Money {
        Money::from_minor(3000, Currency::EUR)
    }

    #[test]
    fn paying_one_share_admits_an_applicant_with_one_vote() {
        let mut reg = ShareRegisterEntry::new(thirty());
        assert_eq!(reg.subscribe(MembershipStatus::Applicant, 1).unwrap(), thirty());
        assert_eq!(reg.pay(MembershipStatus::Applicant, thirty()).unwrap(), 1);
        let status = next_status(MembershipStatus::Applicant, MembershipEvent::SharePaid).unwrap();
        assert_eq!(status, MembershipStatus::Member);
        assert_eq!(status.votes(), 1);
    }

    #[test]
    fn ten_shares_still_give_one_vote() {
        let mut reg = ShareRegisterEntry::new(thirty());
        reg.subscribe(MembershipStatus::Member, 10).unwrap();
        reg.pay(MembershipStatus::Member, Money::from_minor(30_000, Currency::EUR)).unwrap();
        assert_eq!(reg.held(), 10);
        assert_eq!(MembershipStatus::Member.votes(), 1);
        assert_eq!(MembershipStatus::Applicant.votes(), 0);
    }

    #[test]
    fn a_payment_must_be_whole_unpaid_shares() {
        let mut reg = ShareRegisterEntry::new(thirty());
        reg.subscribe(MembershipStatus::Applicant, 2).unwrap();
        assert!(reg.pay(MembershipStatus::Applicant, Money::from_minor(4500, Currency::EUR)).is_err());
        assert!(reg.pay(MembershipStatus::Applicant, Money::from_minor(9000, Currency::EUR)).is_err());
        assert_eq!(reg.pay(MembershipStatus::Applicant, Money::from_minor(6000, Currency::EUR)).unwrap(), 2);
        assert_eq!(reg.unpaid(), 0);
    }

    #[test]
    fn leaving_refunds_paid_shares_and_cancels_unpaid_ones() {
        let mut reg = ShareRegisterEntry::new(thirty());
        reg.subscribe(MembershipStatus::Member, 3).unwrap();
        reg.pay(MembershipStatus::Member, Money::from_minor(6000, Currency::EUR)).unwrap();
        assert!(reg.refund_all(MembershipStatus::Member).is_err());
        let (refund, cancelled) = reg.refund_all(MembershipStatus::Leaving).unwrap();
        assert_eq!(refund, Money::from_minor(6000, Currency::EUR));
        assert_eq!(cancelled, thirty());
        assert_eq!(reg.held(), 0);
        assert_eq!(reg.unpaid(), 0);
    }

    #[test]
    fn a_transferring_member_neither_works_nor_votes_and_moves_out_once() {
        let mut reg = ShareRegisterEntry::new(thirty());
        reg.subscribe(MembershipStatus::Member, 3).unwrap();
        reg.pay(MembershipStatus::Member, Money::from_minor(6000, Currency::EUR)).unwrap();
        let s = next_status(MembershipStatus::Member, MembershipEvent::OfferTransfer).unwrap();
        assert_eq!(s, MembershipStatus::Transferring);
        assert!(!s.may_work());
        assert_eq!(s.votes(), 0);
        assert!(reg.transfer_out(MembershipStatus::Member).is_err());
        let (count, out, cancelled) = reg.transfer_out(s).unwrap();
        assert_eq!((count, out, cancelled), (2, Money::from_minor(6000, Currency::EUR), thirty()));
        assert_eq!((reg.held(), reg.unpaid()), (0, 0));
        assert_eq!(next_status(s, MembershipEvent::Transfer).unwrap(), MembershipStatus::Transferred);
        assert_eq!(next_status(s, MembershipEvent::TransferEnded).unwrap(), MembershipStatus::Member);
        assert!(next_status(MembershipStatus::Transferred, MembershipEvent::TransferEnded).is_err());
        assert!(next_status(MembershipStatus::Applicant, MembershipEvent::OfferTransfer).is_err());
    }

    #[test]
    fn a_left_member_cannot_come_back_by_paying() {
        assert!(next_status(MembershipStatus::Left, MembershipEvent::SharePaid).is_err());
    }
}
