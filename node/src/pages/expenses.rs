//! Expense claims with their receipts: a member's claims and the form that sends one with its
//! receipt file (one `multipart/form-data` post, no script), and the advisors' part of the queue,
//! where each submitted claim is validated or rejected with a reason. Both go through the service
//! functions the API's routes call, with the API's request type and its ownership and role rules.

use super::forms::{form_error, input, select, FieldError, Posted};
use super::{check_csrf, member_of, page, staff_may, PageError, Viewer};
use crate::auth::policy;
use crate::error::AppError;
use crate::http::expenses::ExpenseClaimRequest;
use crate::service::errors::ExpenseRefusal;
use crate::service::expense_receipts::{self, MAX_BYTES, MAX_MIB};
use crate::service::views::ExpenseClaimView;
use crate::service::{activities, expenses, office, Node};
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use rust_decimal::Decimal;
use uuid::Uuid;

/// The largest body the claim's form is read to: a file up to four times too large is still read
/// (and dropped), so the browser shows the refusal beside the field rather than a cut connection.
pub(super) const FORM_LIMIT: usize = 4 * MAX_BYTES;

/// Longest text field the form reads (the service holds each to its own, shorter limit).
const TEXT_LIMIT: usize = 4 * 1024;

/// The kinds of claim, as the API names them.
const KINDS: [&str; 3] = ["travel", "material", "per_diem_abroad"];

/// The form's fields, in the order shown; the file comes last so the browser sends it last.
const FIELDS: [&str; 9] =
    ["activity_id", "kind", "date", "description", "kilometres", "amount", "country", "days", "receipt"];

fn money(v: &Viewer, amount: &str, currency: &str) -> String {
    amount.parse::<Decimal>().map_or_else(|_| amount.to_owned(), |d| v.lang.locale().money(d, currency))
}

/// The member's claims, newest first, across their activities.
async fn member_claims(node: &Node, member: Uuid) -> Result<Vec<ExpenseClaimView>, PageError> {
    let db = node.store.db();
    let mut out = Vec::new();
    for a in activities::list(db, node, Some(member), 0, 100).await?.items {
        out.extend(expenses::list(db, Some(a.activity.id.0), None, 0, 500).await?.items);
    }
    out.sort_by(|a, b| b.submitted_at.cmp(&a.submitted_at).then(b.id.cmp(&a.id)));
    Ok(out)
}

/// `/app/expenses`: the member's claims, each with its receipt, and the form to claim.
pub(super) async fn expenses_page(State(node): State<Node>, headers: HeaderMap) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    let member = member_of(&v)?;
    let form = Posted::from_pairs(vec![("date".to_owned(), node.today().to_string())]);
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
    let claims = member_claims(node, member).await?;
    let list = activities::list(node.store.db(), node, Some(member), 0, 100).await?;
    let activities: Vec<(String, String)> =
        list.items.iter().map(|a| (a.activity.id.0.to_string(), a.activity.name.clone())).collect();
    let kinds: Vec<(String, String)> =
        KINDS.iter().map(|k| ((*k).to_owned(), t(&format!("expense-kind-{k}")))).collect();
    let kind = if form.get("kind").is_empty() { "travel" } else { form.get("kind") };
    let csrf = v.principal.csrf.clone().unwrap_or_default();
    let fields: Vec<String> = FIELDS.iter().map(|f| (*f).to_owned()).collect();
    let currency = node.currency().code();
    let receipt_error = error.filter(|e| e.field.as_deref() == Some("receipt"));
    let body = html! {
        h2 { (t("expenses-list")) }
        @if claims.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("expense-date")) }
                    th scope="col" { (t("expense-kind")) }
                    th scope="col" { (t("expense-description")) }
                    th.num scope="col" { (t("expense-amount")) }
                    th scope="col" { (t("status")) }
                    th scope="col" { (t("expense-receipt")) }
                } }
                tbody {
                    @for c in &claims {
                        tr {
                            td { (loc.date(c.date)) }
                            td { (t(&format!("expense-kind-{}", c.kind))) }
                            td { (c.description) }
                            td.num { (money(v, &c.amount, &c.currency)) }
                            td {
                                (t(&format!("expense-status-{}", c.status)))
                                @if let Some(r) = &c.reason { br; small { (r) } }
                            }
                            td { (receipt_link(v, c)) }
                        }
                    }
                }
            } }
        }
        h2 { (t("expense-new")) }
        @if activities.is_empty() {
            (form_error(error, &[]))
            p.note { (t("expense-no-activity")) }
        } @else {
            form method="post" action="/app/expenses" enctype="multipart/form-data" novalidate {
                input type="hidden" name="csrf" value=(csrf);
                (form_error(error, &fields))
                p.note { (t("expense-fields-note")) }
                (select("activity_id", &t("expense-activity"), &activities, form.get("activity_id"), error))
                (select("kind", &t("expense-kind"), &kinds, kind, error))
                (input("date", &t("expense-date-field"), "date", form.get("date"), error))
                (input("description", &t("expense-description"), "text", form.get("description"), error))
                (input("kilometres", &t("expense-kilometres"), "text", form.get("kilometres"), error))
                (input("amount", &v.lang.t_with("expense-spent", &[("currency", currency)]), "text", form.get("amount"), error))
                (input("country", &t("expense-country"), "text", form.get("country"), error))
                (input("days", &t("expense-days"), "text", form.get("days"), error))
                div.field {
                    label for="receipt" { (v.lang.t_with("expense-receipt-file", &[("mib", &MAX_MIB.to_string())])) }
                    input #receipt name="receipt" type="file" accept="application/pdf,image/jpeg,image/png"
                        aria-invalid=[receipt_error.map(|_| "true")] aria-describedby=[receipt_error.map(|_| "receipt-error")];
                    @if let Some(e) = receipt_error { p.error id="receipt-error" { (e.message) } }
                }
                div { button type="submit" { (t("expense-submit")) } }
            }
        }
    };
    let mut res = page(v, &t("expenses-title"), body);
    if error.is_some() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// A link to a claim's receipt file (the API's route, reached with the session, whose owner
