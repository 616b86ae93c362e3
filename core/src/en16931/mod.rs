//! EN 16931 invoices in its two syntaxes, UN/CEFACT CII D16B (`cii`) and OASIS UBL 2.1
//! (`ubl`), written from an `InvoiceDocument`.
//!
//! The European norm is the same for every member state; a country adds a specification
//! identifier (BT-24), a business process (BT-23), coded notes and the schemes of its
//! identifiers (a CIUS). Those come in as `Profile`: each country's CIUS, in either syntax,
//! is a `Profile` its pack builds, not a writer of its own. The writers live in core beside
//! `xml.rs` and `sepa.rs`: like a SEPA file, an EN 16931 document is a European format
//! of core's domain types with no country in it.
//!
//! What they write (and what they do not): one VAT breakdown per category and rate,
//! line net amounts, no document-level allowances or charges (BT-107 = BT-108 = 0), SEPA
//! or other credit transfer as the means of payment, a credit note as type 381 with the
//! invoice it corrects (BT-25, BT-26). Rules that shape the output, by id:
//! - BR-O-02 to BR-O-04: with category O no VAT identifier of seller or buyer appears;
//!   BR-O-05: no rate on such lines.
//! - BR-CO-25: a positive amount due needs a due date or payment terms.
//! - BR-61: a credit transfer (codes 30, 58) needs the payee's account.

pub mod cii;
pub mod ubl;

use crate::invoice::{InvoiceDocument, Party};
use crate::money::{Currency, Money};
use crate::vat::VatCategory;

/// What a country (or a network) adds to the norm.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    /// BT-24, the specification identifier (`urn:cen.eu:en16931:2017`).
    pub guideline: String,
    /// BT-23, the business process type, when the specification asks for one.
    pub business_process: Option<String>,
    /// BT-21/BT-22, the document's notes with their UNTDID 4451 subject code. When empty,
    /// the document's own notes are written without a code.
    pub notes: Vec<Note>,
    /// BT-30-1, the scheme of the seller's legal registration identifier (`Party::company_id`).
    pub seller_legal_scheme: Option<String>,
    /// BT-47-1, the scheme of the buyer's legal registration identifier.
    pub buyer_legal_scheme: Option<String>,
    /// BT-33, the seller's additional legal information (legal form, share capital, register).
    pub seller_legal_information: Option<String>,
    /// BT-20, payment terms in words (written when given; BR-CO-25 asks for them when no due date).
    pub payment_terms: Option<String>,
}

/// A note with its subject code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// UNTDID 4451 code (`PMT`, `PMD`, `AAB`, `REG`...), when the specification asks for one.
    pub subject: Option<String>,
    /// The text.
    pub text: String,
}

impl Note {
    /// A note with subject code `subject`.
    pub fn coded(subject: &str, text: impl Into<String>) -> Note {
        Note { subject: Some(subject.to_owned()), text: text.into() }
    }
}

/// Why a document cannot be written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    /// A value the norm requires is missing.
    #[error("{0} is required")]
    Missing(&'static str),
    /// An amount that is not in the document's currency or does not add up.
    #[error("amount: {0}")]
    Amount(String),
}

/// Text with its blanks trimmed, None when nothing is left.
pub(crate) fn given(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// An amount with exactly its currency's decimals (two for the euro).
pub(crate) fn amount(m: Money, currency: Currency) -> Result<String, WriteError> {
    if m.currency() != currency {
        return Err(WriteError::Amount(format!("{} is not in {}", m, currency.code())));
    }
    let places = usize::try_from(currency.minor_units()).unwrap_or(2);
    Ok(format!("{:.*}", places, m.amount()))
}

/// A VAT identifier compacted: letters and digits, upper case.
pub(crate) fn compact(vat: &str) -> String {
    vat.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_uppercase()
}

/// Whether VAT identifiers may appear (BR-O-02 to BR-O-04: not with category O).
pub(crate) fn with_vat_numbers(document: &InvoiceDocument) -> bool {
    !document.totals.subtotals.iter().any(|s| s.vat.category == VatCategory::OutOfScope)
}

/// The notes to write: the profile's, else the document's without code.
pub(crate) fn notes(document: &InvoiceDocument, profile: &Profile) -> Vec<Note> {
    if !profile.notes.is_empty() {
        return profile.notes.iter().filter(|n| !n.text.trim().is_empty()).cloned().collect();
    }
    document
        .notes
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|n| Note { subject: None, text: n.trim().to_owned() })
        .collect()
}

/// The amount due: total with VAT less what was paid.
pub(crate) fn payable(document: &InvoiceDocument) -> Result<Money, WriteError> {
    document.totals.gross.checked_sub(document.prepaid).map_err(|e| WriteError::Amount(e.to_string()))
}

/// A party's legal registration identifier: its company id, trimmed.
pub(crate) fn legal_id(p: &Party) -> Option<String> {
    given(p.company_id.as_deref()).map(str::to_owned)
}

/// The IBAN without blanks, upper case.
pub(crate) fn iban(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase()
}

