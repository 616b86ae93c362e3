//! A small PDF 1.4 writer for text documents: payslips and statements in the member's language.
//!
//! Pages are A4. Text is set in Helvetica and Helvetica-Bold, two of the standard 14
//! fonts every PDF reader has, so nothing is embedded. They are addressed through
//! WinAnsiEncoding (Windows code page 1252), which covers French, Dutch, English,
//! German, Italian, Spanish and Swedish. Hungarian ő, Ő, ű and Ű are not in it: they
//! are written ö, Ö, ü and Ü, the nearest letters a Hungarian reader still recognises.
//! Any other character outside cp1252 is written `?`. Streams are not compressed, so
//! a file can be read in a text editor, and the same document always gives the same
//! bytes: the creation date comes from the document, never from the clock.
//!
//! Lengths are integers in thousandths of a point and glyph widths in thousandths of
//! an em, so layout never goes through floating point.

mod text;

use chrono::NaiveDateTime;
use std::fmt::Write as _;
#[cfg(test)]
use text::winansi_byte;
use text::{literal, winansi, wrap, Font};

/// A document to render: metadata and the blocks of its body, top to bottom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// Shown by readers as the document's title (the /Info Title).
    pub title: String,
    /// The /Info Author, e.g. the cooperative issuing the payslip.
    pub author: String,
    /// The /Info CreationDate, given by the caller so that rendering reads no clock;
    /// written as given, without a UTC offset (readers may show it as UTC).
    pub created: NaiveDateTime,
    /// The body, laid out top to bottom, flowing onto new pages as needed.
    pub blocks: Vec<Block>,
}

/// A part of a document's body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A bold title; it moves to the next page rather than end one.
    Heading(String),
    /// Text wrapped to the page width; a line break in the text starts a new line.
    Paragraph(String),
    /// Label and value pairs, labels in bold on the left (member, period, employer).
    KeyValues(Vec<(String, String)>),
    /// Rows under a header repeated on every page, with an optional bold total row.
    Table {
        /// The columns, left to right.
        columns: Vec<Column>,
        /// The cells of each row, one per column; long cells wrap inside their column.
        rows: Vec<Vec<String>>,
        /// The total row, one cell per column, under a rule.
        total: Option<Vec<String>>,
    },
    /// One blank line.
    Spacer,
}

/// A table column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// The header text.
    pub title: String,
    /// Relative width: the column gets `width / sum of widths` of the text width.
    pub width: u32,
    /// How the header and the cells sit in the column.
    pub align: Align,
}

/// Horizontal alignment in a table column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Text starts at the column's left edge.
    Left,
    /// Text ends at the column's right edge, so amounts line up on their last digit.
    Right,
}

/// Why a document could not be rendered.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// A table has no column, or all its widths are zero.
    #[error("block {block}: a table needs at least one column with a width above zero")]
    NoColumns {
        /// Index of the table in `Document::blocks`.
        block: usize,
    },
    /// A row (or the total, `row` = None) does not have one cell per column.
    #[error("block {block}, row {row:?}: {found} cells for {expected} columns")]
    RowLength {
        /// Index of the table in `Document::blocks`.
        block: usize,
        /// Index of the row in `rows`; None for the total row.
        row: Option<usize>,
        /// The number of columns.
        expected: usize,
        /// The number of cells found.
        found: usize,
    },
    /// A count or length went past what the integer layout can hold.
    #[error("document too large to lay out")]
    TooLarge,
}

// A4 (210 x 297 mm) and its margins, in thousandths of a point (1 mm = 2834.6).
const PAGE_WIDTH: i64 = 595_276;
const PAGE_HEIGHT: i64 = 841_890;
const MARGIN: i64 = 56_693; // 20 mm
const TEXT_WIDTH: i64 = PAGE_WIDTH - 2 * MARGIN;
const TOP: i64 = PAGE_HEIGHT - MARGIN;
const BOTTOM: i64 = MARGIN;
const FOOTER_BASELINE: i64 = 28_346; // 10 mm

