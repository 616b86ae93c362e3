//! The printed invoice or credit note: the PDF a consumer or a foreign client (not on Peppol)
//! receives, in the client's language, with the same content as the e-invoice.
//!
//! Everything comes from `InvoiceDocument`, the content the pack's e-invoice is written from:
//! seller and buyer, lines, VAT breakdown, totals, payment instructions with the structured
//! reference, and the pack's legal mentions, already in the invoice's language. The labels
//! are the pack's (`documents.ftl`); amounts and dates take the language's forms. Where the
//! pack's e-invoice is hybrid (`CountryPack::printed_attachment`), the PDF carries the
//! pack's structured file inside it, so the printed invoice is also the e-invoice.

use super::invoices::{credit_note_document, document, load};
use super::Node;
use crate::error::AppError;
use partage_core::invoice::{DocumentKind, InvoiceDocument, Party};
use partage_core::pack::{AttachmentRelationship, IdentifierKind, PdfAttachment};
use partage_core::vat::VatCategory;
use partage_core::Money;
use partage_documents::{render_with, Align, Attachment, Block, Column, Document, Locale, Relationship, XmpSchema};
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

/// The issued invoice as a PDF in the client's language.
pub async fn invoice_pdf<C: ConnectionTrait>(c: &C, node: &Node, id: Uuid) -> Result<Vec<u8>, AppError> {
    let doc = document(c, node, id).await?;
    let language = load(c, id).await?.language;
    pdf(node, &doc, &language)
}

/// A credit note as a PDF in the client's language.
pub async fn credit_note_pdf<C: ConnectionTrait>(c: &C, node: &Node, id: Uuid) -> Result<Vec<u8>, AppError> {
    let doc = credit_note_document(c, node, id).await?;
    let note = crate::storage::entities::credit_note::Entity::find_by_id(id)
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("credit note", id))?;
    let language = load(c, note.invoice_id).await?.language;
    pdf(node, &doc, &language)
}

/// The lines a party's block shows: name, address, VAT and company numbers, the numbers
/// written the way the pack's country prints them.
fn party_lines(node: &Node, title: String, p: &Party, t: &dyn Fn(&str) -> String) -> Vec<String> {
    let mut lines = vec![title, p.name.clone(), p.street.clone(), format!("{} {}", p.postal_code, p.city)];
    lines.push(p.country.as_str().to_owned());
    if let Some(vat) = &p.vat_number {
        lines.push(format!("{} {}", t("invoice-vat-number"), node.pack.format_identifier(IdentifierKind::Vat, vat)));
    }
    if let Some(id) = &p.company_id {
        lines.push(format!(
            "{} {}",
            t("invoice-company-id"),
            node.pack.format_identifier(IdentifierKind::Enterprise, id)
        ));
    }
    if let Some(email) = &p.email {
        lines.push(email.clone());
    }
    lines
}

