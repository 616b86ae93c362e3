//! A member's account statement, per activity and month, as JSON and as CSV: each
//! cell from known inputs (invoice amounts, the 6.5 % fee, the payslip), the budget
//! identities, and the CSV equal to the JSON cell by cell.

use crate::common::{start, Db};
use crate::on_both_databases;
use crate::quarterly_returns::{cents, contract, invoice, payroll, worker};
use serde_json::{json, Value};

const COLUMNS: [&str; 15] = [
    "invoiced",
    "fee",
    "expenses",
    "budget",
    "gross",
    "employer_contributions",
    "employee_contributions",
    "withholding",
    "net",
    "fund_advances",
    "fund_recoveries",
    "employer_other_costs",
    "employer_cost",
    "fund_losses",
    "other_budget_changes",
];

/// Parses RFC 4180 CSV: CRLF records, quoted fields with doubled quotes.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "records end with CRLF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && record.is_empty(), "the last record ends with CRLF");
    records
}

fn row<'a>(account: &'a Value, activity: &str, month: &str) -> &'a Value {
    account["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["activity_id"] == activity && r["month"] == month)
        .unwrap_or_else(|| panic!("no row {activity} {month} in {account:#}"))
}

/// Asserts the identities every row and total keeps.
fn assert_identities(flows: &Value) {
    let c = |name: &str| cents(&flows[name]);
    assert_eq!(
        c("budget"),
        c("invoiced") - c("fee") - c("expenses") - c("employer_cost") + c("other_budget_changes"),
        "{flows}"
    );
    assert_eq!(c("employer_cost"), c("gross") + c("employer_contributions") + c("employer_other_costs"), "{flows}");
    assert_eq!(c("net"), c("gross") - c("employee_contributions") - c("withholding"), "{flows}");
}

/// The 6.5 % fee of an amount in cents, rounded half up.
fn fee(invoiced: i64) -> i64 {
    (invoiced * 65 + 500) / 1000
}

