//! Input validation of the domain (issue 10, defects 2 to 5): what a hostile or
//! careless client sends is refused with a problem naming the field, and what the
//! node writes out cannot be turned against its readers.

use crate::common::{start, start_with, Db};
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

async fn client_vat_and_enterprise_numbers_are_checked_when_registered(db: Db) {
    let t = start(db).await;
    let client = |vat: &str, endpoint: Option<(&str, &str)>| {
        json!({"name": "Atelier", "kind": "business", "country": "BE", "vat_number": vat,
               "street": "Rue Haute 1", "postal_code": "1000", "city": "Bruxelles",
               "endpoint_scheme": endpoint.map(|e| e.0), "endpoint_id": endpoint.map(|e| e.1)})
    };
    // BE0403170701 is valid: its check digits 01 are 97 - 04031707 mod 97.
    let r = t.post("/clients", client("BE0403170702", None)).await;
    let d = r.problem(422, "vat-check-digits");
    assert_eq!(r.body["field"], "vat_number");
    assert!(d.contains("BE0403170702") && d.contains("97"), "{d}");
    let r = t.post("/clients", client("BE040317070", None)).await;
    r.problem(422, "vat-number-shape");
    assert_eq!(r.body["field"], "vat_number");
    // Another member state's number gets that state's shape: French numbers have 11 characters.
    let fr = json!({"name": "Compagnie", "kind": "business", "country": "FR", "vat_number": "FR4030326504",
                    "street": "Rue 1", "postal_code": "75001", "city": "Paris"});
    let d = t.post("/clients", fr).await.problem(422, "vat-number-shape");
    assert!(d.contains("XX999999999"), "{d}");
    // The enterprise number as a Peppol address (0208) has the same check.
    let r = t.post("/clients", client("BE0403170701", Some(("0208", "0403170702")))).await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "endpoint_id");
    assert_eq!(t.get("/clients").await.ok(200)["total"], 0, "nothing was registered");
    t.post("/clients", client("BE 0403.170.701", Some(("0208", "0403170701")))).await.ok(201);
}

