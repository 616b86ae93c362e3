//! Member transfers between offices, exactly once (docs/research/federation.md §6.5;
//! core's `transfer::decide` says what each side does on each step).
//!
//! Every step is one transaction on its side: the transfer's row, the member, the
//! shares' journal entries, the step's row in `member_transfer_steps` (unique on
//! transfer and step) and the outgoing event in the outbox commit together or not at
//! all; an incoming step adds the inbox row of its event id. So a crash anywhere leaves
//! either the step whole or nothing, and a redelivered or duplicated step applies once.
//!
//! The origin freezes the member (`transferring`) when it offers, and unfreezes them on
//! a rejection or a cancellation; on the destination's acceptance it refunds or carries
//! the shares (`federation.transfer_shares`), marks the member `transferred` and sends
//! the commit. The destination imports the offer (opening the sealed record), creates
//! the member `transferring` when its staff accept, and activates (admits) them on the
//! commit, keeping the record as the member's file (seniority, history).
//! A member is thus never active in two offices: at most one side has them `member`.
//! Carried shares move no money: the origin's capital becomes a debt to the destination
//! and the destination's new shares are paid by that claim (`service::inter_office`).
//! An offer expires after `federation.transfer_offer_days`: [`expire_due`] (hourly, and
//! on an accept that comes too late) cancels it, and the cancel wins.

use super::errors::{MemberRefusal, MemberTransferRefusal};
use super::views::Page;
use super::{inter_office, ledger, Node};
use crate::error::AppError;
use crate::storage::transfers::{self as store, TransferRow};
use crate::storage::{is_unique_violation, members as repo, outbox};
use chrono::{DateTime, Utc};
use partage_core::client::CountryCode;
use partage_core::ledger::{self as journal, Office};
use partage_core::member::{next_status, Member, MembershipEvent, MembershipStatus, ShareRegisterEntry};
use partage_core::transfer::{decide, Decision, SharesRule, Side, Step, TransferError, TransferStatus};
use partage_core::{MemberId, Money};
use partage_federation::envelope::Verified;
use partage_federation::events::{
    TransferAcceptV1, TransferCancelV1, TransferCommitV1, TransferOfferV2, TransferRejectV1,
};
use partage_federation::transfer::{
    self as portable, A1CertificateV1, AddressV1, HistoryV1, MemberRecordV1, MemberRecordV2, SharesV1, RECORD_VERSION,
};
use partage_federation::{Event, NodeId, NodeKey, TrustStore};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

/// What a node needs to take part in transfers: who it is, its key, its peers' keys.
pub struct Mobility {
    /// This node.
    pub me: NodeId,
    /// Its key (opens records sealed to it).
    pub key: NodeKey,
    /// The other nodes' enrolled keys (seal records to them; check their steps).
    pub peers: TrustStore,
    /// The group's shares rule.
    pub rule: SharesRule,
    /// Days an offer stays open.
    pub offer_days: u32,
}

impl Mobility {
    /// The offices a member may be offered to: the enrolled peers but this node and HQ.
    pub fn destinations(&self) -> Vec<NodeId> {
        self.peers.nodes().into_iter().filter(|n| *n != self.me && *n != NodeId::hq()).collect()
    }
}

/// The node's transfer settings, or a refusal naming what is missing.
pub fn mobility(node: &Node) -> Result<Mobility, AppError> {
    let f = node.settings.federation.as_ref().ok_or(MemberTransferRefusal::NotFederated)?;
    let peers_file = f.peers_file.as_ref().ok_or(MemberTransferRefusal::NotFederated)?;
    let key = NodeKey::load(&f.key_file).map_err(|e| AppError::Corrupt(format!("federation.key_file: {e}")))?;
    let peers = TrustStore::load(peers_file).map_err(|e| AppError::Corrupt(format!("federation.peers_file: {e}")))?;
    Ok(Mobility { me: f.node.clone(), key, peers, rule: f.transfer_shares, offer_days: f.transfer_offer_days })
}

