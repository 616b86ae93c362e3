//! The contract a country pack implements.
//!
//! A pack brings a country's rules as dated, sourced data and the code that
//! applies them: VAT, calendar, invoice mentions, the e-invoice format. It knows
//! no storage and no HTTP; the date of every computation is an argument.

use crate::calendar::Calendar;
use crate::client::{Client, CountryCode};
use crate::dated::ParameterError;
use crate::invoice::InvoiceDocument;
use crate::money::{Currency, Rate};
use crate::vat::LineVat;
use chrono::NaiveDate;

/// A parameter value as shown to people: for the parameters endpoint and docs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParameterView {
    /// Dotted name, e.g. `vat.rates.standard`.
    pub name: String,
    /// What it is.
    pub description: String,
    /// The value, as text (rates as fractions, amounts as decimals).
    pub value: String,
    /// First day it applies.
    pub from: NaiveDate,
    /// Last day, when known.
    pub until: Option<NaiveDate>,
    /// Where it comes from.
    pub source: String,
}

/// An e-invoice rendered in the country's format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EInvoice {
    /// Format name, e.g. `Peppol BIS Billing 3.0 (UBL 2.1)`.
    pub format: &'static str,
    /// Media type of the content (`application/xml`; `application/pdf` for a Factur-X invoice).
    pub media_type: &'static str,
    /// The document's bytes: an XML invoice is text, a Factur-X invoice a PDF.
    pub content: Vec<u8>,
}

impl EInvoice {
    /// The content as text, when it is UTF-8 (an XML invoice); None for a binary one.
    pub fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.content).ok()
    }
}

/// A machine-readable file the printed PDF of an invoice carries inside it, so that one
/// PDF/A-3 file is both the page people read and the structured invoice (a hybrid
/// e-invoice). The pack gives every name and value; the node only hands them to its PDF
/// renderer, so it learns no format's vocabulary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PdfAttachment {
    /// The file's name inside the PDF, as the format fixes it.
    pub file_name: String,
    /// Its media type (`text/xml`).
    pub media_type: &'static str,
    /// A description for people, shown by PDF readers.
    pub description: String,
    /// How the file relates to the visible document.
    pub relationship: AttachmentRelationship,
    /// The file's bytes.
    pub content: Vec<u8>,
    /// The format's XMP extension schema the PDF's metadata must carry, if any.
    pub xmp: Option<XmpExtension>,
}

/// How an attached file relates to the PDF (PDF 2.0 / PDF/A-3 `AFRelationship`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttachmentRelationship {
    /// The page was rendered from the file's data.
    Data,
    /// The file is an equivalent representation of the document.
    Alternative,
    /// The document was made from the file.
    Source,
    /// The file adds to the document.
    Supplement,
}

/// An XMP extension schema and its properties' values (PDF/A asks every custom property
/// to be described in the metadata's `pdfaExtension:schemas`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmpExtension {
    /// The schema's namespace URI.
    pub namespace: String,
    /// Its prefix.
    pub prefix: String,
    /// Its name, for people.
    pub schema: String,
    /// The properties: (name, value, description), all of type Text.
    pub properties: Vec<(String, String, String)>,
}

/// Why a pack refuses or cannot compute.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PackError {
    /// A VAT rate that the country does not apply on that date.
    #[error("VAT rate {rate} is not in force in {country} on {date} (rates in force: {in_force})")]
    VatRateNotInForce {
        /// The country.
        country: CountryCode,
        /// The rate asked for.
        rate: Rate,
        /// The date.
        date: NaiveDate,
        /// The rates in force then, listed.
        in_force: String,
    },
    /// A parameter missing or malformed.
    #[error(transparent)]
    Parameter(#[from] ParameterError),
    /// The document cannot be rendered.
    #[error("cannot render the document: {0}")]
    Render(String),
    /// A legal rate that no source gives for the period: the document that needs it
    /// is refused rather than computed with a guess.
    #[error("{parameter} has no sourced value for {period}: {note}")]
    RateNotSourced {
        /// The parameter (dotted name and field).
        parameter: String,
        /// The period it is needed for (e.g. `2024-Q3`).
        period: String,
        /// What the pack's research found, and what to do.
        note: String,
    },
    /// The buyer has no electronic address in the format's network (a consumer, or a
    /// client whose identifiers give none): the document cannot exist in that format.
    #[error("no {format} document for this buyer: {reason}")]
    NoElectronicAddress {
        /// The format (`Peppol BIS Billing 3.0 (UBL 2.1)`).
        format: &'static str,
        /// Why, for a person.
        reason: String,
    },
    /// A person's or a company's identifier that the country does not accept.
    #[error("{what}: {message}")]
    InvalidIdentifier {
        /// Which identifier.
        what: &'static str,
        /// What is wrong.
        message: String,
    },
}

