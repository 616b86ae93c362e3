//! The contracts repository: contract rows in and out as [`StoredContract`] (core's
//! `ContractKind` and `ContractStatus` with the dates and ids the node keeps), their work
//! periods (`work_periods`, as `core::work_declaration::WorkPeriod`) and their hiring
//! declarations (`hiring_declarations`, as [`StoredHiring`] with core's `HiringAction`).
//!
//! A stored kind, status, action or month the core does not read is a damaged row
//! (`AppError::Corrupt` naming the value).

use crate::error::AppError;
use crate::storage::entities::{contract, hiring_declaration, payslip, work_period};
use chrono::{NaiveDateTime, NaiveTime};
use partage_core::contract::{ContractError, ContractKind, ContractStatus};
use partage_core::hiring::HiringAction;
use partage_core::period::Month;
use partage_core::work_declaration::WorkPeriod;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ActiveValue::Unchanged, ColumnTrait, ConnectionTrait, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

/// A contract as its changes read it: what it is, where it stands and when it runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredContract {
    /// Contract id.
    pub id: Uuid,
    /// The work declaration it was made from (its work periods).
    pub declaration_id: Uuid,
    /// The member employed.
    pub member_id: Uuid,
    /// The enrolment whose hiring declaration covers it (platform hours).
    pub framework_id: Option<Uuid>,
    /// Its kind.
    pub kind: ContractKind,
    /// Where it stands.
    pub status: ContractStatus,
    /// The worker category the pack declares it under.
    pub worker_category: String,
    /// When its work starts.
    pub starts_at: NaiveDateTime,
}

/// A hiring declaration as its acknowledgement reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredHiring {
    /// Declaration id.
    pub id: Uuid,
    /// The contract (or enrolment) it declares.
    pub contract_id: Uuid,
    /// What it declares.
    pub action: HiringAction,
    /// The state's period numbers, once acknowledged, in day order.
    pub period_ids: Option<Vec<String>>,
}

/// Which contracts a list shows; none: all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContractQuery {
    /// The member employed.
    pub member_id: Option<Uuid>,
    /// The activity whose budget pays.
    pub activity_id: Option<Uuid>,
    /// Where they stand.
    pub status: Option<ContractStatus>,
    /// Their kind.
    pub kind: Option<ContractKind>,
    /// A month their work overlaps.
    pub month: Option<Month>,
}

/// The name a hiring action is stored under.
pub fn action_name(action: HiringAction) -> &'static str {
    match action {
        HiringAction::In => "in",
        HiringAction::Out => "out",
        HiringAction::Update => "update",
        HiringAction::Cancel => "cancel",
    }
}

/// A stored action name read back.
fn action_of(id: Uuid, name: &str) -> Result<HiringAction, AppError> {
    match name {
        "in" => Ok(HiringAction::In),
        "out" => Ok(HiringAction::Out),
        "update" => Ok(HiringAction::Update),
        "cancel" => Ok(HiringAction::Cancel),
        other => Err(AppError::Corrupt(format!("hiring declaration {id}: action '{other}'"))),
    }
}

/// A contract row as the contract it holds.
pub fn contract_of(row: &contract::Model) -> Result<StoredContract, AppError> {
    let corrupt = |e: ContractError| AppError::Corrupt(format!("contract {}: {e}", row.id));
    Ok(StoredContract {
        id: row.id,
        declaration_id: row.declaration_id,
        member_id: row.member_id,
        framework_id: row.framework_id,
        kind: row.kind.parse().map_err(corrupt)?,
        status: row.status.parse().map_err(corrupt)?,
        worker_category: row.worker_category.clone(),
        starts_at: row.starts_at,
    })
}

/// A hiring declaration row as the declaration it holds.
fn hiring_of(row: &hiring_declaration::Model) -> Result<StoredHiring, AppError> {
    Ok(StoredHiring {
        id: row.id,
        contract_id: row.contract_id,
        action: action_of(row.id, &row.action)?,
        period_ids: row
            .period_ids
            .as_deref()
            .map(|ids| ids.split(',').filter(|p| !p.is_empty()).map(str::to_owned).collect()),
    })
}

