//! Payroll runs: for a period, one payslip per contract, posted to the journal
//! and paid, with the guarantee fund advancing what clients have not paid.
//!
//! A run pays the work ended by its instant (the node's clock, in the pack's
//! legal time), up to its cut-off date. It is keyed by its period, cut-off date
//! and sequence: starting it while it runs, or once complete with nothing new to
//! pay, is starting it once; once it is complete, work payable since (hours
//! posted later that day, a shift that has ended since) is paid by the next
//! sequence. It works in chunks, each one transaction: payslips, their
//! journal entries, the wage payment and the fund's movements commit together
//! or not at all. The unique (contract, period) key makes a second payslip
//! impossible; a run killed at any point resumes with the contracts that have
//! none, so a restart neither loses nor doubles anything.

use super::abroad::Legislations;
use super::errors::{PayrollRefusal, TransferRefusal};
use super::guarantee_fund::{covers, lock_activities, Fund};
use super::payslip_lines::StoredLine;
use super::views::{PayrollRunView, PayslipLineView, PayslipView};
use super::{bounds, contract_kind, ledger, minor, money, run_status, stored_month, work, Node};
use crate::error::AppError;
use crate::storage::entities::{contract, legal_source, member, payroll_run, payslip, true_up};
use crate::storage::outbox;
use crate::storage::payslips::regular_payslip_of;
use chrono::{NaiveDate, NaiveDateTime};
use partage_core::client::CountryCode;
use partage_core::contract::{self as contract_rules, ContractKind, ContractStatus, TrueUp};
use partage_core::guarantee_fund::{movement, wage_deadline};
use partage_core::ledger::{payslip_posted, wages_paid, JournalEntry};
use partage_core::pack::CountryPack;
use partage_core::payroll::PayslipKind;
use partage_core::payroll::{Employee, Household, PayrollRunStatus, Payslip};
use partage_core::period::Month;
use partage_core::{ActivityId, MemberId, Money, Rate};
use partage_federation::events::PayslipsPaidV1;
use partage_federation::Event;
use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect,
};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use uuid::Uuid;

/// Rows per INSERT statement, under SQLite's and PostgreSQL's bound-parameter limits.
const ROWS_PER_INSERT: usize = 1_000;

/// The source's number: a stable hash of its text, so that concurrent runs
/// agree on it without asking each other.
fn source_id(text: &str) -> i64 {
    let digest = Sha256::digest(text.as_bytes());
    let mut bytes = [0u8; 8];
    for (b, d) in bytes.iter_mut().zip(digest.iter()) {
        *b = *d;
    }
    i64::from_be_bytes(bytes) & i64::MAX
}

/// The household payroll reads from a member row.
pub fn household_of(m: &member::Model) -> Result<Household, AppError> {
    crate::storage::members::household_of(m)
}

/// The API view of a run.
pub(super) fn run_view(r: &payroll_run::Model) -> Result<PayrollRunView, AppError> {
    Ok(PayrollRunView {
        id: r.id,
        period: r.period.clone(),
        through: r.through,
        pay_date: r.pay_date,
        status: run_status(&r.status)?.as_str().into(),
        payslips: r.payslips,
        started_at: r.started_at,
        completed_at: r.completed_at,
        sequence: r.sequence,
        job_id: None,
    })
}

