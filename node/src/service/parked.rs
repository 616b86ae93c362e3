//! Parked messages: what the node's inbox received and did not apply (`storage::parked`),
//! for a person to look at, retry or dismiss, and the posting amendments and cancels that
//! waited for their notice, replayed when it arrives.
//!
//! A message is parked either before its inbox row (its verification failed: an unknown key,
//! a bad signature, a version this build does not read) or with it (verified, but not one
//! this node applies: another addressee, a step from the wrong node, a notice not held yet).
//! The second kind's inbox row is the parked message's own: a redelivery of the event is a
//! duplicate, so only a retry can apply it, once, without writing another row. A retry takes
//! the row's lock, verifies the kept payload and signature again against the peers file as it
//! is now (a key enrolled since), writes the inbox row if the message had none (an event id
//! already there is a duplicate: applied by another delivery), and applies it in one
//! transaction: applied or duplicate, it leaves the list; refused again, it stays with the new
//! reason. Each retry and dismissal is in the node's history (`history::Subject::ParkedMessage`).
//!
//! A message parked because this build could not read it (an event type or version it does
//! not know: a sender on a newer build) is marked with what the build reads
//! (`events::reads_tag`, m0039). At start, [`retry_unreadable`] retries once, through the
//! same path as an admin's retry, each such message parked by a build that read other events:
//! an upgrade that learnt its version applies it; one still refused stays parked with its new
//! reason, marked again only if this build cannot read it either, under this build's tag, so
//! the next start of the same build leaves it alone.

use super::errors::MemberTransferRefusal;
use super::history::{self, FieldChange, Subject};
use super::transfers::{Mobility, Received};
use super::views::{Page, ParkedMessageView, RetryView};
use super::{postings, transfers, Node};
use crate::error::AppError;
use crate::storage::outbox;
use crate::storage::parked::{self as store, NewParked, ParkedRow, StillParked};
use chrono::{DateTime, Utc};
use partage_federation::envelope::{verify_kept, Verified};
use partage_federation::events::{reads_tag, EventVersion, PostingAmendV2, PostingCancelV1, PostingNoticeV2};
use partage_federation::{Event, TrustStore};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

/// Longest reason, subject or name a list shows: enough for what the node writes, no more of
/// a stranger's text.
const SHOWN: usize = 300;

fn shown(s: &str, at_most: usize) -> String {
    s.chars().take(at_most).collect()
}

/// Parks `message` with its inbox row when applying it decided so, in the caller's transaction:
/// the payload as signed and its signature, so that it can be verified and retried later.
async fn park_received<C: ConnectionTrait>(
    c: &C,
    message: &Verified,
    received: &Received,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let (reason, waits_for) = match received {
        Received::Applied | Received::Duplicate => return Ok(()),
        Received::Parked(reason) => (reason, None),
        Received::Waiting { reason, notice } => (reason, Some(*notice)),
    };
    let new = NewParked {
        subject: &message.subject,
        reason,
        payload: &message.payload,
        signature: Some(&message.signature),
        event_id: Some(&message.envelope.event_id),
        waits_for,
    };
    store::insert(c, &new, at).await.map(|_| ())
}

/// The host stored posting notice `notice`, in the caller's transaction: applies what waited
/// for it (amendments in revision order, then a cancel; the sender never amends after its
/// cancel), each verified again with `mob`'s peers. What is applied or turns out a duplicate
/// leaves the list; what is still refused stays with its new reason.
pub(crate) async fn replay_waiting<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    mob: &Mobility,
    notice: Uuid,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut waiting = Vec::new();
    for row in store::waiting_for(c, notice).await? {
        let checked = check(&mob.peers, &row);
        let order = match checked.as_ref().map(|v| v.envelope.event()) {
            Ok(Ok(Event::PostingAmend(e))) => (0, e.revision),
            Ok(_) => (1, 0),
            Err(_) => (2, 0),
        };
        waiting.push((order, row, checked));
    }
    // Stable: equal keys keep the order received (the rows' UUIDv7 ids).
    waiting.sort_by_key(|(order, _, _)| *order);
    for (_, row, checked) in waiting {
        let (held, received, unreadable_by) = match checked {
            Err(refused) => (row.event_id.clone(), Received::Parked(refused.reason), refused.unreadable_by),
            Ok(v) => {
                let received = if row.event_id.is_none() && !outbox::apply_once(c, &v, at).await? {
                    Received::Duplicate
                } else {
                    postings::apply_waiting(c, node, mob, &v, at).await?
                };
                (Some(v.envelope.event_id), received, None)
            }
        };
        settle(c, &row, held, &received, unreadable_by.as_deref(), at).await?;
    }
    Ok(())
}

