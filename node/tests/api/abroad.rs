//! Work in another country (Regulation (EC) 883/2004): a declaration abroad is given the
//! legislation that applies, warns while no A1 certifies it and near the 25 % line, and its
//! contract is computed with the pack of the applicable country, or refused naming it.

use crate::common::{start, start_with, Db, TestNode};
use crate::on_both_databases;
use crate::pages::{page, session};
use partage::auth::Role;
use partage::storage::entities::journal_line;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

/// A member living in `country` with an identity and an activity holding a budget of 935.00.
async fn member_living_in(t: &TestNode, email: &str, country: &str) -> (String, String, String) {
    let member = t.member(email).await;
    t.put(
        format!("/members/{member}/identity"),
        json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30",
               "address": {"street": "Rue 1", "postal_code": "1000", "city": "Somewhere", "country": country}}),
    )
    .await
    .ok(200);
    let activity = t.activity(&member, "Tour").await;
    let client = t.belgian_client().await;
    let invoice = t.draft(&activity, &client, "1000.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    (member, activity, client)
}

/// A declaration of `hours` hours on `date` in `country`.
fn work(activity: &str, country: &str, category: &str, budget: &str, date: &str, hours: u32) -> Value {
    let end = format!("{:02}:00", 8 + hours);
    json!({"activity_id": activity, "function": "Musician", "place": "Somewhere", "work_country": country,
           "worker_category": category, "budget": budget, "currency": "EUR",
           "periods": [{"date": date, "start": "08:00", "end": end}]})
}

fn codes(view: &Value) -> Vec<String> {
    view["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap().to_owned()).collect()
}

/// A Belgian resident's gig in France is a posting (883/2004 Art. 12(1)): Belgian legislation,
/// computed by the node's pack; the declaration warns until an A1 of Belgium covers its days.
async fn a_gig_abroad_is_a_posting_and_warns_until_an_a1_covers_it(db: Db) {
    let t = start(db).await;
    let (member, activity, _) = member_living_in(&t, "gig@example.org", "BE").await;
    let d = t.post("/work-declarations", work(&activity, "FR", "artist", "600.00", "2026-03-10", 8)).await;
    let d = d.ok(201).clone();
    assert_eq!(d["work_country"], "FR");
    assert_eq!(d["legislation"]["country"], "BE");
    assert_eq!(d["legislation"]["article"], "12(1)");
    assert_eq!(d["legislation"]["residence_country"], "BE");
    assert_eq!(codes(&d), ["a1-missing"], "{d}");
    let detail = d["warnings"][0]["detail"].as_str().unwrap();
    assert!(detail.contains("no A1 certificate of BE covers 2026-03-10 to 2026-03-10"), "{detail}");
    let id = d["id"].as_str().unwrap().to_owned();

    // In French when asked.
    let fr: Value = t
        .http
        .get(format!("{}/work-declarations/{id}", t.base))
        .bearer_auth(crate::common::TOKEN)
        .header("accept-language", "fr")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(fr["warnings"][0]["detail"].as_str().unwrap().starts_with("aucun certificat A1 de BE"), "{fr}");
    // The advisors' queue says it too, in the advisor's language.
    let (cookie, _) = session(&t, "advisor@partage.example", Some(Role::Advisor)).await;
    let (status, queue) = page(&t, &cookie, "/app", "fr").await;
    assert_eq!(status, 200);
    assert!(queue.contains("Législation de sécurité sociale (règl. 883/2004)\u{a0}: BE, art. 12(1)"), "{queue}");
    assert!(queue.contains("aucun certificat A1 de BE ne couvre la période du 2026-03-10 au 2026-03-10"), "{queue}");

    // An A1 of another state, or one ending before the work, does not cover it.
    let a1 = |state: &str, from: &str, until: &str, reference: &str| json!({"issuing_state": state, "article": "12(1)", "valid_from": from, "valid_until": until, "reference": reference});
    t.post(format!("/members/{member}/a1-certificates"), a1("FR", "2026-03-01", "2026-03-31", "FR-1")).await.ok(201);
    t.post(format!("/members/{member}/a1-certificates"), a1("BE", "2026-03-01", "2026-03-09", "BE-0")).await.ok(201);
    assert_eq!(codes(t.get(format!("/work-declarations/{id}")).await.ok(200)), ["a1-missing"]);
    let recorded = t
        .post(format!("/members/{member}/a1-certificates"), a1("BE", "2026-03-01", "2026-03-31", "BE-2026-0042"))
        .await;
    let recorded = recorded.ok(201).clone();
    assert_eq!((recorded["issuing_state"].as_str(), recorded["article"].as_str()), (Some("BE"), Some("12(1)")));
    let listed = t.get(format!("/members/{member}/a1-certificates")).await;
    let listed = listed.ok(200).as_array().unwrap().clone();
    assert_eq!(listed.len(), 3);
    assert_eq!(listed[0]["reference"], "BE-2026-0042", "the latest first");
    assert!(codes(t.get(format!("/work-declarations/{id}")).await.ok(200)).is_empty());
    // So does the member's data export (GDPR Art. 15 and 20).
    let data = t.get(format!("/members/{member}/data")).await;
    assert_eq!(data.ok(200)["a1_certificates"].as_array().unwrap().len(), 3);
    // The member reads their own A1s, records none, and reads no one else's.
    let themselves = t.as_member(&member).await;
    assert_eq!(themselves.get(format!("/members/{member}/a1-certificates")).await.ok(200).as_array().unwrap().len(), 3);
    themselves
        .post(format!("/members/{member}/a1-certificates"), a1("BE", "2026-04-01", "2026-04-30", "BE-self"))
        .await
        .problem(403, "role-forbidden");
    let stranger =
        t.post("/members", json!({"first_name": "Omar", "last_name": "Haddad", "email": "omar@example.org"})).await;
    let stranger = stranger.ok(201)["id"].as_str().unwrap().to_owned();
    themselves.get(format!("/members/{stranger}/a1-certificates")).await.problem(403, "not-yours");
    // The member's file lists them.
    let (status, file) = page(&t, &cookie, &format!("/app/members/{member}"), "en").await;
    assert_eq!(status, 200);
    assert!(file.contains("A1 certificates") && file.contains("BE-2026-0042") && file.contains("FR-1"), "{file}");

    // Validated: the node's own legislation and pack, as for work at home.
    let v = t.post(format!("/work-declarations/{id}/validate"), json!(null)).await;
    let contract = &v.ok(200)["contract"];
    assert!(contract["legislation_country"].is_null(), "{contract}");
    assert_eq!(contract["gross"], "413.79");

    // Refusals name their field.
    let bad = |body: Value| t.post(format!("/members/{member}/a1-certificates"), body);
    let r = bad(json!({"issuing_state": "BE", "article": "13(2)", "valid_from": "2026-03-01",
                       "valid_until": "2026-03-31", "reference": "x"}))
    .await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "article");
    let r = bad(a1("BE", "2026-03-31", "2026-03-01", "x")).await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "valid_until");
    let r = bad(a1("US", "2026-03-01", "2026-03-31", "x")).await;
    r.problem(422, "invalid-field");
    assert_eq!(r.body["field"], "issuing_state");
    t.post("/members/0190a000-0000-7000-8000-000000000001/a1-certificates", a1("BE", "2026-03-01", "2026-03-31", "x"))
        .await
        .problem(404, "not-found");
    t.balanced().await;
}