/// Starts (or finds) the run of `period` for the work ended by `through` and by
/// `now` (the run's instant); the caller then calls [`process`] until it completes.
pub async fn start<C: ConnectionTrait>(
    c: &C,
    period: &str,
    through: Option<NaiveDate>,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<(PayrollRunView, bool), AppError> {
    let p = bounds::month("period", period)?;
    let through = through.unwrap_or_else(|| today.min(p.last_day()));
    if through > today {
        return Err(AppError::invalid("through", format!("{through} is in the future: only work done can be paid")));
    }
    if through < p.first_day() {
        return Err(AppError::invalid("through", format!("{through} is before the period {p}")));
    }
    let through = through.min(p.last_day());
    let key = p.to_string();
    let latest = payroll_run::Entity::find()
        .filter(payroll_run::Column::Period.eq(key.as_str()))
        .filter(payroll_run::Column::Through.eq(through))
        .order_by_desc(payroll_run::Column::Sequence)
        .one(c)
        .await?;
    let sequence = match latest {
        None => 1,
        // Running, it is resumed; complete with nothing new to pay, it is the answer:
        // starting a run twice is starting it once.
        Some(r) if run_status(&r.status)? == PayrollRunStatus::Running || !has_payable(c, &r, p, now).await? => {
            return Ok((run_view(&r)?, false))
        }
        // Complete, and work became payable since (hours posted after it): a later
        // run the same day pays it rather than leaving it to tomorrow's cut-off.
        Some(r) => r.sequence.saturating_add(1),
    };
    let row = payroll_run::Model {
        id: Uuid::now_v7(),
        period: key.clone(),
        through,
        pay_date: today,
        status: PayrollRunStatus::Running.as_str().into(),
        payslips: 0,
        started_at: now,
        completed_at: None,
        sequence,
    };
    // Two starts at once agree on one run: the (period, through, sequence) key
    // lets the first insert win and the other read it.
    payroll_run::Entity::insert(row.clone().into_active_model())
        .on_conflict(
            OnConflict::columns([
                payroll_run::Column::Period,
                payroll_run::Column::Through,
                payroll_run::Column::Sequence,
            ])
            .do_nothing()
            .to_owned(),
        )
        .do_nothing()
        .exec_without_returning(c)
        .await?;
    let stored = payroll_run::Entity::find()
        .filter(payroll_run::Column::Period.eq(key.as_str()))
        .filter(payroll_run::Column::Through.eq(through))
        .filter(payroll_run::Column::Sequence.eq(sequence))
        .one(c)
        .await?
        .ok_or_else(|| AppError::Corrupt(format!("payroll run {key} through {through} #{sequence} vanished")))?;
    let created = stored.id == row.id;
    Ok((run_view(&stored)?, created))
}

/// Whether a completed run's (period, through) has work it did not pay: a
/// per-performance or hourly contract ended by the cut-off, and by `now` (the
/// instant of the start asking), without its payslip: work that ended since
/// that run's instant opens the next sequence.
/// Stabilised contracts are left out on purpose: a month whose budget is nil
/// gets no payslip, and would otherwise make every later start a new run.
async fn has_payable<C: ConnectionTrait>(
    c: &C,
    run: &payroll_run::Model,
    p: Month,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    Ok(!due_contracts(c, run, p, None, 1, now).await?.is_empty())
}

/// A run as it stands.
pub async fn get<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<PayrollRunView, AppError> {
    let r = payroll_run::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("payroll run", id))?;
    run_view(&r)
}

/// Runs left unfinished (by a crash or a stop), to resume at start-up.
pub async fn unfinished<C: ConnectionTrait>(c: &C) -> Result<Vec<Uuid>, AppError> {
    Ok(payroll_run::Entity::find()
        .filter(payroll_run::Column::Status.eq(PayrollRunStatus::Running.as_str()))
        .order_by_asc(payroll_run::Column::StartedAt)
        .all(c)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect())
}

/// Where a run stands: per-performance contracts are paid first, in (end, id)
/// order; then, in a month-end run, stabilised monthly contracts, in id order.
#[derive(Clone, Copy, Debug)]
enum Cursor {
    /// Per-performance contracts after this (end, id).
    Performance(Option<(NaiveDateTime, Uuid)>),
    /// Stabilised contracts after this id.
    Stabilised(Option<Uuid>),
}

/// Processes a run to its end, one committed chunk at a time.
pub async fn process(node: &Node, id: Uuid) -> Result<PayrollRunView, AppError> {
    Ok(process_until(node, id, &|| false).await?.0)
}

/// Processes a run one committed chunk at a time, until it completes or `stop`
/// says so between two chunks (a shutdown: what is committed stays, and the run
/// resumes from there); the run as it stands, and whether it completed.
pub async fn process_until(
    node: &Node,
    id: Uuid,
    stop: &(dyn Fn() -> bool + Send + Sync),
) -> Result<(PayrollRunView, bool), AppError> {
    chunks(node, id, stop, &mut |_| {}).await
}

/// Processes a run to its end like [`process`], telling `report` the run after each
/// committed chunk (its payslips so far): the CLI's progress line.
pub async fn process_reporting(
    node: &Node,
    id: Uuid,
    report: &mut (dyn FnMut(&PayrollRunView) + Send),
) -> Result<PayrollRunView, AppError> {
    Ok(chunks(node, id, &|| false, report).await?.0)
}