fn closed(t: &TransferRow, e: TransferError) -> AppError {
    match e {
        TransferError::Expired => MemberTransferRefusal::Expired { transfer: t.id }.into(),
        TransferError::Closed { status, step } => {
            MemberTransferRefusal::Closed { transfer: t.id, status: status.to_string(), step: step.to_string() }.into()
        }
        TransferError::OutOfOrder { side, step, .. } => {
            MemberTransferRefusal::WrongSide { transfer: t.id, side: side.as_str(), step: step.to_string() }.into()
        }
    }
}

/// The transfer's peer as the ledger keys its inter-office accounts.
fn office_of(t: &TransferRow) -> Result<Office, AppError> {
    Office::new(&t.peer).map_err(|_| AppError::Corrupt(format!("transfer {} peer '{}'", t.id, t.peer)))
}

fn peer_of(t: &TransferRow) -> Result<NodeId, AppError> {
    NodeId::new(&t.peer).map_err(|_| AppError::Corrupt(format!("transfer {} peer '{}'", t.id, t.peer)))
}

/// The member's portable record: what moves, and nothing else (federation::transfer).
async fn record_of<C: ConnectionTrait>(
    c: &C,
    m: &Member,
    requested_on: chrono::NaiveDate,
) -> Result<MemberRecordV2, AppError> {
    let (activities, sectors) = store::activity_summary(c, m.id.0).await?;
    let admitted_on = m.admitted_on.unwrap_or(m.applied_on);
    let capital = m.shares.capital()?;
    Ok(MemberRecordV2 {
        origin_member: m.id.0,
        first_name: m.first_name.clone(),
        last_name: m.last_name.clone(),
        email: m.email.clone(),
        language: m.language.clone(),
        // The birth date identifies; the national number is the origin state's and stays
        // there (GDPR Art. 5(1)(c)): the destination records its own.
        birth_date: m.identity.as_ref().map(|i| i.birth_date),
        // Recorded on the member when known (m0036); none rather than a guess.
        nationality: m.nationality.map(|n| n.as_str().to_owned()),
        address: m.address.as_ref().map(|a| AddressV1 {
            street: a.street.clone(),
            postal_code: a.postal_code.clone(),
            city: a.city.clone(),
            country: a.country.clone(),
        }),
        applied_on: m.applied_on,
        admitted_on,
        shares: SharesV1 {
            nominal: outbox::amount(m.shares.nominal),
            paid: m.shares.held(),
            capital: outbox::amount(capital),
        },
        history: HistoryV1 { member_since: admitted_on, activities, sectors },
        // Those in force on the day of the request: an expired A1 decides nothing more.
        a1_certificates: super::abroad::list_a1(c, m.id.0)
            .await?
            .into_iter()
            .filter(|a| a.valid_until >= requested_on)
            .map(|a| A1CertificateV1 {
                legislation: a.issuing_state,
                article: a.article,
                from: a.valid_from,
                until: a.valid_until,
                reference: a.reference,
            })
            .collect(),
        requested_on,
    })
}

/// The origin: the member asked to move to `destination`. Freezes the member, seals
/// their record to the destination's key and sends the offer, in the caller's transaction.
pub async fn offer<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    member: Uuid,
    destination: &str,
) -> Result<TransferRow, AppError> {
    let mob = mobility(node)?;
    let to = NodeId::new(destination.trim()).map_err(|_| {
        AppError::invalid(
            "destination",
            format!("'{}' is not an office's id, like fr", destination.chars().take(20).collect::<String>()),
        )
    })?;
    if to == mob.me {
        return Err(MemberTransferRefusal::ToItself { destination: to.to_string() }.into());
    }
    if !mob.destinations().contains(&to) {
        return Err(MemberTransferRefusal::UnknownDestination { destination: to.to_string() }.into());
    }
    let mut m = repo::lock(c, member).await?;
    if m.status != MembershipStatus::Member {
        return Err(MemberTransferRefusal::MemberCannotMove { member, status: m.status }.into());
    }
    let at = node.instant();
    let today = node.today();
    let id = Uuid::now_v7();
    let record = record_of(c, &m, today).await?;
    let sealed = portable::seal(&mob.peers, &mob.me, &to, id, &record)
        .map_err(|e| AppError::Corrupt(format!("sealing the record: {e}")))?;
    let t = TransferRow {
        id,
        side: Side::Origin,
        peer: to.to_string(),
        status: TransferStatus::Offered,
        member_id: Some(member),
        shares_rule: mob.rule,
        expires_at: at + chrono::Duration::days(i64::from(mob.offer_days)),
        record: None,
        reason: None,
        requested_on: today,
        created_at: at,
        updated_at: at,
    };
    match store::insert(c, &t).await {
        Err(AppError::Storage(e)) if is_unique_violation(&e) => {
            return Err(MemberTransferRefusal::AlreadyOpen { member }.into())
        }
        other => other?,
    }
    m.status = next_status(m.status, MembershipEvent::OfferTransfer)?;
    repo::save(c, &m).await?;
    store::step_once(c, id, Step::Offer, false, None, at).await?;
    let event = Event::TransferOffer(TransferOfferV2 {
        transfer: id,
        to,
        expires_at: t.expires_at,
        shares_rule: mob.rule.as_str().to_owned(),
        record_version: RECORD_VERSION,
        record: sealed,
    });
    outbox::push(c, at, &event).await?;
    Ok(t)
}

