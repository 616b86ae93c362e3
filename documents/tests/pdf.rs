//! The renderer's output, read back by independent tools: poppler's pdftotext, pdfinfo and
//! pdffonts (Debian package poppler-utils) and, when installed, qpdf's structure check.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use chrono::NaiveDate;
use partage_documents::{render, Align, Block, Column, Document};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROWS: usize = 120;

const LABELS: [&str; 6] = [
    "Rémunération brute",
    "Cotisation ONSS personnelle",
    "Précompte professionnel",
    "Bonus à l'emploi (réduction)",
    "Frais de déplacement forfaitaires",
    "Prime de fin d'année \\ solde",
];

/// Euro cents in the French way: "1 234,56 €", thousands split by a narrow no-break space.
fn euros(cents: u64) -> String {
    let digits: Vec<char> = (cents / 100).to_string().chars().collect();
    let groups: Vec<String> = digits.rchunks(3).rev().map(|g| g.iter().collect()).collect();
    let grouped = groups.join("\u{202F}");
    format!("{grouped},{:02} €", cents % 100)
}

fn amount(row: usize) -> u64 {
    // Spread over 0,50 € .. 49 999,99 € so that amounts have different lengths.
    (u64::try_from(row).unwrap() * 7_919_731) % 5_000_000 + 50
}

fn payslip() -> Document {
    let rows: Vec<Vec<String>> = (0..ROWS)
        .map(|i| {
            vec![
                format!("{} n°{}", LABELS[i % LABELS.len()], i + 1),
                euros(amount(i) * 3),
                "13,07 %".to_string(),
                euros(amount(i)),
            ]
        })
        .collect();
    let total: u64 = (0..ROWS).map(amount).sum();
    Document {
        title: "Fiche de paie — janvier 2025".into(),
        author: "Partage, coopérative d'activités".into(),
        language: "fr".into(),
        created: NaiveDate::from_ymd_opt(2025, 2, 3).unwrap().and_hms_opt(9, 30, 0).unwrap(),
        blocks: vec![
            Block::Heading("Fiche de paie — janvier 2025".into()),
            Block::KeyValues(vec![
                ("Membre".into(), "Zoé Lefèvre-Ångström".into()),
                ("Collègues".into(), "Łukasz Kılıç, Őrsi Gábor, Ærøskøbing, Σωκράτης, Дмитрий".into()),
                ("Période".into(), "du 1er au 31 janvier 2025".into()),
            ]),
            Block::Paragraph(
                "Dutch: bedrijfsvoorheffing en sociale zekerheidsbijdragen. Deutsch: Lohnsteuer für die Größe. \
                 Svenska: skatteavdrag för år. Magyar: személyi jövedelemadó, őszi bérpótlék, nyugdíjjárulék. \
                 Español: retención de IRPF del año. Italiano: contributi più alti. Français: brut, net à payer, \
                 maïs, Noël, hôtel, façade."
                    .into(),
            ),
            Block::Spacer,
            Block::Table {
                columns: vec![
                    Column { title: "Libellé".into(), width: 5, align: Align::Left },
                    Column { title: "Base".into(), width: 2, align: Align::Right },
                    Column { title: "Taux".into(), width: 1, align: Align::Right },
                    Column { title: "Montant".into(), width: 2, align: Align::Right },
                ],
                rows,
                total: Some(vec!["Total".into(), String::new(), String::new(), euros(total)]),
            },
            Block::Paragraph("Net à payer: voir le total ci-dessus.".into()),
        ],
    }
}

/// Runs a tool, failing with the way to install it when it is missing.
fn run(program: &str, args: &[&str], package: &str) -> Option<Output> {
    match Command::new(program).args(args).output() {
        Ok(output) => Some(output),
        Err(e) if e.kind() == ErrorKind::NotFound => {
            if package == "poppler-utils" {
                panic!("{program} is missing: apt-get install poppler-utils");
            }
            None
        }
        Err(e) => panic!("cannot run {program}: {e}"),
    }
}

/// The rendered payslip in a file of its own, removed when dropped: each run has its own
/// name, since other `cargo test` runs may share the target directory.
struct Written(PathBuf);

