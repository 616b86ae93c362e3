//! SEPA wage payment files: every generated file is validated with `xmllint` against the EPC
//! schema for `pain.001.001.09` vendored in `tests/sepa/` (source in PROVENANCE.md there),
//! and the values a bank reconciles (NbOfTxs, CtrlSum) are asserted, not only the shape.
//!
//! `xmllint` comes from libxml2-utils; `scripts/test` installs it. Without it these tests fail.

// Helpers outside `#[test]` functions panic on failure, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::{NaiveDate, NaiveDateTime};
use partage_core::bank::{Bic, Iban, IbanError};
use partage_core::sepa::{pain_001, CreditTransfer, CreditTransferBatch, Field, Party, SepaError};
use partage_core::{Currency, Money};
use rust_decimal_macros::dec;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const SCHEMA: &str = "tests/sepa/EPC132-08_2025_V1.0_pain.001.001.09.xsd";

fn schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(SCHEMA)
}

/// Runs `xmllint --noout --schema <EPC xsd> -` on the document; Err carries xmllint's report.
fn xmllint(xml: &str) -> Result<(), String> {
    let mut child = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema_path())
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xmllint is needed to validate SEPA files: install libxml2-utils (scripts/test does)");
    child.stdin.take().expect("stdin is piped").write_all(xml.as_bytes()).expect("xmllint reads the document");
    let output = child.wait_with_output().expect("xmllint runs");
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

fn assert_valid(xml: &str) {
    if let Err(report) = xmllint(xml) {
        panic!("the EPC schema refuses the file:\n{report}\n{xml}");
    }
}

fn eur(amount: rust_decimal::Decimal) -> Money {
    Money::new(amount, Currency::EUR).unwrap()
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").unwrap()
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn transfer(id: &str, name: &str, iban: &str, amount: Money) -> CreditTransfer {
    CreditTransfer {
        end_to_end_id: id.into(),
        creditor_name: name.into(),
        creditor_iban: Iban::parse(iban).unwrap(),
        creditor_bic: None,
        amount,
        remittance: format!("Salaire net 2026-11 {id}"),
    }
}

/// A cooperative in Brussels paying three members; IBANs are SWIFT IBAN Registry examples.
fn payroll() -> CreditTransferBatch {
    CreditTransferBatch {
        message_id: "PARTAGE-2026-11-001".into(),
        created_at: at("2026-11-23T09:30:00"),
        debtor: Party {
            name: "Coopérative Partage SCRL".into(),
            iban: Iban::parse("BE71 0961 2345 6769").unwrap(),
            bic: Some(Bic::parse("GKCCBEBB").unwrap()),
        },
        requested_execution_date: date("2026-11-25"),
        transfers: vec![
            CreditTransfer {
                creditor_bic: Some(Bic::parse("DEUTDEFF").unwrap()),
                ..transfer("PAY-2026-11-M001", "Hélène Müller", "DE89 3704 0044 0532 0130 00", eur(dec!(2145.37)))
            },
            transfer("PAY-2026-11-M002", "François O'Brien", "FR14 2004 1010 0505 0001 3M02 606", eur(dec!(1830.10))),
            transfer("PAY-2026-11-M003", "Jan Janssens", "NL91 ABNA 0417 1643 00", eur(dec!(0.53))),
        ],
    }
}

/// The text of the first `<tag>` element.
fn first<'a>(xml: &'a str, tag: &str) -> &'a str {
    let open = format!("<{tag}>");
    let start = xml.find(&open).map(|i| i + open.len()).unwrap_or_else(|| panic!("no <{tag}> in\n{xml}"));
    let end = xml[start..].find('<').unwrap();
    &xml[start..start + end]
}

fn values<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}>");
    xml.match_indices(&open)
        .map(|(i, _)| {
            let start = i + open.len();
            &xml[start..start + xml[start..].find('<').unwrap()]
        })
        .collect()
}

#[test]
fn a_payroll_batch_is_valid_against_the_epc_schema() {
    assert_valid(&pain_001(&payroll()).unwrap());
}

