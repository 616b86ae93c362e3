//! Work declarations → contracts → hiring declarations.
//!
//! A member declares work; an advisor validates it (a contract is created and,
//! in the same transaction, the hiring declaration the pack renders in its
//! country's format) or returns it with a reason. Validation needs the work not to have
//! started, the member's identity, and a budget on the activity that covers it.

use super::errors::{MemberRefusal, WorkRefusal};
use super::views::{ContractMotiveView, ContractView, Page, ReplacedWorkerView, WorkDeclarationView, WorkPeriodView};
use super::{activities, bounds, clients, contract_kind, ledger, members, minor, money, Node};
use crate::error::AppError;
use crate::storage::entities::{contract, hiring_declaration, work_declaration, work_period};
use chrono::NaiveDateTime;
use chrono_tz::Tz;
use partage_core::contract::{ContractKind, ContractStatus};
use partage_core::contract_reason::{self, ContractReason, ReplacedWorker};
use partage_core::hiring::{
    DayOfWork, DeclaredWorker, DeclaringEmployer, EmploymentKind, HiringAction, HiringDeclaration,
};
use partage_core::ledger::Account;
use partage_core::member::MembershipStatus;
use partage_core::payroll::{Employee, Household};
use partage_core::work_declaration::{
    check_budget, check_periods, decide, DeclarationStatus, WorkDeclarationError, WorkPeriod,
};
use partage_core::{ActivityId, Money, Rate};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::HashMap;
use uuid::Uuid;

/// A declaration as the member sends it.
#[derive(Clone, Debug)]
pub struct NewWorkDeclaration {
    /// Activity whose budget pays the work.
    pub activity_id: Uuid,
    /// Client the work is for, if any.
    pub client_id: Option<Uuid>,
    /// Function performed (musician, sound engineer, trainer...).
    pub function: String,
    /// Place of work.
    pub place: String,
    /// Country of work (ISO 3166).
    pub work_country: String,
    /// Risks of the work (heights, night work...), for insurance.
    pub risks: Vec<String>,
    /// Worker kind, as the pack names them.
    pub worker_category: String,
    /// Budget of the activity to turn into salary for this work; for a
    /// stabilised monthly contract, the budget expected over a year.
    pub budget: Money,
    /// `per_performance` or `stabilised_monthly`.
    pub kind: String,
    /// Days and hours.
    pub periods: Vec<WorkPeriod>,
    /// Why the fixed-term contract is made (the pack's closed list); the pack's default for the
    /// worker's kind when None.
    pub motive: Option<ContractReason>,
    /// The worker's place in the collective agreement's classification (level, position,
    /// coefficient), free text; none when not given.
    pub classification: Option<String>,
    /// The worker is sent to replace another posted person (Regulation 883/2004 Art. 12(1)).
    pub replaces_posted_worker: bool,
}

/// The longest classification a contract records, in characters: a level, a position and a
/// coefficient with the grid's name ("Cadre, position 2.1, coefficient 115") fit several times.
pub const CLASSIFICATION_CHARS: usize = 120;

/// A classification as a contract records it: one line (runs of white space, line breaks
/// included, become one space), none when empty, refused past `CLASSIFICATION_CHARS`.
pub(super) fn classification_of(given: Option<&str>) -> Result<Option<String>, AppError> {
    let Some(text) = given else { return Ok(None) };
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > CLASSIFICATION_CHARS {
        return Err(WorkRefusal::ClassificationTooLong { max: CLASSIFICATION_CHARS }.into());
    }
    Ok((!line.is_empty()).then_some(line))
}

/// A contract for the declared days or hours only.
pub const PER_PERFORMANCE: &str = ContractKind::PerPerformance.as_str();
/// An open-ended contract paid monthly from the expected yearly budget.
pub const STABILISED: &str = ContractKind::StabilisedMonthly.as_str();
/// Hours posted by a partner platform, under the worker's enrolment.
pub const HOURLY: &str = ContractKind::Hourly.as_str();
/// A platform enrolment: the open-ended employment its hourly contracts belong to.
pub const FRAMEWORK: &str = ContractKind::Framework.as_str();

/// The end stored for an open-ended contract (the column is not nullable; the API shows none).
pub fn open_end() -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(9999, 12, 31).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or_default()
}

