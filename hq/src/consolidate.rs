//! Exact consolidation (research §6.4): HQ keeps, per node and period, the snapshot of
//! the highest revision. Snapshots are state, not deltas, so a duplicate, a redelivery
//! or an old revision arriving late changes nothing.

use crate::envelope::{self, Message};
use crate::store::{EnrolledNode, HqStore};
use crate::HqError;
use partage_federation::envelope::Refusal;
use partage_federation::{Event, TrustStore};
use sea_orm::Value;

/// What applying a snapshot did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The period's first snapshot from that node.
    First,
    /// A higher revision replaced the kept one.
    Replaced,
    /// The kept revision again, with the same figures.
    Duplicate,
    /// The kept revision again with other figures: kept one stays, an alarm is raised.
    Conflict,
    /// A lower revision: ignored.
    Stale,
    /// This event was applied before (a redelivery after a crash before the ack).
    AlreadyApplied,
}

impl Outcome {
    /// The name the inbox records.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::First => "first",
            Outcome::Replaced => "replaced",
            Outcome::Duplicate => "duplicate",
            Outcome::Conflict => "conflict",
            Outcome::Stale => "stale",
            Outcome::AlreadyApplied => "already-applied",
        }
    }
}

/// The rule, apart from storage: `kept` is the kept revision and its hash.
pub fn decide(kept: Option<(u32, &str)>, revision: u32, sha256: &str) -> Outcome {
    match kept {
        None => Outcome::First,
        Some((r, _)) if revision > r => Outcome::Replaced,
        Some((r, _)) if revision < r => Outcome::Stale,
        Some((_, h)) if h == sha256 => Outcome::Duplicate,
        Some(_) => Outcome::Conflict,
    }
}

/// A verified snapshot, ready to apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incoming {
    /// Node code.
    pub node: String,
    /// `YYYY-MM`.
    pub period: String,
    /// The snapshot's revision.
    pub revision: u32,
    /// SHA-256 of the body's JSON.
    pub sha256: String,
    /// `<cc>:<node_seq>`.
    pub event_id: String,
    /// When the node produced it.
    pub occurred_at: String,
    /// The body's JSON, normalised.
    pub body: String,
}

impl Incoming {
    /// Columns in the order `hq_snapshot`'s insert names them.
    pub(crate) fn values(&self) -> Vec<Value> {
        vec![
            self.node.clone().into(),
            self.period.clone().into(),
            i64::from(self.revision).into(),
            self.sha256.clone().into(),
            self.event_id.clone().into(),
            self.occurred_at.clone().into(),
            self.body.clone().into(),
        ]
    }
}

/// Checks a message against the enrolled nodes and reads its snapshot.
pub async fn verify(store: &HqStore, message: &Message) -> Result<Incoming, HqError> {
    let nodes = store.nodes().await?;
    check(&envelope::trust_store(&nodes), &nodes, message)
}

/// The federation's check (`partage_federation::envelope::verify`: an enrolled key of the
/// node the subject, the `Partage-Node` header and the payload name signed these exact
/// bytes; headers and subject agree with the payload), then HQ's own: the event is a
/// period snapshot, in the currency the node was enrolled with.
pub fn check(trust: &TrustStore, nodes: &[EnrolledNode], message: &Message) -> Result<Incoming, HqError> {
    let reject = |why: String| HqError::Rejected { subject: message.subject.clone(), why };
    let verified = partage_federation::envelope::verify(trust, &message.subject, &message.headers, &message.payload)
        .map_err(|refusal| match refusal {
            // A type or version this build cannot read is parked until one can, not refused as forged.
            Refusal::UnknownEvent(e) => HqError::UnknownVersion(e.to_string()),
            other => reject(other.to_string()),
        })?;
    let envelope = verified.envelope;
    let figures = match envelope.event() {
        Ok(Event::PeriodFigures(f)) => f,
        Ok(other) => return Err(reject(format!("event {} is not a period snapshot", other.kind()))),
        Err(e) => return Err(HqError::UnknownVersion(e.to_string())),
    };
    let enrolled = nodes
        .iter()
        .find(|n| n.node == envelope.node.as_str())
        .ok_or_else(|| reject(format!("node {} is not enrolled", envelope.node)))?;
    if figures.currency != enrolled.currency {
        return Err(reject(format!("figures in {}, node enrolled in {}", figures.currency, enrolled.currency)));
    }
    // Hash the body as HQ stores it, so equal figures hash alike whatever the spacing.
    let body = serde_json::to_string(&figures).map_err(|e| HqError::Corrupt(e.to_string()))?;
    Ok(Incoming {
        node: envelope.node.to_string(),
        period: figures.period,
        revision: figures.revision,
        sha256: envelope::sha256_hex(body.as_bytes()),
        event_id: envelope.event_id,
        occurred_at: envelope.occurred_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        body,
    })
}

/// Verifies a batch and applies what passes in one transaction; each message gets its
/// outcome or its refusal, in order. The caller acknowledges them after this returns.
pub async fn receive_batch(store: &HqStore, messages: &[Message]) -> Result<Vec<Result<Outcome, HqError>>, HqError> {
    // The trust store is read once per batch, not once per message.
    let nodes = store.nodes().await?;
    let trust = envelope::trust_store(&nodes);
    let checked: Vec<_> = messages.iter().map(|m| check(&trust, &nodes, m)).collect();
    let valid: Vec<Incoming> = checked.iter().filter_map(|c| c.as_ref().ok().cloned()).collect();
    let mut applied = store.apply_batch(&valid).await?.into_iter();
    Ok(checked
        .into_iter()
        .map(|c| match c {
            Ok(_) => applied.next().ok_or_else(|| HqError::Corrupt("batch outcome missing".into())),
            Err(e) => Err(e),
        })
        .collect())
}

/// Verifies and applies one message; the caller acknowledges it only after this returns.
pub async fn receive(store: &HqStore, message: &Message) -> Result<Outcome, HqError> {
    let incoming = verify(store, message).await?;
    store.apply(&incoming).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_highest_revision_wins_and_equal_ones_are_compared_by_hash() {
        assert_eq!(decide(None, 1, "a"), Outcome::First);
        assert_eq!(decide(Some((1, "a")), 2, "b"), Outcome::Replaced);
        assert_eq!(decide(Some((2, "b")), 1, "a"), Outcome::Stale);
        assert_eq!(decide(Some((2, "b")), 2, "b"), Outcome::Duplicate);
        assert_eq!(decide(Some((2, "b")), 2, "c"), Outcome::Conflict);
    }
}