async fn locked<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<TransferRow, AppError> {
    store::lock(c, id).await?.ok_or_else(|| AppError::not_found("member transfer", id))
}

/// The member of an origin's transfer back to `member` (a rejection, a cancellation).
async fn unfreeze<C: ConnectionTrait>(c: &C, t: &TransferRow) -> Result<(), AppError> {
    let Some(id) = t.member_id else { return Ok(()) };
    let mut m = repo::lock(c, id).await?;
    m.status = next_status(m.status, MembershipEvent::TransferEnded)?;
    repo::save(c, &m).await?;
    Ok(())
}

/// The origin withdraws an open offer (staff, on the member's word, or the deadline).
async fn cancel_at_origin<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    mut t: TransferRow,
    reason: &str,
) -> Result<TransferRow, AppError> {
    let at = node.instant();
    match decide(Side::Origin, t.status, Step::Cancel, t.expires_at < at).map_err(|e| closed(&t, e))? {
        Decision::Move { to, send } => {
            t.status = to;
            t.reason = Some(reason.to_owned());
            t.updated_at = at;
            store::save(c, &t).await?;
            unfreeze(c, &t).await?;
            if send == Some(Step::Cancel) {
                send_cancel(c, &t, reason, at).await?;
            }
        }
        Decision::Ignore => {}
    }
    Ok(t)
}

async fn send_cancel<C: ConnectionTrait>(
    c: &C,
    t: &TransferRow,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    if store::step_once(c, t.id, Step::Cancel, false, None, at).await? {
        let event =
            Event::TransferCancel(TransferCancelV1 { transfer: t.id, to: peer_of(t)?, reason: reason.to_owned() });
        outbox::push(c, at, &event).await?;
    }
    Ok(())
}

/// Staff cancel a transfer their office offered; the member is active here again.
pub async fn cancel<C: ConnectionTrait>(c: &C, node: &Node, id: Uuid) -> Result<TransferRow, AppError> {
    let t = locked(c, id).await?;
    if t.side != Side::Origin {
        return Err(
            MemberTransferRefusal::WrongSide { transfer: id, side: t.side.as_str(), step: "cancel".into() }.into()
        );
    }
    cancel_at_origin(c, node, t, "withdrawn").await
}

/// The opened record of a destination's transfer: as stored since record version 2, or a
/// version-1 record stored before (read without a nationality).
pub fn opened(t: &TransferRow) -> Result<Option<MemberRecordV2>, AppError> {
    let Some(json) = t.record.as_deref() else { return Ok(None) };
    match serde_json::from_str::<MemberRecordV2>(json) {
        Ok(r) => Ok(Some(r)),
        Err(e) => serde_json::from_str::<MemberRecordV1>(json)
            .map(|r| Some(r.into()))
            .map_err(|_| AppError::Corrupt(format!("transfer {} record: {e}", t.id))),
    }
}

