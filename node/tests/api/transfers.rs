//! Member transfers between two offices in one test process (issue 13): a Belgian and a
//! French node, each on its own database, the origin's outbox rows signed with its key
//! and handed to the other node through the federation's `Receiver` (verify, then the
//! node's inbox), as its inbox stream would deliver them. Each scenario ends with nothing
//! lost and nothing doubled: the member active in exactly one office, shares booked once.

use crate::common::{serve_on, Db, Place, TestNode, TODAY};
use crate::on_both_databases;
use partage::inbox::NodeInbox;
use partage::service::transfers::{self, Received};
use partage::service::Node;
use partage::storage::outbox;
use partage_federation::envelope::{verify, Envelope};
use partage_federation::receiver::{Applied, Outcome, Receiver};
use partage_federation::{NodeId, NodeKey, TrustStore};
use serde_json::{json, Value};
use std::sync::Arc;

/// One office: its API, its node, its key.
pub(crate) struct Office {
    pub(crate) id: &'static str,
    pub(crate) t: TestNode,
    pub(crate) key: NodeKey,
    /// The peers' keys, as its configuration lists them.
    pub(crate) trust: TrustStore,
}

pub(crate) fn key(id: &'static str) -> NodeKey {
    let seed = match id {
        "be" => 11,
        "fr" => 12,
        _ => 13,
    };
    NodeKey::from_seed(NodeId::new(id).unwrap(), &format!("{id}-1"), [seed; 32]).unwrap()
}

pub(crate) fn trust() -> TrustStore {
    let mut t = TrustStore::new();
    for id in ["be", "fr", "nl"] {
        t.add(key(id).public()).unwrap();
    }
    t
}

async fn office_at(db: Db, id: &'static str, rule: &str, today: &str) -> Office {
    let mut place = Place::new(db);
    let k = key(id);
    k.save(&place.dir.join("node.key")).unwrap();
    std::fs::write(place.dir.join("peers.toml"), trust().to_toml()).unwrap();
    if id == "fr" {
        place.extra = partage::demo::country_settings("fr");
        place.extra.push(("pack.fr.pension_fund", "AG2R Agirc-Arrco".to_owned()));
    }
    place.extra.extend([
        ("federation.node", id.to_owned()),
        // No relay runs in these tests: the harness carries the outbox rows itself.
        ("federation.url", "127.0.0.1:9".to_owned()),
        ("federation.key_file", "node.key".to_owned()),
        ("federation.peers_file", "peers.toml".to_owned()),
        ("federation.transfer_shares", rule.to_owned()),
    ]);
    let t = serve_on(Arc::new(place), today).await;
    Office { id, t, key: k, trust: trust() }
}

pub(crate) async fn office(db: Db, id: &'static str, rule: &str) -> Office {
    office_at(db, id, rule, TODAY).await
}

impl Office {
    pub(crate) fn node(&self) -> &Node {
        self.t.in_process()
    }

    /// The same office's data on a later day.
    pub(crate) async fn on_day(&self, today: &str) -> Office {
        Office { id: self.id, t: self.t.on_day(today).await, key: key(self.id), trust: trust() }
    }

    /// Its transfer events addressed to `to` after `after`, signed as its relay signs them.
    pub(crate) async fn signed_to(&self, to: &str, after: u64) -> Vec<partage_federation::Signed> {
        let rows = outbox::after(self.node().store.db(), after, 1000).await.unwrap();
        rows.iter()
            .map(|r| {
                Envelope::from_parts(
                    NodeId::new(self.id).unwrap(),
                    r.seq,
                    r.occurred_at,
                    &r.kind,
                    r.version,
                    r.body.clone(),
                )
                .sign(&self.key)
                .unwrap()
            })
            // INBOX_<TO> sources only `partage.<from>.mob.<to>.>`.
            .filter(|s| s.subject.starts_with(&format!("partage.{}.mob.{to}.", self.id)))
            .collect()
    }

    pub(crate) async fn member_status(&self, id: &str) -> String {
        self.t.get(format!("/members/{id}")).await.ok(200)["status"].as_str().unwrap().to_owned()
    }

    pub(crate) async fn transfer(&self, id: &str) -> Value {
        self.t.get(format!("/transfers/{id}")).await.ok(200).clone()
    }

    pub(crate) async fn kinds(&self) -> Vec<String> {
        outbox::after(self.node().store.db(), 0, 1000).await.unwrap().iter().map(|r| r.kind.clone()).collect()
    }

    /// Members whose status is `member`, with this email.
    async fn active(&self, email: &str) -> usize {
        let page = self.t.get("/members?status=member&limit=500").await.ok(200).clone();
        page["items"].as_array().unwrap().iter().filter(|m| m["email"] == email).count()
    }
}

/// Delivers `from`'s transfer events for `to` through `to`'s receiver; the outcomes.
pub(crate) async fn carry(from: &Office, to: &Office) -> Vec<Outcome> {
    let receiver = Receiver::new(Arc::new(to.trust.clone()), Arc::new(NodeInbox::new(to.node().clone())));
    let mut out = Vec::new();
    for s in from.signed_to(to.id, 0).await {
        out.push(receiver.handle_parts(&s.subject, Some(&s.headers()), &s.payload).await);
    }
    out
}

pub(crate) fn applied(outcomes: &[Outcome]) -> usize {
    outcomes.iter().filter(|o| **o == Outcome::Applied(Applied::Applied)).count()
}

