//! The pack boundary: no module outside a country pack names a country's concept.
//!
//! Greps the code of `core`, `documents` and `node` for the Belgian terms (the
//! filings DIMONA and DmfA, the NSSO under its three names, joint committees, the
//! work bonus, the Peppol scheme 0208 of Belgian enterprise numbers) and the French
//! ones (the filings DPAE and DSN, the URSSAF, the SIREN, SIRET and NIR numbers, the
//! PSS ceiling, AGIRC-ARRCO, CSG and CRDS) in identifiers, strings and comments alike,
//! and fails naming each `file:line`. Unit tests
//! (`#[cfg(test)]` to the end of a file) may use a pack's keys as data and are not
//! read. What stays is listed below with its reason.
#![allow(clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

/// A country's term: the words it is found by (lower case) and whether a hit must stand
/// alone (not inside a longer word or number).
const TERMS: &[(&str, &[&str], bool)] = &[
    ("DIMONA", &["dimona"], false),
    ("DmfA", &["dmfa"], false),
    ("NSSO", &["nsso"], false),
    ("RSZ", &["rsz"], true),
    ("ONSS", &["onss"], true),
    ("joint committee", &["joint_committee", "joint-committee", "joint committee", "jointcommittee"], false),
    ("work bonus", &["work_bonus", "work-bonus", "work bonus", "workbonus"], false),
    ("0208", &["0208"], true),
    ("DPAE", &["dpae"], false),
    ("DSN", &["dsn"], true),
    ("URSSAF", &["urssaf"], false),
    ("SIREN", &["siren"], true),
    ("SIRET", &["siret"], true),
    ("NIR", &["nir"], true),
    ("PSS", &["pss"], true),
    ("AGIRC", &["agirc"], false),
    ("CSG", &["csg"], true),
    ("CRDS", &["crds"], true),
];

/// Files (or folders, ending in `/`) allowed to name a term, and why.
const ALLOWED: &[(&str, &str, &str)] = &[
    // Migrations never change: the columns they created keep their names.
    ("node/src/storage/migration/", "DIMONA", "migration"),
    ("node/src/storage/migration/", "DmfA", "migration"),
    ("node/src/storage/migration/", "NSSO", "migration"),
    ("node/src/storage/migration/", "work bonus", "migration"),
    ("node/src/storage/entities/quarterly_return.rs", "work bonus", "the column work_bonus_minor of m0007"),
    // The HTTP API and the CLI keep their names (the issue changes no route or field).
    ("node/src/http/requests.rs", "joint committee", "POST /simulations field joint_committee"),
    ("node/src/service/views/mod.rs", "joint committee", "SimulationView field joint_committee"),
    ("node/src/service/views/mod.rs", "work bonus", "SimulationView field social_work_bonus"),
    ("node/src/service/views/reports.rs", "work bonus", "quarterly return view field work_bonus"),
    ("node/src/service/simulations.rs", "joint committee", "fills and prints SimulationView's joint_committee"),
    ("node/src/service/simulations.rs", "work bonus", "fills and prints SimulationView's social_work_bonus"),
    (
        "node/src/service/quarterly_returns.rs",
        "work bonus",
        "the column work_bonus_minor of m0007 and the view field work_bonus",
    ),
    ("node/src/main.rs", "joint committee", "the CLI's `simulate --joint-committee`"),
    // The French demo's configuration names the keys of `[pack.fr]`, as a node's file would.
    ("node/src/demo.rs", "SIRET", "the French demo's pack.fr.siret setting"),
    ("node/src/demo.rs", "URSSAF", "the French demo's pack.fr.urssaf_account setting"),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace").to_path_buf()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether `word` occurs in `line` (lower case), standing alone when `alone`.
fn occurs(line: &str, word: &str, alone: bool) -> bool {
    line.match_indices(word).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + word.len()..].chars().next();
        !alone
            || !(before.is_some_and(|c| c.is_ascii_alphanumeric()) || after.is_some_and(|c| c.is_ascii_alphanumeric()))
    })
}

