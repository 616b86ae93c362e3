//! The quarterly return (DmfA) built from a quarter's payslips: valid against the NSSO
//! schema, its figures those of the payslips, corrections kept as new versions, and
//! every bad request refused without writing anything.

use crate::common::{assert_dmfa_valid, start, start_with, Db, TestNode};
use crate::on_both_databases;
use serde_json::{json, Value};
use std::time::Duration;

/// The employer registration a DmfA needs, as a node sets it.
pub const EMPLOYER: [(&str, &str); 2] = [("pack.be.nsso_number", "1234567-89"), ("pack.be.employer_category", "010")];

/// A member with identity and payroll details.
pub async fn worker(t: &TestNode, email: &str, last_name: &str, nn: &str, birth: &str) -> String {
    let m = t.post("/members", json!({"first_name": "Ada", "last_name": last_name, "email": email})).await;
    let member = m.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/members/{member}/shares"), json!({"count": 1})).await.ok(200);
    t.post(format!("/members/{member}/shares/payments"), json!({"amount": "30.00", "currency": "EUR"})).await.ok(200);
    t.put(format!("/members/{member}/identity"), json!({"national_id": nn, "birth_date": birth})).await.ok(200);
    t.put(format!("/members/{member}/payroll"), json!({"iban": "BE68539007547034", "family": "single"})).await.ok(200);
    member
}

/// An issued invoice of `amount` excluding 21 % VAT on the activity; returns its id.
pub async fn invoice(t: &TestNode, activity: &str, client: &str, amount: &str) -> String {
    let id = t.draft(activity, client, amount, "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{id}/issue"), json!(null)).await.ok(200);
    id
}

/// Declares work of `category` paid from `budget` on these (date, start, end) and validates it; returns the contract.
pub async fn contract(
    t: &TestNode,
    activity: &str,
    category: &str,
    budget: &str,
    days: &[(&str, &str, &str)],
) -> Value {
    let body = json!({"activity_id": activity, "function": "Sound engineer", "place": "Flagey, Brussels", "risks": [],
        "worker_category": category, "budget": budget, "currency": "EUR", "work_country": "BE",
        "periods": days.iter().map(|(d, s, e)| json!({"date": d, "start": s, "end": e})).collect::<Vec<_>>()});
    let id = t.post("/work-declarations", body).await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/work-declarations/{id}/validate"), json!(null)).await.ok(200)["contract"].clone()
}

/// Runs the payroll of `period` to its end; returns its payslips.
pub async fn payroll(t: &TestNode, period: &str) -> Vec<Value> {
    let r = t.post("/payroll-runs", json!({"period": period})).await;
    assert!(r.status == 202 || r.status == 200, "{}", r.text);
    let id = r.body["id"].as_str().unwrap().to_owned();
    for _ in 0..400 {
        if t.get(format!("/payroll-runs/{id}")).await.ok(200)["status"] == "completed" {
            return t.get(format!("/payroll-runs/{id}/payslips")).await.ok(200).as_array().unwrap().clone();
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the payroll run did not complete");
}

/// Cents of a decimal string.
pub fn cents(v: &Value) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    let d: rust_decimal::Decimal = v.as_str().unwrap().parse().unwrap();
    (d * rust_decimal::Decimal::ONE_HUNDRED).to_i64().unwrap()
}

/// The amount of the payslip line `code`, in cents (0 when absent).
fn line(slip: &Value, code: &str) -> i64 {
    slip["lines"].as_array().unwrap().iter().find(|l| l["code"] == code).map_or(0, |l| cents(&l["amount"]))
}

/// The texts of every `<tag>` in `xml`.
fn values<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    xml.split(&open).skip(1).map(|s| s.split(&close).next().unwrap()).collect()
}

fn sum(xml: &str, tag: &str) -> i64 {
    values(xml, tag).iter().map(|v| v.parse::<i64>().unwrap()).sum()
}

