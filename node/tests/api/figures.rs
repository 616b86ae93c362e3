//! The node's period figures for HQ: computed from the month's members, invoices and
//! payslips, re-sent with a new revision only when they change, and carrying no
//! personal data: HQ's database, after consolidating them, holds none of the seeded
//! people's names, e-mails, national numbers or IBANs.

use crate::common::{Db, Place};
use crate::on_both_databases;
use partage::drill::{self, Seed};
use partage::service::{figures, ledger, payroll, Node};
use partage_core::period::Month;
use partage_core::work_declaration::WorkPeriod;
use partage_core::{Currency, Money};
use rust_decimal::Decimal;
use sea_orm::EntityTrait;

fn day(d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 6, d).unwrap()
}

async fn couriers(node: &Node, client: uuid::Uuid, from: usize, count: usize) {
    couriers_in(node, client, from, count, 6).await;
}

/// `count` couriers invoiced on the 1st of `month` 2026 and working its 2nd and 3rd evenings.
async fn couriers_in(node: &Node, client: uuid::Uuid, from: usize, count: usize, month: u32) {
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, month, d).unwrap();
    let (s, e) =
        (chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap(), chrono::NaiveTime::from_hms_opt(22, 0, 0).unwrap());
    drill::seed(
        node,
        &Seed {
            from,
            count,
            label: "Courier",
            category: "manual",
            client,
            invoiced: Money::from_minor(15_000, Currency::EUR),
            budget: Money::from_minor(14_025, Currency::EUR),
            days: vec![WorkPeriod { date: day(2), start: s, end: e }, WorkPeriod { date: day(3), start: s, end: e }],
            on: day(1),
        },
    )
    .await
    .unwrap();
}

