//! Posting notices (issue 13): the office of the country where a member works learns of it.
//!
//! The origin: when a work declaration whose `work_country` is a peer office's country is
//! validated (`work::validate`), the notice (federation::posting: names, birth date,
//! nationality when recorded, place, days and hours, function, the legislation decided, the
//! A1 in force, the sending office) is sealed to that office's key and put in the outbox in
//! the validation's transaction, with a `posting_notices_sent` row naming the contract; the
//! contract's cancellation (`contracts::cancel`) sends the cancel of that notice, once; a
//! day's new hours (`contracts::update_day`) send the whole new record as an amendment of
//! it (`posting.amend`), its revision one more than the last sent (the notice is revision
//! 1), until it is cancelled. An open-ended contract (a stabilised one,
//! `ContractKind::open_ended`) runs past the days its declaration lists (its first day), so
//! its record says it is open-ended; its end (`contracts::end`, an OUT on a day) sends the
//! next revision, the same record with that day as its end (`ends_on`), in the end's
//! transaction. The records are of version 2 (federation::posting says why the version
//! travels with them). A node outside a federation, without a peers file, or whose peers have
//! no office in that country, sends nothing: a peer is the office whose node id is the
//! country's code in lower case (`fr` for FR), as node ids are.
//!
//! The host: [`receive`] applies a notice from its inbox once (the inbox row of its event
//! id, and the notice id as the row's key), opened with this node's key; a notice for
//! another node, sealed to another key, about work in another country, or a cancel from
//! another node than the notice's, is parked with the reason. An amendment replaces what the
//! notice says (its days, first and last day included, whether it is open-ended and its end)
//! when its revision is higher than the one held, so one delivered after a later one changes
//! nothing; one from another node than the notice's, of an unknown or a cancelled notice, is
//! parked; one of a notice not held yet waits for it (`service::parked`) and is applied, in
//! revision order, the cancel last, in the transaction that stores the notice. A notice of version 1 (from a node of an earlier build) reads as a work that ends
//! with its days. An open-ended work's last day is its end once known, else the last day
//! listed. Staff read them through `GET /posting-notices`. They are personal data kept for the
//! host's declarations and its inspectors: [`expire_due`], hourly beside the outbox prune,
//! deletes each `federation.posting_notice_retention_days` after its last day of work (an
//! open-ended one: after its end, never while it runs) or its cancellation.

use super::transfers::{mobility, Received};
use super::views::Page;
use super::Node;
use crate::error::AppError;
use crate::storage::entities::{member, work_declaration};
use crate::storage::outbox;
use crate::storage::postings::{self as store, NoticeRow};
use chrono::{DateTime, NaiveDate, Utc};
use partage_core::client::CountryCode;
use partage_core::work_declaration::WorkPeriod;
use partage_federation::envelope::Verified;
use partage_federation::events::{PostingAmendV2, PostingCancelV1, PostingNoticeV2};
use partage_federation::posting::{self as sealed, PostingDayV1, PostingRecordV2, RECORD_VERSION};
use partage_federation::{Event, NodeId, TrustStore};
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

/// This node and the peers' keys, or none: not federated, or no peers file.
fn federation_of(node: &Node) -> Result<Option<(NodeId, TrustStore)>, AppError> {
    let Some(f) = node.settings.federation.as_ref() else { return Ok(None) };
    let Some(peers_file) = f.peers_file.as_ref() else { return Ok(None) };
    let peers = TrustStore::load(peers_file).map_err(|e| AppError::Corrupt(format!("federation.peers_file: {e}")))?;
    Ok(Some((f.node.clone(), peers)))
}

/// This node, the peer office of `work_country` and the peers' keys, or none: not
/// federated, no peers file, the node's own country, or no peer there.
fn host_of(node: &Node, work_country: &str) -> Result<Option<(NodeId, NodeId, TrustStore)>, AppError> {
    let Ok(host) = NodeId::new(&work_country.trim().to_ascii_lowercase()) else { return Ok(None) };
    // Work at home, the common case, reads no peers file.
    if node.settings.federation.as_ref().is_none_or(|f| host == f.node) || host == NodeId::hq() {
        return Ok(None);
    }
    let Some((me, peers)) = federation_of(node)? else { return Ok(None) };
    Ok(peers.nodes().contains(&host).then_some((me, host, peers)))
}

