//! A member's invoice and work pages list their latest records, not all of their years, and
//! still offer every client the member has dealt with.

use crate::common::{start, Db};
use crate::on_both_databases;
use crate::pages::{assert_translated, page, session};
use serde_json::json;

/// The rows of the page's first table body.
fn listed_rows(html: &str) -> usize {
    html.split("<tbody>").nth(1).and_then(|body| body.split("</tbody>").next()).map_or(0, |b| b.matches("<tr>").count())
}

async fn a_members_pages_list_their_fifty_latest_invoices_and_offer_every_client_they_dealt_with(db: Db) {
    let t = start(db).await;
    let member = t.member("many@example.org").await;
    let activity = t.activity(&member, "Touring").await;
    // The oldest invoice is the only one to the theatre.
    let theatre = t.belgian_client().await;
    t.draft(&activity, &theatre, "100.00", "21").await.ok(201);
    let consumer = t
        .post(
            "/clients",
            json!({"name": "Łukasz Kılıç", "kind": "consumer", "country": "BE", "street": "Rue Haute 1",
                   "postal_code": "1000", "city": "Bruxelles"}),
        )
        .await
        .ok(201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for _ in 0..55 {
        t.draft(&activity, &consumer, "10.00", "21").await.ok(201);
    }
    let (cookie, _) = session(&t, "many@example.org", None).await;
    // The member's language is the node's, French, whatever the browser asks.
    let (status, html) = page(&t, &cookie, "/app/invoices", "en").await;
    assert_eq!(status, 200, "{html}");
    assert_translated(&html);
    assert_eq!(listed_rows(&html), 50, "{html}");
    assert!(html.contains("Les 50 plus récentes sont affichées"), "{html}");
    // The form still offers the theatre, whose only invoice is not among those listed.
    let select = html.split("<select id=\"client_id\"").nth(1).unwrap_or_default();
    assert!(select.contains("Théâtre du Parc") && select.contains("Łukasz Kılıç"), "{select}");
    // The work page offers the same clients.
    let (_, work) = page(&t, &cookie, "/app/work", "fr").await;
    let select = work.split("<select id=\"client_id\"").nth(1).unwrap_or_default();
    assert!(select.contains("Théâtre du Parc") && select.contains("Łukasz Kılıç"), "{select}");
    assert!(!work.contains("Les 50 plus récentes"), "no declaration yet, so no note: {work}");
}

on_both_databases!(a_members_pages_list_their_fifty_latest_invoices_and_offer_every_client_they_dealt_with);
