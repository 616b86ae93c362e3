//! The envelope: a signed, versioned event with its place in the node's sequence.
//!
//! The payload is the envelope as JSON (`{v, type, version, event_id, node,
//! node_seq, occurred_at, body}`); the signature covers those exact bytes and
//! travels in a header (`Partage-Sig: ed25519:<key-id>:<base64>`), which
//! JetStream sourcing keeps. No canonical JSON is needed: the receiver checks
//! the bytes it got. The subject is derived from the payload, so a verified
//! payload also proves its subject.

use crate::events::{Event, UnknownEvent};
use crate::keys::{NodeKey, SignatureProblem, TrustStore};
use crate::NodeId;
use async_nats::HeaderMap;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The envelope format this build writes and reads.
pub const ENVELOPE_VERSION: u16 = 1;

/// Header: the event id, which JetStream deduplicates on.
pub const MSG_ID: &str = "Nats-Msg-Id";
/// Header: the event's type.
pub const TYPE: &str = "Partage-Type";
/// Header: the sending node.
pub const NODE: &str = "Partage-Node";
/// Header: the event's place in the node's sequence.
pub const SEQ: &str = "Partage-Seq";
/// Header: `ed25519:<key-id>:<base64 signature of the payload>`.
pub const SIG: &str = "Partage-Sig";

/// An event with who sent it, when, and where it stands in the sender's sequence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// The envelope format ([`ENVELOPE_VERSION`]).
    pub v: u16,
    /// The event's type name.
    #[serde(rename = "type")]
    pub kind: String,
    /// The version of the event's body.
    pub version: u16,
    /// `<node>:<node_seq>`: unique in the federation.
    pub event_id: String,
    /// The sending node.
    pub node: NodeId,
    /// The node's outbox sequence: gapless, from 1, each event after those its transaction waited for.
    pub node_seq: u64,
    /// When the business write committed, as the node's clock said.
    pub occurred_at: DateTime<Utc>,
    /// The event's body.
    pub body: serde_json::Value,
}

/// The event id of a node's `seq`-th event.
pub fn event_id(node: &NodeId, seq: u64) -> String {
    format!("{node}:{seq}")
}

impl Envelope {
    /// The envelope of `event`, the node's `seq`-th.
    pub fn new(node: NodeId, seq: u64, occurred_at: DateTime<Utc>, event: &Event) -> Self {
        Self::from_parts(node, seq, occurred_at, event.kind(), event.version(), event.body())
    }

    /// An envelope from an outbox row's stored parts.
    pub fn from_parts(
        node: NodeId,
        seq: u64,
        occurred_at: DateTime<Utc>,
        kind: &str,
        version: u16,
        body: serde_json::Value,
    ) -> Self {
        Envelope {
            v: ENVELOPE_VERSION,
            kind: kind.to_owned(),
            version,
            event_id: event_id(&node, seq),
            node,
            node_seq: seq,
            occurred_at,
            body,
        }
    }

    /// The subject it is published under: `partage.<node>.<event's tail>`.
    pub fn subject(&self) -> Result<String, UnknownEvent> {
        Ok(format!("{}.{}.{}", crate::SUBJECT_ROOT, self.node, self.event()?.subject_tail()))
    }

    /// The body read as the latest version of its event.
    pub fn event(&self) -> Result<Event, UnknownEvent> {
        Event::decode(&self.kind, self.version, &self.body)
    }

    /// Serialises and signs with `key`, which must be the envelope's node's.
    pub fn sign(&self, key: &NodeKey) -> Result<Signed, Refusal> {
        if key.node() != &self.node {
            return Err(Refusal::WrongKey { node: self.node.to_string(), key_node: key.node().to_string() });
        }
        let subject = self.subject().map_err(Refusal::UnknownEvent)?;
        let payload = serde_json::to_vec(self).map_err(|e| Refusal::Malformed(e.to_string()))?;
        let signature = key.sign_header(&payload);
        Ok(Signed {
            subject,
            event_id: self.event_id.clone(),
            kind: self.kind.clone(),
            node: self.node.clone(),
            seq: self.node_seq,
            payload,
            signature,
        })
    }
}

/// An envelope ready to publish: subject, payload bytes and headers.
#[derive(Clone, Debug)]
pub struct Signed {
    /// The subject.
    pub subject: String,
    /// The event id (also `Nats-Msg-Id`).
    pub event_id: String,
    kind: String,
    node: NodeId,
    /// The node's sequence number.
    pub seq: u64,
    /// The envelope's JSON, as signed.
    pub payload: Vec<u8>,
    signature: String,
}

