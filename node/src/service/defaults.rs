//! A client's default or bankruptcy on an invoice: what it still owes is
//! written off, and the guarantee fund bears the part that was advanced as wages.

use super::guarantee_fund::Fund;
use super::totals::Deltas;
use super::views::InvoiceView;
use super::{invoices, ledger, money, Node};
use crate::error::AppError;
use chrono::NaiveDate;
use partage_core::guarantee_fund::{client_defaulted, loss_on_default, write_off, InvoiceParts, Movement};
use partage_core::invoice::{check_defaultable, InvoiceStatus};
use partage_core::{ActivityId, ClientId};
use sea_orm::{ActiveValue::Set, ConnectionTrait, IntoActiveModel};
use uuid::Uuid;

/// A client's default or bankruptcy on one invoice: what it still owes is
/// written off, and the fund bears the part of it that was advanced as wages.
pub async fn client_default<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    date: NaiveDate,
    reason: &str,
) -> Result<InvoiceView, AppError> {
    let reason = reason.trim();
    if reason.is_empty() || reason.len() > 500 {
        return Err(AppError::invalid("reason", "say why (bankruptcy, default...), in at most 500 characters"));
    }
    let inv = invoices::load_locked(c, id).await?;
    let status: InvoiceStatus = inv.status.parse()?;
    check_defaultable(status)?;
    if inv.invoice_date.is_some_and(|d| date < d) {
        return Err(AppError::invalid("date", "a default cannot precede the invoice date"));
    }
    let m = |v: i64| money(v, &inv.currency);
    let parts = write_off(
        &InvoiceParts {
            gross: m(inv.gross_minor)?,
            vat: m(inv.vat_minor)?,
            // The stored fee is the whole fee, the fund's share included.
            fee: m(inv.fee_minor.saturating_sub(inv.fund_minor))?,
            fund_share: m(inv.fund_minor)?,
        },
        m(inv.paid_minor)?,
    )?;
    let fund = Fund::new(c, node.currency(), node.instant());
    let advanced = fund.watch(inv.activity_id).await?.before();
    let loss = loss_on_default(advanced, parts.budget);
    let number = inv.number.clone().unwrap_or_default();
    let entry = client_defaulted(
        date,
        &format!("default {number}: {reason}"),
        ClientId(inv.client_id),
        ActivityId(inv.activity_id),
        &parts,
        loss,
    )?;
    ledger::post(c, &entry, Some(inv.id)).await?;
    if loss.is_positive() {
        fund.record(vec![(inv.activity_id, Movement::Loss(loss), date, None, Some(inv.id))]).await?;
    }
    let before = inv.clone();
    let mut row = inv.into_active_model();
    row.status = Set(InvoiceStatus::WrittenOff.as_str().into());
    let after = sea_orm::ActiveModelTrait::update(row, c).await?;
    let mut deltas = Deltas::new(node.currency());
    deltas.invoice(Some(&before), &after)?;
    deltas.apply(c).await?;
    invoices::get(c, node, id).await
}