async fn chunks(
    node: &Node,
    id: Uuid,
    stop: &(dyn Fn() -> bool + Send + Sync),
    report: &mut (dyn FnMut(&PayrollRunView) + Send),
) -> Result<(PayrollRunView, bool), AppError> {
    let mut cursor = Cursor::Performance(None);
    loop {
        let txn = node.store.write().await?;
        let (view, next) = chunk(&*txn, node, id, cursor).await?;
        txn.commit().await?;
        report(&view);
        match next {
            Some(_) if stop() => return Ok((view, false)),
            Some(next) => cursor = next,
            None => return Ok((view, true)),
        }
    }
}

/// Contracts of the run still to pay, after `cursor`, in (end, id) order: the
/// order of the (ends_at, id) index, so each chunk reads on from where the last
/// one stopped instead of scanning the month again. Only work ended by
/// `instant` (the run's, in the pack's legal time) is due.
async fn due_contracts<C: ConnectionTrait>(
    c: &C,
    run: &payroll_run::Model,
    p: Month,
    cursor: Option<(NaiveDateTime, Uuid)>,
    chunk: u32,
    instant: NaiveDateTime,
) -> Result<Vec<contract::Model>, AppError> {
    let from = p.first_day().and_hms_opt(0, 0, 0).unwrap_or_default();
    let until = run.through.succ_opt().unwrap_or(run.through).and_hms_opt(0, 0, 0).unwrap_or_default();
    let paid = regular_payslip_of(&run.period);
    // Wages are owed for work done: `through` = today takes the work that ends
    // on that day, but a shift ending at 18:00 is not done at a 10:00 run. A
    // contract's `ends_at` is the real end of its last period (a day contract's
    // last day, a platform's shift), in the same legal time as the run's
    // instant, so a run pays what has ended by its instant, and a later start
    // the same day (the next sequence) pays what has ended since. The wage
    // deadline still counts from the day the work ended.
    let mut q = contract::Entity::find()
        .filter(contract::Column::Kind.is_in(super::kinds_paid_per_work()))
        .filter(contract::Column::Status.eq(ContractStatus::Active.as_str()))
        .filter(contract::Column::EndsAt.gte(from))
        .filter(contract::Column::EndsAt.lt(until))
        .filter(contract::Column::EndsAt.lte(instant));
    if let Some((end, id)) = cursor {
        // A row comparison, which both databases serve as one range of the
        // (ends_at, id) index: each chunk starts where the last one stopped.
        q = q.filter(
            Expr::tuple([Expr::col(contract::Column::EndsAt).into(), Expr::col(contract::Column::Id).into()])
                .gt(Expr::tuple([Expr::val(end).into(), Expr::val(id).into()])),
        );
    }
    Ok(q.filter(Expr::exists(paid).not())
        .order_by_asc(contract::Column::EndsAt)
        .order_by_asc(contract::Column::Id)
        .limit(u64::from(chunk))
        .all(c)
        .await?)
}

/// A contract to pay in a chunk, with the payslip the pack makes of it.
struct Due<'a> {
    contract: &'a contract::Model,
    /// The pack that computed it: the node's, or that of the state whose legislation applies.
    pack: &'a dyn CountryPack,
    slip: Payslip,
    work_end: NaiveDate,
    kind: PayslipKind,
    slip_id: Uuid,
}