/// A declaration with a day of work from `first` to `last` (both included), as a condition on
/// `work_declarations` rows.
pub(super) fn has_a_day_between(first: chrono::NaiveDate, last: chrono::NaiveDate) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Expr, Query};
    let day = (work_period::Entity, work_period::Column::WorkDate);
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(work_period::Entity)
            .and_where(
                Expr::col((work_period::Entity, work_period::Column::DeclarationId))
                    .equals((work_declaration::Entity, work_declaration::Column::Id)),
            )
            .and_where(Expr::col(day).gte(first))
            .and_where(Expr::col(day).lte(last))
            .to_owned(),
    )
}

/// A motive's five stored columns (m0020): code, the replaced person's name and job, sector, detail.
type MotiveColumns = [Option<String>; 5];

fn motive_columns(m: Option<&ContractReason>) -> MotiveColumns {
    let replaced = m.and_then(|m| m.replaced.as_ref());
    [
        m.map(|m| m.code.clone()),
        replaced.map(|r| r.name.clone()),
        replaced.map(|r| r.job.clone()),
        m.and_then(|m| m.sector.clone()),
        m.and_then(|m| m.detail.clone()),
    ]
}

/// A declaration row holding only a fixed-term contract's motive, its five columns (m0020),
/// the rest not set: the base (`..`) of a row literal that sets every other column.
pub(super) fn declaration_with_motive(m: Option<&ContractReason>) -> work_declaration::ActiveModel {
    let [code, name, job, sector, detail] = motive_columns(m);
    work_declaration::ActiveModel {
        motive_code: Set(code),
        motive_replaced_name: Set(name),
        motive_replaced_job: Set(job),
        motive_sector: Set(sector),
        motive_detail: Set(detail),
        ..Default::default()
    }
}

/// [`declaration_with_motive`] for work in the node's own country, under its legislation: no
/// decision under Regulation 883/2004 to keep (m0026).
pub(super) fn declaration_at_home(m: Option<&ContractReason>) -> work_declaration::ActiveModel {
    work_declaration::ActiveModel {
        legislation_state: Set(None),
        legislation_article: Set(None),
        residence_state: Set(None),
        residence_time_share: Set(None),
        residence_pay_share: Set(None),
        replaces_posted_worker: Set(false),
        ..declaration_with_motive(m)
    }
}

/// A contract row holding only its motive's five columns, as [`declaration_with_motive`].
pub(super) fn contract_with_motive(m: Option<&ContractReason>) -> contract::ActiveModel {
    let [code, name, job, sector, detail] = motive_columns(m);
    contract::ActiveModel {
        motive_code: Set(code),
        motive_replaced_name: Set(name),
        motive_replaced_job: Set(job),
        motive_sector: Set(sector),
        motive_detail: Set(detail),
        ..Default::default()
    }
}
/// A contract's last day, none while it is open-ended.
pub fn end_of(k: &contract::Model) -> Option<chrono::NaiveDate> {
    (k.ends_at != open_end()).then(|| k.ends_at.date())
}

async fn load<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<work_declaration::Model, AppError> {
    work_declaration::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("work declaration", id))
}

/// The work periods of a declaration, in day order (the contracts repository reads them).
pub(super) use crate::storage::contracts::periods_of;

/// The API view of a declaration.
pub async fn get<C: ConnectionTrait>(c: &C, zone: Tz, id: Uuid) -> Result<WorkDeclarationView, AppError> {
    let d = load(c, id).await?;
    declaration_views(c, zone, vec![d]).await?.pop().ok_or_else(|| AppError::not_found("work declaration", id))
}

