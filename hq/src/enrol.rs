//! Joining the group: `partage init` makes a node's key and an enrolment request;
//! `partage hq enrol` checks it and adds the key to HQ's trust store. Node keys are
//! enrolled, never learned from the wire (research §6.3).

use crate::envelope::{self, NodeKey};
use crate::store::{EnrolledNode, HqStore};
use crate::HqError;
use serde::{Deserialize, Serialize};

/// The group's countries and their currencies (ISO 3166 alpha-2 → ISO 4217).
pub const COUNTRIES: [(&str, &str); 9] = [
    ("at", "EUR"),
    ("be", "EUR"),
    ("de", "EUR"),
    ("es", "EUR"),
    ("fr", "EUR"),
    ("hu", "HUF"),
    ("it", "EUR"),
    ("nl", "EUR"),
    ("se", "SEK"),
];

/// The currency of a group country.
pub fn currency_of(country: &str) -> Option<&'static str> {
    COUNTRIES.iter().find(|(c, _)| *c == country).map(|(_, cur)| *cur)
}

/// What a node claims when it asks to join.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claims {
    /// Format version.
    pub v: u32,
    /// The node's code, its country code.
    pub node: String,
    /// The node's currency.
    pub currency: String,
    /// Its key's id.
    pub key_id: String,
    /// Its ed25519 public key, base64.
    pub public_key: String,
    /// The HQ it asks to join.
    pub hq: String,
    /// When it asked (RFC 3339).
    pub requested_at: String,
}

/// An enrolment request: the claims and their signature by the node's own key, which
/// proves the node holds the private key it enrols.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// The claims.
    pub claims: Claims,
    /// `ed25519:<key-id>:<base64>` over the claims' JSON.
    pub signature: String,
}

/// Makes a node's enrolment request.
pub fn request(key: &NodeKey, country: &str, hq: &str, requested_at: &str) -> Result<Request, HqError> {
    let currency = currency_of(country).ok_or_else(|| unknown_country(country))?;
    let claims = Claims {
        v: 1,
        node: country.to_owned(),
        currency: currency.to_owned(),
        key_id: key.key_id(),
        public_key: key.public_base64(),
        hq: hq.to_owned(),
        requested_at: requested_at.to_owned(),
    };
    let bytes = serde_json::to_vec(&claims).map_err(|e| HqError::Enrolment(e.to_string()))?;
    Ok(Request { signature: key.sign(&bytes), claims })
}

fn unknown_country(country: &str) -> HqError {
    let known: Vec<&str> = COUNTRIES.iter().map(|(c, _)| *c).collect();
    HqError::Enrolment(format!("country '{country}' is not one of the group's ({})", known.join(", ")))
}

/// Checks a request and adds its key to the trust store; true if the node is new.
pub async fn accept(store: &HqStore, request: &Request, enrolled_at: &str) -> Result<bool, HqError> {
    let c = &request.claims;
    let currency = currency_of(&c.node).ok_or_else(|| unknown_country(&c.node))?;
    if c.v != 1 {
        return Err(HqError::Enrolment(format!("request version {}", c.v)));
    }
    if c.currency != currency {
        return Err(HqError::Enrolment(format!("{} keeps its books in {currency}, not {}", c.node, c.currency)));
    }
    let key =
        envelope::public_key(&c.public_key).ok_or_else(|| HqError::Enrolment("not an ed25519 public key".into()))?;
    if envelope::key_id(key.as_bytes()) != c.key_id {
        return Err(HqError::Enrolment("the key id is not the public key's".into()));
    }
    let bytes = serde_json::to_vec(c).map_err(|e| HqError::Enrolment(e.to_string()))?;
    if envelope::signature_key_id(&request.signature) != Some(c.key_id.as_str())
        || !envelope::verify(&key, &bytes, &request.signature)
    {
        return Err(HqError::Enrolment("the request is not signed by the key it enrols".into()));
    }
    store
        .enrol(&EnrolledNode {
            node: c.node.clone(),
            currency: c.currency.clone(),
            key_id: c.key_id.clone(),
            public_key: c.public_key.clone(),
            enrolled_at: enrolled_at.to_owned(),
        })
        .await
}

/// The NATS leaf configuration of a new node (research §1.2, §6.2): its own JetStream
/// domain, a leaf link to HQ's hub as the node's leaf user. The password comes from
/// the environment, never from this file.
pub fn leaf_config(country: &str, hub_host: &str, store_dir: &str) -> String {
    format!(
        "# NATS leaf of the Partage node '{country}', written by `partage init`.\n\
         server_name: partage-{country}\n\
         listen: 127.0.0.1:4222\n\
         jetstream {{\n  domain: {country}\n  store_dir: \"{store_dir}\"\n}}\n\
         leafnodes {{\n  remotes: [\n    {{\n      url: \"nats-leaf://{hub_host}:7422\"\n      \
         account: FED\n      # user leaf_{country}; password from $PARTAGE_LEAF_PASSWORD\n    }}\n  ]\n}}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sweden_and_hungary_keep_their_currencies() {
        assert_eq!(currency_of("se"), Some("SEK"));
        assert_eq!(currency_of("hu"), Some("HUF"));
        assert_eq!(currency_of("be"), Some("EUR"));
        assert_eq!(currency_of("xx"), None);
    }
}

