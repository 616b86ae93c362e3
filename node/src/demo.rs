//! `partage demo`: a realistic year of an office in the node's country (Belgium or France:
//! `flavour.rs` holds each country's names, cities and numbers).
//!
//! Proportions come from the model's published facts (DESIGN.md): payroll mass
//! by sector 46 % artistic, 21 % cultural industry, 33 % other; women 45 %;
//! about 537 sign-ups a month for 22,000 active members (so about 29 % of the
//! members joined in the last year); about 8,500 EUR billed per member a year
//! (170 million EUR for 20,000 workers); one platform partnership employing
//! couriers (3,000 of Smart's members at the time). Everything goes through
//! the same operations as the API, in batched transactions.

// Every index below is drawn from 0..len of a constant, non-empty array.
#![allow(clippy::indexing_slicing)]

mod flavour;
pub mod group;

use crate::error::AppError;
use crate::progress::Progress;
use crate::service::{activities, clients, invoices, ledger, members, Node};
use chrono::{Datelike, Days, NaiveDate};
use flavour::Flavour;
use partage_core::{Money, Rate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;
use sea_orm::EntityTrait;
use std::fmt;
use uuid::Uuid;

/// Where the demo keeps its data, and whether it removes it when it stops.
#[derive(Debug)]
pub struct DataDir {
    /// The directory (the SQLite database and the node's files).
    pub path: std::path::PathBuf,
    /// True for a temporary directory the demo made itself, unless `--keep` was given.
    pub remove_on_stop: bool,
}

impl DataDir {
    /// The user's directory (always kept), or a new temporary one (removed unless `keep`).
    pub fn choose(given: Option<std::path::PathBuf>, keep: bool) -> Self {
        match given {
            Some(path) => Self { path, remove_on_stop: false },
            None => Self {
                path: std::env::temp_dir().join(format!("partage-demo-{}", Uuid::now_v7().simple())),
                remove_on_stop: !keep,
            },
        }
    }

    /// What becomes of the directory, as the demo tells the user.
    pub fn fate(&self) -> &'static str {
        if self.remove_on_stop {
            "removed when the demo stops; --keep keeps it"
        } else {
            "kept when the demo stops"
        }
    }

    /// Removes the directory if the demo made it and was not asked to keep it;
    /// returns what to tell the user.
    pub fn clean_up(&self) -> Option<String> {
        if !self.remove_on_stop || !self.path.exists() {
            return None;
        }
        Some(match std::fs::remove_dir_all(&self.path) {
            Ok(()) => format!("removed the demo's data directory {}", self.path.display()),
            Err(e) => format!("could not remove the demo's data directory {}: {e}", self.path.display()),
        })
    }
}

/// How big the demo is.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    /// Members to create.
    pub members: u32,
    /// Generator seed.
    pub seed: u64,
}

/// What the demo built.
#[derive(Debug)]
pub struct Summary {
    wages: Wages,
    members: u64,
    applicants: u64,
    activities: u64,
    clients: u64,
    invoices: u64,
    paid: u64,
    late: u64,
    cancelled: u64,
    turnover: Money,
    by_sector: [(&'static str, Money); 3],
    trial_balance_sum: String,
    elapsed: std::time::Duration,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "demo node built in {:.1?}", self.elapsed)?;
        writeln!(f, "  members          {} (+{} applicants)", self.members, self.applicants)?;
        writeln!(f, "  activities       {}", self.activities)?;
        writeln!(f, "  clients          {}", self.clients)?;
        writeln!(
            f,
            "  invoices         {} ({} paid, {} overdue, {} cancelled)",
            self.invoices, self.paid, self.late, self.cancelled
        )?;
        writeln!(f, "  billed excl. VAT {}", self.turnover)?;
        let w = &self.wages;
        writeln!(
            f,
            "  contracts        {} declared work, {} platform shifts, {} stabilised from next month",
            w.declared, w.shifts, w.stabilised
        )?;
        writeln!(
            f,
            "  payslips         {} in {} payroll run(s), {} paid within 7 working days",
            w.payslips, w.runs, w.on_time
        )?;
        writeln!(f, "  expense claims   {} ({} repaid)", w.claims, w.repaid)?;
        writeln!(f, "  reminders        {} sent today", w.reminders)?;
        for (sector, amount) in &self.by_sector {
            writeln!(f, "    {sector:<18} {amount}")?;
        }
        write!(f, "  trial balance    sums to {}", self.trial_balance_sum)
    }
}

