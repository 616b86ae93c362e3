//! Migration `m0038_unshared_rows`; the doc of its struct below says what it changes and why.

use super::*;

/// Rows that no two writers of PostgreSQL share until their commit.
///
/// - `activity_total_deltas` and `fund_total_deltas`: a change that only adds money
///   (an invoice issued, a client's payment) is appended here instead of updating its
///   activity's and the fund's one row, so concurrent issues and payments no longer queue
///   on those rows across their commits; a roll-up folds them into `activity_totals` and
///   `fund_totals` (`service::totals`). Changes that a decision must see at once (wages
///   spent, advances, losses) still update the totals' row, locked.
/// - `outbox.id` (PostgreSQL): the order of a row, taken from a sequence when it is
///   written; `outbox.xid`, the writing transaction's id; `outbox.seq` is now given by the
///   relay (`storage::outbox::number`) to the rows whose transactions have all ended, in
///   `id` order, gapless as before. Writers then no longer queue on `outbox_sequence`'s
///   row until their commit. Existing rows keep their `seq` (and get it as their `id`).
///   SQLite has one writer at a time: its outbox keeps numbering in the writer.
pub(super) struct M0038UnsharedRows;

impl MigrationName for M0038UnsharedRows {
    fn name(&self) -> &str {
        "m0038_unshared_rows"
    }
}

/// The outbox's PostgreSQL change, one statement each.
const OUTBOX_UP: [&str; 10] = [
    "ALTER TABLE outbox ADD COLUMN id bigint",
    "UPDATE outbox SET id = seq",
    "CREATE SEQUENCE outbox_id_seq OWNED BY outbox.id",
    "SELECT setval('outbox_id_seq', GREATEST((SELECT max(seq) FROM outbox), \
     (SELECT last FROM outbox_sequence WHERE id = 1), 1))",
    "ALTER TABLE outbox ALTER COLUMN id SET DEFAULT nextval('outbox_id_seq'), ALTER COLUMN id SET NOT NULL",
    "ALTER TABLE outbox ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id()",
    "ALTER TABLE outbox DROP CONSTRAINT outbox_pkey, ALTER COLUMN seq DROP NOT NULL, ADD PRIMARY KEY (id)",
    "CREATE UNIQUE INDEX outbox_seq ON outbox (seq)",
    // The relay's numbering reads the rows without a number, in order: a small index.
    "CREATE INDEX outbox_unnumbered ON outbox (id) WHERE seq IS NULL",
    "ANALYZE outbox",
];

const OUTBOX_DOWN: [&str; 4] = [
    "DROP INDEX outbox_unnumbered",
    "DROP INDEX outbox_seq",
    "ALTER TABLE outbox DROP CONSTRAINT outbox_pkey, DROP COLUMN xid, DROP COLUMN id",
    "ALTER TABLE outbox ALTER COLUMN seq SET NOT NULL, ADD PRIMARY KEY (seq)",
];

async fn run(m: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    use sea_orm::ConnectionTrait;
    let c = m.get_connection();
    for sql in statements {
        c.execute(sea_orm::Statement::from_string(c.get_database_backend(), (*sql).to_owned())).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for M0038UnsharedRows {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("activity_total_deltas")
                .col(id("id").primary_key())
                .col(id("activity_id"))
                .col(text("currency"))
                .col(minor("budget_minor"))
                .col(minor("received_minor"))
                .to_owned(),
        )
        .await?;
        // A locked read sums its activity's deltas: through this index, the few not folded yet.
        m.create_index(index("activity_total_deltas_activity", "activity_total_deltas", &["activity_id"])).await?;
        m.create_table(
            table("fund_total_deltas")
                .col(id("id").primary_key())
                .col(text("currency"))
                .col(minor("balance_minor"))
                .col(minor("endowed_minor"))
                .col(minor("share_received_minor"))
                .col(minor("recovered_minor"))
                .to_owned(),
        )
        .await?;
        if m.get_database_backend() == sea_orm::DbBackend::Postgres {
            run(m, &OUTBOX_UP).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == sea_orm::DbBackend::Postgres {
            run(m, &OUTBOX_DOWN).await?;
        }
        for t in ["fund_total_deltas", "activity_total_deltas"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}
