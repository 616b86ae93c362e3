//! Work in another country: the social-security legislation of a work declaration abroad
//! (Regulation (EC) 883/2004, decided by `partage_core::legislation::decide`), the A1
//! certificates a member holds, the warnings a declaration's view carries, and the pack that
//! computes a contract whose legislation is another country's.
//!
//! What the node weighs: the member's work declarations (submitted or validated) with days in
//! the twelve months before the declared work and the twelve after (987/2009 Art. 14(10)
//! projects the next twelve; the node knows the future only from what is declared, so the past
//! twelve stand for the pattern), each in its `work_country`; time is the declared hours, pay
//! the budget the work uses (a per-performance declaration's budget spread over its hours, a
//! stabilised monthly one's yearly budget by the months it runs in the period). A stabilised
//! contract declares no hours: its hours are estimated at the member's hourly pay on the
//! period's hour-measured work (its pay share, when there is none). Residence is the country of
//! the member's home address, the node's own when none is recorded (and the view says so).

use super::errors::WorkRefusal;
use super::views::{A1CertificateView, LegislationView, WarningView, WorkDeclarationView};
use super::{members, money, Node};
use crate::error::AppError;
use crate::storage::entities::{a1_certificate, member, work_declaration, work_period};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use partage_core::client::CountryCode;
use partage_core::contract::ContractKind;
use partage_core::legislation::{
    self, coordinated, A1Certificate, Article, DeclaredWork, LegislationError, Share, Situation, WorkInState,
};
use partage_core::pack::CountryPack;
use partage_core::work_declaration::WorkPeriod;
use partage_core::{Money, Rate};
use rust_decimal::Decimal;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{HashMap, HashSet};
use std::str::FromStr;
use std::sync::Arc;
use uuid::Uuid;

/// The decision to store on a declaration: all none for work in the node's country (its own
/// legislation, nothing to decide) and for a state outside the Regulation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decided {
    /// The state whose legislation applies.
    pub state: Option<String>,
    /// The article applied.
    pub article: Option<String>,
    /// The state of residence taken.
    pub residence: Option<String>,
    /// The share of working time there.
    pub time_share: Option<String>,
    /// The share of pay there.
    pub pay_share: Option<String>,
}

/// What a declaration asks to be decided.
pub struct WorkAbroad<'a> {
    /// The member.
    pub member: &'a member::Model,
    /// Where the work is done.
    pub work_country: CountryCode,
    /// Its days (at least one).
    pub periods: &'a [WorkPeriod],
    /// Per performance or stabilised monthly.
    pub kind: ContractKind,
    /// Its budget.
    pub budget: Money,
    /// The worker replaces a posted person.
    pub replaces_posted_worker: bool,
}

