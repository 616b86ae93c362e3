//! The events a node publishes, one type per event version.
//!
//! Events are their own types, not the API's bodies nor the node's entities,
//! so that either can change without changing what is on the wire. A new
//! version of an event is a new type beside the old one, with a
//! [`Migrate`] from it; [`Event::decode`] reads any known version and returns
//! the latest, so a receiver handles one shape per event. A posting notice's events, the
//! first with a second version, are in `events/posting.rs`, re-exported here.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

mod posting;
pub use posting::{PostingAmendV1, PostingAmendV2, PostingCancelV1, PostingNoticeV1, PostingNoticeV2};

/// An amount on the wire: decimal text (never a float) and its ISO 4217 currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    /// The amount, written as text (`"1234.50"`).
    pub amount: Decimal,
    /// The ISO 4217 code (`EUR`, `SEK`).
    pub currency: String,
}

/// One version of one event: its type name and version number.
pub trait EventVersion: Serialize + DeserializeOwned {
    /// The type name, also the last tokens of its subject for `ev` events.
    const TYPE: &'static str;
    /// The version of this shape of the event.
    const VERSION: u16;
}

/// A version that replaces an older one: how to read the older one as this.
pub trait Migrate: EventVersion {
    /// The version before this one.
    type Previous: EventVersion;
    /// The older event in this version's shape.
    fn migrate(previous: Self::Previous) -> Self;
}

/// An invoice or a credit note was issued: its number and totals are final.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvoiceIssuedV1 {
    /// The invoice.
    pub invoice: Uuid,
    /// The activity it credits.
    pub activity: Uuid,
    /// Its number in its series.
    pub number: String,
    /// Its issue date.
    pub issued_on: NaiveDate,
    /// Whether it is a credit note (its totals, positive, are then taken back).
    pub credit_note: bool,
    /// The invoice a credit note cancels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancels: Option<Uuid>,
    /// Total without VAT.
    pub total_excl_vat: Amount,
    /// VAT.
    pub vat: Amount,
    /// Total due.
    pub total: Amount,
}
impl EventVersion for InvoiceIssuedV1 {
    const TYPE: &'static str = "invoice.issued";
    const VERSION: u16 = 1;
}

/// A client's payment was recorded against an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentRecordedV1 {
    /// The invoice paid.
    pub invoice: Uuid,
    /// The activity it credits.
    pub activity: Uuid,
    /// The payment's date.
    pub paid_on: NaiveDate,
    /// The amount received.
    pub amount: Amount,
}
impl EventVersion for PaymentRecordedV1 {
    const TYPE: &'static str = "payment.recorded";
    const VERSION: u16 = 1;
}

/// A chunk of a payroll run paid payslips.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PayslipsPaidV1 {
    /// The run.
    pub run: Uuid,
    /// The run's month (`YYYY-MM`).
    pub period: String,
    /// The payslips of this chunk.
    pub payslips: u32,
    /// Their gross pay.
    pub gross: Amount,
    /// Their net pay.
    pub net: Amount,
    /// Their employer cost.
    pub employer_cost: Amount,
}
impl EventVersion for PayslipsPaidV1 {
    const TYPE: &'static str = "payslips.paid";
    const VERSION: u16 = 1;
}

/// The guarantee fund moved for an activity: an advance, a recovery or a loss.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundMovedV1 {
    /// The activity.
    pub activity: Uuid,
    /// `advance`, `recovery` or `loss`.
    pub kind: String,
    /// The movement's amount, positive: `kind` says which way it goes.
    pub amount: Amount,
    /// The day of the movement.
    pub on: NaiveDate,
}
impl EventVersion for FundMovedV1 {
    const TYPE: &'static str = "fund.moved";
    const VERSION: u16 = 1;
}

