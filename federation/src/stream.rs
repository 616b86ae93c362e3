//! The JetStream streams of the federation (docs/research/federation.md §6.2).
//!
//! Each node's server holds `NODE_<CC>` (subjects `partage.<cc>.>`), written
//! only by the node's relay; HQ's server sources every node's stream over the
//! leaf link into one stream of its own. A node stream is never re-created on
//! purpose: a source at HQ asks for the old sequence and stalls
//! (nats-server issue #6206).

use crate::NodeId;
use async_nats::jetstream::stream::{Config, DiscardPolicy, External, RetentionPolicy, Source, StorageType};
use async_nats::jetstream::{self, Context};
use std::time::Duration;

/// How long a node keeps its events, and how much of them.
#[derive(Clone, Debug)]
pub struct NodeStreamLimits {
    /// Oldest event kept: longer than any outage HQ must ride out.
    pub max_age: Duration,
    /// Bytes kept (-1: no limit). A full stream refuses new events (`discard: new`): the outbox keeps them.
    pub max_bytes: i64,
    /// Window in which JetStream drops a second message with the same event id.
    pub duplicate_window: Duration,
}

impl Default for NodeStreamLimits {
    fn default() -> Self {
        // 400 days: a year's periods plus a margin; 7 days: longer than any
        // relay retry, so a relay crash never stores an event twice.
        NodeStreamLimits {
            max_age: Duration::from_secs(400 * 86_400),
            max_bytes: -1,
            duplicate_window: Duration::from_secs(7 * 86_400),
        }
    }
}

/// The configuration of a node's own stream.
pub fn node_stream(node: &NodeId, limits: &NodeStreamLimits) -> Config {
    Config {
        name: node.stream(),
        subjects: vec![node.subjects()],
        retention: RetentionPolicy::Limits,
        storage: StorageType::File,
        max_age: limits.max_age,
        max_bytes: limits.max_bytes,
        // Dropping the oldest unsourced events would lose them: refuse new ones.
        discard: DiscardPolicy::New,
        duplicate_window: limits.duplicate_window,
        deny_delete: true,
        deny_purge: true,
        description: Some(format!("events of node {node}, in outbox order")),
        ..Default::default()
    }
}

/// Gets the node's stream, creating it when absent (never replacing it).
pub async fn ensure_node_stream(
    js: &Context,
    node: &NodeId,
    limits: &NodeStreamLimits,
) -> Result<jetstream::stream::Stream, async_nats::Error> {
    Ok(js.get_or_create_stream(node_stream(node, limits)).await?)
}

/// HQ's stream sourcing `nodes`' streams, each under `partage.<cc>.<tail>`
/// (`>` for everything, `agg.>` for aggregates only).
pub fn hq_stream(name: &str, nodes: &[NodeId], tail: &str) -> Config {
    let sources = nodes
        .iter()
        .map(|node| Source {
            name: node.stream(),
            filter_subject: Some(format!("{}.{node}.{tail}", crate::SUBJECT_ROOT)),
            // `external`, not `domain`: an update would drop a `domain`
            // (docs/research/federation.md §2), and the delivery prefix lets the
            // hub's permissions give each node its own delivery subjects.
            external: Some(External {
                api_prefix: format!("$JS.{node}.API"),
                delivery_prefix: Some(format!("hqsrc.{node}")),
            }),
            ..Default::default()
        })
        .collect();
    Config {
        name: name.to_owned(),
        retention: RetentionPolicy::Limits,
        storage: StorageType::File,
        sources: Some(sources),
        description: Some("every node's events, sourced over the leaf links".to_owned()),
        ..Default::default()
    }
}

/// A node's inbox (docs/research/federation.md §6.2): `INBOX_<ME>` has no subjects of
/// its own and sources, from each peer's `NODE_<X>`, only what that peer addressed to
/// this node (`partage.<x>.mob.<me>.>`), through the peer's domain and a delivery prefix
/// of its own (`nsrc.<me>.<x>`), which the hub's permissions let only the peer send and
/// only this node receive. A message of the mobility class is sealed end to end: the
/// hub forwards it, never stores it.
pub fn inbox_stream(me: &NodeId, peers: &[NodeId]) -> Config {
    let sources = peers
        .iter()
        .filter(|p| *p != me && **p != NodeId::hq())
        .map(|peer| Source {
            name: peer.stream(),
            filter_subject: Some(format!("{}.{peer}.mob.{me}.>", crate::SUBJECT_ROOT)),
            external: Some(External {
                api_prefix: format!("$JS.{peer}.API"),
                delivery_prefix: Some(format!("nsrc.{me}.{peer}")),
            }),
            ..Default::default()
        })
        .collect();
    Config {
        name: me.inbox_stream(),
        retention: RetentionPolicy::Limits,
        storage: StorageType::File,
        sources: Some(sources),
        description: Some(format!("what other nodes address to {me}")),
        ..Default::default()
    }
}

