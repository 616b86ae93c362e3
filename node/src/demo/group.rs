//! `partage demo --group`: the federation on one machine. A hub and one leaf per office
//! (real nats-server 2.15 processes, configured by `partage_federation::topology` as a real
//! group would be), a Belgian and a French office, each built as `partage demo` builds one
//! and served with its relay, and HQ consolidating their period figures into the group
//! report. Every key is made and enrolled at HQ the way `partage init` and
//! `partage hq enrol` do it; nothing is shared in memory between the offices and HQ but
//! the NATS servers.

use super::{build, DataDir, Scale};
use crate::config::Settings;
use crate::server::Stop;
use crate::service::Node;
use anyhow::Context;
use chrono::Datelike;
use partage_federation::topology::{self, Hub, Leaf, Topology};
use partage_federation::NodeId;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::process::{Child, Command};
use tokio::sync::watch;

/// The offices of the group demo, in the order they are built and their ports taken.
pub const OFFICES: [&str; 2] = ["be", "fr"];

/// How long a nats-server may take to accept clients, and a relay to make its stream.
const READY: Duration = Duration::from_secs(60);

/// What the group demo is asked for.
pub struct Group {
    /// Members of each office.
    pub members: u32,
    /// The generator's seed (the French office takes the next one).
    pub seed: u64,
    /// Where the Belgian office listens; the French office and HQ take the next two ports
    /// (or ports the system picks, for port 0).
    pub bind: String,
}

/// A nats-server process, stopped when dropped.
struct NatsServer {
    name: String,
    child: Child,
    log: PathBuf,
}

