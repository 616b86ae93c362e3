//! Members: joining, shares, leaving.

use super::views::{AddressView, MemberView, Page, SharesView};
use super::{ledger, minor, money, Node};
use crate::error::AppError;
use crate::storage::entities::member;
use crate::storage::is_unique_violation;
use chrono::NaiveDate;
use partage_core::ledger as journal;
use partage_core::member::{next_status, MembershipEvent, MembershipStatus, ShareRegisterEntry};
use partage_core::{MemberId, Money};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

/// What a person gives to apply.
#[derive(Debug, Clone)]
pub struct NewMember {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Email, unique per node.
    pub email: String,
    /// fr, nl, en or de; the node's language when absent.
    pub language: Option<String>,
}

const LANGUAGES: [&str; 4] = ["fr", "nl", "en", "de"];

/// Checks a language code.
pub fn language(node: &Node, field: &str, lang: Option<&str>) -> Result<String, AppError> {
    match lang {
        None => Ok(node.settings.language.clone()),
        Some(l) if LANGUAGES.contains(&l) => Ok(l.to_owned()),
        Some(l) => Err(AppError::invalid(field, format!("'{l}' is not a supported language (fr, nl, en, de)"))),
    }
}

fn register(m: &member::Model) -> Result<ShareRegisterEntry, AppError> {
    let count = |v: i32| u32::try_from(v).map_err(|_| AppError::Corrupt("negative share count".into()));
    Ok(ShareRegisterEntry {
        nominal: money(m.share_nominal_minor, &m.currency)?,
        subscribed: count(m.shares_subscribed)?,
        paid: count(m.shares_paid)?,
        refunded: count(m.shares_refunded)?,
        cancelled: count(m.shares_cancelled)?,
    })
}

fn status(m: &member::Model) -> Result<MembershipStatus, AppError> {
    m.status.parse().map_err(|_| AppError::Corrupt(format!("member status '{}'", m.status)))
}

/// The API view of a member row.
pub fn view(m: &member::Model) -> Result<MemberView, AppError> {
    let reg = register(m)?;
    let st = status(m)?;
    Ok(MemberView {
        id: m.id,
        first_name: m.first_name.clone(),
        last_name: m.last_name.clone(),
        email: m.email.clone(),
        language: m.language.clone(),
        status: st.as_str().into(),
        votes: st.votes(),
        shares: SharesView {
            nominal: reg.nominal.amount().to_string(),
            currency: reg.nominal.currency().code().into(),
            subscribed: reg.subscribed,
            paid: reg.paid,
            held: reg.held(),
            unpaid: reg.unpaid(),
            capital: reg.capital()?.amount().to_string(),
        },
        applied_on: m.applied_on,
        admitted_on: m.admitted_on,
        left_on: m.left_on,
        identity_recorded: m.national_id.is_some() && m.birth_date.is_some(),
        address: address_of(m).map(|a| AddressView {
            street: a.street,
            postal_code: a.postal_code,
            city: a.city,
            country: a.country,
        }),
    })
}

/// Loads a member row or says it does not exist.
pub async fn load<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<member::Model, AppError> {
    member::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("member", id))
}

/// Loads a member row locked for update, so concurrent share operations on one
/// member apply one after the other.
async fn load_locked<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<member::Model, AppError> {
    member::Entity::find_by_id(id).lock_exclusive().one(c).await?.ok_or_else(|| AppError::not_found("member", id))
}

/// Registers an applicant.
pub async fn create<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    input: NewMember,
    today: NaiveDate,
) -> Result<MemberView, AppError> {
    let first_name = input.first_name.trim();
    let last_name = input.last_name.trim();
    let email = input.email.trim().to_lowercase();
    if first_name.is_empty() {
        return Err(AppError::invalid("first_name", "must not be empty"));
    }
    if last_name.is_empty() {
        return Err(AppError::invalid("last_name", "must not be empty"));
    }
    let at = email.find('@');
    if at.is_none_or(|i| i == 0 || i + 1 >= email.len()) || email.contains(char::is_whitespace) {
        return Err(AppError::invalid("email", format!("'{email}' is not an email address")));
    }
    let language = language(node, "language", input.language.as_deref())?;
    let nominal = node.settings.share_nominal;
    let row = member::ActiveModel {
        id: Set(MemberId::new().0),
        first_name: Set(first_name.into()),
        last_name: Set(last_name.into()),
        email: Set(email.clone()),
        language: Set(language),
        status: Set(MembershipStatus::Applicant.as_str().into()),
        share_nominal_minor: Set(minor(nominal)?),
        currency: Set(nominal.currency().code().into()),
        shares_subscribed: Set(0),
        shares_paid: Set(0),
        shares_refunded: Set(0),
        shares_cancelled: Set(0),
        applied_on: Set(today),
        admitted_on: Set(None),
        left_on: Set(None),
        national_id: Set(None),
        birth_date: Set(None),
        iban: Set(None),
        family_situation: Set("single".into()),
        children: Set(0),
        disabled_children: Set(0),
        dependants_over_65: Set(0),
        other_dependants: Set(0),
        disabled: Set(false),
        partner_disabled: Set(false),
        address_street: Set(None),
        address_postal_code: Set(None),
        address_city: Set(None),
        address_country: Set(None),
    };
    let model = match row.insert(c).await {
        Ok(m) => m,
        Err(e) if is_unique_violation(&e) => {
            return Err(AppError::Conflict(format!("a member with email {email} already exists")))
        }
        Err(e) => return Err(e.into()),
    };
    view(&model)
}

