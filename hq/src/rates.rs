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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_is_published_signed_and_dated_on_its_periods_subject() {
        let key = NodeKey::generate();
        let rate = ReferenceRate {
            currency: "HUF".into(),
            period: "2025-02".into(),
            version: 2,
            units_per_eur: "399.50".parse().unwrap(),
            rate_date: "2025-02-28".parse().unwrap(),
            source: "ECB euro foreign exchange reference rates, 28 February 2025".into(),
        };
        let m = publication(&key, &rate, 7, "2025-03-01T09:00:00Z").unwrap();
        assert_eq!(m.subject, "partage.hq.fx.2025-02");
        assert_eq!(m.node, "hq");
        let public = crate::envelope::public_key(&key.public_base64()).unwrap();
        assert!(crate::envelope::verify(&public, &m.payload, &m.signature));
        let read: Envelope<ReferenceRate> = serde_json::from_slice(&m.payload).unwrap();
        assert_eq!((read.kind.as_str(), read.event_id.as_str()), (RATE_TYPE, "hq:7"));
        assert_eq!(read.body, rate);
        let json: serde_json::Value = serde_json::from_slice(&m.payload).unwrap();
        assert_eq!(json["body"]["units_per_eur"], "399.50");
        assert_eq!(json["body"]["rate_date"], "2025-02-28");
    }
}
