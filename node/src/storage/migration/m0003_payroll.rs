//! Migration `m0003_payroll`; the doc of its struct below says what it changes and why.

use super::*;

/// Payroll runs and payslips (with the legal sources their lines cite, stored
/// once), the guarantee fund's movements, and what payroll needs of a member:
/// household and bank account.
pub(super) struct M0003Payroll;

impl MigrationName for M0003Payroll {
    fn name(&self) -> &str {
        "m0003_payroll"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0003Payroll {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let member_columns = [
            opt_text("iban"),
            ColumnDef::new(Alias::new("family_situation")).string().not_null().default("single").to_owned(),
            int_default("children", 0),
            int_default("disabled_children", 0),
            int_default("dependants_over_65", 0),
            int_default("other_dependants", 0),
            ColumnDef::new(Alias::new("disabled")).boolean().not_null().default(false).to_owned(),
            ColumnDef::new(Alias::new("partner_disabled")).boolean().not_null().default(false).to_owned(),
        ];
        for column in member_columns {
            m.alter_table(Table::alter().table(Alias::new("members")).add_column(column).to_owned()).await?;
        }
        m.create_table(
            table("payroll_runs")
                .col(id("id").primary_key())
                .col(text("period"))
                .col(date("through"))
                .col(date("pay_date"))
                .col(text("status"))
                .col(int("payslips"))
                .col(ColumnDef::new(Alias::new("started_at")).date_time().not_null())
                .col(ColumnDef::new(Alias::new("completed_at")).date_time().null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("payroll_runs_key", "payroll_runs", &["period", "through"]).unique().to_owned()).await?;
        m.create_table(
            table("legal_sources")
                .col(ColumnDef::new(Alias::new("id")).big_integer().not_null().primary_key())
                .col(ColumnDef::new(Alias::new("text")).text().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("legal_sources_text", "legal_sources", &["text"]).unique().to_owned()).await?;
        m.create_table(
            table("payslips")
                .col(id("id").primary_key())
                .col(id("run_id"))
                .col(id("contract_id"))
                .col(id("member_id"))
                .col(id("activity_id"))
                .col(text("period"))
                .col(date("work_end"))
                .col(date("deadline"))
                .col(date("pay_date"))
                .col(text("worker_category"))
                .col(minor("gross_minor"))
                .col(minor("taxable_minor"))
                .col(minor("net_minor"))
                .col(minor("employer_cost_minor"))
                .col(text("currency"))
                .col(ColumnDef::new(Alias::new("lines")).text().not_null())
                .col(id("entry_id"))
                .col(text("status"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("payslips_contract_period", "payslips", &["contract_id", "period"]).unique().to_owned())
            .await?;
        m.create_index(index("payslips_run", "payslips", &["run_id"])).await?;
        m.create_index(index("payslips_activity", "payslips", &["activity_id"])).await?;
        m.create_index(index("payslips_member", "payslips", &["member_id"])).await?;
        m.create_table(
            table("fund_movements")
                .col(id("id").primary_key())
                .col(id("activity_id"))
                .col(text("kind"))
                .col(minor("amount_minor"))
                .col(text("currency"))
                .col(date("movement_date"))
                .col(ColumnDef::new(Alias::new("payslip_id")).uuid().null())
                .col(ColumnDef::new(Alias::new("invoice_id")).uuid().null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("fund_movements_activity", "fund_movements", &["activity_id"])).await?;
        m.create_index(index("contracts_ends_at", "contracts", &["ends_at", "id"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["fund_movements", "payslips", "legal_sources", "payroll_runs"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        m.drop_index(Index::drop().name("contracts_ends_at").table(Alias::new("contracts")).to_owned()).await?;
        for column in [
            "iban",
            "family_situation",
            "children",
            "disabled_children",
            "dependants_over_65",
            "other_dependants",
            "disabled",
            "partner_disabled",
        ] {
            m.alter_table(Table::alter().table(Alias::new("members")).drop_column(Alias::new(column)).to_owned())
                .await?;
        }
        Ok(())
    }
}
