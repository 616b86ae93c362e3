//! The pack's Peppol BIS Billing 3.0 documents, checked by the official offline validator.
//!
//! The validator is the repository's `validators/validate` (official artefacts vendored
//! there, see its README and PROVENANCE.tsv): UBL 2.1 XSD, then the CEN EN 16931 and
//! Peppol 3.0.21 Schematron. It needs Python's `saxonche` and `lxml`; without them these tests fail,
//! they are never skipped.

// Helpers outside `#[test]` functions panic on failure, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use partage_core::client::{ClientKind, CountryCode};
use partage_core::invoice::{DocumentKind, InvoiceDocument};
use partage_core::pack::{CountryPack, PackError};
use partage_pack_be::LegalEntityRegister;
use rust_decimal_macros::dec;
use std::path::{Path, PathBuf};
use std::process::Command;

const VALIDATOR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../validators/validate");

/// A directory of its own for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("partage-pack-be-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the validator on `files` and returns, per file name, its fatal findings as text.
fn validate(files: &[PathBuf]) -> Vec<(String, Vec<String>)> {
    assert!(
        Path::new(VALIDATOR).exists(),
        "validator not found at {VALIDATOR}: the repository's validators/ folder is missing"
    );
    let output = Command::new(VALIDATOR)
        .arg("--json")
        .arg("peppol-bis3")
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {VALIDATOR}: {e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    match output.status.code() {
        Some(0) | Some(1) => {}
        Some(3) => {
            panic!("the validator needs Python packages: pip install saxonche==13.1.1 lxml==6.1.3\n{stderr}")
        }
        other => panic!("validator exited with {other:?}\n{stderr}"),
    }
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("validator output is not JSON ({e}):\n{}", String::from_utf8_lossy(&output.stdout)));
    let text = |v: &serde_json::Value, key: &str| v.get(key).map(ToString::to_string).unwrap_or_default();
    let files = report.get("files").and_then(serde_json::Value::as_array).expect("a files array");
    files
        .iter()
        .map(|f| {
            let name = f.get("file").and_then(serde_json::Value::as_str).unwrap_or("?").to_owned();
            let findings = f.get("findings").and_then(serde_json::Value::as_array).cloned().unwrap_or_default();
            let fatal = findings
                .iter()
                .filter(|x| x.get("severity").and_then(serde_json::Value::as_str) == Some("FATAL"))
                .map(|x| format!("{} {}: {}", text(x, "rule"), text(x, "location"), text(x, "text")))
                .collect();
            (name, fatal)
        })
        .collect()
}

fn write(dir: &Path, name: &str, xml: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, xml).unwrap();
    path
}

fn render(doc: &InvoiceDocument) -> String {
    String::from_utf8(pack().e_invoice(doc).unwrap().content).unwrap()
}

fn b2b_21() -> InvoiceDocument {
    invoice(
        "2026-000001",
        &belgian_business(),
        &[
            Entry("Concert: two performances", dec!(2), "DAY", "750.00", dec!(21)),
            Entry("Sound engineer", dec!(6.5), "HUR", "45.50", dec!(21)),
        ],
        "0.00",
        "fr",
    )
}

fn mixed_6_21() -> InvoiceDocument {
    invoice(
        "2026-000002",
        &belgian_business(),
        &[
            Entry("Admission to the performance (Royal Decree no. 20, Table A)", dec!(120), "C62", "12.50", dec!(6)),
            Entry("Poster design", dec!(1), "C62", "400.00", dec!(21)),
            Entry("Stage rehearsal", dec!(3), "HUR", "0.07", dec!(21)),
        ],
        "0.00",
        "nl",
    )
}

fn reverse_charge_fr() -> InvoiceDocument {
    invoice(
        "2026-000003",
        &french_business(),
        &[Entry("Lighting design for the tour", dec!(4), "DAY", "600.00", dec!(21))],
        "0.00",
        "fr",
    )
}

fn partly_prepaid() -> InvoiceDocument {
    invoice(
        "2026-000004",
        &belgian_business(),
        &[Entry("Workshop facilitation", dec!(2), "DAY", "900.00", dec!(21))],
        "500.00",
        "en",
    )
}

fn credit_note() -> InvoiceDocument {
    document(
        DocumentKind::CreditNote { original_number: "2026-000001".into(), original_date: d(2026, 2, 16) },
        "CN2026-000001",
        &belgian_business(),
        &[Entry("Concert: two performances (cancelled)", dec!(2), "DAY", "750.00", dec!(21))],
        "0.00",
        "fr",
    )
}

