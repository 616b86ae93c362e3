//! Parked federation messages (`GET /federation/parked`, `POST .../{id}/retry`, `DELETE
//! .../{id}`): the French office of `transfers.rs` receives what it should not apply, an admin
//! sees it without its payload, retries it once the peers file enrols its sender (applied
//! once, its inbox row consistent), finds a duplicate, or dismisses it; each in the history.

use crate::common::Db;
use crate::on_both_databases;
use crate::postings::{amendment, notice, notice_id};
use crate::transfers::{a_member, key, offer, office, parked, trust, Office};
use partage::inbox::NodeInbox;
use partage_federation::envelope::TYPE;
use partage_federation::receiver::{Applied, Outcome, Receiver};
use partage_federation::{NodeId, NodeKey, TrustStore};
use serde_json::json;
use std::sync::Arc;

/// A key of `de`, an office the peers file does not list (yet).
pub(crate) fn de() -> NodeKey {
    NodeKey::from_seed(NodeId::new("de").unwrap(), "de-1", [14; 32]).unwrap()
}

/// `o`'s receiver believing `trust`, as its relay builds it from the peers file at start.
pub(crate) fn receiver(o: &Office, trust: TrustStore) -> Receiver {
    Receiver::new(Arc::new(trust), Arc::new(NodeInbox::new(o.node().clone())))
}

pub(crate) async fn deliver(r: &Receiver, s: &partage_federation::Signed) -> Outcome {
    r.handle_parts(&s.subject, Some(&s.headers()), &s.payload).await
}

/// Rewrites `o`'s peers file with `trust`: a key enrolled or withdrawn since its start.
pub(crate) fn rewrite_peers(o: &Office, trust: &TrustStore) {
    let f = o.node().settings.federation.as_ref().unwrap();
    std::fs::write(f.peers_file.as_ref().unwrap(), trust.to_toml()).unwrap();
}

/// How many of `o`'s history entries are about parked messages.
pub(crate) async fn audited(o: &Office) -> i64 {
    use sea_orm::ConnectionTrait;
    let db = o.node().store.db();
    let q = "SELECT COUNT(*) AS n FROM record_changes WHERE subject = 'parked_message'";
    let row = db.query_one(sea_orm::Statement::from_string(db.get_database_backend(), q)).await.unwrap();
    row.unwrap().try_get::<i64>("", "n").unwrap()
}