impl Drop for Written {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

impl std::ops::Deref for Written {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

fn written(name: &str) -> Written {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}.pdf", std::process::id()));
    std::fs::write(&path, render(&payslip()).unwrap()).unwrap();
    Written(path)
}

fn pdftotext(path: &Path) -> String {
    let output = run("pdftotext", &["-layout", "-enc", "UTF-8", path.to_str().unwrap(), "-"], "poppler-utils").unwrap();
    assert!(output.status.success(), "pdftotext: {}", String::from_utf8_lossy(&output.stderr));
    // pdftotext gives the no-break space back as U+00A0.
    String::from_utf8(output.stdout).unwrap().replace('\u{A0}', " ")
}

fn pdfinfo(path: &Path) -> String {
    let output = run("pdfinfo", &[path.to_str().unwrap()], "poppler-utils").unwrap();
    assert!(output.status.success(), "pdfinfo: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn info_field(info: &str, field: &str) -> String {
    let line =
        info.lines().find(|l| l.starts_with(&format!("{field}:"))).unwrap_or_else(|| panic!("no {field}: {info}"));
    line[field.len() + 1..].trim().to_string()
}

#[test]
fn accented_words_of_every_language_read_back_as_written() {
    // Lines are wrapped where the font's widths say: compare with the spaces collapsed.
    let text = pdftotext(&written("payslip-words")).split_whitespace().collect::<Vec<_>>().join(" ");
    for word in [
        "Rémunération brute",
        "Précompte professionnel",
        "Bonus à l'emploi (réduction)",
        "Prime de fin d'année \\ solde",
        "Zoé Lefèvre-Ångström",
        "bedrijfsvoorheffing",
        "Größe",
        "för år",
        "jövedelemadó",
        "retención",
        "più",
        "maïs, Noël, hôtel, façade",
        "€",
    ] {
        assert!(text.contains(word), "{word:?} missing from:\n{text}");
    }
    // Letters outside cp1252 (the old writer's limit) print as written.
    for name in ["őszi bérpótlék", "Łukasz Kılıç", "Őrsi Gábor", "Ærøskøbing", "Σωκράτης", "Дмитрий"]
    {
        assert!(text.contains(name), "{name:?} missing from:\n{text}");
    }
    assert!(!text.contains('?'), "an unmapped character in:\n{text}");
}

#[test]
fn amounts_end_on_the_same_column_whatever_their_length() {
    let text = pdftotext(&written("payslip-amounts"));
    let mut rows = 0;
    // pdftotext lays each page out on its own character grid: compare rows within a page.
    for page in text.split('\u{c}') {
        let lines: Vec<&str> = page.lines().filter(|l| l.contains(" n°")).collect();
        let ends: Vec<usize> = lines.iter().map(|l| l.trim_end().chars().count()).collect();
        if let (Some(min), Some(max)) = (ends.iter().min(), ends.iter().max()) {
            assert!(max - min <= 1, "row ends spread from {min} to {max}:\n{}", lines.join("\n"));
        }
        rows += lines.len();
    }
    assert_eq!(rows, ROWS, "{text}");
    let lengths: Vec<usize> = (0..ROWS).map(|i| euros(amount(i)).chars().count()).collect();
    assert!(lengths.iter().min() < lengths.iter().max(), "amounts should differ in length");
    let row_lines = text.lines().filter(|l| l.contains(" n°"));
    for (i, row) in row_lines.enumerate() {
        let expected = euros(amount(i)).replace('\u{202F}', " ");
        assert!(row.trim_end().ends_with(&expected), "row {i}: {row:?} should end with {expected:?}");
    }
    let total = euros((0..ROWS).map(amount).sum()).replace('\u{202F}', " ");
    let total_line = text.lines().find(|l| l.trim_start().starts_with("Total")).unwrap();
    assert!(total_line.trim_end().ends_with(&total), "{total_line:?}");
}

/// Words with their page, top and right edge as pdftotext -bbox prints them (text, not
/// parsed as numbers: equal strings mean equal positions to the hundredth of a point).
fn words(path: &Path) -> Vec<(usize, String, String, String)> {
    let output = run("pdftotext", &["-bbox", path.to_str().unwrap(), "-"], "poppler-utils").unwrap();
    assert!(output.status.success(), "pdftotext -bbox: {}", String::from_utf8_lossy(&output.stderr));
    let html = String::from_utf8(output.stdout).unwrap();
    let attribute = |tag: &str, name: &str| {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..start + tag[start..].find('"').unwrap()].to_string()
    };
    let mut page = 0;
    let mut found = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let (tag, text) = rest.split_once('>').unwrap();
            let text = text.strip_suffix("</word>").unwrap();
            // Widths in the file are in font units, drawn at f32 positions: edges agree
            // to the hundredth of a point.
            let x_max = attribute(tag, "xMax");
            let x_max = x_max[..x_max.find('.').unwrap() + 3].to_string();
            found.push((page, attribute(tag, "yMin"), x_max, text.to_string()));
        }
    }
    found
}

