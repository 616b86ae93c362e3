//! A member's signed order forms (`service::order_forms`): the guarantee fund advances the budget
//! a client's signed order will bring, until its invoice is issued. The page lists them, the
//! latest signed first, and records one through the service function the API's
//! `POST /order-forms` calls, with the API's request type and its role and ownership rules; a
//! refusal is shown beside the field it names, in the page's language, with what was typed kept.

use super::forms::{activity_options, form_error, input, known_clients, money, parse_id, select, FieldError, Posted};
use super::{check_csrf, member_may, member_of, page, PageError, Viewer};
use crate::auth::policy;
use crate::error::AppError;
use crate::http::order_forms::NewOrderFormRequest;
use crate::http::problem::Problem;
use crate::service::bounds::wire;
use crate::service::{order_forms, Node};
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use maud::html;
use serde::de::IntoDeserializer;
use std::collections::BTreeMap;
use uuid::Uuid;

/// Order forms the page lists, the latest signed first (a member has a few a year).
const ROWS: u64 = 100;

/// The form's fields, in the order shown.
const FIELDS: [&str; 5] = ["activity_id", "client_id", "reference", "amount", "signed_on"];

/// The API route the form writes through, whose member rule the page applies.
const ROUTE: &str = "/api/v1/order-forms";

/// `/app/order-forms`: the member's order forms with their advance and invoice, and the form
/// that records one.
pub(super) async fn order_forms_page(State(node): State<Node>, headers: HeaderMap) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    let member = member_of(&v)?;
    let form = Posted::from_pairs(vec![("signed_on".to_owned(), node.today().to_string())]);
    render(&node, &v, member, &form, None).await
}

async fn render(
    node: &Node,
    v: &Viewer,
    member: Uuid,
    form: &Posted,
    error: Option<&FieldError>,
) -> Result<Response, PageError> {
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let list = order_forms::of_member(node.store.db(), member, ROWS).await?;
    // The clients offered are those the member has dealt with (the register is the office's).
    let clients = known_clients(node, member, list.iter().map(|o| o.form.client_id)).await?;
    let names: BTreeMap<String, String> = clients.iter().cloned().collect();
    let activities = activity_options(node, member).await?;
    let csrf = v.principal.csrf.clone().unwrap_or_default();
    let fields: Vec<String> = FIELDS.iter().map(|f| (*f).to_owned()).collect();
    let currency = node.currency().code();
    let body = html! {
        p.note { (t("order-forms-note")) }
        h2 { (t("order-forms-list")) }
        @if list.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("order-form-reference")) }
                    th scope="col" { (t("order-form-client")) }
                    th.num scope="col" { (t("order-form-amount")) }
                    th.num scope="col" { (t("order-form-advance")) }
                    th scope="col" { (t("order-form-signed-on")) }
                    th scope="col" { (t("status")) }
                    th scope="col" { (t("order-form-invoice")) }
                } }
                tbody {
                    @for o in &list {
                        @let f = &o.form;
                        tr {
                            td { (f.reference) }
                            td { (names.get(&f.client_id.to_string()).cloned().unwrap_or_default()) }
                            td.num { (money(v, &f.amount, &f.currency)) }
                            td.num { (money(v, &f.advance, &f.currency)) }
                            td { (loc.date(f.signed_on)) }
                            td { (t(&format!("order-form-status-{}", f.status))) }
                            td {
                                @if let (Some(id), Some(n)) = (f.invoice_id, &o.invoice_number) {
                                    a href={ "/api/v1/invoices/" (id) "/pdf" } download { (t("invoice-pdf")) " " (n) }
                                } @else {
                                    small { (t("order-form-awaits-invoice")) }
                                }
                            }
                        }
                    }
                }
            } }
            @if list.len() >= usize::try_from(ROWS).unwrap_or(usize::MAX) {
                p.note { (v.lang.t_with("order-forms-latest", &[("count", &ROWS.to_string())])) }
            }
        }
        h2 { (t("order-form-new")) }
        @if clients.is_empty() || activities.is_empty() {
            (form_error(error, &[]))
            p.note { (t("order-form-no-client")) }
        } @else {
            form method="post" action="/app/order-forms" novalidate {
                input type="hidden" name="csrf" value=(csrf);
                (form_error(error, &fields))
                (select("activity_id", &t("order-form-activity"), &activities, form.get("activity_id"), error))
                (select("client_id", &t("order-form-client"), &clients, form.get("client_id"), error))
                (input("reference", &t("order-form-reference-field"), "text", form.get("reference"), error))
                (input("amount", &v.lang.t_with("order-form-amount-field", &[("currency", currency)]), "text", form.get("amount"), error))
                (input("signed_on", &t("order-form-signed-on-field"), "date", form.get("signed_on"), error))
                div { button type="submit" { (t("order-form-submit")) } }
            }
        }
    };
    let mut res = page(v, &t("order-forms-title"), body);
    if error.is_some() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// Records the order form through `order_forms::create`, then shows the list (303).