/// The `<NaturalPerson>` block of the worker with this INSS.
fn person<'a>(xml: &'a str, inss: &str) -> &'a str {
    xml.split("<NaturalPerson>")
        .skip(1)
        .map(|p| p.split("</NaturalPerson>").next().unwrap())
        .find(|p| p.contains(&format!("<INSS>{inss}</INSS>")))
        .unwrap_or_else(|| panic!("no person {inss} in {xml}"))
}

async fn a_quarters_dmfa_declares_every_payslip_and_corrections_keep_the_original(db: Db) {
    let t = start_with(db, &EMPLOYER).await; // Monday 2 March 2026
    let client = t.belgian_client().await;
    // Peeters works twice: two days as a white-collar worker, one as a manual worker.
    let peeters = worker(&t, "peeters@example.org", "Peeters", "85.07.30-033.28", "1985-07-30").await;
    let quartet = t.activity(&peeters, "Quartet").await;
    invoice(&t, &quartet, &client, "1000.00").await;
    let k1 = contract(
        &t,
        &quartet,
        "white-collar",
        "400.00",
        &[("2026-03-10", "09:00", "17:00"), ("2026-03-11", "14:00", "23:00")],
    )
    .await;
    let k2 = contract(&t, &quartet, "manual", "300.00", &[("2026-03-18", "09:00", "16:30")]).await;
    // Janssens works one day.
    let janssens = worker(&t, "janssens@example.org", "Janssens", "90.02.01-003.28", "1990-02-01").await;
    let solo = t.activity(&janssens, "Solo").await;
    invoice(&t, &solo, &client, "600.00").await;
    let k3 = contract(&t, &solo, "white-collar", "500.00", &[("2026-03-12", "09:00", "17:00")]).await;

    let t = t.on_day("2026-03-20").await;
    let slips = payroll(&t, "2026-03").await;
    assert_eq!(slips.len(), 3);
    let slip = |k: &Value| slips.iter().find(|s| s["contract_id"] == k["id"]).unwrap().clone();
    let (s1, s2, s3) = (slip(&k1), slip(&k2), slip(&k3));
    t.balanced().await;

    // The quarter has ended on 1 April: its return can be built.
    let t = t.on_day("2026-04-01").await;
    let first = t.post_keyed("/quarterly-returns", "dmfa-2026-q1", json!({"quarter": "2026-Q1"})).await;
    let v1 = first.ok(201).clone();
    assert_eq!(v1["quarter"], "2026-Q1");
    assert_eq!(v1["version"], 1);
    assert_eq!(v1["replaces"], Value::Null);
    assert_eq!(v1["payslips"], 3);
    assert_eq!(v1["workers"], 2);
    assert_eq!(v1["media_type"], "application/xml");
    assert!(v1["format"].as_str().unwrap().starts_with("DmfA"));
    let gross: i64 = [&s1, &s2, &s3].iter().map(|s| cents(&s["gross"])).sum();
    assert_eq!(cents(&v1["totals"]["gross"]), gross);
    let employee: i64 = [&s1, &s2, &s3].iter().map(|s| line(s, "employee_social")).sum();
    assert_eq!(cents(&v1["totals"]["employee_contribution"]), employee);
    let employer: i64 = [&s1, &s2, &s3].iter().map(|s| line(s, "employer_social")).sum();
    assert_eq!(cents(&v1["totals"]["employer_contribution"]), employer);
    // The same key again is the same return, not a second version.
    let again = t.post_keyed("/quarterly-returns", "dmfa-2026-q1", json!({"quarter": "2026-Q1"})).await;
    assert!(again.replayed);
    assert_eq!(again.ok(201)["id"], v1["id"]);

    let id = v1["id"].as_str().unwrap().to_owned();
    assert_eq!(t.get(format!("/quarterly-returns/{id}")).await.ok(200), &v1);
    let doc = t.get(format!("/quarterly-returns/{id}/xml")).await;
    assert_eq!(doc.status, 200);
    assert_eq!(doc.content_type, "application/xml");
    let xml = doc.text.clone();
    assert_dmfa_valid(&xml);
    assert_eq!(values(&xml, "Quarter"), ["20261"]);
    assert_eq!(values(&xml, "NOSSRegistrationNbr"), ["123456789"]);
    assert_eq!(values(&xml, "CompanyID"), ["0000000097"]);
    assert_eq!(values(&xml, "FormCreationDate"), ["2026-04-01"]);
    assert_eq!(values(&xml, "INSS").len(), 2, "one person per member");

    // Peeters: one worker record per worker code, one occupation per contract.
    let p = person(&xml, "85073003328");
    assert_eq!(values(p, "WorkerCode"), ["495", "015"]);
    assert_eq!(values(p, "OccupationStartingDate"), ["2026-03-10", "2026-03-18"]);
    assert_eq!(values(p, "OccupationEndingDate"), ["2026-03-11", "2026-03-18"]);
    assert_eq!(values(p, "JointCommissionNbr"), ["200", "100"]);
    // Two days (8 h and 9 h) and one day of 7 h 30, in hundredths.
    assert_eq!(values(p, "ServiceNbrDays"), ["200", "100"]);
    assert_eq!(values(p, "ServiceNbrHours"), ["1700", "750"]);
    assert_eq!(values(p, "RemunAmount"), [cents(&s1["gross"]).to_string(), cents(&s2["gross"]).to_string()]);
    assert_eq!(sum(p, "RemunAmount"), cents(&s1["gross"]) + cents(&s2["gross"]));
    // The ordinary contribution: employee's and employer's parts, per worker record.
    let ordinary: Vec<i64> =
        [&s1, &s2].iter().map(|s| line(s, "employee_social") + line(s, "employer_social")).collect();
    let declared: Vec<i64> = p
        .split("<WorkerContribution>")
        .skip(1)
        // The ordinary contribution is the one under the worker code itself (856 and
        // the employer's special contributions have their own codes).
        .filter(|c| c.contains("<ContributionWorkerCode>495<") || c.contains("<ContributionWorkerCode>015<"))
        .map(|c| values(c, "ContributionAmount")[0].parse().unwrap())
        .collect();
    assert_eq!(declared, ordinary);
    // The manual worker's contributions are on 108 % of the gross.
    let manual_record = &p[p.find("<WorkerCode>015<").unwrap()..];
    let bases = values(manual_record, "ContributionCalculationBasis");
    assert_eq!(bases[0].parse::<i64>().unwrap(), (cents(&s2["gross"]) * 108 + 50) / 100);

    let j = person(&xml, "90020100328");
    assert_eq!(values(j, "WorkerCode"), ["495"]);
    assert_eq!(values(j, "ServiceNbrDays"), ["100"]);
    assert_eq!(values(j, "ServiceNbrHours"), ["800"]);
    assert_eq!(sum(j, "RemunAmount"), cents(&s3["gross"]));
    assert_eq!(sum(&xml, "RemunAmount"), gross);

    // Building the quarter again is a correction: version 2, the original kept as it was.
    let v2 = t.post("/quarterly-returns", json!({"quarter": "2026-Q1"})).await.ok(201).clone();
    assert_eq!(v2["version"], 2);
    assert_eq!(v2["replaces"], v1["id"]);
    assert_eq!(v2["totals"], v1["totals"]);
    assert_eq!(t.get(format!("/quarterly-returns/{id}/xml")).await.text, xml, "the original is kept");
    let list = t.get("/quarterly-returns?quarter=2026-Q1").await.ok(200).clone();
    let versions: Vec<&Value> = list.as_array().unwrap().iter().map(|r| &r["version"]).collect();
    assert_eq!(versions, [&json!(1), &json!(2)]);
    assert_eq!(t.get("/quarterly-returns?quarter=2026-Q2").await.ok(200), &json!([]));
    t.balanced().await;
}