/// The work a notice tells of: the declaration, its member, its days as they are now, the
/// legislation decided (state, article), and an open-ended work's end once it is ended.
struct Work<'a> {
    d: &'a work_declaration::Model,
    m: &'a member::Model,
    periods: &'a [WorkPeriod],
    legislation: (Option<&'a str>, Option<&'a str>),
    ends_on: Option<NaiveDate>,
}

/// The record of notice `notice` that `me` sends of `w`, with the A1 in force over its days.
async fn record_of<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    me: &NodeId,
    notice: Uuid,
    w: &Work<'_>,
) -> Result<PostingRecordV2, AppError> {
    let (d, m) = (w.d, w.m);
    let (Some(first), Some(last)) = (w.periods.iter().map(|p| p.date).min(), w.periods.iter().map(|p| p.date).max())
    else {
        return Err(AppError::Corrupt(format!("declaration {} has no period", d.id)));
    };
    let birth_date = m.birth_date.ok_or_else(|| AppError::Corrupt(format!("member {} has no birth date", m.id)))?;
    let (state, article) = w.legislation;
    let a1_reference = match state {
        Some(state) => super::abroad::a1_covering(c, m.id, state, first, last).await?,
        None => None,
    };
    Ok(PostingRecordV2 {
        notice,
        sending_node: me.clone(),
        sending_country: node.settings.country.as_str().to_owned(),
        first_name: m.first_name.clone(),
        last_name: m.last_name.clone(),
        birth_date,
        // Recorded on the member when known; none rather than a guess.
        nationality: m.nationality.clone(),
        work_country: d.work_country.clone(),
        place: d.place.clone(),
        function: d.function.clone(),
        days: w.periods.iter().map(|p| PostingDayV1 { date: p.date, start: p.start, end: p.end }).collect(),
        legislation_state: state.map(str::to_owned),
        legislation_article: article.map(str::to_owned),
        a1_reference,
        // A stabilised contract runs until it is ended: its periods are its first day only.
        open_ended: super::contract_kind(&d.contract_kind)?.open_ended(),
        ends_on: w.ends_on,
    })
}

/// The origin, in `work::validate`'s transaction: sends the posting notice of the validated
/// declaration `d` (its contract `contract`) to the office of its work country, if that is a
/// peer's; nothing otherwise.
pub async fn notify_validated<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    d: &work_declaration::Model,
    m: &member::Model,
    periods: &[WorkPeriod],
    legislation: (Option<&str>, Option<&str>),
    contract: Uuid,
) -> Result<(), AppError> {
    let Some((me, host, peers)) = host_of(node, &d.work_country)? else { return Ok(()) };
    let notice = Uuid::now_v7();
    let record = record_of(c, node, &me, notice, &Work { d, m, periods, legislation, ends_on: None }).await?;
    let sealed = sealed::seal(&peers, &me, &host, &record)
        .map_err(|e| AppError::Corrupt(format!("sealing the posting notice: {e}")))?;
    let at = node.instant();
    store::insert_sent(c, notice, contract, host.as_str(), at).await?;
    let event = PostingNoticeV2 { notice, to: host, record_version: RECORD_VERSION, record: sealed };
    outbox::push(c, at, &Event::PostingNotice(event)).await
}

/// The origin, in `contracts::update_day`'s transaction (the contract's row locked): the work
/// of `contract` changed (`periods`, its days as they are now); the office told of it gets the
/// whole new record as the notice's next revision. Nothing when no notice went out for it,
/// when it was cancelled, or when the node is no longer federated.
pub async fn notify_amended<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    contract: Uuid,
    declaration: Uuid,
    periods: &[WorkPeriod],
) -> Result<(), AppError> {
    amend(c, node, contract, declaration, periods, None).await
}

/// The origin, in `contracts::end`'s transaction (the contract's row locked): the open-ended
/// work of `contract` ends on `on`; the office told of it gets the record with that end as
/// the notice's next revision, so it knows the last day and when its retention starts.
/// Nothing when no notice went out for it, when it was cancelled, or when the node is no
/// longer federated.
pub async fn notify_ended<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    contract: Uuid,
    declaration: Uuid,
    on: NaiveDate,
) -> Result<(), AppError> {
    let periods = super::work::periods_of(c, declaration).await?;
    amend(c, node, contract, declaration, &periods, Some(on)).await
}

