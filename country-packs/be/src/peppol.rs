//! Peppol BIS Billing 3.0 in UBL 2.1: the e-invoice Belgian companies exchange.
//!
//! Since 1 January 2026 Belgian VAT-registered companies must exchange structured
//! e-invoices, by default over Peppol. The document follows the Peppol BIS Billing
//! 3.0 specification (docs.peppol.eu/poacc/billing/3.0/); the element order is the one
//! of the UBL 2.1 Invoice and CreditNote schemas. Rules that shape the output, by id:
//! - PEPPOL-EN16931-R002: at most one document-level note, so the notes are joined.
//! - PEPPOL-EN16931-R003: a buyer reference (or an order reference) is required.
//! - PEPPOL-EN16931-R010 / R020: both parties need an electronic address.
//! - BR-O-02: with category O no VAT identifier of seller or buyer may appear;
//!   BR-O-05: no rate on such lines.
//! - BR-61: SEPA credit transfer (code 58) needs the payee's account (IBAN).
//!
//! Amounts are written with exactly two decimals (the euro's minor unit).

use crate::identifiers::{belgian_enterprise_number, endpoint, EAS_BE_ENTERPRISE};
use crate::structured_reference::structured_communication;
use crate::LegalEntityRegister;
use partage_core::invoice::{DocumentKind, InvoiceDocument, InvoiceLine, Party};
use partage_core::money::{Currency, Money};
use partage_core::pack::{EInvoice, PackError};
use partage_core::vat::{LineVat, VatCategory};
use partage_core::xml::XmlWriter;

/// BT-24, the specification identifier of Peppol BIS Billing 3.0.
pub const CUSTOMIZATION_ID: &str = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";

/// BT-23, the Peppol billing business process.
pub const PROFILE_ID: &str = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

/// The format name given with the document.
pub const FORMAT: &str = "Peppol BIS Billing 3.0 (UBL 2.1)";

const NS_CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const NS_CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
const NS_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
const NS_CREDIT_NOTE: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

fn render_error(message: impl Into<String>) -> PackError {
    PackError::Render(message.into())
}

/// The amount with exactly two decimals, after checking its currency.
fn amount(money: Money, currency: Currency) -> Result<String, PackError> {
    if money.currency() != currency {
        return Err(render_error(format!("amount {money} is not in the document's currency {currency}")));
    }
    let mut value = money.amount();
    value.rescale(2);
    Ok(value.to_string())
}

