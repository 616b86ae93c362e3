//! What HQ's scenario tests share: a store on SQLite or PostgreSQL, enrolled nodes
//! with their keys, and snapshots sealed as a node would.
#![allow(dead_code, missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use partage_federation::{Envelope, Event, NodeId};
use partage_hq::enrol;
use partage_hq::envelope::{Message, NodeKey};
use partage_hq::figures::{FundFigures, PeriodFigures, SectorFigures, Sectors};
use partage_hq::store::{HqStore, ReferenceRate};
use rust_decimal::Decimal;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Clone, Copy, Debug)]
pub enum Db {
    Sqlite,
    Postgres,
}

static NEXT: AtomicU64 = AtomicU64::new(0);

/// The secret of the tests' `admin` token, kept by [`admin_token`] as HQ keeps any: its hash.
#[allow(dead_code)]
pub const TOKEN: &str = "ptk_hq_tests-admin-token-0123456789";

/// Keeps [`TOKEN`] as an `admin` token of `store`, as if an operator had made it.
#[allow(dead_code)]
pub async fn admin_token(store: &HqStore) {
    let token = partage_hq::store::StoredToken {
        id: "tests-admin".into(),
        name: "tests admin".into(),
        scope: "admin".into(),
        created_by: Some("tests".into()),
        created_at: "2026-03-01T00:00:00Z".into(),
        revoked_at: None,
        last_used_at: None,
    };
    store.create_token(&token, &partage_hq::tokens::digest(TOKEN)).await.unwrap();
}

/// A fresh, empty store: an in-memory SQLite database or a new PostgreSQL schema.
pub async fn store(db: Db) -> HqStore {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let tag = format!("hq_{}_{n}", std::process::id());
    match db {
        Db::Sqlite => HqStore::open(&format!("sqlite:file:{tag}?mode=memory&cache=shared"), None).await.unwrap(),
        Db::Postgres => {
            let url = std::env::var("PARTAGE_TEST_PG_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
            let admin = sea_orm::Database::connect(&url).await.unwrap();
            use sea_orm::ConnectionTrait;
            admin.execute_unprepared(&format!("DROP SCHEMA IF EXISTS \"{tag}\" CASCADE")).await.unwrap();
            admin.close().await.unwrap();
            HqStore::open(&url, Some(&tag)).await.unwrap()
        }
    }
}

#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::common::Db::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::common::Db::Postgres).await
            }
        }
    )*};
}

/// A node with its key, enrolled at HQ.
pub struct TestNode {
    pub code: &'static str,
    pub key: NodeKey,
}

pub async fn enrolled(store: &HqStore, code: &'static str) -> TestNode {
    let key = NodeKey::generate();
    let request = enrol::request(&key, code, "https://hq.example", "2026-01-01T00:00:00Z").unwrap();
    assert!(enrol::accept(store, &request, "2026-01-01T00:00:00Z").await.unwrap());
    TestNode { code, key }
}

pub fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// Figures with one amount per sector, the rest zero.
pub fn figures(node: &TestNode, period: &str, revision: u32, members: u32, turnover: &str) -> PeriodFigures {
    figures_in(enrol::currency_of(node.code).unwrap(), period, revision, members, turnover)
}

/// [`figures`] in `currency`.
pub fn figures_in(currency: &str, period: &str, revision: u32, members: u32, turnover: &str) -> PeriodFigures {
    let sector = |t: &str| SectorFigures {
        people: members,
        turnover_excl_vat: d(t),
        payroll_mass_gross: Decimal::ZERO,
        employer_cost: Decimal::ZERO,
    };
    PeriodFigures {
        period: period.into(),
        revision,
        currency: currency.into(),
        members_active: members,
        signups: members,
        leavers: members,
        fte: d("1.50"),
        sectors: Sectors { artistic: sector(turnover), cultural_industry: sector("0.00"), other: sector("0.00") },
        fund: FundFigures { balance: d("1000.00"), open_advances: d("500.00") },
    }
}

/// The message a node sends for these figures, as its outbox event `seq`: the
/// federation's envelope, signed with the key HQ enrolled.
pub fn seal(node: &TestNode, seq: u64, figures: &PeriodFigures) -> Message {
    seal_with(&node.key.federation_key(NodeId::new(node.code).unwrap()).unwrap(), seq, figures)
}

/// [`seal`] with a federation key.
pub fn seal_with(key: &partage_federation::NodeKey, seq: u64, figures: &PeriodFigures) -> Message {
    let at = chrono::DateTime::parse_from_rfc3339(&format!("2026-03-01T00:00:{:02}Z", seq % 60)).unwrap().to_utc();
    let envelope = Envelope::new(key.node().clone(), seq, at, &Event::PeriodFigures(figures.clone()));
    Message::from_signed(&envelope.sign(key).unwrap())
}

/// ECB reference rates of 28 February 2025, the last TARGET day of February 2025
/// (SEK 11.1880, HUF 399.50), as republished from the ECB's daily table.
pub fn february_2025_rates() -> Vec<ReferenceRate> {
    let source = "ECB euro foreign exchange reference rates, 28 February 2025".to_owned();
    vec![
        ReferenceRate {
            currency: "SEK".into(),
            period: "2025-02".into(),
            version: 1,
            units_per_eur: d("11.1880"),
            rate_date: "2025-02-28".parse().unwrap(),
            source: source.clone(),
        },
        ReferenceRate {
            currency: "HUF".into(),
            period: "2025-02".into(),
            version: 1,
            units_per_eur: d("399.50"),
            rate_date: "2025-02-28".parse().unwrap(),
            source,
        },
    ]
}

/// Writes a page with the style sheet inlined to `target/screenshots/{name}.html`, for
/// `chromium --screenshot` (docs/hq.md's screenshots are taken from them).
#[allow(dead_code)]
pub fn write_for_screenshot(name: &str, html: &str) {
    let css = include_str!("../../../node/static/app.css");
    let html = html.replace("<link rel=\"stylesheet\" href=\"/static/app.css\">", &format!("<style>{css}</style>"));
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.html")), html).unwrap();
}