async fn the_peppol_xml_of_an_invoice_to_a_consumer_is_a_conflict_saying_why(db: Db) {
    let t = start(db).await;
    let member = t.member("consumer@example.org").await;
    let activity = t.activity(&member, "Portraits").await;
    let consumer = t
        .post(
            "/clients",
            json!({"name": "Jan Peeters", "kind": "consumer", "country": "BE",
                   "street": "Kerkstraat 1", "postal_code": "9000", "city": "Gent"}),
        )
        .await
        .ok(201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let invoice = t.draft(&activity, &consumer, "100.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(&format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    let r = t.get(format!("/invoices/{invoice}/peppol.xml")).await;
    let d = r.problem(409, "no-peppol-address");
    assert!(d.contains("Jan Peeters has no Peppol electronic address"), "{d}");
}

async fn amounts_above_the_nodes_ceilings_are_refused_naming_the_field_and_the_limit(db: Db) {
    let t = start(db).await;
    let member = t.member("ceiling@example.org").await;
    let activity = t.activity(&member, "Big").await;
    let client = t.belgian_client().await;
    let before = t.balanced().await;
    let lines = |lines: &[(&str, &str)]| {
        json!({"activity_id": activity, "client_id": client, "currency": "EUR",
               "lines": lines.iter().map(|(q, p)| json!({"description": "Work", "quantity": q, "unit_price": p, "vat_rate": "21"})).collect::<Vec<_>>()})
    };
    for (body, field, limit) in [
        (lines(&[("1", "10000000000000000.00")]), "lines[0].unit_price", "1000000.00"),
        (lines(&[("10000001", "1.00")]), "lines[0].quantity", "1000000"),
        (lines(&[("2", "600000.00")]), "lines[0]", "1000000.00"),
        (lines(&[("1", "900000.00"); 10]), "lines", "10000000.00"),
    ] {
        let r = t.post("/invoices", body).await;
        let d = r.problem(422, "above-ceiling");
        assert_eq!(r.body["field"], field, "{d}");
        assert!(d.contains(limit), "{d}");
    }
    // At the ceilings, not above: a line of 1,000,000; nine lines of 900,000 come to
    // 9,801,000 with VAT (ten came to 10,890,000).
    t.post("/invoices", lines(&[("1", "1000000.00")])).await.ok(201);
    t.post("/invoices", lines(&[("1", "900000.00"); 9])).await.ok(201);

    let order = json!({"activity_id": activity, "client_id": client, "reference": "PO-1",
                       "amount": "1000000.01", "currency": "EUR", "signed_on": "2026-02-27"});
    let r = t.post("/order-forms", order).await;
    r.problem(422, "above-ceiling");
    assert_eq!(r.body["field"], "amount");
    let expense = json!({"activity_id": activity, "member_id": member, "kind": "material", "date": "2026-02-02",
                         "amount": "2000000.00", "currency": "EUR", "receipt": "R-1", "description": "Stage"});
    let r = t.post("/expense-claims", expense).await;
    r.problem(422, "above-ceiling");
    assert_eq!(r.body["field"], "amount");
    let r = t.post(format!("/members/{member}/shares"), json!({"count": 100000})).await;
    r.problem(422, "above-ceiling");
    assert_eq!(r.body["field"], "count");
    let r =
        t.post(format!("/members/{member}/shares/payments"), json!({"amount": "3000000.00", "currency": "EUR"})).await;
    r.problem(422, "above-ceiling");
    assert_eq!(r.body["field"], "amount");
    let platform = json!({"name": "P", "client_id": client, "hourly_rate": "1000000.01", "currency": "EUR",
                          "vat_rate": "21", "worker_category": "manual", "function": "Courier"});
    let r = t.post("/platforms", platform).await;
    r.problem(422, "above-ceiling");
    assert_eq!(r.body["field"], "hourly_rate");
    assert_eq!(t.balanced().await["entries"], before["entries"], "nothing was posted");
}

async fn the_ceilings_are_node_settings(db: Db) {
    let t = start_with(db, &[("limits.line_amount", "500.00")]).await;
    let member = t.member("small@example.org").await;
    let activity = t.activity(&member, "Small").await;
    let client = t.belgian_client().await;
    let r = t.draft(&activity, &client, "500.01", "21").await;
    let d = r.problem(422, "above-ceiling");
    assert!(d.contains("500.00"), "{d}");
    t.draft(&activity, &client, "500.00", "21").await.ok(201);
}

on_both_databases!(
    client_vat_and_enterprise_numbers_are_checked_when_registered,
    the_peppol_xml_of_an_invoice_to_a_consumer_is_a_conflict_saying_why,
    amounts_above_the_nodes_ceilings_are_refused_naming_the_field_and_the_limit,
    the_ceilings_are_node_settings,
);

async fn an_invoice_dated_after_today_cannot_be_issued_and_todays_drafts_stay_issuable(db: Db) {
    let t = start(db).await;
    let member = t.member("future@example.org").await;
    let activity = t.activity(&member, "Later").await;
    let client = t.belgian_client().await;
    let dated = |date: &str| {
        json!({"activity_id": activity, "client_id": client, "currency": "EUR", "date": date,
               "lines": [{"description": "Concert", "quantity": "1", "unit_price": "100.00", "vat_rate": "21"}]})
    };
    // Year 10000 and 9999 never enter: one parse path bounds every date on the wire.
    for date in ["+10000-01-01", "9999-12-31", "1899-12-31"] {
        let d = t.post("/invoices", dated(date)).await.problem(422, "invalid-body");
        assert!(d.contains(date), "{d}");
    }
    // A draft may be dated ahead (a planned concert), but not issued before its day.
    let later = t.post("/invoices", dated("2027-06-01")).await.ok(201)["id"].as_str().unwrap().to_owned();
    let r = t.post(format!("/invoices/{later}/issue"), json!(null)).await;
    let d = r.problem(422, "date-out-of-range");
    assert_eq!(r.body["field"], "date");
    assert!(d.contains("2027-06-01") && d.contains("2026-03-02"), "{d}");
    let today = t.draft(&activity, &client, "100.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    let issued = t.post(format!("/invoices/{today}/issue"), json!(null)).await.ok(200).clone();
    assert_eq!(issued["date"], "2026-03-02");
    // A payment's value date is not after today either.
    let r = t
        .post(
            format!("/invoices/{today}/payments"),
            json!({"amount": "10.00", "currency": "EUR", "date": "2026-03-03"}),
        )
        .await;
    r.problem(422, "date-out-of-range");
    assert_eq!(r.body["field"], "date");
    t.post(format!("/invoices/{today}/payments"), json!({"amount": "10.00", "currency": "EUR", "date": "2026-03-02"}))
        .await
        .ok(201);
}

async fn shares_expenses_and_order_forms_cannot_predate_the_cooperative(db: Db) {
    let t = start_with(db, &[("node.founded", "2020-01-01")]).await;
    let member = t.member("old@example.org").await;
    let activity = t.activity(&member, "Archive").await;
    let client = t.belgian_client().await;
    let r = t.post(format!("/members/{member}/shares"), json!({"count": 1, "date": "2019-12-31"})).await;
    let d = r.problem(422, "date-out-of-range");
    assert_eq!(r.body["field"], "date");
    assert!(d.contains("2020-01-01"), "{d}");
    let r = t.post(format!("/members/{member}/shares"), json!({"count": 1, "date": "2030-01-01"})).await;
    r.problem(422, "date-out-of-range");
    let order = json!({"activity_id": activity, "client_id": client, "reference": "PO-1",
                       "amount": "100.00", "currency": "EUR", "signed_on": "2019-06-01"});
    let r = t.post("/order-forms", order).await;
    r.problem(422, "date-out-of-range");
    assert_eq!(r.body["field"], "signed_on");
    let expense = json!({"activity_id": activity, "member_id": member, "kind": "material", "date": "2019-06-01",
                         "amount": "20.00", "currency": "EUR", "receipt": "R-1", "description": "Paint"});
    let r = t.post("/expense-claims", expense).await;
    r.problem(422, "date-out-of-range");
    assert_eq!(r.body["field"], "date");
    t.post(format!("/members/{member}/shares"), json!({"count": 1, "date": "2020-01-01"})).await.ok(200);
}

async fn today_and_already_started_are_in_brussels_time(db: Db) {
    // 18:49 UTC is 19:49 in Brussels (winter time, UTC+1): work from 19:15 has started.
    let t = start_with(db, &[("node.now", "2026-03-02T18:49:00Z")]).await;
    let member = t.member("clock@example.org").await;
    t.put(format!("/members/{member}/identity"), json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30"}))
        .await
        .ok(200);
    let activity = t.activity(&member, "Evening").await;
    let client = t.belgian_client().await;
    let invoice = t.draft(&activity, &client, "1000.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    let declaration = |start: &str| {
        json!({"activity_id": activity, "client_id": client, "function": "Musician", "place": "Flagey",
               "risks": [], "worker_category": "artist", "budget": "200.00", "currency": "EUR",
               "periods": [{"date": "2026-03-02", "start": start, "end": "23:00"}]})
    };
    let r = t.post("/work-declarations", declaration("19:15")).await;
    let d = r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "periods");
    assert!(d.contains("already started"), "{d}");
    t.post("/work-declarations", declaration("20:00")).await.ok(201);

    // 23:30 UTC on 2 March is 00:30 on 3 March in Brussels: an invoice issued then is dated the 3rd.
    let late = t.on_day_at("2026-03-02T23:30:00Z").await;
    let draft = late.draft(&activity, &client, "100.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    let issued = late.post(format!("/invoices/{draft}/issue"), json!(null)).await.ok(200).clone();
    assert_eq!(issued["date"], "2026-03-03");
}

on_both_databases!(
    an_invoice_dated_after_today_cannot_be_issued_and_todays_drafts_stay_issuable,
    shares_expenses_and_order_forms_cannot_predate_the_cooperative,
    today_and_already_started_are_in_brussels_time,
);

async fn a_corrected_client_keeps_its_history_and_issued_invoices_keep_their_buyer(db: Db) {
    let t = start(db).await;
    let member = t.member("correct@example.org").await;
    let activity = t.activity(&member, "Stage").await;
    let client = t.belgian_client().await;
    let first = t.draft(&activity, &client, "100.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{first}/issue"), json!(null)).await.ok(200);

    // Corrections are checked as a registration is, and a refused one changes nothing.
    let path = format!("/clients/{client}");
    let r = t.patch_as(&path, "advisor", json!({"vat_number": "BE0403170702"})).await;
    r.problem(422, "vat-check-digits");
    assert_eq!(r.body["field"], "vat_number");
    let r = t.patch_as(&path, "advisor", json!({"name": null})).await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "name");
    let r = t.patch_as(&path, "advisor", json!({"id": "x"})).await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "id");

    let r =
        t.patch_as(&path, "Léa (advisor)", json!({"name": "Théâtre Royal du Parc", "email": "factures@parc.be"})).await;
    let c = r.ok(200);
    assert_eq!(c["name"], "Théâtre Royal du Parc");
    assert_eq!(c["city"], "Bruxelles", "fields not in the patch are unchanged");
    assert_eq!(t.get(&path).await.ok(200)["email"], "factures@parc.be");
    let h = t.get(format!("{path}/history")).await.ok(200).clone();
    assert_eq!(h.as_array().unwrap().len(), 1, "{h}");
    assert_eq!(h[0]["changed_by"], "Léa (advisor)");
    assert_eq!(h[0]["changed_at"], "2026-03-02T12:00:00");
    assert_eq!(
        h[0]["changes"],
        json!([{"field": "name", "old": "Théâtre du Parc", "new": "Théâtre Royal du Parc"},
               {"field": "email", "old": null, "new": "factures@parc.be"}])
    );

    // The invoice issued before keeps the buyer it was issued to; a new one has the new name.
    let old = t.get(format!("/invoices/{first}/peppol.xml")).await;
    assert_eq!(old.status, 200, "{}", old.text);
    assert!(old.text.contains("Théâtre du Parc") && !old.text.contains("Royal"), "{}", old.text);
    let second = t.draft(&activity, &client, "100.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{second}/issue"), json!(null)).await.ok(200);
    let new = t.get(format!("/invoices/{second}/peppol.xml")).await;
    assert!(new.text.contains("Théâtre Royal du Parc"), "{}", new.text);
    // A correction after issue changes neither.
    t.patch_as(&path, "advisor", json!({"street": "Rue Ducale 1"})).await.ok(200);
    assert!(!t.get(format!("/invoices/{second}/peppol.xml")).await.text.contains("Rue Ducale"));
    assert_eq!(t.get(format!("{path}/history")).await.ok(200).as_array().unwrap().len(), 2);
}

