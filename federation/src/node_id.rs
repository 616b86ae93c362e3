//! A node's identifier: a subject token, a JetStream domain and a user name at once.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A federation member: `hq` or an office's lowercase code (`be`, `fr`...).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NodeId(String);

/// A node id that cannot be a subject token or a JetStream domain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("node id {0:?} must be 2 to 16 lowercase ASCII letters or digits")]
pub struct NodeIdError(pub String);

impl NodeId {
    /// Checks that `id` is usable as a subject token, domain and user name.
    pub fn new(id: &str) -> Result<Self, NodeIdError> {
        // A dot, `*` or `>` would change what a subject or permission matches.
        let ok = (2..=16).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if ok {
            Ok(NodeId(id.to_owned()))
        } else {
            Err(NodeIdError(id.to_owned()))
        }
    }

    /// HQ's id.
    pub fn hq() -> Self {
        NodeId("hq".to_owned())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The node's stream (`NODE_BE`): every event it publishes.
    pub fn stream(&self) -> String {
        format!("NODE_{}", self.0.to_ascii_uppercase())
    }

    /// The node's inbox stream (`INBOX_FR`): what other nodes address to it.
    pub fn inbox_stream(&self) -> String {
        format!("INBOX_{}", self.0.to_ascii_uppercase())
    }

    /// Every subject the node may publish under (`partage.be.>`).
    pub fn subjects(&self) -> String {
        format!("{}.{}.>", crate::SUBJECT_ROOT, self.0)
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for NodeId {
    type Err = NodeIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        NodeId::new(s)
    }
}

impl TryFrom<String> for NodeId {
    type Error = NodeIdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        NodeId::new(&s)
    }
}

impl From<NodeId> for String {
    fn from(id: NodeId) -> String {
        id.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_node_id_cannot_widen_a_subject() {
        for bad in ["b", "be.fr", "be*", ">", "BE", "b e", "abcdefghijklmnopq"] {
            assert!(NodeId::new(bad).is_err(), "{bad} accepted");
        }
        assert_eq!(NodeId::new("be").map(|n| n.stream()), Ok("NODE_BE".to_owned()));
        assert_eq!(NodeId::hq().subjects(), "partage.hq.>");
    }
}