/// An identifier a document prints, for the pack to write the way its country's readers do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentifierKind {
    /// A company's registration number in the country's business register.
    Enterprise,
    /// A VAT identification number, with its country prefix.
    Vat,
    /// A person's national identification number.
    National,
}

/// How long the supporting documents of the accounts (an expense claim's receipt) are kept,
/// and the law that says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retention {
    /// Whole calendar years kept after the year of the entry the document supports.
    pub years: u32,
    /// The law or laws that set it (where two disagree, the longest is kept and both named).
    pub source: &'static str,
}

/// A country pack: the rules of one country.
pub trait CountryPack: Send + Sync {
    /// The country.
    fn country(&self) -> CountryCode;

    /// The currency of its payroll and bookkeeping.
    fn currency(&self) -> Currency;

    /// The country's legal time zone, as an IANA name (`Europe/Brussels`): the node
    /// says what "today" and "already started" mean in it, not in its machine's zone.
    fn time_zone(&self) -> &'static str;

    /// Its calendar of working days.
    fn calendar(&self) -> &dyn Calendar;

    /// The VAT of a line sold on `date` by a seller established in the pack's
    /// country to `buyer`, at the `rate` the member asked for. Reverse charge and
    /// exemptions are the pack's decision; a rate not in force is refused.
    fn line_vat(&self, date: NaiveDate, buyer: &Client, rate: Rate) -> Result<LineVat, PackError>;

    /// The legal mentions an invoice must carry, in the invoice's language.
    fn invoice_mentions(&self, document: &InvoiceDocument, language: &str) -> Vec<String>;

    /// The payment reference the buyer quotes (a structured reference where the country has one).
    fn payment_reference(&self, document_number: &str) -> String;

    /// The document in the country's e-invoicing format.
    fn e_invoice(&self, document: &InvoiceDocument) -> Result<EInvoice, PackError>;

    /// The file the printed PDF of `document` embeds (a hybrid e-invoice), or None for a
    /// plain PDF. Packs whose e-invoice is not hybrid keep this default.
    fn printed_attachment(&self, document: &InvoiceDocument) -> Result<Option<PdfAttachment>, PackError> {
        let _ = document;
        Ok(None)
    }

    /// The pack's Fluent message for `code` (a payslip line's code...) in
    /// `language`, falling back to English; None when the pack has none.
    fn label(&self, language: &str, code: &str) -> Option<String>;

    /// The pack's Fluent message for `code` in `language` with its variables
    /// (`$date`, `$amount`...) given as text, falling back to English; None when
    /// the pack has none or a variable is missing. Packs without such messages
    /// keep this default.
    fn label_with(&self, language: &str, code: &str, args: &[(&str, &str)]) -> Option<String> {
        let _ = args;
        self.label(language, code)
    }

    /// `value` (as stored: digits, no separators) the way the country's documents print it
    /// (with the dots or spaces its readers expect). Packs without a usage keep this default:
    /// the value as stored, so no document ever prints a guess.
    fn format_identifier(&self, kind: IdentifierKind, value: &str) -> String {
        let _ = kind;
        value.to_owned()
    }

    /// A person's national identification number, normalised, or why the
    /// country does not accept it (its shape, its check digits).
    fn national_id(&self, text: &str, birth_date: NaiveDate) -> Result<String, PackError>;

    /// The hiring declaration in the country's format, made at
    /// `created_at` (the form carries its creation time; packs read no clock).
    fn hiring_declaration(
        &self,
        declaration: &crate::hiring::HiringDeclaration,
        created_at: chrono::NaiveDateTime,
    ) -> Result<crate::hiring::Filing, PackError>;

    /// The pack's payroll rules.
    fn payroll(&self) -> &dyn crate::payroll::Payroll;

    /// Every parameter in force on `date`, with validity and source.
    fn parameters(&self, date: NaiveDate) -> Result<Vec<ParameterView>, PackError>;

    /// The allowances that price members' expense claims (kilometres, days abroad).
    fn expenses(&self) -> &dyn crate::expense::ExpenseRules;

    /// The rules for overdue invoices: reminders, late-payment interest, lump-sum damages.
    fn dunning(&self) -> &dyn crate::dunning::DunningRules;

    /// What the year-end true-up of a stabilised monthly contract may do with a surplus.
    fn true_up_policy(&self) -> crate::contract::TrueUpPolicy;

    /// The social security return of `ret.period` in the country's format, made at
    /// `created_at` (the form carries its creation time; packs read no clock). A period
    /// of another frequency than `return_frequency` is refused.
    fn periodic_return(
        &self,
        ret: &crate::social_return::SocialReturn,
        created_at: chrono::NaiveDateTime,
    ) -> Result<crate::hiring::Filing, PackError>;

