//! Dunning letters: the reminder, formal notice or last notice a client receives for a step
//! already sent, as a PDF and as the plain text of an e-mail, in French, Dutch or English.
//!
//! Everything comes from stored rows: the step as sent (outstanding, interest, its first day, fee,
//! damages), the invoice, its buyer as it stood at issue and the node's entity settings. The pack
//! gives the wording (`dunning-*` Fluent messages), the schedule that sets the deadline before the
//! next step, the rates and the way identifiers print; amounts and dates take the CLDR forms the
//! documents crate gives every document. The letter recomputes no claimed amount, so it always
//! says what the step recorded.

use super::dunning::dunning_error;
use super::Node;
use crate::error::AppError;
use crate::storage::clients::client_of;
use crate::storage::dunning::{self as repo, DunnedInvoice, StepRecord};
use chrono::NaiveDate;
use partage_core::client::{Client, ClientKind};
use partage_core::dunning::{next_step, DunningError, DunningLevel};
use partage_core::pack::IdentifierKind;
use partage_core::{Money, Rate};
use partage_documents::{render, Align, Block, Column, Document, Locale};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

/// A letter's wording in one language, with the language's number and date forms (CLDR, through
/// the documents crate's `Locale`, as invoices and payslips write them).
struct Words<'a> {
    node: &'a Node,
    lang: &'a str,
    locale: Locale,
}

impl Words<'_> {
    /// The pack's message; its id when the pack has none, so a missing label shows, not a blank.
    fn t(&self, code: &str) -> String {
        self.with(code, &[])
    }

    fn with(&self, code: &str, args: &[(&str, &str)]) -> String {
        self.node.pack.label_with(self.lang, code, args).unwrap_or_else(|| code.to_owned())
    }

    /// A date written out: 3 avril 2026, 3 april 2026, 3 April 2026.
    fn date(&self, d: NaiveDate) -> String {
        self.locale.date(d)
    }

    /// An amount with its currency: 1 210,00 € in French, € 1.210,00 in Dutch, €1,210.00 in English.
    fn money(&self, m: Money) -> String {
        self.locale.money(m.amount(), m.currency().code())
    }

    /// A yearly rate as a percentage: 10,5 % in French, 10,5% in Dutch, 10.5% in English.
    fn rate(&self, r: Rate) -> String {
        self.locale.percent(r.value())
    }
}

/// One step's letter, ready to render as PDF or text.
pub struct Letter {
    /// The document: title, author, date and body blocks.
    pub document: Document,
    /// The language it is written in, for the text's typography.
    pub language: String,
}

impl Letter {
    /// The letter as a PDF, written by `partage-documents`.
    pub fn pdf(&self) -> Result<Vec<u8>, AppError> {
        render(&self.document).map_err(|err| AppError::Pack(partage_core::pack::PackError::Render(err.to_string())))
    }

    /// The letter as plain text, the body of the e-mail a step sent by e-mail is.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for block in &self.document.blocks {
            match block {
                Block::Heading(h) => {
                    out.push_str(h);
                    out.push('\n');
                    out.push_str(&"=".repeat(h.chars().count()));
                    out.push_str("\n\n");
                }
                Block::Paragraph(p) | Block::Note(p) => {
                    out.push_str(p);
                    out.push_str("\n\n");
                }
                Block::Columns(columns) => {
                    for lines in columns {
                        out.push_str(&lines.join("\n"));
                        out.push_str("\n\n");
                    }
                }
                Block::KeyValues(pairs) => {
                    // French typography puts a no-break space before a colon, so that the colon
                    // never starts a line; Dutch and English put none.
                    let colon = if self.language == "fr" { "\u{a0}:" } else { ":" };
                    let width = pairs.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
                    for (k, v) in pairs {
                        let pad = " ".repeat(width.saturating_sub(k.chars().count()));
                        out.push_str(&format!("{k}{colon}{pad} {v}\n"));
                    }
                    out.push('\n');
                }
                Block::Table { columns, rows, total } => text_table(&mut out, columns, rows, total.as_deref()),
                // Blocks already end with a blank line: a spacer adds one only where none is.
                Block::Spacer if out.ends_with("\n\n") => {}
                Block::Spacer => out.push('\n'),
            }
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('\n');
        out
    }
}

