//! Members: joining, shares, leaving.

use super::errors::MemberRefusal;
use super::history::{self, Subject};
use super::views::Page;
use super::{ledger, Node};
use crate::error::AppError;
use crate::storage::entities::member;
use crate::storage::{is_unique_violation, members as repo};
use chrono::NaiveDate;
use partage_core::client::CountryCode;
use partage_core::ledger as journal;
use partage_core::member::{
    next_status, Identity, Member, MembershipEvent, MembershipStatus, PayrollProfile, ShareRegisterEntry,
};
use partage_core::{MemberId, Money};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

pub use crate::storage::members::address_of;
pub use partage_core::member::Address;

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

/// Loads a member row or says it does not exist, for the services that still read
/// the entity; this one reads `storage::members`.
pub async fn load<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<member::Model, AppError> {
    repo::row(c, id).await
}

/// One member.
pub async fn get<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<Member, AppError> {
    repo::get(c, id).await
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

/// The fields a correction may change: the person's name, email, language and nationality
/// (the identity, payroll details and shares have their own operations).
pub const EDITABLE: [&str; 5] = ["first_name", "last_name", "email", "language", "nationality"];

fn person_fields(m: &Member) -> [(&'static str, Option<String>); 5] {
    [
        ("first_name", Some(m.first_name.clone())),
        ("last_name", Some(m.last_name.clone())),
        ("email", Some(m.email.clone())),
        ("language", Some(m.language.clone())),
        ("nationality", m.nationality.map(|n| n.as_str().to_owned())),
    ]
}

/// A nationality as given: an assigned ISO 3166-1 alpha-2 code (or Kosovo's `XK`), in any case.
fn nationality(given: &str) -> Result<CountryCode, AppError> {
    CountryCode::parse(given.trim()).map_err(|_| {
        let shown: String = given.chars().take(40).collect();
        AppError::invalid("nationality", format!("'{shown}' is not an ISO 3166-1 alpha-2 country code, like PT"))
    })
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
) -> Result<Member, AppError> {
    let changes = history::merge_patch(patch, &EDITABLE)?;
    let row = repo::lock(c, id).await?;
    let mut input = NewMember {
        first_name: row.first_name.clone(),
        last_name: row.last_name.clone(),
        email: row.email.clone(),
        language: Some(row.language.clone()),
    };
    let mut nationality_now = row.nationality;
    for (field, value) in changes {
        // The one field a correction may remove: a nationality recorded by mistake.
        if field == "nationality" {
            nationality_now = value.as_deref().map(nationality).transpose()?;
            continue;
        }
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
    let corrected = Member {
        first_name: person.first_name,
        last_name: person.last_name,
        email: person.email,
        language: person.language,
        nationality: nationality_now,
        ..row
    };
    let updated = match repo::save(c, &corrected).await {
        Ok(m) => m,
        Err(AppError::Storage(e)) if is_unique_violation(&e) => {
            return Err(MemberRefusal::EmailTaken { email: email.to_string() }.into())
        }
        Err(e) => return Err(e),
    };
    history::record(c, Subject::Member, id, by, at, &history::diff(&before, &person_fields(&updated))).await?;
    Ok(updated)
}

/// Registers an applicant.
pub async fn create<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    input: NewMember,
    today: NaiveDate,
) -> Result<Member, AppError> {
    let Person { first_name, last_name, email, language } = check_person(node, input)?;
    let applicant = Member {
        id: MemberId::new(),
        first_name,
        last_name,
        email: email.clone(),
        language,
        status: MembershipStatus::Applicant,
        shares: ShareRegisterEntry::new(node.settings.share_nominal),
        applied_on: today,
        admitted_on: None,
        left_on: None,
        identity: None,
        address: None,
        nationality: None,
    };
    match repo::insert(c, &applicant).await {
        Err(AppError::Storage(e)) if is_unique_violation(&e) => {
            Err(MemberRefusal::EmailTaken { email: email.to_string() }.into())
        }
        inserted => inserted,
    }
}

/// Lists members, newest first; `name`: part of the first or last name, any case.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    status_filter: Option<&str>,
    name: Option<&str>,
    offset: u64,
    limit: u64,
) -> Result<Page<Member>, AppError> {
    let status = status_filter
        .map(|s| s.parse().map_err(|_| AppError::invalid("status", format!("unknown status '{s}'"))))
        .transpose()?;
    // A control character is no part of a name (and PostgreSQL refuses a NUL in text).
    if name.is_some_and(|n| n.chars().count() > 100 || n.chars().any(char::is_control)) {
        return Err(AppError::invalid("name", "part of a name, at most 100 printable characters"));
    }
    let (items, total) = repo::list(c, status, name, offset, limit).await?;
    Ok(Page { items, total, offset, limit })
}

/// Subscribes shares: the member owes their nominal value.
pub async fn subscribe<C: ConnectionTrait>(c: &C, id: Uuid, count: u32, date: NaiveDate) -> Result<Member, AppError> {
    if count > 10_000 {
        return Err(AppError::invalid("count", "at most 10,000 shares at once"));
    }
    let mut m = repo::lock(c, id).await?;
    let owed = m.shares.subscribe(m.status, count)?;
    let entry = journal::shares_subscribed(date, &format!("shares {id}"), MemberId(id), owed)?;
    ledger::post(c, &entry, Some(id)).await?;
    repo::save(c, &m).await
}

/// Records a payment for subscribed shares; the first paid share admits the applicant.
pub async fn pay<C: ConnectionTrait>(c: &C, id: Uuid, amount: Money, date: NaiveDate) -> Result<Member, AppError> {
    let mut m = repo::lock(c, id).await?;
    m.shares.pay(m.status, amount)?;
    let entry = journal::shares_paid(date, &format!("shares {id}"), MemberId(id), amount)?;
    ledger::post(c, &entry, Some(id)).await?;
    m.status = next_status(m.status, MembershipEvent::SharePaid)?;
    m.admitted_on = m.admitted_on.or((m.status == MembershipStatus::Member).then_some(date));
    repo::save(c, &m).await
}

/// The member asks to leave.
pub async fn ask_to_leave<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<Member, AppError> {
    let mut m = repo::lock(c, id).await?;
    m.status = next_status(m.status, MembershipEvent::AskToLeave)?;
    repo::save(c, &m).await
}

/// Refunds a leaving member's paid shares and cancels unpaid ones: the member has left.
pub async fn refund<C: ConnectionTrait>(c: &C, id: Uuid, date: NaiveDate) -> Result<Member, AppError> {
    let mut m = repo::lock(c, id).await?;
    let (refunded, cancelled) = m.shares.refund_all(m.status)?;
    if !(refunded.is_zero() && cancelled.is_zero()) {
        let entry = journal::shares_refunded(date, &format!("shares {id}"), MemberId(id), refunded, cancelled)?;
        ledger::post(c, &entry, Some(id)).await?;
    }
    m.status = next_status(m.status, MembershipEvent::SharesRefunded)?;
    m.left_on = Some(date);
    repo::save(c, &m).await
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
) -> Result<Member, AppError> {
    let normalized =
        node.pack.national_id(national_id, birth_date).map_err(|e| AppError::identifier("national_id", e))?;
    if birth_date >= today {
        return Err(AppError::invalid("birth_date", "must be in the past"));
    }
    let mut m = repo::lock(c, id).await?;
    m.identity = Some(Identity { national_id: normalized, birth_date });
    repo::save(c, &m).await
}

/// Records a member's home address (payslips show it), each part checked.
pub async fn set_address<C: ConnectionTrait>(c: &C, id: Uuid, address: Address) -> Result<Member, AppError> {
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
    let mut m = repo::lock(c, id).await?;
    m.address = Some(Address { street, postal_code, city, country });
    repo::save(c, &m).await
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

/// Records a member's bank account and household; returns them as saved.
pub async fn set_payroll_details<C: ConnectionTrait>(
    c: &C,
    id: Uuid,
    details: PayrollDetails,
) -> Result<PayrollProfile, AppError> {
    let iban = partage_core::bank::Iban::parse(&details.iban).map_err(|e| AppError::invalid("iban", e.to_string()))?;
    let h = details.household;
    if h.disabled_children > h.children {
        return Err(AppError::invalid("household.disabled_children", "cannot be more than the children"));
    }
    repo::lock(c, id).await?;
    for (v, field) in [
        (h.children, "household.children"),
        (h.disabled_children, "household.disabled_children"),
        (h.dependants_over_65, "household.dependants_over_65"),
        (h.other_dependants, "household.other_dependants"),
    ] {
        if v > 30 {
            return Err(AppError::invalid(field, "at most 30"));
        }
    }
    repo::save_payroll_profile(c, &PayrollProfile { member_id: MemberId(id), iban: Some(iban), household: h }).await
}

/// A member's payroll details as stored.
pub async fn payroll_details<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<PayrollProfile, AppError> {
    repo::payroll_profile(c, id).await
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
