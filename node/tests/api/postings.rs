//! Posting notices (issue 13): a Belgian office's member validated for work in France, and
//! the French office told of it, sealed, through its inbox, once. The offices are those of
//! `transfers.rs` (one process, two databases, the outbox rows signed and handed over by
//! hand), and one scenario runs over real nats-server processes. A day's new hours reach the
//! host as an amendment of the notice, applied only when newer than what the host holds; so
//! does the end of an open-ended (stabilised) contract, whose notice is kept while it runs.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use crate::transfers::{applied, carry, federated, key, office, parked, trust};
use partage::inbox::NodeInbox;
use partage::service::postings;
use partage::service::transfers::Received;
use partage::storage::outbox;
use partage_federation::envelope::{verify, Envelope};
use partage_federation::events::{PostingAmendV2, PostingCancelV1, PostingNoticeV2};
use partage_federation::posting::{self, PostingDayV1, PostingRecordV2, RECORD_VERSION};
use partage_federation::receiver::{Applied, Outcome, Receiver};
use partage_federation::{Event, NodeId, NodeKey};
use serde_json::json;
use std::sync::Arc;

fn be_id() -> NodeId {
    NodeId::new("be").unwrap()
}

/// A member living in Belgium with an identity, an address, an A1 of Belgium for March and an
/// activity holding a budget; the declaration of a day's work in `country`: (member, declaration).
async fn worker_abroad(t: &TestNode, email: &str, country: &str) -> (String, String) {
    let member = t.member(email).await;
    t.put(
        format!("/members/{member}/identity"),
        json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30",
               "address": {"street": "Rue Haute 12", "postal_code": "1000", "city": "Bruxelles", "country": "BE"}}),
    )
    .await
    .ok(200);
    let a1 = json!({"issuing_state": "BE", "article": "12(1)", "valid_from": "2026-03-01", "valid_until": "2026-03-31", "reference": "BE-2026-0042"});
    t.post(format!("/members/{member}/a1-certificates"), a1).await.ok(201);
    let activity = t.activity(&member, "Tour").await;
    let client = t.belgian_client().await;
    let invoice = t.draft(&activity, &client, "1000.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    let d = t
        .post(
            "/work-declarations",
            json!({"activity_id": activity, "function": "Musician", "place": "Le Splendid, Lille", "work_country": country,
                   "worker_category": "artist", "budget": "600.00", "currency": "EUR",
                   "periods": [{"date": "2026-03-10", "start": "08:00", "end": "16:00"},
                               {"date": "2026-03-11", "start": "14:00", "end": "18:00"}]}),
        )
        .await;
    (member, d.ok(201)["id"].as_str().unwrap().to_owned())
}

/// Validates a declaration; its contract's id.
async fn validate(t: &TestNode, declaration: &str) -> String {
    let v = t.post(format!("/work-declarations/{declaration}/validate"), json!(null)).await;
    v.ok(200)["contract"]["id"].as_str().unwrap().to_owned()
}

/// Records the state's period numbers of a contract of two days (what a change or a cancel names).
async fn acknowledge(t: &TestNode, contract: &str) {
    let k = t.get(format!("/contracts/{contract}")).await.ok(200).clone();
    let filed = k["hiring_declarations"][0]["id"].as_str().unwrap().to_owned();
    t.put(
        format!("/hiring-declarations/{filed}/acknowledgement"),
        json!({"period_ids": ["123456789012", "123456789013"]}),
    )
    .await
    .ok(200);
}

/// Cancels a contract of two days before its work, once the state acknowledged its hiring declaration.
async fn cancel(t: &TestNode, contract: &str) {
    acknowledge(t, contract).await;
    t.post(format!("/contracts/{contract}/cancel"), json!({"reason": "the venue closed"})).await.ok(200);
}

/// Gives the acknowledged contract's day `date` new hours.
async fn change_hours(t: &TestNode, contract: &str, date: &str, start: &str, end: &str) {
    t.post(format!("/contracts/{contract}/update"), json!({"date": date, "start": start, "end": end})).await.ok(200);
}

/// The amendments in `node`'s outbox, in the order written.
async fn amendments(node: &partage::service::Node) -> Vec<PostingAmendV2> {
    rows(node, "posting.amend").await.into_iter().map(|r| serde_json::from_value(r.body).unwrap()).collect()
}

/// The revisions counted on the origin's rows of the notices it sent.
async fn sent_revisions(node: &partage::service::Node) -> Vec<i32> {
    use sea_orm::ConnectionTrait;
    let db = node.store.db();
    let stmt = sea_orm::Statement::from_string(db.get_database_backend(), "SELECT revision FROM posting_notices_sent");
    db.query_all(stmt).await.unwrap().iter().map(|r| r.try_get::<i32>("", "revision").unwrap()).collect()
}

/// The reasons of the host's parked messages, oldest first.
pub(crate) async fn parked_reasons(node: &partage::service::Node) -> Vec<String> {
    use sea_orm::ConnectionTrait;
    let db = node.store.db();
    db.query_all(sea_orm::Statement::from_string(
        db.get_database_backend(),
        "SELECT reason FROM inbox_parked ORDER BY received_at, id",
    ))
    .await
    .unwrap()
    .iter()
    .map(|r| r.try_get::<String>("", "reason").unwrap())
    .collect()
}

/// The outbox rows of `kind`, with their subjects' tails.
async fn rows(node: &partage::service::Node, kind: &str) -> Vec<partage_federation::relay::OutboxRow> {
    outbox::after(node.store.db(), 0, 1000).await.unwrap().into_iter().filter(|r| r.kind == kind).collect()
}

