//! The node's figures of a month for HQ (issue 13): members, sign-ups, leavers, FTE,
//! turnover and payroll mass by sector, employer cost, the guarantee fund. Aggregates
//! only: no name, e-mail, national number or IBAN leaves the node. Each query reads the
//! month's rows through an index (m0016), never the whole history; the fund is as it stood
//! at the month's end: its running totals less what is dated after (m0023's index), so a
//! past month is not sent again each time the fund moves.
//!
//! `publish` keeps, per month, the revision last computed and its hash: figures that
//! changed get the next revision, written with its outbox row (the federation's
//! `period.figures` event) in the caller's transaction, so a revision is never lost
//! (both commit or neither) nor doubled (unchanged figures write neither). The relay
//! sends it as `partage.<node>.agg.<YYYY-MM>.figures`, which HQ's stream sources.
//!
//! When a node publishes (`publish_recent`): at the relay's start and then daily, for the
//! current and the previous month (a month's figures keep moving after it ends: late
//! invoices, credit notes, the month-end payroll run, leavers), after each payroll run
//! completes, for its month, and on `partage figures publish --month YYYY-MM`. HQ sees a
//! month at most a day late, and a payroll run at once.

use crate::error::AppError;
use crate::service::Node;
use crate::storage::entities::{
    activity, contract, credit_note, fund_movement, invoice, journal_line, member, payslip, period_figure, work_period,
};
use crate::storage::outbox;
use chrono::NaiveDate;
use partage_core::period::Month;
use partage_core::{Currency, Money};
use partage_federation::Event;
use partage_hq::figures::{FundFigures, PeriodFigures, SectorFigures, Sectors};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use sha2::Digest;
use std::collections::{BTreeSet, HashMap};

const IDS_PER_QUERY: usize = 1_000;

/// Hours of a full-time month for the FTE of contracts paid by the hour or day: the
/// full-time week the node's periodic returns use (38 hours, `quarterly_returns`) over
/// 52 weeks and 12 months. A pack parameter once a second country's payroll lands.
fn full_time_month_hours() -> Decimal {
    Decimal::from(38 * 52) / Decimal::from(12)
}

