//! The legal mentions the pack adds to Belgian invoices, on documents built as the node builds them.

// Helpers outside `#[test]` functions panic on failure, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use partage_core::invoice::DocumentKind;
use partage_core::pack::CountryPack;
use partage_pack_be::{BelgianPack, LegalEntityRegister};
use rust_decimal_macros::dec;

fn registered() -> BelgianPack {
    pack().with_register(LegalEntityRegister { legal_form: "SC".into(), court: "Bruxelles".into() })
}

#[test]
fn a_reverse_charge_invoice_says_so_in_each_language() {
    let doc = invoice(
        "2026-000010",
        &french_business(),
        &[Entry("Set design", dec!(1), "C62", "900.00", dec!(21))],
        "0.00",
        "fr",
    );
    let first = |lang: &str| pack().invoice_mentions(&doc, lang).into_iter().next().unwrap();
    assert!(
        first("fr").starts_with("Autoliquidation : TVA due par le preneur (article 196 de la directive 2006/112/CE")
    );
    assert!(first("nl").starts_with(
        "Verlegging van heffing: btw verschuldigd door de afnemer (artikel 196 van Richtlijn 2006/112/EG"
    ));
    assert!(first("en").starts_with("Reverse charge (Autoliquidation / Verlegging van heffing)"));
    assert_eq!(first("de"), first("en"), "other languages fall back to English");
}

#[test]
fn a_belgian_invoice_at_21_percent_carries_only_the_seller_identity() {
    let doc = invoice(
        "2026-000011",
        &belgian_business(),
        &[Entry("Concert", dec!(1), "C62", "900.00", dec!(21))],
        "0.00",
        "fr",
    );
    let mentions = registered().invoice_mentions(&doc, "fr");
    assert_eq!(
        mentions,
        vec!["Partage Coop SC – siège : Rue Coenraets 72, 1060 Saint-Gilles – BCE 0896.755.397 – RPM Bruxelles – \
              factures@partage.example – compte BE68 5390 0754 7034"
            .to_owned()]
    );
    let nl = registered().invoice_mentions(&doc, "nl");
    assert!(
        nl.first().unwrap().contains("zetel: Rue Coenraets 72")
            && nl.first().unwrap().contains("KBO 0896.755.397 – RPR Bruxelles"),
        "{nl:?}"
    );
}

#[test]
fn without_a_register_the_legal_form_and_court_are_missing() {
    let doc = invoice(
        "2026-000012",
        &belgian_business(),
        &[Entry("Concert", dec!(1), "C62", "900.00", dec!(21))],
        "0.00",
        "fr",
    );
    let line = pack().invoice_mentions(&doc, "fr").pop().unwrap();
    assert!(!line.contains("RPM"), "{line}");
    assert!(line.starts_with("Partage Coop – siège"), "{line}");
}

#[test]
fn a_credit_note_that_reduces_belgian_vat_asks_the_buyer_to_repay_its_deduction() {
    let kind = || DocumentKind::CreditNote { original_number: "2026-000011".into(), original_date: d(2026, 2, 2) };
    let with_vat = document(
        kind(),
        "CN2026-000002",
        &belgian_business(),
        &[Entry("Concert", dec!(1), "C62", "900.00", dec!(21))],
        "0.00",
        "nl",
    );
    let nl = pack().invoice_mentions(&with_vat, "nl");
    assert_eq!(
        nl.first().map(String::as_str),
        Some("Btw terug te storten aan de Staat in de mate waarin ze oorspronkelijk in aftrek werd gebracht.")
    );
    let fr = pack().invoice_mentions(&with_vat, "fr");
    assert_eq!(
        fr.first().map(String::as_str),
        Some("TVA à reverser à l'État dans la mesure où elle a été initialement déduite.")
    );
    // Reverse charge: no Belgian VAT was charged, so none is to be repaid.
    let reverse = document(
        kind(),
        "CN2026-000003",
        &french_business(),
        &[Entry("Set design", dec!(1), "C62", "900.00", dec!(21))],
        "0.00",
        "fr",
    );
    assert!(pack().invoice_mentions(&reverse, "fr").iter().all(|m| !m.contains("reverser")));
}

#[test]
fn an_out_of_scope_invoice_names_the_rule_and_the_supplier_vat_number() {
    let doc = invoice(
        "2026-000013",
        &swiss_business(),
        &[Entry("Editing", dec!(1), "C62", "900.00", dec!(21))],
        "0.00",
        "fr",
    );
    let first = pack().invoice_mentions(&doc, "fr").into_iter().next().unwrap();
    assert!(
        first.contains("article 21, § 2, du Code de la TVA")
            && first.contains("N° TVA du prestataire : BE 0896.755.397"),
        "{first}"
    );
}
