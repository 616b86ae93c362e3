//! Advances on signed order forms, as Smart offers them: a client has signed an
//! order but the work comes before the invoice, so the guarantee fund lends the
//! budget the order will bring. Work can be declared against it at once; the
//! payroll run pays it and the fund's advance shows as usual (spent, not yet
//! received). The order form closes when its invoice is issued: from then on the
//! invoice's budget stands where the advance stood, and the client's payment
//! repays the fund.

use super::errors::{ActivityRefusal, OrderFormRefusal};
use super::guarantee_fund::Fund;
use super::views::OrderFormView;
use super::{activities, bounds, clients, invoices, minor, money, order_form_status, Node};
use crate::error::AppError;
use crate::storage::entities::{activity, invoice, order_form};
use chrono::{NaiveDate, NaiveDateTime};
use partage_core::guarantee_fund::{check_lending, FundError};
use partage_core::invoice::InvoiceStatus;
use partage_core::order_form::OrderFormStatus;
use partage_core::Money;
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::BTreeMap;
use uuid::Uuid;

/// A signed order form as the member records it.
#[derive(Clone, Debug)]
pub struct NewOrderForm {
    /// Activity the work is for.
    pub activity_id: Uuid,
    /// The client who signed.
    pub client_id: Uuid,
    /// The client's order reference (purchase order number).
    pub reference: String,
    /// Amount ordered, excluding VAT.
    pub amount: Money,
    /// When the client signed it.
    pub signed_on: NaiveDate,
}

fn view(o: &order_form::Model) -> Result<OrderFormView, AppError> {
    let m = |v: i64| money(v, &o.currency).map(|x| x.amount().to_string());
    Ok(OrderFormView {
        id: o.id,
        activity_id: o.activity_id,
        client_id: o.client_id,
        reference: o.reference.clone(),
        amount: m(o.amount_minor)?,
        advance: m(o.advance_minor)?,
        currency: o.currency.clone(),
        signed_on: o.signed_on,
        status: order_form_status(&o.status)?.as_str().into(),
        invoice_id: o.invoice_id,
    })
}

/// The budget still advanced on an activity's open order forms.
pub async fn open_advance<C: ConnectionTrait>(c: &C, node: &Node, activity: Uuid) -> Result<Money, AppError> {
    let mut total = Money::zero(node.currency());
    for o in order_form::Entity::find()
        .filter(order_form::Column::ActivityId.eq(activity))
        .filter(order_form::Column::Status.eq(OrderFormStatus::Open.as_str()))
        .all(c)
        .await?
    {
        total = total.checked_add(money(o.advance_minor, &o.currency)?)?;
    }
    Ok(total)
}

/// Records a signed order form and advances its budget (the order less the
/// fee), provided the fund holds enough to cover it beside what it already has out.
pub async fn create<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    input: NewOrderForm,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<OrderFormView, AppError> {
    let act = activities::load(c, input.activity_id).await?;
    if act.status != partage_core::activity::ActivityStatus::Open.as_str() {
        return Err(ActivityRefusal::Closed { activity: act.id }.into());
    }
    clients::load(c, input.client_id).await?;
    let reference = input.reference.trim();
    if reference.is_empty() || reference.len() > 100 {
        return Err(AppError::invalid("reference", "the client's order reference, 1 to 100 characters"));
    }
    if !input.amount.is_positive() || input.amount.currency() != node.currency() {
        return Err(AppError::invalid("amount", format!("must be a positive amount in {}", node.currency())));
    }
    if input.signed_on > today {
        return Err(AppError::invalid("signed_on", "an order form is advanced on once signed, not before"));
    }
    bounds::in_the_cooperatives_past(node, "signed_on", input.signed_on)?;
    bounds::amount(node, "amount", input.amount)?;
    // What the order's invoice will bring at today's fee: it is issued today or later, and a
    // later change of the fee is the invoice's own (it takes the advance's place then).
    let advance = super::fee_schedule::policy_on(c, node, today).await?.split(input.amount)?.budget;
    // The fund lends only money it holds (its reserve and the fee shares clients
    // really paid, less losses and advances out), not its share of unpaid
    // invoices; what open order forms promised and have not spent yet counts too.
    // The fund's row is locked first: an order form another writer adds meanwhile is then seen.
    let held = Fund::new(c, node.currency(), node.instant()).held().await?;
    let mut promised = Money::zero(node.currency());
    for o in
        order_form::Entity::find().filter(order_form::Column::Status.eq(OrderFormStatus::Open.as_str())).all(c).await?
    {
        promised = promised.checked_add(money(o.advance_minor, &o.currency)?)?;
    }
    check_lending(held, promised, advance).map_err(|e| match e {
        FundError::CannotLend { held, promised, advance } => {
            OrderFormRefusal::FundTooSmall { held, promised, advance }.into()
        }
        FundError::Money(m) => AppError::Money(m),
    })?;
    let row = order_form::Model {
        id: Uuid::now_v7(),
        activity_id: act.id,
        client_id: input.client_id,
        reference: reference.to_owned(),
        amount_minor: minor(input.amount)?,
        advance_minor: minor(advance)?,
        currency: input.amount.currency().code().into(),
        signed_on: input.signed_on,
        status: OrderFormStatus::Open.as_str().into(),
        invoice_id: None,
        created_at: now,
    };
    order_form::Entity::insert(row.clone().into_active_model()).exec_without_returning(c).await?;
    view(&row)
}