/// One contract, if there is one with this id.
pub async fn find<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<Option<StoredContract>, AppError> {
    contract::Entity::find_by_id(id).one(c).await?.as_ref().map(contract_of).transpose()
}

/// One contract, its row locked for update on PostgreSQL, so that two changes to one
/// contract (cancel, end, a day's new hours) apply one after the other.
pub async fn lock<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<StoredContract, AppError> {
    let row = contract::Entity::find_by_id(id)
        .lock_exclusive()
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("contract", id))?;
    contract_of(&row)
}

/// Stores a contract's new status.
pub async fn save_status<C: ConnectionTrait>(c: &C, id: Uuid, status: ContractStatus) -> Result<(), AppError> {
    contract::ActiveModel { id: Unchanged(id), status: Set(status.as_str().into()), ..Default::default() }
        .update(c)
        .await?;
    Ok(())
}

/// Stores the end of a contract: its status and its last instant.
pub async fn save_end<C: ConnectionTrait>(
    c: &C,
    id: Uuid,
    status: ContractStatus,
    ends_at: NaiveDateTime,
) -> Result<(), AppError> {
    contract::ActiveModel {
        id: Unchanged(id),
        status: Set(status.as_str().into()),
        ends_at: Set(ends_at),
        ..Default::default()
    }
    .update(c)
    .await?;
    Ok(())
}

/// Stores when a contract's work now starts and ends.
pub async fn save_span<C: ConnectionTrait>(
    c: &C,
    id: Uuid,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
) -> Result<(), AppError> {
    contract::ActiveModel { id: Unchanged(id), starts_at: Set(starts_at), ends_at: Set(ends_at), ..Default::default() }
        .update(c)
        .await?;
    Ok(())
}

/// The month of a contract's latest payslip, none before its first.
pub async fn last_paid_month<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<Option<Month>, AppError> {
    payslip::Entity::find()
        .filter(payslip::Column::ContractId.eq(id))
        .order_by_desc(payslip::Column::Period)
        .one(c)
        .await?
        .map(|slip| {
            slip.period.parse().map_err(|_| AppError::Corrupt(format!("payslip {}: period '{}'", slip.id, slip.period)))
        })
        .transpose()
}

/// The contracts `q` picks, newest first: how many there are and the rows of the page, as
/// the views (`service::work::contract_views`) read them.
pub async fn page<C: ConnectionTrait>(
    c: &C,
    q: &ContractQuery,
    offset: u64,
    limit: u64,
) -> Result<(u64, Vec<contract::Model>), AppError> {
    let mut s = contract::Entity::find();
    if let Some(m) = q.member_id {
        s = s.filter(contract::Column::MemberId.eq(m));
    }
    if let Some(a) = q.activity_id {
        s = s.filter(contract::Column::ActivityId.eq(a));
    }
    if let Some(status) = q.status {
        s = s.filter(contract::Column::Status.eq(status.as_str()));
    }
    if let Some(kind) = q.kind {
        s = s.filter(contract::Column::Kind.eq(kind.as_str()));
    }
    if let Some(p) = q.month {
        let (start, next) = (
            p.first_day().and_time(NaiveTime::MIN),
            p.last_day().succ_opt().unwrap_or(p.last_day()).and_time(NaiveTime::MIN),
        );
        // Open-ended contracts end on 9999-12-31, so they overlap every month from their start.
        s = s.filter(contract::Column::StartsAt.lt(next)).filter(contract::Column::EndsAt.gte(start));
    }
    let total = s.clone().count(c).await?;
    let rows = s.order_by_desc(contract::Column::Id).offset(offset).limit(limit).all(c).await?;
    Ok((total, rows))
}

