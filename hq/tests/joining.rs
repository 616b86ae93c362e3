//! Joining: `partage init` makes a node's files and request, `partage hq enrol`
//! accepts it, and the new office's figures reach the group report with no other step.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

mod common;

use common::{d, figures_in, seal_with, Db};
use partage_hq::{enrol, receive, report, HqError, NodeKey, Outcome};

async fn an_initialised_node_is_enrolled_and_appears_in_the_group_report(db: Db) {
    let dir = tempfile::tempdir().unwrap();
    let files = enrol::init(dir.path(), "SE", "https://hq.partage.example", "2026-03-01T09:00:00Z").unwrap();
    let config = std::fs::read_to_string(&files.config).unwrap();
    assert!(config.contains("country = \"se\""), "{config}");
    assert!(config.contains("hq = \"https://hq.partage.example\""), "{config}");
    let leaf = std::fs::read_to_string(&files.leaf).unwrap();
    assert!(leaf.contains("domain: se") && leaf.contains("nats-leaf://hq.partage.example:7422"), "{leaf}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&files.key).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // A second init in the same place overwrites nothing.
    assert!(enrol::init(dir.path(), "se", "https://hq.partage.example", "2026-03-01T09:00:00Z").is_err());

    let store = common::store(db).await;
    let request = enrol::read_request(&files.request).unwrap();
    assert_eq!(request.claims.currency, "SEK");
    assert!(enrol::accept(&store, &request, "2026-03-01T10:00:00Z").await.unwrap());
    // Before any figures the new office is listed, with nothing as of yet.
    let empty = report::build(&store, "2026-02", d("1.00")).await.unwrap();
    assert_eq!(empty.nodes.len(), 1);
    assert_eq!((empty.nodes[0].node.as_str(), empty.nodes[0].as_of.as_deref()), ("se", None));

    // The node's relay signs with the key file init wrote, under the key id HQ enrolled.
    let written = partage_federation::NodeKey::load(&files.key).unwrap();
    assert_eq!((written.node().as_str(), written.key_id()), ("se", request.claims.key_id.as_str()));
    let mut rate = common::february_2025_rates().remove(0);
    rate.period = "2026-02".into();
    store.publish_rate(&rate).await.unwrap();
    assert_eq!(
        receive(&store, &seal_with(&written, 1, &figures_in("SEK", "2026-02", 1, 10, "111.88"))).await.unwrap(),
        Outcome::First
    );
    let report = report::build(&store, "2026-02", d("1.00")).await.unwrap();
    assert_eq!(report.nodes[0].sectors[0].turnover_excl_vat, Some(d("10.00")));
}

async fn an_enrolment_request_not_signed_by_its_key_or_for_another_currency_is_refused(db: Db) {
    let store = common::store(db).await;
    let key = NodeKey::generate();
    let mut request = enrol::request(&key, "hu", "https://hq.example", "2026-03-01T00:00:00Z").unwrap();
    let mut other_currency = request.clone();
    other_currency.claims.currency = "EUR".into();
    let mut swapped_key = request.clone();
    swapped_key.claims.public_key = NodeKey::generate().public_base64();
    let mut resigned = request.clone();
    resigned.signature = NodeKey::generate().sign(b"anything");
    let unknown = enrol::request(&key, "xx", "https://hq.example", "2026-03-01T00:00:00Z");
    assert!(matches!(unknown, Err(HqError::Enrolment(_))));
    for bad in [other_currency, swapped_key, resigned] {
        assert!(matches!(enrol::accept(&store, &bad, "now").await, Err(HqError::Enrolment(_))), "{bad:?}");
    }
    assert!(enrol::accept(&store, &request, "now").await.unwrap());
    // The same node with another key: refused, rotation is a decision, not a side effect.
    request = enrol::request(&NodeKey::generate(), "hu", "https://hq.example", "2026-03-02T00:00:00Z").unwrap();
    assert!(matches!(enrol::accept(&store, &request, "now").await, Err(HqError::AlreadyEnrolled(_))));
}

on_both_databases!(
    an_initialised_node_is_enrolled_and_appears_in_the_group_report,
    an_enrolment_request_not_signed_by_its_key_or_for_another_currency_is_refused,
);
