//! Every value of every parameter file names its legal or official reference first.
//!
//! A payslip line and `GET /api/v1/packs/be/parameters` show a value's `source` as the
//! reason the value is law, so the source must lead with the law, decree or official page
//! (the Moniteur belge, socialsecurity.be, FPS Finance, BOSA, ejustice), and only then, if
//! the value was only read in a secondary text (a payroll bureau, an open-source payroll),
//! name that text. The files are read from disk, so a file the pack forgot to register is
//! checked too.
//!
//! The rule, precisely, on each `source` string:
//! 1. it names no folder outside the repository (`shared/`, `/work/`);
//! 2. its first statement (the text before the first "; ") contains an official marker
//!    ([`OFFICIAL`]: a legal act, an official journal or an official site);
//! 3. the first official marker comes before the first name of a secondary source
//!    ([`SECONDARY`]), so a payroll bureau is never cited as the reason for a value.
//!
//! Values with no official reference at all would be listed in [`EXCEPTIONS`] with the
//! reason; there are none today: where the official text of a value was not read, its
//! source names the act that requires the value and says the text was not found.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

use std::path::{Path, PathBuf};

/// Words that name a legal act, an official journal or an official site (lower case).
const OFFICIAL: &[&str] = &[
    "moniteur belge",
    "royal decree",
    "rd ",
    "fps bosa",
    "bosa circular",
    "kb/ar",
    "law of",
    "programme law",
    "arrêté",
    "circular",
    "cir 92",
    "code of economic law",
    "socialsecurity.be",
    "onss.fgov.be",
    "nsso",
    "finance.belgium.be",
    "finances.belgium.be",
    "fin.belgium.be",
    "bosa.belgium.be",
    "news.belgium.be",
    "ejustice",
    "etaamb",
    "fps finance",
];

/// Names of secondary sources: payroll bureaus, advisers, open-source payrolls (lower case).
const SECONDARY: &[&str] = &[
    "odoo",
    "salarysim",
    "plpeeters",
    "duxsalary",
    "stratarius",
    "easypay",
    "partena",
    "securex",
    "acerta",
    "attentia",
    "prato",
    "group s",
    "groups.be",
    "forumforthefuture",
    "ucm",
    "salarysolution",
    "ag-consult",
    "lawbase",
    "embuild",
    "avocation",
    "medenam",
    "webwin",
    "schoups",
    "studio-legale",
    "fairadvocaten",
    "telesambre",
    "flhm",
    "elegis",
    "droitsquotidiens",
    "nuod",
    "deloitte",
    "cobelsa",
    "secrétariat social",
    "tamtam",
    "kpmg",
    "vatupdate",
    "thevatman",
    "hansard",
    "hrmlokaal",
    "goingfortalent",
    "orbiss",
    "agoria",
    "sociaalkantoor",
    "besox",
    "trendstop",
];

/// (file, from) pairs allowed without an official reference, each with its reason.
const EXCEPTIONS: &[(&str, &str, &str)] = &[];

/// Every `.toml` file under `dir`.
fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

/// Where `word` first starts in `text` at the start of a word (so "rd " is not found in
/// "standard "), if it does.
fn find_word(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word)
        .map(|(at, _)| at)
        .find(|&at| text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
}

/// What is wrong with a source under the rule above, if anything.
fn fault(source: &str) -> Option<String> {
    let lower = source.to_lowercase();
    for outside in ["shared/", "/work/"] {
        if lower.contains(outside) {
            return Some(format!("names `{outside}`, a folder outside the repository"));
        }
    }
    let first = lower.split("; ").next().unwrap_or(&lower);
    let official = OFFICIAL.iter().filter_map(|w| find_word(first, w)).min();
    let Some(official) = official else {
        return Some("its first statement names no law, decree, official journal or official site".into());
    };
    if let Some((at, name)) = SECONDARY.iter().filter_map(|w| find_word(&lower, w).map(|at| (at, *w))).min() {
        if at < official {
            return Some(format!("names the secondary source `{name}` before any official reference"));
        }
    }
    None
}

#[test]
fn every_parameter_source_names_its_legal_or_official_reference_first() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("parameters");
    let mut files = Vec::new();
    toml_files(&root, &mut files);
    assert!(files.len() >= 23, "only {} parameter files found", files.len());
    let mut faults = Vec::new();
    let mut checked = 0;
    for path in &files {
        let rel = path.strip_prefix(&root).unwrap().display().to_string();
        let doc: toml::Table = std::fs::read_to_string(path).unwrap().parse().unwrap();
        for v in doc["values"].as_array().unwrap() {
            let from = v["from"].as_datetime().unwrap().to_string();
            let source = v["source"].as_str().unwrap();
            checked += 1;
            if EXCEPTIONS.iter().any(|(f, d, _)| *f == rel && *d == from) {
                continue;
            }
            if let Some(why) = fault(source) {
                faults.push(format!("{rel} from {from}: {why}"));
            }
        }
    }
    assert!(checked >= 60, "only {checked} values checked");
    assert!(faults.is_empty(), "{} sources break the rule:\n{}", faults.len(), faults.join("\n"));
}

#[test]
fn the_rule_refuses_what_it_should() {
    assert!(fault("shared/notes/payroll.md §1").is_some());
    assert!(fault("see /work/notes/x.md").is_some());
    assert!(fault("PLPeeters/salarysim src/app/services/data/2026.ts").is_some());
    assert!(fault("Partena flash; law of 20 December 1999").is_some(), "the law must come first");
    assert!(fault("Easypay, quoting the royal decree of 1 May 2025").is_some(), "a bureau first");
    assert!(fault("Royal decree of 27 March 2023 (Moniteur belge 12 April 2023); checked against Partena").is_none());
    assert!(fault("https://www.socialsecurity.be/employer/instructions/dmfa/x.html").is_none());
    assert!(fault("a standard table, from a bureau").is_some(), "'rd ' inside a word is no decree");
}
