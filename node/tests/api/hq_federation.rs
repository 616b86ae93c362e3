//! HQ fed by the federation (issue 13), end to end on the harness of `tests/federation`
//! (real nats-server 2.15.1 hub and leaves): a Belgian node (SQLite) and a French node
//! (PostgreSQL), each with a demo's members, invoices and payroll, run as real
//! `partage serve` processes whose relays publish their outboxes; HQ sources their
//! period figures into `HQ_AGG` and consolidates them through the durable pull consumer
//! `hq-consolidator`. The group report is checked against sums read straight from the
//! nodes' tables, through a crash of HQ between its commit and its ack, and a
//! duplicate delivered again; HQ's database and stream hold no person's data.

use crate::common::{Db, Place, Process};
use partage::service::{figures, Node};
use partage::storage::entities::{credit_note, invoice, member, payslip, period_figure};
use partage_federation::NodeId;
use partage_federation_tests::{eventually, Federation};
use partage_hq::consumer::{Delivery, Source};
use partage_hq::jetstream::{self as hq_js, JetStreamDelivery, JetStreamSource};
use partage_hq::{HqError, HqStore, Outcome};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(60);
/// The nodes' day: the demo builds the year before it.
const TODAY: &str = "2026-06-30";

/// A node's amounts of one month, summed from its own tables (not from `figures`).
#[derive(Debug, Default, Clone, PartialEq)]
struct Sums {
    turnover: BTreeMap<String, i64>,
    gross: BTreeMap<String, i64>,
    employer_cost: BTreeMap<String, i64>,
}

async fn sums(node: &Node, month: &str) -> Sums {
    let db = node.store.db();
    let m: partage_core::period::Month = month.parse().unwrap();
    let (first, last) = (m.first_day(), m.last_day());
    let activities: BTreeMap<uuid::Uuid, String> = partage::storage::entities::activity::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.id, a.sector))
        .collect();
    let mut s = Sums::default();
    for p in payslip::Entity::find().filter(payslip::Column::Period.eq(month)).all(db).await.unwrap() {
        *s.gross.entry(activities[&p.activity_id].clone()).or_default() += p.gross_minor;
        *s.employer_cost.entry(activities[&p.activity_id].clone()).or_default() += p.employer_cost_minor;
    }
    for i in invoice::Entity::find().all(db).await.unwrap() {
        if i.number.is_some() && i.invoice_date.is_some_and(|d| d >= first && d <= last) {
            *s.turnover.entry(activities[&i.activity_id].clone()).or_default() += i.net_minor;
        }
    }
    for n in credit_note::Entity::find().all(db).await.unwrap() {
        if n.issue_date >= first && n.issue_date <= last {
            let i = invoice::Entity::find_by_id(n.invoice_id).one(db).await.unwrap().unwrap();
            *s.turnover.entry(activities[&i.activity_id].clone()).or_default() -= i.net_minor;
        }
    }
    s
}

