//! A member's forms: a draft invoice (client and lines) and a declaration of work (its
//! days). Each posts to the service function the API's route calls, with the request
//! type the API parses, so no business rule is written twice; a refusal is shown
//! beside the field it names, in the page's language, with what was typed kept.

use super::{check_csrf, member_of, page, PageError, Viewer};
use crate::auth::policy;
use crate::error::AppError;
use crate::http::problem::Problem;
use crate::http::requests::{
    ContractMotiveRequest, NewInvoiceRequest, NewLineRequest, ReplacedWorkerRequest, WorkDeclarationRequest,
    WorkPeriodRequest,
};
use crate::service::views::{InvoiceView, WorkDeclarationView};
use crate::service::work::DeclarationFilter;
use crate::service::{activities, clients, invoices, work, Node};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use uuid::Uuid;

/// Rows of lines (invoice) and days (declaration) a form offers; empty rows are skipped.
const ROWS: usize = 3;

/// A posted form, field by field (repeated names keep their last value).
#[derive(Debug, Default)]
pub(super) struct Posted(BTreeMap<String, String>);

impl Posted {
    pub(super) fn parse(body: &[u8]) -> Posted {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).unwrap_or_default();
        Posted(pairs.into_iter().collect())
    }

    /// A form from its fields (a multipart form's, read part by part).
    pub(super) fn from_pairs(pairs: Vec<(String, String)>) -> Posted {
        Posted(pairs.into_iter().collect())
    }

    pub(super) fn get(&self, name: &str) -> &str {
        self.0.get(name).map_or("", |v| v.trim())
    }
}

/// A refusal shown on a form: the field it names (`None`: the form as a whole) and
/// the message in the page's language.
pub(super) struct FieldError {
    pub(super) field: Option<String>,
    pub(super) message: String,
}

impl FieldError {
    /// A field left empty that the form needs.
    pub(super) fn required(v: &Viewer, field: &str) -> FieldError {
        FieldError { field: Some(field.to_owned()), message: v.lang.t("field-required") }
    }

    /// A service's refusal: its problem's field (`lines[0].unit_price` is the form's
    /// `lines-0-unit_price`), its message from the problem catalogue in the page's
    /// language, or the page's own "value refused" with the detail when the catalogue
    /// has no wording for it.
    pub(super) fn from_app(v: &Viewer, e: AppError) -> FieldError {
        FieldError::from_problem(v, Problem::from(e))
    }

    /// A refusal already made a problem (an account refused by `auth`), shown the same way.
    pub(super) fn from_problem(v: &Viewer, problem: Problem) -> FieldError {
        let localized =
            problem.args.as_ref().and_then(|args| crate::http::catalogue::for_people(v.lang.0, &problem.code, args));
        let message = localized.unwrap_or_else(|| format!("{} ({})", v.lang.t("field-invalid"), problem.detail));
        FieldError { field: problem.field.as_deref().map(field_id), message }
    }
}

/// The form field id of a request field: `lines[0].unit_price` → `lines-0-unit_price`.
fn field_id(request_field: &str) -> String {
    request_field.replace("].", "-").replace(['[', ']', '.'], "-")
}

/// A labelled input with its error under it (`aria-describedby`), keeping what was typed.
pub(super) fn input(name: &str, label: &str, kind: &str, value: &str, error: Option<&FieldError>) -> Markup {
    let mine = error.filter(|e| e.field.as_deref() == Some(name));
    let error_id = format!("{name}-error");
    html! {
        div.field {
            label for=(name) { (label) }
            input #(name) name=(name) type=(kind) value=(value)
                inputmode=[(kind == "text" && (name.ends_with("price") || name.ends_with("quantity") || name == "budget" || name == "amount" || name.ends_with("rate") || name.ends_with("share"))).then_some("decimal")]
                aria-invalid=[mine.map(|_| "true")] aria-describedby=[mine.map(|_| error_id.as_str())];
            @if let Some(e) = mine { p.error id=(error_id) { (e.message) } }
        }
    }
}

