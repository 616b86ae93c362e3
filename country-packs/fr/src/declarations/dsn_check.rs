//! A check of a DSN file's structure and value forms, written from the cahier technique DSN
//! (net-entreprises.fr, norme NEODeS P25V01/P26V01; the rules the pack knows from it, the PDF
//! not being in the stored sources, see `dsn`), so that every DSN the pack writes is checked
//! before the node keeps it. It is not net-entreprises' DSN-Val, which also checks the
//! declared values against each other and against the registers.
//!
//! What it checks:
//! - every line is `Sxx.Gxx.xx.xxx,'value'` with a value of at most 512 characters;
//! - the file starts with S10.G00.00 and ends with S90.G00.90; the structures come in the order
//!   S10, S20, S21, S90, and within a worker the blocks in the cahier's order (30, 40, 50, 51,
//!   78, 81), each block's rubrics in rising order;
//! - the mandatory blocks (S10.G00.00, S10.G00.01, S20.G00.05, S21.G00.06, S21.G00.11, at least
//!   one S21.G00.30, each with at least one 40, 50 and 51) and, in each block written, its
//!   mandatory rubrics;
//! - value forms: dates DDMMYYYY (a real day), amounts with a point and exactly two decimals,
//!   SIREN (9 digits, Luhn), NIC (5 digits), NIR (13 characters), IDCC (4 digits), the codes of
//!   a few closed lists;
//! - S90.G00.90.001 equals the number of lines of the file.

use chrono::NaiveDate;

/// What is wrong with a DSN file, at which line (1-based) and rubric.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line} ({rubric}): {message}")]
pub struct DsnError {
    /// The line, counting from 1.
    pub line: usize,
    /// The rubric, or the block, at fault.
    pub rubric: String,
    /// What is wrong.
    pub message: String,
}

/// The order of the blocks the pack knows, as (structure rank, block rank).
fn block_rank(block: &str) -> Option<(u8, u8)> {
    Some(match block {
        "S10.G00.00" => (0, 0),
        "S10.G00.01" => (0, 1),
        "S10.G00.02" => (0, 2),
        "S20.G00.05" => (1, 0),
        "S20.G00.07" => (1, 1),
        "S21.G00.06" => (2, 0),
        "S21.G00.11" => (2, 1),
        "S21.G00.30" => (2, 2),
        "S21.G00.40" => (2, 3),
        "S21.G00.50" => (2, 4),
        "S21.G00.51" => (2, 5),
        "S21.G00.78" => (2, 6),
        "S21.G00.81" => (2, 7),
        "S90.G00.90" => (3, 0),
        _ => return None,
    })
}

/// Mandatory rubrics of each block.
const MANDATORY: &[(&str, &[&str])] = &[
    ("S10.G00.00", &["001", "002", "003", "005", "006", "008"]),
    ("S10.G00.01", &["001", "002"]),
    ("S20.G00.05", &["001", "002", "003", "004", "005", "007", "010"]),
    ("S21.G00.06", &["001", "002", "003"]),
    ("S21.G00.11", &["001", "002", "008"]),
    ("S21.G00.30", &["001", "002", "004", "005", "006"]),
    ("S21.G00.40", &["001", "002", "003", "007", "008", "009", "011", "012", "013", "014", "017", "018", "019", "020"]),
    ("S21.G00.50", &["001", "002", "003", "004"]),
    ("S21.G00.51", &["001", "002", "010", "011", "013"]),
    ("S21.G00.78", &["001", "002", "003", "004"]),
    ("S21.G00.81", &["001", "004"]),
    ("S90.G00.90", &["001", "002"]),
];

/// Blocks that must appear at least once in a file.
const REQUIRED_BLOCKS: [&str; 7] =
    ["S10.G00.00", "S10.G00.01", "S20.G00.05", "S21.G00.06", "S21.G00.11", "S21.G00.30", "S90.G00.90"];

enum Form {
    Date,
    Amount,
    Siren,
    Nic,
    Nir,
    Idcc,
    Digits,
    Code(&'static [&'static str]),
    Text,
}

