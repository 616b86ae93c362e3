//! Migration `m0022_contract_classification`; the doc of its struct below says what it changes and why.

use super::*;

/// A work declaration and the contract it makes keep the worker's place in the classification of
/// the collective agreement (its level, position or coefficient, as free text: "Niveau III,
/// échelon 2"), which a country may ask the payslip to print (France: Code du travail R3243-1,
/// 4°). A platform enrolment keeps the one its hourly contracts copy. Rows made before stay
/// without one (NULL): their documents print it as still to complete where the country prints it.
pub(super) struct M0022ContractClassification;

impl MigrationName for M0022ContractClassification {
    fn name(&self) -> &str {
        "m0022_contract_classification"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0022ContractClassification {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["work_declarations", "contracts"] {
            m.alter_table(
                Table::alter()
                    .table(Alias::new(table))
                    .add_column(ColumnDef::new(Alias::new("classification")).text().null())
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["contracts", "work_declarations"] {
            m.alter_table(Table::alter().table(Alias::new(table)).drop_column(Alias::new("classification")).to_owned())
                .await?;
        }
        Ok(())
    }
}
