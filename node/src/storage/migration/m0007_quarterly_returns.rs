//! Migration `m0007_quarterly_returns`; the doc of its struct below says what it changes and why.

use super::*;

/// The quarterly social security returns (Belgium: DmfA) built from a quarter's
/// payslips, every version kept: a second build of a quarter is a correction.
pub(super) struct M0007QuarterlyReturns;

impl MigrationName for M0007QuarterlyReturns {
    fn name(&self) -> &str {
        "m0007_quarterly_returns"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0007QuarterlyReturns {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("quarterly_returns")
                .col(id("id").primary_key())
                .col(text("quarter"))
                .col(int("version"))
                .col(text("format"))
                .col(text("media_type"))
                .col(ColumnDef::new(Alias::new("content")).text().not_null())
                .col(int("payslips"))
                .col(int("workers"))
                .col(text("currency"))
                .col(minor("gross_minor"))
                .col(minor("contribution_base_minor"))
                .col(minor("employee_contribution_minor"))
                .col(minor("employer_contribution_minor"))
                .col(minor("special_contribution_minor"))
                .col(minor("work_bonus_minor"))
                .col(ColumnDef::new(Alias::new("created_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(
            index("quarterly_returns_version", "quarterly_returns", &["quarter", "version"]).unique().to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("quarterly_returns")).to_owned()).await
    }
}
