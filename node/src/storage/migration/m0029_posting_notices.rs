//! Migration `m0029_posting_notices`; the doc of its struct below says what it changes and why.

use super::*;

/// Posting notices between offices (`service::postings`, issue 13), on both sides.
///
/// `posting_notices` is the host's: one row per notice another office sent about a member
/// of its working in this node's country, keyed by the federation-wide notice id, so a
/// second delivery of the same notice is a primary-key conflict. It holds the opened
/// record's fields (names, birth date, nationality, place, function, the days as JSON,
/// legislation, A1 reference), `first_day`/`last_day` for the list's order and the
/// retention (deleted `federation.posting_notice_retention_days` after `last_day`, or
/// after `cancelled_at`), and `cancelled_at` once the sender cancels it.
/// `posting_notices_sent` is the origin's: which notice it sent for which contract and to
/// whom (ids only, no personal data), unique on the contract, so the contract's
/// cancellation sends the cancel of that notice, once.
pub(super) struct M0029PostingNotices;

impl MigrationName for M0029PostingNotices {
    fn name(&self) -> &str {
        "m0029_posting_notices"
    }
}

fn instant(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).timestamp_with_time_zone().not_null().to_owned()
}

fn opt_instant(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).timestamp_with_time_zone().null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for M0029PostingNotices {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("posting_notices")
                .col(id("id").primary_key())
                .col(text("from_node"))
                .col(text("from_country"))
                .col(text("first_name"))
                .col(text("last_name"))
                .col(date("birth_date"))
                .col(opt_text("nationality"))
                .col(text("work_country"))
                .col(text("place"))
                .col(text("function"))
                .col(ColumnDef::new(Alias::new("days")).text().not_null())
                .col(date("first_day"))
                .col(date("last_day"))
                .col(opt_text("legislation_state"))
                .col(opt_text("legislation_article"))
                .col(opt_text("a1_reference"))
                .col(instant("received_at"))
                .col(opt_instant("cancelled_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("posting_notices_from_country", "posting_notices", &["from_country"])).await?;
        m.create_index(index("posting_notices_last_day", "posting_notices", &["last_day"])).await?;
        m.create_table(
            table("posting_notices_sent")
                .col(id("id").primary_key())
                .col(id("contract_id"))
                .col(text("peer"))
                .col(instant("sent_at"))
                .col(opt_instant("cancelled_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index("posting_notices_sent_contract", "posting_notices_sent", &["contract_id"]).unique().to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["posting_notices_sent", "posting_notices"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}
