//! Posting notices (issue 13): a Belgian office's member validated for work in France, and
//! the French office told of it, sealed, through its inbox, once. The offices are those of
//! `transfers.rs` (one process, two databases, the outbox rows signed and handed over by
//! hand), and one scenario runs over real nats-server processes.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use crate::transfers::{applied, carry, federated, key, office, parked, trust};
use partage::inbox::NodeInbox;
use partage::service::postings;
use partage::service::transfers::Received;
use partage::storage::outbox;
use partage_federation::envelope::{verify, Envelope};
use partage_federation::events::{PostingCancelV1, PostingNoticeV1};
use partage_federation::posting::{self, PostingDayV1, PostingRecordV1};
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

/// Cancels a contract of two days before its work, once the state acknowledged its hiring declaration.
async fn cancel(t: &TestNode, contract: &str) {
    let k = t.get(format!("/contracts/{contract}")).await.ok(200).clone();
    let filed = k["hiring_declarations"][0]["id"].as_str().unwrap().to_owned();
    t.put(
        format!("/hiring-declarations/{filed}/acknowledgement"),
        json!({"period_ids": ["123456789012", "123456789013"]}),
    )
    .await
    .ok(200);
    t.post(format!("/contracts/{contract}/cancel"), json!({"reason": "the venue closed"})).await.ok(200);
}

/// The outbox rows of `kind`, with their subjects' tails.
async fn rows(node: &partage::service::Node, kind: &str) -> Vec<partage_federation::relay::OutboxRow> {
    outbox::after(node.store.db(), 0, 1000).await.unwrap().into_iter().filter(|r| r.kind == kind).collect()
}

async fn a_validated_declaration_in_a_peers_country_sends_it_one_sealed_notice_applied_once(db: Db) {
    let be = office(db, "be", "refund").await;
    let fr = office(db, "fr", "refund").await;
    let (_, declaration) = worker_abroad(&be.t, "lea@example.org", "FR").await;
    assert!(rows(be.node(), "posting.notice").await.is_empty(), "nothing before the validation");
    let contract = validate(&be.t, &declaration).await;

    let sent = rows(be.node(), "posting.notice").await;
    assert_eq!(sent.len(), 1);
    let wire = sent[0].body.to_string();
    for clear in ["Peeters", "Lille", "1985-07-30", "Musician", "BE-2026-0042"] {
        assert!(!wire.contains(clear), "{clear} travels sealed: {wire}");
    }
    let event: PostingNoticeV1 = serde_json::from_value(sent[0].body.clone()).unwrap();
    assert_eq!(event.to.as_str(), "fr");
    // Under the addressee's mobility subjects: fr's inbox sources them, HQ (`agg.>`) does not.
    let signed = be.signed_to("fr", 0).await;
    assert_eq!(signed.len(), 1);
    assert_eq!(signed[0].subject, format!("partage.be.mob.fr.{}.posting", event.notice));
    // It opens at fr, and holds exactly what the host needs.
    let record = posting::open(&fr.key, &be_id(), event.notice, &event.record).unwrap();
    let opened = serde_json::to_value(&record).unwrap();
    let mut fields: Vec<&str> = opened.as_object().unwrap().keys().map(String::as_str).collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "a1_reference",
            "birth_date",
            "days",
            "first_name",
            "function",
            "last_name",
            "legislation_article",
            "legislation_state",
            "nationality",
            "notice",
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
    assert_eq!(record.nationality, None, "the node records no nationality");
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
    // The origin itself cannot read it back.
    assert!(posting::open(&be.key, &be_id(), event.notice, &event.record).is_err());

    // Delivered twice: applied once.
    assert_eq!(applied(&carry(&be, &fr).await), 1);
    for o in carry(&be, &fr).await {
        assert_eq!(o, Outcome::Applied(Applied::Duplicate));
    }
    // The same notice under another event id (written twice at the origin): still once.
    let again = Envelope::from_parts(be_id(), 999, sent[0].occurred_at, &sent[0].kind, 1, sent[0].body.clone())
        .sign(&be.key)
        .unwrap();
    let v = verify(&fr.trust, &again.subject, &again.headers(), &again.payload).unwrap();
    let txn = fr.node().store.write().await.unwrap();
    assert_eq!(postings::receive(&*txn, fr.node(), &v).await.unwrap(), Received::Duplicate);
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
    assert!(n["nationality"].is_null() && n.get("national_id").is_none() && n.get("address").is_none());
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

/// A notice `from` (with its key) signs, addressed to `to`, sealed to `sealed_to`.
fn notice(from: &NodeKey, seq: u64, to: &str, sealed_to: &str, work_country: &str) -> partage_federation::Signed {
    let me = from.node().clone();
    let id = uuid::Uuid::now_v7();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
    let at = |h| chrono::NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    let record = PostingRecordV1 {
        notice: id,
        sending_node: me.clone(),
        sending_country: me.as_str().to_ascii_uppercase(),
        first_name: "Eva".into(),
        last_name: "Janssens".into(),
        birth_date: day,
        nationality: None,
        work_country: work_country.into(),
        place: "Lille".into(),
        function: "Dancer".into(),
        days: vec![PostingDayV1 { date: day, start: at(8), end: at(12) }],
        legislation_state: Some("BE".into()),
        legislation_article: Some("12(1)".into()),
        a1_reference: None,
    };
    let sealed = posting::seal(&trust(), &me, &NodeId::new(sealed_to).unwrap(), &record).unwrap();
    let event = Event::PostingNotice(PostingNoticeV1 { notice: id, to: NodeId::new(to).unwrap(), record: sealed });
    let at = chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00Z").unwrap().to_utc();
    Envelope::new(me, seq, at, &event).sign(from).unwrap()
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

on_both_databases!(
    a_validated_declaration_in_a_peers_country_sends_it_one_sealed_notice_applied_once,
    notices_are_kept_until_their_retention_after_the_last_day_of_work,
    nothing_is_sent_outside_a_federation_nor_for_a_country_without_a_peer,
    a_notice_not_sealed_to_this_node_or_from_a_stranger_is_parked_or_refused,
);

/// Issue 13 over real nats-server processes: a Belgian office's validated declaration of work
/// in France shows at the French office's `GET /posting-notices`, through be's relay, the hub
/// and fr's inbox stream.
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
    cancel(&be, &contract).await;
    eventually(Duration::from_secs(30), "the cancel at fr", || async {
        fr.get("/posting-notices?status=cancelled").await.ok(200)["total"] == 1
    })
    .await;
    assert_eq!(parked(fr.in_process().store.db()).await, 0);
    be_relay.stop().await;
    fr_relay.stop().await;
}

on_both_databases!(a_posting_notice_crosses_real_nats_from_be_to_fr);
