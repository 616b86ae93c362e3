//! Progress of a long CLI job (the demo, its payroll runs) on a terminal (issue 14).
//!
//! One line on stderr, rewritten in place with `\r`, only when stderr is a terminal:
//! piped or in CI the output carries no progress at all, so logs stay what they were.
//! Updates are throttled to [`EVERY`]: a loop over 22,000 members must not spend its
//! time writing to the terminal.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// The shortest time between two updates of the line (at most ten a second).
pub const EVERY: Duration = Duration::from_millis(100);

/// One phase of a job's progress: `building demo: members 12,000/22,000`.
pub struct Progress {
    task: &'static str,
    label: String,
    total: Option<u64>,
    out: Option<Box<dyn Write + Send>>,
    shown: Option<Instant>,
    last: Option<u64>,
}

impl Progress {
    /// Progress of `label` within `task` towards `total` (None: a count without an end),
    /// drawn on stderr if it is a terminal, else nowhere.
    pub fn on_stderr(task: &'static str, label: impl Into<String>, total: Option<u64>) -> Self {
        let out: Option<Box<dyn Write + Send>> =
            std::io::stderr().is_terminal().then(|| Box::new(std::io::stderr()) as Box<dyn Write + Send>);
        Self::to(out, task, label, total)
    }

    /// Progress drawn on `out`, or nowhere when it is None (what [`Progress::on_stderr`]
    /// chooses off a terminal).
    pub fn to(
        out: Option<Box<dyn Write + Send>>,
        task: &'static str,
        label: impl Into<String>,
        total: Option<u64>,
    ) -> Self {
        Progress { task, label: label.into(), total, out, shown: None, last: None }
    }

    /// `done` items so far. Drawn if the last drawing is older than [`EVERY`], and
    /// always when `done` reaches the total, so the line ends on the true count.
    pub fn update(&mut self, done: u64) {
        let Some(out) = self.out.as_mut() else { return };
        let complete = self.total == Some(done);
        if !complete && self.shown.is_some_and(|at| at.elapsed() < EVERY) {
            return;
        }
        let _ = write!(out, "\r{}", line(self.task, &self.label, done, self.total));
        let _ = out.flush();
        self.shown = Some(Instant::now());
        self.last = Some(done);
    }

    /// Ends the phase: the line shows `done` and the next output starts below it.
    pub fn finish(mut self, done: u64) {
        if self.out.is_none() {
            return;
        }
        if self.last != Some(done) {
            self.shown = None;
            self.update(done);
        }
        if let Some(out) = self.out.as_mut() {
            let _ = writeln!(out);
        }
    }
}

/// The progress line: `building demo: members 12,000/22,000`, or without a total
/// `demo payroll 2026-03: payslips 1,500`. Padded so a shorter line covers a longer one.
pub fn line(task: &str, label: &str, done: u64, total: Option<u64>) -> String {
    let count = match total {
        Some(t) => format!("{}/{}", grouped(done), grouped(t)),
        None => grouped(done),
    };
    format!("{:<60}", format!("{task}: {label} {count}"))
}

/// `12000` as `12,000`: English grouping, as the CLI's other output.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// A writer the test reads back.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Captured {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    #[test]
    fn the_line_groups_thousands_and_shows_the_total_when_known() {
        assert_eq!(
            line("building demo", "members", 12_000, Some(22_000)).trim_end(),
            "building demo: members 12,000/22,000"
        );
        assert_eq!(
            line("demo payroll 2026-03", "payslips", 1_500, None).trim_end(),
            "demo payroll 2026-03: payslips 1,500"
        );
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn a_shorter_line_covers_the_longer_one_before_it() {
        assert!(line("t", "a", 1, Some(1)).len() >= line("t", "a", 1_000_000, Some(1_000_000)).trim_end().len());
    }

    #[test]
    fn off_a_terminal_nothing_is_drawn() {
        // Under `cargo test` and nextest stderr is captured (a pipe), as in CI.
        if !std::io::stderr().is_terminal() {
            assert!(Progress::on_stderr("building demo", "members", Some(3)).out.is_none());
        }
    }

    #[test]
    fn updates_are_throttled_but_the_last_count_is_always_drawn() {
        let out = Captured::default();
        let mut p = Progress::to(Some(Box::new(out.clone())), "building demo", "members", Some(10_000));
        for i in 1..=10_000 {
            p.update(i);
        }
        p.finish(10_000);
        let text = out.text();
        let drawn = text.matches('\r').count();
        // A loop this fast takes well under a second: the first update, then the total.
        assert!((2..=11).contains(&drawn), "{drawn} drawings: {text:?}");
        assert!(text.starts_with("\rbuilding demo: members 1/10,000"), "{text:?}");
        assert!(text.trim_end().ends_with("building demo: members 10,000/10,000"), "{text:?}");
        assert!(text.ends_with('\n'), "the next output starts on its own line");
    }

    #[test]
    fn finishing_a_count_without_total_draws_its_final_value() {
        let out = Captured::default();
        let mut p = Progress::to(Some(Box::new(out.clone())), "demo payroll 2026-03", "payslips", None);
        p.update(500);
        p.update(1_000);
        p.finish(1_200);
        let text = out.text();
        assert!(text.trim_end().ends_with("demo payroll 2026-03: payslips 1,200"), "{text:?}");
        assert_eq!(text.matches('\r').count(), 2, "1,000 came within 100 ms of 500: {text:?}");
    }
}
