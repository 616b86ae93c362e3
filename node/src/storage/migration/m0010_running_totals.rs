//! Migration `m0010_running_totals`; the doc of its struct below says what it changes and why.

use super::*;

/// Running totals of each activity (budget, received, spent, lost, advance) and
/// of the guarantee fund, so that a write reads them in one row instead of
/// summing history; back-filled here from the journal and the documents of an
/// existing database. The back-fill is written in SQL of its own, apart from
/// `service::audit`, so that `partage check` verifies it independently.
pub(super) struct M0010RunningTotals;

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
