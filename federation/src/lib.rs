//! Events between Partage nodes and HQ over NATS JetStream.
//!
//! A node writes each event into its outbox in the transaction of the business
//! write; one [`relay::Relay`] per node publishes the outbox in order to the
//! node's own JetStream stream, signed with the node's ed25519 key
//! ([`keys::NodeKey`]); HQ (and other nodes) source that stream and run a
//! [`receiver::Receiver`], which checks each message against the
//! [`keys::TrustStore`] (keys enrolled at HQ, never learned from the wire) and
//! hands it to a [`receiver::Handler`] that applies it once per event id.
//! [`topology`] writes the nats-server configuration of the hub and leaves.
//!
//! This crate names no country: a node is a [`NodeId`], an event body carries
//! amounts as decimal text with their currency.

pub mod envelope;
pub mod events;
pub mod keys;
mod node_id;
pub mod posting;
pub mod receiver;
pub mod relay;
pub mod stream;
pub mod topology;
pub mod transfer;

/// The NATS client this crate speaks through, for callers to use the same version.
pub use async_nats;
pub use envelope::{Envelope, Refusal, Signed, Verified};
pub use events::{Amount, Event};
pub use keys::{NodeKey, TrustStore};
pub use node_id::{NodeId, NodeIdError};

/// The first token of every subject the federation uses.
pub const SUBJECT_ROOT: &str = "partage";
