//! Typed identifiers, so that a member id is never passed where an invoice id is due.

use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! typed_id {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new, time-ordered identifier (UUID v7), so that rows insert in order.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    )*};
}

typed_id!(
    /// Identifies a member of the cooperative.
    MemberId,
    /// Identifies a member's activity (a project, an account inside the cooperative).
    ActivityId,
    /// Identifies a client that activities invoice.
    ClientId,
    /// Identifies an invoice, draft or issued.
    InvoiceId,
    /// Identifies a client's payment of an invoice.
    PaymentId,
    /// Identifies a credit note.
    CreditNoteId,
);
