//! Migration `m0031_fee_changes`; the doc of its struct below says what it changes and why.

use super::*;

/// The fee's schedule (`service::fee_schedule`): each row is a change an admin recorded of
/// the fee rate and the guarantee fund's share of it, in force from `valid_from` (at least
/// two days after the one it was recorded on, so no invoice already issued on a day changes
/// its fee), with who recorded it, when and why. The fee of a day is the row with the latest
/// `valid_from` on or before it (the latest `id` among rows of that day: a correction of a
/// change not yet in force), else the configuration's `[fee]`; the index serves exactly
/// that read. Rates are decimal text, as the configuration writes them.
pub(super) struct M0031FeeChanges;

impl MigrationName for M0031FeeChanges {
    fn name(&self) -> &str {
        "m0031_fee_changes"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0031FeeChanges {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("fee_changes")
                .col(id("id").primary_key())
                .col(date("valid_from"))
                .col(text("rate"))
                .col(text("fund_share"))
                .col(text("reason"))
                .col(text("changed_by"))
                .col(ColumnDef::new(Alias::new("changed_at")).timestamp_with_time_zone().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("fee_changes_valid_from", "fee_changes", &["valid_from", "id"])).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("fee_changes")).to_owned()).await
    }
}