/// Lists members, newest first.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    status_filter: Option<&str>,
    offset: u64,
    limit: u64,
) -> Result<Page<MemberView>, AppError> {
    let mut q = member::Entity::find();
    if let Some(s) = status_filter {
        let st: MembershipStatus =
            s.parse().map_err(|_| AppError::invalid("status", format!("unknown status '{s}'")))?;
        q = q.filter(sea_orm::ColumnTrait::eq(&member::Column::Status, st.as_str()));
    }
    let total = q.clone().count(c).await?;
    let rows = q.order_by_desc(member::Column::Id).offset(offset).limit(limit).all(c).await?;
    Ok(Page { items: rows.iter().map(view).collect::<Result<_, _>>()?, total, offset, limit })
}

fn to_i32(v: u32) -> Result<i32, AppError> {
    i32::try_from(v).map_err(|_| AppError::invalid("count", "too many shares"))
}

fn save_register(row: &mut member::ActiveModel, reg: &ShareRegisterEntry) -> Result<(), AppError> {
    row.shares_subscribed = Set(to_i32(reg.subscribed)?);
    row.shares_paid = Set(to_i32(reg.paid)?);
    row.shares_refunded = Set(to_i32(reg.refunded)?);
    row.shares_cancelled = Set(to_i32(reg.cancelled)?);
    Ok(())
}

/// Subscribes shares: the member owes their nominal value.
pub async fn subscribe<C: ConnectionTrait>(
    c: &C,
    id: Uuid,
    count: u32,
    date: NaiveDate,
) -> Result<MemberView, AppError> {
    if count > 10_000 {
        return Err(AppError::invalid("count", "at most 10,000 shares at once"));
    }
    let m = load_locked(c, id).await?;
    let mut reg = register(&m)?;
    let owed = reg.subscribe(status(&m)?, count)?;
    let entry = journal::shares_subscribed(date, &format!("shares {id}"), MemberId(id), owed)?;
    ledger::post(c, &entry, Some(id)).await?;
    let mut row = m.into_active_model();
    save_register(&mut row, &reg)?;
    view(&row.update(c).await?)
}

/// Records a payment for subscribed shares; the first paid share admits the applicant.
pub async fn pay<C: ConnectionTrait>(c: &C, id: Uuid, amount: Money, date: NaiveDate) -> Result<MemberView, AppError> {
    let m = load_locked(c, id).await?;
    let st = status(&m)?;
    let mut reg = register(&m)?;
    reg.pay(st, amount)?;
    let entry = journal::shares_paid(date, &format!("shares {id}"), MemberId(id), amount)?;
    ledger::post(c, &entry, Some(id)).await?;
    let new_status = next_status(st, MembershipEvent::SharePaid)?;
    let admitted = m.admitted_on.or((new_status == MembershipStatus::Member).then_some(date));
    let mut row = m.into_active_model();
    save_register(&mut row, &reg)?;
    row.status = Set(new_status.as_str().into());
    row.admitted_on = Set(admitted);
    view(&row.update(c).await?)
}

/// The member asks to leave.
pub async fn ask_to_leave<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<MemberView, AppError> {
    let m = load_locked(c, id).await?;
    let new_status = next_status(status(&m)?, MembershipEvent::AskToLeave)?;
    let mut row = m.into_active_model();
    row.status = Set(new_status.as_str().into());
    view(&row.update(c).await?)
}

