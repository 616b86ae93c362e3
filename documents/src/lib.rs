//! Documents people read (payslips, invoices, statements, dunning letters) as PDF/A-3b files.
//!
//! A caller describes a document as blocks (headings, paragraphs, label/value pairs,
//! side-by-side columns, tables, notes); this crate lays them out on A4 pages and writes
//! the file with krilla. Text is set in DejaVu Sans, compiled into the binary and
//! embedded as a subset of the glyphs used, so any European name prints as written
//! ("Łukasz Kılıç", "Őrsi Gábor", "Σωκράτης"). The file is PDF/A-3b: archivable, and
//! able to carry the structured XML of a hybrid e-invoice (`render_with`). The creation date
//! comes from the caller, never from the clock, so the same document gives the same bytes.
//!
//! Layout is done in integers (thousandths of a point), as the old hand-written writer
//! did; only the call into krilla turns a length into its `f32` points.
//!
//! This is a crate of its own, not a module of `partage-core`: core is the domain, and
//! a PDF engine with fonts, compression and XMP is presentation that only the node needs.
//! What the node's pages and HQ's share sits here too (HQ cannot depend on the node): the
//! CSV writer, the number and date formats of [`Locale`], the SVG [`charts`], and the Fluent
//! [`messages`] catalogues with the choice of a reader's language.

/// Bar charts as inline SVG, for the node's and HQ's pages.
pub mod charts;
/// The CSV writer every CSV of the project goes through.
pub mod csv;
mod layout;
mod locale;
/// Fluent catalogues of page strings and problem messages, and the reader's language.
pub mod messages;
mod text;
mod xmp;

pub use locale::Locale;

use chrono::{Datelike, NaiveDateTime, Timelike};
use krilla::configure::{Archival, ConfigurationBuilder, PdfVersion};
use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::text::TextDirection;
use krilla::SerializeSettings;
use layout::{Layout, Op};
use text::Face;

/// A document to render: metadata and the blocks of its body, top to bottom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// Shown by readers as the document's title.
    pub title: String,
    /// The author, e.g. the cooperative issuing the payslip.
    pub author: String,
    /// The document's language as a BCP 47 tag ("fr", "nl", "de", "en"), for readers and screen readers.
    pub language: String,
    /// The creation date, given by the caller so that rendering reads no clock; written
    /// without a UTC offset.
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
    /// Smaller text wrapped to the page width: legal mentions, the sources appendix.
    Note(String),
    /// Label and value pairs, labels in bold on the left (member, period, employer).
    KeyValues(Vec<(String, String)>),
    /// Side-by-side columns of equal width, each a list of lines whose first is bold
    /// (seller and buyer, employer and worker).
    Columns(Vec<Vec<String>>),
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

/// A file the PDF carries inside it (PDF/A-3 associated file), listed in the catalog's
/// `/AF` array with its relationship: the machine-readable twin of the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// The file's name inside the PDF.
    pub file_name: String,
    /// Its media type, written as the embedded file's `/Subtype`.
    pub media_type: String,
    /// What it is, for people (`/Desc`, which PDF/A-3 requires).
    pub description: String,
    /// How it relates to the page (`/AFRelationship`).
    pub relationship: Relationship,
    /// Its bytes.
    pub content: Vec<u8>,
    /// An XMP extension schema to declare and fill in the document's metadata.
    pub xmp: Option<XmpSchema>,
}

/// How an attachment relates to the document (`/AFRelationship`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relationship {
    /// The page shows the file's data.
    Data,
    /// The file is the same document in another form.
    Alternative,
    /// The document was made from the file.
    Source,
    /// The file adds to the document.
    Supplement,
}

/// An XMP extension schema: declared in `pdfaExtension:schemas` (PDF/A-3 clause 6.6.2.3)
/// and its Text properties written with their values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmpSchema {
    /// Namespace URI.
    pub namespace: String,
    /// Prefix.
    pub prefix: String,
    /// Name of the schema, for people.
    pub schema: String,
    /// (name, value, description) of each property.
    pub properties: Vec<(String, String, String)>,
}

/// Why a document could not be rendered.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
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
    /// The compiled-in font could not be read (a broken build).
    #[error("the embedded font cannot be read")]
    Font,
    /// krilla refused to write the file (e.g. a PDF/A rule broken).
    #[error("the PDF cannot be written: {0}")]
    Write(String),
    /// An attachment with an empty name or description, or a media type PDF cannot name.
    #[error("attachment {0}: needs a name, a description and a media type like text/xml")]
    Attachment(String),
    /// The file krilla wrote does not have the shape the metadata rewrite expects.
    #[error("cannot add the XMP extension: {0}")]
    Metadata(String),
}

/// Renders a document into the bytes of a PDF/A-3b file.
pub fn render(doc: &Document) -> Result<Vec<u8>, RenderError> {
    render_with(doc, &[])
}

