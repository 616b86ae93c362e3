//! Migration `m0017_account_totals`; the doc of its struct below says what it changes and why.

use super::*;

/// Running debits and credits of each account of the journal, and the number of
/// entries, so that the trial balance reads a row per account instead of summing
/// every journal line ever posted; back-filled from the journal of an existing
/// database in SQL of its own, which `partage check` verifies against the lines.
pub(super) struct M0017AccountTotals;

impl MigrationName for M0017AccountTotals {
    fn name(&self) -> &str {
        "m0017_account_totals"
    }
}

async fn execute(m: &SchemaManager<'_>, sql: &str) -> Result<(), DbErr> {
    use sea_orm::ConnectionTrait;
    let c = m.get_connection();
    c.execute(sea_orm::Statement::from_string(c.get_database_backend(), sql.to_owned())).await.map(|_| ())
}

#[async_trait::async_trait]
impl MigrationTrait for M0017AccountTotals {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("account_totals")
                .col(text("account"))
                .col(text("currency"))
                .col(minor("debit_minor"))
                .col(minor("credit_minor"))
                .primary_key(Index::create().col(Alias::new("account")).col(Alias::new("currency")))
                .to_owned(),
        )
        .await?;
        m.create_table(table("journal_totals").col(text("currency").primary_key()).col(minor("entries")).to_owned())
            .await?;
        execute(
            m,
            "INSERT INTO account_totals (account, currency, debit_minor, credit_minor) \
             SELECT account, currency, \
             CAST(SUM(CASE WHEN amount_minor > 0 THEN amount_minor ELSE 0 END) AS BIGINT), \
             CAST(SUM(CASE WHEN amount_minor < 0 THEN -amount_minor ELSE 0 END) AS BIGINT) \
             FROM journal_lines GROUP BY account, currency",
        )
        .await?;
        execute(
            m,
            "INSERT INTO journal_totals (currency, entries) \
             SELECT currency, COUNT(DISTINCT entry_id) FROM journal_lines GROUP BY currency",
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("journal_totals")).to_owned()).await?;
        m.drop_table(Table::drop().table(Alias::new("account_totals")).to_owned()).await
    }
}
