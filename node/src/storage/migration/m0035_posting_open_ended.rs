//! Migration `m0035_posting_open_ended`; the doc of its struct below says what it changes and why.

use super::*;

/// An open-ended work in a posting notice (`service::postings`, issue 13): a stabilised
/// contract abroad runs until it is ended, and its record (version 2) says so and, once the
/// origin ended it, gives its last day.
///
/// On the host, `posting_notices.open_ended` (false for rows made before: version-1 records,
/// which could not say it) and `ends_on` (NULL while it runs). The retention counts from the
/// last day of a work that ends with its days, from the end of an open-ended one, and never
/// while an open-ended one runs; the hourly pass reads each of its three cases through an
/// index: `(open_ended, last_day)`, which replaces `posting_notices_last_day` (only the
/// retention read it), `ends_on`, and `cancelled_at` (until now the cancelled branch read the
/// whole table).
pub(super) struct M0035PostingOpenEnded;

impl MigrationName for M0035PostingOpenEnded {
    fn name(&self) -> &str {
        "m0035_posting_open_ended"
    }
}

fn add(column: ColumnDef) -> TableAlterStatement {
    Table::alter().table(Alias::new("posting_notices")).add_column(column).to_owned()
}

fn drop(column: &str) -> TableAlterStatement {
    Table::alter().table(Alias::new("posting_notices")).drop_column(Alias::new(column)).to_owned()
}

fn drop_index(name: &str) -> IndexDropStatement {
    Index::drop().name(name).table(Alias::new("posting_notices")).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for M0035PostingOpenEnded {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        m.alter_table(add(ColumnDef::new(Alias::new("open_ended")).boolean().not_null().default(false).to_owned()))
            .await?;
        m.alter_table(add(opt_date("ends_on"))).await?;
        m.drop_index(drop_index("posting_notices_last_day")).await?;
        m.create_index(index("posting_notices_open_ended_last_day", "posting_notices", &["open_ended", "last_day"]))
            .await?;
        m.create_index(index("posting_notices_ends_on", "posting_notices", &["ends_on"])).await?;
        m.create_index(index("posting_notices_cancelled_at", "posting_notices", &["cancelled_at"])).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for name in ["posting_notices_cancelled_at", "posting_notices_ends_on", "posting_notices_open_ended_last_day"] {
            m.drop_index(drop_index(name)).await?;
        }
        m.create_index(index("posting_notices_last_day", "posting_notices", &["last_day"])).await?;
        m.alter_table(drop("ends_on")).await?;
        m.alter_table(drop("open_ended")).await
    }
}
