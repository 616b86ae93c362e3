//! EN 16931 in OASIS UBL 2.1: `Invoice` and `CreditNote`, element order of the UBL 2.1
//! schemas. A note's subject code is written `#CODE#text`, the norm's UBL binding of BT-21.

use super::{amount, check, compact, given, iban, legal_id, notes, payable, with_vat_numbers, Profile, WriteError};
use crate::invoice::{DocumentKind, InvoiceDocument, InvoiceLine, Party};
use crate::money::Currency;
use crate::vat::{LineVat, VatCategory};
use crate::xml::XmlWriter;

const NS_CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const NS_CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
const NS_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
const NS_CREDIT_NOTE: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

/// The document as a UBL 2.1 `Invoice` or `CreditNote`.
pub fn write(document: &InvoiceDocument, profile: &Profile) -> Result<String, WriteError> {
    check(document)?;
    let currency = document.currency;
    let cur = currency.code();
    let is_invoice = matches!(document.kind, DocumentKind::Invoice);
    let vat_numbers = with_vat_numbers(document);
    let mut w = XmlWriter::new();
    let (root, ns) = if is_invoice { ("Invoice", NS_INVOICE) } else { ("CreditNote", NS_CREDIT_NOTE) };
    w.open(root, &[("xmlns", ns), ("xmlns:cac", NS_CAC), ("xmlns:cbc", NS_CBC)]);
    w.leaf("cbc:CustomizationID", &[], given(Some(&profile.guideline)).unwrap_or(super::cii::EN16931));
    if let Some(process) = given(profile.business_process.as_deref()) {
        w.leaf("cbc:ProfileID", &[], process);
    }
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
    for note in notes(document, profile) {
        let text = match given(note.subject.as_deref()) {
            Some(code) => format!("#{code}#{}", note.text.trim()),
            None => note.text.trim().to_owned(),
        };
        w.leaf("cbc:Note", &[], &text);
    }
    w.leaf("cbc:DocumentCurrencyCode", &[], cur);
    if let Some(reference) = given(Some(&document.buyer_reference)) {
        w.leaf("cbc:BuyerReference", &[], reference);
    }
    if let DocumentKind::CreditNote { original_number, original_date } = &document.kind {
        w.open("cac:BillingReference", &[]);
        w.open("cac:InvoiceDocumentReference", &[]);
        w.leaf("cbc:ID", &[], original_number.trim());
        w.leaf("cbc:IssueDate", &[], &original_date.to_string());
        w.close();
        w.close();
    }
    w.open("cac:AccountingSupplierParty", &[]);
    party(
        &mut w,
        &document.seller,
        profile.seller_legal_scheme.as_deref(),
        profile.seller_legal_information.as_deref(),
        vat_numbers,
    );
    w.close();
    w.open("cac:AccountingCustomerParty", &[]);
    party(&mut w, &document.buyer, profile.buyer_legal_scheme.as_deref(), None, vat_numbers);
    w.close();
    if let (true, Some(p)) = (is_invoice, document.payment.as_ref()) {
        let account = iban(&p.iban);
        if account.is_empty() {
            return Err(WriteError::Missing("the payee's IBAN (BT-84)"));
        }
        w.open("cac:PaymentMeans", &[]);
        // UNCL4461: 58 is a SEPA credit transfer (euro only), 30 any credit transfer.
        w.leaf("cbc:PaymentMeansCode", &[], if currency == Currency::EUR { "58" } else { "30" });
        if let Some(reference) = given(Some(&p.reference)) {
            w.leaf("cbc:PaymentID", &[], reference);
        }
        w.open("cac:PayeeFinancialAccount", &[]);
        w.leaf("cbc:ID", &[], &account);
        if let Some(bic) = given(p.bic.as_deref()) {
            w.open("cac:FinancialInstitutionBranch", &[]);
            w.leaf("cbc:ID", &[], bic);
            w.close();
        }
        w.close();
        w.close();
    }
    if let Some(terms) = given(profile.payment_terms.as_deref()) {
        w.open("cac:PaymentTerms", &[]);
        w.leaf("cbc:Note", &[], terms);
        w.close();
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
    w.open("cac:LegalMonetaryTotal", &[]);
    let totals = &document.totals;
    w.leaf("cbc:LineExtensionAmount", &[("currencyID", cur)], &amount(totals.net, currency)?);
    w.leaf("cbc:TaxExclusiveAmount", &[("currencyID", cur)], &amount(totals.net, currency)?);
    w.leaf("cbc:TaxInclusiveAmount", &[("currencyID", cur)], &amount(totals.gross, currency)?);
    if !document.prepaid.is_zero() {
        w.leaf("cbc:PrepaidAmount", &[("currencyID", cur)], &amount(document.prepaid, currency)?);
    }
    w.leaf("cbc:PayableAmount", &[("currencyID", cur)], &amount(payable(document)?, currency)?);
    w.close();
    for (index, line) in document.lines.iter().enumerate() {
        invoice_line(&mut w, index + 1, line, is_invoice, currency)?;
    }
    Ok(w.finish())
}

fn party(w: &mut XmlWriter, p: &Party, legal_scheme: Option<&str>, legal_information: Option<&str>, vat_numbers: bool) {
    w.open("cac:Party", &[]);
    if let Some((scheme, id)) = &p.endpoint {
        w.leaf("cbc:EndpointID", &[("schemeID", scheme.trim())], id.trim());
    }
    w.open("cac:PartyName", &[]);
    w.leaf("cbc:Name", &[], p.name.trim());
    w.close();
    w.open("cac:PostalAddress", &[]);
    if let Some(street) = given(Some(&p.street)) {
        w.leaf("cbc:StreetName", &[], street);
    }
    if let Some(city) = given(Some(&p.city)) {
        w.leaf("cbc:CityName", &[], city);
    }
    if let Some(code) = given(Some(&p.postal_code)) {
        w.leaf("cbc:PostalZone", &[], code);
    }
    w.open("cac:Country", &[]);
    w.leaf("cbc:IdentificationCode", &[], p.country.as_str());
    w.close();
    w.close();
    if let (true, Some(vat)) = (vat_numbers, given(p.vat_number.as_deref()).map(compact)) {
        w.open("cac:PartyTaxScheme", &[]);
        w.leaf("cbc:CompanyID", &[], &vat);
        w.open("cac:TaxScheme", &[]);
        w.leaf("cbc:ID", &[], "VAT");
        w.close();
        w.close();
    }
    w.open("cac:PartyLegalEntity", &[]);
    w.leaf("cbc:RegistrationName", &[], p.name.trim());
    if let Some(id) = legal_id(p) {
        match given(legal_scheme) {
            Some(scheme) => w.leaf("cbc:CompanyID", &[("schemeID", scheme)], &id),
            None => w.leaf("cbc:CompanyID", &[], &id),
        }
    }
    if let Some(info) = given(legal_information) {
        w.leaf("cbc:CompanyLegalForm", &[], info);
    }
    w.close();
    if let Some(email) = given(p.email.as_deref()) {
        w.open("cac:Contact", &[]);
        w.leaf("cbc:ElectronicMail", &[], email);
        w.close();
    }
    w.close();
}

fn tax_category(w: &mut XmlWriter, element: &'static str, vat: &LineVat, with_exemption: bool) {
    w.open(element, &[]);
    w.leaf("cbc:ID", &[], vat.category.code());
    if vat.category != VatCategory::OutOfScope {
        w.leaf("cbc:Percent", &[], &vat.rate.percent().normalize().to_string());
    }
    if with_exemption && !matches!(vat.category, VatCategory::Standard | VatCategory::ZeroRated) {
        if let Some(code) = given(vat.exemption_code.as_deref()) {
            w.leaf("cbc:TaxExemptionReasonCode", &[], code);
        }
        if let Some(reason) = given(vat.exemption_reason.as_deref()) {
            w.leaf("cbc:TaxExemptionReason", &[], reason);
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
) -> Result<(), WriteError> {
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
