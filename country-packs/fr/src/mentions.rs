//! What a French invoice must state beyond the EN 16931 fields, in French or English.
//!
//! Sources, by mention:
//! - Seller identity: Code de commerce R123-237: every invoice of a registered company
//!   shows its SIREN, the words "RCS" followed by the city of its registry, and for a
//!   company its legal form and share capital (a cooperative with variable capital says
//!   "à capital variable", Code de commerce L231-1). The VAT number: CGI art. 242 nonies
//!   A, I, 1°.
//! - Between professionals, Code de commerce L441-9, I: the invoice states the payment
//!   date, the conditions of discount for early payment (escompte), the rate of late-payment
//!   penalties and the fixed indemnity for recovery costs; L441-10, II sets the default
//!   rate (the ECB's refinancing rate plus 10 points) and D441-5 the indemnity (40 euros,
//!   `parameters/invoice/recovery_indemnity.toml`).
//! - Reverse charge: "Autoliquidation" (CGI art. 242 nonies A, I, 13°); outside the
//!   scope or exempt: the provision applied (art. 242 nonies A, I, 11°), e.g. "TVA non
//!   applicable, art. 293 B du CGI" for the small-business franchise. These come from the
//!   line's `LineVat` (see `vat.rs`).
//!
//! French is the invoice's legal language; the English lines translate it for a foreign
//! client, keeping the legal words. The e-invoice's coded notes (BR-FR-05: PMT, PMD, AAB)
//! are always written in French.

use crate::einvoice::FrenchRegister;
use partage_core::invoice::{DocumentKind, InvoiceDocument};
use partage_core::money::Money;

/// A mention and, where the e-invoice codes it, its UNTDID 4451 subject code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Subject code of the e-invoice's note (`PMT`, `PMD`, `AAB`, `REG`, `ABL`), if any.
    pub code: Option<&'static str>,
    /// The text.
    pub text: String,
}

/// The invoice's language for mentions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// French, the legal text.
    Fr,
    /// English, a translation for foreign clients.
    En,
}