async fn a_validated_declaration_in_a_peers_country_sends_it_one_sealed_notice_applied_once(db: Db) {
    let be = office(db, "be", "refund").await;
    let fr = office(db, "fr", "refund").await;
    let (member, declaration) = worker_abroad(&be.t, "lea@example.org", "FR").await;
    // A Portuguese member of the Belgian office: her nationality goes with the notice.
    be.t.patch_as(format!("/members/{member}"), "advisor", json!({"nationality": "pt"})).await.ok(200);
    assert!(rows(be.node(), "posting.notice").await.is_empty(), "nothing before the validation");
    let contract = validate(&be.t, &declaration).await;

    let sent = rows(be.node(), "posting.notice").await;
    assert_eq!(sent.len(), 1);
    let wire = sent[0].body.to_string();
    for clear in ["Peeters", "Lille", "1985-07-30", "Musician", "BE-2026-0042", "\"PT\""] {
        assert!(!wire.contains(clear), "{clear} travels sealed: {wire}");
    }
    assert_eq!(sent[0].version, 2);
    let event: PostingNoticeV2 = serde_json::from_value(sent[0].body.clone()).unwrap();
    assert_eq!((event.to.as_str(), event.record_version), ("fr", RECORD_VERSION));
    // Under the addressee's mobility subjects: fr's inbox sources them, HQ (`agg.>`) does not.
    let signed = be.signed_to("fr", 0).await;
    assert_eq!(signed.len(), 1);
    assert_eq!(signed[0].subject, format!("partage.be.mob.fr.{}.posting", event.notice));
    // It opens at fr, and holds exactly what the host needs.
    let record = posting::open(&fr.key, &be_id(), event.notice, event.record_version, &event.record).unwrap();
    let opened = serde_json::to_value(&record).unwrap();
    let mut fields: Vec<&str> = opened.as_object().unwrap().keys().map(String::as_str).collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "a1_reference",
            "birth_date",
            "days",
            "ends_on",
            "first_name",
            "function",
            "last_name",
            "legislation_article",
            "legislation_state",
            "nationality",
            "notice",
            "open_ended",
            "place",
            "sending_country",
            "sending_node",
            "work_country"
        ]
    );
    let text = opened.to_string();
    for absent in ["85.07.30", "85073003328", "Rue Haute", "Bruxelles", "600.00", "EUR", "lea@example.org"] {
        assert!(!text.contains(absent), "{absent} must not reach the host: {text}");
    }
    assert_eq!((record.first_name.as_str(), record.last_name.as_str()), ("Ada", "Peeters"));
    assert_eq!(record.birth_date.to_string(), "1985-07-30");
    assert_eq!(record.nationality.as_deref(), Some("PT"), "recorded on the member, upper case");
    assert_eq!((record.sending_node.as_str(), record.sending_country.as_str()), ("be", "BE"));
    assert_eq!((record.work_country.as_str(), record.place.as_str()), ("FR", "Le Splendid, Lille"));
    assert_eq!(record.function, "Musician");
    assert_eq!(
        record.days.iter().map(|d| format!("{} {}-{}", d.date, d.start, d.end)).collect::<Vec<_>>(),
        ["2026-03-10 08:00:00-16:00:00", "2026-03-11 14:00:00-18:00:00"]
    );
    assert_eq!(
        (record.legislation_state.as_deref(), record.legislation_article.as_deref()),
        (Some("BE"), Some("12(1)"))
    );
    assert_eq!(record.a1_reference.as_deref(), Some("BE-2026-0042"));
    assert_eq!((record.open_ended, record.ends_on), (false, None), "a contract of two days");
    // The origin itself cannot read it back.
    assert!(posting::open(&be.key, &be_id(), event.notice, 2, &event.record).is_err());

    // Delivered twice: applied once.
    assert_eq!(applied(&carry(&be, &fr).await), 1);
    for o in carry(&be, &fr).await {
        assert_eq!(o, Outcome::Applied(Applied::Duplicate));
    }
    // The same notice under another event id (written twice at the origin): still once.
    let again =
        Envelope::from_parts(be_id(), 999, sent[0].occurred_at, &sent[0].kind, sent[0].version, sent[0].body.clone())
            .sign(&be.key)
            .unwrap();
    let v = verify(&fr.trust, &again.subject, &again.headers(), &again.payload).unwrap();
    let txn = fr.node().store.write().await.unwrap();
    assert_eq!(partage::service::parked::receive(&*txn, fr.node(), &v).await.unwrap(), Received::Duplicate);
    txn.commit().await.unwrap();

    let page = fr.t.get("/posting-notices").await.ok(200).clone();
    assert_eq!(page["total"], 1, "{page}");
    let n = &page["items"][0];
    assert_eq!(n["id"], event.notice.to_string());
    assert_eq!((n["from_node"].as_str(), n["from_country"].as_str()), (Some("be"), Some("BE")));
    assert_eq!((n["first_name"].as_str(), n["last_name"].as_str()), (Some("Ada"), Some("Peeters")));
    assert_eq!((n["first_day"].as_str(), n["last_day"].as_str()), (Some("2026-03-10"), Some("2026-03-11")));
    assert_eq!(n["days"][1], json!({"date": "2026-03-11", "start": "14:00:00", "end": "18:00:00"}));
    assert_eq!((n["legislation_country"].as_str(), n["a1_reference"].as_str()), (Some("BE"), Some("BE-2026-0042")));
    assert_eq!(n["status"], "active");
    assert_eq!((n["open_ended"].as_bool(), n["ends_on"].is_null()), (Some(false), true));
    assert_eq!((n["revision"].as_i64(), n["amended_at"].is_null()), (Some(1), true), "never amended");
    assert_eq!(n["nationality"], "PT");
    assert!(n.get("national_id").is_none() && n.get("address").is_none());
    let one = fr.t.get(format!("/posting-notices/{}", event.notice)).await.ok(200).clone();
    assert_eq!(&one, n);
    fr.t.get(format!("/posting-notices/{}", uuid::Uuid::now_v7())).await.problem(404, "not-found");
    assert_eq!(fr.t.get("/posting-notices?from_country=be").await.ok(200)["total"], 1);
    assert_eq!(fr.t.get("/posting-notices?from_country=NL").await.ok(200)["total"], 0);
    let bad = fr.t.get("/posting-notices?from_country=B1").await;
    bad.problem(422, "invalid-field");
    assert_eq!(bad.body["field"], "from_country", "{}", bad.text);
    let bad = fr.t.get("/posting-notices?status=gone").await;
    bad.problem(422, "invalid-field");
    assert_eq!(bad.body["field"], "status", "{}", bad.text);
    // Office staff read them; a member of the host office does not.
    let someone = fr.t.member("someone@example.org").await;
    fr.t.as_member(&someone).await.get("/posting-notices").await.problem(403, "role-forbidden");
    // The origin keeps no notice of its own to list.
    assert_eq!(be.t.get("/posting-notices?status=all").await.ok(200)["total"], 0);

    // The contract cancelled: one cancel, with the notice's id, applied once.
    cancel(&be.t, &contract).await;
    let cancels = rows(be.node(), "posting.cancel").await;
    assert_eq!(cancels.len(), 1);
    let cancel: PostingCancelV1 = serde_json::from_value(cancels[0].body.clone()).unwrap();
    assert_eq!((cancel.notice, cancel.to.as_str()), (event.notice, "fr"));
    assert_eq!(applied(&carry(&be, &fr).await), 1, "the cancel; the notice is a duplicate");
    assert_eq!(fr.t.get("/posting-notices").await.ok(200)["total"], 0, "active ones only by default");
    let cancelled = fr.t.get("/posting-notices?status=cancelled").await.ok(200).clone();
    assert_eq!((cancelled["total"].as_u64(), cancelled["items"][0]["status"].as_str()), (Some(1), Some("cancelled")));
    assert!(cancelled["items"][0]["cancelled_at"].is_string());
    assert_eq!(fr.t.get("/posting-notices?status=all").await.ok(200)["total"], 1);
    assert_eq!(be.kinds().await.iter().filter(|k| k.starts_with("posting.")).count(), 2, "one notice, one cancel");
}

