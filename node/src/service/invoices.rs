//! Invoices: drafts, issuing (number, journal), payments, credit notes and the
//! document the pack renders as an e-invoice.

use super::errors::{ActivityRefusal, InvoiceRefusal};
use super::guarantee_fund::Fund;
use super::totals::Deltas;
use super::views::{CreditNoteView, FeeView, InvoiceLineView, InvoiceTotalsView, InvoiceView, Page, PaymentView};
use super::{bounds, clients, ledger, members, minor, money, numbering, Node};
use crate::error::AppError;
use crate::storage::batch::Batch;
use crate::storage::entities::{client, credit_note, invoice, invoice_buyer, invoice_line, payment};
use crate::storage::outbox;
use chrono::NaiveDate;
use partage_core::activity::ActivityStatus;
use partage_core::client::Client;
use partage_core::fee::FeePolicy;
use partage_core::invoice::{
    check_cancellable, check_issuable, check_payment, compute_totals, DocumentKind, InvoiceDocument, InvoiceError,
    InvoiceLine, InvoiceStatus, Party, PaymentInstructions, Series, Totals,
};
use partage_core::ledger::{self as journal, EntryKind, JournalEntry};
use partage_core::member::MembershipStatus;
use partage_core::{ActivityId, ClientId, InvoiceId, Money, PaymentId, Rate};
use partage_federation::events::{InvoiceIssuedV1, PaymentRecordedV1};
use partage_federation::Event;
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, TryIntoModel,
};
use std::collections::HashMap;
use uuid::Uuid;

/// A line as asked for.
#[derive(Debug, Clone)]
pub struct NewLine {
    /// What is supplied.
    pub description: String,
    /// Quantity.
    pub quantity: Decimal,
    /// UN/ECE Rec. 20 unit code.
    pub unit_code: String,
    /// Unit price excluding VAT.
    pub unit_price: Money,
    /// VAT rate asked for.
    pub vat_rate: Rate,
}

/// A draft invoice as asked for.
#[derive(Debug, Clone)]
pub struct NewInvoice {
    /// Activity invoicing.
    pub activity_id: Uuid,
    /// Client invoiced.
    pub client_id: Uuid,
    /// Invoice date; the issue day when absent.
    pub date: Option<NaiveDate>,
    /// Payment term in working days; the node's default when absent.
    pub payment_terms_days: Option<u32>,
    /// Buyer's reference.
    pub buyer_reference: Option<String>,
    /// Language of the document.
    pub language: Option<String>,
    /// Lines.
    pub lines: Vec<NewLine>,
}

/// Loads an invoice row or says it does not exist.
pub async fn load<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<invoice::Model, AppError> {
    invoice::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("invoice", id))
}

/// Loads an invoice row locked for update (`SELECT ... FOR UPDATE` on PostgreSQL;
/// SQLite's write lock already serialises writers), so that two requests on one
/// invoice (issue twice, pay twice) see each other's effect instead of both
/// acting on the same old state.
pub async fn load_locked<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<invoice::Model, AppError> {
    invoice::Entity::find_by_id(id).lock_exclusive().one(c).await?.ok_or_else(|| AppError::not_found("invoice", id))
}

/// An invoice locked for update with its lines in position order, in one query: an
/// issue and a payment need both, and each query is a round trip on their path.
async fn load_locked_with_lines<C: ConnectionTrait>(
    c: &C,
    id: Uuid,
) -> Result<(invoice::Model, Vec<invoice_line::Model>), AppError> {
    use sea_orm::sea_query::LockType;
    use sea_orm::{JoinType, QueryTrait};
    let lines = invoice::Entity::belongs_to(invoice_line::Entity)
        .from(invoice::Column::Id)
        .to(invoice_line::Column::InvoiceId)
        .into();
    let mut q = invoice::Entity::find_by_id(id)
        .select_also(invoice_line::Entity)
        .join(JoinType::LeftJoin, lines)
        .order_by_asc(invoice_line::Column::Position);
    // Only the invoice's row: PostgreSQL locks no row of an outer join's nullable side.
    QueryTrait::query(&mut q).lock_with_tables(LockType::Update, [invoice::Entity]);
    let mut rows = q.all(c).await?.into_iter();
    let (inv, first) = rows.next().ok_or_else(|| AppError::not_found("invoice", id))?;
    let lines = first.into_iter().chain(rows.filter_map(|(_, l)| l)).collect();
    Ok((inv, lines))
}