const BODY_SIZE: u32 = 10;
const BODY_LEADING: i64 = 13_000;
const HEADING_SIZE: u32 = 14;
const HEADING_LEADING: i64 = 18_000;
const HEADING_SPACE_BEFORE: i64 = 8_000;
const TABLE_SIZE: u32 = 9;
const TABLE_LEADING: i64 = 12_000;
const CELL_PADDING: i64 = 3_000;
const RULE_SPACE: i64 = 4_000;
const BLOCK_GAP: i64 = 6_000;
const FOOTER_SIZE: u32 = 9;
// The baseline sits 0.8 em under the top of its line, about Helvetica's ascender (718).
const ASCENT_PER_POINT: i64 = 800;
// A label takes at most this share of the width, in thousandths, in key-value blocks.
const KEY_SHARE: i64 = 400;

/// Renders a document into the bytes of a PDF file.
pub fn render(doc: &Document) -> Result<Vec<u8>, PdfError> {
    let mut layout = Layout::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Heading(text) => layout.heading(text)?,
            Block::Paragraph(text) => layout.paragraph(text),
            Block::KeyValues(pairs) => layout.key_values(pairs)?,
            Block::Table { columns, rows, total } => layout.table(index, columns, rows, total.as_deref())?,
            Block::Spacer => layout.y -= BODY_LEADING,
        }
    }
    let pages = layout.finish();
    Ok(write_file(doc, &pages))
}

fn count(n: usize) -> Result<i64, PdfError> {
    i64::try_from(n).map_err(|_| PdfError::TooLarge)
}

/// Thousandths of a point as a PDF number: "56.693", "595.276", "12".
fn pt(value: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.unsigned_abs();
    let (whole, frac) = (abs / 1000, abs % 1000);
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{}", format!("{frac:03}").trim_end_matches('0'))
    }
}

/// Pages being filled, and the cursor: the top of the next line on the current page.
struct Layout {
    done: Vec<Vec<u8>>,
    page: Vec<u8>,
    y: i64,
}

/// A table's geometry: each column's left edge, width and alignment.
struct Grid {
    columns: Vec<(i64, i64, Align)>,
}

impl Grid {
    fn new(block: usize, columns: &[Column]) -> Result<Grid, PdfError> {
        let total =
            columns.iter().try_fold(0_i64, |sum, c| sum.checked_add(i64::from(c.width))).ok_or(PdfError::TooLarge)?;
        if total == 0 {
            return Err(PdfError::NoColumns { block });
        }
        let mut x = MARGIN;
        let mut used = 0_i64;
        let mut cells = Vec::with_capacity(columns.len());
        for (i, c) in columns.iter().enumerate() {
            used += i64::from(c.width);
            // Inner edges are rounded down; the last column takes what is left, so the
            // table always ends exactly at the right margin.
            let right = if i + 1 == columns.len() { MARGIN + TEXT_WIDTH } else { MARGIN + TEXT_WIDTH * used / total };
            cells.push((x, right - x, c.align));
            x = right;
        }
        Ok(Grid { columns: cells })
    }

    /// Each cell wrapped inside its column, less the padding on both sides.
    fn wrap_row(&self, cells: &[String], font: Font) -> Vec<Vec<Vec<u8>>> {
        self.columns
            .iter()
            .zip(cells)
            .map(|((_, width, _), text)| wrap(text, font, TABLE_SIZE, (width - 2 * CELL_PADDING).max(0)))
            .collect()
    }
}

fn row_height(cells: &[Vec<Vec<u8>>]) -> Result<i64, PdfError> {
    Ok(count(cells.iter().map(Vec::len).max().unwrap_or(1))? * TABLE_LEADING)
}

fn check_row(block: usize, row: Option<usize>, cells: &[String], columns: &[Column]) -> Result<(), PdfError> {
    if cells.len() == columns.len() {
        Ok(())
    } else {
        Err(PdfError::RowLength { block, row, expected: columns.len(), found: cells.len() })
    }
}

impl Layout {
    fn new() -> Layout {
        Layout { done: Vec::new(), page: Vec::new(), y: TOP }
    }