/// Declarations as the API shows them, in the order given: their periods and
/// their contracts (with hiring declarations) read for all at once, so the
/// cost is a few queries whatever their number. Hours are the real time elapsed in
/// the legal `zone` (an hour more on the night the clocks go back).
pub async fn declaration_views<C: ConnectionTrait>(
    c: &C,
    zone: Tz,
    rows: Vec<work_declaration::Model>,
) -> Result<Vec<WorkDeclarationView>, AppError> {
    let ids: Vec<Uuid> = rows.iter().map(|d| d.id).collect();
    let mut periods: HashMap<Uuid, Vec<WorkPeriodView>> = HashMap::new();
    for part in ids.chunks(IDS_PER_QUERY) {
        for p in work_period::Entity::find()
            .filter(work_period::Column::DeclarationId.is_in(part.iter().copied()))
            .order_by_asc(work_period::Column::DeclarationId)
            .order_by_asc(work_period::Column::Position)
            .all(c)
            .await?
        {
            let period = WorkPeriod { date: p.work_date, start: p.start_time, end: p.end_time };
            periods.entry(p.declaration_id).or_default().push(WorkPeriodView {
                date: period.date,
                start: period.start,
                end: period.end,
                hours: super::hours_of(period.elapsed_or_wall(&zone)).normalize().to_string(),
            });
        }
    }
    let contract_ids: Vec<Uuid> = rows.iter().filter_map(|d| d.contract_id).collect();
    let mut contracts: HashMap<Uuid, ContractView> = HashMap::new();
    for part in contract_ids.chunks(IDS_PER_QUERY) {
        let found = contract::Entity::find().filter(contract::Column::Id.is_in(part.iter().copied())).all(c).await?;
        for k in contract_views(c, found).await? {
            contracts.insert(k.id, k);
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    for d in rows {
        let contract = match d.contract_id {
            Some(cid) => Some(contracts.remove(&cid).ok_or_else(|| AppError::not_found("contract", cid))?),
            None => None,
        };
        out.push(WorkDeclarationView {
            periods: periods.remove(&d.id).unwrap_or_default(),
            motive: declaration_motive(&d).map(motive_view),
            legislation: super::abroad::legislation_view(&d),
            classification: d.classification,
            replaces_posted_worker: d.replaces_posted_worker,
            warnings: Vec::new(),
            id: d.id,
            activity_id: d.activity_id,
            member_id: d.member_id,
            client_id: d.client_id,
            function: d.function,
            place: d.place,
            work_country: d.work_country,
            risks: d.risks.split('\n').filter(|r| !r.is_empty()).map(str::to_owned).collect(),
            worker_category: d.worker_category,
            budget: money(d.budget_minor, &d.currency)?.amount().to_string(),
            currency: d.currency,
            status: d.status,
            return_reason: d.return_reason,
            contract,
        });
    }
    Ok(out)
}

/// The API view of a contract, with its hiring declarations.
pub async fn contract_view<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<ContractView, AppError> {
    let k = contract::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("contract", id))?;
    contract_views(c, vec![k]).await?.pop().ok_or_else(|| AppError::not_found("contract", id))
}

/// Contracts as the API shows them, in the order given, each with its hiring
/// declarations (an hourly contract shows its enrolment's): one query for the
/// declarations of all of them.
pub async fn contract_views<C: ConnectionTrait>(
    c: &C,
    rows: Vec<contract::Model>,
) -> Result<Vec<ContractView>, AppError> {
    let mut owners: Vec<Uuid> = rows.iter().flat_map(|k| [k.id, k.framework_id.unwrap_or(k.id)]).collect();
    owners.sort_unstable();
    owners.dedup();
    let mut filings: HashMap<Uuid, Vec<(Uuid, String, NaiveDateTime)>> = HashMap::new();
    for part in owners.chunks(IDS_PER_QUERY) {
        let found: Vec<(Uuid, Uuid, String, NaiveDateTime)> = hiring_declaration::Entity::find()
            .select_only()
            .column(hiring_declaration::Column::ContractId)
            .column(hiring_declaration::Column::Id)
            .column(hiring_declaration::Column::Action)
            .column(hiring_declaration::Column::DeclaredAt)
            .filter(hiring_declaration::Column::ContractId.is_in(part.iter().copied()))
            .into_tuple()
            .all(c)
            .await?;
        for (contract_id, id, action, declared_at) in found {
            filings.entry(contract_id).or_default().push((id, action, declared_at));
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    for k in rows {
        let mut own: Vec<(Uuid, String, NaiveDateTime)> = filings.get(&k.id).cloned().unwrap_or_default();
        if let Some(framework) = k.framework_id.filter(|f| *f != k.id) {
            own.extend(filings.get(&framework).into_iter().flatten().cloned());
        }
        own.sort_by_key(|(id, _, at)| (*at, *id));
        out.push(ContractView {
            hiring_declarations: own.into_iter().map(Into::into).collect(),
            motive: contract_motive(&k).map(motive_view),
            classification: k.classification.clone(),
            legislation_country: k.legislation_state.clone(),
            ends_at: (k.ends_at != open_end()).then_some(k.ends_at),
            budget: money(k.budget_minor, &k.currency)?.amount().to_string(),
            gross: money(k.gross_minor, &k.currency)?.amount().to_string(),
            id: k.id,
            declaration_id: k.declaration_id,
            member_id: k.member_id,
            activity_id: k.activity_id,
            kind: k.kind,
            worker_category: k.worker_category,
            starts_at: k.starts_at,
            currency: k.currency,
            status: k.status,
        });
    }
    Ok(out)
}

/// Ids per `IN (...)` list, under SQLite's and PostgreSQL's bound-parameter limits.
const IDS_PER_QUERY: usize = 1_000;

/// Filters of the work declaration list.
#[derive(Clone, Debug, Default)]
pub struct DeclarationFilter {
    /// The member who declared.
    pub member_id: Option<Uuid>,
    /// The activity whose budget pays.
    pub activity_id: Option<Uuid>,
    /// submitted, validated or returned.
    pub status: Option<String>,
    /// `YYYY-MM`: declarations with a day of work in that month.
    pub period: Option<String>,
}

/// Work declarations, newest first.
pub async fn list_declarations<C: ConnectionTrait>(
    c: &C,
    zone: Tz,
    f: &DeclarationFilter,
    offset: u64,
    limit: u64,
) -> Result<Page<WorkDeclarationView>, AppError> {
    use sea_orm::PaginatorTrait;
    let mut q = work_declaration::Entity::find();
    if let Some(m) = f.member_id {
        q = q.filter(work_declaration::Column::MemberId.eq(m));
    }
    if let Some(a) = f.activity_id {
        q = q.filter(work_declaration::Column::ActivityId.eq(a));
    }
    let statuses = ["submitted", "validated", "returned"];
    if let Some(s) = super::payroll_lists::one_of("status", f.status.as_deref(), &statuses)? {
        q = q.filter(work_declaration::Column::Status.eq(s));
    }
    if let Some(p) = f.period.as_deref() {
        let p = bounds::month("period", p)?;
        // A declaration belongs to every month it has a day of work in.
        q = q.filter(has_a_day_between(p.first_day(), p.last_day()));
    }
    let total = q.clone().count(c).await?;
    let rows = q.order_by_desc(work_declaration::Column::Id).offset(offset).limit(limit).all(c).await?;
    Ok(Page { items: declaration_views(c, zone, rows).await?, total, offset, limit })
}

/// The clients a member's declarations of work name, once each.
pub async fn clients_of_member<C: ConnectionTrait>(c: &C, member: Uuid) -> Result<Vec<Uuid>, AppError> {
    Ok(work_declaration::Entity::find()
        .select_only()
        .column(work_declaration::Column::ClientId)
        .distinct()
        .filter(work_declaration::Column::MemberId.eq(member))
        .filter(work_declaration::Column::ClientId.is_not_null())
        .into_tuple::<Option<Uuid>>()
        .all(c)
        .await?
        .into_iter()
        .flatten()
        .collect())
}

/// Records a member's declaration of work.
pub async fn declare<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    mut input: NewWorkDeclaration,
    now: NaiveDateTime,
) -> Result<WorkDeclarationView, AppError> {
    let act = activities::load(c, input.activity_id).await?;
    let owner = members::load(c, act.member_id).await?;
    let status: MembershipStatus = owner.status.parse()?;
    if !status.may_work() {
        return Err(WorkRefusal::MemberMayNotDeclare { status }.into());
    }
    if let Some(client) = input.client_id {
        clients::load(c, client).await?;
    }
    for (field, value) in [("function", &input.function), ("place", &input.place)] {
        if value.trim().is_empty() {
            return Err(AppError::invalid(field, "must not be empty"));
        }
    }
    let work_country = partage_core::client::CountryCode::parse(&input.work_country)
        .map_err(|e| AppError::invalid("work_country", e.to_string()))?;
    // Work abroad holds its worker kind to the pack of the legislation decided below.
    let abroad = work_country != node.settings.country;
    if !abroad && !node.pack.payroll().categories().contains(&input.worker_category.as_str()) {
        return Err(AppError::invalid(
            "worker_category",
            format!("'{}' is not one of {}", input.worker_category, node.pack.payroll().categories().join(", ")),
        ));
    }
    if !input.budget.is_positive() || input.budget.currency() != node.currency() {
        return Err(AppError::invalid("budget", format!("must be a positive amount in {}", node.currency())));
    }
    check_periods(&mut input.periods, &node.zone).map_err(work_error)?;
    // Hourly and framework contracts come from a platform, never from a declaration.
    match input.kind.parse() {
        Ok(ContractKind::PerPerformance) => {}
        Ok(ContractKind::StabilisedMonthly) => {
            if input.periods.len() != 1 {
                return Err(AppError::invalid(
                    "periods",
                    "a stabilised monthly contract is open-ended: give only its first day of work",
                ));
            }
        }
        Ok(ContractKind::Hourly | ContractKind::Framework) | Err(_) => {
            let other = &input.kind;
            return Err(AppError::invalid("kind", format!("'{other}' is not one of {PER_PERFORMANCE}, {STABILISED}")));
        }
    }
    let decided = super::abroad::decide(
        c,
        node,
        &super::abroad::WorkAbroad {
            member: &owner,
            work_country,
            periods: &input.periods,
            kind: contract_kind(&input.kind)?,
            budget: input.budget,
            replaces_posted_worker: input.replaces_posted_worker,
        },
        None,
    )
    .await?;
    if abroad {
        // The contract is computed with the pack of the legislation that applies: refused now,
        // naming the country, when there is none, rather than at validation.
        let state = decided.state.as_deref().unwrap_or(node.settings.country.as_str());
        match super::abroad::applicable_pack(node, state)? {
            Some(pack) => super::abroad::check_category(pack.as_ref(), state, &input.worker_category)?,
            None => super::abroad::check_category(node.pack.as_ref(), state, &input.worker_category)?,
        }
    }
    let motive = motive_of(node, &input.kind, &input.worker_category, input.motive.take())?;
    let classification = classification_of(input.classification.as_deref())?;
    let first =
        input.periods.first().map(WorkPeriod::starts_at).ok_or_else(|| AppError::invalid("periods", "empty"))?;
    if first <= now {
        return Err(AppError::invalid(
            "periods",
            format!("the work of {first} has already started: declare it before"),
        ));
    }
    let id = Uuid::now_v7();
    work_declaration::Entity::insert(work_declaration::ActiveModel {
        id: Set(id),
        activity_id: Set(act.id),
        member_id: Set(act.member_id),
        client_id: Set(input.client_id),
        function: Set(input.function.trim().into()),
        place: Set(input.place.trim().into()),
        work_country: Set(input.work_country.to_uppercase()),
        risks: Set(input.risks.iter().map(|r| r.trim()).filter(|r| !r.is_empty()).collect::<Vec<_>>().join("\n")),
        worker_category: Set(input.worker_category.clone()),
        budget_minor: Set(minor(input.budget)?),
        currency: Set(input.budget.currency().code().into()),
        status: Set(DeclarationStatus::Submitted.as_str().into()),
        return_reason: Set(None),
        contract_id: Set(None),
        submitted_at: Set(now),
        decided_at: Set(None),
        contract_kind: Set(input.kind.clone()),
        classification: Set(classification),
        legislation_state: Set(decided.state),
        legislation_article: Set(decided.article),
        residence_state: Set(decided.residence),
        residence_time_share: Set(decided.time_share),
        residence_pay_share: Set(decided.pay_share),
        replaces_posted_worker: Set(input.replaces_posted_worker),
        ..declaration_with_motive(motive.as_ref())
    })
    .exec_without_returning(c)
    .await?;
    let rows: Vec<work_period::ActiveModel> = input
        .periods
        .iter()
        .enumerate()
        .map(|(i, p)| work_period::ActiveModel {
            declaration_id: Set(id),
            position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
            work_date: Set(p.date),
            start_time: Set(p.start),
            end_time: Set(p.end),
        })
        .collect();
    work_period::Entity::insert_many(rows).exec_without_returning(c).await?;
    get(c, node.zone, id).await
}

/// Returns a declaration to the member with a reason.
pub async fn return_to_member<C: ConnectionTrait>(
    c: &C,
    zone: Tz,
    id: Uuid,
    reason: &str,
    now: NaiveDateTime,
) -> Result<WorkDeclarationView, AppError> {
    let d = work_declaration::Entity::find_by_id(id)
        .lock_exclusive()
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("work declaration", id))?;
    let first = periods_of(c, id).await?.first().map(WorkPeriod::starts_at).unwrap_or(now);
    let status = status_of(&d)?;
    let next = decide(status, false, Some(reason), first, now).map_err(work_error)?;
    let mut row = d.into_active_model();
    row.status = Set(next.as_str().into());
    row.return_reason = Set(Some(reason.trim().into()));
    row.decided_at = Set(Some(now));
    row.update(c).await?;
    get(c, zone, id).await
}

/// The motive a declaration's contract states: a fixed-term one's held to the pack's closed list
/// (the pack's default for the worker's kind when none is given), none for an open-ended one.
fn motive_of(
    node: &Node,
    kind: &str,
    category: &str,
    given: Option<ContractReason>,
) -> Result<Option<ContractReason>, AppError> {
    if kind == STABILISED {
        contract_reason::check_open_ended(given.as_ref()).map_err(WorkRefusal::Motive)?;
        return Ok(None);
    }
    fixed_term_motive(node, category, given)
}

/// The motive a fixed-term contract of a worker of `category` states: the one given, else the
/// pack's default for the kind, held to the pack's closed list (none where the country asks none).
/// A declaration's contract and a platform enrolment's hourly contracts both take it from here.
pub(super) fn fixed_term_motive(
    node: &Node,
    category: &str,
    given: Option<ContractReason>,
) -> Result<Option<ContractReason>, AppError> {
    let given = given.or_else(|| node.pack.default_contract_reason(category));
    contract_reason::check(node.pack.contract_reasons(), given).map_err(|e| AppError::from(WorkRefusal::Motive(e)))
}

/// The motive stored in a row's five columns, none when it has no code.
fn stored_motive(
    code: Option<&String>,
    name: Option<&String>,
    job: Option<&String>,
    sector: Option<&String>,
    detail: Option<&String>,
) -> Option<ContractReason> {
    Some(ContractReason {
        code: code?.clone(),
        replaced: name.zip(job).map(|(name, job)| ReplacedWorker { name: name.clone(), job: job.clone() }),
        sector: sector.cloned(),
        detail: detail.cloned(),
    })
}

/// A contract's stored motive.
pub fn contract_motive(k: &contract::Model) -> Option<ContractReason> {
    stored_motive(
        k.motive_code.as_ref(),
        k.motive_replaced_name.as_ref(),
        k.motive_replaced_job.as_ref(),
        k.motive_sector.as_ref(),
        k.motive_detail.as_ref(),
    )
}

fn declaration_motive(d: &work_declaration::Model) -> Option<ContractReason> {
    stored_motive(
        d.motive_code.as_ref(),
        d.motive_replaced_name.as_ref(),
        d.motive_replaced_job.as_ref(),
        d.motive_sector.as_ref(),
        d.motive_detail.as_ref(),
    )
}

/// A motive as the API shows it.
pub(super) fn motive_view(m: ContractReason) -> ContractMotiveView {
    ContractMotiveView {
        code: m.code,
        replaced: m.replaced.map(|r| ReplacedWorkerView { name: r.name, job: r.job }),
        sector: m.sector,
        detail: m.detail,
    }
}

fn status_of(d: &work_declaration::Model) -> Result<DeclarationStatus, AppError> {
    d.status.parse().map_err(|e: WorkDeclarationError| AppError::Corrupt(e.to_string()))
}

fn work_error(e: partage_core::work_declaration::WorkDeclarationError) -> AppError {
    use partage_core::work_declaration::WorkDeclarationError as W;
    match e {
        W::NoReason => AppError::invalid("reason", e.to_string()),
        W::NotAllowed(status, decision) => WorkRefusal::AlreadyDecided { status, decision }.into(),
        W::AlreadyStarted(start) => WorkRefusal::WorkStarted { start }.into(),
        W::NoPeriod | W::BadPeriod { .. } | W::Overlap(_) => AppError::invalid("periods", e.to_string()),
        W::SkippedTime { index, bound, .. } | W::RepeatedTime { index, bound, .. } => {
            AppError::invalid(format!("periods[{index}].{}", bound.as_str()), e.to_string())
        }
        W::BudgetTooSmall { available, asked } => WorkRefusal::BudgetTooSmall { available, budget: asked }.into(),
        W::Money(m) => AppError::Money(m),
        W::UnknownStatus(_) => AppError::Corrupt(e.to_string()),
    }
}

/// Validates a declaration: creates the contract and its hiring declaration.
pub async fn validate<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    now: NaiveDateTime,
) -> Result<WorkDeclarationView, AppError> {
    let d = work_declaration::Entity::find_by_id(id)
        .lock_exclusive()
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("work declaration", id))?;
    let periods = periods_of(c, id).await?;
    let (Some(first), Some(last)) = (periods.first().copied(), periods.last().copied()) else {
        return Err(AppError::Corrupt(format!("declaration {id} has no period")));
    };
    decide(status_of(&d)?, true, None, first.starts_at(), now).map_err(work_error)?;
    let member = members::load(c, d.member_id).await?;
    let (Some(national_id), Some(birth_date)) = (member.national_id.clone(), member.birth_date) else {
        return Err(MemberRefusal::NoIdentity { member: member.id }.into());
    };
    let budget = money(d.budget_minor, &d.currency)?;
    let kind = contract_kind(&d.contract_kind)?;
    let stabilised = kind == ContractKind::StabilisedMonthly;
    let balance = ledger::balance(c, Account::budget(ActivityId(d.activity_id)), node.currency()).await?.negated();
    let advanced = super::order_forms::open_advance(c, node, d.activity_id).await?;
    check_budget(kind, budget, balance, advanced).map_err(work_error)?;
    // The days and hours the payroll run will pay them as (a contract of a few hours is that
    // fraction of a month): a pack whose gross is the one its employer cost meets the budget
    // (France's, whose general reduction is prorated to the hours) must find it for the same
    // time, or the payslip costs the activity more than the budget it was given.
    let worked = if stabilised {
        None
    } else {
        super::quarterly_returns::worked_by_declaration(c, node.zone, &[d.id]).await?.remove(&d.id)
    };
    // The node's coefficient of the day the contract is made (the day the fee schedule reads):
    // the contract keeps it, and payroll pays it at it (`coefficient_schedule`).
    let coefficient = super::coefficient_schedule::coefficient_on(c, node, node.today()).await?;
    let employee = Employee {
        category: d.worker_category.clone(),
        household: Household::single(),
        work_fraction: Rate(Decimal::ONE),
        worked,
        fixed_term: None,
        withholding_rate: None,
        employer_cost_coefficient: Some(coefficient),
    };
    let paid_budget = if stabilised {
        partage_core::contract::monthly_budget(budget).map_err(|e| AppError::invalid("budget", e.to_string()))?
    } else {
        budget
    };
    // A declaration made before motives were recorded states the pack's default, or is refused:
    // the contract made now is held to the list like a new declaration.
    let motive = match declaration_motive(&d) {
        Some(m) => Some(m),
        None => motive_of(node, &d.contract_kind, &d.worker_category, None)?,
    };
    // Regulation 883/2004: a work whose legislation is another country's is computed with that
    // country's pack (refused, naming it, when there is none).
    // Decided again now: declarations made or returned since the member declared this one
    // change the twelve months it is weighed against, and the contract follows the decision of
    // the day it is made (the view shows the same).
    let work_country = super::country(&d.work_country)?;
    let decided = super::abroad::decide(
        c,
        node,
        &super::abroad::WorkAbroad {
            member: &member,
            work_country,
            periods: &periods,
            kind,
            budget,
            replaces_posted_worker: d.replaces_posted_worker,
        },
        Some(d.id),
    )
    .await?;
    let applicable = match decided.state.as_deref() {
        Some(state) => super::abroad::applicable_pack(node, state)?.map(|pack| (state.to_owned(), pack)),
        None => None,
    };
    if let Some((state, pack)) = &applicable {
        super::abroad::check_category(pack.as_ref(), state, &d.worker_category)?;
    }
    let pack = applicable.as_ref().map_or(node.pack.as_ref(), |(_, pack)| pack.as_ref());
    let gross = pack.payroll().gross_for_budget(first.date, paid_budget, &employee)?;
    let contract_id = Uuid::now_v7();
    let starts_at = first.starts_at();
    let ends_at = if stabilised { open_end() } else { last.date.and_time(last.end) };
    contract::Entity::insert(contract::ActiveModel {
        id: Set(contract_id),
        declaration_id: Set(d.id),
        member_id: Set(d.member_id),
        activity_id: Set(d.activity_id),
        kind: Set(d.contract_kind.clone()),
        worker_category: Set(d.worker_category.clone()),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        budget_minor: Set(minor(budget)?),
        gross_minor: Set(minor(gross)?),
        currency: Set(d.currency.clone()),
        status: Set(ContractStatus::Active.as_str().into()),
        created_at: Set(now),
        framework_id: Set(None),
        classification: Set(d.classification.clone()),
        legislation_state: Set(applicable.as_ref().map(|(state, _)| state.clone())),
        employer_cost_coefficient: Set(Some(super::coefficient_schedule::stored(coefficient))),
        ..contract_with_motive(motive.as_ref())
    })
    .exec_without_returning(c)
    .await?;
    let days = if stabilised {
        Vec::new()
    } else {
        periods.iter().map(|p| DayOfWork { date: p.date, start: p.start, end: p.end }).collect()
    };
    let worker = DeclaredWorker {
        national_id,
        last_name: member.last_name.clone(),
        first_name: member.first_name.clone(),
        birth_date,
    };
    let employment = Employment {
        category: &d.worker_category,
        kind: if stabilised { EmploymentKind::Ordinary } else { EmploymentKind::DayContract },
        start: first.date,
        end: (!stabilised).then_some(last.date),
        days,
    };
    file_hiring(c, node, contract_id, worker, employment, now).await?;
    // Work in a peer office's country: that office is told, in this transaction (issue 13).
    let legislation = (decided.state.as_deref(), decided.article.as_deref());
    super::postings::notify_validated(c, node, &d, &member, &periods, legislation, contract_id).await?;
    let mut row = d.into_active_model();
    row.status = Set(DeclarationStatus::Validated.as_str().into());
    row.contract_id = Set(Some(contract_id));
    row.decided_at = Set(Some(now));
    row.legislation_state = Set(decided.state);
    row.legislation_article = Set(decided.article);
    row.residence_state = Set(decided.residence);
    row.residence_time_share = Set(decided.time_share);
    row.residence_pay_share = Set(decided.pay_share);
    row.update(c).await?;
    get(c, node.zone, id).await
}

