//! Migration `m0021_expense_receipts`; the doc of its struct below says what it changes and why.

use super::*;

/// The receipt file of an expense claim: its bytes (a PDF, JPEG or PNG, checked by its first
/// bytes before it is kept), their SHA-256, media type and size, and when it came. One per claim,
/// keyed by the claim: replacing it replaces the row. A claim made before keeps its receipt's
/// reference only (`expense_claims.receipt`).
///
/// The bytes sit in the database (`BLOB` on SQLite, `bytea` on PostgreSQL) rather than in files
/// beside it, so a backup of the database holds them and a claim and its receipt commit together.
pub(super) struct M0021ExpenseReceipts;

impl MigrationName for M0021ExpenseReceipts {
    fn name(&self) -> &str {
        "m0021_expense_receipts"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0021ExpenseReceipts {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("expense_receipts")
                .col(id("claim_id").primary_key())
                .col(text("content_type"))
                .col(ColumnDef::new(Alias::new("size_bytes")).big_integer().not_null())
                // Hex of the SHA-256 of the bytes, so a copy can be checked against what was sent.
                .col(text("sha256"))
                .col(ColumnDef::new(Alias::new("bytes")).blob().not_null())
                .col(ColumnDef::new(Alias::new("uploaded_at")).date_time().not_null())
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("expense_receipts")).to_owned()).await
    }
}