/// Checks what both syntaxes require before writing.
pub(crate) fn check(document: &InvoiceDocument) -> Result<(), WriteError> {
    if document.number.trim().is_empty() {
        return Err(WriteError::Missing("the document number (BT-1)"));
    }
    if document.lines.is_empty() {
        return Err(WriteError::Missing("an invoice line (BG-25)"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::CountryCode;
    use crate::invoice::{compute_totals, DocumentKind, InvoiceLine, PaymentInstructions};
    use crate::money::Rate;
    use crate::vat::LineVat;
    use rust_decimal_macros::dec;

    fn party(name: &str, country: &str, vat: &str) -> Party {
        Party {
            name: name.into(),
            vat_number: Some(vat.into()),
            company_id: Some("123456789".into()),
            endpoint: Some(("0088".into(), "5790000435975".into())),
            street: "Main street 1".into(),
            postal_code: "1000".into(),
            city: "Town".into(),
            country: CountryCode::parse(country).unwrap(),
            email: None,
        }
    }

    fn doc(kind: DocumentKind, vat: LineVat) -> InvoiceDocument {
        let eur = |s: &str| Money::parse(s, Currency::EUR).unwrap();
        let lines = vec![InvoiceLine::new("Service", dec!(1.5), "HUR", eur("80.00"), vat).unwrap()];
        let totals = compute_totals(Currency::EUR, &lines).unwrap();
        InvoiceDocument {
            kind,
            number: "INV-1".into(),
            issue_date: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            due_date: chrono::NaiveDate::from_ymd_opt(2026, 4, 1),
            currency: Currency::EUR,
            seller: party("Seller & Co", "DE", "DE123456789"),
            buyer: party("Buyer", "CH", "CHE123456789"),
            buyer_reference: "PO-1".into(),
            lines,
            totals,
            prepaid: eur("0.00"),
            payment: Some(PaymentInstructions {
                iban: "DE89 3704 0044 0532 0130 00".into(),
                bic: None,
                reference: "INV-1".into(),
            }),
            notes: vec!["A note".into()],
        }
    }

    fn standard() -> LineVat {
        LineVat {
            category: VatCategory::Standard,
            rate: Rate::from_percent(dec!(19)),
            exemption_code: None,
            exemption_reason: None,
        }
    }

    #[test]
    fn cii_writes_amounts_with_two_decimals_and_escapes_names() {
        let xml = cii::write(&doc(DocumentKind::Invoice, standard()), &Profile::default()).unwrap();
        assert!(xml.contains("<ram:LineTotalAmount>120.00</ram:LineTotalAmount>"), "{xml}");
        assert!(xml.contains("<ram:TaxTotalAmount currencyID=\"EUR\">22.80</ram:TaxTotalAmount>"), "{xml}");
        assert!(xml.contains("<ram:Name>Seller &amp; Co</ram:Name>"), "{xml}");
        assert!(xml.contains("<ram:ID>urn:cen.eu:en16931:2017</ram:ID>"), "the plain norm by default");
        assert!(xml.contains("<ram:IBANID>DE89370400440532013000</ram:IBANID>"), "{xml}");
    }

    #[test]
    fn a_credit_note_is_type_381_names_its_invoice_and_asks_no_payment() {
        let kind = DocumentKind::CreditNote {
            original_number: "INV-0".into(),
            original_date: chrono::NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
        };
        let xml = cii::write(&doc(kind.clone(), standard()), &Profile::default()).unwrap();
        assert!(xml.contains("<ram:TypeCode>381</ram:TypeCode>"));
        assert!(xml.contains("<ram:IssuerAssignedID>INV-0</ram:IssuerAssignedID>"));
        assert!(!xml.contains("IBANID") && !xml.contains("DueDateDateTime"), "{xml}");
        let ubl = ubl::write(&doc(kind, standard()), &Profile::default()).unwrap();
        assert!(
            ubl.contains("<CreditNote xmlns=") && ubl.contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>")
        );
    }

    #[test]
    fn out_of_scope_documents_carry_no_vat_number_and_no_rate() {
        let o = LineVat {
            category: VatCategory::OutOfScope,
            rate: Rate(rust_decimal::Decimal::ZERO),
            exemption_code: Some("VATEX-EU-O".into()),
            exemption_reason: Some("Not subject".into()),
        };
        for xml in [
            cii::write(&doc(DocumentKind::Invoice, o.clone()), &Profile::default()).unwrap(),
            ubl::write(&doc(DocumentKind::Invoice, o.clone()), &Profile::default()).unwrap(),
        ] {
            assert!(!xml.contains("DE123456789") && !xml.contains("Percent"), "{xml}");
            assert!(xml.contains("VATEX-EU-O"), "{xml}");
        }
    }

    #[test]
    fn coded_notes_are_written_as_subject_codes_in_cii_and_hash_prefixes_in_ubl() {
        let profile = Profile { notes: vec![Note::coded("PMT", "40 EUR")], ..Profile::default() };
        let cii = cii::write(&doc(DocumentKind::Invoice, standard()), &profile).unwrap();
        let compact: String = cii.lines().map(str::trim).collect();
        assert!(compact.contains("<ram:Content>40 EUR</ram:Content><ram:SubjectCode>PMT</ram:SubjectCode>"), "{cii}");
        assert!(!cii.contains("A note"), "the profile's notes replace the document's");
        let ubl = ubl::write(&doc(DocumentKind::Invoice, standard()), &profile).unwrap();
        assert!(ubl.contains("<cbc:Note>#PMT#40 EUR</cbc:Note>"), "{ubl}");
    }

    #[test]
    fn a_document_without_number_is_refused() {
        let mut d = doc(DocumentKind::Invoice, standard());
        d.number = " ".into();
        assert_eq!(cii::write(&d, &Profile::default()), Err(WriteError::Missing("the document number (BT-1)")));
    }
}
