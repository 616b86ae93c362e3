//! Staff accounts and their roles through the API (`/accounts`): listed a page at a
//! time, added once per `Idempotency-Key`, their refusals naming the field, the last
//! admin kept, two demotions at once leaving one admin, each change in the audit log
//! with who made it, and every role but admin refused.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use partage::auth::sessions::{self, Claims};
use partage::service::history;
use serde_json::{json, Value};

/// The audit log's entries about accounts, newest first: who, and each field's old and new value.
async fn account_audit(t: &TestNode) -> Vec<(String, Vec<(String, Option<String>, Option<String>)>)> {
    let entries = history::latest(t.in_process().store.db(), None, 50).await.unwrap();
    entries
        .into_iter()
        .filter(|e| e.subject == "account")
        .map(|e| {
            let changes = e.change.changes.into_iter().map(|c| (c.field, c.old, c.new)).collect();
            (e.change.changed_by, changes)
        })
        .collect()
}

fn change(field: &str, old: Option<&str>, new: &str) -> (String, Option<String>, Option<String>) {
    (field.to_owned(), old.map(str::to_owned), Some(new.to_owned()))
}

/// An admin API token made through the API, named `name`: its secret.
async fn admin_token(t: &TestNode, name: &str) -> String {
    let made = t.post("/api-tokens", json!({"name": name, "role": "admin"})).await;
    made.ok(201)["secret"].as_str().unwrap().to_owned()
}

/// A PUT of `role` on account `id` with the bearer `token`: its status and body.
async fn put_role(t: &TestNode, token: &str, id: &str, role: &str) -> (u16, Value) {
    let res = t
        .http
        .put(format!("{}/accounts/{id}/role", t.base))
        .bearer_auth(token)
        .json(&json!({ "role": role }))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

async fn an_admin_lists_adds_and_changes_staff_accounts(db: Db) {
    let t = start(db).await;
    assert_eq!(t.get("/accounts").await.ok(200)["total"], 0, "the harness signs in with a token, no account");

    let lea = json!({"email": " Lea@Partage.example ", "role": "hq"});
    let res = t
        .http
        .post(format!("{}/accounts", t.base))
        .bearer_auth(&t.token)
        .header("Idempotency-Key", "add-lea")
        .json(&lea)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let made: Value = res.json().await.unwrap();
    let id = made["id"].as_str().unwrap().to_owned();
    assert_eq!(location, format!("/api/v1/accounts/{id}"));
    assert_eq!(
        (made["email"].as_str(), made["role"].as_str(), made["linked"].as_bool()),
        (Some("lea@partage.example"), Some("hq"), Some(false))
    );
    assert!(made["created_at"].as_str().unwrap().starts_with("2026-03-02T"), "{made}");
    // Nothing but these: no provider subject, no secret.
    let mut keys: Vec<&str> = made.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["created_at", "email", "id", "linked", "role"]);
    assert_eq!(t.get(format!("/accounts/{id}")).await.ok(200), &made, "Location is where it is read");

    // The same key and body again: the first answer, and still one account.
    let again = t.post_keyed("/accounts", "add-lea", lea.clone()).await;
    assert!(again.replayed);
    assert_eq!(again.ok(201), &made);
    assert_eq!(t.get("/accounts").await.ok(200)["total"], 1);
    // The same key with another request is refused.
    t.post_keyed("/accounts", "add-lea", json!({"email": "bo@partage.example", "role": "hq"}))
        .await
        .problem(422, "idempotency-key-reused");

    t.post("/accounts", json!({"email": "cy@partage.example", "role": "admin"})).await.ok(201);
    t.post("/accounts", json!({"email": "bo@partage.example", "role": "advisor"})).await.ok(201);
    let all = t.get("/accounts").await.ok(200).clone();
    let emails: Vec<&str> = all["items"].as_array().unwrap().iter().map(|a| a["email"].as_str().unwrap()).collect();
    assert_eq!(emails, ["bo@partage.example", "cy@partage.example", "lea@partage.example"], "by e-mail");
    assert_eq!((all["total"].as_u64(), all["offset"].as_u64(), all["limit"].as_u64()), (Some(3), Some(0), Some(50)));
    let second = t.get("/accounts?offset=1&limit=1").await.ok(200).clone();
    assert_eq!((second["total"].as_u64(), second["items"].as_array().unwrap().len()), (Some(3), 1));
    assert_eq!(second["items"][0]["email"], "cy@partage.example");
    let admins = t.get("/accounts?role=admin").await.ok(200).clone();
    assert_eq!((admins["total"].as_u64(), admins["items"][0]["email"].as_str()), (Some(1), Some("cy@partage.example")));
    let r = t.get("/accounts?role=member").await;
    r.problem(400, "bad-query");
    assert_eq!(r.body["field"], "role", "{}", r.text);
    t.get("/accounts?limit=501").await.problem(422, "out-of-range");

    let changed = t.put(format!("/accounts/{id}/role"), json!({"role": "advisor"})).await;
    assert_eq!(
        (changed.ok(200)["id"].as_str(), changed.ok(200)["role"].as_str()),
        (Some(id.as_str()), Some("advisor"))
    );
    assert_eq!(t.get(format!("/accounts/{id}")).await.ok(200)["role"], "advisor");
    // The same role again changes nothing, so records nothing.
    t.put(format!("/accounts/{id}/role"), json!({"role": "advisor"})).await.ok(200);

    // Newest first: Lea's role change, Bo, Cy, Lea added; each by the harness's token.
    let audit = account_audit(&t).await;
    assert_eq!(audit.len(), 4, "{audit:?}");
    let by = "API token test harness".to_owned();
    assert_eq!(audit[0], (by.clone(), vec![change("role", Some("hq"), "advisor")]));
    assert_eq!(audit[3], (by.clone(), vec![change("email", None, "lea@partage.example"), change("role", None, "hq")]));
    assert_eq!(audit[1].1[0], change("email", None, "bo@partage.example"));
}

