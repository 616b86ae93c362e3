//! A document carrying an attached file (PDF/A-3 associated file) and an XMP extension
//! schema, read back by qpdf (structure, the attachment's bytes, `/AF` and
//! `/AFRelationship`) and by the raw metadata stream.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use chrono::NaiveDate;
use partage_documents::{render_with, Attachment, Block, Document, Relationship, XmpSchema};
use std::path::{Path, PathBuf};
use std::process::Command;

const XML: &str = "<?xml version=\"1.0\"?>\n<invoice>Société Générale &amp; fils</invoice>\n";

fn document() -> Document {
    Document {
        title: "Invoice 2026-000001".into(),
        author: "Coopérative".into(),
        language: "fr".into(),
        created: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap().and_hms_opt(12, 0, 0).unwrap(),
        blocks: vec![Block::Heading("Facture 2026-000001".into()), Block::Paragraph("Montant dû : 120,00 €".into())],
    }
}

fn attachment(relationship: Relationship) -> Attachment {
    Attachment {
        file_name: "invoice.xml".into(),
        media_type: "text/xml".into(),
        description: "The invoice as structured data".into(),
        relationship,
        content: XML.as_bytes().to_vec(),
        xmp: Some(XmpSchema {
            namespace: "urn:example:invoice#".into(),
            prefix: "inv".into(),
            schema: "Example invoice schema".into(),
            properties: vec![
                ("DocumentFileName".into(), "invoice.xml".into(), "name of the embedded file".into()),
                ("Version".into(), "1.0".into(), "version <of> the schema".into()),
            ],
        }),
    }
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}.pdf", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn qpdf(args: &[&str]) -> String {
    let output = Command::new("qpdf").args(args).output().expect("qpdf is needed: apt-get install qpdf");
    assert!(output.status.success(), "qpdf {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_attachment_reads_back_byte_for_byte_and_qpdf_finds_no_error() {
    let pdf = render_with(&document(), &[attachment(Relationship::Alternative)]).unwrap();
    let path = write("attachment-qpdf", &pdf);
    let p = path.to_str().unwrap();
    assert!(qpdf(&["--check", p]).contains("No syntax or stream encoding errors found"));
    assert!(qpdf(&["--list-attachments", p]).contains("invoice.xml"));
    assert_eq!(qpdf(&["--show-attachment=invoice.xml", p]), XML);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn the_catalog_lists_the_file_in_af_with_its_relationship() {
    for (relationship, name) in [(Relationship::Alternative, "/Alternative"), (Relationship::Data, "/Data")] {
        let pdf = render_with(&document(), &[attachment(relationship)]).unwrap();
        let path = write(&format!("attachment-af{name}").replace('/', "-"), &pdf);
        let json = qpdf(&["--json", "--json-key=qpdf", path.to_str().unwrap()]);
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        let objects = doc["qpdf"][1].as_object().unwrap();
        let catalog = objects.values().find(|o| o["value"]["/Type"] == "/Catalog").expect("a catalog");
        let af = catalog["value"]["/AF"].as_array().expect("an /AF array in the catalog");
        assert_eq!(af.len(), 1);
        let spec_key = format!("obj:{}", af[0].as_str().unwrap());
        let spec = &objects[&spec_key]["value"];
        assert_eq!(spec["/AFRelationship"], name);
        assert_eq!(spec["/F"], "u:invoice.xml");
        let _ = std::fs::remove_file(&path);
    }
}

#[test]
fn the_metadata_declares_the_extension_schema_and_holds_its_values() {
    let pdf = render_with(&document(), &[attachment(Relationship::Alternative)]).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    let start = text.find("<?xpacket begin").unwrap();
    let packet = &text[start..text[start..].find("<?xpacket end").unwrap() + start];
    assert_eq!(packet.matches("<pdfaExtension:schemas>").count(), 1, "{packet}");
    assert!(packet.contains("<pdfaSchema:namespaceURI>urn:example:invoice#</pdfaSchema:namespaceURI>"), "{packet}");
    assert!(packet.contains("<pdfaProperty:name>DocumentFileName</pdfaProperty:name>"), "{packet}");
    assert!(packet.contains("version &lt;of&gt; the schema"), "{packet}");
    assert!(packet.contains("<inv:DocumentFileName>invoice.xml</inv:DocumentFileName>"), "{packet}");
    assert!(packet.contains("<inv:Version>1.0</inv:Version>"), "{packet}");
    assert!(packet.contains("pdfaid:part"), "krilla's PDF/A identification is kept: {packet}");
}

#[test]
fn a_document_without_attachment_gives_the_same_bytes_as_before() {
    assert_eq!(render_with(&document(), &[]).unwrap(), partage_documents::render(&document()).unwrap());
}

#[test]
fn an_attachment_without_description_is_refused() {
    let mut a = attachment(Relationship::Data);
    a.description = " ".into();
    assert!(render_with(&document(), &[a]).is_err());
}
