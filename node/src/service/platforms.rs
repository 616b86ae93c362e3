//! Partner platforms: a delivery or staffing platform posts the hours its
//! workers (members of the cooperative) have worked; each line becomes an
//! hourly contract of that member, and the platform is invoiced for them.
//!
//! A worker is enrolled once: the enrolment opens the member's activity for the
//! platform and an open-ended framework employment whose hiring declaration
//! (in the pack's format) is filed then, so that every later hour is worked under a
//! declaration made before it. The enrolment also records the motive each hourly contract states
//! where the country asks fixed-term contracts for one (the pack's closed list; its default for
//! the worker's kind when none is given) and the worker's classification, both copied onto every
//! hourly contract. A batch is one transaction, keyed by the
//! platform's batch id: sent again, it is answered from what was stored, so a
//! platform that lost the answer (or a node killed mid-batch) can simply resend.

use super::errors::{MemberRefusal, PlatformRefusal};
use super::views::{BatchResultView, PlatformView, PlatformWorkerView, RejectedLineView};
use super::work::{self, Employment, FRAMEWORK, HOURLY};
use super::{activities, clients, invoices, members, minor, Node};
use crate::error::AppError;
use crate::storage::contracts;
use crate::storage::entities::{contract, work_declaration, work_period};
use crate::storage::platforms::{self as repo, Enrolment, StoredPlatform};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use partage_core::contract::{ContractKind, ContractStatus};
use partage_core::contract_reason::ContractReason;
use partage_core::hiring::{DeclaredWorker, EmploymentKind};
use partage_core::member::MembershipStatus;
use partage_core::payroll::{Employee, Household};
use partage_core::work_declaration::{DeclarationStatus, WorkPeriod};
use partage_core::{ClientId, MemberId, Money, Rate, RoundingRule};
use rust_decimal::Decimal;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// The most lines one batch may carry.
pub const MAX_LINES: usize = 20_000;
/// The longest line: a shift longer than this is a typing error, not work.
const MAX_LINE_HOURS: i64 = 12;
/// Rows per INSERT statement, under SQLite's and PostgreSQL's bound-parameter limits.
const ROWS_PER_INSERT: usize = 500;

/// A platform as an administrator registers it.
#[derive(Clone, Debug)]
pub struct NewPlatform {
    /// Its name.
    pub name: String,
    /// The client invoiced for its workers' hours.
    pub client_id: Uuid,
    /// Price of an hour, excluding VAT.
    pub hourly_rate: Money,
    /// VAT rate of its invoices.
    pub vat_rate: Rate,
    /// Worker kind of its workers, as the pack names them.
    pub worker_category: String,
    /// Function performed (bicycle courier...).
    pub function: String,
}

/// A member to enrol with a platform.
#[derive(Clone, Debug)]
pub struct NewEnrolment {
    /// The platform's reference of the worker, as its batches will name them.
    pub worker_ref: String,
    /// The member.
    pub member_id: Uuid,
    /// The motive the worker's hourly contracts state; the pack's default for the platform's
    /// worker kind when None.
    pub motive: Option<ContractReason>,
    /// The worker's place in the collective agreement's classification.
    pub classification: Option<String>,
}

/// One line of a batch as the platform sent it: text, so that a malformed
/// field rejects its line, not the batch.
#[derive(Clone, Debug)]
pub struct BatchLine {
    /// The platform's reference of the worker.
    pub worker: String,
    /// Day, `YYYY-MM-DD`.
    pub date: String,
    /// Start, `HH:MM`.
    pub start: String,
    /// End, `HH:MM`, the same day.
    pub end: String,
}

/// The hash a platform token is stored and looked up by; the token itself is shown once.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn view(p: &StoredPlatform) -> PlatformView {
    PlatformView {
        id: p.id,
        name: p.name.clone(),
        client_id: p.client_id.0,
        hourly_rate: p.hourly_rate.amount().to_string(),
        // In percent, as it is stored (`21`, `5.5`).
        vat_rate: p.vat_rate.percent().to_string(),
        currency: p.hourly_rate.currency().code().into(),
        worker_category: p.worker_category.clone(),
        function: p.function.clone(),
        token: None,
    }
}