/// Renders `document` as a Peppol BIS Billing 3.0 invoice or credit note.
pub fn render(document: &InvoiceDocument, register: Option<&LegalEntityRegister>) -> Result<EInvoice, PackError> {
    if document.number.trim().is_empty() {
        return Err(render_error("the document has no number (BT-1)"));
    }
    if document.buyer_reference.trim().is_empty() {
        return Err(render_error(
            "Peppol needs a buyer reference (BT-10, rule PEPPOL-EN16931-R003): ask the client for its \
             reference or purchase order number",
        ));
    }
    if document.lines.is_empty() {
        return Err(render_error("the document has no lines"));
    }
    let currency = document.currency;
    let cur = currency.code();
    let out_of_scope = document.totals.subtotals.iter().any(|s| s.vat.category == VatCategory::OutOfScope);
    let is_invoice = matches!(document.kind, DocumentKind::Invoice);
    let seller_endpoint = endpoint(&document.seller).map_err(|e| render_error(format!("seller: {}", e.0)))?;
    // A buyer without an address on Peppol (a consumer, a client whose VAT number gives
    // none) is a business fact, not a failure: the invoice exists, only not on Peppol.
    let buyer_endpoint =
        endpoint(&document.buyer).map_err(|e| PackError::NoElectronicAddress { format: FORMAT, reason: e.0 })?;

    let mut w = XmlWriter::new();
    let (root, ns) = if is_invoice { ("Invoice", NS_INVOICE) } else { ("CreditNote", NS_CREDIT_NOTE) };
    w.open(root, &[("xmlns", ns), ("xmlns:cac", NS_CAC), ("xmlns:cbc", NS_CBC)]);
    w.leaf("cbc:CustomizationID", &[], CUSTOMIZATION_ID);
    w.leaf("cbc:ProfileID", &[], PROFILE_ID);
    w.leaf("cbc:ID", &[], document.number.trim());
    w.leaf("cbc:IssueDate", &[], &document.issue_date.to_string());
    if is_invoice {
        if let Some(due) = document.due_date {
            w.leaf("cbc:DueDate", &[], &due.to_string());
        }
        w.leaf("cbc:InvoiceTypeCode", &[], "380");
    } else {
        w.leaf("cbc:CreditNoteTypeCode", &[], "381");
    }
    let notes: Vec<&str> = document.notes.iter().map(|n| n.trim()).filter(|n| !n.is_empty()).collect();
    if !notes.is_empty() {
        w.leaf("cbc:Note", &[], &notes.join("\n"));
    }
    w.leaf("cbc:DocumentCurrencyCode", &[], cur);
    w.leaf("cbc:BuyerReference", &[], document.buyer_reference.trim());
    if let DocumentKind::CreditNote { original_number, original_date } = &document.kind {
        w.open("cac:BillingReference", &[]);
        w.open("cac:InvoiceDocumentReference", &[]);
        w.leaf("cbc:ID", &[], original_number.trim());
        w.leaf("cbc:IssueDate", &[], &original_date.to_string());
        w.close();
        w.close();
    }
    w.open("cac:AccountingSupplierParty", &[]);
    party(&mut w, &document.seller, &seller_endpoint, !out_of_scope, register);
    w.close();
    w.open("cac:AccountingCustomerParty", &[]);
    party(&mut w, &document.buyer, &buyer_endpoint, !out_of_scope, None);
    w.close();
    if is_invoice {
        if let Some(payment) = &document.payment {
            let iban: String =
                payment.iban.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
            if iban.is_empty() {
                return Err(render_error("the payment instructions have no IBAN (BT-84)"));
            }
            let reference = match payment.reference.trim() {
                "" => structured_communication(&document.number),
                given => given.to_owned(),
            };
            w.open("cac:PaymentMeans", &[]);
            // UNCL4461: 58 is a SEPA credit transfer (euro only), 30 any credit transfer.
            if currency == Currency::EUR {
                w.leaf("cbc:PaymentMeansCode", &[("name", "SEPA credit transfer")], "58");
            } else {
                w.leaf("cbc:PaymentMeansCode", &[("name", "Credit transfer")], "30");
            }
            w.leaf("cbc:PaymentID", &[], &reference);
            w.open("cac:PayeeFinancialAccount", &[]);
            w.leaf("cbc:ID", &[], &iban);
            if let Some(bic) = payment.bic.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
                w.open("cac:FinancialInstitutionBranch", &[]);
                w.leaf("cbc:ID", &[], bic);
                w.close();
            }
            w.close();
            w.close();
        }
    }
    w.open("cac:TaxTotal", &[]);
    w.leaf("cbc:TaxAmount", &[("currencyID", cur)], &amount(document.totals.vat, currency)?);
    for subtotal in &document.totals.subtotals {
        w.open("cac:TaxSubtotal", &[]);
        w.leaf("cbc:TaxableAmount", &[("currencyID", cur)], &amount(subtotal.taxable, currency)?);
        w.leaf("cbc:TaxAmount", &[("currencyID", cur)], &amount(subtotal.tax, currency)?);
        tax_category(&mut w, "cac:TaxCategory", &subtotal.vat, true);
        w.close();
    }
    w.close();
    let payable =
        document.totals.gross.checked_sub(document.prepaid).map_err(|e| render_error(format!("amount due: {e}")))?;
    w.open("cac:LegalMonetaryTotal", &[]);
    w.leaf("cbc:LineExtensionAmount", &[("currencyID", cur)], &amount(document.totals.net, currency)?);
    w.leaf("cbc:TaxExclusiveAmount", &[("currencyID", cur)], &amount(document.totals.net, currency)?);
    w.leaf("cbc:TaxInclusiveAmount", &[("currencyID", cur)], &amount(document.totals.gross, currency)?);
    if !document.prepaid.is_zero() {
        w.leaf("cbc:PrepaidAmount", &[("currencyID", cur)], &amount(document.prepaid, currency)?);
    }
    w.leaf("cbc:PayableAmount", &[("currencyID", cur)], &amount(payable, currency)?);
    w.close();
    for (index, line) in document.lines.iter().enumerate() {
        invoice_line(&mut w, index + 1, line, is_invoice, currency)?;
    }
    Ok(EInvoice { format: FORMAT, media_type: "application/xml", content: w.finish().into_bytes() })
}

