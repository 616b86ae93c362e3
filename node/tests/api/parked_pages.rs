//! The admin's page of parked federation messages (`/app/admin/parked`): the French office of
//! `parked.rs` parks what it should not apply (a notice signed by `de`, whose key the peers
//! file lacks; an amendment of `be`'s notice sent by `nl`), and its admin lists them without
//! their payload, retries one (refused, then applied once the key is enrolled), dismisses the
//! other; every other role is refused, and every form needs the session's CSRF token.

use crate::common::Db;
use crate::on_both_databases;
use crate::pages::{assert_translated, page, post_form, session};
use crate::parked::{audited, de, deliver, receiver, rewrite_peers};
use crate::postings::{amendment, notice, notice_id};
use crate::transfers::{key, office, parked, trust};
use partage::auth::Role;
use partage_federation::receiver::{Applied, Outcome};
use reqwest::header::LOCATION;

const PAGE: &str = "/app/admin/parked";

async fn an_admin_retries_and_dismisses_parked_messages_through_the_page(db: Db) {
    let fr = office(db, "fr", "refund").await;
    let r = receiver(&fr, trust());
    let good = notice(&key("be"), 1, "fr", "fr", "FR");
    assert_eq!(deliver(&r, &good).await, Outcome::Applied(Applied::Applied));
    let from_de = notice(&de(), 1, "fr", "fr", "FR");
    assert!(matches!(deliver(&r, &from_de).await, Outcome::Refused(_)));
    let from_nl = amendment(&key("nl"), 1, notice_id(&good), 2, "FR", &[(10, 6, 23)]);
    assert_eq!(deliver(&r, &from_nl).await, Outcome::Applied(Applied::Applied));
    let listed = fr.t.get("/federation/parked").await.ok(200).clone();
    let de_id = listed["items"][0]["id"].as_str().unwrap().to_owned();
    let nl_id = listed["items"][1]["id"].as_str().unwrap().to_owned();
    let (retry_de, dismiss_de) = (format!("{PAGE}/{de_id}/retry"), format!("{PAGE}/{de_id}/dismiss"));
    let dismiss_nl = format!("{PAGE}/{nl_id}/dismiss");

    // The admin's list, in French: when, from which office, which message, why, its forms.
    let (cookie, csrf) = session(&fr.t, "admin@partage.example", Some(Role::Admin)).await;
    let (status, html) = page(&fr.t, &cookie, PAGE, "fr").await;
    assert_eq!(status, 200, "{html}");
    assert_translated(&html);
    assert!(html.contains("<h1>Messages de la fédération mis de côté</h1>"), "{html}");
    assert!(html.contains("href=\"/app/admin/parked\""), "the admin's menu names the page: {html}");
    assert!(html.contains("<td>Allemagne (DE)</td>") && html.contains("<td>Pays-Bas (NL)</td>"), "{html}");
    assert!(html.contains("posting.notice") && html.contains("posting.amend"), "{html}");
    assert!(html.contains("partage.de.mob.fr."), "the subject: {html}");
    assert!(html.contains("no key de-1 is enrolled for node de") && html.contains("is from be, not nl"), "{html}");
    for action in [&retry_de, &dismiss_de, &dismiss_nl] {
        assert!(html.contains(&format!("action=\"{action}\"")), "{action}: {html}");
    }
    assert!(html.contains(">Écarter sans appliquer</button>") && html.contains(">Réessayer</button>"), "{html}");
    assert!(html.contains("1 à 2 sur 2"), "the list's position: {html}");
    for absent in ["ciphertext", "epk", "Janssens"] {
        assert!(!html.contains(absent), "no payload ({absent}): {html}");
    }
    // A page at a time, as the other lists.
    let (_, second) = page(&fr.t, &cookie, &format!("{PAGE}?offset=1"), "fr").await;
    assert!(second.contains(&dismiss_nl) && !second.contains(&dismiss_de), "{second}");
    assert!(second.contains("href=\"/app/admin/parked\""), "a link back to the first page: {second}");
    // In English too.
    let (_, english) = page(&fr.t, &cookie, PAGE, "en").await;
    assert!(english.contains("<h1>Parked federation messages</h1>") && english.contains("Dismiss without applying"));
    assert!(english.contains("<td>Germany (DE)</td>"), "{english}");

    // Without the session's token nothing is retried or dismissed.
    for path in [&retry_de, &dismiss_de] {
        assert_eq!(post_form(&fr.t, &cookie, path, &[]).await.status(), 403, "{path}");
        assert_eq!(post_form(&fr.t, &cookie, path, &[("csrf", "forged")]).await.status(), 403, "{path}");
    }
    assert_eq!(parked(fr.node().store.db()).await, 2);
    assert_eq!(audited(&fr).await, 0);

    // Retried while de is still unknown: refused again, said on top, kept with when.
    let res = post_form(&fr.t, &cookie, &retry_de, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("role=\"status\"") && html.contains("Toujours refusé"), "{html}");
    assert!(html.contains("no key de-1") && html.contains("dernier essai le"), "{html}");
    assert_eq!(parked(fr.node().store.db()).await, 2);

    // de enrolled in the peers file: verified again, applied once, gone from the list.
    let mut enrolled = trust();
    enrolled.add(de().public()).unwrap();
    rewrite_peers(&fr, &enrolled);
    let res = post_form(&fr.t, &cookie, &retry_de, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("Vérifié à nouveau et appliqué"), "{html}");
    assert!(html.contains("<p>posting.notice de Allemagne (DE), reçu le"), "the notice names it: {html}");
    assert!(!html.contains(&retry_de) && html.contains(&dismiss_nl), "{html}");
    assert_eq!(fr.t.get("/posting-notices?status=all").await.ok(200)["total"], 2, "be's and de's");
    // Retried again (another tab): not found, said on the page, nothing applied twice.
    let res = post_form(&fr.t, &cookie, &retry_de, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("role=\"alert\""));
    assert_eq!(fr.t.get("/posting-notices?status=all").await.ok(200)["total"], 2);

    // nl's amendment dismissed: back to the list (303), empty now, never applied.
    let res = post_form(&fr.t, &cookie, &dismiss_nl, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], PAGE);
    assert_eq!(parked(fr.node().store.db()).await, 0);
    let (_, html) = page(&fr.t, &cookie, PAGE, "fr").await;
    assert!(html.contains("Aucun message mis de côté."), "{html}");
    assert_eq!(fr.t.get(format!("/posting-notices/{}", notice_id(&good))).await.ok(200)["revision"], 1);
    // Dismissed twice: not found, on the page.
    assert_eq!(post_form(&fr.t, &cookie, &dismiss_nl, &[("csrf", &csrf)]).await.status(), 404);
    // Two retries and a dismissal in the audit log, with who did them.
    assert_eq!(audited(&fr).await, 3);
    let (_, audit) = page(&fr.t, &cookie, "/app/admin/audit", "fr").await;
    assert_eq!(audit.matches("Message de la fédération mis de côté").count(), 3, "{audit}");
    assert!(audit.contains("admin@partage.example"), "{audit}");
}

