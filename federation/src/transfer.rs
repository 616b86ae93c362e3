//! A member's transfer between offices: the portable record and its sealing to the
//! destination node (docs/research/federation.md §4.3, §6.5).
//!
//! The record carries what the destination needs to take the member on and nothing
//! else (GDPR Art. 5(1)(c), data minimisation; Art. 20(2), transmission from one
//! controller to another at the data subject's request): identity and contact without
//! the origin's national identifier (the destination records its own), the nationality when
//! recorded (record version 2, [`MemberRecordV2`]; a version-1 record reads as one without),
//! membership,
//! shares, seniority, a summary of the member's history, the A1 certificates in force
//! and the language. No payslip, no health or disability data (Art. 9), no client.
//!
//! The record travels sealed to the destination node's enrolled key (Art. 32: it transits
//! the hub and sits in the origin's stream): an ephemeral X25519 key agreement with the
//! destination's ed25519 key in its Montgomery form, HKDF-SHA256, then ChaCha20-Poly1305
//! (RFC 7748, RFC 5869, RFC 8439). The associated data binds the ciphertext to the
//! transfer, the sender and the recipient, so a sealed record cannot be replayed into
//! another transfer. Using one key pair for Ed25519 signatures and an X25519 KEM is
//! proved sound in Thormarker, "On using the same key pair for Ed25519 and an X25519
//! based KEM" (IACR ePrint 2021/509); it is what libsodium's
//! `crypto_sign_ed25519_pk_to_curve25519` and age's ssh-ed25519 recipients do. Keys come
//! from the trust store (configuration), never from the wire.

use crate::events::Amount;
use crate::keys::{NodeKey, TrustStore};
use crate::NodeId;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chrono::NaiveDate;
use curve25519_dalek::montgomery::MontgomeryPoint;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, CHACHA20_POLY1305};
use ring::hkdf::{Salt, HKDF_SHA256};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The sealing this build writes and reads.
pub const SEAL_ALG: &str = "x25519-hkdf-sha256-chacha20poly1305";

/// A member's home address, as the record carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressV1 {
    /// Street and number.
    pub street: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

/// The member's shares at the origin when the offer was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharesV1 {
    /// The origin's nominal value of one share.
    pub nominal: Amount,
    /// Shares paid and held.
    pub paid: u32,
    /// Their capital (paid × nominal).
    pub capital: Amount,
}

/// A summary of the member's history at the origin: enough for seniority and for the
/// destination's advisors, never a payslip or an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryV1 {
    /// Member since (admission at the origin, or the seniority the origin carried in).
    pub member_since: NaiveDate,
    /// Activities the member ran at the origin.
    pub activities: u32,
    /// Their sectors (`artistic`, `cultural_industry`, `other`), each once.
    pub sectors: Vec<String>,
}

/// An A1 certificate in force (Reg. (EC) 883/2004 art. 12-13, Reg. (EC) 987/2009
/// art. 19): which legislation applies to the member and until when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct A1CertificateV1 {
    /// The member state whose legislation applies, whose institution issued it (ISO 3166-1 alpha-2).
    pub legislation: String,
    /// The article of Regulation 883/2004 it rests on (`12(1)`, `13(1)(a)`...).
    pub article: String,
    /// First day covered.
    pub from: NaiveDate,
    /// Last day covered.
    pub until: NaiveDate,
    /// The issuing institution's reference.
    pub reference: String,
}

/// The portable record of a member, version 1: what moves, and nothing else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberRecordV1 {
    /// The member's id at the origin (the destination gives a new one).
    pub origin_member: Uuid,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Email.
    pub email: String,
    /// Preferred language.
    pub language: String,
    /// Date of birth, when recorded (the national number is left out).
    pub birth_date: Option<NaiveDate>,
    /// Home address, when recorded.
    pub address: Option<AddressV1>,
    /// Date of application at the origin.
    pub applied_on: NaiveDate,
    /// Date of admission at the origin.
    pub admitted_on: NaiveDate,
    /// Shares at the origin.
    pub shares: SharesV1,
    /// History summary and seniority.
    pub history: HistoryV1,
    /// A1 certificates in force.
    pub a1_certificates: Vec<A1CertificateV1>,
    /// The day the member asked to move (the request is the origin's evidence).
    pub requested_on: NaiveDate,
}

/// The version of the member's record this build seals: [`MemberRecordV2`].
pub const RECORD_VERSION: u16 = 2;

