//! The relay: one per node, publishing the outbox in order to the node's stream.
//!
//! It reads unsent rows in sequence order, signs each envelope, publishes it
//! with the event id as `Nats-Msg-Id` and the stream's expected last sequence,
//! and marks rows sent only after JetStream acknowledged them. The expected
//! last sequence keeps the stream in outbox order even with many publishes in
//! flight: when one is refused (a full stream), every later one is refused too
//! and the batch is retried from the refused row. A crash between the ack and
//! the mark is healed at start-up by [`Relay::reconcile`], which reads the
//! stream's last event and marks everything up to it; inside the dedup window
//! JetStream would drop the second copy anyway.

use crate::envelope::{Envelope, Signed, SEQ};
use crate::stream::{ensure_node_stream, NodeStreamLimits};
use crate::{NodeId, NodeKey};
use async_nats::jetstream::context::{PublishAckFuture, PublishErrorKind};
use async_nats::jetstream::message::PublishMessage;
use async_nats::jetstream::Context;
use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Notify};

/// An error of the node's outbox storage, whatever it is.
pub type OutboxError = Box<dyn std::error::Error + Send + Sync>;

/// A row of the node's outbox, as the relay reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct OutboxRow {
    /// The node's sequence: gapless, from 1, each event after those its transaction waited for.
    pub seq: u64,
    /// The event's type name.
    pub kind: String,
    /// The event's version.
    pub version: u16,
    /// When the business write committed.
    pub occurred_at: DateTime<Utc>,
    /// The event's body.
    pub body: serde_json::Value,
}

/// The node's outbox, as the relay needs it (the node implements it on its database).
pub trait Outbox: Send + Sync {
    /// Up to `limit` unsent rows after `after`, in sequence order.
    fn unsent(&self, after: u64, limit: u32) -> BoxFuture<'_, Result<Vec<OutboxRow>, OutboxError>>;
    /// Marks every row up to `seq` sent.
    fn mark_sent(&self, seq: u64) -> BoxFuture<'_, Result<(), OutboxError>>;
    /// The highest sequence marked sent (0: none).
    fn last_sent(&self) -> BoxFuture<'_, Result<u64, OutboxError>>;
}

/// How the relay paces itself.
#[derive(Clone, Debug)]
pub struct RelaySettings {
    /// Rows read and publishes in flight at once (async-nats allows 5,000 unacknowledged).
    pub batch: u32,
    /// How long an idle relay waits before looking at the outbox again, unless woken.
    pub idle: Duration,
    /// First wait after a failure, doubled up to `max_backoff`.
    pub backoff: Duration,
    /// Longest wait after failures.
    pub max_backoff: Duration,
    /// The node stream's limits, used when the relay has to create it.
    pub limits: NodeStreamLimits,
}

impl Default for RelaySettings {
    fn default() -> Self {
        RelaySettings {
            batch: 1024,
            idle: Duration::from_millis(500),
            backoff: Duration::from_millis(50),
            max_backoff: Duration::from_secs(5),
            limits: NodeStreamLimits::default(),
        }
    }
}

/// What the relay has done, for health checks and tests.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RelayStatus {
    /// The highest sequence acknowledged by the stream and marked sent.
    pub last_sent: u64,
    /// The last failure, cleared by the next success.
    pub last_error: Option<String>,
    /// The stream's last event was behind the outbox at start-up: the stream was
    /// wiped or re-created, and HQ must be told (docs/research/federation.md §6.6.7).
    pub stream_behind: Option<(u64, u64)>,
}

/// Why the relay stopped or a step failed.
#[derive(Debug, thiserror::Error)]
pub enum RelayError {
    /// The outbox storage failed.
    #[error("outbox: {0}")]
    Outbox(OutboxError),
    /// NATS failed.
    #[error("nats: {0}")]
    Nats(String),
    /// A row could not be signed (unknown event type in the outbox).
    #[error("outbox row {seq}: {reason}")]
    Row {
        /// The row.
        seq: u64,
        /// Why.
        reason: String,
    },
}

/// The relay of one node.
pub struct Relay {
    js: Context,
    node: NodeId,
    key: Arc<NodeKey>,
    outbox: Arc<dyn Outbox>,
    settings: RelaySettings,
    wake: Arc<Notify>,
    status: watch::Sender<RelayStatus>,
    /// The stream's last sequence as this relay knows it.
    stream_last: u64,
}

impl Relay {
    /// A relay publishing `outbox` with `key` through `js` (the node's own domain).
    pub fn new(js: Context, key: Arc<NodeKey>, outbox: Arc<dyn Outbox>, settings: RelaySettings) -> Self {
        let node = key.node().clone();
        Relay {
            js,
            node,
            key,
            outbox,
            settings,
            wake: Arc::new(Notify::new()),
            status: watch::channel(RelayStatus::default()).0,
            stream_last: 0,
        }
    }

