//! Expense claims' receipt files: attached through the API and read back byte for byte; a file
//! of another type, a text file named `.pdf` or one over 5 MiB refused naming the `receipt`
//! field; another member's receipt out of reach; no replacement once the claim is decided; the
//! member's page sends a claim with its receipt in one multipart post, and the advisors' queue
//! validates or rejects it.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use crate::pages::{browser, origin, page, post_form, session};
use partage::auth::Role;
use reqwest::header::{ACCEPT_LANGUAGE, CONTENT_TYPE, COOKIE, LOCATION};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// A one-page PDF (the smallest well-formed one: header, catalog, pages, page, xref, trailer).
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 100 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
/// A PNG's signature and header chunk: enough for the node's check, which reads the signature.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\0\0\0\0:~\x9bU";
/// A text file a member named `receipt.pdf`.
const TEXT: &[u8] = b"Brico, 19/02/2026, gaffer tape 45,50 EUR\n";

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap_or_else(|| panic!("no id in {v}")).to_owned()
}

/// A member (French, by her own setting) whose activity's budget holds 935.00.
async fn funded(t: &TestNode, email: &str) -> (String, String) {
    let member = t.member(email).await;
    t.patch_as(format!("/members/{member}"), "test", json!({"language": "fr"})).await.ok(200);
    let activity = t.activity(&member, "Touring theatre").await;
    let client = t.belgian_client().await;
    let invoice = id(t.draft(&activity, &client, "1000.00", "21").await.ok(201));
    t.post(format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    (member, activity)
}

async fn material(t: &TestNode, member: &str, activity: &str, amount: &str) -> String {
    let claim = t
        .post(
            "/expense-claims",
            json!({"activity_id": activity, "member_id": member, "kind": "material", "date": "2026-02-20",
                   "amount": amount, "currency": "EUR", "receipt": "Brico 0219-77", "description": "Cables"}),
        )
        .await;
    id(claim.ok(201))
}

/// The answer to a raw request: status, headers and bytes.
struct Raw {
    status: u16,
    headers: reqwest::header::HeaderMap,
    bytes: Vec<u8>,
}

impl Raw {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }

    /// Asserts a problem of this status and code naming `field`; returns its detail.
    fn problem(&self, status: u16, code: &str, field: Option<&str>) -> String {
        let body = self.json();
        assert_eq!(self.status, status, "{body}");
        assert_eq!(self.headers[CONTENT_TYPE], "application/problem+json");
        assert_eq!(body["code"], code, "{body}");
        assert_eq!(body["field"].as_str(), field, "{body}");
        body["detail"].as_str().unwrap().to_owned()
    }
}

async fn put_file(t: &TestNode, claim: &str, content_type: &str, bytes: &[u8], language: &str) -> Raw {
    let res = t
        .http
        .put(format!("{}/expense-claims/{claim}/receipt", t.base))
        .bearer_auth(&t.token)
        .header(CONTENT_TYPE, content_type)
        .header(ACCEPT_LANGUAGE, language)
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap();
    raw(res).await
}

async fn get_file(t: &TestNode, claim: &str) -> Raw {
    let res =
        t.http.get(format!("{}/expense-claims/{claim}/receipt", t.base)).bearer_auth(&t.token).send().await.unwrap();
    raw(res).await
}

async fn raw(res: reqwest::Response) -> Raw {
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    Raw { status, headers, bytes: res.bytes().await.unwrap().to_vec() }
}

fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