/// The settings that make a demo office of `country` (`be`: the defaults in Brussels; `fr`: a French
/// cooperative in Paris with its registration), as overrides of the node's configuration.
pub fn country_settings(country: &str) -> Vec<(&'static str, String)> {
    match country {
        "fr" => [
            ("node.country", "FR"),
            ("node.language", "fr"),
            ("entity.name", "Partage Coop (démo)"),
            ("entity.legal_form", "SCOP SA à capital variable"),
            ("entity.court", "Paris"),
            ("entity.vat_number", "FR15901234567"),
            ("entity.street", "21 rue des Vinaigriers"),
            ("entity.postal_code", "75010"),
            ("entity.city", "Paris"),
            ("entity.iban", "FR7630006000011234567890189"),
            ("entity.email", "factures@partage.example"),
            ("pack.fr.siret", "90123456700013"),
            ("pack.fr.urssaf_account", "117000000123456789"),
            ("pack.fr.ape", "9002Z"),
            ("pack.fr.company_size", "40"),
            ("pack.fr.accident_rate", "0.0090"),
            ("pack.fr.mobility_commune", "paris"),
            ("pack.fr.rcs_city", "Paris"),
            ("pack.fr.share_capital", "variable"),
        ]
        .into_iter()
        .map(|(k, v)| (k, v.to_owned()))
        .collect(),
        // The default office is in Saint-Gilles: the Brussels region's artists'
        // reduction applies, and the quarterly return refuses an artist's quarter without a region.
        _ => vec![("pack.be.region", "brussels".to_owned())],
    }
}

/// Sectors and their sub-sectors for members who are not couriers. Couriers
/// (13 % of members) bill about as much as the others and count in `other`,
/// so these weights (52 / 24 / 24) make the whole billing split about
/// 46 / 21 / 33 % (DESIGN.md, payroll mass by sector).
fn sector(rng: &mut StdRng) -> (&'static str, Option<&'static str>, &'static str) {
    let x: u32 = rng.random_range(0..100);
    match x {
        0..52 => {
            let kinds =
                ["Concert", "Theatre performance", "Illustration", "Photography", "Dance workshop", "Exhibition"];
            ("artistic", None, kinds[rng.random_range(0..kinds.len())])
        }
        52..76 => {
            let kinds = ["Sound engineering", "Video editing", "Stage lighting", "Event production", "Graphic design"];
            ("cultural_industry", None, kinds[rng.random_range(0..kinds.len())])
        }
        _ => {
            let subs = [
                ("consulting", "Consulting"),
                ("training", "Training day"),
                ("it", "Web development"),
                ("translation", "Translation"),
            ];
            let (s, k) = subs[rng.random_range(0..subs.len())];
            ("other", Some(s), k)
        }
    }
}

/// A count as the progress line takes it.
fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