#[test]
fn header_and_payment_block_count_the_transfers_and_sum_them_exactly() {
    let xml = pain_001(&payroll()).unwrap();
    // GrpHdr then PmtInf: both carry the same count and sum.
    assert_eq!(values(&xml, "NbOfTxs"), ["3", "3"]);
    assert_eq!(values(&xml, "CtrlSum"), ["3976.00", "3976.00"]);
    assert_eq!(xml.matches("<CdtTrfTxInf>").count(), 3);
}

#[test]
fn control_sum_has_no_floating_point_error() {
    // 0.1 + 0.2 is 0.30000000000000004 in f64; ten times 0.10 is 0.9999999999999999.
    let mut batch = payroll();
    batch.transfers = (1..=10)
        .map(|i| transfer(&format!("T{i}"), "Jan Janssens", "NL91ABNA0417164300", eur(dec!(0.10))))
        .chain([transfer("T11", "Jan Janssens", "NL91ABNA0417164300", eur(dec!(0.20)))])
        .collect();
    let xml = pain_001(&batch).unwrap();
    assert_eq!(values(&xml, "CtrlSum"), ["1.20", "1.20"]);
    assert_eq!(values(&xml, "NbOfTxs"), ["11", "11"]);
    assert_valid(&xml);
}

#[test]
fn largest_and_smallest_sepa_amounts_are_accepted() {
    let mut batch = payroll();
    batch.transfers = vec![
        transfer("MAX", "Jan Janssens", "NL91ABNA0417164300", eur(dec!(999999999.99))),
        transfer("MIN", "Jan Janssens", "NL91ABNA0417164300", eur(dec!(0.01))),
    ];
    let xml = pain_001(&batch).unwrap();
    assert_eq!(values(&xml, "InstdAmt Ccy=\"EUR\""), ["999999999.99", "0.01"]);
    assert_eq!(first(&xml, "CtrlSum"), "1000000000.00");
    assert_valid(&xml);
}

#[test]
fn salaries_carry_category_purpose_and_purpose_sala() {
    let xml = pain_001(&payroll()).unwrap();
    assert!(xml.contains("<CtgyPurp>\n          <Cd>SALA</Cd>"), "{xml}");
    assert_eq!(xml.matches("<Purp>\n          <Cd>SALA</Cd>").count(), 3, "{xml}");
    assert_eq!(first(&xml, "ChrgBr"), "SLEV");
    assert_eq!(first(&xml, "PmtMtd"), "TRF");
    assert_eq!(first(&xml, "BtchBookg"), "true");
}

#[test]
fn names_are_transliterated_and_apostrophes_escaped() {
    let xml = pain_001(&payroll()).unwrap();
    assert_eq!(
        values(&xml, "Nm"),
        [
            "Cooperative Partage SCRL",
            "Cooperative Partage SCRL",
            "Helene Muller",
            "Francois O&apos;Brien",
            "Jan Janssens"
        ]
    );
}

#[test]
fn accounts_are_written_in_electronic_format() {
    let xml = pain_001(&payroll()).unwrap();
    assert_eq!(
        values(&xml, "IBAN"),
        ["BE71096123456769", "DE89370400440532013000", "FR1420041010050500013M02606", "NL91ABNA0417164300"]
    );
}

#[test]
fn without_bics_the_debtor_agent_says_notprovided_and_creditor_agents_are_left_out() {
    let mut batch = payroll();
    batch.debtor.bic = None;
    for t in &mut batch.transfers {
        t.creditor_bic = None;
    }
    let xml = pain_001(&batch).unwrap();
    assert!(
        xml.contains("<DbtrAgt>\n        <FinInstnId>\n          <Othr>\n            <Id>NOTPROVIDED</Id>"),
        "{xml}"
    );
    assert!(!xml.contains("<CdtrAgt>"), "{xml}");
    assert!(!xml.contains("<BICFI>"), "{xml}");
    assert_valid(&xml);
}

#[test]
fn an_empty_remittance_leaves_the_remittance_block_out() {
    let mut batch = payroll();
    batch.transfers.truncate(1);
    if let Some(t) = batch.transfers.first_mut() {
        t.remittance = "  ".into();
    }
    let xml = pain_001(&batch).unwrap();
    assert!(!xml.contains("<RmtInf>"), "{xml}");
    assert_valid(&xml);
}

#[test]
fn the_same_batch_always_gives_the_same_bytes() {
    assert_eq!(pain_001(&payroll()).unwrap(), pain_001(&payroll()).unwrap());
}