/// Sends the notice of `contract` (if one went out and was not cancelled) its next revision:
/// the record of its work on `periods`, ending on `ends_on` when given.
async fn amend<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    contract: Uuid,
    declaration: Uuid,
    periods: &[WorkPeriod],
    ends_on: Option<NaiveDate>,
) -> Result<(), AppError> {
    let Some(sent) = store::sent_for(c, contract).await? else { return Ok(()) };
    if sent.cancelled_at.is_some() {
        return Ok(());
    }
    let Some((me, peers)) = federation_of(node)? else { return Ok(()) };
    let to = NodeId::new(&sent.peer)
        .map_err(|_| AppError::Corrupt(format!("posting notice {} peer '{}'", sent.id, sent.peer)))?;
    let d = work_declaration::Entity::find_by_id(declaration)
        .one(c)
        .await?
        .ok_or_else(|| AppError::Corrupt(format!("contract {contract} without its declaration")))?;
    let m = super::members::load(c, d.member_id).await?;
    let legislation = (d.legislation_state.as_deref(), d.legislation_article.as_deref());
    let record = record_of(c, node, &me, sent.id, &Work { d: &d, m: &m, periods, legislation, ends_on }).await?;
    // The contract's row lock orders amendments of one notice; the revision read must still
    // be the one counted, or a concurrent writer got there first.
    if !store::next_revision_sent(c, sent.id, sent.revision).await? {
        return Err(AppError::Corrupt(format!("posting notice {}: revision {} changed", sent.id, sent.revision)));
    }
    let revision = u32::try_from(sent.revision.saturating_add(1))
        .map_err(|_| AppError::Corrupt(format!("posting notice {} revision {}", sent.id, sent.revision)))?;
    let sealed = sealed::seal_amendment(&peers, &me, &to, &record)
        .map_err(|e| AppError::Corrupt(format!("sealing the posting amendment: {e}")))?;
    let event = Event::PostingAmend(PostingAmendV2 {
        notice: sent.id,
        to,
        revision,
        record_version: RECORD_VERSION,
        record: sealed,
    });
    outbox::push(c, node.instant(), &event).await
}

/// The origin, in `contracts::cancel`'s transaction: the work of `contract` will not happen;
/// the office told of it is told so, once. Nothing when no notice went out for it.
pub async fn notify_cancelled<C: ConnectionTrait>(c: &C, node: &Node, contract: Uuid) -> Result<(), AppError> {
    let Some(sent) = store::sent_for(c, contract).await? else { return Ok(()) };
    let at = node.instant();
    if !store::cancel_sent(c, sent.id, at).await? {
        return Ok(());
    }
    let to = NodeId::new(&sent.peer)
        .map_err(|_| AppError::Corrupt(format!("posting notice {} peer '{}'", sent.id, sent.peer)))?;
    outbox::push(c, at, &Event::PostingCancel(PostingCancelV1 { notice: sent.id, to })).await
}

/// Longest text a received notice may carry in one field; the sender's own checks are far
/// below it, so only a broken or hostile sender reaches it.
const MAX_TEXT: usize = 500;
/// Most days a received notice may list.
const MAX_DAYS: usize = 1_000;

/// The host applies one verified notice, amendment or cancel of its inbox in the caller's
/// transaction, its inbox row written (by `parked::receive`, or when it was parked and is now
/// retried): once per notice, an amendment only when its revision is higher than the one held
/// (else a duplicate). One this node should not keep (another addressee, sealed to another
/// key, work in another country, an amendment or a cancel from another node than the
/// notice's, or an amendment of a cancelled notice) comes back to be parked with the reason;
/// one naming no notice here waits for it, and a notice stored applies, in the same
/// transaction, the amendments and the cancel that waited for it.
pub(crate) async fn apply<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    message: &Verified,
    at: DateTime<Utc>,
) -> Result<Received, AppError> {
    let mob = mobility(node)?;
    let event = match addressed(message, &mob) {
        Ok(e) => e,
        Err(reason) => return Ok(Received::Parked(reason)),
    };
    let from = &message.envelope.node;
    let Event::PostingNotice(e) = event else { return follow_up(c, node, &mob, from, event, at).await };
    let record = match sealed::open(&mob.key, from, e.notice, e.record_version, &e.record) {
        Ok(r) => r,
        Err(err) => return Ok(Received::Parked(format!("notice unreadable: {err}"))),
    };
    match notice_row(node, from, e.notice, record, at) {
        Ok(row) => {
            if !store::insert(c, &row).await? {
                return Ok(Received::Duplicate);
            }
            super::parked::replay_waiting(c, node, &mob, e.notice, at).await?;
            Ok(Received::Applied)
        }
        Err(reason) => Ok(Received::Parked(reason)),
    }
}

