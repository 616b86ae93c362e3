//! Migration `m0005_expenses`; the doc of its struct below says what it changes and why.

use super::*;

/// Members' expense claims: what was spent, the quantity and the rate that priced it,
/// the advisor's decision and the journal entry that repaid it.
pub(super) struct M0005Expenses;

impl MigrationName for M0005Expenses {
    fn name(&self) -> &str {
        "m0005_expenses"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0005Expenses {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("expense_claims")
                .col(id("id").primary_key())
                .col(id("activity_id"))
                .col(id("member_id"))
                .col(text("kind"))
                .col(date("claim_date"))
                .col(ColumnDef::new(Alias::new("description")).text().not_null())
                .col(opt_text("receipt"))
                // Kilometres are a decimal kept as text, so they never pass through a float.
                .col(opt_text("kilometres"))
                .col(opt_text("country"))
                .col(ColumnDef::new(Alias::new("days")).integer().null())
                .col(ColumnDef::new(Alias::new("spent_minor")).big_integer().null())
                .col(minor("amount_minor"))
                .col(text("currency"))
                .col(opt_text("rate"))
                .col(ColumnDef::new(Alias::new("rate_source")).text().null())
                .col(text("status"))
                .col(ColumnDef::new(Alias::new("reason")).text().null())
                .col(ColumnDef::new(Alias::new("submitted_at")).date_time().not_null())
                .col(ColumnDef::new(Alias::new("decided_at")).date_time().null())
                .col(ColumnDef::new(Alias::new("entry_id")).uuid().null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("expense_claims_activity", "expense_claims", &["activity_id"])).await?;
        m.create_index(index("expense_claims_status", "expense_claims", &["status", "submitted_at"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("expense_claims")).to_owned()).await
    }
}
