//! Dunning letters: after dunning runs, each step's letter (PDF and e-mail text) carries the
//! invoice, the figures the step recorded, how to pay and the deadline, in the language asked
//! for; a consumer's first reminder alone carries Book XIX's sentence.

use crate::common::{start_with, Db, TestNode, TOKEN};
use crate::on_both_databases;
use serde_json::{json, Value};

const IBAN: &str = "BE71096123456769";
const BIC: &str = "GKCCBEBB";

async fn client(t: &TestNode, body: Value) -> String {
    t.post("/clients", body).await.ok(201)["id"].as_str().unwrap().to_owned()
}

/// Issues an invoice in `language` dated Monday 2 March 2026, due Monday 16 March; returns its
/// id, number and structured reference.
async fn issued(t: &TestNode, activity: &str, client: &str, amount: &str, language: &str) -> (String, String, String) {
    let d = t
        .post(
            "/invoices",
            json!({"activity_id": activity, "client_id": client, "currency": "EUR", "date": "2026-03-02",
                   "payment_terms_days": 10, "language": language,
                   "lines": [{"description": "Workshop", "quantity": "1", "unit_price": amount, "vat_rate": "21"}]}),
        )
        .await;
    let id = d.ok(201)["id"].as_str().unwrap().to_owned();
    let inv = t.post(format!("/invoices/{id}/issue"), json!(null)).await.ok(200).clone();
    assert_eq!(inv["due_date"], "2026-03-16");
    (id, inv["number"].as_str().unwrap().to_owned(), inv["payment_reference"].as_str().unwrap().to_owned())
}

/// An amount as the letter writes it (CLDR), no-break spaces read as spaces: 1 210,00 € in
/// French, € 1.210,00 in Dutch, 1.210,00 € in German, €1,210.00 in English.
fn amount(lang: &str, plain: &str) -> String {
    let (whole, cents) = plain.split_once('.').unwrap();
    let (group, point) = match lang {
        "fr" => (" ", ","),
        "nl" | "de" => (".", ","),
        _ => (",", "."),
    };
    let digits: Vec<char> = whole.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(group);
        }
        out.push(*c);
    }
    match lang {
        "fr" | "de" => format!("{out}{point}{cents} €"),
        "nl" => format!("€ {out}{point}{cents}"),
        _ => format!("€{out}{point}{cents}"),
    }
}

/// A date as the letter writes it (CLDR): 2026-03-17 → 17 mars 2026, 17 maart 2026,
/// 17. März 2026, 17 March 2026.
fn date(lang: &str, iso: &str) -> String {
    let p: Vec<u32> = iso.split('-').map(|n| n.parse().unwrap()).collect();
    let months = match lang {
        "fr" => ["janvier", "février", "mars", "avril", "mai", "juin"],
        "nl" => ["januari", "februari", "maart", "april", "mei", "juni"],
        "de" => ["Januar", "Februar", "März", "April", "Mai", "Juni"],
        _ => ["January", "February", "March", "April", "May", "June"],
    };
    // French writes the first of the month "1er" (Imprimerie nationale's rules).
    // German writes every day as an ordinal, "17." (CLDR's `d. MMMM y`).
    let day = match lang {
        "fr" if p[2] == 1 => "1er".to_owned(),
        "de" => format!("{}.", p[2]),
        _ => p[2].to_string(),
    };
    format!("{day} {} {}", months[p[1] as usize - 1], p[0])
}

