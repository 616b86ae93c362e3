//! Migration `m0036_member_nationality`; the doc of its struct below says what it changes and why.

use super::*;

/// A member's nationality (issue 13): ISO 3166-1 alpha-2, NULL until recorded. The office of
/// a country where a member works is told of it in the posting notice (`service::postings`),
/// as Directive 2014/67/EU's prior declarations ask; the node had no column for it and sent none.
pub(super) struct M0036MemberNationality;

impl MigrationName for M0036MemberNationality {
    fn name(&self) -> &str {
        "m0036_member_nationality"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0036MemberNationality {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Alias::new("members")).add_column(opt_text("nationality")).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Alias::new("members")).drop_column(Alias::new("nationality")).to_owned())
            .await
    }
}
