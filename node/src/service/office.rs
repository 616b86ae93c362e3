//! What the advisors' pages read that no other service lists: the guarantee fund's latest
//! movements, and the names behind the ids other lists give (a deadline's member and
//! activity, a movement's activity). Reads only; each call costs the same few queries
//! whatever the history's length (a page keyed on the primary key, names of one page).

use crate::error::AppError;
use crate::storage::entities::{activity, fund_movement, member};
use chrono::NaiveDate;
use partage_core::{Currency, Money};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Ids a single `IN (...)` names at most (PostgreSQL takes 65,535 parameters).
const IDS_PER_QUERY: usize = 1_000;

/// One movement of the guarantee fund, as the fund's page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FundMovement {
    /// Its id: UUIDv7, so ids sort in the order movements were recorded.
    pub id: Uuid,
    /// advance, recovery or loss (`partage_core::guarantee_fund::Movement::kind`).
    pub kind: String,
    /// Its amount, positive.
    pub amount: Money,
    /// The day it counts from.
    pub date: NaiveDate,
    /// The activity whose wages, payment or loss moved the fund.
    pub activity_id: Uuid,
    /// The payslip an advance paid, if any.
    pub payslip_id: Option<Uuid>,
    /// The invoice a recovery or loss is about, if any.
    pub invoice_id: Option<Uuid>,
}

/// The fund's movements, newest recorded first: at most `limit` recorded before the
/// movement `before` (the last one of the previous page).
pub async fn fund_movements<C: ConnectionTrait>(
    c: &C,
    before: Option<Uuid>,
    limit: u64,
) -> Result<Vec<FundMovement>, AppError> {
    let mut q = fund_movement::Entity::find().order_by_desc(fund_movement::Column::Id);
    if let Some(b) = before {
        q = q.filter(fund_movement::Column::Id.lt(b));
    }
    q.limit(limit)
        .all(c)
        .await?
        .into_iter()
        .map(|m| {
            let currency = m
                .currency
                .parse::<Currency>()
                .map_err(|_| AppError::Corrupt(format!("fund movement {}: currency '{}'", m.id, m.currency)))?;
            Ok(FundMovement {
                id: m.id,
                kind: m.kind,
                amount: Money::from_minor(m.amount_minor, currency),
                date: m.movement_date,
                activity_id: m.activity_id,
                payslip_id: m.payslip_id,
                invoice_id: m.invoice_id,
            })
        })
        .collect()
}

/// Members' names ("first last") by id, for the ids given (unknown ids are left out).
pub async fn member_names<C: ConnectionTrait>(
    c: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<BTreeMap<Uuid, String>, AppError> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = BTreeMap::new();
    for part in ids.chunks(IDS_PER_QUERY) {
        let rows: Vec<(Uuid, String, String)> = member::Entity::find()
            .select_only()
            .column(member::Column::Id)
            .column(member::Column::FirstName)
            .column(member::Column::LastName)
            .filter(member::Column::Id.is_in(part.iter().copied()))
            .into_tuple()
            .all(c)
            .await?;
        out.extend(rows.into_iter().map(|(id, first, last)| (id, format!("{first} {last}"))));
    }
    Ok(out)
}

/// Activities' names and members by id, for the ids given (unknown ids are left out).
pub async fn activity_names<C: ConnectionTrait>(
    c: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<BTreeMap<Uuid, (String, Uuid)>, AppError> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = BTreeMap::new();
    for part in ids.chunks(IDS_PER_QUERY) {
        let rows: Vec<(Uuid, String, Uuid)> = activity::Entity::find()
            .select_only()
            .column(activity::Column::Id)
            .column(activity::Column::Name)
            .column(activity::Column::MemberId)
            .filter(activity::Column::Id.is_in(part.iter().copied()))
            .into_tuple()
            .all(c)
            .await?;
        out.extend(rows.into_iter().map(|(id, name, member)| (id, (name, member))));
    }
    Ok(out)
}
