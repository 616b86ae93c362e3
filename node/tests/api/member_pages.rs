//! A member's pages: their dashboard (budget, latest payslips) in their own language, their
//! invoices (drafted, issued, the PDF), declarations of work, signed order forms, and their
//! records (statement, payslips and contracts, shares, "download my data"); each form needs
//! the session's CSRF token, and a member never reaches another member's records. Amounts in
//! French and Dutch are the CLDR formats, as in `pages.rs`.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use crate::pages::{assert_translated, browser, member_with_budget, origin, page, post_form, session};
use partage::auth::Role;
use reqwest::header::{COOKIE, LOCATION};
use serde_json::json;

async fn a_member_sees_their_budget_and_payslips_in_their_own_language(db: Db) {
    let t = start(db).await;
    let (member, _, _) = member_with_budget(&t).await;
    let (cookie, _) = session(&t, "ada@example.org", None).await;
    let own = t.get(format!("/members/{member}")).await.ok(200)["language"].as_str().unwrap().to_owned();
    // The member's own setting wins over the browser's Accept-Language.
    let other = if own == "nl" { "fr" } else { "nl" };
    let (status, html) = page(&t, &cookie, "/app", other).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(&format!("<html lang=\"{own}\"")), "{own}: {html}");
    let budget = match own.as_str() {
        "fr" => "935,00\u{a0}€",
        "nl" => "€\u{a0}935,00",
        _ => "€935.00",
    };
    assert!(html.contains("Quartet") && html.contains(budget), "{html}");
    assert!(html.contains("name=\"csrf\""), "the sign-out form carries the CSRF token");
    assert_translated(&html);
}

async fn a_members_dashboard_shows_their_latest_twelve_payslips_and_links_to_all(db: Db) {
    use partage::storage::entities::payslip;
    use sea_orm::{ActiveModelTrait, Set};
    let t = start(db).await;
    let (member, activity, _) = member_with_budget(&t).await;
    let (cookie, _) = session(&t, "ada@example.org", None).await;
    // Fourteen months of payslips, 2025-01 to 2026-02, each net 100.00 plus its month's number.
    let node = t.in_process();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    for i in 0..14u32 {
        let period = format!("{}-{:02}", 2025 + i / 12, i % 12 + 1);
        payslip::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            run_id: Set(uuid::Uuid::now_v7()),
            contract_id: Set(uuid::Uuid::now_v7()),
            member_id: Set(member.parse().unwrap()),
            activity_id: Set(activity.parse().unwrap()),
            period: Set(period),
            work_end: Set(day),
            deadline: Set(day),
            pay_date: Set(day),
            worker_category: Set("artist".into()),
            gross_minor: Set(20_000),
            taxable_minor: Set(15_000),
            net_minor: Set(10_000 + i64::from(i) + 1),
            employer_cost_minor: Set(25_000),
            currency: Set("EUR".into()),
            lines: Set("[]".into()),
            entry_id: Set(uuid::Uuid::now_v7()),
            status: Set("paid".into()),
            kind: Set("regular".into()),
            legislation_state: Set(None),
        }
        .insert(node.store.db())
        .await
        .unwrap();
    }
    let (status, html) = page(&t, &cookie, "/app", "en").await;
    assert_eq!(status, 200, "{html}");
    // The twelve latest, newest first: 2026-02 (net 100.14) down to 2025-03 (100.03).
    let shown: Vec<&str> = html.match_indices("<td>20").map(|(i, _)| &html[i + 4..i + 11]).collect();
    let expected: Vec<String> = (2..14).rev().map(|i| format!("{}-{:02}", 2025 + i / 12, i % 12 + 1)).collect();
    assert_eq!(shown, expected, "{html}");
    // Amounts in the member's own language, whichever it is: 100.14 or 100,14.
    let net =
        |html: &str, cents: &str| html.contains(&format!("100.{cents}")) || html.contains(&format!("100,{cents}"));
    assert!(net(&html, "14") && net(&html, "03") && !net(&html, "02"), "{html}");
    assert!(html.contains("</table></div><p><a href=\"/app/payslips\">"), "a link to all of them: {html}");
    assert_translated(&html);
    // The payslips page still lists all fourteen.
    let (_, all) = page(&t, &cookie, "/app/payslips", "en").await;
    assert!(net(&all, "01") && net(&all, "14"), "{all}");
}