/// Registers a platform; returns it with its API token, the only time the token is shown.
pub async fn create<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    input: NewPlatform,
    now: NaiveDateTime,
) -> Result<PlatformView, AppError> {
    for (field, value) in [("name", &input.name), ("function", &input.function)] {
        if value.trim().is_empty() {
            return Err(AppError::invalid(field, "must not be empty"));
        }
    }
    clients::load(c, input.client_id).await?;
    if !input.hourly_rate.is_positive() {
        return Err(AppError::invalid("hourly_rate", "must be positive"));
    }
    // The rate becomes the unit price of the platform's invoices: the same ceiling.
    super::bounds::ceiling("hourly_rate", input.hourly_rate, node.settings.limits.unit_price)?;
    let categories = node.pack.payroll().categories();
    if !categories.contains(&input.worker_category.as_str()) {
        return Err(AppError::invalid(
            "worker_category",
            format!("'{}' is not one of {}", input.worker_category, categories.join(", ")),
        ));
    }
    let token = format!("ptk_{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple());
    let p = StoredPlatform {
        id: Uuid::now_v7(),
        name: input.name.trim().into(),
        client_id: ClientId(input.client_id),
        hourly_rate: input.hourly_rate,
        vat_rate: input.vat_rate,
        worker_category: input.worker_category,
        function: input.function.trim().into(),
        created_at: now,
    };
    repo::insert(c, &p, &token_hash(&token)).await?;
    let mut v = view(&p);
    v.token = Some(token);
    Ok(v)
}

/// The platform a token belongs to, if any.
pub async fn by_token<C: ConnectionTrait>(c: &C, token: &str) -> Result<Option<StoredPlatform>, AppError> {
    repo::by_token_hash(c, &token_hash(token)).await
}

/// Enrols a member with a platform under the platform's reference: opens the
/// member's activity for the platform and the framework employment, with its
/// hiring declaration filed now, before any hour is worked. The framework keeps the motive and
/// the classification its hourly contracts copy.
pub async fn enrol<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    platform_id: Uuid,
    enrolment: NewEnrolment,
    now: NaiveDateTime,
) -> Result<PlatformWorkerView, AppError> {
    let NewEnrolment { worker_ref, member_id, motive, classification } = enrolment;
    let p = repo::get(c, platform_id).await?;
    let worker_ref = worker_ref.trim();
    if worker_ref.is_empty() || worker_ref.len() > 64 {
        return Err(AppError::invalid("worker_ref", "from 1 to 64 characters"));
    }
    if repo::is_enrolled(c, platform_id, worker_ref).await? {
        return Err(PlatformRefusal::AlreadyEnrolled { worker_ref: worker_ref.to_owned(), platform: p.name }.into());
    }
    let m = members::load(c, member_id).await?;
    let status: MembershipStatus = m.status.parse()?;
    if !status.may_work() {
        return Err(PlatformRefusal::MemberMayNotEnrol { status }.into());
    }
    let (Some(national_id), Some(birth_date)) = (m.national_id.clone(), m.birth_date) else {
        return Err(MemberRefusal::NoIdentity { member: m.id }.into());
    };
    // Each hourly contract is a fixed-term contract of its hours: where the country deems one
    // without its written motive open-ended (France, Code du travail L1242-12), the enrolment
    // states the motive they all copy, held to the pack's list like a declaration's.
    let motive = work::fixed_term_motive(node, &p.worker_category, motive)?;
    let classification = work::classification_of(classification.as_deref())?;
    let today = now.date();
    let act = activities::create(
        c,
        node,
        activities::NewActivity {
            member_id,
            name: format!("{} ({})", p.function, p.name),
            sector: "other".into(),
            sub_sector: Some(p.function.clone()),
        },
        today,
    )
    .await?;
    let declaration_id = Uuid::now_v7();
    let contract_id = Uuid::now_v7();
    let currency = node.currency();
    work_declaration::Entity::insert(work_declaration::ActiveModel {
        id: Set(declaration_id),
        activity_id: Set(act.activity.id.0),
        member_id: Set(member_id),
        client_id: Set(Some(p.client_id.0)),
        function: Set(p.function.clone()),
        place: Set(p.name.clone()),
        work_country: Set(node.settings.country.to_string()),
        risks: Set(String::new()),
        worker_category: Set(p.worker_category.clone()),
        budget_minor: Set(0),
        currency: Set(currency.code().into()),
        status: Set(DeclarationStatus::Validated.as_str().into()),
        return_reason: Set(None),
        contract_id: Set(Some(contract_id)),
        submitted_at: Set(now),
        decided_at: Set(Some(now)),
        contract_kind: Set(FRAMEWORK.into()),
        classification: Set(classification.clone()),
        ..work::declaration_at_home(motive.as_ref())
    })
    .exec_without_returning(c)
    .await?;
    contract::Entity::insert(contract::ActiveModel {
        id: Set(contract_id),
        declaration_id: Set(declaration_id),
        member_id: Set(member_id),
        activity_id: Set(act.activity.id.0),
        kind: Set(FRAMEWORK.into()),
        worker_category: Set(p.worker_category.clone()),
        starts_at: Set(now),
        ends_at: Set(work::open_end()),
        budget_minor: Set(0),
        gross_minor: Set(0),
        currency: Set(currency.code().into()),
        status: Set(ContractStatus::Active.as_str().into()),
        created_at: Set(now),
        framework_id: Set(None),
        classification: Set(classification.clone()),
        // Platform work is done in the node's country, under its legislation.
        legislation_state: Set(None),
        ..work::contract_with_motive(motive.as_ref())
    })
    .exec_without_returning(c)
    .await?;
    let worker =
        DeclaredWorker { national_id, last_name: m.last_name.clone(), first_name: m.first_name.clone(), birth_date };
    let employment = Employment {
        category: &p.worker_category,
        kind: EmploymentKind::Ordinary,
        start: today,
        end: None,
        days: Vec::new(),
    };
    work::file_hiring(c, node, contract_id, worker, employment, now).await?;
    let enrolment = Enrolment {
        platform_id,
        worker_ref: worker_ref.to_owned(),
        member_id: MemberId(member_id),
        activity_id: act.activity.id,
        framework_id: contract_id,
        enrolled_at: now,
    };
    repo::insert_enrolment(c, &enrolment).await?;
    Ok(PlatformWorkerView {
        platform_id,
        worker_ref: worker_ref.to_owned(),
        member_id,
        activity_id: act.activity.id.0,
        framework_contract_id: contract_id,
        enrolled_at: now,
        motive: motive.map(work::motive_view),
        classification,
    })
}