fn form_of(rubric: &str) -> Form {
    match rubric {
        "S20.G00.05.005" | "S20.G00.05.007" | "S21.G00.30.006" | "S21.G00.40.001" | "S21.G00.40.010"
        | "S21.G00.50.001" | "S21.G00.51.001" | "S21.G00.51.002" | "S21.G00.78.002" | "S21.G00.78.003" => Form::Date,
        "S21.G00.50.002" | "S21.G00.50.004" | "S21.G00.50.009" | "S21.G00.51.013" | "S21.G00.78.004"
        | "S21.G00.81.003" | "S21.G00.81.004" | "S21.G00.40.012" | "S21.G00.40.013" | "S21.G00.51.012"
        | "S21.G00.50.006" | "S21.G00.40.043" => Form::Amount,
        "S10.G00.01.001" | "S21.G00.06.001" => Form::Siren,
        "S10.G00.01.002" | "S21.G00.06.002" | "S21.G00.11.001" => Form::Nic,
        "S21.G00.30.001" => Form::Nir,
        "S21.G00.11.022" | "S21.G00.40.017" => Form::Idcc,
        "S20.G00.05.004" | "S21.G00.11.008" | "S90.G00.90.001" | "S90.G00.90.002" | "S21.G00.40.019" => Form::Digits,
        "S10.G00.00.005" => Form::Code(&["01", "02"]),
        "S20.G00.05.001" => Form::Code(&["01", "02", "04", "05", "07"]),
        "S20.G00.05.010" => Form::Code(&["01"]),
        "S21.G00.30.005" => Form::Code(&["01", "02"]),
        "S21.G00.40.007" => Form::Code(&[
            "01", "02", "03", "07", "08", "09", "10", "29", "32", "50", "60", "70", "80", "81", "82", "89", "90", "91",
            "92", "93",
        ]),
        "S21.G00.40.011" => Form::Code(&["10", "12", "20", "21", "31", "32", "33", "34", "35", "40", "41", "99"]),
        "S21.G00.40.014" => Form::Code(&["10", "20", "21", "40", "41", "42", "90", "99"]),
        "S21.G00.78.001" => Form::Code(&[
            "02", "03", "04", "07", "08", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22",
            "23", "24", "25", "26", "27", "28", "29", "31", "32", "33", "34", "35", "36", "37", "38", "39", "40", "41",
            "42", "43", "44", "45",
        ]),
        _ => Form::Text,
    }
}

fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b.saturating_sub(b'0'));
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn digits(v: &str, n: usize) -> bool {
    v.len() == n && v.bytes().all(|b| b.is_ascii_digit())
}

fn check_form(rubric: &str, value: &str) -> Result<(), String> {
    let ok = match form_of(rubric) {
        Form::Date => {
            digits(value, 8)
                && value
                    .get(4..8)
                    .zip(value.get(2..4))
                    .zip(value.get(0..2))
                    .and_then(|((y, m), d)| NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
                    .is_some()
        }
        Form::Amount => {
            let unsigned = value.strip_prefix('-').unwrap_or(value);
            match unsigned.split_once('.') {
                Some((int, dec)) => !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()) && digits(dec, 2),
                None => false,
            }
        }
        Form::Siren => digits(value, 9) && luhn(value),
        Form::Nic => digits(value, 5),
        Form::Nir => {
            value.len() == 13
                && value
                    .bytes()
                    .enumerate()
                    .all(|(i, b)| b.is_ascii_digit() || ((i == 5 || i == 6) && (b == b'A' || b == b'B')))
        }
        Form::Idcc => digits(value, 4),
        Form::Digits => !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()),
        Form::Code(list) => list.contains(&value),
        Form::Text => !value.is_empty(),
    };
    if ok {
        Ok(())
    } else {
        let expected = match form_of(rubric) {
            Form::Date => "a date DDMMYYYY".to_owned(),
            Form::Amount => "an amount with a point and two decimals".to_owned(),
            Form::Siren => "a SIREN (9 digits, Luhn)".to_owned(),
            Form::Nic => "a NIC (5 digits)".to_owned(),
            Form::Nir => "a NIR of 13 characters".to_owned(),
            Form::Idcc => "an IDCC (4 digits)".to_owned(),
            Form::Digits => "digits".to_owned(),
            Form::Code(list) => format!("one of {}", list.join(", ")),
            Form::Text => "a value".to_owned(),
        };
        Err(format!("'{value}' is not {expected}"))
    }
}

/// One block as written: its id, where it starts, its rubrics' numbers.
struct Block<'t> {
    id: &'t str,
    line: usize,
    fields: Vec<&'t str>,
}