/// The words of a letter's PDF as pdftotext reads them, whitespace collapsed so that a sentence
/// wrapped over two lines still matches.
async fn pdf_words(t: &TestNode, path: &str) -> String {
    let res = t.http.get(format!("{}{path}", t.base)).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let file = std::env::temp_dir().join(format!("partage-letter-{}.pdf", uuid::Uuid::now_v7().simple()));
    std::fs::write(&file, &bytes).unwrap();
    // PARTAGE_KEEP_PDF=<dir> keeps every letter for a person to look at (pdftoppm -png).
    if let Some(dir) = std::env::var_os("PARTAGE_KEEP_PDF") {
        let name: String = path.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.pdf")), &bytes).unwrap();
    }
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext is missing: apt-get install poppler-utils");
    let _ = std::fs::remove_file(&file);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn text_words(t: &TestNode, path: &str) -> String {
    let r = t.get(path).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.content_type, "text/plain; charset=utf-8");
    r.text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn title(lang: &str, kind: &str) -> &'static str {
    match (lang, kind) {
        ("fr", "reminder") => "Premier rappel",
        ("nl", "reminder") => "Eerste herinnering",
        ("en", "reminder") => "First reminder",
        ("de", "reminder") => "Erste Zahlungserinnerung",
        ("fr", "formal_notice") => "Mise en demeure",
        ("nl", "formal_notice") => "Ingebrekestelling",
        ("en", "formal_notice") => "Formal notice",
        ("de", "formal_notice") => "Inverzugsetzung",
        other => panic!("no title for {other:?}"),
    }
}

/// The opening words of Book XIX's sentence, in each language.
fn book_xix(lang: &str) -> &'static str {
    match lang {
        "fr" => "Ce premier rappel est gratuit. Conformément à l'article XIX.2 du Code de droit économique",
        "nl" => {
            "Deze eerste herinnering is kosteloos. Overeenkomstig artikel XIX.2 van het Wetboek van economisch recht"
        }
        "de" => "Diese erste Zahlungserinnerung ist kostenlos. Gemäß Artikel XIX.2 des Wirtschaftsgesetzbuches",
        _ => "This first reminder is free of charge. Under article XIX.2 of the Code of Economic Law",
    }
}

/// What one letter must say, checked in its PDF and its text, in `lang` (None: the invoice's).
struct Expect<'a> {
    invoice: &'a (String, String, String),
    level: u64,
    lang: Option<&'a str>,
    default_lang: &'a str,
    consumer_first: bool,
    /// The last day before the next step, ISO.
    deadline: &'a str,
    total: &'a str,
}

async fn check_letter(t: &TestNode, e: Expect<'_>) {
    let (id, number, reference) = e.invoice;
    let case = t.get(format!("/invoices/{id}/dunning")).await.ok(200).clone();
    let step = case["steps"].as_array().unwrap().iter().find(|s| s["level"] == e.level).unwrap().clone();
    let lang = e.lang.unwrap_or(e.default_lang);
    let query = e.lang.map(|l| format!("?lang={l}")).unwrap_or_default();
    for (what, words) in [
        ("pdf", pdf_words(t, &format!("/invoices/{id}/dunning/{}/pdf{query}", e.level)).await),
        ("text", text_words(t, &format!("/invoices/{id}/dunning/{}/text{query}", e.level)).await),
    ] {
        let has = |needle: &str| assert!(words.contains(needle), "{what} in {lang} lacks '{needle}':\n{words}");
        has(title(lang, step["kind"].as_str().unwrap()));
        has(number);
        has(reference);
        has(IBAN);
        has(BIC);
        has("Partage Coop (demo)");
        has(&amount(lang, step["outstanding"].as_str().unwrap()));
        has(&amount(lang, e.total));
        has(&date(lang, step["sent_on"].as_str().unwrap()));
        has(&date(lang, e.deadline));
        // The cooperative's VAT and enterprise numbers as Belgian letters print them, with its
        // register (CSA art. 2:20).
        has("BE 0000.000.097");
        has(match lang {
            "fr" => "BCE 0000.000.097 – RPM Bruxelles",
            // The court configured as "Bruxelles", named in the letter's language.
            "nl" => "KBO 0000.000.097 – RPR Brussel",
            "de" => "Unternehmensnummer 0000.000.097 – RJP Brüssel",
            _ => "Enterprise number 0000.000.097 – RPM/RPR Bruxelles",
        });
        if let Some(from) = step["interest_from"].as_str() {
            has(&amount(lang, step["interest"].as_str().unwrap()));
            has(&date(lang, from));
            has(match lang {
                "fr" => "10,5 %",
                "nl" => "10,5%",
                "de" => "10,5 %",
                _ => "10.5%",
            });
        }
        if let Some(damages) = step["damages"].as_str() {
            has(&amount(lang, damages));
        }
        assert_eq!(words.contains(book_xix(lang)), e.consumer_first, "{what} in {lang}: Book XIX's sentence");
        for other in ["fr", "nl", "de", "en"].into_iter().filter(|l| *l != lang) {
            assert!(!words.contains(title(other, step["kind"].as_str().unwrap())), "{what} in {lang} has {other}");
        }
    }
}