    fn new_page(&mut self) {
        self.done.push(std::mem::take(&mut self.page));
        self.y = TOP;
    }

    fn at_top(&self) -> bool {
        self.y == TOP
    }

    /// Starts a new page unless `height` fits under the cursor. On a fresh page the
    /// content is placed even if too tall: a row taller than a page overflows the
    /// bottom margin rather than loop for ever.
    fn make_room(&mut self, height: i64) -> bool {
        if self.y - height < BOTTOM && !self.at_top() {
            self.new_page();
            true
        } else {
            false
        }
    }

    fn text(&mut self, font: Font, size: u32, x: i64, baseline: i64, text: &[u8]) {
        if text.is_empty() {
            return;
        }
        let start = format!("BT /{} {size} Tf {} {} Td ", font.resource(), pt(x), pt(baseline));
        self.page.extend_from_slice(start.as_bytes());
        self.page.extend_from_slice(&literal(text));
        self.page.extend_from_slice(b" Tj ET\n");
    }

    fn rule(&mut self, y: i64) {
        let line = format!("0.5 w {} {} m {} {} l S\n", pt(MARGIN), pt(y), pt(MARGIN + TEXT_WIDTH), pt(y));
        self.page.extend_from_slice(line.as_bytes());
    }

    /// One line of text at the cursor, on a new page if it does not fit.
    fn line(&mut self, font: Font, size: u32, leading: i64, x: i64, text: &[u8]) {
        self.make_room(leading);
        self.text(font, size, x, self.y - i64::from(size) * ASCENT_PER_POINT, text);
        self.y -= leading;
    }

    fn heading(&mut self, text: &str) -> Result<(), PdfError> {
        let lines = wrap(text, Font::Bold, HEADING_SIZE, TEXT_WIDTH);
        let before = if self.at_top() { 0 } else { HEADING_SPACE_BEFORE };
        // A heading keeps two lines of what follows with it.
        if !self.make_room(before + count(lines.len())? * HEADING_LEADING + 2 * BODY_LEADING) {
            self.y -= before;
        }
        for line in &lines {
            self.line(Font::Bold, HEADING_SIZE, HEADING_LEADING, MARGIN, line);
        }
        self.y -= BLOCK_GAP / 2;
        Ok(())
    }

    fn paragraph(&mut self, text: &str) {
        for line in wrap(text, Font::Regular, BODY_SIZE, TEXT_WIDTH) {
            self.line(Font::Regular, BODY_SIZE, BODY_LEADING, MARGIN, &line);
        }
        self.y -= BLOCK_GAP;
    }

    fn key_values(&mut self, pairs: &[(String, String)]) -> Result<(), PdfError> {
        let key_width = TEXT_WIDTH * KEY_SHARE / 1000;
        for (key, value) in pairs {
            let keys = wrap(key, Font::Bold, BODY_SIZE, key_width - CELL_PADDING);
            let values = wrap(value, Font::Regular, BODY_SIZE, TEXT_WIDTH - key_width);
            self.make_room(count(keys.len().max(values.len()))? * BODY_LEADING);
            let top = self.y;
            self.place_lines(Font::Bold, BODY_SIZE, BODY_LEADING, MARGIN, &keys);
            let after_keys = self.y;
            self.y = top;
            self.place_lines(Font::Regular, BODY_SIZE, BODY_LEADING, MARGIN + key_width, &values);
            self.y = self.y.min(after_keys);
        }
        self.y -= BLOCK_GAP;
        Ok(())
    }

    /// Lines under each other from the cursor, without page breaks (the caller made room).
    fn place_lines(&mut self, font: Font, size: u32, leading: i64, x: i64, lines: &[Vec<u8>]) {
        for line in lines {
            self.text(font, size, x, self.y - i64::from(size) * ASCENT_PER_POINT, line);
            self.y -= leading;
        }
    }

