//! Migration `m0006_dunning`; the doc of its struct below says what it changes and why.

use super::*;

/// Dunning: the steps sent for each overdue invoice (one per level, never twice) and the
/// advisors' status of each invoice they acted on.
pub(super) struct M0006Dunning;

impl MigrationName for M0006Dunning {
    fn name(&self) -> &str {
        "m0006_dunning"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0006Dunning {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("dunning_steps")
                .col(id("id").primary_key())
                .col(id("invoice_id"))
                .col(int("level"))
                .col(text("kind"))
                .col(date("sent_on"))
                .col(ColumnDef::new(Alias::new("by_post")).boolean().not_null())
                .col(minor("outstanding_minor"))
                .col(ColumnDef::new(Alias::new("fee_minor")).big_integer().null())
                .col(minor("interest_minor"))
                .col(opt_date("interest_from"))
                .col(ColumnDef::new(Alias::new("damages_minor")).big_integer().null())
                .col(text("currency"))
                .col(ColumnDef::new(Alias::new("source")).text().not_null())
                .col(ColumnDef::new(Alias::new("created_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(
            index("dunning_steps_invoice_level", "dunning_steps", &["invoice_id", "level"]).unique().to_owned(),
        )
        .await?;
        m.create_table(
            table("dunning_statuses")
                .col(id("invoice_id").primary_key())
                .col(text("status"))
                .col(ColumnDef::new(Alias::new("reason")).text().null())
                .col(ColumnDef::new(Alias::new("updated_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["dunning_statuses", "dunning_steps"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}