async fn every_sent_step_has_its_letter_with_the_figures_it_recorded(db: Db) {
    let t = start_with(db, &[("entity.bic", BIC)]).await; // Monday 2 March 2026
    let member = t.member("letters@example.org").await;
    let activity = t.activity(&member, "Workshops").await;
    // A business with an e-mail address (its steps go by e-mail) and a consumer without (by post).
    let business = client(
        &t,
        json!({"name": "Atelier Lumière", "kind": "business", "country": "BE", "vat_number": "BE0403170701",
               "street": "Rue Haute 1", "postal_code": "1000", "city": "Bruxelles", "email": "ap@lumiere.example"}),
    )
    .await;
    let consumer = client(
        &t,
        json!({"name": "Jan Claes", "kind": "consumer", "country": "BE",
               "street": "Kerkstraat 2", "postal_code": "9000", "city": "Gent"}),
    )
    .await;
    let b2b = issued(&t, &activity, &business, "1000.00", "fr").await; // 1,210.00 with VAT
    let b2c = issued(&t, &activity, &consumer, "300.00", "nl").await; // 363.00 with VAT

    // Tuesday 17 March: both first reminders (tests/api/dunning.rs walks the same schedule).
    let t = t.on_day("2026-03-17").await;
    t.post("/dunning/runs", json!({})).await.ok(200);
    // The business's reminder claims interest from 17 March: 0.35, total 1,210.35. Its formal
    // notice may go 14 days after the day after the e-mail (1 April): pay by 31 March.
    for lang in [None, Some("en"), Some("de")] {
        let e = Expect {
            invoice: &b2b,
            level: 1,
            lang,
            default_lang: "fr",
            consumer_first: false,
            deadline: "2026-03-31",
            total: "1210.35",
        };
        check_letter(&t, e).await;
    }
    // The consumer's free reminder, posted: 14 days from the third working day after posting
    // (Friday 20 March) end on Thursday 2 April.
    for lang in [None, Some("fr"), Some("de")] {
        let e = Expect {
            invoice: &b2c,
            level: 1,
            lang,
            default_lang: "nl",
            consumer_first: true,
            deadline: "2026-04-02",
            total: "363.00",
        };
        check_letter(&t, e).await;
    }
    // Book XIX's sentence names what may be claimed once the period is over: on 363.00, at most
    // 30.00 + 10 % of 213.00 = 51.30 (consumer_damages.toml) and 10.5 % a year.
    let words = text_words(&t, &format!("/invoices/{}/dunning/1/text", b2c.0)).await;
    assert!(words.contains("derde werkdag na de verzending"), "{words}");
    assert!(words.contains("ten hoogste € 51,30 en verwijlintrest tegen 10,5% per jaar"), "{words}");
    assert!(words.contains("Jan Claes Kerkstraat 2 9000 Gent"), "{words}");
    assert!(words.contains("Factuurnummer: 2026-"), "{words}");
    assert!(words.contains("Per post"), "{words}");
    let words = text_words(&t, &format!("/invoices/{}/dunning/1/text?lang=fr", b2c.0)).await;
    assert!(words.contains("Facture n° : 2026-"), "French puts a space before a colon: {words}");
    assert!(words.contains("Par courrier"), "{words}");
    let words = text_words(&t, &format!("/invoices/{}/dunning/1/text?lang=de", b2c.0)).await;
    assert!(words.contains("Rechnungsnummer: 2026-"), "{words}");
    assert!(words.contains("Per Post"), "{words}");
    assert!(words.contains("dritten Werktag nach dem Versand"), "{words}");
    assert!(words.contains("höchstens 51,30 € sowie Verzugszinsen zum Jahressatz von 10,5 %"), "{words}");

    // Wednesday 1 April: the business's formal notice: 40.00 and 16 days of interest (5.57),
    // total 1,255.57; the handover may go 30 days after the day after it: pay by 1 May.
    let t = t.on_day("2026-04-01").await;
    t.post("/dunning/runs", json!({})).await.ok(200);
    for lang in [None, Some("en")] {
        let e = Expect {
            invoice: &b2b,
            level: 2,
            lang,
            default_lang: "fr",
            consumer_first: false,
            deadline: "2026-05-01",
            total: "1255.57",
        };
        check_letter(&t, e).await;
    }
    let words = text_words(&t, &format!("/invoices/{}/dunning/2/text?lang=en", b2b.0)).await;
    assert!(words.contains("Fixed compensation for recovery costs (law of 2 August 2002, art. 6) €40.00"), "{words}");
    assert!(words.contains("Despite our reminder of 17 March 2026"), "{words}");
    assert!(words.contains("Total now claimed €1,255.57"), "{words}");

    // Friday 3 April: the consumer's formal notice, with the Book XIX damages 51.30 and one day
    // of interest from 3 April (0.10): total 414.40; the handover may go 30 days after the
    // third working day after posting (Easter Monday 6 April is a holiday: Thursday 9 April),
    // that is on 9 May: pay by 8 May.
    let t = t.on_day("2026-04-03").await;
    t.post("/dunning/runs", json!({})).await.ok(200);
    for lang in [None, Some("fr"), Some("de")] {
        let e = Expect {
            invoice: &b2c,
            level: 2,
            lang,
            default_lang: "nl",
            consumer_first: false,
            deadline: "2026-05-08",
            total: "414.40",
        };
        check_letter(&t, e).await;
    }
    let words = text_words(&t, &format!("/invoices/{}/dunning/2/text?lang=fr", b2c.0)).await;
    assert!(words.contains("Indemnité forfaitaire (Code de droit économique, art. XIX.2) 51,30 €"), "{words}");

    // A letter is the step as sent: a payment since changes neither figure nor wording.
    let before = text_words(&t, &format!("/invoices/{}/dunning/2/text", b2b.0)).await;
    t.post(format!("/invoices/{}/payments", b2b.0), json!({"amount": "1210.00", "currency": "EUR"})).await.ok(201);
    assert_eq!(text_words(&t, &format!("/invoices/{}/dunning/2/text", b2b.0)).await, before);
    t.balanced().await;
}

