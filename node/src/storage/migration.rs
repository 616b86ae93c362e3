//! Schema migrations. Each migration is written out with sea-query, not derived
//! from the entities, so that a later change to an entity cannot change what an
//! old migration did.

use sea_orm_migration::prelude::*;

/// All migrations, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(M0001Foundation),
            Box::new(M0002Work),
            Box::new(M0003Payroll),
            Box::new(M0004Contracts),
            Box::new(M0005Expenses),
            Box::new(M0006Dunning),
            Box::new(M0007QuarterlyReturns),
            Box::new(M0008PayrollLists),
            Box::new(M0009Corrections),
            Box::new(M0010RunningTotals),
            Box::new(M0011MemberAddress),
        ]
    }
}

/// Members, shares, activities, clients, invoices, payments, credit notes,
/// number series, the journal and idempotency keys.
struct M0001Foundation;

impl MigrationName for M0001Foundation {
    fn name(&self) -> &str {
        "m0001_foundation"
    }
}

fn id(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).uuid().not_null().to_owned()
}
fn text(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).string().not_null().to_owned()
}
fn opt_text(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).string().null().to_owned()
}
fn minor(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).big_integer().not_null().to_owned()
}
fn int(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).integer().not_null().to_owned()
}
fn date(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).date().not_null().to_owned()
}
fn opt_date(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).date().null().to_owned()
}

fn table(name: &str) -> TableCreateStatement {
    Table::create().table(Alias::new(name)).to_owned()
}