/// Makes HQ's stream set up each source again now, instead of at the end of
/// nats-server's retry backoff (10 s, then 20 s...: `calculateRetryBackoff`),
/// which after a hub restart leaves HQ 30-40 s behind links that are long back.
/// Each source is removed and added back in turn; an added source resumes after
/// the last message the stream holds from it, so nothing is copied twice.
pub async fn resume_sources(js: &Context, name: &str) -> Result<(), async_nats::Error> {
    let mut stream = js.get_stream(name).await?;
    let config = stream.info().await?.config.clone();
    let names: Vec<String> = config.sources.iter().flatten().map(|s| s.name.clone()).collect();
    resume(js, &config, &names).await
}

/// The sources of `info` that have not been heard from for `after` (or ever): a link that
/// was down, whose source nats-server only tries again at the end of its backoff.
pub fn stalled_sources(info: &async_nats::jetstream::stream::Info, after: Duration) -> Vec<String> {
    info.sources.iter().filter(|s| s.active.is_none_or(|a| a > after)).map(|s| s.name.clone()).collect()
}

/// [`resume_sources`] for the sources named `names` only (a healthy source is left alone).
pub async fn resume_stalled(js: &Context, name: &str, after: Duration) -> Result<Vec<String>, async_nats::Error> {
    let mut stream = js.get_stream(name).await?;
    let info = stream.info().await?;
    let stalled = stalled_sources(info, after);
    resume(js, &info.config, &stalled).await?;
    Ok(stalled)
}

/// What [`repair_sources`] put right in a stream's configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Repaired {
    /// The sources it should have had and did not, added back (their stream names).
    pub added: Vec<String>,
    /// Whether it still listened on [`placeholder_subject`], now dropped.
    pub placeholder_removed: bool,
}

impl Repaired {
    /// Nothing was amiss.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && !self.placeholder_removed
    }
}

/// `config` (the stream's configuration as it is) with every source of `expected` it lacks
/// added back and [`placeholder_subject`] dropped, and what that changes; `None` when
/// nothing is amiss. A source is missing when no source of `config` has its name; the
/// sources `config` has beyond `expected`'s, and all its other settings, are kept.
pub fn repaired_config(config: &Config, expected: &Config) -> Option<(Config, Repaired)> {
    let mut fixed = config.clone();
    let have: Vec<String> = config.sources.iter().flatten().map(|s| s.name.clone()).collect();
    let missing: Vec<Source> = expected.sources.iter().flatten().filter(|s| !have.contains(&s.name)).cloned().collect();
    let placeholder = placeholder_subject(&config.name);
    let repaired = Repaired {
        added: missing.iter().map(|s| s.name.clone()).collect(),
        placeholder_removed: config.subjects.contains(&placeholder),
    };
    if repaired.is_empty() {
        return None;
    }
    fixed.subjects.retain(|s| s != &placeholder);
    fixed.sources.get_or_insert_with(Vec::new).extend(missing);
    Some((fixed, repaired))
}

/// Puts back the sources of `expected` (`hq_stream`'s or `inbox_stream`'s configuration)
/// that `expected.name`'s stream lacks and drops a leftover [`placeholder_subject`], in one
/// update: what a [`resume`] interrupted between its two updates (the server gone, a
/// timeout, the process killed) leaves behind, a stream that no longer copies from that
/// source, or only listens on the placeholder. A source added back resumes after the last
/// message the stream holds from it (nats-server finds it by the `Nats-Stream-Source`
/// header the copied messages carry, which names the source's stream, API prefix and filter,
/// all unchanged): nothing is copied twice, nothing is lost while the node's stream keeps it.
pub async fn repair_sources(js: &Context, expected: &Config) -> Result<Repaired, async_nats::Error> {
    let mut stream = js.get_stream(expected.name.as_str()).await?;
    let config = stream.info().await?.config.clone();
    match repaired_config(&config, expected) {
        None => Ok(Repaired::default()),
        Some((fixed, repaired)) => {
            js.update_stream(fixed).await?;
            Ok(repaired)
        }
    }
}

