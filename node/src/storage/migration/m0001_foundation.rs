//! Migration `m0001_foundation`; the doc of its struct below says what it changes and why.

use super::*;

/// Members, shares, activities, clients, invoices, payments, credit notes,
/// number series, the journal and idempotency keys.
pub(super) struct M0001Foundation;

impl MigrationName for M0001Foundation {
    fn name(&self) -> &str {
        "m0001_foundation"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0001Foundation {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("members")
                .col(id("id").primary_key())
                .col(text("first_name"))
                .col(text("last_name"))
                .col(text("email"))
                .col(text("language"))
                .col(text("status"))
                .col(minor("share_nominal_minor"))
                .col(text("currency"))
                .col(int("shares_subscribed"))
                .col(int("shares_paid"))
                .col(int("shares_refunded"))
                .col(int("shares_cancelled"))
                .col(date("applied_on"))
                .col(opt_date("admitted_on"))
                .col(opt_date("left_on"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("members_email", "members", &["email"]).unique().to_owned()).await?;

        m.create_table(
            table("activities")
                .col(id("id").primary_key())
                .col(id("member_id"))
                .col(text("name"))
                .col(text("sector"))
                .col(opt_text("sub_sector"))
                .col(text("status"))
                .col(date("opened_on"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("activities_member", "activities", &["member_id"])).await?;

        m.create_table(
            table("clients")
                .col(id("id").primary_key())
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

        m.create_table(
            table("invoices")
                .col(id("id").primary_key())
                .col(id("activity_id"))
                .col(id("client_id"))
                .col(text("status"))
                .col(text("currency"))
                .col(text("language"))
                .col(opt_date("invoice_date"))
                .col(opt_date("due_date"))
                .col(int("payment_terms_days"))
                .col(text("buyer_reference"))
                .col(opt_text("number"))
                .col(ColumnDef::new(Alias::new("number_year")).integer().null())
                .col(ColumnDef::new(Alias::new("number_sequence")).big_integer().null())
                .col(minor("net_minor"))
                .col(minor("vat_minor"))
                .col(minor("gross_minor"))
                .col(minor("paid_minor"))
                .col(minor("fee_minor"))
                .col(minor("fund_minor"))
                .col(minor("budget_minor"))
                .col(ColumnDef::new(Alias::new("credit_note_id")).uuid().null())
                .col(ColumnDef::new(Alias::new("created_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        // A number is given once: a unique index is the last line of defence
        // behind the series row lock.
        m.create_index(index("invoices_number", "invoices", &["number"]).unique().to_owned()).await?;
        m.create_index(index("invoices_activity", "invoices", &["activity_id"])).await?;
        m.create_index(index("invoices_client", "invoices", &["client_id"])).await?;

        m.create_table(
            table("invoice_lines")
                .col(id("invoice_id"))
                .col(int("position"))
                .col(text("description"))
                .col(text("quantity"))
                .col(text("unit_code"))
                .col(minor("unit_price_minor"))
                .col(text("vat_rate"))
                .col(minor("net_minor"))
                .primary_key(Index::create().col(Alias::new("invoice_id")).col(Alias::new("position")))
                .to_owned(),
        )
        .await?;

        m.create_table(
            table("payments")
                .col(id("id").primary_key())
                .col(id("invoice_id"))
                .col(minor("amount_minor"))
                .col(text("currency"))
                .col(date("paid_on"))
                .col(text("reference"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("payments_invoice", "payments", &["invoice_id"])).await?;

        m.create_table(
            table("credit_notes")
                .col(id("id").primary_key())
                .col(id("invoice_id"))
                .col(text("number"))
                .col(date("issue_date"))
                .col(text("reason"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("credit_notes_number", "credit_notes", &["number"]).unique().to_owned()).await?;
        m.create_index(index("credit_notes_invoice", "credit_notes", &["invoice_id"]).unique().to_owned()).await?;

        m.create_table(
            table("number_sequences")
                .col(text("legal_entity"))
                .col(text("series"))
                .col(int("year"))
                .col(minor("last_sequence"))
                .col(date("last_date"))
                .primary_key(
                    Index::create().col(Alias::new("legal_entity")).col(Alias::new("series")).col(Alias::new("year")),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            table("journal_entries")
                .col(id("id").primary_key())
                .col(date("entry_date"))
                .col(text("kind"))
                .col(text("reference"))
                .col(ColumnDef::new(Alias::new("document_id")).uuid().null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("journal_entries_document", "journal_entries", &["document_id"])).await?;

        m.create_table(
            table("journal_lines")
                .col(id("entry_id"))
                .col(int("position"))
                .col(text("account"))
                .col(ColumnDef::new(Alias::new("sub_account")).uuid().null())
                .col(minor("amount_minor"))
                .col(text("currency"))
                .primary_key(Index::create().col(Alias::new("entry_id")).col(Alias::new("position")))
                .to_owned(),
        )
        .await?;
        m.create_index(index("journal_lines_account", "journal_lines", &["account", "sub_account"])).await?;

        m.create_table(
            table("idempotency_keys")
                .col(text("key").primary_key())
                .col(text("request_hash"))
                .col(int("status_code"))
                .col(ColumnDef::new(Alias::new("response_body")).text().not_null())
                .col(ColumnDef::new(Alias::new("created_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "idempotency_keys",
            "journal_lines",
            "journal_entries",
            "number_sequences",
            "credit_notes",
            "payments",
            "invoice_lines",
            "invoices",
            "clients",
            "activities",
            "members",
        ] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}