fn index(name: &str, table: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut idx = Index::create().name(name).table(Alias::new(table)).to_owned();
    for c in cols {
        idx.col(Alias::new(*c));
    }
    idx
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

/// Work declarations and their periods, employment contracts, hiring
/// declarations; the identity a hiring declaration needs on members.
struct M0002Work;

impl MigrationName for M0002Work {
    fn name(&self) -> &str {
        "m0002_work"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0002Work {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [opt_text("national_id"), ColumnDef::new(Alias::new("birth_date")).date().null().to_owned()] {
            m.alter_table(Table::alter().table(Alias::new("members")).add_column(column).to_owned()).await?;
        }
        m.create_table(
            table("work_declarations")
                .col(id("id").primary_key())
                .col(id("activity_id"))
                .col(id("member_id"))
                .col(ColumnDef::new(Alias::new("client_id")).uuid().null())
                .col(text("function"))
                .col(text("place"))
                .col(text("work_country"))
                .col(text("risks"))
                .col(text("worker_category"))
                .col(minor("budget_minor"))
                .col(text("currency"))
                .col(text("status"))
                .col(opt_text("return_reason"))
                .col(ColumnDef::new(Alias::new("contract_id")).uuid().null())
                .col(ColumnDef::new(Alias::new("submitted_at")).date_time().not_null())
                .col(ColumnDef::new(Alias::new("decided_at")).date_time().null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("work_declarations_activity", "work_declarations", &["activity_id"])).await?;
        m.create_table(
            table("work_periods")
                .col(id("declaration_id"))
                .col(int("position"))
                .col(date("work_date"))
                .col(ColumnDef::new(Alias::new("start_time")).time().not_null())
                .col(ColumnDef::new(Alias::new("end_time")).time().not_null())
                .primary_key(Index::create().col(Alias::new("declaration_id")).col(Alias::new("position")))
                .to_owned(),
        )
        .await?;
        m.create_table(
            table("contracts")
                .col(id("id").primary_key())
                .col(id("declaration_id"))
                .col(id("member_id"))
                .col(id("activity_id"))
                .col(text("kind"))
                .col(text("worker_category"))
                .col(ColumnDef::new(Alias::new("starts_at")).date_time().not_null())
                .col(ColumnDef::new(Alias::new("ends_at")).date_time().not_null())
                .col(minor("budget_minor"))
                .col(minor("gross_minor"))
                .col(text("currency"))
                .col(text("status"))
                .col(ColumnDef::new(Alias::new("created_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("contracts_declaration", "contracts", &["declaration_id"]).unique().to_owned()).await?;
        m.create_index(index("contracts_member", "contracts", &["member_id"])).await?;
        m.create_table(
            table("hiring_declarations")
                .col(id("id").primary_key())
                .col(id("contract_id"))
                .col(text("action"))
                .col(text("format"))
                .col(ColumnDef::new(Alias::new("content")).text().not_null())
                .col(ColumnDef::new(Alias::new("declared_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("hiring_declarations_contract", "hiring_declarations", &["contract_id"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["hiring_declarations", "contracts", "work_periods", "work_declarations"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        for column in ["national_id", "birth_date"] {
            m.alter_table(Table::alter().table(Alias::new("members")).drop_column(Alias::new(column)).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// Payroll runs and payslips (with the legal sources their lines cite, stored
/// once), the guarantee fund's movements, and what payroll needs of a member:
/// household and bank account.
struct M0003Payroll;

impl MigrationName for M0003Payroll {
    fn name(&self) -> &str {
        "m0003_payroll"
    }
}

fn int_default(name: &str, value: i32) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).integer().not_null().default(value).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for M0003Payroll {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let member_columns = [
            opt_text("iban"),
            ColumnDef::new(Alias::new("family_situation")).string().not_null().default("single").to_owned(),
            int_default("children", 0),
            int_default("disabled_children", 0),
            int_default("dependants_over_65", 0),
            int_default("other_dependants", 0),
            ColumnDef::new(Alias::new("disabled")).boolean().not_null().default(false).to_owned(),
            ColumnDef::new(Alias::new("partner_disabled")).boolean().not_null().default(false).to_owned(),
        ];
        for column in member_columns {
            m.alter_table(Table::alter().table(Alias::new("members")).add_column(column).to_owned()).await?;
        }
        m.create_table(
            table("payroll_runs")
                .col(id("id").primary_key())
                .col(text("period"))
                .col(date("through"))
                .col(date("pay_date"))
                .col(text("status"))
                .col(int("payslips"))
                .col(ColumnDef::new(Alias::new("started_at")).date_time().not_null())
                .col(ColumnDef::new(Alias::new("completed_at")).date_time().null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("payroll_runs_key", "payroll_runs", &["period", "through"]).unique().to_owned()).await?;
        m.create_table(
            table("legal_sources")
                .col(ColumnDef::new(Alias::new("id")).big_integer().not_null().primary_key())
                .col(ColumnDef::new(Alias::new("text")).text().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("legal_sources_text", "legal_sources", &["text"]).unique().to_owned()).await?;
        m.create_table(
            table("payslips")
                .col(id("id").primary_key())
                .col(id("run_id"))
                .col(id("contract_id"))
                .col(id("member_id"))
                .col(id("activity_id"))
                .col(text("period"))
                .col(date("work_end"))
                .col(date("deadline"))
                .col(date("pay_date"))
                .col(text("worker_category"))
                .col(minor("gross_minor"))
                .col(minor("taxable_minor"))
                .col(minor("net_minor"))
                .col(minor("employer_cost_minor"))
                .col(text("currency"))
                .col(ColumnDef::new(Alias::new("lines")).text().not_null())
                .col(id("entry_id"))
                .col(text("status"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("payslips_contract_period", "payslips", &["contract_id", "period"]).unique().to_owned())
            .await?;
        m.create_index(index("payslips_run", "payslips", &["run_id"])).await?;
        m.create_index(index("payslips_activity", "payslips", &["activity_id"])).await?;
        m.create_index(index("payslips_member", "payslips", &["member_id"])).await?;
        m.create_table(
            table("fund_movements")
                .col(id("id").primary_key())
                .col(id("activity_id"))
                .col(text("kind"))
                .col(minor("amount_minor"))
                .col(text("currency"))
                .col(date("movement_date"))
                .col(ColumnDef::new(Alias::new("payslip_id")).uuid().null())
                .col(ColumnDef::new(Alias::new("invoice_id")).uuid().null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("fund_movements_activity", "fund_movements", &["activity_id"])).await?;
        m.create_index(index("contracts_ends_at", "contracts", &["ends_at", "id"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["fund_movements", "payslips", "legal_sources", "payroll_runs"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        m.drop_index(Index::drop().name("contracts_ends_at").table(Alias::new("contracts")).to_owned()).await?;
        for column in [
            "iban",
            "family_situation",
            "children",
            "disabled_children",
            "dependants_over_65",
            "other_dependants",
            "disabled",
            "partner_disabled",
        ] {
            m.alter_table(Table::alter().table(Alias::new("members")).drop_column(Alias::new(column)).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// Stabilised monthly contracts and their year-end true-ups; payslips of more
/// than one kind per contract and month; partner platforms, their enrolled
/// workers and their batches of hours; signed order forms the fund advances on.
struct M0004Contracts;

impl MigrationName for M0004Contracts {
    fn name(&self) -> &str {
        "m0004_contracts"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0004Contracts {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let kind =
            ColumnDef::new(Alias::new("contract_kind")).string().not_null().default("per_performance").to_owned();
        m.alter_table(Table::alter().table(Alias::new("work_declarations")).add_column(kind).to_owned()).await?;
        let framework = ColumnDef::new(Alias::new("framework_id")).uuid().null().to_owned();
        m.alter_table(Table::alter().table(Alias::new("contracts")).add_column(framework).to_owned()).await?;
        let kind = ColumnDef::new(Alias::new("kind")).string().not_null().default("regular").to_owned();
        m.alter_table(Table::alter().table(Alias::new("payslips")).add_column(kind).to_owned()).await?;
        // The NSSO's Dimona period numbers for an IN: an OUT, UPDATE or CANCEL names them.
        let acknowledged = ColumnDef::new(Alias::new("period_ids")).string().null().to_owned();
        m.alter_table(Table::alter().table(Alias::new("hiring_declarations")).add_column(acknowledged).to_owned())
            .await?;
        m.drop_index(Index::drop().name("payslips_contract_period").table(Alias::new("payslips")).to_owned()).await?;
        m.create_index(
            index("payslips_contract_period_kind", "payslips", &["contract_id", "period", "kind"]).unique().to_owned(),
        )
        .await?;
        m.create_table(
            table("true_ups")
                .col(id("id").primary_key())
                .col(id("contract_id"))
                .col(int("year"))
                .col(minor("earned_minor"))
                .col(minor("costs_minor"))
                .col(text("outcome"))
                .col(minor("amount_minor"))
                .col(text("currency"))
                .col(ColumnDef::new(Alias::new("payslip_id")).uuid().null())
                .col(ColumnDef::new(Alias::new("created_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("true_ups_contract_year", "true_ups", &["contract_id", "year"]).unique().to_owned())
            .await?;
        m.create_table(
            table("platforms")
                .col(id("id").primary_key())
                .col(text("name"))
                .col(id("client_id"))
                .col(text("token_hash"))
                .col(minor("hourly_rate_minor"))
                .col(text("currency"))
                .col(text("vat_category"))
                .col(text("worker_category"))
                .col(text("function"))
                .col(ColumnDef::new(Alias::new("created_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("platforms_token", "platforms", &["token_hash"]).unique().to_owned()).await?;
        m.create_table(
            table("platform_workers")
                .col(id("platform_id"))
                .col(text("worker_ref"))
                .col(id("member_id"))
                .col(id("activity_id"))
                .col(id("contract_id"))
                .col(ColumnDef::new(Alias::new("enrolled_at")).date_time().not_null())
                .primary_key(Index::create().col(Alias::new("platform_id")).col(Alias::new("worker_ref")))
                .to_owned(),
        )
        .await?;
        m.create_table(
            table("order_forms")
                .col(id("id").primary_key())
                .col(id("activity_id"))
                .col(id("client_id"))
                .col(text("reference"))
                .col(minor("amount_minor"))
                .col(minor("advance_minor"))
                .col(text("currency"))
                .col(date("signed_on"))
                .col(text("status"))
                .col(ColumnDef::new(Alias::new("invoice_id")).uuid().null())
                .col(ColumnDef::new(Alias::new("created_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("order_forms_activity", "order_forms", &["activity_id", "status"])).await?;
        m.create_table(
            table("platform_batches")
                .col(id("platform_id"))
                .col(text("batch_id"))
                .col(text("body_hash"))
                .col(int("accepted"))
                .col(int("rejected"))
                .col(ColumnDef::new(Alias::new("result")).text().not_null())
                .col(ColumnDef::new(Alias::new("received_at")).date_time().not_null())
                .primary_key(Index::create().col(Alias::new("platform_id")).col(Alias::new("batch_id")))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["platform_batches", "order_forms", "platform_workers", "platforms", "true_ups"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        m.drop_index(Index::drop().name("payslips_contract_period_kind").table(Alias::new("payslips")).to_owned())
            .await?;
        m.create_index(index("payslips_contract_period", "payslips", &["contract_id", "period"]).unique().to_owned())
            .await?;
        for (t, c) in [
            ("payslips", "kind"),
            ("hiring_declarations", "period_ids"),
            ("contracts", "framework_id"),
            ("work_declarations", "contract_kind"),
        ] {
            m.alter_table(Table::alter().table(Alias::new(t)).drop_column(Alias::new(c)).to_owned()).await?;
        }
        Ok(())
    }
}

/// Members' expense claims: what was spent, the quantity and the rate that priced it,
/// the advisor's decision and the journal entry that repaid it.
struct M0005Expenses;

impl MigrationName for M0005Expenses {
    fn name(&self) -> &str {
        "m0005_expenses"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0005Expenses {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("expense_claims")
                .col(id("id").primary_key())
                .col(id("activity_id"))
                .col(id("member_id"))
                .col(text("kind"))
                .col(date("claim_date"))
                .col(ColumnDef::new(Alias::new("description")).text().not_null())
                .col(opt_text("receipt"))
                // Kilometres are a decimal kept as text, so they never pass through a float.
                .col(opt_text("kilometres"))
                .col(opt_text("country"))
                .col(ColumnDef::new(Alias::new("days")).integer().null())
                .col(ColumnDef::new(Alias::new("spent_minor")).big_integer().null())
                .col(minor("amount_minor"))
                .col(text("currency"))
                .col(opt_text("rate"))
                .col(ColumnDef::new(Alias::new("rate_source")).text().null())
                .col(text("status"))
                .col(ColumnDef::new(Alias::new("reason")).text().null())
                .col(ColumnDef::new(Alias::new("submitted_at")).date_time().not_null())
                .col(ColumnDef::new(Alias::new("decided_at")).date_time().null())
                .col(ColumnDef::new(Alias::new("entry_id")).uuid().null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("expense_claims_activity", "expense_claims", &["activity_id"])).await?;
        m.create_index(index("expense_claims_status", "expense_claims", &["status", "submitted_at"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("expense_claims")).to_owned()).await
    }
}

/// Dunning: the steps sent for each overdue invoice (one per level, never twice) and the
/// advisors' status of each invoice they acted on.
struct M0006Dunning;

impl MigrationName for M0006Dunning {
    fn name(&self) -> &str {
        "m0006_dunning"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0006Dunning {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("dunning_steps")
                .col(id("id").primary_key())
                .col(id("invoice_id"))
                .col(int("level"))
                .col(text("kind"))
                .col(date("sent_on"))
                .col(ColumnDef::new(Alias::new("by_post")).boolean().not_null())
                .col(minor("outstanding_minor"))
                .col(ColumnDef::new(Alias::new("fee_minor")).big_integer().null())
                .col(minor("interest_minor"))
                .col(opt_date("interest_from"))
                .col(ColumnDef::new(Alias::new("damages_minor")).big_integer().null())
                .col(text("currency"))
                .col(ColumnDef::new(Alias::new("source")).text().not_null())
                .col(ColumnDef::new(Alias::new("created_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(
            index("dunning_steps_invoice_level", "dunning_steps", &["invoice_id", "level"]).unique().to_owned(),
        )
        .await?;
        m.create_table(
            table("dunning_statuses")
                .col(id("invoice_id").primary_key())
                .col(text("status"))
                .col(ColumnDef::new(Alias::new("reason")).text().null())
                .col(ColumnDef::new(Alias::new("updated_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["dunning_statuses", "dunning_steps"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}

/// The quarterly social security returns (Belgium: DmfA) built from a quarter's
/// payslips, every version kept: a second build of a quarter is a correction.
struct M0007QuarterlyReturns;

impl MigrationName for M0007QuarterlyReturns {
    fn name(&self) -> &str {
        "m0007_quarterly_returns"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0007QuarterlyReturns {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("quarterly_returns")
                .col(id("id").primary_key())
                .col(text("quarter"))
                .col(int("version"))
                .col(text("format"))
                .col(text("media_type"))
                .col(ColumnDef::new(Alias::new("content")).text().not_null())
                .col(int("payslips"))
                .col(int("workers"))
                .col(text("currency"))
                .col(minor("gross_minor"))
                .col(minor("contribution_base_minor"))
                .col(minor("employee_contribution_minor"))
                .col(minor("employer_contribution_minor"))
                .col(minor("special_contribution_minor"))
                .col(minor("work_bonus_minor"))
                .col(ColumnDef::new(Alias::new("created_at")).date_time().not_null())
                .to_owned(),
        )
        .await?;
        m.create_index(
            index("quarterly_returns_version", "quarterly_returns", &["quarter", "version"]).unique().to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("quarterly_returns")).to_owned()).await
    }
}

/// A later payroll run the same day: runs are keyed by (period, cut-off,
/// sequence), so once a run is complete, work that became payable after it
/// (hours posted later that day) is paid by the next sequence instead of
/// waiting for tomorrow's cut-off. Indexes for the payroll lists' filters.
struct M0008PayrollLists;

impl MigrationName for M0008PayrollLists {
    fn name(&self) -> &str {
        "m0008_payroll_lists"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0008PayrollLists {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter().table(Alias::new("payroll_runs")).add_column(int_default("sequence", 1)).to_owned(),
        )
        .await?;
        m.drop_index(Index::drop().name("payroll_runs_key").table(Alias::new("payroll_runs")).to_owned()).await?;
        m.create_index(
            index("payroll_runs_key_sequence", "payroll_runs", &["period", "through", "sequence"]).unique().to_owned(),
        )
        .await?;
        m.create_index(index("contracts_activity", "contracts", &["activity_id"])).await?;
        m.create_index(index("work_declarations_member", "work_declarations", &["member_id"])).await?;
        m.create_index(index("payslips_period", "payslips", &["period"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in [
            ("payslips_period", "payslips"),
            ("work_declarations_member", "work_declarations"),
            ("contracts_activity", "contracts"),
            ("payroll_runs_key_sequence", "payroll_runs"),
        ] {
            m.drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned()).await?;
        }
        m.create_index(index("payroll_runs_key", "payroll_runs", &["period", "through"]).unique().to_owned()).await?;
        m.alter_table(Table::alter().table(Alias::new("payroll_runs")).drop_column(Alias::new("sequence")).to_owned())
            .await?;
        Ok(())
    }
}

/// Corrections of clients and members, each kept in a history (who, when, old and
/// new values), and the buyer of each invoice as it stood when the invoice was issued,
/// so that correcting a client never changes an issued document.
struct M0009Corrections;

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

/// Running totals of each activity (budget, received, spent, lost, advance) and
/// of the guarantee fund, so that a write reads them in one row instead of
/// summing history; back-filled here from the journal and the documents of an
/// existing database. The back-fill is written in SQL of its own, apart from
/// `service::audit`, so that `partage check` verifies it independently.
struct M0010RunningTotals;

impl MigrationName for M0010RunningTotals {
    fn name(&self) -> &str {
        "m0010_running_totals"
    }
}

/// One activity's back-filled totals.
#[derive(Default)]
struct Backfill {
    currency: String,
    budget: i64,
    received: i64,
    spent: i64,
    lost: i64,
    advanced: i64,
}

fn overflow() -> DbErr {
    DbErr::Custom("a back-filled total overflows".into())
}

async fn query(m: &SchemaManager<'_>, sql: &str) -> Result<Vec<sea_orm::QueryResult>, DbErr> {
    use sea_orm::ConnectionTrait;
    let c = m.get_connection();
    c.query_all(sea_orm::Statement::from_string(c.get_database_backend(), sql.to_owned())).await
}

#[async_trait::async_trait]
impl MigrationTrait for M0010RunningTotals {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use partage_core::guarantee_fund::budget_received;
        use partage_core::{Currency, Money};
        use std::collections::BTreeMap;
        m.create_table(
            table("activity_totals")
                .col(id("activity_id").primary_key())
                .col(text("currency"))
                .col(minor("budget_minor"))
                .col(minor("received_minor"))
                .col(minor("spent_minor"))
                .col(minor("lost_minor"))
                .col(minor("advanced_minor"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            table("fund_totals")
                .col(text("currency").primary_key())
                .col(minor("balance_minor"))
                .col(minor("endowed_minor"))
                .col(minor("share_received_minor"))
                .col(minor("advanced_minor"))
                .col(minor("recovered_minor"))
                .col(minor("lost_minor"))
                .to_owned(),
        )
        .await?;

        // An order form's advance counts what every open order form promised:
        // read through this index, it costs the open forms, not all forms ever signed.
        m.create_index(index("order_forms_status", "order_forms", &["status"])).await?;

        let mut acts: BTreeMap<uuid::Uuid, Backfill> = BTreeMap::new();
        let mut fund: BTreeMap<String, [i64; 6]> = BTreeMap::new();
        let get_i = |r: &sea_orm::QueryResult, col: &str| r.try_get::<i64>("", col);
        for r in query(
            m,
            "SELECT sub_account AS activity_id, currency, CAST(SUM(amount_minor) AS BIGINT) AS total \
             FROM journal_lines WHERE account = 'activity_budget' AND sub_account IS NOT NULL \
             GROUP BY sub_account, currency",
        )
        .await?
        {
            let a = acts.entry(r.try_get("", "activity_id")?).or_default();
            a.currency = r.try_get("", "currency")?;
            a.budget = a.budget.checked_sub(get_i(&r, "total")?).ok_or_else(overflow)?;
        }
        for r in query(
            m,
            "SELECT activity_id, currency, gross_minor, budget_minor, fund_minor, paid_minor FROM invoices \
             WHERE status IN ('issued', 'partly_paid', 'paid', 'written_off')",
        )
        .await?
        {
            let code: String = r.try_get("", "currency")?;
            let currency: Currency = code.parse().map_err(|_| DbErr::Custom(format!("currency '{code}'")))?;
            let m = |col: &str| get_i(&r, col).map(|v| Money::from_minor(v, currency));
            let (gross, paid) = (m("gross_minor")?, m("paid_minor")?);
            let err = |e: partage_core::money::MoneyError| DbErr::Custom(e.to_string());
            let budget = budget_received(gross, m("budget_minor")?, paid).map_err(err)?.to_minor().map_err(err)?;
            let share = budget_received(gross, m("fund_minor")?, paid).map_err(err)?.to_minor().map_err(err)?;
            let a = acts.entry(r.try_get("", "activity_id")?).or_default();
            a.currency.clone_from(&code);
            a.received = a.received.checked_add(budget).ok_or_else(overflow)?;
            let f = fund.entry(code).or_default();
            f[2] = f[2].checked_add(share).ok_or_else(overflow)?;
        }
        for sql in [
            "SELECT activity_id, currency, CAST(SUM(employer_cost_minor) AS BIGINT) AS total FROM payslips \
             GROUP BY activity_id, currency",
            "SELECT activity_id, currency, CAST(SUM(amount_minor) AS BIGINT) AS total FROM expense_claims \
             WHERE status = 'reimbursed' GROUP BY activity_id, currency",
        ] {
            for r in query(m, sql).await? {
                let a = acts.entry(r.try_get("", "activity_id")?).or_default();
                a.currency = r.try_get("", "currency")?;
                a.spent = a.spent.checked_add(get_i(&r, "total")?).ok_or_else(overflow)?;
            }
        }
        for r in query(
            m,
            "SELECT activity_id, kind, currency, CAST(SUM(amount_minor) AS BIGINT) AS total FROM fund_movements \
             GROUP BY activity_id, kind, currency",
        )
        .await?
        {
            let code: String = r.try_get("", "currency")?;
            let kind: String = r.try_get("", "kind")?;
            let total = get_i(&r, "total")?;
            let a = acts.entry(r.try_get("", "activity_id")?).or_default();
            a.currency.clone_from(&code);
            let f = fund.entry(code).or_default();
            match kind.as_str() {
                "advance" => {
                    a.advanced = a.advanced.checked_add(total).ok_or_else(overflow)?;
                    f[3] = f[3].checked_add(total).ok_or_else(overflow)?;
                }
                "recovery" => {
                    a.advanced = a.advanced.checked_sub(total).ok_or_else(overflow)?;
                    f[4] = f[4].checked_add(total).ok_or_else(overflow)?;
                }
                "loss" => {
                    a.advanced = a.advanced.checked_sub(total).ok_or_else(overflow)?;
                    a.lost = a.lost.checked_add(total).ok_or_else(overflow)?;
                    f[5] = f[5].checked_add(total).ok_or_else(overflow)?;
                }
                other => return Err(DbErr::Custom(format!("fund movement of kind '{other}'"))),
            }
        }
        for (sql, slot) in [
            (
                "SELECT currency, CAST(SUM(amount_minor) AS BIGINT) AS total FROM journal_lines \
                 WHERE account = 'guarantee_fund' GROUP BY currency",
                0,
            ),
            (
                "SELECT currency, CAST(SUM(amount_minor) AS BIGINT) AS total FROM journal_lines \
                 WHERE account = 'guarantee_fund' AND entry_id IN \
                 (SELECT id FROM journal_entries WHERE kind = 'fund_endowed') GROUP BY currency",
                1,
            ),
        ] {
            for r in query(m, sql).await? {
                let f = fund.entry(r.try_get("", "currency")?).or_default();
                if let Some(v) = f.get_mut(slot) {
                    *v = v.checked_sub(get_i(&r, "total")?).ok_or_else(overflow)?;
                }
            }
        }

        let backend = m.get_database_backend();
        let rows: Vec<_> = acts.into_iter().collect();
        for part in rows.chunks(500) {
            let mut insert = Query::insert();
            insert.into_table(Alias::new("activity_totals")).columns(
                [
                    "activity_id",
                    "currency",
                    "budget_minor",
                    "received_minor",
                    "spent_minor",
                    "lost_minor",
                    "advanced_minor",
                ]
                .map(Alias::new),
            );
            for (id, a) in part {
                insert
                    .values([
                        (*id).into(),
                        a.currency.clone().into(),
                        a.budget.into(),
                        a.received.into(),
                        a.spent.into(),
                        a.lost.into(),
                        a.advanced.into(),
                    ])
                    .map_err(|e| DbErr::Custom(e.to_string()))?;
            }
            sea_orm::ConnectionTrait::execute(m.get_connection(), backend.build(&insert)).await?;
        }
        for (code, f) in fund {
            let mut insert = Query::insert();
            insert.into_table(Alias::new("fund_totals")).columns(
                [
                    "currency",
                    "balance_minor",
                    "endowed_minor",
                    "share_received_minor",
                    "advanced_minor",
                    "recovered_minor",
                    "lost_minor",
                ]
                .map(Alias::new),
            );
            let mut values: Vec<SimpleExpr> = vec![code.into()];
            values.extend(f.iter().map(|v| SimpleExpr::from(*v)));
            insert.values(values).map_err(|e| DbErr::Custom(e.to_string()))?;
            sea_orm::ConnectionTrait::execute(m.get_connection(), backend.build(&insert)).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["fund_totals", "activity_totals"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        m.drop_index(Index::drop().name("order_forms_status").table(Alias::new("order_forms")).to_owned()).await
    }
}

/// A member's home address, which a Belgian payslip must show: optional, since members
/// recorded before it have none until they give it.
struct M0011MemberAddress;

impl MigrationName for M0011MemberAddress {
    fn name(&self) -> &str {
        "m0011_member_address"
    }
}

/// The address columns, in the order they are added.
const MEMBER_ADDRESS_COLUMNS: [&str; 4] = ["address_street", "address_postal_code", "address_city", "address_country"];

#[async_trait::async_trait]
impl MigrationTrait for M0011MemberAddress {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        for column in MEMBER_ADDRESS_COLUMNS {
            m.alter_table(
                Table::alter()
                    .table(Alias::new("members"))
                    .add_column(ColumnDef::new(Alias::new(column)).text().null())
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in MEMBER_ADDRESS_COLUMNS.iter().rev() {
            m.alter_table(Table::alter().table(Alias::new("members")).drop_column(Alias::new(*column)).to_owned())
                .await?;
        }
        Ok(())
    }
}