pub(crate) async fn a_member(o: &Office, email: &str) -> String {
    let id = o.t.member(email).await;
    // A second share: two paid shares move.
    o.t.post(format!("/members/{id}/shares"), json!({"count": 1})).await.ok(200);
    o.t.post(format!("/members/{id}/shares/payments"), json!({"amount": "30.00", "currency": "EUR"})).await.ok(200);
    o.t.put(format!("/members/{id}/identity"), json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30"}))
        .await
        .ok(200);
    o.t.activity(&id, "Duo").await;
    id
}

pub(crate) async fn offer(o: &Office, member: &str, to: &str) -> String {
    let t = o.t.post(format!("/members/{member}/transfers"), json!({"destination": to})).await;
    t.ok(201)["id"].as_str().unwrap().to_owned()
}

/// The balance of a trial-balance account, `0.00` when it has no posting.
fn balance(tb: &Value, name: &str) -> String {
    TestNode::account(tb, name)["balance"].as_str().unwrap_or("0.00").to_owned()
}

async fn a_member_moves_once_with_shares_refunded_at_origin_and_subscribed_at_destination(db: Db) {
    let be = office(db, "be", "refund").await;
    let fr = office(db, "fr", "refund").await;
    let member = a_member(&be, "lea@example.org").await;
    // An A1 in force travels with the member; one that has ended stays behind.
    let a1 = |from: &str, until: &str, reference: &str| json!({"issuing_state": "BE", "article": "12(1)", "valid_from": from, "valid_until": until, "reference": reference});
    be.t.post(format!("/members/{member}/a1-certificates"), a1("2025-01-01", "2025-06-30", "BE-OLD")).await.ok(201);
    be.t.post(format!("/members/{member}/a1-certificates"), a1("2026-01-01", "2027-12-31", "BE-2026-7")).await.ok(201);
    // A Portuguese member: the nationality moves with the record (version 2).
    be.t.patch_as(format!("/members/{member}"), "advisor", json!({"nationality": "pt"})).await.ok(200);
    let id = offer(&be, &member, "fr").await;
    assert_eq!(be.member_status(&member).await, "transferring");
    assert_eq!(be.active("lea@example.org").await, 0, "frozen while the offer is open");
    let row = outbox::after(be.node().store.db(), 0, 100).await.unwrap();
    let offer_row = row.iter().find(|r| r.kind == "transfer.offer").unwrap();
    assert!(!offer_row.body.to_string().contains("lea@example.org"), "the record travels sealed");
    assert!(!offer_row.body.to_string().contains("Peeters"));
    assert_eq!((offer_row.version, offer_row.body["record_version"].as_u64()), (2, Some(2)));

    assert_eq!(applied(&carry(&be, &fr).await), 1);
    let at_fr = fr.transfer(&id).await;
    assert_eq!(
        (at_fr["side"].as_str(), at_fr["status"].as_str(), at_fr["peer"].as_str()),
        (Some("destination"), Some("offered"), Some("be"))
    );
    let record = &at_fr["record"];
    assert_eq!(record["email"], "lea@example.org");
    assert_eq!(record["shares"]["paid"], 2);
    assert_eq!(record["shares"]["capital"]["amount"], "60.00");
    assert_eq!(record["history"]["sectors"], json!(["artistic"]));
    assert_eq!(record["birth_date"], "1985-07-30");
    assert_eq!(record["nationality"], "PT");
    assert!(!record.to_string().contains("85073003328"), "no national number leaves the origin: {record}");
    assert!(record.get("national_id").is_none());
    assert_eq!(
        record["a1_certificates"],
        json!([{"legislation": "BE", "article": "12(1)", "from": "2026-01-01", "until": "2027-12-31", "reference": "BE-2026-7"}])
    );

    let accepted = fr.t.post(format!("/transfers/{id}/accept"), json!(null)).await.ok(200).clone();
    let new_member = accepted["member_id"].as_str().unwrap().to_owned();
    assert_eq!(fr.member_status(&new_member).await, "transferring");
    let pending = fr.t.get(format!("/members/{new_member}")).await.ok(200).clone();
    assert!(pending["admitted_on"].is_null(), "not counted in the destination's figures before the commit");
    assert_eq!(pending["nationality"], "PT", "the destination keeps the nationality the record carried");
    assert_eq!(fr.active("lea@example.org").await + be.active("lea@example.org").await, 0);

    assert_eq!(applied(&carry(&fr, &be).await), 1);
    assert_eq!(be.transfer(&id).await["status"], "committed");
    let gone = be.t.get(format!("/members/{member}")).await.ok(200).clone();
    assert_eq!(gone["status"], "transferred");
    assert_eq!(gone["shares"]["held"], 0);
    assert_eq!(gone["left_on"], TODAY);

    let outcomes = carry(&be, &fr).await;
    assert_eq!(applied(&outcomes), 1, "the commit; the offer is a duplicate: {outcomes:?}");
    assert_eq!(outcomes.iter().filter(|o| **o == Outcome::Applied(Applied::Duplicate)).count(), 1);
    let joined = fr.t.get(format!("/members/{new_member}")).await.ok(200).clone();
    assert_eq!(joined["status"], "member");
    assert_eq!(joined["shares"]["subscribed"], 2, "refund rule: as many shares subscribed here");
    assert_eq!(joined["shares"]["paid"], 0);
    assert_eq!(joined["admitted_on"], TODAY, "admitted here on the commit's day");
    let done = fr.transfer(&id).await;
    assert_eq!(done["status"], "committed");
    assert_eq!(done["record"]["history"]["member_since"], TODAY, "seniority kept in the member's file");
    assert_eq!((be.active("lea@example.org").await, fr.active("lea@example.org").await), (0, 1));
    let a1s = fr.t.get(format!("/members/{new_member}/a1-certificates")).await.ok(200).clone();
    let a1s: Vec<&str> = a1s.as_array().unwrap().iter().map(|a| a["reference"].as_str().unwrap()).collect();
    assert_eq!(a1s, ["BE-2026-7"], "the A1 in force is the destination's own once committed");

    // The origin's books: capital refunded (60 back to the member), nothing owed.
    let tb = be.t.balanced().await;
    assert_eq!(balance(&tb, "share_capital"), "0.00", "{tb}");
    // Every message delivered again, in both directions: nothing changes.
    for o in carry(&be, &fr).await.into_iter().chain(carry(&fr, &be).await) {
        assert_eq!(o, Outcome::Applied(Applied::Duplicate));
    }
    assert_eq!(be.kinds().await.iter().filter(|k| k.starts_with("transfer.")).count(), 2, "one offer, one commit");
    assert_eq!(fr.kinds().await, vec!["transfer.accept"]);
    let again = fr.t.get(format!("/members/{new_member}")).await.ok(200).clone();
    assert_eq!(again["shares"]["subscribed"], 2);
}

/// A destination that imported an offer before records carried a nationality (record version
/// 1, stored as opened) still reads it, and takes the member without one.
async fn a_record_stored_before_version_2_is_still_read(db: Db) {
    use sea_orm::ConnectionTrait;
    let be = office(db, "be", "refund").await;
    let fr = office(db, "fr", "refund").await;
    let member = a_member(&be, "ana@example.org").await;
    let id = offer(&be, &member, "fr").await;
    assert_eq!(applied(&carry(&be, &fr).await), 1);
    // The record as a version-1 destination stored it: no nationality field at all.
    let db = fr.node().store.db();
    let backend = db.get_database_backend();
    let read = sea_orm::Statement::from_sql_and_values(
        backend,
        format!(
            "SELECT record FROM member_transfers WHERE id = {}",
            if backend == sea_orm::DatabaseBackend::Postgres { "$1" } else { "?" }
        ),
        [uuid::Uuid::parse_str(&id).unwrap().into()],
    );
    let stored: String = db.query_one(read).await.unwrap().unwrap().try_get("", "record").unwrap();
    let mut v1: Value = serde_json::from_str(&stored).unwrap();
    assert!(v1.as_object_mut().unwrap().remove("nationality").is_some());
    let (p1, p2) = if backend == sea_orm::DatabaseBackend::Postgres { ("$1", "$2") } else { ("?", "?") };
    let write = sea_orm::Statement::from_sql_and_values(
        backend,
        format!("UPDATE member_transfers SET record = {p1} WHERE id = {p2}"),
        [v1.to_string().into(), uuid::Uuid::parse_str(&id).unwrap().into()],
    );
    db.execute(write).await.unwrap();
    let at_fr = fr.transfer(&id).await;
    assert_eq!(at_fr["record"]["email"], "ana@example.org");
    assert!(at_fr["record"]["nationality"].is_null());
    let accepted = fr.t.post(format!("/transfers/{id}/accept"), json!(null)).await.ok(200).clone();
    let new_member = accepted["member_id"].as_str().unwrap();
    assert!(fr.t.get(format!("/members/{new_member}")).await.ok(200)["nationality"].is_null());
}

/// The lines of the journal entries with `reference`: (entry kind, account, office or
/// member key, amount), in the order posted.
async fn lines_of(o: &Office, reference: &str) -> Vec<(String, String, Option<uuid::Uuid>, String)> {
    use partage::storage::entities::{journal_entry, journal_line};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let db = o.node().store.db();
    let entries = journal_entry::Entity::find()
        .filter(journal_entry::Column::Reference.eq(reference))
        .order_by_asc(journal_entry::Column::Id)
        .all(db)
        .await
        .unwrap();
    let mut out = Vec::new();
    for e in entries {
        let lines = journal_line::Entity::find()
            .filter(journal_line::Column::EntryId.eq(e.id))
            .order_by_asc(journal_line::Column::Position)
            .all(db)
            .await
            .unwrap();
        for l in lines {
            let amount = partage_core::Money::from_minor(l.amount_minor, partage_core::Currency::EUR);
            out.push((e.kind.clone(), l.account, l.sub_account, amount.amount().to_string()));
        }
    }
    out
}

fn office_key(id: &str) -> Option<uuid::Uuid> {
    Some(partage_core::ledger::Office::new(id).unwrap().key())
}

fn line(
    kind: &str,
    account: &str,
    sub: Option<uuid::Uuid>,
    amount: &str,
) -> (String, String, Option<uuid::Uuid>, String) {
    (kind.to_owned(), account.to_owned(), sub, amount.to_owned())
}

/// What one office shows with another at `GET /ledger/inter-office/{office}`: (due from, due to, net).
async fn owed_with(o: &Office, other: &str) -> (String, String, String) {
    let v = o.t.get(format!("/ledger/inter-office/{other}")).await.ok(200).clone();
    let text = |k: &str| v[k].as_str().unwrap().to_owned();
    (text("due_from"), text("due_to"), text("net"))
}

/// A carried transfer moves no money: the origin's capital is owed to the destination
/// (`due_to_offices`, keyed by `fr`), the destination's new shares are paid by what the
/// origin owes it (`due_from_offices`, keyed by `be`), neither bank moves; each office reads
/// the other's mirror of its balance.
async fn the_carry_rule_books_the_capital_owed_between_the_offices_not_the_banks(db: Db) {
    let be = office(db, "be", "carry").await;
    let fr = office(db, "fr", "carry").await;
    let member = a_member(&be, "noor@example.org").await;
    let bank_before = balance(&be.t.balanced().await, "bank");
    let id = offer(&be, &member, "fr").await;
    carry(&be, &fr).await;
    let new_member = fr.t.post(format!("/transfers/{id}/accept"), json!(null)).await.ok(200)["member_id"]
        .as_str()
        .unwrap()
        .to_owned();
    carry(&fr, &be).await;
    carry(&be, &fr).await;
    let joined = fr.t.get(format!("/members/{new_member}")).await.ok(200).clone();
    assert_eq!((joined["status"].as_str(), joined["shares"]["paid"].as_i64()), (Some("member"), Some(2)));
    assert_eq!(joined["shares"]["held"], 2);

    let reference = format!("transfer {id}");
    let old = Some(uuid::Uuid::parse_str(&member).unwrap());
    assert_eq!(
        lines_of(&be, &reference).await,
        vec![
            line("shares_carried_out", "share_capital", old, "60.00"),
            line("shares_carried_out", "due_to_offices", office_key("fr"), "-60.00"),
        ],
        "the origin owes fr the capital; nothing leaves its bank"
    );
    let new = Some(uuid::Uuid::parse_str(&new_member).unwrap());
    assert_eq!(
        lines_of(&fr, &reference).await,
        vec![
            line("shares_subscribed", "shares_receivable", new, "60.00"),
            line("shares_subscribed", "share_capital", new, "-60.00"),
            line("shares_carried_in", "due_from_offices", office_key("be"), "60.00"),
            line("shares_carried_in", "shares_receivable", new, "-60.00"),
        ],
        "the destination's shares are paid by what be owes it; nothing reaches its bank"
    );
    let tb = be.t.balanced().await;
    assert_eq!(balance(&tb, "bank"), bank_before, "{tb}");
    assert_eq!(balance(&tb, "share_capital"), "0.00");
    assert_eq!(balance(&tb, "due_to_offices"), "-60.00");
    assert_eq!(TestNode::account(&tb, "due_to_offices")["chart_class"], "4891", "PCMN 489 miscellaneous debts");
    let tb = fr.t.balanced().await;
    assert_eq!(balance(&tb, "share_capital"), "-60.00", "the carried capital, once");
    assert_eq!(balance(&tb, "bank"), "0.00");
    assert_eq!(balance(&tb, "due_from_offices"), "60.00");
    assert_eq!(TestNode::account(&tb, "due_from_offices")["chart_class"], "451", "PCG 451 Groupe");

    // Each side reads the other's mirror.
    assert_eq!(owed_with(&be, "fr").await, ("0.00".into(), "60.00".into(), "-60.00".into()));
    assert_eq!(owed_with(&fr, "be").await, ("60.00".into(), "0.00".into(), "60.00".into()));
    let list = be.t.as_staff("advisor").await.get("/ledger/inter-office").await.ok(200).clone();
    assert_eq!((list["total"].as_u64(), list["items"][0]["office"].as_str()), (Some(1), Some("fr")));
    assert_eq!(list["items"][0]["due_to_chart_class"], "4891");
    let list = fr.t.get("/ledger/inter-office?limit=10").await.ok(200).clone();
    assert_eq!(
        list["items"],
        json!([{
            "office": "be", "currency": "EUR", "due_from": "60.00", "due_to": "0.00", "net": "60.00",
            "due_from_chart_class": "451", "due_to_chart_class": "451"
        }])
    );
    assert_eq!(fr.t.get("/ledger/inter-office?offset=1").await.ok(200)["items"], json!([]));
    // An office nothing was ever owed with reads zero.
    assert_eq!(owed_with(&be, "nl").await, ("0.00".into(), "0.00".into(), "0.00".into()));
}

/// The offices settle at the bank: each records its own side, idempotently, never beyond
/// what is owed that way, never a zero, negative or future amount; only an admin records it.
async fn a_carried_balance_is_settled_at_the_bank_on_both_sides(db: Db) {
    let be = office(db, "be", "carry").await;
    let fr = office(db, "fr", "carry").await;
    let member = a_member(&be, "yara@example.org").await;
    let id = offer(&be, &member, "fr").await;
    carry(&be, &fr).await;
    fr.t.post(format!("/transfers/{id}/accept"), json!(null)).await.ok(200);
    carry(&fr, &be).await;
    carry(&be, &fr).await;
    let bank_be = balance(&be.t.balanced().await, "bank");
    let settle = "/ledger/inter-office/fr/settlements";
    let paid = |amount: &str| json!({"direction": "paid", "amount": amount, "currency": "EUR", "date": TODAY, "reference": "SEPA 0001"});

    // Refusals, each naming its field; nothing posted.
    let refused = be.t.post(settle, paid("60.01")).await;
    refused.problem(422, "settlement-above-balance");
    assert_eq!(refused.body["field"], "amount");
    assert_eq!(
        be.t.post(settle, json!({"direction": "received", "amount": "1.00", "currency": "EUR"})).await.body["code"],
        "settlement-above-balance",
        "fr owes be nothing"
    );
    for (amount, code) in [("0.00", "invalid-field"), ("-5.00", "invalid-field")] {
        let r = be.t.post(settle, paid(amount)).await;
        r.problem(422, code);
        assert_eq!(r.body["field"], "amount");
    }
    let future =
        be.t.post(settle, json!({"direction": "paid", "amount": "10.00", "currency": "EUR", "date": "2026-03-03"}))
            .await;
    future.problem(422, "date-out-of-range");
    assert_eq!(future.body["field"], "date");
    let r = be.t.post(settle, json!({"direction": "sideways", "amount": "10.00", "currency": "EUR"})).await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "direction");
    let r = be.t.post("/ledger/inter-office/be/settlements", paid("10.00")).await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "office", "not with itself");
    let r = be.t.post("/ledger/inter-office/F.R/settlements", paid("10.00")).await;
    assert_eq!((r.status.as_u16(), r.body["field"].as_str()), (422, Some("office")));
    be.t.as_staff("advisor").await.post(settle, paid("10.00")).await.problem(403, "role-forbidden");
    assert_eq!(owed_with(&be, "fr").await.1, "60.00");

    // A part, then the rest; the same request again is the same answer, posted once.
    let first = be.t.post_keyed(settle, "settle-1", paid("25.00")).await;
    let view = first.ok(201).clone();
    assert_eq!((view["direction"].as_str(), view["amount"].as_str()), (Some("paid"), Some("25.00")));
    assert_eq!(view["reference"], "inter-office fr paid: SEPA 0001");
    assert_eq!(view["balance"]["due_to"], "35.00");
    let again = be.t.post_keyed(settle, "settle-1", paid("25.00")).await;
    assert!(again.replayed);
    assert_eq!(again.ok(201)["entry_id"], view["entry_id"]);
    assert_eq!(owed_with(&be, "fr").await.1, "35.00");
    be.t.post(settle, paid("35.01")).await.problem(422, "settlement-above-balance");
    be.t.post(settle, paid("35.00")).await.ok(201);
    assert_eq!(owed_with(&be, "fr").await, ("0.00".into(), "0.00".into(), "0.00".into()));
    be.t.post(settle, paid("0.01")).await.problem(422, "settlement-above-balance");
    let tb = be.t.balanced().await;
    assert_eq!(balance(&tb, "due_to_offices"), "0.00");
    let bank = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
    assert_eq!(
        bank(&balance(&tb, "bank")),
        bank(&bank_be) - rust_decimal::Decimal::new(6000, 2),
        "60.00 left be's bank"
    );
    assert_eq!(
        lines_of(&be, "inter-office fr paid: SEPA 0001").await[..2],
        [
            line("inter_office_settled", "due_to_offices", office_key("fr"), "25.00"),
            line("inter_office_settled", "bank", None, "-25.00")
        ]
    );

    // The destination records the same money arriving.
    let received = json!({"direction": "received", "amount": "60.00", "currency": "EUR"});
    fr.t.post("/ledger/inter-office/be/settlements", json!({"direction": "paid", "amount": "1.00", "currency": "EUR"}))
        .await
        .problem(422, "settlement-above-balance");
    // Recorded twice at once (two admins, no shared key): the account's row is locked, so the
    // second is checked against what the first left, and refused.
    let (a, b) = tokio::join!(
        fr.t.post("/ledger/inter-office/be/settlements", received.clone()),
        fr.t.post("/ledger/inter-office/be/settlements", received),
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 422], "{} {}", a.text, b.text);
    let view = if a.status.as_u16() == 201 { a.body } else { b.body };
    assert_eq!(view["balance"]["net"], "0.00");
    let tb = fr.t.balanced().await;
    assert_eq!((balance(&tb, "bank").as_str(), balance(&tb, "due_from_offices").as_str()), ("60.00", "0.00"));
    assert_eq!(owed_with(&fr, "be").await, owed_with(&be, "fr").await, "the two offices agree: nothing owed");
}

