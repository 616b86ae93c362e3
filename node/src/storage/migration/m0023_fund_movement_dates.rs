//! Migration `m0023_fund_movement_dates`; the doc of its struct below says what it changes and why.

use super::*;

/// The fund's movements by date: a month's figures state the fund as it stood at the month's
/// end, today's running totals less the movements dated after it, read through this index
/// (the rows since that day, not the fund's whole history).
pub(super) struct M0023FundMovementDates;

impl MigrationName for M0023FundMovementDates {
    fn name(&self) -> &str {
        "m0023_fund_movement_dates"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0023FundMovementDates {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index("fund_movements_date", "fund_movements", &["movement_date"])).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("fund_movements_date").table(Alias::new("fund_movements")).to_owned()).await
    }
}
