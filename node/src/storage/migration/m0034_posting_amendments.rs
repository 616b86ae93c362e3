//! Migration `m0034_posting_amendments`; the doc of its struct below says what it changes and why.

use super::*;

/// Amendments of posting notices (`service::postings`, issue 13): the work changed after its
/// notice went out (a day's new hours), and the host is sent the whole new record.
///
/// `posting_notices_sent.revision` is the origin's count: 1 for the notice, one more for each
/// amendment sent, so each amendment carries a revision higher than the last. On the host,
/// `posting_notices.revision` is the highest revision applied (1: the notice as received) and
/// `amended_at` when the last amendment was applied; an amendment whose revision is not higher
/// (one delivered after a later one) changes nothing. Rows made before are notices never
/// amended: revision 1, `amended_at` NULL.
pub(super) struct M0034PostingAmendments;

impl MigrationName for M0034PostingAmendments {
    fn name(&self) -> &str {
        "m0034_posting_amendments"
    }
}

fn add(table: &str, column: ColumnDef) -> TableAlterStatement {
    Table::alter().table(Alias::new(table)).add_column(column).to_owned()
}

fn drop(table: &str, column: &str) -> TableAlterStatement {
    Table::alter().table(Alias::new(table)).drop_column(Alias::new(column)).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for M0034PostingAmendments {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        m.alter_table(add("posting_notices_sent", int_default("revision", 1))).await?;
        m.alter_table(add("posting_notices", int_default("revision", 1))).await?;
        m.alter_table(add(
            "posting_notices",
            ColumnDef::new(Alias::new("amended_at")).timestamp_with_time_zone().null().to_owned(),
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(drop("posting_notices", "amended_at")).await?;
        m.alter_table(drop("posting_notices", "revision")).await?;
        m.alter_table(drop("posting_notices_sent", "revision")).await
    }
}
