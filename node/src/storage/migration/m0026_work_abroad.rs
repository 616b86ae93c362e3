//! Migration `m0026_work_abroad`; the doc of its struct below says what it changes and why.

use super::*;

/// Work in another country (Regulation (EC) 883/2004): a work declaration keeps the legislation
/// decided for it (the state and the article: `11(3)(a)`, `12(1)`, `13(1)(a)`, `13(1)(b)(i)`),
/// the member's share of work in their state of residence it rests on (time and pay, as decimal
/// text, with that state), and whether the worker replaces a posted person (Art. 12(1)); its
/// contract keeps the state whose pack computed it. Rows made before, and work in the node's own
/// country with no work abroad in sight, have none (NULL): the node's legislation.
///
/// `a1_certificates`: the A1 portable documents a member holds (987/2009 Art. 19(2)): issuing
/// state, article, the days covered and the institution's reference, indexed by member, which
/// a declaration abroad reads to say whether one covers its work.
pub(super) struct M0026WorkAbroad;

impl MigrationName for M0026WorkAbroad {
    fn name(&self) -> &str {
        "m0026_work_abroad"
    }
}

/// The declaration's new columns, all nullable text but the replacement flag.
const DECLARATION_COLUMNS: [&str; 5] =
    ["legislation_state", "legislation_article", "residence_state", "residence_time_share", "residence_pay_share"];

#[async_trait::async_trait]
impl MigrationTrait for M0026WorkAbroad {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        for column in DECLARATION_COLUMNS {
            m.alter_table(
                Table::alter()
                    .table(Alias::new("work_declarations"))
                    .add_column(ColumnDef::new(Alias::new(column)).string().null())
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table(Alias::new("work_declarations"))
                .add_column(ColumnDef::new(Alias::new("replaces_posted_worker")).boolean().not_null().default(false))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Alias::new("contracts"))
                .add_column(ColumnDef::new(Alias::new("legislation_state")).string().null())
                .to_owned(),
        )
        .await?;
        m.create_table(
            table("a1_certificates")
                .col(id("id").primary_key())
                .col(id("member_id"))
                .col(text("issuing_state"))
                .col(text("article"))
                .col(date("valid_from"))
                .col(date("valid_until"))
                .col(text("reference"))
                .col(ColumnDef::new(Alias::new("recorded_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("a1_certificates_member", "a1_certificates", &["member_id", "valid_from"]).to_owned())
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("a1_certificates")).to_owned()).await?;
        m.alter_table(
            Table::alter().table(Alias::new("contracts")).drop_column(Alias::new("legislation_state")).to_owned(),
        )
        .await?;
        for column in DECLARATION_COLUMNS.iter().chain(&["replaces_posted_worker"]) {
            m.alter_table(
                Table::alter().table(Alias::new("work_declarations")).drop_column(Alias::new(*column)).to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