/// Ada, a member with a budget, in French (her own setting, so the words are known).
async fn ada_in_french(t: &TestNode) -> (String, String, String) {
    let (member, activity, client) = member_with_budget(t).await;
    t.patch_as(format!("/members/{member}"), "test", json!({"language": "fr"})).await.ok(200);
    (member, activity, client)
}

async fn a_member_drafts_an_invoice_and_downloads_the_issued_ones_pdf(db: Db) {
    let t = start(db).await;
    let (_, activity, client) = ada_in_french(&t).await;
    let (cookie, csrf) = session(&t, "ada@example.org", None).await;
    let (status, html) = page(&t, &cookie, "/app/invoices", "en").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<html lang=\"fr\"") && html.contains("Théâtre du Parc"), "{html}");
    // An issued invoice: 1 000,00 + 21 % VAT, with its PDF.
    assert!(html.contains("1\u{202f}210,00\u{a0}€") && html.contains("Émise"), "{html}");
    assert!(html.contains("<label for=\"lines-0-unit_price\">"), "each field labelled: {html}");
    assert_translated(&html);
    let issued =
        t.get(format!("/invoices?activity_id={activity}")).await.ok(200)["items"][0]["id"].as_str().unwrap().to_owned();
    let pdf_link = format!("/api/v1/invoices/{issued}/pdf");
    assert!(html.contains(&pdf_link), "{html}");
    let pdf = browser()
        .get(format!("{}{pdf_link}", origin(&t)))
        .header(COOKIE, format!("partage_session={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.status(), 200);
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"), "a PDF");
    // A refused amount is shown beside its field, in French, with what was typed kept.
    let form = [
        ("csrf", csrf.as_str()),
        ("activity_id", activity.as_str()),
        ("client_id", client.as_str()),
        ("lines-0-description", "Répétition"),
        ("lines-0-quantity", "2"),
        ("lines-0-unit_price", "beaucoup"),
        ("lines-0-vat_rate", "21"),
    ];
    let res = post_form(&t, &cookie, "/app/invoices", &form).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"lines-0-unit_price-error\"") && html.contains("aria-invalid=\"true\""), "{html}");
    assert!(html.contains("Cette valeur n’est pas acceptée") && html.contains("value=\"beaucoup\""), "{html}");
    // Without the session's token nothing is written.
    let mut forged = form;
    forged[0].1 = "forged";
    forged[5].1 = "450,50";
    assert_eq!(post_form(&t, &cookie, "/app/invoices", &forged).await.status(), 403);
    assert_eq!(t.get(format!("/invoices?activity_id={activity}")).await.ok(200)["total"], 1);
    // With it, a draft with a decimal comma: 2 × 450.50 excl. VAT.
    let mut good = form;
    good[5].1 = "450,50";
    let res = post_form(&t, &cookie, "/app/invoices", &good).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/app/invoices");
    let list = t.get(format!("/invoices?activity_id={activity}&status=draft")).await.ok(200).clone();
    assert_eq!(list["total"], 1, "{list}");
    assert_eq!(list["items"][0]["totals"]["net"], "901.00", "{list}");
    assert_eq!(list["items"][0]["lines"][0]["description"], "Répétition", "{list}");
    let (_, html) = page(&t, &cookie, "/app/invoices", "fr").await;
    let draft = list["items"][0]["id"].as_str().unwrap().to_owned();
    let issue = format!("/app/invoices/{draft}/issue");
    assert!(html.contains("Brouillon") && html.contains(&format!("action=\"{issue}\"")), "{html}");
    // She issues it from its row; without the session's token, or as another member, nothing is.
    assert_eq!(post_form(&t, &cookie, &issue, &[("csrf", "forged")]).await.status(), 403);
    t.member("eve@example.org").await;
    let (eve, eve_csrf) = session(&t, "eve@example.org", None).await;
    assert_eq!(post_form(&t, &eve, &issue, &[("csrf", &eve_csrf)]).await.status(), 403);
    assert_eq!(t.get(format!("/invoices/{draft}")).await.ok(200)["status"], "draft");
    let res = post_form(&t, &cookie, &issue, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 303);
    let issued = t.get(format!("/invoices/{draft}")).await.ok(200).clone();
    assert_eq!(issued["status"], "issued", "{issued}");
    let (_, html) = page(&t, &cookie, "/app/invoices", "fr").await;
    assert!(html.contains(&format!("/api/v1/invoices/{draft}/pdf")) && !html.contains(&issue), "{html}");
    // Issued twice (a second tab): the refusal is shown on the page, with its status.
    let res = post_form(&t, &cookie, &issue, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("role=\"alert\""));
}

