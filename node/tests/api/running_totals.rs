//! The running totals (activities' budgets and covers, the guarantee fund):
//! `partage check` recomputes them from the journal and names any difference,
//! and the migration that created them back-fills them from an existing journal.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use sea_orm::ConnectionTrait;
use serde_json::{json, Value};

async fn issue(t: &TestNode, activity: &str, client: &str, amount: &str) -> String {
    let id = t.draft(activity, client, amount, "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{id}/issue"), json!(null)).await.ok(200);
    id
}

async fn pay(t: &TestNode, invoice: &str, amount: &str) {
    t.post(format!("/invoices/{invoice}/payments"), json!({"amount": amount, "currency": "EUR"})).await.ok(201);
}

/// An activity with a paid, a partly paid and a cancelled invoice.
async fn some_history(t: &TestNode) -> String {
    let member = t.member("totals@example.org").await;
    let activity = t.activity(&member, "Concerts").await;
    let client = t.belgian_client().await;
    let paid = issue(t, &activity, &client, "1000.00").await;
    pay(t, &paid, "1210.00").await;
    let partly = issue(t, &activity, &client, "333.33").await;
    pay(t, &partly, "100.01").await;
    let cancelled = issue(t, &activity, &client, "50.00").await;
    t.post(format!("/invoices/{cancelled}/credit-note"), json!({"reason": "wrong client"})).await.ok(201);
    activity
}

async fn partage_check_names_a_tampered_total(db: Db) {
    let t = start(db).await;
    let activity = some_history(&t).await;
    t.balanced().await;
    let out = t.command(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.starts_with("ok:"), "{text}");

    // One cent more received than the clients paid, and a fund balance gone wrong.
    let node = t.open_node().await;
    let db = node.store.db();
    db.execute_unprepared("UPDATE activity_totals SET received_minor = received_minor + 1").await.unwrap();
    db.execute_unprepared("UPDATE fund_totals SET balance_minor = balance_minor - 500").await.unwrap();
    let out = t.command(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{text}");
    // 1,000.00 paid in full gives its 935.00 budget; 100.01 paid of 403.33 gives
    // 77.27 of its 311.66 (77.279..., rounded down).
    let received = format!("DIFFERENCE activity {activity} received: stored 101228, journal gives 101227");
    assert!(text.contains(&received), "{text}");
    // The fund's shares: 16.25 of the 65.00 fee and 5.42 of the 21.67 one.
    assert!(text.contains("DIFFERENCE fund balance: stored 1667, journal gives 2167"), "{text}");
    assert!(text.contains("2 difference(s)"), "{text}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2 running total(s) differ from the journal"), "{err}");

    let json = t.command(&["check", "--json"]);
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["differences"][0]["total"], format!("activity {activity} received"));
}

async fn the_migration_back_fills_the_totals_from_the_journal(db: Db) {
    let t = start(db).await;
    let activity = some_history(&t).await;
    let fund = t.get("/guarantee-fund").await.ok(200).clone();
    let budget = t.get(format!("/activities/{activity}")).await.ok(200)["budget"].clone();
    assert_eq!(budget, "1246.66", "935.00 and 311.66 invoiced; the cancelled invoice's budget reversed");

    // A database from before the totals: no tables, the migration not yet run.
    let node = t.open_node().await;
    let db = node.store.db();
    db.execute_unprepared("DROP TABLE activity_totals").await.unwrap();
    db.execute_unprepared("DROP TABLE fund_totals").await.unwrap();
    // What PostgreSQL appended to the totals (m0038) is part of them: gone with them.
    db.execute_unprepared("DELETE FROM activity_total_deltas").await.unwrap();
    db.execute_unprepared("DELETE FROM fund_total_deltas").await.unwrap();
    db.execute_unprepared("DROP INDEX order_forms_status").await.unwrap();
    db.execute_unprepared("DELETE FROM seaql_migrations WHERE version = 'm0010_running_totals'").await.unwrap();

    let node = t.open_node().await; // migrates: creates and back-fills
    let report = partage::service::audit::check(node.store.db(), &node).await.unwrap();
    assert!(report.differences.is_empty(), "{report}");
    assert_eq!(report.activities, 1);
    assert_eq!(t.get("/guarantee-fund").await.ok(200).clone(), fund);
    assert_eq!(t.get(format!("/activities/{activity}")).await.ok(200)["budget"], budget);
    t.balanced().await;
}

