//! Accounts (who the identity provider vouches for, and as what) and the sessions
//! of signed-in browsers. A session's cookie holds a random 256-bit id; the table
//! holds its SHA-256, so a changed cookie finds nothing and a read of the table
//! gives no usable cookie.

use super::{digest, random_secret, AuthError, AuthRefusal, Principal, Role};
use crate::error::AppError;
use crate::storage::entities::{account, member, session};
use chrono::NaiveDateTime;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// What the provider's verified ID token says about the person.
#[derive(Clone, Debug)]
pub struct Claims {
    /// `issuer subject`: the provider's stable id of the person.
    pub subject: String,
    /// The e-mail address, if the provider verified it.
    pub verified_email: Option<String>,
}

fn role_of(a: &account::Model) -> Result<Role, AppError> {
    Role::parse(&a.role).ok_or_else(|| AppError::Corrupt(format!("account role '{}'", a.role)))
}

/// The account of a signed-in person: the one linked to their subject; else the
/// account or member with their verified e-mail, now linked to the subject (so a
/// later change of e-mail at the provider still finds them); else, for the e-mail
/// `auth.admin_email` names, the first admin. Anyone else is refused.
pub async fn account_for<C: ConnectionTrait>(
    c: &C,
    claims: &Claims,
    admin_email: Option<&str>,
    now: NaiveDateTime,
) -> Result<account::Model, AuthError> {
    if let Some(a) = account::Entity::find().filter(account::Column::Subject.eq(&claims.subject)).one(c).await? {
        return Ok(a);
    }
    let Some(email) = claims.verified_email.as_deref().map(str::to_lowercase) else {
        return Err(AuthRefusal::NoAccount { email: "(no verified e-mail)".into() }.into());
    };
    if let Some(a) = account::Entity::find().filter(account::Column::Email.eq(&email)).one(c).await? {
        if a.subject.is_some() {
            // The e-mail is another subject's: a second identity must not take the account over.
            return Err(AuthRefusal::NoAccount { email }.into());
        }
        let mut row: account::ActiveModel = a.into();
        row.subject = Set(Some(claims.subject.clone()));
        return Ok(row.update(c).await?);
    }
    let member = member::Entity::find().filter(member::Column::Email.eq(&email)).one(c).await?;
    let (role, member_id) = match member {
        Some(m) => (Role::Member, Some(m.id)),
        None if admin_email.is_some_and(|a| a.eq_ignore_ascii_case(&email)) => (Role::Admin, None),
        None => return Err(AuthRefusal::NoAccount { email }.into()),
    };
    Ok(account::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email),
        role: Set(role.as_str().to_owned()),
        member_id: Set(member_id),
        subject: Set(Some(claims.subject.clone())),
        created_at: Set(now),
    }
    .insert(c)
    .await?)
}

/// Adds a staff account (advisor, admin, hq) an admin names by e-mail; the person
/// signs in with it through the provider.
pub async fn add_staff<C: ConnectionTrait>(
    c: &C,
    email: &str,
    role: Role,
    now: NaiveDateTime,
) -> Result<account::Model, AuthError> {
    let email = email.trim().to_lowercase();
    // The schema's pattern `^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$`: a staff address is plain ASCII.
    let shaped = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.is_empty()
            && local.chars().all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c))
            && domain.chars().all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
    });
    if !shaped || email.len() > 254 {
        return Err(AppError::invalid("email", "an e-mail address (name@domain)").into());
    }
    if role == Role::Member {
        return Err(
            AppError::invalid("role", "advisor, admin or hq: a member signs in with their member e-mail").into()
        );
    }
    if account::Entity::find().filter(account::Column::Email.eq(&email)).one(c).await?.is_some() {
        return Err(AuthRefusal::AccountExists { email }.into());
    }
    Ok(account::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email),
        role: Set(role.as_str().to_owned()),
        member_id: Set(None),
        subject: Set(None),
        created_at: Set(now),
    }
    .insert(c)
    .await?)
}

/// A new session of `account`: the cookie's secret id (returned, not stored) and the row.
pub async fn open<C: ConnectionTrait>(
    c: &C,
    account: &account::Model,
    id_token: String,
    now: NaiveDateTime,
    hours: u32,
) -> Result<String, AppError> {
    let secret = random_secret();
    session::ActiveModel {
        id_hash: Set(digest(&secret)),
        account_id: Set(account.id),
        csrf: Set(random_secret()),
        id_token: Set(id_token),
        created_at: Set(now),
        expires_at: Set(now + chrono::Duration::hours(i64::from(hours))),
    }
    .insert(c)
    .await?;
    Ok(secret)
}

/// The principal of a session cookie, if it names a live session.
pub async fn authenticate<C: ConnectionTrait>(
    c: &C,
    cookie: &str,
    now: NaiveDateTime,
) -> Result<Option<Principal>, AppError> {
    let Some(s) = session::Entity::find_by_id(digest(cookie)).one(c).await? else { return Ok(None) };
    if s.expires_at <= now {
        session::Entity::delete_by_id(s.id_hash).exec(c).await?;
        return Ok(None);
    }
    let Some(a) = account::Entity::find_by_id(s.account_id).one(c).await? else { return Ok(None) };
    Ok(Some(Principal { role: role_of(&a)?, member: a.member_id, csrf: Some(s.csrf) }))
}

/// Ends a session; its row, with the ID token the provider's logout wants, if it was live.
pub async fn close<C: ConnectionTrait>(c: &C, cookie: &str) -> Result<Option<session::Model>, AppError> {
    let Some(s) = session::Entity::find_by_id(digest(cookie)).one(c).await? else { return Ok(None) };
    session::Entity::delete_by_id(s.id_hash.clone()).exec(c).await?;
    Ok(Some(s))
}
