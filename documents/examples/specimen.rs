//! Writes a specimen document to the path given (default `specimen.pdf`), to look at the
//! layout and the names of every script: `cargo run -p partage-documents --example specimen`.

use chrono::NaiveDate;
use partage_documents::{render, Align, Block, Column, Document};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "specimen.pdf".to_owned());
    let created = NaiveDate::from_ymd_opt(2026, 12, 4).and_then(|d| d.and_hms_opt(12, 0, 0)).unwrap_or_default();
    let doc = Document {
        title: "Spécimen".into(),
        author: "Partage".into(),
        language: "fr".into(),
        created,
        blocks: vec![
            Block::Heading("Spécimen — Łukasz Kılıç".into()),
            Block::Columns(vec![
                vec!["Employeur".into(), "Coopérative Partage SCRL".into(), "Rue Haute 1\n1000 Bruxelles".into()],
                vec!["Travailleur".into(), "Őrsi Gábor".into(), "Ærøskøbing 5\n5970 Ærøskøbing".into()],
            ]),
            Block::KeyValues(vec![
                ("Membre".into(), "Σωκράτης Παπαδόπουλος".into()),
                ("Période".into(), "décembre 2026".into()),
            ]),
            Block::Table {
                columns: vec![
                    Column { title: "Libellé".into(), width: 5, align: Align::Left },
                    Column { title: "Montant".into(), width: 2, align: Align::Right },
                ],
                rows: vec![vec!["Rémunération brute [1]".into(), "2 327,87 €".into()]],
                total: Some(vec!["Net".into(), "1 700,00 €".into()]),
            },
            Block::Note(
                "[1] Loi du 12 avril 1965 concernant la protection de la rémunération des travailleurs.".into(),
            ),
        ],
    };
    std::fs::write(&path, render(&doc)?)?;
    Ok(())
}