/// The whole file for one transfer, element by element, as a bank would receive it.
#[test]
fn one_transfer_file_is_written_exactly() {
    let mut batch = payroll();
    batch.transfers.truncate(1);
    let expected = r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09">
  <CstmrCdtTrfInitn>
    <GrpHdr>
      <MsgId>PARTAGE-2026-11-001</MsgId>
      <CreDtTm>2026-11-23T09:30:00</CreDtTm>
      <NbOfTxs>1</NbOfTxs>
      <CtrlSum>2145.37</CtrlSum>
      <InitgPty>
        <Nm>Cooperative Partage SCRL</Nm>
      </InitgPty>
    </GrpHdr>
    <PmtInf>
      <PmtInfId>PARTAGE-2026-11-001</PmtInfId>
      <PmtMtd>TRF</PmtMtd>
      <BtchBookg>true</BtchBookg>
      <NbOfTxs>1</NbOfTxs>
      <CtrlSum>2145.37</CtrlSum>
      <PmtTpInf>
        <SvcLvl>
          <Cd>SEPA</Cd>
        </SvcLvl>
        <CtgyPurp>
          <Cd>SALA</Cd>
        </CtgyPurp>
      </PmtTpInf>
      <ReqdExctnDt>
        <Dt>2026-11-25</Dt>
      </ReqdExctnDt>
      <Dbtr>
        <Nm>Cooperative Partage SCRL</Nm>
      </Dbtr>
      <DbtrAcct>
        <Id>
          <IBAN>BE71096123456769</IBAN>
        </Id>
      </DbtrAcct>
      <DbtrAgt>
        <FinInstnId>
          <BICFI>GKCCBEBB</BICFI>
        </FinInstnId>
      </DbtrAgt>
      <ChrgBr>SLEV</ChrgBr>
      <CdtTrfTxInf>
        <PmtId>
          <EndToEndId>PAY-2026-11-M001</EndToEndId>
        </PmtId>
        <Amt>
          <InstdAmt Ccy="EUR">2145.37</InstdAmt>
        </Amt>
        <CdtrAgt>
          <FinInstnId>
            <BICFI>DEUTDEFF</BICFI>
          </FinInstnId>
        </CdtrAgt>
        <Cdtr>
          <Nm>Helene Muller</Nm>
        </Cdtr>
        <CdtrAcct>
          <Id>
            <IBAN>DE89370400440532013000</IBAN>
          </Id>
        </CdtrAcct>
        <Purp>
          <Cd>SALA</Cd>
        </Purp>
        <RmtInf>
          <Ustrd>Salaire net 2026-11 PAY-2026-11-M001</Ustrd>
        </RmtInf>
      </CdtTrfTxInf>
    </PmtInf>
  </CstmrCdtTrfInitn>
</Document>
"#;
    let xml = pain_001(&batch).unwrap();
    assert_eq!(xml, expected);
    assert_valid(&xml);
}

#[test]
fn the_schema_itself_refuses_a_zero_amount() {
    // Proves the validation step can fail: the generator refuses zero, so forge one.
    let xml = pain_001(&payroll()).unwrap().replace(">0.53</InstdAmt>", ">0.00</InstdAmt>");
    let report = xmllint(&xml).expect_err("the EPC schema sets minInclusive 0.01");
    assert!(report.contains("InstdAmt"), "{report}");
}

#[test]
fn the_schema_itself_refuses_a_71_character_name() {
    let long = "A".repeat(71);
    let xml = pain_001(&payroll()).unwrap().replace("<Nm>Jan Janssens</Nm>", &format!("<Nm>{long}</Nm>"));
    let report = xmllint(&xml).expect_err("the EPC schema limits names to 70");
    assert!(report.contains("Nm"), "{report}");
}

#[test]
fn a_mistyped_iban_cannot_enter_a_batch() {
    assert_eq!(Iban::parse("BE71 0961 2345 6768"), Err(IbanError::ChecksumMismatch));
    assert_eq!(
        Iban::parse("DE89 3704 0044 0532 0130"),
        Err(IbanError::WrongLength { country: "DE".into(), expected: 22, actual: 20 })
    );
}

