//! French invoices: their legal mentions, and their e-invoices in the three formats the
//! 2026 reform accepts (XP Z12-012): UBL, CII, and Factur-X, a PDF/A-3 whose page is the
//! printed invoice and whose embedded `factur-x.xml` is the CII.
//!
//! The XML is core's EN 16931 writer (`partage_core::en16931`) with France's `Profile`:
//! BT-23 "S1" (services, a plain invoice: BR-FR-08's list), the coded notes BR-FR-05
//! requires (PMT, PMD, AAB) and the seller's SIREN under ICD 0002 (BR-FR-10), its legal
//! form and share capital as BT-33.
//!
//! Factur-X needs no PDF of its own here: `printed_attachment` gives the node the CII
//! with its file name, relationship and XMP extension schema (Factur-X 1.07.2, § 6.2:
//! namespace `urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#`, DocumentType,
//! DocumentFileName, Version, ConformanceLevel), and the node's printed invoice embeds it.
//! The relationship is `Alternative`, the value the Factur-X specification gives for
//! France (`Data` is Germany's ZUGFeRD usage).
//!
//! Electronic addresses: a party's own (`Party::endpoint`, as the client registered it)
//! first; otherwise a French company's SIREN under EAS 0002 (a SIRET would be 0009).
//! The French directory's scheme 0225 is what BR-FR-21 asks once a document declares
//! the B2B treatment (BAR note), which these documents do not: the platform that
//! transmits them adds it. A buyer with no address at all (a consumer, a foreign client
//! that gave none) gets none: EN 16931 and Factur-X accept that, the BR-FR set (1.4.0.03,
//! BR-FR-12) does not, and an invented address would be worse (see the tests).

use crate::mentions::{self, Lang, Mention};
use partage_core::en16931::{cii, ubl, Note, Profile, WriteError};
use partage_core::invoice::{DocumentKind, InvoiceDocument, Party};
use partage_core::money::{Currency, Money};
use partage_core::pack::{AttachmentRelationship, EInvoice, PackError, PdfAttachment, XmpExtension};
use partage_pack_kit::parameters;
use rust_decimal::Decimal;

/// BT-24 of an EN 16931 invoice, which the Factur-X EN16931 profile uses as is.
pub const GUIDELINE: &str = cii::EN16931;

/// BT-23: "S1", an invoice for services (XP Z12-012 cadre de facturation).
pub const BUSINESS_PROCESS: &str = "S1";

/// ICD 0002: the French SIRENE register (a SIREN).
pub const SCHEME_SIREN: &str = "0002";

/// ICD 0009: a SIRET (establishment number).
pub const SCHEME_SIRET: &str = "0009";

/// The name Factur-X gives the embedded XML.
pub const FACTUR_X_FILE: &str = "factur-x.xml";

/// The Factur-X XMP extension schema's namespace (Factur-X 1.07.2 and later).
pub const FACTUR_X_NAMESPACE: &str = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#";

/// Format name of the UBL e-invoice.
pub const FORMAT_UBL: &str = "EN 16931 UBL 2.1 (France, XP Z12-012)";

/// Format name of the CII e-invoice.
pub const FORMAT_CII: &str = "EN 16931 CII D16B (France, XP Z12-012)";

/// What the pack knows of the seller's registration, which the invoice states (Code de
/// commerce R123-237). The `[pack.fr]` settings fill it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrenchRegister {
    /// SIREN, nine digits (Luhn).
    pub siren: String,
    /// City of the RCS registry ("Lyon").
    pub rcs_city: String,
    /// Legal form ("SCOP SA à capital variable").
    pub legal_form: String,
    /// Share capital as stated ("18 500,00 €"; a variable-capital cooperative states its minimum).
    pub share_capital: String,
}

/// Which XML `CountryPack::e_invoice` gives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Syntax {
    /// OASIS UBL 2.1.
    #[default]
    Ubl,
    /// UN/CEFACT CII D16B.
    Cii,
}

/// Whether `digits` pass the Luhn check (SIREN, SIRET: INSEE's key).
pub fn luhn(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, c) in digits.chars().rev().enumerate() {
        let Some(d) = c.to_digit(10) else { return false };
        let d = if i % 2 == 1 { d * 2 } else { d };
        sum += if d > 9 { d - 9 } else { d };
    }
    !digits.is_empty() && sum.is_multiple_of(10)
}

/// A SIREN: nine digits passing the Luhn check, blanks removed.
pub fn siren(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == 9 && luhn(&digits)).then_some(digits)
}