/// What a hiring declaration declares of an employment.
pub struct Employment<'a> {
    /// Worker kind, for the pack's collective agreement of it.
    pub category: &'a str,
    /// Day contract or ordinary (open-ended) employment.
    pub kind: EmploymentKind,
    /// First day.
    pub start: chrono::NaiveDate,
    /// Last day; none when open-ended.
    pub end: Option<chrono::NaiveDate>,
    /// The days and hours of a day contract.
    pub days: Vec<DayOfWork>,
}

/// Renders the hiring declaration (IN) of a contract with the pack and stores it.
pub async fn file_hiring<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    contract_id: Uuid,
    worker: DeclaredWorker,
    employment: Employment<'_>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    file(c, node, contract_id, worker, employment, HiringAction::In, None, now).await
}

/// Renders a hiring declaration of any action with the pack and stores it.
#[allow(clippy::too_many_arguments)]
pub(super) async fn file<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    contract_id: Uuid,
    worker: DeclaredWorker,
    employment: Employment<'_>,
    action: HiringAction,
    previous_reference: Option<String>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let company_id = node.pack.seller_identifiers(&node.settings.entity.vat_number).company_id.unwrap_or_default();
    let mut declaration = HiringDeclaration {
        action,
        previous_reference,
        // The pack completes what its configuration holds: registration, agreement, worker type.
        employer: DeclaringEmployer { company_id, social_security_number: None },
        worker,
        kind: employment.kind,
        start: employment.start,
        end: employment.end,
        days: employment.days,
        collective_agreement: String::new(),
        worker_type: String::new(),
        planned_hours: None,
    };
    node.pack.complete_hiring_declaration(&mut declaration, employment.category);
    let filing = node.pack.hiring_declaration(&declaration, now)?;
    crate::storage::contracts::insert_hiring(c, contract_id, action, filing.format, &super::filing_text(&filing)?, now)
        .await
}