/// check guards it), or the reference alone when no file was attached.
fn receipt_link(v: &Viewer, c: &ExpenseClaimView) -> Markup {
    let t = |id: &str| v.lang.t(id);
    html! {
        @if let Some(at) = c.receipt_file.as_ref().and_then(|f| f.deleted_at) {
            small { (v.lang.t_with("expense-receipt-deleted", &[("date", &v.lang.locale().date(at.date()))])) }
        } @else if c.receipt_file.is_some() {
            a href={ "/api/v1/expense-claims/" (c.id) "/receipt" } { (t("expense-receipt-download")) " " (v.lang.locale().date(c.date)) }
        } @else if let Some(r) = &c.receipt {
            small { (r) " · " (t("expense-no-receipt")) }
        } @else {
            small { (t("expense-no-receipt")) }
        }
    }
}

/// A receipt file as the form posted it.
struct Upload {
    /// The media type the browser gave it (from the file's name: not believed alone).
    content_type: String,
    /// The file's name on the member's device: the claim's receipt reference.
    name: String,
    /// Its bytes.
    bytes: Vec<u8>,
}

/// The form's text fields and its file; `Err` carries what was read before the refusal.
async fn read_form(mut multipart: Multipart) -> Result<(Posted, Option<Upload>), (Posted, AppError)> {
    let mut pairs = Vec::new();
    let mut upload = None;
    let too_large = || AppError::from(ExpenseRefusal::ReceiptTooLarge { limit_mib: MAX_MIB });
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            // The body stops at FORM_LIMIT: past it, the file it carried was too large.
            Err(_) => return Err((Posted::from_pairs(pairs), too_large())),
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == "receipt" {
            let content_type = field.content_type().unwrap_or_default().to_owned();
            let file_name = field.file_name().unwrap_or_default().trim().to_owned();
            let mut field = field;
            let mut bytes = Vec::new();
            let mut seen = 0usize;
            // Past the limit the rest is read and dropped (up to FORM_LIMIT, where the body ends).
            loop {
                match field.chunk().await {
                    Ok(Some(chunk)) => {
                        seen = seen.saturating_add(chunk.len());
                        if seen <= MAX_BYTES {
                            bytes.extend_from_slice(&chunk);
                        }
                    }
                    Ok(None) => break,
                    Err(_) => return Err((Posted::from_pairs(pairs), too_large())),
                }
            }
            if seen > MAX_BYTES {
                return Err((Posted::from_pairs(pairs), too_large()));
            }
            // No file chosen: browsers still send the part, empty and unnamed.
            if !(bytes.is_empty() && file_name.is_empty()) {
                upload = Some(Upload { content_type, name: file_name, bytes });
            }
        } else {
            let text = field.text().await.unwrap_or_default();
            if text.len() <= TEXT_LIMIT {
                pairs.push((name, text));
            }
        }
    }
    Ok((Posted::from_pairs(pairs), upload))
}

