//! Exact consolidation: whatever the order, the duplicates and the redeliveries, HQ
//! keeps the highest revision of each node's period and the group report is the one
//! of those snapshots alone.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

mod common;

use common::{d, enrolled, february_2025_rates, figures, seal, Db};
use partage_federation::envelope::{NODE, SIG};
use partage_hq::report;
use partage_hq::{receive, HqError, Outcome};
use proptest::prelude::*;

const NODES: [&str; 3] = ["be", "fr", "nl"];
const PERIODS: [&str; 2] = ["2026-01", "2026-02"];
const REVISIONS: u32 = 3;
const MESSAGES: usize = 3 * 2 * 3;

async fn report_json(store: &partage_hq::HqStore, period: &str) -> String {
    serde_json::to_string(&report::build(store, period, d("1.00")).await.unwrap()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_order_with_duplicates_gives_the_report_of_the_highest_revisions(
        (turnovers, stream) in (proptest::collection::vec(0i64..100_000_000, MESSAGES), proptest::collection::vec(0..MESSAGES, 0..12))
            .prop_flat_map(|(t, dups)| {
                let all: Vec<usize> = (0..MESSAGES).chain(dups).collect();
                (Just(t), Just(all).prop_shuffle())
            })
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let shuffled = common::store(Db::Sqlite).await;
            let expected = common::store(Db::Sqlite).await;
            let mut nodes = Vec::new();
            for code in NODES {
                let node = enrolled(&shuffled, code).await;
                let request = partage_hq::enrol::request(&node.key, code, "https://hq.example", "2026-01-01T00:00:00Z").unwrap();
                partage_hq::enrol::accept(&expected, &request, "2026-01-01T00:00:00Z").await.unwrap();
                nodes.push(node);
            }
            // Message i: node, period, revision; its seq is i + 1, unique per node.
            let mut messages = Vec::new();
            let mut latest = Vec::new();
            for (i, turnover) in turnovers.iter().enumerate() {
                let node = &nodes[i / 6];
                let period = PERIODS[(i / 3) % 2];
                let revision = (i % 3) as u32 + 1;
                let amount = rust_decimal::Decimal::new(*turnover, 2).to_string();
                let f = figures(node, period, revision, 7, &amount);
                let m = seal(node, i as u64 + 1, &f);
                if revision == REVISIONS {
                    latest.push(m.clone());
                }
                messages.push(m);
            }
            for i in &stream {
                let outcome = receive(&shuffled, &messages[*i]).await.unwrap();
                prop_assert_ne!(outcome, Outcome::Conflict);
            }
            for m in &latest {
                prop_assert_eq!(receive(&expected, m).await.unwrap(), Outcome::First);
            }
            for period in PERIODS {
                prop_assert_eq!(report_json(&shuffled, period).await, report_json(&expected, period).await);
            }
            Ok(())
        })?;
    }
}

async fn an_older_revision_arriving_late_changes_nothing(db: Db) {
    let store = common::store(db).await;
    let be = enrolled(&store, "be").await;
    let r2 = seal(&be, 2, &figures(&be, "2026-01", 2, 9, "200.00"));
    let r1 = seal(&be, 1, &figures(&be, "2026-01", 1, 9, "100.00"));
    assert_eq!(receive(&store, &r2).await.unwrap(), Outcome::First);
    let before = report_json(&store, "2026-01").await;
    assert_eq!(receive(&store, &r1).await.unwrap(), Outcome::Stale);
    assert_eq!(report_json(&store, "2026-01").await, before);
    let report = report::build(&store, "2026-01", d("1.00")).await.unwrap();
    assert_eq!(report.total.sectors[0].turnover_excl_vat, Some(d("200.00")));
    assert_eq!(report.inputs[0].revision, 2);
}

