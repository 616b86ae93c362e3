//! Migration `m0032_invoices_activity_latest`; the doc of its struct below says what it changes and why.

use super::*;

/// Invoices' index on `activity_id` becomes one on `(activity_id, id)`: a member's pages read
/// their latest invoices per activity (`invoices::latest_of_activities`) and the API pages an
/// activity's invoices newest first, both `ORDER BY id DESC LIMIT n` under one activity,
/// which this index answers by reading n entries, where the index on `activity_id` alone
/// read every invoice of the activity to sort them. It serves every query the old one did
/// (its first column), so the old one goes: an invoice still writes one index entry for it.
pub(super) struct M0032InvoicesActivityLatest;

impl MigrationName for M0032InvoicesActivityLatest {
    fn name(&self) -> &str {
        "m0032_invoices_activity_latest"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0032InvoicesActivityLatest {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index("invoices_activity_latest", "invoices", &["activity_id", "id"])).await?;
        m.drop_index(Index::drop().name("invoices_activity").table(Alias::new("invoices")).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index("invoices_activity", "invoices", &["activity_id"])).await?;
        m.drop_index(Index::drop().name("invoices_activity_latest").table(Alias::new("invoices")).to_owned()).await
    }
}