    /// One table row at the cursor, each cell aligned in its column.
    fn place_row(&mut self, grid: &Grid, cells: &[Vec<Vec<u8>>], font: Font) -> Result<(), PdfError> {
        let top = self.y;
        for ((x, width, align), lines) in grid.columns.iter().zip(cells) {
            for (i, line) in lines.iter().enumerate() {
                let left = match align {
                    Align::Left => x + CELL_PADDING,
                    Align::Right => x + width - CELL_PADDING - font.width_at(TABLE_SIZE, line),
                };
                let baseline = top - i64::from(TABLE_SIZE) * ASCENT_PER_POINT - count(i)? * TABLE_LEADING;
                self.text(font, TABLE_SIZE, left, baseline, line);
            }
        }
        self.y = top - row_height(cells)?;
        Ok(())
    }

    fn place_header(&mut self, grid: &Grid, header: &[Vec<Vec<u8>>]) -> Result<(), PdfError> {
        self.place_row(grid, header, Font::Bold)?;
        self.rule(self.y - RULE_SPACE / 2);
        self.y -= RULE_SPACE;
        Ok(())
    }

    fn table(
        &mut self,
        block: usize,
        columns: &[Column],
        rows: &[Vec<String>],
        total: Option<&[String]>,
    ) -> Result<(), PdfError> {
        for (i, row) in rows.iter().enumerate() {
            check_row(block, Some(i), row, columns)?;
        }
        if let Some(total) = total {
            check_row(block, None, total, columns)?;
        }
        let grid = Grid::new(block, columns)?;
        let titles: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
        let header = grid.wrap_row(&titles, Font::Bold);
        let header_height = row_height(&header)? + RULE_SPACE;
        // The header never ends a page alone: it goes down with the first row.
        let first = match rows.first() {
            Some(row) => row_height(&grid.wrap_row(row, Font::Regular))?,
            None => 0,
        };
        self.make_room(header_height + first);
        self.place_header(&grid, &header)?;
        for row in rows {
            let cells = grid.wrap_row(row, Font::Regular);
            if self.make_room(row_height(&cells)?) {
                self.place_header(&grid, &header)?;
            }
            self.place_row(&grid, &cells, Font::Regular)?;
        }
        if let Some(total) = total {
            let cells = grid.wrap_row(total, Font::Bold);
            if self.make_room(RULE_SPACE + row_height(&cells)?) {
                self.place_header(&grid, &header)?;
            }
            self.rule(self.y - RULE_SPACE / 2);
            self.y -= RULE_SPACE;
            self.place_row(&grid, &cells, Font::Bold)?;
        }
        self.y -= BLOCK_GAP;
        Ok(())
    }

    /// The content stream of every page, each with its "n / N" footer.
    fn finish(mut self) -> Vec<Vec<u8>> {
        self.done.push(std::mem::take(&mut self.page));
        let total = self.done.len();
        let mut pages = Vec::with_capacity(total);
        for (i, mut content) in self.done.into_iter().enumerate() {
            let footer = winansi(&format!("{} / {total}", i + 1));
            let x = (PAGE_WIDTH - Font::Regular.width_at(FOOTER_SIZE, &footer)) / 2;
            let start =
                format!("BT /{} {FOOTER_SIZE} Tf {} {} Td ", Font::Regular.resource(), pt(x), pt(FOOTER_BASELINE));
            content.extend_from_slice(start.as_bytes());
            content.extend_from_slice(&literal(&footer));
            content.extend_from_slice(b" Tj ET\n");
            pages.push(content);
        }
        pages
    }
}

/// A PDF text string in UTF-16BE with its byte order mark, so /Info keeps any letter.
fn utf16_hex(text: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in text.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.push('>');
    out
}