async fn an_admin_lists_retries_and_dismisses_parked_messages(db: Db) {
    let fr = office(db, "fr", "refund").await;
    let be = key("be");
    let r = receiver(&fr, trust());
    let good = notice(&be, 1, "fr", "fr", "FR");
    let id = notice_id(&good);
    assert_eq!(deliver(&r, &good).await, Outcome::Applied(Applied::Applied));
    // de, not enrolled: refused by the verification, parked without an inbox row.
    let from_de = notice(&de(), 1, "fr", "fr", "FR");
    assert!(matches!(deliver(&r, &from_de).await, Outcome::Refused(_)));
    // nl amends be's notice: verified, not applied, parked with its inbox row.
    let from_nl = amendment(&key("nl"), 1, id, 2, "FR", &[(10, 6, 23)]);
    assert_eq!(deliver(&r, &from_nl).await, Outcome::Applied(Applied::Applied));

    let page = fr.t.get("/federation/parked").await.ok(200).clone();
    assert_eq!((page["total"].as_u64(), page["offset"].as_u64(), page["limit"].as_u64()), (Some(2), Some(0), Some(50)));
    let first = &page["items"][0];
    assert_eq!((first["kind"].as_str(), first["node"].as_str()), (Some("posting.notice"), Some("de")));
    assert!(first["subject"].as_str().unwrap().starts_with("partage.de.mob.fr."), "{first}");
    assert!(first["reason"].as_str().unwrap().contains("no key de-1 is enrolled for node de"), "{first}");
    assert_eq!((first["retriable"].as_bool(), first["retried_at"].is_null()), (Some(true), true));
    assert!(first["received_at"].is_string() && first["waits_for"].is_null());
    let second = &page["items"][1];
    assert_eq!((second["kind"].as_str(), second["node"].as_str()), (Some("posting.amend"), Some("nl")));
    assert!(second["reason"].as_str().unwrap().contains("is from be, not nl"), "{second}");
    // No payload: neither the sealed record nor its envelope.
    for absent in ["ciphertext", "epk", "record", "payload", "Janssens"] {
        assert!(!page.to_string().contains(absent), "{absent}: {page}");
    }
    let (de_id, nl_id) = (first["id"].as_str().unwrap().to_owned(), second["id"].as_str().unwrap().to_owned());

    // Paged like the other lists.
    let one = fr.t.get("/federation/parked?offset=1&limit=1").await.ok(200).clone();
    assert_eq!((one["total"].as_u64(), one["items"][0]["id"].as_str()), (Some(2), Some(&*nl_id)));
    for (query, status, code, field) in [
        ("limit=0", 422, "out-of-range", "limit"),
        ("limit=501", 422, "out-of-range", "limit"),
        ("offset=1000000001", 422, "out-of-range", "offset"),
        ("offset=-1", 400, "bad-query", "offset"),
        ("limit=x", 400, "bad-query", "limit"),
    ] {
        let bad = fr.t.get(format!("/federation/parked?{query}")).await;
        bad.problem(status, code);
        assert_eq!(bad.body["field"], field, "{query}: {}", bad.text);
    }

    // Retried while de is still unknown: refused again, kept, with when.
    let again = fr.t.post(format!("/federation/parked/{de_id}/retry"), json!(null)).await.ok(200).clone();
    assert_eq!((again["id"].as_str(), again["outcome"].as_str()), (Some(&*de_id), Some("refused")));
    assert!(again["reason"].as_str().unwrap().contains("no key de-1"), "{again}");
    let page = fr.t.get("/federation/parked").await.ok(200).clone();
    assert_eq!(page["total"], 2);
    assert!(page["items"][0]["retried_at"].is_string());

    // de enrolled in the peers file: verified again, applied once.
    let mut enrolled = trust();
    enrolled.add(de().public()).unwrap();
    rewrite_peers(&fr, &enrolled);
    let applied = fr.t.post(format!("/federation/parked/{de_id}/retry"), json!(null)).await.ok(200).clone();
    assert_eq!((applied["outcome"].as_str(), applied["reason"].is_null()), (Some("applied"), true), "{applied}");
    let notices = fr.t.get("/posting-notices?status=all").await.ok(200).clone();
    assert_eq!(notices["total"], 2, "be's and de's: {notices}");
    fr.t.post(format!("/federation/parked/{de_id}/retry"), json!(null)).await.problem(404, "not-found");
    // The retry wrote its inbox row: delivered again, a duplicate.
    assert_eq!(deliver(&receiver(&fr, enrolled.clone()), &from_de).await, Outcome::Applied(Applied::Duplicate));
    assert_eq!(fr.t.get("/posting-notices?status=all").await.ok(200)["total"], 2);

    // nl's amendment, retried: the same refusal, still parked; its inbox row stays its own.
    let still = fr.t.post(format!("/federation/parked/{nl_id}/retry"), json!(null)).await.ok(200).clone();
    assert_eq!(still["outcome"], "refused");
    assert!(still["reason"].as_str().unwrap().contains("is from be, not nl"), "{still}");
    assert_eq!(fr.t.get(format!("/posting-notices/{id}")).await.ok(200)["revision"], 1, "not amended");
    // Looked at, dismissed: gone, never applied; delivered again, a duplicate.
    let gone = fr.t.delete(format!("/federation/parked/{nl_id}")).await;
    assert_eq!(gone.status.as_u16(), 204, "{}", gone.text);
    assert_eq!(fr.t.get("/federation/parked").await.ok(200)["total"], 0);
    fr.t.delete(format!("/federation/parked/{nl_id}")).await.problem(404, "not-found");
    assert_eq!(deliver(&r, &from_nl).await, Outcome::Applied(Applied::Duplicate));
    assert_eq!(parked(fr.node().store.db()).await, 0);
    assert_eq!(fr.t.get(format!("/posting-notices/{id}")).await.ok(200)["revision"], 1);
    // Two retries of de's, one of nl's, its dismissal.
    assert_eq!(audited(&fr).await, 4);
}

async fn only_an_admin_reaches_the_parked_messages(db: Db) {
    let fr = office(db, "fr", "refund").await;
    let r = receiver(&fr, trust());
    assert!(matches!(deliver(&r, &notice(&de(), 1, "fr", "fr", "FR")).await, Outcome::Refused(_)));
    let id = fr.t.get("/federation/parked").await.ok(200)["items"][0]["id"].as_str().unwrap().to_owned();
    let member = fr.t.member("someone@example.org").await;
    for who in [fr.t.as_staff("advisor").await, fr.t.as_staff("hq").await, fr.t.as_member(&member).await] {
        who.get("/federation/parked").await.problem(403, "role-forbidden");
        who.post(format!("/federation/parked/{id}/retry"), json!(null)).await.problem(403, "role-forbidden");
        who.delete(format!("/federation/parked/{id}")).await.problem(403, "role-forbidden");
    }
    assert_eq!(parked(fr.node().store.db()).await, 1, "untouched");
    assert_eq!(audited(&fr).await, 0);
}