/// A labelled select of `(value, text)` options, the posted one selected.
pub(super) fn select(
    name: &str,
    label: &str,
    options: &[(String, String)],
    value: &str,
    error: Option<&FieldError>,
) -> Markup {
    let mine = error.filter(|e| e.field.as_deref() == Some(name));
    let error_id = format!("{name}-error");
    html! {
        div.field {
            label for=(name) { (label) }
            select #(name) name=(name) aria-invalid=[mine.map(|_| "true")] aria-describedby=[mine.map(|_| error_id.as_str())] {
                @for (v, text) in options { option value=(v) selected[v == value] { (text) } }
            }
            @if let Some(e) = mine { p.error id=(error_id) { (e.message) } }
        }
    }
}

/// The error of the whole form, when it names no field of it.
pub(super) fn form_error(error: Option<&FieldError>, fields: &[String]) -> Markup {
    html! {
        @if let Some(e) = error.filter(|e| e.field.as_ref().is_none_or(|f| !fields.contains(f))) {
            p.error role="alert" { (e.message) }
        }
    }
}

/// The member's activities as select options.
pub(super) async fn activity_options(node: &Node, member: Uuid) -> Result<Vec<(String, String)>, PageError> {
    let list = activities::list(node.store.db(), node, Some(member), 0, 100).await?;
    Ok(list.items.iter().map(|a| (a.activity.id.0.to_string(), a.activity.name.clone())).collect())
}

/// The invoices and declarations a member's pages list: the latest ones, so that a page's
/// cost does not grow with the member's years (their statement and data export have all).
pub(super) const LISTED: u64 = 50;

/// The clients a member has dealt with (their invoices', their declarations' and `extra`):
/// the office's client register is shared, and a member sees only their own part of it.
/// Read as distinct ids through the invoices' activity index and the declarations' member
/// index, then their names in one query.
pub(super) async fn known_clients(
    node: &Node,
    member: Uuid,
    extra: impl IntoIterator<Item = Uuid>,
) -> Result<Vec<(String, String)>, PageError> {
    let db = node.store.db();
    let mut ids = invoices::clients_of_activities(db, &member_activities(node, member).await?).await?;
    ids.extend(work::clients_of_member(db, member).await?);
    ids.extend(extra);
    ids.sort_unstable();
    ids.dedup();
    let mut out: Vec<(String, String)> =
        clients::names(db, &ids).await?.into_iter().map(|(id, name)| (id.to_string(), name)).collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

/// The ids of a member's activities (at most 100, as the forms offer).
async fn member_activities(node: &Node, member: Uuid) -> Result<Vec<Uuid>, PageError> {
    let list = activities::list(node.store.db(), node, Some(member), 0, 100).await?;
    Ok(list.items.iter().map(|a| a.activity.id.0).collect())
}

/// A member's latest invoices, newest first.
pub(super) async fn member_invoices(node: &Node, member: Uuid) -> Result<Vec<InvoiceView>, PageError> {
    let activities = member_activities(node, member).await?;
    Ok(invoices::latest_of_activities(node.store.db(), node, &activities, LISTED).await?)
}

/// A member's latest declarations of work, newest first.
pub(super) async fn member_declarations(node: &Node, member: Uuid) -> Result<Vec<WorkDeclarationView>, PageError> {
    let f = DeclarationFilter { member_id: Some(member), ..Default::default() };
    Ok(work::list_declarations(node.store.db(), node.zone, &f, 0, LISTED).await?.items)
}

pub(super) fn money(v: &Viewer, amount: &str, currency: &str) -> String {
    amount.parse::<Decimal>().map_or_else(|_| amount.to_owned(), |d| v.lang.locale().money(d, currency))
}

/// `/app/invoices`: the member's invoices, each issued one with its PDF, and a draft's form.
pub(super) async fn invoices_page(State(node): State<Node>, headers: HeaderMap) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    let member = member_of(&v)?;
    let form = Posted::default();
    render_invoices(&node, &v, member, &form, None).await
}