async fn notices_are_kept_until_their_retention_after_the_last_day_of_work(db: Db) {
    let be = office(db, "be", "refund").await;
    let fr = office(db, "fr", "refund").await;
    let (_, declaration) = worker_abroad(&be.t, "noor@example.org", "FR").await;
    validate(&be.t, &declaration).await;
    carry(&be, &fr).await;
    // The last day is 2026-03-11; 365 days by default.
    let kept = fr.on_day("2027-03-11").await;
    assert_eq!(postings::expire_due(kept.node()).await.unwrap(), 0);
    assert_eq!(kept.t.get("/posting-notices").await.ok(200)["total"], 1);
    let past = fr.on_day("2027-03-12").await;
    assert_eq!(postings::expire_due(past.node()).await.unwrap(), 1);
    assert_eq!(past.t.get("/posting-notices?status=all").await.ok(200)["total"], 0);
}

async fn nothing_is_sent_outside_a_federation_nor_for_a_country_without_a_peer(db: Db) {
    // Not federated: validated as ever, nothing in the outbox.
    let alone = start(db).await;
    let (_, declaration) = worker_abroad(&alone, "ada@example.org", "FR").await;
    validate(&alone, &declaration).await;
    let kinds: Vec<String> =
        outbox::after(alone.in_process().store.db(), 0, 1000).await.unwrap().into_iter().map(|r| r.kind).collect();
    assert!(kinds.iter().all(|k| !k.starts_with("posting.")), "{kinds:?}");
    // Federated, but no office of the group in Germany; and work at home.
    let be = office(db, "be", "refund").await;
    let (_, in_germany) = worker_abroad(&be.t, "sam@example.org", "DE").await;
    let contract = validate(&be.t, &in_germany).await;
    let (_, at_home) = worker_abroad(&be.t, "kim@example.org", "BE").await;
    validate(&be.t, &at_home).await;
    cancel(&be.t, &contract).await;
    assert!(be.kinds().await.iter().all(|k| !k.starts_with("posting.")), "{:?}", be.kinds().await);
}

/// The record of notice `id` sent by `me`, of work in `work_country` on `days` (day of March
/// 2026, start hour, end hour).
fn record(me: &NodeId, id: uuid::Uuid, work_country: &str, days: &[(u32, u32, u32)]) -> PostingRecordV2 {
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    let at = |h| chrono::NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    PostingRecordV2 {
        notice: id,
        sending_node: me.clone(),
        sending_country: me.as_str().to_ascii_uppercase(),
        first_name: "Eva".into(),
        last_name: "Janssens".into(),
        birth_date: day(10),
        nationality: None,
        work_country: work_country.into(),
        place: "Lille".into(),
        function: "Dancer".into(),
        days: days
            .iter()
            .map(|&(d, start, end)| PostingDayV1 { date: day(d), start: at(start), end: at(end) })
            .collect(),
        legislation_state: Some("BE".into()),
        legislation_article: Some("12(1)".into()),
        a1_reference: None,
        open_ended: false,
        ends_on: None,
    }
}

/// `event` signed by `from` as its `seq`-th.
pub(crate) fn signed(from: &NodeKey, seq: u64, event: &Event) -> partage_federation::Signed {
    let at = chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00Z").unwrap().to_utc();
    Envelope::new(from.node().clone(), seq, at, event).sign(from).unwrap()
}

/// A notice `from` (with its key) signs, addressed to `to`, sealed to `sealed_to`.
pub(crate) fn notice(
    from: &NodeKey,
    seq: u64,
    to: &str,
    sealed_to: &str,
    work_country: &str,
) -> partage_federation::Signed {
    notice_of(from, seq, uuid::Uuid::now_v7(), to, sealed_to, work_country)
}

/// Notice `id` as [`notice`] makes one.
pub(crate) fn notice_of(
    from: &NodeKey,
    seq: u64,
    id: uuid::Uuid,
    to: &str,
    sealed_to: &str,
    work_country: &str,
) -> partage_federation::Signed {
    let me = from.node().clone();
    let record = record(&me, id, work_country, &[(10, 8, 12)]);
    let sealed = posting::seal(&trust(), &me, &NodeId::new(sealed_to).unwrap(), &record).unwrap();
    signed(
        from,
        seq,
        &Event::PostingNotice(PostingNoticeV2 {
            notice: id,
            to: NodeId::new(to).unwrap(),
            record_version: RECORD_VERSION,
            record: sealed,
        }),
    )
}

/// Revision `revision` of notice `id`, by `from` for fr: work in `work_country` on `days`.
pub(crate) fn amendment(
    from: &NodeKey,
    seq: u64,
    id: uuid::Uuid,
    revision: u32,
    work_country: &str,
    days: &[(u32, u32, u32)],
) -> partage_federation::Signed {
    let me = from.node().clone();
    let fr = NodeId::new("fr").unwrap();
    let sealed = posting::seal_amendment(&trust(), &me, &fr, &record(&me, id, work_country, days)).unwrap();
    let event = PostingAmendV2 { notice: id, to: fr, revision, record_version: RECORD_VERSION, record: sealed };
    signed(from, seq, &Event::PostingAmend(event))
}

/// The notice id a signed notice or amendment carries.
pub(crate) fn notice_id(s: &partage_federation::Signed) -> uuid::Uuid {
    let v = verify(&trust(), &s.subject, &s.headers(), &s.payload).unwrap();
    uuid::Uuid::parse_str(v.envelope.body["notice"].as_str().unwrap()).unwrap()
}