fn status(inv: &invoice::Model) -> Result<InvoiceStatus, AppError> {
    inv.status.parse().map_err(|_| AppError::Corrupt(format!("invoice status '{}'", inv.status)))
}

fn price_lines(node: &Node, date: NaiveDate, client: &Client, lines: &[NewLine]) -> Result<Vec<InvoiceLine>, AppError> {
    if lines.is_empty() {
        return Err(InvoiceError::NoLines.into());
    }
    if lines.len() > 500 {
        return Err(AppError::invalid("lines", "at most 500 lines"));
    }
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let limits = &node.settings.limits;
            bounds::quantity(node, &format!("lines[{i}].quantity"), l.quantity)?;
            bounds::ceiling(&format!("lines[{i}].unit_price"), l.unit_price, limits.unit_price)?;
            let vat = node
                .pack
                .line_vat(date, client, l.vat_rate)
                .map_err(|e| AppError::invalid(format!("lines[{i}].vat_rate"), e.to_string()))?;
            let line = InvoiceLine::new(&l.description, l.quantity, &l.unit_code, l.unit_price, vat)
                .map_err(|e| AppError::invalid(format!("lines[{i}]"), e.to_string()))?;
            bounds::ceiling(&format!("lines[{i}]"), line.net, limits.line_amount)?;
            Ok(line)
        })
        .collect()
}

async fn stored_lines<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<Vec<invoice_line::Model>, AppError> {
    Ok(invoice_line::Entity::find()
        .filter(invoice_line::Column::InvoiceId.eq(id))
        .order_by_asc(invoice_line::Column::Position)
        .all(c)
        .await?)
}

fn new_lines(inv: &invoice::Model, rows: &[invoice_line::Model]) -> Result<Vec<NewLine>, AppError> {
    rows.iter()
        .map(|r| {
            let corrupt = |what: &str| AppError::Corrupt(format!("invoice {} line {}: {what}", inv.id, r.position));
            Ok(NewLine {
                description: r.description.clone(),
                quantity: Decimal::from_str_exact(&r.quantity).map_err(|_| corrupt("quantity"))?,
                unit_code: r.unit_code.clone(),
                unit_price: money(r.unit_price_minor, &inv.currency)?,
                vat_rate: Rate(Decimal::from_str_exact(&r.vat_rate).map_err(|_| corrupt("vat rate"))?),
            })
        })
        .collect()
}

/// An invoice's stored lines, priced again with the VAT in force on a date.
struct Priced {
    buyer: client::Model,
    client: Client,
    rows: Vec<invoice_line::Model>,
    lines: Vec<InvoiceLine>,
    totals: Totals,
}

async fn priced<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    inv: &invoice::Model,
    date: NaiveDate,
) -> Result<Priced, AppError> {
    let rows = stored_lines(c, inv.id).await?;
    priced_with(c, node, inv, date, rows).await
}

/// [`priced`] with the invoice's stored lines already read.
async fn priced_with<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    inv: &invoice::Model,
    date: NaiveDate,
    rows: Vec<invoice_line::Model>,
) -> Result<Priced, AppError> {
    let buyer = buyer(c, inv).await?;
    let client = clients::to_core(&buyer)?;
    let lines = price_lines(node, date, &client, &new_lines(inv, &rows)?)?;
    let totals = compute_totals(node.currency(), &lines)?;
    Ok(Priced { buyer, client, rows, lines, totals })
}