/// The content and media type of a stored hiring declaration.
pub async fn hiring_document<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<(String, String), AppError> {
    let f = hiring_declaration::Entity::find_by_id(id)
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("hiring declaration", id))?;
    Ok((f.format, f.content))
}

#[cfg(test)]
mod tests {
    use super::{classification_of, CLASSIFICATION_CHARS};
    use crate::error::AppError;
    use crate::service::errors::WorkRefusal;

    #[test]
    fn a_classification_is_one_line_of_at_most_120_characters_and_none_when_blank() {
        assert_eq!(classification_of(None).unwrap(), None);
        assert_eq!(classification_of(Some(" \n\t ")).unwrap(), None);
        let given = " Niveau III,\n  échelon 2 ";
        assert_eq!(classification_of(Some(given)).unwrap().as_deref(), Some("Niveau III, échelon 2"));
        // Characters, not bytes: 120 accented letters fit, 121 do not.
        let longest = "é".repeat(CLASSIFICATION_CHARS);
        assert_eq!(classification_of(Some(&longest)).unwrap(), Some(longest.clone()));
        let refused = classification_of(Some(&format!("{longest}é"))).unwrap_err();
        assert!(
            matches!(refused, AppError::WorkRefused(WorkRefusal::ClassificationTooLong { max: 120 })),
            "{refused:?}"
        );
    }
}
