//! Serves a demo node's pages for wrk (issue 14's dashboard benchmark): opens the node whose
//! data directory is PARTAGE_DATA_DIR (a kept `partage demo`), opens a browser session for the
//! member with the most payslips as a sign-in would (`sessions::account_for`, `sessions::open`),
//! prints `base=` and `cookie=`, then serves until SIGTERM. Run by `scripts/bench/dashboard`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use partage::auth::sessions;
use partage::config::Settings;
use partage::service::Node;
use partage::storage::entities::member;
use sea_orm::{ConnectionTrait, EntityTrait, Statement};

#[tokio::main]
async fn main() {
    let Some(dir) = std::env::var("PARTAGE_DATA_DIR").ok().filter(|d| !d.is_empty()) else {
        println!("dashboard: run through scripts/bench/dashboard (it builds the demo and sets PARTAGE_DATA_DIR)");
        return;
    };
    let settings = Settings::load_with(None, &[("node.data_dir", dir), ("http.bind", "127.0.0.1:0".into())]).unwrap();
    let node = Node::open(settings).await.unwrap();
    let db = node.store.db();
    // The member with the most payslips (then activities): the fullest dashboard of the demo.
    let busiest = "SELECT a.member_id AS id, COUNT(DISTINCT p.id) AS slips, COUNT(DISTINCT a.id) AS acts \
        FROM activities a LEFT JOIN payslips p ON p.member_id = a.member_id \
        GROUP BY a.member_id ORDER BY slips DESC, acts DESC LIMIT 1";
    let row = db.query_one(Statement::from_string(db.get_database_backend(), busiest)).await.unwrap().unwrap();
    let id: uuid::Uuid = row.try_get("", "id").unwrap();
    let m = member::Entity::find_by_id(id).one(db).await.unwrap().unwrap();
    let claims = sessions::Claims { subject: format!("bench-{}", m.id), verified_email: Some(m.email.clone()) };
    let account = sessions::account_for(db, &claims, None, node.now()).await.unwrap();
    let cookie = sessions::open(db, &account, String::new(), node.now(), 24).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("base=http://{}", listener.local_addr().unwrap());
    println!("cookie={cookie}");
    partage::server::serve(node, Some(listener)).await.unwrap();
}