async fn refused_accounts_and_roles_name_their_field(db: Db) {
    let t = start(db).await;
    let refused = |body: Value| {
        let t = &t;
        async move { t.post("/accounts", body).await }
    };
    let field = |r: &crate::common::Reply| r.body["field"].as_str().map(str::to_owned);

    let r = refused(json!({"email": "bo at office", "role": "advisor"})).await;
    assert_eq!(field(&r).as_deref(), Some("email"), "{}", r.text);
    let r = refused(json!({"email": "bo@@office.example", "role": "advisor"})).await;
    r.problem(422, "account-email-malformed");
    assert_eq!(field(&r).as_deref(), Some("email"));
    // A member's e-mail, however written: the member signs in as a member.
    t.post("/members", json!({"first_name": "Ada", "last_name": "Peeters", "email": "ada@example.org"})).await.ok(201);
    let r = refused(json!({"email": "ADA@example.org", "role": "advisor"})).await;
    assert!(r.problem(409, "account-email-is-a-members").contains("ada@example.org"));
    assert_eq!(field(&r).as_deref(), Some("email"));
    for role in ["member", "root"] {
        let r = refused(json!({"email": "bo@office.example", "role": role})).await;
        r.problem(422, "invalid-body");
        assert_eq!(field(&r).as_deref(), Some("role"), "{}", r.text);
    }
    t.post("/accounts", json!({"email": "bo@office.example", "role": "admin"})).await.ok(201);
    let r = refused(json!({"email": "Bo@Office.example", "role": "hq"})).await;
    assert_eq!(r.problem(409, "account-exists"), "bo@office.example already has an account");
    assert_eq!(field(&r).as_deref(), Some("email"));
    // In the request's language.
    let fr = t
        .http
        .post(format!("{}/accounts", t.base))
        .bearer_auth(&t.token)
        .header("accept-language", "fr")
        .json(&json!({"email": "bo@office.example", "role": "hq"}))
        .send()
        .await
        .unwrap();
    assert_eq!(fr.status(), 409);
    let fr: Value = fr.json().await.unwrap();
    assert_eq!(fr["detail"], "bo@office.example a déjà un compte");
    assert_eq!(t.get("/accounts").await.ok(200)["total"], 1, "nothing refused was added");

    // Bo is the only admin account: he stays admin.
    let bo = t.get("/accounts").await.ok(200)["items"][0]["id"].as_str().unwrap().to_owned();
    let r = t.put(format!("/accounts/{bo}/role"), json!({"role": "hq"})).await;
    assert!(r.problem(409, "last-admin").contains(&bo));
    assert_eq!(field(&r).as_deref(), Some("role"));
    assert_eq!(t.get(format!("/accounts/{bo}")).await.ok(200)["role"], "admin");
    // A member's account (made at her first sign-in) keeps the member role.
    let node = t.in_process();
    let claims = Claims { subject: "https://id.example ada".into(), verified_email: Some("ada@example.org".into()) };
    let ada = sessions::account_for(node.store.db(), &claims, None, node.now()).await.unwrap().id;
    let r = t.put(format!("/accounts/{ada}/role"), json!({"role": "advisor"})).await;
    r.problem(409, "member-account-role-fixed");
    assert_eq!(field(&r).as_deref(), Some("role"));
    t.get(format!("/accounts/{ada}")).await.problem(404, "not-found");
    t.put(format!("/accounts/{}/role", uuid::Uuid::nil()), json!({"role": "hq"})).await.problem(404, "not-found");
    // Only Bo's addition is in the audit log: a refusal records nothing.
    let audit = account_audit(&t).await;
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert_eq!(audit[0].1[0], change("email", None, "bo@office.example"));
}

