//! Routes for payroll runs, payslips (JSON and PDF), the SEPA transfer file,
//! the guarantee fund, wage deadlines, client defaults and members' payroll details.

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::idempotency::Idempotent;
use super::problem::Problem;
use super::requests::Paging;
use super::requests::{
    bounded, DeadlinesQuery, DefaultRequest, PayrollDetailsRequest, PayrollRunRequest, PayslipQuery, RunPayslipsQuery,
};
use crate::error::AppError;
use crate::jobs::{self, JobKind, JobState};
use crate::service::payroll_lists::{self, PayslipFilter, RunFilter};
use crate::service::views::{
    GuaranteeFundView, InvoiceView, Page, PayrollDetailsView, PayrollRunView, PayslipView, WageDeadlineView,
};
use crate::service::{defaults, guarantee_fund, members, payroll, payslip_pdf, Node};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use partage_core::payroll::PayrollRunStatus;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

/// A language the pack's payslips are written in.
fn language<'a>(node: &Node, lang: Option<&'a str>) -> Result<Option<&'a str>, AppError> {
    lang.map(|l| node.language("lang", l)).transpose()
}

/// Starts the payroll run of a month (or finds the one already started, and resumes it) and
/// answers with the job paying it (`job_id`); once that run is complete, work payable since is
/// paid by a new run of the next sequence.
#[utoipa::path(post, path = "/api/v1/payroll-runs", tag = "payroll", request_body = PayrollRunRequest,
    responses((status = 202, description = "A new run (a new sequence when the last one was complete and work was left to pay); `Location` is its job", body = PayrollRunView,
            headers(("Location" = String, description = "Path of the job paying the run"))),
        (status = 200, description = "The run already running, or the last one when nothing new is payable", body = PayrollRunView),
        (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn start_run(
    State(node): State<Node>,
    ApiJson(body): ApiJson<PayrollRunRequest>,
) -> Result<Response, Problem> {
    // A period the pack has no payroll parameters for cannot be paid: say so before the run.
    let period = crate::service::bounds::month("period", &body.period)?;
    for day in [period.first_day(), period.last_day()] {
        node.pack.payroll().covers(day).map_err(|e| AppError::DateOutOfRange {
            field: "period".into(),
            date: day,
            expected: format!("within the country pack's payroll coverage ({e})"),
        })?;
    }
    let txn = node.store.write().await.map_err(AppError::from)?;
    let (mut view, created) = payroll::start(&*txn, &body.period, body.through, node.today(), node.now()).await?;
    // A running run has one job paying it (the one already queued or running, if any);
    // a complete one shows the job that paid it.
    let key = view.id.to_string();
    let job = if view.status == PayrollRunStatus::Running.as_str() {
        Some(jobs::enqueue(&*txn, JobKind::PayrollRun, &key, node.now()).await?)
    } else {
        jobs::latest(&*txn, JobKind::PayrollRun, &key).await?
    };
    txn.commit().await.map_err(AppError::from)?;
    view.job_id = job.as_ref().map(|j| j.id);
    if let Some(j) = job.as_ref().filter(|j| j.state == JobState::Queued.as_str()) {
        node.jobs.spawn(&node, j.id);
    }
    let status = if created { StatusCode::ACCEPTED } else { StatusCode::OK };
    let mut res = (status, Json(view)).into_response();
    if let Some(j) = job.filter(|_| created) {
        if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/jobs/{}", j.id)) {
            res.headers_mut().insert(header::LOCATION, location);
        }
    }
    Ok(res)
}

/// Filters of the payroll run list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RunListQuery {
    /// The month paid, `YYYY-MM`.
    #[param(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$")]
    pub period: Option<String>,
    /// running or completed.
    #[param(pattern = "^(running|completed)$")]
    pub status: Option<String>,
    /// Items to skip (default 0).
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
    /// Page size (default 50, at most 500).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

/// Lists payroll runs, newest first.
#[utoipa::path(get, path = "/api/v1/payroll-runs", tag = "payroll", operation_id = "list_payroll_runs", params(RunListQuery),
    responses((status = 200, body = Page<PayrollRunView>), (status = 400, description = "A malformed query parameter (an id that is not a UUID, a negative offset)", body = Problem), (status = 422, body = Problem)), security(("bearer" = [])))]