async fn a_months_figures_are_its_members_invoices_and_payslips_and_a_new_revision_only_when_they_change(db: Db) {
    let place = Place::new(db);
    let node = Node::open(place.settings_at("2026-06-30")).await.unwrap();
    let txn = node.store.write().await.unwrap();
    let endowed =
        partage_core::ledger::fund_endowed(day(1), "reserve", Money::from_minor(100_000, Currency::EUR)).unwrap();
    ledger::post(&*txn, &endowed, None).await.unwrap();
    txn.commit().await.unwrap();
    let client = drill::business_client(&node, "Fast Meals Platform SA", "BE0403170701").await.unwrap();
    couriers(&node, client, 0, 7).await;
    let txn = node.store.write().await.unwrap();
    let (run, _) = payroll::start(&*txn, "2026-06", None, node.today(), node.now()).await.unwrap();
    txn.commit().await.unwrap();
    payroll::process(&node, run.id).await.unwrap();

    // The run's completion published June's first revision, with its outbox row.
    let june: Month = "2026-06".parse().unwrap();
    let txn = node.store.write().await.unwrap();
    let first = figures::publish(&*txn, &node, june).await.unwrap();
    txn.commit().await.unwrap();
    let f = &first.figures;
    assert!(!first.changed, "the payroll run published June already");
    let sent = period_events(&node).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].body["revision"], 1);
    assert_eq!(sent[0].body["period"], "2026-06");
    assert_eq!((f.revision, f.currency.as_str()), (1, "EUR"));
    assert_eq!((f.members_active, f.signups, f.leavers), (7, 7, 0));
    // Seven couriers, each invoiced 150.00 excluding VAT, all in the "other" sector.
    assert_eq!(f.sectors.other.people, 7);
    assert_eq!(f.sectors.other.turnover_excl_vat, Decimal::new(105_000, 2));
    assert_eq!(f.sectors.artistic.people, 0);
    // The payroll mass is the payslips' gross, summed apart from the service.
    let slips = partage::storage::entities::payslip::Entity::find().all(node.store.db()).await.unwrap();
    assert_eq!(slips.len(), 7);
    let gross: i64 = slips.iter().map(|p| p.gross_minor).sum();
    let cost: i64 = slips.iter().map(|p| p.employer_cost_minor).sum();
    assert_eq!(f.sectors.other.payroll_mass_gross, Money::from_minor(gross, Currency::EUR).amount());
    assert_eq!(f.sectors.other.employer_cost, Money::from_minor(cost, Currency::EUR).amount());
    assert!(gross > 0 && cost > gross);
    // 7 × 8 hours over a full-time month of 38 × 52 / 12 = 164.67 hours: 0.34.
    assert_eq!(f.fte, Decimal::new(34, 2));
    assert_eq!(f.fund.balance.to_string().split('.').nth(1).map(str::len), Some(2));

    // Unchanged figures: same revision, nothing to send.
    let txn = node.store.write().await.unwrap();
    let again = figures::publish(&*txn, &node, june).await.unwrap();
    txn.commit().await.unwrap();
    assert!(!again.changed);
    assert_eq!(again.figures, first.figures);
    assert_eq!(period_events(&node).await.len(), 1, "unchanged figures are not sent again");

    // A new courier's invoice changes June: revision 2.
    couriers(&node, client, 7, 1).await;
    let txn = node.store.write().await.unwrap();
    let second = figures::publish(&*txn, &node, june).await.unwrap();
    txn.commit().await.unwrap();
    assert!(second.changed);
    assert_eq!(second.figures.revision, 2);
    assert_eq!(second.figures.sectors.other.turnover_excl_vat, Decimal::new(120_000, 2));
    assert_eq!(second.figures.members_active, 8);
    // Its outbox row is the revision as recorded, the event HQ receives.
    let sent = period_events(&node).await;
    assert_eq!(sent.len(), 2);
    let event = partage_federation::Event::decode(&sent[1].kind, sent[1].version, &sent[1].body).unwrap();
    assert_eq!(event, partage_federation::Event::PeriodFigures(second.figures.clone()));

    // May had nothing.
    let may = figures::compute(node.store.db(), &node, "2026-05".parse().unwrap()).await.unwrap();
    assert_eq!((may.members_active, may.sectors.other.people), (0, 0));
    assert_eq!(may.sectors.other.turnover_excl_vat.to_string(), "0.00");

    // HQ consolidates them; its database holds no person's data.
    let hq_dir = tempfile_dir();
    let hq_file = hq_dir.join("hq.sqlite");
    let hq = partage_hq::HqStore::open(&format!("sqlite://{}?mode=rwc", hq_file.display()), None).await.unwrap();
    let key = partage_hq::NodeKey::generate();
    let request = partage_hq::enrol::request(&key, "be", "https://hq.example", "2026-06-30T00:00:00Z").unwrap();
    partage_hq::enrol::accept(&hq, &request, "2026-06-30T00:00:00Z").await.unwrap();
    // What the relay would publish: each outbox row, enveloped and signed by the node's key.
    let be = partage_federation::NodeId::new("be").unwrap();
    let signing = key.federation_key(be.clone()).unwrap();
    for row in partage::storage::outbox::after(node.store.db(), 0, 1_000).await.unwrap() {
        let envelope = partage_federation::Envelope::from_parts(
            be.clone(),
            row.seq,
            row.occurred_at,
            &row.kind,
            row.version,
            row.body.clone(),
        );
        let message = partage_hq::Message::from_signed(&envelope.sign(&signing).unwrap());
        let outcome = partage_hq::receive(&hq, &message).await;
        // HQ takes the figures and refuses the node's movements (never its business).
        assert_eq!(outcome.is_ok(), row.kind == "period.figures", "{}: {outcome:?}", row.kind);
    }
    let report = partage_hq::report::build(&hq, "2026-06", Decimal::ONE).await.unwrap();
    assert_eq!(report.total.sectors[2].turnover_excl_vat, Some(Decimal::new(120_000, 2)));
    hq.db().clone().close().await.unwrap();
    // Every file HQ keeps: the database and, in WAL mode, its log, which may still hold
    // the last commits when the pool closes without a checkpoint.
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(&hq_dir).unwrap() {
        bytes.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    let text = String::from_utf8_lossy(&bytes);
    let members = partage::storage::entities::member::Entity::find().all(node.store.db()).await.unwrap();
    assert_eq!(members.len(), 8);
    for m in &members {
        let national = m.national_id.clone().unwrap();
        let iban = m.iban.clone().unwrap();
        for personal in [&m.first_name, &m.email, &national, &iban] {
            assert!(!text.contains(personal.as_str()), "HQ's database holds {personal}");
        }
        assert!(!text.contains(&m.id.to_string()), "HQ's database holds a member id");
    }
    // The scan finds what is there: the node's code and figures.
    assert!(text.contains("1200.00"));
    let _ = std::fs::remove_dir_all(&hq_dir);
}

async fn endow(node: &Node, on: chrono::NaiveDate, minor: i64) {
    let txn = node.store.write().await.unwrap();
    let endowed = partage_core::ledger::fund_endowed(on, "reserve", Money::from_minor(minor, Currency::EUR)).unwrap();
    ledger::post(&*txn, &endowed, None).await.unwrap();
    txn.commit().await.unwrap();
}

