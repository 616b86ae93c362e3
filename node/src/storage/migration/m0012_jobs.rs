//! Migration `m0012_jobs`; the doc of its struct below says what it changes and why.

use super::*;

/// Background jobs (payroll runs first, the federation relay later): each with its
/// kind, key, state, attempts and last error, so a restart resumes what was unfinished
/// and the API shows what failed. `active_key` holds `kind:key` while the job is queued
/// or running and NULL once it is done or failed: its unique index lets one job per key
/// be active on SQLite and PostgreSQL alike (both let NULLs repeat), without a lock.
pub(super) struct M0012Jobs;

impl MigrationName for M0012Jobs {
    fn name(&self) -> &str {
        "m0012_jobs"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0012Jobs {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("jobs")
                .col(id("id").primary_key())
                .col(text("kind"))
                .col(text("key"))
                .col(text("state"))
                .col(opt_text("active_key"))
                .col(ColumnDef::new(Alias::new("error")).text().null())
                .col(int_default("attempts", 0))
                .col(ColumnDef::new(Alias::new("created_at")).date_time().not_null())
                .col(ColumnDef::new(Alias::new("started_at")).date_time().null())
                .col(ColumnDef::new(Alias::new("finished_at")).date_time().null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("jobs_active_key", "jobs", &["active_key"]).unique().to_owned()).await?;
        m.create_index(index("jobs_kind_key", "jobs", &["kind", "key"])).await?;
        m.create_index(index("jobs_state", "jobs", &["state"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("jobs")).to_owned()).await
    }
}