async fn render_invoices(
    node: &Node,
    v: &Viewer,
    member: Uuid,
    form: &Posted,
    error: Option<&FieldError>,
) -> Result<Response, PageError> {
    let t = |id: &str| v.lang.t(id);
    let list = member_invoices(node, member).await?;
    let clients = known_clients(node, member, []).await?;
    let names: BTreeMap<String, String> = clients.iter().cloned().collect();
    let activities = activity_options(node, member).await?;
    let csrf = v.principal.csrf.clone().unwrap_or_default();
    let vat = if form.get("lines-0-vat_rate").is_empty() { "21" } else { form.get("lines-0-vat_rate") };
    let mut fields = vec!["activity_id".to_owned(), "client_id".to_owned(), "buyer_reference".to_owned()];
    for i in 0..ROWS {
        for f in ["description", "quantity", "unit_price", "vat_rate"] {
            fields.push(format!("lines-{i}-{f}"));
        }
    }
    let body = html! {
        h2 { (t("invoices-list")) }
        @if list.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("invoice-number")) }
                    th scope="col" { (t("invoice-client")) }
                    th scope="col" { (t("invoice-date")) }
                    th.num scope="col" { (t("invoice-total")) }
                    th scope="col" { (t("status")) }
                    th scope="col" { (t("invoice-pdf")) }
                } }
                tbody {
                    @for i in &list {
                        tr {
                            td { (i.number.clone().unwrap_or_else(|| t("invoice-draft"))) }
                            td { (names.get(&i.client_id.to_string()).cloned().unwrap_or_default()) }
                            td { @if let Some(d) = i.date { (v.lang.locale().date(d)) } }
                            td.num { (money(v, &i.totals.gross, &i.currency)) }
                            td { (t(&format!("invoice-status-{}", i.status))) }
                            td {
                                @if let Some(n) = &i.number {
                                    a href={ "/api/v1/invoices/" (i.id) "/pdf" } download { (t("invoice-pdf")) " " (n) }
                                } @else {
                                    form.inline method="post" action={ "/app/invoices/" (i.id) "/issue" } {
                                        input type="hidden" name="csrf" value=(csrf);
                                        button type="submit" aria-label=(v.lang.t_with("invoice-issue-label", &[("client", &names.get(&i.client_id.to_string()).cloned().unwrap_or_default())])) { (t("invoice-issue")) }
                                    }
                                }
                            }
                        }
                    }
                }
            } }
        }
        @if list.len() >= usize::try_from(LISTED).unwrap_or(usize::MAX) {
            p.note { (v.lang.t_with("latest-note", &[("count", &LISTED.to_string())])) }
        }
        h2 { (t("invoice-new")) }
        @if clients.is_empty() || activities.is_empty() {
            (form_error(error, &[]))
            p.note { (t("invoice-no-client")) }
        } @else {
            form method="post" action="/app/invoices" novalidate {
                input type="hidden" name="csrf" value=(csrf);
                (form_error(error, &fields))
                (select("activity_id", &t("invoice-activity"), &activities, form.get("activity_id"), error))
                (select("client_id", &t("invoice-client"), &clients, form.get("client_id"), error))
                (input("buyer_reference", &t("invoice-buyer-reference"), "text", form.get("buyer_reference"), error))
                @for i in 0..ROWS {
                    fieldset {
                        legend { (v.lang.t_with("invoice-line", &[("number", &(i + 1).to_string())])) }
                        (input(&format!("lines-{i}-description"), &t("invoice-line-description"), "text", form.get(&format!("lines-{i}-description")), error))
                        (input(&format!("lines-{i}-quantity"), &t("invoice-line-quantity"), "text", form.get(&format!("lines-{i}-quantity")), error))
                        (input(&format!("lines-{i}-unit_price"), &v.lang.t_with("invoice-line-unit-price", &[("currency", node.currency().code())]), "text", form.get(&format!("lines-{i}-unit_price")), error))
                        (input(&format!("lines-{i}-vat_rate"), &t("invoice-line-vat-rate"), "text", if i == 0 { vat } else { form.get(&format!("lines-{i}-vat_rate")) }, error))
                    }
                }
                div { button type="submit" { (t("invoice-create")) } }
            }
        }
    };
    let mut res = page(v, &t("invoices-title"), body);
    if error.is_some() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// Issues one of the member's drafts through `invoices::issue` under the API route's rule (their
