//! URSSAF's side: modele-social under Node, run once for the grid (evaluate.mjs), its answer cached.

use super::*;

/// What modele-social computes for a case: totals and individual lines, unrounded.
#[derive(Clone, Debug)]
pub(crate) struct Urssaf {
    pub(crate) rules: String,
    pub(crate) figures: BTreeMap<String, Decimal>,
    pub(crate) lines: BTreeMap<String, Decimal>,
}

impl Urssaf {
    pub(crate) fn figure(&self, name: &str) -> Decimal {
        *self.figures.get(name).unwrap_or_else(|| panic!("evaluate.mjs gave no figure {name}"))
    }

    /// A line, by its rule name after `salarié . cotisations . `.
    pub(crate) fn line(&self, name: &str) -> Decimal {
        let full = format!("salarié . cotisations . {name}");
        *self.lines.get(&full).unwrap_or_else(|| panic!("evaluate.mjs gave no line {full}"))
    }
}

pub(crate) fn urssaf_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("urssaf")
}

pub(crate) fn input(cases: &[Case]) -> String {
    let cases: Vec<Value> = cases
        .iter()
        .map(|c| {
            json!({
                "id": c.id,
                "date": c.date.to_string(),
                "gross": c.gross.to_string(),
                "cadre": c.cadre,
                "contract": if c.fixed_term { "cdd" } else { "cdi" },
                "indemnity": c.indemnity,
                "size": c.size,
                "weekly_hours": c.weekly_hours.map(|h| h.to_string()),
                "atmp": c.atmp.to_string(),
                "mobility": c.mobility.to_string(),
            })
        })
        .collect();
    json!({ "cases": cases }).to_string()
}

pub(crate) fn decimal(v: &Value) -> Decimal {
    let text = v.as_str().unwrap_or_else(|| panic!("not a number as text: {v}"));
    // JavaScript's shortest round-trip form: scientific notation for tiny values.
    Decimal::from_str(text).or_else(|_| Decimal::from_scientific(text)).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Runs evaluate.mjs once for the whole grid. The answer is kept in the target
/// directory under a hash of the grid, the script and the lock file, so a second run
/// of the suite with nothing changed does not pay Node's seconds again; a file lock
/// makes the tests of this file, run in parallel processes, share one Node run.
pub(crate) fn evaluate(cases: &[Case]) -> BTreeMap<String, Urssaf> {
    let dir = urssaf_dir();
    assert!(
        dir.join("node_modules").join("modele-social").exists() && dir.join("node_modules").join("publicodes").exists(),
        "URSSAF's rules are not installed: run `npm ci --ignore-scripts` in {} (Node 18 or later; on Debian: \
         apt-get install nodejs npm). scripts/test does it.",
        dir.display()
    );
    let stdin = input(cases);
    let mut hasher = DefaultHasher::new();
    stdin.hash(&mut hasher);
    for file in ["evaluate.mjs", "package-lock.json"] {
        std::fs::read(dir.join(file)).unwrap().hash(&mut hasher);
    }
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let lock = std::fs::File::create(tmp.join("urssaf.lock")).unwrap();
    lock.lock().unwrap();
    let cache = tmp.join(format!("urssaf-{:016x}.json", hasher.finish()));
    let stdout = match std::fs::read_to_string(&cache) {
        Ok(text) => text,
        Err(_) => {
            let mut child = Command::new("node")
                .arg("evaluate.mjs")
                .current_dir(&dir)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| {
                    panic!("cannot run node ({e}): install Node 18 or later (Debian: apt-get install nodejs npm)")
                });
            child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "evaluate.mjs failed: {}", String::from_utf8_lossy(&output.stderr));
            let text = String::from_utf8(output.stdout).unwrap();
            let partial = cache.with_extension("partial");
            std::fs::write(&partial, &text).unwrap();
            std::fs::rename(&partial, &cache).unwrap();
            text
        }
    };
    drop(lock);
    let answers: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    answers
        .iter()
        .map(|a| {
            let map = |key: &str| -> BTreeMap<String, Decimal> {
                a[key].as_object().unwrap().iter().map(|(k, v)| (k.clone(), decimal(v))).collect()
            };
            let urssaf =
                Urssaf { rules: a["rules"].as_str().unwrap().to_owned(), figures: map("figures"), lines: map("lines") };
            (a["id"].as_str().unwrap().to_owned(), urssaf)
        })
        .collect()
}