async fn a_notice_not_sealed_to_this_node_or_from_a_stranger_is_parked_or_refused(db: Db) {
    let be = office(db, "be", "refund").await;
    let fr = office(db, "fr", "refund").await;
    let receiver = Receiver::new(Arc::new(trust()), Arc::new(NodeInbox::new(fr.node().clone())));
    let deliver =
        async |s: partage_federation::Signed| receiver.handle_parts(&s.subject, Some(&s.headers()), &s.payload).await;
    // Addressed to fr, sealed to nl's key: fr cannot open it, so it is parked.
    assert_eq!(deliver(notice(&be.key, 1, "fr", "nl", "FR")).await, Outcome::Applied(Applied::Applied));
    // About work in the Netherlands: not for the French office.
    assert_eq!(deliver(notice(&be.key, 2, "fr", "fr", "NL")).await, Outcome::Applied(Applied::Applied));
    // A cancel, by nl, of a notice be sent: only the sender speaks for its notice.
    let good = notice(&be.key, 3, "fr", "fr", "FR");
    let notice_id = verify(&trust(), &good.subject, &good.headers(), &good.payload).unwrap().envelope.body["notice"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(deliver(good).await, Outcome::Applied(Applied::Applied));
    let nl = key("nl");
    let forged = Event::PostingCancel(PostingCancelV1 {
        notice: uuid::Uuid::parse_str(&notice_id).unwrap(),
        to: NodeId::new("fr").unwrap(),
    });
    let s = Envelope::new(NodeId::new("nl").unwrap(), 1, fr.node().instant(), &forged).sign(&nl).unwrap();
    assert_eq!(deliver(s).await, Outcome::Applied(Applied::Applied));
    // A node no peers file lists: its signature is not believed.
    let de = NodeKey::from_seed(NodeId::new("de").unwrap(), "de-1", [14; 32]).unwrap();
    assert!(matches!(deliver(notice(&de, 1, "fr", "fr", "FR")).await, Outcome::Refused(_)));

    assert_eq!(parked(fr.node().store.db()).await, 4, "three parked by the inbox, one refused by the receiver");
    use sea_orm::ConnectionTrait;
    let db = fr.node().store.db();
    let reasons: Vec<String> = db
        .query_all(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT reason FROM inbox_parked ORDER BY received_at, id",
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "reason").unwrap())
        .collect();
    assert!(reasons[0].starts_with("notice unreadable: sealed to key nl-1"), "{reasons:?}");
    assert!(reasons[1].contains("work in 'NL'"), "{reasons:?}");
    assert!(reasons[2].contains("is from be, not nl"), "{reasons:?}");
    let all = fr.t.get("/posting-notices?status=all").await.ok(200).clone();
    assert_eq!(all["total"], 1, "only the good one: {all}");
    assert_eq!(
        (all["items"][0]["id"].as_str(), all["items"][0]["status"].as_str()),
        (Some(&*notice_id), Some("active"))
    );
}

async fn a_days_new_hours_reach_the_host_as_the_notices_next_revision(db: Db) {
    let be = office(db, "be", "refund").await;
    let fr = office(db, "fr", "refund").await;
    let (_, declaration) = worker_abroad(&be.t, "ines@example.org", "FR").await;
    let contract = validate(&be.t, &declaration).await;
    assert_eq!(applied(&carry(&be, &fr).await), 1);
    let before = fr.t.get("/posting-notices").await.ok(200)["items"][0].clone();
    acknowledge(&be.t, &contract).await;
    assert!(amendments(be.node()).await.is_empty(), "nothing changed yet");

    change_hours(&be.t, &contract, "2026-03-11", "13:00", "22:00").await;
    let sent = amendments(be.node()).await;
    assert_eq!(sent.len(), 1, "one amendment, in the change's transaction");
    let notice = uuid::Uuid::parse_str(before["id"].as_str().unwrap()).unwrap();
    assert_eq!((sent[0].notice, sent[0].to.as_str(), sent[0].revision), (notice, "fr", 2));
    assert_eq!(sent_revisions(be.node()).await, [2]);
    let wire = serde_json::to_string(&sent[0]).unwrap();
    assert!(!wire.contains("Peeters") && !wire.contains("13:00"), "the record travels sealed: {wire}");
    let signed = be.signed_to("fr", 0).await;
    assert_eq!(signed.last().unwrap().subject, format!("partage.be.mob.fr.{notice}.posting-amend"));
    // The whole new record: the changed day and the one that did not change.
    let record = posting::open_amendment(&fr.key, &be_id(), notice, sent[0].record_version, &sent[0].record).unwrap();
    assert_eq!(
        record.days.iter().map(|d| format!("{} {}-{}", d.date, d.start, d.end)).collect::<Vec<_>>(),
        ["2026-03-10 08:00:00-16:00:00", "2026-03-11 13:00:00-22:00:00"]
    );
    assert_eq!((record.last_name.as_str(), record.a1_reference.as_deref()), ("Peeters", Some("BE-2026-0042")));

    assert_eq!(applied(&carry(&be, &fr).await), 1, "the amendment; the notice is a duplicate");
    let n = fr.t.get(format!("/posting-notices/{notice}")).await.ok(200).clone();
    assert_eq!(n["revision"], 2);
    assert_eq!(n["days"][1], json!({"date": "2026-03-11", "start": "13:00:00", "end": "22:00:00"}));
    assert_eq!(n["days"][0], before["days"][0]);
    assert_eq!((n["first_day"].as_str(), n["last_day"].as_str()), (Some("2026-03-10"), Some("2026-03-11")));
    assert_eq!(n["received_at"], before["received_at"], "received once, amended since");
    assert!(n["amended_at"].is_string(), "{n}");
    assert_eq!(n["status"], "active");

    // A second change: revision 3, applied over 2.
    change_hours(&be.t, &contract, "2026-03-10", "09:00", "17:00").await;
    assert_eq!(amendments(be.node()).await.iter().map(|a| a.revision).collect::<Vec<_>>(), [2, 3]);
    assert_eq!(sent_revisions(be.node()).await, [3]);
    assert_eq!(applied(&carry(&be, &fr).await), 1, "revision 3 only");
    let n = fr.t.get(format!("/posting-notices/{notice}")).await.ok(200).clone();
    assert_eq!((n["revision"].as_i64(), n["days"][0]["start"].as_str()), (Some(3), Some("09:00:00")));
    assert_eq!(n["days"][1]["start"], "13:00:00");
    assert_eq!(fr.t.get("/posting-notices").await.ok(200)["total"], 1, "the same notice, amended");
    assert_eq!(parked(fr.node().store.db()).await, 0);
    // The document the node serves says so.
    let doc = fr.t.get("/openapi.json").await.ok(200).clone();
    let view = &doc["components"]["schemas"]["PostingNoticeView"]["properties"];
    assert_eq!((view["revision"]["type"].as_str(), view["revision"]["minimum"].as_i64()), (Some("integer"), Some(1)));
    assert!(view["amended_at"]["pattern"].as_str().unwrap().ends_with("Z$"), "{}", view["amended_at"]);
}