/// The invoice's buyer: as it stood when the invoice was issued (a later correction
/// of the client changes no issued document), else the client as it is now (a draft,
/// or an invoice issued before buyers were kept).
pub(super) async fn buyer<C: ConnectionTrait>(c: &C, inv: &invoice::Model) -> Result<client::Model, AppError> {
    // A buyer is kept when the invoice is issued: a draft has none to look for.
    if status(inv)? == InvoiceStatus::Draft {
        return clients::load(c, inv.client_id).await;
    }
    match invoice_buyer::Entity::find_by_id(inv.id).one(c).await? {
        Some(b) => Ok(client::Model {
            id: inv.client_id,
            name: b.name,
            kind: b.kind,
            country: b.country,
            vat_number: b.vat_number,
            street: b.street,
            postal_code: b.postal_code,
            city: b.city,
            email: b.email,
            endpoint_scheme: b.endpoint_scheme,
            endpoint_id: b.endpoint_id,
        }),
        None => clients::load(c, inv.client_id).await,
    }
}

/// Keeps the buyer of an invoice being issued as it stands now (in the issue's batch).
fn keep_buyer_in(batch: &mut Batch, invoice_id: Uuid, b: client::Model) {
    batch.add(&invoice_buyer::Entity::insert(invoice_buyer::ActiveModel {
        invoice_id: Set(invoice_id),
        name: Set(b.name),
        kind: Set(b.kind),
        country: Set(b.country),
        vat_number: Set(b.vat_number),
        street: Set(b.street),
        postal_code: Set(b.postal_code),
        city: Set(b.city),
        email: Set(b.email),
        endpoint_scheme: Set(b.endpoint_scheme),
        endpoint_id: Set(b.endpoint_id),
    }));
}

/// Creates a draft: checked and priced, not numbered, not posted.
pub async fn create_draft<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    input: NewInvoice,
    today: NaiveDate,
) -> Result<InvoiceView, AppError> {
    let (act, owner) = crate::storage::activities::row_with_owner(c, input.activity_id).await?;
    if act.status != ActivityStatus::Open.as_str() {
        return Err(ActivityRefusal::Closed { activity: act.id }.into());
    }
    let owner: MembershipStatus = owner.status.parse()?;
    if !owner.may_work() {
        return Err(InvoiceRefusal::MemberMayNotInvoice { status: owner }.into());
    }
    let client = clients::to_core(&clients::load(c, input.client_id).await?)?;
    let date = input.date.unwrap_or(today);
    let terms = input.payment_terms_days.unwrap_or(node.settings.payment_terms_days);
    if terms > 120 {
        return Err(AppError::invalid("payment_terms_days", "at most 120 working days"));
    }
    let language = members::language(node, "language", input.language.as_deref())?;
    let lines = price_lines(node, date, &client, &input.lines)?;
    // After pricing: a date the pack has no VAT rates for says so first, naming the rates.
    if let Some(d) = input.date {
        bounds::in_the_cooperatives_life(node, "date", d)?;
    }
    let totals = compute_totals(node.currency(), &lines)?;
    bounds::ceiling("lines", totals.gross, node.settings.limits.invoice_amount)?;
    if !totals.gross.is_positive() {
        return Err(InvoiceError::ZeroTotal.into());
    }
    let buyer_reference = input.buyer_reference.unwrap_or_default().trim().to_owned();
    if buyer_reference.len() > 200 {
        return Err(AppError::invalid("buyer_reference", "at most 200 characters"));
    }
    let id = InvoiceId::new().0;
    let model = invoice::Model {
        id,
        activity_id: act.id,
        client_id: input.client_id,
        status: InvoiceStatus::Draft.as_str().into(),
        currency: node.currency().code().into(),
        language,
        invoice_date: input.date,
        due_date: None,
        payment_terms_days: i32::try_from(terms).unwrap_or(0),
        buyer_reference,
        number: None,
        number_year: None,
        number_sequence: None,
        net_minor: minor(totals.net)?,
        vat_minor: minor(totals.vat)?,
        gross_minor: minor(totals.gross)?,
        paid_minor: 0,
        fee_minor: 0,
        fund_minor: 0,
        budget_minor: 0,
        credit_note_id: None,
        created_at: node.instant().naive_utc(),
    };
    // The draft and its lines in one statement on PostgreSQL (a batch).
    let mut batch = Batch::new(c.get_database_backend());
    batch.add(&invoice::Entity::insert(model.clone().into_active_model()));
    let mut rows = Vec::with_capacity(lines.len());
    for (position, (line, asked)) in lines.iter().zip(&input.lines).enumerate() {
        rows.push(invoice_line::Model {
            invoice_id: id,
            position: i32::try_from(position).unwrap_or(i32::MAX),
            description: line.description.clone(),
            quantity: line.quantity.to_string(),
            unit_code: line.unit_code.clone(),
            unit_price_minor: minor(line.unit_price)?,
            vat_rate: asked.vat_rate.value().normalize().to_string(),
            net_minor: minor(line.net)?,
        });
    }
    batch.add(&invoice_line::Entity::insert_many(rows.iter().cloned().map(IntoActiveModel::into_active_model)));
    batch.run(c).await?;
    view(c, node, model, rows).await
}

