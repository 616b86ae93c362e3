//! The members repository: member rows in and out as `core::member::Member`.
//!
//! Stored names (status, currency) are read back into core types here, once; a name
//! the core does not know is a damaged row (`AppError::Corrupt` naming the value),
//! never a user's mistake.

use super::entities::member;
use crate::error::AppError;
use partage_core::bank::Iban;
use partage_core::client::CountryCode;
use partage_core::member::{Address, Identity, Member, MembershipStatus, PayrollProfile, ShareRegisterEntry};
use partage_core::payroll::{FamilySituation, Household};
use partage_core::{Currency, MemberId, Money};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ActiveValue::Unchanged, ColumnTrait, ConnectionTrait, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

/// Reads a stored membership status back.
pub fn status(stored: &str) -> Result<MembershipStatus, AppError> {
    stored.parse().map_err(|_| AppError::Corrupt(format!("member status '{stored}'")))
}

fn share_register(m: &member::Model) -> Result<ShareRegisterEntry, AppError> {
    let count = |v: i32| u32::try_from(v).map_err(|_| AppError::Corrupt("negative share count".into()));
    let currency: Currency = m.currency.parse().map_err(|_| AppError::Corrupt(format!("currency '{}'", m.currency)))?;
    Ok(ShareRegisterEntry {
        nominal: Money::from_minor(m.share_nominal_minor, currency),
        subscribed: count(m.shares_subscribed)?,
        paid: count(m.shares_paid)?,
        refunded: count(m.shares_refunded)?,
        cancelled: count(m.shares_cancelled)?,
    })
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

/// A member row as the core's record.
pub fn member_of(m: &member::Model) -> Result<Member, AppError> {
    Ok(Member {
        id: MemberId(m.id),
        first_name: m.first_name.clone(),
        last_name: m.last_name.clone(),
        email: m.email.clone(),
        language: m.language.clone(),
        status: status(&m.status)?,
        shares: share_register(m)?,
        applied_on: m.applied_on,
        admitted_on: m.admitted_on,
        left_on: m.left_on,
        identity: m
            .national_id
            .clone()
            .zip(m.birth_date)
            .map(|(national_id, birth_date)| Identity { national_id, birth_date }),
        address: address_of(m),
        nationality: m
            .nationality
            .as_deref()
            .map(|n| CountryCode::from_letters(n).map_err(|_| AppError::Corrupt(format!("nationality '{n}'"))))
            .transpose()?,
    })
}

/// The household of a member row (the withholding tax depends on it).
pub fn household_of(m: &member::Model) -> Result<Household, AppError> {
    let count = |v: i32, what: &str| u32::try_from(v).map_err(|_| AppError::Corrupt(format!("{what} = {v}")));
    let situation: FamilySituation = m
        .family_situation
        .parse()
        .map_err(|_| AppError::Corrupt(format!("family situation '{}'", m.family_situation)))?;
    Ok(Household {
        situation,
        children: count(m.children, "children")?,
        disabled_children: count(m.disabled_children, "disabled_children")?,
        dependants_over_65: count(m.dependants_over_65, "dependants_over_65")?,
        other_dependants: count(m.other_dependants, "other_dependants")?,
        disabled: m.disabled,
        partner_disabled: m.partner_disabled,
    })
}

/// The payroll profile of a member row.
pub fn payroll_profile_of(m: &member::Model) -> Result<PayrollProfile, AppError> {
    let iban = m
        .iban
        .as_deref()
        .map(|i| Iban::parse(i).map_err(|_| AppError::Corrupt(format!("iban of member {}", m.id))))
        .transpose()?;
    Ok(PayrollProfile { member_id: MemberId(m.id), iban, household: household_of(m)? })
}

/// A member's payroll profile, or not found.
pub async fn payroll_profile<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<PayrollProfile, AppError> {
    payroll_profile_of(&row(c, id).await?)
}

/// Stores a member's payroll profile over the payroll columns of its row (the rest untouched).
pub async fn save_payroll_profile<C: ConnectionTrait>(c: &C, p: &PayrollProfile) -> Result<PayrollProfile, AppError> {
    let h = &p.household;
    let count = |v: u32| i32::try_from(v).map_err(|_| AppError::invalid("household", "too many dependants"));
    let row = member::ActiveModel {
        id: Unchanged(p.member_id.0),
        iban: Set(p.iban.as_ref().map(|i| i.as_str().to_owned())),
        family_situation: Set(h.situation.as_str().into()),
        children: Set(count(h.children)?),
        disabled_children: Set(count(h.disabled_children)?),
        dependants_over_65: Set(count(h.dependants_over_65)?),
        other_dependants: Set(count(h.other_dependants)?),
        disabled: Set(h.disabled),
        partner_disabled: Set(h.partner_disabled),
        ..Default::default()
    };
    payroll_profile_of(&row.update(c).await?)
}

/// A member row, for the services that still read the entity (payroll, work, contracts...).
pub async fn row<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<member::Model, AppError> {
    member::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("member", id))
}