async fn an_older_revision_delivered_after_a_newer_one_changes_nothing(db: Db) {
    let be = office(db, "be", "refund").await;
    let fr = office(db, "fr", "refund").await;
    let (_, declaration) = worker_abroad(&be.t, "omar@example.org", "FR").await;
    let contract = validate(&be.t, &declaration).await;
    acknowledge(&be.t, &contract).await;
    change_hours(&be.t, &contract, "2026-03-11", "10:00", "12:00").await;
    change_hours(&be.t, &contract, "2026-03-11", "15:00", "19:00").await;
    let signed = be.signed_to("fr", 0).await;
    let kinds: Vec<&str> = signed.iter().map(|s| s.subject.rsplit('.').next().unwrap()).collect();
    assert_eq!(kinds, ["posting", "posting-amend", "posting-amend"]);
    // The notice, then revision 3 before revision 2.
    let receiver = Receiver::new(Arc::new(trust()), Arc::new(NodeInbox::new(fr.node().clone())));
    let mut outcomes = Vec::new();
    for s in [&signed[0], &signed[2], &signed[1]] {
        outcomes.push(receiver.handle_parts(&s.subject, Some(&s.headers()), &s.payload).await);
    }
    assert_eq!(
        outcomes,
        [Outcome::Applied(Applied::Applied), Outcome::Applied(Applied::Applied), Outcome::Applied(Applied::Duplicate)]
    );
    let n = fr.t.get("/posting-notices").await.ok(200)["items"][0].clone();
    assert_eq!(n["revision"], 3);
    assert_eq!(n["days"][1], json!({"date": "2026-03-11", "start": "15:00:00", "end": "19:00:00"}));
    assert_eq!(parked(fr.node().store.db()).await, 0, "a late revision is a duplicate, not a fault");
    // Delivered again: still revision 3.
    for o in carry(&be, &fr).await {
        assert_eq!(o, Outcome::Applied(Applied::Duplicate));
    }
    assert_eq!(fr.t.get("/posting-notices").await.ok(200)["items"][0]["revision"], 3);
}

async fn an_amendment_not_from_the_notices_sender_or_of_no_notice_here_is_parked(db: Db) {
    let fr = office(db, "fr", "refund").await;
    let be = key("be");
    let receiver = Receiver::new(Arc::new(trust()), Arc::new(NodeInbox::new(fr.node().clone())));
    let deliver =
        async |s: partage_federation::Signed| receiver.handle_parts(&s.subject, Some(&s.headers()), &s.payload).await;
    let good = notice(&be, 1, "fr", "fr", "FR");
    let id = notice_id(&good);
    assert_eq!(deliver(good).await, Outcome::Applied(Applied::Applied));
    // nl, a peer, amends be's notice: only the sender speaks for it.
    assert_eq!(
        deliver(amendment(&key("nl"), 1, id, 2, "FR", &[(10, 6, 23)])).await,
        Outcome::Applied(Applied::Applied)
    );
    // be amends a notice fr never received.
    let unknown = uuid::Uuid::now_v7();
    assert_eq!(deliver(amendment(&be, 2, unknown, 2, "FR", &[(10, 6, 23)])).await, Outcome::Applied(Applied::Applied));
    // be moves the work to the Netherlands: checked as a notice is, not for the French office.
    assert_eq!(deliver(amendment(&be, 3, id, 2, "NL", &[(10, 6, 23)])).await, Outcome::Applied(Applied::Applied));
    // Sealed as a notice, sent as an amendment: it does not open.
    let me = be.node().clone();
    let as_notice = posting::seal(&trust(), &me, &NodeId::new("fr").unwrap(), &record(&me, id, "FR", &[(10, 6, 23)]));
    let event = Event::PostingAmend(PostingAmendV2 {
        notice: id,
        to: NodeId::new("fr").unwrap(),
        revision: 2,
        record_version: RECORD_VERSION,
        record: as_notice.unwrap(),
    });
    assert_eq!(deliver(signed(&be, 4, &event)).await, Outcome::Applied(Applied::Applied));

    let reasons = parked_reasons(fr.node()).await;
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    assert!(reasons[0].contains("is from be, not nl"), "{reasons:?}");
    assert!(reasons[1].contains(&format!("no posting notice {unknown} here")), "{reasons:?}");
    assert!(reasons[2].contains("work in 'NL'"), "{reasons:?}");
    assert!(reasons[3].starts_with("amendment unreadable"), "{reasons:?}");
    let n = fr.t.get(format!("/posting-notices/{id}")).await.ok(200).clone();
    assert_eq!((n["revision"].as_i64(), n["days"][0]["start"].as_str()), (Some(1), Some("08:00:00")), "unchanged");
    assert!(n["amended_at"].is_null());
    assert_eq!(fr.t.get("/posting-notices?status=all").await.ok(200)["total"], 1, "no notice made of an amendment");
}

async fn an_amendment_after_the_cancel_is_not_sent_and_one_arriving_after_it_is_parked(db: Db) {
    let be = office(db, "be", "refund").await;
    let fr = office(db, "fr", "refund").await;
    let (_, declaration) = worker_abroad(&be.t, "rui@example.org", "FR").await;
    let contract = validate(&be.t, &declaration).await;
    acknowledge(&be.t, &contract).await;
    change_hours(&be.t, &contract, "2026-03-10", "07:00", "15:00").await;
    be.t.post(format!("/contracts/{contract}/cancel"), json!({"reason": "the venue closed"})).await.ok(200);
    // Cancelled: no day of it changes any more, and nothing more is sent.
    let late = be
        .t
        .post(format!("/contracts/{contract}/update"), json!({"date": "2026-03-11", "start": "10:00", "end": "12:00"}));
    late.await.problem(409, "contract-not-active");
    assert_eq!(amendments(be.node()).await.len(), 1, "the one before the cancel");
    assert_eq!(sent_revisions(be.node()).await, [2]);
    // The cancel reaches fr before the amendment written before it: the amendment is parked.
    let signed = be.signed_to("fr", 0).await;
    let kinds: Vec<&str> = signed.iter().map(|s| s.subject.rsplit('.').next().unwrap()).collect();
    assert_eq!(kinds, ["posting", "posting-amend", "posting-cancel"]);
    let receiver = Receiver::new(Arc::new(trust()), Arc::new(NodeInbox::new(fr.node().clone())));
    for s in [&signed[0], &signed[2], &signed[1]] {
        let o = receiver.handle_parts(&s.subject, Some(&s.headers()), &s.payload).await;
        assert_eq!(o, Outcome::Applied(Applied::Applied));
    }
    let reasons = parked_reasons(fr.node()).await;
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(reasons[0].ends_with("is cancelled"), "{reasons:?}");
    let n = fr.t.get("/posting-notices?status=cancelled").await.ok(200)["items"][0].clone();
    assert_eq!((n["revision"].as_i64(), n["days"][0]["start"].as_str()), (Some(1), Some("08:00:00")));
}