/// The file: header, objects, cross-reference table with the byte offset of each
/// object, trailer. Objects: 1 catalog, 2 page tree, 3 and 4 fonts, 5 info, then
/// each page followed by its content stream.
fn write_file(doc: &Document, pages: &[Vec<u8>]) -> Vec<u8> {
    const FIRST_PAGE: usize = 6;
    let page_object = |i: usize| FIRST_PAGE + 2 * i;
    let kids: Vec<String> = (0..pages.len()).map(|i| format!("{} 0 R", page_object(i))).collect();

    // The comment's bytes above 127 tell transfer tools the file is binary.
    let mut file = File { out: b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec(), offsets: Vec::new() };
    file.object(b"<< /Type /Catalog /Pages 2 0 R >>");
    file.object(format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), pages.len()).as_bytes());
    for name in ["Helvetica", "Helvetica-Bold"] {
        file.object(
            format!("<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding /WinAnsiEncoding >>").as_bytes(),
        );
    }
    let info = format!(
        "<< /Title {} /Author {} /Producer (Partage) /CreationDate ({}) >>",
        utf16_hex(&doc.title),
        utf16_hex(&doc.author),
        doc.created.format("D:%Y%m%d%H%M%S"),
    );
    file.object(info.as_bytes());
    for (i, content) in pages.iter().enumerate() {
        let page = format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> \
             /Contents {} 0 R >>",
            pt(PAGE_WIDTH),
            pt(PAGE_HEIGHT),
            page_object(i) + 1,
        );
        file.object(page.as_bytes());
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(content);
        stream.extend_from_slice(b"\nendstream");
        file.object(&stream);
    }
    file.finish()
}

/// The bytes written so far and the offset of each object, object 1 first.
struct File {
    out: Vec<u8>,
    offsets: Vec<usize>,
}

impl File {
    fn object(&mut self, body: &[u8]) {
        self.offsets.push(self.out.len());
        self.out.extend_from_slice(format!("{} 0 obj\n", self.offsets.len()).as_bytes());
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    fn finish(mut self) -> Vec<u8> {
        let xref = self.out.len();
        let size = self.offsets.len() + 1;
        let mut table = format!("xref\n0 {size}\n0000000000 65535 f \n");
        for offset in &self.offsets {
            // Each entry is exactly 20 bytes, the space before the newline included.
            let _ = writeln!(table, "{offset:010} 00000 n ");
        }
        let _ = write!(table, "trailer\n<< /Size {size} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        self.out.extend_from_slice(table.as_bytes());
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn created() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 1, 31).unwrap().and_hms_opt(14, 5, 9).unwrap()
    }

    fn doc(blocks: Vec<Block>) -> Document {
        Document { title: "Fiche de paie — janvier".into(), author: "Partage".into(), created: created(), blocks }
    }

    fn table(rows: usize) -> Block {
        Block::Table {
            columns: vec![
                Column { title: "Libellé".into(), width: 3, align: Align::Left },
                Column { title: "Montant".into(), width: 1, align: Align::Right },
            ],
            rows: (0..rows).map(|i| vec![format!("Ligne {i}"), format!("{i},00 €")]).collect(),
            total: Some(vec!["Total".into(), "0,00 €".into()]),
        }
    }

    fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        haystack.windows(needle.len()).position(|w| w == needle)
    }

    fn count_of(haystack: &[u8], needle: &[u8]) -> usize {
        haystack.windows(needle.len()).filter(|w| *w == needle).count()
    }

    #[test]
    fn literal_strings_escape_parentheses_and_backslash() {
        assert_eq!(literal(b"a(b)c\\d"), b"(a\\(b\\)c\\\\d)".to_vec());
    }

    #[test]
    fn literal_strings_write_high_bytes_as_octal() {
        assert_eq!(literal(&winansi("é €")), b"(\\351 \\200)".to_vec());
    }

    #[test]
    fn accents_and_euro_map_to_their_cp1252_bytes() {
        let pairs = [
            ('€', 0x80),
            ('é', 0xE9),
            ('è', 0xE8),
            ('ê', 0xEA),
            ('à', 0xE0),
            ('ç', 0xE7),
            ('ë', 0xEB),
            ('ï', 0xEF),
            ('ô', 0xF4),
            ('ö', 0xF6),
            ('ü', 0xFC),
            ('ß', 0xDF),
            ('å', 0xE5),
            ('ä', 0xE4),
            ('õ', 0xF5),
            ('ñ', 0xF1),
            ('Š', 0x8A),
            ('\u{2019}', 0x92),
            ('–', 0x96),
            ('A', b'A'),
        ];
        for (c, byte) in pairs {
            assert_eq!(winansi_byte(c), byte, "{c}");
        }
    }

