//! Refusals a client tells apart: each has its own problem type, and its detail
//! comes in the language the request prefers.

use crate::common::{start, Db, TestNode, TOKEN};
use crate::on_both_databases;
use serde_json::{json, Value};

/// A member with an identity and an activity whose issued invoice leaves it a budget of 935.00.
async fn activity_with_budget(t: &TestNode) -> (String, String) {
    let member = t.member("problems@example.org").await;
    let identity = json!({"national_id": "85.07.30-033.28", "birth_date": "1985-07-30"});
    t.put(format!("/members/{member}/identity"), identity).await.ok(200);
    let activity = t.activity(&member, "Quartet").await;
    let client = t.belgian_client().await;
    let invoice = t.draft(&activity, &client, "1000.00", "21").await.ok(201)["id"].as_str().unwrap().to_owned();
    t.post(format!("/invoices/{invoice}/issue"), json!(null)).await.ok(200);
    (activity, client)
}

/// A declared day of work for `budget`, its id.
async fn declare(t: &TestNode, activity: &str, client: &str, budget: &str) -> String {
    let body = json!({"activity_id": activity, "client_id": client, "function": "Musician", "place": "Brussels",
        "worker_category": "artist", "budget": budget, "currency": "EUR",
        "periods": [{"date": "2026-03-10", "start": "09:00", "end": "17:00"}]});
    t.post("/work-declarations", body).await.ok(201)["id"].as_str().unwrap().to_owned()
}

/// A POST with `Accept-Language`: the status, the `Content-Language` and the problem.
async fn post_in(t: &TestNode, language: &str, path: &str, body: Value) -> (u16, Option<String>, Value) {
    let res = t
        .http
        .post(format!("{}{path}", t.base))
        .bearer_auth(TOKEN)
        .header("accept-language", language)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let content_language = res.headers().get("content-language").map(|v| v.to_str().unwrap().to_owned());
    (status, content_language, res.json().await.unwrap())
}

async fn validating_a_declaration_tells_budget_too_small_from_already_decided(db: Db) {
    let t = start(db).await;
    let (activity, client) = activity_with_budget(&t).await;
    let small = declare(&t, &activity, &client, "600.00").await;
    let big = declare(&t, &activity, &client, "2000.00").await;
    t.post(format!("/work-declarations/{small}/validate"), json!(null)).await.ok(200);
    let before = t.balanced().await;

    // The same route refuses twice, for two reasons that were both `/problems/conflict`.
    let again = t.post(format!("/work-declarations/{small}/validate"), json!(null)).await;
    let decided = again.problem(409, "declaration-already-decided");
    assert_eq!(decided, "a declaration that is validated cannot be validated");
    let over = t.post(format!("/work-declarations/{big}/validate"), json!(null)).await;
    let budget = over.problem(409, "budget-too-small");
    assert!(
        budget.starts_with("the activity's budget is ") && budget.ends_with("it cannot pay 2000.00 EUR for this work")
    );
    assert_ne!(again.body["type"], over.body["type"]);
    assert_eq!(t.balanced().await, before, "a refusal wrote something");
}