async fn a_redelivery_after_a_crash_between_commit_and_ack_is_applied_once(db: Db) {
    let store = common::store(db).await;
    let be = enrolled(&store, "be").await;
    let r1 = seal(&be, 1, &figures(&be, "2026-01", 1, 9, "100.00"));
    // The consolidator commits, then dies before acknowledging: the stream redelivers.
    assert_eq!(receive(&store, &r1).await.unwrap(), Outcome::First);
    let after_commit = report_json(&store, "2026-01").await;
    assert_eq!(receive(&store, &r1).await.unwrap(), Outcome::AlreadyApplied);
    assert_eq!(receive(&store, &r1).await.unwrap(), Outcome::AlreadyApplied);
    assert_eq!(report_json(&store, "2026-01").await, after_commit);
}

async fn a_revision_resent_with_other_figures_keeps_the_first_and_raises_an_alarm(db: Db) {
    let store = common::store(db).await;
    let be = enrolled(&store, "be").await;
    assert_eq!(receive(&store, &seal(&be, 1, &figures(&be, "2026-01", 1, 9, "100.00"))).await.unwrap(), Outcome::First);
    assert_eq!(
        receive(&store, &seal(&be, 2, &figures(&be, "2026-01", 1, 9, "100.00"))).await.unwrap(),
        Outcome::Duplicate
    );
    assert_eq!(
        receive(&store, &seal(&be, 3, &figures(&be, "2026-01", 1, 9, "999.00"))).await.unwrap(),
        Outcome::Conflict
    );
    let report = report::build(&store, "2026-01", d("1.00")).await.unwrap();
    assert_eq!(report.total.sectors[0].turnover_excl_vat, Some(d("100.00")));
    let alarms = store.alarms().await.unwrap();
    assert_eq!(alarms.len(), 1);
    assert_eq!(alarms[0].0, "be:3");
}

async fn the_group_report_is_the_sum_of_the_nodes_converted_at_the_published_rate_to_the_cent(db: Db) {
    let store = common::store(db).await;
    let be = enrolled(&store, "be").await;
    let se = enrolled(&store, "se").await;
    let hu = enrolled(&store, "hu").await;
    for rate in february_2025_rates() {
        store.publish_rate(&rate).await.unwrap();
    }
    let mut fb = figures(&be, "2025-02", 1, 10, "12345.67");
    fb.sectors.artistic.employer_cost = d("5000.00");
    let mut fs = figures(&se, "2025-02", 1, 10, "223760.00");
    fs.sectors.artistic.payroll_mass_gross = d("55940.00");
    fs.sectors.artistic.employer_cost = d("1000.00");
    fs.fund.balance = d("111880.00");
    fs.fund.open_advances = d("223760.00");
    let mut fh = figures(&hu, "2025-02", 1, 10, "3995000.00");
    fh.sectors.artistic.employer_cost = d("1000.00");
    for (node, f) in [(&be, &fb), (&se, &fs), (&hu, &fh)] {
        receive(&store, &seal(node, 1, f)).await.unwrap();
    }
    let report = report::build(&store, "2025-02", d("1.00")).await.unwrap();
    let row = |code: &str| report.nodes.iter().find(|r| r.node == code).unwrap().clone();
    // By hand: 223,760.00 / 11.1880 = 20,000.00; 55,940.00 / 11.1880 = 5,000.00;
    // 1,000.00 / 11.1880 = 89.3814... → 89.38; 3,995,000.00 / 399.50 = 10,000.00;
    // 1,000.00 / 399.50 = 2.5031... → 2.50.
    assert_eq!(row("se").sectors[0].turnover_excl_vat, Some(d("20000.00")));
    assert_eq!(row("se").sectors[0].payroll_mass_gross, Some(d("5000.00")));
    assert_eq!(row("se").sectors[0].employer_cost, Some(d("89.38")));
    assert_eq!(row("hu").sectors[0].turnover_excl_vat, Some(d("10000.00")));
    assert_eq!(row("hu").sectors[0].employer_cost, Some(d("2.50")));
    assert_eq!(report.total.sectors[0].turnover_excl_vat, Some(d("42345.67")));
    assert_eq!(report.total.sectors[0].employer_cost, Some(d("5091.88")));
    assert_eq!(report.total.members_active, Some(30));
    // Sweden's fund: 10,000.00 EUR against 20,000.00 EUR advanced, under a 1.00 floor.
    let fund = row("se").fund.unwrap();
    assert_eq!(
        (fund.balance, fund.open_advances, fund.coverage_ratio, fund.under_floor),
        (d("10000.00"), d("20000.00"), Some(d("0.5")), true)
    );
    assert!(!row("be").fund.unwrap().under_floor);
    let group = report.total.fund.clone().unwrap();
    assert_eq!(group.balance, d("1000.00") + d("10000.00") + d("2.50"));
    // The report names the rates it used, dated.
    assert_eq!(report.rates.len(), 2);
    assert_eq!(report.rates[1].currency, "SEK");
    assert_eq!(report.rates[1].rate_date.to_string(), "2025-02-28");
    assert_eq!(
        report.as_of_nodes(),
        vec![("be", "2026-03-01T00:00:01Z"), ("hu", "2026-03-01T00:00:01Z"), ("se", "2026-03-01T00:00:01Z")]
    );
}