/// A table in monospace text: each column as wide as its widest cell, amounts right-aligned.
fn text_table(out: &mut String, columns: &[Column], rows: &[Vec<String>], total: Option<&[String]>) {
    let mut widths: Vec<usize> = columns.iter().map(|c| c.title.chars().count()).collect();
    for row in rows.iter().map(Vec::as_slice).chain(total) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &String>| -> String {
        let parts: Vec<String> = cells
            .zip(columns.iter().zip(&widths))
            .map(|(cell, (col, w))| match col.align {
                Align::Left => format!("{cell:<w$}"),
                Align::Right => format!("{cell:>w$}"),
            })
            .collect();
        let joined = parts.join("  ");
        joined.trim_end().to_owned()
    };
    let rule = "-".repeat(widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1));
    out.push_str(&line(&mut columns.iter().map(|c| &c.title)));
    out.push('\n');
    out.push_str(&rule);
    out.push('\n');
    for row in rows {
        out.push_str(&line(&mut row.iter()));
        out.push('\n');
    }
    if let Some(total) = total {
        out.push_str(&rule);
        out.push('\n');
        out.push_str(&line(&mut total.iter()));
        out.push('\n');
    }
    out.push('\n');
}

/// The yearly rates in force from `from` to `to`, each with the first day it applies; rates
/// change on 1 January and 1 July, so a long claim may span several.
fn rates_between(node: &Node, from: NaiveDate, to: NaiveDate, b2c: bool) -> Result<Vec<(NaiveDate, Rate)>, AppError> {
    let rules = node.pack.dunning();
    let mut out: Vec<(NaiveDate, Rate)> = Vec::new();
    let mut day = from;
    while day <= to {
        let rate = rules.late_interest_rate(day, b2c).map_err(|e| dunning_error(e.into()))?.value;
        if out.last().is_none_or(|(_, last)| *last != rate) {
            out.push((day, rate));
        }
        day = match day.succ_opt() {
            Some(next) => next,
            None => break,
        };
    }
    Ok(out)
}

/// Loads what the letter of step `level` of invoice `id` says: 404 for an unknown invoice or a
/// level no step was sent at.
pub async fn letter<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    level: u32,
    language: Option<&str>,
) -> Result<Letter, AppError> {
    let row = super::invoices::load(c, id).await?;
    let steps = repo::steps(c, id).await?;
    let step = steps
        .iter()
        .find(|s| s.level == level)
        .ok_or_else(|| AppError::not_found("dunning step", format!("{id} level {level}")))?;
    // The buyer as the invoice was issued to: a later correction of the client (`PATCH
    // /clients/{id}`) changes no letter about an invoice already sent.
    let client = client_of(&super::invoices::buyer(c, &row).await?)?;
    let inv = repo::invoice_of(&row)?;
    let lang = language.unwrap_or(inv.language.as_str());
    let words = Words { node, lang, locale: Locale::from_tag(lang) };
    let earlier: Vec<&StepRecord> = steps.iter().filter(|s| s.level <= step.level).collect();
    compose(node, &words, &inv, &client, step, &earlier)
}