/// The portable record of a member, version 2: version 1's fields and the member's
/// nationality, when the origin records one (ISO 3166-1 alpha-2), which the destination
/// keeps on the member (a posting notice it sends later carries it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberRecordV2 {
    /// The member's id at the origin (the destination gives a new one).
    pub origin_member: Uuid,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Email.
    pub email: String,
    /// Preferred language.
    pub language: String,
    /// Date of birth, when recorded (the national number is left out).
    pub birth_date: Option<NaiveDate>,
    /// Nationality (ISO 3166-1 alpha-2), when the origin records one.
    pub nationality: Option<String>,
    /// Home address, when recorded.
    pub address: Option<AddressV1>,
    /// Date of application at the origin.
    pub applied_on: NaiveDate,
    /// Date of admission at the origin.
    pub admitted_on: NaiveDate,
    /// Shares at the origin.
    pub shares: SharesV1,
    /// History summary and seniority.
    pub history: HistoryV1,
    /// A1 certificates in force.
    pub a1_certificates: Vec<A1CertificateV1>,
    /// The day the member asked to move (the request is the origin's evidence).
    pub requested_on: NaiveDate,
}

impl From<MemberRecordV1> for MemberRecordV2 {
    /// A version-1 record: no nationality travelled with it.
    fn from(r: MemberRecordV1) -> Self {
        MemberRecordV2 {
            origin_member: r.origin_member,
            first_name: r.first_name,
            last_name: r.last_name,
            email: r.email,
            language: r.language,
            birth_date: r.birth_date,
            nationality: None,
            address: r.address,
            applied_on: r.applied_on,
            admitted_on: r.admitted_on,
            shares: r.shares,
            history: r.history,
            a1_certificates: r.a1_certificates,
            requested_on: r.requested_on,
        }
    }
}

/// A record sealed to one node's key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedV1 {
    /// [`SEAL_ALG`].
    pub alg: String,
    /// The recipient's key id it is sealed to.
    pub key_id: String,
    /// The ephemeral X25519 public key, base64.
    pub epk: String,
    /// The ciphertext with its tag, base64.
    pub ciphertext: String,
}

/// Why a record could not be sealed or opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// The trust store has no key for the recipient.
    #[error("no key is enrolled for node {0}")]
    NoKey(String),
    /// Sealed to another key than this node's.
    #[error("sealed to key {found}, this node's key is {expected}")]
    WrongKey {
        /// This node's key id.
        expected: String,
        /// The key id the record names.
        found: String,
    },
    /// Another algorithm, a malformed field, a tag that does not verify, a record that does not read.
    #[error("the sealed record does not open: {0}")]
    Unreadable(String),
    /// The operating system gave no randomness.
    #[error("no randomness: {0}")]
    Random(String),
}

/// What a sealed record is for: its associated data's prefix and its key's HKDF info
/// differ per purpose, so a record sealed for one (a transfer) never opens as another
/// (a posting notice) under the same id.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Purpose {
    /// The first field of the associated data.
    pub(crate) aad: &'static str,
    /// The HKDF info of the AEAD key.
    pub(crate) info: &'static [u8],
}

/// A member's transfer, record version 1 (the names predate [`Purpose`] and stay: records
/// sealed with them open).
const TRANSFER: Purpose = Purpose { aad: "partage.transfer.v1", info: b"partage member transfer v1" };
/// A member's transfer, record version 2: a version bound into the seal, so a record never
/// opens as another version than it was sealed as (as posting records do).
const TRANSFER_V2: Purpose = Purpose { aad: "partage.transfer.v2", info: b"partage member transfer v2" };

fn aad(purpose: Purpose, from: &NodeId, to: &NodeId, id: Uuid, key_id: &str) -> String {
    format!("{}|{from}|{to}|{id}|{key_id}", purpose.aad)
}

/// The AEAD key from the X25519 shared secret; the salt binds both public keys.
fn aead_key(
    purpose: Purpose,
    shared: &MontgomeryPoint,
    epk: &MontgomeryPoint,
    recipient: &MontgomeryPoint,
) -> Result<LessSafeKey, SealError> {
    // A low-order point gives the all-zero secret (RFC 7748 §6.1): refuse it.
    if shared.as_bytes().iter().all(|b| *b == 0) {
        return Err(SealError::Unreadable("low-order key".into()));
    }
    let mut salt = Vec::with_capacity(64);
    salt.extend_from_slice(epk.as_bytes());
    salt.extend_from_slice(recipient.as_bytes());
    let prk = Salt::new(HKDF_SHA256, &salt).extract(shared.as_bytes());
    let info = [purpose.info];
    let okm = prk.expand(&info, &CHACHA20_POLY1305).map_err(|_| SealError::Unreadable("key derivation".into()))?;
    Ok(LessSafeKey::new(UnboundKey::from(okm)))
}

