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
//! When the work changes after the notice went out (a day's new hours, the end of an
//! open-ended work), the origin sends the whole new record for the same notice id again, as an
//! amendment with a higher revision ([`crate::events::PostingAmendV2`]), sealed under a purpose
//! of its own: an amendment's record never opens as the notice, nor the reverse.
//!
//! Version 2 of the record ([`PostingRecordV2`]) says whether the work is open-ended (a
//! stabilised contract runs until it is ended: its days list its first day only) and, once the
//! origin ended it, its last day (`ends_on`); version 1 could not tell such a work from one
//! day's, so its host deleted the notice a retention after the first day while the work ran.
//! A record's version is bound into its seal: each version has its own purposes (notice and
//! amendment), so a version-1 record never opens as a version 2 nor the reverse, and the
//! event says which version it carries (`record_version` of
//! [`crate::events::PostingNoticeV2`] and [`crate::events::PostingAmendV2`]): 2 as this build
//! seals them, 1 in an event of version 1 read as version 2 (the event cannot migrate what it
//! cannot open). [`open`] and [`open_amendment`] open either and return version 2, a
//! version-1 record read as a work that is not open-ended, as it was meant.

use crate::keys::{NodeKey, TrustStore};
use crate::transfer::{open_for, seal_for, Purpose, SealError, SealedV1};
use crate::NodeId;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

const NOTICE_V1: Purpose = Purpose { aad: "partage.posting.v1", info: b"partage posting notice v1" };
const AMENDMENT_V1: Purpose = Purpose { aad: "partage.posting-amend.v1", info: b"partage posting amendment v1" };
const NOTICE_V2: Purpose = Purpose { aad: "partage.posting.v2", info: b"partage posting notice v2" };
const AMENDMENT_V2: Purpose = Purpose { aad: "partage.posting-amend.v2", info: b"partage posting amendment v2" };

/// The version of the record this build seals: [`PostingRecordV2`].
pub const RECORD_VERSION: u16 = 2;

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

/// What the host office is told of one work in its country, version 1: what a node of an
/// earlier build sends, read as a [`PostingRecordV2`] of a work that ends with its days.
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

/// What the host office is told of one work in its country, version 2: version 1's fields,
/// whether the work is open-ended and, once the sending office ended it, its last day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostingRecordV2 {
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
    /// The days of work and their hours, in date order; an open-ended work's first day(s) only.
    pub days: Vec<PostingDayV1>,
    /// The state whose social-security legislation applies (Regulation 883/2004), when decided.
    pub legislation_state: Option<String>,
    /// The article of Regulation 883/2004 it rests on (`12(1)`, `13(1)(a)`...).
    pub legislation_article: Option<String>,
    /// The reference of the A1 certificate that covers the days, when one is recorded.
    pub a1_reference: Option<String>,
    /// The work runs until it is ended, with no last day fixed in advance (a stabilised
    /// contract): it goes on after the listed days.
    pub open_ended: bool,
    /// The last day of an open-ended work, once the sending office ended it; none while it
    /// runs, and none for a work that ends with its listed days.
    pub ends_on: Option<NaiveDate>,
}

impl From<PostingRecordV1> for PostingRecordV2 {
    /// A version-1 record: a work that ends with its listed days, as version 1 meant it.
    fn from(r: PostingRecordV1) -> Self {
        PostingRecordV2 {
            notice: r.notice,
            sending_node: r.sending_node,
            sending_country: r.sending_country,
            first_name: r.first_name,
            last_name: r.last_name,
            birth_date: r.birth_date,
            nationality: r.nationality,
            work_country: r.work_country,
            place: r.place,
            function: r.function,
            days: r.days,
            legislation_state: r.legislation_state,
            legislation_article: r.legislation_article,
            a1_reference: r.a1_reference,
            open_ended: false,
            ends_on: None,
        }
    }
}

/// Opens a record of `version` sealed under that version's purpose (`v1` or `v2`), as version 2.
fn open_version(
    (v1, v2): (Purpose, Purpose),
    key: &NodeKey,
    from: &NodeId,
    notice: Uuid,
    version: u16,
    sealed: &SealedV1,
) -> Result<PostingRecordV2, SealError> {
    match version {
        1 => open_for::<PostingRecordV1>(v1, key, from, notice, sealed).map(PostingRecordV2::from),
        2 => open_for(v2, key, from, notice, sealed),
        other => Err(SealError::Unreadable(format!("posting record version {other}"))),
    }
}