/// The files `partage init` wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InitFiles {
    /// The node's private key seed (mode 0600).
    pub key: std::path::PathBuf,
    /// The node's configuration file.
    pub config: std::path::PathBuf,
    /// Its NATS leaf configuration.
    pub leaf: std::path::PathBuf,
    /// The enrolment request to hand to HQ.
    pub request: std::path::PathBuf,
}

/// Makes a new office's node in `dir`: its ed25519 key, configuration file, leaf
/// configuration and enrolment request. Refuses to overwrite any of them.
pub fn init(dir: &std::path::Path, country: &str, hq: &str, now: &str) -> Result<InitFiles, HqError> {
    let country = country.to_ascii_lowercase();
    // Absolute paths: the node may be started from anywhere.
    let dir = &std::path::absolute(dir).map_err(|e| io(dir, e))?;
    let key = NodeKey::generate();
    let request = request(&key, &country, hq, now)?;
    let host = hub_host(hq).ok_or_else(|| HqError::Enrolment(format!("--hq '{hq}' is not an http(s) URL")))?;
    let files = InitFiles {
        key: dir.join("node.key"),
        config: dir.join("partage.toml"),
        leaf: dir.join("leaf.conf"),
        request: dir.join(format!("enrolment-{country}.json")),
    };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    for path in [&files.key, &files.config, &files.leaf, &files.request] {
        if path.exists() {
            return Err(HqError::Enrolment(format!(
                "{} exists: init makes a new node and overwrites nothing",
                path.display()
            )));
        }
    }
    // The key file is the federation's (node, key id, secret), which the node's relay
    // loads as `federation.key_file`; its key id is the one HQ enrols.
    let node = partage_federation::NodeId::new(&country).map_err(|e| HqError::Enrolment(e.to_string()))?;
    let federation_key = key.federation_key(node).map_err(|e| HqError::Enrolment(e.to_string()))?;
    write_secret(&files.key, "")?;
    federation_key.save(&files.key).map_err(|e| HqError::Enrolment(e.to_string()))?;
    let d = dir.display();
    let config = format!(
        "# The node of the '{country}' office, written by `partage init` at {now}.\n\
         [node]\ncountry = \"{country}\"\ndata_dir = \"{d}\"\n\n\
         [database]\nurl = \"sqlite://{d}/partage.sqlite?mode=rwc\"\n\n\
         [federation]\nnode = \"{country}\"\n# The office's leaf server (leaf.conf); its `node` user's password goes here.\n\
         url = \"127.0.0.1:4222\"\nuser = \"node\"\npassword = \"\"\n\
         hq = \"{hq}\"\nkey_file = \"{}\"\nleaf_config = \"{}\"\n",
        files.key.display(),
        files.leaf.display()
    );
    std::fs::write(&files.config, config).map_err(|e| io(&files.config, e))?;
    let leaf = leaf_config(&country, &host, &dir.join("nats").display().to_string());
    std::fs::write(&files.leaf, leaf).map_err(|e| io(&files.leaf, e))?;
    let json = serde_json::to_string_pretty(&request).map_err(|e| HqError::Enrolment(e.to_string()))?;
    std::fs::write(&files.request, json + "\n").map_err(|e| io(&files.request, e))?;
    Ok(files)
}

/// Reads an enrolment request file.
pub fn read_request(path: &std::path::Path) -> Result<Request, HqError> {
    let text = std::fs::read_to_string(path).map_err(|e| io(path, e))?;
    serde_json::from_str(&text).map_err(|e| HqError::Enrolment(format!("{}: {e}", path.display())))
}

fn io(path: &std::path::Path, e: std::io::Error) -> HqError {
    HqError::Enrolment(format!("{}: {e}", path.display()))
}

fn hub_host(hq: &str) -> Option<String> {
    let rest = hq.strip_prefix("https://").or_else(|| hq.strip_prefix("http://"))?;
    let host_port = rest.split('/').next()?;
    let host = host_port.rsplit_once(':').map_or(host_port, |(h, _)| h);
    (!host.is_empty()).then(|| host.to_owned())
}

fn write_secret(path: &std::path::Path, text: &str) -> Result<(), HqError> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| io(path, e))?;
    file.write_all(text.as_bytes()).map_err(|e| io(path, e))
}

/// The clock of parked messages (RFC 3339, UTC, microseconds: they sort in arrival order).
pub fn now_precise() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// The clock of HQ's and `init`'s own stamps (RFC 3339, UTC, seconds).
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod host_tests {
    use super::*;

    #[test]
    fn the_hub_is_the_hq_urls_host() {
        assert_eq!(hub_host("https://hq.partage.coop:8443/api").as_deref(), Some("hq.partage.coop"));
        assert_eq!(hub_host("http://10.0.0.1").as_deref(), Some("10.0.0.1"));
        assert_eq!(hub_host("hq.partage.coop"), None);
    }
}