/// Sends the claim and its receipt through `expenses::submit` and `expense_receipts::attach` in
/// one transaction, then shows the list (303); a refusal is shown beside its field.
pub(super) async fn submit_expense(State(node): State<Node>, request: Request) -> Result<Response, PageError> {
    let v = super::viewer(&node, request.headers()).await?;
    let member = member_of(&v)?;
    let multipart = match Multipart::from_request(request, &()).await {
        Ok(m) => m,
        // Not a multipart body: no CSRF token could be read from it either.
        Err(_) => return Err(PageError::Csrf),
    };
    let (form, upload) = match read_form(multipart).await {
        Ok(read) => read,
        Err((form, e)) => {
            check_csrf(&v, form.get("csrf"))?;
            return render(&node, &v, member, &form, Some(&FieldError::from_app(&v, e))).await;
        }
    };
    check_csrf(&v, form.get("csrf"))?;
    match claim(&node, &v, member, &form, upload).await {
        Ok(()) => Ok(Redirect::to("/app/expenses").into_response()),
        Err(e) => render(&node, &v, member, &form, Some(&e)).await,
    }
}

async fn claim(node: &Node, v: &Viewer, member: Uuid, form: &Posted, upload: Option<Upload>) -> Result<(), FieldError> {
    let activity: Uuid = form.get("activity_id").parse().map_err(|_| FieldError::required(v, "activity_id"))?;
    // The same ownership rule as the API's POST /expense-claims: the member and the activity are theirs.
    policy::check_named(node.store.db(), member, Some(&member.to_string()), Some(&activity.to_string()))
        .await
        .map_err(|_| FieldError { field: Some("activity_id".into()), message: v.lang.t("field-not-yours") })?;
    let date = form.get("date").parse().map_err(|_| FieldError::required(v, "date"))?;
    if form.get("description").is_empty() {
        return Err(FieldError::required(v, "description"));
    }
    // Amounts are typed the person's way: a decimal comma is a decimal point.
    let number = |name: &str| {
        Some(form.get(name).replace([' ', '\u{202f}', '\u{a0}'], "").replace(',', ".")).filter(|s| !s.is_empty())
    };
    let days = match form.get("days") {
        "" => None,
        d => Some(d.parse::<u32>().map_err(|_| FieldError::from_app(v, AppError::invalid("days", "whole days")))?),
    };
    let country = Some(form.get("country").to_uppercase()).filter(|s| !s.is_empty());
    if let Some(file) = &upload {
        expense_receipts::check(&file.content_type, &file.bytes).map_err(|e| FieldError::from_app(v, e))?;
    }
    let request = ExpenseClaimRequest {
        activity_id: activity,
        member_id: member,
        kind: form.get("kind").to_owned(),
        date,
        description: form.get("description").to_owned(),
        // The file's name is the receipt's reference; the file itself is kept beside the claim.
        receipt: upload.as_ref().map(|u| {
            let name: String = u.name.chars().take(200).collect();
            if name.is_empty() {
                u.content_type.clone()
            } else {
                name
            }
        }),
        kilometres: number("kilometres"),
        amount: number("amount"),
        currency: None,
        country,
        days,
    };
    let run = async {
        let input = request.into_input(node.currency(), node.settings.country)?;
        let txn = node.store.write().await?;
        let claim = expenses::submit(&*txn, node, input, node.today(), node.now()).await?;
        if let Some(file) = upload {
            expense_receipts::attach(&*txn, claim.id, &file.content_type, file.bytes, node.now()).await?;
        }
        txn.commit().await?;
        Ok::<(), AppError>(())
    };
    run.await.map_err(|e| FieldError::from_app(v, e))
}