/// One sector's figures of a period, in the snapshot's currency.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectorFiguresV1 {
    /// People paid or invoicing in this sector during the period (for small-cell suppression).
    pub people: u32,
    /// Invoiced turnover excluding VAT, credit notes deducted.
    pub turnover_excl_vat: Decimal,
    /// Gross wages of the period's payslips.
    pub payroll_mass_gross: Decimal,
    /// Employer cost of the period's payslips.
    pub employer_cost: Decimal,
}

/// The three sectors of an activity (core's `Sector`, without sub-sectors).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectorsV1 {
    /// Artistic activities.
    pub artistic: SectorFiguresV1,
    /// Cultural industries.
    pub cultural_industry: SectorFiguresV1,
    /// Everything else.
    pub other: SectorFiguresV1,
}

impl SectorsV1 {
    /// The sectors with their wire names, in report order.
    pub fn named(&self) -> [(&'static str, &SectorFiguresV1); 3] {
        [("artistic", &self.artistic), ("cultural_industry", &self.cultural_industry), ("other", &self.other)]
    }
}

/// The guarantee fund at the moment the figures were computed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundFiguresV1 {
    /// What the fund holds to lend.
    pub balance: Decimal,
    /// Advances out, neither recovered nor lost.
    pub open_advances: Decimal,
}

/// A node's aggregate figures for a month (docs/research/federation.md §6.4): state, not
/// a delta, and aggregates only: no field can hold a person.
///
/// §6.4 lists the sector amounts; `people` per sector (HQ's small-cell suppression) and
/// `fund` (HQ's coverage flag) are HQ's additions. §6.1 sends a period's closing on a
/// subject of its own (`agg.<YYYY-MM>.closed`), so this body has no `closed` flag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodFiguresV1 {
    /// The month (`YYYY-MM`).
    pub period: String,
    /// Rises with each snapshot of the same period; the highest wins.
    pub revision: u32,
    /// The ISO 4217 code of every amount.
    pub currency: String,
    /// Members active at the period's end.
    pub members_active: u32,
    /// Members admitted during the period.
    pub signups: u32,
    /// Members who left during the period.
    pub leavers: u32,
    /// Full-time equivalents paid in the period (time worked over a full month).
    pub fte: Decimal,
    /// Figures by sector.
    pub sectors: SectorsV1,
    /// The guarantee fund.
    pub fund: FundFiguresV1,
}
impl EventVersion for PeriodFiguresV1 {
    const TYPE: &'static str = "period.figures";
    const VERSION: u16 = 1;
}

/// HQ's reference rate of a currency for a month (research §6.4), published to the nodes
/// on `partage.hq.fx.<YYYY-MM>`: the ECB euro reference rate of the month's last TARGET
/// day, dated and versioned, with its source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FxRateV1 {
    /// ISO 4217 code (SEK, HUF).
    pub currency: String,
    /// The month it converts, `YYYY-MM`.
    pub period: String,
    /// Rises when HQ corrects a published rate.
    pub version: u32,
    /// Units of the currency for one euro (the ECB's quotation).
    pub units_per_eur: Decimal,
    /// The day of the reference rate.
    pub rate_date: NaiveDate,
    /// Where the value comes from.
    pub source: String,
}
impl EventVersion for FxRateV1 {
    const TYPE: &'static str = "fx.rate";
    const VERSION: u16 = 1;
}

/// Transfer, origin → destination: the member's sealed portable record
/// (docs/research/federation.md §6.5, step 2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferOfferV1 {
    /// The transfer (UUIDv7), unique in the federation.
    pub transfer: Uuid,
    /// The destination node.
    pub to: crate::NodeId,
    /// After this instant the origin cancels rather than commits.
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// The group's shares rule the origin applies (`refund` or `carry`).
    pub shares_rule: String,
    /// The member's [`crate::transfer::MemberRecordV1`], sealed to the destination.
    pub record: crate::transfer::SealedV1,
}
impl EventVersion for TransferOfferV1 {
    const TYPE: &'static str = "transfer.offer";
    const VERSION: u16 = 1;
}

