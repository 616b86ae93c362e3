//! API tokens of partner platforms and scripts: made by an admin with a role (and,
//! for the member role, the member), shown once, stored as their SHA-256, revoked.

use super::{digest, random_secret, Principal, Role};
use crate::error::AppError;
use crate::service::history::{self, FieldChange, Subject};
use crate::storage::entities::{api_token, member};
use chrono::NaiveDateTime;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A token as listed: never its secret.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiTokenView {
    /// Its id, to revoke it.
    pub id: Uuid,
    /// What it is for.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// The member a member-role token acts as.
    pub member_id: Option<Uuid>,
    /// When it was made.
    pub created_at: NaiveDateTime,
    /// When it was revoked, if it was.
    pub revoked_at: Option<NaiveDateTime>,
}

/// A token just made: the only time its secret is shown.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NewApiTokenView {
    /// The token as stored.
    #[serde(flatten)]
    pub token: ApiTokenView,
    /// The secret to send as `Authorization: Bearer <secret>`; it is not kept.
    pub secret: String,
}

/// What an admin asks for.
#[derive(Debug, Clone)]
pub struct NewToken {
    /// What it is for.
    pub name: String,
    /// Its role.
    pub role: Role,
    /// The member, for the member role (required then, refused otherwise).
    pub member_id: Option<Uuid>,
}

fn view(t: &api_token::Model) -> Result<ApiTokenView, AppError> {
    Ok(ApiTokenView {
        id: t.id,
        name: t.name.clone(),
        role: Role::parse(&t.role).ok_or_else(|| AppError::Corrupt(format!("api token role '{}'", t.role)))?,
        member_id: t.member_id,
        created_at: t.created_at,
        revoked_at: t.revoked_at,
    })
}

async fn check<C: ConnectionTrait>(c: &C, new: &NewToken) -> Result<(), AppError> {
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::invalid("name", "from 1 to 100 characters"));
    }
    match (new.role, new.member_id) {
        (Role::Member, None) => Err(AppError::invalid("member_id", "a member token names its member")),
        (Role::Member, Some(id)) => {
            member::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("member", id))?;
            Ok(())
        }
        (_, Some(_)) => Err(AppError::invalid("member_id", "only a member token names a member")),
        (_, None) => Ok(()),
    }
}

/// Makes a token; its secret is in the answer and nowhere else. The audit log keeps who
/// made it (`by`), when, its name, role and member: a token opens the API as its role,
/// so who handed out which power must be answerable later.
pub async fn create<C: ConnectionTrait>(
    c: &C,
    new: NewToken,
    now: NaiveDateTime,
    by: &str,
) -> Result<NewApiTokenView, AppError> {
    let secret = random_secret();
    let token = store(c, &new, &secret, now).await?;
    let set = |field: &str, value: Option<String>| FieldChange { field: field.to_owned(), old: None, new: value };
    let changes = [
        set("name", Some(token.name.clone())),
        set("role", Some(token.role.as_str().to_owned())),
        set("member_id", token.member_id.map(|m| m.to_string())),
    ];
    let changes: Vec<FieldChange> = changes.into_iter().filter(|f| f.new.is_some()).collect();
    history::record(c, Subject::ApiToken, token.id, by, now, &changes).await?;
    Ok(NewApiTokenView { token, secret })
}

/// Stores a token whose secret was made elsewhere (the test harness's fixed admin
/// token, a script's token carried over from another node); a secret already stored
/// is left as it is. The secret must be at least 32 characters.
pub async fn store<C: ConnectionTrait>(
    c: &C,
    new: &NewToken,
    secret: &str,
    now: NaiveDateTime,
) -> Result<ApiTokenView, AppError> {
    if secret.len() < 32 {
        return Err(AppError::invalid("secret", "at least 32 characters"));
    }
    check(c, new).await?;
    let hash = digest(secret);
    if let Some(existing) = api_token::Entity::find().filter(api_token::Column::TokenHash.eq(&hash)).one(c).await? {
        return view(&existing);
    }
    let row = api_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set(new.name.trim().to_owned()),
        role: Set(new.role.as_str().to_owned()),
        member_id: Set(new.member_id),
        token_hash: Set(hash),
        created_at: Set(now),
        revoked_at: Set(None),
    }
    .insert(c)
    .await?;
    view(&row)
}

