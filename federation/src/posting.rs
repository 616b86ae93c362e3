//! A posting notice: the office of the country where a member of another office works
//! learns who works there, where, when and under which legislation (issue 13).
//!
//! The host office needs it to see a posted worker declared (France: the SIPSI
//! declaration, Code du travail L1262-2-1; Belgium: LIMOSA, programme law of
//! 27 December 2006 art. 139), to answer its labour inspectors and to know whom it may see
//! working in its country (Directive 2014/67/EU art. 9). The notice carries that and
//! nothing else (GDPR Art. 5(1)(c)): the worker's names, birth date and nationality when
//! the sending office records one; the place, the days and hours, the function; the
//! legislation decided under Regulation (EC) 883/2004 and the A1 certificate in force. No
//! national number, no address, no pay.
//!
//! It travels sealed to the host node's key as a transfer's record does
//! ([`crate::transfer`]), under a purpose of its own, so neither record opens as the other,
//! and only on the mobility subjects a node's inbox sources (HQ sources aggregates only).
//!
//! When the work changes after the notice went out (a day's new hours), the origin sends the
//! whole new record for the same notice id again, as an amendment with a higher revision
//! ([`crate::events::PostingAmendV1`]), sealed under a purpose of its own: an amendment's
//! record never opens as the notice, nor the reverse.

use crate::keys::{NodeKey, TrustStore};
use crate::transfer::{open_for, seal_for, Purpose, SealError, SealedV1};
use crate::NodeId;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

const POSTING: Purpose = Purpose { aad: "partage.posting.v1", info: b"partage posting notice v1" };
const AMENDMENT: Purpose = Purpose { aad: "partage.posting-amend.v1", info: b"partage posting amendment v1" };

/// One day of the work, with its hours (local time of the place of work).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostingDayV1 {
    /// The day.
    pub date: NaiveDate,
    /// Start.
    pub start: NaiveTime,
    /// End (same day).
    pub end: NaiveTime,
}

/// What the host office is told of one work in its country, version 1: this and nothing else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostingRecordV1 {
    /// The notice (UUIDv7), the same at both offices; a cancellation names it.
    pub notice: Uuid,
    /// The sending office's node (`be`).
    pub sending_node: NodeId,
    /// The sending office's country, the employer's state (ISO 3166-1 alpha-2).
    pub sending_country: String,
    /// The worker's first name.
    pub first_name: String,
    /// The worker's last name.
    pub last_name: String,
    /// The worker's date of birth.
    pub birth_date: NaiveDate,
    /// The worker's nationality (ISO 3166-1 alpha-2), when the sending office records one.
    pub nationality: Option<String>,
    /// The country of work: the host's (ISO 3166-1 alpha-2).
    pub work_country: String,
    /// The place of work, as declared.
    pub place: String,
    /// The function performed.
    pub function: String,
    /// The days of work and their hours, in date order.
    pub days: Vec<PostingDayV1>,
    /// The state whose social-security legislation applies (Regulation 883/2004), when decided.
    pub legislation_state: Option<String>,
    /// The article of Regulation 883/2004 it rests on (`12(1)`, `13(1)(a)`...).
    pub legislation_article: Option<String>,
    /// The reference of the A1 certificate that covers the days, when one is recorded.
    pub a1_reference: Option<String>,
}

/// Seals `record` for the host `to` (its key from `trust`), sent by `from`, bound to the notice.
pub fn seal(trust: &TrustStore, from: &NodeId, to: &NodeId, record: &PostingRecordV1) -> Result<SealedV1, SealError> {
    seal_for(POSTING, trust, from, to, record.notice, record)
}

/// Opens notice `notice` sealed to `key`'s node by `from`.
pub fn open(key: &NodeKey, from: &NodeId, notice: Uuid, sealed: &SealedV1) -> Result<PostingRecordV1, SealError> {
    open_for(POSTING, key, from, notice, sealed)
}

/// Seals the amended `record` of its notice for the host `to`, sent by `from`.
pub fn seal_amendment(
    trust: &TrustStore,
    from: &NodeId,
    to: &NodeId,
    record: &PostingRecordV1,
) -> Result<SealedV1, SealError> {
    seal_for(AMENDMENT, trust, from, to, record.notice, record)
}