impl Lang {
    /// `fr` (or `fr-BE`...) is French; anything else English.
    pub fn parse(code: &str) -> Lang {
        let primary: String = code.trim().chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        if primary.eq_ignore_ascii_case("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }
}

/// Whether the buyer is a professional: it has a VAT number or a registration number.
/// The L441-9 mentions (penalties, indemnity, escompte) are owed to professionals only.
pub fn buyer_is_professional(document: &InvoiceDocument) -> bool {
    let given = |v: &Option<String>| v.as_deref().is_some_and(|t| !t.trim().is_empty());
    given(&document.buyer.vat_number) || given(&document.buyer.company_id) || document.buyer.endpoint.is_some()
}

/// "50 000,00 EUR" style: a share capital as the register states it.
fn capital(text: &str) -> String {
    text.trim().to_owned()
}

/// The mentions of `document` in `lang`, with their e-invoice codes.
pub fn mentions(
    document: &InvoiceDocument,
    lang: Lang,
    register: Option<&FrenchRegister>,
    indemnity: Option<Money>,
) -> Vec<Mention> {
    let mut out = Vec::new();
    let coded = |code: &'static str, text: String| Mention { code: Some(code), text };
    if let Some(r) = register {
        let form = match lang {
            Lang::Fr => format!("{} au capital de {}", r.legal_form.trim(), capital(&r.share_capital)),
            Lang::En => format!("{} with a share capital of {}", r.legal_form.trim(), capital(&r.share_capital)),
        };
        out.push(coded("REG", form));
        let siren = crate::identifiers::format_siren(&r.siren);
        out.push(coded("ABL", format!("SIREN\u{a0}{siren} – RCS {} {siren}", r.rcs_city.trim())));
    }
    if let Some(vat) = document.seller.vat_number.as_deref().filter(|v| !v.trim().is_empty()) {
        // French puts a no-break space before a colon, English none.
        let label = match lang {
            Lang::Fr => "N° TVA intracommunautaire\u{a0}:",
            Lang::En => "VAT number:",
        };
        out.push(Mention { code: None, text: format!("{label} {}", vat.trim()) });
    }
    for subtotal in &document.totals.subtotals {
        if let Some(reason) = subtotal.vat.exemption_reason.as_deref().filter(|r| !r.trim().is_empty()) {
            if !out.iter().any(|m| m.text == reason.trim()) {
                out.push(Mention { code: None, text: reason.trim().to_owned() });
            }
        }
    }
    let professional = buyer_is_professional(document);
    let is_invoice = matches!(document.kind, DocumentKind::Invoice);
    if let DocumentKind::CreditNote { original_number, original_date } = &document.kind {
        out.push(Mention {
            code: None,
            text: match lang {
                Lang::Fr => {
                    format!("Avoir annulant la facture {original_number} du {}", original_date.format("%d/%m/%Y"))
                }
                Lang::En => format!("Credit note cancelling invoice {original_number} of {original_date}"),
            },
        });
    }
    out.push(coded(
        "AAB",
        match lang {
            Lang::Fr => "Pas d'escompte pour paiement anticipé.".to_owned(),
            Lang::En => "No discount for early payment (pas d'escompte).".to_owned(),
        },
    ));
    if professional || !is_invoice {
        out.push(coded(
            "PMD",
            match lang {
                Lang::Fr => "Pénalités de retard\u{a0}: taux d'intérêt appliqué par la Banque centrale européenne à son opération de \
                             refinancement la plus récente, majoré de 10 points (art. L441-10 du Code de commerce), exigibles \
                             dès le lendemain de l'échéance."
                    .to_owned(),
                Lang::En => "Late-payment penalties: the European Central Bank's most recent refinancing rate plus 10 \
                             percentage points (Code de commerce art. L441-10), due from the day after the due date."
                    .to_owned(),
            },
        ));
        // French writes "40,00 €" with a no-break space (the indemnity is 40 €: no
        // thousands to group); English "EUR 40.00".
        let amount = indemnity.map(|m| match lang {
            Lang::Fr if m.currency().code() == "EUR" => format!("{:.2}\u{a0}€", m.amount()).replace('.', ","),
            Lang::Fr => format!("{:.2}\u{a0}{}", m.amount(), m.currency().code()).replace('.', ","),
            Lang::En => format!("{} {:.2}", m.currency().code(), m.amount()),
        });
        out.push(coded(
            "PMT",
            match (lang, amount) {
                (Lang::Fr, Some(a)) => format!(
                    "Indemnité forfaitaire pour frais de recouvrement due en cas de retard de paiement\u{a0}: {a} \
                     (art. L441-10 et D441-5 du Code de commerce)."
                ),
                (Lang::En, Some(a)) => format!(
                    "Fixed indemnity for recovery costs in case of late payment: {a} (Code de commerce art. \
                     L441-10 and D441-5)."
                ),
                (Lang::Fr, None) => {
                    "Indemnité forfaitaire pour frais de recouvrement\u{a0}: montant fixé par l'art. D441-5 \
                                     du Code de commerce."
                        .to_owned()
                }
                (Lang::En, None) => {
                    "Fixed indemnity for recovery costs: the amount of Code de commerce art. D441-5.".to_owned()
                }
            },
        ));
    } else {
        // A consumer owes neither the indemnity nor commercial penalties (L441-9 governs
        // sales between professionals); the e-invoice still codes both notes (BR-FR-05).
        out.push(coded(
            "PMD",
            match lang {
                Lang::Fr => "Pénalités de retard\u{a0}: intérêt au taux légal (art. 1231-6 du Code civil).".to_owned(),
                Lang::En => "Late payment: interest at the statutory rate (Code civil art. 1231-6).".to_owned(),
            },
        ));
        out.push(coded(
            "PMT",
            match lang {
                Lang::Fr => {
                    "Indemnité forfaitaire pour frais de recouvrement\u{a0}: sans objet (client non professionnel)."
                        .to_owned()
                }
                Lang::En => "Fixed indemnity for recovery costs: not applicable (consumer).".to_owned(),
            },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_its_regional_tags_are_french_everything_else_english() {
        assert_eq!(Lang::parse("fr"), Lang::Fr);
        assert_eq!(Lang::parse("FR-be"), Lang::Fr);
        assert_eq!(Lang::parse("nl"), Lang::En);
        assert_eq!(Lang::parse(""), Lang::En);
    }
}