async fn a_destination_with_another_shares_rule_cannot_accept(db: Db) {
    let be = office(db, "be", "carry").await;
    let fr = office(db, "fr", "refund").await;
    let member = a_member(&be, "ines@example.org").await;
    let id = offer(&be, &member, "fr").await;
    carry(&be, &fr).await;
    fr.t.post(format!("/transfers/{id}/accept"), json!(null)).await.problem(409, "transfer-shares-rule-differs");
    let rejected = fr.t.post(format!("/transfers/{id}/reject"), json!({"reason": "shares rule"})).await.ok(200).clone();
    assert_eq!(rejected["status"], "rejected");
    assert!(rejected["record"].is_null(), "a refused member's record is erased");
    carry(&fr, &be).await;
    assert_eq!(be.transfer(&id).await["status"], "rejected");
    assert_eq!(be.transfer(&id).await["reason"], "shares rule");
    assert_eq!(be.member_status(&member).await, "member", "unfrozen at the origin");
}

async fn an_accept_after_a_cancel_is_ignored_and_the_member_stays_at_the_origin(db: Db) {
    let be = office(db, "be", "refund").await;
    let fr = office(db, "fr", "refund").await;
    let member = a_member(&be, "ada@example.org").await;
    let id = offer(&be, &member, "fr").await;
    carry(&be, &fr).await;
    // The origin cancels while the destination accepts: the messages cross.
    assert_eq!(be.t.post(format!("/transfers/{id}/cancel"), json!(null)).await.ok(200)["status"], "cancelled");
    assert_eq!(be.member_status(&member).await, "member");
    let pending = fr.t.post(format!("/transfers/{id}/accept"), json!(null)).await.ok(200)["member_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(applied(&carry(&fr, &be).await), 1, "the late accept is applied as nothing");
    assert_eq!(be.transfer(&id).await["status"], "cancelled");
    assert_eq!(be.member_status(&member).await, "member");
    carry(&be, &fr).await;
    assert_eq!(fr.transfer(&id).await["status"], "cancelled");
    fr.t.get(format!("/members/{pending}")).await.problem(404, "not-found");
    assert_eq!((be.active("ada@example.org").await, fr.active("ada@example.org").await), (1, 0));
    assert!(!be.kinds().await.contains(&"transfer.commit".to_owned()));
    be.t.post(format!("/transfers/{id}/cancel"), json!(null)).await.problem(409, "transfer-closed");
    fr.t.post(format!("/transfers/{id}/cancel"), json!(null)).await.problem(409, "transfer-wrong-side");
}

async fn a_member_cannot_be_offered_to_two_destinations(db: Db) {
    let be = office(db, "be", "refund").await;
    let member = a_member(&be, "sam@example.org").await;
    // Two requests at once, to two offices: one wins.
    let (a, b) = tokio::join!(
        be.t.post(format!("/members/{member}/transfers"), json!({"destination": "fr"})),
        be.t.post(format!("/members/{member}/transfers"), json!({"destination": "nl"})),
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 409]);
    be.t.post(format!("/members/{member}/transfers"), json!({"destination": "nl"}))
        .await
        .problem(409, "member-cannot-move");
    assert_eq!(be.t.get("/transfers?side=origin").await.ok(200)["total"], 1);
    assert_eq!(be.kinds().await.iter().filter(|k| *k == "transfer.offer").count(), 1);
    // The database holds the line too: a second open row of the member is refused.
    let open = transfers::list(be.node().store.db(), Some("origin"), None, 0, 10).await.unwrap().items.remove(0);
    let second = partage::storage::transfers::TransferRow { id: uuid::Uuid::now_v7(), ..open };
    let txn = be.node().store.write().await.unwrap();
    assert!(partage::storage::transfers::insert(&*txn, &second).await.is_err(), "one open transfer per member");
    drop(txn);
    be.t.post(format!("/members/{member}/transfers"), json!({"destination": "be"}))
        .await
        .problem(422, "transfer-to-itself");
    let other = be.t.member("kim@example.org").await;
    be.t.post(format!("/members/{other}/transfers"), json!({"destination": "se"}))
        .await
        .problem(422, "transfer-unknown-destination");
    let applicant =
        be.t.post("/members", json!({"first_name": "Al", "last_name": "Vos", "email": "al@example.org"})).await;
    let applicant = applicant.ok(201)["id"].as_str().unwrap().to_owned();
    be.t.post(format!("/members/{applicant}/transfers"), json!({"destination": "fr"}))
        .await
        .problem(409, "member-cannot-move");
}