/// An order form.
pub async fn get<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<OrderFormView, AppError> {
    let o = order_form::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("order form", id))?;
    view(&o)
}

/// An order form as its member's page lists it: with the number of the invoice that closed it.
#[derive(Debug)]
pub struct MemberOrderForm {
    /// The order form.
    pub form: OrderFormView,
    /// The number of the invoice that closed it, once invoiced.
    pub invoice_number: Option<String>,
}

/// A member's latest `limit` order forms across their activities, the latest signed first,
/// with their invoices' numbers. Reads only their activities' rows (the `activities_member`
/// and `order_forms_activity` indexes), then the invoices of the forms shown: two queries.
pub async fn of_member<C: ConnectionTrait>(c: &C, member: Uuid, limit: u64) -> Result<Vec<MemberOrderForm>, AppError> {
    let theirs = Query::select()
        .column(activity::Column::Id)
        .from(activity::Entity)
        .and_where(activity::Column::MemberId.eq(member))
        .to_owned();
    let rows = order_form::Entity::find()
        .filter(order_form::Column::ActivityId.in_subquery(theirs))
        .order_by_desc(order_form::Column::SignedOn)
        .order_by_desc(order_form::Column::Id)
        .limit(limit)
        .all(c)
        .await?;
    let invoiced: Vec<Uuid> = rows.iter().filter_map(|o| o.invoice_id).collect();
    let numbers: BTreeMap<Uuid, Option<String>> = if invoiced.is_empty() {
        BTreeMap::new()
    } else {
        invoice::Entity::find()
            .select_only()
            .column(invoice::Column::Id)
            .column(invoice::Column::Number)
            .filter(invoice::Column::Id.is_in(invoiced))
            .into_tuple::<(Uuid, Option<String>)>()
            .all(c)
            .await?
            .into_iter()
            .collect()
    };
    rows.iter()
        .map(|o| {
            let invoice_number = o.invoice_id.and_then(|i| numbers.get(&i).cloned().flatten());
            Ok(MemberOrderForm { form: view(o)?, invoice_number })
        })
        .collect()
}

/// Closes an order form with the invoice issued for it: the advance gives way
/// to the invoice's budget.
pub async fn invoiced<C: ConnectionTrait>(c: &C, id: Uuid, invoice_id: Uuid) -> Result<OrderFormView, AppError> {
    let o = order_form::Entity::find_by_id(id)
        .lock_exclusive()
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("order form", id))?;
    let current = order_form_status(&o.status)?;
    let invoiced = current.invoice().map_err(|_| OrderFormRefusal::NotOpen { order_form: id, status: current })?;
    let inv = invoices::load(c, invoice_id).await?;
    if inv.activity_id != o.activity_id || inv.client_id != o.client_id {
        return Err(OrderFormRefusal::OtherActivityOrClient { invoice: invoice_id }.into());
    }
    let status: InvoiceStatus = inv.status.parse()?;
    if !matches!(status, InvoiceStatus::Issued | InvoiceStatus::PartlyPaid | InvoiceStatus::Paid) {
        return Err(OrderFormRefusal::InvoiceNotIssued { invoice: invoice_id, status }.into());
    }
    let taken = order_form::Entity::find().filter(order_form::Column::InvoiceId.eq(invoice_id)).one(c).await?;
    if taken.is_some() {
        return Err(OrderFormRefusal::InvoiceTaken { invoice: invoice_id }.into());
    }
    let mut row = o.into_active_model();
    row.status = Set(invoiced.as_str().into());
    row.invoice_id = Set(Some(invoice_id));
    let done = row.update(c).await?;
    view(&done)
}