async fn a_receipt_comes_back_byte_for_byte_and_a_wrong_or_oversized_file_is_refused(db: Db) {
    let t = start(db).await;
    let (member, activity) = funded(&t, "ada@example.org").await;
    let claim = material(&t, &member, &activity, "45.50").await;
    let ada = t.as_member(&member).await;
    assert_eq!(t.get(format!("/expense-claims/{claim}")).await.ok(200)["receipt_file"], Value::Null);
    get_file(&ada, &claim).await.problem(404, "no-receipt-file", None);

    // The member attaches her receipt; it comes back as sent, with its type and the node's name.
    let put = put_file(&ada, &claim, "application/pdf", PDF, "en").await;
    assert_eq!(put.status, 200, "{}", put.json());
    let view = put.json();
    assert_eq!(view["sha256"], sha256(PDF));
    assert_eq!(view["size"], PDF.len());
    assert_eq!(view["content_type"], "application/pdf");
    let got = get_file(&ada, &claim).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.bytes, PDF, "the same bytes");
    assert_eq!(got.headers[CONTENT_TYPE], "application/pdf");
    assert_eq!(got.headers["content-disposition"], format!("attachment; filename=\"receipt-{claim}.pdf\""));
    assert_eq!(got.headers["x-content-type-options"], "nosniff");
    let listed = t.get(format!("/expense-claims?activity_id={activity}")).await.ok(200).clone();
    assert_eq!(listed["items"][0]["receipt_file"]["sha256"], sha256(PDF), "{listed}");

    // A text file named receipt.pdf: the browser says PDF, its first bytes do not (in French).
    let detail = put_file(&ada, &claim, "application/pdf", TEXT, "fr").await.problem(
        422,
        "receipt-not-its-type",
        Some("receipt"),
    );
    assert_eq!(
        detail,
        "le justificatif envoyé comme application/pdf n'est pas un fichier application/pdf\u{a0}: ses premiers octets \
         disent autre chose"
    );
    // Another type, whatever its bytes.
    let detail = put_file(&ada, &claim, "text/plain", TEXT, "en").await.problem(
        415,
        "receipt-type-not-accepted",
        Some("receipt"),
    );
    assert_eq!(detail, "a receipt is a PDF, JPEG or PNG file: text/plain is not accepted");
    put_file(&ada, &claim, "image/gif", b"GIF89a", "en").await.problem(
        415,
        "receipt-type-not-accepted",
        Some("receipt"),
    );
    // One byte over 5 MiB.
    let mut big = PDF.to_vec();
    big.resize(5 * 1024 * 1024 + 1, b' ');
    let detail =
        put_file(&ada, &claim, "application/pdf", &big, "nl").await.problem(413, "receipt-too-large", Some("receipt"));
    assert_eq!(detail, "een bewijsstuk is hoogstens 5 MiB: dit bestand is groter");
    // Exactly 5 MiB is a receipt.
    big.pop();
    assert_eq!(put_file(&ada, &claim, "application/pdf", &big, "en").await.status, 200);
    assert_eq!(get_file(&ada, &claim).await.bytes.len(), 5 * 1024 * 1024);

    // Replaced while submitted: the PNG is the receipt now.
    let put = put_file(&ada, &claim, "image/png", PNG, "en").await;
    assert_eq!(put.status, 200, "{}", put.json());
    let got = get_file(&t, &claim).await;
    assert_eq!((got.bytes.as_slice(), &got.headers[CONTENT_TYPE]), (PNG, &"image/png".parse().unwrap()));

    // Decided, the claim keeps the receipt it was decided on.
    assert_eq!(t.post(format!("/expense-claims/{claim}/validate"), json!(null)).await.ok(200)["status"], "reimbursed");
    let detail = put_file(&ada, &claim, "application/pdf", PDF, "en").await.problem(409, "receipt-locked", None);
    assert_eq!(detail, "the claim is reimbursed: its receipt can be replaced only while it is submitted");
    put_file(&t, &claim, "application/pdf", PDF, "en").await.problem(409, "receipt-locked", None);
    assert_eq!(get_file(&ada, &claim).await.bytes, PNG);
    let rejected = material(&t, &member, &activity, "12.00").await;
    t.post(format!("/expense-claims/{rejected}/reject"), json!({"reason": "twice"})).await.ok(200);
    put_file(&ada, &rejected, "application/pdf", PDF, "en").await.problem(409, "receipt-locked", None);

    let nobody = "0190a000-0000-7000-8000-000000000000";
    put_file(&t, nobody, "application/pdf", PDF, "en").await.problem(404, "not-found", None);
    get_file(&t, nobody).await.problem(404, "not-found", None);
    t.balanced().await;
}

async fn a_member_cannot_read_or_replace_another_members_receipt(db: Db) {
    let t = start(db).await;
    let (ada, activity) = funded(&t, "ada@example.org").await;
    let claim = material(&t, &ada, &activity, "45.50").await;
    let ada = t.as_member(&ada).await;
    assert_eq!(put_file(&ada, &claim, "application/pdf", PDF, "en").await.status, 200);
    let omar = t.member("omar@example.org").await;
    let omar = t.as_member(&omar).await;
    let read = get_file(&omar, &claim).await;
    read.problem(403, "not-yours", None);
    assert!(!read.bytes.starts_with(b"%PDF"), "nothing of the file");
    put_file(&omar, &claim, "image/png", PNG, "en").await.problem(403, "not-yours", None);
    assert_eq!(get_file(&ada, &claim).await.bytes, PDF, "Ada's receipt is as she sent it");
    // The office reads it.
    assert_eq!(get_file(&t, &claim).await.bytes, PDF);
}

