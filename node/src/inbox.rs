//! The node's inbox: what other nodes send it (a transfer's steps, posting notices),
//! verified by the federation's receiver and applied here once, with the inbox row, in one
//! transaction. What it does not apply is parked (`service::parked`: listed, retried, dismissed).

use crate::service::parked::receive;
use crate::service::transfers::Received;
use crate::service::Node;
use crate::storage::parked::{self, NewParked};
use futures::future::BoxFuture;
use partage_federation::envelope::{Refusal, Verified};
use partage_federation::receiver::{Applied, Handler, HandlerError};

/// The node's side of a [`partage_federation::receiver::Receiver`].
pub struct NodeInbox {
    node: Node,
}

impl NodeInbox {
    /// The inbox of `node`'s database.
    pub fn new(node: Node) -> Self {
        NodeInbox { node }
    }
}

impl Handler for NodeInbox {
    fn apply<'a>(&'a self, event: &'a Verified) -> BoxFuture<'a, Result<Applied, HandlerError>> {
        Box::pin(async move {
            let txn = self.node.store.write().await?;
            let received = receive(&*txn, &self.node, event).await?;
            txn.commit().await?;
            Ok(match received {
                Received::Duplicate => Applied::Duplicate,
                // Parked with its inbox row: acknowledged, applied only by a retry or a replay.
                Received::Applied | Received::Parked(_) | Received::Waiting { .. } => Applied::Applied,
            })
        })
    }

    fn refused<'a>(
        &'a self,
        subject: &'a str,
        signature: Option<&'a str>,
        refusal: &'a Refusal,
        payload: &'a [u8],
    ) -> BoxFuture<'a, Result<(), HandlerError>> {
        Box::pin(async move {
            let txn = self.node.store.write().await?;
            let reason = refusal.to_string();
            // Kept with its signature: a retry verifies it again once the peers file changed.
            let new = NewParked { subject, reason: &reason, payload, signature, event_id: None, waits_for: None };
            let id = parked::insert(&*txn, &new, self.node.instant()).await?;
            // One this build cannot read is retried by the first start of a build that reads
            // other events (`service::parked::retry_unreadable`).
            if refusal.is_unreadable() {
                parked::mark_unreadable(&*txn, id, &partage_federation::events::reads_tag()).await?;
            }
            txn.commit().await?;
            Ok(())
        })
    }
}