async fn a_message_refused_for_its_headers_and_delivered_again_is_a_duplicate_on_retry(db: Db) {
    let fr = office(db, "fr", "refund").await;
    let r = receiver(&fr, trust());
    let good = notice(&key("be"), 1, "fr", "fr", "FR");
    // A header that disagrees with the signed payload: refused, parked with the signature.
    let mut headers = good.headers();
    headers.insert(TYPE, "posting.cancel");
    assert!(matches!(r.handle_parts(&good.subject, Some(&headers), &good.payload).await, Outcome::Refused(_)));
    assert_eq!(deliver(&r, &good).await, Outcome::Applied(Applied::Applied));
    let id = fr.t.get("/federation/parked").await.ok(200)["items"][0]["id"].as_str().unwrap().to_owned();
    // The headers only repeat the payload: rebuilt from it, the signature verifies; the event
    // was applied by the second delivery.
    let retried = fr.t.post(format!("/federation/parked/{id}/retry"), json!(null)).await.ok(200).clone();
    assert_eq!(retried["outcome"], "duplicate", "{retried}");
    assert_eq!(fr.t.get("/federation/parked").await.ok(200)["total"], 0);
    assert_eq!(fr.t.get("/posting-notices").await.ok(200)["total"], 1);
}

async fn a_transfer_offer_from_a_key_enrolled_later_is_imported_by_a_retry(db: Db) {
    let be = office(db, "be", "refund").await;
    let fr = office(db, "fr", "refund").await;
    let member = a_member(&be, "ines@example.org").await;
    be.t.patch_as(format!("/members/{member}"), "advisor", json!({"nationality": "XK"})).await.ok(200);
    let transfer = offer(&be, &member, "fr").await;
    // fr's receiver started before be was enrolled; the peers file has it now.
    let mut without_be = TrustStore::new();
    without_be.add(key("fr").public()).unwrap();
    without_be.add(key("nl").public()).unwrap();
    let r = receiver(&fr, without_be);
    for s in be.signed_to("fr", 0).await {
        assert!(matches!(deliver(&r, &s).await, Outcome::Refused(_)));
    }
    fr.t.get(format!("/transfers/{transfer}")).await.problem(404, "not-found");
    let id = fr.t.get("/federation/parked").await.ok(200)["items"][0]["id"].as_str().unwrap().to_owned();
    let retried = fr.t.post(format!("/federation/parked/{id}/retry"), json!(null)).await.ok(200).clone();
    assert_eq!(retried["outcome"], "applied", "{retried}");
    let at_fr = fr.transfer(&transfer).await;
    assert_eq!((at_fr["side"].as_str(), at_fr["status"].as_str()), (Some("destination"), Some("offered")));
    assert_eq!(at_fr["record"]["nationality"], "XK");
    // Delivered again by a receiver that knows be now: a duplicate.
    let r = receiver(&fr, trust());
    for s in be.signed_to("fr", 0).await {
        assert_eq!(deliver(&r, &s).await, Outcome::Applied(Applied::Duplicate));
    }
    assert_eq!(parked(fr.node().store.db()).await, 0);
}

/// The reads tag of an earlier build, which did not read what this one does.
const EARLIER_BUILD: &str = "0123456789abcdef";

/// Parks `s` in `o`'s database as a build reading `tag` parks a message it cannot read: refused
/// by the verification, kept with its signature, no inbox row, marked unreadable by `tag`.
async fn parked_as_unreadable(o: &Office, s: &partage_federation::Signed, tag: &str) -> uuid::Uuid {
    use partage::storage::parked::{insert, mark_unreadable, NewParked};
    let headers = s.headers();
    let signature = headers.get(partage_federation::envelope::SIG).unwrap().as_str().to_owned();
    let reason = "event posting.notice version 2: unknown type or version";
    let new = NewParked {
        subject: &s.subject,
        reason,
        payload: &s.payload,
        signature: Some(&signature),
        event_id: None,
        waits_for: None,
    };
    let txn = o.node().store.write().await.unwrap();
    let id = insert(&*txn, &new, o.node().instant()).await.unwrap();
    mark_unreadable(&*txn, id, tag).await.unwrap();
    txn.commit().await.unwrap();
    id
}

/// `o`'s parked message `id` as the list shows it, if still parked.
async fn listed(o: &Office, id: uuid::Uuid) -> Option<serde_json::Value> {
    let page = o.t.get("/federation/parked").await.ok(200).clone();
    page["items"].as_array().unwrap().iter().find(|m| m["id"] == id.to_string()).cloned()
}

