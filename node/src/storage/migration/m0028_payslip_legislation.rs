//! Migration `m0028_payslip_legislation`; the doc of its struct below says what it changes and why.

use super::*;

/// The state whose social-security legislation a payslip was computed under (Regulation (EC)
/// 883/2004), none for the node's own: a contract under another country's legislation is paid
/// with that country's pack, and its payslip is declared there, not in the node's periodic
/// return. Payslips already there were all computed with the node's pack.
pub(super) struct M0028PayslipLegislation;

impl MigrationName for M0028PayslipLegislation {
    fn name(&self) -> &str {
        "m0028_payslip_legislation"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0028PayslipLegislation {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new("payslips"))
                .add_column(ColumnDef::new(Alias::new("legislation_state")).string().null())
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter().table(Alias::new("payslips")).drop_column(Alias::new("legislation_state")).to_owned(),
        )
        .await
    }
}