async fn no_amendment_is_sent_for_a_contract_without_a_notice(db: Db) {
    let be = office(db, "be", "refund").await;
    // Work at home, and work in a country without an office of the group.
    for (email, country) in [("kim@example.org", "BE"), ("sam@example.org", "DE")] {
        let (_, declaration) = worker_abroad(&be.t, email, country).await;
        let contract = validate(&be.t, &declaration).await;
        acknowledge(&be.t, &contract).await;
        change_hours(&be.t, &contract, "2026-03-11", "10:00", "12:00").await;
        let k = be.t.get(format!("/contracts/{contract}")).await.ok(200).clone();
        assert!(k["hiring_declarations"].as_array().unwrap().iter().any(|h| h["action"] == "update"), "{k}");
        // Nor for the end of an open-ended contract there.
        let member = k["member_id"].as_str().unwrap().to_owned();
        let open_ended = open_ended_in(&be.t, &member, country).await;
        end(&be.t, &open_ended, "2026-06-30").await;
        let k = be.t.get(format!("/contracts/{open_ended}")).await.ok(200).clone();
        assert!(k["hiring_declarations"].as_array().unwrap().iter().any(|h| h["action"] == "out"), "{k}");
    }
    assert!(be.kinds().await.iter().all(|k| !k.starts_with("posting.")), "{:?}", be.kinds().await);
}

/// A stabilised (open-ended) contract of `member`'s activity for work in `country` from
/// 2026-03-10, validated, its hiring declaration acknowledged: its id.
async fn open_ended_in(t: &TestNode, member: &str, country: &str) -> String {
    let activity = t.get(format!("/activities?member_id={member}")).await.ok(200)["items"][0]["id"].clone();
    let declared = t.post(
        "/work-declarations",
        json!({"activity_id": activity, "function": "Sound engineer", "place": "Lille", "work_country": country,
               "worker_category": "white-collar", "budget": "24000.00", "currency": "EUR", "kind": "stabilised_monthly",
               "periods": [{"date": "2026-03-10", "start": "09:00", "end": "17:00"}]}),
    );
    let contract = validate(t, declared.await.ok(201)["id"].as_str().unwrap()).await;
    let k = t.get(format!("/contracts/{contract}")).await.ok(200).clone();
    let filed = k["hiring_declarations"][0]["id"].as_str().unwrap().to_owned();
    t.put(format!("/hiring-declarations/{filed}/acknowledgement"), json!({"period_ids": ["555555555555"]}))
        .await
        .ok(200);
    contract
}

/// Ends the open-ended contract on `on`.
async fn end(t: &TestNode, contract: &str, on: &str) {
    t.post(format!("/contracts/{contract}/end"), json!({"on": on})).await.ok(200);
}

async fn ending_an_open_ended_contract_early_tells_the_host_its_last_day(db: Db) {
    let be = office(db, "be", "refund").await;
    let fr = office(db, "fr", "refund").await;
    // Their declaration at home stays a draft: only the open-ended contract in France is made.
    let (member, _) = worker_abroad(&be.t, "yan@example.org", "BE").await;
    let contract = open_ended_in(&be.t, &member, "FR").await;
    let notices = rows(be.node(), "posting.notice").await;
    assert_eq!(notices.len(), 1, "an open-ended contract abroad is notified");
    let event: PostingNoticeV2 = serde_json::from_value(notices[0].body.clone()).unwrap();
    let record = posting::open(&fr.key, &be_id(), event.notice, event.record_version, &event.record).unwrap();
    assert_eq!((record.open_ended, record.ends_on), (true, None), "it runs until it is ended");
    assert_eq!(record.days.iter().map(|d| d.date.to_string()).collect::<Vec<_>>(), ["2026-03-10"]);
    assert_eq!(applied(&carry(&be, &fr).await), 1);
    let n = fr.t.get(format!("/posting-notices/{}", event.notice)).await.ok(200).clone();
    assert_eq!((n["open_ended"].as_bool(), n["ends_on"].is_null()), (Some(true), true), "{n}");
    assert_eq!((n["first_day"].as_str(), n["last_day"].as_str()), (Some("2026-03-10"), Some("2026-03-10")));

    end(&be.t, &contract, "2026-06-30").await;
    let sent = amendments(be.node()).await;
    assert_eq!(sent.len(), 1, "one amendment, in the end's transaction");
    assert_eq!((sent[0].notice, sent[0].to.as_str(), sent[0].revision), (event.notice, "fr", 2));
    assert_eq!(sent_revisions(be.node()).await, [2]);
    let wire = serde_json::to_string(&sent[0]).unwrap();
    assert!(!wire.contains("2026-06-30") && !wire.contains("Peeters"), "the record travels sealed: {wire}");
    // The whole record again, with its end.
    let record =
        posting::open_amendment(&fr.key, &be_id(), event.notice, sent[0].record_version, &sent[0].record).unwrap();
    assert_eq!((record.open_ended, record.ends_on.map(|d| d.to_string())), (true, Some("2026-06-30".to_owned())));
    assert_eq!((record.last_name.as_str(), record.days.len()), ("Peeters", 1));

    assert_eq!(applied(&carry(&be, &fr).await), 1, "the amendment; the notice is a duplicate");
    let n = fr.t.get(format!("/posting-notices/{}", event.notice)).await.ok(200).clone();
    assert_eq!((n["revision"].as_i64(), n["status"].as_str()), (Some(2), Some("active")));
    assert_eq!((n["open_ended"].as_bool(), n["ends_on"].as_str()), (Some(true), Some("2026-06-30")), "{n}");
    assert_eq!((n["first_day"].as_str(), n["last_day"].as_str()), (Some("2026-03-10"), Some("2026-06-30")));
    assert!(n["amended_at"].is_string(), "{n}");
    assert_eq!(parked(fr.node().store.db()).await, 0);
    // The document the node serves says so.
    let doc = fr.t.get("/openapi.json").await.ok(200).clone();
    let view = &doc["components"]["schemas"]["PostingNoticeView"];
    assert_eq!(view["properties"]["open_ended"]["type"], "boolean", "{view}");
    assert!(view["properties"]["ends_on"]["format"] == "date", "{view}");
    assert!(view["required"].as_array().unwrap().iter().any(|r| r == "open_ended"), "{view}");
    // Ended once: it cannot be ended again, and nothing more is sent.
    let again = be.t.post(format!("/contracts/{contract}/end"), json!({"on": "2026-07-31"})).await;
    again.problem(409, "contract-not-active");
    assert_eq!(amendments(be.node()).await.len(), 1);
}

