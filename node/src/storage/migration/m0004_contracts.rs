//! Migration `m0004_contracts`; the doc of its struct below says what it changes and why.

use super::*;

/// Stabilised monthly contracts and their year-end true-ups; payslips of more
/// than one kind per contract and month; partner platforms, their enrolled
/// workers and their batches of hours; signed order forms the fund advances on.
pub(super) struct M0004Contracts;

impl MigrationName for M0004Contracts {
    fn name(&self) -> &str {
        "m0004_contracts"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0004Contracts {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let kind =
            ColumnDef::new(Alias::new("contract_kind")).string().not_null().default("per_performance").to_owned();
        m.alter_table(Table::alter().table(Alias::new("work_declarations")).add_column(kind).to_owned()).await?;
        let framework = ColumnDef::new(Alias::new("framework_id")).uuid().null().to_owned();
        m.alter_table(Table::alter().table(Alias::new("contracts")).add_column(framework).to_owned()).await?;
        let kind = ColumnDef::new(Alias::new("kind")).string().not_null().default("regular").to_owned();
        m.alter_table(Table::alter().table(Alias::new("payslips")).add_column(kind).to_owned()).await?;
        // The NSSO's Dimona period numbers for an IN: an OUT, UPDATE or CANCEL names them.
        let acknowledged = ColumnDef::new(Alias::new("period_ids")).string().null().to_owned();
        m.alter_table(Table::alter().table(Alias::new("hiring_declarations")).add_column(acknowledged).to_owned())
            .await?;
        m.drop_index(Index::drop().name("payslips_contract_period").table(Alias::new("payslips")).to_owned()).await?;
        m.create_index(
            index("payslips_contract_period_kind", "payslips", &["contract_id", "period", "kind"]).unique().to_owned(),
        )
        .await?;
        m.create_table(
            table("true_ups")
                .col(id("id").primary_key())
                .col(id("contract_id"))
                .col(int("year"))
                .col(minor("earned_minor"))
                .col(minor("costs_minor"))
                .col(text("outcome"))
                .col(minor("amount_minor"))
                .col(text("currency"))
                .col(ColumnDef::new(Alias::new("payslip_id")).uuid().null())
                .col(ColumnDef::new(Alias::new("created_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("true_ups_contract_year", "true_ups", &["contract_id", "year"]).unique().to_owned())
            .await?;
        m.create_table(
            table("platforms")
                .col(id("id").primary_key())
                .col(text("name"))
                .col(id("client_id"))
                .col(text("token_hash"))
                .col(minor("hourly_rate_minor"))
                .col(text("currency"))
                .col(text("vat_category"))
                .col(text("worker_category"))
                .col(text("function"))
                .col(ColumnDef::new(Alias::new("created_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("platforms_token", "platforms", &["token_hash"]).unique().to_owned()).await?;
        m.create_table(
            table("platform_workers")
                .col(id("platform_id"))
                .col(text("worker_ref"))
                .col(id("member_id"))
                .col(id("activity_id"))
                .col(id("contract_id"))
                .col(ColumnDef::new(Alias::new("enrolled_at")).date_time().not_null())
                .primary_key(Index::create().col(Alias::new("platform_id")).col(Alias::new("worker_ref")))
                .to_owned(),
        )
        .await?;
        m.create_table(
            table("order_forms")
                .col(id("id").primary_key())
                .col(id("activity_id"))
                .col(id("client_id"))
                .col(text("reference"))
                .col(minor("amount_minor"))
                .col(minor("advance_minor"))
                .col(text("currency"))
                .col(date("signed_on"))
                .col(text("status"))
                .col(ColumnDef::new(Alias::new("invoice_id")).uuid().null())
                .col(ColumnDef::new(Alias::new("created_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("order_forms_activity", "order_forms", &["activity_id", "status"])).await?;
        m.create_table(
            table("platform_batches")
                .col(id("platform_id"))
                .col(text("batch_id"))
                .col(text("body_hash"))
                .col(int("accepted"))
                .col(int("rejected"))
                .col(ColumnDef::new(Alias::new("result")).text().not_null())
                .col(ColumnDef::new(Alias::new("received_at")).date_time().not_null())
                .primary_key(Index::create().col(Alias::new("platform_id")).col(Alias::new("batch_id")))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["platform_batches", "order_forms", "platform_workers", "platforms", "true_ups"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        m.drop_index(Index::drop().name("payslips_contract_period_kind").table(Alias::new("payslips")).to_owned())
            .await?;
        m.create_index(index("payslips_contract_period", "payslips", &["contract_id", "period"]).unique().to_owned())
            .await?;
        for (t, c) in [
            ("payslips", "kind"),
            ("hiring_declarations", "period_ids"),
            ("contracts", "framework_id"),
            ("work_declarations", "contract_kind"),
        ] {
            m.alter_table(Table::alter().table(Alias::new(t)).drop_column(Alias::new(c)).to_owned()).await?;
        }
        Ok(())
    }
}
