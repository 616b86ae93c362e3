//! Migration `m0019_return_declared`; the doc of its struct below says what it changes and why.

use super::*;

/// A stored return keeps what its document declares under the return's own codes (its
/// contributions and deductions by code, as JSON) with the payslips' monthly advances on
/// those deductions, and the net amount owed: what an advisor compares with the filed
/// form. Versions built before stay without them (NULL): their figures were not kept.
pub(super) struct M0019ReturnDeclared;

impl MigrationName for M0019ReturnDeclared {
    fn name(&self) -> &str {
        "m0019_return_declared"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0019ReturnDeclared {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        m.alter_table(
            Table::alter()
                .table(Alias::new("quarterly_returns"))
                .add_column(ColumnDef::new(Alias::new("declared")).text().null())
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Alias::new("quarterly_returns"))
                .add_column(ColumnDef::new(Alias::new("net_owed_minor")).big_integer().null())
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in ["net_owed_minor", "declared"] {
            m.alter_table(
                Table::alter().table(Alias::new("quarterly_returns")).drop_column(Alias::new(column)).to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