async fn a_member_declares_work_and_sees_it_submitted(db: Db) {
    let t = start(db).await;
    let (member, activity, client) = ada_in_french(&t).await;
    let (cookie, csrf) = session(&t, "ada@example.org", None).await;
    let (status, html) = page(&t, &cookie, "/app/work", "fr").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<label for=\"periods-0-date\">"), "{html}");
    assert_translated(&html);
    // A day without its end is refused beside the field.
    let mut form = vec![
        ("csrf", csrf.as_str()),
        ("activity_id", activity.as_str()),
        ("client_id", client.as_str()),
        ("function", "Musicienne"),
        ("place", "Flagey, Bruxelles"),
        ("worker_category", "artist"),
        ("budget", "600,00"),
        ("periods-0-date", "2026-03-10"),
        ("periods-0-start", "09:00"),
    ];
    let res = post_form(&t, &cookie, "/app/work", &form).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"periods-0-end-error\"") && html.contains("Veuillez remplir ce champ."), "{html}");
    assert_eq!(t.get(format!("/work-declarations?member_id={member}")).await.ok(200)["total"], 0);
    form.push(("periods-0-end", "17:00"));
    let res = post_form(&t, &cookie, "/app/work", &form).await;
    assert_eq!(res.status(), 303);
    let list = t.get(format!("/work-declarations?member_id={member}")).await.ok(200).clone();
    assert_eq!(list["total"], 1, "{list}");
    assert_eq!(list["items"][0]["budget"], "600.00");
    assert_eq!(list["items"][0]["status"], "submitted");
    let (_, html) = page(&t, &cookie, "/app/work", "fr").await;
    assert!(html.contains("Musicienne") && html.contains("Envoyée") && html.contains("600,00\u{a0}€"), "{html}");
}