/// A `multipart/form-data` body as a browser sends the expense form: text fields, then the file.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "----partage-test-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    let (file_name, content_type, bytes) = file.unwrap_or(("", "application/octet-stream", b""));
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"receipt\"; filename=\"{file_name}\"\r\n\
             Content-Type: {content_type}\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn post_multipart(t: &TestNode, cookie: &str, body: (String, Vec<u8>)) -> reqwest::Response {
    browser()
        .post(format!("{}/app/expenses", origin(t)))
        .header(COOKIE, format!("partage_session={cookie}"))
        .header(CONTENT_TYPE, body.0)
        .body(body.1)
        .send()
        .await
        .unwrap()
}

fn as_refs(f: &[(String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

async fn claims(t: &TestNode, activity: &str) -> Value {
    t.get(format!("/expense-claims?activity_id={activity}")).await.ok(200).clone()
}

async fn a_member_sends_a_claim_with_its_receipt_from_the_expenses_page(db: Db) {
    let t = start(db).await;
    let (member, activity) = funded(&t, "ada@example.org").await;
    let (cookie, csrf) = session(&t, "ada@example.org", None).await;
    let (status, html) = page(&t, &cookie, "/app/expenses", "en").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<html lang=\"fr\"") && html.contains("Vos notes de frais"), "{html}");
    assert!(html.contains("enctype=\"multipart/form-data\"") && html.contains("type=\"file\""), "{html}");
    assert!(html.contains("<label for=\"receipt\">") && html.contains("href=\"/app/expenses\""), "{html}");
    crate::pages::assert_translated(&html);
    let fields = |csrf: &str| {
        vec![
            ("csrf".to_owned(), csrf.to_owned()),
            ("activity_id".to_owned(), activity.clone()),
            ("kind".to_owned(), "material".to_owned()),
            ("date".to_owned(), "2026-02-20".to_owned()),
            ("description".to_owned(), "Gaffer tape".to_owned()),
            ("amount".to_owned(), "45,50".to_owned()),
        ]
    };

    // A text file named receipt.pdf is refused beside the file's field, and nothing is written.
    let f = fields(&csrf);
    let res =
        post_multipart(&t, &cookie, multipart(&as_refs(&f), Some(("receipt.pdf", "application/pdf", TEXT)))).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"receipt-error\"") && html.contains("ses premiers octets disent autre chose"), "{html}");
    assert!(html.contains("value=\"Gaffer tape\""), "the form keeps what was typed: {html}");
    assert_eq!(claims(&t, &activity).await["total"], 0);
    // A file over 5 MiB is refused beside the field, in the member's language.
    let mut big = PDF.to_vec();
    big.resize(5 * 1024 * 1024 + 1, b' ');
    let f = fields(&csrf);
    let res = post_multipart(&t, &cookie, multipart(&as_refs(&f), Some(("scan.pdf", "application/pdf", &big)))).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("un justificatif fait au plus 5 Mio\u{a0}: ce fichier est plus grand"), "{html}");
    assert!(html.contains("id=\"receipt-error\""), "{html}");
    assert_eq!(claims(&t, &activity).await["total"], 0);
    // A forged form (no session's token) writes nothing either.
    let f = fields("forged");
    let res = post_multipart(&t, &cookie, multipart(&as_refs(&f), Some(("scan.pdf", "application/pdf", PDF)))).await;
    assert_eq!(res.status(), 403);
    assert_eq!(claims(&t, &activity).await["total"], 0);

    // The claim and its receipt, in one post.
    let f = fields(&csrf);
    let res =
        post_multipart(&t, &cookie, multipart(&as_refs(&f), Some(("Brico 0219.pdf", "application/pdf", PDF)))).await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    assert_eq!(res.headers()[LOCATION], "/app/expenses");
    let list = claims(&t, &activity).await;
    assert_eq!(list["total"], 1, "{list}");
    let claim = &list["items"][0];
    assert_eq!((claim["amount"].as_str(), claim["receipt"].as_str()), (Some("45.50"), Some("Brico 0219.pdf")));
    assert_eq!(claim["member_id"], member);
    assert_eq!(claim["receipt_file"]["sha256"], sha256(PDF));
    let claim_id = id(claim);
    // Read back with the same session, through the API's route and its owner check.
    let res = browser()
        .get(format!("{}/expense-claims/{claim_id}/receipt", t.base))
        .header(COOKIE, format!("partage_session={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);
    let (_, html) = page(&t, &cookie, "/app/expenses", "en").await;
    assert!(html.contains(&format!("href=\"/api/v1/expense-claims/{claim_id}/receipt\"")), "{html}");
    assert!(html.contains("45,50\u{a0}€") && html.contains("Envoyée"), "{html}");

    // Material without a receipt: core's refusal, beside the file's field.
    let f = fields(&csrf);
    let res = post_multipart(&t, &cookie, multipart(&as_refs(&f), None)).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"receipt-error\""), "{html}");
    // Travel needs no receipt; the amount it does not take is refused beside the amount.
    let mut f = fields(&csrf);
    f[2].1 = "travel".into();
    f.push(("kilometres".into(), "120".into()));
    let res = post_multipart(&t, &cookie, multipart(&as_refs(&f), None)).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"amount-error\""));
    f.retain(|(k, _)| k != "amount");
    let res = post_multipart(&t, &cookie, multipart(&as_refs(&f), None)).await;
    assert_eq!(res.status(), 303);
    assert_eq!(claims(&t, &activity).await["total"], 2);

    // Another member's activity is not hers to claim from.
    let (_, other_activity) = funded(&t, "omar@example.org").await;
    let mut f = fields(&csrf);
    f[1].1 = other_activity;
    let res = post_multipart(&t, &cookie, multipart(&as_refs(&f), Some(("scan.pdf", "application/pdf", PDF)))).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"activity_id-error\""));
    // An advisor has no member's expense page.
    let (advisor, _) = session(&t, "advisor@partage.example", Some(Role::Advisor)).await;
    assert_eq!(page(&t, &advisor, "/app/expenses", "en").await.0, 403);
}

