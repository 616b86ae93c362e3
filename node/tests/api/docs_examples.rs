//! docs/api.md's shell examples, run in order against a freshly started node (the
//! `partage serve` binary, on its real clock; SQLite and PostgreSQL), so the
//! documentation stays true.
//!
//! Every fenced block whose info string is `sh` is run; `sh not-run` blocks are shown
//! only. Blocks run in one bash session (`set -euo pipefail`), so variables carry over.
//! Each `curl` must answer 2xx, unless the command starts with `expect=NNN` (then it
//! must answer NNN). The node's address replaces `http://127.0.0.1:8080`.

use crate::common;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The runnable shell blocks of a Markdown document, in order.
fn runnable_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    // None: outside a block; Some(None): in a block that is not run; Some(Some(text)): in a run block.
    let mut inside: Option<Option<String>> = None;
    for line in markdown.lines() {
        let fence = line.trim_start().strip_prefix("```");
        match (&mut inside, fence) {
            (None, Some(info)) => {
                let words: Vec<&str> = info.split_whitespace().collect();
                let run = words.first() == Some(&"sh") && !words.contains(&"not-run");
                inside = Some(run.then(String::new));
            }
            (None, None) => {}
            (Some(block), Some(_)) => {
                if let Some(text) = block.take() {
                    blocks.push(text);
                }
                inside = None;
            }
            (Some(Some(text)), None) => {
                text.push_str(line);
                text.push('\n');
            }
            (Some(None), None) => {}
        }
    }
    blocks
}

/// What runs before the examples: strict bash, and a `curl` that fails the run on a
/// status the documentation did not announce.
const PRELUDE: &str = r#"set -Eeuo pipefail
shopt -s inherit_errexit
curl() {
  local headers status
  headers=$(mktemp)
  command curl -sS -D "$headers" "$@" || { echo "curl failed ($?): curl $*" >&2; return 1; }
  status=$(awk '/^HTTP\//{s=$2} END{print s}' "$headers")
  rm -f "$headers"
  if [[ -n "${expect:-}" ]]; then
    [[ "$status" == "$expect" ]] || { echo "expected HTTP $expect, got $status: curl $*" >&2; return 1; }
  elif [[ "$status" != 2* ]]; then
    echo "HTTP $status (the documentation expects 2xx): curl $*" >&2; return 1
  fi
}
"#;

struct Served {
    child: std::process::Child,
    dir: PathBuf,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `partage serve` on a new database (SQLite in its data directory, or a new
/// PostgreSQL schema `t_<uuid>`, dropped by scripts/test like every test schema),
/// waiting until it answers; with the admin token `partage admin bootstrap` printed.
fn serve(port: u16, postgres: bool) -> (Served, String) {
    let dir = std::env::temp_dir().join(format!("partage-docs-{}", uuid::Uuid::now_v7().simple()));
    let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
    let partage = || {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_partage"));
        for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("PARTAGE")) {
            cmd.env_remove(key);
        }
        cmd.env("PARTAGE__NODE__DATA_DIR", &dir).envs(
            postgres
                .then(|| [("PARTAGE__DATABASE__URL", common::pg_url()), ("PARTAGE__DATABASE__SCHEMA", schema.clone())])
                .into_iter()
                .flatten(),
        );
        cmd
    };
    std::fs::create_dir_all(&dir).unwrap();
    // As an office starts: the first admin's token, printed once on the last line.
    let out = partage().args(["admin", "bootstrap", "--email", "admin@partage.example"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let token = String::from_utf8(out.stdout).unwrap().lines().last().unwrap().trim().to_owned();
    let log = std::fs::File::create(dir.join("node.log")).unwrap();
    let child = partage()
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap();
    let served = Served { child, dir };
    let started = std::time::Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < std::time::Duration::from_secs(30), "the node did not start");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    (served, token)
}

fn docs(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs").join(name)
}

#[test]
fn the_extraction_runs_sh_blocks_and_skips_the_others() {
    let md =
        "a\n```sh\necho one\n```\n```json\n{}\n```\n```sh not-run\nfalse\n```\n```\nplain\n```\n```sh\necho two\n```\n";
    assert_eq!(runnable_blocks(md), vec!["echo one\n".to_owned(), "echo two\n".to_owned()]);
}

#[test]
fn every_example_of_the_api_documentation_runs_today_on_sqlite() {
    run_the_examples(false);
}

#[test]
fn every_example_of_the_api_documentation_runs_today_on_postgres() {
    run_the_examples(true);
}

/// Runs every runnable block of docs/api.md against a new node; fails on the first
/// command that fails, with what it printed.
fn run_the_examples(postgres: bool) {
    let markdown = std::fs::read_to_string(docs("api.md")).unwrap();
    let blocks = runnable_blocks(&markdown);
    assert!(blocks.len() >= 10, "docs/api.md has {} runnable blocks", blocks.len());
    let port = partage_federation_tests::free_port();
    let (node, token) = serve(port, postgres);
    let work = node.dir.join("work");
    std::fs::create_dir_all(&work).unwrap();
    let mut script = String::from(PRELUDE);
    for (i, block) in blocks.iter().enumerate() {
        script.push_str(&format!("echo '--- block {}' >&2\n", i + 1));
        script.push_str(&block.replace("http://127.0.0.1:8080", &format!("http://127.0.0.1:{port}")));
    }
    let path = node.dir.join("examples.sh");
    std::fs::File::create(&path).unwrap().write_all(script.as_bytes()).unwrap();
    let out = Command::new("bash").arg(&path).current_dir(&work).env("TOKEN", &token).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The last answers are enough to see what went wrong.
    let tail: String = stdout.chars().rev().take(3000).collect::<Vec<_>>().into_iter().rev().collect();
    assert!(out.status.success(), "an example of docs/api.md failed:\n{stderr}\n--- last output:\n{tail}");
    assert!(stderr.contains(&format!("--- block {}", blocks.len())), "{stderr}");
}
