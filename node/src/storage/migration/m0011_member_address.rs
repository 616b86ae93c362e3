//! Migration `m0011_member_address`; the doc of its struct below says what it changes and why.

use super::*;

/// A member's home address, which a Belgian payslip must show: optional, since members
/// recorded before it have none until they give it.
pub(super) struct M0011MemberAddress;

impl MigrationName for M0011MemberAddress {
    fn name(&self) -> &str {
        "m0011_member_address"
    }
}

/// The address columns, in the order they are added.
const MEMBER_ADDRESS_COLUMNS: [&str; 4] = ["address_street", "address_postal_code", "address_city", "address_country"];

#[async_trait::async_trait]
impl MigrationTrait for M0011MemberAddress {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        for column in MEMBER_ADDRESS_COLUMNS {
            m.alter_table(
                Table::alter()
                    .table(Alias::new("members"))
                    .add_column(ColumnDef::new(Alias::new(column)).text().null())
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in MEMBER_ADDRESS_COLUMNS.iter().rev() {
            m.alter_table(Table::alter().table(Alias::new("members")).drop_column(Alias::new(*column)).to_owned())
                .await?;
        }
        Ok(())
    }
}