impl NatsServer {
    /// Starts `conf` and waits until its client port accepts connections.
    async fn start(bin: &Path, name: &str, conf: &Path, port: u16, dir: &Path) -> anyhow::Result<NatsServer> {
        let log = dir.join(format!("{name}.log"));
        let child = Command::new(bin)
            .arg("-c")
            .arg(conf)
            .arg("-l")
            .arg(&log)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {} for {name}", bin.display()))?;
        let mut server = NatsServer { name: name.to_owned(), child, log };
        let started = Instant::now();
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            if let Ok(Some(status)) = server.child.try_wait() {
                anyhow::bail!("nats-server of {name} stopped ({status}); see {}", server.log.display());
            }
            if started.elapsed() > READY {
                anyhow::bail!("nats-server of {name} did not listen on {port}; see {}", server.log.display());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(server)
    }

    /// Asks it to stop (SIGKILL: its JetStream files are the demo's, removed or kept as a whole).
    async fn stop(mut self) {
        if let Err(e) = self.child.kill().await {
            tracing::warn!(server = %self.name, error = %e, "nats-server not stopped");
        }
    }
}

/// The listeners of the two offices and HQ: `bind`, then the next two ports.
async fn listeners(bind: &str) -> anyhow::Result<Vec<TcpListener>> {
    let first: std::net::SocketAddr =
        bind.parse().with_context(|| format!("--bind '{bind}' is not an address and port (127.0.0.1:8080)"))?;
    let mut out = Vec::new();
    for i in 0..=OFFICES.len() {
        let mut address = first;
        if first.port() != 0 {
            let offset = u16::try_from(i).unwrap_or(u16::MAX);
            address.set_port(
                first.port().checked_add(offset).with_context(|| format!("--bind {bind}: no port after it"))?,
            );
        }
        let listener = TcpListener::bind(address).await.with_context(|| {
            format!("cannot listen on {address} (the group demo takes --bind and the next two ports)")
        })?;
        out.push(listener);
    }
    Ok(out)
}

/// Builds and serves the group in `place` until `stop`.
pub async fn run(config: Option<&Path>, place: &DataDir, group: Group, mut stop: Stop) -> anyhow::Result<()> {
    let bin = topology::nats_server_bin().map_err(anyhow::Error::msg)?;
    let mut listeners = listeners(&group.bind).await?.into_iter();
    std::fs::create_dir_all(&place.path).with_context(|| format!("creating {}", place.path.display()))?;

    // The topology a real group writes with `partage federation config`, on this machine.
    let password = || topology::password().map_err(|e| anyhow::anyhow!("no randomness for a password: {e}"));
    let mut leaves = Vec::new();
    for code in OFFICES {
        leaves.push(Leaf {
            node: NodeId::new(code).map_err(anyhow::Error::msg)?,
            host: "127.0.0.1".into(),
            client_port: topology::free_port()?,
            store_dir: place.path.join("nats").join(code),
            leaf_password: password()?,
            node_password: password()?,
            hub_address: None,
        });
    }
    let topology = Topology {
        hub: Hub {
            host: "127.0.0.1".into(),
            client_port: topology::free_port()?,
            leaf_port: topology::free_port()?,
            store_dir: place.path.join("nats").join("hq"),
            hq_password: password()?,
        },
        leaves,
    };
    let conf_dir = place.path.join("nats");
    let confs = topology.write(&conf_dir).with_context(|| format!("writing {}", conf_dir.display()))?;
    let mut servers = Vec::new();
    let started = async {
        let hub_conf = confs.first().context("no hub configuration written")?;
        servers.push(NatsServer::start(&bin, "hub", hub_conf, topology.hub.client_port, &conf_dir).await?);
        for (leaf, conf) in topology.leaves.iter().zip(confs.iter().skip(1)) {
            servers.push(NatsServer::start(&bin, leaf.node.as_str(), conf, leaf.client_port, &conf_dir).await?);
        }
        anyhow::Ok(())
    };
    let result = tokio::select! {
        started = started => match started {
            Ok(()) => serve(config, place, &group, &topology, &mut listeners, stop).await,
            Err(e) => Err(e),
        },
        () = &mut stop => Err(anyhow::anyhow!("stopped while starting the NATS servers")),
    };
    for server in servers {
        server.stop().await;
    }
    result
}

/// HQ's store, the offices built and served, HQ consolidating: until `stop`.
async fn serve(
    config: Option<&Path>,
    place: &DataDir,
    group: &Group,
    topology: &Topology,
    listeners: &mut impl Iterator<Item = TcpListener>,
    mut stop: Stop,
) -> anyhow::Result<()> {
    let hq_dir = place.path.join("hq");
    std::fs::create_dir_all(&hq_dir)?;
    let hq_store =
        partage_hq::HqStore::open(&format!("sqlite://{}?mode=rwc", hq_dir.join("hq.sqlite").display()), None)
            .await
            .context("opening HQ's store")?;
    let (stopping, stopped) = watch::channel(false);
    let until_stopped = |mut rx: watch::Receiver<bool>| async move {
        let _ = rx.wait_for(|s| *s).await;
    };
    let mut nodes = Vec::new();
    let mut tasks = Vec::new();
    let mut lines = Vec::new();
    for (i, leaf) in topology.leaves.iter().enumerate() {
        let code = leaf.node.as_str();
        let listener = listeners.next().context("no listener left for an office")?;
        let address = listener.local_addr()?.to_string();
        let dir = place.path.join(code);
        std::fs::create_dir_all(&dir)?;
        // The office's key, enrolled at HQ as `partage init` and `partage hq enrol` do.
        let key = partage_hq::NodeKey::generate();
        let at = partage_hq::enrol::now();
        let request = partage_hq::enrol::request(&key, code, "http://127.0.0.1", &at)?;
        partage_hq::enrol::accept(&hq_store, &request, &at).await?;
        key.federation_key(leaf.node.clone())?.save(&dir.join("node.key"))?;
        let mut overrides = super::country_settings(code);
        overrides.extend([
            ("node.data_dir", dir.display().to_string()),
            ("http.bind", address.clone()),
            ("federation.node", code.to_owned()),
            ("federation.url", format!("127.0.0.1:{}", leaf.client_port)),
            ("federation.user", "node".to_owned()),
            ("federation.password", leaf.node_password.clone()),
            ("federation.key_file", "node.key".to_owned()),
        ]);
        let settings = Settings::load_with(config, &overrides)?;
        let node = Node::open(settings).await.with_context(|| format!("opening the {code} office"))?;
        let token = crate::auth::bootstrap(&node, "admin@partage.example").await?;
        let seed = group.seed.wrapping_add(u64::try_from(i).unwrap_or(0));
        let built = tokio::select! {
            built = build(&node, Scale { members: group.members, seed }) => built.map_err(anyhow::Error::from),
            () = &mut stop => Err(anyhow::anyhow!("stopped while building the {code} office")),
        };
        let summary = match built {
            Ok(summary) => summary,
            Err(e) => {
                node.store.db().clone().close().await.ok();
                return Err(e);
            }
        };
        println!("{code} office: {summary}");
        lines.push(format!("{code} office: serving http://{address}/api/v1  (token: {token})"));
        let stop: Stop = Box::pin(until_stopped(stopped.clone()));
        tasks.push(tokio::spawn(crate::server::serve_until(node.clone(), Some(listener), stop)));
        nodes.push(node);
    }

    // HQ: its API, and the consolidator on the hub once the offices' streams exist.
    let listener = listeners.next().context("no listener left for HQ")?;
    let hq_address = listener.local_addr()?.to_string();
    // HQ's first admin token, as `partage hq bootstrap` makes it: the pages' sign-in too.
    let hq_token = partage_hq::tokens::bootstrap(&hq_store, "hq@partage.example", &partage_hq::enrol::now()).await?;
    let hub_url = format!("127.0.0.1:{}", topology.hub.client_port);
    let hq = partage_hq::http::Hq {
        store: hq_store.clone(),
        coverage_floor: rust_decimal::Decimal::new(10, 2),
        now: std::sync::Arc::new(partage_hq::enrol::now),
        sign_in: std::sync::Arc::default(),
    };
    let http = tokio::spawn(partage_hq::http::serve_until(hq, listener, until_stopped(stopped.clone())));
    let settings = partage_hq::jetstream::Settings {
        url: hub_url,
        user: "hq".into(),
        password: topology.hub.hq_password.clone(),
        stream: partage_hq::jetstream::STREAM.to_owned(),
        ack_wait: Duration::from_secs(30),
        sources_every: partage_hq::jetstream::SOURCES_EVERY,
    };
    let store = hq_store.clone();
    let consolidator = tokio::spawn({
        let stopped = stopped.clone();
        let leaves = topology.leaves.clone();
        async move {
            wait_for_streams(&leaves).await?;
            partage_hq::jetstream::consolidate(&store, &settings, stopped).await.map_err(anyhow::Error::from)
        }
    });
    for line in &lines {
        println!("{line}");
    }
    // Last month: a whole month of the demo's invoices and wages.
    let today = nodes.first().context("no office built")?.today();
    let month = today.with_day(1).and_then(|d| d.pred_opt()).unwrap_or(today).format("%Y-%m");
    println!("HQ: serving http://{hq_address}/api/v1  (token: {hq_token})");
    println!("try: curl -H 'Authorization: Bearer {hq_token}' http://{hq_address}/api/v1/report/{month}");
    println!("data directory: {} ({})", place.path.display(), place.fate());

    stop.await;
    let _ = stopping.send(true);
    let mut result = Ok(());
    for task in tasks {
        match task.await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => result = Err(e),
            Err(e) => result = Err(anyhow::anyhow!("an office's server: {e}")),
        }
    }
    if let Ok(Err(e)) = http.await {
        result = Err(anyhow::Error::from(e).context("HQ's API"));
    }
    match tokio::time::timeout(Duration::from_secs(10), consolidator).await {
        Ok(Ok(Ok(tally))) => println!("HQ consolidator stopped: {tally:?}"),
        Ok(Ok(Err(e))) => tracing::warn!(error = %e, "HQ consolidator"),
        _ => {}
    }
    // Close the pools before the data directory may be removed.
    for node in nodes {
        node.store.db().clone().close().await.ok();
    }
    hq_store.db().clone().close().await.ok();
    result
}

/// Waits until every office's relay has made its stream on its leaf: HQ's stream sources them.
async fn wait_for_streams(leaves: &[Leaf]) -> anyhow::Result<()> {
    use partage_federation::async_nats;
    for leaf in leaves {
        let client = async_nats::ConnectOptions::with_user_and_password("node".into(), leaf.node_password.clone())
            .retry_on_initial_connect()
            .connect(format!("127.0.0.1:{}", leaf.client_port))
            .await?;
        let js = async_nats::jetstream::new(client);
        let started = Instant::now();
        while js.get_stream(leaf.node.stream()).await.is_err() {
            if started.elapsed() > READY {
                anyhow::bail!("the {} office's stream was not made in {READY:?}", leaf.node);
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    Ok(())
}