pub(super) async fn record(
    State(node): State<Node>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    let member = member_of(&v)?;
    let form = Posted::parse(&body);
    check_csrf(&v, form.get("csrf"))?;
    member_may(&Method::POST, ROUTE)?;
    match create(&node, &v, member, &form).await {
        Ok(()) => Ok(Redirect::to("/app/order-forms").into_response()),
        Err(e) => render(&node, &v, member, &form, Some(&e)).await,
    }
}

async fn create(node: &Node, v: &Viewer, member: Uuid, form: &Posted) -> Result<(), FieldError> {
    let activity = parse_id(v, form, "activity_id")?;
    // The same ownership rule as the API's POST /order-forms: the activity must be theirs.
    policy::check_named(node.store.db(), member, None, Some(&activity.to_string()))
        .await
        .map_err(|_| FieldError { field: Some("activity_id".into()), message: v.lang.t("field-not-yours") })?;
    let client = parse_id(v, form, "client_id")?;
    for required in ["reference", "amount", "signed_on"] {
        if form.get(required).is_empty() {
            return Err(FieldError::required(v, required));
        }
    }
    // The API's one reading of a wire date.
    let signed_on: NaiveDate = wire::date(form.get("signed_on").into_deserializer())
        .map_err(|_: serde::de::value::Error| signed_on_error(node, v))?;
    let request = NewOrderFormRequest {
        activity_id: activity,
        client_id: client,
        reference: form.get("reference").to_owned(),
        // Amounts are typed the person's way: a decimal comma is a decimal point.
        amount: form.get("amount").replace([' ', '\u{202f}', '\u{a0}'], "").replace(',', "."),
        currency: node.currency().code().to_owned(),
        signed_on,
    };
    let run = async {
        let input = request.into_input(node.currency())?;
        let txn = node.store.write().await?;
        order_forms::create(&*txn, node, input, node.today(), node.now()).await?;
        txn.commit().await?;
        Ok::<(), AppError>(())
    };
    run.await.map_err(|e| refusal(node, v, e))
}

/// A refusal shown on the form: the fields' own wording in the page's language where the
/// service's message is the API's (English, naming its JSON field), else the problem catalogue's.
fn refusal(node: &Node, v: &Viewer, e: AppError) -> FieldError {
    let problem = Problem::from(e);
    let own = |field: &str, message: String| FieldError { field: Some(field.to_owned()), message };
    match (problem.code.as_str(), problem.field.as_deref()) {
        ("invalid-field", Some("amount")) => {
            own("amount", v.lang.t_with("order-form-amount-invalid", &[("currency", node.currency().code())]))
        }
        ("invalid-field" | "date-out-of-range", Some("signed_on")) => signed_on_error(node, v),
        ("invalid-field", Some("reference")) => own("reference", v.lang.t("order-form-reference-invalid")),
        _ => FieldError::from_problem(v, problem),
    }
}

/// The signing day refused: a date from the cooperative's founding to today.
fn signed_on_error(node: &Node, v: &Viewer) -> FieldError {
    let loc = v.lang.locale();
    let (founded, today) = (loc.date(node.settings.founded), loc.date(node.today()));
    FieldError {
        field: Some("signed_on".into()),
        message: v.lang.t_with("order-form-signed-on-invalid", &[("founded", &founded), ("today", &today)]),
    }
}