async fn a_report_refuses_to_run_without_the_rate_of_a_nodes_currency(db: Db) {
    let store = common::store(db).await;
    let se = enrolled(&store, "se").await;
    receive(&store, &seal(&se, 1, &figures(&se, "2025-03", 1, 10, "100.00"))).await.unwrap();
    let err = report::build(&store, "2025-03", d("1.00")).await.unwrap_err();
    assert!(
        matches!(err, HqError::RateMissing { ref currency, ref period } if currency == "SEK" && period == "2025-03"),
        "{err}"
    );
}

async fn a_corrected_rate_is_a_new_version_and_the_report_uses_the_latest(db: Db) {
    let store = common::store(db).await;
    let se = enrolled(&store, "se").await;
    let mut rate = february_2025_rates().remove(0);
    store.publish_rate(&rate).await.unwrap();
    assert!(matches!(store.publish_rate(&rate).await, Err(HqError::RateVersion { latest: 1, .. })));
    rate.version = 2;
    rate.units_per_eur = d("10.0000");
    store.publish_rate(&rate).await.unwrap();
    receive(&store, &seal(&se, 1, &figures(&se, "2025-02", 1, 10, "100.00"))).await.unwrap();
    let report = report::build(&store, "2025-02", d("1.00")).await.unwrap();
    assert_eq!(report.nodes[0].sectors[0].turnover_excl_vat, Some(d("10.00")));
    assert_eq!(report.rates[0].version, 2);
}

async fn replaying_the_stream_into_an_empty_hq_rebuilds_the_same_report(db: Db) {
    let store = common::store(db).await;
    let be = enrolled(&store, "be").await;
    let se = enrolled(&store, "se").await;
    for rate in february_2025_rates() {
        store.publish_rate(&rate).await.unwrap();
    }
    let stream = vec![
        seal(&be, 1, &figures(&be, "2025-02", 1, 12, "10.01")),
        seal(&se, 1, &figures(&se, "2025-02", 1, 3, "10.01")),
        seal(&be, 2, &figures(&be, "2025-02", 2, 12, "20.02")),
        seal(&se, 2, &figures(&se, "2025-02", 2, 8, "30.03")),
    ];
    for m in &stream {
        receive(&store, m).await.unwrap();
    }
    let first = report::build(&store, "2025-02", d("1.00")).await.unwrap();
    let again = common::store(db).await;
    for node in [&be, &se] {
        let request =
            partage_hq::enrol::request(&node.key, node.code, "https://hq.example", "2026-01-01T00:00:00Z").unwrap();
        partage_hq::enrol::accept(&again, &request, "2026-01-01T00:00:00Z").await.unwrap();
    }
    for rate in february_2025_rates() {
        again.publish_rate(&rate).await.unwrap();
    }
    for m in stream.iter().rev() {
        receive(&again, m).await.unwrap();
    }
    let rebuilt = report::build(&again, "2025-02", d("1.00")).await.unwrap();
    assert_eq!(serde_json::to_string(&rebuilt).unwrap(), serde_json::to_string(&first).unwrap());
    assert_eq!(report::to_csv(&rebuilt), report::to_csv(&first));
}

