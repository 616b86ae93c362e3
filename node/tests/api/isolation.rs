//! A member cannot read or change another member's data through the API: for each
//! resource (member, activity, invoice, credit note, payslip, contract and its PDF, hiring and
//! work declaration, expense claim and its receipt file, order form, account statement, documents), the
//! owner's member token reads it (so the refusal is about the owner, not the route)
//! and another member's token is refused with `not-yours`, `own-records-only` or
//! `role-forbidden`, and nothing is written.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use crate::quarterly_returns::{contract, invoice, payroll, worker};
use serde_json::{json, Value};

/// Ada's records, one of each kind, made by the admin on the node's days.
struct Records {
    member: String,
    activity: String,
    client: String,
    invoice: String,
    credit_note: String,
    payslip: String,
    contract: String,
    hiring_declaration: String,
    work_declaration: String,
    expense_claim: String,
    order_form: String,
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap_or_else(|| panic!("no id in {v}")).to_owned()
}

async fn adas_records(t: TestNode) -> (TestNode, Records) {
    let member = worker(&t, "ada@example.org", "Wouters", "85.07.30-033.28", "1985-07-30").await;
    let activity = t.activity(&member, "Duo").await;
    let client = t.belgian_client().await;
    let paid = invoice(&t, &activity, &client, "5000.00").await;
    let cancelled = invoice(&t, &activity, &client, "400.00").await;
    let note = t.post(format!("/invoices/{cancelled}/credit-note"), json!({"reason": "cancelled"})).await;
    let note = note.ok(201).clone();
    let credit_note = note["id"].as_str().or(note["credit_note"]["id"].as_str()).unwrap().to_owned();
    let k = contract(&t, &activity, "white-collar", "3000.00", &[("2026-03-10", "09:00", "17:00")]).await;
    let contract_id = id(&k);
    let work = t.get(format!("/work-declarations?member_id={member}")).await.ok(200).clone();
    let work_declaration = id(&work["items"][0]);
    let hiring = t.get(format!("/contracts/{contract_id}")).await.ok(200).clone();
    let hiring_declaration = id(&hiring["hiring_declarations"][0]);
    let claim = t
        .post(
            "/expense-claims",
            json!({"activity_id": activity, "member_id": member, "kind": "material", "date": "2026-02-20",
                   "amount": "45.50", "currency": "EUR", "receipt": "Brico 77", "description": "Cables"}),
        )
        .await;
    let expense_claim = id(claim.ok(201));
    let receipt = t
        .http
        .put(format!("{}/expense-claims/{expense_claim}/receipt", t.base))
        .bearer_auth(&t.token)
        .header("content-type", "application/pdf")
        .body(&b"%PDF-1.4\n%%EOF\n"[..])
        .send()
        .await
        .unwrap();
    assert_eq!(receipt.status(), 200);
    let t = t.on_day("2026-03-13").await;
    let slips = payroll(&t, "2026-03").await;
    let payslip = id(&slips[0]);
    t.post(format!("/invoices/{paid}/payments"), json!({"amount": "6050.00", "currency": "EUR"})).await.ok(201);
    let order = t
        .post(
            "/order-forms",
            json!({"activity_id": activity, "client_id": client, "reference": "PO-1", "amount": "50.00",
                   "currency": "EUR", "signed_on": "2026-03-12"}),
        )
        .await;
    let order_form = id(order.ok(201));
    let records = Records {
        member,
        activity,
        client,
        invoice: paid,
        credit_note,
        payslip,
        contract: contract_id,
        hiring_declaration,
        work_declaration,
        expense_claim,
        order_form,
    };
    (t, records)
}

/// Every route that shows one of Ada's records.
fn reads(r: &Records) -> Vec<String> {
    let mut paths = vec![
        format!("/members/{}", r.member),
        format!("/members/{}/history", r.member),
        format!("/members/{}/payroll", r.member),
        format!("/members/{}/account", r.member),
        format!("/members/{}/account.csv", r.member),
        format!("/members/{}/data", r.member),
        format!("/members/{}/data.csv", r.member),
        format!("/activities/{}", r.activity),
        format!("/activities/{}/statement", r.activity),
        format!("/invoices/{}", r.invoice),
        format!("/invoices/{}/pdf", r.invoice),
        format!("/invoices/{}/peppol.xml", r.invoice),
        format!("/credit-notes/{}/pdf", r.credit_note),
        format!("/credit-notes/{}/peppol.xml", r.credit_note),
        format!("/payslips/{}", r.payslip),
        format!("/payslips/{}/pdf", r.payslip),
        format!("/contracts/{}", r.contract),
        format!("/contracts/{}/pdf", r.contract),
        format!("/contracts/{}/true-ups", r.contract),
        format!("/work-declarations/{}", r.work_declaration),
        format!("/expense-claims/{}", r.expense_claim),
        format!("/expense-claims/{}/receipt", r.expense_claim),
        format!("/order-forms/{}", r.order_form),
    ];
    paths.push(format!("/hiring-declarations/{}", r.hiring_declaration));
    paths
}

/// Every list, filtered on Ada.
fn lists(r: &Records) -> Vec<String> {
    vec![
        format!("/activities?member_id={}", r.member),
        format!("/invoices?activity_id={}", r.activity),
        format!("/payslips?member_id={}", r.member),
        format!("/contracts?member_id={}", r.member),
        format!("/work-declarations?member_id={}", r.member),
        format!("/expense-claims?activity_id={}", r.activity),
    ]
}