/// Checks `text` as a DSN file; the first fault found, with its line.
pub fn check(text: &str) -> Result<(), DsnError> {
    let err = |line: usize, rubric: &str, message: String| DsnError { line, rubric: rubric.to_owned(), message };
    let mut blocks: Vec<Block<'_>> = Vec::new();
    let mut count = 0usize;
    let mut total: Option<(usize, &str)> = None;
    let mut last_rank: Option<(u8, u8)> = None;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        count = n;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let (rubric, quoted) = line.split_once(',').ok_or_else(|| err(n, line, "not `rubric,'value'`".into()))?;
        let value = quoted
            .strip_prefix('\'')
            .and_then(|v| v.strip_suffix('\''))
            .ok_or_else(|| err(n, rubric, "the value is not between single quotes".into()))?;
        let parts: Vec<&str> = rubric.split('.').collect();
        let shaped = parts.len() == 4
            && parts.first().is_some_and(|p| p.starts_with('S') && p.get(1..).is_some_and(|d| digits(d, 2)))
            && parts.get(1).is_some_and(|p| p.starts_with('G') && p.get(1..).is_some_and(|d| digits(d, 2)))
            && parts.get(2).is_some_and(|p| digits(p, 2))
            && parts.get(3).is_some_and(|p| digits(p, 3));
        if !shaped {
            return Err(err(n, rubric, "not a rubric Sxx.Gxx.xx.xxx".into()));
        }
        if value.chars().count() > 512 {
            return Err(err(n, rubric, "a value has at most 512 characters".into()));
        }
        let (block_id, field) = rubric.split_at(10);
        let field = field.trim_start_matches('.');
        let rank = block_rank(block_id)
            .ok_or_else(|| err(n, rubric, format!("block {block_id} is not one the check knows")))?;
        if n == 1 && block_id != "S10.G00.00" {
            return Err(err(n, rubric, "a DSN starts with S10.G00.00 (envoi)".into()));
        }
        // A new block instance when the block changes or its rubric numbers start again.
        let new_instance = match blocks.last() {
            Some(b) => b.id != block_id || b.fields.last().is_some_and(|f| *f >= field),
            None => true,
        };
        if new_instance {
            if let Some(prev) = last_rank {
                let structure_back = rank.0 < prev.0;
                // Within a worker, blocks 40 to 81 may start again after 81 or 78 (the next
                // contract), and 30 starts the next worker; S21.G00.06 and .11 only once.
                let block_back = rank.0 == prev.0 && rank.1 < prev.1 && !(rank.0 == 2 && rank.1 >= 2);
                let same_unique = rank == prev
                    && matches!(
                        block_id,
                        "S10.G00.00" | "S10.G00.01" | "S20.G00.05" | "S21.G00.06" | "S21.G00.11" | "S90.G00.90"
                    );
                if structure_back || block_back || same_unique {
                    return Err(err(n, rubric, format!("block {block_id} is out of the cahier's order")));
                }
            }
            blocks.push(Block { id: block_id, line: n, fields: Vec::new() });
            last_rank = Some(rank);
        }
        if let Some(b) = blocks.last_mut() {
            b.fields.push(field);
        }
        check_form(rubric, value).map_err(|m| err(n, rubric, m))?;
        if rubric == "S90.G00.90.001" {
            total = Some((n, value));
        }
    }
    for b in &blocks {
        if let Some((_, mandatory)) = MANDATORY.iter().find(|(id, _)| *id == b.id) {
            if let Some(missing) = mandatory.iter().find(|m| !b.fields.contains(m)) {
                return Err(err(b.line, &format!("{}.{missing}", b.id), "a mandatory rubric is missing".into()));
            }
        }
    }
    for required in REQUIRED_BLOCKS {
        if !blocks.iter().any(|b| b.id == required) {
            return Err(err(count, required, "a mandatory block is missing".into()));
        }
    }
    // Each worker has at least one contract, payment and remuneration.
    let mut worker: Option<(usize, [bool; 3])> = None;
    let close = |w: Option<(usize, [bool; 3])>| -> Result<(), DsnError> {
        match w {
            Some((line, seen)) if seen.contains(&false) => Err(err(
                line,
                "S21.G00.30",
                "an individual needs at least one S21.G00.40, S21.G00.50 and S21.G00.51".into(),
            )),
            _ => Ok(()),
        }
    };
    for b in &blocks {
        match b.id {
            "S21.G00.30" => {
                close(worker)?;
                worker = Some((b.line, [false; 3]));
            }
            "S21.G00.40" | "S21.G00.50" | "S21.G00.51" => {
                let i = match b.id {
                    "S21.G00.40" => 0,
                    "S21.G00.50" => 1,
                    _ => 2,
                };
                match worker.as_mut() {
                    Some((_, seen)) => {
                        if let Some(s) = seen.get_mut(i) {
                            *s = true;
                        }
                    }
                    None => return Err(err(b.line, b.id, "a block of an individual before any S21.G00.30".into())),
                }
            }
            _ => {}
        }
    }
    close(worker)?;
    if blocks.last().map(|b| b.id) != Some("S90.G00.90") {
        return Err(err(count, "S90.G00.90", "a DSN ends with S90.G00.90 (total)".into()));
    }
    match total {
        Some((line, v)) if v != count.to_string() => {
            Err(err(line, "S90.G00.90.001", format!("{v} lines declared, the file has {count}")))
        }
        _ => Ok(()),
    }
}
