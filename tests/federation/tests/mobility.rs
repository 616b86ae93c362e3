//! Node-to-node messages over real nats-server processes (docs/research/federation.md §6.2):
//! a node's inbox stream sources from each peer only what that peer addressed to it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use partage_federation::stream::{ensure_node_stream, inbox_stream, NodeStreamLimits};
use partage_federation::NodeId;
use partage_federation_tests::{eventually, Federation};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(20);

async fn count(js: &async_nats::jetstream::Context, stream: &str) -> u64 {
    match js.get_stream(stream).await {
        Ok(mut s) => s.info().await.map(|i| i.state.messages).unwrap_or(0),
        Err(_) => 0,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nodes_inbox_receives_what_a_peer_addressed_to_it_and_nothing_else() {
    let fed = Federation::start(&["be", "fr", "nl"]).await;
    let nodes: Vec<NodeId> = ["be", "fr", "nl"].iter().map(|n| NodeId::new(n).unwrap()).collect();
    let (be, fr) = (fed.node_js("be").await, fed.node_js("fr").await);
    ensure_node_stream(&be, &nodes[0], &NodeStreamLimits::default()).await.unwrap();
    ensure_node_stream(&fed.node_js("nl").await, &nodes[2], &NodeStreamLimits::default()).await.unwrap();
    fr.get_or_create_stream(inbox_stream(&nodes[1], &nodes)).await.unwrap();
    // fr also tries to source the whole of be's stream: the hub lets no such consumer be made.
    let mut snoop = inbox_stream(&nodes[1], &nodes[..1]);
    snoop.name = "SNOOP".into();
    if let Some(s) = snoop.sources.as_mut().and_then(|s| s.first_mut()) {
        s.filter_subject = Some("partage.be.>".into());
    }
    fr.get_or_create_stream(snoop).await.unwrap();
    for subject in ["partage.be.mob.fr.t1.offer", "partage.be.mob.nl.t2.offer", "partage.be.ev.fund.moved"] {
        be.publish(subject, "x".into()).await.unwrap().await.unwrap();
    }
    eventually(LIMIT, "be's offer to fr in INBOX_FR", || {
        let fr = fr.clone();
        async move { count(&fr, "INBOX_FR").await == 1 }
    })
    .await;
    // Nothing else arrives: not be's message to nl, not its own events.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(count(&fr, "INBOX_FR").await, 1);
    assert_eq!(count(&fr, "SNOOP").await, 0, "a consumer of be's stream beyond what is addressed to fr");
    let inbox = fr.get_stream("INBOX_FR").await.unwrap();
    let m = inbox.get_raw_message(1).await.unwrap();
    assert_eq!(m.subject.as_str(), "partage.be.mob.fr.t1.offer");
    // nl's node may not publish under be's subjects (the leaf refuses it).
    let nl = fed.node_js("nl").await;
    assert!(nl.publish("partage.be.mob.fr.t3.accept", "x".into()).await.unwrap().await.is_err());
}