async fn a_member_reads_only_their_own_records(db: Db) {
    let (t, r) = adas_records(start(db).await).await;
    let omar = t.member("omar@example.org").await;
    let ada = t.as_member(&r.member).await;
    let other = t.as_member(&omar).await;
    for path in reads(&r).iter().chain(lists(&r).iter()) {
        let own = ada.get(path).await;
        assert_eq!(own.status, 200, "Ada reads her own {path}: {}", own.text);
        let refused = other.get(path).await;
        refused.problem(403, "not-yours");
        assert!(!refused.text.contains("Wouters"), "{path} leaks: {}", refused.text);
    }
    // Omar reads his own record, and the office's lists only through his own filter.
    other.get(format!("/members/{omar}")).await.ok(200);
    other.get("/members").await.problem(403, "role-forbidden");
    other.get("/invoices").await.problem(403, "own-records-only");
    other.get("/payslips").await.problem(403, "own-records-only");
    other.get(format!("/payslips?member_id={omar}")).await.ok(200);
}

async fn a_member_cannot_change_another_members_data(db: Db) {
    let (t, r) = adas_records(start(db).await).await;
    let omar = t.member("omar@example.org").await;
    let other = t.as_member(&omar).await;
    let before = t.balanced().await;
    let writes = [
        ("/activities".to_owned(), json!({"member_id": r.member, "name": "Taken", "sector": "artistic"})),
        (
            "/invoices".to_owned(),
            json!({"activity_id": r.activity, "client_id": r.client, "lines": [{"description": "x",
                   "quantity": "1", "unit_price": "10.00", "vat_rate": "21"}], "currency": "EUR"}),
        ),
        (
            "/work-declarations".to_owned(),
            json!({"activity_id": r.activity, "function": "x", "place": "x", "worker_category": "white-collar",
                   "budget": "10.00", "currency": "EUR", "periods": [{"date": "2026-04-10", "start": "09:00", "end": "10:00"}]}),
        ),
        (
            "/expense-claims".to_owned(),
            json!({"activity_id": r.activity, "member_id": omar, "kind": "material", "date": "2026-02-20",
                   "amount": "1.00", "currency": "EUR", "receipt": "r", "description": "d"}),
        ),
        (
            "/order-forms".to_owned(),
            json!({"activity_id": r.activity, "client_id": r.client, "reference": "PO-1", "amount": "10.00",
                   "currency": "EUR", "signed_on": "2026-02-20"}),
        ),
    ];
    for (path, body) in &writes {
        other.post(path, body.clone()).await.problem(403, "not-yours");
    }
    // A member issues their own drafts only: Ada's invoice is not Eve's to issue.
    other.post(format!("/invoices/{}/issue", r.invoice), json!(null)).await.problem(403, "not-yours");
    let puts = [
        (format!("/members/{}/payroll", r.member), json!({"iban": "BE71096123456769", "family": "single"})),
        (
            format!("/members/{}/identity", r.member),
            json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30"}),
        ),
    ];
    for (path, body) in &puts {
        other.put(path, body.clone()).await.problem(403, "not-yours");
    }
    // Another's receipt is not replaced, whatever the file.
    let replaced = other
        .http
        .put(format!("{}/expense-claims/{}/receipt", other.base, r.expense_claim))
        .bearer_auth(&other.token)
        .header("content-type", "application/pdf")
        .body(&b"%PDF-1.4\nforged\n%%EOF\n"[..])
        .send()
        .await
        .unwrap();
    assert_eq!(replaced.status(), 403);
    let kept = t.get(format!("/expense-claims/{}", r.expense_claim)).await.ok(200)["receipt_file"]["size"].clone();
    assert_eq!(kept, 15, "Ada's receipt is the one she sent");
    // What only the office does, a member does not do even on their own records.
    let ada = t.as_member(&r.member).await;
    // Her own invoice passes the rule and meets the invoice's own: it is issued already.
    ada.post(format!("/invoices/{}/issue", r.invoice), json!(null)).await.problem(409, "already-issued");
    for path in [
        format!("/invoices/{}/credit-note", r.invoice),
        format!("/invoices/{}/payments", r.invoice),
        format!("/work-declarations/{}/validate", r.work_declaration),
        format!("/expense-claims/{}/validate", r.expense_claim),
        format!("/order-forms/{}/invoiced", r.order_form),
        format!("/contracts/{}/cancel", r.contract),
        "/payroll-runs".to_owned(),
        "/api-tokens".to_owned(),
    ] {
        ada.post(&path, json!({})).await.problem(403, "role-forbidden");
    }
    ada.patch_as(format!("/members/{}", r.member), "ada", json!({"first_name": "Eve"}))
        .await
        .problem(403, "role-forbidden");
    // Nothing moved: the journal is as it was, Ada's IBAN is hers.
    assert_eq!(t.balanced().await, before);
    let payroll = t.get(format!("/members/{}/payroll", r.member)).await.ok(200).clone();
    assert_ne!(payroll["iban"], "BE71096123456769", "{payroll}");
    assert_eq!(t.get(format!("/activities?member_id={}", r.member)).await.ok(200)["total"], 1);
}

on_both_databases!(a_member_reads_only_their_own_records, a_member_cannot_change_another_members_data);