/// Every token, newest first, revoked ones included.
pub async fn list<C: ConnectionTrait>(c: &C) -> Result<Vec<ApiTokenView>, AppError> {
    api_token::Entity::find().order_by_desc(api_token::Column::CreatedAt).all(c).await?.iter().map(view).collect()
}

/// Revokes a token: from now on it opens nothing. Revoking twice changes nothing (and
/// records nothing); the revocation is in the audit log with who made it (`by`).
pub async fn revoke<C: ConnectionTrait>(c: &C, id: Uuid, now: NaiveDateTime, by: &str) -> Result<(), AppError> {
    let t = api_token::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("api token", id))?;
    if t.revoked_at.is_none() {
        let mut row: api_token::ActiveModel = t.into();
        row.revoked_at = Set(Some(now));
        row.update(c).await?;
        let change = FieldChange {
            field: "revoked_at".into(),
            old: None,
            new: Some(now.format("%Y-%m-%dT%H:%M:%S").to_string()),
        };
        history::record(c, Subject::ApiToken, id, by, now, &[change]).await?;
    }
    Ok(())
}

/// The principal of a presented token, if it is a live one.
pub async fn authenticate<C: ConnectionTrait>(c: &C, secret: &str) -> Result<Option<Principal>, AppError> {
    authenticate_digest(c, &digest(secret)).await
}

/// The principal of a presented token, read from `cache` when the token was seen live
/// there in the last [`CACHE_TTL`], else from the database (and then remembered).
pub async fn authenticate_cached<C: ConnectionTrait>(
    c: &C,
    cache: &TokenCache,
    secret: &str,
) -> Result<Option<Principal>, AppError> {
    let hash = digest(secret);
    let generation = match cache.get(&hash) {
        Ok(principal) => return Ok(Some(principal)),
        Err(generation) => generation,
    };
    let found = authenticate_digest(c, &hash).await?;
    if let Some(p) = &found {
        cache.put(hash, p.clone(), generation);
    }
    Ok(found)
}

/// How long a live token is believed without reading its row again. A revocation
/// made through this process (the API, the admin page) empties the cache at once;
/// one written to the database by another process is seen within this time.
pub const CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(10);

/// At most this many tokens are remembered; past it the cache starts again empty.
const CACHE_MAX: usize = 10_000;

/// Live tokens recently presented, by their SHA-256: every API request used to read
/// its token's row, one database round trip of the nine an invoice's request makes.
/// Unknown and revoked tokens are never remembered, so a new token works at once and
/// a wrong one costs what it did.
#[derive(Debug, Default)]
pub struct TokenCache {
    state: std::sync::Mutex<CacheState>,
}

#[derive(Debug, Default)]
struct CacheState {
    /// Bumped by every [`TokenCache::forget_all`]: a row read before it must not be
    /// remembered after it.
    generation: u64,
    live: std::collections::HashMap<String, (Principal, std::time::Instant)>,
}

impl TokenCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, CacheState> {
        // A panic while holding the lock cannot leave the map half-written in a way
        // that matters: at worst an entry is missing, and it is read again.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The remembered principal, or the generation to remember a fresh read under.
    fn get(&self, hash: &str) -> Result<Principal, u64> {
        let state = self.lock();
        match state.live.get(hash) {
            Some((p, at)) if at.elapsed() < CACHE_TTL => Ok(p.clone()),
            _ => Err(state.generation),
        }
    }

    fn put(&self, hash: String, principal: Principal, generation: u64) {
        let mut state = self.lock();
        if state.generation != generation {
            return;
        }
        if state.live.len() >= CACHE_MAX {
            state.live.clear();
        }
        state.live.insert(hash, (principal, std::time::Instant::now()));
    }

    /// Forgets every token: call it after a revocation commits.
    pub fn forget_all(&self) {
        let mut state = self.lock();
        state.generation = state.generation.wrapping_add(1);
        state.live.clear();
    }
}

async fn authenticate_digest<C: ConnectionTrait>(c: &C, hash: &str) -> Result<Option<Principal>, AppError> {
    let Some(t) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(hash))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(c)
        .await?
    else {
        return Ok(None);
    };
    let role = Role::parse(&t.role).ok_or_else(|| AppError::Corrupt(format!("api token role '{}'", t.role)))?;
    Ok(Some(Principal { role, member: t.member_id, csrf: None, name: format!("API token {}", t.name) }))
}