pub async fn list_runs(
    State(node): State<Node>,
    ApiQuery(q): ApiQuery<RunListQuery>,
) -> Result<Json<Page<PayrollRunView>>, Problem> {
    let (offset, limit) = Paging { offset: q.offset, limit: q.limit }.bounds()?;
    let filter = RunFilter { period: q.period, status: q.status };
    Ok(Json(payroll_lists::runs(node.store.db(), &filter, offset, limit).await?))
}

/// Filters of the payslip list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PayslipListQuery {
    /// Only this member's payslips.
    pub member_id: Option<Uuid>,
    /// Only those paid from this activity's budget.
    pub activity_id: Option<Uuid>,
    /// Only this contract's.
    pub contract_id: Option<Uuid>,
    /// Only this run's.
    pub run_id: Option<Uuid>,
    /// The month paid, `YYYY-MM`.
    #[param(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$")]
    pub period: Option<String>,
    /// regular or true_up.
    #[param(pattern = "^(regular|true_up)$")]
    pub kind: Option<String>,
    /// Only those computed under this state's social-security legislation (ISO 3166 code, such
    /// as `FR`): what is declared to that state's collectors; `home` for the node's own.
    #[param(pattern = "^([A-Za-z]{2}|home)$")]
    pub legislation_country: Option<String>,
    /// One of the pack's languages (default: each member's language).
    #[param(pattern = "^[a-z]{2}$")]
    pub lang: Option<String>,
    /// Items to skip (default 0).
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
    /// Page size (default 50, at most 500).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

/// Lists payslips with their lines, newest first.
#[utoipa::path(get, path = "/api/v1/payslips", tag = "payroll", operation_id = "list_payslips", params(PayslipListQuery),
    responses((status = 200, body = Page<PayslipView>), (status = 400, description = "A malformed query parameter (an id that is not a UUID, a negative offset)", body = Problem), (status = 422, body = Problem)), security(("bearer" = [])))]
pub async fn list_payslips(
    State(node): State<Node>,
    ApiQuery(q): ApiQuery<PayslipListQuery>,
) -> Result<Json<Page<PayslipView>>, Problem> {
    let (offset, limit) = Paging { offset: q.offset, limit: q.limit }.bounds()?;
    let filter = PayslipFilter {
        member_id: q.member_id,
        activity_id: q.activity_id,
        contract_id: q.contract_id,
        run_id: q.run_id,
        period: q.period,
        kind: q.kind,
        legislation_country: q.legislation_country,
        language: language(&node, q.lang.as_deref())?.map(str::to_owned),
    };
    Ok(Json(payroll_lists::payslips(node.store.db(), &node, &filter, offset, limit).await?))
}