/// Issues a draft: takes the next number, posts the journal entry.
pub async fn issue<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    today: NaiveDate,
) -> Result<InvoiceView, AppError> {
    issue_with_fee(c, node, id, today, None).await
}

/// Issues a draft as [`issue`] does, given the fee in force `today` that the caller read
/// once (a platform's batch issues thousands of invoices dated today in one transaction);
/// an invoice dated another day reads its own.
pub async fn issue_with_fee<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    today: NaiveDate,
    fee_today: Option<FeePolicy>,
) -> Result<InvoiceView, AppError> {
    let (inv, rows) = load_locked_with_lines(c, id).await?;
    check_issuable(status(&inv)?)?;
    let date = inv.invoice_date.unwrap_or(today);
    // An invoice is dated the day it is issued or before: a later date would also make
    // every normal invoice after it non-chronological (numbers follow dates).
    if date > today {
        return Err(AppError::DateOutOfRange {
            field: "date".into(),
            date,
            expected: format!("on or before the day it is issued, {today}: issue it on its date"),
        });
    }
    let Priced { rows, totals, buyer, .. } = priced_with(c, node, &inv, date, rows).await?;
    // The fee in force on the invoice's date (a change applies from a later day only).
    let fee = match fee_today {
        Some(fee) if date == today => fee,
        _ => super::fee_schedule::policy_on(c, node, date).await?,
    };
    let split = fee.split(totals.net)?;
    let terms = u32::try_from(inv.payment_terms_days).unwrap_or(0);
    let due = node.pack.calendar().add_working_days(date, terms);
    // From the number on, the series' row is held until the commit: after the
    // number, one statement (a batch). On PostgreSQL the issue's totals and outbox
    // rows are appended, not shared (`service::totals`, `storage::outbox`).
    let number = numbering::next_number(c, node.legal_entity(), Series::Invoice, date).await?;
    let entry = journal::invoice_issued(
        date,
        &number.to_string(),
        ClientId(inv.client_id),
        ActivityId(inv.activity_id),
        &totals,
        &split,
    )?;
    let mut deltas = Deltas::new(node.currency());
    let mut batch = Batch::new(c.get_database_backend());
    keep_buyer_in(&mut batch, inv.id, buyer);
    ledger::post_into(&mut batch, &entry, Some(inv.id), &mut deltas)?;
    let mut row = inv.into_active_model();
    row.status = Set(InvoiceStatus::Issued.as_str().into());
    row.number = Set(Some(number.to_string()));
    row.number_year = Set(Some(number.year));
    row.number_sequence = Set(Some(i64::try_from(number.sequence).unwrap_or(i64::MAX)));
    row.invoice_date = Set(Some(date));
    row.due_date = Set(Some(due));
    row.net_minor = Set(minor(totals.net)?);
    row.vat_minor = Set(minor(totals.vat)?);
    row.gross_minor = Set(minor(totals.gross)?);
    row.fee_minor = Set(minor(split.fee)?);
    row.fund_minor = Set(minor(split.to_fund)?);
    row.budget_minor = Set(minor(split.budget)?);
    let updated = update_in(&mut batch, id, row)?;
    deltas.invoice(None, &updated)?;
    deltas.add_to(&mut batch);
    let event = Event::InvoiceIssued(InvoiceIssuedV1 {
        invoice: updated.id,
        activity: updated.activity_id,
        number: number.to_string(),
        issued_on: date,
        credit_note: false,
        cancels: None,
        total_excl_vat: outbox::amount(totals.net),
        vat: outbox::amount(totals.vat),
        total: outbox::amount(totals.gross),
    });
    batch.run_with_events(c, node.instant(), &[event]).await?;
    view(c, node, updated, rows).await
}