/// The destination's staff take the member: the member is created `transferring`
/// (frozen until the origin commits) and the acceptance sent.
pub async fn accept<C: ConnectionTrait>(c: &C, node: &Node, id: Uuid) -> Result<TransferRow, AppError> {
    let mut t = locked(c, id).await?;
    let at = node.instant();
    if t.side != Side::Destination {
        return Err(
            MemberTransferRefusal::WrongSide { transfer: id, side: t.side.as_str(), step: "accept".into() }.into()
        );
    }
    let Decision::Move { to, .. } =
        decide(Side::Destination, t.status, Step::Accept, t.expires_at < at).map_err(|e| closed(&t, e))?
    else {
        return Ok(t);
    };
    let mob = mobility(node)?;
    if t.shares_rule != mob.rule {
        return Err(MemberTransferRefusal::SharesRuleDiffers {
            transfer: id,
            theirs: t.shares_rule.as_str(),
            ours: mob.rule.as_str(),
        }
        .into());
    }
    let record = opened(&t)?.ok_or_else(|| AppError::Corrupt(format!("transfer {id} has no record")))?;
    let nominal = node.settings.share_nominal;
    if t.shares_rule == SharesRule::Carry && outbox::amount(nominal) != record.shares.nominal {
        return Err(MemberTransferRefusal::CannotCarryShares {
            transfer: id,
            theirs: format!("{} {}", record.shares.nominal.amount, record.shares.nominal.currency),
            ours: nominal.to_string(),
        }
        .into());
    }
    let language = node
        .language("language", &record.language)
        .map(str::to_owned)
        .unwrap_or_else(|_| node.settings.language.clone());
    let member = Member {
        id: MemberId::new(),
        first_name: record.first_name.clone(),
        last_name: record.last_name.clone(),
        email: record.email.trim().to_lowercase(),
        language,
        status: MembershipStatus::Transferring,
        shares: ShareRegisterEntry::new(nominal),
        applied_on: record.applied_on,
        // Admitted here only on the commit: until then the member counts in the origin's
        // figures, never in both (`service::figures` counts by admission and leaving).
        // Seniority stays in the record this office keeps (`history.member_since`).
        admitted_on: None,
        left_on: None,
        // The destination's identity check (its national number) is its own step.
        identity: None,
        address: record.address.as_ref().map(|a| partage_core::member::Address {
            street: a.street.clone(),
            postal_code: a.postal_code.clone(),
            city: a.city.clone(),
            country: a.country.clone(),
        }),
        // Carried by a version-2 record; one the origin recorded that is not an ISO code is
        // left out rather than refusing the member (an office may correct it).
        nationality: record.nationality.as_deref().and_then(|n| CountryCode::parse(n.trim()).ok()),
    };
    match repo::insert(c, &member).await {
        Err(AppError::Storage(e)) if is_unique_violation(&e) => {
            return Err(MemberRefusal::EmailTaken { email: member.email.clone() }.into())
        }
        other => other?,
    };
    t.status = to;
    t.member_id = Some(member.id.0);
    t.updated_at = at;
    store::save(c, &t).await?;
    if store::step_once(c, id, Step::Accept, false, None, at).await? {
        outbox::push(c, at, &Event::TransferAccept(TransferAcceptV1 { transfer: id, to: peer_of(&t)? })).await?;
    }
    Ok(t)
}

/// The destination's staff refuse the member; the imported record is erased.
pub async fn reject<C: ConnectionTrait>(c: &C, node: &Node, id: Uuid, reason: &str) -> Result<TransferRow, AppError> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 200 || reason.chars().any(char::is_control) {
        return Err(AppError::invalid("reason", "a few words, at most 200 printable characters"));
    }
    let mut t = locked(c, id).await?;
    let at = node.instant();
    if t.side != Side::Destination {
        return Err(
            MemberTransferRefusal::WrongSide { transfer: id, side: t.side.as_str(), step: "reject".into() }.into()
        );
    }
    let Decision::Move { to, .. } =
        decide(Side::Destination, t.status, Step::Reject, t.expires_at < at).map_err(|e| closed(&t, e))?
    else {
        return Ok(t);
    };
    t.status = to;
    t.record = None;
    t.reason = Some(reason.to_owned());
    t.updated_at = at;
    store::save(c, &t).await?;
    if store::step_once(c, id, Step::Reject, false, None, at).await? {
        let event =
            Event::TransferReject(TransferRejectV1 { transfer: id, to: peer_of(&t)?, reason: reason.to_owned() });
        outbox::push(c, at, &event).await?;
    }
    Ok(t)
}

