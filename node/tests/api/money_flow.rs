//! A member joins, invoices 1,000.00 EUR at 21 %, the client pays: every cent lands
//! in a balanced journal.

use crate::common::{assert_peppol_valid, start, Db, TestNode};
use crate::on_both_databases;
use serde_json::json;

async fn a_member_invoices_a_belgian_client_who_pays(db: Db) {
    let t = start(db).await;

    // Joining: an applicant has no vote until a share is paid.
    let m = t
        .post(
            "/members",
            json!({"first_name": "Lina", "last_name": "Maes", "email": "lina@example.org", "language": "nl"}),
        )
        .await;
    let member = m.ok(201)["id"].as_str().unwrap().to_owned();
    assert_eq!(m.body["status"], "applicant");
    assert_eq!(m.body["votes"], 0);
    let s = t.post(&format!("/members/{member}/shares"), json!({"count": 1})).await;
    assert_eq!(s.ok(200)["shares"]["unpaid"], 1);
    let p = t.post(&format!("/members/{member}/shares/payments"), json!({"amount": "30.00", "currency": "EUR"})).await;
    assert_eq!(p.ok(200)["status"], "member");
    assert_eq!(p.body["votes"], 1);
    assert_eq!(p.body["shares"]["capital"], "30.00");
    let tb = t.balanced().await;
    assert_eq!(TestNode::account(&tb, "share_capital")["balance"], "-30.00");
    assert_eq!(TestNode::account(&tb, "bank")["balance"], "30.00");

    let activity = t.activity(&member, "Jazz trio").await;
    let client = t.belgian_client().await;

    let draft = t.draft(&activity, &client, "1000.00", "21").await;
    let invoice = draft.ok(201)["id"].as_str().unwrap().to_owned();
    assert_eq!(draft.body["status"], "draft");
    assert_eq!(draft.body["number"], serde_json::Value::Null);
    assert_eq!(t.balanced().await["entries"], 2, "a draft posts nothing");

    let issued = t.post(&format!("/invoices/{invoice}/issue"), json!(null)).await;
    let body = issued.ok(200);
    assert_eq!(body["status"], "issued");
    assert_eq!(body["number"], "2026-000001");
    assert_eq!(body["date"], "2026-03-02");
    assert_eq!(body["due_date"], "2026-03-16", "10 working days after Monday 2 March 2026");
    assert_eq!(body["totals"]["net"], "1000.00");
    assert_eq!(body["totals"]["vat"], "210.00");
    assert_eq!(body["totals"]["gross"], "1210.00");
    assert_eq!(body["fee"]["fee"], "65.00");
    assert_eq!(body["fee"]["budget"], "935.00");
    assert_eq!(body["fee"]["guarantee_fund"], "16.25", "25 % of the fee by default");
    // 2026000001 mod 97 = 92: the Belgian structured communication check digits.
    assert_eq!(body["payment_reference"], "+++202/6000/00192+++");

    let a = t.get(&format!("/activities/{activity}")).await;
    assert_eq!(a.ok(200)["budget"], "935.00");
    // The list reads every budget of its page in one query: the same figure.
    let listed = t.get(&format!("/activities?member_id={member}")).await;
    assert_eq!(listed.ok(200)["items"][0]["budget"], "935.00");
    let tb = t.balanced().await;
    assert_eq!(TestNode::account(&tb, "client_receivables")["balance"], "1210.00");
    assert_eq!(TestNode::account(&tb, "vat_payable")["balance"], "-210.00");
    assert_eq!(TestNode::account(&tb, "activity_budget")["balance"], "-935.00");
    assert_eq!(TestNode::account(&tb, "fee_income")["balance"], "-48.75");
    assert_eq!(TestNode::account(&tb, "guarantee_fund")["balance"], "-16.25");

    // A week later, the client pays (a value date is never after the node's today).
    let paid = t
        .on_day("2026-03-10")
        .await
        .post(
            &format!("/invoices/{invoice}/payments"),
            json!({"amount": "1210.00", "currency": "EUR", "date": "2026-03-10"}),
        )
        .await;
    assert_eq!(paid.ok(201)["invoice"]["status"], "paid");
    assert_eq!(paid.body["invoice"]["totals"]["outstanding"], "0.00");
    let tb = t.balanced().await;
    assert_eq!(TestNode::account(&tb, "client_receivables")["balance"], "0.00");
    assert_eq!(TestNode::account(&tb, "bank")["balance"], "1240.00");

    let st = t.get(&format!("/activities/{activity}/statement")).await;
    let st = st.ok(200);
    assert_eq!(st["invoiced"], "1000.00");
    assert_eq!(st["fee"], "65.00");
    assert_eq!(st["balance"], "935.00");
    assert_eq!(st["lines"][0]["reference"], "2026-000001");

    let xml = t.get(&format!("/invoices/{invoice}/peppol.xml")).await;
    assert_eq!(xml.status, 200);
    assert!(xml.text.contains("<cbc:ID>2026-000001</cbc:ID>"));
    assert!(xml.text.contains("<cbc:PayableAmount currencyID=\"EUR\">0.00</cbc:PayableAmount>"), "paid in full");
    assert_peppol_valid(&[("invoice", xml.text)]);
}

