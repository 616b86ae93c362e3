//! Migration `m0016_period_figures`; the doc of its struct below says what it changes and why.

use super::*;

/// The period figures the node sends HQ (`service::figures`): one row per month with
/// the revision last computed and its hash, so figures are re-sent with a higher
/// revision only when they change. The indexes let a month's figures read that month's
/// rows (payslips by period through m0008's index, invoices and credit notes by date, members by admission
/// and leaving) instead of the whole history.
pub(super) struct M0016PeriodFigures;

impl MigrationName for M0016PeriodFigures {
    fn name(&self) -> &str {
        "m0016_period_figures"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0016PeriodFigures {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("period_figures")
                .col(text("period").primary_key())
                .col(int("revision"))
                .col(text("sha256"))
                .col(ColumnDef::new(Alias::new("body")).text().not_null())
                .col(ColumnDef::new(Alias::new("computed_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("invoices_invoice_date", "invoices", &["invoice_date"])).await?;
        m.create_index(index("credit_notes_issue_date", "credit_notes", &["issue_date"])).await?;
        m.create_index(index("members_admitted_on", "members", &["admitted_on"])).await?;
        m.create_index(index("members_left_on", "members", &["left_on"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, on) in [
            ("invoices_invoice_date", "invoices"),
            ("credit_notes_issue_date", "credit_notes"),
            ("members_admitted_on", "members"),
            ("members_left_on", "members"),
        ] {
            m.drop_index(Index::drop().name(name).table(Alias::new(on)).to_owned()).await?;
        }
        m.drop_table(Table::drop().table(Alias::new("period_figures")).to_owned()).await
    }
}