/// Transfer, origin → destination, version 2: as version 1, with the version of the record
/// it seals ([`crate::transfer::MemberRecordV2`] carries the member's nationality). The record
/// travels sealed, so a version-1 offer read as this one keeps its version-1 record and says
/// so (`record_version` 1); the destination opens either ([`crate::transfer::open`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferOfferV2 {
    /// The transfer (UUIDv7), unique in the federation.
    pub transfer: Uuid,
    /// The destination node.
    pub to: crate::NodeId,
    /// After this instant the origin cancels rather than commits.
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// The group's shares rule the origin applies (`refund` or `carry`).
    pub shares_rule: String,
    /// The version of the record sealed in `record`: [`crate::transfer::RECORD_VERSION`] (2)
    /// as this build sends it, 1 in a [`TransferOfferV1`] read as this version.
    pub record_version: u16,
    /// The member's record, sealed to the destination ([`crate::transfer::seal`]).
    pub record: crate::transfer::SealedV1,
}
impl EventVersion for TransferOfferV2 {
    const TYPE: &'static str = "transfer.offer";
    const VERSION: u16 = 2;
}
impl Migrate for TransferOfferV2 {
    type Previous = TransferOfferV1;
    fn migrate(previous: TransferOfferV1) -> Self {
        TransferOfferV2 {
            transfer: previous.transfer,
            to: previous.to,
            expires_at: previous.expires_at,
            shares_rule: previous.shares_rule,
            record_version: 1,
            record: previous.record,
        }
    }
}

/// Transfer, destination → origin: the destination takes the member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferAcceptV1 {
    /// The transfer.
    pub transfer: Uuid,
    /// The origin node.
    pub to: crate::NodeId,
}
impl EventVersion for TransferAcceptV1 {
    const TYPE: &'static str = "transfer.accept";
    const VERSION: u16 = 1;
}

/// Transfer, destination → origin: the destination refuses the member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferRejectV1 {
    /// The transfer.
    pub transfer: Uuid,
    /// The origin node.
    pub to: crate::NodeId,
    /// Why, in a few words (no personal data).
    pub reason: String,
}
impl EventVersion for TransferRejectV1 {
    const TYPE: &'static str = "transfer.reject";
    const VERSION: u16 = 1;
}

/// Transfer, origin → destination: the member left the origin; activate them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferCommitV1 {
    /// The transfer.
    pub transfer: Uuid,
    /// The destination node.
    pub to: crate::NodeId,
    /// Paid shares the origin took out of its register (refunded or carried).
    pub shares_out: u32,
    /// Their capital, paid to the member (`refund`) or to the destination (`carry`).
    pub capital_out: Amount,
}
impl EventVersion for TransferCommitV1 {
    const TYPE: &'static str = "transfer.commit";
    const VERSION: u16 = 1;
}

/// Transfer, origin → destination: the offer is withdrawn (by hand, or expired).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferCancelV1 {
    /// The transfer.
    pub transfer: Uuid,
    /// The destination node.
    pub to: crate::NodeId,
    /// `withdrawn`, `expired` or `accepted-late`.
    pub reason: String,
}
impl EventVersion for TransferCancelV1 {
    const TYPE: &'static str = "transfer.cancel";
    const VERSION: u16 = 1;
}

