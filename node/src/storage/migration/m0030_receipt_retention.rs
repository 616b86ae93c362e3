//! Migration `m0030_receipt_retention`; the doc of its struct below says what it changes and why.

use super::*;

/// When a receipt file's bytes were deleted at the end of its retention (a rejected claim's
/// after `expenses.rejected_receipt_retention_days`, a repaid claim's after the years the
/// country keeps supporting documents): the row stays, with its media type, size and SHA-256,
/// so the claim still says which file it was decided on. Receipts already there are all kept.
pub(super) struct M0030ReceiptRetention;

impl MigrationName for M0030ReceiptRetention {
    fn name(&self) -> &str {
        "m0030_receipt_retention"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0030ReceiptRetention {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new("expense_receipts"))
                .add_column(ColumnDef::new(Alias::new("deleted_at")).date_time().null())
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter().table(Alias::new("expense_receipts")).drop_column(Alias::new("deleted_at")).to_owned(),
        )
        .await
    }
}