/// Cancels the origin's offers whose deadline has passed, one transaction each; returns
/// how many. Run hourly by the server and by the tests; an accept arriving later is
/// answered by the cancel already sent.
pub async fn expire_due(node: &Node) -> Result<u32, AppError> {
    let due = store::expired(node.store.db(), node.instant(), 500).await?;
    let mut done = 0;
    for id in due {
        let txn = node.store.write().await?;
        let t = locked(&*txn, id).await?;
        if t.status == TransferStatus::Offered {
            cancel_at_origin(&*txn, node, t, "expired").await?;
            done += 1;
        }
        txn.commit().await?;
    }
    Ok(done)
}

/// One transfer.
pub async fn get<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<TransferRow, AppError> {
    store::find(c, id).await?.ok_or_else(|| AppError::not_found("member transfer", id))
}

/// The member's open transfer (offered, or accepted and waiting for the commit), if any.
pub async fn open_of<C: ConnectionTrait>(c: &C, member: Uuid) -> Result<Option<TransferRow>, AppError> {
    store::open_of(c, member).await
}

/// Transfers, newest first, optionally of one side and status.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    side: Option<&str>,
    status: Option<&str>,
    offset: u64,
    limit: u64,
) -> Result<Page<TransferRow>, AppError> {
    let side =
        side.map(|s| s.parse().map_err(|_| AppError::invalid("side", format!("unknown side '{s}'")))).transpose()?;
    let status = status
        .map(|s| s.parse().map_err(|_| AppError::invalid("status", format!("unknown status '{s}'"))))
        .transpose()?;
    let (items, total) = store::list(c, side, status, offset, limit).await?;
    Ok(Page { items, total, offset, limit })
}

/// What became of an incoming message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Received {
    /// Applied, with its inbox row.
    Applied,
    /// Its event id, or its (transfer, step), was already applied: nothing changed.
    Duplicate,
    /// Not for this node or out of the protocol: parked, with its inbox row, never applied.
    Parked(String),
    /// An amendment or a cancel of a posting notice this node does not hold (yet): parked
    /// with its inbox row until the notice is stored, then applied with it (`service::parked`).
    Waiting {
        /// Why it was not applied.
        reason: String,
        /// The notice it waits for.
        notice: Uuid,
    },
}