fn out_of_scope_ch() -> InvoiceDocument {
    let mut doc = invoice(
        "2026-000005",
        &swiss_business(),
        &[Entry("Video editing", dec!(10), "HUR", "65.00", dec!(21))],
        "0.00",
        "en",
    );
    // No Swiss VAT scheme is derived: the client gave its GLN.
    doc.buyer.endpoint = Some(("0088".into(), "5400000000003".into()));
    doc
}

fn zero_rated_consumer() -> InvoiceDocument {
    let mut consumer = client("Jeanne Dupont", ClientKind::Consumer, "BE", None);
    consumer.email = None;
    let mut doc = invoice(
        "2026-000006",
        &consumer,
        &[Entry("Weekly newspaper subscription", dec!(1), "C62", "80.00", dec!(0))],
        "0.00",
        "fr",
    );
    // A consumer has no Peppol address: the node would not send this one, but it must
    // still be a valid document when the member gives one.
    doc.buyer.endpoint = Some(("0088".into(), "5400000000003".into()));
    doc
}

#[test]
fn every_document_passes_the_official_peppol_validator() {
    let dir = scratch("valid");
    let docs = [
        ("b2b-21.xml", b2b_21()),
        ("mixed-6-21.xml", mixed_6_21()),
        ("reverse-charge-fr.xml", reverse_charge_fr()),
        ("partly-prepaid.xml", partly_prepaid()),
        ("credit-note.xml", credit_note()),
        ("out-of-scope-ch.xml", out_of_scope_ch()),
        ("zero-rated.xml", zero_rated_consumer()),
    ];
    let mut files: Vec<PathBuf> = docs.iter().map(|(name, doc)| write(&dir, name, &render(doc))).collect();
    // The cooperative's legal form and register, when configured, go to BT-33.
    let registered = pack().with_register(LegalEntityRegister { legal_form: "SC".into(), court: "Bruxelles".into() });
    let with_register = String::from_utf8(registered.e_invoice(&b2b_21()).unwrap().content).unwrap();
    assert!(with_register.contains("<cbc:CompanyLegalForm>SC, RPM/RPR Bruxelles</cbc:CompanyLegalForm>"));
    files.push(write(&dir, "b2b-21-register.xml", &with_register));
    let results = validate(&files);
    assert_eq!(results.len(), files.len(), "one result per file: {results:?}");
    let failures: Vec<String> = results
        .iter()
        .filter(|(_, fatal)| !fatal.is_empty())
        .map(|(file, fatal)| format!("{file}:\n  {}", fatal.join("\n  ")))
        .collect();
    assert!(failures.is_empty(), "fatal findings (files kept in {}):\n{}", dir.display(), failures.join("\n"));
    if std::env::var_os("KEEP_PEPPOL_FILES").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn an_invoice_whose_number_is_emptied_fails_the_validator() {
    let dir = scratch("invalid");
    let xml = render(&b2b_21());
    let emptied = xml.replacen("<cbc:ID>2026-000001</cbc:ID>", "<cbc:ID></cbc:ID>", 1);
    assert_ne!(emptied, xml, "the number was found and emptied");
    let file = write(&dir, "no-number.xml", &emptied);
    let results = validate(&[file]);
    let fatal = &results.first().expect("one result").1;
    assert!(fatal.iter().any(|f| f.contains("BR-02") || f.contains("R008")), "expected BR-02 or R008, got {fatal:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_pack_refuses_to_render_a_document_without_number_or_buyer_reference() {
    let mut doc = b2b_21();
    doc.number = " ".into();
    assert!(matches!(pack().e_invoice(&doc), Err(PackError::Render(m)) if m.contains("BT-1")));
    let mut doc = b2b_21();
    doc.buyer_reference.clear();
    assert!(matches!(pack().e_invoice(&doc), Err(PackError::Render(m)) if m.contains("PEPPOL-EN16931-R003")));
}

#[test]
fn a_buyer_without_any_peppol_address_has_no_peppol_document() {
    let mut doc = reverse_charge_fr();
    doc.buyer.vat_number = Some("IT01234567890".into());
    doc.buyer.country = CountryCode::parse("IT").unwrap();
    match pack().e_invoice(&doc) {
        Err(PackError::NoElectronicAddress { reason, .. }) => {
            assert!(reason.contains("Compagnie du Sud SARL has no Peppol electronic address"), "{reason}")
        }
        other => panic!("expected no electronic address, got {other:?}"),
    }
}

#[test]
fn a_belgian_b2b_invoice_carries_the_enterprise_numbers_payment_and_totals() {
    let xml = render(&b2b_21());
    for expected in [
        "<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>",
        "<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>",
        "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>",
        "<cbc:DueDate>2026-04-01</cbc:DueDate>",
        "<cbc:EndpointID schemeID=\"0208\">0896755397</cbc:EndpointID>",
        "<cbc:EndpointID schemeID=\"0208\">0403170701</cbc:EndpointID>",
        "<cbc:CompanyID schemeID=\"0208\">0896755397</cbc:CompanyID>",
        "<cbc:Name>Théâtre &amp; Co &lt;Liège&gt;</cbc:Name>",
        "<cbc:PaymentMeansCode name=\"SEPA credit transfer\">58</cbc:PaymentMeansCode>",
        "<cbc:PaymentID>+++202/6000/00192+++</cbc:PaymentID>",
        "<cbc:ID>BE68539007547034</cbc:ID>",
        // 2 x 750.00 + 6.5 x 45.50 = 1795.75; VAT 21 % = 377.1075 -> 377.11.
        "<cbc:LineExtensionAmount currencyID=\"EUR\">1795.75</cbc:LineExtensionAmount>",
        "<cbc:TaxAmount currencyID=\"EUR\">377.11</cbc:TaxAmount>",
        "<cbc:TaxInclusiveAmount currencyID=\"EUR\">2172.86</cbc:TaxInclusiveAmount>",
        "<cbc:PayableAmount currencyID=\"EUR\">2172.86</cbc:PayableAmount>",
        "<cbc:InvoicedQuantity unitCode=\"HUR\">6.5</cbc:InvoicedQuantity>",
        "<cbc:PriceAmount currencyID=\"EUR\">750.00</cbc:PriceAmount>",
    ] {
        assert!(xml.contains(expected), "missing {expected} in\n{xml}");
    }
    assert!(!xml.contains("PrepaidAmount"), "no prepaid amount when nothing was paid");
    assert_eq!(xml.matches("<cbc:Note>").count(), 1, "one note (PEPPOL-EN16931-R002)");
}

#[test]
fn a_partly_prepaid_invoice_asks_only_the_rest() {
    let xml = render(&partly_prepaid());
    // 1800.00 + 21 % = 2178.00, less 500.00 paid.
    assert!(xml.contains("<cbc:PrepaidAmount currencyID=\"EUR\">500.00</cbc:PrepaidAmount>"), "{xml}");
    assert!(xml.contains("<cbc:PayableAmount currencyID=\"EUR\">1678.00</cbc:PayableAmount>"), "{xml}");
}

#[test]
fn a_credit_note_references_the_invoice_it_cancels() {
    let xml = render(&credit_note());
    assert!(xml.contains("<CreditNote xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\""));
    assert!(xml.contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"));
    assert!(xml.contains(
        "<cac:BillingReference>\n    <cac:InvoiceDocumentReference>\n      <cbc:ID>2026-000001</cbc:ID>\n      <cbc:IssueDate>2026-02-16</cbc:IssueDate>"
    ), "{xml}");
    assert!(xml.contains("<cbc:CreditedQuantity unitCode=\"DAY\">2</cbc:CreditedQuantity>"));
    assert!(!xml.contains("PaymentMeans"), "the buyer pays nothing on a credit note");
}

#[test]
fn a_reverse_charge_invoice_states_the_exemption_code_and_both_vat_numbers() {
    let xml = render(&reverse_charge_fr());
    assert!(xml.contains("<cbc:ID>AE</cbc:ID>\n        <cbc:Percent>0</cbc:Percent>"), "{xml}");
    assert!(xml.contains("<cbc:TaxExemptionReasonCode>VATEX-EU-AE</cbc:TaxExemptionReasonCode>"));
    assert!(xml.contains("art. 196 Directive 2006/112/EC"));
    assert!(xml.contains("<cbc:CompanyID>FR40303265045</cbc:CompanyID>"));
    assert!(xml.contains("<cbc:CompanyID>BE0896755397</cbc:CompanyID>"));
    assert!(xml.contains("<cbc:EndpointID schemeID=\"9957\">FR40303265045</cbc:EndpointID>"));
    assert!(xml.contains("<cbc:TaxAmount currencyID=\"EUR\">0.00</cbc:TaxAmount>"));
}

#[test]
fn an_out_of_scope_invoice_carries_no_vat_identifier() {
    let xml = render(&out_of_scope_ch());
    assert!(xml.contains("<cbc:TaxExemptionReasonCode>VATEX-EU-O</cbc:TaxExemptionReasonCode>"));
    assert!(!xml.contains("PartyTaxScheme"), "BR-O-02: {xml}");
    // The Belgian invoice still shows the supplier's VAT number, in the mentions.
    assert!(xml.contains("Supplier&apos;s VAT number: BE 0896.755.397"), "{xml}");
}