/// Seals `record` for `to` (its key from `trust`) in transfer `transfer` sent by `from`, as
/// record version [`RECORD_VERSION`].
pub fn seal(
    trust: &TrustStore,
    from: &NodeId,
    to: &NodeId,
    transfer: Uuid,
    record: &MemberRecordV2,
) -> Result<SealedV1, SealError> {
    seal_for(TRANSFER_V2, trust, from, to, transfer, record)
}

/// Opens a record of version `record_version` sealed to `key`'s node by `from` in transfer
/// `transfer`; a version-1 record reads as version 2 without a nationality.
pub fn open(
    key: &NodeKey,
    from: &NodeId,
    transfer: Uuid,
    record_version: u16,
    sealed: &SealedV1,
) -> Result<MemberRecordV2, SealError> {
    match record_version {
        1 => open_for::<MemberRecordV1>(TRANSFER, key, from, transfer, sealed).map(MemberRecordV2::from),
        2 => open_for(TRANSFER_V2, key, from, transfer, sealed),
        other => Err(SealError::Unreadable(format!("member record version {other}"))),
    }
}

/// Seals `record` for `to` (its key from `trust`), bound to `purpose`, the sender and `id`.
pub(crate) fn seal_for<T: Serialize>(
    purpose: Purpose,
    trust: &TrustStore,
    from: &NodeId,
    to: &NodeId,
    id: Uuid,
    record: &T,
) -> Result<SealedV1, SealError> {
    let (key_id, recipient) = trust.sealing_key(to).ok_or_else(|| SealError::NoKey(to.to_string()))?;
    let recipient = recipient.to_montgomery();
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).map_err(|e| SealError::Random(e.to_string()))?;
    let epk = MontgomeryPoint::mul_base_clamped(secret);
    let shared = recipient.mul_clamped(secret);
    let key = aead_key(purpose, &shared, &epk, &recipient)?;
    let mut data = serde_json::to_vec(record).map_err(|e| SealError::Unreadable(e.to_string()))?;
    // Each seal derives a fresh key from a fresh ephemeral secret: one message per key,
    // so a fixed nonce is never reused under one key.
    key.seal_in_place_append_tag(
        Nonce::assume_unique_for_key([0; 12]),
        Aad::from(aad(purpose, from, to, id, key_id).as_bytes()),
        &mut data,
    )
    .map_err(|_| SealError::Unreadable("sealing failed".into()))?;
    Ok(SealedV1 {
        alg: SEAL_ALG.to_owned(),
        key_id: key_id.to_owned(),
        epk: B64.encode(epk.as_bytes()),
        ciphertext: B64.encode(data),
    })
}