/// A French resident working for the Belgian cooperative in Belgium and in France: a first
/// French gig is a posting; then work in two states (Art. 13(1)), decided by France's share of
/// time and pay against the 25 % line (987/2009 Art. 14(8)), with a warning near it; over it,
/// French legislation, and the contract is computed with the French pack.
async fn work_in_two_states_follows_the_25_percent_line_of_the_state_of_residence(db: Db) {
    // The Belgian office's registration with the French collectors (a SIRET, as the CNFE gives a
    // foreign employer): the French pack's section of the node's configuration.
    let [nsso, category] = crate::quarterly_returns::EMPLOYER;
    let t = start_with(db, &[("pack.fr.siret", "73282932000074"), nsso, category]).await;
    let (member, activity, _) = member_living_in(&t, "frontalier@example.org", "FR").await;
    t.put(format!("/members/{member}/payroll"), json!({"iban": "BE68 5390 0754 7034", "family": "single"}))
        .await
        .ok(200);
    // 24 h in Belgium for 600.00 (three days), then France.
    let mut at_home = Vec::new();
    for day in ["2026-03-10", "2026-03-11", "2026-03-12"] {
        let home = t.post("/work-declarations", work(&activity, "BE", "white-collar", "200.00", day, 8)).await;
        assert!(home.ok(201)["legislation"].is_null(), "work at home decides nothing");
        at_home.push(home.body["id"].as_str().unwrap().to_owned());
    }
    // 6 h in France for 150.00: the first work abroad, a posting.
    let a = t.post("/work-declarations", work(&activity, "FR", "white-collar", "150.00", "2026-03-16", 6)).await;
    let a = a.ok(201).clone();
    assert_eq!(
        (a["legislation"]["country"].as_str(), a["legislation"]["article"].as_str()),
        (Some("BE"), Some("12(1)"))
    );
    assert_eq!(codes(&a), ["a1-missing"], "a posting is not weighed by the 25 % line");

    // 1 h more in France: 7 h of 31 (22.58 %), 175.00 of 775.00: work in two states, France not
    // substantial, Belgium's registered office (13(1)(b)(i)); within 5 points under the line.
    let b = t.post("/work-declarations", work(&activity, "FR", "white-collar", "25.00", "2026-03-17", 1)).await;
    let b = b.ok(201).clone();
    let l = &b["legislation"];
    assert_eq!((l["country"].as_str(), l["article"].as_str()), (Some("BE"), Some("13(1)(b)(i)")));
    assert_eq!(
        (l["residence_time_share"].as_str(), l["residence_pay_share"].as_str()),
        (Some("0.2258"), Some("0.2258"))
    );
    assert_eq!(codes(&b), ["a1-missing", "residence-share-below-line"], "{b}");
    let near = b["warnings"][1]["detail"].as_str().unwrap();
    assert!(near.contains("is 22.58 %, less than 5 points under the 25 % line"), "{near}");

    // 2 h more: 9 h of 33 (27.27 %): France is substantial, its legislation applies (13(1)(a)).
    // A Belgian worker kind is not one the French pack computes.
    let r = t.post("/work-declarations", work(&activity, "FR", "white-collar", "50.00", "2026-03-18", 2)).await;
    let detail = r.problem(422, "worker-kind-not-in-legislation");
    assert!(detail.contains("legislation of FR") && detail.contains("non-cadre"), "{detail}");
    assert_eq!(r.body["field"], "worker_category");
    let c = t.post("/work-declarations", work(&activity, "FR", "non-cadre", "50.00", "2026-03-18", 2)).await;
    let c = c.ok(201).clone();
    let l = &c["legislation"];
    assert_eq!((l["country"].as_str(), l["article"].as_str()), (Some("FR"), Some("13(1)(a)")));
    assert_eq!(l["residence_time_share"], "0.2727");
    assert_eq!(codes(&c), ["a1-missing", "residence-share-above-line"], "{c}");

    // Validated: the contract is computed with the French pack, as a French simulation of the
    // same budget gives it.
    let id = c["id"].as_str().unwrap();
    let v = t.post(format!("/work-declarations/{id}/validate"), json!(null)).await;
    let contract = v.ok(200)["contract"].clone();
    assert_eq!(contract["legislation_country"], "FR");
    let sim = t
        .post(
            "/simulations",
            json!({"country": "fr", "date": "2026-03-18", "budget": "50.00", "worker": "non-cadre", "language": "en",
                   "days": "1", "hours": "2"}),
        )
        .await;
    assert_eq!(contract["gross"], sim.ok(200)["gross"], "{contract}");
    let belgian = t
        .post(
            "/simulations",
            json!({"country": "be", "date": "2026-03-18", "budget": "50.00", "worker": "white-collar", "language": "en"}),
        )
        .await;
    assert_ne!(contract["gross"], belgian.ok(200)["gross"], "not the Belgian computation");
    // The advisor's queue shows the decision and the warnings of what is still submitted.
    let queue = t.get("/work-declarations?status=submitted").await;
    let items = queue.ok(200)["items"].as_array().unwrap().clone();
    let b_listed = items.iter().find(|d| d["id"] == b["id"]).unwrap();
    assert_eq!(codes(b_listed), ["a1-missing", "residence-share-below-line"]);

    // Validation decides again: since B was declared, C made France substantial, so B now falls
    // under French legislation, whose pack knows no Belgian worker kind.
    let b_id = b["id"].as_str().unwrap();
    let late = t.post(format!("/work-declarations/{b_id}/validate"), json!(null)).await;
    let detail = late.problem(422, "worker-kind-not-in-legislation");
    assert!(detail.contains("legislation of FR"), "{detail}");

    // The payroll run pays both contracts: the French one with the French pack, as its gross was
    // computed, its contributions owed to the French collectors; only the Belgian one enters the
    // Belgian return.
    let home = t.post(format!("/work-declarations/{}/validate", at_home[0]), json!(null)).await;
    let home_contract = home.ok(200)["contract"]["id"].clone();
    let french_contract = contract["id"].clone();
    let later = t.on_day("2026-03-20").await;
    let r = later.post("/payroll-runs", json!({"period": "2026-03"})).await;
    assert!(r.status == 202 || r.status == 200, "{}", r.text);
    let run = r.body["id"].as_str().unwrap().to_owned();
    for _ in 0..400 {
        if later.get(format!("/payroll-runs/{run}")).await.ok(200)["status"] == "completed" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    let slips = later.get(format!("/payroll-runs/{run}/payslips")).await.ok(200).clone();
    let slips = slips.as_array().unwrap().clone();
    let mut paid: Vec<&Value> = slips.iter().map(|s| &s["contract_id"]).collect();
    paid.sort_by_key(|v| v.as_str().unwrap().to_owned());
    let mut expected = vec![&home_contract, &french_contract];
    expected.sort_by_key(|v| v.as_str().unwrap().to_owned());
    assert_eq!(paid, expected, "{slips:?}");
    let french = slips.iter().find(|s| s["contract_id"] == french_contract).unwrap();
    let belgian = slips.iter().find(|s| s["contract_id"] == home_contract).unwrap();
    assert_eq!(french["legislation_country"], "FR");
    assert!(belgian["legislation_country"].is_null(), "{belgian}");
    assert_eq!(french["gross"], contract["gross"], "{french}");
    // The payslip costs the activity what the contract's gross was found for: the French pack
    // takes the highest gross whose cost, for the hours worked, stays within the 50.00 budget
    // (37.99 costs 49.99; 38.00 would pass it). Without the hours, the gross was 48.64, for a
    // month's general reduction, and its payslip cost 67.04.
    assert_eq!((french["gross"].as_str(), french["employer_cost"].as_str()), (Some("37.99"), Some("49.99")));
    assert_eq!(belgian["employer_cost"], "200.00", "{belgian}");
    // The French pack's lines (the CSG, the old-age contributions), none of the Belgian's.
    let codes_of = |s: &Value| -> Vec<String> {
        s["lines"].as_array().unwrap().iter().map(|l| l["code"].as_str().unwrap().to_owned()).collect()
    };
    let (french_codes, belgian_codes) = (codes_of(french), codes_of(belgian));
    assert!(french_codes.iter().any(|c| c == "csg_deductible"), "{french_codes:?}");
    assert!(!belgian_codes.iter().any(|c| c == "csg_deductible"), "{belgian_codes:?}");
    // What is declared to France, listed apart; the filter's field named when malformed.
    let abroad = later.get("/payslips?legislation_country=FR").await.ok(200).clone();
    let ids: Vec<&Value> = abroad["items"].as_array().unwrap().iter().map(|s| &s["id"]).collect();
    assert_eq!(ids, [&french["id"]], "{abroad}");
    let home_list = later.get("/payslips?legislation_country=home").await.ok(200).clone();
    let ids: Vec<&Value> = home_list["items"].as_array().unwrap().iter().map(|s| &s["id"]).collect();
    assert_eq!(ids, [&belgian["id"]], "{home_list}");
    let bad = later.get("/payslips?legislation_country=F1").await;
    assert_eq!(bad.body["field"], "legislation_country", "{}", bad.text);
    // The contributions withheld and borne under French legislation are owed to the French
    // collectors: a sub-ledger apart from what is owed to the NSSO.
    let node = later.in_process();
    let owed: Vec<(String, i64)> = journal_line::Entity::find()
        .filter(journal_line::Column::SubAccount.eq(uuid::Uuid::from_bytes(*b"partage-state-FR")))
        .all(node.store.db())
        .await
        .unwrap()
        .into_iter()
        .map(|l| (l.account, l.amount_minor))
        .collect();
    assert!(owed.iter().any(|(a, v)| a == "social_security_payable" && *v < 0), "{owed:?}");
    assert!(!owed.iter().any(|(a, _)| a == "payroll_margin"), "the margin stays the node's income: {owed:?}");
    // The printed payslip names the legislation, its article and the French registration.
    let text =
        crate::documents::pdf_text(&later, &format!("/payslips/{}/pdf?lang=fr", french["id"].as_str().unwrap())).await;
    assert!(text.contains("Législation applicable France (règlement (CE) n° 883/2004, art. 13(1)(a))"), "{text}");
    assert!(text.contains("SIRET : 73282932000074") || text.contains("SIRET : 732 829 320 00074"), "{text}");
    // The Belgian return declares the Belgian payslip only.
    let after = t.on_day("2026-04-01").await;
    let ret = after.post("/quarterly-returns", json!({"quarter": "2026-Q1"})).await;
    assert_eq!(ret.ok(201)["payslips"], 1, "{}", ret.text);
    later.balanced().await;
}

/// The legislation of a country with no pack is refused, naming it; a state outside the
/// Regulation decides nothing and says so.
async fn a_legislation_without_a_pack_is_refused_naming_its_country(db: Db) {
    let t = start(db).await;
    let (_member, activity, _) = member_living_in(&t, "roma@example.org", "IT").await;
    t.post("/work-declarations", work(&activity, "BE", "artist", "250.00", "2026-03-10", 8)).await.ok(201);
    // The first work in Italy is a posting from Belgium.
    let first = t.post("/work-declarations", work(&activity, "IT", "artist", "250.00", "2026-03-11", 8)).await;
    assert_eq!(first.ok(201)["legislation"]["article"], "12(1)");
    // Then work in two states, half of it in Italy, where the member lives: Italian legislation.
    let r = t.post("/work-declarations", work(&activity, "IT", "artist", "250.00", "2026-03-12", 8)).await;
    let detail = r.problem(422, "no-pack-for-legislation");
    assert_eq!(
        detail,
        "the work falls under the social-security legislation of IT, and no country pack computes it (available: BE, FR)"
    );
    assert_eq!(r.body["field"], "work_country");

    let us = t.post("/work-declarations", work(&activity, "US", "artist", "100.00", "2026-03-20", 4)).await;
    let us = us.ok(201).clone();
    assert!(us["legislation"].is_null());
    assert_eq!(codes(&us), ["legislation-outside-coordination"]);
}

/// On a French node, work is in France unless the declaration says otherwise, and a French
/// resident's gig in Belgium is a posting under French legislation, computed by the node's pack.
async fn a_french_node_posts_its_members_under_french_legislation(db: Db) {
    let settings: Vec<(&'static str, String)> = partage::demo::country_settings("fr");
    let extra: Vec<(&'static str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let t = crate::common::start_with(db, &extra).await;
    let m =
        t.post("/members", json!({"first_name": "Hélène", "last_name": "Lefèvre", "email": "helene@example.fr"})).await;
    let member = m.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/members/{member}/shares"), json!({"count": 1})).await.ok(200);
    t.post(format!("/members/{member}/shares/payments"), json!({"amount": "30.00", "currency": "EUR"})).await.ok(200);
    t.put(
        format!("/members/{member}/identity"),
        json!({"national_id": "269054958815780", "birth_date": "1969-05-12",
               "address": {"street": "1 rue de l'Exemple", "postal_code": "75010", "city": "Paris", "country": "FR"}}),
    )
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
    let activity = t.activity(&member, "Tournée").await;
    let invoice = t.draft(&activity, &client, "2000.00", "20").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    let declare = |country: Option<&str>, date: &str| {
        let mut body = work(&activity, "FR", "non-cadre", "600.00", date, 8);
        match country {
            Some(c) => body["work_country"] = json!(c),
            None => drop(body.as_object_mut().unwrap().remove("work_country")),
        }
        body["motive"] = json!({"code": "activity_increase", "detail": "tournée de printemps"});
        t.post("/work-declarations", body)
    };
    let home = declare(None, "2026-03-10").await;
    let home = home.ok(201).clone();
    assert_eq!(home["work_country"], "FR", "the node's country by default");
    assert!(home["legislation"].is_null() && codes(&home).is_empty(), "{home}");
    let gig = declare(Some("BE"), "2026-03-12").await;
    let gig = gig.ok(201).clone();
    let l = &gig["legislation"];
    assert_eq!((l["country"].as_str(), l["article"].as_str()), (Some("FR"), Some("12(1)")), "{gig}");
    assert_eq!(codes(&gig), ["a1-missing"]);
    let id = gig["id"].as_str().unwrap();
    let contract = t.post(format!("/work-declarations/{id}/validate"), json!(null)).await.ok(200)["contract"].clone();
    assert!(contract["legislation_country"].is_null(), "the node's own legislation: {contract}");
    let sim = t
        .post(
            "/simulations",
            json!({"country": "fr", "date": "2026-03-12", "budget": "600.00", "worker": "non-cadre", "language": "fr",
                   "days": "1", "hours": "8"}),
        )
        .await;
    assert_eq!(contract["gross"], sim.ok(200)["gross"]);
}

on_both_databases!(
    a_french_node_posts_its_members_under_french_legislation,
    a_gig_abroad_is_a_posting_and_warns_until_an_a1_covers_it,
    work_in_two_states_follows_the_25_percent_line_of_the_state_of_residence,
    a_legislation_without_a_pack_is_refused_naming_its_country
);