/// The letter's blocks, top to bottom, as a Belgian business letter lays them out.
fn compose(
    node: &Node,
    w: &Words<'_>,
    inv: &DunnedInvoice,
    client: &Client,
    step: &StepRecord,
    through: &[&StepRecord],
) -> Result<Letter, AppError> {
    let e = &node.settings.entity;
    let b2c = client.kind == ClientKind::Consumer;
    let kind = step.kind;
    let number =
        inv.number.clone().ok_or_else(|| AppError::Corrupt(format!("dunned invoice {} without number", inv.id)))?;
    let invoice_date =
        inv.invoice_date.ok_or_else(|| AppError::Corrupt(format!("dunned invoice {} without date", inv.id)))?;
    let due = inv.due_date.ok_or_else(|| AppError::Corrupt(format!("dunned invoice {} without due date", inv.id)))?;
    let gross = inv.gross;
    let outstanding = step.outstanding;
    // Paid when the step was sent, so that the letter's figures add up whatever came in since.
    let paid = gross.checked_sub(outstanding)?;
    let interest = step.interest;
    let fee = step.fee;
    let damages = step.damages;
    let mut total = outstanding.checked_add(interest)?;
    for extra in [fee, damages].into_iter().flatten() {
        total = total.checked_add(extra)?;
    }

    let mut letterhead = format!("{} {}\n{}\n{} {}", e.name, e.legal_form, e.street, e.postal_code, e.city);
    letterhead.push('\n');
    let vat = node.pack.format_identifier(IdentifierKind::Vat, &e.vat_number);
    letterhead.push_str(&w.with("dunning-vat-number", &[("number", &vat)]));
    // A company's letters name its enterprise number and register (CSA art. 2:20), as its
    // invoices do; the number is the VAT number's, printed the pack's way.
    if let Some(number) = node.seller().company_id {
        let number = node.pack.format_identifier(IdentifierKind::Enterprise, &number);
        letterhead.push('\n');
        letterhead.push_str(&w.with("dunning-enterprise", &[("number", &number), ("court", &e.court)]));
    }
    letterhead.push('\n');
    letterhead.push_str(&e.email);
    let mut addressee = format!("{}\n{}\n{} {}", client.name, client.street, client.postal_code, client.city);
    if client.country != node.settings.country {
        addressee.push('\n');
        addressee.push_str(client.country.as_str());
    }
    let sent_on = w.date(step.sent_on);
    let channel = if step.by_post { w.t("dunning-by-post") } else { w.t("dunning-by-email") };
    let title = w.t(&format!("dunning-title-{}", step.kind.as_str()));
    let due_text = w.date(due);
    let previous = through.iter().rev().find(|s| s.level < step.level).map(|s| w.date(s.sent_on));
    let intro = w.with(
        &format!("dunning-intro-{}", step.kind.as_str()),
        &[("due", &due_text), ("previous", previous.as_deref().unwrap_or(&due_text))],
    );

    let mut blocks = vec![
        Block::Paragraph(letterhead),
        Block::Spacer,
        Block::Paragraph(addressee),
        Block::Spacer,
        Block::Paragraph(format!(
            "{}\n{channel}",
            w.with("dunning-place-date", &[("city", &e.city), ("date", &sent_on)])
        )),
        Block::Heading(title.clone()),
        Block::Paragraph(w.with("dunning-subject", &[("number", &number), ("date", &w.date(invoice_date))])),
        Block::Paragraph(w.t("dunning-salutation")),
        Block::Paragraph(intro),
        Block::KeyValues(vec![
            (w.t("dunning-invoice-number"), number.clone()),
            (w.t("dunning-invoice-date"), w.date(invoice_date)),
            (w.t("dunning-due-date"), due_text.clone()),
            (w.t("dunning-gross"), w.money(gross)),
            (w.t("dunning-paid"), w.money(paid)),
            (w.t("dunning-outstanding"), w.money(outstanding)),
        ]),
        Block::Spacer,
    ];

    let mut rows = vec![vec![w.t("dunning-outstanding"), w.money(outstanding)]];
    let mut notes = Vec::new();
    if let Some(from) = step.interest_from {
        let rates = rates_between(node, from, step.sent_on, b2c)?;
        let rate_text = match rates.as_slice() {
            [(_, only)] => w.rate(*only),
            many => many
                .iter()
                .enumerate()
                .map(|(i, (starts, rate))| match many.get(i + 1) {
                    // The day before the next rate: the last day this one applies.
                    Some((next, _)) => {
                        let last = next.pred_opt().unwrap_or(*next);
                        w.with("dunning-rate-until", &[("rate", &w.rate(*rate)), ("date", &w.date(last))])
                    }
                    None if i == 0 => w.rate(*rate),
                    None => w.with("dunning-rate-from", &[("rate", &w.rate(*rate)), ("date", &w.date(*starts))]),
                })
                .collect::<Vec<_>>()
                .join(", "),
        };
        let label = w.with("dunning-interest", &[("rate", &rate_text), ("from", &w.date(from)), ("to", &sent_on)]);
        rows.push(vec![label, w.money(interest)]);
        notes.push(Block::Paragraph(w.t(if b2c {
            "dunning-interest-basis-consumer"
        } else {
            "dunning-interest-basis-business"
        })));
    }
    if let Some(fee) = fee {
        rows.push(vec![w.t("dunning-fee"), w.money(fee)]);
    }
    if let Some(damages) = damages {
        rows.push(vec![
            w.t(if b2c { "dunning-damages-consumer" } else { "dunning-damages-business" }),
            w.money(damages),
        ]);
    }
    blocks.push(Block::Table {
        columns: vec![
            Column { title: w.t("dunning-statement"), width: 72, align: Align::Left },
            Column { title: w.t("dunning-amount"), width: 28, align: Align::Right },
        ],
        rows,
        total: Some(vec![w.t("dunning-total"), w.money(total)]),
    });
    blocks.extend(notes);

    let reference = node.pack.payment_reference(&number);
    let total_text = w.money(total);
    let mut pay_args = vec![("total", total_text.as_str()), ("iban", e.iban.as_str()), ("name", e.name.as_str())];
    pay_args.push(("reference", reference.as_str()));
    let mut payment = vec![(w.t("dunning-iban"), e.iban.clone())];
    let pay = match &e.bic {
        Some(bic) => {
            payment.push((w.t("dunning-bic"), bic.clone()));
            pay_args.push(("bic", bic.as_str()));
            w.with("dunning-pay-bic", &pay_args)
        }
        None => w.with("dunning-pay", &pay_args),
    };
    payment.push((w.t("dunning-reference"), reference.clone()));
    blocks.push(Block::Paragraph(pay));
    blocks.push(Block::KeyValues(payment));
    blocks.push(Block::Spacer);

    // The deadline is the eve of the first day the schedule lets the next step go.
    let rules = node.pack.dunning();
    let calendar = node.pack.calendar();
    let schedule = rules.schedule(due, b2c).map_err(|e| dunning_error(e.into()))?;
    let done: Vec<_> = through.iter().map(|s| s.sent()).collect();
    let next = next_step(due, &done, &schedule, calendar);
    match next {
        Some((earliest, next)) => {
            let deadline = w.date(earliest.pred_opt().unwrap_or(earliest));
            let next_kind = next.level.as_str();
            blocks.push(Block::Paragraph(w.with(&format!("dunning-deadline-{next_kind}"), &[("date", &deadline)])));
            if b2c && step.level == 1 && kind == DunningLevel::Reminder {
                blocks.extend(book_xix(node, w, step, outstanding, earliest, &deadline)?);
            }
        }
        None => blocks.push(Block::Paragraph(w.t("dunning-handover-now"))),
    }
    blocks.push(Block::Paragraph(w.t("dunning-crossed")));
    blocks.push(Block::Paragraph(w.with("dunning-questions", &[("email", &e.email)])));
    blocks.push(Block::Paragraph(w.t("dunning-closing")));
    blocks.push(Block::Paragraph(format!("{} {}", e.name, e.legal_form)));

    Ok(Letter {
        document: Document {
            title: format!("{title} {number}"),
            author: e.name.clone(),
            language: w.lang.to_owned(),
            created: step.created_at,
            blocks,
        },
        language: w.lang.to_owned(),
    })
}

