//! Documents people read: every invoice and credit note has a PDF in the client's language,
//! and the payslip PDF carries what a Belgian payslip must show in the member's language,
//! with any European name spelt right. Each file is read back by poppler (pdftotext,
//! pdffonts) and checked by qpdf, as a reader's tools would.

use crate::common::{start, Db, TestNode, TOKEN};
use crate::on_both_databases;
use serde_json::{json, Value};
use std::process::Command;
use std::time::Duration;

/// A rendered PDF: its text as pdftotext reads it (whitespace collapsed, no-break spaces
/// as spaces, so a wrapped sentence still matches) after checking every font is embedded
/// as a subset and qpdf finds no structural error.
pub async fn pdf_text(t: &TestNode, path: &str) -> String {
    let res = t.http.get(format!("{}{path}", t.base)).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-1.7"), "{path}");
    let file = std::env::temp_dir().join(format!("partage-doc-{}.pdf", uuid::Uuid::now_v7().simple()));
    std::fs::write(&file, &bytes).unwrap();
    // PARTAGE_KEEP_PDF=<dir> keeps every document for a person to look at (pdftoppm -png).
    if let Some(dir) = std::env::var_os("PARTAGE_KEEP_PDF") {
        let name: String = path.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.pdf")), &bytes).unwrap();
    }
    let run = |program: &str, args: &[&str]| {
        let out = Command::new(program)
            .args(args)
            .arg(&file)
            .args(if program == "pdftotext" { &["-"][..] } else { &[][..] })
            .output()
            .unwrap_or_else(|e| panic!("{program}: {e} (apt-get install poppler-utils qpdf)"));
        assert!(out.status.success(), "{program}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let fonts = run("pdffonts", &[]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let c: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(&c[c.len() - 5..c.len() - 2], ["yes", "yes", "yes"], "emb, sub, uni: {row}");
    }
    assert!(run("qpdf", &["--check"]).contains("No syntax or stream encoding errors found"));
    // -layout keeps a label and its value on one line, as a reader sees them.
    let text = run("pdftotext", &["-layout", "-enc", "UTF-8"]);
    let _ = std::fs::remove_file(&file);
    text.replace(['\u{a0}', '\u{202f}'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn has(text: &str, needle: &str) {
    assert!(text.contains(needle), "'{needle}' missing from:\n{text}");
}

async fn client(t: &TestNode, body: Value) -> String {
    t.post("/clients", body).await.ok(201)["id"].as_str().unwrap().to_owned()
}

/// Issues an invoice of one line in `language`; returns the issued invoice.
async fn issued(t: &TestNode, activity: &str, client: &str, language: &str, price: &str) -> Value {
    let d = t
        .post(
            "/invoices",
            json!({"activity_id": activity, "client_id": client, "currency": "EUR", "language": language,
                   "lines": [{"description": "Atelier d'écriture — Ærøskøbing", "quantity": "2.5",
                              "unit_code": "HUR", "unit_price": price, "vat_rate": "21"}]}),
        )
        .await;
    let id = d.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{id}/issue"), json!(null)).await.ok(200).clone()
}

async fn invoices_print_in_the_clients_language_with_every_letter_of_their_name(db: Db) {
    let t = start(db).await; // Monday 2 March 2026
    let member = t.member("docs@example.org").await;
    let activity = t.activity(&member, "Écriture").await;
    let consumer = client(
        &t,
        json!({"name": "Łukasz Kılıç", "kind": "consumer", "country": "BE", "street": "Rue Haute 1",
               "postal_code": "1000", "city": "Bruxelles"}),
    )
    .await;
    let foreign = client(
        &t,
        json!({"name": "Σωκράτης Ltd", "kind": "business", "country": "US", "street": "1 Main Street",
               "postal_code": "10001", "city": "New York"}),
    )
    .await;
    let greek = client(
        &t,
        json!({"name": "Őrsi Gábor", "kind": "consumer", "country": "GR", "street": "Οδός Αθηνάς 2",
               "postal_code": "10551", "city": "Αθήνα"}),
    )
    .await;

    // A consumer in French: amounts the French way, a Belgian structured reference, the IBAN.
    let fr = issued(&t, &activity, &consumer, "fr", "80.00").await;
    let text = pdf_text(&t, &format!("/invoices/{}/pdf", fr["id"].as_str().unwrap())).await;
    for needle in [
        "Facture",
        fr["number"].as_str().unwrap(),
        "Łukasz Kılıç",
        "Atelier d'écriture — Ærøskøbing",
        "2,5 heures",
        "80,00 €",
        "200,00 €",
        "42,00 €",
        "242,00 €",
        "taux normal 21 %",
        "2 mars 2026",
        fr["payment_reference"].as_str().unwrap(),
        "Communication structurée",
        "IBAN",
        // The pack's mention of the seller's identity, in French.
        "siège :",
        // The seller's numbers as Belgian documents print them (the pack's format).
        "TVA BE 0000.000.097",
        "0000.000.097",
    ] {
        has(&text, needle);
    }
    assert!(!text.contains("0000000097"), "an enterprise number as stored: {text}");

    // A business outside the EU in Dutch: outside the scope of Belgian VAT, said in Dutch.
    let nl = issued(&t, &activity, &foreign, "nl", "80.00").await;
    let text = pdf_text(&t, &format!("/invoices/{}/pdf", nl["id"].as_str().unwrap())).await;
    for needle in [
        "Factuur",
        "Σωκράτης Ltd",
        "€ 200,00",
        "Dienst niet onderworpen aan de Belgische btw",
        "Btw-nummer van de dienstverrichter: BE 0000.000.097",
        "zetel:",
        "Te betalen",
    ] {
        has(&text, needle);
    }

    // The same consumer in German, Belgium's third language: German amounts and dates, the
    // seller's identity with its register in German, the court named in German.
    let de = issued(&t, &activity, &consumer, "de", "80.00").await;
    let text = pdf_text(&t, &format!("/invoices/{}/pdf", de["id"].as_str().unwrap())).await;
    for needle in [
        "Rechnung",
        de["number"].as_str().unwrap(),
        "Łukasz Kılıç",
        "2,5 Stunden",
        "80,00 €",
        "200,00 €",
        "42,00 €",
        "Gesamt inkl. MwSt. 242,00 €",
        "Normalsatz 21 %",
        "2. März 2026",
        de["payment_reference"].as_str().unwrap(),
        "Strukturierte Mitteilung",
        "Gesetzliche Angaben",
        "Sitz:",
        "MwSt. BE 0000.000.097",
        "Unternehmensnummer 0000.000.097",
        "RJP Brüssel",
    ] {
        has(&text, needle);
    }
    assert!(!text.contains("Invoice") && !text.contains("invoice-"), "an English or missing label: {text}");

    // A consumer in another member state, in English, with a Greek address.
    let en = issued(&t, &activity, &greek, "en", "1000.00").await;
    let text = pdf_text(&t, &format!("/invoices/{}/pdf", en["id"].as_str().unwrap())).await;
    for needle in ["Invoice", "Őrsi Gábor", "Οδός Αθηνάς 2", "Αθήνα", "€2,500.00", "€3,025.00", "registered office:"]
    {
        has(&text, needle);
    }

    // Its credit note has its PDF too, naming the invoice it cancels.
    let id = en["id"].as_str().unwrap();
    let cn = t.post(format!("/invoices/{id}/credit-note"), json!({"reason": "cancelled"})).await.ok(201).clone();
    let cn_id = cn["id"].as_str().or(cn["credit_note"]["id"].as_str()).expect("credit note id").to_owned();
    let text = pdf_text(&t, &format!("/credit-notes/{cn_id}/pdf")).await;
    for needle in [
        "Credit note",
        "Credit note date",
        "Cancels invoice",
        en["number"].as_str().unwrap(),
        "Őrsi Gábor",
        "2.5 hours",
        "Amount in your favour €3,025.00",
    ] {
        has(&text, needle);
    }

    // A draft has no number yet: no printed invoice.
    let draft = t.draft(&activity, &consumer, "10.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    let r = t.get(format!("/invoices/{draft}/pdf")).await;
    assert_eq!(r.status, 409, "{}", r.text);
}

on_both_databases!(invoices_print_in_the_clients_language_with_every_letter_of_their_name);

async fn run(t: &TestNode, period: &str) -> Value {
    let r = t.post("/payroll-runs", json!({"period": period})).await;
    assert!(r.status == 202 || r.status == 200, "{}", r.text);
    let id = r.body["id"].as_str().unwrap().to_owned();
    for _ in 0..400 {
        let v = t.get(format!("/payroll-runs/{id}")).await.ok(200).clone();
        if v["status"] == "completed" {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the payroll run did not complete");
}

async fn a_payslip_shows_what_belgian_law_asks_in_the_members_language(db: Db) {
    let t = start(db).await; // Monday 2 March 2026
    let m = t.post("/members", json!({"first_name": "Łukasz", "last_name": "Kılıç", "email": "lk@example.org"})).await;
    let member = m.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/members/{member}/shares"), json!({"count": 1})).await.ok(200);
    t.post(format!("/members/{member}/shares/payments"), json!({"amount": "30.00", "currency": "EUR"})).await.ok(200);
    let identity = t
        .put(
            format!("/members/{member}/identity"),
            json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30",
                   "address": {"street": "Őrsi utca 5", "postal_code": "5970", "city": "Ærøskøbing", "country": "DK"}}),
        )
        .await;
    assert_eq!(identity.ok(200)["address"]["city"], "Ærøskøbing");
    // A country that is not a two-letter code is refused, naming the field; nothing changes.
    let bad = t
        .put(
            format!("/members/{member}/identity"),
            json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30",
                   "address": {"street": "Rue Haute 1", "postal_code": "1000", "city": "Bruxelles", "country": "Belgium"}}),
        )
        .await;
    bad.problem(422, "invalid-field");
    assert_eq!(bad.body["field"], "address.country");
    assert_eq!(t.get(format!("/members/{member}")).await.ok(200)["address"]["country"], "DK");
    t.put(format!("/members/{member}/payroll"), json!({"iban": "BE68 5390 0754 7034", "family": "single"}))
        .await
        .ok(200);
    let activity = t.activity(&member, "Quatuor").await;
    let client = t.belgian_client().await;
    let invoice = t.draft(&activity, &client, "5000.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    let body = json!({"activity_id": activity, "function": "Musician", "place": "Flagey, Brussels", "risks": [],
        "worker_category": "artist", "budget": "3000.00", "currency": "EUR", "work_country": "BE",
        "periods": [{"date": "2026-03-10", "start": "09:00", "end": "17:00"},
                    {"date": "2026-03-11", "start": "14:00", "end": "23:30"}]});
    let id = t.post("/work-declarations", body).await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/work-declarations/{id}/validate"), json!(null)).await.ok(200);
    let contract = t.get(format!("/contracts?member_id={member}")).await.ok(200)["items"][0]["id"].clone();
    a_contract_states_what_belgian_law_asks_in_the_members_language(&t, contract.as_str().unwrap()).await;
    let t = t.on_day("2026-03-13").await;
    let r = run(&t, "2026-03").await;
    let slip = t.get(format!("/payroll-runs/{}/payslips", r["id"].as_str().unwrap())).await.ok(200)[0].clone();
    let id = slip["id"].as_str().unwrap();
    let net: rust_decimal::Decimal = slip["net"].as_str().unwrap().parse().unwrap();

    let fr = pdf_text(&t, &format!("/payslips/{id}/pdf")).await;
    for needle in [
        "Fiche de paie — mars 2026",
        "Łukasz Kılıç",
        "Őrsi utca 5",
        "5970 Ærøskøbing (DK)",
        "85.07.30-033.28",
        // The employer's enterprise number as Belgian documents print it.
        "0000.000.097",
        "Catégorie de travailleur : artiste",
        "Commission paritaire : 304",
        "N° ONSS de l'employeur",
        "Jours travaillés 2",
        "Heures travaillées 17,5",
        "13 mars 2026",
        "BE68539007547034",
        "Précompte professionnel [",
        "Sources",
    ] {
        has(&fr, needle);
    }
    // Amounts the French way: "1 234,56 €", never "1234.56 EUR".
    let plain = format!("{net:.2}");
    let (whole, cents) = plain.split_once('.').unwrap();
    let digits: Vec<char> = whole.chars().collect();
    let groups: Vec<String> = digits.rchunks(3).rev().map(|g| g.iter().collect()).collect();
    let grouped = format!("{},{cents} €", groups.join(" "));
    has(&fr, &grouped);
    assert!(!fr.contains(" EUR"), "{fr}");
    assert!(!fr.contains("0000000097"), "an enterprise number as stored: {fr}");
    assert!(!fr.contains("artist "), "the category in French: {fr}");
    // The appendix names no internal file, and cites each line's legal basis in French, never
    // the parameters' English research notes.
    assert!(!fr.contains("RESEARCH") && !fr.contains("parameters/"), "{fr}");
    has(&fr, "Loi du 29 juin 1981");
    has(&fr, "AR/CIR 92, annexe III");
    for english in ["Law of", "checked against", "Annex III", "December"] {
        assert!(!fr.contains(english), "English '{english}' in the French appendix: {fr}");
    }

    let nl = pdf_text(&t, &format!("/payslips/{id}/pdf?lang=nl")).await;
    for needle in [
        "Loonbrief",
        "maart 2026",
        "Werknemerscategorie: kunstenaar",
        "Paritair comité: 304",
        "Gewerkte uren 17,5",
        "€ ",
        "Wet van 29 juni 1981",
    ] {
        has(&nl, needle);
    }
    assert!(!nl.contains("Law of") && !nl.contains("checked against"), "{nl}");
    // A member whose language is German gets the payslip in German without asking.
    let path = format!("/members/{member}");
    let m = t.patch_as(&path, "desk", json!({"language": "de"})).await.ok(200).clone();
    assert_eq!(m["language"], "de");
    let de = pdf_text(&t, &format!("/payslips/{id}/pdf")).await;
    for needle in [
        "Lohnabrechnung — März 2026",
        "Łukasz Kılıç",
        "5970 Ærøskøbing (DK)",
        "Nationalregisternummer: 85.07.30-033.28",
        "Unternehmensnummer 0000.000.097",
        "Arbeitnehmerkategorie: Künstler",
        "Paritätische Kommission: 304",
        "LSS-Nummer des Arbeitgebers",
        "Gearbeitete Tage 2",
        "Gearbeitete Stunden 17,5",
        "13. März 2026",
        "Berufssteuervorabzug [",
        "Quellen",
        "Gesetz vom 29. Juni 1981",
    ] {
        has(&de, needle);
    }
    assert!(!de.contains("Law of") && !de.contains("checked against"), "{de}");
    // Amounts the German way: "1.234,56 €".
    let grouped = format!("{},{cents} €", groups.join("."));
    has(&de, &grouped);
    assert!(!de.contains(" EUR") && !de.contains("artist "), "{de}");
    let en = pdf_text(&t, &format!("/payslips/{id}/pdf?lang=en")).await;
    for needle in
        ["March 2026", "Worker kind: artist", "Joint committee: 304", "Hours worked 17.5", "13 March 2026", "€"]
    {
        has(&en, needle);
    }
}

on_both_databases!(a_payslip_shows_what_belgian_law_asks_in_the_members_language);

/// The written fixed-term contract of Łukasz Kılıç (artist, two days in March 2026) states what
/// the law of 3 July 1978 (art. 9, 11bis) and Directive (EU) 2019/1152 art. 4 ask: parties with
/// the employer's enterprise and NSSO numbers and the worker's national number and address,
/// function, place, each day with its hours, start and end, the gross wage and how it was set,
/// the joint committee, the artist's mention; in French (his language), Dutch and English.
async fn a_contract_states_what_belgian_law_asks_in_the_members_language(t: &TestNode, id: &str) {
    let k = t.get(format!("/contracts/{id}")).await.ok(200).clone();
    let gross: rust_decimal::Decimal = k["gross"].as_str().unwrap().parse().unwrap();
    let plain = format!("{gross:.2}");
    let (whole, cents) = plain.split_once('.').unwrap();
    let digits: Vec<char> = whole.chars().collect();
    let groups: Vec<String> = digits.rchunks(3).rev().map(|g| g.iter().collect()).collect();
    let fr = pdf_text(t, &format!("/contracts/{id}/pdf")).await;
    for needle in [
        "Contrat de travail à durée déterminée",
        "Employeur",
        "N° d'entreprise 0000.000.097",
        "N° ONSS de l'employeur :",
        "Travailleur",
        "Łukasz Kılıç",
        "Őrsi utca 5",
        "5970 Ærøskøbing (DK)",
        "Numéro de registre national : 85.07.30-033.28",
        "Catégorie de travailleur : artiste",
        "Fonction Musician",
        "Lieu de travail Flagey, Brussels (BE)",
        "Début 10 mars 2026 09:00",
        "Fin 11 mars 2026 23:30",
        &format!("Rémunération brute {},{cents} €", groups.join(" ")),
        "Commission paritaire 304",
        "Horaire de travail",
        "10 mars 2026 09:00 17:00 8",
        "11 mars 2026 14:00 23:30 9,5",
        "Total 17,5",
        "3 000,00 €",
        "loi du 3 juillet 1978 relative aux contrats de travail, art. 9",
        "art. 11bis",
        "engagé comme artiste",
        "Fait à Saint-Gilles, le 2 mars 2026",
        "Pour l'employeur",
        "Le travailleur",
    ] {
        has(&fr, needle);
    }
    assert!(!fr.contains("contract-") && !fr.contains("payslip-"), "a label's code: {fr}");
    let nl = pdf_text(t, &format!("/contracts/{id}/pdf?lang=nl")).await;
    for needle in [
        "Arbeidsovereenkomst voor een bepaalde tijd",
        "Werknemerscategorie: kunstenaar",
        "Plaats van tewerkstelling Flagey, Brussels (BE)",
        "Paritair comité 304",
        "10 maart 2026",
        "wet van 3 juli 1978 betreffende de arbeidsovereenkomsten, art. 9",
        "Łukasz Kılıç",
    ] {
        has(&nl, needle);
    }
    let de = pdf_text(t, &format!("/contracts/{id}/pdf?lang=de")).await;
    for needle in [
        "Arbeitsvertrag für eine bestimmte Zeit",
        "10. März 2026",
        "Gesetz vom 3. Juli 1978 über die Arbeitsverträge, Art. 9",
        "Łukasz Kılıç",
    ] {
        has(&de, needle);
    }
    assert!(!de.contains("contract-"), "a label's code: {de}");
    let en = pdf_text(t, &format!("/contracts/{id}/pdf?lang=en")).await;
    for needle in ["Fixed-term employment contract", "Joint committee 304", "10 March 2026", "Total 17.5"] {
        has(&en, needle);
    }
}
