//! Migration `m0037_parked_retry`; the doc of its struct below says what it changes and why.

use super::*;

/// What a parked message needs to be retried (`service::parked`): `signature`, the
/// `Partage-Sig` header it came with (the payload is now kept as the exact bytes signed), so
/// it can be verified again against the peers file of the day; `event_id`, set when the
/// message was parked after its inbox row was written (a verified message the node would
/// not apply): that row is the parked message's, and a retry applies it without a second
/// one, exactly once; `waits_for`, the posting notice an amendment or a cancel names that
/// the host did not hold yet, replayed when the notice is stored (indexed: every stored
/// notice looks); `retried_at`, the last retry that left it parked. Rows parked before
/// have none: they cannot be verified again, only dismissed.
pub(super) struct M0037ParkedRetry;

impl MigrationName for M0037ParkedRetry {
    fn name(&self) -> &str {
        "m0037_parked_retry"
    }
}

fn columns() -> [ColumnDef; 4] {
    [
        opt_text("signature"),
        opt_text("event_id"),
        ColumnDef::new(Alias::new("waits_for")).uuid().null().to_owned(),
        ColumnDef::new(Alias::new("retried_at")).timestamp_with_time_zone().null().to_owned(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for M0037ParkedRetry {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column a statement: SQLite adds one at a time.
        for c in columns() {
            m.alter_table(Table::alter().table(Alias::new("inbox_parked")).add_column(c).to_owned()).await?;
        }
        m.create_index(index("inbox_parked_waits_for", "inbox_parked", &["waits_for"])).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("inbox_parked_waits_for").table(Alias::new("inbox_parked")).to_owned()).await?;
        for c in ["retried_at", "waits_for", "event_id", "signature"] {
            m.alter_table(Table::alter().table(Alias::new("inbox_parked")).drop_column(Alias::new(c)).to_owned())
                .await?;
        }
        Ok(())
    }
}
