//! Migration `m0013_idempotency_expiry`; the doc of its struct below says what it changes and why.

use super::*;

/// An index on the idempotency keys' `created_at`: expired keys are deleted in one
/// range scan (`http::idempotency::purge_expired`), not by reading the whole table.
pub(super) struct M0013IdempotencyExpiry;

impl MigrationName for M0013IdempotencyExpiry {
    fn name(&self) -> &str {
        "m0013_idempotency_expiry"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0013IdempotencyExpiry {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index("idempotency_keys_created_at", "idempotency_keys", &["created_at"])).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("idempotency_keys_created_at").table(Alias::new("idempotency_keys")).to_owned())
            .await
    }
}
