//! Page layout in integers: blocks placed top to bottom on A4 pages, as drawing operations.
//!
//! Lengths are thousandths of a point, with y measured up from the bottom of the page
//! as in PDF; `write_file` turns them into krilla's points.

use crate::text::{Face, Loaded};
use crate::{Align, Column, RenderError};

// A4 (210 x 297 mm) and its margins, in thousandths of a point (1 mm = 2834.6).
pub(crate) const PAGE_WIDTH: i64 = 595_276;
pub(crate) const PAGE_HEIGHT: i64 = 841_890;
pub(crate) const MARGIN: i64 = 56_693; // 20 mm
pub(crate) const TEXT_WIDTH: i64 = PAGE_WIDTH - 2 * MARGIN;
pub(crate) const RULE_WIDTH: i64 = 500;
const TOP: i64 = PAGE_HEIGHT - MARGIN;
const BOTTOM: i64 = MARGIN;
const FOOTER_BASELINE: i64 = 28_346; // 10 mm

const BODY_SIZE: u32 = 10;
const BODY_LEADING: i64 = 13_000;
const NOTE_SIZE: u32 = 8;
const NOTE_LEADING: i64 = 10_000;
const HEADING_SIZE: u32 = 14;
const HEADING_LEADING: i64 = 18_000;
const HEADING_SPACE_BEFORE: i64 = 8_000;
const TABLE_SIZE: u32 = 9;
const TABLE_LEADING: i64 = 12_000;
const CELL_PADDING: i64 = 3_000;
const RULE_SPACE: i64 = 4_000;
const BLOCK_GAP: i64 = 6_000;
const FOOTER_SIZE: u32 = 8;
const COLUMN_GAP: i64 = 14_173; // 5 mm
                                // The baseline sits 0.8 em under the top of its line, about DejaVu Sans's ascender (0.76 em).
const ASCENT_PER_POINT: i64 = 800;
// A label takes at most this share of the width, in thousandths, in key-value blocks.
const KEY_SHARE: i64 = 350;

/// A drawing operation on a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    /// A line of text starting at `x`, on `baseline`.
    Text {
        /// Regular or bold.
        face: Face,
        /// In points.
        size: u32,
        /// Left edge.
        x: i64,
        /// Baseline, up from the bottom of the page.
        baseline: i64,
        /// What is written.
        text: String,
    },
    /// A thin rule across the text width, centred on `y`.
    Rule {
        /// Up from the bottom of the page.
        y: i64,
    },
}

fn count(n: usize) -> Result<i64, RenderError> {
    i64::try_from(n).map_err(|_| RenderError::TooLarge)
}

/// A table's geometry: each column's left edge, width and alignment.
pub(crate) struct Grid {
    pub(crate) columns: Vec<(i64, i64, Align)>,
}