    #[test]
    fn hungarian_double_acute_falls_back_to_umlaut() {
        assert_eq!(winansi("őŐűŰ"), vec![0xF6, 0xD6, 0xFC, 0xDC]);
    }

    #[test]
    fn characters_outside_cp1252_become_question_marks() {
        assert_eq!(winansi("ł✓日\u{1F600}\n"), b"?????".to_vec());
    }

    #[test]
    fn narrow_no_break_space_becomes_a_no_break_space() {
        assert_eq!(winansi("1\u{202F}234"), vec![b'1', 0xA0, b'2', b'3', b'4']);
    }

    #[test]
    fn helvetica_widths_match_the_afm() {
        // H 722 + e 556 + l 222 + v 500 + e 556 + t 278 + i 222 + c 500 + a 556.
        assert_eq!(Font::Regular.text_width(b"Helvetica"), 4112);
        // Bold: H 722 + e 556 + l 278 + v 556 + e 556 + t 333 + i 278 + c 556 + a 556.
        assert_eq!(Font::Bold.text_width(b"Helvetica"), 4391);
        // Six digits 556, no-break space, comma and space 278 each, euro 556.
        assert_eq!(Font::Regular.text_width(&winansi("1\u{A0}234,50 €")), 556 * 6 + 278 * 2 + 278 + 556);
        assert_eq!(Font::Regular.width_at(10, &winansi("é")), 5_560);
    }

