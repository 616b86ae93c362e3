//! The reference rates HQ publishes to nodes (`partage.hq.fx.<YYYY-MM>`), dated and
//! versioned: the ECB euro reference rate of the period's last TARGET day (research
//! §6.4). HQ records the rate an operator gives, with its source; it never fetches one.

use crate::envelope::{Envelope, Message, NodeKey};
use crate::store::ReferenceRate;

/// The event type of a published rate.
pub const RATE_TYPE: &str = "fx.rate";

/// The subject a rate is published on.
pub fn subject(period: &str) -> String {
    format!("partage.hq.fx.{period}")
}

/// The signed message publishing a rate to the nodes; `seq` is HQ's outbox sequence.
pub fn publication(
    key: &NodeKey,
    rate: &ReferenceRate,
    seq: u64,
    occurred_at: &str,
) -> Result<Message, serde_json::Error> {
    let envelope = Envelope {
        v: crate::envelope::VERSION,
        kind: RATE_TYPE.to_owned(),
        event_id: format!("hq:{seq}"),
        node: "hq".to_owned(),
        node_seq: seq,
        occurred_at: occurred_at.to_owned(),
        body: rate,
    };
    key.seal(&subject(&rate.period), &envelope)
}
