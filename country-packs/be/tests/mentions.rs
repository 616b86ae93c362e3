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
    assert!(first("fr")
        .starts_with("Autoliquidation\u{a0}: TVA due par le preneur (article 196 de la directive 2006/112/CE"));
    assert!(first("nl").starts_with(
        "Verlegging van heffing: btw verschuldigd door de afnemer (artikel 196 van Richtlijn 2006/112/EG"
    ));
    assert!(first("de").starts_with(
        "Steuerschuldnerschaft des Leistungsempfängers: MwSt. vom Kunden geschuldet (Artikel 196 der Richtlinie \
         2006/112/EG; Artikel 21 § 2 des Mehrwertsteuergesetzbuches)."
    ));
    assert!(first("en").starts_with("Reverse charge (Autoliquidation / Verlegging van heffing)"));
    assert_eq!(first("it"), first("en"), "other languages fall back to English");
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
        vec![
            "Partage Coop SC – siège\u{a0}: Rue Coenraets 72, 1060 Saint-Gilles – BCE 0896.755.397 – RPM Bruxelles – \
              factures@partage.example – compte BE68 5390 0754 7034"
                .to_owned()
        ]
    );
    let nl = registered().invoice_mentions(&doc, "nl");
    assert!(
        nl.first().unwrap().contains("zetel: Rue Coenraets 72")
            && nl.first().unwrap().contains("KBO 0896.755.397 – RPR Brussel"),
        "the court in Dutch: {nl:?}"
    );
    assert_eq!(
        registered().invoice_mentions(&doc, "de"),
        vec!["Partage Coop SC – Sitz: Rue Coenraets 72, 1060 Saint-Gilles – Unternehmensnummer 0896.755.397 – \
              RJP Brüssel – factures@partage.example – Konto BE68 5390 0754 7034"
            .to_owned()]
    );
}

#[test]
fn the_register_names_the_court_in_the_invoices_language_or_as_configured_when_unknown() {
    let doc = invoice(
        "2026-000014",
        &belgian_business(),
        &[Entry("Concert", dec!(1), "C62", "900.00", dec!(21))],
        "0.00",
        "fr",
    );
    let at = |court: &str, lang: &str| {
        let line = pack()
            .with_register(LegalEntityRegister { legal_form: "SC".into(), court: court.into() })
            .invoice_mentions(&doc, lang)
            .pop()
            .unwrap();
        let register = line.split(" – ").find(|p| p.starts_with("RPM") || p.starts_with("RPR") || p.starts_with("RJP"));
        register.unwrap().to_owned()
    };
    assert_eq!(at("Liège", "fr"), "RPM Liège");
    assert_eq!(at("Liège", "nl"), "RPR Luik");
    assert_eq!(at("Liège", "de"), "RJP Lüttich");
    assert_eq!(at("Liège", "en"), "RPM/RPR Liège");
    assert_eq!(at("Eupen", "de"), "RJP Eupen");
    assert_eq!(at("Gent", "fr"), "RPM Gand");
    assert_eq!(at("Liège, division Namur", "de"), "RJP Liège, division Namur", "unknown: as configured");
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
    let de = pack().invoice_mentions(&with_vat, "de");
    assert_eq!(
        de.first().map(String::as_str),
        Some("An den Staat zurückzuzahlende MwSt., soweit sie ursprünglich abgezogen wurde.")
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
            && first.contains("N° TVA du prestataire\u{a0}: BE 0896.755.397"),
        "{first}"
    );
    let de = pack().invoice_mentions(&doc, "de").into_iter().next().unwrap();
    assert_eq!(
        de,
        "Nicht der belgischen MwSt. unterliegende Dienstleistung: Ort der Dienstleistung außerhalb der Europäischen \
         Union (Artikel 21 § 2 des Mehrwertsteuergesetzbuches). MwSt.-Nummer des Dienstleisters: BE 0896.755.397."
    );
}

#[test]
fn a_letters_register_line_names_the_court_in_the_letters_language() {
    let args = [("number", "0896.755.397"), ("court", "Bruxelles")];
    let line = |lang: &str| pack().label_with(lang, "dunning-enterprise", &args).unwrap();
    assert_eq!(line("fr"), "BCE 0896.755.397 – RPM Bruxelles");
    assert_eq!(line("nl"), "KBO 0896.755.397 – RPR Brussel");
    assert_eq!(line("de"), "Unternehmensnummer 0896.755.397 – RJP Brüssel");
    assert_eq!(line("en"), "Enterprise number 0896.755.397 – RPM/RPR Bruxelles");
}