/// Adds an invoice row's update to `batch`; returns the row as it will be.
fn update_in(batch: &mut Batch, id: Uuid, row: invoice::ActiveModel) -> Result<invoice::Model, AppError> {
    batch.add(&invoice::Entity::update_many().set(row.clone()).filter(invoice::Column::Id.eq(id)));
    row.try_into_model().map_err(|e| AppError::Corrupt(format!("invoice {id}: {e}")))
}

/// Records a client's payment (no more than what is still due).
pub async fn pay<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    amount: Money,
    date: NaiveDate,
    reference: &str,
) -> Result<PaymentView, AppError> {
    let (inv, rows) = load_locked_with_lines(c, id).await?;
    let due = money(inv.gross_minor, &inv.currency)?;
    let paid = money(inv.paid_minor, &inv.currency)?;
    let outstanding = due.checked_sub(paid)?;
    bounds::amount(node, "amount", amount)?;
    check_payment(status(&inv)?, outstanding, amount)?;
    bounds::not_after_today(node, "date", date)?;
    if inv.invoice_date.is_some_and(|d| date < d) {
        return Err(AppError::invalid("date", "a payment cannot precede the invoice date"));
    }
    let reference = reference.trim();
    if reference.len() > 140 {
        return Err(AppError::invalid("reference", "at most 140 characters"));
    }
    let number = inv.number.clone().unwrap_or_default();
    let payment_id = PaymentId::new().0;
    let mut batch = Batch::new(c.get_database_backend());
    batch.add(&payment::Entity::insert(payment::ActiveModel {
        id: Set(payment_id),
        invoice_id: Set(inv.id),
        amount_minor: Set(minor(amount)?),
        currency: Set(amount.currency().code().into()),
        paid_on: Set(date),
        reference: Set(reference.into()),
    }));
    let entry = journal::payment_received(date, &format!("payment {number}"), ClientId(inv.client_id), amount)?;
    let mut deltas = Deltas::new(node.currency());
    ledger::post_into(&mut batch, &entry, Some(payment_id), &mut deltas)?;
    let activity = inv.activity_id;
    let paid = paid.checked_add(amount)?;
    let before = inv.clone();
    let mut row = inv.into_active_model();
    row.paid_minor = Set(minor(paid)?);
    row.status = Set(InvoiceStatus::after_payments(due, paid).as_str().into());
    let updated = update_in(&mut batch, id, row)?;
    deltas.invoice(Some(&before), &updated)?;
    let invoice = view(c, node, updated, rows).await?;
    // Last, the activity (locked for share on PostgreSQL: payments bring money in
    // side by side, see `Fund::watch_payment`), then every write in one batch. A
    // payment on an activity whose wages the fund advanced repays the fund.
    let fund = Fund::new(c, node.currency(), node.instant());
    let advanced = fund.watch_payment(activity).await?;
    let mut events: Vec<Event> =
        fund.settle_into(advanced, &mut deltas, &mut batch, date, Some(id))?.into_iter().collect();
    deltas.add_to(&mut batch);
    events.push(Event::PaymentRecorded(PaymentRecordedV1 {
        invoice: id,
        activity,
        paid_on: date,
        amount: outbox::amount(amount),
    }));
    batch.run_with_events(c, node.instant(), &events).await?;
    Ok(PaymentView {
        id: payment_id,
        invoice_id: id,
        amount: amount.amount().to_string(),
        currency: amount.currency().code().into(),
        paid_on: date,
        reference: reference.into(),
        invoice,
    })
}

