//! Migration `m0024_payslips_member_period`; the doc of its struct below says what it changes and why.

use super::*;

/// A member's payslips by period: a member's dashboard reads their latest few, newest first,
/// through this index, so its cost does not grow with the member's years of payslips. It
/// replaces `payslips_member`, whose lookups it serves as well.
pub(super) struct M0024PayslipsMemberPeriod;

impl MigrationName for M0024PayslipsMemberPeriod {
    fn name(&self) -> &str {
        "m0024_payslips_member_period"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0024PayslipsMemberPeriod {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index("payslips_member_period", "payslips", &["member_id", "period"])).await?;
        m.drop_index(Index::drop().name("payslips_member").table(Alias::new("payslips")).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index("payslips_member", "payslips", &["member_id"])).await?;
        m.drop_index(Index::drop().name("payslips_member_period").table(Alias::new("payslips")).to_owned()).await
    }
}