/// One chunk: pays up to `payroll.run_chunk` contracts; returns the run and
/// where the next chunk starts (None once the run is complete).
async fn chunk<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    cursor: Cursor,
) -> Result<(PayrollRunView, Option<Cursor>), AppError> {
    let run = payroll_run::Entity::find_by_id(id)
        .lock_exclusive()
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("payroll run", id))?;
    if run_status(&run.status)? != PayrollRunStatus::Running {
        return Ok((run_view(&run)?, None));
    }
    let p = stored_month(&run.period)?;
    let size = node.settings.payroll_run_chunk;
    let (contracts, next) = match cursor {
        Cursor::Performance(after) => {
            // The run's instant is when it started: a run resumed after a crash
            // pays the same work, and what ended since is the next sequence's.
            let found = due_contracts(c, &run, p, after, size, run.started_at).await?;
            match found.last().map(|k| (k.ends_at, k.id)) {
                Some(last) => (found, Cursor::Performance(Some(last))),
                None if run.through == p.last_day() => return Ok((run_view(&run)?, Some(Cursor::Stabilised(None)))),
                None => return complete(c, node, run).await,
            }
        }
        Cursor::Stabilised(after) => {
            let found = super::stabilised::due_stabilised(c, &run, p, after, size).await?;
            match found.last().map(|k| k.id) {
                Some(last) => (found, Cursor::Stabilised(Some(last))),
                None => return complete(c, node, run).await,
            }
        }
    };
    let currency = node.currency();
    // A run resumed days after a crash pays on the day it really pays: the
    // payslips' pay date, and so whether the deadline was kept, must say so.
    let pay_date = node.today().max(run.pay_date);
    let mut activity_ids: Vec<Uuid> = contracts.iter().map(|k| k.activity_id).collect();
    activity_ids.sort_unstable();
    activity_ids.dedup();
    lock_activities(c, &activity_ids).await?;
    let mut covers = covers(c, &activity_ids, currency).await?;
    let member_ids: Vec<Uuid> = contracts.iter().map(|k| k.member_id).collect();
    let mut members: HashMap<Uuid, member::Model> = HashMap::new();
    for part in member_ids.chunks(ROWS_PER_INSERT) {
        for m in member::Entity::find().filter(member::Column::Id.is_in(part.iter().copied())).all(c).await? {
            members.insert(m.id, m);
        }
    }
    let employee_of = |k: &contract::Model| -> Result<Employee, AppError> {
        let m = members.get(&k.member_id).ok_or_else(|| AppError::Corrupt(format!("contract {} member", k.id)))?;
        Ok(Employee {
            category: k.worker_category.clone(),
            household: household_of(m)?,
            work_fraction: Rate(Decimal::ONE),
            worked: None,
            fixed_term: None,
            withholding_rate: None,
            // The coefficient its gross was computed at (a stabilised month's and a true-up's
            // gross are found from their budget at it too): its employer cost is its budget.
            employer_cost_coefficient: super::coefficient_schedule::of_contract(k)?,
        })
    };
    // Regulation (EC) 883/2004: a contract under another state's legislation is paid with that
    // state's pack (as its gross was computed), its contributions owed to that state's collectors.
    let legislations = Legislations::load(node, contracts.iter().map(|k| k.legislation_state.as_deref()))?;
    let performed: Vec<Uuid> = contracts
        .iter()
        .filter(|k| k.kind != ContractKind::StabilisedMonthly.as_str())
        .map(|k| k.declaration_id)
        .collect();
    let worked = super::quarterly_returns::worked_by_declaration(c, node.zone, &performed).await?;
    let mut due = Vec::with_capacity(contracts.len());
    let mut true_ups = Vec::new();
    for k in &contracts {
        let pack = legislations.pack(k.legislation_state.as_deref());
        let payroll = pack.payroll();
        if contract_kind(&k.kind)? == ContractKind::StabilisedMonthly {
            let budget = super::stabilised::stabilised_month_budget(c, k, p).await?;
            if budget.is_positive() {
                let employee = employee_of(k)?;
                let gross = payroll.gross_for_budget(p.last_day(), budget, &employee)?;
                let slip = payroll.payslip(p.last_day(), gross, &employee)?;
                due.push(Due {
                    contract: k,
                    pack,
                    slip,
                    work_end: p.last_day(),
                    kind: PayslipKind::Regular,
                    slip_id: Uuid::now_v7(),
                });
            }
            // The year is settled in December, or in the month the contract ends.
            if contract_rules::true_up_due(p, work::end_of(k)) {
                true_ups.push(k);
            }
        } else {
            let work_end = k.ends_at.date();
            // The contract's days and hours: its payslip is that fraction of a month.
            let employee = Employee { worked: worked.get(&k.declaration_id).copied(), ..employee_of(k)? };
            let slip = payroll.payslip(work_end, money(k.gross_minor, &k.currency)?, &employee)?;
            due.push(Due { contract: k, pack, slip, work_end, kind: PayslipKind::Regular, slip_id: Uuid::now_v7() });
        }
    }
    let mut sources: HashMap<i64, String> = HashMap::new();
    let mut entries: Vec<(Uuid, JournalEntry, Option<Uuid>)> = Vec::with_capacity(contracts.len() + 1);
    let mut payslips = Vec::with_capacity(contracts.len());
    let mut movements = Vec::new();
    let mut spent = super::totals::Deltas::new(currency);
    let mut nets: HashMap<Uuid, Money> = HashMap::new();
    let mut true_up_rows = Vec::new();
    // A December month-end run settles each stabilised contract's year once its
    // December payslip is known: the true-up is one more payslip in the same chunk.
    let year = p.year();
    for &k in &true_ups {
        let done = true_up::Entity::find()
            .filter(true_up::Column::ContractId.eq(k.id))
            .filter(true_up::Column::Year.eq(year))
            .one(c)
            .await?;
        if done.is_some() {
            continue;
        }
        let (earned, mut costs) =
            super::stabilised::earned_and_costs(c, k.activity_id, p.last_day(), &run.period, currency).await?;
        // This chunk's December payslip is not stored yet: its employer cost comes from the pack.
        if let Some(d) = due.iter().find(|d| d.contract.id == k.id && d.kind == PayslipKind::Regular) {
            costs = costs.checked_add(d.slip.employer_cost)?;
        }
        let outcome = contract_rules::true_up(earned, costs, node.pack.true_up_policy())
            .map_err(|e| AppError::Corrupt(e.to_string()))?;
        let (name, amount) = outcome.parts(currency);
        let mut slip_id = None;
        if let TrueUp::Pay(budget) = outcome {
            let employee = employee_of(k)?;
            let pack = legislations.pack(k.legislation_state.as_deref());
            let gross = pack.payroll().gross_for_budget(p.last_day(), budget, &employee)?;
            if gross.is_positive() {
                let id = Uuid::now_v7();
                let slip = pack.payroll().payslip(p.last_day(), gross, &employee)?;
                let work_end = p.last_day();
                due.push(Due { contract: k, pack, slip, work_end, kind: PayslipKind::TrueUp, slip_id: id });
                slip_id = Some(id);
            }
        }
        true_up_rows.push(true_up::ActiveModel {
            id: Set(Uuid::now_v7()),
            contract_id: Set(k.id),
            year: Set(year),
            earned_minor: Set(minor(earned)?),
            costs_minor: Set(minor(costs)?),
            outcome: Set(name.into()),
            amount_minor: Set(minor(amount)?),
            currency: Set(currency.code().into()),
            payslip_id: Set(slip_id),
            created_at: Set(node.now()),
        });
    }
    for d in &due {
        let k = d.contract;
        let (slip, work_end, slip_id) = (&d.slip, d.work_end, d.slip_id);
        // The entry names the payslip it posts (statements show this reference);
        // the contract is found from the payslip, and the entry's document is the payslip too.
        let reference = match d.kind {
            PayslipKind::TrueUp => format!("true-up {year} {slip_id}"),
            PayslipKind::Regular => format!("payslip {} {slip_id}", run.period),
        };
        let state = abroad_state(node, k)?;
        let (activity, member) = (ActivityId(k.activity_id), MemberId(k.member_id));
        let entry = payslip_posted(&reference, activity, member, slip, d.pack.payroll(), state)?;
        let entry_id = Uuid::now_v7();
        entries.push((entry_id, entry, Some(slip_id)));
        let cover = covers.get_mut(&k.activity_id).ok_or_else(|| AppError::Corrupt("cover".into()))?;
        let before = cover.outstanding()?;
        cover.spent = cover.spent.checked_add(slip.employer_cost)?;
        spent.spent(k.activity_id, slip.employer_cost)?;
        if let Some(mv) = movement(before, cover.outstanding()?)? {
            movements.push((k.activity_id, mv, pay_date, Some(slip_id), None));
        }
        let net = nets.entry(k.member_id).or_insert_with(|| Money::zero(currency));
        *net = net.checked_add(slip.net)?;
        let mut lines = Vec::with_capacity(slip.lines.len());
        for l in &slip.lines {
            let sid = source_id(&l.source);
            sources.entry(sid).or_insert_with(|| l.source.to_string());
            lines.push(StoredLine {
                code: l.kind.code().into(),
                side: l.side.to_string(),
                base: minor(l.base)?,
                rate: l.rate.map(|r| r.0.normalize().to_string()),
                amount: minor(l.amount)?,
                source: sid,
            });
        }
        payslips.push(payslip::ActiveModel {
            id: Set(slip_id),
            run_id: Set(run.id),
            contract_id: Set(k.id),
            member_id: Set(k.member_id),
            activity_id: Set(k.activity_id),
            period: Set(run.period.clone()),
            work_end: Set(work_end),
            deadline: Set(wage_deadline(node.pack.calendar(), work_end)),
            pay_date: Set(pay_date),
            worker_category: Set(k.worker_category.clone()),
            gross_minor: Set(minor(slip.gross)?),
            taxable_minor: Set(minor(slip.taxable)?),
            net_minor: Set(minor(slip.net)?),
            employer_cost_minor: Set(minor(slip.employer_cost)?),
            currency: Set(currency.code().into()),
            lines: Set(serde_json::to_string(&lines).map_err(|e| AppError::Corrupt(e.to_string()))?),
            entry_id: Set(entry_id),
            status: Set("paid".into()),
            kind: Set(d.kind.as_str().into()),
            legislation_state: Set(state.map(|s| s.to_string())),
        });
    }
    // A payslip whose deductions take the whole gross pays nothing: no transfer line.
    let mut paid: Vec<(MemberId, Money)> =
        nets.into_iter().filter(|(_, n)| n.is_positive()).map(|(m, n)| (MemberId(m), n)).collect();
    paid.sort_by_key(|(m, _)| m.0);
    let source_rows: Vec<legal_source::ActiveModel> =
        sources.into_iter().map(|(id, text)| legal_source::ActiveModel { id: Set(id), text: Set(text) }).collect();
    legal_source::Entity::insert_many(source_rows)
        .on_conflict(OnConflict::column(legal_source::Column::Id).do_nothing().to_owned())
        .do_nothing()
        .exec_without_returning(c)
        .await?;
    if !paid.is_empty() {
        // The chunk's transfer names its run and last payslip, not a contract.
        let last = due.last().map_or(run.id, |d| d.slip_id);
        let wages = wages_paid(pay_date, &format!("wages {} run {} to payslip {last}", run.period, run.id), &paid)?;
        entries.push((Uuid::now_v7(), wages, None));
    }
    ledger::post_many(c, &entries).await?;
    for part in chunked(payslips) {
        payslip::Entity::insert_many(part).exec_without_returning(c).await?;
    }
    spent.apply(c).await?;
    Fund::new(c, currency, node.instant()).record(movements).await?;
    if !due.is_empty() {
        let (mut gross, mut net, mut employer_cost) =
            (Money::zero(currency), Money::zero(currency), Money::zero(currency));
        for d in &due {
            gross = gross.checked_add(d.slip.gross)?;
            net = net.checked_add(d.slip.net)?;
            employer_cost = employer_cost.checked_add(d.slip.employer_cost)?;
        }
        let event = Event::PayslipsPaid(PayslipsPaidV1 {
            run: run.id,
            period: run.period.clone(),
            payslips: u32::try_from(due.len()).unwrap_or(u32::MAX),
            gross: outbox::amount(gross),
            net: outbox::amount(net),
            employer_cost: outbox::amount(employer_cost),
        });
        outbox::push(c, node.instant(), &event).await?;
    }
    for part in chunked(true_up_rows) {
        true_up::Entity::insert_many(part).exec_without_returning(c).await?;
    }
    let count = i32::try_from(due.len()).unwrap_or(i32::MAX);
    let mut row = run.into_active_model();
    let done = row.payslips.take().unwrap_or(0).saturating_add(count);
    row.payslips = Set(done);
    let updated = row.update(c).await?;
    Ok((run_view(&updated)?, Some(next)))
}