/// Lays out and renders an invoice document in `language`.
pub fn pdf(node: &Node, doc: &InvoiceDocument, language: &str) -> Result<Vec<u8>, AppError> {
    let locale = Locale::from_tag(language);
    let lang = locale.tag();
    let t = |code: &str| node.pack.label(lang, code).unwrap_or_else(|| code.to_owned());
    let money = |m: Money| locale.money(m.amount(), m.currency().code());
    let title = match doc.kind {
        DocumentKind::Invoice => t("invoice-title"),
        DocumentKind::CreditNote { .. } => t("credit-note-title"),
    };
    let (date_label, due_label) = match doc.kind {
        DocumentKind::Invoice => (t("invoice-date"), t("invoice-due")),
        DocumentKind::CreditNote { .. } => (t("credit-note-date"), t("credit-note-total")),
    };
    let mut facts = vec![(t("invoice-number"), doc.number.clone()), (date_label, locale.date(doc.issue_date))];
    if let Some(due) = doc.due_date {
        facts.push((t("invoice-due-date"), locale.date(due)));
    }
    if let DocumentKind::CreditNote { original_number, original_date } = &doc.kind {
        facts.push((t("invoice-corrects"), format!("{original_number} ({})", locale.date(*original_date))));
    }
    // The node fills the buyer's reference with the number when the client gave none.
    if !doc.buyer_reference.trim().is_empty() && doc.buyer_reference != doc.number {
        facts.push((t("invoice-buyer-reference"), doc.buyer_reference.clone()));
    }
    let rows = doc
        .lines
        .iter()
        .map(|l| {
            // Singular for one (French: under two, "1,5 heure"), plural otherwise.
            let one = l.quantity == Decimal::ONE || (locale == Locale::Fr && l.quantity < Decimal::TWO);
            let key = if one { format!("unit-{}", l.unit_code) } else { format!("unit-{}-other", l.unit_code) };
            let unit = node.pack.label(lang, &key).unwrap_or_else(|| l.unit_code.clone());
            vec![
                l.description.clone(),
                format!("{} {unit}", locale.number(l.quantity.normalize(), l.quantity.normalize().scale())),
                money(l.unit_price),
                locale.percent(l.vat.rate.value()),
                money(l.net),
            ]
        })
        .collect();
    let vat_rows = doc
        .totals
        .subtotals
        .iter()
        .map(|s| {
            let category = node
                .pack
                .label(lang, &format!("vat-category-{}", s.vat.category.code()))
                .unwrap_or_else(|| s.vat.category.code().to_owned());
            // Only a taxed category has a rate worth printing; the others are 0 by definition.
            let label = if s.vat.category == VatCategory::Standard {
                format!("{category} {}", locale.percent(s.vat.rate.value()))
            } else {
                category
            };
            vec![label, money(s.taxable), money(s.tax)]
        })
        .collect();
    let due = doc.totals.gross.checked_sub(doc.prepaid).map_err(|e| AppError::Corrupt(format!("totals: {e}")))?;
    let mut totals = vec![
        vec![t("invoice-total-net"), money(doc.totals.net)],
        vec![t("invoice-total-vat"), money(doc.totals.vat)],
        vec![t("invoice-total"), money(doc.totals.gross)],
    ];
    if !doc.prepaid.is_zero() {
        totals.push(vec![t("invoice-prepaid"), money(doc.prepaid)]);
    }
    let amount_column = |title: String, width: u32| Column { title, width, align: Align::Right };
    let mut blocks = vec![
        Block::Heading(format!("{title} {}", doc.number)),
        Block::Columns(vec![
            party_lines(node, t("invoice-seller"), &doc.seller, &t),
            party_lines(node, t("invoice-buyer"), &doc.buyer, &t),
        ]),
        Block::KeyValues(facts),
        Block::Table {
            columns: vec![
                Column { title: t("invoice-description"), width: 40, align: Align::Left },
                amount_column(t("invoice-quantity"), 14),
                amount_column(t("invoice-unit-price"), 16),
                amount_column(t("invoice-vat-rate"), 10),
                amount_column(t("invoice-net"), 20),
            ],
            rows,
            total: None,
        },
        Block::Table {
            columns: vec![
                // Wide enough for the longest single word a language names the base with
                // (German "Besteuerungsgrundlage"), so no header is cut inside a word.
                Column { title: t("invoice-vat-breakdown"), width: 52, align: Align::Left },
                amount_column(t("invoice-taxable"), 28),
                amount_column(t("invoice-tax"), 20),
            ],
            rows: vat_rows,
            total: None,
        },
        Block::Table {
            columns: vec![
                Column { title: String::new(), width: 80, align: Align::Left },
                amount_column(String::new(), 20),
            ],
            rows: totals,
            total: Some(vec![due_label, money(due)]),
        },
    ];
    if let Some(p) = &doc.payment {
        let mut payment = vec![(t("invoice-iban"), p.iban.clone())];
        if let Some(bic) = &p.bic {
            payment.push((t("invoice-bic"), bic.clone()));
        }
        payment.push((t("invoice-reference"), p.reference.clone()));
        blocks.push(Block::Heading(t("invoice-payment")));
        blocks.push(Block::KeyValues(payment));
    }
    if !doc.notes.is_empty() {
        blocks.push(Block::Heading(t("invoice-mentions")));
        blocks.extend(doc.notes.iter().map(|n| Block::Note(n.clone())));
    }
    let document = Document {
        title: format!("{title} {}", doc.number),
        author: doc.seller.name.clone(),
        language: lang.to_owned(),
        created: doc.issue_date.and_hms_opt(12, 0, 0).unwrap_or_default(),
        blocks,
    };
    // A pack whose e-invoice is hybrid gives the file the PDF carries (its names, schema and
    // values are the pack's): the printed invoice is then also the structured one.
    let attachments: Vec<Attachment> = node.pack.printed_attachment(doc)?.into_iter().map(attachment).collect();
    render_with(&document, &attachments)
        .map_err(|err| AppError::Pack(partage_core::pack::PackError::Render(err.to_string())))
}

/// The pack's attachment as the PDF renderer takes it.
fn attachment(a: PdfAttachment) -> Attachment {
    Attachment {
        file_name: a.file_name,
        media_type: a.media_type.to_owned(),
        description: a.description,
        relationship: match a.relationship {
            AttachmentRelationship::Data => Relationship::Data,
            AttachmentRelationship::Alternative => Relationship::Alternative,
            AttachmentRelationship::Source => Relationship::Source,
            AttachmentRelationship::Supplement => Relationship::Supplement,
        },
        content: a.content,
        xmp: a.xmp.map(|x| XmpSchema {
            namespace: x.namespace,
            prefix: x.prefix,
            schema: x.schema,
            properties: x.properties,
        }),
    }
}
