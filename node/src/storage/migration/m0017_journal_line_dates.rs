//! Migration `m0017_journal_line_dates`; the doc of its struct below says what it changes and why.

use super::*;

/// Each journal line carries its entry's date, indexed after its account and
/// sub-account, so that a statement reads the lines of its months (and sums those
/// after them for the opening balance) instead of an activity's whole history.
/// Existing lines take their entry's date; the `(account, sub_account)` index is
/// replaced by the longer one, which serves the same lookups. For the same reason an
/// activity's payslips are indexed by period and its fund movements by date.
pub(super) struct M0017JournalLineDates;

impl MigrationName for M0017JournalLineDates {
    fn name(&self) -> &str {
        "m0017_journal_line_dates"
    }
}

/// Single-column indexes replaced by one that adds the date: (old, new, table, columns).
const REPLACED: [(&str, &str, &str, [&str; 2]); 2] = [
    ("payslips_activity", "payslips_activity_period", "payslips", ["activity_id", "period"]),
    ("fund_movements_activity", "fund_movements_activity_date", "fund_movements", ["activity_id", "movement_date"]),
];

#[async_trait::async_trait]
impl MigrationTrait for M0017JournalLineDates {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new("journal_lines"))
                .add_column(ColumnDef::new(Alias::new("entry_date")).date().null())
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(
                "UPDATE journal_lines SET entry_date = \
                 (SELECT e.entry_date FROM journal_entries e WHERE e.id = journal_lines.entry_id)",
            )
            .await?;
        m.drop_index(Index::drop().name("journal_lines_account").table(Alias::new("journal_lines")).to_owned()).await?;
        m.create_index(index("journal_lines_account_date", "journal_lines", &["account", "sub_account", "entry_date"]))
            .await?;
        for (old, new, table, cols) in REPLACED {
            m.drop_index(Index::drop().name(old).table(Alias::new(table)).to_owned()).await?;
            m.create_index(index(new, table, &cols)).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (old, new, table, cols) in REPLACED {
            m.drop_index(Index::drop().name(new).table(Alias::new(table)).to_owned()).await?;
            m.create_index(index(old, table, &cols[..1])).await?;
        }
        m.drop_index(Index::drop().name("journal_lines_account_date").table(Alias::new("journal_lines")).to_owned())
            .await?;
        m.create_index(index("journal_lines_account", "journal_lines", &["account", "sub_account"])).await?;
        m.alter_table(
            Table::alter().table(Alias::new("journal_lines")).drop_column(Alias::new("entry_date")).to_owned(),
        )
        .await
    }
}