/// own invoice), then shows the list (303); a refusal (a date after today, a client the pack
/// cannot invoice) is shown above the form, the page answered with the refusal's status.
pub(super) async fn issue_invoice(
    State(node): State<Node>,
    headers: HeaderMap,
    axum::extract::Path(id): axum::extract::Path<Uuid>,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    let member = member_of(&v)?;
    let form = Posted::parse(&body);
    check_csrf(&v, form.get("csrf"))?;
    // Another member's invoice is refused as the API refuses it (403), before anything is read.
    if policy::check_path(node.store.db(), &v.principal, policy::Owned::Invoice, &id.to_string()).await.is_err() {
        return Err(PageError::Forbidden);
    }
    super::decide(
        &node,
        &v,
        &form,
        "/app/invoices",
        async |txn, _| invoices::issue(txn, &node, id, node.today()).await.map(|_| ()),
        async |v, _, problem| {
            let error = FieldError::from_problem(v, problem);
            render_invoices(&node, v, member, &Posted::default(), Some(&error)).await
        },
    )
    .await
}

/// Creates the draft through `invoices::create_draft`, then shows the list (303).
pub(super) async fn create_invoice(
    State(node): State<Node>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    let member = member_of(&v)?;
    let form = Posted::parse(&body);
    check_csrf(&v, form.get("csrf"))?;
    match draft(&node, &v, member, &form).await {
        Ok(()) => Ok(Redirect::to("/app/invoices").into_response()),
        Err(e) => render_invoices(&node, &v, member, &form, Some(&e)).await,
    }
}

async fn draft(node: &Node, v: &Viewer, member: Uuid, form: &Posted) -> Result<(), FieldError> {
    let activity = parse_id(v, form, "activity_id")?;
    let client = parse_id(v, form, "client_id")?;
    // The same ownership rule as the API's POST /invoices: the activity must be theirs.
    policy::check_named(node.store.db(), member, None, Some(&activity.to_string()))
        .await
        .map_err(|_| FieldError { field: Some("activity_id".into()), message: v.lang.t("field-not-yours") })?;
    let mut lines = Vec::new();
    for i in 0..ROWS {
        let f = |name: &str| form.get(&format!("lines-{i}-{name}")).to_owned();
        if f("description").is_empty() && f("unit_price").is_empty() {
            continue;
        }
        for required in ["description", "quantity", "unit_price", "vat_rate"] {
            if f(required).is_empty() {
                return Err(FieldError::required(v, &format!("lines-{i}-{required}")));
            }
        }
        // Amounts are typed the person's way: a decimal comma is a decimal point.
        let number = |s: String| s.replace([' ', '\u{202f}', '\u{a0}'], "").replace(',', ".");
        lines.push(NewLineRequest {
            description: f("description"),
            quantity: number(f("quantity")),
            unit_code: None,
            unit_price: number(f("unit_price")),
            vat_rate: number(f("vat_rate")),
        });
    }
    if lines.is_empty() {
        return Err(FieldError::required(v, "lines-0-description"));
    }
    let buyer_reference = Some(form.get("buyer_reference").to_owned()).filter(|s| !s.is_empty());
    let request = NewInvoiceRequest {
        activity_id: activity,
        client_id: client,
        currency: node.currency().code().to_owned(),
        date: None,
        payment_terms_days: None,
        buyer_reference,
        language: None,
        lines,
    };
    let run = async {
        let input = request.into_input(node.currency())?;
        let txn = node.store.write().await?;
        invoices::create_draft(&*txn, node, input, node.today()).await?;
        txn.commit().await?;
        Ok::<(), AppError>(())
    };
    run.await.map_err(|e| FieldError::from_app(v, e))
}

