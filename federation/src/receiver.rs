//! Receivers: verify each message, apply it once, then acknowledge it.
//!
//! The [`Handler`] is the receiving side's own code (HQ's consolidation, a
//! node's inbox) and must apply an event in the same transaction as an inbox
//! row keyed by its event id, so a redelivery, a duplicate stored twice or a
//! replayed old event changes nothing. Only then is the message acknowledged
//! (`double_ack`: the server confirmed it), so a crash between the commit and
//! the ack costs one redelivery, which the inbox absorbs.

use crate::envelope::{verify, Refusal, Verified};
use crate::TrustStore;
use async_nats::jetstream::consumer::pull::Config as PullConfig;
use async_nats::jetstream::consumer::{AckPolicy, DeliverPolicy, PullConsumer};
use async_nats::jetstream::message::Message;
use async_nats::jetstream::AckKind;
use futures::future::BoxFuture;
use futures::StreamExt;
use std::sync::Arc;
use std::time::Duration;

/// An error of the receiving side's storage, whatever it is.
pub type HandlerError = Box<dyn std::error::Error + Send + Sync>;

/// What applying an event did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    /// First time: applied, with its inbox row.
    Applied,
    /// Its event id was already in the inbox: nothing changed.
    Duplicate,
}

/// The receiving side's code: apply once, keep what was refused.
pub trait Handler: Send + Sync {
    /// Applies `event` and records its event id in the same transaction;
    /// returns [`Applied::Duplicate`] without change when the id is known.
    fn apply<'a>(&'a self, event: &'a Verified) -> BoxFuture<'a, Result<Applied, HandlerError>>;

    /// A message that failed verification or has an unknown event version:
    /// keep it for a person to look at (an unknown version is parked until the
    /// build that reads it, never dropped), with its `Partage-Sig` header when it had
    /// one, so that it can be checked again later (a key enrolled since, a build that
    /// reads its version). The message is then acknowledged.
    fn refused<'a>(
        &'a self,
        subject: &'a str,
        signature: Option<&'a str>,
        refusal: &'a Refusal,
        payload: &'a [u8],
    ) -> BoxFuture<'a, Result<(), HandlerError>>;
}

/// What happened to one message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Verified and applied, or recognised as a duplicate.
    Applied(Applied),
    /// Refused by verification, kept by the handler.
    Refused(Refusal),
    /// The handler failed: not acknowledged, redelivered later.
    Failed(String),
}

/// A durable pull consumer of explicit acks on `stream`.
pub async fn consumer(
    js: &async_nats::jetstream::Context,
    stream: &str,
    durable: &str,
) -> Result<PullConsumer, async_nats::Error> {
    let stream = js.get_stream(stream).await?;
    let config = PullConfig {
        durable_name: Some(durable.to_owned()),
        ack_policy: AckPolicy::Explicit,
        deliver_policy: DeliverPolicy::All,
        ack_wait: Duration::from_secs(30),
        ..Default::default()
    };
    Ok(stream.get_or_create_consumer(durable, config).await?)
}

/// A receiver: trust store and handler.
#[derive(Clone)]
pub struct Receiver {
    trust: Arc<TrustStore>,
    handler: Arc<dyn Handler>,
}

impl Receiver {
    /// A receiver checking against `trust` and applying with `handler`.
    pub fn new(trust: Arc<TrustStore>, handler: Arc<dyn Handler>) -> Self {
        Receiver { trust, handler }
    }

    /// Verifies and applies one message's parts; does not acknowledge.
    pub async fn handle_parts(
        &self,
        subject: &str,
        headers: Option<&async_nats::HeaderMap>,
        payload: &[u8],
    ) -> Outcome {
        let empty = async_nats::HeaderMap::new();
        let verified = verify(&self.trust, subject, headers.unwrap_or(&empty), payload);
        match verified {
            Ok(v) => match self.handler.apply(&v).await {
                Ok(applied) => Outcome::Applied(applied),
                Err(e) => Outcome::Failed(e.to_string()),
            },
            Err(refusal) => {
                tracing::warn!(subject, %refusal, "federation message refused");
                let signature = headers.and_then(|h| h.get(crate::envelope::SIG)).map(|v| v.as_str());
                match self.handler.refused(subject, signature, &refusal, payload).await {
                    Ok(()) => Outcome::Refused(refusal),
                    Err(e) => Outcome::Failed(e.to_string()),
                }
            }
        }
    }

    /// Handles one JetStream message and acknowledges it unless the handler failed.
    pub async fn handle(&self, message: &Message) -> Outcome {
        let outcome = self.handle_parts(message.subject.as_str(), message.headers.as_ref(), &message.payload).await;
        let ack = match &outcome {
            Outcome::Applied(_) | Outcome::Refused(_) => message.double_ack().await,
            Outcome::Failed(_) => message.ack_with(AckKind::Nak(Some(Duration::from_secs(1)))).await,
        };
        if let Err(e) = ack {
            // The inbox makes the redelivery that follows harmless.
            tracing::warn!(subject = %message.subject, error = %e, "ack failed; the message will be redelivered");
        }
        outcome
    }

    /// Consumes `consumer` until `stop` resolves, reconnecting its pull after errors.
    pub async fn run(&self, consumer: PullConsumer, stop: impl std::future::Future<Output = ()>) {
        tokio::pin!(stop);
        loop {
            let mut messages = match consumer.messages().await {
                Ok(m) => m,
                Err(e) => {
                    tracing::warn!(error = %e, "receiver: pull failed; retrying");
                    tokio::select! {
                        () = &mut stop => return,
                        () = tokio::time::sleep(Duration::from_millis(200)) => continue,
                    }
                }
            };
            loop {
                tokio::select! {
                    () = &mut stop => return,
                    next = messages.next() => match next {
                        Some(Ok(message)) => {
                            self.handle(&message).await;
                        }
                        Some(Err(e)) => {
                            tracing::debug!(error = %e, "receiver: pull interrupted");
                            break;
                        }
                        None => break,
                    }
                }
            }
        }
    }
}
