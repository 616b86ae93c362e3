//! The federation relay in the node: started beside the HTTP server when
//! `[federation]` is configured, stopped with it.
//!
//! The same task publishes the current and previous month's period figures at start and
//! then daily (`service::figures`).
//!
//! A task of its own rather than a job of `jobs.rs`: a job is finite work
//! resumed at chunk boundaries and counted against the runner's concurrency,
//! while the relay runs for the node's whole life, alone, and keeps its
//! progress in the outbox itself (`outbox_sequence.sent`), so a restart needs
//! no job row to resume from.
//!
//! [`spawn_prune`] keeps the outbox from growing with history: rows the stream
//! acknowledged more than `federation.outbox_retention_days` ago are deleted, a
//! chunk per transaction. A node outside a federation prunes nothing: its outbox
//! is the only copy of the events a later join publishes, from sequence 1.

use crate::service::Node;
use crate::storage::outbox::SqlOutbox;
use anyhow::Context;
use partage_federation::async_nats;
use partage_federation::relay::{Relay, RelaySettings, RelayStatus};
use partage_federation::stream::NodeStreamLimits;
use partage_federation::NodeKey;
use std::sync::Arc;
use tokio::sync::{oneshot, watch};

/// A running relay.
pub struct Running {
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
    /// What it has sent.
    pub status: watch::Receiver<RelayStatus>,
}

impl Running {
    /// Stops the relay after its current step.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

/// Starts the relay if the node is in a federation. The NATS server need not
/// be up: the client keeps dialling, and the outbox keeps the events meanwhile.
pub async fn start(node: &Node) -> anyhow::Result<Option<Running>> {
    let Some(f) = node.settings.federation.clone() else {
        return Ok(None);
    };
    let key = NodeKey::load(&f.key_file).with_context(|| "federation.key_file".to_owned())?;
    anyhow::ensure!(
        key.node() == &f.node,
        "federation.key_file {} is node {}'s key, but federation.node is {}",
        f.key_file.display(),
        key.node(),
        f.node
    );
    let client = async_nats::ConnectOptions::with_user_and_password(f.user.clone(), f.password.clone())
        .retry_on_initial_connect()
        .max_reconnects(None)
        .connect(f.url.as_str())
        .await
        .with_context(|| format!("federation.url {}", f.url))?;
    let js = async_nats::jetstream::new(client);
    // Transfers: the other offices' keys, when configured, open the node's inbox.
    let peers = match &f.peers_file {
        Some(path) => {
            Some(partage_federation::TrustStore::load(path).with_context(|| "federation.peers_file".to_owned())?)
        }
        None => None,
    };
    let inbox_js = js.clone();
    let inbox_node = node.clone();
    let me = f.node.clone();
    let settings = RelaySettings {
        limits: NodeStreamLimits { max_bytes: f.stream_max_bytes, ..NodeStreamLimits::default() },
        ..RelaySettings::default()
    };
    let relay = Relay::new(js, Arc::new(key), Arc::new(SqlOutbox::new(node.clone())), settings);
    let status = relay.status();
    let (stop, stopped) = oneshot::channel::<()>();
    tracing::info!(node = %f.node, url = %f.url, "federation relay starting");
    let daily = node.clone();
    let task = tokio::spawn(async move {
        let relay = relay.run(async move {
            let _ = stopped.await;
        });
        // The daily pass of the period figures lives and dies with the relay: a node
        // outside a federation has no HQ to send them to.
        let inbox = async move {
            match peers {
                Some(peers) => receive_inbox(inbox_js, inbox_node, me, peers).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            () = relay => {}
            () = publish_daily(daily) => {}
            () = inbox => {}
        }
    });
    Ok(Some(Running { stop, task, status }))
}

/// Consumes the node's inbox (`INBOX_<CC>`, sourcing what each peer addressed to this
/// node): each message verified against the peers' enrolled keys and applied once by
/// `NodeInbox`, then acknowledged. First retries the messages an earlier build parked as
/// unreadable (`parked::retry_unreadable`: once per build that reads other events), then
/// sets the stream and its durable consumer up, retrying while the server is away. Never
/// returns.
async fn receive_inbox(
    js: async_nats::jetstream::Context,
    node: Node,
    me: partage_federation::NodeId,
    peers: partage_federation::TrustStore,
) {
    use partage_federation::receiver::{consumer, Receiver};
    match crate::service::parked::retry_unreadable(&node).await {
        Ok(done) => {
            for r in done {
                tracing::info!(id = %r.id, outcome = %r.outcome, reason = ?r.reason,
                    "parked message an earlier build could not read retried at start");
            }
        }
        Err(e) => tracing::warn!(error = %e, "parked messages not retried at start; an admin can retry them"),
    }
    let config = partage_federation::stream::inbox_stream(&me, &peers.nodes());
    let consumer = loop {
        let ready = async {
            js.get_or_create_stream(config.clone()).await?;
            // A resume cut between its two updates (`stream::resume`) left a peer's source
            // out, or the placeholder subject in: say so; the update below puts it right.
            let repaired = partage_federation::stream::repair_sources(&js, &config).await?;
            if !repaired.is_empty() {
                tracing::warn!(added = ?repaired.added, placeholder_removed = repaired.placeholder_removed,
                    "node inbox: repaired what an interrupted resume left");
            }
            // Peers enrolled since the stream was made are sourced too.
            js.update_stream(config.clone()).await?;
            consumer(&js, &config.name, "node-inbox").await
        };
        match ready.await {
            Ok(c) => break c,
            Err(e) => {
                tracing::warn!(error = %e, "node inbox not ready; retrying in 5 s");
                tokio::time::sleep(std::time::Duration::from_secs(5)).await;
            }
        }
    };
    tracing::info!(stream = %config.name, "node inbox consuming");
    let receiver = Receiver::new(Arc::new(peers), Arc::new(crate::inbox::NodeInbox::new(node)));
    receiver.run(consumer, std::future::pending()).await;
}

/// Publishes the current and the previous month's figures now and then every 24 hours
/// (`figures::publish_recent`: unchanged figures send nothing). Never returns.
async fn publish_daily(node: Node) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(24 * 3600));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match crate::service::figures::publish_recent(&node).await {
            Ok(done) => {
                for p in done.iter().filter(|p| p.changed) {
                    tracing::info!(period = %p.figures.period, revision = p.figures.revision, "period figures published");
                }
            }
            Err(e) => tracing::warn!(error = %e, "period figures not published; next pass in 24 h"),
        }
    }
}