async fn a_refusal_is_written_in_the_language_the_request_prefers(db: Db) {
    let t = start(db).await;
    let (activity, client) = activity_with_budget(&t).await;
    let big = declare(&t, &activity, &client, "2000.00").await;
    let path = format!("/work-declarations/{big}/validate");
    let english = t.post(&path, json!(null)).await.problem(409, "budget-too-small");
    // The amount the activity holds, as the English detail quotes it.
    let available = english.trim_start_matches("the activity's budget is ").split(':').next().unwrap().to_owned();

    let (status, language, fr) = post_in(&t, "fr-BE,fr;q=0.9,en;q=0.8", &path, json!(null)).await;
    assert_eq!((status, language.as_deref()), (409, Some("fr")));
    assert_eq!(fr["code"], "budget-too-small");
    assert_eq!(fr["type"], "/problems/budget-too-small");
    assert_eq!(
        fr["detail"],
        format!("le budget de l'activité est de {available}\u{a0}: il ne peut pas payer 2000.00 EUR pour ce travail")
    );
    let (_, language, nl) = post_in(&t, "nl-BE", &path, json!(null)).await;
    assert_eq!(language.as_deref(), Some("nl"));
    assert_eq!(
        nl["detail"],
        format!("het budget van de activiteit is {available}: het kan geen 2000.00 EUR betalen voor dit werk")
    );
    // German, Belgium's third language.
    let (_, language, de) = post_in(&t, "de-BE", &path, json!(null)).await;
    assert_eq!(language.as_deref(), Some("de"));
    assert_eq!(
        de["detail"],
        format!("das Budget der Aktivität beträgt {available}: es kann 2000.00 EUR für diese Arbeit nicht bezahlen")
    );
    // A language the catalogue lacks gets English.
    let (_, language, it) = post_in(&t, "it-IT", &path, json!(null)).await;
    assert_eq!((language.as_deref(), it["detail"].as_str()), (Some("en"), Some(english.as_str())));
    // A body that does not fit names its field and the form expected in the request's language too.
    let (status, language, bad) = post_in(&t, "fr", "/work-declarations", json!({"activity_id": activity})).await;
    assert_eq!((status, language.as_deref(), bad["code"].as_str()), (422, Some("fr"), Some("invalid-body")));
    assert_eq!(
        (bad["field"].as_str(), bad["detail"].as_str()),
        (Some("function"), Some("function\u{a0}: attendu un texte (obligatoire)"))
    );
    let member = t.member("problems-de@example.org").await;
    let shares = format!("/members/{member}/shares");
    let (_, language, count) = post_in(&t, "nl", &shares, json!({"count": -1})).await;
    assert_eq!((language.as_deref(), count["field"].as_str()), (Some("nl"), Some("count")));
    let count = count["detail"].as_str().unwrap();
    assert!(count.starts_with("count: verwacht een geheel getal") && count.ends_with(", ontvangen '-1'"), "{count}");
    let (_, _, unknown) = post_in(&t, "de", "/members/x/shares", json!({"count": 1, "shoe": 1})).await;
    assert_eq!(unknown["code"], "bad-id", "the path is read first: {unknown}");
    let (_, language, unknown) = post_in(&t, "de", &shares, json!({"count": 1, "shoe": 1})).await;
    assert_eq!(language.as_deref(), Some("de"));
    assert_eq!(unknown["field"], "shoe");
    assert!(
        unknown["detail"].as_str().unwrap().starts_with("shoe: kein Feld dieser Anfrage; erwartet eines von `count`"),
        "{unknown}"
    );
    // A body that is not JSON: where the parser stopped, in the request's language.
    let res = t
        .http
        .post(format!("{}/work-declarations", t.base))
        .bearer_auth(TOKEN)
        .header("accept-language", "fr")
        .header("content-type", "application/json")
        .body("{\"activity_id\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let broken: Value = res.json().await.unwrap();
    assert_eq!(broken["code"], "malformed-json");
    let detail = broken["detail"].as_str().unwrap();
    assert!(
        detail.starts_with("le corps n'est pas du JSON valide\u{a0}: ") && detail.ends_with("(ligne 1, colonne 16)"),
        "{detail}"
    );
    // A parser's own words, with no form to name, keep their English and say no language.
    let (status, language, bad) = post_in(&t, "fr", "/work-declarations", json!([1])).await;
    assert_eq!((status, language, bad["code"].as_str()), (422, None, Some("invalid-body")));
    // An unknown id is named with its noun in the request's language.
    let unknown = "0190f5a0-0000-7000-8000-000000000001";
    let (status, language, missing) =
        post_in(&t, "fr", &format!("/work-declarations/{unknown}/validate"), json!(null)).await;
    assert_eq!((status, language.as_deref()), (404, Some("fr")));
    assert_eq!(missing["detail"], format!("aucune déclaration de travail avec l'identifiant {unknown}"));
}

on_both_databases!(
    validating_a_declaration_tells_budget_too_small_from_already_decided,
    a_refusal_is_written_in_the_language_the_request_prefers,
);