#[test]
fn right_aligned_cells_end_exactly_at_the_column_edge_for_poppler() {
    // Poppler measures the text with the widths written in the file: if the renderer
    // measured a width differently, the amounts would not end together.
    let words = words(&written("payslip-bbox"));
    let mut line_ends: Vec<(usize, String, String, bool)> = Vec::new();
    for (page, y, x_max, text) in &words {
        let is_row = text.starts_with("n°");
        match line_ends.iter_mut().find(|(p, top, _, _)| p == page && top == y) {
            Some(line) => {
                line.3 |= is_row;
                if x_max.len() > line.2.len() || (x_max.len() == line.2.len() && *x_max > line.2) {
                    line.2 = x_max.clone();
                }
            }
            None => line_ends.push((*page, y.clone(), x_max.clone(), is_row)),
        }
    }
    let row_ends: Vec<&String> = line_ends.iter().filter(|l| l.3).map(|l| &l.2).collect();
    assert_eq!(row_ends.len(), ROWS);
    // A4 width 595.276 pt, less the 20 mm (56.693 pt) margin and the 3 pt cell padding.
    let edge = "535.58";
    assert!(row_ends.iter().all(|x| *x == edge), "{row_ends:?}");
    let headers: Vec<&String> = words.iter().filter(|w| w.3 == "Montant").map(|w| &w.2).collect();
    assert!(headers.len() >= 3 && headers.iter().all(|x| *x == edge), "{headers:?}");
}

#[test]
fn every_page_is_counted_numbered_and_repeats_the_header() {
    let path = written("payslip-pages");
    let info = pdfinfo(&path);
    let pages: usize = info_field(&info, "Pages").parse().unwrap();
    // 120 rows of 12 pt cannot fit on two A4 pages with 20 mm margins (2 x 728 pt).
    assert!(pages >= 3, "{info}");
    let text = pdftotext(&path);
    let page_texts: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(page_texts.len(), pages);
    for (i, page) in page_texts.iter().enumerate() {
        assert!(page.contains("Libellé") && page.contains("Montant"), "page {} has no header:\n{page}", i + 1);
        // pdftotext closes up the spaces of the centred "n / N".
        let footer = format!("{}/{pages}", i + 1);
        let last = page.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
        assert_eq!(last.split_whitespace().collect::<String>(), footer, "page {}:\n{page}", i + 1);
    }
    assert!(page_texts.last().unwrap().contains(&format!("n°{ROWS}")));
}

#[test]
fn info_names_title_author_date_and_a4() {
    let info = pdfinfo(&written("payslip-info"));
    assert_eq!(info_field(&info, "Title"), "Fiche de paie — janvier 2025");
    assert_eq!(info_field(&info, "Author"), "Partage, coopérative d'activités");
    assert_eq!(info_field(&info, "PDF version"), "1.7");
    assert!(info_field(&info, "Page size").contains("(A4)"), "{info}");
    let created = info_field(&info, "CreationDate");
    assert!(created.contains("2025") && created.contains("09:30:00"), "{created}");
}

