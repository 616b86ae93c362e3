//! Migration `m0002_work`; the doc of its struct below says what it changes and why.

use super::*;

/// Work declarations and their periods, employment contracts, hiring
/// declarations; the identity a hiring declaration needs on members.
pub(super) struct M0002Work;

impl MigrationName for M0002Work {
    fn name(&self) -> &str {
        "m0002_work"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0002Work {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [opt_text("national_id"), ColumnDef::new(Alias::new("birth_date")).date().null().to_owned()] {
            m.alter_table(Table::alter().table(Alias::new("members")).add_column(column).to_owned()).await?;
        }
        m.create_table(
            table("work_declarations")
                .col(id("id").primary_key())
                .col(id("activity_id"))
                .col(id("member_id"))
                .col(ColumnDef::new(Alias::new("client_id")).uuid().null())
                .col(text("function"))
                .col(text("place"))
                .col(text("work_country"))
                .col(text("risks"))
                .col(text("worker_category"))
                .col(minor("budget_minor"))
                .col(text("currency"))
                .col(text("status"))
                .col(opt_text("return_reason"))
                .col(ColumnDef::new(Alias::new("contract_id")).uuid().null())
                .col(ColumnDef::new(Alias::new("submitted_at")).date_time().not_null())
                .col(ColumnDef::new(Alias::new("decided_at")).date_time().null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("work_declarations_activity", "work_declarations", &["activity_id"])).await?;
        m.create_table(
            table("work_periods")
                .col(id("declaration_id"))
                .col(int("position"))
                .col(date("work_date"))
                .col(ColumnDef::new(Alias::new("start_time")).time().not_null())
                .col(ColumnDef::new(Alias::new("end_time")).time().not_null())
                .primary_key(Index::create().col(Alias::new("declaration_id")).col(Alias::new("position")))
                .to_owned(),
        )
        .await?;
        m.create_table(
            table("contracts")
                .col(id("id").primary_key())
                .col(id("declaration_id"))
                .col(id("member_id"))
                .col(id("activity_id"))
                .col(text("kind"))
                .col(text("worker_category"))
                .col(ColumnDef::new(Alias::new("starts_at")).date_time().not_null())
                .col(ColumnDef::new(Alias::new("ends_at")).date_time().not_null())
                .col(minor("budget_minor"))
                .col(minor("gross_minor"))
                .col(text("currency"))
                .col(text("status"))
                .col(ColumnDef::new(Alias::new("created_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("contracts_declaration", "contracts", &["declaration_id"]).unique().to_owned()).await?;
        m.create_index(index("contracts_member", "contracts", &["member_id"])).await?;
        m.create_table(
            table("hiring_declarations")
                .col(id("id").primary_key())
                .col(id("contract_id"))
                .col(text("action"))
                .col(text("format"))
                .col(ColumnDef::new(Alias::new("content")).text().not_null())
                .col(ColumnDef::new(Alias::new("declared_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("hiring_declarations_contract", "hiring_declarations", &["contract_id"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["hiring_declarations", "contracts", "work_periods", "work_declarations"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        for column in ["national_id", "birth_date"] {
            m.alter_table(Table::alter().table(Alias::new("members")).drop_column(Alias::new(column)).to_owned())
                .await?;
        }
        Ok(())
    }
}