/// The event of a posting message addressed to this node, or why it is parked.
fn addressed(message: &Verified, mob: &super::transfers::Mobility) -> Result<Event, String> {
    let event = message.envelope.event().map_err(|e| e.to_string())?;
    let to = match &event {
        Event::PostingNotice(e) => &e.to,
        Event::PostingCancel(e) => &e.to,
        Event::PostingAmend(e) => &e.to,
        other => return Err(format!("event {} is not a posting notice", other.kind())),
    };
    if *to != mob.me {
        return Err(format!("addressed to {to}, this node is {}", mob.me));
    }
    Ok(event)
}

/// An amendment or a cancel that waited for its notice, now stored (`service::parked`): applied
/// as [`apply`] would, its inbox row written when it was parked.
pub(crate) async fn apply_waiting<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    mob: &super::transfers::Mobility,
    message: &Verified,
    at: DateTime<Utc>,
) -> Result<Received, AppError> {
    match addressed(message, mob) {
        Ok(Event::PostingNotice(_)) => Ok(Received::Parked("a notice does not wait for a notice".into())),
        Ok(event) => follow_up(c, node, mob, &message.envelope.node, event, at).await,
        Err(reason) => Ok(Received::Parked(reason)),
    }
}

/// A cancel or an amendment of a notice, from `from`.
async fn follow_up<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    mob: &super::transfers::Mobility,
    from: &NodeId,
    event: Event,
    at: DateTime<Utc>,
) -> Result<Received, AppError> {
    match event {
        Event::PostingCancel(e) => {
            if let Err(parked) = sent_by(c, e.notice, from, "").await? {
                return Ok(parked);
            }
            Ok(if store::cancel(c, e.notice, at).await? { Received::Applied } else { Received::Duplicate })
        }
        Event::PostingAmend(e) => {
            let n = match sent_by(c, e.notice, from, " to amend").await? {
                Ok(n) => n,
                Err(parked) => return Ok(parked),
            };
            if n.cancelled_at.is_some() {
                return Ok(Received::Parked(format!("posting notice {} is cancelled", e.notice)));
            }
            let Ok(revision) = i32::try_from(e.revision) else {
                return Ok(Received::Parked(format!("revision {} of notice {} does not fit", e.revision, e.notice)));
            };
            // Delivered after a later revision (or twice): what the host holds is newer.
            if revision <= n.revision {
                return Ok(Received::Duplicate);
            }
            let record = match sealed::open_amendment(&mob.key, from, e.notice, e.record_version, &e.record) {
                Ok(r) => r,
                Err(err) => return Ok(Received::Parked(format!("amendment unreadable: {err}"))),
            };
            match notice_row(node, from, e.notice, record, at) {
                Ok(row) => {
                    let row = NoticeRow { revision, ..row };
                    Ok(if store::amend(c, &row, at).await? { Received::Applied } else { Received::Duplicate })
                }
                Err(reason) => Ok(Received::Parked(reason)),
            }
        }
        other => Ok(Received::Parked(format!("event {} is not a posting notice", other.kind()))),
    }
}

/// The received notice `notice` when `from` sent it, or why a message of `from` about it is
/// parked: only the sender of a notice speaks for it; one naming no notice here waits for it.
/// `purpose` ends the "no notice here" reason (" to amend").
async fn sent_by<C: ConnectionTrait>(
    c: &C,
    notice: Uuid,
    from: &NodeId,
    purpose: &str,
) -> Result<Result<NoticeRow, Received>, AppError> {
    let Some(n) = store::find(c, notice).await? else {
        return Ok(Err(Received::Waiting { reason: format!("no posting notice {notice} here{purpose}"), notice }));
    };
    if n.from_node != from.as_str() {
        return Ok(Err(Received::Parked(format!("posting notice {notice} is from {}, not {from}", n.from_node))));
    }
    Ok(Ok(n))
}