/// Applies one verified message of the node's inbox in the caller's transaction, its inbox
/// row written (by `parked::receive`, or when it was parked and is now retried): once per
/// (transfer, step). One this node should not act on (another addressee, a step from the
/// wrong node, an unknown transfer) comes back to be parked with the reason.
pub(crate) async fn apply<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    message: &Verified,
    at: DateTime<Utc>,
) -> Result<Received, AppError> {
    let park = |reason: String| -> Result<Received, AppError> { Ok(Received::Parked(reason)) };
    let event = match message.envelope.event() {
        Ok(e) => e,
        Err(e) => return park(e.to_string()),
    };
    let from = &message.envelope.node;
    let mob = mobility(node)?;
    let (transfer, to, step) = match &event {
        Event::TransferOffer(e) => (e.transfer, &e.to, Step::Offer),
        Event::TransferAccept(e) => (e.transfer, &e.to, Step::Accept),
        Event::TransferReject(e) => (e.transfer, &e.to, Step::Reject),
        Event::TransferCommit(e) => (e.transfer, &e.to, Step::Commit),
        Event::TransferCancel(e) => (e.transfer, &e.to, Step::Cancel),
        other => return park(format!("event {} is not for a node's inbox", other.kind())),
    };
    if to != &mob.me {
        return park(format!("addressed to {to}, this node is {}", mob.me));
    }
    let event_id = message.envelope.event_id.as_str();
    if let Event::TransferOffer(offer) = &event {
        if store::find(c, transfer).await?.is_some() {
            // The same transfer id again (another event id): the first import stands.
            return Ok(Received::Duplicate);
        }
        return import(c, node, &mob, from, offer, event_id, at).await.map(|()| Received::Applied);
    }
    let Some(mut t) = store::lock(c, transfer).await? else {
        return park(format!("no transfer {transfer} here"));
    };
    // Only the other end of this transfer speaks for it: a third node's well-signed
    // accept is parked here, never applied.
    if t.peer != from.as_str() {
        return park(format!("transfer {transfer} is with {}, not {from}", t.peer));
    }
    let expected = if matches!(step, Step::Accept | Step::Reject) { Side::Origin } else { Side::Destination };
    if t.side != expected {
        return park(format!("step {step} does not go to the {} of a transfer", t.side.as_str()));
    }
    if !store::step_once(c, transfer, step, true, Some(event_id), at).await? {
        return Ok(Received::Duplicate);
    }
    let decision = match decide(t.side, t.status, step, t.expires_at < at) {
        Ok(d) => d,
        Err(e) => {
            // Not applied: the step's row goes with the refusal, so a retry of the parked
            // message decides again rather than taking it for a duplicate.
            store::unstep(c, transfer, step).await?;
            return park(e.to_string());
        }
    };
    let Decision::Move { to: status, send } = decision else {
        return Ok(Received::Applied);
    };
    t.status = status;
    t.updated_at = at;
    match (&event, status) {
        (Event::TransferReject(e), _) => {
            t.reason = Some(e.reason.chars().take(200).collect());
            store::save(c, &t).await?;
            unfreeze(c, &t).await?;
        }
        (_, TransferStatus::Cancelled) if t.side == Side::Origin => {
            // An accept after the deadline: the cancel wins.
            t.reason = Some("expired".into());
            store::save(c, &t).await?;
            unfreeze(c, &t).await?;
            if send == Some(Step::Cancel) {
                send_cancel(c, &t, "expired", at).await?;
            }
        }
        (_, TransferStatus::Committed) if t.side == Side::Origin => commit_at_origin(c, node, &mut t, at).await?,
        (Event::TransferCommit(e), TransferStatus::Committed) => activate(c, node, &mut t, e).await?,
        (Event::TransferCancel(e), TransferStatus::Cancelled) => {
            if let Some(member) = t.member_id.take() {
                store::delete_pending_member(c, member).await?;
            }
            t.record = None;
            t.reason = Some(e.reason.chars().take(200).collect());
            store::save(c, &t).await?;
        }
        _ => return Err(AppError::Corrupt(format!("transfer {transfer}: step {step} to {status} has no effect"))),
    }
    Ok(Received::Applied)
}

/// The destination imports an offer: opens the record and keeps it until decided.
async fn import<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    mob: &Mobility,
    from: &NodeId,
    offer: &TransferOfferV2,
    event_id: &str,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    store::step_once(c, offer.transfer, Step::Offer, true, Some(event_id), at).await?;
    let rule: Result<SharesRule, _> = offer.shares_rule.parse();
    let opened = portable::open(&mob.key, from, offer.transfer, offer.record_version, &offer.record);
    let mut t = TransferRow {
        id: offer.transfer,
        side: Side::Destination,
        peer: from.to_string(),
        status: TransferStatus::Offered,
        member_id: None,
        shares_rule: *rule.as_ref().unwrap_or(&SharesRule::Refund),
        expires_at: offer.expires_at,
        record: None,
        reason: None,
        requested_on: node.today(),
        created_at: at,
        updated_at: at,
    };
    match (opened, rule) {
        (Ok(record), Ok(_)) => {
            t.requested_on = record.requested_on;
            t.record = Some(serde_json::to_string(&record).map_err(|e| AppError::Corrupt(e.to_string()))?);
            store::insert(c, &t).await
        }
        // A record this node cannot read cannot become a member: refused at once, so the
        // origin unfreezes the member rather than wait for the deadline.
        (opened, rule) => {
            let reason = match (opened, rule) {
                (Err(e), _) => format!("record unreadable: {e}"),
                (_, _) => format!("unknown shares rule '{}'", offer.shares_rule.chars().take(20).collect::<String>()),
            };
            t.status = TransferStatus::Rejected;
            t.reason = Some(reason.clone());
            store::insert(c, &t).await?;
            store::step_once(c, t.id, Step::Reject, false, None, at).await?;
            let event = Event::TransferReject(TransferRejectV1 { transfer: t.id, to: from.clone(), reason });
            outbox::push(c, at, &event).await
        }
    }
}