pub(super) fn parse_id(v: &Viewer, form: &Posted, field: &str) -> Result<Uuid, FieldError> {
    match form.get(field) {
        "" => Err(FieldError::required(v, field)),
        s => s.parse().map_err(|_| FieldError::required(v, field)),
    }
}

/// `/app/work`: the member's declarations with their status, and the form to declare work.
pub(super) async fn work_page(State(node): State<Node>, headers: HeaderMap) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    let member = member_of(&v)?;
    render_work(&node, &v, member, &Posted::default(), None).await
}

async fn render_work(
    node: &Node,
    v: &Viewer,
    member: Uuid,
    form: &Posted,
    error: Option<&FieldError>,
) -> Result<Response, PageError> {
    let t = |id: &str| v.lang.t(id);
    let loc = v.lang.locale();
    let list = member_declarations(node, member).await?;
    let mut clients = known_clients(node, member, []).await?;
    clients.insert(0, (String::new(), t("work-no-client")));
    let activities = activity_options(node, member).await?;
    let categories: Vec<(String, String)> =
        node.pack.payroll().categories().iter().map(|c| ((*c).to_owned(), t(&format!("worker-{c}")))).collect();
    let csrf = v.principal.csrf.clone().unwrap_or_default();
    let mut fields: Vec<String> = ["activity_id", "client_id", "function", "place", "worker_category", "budget"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    for i in 0..ROWS {
        for f in ["date", "start", "end"] {
            fields.push(format!("periods-{i}-{f}"));
        }
    }
    // A country whose fixed-term contracts state a motive (France, L1242-12) lists its cases;
    // none chosen, the contract states the pack's default for the kind of work, if it has one.
    let cases = node.pack.contract_reasons();
    let label = |id: String, fallback: &str| node.pack.label(v.lang.0, &id).unwrap_or_else(|| fallback.to_owned());
    let mut motives = vec![(String::new(), t("work-motive-default"))];
    motives.extend(cases.iter().map(|c| (c.code.to_owned(), label(format!("contract-case-{}", c.code), c.code))));
    let mut sectors = vec![(String::new(), t("work-motive-no-sector"))];
    for sector in cases.iter().flat_map(|c| c.sectors.iter()) {
        if !sectors.iter().any(|(code, _)| code == sector) {
            sectors.push(((*sector).to_owned(), label(format!("contract-sector-{sector}"), sector)));
        }
    }
    if !cases.is_empty() {
        fields.extend(MOTIVE_FIELDS.iter().map(|f| (*f).to_owned()));
    }
    let body = html! {
        h2 { (t("work-list")) }
        @if list.is_empty() {
            p { (t("nothing-yet")) }
        } @else {
            div.scroll { table {
                thead { tr {
                    th scope="col" { (t("work-function")) }
                    th scope="col" { (t("work-days")) }
                    th.num scope="col" { (t("work-budget")) }
                    th scope="col" { (t("status")) }
                } }
                tbody {
                    @for d in &list {
                        tr {
                            td { (d.function) " · " (d.place) }
                            td {
                                @for p in &d.periods {
                                    (loc.date(p.date)) " " (p.start.format("%H:%M")) "–" (p.end.format("%H:%M")) br;
                                }
                            }
                            td.num { (money(v, &d.budget, &d.currency)) }
                            td {
                                (t(&format!("work-status-{}", d.status)))
                                @if let Some(r) = &d.return_reason { br; small { (r) } }
                            }
                        }
                    }
                }
            } }
        }
        @if list.len() >= usize::try_from(LISTED).unwrap_or(usize::MAX) {
            p.note { (v.lang.t_with("latest-note", &[("count", &LISTED.to_string())])) }
        }
        h2 { (t("work-new")) }
        @if activities.is_empty() {
            p.note { (t("work-no-activity")) }
        } @else {
            form method="post" action="/app/work" novalidate {
                input type="hidden" name="csrf" value=(csrf);
                (form_error(error, &fields))
                (select("activity_id", &t("work-activity"), &activities, form.get("activity_id"), error))
                (select("client_id", &t("work-client"), &clients, form.get("client_id"), error))
                (input("function", &t("work-function"), "text", form.get("function"), error))
                (input("place", &t("work-place"), "text", form.get("place"), error))
                (select("worker_category", &t("work-category"), &categories, form.get("worker_category"), error))
                (input("budget", &v.lang.t_with("work-budget-field", &[("currency", node.currency().code())]), "text", form.get("budget"), error))
                @if !cases.is_empty() {
                    fieldset {
                        legend { (t("work-motive")) }
                        (select("motive-code", &t("work-motive-code"), &motives, form.get("motive-code"), error))
                        (select("motive-sector", &t("work-motive-sector"), &sectors, form.get("motive-sector"), error))
                        (input("motive-detail", &t("work-motive-detail"), "text", form.get("motive-detail"), error))
                        (input("motive-replaced-name", &t("work-motive-replaced-name"), "text", form.get("motive-replaced-name"), error))
                        (input("motive-replaced-job", &t("work-motive-replaced-job"), "text", form.get("motive-replaced-job"), error))
                    }
                }
                @for i in 0..ROWS {
                    fieldset {
                        legend { (v.lang.t_with("work-day", &[("number", &(i + 1).to_string())])) }
                        (input(&format!("periods-{i}-date"), &t("work-date"), "date", form.get(&format!("periods-{i}-date")), error))
                        (input(&format!("periods-{i}-start"), &t("work-start"), "time", form.get(&format!("periods-{i}-start")), error))
                        (input(&format!("periods-{i}-end"), &t("work-end"), "time", form.get(&format!("periods-{i}-end")), error))
                    }
                }
                div { button type="submit" { (t("work-submit")) } }
            }
        }
    };
    let mut res = page(v, &t("work-title"), body);
    if error.is_some() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// Declares the work through `work::declare`, then shows the list (303).
pub(super) async fn declare_work(
    State(node): State<Node>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let v = super::viewer(&node, &headers).await?;
    let member = member_of(&v)?;
    let form = Posted::parse(&body);
    check_csrf(&v, form.get("csrf"))?;
    match declare(&node, &v, member, &form).await {
        Ok(()) => Ok(Redirect::to("/app/work").into_response()),
        Err(e) => render_work(&node, &v, member, &form, Some(&e)).await,
    }
}

async fn declare(node: &Node, v: &Viewer, member: Uuid, form: &Posted) -> Result<(), FieldError> {
    let activity = parse_id(v, form, "activity_id")?;
    policy::check_named(node.store.db(), member, None, Some(&activity.to_string()))
        .await
        .map_err(|_| FieldError { field: Some("activity_id".into()), message: v.lang.t("field-not-yours") })?;
    let client = match form.get("client_id") {
        "" => None,
        _ => Some(parse_id(v, form, "client_id")?),
    };
    for required in ["function", "place", "worker_category", "budget"] {
        if form.get(required).is_empty() {
            return Err(FieldError::required(v, required));
        }
    }
    let mut periods = Vec::new();
    // The form's row of each period sent (blank rows are skipped).
    let mut rows = Vec::new();
    for i in 0..ROWS {
        let name = |f: &str| format!("periods-{i}-{f}");
        if form.get(&name("date")).is_empty() && form.get(&name("start")).is_empty() {
            continue;
        }
        let date = form.get(&name("date")).parse().map_err(|_| FieldError::required(v, &name("date")))?;
        let time = |f: &str| {
            let text = form.get(&name(f));
            chrono::NaiveTime::parse_from_str(text, "%H:%M")
                .or_else(|_| chrono::NaiveTime::parse_from_str(text, "%H:%M:%S"))
                .map_err(|_| FieldError::required(v, &name(f)))
        };
        periods.push(WorkPeriodRequest { date, start: time("start")?, end: time("end")? });
        rows.push(i);
    }
    if periods.is_empty() {
        return Err(FieldError::required(v, "periods-0-date"));
    }
    let request = WorkDeclarationRequest {
        activity_id: activity,
        client_id: client,
        function: form.get("function").to_owned(),
        place: form.get("place").to_owned(),
        work_country: Some(node.pack.country().to_string()),
        risks: None,
        worker_category: form.get("worker_category").to_owned(),
        budget: form.get("budget").replace([' ', '\u{202f}', '\u{a0}'], "").replace(',', "."),
        currency: node.currency().code().to_owned(),
        kind: None,
        periods,
        motive: motive_of(form),
        classification: None,
        replaces_posted_worker: None,
    };
    let run = async {
        let input = request.into_input(node.currency(), node.settings.country)?;
        let txn = node.store.write().await?;
        work::declare(&*txn, node, input, node.now()).await?;
        txn.commit().await?;
        Ok::<(), AppError>(())
    };
    run.await.map_err(|e| {
        let mut error = FieldError::from_app(v, e);
        // "State a motive" is answered in the list of cases, in the form's words (the API's
        // message names its JSON field).
        if error.field.as_deref() == Some("motive") {
            error.field = Some("motive-code".into());
            error.message = v.lang.t("work-motive-required");
        }
        // A period's start or end (a time the clocks skip or show twice) is the form's row field.
        if let Some(field) = error.field.as_deref().and_then(|f| period_field(f, &rows)) {
            error.field = Some(field);
        }
        error
    })
}

/// The form's field of a period's start or end refused by the API (`periods[k].start`, made
/// `periods-k-start` by `field_id`): `periods-{row}-start`, where `row` is the form's row of
/// the k-th period sent (blank rows are not sent).
fn period_field(field: &str, rows: &[usize]) -> Option<String> {
    let (index, bound) = field.strip_prefix("periods-")?.split_once('-')?;
    let row = rows.get(index.parse::<usize>().ok()?)?;
    Some(format!("periods-{row}-{bound}"))
}

/// The motive's fields of the work form, in the order shown.
const MOTIVE_FIELDS: [&str; 5] =
    ["motive-code", "motive-sector", "motive-detail", "motive-replaced-name", "motive-replaced-job"];

/// The motive the form states: none when no case is chosen (the pack's default then applies);
/// the pack checks what each case needs, naming the field.
fn motive_of(form: &Posted) -> Option<ContractMotiveRequest> {
    let text = |f: &str| Some(form.get(f).trim().to_owned()).filter(|t| !t.is_empty());
    let code = text("motive-code")?;
    let replaced = match (text("motive-replaced-name"), text("motive-replaced-job")) {
        (None, None) => None,
        (name, job) => Some(ReplacedWorkerRequest { name: name.unwrap_or_default(), job: job.unwrap_or_default() }),
    };
    Some(ContractMotiveRequest { code, replaced, sector: text("motive-sector"), detail: text("motive-detail") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_field_names_the_form_field_it_came_from() {
        assert_eq!(field_id("lines[0].unit_price"), "lines-0-unit_price");
        assert_eq!(field_id("periods[2].end"), "periods-2-end");
        assert_eq!(field_id("budget"), "budget");
        // A period's field is its row's, blank rows being skipped in the request.
        assert_eq!(period_field(&field_id("periods[1].start"), &[0, 2]).as_deref(), Some("periods-2-start"));
        assert_eq!(period_field("periods-5-end", &[0, 2]), None);
        assert_eq!(period_field("budget", &[0]), None);
    }
}