impl Grid {
    pub(crate) fn new(block: usize, columns: &[Column]) -> Result<Grid, RenderError> {
        let total = columns
            .iter()
            .try_fold(0_i64, |sum, c| sum.checked_add(i64::from(c.width)))
            .ok_or(RenderError::TooLarge)?;
        if total == 0 {
            return Err(RenderError::NoColumns { block });
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
    fn wrap_row(&self, cells: &[String], font: &Loaded) -> Vec<Vec<String>> {
        self.columns
            .iter()
            .zip(cells)
            .map(|((_, width, _), text)| font.wrap(text, TABLE_SIZE, (width - 2 * CELL_PADDING).max(0)))
            .collect()
    }
}

fn row_height(cells: &[Vec<String>]) -> Result<i64, RenderError> {
    Ok(count(cells.iter().map(Vec::len).max().unwrap_or(1))? * TABLE_LEADING)
}

fn check_row(block: usize, row: Option<usize>, cells: &[String], columns: &[Column]) -> Result<(), RenderError> {
    if cells.len() == columns.len() {
        Ok(())
    } else {
        Err(RenderError::RowLength { block, row, expected: columns.len(), found: cells.len() })
    }
}

/// Pages being filled, and the cursor: the top of the next line on the current page.
pub(crate) struct Layout {
    done: Vec<Vec<Op>>,
    page: Vec<Op>,
    y: i64,
    regular: &'static Loaded,
    bold: &'static Loaded,
}

impl Layout {
    pub(crate) fn new() -> Result<Layout, RenderError> {
        Ok(Layout {
            done: Vec::new(),
            page: Vec::new(),
            y: TOP,
            regular: Face::Regular.loaded()?,
            bold: Face::Bold.loaded()?,
        })
    }

    fn font(&self, face: Face) -> &'static Loaded {
        match face {
            Face::Regular => self.regular,
            Face::Bold => self.bold,
        }
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

    fn text(&mut self, face: Face, size: u32, x: i64, baseline: i64, text: &str) {
        if !text.is_empty() {
            self.page.push(Op::Text { face, size, x, baseline, text: text.to_owned() });
        }
    }

    fn rule(&mut self, y: i64) {
        self.page.push(Op::Rule { y });
    }

    /// One blank line.
    pub(crate) fn space(&mut self) {
        self.y -= BODY_LEADING;
    }

    /// One line of text at the cursor, on a new page if it does not fit.
    fn line(&mut self, face: Face, size: u32, leading: i64, x: i64, text: &str) {
        self.make_room(leading);
        self.text(face, size, x, self.y - i64::from(size) * ASCENT_PER_POINT, text);
        self.y -= leading;
    }

    pub(crate) fn heading(&mut self, text: &str) -> Result<(), RenderError> {
        let lines = self.bold.wrap(text, HEADING_SIZE, TEXT_WIDTH);
        let before = if self.at_top() { 0 } else { HEADING_SPACE_BEFORE };
        // A heading keeps two lines of what follows with it.
        if !self.make_room(before + count(lines.len())? * HEADING_LEADING + 2 * BODY_LEADING) {
            self.y -= before;
        }
        for line in &lines {
            self.line(Face::Bold, HEADING_SIZE, HEADING_LEADING, MARGIN, line);
        }
        self.y -= BLOCK_GAP / 2;
        Ok(())
    }

    pub(crate) fn paragraph(&mut self, text: &str, note: bool) -> Result<(), RenderError> {
        let (size, leading, gap) =
            if note { (NOTE_SIZE, NOTE_LEADING, BLOCK_GAP / 2) } else { (BODY_SIZE, BODY_LEADING, BLOCK_GAP) };
        for line in self.regular.wrap(text, size, TEXT_WIDTH) {
            self.line(Face::Regular, size, leading, MARGIN, &line);
        }
        self.y -= gap;
        Ok(())
    }

    pub(crate) fn key_values(&mut self, pairs: &[(String, String)]) -> Result<(), RenderError> {
        let key_width = TEXT_WIDTH * KEY_SHARE / 1000;
        for (key, value) in pairs {
            let keys = self.bold.wrap(key, BODY_SIZE, key_width - CELL_PADDING);
            let values = self.regular.wrap(value, BODY_SIZE, TEXT_WIDTH - key_width);
            self.make_room(count(keys.len().max(values.len()))? * BODY_LEADING);
            let top = self.y;
            self.place_lines(Face::Bold, BODY_SIZE, BODY_LEADING, MARGIN, &keys);
            let after_keys = self.y;
            self.y = top;
            self.place_lines(Face::Regular, BODY_SIZE, BODY_LEADING, MARGIN + key_width, &values);
            self.y = self.y.min(after_keys);
        }
        self.y -= BLOCK_GAP;
        Ok(())
    }

    pub(crate) fn columns(&mut self, columns: &[Vec<String>]) -> Result<(), RenderError> {
        let n = count(columns.len())?;
        if n == 0 {
            return Ok(());
        }
        let width = (TEXT_WIDTH - (n - 1) * COLUMN_GAP) / n;
        let wrapped: Vec<Vec<(Face, String)>> = columns
            .iter()
            .map(|lines| {
                lines
                    .iter()
                    .enumerate()
                    .flat_map(|(i, line)| {
                        let face = if i == 0 { Face::Bold } else { Face::Regular };
                        self.font(face).wrap(line, BODY_SIZE, width).into_iter().map(move |l| (face, l))
                    })
                    .collect()
            })
            .collect();
        let tallest = count(wrapped.iter().map(Vec::len).max().unwrap_or(0))?;
        self.make_room(tallest * BODY_LEADING);
        let top = self.y;
        let mut x = MARGIN;
        for lines in &wrapped {
            let mut y = top;
            for (face, line) in lines {
                self.text(*face, BODY_SIZE, x, y - i64::from(BODY_SIZE) * ASCENT_PER_POINT, line);
                y -= BODY_LEADING;
            }
            x += width + COLUMN_GAP;
        }
        self.y = top - tallest * BODY_LEADING - BLOCK_GAP;
        Ok(())
    }

    /// Lines under each other from the cursor, without page breaks (the caller made room).
    fn place_lines(&mut self, face: Face, size: u32, leading: i64, x: i64, lines: &[String]) {
        for line in lines {
            self.text(face, size, x, self.y - i64::from(size) * ASCENT_PER_POINT, line);
            self.y -= leading;
        }
    }

    /// One table row at the cursor, each cell aligned in its column.
    fn place_row(&mut self, grid: &Grid, cells: &[Vec<String>], face: Face) -> Result<(), RenderError> {
        let top = self.y;
        let font = self.font(face);
        for ((x, width, align), lines) in grid.columns.iter().zip(cells) {
            for (i, line) in lines.iter().enumerate() {
                let left = match align {
                    Align::Left => x + CELL_PADDING,
                    Align::Right => x + width - CELL_PADDING - font.width_at(TABLE_SIZE, line),
                };
                let baseline = top - i64::from(TABLE_SIZE) * ASCENT_PER_POINT - count(i)? * TABLE_LEADING;
                self.text(face, TABLE_SIZE, left, baseline, line);
            }
        }
        self.y = top - row_height(cells)?;
        Ok(())
    }

    fn place_header(&mut self, grid: &Grid, header: &[Vec<String>]) -> Result<(), RenderError> {
        self.place_row(grid, header, Face::Bold)?;
        self.rule(self.y - RULE_SPACE / 2);
        self.y -= RULE_SPACE;
        Ok(())
    }

    pub(crate) fn table(
        &mut self,
        block: usize,
        columns: &[Column],
        rows: &[Vec<String>],
        total: Option<&[String]>,
    ) -> Result<(), RenderError> {
        for (i, row) in rows.iter().enumerate() {
            check_row(block, Some(i), row, columns)?;
        }
        if let Some(total) = total {
            check_row(block, None, total, columns)?;
        }
        let grid = Grid::new(block, columns)?;
        let titles: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
        let header = grid.wrap_row(&titles, self.bold);
        // A table whose columns have no title (a block of totals) has no header.
        let titled = titles.iter().any(|t| !t.is_empty());
        let header_height = if titled { row_height(&header)? + RULE_SPACE } else { 0 };
        // The header never ends a page alone: it goes down with the first row.
        let first = match rows.first() {
            Some(row) => row_height(&grid.wrap_row(row, self.regular))?,
            None => 0,
        };
        self.make_room(header_height + first);
        if titled {
            self.place_header(&grid, &header)?;
        }
        for row in rows {
            let cells = grid.wrap_row(row, self.regular);
            if self.make_room(row_height(&cells)?) && titled {
                self.place_header(&grid, &header)?;
            }
            self.place_row(&grid, &cells, Face::Regular)?;
        }
        if let Some(total) = total {
            let cells = grid.wrap_row(total, self.bold);
            if self.make_room(RULE_SPACE + row_height(&cells)?) && titled {
                self.place_header(&grid, &header)?;
            }
            self.rule(self.y - RULE_SPACE / 2);
            self.y -= RULE_SPACE;
            self.place_row(&grid, &cells, Face::Bold)?;
        }
        self.y -= BLOCK_GAP;
        Ok(())
    }

    /// The operations of every page, each with its "n / N" footer.
    pub(crate) fn finish(mut self) -> Result<Vec<Vec<Op>>, RenderError> {
        self.done.push(std::mem::take(&mut self.page));
        let total = self.done.len();
        let mut pages = Vec::with_capacity(total);
        for (i, mut ops) in std::mem::take(&mut self.done).into_iter().enumerate() {
            let footer = format!("{} / {total}", i + 1);
            let x = (PAGE_WIDTH - self.regular.width_at(FOOTER_SIZE, &footer)) / 2;
            ops.push(Op::Text { face: Face::Regular, size: FOOTER_SIZE, x, baseline: FOOTER_BASELINE, text: footer });
            pages.push(ops);
        }
        Ok(pages)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_columns() -> Vec<Column> {
        vec![
            Column { title: "Libellé".into(), width: 3, align: Align::Left },
            Column { title: "Montant".into(), width: 1, align: Align::Right },
        ]
    }

    fn texts(pages: &[Vec<Op>]) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for (n, page) in pages.iter().enumerate() {
            for op in page {
                if let Op::Text { text, .. } = op {
                    out.push((n, text.clone()));
                }
            }
        }
        out
    }

    #[test]
    fn right_aligned_cells_end_at_the_column_edge() {
        let mut layout = Layout::new().unwrap();
        let rows = vec![vec!["Ligne".to_owned(), "2 327,87 €".to_owned()]];
        layout.table(0, &two_columns(), &rows, None).unwrap();
        let pages = layout.finish().unwrap();
        let grid = Grid::new(0, &two_columns()).unwrap();
        let (x, width, _) = grid.columns[1];
        let font = Face::Regular.loaded().unwrap();
        let placed = pages[0]
            .iter()
            .find_map(|op| match op {
                Op::Text { x, text, .. } if text == "2 327,87 €" => Some(*x),
                _ => None,
            })
            .unwrap();
        assert_eq!(placed + font.width_at(TABLE_SIZE, "2 327,87 €"), x + width - CELL_PADDING);
        assert_eq!(x + width, MARGIN + TEXT_WIDTH);
    }

    #[test]
    fn long_tables_flow_onto_pages_repeating_the_header() {
        let mut layout = Layout::new().unwrap();
        let rows: Vec<Vec<String>> = (0..150).map(|i| vec![format!("Ligne {i}"), format!("{i},00 €")]).collect();
        layout.table(0, &two_columns(), &rows, None).unwrap();
        let pages = layout.finish().unwrap();
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let all = texts(&pages);
        for n in 0..pages.len() {
            assert!(all.contains(&(n, "Libellé".to_owned())), "header on page {n}");
            assert!(all.contains(&(n, format!("{} / {}", n + 1, pages.len()))));
        }
        assert!(all.iter().any(|(_, t)| t == "Ligne 149"));
    }

    #[test]
    fn nothing_is_placed_under_the_bottom_margin() {
        let mut layout = Layout::new().unwrap();
        for i in 0..80 {
            layout.paragraph(&format!("Paragraphe {i} assez long pour tenir sur une ligne."), i % 2 == 0).unwrap();
        }
        for page in layout.finish().unwrap() {
            for op in page {
                if let Op::Text { baseline, size, .. } = op {
                    assert!(baseline >= BOTTOM - 3_000 || size == FOOTER_SIZE, "{baseline}");
                }
            }
        }
    }
}