impl Signed {
    /// The headers that go with the payload.
    pub fn headers(&self) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(MSG_ID, self.event_id.as_str());
        h.insert(TYPE, self.kind.as_str());
        h.insert(NODE, self.node.as_str());
        h.insert(SEQ, self.seq.to_string().as_str());
        h.insert(SIG, self.signature.as_str());
        h
    }
}

/// Why a message was refused. A refused message is never applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// A header the envelope needs is absent.
    #[error("header {0} is missing")]
    MissingHeader(&'static str),
    /// The subject is not `partage.<node>.…`.
    #[error("subject {0} is not a federation subject")]
    Subject(String),
    /// The subject's node, the `Partage-Node` header and the payload's node differ.
    #[error("subject {subject} is node {subject_node}, but {what} says {claimed}")]
    NodeMismatch {
        /// The subject.
        subject: String,
        /// Its node token.
        subject_node: String,
        /// Which part disagrees.
        what: &'static str,
        /// What it says.
        claimed: String,
    },
    /// A header disagrees with the signed payload.
    #[error("header {header} says {found}, the signed payload {expected}")]
    HeaderMismatch {
        /// The header.
        header: &'static str,
        /// What the payload implies.
        expected: String,
        /// What the header says.
        found: String,
    },
    /// No enrolled key of that node has that id.
    #[error("no key {key_id} is enrolled for node {node}")]
    UnknownKey {
        /// The node.
        node: String,
        /// The key id.
        key_id: String,
    },
    /// The signature does not verify.
    #[error("the signature does not verify")]
    BadSignature,
    /// The payload is not an envelope.
    #[error("malformed envelope: {0}")]
    Malformed(String),
    /// The body's type or version is unknown to this build: park it, do not drop it.
    #[error(transparent)]
    UnknownEvent(UnknownEvent),
    /// Signing with another node's key.
    #[error("envelope of node {node} signed with a key of {key_node}")]
    WrongKey {
        /// The envelope's node.
        node: String,
        /// The key's node.
        key_node: String,
    },
}

impl Refusal {
    /// This build cannot read the message, signed by a known key: an event type or version
    /// it does not know, or an envelope it cannot parse. A later build may read it.
    pub fn is_unreadable(&self) -> bool {
        matches!(self, Refusal::UnknownEvent(_) | Refusal::Malformed(_))
    }
}

/// An envelope whose signature, sender and subject were checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The subject it came under.
    pub subject: String,
    /// The envelope.
    pub envelope: Envelope,
    /// The payload's bytes as signed: what a receiver keeps of a message it parks, so that
    /// it can be checked again later ([`verify_kept`]).
    pub payload: Vec<u8>,
    /// The `Partage-Sig` header it came with.
    pub signature: String,
}

fn header<'h>(headers: &'h HeaderMap, name: &'static str) -> Result<&'h str, Refusal> {
    headers.get(name).map(|v| v.as_str()).ok_or(Refusal::MissingHeader(name))
}

