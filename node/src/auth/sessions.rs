//! Accounts (who the identity provider vouches for, and as what) and the sessions
//! of signed-in browsers. A session's cookie holds a random 256-bit id; the table
//! holds its SHA-256, so a changed cookie finds nothing and a read of the table
//! gives no usable cookie.

use super::{digest, random_secret, AuthError, AuthRefusal, Principal, Role};
use crate::error::AppError;
use crate::http::problem::echo;
use crate::service::errors::AccountRefusal;
use crate::service::history::{self, FieldChange, Subject};
use crate::service::views::Page;
use crate::storage::entities::{account, member, session};
use chrono::NaiveDateTime;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

/// What the provider's verified ID token says about the person.
pub use partage_oidc::Claims;

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
/// signs in with it through the provider. A member's e-mail is refused: its person
/// signs in as that member (`account_for`), and a staff account with it would be a
/// second way in with other powers.
pub async fn add_staff<C: ConnectionTrait>(
    c: &C,
    email: &str,
    role: Role,
    now: NaiveDateTime,
) -> Result<account::Model, AppError> {
    let email = email.trim().to_lowercase();
    // The schema's pattern `^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$`: a staff address is plain ASCII.
    let shaped = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.is_empty()
            && local.chars().all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c))
            && domain.chars().all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
    });
    if !shaped || email.len() > 254 {
        return Err(AccountRefusal::EmailMalformed { email: echo(&email) }.into());
    }
    if role == Role::Member {
        return Err(AccountRefusal::NotAStaffRole { role: role.to_string() }.into());
    }
    if member::Entity::find().filter(member::Column::Email.eq(&email)).one(c).await?.is_some() {
        return Err(AccountRefusal::MemberEmail { email }.into());
    }
    if account::Entity::find().filter(account::Column::Email.eq(&email)).one(c).await?.is_some() {
        return Err(AccountRefusal::EmailTaken { email }.into());
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

/// A staff account as an admin sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffAccount {
    /// Its id.
    pub id: Uuid,
    /// Its e-mail.
    pub email: String,
    /// Advisor, admin or hq.
    pub role: Role,
    /// Whether the person has signed in (the account is linked to their provider subject).
    pub signed_in: bool,
    /// When it was added.
    pub created_at: NaiveDateTime,
}

impl TryFrom<&account::Model> for StaffAccount {
    type Error = AppError;

    fn try_from(a: &account::Model) -> Result<StaffAccount, AppError> {
        Ok(StaffAccount {
            id: a.id,
            email: a.email.clone(),
            role: role_of(a)?,
            signed_in: a.subject.is_some(),
            created_at: a.created_at,
        })
    }
}

/// The staff accounts, of one role if `role` names one, by e-mail. Members' accounts
/// are not staff: they come from member records, one per member, and carry no choice.
fn staff_of(role: Option<Role>) -> sea_orm::Select<account::Entity> {
    let query = account::Entity::find().filter(account::Column::Role.ne(Role::Member.as_str()));
    match role {
        Some(r) => query.filter(account::Column::Role.eq(r.as_str())),
        None => query,
    }
    .order_by_asc(account::Column::Email)
    .order_by_asc(account::Column::Id)
}

/// The office's staff accounts (advisor, admin, hq) by e-mail: the admin's page.
pub async fn staff<C: ConnectionTrait>(c: &C) -> Result<Vec<StaffAccount>, AppError> {
    staff_of(None).all(c).await?.iter().map(StaffAccount::try_from).collect()
}

/// A page of the staff accounts, of one role if `role` names one, by e-mail: the API's
/// list. A member role names no staff, so its page is empty.
pub async fn staff_page<C: ConnectionTrait>(
    c: &C,
    role: Option<Role>,
    offset: u64,
    limit: u64,
) -> Result<Page<StaffAccount>, AppError> {
    let query = staff_of(role);
    let total = query.clone().count(c).await?;
    let rows = query.offset(offset).limit(limit).all(c).await?;
    let items = rows.iter().map(StaffAccount::try_from).collect::<Result<_, _>>()?;
    Ok(Page { items, total, offset, limit })
}

