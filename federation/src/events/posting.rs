//! A posting notice's events (issue 13), origin → host: the notice, its amendments and its
//! cancel, each version beside the one it replaces.
//!
//! Version 2 of the notice and of the amendment carries a [`crate::posting::PostingRecordV2`]
//! (whether the work is open-ended, and its end once known). The record travels sealed, so an
//! event of version 1 read as version 2 cannot migrate it: it keeps the sealed version-1
//! record and says so in `record_version` (1), and the host opens it as that version
//! ([`crate::posting::open`]), which reads it as a work that ends with its listed days.

use super::{EventVersion, Migrate};
use crate::transfer::SealedV1;
use crate::NodeId;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Posting notice, origin → host: a member of the origin works in the host's country
/// (issue 13); the record, sealed to the host, says who, where, when and under which
/// legislation. Version 1: its record is a [`crate::posting::PostingRecordV1`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostingNoticeV1 {
    /// The notice (UUIDv7), unique in the federation.
    pub notice: Uuid,
    /// The host node.
    pub to: NodeId,
    /// The [`crate::posting::PostingRecordV1`], sealed to the host.
    pub record: SealedV1,
}
impl EventVersion for PostingNoticeV1 {
    const TYPE: &'static str = "posting.notice";
    const VERSION: u16 = 1;
}

/// Posting notice, origin → host, version 2: as version 1, its record a
/// [`crate::posting::PostingRecordV2`], which says whether the work is open-ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostingNoticeV2 {
    /// The notice (UUIDv7), unique in the federation.
    pub notice: Uuid,
    /// The host node.
    pub to: NodeId,
    /// The version of the record sealed in `record`: [`crate::posting::RECORD_VERSION`] (2) as
    /// this build sends it, 1 in a [`PostingNoticeV1`] read as this version.
    pub record_version: u16,
    /// The record, sealed to the host ([`crate::posting::seal`]).
    pub record: SealedV1,
}
impl EventVersion for PostingNoticeV2 {
    const TYPE: &'static str = "posting.notice";
    const VERSION: u16 = 2;
}
impl Migrate for PostingNoticeV2 {
    type Previous = PostingNoticeV1;
    fn migrate(previous: PostingNoticeV1) -> Self {
        PostingNoticeV2 { notice: previous.notice, to: previous.to, record_version: 1, record: previous.record }
    }
}

/// Posting notice, origin → host: the work will not happen (its contract was cancelled).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostingCancelV1 {
    /// The notice cancelled.
    pub notice: Uuid,
    /// The host node.
    pub to: NodeId,
}
impl EventVersion for PostingCancelV1 {
    const TYPE: &'static str = "posting.cancel";
    const VERSION: u16 = 1;
}

/// Posting notice, origin → host: the work changed after the notice went out (a day's new
/// hours); the whole new record of the same notice, sealed to the host. `revision` rises
/// with each amendment of a notice (the notice itself is revision 1): the host keeps the
/// highest it received, so one arriving after a later one changes nothing. Version 1: its
/// record is a [`crate::posting::PostingRecordV1`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostingAmendV1 {
    /// The notice amended.
    pub notice: Uuid,
    /// The host node.
    pub to: NodeId,
    /// This amendment's revision of the notice: 2 for the first amendment, then 3...
    pub revision: u32,
    /// The new [`crate::posting::PostingRecordV1`], sealed to the host.
    pub record: SealedV1,
}
impl EventVersion for PostingAmendV1 {
    const TYPE: &'static str = "posting.amend";
    const VERSION: u16 = 1;
}

