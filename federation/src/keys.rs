//! Node keys and the trust store.
//!
//! Each node signs with its own ed25519 key. Its public half is enrolled at HQ
//! when the node joins and distributed as configuration (a [`TrustStore`]
//! file); a receiver never takes a key from a message, so a node that controls
//! its own NATS server still cannot speak for another.

use crate::NodeId;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Why a key or trust store could not be read or made.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The file could not be read or written.
    #[error("key file {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not the expected TOML.
    #[error("key file {path}: {message}")]
    Format {
        /// The file (or `<text>`).
        path: String,
        /// What is wrong, naming the key.
        message: String,
    },
    /// The operating system gave no randomness.
    #[error("no randomness for a new key: {0}")]
    Random(String),
}

/// A key id: names one of a node's keys, so keys can be rotated.
fn check_key_id(id: &str) -> Result<(), String> {
    // `:` separates the parts of the signature header.
    if (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        Ok(())
    } else {
        Err(format!("key_id {id:?} must be 1 to 64 letters, digits, '-' or '_'"))
    }
}

/// A node's signing key, with the id HQ enrolled it under.
pub struct NodeKey {
    node: NodeId,
    key_id: String,
    signing: SigningKey,
}

impl std::fmt::Debug for NodeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The secret never reaches a log.
        f.debug_struct("NodeKey").field("node", &self.node).field("key_id", &self.key_id).finish_non_exhaustive()
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFile {
    node: NodeId,
    key_id: String,
    /// The 32-byte seed, base64.
    secret: String,
}

impl NodeKey {
    /// A fresh key for `node` from the operating system's randomness.
    pub fn generate(node: NodeId, key_id: &str) -> Result<Self, KeyError> {
        check_key_id(key_id).map_err(|message| KeyError::Format { path: "<new>".into(), message })?;
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| KeyError::Random(e.to_string()))?;
        Ok(NodeKey { node, key_id: key_id.to_owned(), signing: SigningKey::from_bytes(&seed) })
    }

    /// A key from its 32-byte seed (tests, and keys kept elsewhere).
    pub fn from_seed(node: NodeId, key_id: &str, seed: [u8; 32]) -> Result<Self, KeyError> {
        check_key_id(key_id).map_err(|message| KeyError::Format { path: "<seed>".into(), message })?;
        Ok(NodeKey { node, key_id: key_id.to_owned(), signing: SigningKey::from_bytes(&seed) })
    }

    /// Reads a key file (`node`, `key_id`, `secret`: the base64 seed).
    pub fn load(path: &Path) -> Result<Self, KeyError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| KeyError::Io { path: name.clone(), source })?;
        let file: KeyFile =
            toml::from_str(&text).map_err(|e| KeyError::Format { path: name.clone(), message: e.to_string() })?;
        check_key_id(&file.key_id).map_err(|message| KeyError::Format { path: name.clone(), message })?;
        let seed: [u8; 32] = B64
            .decode(file.secret.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| KeyError::Format { path: name, message: "secret must be 32 bytes in base64".into() })?;
        Ok(NodeKey { node: file.node, key_id: file.key_id, signing: SigningKey::from_bytes(&seed) })
    }

    /// Writes the key file, readable by its owner only where the system allows.
    pub fn save(&self, path: &Path) -> Result<(), KeyError> {
        let name = path.display().to_string();
        let file = KeyFile {
            node: self.node.clone(),
            key_id: self.key_id.clone(),
            secret: B64.encode(self.signing.to_bytes()),
        };
        let text =
            toml::to_string(&file).map_err(|e| KeyError::Format { path: name.clone(), message: e.to_string() })?;
        std::fs::write(path, text).map_err(|source| KeyError::Io { path: name.clone(), source })?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .map_err(|source| KeyError::Io { path: name, source })?;
        }
        Ok(())
    }

    /// The node this key signs for.
    pub fn node(&self) -> &NodeId {
        &self.node
    }

    /// The id the key was enrolled under.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// What HQ enrols: node, key id and public key.
    pub fn public(&self) -> TrustedKey {
        TrustedKey {
            node: self.node.clone(),
            key_id: self.key_id.clone(),
            public_key: B64.encode(self.signing.verifying_key().to_bytes()),
        }
    }

    /// The X25519 secret of this key (RFC 7748 scalar bytes, clamped when used), for
    /// opening what other nodes sealed to it (`transfer::open`).
    pub(crate) fn x25519_secret(&self) -> [u8; 32] {
        self.signing.to_scalar_bytes()
    }

    /// The signature of `payload`, as the `Partage-Sig` header writes it.
    pub(crate) fn sign_header(&self, payload: &[u8]) -> String {
        let signature = self.signing.sign(payload);
        format!("ed25519:{}:{}", self.key_id, B64.encode(signature.to_bytes()))
    }
}