async fn bad_quarterly_return_requests_are_refused_and_write_nothing(db: Db) {
    // A node without the employer's NSSO registration.
    let t = start(db).await; // Monday 2 March 2026
    for (body, detail) in [
        (json!({"quarter": "2026-Q5"}), "is not a quarter"),
        (json!({"quarter": "2026-03"}), "is not a quarter"),
        (json!({"quarter": "Q1-2026"}), "is not a quarter"),
        (json!({"quarter": "2026-Q1"}), "filed after the quarter"),
        (json!({"quarter": "2026-Q4"}), "filed after the quarter"),
    ] {
        let r = t.post("/quarterly-returns", body).await;
        assert!(r.problem(422, "invalid-field").contains(detail), "{}", r.text);
        assert_eq!(r.body["field"], "quarter");
    }
    t.post_raw("/quarterly-returns", "{\"quarter\": 20261}").await.problem(422, "invalid-body");
    t.post_raw("/quarterly-returns", "{\"quarter\": \"2025-Q4\", \"version\": 3}").await.problem(422, "invalid-body");
    t.post_raw("/quarterly-returns", "{\"quarter\": ").await.problem(400, "malformed-json");
    let none = t.post("/quarterly-returns", json!({"quarter": "2025-Q4"})).await;
    assert!(none.problem(409, "no-payslip-in-period").contains("no payslip in 2025-Q4"));
    t.get("/quarterly-returns?quarter=2026").await.problem(422, "invalid-field");
    let missing = uuid::Uuid::now_v7();
    t.get(format!("/quarterly-returns/{missing}")).await.problem(404, "not-found");
    t.get(format!("/quarterly-returns/{missing}/xml")).await.problem(404, "not-found");
    t.get("/quarterly-returns/not-an-id").await.problem(400, "bad-id");

    let client = t.belgian_client().await;
    let member = worker(&t, "nobody@example.org", "Maes", "85.07.30-033.28", "1985-07-30").await;
    let activity = t.activity(&member, "Duo").await;
    invoice(&t, &activity, &client, "500.00").await;
    contract(&t, &activity, "white-collar", "300.00", &[("2026-03-04", "09:00", "17:00")]).await;
    let t = t.on_day("2026-03-06").await;
    payroll(&t, "2026-03").await;
    let t = t.on_day("2026-04-01").await;
    let before = t.balanced().await;
    // The node has no NSSO number: the pack refuses, naming the setting.
    let r = t.post("/quarterly-returns", json!({"quarter": "2026-Q1"})).await;
    assert!(r.problem(409, "return-refused-by-pack").contains("NOSSRegistrationNbr"), "{}", r.text);
    // A member whose national number is gone (an import, a repair) is named.
    {
        use partage::storage::entities::member;
        use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
        let node = t.open_node().await;
        let id: uuid::Uuid = member.parse().unwrap();
        let row = member::Entity::find_by_id(id).one(node.store.db()).await.unwrap().unwrap();
        let mut row: member::ActiveModel = row.into();
        row.national_id = Set(None);
        row.update(node.store.db()).await.unwrap();
    }
    let r = t.post("/quarterly-returns", json!({"quarter": "2026-Q1"})).await;
    let detail = r.problem(409, "worker-without-identity");
    assert!(detail.contains(&member) && detail.contains("Ada Maes"), "{detail}");
    assert_eq!(t.get("/quarterly-returns").await.ok(200), &json!([]), "nothing was written");
    assert_eq!(t.balanced().await, before);
}