/// The figures of `month` (revision 0: `publish` numbers them).
pub async fn compute<C: ConnectionTrait>(c: &C, node: &Node, month: Month) -> Result<PeriodFigures, AppError> {
    let currency = node.currency();
    let (first, last) = (month.first_day(), month.last_day());
    let members_active = member::Entity::find()
        .filter(member::Column::AdmittedOn.lte(last))
        .filter(member::Column::LeftOn.is_null().or(member::Column::LeftOn.gt(last)))
        .count(c)
        .await?;
    let signups = member::Entity::find().filter(member::Column::AdmittedOn.between(first, last)).count(c).await?;
    let leavers = member::Entity::find().filter(member::Column::LeftOn.between(first, last)).count(c).await?;

    let payslips = payslip::Entity::find().filter(payslip::Column::Period.eq(month.to_string())).all(c).await?;
    let issued = invoice::Entity::find()
        .filter(invoice::Column::InvoiceDate.between(first, last))
        .filter(invoice::Column::Number.is_not_null())
        .all(c)
        .await?;
    let credited =
        credit_note::Entity::find().filter(credit_note::Column::IssueDate.between(first, last)).all(c).await?;
    let credited_ids: Vec<_> = credited.iter().map(|n| n.invoice_id).collect();
    let mut credited_invoices = Vec::new();
    for part in credited_ids.chunks(IDS_PER_QUERY) {
        credited_invoices
            .extend(invoice::Entity::find().filter(invoice::Column::Id.is_in(part.to_vec())).all(c).await?);
    }

    let activity_ids: BTreeSet<_> = payslips
        .iter()
        .map(|p| p.activity_id)
        .chain(issued.iter().chain(&credited_invoices).map(|i| i.activity_id))
        .collect();
    let activity_ids: Vec<_> = activity_ids.into_iter().collect();
    let mut activities: HashMap<_, activity::Model> = HashMap::new();
    for part in activity_ids.chunks(IDS_PER_QUERY) {
        for a in activity::Entity::find().filter(activity::Column::Id.is_in(part.to_vec())).all(c).await? {
            activities.insert(a.id, a);
        }
    }
    let sector_of = |id: &uuid::Uuid| -> Result<(&str, uuid::Uuid), AppError> {
        let a =
            activities.get(id).ok_or_else(|| AppError::Corrupt(format!("activity {id} of the period's figures")))?;
        Ok((a.sector.as_str(), a.member_id))
    };

    let mut sums: HashMap<&str, (BTreeSet<uuid::Uuid>, i64, i64, i64)> = HashMap::new();
    for p in &payslips {
        let (sector, _) = sector_of(&p.activity_id)?;
        let s = sums.entry(sector).or_default();
        s.0.insert(p.member_id);
        s.2 += p.gross_minor;
        s.3 += p.employer_cost_minor;
    }
    for (invoices, sign) in [(&issued, 1i64), (&credited_invoices, -1i64)] {
        for i in invoices.iter() {
            let (sector, member_id) = sector_of(&i.activity_id)?;
            let s = sums.entry(sector).or_default();
            s.0.insert(member_id);
            s.1 += sign * i.net_minor;
        }
    }
    let figures_of = |sector: &str| -> Result<SectorFigures, AppError> {
        let Some((people, turnover, gross, cost)) = sums.get(sector) else {
            return Ok(SectorFigures::default_in(currency));
        };
        Ok(SectorFigures {
            people: u32::try_from(people.len()).map_err(|_| AppError::Corrupt("people".into()))?,
            turnover_excl_vat: Money::from_minor(*turnover, currency).amount(),
            payroll_mass_gross: Money::from_minor(*gross, currency).amount(),
            employer_cost: Money::from_minor(*cost, currency).amount(),
        })
    };
    for sector in sums.keys() {
        if !["artistic", "cultural_industry", "other"].contains(sector) {
            return Err(AppError::Corrupt(format!("sector '{sector}'")));
        }
    }

    let fte = fte(c, node.zone, &payslips, first, last).await?;
    let fund = fund_at(c, currency, last).await?;
    let count = |n: u64| u32::try_from(n).map_err(|_| AppError::Corrupt(format!("count {n}")));
    Ok(PeriodFigures {
        period: month.to_string(),
        revision: 0,
        currency: currency.code().to_owned(),
        members_active: count(members_active)?,
        signups: count(signups)?,
        leavers: count(leavers)?,
        fte,
        sectors: Sectors {
            artistic: figures_of("artistic")?,
            cultural_industry: figures_of("cultural_industry")?,
            other: figures_of("other")?,
        },
        fund,
    })
}