async fn a_message_that_fails_a_check_is_refused_and_stores_nothing(db: Db) {
    let store = common::store(db).await;
    let be = enrolled(&store, "be").await;
    let fr = enrolled(&store, "fr").await;
    let good = seal(&be, 1, &figures(&be, "2026-01", 1, 9, "100.00"));
    // BE's figures published under FR's subject and header.
    let mut spoofed = good.clone();
    spoofed.subject = "partage.fr.agg.2026-01.figures".into();
    spoofed.headers.insert(NODE, "fr");
    // A header that does not match the subject.
    let mut header = good.clone();
    header.headers.insert(NODE, "fr");
    // A forged signature: FR signs BE's payload.
    let mut forged = good.clone();
    forged.headers.insert(SIG, fr.key.sign(&good.payload).as_str());
    // BE's key id, another key's signature.
    let mut stolen_id = good.clone();
    let fr_sig = fr.key.sign(&good.payload);
    let fr_b64 = fr_sig.rsplit(':').next().unwrap();
    stolen_id.headers.insert(SIG, format!("ed25519:{}:{fr_b64}", be.key.key_id()).as_str());
    // A changed payload.
    let mut tampered = good.clone();
    tampered.payload = String::from_utf8(good.payload.clone()).unwrap().replace("100.00", "900.00").into_bytes();
    // A period other than the subject's.
    let mut period = good.clone();
    period.subject = "partage.be.agg.2026-02.figures".into();
    // A node HQ never enrolled.
    let stranger = common::TestNode { code: "de", key: partage_hq::NodeKey::generate() };
    let unknown = seal(&stranger, 1, &figures(&stranger, "2026-01", 1, 9, "1.00"));
    for m in [spoofed, header, forged, stolen_id, tampered, period, unknown] {
        assert!(matches!(receive(&store, &m).await, Err(HqError::Rejected { .. })), "{m:?}");
    }
    assert!(store.snapshots("2026-01").await.unwrap().is_empty());
    assert_eq!(receive(&store, &good).await.unwrap(), Outcome::First);
}

on_both_databases!(
    an_older_revision_arriving_late_changes_nothing,
    a_redelivery_after_a_crash_between_commit_and_ack_is_applied_once,
    a_revision_resent_with_other_figures_keeps_the_first_and_raises_an_alarm,
    the_group_report_is_the_sum_of_the_nodes_converted_at_the_published_rate_to_the_cent,
    a_report_refuses_to_run_without_the_rate_of_a_nodes_currency,
    a_corrected_rate_is_a_new_version_and_the_report_uses_the_latest,
    replaying_the_stream_into_an_empty_hq_rebuilds_the_same_report,
    a_message_that_fails_a_check_is_refused_and_stores_nothing,
);