async fn a_members_account_shows_every_flow_per_activity_and_month_in_json_and_csv(db: Db) {
    let t = start(db).await; // Monday 2 March 2026
    let member = worker(&t, "account@example.org", "Wouters", "85.07.30-033.28", "1985-07-30").await;
    let duo = t.activity(&member, "Duo \"Live\", Brussels").await;
    let atelier = t.activity(&member, "Atelier").await;
    let client = t.belgian_client().await;
    let march = invoice(&t, &duo, &client, "5000.00").await;
    let returned = invoice(&t, &atelier, &client, "400.00").await;
    let k = contract(
        &t,
        &duo,
        "white-collar",
        "3000.00",
        &[("2026-03-10", "09:00", "17:00"), ("2026-03-11", "09:00", "17:00")],
    )
    .await;
    // Friday 13 March: the wage is paid before the client pays; the fund advances the cost.
    let t = t.on_day("2026-03-13").await;
    let slips = payroll(&t, "2026-03").await;
    assert_eq!(slips.len(), 1);
    let slip = &slips[0];
    assert_eq!(slip["contract_id"], k["id"]);
    let cost = cents(&slip["employer_cost"]);
    // April: the client pays March's invoice (the fund is repaid), a new invoice, a credit note.
    let t = t.on_day("2026-04-02").await;
    t.post(format!("/invoices/{march}/payments"), json!({"amount": "6050.00", "currency": "EUR"})).await.ok(201);
    invoice(&t, &duo, &client, "250.00").await;
    t.post(format!("/invoices/{returned}/credit-note"), json!({"reason": "concert cancelled"})).await.ok(201);
    t.balanced().await;

    let account = t.get(format!("/members/{member}/account?from=2026-03&to=2026-04")).await.ok(200).clone();
    assert_eq!(account["member_id"], member.as_str());
    assert_eq!((account["from"].as_str(), account["to"].as_str()), (Some("2026-03"), Some("2026-04")));
    assert_eq!(account["currency"], "EUR");
    let rows = account["rows"].as_array().unwrap();
    let order: Vec<(&str, &str)> =
        rows.iter().map(|r| (r["activity"].as_str().unwrap(), r["month"].as_str().unwrap())).collect();
    assert_eq!(
        order,
        [
            ("Atelier", "2026-03"),
            ("Atelier", "2026-04"),
            ("Duo \"Live\", Brussels", "2026-03"),
            ("Duo \"Live\", Brussels", "2026-04")
        ]
    );
    for r in rows {
        assert_identities(r);
        assert_eq!(r["expenses"], "0.00");
        assert_eq!(r["fund_losses"], "0.00");
        assert_eq!(r["other_budget_changes"], "0.00");
    }

    // Duo, March: the invoice, its fee, the payslip, the fund's advance of the whole cost.
    let r = row(&account, &duo, "2026-03");
    assert_eq!(cents(&r["invoiced"]), 500_000);
    assert_eq!(cents(&r["fee"]), fee(500_000));
    assert_eq!(cents(&r["budget"]), 500_000 - fee(500_000) - cost);
    for (column, field) in [("gross", "gross"), ("net", "net"), ("employer_cost", "employer_cost")] {
        assert_eq!(r[column], slip[field], "{column}");
    }
    let line = |code: &str| {
        slip["lines"].as_array().unwrap().iter().find(|l| l["code"] == code).map_or(0, |l| cents(&l["amount"]))
    };
    assert_eq!(cents(&r["withholding"]), line("withholding_tax"));
    // The employer's social security: the basic contributions, the special ones of the
    // employer's profile and the structural reduction's advance (none here: two days).
    let employer_side = [
        "employer_social",
        "structural_reduction",
        "closing_fund",
        "closing_fund_special",
        "ten_workers_contribution",
        "temporary_unemployment_contribution",
        "asbestos_fund",
        "work_accidents_contribution",
    ];
    assert_eq!(cents(&r["employer_contributions"]), employer_side.iter().map(|c| line(c)).sum::<i64>());
    assert!(line("closing_fund") > 0, "{slip}");
    assert_eq!(
        cents(&r["employee_contributions"]),
        line("employee_social")
            + line("special_social_contribution")
            + line("social_work_bonus_a")
            + line("social_work_bonus_b")
    );
    assert!(cents(&r["withholding"]) > 0 && cents(&r["employee_contributions"]) > 0, "{r}");
    assert_eq!(cents(&r["fund_advances"]), cost);
    assert_eq!(r["fund_recoveries"], "0.00");
    // Duo, April: a new invoice, and the client's payment repays the advance.
    let r = row(&account, &duo, "2026-04");
    assert_eq!(cents(&r["invoiced"]), 25_000);
    assert_eq!(cents(&r["fee"]), fee(25_000));
    assert_eq!(cents(&r["budget"]), 25_000 - fee(25_000));
    assert_eq!(r["gross"], "0.00");
    assert_eq!(r["fund_advances"], "0.00");
    assert_eq!(cents(&r["fund_recoveries"]), cost);
    // Atelier: invoiced in March, credited in April.
    let r = row(&account, &atelier, "2026-03");
    assert_eq!((cents(&r["invoiced"]), cents(&r["fee"]), cents(&r["budget"])), (40_000, 2_600, 37_400));
    let r = row(&account, &atelier, "2026-04");
    assert_eq!((cents(&r["invoiced"]), cents(&r["fee"]), cents(&r["budget"])), (-40_000, -2_600, -37_400));

    // Totals per activity: opening budget zero, closing budget the activity's budget today.
    let activities = account["activities"].as_array().unwrap();
    assert_eq!(activities.len(), 2);
    for a in activities {
        let id = a["activity_id"].as_str().unwrap();
        assert_eq!(a["opening_budget"], "0.00");
        assert_eq!(a["closing_budget"], t.get(format!("/activities/{id}")).await.ok(200)["budget"]);
        assert_identities(&a["totals"]);
        for column in COLUMNS {
            let sum: i64 = rows.iter().filter(|r| r["activity_id"] == id).map(|r| cents(&r[column])).sum();
            assert_eq!(cents(&a["totals"][column]), sum, "{column} of {id}");
        }
    }
    for column in COLUMNS {
        let sum: i64 = rows.iter().map(|r| cents(&r[column])).sum();
        assert_eq!(cents(&account["totals"][column]), sum, "total {column}");
    }
    assert_eq!(cents(&account["totals"]["invoiced"]), 525_000);
    assert_identities(&account["totals"]);

    // The CSV: a header, then the JSON's rows cell by cell.
    let csv = t.get(format!("/members/{member}/account.csv?from=2026-03&to=2026-04")).await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.content_type, "text/csv; charset=utf-8");
    assert!(csv.text.contains("\"Duo \"\"Live\"\", Brussels\""), "quoted: {}", csv.text);
    let records = parse_csv(&csv.text);
    let header: Vec<&str> = ["activity_id", "activity", "month"].into_iter().chain(COLUMNS).collect();
    assert_eq!(records[0], header);
    assert_eq!(records.len(), rows.len() + 1);
    for (record, r) in records[1..].iter().zip(rows) {
        assert_eq!(record.len(), header.len());
        for (cell, name) in record.iter().zip(&header) {
            assert_eq!(cell, r[*name].as_str().unwrap(), "{name}");
        }
    }

    // Without a range: this year. From April: March is the opening budget.
    let year = t.get(format!("/members/{member}/account")).await.ok(200).clone();
    assert_eq!((year["from"].as_str(), year["to"].as_str()), (Some("2026-01"), Some("2026-12")));
    assert_eq!(year["rows"], account["rows"]);
    let april = t.get(format!("/members/{member}/account?from=2026-04&to=2026-04")).await.ok(200).clone();
    assert_eq!(april["rows"].as_array().unwrap().len(), 2);
    let duo_april = april["activities"].as_array().unwrap().iter().find(|a| a["activity_id"] == duo).unwrap();
    assert_eq!(cents(&duo_april["opening_budget"]), 500_000 - fee(500_000) - cost);
    // March alone closes where April opens, though April's lines came after it.
    let march = t.get(format!("/members/{member}/account?from=2026-03&to=2026-03")).await.ok(200).clone();
    let duo_march = march["activities"].as_array().unwrap().iter().find(|a| a["activity_id"] == duo).unwrap();
    assert_eq!(duo_march["opening_budget"], "0.00");
    assert_eq!(duo_march["closing_budget"], duo_april["opening_budget"]);

    // The activity's statement reads the same window: April opens with March's budget,
    // shows April's lines only, and closes with today's budget.
    let st = t.get(format!("/activities/{duo}/statement?from=2026-04&to=2026-04")).await.ok(200).clone();
    assert_eq!((st["from"].as_str(), st["to"].as_str()), (Some("2026-04"), Some("2026-04")));
    assert_eq!(st["opening_balance"], duo_april["opening_budget"]);
    let lines = st["lines"].as_array().unwrap();
    assert!(!lines.is_empty() && lines.iter().all(|l| l["date"].as_str().unwrap().starts_with("2026-04")), "{st:#}");
    let changes: i64 = lines.iter().map(|l| cents(&l["budget_change"])).sum();
    assert_eq!(cents(&st["balance"]), cents(&st["opening_balance"]) + changes);
    assert_eq!(st["balance"], t.get(format!("/activities/{duo}")).await.ok(200)["budget"]);
    assert_eq!(cents(&st["invoiced"]), 25_000, "April's invoice only");
    let st_march = t.get(format!("/activities/{duo}/statement?from=2026-03&to=2026-03")).await.ok(200).clone();
    assert_eq!(st_march["opening_balance"], "0.00");
    assert_eq!(st_march["balance"], st["opening_balance"]);
    // Without a range, this year: every line, opening at zero.
    let st_year = t.get(format!("/activities/{duo}/statement")).await.ok(200).clone();
    assert_eq!((st_year["from"].as_str(), st_year["opening_balance"].as_str()), (Some("2026-01"), Some("0.00")));
    assert_eq!(st_year["balance"], st["balance"]);
    t.get(format!("/activities/{duo}/statement?from=2026-05&to=2026-04")).await.problem(422, "invalid-field");
    // Another member sees none of it.
    let other = t.member("other@example.org").await;
    let empty = t.get(format!("/members/{other}/account")).await.ok(200).clone();
    assert_eq!(empty["rows"], json!([]));
    assert_eq!(empty["totals"]["invoiced"], "0.00");
    let csv = t.get(format!("/members/{other}/account.csv")).await;
    assert_eq!(parse_csv(&csv.text).len(), 1, "the header alone");
}