async fn a_members_records_pages_show_statement_payslips_shares_and_their_data(db: Db) {
    use crate::quarterly_returns::{contract, payroll, worker};
    let t = start(db).await;
    let member = worker(&t, "ada@example.org", "Wouters", "85.07.30-033.28", "1985-07-30").await;
    let activity = t.activity(&member, "Duo").await;
    let client = t.belgian_client().await;
    crate::quarterly_returns::invoice(&t, &activity, &client, "5000.00").await;
    let k = contract(&t, &activity, "white-collar", "3000.00", &[("2026-03-10", "09:00", "17:00")]).await;
    let k = k["id"].as_str().unwrap().to_owned();
    let t = t.on_day("2026-03-13").await;
    let slips = payroll(&t, "2026-03").await;
    let slip = slips[0]["id"].as_str().unwrap().to_owned();
    let (cookie, _) = session(&t, "ada@example.org", None).await;
    for language in t.in_process().pack.languages().to_vec() {
        t.patch_as(format!("/members/{member}"), "test", json!({"language": language})).await.ok(200);
        for path in
            ["/app/statement?from=2026-01&to=2026-03", "/app/payslips", "/app/membership", "/app/invoices", "/app/work"]
        {
            let (status, html) = page(&t, &cookie, path, "en").await;
            assert_eq!(status, 200, "{path}: {html}");
            assert!(html.contains(&format!("<html lang=\"{language}\"")), "{path}");
            assert!(
                !html.contains("[nav-") && !html.contains("]</") && !html.contains("[status"),
                "{path} ({language}): {html}"
            );
        }
    }
    t.patch_as(format!("/members/{member}"), "test", json!({"language": "fr"})).await.ok(200);
    let (_, html) = page(&t, &cookie, "/app/statement?from=2026-01&to=2026-03", "fr").await;
    // 5 000,00 invoiced excluding VAT in March, with the CSV of the same months.
    assert!(html.contains("2026-03") && html.contains("5\u{202f}000,00\u{a0}€"), "{html}");
    assert!(html.contains(&format!("/api/v1/members/{member}/account.csv?from=2026-01&amp;to=2026-03")), "{html}");
    let (status, html) = page(&t, &cookie, "/app/statement?from=2026-05&to=2026-01", "fr").await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"to-error\""), "months out of order are refused beside the field: {html}");
    let (_, html) = page(&t, &cookie, "/app/payslips", "fr").await;
    assert!(html.contains(&format!("/api/v1/payslips/{slip}/pdf")) && html.contains("À la prestation"), "{html}");
    // The written contract beside it, fetched with the session as the browser would.
    let contract_pdf = format!("/api/v1/contracts/{k}/pdf");
    assert!(html.contains(&contract_pdf) && html.contains("Contrat (PDF)"), "{html}");
    let res = browser()
        .get(format!("{}{contract_pdf}", origin(&t)))
        .header(COOKIE, format!("partage_session={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF-"), "a PDF");
    let (_, html) = page(&t, &cookie, "/app/membership", "fr").await;
    assert!(html.contains("Parts détenues") && html.contains(&format!("/api/v1/members/{member}/data.csv")), "{html}");
    // Download my data, with the session: everything about her, JSON and CSV.
    let get = |path: String| {
        browser().get(format!("{}{path}", origin(&t))).header(COOKIE, format!("partage_session={cookie}")).send()
    };
    let res = get(format!("/api/v1/members/{member}/data")).await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    let data: serde_json::Value = res.json().await.unwrap();
    assert_eq!(data["member"]["last_name"], "Wouters");
    assert_eq!(data["invoices"].as_array().unwrap().len(), 1, "{data}");
    assert_eq!(data["payslips"][0]["id"], slip.as_str());
    assert_eq!(data["contracts"].as_array().unwrap().len(), 1);
    assert_eq!(data["work_declarations"].as_array().unwrap().len(), 1);
    assert_eq!(data["payroll_details"]["family"], "single", "{data}");
    assert!(data["statements"].as_array().unwrap().iter().any(|s| s["totals"]["invoiced"] == "5000.00"), "{data}");
    let csv = get(format!("/api/v1/members/{member}/data.csv")).await.unwrap();
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = csv.text().await.unwrap();
    assert!(
        csv.starts_with("section,record,field,value\r\n") || csv.starts_with("section,record,field,value\n"),
        "{csv}"
    );
    assert!(csv.contains("member,,last_name,Wouters") && csv.contains(&format!("payslips,0,id,{slip}")), "{csv}");
}