#[test]
fn a_transfer_in_another_currency_is_refused() {
    let mut batch = payroll();
    if let Some(t) = batch.transfers.get_mut(1) {
        t.amount = Money::new(dec!(1830.10), Currency::USD).unwrap();
    }
    assert_eq!(pain_001(&batch), Err(SepaError::NotEuro { transfer: 2, currency: Currency::USD }));
}

#[test]
fn a_zero_or_negative_amount_is_refused() {
    for amount in [dec!(0), dec!(-12.50)] {
        let mut batch = payroll();
        if let Some(t) = batch.transfers.get_mut(2) {
            t.amount = eur(amount);
        }
        assert_eq!(pain_001(&batch), Err(SepaError::AmountOutOfRange { transfer: 3, amount: eur(amount) }));
    }
}

#[test]
fn an_amount_above_the_sepa_maximum_is_refused() {
    let mut batch = payroll();
    if let Some(t) = batch.transfers.first_mut() {
        t.amount = eur(dec!(1000000000.00));
    }
    assert_eq!(pain_001(&batch), Err(SepaError::AmountOutOfRange { transfer: 1, amount: eur(dec!(1000000000.00)) }));
}

#[test]
fn a_creditor_name_longer_than_70_characters_is_refused() {
    let mut batch = payroll();
    if let Some(t) = batch.transfers.get_mut(1) {
        t.creditor_name = format!("Jan {}", "Janssens".repeat(9)); // 4 + 72 = 76
    }
    assert_eq!(
        pain_001(&batch),
        Err(SepaError::TooLong { field: Field::CreditorName { transfer: 2 }, length: 76, max: 70 })
    );
}

#[test]
fn a_remittance_longer_than_140_characters_is_refused() {
    let mut batch = payroll();
    if let Some(t) = batch.transfers.first_mut() {
        t.remittance = "x".repeat(141);
    }
    assert_eq!(
        pain_001(&batch),
        Err(SepaError::TooLong { field: Field::Remittance { transfer: 1 }, length: 141, max: 140 })
    );
}

#[test]
fn a_name_outside_the_latin_character_set_is_refused() {
    let mut batch = payroll();
    batch.debtor.name = "Partage & Co".into();
    assert_eq!(pain_001(&batch), Err(SepaError::UnsupportedCharacter { field: Field::DebtorName, character: '&' }));
}

#[test]
fn identifiers_with_slashes_at_the_edges_or_doubled_are_refused() {
    let mut batch = payroll();
    batch.message_id = "PARTAGE//2026".into();
    assert_eq!(
        pain_001(&batch),
        Err(SepaError::SlashInIdentifier { field: Field::MessageId, value: "PARTAGE//2026".into() })
    );
    let mut batch = payroll();
    if let Some(t) = batch.transfers.get_mut(2) {
        t.end_to_end_id = "/M003".into();
    }
    assert_eq!(
        pain_001(&batch),
        Err(SepaError::SlashInIdentifier { field: Field::EndToEndId { transfer: 3 }, value: "/M003".into() })
    );
}

#[test]
fn an_end_to_end_id_longer_than_35_characters_is_refused() {
    let mut batch = payroll();
    if let Some(t) = batch.transfers.first_mut() {
        t.end_to_end_id = "E".repeat(36);
    }
    assert_eq!(
        pain_001(&batch),
        Err(SepaError::TooLong { field: Field::EndToEndId { transfer: 1 }, length: 36, max: 35 })
    );
}

#[test]
fn paying_the_same_end_to_end_id_twice_is_refused() {
    let mut batch = payroll();
    if let Some(t) = batch.transfers.get_mut(2) {
        t.end_to_end_id = "PAY-2026-11-M001".into();
    }
    assert_eq!(pain_001(&batch), Err(SepaError::DuplicateEndToEndId("PAY-2026-11-M001".into())));
}

#[test]
fn an_empty_batch_is_refused() {
    let mut batch = payroll();
    batch.transfers.clear();
    assert_eq!(pain_001(&batch), Err(SepaError::NoTransfers));
}

#[test]
fn an_execution_date_before_the_creation_date_is_refused() {
    let mut batch = payroll();
    batch.requested_execution_date = date("2026-11-22");
    assert_eq!(
        pain_001(&batch),
        Err(SepaError::ExecutionBeforeCreation { requested: date("2026-11-22"), created: date("2026-11-23") })
    );
}
