//! A contract of a few hours is a small fraction of a month: its payslip applies the
//! work bonus and the withholding tax to the full-time equivalent of the time worked,
//! not to its pay as if it were a month's wage.

use crate::common::{start, Db};
use crate::on_both_databases;
use serde_json::{json, Value};
use std::time::Duration;

fn line<'a>(slip: &'a Value, code: &str) -> Option<&'a Value> {
    slip["lines"].as_array().unwrap().iter().find(|l| l["code"] == code)
}

async fn a_two_hour_contract_is_taxed_as_the_fraction_of_a_month_it_is(db: Db) {
    let t = start(db).await; // Monday 2 March 2026
    let member = t.member("short@example.org").await;
    t.put(format!("/members/{member}/identity"), json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30"}))
        .await
        .ok(200);
    t.put(format!("/members/{member}/payroll"), json!({"iban": "BE68 5390 0754 7034", "family": "single"}))
        .await
        .ok(200);
    let activity = t.activity(&member, "Recital").await;
    let client = t.belgian_client().await;
    let invoice = t.draft(&activity, &client, "1000.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    let body = json!({"activity_id": activity, "function": "Musician", "place": "Flagey, Brussels", "risks": [],
        "worker_category": "artist", "budget": "600.00", "currency": "EUR", "work_country": "BE",
        "periods": [{"date": "2026-03-10", "start": "14:00", "end": "16:00"}]});
    let id = t.post("/work-declarations", body).await.ok(201)["id"].as_str().unwrap().to_owned();
    let contract = t.post(format!("/work-declarations/{id}/validate"), json!(null)).await.ok(200)["contract"].clone();
    // 600.00 / 1.45 = 413.79.
    assert_eq!(contract["gross"], "413.79");

    let t = t.on_day("2026-03-13").await;
    let r = t.post("/payroll-runs", json!({"period": "2026-03"})).await;
    assert!(r.status == 202 || r.status == 200, "{}", r.text);
    let run = r.body["id"].as_str().unwrap().to_owned();
    for _ in 0..400 {
        if t.get(format!("/payroll-runs/{run}")).await.ok(200)["status"] == "completed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let slips = t.get(format!("/payroll-runs/{run}/payslips")).await.ok(200).clone();
    let slip = &slips[0];
    // By hand, from the rules (2026 parameters; an artist, single, no dependant):
    // - social security on 108 %: 413.79 × 1.08 = 446.89; × 13.07 % = 58.41;
    // - work bonus (law of 20 December 1999, art. 2: the reference wage converted to
    //   full time, the bonus prorated by µ): 2 hours of 13 × 38 / 3 = 164.67 a month,
    //   µ = 0.0121, a full-time wage of about 34,069: no bonus (it was 293.66, capped at
    //   the 58.41 of contributions, which made the net equal the gross);
    // - taxable 413.79 − 58.41 = 355.38;
    // - withholding (Annex III: pay for a period other than a month is converted to a
    //   month, taxed by the monthly scale and brought back): one day of 65 / 3 a month,
    //   355.38 × 65 / 3 = 7,699.90 a month; × 12 = 92,398.80; expenses capped at
    //   6,070.00, 86,328.80 taxed: 4,469.93 + 5,474.12 + 10,376.33 + 18,874.16 =
    //   39,194.54, less 2,987.98 = 36,206.56, ÷ 12 = 3,017.21 a month; × 3 / 65 = 139.26;
    // - special social security contribution: none below the monthly floor;
    // - net 355.38 − 139.26 = 216.12.
    assert_eq!(slip["gross"], "413.79");
    assert_eq!(line(slip, "employee_social").unwrap()["amount"], "58.41");
    assert!(line(slip, "social_work_bonus_a").is_none() && line(slip, "social_work_bonus_b").is_none(), "{slip}");
    assert_eq!(line(slip, "withholding_key").unwrap()["base"], "7699.90");
    assert_eq!(line(slip, "withholding_key").unwrap()["amount"], "3017.21");
    assert_eq!(line(slip, "withholding_tax").unwrap()["amount"], "139.26");
    assert_eq!(slip["net"], "216.12");
    // 2 hours is under 27.5 % of a month: no structural reduction.
    assert!(line(slip, "structural_reduction").is_none(), "{slip}");
    t.balanced().await;
}

on_both_databases!(a_two_hour_contract_is_taxed_as_the_fraction_of_a_month_it_is);