async fn an_expired_offer_is_cancelled_and_the_cancel_wins_over_a_late_accept(db: Db) {
    let be = office(db, "be", "refund").await;
    let fr = office(db, "fr", "refund").await;
    // One offer left to expire, one accepted in time but received after the deadline.
    let first = a_member(&be, "eva@example.org").await;
    let second = a_member(&be, "olga@example.org").await;
    let expiring = offer(&be, &first, "fr").await;
    let late = offer(&be, &second, "fr").await;
    carry(&be, &fr).await;
    let pending = fr.t.post(format!("/transfers/{late}/accept"), json!(null)).await.ok(200)["member_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let fr_later = fr.on_day("2026-04-15").await;
    fr_later.t.post(format!("/transfers/{expiring}/accept"), json!(null)).await.problem(409, "transfer-expired");
    let be_later = be.on_day("2026-04-15").await;
    // The accept reaches the origin after the deadline, before its hourly pass.
    carry(&fr, &be_later).await;
    assert_eq!(be_later.transfer(&late).await["status"], "cancelled");
    assert_eq!(be_later.transfer(&late).await["reason"], "expired");
    assert_eq!(transfers::expire_due(be_later.node()).await.unwrap(), 1, "the other offer");
    assert_eq!(transfers::expire_due(be_later.node()).await.unwrap(), 0);
    assert_eq!(be_later.member_status(&first).await, "member");
    assert_eq!(be_later.member_status(&second).await, "member");
    carry(&be_later, &fr_later).await;
    assert_eq!(fr_later.transfer(&late).await["status"], "cancelled");
    assert_eq!(fr_later.transfer(&expiring).await["status"], "cancelled");
    fr_later.t.get(format!("/members/{pending}")).await.problem(404, "not-found");
    assert!(!be.kinds().await.contains(&"transfer.commit".to_owned()));
    assert_eq!(be.kinds().await.iter().filter(|k| *k == "transfer.cancel").count(), 2);
}

/// Each step crashed before its commit (its transaction dropped) leaves nothing; done
/// again, it applies; re-delivered after its commit (a crash before the ack), nothing.
async fn a_transfer_crashed_at_every_step_ends_whole_when_replayed(db: Db) {
    let be = office(db, "be", "refund").await;
    let fr = office(db, "fr", "refund").await;
    let member = a_member(&be, "max@example.org").await;
    // The offer, crashed: nothing written, the member still active.
    {
        let txn = be.node().store.write().await.unwrap();
        transfers::offer(&*txn, be.node(), uuid::Uuid::parse_str(&member).unwrap(), "fr").await.unwrap();
    }
    assert_eq!(be.member_status(&member).await, "member");
    assert!(be.kinds().await.iter().all(|k| !k.starts_with("transfer.")));
    let id = offer(&be, &member, "fr").await;
    let crash_then_deliver = async |from: &Office, to: &Office| {
        let trust = to.trust.clone();
        for s in from.signed_to(to.id, 0).await {
            let v = verify(&trust, &s.subject, &s.headers(), &s.payload).unwrap();
            let before = outbox::after(to.node().store.db(), 0, 1000).await.unwrap().len();
            {
                let txn = to.node().store.write().await.unwrap();
                partage::service::parked::receive(&*txn, to.node(), &v).await.unwrap();
                // Killed here: rolled back.
            }
            assert_eq!(outbox::after(to.node().store.db(), 0, 1000).await.unwrap().len(), before);
        }
        carry(from, to).await
    };
    assert_eq!(applied(&crash_then_deliver(&be, &fr).await), 1);
    assert_eq!(fr.transfer(&id).await["status"], "offered");
    {
        let txn = fr.node().store.write().await.unwrap();
        transfers::accept(&*txn, fr.node(), uuid::Uuid::parse_str(&id).unwrap()).await.unwrap();
    }
    assert_eq!(fr.transfer(&id).await["status"], "offered", "the crashed accept left nothing");
    assert_eq!(fr.t.get("/members?status=transferring").await.ok(200)["total"], 0);
    fr.t.post(format!("/transfers/{id}/accept"), json!(null)).await.ok(200);
    assert_eq!(applied(&crash_then_deliver(&fr, &be).await), 1);
    assert_eq!(be.member_status(&member).await, "transferred");
    let outcomes = crash_then_deliver(&be, &fr).await;
    assert_eq!(applied(&outcomes), 1, "{outcomes:?}");
    // Crashed after the commit, before the ack: delivered again.
    for o in carry(&be, &fr).await.into_iter().chain(carry(&fr, &be).await) {
        assert_eq!(o, Outcome::Applied(Applied::Duplicate));
    }
    assert_eq!((be.active("max@example.org").await, fr.active("max@example.org").await), (0, 1));
    assert_eq!(be.kinds().await.iter().filter(|k| *k == "transfer.commit").count(), 1);
    // The same step under another event id (the origin wrote its commit twice): applied once.
    let commit = outbox::after(be.node().store.db(), 0, 100)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.kind == "transfer.commit")
        .unwrap();
    let again = Envelope::from_parts(NodeId::new("be").unwrap(), 999, commit.occurred_at, &commit.kind, 1, commit.body)
        .sign(&be.key)
        .unwrap();
    let v = verify(&fr.trust, &again.subject, &again.headers(), &again.payload).unwrap();
    let txn = fr.node().store.write().await.unwrap();
    assert_eq!(partage::service::parked::receive(&*txn, fr.node(), &v).await.unwrap(), Received::Duplicate);
    txn.commit().await.unwrap();
    let joined = fr.t.get("/members?status=member").await.ok(200).clone();
    let lea = joined["items"].as_array().unwrap().iter().find(|m| m["email"] == "max@example.org").unwrap();
    assert_eq!(lea["shares"]["subscribed"], 2, "shares booked once");
}