fn days_before(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(d)
}
fn days_after(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

struct PlannedInvoice {
    date: NaiveDate,
    activity: Uuid,
    sector: usize,
    client: usize,
    lines: Vec<invoices::NewLine>,
}

const BATCH: usize = 400;
/// What the progress lines on a terminal say is going on.
const TASK: &str = "building demo";

/// Builds the demo data set in `node`.
pub async fn build(node: &Node, scale: Scale) -> Result<Summary, AppError> {
    let started = std::time::Instant::now();
    let mut rng = StdRng::seed_from_u64(scale.seed);
    let today = node.today();
    let year_ago = days_before(today, 365);
    let cur = node.currency();
    let n = usize::try_from(scale.members).unwrap_or(usize::MAX);
    let fl = Flavour::of(node.pack.country().as_str());
    eprintln!("building a demo node with {n} members (seed {})", scale.seed);

    // Members: 29 % joined in the last year, the rest earlier; 3 % still applicants.
    let mut member_ids = Vec::with_capacity(n);
    let mut applicants = 0u64;
    let mut i = 0;
    let mut shown = Progress::on_stderr(TASK, "members", Some(count(n)));
    while i < n {
        let txn = node.store.write().await?;
        for _ in 0..BATCH.min(n - i) {
            let woman = rng.random_range(0..100) < 45;
            let first = if woman {
                fl.women[rng.random_range(0..fl.women.len())]
            } else {
                fl.men[rng.random_range(0..fl.men.len())]
            };
            let last = fl.surnames[rng.random_range(0..fl.surnames.len())];
            let applied = if rng.random_range(0..100) < 29 {
                days_before(today, rng.random_range(5..365))
            } else {
                days_before(year_ago, rng.random_range(1..3650))
            };
            let lang = fl.languages[rng.random_range(0..5usize)];
            let m = members::create(
                &*txn,
                node,
                members::NewMember {
                    first_name: first.into(),
                    last_name: last.into(),
                    email: format!("{}.{}.{i}@example.org", first.to_lowercase(), last.to_lowercase().replace(' ', "")),
                    language: Some(lang.into()),
                },
                applied,
            )
            .await?;
            let shares = if rng.random_range(0..10) == 0 { 2 } else { 1 };
            members::subscribe(&*txn, m.id.0, shares, applied).await?;
            if rng.random_range(0..100) < 3 {
                applicants += 1;
            } else {
                let paid = node.settings.share_nominal.times(shares.into(), partage_core::RoundingRule::HalfUp)?;
                members::pay(&*txn, m.id.0, paid, days_after(applied, rng.random_range(0..10))).await?;
                member_ids.push((m.id.0, applied));
            }
            i += 1;
            shown.update(count(i));
        }
        txn.commit().await?;
    }
    shown.finish(count(i));

    // Clients: businesses of the country (most), consumers, EU businesses (reverse charge), one platform.
    let n_clients = (n / 4).max(10);
    let mut client_ids = Vec::with_capacity(n_clients + 1);
    let mut late_payers = Vec::with_capacity(n_clients + 1);
    let txn = node.store.write().await?;
    let platform = clients::create(
        &*txn,
        node.pack.as_ref(),
        clients::NewClient {
            name: fl.platform.0.into(),
            kind: "business".into(),
            country: fl.country.into(),
            vat_number: Some((fl.vat_number)(&mut rng)),
            street: fl.platform.1.into(),
            postal_code: fl.platform.2.into(),
            city: fl.platform.3.into(),
            email: Some("billing@rapido.example".into()),
            endpoint: None,
        },
    )
    .await?;
    for k in 0..n_clients {
        let (pc, city) = fl.cities[rng.random_range(0..fl.cities.len())];
        let roll = rng.random_range(0..100);
        let (kind, country, vat, name) = if roll < 75 {
            let names = fl.businesses;
            (
                "business",
                fl.country,
                Some((fl.vat_number)(&mut rng)),
                format!("{} {} {k}", names[rng.random_range(0..names.len())], city),
            )
        } else if roll < 88 {
            (
                "consumer",
                fl.country,
                None,
                format!(
                    "{} {}",
                    fl.men[rng.random_range(0..fl.men.len())],
                    fl.surnames[rng.random_range(0..fl.surnames.len())]
                ),
            )
        } else {
            let cc = fl.foreign[rng.random_range(0..4usize)];
            let prefix = cc;
            let digits: String = (0..9).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect();
            let vat = match cc {
                "FR" => format!("FR12{digits}"),
                "BE" => flavour::be_vat(&mut rng),
                "NL" => format!("NL{digits}B01"),
                "LU" => format!("LU{}", &digits.get(..8).unwrap_or("12345678")),
                _ => format!("{prefix}{digits}"),
            };
            ("business", cc, Some(vat), format!("Kultur GmbH {k}"))
        };
        let c = clients::create(
            &*txn,
            node.pack.as_ref(),
            clients::NewClient {
                name,
                kind: kind.into(),
                country: country.into(),
                vat_number: vat,
                street: format!(
                    "Rue {} {}",
                    fl.surnames[rng.random_range(0..fl.surnames.len())],
                    rng.random_range(1..200)
                ),
                postal_code: pc.into(),
                city: city.into(),
                email: None,
                endpoint: None,
            },
        )
        .await?;
        client_ids.push(c.id.0);
        late_payers.push(rng.random_range(0..100) < 6);
    }
    txn.commit().await?;
    let platform_index = client_ids.len();
    client_ids.push(platform.id.0);
    late_payers.push(false);

    // Activities and a year of invoices for each, dated after the member's admission.
    let mut planned = Vec::new();
    let mut n_activities = 0u64;
    let mut acts: Vec<(Uuid, Uuid, bool)> = Vec::new();
    let mut j = 0;
    let total_members = member_ids.len();
    let mut shown = Progress::on_stderr(TASK, "activities", Some(count(total_members)));
    while j < total_members {
        let txn = node.store.write().await?;
        for &(member, applied) in member_ids.iter().skip(j).take(BATCH) {
            let courier = rng.random_range(0..100) < 13;
            let n_acts = if courier { 1 } else { rng.random_range(1..=2) };
            for _ in 0..n_acts {
                let (sec, sub, label) =
                    if courier { ("other", Some("courier"), "Deliveries") } else { sector(&mut rng) };
                let start = applied.max(year_ago);
                let a = activities::create(
                    &*txn,
                    node,
                    activities::NewActivity {
                        member_id: member,
                        name: format!("{label} {}", start.year()),
                        sector: sec.into(),
                        sub_sector: sub.map(str::to_owned),
                    },
                    start,
                )
                .await?;
                n_activities += 1;
                acts.push((member, a.activity.id.0, courier));
                let span = u64::try_from((today - start).num_days()).unwrap_or(0).max(1);
                let count = if courier { (span / 30).max(1) } else { rng.random_range(1..=5) };
                let sector_index = match sec {
                    "artistic" => 0,
                    "cultural_industry" => 1,
                    _ => 2,
                };
                for _ in 0..count {
                    let date = days_after(start, rng.random_range(0..span));
                    let (client, lines) = if courier {
                        let hours = Decimal::from(rng.random_range(10..60u32));
                        (
                            platform_index,
                            vec![invoices::NewLine {
                                description: "Deliveries, hours worked".into(),
                                quantity: hours,
                                unit_code: "HUR".into(),
                                unit_price: Money::from_minor(1_650, cur),
                                vat_rate: Rate::from_percent(fl.standard_vat),
                            }],
                        )
                    } else {
                        let days = Decimal::from(rng.random_range(1..=5u32));
                        let day_rate = rng.random_range(25_000..90_000i64) / 100 * 100;
                        let rate = if sector_index == 0 && rng.random_range(0..4) == 0 {
                            fl.reduced_vat
                        } else {
                            fl.standard_vat
                        };
                        (
                            rng.random_range(0..client_ids.len() - 1),
                            vec![invoices::NewLine {
                                description: label.into(),
                                quantity: days,
                                unit_code: "DAY".into(),
                                unit_price: Money::from_minor(day_rate, cur),
                                vat_rate: Rate::from_percent(rate),
                            }],
                        )
                    };
                    planned.push(PlannedInvoice {
                        date,
                        activity: a.activity.id.0,
                        sector: sector_index,
                        client,
                        lines,
                    });
                }
            }
            j += 1;
            shown.update(count(j));
        }
        txn.commit().await?;
    }
    shown.finish(count(j));

    // Issue in date order: numbering follows the dates.
    planned.sort_by_key(|p| p.date);
    let total = planned.len();
    let mut issued: Vec<(Uuid, NaiveDate, usize, Money)> = Vec::with_capacity(total);
    let mut by_sector = [Money::zero(cur); 3];
    let mut turnover = Money::zero(cur);
    let mut shown = Progress::on_stderr(TASK, "invoices", Some(count(total)));
    for (k, chunk) in planned.chunks(BATCH).enumerate() {
        let txn = node.store.write().await?;
        for (m, p) in chunk.iter().enumerate() {
            let draft = invoices::create_draft(
                &*txn,
                node,
                invoices::NewInvoice {
                    activity_id: p.activity,
                    client_id: client_ids.get(p.client).copied().unwrap_or(platform.id.0),
                    date: Some(p.date),
                    payment_terms_days: None,
                    buyer_reference: None,
                    language: None,
                    lines: p.lines.clone(),
                },
                p.date,
            )
            .await?;
            let inv = invoices::issue(&*txn, node, draft.id, p.date).await?;
            let net = Money::parse(&inv.totals.net, cur)?;
            let gross = Money::parse(&inv.totals.gross, cur)?;
            turnover = turnover.checked_add(net)?;
            if let Some(s) = by_sector.get_mut(p.sector) {
                *s = s.checked_add(net)?;
            }
            issued.push((inv.id, p.date, p.client, gross));
            shown.update(count(k * BATCH + m + 1));
        }
        txn.commit().await?;
    }
    shown.finish(count(issued.len()));

    // Payments: most clients pay within 10 to 45 days; late payers often not at all.
    let (mut paid, mut late, mut cancelled) = (0u64, 0u64, 0u64);
    let mut shown = Progress::on_stderr(TASK, "payments", Some(count(issued.len())));
    for (k, chunk) in issued.chunks(BATCH).enumerate() {
        let txn = node.store.write().await?;
        for (m, (id, date, client, gross)) in chunk.iter().enumerate() {
            let late_payer = late_payers.get(*client).copied().unwrap_or(false);
            let delay = if late_payer { rng.random_range(30..200) } else { rng.random_range(10..45) };
            let pay_day = days_after(*date, delay);
            if pay_day <= today && !(late_payer && rng.random_range(0..2) == 0) {
                let amount = if rng.random_range(0..50) == 0 {
                    gross.times(Decimal::new(5, 1), partage_core::RoundingRule::HalfUp)?
                } else {
                    *gross
                };
                invoices::pay(&*txn, node, *id, amount, pay_day, "SEPA credit transfer").await?;
                paid += 1;
            } else if days_after(*date, 30) < today && rng.random_range(0..40) == 0 {
                invoices::cancel(&*txn, node, *id, "Performance cancelled by the client", today).await?;
                cancelled += 1;
            } else if days_after(*date, 30) < today {
                late += 1;
            }
            shown.update(count(k * BATCH + m + 1));
        }
        txn.commit().await?;
    }
    shown.finish(count(issued.len()));

    let wages = work_and_wages(node, fl, &mut rng, &acts, platform.id.0).await?;

    let tb = ledger::trial_balance(node.store.db(), cur, node.pack.as_ref()).await?;
    Ok(Summary {
        wages,
        members: u64::try_from(member_ids.len()).unwrap_or(0),
        applicants,
        activities: n_activities,
        clients: u64::try_from(client_ids.len()).unwrap_or(0),
        invoices: u64::try_from(total).unwrap_or(0),
        paid,
        late,
        cancelled,
        turnover,
        by_sector: {
            let [artistic, cultural, other] = by_sector;
            [("artistic", artistic), ("cultural industry", cultural), ("other", other)]
        },
        trial_balance_sum: tb.sum,
        elapsed: started.elapsed(),
    })
}

/// What the demo's last weeks of work and wages made.
#[derive(Debug, Default)]
struct Wages {
    declared: u64,
    shifts: u64,
    stabilised: u64,
    runs: u64,
    payslips: u64,
    on_time: u64,
    claims: u64,
    repaid: u64,
    reminders: u64,
}

/// The last weeks of work, through the same operations as the API: members
/// declare days of work (validated with their hiring declaration the day before), the
/// courier platform becomes a partner platform and posts its couriers' shifts,
/// some members move to a stabilised monthly contract from next month, others
/// claim expenses; then the month's payroll run(s) pay it all, within seven
/// working days, and today's dunning run sends the reminders due.
async fn work_and_wages(
    node: &Node,
    fl: &Flavour,
    rng: &mut StdRng,
    acts: &[(Uuid, Uuid, bool)],
    platform_client: Uuid,
) -> Result<Wages, AppError> {
    use crate::service::{dunning, expenses, payroll, platforms, work};
    use partage_core::expense::ExpenseKind;
    use partage_core::ledger::Account;
    use partage_core::work_declaration::WorkPeriod;
    let today = node.today();
    let cur = node.currency();
    let mut w = Wages::default();
    let pack_categories = node.pack.payroll().categories();
    let first_category = pack_categories.first().copied().unwrap_or("artist");
    let (work_categories, platform_category, stabilised_category): (Vec<&str>, &str, &str) = match fl.categories {
        Some((work, platform, stabilised)) => (work.to_vec(), platform, stabilised),
        None => (pack_categories.to_vec(), first_category, first_category),
    };
    let at = |d: NaiveDate, h: u32| d.and_hms_opt(h, 0, 0).unwrap_or_default();
    // Work ended two to eight days ago: paid today, within the seven working days.
    let days: Vec<NaiveDate> =
        (2..=8).map(|k| days_before(today, k)).filter(|d| d.weekday().number_from_monday() <= 5).collect();
    let first_day = days.iter().min().copied().unwrap_or(today);
    // Each member given an identity gets the next national number and IBAN of the drill's series.
    let mut identities: std::collections::HashMap<Uuid, usize> = std::collections::HashMap::new();
    let mut ready = |member: Uuid| {
        let next = identities.len();
        let n = *identities.entry(member).or_insert(next);
        (n == next, n)
    };
    let txn = node.store.write().await?;
    let mut declared_acts = Vec::new();
    for &(member, activity, courier) in acts {
        if courier || rng.random_range(0..12) != 0 {
            continue;
        }
        let budget = ledger::balance(&*txn, Account::budget(partage_core::ActivityId(activity)), cur).await?.negated();
        if budget.amount() < Decimal::from(400) || days.is_empty() {
            continue;
        }
        let (fresh, n) = ready(member);
        if fresh {
            let (nn, birth) = (fl.national_number)(n);
            members::set_identity(&*txn, node, member, &nn, birth, first_day).await?;
            members::set_address(&*txn, member, demo_address(fl, n)).await?;
            let household = partage_core::payroll::Household {
                children: rng.random_range(0..3),
                ..partage_core::payroll::Household::single()
            };
            members::set_payroll_details(&*txn, member, members::PayrollDetails { iban: (fl.iban)(n), household })
                .await?;
        }
        let day = days[rng.random_range(0..days.len())];
        let share = Decimal::from(rng.random_range(30..70u32)) / Decimal::from(100);
        let amount = Money::rounded(budget.amount() * share, cur, partage_core::RoundingRule::Truncate);
        let category = work_categories[rng.random_range(0..work_categories.len().max(1))];
        let declared_at = at(days_before(day, 1), 10);
        let d = work::declare(
            &*txn,
            node,
            work::NewWorkDeclaration {
                activity_id: activity,
                client_id: None,
                function: "Performance".into(),
                place: fl.cities[rng.random_range(0..fl.cities.len())].1.into(),
                work_country: fl.country.into(),
                risks: Vec::new(),
                worker_category: category.into(),
                budget: amount,
                kind: work::PER_PERFORMANCE.into(),
                motive: fl.motive.map(|(code, detail)| partage_core::contract_reason::ContractReason {
                    code: code.into(),
                    detail: Some(detail.into()),
                    ..Default::default()
                }),
                classification: fl.classification.map(|c| c[0].into()),
                replaces_posted_worker: false,
                periods: vec![WorkPeriod {
                    date: day,
                    start: chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default(),
                    end: chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default(),
                }],
            },
            declared_at,
        )
        .await?;
        work::validate(&*txn, node, d.id, declared_at).await?;
        w.declared += 1;
        declared_acts.push((member, activity, day));
    }
    txn.commit().await?;

    // The courier platform becomes a partner platform; its couriers are enrolled
    // two weeks ago and it posts the last week's shifts yesterday evening.
    let enrolled_on = at(days_before(today, 14), 9);
    let txn = node.store.write().await?;
    let p = platforms::create(
        &*txn,
        node,
        platforms::NewPlatform {
            name: "Rapido Delivery".into(),
            client_id: platform_client,
            hourly_rate: Money::from_minor(1_650, cur),
            vat_rate: Rate::from_percent(fl.standard_vat),
            worker_category: platform_category.into(),
            function: "Bicycle courier".into(),
        },
        enrolled_on,
    )
    .await?;
    let mut lines = Vec::new();
    for (k, &(member, _, _)) in acts.iter().filter(|(_, _, courier)| *courier).take(300).enumerate() {
        let (fresh, n) = ready(member);
        if fresh {
            let (nn, birth) = (fl.national_number)(n);
            members::set_identity(&*txn, node, member, &nn, birth, enrolled_on.date()).await?;
            members::set_address(&*txn, member, demo_address(fl, n)).await?;
            members::set_payroll_details(
                &*txn,
                member,
                members::PayrollDetails { iban: (fl.iban)(n), household: partage_core::payroll::Household::single() },
            )
            .await?;
        }
        let enrolment = platforms::NewEnrolment {
            worker_ref: format!("R{k:05}"),
            member_id: member,
            motive: fl.platform_motive.map(|(code, detail)| partage_core::contract_reason::ContractReason {
                code: code.into(),
                detail: Some(detail.into()),
                ..Default::default()
            }),
            classification: fl.classification.map(|c| c[1].into()),
        };
        platforms::enrol(&*txn, node, p.id, enrolment, enrolled_on).await?;
        for day in &days {
            if rng.random_range(0..3) != 0 {
                continue;
            }
            let start = rng.random_range(11..19u32);
            lines.push(platforms::BatchLine {
                worker: format!("R{k:05}"),
                date: day.to_string(),
                start: format!("{start}:00"),
                end: format!(
                    "{}:{}",
                    start + rng.random_range(1..4u32),
                    ["00", "15", "30", "45"][rng.random_range(0..4usize)]
                ),
            });
        }
    }
    txn.commit().await?;
    if !lines.is_empty() {
        let txn = node.store.write().await?;
        let model = platforms::by_token(&*txn, p.token.as_deref().unwrap_or_default()).await?;
        if let Some(model) = model {
            let posted = at(days_before(today, 1), 21);
            let (r, _) = platforms::post_batch(&*txn, node, &model, "demo-week", &lines, "demo", posted).await?;
            w.shifts = u64::try_from(r.accepted).unwrap_or(0);
        }
        txn.commit().await?;
    }

    // Members who declared work claim their travel; an advisor repays most claims.
    let txn = node.store.write().await?;
    for &(member, activity, day) in declared_acts.iter().take(200) {
        let claim = expenses::submit(
            &*txn,
            node,
            expenses::NewExpenseClaim {
                activity_id: activity,
                member_id: member,
                kind: ExpenseKind::Travel { kilometres: Decimal::from(rng.random_range(10..180u32)) },
                date: day,
                description: "Car to the venue and back".into(),
                receipt: None,
            },
            today,
            at(today, 9),
        )
        .await?;
        w.claims += 1;
        if rng.random_range(0..4) != 0 && expenses::validate(&*txn, node, claim.id, today, at(today, 10)).await.is_ok()
        {
            w.repaid += 1;
        }
    }
    txn.commit().await?;

    // Stabilised monthly contracts from the first of next month, declared today.
    let next_month = (today.with_day(1).unwrap_or(today) + Days::new(32)).with_day(1).unwrap_or(today);
    let txn = node.store.write().await?;
    for &(_, activity, _) in declared_acts.iter().take(10) {
        let d = work::declare(
            &*txn,
            node,
            work::NewWorkDeclaration {
                activity_id: activity,
                client_id: None,
                function: "Stage director".into(),
                place: fl.capital.into(),
                work_country: fl.country.into(),
                risks: Vec::new(),
                worker_category: stabilised_category.into(),
                budget: Money::from_minor(rng.random_range(18_000..36_000i64) * 100, cur),
                kind: work::STABILISED.into(),
                motive: None,
                classification: fl.classification.map(|c| c[2].into()),
                replaces_posted_worker: false,
                periods: vec![WorkPeriod {
                    date: next_month,
                    start: chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
                    end: chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
                }],
            },
            at(today, 11),
        )
        .await?;
        work::validate(&*txn, node, d.id, at(today, 11)).await?;
        w.stabilised += 1;
    }
    txn.commit().await?;

    // The payroll run of each month with work to pay, cut off today.
    let mut periods: Vec<String> = days.iter().map(|d| d.format("%Y-%m").to_string()).collect();
    periods.sort();
    periods.dedup();
    for period in periods {
        let through = crate::service::bounds::month("period", &period)?.last_day().min(today);
        let txn = node.store.write().await?;
        let (run, _) = payroll::start(&*txn, &period, Some(through), today, at(today, 12)).await?;
        txn.commit().await?;
        let mut shown = Progress::on_stderr(TASK, format!("payroll {period}, payslips"), None);
        let done =
            payroll::process_reporting(node, run.id, &mut |run| shown.update(u64::try_from(run.payslips).unwrap_or(0)))
                .await?;
        shown.finish(u64::try_from(done.payslips).unwrap_or(0));
        w.runs += 1;
        w.payslips += u64::try_from(done.payslips).unwrap_or(0);
    }
    let slips = crate::storage::entities::payslip::Entity::find().all(node.store.db()).await?;
    w.on_time = u64::try_from(slips.iter().filter(|s| s.pay_date <= s.deadline).count()).unwrap_or(0);

    // Today's reminders for the late payers.
    let txn = node.store.write().await?;
    let sent = dunning::run(&*txn, node, today, at(today, 8)).await?;
    w.reminders = u64::try_from(sent.sent.len()).unwrap_or(0);
    txn.commit().await?;
    Ok(w)
}

/// The n-th demo member's home address, which their payslips print: a few streets of the
/// country in turn.
fn demo_address(fl: &Flavour, n: usize) -> members::Address {
    let (street, postal_code, city) = fl.streets.get(n % fl.streets.len().max(1)).copied().unwrap_or(("", "", ""));
    members::Address {
        street: format!("{street} {}", n % 200 + 1),
        postal_code: postal_code.to_owned(),
        city: city.to_owned(),
        country: fl.country.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::country_settings;
    use crate::config::Settings;

    #[test]
    fn the_belgian_demo_office_names_its_region_and_the_french_one_its_registration() {
        let be = Settings::load_with(None, &country_settings("be")).unwrap();
        assert_eq!(be.pack.section().get("region").map(String::as_str), Some("brussels"));
        let fr = Settings::load_with(None, &country_settings("fr")).unwrap();
        assert_eq!(fr.pack.section().get("siret").map(String::as_str), Some("90123456700013"));
    }
}
