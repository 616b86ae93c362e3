//! What a Belgian invoice must state beyond the EN 16931 fields, in French, Dutch, German or
//! English.
//!
//! Sources, by mention:
//! - Reverse charge: Directive 2006/112/EC art. 226, 11a ("Reverse charge"), transposed
//!   by art. 5, § 1 of Royal Decree no. 1 of 29 December 1992 on VAT invoicing (as
//!   replaced by the Royal Decree of 19 December 2012): "Autoliquidation" /
//!   "Verlegging van heffing".
//! - Supply not subject to Belgian VAT: the same art. 5, § 1 asks the invoice to name the
//!   provision under which Belgian VAT is not charged (restated at
//!   http://www.wordscope.be/neerlandais/francais/bovengenoemde+wettelijke+bepaling.html).
//! - Credit note reducing Belgian VAT: Royal Decree no. 4 of 29 December 1969, art. 4,
//!   § 1, 3°: the copy given to the customer states "TVA à reverser à l'État dans la mesure
//!   où elle a été initialement déduite" / "Btw terug te storten aan de Staat in de mate
//!   waarin ze oorspronkelijk in aftrek werd gebracht"
//!   (https://m-p.be/nuttige-info/opmaken-van-creditnotas/,
//!   https://subaccount.webwin.be/newsletter-by-email/comment-corriger-un-excedent-de-tva-facture).
//! - Seller identity: Code of companies and associations art. 2:20: every invoice of a
//!   legal person (Partage's cooperative is one) shows its name, legal form, seat,
//!   enterprise number, "RPM"/"RPR" followed by the court of its seat, and where
//!   applicable its e-mail and website; Code of economic law art. III.25 adds a bank
//!   account (https://www.the-gate.be/legal quotes both articles). The court is named in the
//!   invoice's language (`courts::court_in`).
//!
//! German, Belgium's third official language, in the words of the German versions the
//! Zentrale Dienststelle für Deutsche Übersetzungen (Malmedy) publishes in the Belgisches
//! Staatsblatt: "Mehrwertsteuergesetzbuch", cited "Artikel 21 § 2" without commas (German
//! translation of the law of 26 November 2009 amending the VAT Code,
//! https://etaamb.openjustice.be/fr/loi-du-26-novembre-2009_n2010000175; "Artikel 51 § 4 des
//! Mehrwertsteuergesetzbuches", Constitutional Court judgment 117/2012 in German); reverse
//! charge is "Steuerschuldnerschaft des Leistungsempfängers", the words art. 226, 11a of the
//! German version of Directive 2006/112/EC asks for, which Royal Decree no. 1 transposes (its
//! German coordinated version, "Königlicher Erlass Nr. 1 vom 29. Dezember 1992 über Maßnahmen
//! im Hinblick auf die Gewährleistung der Zahlung der Mehrwertsteuer", was found but its
//! art. 5 not read). The register is "RJP" (Register der juristischen Personen), the German
//! version of CSA art. 2:20's "RPM"/"RPR", and the enterprise number "Unternehmensnummer"
//! (https://economie.fgov.be/de/themen/unternehmen/zentrale-datenbank-der). The credit-note
//! sentence translates Royal Decree no. 4 art. 4 § 1, 3°; its official German wording was not
//! found.
//!
//! English has no legal standing in Belgium: the English lines translate the French
//! and Dutch ones for a foreign client, and keep the legal words in brackets.

use crate::courts::court_in;
use crate::identifiers::{belgian_enterprise_number, format_enterprise_number, format_vat_number};
use crate::LegalEntityRegister;
use partage_core::invoice::{DocumentKind, InvoiceDocument};
use partage_core::vat::VatCategory;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lang {
    Fr,
    Nl,
    De,
    En,
}

fn lang(code: &str) -> Lang {
    let primary: String = code.trim().chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    match primary.to_ascii_lowercase().as_str() {
        "fr" => Lang::Fr,
        "nl" => Lang::Nl,
        "de" => Lang::De,
        _ => Lang::En,
    }
}