async fn an_advisor_validates_and_rejects_claims_from_the_queue(db: Db) {
    let t = start(db).await;
    let (member, activity) = funded(&t, "ada@example.org").await;
    let ada = t.as_member(&member).await;
    let repaid = material(&t, &member, &activity, "45.50").await;
    assert_eq!(put_file(&ada, &repaid, "application/pdf", PDF, "en").await.status, 200);
    let refused = material(&t, &member, &activity, "12.00").await;
    let (cookie, csrf) = session(&t, "advisor@partage.example", Some(Role::Advisor)).await;
    let (status, queue) = page(&t, &cookie, "/app", "nl").await;
    assert_eq!(status, 200, "{queue}");
    assert!(queue.contains("<h2>Onkostennota's</h2>") && queue.contains("€\u{a0}45,50"), "{queue}");
    assert!(queue.contains("Ada Peeters") && queue.contains("Touring theatre"), "{queue}");
    assert!(queue.contains(&format!("href=\"/api/v1/expense-claims/{repaid}/receipt\"")), "{queue}");
    crate::pages::assert_translated(&queue);
    let validate = format!("/app/expense-claims/{repaid}/validate");
    let reject = format!("/app/expense-claims/{refused}/reject");
    assert!(queue.contains(&format!("action=\"{validate}\"")) && queue.contains(&format!("action=\"{reject}\"")));

    // Without the session's token, or as a member, nothing is decided.
    assert_eq!(post_form(&t, &cookie, &validate, &[("csrf", "forged")]).await.status(), 403);
    let (member_cookie, member_csrf) = session(&t, "ada@example.org", None).await;
    assert_eq!(post_form(&t, &member_cookie, &validate, &[("csrf", &member_csrf)]).await.status(), 403);
    assert_eq!(t.get(format!("/expense-claims/{repaid}")).await.ok(200)["status"], "submitted");

    let res = post_form(&t, &cookie, &validate, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/app");
    let claim = t.get(format!("/expense-claims/{repaid}")).await.ok(200).clone();
    assert_eq!(claim["status"], "reimbursed");
    assert_eq!(t.get(format!("/activities/{activity}")).await.ok(200)["budget"], "889.50");
    // Validated twice: the refusal is shown on the queue, in the page's language.
    let res = post_form(&t, &cookie, &validate, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("role=\"alert\""));

    // A rejection needs its reason, shown beside the claim's field.
    let res = post_form(&t, &cookie, &reject, &[("csrf", &csrf), ("reason", " ")]).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains(&format!("id=\"claim-{refused}-error\"")) && html.contains("aria-invalid=\"true\""),
        "{html}"
    );
    assert_eq!(t.get(format!("/expense-claims/{refused}")).await.ok(200)["status"], "submitted");
    let res = post_form(&t, &cookie, &reject, &[("csrf", &csrf), ("reason", "Bought twice")]).await;
    assert_eq!(res.status(), 303);
    let claim = t.get(format!("/expense-claims/{refused}")).await.ok(200).clone();
    assert_eq!((claim["status"].as_str(), claim["reason"].as_str()), (Some("rejected"), Some("Bought twice")));
    let (_, queue) = page(&t, &cookie, "/app", "en").await;
    assert!(!queue.contains(&validate) && !queue.contains(&reject), "decided claims leave the queue: {queue}");
    // The member reads why.
    let (_, html) = page(&t, &member_cookie, "/app/expenses", "fr").await;
    assert!(html.contains("Refusée") && html.contains("Bought twice") && html.contains("Remboursée"), "{html}");
    // HQ sees figures only: its queue is the figures page.
    let (hq, hq_csrf) = session(&t, "hq@partage.example", Some(Role::Hq)).await;
    assert_eq!(post_form(&t, &hq, &reject, &[("csrf", &hq_csrf), ("reason", "x")]).await.status(), 403);
    t.balanced().await;
}

