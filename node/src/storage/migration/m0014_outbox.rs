//! Migration `m0014_outbox`; the doc of its struct below says what it changes and why.

use super::*;

/// The federation's transactional outbox and inbox.
///
/// `outbox` holds each event a business write emits, written in that write's
/// transaction, under a per-node sequence `seq` that is gapless and in commit
/// order: `outbox_sequence`'s one row is incremented in the same transaction,
/// so its row lock serialises the writers that emit events until they commit
/// (a rolled-back write gives its number back). `sent_at` is set once the
/// node's stream acknowledged the event, and `outbox_sequence.sent` is the
/// highest such sequence, read at the relay's start without a scan. `inbox` keeps the id of every event
/// applied here, in the transaction that applied it, so none is applied twice;
/// `inbox_parked` keeps messages refused or of an unknown version.
pub(super) struct M0014Outbox;

impl MigrationName for M0014Outbox {
    fn name(&self) -> &str {
        "m0014_outbox"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0014Outbox {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("outbox_sequence")
                .col(ColumnDef::new(Alias::new("id")).integer().not_null().primary_key())
                .col(ColumnDef::new(Alias::new("last")).big_integer().not_null())
                .col(ColumnDef::new(Alias::new("sent")).big_integer().not_null())
                .to_owned(),
        )
        .await?;
        let first = Query::insert()
            .into_table(Alias::new("outbox_sequence"))
            .columns([Alias::new("id"), Alias::new("last"), Alias::new("sent")])
            .values_panic([1.into(), 0i64.into(), 0i64.into()])
            .to_owned();
        m.exec_stmt(first).await?;
        m.create_table(
            table("outbox")
                .col(ColumnDef::new(Alias::new("seq")).big_integer().not_null().primary_key())
                .col(text("kind"))
                .col(int("version"))
                .col(ColumnDef::new(Alias::new("body")).text().not_null())
                .col(ColumnDef::new(Alias::new("occurred_at")).timestamp_with_time_zone().not_null())
                .col(ColumnDef::new(Alias::new("sent_at")).timestamp_with_time_zone().null())
                .to_owned(),
        )
        .await?;
        m.create_table(
            table("inbox")
                .col(ColumnDef::new(Alias::new("event_id")).string().not_null().primary_key())
                .col(text("node"))
                .col(ColumnDef::new(Alias::new("node_seq")).big_integer().not_null())
                .col(text("kind"))
                .col(ColumnDef::new(Alias::new("received_at")).timestamp_with_time_zone().not_null())
                .to_owned(),
        )
        .await?;
        m.create_table(
            table("inbox_parked")
                .col(id("id").primary_key())
                .col(text("subject"))
                .col(ColumnDef::new(Alias::new("reason")).text().not_null())
                .col(ColumnDef::new(Alias::new("payload")).text().not_null())
                .col(ColumnDef::new(Alias::new("received_at")).timestamp_with_time_zone().not_null())
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["inbox_parked", "inbox", "outbox", "outbox_sequence"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}
