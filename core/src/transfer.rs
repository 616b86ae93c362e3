//! A member's transfer between two national offices, on the member's request: the
//! steps each side takes and what a step does in each status, so that the person
//! moves exactly once and is never active in two offices.
//!
//! The origin (the member's office) offers and, once the destination accepted, commits
//! or, before that, cancels (by hand, or because the offer expired). The destination
//! imports the offer, accepts or rejects it, and activates the member on commit. A step
//! arriving after its transfer ended (an accept overtaking a cancel, a duplicate) is
//! [`Decision::Ignore`]d: the protocol's answer to that race is already on its way.
//! The storage of each side, the clock and the wire are the node's and federation's.

use std::fmt;
use std::str::FromStr;

/// Which end of a transfer an office is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The office the member leaves.
    Origin,
    /// The office the member joins.
    Destination,
}

/// Where a transfer stands, on one side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransferStatus {
    /// Offered (origin) or imported (destination); nobody decided yet.
    Offered,
    /// The destination accepted; it waits for the commit.
    Accepted,
    /// The destination refused the member.
    Rejected,
    /// Done: the member left the origin and is active at the destination.
    Committed,
    /// Cancelled by the origin (by hand or on expiry) before any commit.
    Cancelled,
}

/// One step of the protocol (also the last token of its subject).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Origin → destination: the member's portable record.
    Offer,
    /// Destination → origin.
    Accept,
    /// Destination → origin.
    Reject,
    /// Origin → destination: the member left; activate them.
    Commit,
    /// Origin → destination: the offer is withdrawn.
    Cancel,
}

/// What a side does on a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Move to `to` and send `send`, if any, in the same transaction.
    Move {
        /// The new status.
        to: TransferStatus,
        /// The step this side sends.
        send: Option<Step>,
    },
    /// Nothing changes: the step arrived after the transfer ended.
    Ignore,
}

/// Why a step does not apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransferError {
    /// The transfer is no longer open.
    #[error("the transfer is {status}: it can no longer be {step}ed")]
    Closed {
        /// Where it stands.
        status: TransferStatus,
        /// What was attempted.
        step: Step,
    },
    /// The offer's deadline has passed.
    #[error("the offer has expired")]
    Expired,
    /// A step this side never takes or receives in that status (a peer out of protocol).
    #[error("step {step} does not apply to a {side:?} transfer that is {status}")]
    OutOfOrder {
        /// This side.
        side: Side,
        /// Where it stands.
        status: TransferStatus,
        /// The step.
        step: Step,
    },
}

/// What `side`, with its transfer in `status`, does on `step` (sent by the other side
/// or asked locally); `expired`: the offer's deadline has passed on this side's clock.
pub fn decide(side: Side, status: TransferStatus, step: Step, expired: bool) -> Result<Decision, TransferError> {
    use Decision::{Ignore, Move};
    use Step as P;
    use TransferStatus as S;
    let out_of_order = Err(TransferError::OutOfOrder { side, status, step });
    match (side, status, step) {
        // The origin: the destination's answer, or its own cancellation.
        (Side::Origin, S::Offered, P::Accept) if expired => Ok(Move { to: S::Cancelled, send: Some(P::Cancel) }),
        (Side::Origin, S::Offered, P::Accept) => Ok(Move { to: S::Committed, send: Some(P::Commit) }),
        (Side::Origin, S::Offered, P::Reject) => Ok(Move { to: S::Rejected, send: None }),
        (Side::Origin, S::Offered, P::Cancel) => Ok(Move { to: S::Cancelled, send: Some(P::Cancel) }),
        (Side::Origin, _, P::Cancel) => Err(TransferError::Closed { status, step }),
        // An answer after the end (a cancel and an accept crossing, a duplicate): the
        // cancel already sent tells the destination, a commit already sent too.
        (Side::Origin, _, P::Accept | P::Reject) => Ok(Ignore),
        (Side::Origin, _, P::Offer | P::Commit) => out_of_order,
        // The destination: its staff's decision, then the origin's last word.
        (Side::Destination, S::Offered, P::Accept | P::Reject) if expired => Err(TransferError::Expired),
        (Side::Destination, S::Offered, P::Accept) => Ok(Move { to: S::Accepted, send: Some(P::Accept) }),
        (Side::Destination, S::Offered, P::Reject) => Ok(Move { to: S::Rejected, send: Some(P::Reject) }),
        (Side::Destination, _, P::Accept | P::Reject) => Err(TransferError::Closed { status, step }),
        (Side::Destination, S::Offered | S::Accepted, P::Cancel) => Ok(Move { to: S::Cancelled, send: None }),
        (Side::Destination, S::Accepted, P::Commit) => Ok(Move { to: S::Committed, send: None }),
        (Side::Destination, S::Rejected | S::Cancelled, P::Cancel) => Ok(Ignore),
        (Side::Destination, S::Committed, P::Commit) => Ok(Ignore),
        (Side::Destination, _, P::Offer | P::Commit | P::Cancel) => out_of_order,
    }
}