/// A demo office: its place, data, key enrolled at HQ, federation settings.
async fn office(fed: &Federation, hq: &HqStore, country: &str, db: Db, seed: u64) -> (Place, Node) {
    let mut place = Place::new(db);
    let mut extra: Vec<(&'static str, String)> = partage::demo::country_settings(country);
    extra.retain(|(k, _)| !matches!(*k, "node.data_dir" | "database.url" | "http.bind"));
    place.extra.extend(extra);
    let node = Node::open(place.settings_at(TODAY)).await.unwrap();
    partage::demo::build(&node, partage::demo::Scale { members: 24, seed }).await.unwrap();
    // The key `partage init` would make, enrolled at HQ, saved as the relay's key file.
    let key = partage_hq::NodeKey::generate();
    let request = partage_hq::enrol::request(&key, country, "https://hq.example", "2026-06-01T00:00:00Z").unwrap();
    assert!(partage_hq::enrol::accept(hq, &request, "2026-06-01T00:00:00Z").await.unwrap());
    key.federation_key(NodeId::new(country).unwrap()).unwrap().save(&place.dir.join("node.key")).unwrap();
    let o = fed.office(country);
    place.extra.extend([
        ("federation.node", country.to_owned()),
        ("federation.url", format!("127.0.0.1:{}", o.server.port())),
        ("federation.user", "node".to_owned()),
        ("federation.password", o.password.clone()),
        ("federation.key_file", "node.key".to_owned()),
        ("node.today", TODAY.to_owned()),
    ]);
    (place, node)
}

/// A JetStream source that "crashes" right after the `after`-th commit: that delivery is
/// never acknowledged and the run ends, as when HQ is killed between apply and ack.
struct CrashAfter {
    inner: JetStreamSource,
    left: usize,
    crashed: Arc<AtomicBool>,
}

struct MaybeAck {
    inner: JetStreamDelivery,
    crash: Option<Arc<AtomicBool>>,
}

impl Delivery for MaybeAck {
    fn message(&self) -> &partage_hq::Message {
        self.inner.message()
    }
    async fn ack(self) -> Result<(), HqError> {
        match self.crash {
            Some(crashed) => {
                crashed.store(true, Ordering::SeqCst);
                Ok(())
            }
            None => self.inner.ack().await,
        }
    }
    async fn park(self, why: String) -> Result<(), HqError> {
        self.inner.park(why).await
    }
}

impl Source for CrashAfter {
    type Delivery = MaybeAck;
    async fn next(&mut self) -> Option<MaybeAck> {
        if self.crashed.load(Ordering::SeqCst) {
            return None;
        }
        let inner = self.inner.next().await?;
        self.left -= 1;
        let crash = (self.left == 0).then(|| self.crashed.clone());
        Some(MaybeAck { inner, crash })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hq_consolidates_two_nodes_exactly_through_a_crash_between_apply_and_ack_and_a_duplicate() {
    let fed = Federation::start(&["be", "fr"]).await;
    let hq_dir = std::env::temp_dir().join(format!("partage-hq-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&hq_dir).unwrap();
    let hq_url = format!("sqlite://{}?mode=rwc", hq_dir.join("hq.sqlite").display());
    let hq = HqStore::open(&hq_url, None).await.unwrap();
    let (be_place, be) = office(&fed, &hq, "be", Db::Sqlite, 11).await;
    let (fr_place, fr) = office(&fed, &hq, "fr", Db::Postgres, 12).await;
    let month = "2026-06";
    for node in [&be, &fr] {
        // The daily pass: May and June (the demo's June payroll run published June already).
        figures::publish_recent(node).await.unwrap();
    }
    let mut expected_events = 0;
    for node in [&be, &fr] {
        let rows = partage::storage::outbox::after(node.store.db(), 0, 100_000).await.unwrap();
        expected_events += rows.iter().filter(|r| r.kind == "period.figures").count();
    }
    assert!(expected_events >= 4, "each node sent May and June at least: {expected_events}");

    // The nodes run as processes: their relays publish the outboxes to their streams.
    let be_process = Process::start(&be_place).await;
    let fr_process = Process::start(&fr_place).await;
    let hub = fed.hq_js().await;
    let nodes = [NodeId::new("be").unwrap(), NodeId::new("fr").unwrap()];
    for n in &nodes {
        let js = fed.node_js(n.as_str()).await;
        eventually(LIMIT, &format!("the stream of {n}"), || {
            let js = js.clone();
            let name = n.stream();
            async move { js.get_stream(name).await.is_ok() }
        })
        .await;
    }
    hq_js::ensure_stream(&hub, hq_js::STREAM, &nodes).await.unwrap();
    eventually(LIMIT, "every period snapshot in HQ_AGG", || {
        let hub = hub.clone();
        async move {
            match hub.get_stream(hq_js::STREAM).await {
                Ok(mut s) => s.info().await.map(|i| i.state.messages as usize == expected_events).unwrap_or(false),
                Err(_) => false,
            }
        }
    })
    .await;

    // HQ applies three snapshots and dies after the third commit, before its ack.
    let ack_wait = Duration::from_secs(2);
    let consumer = hq_js::consumer(&hub, hq_js::STREAM, ack_wait).await.unwrap();
    let (_keep, stop) = tokio::sync::watch::channel(false);
    let crashed = Arc::new(AtomicBool::new(false));
    let source = CrashAfter { inner: JetStreamSource::new(consumer, stop), left: 3, crashed: crashed.clone() };
    let tally = partage_hq::consumer::run(&hq, source).await.unwrap();
    assert!(crashed.load(Ordering::SeqCst));
    assert_eq!(tally.applied + tally.unchanged, 3);
    assert_eq!(tally.parked, 0);

    // Restarted, it consumes everything, the unacknowledged third once more.
    let (stop_tx, stop) = tokio::sync::watch::channel(false);
    let consumer = hq_js::consumer(&hub, hq_js::STREAM, ack_wait).await.unwrap();
    let store = hq.clone();
    let run =
        tokio::spawn(async move { partage_hq::consumer::run(&store, JetStreamSource::new(consumer, stop)).await });
    let mut probe = hq_js::consumer(&hub, hq_js::STREAM, ack_wait).await.unwrap();
    let started = std::time::Instant::now();
    loop {
        let info = probe.info().await.unwrap();
        if info.num_pending == 0 && info.num_ack_pending == 0 {
            break;
        }
        assert!(started.elapsed() < LIMIT, "not every snapshot acknowledged: {info:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    stop_tx.send(true).unwrap();
    let after = run.await.unwrap().unwrap();
    assert_eq!(after.parked, 0);
    assert!(after.unchanged >= 1, "the redelivered third was applied before: {after:?}");
    // Every event applied exactly once; redeliveries (the third, and any that waited
    // past the ack wait in the client's buffer) changed nothing.
    assert_eq!(tally.applied + after.applied, expected_events as u64);

    // What HQ keeps is, for every node and month, the node's latest revision.
    for (code, node) in [("be", &be), ("fr", &fr)] {
        for row in period_figure::Entity::find().all(node.store.db()).await.unwrap() {
            let kept = hq.snapshots(&row.period).await.unwrap();
            let kept = kept.iter().find(|s| s.node == code).unwrap();
            assert_eq!(i64::from(kept.revision), i64::from(row.revision), "{code} {}", row.period);
            let at_node: partage_hq::PeriodFigures = serde_json::from_str(&row.body).unwrap();
            let at_hq: partage_hq::PeriodFigures = serde_json::from_str(&kept.body).unwrap();
            assert_eq!(at_hq, at_node, "{code} {}", row.period);
        }
    }

    // The group report of June (the demo's payroll month) is the sum of the nodes' own tables, to the cent.
    let report = partage_hq::report::build(&hq, month, Decimal::ONE).await.unwrap();
    let (sb, sf) = (sums(&be, month).await, sums(&fr, month).await);
    let cents = |minor: i64| Decimal::new(minor, 2);
    let both = |m: &dyn Fn(&Sums) -> &BTreeMap<String, i64>, sector: &str| {
        cents(m(&sb).get(sector).copied().unwrap_or(0) + m(&sf).get(sector).copied().unwrap_or(0))
    };
    let mut checked = 0;
    for row in &report.total.sectors {
        if row.people.is_none() {
            continue;
        }
        assert_eq!(row.turnover_excl_vat, Some(both(&|s| &s.turnover, row.sector)), "{}", row.sector);
        assert_eq!(row.payroll_mass_gross, Some(both(&|s| &s.gross, row.sector)), "{}", row.sector);
        assert_eq!(row.employer_cost, Some(both(&|s| &s.employer_cost, row.sector)), "{}", row.sector);
        checked += 1;
    }
    assert!(checked >= 2, "at least two sectors shown: {:?}", report.total.sectors);
    let paid: Decimal = report.total.sectors.iter().filter_map(|s| s.payroll_mass_gross).sum();
    assert!(paid > Decimal::ZERO, "June's payroll reached HQ");
    let end_of_june = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let mut active = 0;
    for node in [&be, &fr] {
        for m in member::Entity::find().all(node.store.db()).await.unwrap() {
            if m.admitted_on.is_some_and(|d| d <= end_of_june) && m.left_on.is_none_or(|d| d > end_of_june) {
                active += 1;
            }
        }
    }
    assert_eq!(report.total.members_active, Some(active as u32));
    let before = serde_json::to_string(&report).unwrap();

    // A duplicate delivered again (the stream's first message, as a redelivery would
    // bring it): already applied, the report unchanged.
    let mut stream = hub.get_stream(hq_js::STREAM).await.unwrap();
    let raw = stream.get_raw_message(1).await.unwrap();
    let duplicate = partage_hq::Message {
        subject: raw.subject.to_string(),
        headers: raw.headers.clone(),
        payload: raw.payload.to_vec(),
    };
    assert_eq!(partage_hq::receive(&hq, &duplicate).await.unwrap(), Outcome::AlreadyApplied);
    let again = partage_hq::report::build(&hq, month, Decimal::ONE).await.unwrap();
    assert_eq!(serde_json::to_string(&again).unwrap(), before);
    assert!(hq.parked().await.unwrap().is_empty());
    assert_eq!(stream.info().await.unwrap().state.messages as usize, expected_events, "no movement reached HQ");

    // No person's data at HQ: neither in its database nor in its stream.
    let mut text = String::new();
    for seq in 1..=expected_events as u64 {
        let m = stream.get_raw_message(seq).await.unwrap();
        text.push_str(&String::from_utf8_lossy(&m.payload));
    }
    hq.db().clone().close().await.unwrap();
    for entry in std::fs::read_dir(&hq_dir).unwrap() {
        text.push_str(&String::from_utf8_lossy(&std::fs::read(entry.unwrap().path()).unwrap()));
    }
    assert!(text.contains(month), "the scan reads what HQ holds");
    let mut scanned = 0;
    for node in [&be, &fr] {
        for m in member::Entity::find().all(node.store.db()).await.unwrap() {
            let mut personal = vec![m.first_name.clone(), m.last_name.clone(), m.email.clone(), m.id.to_string()];
            personal.extend(m.national_id.clone());
            personal.extend(m.iban.clone());
            for p in personal.iter().filter(|p| p.len() >= 4) {
                assert!(!text.contains(p.as_str()), "HQ holds {p}");
                scanned += 1;
            }
        }
    }
    assert!(scanned > 100, "{scanned} personal values looked for");
    assert!(be_process.terminate().await);
    assert!(fr_process.terminate().await);
    let _ = std::fs::remove_dir_all(&hq_dir);
}

/// A month's figures of a node, as its outbox would hold them.
fn june_figures(members: u32) -> partage_hq::PeriodFigures {
    use partage_federation::events::{FundFiguresV1, SectorFiguresV1, SectorsV1};
    let sector =
        |people: u32| SectorFiguresV1 { people, turnover_excl_vat: Decimal::new(123_456, 2), ..Default::default() };
    partage_hq::PeriodFigures {
        period: "2026-06".into(),
        revision: 1,
        currency: "EUR".into(),
        members_active: members,
        signups: 0,
        leavers: 0,
        fte: Decimal::ONE,
        sectors: SectorsV1 { artistic: sector(members), ..Default::default() },
        fund: FundFiguresV1::default(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hq_sources_a_node_enrolled_while_it_consolidates_without_a_restart() {
    use partage_federation::relay::{Relay, RelaySettings};
    let fed = Federation::start(&["be", "fr"]).await;
    let hq_dir = std::env::temp_dir().join(format!("partage-hq-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&hq_dir).unwrap();
    let hq = HqStore::open(&format!("sqlite://{}?mode=rwc", hq_dir.join("hq.sqlite").display()), None).await.unwrap();
    // Each office's relay publishes June's figures, signed with the key it asks HQ to enrol.
    let mut requests = BTreeMap::new();
    let mut relays = Vec::new();
    for (code, members) in [("be", 7), ("fr", 9)] {
        let key = partage_hq::NodeKey::generate();
        requests.insert(
            code,
            partage_hq::enrol::request(&key, code, "https://hq.example", "2026-06-01T00:00:00Z").unwrap(),
        );
        let outbox = Arc::new(partage_federation_tests::MemOutbox::default());
        outbox.push(&partage_federation::Event::PeriodFigures(june_figures(members)));
        let signing = Arc::new(key.federation_key(NodeId::new(code).unwrap()).unwrap());
        let relay = Relay::new(fed.node_js(code).await, signing, outbox.clone(), RelaySettings::default());
        relays.push(tokio::spawn(relay.run(std::future::pending::<()>())));
        let js = fed.node_js(code).await;
        eventually(LIMIT, &format!("{code}'s figures in its stream"), || {
            let js = js.clone();
            let outbox = outbox.clone();
            async move { js.get_stream(NodeId::new(code).unwrap().stream()).await.is_ok() && outbox.sent() == 1 }
        })
        .await;
    }

    // HQ starts with Belgium enrolled only, and consolidates it.
    assert!(partage_hq::enrol::accept(&hq, &requests["be"], "2026-06-01T00:00:00Z").await.unwrap());
    let settings = hq_js::Settings {
        url: format!("127.0.0.1:{}", fed.hub.port()),
        user: "hq".into(),
        password: fed.hq_password.clone(),
        stream: hq_js::STREAM.into(),
        ack_wait: Duration::from_secs(2),
        sources_every: Duration::from_millis(200),
    };
    let (stop_tx, stop) = tokio::sync::watch::channel(false);
    let store = hq.clone();
    let run = tokio::spawn(async move { hq_js::consolidate(&store, &settings, stop).await });
    let kept = |hq: HqStore| async move {
        hq.snapshots("2026-06").await.unwrap().into_iter().map(|s| s.node).collect::<Vec<_>>()
    };
    eventually(LIMIT, "Belgium's June at HQ", || {
        let hq = hq.clone();
        async move { kept(hq).await == ["be"] }
    })
    .await;

    // France is enrolled while HQ runs: its figures arrive with no restart.
    assert!(partage_hq::enrol::accept(&hq, &requests["fr"], "2026-06-02T00:00:00Z").await.unwrap());
    eventually(LIMIT, "France's June at HQ", || {
        let hq = hq.clone();
        async move { kept(hq).await == ["be", "fr"] }
    })
    .await;
    let report = partage_hq::report::build(&hq, "2026-06", Decimal::ONE).await.unwrap();
    assert_eq!(report.total.members_active, Some(16));
    stop_tx.send(true).unwrap();
    let tally = run.await.unwrap().unwrap();
    assert_eq!((tally.applied, tally.parked), (2, 0));
    for relay in relays {
        relay.abort();
    }
    let _ = std::fs::remove_dir_all(&hq_dir);
}
