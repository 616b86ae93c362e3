//! Migration `m0020_contract_motive`; the doc of its struct below says what it changes and why.

use super::*;

/// A work declaration and the contract it makes keep the fixed-term contract's motive: the case
/// of the pack's closed list (`motive_code`), the replaced worker's name and job, the sector of a
/// customary fixed-term contract and a free-text detail. A country whose law deems a fixed-term
/// contract without its written motive open-ended (France, Code du travail L1242-12) needs it on
/// the printed contract. Rows made before stay without one (NULL): their contract prints the
/// motive as still to complete.
pub(super) struct M0020ContractMotive;

impl MigrationName for M0020ContractMotive {
    fn name(&self) -> &str {
        "m0020_contract_motive"
    }
}

/// The motive's columns, the same on both tables.
const COLUMNS: [&str; 5] =
    ["motive_code", "motive_replaced_name", "motive_replaced_job", "motive_sector", "motive_detail"];

#[async_trait::async_trait]
impl MigrationTrait for M0020ContractMotive {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        for table in ["work_declarations", "contracts"] {
            for column in COLUMNS {
                m.alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .add_column(ColumnDef::new(Alias::new(column)).text().null())
                        .to_owned(),
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["contracts", "work_declarations"] {
            for column in COLUMNS.iter().rev() {
                m.alter_table(Table::alter().table(Alias::new(table)).drop_column(Alias::new(*column)).to_owned())
                    .await?;
            }
        }
        Ok(())
    }
}