/// Decides the legislation of a work declaration abroad; nothing for work in the node's country.
/// `itself`: the declaration being decided when it is already stored (at validation), which its
/// own history leaves out.
pub async fn decide<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    work: &WorkAbroad<'_>,
    itself: Option<Uuid>,
) -> Result<Decided, AppError> {
    let home = node.settings.country;
    if work.work_country == home {
        return Ok(Decided::default());
    }
    let (Some(first), Some(last)) = (work.periods.first(), work.periods.last()) else {
        return Err(AppError::invalid("periods", "declare at least one period of work"));
    };
    let residence =
        work.member.address_country.as_deref().and_then(|c| CountryCode::from_letters(c).ok()).unwrap_or(home);
    let (from, until) = legislation::reference_period(first.date)
        .ok_or_else(|| AppError::invalid("periods", format!("{} is out of the calendar's range", first.date)))?;
    let mut entries = history(c, node.zone, work.member.id, itself, from, until).await?;
    let hours: Decimal = work.periods.iter().map(|p| super::hours_of(p.elapsed_or_wall(&node.zone))).sum();
    let declared_hours = (work.kind != ContractKind::StabilisedMonthly).then_some(hours);
    entries.push(Entry { state: work.work_country, hours: declared_hours, pay: work.budget.amount() });
    let work_in_states = estimate_hours(&entries, work.budget)?;
    let (declared, other) = work_in_states.split_last().ok_or_else(|| AppError::Corrupt("no declared work".into()))?;
    let situation = Situation {
        residence,
        employer_state: home,
        declared: DeclaredWork {
            work: *declared,
            first_day: first.date,
            // A stabilised contract is open-ended: weighed as a posting of its first day, the
            // 24-month limit then rests on the advisor (who ends it or records another A1).
            last_day: last.date,
            replaces_posted_worker: work.replaces_posted_worker,
        },
        other_work: other.to_vec(),
    };
    match legislation::decide(&situation) {
        Ok(d) => Ok(Decided {
            state: Some(d.state.to_string()),
            article: Some(d.article.as_str().into()),
            residence: Some(residence.to_string()),
            time_share: Some(share_text(d.residence_share.time)),
            pay_share: Some(share_text(d.residence_share.pay)),
        }),
        // The view warns; the node's own legislation and pack stay.
        Err(LegislationError::OutsideCoordination { .. }) => Ok(Decided::default()),
        Err(e @ LegislationError::Period { .. }) => Err(AppError::invalid("periods", e.to_string())),
        Err(e @ (LegislationError::Currency { .. } | LegislationError::UnknownArticle(_))) => {
            Err(AppError::Corrupt(e.to_string()))
        }
    }
}

/// A share as stored and shown: four decimals (`0.2000` is 20 %), enough for the 25 % line.
fn share_text(r: Rate) -> String {
    r.0.round_dp(4).normalize().to_string()
}

/// One work of the reference period, its hours unknown for a stabilised contract.
#[derive(Clone, Copy, Debug)]
struct Entry {
    state: CountryCode,
    hours: Option<Decimal>,
    pay: Decimal,
}

/// The entries with every hour known: a stabilised contract's at the hourly pay of the
/// hour-measured work, or in proportion to pay where there is none.
fn estimate_hours(entries: &[Entry], unit: Money) -> Result<Vec<WorkInState>, AppError> {
    let (hours, pay) = entries
        .iter()
        .filter_map(|e| e.hours.map(|h| (h, e.pay)))
        .fold((Decimal::ZERO, Decimal::ZERO), |(h, p), (dh, dp)| (h + dh, p + dp));
    let hourly = (!hours.is_zero() && !pay.is_zero()).then(|| pay / hours);
    entries
        .iter()
        .map(|e| {
            let hours = match (e.hours, hourly) {
                (Some(h), _) => h,
                (None, Some(rate)) => e.pay / rate,
                (None, None) => e.pay,
            };
            Ok(WorkInState { state: e.state, hours, pay: Money::new(e.pay.round_dp(2), unit.currency())? })
        })
        .collect()
}

