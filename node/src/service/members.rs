//! Members: joining, shares, leaving.

use super::errors::MemberRefusal;
use super::history::{self, Subject};
use super::views::{AddressView, MemberView, Page, PayrollDetailsView, SharesView};
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
    /// One of the pack's languages; the node's language when absent.
    pub language: Option<String>,
}

/// Checks a language code: one of the pack's; the node's language when absent.
pub fn language(node: &Node, field: &str, lang: Option<&str>) -> Result<String, AppError> {
    match lang {
        None => Ok(node.settings.language.clone()),
        Some(l) => node.language(field, l).map(str::to_owned),
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

/// A member's personal fields once checked.
struct Person {
    first_name: String,
    last_name: String,
    email: String,
    language: String,
}

/// The checks of a member's personal fields, the same on registration and on correction.
fn check_person(node: &Node, input: NewMember) -> Result<Person, AppError> {
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
    Ok(Person { first_name: first_name.into(), last_name: last_name.into(), email, language })
}

/// The fields a correction may change: the person's name, email and language (the
/// identity, payroll details and shares have their own operations).
pub const EDITABLE: [&str; 4] = ["first_name", "last_name", "email", "language"];

fn person_fields(m: &member::Model) -> [(&'static str, Option<String>); 4] {
    [
        ("first_name", Some(m.first_name.clone())),
        ("last_name", Some(m.last_name.clone())),
        ("email", Some(m.email.clone())),
        ("language", Some(m.language.clone())),
    ]
}

/// Corrects a member with a JSON merge patch of the editable fields, checked as on
/// registration, and keeps the change in the member's history.
pub async fn patch<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    patch: &serde_json::Value,
    by: &str,
    at: chrono::NaiveDateTime,
) -> Result<MemberView, AppError> {
    let changes = history::merge_patch(patch, &EDITABLE)?;
    let row = load_locked(c, id).await?;
    let mut input = NewMember {
        first_name: row.first_name.clone(),
        last_name: row.last_name.clone(),
        email: row.email.clone(),
        language: Some(row.language.clone()),
    };
    for (field, value) in changes {
        let value = value.ok_or_else(|| AppError::invalid(field.clone(), "cannot be removed"))?;
        match field.as_str() {
            "first_name" => input.first_name = value,
            "last_name" => input.last_name = value,
            "email" => input.email = value,
            _ => input.language = Some(value),
        }
    }
    let person = check_person(node, input)?;
    let before = person_fields(&row);
    let email = person.email.clone();
    let mut active = row.into_active_model();
    active.first_name = Set(person.first_name);
    active.last_name = Set(person.last_name);
    active.email = Set(person.email);
    active.language = Set(person.language);
    let updated = match active.update(c).await {
        Ok(m) => m,
        Err(e) if is_unique_violation(&e) => return Err(MemberRefusal::EmailTaken { email: email.to_string() }.into()),
        Err(e) => return Err(e.into()),
    };
    history::record(c, Subject::Member, id, by, at, &history::diff(&before, &person_fields(&updated))).await?;
    view(&updated)
}

/// Registers an applicant.
pub async fn create<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    input: NewMember,
    today: NaiveDate,
) -> Result<MemberView, AppError> {
    let Person { first_name, last_name, email, language } = check_person(node, input)?;
    let nominal = node.settings.share_nominal;
    let row = member::ActiveModel {
        id: Set(MemberId::new().0),
        first_name: Set(first_name),
        last_name: Set(last_name),
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
        Err(e) if is_unique_violation(&e) => return Err(MemberRefusal::EmailTaken { email: email.to_string() }.into()),
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

/// Records a member's bank account and household; returns them as saved, the IBAN masked.
pub async fn set_payroll_details<C: ConnectionTrait>(
    c: &C,
    id: Uuid,
    details: PayrollDetails,
) -> Result<PayrollDetailsView, AppError> {
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
    payroll_view(&row.update(c).await?)
}

/// A member's payroll details as stored, the IBAN masked.
pub async fn payroll_details<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<PayrollDetailsView, AppError> {
    payroll_view(&load(c, id).await?)
}

fn payroll_view(m: &member::Model) -> Result<PayrollDetailsView, AppError> {
    let h = super::payroll::household_of(m)?;
    Ok(PayrollDetailsView {
        member_id: m.id,
        iban: m.iban.as_deref().map(mask_iban),
        family: h.situation.as_str().into(),
        children: h.children,
        disabled_children: h.disabled_children,
        dependants_over_65: h.dependants_over_65,
        other_dependants: h.other_dependants,
        disabled: h.disabled,
        partner_disabled: h.partner_disabled,
    })
}

/// An IBAN as a member may see it echoed: the country and check digits, a group
/// of stars per four hidden characters, the last four (`BE68 **** **** 7034`).
/// Enough to recognise one's own account, not enough to use it.
pub fn mask_iban(iban: &str) -> String {
    let chars: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars.iter().take(4).collect();
    let tail: String = chars.iter().skip(chars.len() - 4).collect();
    let hidden = chars.len() - 8;
    let groups = vec!["****"; hidden.div_ceil(4)].join(" ");
    format!("{head} {groups} {tail}")
}

#[cfg(test)]
mod tests {
    use super::mask_iban;

    #[test]
    fn a_masked_iban_keeps_country_check_digits_and_last_four_only() {
        assert_eq!(mask_iban("BE68539007547034"), "BE68 **** **** 7034");
        assert_eq!(mask_iban("BE68 5390 0754 7034"), "BE68 **** **** 7034");
        // 27 characters: 19 hidden, in five groups, so the length is not told exactly.
        assert_eq!(mask_iban("FR1420041010050500013M02606"), "FR14 **** **** **** **** **** 2606");
        assert_eq!(mask_iban("NO9386011117947"), "NO93 **** **** 7947");
        assert_eq!(mask_iban("short"), "*****", "nothing shown of what is not an IBAN");
    }
}
