//! An outbox and an inbox in memory, counting what happened, with crashes on demand.

use futures::future::BoxFuture;
use partage_federation::envelope::{Refusal, Verified};
use partage_federation::receiver::{Applied, Handler, HandlerError};
use partage_federation::relay::{Outbox, OutboxError, OutboxRow};
use partage_federation::Event;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// A node's outbox: rows by sequence, and the last one marked sent.
#[derive(Default)]
pub struct MemOutbox {
    rows: Mutex<Vec<OutboxRow>>,
    sent: Mutex<u64>,
    /// While set, marking rows sent fails (the relay crashed after publishing).
    pub fail_marks: AtomicBool,
}

impl MemOutbox {
    /// Appends `event` with the next sequence; returns it.
    pub fn push(&self, event: &Event) -> u64 {
        let mut rows = self.rows.lock().unwrap();
        let seq = rows.len() as u64 + 1;
        rows.push(OutboxRow {
            seq,
            kind: event.kind().to_owned(),
            version: event.version(),
            occurred_at: chrono::DateTime::from_timestamp(1_764_000_000 + seq as i64, 0).unwrap(),
            body: event.body(),
        });
        seq
    }

    /// The last sequence marked sent.
    pub fn sent(&self) -> u64 {
        *self.sent.lock().unwrap()
    }
}

impl Outbox for MemOutbox {
    fn unsent(&self, after: u64, limit: u32) -> BoxFuture<'_, Result<Vec<OutboxRow>, OutboxError>> {
        let rows: Vec<OutboxRow> =
            self.rows.lock().unwrap().iter().filter(|r| r.seq > after).take(limit as usize).cloned().collect();
        Box::pin(async move { Ok(rows) })
    }

    fn mark_sent(&self, seq: u64) -> BoxFuture<'_, Result<(), OutboxError>> {
        let result = if self.fail_marks.load(Ordering::SeqCst) {
            Err("the relay crashed before marking".into())
        } else {
            let mut sent = self.sent.lock().unwrap();
            *sent = (*sent).max(seq);
            Ok(())
        };
        Box::pin(async move { result })
    }

    fn last_sent(&self) -> BoxFuture<'_, Result<u64, OutboxError>> {
        let sent = self.sent();
        Box::pin(async move { Ok(sent) })
    }
}

/// HQ's inbox: each event id applied once, with a count of every delivery.
#[derive(Default)]
pub struct MemInbox {
    applied: Mutex<BTreeMap<String, Verified>>,
    order: Mutex<Vec<String>>,
    deliveries: Mutex<u64>,
    refused: Mutex<Vec<(String, Refusal)>>,
}

impl MemInbox {
    /// Event ids applied, in the order applied.
    pub fn order(&self) -> Vec<String> {
        self.order.lock().unwrap().clone()
    }

    /// How many distinct events were applied.
    pub fn count(&self) -> usize {
        self.applied.lock().unwrap().len()
    }

    /// How many of `node`'s events were applied.
    pub fn count_of(&self, node: &str) -> usize {
        self.applied.lock().unwrap().values().filter(|v| v.envelope.node.as_str() == node).count()
    }

    /// Every delivery, duplicates included.
    pub fn deliveries(&self) -> u64 {
        *self.deliveries.lock().unwrap()
    }

    /// What was refused.
    pub fn refused(&self) -> Vec<(String, Refusal)> {
        self.refused.lock().unwrap().clone()
    }

    /// The sum of `node`'s fund movements applied: HQ's consolidated figure, each event once.
    pub fn moved_of(&self, node: &str) -> rust_decimal::Decimal {
        let applied = self.applied.lock().unwrap();
        applied
            .values()
            .filter(|v| v.envelope.node.as_str() == node)
            .filter_map(|v| match v.envelope.event() {
                Ok(Event::FundMoved(m)) => Some(m.amount.amount),
                _ => None,
            })
            .sum()
    }

    /// `node`'s sequences applied, in the order applied.
    pub fn seqs_of(&self, node: &str) -> Vec<u64> {
        let applied = self.applied.lock().unwrap();
        self.order()
            .iter()
            .filter_map(|id| applied.get(id))
            .filter(|v| v.envelope.node.as_str() == node)
            .map(|v| v.envelope.node_seq)
            .collect()
    }
}

impl Handler for MemInbox {
    fn apply<'a>(&'a self, event: &'a Verified) -> BoxFuture<'a, Result<Applied, HandlerError>> {
        *self.deliveries.lock().unwrap() += 1;
        let mut applied = self.applied.lock().unwrap();
        let id = event.envelope.event_id.clone();
        let result = if applied.contains_key(&id) {
            Applied::Duplicate
        } else {
            applied.insert(id.clone(), event.clone());
            self.order.lock().unwrap().push(id);
            Applied::Applied
        };
        Box::pin(async move { Ok(result) })
    }

    fn refused<'a>(
        &'a self,
        subject: &'a str,
        _signature: Option<&'a str>,
        refusal: &'a Refusal,
        _payload: &'a [u8],
    ) -> BoxFuture<'a, Result<(), HandlerError>> {
        self.refused.lock().unwrap().push((subject.to_owned(), refusal.clone()));
        Box::pin(async { Ok(()) })
    }
}
