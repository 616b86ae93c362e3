//! The platforms repository: partner platforms (`platforms`) in and out as [`StoredPlatform`]
//! (the hourly rate as core's `Money`, the VAT rate as core's `Rate`), the workers they enrolled
//! (`platform_workers`) as [`Enrolment`], and the answers kept for their batches
//! (`platform_batches`) as [`StoredBatch`].
//!
//! A platform's token is stored only as its hash: a platform is found by it, and the hash is
//! never read back. A stored currency or VAT rate the core does not read is a damaged row
//! (`AppError::Corrupt` naming the value).

use crate::error::AppError;
use crate::storage::entities::{platform, platform_batch, platform_worker};
use chrono::NaiveDateTime;
use partage_core::{ActivityId, ClientId, Currency, MemberId, Money, Rate};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;
use uuid::Uuid;

/// Worker references per query, under SQLite's and PostgreSQL's bound-parameter limits.
const REFS_PER_QUERY: usize = 500;

/// A platform as registered: the client invoiced for its workers' hours and at what price.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredPlatform {
    /// Platform id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// The client invoiced for its workers' hours.
    pub client_id: ClientId,
    /// Price of an hour, excluding VAT.
    pub hourly_rate: Money,
    /// VAT rate of its invoices.
    pub vat_rate: Rate,
    /// Worker kind of its workers, as the pack names them.
    pub worker_category: String,
    /// Function performed (bicycle courier...).
    pub function: String,
    /// When it was registered.
    pub created_at: NaiveDateTime,
}

/// A member enrolled with a platform under the platform's reference for them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enrolment {
    /// The platform.
    pub platform_id: Uuid,
    /// The platform's reference of the worker, as its batches name them.
    pub worker_ref: String,
    /// The member.
    pub member_id: MemberId,
    /// The activity their hours are invoiced from.
    pub activity_id: ActivityId,
    /// The framework contract whose hiring declaration covers their hours.
    pub framework_id: Uuid,
    /// When they were enrolled: hours before it are covered by no declaration.
    pub enrolled_at: NaiveDateTime,
}

/// A batch as kept: what identifies its lines and the answer it was given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredBatch {
    /// The hash of the lines the platform sent.
    pub body_hash: String,
    /// The answer, as the JSON the platform was given (`{}` while the batch is processed).
    pub result: String,
}

/// How a VAT rate is stored: in percent, normalised (`21`, `5.5`).
fn vat_text(rate: Rate) -> String {
    rate.percent().to_string()
}

/// A platform row as the platform it holds.
fn platform_of(row: &platform::Model) -> Result<StoredPlatform, AppError> {
    let currency: Currency =
        row.currency.parse().map_err(|_| AppError::Corrupt(format!("currency '{}'", row.currency)))?;
    let vat = Decimal::from_str_exact(&row.vat_category)
        .map_err(|_| AppError::Corrupt(format!("platform {}: VAT rate '{}'", row.id, row.vat_category)))?;
    Ok(StoredPlatform {
        id: row.id,
        name: row.name.clone(),
        client_id: ClientId(row.client_id),
        hourly_rate: Money::from_minor(row.hourly_rate_minor, currency),
        vat_rate: Rate::from_percent(vat),
        worker_category: row.worker_category.clone(),
        function: row.function.clone(),
        created_at: row.created_at,
    })
}

/// The row of a platform whose token hashes to `token_hash`.
fn row_of(p: &StoredPlatform, token_hash: &str) -> Result<platform::Model, AppError> {
    Ok(platform::Model {
        id: p.id,
        name: p.name.clone(),
        client_id: p.client_id.0,
        token_hash: token_hash.to_owned(),
        hourly_rate_minor: p.hourly_rate.to_minor()?,
        currency: p.hourly_rate.currency().code().into(),
        vat_category: vat_text(p.vat_rate),
        worker_category: p.worker_category.clone(),
        function: p.function.clone(),
        created_at: p.created_at,
    })
}