/// A host on an earlier build parked a version-2 posting notice as an unknown version, and
/// another addressed to another office. The first start of a build that reads version 2
/// retries both through the admin's path: the first is applied, once, with its inbox row; the
/// second stays parked with its new reason. A message this build itself could not read is
/// left alone, and a second start retries nothing again.
async fn messages_an_earlier_build_could_not_read_are_retried_once_at_start(db: Db) {
    use partage::service::parked::{retry_unreadable, STARTUP_RETRY_BY};
    let fr = office(db, "fr", "refund").await;
    let be = key("be");
    let readable = notice(&be, 1, "fr", "fr", "FR");
    let elsewhere = notice(&be, 2, "nl", "nl", "NL");
    let unread_now = notice(&be, 3, "fr", "fr", "FR");
    let applied_id = parked_as_unreadable(&fr, &readable, EARLIER_BUILD).await;
    let refused_id = parked_as_unreadable(&fr, &elsewhere, EARLIER_BUILD).await;
    // As this build's inbox marks what it cannot read (here, a stand-in: it reads version 2).
    let tag = partage_federation::events::reads_tag();
    let left_id = parked_as_unreadable(&fr, &unread_now, &tag).await;
    assert_eq!(fr.t.get("/posting-notices?status=all").await.ok(200)["total"], 0);

    let done = retry_unreadable(fr.node()).await.unwrap();
    let outcomes: Vec<(uuid::Uuid, &str)> = done.iter().map(|r| (r.id, r.outcome.as_str())).collect();
    assert_eq!(outcomes, vec![(applied_id, "applied"), (refused_id, "refused")]);
    assert!(done[1].reason.as_deref().unwrap().contains("addressed to nl"), "{:?}", done[1]);
    let notices = fr.t.get("/posting-notices?status=all").await.ok(200).clone();
    assert_eq!(notices["total"], 1, "{notices}");
    assert_eq!(notices["items"][0]["id"], notice_id(&readable).to_string());
    assert!(listed(&fr, applied_id).await.is_none(), "applied: gone from the list");
    let refused = listed(&fr, refused_id).await.unwrap();
    assert!(refused["reason"].as_str().unwrap().contains("addressed to nl"), "{refused}");
    assert!(refused["retried_at"].is_string());
    let left = listed(&fr, left_id).await.unwrap();
    assert!(left["reason"].as_str().unwrap().contains("unknown type or version"), "{left}");
    assert!(left["retried_at"].is_null(), "parked by this build: not retried");
    assert_eq!(audited(&fr).await, 2);
    let row = partage::storage::parked::get(fr.node().store.db(), refused_id).await.unwrap().unwrap();
    assert_eq!(row.unreadable_by, None, "read this time: an admin's to look at, not the next build's");
    assert!(row.event_id.is_some(), "it holds its inbox row now");

    // The next start of the same build: nothing again.
    assert!(retry_unreadable(fr.node()).await.unwrap().is_empty());
    assert_eq!(fr.t.get("/posting-notices?status=all").await.ok(200)["total"], 1);
    assert_eq!(audited(&fr).await, 2);
    assert_eq!(parked(fr.node().store.db()).await, 2);
    // Delivered again: both duplicates, their inbox rows written once, by the retry.
    let r = receiver(&fr, trust());
    assert_eq!(deliver(&r, &readable).await, Outcome::Applied(Applied::Duplicate));
    assert_eq!(deliver(&r, &elsewhere).await, Outcome::Applied(Applied::Duplicate));
    assert_eq!(fr.t.get("/posting-notices?status=all").await.ok(200)["total"], 1);
    // The history names the node's start, not a person.
    use sea_orm::ConnectionTrait;
    let db = fr.node().store.db();
    let q = format!("SELECT COUNT(*) AS n FROM record_changes WHERE subject = 'parked_message' AND changed_by = '{STARTUP_RETRY_BY}'");
    let row = db.query_one(sea_orm::Statement::from_string(db.get_database_backend(), q)).await.unwrap();
    assert_eq!(row.unwrap().try_get::<i64>("", "n").unwrap(), 2);
}

on_both_databases!(
    messages_an_earlier_build_could_not_read_are_retried_once_at_start,
    an_admin_lists_retries_and_dismisses_parked_messages,
    only_an_admin_reaches_the_parked_messages,
    a_message_refused_for_its_headers_and_delivered_again_is_a_duplicate_on_retry,
    a_transfer_offer_from_a_key_enrolled_later_is_imported_by_a_retry,
);
