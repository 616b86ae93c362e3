//! A stabilised monthly contract over a year with uneven invoicing: a steady
//! salary each month, the guarantee fund advancing it while invoices lag, and
//! the year-end true-up paying a surplus or carrying a shortfall into the next
//! year's salary. The journal sums to zero after every run.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::time::Duration;

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}")).parse().unwrap()
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The last day of a month of 2026 or 2027.
fn month_end(year: i32, month: u32) -> String {
    let next = if month == 12 {
        chrono::NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        chrono::NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.unwrap().pred_opt().unwrap().to_string()
}

/// Starts the month-end run on the month's last day and waits for it.
async fn month_end_run(t: &TestNode, year: i32, month: u32) -> (TestNode, Value, Vec<Value>) {
    let t = t.on_day(&month_end(year, month)).await;
    let r = t.post("/payroll-runs", json!({"period": format!("{year}-{month:02}")})).await;
    assert_eq!(r.status, 202, "{}", r.text);
    let id = r.body["id"].as_str().unwrap().to_owned();
    for _ in 0..400 {
        let v = t.get(format!("/payroll-runs/{id}")).await.ok(200).clone();
        if v["status"] == "completed" {
            let slips = t.get(format!("/payroll-runs/{id}/payslips")).await.ok(200).as_array().unwrap().clone();
            t.balanced().await;
            return (t, v, slips);
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the payroll run of {year}-{month} did not complete");
}

/// A member on a stabilised contract from Friday 2 January 2026, expecting a
/// budget of 24,000.00 a year, declared and validated in December 2025.
async fn stabilised_member(t: &TestNode, email: &str, nn: &str, iban: &str) -> (TestNode, String, String, Value) {
    let t = t.on_day("2025-12-15").await;
    let member = t.member(email).await;
    // The national number starts with the birth date (YYMMDD, born before 2000 here).
    let birth_date = format!("19{}-{}-{}", &nn[0..2], &nn[3..5], &nn[6..8]);
    t.put(format!("/members/{member}/identity"), json!({"national_id": nn, "birth_date": birth_date})).await.ok(200);
    t.put(format!("/members/{member}/payroll"), json!({"iban": iban, "family": "single"})).await.ok(200);
    let activity = t.activity(&member, "Graphic design studio").await;
    let body = json!({"activity_id": activity, "function": "Graphic designer", "place": "Liège", "risks": [],
        "worker_category": "white-collar", "budget": "24000.00", "currency": "EUR", "kind": "stabilised_monthly",
        "periods": [{"date": "2026-01-02", "start": "09:00", "end": "17:00"}]});
    let id = t.post("/work-declarations", body).await.ok(201)["id"].as_str().unwrap().to_owned();
    let contract = t.post(format!("/work-declarations/{id}/validate"), json!(null)).await.ok(200)["contract"].clone();
    (t, member, activity, contract)
}

/// Issues an invoice of `amount` excluding VAT to a new client on `day`; the
/// client pays it, VAT included, the same day.
/// An invoice of `amount` excl. VAT to a Belgian client, issued and paid on `day`.
pub(crate) async fn invoice(t: &TestNode, day: &str, activity: &str, amount: &str) -> TestNode {
    let t = t.on_day(day).await;
    let client = t.belgian_client().await;
    let inv = t.draft(activity, &client, amount, "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    let issued = t.post(format!("/invoices/{inv}/issue"), json!(null)).await.ok(200).clone();
    let total = issued["totals"]["gross"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{inv}/payments"), json!({"amount": total, "currency": "EUR"})).await.ok(201);
    t
}

fn employer_cost(slip: &Value) -> Decimal {
    dec(&slip["employer_cost"])
}

async fn a_stabilised_contract_is_paid_monthly_and_its_surplus_paid_at_year_end(db: Db) {
    let t = crate::common::start_with(db, &crate::quarterly_returns::EMPLOYER).await;
    let (t, _member, activity, contract) =
        stabilised_member(&t, "stable@example.org", "85.07.30-033.28", "BE68 5390 0754 7034").await;
    assert_eq!(contract["kind"], "stabilised_monthly");
    assert_eq!(contract["ends_at"], Value::Null, "open-ended");
    assert_eq!(contract["budget"], "24000.00");
    let filing = &contract["hiring_declarations"][0];
    assert!(filing["declared_at"].as_str().unwrap() < "2026-01-02T09:00:00", "DIMONA before the start");
    let dimona = t.get(format!("/hiring-declarations/{}", filing["id"].as_str().unwrap())).await;
    assert!(!dimona.text.contains("DailyContractNbr"), "an open-ended contract is not a day contract");

    // Uneven invoicing, net of VAT: 6,000 in February, 9,000 in July, 15,000 in
    // November. Less the 6.5 % fee the budget receives 5,610 + 8,415 + 14,025.
    let earned = d("28050.00");
    let invoices = [("2026-02-10", "6000.00"), ("2026-07-06", "9000.00"), ("2026-11-16", "15000.00")];
    let mut t = t;
    let mut costs = Decimal::ZERO;
    for month in 1..=12u32 {
        for (day, amount) in invoices {
            if day.starts_with(&format!("2026-{month:02}")) {
                t = invoice(&t, day, &activity, amount).await;
            }
        }
        if month == 1 {
            // Saturday 31 January, before the run: advisors see the salary due
            // seven working days after the month, on Tuesday 10 February.
            let t = t.on_day("2026-01-31").await;
            let due = t.get("/guarantee-fund/deadlines?within=10").await.ok(200).clone();
            let mine: Vec<&Value> =
                due.as_array().unwrap().iter().filter(|d| d["contract_id"] == contract["id"]).collect();
            assert_eq!(mine.len(), 1, "{due}");
            assert_eq!(mine[0]["work_end"], "2026-01-31");
            assert_eq!(mine[0]["deadline"], "2026-02-10");
        }
        let (next, run, slips) = month_end_run(&t, 2026, month).await;
        t = next;
        if month == 1 {
            let due = t.get("/guarantee-fund/deadlines?within=10").await.ok(200).clone();
            assert!(due.as_array().unwrap().iter().all(|d| d["contract_id"] != contract["id"]), "paid: {due}");
        }
        let regular: Vec<&Value> = slips.iter().filter(|s| s["kind"] == "regular").collect();
        assert_eq!(regular.len(), 1, "one salary in {month}: {slips:?}");
        let slip = regular[0];
        assert_eq!(slip["contract_id"], contract["id"]);
        // A monthly budget is a twelfth of 24,000; January counts from the 2nd:
        // 2,000 × 30/31 = 1,935.48. The pack's gross-up may leave a few cents.
        let budget = if month == 1 { d("1935.48") } else { d("2000.00") };
        let cost = employer_cost(slip);
        assert!(cost <= budget && cost > budget - d("0.50"), "{month}: cost {cost} for a budget of {budget}");
        assert!(slip["paid_within_deadline"].as_bool().unwrap(), "{slip}");
        costs += cost;
        if month == 4 {
            // The first quarter's DmfA declares the open-ended contract with its
            // weekdays from Friday 2 January to 31 March: 63, at 7.6 hours a day.
            let r = t.post("/quarterly-returns", json!({"quarter": "2026-Q1"})).await.ok(201).clone();
            let xml = t.get(format!("/quarterly-returns/{}/xml", r["id"].as_str().unwrap())).await;
            assert_eq!(xml.status, 200);
            crate::common::assert_dmfa_valid(&xml.text);
            assert!(xml.text.contains("<ServiceNbrDays>6300</ServiceNbrDays>"), "{}", xml.text);
            assert!(!xml.text.contains("9999-12-31"), "an open-ended contract has no end");
        }
        if month == 1 {
            // Nothing invoiced yet: the fund advanced the whole salary.
            let fund = t.get("/guarantee-fund").await.ok(200).clone();
            assert_eq!(dec(&fund["open_advances"]), cost);
        }
        if month < 12 {
            assert_eq!(run["payslips"], 1);
            assert!(t
                .get(format!("/contracts/{}/true-ups", contract["id"].as_str().unwrap()))
                .await
                .ok(200)
                .as_array()
                .unwrap()
                .is_empty());
        } else {
            assert_eq!(run["payslips"], 2, "December: the salary and the true-up");
            let surplus = earned - costs;
            let tu = t.get(format!("/contracts/{}/true-ups", contract["id"].as_str().unwrap())).await.ok(200).clone();
            let tu = &tu[0];
            assert_eq!(tu["year"], 2026);
            assert_eq!(tu["outcome"], "pay");
            assert_eq!(dec(&tu["earned"]), earned);
            assert_eq!(dec(&tu["costs"]), costs);
            assert_eq!(dec(&tu["amount"]), surplus);
            let extra = slips.iter().find(|s| s["kind"] == "true_up").unwrap();
            assert_eq!(extra["id"], tu["payslip_id"]);
            let cost = employer_cost(extra);
            assert!(cost <= surplus && cost > surplus - d("0.50"), "true-up cost {cost} for {surplus}");
            assert!(dec(&extra["net"]) > Decimal::ZERO);
            // Everything earned is paid; what is left is the gross-up's cents.
            let tb = t.balanced().await;
            let left = -dec(&TestNode::account(&tb, "activity_budget")["balance"]);
            assert!(left >= Decimal::ZERO && left < d("1.00"), "left in the budget: {left}");
            let fund = t.get("/guarantee-fund").await.ok(200).clone();
            assert_eq!(fund["open_advances"], "0.00", "the invoices cover every salary: {fund}");
        }
    }
    // The December run started again pays nothing twice.
    let again = t.post("/payroll-runs", json!({"period": "2026-12"})).await;
    assert_eq!(again.ok(200)["payslips"], 2);
}

async fn a_shortfall_is_carried_over_and_lowers_next_years_salary(db: Db) {
    let t = start(db).await;
    let (t, _member, activity, contract) =
        stabilised_member(&t, "short@example.org", "90.02.01-003.28", "BE71 0961 2345 6769").await;
    let id = contract["id"].as_str().unwrap().to_owned();
    // Only 12,000 invoiced in the year: the budget receives 11,220.00.
    let mut t = invoice(&t, "2026-04-14", &activity, "12000.00").await;
    let mut costs = Decimal::ZERO;
    for month in 1..=12u32 {
        let (next, _, slips) = month_end_run(&t, 2026, month).await;
        t = next;
        costs += slips.iter().map(employer_cost).sum::<Decimal>();
    }
    let shortfall = costs - d("11220.00");
    let tu = t.get(format!("/contracts/{id}/true-ups")).await.ok(200).clone();
    assert_eq!(tu[0]["outcome"], "carry_over");
    assert_eq!(dec(&tu[0]["amount"]), shortfall);
    assert_eq!(tu[0]["payslip_id"], Value::Null);
    // The fund has advanced exactly the shortfall, and still has it out.
    let fund = t.get("/guarantee-fund").await.ok(200).clone();
    assert_eq!(dec(&fund["open_advances"]), shortfall);
    // January 2027: (24,000 − shortfall) / 12, rounded down to the cent.
    let monthly = ((d("24000.00") - shortfall) / Decimal::from(12))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero);
    let (_t, _, slips) = month_end_run(&t, 2027, 1).await;
    assert_eq!(slips.len(), 1);
    let cost = employer_cost(&slips[0]);
    assert!(cost <= monthly && cost > monthly - d("0.50"), "January 2027 cost {cost} for a budget of {monthly}");
}

on_both_databases!(
    a_stabilised_contract_is_paid_monthly_and_its_surplus_paid_at_year_end,
    a_shortfall_is_carried_over_and_lowers_next_years_salary
);

async fn a_bad_contract_kind_is_refused_and_nothing_is_written(db: Db) {
    let t = start(db).await;
    let member = t.member("kinds@example.org").await;
    t.put(format!("/members/{member}/identity"), json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30"}))
        .await
        .ok(200);
    let activity = t.activity(&member, "Studio").await;
    let body = |kind: &str, days: &[&str]| {
        json!({"activity_id": activity, "function": "Designer", "place": "Liège", "worker_category": "white-collar",
            "budget": "24000.00", "currency": "EUR", "kind": kind,
            "periods": days.iter().map(|d| json!({"date": d, "start": "09:00", "end": "17:00"})).collect::<Vec<_>>()})
    };
    let detail = t.post("/work-declarations", body("monthly", &["2026-04-01"])).await.problem(422, "invalid-field");
    assert!(detail.contains("stabilised_monthly"), "{detail}");
    let detail = t
        .post("/work-declarations", body("stabilised_monthly", &["2026-04-01", "2026-04-02"]))
        .await
        .problem(422, "invalid-field");
    assert!(detail.contains("first day"), "{detail}");
    let detail = t
        .post("/work-declarations", {
            let mut b = body("stabilised_monthly", &["2026-04-01"]);
            b["budget"] = json!("-5.00");
            b
        })
        .await
        .problem(422, "invalid-field");
    assert!(detail.contains("positive"), "{detail}");
    t.get(format!("/contracts/{}/true-ups", uuid::Uuid::now_v7())).await.problem(404, "not-found");
    t.get("/contracts/not-an-id/true-ups").await.problem(400, "bad-id");
    t.balanced().await;
    let statement = t.get(format!("/activities/{activity}/statement")).await.ok(200).clone();
    assert_eq!(statement["lines"], json!([]), "nothing was reserved or paid");
}

on_both_databases!(a_bad_contract_kind_is_refused_and_nothing_is_written);