/// A payroll run and its progress.
#[utoipa::path(get, path = "/api/v1/payroll-runs/{id}", tag = "payroll", params(("id" = Uuid, Path, description = "Run id")),
    responses((status = 200, body = PayrollRunView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn get_run(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Json<PayrollRunView>, Problem> {
    Ok(Json(payroll::get(node.store.db(), id).await?))
}

/// A run's payslips, a page at a time, in id order.
#[utoipa::path(get, path = "/api/v1/payroll-runs/{id}/payslips", tag = "payroll",
    params(("id" = Uuid, Path, description = "Run id"), RunPayslipsQuery),
    responses((status = 200, body = Vec<PayslipView>), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn run_payslips(
    State(node): State<Node>,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<RunPayslipsQuery>,
) -> Result<Json<Vec<PayslipView>>, Problem> {
    let limit = bounded("limit", q.limit.unwrap_or(50), 1, 200)?;
    let db = node.store.db();
    payroll::get(db, id).await?;
    let slips = payroll::payslips_of_run(db, id, q.after, limit).await?;
    Ok(Json(payroll::payslip_views(db, &node, slips, None).await?))
}

/// The run's net wages as an ISO 20022 pain.001.001.09 credit transfer file.
#[utoipa::path(get, path = "/api/v1/payroll-runs/{id}/sepa", tag = "payroll", params(("id" = Uuid, Path, description = "Run id")),
    responses((status = 200, content_type = "application/xml", body = String), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn sepa(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Response, Problem> {
    let xml = payroll::sepa_file(node.store.db(), &node, id).await?;
    let mut res = xml.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/xml"));
    Ok(res)
}

/// A payslip: every line with its base, rate, amount and source, labelled in the member's language.
#[utoipa::path(get, path = "/api/v1/payslips/{id}", tag = "payroll", params(("id" = Uuid, Path, description = "Payslip id"), PayslipQuery),
    responses((status = 200, body = PayslipView), (status = 404, body = Problem), (status = 422, body = Problem)), security(("bearer" = [])))]
pub async fn payslip(
    State(node): State<Node>,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<PayslipQuery>,
) -> Result<Json<PayslipView>, Problem> {
    let lang = language(&node, q.lang.as_deref())?;
    Ok(Json(payroll::payslip_view(node.store.db(), &node, id, lang).await?))
}

/// A payslip as a PDF, in the member's language.
#[utoipa::path(get, path = "/api/v1/payslips/{id}/pdf", tag = "payroll", params(("id" = Uuid, Path, description = "Payslip id"), PayslipQuery),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn payslip_pdf(
    State(node): State<Node>,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<PayslipQuery>,
) -> Result<Response, Problem> {
    let lang = language(&node, q.lang.as_deref())?;
    let pdf = payslip_pdf::payslip_pdf(node.store.db(), &node, id, lang).await?;
    let mut res = pdf.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    Ok(res)
}

/// Records a member's bank account and household (payroll needs both); answers
/// with what was saved, the IBAN masked.
#[utoipa::path(put, path = "/api/v1/members/{id}/payroll", tag = "members", request_body = PayrollDetailsRequest,
    params(("id" = Uuid, Path, description = "Member id")),
    responses((status = 200, body = PayrollDetailsView), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn set_payroll_details(
    State(node): State<Node>,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<PayrollDetailsRequest>,
) -> Result<Json<PayrollDetailsView>, Problem> {
    let details = body.into_input()?;
    let txn = node.store.write().await.map_err(AppError::from)?;
    let view = PayrollDetailsView::from(members::set_payroll_details(&*txn, id, details).await?);
    txn.commit().await.map_err(AppError::from)?;
    Ok(Json(view))
}

/// A member's payroll details as saved: household and bank account, the IBAN masked.
#[utoipa::path(get, path = "/api/v1/members/{id}/payroll", tag = "members", operation_id = "get_payroll_details",
    params(("id" = Uuid, Path, description = "Member id")),
    responses((status = 200, body = PayrollDetailsView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn get_payroll_details(
    State(node): State<Node>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<PayrollDetailsView>, Problem> {
    Ok(Json(PayrollDetailsView::from(members::payroll_details(node.store.db(), id).await?)))
}

/// The guarantee fund: balance, open advances, coverage ratio.
#[utoipa::path(get, path = "/api/v1/guarantee-fund", tag = "payroll",
    responses((status = 200, body = GuaranteeFundView)), security(("bearer" = [])))]
pub async fn fund(State(node): State<Node>) -> Result<Json<GuaranteeFundView>, Problem> {
    Ok(Json(guarantee_fund::view(node.store.db(), &node).await?))
}

/// Contracts whose wage is unpaid and due within `within` working days, late ones first.
#[utoipa::path(get, path = "/api/v1/guarantee-fund/deadlines", tag = "payroll", params(DeadlinesQuery),
    responses((status = 200, body = Vec<WageDeadlineView>), (status = 422, body = Problem)), security(("bearer" = [])))]
pub async fn deadlines(
    State(node): State<Node>,
    ApiQuery(q): ApiQuery<DeadlinesQuery>,
) -> Result<Json<Vec<WageDeadlineView>>, Problem> {
    let within = bounded("within", u64::from(q.within.unwrap_or(3)), 0, 60)?;
    let within = u32::try_from(within).map_err(|_| AppError::Corrupt("within".into()))?;
    Ok(Json(guarantee_fund::deadlines(node.store.db(), &node, within, node.today()).await?))
}

/// A client's default or bankruptcy: what it owes on the invoice is written off; the fund bears what it advanced.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/default", tag = "invoices", request_body = DefaultRequest,
    params(("id" = Uuid, Path, description = "Invoice id"), Idempotent),
    responses((status = 200, body = InvoiceView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn client_default(
    State(node): State<Node>,
    idempotent: Idempotent,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<DefaultRequest>,
) -> Result<Response, Problem> {
    let date = body.date.unwrap_or_else(|| node.today());
    if date > node.today() {
        return Err(AppError::invalid("date", "a default cannot be dated in the future").into());
    }
    idempotent
        .run(&node, &body, StatusCode::OK, async |txn| {
            defaults::client_default(txn, &node, id, date, &body.reason).await
        })
        .await
}