/// Why a kept message does not verify again.
struct NotVerified {
    /// In the verification's words.
    reason: String,
    /// This build's reads tag when it could not read the message either, else none.
    unreadable_by: Option<String>,
}

/// The kept message verified again against `peers`, or why not.
fn check(peers: &TrustStore, row: &ParkedRow) -> Result<Verified, NotVerified> {
    let Some(signature) = row.signature.as_deref() else {
        return Err(NotVerified {
            reason: "kept without its signature (parked before this node kept them): it cannot be verified again"
                .into(),
            unreadable_by: None,
        });
    };
    verify_kept(peers, &row.subject, signature, row.payload.as_bytes())
        .map_err(|r| NotVerified { reason: r.to_string(), unreadable_by: r.is_unreadable().then(reads_tag) })
}

/// Writes what a replay or a retry of `row` came to: gone when applied or a duplicate, else
/// still parked with the new reason, `held`, the event id whose inbox row it holds now, and
/// `unreadable_by`, the reads tag of the build that could not read it, if it could not.
async fn settle<C: ConnectionTrait>(
    c: &C,
    row: &ParkedRow,
    held: Option<String>,
    received: &Received,
    unreadable_by: Option<&str>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let (reason, waits_for) = match received {
        Received::Applied | Received::Duplicate => {
            store::delete(c, row.id).await?;
            return Ok(());
        }
        Received::Parked(reason) => (reason, None),
        Received::Waiting { reason, notice } => (reason, Some(*notice)),
    };
    let still = StillParked { reason, event_id: held.as_deref(), waits_for, unreadable_by };
    store::still_parked(c, row.id, &still, at).await
}

/// The node's parked messages, oldest first.
pub async fn list<C: ConnectionTrait>(c: &C, offset: u64, limit: u64) -> Result<Page<ParkedMessageView>, AppError> {
    let (rows, total) = store::list(c, offset, limit).await?;
    Ok(Page { items: rows.iter().map(view).collect(), total, offset, limit })
}

/// Parked message `id` as the list shows it, if it is still parked.
pub async fn get<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<Option<ParkedMessageView>, AppError> {
    Ok(store::get(c, id).await?.as_ref().map(view))
}

/// What a list shows of a parked message: no payload, so no sealed record and no free text a
/// sender wrote; the kind and the sending node as the payload says them, when it reads.
fn view(row: &ParkedRow) -> ParkedMessageView {
    let payload: Option<serde_json::Value> = serde_json::from_str(&row.payload).ok();
    let field = |name: &str| {
        payload.as_ref().and_then(|p| p.get(name)).and_then(serde_json::Value::as_str).map(|s| shown(s, 40))
    };
    ParkedMessageView {
        id: row.id,
        subject: shown(&row.subject, SHOWN),
        kind: field("type"),
        node: field("node"),
        reason: shown(&row.reason, SHOWN),
        received_at: row.received_at,
        retried_at: row.retried_at,
        waits_for: row.waits_for,
        retriable: row.signature.is_some(),
    }
}

/// Retries parked message `id` in the caller's transaction, for `by` (who asked, for the
/// history): verified again against the current peers file, applied once.
pub async fn retry<C: ConnectionTrait>(c: &C, node: &Node, id: Uuid, by: &str) -> Result<RetryView, AppError> {
    let row = store::lock(c, id).await?.ok_or_else(|| AppError::not_found("parked message", id))?;
    retry_row(c, node, row, by).await
}

