//! Migration `m0039_parked_unreadable`; the doc of its struct below says what it changes and why.

use super::*;

/// `inbox_parked.unreadable_by`: for a message parked because the build could not read it
/// (an event type or version it does not know, an envelope it cannot parse), what that build
/// reads (`partage_federation::events::reads_tag`); NULL for a message parked for any other
/// reason. At start, a node retries once the messages parked as unreadable by a build that
/// read other events than it does (`service::parked::retry_unreadable`), and a message still
/// unreadable takes the new build's tag: the next start, of the same build, leaves it alone.
/// Rows parked before are marked when their reason is the verification's words for an
/// unreadable message (`Refusal::UnknownEvent`, `Refusal::Malformed`) and they were kept with
/// their signature, under a tag no build has: the first start of this build retries them.
pub(super) struct M0039ParkedUnreadable;

impl MigrationName for M0039ParkedUnreadable {
    fn name(&self) -> &str {
        "m0039_parked_unreadable"
    }
}

/// The tag of rows parked as unreadable before this migration: no build's
/// (`reads_tag` is 16 hexadecimal digits).
const BEFORE_M0039: &str = "before-m0039";

#[async_trait::async_trait]
impl MigrationTrait for M0039ParkedUnreadable {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter().table(Alias::new("inbox_parked")).add_column(opt_text("unreadable_by")).to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(&format!(
                "UPDATE inbox_parked SET unreadable_by = '{BEFORE_M0039}' \
                 WHERE event_id IS NULL AND signature IS NOT NULL \
                 AND (reason LIKE 'event % version %: %' OR reason LIKE 'malformed envelope: %')"
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter().table(Alias::new("inbox_parked")).drop_column(Alias::new("unreadable_by")).to_owned(),
        )
        .await
    }
}