async fn only_an_admin_reaches_the_parked_messages_page(db: Db) {
    let fr = office(db, "fr", "refund").await;
    let r = receiver(&fr, trust());
    assert!(matches!(deliver(&r, &notice(&de(), 1, "fr", "fr", "FR")).await, Outcome::Refused(_)));
    let id = fr.t.get("/federation/parked").await.ok(200)["items"][0]["id"].as_str().unwrap().to_owned();
    fr.t.member("someone@example.org").await;
    for (email, role) in [
        ("advisor@partage.example", Some(Role::Advisor)),
        ("hq@partage.example", Some(Role::Hq)),
        ("someone@example.org", None),
    ] {
        let (cookie, csrf) = session(&fr.t, email, role).await;
        let (status, body) = page(&fr.t, &cookie, PAGE, "fr").await;
        assert_eq!((status, body.as_str()), (403, "forbidden"), "{email}");
        for action in ["retry", "dismiss"] {
            let res = post_form(&fr.t, &cookie, &format!("{PAGE}/{id}/{action}"), &[("csrf", &csrf)]).await;
            assert_eq!(res.status(), 403, "{email} {action}");
        }
        let (_, dashboard) = page(&fr.t, &cookie, "/app", "fr").await;
        assert!(!dashboard.contains("href=\"/app/admin/parked\""), "no link for {email}");
    }
    assert_eq!(parked(fr.node().store.db()).await, 1, "untouched");
    assert_eq!(audited(&fr).await, 0);
}

on_both_databases!(
    an_admin_retries_and_dismisses_parked_messages_through_the_page,
    only_an_admin_reaches_the_parked_messages_page,
);
