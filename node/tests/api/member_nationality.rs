//! A member's nationality (issue 13): recorded by a correction of the member in any case,
//! kept upper case, shown on the member, removable with null, each change in the member's
//! history; anything but an assigned ISO 3166-1 alpha-2 code (Kosovo's XK accepted) refused
//! naming the field, with nothing written.

use crate::common::{start, Db};
use crate::on_both_databases;
use serde_json::json;

async fn a_nationality_is_recorded_shown_corrected_and_removed_with_its_history(db: Db) {
    let t = start(db).await;
    let member = t.member("ines@example.org").await;
    assert!(t.get(format!("/members/{member}")).await.ok(200)["nationality"].is_null(), "none until recorded");

    let patched = t.patch_as(format!("/members/{member}"), "advisor", json!({"nationality": " pt "})).await;
    assert_eq!(patched.ok(200)["nationality"], "PT");
    assert_eq!(t.get(format!("/members/{member}")).await.ok(200)["nationality"], "PT");

    for bad in [
        json!("Portugal"),
        json!("P"),
        json!("P1"),
        json!("🇵🇹"),
        json!("=CMD()"),
        json!(351),
        json!("ZZ"),
        json!("zz"),
        json!("UK"),
        json!("EL"),
    ] {
        let r = t.patch_as(format!("/members/{member}"), "advisor", json!({"nationality": bad})).await;
        r.problem(422, "invalid-field");
        assert_eq!(r.body["field"], "nationality", "{bad}: {}", r.text);
    }
    assert_eq!(t.get(format!("/members/{member}")).await.ok(200)["nationality"], "PT", "nothing refused was written");

    // The name and the nationality corrected at once; then the nationality removed.
    let both =
        t.patch_as(format!("/members/{member}"), "advisor", json!({"last_name": "Sá", "nationality": "BR"})).await;
    let both = both.ok(200);
    assert_eq!((both["last_name"].as_str(), both["nationality"].as_str()), (Some("Sá"), Some("BR")));
    // Kosovo has no ISO code: XK, the one the EU and A1 forms use, is taken.
    let kosovo = t.patch_as(format!("/members/{member}"), "advisor", json!({"nationality": "xk"})).await;
    assert_eq!(kosovo.ok(200)["nationality"], "XK");
    let removed = t.patch_as(format!("/members/{member}"), "advisor", json!({"nationality": null})).await;
    assert!(removed.ok(200)["nationality"].is_null());

    let history = t.get(format!("/members/{member}/history")).await.ok(200).to_string();
    for change in ["\"PT\"", "\"BR\"", "nationality"] {
        assert!(history.contains(change), "{change} in the member's history: {history}");
    }
}

on_both_databases!(a_nationality_is_recorded_shown_corrected_and_removed_with_its_history);