async fn a_third_node_cannot_forge_an_accept(db: Db) {
    let be = office(db, "be", "refund").await;
    let member = a_member(&be, "zoe@example.org").await;
    let id = offer(&be, &member, "fr").await;
    let transfer = uuid::Uuid::parse_str(&id).unwrap();
    let forged = partage_federation::Event::TransferAccept(partage_federation::events::TransferAcceptV1 {
        transfer,
        to: NodeId::new("be").unwrap(),
    });
    let receiver = Receiver::new(Arc::new(trust()), Arc::new(NodeInbox::new(be.node().clone())));
    // nl, enrolled, signs an accept of a transfer that is with fr: parked, not applied.
    let nl = key("nl");
    let s = Envelope::new(NodeId::new("nl").unwrap(), 1, be.node().instant(), &forged).sign(&nl).unwrap();
    assert_eq!(
        receiver.handle_parts(&s.subject, Some(&s.headers()), &s.payload).await,
        Outcome::Applied(Applied::Applied)
    );
    // nl claiming to be fr, with its own key: refused by the signature check.
    let mut spoof = Envelope::new(NodeId::new("fr").unwrap(), 1, be.node().instant(), &forged);
    spoof.node = NodeId::new("fr").unwrap();
    let fake_fr = NodeKey::from_seed(NodeId::new("fr").unwrap(), "fr-1", [13; 32]).unwrap();
    let s = spoof.sign(&fake_fr).unwrap();
    assert!(matches!(receiver.handle_parts(&s.subject, Some(&s.headers()), &s.payload).await, Outcome::Refused(_)));
    assert_eq!(be.transfer(&id).await["status"], "offered");
    assert_eq!(be.member_status(&member).await, "transferring");
    assert!(!be.kinds().await.contains(&"transfer.commit".to_owned()));
    use sea_orm::ConnectionTrait;
    let parked = be.node().store.db();
    let n = parked
        .query_one(sea_orm::Statement::from_string(
            parked.get_database_backend(),
            "SELECT COUNT(*) AS n FROM inbox_parked",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap();
    assert_eq!(n, 2, "both kept for a person to look at");
}

on_both_databases!(
    a_record_stored_before_version_2_is_still_read,
    a_member_moves_once_with_shares_refunded_at_origin_and_subscribed_at_destination,
    the_carry_rule_books_the_capital_owed_between_the_offices_not_the_banks,
    a_carried_balance_is_settled_at_the_bank_on_both_sides,
    a_destination_with_another_shares_rule_cannot_accept,
    an_accept_after_a_cancel_is_ignored_and_the_member_stays_at_the_origin,
    a_member_cannot_be_offered_to_two_destinations,
    an_expired_offer_is_cancelled_and_the_cancel_wins_over_a_late_accept,
    a_transfer_crashed_at_every_step_ends_whole_when_replayed,
    a_third_node_cannot_forge_an_accept,
);

/// An office of a real federation: its node served in-process with its relay and inbox
/// receiver running against its leaf server.
pub(crate) async fn federated(
    db: Db,
    fed: &partage_federation_tests::Federation,
    id: &'static str,
) -> (TestNode, partage::relay::Running) {
    let office = fed.office(id);
    let mut place = Place::new(db);
    office.key.save(&place.dir.join("node.key")).unwrap();
    std::fs::write(place.dir.join("peers.toml"), fed.trust.to_toml()).unwrap();
    if id == "fr" {
        place.extra = partage::demo::country_settings("fr");
        place.extra.push(("pack.fr.pension_fund", "AG2R Agirc-Arrco".to_owned()));
    }
    place.extra.extend([
        ("federation.node", id.to_owned()),
        ("federation.url", format!("127.0.0.1:{}", office.server.port())),
        ("federation.user", "node".to_owned()),
        ("federation.password", office.password.clone()),
        ("federation.key_file", "node.key".to_owned()),
        ("federation.peers_file", "peers.toml".to_owned()),
    ]);
    let t = serve_on(Arc::new(place), TODAY).await;
    let running = partage::relay::start(t.in_process()).await.unwrap().unwrap();
    (t, running)
}

pub(crate) async fn parked<C: sea_orm::ConnectionTrait>(c: &C) -> i64 {
    let stmt = sea_orm::Statement::from_string(c.get_database_backend(), "SELECT COUNT(*) AS n FROM inbox_parked");
    c.query_one(stmt).await.unwrap().unwrap().try_get::<i64>("", "n").unwrap()
}

/// Issue 13 end to end over real nats-server processes: a Belgian member moves to the
/// French office through the offices' relays, the hub and each one's inbox stream; a third
/// office's accept, well signed and delivered, moves nothing.
async fn a_transfer_crosses_real_nats_from_be_to_fr_and_a_third_office_cannot_accept_it(db: Db) {
    use partage_federation_tests::{eventually, Federation};
    use std::time::Duration;
    let limit = Duration::from_secs(30);
    let fed = Federation::start(&["be", "fr", "nl"]).await;
    let (be, be_relay) = federated(db, &fed, "be").await;
    let (fr, fr_relay) = federated(db, &fed, "fr").await;
    let member = be.member("lena@example.org").await;
    let id = be.post(format!("/members/{member}/transfers"), json!({"destination": "fr"})).await.ok(201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    eventually(limit, "the offer imported at fr", || async { fr.get(format!("/transfers/{id}")).await.status == 200 })
        .await;
    // nl, a peer of be, publishes a well-signed accept of that transfer into its own stream.
    let nl_js = fed.node_js("nl").await;
    let nl = NodeId::new("nl").unwrap();
    partage_federation::stream::ensure_node_stream(&nl_js, &nl, &Default::default()).await.unwrap();
    let forged = partage_federation::Event::TransferAccept(partage_federation::events::TransferAcceptV1 {
        transfer: uuid::Uuid::parse_str(&id).unwrap(),
        to: NodeId::new("be").unwrap(),
    });
    let signed = Envelope::new(nl, 1, be.in_process().instant(), &forged).sign(&fed.office("nl").key).unwrap();
    nl_js
        .publish_with_headers(signed.subject.clone(), signed.headers(), signed.payload.clone().into())
        .await
        .unwrap()
        .await
        .unwrap();
    eventually(limit, "nl's accept parked at be", || async { parked(be.in_process().store.db()).await == 1 }).await;
    assert_eq!(be.get(format!("/transfers/{id}")).await.ok(200)["status"], "offered");
    assert_eq!(be.get(format!("/members/{member}")).await.ok(200)["status"], "transferring");

    let joined =
        fr.post(format!("/transfers/{id}/accept"), json!(null)).await.ok(200)["member_id"].as_str().unwrap().to_owned();
    eventually(limit, "the member active at fr", || async {
        fr.get(format!("/members/{joined}")).await.ok(200)["status"] == "member"
    })
    .await;
    assert_eq!(be.get(format!("/transfers/{id}")).await.ok(200)["status"], "committed");
    assert_eq!(be.get(format!("/members/{member}")).await.ok(200)["status"], "transferred");
    assert_eq!(fr.get(format!("/transfers/{id}")).await.ok(200)["status"], "committed");
    assert_eq!(fr.get(format!("/members/{joined}")).await.ok(200)["shares"]["subscribed"], 1);
    be_relay.stop().await;
    fr_relay.stop().await;
}

on_both_databases!(a_transfer_crosses_real_nats_from_be_to_fr_and_a_third_office_cannot_accept_it);