/// Cancels an issued, unpaid invoice with a credit note that reverses its entry.
pub async fn cancel<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    reason: &str,
    today: NaiveDate,
) -> Result<CreditNoteView, AppError> {
    let inv = load_locked(c, id).await?;
    check_cancellable(status(&inv)?)?;
    let reason = reason.trim();
    if reason.is_empty() || reason.len() > 500 {
        return Err(AppError::invalid("reason", "say why, in at most 500 characters"));
    }
    let date = inv.invoice_date.map_or(today, |d| d.max(today));
    let number = numbering::next_number(c, node.legal_entity(), Series::CreditNote, date).await?.to_string();
    let postings = ledger::postings_of(c, inv.id, EntryKind::InvoiceIssued.as_str()).await?;
    let original = JournalEntry::new(date, EntryKind::InvoiceIssued, &number, postings)?;
    let reversal = original.reversal(date, EntryKind::CreditNoteIssued, &number)?;
    ledger::post(c, &reversal, Some(inv.id)).await?;
    let cn_id = Uuid::now_v7();
    credit_note::Entity::insert(credit_note::ActiveModel {
        id: Set(cn_id),
        invoice_id: Set(inv.id),
        number: Set(number.clone()),
        issue_date: Set(date),
        reason: Set(reason.into()),
    })
    .exec_without_returning(c)
    .await?;
    let before = inv.clone();
    let mut row = inv.into_active_model();
    row.status = Set(InvoiceStatus::Cancelled.as_str().into());
    row.credit_note_id = Set(Some(cn_id));
    let after = row.update(c).await?;
    let mut deltas = Deltas::new(node.currency());
    deltas.invoice(Some(&before), &after)?;
    deltas.apply(c).await?;
    let event = Event::InvoiceIssued(InvoiceIssuedV1 {
        invoice: cn_id,
        activity: before.activity_id,
        number: number.clone(),
        issued_on: date,
        credit_note: true,
        cancels: Some(id),
        total_excl_vat: outbox::amount(money(before.net_minor, &before.currency)?),
        vat: outbox::amount(money(before.vat_minor, &before.currency)?),
        total: outbox::amount(money(before.gross_minor, &before.currency)?),
    });
    outbox::push(c, node.instant(), &event).await?;
    Ok(CreditNoteView { id: cn_id, number, invoice_id: id, issue_date: date, reason: reason.into() })
}

/// One invoice, with its lines and credit note.
pub async fn get<C: ConnectionTrait>(c: &C, node: &Node, id: Uuid) -> Result<InvoiceView, AppError> {
    let inv = load(c, id).await?;
    let rows = stored_lines(c, id).await?;
    view(c, node, inv, rows).await
}

async fn view<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    inv: invoice::Model,
    rows: Vec<invoice_line::Model>,
) -> Result<InvoiceView, AppError> {
    let credit_note = match inv.credit_note_id {
        Some(cn) => credit_note::Entity::find_by_id(cn).one(c).await?,
        None => None,
    };
    view_of(node, inv, &rows, credit_note)
}