/// Renders a document into a PDF/A-3b file that carries `attachments` (embedded files,
/// associated with the document, their XMP extension schemas in its metadata).
pub fn render_with(doc: &Document, attachments: &[Attachment]) -> Result<Vec<u8>, RenderError> {
    let mut layout = Layout::new()?;
    for (index, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Heading(text) => layout.heading(text)?,
            Block::Paragraph(text) => layout.paragraph(text, false)?,
            Block::Note(text) => layout.paragraph(text, true)?,
            Block::KeyValues(pairs) => layout.key_values(pairs)?,
            Block::Columns(columns) => layout.columns(columns)?,
            Block::Table { columns, rows, total } => layout.table(index, columns, rows, total.as_deref())?,
            Block::Spacer => layout.space(),
        }
    }
    let pdf = write_file(doc, &layout.finish()?, attachments)?;
    let schemas: Vec<&XmpSchema> = attachments.iter().filter_map(|a| a.xmp.as_ref()).collect();
    if schemas.is_empty() {
        return Ok(pdf);
    }
    // krilla 0.8 writes the files, their /AFRelationship and the catalog's /AF array, but
    // its XMP packet takes no custom schema: the metadata stream is rewritten in place.
    xmp::add_schemas(pdf, &schemas)
}

/// Thousandths of a point as krilla's `f32` points.
#[allow(clippy::float_arithmetic, reason = "page geometry in points, never an amount")]
fn points(value: i64) -> f32 {
    // Page coordinates stay under 10^6 thousandths, exact in an f32.
    value as f32 / 1000.0
}

fn creation_date(created: NaiveDateTime) -> DateTime {
    let small = |n: u32| u8::try_from(n).unwrap_or(0);
    DateTime::new(u16::try_from(created.year()).unwrap_or(0))
        .month(small(created.month()))
        .day(small(created.day()))
        .hour(small(created.hour()))
        .minute(small(created.minute()))
        .second(small(created.second()))
}

fn embedded(doc: &Document, attachment: &Attachment) -> Result<EmbeddedFile, RenderError> {
    let refuse = || RenderError::Attachment(attachment.file_name.clone());
    if attachment.file_name.trim().is_empty() || attachment.description.trim().is_empty() {
        return Err(refuse());
    }
    let mime_type = MimeType::new(&attachment.media_type).ok_or_else(refuse)?;
    Ok(EmbeddedFile {
        path: attachment.file_name.clone(),
        mime_type: Some(mime_type),
        description: Some(attachment.description.clone()),
        association_kind: match attachment.relationship {
            Relationship::Data => AssociationKind::Data,
            Relationship::Alternative => AssociationKind::Alternative,
            Relationship::Source => AssociationKind::Source,
            Relationship::Supplement => AssociationKind::Supplement,
        },
        data: attachment.content.clone().into(),
        modification_date: Some(creation_date(doc.created)),
        compress: Some(true),
        location: None,
    })
}

fn write_file(doc: &Document, pages: &[Vec<Op>], attachments: &[Attachment]) -> Result<Vec<u8>, RenderError> {
    let configuration = ConfigurationBuilder::new()
        .with_version(PdfVersion::Pdf17)
        .with_archival_validator(Archival::A3_B)
        .finish()
        .map_err(|e| RenderError::Write(format!("{e:?}")))?;
    let settings = SerializeSettings { configuration, ..SerializeSettings::default() };
    let mut pdf = krilla::Document::new_with(settings);
    pdf.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .authors(vec![doc.author.clone()])
            .language(doc.language.clone())
            .creator("Partage".to_owned())
            .creation_date(creation_date(doc.created)),
    );
    for attachment in attachments {
        pdf.embed_file(embedded(doc, attachment)?)
            .ok_or_else(|| RenderError::Attachment(format!("{}: twice", attachment.file_name)))?;
    }
    let regular = Face::Regular.loaded()?;
    let bold = Face::Bold.loaded()?;
    for ops in pages {
        let size = PageSettings::from_wh(points(layout::PAGE_WIDTH), points(layout::PAGE_HEIGHT))
            .ok_or(RenderError::TooLarge)?;
        let mut page = pdf.start_page_with(size);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text { face, size, x, baseline, text } => {
                    let font = match face {
                        Face::Regular => regular.pdf.clone(),
                        Face::Bold => bold.pdf.clone(),
                    };
                    // krilla's y axis points down from the top of the page.
                    let at = Point::from_xy(points(*x), points(layout::PAGE_HEIGHT - baseline));
                    surface.draw_text(at, font, points(i64::from(*size) * 1000), text, false, TextDirection::Auto);
                }
                Op::Rule { y } => {
                    let top = layout::PAGE_HEIGHT - y - layout::RULE_WIDTH / 2;
                    let rect = Rect::from_xywh(
                        points(layout::MARGIN),
                        points(top),
                        points(layout::TEXT_WIDTH),
                        points(layout::RULE_WIDTH),
                    );
                    let mut path = PathBuilder::new();
                    if let Some(rect) = rect {
                        path.push_rect(rect);
                    }
                    if let Some(path) = path.finish() {
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    pdf.finish().map_err(|e| RenderError::Write(format!("{e:?}")))
}
