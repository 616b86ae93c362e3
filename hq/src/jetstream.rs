//! The consolidator on JetStream (research §6.2): `HQ_AGG` sources each enrolled node's
//! stream, filtered to `partage.<node>.agg.>` (what a node sends HQ, never its movements),
//! and the durable pull consumer `hq-consolidator`, explicit ack, feeds
//! [`crate::consumer::run`]: verify, apply with the inbox row in one transaction, then
//! `double_ack`; a refused message is stored in `hq_parked` and terminated.

use crate::consumer::{Delivery, Source};
use crate::envelope::Message;
use crate::store::HqStore;
use crate::HqError;
use futures::StreamExt;
use partage_federation::async_nats;
use partage_federation::async_nats::jetstream::consumer::pull::{Config as PullConfig, Stream as Messages};
use partage_federation::async_nats::jetstream::consumer::{AckPolicy, DeliverPolicy, PullConsumer};
use partage_federation::async_nats::jetstream::{AckKind, Context};
use partage_federation::NodeId;
use std::time::Duration;
use tokio::sync::watch;

/// HQ's stream of the nodes' period figures.
pub const STREAM: &str = "HQ_AGG";
/// The consolidator's durable consumer.
pub const DURABLE: &str = "hq-consolidator";

fn nats(e: impl std::fmt::Display) -> HqError {
    HqError::Nats(e.to_string())
}

/// Creates `name` sourcing `nodes`' aggregates, or brings an existing one's sources up to
/// `nodes` (a node enrolled since the last start). Its messages are never replaced. An
/// existing stream is first repaired (`stream::repair_sources`): a source a resume left out,
/// a placeholder subject it left in, when the previous run stopped between its two updates.
pub async fn ensure_stream(js: &Context, name: &str, nodes: &[NodeId]) -> Result<(), HqError> {
    let config = partage_federation::stream::hq_stream(name, nodes, "agg.>");
    match js.get_stream(name).await {
        Ok(_) => {
            let repaired = partage_federation::stream::repair_sources(js, &config).await.map_err(nats)?;
            log_repaired(&repaired);
            let mut stream = js.get_stream(name).await.map_err(nats)?;
            let info = stream.info().await.map_err(nats)?;
            let have: Vec<String> = info.config.sources.iter().flatten().map(|s| s.name.clone()).collect();
            let want: Vec<String> = config.sources.iter().flatten().map(|s| s.name.clone()).collect();
            if have != want {
                tracing::info!(?have, ?want, "HQ stream: sources updated");
                js.update_stream(config).await.map_err(nats)?;
            }
        }
        Err(_) => {
            js.create_stream(config).await.map_err(nats)?;
        }
    }
    Ok(())
}

/// Says what a repair of HQ's stream put back, if anything.
fn log_repaired(repaired: &partage_federation::stream::Repaired) {
    if !repaired.is_empty() {
        tracing::warn!(
            added = ?repaired.added,
            placeholder_removed = repaired.placeholder_removed,
            "HQ stream: repaired what an interrupted resume left (sources added back, placeholder dropped)"
        );
    }
}

/// The durable consumer of `stream`: explicit acks, redelivered after `ack_wait` unacknowledged.
pub async fn consumer(js: &Context, stream: &str, ack_wait: Duration) -> Result<PullConsumer, HqError> {
    let stream = js.get_stream(stream).await.map_err(nats)?;
    let config = PullConfig {
        durable_name: Some(DURABLE.to_owned()),
        ack_policy: AckPolicy::Explicit,
        deliver_policy: DeliverPolicy::All,
        ack_wait,
        ..Default::default()
    };
    stream.get_or_create_consumer(DURABLE, config).await.map_err(nats)
}

/// A JetStream message and its parts.
pub struct JetStreamDelivery {
    message: Message,
    raw: async_nats::jetstream::Message,
}