/// An in-memory source: acks and parks are recorded; a message not acknowledged
/// before the "crash" is delivered again to the next run.
struct Queue {
    pending: std::collections::VecDeque<partage_hq::Message>,
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

struct Delivered {
    message: partage_hq::Message,
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl partage_hq::consumer::Delivery for Delivered {
    fn message(&self) -> &partage_hq::Message {
        &self.message
    }
    async fn ack(self) -> Result<(), HqError> {
        self.log.lock().unwrap().push(format!("ack {}", self.message.subject));
        Ok(())
    }
    async fn park(self, _why: String) -> Result<(), HqError> {
        self.log.lock().unwrap().push(format!("park {}", self.message.subject));
        Ok(())
    }
}

impl partage_hq::consumer::Source for Queue {
    type Delivery = Delivered;
    async fn next(&mut self) -> Option<Delivered> {
        self.pending.pop_front().map(|message| Delivered { message, log: self.log.clone() })
    }
}

async fn the_consolidator_acks_after_applying_and_parks_what_fails_a_check(db: Db) {
    let store = common::store(db).await;
    let be = enrolled(&store, "be").await;
    let m1 = seal(&be, 1, &figures(&be, "2026-01", 1, 9, "100.00"));
    let m2 = seal(&be, 2, &figures(&be, "2026-01", 2, 9, "150.00"));
    let mut bad = m2.clone();
    bad.subject = "partage.be.agg.2026-01.closed".into();
    // A movement event (never HQ's business), correctly signed: refused, parked.
    let movement = {
        let id = partage_federation::NodeId::new("be").unwrap();
        let event = partage_federation::Event::FundMoved(partage_federation::events::FundMovedV1 {
            activity: uuid::Uuid::nil(),
            kind: "advance".into(),
            amount: partage_federation::Amount { amount: d("1.00"), currency: "EUR".into() },
            on: chrono::NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
        });
        let env = partage_federation::Envelope::new(id.clone(), 3, chrono::Utc::now(), &event);
        partage_hq::Message::from_signed(&env.sign(&be.key.federation_key(id).unwrap()).unwrap())
    };
    let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let queue = Queue { pending: [m1.clone(), m2.clone(), m1.clone(), movement, bad].into(), log: log.clone() };
    let tally = partage_hq::consumer::run(&store, queue).await.unwrap();
    assert_eq!(tally, partage_hq::consumer::Tally { applied: 2, unchanged: 1, conflicts: 0, parked: 2 });
    assert_eq!(log.lock().unwrap().iter().filter(|l| l.starts_with("ack")).count(), 3);
    assert_eq!(log.lock().unwrap().last().unwrap(), "park partage.be.agg.2026-01.closed");
    // Both kept for an operator, with why.
    let parked = store.parked().await.unwrap();
    assert_eq!(parked.len(), 2);
    assert_eq!(parked[0].subject, "partage.be.ev.fund.moved");
    assert!(parked[0].reason.contains("not a period snapshot"), "{}", parked[0].reason);
    assert_eq!(parked[1].subject, "partage.be.agg.2026-01.closed");
    // The source redelivers m2, unacknowledged by a consolidator that crashed after its commit.
    let again = Queue { pending: [m2].into(), log };
    let tally = partage_hq::consumer::run(&store, again).await.unwrap();
    assert_eq!(tally.unchanged, 1);
    let report = report::build(&store, "2026-01", d("1.00")).await.unwrap();
    assert_eq!(report.total.sectors[0].turnover_excl_vat, Some(d("150.00")));
}

on_both_databases!(the_consolidator_acks_after_applying_and_parks_what_fails_a_check);

async fn a_batch_applies_what_passes_in_one_transaction_and_refuses_the_rest(db: Db) {
    let store = common::store(db).await;
    let be = enrolled(&store, "be").await;
    let m1 = seal(&be, 1, &figures(&be, "2026-01", 1, 9, "100.00"));
    let m2 = seal(&be, 2, &figures(&be, "2026-01", 2, 9, "200.00"));
    let mut bad = m2.clone();
    bad.headers.insert(NODE, "fr");
    let outcomes = partage_hq::consolidate::receive_batch(&store, &[m1.clone(), bad, m2, m1]).await.unwrap();
    assert_eq!(outcomes.len(), 4);
    assert!(matches!(outcomes[0], Ok(Outcome::First)));
    assert!(matches!(outcomes[1], Err(HqError::Rejected { .. })));
    assert!(matches!(outcomes[2], Ok(Outcome::Replaced)));
    // The same event twice in one batch: the inbox row of the first is already there.
    assert!(matches!(outcomes[3], Ok(Outcome::AlreadyApplied)));
    let report = report::build(&store, "2026-01", d("1.00")).await.unwrap();
    assert_eq!(report.total.sectors[0].turnover_excl_vat, Some(d("200.00")));
}

on_both_databases!(a_batch_applies_what_passes_in_one_transaction_and_refuses_the_rest);
