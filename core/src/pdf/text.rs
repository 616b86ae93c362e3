//! Text for the PDF writer: WinAnsi (cp1252) encoding, PDF string literals,
//! Helvetica's glyph widths and line wrapping, all in integer units.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Font {
    Regular,
    Bold,
}

impl Font {
    pub(super) fn resource(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
        }
    }

    pub(super) fn widths(self) -> &'static [u16; 224] {
        match self {
            Font::Regular => &HELVETICA_WIDTHS,
            Font::Bold => &HELVETICA_BOLD_WIDTHS,
        }
    }

    /// Advance width of a WinAnsi byte in thousandths of an em (0 for control bytes).
    pub(super) fn glyph_width(self, byte: u8) -> u32 {
        byte.checked_sub(32).and_then(|i| self.widths().get(usize::from(i))).map_or(0, |w| u32::from(*w))
    }

    /// Width of WinAnsi text in thousandths of an em.
    pub(super) fn text_width(self, text: &[u8]) -> u32 {
        text.iter().map(|b| self.glyph_width(*b)).sum()
    }

    /// Width of WinAnsi text set at `size` points, in thousandths of a point.
    pub(super) fn width_at(self, size: u32, text: &[u8]) -> i64 {
        i64::from(self.text_width(text)) * i64::from(size)
    }
}

// Advance widths (WX, thousandths of an em) of WinAnsi codes 0x20..=0xFF, taken from
// Adobe's Core14 AFM files Helvetica.afm (UniqueID 43054) and Helvetica-Bold.afm
// (UniqueID 43052), version 002.000, 1997, as embedded verbatim in PDFKit's browser
// build (github.com/billcowan/pdfkit, build/pdfkit.js, commit 5f8365fa). Each code was
// matched to its glyph name by the WinAnsiEncoding table of PDF 1.7 annex D (pdf.js
// src/core/encodings.js lists it); the codes cp1252 leaves undefined (0x7F, 0x81,
// 0x8D, 0x8F, 0x90, 0x9D) take the bullet's width as that table does, and 0xA0 and
// 0xAD are space and hyphen. Cross-checked against FPDF's font/helvetica.php and
// font/helveticab.php: every value agrees.
const HELVETICA_WIDTHS: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // 0x20..=0x2f
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0x30..=0x3f
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // 0x40..=0x4f
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 0x50..=0x5f
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // 0x60..=0x6f
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 350, // 0x70..=0x7f
    556, 350, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350, // 0x80..=0x8f
    350, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 350, 500, 667, // 0x90..=0x9f
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, // 0xa0..=0xaf
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, // 0xb0..=0xbf
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, // 0xc0..=0xcf
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, // 0xd0..=0xdf
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, // 0xe0..=0xef
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500, // 0xf0..=0xff
];

const HELVETICA_BOLD_WIDTHS: [u16; 224] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // 0x20..=0x2f
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 0x30..=0x3f
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // 0x40..=0x4f
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // 0x50..=0x5f
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // 0x60..=0x6f
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 350, // 0x70..=0x7f
    556, 350, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350, // 0x80..=0x8f
    350, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 350, 500, 667, // 0x90..=0x9f
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333, // 0xa0..=0xaf
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611, // 0xb0..=0xbf
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, // 0xc0..=0xcf
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, // 0xd0..=0xdf
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278, // 0xe0..=0xef
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556, // 0xf0..=0xff
];

/// The WinAnsi (cp1252) byte for a character, with the fallbacks the module header names.
pub(super) fn winansi_byte(c: char) -> u8 {
    let code = u32::from(c);
    // cp1252 agrees with Unicode on printable ASCII and on Latin-1 from U+00A0.
    if (0x20..=0x7E).contains(&code) || (0xA0..=0xFF).contains(&code) {
        return u8::try_from(code).unwrap_or(b'?');
    }
    match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201C}' => 0x93,
        '\u{201D}' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        // Hungarian double acute, absent from cp1252: the umlaut is the nearest letter.
        'ő' => 0xF6,
        'Ő' => 0xD6,
        'ű' => 0xFC,
        'Ű' => 0xDC,
        // Number formatters put narrow or figure spaces between thousands (French);
        // the no-break space keeps an amount on one line as they do.
        '\u{202F}' | '\u{2007}' => 0xA0,
        '\u{2212}' | '\u{2011}' => b'-',
        '\t' => b' ',
        _ => b'?',
    }
}

pub(super) fn winansi(text: &str) -> Vec<u8> {
    text.chars().map(winansi_byte).collect()
}

/// A PDF literal string: ( ) \ escaped, bytes outside printable ASCII as octal
/// escapes so that content streams stay readable as text.
pub(super) fn literal(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 2);
    out.push(b'(');
    for &b in text {
        match b {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            0x20..=0x7E => out.push(b),
            _ => out.extend_from_slice(format!("\\{b:03o}").as_bytes()),
        }
    }
    out.push(b')');
    out
}

/// Lines of at most `max` thousandths of a point: breaks at spaces, cuts a word
/// longer than a line, keeps the text's own line breaks (a blank line stays blank).
pub(super) fn wrap(text: &str, font: Font, size: u32, max: i64) -> Vec<Vec<u8>> {
    let space = font.width_at(size, b" ");
    let mut lines = Vec::new();
    for source in text.lines() {
        let mut line: Vec<u8> = Vec::new();
        let mut width = 0;
        for word in winansi(source).split(|b| *b == b' ').filter(|w| !w.is_empty()) {
            let word_width = font.width_at(size, word);
            if !line.is_empty() && width + space + word_width <= max {
                line.push(b' ');
                line.extend_from_slice(word);
                width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut rest = word;
            while font.width_at(size, rest) > max {
                let (head, tail) = rest.split_at_checked(fitting_prefix(font, size, rest, max)).unwrap_or((rest, &[]));
                lines.push(head.to_vec());
                rest = tail;
            }
            line = rest.to_vec();
            width = font.width_at(size, rest);
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(Vec::new());
    }
    lines
}

/// How many leading bytes fit in `max`; at least one, so cutting always advances.
pub(super) fn fitting_prefix(font: Font, size: u32, text: &[u8], max: i64) -> usize {
    let mut width = 0;
    let mut count = 0;
    for &b in text {
        width += font.width_at(size, &[b]);
        if width > max {
            break;
        }
        count += 1;
    }
    count.max(1)
}
