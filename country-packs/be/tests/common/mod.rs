//! Documents a Belgian cooperative issues, built through core and the pack as the node would.
// Fixtures panic on bad test data, like the tests that call them.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use partage_core::client::{Client, ClientKind, CountryCode};
use partage_core::invoice::{compute_totals, DocumentKind, InvoiceDocument, InvoiceLine, Party, PaymentInstructions};
use partage_core::money::{Currency, Money, Rate};
use partage_core::pack::CountryPack;
use partage_pack_be::BelgianPack;
use rust_decimal::Decimal;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn eur(s: &str) -> Money {
    Money::parse(s, Currency::EUR).unwrap()
}

pub fn pack() -> BelgianPack {
    BelgianPack::load().unwrap()
}

/// The cooperative. Enterprise numbers in these tests are made up; their check digits are valid.
pub fn seller() -> Party {
    Party {
        name: "Partage Coop".into(),
        vat_number: Some("BE0896755397".into()),
        company_id: Some("0896.755.397".into()),
        endpoint: None,
        street: "Rue Coenraets 72".into(),
        postal_code: "1060".into(),
        city: "Saint-Gilles".into(),
        country: CountryCode::parse("BE").unwrap(),
        email: Some("factures@partage.example".into()),
    }
}

pub fn client(name: &str, kind: ClientKind, country: &str, vat: Option<&str>) -> Client {
    Client {
        name: name.into(),
        kind,
        country: CountryCode::parse(country).unwrap(),
        vat_number: vat.map(str::to_owned),
        street: "Place du Marché 1".into(),
        postal_code: "4000".into(),
        city: "Liège".into(),
        email: Some("compta@client.example".into()),
    }
}

pub fn belgian_business() -> Client {
    client("Théâtre & Co <Liège>", ClientKind::Business, "BE", Some("BE0403170701"))
}

pub fn french_business() -> Client {
    let mut c = client("Compagnie du Sud SARL", ClientKind::Business, "FR", Some("FR40303265045"));
    c.postal_code = "13001".into();
    c.city = "Marseille".into();
    c
}

pub fn swiss_business() -> Client {
    let mut c = client("Festival Lac SA", ClientKind::Business, "CH", Some("CHE123456789"));
    c.postal_code = "1003".into();
    c.city = "Lausanne".into();
    c
}

fn buyer_party(c: &Client) -> Party {
    Party {
        name: c.name.clone(),
        vat_number: c.vat_number.clone(),
        company_id: None,
        endpoint: None,
        street: c.street.clone(),
        postal_code: c.postal_code.clone(),
        city: c.city.clone(),
        country: c.country,
        email: c.email.clone(),
    }
}

/// One line as a member enters it: description, quantity, unit, price, VAT rate in percent.
pub struct Entry(pub &'static str, pub Decimal, pub &'static str, pub &'static str, pub Decimal);

/// An invoice priced through the pack's VAT decision, with its mentions in `language` as notes.
pub fn invoice(number: &str, buyer: &Client, entries: &[Entry], prepaid: &str, language: &str) -> InvoiceDocument {
    document(DocumentKind::Invoice, number, buyer, entries, prepaid, language)
}

pub fn document(
    kind: DocumentKind,
    number: &str,
    buyer: &Client,
    entries: &[Entry],
    prepaid: &str,
    language: &str,
) -> InvoiceDocument {
    let pack = pack();
    let issue = d(2026, 3, 2);
    let lines: Vec<InvoiceLine> = entries
        .iter()
        .map(|Entry(desc, qty, unit, price, pct)| {
            let vat = pack.line_vat(issue, buyer, Rate::from_percent(*pct)).unwrap();
            InvoiceLine::new(desc, *qty, unit, eur(price), vat).unwrap()
        })
        .collect();
    let totals = compute_totals(Currency::EUR, &lines).unwrap();
    let is_invoice = matches!(kind, DocumentKind::Invoice);
    let mut doc = InvoiceDocument {
        kind,
        number: number.into(),
        issue_date: issue,
        due_date: is_invoice.then(|| d(2026, 4, 1)),
        currency: Currency::EUR,
        seller: seller(),
        buyer: buyer_party(buyer),
        buyer_reference: "PO-4711".into(),
        lines,
        totals,
        prepaid: eur(prepaid),
        payment: is_invoice.then(|| PaymentInstructions {
            iban: "BE68 5390 0754 7034".into(),
            bic: Some("GKCCBEBB".into()),
            reference: pack.payment_reference(number),
        }),
        notes: Vec::new(),
    };
    doc.notes = pack.invoice_mentions(&doc, language);
    doc
}