/// An invoice's view from rows already read (a list reads a page's lines and
/// credit notes in one query each).
fn view_of(
    node: &Node,
    inv: invoice::Model,
    rows: &[invoice_line::Model],
    credit_note: Option<credit_note::Model>,
) -> Result<InvoiceView, AppError> {
    let m = |minor: i64| money(minor, &inv.currency).map(|m| m.amount().to_string());
    let st = status(&inv)?;
    let credit_note = credit_note.map(|n| CreditNoteView {
        id: n.id,
        number: n.number,
        invoice_id: n.invoice_id,
        issue_date: n.issue_date,
        reason: n.reason,
    });
    let issued = st != InvoiceStatus::Draft;
    let outstanding = if matches!(st, InvoiceStatus::Cancelled | InvoiceStatus::WrittenOff) {
        0
    } else {
        inv.gross_minor.saturating_sub(inv.paid_minor)
    };
    let lines = rows
        .iter()
        .map(|r| {
            Ok(InvoiceLineView {
                description: r.description.clone(),
                quantity: r.quantity.clone(),
                unit_code: r.unit_code.clone(),
                unit_price: m(r.unit_price_minor)?,
                vat_rate: Rate(Decimal::from_str_exact(&r.vat_rate).map_err(|_| AppError::Corrupt("vat rate".into()))?)
                    .percent()
                    .to_string(),
                net: m(r.net_minor)?,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(InvoiceView {
        id: inv.id,
        payment_reference: inv.number.as_deref().map(|n| node.pack.payment_reference(n)),
        number: inv.number.clone(),
        status: st.as_str().into(),
        activity_id: inv.activity_id,
        client_id: inv.client_id,
        currency: inv.currency.clone(),
        language: inv.language.clone(),
        date: inv.invoice_date,
        due_date: inv.due_date,
        payment_terms_days: u32::try_from(inv.payment_terms_days).unwrap_or(0),
        buyer_reference: inv.buyer_reference.clone(),
        lines,
        totals: InvoiceTotalsView {
            net: m(inv.net_minor)?,
            vat: m(inv.vat_minor)?,
            gross: m(inv.gross_minor)?,
            paid: m(inv.paid_minor)?,
            outstanding: m(outstanding)?,
        },
        fee: if issued {
            Some(FeeView { fee: m(inv.fee_minor)?, guarantee_fund: m(inv.fund_minor)?, budget: m(inv.budget_minor)? })
        } else {
            None
        },
        credit_note,
    })
}

/// Invoices, newest first, optionally of one activity or status.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    activity: Option<Uuid>,
    status_filter: Option<&str>,
    offset: u64,
    limit: u64,
) -> Result<Page<InvoiceView>, AppError> {
    let mut q = invoice::Entity::find();
    if let Some(a) = activity {
        q = q.filter(invoice::Column::ActivityId.eq(a));
    }
    if let Some(s) = status_filter {
        let st: InvoiceStatus = s.parse().map_err(|_| AppError::invalid("status", format!("unknown status '{s}'")))?;
        q = q.filter(invoice::Column::Status.eq(st.as_str()));
    }
    let total = q.clone().count(c).await?;
    let rows = q.order_by_desc(invoice::Column::Id).offset(offset).limit(limit).all(c).await?;
    Ok(Page { items: views(c, node, rows).await?, total, offset, limit })
}

/// The latest `limit` invoices of some activities (a member's), newest first: at most
/// `limit` rows read per activity through the `(activity_id, id)` index (m0032), so the cost
/// does not grow with the activities' history.
pub async fn latest_of_activities<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    activities: &[Uuid],
    limit: u64,
) -> Result<Vec<InvoiceView>, AppError> {
    let mut rows = Vec::new();
    for a in activities {
        let q = invoice::Entity::find().filter(invoice::Column::ActivityId.eq(*a));
        rows.extend(q.order_by_desc(invoice::Column::Id).limit(limit).all(c).await?);
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.id));
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    views(c, node, rows).await
}

/// The clients some activities (a member's) have invoiced, once each.
pub async fn clients_of_activities<C: ConnectionTrait>(c: &C, activities: &[Uuid]) -> Result<Vec<Uuid>, AppError> {
    if activities.is_empty() {
        return Ok(Vec::new());
    }
    Ok(invoice::Entity::find()
        .select_only()
        .column(invoice::Column::ClientId)
        .distinct()
        .filter(invoice::Column::ActivityId.is_in(activities.iter().copied()))
        .into_tuple::<Uuid>()
        .all(c)
        .await?)
}

/// The views of some invoice rows, in their order, with their lines and credit notes read
/// in one query each.
async fn views<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    rows: Vec<invoice::Model>,
) -> Result<Vec<InvoiceView>, AppError> {
    let ids: Vec<Uuid> = rows.iter().map(|i| i.id).collect();
    let mut lines: HashMap<Uuid, Vec<invoice_line::Model>> = HashMap::new();
    for line in invoice_line::Entity::find()
        .filter(invoice_line::Column::InvoiceId.is_in(ids))
        .order_by_asc(invoice_line::Column::Position)
        .all(c)
        .await?
    {
        lines.entry(line.invoice_id).or_default().push(line);
    }
    let note_ids: Vec<Uuid> = rows.iter().filter_map(|i| i.credit_note_id).collect();
    let mut notes: HashMap<Uuid, credit_note::Model> = HashMap::new();
    if !note_ids.is_empty() {
        for n in credit_note::Entity::find().filter(credit_note::Column::Id.is_in(note_ids)).all(c).await? {
            notes.insert(n.id, n);
        }
    }
    rows.into_iter()
        .map(|inv| {
            let note = inv.credit_note_id.and_then(|id| notes.remove(&id));
            let inv_lines = lines.remove(&inv.id).unwrap_or_default();
            view_of(node, inv, &inv_lines, note)
        })
        .collect()
}