impl JetStreamDelivery {
    /// The delivery of a JetStream message.
    pub fn new(raw: async_nats::jetstream::Message) -> Self {
        let message = Message {
            subject: raw.subject.to_string(),
            headers: raw.headers.clone().unwrap_or_default(),
            payload: raw.payload.to_vec(),
        };
        JetStreamDelivery { message, raw }
    }
}

impl Delivery for JetStreamDelivery {
    fn message(&self) -> &Message {
        &self.message
    }

    async fn ack(self) -> Result<(), HqError> {
        // A lost ack costs a redelivery, which the inbox absorbs: log it and go on.
        if let Err(e) = self.raw.double_ack().await {
            tracing::warn!(subject = %self.message.subject, error = %e, "ack failed; it will be redelivered");
        }
        Ok(())
    }

    async fn park(self, why: String) -> Result<(), HqError> {
        if let Err(e) = self.raw.ack_with(AckKind::Term).await {
            tracing::warn!(subject = %self.message.subject, error = %e, %why, "term failed; it will be parked again");
        }
        Ok(())
    }
}

/// The consumer's messages until `stop` turns true; pulls again after an interruption.
pub struct JetStreamSource {
    consumer: PullConsumer,
    messages: Option<Messages>,
    stop: watch::Receiver<bool>,
}

impl JetStreamSource {
    /// Reads `consumer` until `stop` says true.
    pub fn new(consumer: PullConsumer, stop: watch::Receiver<bool>) -> Self {
        JetStreamSource { consumer, messages: None, stop }
    }
}

impl Source for JetStreamSource {
    type Delivery = JetStreamDelivery;

    async fn next(&mut self) -> Option<JetStreamDelivery> {
        loop {
            if *self.stop.borrow() {
                return None;
            }
            let messages = match &mut self.messages {
                Some(m) => m,
                None => match self.consumer.messages().await {
                    Ok(m) => self.messages.insert(m),
                    Err(e) => {
                        tracing::warn!(error = %e, "HQ consolidator: pull failed; retrying");
                        tokio::select! {
                            _ = self.stop.changed() => {}
                            () = tokio::time::sleep(Duration::from_millis(200)) => {}
                        }
                        continue;
                    }
                },
            };
            tokio::select! {
                _ = self.stop.changed() => {}
                next = messages.next() => match next {
                    Some(Ok(raw)) => return Some(JetStreamDelivery::new(raw)),
                    Some(Err(e)) => {
                        tracing::debug!(error = %e, "HQ consolidator: pull interrupted");
                        self.messages = None;
                    }
                    None => self.messages = None,
                },
            }
        }
    }

    fn next_ready(&mut self) -> Option<JetStreamDelivery> {
        use futures::FutureExt;
        if *self.stop.borrow() {
            return None;
        }
        // The pull stream keeps what the server sent ahead of the caller: take it if there.
        match self.messages.as_mut()?.next().now_or_never()? {
            Some(Ok(raw)) => Some(JetStreamDelivery::new(raw)),
            Some(Err(e)) => {
                tracing::debug!(error = %e, "HQ consolidator: pull interrupted");
                self.messages = None;
                None
            }
            None => {
                self.messages = None;
                None
            }
        }
    }
}

/// How `partage hq serve` reaches the hub.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The hub's nats-server (`127.0.0.1:4222`).
    pub url: String,
    /// Its `hq` user.
    pub user: String,
    /// Its password.
    pub password: String,
    /// The stream ([`STREAM`]).
    pub stream: String,
    /// How long an unacknowledged message waits before it is redelivered.
    pub ack_wait: Duration,
    /// How often the enrolled nodes are read again, so a node enrolled while HQ runs is
    /// sourced without a restart ([`SOURCES_EVERY`] by default).
    pub sources_every: Duration,
}

/// How often `partage hq serve` looks for nodes enrolled since it started: an enrolment is
/// rare, and reading the enrolled nodes is one small query.
pub const SOURCES_EVERY: Duration = Duration::from_secs(10);

