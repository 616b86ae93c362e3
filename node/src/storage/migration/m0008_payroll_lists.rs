//! Migration `m0008_payroll_lists`; the doc of its struct below says what it changes and why.

use super::*;

/// A later payroll run the same day: runs are keyed by (period, cut-off,
/// sequence), so once a run is complete, work that became payable after it
/// (hours posted later that day) is paid by the next sequence instead of
/// waiting for tomorrow's cut-off. Indexes for the payroll lists' filters.
pub(super) struct M0008PayrollLists;

impl MigrationName for M0008PayrollLists {
    fn name(&self) -> &str {
        "m0008_payroll_lists"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0008PayrollLists {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter().table(Alias::new("payroll_runs")).add_column(int_default("sequence", 1)).to_owned(),
        )
        .await?;
        m.drop_index(Index::drop().name("payroll_runs_key").table(Alias::new("payroll_runs")).to_owned()).await?;
        m.create_index(
            index("payroll_runs_key_sequence", "payroll_runs", &["period", "through", "sequence"]).unique().to_owned(),
        )
        .await?;
        m.create_index(index("contracts_activity", "contracts", &["activity_id"])).await?;
        m.create_index(index("work_declarations_member", "work_declarations", &["member_id"])).await?;
        m.create_index(index("payslips_period", "payslips", &["period"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in [
            ("payslips_period", "payslips"),
            ("work_declarations_member", "work_declarations"),
            ("contracts_activity", "contracts"),
            ("payroll_runs_key_sequence", "payroll_runs"),
        ] {
            m.drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned()).await?;
        }
        m.create_index(index("payroll_runs_key", "payroll_runs", &["period", "through"]).unique().to_owned()).await?;
        m.alter_table(Table::alter().table(Alias::new("payroll_runs")).drop_column(Alias::new("sequence")).to_owned())
            .await?;
        Ok(())
    }
}