/// The mentions `document` must carry, in `language` (`fr`, `nl`, `de`, else English).
pub fn invoice_mentions(
    document: &InvoiceDocument,
    language: &str,
    register: Option<&LegalEntityRegister>,
) -> Vec<String> {
    let l = lang(language);
    let categories = document.untaxed_categories();
    let mut mentions = Vec::new();
    if categories.contains(&VatCategory::ReverseCharge) {
        mentions.push(
            match l {
                Lang::Fr => {
                    "Autoliquidation\u{a0}: TVA due par le preneur (article 196 de la directive 2006/112/CE\u{202f}; \
                             article 21, § 2, du Code de la TVA)."
                }
                Lang::Nl => {
                    "Verlegging van heffing: btw verschuldigd door de afnemer (artikel 196 van \
                             Richtlijn 2006/112/EG; artikel 21, § 2, van het Btw-Wetboek)."
                }
                Lang::De => {
                    "Steuerschuldnerschaft des Leistungsempfängers: MwSt. vom Kunden geschuldet \
                             (Artikel 196 der Richtlinie 2006/112/EG; Artikel 21 § 2 des \
                             Mehrwertsteuergesetzbuches)."
                }
                Lang::En => {
                    "Reverse charge (Autoliquidation / Verlegging van heffing): VAT payable by the \
                             customer (Article 196 of Directive 2006/112/EC; Article 21, § 2 of the Belgian \
                             VAT Code)."
                }
            }
            .to_owned(),
        );
    }
    if categories.contains(&VatCategory::OutOfScope) {
        let mut line = match l {
            Lang::Fr => "Prestation non soumise à la TVA belge\u{a0}: lieu de la prestation hors de l'Union \
                         européenne (article 21, § 2, du Code de la TVA)."
                .to_owned(),
            Lang::Nl => "Dienst niet onderworpen aan de Belgische btw: plaats van de dienst buiten de \
                         Europese Unie (artikel 21, § 2, van het Btw-Wetboek)."
                .to_owned(),
            Lang::De => "Nicht der belgischen MwSt. unterliegende Dienstleistung: Ort der Dienstleistung \
                         außerhalb der Europäischen Union (Artikel 21 § 2 des Mehrwertsteuergesetzbuches)."
                .to_owned(),
            Lang::En => "Service not subject to Belgian VAT: place of supply outside the European Union \
                         (Article 21, § 2 of the Belgian VAT Code)."
                .to_owned(),
        };
        // EN 16931 rule BR-O-02 keeps the seller's VAT number out of such an e-invoice;
        // the Belgian invoice still has to show it (Royal Decree no. 1, art. 5, § 1).
        if let Some(vat) = document.seller.vat_number.as_deref().filter(|v| !v.trim().is_empty()) {
            let vat = format_vat_number(vat);
            line.push(' ');
            line.push_str(&match l {
                Lang::Fr => format!("N° TVA du prestataire\u{a0}: {vat}."),
                Lang::Nl => format!("Btw-nummer van de dienstverrichter: {vat}."),
                Lang::De => format!("MwSt.-Nummer des Dienstleisters: {vat}."),
                Lang::En => format!("Supplier's VAT number: {vat}."),
            });
        }
        mentions.push(line);
    }
    if matches!(document.kind, DocumentKind::CreditNote { .. }) && document.totals.vat.is_positive() {
        mentions.push(
            match l {
                Lang::Fr => "TVA à reverser à l'État dans la mesure où elle a été initialement déduite.",
                Lang::Nl => {
                    "Btw terug te storten aan de Staat in de mate waarin ze oorspronkelijk in aftrek \
                             werd gebracht."
                }
                Lang::De => "An den Staat zurückzuzahlende MwSt., soweit sie ursprünglich abgezogen wurde.",
                Lang::En => {
                    "VAT to be repaid to the State insofar as it was initially deducted (TVA à reverser \
                             à l'État dans la mesure où elle a été initialement déduite / Btw terug te storten \
                             aan de Staat in de mate waarin ze oorspronkelijk in aftrek werd gebracht)."
                }
            }
            .to_owned(),
        );
    }
    mentions.push(seller_identity(document, l, register));
    mentions
}

/// The Code of companies and associations art. 2:20 line, from what the document and
/// the pack's register know. Without a register, the legal form and "RPM <court>" are
/// missing: the node must configure them (see `BelgianPack::with_register`). The court is
/// named in the invoice's language where its name differs there.
fn seller_identity(document: &InvoiceDocument, l: Lang, register: Option<&LegalEntityRegister>) -> String {
    let seller = &document.seller;
    let mut parts = Vec::new();
    match register {
        Some(r) => parts.push(format!("{} {}", seller.name.trim(), r.legal_form.trim())),
        None => parts.push(seller.name.trim().to_owned()),
    }
    let seat = format!("{}, {} {}", seller.street.trim(), seller.postal_code.trim(), seller.city.trim());
    parts.push(match l {
        Lang::Fr => format!("siège\u{a0}: {seat}"),
        Lang::Nl => format!("zetel: {seat}"),
        Lang::De => format!("Sitz: {seat}"),
        Lang::En => format!("registered office: {seat}"),
    });
    let number = seller
        .company_id
        .as_deref()
        .or(seller.vat_number.as_deref())
        .and_then(belgian_enterprise_number)
        .map(|n| format_enterprise_number(&n));
    if let Some(n) = number {
        parts.push(match l {
            Lang::Fr => format!("BCE {n}"),
            Lang::Nl => format!("KBO {n}"),
            Lang::De => format!("Unternehmensnummer {n}"),
            Lang::En => format!("enterprise number {n}"),
        });
    }
    if let Some(r) = register {
        parts.push(match l {
            Lang::Fr => format!("RPM {}", court_in(&r.court, "fr")),
            Lang::Nl => format!("RPR {}", court_in(&r.court, "nl")),
            Lang::De => format!("RJP {}", court_in(&r.court, "de")),
            Lang::En => format!("RPM/RPR {}", r.court.trim()),
        });
    }
    if let Some(email) = seller.email.as_deref().filter(|e| !e.trim().is_empty()) {
        parts.push(email.trim().to_owned());
    }
    if let Some(payment) = &document.payment {
        parts.push(match l {
            Lang::Fr => format!("compte {}", payment.iban.trim()),
            Lang::Nl => format!("rekening {}", payment.iban.trim()),
            Lang::De => format!("Konto {}", payment.iban.trim()),
            Lang::En => format!("account {}", payment.iban.trim()),
        });
    }
    parts.join(" – ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_fall_back_to_english() {
        assert_eq!(lang("fr-BE"), Lang::Fr);
        assert_eq!(lang("NL"), Lang::Nl);
        assert_eq!(lang("de-BE"), Lang::De);
        assert_eq!(lang("it"), Lang::En);
        assert_eq!(lang(""), Lang::En);
    }
}