/// [`retry`] of `row`, locked by the caller's transaction.
async fn retry_row<C: ConnectionTrait>(c: &C, node: &Node, row: ParkedRow, by: &str) -> Result<RetryView, AppError> {
    let id = row.id;
    let at = node.instant();
    let (held, received, unreadable_by) = match super::transfers::mobility(node) {
        // Not federated (any more): nothing can be verified, nor read; the mark stays.
        Err(AppError::MemberTransferRefused(MemberTransferRefusal::NotFederated)) => (
            row.event_id.clone(),
            Received::Parked("this node has no federation peers file: nothing can be verified".into()),
            row.unreadable_by.clone(),
        ),
        Err(e) => return Err(e),
        Ok(mob) => match check(&mob.peers, &row) {
            Err(refused) => (row.event_id.clone(), Received::Parked(refused.reason), refused.unreadable_by),
            Ok(v) => {
                // The inbox row is the parked message's when it has one: apply without another.
                let received = if row.event_id.is_none() && !outbox::apply_once(c, &v, at).await? {
                    Received::Duplicate
                } else {
                    dispatch(c, node, &v, at).await?
                };
                (Some(v.envelope.event_id.clone()), received, None)
            }
        },
    };
    settle(c, &row, held, &received, unreadable_by.as_deref(), at).await?;
    let (outcome, reason) = match &received {
        Received::Applied => ("applied", None),
        Received::Duplicate => ("duplicate", None),
        Received::Parked(r) | Received::Waiting { reason: r, .. } => ("refused", Some(shown(r, SHOWN))),
    };
    let change =
        FieldChange { field: "retried".into(), old: Some(shown(&row.reason, SHOWN)), new: Some(outcome.into()) };
    history::record(c, Subject::ParkedMessage, id, by, node.now(), &[change]).await?;
    Ok(RetryView { id, outcome: outcome.into(), reason })
}

/// Who the history names for a retry the node made itself at start ([`retry_unreadable`]).
pub const STARTUP_RETRY_BY: &str = "node start-up (a newer build)";

/// Retries, each in a transaction of its own and through [`retry`]'s path, the messages parked
/// as unreadable by a build that read other events than this one (an upgrade that may read
/// them now), oldest first; returns each outcome. Run once at the node's start, before its
/// inbox is consumed. A message applied leaves the list with its inbox row written once; one
/// still refused stays with its new reason, marked unreadable by this build only if it still
/// is, so a second run of the same build retries nothing. Outside a federation (no peers
/// file) nothing is retried: nothing could be verified.
pub async fn retry_unreadable(node: &Node) -> Result<Vec<RetryView>, AppError> {
    match super::transfers::mobility(node) {
        Err(AppError::MemberTransferRefused(MemberTransferRefusal::NotFederated)) => return Ok(Vec::new()),
        Err(e) => return Err(e),
        Ok(_) => {}
    }
    let tag = reads_tag();
    let ids = store::unreadable_not_by(node.store.db(), &tag).await?;
    let mut done = Vec::with_capacity(ids.len());
    for id in ids {
        let txn = node.store.write().await?;
        // Looked at again under its lock: an admin may have retried or dismissed it since.
        let due = store::lock(&*txn, id)
            .await?
            .filter(|row| row.signature.is_some() && row.unreadable_by.as_deref().is_some_and(|by| by != tag.as_str()));
        if let Some(row) = due {
            done.push(retry_row(&*txn, node, row, STARTUP_RETRY_BY).await?);
        }
        txn.commit().await?;
    }
    Ok(done)
}

/// Applies one verified message of the node's inbox (a posting message or a transfer's step)
/// in the caller's transaction, with its inbox row: once per event id. What the service that
/// applies it refuses is parked with its inbox row and the reason (a posting message naming a
/// notice not held yet waits for it).
pub async fn receive<C: ConnectionTrait>(c: &C, node: &Node, message: &Verified) -> Result<Received, AppError> {
    let at = node.instant();
    if !outbox::apply_once(c, message, at).await? {
        return Ok(Received::Duplicate);
    }
    let received = dispatch(c, node, message, at).await?;
    park_received(c, message, &received, at).await?;
    Ok(received)
}

/// A verified message, its inbox row written, to the service that applies it.
async fn dispatch<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    v: &Verified,
    at: DateTime<Utc>,
) -> Result<Received, AppError> {
    let kind = v.envelope.kind.as_str();
    if [PostingNoticeV2::TYPE, PostingCancelV1::TYPE, PostingAmendV2::TYPE].contains(&kind) {
        postings::apply(c, node, v, at).await
    } else {
        transfers::apply(c, node, v, at).await
    }
}

/// Dismisses parked message `id` once a person looked at it, for `by` (kept in the history
/// with its subject and reason). Its inbox row, if it had one, stays: the event is never
/// applied, and a redelivery is a duplicate.
pub async fn dismiss<C: ConnectionTrait>(c: &C, node: &Node, id: Uuid, by: &str) -> Result<(), AppError> {
    let row = store::lock(c, id).await?.ok_or_else(|| AppError::not_found("parked message", id))?;
    store::delete(c, id).await?;
    let changes = [
        FieldChange { field: "subject".into(), old: Some(shown(&row.subject, SHOWN)), new: None },
        FieldChange { field: "reason".into(), old: Some(shown(&row.reason, SHOWN)), new: None },
    ];
    history::record(c, Subject::ParkedMessage, id, by, node.now(), &changes).await
}