/// The Closing Fund's rates of 2023 and 2024 are in no source the pack has: the return
/// of a 2024 quarter is refused with a problem naming the rate, and nothing is stored.
async fn a_quarter_whose_closing_fund_rate_is_unknown_is_refused_naming_it(db: Db) {
    let t = start_with(db, &EMPLOYER).await.on_day("2024-05-06").await;
    let peeters = worker(&t, "peeters2024@example.org", "Peeters", "85.07.30-033.28", "1985-07-30").await;
    let quartet = t.activity(&peeters, "Quartet").await;
    let client = t.belgian_client().await;
    invoice(&t, &quartet, &client, "1000.00").await;
    contract(&t, &quartet, "white-collar", "400.00", &[("2024-05-14", "09:00", "17:00")]).await;
    let t = t.on_day("2024-05-20").await;
    assert_eq!(payroll(&t, "2024-05").await.len(), 1);
    let t = t.on_day("2024-07-01").await;
    let detail = t.post("/quarterly-returns", json!({"quarter": "2024-Q2"})).await.problem(409, "rate-not-sourced");
    assert!(detail.contains("payroll.employer.closing_fund.commercial_small"), "{detail}");
    assert!(detail.contains("2024-Q2"), "{detail}");
    assert_eq!(t.get("/quarterly-returns").await.ok(200), &json!([]), "nothing was written");
}