async fn a_corrected_member_keeps_its_history(db: Db) {
    let t = start(db).await;
    let member = t.member("ada@example.org").await;
    t.member("taken@example.org").await;
    let path = format!("/members/{member}");
    let r = t.patch_as(&path, "desk", json!({"email": "not an email"})).await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "email");
    let r = t.patch_as(&path, "desk", json!({"status": "left"})).await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "status");
    t.patch_as(&path, "desk", json!({"email": "taken@example.org"})).await.problem(409, "email-taken");
    let m = t.patch_as(&path, "desk", json!({"last_name": "Janssens", "language": "nl"})).await.ok(200).clone();
    assert_eq!(m["last_name"], "Janssens");
    assert_eq!(m["language"], "nl");
    assert_eq!(m["status"], "member");
    let h = t.get(format!("{path}/history")).await.ok(200).clone();
    assert_eq!(
        h,
        json!([{"changed_at": "2026-03-02T12:00:00", "changed_by": "desk", "changes": [
            {"field": "last_name", "old": "Peeters", "new": "Janssens"},
            {"field": "language", "old": "fr", "new": "nl"}]}])
    );
    t.get("/members/00000000-0000-7000-8000-000000000000/history").await.problem(404, "not-found");
}

on_both_databases!(
    a_corrected_client_keeps_its_history_and_issued_invoices_keep_their_buyer,
    a_corrected_member_keeps_its_history,
);