async fn two_admins_demoting_each_other_through_the_api_leave_one_admin(db: Db) {
    let t = start(db).await;
    let a = t.post("/accounts", json!({"email": "a@partage.example", "role": "admin"})).await.ok(201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let b = t.post("/accounts", json!({"email": "b@partage.example", "role": "admin"})).await.ok(201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (script_a, script_b) = (admin_token(&t, "a's script").await, admin_token(&t, "b's script").await);
    for round in 0..3 {
        // Each script demotes the other admin at once: one passes, the other finds the last admin.
        let (ra, rb) = tokio::join!(put_role(&t, &script_a, &b, "hq"), put_role(&t, &script_b, &a, "hq"));
        let mut statuses = [ra.0, rb.0];
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 409], "round {round}: {ra:?} {rb:?}");
        let refused = if ra.0 == 409 { &ra.1 } else { &rb.1 };
        assert_eq!(refused["code"], "last-admin", "{refused}");
        let admins = t.get("/accounts?role=admin").await.ok(200).clone();
        assert_eq!(admins["total"], 1, "round {round}: {admins}");
        // Who passed is who the audit log names.
        let (winner, demoted) = if ra.0 == 200 { ("a's script", &b) } else { ("b's script", &a) };
        let audit = account_audit(&t).await;
        assert_eq!(audit[0], (format!("API token {winner}"), vec![change("role", Some("admin"), "hq")]));
        assert_eq!(admins["items"][0]["id"].as_str(), Some(if demoted == &a { b.as_str() } else { a.as_str() }));
        // Made admin again for the next round.
        t.put(format!("/accounts/{demoted}/role"), json!({"role": "admin"})).await.ok(200);
    }
}

async fn staff_accounts_are_refused_to_everyone_but_admins(db: Db) {
    let t = start(db).await;
    let lea = t.post("/accounts", json!({"email": "lea@partage.example", "role": "hq"})).await.ok(201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let member = t.member("ada@example.org").await;
    let ada = t.as_member(&member).await;
    let mut tokens = vec![("member", ada.token.clone())];
    for role in ["advisor", "hq"] {
        let made = t.post("/api-tokens", json!({"name": format!("{role} script"), "role": role})).await;
        tokens.push((role, made.ok(201)["secret"].as_str().unwrap().to_owned()));
    }
    for (role, token) in &tokens {
        let send = |req: reqwest::RequestBuilder| async move {
            let res = req.bearer_auth(token).send().await.unwrap();
            (res.status().as_u16(), res.json::<Value>().await.unwrap())
        };
        let base = &t.base;
        for (status, body) in [
            send(t.http.get(format!("{base}/accounts"))).await,
            send(t.http.get(format!("{base}/accounts/{lea}"))).await,
            send(
                t.http.post(format!("{base}/accounts")).json(&json!({"email": "eve@partage.example", "role": "admin"})),
            )
            .await,
            send(t.http.put(format!("{base}/accounts/{lea}/role")).json(&json!({"role": "admin"}))).await,
        ] {
            assert_eq!((status, body["code"].as_str()), (403, Some("role-forbidden")), "{role}: {body}");
        }
    }
    let all = t.get("/accounts").await.ok(200).clone();
    assert_eq!((all["total"].as_u64(), all["items"][0]["role"].as_str()), (Some(1), Some("hq")), "{all}");
}

/// The node remembers live tokens for a few seconds (one round trip less per request):
/// a revocation through the API must still close the token on the very next request,
/// though it was just remembered, and must not close the others.
async fn a_token_revoked_through_the_api_is_refused_at_once_though_just_used(db: Db) {
    let t = start(db).await;
    let made = t.post("/api-tokens", json!({"name": "rides platform", "role": "advisor"})).await;
    let made = made.ok(201).clone();
    let secret = made["secret"].as_str().unwrap().to_owned();
    let id = made["id"].as_str().unwrap().to_owned();
    let status = |secret: String| {
        let url = format!("{}/work-declarations", t.base);
        async move { reqwest::Client::new().get(url).bearer_auth(secret).send().await.unwrap().status().as_u16() }
    };
    for _ in 0..3 {
        assert_eq!(status(secret.clone()).await, 200, "the live token opens the API, remembered or not");
    }
    let res = reqwest::Client::new()
        .delete(format!("{}/api-tokens/{id}", t.base))
        .bearer_auth(&t.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 204);
    assert_eq!(status(secret.clone()).await, 401, "revoked: refused on the next request");
    assert_eq!(status(secret).await, 401, "and stays refused");
    assert_eq!(status(t.token.clone()).await, 200, "the other tokens still open the API");
}

on_both_databases!(
    a_token_revoked_through_the_api_is_refused_at_once_though_just_used,
    an_admin_lists_adds_and_changes_staff_accounts,
    refused_accounts_and_roles_name_their_field,
    two_admins_demoting_each_other_through_the_api_leave_one_admin,
    staff_accounts_are_refused_to_everyone_but_admins
);