/// The member's other work in `[from, until)`: declarations submitted or validated with a day in
/// it, and stabilised monthly ones started before its end.
async fn history<C: ConnectionTrait>(
    c: &C,
    zone: chrono_tz::Tz,
    member_id: Uuid,
    itself: Option<Uuid>,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<Entry>, AppError> {
    // `until` is the first day after the window.
    let days = super::work::has_a_day_between(from, until.pred_opt().unwrap_or(until));
    let stabilised = ContractKind::StabilisedMonthly.as_str();
    let mut query = work_declaration::Entity::find().filter(work_declaration::Column::MemberId.eq(member_id));
    if let Some(id) = itself {
        query = query.filter(work_declaration::Column::Id.ne(id));
    }
    let rows = query
        .filter(work_declaration::Column::Status.ne("returned"))
        .filter(sea_orm::Condition::any().add(days).add(work_declaration::Column::ContractKind.eq(stabilised)))
        .all(c)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|d| d.id).collect();
    let mut periods: HashMap<Uuid, Vec<NaiveDate>> = HashMap::new();
    let mut hours: HashMap<Uuid, (Decimal, Decimal)> = HashMap::new();
    for part in ids.chunks(1_000) {
        for p in work_period::Entity::find()
            .filter(work_period::Column::DeclarationId.is_in(part.iter().copied()))
            .all(c)
            .await?
        {
            let h = super::hours_of(
                WorkPeriod { date: p.work_date, start: p.start_time, end: p.end_time }.elapsed_or_wall(&zone),
            );
            let entry = hours.entry(p.declaration_id).or_insert((Decimal::ZERO, Decimal::ZERO));
            entry.1 += h;
            if p.work_date >= from && p.work_date < until {
                entry.0 += h;
            }
            periods.entry(p.declaration_id).or_default().push(p.work_date);
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    for d in rows {
        let Ok(state) = CountryCode::from_letters(&d.work_country) else {
            return Err(AppError::Corrupt(format!("work country '{}'", d.work_country)));
        };
        let budget = money(d.budget_minor, &d.currency)?.amount();
        if d.contract_kind == stabilised {
            let Some(start) = periods.get(&d.id).and_then(|p| p.iter().min().copied()) else { continue };
            if start >= until {
                continue;
            }
            let begins = start.max(from);
            let months = (until.year() * 12 + i32::try_from(until.month()).unwrap_or(12))
                - (begins.year() * 12 + i32::try_from(begins.month()).unwrap_or(1));
            let months = Decimal::from(months.clamp(0, 12));
            out.push(Entry { state, hours: None, pay: budget * months / Decimal::from(12) });
        } else {
            let (inside, all) = hours.get(&d.id).copied().unwrap_or((Decimal::ZERO, Decimal::ZERO));
            if all.is_zero() || inside.is_zero() {
                continue;
            }
            out.push(Entry { state, hours: Some(inside), pay: budget * inside / all });
        }
    }
    Ok(out)
}

/// The view of a declaration's stored decision.
pub fn legislation_view(d: &work_declaration::Model) -> Option<LegislationView> {
    Some(LegislationView {
        country: d.legislation_state.clone()?,
        article: d.legislation_article.clone()?,
        residence_country: d.residence_state.clone()?,
        residence_time_share: d.residence_time_share.clone()?,
        residence_pay_share: d.residence_pay_share.clone()?,
    })
}

/// The pack that computes a contract under `state`'s legislation: none when it is the node's
/// own (the node's pack), that country's from the registry otherwise, with its section of the
/// node's configuration (`[pack.fr]` on a Belgian node) or its defaults, refused when no pack exists for it or when
/// it pays in another currency than the node's books.
pub fn applicable_pack(node: &Node, state: &str) -> Result<Option<Arc<dyn CountryPack>>, AppError> {
    if state == node.settings.country.as_str() {
        return Ok(None);
    }
    let refused = || WorkRefusal::NoPackForLegislation {
        state: state.to_owned(),
        available: partage_packs::AVAILABLE.join(", "),
    };
    let code = CountryCode::parse(state).map_err(|_| refused())?;
    let pack = match node.settings.packs_abroad.get(code.as_str()) {
        Some(settings) => settings.load(&node.settings.pack_context())?,
        None => partage_packs::configure(code, None).map_err(|_| refused())?.load(&node.settings.pack_context())?,
    };
    if pack.currency() != node.currency() {
        return Err(WorkRefusal::LegislationCurrency {
            state: state.to_owned(),
            currency: pack.currency().to_string(),
            node_currency: node.currency().to_string(),
        }
        .into());
    }
    Ok(Some(pack))
}

/// The packs of the legislations a batch of contracts or payslips was computed under, each
/// loaded once: the node's own for none (or its own country), the state's otherwise.
pub struct Legislations {
    home: Arc<dyn CountryPack>,
    abroad: HashMap<String, Arc<dyn CountryPack>>,
}

impl Legislations {
    /// Loads the pack of every state in `states` (none standing for the node's legislation).
    pub fn load<'s>(node: &Node, states: impl IntoIterator<Item = Option<&'s str>>) -> Result<Self, AppError> {
        let mut abroad = HashMap::new();
        for state in states.into_iter().flatten() {
            if !abroad.contains_key(state) {
                if let Some(pack) = applicable_pack(node, state)? {
                    abroad.insert(state.to_owned(), pack);
                }
            }
        }
        Ok(Legislations { home: node.pack.clone(), abroad })
    }

    /// The pack of `state`'s legislation, as loaded.
    pub fn pack(&self, state: Option<&str>) -> &dyn CountryPack {
        state.and_then(|s| self.abroad.get(s)).unwrap_or(&self.home).as_ref()
    }
}

/// Holds a worker kind to the pack that computes the contract.
pub fn check_category(pack: &dyn CountryPack, state: &str, category: &str) -> Result<(), AppError> {
    let known = pack.payroll().categories();
    if known.contains(&category) {
        return Ok(());
    }
    Err(WorkRefusal::WorkerKindNotInLegislation {
        state: state.to_owned(),
        category: category.to_owned(),
        allowed: known.join(", "),
    }
    .into())
}

/// Fills each view's warnings, written in `language` (the catalogue's; English when a message
/// lacks it): an A1 missing for the decided legislation, the 25 % line near, a state outside
/// the Regulation, a residence assumed. Two queries whatever the number of views.
pub async fn warn<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    language: &str,
    views: &mut [WorkDeclarationView],
) -> Result<(), AppError> {
    let home = node.settings.country;
    let members: Vec<Uuid> = views
        .iter()
        .filter(|v| v.status != "returned" && v.work_country != home.as_str())
        .map(|v| v.member_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    if members.is_empty() {
        return Ok(());
    }
    let mut certificates: HashMap<Uuid, Vec<A1Certificate>> = HashMap::new();
    let mut residences: HashMap<Uuid, Option<String>> = HashMap::new();
    for part in members.chunks(1_000) {
        for a in a1_certificate::Entity::find()
            .filter(a1_certificate::Column::MemberId.is_in(part.iter().copied()))
            .all(c)
            .await?
        {
            let member = a.member_id;
            certificates.entry(member).or_default().push(certificate(a)?);
        }
        for m in member::Entity::find().filter(member::Column::Id.is_in(part.iter().copied())).all(c).await? {
            residences.insert(m.id, m.address_country);
        }
    }
    let margin = node.settings.near_line_margin;
    for v in views.iter_mut() {
        if v.status == "returned" || v.work_country == home.as_str() {
            continue;
        }
        let mut found: Vec<(&'static str, Vec<(&'static str, String)>)> = Vec::new();
        let (Some(first), Some(last)) = (v.periods.first().map(|p| p.date), v.periods.last().map(|p| p.date)) else {
            continue;
        };
        let Some(l) = &v.legislation else {
            if CountryCode::from_letters(&v.work_country).is_ok_and(|s| !coordinated(s)) {
                found.push(("legislation-outside-coordination", vec![("state", v.work_country.clone())]));
            }
            v.warnings = written(language, found);
            continue;
        };
        let state =
            CountryCode::from_letters(&l.country).map_err(|_| AppError::Corrupt(format!("country '{}'", l.country)))?;
        let held = certificates.get(&v.member_id).map(Vec::as_slice).unwrap_or_default();
        if !legislation::a1_in_force(held, state, first, last) {
            found.push((
                "a1-missing",
                vec![
                    ("state", l.country.clone()),
                    ("first_day", first.to_string()),
                    ("last_day", last.to_string()),
                    ("member", v.member_id.to_string()),
                ],
            ));
        }
        let residence = CountryCode::from_letters(&l.residence_country)
            .map_err(|_| AppError::Corrupt(format!("country '{}'", l.residence_country)))?;
        let share = Share { time: stored_share(&l.residence_time_share)?, pay: stored_share(&l.residence_pay_share)? };
        // The line decides between 13(1)(a) and 13(1)(b)(i) only: a posting is not weighed by it.
        let article_13 =
            [Article::Residence.as_str(), Article::RegisteredOffice.as_str()].contains(&l.article.as_str());
        if article_13 && residence != home && coordinated(residence) && share.near_substantial_line(margin) {
            let code = if share.substantial() { "residence-share-above-line" } else { "residence-share-below-line" };
            found.push((
                code,
                vec![
                    ("residence", l.residence_country.clone()),
                    ("share", percent(share.decisive())),
                    ("margin", percent(margin)),
                    ("employer", home.to_string()),
                ],
            ));
        }
        if residences.get(&v.member_id).is_some_and(Option::is_none) {
            found.push((
                "residence-unknown",
                vec![("member", v.member_id.to_string()), ("state", l.residence_country.clone())],
            ));
        }
        v.warnings = written(language, found);
    }
    Ok(())
}