async fn a_birth_date_that_contradicts_the_national_number_is_refused(db: Db) {
    let t = start(db).await;
    let member = t.member("born@example.org").await;
    let path = format!("/members/{member}/identity");
    // 85.07.30-033.28 encodes 30 July 1985.
    let d = t
        .put(&path, json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-31"}))
        .await
        .problem(422, "invalid-identifier");
    assert!(d.contains("85-07-30") && d.contains("1985-07-31"), "{d}");
    assert_eq!(t.get(format!("/members/{member}")).await.ok(200)["identity_recorded"], false);
    t.put(&path, json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30"})).await.ok(200);
}

on_both_databases!(a_birth_date_that_contradicts_the_national_number_is_refused);

async fn a_payroll_run_outside_the_packs_coverage_is_refused(db: Db) {
    let t = start(db).await;
    // The Belgian pack's payroll parameters start in 2023.
    let r = t.post("/payroll-runs", json!({"period": "2019-01"})).await;
    let d = r.problem(422, "date-out-of-range");
    assert_eq!(r.body["field"], "period");
    assert!(d.contains("coverage"), "{d}");
    t.post("/payroll-runs", json!({"period": "2026-02"})).await.ok(202);
}

on_both_databases!(a_payroll_run_outside_the_packs_coverage_is_refused);
