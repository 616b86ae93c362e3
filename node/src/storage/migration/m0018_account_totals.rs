//! Migration `m0018_account_totals`; the doc of its struct below says what it changes and why.

use super::*;

/// The trial balance without a scan of the journal: each posting appends its change
/// to every account it touches (`account_deltas`, insert only, so writers take no
/// shared row lock: running totals per account updated in place deadlocked on
/// PostgreSQL, a payment and an issue locking the same rows in opposite orders), and
/// a roll-up folds them into `account_totals` in its own transaction. Existing lines
/// are folded here.
pub(super) struct M0018AccountTotals;

impl MigrationName for M0018AccountTotals {
    fn name(&self) -> &str {
        "m0018_account_totals"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0018AccountTotals {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("account_deltas")
                .col(id("id").primary_key())
                .col(text("account"))
                .col(text("currency"))
                .col(minor("debit_minor"))
                .col(minor("credit_minor"))
                .col(minor("entries"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            table("account_totals")
                .col(text("account"))
                .col(text("currency"))
                .col(minor("debit_minor"))
                .col(minor("credit_minor"))
                .col(minor("entries"))
                .primary_key(Index::create().col(Alias::new("account")).col(Alias::new("currency")))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared(
            "INSERT INTO account_totals (account, currency, debit_minor, credit_minor, entries) \
             SELECT account, currency, \
             CAST(SUM(CASE WHEN amount_minor > 0 THEN amount_minor ELSE 0 END) AS BIGINT), \
             CAST(SUM(CASE WHEN amount_minor < 0 THEN -amount_minor ELSE 0 END) AS BIGINT), 0 \
             FROM journal_lines GROUP BY account, currency",
        )
        .await?;
        // The entries are counted on one row: the account of each entry's first line.
        db.execute_unprepared(
            "UPDATE account_totals SET entries = (SELECT COUNT(*) FROM journal_lines l \
             WHERE l.position = 0 AND l.account = account_totals.account AND l.currency = account_totals.currency)",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["account_totals", "account_deltas"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}
