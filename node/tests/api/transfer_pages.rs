//! The transfer pages: an advisor offers a member to another office from the member's file,
//! the destination's staff accept or reject the offer on `/app/transfers`, the origin's
//! withdraw theirs; each form needs the session's CSRF token and the API route's role
//! (advisors and admins), and a refusal of the service is shown on the page in the viewer's
//! language with its status. Two offices in one process, as in `transfers.rs`, whose
//! harness carries the outbox rows from one to the other.
//!
//! Dates: offered on Monday 2 March 2026, the offer stays open 30 days (the default
//! `federation.transfer_offer_days`): until 1 April 2026, "1er avril 2026" in French.

use crate::common::{start, Db};
use crate::on_both_databases;
use crate::pages::{assert_translated, page, post_form, session};
use crate::transfers::{a_member, carry, offer, office};
use partage::auth::Role;
use reqwest::header::LOCATION;

async fn staff_offer_accept_and_see_a_transfer_through_the_pages(db: Db) {
    let be = office(db, "be", "refund").await;
    let fr = office(db, "fr", "refund").await;
    let member = a_member(&be, "lea@example.org").await;

    // The advisor's file of the member offers the enrolled offices but this one and HQ.
    let (cookie, csrf) = session(&be.t, "advisor@partage.example", Some(Role::Advisor)).await;
    let file = format!("/app/members/{member}");
    let (status, html) = page(&be.t, &cookie, &file, "fr").await;
    assert_eq!(status, 200, "{html}");
    assert_translated(&html);
    assert!(html.contains("<h2>Transfert vers un autre bureau</h2>"), "{html}");
    assert!(html.contains(&format!("action=\"/app/members/{member}/transfers\"")), "{html}");
    assert!(html.contains("<option value=\"fr\"") && html.contains("<option value=\"nl\""), "{html}");
    assert!(!html.contains("<option value=\"be\"") && !html.contains("<option value=\"hq\""), "{html}");
    // The menu names the page, for staff only.
    assert!(html.contains("href=\"/app/transfers\""), "{html}");

    // Without the session's token nothing moves; an office not enrolled is refused on the file.
    let post = format!("/app/members/{member}/transfers");
    assert_eq!(post_form(&be.t, &cookie, &post, &[("destination", "fr")]).await.status(), 403);
    assert_eq!(be.member_status(&member).await, "member");
    let res = post_form(&be.t, &cookie, &post, &[("csrf", &csrf), ("destination", "se")]).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("aucun bureau se n'est inscrit") && html.contains("id=\"destination-error\""), "{html}");
    let res = post_form(&be.t, &cookie, &post, &[("csrf", &csrf), ("destination", "fr")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], file.as_str());
    assert_eq!(be.member_status(&member).await, "transferring");
    let (_, html) = page(&be.t, &cookie, &file, "fr").await;
    assert!(html.contains("Transfert en cours") && html.contains("Vers France (FR)"), "{html}");
    assert!(html.contains("1er avril 2026") && !html.contains("<select"), "{html}");
    // Offered again: the service's refusal, in French, with its status.
    let res = post_form(&be.t, &cookie, &post, &[("csrf", &csrf), ("destination", "nl")]).await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains("role=\"alert\"") && html.contains("seul un membre en règle"), "{html}");
    let id = be.t.get("/transfers?side=origin").await.ok(200)["items"][0]["id"].as_str().unwrap().to_owned();
    let (_, html) = page(&be.t, &cookie, "/app/transfers", "fr").await;
    let cancel = format!("/app/transfers/{id}/cancel");
    assert!(html.contains(&format!("action=\"{cancel}\"")) && html.contains("Ada Peeters"), "{html}");
    // The member themself is no staff: no page, no link, no step.
    let (member_cookie, member_csrf) = session(&be.t, "lea@example.org", None).await;
    assert_eq!(page(&be.t, &member_cookie, "/app/transfers", "fr").await.0, 403);
    assert_eq!(post_form(&be.t, &member_cookie, &cancel, &[("csrf", &member_csrf)]).await.status(), 403);
    assert_eq!(
        post_form(&be.t, &member_cookie, &post, &[("csrf", &member_csrf), ("destination", "nl")]).await.status(),
        403
    );
    let (_, html) = page(&be.t, &member_cookie, "/app", "fr").await;
    assert!(!html.contains("href=\"/app/transfers\""), "no link for a member: {html}");
    assert_eq!(be.transfer(&id).await["status"], "offered");

    // The destination's staff see the offer: from which office, who, offered on, open until.
    carry(&be, &fr).await;
    let (cookie, csrf) = session(&fr.t, "advisor@partage.example", Some(Role::Advisor)).await;
    let (status, html) = page(&fr.t, &cookie, "/app/transfers", "fr").await;
    assert_eq!(status, 200, "{html}");
    assert_translated(&html);
    assert!(html.contains("<h1>Transferts entre bureaux</h1>") && html.contains("<td>Belgique (BE)</td>"), "{html}");
    assert!(html.contains("Ada Peeters") && html.contains("2 mars 2026") && html.contains("1er avril 2026"), "{html}");
    assert!(html.contains("<td>Proposé</td>"), "{html}");
    let accept = format!("/app/transfers/{id}/accept");
    let reject = format!("/app/transfers/{id}/reject");
    assert!(html.contains(&format!("action=\"{accept}\"")) && html.contains(&format!("action=\"{reject}\"")));

    // HQ, or a form without the session's token: refused, nothing decided.
    let (hq, hq_csrf) = session(&fr.t, "hq@partage.example", Some(Role::Hq)).await;
    assert_eq!(page(&fr.t, &hq, "/app/transfers", "fr").await.0, 403);
    assert_eq!(post_form(&fr.t, &hq, &accept, &[("csrf", &hq_csrf)]).await.status(), 403);
    assert_eq!(post_form(&fr.t, &cookie, &accept, &[]).await.status(), 403);
    assert_eq!(post_form(&fr.t, &cookie, &accept, &[("csrf", "forged")]).await.status(), 403);
    assert_eq!(fr.transfer(&id).await["status"], "offered");

    // A rejection needs its reason: said beside the row's field, in French.
    let res = post_form(&fr.t, &cookie, &reject, &[("csrf", &csrf), ("reason", "  ")]).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains(&format!("id=\"transfer-{id}-error\"")) && html.contains("aria-invalid=\"true\""), "{html}");
    assert!(html.contains("Indiquez le motif en quelques mots"), "{html}");
    assert_eq!(fr.transfer(&id).await["status"], "offered");

    // Accepted through the page: the member is created here, frozen until the commit.
    let res = post_form(&fr.t, &cookie, &accept, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/app/transfers");
    assert_eq!(fr.transfer(&id).await["status"], "accepted");
    let (_, html) = page(&fr.t, &cookie, "/app/transfers", "fr").await;
    assert!(html.contains("Accepté, en attente du bureau d’origine") && !html.contains(&accept), "{html}");
    // Accepted twice, or rejected once accepted: the refusal on the page, not a 500.
    let res = post_form(&fr.t, &cookie, &reject, &[("csrf", &csrf), ("reason", "trop tard")]).await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains("role=\"alert\"") && html.contains("n'est plus possible"), "{html}");

    // The origin commits; both offices list the transfer as closed, with its outcome.
    carry(&fr, &be).await;
    carry(&be, &fr).await;
    assert_eq!(fr.transfer(&id).await["status"], "committed");
    let (_, html) = page(&fr.t, &cookie, "/app/transfers", "fr").await;
    assert!(
        html.contains("Depuis Belgique (BE)") && html.contains("Terminé") && html.contains("Ada Peeters"),
        "{html}"
    );
    let (cookie, _) = session(&be.t, "admin@partage.example", Some(Role::Admin)).await;
    let (status, html) = page(&be.t, &cookie, "/app/transfers", "nl").await;
    assert_eq!(status, 200, "{html}");
    assert_translated(&html);
    assert!(html.contains("Naar Frankrijk (FR)") && html.contains("Voltooid"), "{html}");
}