/// A SIRET: fourteen digits passing the Luhn check, blanks removed. (La Poste's
/// establishments, SIREN 356 000 000, use another key and are refused here.)
pub fn siret(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == 14 && luhn(&digits)).then_some(digits)
}

/// The SIREN inside a French VAT number: FR, two key characters, the SIREN. A numeric key
/// must be (12 + 3 × (SIREN mod 97)) mod 97, the key the tax office computes; the newer
/// alphanumeric keys have no published formula and are accepted as they are.
pub fn siren_of_vat(vat: &str) -> Option<String> {
    let compact: String = vat.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_uppercase();
    let rest = compact.strip_prefix("FR")?;
    let found = siren(rest.get(2..)?)?;
    if let (Some(key), Ok(number)) = (rest.get(..2).and_then(|k| k.parse::<u64>().ok()), found.parse::<u64>()) {
        if key != (12 + 3 * (number % 97)) % 97 {
            return None;
        }
    }
    Some(found)
}

/// A party's SIREN: its company id (a SIREN, or the SIREN of a SIRET), else from its VAT number.
fn party_siren(p: &Party) -> Option<String> {
    if p.country.as_str() != "FR" {
        return None;
    }
    let from_id = p
        .company_id
        .as_deref()
        .and_then(|id| siren(id).or_else(|| siret(id).and_then(|s| s.get(..9).map(str::to_owned))));
    from_id.or_else(|| p.vat_number.as_deref().and_then(siren_of_vat))
}

fn write_error(e: WriteError) -> PackError {
    PackError::Render(e.to_string())
}

parameters! {
    /// The amounts French invoices state.
    pub struct InvoiceParameters;
    /// Those amounts on one date.
    pub struct InvoiceParametersInForce;
    /// The fixed indemnity for recovery costs (Code de commerce D441-5).
    recovery_indemnity: Money = "invoice.recovery_indemnity" in "parameters/invoice/recovery_indemnity.toml", via euros;
}

/// The pack's e-invoicing: register, amounts, which XML `e_invoice` gives.
#[derive(Clone, Debug)]
pub struct FrenchInvoicing {
    /// The seller's registration, when configured.
    pub register: Option<FrenchRegister>,
    /// The amounts invoices state, dated.
    pub parameters: InvoiceParameters,
    /// The syntax of `e_invoice`.
    pub syntax: Syntax,
}

impl FrenchInvoicing {
    /// Loads the embedded parameter files; no register, UBL.
    pub fn load() -> Result<FrenchInvoicing, PackError> {
        Ok(FrenchInvoicing { register: None, parameters: InvoiceParameters::load()?, syntax: Syntax::Ubl })
    }

    /// The D441-5 indemnity in force on the document's issue date.
    fn indemnity(&self, document: &InvoiceDocument) -> Option<Money> {
        self.parameters.recovery_indemnity.at(document.issue_date).ok().map(|d| d.value)
    }

    /// The legal mentions a French invoice prints, in `language` (French, else English).
    pub fn invoice_mentions(&self, document: &InvoiceDocument, language: &str) -> Vec<String> {
        mentions::mentions(document, Lang::parse(language), self.register.as_ref(), self.indemnity(document))
            .into_iter()
            .map(|m| m.text)
            .collect()
    }

    /// The document with France's identifiers filled in: the seller's SIREN as its legal
    /// identifier, and electronic addresses from SIRENs where none was given.
    fn completed(&self, document: &InvoiceDocument) -> Result<InvoiceDocument, PackError> {
        let mut doc = document.clone();
        let seller_siren = match &self.register {
            Some(r) => Some(siren(&r.siren).ok_or_else(|| PackError::InvalidIdentifier {
                what: "SIREN",
                message: format!("'{}' is not nine digits with a valid key (Luhn)", r.siren.trim()),
            })?),
            None => party_siren(&doc.seller),
        };
        let Some(seller_siren) = seller_siren else {
            return Err(PackError::Render(
                "a French e-invoice needs the seller's SIREN (BT-30, BR-FR-10): configure the register".into(),
            ));
        };
        doc.seller.company_id = Some(seller_siren.clone());
        if doc.seller.endpoint.is_none() {
            doc.seller.endpoint = Some((SCHEME_SIREN.to_owned(), seller_siren));
        }
        if let Some(buyer_siren) = party_siren(&doc.buyer) {
            doc.buyer.company_id = Some(buyer_siren.clone());
            if doc.buyer.endpoint.is_none() {
                doc.buyer.endpoint = Some((SCHEME_SIREN.to_owned(), buyer_siren));
            }
        }
        Ok(doc)
    }