async fn pay_month(node: &Node, month: &str) {
    let txn = node.store.write().await.unwrap();
    let (run, _) = payroll::start(&*txn, month, None, node.today(), node.now()).await.unwrap();
    txn.commit().await.unwrap();
    payroll::process(node, run.id).await.unwrap();
}

async fn a_past_months_fund_is_as_it_stood_at_its_end_so_later_movements_do_not_send_it_again(db: Db) {
    use partage::storage::entities::{fund_movement, journal_line};
    let place = Place::new(db);
    let node = Node::open(place.settings_at("2026-06-30")).await.unwrap();
    endow(&node, day(1), 100_000).await;
    let client = drill::business_client(&node, "Fast Meals Platform SA", "BE0403170701").await.unwrap();
    couriers(&node, client, 0, 7).await;
    pay_month(&node, "2026-06").await;
    let june: Month = "2026-06".parse().unwrap();
    let at_june_end = figures::compute(node.store.db(), &node, june).await.unwrap();
    // Unpaid invoices: the couriers' wages were advanced by the fund.
    assert!(at_june_end.fund.open_advances > Decimal::ZERO, "{:?}", at_june_end.fund);

    // June's fund, summed straight from its rows dated up to 30 June: the fund account's
    // journal lines (credits grow it) and the advances less recoveries and losses.
    let db = node.store.db();
    let to_june_end = |d: Option<chrono::NaiveDate>| d.is_some_and(|d| d <= day(30));
    let lines: i64 = journal_line::Entity::find()
        .all(db)
        .await
        .unwrap()
        .iter()
        .filter(|l| l.account == "guarantee_fund" && to_june_end(l.entry_date))
        .map(|l| l.amount_minor)
        .sum();
    let open: i64 = fund_movement::Entity::find()
        .all(db)
        .await
        .unwrap()
        .iter()
        .filter(|m| to_june_end(Some(m.movement_date)))
        .map(|m| if m.kind == "advance" { m.amount_minor } else { -m.amount_minor })
        .sum();
    assert_eq!(at_june_end.fund.balance, Money::from_minor(-lines, Currency::EUR).amount());
    assert_eq!(at_june_end.fund.open_advances, Money::from_minor(open, Currency::EUR).amount());

    // July: the fund is endowed again and advances July's wages, on the node's July clock.
    drop(node);
    let node = Node::open(place.settings_at("2026-07-31")).await.unwrap();
    let txn = node.store.write().await.unwrap();
    let published = figures::publish(&*txn, &node, june).await.unwrap();
    txn.commit().await.unwrap();
    let june_events = |rows: Vec<partage_federation::relay::OutboxRow>| {
        rows.into_iter().filter(|r| r.body["period"] == "2026-06").count()
    };
    let june_sent = june_events(period_events(&node).await);
    endow(&node, chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(), 50_000).await;
    couriers_in(&node, client, 7, 3, 7).await;
    pay_month(&node, "2026-07").await;
    let july = figures::compute(node.store.db(), &node, "2026-07".parse().unwrap()).await.unwrap();
    assert!(july.fund.open_advances > at_june_end.fund.open_advances, "{:?}", july.fund);
    assert_ne!(july.fund.balance, at_june_end.fund.balance);

    // June is as it stood: publishing it again makes no revision and sends nothing.
    let txn = node.store.write().await.unwrap();
    let again = figures::publish(&*txn, &node, june).await.unwrap();
    txn.commit().await.unwrap();
    assert!(!again.changed, "June moved: {:?} -> {:?}", published.figures.fund, again.figures.fund);
    assert_eq!(again.figures.fund, at_june_end.fund);
    assert_eq!(june_events(period_events(&node).await), june_sent);
}

/// The node's outbox rows of period figures, in order.
async fn period_events(node: &Node) -> Vec<partage_federation::relay::OutboxRow> {
    let rows = partage::storage::outbox::after(node.store.db(), 0, 1_000).await.unwrap();
    rows.into_iter().filter(|r| r.kind == "period.figures").collect()
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("partage-hq-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

on_both_databases!(
    a_months_figures_are_its_members_invoices_and_payslips_and_a_new_revision_only_when_they_change,
    a_past_months_fund_is_as_it_stood_at_its_end_so_later_movements_do_not_send_it_again,
);
