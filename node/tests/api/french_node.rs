//! A French node end to end: `node.country = "FR"` with the demo's French settings, through
//! member (with a social security number) → client (with a SIREN-based VAT number) →
//! invoice → declared work → contract with its hiring declaration (the pack's DPAE) →
//! payroll → the monthly return (the pack's DSN), nothing in the node assuming Belgium.

use crate::common::{start_with, Db, TestNode};
use crate::on_both_databases;
use crate::quarterly_returns::payroll;
use serde_json::json;

/// Ms Lefèvre's number: the Ameli example, woman born in May 1969 in Maine-et-Loire.
const NATIONAL_ID: &str = "269054958815780";

/// Ms Lefèvre's place in the classification of IDCC 1486 (an example of its ETAM grid: position
/// 2.2, coefficient 310), as the declaration gives it once its white space is made one line.
const CLASSIFICATION: &str = "ETAM 2.2, coefficient 310";

/// The node's supplementary pension institution (`pack.fr.pension_fund`): an example, not a real one.
const PENSION_FUND: &str = "Caisse de retraite d'exemple, 1 rue de l'Exemple, 75010 Paris";

async fn french_node(db: Db) -> TestNode {
    let settings: Vec<(&'static str, String)> = partage::demo::country_settings("fr");
    let mut extra: Vec<(&'static str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    extra.push(("pack.fr.pension_fund", PENSION_FUND));
    start_with(db, &extra).await // Monday 2 March 2026
}

/// A POST with `Accept-Language: fr`: its problem.
async fn post_in_french(t: &TestNode, path: &str, body: &serde_json::Value) -> serde_json::Value {
    let res = t
        .http
        .post(format!("{}{path}", t.base))
        .bearer_auth(crate::common::TOKEN)
        .header("accept-language", "fr")
        .json(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    res.json().await.unwrap()
}

async fn a_french_node_hires_pays_and_declares_the_month(db: Db) {
    let t = french_node(db).await;
    let m =
        t.post("/members", json!({"first_name": "Hélène", "last_name": "Lefèvre", "email": "helene@example.fr"})).await;
    let member = m.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/members/{member}/shares"), json!({"count": 1})).await.ok(200);
    t.post(format!("/members/{member}/shares/payments"), json!({"amount": "30.00", "currency": "EUR"})).await.ok(200);
    // A number whose key is wrong, or that another birth date contradicts, is refused.
    let bad = t
        .put(
            format!("/members/{member}/identity"),
            json!({"national_id": "269054958815781", "birth_date": "1969-05-12"}),
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.text);
    let other_year = t
        .put(format!("/members/{member}/identity"), json!({"national_id": NATIONAL_ID, "birth_date": "1970-05-12"}))
        .await;
    assert_eq!(other_year.status, 422, "{}", other_year.text);
    t.put(format!("/members/{member}/identity"), json!({"national_id": NATIONAL_ID, "birth_date": "1969-05-12"}))
        .await
        .ok(200);
    t.put(format!("/members/{member}/payroll"), json!({"iban": "FR7630006000011234567890189", "family": "single"}))
        .await
        .ok(200);

    let c = t
        .post(
            "/clients",
            json!({"name": "Théâtre de la Bastille", "kind": "business", "country": "FR", "vat_number": "FR15901234567",
                   "street": "76 rue de la Roquette", "postal_code": "75011", "city": "Paris"}),
        )
        .await;
    let client = c.ok(201)["id"].as_str().unwrap().to_owned();
    let activity = t.activity(&member, "Concert de printemps").await;
    let draft = t.draft(&activity, &client, "2000.00", "20").await;
    let invoice = draft.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    // Its PDF speaks French, with French invoicing words (HT, TTC), never a label's code.
    let printed = crate::documents::pdf_text(&t, &format!("/invoices/{invoice}/pdf")).await;
    for needle in ["Facture", "Vendeur", "Client", "SIREN", "Total HT 2 000,00 €", "Total TTC 2 400,00 €"] {
        assert!(printed.contains(needle), "'{needle}' missing from:\n{printed}");
    }
    assert!(!printed.contains("invoice-") && !printed.contains("vat-category-"), "a label's code: {printed}");

    let category = "non-cadre";
    let mut body = json!({"activity_id": activity, "function": "Musicienne", "place": "Paris", "risks": [],
        "worker_category": category, "budget": "1200.00", "currency": "EUR", "work_country": "FR",
        "periods": [{"date": "2026-03-10", "start": "14:00", "end": "23:00"}, {"date": "2026-03-11", "start": "09:30", "end": "17:00"}]});
    // A CDD without its written motive would be deemed open-ended (Code du travail L1242-12,
    // L1245-1): refused, naming the field and the cases of L1242-2 the pack offers.
    let refused = t.post("/work-declarations", body.clone()).await;
    let cases = "replacement, activity_increase, seasonal, customary";
    assert_eq!(
        refused.problem(422, "contract-motive-required"),
        format!("a fixed-term contract states its motive: give motive.code, one of {cases}")
    );
    assert_eq!(refused.body["field"], "motive");
    let fr = post_in_french(&t, "/work-declarations", &body).await;
    assert_eq!(fr["code"], "contract-motive-required");
    assert_eq!(
        fr["detail"],
        format!("un contrat à durée déterminée énonce son motif\u{a0}: indiquez motive.code, parmi {cases}")
    );
    // A replacement names the person replaced and their job (L1242-12, 1°); a CDD d'usage its sector.
    for (motive, code, field) in [
        (json!({"code": "replacement"}), "contract-motive-incomplete", "motive.replaced"),
        (json!({"code": "holidays"}), "contract-motive-unknown", "motive.code"),
        (json!({"code": "customary", "sector": "forestry"}), "contract-motive-unknown", "motive.sector"),
        (json!({"code": "activity_increase"}), "contract-motive-incomplete", "motive.detail"),
    ] {
        body["motive"] = motive;
        let r = t.post("/work-declarations", body.clone()).await;
        r.problem(422, code);
        assert_eq!(r.body["field"], field, "{}", r.text);
    }
    // An open-ended contract states none.
    let mut open_ended = body.clone();
    open_ended["kind"] = json!("stabilised_monthly");
    open_ended["periods"] = json!([{"date": "2026-03-10", "start": "14:00", "end": "23:00"}]);
    open_ended["motive"] = json!({"code": "seasonal", "detail": "été"});
    t.post("/work-declarations", open_ended).await.problem(422, "contract-motive-not-accepted");
    // Nothing of the refusals was written.
    let listed = t.get(format!("/work-declarations?activity_id={activity}")).await;
    assert_eq!(listed.ok(200)["total"], 0);

    body["motive"] = json!({"code": "replacement", "replaced": {"name": "Anne Roux", "job": "musicienne d'orchestre"},
        "detail": "congé de maternité"});
    // The position in the agreement's classification (R3243-1, 4°) is one line of at most 120 characters.
    body["classification"] = json!("x".repeat(121));
    let long = t.post("/work-declarations", body.clone()).await;
    assert_eq!(long.problem(422, "classification-too-long"), "classification is longer than 120 characters");
    assert_eq!(long.body["field"], "classification");
    assert_eq!(
        post_in_french(&t, "/work-declarations", &body).await["detail"],
        "classification dépasse 120 caractères"
    );
    body["classification"] = json!(" ETAM 2.2,\n  coefficient 310 ");
    let declared = t.post("/work-declarations", body).await;
    let id = declared.ok(201)["id"].as_str().unwrap().to_owned();
    assert_eq!(declared.body["motive"]["replaced"]["name"], "Anne Roux");
    assert_eq!(declared.body["classification"], CLASSIFICATION);
    let contract = t.post(format!("/work-declarations/{id}/validate"), json!(null)).await.ok(200)["contract"].clone();
    assert_eq!(contract["motive"]["code"], "replacement", "{contract}");
    assert_eq!(contract["classification"], CLASSIFICATION, "copied onto the contract");
    assert_eq!(contract["motive"]["replaced"]["job"], "musicienne d'orchestre");
    assert_eq!(contract["motive"]["detail"], "congé de maternité");
    let filings = contract["hiring_declarations"].as_array().unwrap();
    assert_eq!(filings.len(), 1, "the contract is made with its hiring declaration");
    assert!(filings[0]["declared_at"].as_str().unwrap() < contract["starts_at"].as_str().unwrap());
    let dpae = t.get(format!("/hiring-declarations/{}", filings[0]["id"].as_str().unwrap())).await;
    assert_eq!(dpae.status, 200);
    for expected in [
        "<FR_DUE_Upload",
        "<rxorg:FR_Organization.SIRET.Identifier>90123456700013<",
        "<FR_Employer.URSSAF.Code>117<",
        "<rxpers:FR_NNI.NIR.Identifier>2690549588157<",
        "<rxpers:FR_PersonIdentity.Surname.Text>LEFEVRE<",
        "<FR_Contract.StartContract.Date>10032026<",
        "<FR_Contract.StartContract.Time>1400<",
        "<FR_Contract.Nature.Code>CDD<",
    ] {
        assert!(dpae.text.contains(expected), "{expected} in {}", dpae.text);
    }

    a_french_contract_states_what_l1242_12_asks(&t, contract["id"].as_str().unwrap()).await;
    a_contract_without_a_recorded_motive_still_asks_for_it(&t, contract["id"].as_str().unwrap()).await;

    let t = t.on_day("2026-03-20").await;
    let slips = payroll(&t, "2026-03").await;
    assert_eq!(slips.len(), 1);
    // The gross was found for the two days and 16.5 hours the payslip pays, so the payslip
    // costs the 1,200.00 budget less at most the cent the search leaves: a gross found for a
    // month (the general reduction of a month's SMIC) cost far more than the budget.
    let cost: rust_decimal::Decimal = slips[0]["employer_cost"].as_str().unwrap().parse().unwrap();
    assert!(cost <= rust_decimal::Decimal::new(120_000, 2) && cost >= rust_decimal::Decimal::new(119_999, 2), "{cost}");
    t.balanced().await;
    a_french_payslip_prints_what_the_code_du_travail_asks(&t, &slips[0]).await;
    a_contract_without_a_recorded_classification_prints_it_to_complete(&t, &slips[0]).await;

    // The month is over on 1 April: its return is the monthly DSN.
    let t = t.on_day("2026-04-01").await;
    let early = t.on_day("2026-03-31").await.post("/quarterly-returns", json!({"quarter": "2026-03"})).await;
    assert_eq!(early.status, 422, "{}", early.text);
    let r = t.post("/quarterly-returns", json!({"quarter": "2026-03"})).await;
    let v = r.ok(201).clone();
    assert!(v["format"].as_str().unwrap().starts_with("DSN"), "{v}");
    assert_eq!(v["payslips"], 1);
    assert_eq!(v["totals"]["gross"], slips[0]["gross"]);
    let doc = t.get(format!("/quarterly-returns/{}/xml", v["id"].as_str().unwrap())).await;
    assert_eq!(doc.status, 200);
    let lines: Vec<&str> = doc.text.lines().collect();
    assert_eq!(lines.first(), Some(&"S10.G00.00.001,'Partage'"));
    assert!(lines.contains(&"S20.G00.05.005,'01032026'"), "{}", doc.text);
    assert!(lines.contains(&"S21.G00.06.001,'901234567'"));
    assert!(lines.contains(&"S21.G00.30.001,'2690549588157'"));
    assert!(lines.contains(&format!("S21.G00.51.013,'{}'", slips[0]["gross"].as_str().unwrap()).as_str()));
    assert!(lines.contains(&format!("S90.G00.90.001,'{}'", lines.len()).as_str()));
}

on_both_databases!(a_french_node_hires_pays_and_declares_the_month);

/// An amount as a French reader writes it: thousands apart, a decimal comma, the euro sign after
/// (pdf_text reads the narrow no-break spaces as spaces).
fn french_amount(text: &str) -> String {
    let (units, cents) = text.split_once('.').unwrap();
    let digits: Vec<char> = units.chars().collect();
    let mut grouped = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(' ');
        }
        grouped.push(*c);
    }
    format!("{grouped},{cents} €")
}

/// `gross` over `hours`, to four decimals, as a French reader writes a rate (no thousands here).
fn hourly_rate(gross: &str, hours: &str) -> String {
    let gross: rust_decimal::Decimal = gross.parse().unwrap();
    let hours: rust_decimal::Decimal = hours.parse().unwrap();
    format!("{} €", format!("{:.4}", (gross / hours).round_dp(4)).replace('.', ","))
}

/// The printed bulletin de paie in French carries the mentions of Code du travail art. R3243-1
/// (employer, SIRET, APE code, collective agreement, employee, job and status, period, hours,
/// gross, each contribution, net before tax, income tax withheld, net paid, payment date, montant
/// net social) and of R3243-5 (keep it without time limit), under French headings, never a
/// label's code.
async fn a_french_payslip_prints_what_the_code_du_travail_asks(t: &TestNode, slip: &serde_json::Value) {
    let id = slip["id"].as_str().unwrap();
    let text = crate::documents::pdf_text(t, &format!("/payslips/{id}/pdf")).await;
    for needle in [
        "Bulletin de paie — mars 2026",
        "Employeur",
        "SIREN 901 234 567",
        "SIRET : 90123456700013",
        "Code APE : 9002Z",
        "Convention collective (IDCC) : 1486 — Convention collective nationale des bureaux",
        &format!("Retraite complémentaire et prévoyance : {PENSION_FUND}"),
        "Salarié",
        "Hélène Lefèvre",
        // A long number may wrap in its column: its first groups stay beside the label.
        "N° de sécurité sociale : 2 69 05",
        "Statut : non-cadre",
        "Emploi : Musicienne",
        "Période mars 2026 (paie du mois)",
        "Heures travaillées 16,5",
        // The gross over the hours worked, to four decimals (R3243-1, 5°: the rate of the hours).
        &format!("Taux horaire brut {}", hourly_rate(slip["gross"].as_str().unwrap(), "16.5")),
        "Date de paiement",
        &format!("Salaire brut {}", french_amount(slip["gross"].as_str().unwrap())),
        &format!("Net payé {}", french_amount(slip["net"].as_str().unwrap())),
        "Sécurité sociale plafonnée (part salariale)",
        "CSG déductible de l'impôt sur le revenu",
        "Net à payer avant impôt sur le revenu",
        "Impôt sur le revenu prélevé à la source",
        "Montant net social",
        "conservez ce bulletin de paie sans limitation de durée",
        "https://www.service-public.fr/particuliers/vosdroits/F559",
        // The appendix cites each line's legal basis in French.
        "CSS, art. L136-1-2 et L136-8",
        "ANI AGIRC-ARRCO du 17 novembre 2017",
    ] {
        assert!(text.contains(needle), "'{needle}' missing from:\n{text}");
    }
    for english in ["as amended by", "checked against", "as reported by", " a month"] {
        assert!(!text.contains(english), "English '{english}' in the French appendix: {text}");
    }
    assert!(!text.contains("payslip-") && !text.contains("invoice-company-id"), "a label's code: {text}");
    assert!(!text.contains("regular"), "an English word: {text}");
    // R3243-1, 4°: the job and the position in the agreement's classification, from the contract.
    let classification = format!("Emploi : Musicienne SIRET : 90123456700013 Classification : {CLASSIFICATION}");
    assert!(text.contains(&classification), "'{classification}' missing from:\n{text}");
}

/// A contract made before classifications were recorded (its column empty, as m0022 leaves it)
/// prints the classification as still to complete on the contract and on the payslip, never a guess.
async fn a_contract_without_a_recorded_classification_prints_it_to_complete(t: &TestNode, slip: &serde_json::Value) {
    use partage::storage::entities::contract;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let id = slip["contract_id"].as_str().unwrap();
    let none: Option<String> = None;
    contract::Entity::update_many()
        .col_expr(contract::Column::Classification, none.into())
        .filter(contract::Column::Id.eq(id.parse::<uuid::Uuid>().unwrap()))
        .exec(t.in_process().store.db())
        .await
        .unwrap();
    let printed = crate::documents::pdf_text(t, &format!("/contracts/{id}/pdf")).await;
    assert!(printed.contains("Classification à compléter"), "{printed}");
    let payslip =
        crate::documents::pdf_text(t, &format!("/payslips/{}/pdf?lang=fr", slip["id"].as_str().unwrap())).await;
    assert!(payslip.contains("Classification : à compléter"), "{payslip}");
    assert!(t.get(format!("/contracts/{id}")).await.ok(200)["classification"].is_null());
}

/// The written CDD in French states what Code du travail L1242-12 asks: the motive (the replaced
/// worker's name and job), the term, the job, the collective agreement with its title, the trial
/// period, the wage and the supplementary pension fund (the node's `pack.fr.pension_fund`), and
/// L1242-13's two working days; in English too.
async fn a_french_contract_states_what_l1242_12_asks(t: &TestNode, id: &str) {
    let text = crate::documents::pdf_text(t, &format!("/contracts/{id}/pdf?lang=fr")).await;
    for needle in [
        "Contrat de travail à durée déterminée",
        "SIREN 901 234 567",
        "SIRET : 90123456700013",
        "Hélène Lefèvre",
        "Statut : non-cadre",
        "Motif remplacement de Anne Roux, musicienne d'orchestre, absent(e) (Code du travail L1242-2, 1°) — congé de",
        "Poste et emploi occupé Musicienne",
        &format!("Classification {CLASSIFICATION}"),
        "Terme 11 mars 2026 17:00",
        "Convention collective (IDCC) 1486 — Convention collective nationale des bureaux d'études",
        "Période d'essai aucune",
        &format!("Retraite et prévoyance {PENSION_FUND}"),
        "La rémunération brute de",
        "Fait à Paris, le 2 mars 2026",
        "10 mars 2026 14:00 23:00 9",
        "Total 16,5",
        "Code du travail L1242-12",
        "L1242-13",
        "Le salarié",
    ] {
        assert!(text.contains(needle), "'{needle}' missing from:\n{text}");
    }
    assert!(!text.contains("contract-") && !text.contains("payslip-"), "a label's code: {text}");
    let english = crate::documents::pdf_text(t, &format!("/contracts/{id}/pdf?lang=en")).await;
    for needle in [
        "Fixed-term employment contract",
        "Motive replacing Anne Roux, musicienne d'orchestre, who is absent (Code du travail L1242-2, 1°)",
        "Collective agreement (IDCC) 1486 — Convention collective nationale des bureaux d'études",
        &format!("Classification {CLASSIFICATION}"),
        &format!("Pension and welfare {PENSION_FUND}"),
    ] {
        assert!(english.contains(needle), "'{needle}' missing from:\n{english}");
    }
}

/// A contract made before motives were recorded (its motive columns empty, as m0020 leaves
/// them) prints the motive as still to complete, never a guess.
async fn a_contract_without_a_recorded_motive_still_asks_for_it(t: &TestNode, id: &str) {
    use partage::storage::entities::contract;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let uuid: uuid::Uuid = id.parse().unwrap();
    let none: Option<String> = None;
    contract::Entity::update_many()
        .col_expr(contract::Column::MotiveCode, none.clone().into())
        .col_expr(contract::Column::MotiveReplacedName, none.clone().into())
        .col_expr(contract::Column::MotiveReplacedJob, none.clone().into())
        .col_expr(contract::Column::MotiveDetail, none.into())
        .filter(contract::Column::Id.eq(uuid))
        .exec(t.in_process().store.db())
        .await
        .unwrap();
    let text = crate::documents::pdf_text(t, &format!("/contracts/{id}/pdf")).await;
    assert!(text.contains("Motif à compléter (Code du travail L1242-2)"), "{text}");
    assert!(t.get(format!("/contracts/{id}")).await.ok(200)["motive"].is_null());
}

/// A member of a French node declares work through the page: the form lists the pack's kinds of
/// work and its L1242-2 cases; without one a consultant's fixed-term contract is refused beside the list
/// (L1242-12: a CDD states its motive), with one it is declared and keeps it.
async fn a_french_member_states_the_motive_of_their_fixed_term_contract_on_the_work_form(db: Db) {
    use crate::pages::{page, post_form, session};
    let t = french_node(db).await;
    let member = t.member("helene@example.fr").await;
    let activity = t.activity(&member, "Conseil").await;
    let (cookie, csrf) = session(&t, "helene@example.fr", None).await;
    let (status, html) = page(&t, &cookie, "/app/work", "fr").await;
    assert_eq!(status, 200, "{html}");
    for needle in ["<label for=\"motive-code\">", "Accroissement temporaire d'activité (L1242-2, 2°)", "CDD d'usage"]
    {
        assert!(html.contains(needle), "'{needle}' missing from:\n{html}");
    }
    // The kinds of work are the French pack's, not Belgium's.
    assert!(html.contains("<option value=\"non-cadre\">Salarié non cadre</option>"), "{html}");
    assert!(!html.contains("value=\"manual\""), "{html}");
    let mut form = vec![
        ("csrf", csrf.as_str()),
        ("activity_id", activity.as_str()),
        ("function", "Consultante"),
        ("place", "Lyon"),
        ("worker_category", "non-cadre"),
        ("budget", "800,00"),
        ("periods-0-date", "2026-03-10"),
        ("periods-0-start", "09:00"),
        ("periods-0-end", "17:00"),
    ];
    let res = post_form(&t, &cookie, "/app/work", &form).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"motive-code-error\"") && html.contains("Choisissez le cas qui justifie"), "{html}");
    assert_eq!(t.get(format!("/work-declarations?member_id={member}")).await.ok(200)["total"], 0);
    form.extend([("motive-code", "activity_increase"), ("motive-detail", "Audit commandé par la mairie de Lyon")]);
    let res = post_form(&t, &cookie, "/app/work", &form).await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap_or_default());
    let list = t.get(format!("/work-declarations?member_id={member}")).await.ok(200).clone();
    assert_eq!(list["total"], 1, "{list}");
    assert_eq!(list["items"][0]["motive"]["code"], "activity_increase", "{list}");
    assert_eq!(list["items"][0]["motive"]["detail"], "Audit commandé par la mairie de Lyon", "{list}");
}