/// Posting notice, origin → host, version 2: as version 1 (a day's new hours, now also the end
/// of an open-ended work), its record a [`crate::posting::PostingRecordV2`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostingAmendV2 {
    /// The notice amended.
    pub notice: Uuid,
    /// The host node.
    pub to: NodeId,
    /// This amendment's revision of the notice: 2 for the first amendment, then 3...
    pub revision: u32,
    /// The version of the record sealed in `record`: [`crate::posting::RECORD_VERSION`] (2) as
    /// this build sends it, 1 in a [`PostingAmendV1`] read as this version.
    pub record_version: u16,
    /// The new record, sealed to the host ([`crate::posting::seal_amendment`]).
    pub record: SealedV1,
}
impl EventVersion for PostingAmendV2 {
    const TYPE: &'static str = "posting.amend";
    const VERSION: u16 = 2;
}
impl Migrate for PostingAmendV2 {
    type Previous = PostingAmendV1;
    fn migrate(previous: PostingAmendV1) -> Self {
        PostingAmendV2 {
            notice: previous.notice,
            to: previous.to,
            revision: previous.revision,
            record_version: 1,
            record: previous.record,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Event;

    fn sealed() -> SealedV1 {
        SealedV1 {
            alg: "x25519-hkdf-sha256-aes256gcm".into(),
            key_id: "fr-1".into(),
            epk: "AAAA".into(),
            ciphertext: "BBBB".into(),
        }
    }

    fn fr() -> NodeId {
        NodeId::new("fr").unwrap()
    }

    #[test]
    fn a_posting_amendment_goes_to_the_host_under_its_notice_and_reads_back_with_its_revision() {
        let n = Uuid::nil();
        let amend = Event::PostingAmend(PostingAmendV2 {
            notice: n,
            to: fr(),
            revision: 3,
            record_version: 2,
            record: sealed(),
        });
        assert_eq!((amend.kind(), amend.version()), ("posting.amend", 2));
        assert_eq!(amend.subject_tail(), format!("mob.fr.{n}.posting-amend"));
        assert_eq!((amend.body()["revision"].as_u64(), amend.body()["record_version"].as_u64()), (Some(3), Some(2)));
        assert_eq!(Event::decode(amend.kind(), 2, &amend.body()).unwrap(), amend);
        // A revision that is not a whole number does not read as one.
        let mut bad = amend.body();
        bad["revision"] = serde_json::json!(-1);
        assert!(Event::decode("posting.amend", 2, &bad).is_err());
    }

    #[test]
    fn a_notice_of_version_1_reads_as_version_2_carrying_a_record_of_version_1() {
        let n = Uuid::nil();
        let v1 = PostingNoticeV1 { notice: n, to: fr(), record: sealed() };
        let body = serde_json::to_value(&v1).unwrap();
        assert!(body.get("record_version").is_none(), "version 1 has no such field: {body}");
        let read = Event::decode("posting.notice", 1, &body).unwrap();
        assert_eq!(
            read,
            Event::PostingNotice(PostingNoticeV2 { notice: n, to: fr(), record_version: 1, record: sealed() })
        );
        // Written again, it is a version 2 that still says its record is of version 1.
        assert_eq!((read.kind(), read.version()), ("posting.notice", 2));
        assert_eq!(read.subject_tail(), format!("mob.fr.{n}.posting"));
        assert_eq!(Event::decode(read.kind(), read.version(), &read.body()).unwrap(), read);
        // A version-2 body is not a version 1, nor the reverse.
        assert!(Event::decode("posting.notice", 1, &read.body()).is_err());
        assert!(Event::decode("posting.notice", 2, &body).is_err());
        assert!(Event::decode("posting.notice", 3, &read.body()).is_err());
    }

    #[test]
    fn an_amendment_of_version_1_reads_as_version_2_with_its_revision() {
        let n = Uuid::nil();
        let v1 = PostingAmendV1 { notice: n, to: fr(), revision: 4, record: sealed() };
        let read = Event::decode("posting.amend", 1, &serde_json::to_value(&v1).unwrap()).unwrap();
        assert_eq!(
            read,
            Event::PostingAmend(PostingAmendV2 {
                notice: n,
                to: fr(),
                revision: 4,
                record_version: 1,
                record: sealed()
            })
        );
    }
}