/// Seals `record` for the host `to` (its key from `trust`), sent by `from`, bound to the
/// notice, as record version [`RECORD_VERSION`].
pub fn seal(trust: &TrustStore, from: &NodeId, to: &NodeId, record: &PostingRecordV2) -> Result<SealedV1, SealError> {
    seal_for(NOTICE_V2, trust, from, to, record.notice, record)
}

/// Opens notice `notice` sealed to `key`'s node by `from`, its record of version
/// `record_version` (1 or 2, as its event says), as version 2.
pub fn open(
    key: &NodeKey,
    from: &NodeId,
    notice: Uuid,
    record_version: u16,
    sealed: &SealedV1,
) -> Result<PostingRecordV2, SealError> {
    open_version((NOTICE_V1, NOTICE_V2), key, from, notice, record_version, sealed)
}

/// Seals the amended `record` of its notice for the host `to`, sent by `from`, as record
/// version [`RECORD_VERSION`].
pub fn seal_amendment(
    trust: &TrustStore,
    from: &NodeId,
    to: &NodeId,
    record: &PostingRecordV2,
) -> Result<SealedV1, SealError> {
    seal_for(AMENDMENT_V2, trust, from, to, record.notice, record)
}

/// Opens the amended record of notice `notice` sealed to `key`'s node by `from`, of version
/// `record_version` (1 or 2, as its event says), as version 2.
pub fn open_amendment(
    key: &NodeKey,
    from: &NodeId,
    notice: Uuid,
    record_version: u16,
    sealed: &SealedV1,
) -> Result<PostingRecordV2, SealError> {
    open_version((AMENDMENT_V1, AMENDMENT_V2), key, from, notice, record_version, sealed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str) -> NodeId {
        NodeId::new(id).unwrap()
    }

    fn day(d: &str) -> NaiveDate {
        NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()
    }

    fn record_v1(notice: Uuid) -> PostingRecordV1 {
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

    fn record(notice: Uuid) -> PostingRecordV2 {
        PostingRecordV2::from(record_v1(notice))
    }

    #[test]
    fn a_notice_sealed_to_the_host_opens_there_only_and_for_its_id_only() {
        let (be, fr, trust) = crate::keys::testing::belgium_and_france();
        let n = Uuid::now_v7();
        let sealed = seal(&trust, &node("be"), &node("fr"), &record(n)).unwrap();
        assert!(!sealed.ciphertext.contains("Dubois"));
        assert_eq!(open(&fr, &node("be"), n, RECORD_VERSION, &sealed).unwrap(), record(n));
        assert!(matches!(open(&be, &node("be"), n, 2, &sealed), Err(SealError::WrongKey { .. })));
        assert!(matches!(open(&fr, &node("be"), Uuid::now_v7(), 2, &sealed), Err(SealError::Unreadable(_))));
        assert!(matches!(open(&fr, &node("nl"), n, 2, &sealed), Err(SealError::Unreadable(_))));
    }

    #[test]
    fn an_open_ended_work_and_its_end_reach_the_host_sealed() {
        let (_, fr, trust) = crate::keys::testing::belgium_and_france();
        let n = Uuid::now_v7();
        let running = PostingRecordV2 { open_ended: true, ..record(n) };
        let sealed = seal(&trust, &node("be"), &node("fr"), &running).unwrap();
        let opened = open(&fr, &node("be"), n, 2, &sealed).unwrap();
        assert_eq!((opened.open_ended, opened.ends_on), (true, None));
        let ended = PostingRecordV2 { ends_on: Some(day("2026-06-30")), ..running };
        let sealed = seal_amendment(&trust, &node("be"), &node("fr"), &ended).unwrap();
        assert!(!sealed.ciphertext.contains("2026-06-30"));
        assert_eq!(open_amendment(&fr, &node("be"), n, 2, &sealed).unwrap(), ended);
        let wire = serde_json::to_value(&ended).unwrap();
        assert_eq!((wire["open_ended"].as_bool(), wire["ends_on"].as_str()), (Some(true), Some("2026-06-30")));
    }

    #[test]
    fn a_version_1_record_opens_as_a_work_that_ends_with_its_days() {
        let (_, fr, trust) = crate::keys::testing::belgium_and_france();
        let n = Uuid::now_v7();
        // What a node of an earlier build seals: version 1, under version 1's purposes.
        let notice = seal_for(NOTICE_V1, &trust, &node("be"), &node("fr"), n, &record_v1(n)).unwrap();
        let opened = open(&fr, &node("be"), n, 1, &notice).unwrap();
        assert_eq!((opened.open_ended, opened.ends_on), (false, None));
        assert_eq!(opened, record(n));
        let amendment = seal_for(AMENDMENT_V1, &trust, &node("be"), &node("fr"), n, &record_v1(n)).unwrap();
        assert_eq!(open_amendment(&fr, &node("be"), n, 1, &amendment).unwrap(), record(n));
    }

    #[test]
    fn a_record_opens_only_as_the_version_it_was_sealed_as() {
        let (_, fr, trust) = crate::keys::testing::belgium_and_france();
        let n = Uuid::now_v7();
        let v1 = seal_for(NOTICE_V1, &trust, &node("be"), &node("fr"), n, &record_v1(n)).unwrap();
        let v2 = seal(&trust, &node("be"), &node("fr"), &record(n)).unwrap();
        assert!(matches!(open(&fr, &node("be"), n, 2, &v1), Err(SealError::Unreadable(_))));
        assert!(matches!(open(&fr, &node("be"), n, 1, &v2), Err(SealError::Unreadable(_))));
        let err = open(&fr, &node("be"), n, 3, &v2).unwrap_err();
        assert!(err.to_string().contains("posting record version 3"), "{err}");
    }

    #[test]
    fn a_notice_never_opens_as_a_transfer_record_nor_the_reverse() {
        let (_, fr, trust) = crate::keys::testing::belgium_and_france();
        let n = Uuid::now_v7();
        let sealed = seal(&trust, &node("be"), &node("fr"), &record(n)).unwrap();
        assert!(matches!(crate::transfer::open(&fr, &node("be"), n, 1, &sealed), Err(SealError::Unreadable(_))));
        assert!(matches!(crate::transfer::open(&fr, &node("be"), n, 2, &sealed), Err(SealError::Unreadable(_))));
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
        assert!(matches!(open(&fr, &node("be"), n, 2, &as_transfer), Err(SealError::Unreadable(_))));
    }

    #[test]
    fn an_amendment_sealed_to_the_host_opens_there_only_for_its_notice_only() {
        let (be, fr, trust) = crate::keys::testing::belgium_and_france();
        let n = Uuid::now_v7();
        let mut amended = record(n);
        amended.days[0].end = NaiveTime::from_hms_opt(18, 0, 0).unwrap();
        let sealed = seal_amendment(&trust, &node("be"), &node("fr"), &amended).unwrap();
        assert!(!sealed.ciphertext.contains("Dubois"));
        assert_eq!(open_amendment(&fr, &node("be"), n, 2, &sealed).unwrap(), amended);
        assert!(matches!(open_amendment(&be, &node("be"), n, 2, &sealed), Err(SealError::WrongKey { .. })));
        assert!(matches!(open_amendment(&fr, &node("be"), Uuid::now_v7(), 2, &sealed), Err(SealError::Unreadable(_))));
        assert!(matches!(open_amendment(&fr, &node("nl"), n, 2, &sealed), Err(SealError::Unreadable(_))));
    }

    #[test]
    fn an_amendment_never_opens_as_a_notice_nor_the_reverse() {
        let (_, fr, trust) = crate::keys::testing::belgium_and_france();
        let n = Uuid::now_v7();
        let amendment = seal_amendment(&trust, &node("be"), &node("fr"), &record(n)).unwrap();
        assert!(matches!(open(&fr, &node("be"), n, 2, &amendment), Err(SealError::Unreadable(_))));
        let notice = seal(&trust, &node("be"), &node("fr"), &record(n)).unwrap();
        assert!(matches!(open_amendment(&fr, &node("be"), n, 2, &notice), Err(SealError::Unreadable(_))));
        let v1 = seal_for(AMENDMENT_V1, &trust, &node("be"), &node("fr"), n, &record_v1(n)).unwrap();
        assert!(matches!(open(&fr, &node("be"), n, 1, &v1), Err(SealError::Unreadable(_))));
    }
}