/// Every event, each in its latest version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// See [`InvoiceIssuedV1`].
    InvoiceIssued(InvoiceIssuedV1),
    /// See [`PaymentRecordedV1`].
    PaymentRecorded(PaymentRecordedV1),
    /// See [`PayslipsPaidV1`].
    PayslipsPaid(PayslipsPaidV1),
    /// See [`FundMovedV1`].
    FundMoved(FundMovedV1),
    /// See [`PeriodFiguresV1`].
    PeriodFigures(PeriodFiguresV1),
    /// See [`FxRateV1`].
    FxRate(FxRateV1),
    /// See [`TransferOfferV2`].
    TransferOffer(TransferOfferV2),
    /// See [`TransferAcceptV1`].
    TransferAccept(TransferAcceptV1),
    /// See [`TransferRejectV1`].
    TransferReject(TransferRejectV1),
    /// See [`TransferCommitV1`].
    TransferCommit(TransferCommitV1),
    /// See [`TransferCancelV1`].
    TransferCancel(TransferCancelV1),
    /// See [`PostingNoticeV2`].
    PostingNotice(PostingNoticeV2),
    /// See [`PostingCancelV1`].
    PostingCancel(PostingCancelV1),
    /// See [`PostingAmendV2`].
    PostingAmend(PostingAmendV2),
}

/// Every event type and version this build reads: [`Event::decode`] refuses any other pair
/// before looking at its body, so a version added to `decode` without being listed here is
/// never read (and the round trips of the tests fail).
pub const READS: &[(&str, u16)] = &[
    (InvoiceIssuedV1::TYPE, InvoiceIssuedV1::VERSION),
    (PaymentRecordedV1::TYPE, PaymentRecordedV1::VERSION),
    (PayslipsPaidV1::TYPE, PayslipsPaidV1::VERSION),
    (FundMovedV1::TYPE, FundMovedV1::VERSION),
    (PeriodFiguresV1::TYPE, PeriodFiguresV1::VERSION),
    (FxRateV1::TYPE, FxRateV1::VERSION),
    (TransferOfferV1::TYPE, TransferOfferV1::VERSION),
    (TransferOfferV2::TYPE, TransferOfferV2::VERSION),
    (TransferAcceptV1::TYPE, TransferAcceptV1::VERSION),
    (TransferRejectV1::TYPE, TransferRejectV1::VERSION),
    (TransferCommitV1::TYPE, TransferCommitV1::VERSION),
    (TransferCancelV1::TYPE, TransferCancelV1::VERSION),
    (PostingNoticeV1::TYPE, PostingNoticeV1::VERSION),
    (PostingNoticeV2::TYPE, PostingNoticeV2::VERSION),
    (PostingCancelV1::TYPE, PostingCancelV1::VERSION),
    (PostingAmendV1::TYPE, PostingAmendV1::VERSION),
    (PostingAmendV2::TYPE, PostingAmendV2::VERSION),
];

