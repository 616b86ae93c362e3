//! HQ's side of the federation's envelope (research §6.3): the one envelope type is
//! `partage_federation::Envelope`, checked by `partage_federation::envelope::verify`
//! against a `TrustStore` HQ builds from the keys it enrolled ([`trust_store`]), never
//! from the wire. [`Message`] is a delivered message's parts, so the consolidator does
//! not depend on the transport. The key helpers below serve enrolment requests.

use base64::Engine as _;
use ed25519_dalek::{Signer, Verifier};
use partage_federation::async_nats::HeaderMap;
use partage_federation::keys::TrustedKey;
use partage_federation::{NodeId, TrustStore};
use sha2::Digest;

/// One message as a transport delivers it: subject, headers, payload bytes.
#[derive(Clone, Debug)]
pub struct Message {
    /// `partage.<node>.agg.<YYYY-MM>.figures`.
    pub subject: String,
    /// The envelope's headers (`Partage-Node`, `Partage-Sig`, `Nats-Msg-Id`...).
    pub headers: HeaderMap,
    /// The exact payload bytes the signature covers.
    pub payload: Vec<u8>,
}

impl Message {
    /// The message a node's relay would publish for `signed`.
    pub fn from_signed(signed: &partage_federation::Signed) -> Message {
        Message { subject: signed.subject.clone(), headers: signed.headers(), payload: signed.payload.clone() }
    }

    /// The `Partage-Node` header, if any (for the refusal's log).
    pub fn node(&self) -> Option<&str> {
        self.headers.get(partage_federation::envelope::NODE).map(|v| v.as_str())
    }
}

/// The trust store of the enrolled nodes' keys. A node whose code is not a valid node id
/// or whose key does not decode is left out (so its messages are refused), and logged.
pub fn trust_store(nodes: &[crate::store::EnrolledNode]) -> TrustStore {
    let mut store = TrustStore::new();
    for n in nodes {
        let added = NodeId::new(&n.node).map_err(|e| e.to_string()).and_then(|node| {
            store.add(TrustedKey { node, key_id: n.key_id.clone(), public_key: n.public_key.clone() })
        });
        if let Err(why) = added {
            tracing::error!(node = %n.node, %why, "enrolled key left out of the trust store");
        }
    }
    store
}

/// A node's signing key, with the id HQ knows it by.
pub struct NodeKey {
    key: ed25519_dalek::SigningKey,
}

impl NodeKey {
    /// A new random key.
    pub fn generate() -> NodeKey {
        use rand::{Rng, SeedableRng};
        let mut seed = [0u8; 32];
        rand::rngs::StdRng::from_os_rng().fill(&mut seed);
        NodeKey { key: ed25519_dalek::SigningKey::from_bytes(&seed) }
    }

    /// The key from its 32-byte seed, as `to_seed_base64` wrote it.
    pub fn from_seed_base64(text: &str) -> Option<NodeKey> {
        let bytes = base64::engine::general_purpose::STANDARD.decode(text.trim()).ok()?;
        let seed: [u8; 32] = bytes.try_into().ok()?;
        Some(NodeKey { key: ed25519_dalek::SigningKey::from_bytes(&seed) })
    }

    /// The 32-byte seed in base64 (the node's secret file).
    pub fn to_seed_base64(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.key.to_bytes())
    }

    /// The public key in base64.
    pub fn public_base64(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.key.verifying_key().to_bytes())
    }

    /// The key's id: the first 16 hex digits of the public key's SHA-256.
    pub fn key_id(&self) -> String {
        key_id(&self.key.verifying_key().to_bytes())
    }

    /// Signs bytes, in the header's form `ed25519:<key-id>:<base64>`.
    pub fn sign(&self, bytes: &[u8]) -> String {
        let sig = self.key.sign(bytes);
        format!("ed25519:{}:{}", self.key_id(), base64::engine::general_purpose::STANDARD.encode(sig.to_bytes()))
    }

    /// The same key as the federation signs envelopes with, under the id HQ enrols
    /// (`partage init` writes it as the node's `federation.key_file`).
    pub fn federation_key(
        &self,
        node: NodeId,
    ) -> Result<partage_federation::NodeKey, partage_federation::keys::KeyError> {
        partage_federation::NodeKey::from_seed(node, &self.key_id(), self.key.to_bytes())
    }
}

/// The id of a public key.
pub fn key_id(public: &[u8]) -> String {
    let digest = sha2::Sha256::digest(public);
    hex::encode(digest).chars().take(16).collect()
}

/// A public key as enrolled, decoded from base64; None if it is not an ed25519 key.
pub fn public_key(base64_text: &str) -> Option<ed25519_dalek::VerifyingKey> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(base64_text.trim()).ok()?;
    let bytes: [u8; 32] = bytes.try_into().ok()?;
    ed25519_dalek::VerifyingKey::from_bytes(&bytes).ok()
}

/// The key id a signature header names, if it is well formed.
pub fn signature_key_id(header: &str) -> Option<&str> {
    let mut parts = header.splitn(3, ':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("ed25519"), Some(id), Some(_)) => Some(id),
        _ => None,
    }
}

/// Whether `header` is a valid signature of `bytes` by `key`.
pub fn verify(key: &ed25519_dalek::VerifyingKey, bytes: &[u8], header: &str) -> bool {
    let Some(b64) = header.splitn(3, ':').nth(2) else { return false };
    let Ok(raw) = base64::engine::general_purpose::STANDARD.decode(b64) else { return false };
    let Ok(raw): Result<[u8; 64], _> = raw.try_into() else { return false };
    key.verify(bytes, &ed25519_dalek::Signature::from_bytes(&raw)).is_ok()
}

/// SHA-256 of bytes in hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_with_its_key_and_not_after_a_change() {
        let key = NodeKey::generate();
        let header = key.sign(b"payload");
        let public = public_key(&key.public_base64()).unwrap();
        assert!(verify(&public, b"payload", &header));
        assert!(!verify(&public, b"payloaD", &header));
        assert_eq!(signature_key_id(&header), Some(key.key_id().as_str()));
        let other = NodeKey::generate();
        assert!(!verify(&public_key(&other.public_base64()).unwrap(), b"payload", &header));
    }

    #[test]
    fn a_key_survives_its_seed_file() {
        let key = NodeKey::generate();
        let back = NodeKey::from_seed_base64(&key.to_seed_base64()).unwrap();
        assert_eq!(back.public_base64(), key.public_base64());
    }
}