/// The (code, cents) of every `<block>` of `xml` (`WorkerContribution` with
/// `ContributionWorkerCode`, a deduction block with `DeductionCode`), summed by code in
/// the document's order.
fn by_code(xml: &str, block: &str, code_tag: &str, amount_tag: &str) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = Vec::new();
    for b in values(xml, block) {
        let (code, amount) = (values(b, code_tag)[0].to_owned(), values(b, amount_tag)[0].parse::<i64>().unwrap());
        match out.iter_mut().find(|(c, _)| *c == code) {
            Some((_, sum)) => *sum += amount,
            None => out.push((code, amount)),
        }
    }
    out
}

/// The (code, cents) of a view's list of coded amounts.
fn coded(list: &Value) -> Vec<(String, i64)> {
    list.as_array().unwrap().iter().map(|c| (c["code"].as_str().unwrap().to_owned(), cents(&c["amount"]))).collect()
}

/// A quarter of 2026-Q2 in Brussels: a full-time white-collar worker on a stabilised
/// monthly contract and an artist on day contracts. The stored return carries what the
/// DmfA declares, code by code, its net owed, and the payslips' monthly advances on the
/// structural (3000) and artists' (4300) reductions beside the quarter's figures.
async fn the_stored_return_declares_the_dmfas_codes_net_owed_and_the_advances_regularised(db: Db) {
    let settings = [EMPLOYER[0], EMPLOYER[1], ("pack.be.region", "brussels")];
    let t = start_with(db, &settings).await.on_day("2026-03-16").await;
    let client = t.belgian_client().await;
    // Wouters: white-collar, full time from Wednesday 1 April, 2,000.00 a month of budget.
    let wouters = worker(&t, "wouters@example.org", "Wouters", "85.07.30-033.28", "1985-07-30").await;
    let studio = t.activity(&wouters, "Studio").await;
    invoice(&t, &studio, &client, "9000.00").await;
    let body = json!({"activity_id": studio, "function": "Graphic designer", "place": "Brussels", "risks": [],
        "worker_category": "white-collar", "budget": "24000.00", "currency": "EUR", "kind": "stabilised_monthly",
        "periods": [{"date": "2026-04-01", "start": "09:00", "end": "17:00"}]});
    let id = t.post("/work-declarations", body).await.ok(201)["id"].as_str().unwrap().to_owned();
    let stable = t.post(format!("/work-declarations/{id}/validate"), json!(null)).await.ok(200)["contract"].clone();
    // Claes: an artist, one day of 8 h in each month.
    let claes = worker(&t, "claes@example.org", "Claes", "90.02.01-003.28", "1990-02-01").await;
    let band = t.activity(&claes, "Band").await;
    invoice(&t, &band, &client, "3000.00").await;
    for day in ["2026-04-15", "2026-05-13", "2026-06-17"] {
        contract(&t, &band, "artist", "600.00", &[(day, "09:00", "17:00")]).await;
    }
    let mut slips = Vec::new();
    for (period, end) in [("2026-04", "2026-04-30"), ("2026-05", "2026-05-31"), ("2026-06", "2026-06-30")] {
        let t = t.on_day(end).await;
        slips.extend(payroll(&t, period).await);
    }
    assert_eq!(slips.len(), 6, "{slips:?}");
    assert!(slips.iter().any(|s| s["contract_id"] == stable["id"]));
    let t = t.on_day("2026-07-01").await;
    let v = t.post("/quarterly-returns", json!({"quarter": "2026-Q2"})).await.ok(201).clone();
    let id = v["id"].as_str().unwrap().to_owned();
    let xml = t.get(format!("/quarterly-returns/{id}/xml")).await.text.clone();
    assert_dmfa_valid(&xml);
    let declared = &v["declared"];

    // Contributions: every WorkerContribution of the document, by code.
    let contributions = by_code(&xml, "WorkerContribution", "ContributionWorkerCode", "ContributionAmount");
    assert_eq!(coded(&declared["contributions"]), contributions);
    let codes: Vec<&str> = contributions.iter().map(|(c, _)| c.as_str()).collect();
    for code in ["495", "046", "809", "810"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    // Deductions: the worker records' (0001) and the occupations' (3000, 4300), by code.
    let mut deductions = by_code(&xml, "WorkerDeduction", "DeductionCode", "DeductionAmount");
    deductions.extend(by_code(&xml, "OccupationDeduction", "DeductionCode", "DeductionAmount"));
    let mut stored = coded(&declared["deductions"]);
    stored.sort();
    deductions.sort();
    assert_eq!(stored, deductions);
    let deduction = |code: &str| deductions.iter().find(|(c, _)| c == code).map_or(0, |(_, a)| *a);
    // By hand, from the pack's rules for 2026-Q2 (parameters structural_reduction and
    // artists_reduction from 2026-04-01) and the payslips' gross pay:
    // - Wouters, full time (µ = 1, β = 1), W = 3 × 1,379.31 = 4,137.93 = S: R = r2(0.14 ×
    //   (11,458.57 − 4,137.93)) + r2(0.16 × (9,547.20 − 4,137.93)) = 1,024.89 + 865.48 =
    //   1,890.37, capped at the basic contribution r2(4,137.93 × 25 %) = 1,034.48;
    // - Claes, three occupations of 8 h: µ = r2(8 / 494) = 0.02 each, µglob = 0.06 (no
    //   structural reduction under 27.5 %), S = 413.79 × r2(494 / 8) = 25,551.53 above the
    //   floor 6,569.43: Pg = r2(726.50 × 0.02 × 1.18) = 17.15 each, 51.45 in all.
    let grosses: Vec<i64> = slips.iter().map(|s| cents(&s["gross"])).collect();
    assert_eq!(grosses.iter().filter(|g| **g == 137_931).count(), 3, "{grosses:?}");
    assert_eq!(grosses.iter().filter(|g| **g == 41_379).count(), 3, "{grosses:?}");
    assert_eq!((deduction("3000"), deduction("4300")), (103_448, 5_145));
    // The net owed: the contributions less the deductions, as zone 00015 says.
    let owed = cents(&declared["net_owed"]);
    let total = |list: &[(String, i64)]| list.iter().map(|(_, a)| a).sum::<i64>();
    assert_eq!(owed, total(&contributions) - total(&deductions));
    assert_eq!(values(&xml, "NetOwedAmount"), [owed.to_string()]);

    // The advances: what the payslips took off month by month, against the quarter's
    // figure; the difference is the regularisation.
    let advanced = |code: &str| -> i64 { -slips.iter().map(|s| line(s, code)).sum::<i64>() };
    let advances = declared["advances"].as_array().unwrap();
    for (code, payslip_code) in [("3000", "structural_reduction"), ("4300", "artists_reduction")] {
        let a = advances.iter().find(|a| a["code"] == code).unwrap_or_else(|| panic!("{code} in {advances:?}"));
        assert_eq!(cents(&a["advanced"]), advanced(payslip_code), "{code}");
        assert_eq!(cents(&a["computed"]), deduction(code), "{code}");
        assert_eq!(cents(&a["regularisation"]), deduction(code) - advanced(payslip_code), "{code}");
    }
    // The payslips advanced 3 × 344.83 = 1,034.49 on 3000 (a cent over the quarter's
    // figure) and 3 × 13.88 = 41.64 on 4300 (each month's Pg ÷ 3 on that month's µ).
    assert_eq!((advanced("structural_reduction"), advanced("artists_reduction")), (103_449, 4_164));
    // The advances are not contributions: the stored per-code contributions are the
    // document's, none negative.
    assert!(contributions.iter().all(|(_, a)| *a >= 0));
    assert_eq!(t.get(format!("/quarterly-returns/{id}")).await.ok(200), &v);
}

/// Declares and validates work on these (date, start, end); returns the declaration's hours
/// per period and its contract.
async fn declared(t: &TestNode, activity: &str, days: &[(&str, &str, &str)]) -> (Vec<String>, Value) {
    let body = json!({"activity_id": activity, "function": "Sound engineer", "place": "Flagey, Brussels", "risks": [],
        "worker_category": "white-collar", "budget": "300.00", "currency": "EUR", "work_country": "BE",
        "periods": days.iter().map(|(d, s, e)| json!({"date": d, "start": s, "end": e})).collect::<Vec<_>>()});
    let v = t.post("/work-declarations", body).await.ok(201).clone();
    let hours = v["periods"].as_array().unwrap().iter().map(|p| p["hours"].as_str().unwrap().to_owned()).collect();
    let id = v["id"].as_str().unwrap();
    (hours, t.post(format!("/work-declarations/{id}/validate"), json!(null)).await.ok(200)["contract"].clone())
}

/// The hours paid and declared to the NSSO for a night the clocks change are its real hours in
/// the legal zone (Europe/Brussels): five on 29 March 2026, seven on 25 October.
async fn a_night_the_clocks_change_is_paid_and_declared_its_real_hours(db: Db) {
    let t = start_with(db, &EMPLOYER).await; // Monday 2 March 2026
    let client = t.belgian_client().await;
    let peeters = worker(&t, "peeters@example.org", "Peeters", "85.07.30-033.28", "1985-07-30").await;
    let quartet = t.activity(&peeters, "Quartet").await;
    invoice(&t, &quartet, &client, "2000.00").await;
    let (spring, _) = declared(&t, &quartet, &[("2026-03-29", "00:00", "06:00")]).await;
    let (normal, _) = declared(&t, &quartet, &[("2026-03-30", "00:00", "06:00")]).await;
    assert_eq!((spring, normal), (vec!["5".to_owned()], vec!["6".to_owned()]));
    let t = t.on_day("2026-04-01").await;
    assert_eq!(payroll(&t, "2026-03").await.len(), 2);
    let q1 = t.post("/quarterly-returns", json!({"quarter": "2026-Q1"})).await.ok(201).clone();
    let xml = t.get(format!("/quarterly-returns/{}/xml", q1["id"].as_str().unwrap())).await.text.clone();
    assert_dmfa_valid(&xml);
    let mut hours = values(&xml, "ServiceNbrHours");
    hours.sort_unstable();
    assert_eq!(hours, ["500", "600"], "{xml}");

    let t = t.on_day("2026-10-01").await;
    let (fall, _) = declared(&t, &quartet, &[("2026-10-25", "00:00", "06:00")]).await;
    assert_eq!(fall, ["7"]);
    let t = t.on_day("2026-11-02").await;
    let slips = payroll(&t, "2026-10").await;
    assert_eq!(slips.len(), 1);
    let path = format!("/payslips/{}/pdf?lang=en", slips[0]["id"].as_str().unwrap());
    let printed = crate::documents::pdf_text(&t, &path).await;
    assert!(printed.contains("Days worked 1 Hours worked 7 "), "{printed}");
    let t = t.on_day("2027-01-04").await;
    let q4 = t.post("/quarterly-returns", json!({"quarter": "2026-Q4"})).await.ok(201).clone();
    let xml = t.get(format!("/quarterly-returns/{}/xml", q4["id"].as_str().unwrap())).await.text.clone();
    assert_eq!(values(&xml, "ServiceNbrHours"), ["700"], "{xml}");
}

on_both_databases!(
    a_night_the_clocks_change_is_paid_and_declared_its_real_hours,
    a_quarters_dmfa_declares_every_payslip_and_corrections_keep_the_original,
    a_quarter_whose_closing_fund_rate_is_unknown_is_refused_naming_it,
    bad_quarterly_return_requests_are_refused_and_write_nothing,
    the_stored_return_declares_the_dmfas_codes_net_owed_and_the_advances_regularised
);
