//! EN 16931 in UN/CEFACT Cross Industry Invoice D16B, the syntax hybrid PDF invoices embed.
//!
//! Element order is the D16B schema's (stricter profile schemas check it). Dates are
//! `format="102"` (CCYYMMDD).

use super::{amount, check, compact, given, iban, legal_id, notes, payable, with_vat_numbers, Profile, WriteError};
use crate::invoice::{DocumentKind, InvoiceDocument, InvoiceLine, Party};
use crate::money::Currency;
use crate::vat::{LineVat, VatCategory};
use crate::xml::XmlWriter;
use chrono::NaiveDate;

const NS_RSM: &str = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
const NS_RAM: &str = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
const NS_UDT: &str = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
const NS_QDT: &str = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";

/// The BT-24 of a plain EN 16931 invoice.
pub const EN16931: &str = "urn:cen.eu:en16931:2017";

fn date(w: &mut XmlWriter, element: &'static str, inner: &'static str, day: NaiveDate) {
    w.open(element, &[]);
    w.leaf(inner, &[("format", "102")], &day.format("%Y%m%d").to_string());
    w.close();
}

/// The document as a CII D16B `CrossIndustryInvoice`.
pub fn write(document: &InvoiceDocument, profile: &Profile) -> Result<String, WriteError> {
    check(document)?;
    let currency = document.currency;
    let cur = currency.code();
    let vat_numbers = with_vat_numbers(document);
    let mut w = XmlWriter::new();
    w.open(
        "rsm:CrossIndustryInvoice",
        &[("xmlns:rsm", NS_RSM), ("xmlns:ram", NS_RAM), ("xmlns:udt", NS_UDT), ("xmlns:qdt", NS_QDT)],
    );
    w.open("rsm:ExchangedDocumentContext", &[]);
    if let Some(process) = given(profile.business_process.as_deref()) {
        w.open("ram:BusinessProcessSpecifiedDocumentContextParameter", &[]);
        w.leaf("ram:ID", &[], process);
        w.close();
    }
    w.open("ram:GuidelineSpecifiedDocumentContextParameter", &[]);
    w.leaf("ram:ID", &[], given(Some(&profile.guideline)).unwrap_or(EN16931));
    w.close();
    w.close();

    w.open("rsm:ExchangedDocument", &[]);
    w.leaf("ram:ID", &[], document.number.trim());
    let type_code = match document.kind {
        DocumentKind::Invoice => "380",
        DocumentKind::CreditNote { .. } => "381",
    };
    w.leaf("ram:TypeCode", &[], type_code);
    date(&mut w, "ram:IssueDateTime", "udt:DateTimeString", document.issue_date);
    for note in notes(document, profile) {
        w.open("ram:IncludedNote", &[]);
        w.leaf("ram:Content", &[], note.text.trim());
        if let Some(code) = given(note.subject.as_deref()) {
            w.leaf("ram:SubjectCode", &[], code);
        }
        w.close();
    }
    w.close();

    w.open("rsm:SupplyChainTradeTransaction", &[]);
    for (index, line) in document.lines.iter().enumerate() {
        line_item(&mut w, index + 1, line, currency)?;
    }
    w.open("ram:ApplicableHeaderTradeAgreement", &[]);
    if let Some(reference) = given(Some(&document.buyer_reference)) {
        w.leaf("ram:BuyerReference", &[], reference);
    }
    party(
        &mut w,
        "ram:SellerTradeParty",
        &document.seller,
        profile.seller_legal_scheme.as_deref(),
        profile.seller_legal_information.as_deref(),
        vat_numbers,
    );
    party(&mut w, "ram:BuyerTradeParty", &document.buyer, profile.buyer_legal_scheme.as_deref(), None, vat_numbers);
    w.close();
    // Required even empty: the delivery (BG-13) is not recorded.
    w.open("ram:ApplicableHeaderTradeDelivery", &[]);
    w.close();

    w.open("ram:ApplicableHeaderTradeSettlement", &[]);
    let payment = match document.kind {
        DocumentKind::Invoice => document.payment.as_ref(),
        DocumentKind::CreditNote { .. } => None,
    };
    if let Some(reference) = payment.and_then(|p| given(Some(&p.reference))) {
        w.leaf("ram:PaymentReference", &[], reference);
    }
    w.leaf("ram:InvoiceCurrencyCode", &[], cur);
    if let Some(p) = payment {
        let account = iban(&p.iban);
        if account.is_empty() {
            return Err(WriteError::Missing("the payee's IBAN (BT-84)"));
        }
        w.open("ram:SpecifiedTradeSettlementPaymentMeans", &[]);
        // UNCL4461: 58 is a SEPA credit transfer (euro only), 30 any credit transfer.
        w.leaf("ram:TypeCode", &[], if currency == Currency::EUR { "58" } else { "30" });
        w.open("ram:PayeePartyCreditorFinancialAccount", &[]);
        w.leaf("ram:IBANID", &[], &account);
        w.close();
        if let Some(bic) = given(p.bic.as_deref()) {
            w.open("ram:PayeeSpecifiedCreditorFinancialInstitution", &[]);
            w.leaf("ram:BICID", &[], bic);
            w.close();
        }
        w.close();
    }
    for subtotal in &document.totals.subtotals {
        w.open("ram:ApplicableTradeTax", &[]);
        w.leaf("ram:CalculatedAmount", &[], &amount(subtotal.tax, currency)?);
        w.leaf("ram:TypeCode", &[], "VAT");
        let untaxed = !matches!(subtotal.vat.category, VatCategory::Standard | VatCategory::ZeroRated);
        if untaxed {
            if let Some(reason) = given(subtotal.vat.exemption_reason.as_deref()) {
                w.leaf("ram:ExemptionReason", &[], reason);
            }
        }
        w.leaf("ram:BasisAmount", &[], &amount(subtotal.taxable, currency)?);
        w.leaf("ram:CategoryCode", &[], subtotal.vat.category.code());
        if untaxed {
            if let Some(code) = given(subtotal.vat.exemption_code.as_deref()) {
                w.leaf("ram:ExemptionReasonCode", &[], code);
            }
        }
        if subtotal.vat.category != VatCategory::OutOfScope {
            w.leaf("ram:RateApplicablePercent", &[], &subtotal.vat.rate.percent().normalize().to_string());
        }
        w.close();
    }
    let due_date = match document.kind {
        DocumentKind::Invoice => document.due_date,
        DocumentKind::CreditNote { .. } => None,
    };
    let terms = given(profile.payment_terms.as_deref());
    if due_date.is_some() || terms.is_some() {
        w.open("ram:SpecifiedTradePaymentTerms", &[]);
        if let Some(terms) = terms {
            w.leaf("ram:Description", &[], terms);
        }
        if let Some(due) = due_date {
            date(&mut w, "ram:DueDateDateTime", "udt:DateTimeString", due);
        }
        w.close();
    }
    w.open("ram:SpecifiedTradeSettlementHeaderMonetarySummation", &[]);
    let totals = &document.totals;
    w.leaf("ram:LineTotalAmount", &[], &amount(totals.net, currency)?);
    w.leaf("ram:TaxBasisTotalAmount", &[], &amount(totals.net, currency)?);
    w.leaf("ram:TaxTotalAmount", &[("currencyID", cur)], &amount(totals.vat, currency)?);
    w.leaf("ram:GrandTotalAmount", &[], &amount(totals.gross, currency)?);
    if !document.prepaid.is_zero() {
        w.leaf("ram:TotalPrepaidAmount", &[], &amount(document.prepaid, currency)?);
    }
    w.leaf("ram:DuePayableAmount", &[], &amount(payable(document)?, currency)?);
    w.close();
    if let DocumentKind::CreditNote { original_number, original_date } = &document.kind {
        w.open("ram:InvoiceReferencedDocument", &[]);
        w.leaf("ram:IssuerAssignedID", &[], original_number.trim());
        date(&mut w, "ram:FormattedIssueDateTime", "qdt:DateTimeString", *original_date);
        w.close();
    }
    w.close();
    w.close();
    Ok(w.finish())
}