    /// What `periodic_return` declares for `ret.period` under the return's codes: its
    /// contributions and deductions by code and the net owed, computed as the document
    /// computes them. Packs whose return carries no such figures keep this default: none.
    fn declared_amounts(
        &self,
        ret: &crate::social_return::SocialReturn,
    ) -> Result<Option<crate::social_return::DeclaredAmounts>, PackError> {
        let _ = ret;
        Ok(None)
    }

    /// How often the country's social security return is filed: the period
    /// `periodic_return` takes (a quarter, a month).
    fn return_frequency(&self) -> crate::social_return::ReturnFrequency;

    /// How long a supporting document of the accounts is kept before the node may delete it.
    fn supporting_documents_retention(&self) -> Retention;

    /// Checks one reference of the state's acknowledgement of a filing (the numbers
    /// later declarations quote), refusing one the country's format cannot carry with
    /// `PackError::InvalidIdentifier` naming what it is.
    fn check_acknowledgement(&self, reference: &str) -> Result<(), PackError>;

    /// The account of the country's chart of accounts where the journal's `kind` is kept,
    /// for statements and the trial balance.
    fn chart_account(&self, kind: crate::ledger::AccountKind) -> &'static str;

    /// The seller's own identifiers derived from its VAT number: its company registration
    /// number and its electronic address in the pack's e-invoice network. Packs without
    /// them keep this default: none, so an invoice never carries a guess.
    fn seller_identifiers(&self, vat_number: &str) -> SellerIdentifiers {
        let _ = vat_number;
        SellerIdentifiers::default()
    }

    /// The languages (ISO 639-1) the pack's labels and documents are written in, its
    /// default first.
    fn languages(&self) -> &'static [&'static str] {
        &["en"]
    }

    /// The employer's registration with the country's social security, from the pack's
    /// configuration section; empty when the node has not registered.
    fn employer_registration(&self) -> EmployerRegistration {
        EmployerRegistration::default()
    }

    /// The sector's collective agreement, in the country's code list, under which a worker
    /// of `worker_category` is employed, from the pack's configuration; None when the
    /// country has none for it.
    fn collective_agreement(&self, worker_category: &str) -> Option<String> {
        let _ = worker_category;
        None
    }

    /// The motives a fixed-term contract may state, the country's closed list (see
    /// `contract_reason::check`); packs whose country asks none keep this default: none, and a
    /// motive given is refused.
    fn contract_reasons(&self) -> &'static [crate::contract_reason::ReasonCase] {
        &[]
    }

    /// The motive a fixed-term contract of `worker_category` states when its declaration gives
    /// none, where the worker's kind decides it; None (the default) when the contract must state
    /// its own.
    fn default_contract_reason(&self, worker_category: &str) -> Option<crate::contract_reason::ContractReason> {
        let _ = worker_category;
        None
    }

    /// Fills the details of a hiring declaration that the pack's configuration holds (the
    /// employer's social security registration, the collective agreement and worker type
    /// of a worker of `worker_category`) into `declaration`, which the node built with
    /// the employment's dates and the worker.
    fn complete_hiring_declaration(&self, declaration: &mut crate::hiring::HiringDeclaration, worker_category: &str) {
        declaration.employer.social_security_number = self.employer_registration().social_security_number;
        declaration.collective_agreement = self.collective_agreement(worker_category).unwrap_or_default();
    }

    /// Checks a buyer's electronic address (`scheme`: the network's code of the
    /// identifier) the way the pack's e-invoice network does, so that a typo does not make
    /// every e-invoice to that buyer undeliverable. Packs without such checks keep this
    /// default: every address passes.
    fn check_electronic_address(&self, scheme: &str, id: &str) -> Result<(), PackError> {
        let _ = (scheme, id);
        Ok(())
    }
}

/// A seller's identifiers that its pack derives from its VAT number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SellerIdentifiers {
    /// Company registration number, as the e-invoice's legal registration identifier.
    pub company_id: Option<String>,
    /// Electronic address: (scheme, identifier) in the pack's e-invoice network.
    pub endpoint: Option<(String, String)>,
}

/// The employer's registration with the country's social security, as its returns state it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmployerRegistration {
    /// The employer's social security number, if registered.
    pub social_security_number: Option<String>,
    /// The category the social security administration gave the employer, if any.
    pub category: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_e_invoice_is_text_only_when_its_bytes_are_utf8() {
        let xml = EInvoice { format: "UBL", media_type: "application/xml", content: "<Invoice/>".into() };
        assert_eq!(xml.text(), Some("<Invoice/>"));
        let pdf = EInvoice { format: "Factur-X", media_type: "application/pdf", content: vec![0x25, 0x50, 0xff, 0xfe] };
        assert_eq!(pdf.text(), None);
    }
}