async fn a_member_never_reaches_another_members_records_through_the_pages(db: Db) {
    let t = start(db).await;
    let (ada, activity, client) = ada_in_french(&t).await;
    let issued =
        t.get(format!("/invoices?activity_id={activity}")).await.ok(200)["items"][0]["id"].as_str().unwrap().to_owned();
    let omar = t.member("omar@example.org").await;
    t.activity(&omar, "Solo").await;
    let (cookie, csrf) = session(&t, "omar@example.org", None).await;
    for path in ["/app/invoices", "/app/order-forms", "/app/work", "/app/statement", "/app/payslips", "/app/membership"]
    {
        let (status, html) = page(&t, &cookie, path, "fr").await;
        assert_eq!(status, 200, "{path}");
        assert!(
            !html.contains("Quartet") && !html.contains("Théâtre du Parc") && !html.contains(&issued),
            "{path}: {html}"
        );
    }
    // Ada's files through the links the pages use: refused to Omar.
    for path in [format!("/api/v1/invoices/{issued}/pdf"), format!("/api/v1/members/{ada}/data")] {
        let res = browser()
            .get(format!("{}{path}", origin(&t)))
            .header(COOKIE, format!("partage_session={cookie}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{path}");
    }
    // A draft on Ada's activity, posted by hand, is refused and nothing is written.
    let form = [
        ("csrf", csrf.as_str()),
        ("activity_id", activity.as_str()),
        ("client_id", client.as_str()),
        ("lines-0-description", "x"),
        ("lines-0-quantity", "1"),
        ("lines-0-unit_price", "10"),
        ("lines-0-vat_rate", "21"),
    ];
    let res = post_form(&t, &cookie, "/app/invoices", &form).await;
    assert_eq!(res.status(), 422);
    // Omar has no client of his own, so no form: the refusal is said at the top.
    assert!(res.text().await.unwrap().contains("Cet élément n’est pas le vôtre."));
    let mut work = vec![("csrf", csrf.as_str()), ("activity_id", activity.as_str())];
    work.extend([("function", "x"), ("place", "x"), ("worker_category", "artist"), ("budget", "10")]);
    work.extend([("periods-0-date", "2026-03-10"), ("periods-0-start", "09:00"), ("periods-0-end", "10:00")]);
    assert_eq!(post_form(&t, &cookie, "/app/work", &work).await.status(), 422);
    assert_eq!(t.get(format!("/invoices?activity_id={activity}")).await.ok(200)["total"], 1);
    assert_eq!(t.get(format!("/work-declarations?activity_id={activity}")).await.ok(200)["total"], 0);
    // Staff have no member pages: they have no records of their own.
    let (advisor, _) = session(&t, "advisor@partage.example", Some(Role::Advisor)).await;
    assert_eq!(page(&t, &advisor, "/app/invoices", "fr").await.0, 403);
}

/// Ada records a client's signed order through her page: a bad amount and a day to come are
/// refused beside their fields with what she typed kept, a form without the session's token
/// writes nothing; the recorded form is listed with the budget advanced, then with its invoice.
/// Omar sees none of it and cannot record one on her activity.
async fn a_member_records_a_signed_order_form_and_sees_the_budget_advanced(db: Db) {
    let t = start(db).await;
    let (ada, activity, client) = ada_in_french(&t).await;
    // Another member's 120,000 invoice, paid, gives the fund its share of the fee to lend.
    let rich = t.member("rich@example.org").await;
    let festival = t.activity(&rich, "Festival").await;
    let big = t.draft(&festival, &client, "120000.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{big}/issue"), json!(null)).await.ok(200);
    t.post(format!("/invoices/{big}/payments"), json!({"amount": "145200.00", "currency": "EUR"})).await.ok(201);
    let (cookie, csrf) = session(&t, "ada@example.org", None).await;
    let (status, html) = page(&t, &cookie, "/app/order-forms", "en").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<a href=\"/app/order-forms\">Bons de commande</a>"), "the menu links it: {html}");
    assert!(html.contains("<label for=\"amount\">") && html.contains("Rien pour l’instant."), "{html}");
    assert!(html.contains("value=\"2026-03-02\""), "signed today unless said otherwise: {html}");
    assert_translated(&html);
    let ada_id = ada.parse().unwrap();
    let count = async || partage::service::order_forms::of_member(t.in_process().store.db(), ada_id, 10).await.unwrap();
    // A refused amount is shown beside its field, in French, with what was typed kept.
    let mut form = [
        ("csrf", csrf.as_str()),
        ("activity_id", activity.as_str()),
        ("client_id", client.as_str()),
        ("reference", "BC-2026-017"),
        ("amount", "beaucoup"),
        ("signed_on", "2026-02-27"),
    ];
    let res = post_form(&t, &cookie, "/app/order-forms", &form).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"amount-error\"") && html.contains("aria-invalid=\"true\""), "{html}");
    assert!(html.contains("Indiquez le montant commandé en EUR, supérieur à zéro"), "{html}");
    for kept in ["value=\"beaucoup\"", "value=\"BC-2026-017\"", "value=\"2026-02-27\""] {
        assert!(html.contains(kept), "{kept}: {html}");
    }
    // A day still to come: the service's rule, shown beside the date.
    form[4].1 = "1 500,00";
    form[5].1 = "2026-03-03";
    let res = post_form(&t, &cookie, "/app/order-forms", &form).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"signed_on-error\"") && !html.contains("id=\"amount-error\""), "{html}");
    assert!(html.contains("Indiquez le jour où le client a signé") && html.contains("2 mars 2026"), "{html}");
    assert!(html.contains("value=\"2026-03-03\"") && html.contains("value=\"1 500,00\""), "{html}");
    assert!(count().await.is_empty());
    // Without the session's token nothing is written.
    form[5].1 = "2026-02-27";
    let mut forged = form;
    forged[0].1 = "forged";
    assert_eq!(post_form(&t, &cookie, "/app/order-forms", &forged).await.status(), 403);
    let without: Vec<_> = form.iter().filter(|(k, _)| *k != "csrf").copied().collect();
    assert_eq!(post_form(&t, &cookie, "/app/order-forms", &without).await.status(), 403);
    assert!(count().await.is_empty());
    // With it: 1,500 less the 6.5 % fee is advanced.
    let res = post_form(&t, &cookie, "/app/order-forms", &form).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/app/order-forms");
    let recorded = count().await;
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].form.advance, "1402.50");
    // An order the fund cannot lend for: refused above the form, its amounts written the French way.
    let mut big = form;
    big[3].1 = "BC-2026-018";
    big[4].1 = "90 000,00";
    let res = post_form(&t, &cookie, "/app/order-forms", &big).await;
    let status = res.status();
    let html = res.text().await.unwrap().replace(['\u{a0}', '\u{202f}'], " ");
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("il ne peut pas avancer 84 150,00 € de plus"), "{html}");
    assert_eq!(count().await.len(), 1);
    let (_, html) = page(&t, &cookie, "/app/order-forms", "fr").await;
    for shown in [
        "BC-2026-017",
        "Théâtre du Parc",
        "1\u{202f}500,00\u{a0}€",
        "1\u{202f}402,50\u{a0}€",
        "27 février 2026",
        "Ouvert\u{a0}: budget avancé",
    ] {
        assert!(html.contains(shown), "{shown}: {html}");
    }
    // The office closes it with the invoice issued for the order: the page names the invoice.
    let inv = t.draft(&activity, &client, "1500.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    let number =
        t.post(format!("/invoices/{inv}/issue"), json!(null)).await.ok(200)["number"].as_str().unwrap().to_owned();
    t.post(format!("/order-forms/{}/invoiced", recorded[0].form.id), json!({"invoice_id": inv})).await.ok(200);
    let (_, html) = page(&t, &cookie, "/app/order-forms", "fr").await;
    assert!(html.contains("Facturé") && html.contains(&format!("/api/v1/invoices/{inv}/pdf")), "{html}");
    assert!(html.contains(&number), "{number}: {html}");

    // Omar sees none of it, and his post naming Ada's activity is refused with nothing written.
    let omar = t.member("omar@example.org").await;
    t.activity(&omar, "Solo").await;
    let (other, other_csrf) = session(&t, "omar@example.org", None).await;
    let (status, html) = page(&t, &other, "/app/order-forms", "fr").await;
    assert_eq!(status, 200);
    assert!(!html.contains("BC-2026-017") && !html.contains("Quartet") && !html.contains(&inv), "{html}");
    let mut theirs = form;
    theirs[0].1 = other_csrf.as_str();
    theirs[3].1 = "BC-OMAR";
    let res = post_form(&t, &other, "/app/order-forms", &theirs).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Cet élément n’est pas le vôtre."));
    assert_eq!(count().await.len(), 1);
    // Staff have no member pages.
    let (advisor, _) = session(&t, "advisor@partage.example", Some(Role::Advisor)).await;
    assert_eq!(page(&t, &advisor, "/app/order-forms", "fr").await.0, 403);
}

on_both_databases!(
    a_member_sees_their_budget_and_payslips_in_their_own_language,
    a_members_dashboard_shows_their_latest_twelve_payslips_and_links_to_all,
    a_member_drafts_an_invoice_and_downloads_the_issued_ones_pdf,
    a_member_declares_work_and_sees_it_submitted,
    a_member_records_a_signed_order_form_and_sees_the_budget_advanced,
    a_members_records_pages_show_statement_payslips_shares_and_their_data,
    a_member_never_reaches_another_members_records_through_the_pages
);
