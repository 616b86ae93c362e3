//! The signed envelope a node sends (research §6.3): JSON payload
//! `{v, type, event_id, node, node_seq, occurred_at, body}`, headers `Partage-Node`
//! and `Partage-Sig = ed25519:<key-id>:<base64>` over the exact payload bytes.
//!
//! Until the `federation` crate's envelope lands, HQ reads messages through
//! [`Message`], so the consolidator does not depend on the transport.

use base64::Engine as _;
use ed25519_dalek::{Signer, Verifier};
use serde::{Deserialize, Serialize};
use sha2::Digest;

/// The envelope's major version HQ understands.
pub const VERSION: u32 = 1;
/// Header naming the sending node.
pub const NODE_HEADER: &str = "Partage-Node";
/// Header carrying the signature.
pub const SIG_HEADER: &str = "Partage-Sig";

/// The envelope, as the payload's JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope<B> {
    /// Major version.
    pub v: u32,
    /// Event type (`agg.figures`).
    #[serde(rename = "type")]
    pub kind: String,
    /// `<cc>:<node_seq>`, unique in the group.
    pub event_id: String,
    /// The sending node (its country code).
    pub node: String,
    /// The node's outbox sequence.
    pub node_seq: u64,
    /// When the node produced the event (RFC 3339, UTC).
    pub occurred_at: String,
    /// The event's body.
    pub body: B,
}

/// One message as a transport delivers it: subject, headers, payload bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// `partage.<cc>.agg.<YYYY-MM>.figures`.
    pub subject: String,
    /// `Partage-Node`.
    pub node: String,
    /// `Partage-Sig`.
    pub signature: String,
    /// The exact payload bytes the signature covers.
    pub payload: Vec<u8>,
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

    /// Wraps a body into a signed message on `subject`.
    pub fn seal<B: Serialize>(&self, subject: &str, envelope: &Envelope<B>) -> Result<Message, serde_json::Error> {
        let payload = serde_json::to_vec(envelope)?;
        Ok(Message {
            subject: subject.to_owned(),
            node: envelope.node.clone(),
            signature: self.sign(&payload),
            payload,
        })
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