/// An enrolment row as the enrolment it holds.
fn enrolment_of(row: platform_worker::Model) -> Enrolment {
    Enrolment {
        platform_id: row.platform_id,
        worker_ref: row.worker_ref,
        member_id: MemberId(row.member_id),
        activity_id: ActivityId(row.activity_id),
        framework_id: row.contract_id,
        enrolled_at: row.enrolled_at,
    }
}

/// Stores a new platform with the hash of its token.
pub async fn insert<C: ConnectionTrait>(c: &C, p: &StoredPlatform, token_hash: &str) -> Result<(), AppError> {
    platform::Entity::insert(platform::ActiveModel::from(row_of(p, token_hash)?)).exec_without_returning(c).await?;
    Ok(())
}

/// One platform, or not found.
pub async fn get<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<StoredPlatform, AppError> {
    let row = platform::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("platform", id))?;
    platform_of(&row)
}

/// The platform whose token hashes to `token_hash`, if any.
pub async fn by_token_hash<C: ConnectionTrait>(c: &C, token_hash: &str) -> Result<Option<StoredPlatform>, AppError> {
    platform::Entity::find()
        .filter(platform::Column::TokenHash.eq(token_hash))
        .one(c)
        .await?
        .as_ref()
        .map(platform_of)
        .transpose()
}