/// The origin commits: the shares leave its register (refunded or carried), the member
/// is `transferred`, and the commit goes to the destination.
async fn commit_at_origin<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    t: &mut TransferRow,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let member = t.member_id.ok_or_else(|| AppError::Corrupt(format!("transfer {} has no member", t.id)))?;
    let mut m = repo::lock(c, member).await?;
    let (count, out, cancelled) = m.shares.transfer_out(m.status)?;
    let today = node.today();
    if !(out.is_zero() && cancelled.is_zero()) {
        // Either way the capital leaves the origin's register (and unpaid shares are
        // cancelled). Refund: it goes back to the member from the bank. Carry: no money
        // moves; the destination office is owed it, until the offices settle.
        let reference = format!("transfer {}", t.id);
        let entry = match t.shares_rule {
            SharesRule::Refund => journal::shares_refunded(today, &reference, m.id, out, cancelled)?,
            SharesRule::Carry => {
                let office = office_of(t)?;
                if !out.is_zero() {
                    inter_office::open(c, node, &office).await?;
                }
                journal::shares_carried_out(today, &reference, m.id, &office, out, cancelled)?
            }
        };
        ledger::post(c, &entry, Some(member)).await?;
    }
    m.status = next_status(m.status, MembershipEvent::Transfer)?;
    m.left_on = Some(today);
    repo::save(c, &m).await?;
    store::save(c, t).await?;
    if store::step_once(c, t.id, Step::Commit, false, None, at).await? {
        let event = Event::TransferCommit(TransferCommitV1 {
            transfer: t.id,
            to: peer_of(t)?,
            shares_out: count,
            capital_out: outbox::amount(out),
        });
        outbox::push(c, at, &event).await?;
    }
    Ok(())
}

/// The destination activates the member on the commit and books their shares here.
async fn activate<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    t: &mut TransferRow,
    commit: &TransferCommitV1,
) -> Result<(), AppError> {
    let member = t.member_id.ok_or_else(|| AppError::Corrupt(format!("transfer {} has no member", t.id)))?;
    let mut m = repo::lock(c, member).await?;
    let today = node.today();
    let reference = format!("transfer {}", t.id);
    m.status = next_status(m.status, MembershipEvent::TransferEnded)?;
    // The day the origin let the member go: a leaver there, a sign-up here, the same month.
    m.admitted_on = Some(today);
    if commit.shares_out > 0 {
        // Refund: the member subscribes as many shares here and owes them; carry: they are
        // subscribed and paid at once by the capital the origin office now owes this one
        // (no money reached the bank: `due_from_offices` until the offices settle).
        let owed = m.shares.subscribe(m.status, commit.shares_out)?;
        ledger::post(c, &journal::shares_subscribed(today, &reference, m.id, owed)?, Some(member)).await?;
        if t.shares_rule == SharesRule::Carry {
            let carried = Money::new(commit.capital_out.amount, owed.currency())?;
            m.shares.pay(m.status, carried)?;
            if !carried.is_zero() {
                let office = office_of(t)?;
                inter_office::open(c, node, &office).await?;
                let entry = journal::shares_carried_in(today, &reference, m.id, &office, carried)?;
                ledger::post(c, &entry, Some(member)).await?;
            }
        }
    }
    repo::save(c, &m).await?;
    keep_a1_certificates(c, node, t, member).await?;
    // The record stays: it is now this office's file of its member (seniority, history).
    store::save(c, t).await
}

/// The A1 certificates the record carries become the destination's own, so its decisions on
/// work abroad see them. One this node would refuse (a state outside the Regulation, an
/// article it does not know) is left in the record only: the peer's data never fails the commit.
async fn keep_a1_certificates<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    t: &TransferRow,
    member: Uuid,
) -> Result<(), AppError> {
    let Some(record) = opened(t)? else { return Ok(()) };
    for a in record.a1_certificates {
        let a1 = super::abroad::NewA1 {
            issuing_state: a.legislation,
            article: a.article,
            valid_from: a.from,
            valid_until: a.until,
            reference: a.reference,
        };
        match super::abroad::record_a1(c, member, a1, node.instant().naive_utc()).await {
            Ok(_) | Err(AppError::Invalid { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