/// A rate as the percentage a message prints (`0.2` → `20`).
fn percent(r: Rate) -> String {
    r.percent().round_dp(2).normalize().to_string()
}

fn stored_share(text: &str) -> Result<Rate, AppError> {
    Decimal::from_str(text).map(Rate).map_err(|_| AppError::Corrupt(format!("share '{text}'")))
}

fn written(language: &str, found: Vec<(&'static str, Vec<(&'static str, String)>)>) -> Vec<WarningView> {
    found
        .into_iter()
        .map(|(code, args)| {
            let detail = crate::http::catalogue::message(language, code, &args)
                .or_else(|| crate::http::catalogue::message("en", code, &args))
                .unwrap_or_else(|| code.to_owned());
            WarningView { code: code.to_owned(), detail }
        })
        .collect()
}

/// The reference of `member`'s A1 certificate of `state` that covers every day from `first` to
/// `last` (the latest recorded when several do), or none: what a posting notice carries.
pub async fn a1_covering<C: ConnectionTrait>(
    c: &C,
    member: Uuid,
    state: &str,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Option<String>, AppError> {
    let Ok(state) = CountryCode::from_letters(state) else { return Ok(None) };
    for a in a1_certificate::Entity::find()
        .filter(a1_certificate::Column::MemberId.eq(member))
        .order_by_desc(a1_certificate::Column::ValidFrom)
        .order_by_desc(a1_certificate::Column::Id)
        .all(c)
        .await?
    {
        let a = certificate(a)?;
        if a.covers(state, first, last) {
            return Ok(Some(a.reference));
        }
    }
    Ok(None)
}

fn certificate(a: a1_certificate::Model) -> Result<A1Certificate, AppError> {
    Ok(A1Certificate {
        issuing_state: CountryCode::from_letters(&a.issuing_state)
            .map_err(|_| AppError::Corrupt(format!("country '{}'", a.issuing_state)))?,
        article: a.article.parse().map_err(|e: LegislationError| AppError::Corrupt(e.to_string()))?,
        valid_from: a.valid_from,
        valid_until: a.valid_until,
        reference: a.reference,
    })
}

/// An A1 certificate as recorded.
#[derive(Clone, Debug)]
pub struct NewA1 {
    /// ISO 3166 code of the issuing state.
    pub issuing_state: String,
    /// The article (`12(1)`, `13(1)(a)`...).
    pub article: String,
    /// First day covered.
    pub valid_from: NaiveDate,
    /// Last day covered.
    pub valid_until: NaiveDate,
    /// The institution's reference.
    pub reference: String,
}

/// The longest reference recorded, in characters.
pub const REFERENCE_CHARS: usize = 60;

/// Records an A1 certificate of a member.
pub async fn record_a1<C: ConnectionTrait>(
    c: &C,
    member_id: Uuid,
    input: NewA1,
    now: NaiveDateTime,
) -> Result<A1CertificateView, AppError> {
    members::load(c, member_id).await?;
    let state = CountryCode::parse(&input.issuing_state).map_err(|_| {
        AppError::invalid("issuing_state", format!("'{}' is not an ISO 3166 code", input.issuing_state))
    })?;
    if !coordinated(state) {
        return Err(AppError::invalid(
            "issuing_state",
            format!("{state} does not apply Regulation (EC) 883/2004: it issues no A1"),
        ));
    }
    let article: Article = input.article.parse().map_err(|_| {
        let allowed: Vec<&str> = Article::ALL.iter().map(|a| a.as_str()).collect();
        AppError::invalid("article", format!("'{}' is not one of {}", input.article, allowed.join(", ")))
    })?;
    if input.valid_until < input.valid_from {
        return Err(AppError::invalid(
            "valid_until",
            format!("{} is before valid_from {}", input.valid_until, input.valid_from),
        ));
    }
    let reference = input.reference.trim().to_owned();
    if reference.is_empty() || reference.chars().count() > REFERENCE_CHARS {
        return Err(AppError::invalid("reference", format!("from 1 to {REFERENCE_CHARS} characters")));
    }
    let id = Uuid::now_v7();
    let row = a1_certificate::Model {
        id,
        member_id,
        issuing_state: state.to_string(),
        article: article.as_str().into(),
        valid_from: input.valid_from,
        valid_until: input.valid_until,
        reference,
        recorded_at: now,
    };
    a1_certificate::Entity::insert(a1_certificate::ActiveModel {
        id: Set(row.id),
        member_id: Set(row.member_id),
        issuing_state: Set(row.issuing_state.clone()),
        article: Set(row.article.clone()),
        valid_from: Set(row.valid_from),
        valid_until: Set(row.valid_until),
        reference: Set(row.reference.clone()),
        recorded_at: Set(row.recorded_at),
    })
    .exec_without_returning(c)
    .await?;
    Ok(a1_view(row))
}

/// A member's A1 certificates, the latest first.
pub async fn list_a1<C: ConnectionTrait>(c: &C, member_id: Uuid) -> Result<Vec<A1CertificateView>, AppError> {
    members::load(c, member_id).await?;
    Ok(a1_certificate::Entity::find()
        .filter(a1_certificate::Column::MemberId.eq(member_id))
        .order_by_desc(a1_certificate::Column::ValidFrom)
        .order_by_desc(a1_certificate::Column::Id)
        .all(c)
        .await?
        .into_iter()
        .map(a1_view)
        .collect())
}

fn a1_view(a: a1_certificate::Model) -> A1CertificateView {
    A1CertificateView {
        id: a.id,
        member_id: a.member_id,
        issuing_state: a.issuing_state,
        article: a.article,
        valid_from: a.valid_from,
        valid_until: a.valid_until,
        reference: a.reference,
    }
}

#[cfg(test)]
mod tests {
    use super::{estimate_hours, Entry};
    use partage_core::client::CountryCode;
    use partage_core::{Currency, Money};
    use rust_decimal::Decimal;

    fn entry(state: &str, hours: Option<i64>, pay: i64) -> Entry {
        Entry { state: CountryCode::parse(state).unwrap(), hours: hours.map(Decimal::from), pay: Decimal::from(pay) }
    }

    /// A stabilised contract declares no hours: at 25.00 an hour (1,000.00 for 40 hours of
    /// declared work), its 3,000.00 count as 120 hours.
    #[test]
    fn a_stabilised_contract_counts_its_pay_at_the_hourly_pay_of_declared_work() {
        let unit = Money::zero(Currency::EUR);
        let work = estimate_hours(&[entry("FR", Some(40), 1_000), entry("BE", None, 3_000)], unit).unwrap();
        assert_eq!(work[0].hours, Decimal::from(40));
        assert_eq!(work[1].hours, Decimal::from(120));
        assert_eq!(work[1].pay, Money::from_minor(300_000, Currency::EUR));
    }

    /// With no hour-measured work, hours follow pay: time shares equal pay shares.
    #[test]
    fn without_declared_hours_time_follows_pay() {
        let unit = Money::zero(Currency::EUR);
        let work = estimate_hours(&[entry("FR", None, 1_000), entry("BE", None, 3_000)], unit).unwrap();
        assert_eq!((work[0].hours, work[1].hours), (Decimal::from(1_000), Decimal::from(3_000)));
    }
}
