//! Migration `m0040_inter_office`; the doc of its struct below says what it changes and why.

use super::*;

/// The other offices this office has an inter-office account with (issue 13, carried shares):
/// one row per office, written by the first carried transfer with it, in that transfer's
/// transaction. The balances are the journal's (`due_from_offices`, `due_to_offices`, keyed by
/// the office); the row is what the balance list pages over, and what a settlement locks, so
/// two settlements with one office are checked against its balance one after the other.
pub(super) struct M0040InterOffice;

impl MigrationName for M0040InterOffice {
    fn name(&self) -> &str {
        "m0040_inter_office"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0040InterOffice {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("inter_office_accounts")
                .col(text("office").primary_key())
                .col(ColumnDef::new(Alias::new("opened_at")).timestamp_with_time_zone().not_null())
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("inter_office_accounts")).to_owned()).await
    }
}
