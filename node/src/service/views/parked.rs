//! Response bodies of the federation inbox's parked messages (service::parked).

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A message another node sent that this node did not apply, kept for a person to look at:
/// what it is and why it was refused, never its payload (sealed records, a sender's words).
#[derive(Debug, Serialize, ToSchema)]
pub struct ParkedMessageView {
    /// Its id here.
    pub id: Uuid,
    /// The subject it came under (`partage.be.mob.fr.<id>.posting-amend`).
    pub subject: String,
    /// The event's type (`posting.amend`), as the payload says, when it reads.
    pub kind: Option<String>,
    /// The sending node (`be`), as the payload says, when it reads; verified only if the
    /// reason is not a verification's.
    pub node: Option<String>,
    /// Why it was not applied (the last retry's reason when retried).
    pub reason: String,
    /// When it was received.
    pub received_at: DateTime<Utc>,
    /// When a retry last left it parked.
    pub retried_at: Option<DateTime<Utc>>,
    /// The posting notice it waits for: applied when that notice arrives.
    pub waits_for: Option<Uuid>,
    /// Whether it can be retried: its signature was kept (not for messages parked before
    /// this node kept them, which can only be dismissed).
    pub retriable: bool,
}

/// What a retry came to.
#[derive(Debug, Serialize, ToSchema)]
pub struct RetryView {
    /// The parked message.
    pub id: Uuid,
    /// `applied` (it left the list), `duplicate` (its event was applied already; it left the
    /// list) or `refused` (still parked, with the new reason).
    pub outcome: String,
    /// Why it is still refused.
    pub reason: Option<String>,
}