/// One member, or not found.
pub async fn get<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<Member, AppError> {
    member_of(&row(c, id).await?)
}

/// One member, its row locked for update so that concurrent operations on one
/// member (shares, corrections) apply one after the other.
pub async fn lock<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<Member, AppError> {
    let m = member::Entity::find_by_id(id)
        .lock_exclusive()
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("member", id))?;
    member_of(&m)
}

/// Members, newest first, optionally of one status; with the count of all pages.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    status: Option<MembershipStatus>,
    name: Option<&str>,
    offset: u64,
    limit: u64,
) -> Result<(Vec<Member>, u64), AppError> {
    let mut q = member::Entity::find();
    if let Some(st) = status {
        q = q.filter(member::Column::Status.eq(st.as_str()));
    }
    // "Ada Wouters" finds her: each word typed is in her first or her last name.
    for word in name.unwrap_or_default().split_whitespace() {
        q = q.filter(name_contains(word));
    }
    let total = q.clone().count(c).await?;
    let rows = q.order_by_desc(member::Column::Id).offset(offset).limit(limit).all(c).await?;
    Ok((rows.iter().map(member_of).collect::<Result<_, _>>()?, total))
}

/// The folded names contain `part` folded the same way ([`folded`]), the LIKE wildcards in
/// what was typed escaped, so `%` or `_` match themselves.
fn name_contains(part: &str) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Expr, LikeExpr};
    let escaped: String = fold(part)
        .chars()
        .flat_map(|ch| if matches!(ch, '%' | '_' | '\\') { vec!['\\', ch] } else { vec![ch] })
        .collect();
    Expr::col(member::Column::SearchName).like(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}

/// A member's names as the name search compares them: "first last", folded by [`fold`].
pub fn folded(first_name: &str, last_name: &str) -> String {
    fold(&format!("{first_name} {last_name}"))
}

/// Lower case without accents: "Łukasz Kılıç" and "lukasz kilic" fold alike, as do "Zoë" and
/// "zoe", "Straße" and "strasse". Letters that carry their mark in themselves (ł, ı, ø, đ, ħ)
/// and ligatures are taken to their base letters by hand; the rest is decomposed (NFD) and
/// its combining marks dropped.
fn fold(text: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len());
    for ch in text.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase) {
        match ch {
            'ł' => out.push('l'),
            'ı' => out.push('i'),
            'ø' => out.push('o'),
            'đ' | 'ð' => out.push('d'),
            'ħ' => out.push('h'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'þ' => out.push_str("th"),
            other => out.push(other),
        }
    }
    out
}

fn stored_count(v: u32) -> Result<i32, AppError> {
    i32::try_from(v).map_err(|_| AppError::invalid("count", "too many shares"))
}

/// The columns of the record. Payroll details are left as they are (`NotSet`): they
/// have their own operation. So are an identity or an address the record does not
/// have in full: no operation removes one, and a row with half of one keeps it.
fn columns(m: &Member) -> Result<member::ActiveModel, AppError> {
    let mut row = member::ActiveModel {
        id: Set(m.id.0),
        first_name: Set(m.first_name.clone()),
        last_name: Set(m.last_name.clone()),
        search_name: Set(folded(&m.first_name, &m.last_name)),
        email: Set(m.email.clone()),
        language: Set(m.language.clone()),
        status: Set(m.status.as_str().into()),
        share_nominal_minor: Set(m.shares.nominal.to_minor()?),
        currency: Set(m.shares.nominal.currency().code().into()),
        shares_subscribed: Set(stored_count(m.shares.subscribed)?),
        shares_paid: Set(stored_count(m.shares.paid)?),
        shares_refunded: Set(stored_count(m.shares.refunded)?),
        shares_cancelled: Set(stored_count(m.shares.cancelled)?),
        applied_on: Set(m.applied_on),
        admitted_on: Set(m.admitted_on),
        left_on: Set(m.left_on),
        nationality: Set(m.nationality.map(|n| n.as_str().to_owned())),
        ..Default::default()
    };
    if let Some(i) = &m.identity {
        row.national_id = Set(Some(i.national_id.clone()));
        row.birth_date = Set(Some(i.birth_date));
    }
    if let Some(a) = &m.address {
        row.address_street = Set(Some(a.street.clone()));
        row.address_postal_code = Set(Some(a.postal_code.clone()));
        row.address_city = Set(Some(a.city.clone()));
        row.address_country = Set(Some(a.country.clone()));
    }
    Ok(row)
}

/// Stores a new member, with no payroll details yet (single, no dependant). A
/// second member with the same email is a unique violation (`AppError::Storage`).
pub async fn insert<C: ConnectionTrait>(c: &C, m: &Member) -> Result<Member, AppError> {
    let mut row = columns(m)?;
    if m.identity.is_none() {
        row.national_id = Set(None);
        row.birth_date = Set(None);
    }
    if m.address.is_none() {
        row.address_street = Set(None);
        row.address_postal_code = Set(None);
        row.address_city = Set(None);
        row.address_country = Set(None);
    }
    row.iban = Set(None);
    row.family_situation = Set("single".into());
    row.children = Set(0);
    row.disabled_children = Set(0);
    row.dependants_over_65 = Set(0);
    row.other_dependants = Set(0);
    row.disabled = Set(false);
    row.partner_disabled = Set(false);
    member_of(&row.insert(c).await?)
}

