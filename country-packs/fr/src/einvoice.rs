//! French invoice mentions and e-invoices (skeleton: to be written).

use partage_core::invoice::InvoiceDocument;
use partage_core::pack::{EInvoice, PackError};

/// The legal mentions a French invoice prints.
pub fn invoice_mentions(_document: &InvoiceDocument, _language: &str) -> Vec<String> {
    Vec::new()
}

/// The invoice as an e-invoice.
pub fn render(_document: &InvoiceDocument) -> Result<EInvoice, PackError> {
    Err(PackError::Render("French e-invoices are not written yet".into()))
}