/// The submitted claims of the advisors' queue, oldest first, each with its receipt and the
/// forms that validate it or reject it with a reason; `error` is a refusal of one of them.
pub(super) async fn queue_section(
    node: &Node,
    v: &Viewer,
    error: Option<&(Uuid, FieldError)>,
) -> Result<Markup, PageError> {
    staff_may(v, &Method::GET, "/api/v1/expense-claims")?;
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let db = node.store.db();
    let list = expenses::list(db, None, Some("submitted"), 0, 100).await?.items;
    let members = office::member_names(db, list.iter().map(|c| c.member_id)).await?;
    let activities = office::activity_names(db, list.iter().map(|c| c.activity_id)).await?;
    let csrf = v.principal.csrf.clone().unwrap_or_default();
    Ok(html! {
        h2 { (t("queue-expenses")) }
        @if let Some((_, e)) = error.filter(|(id, _)| !list.iter().any(|c| c.id == *id)) {
            p.error role="alert" { (e.message) }
        }
        @if list.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("queue-expense-member")) }
                    th scope="col" { (t("expense-date")) }
                    th scope="col" { (t("expense-description")) }
                    th.num scope="col" { (t("expense-amount")) }
                    th scope="col" { (t("expense-receipt")) }
                    th scope="col" { (t("queue-decide")) }
                } }
                tbody {
                    @for c in &list {
                        @let who = members.get(&c.member_id).cloned().unwrap_or_else(|| c.member_id.to_string());
                        @let mine = error.filter(|(id, _)| *id == c.id).map(|(_, e)| e);
                        @let reason_id = format!("reason-{}", c.id);
                        @let error_id = format!("claim-{}-error", c.id);
                        tr {
                            td {
                                (who)
                                @if let Some((name, _)) = activities.get(&c.activity_id) { br; small { (name) } }
                            }
                            td { (loc.date(c.date)) br; small { (t(&format!("expense-kind-{}", c.kind))) } }
                            td { (c.description) }
                            td.num { (money(v, &c.amount, &c.currency)) }
                            td { (receipt_link(v, c)) }
                            td {
                                form.inline method="post" action={ "/app/expense-claims/" (c.id) "/validate" } {
                                    input type="hidden" name="csrf" value=(csrf);
                                    button type="submit" aria-label={ (t("queue-validate")) " " (who) " " (c.description) } { (t("queue-validate")) }
                                }
                                form method="post" action={ "/app/expense-claims/" (c.id) "/reject" } {
                                    input type="hidden" name="csrf" value=(csrf);
                                    label for=(reason_id) { (t("queue-reject-reason")) }
                                    input id=(reason_id) name="reason" type="text"
                                        aria-invalid=[mine.map(|_| "true")] aria-describedby=[mine.map(|_| error_id.as_str())];
                                    button type="submit" aria-label={ (t("queue-reject")) " " (who) " " (c.description) } { (t("queue-reject")) }
                                }
                                @if let Some(e) = mine { p.error id=(error_id) role="alert" { (e.message) } }
                            }
                        }
                    }
                }
            } }
        }
    })
}

/// An advisor validates a claim (the activity's budget repays it), then sees the queue (303);
/// a refusal (a budget too small) is shown on the claim's row.
pub(super) async fn validate_claim(
    State(node): State<Node>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let route = "/api/v1/expense-claims/{id}/validate";
    decide(&node, &headers, id, &body, route, async |txn, _| {
        expenses::validate(txn, &node, id, node.today(), node.now()).await.map(|_| ())
    })
    .await
}

/// An advisor rejects a claim with the reason the member will read, then sees the queue (303).
pub(super) async fn reject_claim(
    State(node): State<Node>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let route = "/api/v1/expense-claims/{id}/reject";
    decide(&node, &headers, id, &body, route, async |txn, form| {
        expenses::reject(txn, id, form.get("reason"), node.now()).await.map(|_| ())
    })
    .await
}

/// A decision on a claim from the queue's form ([`super::staff_decision`]): back to the queue,
/// or the queue again with the refusal on the claim's row.
async fn decide(
    node: &Node,
    headers: &HeaderMap,
    id: Uuid,
    body: &[u8],
    route: &str,
    op: impl AsyncFnOnce(&sea_orm::DatabaseTransaction, &Posted) -> Result<(), AppError>,
) -> Result<Response, PageError> {
    super::staff_decision(node, headers, body, route, "/app", op, async |v, _, problem| {
        let error = FieldError::from_problem(v, problem);
        super::queue_page(node, v, Some(&(id, error))).await
    })
    .await
}