/// What this build reads, in 16 hexadecimal digits (the first 8 bytes of the SHA-256 of
/// [`READS`], sorted, as `type/version` lines): the same for two builds that read the same
/// events, different once a build learns a type or a version. A receiver keeps it with a
/// message it parks as unreadable, so that a later build knows whether it may read it now.
pub fn reads_tag() -> String {
    let mut lines: Vec<String> = READS.iter().map(|(kind, version)| format!("{kind}/{version}\n")).collect();
    lines.sort();
    let digest = ring::digest::digest(&ring::digest::SHA256, lines.concat().as_bytes());
    digest.as_ref().iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// An event this build cannot read: a type or version it does not know, or a body that does not fit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("event {kind} version {version}: {reason}")]
pub struct UnknownEvent {
    /// The type name read.
    pub kind: String,
    /// The version read.
    pub version: u16,
    /// Why it cannot be read.
    pub reason: String,
}

fn body<T: EventVersion>(kind: &str, version: u16, value: &serde_json::Value) -> Result<T, UnknownEvent> {
    T::deserialize(value).map_err(|e| UnknownEvent { kind: kind.to_owned(), version, reason: e.to_string() })
}

/// A body of `T`'s previous version, read as `T`.
fn migrated<T: Migrate>(kind: &str, version: u16, value: &serde_json::Value) -> Result<T, UnknownEvent> {
    body::<T::Previous>(kind, version, value).map(T::migrate)
}

impl Event {
    /// The type name (`invoice.issued`).
    pub fn kind(&self) -> &'static str {
        match self {
            Event::InvoiceIssued(_) => InvoiceIssuedV1::TYPE,
            Event::PaymentRecorded(_) => PaymentRecordedV1::TYPE,
            Event::PayslipsPaid(_) => PayslipsPaidV1::TYPE,
            Event::FundMoved(_) => FundMovedV1::TYPE,
            Event::PeriodFigures(_) => PeriodFiguresV1::TYPE,
            Event::FxRate(_) => FxRateV1::TYPE,
            Event::TransferOffer(_) => TransferOfferV2::TYPE,
            Event::TransferAccept(_) => TransferAcceptV1::TYPE,
            Event::TransferReject(_) => TransferRejectV1::TYPE,
            Event::TransferCommit(_) => TransferCommitV1::TYPE,
            Event::TransferCancel(_) => TransferCancelV1::TYPE,
            Event::PostingNotice(_) => PostingNoticeV2::TYPE,
            Event::PostingCancel(_) => PostingCancelV1::TYPE,
            Event::PostingAmend(_) => PostingAmendV2::TYPE,
        }
    }

    /// The version this build writes.
    pub fn version(&self) -> u16 {
        match self {
            Event::InvoiceIssued(_) => InvoiceIssuedV1::VERSION,
            Event::PaymentRecorded(_) => PaymentRecordedV1::VERSION,
            Event::PayslipsPaid(_) => PayslipsPaidV1::VERSION,
            Event::FundMoved(_) => FundMovedV1::VERSION,
            Event::PeriodFigures(_) => PeriodFiguresV1::VERSION,
            Event::FxRate(_) => FxRateV1::VERSION,
            Event::TransferOffer(_) => TransferOfferV2::VERSION,
            Event::TransferAccept(_) => TransferAcceptV1::VERSION,
            Event::TransferReject(_) => TransferRejectV1::VERSION,
            Event::TransferCommit(_) => TransferCommitV1::VERSION,
            Event::TransferCancel(_) => TransferCancelV1::VERSION,
            Event::PostingNotice(_) => PostingNoticeV2::VERSION,
            Event::PostingCancel(_) => PostingCancelV1::VERSION,
            Event::PostingAmend(_) => PostingAmendV2::VERSION,
        }
    }

    /// The subject's tokens after `partage.<node>.`: `ev.<type>` for the
    /// node's own movements, `agg.<YYYY-MM>.figures` for what HQ sources,
    /// `fx.<YYYY-MM>` for HQ's rates, `mob.<to>.<transfer>.<step>` for a transfer's
    /// steps and `mob.<to>.<notice>.posting` / `.posting-cancel` / `.posting-amend` for a posting notice (the
    /// addressee's id in the subject, so its inbox sources only its own, and HQ, which
    /// sources `agg.>`, never sees them).
    pub fn subject_tail(&self) -> String {
        match self {
            Event::PeriodFigures(f) => format!("agg.{}.figures", f.period),
            Event::FxRate(r) => format!("fx.{}", r.period),
            Event::TransferOffer(e) => format!("mob.{}.{}.offer", e.to, e.transfer),
            Event::TransferAccept(e) => format!("mob.{}.{}.accept", e.to, e.transfer),
            Event::TransferReject(e) => format!("mob.{}.{}.reject", e.to, e.transfer),
            Event::TransferCommit(e) => format!("mob.{}.{}.commit", e.to, e.transfer),
            Event::TransferCancel(e) => format!("mob.{}.{}.cancel", e.to, e.transfer),
            Event::PostingNotice(e) => format!("mob.{}.{}.posting", e.to, e.notice),
            Event::PostingCancel(e) => format!("mob.{}.{}.posting-cancel", e.to, e.notice),
            Event::PostingAmend(e) => format!("mob.{}.{}.posting-amend", e.to, e.notice),
            other => format!("ev.{}", other.kind()),
        }
    }

    /// The body as JSON.
    pub fn body(&self) -> serde_json::Value {
        let value = match self {
            Event::InvoiceIssued(e) => serde_json::to_value(e),
            Event::PaymentRecorded(e) => serde_json::to_value(e),
            Event::PayslipsPaid(e) => serde_json::to_value(e),
            Event::FundMoved(e) => serde_json::to_value(e),
            Event::PeriodFigures(e) => serde_json::to_value(e),
            Event::FxRate(e) => serde_json::to_value(e),
            Event::TransferOffer(e) => serde_json::to_value(e),
            Event::TransferAccept(e) => serde_json::to_value(e),
            Event::TransferReject(e) => serde_json::to_value(e),
            Event::TransferCommit(e) => serde_json::to_value(e),
            Event::TransferCancel(e) => serde_json::to_value(e),
            Event::PostingNotice(e) => serde_json::to_value(e),
            Event::PostingCancel(e) => serde_json::to_value(e),
            Event::PostingAmend(e) => serde_json::to_value(e),
        };
        // These types hold only strings, numbers and dates: they always serialise.
        value.unwrap_or(serde_json::Value::Null)
    }

    /// Reads a body of any known version ([`READS`]), migrated to the latest.
    pub fn decode(kind: &str, version: u16, value: &serde_json::Value) -> Result<Event, UnknownEvent> {
        if !READS.contains(&(kind, version)) {
            return Err(UnknownEvent { kind: kind.to_owned(), version, reason: "unknown type or version".into() });
        }
        match (kind, version) {
            (InvoiceIssuedV1::TYPE, 1) => body(kind, version, value).map(Event::InvoiceIssued),
            (PaymentRecordedV1::TYPE, 1) => body(kind, version, value).map(Event::PaymentRecorded),
            (PayslipsPaidV1::TYPE, 1) => body(kind, version, value).map(Event::PayslipsPaid),
            (FundMovedV1::TYPE, 1) => body(kind, version, value).map(Event::FundMoved),
            (PeriodFiguresV1::TYPE, 1) => body(kind, version, value).map(Event::PeriodFigures),
            (FxRateV1::TYPE, 1) => body(kind, version, value).map(Event::FxRate),
            (TransferOfferV1::TYPE, 1) => migrated::<TransferOfferV2>(kind, version, value).map(Event::TransferOffer),
            (TransferOfferV2::TYPE, 2) => body(kind, version, value).map(Event::TransferOffer),
            (TransferAcceptV1::TYPE, 1) => body(kind, version, value).map(Event::TransferAccept),
            (TransferRejectV1::TYPE, 1) => body(kind, version, value).map(Event::TransferReject),
            (TransferCommitV1::TYPE, 1) => body(kind, version, value).map(Event::TransferCommit),
            (TransferCancelV1::TYPE, 1) => body(kind, version, value).map(Event::TransferCancel),
            (PostingNoticeV1::TYPE, 1) => migrated::<PostingNoticeV2>(kind, version, value).map(Event::PostingNotice),
            (PostingNoticeV2::TYPE, 2) => body(kind, version, value).map(Event::PostingNotice),
            (PostingCancelV1::TYPE, 1) => body(kind, version, value).map(Event::PostingCancel),
            (PostingAmendV1::TYPE, 1) => migrated::<PostingAmendV2>(kind, version, value).map(Event::PostingAmend),
            (PostingAmendV2::TYPE, 2) => body(kind, version, value).map(Event::PostingAmend),
            _ => Err(UnknownEvent { kind: kind.to_owned(), version, reason: "unknown type or version".into() }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn eur(amount: Decimal) -> Amount {
        Amount { amount, currency: "EUR".into() }
    }

    #[test]
    fn amounts_travel_as_decimal_text() {
        let e = Event::PaymentRecorded(PaymentRecordedV1 {
            invoice: Uuid::nil(),
            activity: Uuid::nil(),
            paid_on: NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(),
            amount: eur(dec!(0.10)),
        });
        let json = e.body();
        assert_eq!(json["amount"]["amount"], serde_json::json!("0.10"));
        assert_eq!(Event::decode(e.kind(), e.version(), &json).unwrap(), e);
    }

    #[test]
    fn an_unknown_version_is_reported_not_guessed() {
        let err = Event::decode("invoice.issued", 9, &serde_json::json!({})).unwrap_err();
        assert_eq!(err.version, 9);
        let err = Event::decode("fund.moved", 1, &serde_json::json!({"activity": 1})).unwrap_err();
        assert_eq!(err.kind, "fund.moved");
    }

    #[test]
    fn every_listed_version_is_decoded_and_the_next_one_is_not() {
        for (kind, version) in READS {
            let err = Event::decode(kind, *version, &serde_json::Value::Null).unwrap_err();
            assert_ne!(err.reason, "unknown type or version", "{kind} {version} is listed but not decoded");
            if !READS.contains(&(kind, version + 1)) {
                let next = Event::decode(kind, version + 1, &serde_json::Value::Null).unwrap_err();
                assert_eq!(next.reason, "unknown type or version", "{kind} {}", version + 1);
            }
        }
    }

    #[test]
    fn the_reads_tag_is_short_stable_and_names_what_this_build_reads() {
        let tag = reads_tag();
        assert_eq!(tag.len(), 16);
        assert!(tag.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(tag, reads_tag());
    }

    #[test]
    fn a_version_1_offer_reads_as_version_2_with_its_version_1_record() {
        let sealed = crate::transfer::SealedV1 {
            alg: crate::transfer::SEAL_ALG.into(),
            key_id: "fr-1".into(),
            epk: "AAAA".into(),
            ciphertext: "AAAA".into(),
        };
        let v1 = TransferOfferV1 {
            transfer: Uuid::nil(),
            to: crate::NodeId::new("fr").unwrap(),
            expires_at: chrono::DateTime::UNIX_EPOCH,
            shares_rule: "refund".into(),
            record: sealed.clone(),
        };
        let body = serde_json::to_value(&v1).unwrap();
        let Event::TransferOffer(read) = Event::decode("transfer.offer", 1, &body).unwrap() else { panic!() };
        assert_eq!((read.record_version, &read.record), (1, &sealed));
        let v2 = Event::TransferOffer(TransferOfferV2 { record_version: 2, ..read });
        assert_eq!(v2.version(), 2);
        assert_eq!(Event::decode(v2.kind(), 2, &v2.body()).unwrap(), v2);
    }

    #[test]
    fn period_figures_go_under_agg_and_movements_under_ev() {
        let f = PeriodFiguresV1 {
            period: "2026-11".into(),
            revision: 1,
            currency: "EUR".into(),
            members_active: 3,
            signups: 0,
            leavers: 0,
            fte: dec!(1.5),
            sectors: SectorsV1::default(),
            fund: FundFiguresV1::default(),
        };
        assert_eq!(Event::PeriodFigures(f).subject_tail(), "agg.2026-11.figures");
        let m = FundMovedV1 { activity: Uuid::nil(), kind: "advance".into(), amount: eur(dec!(1)), on: NaiveDate::MIN };
        assert_eq!(Event::FundMoved(m).subject_tail(), "ev.fund.moved");
        let t = Uuid::nil();
        let accept = Event::TransferAccept(TransferAcceptV1 { transfer: t, to: crate::NodeId::new("be").unwrap() });
        assert_eq!(accept.subject_tail(), format!("mob.be.{t}.accept"));
        assert_eq!(Event::decode(accept.kind(), 1, &accept.body()).unwrap(), accept);
        let cancel = Event::PostingCancel(PostingCancelV1 { notice: t, to: crate::NodeId::new("fr").unwrap() });
        assert_eq!(cancel.subject_tail(), format!("mob.fr.{t}.posting-cancel"));
        assert_eq!(Event::decode(cancel.kind(), 1, &cancel.body()).unwrap(), cancel);
    }
}