    #[test]
    fn wrapped_lines_fit_the_width_and_keep_every_word() {
        let text = "Cotisations sociales personnelles retenues sur la rémunération brute du mois";
        let lines = wrap(text, Font::Regular, 10, 100_000);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(Font::Regular.width_at(10, line) <= 100_000);
        }
        assert_eq!(lines.join(&b' '), winansi(text));
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let lines = wrap("Arbeidsongeschiktheidsverzekering", Font::Regular, 10, 50_000);
        assert!(lines.len() >= 3);
        assert_eq!(lines.concat(), b"Arbeidsongeschiktheidsverzekering".to_vec());
        assert!(lines.iter().all(|l| Font::Regular.width_at(10, l) <= 50_000));
    }

    #[test]
    fn numbers_print_in_points_without_floats() {
        assert_eq!(pt(56_693), "56.693");
        assert_eq!(pt(841_890), "841.89");
        assert_eq!(pt(12_000), "12");
        assert_eq!(pt(-1_500), "-1.5");
    }

    #[test]
    fn xref_offsets_point_at_their_objects() {
        let pdf = render(&doc(vec![Block::Heading("Décompte".into()), table(150)])).unwrap();
        let xref = find(&pdf, b"\nxref\n").unwrap() + 1;
        let startxref = find(&pdf, b"startxref\n").unwrap() + b"startxref\n".len();
        let end = startxref + find(&pdf[startxref..], b"\n").unwrap();
        assert_eq!(std::str::from_utf8(&pdf[startxref..end]).unwrap(), xref.to_string());
        let table = std::str::from_utf8(&pdf[xref..]).unwrap();
        let mut lines = table.lines();
        assert_eq!(lines.next(), Some("xref"));
        let size: usize = lines.next().unwrap().strip_prefix("0 ").unwrap().parse().unwrap();
        assert_eq!(lines.next(), Some("0000000000 65535 f "));
        for n in 1..size {
            let entry = lines.next().unwrap();
            assert_eq!(entry.len(), 19, "{entry:?}");
            let offset: usize = entry[..10].parse().unwrap();
            let header = format!("{n} 0 obj\n");
            assert!(pdf[offset..].starts_with(header.as_bytes()), "object {n} at {offset}");
        }
        assert!(table.contains(&format!("/Size {size} ")));
    }

    #[test]
    fn stream_lengths_match_their_content() {
        let pdf = render(&doc(vec![table(10)])).unwrap();
        let at = find(&pdf, b"/Length ").unwrap() + b"/Length ".len();
        let digits = pdf[at..].iter().take_while(|b| b.is_ascii_digit()).count();
        let length: usize = std::str::from_utf8(&pdf[at..at + digits]).unwrap().parse().unwrap();
        let start = at + find(&pdf[at..], b"stream\n").unwrap() + b"stream\n".len();
        assert!(pdf[start + length..].starts_with(b"\nendstream"));
    }

    #[test]
    fn same_document_gives_same_bytes() {
        let d = doc(vec![Block::Paragraph("Net à payer".into()), table(80)]);
        assert_eq!(render(&d).unwrap(), render(&d).unwrap());
    }

    #[test]
    fn info_carries_title_author_and_the_given_date() {
        let pdf = render(&doc(vec![])).unwrap();
        assert!(find(&pdf, b"/CreationDate (D:20250131140509)").is_some());
        // "Fi" in UTF-16BE after the byte order mark; the em dash is kept as U+2014.
        assert!(find(&pdf, b"/Title <FEFF00460069").is_some());
        assert!(find(&pdf, b"2014").is_some());
        assert!(find(&pdf, b"/Author <FEFF0050").is_some());
        assert!(find(&pdf, b"/Encoding /WinAnsiEncoding").is_some());
    }

    #[test]
    fn long_tables_flow_onto_pages_repeating_the_header() {
        let pdf = render(&doc(vec![table(150)])).unwrap();
        let pages = count_of(&pdf, b"/Type /Page ");
        assert!(pages >= 3, "{pages} pages");
        assert_eq!(count_of(&pdf, b"(Libell\\351)"), pages);
        assert!(find(&pdf, format!("({pages} / {pages})").as_bytes()).is_some());
        assert!(find(&pdf, b"(Ligne 149)").is_some());
    }

    #[test]
    fn right_aligned_cells_end_at_the_column_edge() {
        let pdf = render(&doc(vec![table(3)])).unwrap();
        let grid = Grid::new(
            0,
            &[
                Column { title: String::new(), width: 3, align: Align::Left },
                Column { title: String::new(), width: 1, align: Align::Right },
            ],
        )
        .unwrap();
        let (x, width, _) = grid.columns[1];
        let amount = winansi("2,00 €");
        let left = x + width - CELL_PADDING - Font::Regular.width_at(TABLE_SIZE, &amount);
        let at = find(&pdf, &literal(&amount)).unwrap();
        let op_start = pdf[..at].windows(3).rposition(|w| w == b"BT ").unwrap();
        let op = std::str::from_utf8(&pdf[op_start..at]).unwrap();
        assert!(op.starts_with(&format!("BT /F1 9 Tf {} ", pt(left))), "{op}");
        assert_eq!(x + width, MARGIN + TEXT_WIDTH);
    }

    #[test]
    fn rows_with_the_wrong_number_of_cells_are_refused() {
        let bad = Block::Table {
            columns: vec![Column { title: "A".into(), width: 1, align: Align::Left }],
            rows: vec![vec!["x".into()], vec!["y".into(), "z".into()]],
            total: None,
        };
        let err = render(&doc(vec![Block::Spacer, bad])).unwrap_err();
        assert_eq!(err, PdfError::RowLength { block: 1, row: Some(1), expected: 1, found: 2 });
    }

    #[test]
    fn tables_without_width_are_refused() {
        let bad = Block::Table {
            columns: vec![Column { title: "A".into(), width: 0, align: Align::Left }],
            rows: vec![],
            total: None,
        };
        assert_eq!(render(&doc(vec![bad])).unwrap_err(), PdfError::NoColumns { block: 0 });
    }

    #[test]
    fn an_empty_document_is_one_numbered_page() {
        let pdf = render(&doc(vec![])).unwrap();
        assert_eq!(count_of(&pdf, b"/Type /Page "), 1);
        assert!(find(&pdf, b"(1 / 1)").is_some());
        assert!(pdf.starts_with(b"%PDF-1.4\n"));
        assert!(pdf.ends_with(b"%%EOF\n"));
    }
}