#[test]
fn qpdf_finds_no_structural_error() {
    let path = written("payslip-qpdf");
    let Some(output) = run("qpdf", &["--check", path.to_str().unwrap()], "qpdf") else {
        println!("qpdf is not installed (apt-get install qpdf): structure check skipped");
        return;
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "qpdf --check failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("No syntax or stream encoding errors found"), "{stdout}");
}

/// Every character with a WinAnsi code, except the spaces and the soft hyphen that
/// pdftotext does not report as words.
fn winansi_characters() -> Vec<char> {
    let c1 = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ\u{2018}\u{2019}\u{201C}\u{201D}•–—˜™š›œžŸ";
    ('!'..='~').chain('¡'..='ÿ').filter(|c| *c != '\u{AD}').chain(c1.chars()).collect()
}

#[test]
fn every_glyph_width_agrees_with_poppler() {
    // One right-aligned cell per character: it ends at the column edge only if the
    // renderer's width for that glyph is poppler's. Rows are regular, headers bold.
    let chars = winansi_characters();
    assert_eq!(chars.len(), 94 + 94 + 27);
    let column = |title: &str| vec![Column { title: title.into(), width: 1, align: Align::Right }];
    let mut blocks = vec![Block::Table {
        columns: column("Edge"),
        rows: chars.iter().map(|c| vec![c.to_string()]).collect(),
        total: None,
    }];
    blocks.extend(chars.iter().map(|c| Block::Table { columns: column(&c.to_string()), rows: vec![], total: None }));
    let doc = Document {
        title: "Widths".into(),
        author: "Partage".into(),
        language: "en".into(),
        created: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap(),
        blocks,
    };
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("widths-{}.pdf", std::process::id()));
    std::fs::write(&path, render(&doc).unwrap()).unwrap();
    let file = Written(path);
    let words = words(&file);
    // A4 width 595.276 pt, less the 20 mm (56.693 pt) margin and the 3 pt cell padding.
    let edge = "535.58";
    // The footer "n / N" is each page's lowest line: its words are not in the column.
    let lowest = |page: usize| {
        words.iter().filter(|w| w.0 == page).map(|w| (w.1.len(), w.1.as_str())).max().map(|(_, y)| y.to_string())
    };
    let body: Vec<&(usize, String, String, String)> =
        words.iter().filter(|w| Some(&w.1) != lowest(w.0).as_ref()).collect();
    let off: Vec<&&(usize, String, String, String)> = body.iter().filter(|w| w.2 != edge).collect();
    assert!(off.is_empty(), "glyphs whose width differs from poppler's: {off:?}");
    let seen: String = body.iter().map(|w| w.3.as_str()).collect();
    for c in &chars {
        let escaped = match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&apos;".to_string(),
            _ => c.to_string(),
        };
        assert!(seen.contains(&escaped), "{c:?} not found by pdftotext");
    }
    assert!(body.len() >= 2 * chars.len(), "{} words for {} characters", body.len(), chars.len());
}

#[test]
fn every_font_is_embedded_as_a_subset() {
    let path = written("payslip-fonts");
    let output = run("pdffonts", &[path.to_str().unwrap()], "poppler-utils").unwrap();
    assert!(output.status.success(), "pdffonts: {}", String::from_utf8_lossy(&output.stderr));
    let listing = String::from_utf8(output.stdout).unwrap();
    // Two header lines, then one line per font: name type encoding emb sub uni object id.
    let fonts: Vec<&str> = listing.lines().skip(2).collect();
    assert!(fonts.len() >= 2, "{listing}");
    for font in fonts {
        let columns: Vec<&str> = font.split_whitespace().collect();
        let n = columns.len();
        assert!(font.contains("DejaVuSans"), "{font}");
        assert_eq!(&columns[n - 5..n - 2], ["yes", "yes", "yes"], "emb, sub, uni: {font}");
    }
}

#[test]
fn the_file_declares_pdf_a_3b() {
    let bytes = render(&payslip()).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("<pdfaid:part>3</pdfaid:part>"), "no PDF/A part in the XMP");
    assert!(text.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "no PDF/A conformance in the XMP");
}

#[test]
fn same_document_gives_same_bytes() {
    assert_eq!(render(&payslip()).unwrap(), render(&payslip()).unwrap());
}

#[test]
fn rows_with_the_wrong_number_of_cells_are_refused() {
    let bad = Block::Table {
        columns: vec![Column { title: "A".into(), width: 1, align: Align::Left }],
        rows: vec![vec!["x".into()], vec!["y".into(), "z".into()]],
        total: None,
    };
    let mut doc = payslip();
    doc.blocks = vec![Block::Spacer, bad];
    let err = render(&doc).unwrap_err();
    assert_eq!(err, partage_documents::RenderError::RowLength { block: 1, row: Some(1), expected: 1, found: 2 });
}

#[test]
fn tables_without_width_are_refused() {
    let bad = Block::Table {
        columns: vec![Column { title: "A".into(), width: 0, align: Align::Left }],
        rows: vec![],
        total: None,
    };
    let mut doc = payslip();
    doc.blocks = vec![bad];
    assert_eq!(render(&doc).unwrap_err(), partage_documents::RenderError::NoColumns { block: 0 });
}