/// A rejected claim's receipt is deleted `expenses.rejected_receipt_retention_days` (365) after
/// the decision, a repaid claim's once ten whole years have passed since the year of the
/// repayment (Belgium: CIR 92 art. 315 as amended by the law of 20 November 2022); the claim
/// keeps the file's SHA-256, the download answers 410 naming the day, the member's page says so;
/// younger receipts are untouched and a second pass deletes nothing more.
async fn receipts_are_deleted_at_the_end_of_their_retention(db: Db) {
    use partage::storage::entities::expense_claim;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let t = start(db).await;
    let (member, activity) = funded(&t, "ada@example.org").await;
    let ada = t.as_member(&member).await;
    let mut claims = Vec::new();
    for amount in ["10.00", "11.00", "12.00", "13.00"] {
        let claim = material(&t, &member, &activity, amount).await;
        assert_eq!(put_file(&ada, &claim, "application/pdf", PDF, "en").await.status, 200);
        claims.push(claim);
    }
    let [old_rejected, young_rejected, old_repaid, young_repaid] = [0, 1, 2, 3].map(|i| claims[i].clone());
    for claim in [&old_rejected, &young_rejected] {
        t.post(format!("/expense-claims/{claim}/reject"), json!({"reason": "Bought twice"})).await.ok(200);
    }
    for claim in [&old_repaid, &young_repaid] {
        assert_eq!(
            t.post(format!("/expense-claims/{claim}/validate"), json!(null)).await.ok(200)["status"],
            "reimbursed"
        );
    }
    // The decisions as if taken long ago (the node's day is in March 2026).
    let node = t.in_process();
    let today = node.now();
    let at = |date: chrono::NaiveDateTime, claim: &str| {
        expense_claim::Entity::update_many()
            .col_expr(expense_claim::Column::DecidedAt, sea_orm::sea_query::Expr::value(date))
            .filter(expense_claim::Column::Id.eq(claim.parse::<uuid::Uuid>().unwrap()))
            .exec(node.store.db())
    };
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(0, 0, 0).unwrap();
    at(today - chrono::Duration::days(366), &old_rejected).await.unwrap();
    at(today - chrono::Duration::days(300), &young_rejected).await.unwrap();
    at(day(2015, 12, 31), &old_repaid).await.unwrap();
    at(day(2016, 1, 1), &young_repaid).await.unwrap();

    assert_eq!(partage::service::expense_receipts::delete_expired(node).await.unwrap(), 2);
    assert_eq!(partage::service::expense_receipts::delete_expired(node).await.unwrap(), 0, "once");
    for gone in [&old_rejected, &old_repaid] {
        let detail = get_file(&ada, gone).await.problem(410, "receipt-deleted", None);
        assert!(detail.contains(&today.date().to_string()), "{detail}");
        let claim = t.get(format!("/expense-claims/{gone}")).await.ok(200).clone();
        assert_eq!(claim["receipt_file"]["sha256"], sha256(PDF), "the claim still names its file");
        assert!(claim["receipt_file"]["deleted_at"].is_string(), "{claim}");
    }
    for kept in [&young_rejected, &young_repaid] {
        let file = get_file(&ada, kept).await;
        assert_eq!((file.status, file.bytes.as_slice()), (200, PDF));
        assert!(t.get(format!("/expense-claims/{kept}")).await.ok(200)["receipt_file"]["deleted_at"].is_null());
    }
    let (member_cookie, _) = session(&t, "ada@example.org", None).await;
    let (_, html) = page(&t, &member_cookie, "/app/expenses", "fr").await;
    assert_eq!(html.matches("fichier supprimé le").count(), 2, "{html}");
    t.balanced().await;
}

on_both_databases!(
    a_receipt_comes_back_byte_for_byte_and_a_wrong_or_oversized_file_is_refused,
    a_member_cannot_read_or_replace_another_members_receipt,
    a_member_sends_a_claim_with_its_receipt_from_the_expenses_page,
    an_advisor_validates_and_rejects_claims_from_the_queue,
    receipts_are_deleted_at_the_end_of_their_retention
);
