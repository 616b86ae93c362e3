//! Migration `m0025_member_transfers`; the doc of its struct below says what it changes and why.

use super::*;

/// Member transfers between offices (`service::transfers`), on both sides.
///
/// `member_transfers` holds one row per transfer and side (`origin` or `destination`),
/// keyed by the federation-wide `transfer_id`, so a second import of the same offer is a
/// primary-key conflict. `open_member` is the member's id while the transfer is open and
/// NULL once it ended: its unique index allows one open transfer per member (NULLs are
/// distinct in SQLite and PostgreSQL alike), so offering a member to two destinations at
/// once fails in the database whatever races. `record` is the destination's opened
/// portable record, kept until the commit and erased on a rejection or a cancellation.
/// `member_transfer_steps` keeps each step a side has applied or sent, keyed by
/// (transfer, step), in the transaction that applied it: a step delivered twice, under
/// one event id or two, applies once.
pub(super) struct M0025MemberTransfers;

impl MigrationName for M0025MemberTransfers {
    fn name(&self) -> &str {
        "m0025_member_transfers"
    }
}

fn instant(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).timestamp_with_time_zone().not_null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for M0025MemberTransfers {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("member_transfers")
                .col(id("id").primary_key())
                .col(text("side"))
                .col(text("peer"))
                .col(text("status"))
                .col(ColumnDef::new(Alias::new("member_id")).uuid().null())
                .col(ColumnDef::new(Alias::new("open_member")).uuid().null())
                .col(text("shares_rule"))
                .col(instant("expires_at"))
                .col(ColumnDef::new(Alias::new("record")).text().null())
                .col(opt_text("reason"))
                .col(date("requested_on"))
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("member_transfers_open_member", "member_transfers", &["open_member"]).unique().to_owned())
            .await?;
        m.create_index(index("member_transfers_member", "member_transfers", &["member_id"])).await?;
        m.create_table(
            table("member_transfer_steps")
                .col(id("transfer_id"))
                .col(text("step"))
                .col(text("direction"))
                .col(opt_text("event_id"))
                .col(instant("at"))
                .primary_key(Index::create().col(Alias::new("transfer_id")).col(Alias::new("step")))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["member_transfer_steps", "member_transfers"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}