/// The fund as it stood at the end of `day`: today's running totals less what is dated after
/// it (the fund account's journal lines, the advances, recoveries and losses), read through
/// the indexes on those dates, so the cost is the rows since `day`, not the fund's history. A
/// past month's figures then stay as they were when the fund moves later, and publishing them
/// again makes no new revision; a movement dated back into the month does make one.
async fn fund_at<C: ConnectionTrait>(c: &C, currency: Currency, day: NaiveDate) -> Result<FundFigures, AppError> {
    use partage_core::ledger::AccountKind;
    use sea_orm::sea_query::Expr;
    use sea_orm::QuerySelect;
    let overflow = || AppError::Corrupt("fund figures overflow".into());
    let now = crate::service::totals::fund(c, currency, false).await?;
    // The fund account is credited (negative lines) as it grows: its balance is minus the sum.
    let lines_after = journal_line::Entity::find()
        .select_only()
        .column_as(Expr::cust("CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT)"), "total")
        .filter(journal_line::Column::Account.eq(AccountKind::GuaranteeFund.as_str()))
        .filter(journal_line::Column::SubAccount.is_null())
        .filter(journal_line::Column::EntryDate.gt(day))
        .filter(journal_line::Column::Currency.eq(currency.code()))
        .into_tuple::<i64>()
        .one(c)
        .await?
        .unwrap_or(0);
    let balance = now.balance_minor.checked_add(lines_after).ok_or_else(overflow)?;
    let moved_after: Vec<(String, i64)> = fund_movement::Entity::find()
        .select_only()
        .column(fund_movement::Column::Kind)
        .column_as(Expr::cust("CAST(SUM(amount_minor) AS BIGINT)"), "total")
        .filter(fund_movement::Column::MovementDate.gt(day))
        .filter(fund_movement::Column::Currency.eq(currency.code()))
        .group_by(fund_movement::Column::Kind)
        .into_tuple()
        .all(c)
        .await?;
    // Open advances are advanced less recovered less lost (`FundTotals::open_advances`).
    let mut open = now
        .advanced_minor
        .checked_sub(now.recovered_minor)
        .and_then(|v| v.checked_sub(now.lost_minor))
        .ok_or_else(overflow)?;
    for (kind, total) in moved_after {
        let sign = match kind.as_str() {
            "advance" => 1,
            "recovery" | "loss" => -1,
            other => return Err(AppError::Corrupt(format!("fund movement of kind '{other}'"))),
        };
        open = open.checked_sub(total.checked_mul(sign).ok_or_else(overflow)?).ok_or_else(overflow)?;
    }
    Ok(FundFigures {
        balance: Money::from_minor(balance, currency).amount(),
        open_advances: Money::from_minor(open, currency).amount(),
    })
}

trait DefaultIn {
    fn default_in(currency: Currency) -> Self;
}

impl DefaultIn for SectorFigures {
    /// A sector without activity: zero amounts written with the currency's decimals.
    fn default_in(currency: Currency) -> SectorFigures {
        let zero = Money::zero(currency).amount();
        SectorFigures { people: 0, turnover_excl_vat: zero, payroll_mass_gross: zero, employer_cost: zero }
    }
}

/// Full-time equivalents of the month's payslips: a stabilised monthly contract counts
/// one; a contract paid by performance or hour counts its hours worked in the month over
/// a full-time month's, at most one.
async fn fte<C: ConnectionTrait>(
    c: &C,
    zone: chrono_tz::Tz,
    payslips: &[payslip::Model],
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Decimal, AppError> {
    let contract_ids: Vec<_> = payslips.iter().map(|p| p.contract_id).collect();
    let mut contracts: HashMap<uuid::Uuid, contract::Model> = HashMap::new();
    for part in contract_ids.chunks(IDS_PER_QUERY) {
        for k in contract::Entity::find().filter(contract::Column::Id.is_in(part.to_vec())).all(c).await? {
            contracts.insert(k.id, k);
        }
    }
    let declarations: Vec<_> =
        contracts.values().filter(|k| k.kind != "stabilised_monthly").map(|k| k.declaration_id).collect();
    let mut minutes: HashMap<uuid::Uuid, i64> = HashMap::new();
    for part in declarations.chunks(IDS_PER_QUERY) {
        for w in work_period::Entity::find()
            .filter(work_period::Column::DeclarationId.is_in(part.to_vec()))
            .filter(work_period::Column::WorkDate.between(first, last))
            .all(c)
            .await?
        {
            *minutes.entry(w.declaration_id).or_default() += super::period_minutes(&w, zone);
        }
    }
    let month_hours = full_time_month_hours();
    let mut total = Decimal::ZERO;
    for p in payslips {
        let Some(k) = contracts.get(&p.contract_id) else { continue };
        total += if k.kind == "stabilised_monthly" {
            Decimal::ONE
        } else {
            let hours = Decimal::from(minutes.get(&k.declaration_id).copied().unwrap_or(0)) / Decimal::from(60);
            (hours / month_hours).min(Decimal::ONE)
        };
    }
    Ok(total.round_dp(2))
}

/// Where a month's figures on the office's figures page come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The month's last published revision, as HQ has it.
    Published {
        /// Its revision.
        revision: u32,
        /// When it was computed.
        at: chrono::NaiveDateTime,
    },
    /// Computed for this request: the current month (still moving) or a month never published.
    Computed,
}

