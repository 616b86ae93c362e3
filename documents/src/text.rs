//! Text for the renderer: the embedded fonts, widths as the shaper sets them, and line wrapping.
//!
//! Widths come from rustybuzz, the shaper krilla draws text with, so a right-aligned
//! amount ends where it was measured to end (kerning included). Lengths are integers in
//! thousandths of a point, like the layout.

use crate::RenderError;
use std::sync::OnceLock;

/// DejaVu Sans 2.37 (fonts/PROVENANCE.md): Latin, Greek and Cyrillic.
static REGULAR_BYTES: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold 2.37.
static BOLD_BYTES: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// The two faces a document uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Face {
    /// Body text and cells.
    Regular,
    /// Headings, labels, table headers and totals.
    Bold,
}

/// A face parsed once: krilla's handle (for drawing) and the shaper's (for measuring).
pub(crate) struct Loaded {
    pub(crate) pdf: krilla::text::Font,
    shaper: rustybuzz::Face<'static>,
    units_per_em: i64,
}

fn load(bytes: &'static [u8]) -> Option<Loaded> {
    let shaper = rustybuzz::Face::from_slice(bytes, 0)?;
    let units_per_em = i64::from(shaper.units_per_em());
    let pdf = krilla::text::Font::new(bytes.into(), 0)?;
    Some(Loaded { pdf, shaper, units_per_em })
}

static REGULAR: OnceLock<Option<Loaded>> = OnceLock::new();
static BOLD: OnceLock<Option<Loaded>> = OnceLock::new();

impl Face {
    /// The face, parsed on first use; an error only if the compiled-in file were unreadable.
    pub(crate) fn loaded(self) -> Result<&'static Loaded, RenderError> {
        let slot = match self {
            Face::Regular => REGULAR.get_or_init(|| load(REGULAR_BYTES)),
            Face::Bold => BOLD.get_or_init(|| load(BOLD_BYTES)),
        };
        slot.as_ref().ok_or(RenderError::Font)
    }
}

impl Loaded {
    /// Width of `text` set at `size` points, in thousandths of a point.
    pub(crate) fn width_at(&self, size: u32, text: &str) -> i64 {
        if text.is_empty() {
            return 0;
        }
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let shaped = rustybuzz::shape(&self.shaper, &[], buffer);
        let units: i64 = shaped.glyph_positions().iter().map(|p| i64::from(p.x_advance)).sum();
        units * i64::from(size) * 1000 / self.units_per_em
    }

    /// `text` cut into lines no wider than `max` (thousandths of a point) at spaces; a
    /// line break in the text starts a new line, a word wider than a line is cut.
    pub(crate) fn wrap(&self, text: &str, size: u32, max: i64) -> Vec<String> {
        let mut lines = Vec::new();
        for source in text.lines() {
            let mut line = String::new();
            for word in source.split(' ').filter(|w| !w.is_empty()) {
                if !line.is_empty() {
                    let longer = format!("{line} {word}");
                    if self.width_at(size, &longer) <= max {
                        line = longer;
                        continue;
                    }
                    lines.push(std::mem::take(&mut line));
                }
                let mut rest = word;
                while self.width_at(size, rest) > max {
                    let (head, tail) = rest.split_at(self.fitting_prefix(size, rest, max));
                    lines.push(head.to_owned());
                    rest = tail;
                }
                line = rest.to_owned();
            }
            lines.push(line);
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
    }

    /// How many leading bytes of `text` fit in `max`, on a character boundary; at least
    /// one character, so cutting always advances.
    fn fitting_prefix(&self, size: u32, text: &str, max: i64) -> usize {
        let mut fit = None;
        for (at, c) in text.char_indices() {
            let end = at + c.len_utf8();
            if fit.is_some() && self.width_at(size, text.get(..end).unwrap_or(text)) > max {
                break;
            }
            fit = Some(end);
        }
        fit.unwrap_or(text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_font_and_the_size() {
        let regular = Face::Regular.loaded().unwrap();
        let bold = Face::Bold.loaded().unwrap();
        // DejaVu Sans: 2048 units per em; "0" advances 1303 units (regular), 1425 (bold).
        assert_eq!(regular.width_at(10, "0"), 1303 * 10 * 1000 / 2048);
        assert!(bold.width_at(10, "000") > regular.width_at(10, "000"));
        assert!((regular.width_at(20, "00") - 2 * regular.width_at(10, "00")).abs() <= 1);
    }

    #[test]
    fn wrapped_lines_fit_the_width_and_keep_every_word() {
        let font = Face::Regular.loaded().unwrap();
        let text = "Cotisations sociales personnelles retenues sur la rémunération brute de Łukasz Kılıç";
        let lines = font.wrap(text, 10, 100_000);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(font.width_at(10, line) <= 100_000, "{line}");
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_between_characters() {
        let font = Face::Regular.loaded().unwrap();
        let lines = font.wrap("Arbeidsongeschiktheidsverzekeringőőő", 10, 50_000);
        assert!(lines.len() >= 3);
        assert_eq!(lines.concat(), "Arbeidsongeschiktheidsverzekeringőőő");
        assert!(lines.iter().all(|l| font.width_at(10, l) <= 50_000));
    }

    #[test]
    fn line_breaks_in_the_text_start_new_lines() {
        let font = Face::Regular.loaded().unwrap();
        assert_eq!(font.wrap("Rue Haute 1\n1000 Bruxelles", 10, 400_000), vec!["Rue Haute 1", "1000 Bruxelles"]);
        assert_eq!(font.wrap("", 10, 400_000), vec![String::new()]);
    }
}