/// Platforms by name then id, optionally one client's; with the count of all pages.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    client: Option<Uuid>,
    offset: u64,
    limit: u64,
) -> Result<(Vec<StoredPlatform>, u64), AppError> {
    let mut q = platform::Entity::find();
    if let Some(client) = client {
        q = q.filter(platform::Column::ClientId.eq(client));
    }
    let total = q.clone().count(c).await?;
    let rows = q
        .order_by_asc(platform::Column::Name)
        .order_by_asc(platform::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(c)
        .await?;
    Ok((rows.iter().map(platform_of).collect::<Result<_, _>>()?, total))
}

/// True when the platform already has a worker under this reference.
pub async fn is_enrolled<C: ConnectionTrait>(c: &C, platform_id: Uuid, worker_ref: &str) -> Result<bool, AppError> {
    Ok(platform_worker::Entity::find_by_id((platform_id, worker_ref.to_owned())).one(c).await?.is_some())
}

/// Stores an enrolment.
pub async fn insert_enrolment<C: ConnectionTrait>(c: &C, e: &Enrolment) -> Result<(), AppError> {
    platform_worker::Entity::insert(platform_worker::ActiveModel {
        platform_id: Set(e.platform_id),
        worker_ref: Set(e.worker_ref.clone()),
        member_id: Set(e.member_id.0),
        activity_id: Set(e.activity_id.0),
        contract_id: Set(e.framework_id),
        enrolled_at: Set(e.enrolled_at),
    })
    .exec_without_returning(c)
    .await?;
    Ok(())
}

/// The platform's workers among `refs`, by reference (a reference it has not enrolled is
/// absent), read 500 references a query.
pub async fn enrolments<C: ConnectionTrait>(
    c: &C,
    platform_id: Uuid,
    refs: &[String],
) -> Result<HashMap<String, Enrolment>, AppError> {
    let mut workers = HashMap::new();
    for part in refs.chunks(REFS_PER_QUERY) {
        for w in platform_worker::Entity::find()
            .filter(platform_worker::Column::PlatformId.eq(platform_id))
            .filter(platform_worker::Column::WorkerRef.is_in(part.iter().cloned()))
            .all(c)
            .await?
        {
            workers.insert(w.worker_ref.clone(), enrolment_of(w));
        }
    }
    Ok(workers)
}

/// A batch the platform sent under this id, if any (its answer still `{}` while it is processed).
pub async fn batch<C: ConnectionTrait>(
    c: &C,
    platform_id: Uuid,
    batch_id: &str,
) -> Result<Option<StoredBatch>, AppError> {
    Ok(platform_batch::Entity::find_by_id((platform_id, batch_id.to_owned()))
        .one(c)
        .await?
        .map(|b| StoredBatch { body_hash: b.body_hash, result: b.result }))
}

/// Claims a batch id for the lines hashing to `body_hash` before processing them: its row,
/// with no answer yet. A concurrent copy of the same batch waits on this row (its primary
/// key) until this transaction ends.
pub async fn claim_batch<C: ConnectionTrait>(
    c: &C,
    platform_id: Uuid,
    batch_id: &str,
    body_hash: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    platform_batch::Entity::insert(platform_batch::ActiveModel {
        platform_id: Set(platform_id),
        batch_id: Set(batch_id.to_owned()),
        body_hash: Set(body_hash.to_owned()),
        accepted: Set(0),
        rejected: Set(0),
        result: Set("{}".into()),
        received_at: Set(now),
    })
    .exec_without_returning(c)
    .await?;
    Ok(())
}

/// Stores a claimed batch's answer (`result`, its JSON) with its counts of accepted and
/// rejected lines.
pub async fn save_batch<C: ConnectionTrait>(
    c: &C,
    platform_id: Uuid,
    batch_id: &str,
    body_hash: &str,
    (accepted, rejected): (usize, usize),
    result: String,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    platform_batch::Entity::update(platform_batch::ActiveModel {
        platform_id: Set(platform_id),
        batch_id: Set(batch_id.to_owned()),
        body_hash: Set(body_hash.to_owned()),
        accepted: Set(i32::try_from(accepted).unwrap_or(i32::MAX)),
        rejected: Set(i32::try_from(rejected).unwrap_or(i32::MAX)),
        result: Set(result),
        received_at: Set(now),
    })
    .exec(c)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::migrated_sqlite as database;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, day).unwrap().and_hms_opt(hour, 0, 0).unwrap()
    }

    fn stored() -> platform::Model {
        platform::Model {
            id: Uuid::nil(),
            name: "Fast Meals".into(),
            client_id: Uuid::nil(),
            token_hash: "ab12".into(),
            hourly_rate_minor: 1850,
            currency: "EUR".into(),
            vat_category: "5.5".into(),
            worker_category: "manual".into(),
            function: "Bicycle courier".into(),
            created_at: at(2, 9),
        }
    }

    fn platform(name: &str, client: Uuid) -> StoredPlatform {
        StoredPlatform {
            id: Uuid::now_v7(),
            name: name.into(),
            client_id: ClientId(client),
            hourly_rate: Money::from_minor(1850, Currency::EUR),
            vat_rate: Rate::from_percent(Decimal::from(21)),
            worker_category: "manual".into(),
            function: "Bicycle courier".into(),
            created_at: at(2, 9),
        }
    }

    #[test]
    fn a_platform_row_reads_back_and_writes_back_the_same() {
        let p = platform_of(&stored()).unwrap();
        assert_eq!(p.hourly_rate, Money::from_minor(1850, Currency::EUR));
        assert_eq!(p.vat_rate, Rate(Decimal::new(55, 3)));
        assert_eq!(row_of(&p, "ab12").unwrap(), stored());
    }

    #[test]
    fn an_unknown_stored_currency_or_vat_rate_is_corrupt_and_names_the_value() {
        match platform_of(&platform::Model { currency: "XYZW".into(), ..stored() }) {
            Err(AppError::Corrupt(what)) => assert_eq!(what, "currency 'XYZW'"),
            other => panic!("expected Corrupt, got {other:?}"),
        }
        match platform_of(&platform::Model { vat_category: "S".into(), ..stored() }) {
            Err(AppError::Corrupt(what)) => assert_eq!(what, format!("platform {}: VAT rate 'S'", Uuid::nil())),
            other => panic!("expected Corrupt, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_platform_is_found_by_its_token_hash_and_listed_by_name_per_client() {
        let store = database().await;
        let c = store.db();
        let (mine, theirs) = (Uuid::now_v7(), Uuid::now_v7());
        let zeta = platform("Zeta", mine);
        let alpha = platform("Alpha", mine);
        let other = platform("Other", theirs);
        for (p, hash) in [(&zeta, "h-zeta"), (&alpha, "h-alpha"), (&other, "h-other")] {
            insert(c, p, hash).await.unwrap();
        }
        assert_eq!(by_token_hash(c, "h-alpha").await.unwrap(), Some(alpha.clone()));
        assert_eq!(by_token_hash(c, "h-nobody").await.unwrap(), None);
        assert_eq!(get(c, zeta.id).await.unwrap(), zeta);
        assert!(matches!(get(c, Uuid::nil()).await, Err(AppError::NotFound { .. })));
        let (page, total) = list(c, Some(mine), 0, 1).await.unwrap();
        assert_eq!((page, total), (vec![alpha.clone()], 2));
        let (all, total) = list(c, None, 0, 10).await.unwrap();
        assert_eq!((all, total), (vec![alpha, other, zeta], 3));
    }

    #[tokio::test]
    async fn enrolments_are_read_by_reference_over_several_queries() {
        let store = database().await;
        let c = store.db();
        let (p, elsewhere) = (Uuid::now_v7(), Uuid::now_v7());
        let enrolment = |platform_id: Uuid, worker_ref: String| Enrolment {
            platform_id,
            worker_ref,
            member_id: MemberId(Uuid::now_v7()),
            activity_id: ActivityId(Uuid::now_v7()),
            framework_id: Uuid::now_v7(),
            enrolled_at: at(3, 12),
        };
        // More references than one query reads, so the last one is found by the second.
        let refs: Vec<String> = (0..=REFS_PER_QUERY).map(|i| format!("w{i:04}")).collect();
        let mut stored = Vec::new();
        for r in &refs {
            let e = enrolment(p, r.clone());
            insert_enrolment(c, &e).await.unwrap();
            stored.push(e);
        }
        insert_enrolment(c, &enrolment(elsewhere, "w0000".into())).await.unwrap();
        assert!(is_enrolled(c, p, "w0000").await.unwrap());
        assert!(!is_enrolled(c, p, "nobody").await.unwrap());
        let mut asked = refs.clone();
        asked.push("nobody".into());
        let found = enrolments(c, p, &asked).await.unwrap();
        assert_eq!(found.len(), refs.len(), "the unknown reference is absent, the other platform's too");
        for e in &stored {
            assert_eq!(found.get(&e.worker_ref), Some(e));
        }
    }

    #[tokio::test]
    async fn a_claimed_batch_is_kept_without_an_answer_until_its_answer_is_saved() {
        let store = database().await;
        let c = store.db();
        let p = Uuid::now_v7();
        assert_eq!(batch(c, p, "b-1").await.unwrap(), None);
        claim_batch(c, p, "b-1", "hash", at(4, 21)).await.unwrap();
        let claimed = StoredBatch { body_hash: "hash".into(), result: "{}".into() };
        assert_eq!(batch(c, p, "b-1").await.unwrap(), Some(claimed));
        let err = claim_batch(c, p, "b-1", "other", at(4, 22)).await.unwrap_err();
        assert!(matches!(&err, AppError::Storage(e) if crate::storage::is_unique_violation(e)), "{err:?}");
        save_batch(c, p, "b-1", "hash", (3, 1), r#"{"accepted":3}"#.into(), at(4, 21)).await.unwrap();
        let row = platform_batch::Entity::find_by_id((p, "b-1".to_owned())).one(c).await.unwrap().unwrap();
        assert_eq!((row.accepted, row.rejected, row.result.as_str()), (3, 1, r#"{"accepted":3}"#));
        assert_eq!(batch(c, Uuid::now_v7(), "b-1").await.unwrap(), None, "batch ids are the platform's own");
    }
}