/// Opens the amended record of notice `notice` sealed to `key`'s node by `from`.
pub fn open_amendment(
    key: &NodeKey,
    from: &NodeId,
    notice: Uuid,
    sealed: &SealedV1,
) -> Result<PostingRecordV1, SealError> {
    open_for(AMENDMENT, key, from, notice, sealed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str) -> NodeId {
        NodeId::new(id).unwrap()
    }

    fn record(notice: Uuid) -> PostingRecordV1 {
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let at = |t: &str| NaiveTime::parse_from_str(t, "%H:%M").unwrap();
        PostingRecordV1 {
            notice,
            sending_node: node("be"),
            sending_country: "BE".into(),
            first_name: "Léa".into(),
            last_name: "Dubois".into(),
            birth_date: day("1990-04-02"),
            nationality: None,
            work_country: "FR".into(),
            place: "Lille".into(),
            function: "Musician".into(),
            days: vec![PostingDayV1 { date: day("2026-03-10"), start: at("08:00"), end: at("16:00") }],
            legislation_state: Some("BE".into()),
            legislation_article: Some("12(1)".into()),
            a1_reference: Some("BE-2026-7".into()),
        }
    }

    #[test]
    fn a_notice_sealed_to_the_host_opens_there_only_and_for_its_id_only() {
        let (be, fr, trust) = crate::keys::testing::belgium_and_france();
        let n = Uuid::now_v7();
        let sealed = seal(&trust, &node("be"), &node("fr"), &record(n)).unwrap();
        assert!(!sealed.ciphertext.contains("Dubois"));
        assert_eq!(open(&fr, &node("be"), n, &sealed).unwrap(), record(n));
        assert!(matches!(open(&be, &node("be"), n, &sealed), Err(SealError::WrongKey { .. })));
        assert!(matches!(open(&fr, &node("be"), Uuid::now_v7(), &sealed), Err(SealError::Unreadable(_))));
        assert!(matches!(open(&fr, &node("nl"), n, &sealed), Err(SealError::Unreadable(_))));
    }

    #[test]
    fn a_notice_never_opens_as_a_transfer_record_nor_the_reverse() {
        let (_, fr, trust) = crate::keys::testing::belgium_and_france();
        let n = Uuid::now_v7();
        let sealed = seal(&trust, &node("be"), &node("fr"), &record(n)).unwrap();
        assert!(matches!(crate::transfer::open(&fr, &node("be"), n, &sealed), Err(SealError::Unreadable(_))));
        // The same bytes under the transfer's purpose: the key and the associated data differ.
        let as_transfer = seal_for(
            Purpose { aad: "partage.transfer.v1", info: b"partage member transfer v1" },
            &trust,
            &node("be"),
            &node("fr"),
            n,
            &record(n),
        )
        .unwrap();
        assert!(matches!(open(&fr, &node("be"), n, &as_transfer), Err(SealError::Unreadable(_))));
    }

    #[test]
    fn an_amendment_sealed_to_the_host_opens_there_only_for_its_notice_only() {
        let (be, fr, trust) = crate::keys::testing::belgium_and_france();
        let n = Uuid::now_v7();
        let mut amended = record(n);
        amended.days[0].end = NaiveTime::from_hms_opt(18, 0, 0).unwrap();
        let sealed = seal_amendment(&trust, &node("be"), &node("fr"), &amended).unwrap();
        assert!(!sealed.ciphertext.contains("Dubois"));
        assert_eq!(open_amendment(&fr, &node("be"), n, &sealed).unwrap(), amended);
        assert!(matches!(open_amendment(&be, &node("be"), n, &sealed), Err(SealError::WrongKey { .. })));
        assert!(matches!(open_amendment(&fr, &node("be"), Uuid::now_v7(), &sealed), Err(SealError::Unreadable(_))));
        assert!(matches!(open_amendment(&fr, &node("nl"), n, &sealed), Err(SealError::Unreadable(_))));
    }

    #[test]
    fn an_amendment_never_opens_as_a_notice_nor_the_reverse() {
        let (_, fr, trust) = crate::keys::testing::belgium_and_france();
        let n = Uuid::now_v7();
        let amendment = seal_amendment(&trust, &node("be"), &node("fr"), &record(n)).unwrap();
        assert!(matches!(open(&fr, &node("be"), n, &amendment), Err(SealError::Unreadable(_))));
        let notice = seal(&trust, &node("be"), &node("fr"), &record(n)).unwrap();
        assert!(matches!(open_amendment(&fr, &node("be"), n, &notice), Err(SealError::Unreadable(_))));
    }
}
