//! What the node benchmarks share: a fresh node on SQLite or on PostgreSQL (a
//! schema of its own), living on a fixed day, and the databases the command line asks for.

use partage::config::Settings;
use partage::service::Node;

/// A fresh node on `db` (`sqlite` or `postgres`) with its files in `dir`, on `today`.
pub async fn node(db: &str, dir: &std::path::Path, today: &str) -> Node {
    let mut o = vec![("node.data_dir", dir.display().to_string()), ("node.today", today.to_owned())];
    if db == "postgres" {
        let schema = format!("t_bench_{}", uuid::Uuid::now_v7().simple());
        o.push((
            "database.url",
            std::env::var("PARTAGE_TEST_PG_URL").unwrap_or("postgres://postgres@127.0.0.1:5432/test".into()),
        ));
        o.push(("database.schema", schema));
    } else {
        o.push(("database.url", format!("sqlite://{}?mode=rwc", dir.join("bench.sqlite").display())));
    }
    Node::open(Settings::load_with(None, &o).unwrap()).await.unwrap()
}

/// The positional arguments, and the databases the first one names (both by default).
pub fn args() -> (Vec<&'static str>, Vec<String>) {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let dbs = match args.first().map(String::as_str) {
        Some("sqlite") => vec!["sqlite"],
        Some("postgres") => vec!["postgres"],
        _ => vec!["sqlite", "postgres"],
    };
    (dbs, args)
}
