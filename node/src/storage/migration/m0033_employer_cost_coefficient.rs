//! Migration `m0033_employer_cost_coefficient`; the doc of its struct below says what it changes and why.

use super::*;

/// The employer-cost coefficient's schedule (`service::coefficient_schedule`), and the
/// coefficient each contract was made with.
///
/// `coefficient_changes` mirrors `fee_changes` (m0031): each row is a change an admin recorded
/// of the coefficient (decimal text, as the configuration writes it), in force from
/// `valid_from` (at least two days after the day it was recorded on), with who recorded it,
/// when and why; the coefficient of a day is the row with the latest `valid_from` on or
/// before it (the latest `id` among rows of that day), else the configuration's
/// `payroll.employer_cost_coefficient`; the index serves exactly that read.
///
/// `contracts.employer_cost_coefficient` keeps the coefficient in force when the contract was
/// made: its gross was computed from its budget at it, and payroll pays it at it, so a change
/// made since does not make its payslip cost more or less than its budget. Rows made before
/// stay NULL: they are paid at the configuration's coefficient, as they always were.
pub(super) struct M0033EmployerCostCoefficient;

impl MigrationName for M0033EmployerCostCoefficient {
    fn name(&self) -> &str {
        "m0033_employer_cost_coefficient"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0033EmployerCostCoefficient {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("coefficient_changes")
                .col(id("id").primary_key())
                .col(date("valid_from"))
                .col(text("coefficient"))
                .col(text("reason"))
                .col(text("changed_by"))
                .col(ColumnDef::new(Alias::new("changed_at")).timestamp_with_time_zone().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("coefficient_changes_valid_from", "coefficient_changes", &["valid_from", "id"])).await?;
        m.alter_table(
            Table::alter().table(Alias::new("contracts")).add_column(opt_text("employer_cost_coefficient")).to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new("contracts"))
                .drop_column(Alias::new("employer_cost_coefficient"))
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(Alias::new("coefficient_changes")).to_owned()).await
    }
}