/// The state under whose legislation a contract is paid, none for the node's own.
fn abroad_state(node: &Node, k: &contract::Model) -> Result<Option<CountryCode>, AppError> {
    let Some(state) = k.legislation_state.as_deref() else { return Ok(None) };
    let code = CountryCode::from_letters(state)
        .map_err(|_| AppError::Corrupt(format!("contract {} legislation {state}", k.id)))?;
    Ok((code != node.settings.country).then_some(code))
}

/// Marks a run complete.
async fn complete<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    run: payroll_run::Model,
) -> Result<(PayrollRunView, Option<Cursor>), AppError> {
    let completed = run_status(&run.status)?.complete().map_err(|e| AppError::Corrupt(e.to_string()))?;
    // HQ sees the month's payroll as soon as it is paid: its figures' next revision
    // commits with the run's completion (unchanged figures send nothing).
    let month: Month =
        run.period.parse().map_err(|_| AppError::Corrupt(format!("payroll run {} period {}", run.id, run.period)))?;
    crate::service::figures::publish(c, node, month).await?;
    let mut row = run.into_active_model();
    row.status = Set(completed.as_str().into());
    row.completed_at = Set(Some(node.now()));
    let done = row.update(c).await?;
    Ok((run_view(&done)?, None))
}

fn chunked<T>(rows: Vec<T>) -> Vec<Vec<T>> {
    let mut out = Vec::new();
    let mut it = rows.into_iter().peekable();
    while it.peek().is_some() {
        out.push(it.by_ref().take(ROWS_PER_INSERT).collect());
    }
    out
}

