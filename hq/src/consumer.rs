//! The consolidator's loop over a durable, explicitly acknowledged source (the
//! `hq-consolidator` pull consumer of `HQ_AGG`, research §6.2): apply in a transaction,
//! then acknowledge. A crash between the two makes the source redeliver, and the
//! inbox makes the second application a no-op. What the source already holds is applied
//! together, up to [`BATCH`] messages in one transaction (one commit, one read of the trust
//! store), and their acknowledgements sent together: a commit and an ack's round trip per
//! message held HQ to about 50 messages a second, too slow for an office catching up.

use crate::envelope::Message;
use crate::store::HqStore;
use crate::{consolidate, HqError, Outcome};
use std::future::Future;

/// One delivered message, to acknowledge once applied.
pub trait Delivery: Send {
    /// The message.
    fn message(&self) -> &Message;
    /// Acknowledges it (a double ack on JetStream).
    fn ack(self) -> impl Future<Output = Result<(), HqError>> + Send;
    /// Ends its deliveries (a `term` on JetStream): it failed a check and must not come
    /// back; [`run`] has stored it in HQ's `hq_parked` for an operator first.
    fn park(self, why: String) -> impl Future<Output = Result<(), HqError>> + Send;
}

/// Where deliveries come from.
pub trait Source: Send {
    /// The delivery type.
    type Delivery: Delivery;
    /// The next delivery; none when the source is closed.
    fn next(&mut self) -> impl Future<Output = Option<Self::Delivery>> + Send;
    /// The next delivery if the source already holds one, without waiting; none otherwise.
    /// A source that cannot tell delivers one at a time.
    fn next_ready(&mut self) -> Option<Self::Delivery> {
        None
    }
}

/// The most messages applied in one transaction.
pub const BATCH: usize = 100;

/// What a run did, by outcome.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Applied (first or replacing).
    pub applied: u64,
    /// Duplicates, stale revisions and redeliveries: nothing changed.
    pub unchanged: u64,
    /// Same revision with other figures.
    pub conflicts: u64,
    /// Refused and parked.
    pub parked: u64,
}

/// Consumes `source` until it closes. A database error stops the run without
/// acknowledging: the source redelivers after a restart. A refused message is stored in
/// `hq_parked` and then terminated, never applied.
pub async fn run<S: Source>(store: &HqStore, mut source: S) -> Result<Tally, HqError> {
    let mut tally = Tally::default();
    while let Some(first) = source.next().await {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match source.next_ready() {
                Some(delivery) => batch.push(delivery),
                None => break,
            }
        }
        let messages: Vec<Message> = batch.iter().map(|d| d.message().clone()).collect();
        // A database error returns before any acknowledgement: the whole batch comes again.
        let outcomes = consolidate::receive_batch(store, &messages).await?;
        let mut acks = Vec::with_capacity(batch.len());
        for (delivery, outcome) in batch.into_iter().zip(outcomes) {
            match outcome {
                Ok(outcome) => {
                    match outcome {
                        Outcome::First | Outcome::Replaced => tally.applied += 1,
                        Outcome::Conflict => tally.conflicts += 1,
                        Outcome::Duplicate | Outcome::Stale | Outcome::AlreadyApplied => tally.unchanged += 1,
                    }
                    acks.push(delivery.ack());
                }
                Err(err @ (HqError::Rejected { .. } | HqError::UnknownVersion(_))) => {
                    tracing::warn!(error = %err, node = ?delivery.message().node(), "message parked");
                    let m = delivery.message();
                    store.park(&m.subject, &err.to_string(), &m.payload, &crate::enrol::now_precise()).await?;
                    tally.parked += 1;
                    delivery.park(err.to_string()).await?;
                }
                Err(err) => return Err(err),
            }
        }
        for acked in futures::future::join_all(acks).await {
            acked?;
        }
    }
    Ok(tally)
}