/// What one look of [`supervise_sources`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Supervised {
    /// What the stream's configuration lacked and was given back.
    pub repaired: Repaired,
    /// The stalled sources set up again.
    pub resumed: Vec<String>,
}

/// One look of a stream's supervisor (HQ's consolidator at each look, and at its start):
/// first [`repair_sources`] against `expected`, then [`resume_stalled`] for the sources not
/// heard from for `after`, but for a source just added back, which is being set up already.
/// Repairing first heals what a previous look's [`resume`] left half done.
pub async fn supervise_sources(
    js: &Context,
    expected: &Config,
    after: Duration,
) -> Result<Supervised, async_nats::Error> {
    let repaired = repair_sources(js, expected).await?;
    let mut stream = js.get_stream(expected.name.as_str()).await?;
    let info = stream.info().await?;
    let stalled: Vec<String> =
        stalled_sources(info, after).into_iter().filter(|s| !repaired.added.contains(s)).collect();
    resume(js, &info.config, &stalled).await?;
    Ok(Supervised { repaired, resumed: stalled })
}

/// The subject a stream without subjects of its own listens on while its only source is
/// removed and added back ([`resume`]): nats-server refuses a stream with neither subjects nor
/// sources. Nothing publishes there, and no other stream's subjects overlap it.
pub fn placeholder_subject(stream: &str) -> String {
    format!("partage_resume.{stream}")
}