    /// Wakes the relay: call after committing an outbox row to publish it without waiting.
    pub fn waker(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    /// Follows what the relay has sent.
    pub fn status(&self) -> watch::Receiver<RelayStatus> {
        self.status.subscribe()
    }

    /// Creates the stream if absent, then marks sent every row the stream
    /// already holds: the rows a crashed relay published but did not mark.
    pub async fn reconcile(&mut self) -> Result<u64, RelayError> {
        let mut stream = ensure_node_stream(&self.js, &self.node, &self.settings.limits)
            .await
            .map_err(|e| RelayError::Nats(e.to_string()))?;
        let info = stream.info().await.map_err(|e| RelayError::Nats(e.to_string()))?;
        self.stream_last = info.state.last_sequence;
        let messages = info.state.messages;
        let mut in_stream = 0;
        if messages > 0 {
            let last = stream.get_raw_message(self.stream_last).await.map_err(|e| RelayError::Nats(e.to_string()))?;
            in_stream = last.headers.get(SEQ).and_then(|v| v.as_str().parse::<u64>().ok()).unwrap_or(0);
        }
        let last_sent = self.outbox.last_sent().await.map_err(RelayError::Outbox)?;
        if in_stream > last_sent {
            tracing::info!(node = %self.node, in_stream, last_sent, "outbox rows found in the stream: marked sent");
            self.outbox.mark_sent(in_stream).await.map_err(RelayError::Outbox)?;
        }
        // A stream whose events all aged out (`max_age`) still remembers its last
        // sequence: only a stream that never held them is behind.
        let aged_out = messages == 0 && self.stream_last > 0;
        let behind = (in_stream < last_sent && !aged_out).then_some((in_stream, last_sent));
        if let Some((stream_seq, outbox_seq)) = behind {
            // Re-publishing would not heal HQ (its source waits for the old
            // stream's sequence); HQ needs a re-snapshot, so say it loudly.
            tracing::error!(node = %self.node, stream_seq, outbox_seq, "the node stream is behind the outbox: wiped or re-created");
        }
        let sent = in_stream.max(last_sent);
        self.status.send_modify(|s| {
            s.last_sent = sent;
            s.stream_behind = behind;
        });
        Ok(sent)
    }

    /// Publishes one batch of unsent rows after `after`; returns the last sequence acknowledged.
    pub async fn publish_batch(&mut self, after: u64) -> Result<u64, RelayError> {
        let rows = self.outbox.unsent(after, self.settings.batch).await.map_err(RelayError::Outbox)?;
        if rows.is_empty() {
            return Ok(after);
        }
        let mut acks: Vec<(u64, PublishAckFuture)> = Vec::with_capacity(rows.len());
        let mut expected = self.stream_last;
        let mut failure = None;
        // Each row is signed just before it is sent: the server stores the
        // previous ones meanwhile, instead of waiting for the whole batch.
        for row in rows {
            let seq = row.seq;
            let envelope =
                Envelope::from_parts(self.node.clone(), row.seq, row.occurred_at, &row.kind, row.version, row.body);
            let s = match envelope.sign(&self.key) {
                Ok(s) => s,
                Err(e) => {
                    failure = Some(RelayError::Row { seq, reason: e.to_string() }.to_string());
                    break;
                }
            };
            match self.js.send_publish(s.subject.clone(), message(&s, expected)).await {
                Ok(ack) => {
                    acks.push((s.seq, ack));
                    expected += 1;
                }
                Err(e) => {
                    failure = Some(e.to_string());
                    break;
                }
            }
        }
        let mut acked = after;
        for (seq, ack) in acks {
            match ack.await {
                Ok(ack) if failure.is_none() => {
                    self.stream_last = ack.sequence;
                    acked = seq;
                }
                Ok(_) => {}
                Err(e) => {
                    if failure.is_none() {
                        // Every later publish expected this one's sequence: they fail too.
                        let kind = e.kind();
                        failure = Some(match kind {
                            PublishErrorKind::WrongLastSequence => format!("stream moved under the relay: {e}"),
                            _ => e.to_string(),
                        });
                    }
                }
            }
        }
        if acked > after {
            self.outbox.mark_sent(acked).await.map_err(RelayError::Outbox)?;
            self.status.send_modify(|s| {
                s.last_sent = acked;
                s.last_error = None;
            });
        }
        match failure {
            None => Ok(acked),
            Some(e) => Err(RelayError::Nats(e)),
        }
    }

    /// Runs until `stop` resolves: reconcile, then publish whatever the outbox gets.
    pub async fn run(mut self, stop: impl std::future::Future<Output = ()>) {
        tokio::pin!(stop);
        let mut backoff = self.settings.backoff;
        let mut sent: Option<u64> = None;
        loop {
            let step = match sent {
                None => self.reconcile().await,
                Some(after) => self.publish_batch(after).await,
            };
            let wait = match step {
                Ok(now) => {
                    backoff = self.settings.backoff;
                    let idle = sent == Some(now);
                    sent = Some(now);
                    if idle {
                        Some(self.settings.idle)
                    } else {
                        None
                    }
                }
                Err(e) => {
                    tracing::warn!(node = %self.node, error = %e, "relay step failed; retrying");
                    self.status.send_modify(|s| s.last_error = Some(e.to_string()));
                    // Start over from the stream's state: its last sequence may have moved.
                    let wait = backoff;
                    backoff = (backoff * 2).min(self.settings.max_backoff);
                    sent = None;
                    Some(wait)
                }
            };
            if let Some(wait) = wait {
                tokio::select! {
                    () = &mut stop => return,
                    () = self.wake.notified() => {}
                    () = tokio::time::sleep(wait) => {}
                }
            } else if futures::FutureExt::now_or_never(&mut stop).is_some() {
                return;
            }
        }
    }
}

fn message(s: &Signed, expected_last: u64) -> PublishMessage {
    let mut headers = s.headers();
    headers.insert("Nats-Expected-Last-Sequence", expected_last.to_string().as_str());
    PublishMessage::build().payload(s.payload.clone().into()).headers(headers)
}