/// A party: electronic address, name, address, VAT number, legal entity, contact.
fn party(
    w: &mut XmlWriter,
    p: &Party,
    (scheme, id): &(String, String),
    with_vat_number: bool,
    register: Option<&LegalEntityRegister>,
) {
    w.open("cac:Party", &[]);
    w.leaf("cbc:EndpointID", &[("schemeID", scheme)], id);
    w.open("cac:PartyName", &[]);
    w.leaf("cbc:Name", &[], p.name.trim());
    w.close();
    w.open("cac:PostalAddress", &[]);
    if !p.street.trim().is_empty() {
        w.leaf("cbc:StreetName", &[], p.street.trim());
    }
    if !p.city.trim().is_empty() {
        w.leaf("cbc:CityName", &[], p.city.trim());
    }
    if !p.postal_code.trim().is_empty() {
        w.leaf("cbc:PostalZone", &[], p.postal_code.trim());
    }
    w.open("cac:Country", &[]);
    w.leaf("cbc:IdentificationCode", &[], p.country.as_str());
    w.close();
    w.close();
    let vat = p.vat_number.as_deref().map(compact).filter(|v| !v.is_empty());
    if let (true, Some(vat)) = (with_vat_number, vat) {
        w.open("cac:PartyTaxScheme", &[]);
        w.leaf("cbc:CompanyID", &[], &vat);
        w.open("cac:TaxScheme", &[]);
        w.leaf("cbc:ID", &[], "VAT");
        w.close();
        w.close();
    }
    w.open("cac:PartyLegalEntity", &[]);
    w.leaf("cbc:RegistrationName", &[], p.name.trim());
    if let Some((number, scheme)) = legal_id(p) {
        match scheme {
            Some(s) => w.leaf("cbc:CompanyID", &[("schemeID", s)], &number),
            None => w.leaf("cbc:CompanyID", &[], &number),
        }
    }
    if let Some(r) = register {
        // BT-33, seller additional legal information: the legal form and register the
        // Code of companies and associations art. 2:20 asks for.
        w.leaf("cbc:CompanyLegalForm", &[], &format!("{}, RPM/RPR {}", r.legal_form.trim(), r.court.trim()));
    }
    w.close();
    if let Some(email) = p.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        w.open("cac:Contact", &[]);
        w.leaf("cbc:ElectronicMail", &[], email);
        w.close();
    }
    w.close();
}

/// The legal registration identifier (BT-30, BT-47): a Belgian enterprise number with
/// its ICD scheme 0208, otherwise the identifier as given, without scheme.
fn legal_id(p: &Party) -> Option<(String, Option<&'static str>)> {
    let belgian = |raw: &str| -> Option<String> {
        if p.country.as_str() == "BE" {
            belgian_enterprise_number(raw)
        } else {
            None
        }
    };
    if let Some(raw) = p.company_id.as_deref().filter(|c| !c.trim().is_empty()) {
        return Some(match belgian(raw) {
            Some(n) => (n, Some(EAS_BE_ENTERPRISE)),
            None => (raw.trim().to_owned(), None),
        });
    }
    p.vat_number.as_deref().and_then(belgian).map(|n| (n, Some(EAS_BE_ENTERPRISE)))
}

fn compact(vat: &str) -> String {
    vat.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_uppercase()
}

/// A VAT category (BT-118 / BT-151) with its rate and, for untaxed ones, the exemption reason.
fn tax_category(w: &mut XmlWriter, element: &'static str, vat: &LineVat, with_exemption: bool) {
    w.open(element, &[]);
    w.leaf("cbc:ID", &[], vat.category.code());
    if vat.category != VatCategory::OutOfScope {
        w.leaf("cbc:Percent", &[], &vat.rate.percent().to_string());
    }
    if with_exemption && !matches!(vat.category, VatCategory::Standard | VatCategory::ZeroRated) {
        if let Some(code) = vat.exemption_code.as_deref().filter(|c| !c.trim().is_empty()) {
            w.leaf("cbc:TaxExemptionReasonCode", &[], code.trim());
        }
        if let Some(reason) = vat.exemption_reason.as_deref().filter(|r| !r.trim().is_empty()) {
            w.leaf("cbc:TaxExemptionReason", &[], reason.trim());
        }
    }
    w.open("cac:TaxScheme", &[]);
    w.leaf("cbc:ID", &[], "VAT");
    w.close();
    w.close();
}

fn invoice_line(
    w: &mut XmlWriter,
    id: usize,
    line: &InvoiceLine,
    is_invoice: bool,
    currency: Currency,
) -> Result<(), PackError> {
    let cur = currency.code();
    let (element, quantity) = if is_invoice {
        ("cac:InvoiceLine", "cbc:InvoicedQuantity")
    } else {
        ("cac:CreditNoteLine", "cbc:CreditedQuantity")
    };
    w.open(element, &[]);
    w.leaf("cbc:ID", &[], &id.to_string());
    w.leaf(quantity, &[("unitCode", &line.unit_code)], &line.quantity.normalize().to_string());
    w.leaf("cbc:LineExtensionAmount", &[("currencyID", cur)], &amount(line.net, currency)?);
    w.open("cac:Item", &[]);
    w.leaf("cbc:Name", &[], line.description.trim());
    tax_category(w, "cac:ClassifiedTaxCategory", &line.vat, false);
    w.close();
    w.open("cac:Price", &[]);
    w.leaf("cbc:PriceAmount", &[("currencyID", cur)], &amount(line.unit_price, currency)?);
    w.close();
    w.close();
    Ok(())
}
