//! Migration `m0009_corrections`; the doc of its struct below says what it changes and why.

use super::*;

/// Corrections of clients and members, each kept in a history (who, when, old and
/// new values), and the buyer of each invoice as it stood when the invoice was issued,
/// so that correcting a client never changes an issued document.
pub(super) struct M0009Corrections;

impl MigrationName for M0009Corrections {
    fn name(&self) -> &str {
        "m0009_corrections"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0009Corrections {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("record_changes")
                .col(id("id").primary_key())
                .col(text("subject"))
                .col(id("subject_id"))
                .col(ColumnDef::new(Alias::new("changed_at")).date_time().not_null())
                .col(text("changed_by"))
                .col(ColumnDef::new(Alias::new("changes")).text().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("record_changes_subject", "record_changes", &["subject", "subject_id"]).to_owned())
            .await?;
        m.create_table(
            table("invoice_buyers")
                .col(id("invoice_id").primary_key())
                .col(text("name"))
                .col(text("kind"))
                .col(text("country"))
                .col(opt_text("vat_number"))
                .col(text("street"))
                .col(text("postal_code"))
                .col(text("city"))
                .col(opt_text("email"))
                .col(opt_text("endpoint_scheme"))
                .col(opt_text("endpoint_id"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["invoice_buyers", "record_changes"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}