/// The journal's debits and credits per account, summed here from its lines.
async fn journal_sums(node: &partage::service::Node) -> Vec<(String, i64, i64)> {
    let rows = node
        .store
        .db()
        .query_all(sea_orm::Statement::from_string(
            node.store.backend(),
            "SELECT account, CAST(SUM(CASE WHEN amount_minor > 0 THEN amount_minor ELSE 0 END) AS BIGINT) AS d, \
             CAST(SUM(CASE WHEN amount_minor < 0 THEN -amount_minor ELSE 0 END) AS BIGINT) AS c \
             FROM journal_lines GROUP BY account ORDER BY account",
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|r| (r.try_get("", "account").unwrap(), r.try_get("", "d").unwrap(), r.try_get("", "c").unwrap()))
        .collect()
}

async fn count(node: &partage::service::Node, table: &str) -> i64 {
    let row = node
        .store
        .db()
        .query_one(sea_orm::Statement::from_string(
            node.store.backend(),
            format!("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM {table}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "n").unwrap()
}

/// The trial balance as (account, debit cents, credit cents), sorted by account.
fn trial_sums(tb: &Value) -> Vec<(String, i64, i64)> {
    let cents = |v: &Value| -> i64 {
        let s = v.as_str().unwrap().replace('.', "");
        s.parse().unwrap()
    };
    let mut out: Vec<(String, i64, i64)> = tb["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["account"].as_str().unwrap().to_owned(), cents(&a["debit"]), cents(&a["credit"])))
        .collect();
    out.sort();
    out
}

async fn the_trial_balance_reads_account_totals_folded_or_not_and_equals_the_journal(db: Db) {
    let t = start(db).await;
    some_history(&t).await;
    let node = t.open_node().await;
    let journal = journal_sums(&node).await;
    assert!(journal.len() >= 5, "{journal:?}");
    // Nothing folded yet: each posting left its deltas.
    assert!(count(&node, "account_deltas").await > 0);
    let before = t.balanced().await.clone();
    assert_eq!(trial_sums(&before), journal);
    assert_eq!(before["entries"], count(&node, "journal_entries").await);
    // Folded a few at a time, then all: the same trial balance at every step.
    while partage::service::ledger::roll_up(&node.store, 3).await.unwrap() > 0 {
        let tb = t.balanced().await.clone();
        assert_eq!(trial_sums(&tb), journal);
        assert_eq!(tb["entries"], before["entries"]);
    }
    assert_eq!(count(&node, "account_deltas").await, 0);
    assert!(count(&node, "account_totals").await >= 5);
    assert_eq!(t.balanced().await.clone(), before);
    // More postings after the fold are added to it.
    let member = t.member("later@example.org").await;
    let activity = t.activity(&member, "Later").await;
    let client = t.belgian_client().await;
    issue(&t, &activity, &client, "10.00").await;
    let after = t.balanced().await.clone();
    assert_eq!(trial_sums(&after), journal_sums(&node).await);
    assert_eq!(after["entries"], count(&node, "journal_entries").await);

    // A folded total gone wrong is named by `partage check`.
    node.store
        .db()
        .execute_unprepared("UPDATE account_totals SET debit_minor = debit_minor + 7 WHERE account = 'bank'")
        .await
        .unwrap();
    let out = t.command(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{text}");
    let journal = journal_sums(&node).await;
    let bank = journal.iter().find(|(a, _, _)| a == "bank").unwrap().1;
    let expected = format!("DIFFERENCE account bank EUR debit: stored {}, journal gives {bank}", bank + 7);
    assert!(text.contains(&expected), "{text}");
}

async fn the_account_totals_migration_folds_an_existing_journal(db: Db) {
    let t = start(db).await;
    some_history(&t).await;
    let before = t.balanced().await.clone();
    let node = t.open_node().await;
    let db = node.store.db();
    db.execute_unprepared("DROP TABLE account_totals").await.unwrap();
    db.execute_unprepared("DROP TABLE account_deltas").await.unwrap();
    db.execute_unprepared("DELETE FROM seaql_migrations WHERE version = 'm0018_account_totals'").await.unwrap();
    let node = t.open_node().await; // migrates: creates and folds
    assert_eq!(count(&node, "account_deltas").await, 0);
    let report = partage::service::audit::check(node.store.db(), &node).await.unwrap();
    assert!(report.differences.is_empty(), "{report}");
    assert_eq!(t.balanced().await.clone(), before);
}

on_both_databases!(
    partage_check_names_a_tampered_total,
    the_migration_back_fills_the_totals_from_the_journal,
    the_trial_balance_reads_account_totals_folded_or_not_and_equals_the_journal,
    the_account_totals_migration_folds_an_existing_journal
);