/// Every `file:line: term` outside the allowed list.
fn hits(relative_dirs: &[&str]) -> Vec<String> {
    let root = root();
    let mut files = Vec::new();
    for dir in relative_dirs {
        rust_files(&root.join(dir), &mut files);
    }
    files.sort();
    let mut found = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&root).expect("under the root").to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(&file).expect("a readable source file");
        for (n, line) in text.lines().enumerate() {
            if line.starts_with("#[cfg(test)]") {
                break;
            }
            let lower = line.to_lowercase();
            for (term, words, alone) in TERMS {
                let allowed = ALLOWED.iter().any(|(place, t, _)| {
                    t == term && (relative == *place || (place.ends_with('/') && relative.starts_with(place)))
                });
                if !allowed && words.iter().any(|w| occurs(&lower, w, *alone)) {
                    found.push(format!("{relative}:{}: {term}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn core_documents_and_node_name_no_belgian_or_french_concept() {
    let found = hits(&["core/src", "documents/src", "node/src"]);
    assert!(found.is_empty(), "a country's terms outside its pack:\n{}", found.join("\n"));
}

#[test]
fn the_grep_finds_each_term_where_it_stands_alone() {
    assert!(occurs("the dimona in", "dimona", false));
    assert!(occurs("scheme 0208.", "0208", true));
    assert!(!occurs("20208", "0208", true), "inside a longer number");
    assert!(!occurs("personsz", "rsz", true), "inside a word");
    assert!(occurs("rsz/onss", "onss", true));
    assert!(occurs("the dsn of march", "dsn", true));
    assert!(!occurs("dsname", "dsn", true), "inside a word");
    assert!(!occurs("sirene", "siren", true), "inside a longer word");
    // The packs themselves are where the terms live: the same grep finds them there.
    assert!(!hits(&["country-packs/be/src"]).is_empty());
    let french = hits(&["country-packs/fr/src"]);
    for term in ["DPAE", "DSN", "URSSAF", "SIREN", "SIRET", "NIR"] {
        assert!(french.iter().any(|h| h.contains(&format!(": {term}: "))), "{term} not found in the French pack");
    }
}

#[test]
fn every_allowance_is_still_needed() {
    let root = root();
    for (place, term, why) in ALLOWED {
        let path = root.join(place);
        let mut files = Vec::new();
        if place.ends_with('/') {
            rust_files(&path, &mut files);
        } else {
            files.push(path);
        }
        let (_, words, alone) = TERMS.iter().find(|(t, _, _)| t == term).expect("a known term");
        let used = files.iter().any(|f| {
            std::fs::read_to_string(f)
                .map(|text| text.lines().any(|l| words.iter().any(|w| occurs(&l.to_lowercase(), w, *alone))))
                .unwrap_or(false)
        });
        assert!(used, "{place} no longer names {term} ({why}): remove its allowance");
    }
}

#[test]
fn the_node_reaches_a_country_pack_only_through_the_registry() {
    let root = root();
    let manifest = std::fs::read_to_string(root.join("node/Cargo.toml")).expect("the node's manifest");
    // The conformance kit is no country pack: its checks (French typography of the catalogues)
    // run in the node's tests as in every pack's.
    let packs: Vec<&str> = manifest
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("partage-pack") && !l.starts_with("partage-pack-conformance"))
        .collect();
    assert_eq!(packs, ["partage-packs.workspace = true"], "the node's pack dependencies");
    // Written in two halves so that this file does not name them either.
    let mut files = Vec::new();
    for dir in ["node/src", "node/tests", "node/benches"] {
        rust_files(&root.join(dir), &mut files);
    }
    for crate_name in [concat!("partage_pack", "_be"), concat!("partage_pack", "_fr")] {
        let naming: Vec<String> = files
            .iter()
            .filter(|f| std::fs::read_to_string(f).is_ok_and(|text| text.contains(crate_name)))
            .map(|f| f.display().to_string())
            .collect();
        assert!(naming.is_empty(), "{crate_name} named in {naming:?}");
    }
}