/// One enrolled public key, as the trust store file lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustedKey {
    /// The node the key speaks for.
    pub node: NodeId,
    /// Its id (several per node while a key is rotated).
    pub key_id: String,
    /// The 32-byte ed25519 public key, base64.
    pub public_key: String,
}

#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TrustFile {
    #[serde(default)]
    keys: Vec<TrustedKey>,
}

/// The public keys of the federation's nodes: node id → key id → key.
#[derive(Clone, Debug, Default)]
pub struct TrustStore {
    keys: BTreeMap<(NodeId, String), VerifyingKey>,
}

impl TrustStore {
    /// An empty store (trusts nobody).
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads `[[keys]]` entries (`node`, `key_id`, `public_key`) from TOML text.
    pub fn from_toml(text: &str) -> Result<Self, KeyError> {
        Self::parse(text, "<text>")
    }

    /// Reads a trust store file.
    pub fn load(path: &Path) -> Result<Self, KeyError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| KeyError::Io { path: name.clone(), source })?;
        Self::parse(&text, &name)
    }

    fn parse(text: &str, name: &str) -> Result<Self, KeyError> {
        let file: TrustFile =
            toml::from_str(text).map_err(|e| KeyError::Format { path: name.to_owned(), message: e.to_string() })?;
        let mut store = TrustStore::new();
        for (i, key) in file.keys.into_iter().enumerate() {
            store.add(key).map_err(|message| KeyError::Format {
                path: name.to_owned(),
                message: format!("keys[{i}]: {message}"),
            })?;
        }
        Ok(store)
    }

    /// Adds an enrolled key; refuses a malformed one or a second key under the same id.
    pub fn add(&mut self, key: TrustedKey) -> Result<(), String> {
        check_key_id(&key.key_id)?;
        let bytes: [u8; 32] = B64
            .decode(key.public_key.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| format!("public_key of {}/{} must be 32 bytes in base64", key.node, key.key_id))?;
        let verifying =
            VerifyingKey::from_bytes(&bytes).map_err(|e| format!("public_key of {}/{}: {e}", key.node, key.key_id))?;
        match self.keys.entry((key.node.clone(), key.key_id.clone())) {
            std::collections::btree_map::Entry::Occupied(_) => {
                Err(format!("key {}/{} listed twice", key.node, key.key_id))
            }
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert(verifying);
                Ok(())
            }
        }
    }

    /// The store as TOML, the form [`TrustStore::load`] reads.
    pub fn to_toml(&self) -> String {
        let keys = self
            .keys
            .iter()
            .map(|((node, key_id), k)| TrustedKey {
                node: node.clone(),
                key_id: key_id.clone(),
                public_key: B64.encode(k.to_bytes()),
            })
            .collect();
        toml::to_string(&TrustFile { keys }).unwrap_or_default()
    }

    /// The nodes with at least one key.
    pub fn nodes(&self) -> Vec<NodeId> {
        let mut nodes: Vec<NodeId> = self.keys.keys().map(|(n, _)| n.clone()).collect();
        nodes.dedup();
        nodes
    }

    /// The key to seal a message to `node` with: its key of the highest id (while a
    /// key is rotated, the new one is enrolled under a higher id).
    pub(crate) fn sealing_key(&self, node: &NodeId) -> Option<(&str, &VerifyingKey)> {
        self.keys.iter().rfind(|((n, _), _)| n == node).map(|((_, id), k)| (id.as_str(), k))
    }

    /// Checks `signature` (raw bytes) over `payload` with `node`'s key `key_id`.
    pub(crate) fn check(
        &self,
        node: &NodeId,
        key_id: &str,
        payload: &[u8],
        signature: &[u8],
    ) -> Result<(), SignatureProblem> {
        let key = self.keys.get(&(node.clone(), key_id.to_owned())).ok_or(SignatureProblem::UnknownKey)?;
        let signature = Signature::from_slice(signature).map_err(|_| SignatureProblem::Malformed)?;
        key.verify(payload, &signature).map_err(|_| SignatureProblem::Invalid)?;
        // Strict verification refuses the malleable and small-order forms too.
        key.verify_strict(payload, &signature).map_err(|_| SignatureProblem::Invalid)
    }
}