/// Removes each source named in `names` from `config`'s stream and adds it back, in turn.
///
/// nats-server 2.15 restarts a source's consumer only when the source leaves the stream's
/// configuration and comes back (`stream.update`: a source whose index name, its stream, API
/// prefix and filter, is already there is left as it is). Changing the source "harmlessly"
/// would not do: any change that makes it new changes that index name, which the `Nats-Stream-Source`
/// header of every message copied from it carries, so the new source would find none of them
/// and copy the whole node stream again. Added back unchanged, a source resumes after the last
/// message the stream holds from it: nothing is copied twice. A stream whose only source is
/// resumed (an HQ with one office, a node with one peer) listens on [`placeholder_subject`]
/// meanwhile, and drops it when the source is back.
///
/// The two updates are not atomic: if the second fails (the server gone, a timeout, this
/// process killed in between), the stream stays without that source, or with only the
/// placeholder, and nats-server never puts it back by itself. [`repair_sources`], run by
/// whoever supervises the stream ([`supervise_sources`]) at start and at each look, finds it
/// by comparing the stream's sources with the expected configuration and adds it back.
async fn resume(js: &Context, config: &Config, names: &[String]) -> Result<(), async_nats::Error> {
    let sources = config.sources.clone().unwrap_or_default();
    for name in names {
        let mut without = config.clone();
        without.sources = Some(sources.iter().filter(|s| &s.name != name).cloned().collect());
        if without.subjects.is_empty() && without.sources.as_ref().is_none_or(Vec::is_empty) {
            without.subjects = vec![placeholder_subject(&config.name)];
        }
        js.update_stream(without).await?;
        js.update_stream(config.clone()).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_node_stream_refuses_rather_than_drops_and_cannot_be_purged() {
        let c = node_stream(&NodeId::new("be").unwrap(), &NodeStreamLimits::default());
        assert_eq!(c.subjects, vec!["partage.be.>".to_owned()]);
        assert_eq!(c.discard, DiscardPolicy::New);
        assert!(c.deny_purge && c.deny_delete);
        assert!(c.duplicate_window >= Duration::from_secs(86_400));
    }

    #[test]
    fn a_nodes_inbox_sources_only_what_each_peer_addressed_to_it() {
        let node = |id: &str| NodeId::new(id).unwrap();
        let c = inbox_stream(&node("fr"), &[node("be"), node("fr"), node("hq"), node("nl")]);
        assert_eq!(c.name, "INBOX_FR");
        let s = c.sources.unwrap();
        let filters: Vec<_> = s.iter().map(|s| s.filter_subject.clone().unwrap()).collect();
        assert_eq!(filters, vec!["partage.be.mob.fr.>", "partage.nl.mob.fr.>"]);
        let ext = s.first().and_then(|s| s.external.clone()).unwrap();
        assert_eq!((ext.api_prefix.as_str(), ext.delivery_prefix.as_deref()), ("$JS.be.API", Some("nsrc.fr.be")));
    }

    #[test]
    fn the_placeholder_subject_is_no_node_s_and_no_api_s() {
        let s = placeholder_subject("HQ_EVENTS");
        assert_eq!(s, "partage_resume.HQ_EVENTS");
        assert!(!s.starts_with(&format!("{}.", crate::SUBJECT_ROOT)) && !s.starts_with('$'));
    }

    fn names(c: &Config) -> Vec<String> {
        c.sources.iter().flatten().map(|s| s.name.clone()).collect()
    }

    #[test]
    fn a_stream_left_without_a_source_by_a_half_done_resume_gets_it_back_and_keeps_the_rest() {
        let nodes = [NodeId::new("be").unwrap(), NodeId::new("fr").unwrap()];
        let expected = hq_stream("HQ_AGG", &nodes, "agg.>");
        let mut half = expected.clone();
        half.sources = Some(expected.sources.clone().unwrap().into_iter().skip(1).collect());
        half.max_messages = 1_000;
        let (fixed, repaired) = repaired_config(&half, &expected).unwrap();
        assert_eq!(repaired, Repaired { added: vec!["NODE_BE".to_owned()], placeholder_removed: false });
        assert_eq!(names(&fixed), vec!["NODE_FR".to_owned(), "NODE_BE".to_owned()]);
        let be = fixed.sources.iter().flatten().find(|s| s.name == "NODE_BE").unwrap();
        assert_eq!(be.filter_subject.as_deref(), Some("partage.be.agg.>"), "added back unchanged");
        assert_eq!(be.external, expected.sources.as_ref().unwrap()[0].external);
        assert_eq!(fixed.max_messages, 1_000, "the stream's other settings kept");
    }

    #[test]
    fn a_stream_left_on_the_placeholder_gets_its_only_source_back_and_drops_the_placeholder() {
        let expected = inbox_stream(&NodeId::new("fr").unwrap(), &[NodeId::new("be").unwrap()]);
        let mut half = expected.clone();
        half.sources = Some(Vec::new());
        half.subjects = vec![placeholder_subject(&expected.name)];
        let (fixed, repaired) = repaired_config(&half, &expected).unwrap();
        assert_eq!(repaired, Repaired { added: vec!["NODE_BE".to_owned()], placeholder_removed: true });
        assert!(fixed.subjects.is_empty());
        assert_eq!(names(&fixed), vec!["NODE_BE".to_owned()]);
        // Its source back but the placeholder left: only the placeholder goes.
        let mut left = expected.clone();
        left.subjects = vec![placeholder_subject(&expected.name)];
        let (fixed, repaired) = repaired_config(&left, &expected).unwrap();
        assert_eq!(repaired, Repaired { added: vec![], placeholder_removed: true });
        assert_eq!((fixed.subjects.len(), names(&fixed)), (0, vec!["NODE_BE".to_owned()]));
    }

    #[test]
    fn a_whole_stream_or_one_with_more_sources_needs_no_repair() {
        let nodes = [NodeId::new("be").unwrap(), NodeId::new("fr").unwrap()];
        let expected = hq_stream("HQ_AGG", &nodes, "agg.>");
        assert_eq!(repaired_config(&expected, &expected), None);
        let fewer = hq_stream("HQ_AGG", &nodes[..1], "agg.>");
        assert_eq!(repaired_config(&expected, &fewer), None, "an extra source is not the repair's to remove");
    }

    #[test]
    fn hq_sources_each_node_through_its_domain_and_delivery_prefix() {
        let c = hq_stream("HQ_EVENTS", &[NodeId::new("fr").unwrap()], ">");
        let s = c.sources.unwrap();
        let ext = s.first().and_then(|s| s.external.clone()).unwrap();
        assert_eq!(ext.api_prefix, "$JS.fr.API");
        assert_eq!(ext.delivery_prefix.as_deref(), Some("hqsrc.fr"));
        assert_eq!(s.first().unwrap().filter_subject.as_deref(), Some("partage.fr.>"));
    }
}
