//! Input validation of the domain (issue 10, defects 2 to 5): what a hostile or
//! careless client sends is refused with a problem naming the field, and what the
//! node writes out cannot be turned against its readers.

use crate::common::{start, Db};
use crate::member_account::parse_csv;
use crate::on_both_databases;
use serde_json::json;

async fn an_activity_named_like_a_formula_is_text_in_the_account_csv(db: Db) {
    let t = start(db).await;
    let member = t.member("formula@example.org").await;
    let name = "=HYPERLINK(\"http://evil.example\",\"click\")";
    let activity = t.activity(&member, name).await;
    let client = t.belgian_client().await;
    let invoice = t.draft(&activity, &client, "100.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(&format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    let csv = t.get(format!("/members/{member}/account.csv?from=2026-03&to=2026-03")).await;
    assert_eq!(csv.status, 200, "{}", csv.text);
    let records = parse_csv(&csv.text);
    let row = records.iter().find(|r| r.get(1).is_some_and(|c| c.contains("HYPERLINK"))).expect(&csv.text);
    assert_eq!(row[1], format!("'{name}"), "a leading quote makes the cell text");
    // Amounts keep their sign and stay numbers.
    assert!(row.iter().skip(3).all(|c| !c.starts_with('\'')), "{row:?}");
}

on_both_databases!(an_activity_named_like_a_formula_is_text_in_the_account_csv);