/// Opens a record sealed for `purpose` to `key`'s node by `from` under `id`.
pub(crate) fn open_for<T: DeserializeOwned>(
    purpose: Purpose,
    key: &NodeKey,
    from: &NodeId,
    id: Uuid,
    sealed: &SealedV1,
) -> Result<T, SealError> {
    let unreadable = |what: &str| SealError::Unreadable(what.to_owned());
    if sealed.alg != SEAL_ALG {
        return Err(SealError::Unreadable(format!("algorithm {:?}", sealed.alg.chars().take(60).collect::<String>())));
    }
    if sealed.key_id != key.key_id() {
        return Err(SealError::WrongKey {
            expected: key.key_id().to_owned(),
            found: sealed.key_id.chars().take(64).collect(),
        });
    }
    let epk: [u8; 32] =
        B64.decode(&sealed.epk).ok().and_then(|b| b.try_into().ok()).ok_or_else(|| unreadable("epk"))?;
    let epk = MontgomeryPoint(epk);
    let secret = key.x25519_secret();
    let recipient = MontgomeryPoint::mul_base_clamped(secret);
    let shared = epk.mul_clamped(secret);
    let aead = aead_key(purpose, &shared, &epk, &recipient)?;
    let mut data = B64.decode(&sealed.ciphertext).map_err(|_| unreadable("ciphertext"))?;
    let plain = aead
        .open_in_place(
            Nonce::assume_unique_for_key([0; 12]),
            Aad::from(aad(purpose, from, key.node(), id, &sealed.key_id).as_bytes()),
            &mut data,
        )
        .map_err(|_| unreadable("the tag does not verify"))?;
    serde_json::from_slice(plain).map_err(|e| SealError::Unreadable(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn node(id: &str) -> NodeId {
        NodeId::new(id).unwrap()
    }

    fn record() -> MemberRecordV2 {
        MemberRecordV2 { nationality: Some("PT".into()), ..record_v1().into() }
    }

    fn record_v1() -> MemberRecordV1 {
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let eur = |a| Amount { amount: a, currency: "EUR".into() };
        MemberRecordV1 {
            origin_member: Uuid::nil(),
            first_name: "Léa".into(),
            last_name: "Dubois".into(),
            email: "lea@example.org".into(),
            language: "fr".into(),
            birth_date: Some(day("1990-04-02")),
            address: None,
            applied_on: day("2024-01-02"),
            admitted_on: day("2024-01-03"),
            shares: SharesV1 { nominal: eur(dec!(30.00)), paid: 2, capital: eur(dec!(60.00)) },
            history: HistoryV1 { member_since: day("2024-01-03"), activities: 1, sectors: vec!["artistic".into()] },
            a1_certificates: vec![],
            requested_on: day("2026-03-02"),
        }
    }

    #[test]
    fn a_record_sealed_to_the_destination_opens_there_only() {
        let (be, fr, trust) = crate::keys::testing::belgium_and_france();
        let t = Uuid::now_v7();
        let sealed = seal(&trust, &node("be"), &node("fr"), t, &record()).unwrap();
        assert!(!sealed.ciphertext.contains("Dubois"));
        assert!(!String::from_utf8_lossy(&B64.decode(&sealed.ciphertext).unwrap()).contains("Dubois"));
        assert_eq!(open(&fr, &node("be"), t, 2, &sealed).unwrap(), record());
        // The origin itself cannot read it back, nor a third node holding fr's key id.
        assert!(matches!(open(&be, &node("be"), t, 2, &sealed), Err(SealError::WrongKey { .. })));
        let nl = NodeKey::from_seed(node("fr"), "fr-1", [3; 32]).unwrap();
        assert!(matches!(open(&nl, &node("be"), t, 2, &sealed), Err(SealError::Unreadable(_))));
    }

    #[test]
    fn a_sealed_record_moved_to_another_transfer_or_sender_does_not_open() {
        let (_, fr, trust) = crate::keys::testing::belgium_and_france();
        let t = Uuid::now_v7();
        let sealed = seal(&trust, &node("be"), &node("fr"), t, &record()).unwrap();
        assert!(matches!(open(&fr, &node("be"), Uuid::now_v7(), 2, &sealed), Err(SealError::Unreadable(_))));
        assert!(matches!(open(&fr, &node("nl"), t, 2, &sealed), Err(SealError::Unreadable(_))));
        let mut tampered = sealed.clone();
        tampered.epk = B64.encode([0u8; 32]);
        assert!(matches!(open(&fr, &node("be"), t, 2, &tampered), Err(SealError::Unreadable(_))));
    }

    #[test]
    fn a_version_1_record_still_opens_without_a_nationality_and_versions_do_not_mix() {
        let (_, fr, trust) = crate::keys::testing::belgium_and_france();
        let t = Uuid::now_v7();
        // What a node of an earlier build seals.
        let v1 = seal_for(TRANSFER, &trust, &node("be"), &node("fr"), t, &record_v1()).unwrap();
        let opened = open(&fr, &node("be"), t, 1, &v1).unwrap();
        assert_eq!(opened, MemberRecordV2 { nationality: None, ..record() });
        let v2 = seal(&trust, &node("be"), &node("fr"), t, &record()).unwrap();
        assert_eq!(open(&fr, &node("be"), t, 2, &v2).unwrap().nationality.as_deref(), Some("PT"));
        assert!(matches!(open(&fr, &node("be"), t, 2, &v1), Err(SealError::Unreadable(_))));
        assert!(matches!(open(&fr, &node("be"), t, 1, &v2), Err(SealError::Unreadable(_))));
        let err = open(&fr, &node("be"), t, 3, &v2).unwrap_err();
        assert!(err.to_string().contains("member record version 3"), "{err}");
    }

    #[test]
    fn sealing_to_a_node_without_an_enrolled_key_is_refused() {
        let (_, _, trust) = crate::keys::testing::belgium_and_france();
        assert_eq!(
            seal(&trust, &node("be"), &node("nl"), Uuid::nil(), &record()).unwrap_err(),
            SealError::NoKey("nl".into())
        );
    }
}
