//! The activities repository: activity rows in and out as `core::activity::Activity`.
//!
//! A stored sector or status the core does not read is a damaged row
//! (`AppError::Corrupt` naming the value). The budget is not here: it is the journal's.

use super::entities::{activity, member};
use crate::error::AppError;
use partage_core::activity::{Activity, ActivityStatus, Sector};
use partage_core::{ActivityId, MemberId};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

/// An activity row as the core's record.
pub fn activity_of(m: &activity::Model) -> Result<Activity, AppError> {
    let sector = Sector::parse(&m.sector, m.sub_sector.as_deref())
        .map_err(|_| AppError::Corrupt(format!("activity sector '{}' (sub-sector {:?})", m.sector, m.sub_sector)))?;
    let status: ActivityStatus =
        m.status.parse().map_err(|_| AppError::Corrupt(format!("activity status '{}'", m.status)))?;
    Ok(Activity {
        id: ActivityId(m.id),
        member_id: MemberId(m.member_id),
        name: m.name.clone(),
        sector,
        status,
        opened_on: m.opened_on,
    })
}

/// An activity row, for the services that still read the entity (invoices, work...).
pub async fn row<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<activity::Model, AppError> {
    activity::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("activity", id))
}

/// An activity row with its member's row, in one query: a draft invoice needs both,
/// and each query is a round trip on the request's path.
pub async fn row_with_owner<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<(activity::Model, member::Model), AppError> {
    let owner =
        activity::Entity::belongs_to(member::Entity).from(activity::Column::MemberId).to(member::Column::Id).into();
    let (a, m) = activity::Entity::find_by_id(id)
        .select_also(member::Entity)
        .join(JoinType::InnerJoin, owner)
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("activity", id))?;
    let m = m.ok_or_else(|| AppError::Corrupt(format!("activity {id} has no member row")))?;
    Ok((a, m))
}

/// One activity, or not found.
pub async fn get<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<Activity, AppError> {
    activity_of(&row(c, id).await?)
}

/// Activities, newest first, optionally of one member; with the count of all pages.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    member: Option<Uuid>,
    offset: u64,
    limit: u64,
) -> Result<(Vec<Activity>, u64), AppError> {
    let mut q = activity::Entity::find();
    if let Some(m) = member {
        q = q.filter(activity::Column::MemberId.eq(m));
    }
    let total = q.clone().count(c).await?;
    let rows = q.order_by_desc(activity::Column::Id).offset(offset).limit(limit).all(c).await?;
    Ok((rows.iter().map(activity_of).collect::<Result<_, _>>()?, total))
}

fn columns(a: &Activity) -> activity::ActiveModel {
    activity::ActiveModel {
        id: Set(a.id.0),
        member_id: Set(a.member_id.0),
        name: Set(a.name.clone()),
        sector: Set(a.sector.kind().into()),
        sub_sector: Set(a.sector.sub_sector().map(str::to_owned)),
        status: Set(a.status.as_str().into()),
        opened_on: Set(a.opened_on),
    }
}

/// Stores a new activity.
pub async fn insert<C: ConnectionTrait>(c: &C, a: &Activity) -> Result<Activity, AppError> {
    activity_of(&columns(a).insert(c).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn stored() -> activity::Model {
        activity::Model {
            id: Uuid::nil(),
            member_id: Uuid::nil(),
            name: "Tournée 2025".into(),
            sector: "other".into(),
            sub_sector: Some("training".into()),
            status: "open".into(),
            opened_on: NaiveDate::from_ymd_opt(2025, 2, 3).unwrap(),
        }
    }

    #[test]
    fn an_activity_row_reads_back_and_writes_back_the_same() {
        let a = activity_of(&stored()).unwrap();
        assert_eq!(a.sector, Sector::Other("training".into()));
        assert_eq!(a.status, ActivityStatus::Open);
        let row = columns(&a);
        assert_eq!(row.sector, Set("other".to_owned()));
        assert_eq!(row.sub_sector, Set(Some("training".to_owned())));
        assert_eq!(row.status, Set("open".to_owned()));
    }

    #[test]
    fn an_unknown_stored_status_or_sector_is_corrupt_and_names_the_value() {
        let status = activity::Model { status: "archived".into(), ..stored() };
        match activity_of(&status) {
            Err(AppError::Corrupt(what)) => assert_eq!(what, "activity status 'archived'"),
            other => panic!("expected Corrupt, got {other:?}"),
        }
        let sector = activity::Model { sector: "mining".into(), sub_sector: None, ..stored() };
        match activity_of(&sector) {
            Err(AppError::Corrupt(what)) => assert!(what.contains("'mining'"), "{what}"),
            other => panic!("expected Corrupt, got {other:?}"),
        }
    }
}