/// What an enrolment gives each of its hourly contracts to state.
#[derive(Clone, Debug, Default)]
struct Terms {
    motive: Option<ContractReason>,
    classification: Option<String>,
}

impl Terms {
    /// The framework contract's: its recorded motive or, for an enrolment made before motives
    /// were recorded, the pack's default for the worker's kind (none otherwise: the contract then
    /// prints the motive as still to complete, rather than a guess).
    fn of(node: &Node, framework: &contract::Model) -> Terms {
        Terms {
            motive: work::contract_motive(framework)
                .or_else(|| node.pack.default_contract_reason(&framework.worker_category)),
            classification: framework.classification.clone(),
        }
    }
}

/// A line that passed every check.
struct Accepted {
    line: usize,
    worker: Enrolment,
    period: WorkPeriod,
    minutes: i64,
}

fn parse_time(field: &str, text: &str) -> Result<NaiveTime, String> {
    let t = NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| format!("{field} '{text}' is not HH:MM"))?;
    if t.minute() % 15 != 0 {
        return Err(format!("{field} {text} is not on a quarter hour: hours are posted in quarter hours"));
    }
    Ok(t)
}

/// Checks one line on its own: worker known, day and hours well formed, in the
/// past, after the worker's enrolment, not too long in real hours of the legal `zone`.
fn check_line(
    l: &BatchLine,
    workers: &HashMap<String, Enrolment>,
    now: NaiveDateTime,
    zone: chrono_tz::Tz,
) -> Result<(Enrolment, WorkPeriod, i64), String> {
    let worker = workers.get(l.worker.trim()).ok_or_else(|| format!("unknown worker '{}'", l.worker))?;
    let date = NaiveDate::parse_from_str(l.date.trim(), "%Y-%m-%d")
        .map_err(|_| format!("date '{}' is not YYYY-MM-DD", l.date))?;
    let start = parse_time("start", &l.start)?;
    let end = parse_time("end", &l.end)?;
    if end <= start {
        return Err(format!(
            "the hours end ({end}) before they start ({start}): post a night as two lines around midnight"
        ));
    }
    let period = WorkPeriod { date, start, end };
    // The hours paid are the real time elapsed in the legal zone; a time the clocks skip or show
    // twice that day is refused as in a declaration.
    let minutes = period.elapsed(&zone).map_err(|e| e.to_string())?.num_minutes();
    if minutes > MAX_LINE_HOURS * 60 {
        return Err(format!("{} minutes in one line: at most {MAX_LINE_HOURS} hours", minutes));
    }
    if date.and_time(end) > now {
        return Err(format!("hours in the future ({date} {start}–{end}): only hours worked can be posted"));
    }
    if period.starts_at() <= worker.enrolled_at {
        return Err(format!(
            "hours before the worker's enrolment on {}: no hiring declaration covers them",
            worker.enrolled_at
        ));
    }
    Ok((worker.clone(), period, minutes))
}