/// Stores a member's record over its row (payroll details untouched).
pub async fn save<C: ConnectionTrait>(c: &C, m: &Member) -> Result<Member, AppError> {
    member_of(&columns(m)?.update(c).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use sea_orm::ActiveValue::NotSet;

    fn stored() -> member::Model {
        member::Model {
            id: Uuid::nil(),
            first_name: "Léa".into(),
            last_name: "Dubois".into(),
            email: "lea@example.org".into(),
            language: "fr".into(),
            status: "member".into(),
            share_nominal_minor: 3000,
            currency: "EUR".into(),
            shares_subscribed: 2,
            shares_paid: 1,
            shares_refunded: 0,
            shares_cancelled: 0,
            applied_on: NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(),
            admitted_on: NaiveDate::from_ymd_opt(2025, 1, 7),
            left_on: None,
            national_id: Some("85073003328".into()),
            birth_date: None,
            nationality: None,
            iban: None,
            family_situation: "single".into(),
            children: 0,
            disabled_children: 0,
            dependants_over_65: 0,
            other_dependants: 0,
            disabled: false,
            partner_disabled: false,
            address_street: Some("Rue Haute 1".into()),
            address_postal_code: Some("1000".into()),
            address_city: Some("Bruxelles".into()),
            address_country: Some("BE".into()),
            search_name: "ada lovelace".into(),
        }
    }

    #[test]
    fn names_fold_to_lower_case_without_accents_in_every_european_script_letter() {
        assert_eq!(folded("Łukasz", "Kılıç"), "lukasz kilic");
        assert_eq!(folded("ZOË", "Ødegård"), "zoe odegard");
        assert_eq!(folded("Đorđe", "Straße"), "dorde strasse");
        assert_eq!(folded("Ærøskøbing", "Œuvray"), "aeroskobing oeuvray");
        assert_eq!(folded("Gőz", "Nguyễn"), "goz nguyen");
        // Scripts without case or accents of this kind pass through, lowered where they have case.
        assert_eq!(folded("Ελένη", "Иванова"), "ελενη иванова");
        assert_eq!(folded("美咲", "山田"), "美咲 山田");
    }

    #[test]
    fn a_member_row_reads_back_as_the_core_record() {
        let m = member_of(&stored()).unwrap();
        assert_eq!(m.status, MembershipStatus::Member);
        assert_eq!(m.shares.nominal, Money::from_minor(3000, Currency::EUR));
        assert_eq!((m.shares.subscribed, m.shares.paid, m.shares.unpaid()), (2, 1, 1));
        assert_eq!(m.identity, None, "a national number without its birth date is no identity yet");
        assert_eq!(m.address.map(|a| a.city), Some("Bruxelles".to_owned()));
    }

    #[test]
    fn an_unknown_stored_status_is_corrupt_and_names_the_value() {
        let row = member::Model { status: "emeritus".into(), ..stored() };
        match member_of(&row) {
            Err(AppError::Corrupt(what)) => assert_eq!(what, "member status 'emeritus'"),
            other => panic!("expected Corrupt, got {other:?}"),
        }
    }

    #[test]
    fn an_unknown_stored_family_situation_is_corrupt_and_names_the_value() {
        let row = member::Model { family_situation: "polyamorous".into(), ..stored() };
        match payroll_profile_of(&row) {
            Err(AppError::Corrupt(what)) => assert_eq!(what, "family situation 'polyamorous'"),
            other => panic!("expected Corrupt, got {other:?}"),
        }
        let ok = payroll_profile_of(&member::Model { iban: Some("BE68539007547034".into()), ..stored() }).unwrap();
        assert_eq!(ok.iban.map(|i| i.as_str().to_owned()), Some("BE68539007547034".to_owned()));
        assert_eq!(ok.household, Household::single());
    }

    #[test]
    fn a_negative_stored_share_count_is_corrupt() {
        let row = member::Model { shares_paid: -1, ..stored() };
        assert!(matches!(member_of(&row), Err(AppError::Corrupt(_))));
    }

    #[test]
    fn a_record_written_back_keeps_the_payroll_columns_untouched() {
        let m = member_of(&stored()).unwrap();
        let row = columns(&m).unwrap();
        assert_eq!(row.status, Set("member".to_owned()));
        assert_eq!(row.national_id, NotSet, "half an identity is left as stored, not erased");
        assert_eq!(row.address_city, Set(Some("Bruxelles".to_owned())));
        assert_eq!(row.iban, NotSet);
        assert_eq!(row.family_situation, NotSet);
    }
}