async fn a_running_open_ended_posting_is_kept_past_the_retention_and_expires_after_its_end(db: Db) {
    let be = office(db, "be", "refund").await;
    let fr = office(db, "fr", "refund").await;
    let (member, _) = worker_abroad(&be.t, "zoe@example.org", "BE").await;
    let contract = open_ended_in(&be.t, &member, "FR").await;
    carry(&be, &fr).await;
    // Years past its first day (2026-03-10) and its retention (365 days), the work runs: kept.
    let running = fr.on_day("2030-01-01").await;
    assert_eq!(postings::expire_due(running.node()).await.unwrap(), 0);
    assert_eq!(running.t.get("/posting-notices").await.ok(200)["total"], 1);
    // Ended on 2026-06-30: kept 365 days after that day, not one more.
    end(&be.t, &contract, "2026-06-30").await;
    assert_eq!(applied(&carry(&be, &fr).await), 1);
    let kept = fr.on_day("2027-06-30").await;
    assert_eq!(postings::expire_due(kept.node()).await.unwrap(), 0);
    assert_eq!(kept.t.get("/posting-notices").await.ok(200)["items"][0]["ends_on"], "2026-06-30");
    let past = fr.on_day("2027-07-01").await;
    assert_eq!(postings::expire_due(past.node()).await.unwrap(), 1);
    assert_eq!(past.t.get("/posting-notices?status=all").await.ok(200)["total"], 0);
}

/// The French office, host of be's notice (sequence 1) of work on 10 March 2026, received:
/// the office, be's key, the receiver that applied it and the notice's id.
async fn host_with_a_notice(db: Db) -> (crate::transfers::Office, NodeKey, Receiver, uuid::Uuid) {
    let fr = office(db, "fr", "refund").await;
    let be = key("be");
    let receiver = Receiver::new(Arc::new(trust()), Arc::new(NodeInbox::new(fr.node().clone())));
    let first = notice(&be, 1, "fr", "fr", "FR");
    let id = notice_id(&first);
    assert_eq!(
        receiver.handle_parts(&first.subject, Some(&first.headers()), &first.payload).await,
        Outcome::Applied(Applied::Applied)
    );
    (fr, be, receiver, id)
}

async fn an_end_on_a_work_that_is_not_open_ended_or_before_its_days_is_parked(db: Db) {
    let (fr, be, receiver, id) = host_with_a_notice(db).await;
    let me = be.node().clone();
    let to = NodeId::new("fr").unwrap();
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 3, d);
    // An end on a work of listed days, then an open-ended work's end before its listed day.
    let cases = [(false, day(20)), (true, day(9))];
    for (seq, (open_ended, ends_on)) in (2..).zip(cases) {
        let r = PostingRecordV2 { open_ended, ends_on, ..record(&me, id, "FR", &[(10, 8, 12)]) };
        let sealed = posting::seal_amendment(&trust(), &me, &to, &r).unwrap();
        let event = PostingAmendV2 { notice: id, to: to.clone(), revision: 2, record_version: 2, record: sealed };
        let s = signed(&be, seq, &Event::PostingAmend(event));
        let o = receiver.handle_parts(&s.subject, Some(&s.headers()), &s.payload).await;
        assert_eq!(o, Outcome::Applied(Applied::Applied));
    }
    let reasons = parked_reasons(fr.node()).await;
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons[0].ends_with("ends on 2026-03-20, but is not open-ended"), "{reasons:?}");
    assert!(reasons[1].ends_with("ends on 2026-03-09, before its day 2026-03-10"), "{reasons:?}");
    let n = fr.t.get(format!("/posting-notices/{id}")).await.ok(200).clone();
    assert_eq!(
        (n["revision"].as_i64(), n["ends_on"].is_null(), n["last_day"].as_str()),
        (Some(1), true, Some("2026-03-10"))
    );
}

async fn retention_counts_from_the_amended_last_day(db: Db) {
    let (fr, be, receiver, id) = host_with_a_notice(db).await;
    // The work now runs to 2026-03-20.
    let later = amendment(&be, 2, id, 2, "FR", &[(10, 8, 12), (20, 8, 12)]);
    assert_eq!(
        receiver.handle_parts(&later.subject, Some(&later.headers()), &later.payload).await,
        Outcome::Applied(Applied::Applied)
    );
    let n = fr.t.get(format!("/posting-notices/{id}")).await.ok(200).clone();
    assert_eq!((n["first_day"].as_str(), n["last_day"].as_str()), (Some("2026-03-10"), Some("2026-03-20")));
    // 365 days after the first notice's last day (2026-03-10) it is still kept.
    let kept = fr.on_day("2027-03-20").await;
    assert_eq!(postings::expire_due(kept.node()).await.unwrap(), 0);
    assert_eq!(kept.t.get("/posting-notices").await.ok(200)["total"], 1);
    let past = fr.on_day("2027-03-21").await;
    assert_eq!(postings::expire_due(past.node()).await.unwrap(), 1);
}

/// fr's receiver, believing the peers file's keys, and a delivery through it.
fn fr_receiver(fr: &crate::transfers::Office) -> Receiver {
    Receiver::new(Arc::new(trust()), Arc::new(NodeInbox::new(fr.node().clone())))
}

async fn deliver(receiver: &Receiver, s: &partage_federation::Signed) -> Outcome {
    receiver.handle_parts(&s.subject, Some(&s.headers()), &s.payload).await
}

async fn amendments_delivered_before_their_notice_are_applied_when_it_arrives(db: Db) {
    let fr = office(db, "fr", "refund").await;
    let be = key("be");
    let receiver = fr_receiver(&fr);
    let id = uuid::Uuid::now_v7();
    // be sent the notice and two amendments; the amendments came first, the later one first.
    let third = amendment(&be, 3, id, 3, "FR", &[(10, 9, 17), (12, 9, 17)]);
    let second = amendment(&be, 2, id, 2, "FR", &[(10, 6, 23)]);
    for s in [&third, &second] {
        assert_eq!(deliver(&receiver, s).await, Outcome::Applied(Applied::Applied), "parked, acknowledged");
    }
    let waiting = fr.t.get("/federation/parked").await.ok(200).clone();
    assert_eq!(waiting["total"], 2, "{waiting}");
    for item in waiting["items"].as_array().unwrap() {
        assert_eq!(item["waits_for"], id.to_string());
        assert_eq!((item["kind"].as_str(), item["node"].as_str()), (Some("posting.amend"), Some("be")));
        assert!(item["reason"].as_str().unwrap().contains(&format!("no posting notice {id} here to amend")));
    }
    assert_eq!(fr.t.get("/posting-notices?status=all").await.ok(200)["total"], 0);

    // The notice: both amendments applied in its transaction, and they leave the list.
    assert_eq!(deliver(&receiver, &notice_of(&be, 1, id, "fr", "fr", "FR")).await, Outcome::Applied(Applied::Applied));
    let n = fr.t.get(format!("/posting-notices/{id}")).await.ok(200).clone();
    assert_eq!(n["revision"], 3, "{n}");
    assert_eq!((n["first_day"].as_str(), n["last_day"].as_str()), (Some("2026-03-10"), Some("2026-03-12")));
    assert_eq!(n["days"][0]["start"], "09:00:00");
    assert!(n["amended_at"].is_string());
    assert_eq!(parked(fr.node().store.db()).await, 0, "{:?}", parked_reasons(fr.node()).await);
    // Delivered again: duplicates of what was applied, nothing changes.
    for s in [&second, &third] {
        assert_eq!(deliver(&receiver, s).await, Outcome::Applied(Applied::Duplicate));
    }
    assert_eq!(fr.t.get(format!("/posting-notices/{id}")).await.ok(200)["revision"], 3);
    assert_eq!(parked(fr.node().store.db()).await, 0);
}