/// A trade party (BG-4, BG-7): name, legal information, address, electronic address, VAT number.
fn party(
    w: &mut XmlWriter,
    element: &'static str,
    p: &Party,
    legal_scheme: Option<&str>,
    legal_information: Option<&str>,
    vat_numbers: bool,
) {
    w.open(element, &[]);
    w.leaf("ram:Name", &[], p.name.trim());
    if let Some(info) = given(legal_information) {
        w.leaf("ram:Description", &[], info);
    }
    if let Some(id) = legal_id(p) {
        w.open("ram:SpecifiedLegalOrganization", &[]);
        match given(legal_scheme) {
            Some(scheme) => w.leaf("ram:ID", &[("schemeID", scheme)], &id),
            None => w.leaf("ram:ID", &[], &id),
        }
        w.close();
    }
    if let Some(email) = given(p.email.as_deref()) {
        w.open("ram:DefinedTradeContact", &[]);
        w.open("ram:EmailURIUniversalCommunication", &[]);
        w.leaf("ram:URIID", &[], email);
        w.close();
        w.close();
    }
    w.open("ram:PostalTradeAddress", &[]);
    if let Some(code) = given(Some(&p.postal_code)) {
        w.leaf("ram:PostcodeCode", &[], code);
    }
    if let Some(street) = given(Some(&p.street)) {
        w.leaf("ram:LineOne", &[], street);
    }
    if let Some(city) = given(Some(&p.city)) {
        w.leaf("ram:CityName", &[], city);
    }
    w.leaf("ram:CountryID", &[], p.country.as_str());
    w.close();
    if let Some((scheme, id)) = &p.endpoint {
        w.open("ram:URIUniversalCommunication", &[]);
        w.leaf("ram:URIID", &[("schemeID", scheme.trim())], id.trim());
        w.close();
    }
    if let (true, Some(vat)) = (vat_numbers, given(p.vat_number.as_deref()).map(compact)) {
        w.open("ram:SpecifiedTaxRegistration", &[]);
        w.leaf("ram:ID", &[("schemeID", "VA")], &vat);
        w.close();
    }
    w.close();
}

