//! The reference rates HQ publishes to nodes (`partage.hq.fx.<YYYY-MM>`), dated and
//! versioned: the ECB euro reference rate of the period's last TARGET day (research
//! §6.4). HQ records the rate an operator gives, with its source; it never fetches one.
//! A publication is the federation's `fx.rate` event in its envelope, signed by HQ's key.

use crate::store::ReferenceRate;
use partage_federation::events::FxRateV1;
use partage_federation::{Envelope, Event, NodeId, NodeKey, Refusal, Signed};

/// The event type of a published rate.
pub const RATE_TYPE: &str = <FxRateV1 as partage_federation::events::EventVersion>::TYPE;

/// The subject a rate is published on.
pub fn subject(period: &str) -> String {
    format!("partage.hq.fx.{period}")
}

/// The signed message publishing a rate to the nodes; `seq` is HQ's outbox sequence and
/// `key` HQ's own (node `hq`).
pub fn publication(
    key: &NodeKey,
    rate: &ReferenceRate,
    seq: u64,
    occurred_at: chrono::DateTime<chrono::Utc>,
) -> Result<Signed, Refusal> {
    let event = Event::FxRate(FxRateV1 {
        currency: rate.currency.clone(),
        period: rate.period.clone(),
        version: rate.version,
        units_per_eur: rate.units_per_eur,
        rate_date: rate.rate_date,
        source: rate.source.clone(),
    });
    Envelope::new(NodeId::hq(), seq, occurred_at, &event).sign(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_is_published_signed_and_dated_on_its_periods_subject() {
        let key = NodeKey::from_seed(NodeId::hq(), "hq-1", [9; 32]).unwrap();
        let mut trust = partage_federation::TrustStore::new();
        trust.add(key.public()).unwrap();
        let rate = ReferenceRate {
            currency: "HUF".into(),
            period: "2025-02".into(),
            version: 2,
            units_per_eur: "399.50".parse().unwrap(),
            rate_date: "2025-02-28".parse().unwrap(),
            source: "ECB euro foreign exchange reference rates, 28 February 2025".into(),
        };
        let at = "2025-03-01T09:00:00Z".parse().unwrap();
        let m = publication(&key, &rate, 7, at).unwrap();
        assert_eq!(m.subject, "partage.hq.fx.2025-02");
        let read = partage_federation::envelope::verify(&trust, &m.subject, &m.headers(), &m.payload).unwrap();
        assert_eq!((read.envelope.kind.as_str(), read.envelope.event_id.as_str()), (RATE_TYPE, "hq:7"));
        let Ok(Event::FxRate(back)) = read.envelope.event() else { panic!("not a rate") };
        assert_eq!((back.units_per_eur, back.version), (rate.units_per_eur, 2));
        let json: serde_json::Value = serde_json::from_slice(&m.payload).unwrap();
        assert_eq!(json["body"]["units_per_eur"], "399.50");
        assert_eq!(json["body"]["rate_date"], "2025-02-28");
    }
}