async fn bad_letter_requests_are_refused_clearly_and_write_nothing(db: Db) {
    let t = start_with(db, &[]).await;
    let member = t.member("bad-letters@example.org").await;
    let activity = t.activity(&member, "Talks").await;
    let c = t.belgian_client().await;
    let (open, _, _) = issued(&t, &activity, &c, "100.00", "fr").await;
    let draft = t.draft(&activity, &c, "10.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    let t = t.on_day("2026-03-17").await;
    t.post("/dunning/runs", json!({})).await.ok(200);
    let snapshot = async |t: &TestNode| {
        (
            t.get("/dunning").await.ok(200).clone(),
            t.get(format!("/invoices/{open}/dunning")).await.ok(200).clone(),
            t.balanced().await["entries"].clone(),
        )
    };
    let before = snapshot(&t).await;
    assert_eq!(before.1["steps"].as_array().unwrap().len(), 1);

    let nobody = "00000000-0000-7000-8000-000000000000";
    for format in ["pdf", "text"] {
        t.get(format!("/invoices/{open}/dunning/1/{format}")).await.ok(200);
        // No step at that level yet, an unknown invoice, a draft: not found.
        let d = t.get(format!("/invoices/{open}/dunning/2/{format}")).await.problem(404, "not-found");
        assert!(d.contains("level 2"), "{d}");
        t.get(format!("/invoices/{nobody}/dunning/1/{format}")).await.problem(404, "not-found");
        t.get(format!("/invoices/{draft}/dunning/1/{format}")).await.problem(404, "not-found");
        // Levels count from 1.
        for level in ["0", "-1"] {
            let r = t.get(format!("/invoices/{open}/dunning/{level}/{format}")).await;
            r.problem(422, "invalid-field");
            assert_eq!(r.body["field"], "level");
        }
        t.get(format!("/invoices/{open}/dunning/first/{format}")).await.problem(400, "bad-id");
        t.get(format!("/invoices/{open}/dunning/1.5/{format}")).await.problem(400, "bad-id");
        t.get(format!("/invoices/abc/dunning/1/{format}")).await.problem(400, "bad-id");
        // Only the pack's letter languages.
        for lang in ["it", "FR", ""] {
            let r = t.get(format!("/invoices/{open}/dunning/1/{format}?lang={lang}")).await;
            r.problem(422, "invalid-field");
            assert_eq!(r.body["field"], "lang");
        }
    }
    assert_eq!(snapshot(&t).await, before, "a refused request wrote something");
}

/// A client corrected after a reminder went out (`PATCH /clients/{id}`): the letter, printed
/// again, still shows the name and address the invoice was issued to.
async fn a_letter_printed_after_a_client_correction_shows_the_buyer_as_invoiced(db: Db) {
    let t = start_with(db, &[]).await; // Monday 2 March 2026
    let member = t.member("corrected-letters@example.org").await;
    let activity = t.activity(&member, "Workshops").await;
    let consumer = client(
        &t,
        json!({"name": "Jan Claes", "kind": "consumer", "country": "BE",
               "street": "Kerkstraat 2", "postal_code": "9000", "city": "Gent"}),
    )
    .await;
    let invoice = issued(&t, &activity, &consumer, "300.00", "nl").await;
    let t = t.on_day("2026-03-17").await;
    t.post("/dunning/runs", json!({})).await.ok(200);
    let path = format!("/invoices/{}/dunning/1", invoice.0);
    let text_before = text_words(&t, &format!("{path}/text")).await;
    let pdf_before = pdf_words(&t, &format!("{path}/pdf")).await;
    assert!(text_before.contains("Jan Claes Kerkstraat 2 9000 Gent"), "{text_before}");

    t.patch_as(
        format!("/clients/{consumer}"),
        "advisor",
        json!({"name": "Jan Claes-Peeters", "street": "Veldstraat 9", "postal_code": "9050", "city": "Gentbrugge"}),
    )
    .await
    .ok(200);
    assert_eq!(t.get(format!("/clients/{consumer}")).await.ok(200)["name"], "Jan Claes-Peeters");

    for (what, words, before) in [
        ("text", text_words(&t, &format!("{path}/text")).await, text_before),
        ("pdf", pdf_words(&t, &format!("{path}/pdf")).await, pdf_before),
    ] {
        assert!(words.contains("Jan Claes Kerkstraat 2 9000 Gent"), "{what}: {words}");
        for corrected in ["Claes-Peeters", "Veldstraat", "Gentbrugge"] {
            assert!(!words.contains(corrected), "{what} shows the correction '{corrected}': {words}");
        }
        assert_eq!(words, before, "{what} changed after the client's correction");
    }
}

on_both_databases!(
    every_sent_step_has_its_letter_with_the_figures_it_recorded,
    bad_letter_requests_are_refused_clearly_and_write_nothing,
    a_letter_printed_after_a_client_correction_shows_the_buyer_as_invoiced
);