/// Checks a received message: the subject's node equals the `Partage-Node`
/// header; that node's enrolled key signed the payload; the payload's node,
/// sequence, event id, type and subject equal the headers and the subject.
///
/// A replay of an old event passes this check with its old event id: the
/// receiver's inbox refuses to apply an event id twice. An age limit would
/// refuse the legitimate catch-up of a node offline for days.
pub fn verify(store: &TrustStore, subject: &str, headers: &HeaderMap, payload: &[u8]) -> Result<Verified, Refusal> {
    let mut tokens = subject.split('.');
    let (Some(crate::SUBJECT_ROOT), Some(subject_node)) = (tokens.next(), tokens.next()) else {
        return Err(Refusal::Subject(subject.to_owned()));
    };
    let header_node = header(headers, NODE)?;
    if header_node != subject_node {
        return Err(Refusal::NodeMismatch {
            subject: subject.to_owned(),
            subject_node: subject_node.to_owned(),
            what: NODE,
            claimed: header_node.to_owned(),
        });
    }
    let node = NodeId::new(subject_node).map_err(|_| Refusal::Subject(subject.to_owned()))?;
    let sig = header(headers, SIG)?;
    let (key_id, signature) = match sig.split(':').collect::<Vec<_>>().as_slice() {
        ["ed25519", key_id, b64] => ((*key_id).to_owned(), B64.decode(b64).map_err(|_| Refusal::BadSignature)?),
        _ => return Err(Refusal::BadSignature),
    };
    store.check(&node, &key_id, payload, &signature).map_err(|p| match p {
        SignatureProblem::UnknownKey => Refusal::UnknownKey { node: node.to_string(), key_id: key_id.clone() },
        SignatureProblem::Malformed | SignatureProblem::Invalid => Refusal::BadSignature,
    })?;
    // Signed by `node`: now the payload can be read and compared.
    let envelope: Envelope = serde_json::from_slice(payload).map_err(|e| Refusal::Malformed(e.to_string()))?;
    if envelope.v != ENVELOPE_VERSION {
        return Err(Refusal::Malformed(format!(
            "envelope version {} (this build reads {ENVELOPE_VERSION})",
            envelope.v
        )));
    }
    if envelope.node != node {
        return Err(Refusal::NodeMismatch {
            subject: subject.to_owned(),
            subject_node: subject_node.to_owned(),
            what: "the payload",
            claimed: envelope.node.to_string(),
        });
    }
    let expected_id = event_id(&node, envelope.node_seq);
    if envelope.event_id != expected_id {
        return Err(Refusal::HeaderMismatch { header: "event_id", expected: expected_id, found: envelope.event_id });
    }
    let checks: [(&'static str, String); 3] =
        [(MSG_ID, envelope.event_id.clone()), (SEQ, envelope.node_seq.to_string()), (TYPE, envelope.kind.clone())];
    for (name, expected) in checks {
        let found = header(headers, name)?;
        if found != expected {
            return Err(Refusal::HeaderMismatch { header: name, expected, found: found.to_owned() });
        }
    }
    let expected_subject = envelope.subject().map_err(Refusal::UnknownEvent)?;
    if expected_subject != subject {
        return Err(Refusal::HeaderMismatch {
            header: "subject",
            expected: expected_subject,
            found: subject.to_owned(),
        });
    }
    Ok(Verified { subject: subject.to_owned(), envelope, payload: payload.to_vec(), signature: sig.to_owned() })
}

/// Checks again a message a receiver kept (parked): its subject, its `Partage-Sig` header and
/// its payload, against `store` as it is now (a key enrolled or withdrawn since counts). The
/// other headers only repeat what the signed payload says (the sender, its sequence, the event
/// id and type): they are rebuilt from it, so keeping the signature is enough.
pub fn verify_kept(store: &TrustStore, subject: &str, signature: &str, payload: &[u8]) -> Result<Verified, Refusal> {
    let mut headers = HeaderMap::new();
    if let Some(node) = subject.split('.').nth(1) {
        headers.insert(NODE, node);
    }
    headers.insert(SIG, signature);
    // Unreadable payloads leave those headers out: `verify` refuses them after the signature.
    if let Ok(envelope) = serde_json::from_slice::<Envelope>(payload) {
        headers.insert(MSG_ID, envelope.event_id.as_str());
        headers.insert(SEQ, envelope.node_seq.to_string().as_str());
        headers.insert(TYPE, envelope.kind.as_str());
    }
    verify(store, subject, &headers, payload)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{Amount, FundMovedV1};
    use chrono::NaiveDate;
    use rust_decimal_macros::dec;

    fn node(id: &str) -> NodeId {
        NodeId::new(id).unwrap()
    }

    fn fixture() -> (NodeKey, NodeKey, TrustStore, Envelope) {
        let be = NodeKey::from_seed(node("be"), "be-1", [1; 32]).unwrap();
        let fr = NodeKey::from_seed(node("fr"), "fr-1", [2; 32]).unwrap();
        let mut store = TrustStore::new();
        store.add(be.public()).unwrap();
        store.add(fr.public()).unwrap();
        let event = Event::FundMoved(FundMovedV1 {
            activity: uuid::Uuid::nil(),
            kind: "advance".into(),
            amount: Amount { amount: dec!(100.00), currency: "EUR".into() },
            on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        });
        let at = DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z").unwrap().with_timezone(&Utc);
        (be, fr, store, Envelope::new(node("be"), 7, at, &event))
    }

    #[test]
    fn a_signed_envelope_verifies_and_reads_back() {
        let (be, _, store, env) = fixture();
        let signed = env.sign(&be).unwrap();
        assert_eq!(signed.subject, "partage.be.ev.fund.moved");
        assert_eq!(signed.event_id, "be:7");
        let verified = verify(&store, &signed.subject, &signed.headers(), &signed.payload).unwrap();
        assert_eq!(verified.envelope, env);
    }

    #[test]
    fn a_well_signed_message_of_a_version_this_build_does_not_read_is_unreadable_not_forged() {
        let (be, _, store, env) = fixture();
        let signed = env.sign(&be).unwrap();
        // What a later build would send: version 9 of the event, signed by be.
        let mut later: serde_json::Value = serde_json::from_slice(&signed.payload).unwrap();
        later["version"] = serde_json::json!(9);
        let payload = serde_json::to_vec(&later).unwrap();
        let refusal = verify_kept(&store, &signed.subject, &be.sign_header(&payload), &payload).unwrap_err();
        assert!(matches!(refusal, Refusal::UnknownEvent(ref e) if e.version == 9), "{refusal:?}");
        assert!(refusal.is_unreadable());
        later["v"] = serde_json::json!(99);
        let payload = serde_json::to_vec(&later).unwrap();
        let refusal = verify_kept(&store, &signed.subject, &be.sign_header(&payload), &payload).unwrap_err();
        assert!(matches!(refusal, Refusal::Malformed(_)) && refusal.is_unreadable(), "{refusal:?}");
        // Tampered or from a key not enrolled: not a matter of build.
        let refusal = verify_kept(&store, &signed.subject, &signed.signature, &payload).unwrap_err();
        assert!(!refusal.is_unreadable(), "{refusal:?}");
        assert!(!Refusal::UnknownKey { node: "de".into(), key_id: "de-1".into() }.is_unreadable());
    }

    #[test]
    fn a_kept_message_verifies_again_from_its_signature_alone() {
        let (be, _, store, env) = fixture();
        let signed = env.sign(&be).unwrap();
        let first = verify(&store, &signed.subject, &signed.headers(), &signed.payload).unwrap();
        assert_eq!(first.payload, signed.payload);
        let again = verify_kept(&store, &first.subject, &first.signature, &first.payload).unwrap();
        assert_eq!(again, first);
        // Without be's key in the store now, it is refused.
        assert!(matches!(
            verify_kept(&TrustStore::new(), &first.subject, &first.signature, &first.payload),
            Err(Refusal::UnknownKey { .. })
        ));
        let mut tampered = first.payload.clone();
        let at = tampered.iter().position(|b| *b == b'7').unwrap();
        tampered[at] = b'8';
        assert_eq!(verify_kept(&store, &first.subject, &first.signature, &tampered), Err(Refusal::BadSignature));
    }

    #[test]
    fn another_nodes_subject_is_refused() {
        let (be, _, store, env) = fixture();
        let signed = env.sign(&be).unwrap();
        let mut h = signed.headers();
        let err = verify(&store, "partage.fr.ev.fund.moved", &h, &signed.payload).unwrap_err();
        assert!(matches!(err, Refusal::NodeMismatch { what: NODE, .. }), "{err:?}");
        // Claiming fr in the header too: fr's key did not sign it.
        h.insert(NODE, "fr");
        assert_eq!(
            verify(&store, "partage.fr.ev.fund.moved", &h, &signed.payload).unwrap_err(),
            Refusal::UnknownKey { node: "fr".into(), key_id: "be-1".into() }
        );
    }

    #[test]
    fn a_forged_signature_is_refused() {
        let (be, fr, store, env) = fixture();
        let signed = env.sign(&be).unwrap();
        let mut tampered = signed.payload.clone();
        let at = tampered.iter().position(|b| *b == b'1').unwrap();
        tampered[at] = b'9';
        assert_eq!(verify(&store, &signed.subject, &signed.headers(), &tampered).unwrap_err(), Refusal::BadSignature);
        // fr signing under be's key id.
        let forged = NodeKey::from_seed(node("be"), "be-1", [2; 32]).unwrap();
        let other = env.sign(&forged).unwrap();
        assert_eq!(
            verify(&store, &other.subject, &other.headers(), &other.payload).unwrap_err(),
            Refusal::BadSignature
        );
        assert!(matches!(env.sign(&fr), Err(Refusal::WrongKey { .. })));
    }

    #[test]
    fn a_header_that_disagrees_with_the_payload_is_refused() {
        let (be, _, store, env) = fixture();
        let signed = env.sign(&be).unwrap();
        for (name, value) in [(SEQ, "8"), (MSG_ID, "be:8"), (TYPE, "invoice.issued")] {
            let mut h = signed.headers();
            h.insert(name, value);
            let err = verify(&store, &signed.subject, &h, &signed.payload).unwrap_err();
            assert!(matches!(err, Refusal::HeaderMismatch { header, .. } if header == name), "{name}: {err:?}");
        }
        let err = verify(&store, "partage.be.ev.invoice.issued", &signed.headers(), &signed.payload).unwrap_err();
        assert!(matches!(err, Refusal::HeaderMismatch { header: "subject", .. }), "{err:?}");
        let mut h = signed.headers();
        h.insert(SIG, "rsa:be-1:AAAA");
        assert_eq!(verify(&store, &signed.subject, &h, &signed.payload).unwrap_err(), Refusal::BadSignature);
    }

    #[test]
    fn signing_twice_gives_the_same_bytes() {
        // A relay retrying after a crash must publish what it published before.
        let (be, _, _, env) = fixture();
        let (a, b) = (env.sign(&be).unwrap(), env.sign(&be).unwrap());
        assert_eq!(a.payload, b.payload);
        assert_eq!(a.headers().get(SIG), b.headers().get(SIG));
    }
}