fn overlaps(a: &WorkPeriod, b_start: NaiveDateTime, b_end: NaiveDateTime) -> bool {
    a.starts_at() < b_end && b_start < a.date.and_time(a.end)
}

/// Processes a batch: every line checked, the valid ones kept as hourly
/// contracts and invoiced to the platform, one invoice per worker, the rest
/// rejected with their reasons. A batch id already processed is answered from
/// what was stored (`true`), provided the lines are the same.
pub async fn post_batch<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    p: &StoredPlatform,
    batch_id: &str,
    lines: &[BatchLine],
    body_hash: &str,
    now: NaiveDateTime,
) -> Result<(BatchResultView, bool), AppError> {
    if batch_id.trim().is_empty() || batch_id.len() > 64 {
        return Err(AppError::invalid("batch_id", "from 1 to 64 characters"));
    }
    if lines.is_empty() || lines.len() > MAX_LINES {
        return Err(AppError::invalid("lines", format!("from 1 to {MAX_LINES} lines")));
    }
    if let Some(done) = repo::batch(c, p.id, batch_id).await? {
        if done.body_hash != body_hash {
            return Err(PlatformRefusal::BatchIdReused { batch: batch_id.to_owned() }.into());
        }
        let stored = serde_json::from_str(&done.result).map_err(|e| AppError::Corrupt(format!("batch result: {e}")))?;
        return Ok((stored, true));
    }
    // Claim the batch id first: a concurrent copy of the same batch waits on this row.
    repo::claim_batch(c, p.id, batch_id, body_hash, now).await?;
    let refs: Vec<String> = {
        let mut r: Vec<String> = lines.iter().map(|l| l.worker.trim().to_owned()).collect();
        r.sort_unstable();
        r.dedup();
        r
    };
    let workers = repo::enrolments(c, p.id, &refs).await?;
    // An enrolment ended (its OUT declared) covers no hours after its last day; its motive and
    // classification are what its hourly contracts state.
    let mut ended: HashMap<Uuid, NaiveDate> = HashMap::new();
    let mut terms: HashMap<Uuid, Terms> = HashMap::new();
    let frameworks: Vec<Uuid> = workers.values().map(|w| w.framework_id).collect();
    for k in contracts::rows(c, &frameworks).await? {
        if let Some(end) = work::end_of(&k) {
            ended.insert(k.id, end);
        }
        terms.insert(k.id, Terms::of(node, &k));
    }
    let mut rejected = Vec::new();
    let mut checked = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        let line =
            check_line(l, &workers, now, node.zone).and_then(|(w, period, minutes)| match ended.get(&w.framework_id) {
                Some(end) if period.date > *end => {
                    Err(format!("hours after the worker's enrolment ended on {end}: no hiring declaration covers them"))
                }
                _ => Ok((w, period, minutes)),
            });
        match line {
            Ok((worker, period, minutes)) => checked.push(Accepted { line: i, worker, period, minutes }),
            Err(reason) => rejected.push(RejectedLineView { line: i, worker: l.worker.clone(), reason }),
        }
    }
    // Overlaps: with the worker's hours already kept, and with earlier lines of this batch.
    let mut kept: HashMap<Uuid, Vec<(NaiveDateTime, NaiveDateTime)>> = HashMap::new();
    let mut spans: HashMap<Uuid, Uuid> = HashMap::new();
    if let (Some(from), Some(until)) = (
        checked.iter().map(|a| a.period.starts_at()).min(),
        checked.iter().map(|a| a.period.date.and_time(a.period.end)).max(),
    ) {
        let members: Vec<Uuid> = {
            let mut m: Vec<Uuid> = checked.iter().map(|a| a.worker.member_id.0).collect();
            m.sort_unstable();
            m.dedup();
            m
        };
        let kinds = [ContractKind::Hourly, ContractKind::PerPerformance];
        for k in contracts::active_between(c, &members, &kinds, from, until).await? {
            if k.kind == ContractKind::Hourly {
                kept.entry(k.member_id).or_default().push((k.starts_at, k.ends_at));
            } else {
                spans.insert(k.declaration_id, k.member_id);
            }
        }
        // A day contract of several days blocks only its own days and hours.
        let declarations: Vec<Uuid> = spans.keys().copied().collect();
        for (declaration, wp) in contracts::periods_of_declarations(c, &declarations).await? {
            if let Some(member) = spans.get(&declaration) {
                kept.entry(*member).or_default().push((wp.starts_at(), wp.date.and_time(wp.end)));
            }
        }
    }
    let mut accepted = Vec::with_capacity(checked.len());
    for a in checked {
        let mine = kept.entry(a.worker.member_id.0).or_default();
        if let Some((s, e)) = mine.iter().find(|(s, e)| overlaps(&a.period, *s, *e)) {
            rejected.push(RejectedLineView {
                line: a.line,
                worker: a.worker.worker_ref.clone(),
                reason: format!("overlaps hours already posted for this worker ({s} to {e})"),
            });
            continue;
        }
        mine.push((a.period.starts_at(), a.period.date.and_time(a.period.end)));
        accepted.push(a);
    }
    rejected.sort_by_key(|r| r.line);
    let (rate, vat_rate) = (p.hourly_rate, p.vat_rate);
    let mut by_worker: BTreeMap<String, Vec<&Accepted>> = BTreeMap::new();
    for a in &accepted {
        by_worker.entry(a.worker.worker_ref.clone()).or_default().push(a);
    }
    let payroll = node.pack.payroll();
    // The batch's contracts are made today, at the coefficient in force today, which they keep.
    let coefficient = super::coefficient_schedule::coefficient_on(c, node, now.date()).await?;
    let employee = Employee {
        category: p.worker_category.clone(),
        household: Household::single(),
        work_fraction: Rate(Decimal::ONE),
        worked: None,
        fixed_term: None,
        withholding_rate: None,
        employer_cost_coefficient: Some(coefficient),
    };
    let mut invoice_ids = Vec::with_capacity(by_worker.len());
    let mut declarations = Vec::with_capacity(accepted.len());
    let mut periods = Vec::with_capacity(accepted.len());
    let mut contracts = Vec::with_capacity(accepted.len());
    let mut total_minutes = 0i64;
    let mut total_net = Money::zero(rate.currency());
    // The batch's invoices are all issued today, at the fee in force today, read once.
    let fee = super::fee_schedule::policy_on(c, node, now.date()).await?;
    for (worker_ref, mine) in &by_worker {
        let Some(first) = mine.first() else { continue };
        let w = &first.worker;
        let Terms { motive, classification } = terms.get(&w.framework_id).cloned().unwrap_or_default();
        let mut inv_lines = Vec::with_capacity(mine.len());
        let mut nets = Vec::with_capacity(mine.len());
        for a in mine {
            let hours = Decimal::from(a.minutes) / Decimal::from(60);
            nets.push(Money::rounded(hours * rate.amount(), rate.currency(), RoundingRule::HalfUp));
            inv_lines.push(invoices::NewLine {
                description: format!(
                    "{} {} {}–{} ({worker_ref})",
                    p.function,
                    a.period.date,
                    a.period.start.format("%H:%M"),
                    a.period.end.format("%H:%M")
                ),
                quantity: hours,
                unit_code: "HUR".into(),
                unit_price: rate,
                vat_rate,
            });
        }
        let draft = invoices::create_draft(
            c,
            node,
            invoices::NewInvoice {
                activity_id: w.activity_id.0,
                client_id: p.client_id.0,
                date: None,
                payment_terms_days: None,
                buyer_reference: Some(format!("batch {batch_id}")),
                language: None,
                lines: inv_lines,
            },
            now.date(),
        )
        .await?;
        invoices::issue_with_fee(c, node, draft.id, now.date(), Some(fee)).await?;
        invoice_ids.push(draft.id);
        // The invoice's budget, shared over its lines; the last line takes the
        // rounding remainder so the contracts use exactly what the invoice brought.
        let net: Money = nets.iter().try_fold(Money::zero(rate.currency()), |acc, n| acc.checked_add(*n))?;
        total_net = total_net.checked_add(net)?;
        // The fee the invoice just issued took: the one in force on its date.
        let budget = fee.split(net)?.budget;
        let mut left = budget;
        for (i, (a, line_net)) in mine.iter().zip(&nets).enumerate() {
            let share = if i + 1 == mine.len() {
                left
            } else {
                let part = if net.is_positive() {
                    Money::rounded(
                        budget.amount() * line_net.amount() / net.amount(),
                        rate.currency(),
                        RoundingRule::Truncate,
                    )
                } else {
                    Money::zero(rate.currency())
                };
                left = left.checked_sub(part)?;
                part
            };
            // The run pays this line's contract as the day and hours it is (see
            // `work::validate`): its gross is found for the same time.
            let worked = partage_core::payroll::TimeWorked {
                days: Decimal::ONE,
                hours: (Decimal::from(a.minutes) / Decimal::from(60)).round_dp(2),
            };
            let employee = Employee { worked: Some(worked), ..employee.clone() };
            let gross = payroll.gross_for_budget(a.period.date, share, &employee)?;
            let declaration_id = Uuid::now_v7();
            let contract_id = Uuid::now_v7();
            declarations.push(work_declaration::ActiveModel {
                id: Set(declaration_id),
                activity_id: Set(w.activity_id.0),
                member_id: Set(w.member_id.0),
                client_id: Set(Some(p.client_id.0)),
                function: Set(p.function.clone()),
                place: Set(p.name.clone()),
                work_country: Set(node.settings.country.to_string()),
                risks: Set(String::new()),
                worker_category: Set(p.worker_category.clone()),
                budget_minor: Set(minor(share)?),
                currency: Set(share.currency().code().into()),
                status: Set(DeclarationStatus::Validated.as_str().into()),
                return_reason: Set(None),
                contract_id: Set(Some(contract_id)),
                submitted_at: Set(now),
                decided_at: Set(Some(now)),
                contract_kind: Set(HOURLY.into()),
                classification: Set(classification.clone()),
                ..work::declaration_at_home(motive.as_ref())
            });
            periods.push(work_period::ActiveModel {
                declaration_id: Set(declaration_id),
                position: Set(0),
                work_date: Set(a.period.date),
                start_time: Set(a.period.start),
                end_time: Set(a.period.end),
            });
            contracts.push(contract::ActiveModel {
                id: Set(contract_id),
                declaration_id: Set(declaration_id),
                member_id: Set(w.member_id.0),
                activity_id: Set(w.activity_id.0),
                kind: Set(HOURLY.into()),
                worker_category: Set(p.worker_category.clone()),
                starts_at: Set(a.period.starts_at()),
                ends_at: Set(a.period.date.and_time(a.period.end)),
                budget_minor: Set(minor(share)?),
                gross_minor: Set(minor(gross)?),
                currency: Set(share.currency().code().into()),
                status: Set(ContractStatus::Active.as_str().into()),
                created_at: Set(now),
                framework_id: Set(Some(w.framework_id)),
                classification: Set(classification.clone()),
                // Platform work is done in the node's country, under its legislation.
                legislation_state: Set(None),
                employer_cost_coefficient: Set(Some(super::coefficient_schedule::stored(coefficient))),
                // A platform's hours are under the worker's enrolment: they state its motive.
                ..work::contract_with_motive(motive.as_ref())
            });
            total_minutes = total_minutes.saturating_add(a.minutes);
        }
    }
    while !declarations.is_empty() {
        let rest = declarations.split_off(declarations.len().min(ROWS_PER_INSERT));
        work_declaration::Entity::insert_many(std::mem::replace(&mut declarations, rest))
            .exec_without_returning(c)
            .await?;
    }
    while !periods.is_empty() {
        let rest = periods.split_off(periods.len().min(ROWS_PER_INSERT));
        work_period::Entity::insert_many(std::mem::replace(&mut periods, rest)).exec_without_returning(c).await?;
    }
    while !contracts.is_empty() {
        let rest = contracts.split_off(contracts.len().min(ROWS_PER_INSERT));
        contract::Entity::insert_many(std::mem::replace(&mut contracts, rest)).exec_without_returning(c).await?;
    }
    let result = BatchResultView {
        batch_id: batch_id.to_owned(),
        platform_id: p.id,
        lines: lines.len(),
        accepted: accepted.len(),
        rejected,
        hours: (Decimal::from(total_minutes) / Decimal::from(60)).normalize().to_string(),
        invoiced: total_net.amount().to_string(),
        currency: total_net.currency().code().into(),
        invoices: invoice_ids,
        received_at: now,
    };
    let text = serde_json::to_string(&result).map_err(|e| AppError::Corrupt(e.to_string()))?;
    repo::save_batch(c, p.id, batch_id, body_hash, (result.accepted, result.rejected.len()), text, now).await?;
    Ok((result, false))
}

/// A batch's stored answer.
pub async fn batch<C: ConnectionTrait>(c: &C, platform_id: Uuid, batch_id: &str) -> Result<BatchResultView, AppError> {
    let done = repo::batch(c, platform_id, batch_id).await?.ok_or_else(|| AppError::not_found("batch", batch_id))?;
    serde_json::from_str(&done.result).map_err(|e| AppError::Corrupt(format!("batch result: {e}")))
}

/// A platform as stored (without its token).
pub async fn get<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<PlatformView, AppError> {
    Ok(view(&repo::get(c, id).await?))
}

/// Registered platforms, by name then id (never their token or its hash), optionally one client's.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    client: Option<Uuid>,
    offset: u64,
    limit: u64,
) -> Result<super::views::Page<PlatformView>, AppError> {
    let (rows, total) = repo::list(c, client, offset, limit).await?;
    let items = rows.iter().map(view).collect();
    Ok(super::views::Page { items, total, offset, limit })
}