/// A payslip with its lines labelled in `language` (the member's when None).
pub async fn payslip_view<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    language: Option<&str>,
) -> Result<PayslipView, AppError> {
    let s = payslip::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("payslip", id))?;
    payslip_views(c, node, vec![s], language).await?.pop().ok_or_else(|| AppError::not_found("payslip", id))
}

/// Payslips with their lines labelled in `language` (each member's when None),
/// in the order given: two queries whatever their number (the members'
/// languages, the sources their lines cite), never one per payslip.
pub async fn payslip_views<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    slips: Vec<payslip::Model>,
    language: Option<&str>,
) -> Result<Vec<PayslipView>, AppError> {
    let mut languages: HashMap<Uuid, String> = HashMap::new();
    if language.is_none() {
        let mut ids: Vec<Uuid> = slips.iter().map(|s| s.member_id).collect();
        ids.sort_unstable();
        ids.dedup();
        for part in ids.chunks(ROWS_PER_INSERT) {
            let rows: Vec<(Uuid, String)> = member::Entity::find()
                .select_only()
                .column(member::Column::Id)
                .column(member::Column::Language)
                .filter(member::Column::Id.is_in(part.iter().copied()))
                .into_tuple()
                .all(c)
                .await?;
            languages.extend(rows);
        }
    }
    let mut stored = Vec::with_capacity(slips.len());
    let mut source_ids: Vec<i64> = Vec::new();
    for s in slips {
        let lines: Vec<StoredLine> =
            serde_json::from_str(&s.lines).map_err(|e| AppError::Corrupt(format!("payslip {} lines: {e}", s.id)))?;
        source_ids.extend(lines.iter().map(|l| l.source));
        stored.push((s, lines));
    }
    source_ids.sort_unstable();
    source_ids.dedup();
    let mut sources: HashMap<i64, String> = HashMap::new();
    for part in source_ids.chunks(ROWS_PER_INSERT) {
        for r in
            legal_source::Entity::find().filter(legal_source::Column::Id.is_in(part.iter().copied())).all(c).await?
        {
            sources.insert(r.id, r.text);
        }
    }
    let legislations = Legislations::load(node, stored.iter().map(|(s, _)| s.legislation_state.as_deref()))?;
    let mut out = Vec::with_capacity(stored.len());
    for (s, lines) in stored {
        let pack = legislations.pack(s.legislation_state.as_deref());
        let language = match language {
            Some(l) => l.to_owned(),
            None => languages.get(&s.member_id).cloned().unwrap_or_else(|| "en".into()),
        };
        let m = |v: i64| money(v, &s.currency).map(|x| x.amount().to_string());
        let mut views = Vec::with_capacity(lines.len());
        for l in lines {
            views.push(PayslipLineView {
                label: pack.label(&language, &l.code).unwrap_or_else(|| l.code.clone()),
                basis: pack.label(&language, &format!("basis-{}", l.code)),
                base: m(l.base)?,
                amount: m(l.amount)?,
                source: sources
                    .get(&l.source)
                    .cloned()
                    .ok_or_else(|| AppError::Corrupt(format!("source {}", l.source)))?,
                code: l.code,
                side: l.side,
                rate: l.rate,
            });
        }
        out.push(PayslipView {
            id: s.id,
            run_id: s.run_id,
            contract_id: s.contract_id,
            member_id: s.member_id,
            activity_id: s.activity_id,
            period: s.period,
            kind: s.kind,
            work_end: s.work_end,
            deadline: s.deadline,
            pay_date: s.pay_date,
            paid_within_deadline: s.pay_date <= s.deadline,
            worker_category: s.worker_category,
            language,
            gross: m(s.gross_minor)?,
            taxable: m(s.taxable_minor)?,
            net: m(s.net_minor)?,
            employer_cost: m(s.employer_cost_minor)?,
            currency: s.currency,
            lines: views,
            legislation_country: s.legislation_state,
        });
    }
    Ok(out)
}