fn buyer_party(m: &client::Model, client: &Client) -> Party {
    Party {
        name: client.name.clone(),
        vat_number: client.vat_number.clone(),
        company_id: None,
        endpoint: m.endpoint_scheme.clone().zip(m.endpoint_id.clone()),
        street: client.street.clone(),
        postal_code: client.postal_code.clone(),
        city: client.city.clone(),
        country: client.country,
        email: client.email.clone(),
    }
}

async fn document_of<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    inv: &invoice::Model,
    kind: DocumentKind,
    number: String,
    date: NaiveDate,
) -> Result<InvoiceDocument, AppError> {
    let invoice_date = inv.invoice_date.ok_or_else(|| AppError::Corrupt("issued invoice without date".into()))?;
    let Priced { client, lines, totals, buyer: client_row, .. } = priced(c, node, inv, invoice_date).await?;
    let is_invoice = matches!(kind, DocumentKind::Invoice);
    let buyer_reference = if inv.buyer_reference.is_empty() { number.clone() } else { inv.buyer_reference.clone() };
    let mut doc = InvoiceDocument {
        kind,
        issue_date: date,
        due_date: if is_invoice { inv.due_date } else { None },
        currency: node.currency(),
        seller: node.seller(),
        buyer: buyer_party(&client_row, &client),
        buyer_reference,
        lines,
        totals,
        prepaid: if is_invoice { money(inv.paid_minor, &inv.currency)? } else { Money::zero(node.currency()) },
        payment: is_invoice.then(|| PaymentInstructions {
            iban: node.settings.entity.iban.clone(),
            bic: node.settings.entity.bic.clone(),
            reference: node.pack.payment_reference(&number),
        }),
        number,
        notes: Vec::new(),
    };
    doc.notes = node.pack.invoice_mentions(&doc, &inv.language);
    Ok(doc)
}

/// The issued invoice as a document for the pack's e-invoice format.
pub async fn document<C: ConnectionTrait>(c: &C, node: &Node, id: Uuid) -> Result<InvoiceDocument, AppError> {
    let inv = load(c, id).await?;
    let number = inv.number.clone().ok_or(InvoiceRefusal::DraftHasNoEInvoice)?;
    let date = inv.invoice_date.ok_or_else(|| AppError::Corrupt("issued invoice without date".into()))?;
    document_of(c, node, &inv, DocumentKind::Invoice, number, date).await
}

/// A credit note as a document for the pack's e-invoice format.
pub async fn credit_note_document<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
) -> Result<InvoiceDocument, AppError> {
    let cn = credit_note::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("credit note", id))?;
    let inv = load(c, cn.invoice_id).await?;
    let kind = DocumentKind::CreditNote {
        original_number: inv.number.clone().unwrap_or_default(),
        original_date: inv.invoice_date.unwrap_or(cn.issue_date),
    };
    document_of(c, node, &inv, kind, cn.number, cn.issue_date).await
}