/// The row of an opened record, or why it is not kept.
fn notice_row(
    node: &Node,
    from: &NodeId,
    notice: Uuid,
    r: PostingRecordV2,
    at: DateTime<Utc>,
) -> Result<NoticeRow, String> {
    if r.notice != notice || &r.sending_node != from {
        return Err(format!("the record of notice {notice} names notice {} from {}", r.notice, r.sending_node));
    }
    let here = node.settings.country.as_str();
    if !r.work_country.eq_ignore_ascii_case(here) {
        return Err(format!(
            "work in '{}', this office is {here}'s",
            r.work_country.chars().take(8).collect::<String>()
        ));
    }
    let texts = [&r.first_name, &r.last_name, &r.place, &r.function];
    let codes = [Some(&r.sending_country), r.nationality.as_ref(), r.legislation_state.as_ref()];
    let long = texts.iter().any(|t| t.chars().count() > MAX_TEXT)
        || [&r.legislation_article, &r.a1_reference].iter().any(|t| t.as_ref().is_some_and(|t| t.chars().count() > 60));
    if long || r.days.len() > MAX_DAYS || codes.into_iter().flatten().any(|c| CountryCode::parse(c).is_err()) {
        return Err(format!("notice {notice} does not fit: a text too long, too many days or a bad country code"));
    }
    let (Some(first_day), Some(last_listed)) =
        (r.days.iter().map(|d| d.date).min(), r.days.iter().map(|d| d.date).max())
    else {
        return Err(format!("notice {notice} lists no day of work"));
    };
    // An end is an open-ended work's, after the days it lists: anything else would make the
    // retention count from a day the work did not end on.
    let last_day = match r.ends_on {
        None => last_listed,
        Some(end) if r.open_ended && end >= last_listed => end,
        Some(end) => {
            return Err(format!(
                "notice {notice} ends on {end}, {}",
                if r.open_ended { format!("before its day {last_listed}") } else { "but is not open-ended".to_owned() }
            ))
        }
    };
    let days = serde_json::to_string(&r.days).map_err(|e| e.to_string())?;
    let upper = |c: &str| c.to_ascii_uppercase();
    Ok(NoticeRow {
        id: notice,
        from_node: from.to_string(),
        from_country: upper(&r.sending_country),
        first_name: r.first_name,
        last_name: r.last_name,
        birth_date: r.birth_date,
        nationality: r.nationality.as_deref().map(upper),
        work_country: here.to_owned(),
        place: r.place,
        function: r.function,
        days,
        first_day,
        last_day,
        open_ended: r.open_ended,
        ends_on: r.ends_on,
        legislation_state: r.legislation_state.as_deref().map(upper),
        legislation_article: r.legislation_article,
        a1_reference: r.a1_reference,
        received_at: at,
        cancelled_at: None,
        revision: 1,
        amended_at: None,
    })
}

/// One received notice.
pub async fn get<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<NoticeRow, AppError> {
    store::find(c, id).await?.ok_or_else(|| AppError::not_found("posting notice", id))
}

/// Received notices, the latest work first: from one country (`from_country`, two letters)
/// when given; `status` `active` (the default: not cancelled), `cancelled` or `all`.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    from_country: Option<&str>,
    status: Option<&str>,
    offset: u64,
    limit: u64,
) -> Result<Page<NoticeRow>, AppError> {
    let country = from_country
        .map(|s| {
            // A filter: two letters ISO does not assign are well formed and match nothing.
            CountryCode::from_letters(s.trim()).map_err(|_| {
                AppError::invalid(
                    "from_country",
                    format!("'{}' is not a country code, like BE", s.chars().take(20).collect::<String>()),
                )
            })
        })
        .transpose()?;
    let cancelled = match status.map(str::trim) {
        None | Some("active") => Some(false),
        Some("cancelled") => Some(true),
        Some("all") => None,
        Some(other) => {
            return Err(AppError::invalid(
                "status",
                format!("unknown status '{}': active, cancelled or all", other.chars().take(20).collect::<String>()),
            ))
        }
    };
    let (items, total) = store::list(c, country.as_ref().map(CountryCode::as_str), cancelled, offset, limit).await?;
    Ok(Page { items, total, offset, limit })
}

/// Deletes the received notices past their retention: `federation.posting_notice_retention_days`
/// after their last day of work (an open-ended work's end; never while it runs), or after
/// their cancellation; returns how many. Run hourly by the server beside the outbox prune,
/// and by the tests. Outside a federation, nothing.
pub async fn expire_due(node: &Node) -> Result<u64, AppError> {
    let Some(days) = node.settings.federation.as_ref().map(|f| i64::from(f.posting_notice_retention_days)) else {
        return Ok(0);
    };
    let txn = node.store.write().await?;
    let deleted = store::delete_expired(
        &*txn,
        node.today() - chrono::Duration::days(days),
        node.instant() - chrono::Duration::days(days),
    )
    .await?;
    txn.commit().await?;
    Ok(deleted)
}