on_both_databases!(a_french_member_states_the_motive_of_their_fixed_term_contract_on_the_work_form);

/// A partner platform's hours on a French node: each hourly contract is a fixed-term contract of
/// its hours, so it states the L1242-2 motive its worker's enrolment gave (L1242-12: without one it
/// would be deemed open-ended), and the classification given then, on its view, its printed contract
/// and its payslip. Enrolling without a motive is refused as a declaration is, except for performers,
/// whose contracts state the performing arts' CDD d'usage.
async fn a_french_platform_s_hourly_contracts_state_the_motive_and_classification_of_the_enrolment(db: Db) {
    use crate::platforms::as_platform;
    let t = french_node(db).await; // Monday 2 March 2026, noon: the enrolment
    let member = t.member("livreuse@example.fr").await;
    t.put(format!("/members/{member}/identity"), json!({"national_id": NATIONAL_ID, "birth_date": "1969-05-12"}))
        .await
        .ok(200);
    t.put(format!("/members/{member}/payroll"), json!({"iban": "FR7630006000011234567890189", "family": "single"}))
        .await
        .ok(200);
    let client = t
        .post(
            "/clients",
            json!({"name": "Vélo Express SAS", "kind": "business", "country": "FR", "vat_number": "FR15901234567",
                   "street": "12 rue Oberkampf", "postal_code": "75011", "city": "Paris"}),
        )
        .await
        .ok(201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let platform = |category: &str| {
        json!({"name": format!("Vélo Express {category}"), "client_id": client, "hourly_rate": "18.50", "currency": "EUR",
               "vat_rate": "20", "worker_category": category, "function": "Coursière à vélo"})
    };
    let p = t.post("/platforms", platform("non-cadre")).await.ok(201).clone();
    let (id, token) = (p["id"].as_str().unwrap().to_owned(), p["token"].as_str().unwrap().to_owned());
    let workers = format!("/platforms/{id}/workers");
    let mut enrol = json!({"worker_ref": "w1", "member_id": member});
    let refused = t.post(&workers, enrol.clone()).await;
    let cases = "replacement, activity_increase, seasonal, customary";
    assert_eq!(
        refused.problem(422, "contract-motive-required"),
        format!("a fixed-term contract states its motive: give motive.code, one of {cases}")
    );
    assert_eq!(refused.body["field"], "motive");
    enrol["motive"] = json!({"code": "activity_increase"});
    let r = t.post(&workers, enrol.clone()).await;
    r.problem(422, "contract-motive-incomplete");
    assert_eq!(r.body["field"], "motive.detail");
    enrol["motive"] = json!({"code": "activity_increase", "detail": "courses commandées par Vélo Express"});
    enrol["classification"] = json!("é".repeat(121));
    t.post(&workers, enrol.clone()).await.problem(422, "classification-too-long");
    enrol["classification"] = json!("Niveau I, échelon 1");
    let enrolled = t.post(&workers, enrol).await.ok(201).clone();
    assert_eq!(enrolled["motive"]["code"], "activity_increase", "{enrolled}");
    assert_eq!(enrolled["classification"], "Niveau I, échelon 1");
    let framework = enrolled["framework_contract_id"].as_str().unwrap().to_owned();

    // A performer's enrolment states the performing arts' CDD d'usage without being told.
    let artists = t.post("/platforms", platform("artist")).await.ok(201)["id"].as_str().unwrap().to_owned();
    let artist =
        t.post(format!("/platforms/{artists}/workers"), json!({"worker_ref": "a1", "member_id": member})).await;
    assert_eq!(artist.ok(201)["motive"]["code"], "customary", "{}", artist.text);
    assert_eq!(artist.body["motive"]["sector"], "entertainment");
    assert!(artist.body["classification"].is_null());

    let t = t.on_day("2026-03-09").await;
    let batch = json!({"batch_id": "2026-W10", "lines": [{"worker": "w1", "date": "2026-03-03", "start": "18:00", "end": "22:00"}]});
    let (status, r) = as_platform(&t, &token, "/platform/batches", Some(batch)).await;
    assert_eq!((status, r["accepted"].as_u64()), (201, Some(1)), "{r}");
    let listed = t.get(format!("/contracts?member_id={member}")).await.ok(200).clone();
    let hourly: Vec<&serde_json::Value> =
        listed["items"].as_array().unwrap().iter().filter(|k| k["kind"] == "hourly").collect();
    assert_eq!(hourly.len(), 1, "{listed}");
    let hourly = hourly[0];
    assert_eq!(hourly["motive"]["code"], "activity_increase", "{hourly}");
    assert_eq!(hourly["motive"]["detail"], "courses commandées par Vélo Express");
    assert_eq!(hourly["classification"], "Niveau I, échelon 1");
    let hourly_id = hourly["id"].as_str().unwrap();
    let printed = crate::documents::pdf_text(&t, &format!("/contracts/{hourly_id}/pdf")).await;
    for needle in [
        "Contrat de travail à durée déterminée",
        "Nature du contrat à durée déterminée, à l'heure",
        "Motif accroissement temporaire de l'activité de l'entreprise (Code du travail L1242-2, 2°) — courses",
        "Classification Niveau I, échelon 1",
    ] {
        assert!(printed.contains(needle), "'{needle}' missing from:\n{printed}");
    }
    // The enrolment itself is open-ended: no term, no motive of its own.
    let printed = crate::documents::pdf_text(&t, &format!("/contracts/{framework}/pdf")).await;
    assert!(printed.contains("Contrat de travail à durée indéterminée"), "{printed}");
    assert!(printed.contains("Terme sans terme") && !printed.contains("9999"), "{printed}");
    assert!(!printed.contains("Motif"), "{printed}");
    // Nor a wage of its own: each hourly contract sets it.
    assert!(printed.contains("Rémunération brute fixée par chaque contrat horaire"), "{printed}");
    assert!(printed.contains("contrat à durée déterminée horaire distinct") && !printed.contains("0,00"), "{printed}");
    assert!(!printed.contains("Jours et horaires de travail"), "no schedule of its own: {printed}");

    let t = t.on_day("2026-03-20").await;
    let slips = payroll(&t, "2026-03").await;
    let slip = slips.iter().find(|s| s["contract_id"] == hourly["id"]).expect("the hourly contract's payslip");
    // Its gross was found for the hours it pays: the payslip costs no more than the contract's
    // budget, and at most a cent less.
    let contract = t.get(format!("/contracts/{}", slip["contract_id"].as_str().unwrap())).await.ok(200).clone();
    let budget: rust_decimal::Decimal = contract["budget"].as_str().unwrap().parse().unwrap();
    let cost: rust_decimal::Decimal = slip["employer_cost"].as_str().unwrap().parse().unwrap();
    assert!(cost <= budget && budget - cost <= rust_decimal::Decimal::new(1, 2), "{cost} for a budget of {budget}");
    let text = crate::documents::pdf_text(&t, &format!("/payslips/{}/pdf", slip["id"].as_str().unwrap())).await;
    assert!(text.contains("Emploi : Coursière à vélo"), "{text}");
    assert!(text.contains("Classification : Niveau I, échelon 1"), "{text}");
    t.balanced().await;
}

on_both_databases!(a_french_platform_s_hourly_contracts_state_the_motive_and_classification_of_the_enrolment);