/// Outbox rows deleted per transaction: one short write lock each, as the roll-up's.
const PRUNE_CHUNK: u64 = 500;

/// Deletes the outbox rows acknowledged more than `retention_days` ago, a chunk per
/// transaction; returns how many. Rows not yet acknowledged are never deleted.
pub async fn prune_outbox(node: &Node, retention_days: u32) -> Result<u64, crate::error::AppError> {
    let before = node.instant() - chrono::Duration::days(i64::from(retention_days));
    let mut deleted = 0;
    loop {
        let txn = node.store.write().await?;
        let n = crate::storage::outbox::prune(&*txn, before, PRUNE_CHUNK).await?;
        txn.commit().await?;
        deleted += n;
        if n < PRUNE_CHUNK {
            return Ok(deleted);
        }
    }
}

/// Prunes the outbox now, then every hour while the node serves, if the node is in a
/// federation (outside one, nothing is ever acknowledged, so nothing would go).
pub fn spawn_prune(node: Node) {
    let Some(retention) = node.settings.federation.as_ref().map(|f| f.outbox_retention_days) else {
        return;
    };
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            match prune_outbox(&node, retention).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, "acknowledged outbox rows deleted"),
                Err(e) => tracing::warn!(error = %e, "outbox not pruned; next try in an hour"),
            }
            // The same hourly pass cancels member transfers whose offer expired: the
            // cancel wins over an acceptance that comes later (service::transfers).
            match crate::service::transfers::expire_due(&node).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(cancelled = n, "expired transfer offers cancelled"),
                Err(e) => tracing::warn!(error = %e, "expired transfer offers not cancelled; next try in an hour"),
            }
            // And deletes the posting notices other offices sent past their retention.
            match crate::service::postings::expire_due(&node).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, "posting notices past their retention deleted"),
                Err(e) => tracing::warn!(error = %e, "posting notices not deleted; next try in an hour"),
            }
        }
    });
}

/// What `partage federation` does.
pub enum Command {
    /// Make a key and print its public half.
    Key {
        /// Node id.
        node: String,
        /// Key id.
        key_id: String,
        /// Key file.
        out: std::path::PathBuf,
    },
    /// Write the nats-server configurations.
    Config {
        /// The hub's address.
        hub_host: String,
        /// The offices.
        nodes: Vec<String>,
        /// JetStream's directory on each server.
        store_root: std::path::PathBuf,
        /// Output directory.
        out: std::path::PathBuf,
    },
}

/// Runs `partage federation <command>`.
pub fn command(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Key { node, key_id, out } => {
            let node = partage_federation::NodeId::new(&node).context("--node")?;
            anyhow::ensure!(!out.exists(), "{} exists: a key is never overwritten", out.display());
            let key = NodeKey::generate(node, &key_id)?;
            key.save(&out)?;
            let mut trust = partage_federation::TrustStore::new();
            trust.add(key.public()).map_err(anyhow::Error::msg)?;
            eprintln!("key written to {}; give HQ this entry for its trust store:", out.display());
            print!("{}", trust.to_toml());
            Ok(())
        }
        Command::Config { hub_host, nodes, store_root, out } => {
            let nodes = nodes
                .iter()
                .map(|n| partage_federation::NodeId::new(n.trim()))
                .collect::<Result<Vec<_>, _>>()
                .context("--nodes")?;
            anyhow::ensure!(!nodes.is_empty(), "--nodes names no office");
            let topology = partage_federation::topology::Topology::generate(&hub_host, &nodes, &store_root)
                .map_err(|e| anyhow::anyhow!("no randomness for passwords: {e}"))?;
            for path in topology.write(&out)? {
                println!("{}", path.display());
            }
            Ok(())
        }
    }
}
