//! A clone alone is the project: no file of the repository reads a folder beside
//! it (the validators, schemas and golden files the tests use are vendored; see
//! validators/README.md). scripts/test makes the same check with git grep.

use std::path::Path;

/// Every file under `dir`, but build output, VCS data and dependencies.
fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if !matches!(name.as_str(), "target" | ".git" | "node_modules" | ".partage") {
                files(&path, out);
            }
        } else {
            out.push(path);
        }
    }
}

#[test]
fn no_file_of_the_repository_reads_a_folder_beside_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    // Built at run time so this file does not match itself.
    let beside = ["..", "/shared"].concat();
    let kit = ["shared", "/validators"].concat();
    let golden = ["shared", "/golden"].concat();
    let research = ["shared", "/research"].concat();
    let machine = ["/work", "/shared"].concat();
    let mut all = Vec::new();
    files(&root, &mut all);
    assert!(all.len() > 100, "the walk found only {} files", all.len());
    let offenders: Vec<String> = all
        .iter()
        .filter(|path| {
            let Ok(text) = std::fs::read_to_string(path) else { return false };
            [&beside, &kit, &golden, &research, &machine].iter().any(|folder| text.contains(folder.as_str()))
        })
        .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
        .collect();
    assert!(offenders.is_empty(), "these files name a folder outside the repository: {offenders:?}");
}

/// The node reads the clock in `Node::instant` only (`today` and `now` derive from it),
/// so that `node.now`/`node.today` move every date and stamp the node writes.
#[test]
fn the_node_reads_the_clock_only_in_node_instant() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // Built at run time so this file does not match itself.
    let clocks = [["Utc", "::now("].concat(), ["Local", "::now("].concat(), ["SystemTime", "::now("].concat()];
    let mut all = Vec::new();
    files(&src, &mut all);
    assert!(all.len() > 50, "the walk found only {} files", all.len());
    let mut reads = Vec::new();
    for path in all.iter().filter(|p| p.extension().is_some_and(|e| e == "rs")) {
        let text = std::fs::read_to_string(path).unwrap();
        let mut function = String::new();
        for (number, line) in text.lines().enumerate() {
            if let Some(at) = line.find("fn ") {
                function = line[at + 3..].split(['(', '<']).next().unwrap_or_default().to_owned();
            }
            if clocks.iter().any(|c| line.contains(c.as_str())) {
                let file = path.strip_prefix(&src).unwrap().display().to_string();
                reads.push(format!("{file}:{} in fn {function}", number + 1));
            }
        }
    }
    assert_eq!(reads.len(), 1, "the clock is read outside Node::instant: {reads:?}");
    assert!(reads[0].starts_with("service/mod.rs:") && reads[0].ends_with("in fn instant"), "{reads:?}");
}
