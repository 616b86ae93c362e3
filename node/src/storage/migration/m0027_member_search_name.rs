//! Migration `m0027_member_search_name`; the doc of its struct below says what it changes and why.

use super::*;
use sea_orm::{ConnectionTrait, Statement};

/// A member's first and last name folded for search (`storage::members::folded`: lower case,
/// accents and the letters that do not decompose, such as ł or ı, taken to their base), so
/// that a name search finds "Łukasz Kılıç" from "lukasz kilic" on SQLite as on PostgreSQL:
/// SQLite's `lower` folds ASCII letters only. Rows already there are folded here, in chunks.
pub(super) struct M0027MemberSearchName;

impl MigrationName for M0027MemberSearchName {
    fn name(&self) -> &str {
        "m0027_member_search_name"
    }
}

/// Rows read and written per round.
const CHUNK: u64 = 1_000;

#[async_trait::async_trait]
impl MigrationTrait for M0027MemberSearchName {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new("members"))
                .add_column(ColumnDef::new(Alias::new("search_name")).string().not_null().default(""))
                .to_owned(),
        )
        .await?;
        let c = m.get_connection();
        let backend = c.get_database_backend();
        let mut offset = 0;
        loop {
            let rows = c
                .query_all(Statement::from_string(
                    backend,
                    format!("SELECT id, first_name, last_name FROM members ORDER BY id LIMIT {CHUNK} OFFSET {offset}"),
                ))
                .await?;
            for row in &rows {
                let id: uuid::Uuid = row.try_get("", "id")?;
                let first: String = row.try_get("", "first_name")?;
                let last: String = row.try_get("", "last_name")?;
                let update = Query::update()
                    .table(Alias::new("members"))
                    .value(Alias::new("search_name"), crate::storage::members::folded(&first, &last))
                    .and_where(Expr::col(Alias::new("id")).eq(id))
                    .to_owned();
                c.execute(backend.build(&update)).await?;
            }
            if (rows.len() as u64) < CHUNK {
                return Ok(());
            }
            offset += CHUNK;
        }
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Alias::new("members")).drop_column(Alias::new("search_name")).to_owned())
            .await
    }
}