fn line_tax(w: &mut XmlWriter, vat: &LineVat) {
    w.open("ram:ApplicableTradeTax", &[]);
    w.leaf("ram:TypeCode", &[], "VAT");
    w.leaf("ram:CategoryCode", &[], vat.category.code());
    if vat.category != VatCategory::OutOfScope {
        w.leaf("ram:RateApplicablePercent", &[], &vat.rate.percent().normalize().to_string());
    }
    w.close();
}

fn line_item(w: &mut XmlWriter, id: usize, line: &InvoiceLine, currency: Currency) -> Result<(), WriteError> {
    w.open("ram:IncludedSupplyChainTradeLineItem", &[]);
    w.open("ram:AssociatedDocumentLineDocument", &[]);
    w.leaf("ram:LineID", &[], &id.to_string());
    w.close();
    w.open("ram:SpecifiedTradeProduct", &[]);
    w.leaf("ram:Name", &[], line.description.trim());
    w.close();
    w.open("ram:SpecifiedLineTradeAgreement", &[]);
    w.open("ram:NetPriceProductTradePrice", &[]);
    w.leaf("ram:ChargeAmount", &[], &amount(line.unit_price, currency)?);
    w.close();
    w.close();
    w.open("ram:SpecifiedLineTradeDelivery", &[]);
    w.leaf("ram:BilledQuantity", &[("unitCode", &line.unit_code)], &line.quantity.normalize().to_string());
    w.close();
    w.open("ram:SpecifiedLineTradeSettlement", &[]);
    line_tax(w, &line.vat);
    w.open("ram:SpecifiedTradeSettlementLineMonetarySummation", &[]);
    w.leaf("ram:LineTotalAmount", &[], &amount(line.net, currency)?);
    w.close();
    w.close();
    w.close();
    Ok(())
}