/// Book XIX's sentence on a consumer's first reminder (art. XIX.2 §1, as the pack's
/// `dunning.rs` quotes it): the reminder is free, and at least fourteen calendar days, from the
/// third working day after posting or the day after an e-mail, pass before any damages or
/// interest; then what may be claimed once they have, at the rates of the day they end.
fn book_xix(
    node: &Node,
    w: &Words<'_>,
    step: &StepRecord,
    outstanding: Money,
    claims_from: NaiveDate,
    deadline: &str,
) -> Result<Vec<Block>, AppError> {
    let code = if step.by_post { "dunning-consumer-first-post" } else { "dunning-consumer-first-email" };
    let mut out = vec![Block::Paragraph(w.with(code, &[("date", deadline)]))];
    let rules = node.pack.dunning();
    let damages = match rules.damages(outstanding, claims_from, true) {
        Ok(d) => Some(d.value),
        // No statutory scale that day: the letter announces no figure the law does not set.
        Err(DunningError::NoLumpSum { .. }) => None,
        Err(e) => return Err(dunning_error(e)),
    };
    if let Some(damages) = damages {
        let rate = rules.late_interest_rate(claims_from, true).map_err(|e| dunning_error(e.into()))?.value;
        out.push(Block::Paragraph(
            w.with("dunning-consumer-then", &[("damages", &w.money(damages)), ("rate", &w.rate(rate))]),
        ));
    }
    Ok(out)
}