/// Refunds a leaving member's paid shares and cancels unpaid ones: the member has left.
pub async fn refund<C: ConnectionTrait>(c: &C, id: Uuid, date: NaiveDate) -> Result<MemberView, AppError> {
    let m = load_locked(c, id).await?;
    let st = status(&m)?;
    let mut reg = register(&m)?;
    let (refunded, cancelled) = reg.refund_all(st)?;
    if !(refunded.is_zero() && cancelled.is_zero()) {
        let entry = journal::shares_refunded(date, &format!("shares {id}"), MemberId(id), refunded, cancelled)?;
        ledger::post(c, &entry, Some(id)).await?;
    }
    let new_status = next_status(st, MembershipEvent::SharesRefunded)?;
    let mut row = m.into_active_model();
    save_register(&mut row, &reg)?;
    row.status = Set(new_status.as_str().into());
    row.left_on = Set(Some(date));
    view(&row.update(c).await?)
}

/// Records the identity a hiring declaration needs: the national number
/// (checked by the country pack) and the date of birth.
pub async fn set_identity<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    national_id: &str,
    birth_date: NaiveDate,
    today: NaiveDate,
) -> Result<MemberView, AppError> {
    let normalized = node.pack.national_id(national_id, birth_date)?;
    if birth_date >= today {
        return Err(AppError::invalid("birth_date", "must be in the past"));
    }
    let m = load_locked(c, id).await?;
    let mut row = m.into_active_model();
    row.national_id = Set(Some(normalized));
    row.birth_date = Set(Some(birth_date));
    view(&row.update(c).await?)
}

/// A member's home address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    /// Street and number.
    pub street: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
    /// Country, ISO 3166-1 alpha-2.
    pub country: String,
}

/// The member's address, when every part of it is recorded.
pub fn address_of(m: &member::Model) -> Option<Address> {
    Some(Address {
        street: m.address_street.clone()?,
        postal_code: m.address_postal_code.clone()?,
        city: m.address_city.clone()?,
        country: m.address_country.clone()?,
    })
}

/// Records a member's home address (payslips show it), each part checked.
pub async fn set_address<C: ConnectionTrait>(c: &C, id: Uuid, address: Address) -> Result<MemberView, AppError> {
    let part = |field: &str, value: &str| {
        let value = value.trim();
        if value.is_empty() {
            Err(AppError::invalid(field, "must not be empty"))
        } else if value.chars().count() > 200 {
            Err(AppError::invalid(field, "must be at most 200 characters"))
        } else {
            Ok(value.to_owned())
        }
    };
    let street = part("address.street", &address.street)?;
    let postal_code = part("address.postal_code", &address.postal_code)?;
    let city = part("address.city", &address.city)?;
    let country = address.country.trim().to_ascii_uppercase();
    if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(AppError::invalid(
            "address.country",
            format!(
                "'{}' is not a two-letter country code (ISO 3166-1, e.g. BE)",
                address.country.chars().take(20).collect::<String>()
            ),
        ));
    }
    let m = load_locked(c, id).await?;
    let mut row = m.into_active_model();
    row.address_street = Set(Some(street));
    row.address_postal_code = Set(Some(postal_code));
    row.address_city = Set(Some(city));
    row.address_country = Set(Some(country));
    view(&row.update(c).await?)
}

/// What payroll needs of a member beyond identity: where to pay, and the
/// household the withholding tax depends on.
#[derive(Clone, Debug)]
pub struct PayrollDetails {
    /// The account wages are paid to.
    pub iban: String,
    /// The household.
    pub household: partage_core::payroll::Household,
}

/// Records a member's bank account and household.
pub async fn set_payroll_details<C: ConnectionTrait>(
    c: &C,
    id: Uuid,
    details: PayrollDetails,
) -> Result<MemberView, AppError> {
    let iban = partage_core::bank::Iban::parse(&details.iban).map_err(|e| AppError::invalid("iban", e.to_string()))?;
    let h = details.household;
    if h.disabled_children > h.children {
        return Err(AppError::invalid("household.disabled_children", "cannot be more than the children"));
    }
    let count = |v: u32, field: &str| {
        i32::try_from(v).ok().filter(|n| *n <= 30).ok_or_else(|| AppError::invalid(field, "at most 30"))
    };
    let m = load_locked(c, id).await?;
    let mut row = m.into_active_model();
    row.iban = Set(Some(iban.as_str().to_owned()));
    row.family_situation = Set(h.situation.as_str().into());
    row.children = Set(count(h.children, "household.children")?);
    row.disabled_children = Set(count(h.disabled_children, "household.disabled_children")?);
    row.dependants_over_65 = Set(count(h.dependants_over_65, "household.dependants_over_65")?);
    row.other_dependants = Set(count(h.other_dependants, "household.other_dependants")?);
    row.disabled = Set(h.disabled);
    row.partner_disabled = Set(h.partner_disabled);
    view(&row.update(c).await?)
}