async fn a_cancel_delivered_before_its_notice_cancels_it_when_it_arrives_after_its_amendment(db: Db) {
    let fr = office(db, "fr", "refund").await;
    let be = key("be");
    let receiver = fr_receiver(&fr);
    let id = uuid::Uuid::now_v7();
    let to_fr = || NodeId::new("fr").unwrap();
    // The cancel first, then the amendment be wrote before it, then a cancel nl forged.
    let cancel = signed(&be, 3, &Event::PostingCancel(PostingCancelV1 { notice: id, to: to_fr() }));
    let amended = amendment(&be, 2, id, 2, "FR", &[(10, 7, 15)]);
    let forged = signed(&key("nl"), 1, &Event::PostingCancel(PostingCancelV1 { notice: id, to: to_fr() }));
    for s in [&cancel, &amended, &forged] {
        assert_eq!(deliver(&receiver, s).await, Outcome::Applied(Applied::Applied));
    }
    assert_eq!(parked(fr.node().store.db()).await, 3);

    assert_eq!(deliver(&receiver, &notice_of(&be, 1, id, "fr", "fr", "FR")).await, Outcome::Applied(Applied::Applied));
    // The amendment before the cancel, as be wrote them: amended, then cancelled.
    let n = fr.t.get(format!("/posting-notices/{id}")).await.ok(200).clone();
    assert_eq!((n["status"].as_str(), n["revision"].as_i64()), (Some("cancelled"), Some(2)), "{n}");
    assert_eq!(n["days"][0]["start"], "07:00:00");
    // nl's cancel no longer waits: it is refused for what it is, and stays for a person.
    let left = fr.t.get("/federation/parked").await.ok(200).clone();
    assert_eq!(left["total"], 1, "{left}");
    assert_eq!(left["items"][0]["node"], "nl");
    assert!(left["items"][0]["waits_for"].is_null());
    assert!(left["items"][0]["reason"].as_str().unwrap().contains("is from be, not nl"), "{left}");
    for s in [&cancel, &amended, &forged] {
        assert_eq!(deliver(&receiver, s).await, Outcome::Applied(Applied::Duplicate));
    }
    assert_eq!(parked(fr.node().store.db()).await, 1);
}

on_both_databases!(
    amendments_delivered_before_their_notice_are_applied_when_it_arrives,
    a_cancel_delivered_before_its_notice_cancels_it_when_it_arrives_after_its_amendment,
    a_validated_declaration_in_a_peers_country_sends_it_one_sealed_notice_applied_once,
    notices_are_kept_until_their_retention_after_the_last_day_of_work,
    nothing_is_sent_outside_a_federation_nor_for_a_country_without_a_peer,
    a_notice_not_sealed_to_this_node_or_from_a_stranger_is_parked_or_refused,
    a_days_new_hours_reach_the_host_as_the_notices_next_revision,
    an_older_revision_delivered_after_a_newer_one_changes_nothing,
    an_amendment_not_from_the_notices_sender_or_of_no_notice_here_is_parked,
    an_amendment_after_the_cancel_is_not_sent_and_one_arriving_after_it_is_parked,
    no_amendment_is_sent_for_a_contract_without_a_notice,
    ending_an_open_ended_contract_early_tells_the_host_its_last_day,
    a_running_open_ended_posting_is_kept_past_the_retention_and_expires_after_its_end,
    an_end_on_a_work_that_is_not_open_ended_or_before_its_days_is_parked,
    retention_counts_from_the_amended_last_day,
);

/// Issue 13 over real nats-server processes: a Belgian office's validated declaration of work
/// in France shows at the French office's `GET /posting-notices`, through be's relay, the hub
/// and fr's inbox stream, then its amendment and its cancel.
async fn a_posting_notice_crosses_real_nats_from_be_to_fr(db: Db) {
    use partage_federation_tests::{eventually, Federation};
    use std::time::Duration;
    let fed = Federation::start(&["be", "fr"]).await;
    let (be, be_relay) = federated(db, &fed, "be").await;
    let (fr, fr_relay) = federated(db, &fed, "fr").await;
    let (_, declaration) = worker_abroad(&be, "lena@example.org", "FR").await;
    let contract = validate(&be, &declaration).await;
    eventually(Duration::from_secs(30), "the notice at fr", || async {
        fr.get("/posting-notices").await.ok(200)["total"] == 1
    })
    .await;
    let n = fr.get("/posting-notices").await.ok(200)["items"][0].clone();
    assert_eq!((n["from_node"].as_str(), n["last_name"].as_str()), (Some("be"), Some("Peeters")));
    // A day's new hours follow as the notice's next revision.
    acknowledge(&be, &contract).await;
    change_hours(&be, &contract, "2026-03-11", "12:00", "20:00").await;
    eventually(Duration::from_secs(30), "the amendment at fr", || async {
        fr.get("/posting-notices").await.ok(200)["items"][0]["revision"] == 2
    })
    .await;
    let n = fr.get("/posting-notices").await.ok(200)["items"][0].clone();
    assert_eq!(n["days"][1]["start"], "12:00:00");
    be.post(format!("/contracts/{contract}/cancel"), json!({"reason": "the venue closed"})).await.ok(200);
    eventually(Duration::from_secs(30), "the cancel at fr", || async {
        fr.get("/posting-notices?status=cancelled").await.ok(200)["total"] == 1
    })
    .await;
    assert_eq!(parked(fr.in_process().store.db()).await, 0);
    be_relay.stop().await;
    fr_relay.stop().await;
}

on_both_databases!(a_posting_notice_crosses_real_nats_from_be_to_fr);