/// Why a signature was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SignatureProblem {
    UnknownKey,
    Malformed,
    Invalid,
}

/// Keys the crate's unit tests share.
#[cfg(test)]
pub(crate) mod testing {
    use super::{NodeKey, TrustStore};
    use crate::NodeId;

    /// The Belgian and French offices' keys (fixed seeds), each enrolled in one trust store.
    #[allow(clippy::unwrap_used)]
    pub(crate) fn belgium_and_france() -> (NodeKey, NodeKey, TrustStore) {
        let be = NodeKey::from_seed(NodeId::new("be").unwrap(), "be-1", [1; 32]).unwrap();
        let fr = NodeKey::from_seed(NodeId::new("fr").unwrap(), "fr-1", [2; 32]).unwrap();
        let mut trust = TrustStore::new();
        trust.add(be.public()).unwrap();
        trust.add(fr.public()).unwrap();
        (be, fr, trust)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str) -> NodeId {
        NodeId::new(id).unwrap()
    }

    #[test]
    fn a_saved_key_signs_as_the_enrolled_public_key_verifies() {
        let dir = std::env::temp_dir().join(format!("partage-key-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let key = NodeKey::generate(node("be"), "be-1").unwrap();
        key.save(&dir.join("be.key")).unwrap();
        let again = NodeKey::load(&dir.join("be.key")).unwrap();
        let store = TrustStore::from_toml(&format!(
            "[[keys]]\nnode = \"be\"\nkey_id = \"be-1\"\npublic_key = \"{}\"\n",
            key.public().public_key
        ))
        .unwrap();
        let header = again.sign_header(b"payload");
        let sig = B64.decode(header.rsplit(':').next().unwrap()).unwrap();
        assert_eq!(store.check(&node("be"), "be-1", b"payload", &sig), Ok(()));
        assert_eq!(store.check(&node("be"), "be-1", b"payloae", &sig), Err(SignatureProblem::Invalid));
        assert_eq!(store.check(&node("fr"), "be-1", b"payload", &sig), Err(SignatureProblem::UnknownKey));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_trust_store_refuses_a_key_listed_twice_or_malformed() {
        let key = NodeKey::from_seed(node("be"), "k", [7; 32]).unwrap().public();
        let mut store = TrustStore::new();
        store.add(key.clone()).unwrap();
        assert!(store.add(key.clone()).unwrap_err().contains("listed twice"));
        let short = TrustedKey { public_key: "AAAA".into(), key_id: "k2".into(), ..key };
        assert!(store.add(short).unwrap_err().contains("32 bytes"));
        let round = TrustStore::from_toml(&store.to_toml()).unwrap();
        assert_eq!(round.nodes(), vec![node("be")]);
    }

    #[test]
    fn a_key_id_cannot_hold_the_header_separator() {
        assert!(NodeKey::from_seed(node("be"), "be:1", [1; 32]).is_err());
    }
}