/// The work periods of a declaration, in day order.
pub async fn periods_of<C: ConnectionTrait>(c: &C, declaration_id: Uuid) -> Result<Vec<WorkPeriod>, AppError> {
    Ok(work_period::Entity::find()
        .filter(work_period::Column::DeclarationId.eq(declaration_id))
        .order_by_asc(work_period::Column::Position)
        .all(c)
        .await?
        .into_iter()
        .map(|p| WorkPeriod { date: p.work_date, start: p.start_time, end: p.end_time })
        .collect())
}

/// Stores the new hours of contract `contract_id`'s period on `new.date` (of declaration
/// `declaration_id`); a missing period is a damaged contract.
pub async fn save_day<C: ConnectionTrait>(
    c: &C,
    contract_id: Uuid,
    declaration_id: Uuid,
    new: &WorkPeriod,
) -> Result<(), AppError> {
    let mut row = work_period::Entity::find()
        .filter(work_period::Column::DeclarationId.eq(declaration_id))
        .filter(work_period::Column::WorkDate.eq(new.date))
        .one(c)
        .await?
        .ok_or_else(|| AppError::Corrupt(format!("contract {contract_id}: period of {}", new.date)))?
        .into_active_model();
    row.start_time = Set(new.start);
    row.end_time = Set(new.end);
    row.update(c).await?;
    Ok(())
}

/// One hiring declaration, its row locked for update on PostgreSQL, or not found.
pub async fn lock_hiring<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<StoredHiring, AppError> {
    let row = hiring_declaration::Entity::find_by_id(id)
        .lock_exclusive()
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("hiring declaration", id))?;
    hiring_of(&row)
}

/// The IN declaration of contract (or enrolment) `owner`, if filed.
pub async fn hiring_in<C: ConnectionTrait>(c: &C, owner: Uuid) -> Result<Option<StoredHiring>, AppError> {
    hiring_declaration::Entity::find()
        .filter(hiring_declaration::Column::ContractId.eq(owner))
        .filter(hiring_declaration::Column::Action.eq(action_name(HiringAction::In)))
        .one(c)
        .await?
        .as_ref()
        .map(hiring_of)
        .transpose()
}

/// Stores a new hiring declaration of `contract_id` filed at `now`, not yet acknowledged.
pub async fn insert_hiring<C: ConnectionTrait>(
    c: &C,
    contract_id: Uuid,
    action: HiringAction,
    format: &str,
    content: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    hiring_declaration::Entity::insert(hiring_declaration::ActiveModel {
        id: Set(Uuid::now_v7()),
        contract_id: Set(contract_id),
        action: Set(action_name(action).into()),
        format: Set(format.into()),
        content: Set(content.into()),
        declared_at: Set(now),
        period_ids: Set(None),
    })
    .exec_without_returning(c)
    .await?;
    Ok(())
}

/// Records the state's period numbers on a hiring declaration.
pub async fn save_period_ids<C: ConnectionTrait>(c: &C, id: Uuid, period_ids: &[String]) -> Result<(), AppError> {
    hiring_declaration::ActiveModel {
        id: Unchanged(id),
        period_ids: Set(Some(period_ids.join(","))),
        ..Default::default()
    }
    .update(c)
    .await?;
    Ok(())
}

/// Ids per query of the reads by a list of ids, under SQLite's and PostgreSQL's
/// bound-parameter limits.
const IDS_PER_QUERY: usize = 500;

/// An active contract's time, as a check for hours posted twice reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActiveSpan {
    /// The member employed.
    pub member_id: Uuid,
    /// The work declaration it was made from (its work periods).
    pub declaration_id: Uuid,
    /// Its kind.
    pub kind: ContractKind,
    /// When its work starts.
    pub starts_at: NaiveDateTime,
    /// When its work ends.
    pub ends_at: NaiveDateTime,
}