async fn bad_account_requests_are_refused_and_write_nothing(db: Db) {
    let t = start(db).await;
    let member = t.member("bad-account@example.org").await;
    let before = t.balanced().await;
    for path in ["account", "account.csv"] {
        let missing = uuid::Uuid::now_v7();
        t.get(format!("/members/{missing}/{path}")).await.problem(404, "not-found");
        t.get(format!("/members/not-an-id/{path}")).await.problem(400, "bad-id");
        for (query, field, detail) in [
            ("from=2026-13", "from", "is not a month"),
            ("from=2026-3&to=2026-04", "from", "is not a month"),
            ("to=march", "to", "is not a month"),
            ("from=2026-04&to=2026-03", "to", "is before from"),
            ("from=2023-01&to=2026-01", "to", "at most 36"),
        ] {
            let r = t.get(format!("/members/{member}/{path}?{query}")).await;
            assert!(r.problem(422, "invalid-field").contains(detail), "{query}: {}", r.text);
            assert_eq!(r.body["field"], field, "{query}");
        }
        // 36 months is the most a statement covers, and is allowed.
        t.get(format!("/members/{member}/{path}?from=2023-01&to=2025-12")).await.ok(200);
    }
    assert_eq!(t.balanced().await, before, "nothing was written");
}

on_both_databases!(
    a_members_account_shows_every_flow_per_activity_and_month_in_json_and_csv,
    bad_account_requests_are_refused_and_write_nothing
);