async fn a_credit_note_cancels_an_invoice_and_its_budget(db: Db) {
    let t = start(db).await;
    let member = t.member("cn@example.org").await;
    let activity = t.activity(&member, "Illustration").await;
    let client = t.belgian_client().await;
    let invoice = t.draft(&activity, &client, "500.00", "6").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(&format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    let cn = t.post(&format!("/invoices/{invoice}/credit-note"), json!({"reason": "Performance cancelled"})).await;
    let cn_body = cn.ok(201).clone();
    assert_eq!(cn_body["number"], "CN2026-000001");
    let inv = t.get(&format!("/invoices/{invoice}")).await;
    assert_eq!(inv.ok(200)["status"], "cancelled");
    assert_eq!(inv.body["totals"]["outstanding"], "0.00");
    assert_eq!(t.get(&format!("/activities/{activity}")).await.ok(200)["budget"], "0.00");
    // The invoice list reads a page's lines and credit notes in one query each.
    let listed = t.get(&format!("/invoices?activity_id={activity}")).await;
    let item = &listed.ok(200)["items"][0];
    assert_eq!(item["status"], "cancelled");
    assert_eq!(item["credit_note"]["number"], "CN2026-000001");
    assert_eq!(item["lines"][0]["net"], "500.00");
    let tb = t.balanced().await;
    assert_eq!(TestNode::account(&tb, "client_receivables")["balance"], "0.00");
    assert_eq!(TestNode::account(&tb, "vat_payable")["balance"], "0.00");
    let st = t.get(&format!("/activities/{activity}/statement")).await;
    assert_eq!(st.ok(200)["lines"].as_array().unwrap().len(), 2);
    assert_eq!(st.body["invoiced"], "0.00");
    // Paying or cancelling again is refused.
    t.post(&format!("/invoices/{invoice}/payments"), json!({"amount": "1.00", "currency": "EUR"}))
        .await
        .problem(409, "not-payable");
    t.post(&format!("/invoices/{invoice}/credit-note"), json!({"reason": "again"}))
        .await
        .problem(409, "not-cancellable");
    let xml = t.get(&format!("/credit-notes/{}/peppol.xml", cn_body["id"].as_str().unwrap())).await;
    assert!(xml.text.contains("<CreditNote"), "{}", xml.text);
    assert_peppol_valid(&[("credit-note", xml.text)]);
}

async fn an_intra_eu_business_client_is_reverse_charged(db: Db) {
    let t = start(db).await;
    let member = t.member("rc@example.org").await;
    let activity = t.activity(&member, "Translation").await;
    let c = t
        .post(
            "/clients",
            json!({"name": "Atelier Lumière SARL", "kind": "business", "country": "FR", "vat_number": "FR40303265045",
                   "street": "12 rue de Rivoli", "postal_code": "75004", "city": "Paris"}),
        )
        .await;
    let client = c.ok(201)["id"].as_str().unwrap().to_owned();
    let invoice = t.draft(&activity, &client, "800.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    let issued = t.post(&format!("/invoices/{invoice}/issue"), json!(null)).await;
    assert_eq!(issued.ok(200)["totals"]["vat"], "0.00");
    assert_eq!(issued.body["totals"]["gross"], "800.00");
    assert_eq!(issued.body["fee"]["budget"], "748.00");
    let xml = t.get(&format!("/invoices/{invoice}/peppol.xml")).await;
    assert!(xml.text.contains("VATEX-EU-AE"), "{}", xml.text);
    assert_peppol_valid(&[("reverse-charge", xml.text)]);
    t.balanced().await;
}

on_both_databases!(
    a_member_invoices_a_belgian_client_who_pays,
    a_credit_note_cancels_an_invoice_and_its_budget,
    an_intra_eu_business_client_is_reverse_charged
);