/// The contract rows with these ids, as `service::work` reads a contract's end and motive,
/// 500 ids a query.
pub async fn rows<C: ConnectionTrait>(c: &C, ids: &[Uuid]) -> Result<Vec<contract::Model>, AppError> {
    let mut rows = Vec::with_capacity(ids.len());
    for part in ids.chunks(IDS_PER_QUERY) {
        rows.extend(contract::Entity::find().filter(contract::Column::Id.is_in(part.iter().copied())).all(c).await?);
    }
    Ok(rows)
}

/// The active contracts of these members, of these kinds, whose work starts before `until`
/// and ends after `from`, 500 members a query.
pub async fn active_between<C: ConnectionTrait>(
    c: &C,
    members: &[Uuid],
    kinds: &[ContractKind],
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<ActiveSpan>, AppError> {
    let mut spans = Vec::new();
    for part in members.chunks(IDS_PER_QUERY) {
        for k in contract::Entity::find()
            .filter(contract::Column::MemberId.is_in(part.iter().copied()))
            .filter(contract::Column::Kind.is_in(kinds.iter().map(|k| k.as_str())))
            .filter(contract::Column::Status.eq(ContractStatus::Active.as_str()))
            .filter(contract::Column::StartsAt.lt(until))
            .filter(contract::Column::EndsAt.gt(from))
            .all(c)
            .await?
        {
            let kind =
                k.kind.parse().map_err(|e: ContractError| AppError::Corrupt(format!("contract {}: {e}", k.id)))?;
            spans.push(ActiveSpan {
                member_id: k.member_id,
                declaration_id: k.declaration_id,
                kind,
                starts_at: k.starts_at,
                ends_at: k.ends_at,
            });
        }
    }
    Ok(spans)
}

/// The work periods of these declarations, each with its declaration, 500 declarations a query.
pub async fn periods_of_declarations<C: ConnectionTrait>(
    c: &C,
    declarations: &[Uuid],
) -> Result<Vec<(Uuid, WorkPeriod)>, AppError> {
    let mut periods = Vec::new();
    for part in declarations.chunks(IDS_PER_QUERY) {
        for p in work_period::Entity::find()
            .filter(work_period::Column::DeclarationId.is_in(part.iter().copied()))
            .all(c)
            .await?
        {
            periods.push((p.declaration_id, WorkPeriod { date: p.work_date, start: p.start_time, end: p.end_time }));
        }
    }
    Ok(periods)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> contract::Model {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap().and_hms_opt(8, 0, 0).unwrap();
        contract::Model {
            id: Uuid::nil(),
            declaration_id: Uuid::nil(),
            member_id: Uuid::nil(),
            activity_id: Uuid::nil(),
            kind: "per_performance".into(),
            worker_category: "artist".into(),
            starts_at: at,
            ends_at: at,
            budget_minor: 100_000,
            gross_minor: 50_000,
            currency: "EUR".into(),
            status: "active".into(),
            created_at: at,
            framework_id: None,
            motive_code: None,
            motive_replaced_name: None,
            motive_replaced_job: None,
            motive_sector: None,
            motive_detail: None,
            classification: None,
            legislation_state: None,
            employer_cost_coefficient: None,
        }
    }

    #[test]
    fn a_contract_row_reads_back_with_core_kind_and_status() {
        let k = contract_of(&row()).unwrap();
        assert_eq!((k.kind, k.status), (ContractKind::PerPerformance, ContractStatus::Active));
        assert_eq!(k.worker_category, "artist");
    }

    #[test]
    fn an_unknown_kind_or_status_is_a_damaged_row_naming_it() {
        for (kind, status) in [("weekly", "active"), ("hourly", "paused")] {
            let err = contract_of(&contract::Model { kind: kind.into(), status: status.into(), ..row() }).unwrap_err();
            let AppError::Corrupt(what) = err else { panic!("{err:?}") };
            assert!(what.contains(if kind == "weekly" { kind } else { status }), "{what}");
        }
    }

    #[tokio::test]
    async fn the_active_contracts_of_members_over_a_span_are_those_of_the_kinds_asked_for() {
        use sea_orm::ActiveModelTrait;
        let store = crate::storage::migrated_sqlite().await;
        let c = store.db();
        let day = |d: u32, h: u32| chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap().and_hms_opt(h, 0, 0).unwrap();
        let (ada, bob, eve) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let contract = |member: Uuid, kind: ContractKind, status: &str, from: u32, until: u32| contract::Model {
            id: Uuid::now_v7(),
            declaration_id: Uuid::now_v7(),
            member_id: member,
            kind: kind.as_str().into(),
            status: status.into(),
            starts_at: day(from, 8),
            ends_at: day(until, 17),
            ..row()
        };
        let kept = [
            contract(ada, ContractKind::Hourly, "active", 3, 3),
            contract(bob, ContractKind::PerPerformance, "active", 1, 9),
        ];
        let left_out = [
            contract(ada, ContractKind::Hourly, "cancelled", 3, 3),
            contract(ada, ContractKind::StabilisedMonthly, "active", 1, 28),
            contract(ada, ContractKind::Hourly, "active", 6, 6),
            contract(eve, ContractKind::Hourly, "active", 3, 3),
        ];
        for k in kept.iter().chain(&left_out) {
            k.clone().into_active_model().insert(c).await.unwrap();
        }
        let kinds = [ContractKind::Hourly, ContractKind::PerPerformance];
        let mut found = active_between(c, &[ada, bob], &kinds, day(2, 0), day(5, 0)).await.unwrap();
        found.sort_by_key(|s| s.declaration_id);
        let mut expected: Vec<ActiveSpan> = kept
            .iter()
            .map(|k| ActiveSpan {
                member_id: k.member_id,
                declaration_id: k.declaration_id,
                kind: k.kind.parse().unwrap(),
                starts_at: k.starts_at,
                ends_at: k.ends_at,
            })
            .collect();
        expected.sort_by_key(|s| s.declaration_id);
        assert_eq!(found, expected);
        let ids: Vec<Uuid> = kept.iter().map(|k| k.id).collect();
        let mut rows = rows(c, &ids).await.unwrap();
        rows.sort_by_key(|k| k.id);
        let mut expected = kept.to_vec();
        expected.sort_by_key(|k| k.id);
        assert_eq!(rows, expected);
    }

    #[tokio::test]
    async fn the_work_periods_of_several_declarations_come_with_their_declaration() {
        use sea_orm::ActiveModelTrait;
        let store = crate::storage::migrated_sqlite().await;
        let c = store.db();
        let (one, two, other) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let at = |h: u32| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        let period = |declaration: Uuid, position: i32, d: u32| work_period::Model {
            declaration_id: declaration,
            position,
            work_date: chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap(),
            start_time: at(9),
            end_time: at(17),
        };
        for p in [period(one, 0, 2), period(one, 1, 4), period(two, 0, 3), period(other, 0, 5)] {
            p.into_active_model().insert(c).await.unwrap();
        }
        let mut found = periods_of_declarations(c, &[one, two]).await.unwrap();
        found.sort_by_key(|(d, p)| (*d, p.date));
        let day = |d: u32| WorkPeriod {
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap(),
            start: at(9),
            end: at(17),
        };
        let mut expected = vec![(one, day(2)), (one, day(4)), (two, day(3))];
        expected.sort_by_key(|(d, p)| (*d, p.date));
        assert_eq!(found, expected);
        assert_eq!(periods_of_declarations(c, &[]).await.unwrap(), Vec::new());
    }

    #[test]
    fn every_hiring_action_reads_back_from_its_stored_name() {
        for action in [HiringAction::In, HiringAction::Out, HiringAction::Update, HiringAction::Cancel] {
            assert_eq!(action_of(Uuid::nil(), action_name(action)).unwrap(), action);
        }
        let err = action_of(Uuid::nil(), "dimona").unwrap_err();
        assert!(matches!(&err, AppError::Corrupt(w) if w.contains("'dimona'")), "{err:?}");
    }
}