/// The payslips of a run, in id order, a page at a time after `after`.
pub async fn payslips_of_run<C: ConnectionTrait>(
    c: &C,
    run: Uuid,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<payslip::Model>, AppError> {
    let mut q = payslip::Entity::find().filter(payslip::Column::RunId.eq(run));
    if let Some(after) = after {
        q = q.filter(payslip::Column::Id.gt(after));
    }
    Ok(q.order_by_asc(payslip::Column::Id).limit(limit).all(c).await?)
}

/// The run's net wages as an ISO 20022 pain.001 credit transfer file, one
/// transfer per payslip; refused while the run is not complete or when a
/// member has no bank account.
pub async fn sepa_file<C: ConnectionTrait>(c: &C, node: &Node, id: Uuid) -> Result<String, AppError> {
    use partage_core::bank::Iban;
    use partage_core::sepa::{pain_001, CreditTransfer, CreditTransferBatch};
    let run =
        payroll_run::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("payroll run", id))?;
    if run_status(&run.status)? != PayrollRunStatus::Completed {
        return Err(PayrollRefusal::RunNotCompleted { run: id }.into());
    }
    let slips =
        payslip::Entity::find().filter(payslip::Column::RunId.eq(id)).order_by_asc(payslip::Column::Id).all(c).await?;
    if slips.is_empty() {
        return Err(PayrollRefusal::RunPaidNothing { run: id }.into());
    }
    let mut members: HashMap<Uuid, member::Model> = HashMap::new();
    let ids: Vec<Uuid> = slips.iter().map(|s| s.member_id).collect();
    for part in ids.chunks(ROWS_PER_INSERT) {
        for m in member::Entity::find().filter(member::Column::Id.is_in(part.iter().copied())).all(c).await? {
            members.insert(m.id, m);
        }
    }
    let debtor = debtor(node)?;
    let mut transfers = Vec::with_capacity(slips.len());
    // A payslip with nothing to pay has no transfer.
    for s in slips.iter().filter(|s| s.net_minor > 0) {
        let m = members.get(&s.member_id).ok_or_else(|| AppError::Corrupt(format!("payslip {} member", s.id)))?;
        let iban = m.iban.as_deref().ok_or(TransferRefusal::NoBankAccount { member: m.id })?;
        let creditor_iban =
            Iban::parse(iban).map_err(|err| AppError::Corrupt(format!("member {} iban: {err}", m.id)))?;
        transfers.push(CreditTransfer {
            end_to_end_id: s.id.simple().to_string(),
            creditor_name: format!("{} {}", m.first_name, m.last_name),
            creditor_iban,
            creditor_bic: None,
            amount: money(s.net_minor, &s.currency)?,
            // The member finds the payslip by its id on their bank statement.
            remittance: format!("Salaire/Loon/Salary {} {}", s.period, s.id.simple()),
        });
    }
    let batch = CreditTransferBatch {
        message_id: format!("PAY{}", run.id.simple()),
        created_at: run.completed_at.unwrap_or(run.started_at),
        debtor,
        // A resumed run paid its later chunks later: the file asks for the latest day.
        requested_execution_date: slips.iter().map(|s| s.pay_date).max().unwrap_or(run.pay_date),
        transfers,
    };
    pain_001(&batch).map_err(|err| TransferRefusal::FileRefused { reason: err.to_string() }.into())
}

/// The cooperative as the payer of a credit transfer file, from its settings.
pub fn debtor(node: &Node) -> Result<partage_core::sepa::Party, AppError> {
    use partage_core::bank::{Bic, Iban};
    let e = &node.settings.entity;
    Ok(partage_core::sepa::Party {
        name: e.name.clone(),
        iban: Iban::parse(&e.iban).map_err(|err| TransferRefusal::BadEntityIban { reason: err.to_string() })?,
        bic: match &e.bic {
            Some(b) => Some(Bic::parse(b).map_err(|err| TransferRefusal::BadEntityBic { reason: err.to_string() })?),
            None => None,
        },
    })
}

/// The payslips of these contracts (any period).
pub async fn payslips_for_contracts<C: ConnectionTrait>(c: &C, ids: &[Uuid]) -> Result<Vec<payslip::Model>, AppError> {
    let mut out = Vec::with_capacity(ids.len());
    for part in ids.chunks(ROWS_PER_INSERT) {
        out.extend(
            payslip::Entity::find().filter(payslip::Column::ContractId.is_in(part.iter().copied())).all(c).await?,
        );
    }
    Ok(out)
}