/// Connects to the hub, makes the stream source every enrolled node, and consolidates
/// until `stop` turns true. A database error ends the run unacknowledged.
pub async fn consolidate(
    store: &HqStore,
    settings: &Settings,
    stop: watch::Receiver<bool>,
) -> Result<crate::consumer::Tally, HqError> {
    let client = async_nats::ConnectOptions::with_user_and_password(settings.user.clone(), settings.password.clone())
        .retry_on_initial_connect()
        .max_reconnects(None)
        .connect(settings.url.as_str())
        .await
        .map_err(nats)?;
    let js = async_nats::jetstream::new(client);
    let mut stop_wait = stop.clone();
    let nodes = loop {
        let nodes = enrolled(store).await?;
        // A stream needs a source: wait for the first enrolment.
        if !nodes.is_empty() {
            break nodes;
        }
        tracing::info!("HQ consolidator: no node enrolled yet");
        tokio::select! {
            _ = stop_wait.changed() => return Ok(crate::consumer::Tally::default()),
            () = tokio::time::sleep(settings.sources_every) => {}
        }
    };
    ensure_stream(&js, &settings.stream, &nodes).await?;
    let consumer = consumer(&js, &settings.stream, settings.ack_wait).await?;
    let watcher = tokio::spawn(follow_enrolments(store.clone(), js, settings.clone(), nodes, stop.clone()));
    let tally = crate::consumer::run(store, JetStreamSource::new(consumer, stop)).await;
    watcher.abort();
    tally
}

/// The enrolled nodes, as node ids.
async fn enrolled(store: &HqStore) -> Result<Vec<NodeId>, HqError> {
    let mut nodes = Vec::new();
    for n in store.nodes().await? {
        nodes.push(NodeId::new(&n.node).map_err(|e| HqError::Corrupt(format!("enrolled node {}: {e}", n.node)))?);
    }
    Ok(nodes)
}

/// Adds a source to the stream for each node enrolled while HQ runs. The consumer reads the
/// stream, not the sources, so it needs no restart; a failure (the hub away) is retried at
/// the next look, since the enrolment stays in the store. At each look it also sets up
/// again a source not heard from for a look's time (`stream::resume_stalled`): after an
/// office's link was down, nats-server tries its source again only at the end of a backoff
/// that grows from 10 s, so HQ would lag an office that is long back (docs/performance.md,
/// "HQ's catch-up"). Before that it repairs the stream against the nodes it sources
/// (`stream::supervise_sources`): a resume cut between its two updates leaves a source out,
/// which nothing else would ever put back.
async fn follow_enrolments(
    store: HqStore,
    js: Context,
    settings: Settings,
    mut sourced: Vec<NodeId>,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            _ = stop.changed() => return,
            () = tokio::time::sleep(settings.sources_every) => {}
        }
        let expected = partage_federation::stream::hq_stream(&settings.stream, &sourced, "agg.>");
        match partage_federation::stream::supervise_sources(&js, &expected, settings.sources_every).await {
            Ok(looked) => {
                log_repaired(&looked.repaired);
                if !looked.resumed.is_empty() {
                    tracing::info!(resumed = ?looked.resumed, "HQ consolidator: stalled sources set up again")
                }
            }
            Err(e) => tracing::warn!(error = %e, "HQ consolidator: stalled sources not resumed"),
        }
        let nodes = match enrolled(&store).await {
            Ok(nodes) => nodes,
            Err(e) => {
                tracing::warn!(error = %e, "HQ consolidator: enrolled nodes not read");
                continue;
            }
        };
        if nodes == sourced {
            continue;
        }
        match ensure_stream(&js, &settings.stream, &nodes).await {
            Ok(()) => sourced = nodes,
            Err(e) => tracing::warn!(error = %e, "HQ consolidator: a newly enrolled node not sourced yet"),
        }
    }
}