/// The figures of each of `months`: the month's last published revision, except the
/// current month and months never published, computed now. Each computation reads its
/// month's rows only (see `compute`), so a page's cost is bounded by the months it shows.
pub async fn of_months<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    months: &[Month],
) -> Result<Vec<(PeriodFigures, Origin)>, AppError> {
    let names: Vec<String> = months.iter().map(ToString::to_string).collect();
    let stored: HashMap<String, period_figure::Model> = period_figure::Entity::find()
        .filter(period_figure::Column::Period.is_in(names))
        .all(c)
        .await?
        .into_iter()
        .map(|p| (p.period.clone(), p))
        .collect();
    let current = Month::of(node.today());
    let mut out = Vec::with_capacity(months.len());
    for month in months {
        let published = stored.get(&month.to_string()).filter(|_| *month != current);
        out.push(match published {
            Some(p) => {
                let figures: PeriodFigures = serde_json::from_str(&p.body)
                    .map_err(|e| AppError::Corrupt(format!("period figures {}: {e}", p.period)))?;
                (figures, Origin::Published { revision: figures_revision(p)?, at: p.computed_at })
            }
            None => (compute(c, node, *month).await?, Origin::Computed),
        });
    }
    Ok(out)
}

fn figures_revision(p: &period_figure::Model) -> Result<u32, AppError> {
    u32::try_from(p.revision).map_err(|_| AppError::Corrupt(format!("revision {}", p.revision)))
}

/// What `publish` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    /// The figures with their revision.
    pub figures: PeriodFigures,
    /// False when the figures were those of the last revision: nothing to send.
    pub changed: bool,
}

/// Computes `month`'s figures and, when they differ from the last revision's, records
/// them as the next revision with its outbox row, both in the caller's transaction
/// (research §1.5).
pub async fn publish<C: ConnectionTrait>(c: &C, node: &Node, month: Month) -> Result<Published, AppError> {
    let mut figures = compute(c, node, month).await?;
    let previous = period_figure::Entity::find_by_id(month.to_string()).one(c).await?;
    // The hash covers the figures without their revision, so equal figures hash alike.
    let body = serde_json::to_string(&figures).map_err(|e| AppError::Corrupt(e.to_string()))?;
    let sha256 = hex(&sha2::Sha256::digest(body.as_bytes()));
    if let Some(p) = &previous {
        if p.sha256 == sha256 {
            figures.revision =
                u32::try_from(p.revision).map_err(|_| AppError::Corrupt(format!("revision {}", p.revision)))?;
            return Ok(Published { figures, changed: false });
        }
    }
    let revision = previous.as_ref().map_or(1, |p| p.revision + 1);
    figures.revision = u32::try_from(revision).map_err(|_| AppError::Corrupt(format!("revision {revision}")))?;
    let row = period_figure::ActiveModel {
        period: Set(month.to_string()),
        revision: Set(revision),
        sha256: Set(sha256),
        body: Set(serde_json::to_string(&figures).map_err(|e| AppError::Corrupt(e.to_string()))?),
        computed_at: Set(node.now()),
    };
    if previous.is_some() {
        period_figure::Entity::update(row).exec(c).await?;
    } else {
        period_figure::Entity::insert(row).exec_without_returning(c).await?;
    }
    outbox::push(c, node.instant(), &Event::PeriodFigures(figures.clone())).await?;
    Ok(Published { figures, changed: true })
}

/// Publishes `month` in a transaction of its own.
pub async fn publish_month(node: &Node, month: Month) -> Result<Published, AppError> {
    let txn = node.store.write().await?;
    let published = publish(&*txn, node, month).await?;
    txn.commit().await?;
    Ok(published)
}

/// Publishes the current and the previous month (the daily pass); returns what each did.
pub async fn publish_recent(node: &Node) -> Result<Vec<Published>, AppError> {
    let current = Month::of(node.today());
    let previous = Month::of(current.first_day() - chrono::Days::new(1));
    let mut out = Vec::new();
    for month in [previous, current] {
        out.push(publish_month(node, month).await?);
    }
    Ok(out)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