async fn an_expired_offer_is_refused_on_the_page_and_the_origin_withdraws_its_own(db: Db) {
    let be = office(db, "be", "refund").await;
    let fr = office(db, "fr", "refund").await;
    let late = a_member(&be, "eva@example.org").await;
    let kept = a_member(&be, "olga@example.org").await;
    let expiring = offer(&be, &late, "fr").await;
    let withdrawn = offer(&be, &kept, "fr").await;
    carry(&be, &fr).await;

    // After the deadline the destination's accept is refused, said on the offer's row.
    let fr_later = fr.on_day("2026-04-15").await;
    let (cookie, csrf) = session(&fr_later.t, "advisor@partage.example", Some(Role::Advisor)).await;
    let (_, html) = page(&fr_later.t, &cookie, "/app/transfers", "fr").await;
    assert!(html.contains("délai dépassé"), "{html}");
    let res = post_form(&fr_later.t, &cookie, &format!("/app/transfers/{expiring}/accept"), &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains(&format!("id=\"transfer-{expiring}-error\"")), "{html}");
    assert!(html.contains(&format!("le transfert {expiring} a expiré")), "{html}");
    assert!(!html.contains("aria-invalid"), "the reason is not what was refused: {html}");
    assert_eq!(fr_later.transfer(&expiring).await["status"], "offered");

    // The origin's advisor withdraws the other offer: the member is active there again.
    let (cookie, csrf) = session(&be.t, "advisor@partage.example", Some(Role::Advisor)).await;
    let cancel = format!("/app/transfers/{withdrawn}/cancel");
    assert_eq!(post_form(&be.t, &cookie, &cancel, &[("csrf", "forged")]).await.status(), 403);
    let res = post_form(&be.t, &cookie, &cancel, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(be.transfer(&withdrawn).await["status"], "cancelled");
    assert_eq!(be.member_status(&kept).await, "member");
    let (_, html) = page(&be.t, &cookie, "/app/transfers", "fr").await;
    assert!(html.contains("Annulé") && html.contains("retiré par le bureau d’origine"), "{html}");
    assert!(!html.contains(&format!("action=\"{cancel}\"")), "{html}");
    // Withdrawn twice: the service's refusal, on top of the page (the row has no form left).
    let res = post_form(&be.t, &cookie, &cancel, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("role=\"alert\""));
    // A cancel at the destination is the origin's step: refused there on the page, not a 500.
    let (admin, admin_csrf) = session(&fr_later.t, "admin@partage.example", Some(Role::Admin)).await;
    let res =
        post_form(&fr_later.t, &admin, &format!("/app/transfers/{expiring}/cancel"), &[("csrf", &admin_csrf)]).await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains("role=\"alert\"") && html.contains("ne peut pas faire l'étape cancel"), "{html}");
}

async fn a_node_without_federation_says_so_instead_of_offering(db: Db) {
    let t = start(db).await;
    let member = t.member("ada@example.org").await;
    let (cookie, csrf) = session(&t, "advisor@partage.example", Some(Role::Advisor)).await;
    let (status, html) = page(&t, &cookie, &format!("/app/members/{member}"), "fr").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("ne fait pas partie d’une fédération") && !html.contains("name=\"destination\""), "{html}");
    let (status, html) = page(&t, &cookie, "/app/transfers", "en").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("not part of a federation"), "{html}");
    // Posted anyway: the service's refusal, on the file.
    let post = format!("/app/members/{member}/transfers");
    let res = post_form(&t, &cookie, &post, &[("csrf", &csrf), ("destination", "fr")]).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("les transferts de membres demandent les réglages de la fédération"));
}

on_both_databases!(
    staff_offer_accept_and_see_a_transfer_through_the_pages,
    an_expired_offer_is_refused_on_the_page_and_the_origin_withdraws_its_own,
    a_node_without_federation_says_so_instead_of_offering,
);