    fn profile(&self, document: &InvoiceDocument) -> Profile {
        let coded: Vec<Mention> =
            mentions::mentions(document, Lang::Fr, self.register.as_ref(), self.indemnity(document));
        let notes = coded.into_iter().map(|m| Note { subject: m.code.map(str::to_owned), text: m.text }).collect();
        let french_buyer = party_siren(&document.buyer).is_some();
        let payment_terms = match (&document.kind, document.due_date) {
            (DocumentKind::CreditNote { .. }, _) => {
                Some("Avoir\u{a0}: montant remboursé ou imputé sur la prochaine facture.".to_owned())
            }
            (DocumentKind::Invoice, None) => Some("Paiement à réception de la facture.".to_owned()),
            (DocumentKind::Invoice, Some(_)) => None,
        };
        Profile {
            guideline: GUIDELINE.to_owned(),
            business_process: Some(BUSINESS_PROCESS.to_owned()),
            notes,
            seller_legal_scheme: Some(SCHEME_SIREN.to_owned()),
            buyer_legal_scheme: french_buyer.then(|| SCHEME_SIREN.to_owned()),
            seller_legal_information: self
                .register
                .as_ref()
                .map(|r| format!("{} au capital de {}", r.legal_form.trim(), r.share_capital.trim())),
            payment_terms,
        }
    }

    /// The invoice in CII D16B, French profile (also Factur-X's `factur-x.xml`).
    pub fn cii(&self, document: &InvoiceDocument) -> Result<String, PackError> {
        let doc = self.completed(document)?;
        cii::write(&doc, &self.profile(&doc)).map_err(write_error)
    }

    /// The invoice in UBL 2.1, French profile.
    pub fn ubl(&self, document: &InvoiceDocument) -> Result<String, PackError> {
        let doc = self.completed(document)?;
        ubl::write(&doc, &self.profile(&doc)).map_err(write_error)
    }

    /// The e-invoice in the configured syntax.
    pub fn e_invoice(&self, document: &InvoiceDocument) -> Result<EInvoice, PackError> {
        let (format, xml) = match self.syntax {
            Syntax::Ubl => (FORMAT_UBL, self.ubl(document)?),
            Syntax::Cii => (FORMAT_CII, self.cii(document)?),
        };
        Ok(EInvoice { format, media_type: "application/xml", content: xml.into_bytes() })
    }

    /// The Factur-X EN 16931 attachment of the printed invoice.
    pub fn factur_x(&self, document: &InvoiceDocument) -> Result<PdfAttachment, PackError> {
        let xml = self.cii(document)?;
        let property =
            |name: &str, value: &str, description: &str| (name.to_owned(), value.to_owned(), description.to_owned());
        Ok(PdfAttachment {
            file_name: FACTUR_X_FILE.to_owned(),
            media_type: "text/xml",
            description: "Factur-X invoice (EN 16931)".to_owned(),
            relationship: AttachmentRelationship::Alternative,
            content: xml.into_bytes(),
            xmp: Some(XmpExtension {
                namespace: FACTUR_X_NAMESPACE.to_owned(),
                prefix: "fx".to_owned(),
                schema: "Factur-X PDFA Extension Schema".to_owned(),
                properties: vec![
                    property("DocumentFileName", FACTUR_X_FILE, "The name of the embedded XML document"),
                    property(
                        "DocumentType",
                        "INVOICE",
                        "The type of the hybrid document in capital letters, e.g. INVOICE or ORDER",
                    ),
                    property(
                        "Version",
                        "1.0",
                        "The actual version of the standard applying to the embedded XML document",
                    ),
                    property("ConformanceLevel", "EN 16931", "The conformance level of the embedded XML document"),
                ],
            }),
        })
    }
}

/// The D441-5 indemnity as euros, for the parameter loader.
pub fn euros(amount: Decimal) -> Result<Money, String> {
    Money::new(amount, Currency::EUR).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insee_keys_accept_real_sirens_and_sirets_and_refuse_a_changed_digit() {
        // SIREN of the INSEE itself (120 027 016) and a SIRET of the same.
        assert_eq!(siren("120 027 016").as_deref(), Some("120027016"));
        assert_eq!(siret("12002701600357").as_deref(), Some("12002701600357"));
        assert_eq!(siren("120027017"), None);
        assert_eq!(siren("12002701"), None);
        assert_eq!(siret("12002701600358"), None);
    }

    #[test]
    fn a_french_vat_number_holds_its_siren() {
        assert_eq!(siren_of_vat("FR 40 303265045").as_deref(), Some("303265045"));
        assert_eq!(siren_of_vat("BE0896755397"), None);
        assert_eq!(siren_of_vat("FR41303265045"), None, "wrong key");
    }
}