impl TransferStatus {
    /// The stable name used in storage and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            TransferStatus::Offered => "offered",
            TransferStatus::Accepted => "accepted",
            TransferStatus::Rejected => "rejected",
            TransferStatus::Committed => "committed",
            TransferStatus::Cancelled => "cancelled",
        }
    }

    /// Whether the transfer may still move the member (the member is frozen meanwhile).
    pub fn is_open(self) -> bool {
        matches!(self, TransferStatus::Offered | TransferStatus::Accepted)
    }
}

impl Step {
    /// The stable name: the last token of its subject.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Offer => "offer",
            Step::Accept => "accept",
            Step::Reject => "reject",
            Step::Commit => "commit",
            Step::Cancel => "cancel",
        }
    }
}

impl Side {
    /// The stable name used in storage and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Origin => "origin",
            Side::Destination => "destination",
        }
    }
}

/// An unknown stored or sent name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown transfer name '{0}'")]
pub struct UnknownName(pub String);

impl FromStr for TransferStatus {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [TransferStatus::Offered, TransferStatus::Accepted, TransferStatus::Rejected, TransferStatus::Committed]
            .into_iter()
            .chain([TransferStatus::Cancelled])
            .find(|v| v.as_str() == s)
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

impl FromStr for Step {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [Step::Offer, Step::Accept, Step::Reject, Step::Commit, Step::Cancel]
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

impl FromStr for Side {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [Side::Origin, Side::Destination].into_iter().find(|v| v.as_str() == s).ok_or_else(|| UnknownName(s.to_owned()))
    }
}

impl fmt::Display for TransferStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What happens to a member's shares when they move: the group's rule, the same in
/// every office (node configuration `federation.transfer_shares`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SharesRule {
    /// The origin refunds the paid shares to the member and cancels unpaid ones; the
    /// destination has the member subscribe as many of its own shares, unpaid.
    Refund,
    /// The origin pays the member's paid capital over to the destination, which
    /// records that many of its shares as subscribed and paid (same nominal value and
    /// currency required, else the destination rejects the offer).
    Carry,
}

impl SharesRule {
    /// The stable name used in configuration, storage and on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            SharesRule::Refund => "refund",
            SharesRule::Carry => "carry",
        }
    }
}

impl FromStr for SharesRule {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "refund" => Ok(SharesRule::Refund),
            "carry" => Ok(SharesRule::Carry),
            other => Err(UnknownName(other.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Decision::{Ignore, Move};
    use Side::{Destination, Origin};
    use TransferStatus as S;

    #[test]
    fn an_accepted_offer_commits_once_and_a_duplicate_accept_changes_nothing() {
        assert_eq!(
            decide(Origin, S::Offered, Step::Accept, false),
            Ok(Move { to: S::Committed, send: Some(Step::Commit) })
        );
        assert_eq!(decide(Origin, S::Committed, Step::Accept, false), Ok(Ignore));
        assert_eq!(decide(Destination, S::Accepted, Step::Commit, false), Ok(Move { to: S::Committed, send: None }));
        assert_eq!(decide(Destination, S::Committed, Step::Commit, false), Ok(Ignore));
    }

    #[test]
    fn an_accept_after_a_cancel_is_ignored_and_the_cancel_wins_at_the_destination() {
        assert_eq!(
            decide(Origin, S::Offered, Step::Cancel, false),
            Ok(Move { to: S::Cancelled, send: Some(Step::Cancel) })
        );
        assert_eq!(decide(Origin, S::Cancelled, Step::Accept, false), Ok(Ignore));
        assert_eq!(decide(Destination, S::Accepted, Step::Cancel, false), Ok(Move { to: S::Cancelled, send: None }));
    }

    #[test]
    fn an_accept_after_the_deadline_cancels_instead_of_committing() {
        assert_eq!(
            decide(Origin, S::Offered, Step::Accept, true),
            Ok(Move { to: S::Cancelled, send: Some(Step::Cancel) })
        );
        assert_eq!(decide(Destination, S::Offered, Step::Accept, true), Err(TransferError::Expired));
    }

    #[test]
    fn a_committed_transfer_cannot_be_cancelled_and_a_decided_one_not_decided_again() {
        assert_eq!(
            decide(Origin, S::Committed, Step::Cancel, false),
            Err(TransferError::Closed { status: S::Committed, step: Step::Cancel })
        );
        assert!(matches!(decide(Destination, S::Rejected, Step::Accept, false), Err(TransferError::Closed { .. })));
        assert!(matches!(decide(Destination, S::Offered, Step::Commit, false), Err(TransferError::OutOfOrder { .. })));
        assert!(matches!(decide(Origin, S::Offered, Step::Commit, false), Err(TransferError::OutOfOrder { .. })));
    }

    #[test]
    fn names_read_back() {
        for s in [S::Offered, S::Accepted, S::Rejected, S::Committed, S::Cancelled] {
            assert_eq!(s.as_str().parse::<S>(), Ok(s));
        }
        for s in [Step::Offer, Step::Accept, Step::Reject, Step::Commit, Step::Cancel] {
            assert_eq!(s.as_str().parse::<Step>(), Ok(s));
        }
        assert_eq!("carry".parse::<SharesRule>(), Ok(SharesRule::Carry));
        assert!("give".parse::<SharesRule>().is_err());
    }
}