/// One staff account (a member's account is no staff's: `not-found`).
pub async fn staff_account<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<StaffAccount, AppError> {
    staff_of(None)
        .filter(account::Column::Id.eq(id))
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("account", id))
        .and_then(|a| StaffAccount::try_from(&a))
}

/// Adds a staff account as [`add_staff`] does and keeps in the audit log who added it
/// (`by`), with its e-mail and role: the pages' and the API's way to add one.
pub async fn add_staff_recorded<C: ConnectionTrait>(
    c: &C,
    email: &str,
    role: Role,
    now: NaiveDateTime,
    by: &str,
) -> Result<account::Model, AppError> {
    let a = add_staff(c, email, role, now).await?;
    let set =
        |field: &str, value: &str| FieldChange { field: field.to_owned(), old: None, new: Some(value.to_owned()) };
    history::record(c, Subject::Account, a.id, by, now, &[set("email", &a.email), set("role", &a.role)]).await?;
    Ok(a)
}

/// Gives a staff account another staff role, and answers the account as it now is; its sessions have it at their next request
/// (a session reads its account's role each time). A member's account keeps its role,
/// which comes from their member record; the last admin account stays admin, or no one
/// could manage tokens and accounts any more. The change is in the audit log with who
/// made it (`by`).
///
/// Two admins demoting each other at once must not both pass the count: on PostgreSQL
/// every admin row is locked (`FOR UPDATE`, in id order so two callers cannot deadlock)
/// before the count and before the account is read, so the second caller waits for the
/// first's commit and then counts what it left (read committed re-reads a locked row
/// and drops one that is no longer an admin). On SQLite the store's write lock already
/// runs one writer at a time.
pub async fn change_role<C: ConnectionTrait>(
    c: &C,
    id: Uuid,
    role: Role,
    now: NaiveDateTime,
    by: &str,
) -> Result<StaffAccount, AppError> {
    let admins = account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .filter(account::Column::Role.eq(Role::Admin.as_str()))
        .order_by_asc(account::Column::Id);
    let admins: Vec<Uuid> = if c.get_database_backend() == DbBackend::Postgres {
        admins.lock_exclusive().into_tuple().all(c).await?
    } else {
        admins.into_tuple().all(c).await?
    };
    let a = account::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("account", id))?;
    let current = role_of(&a)?;
    if current == Role::Member {
        return Err(AccountRefusal::MemberAccount { account: id }.into());
    }
    if role == Role::Member {
        return Err(AccountRefusal::NotAStaffRole { role: role.to_string() }.into());
    }
    if current == role {
        return StaffAccount::try_from(&a);
    }
    if current == Role::Admin && admins.iter().filter(|admin| **admin != id).count() == 0 {
        return Err(AccountRefusal::LastAdmin { account: id }.into());
    }
    let mut row: account::ActiveModel = a.into();
    row.role = Set(role.as_str().to_owned());
    let changed = row.update(c).await?;
    let change = FieldChange {
        field: "role".into(),
        old: Some(current.as_str().to_owned()),
        new: Some(role.as_str().to_owned()),
    };
    history::record(c, Subject::Account, id, by, now, &[change]).await?;
    StaffAccount::try_from(&changed)
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
    Ok(Some(Principal { role: role_of(&a)?, member: a.member_id, csrf: Some(s.csrf), name: a.email }))
}

/// Ends a session; its row, with the ID token the provider's logout wants, if it was live.
pub async fn close<C: ConnectionTrait>(c: &C, cookie: &str) -> Result<Option<session::Model>, AppError> {
    let Some(s) = session::Entity::find_by_id(digest(cookie)).one(c).await? else { return Ok(None) };
    session::Entity::delete_by_id(s.id_hash.clone()).exec(c).await?;
    Ok(Some(s))
}
