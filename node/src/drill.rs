//! Drills: whole scenarios run on a fresh temporary node, as an office would
//! rehearse them. `platform-bankruptcy` replays the Take Eat Easy case (2016):
//! a delivery platform whose couriers have worked and been invoiced goes
//! bankrupt before paying; every courier must still be paid within seven
//! working days, and the guarantee fund bears the loss.
//!
//! The seeding helpers here also serve the crash tests and the payroll benchmark.

use crate::error::AppError;
use crate::service::{activities, clients, defaults, guarantee_fund, invoices, ledger, members, payroll, work, Node};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use partage_core::payroll::Household;
use partage_core::work_declaration::WorkPeriod;
use partage_core::{Currency, Money, Rate};
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, FromQueryResult, Statement};
use serde::Serialize;
use std::collections::BTreeMap;
use uuid::Uuid;

/// A valid Belgian national number for the `i`-th seeded person, born in the 1980s or 1990s.
pub fn national_number(i: usize) -> (String, NaiveDate) {
    let day = u64::try_from(i / 997).unwrap_or(0);
    let serial = u64::try_from(i % 997).unwrap_or(0) + 1;
    let base = NaiveDate::from_ymd_opt(1980, 1, 1).unwrap_or_default();
    let birth = base.checked_add_days(chrono::Days::new(day % 7_000)).unwrap_or(base);
    let head = format!("{}{serial:03}", birth.format("%y%m%d"));
    let n: u64 = head.parse().unwrap_or(0);
    // Check digits: 97 minus the remainder of the first nine digits by 97 (born before 2000).
    let check = 97 - n % 97;
    (format!("{head}{check:02}"), birth)
}

/// A valid Belgian IBAN for the `i`-th seeded person.
pub fn iban(i: usize) -> String {
    let account = 3_630_000_000u64 + u64::try_from(i).unwrap_or(0);
    let rem = account % 97;
    let bban = format!("{account:010}{:02}", if rem == 0 { 97 } else { rem });
    // ISO 13616: move "BE00" to the end, letters to numbers (B = 11, E = 14), mod 97.
    let digits = format!("{bban}111400");
    let m = digits.bytes().fold(0u64, |acc, b| (acc * 10 + u64::from(b - b'0')) % 97);
    format!("BE{:02}{bban}", 98 - m)
}

/// One seeded worker: a member with an activity and a contract.
#[derive(Clone, Debug)]
pub struct Seeded {
    /// The member.
    pub member: Uuid,
    /// Their activity.
    pub activity: Uuid,
    /// The invoice for their work.
    pub invoice: Uuid,
    /// Their contract.
    pub contract: Uuid,
}

/// What to seed.
#[derive(Clone, Debug)]
pub struct Seed<'a> {
    /// First index (for unique emails, national numbers and IBANs).
    pub from: usize,
    /// How many workers.
    pub count: usize,
    /// Email prefix.
    pub label: &'a str,
    /// Worker kind.
    pub category: &'a str,
    /// The client invoiced for each worker.
    pub client: Uuid,
    /// Invoiced per worker, excluding VAT.
    pub invoiced: Money,
    /// Budget turned into the contract's wage.
    pub budget: Money,
    /// Days worked and hours.
    pub days: Vec<WorkPeriod>,
    /// The day it all is declared and invoiced (before the work).
    pub on: NaiveDate,
}

/// Seeds workers who were invoiced for and declared for work, in a few
/// transactions: members admitted with identity and bank account, an
/// activity each, an issued invoice, a validated declaration with its hiring declaration.
pub async fn seed(node: &Node, s: &Seed<'_>) -> Result<Vec<Seeded>, AppError> {
    let now = s.on.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default());
    let mut out = Vec::with_capacity(s.count);
    let batch = 200;
    let mut i = 0;
    while i < s.count {
        let txn = node.store.write().await?;
        for k in i..(i + batch).min(s.count) {
            let n = s.from + k;
            let m = members::create(
                &*txn,
                node,
                members::NewMember {
                    first_name: format!("Worker{n}"),
                    last_name: s.label.to_owned(),
                    email: format!("{}.{n}@example.org", s.label.to_lowercase()),
                    language: Some(if n.is_multiple_of(2) { "fr" } else { "nl" }.into()),
                },
                s.on,
            )
            .await?;
            members::subscribe(&*txn, m.id.0, 1, s.on).await?;
            members::pay(&*txn, m.id.0, node.settings.share_nominal, s.on).await?;
            let (nn, birth) = national_number(n);
            members::set_identity(&*txn, node, m.id.0, &nn, birth, s.on).await?;
            members::set_payroll_details(
                &*txn,
                m.id.0,
                members::PayrollDetails { iban: iban(n), household: Household::single() },
            )
            .await?;
            let a = activities::create(
                &*txn,
                node,
                activities::NewActivity {
                    member_id: m.id.0,
                    name: format!("{} {n}", s.label),
                    sector: "other".into(),
                    sub_sector: Some("courier".into()),
                },
                s.on,
            )
            .await?;
            let inv = invoices::create_draft(
                &*txn,
                node,
                invoices::NewInvoice {
                    activity_id: a.activity.id.0,
                    client_id: s.client,
                    date: Some(s.on),
                    payment_terms_days: Some(30),
                    buyer_reference: Some(format!("{} {n}", s.label)),
                    language: None,
                    lines: vec![invoices::NewLine {
                        description: "Deliveries".into(),
                        quantity: Decimal::ONE,
                        unit_code: "C62".into(),
                        unit_price: s.invoiced,
                        vat_rate: Rate(Decimal::new(21, 2)),
                    }],
                },
                s.on,
            )
            .await?;
            invoices::issue(&*txn, node, inv.id, s.on).await?;
            let d = work::declare(
                &*txn,
                node,
                work::NewWorkDeclaration {
                    activity_id: a.activity.id.0,
                    client_id: Some(s.client),
                    function: "Bicycle courier".into(),
                    place: "Brussels".into(),
                    work_country: "BE".into(),
                    risks: vec!["road traffic".into()],
                    worker_category: s.category.into(),
                    budget: s.budget,
                    kind: work::PER_PERFORMANCE.into(),
                    motive: None,
                    classification: None,
                    replaces_posted_worker: false,
                    periods: s.days.clone(),
                },
                now,
            )
            .await?;
            let v = work::validate(&*txn, node, d.id, now).await?;
            let contract = v.contract.map(|k| k.id).ok_or_else(|| AppError::Corrupt("no contract".into()))?;
            out.push(Seeded { member: m.id.0, activity: a.activity.id.0, invoice: inv.id, contract });
        }
        txn.commit().await?;
        i += batch;
    }
    Ok(out)
}

/// A Belgian business client.
pub async fn business_client(node: &Node, name: &str, vat: &str) -> Result<Uuid, AppError> {
    let txn = node.store.write().await?;
    let c = clients::create(
        &*txn,
        node.pack.as_ref(),
        clients::NewClient {
            name: name.into(),
            kind: "business".into(),
            country: "BE".into(),
            vat_number: Some(vat.into()),
            street: "Rue de la Loi 1".into(),
            postal_code: "1000".into(),
            city: "Bruxelles".into(),
            email: None,
            endpoint: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(c.id.0)
}

/// A partner platform with `count` couriers enrolled (worker references `w0`,
/// `w1`...), admitted members with identity and bank account, all on `on` at
/// noon; returns the platform and its token. Crash tests and the batch benchmark share it.
pub async fn platform_with_couriers(node: &Node, count: usize, on: NaiveDate) -> Result<(Uuid, String), AppError> {
    use crate::service::platforms;
    let now = on.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default());
    let client = business_client(node, "Fast Meals Platform SA", "BE0403170701").await?;
    let txn = node.store.write().await?;
    let p = platforms::create(
        &*txn,
        node,
        platforms::NewPlatform {
            name: "Fast Meals".into(),
            client_id: client,
            hourly_rate: Money::from_minor(1_850, node.currency()),
            vat_rate: Rate::from_percent(Decimal::from(21)),
            worker_category: "manual".into(),
            function: "Bicycle courier".into(),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    let batch = 200;
    let mut i = 0;
    while i < count {
        let txn = node.store.write().await?;
        for n in i..(i + batch).min(count) {
            let m = members::create(
                &*txn,
                node,
                members::NewMember {
                    first_name: format!("Courier{n}"),
                    last_name: "Rider".into(),
                    email: format!("rider.{n}@example.org"),
                    language: None,
                },
                on,
            )
            .await?;
            members::subscribe(&*txn, m.id.0, 1, on).await?;
            members::pay(&*txn, m.id.0, node.settings.share_nominal, on).await?;
            let (nn, birth) = national_number(n);
            members::set_identity(&*txn, node, m.id.0, &nn, birth, on).await?;
            members::set_payroll_details(
                &*txn,
                m.id.0,
                members::PayrollDetails { iban: iban(n), household: Household::single() },
            )
            .await?;
            let enrolment = platforms::NewEnrolment {
                worker_ref: format!("w{n}"),
                member_id: m.id.0,
                motive: None,
                classification: None,
            };
            platforms::enrol(&*txn, node, p.id, enrolment, now).await?;
        }
        txn.commit().await?;
        i += batch;
    }
    let token = p.token.ok_or_else(|| AppError::Corrupt("a new platform without its token".into()))?;
    Ok((p.id, token))
}

/// The drill's report.
#[derive(Clone, Debug, Serialize)]
pub struct BankruptcyReport {
    /// Couriers who worked for the platform.
    pub couriers: usize,
    /// Couriers paid.
    pub paid: usize,
    /// Of those, paid within seven working days of their work.
    pub paid_within_deadline: usize,
    /// The longest time from the end of work to payment, in working days.
    pub latest_payment_working_days: u32,
    /// What the fund lost on the platform: the advances it had paid the couriers
    /// and will never recover (the fall of its balance also counts the fee shares
    /// reversed on the unpaid invoices: see `fund`).
    pub fund_loss: String,
    /// The fund's coverage before the bankruptcy (see `coverage_definition`).
    pub coverage_before: Option<String>,
    /// The same after it.
    pub coverage_after: Option<String>,
    /// What coverage means, so the two figures above can be read.
    pub coverage_definition: String,
    /// The fund's balance before.
    pub fund_before: String,
    /// The fund's balance after.
    pub fund_after: String,
    /// Every movement of the fund, phase by phase, from the journal: opening +
    /// movements = closing, to the cent.
    pub fund: Vec<FundStatement>,
    /// The journal sums to zero.
    pub journal_balanced: bool,
}

/// What `coverage` means in the report.
pub const COVERAGE: &str = "coverage = the fund's balance / its open advances (wages it paid \
    for clients who have not paid yet, neither recovered nor written off); rounded to four decimals, none when nothing is advanced. \
    A loss lowers the balance but also closes the advances it concerns, so coverage rises after a loss \
    when the advances left open are smaller in proportion than the balance left.";

/// One movement of the fund's balance in a phase: the journal's lines on the
/// guarantee fund account, by the kind of entry that posted them.
#[derive(Clone, Debug, Serialize)]
pub struct FundLine {
    /// What moved the balance.
    pub movement: String,
    /// The journal entry kind the lines belong to.
    pub entry_kind: String,
    /// How many entries.
    pub entries: i64,
    /// The change of the balance (negative when it falls).
    pub amount: String,
}

/// The fund over one phase of the drill: its balance from the journal, and
/// beside it what it had advanced (advances and recoveries do not move the
/// balance; a loss turns an advance into a fall of it).
#[derive(Clone, Debug, Serialize)]
pub struct FundStatement {
    /// The phase.
    pub phase: String,
    /// The balance at its start.
    pub opening: String,
    /// Every movement of the balance in it.
    pub movements: Vec<FundLine>,
    /// The balance at its end: opening + movements.
    pub closing: String,
    /// Open advances at its start.
    pub open_advances_opening: String,
    /// Advances paid in it (wages paid before their client paid).
    pub advances_paid: String,
    /// Advances recovered in it (clients' payments).
    pub recoveries: String,
    /// Advances lost in it (clients' defaults): the losses borne.
    pub losses_borne: String,
    /// Open advances at its end: opening + advances - recoveries - losses.
    pub open_advances_closing: String,
    /// Coverage at its start.
    pub coverage_opening: Option<String>,
    /// Coverage at its end.
    pub coverage_closing: Option<String>,
}

/// The fund at one moment: its journal lines summed per entry kind, and its advances.
struct FundSnapshot {
    /// Per entry kind: entries and the balance they made (credits positive).
    by_kind: BTreeMap<String, (i64, Money)>,
    view: crate::service::views::GuaranteeFundView,
}

#[derive(FromQueryResult)]
struct KindRow {
    kind: String,
    entries: i64,
    total: i64,
}

impl FundSnapshot {
    async fn take(node: &Node) -> Result<FundSnapshot, AppError> {
        let db = node.store.db();
        let currency = node.currency();
        // One pass over the fund's lines: the journal's own figures, not the fund's movements table.
        let sql = "SELECT e.kind AS kind, CAST(COUNT(DISTINCT e.id) AS BIGINT) AS entries, \
                   CAST(SUM(l.amount_minor) AS BIGINT) AS total \
                   FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id \
                   WHERE l.account = 'guarantee_fund' GROUP BY e.kind";
        let rows = KindRow::find_by_statement(Statement::from_string(db.get_database_backend(), sql)).all(db).await?;
        // The fund is a liability: a credit (negative line) raises its balance.
        let by_kind =
            rows.into_iter().map(|r| (r.kind, (r.entries, Money::from_minor(r.total, currency).negated()))).collect();
        Ok(FundSnapshot { by_kind, view: guarantee_fund::view(db, node).await? })
    }

    fn balance(&self, currency: Currency) -> Result<Money, AppError> {
        self.by_kind.values().try_fold(Money::zero(currency), |sum, (_, m)| Ok(sum.checked_add(*m)?))
    }
}

/// What moved the fund's balance between two snapshots, line by line.
fn fund_statement(
    phase: &str,
    from: &FundSnapshot,
    to: &FundSnapshot,
    currency: Currency,
) -> Result<FundStatement, AppError> {
    let amount = |text: &str| Money::parse(text, currency).map_err(|e| AppError::Corrupt(format!("fund view: {e}")));
    let delta = |a: &str, b: &str| -> Result<Money, AppError> { Ok(amount(b)?.checked_sub(amount(a)?)?) };
    let (advanced, recovered, lost) = (
        delta(&from.view.advanced, &to.view.advanced)?,
        delta(&from.view.recovered, &to.view.recovered)?,
        delta(&from.view.lost, &to.view.lost)?,
    );
    let mut movements = Vec::new();
    let mut kinds: Vec<&String> = to.by_kind.keys().chain(from.by_kind.keys()).collect();
    kinds.sort();
    kinds.dedup();
    for kind in kinds {
        let (n1, m1) = to.by_kind.get(kind).copied().unwrap_or((0, Money::zero(currency)));
        let (n0, m0) = from.by_kind.get(kind).copied().unwrap_or((0, Money::zero(currency)));
        let (entries, change) = (n1.saturating_sub(n0), m1.checked_sub(m0)?);
        if entries == 0 && change.is_zero() {
            continue;
        }
        let line = |movement: &str, amount: Money| FundLine {
            movement: movement.into(),
            entry_kind: kind.clone(),
            entries,
            amount: amount.amount().to_string(),
        };
        match kind.as_str() {
            "fund_endowed" => movements.push(line("reserve brought in", change)),
            "invoice_issued" => movements.push(line("fee shares credited (invoices issued)", change)),
            "credit_note_issued" => movements.push(line("fee shares returned (credit notes)", change)),
            // A default's line on the fund is the fee share reversed plus the advance lost.
            "client_defaulted" => {
                let lost_here = lost.negated();
                movements
                    .push(line("fee shares reversed (unpaid invoices written off)", change.checked_sub(lost_here)?));
                movements.push(line("advances lost (losses borne)", lost_here));
            }
            other => movements.push(line(other, change)),
        }
    }
    Ok(FundStatement {
        phase: phase.into(),
        opening: from.balance(currency)?.amount().to_string(),
        movements,
        closing: to.balance(currency)?.amount().to_string(),
        open_advances_opening: from.view.open_advances.clone(),
        advances_paid: advanced.amount().to_string(),
        recoveries: recovered.amount().to_string(),
        losses_borne: lost.amount().to_string(),
        open_advances_closing: to.view.open_advances.clone(),
        coverage_opening: from.view.coverage_ratio.clone(),
        coverage_closing: to.view.coverage_ratio.clone(),
    })
}

fn at(d: NaiveDate, h: u32) -> NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(h, 0, 0).unwrap_or_default())
}

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| AppError::Corrupt("drill date".into()))
}

/// The day the drill's payroll runs: the node that replays it lives on that day,
/// so its wages are paid on the day the replay says, whatever the clock says.
pub const PAY_DAY: &str = "2026-06-05";

/// Replays a platform's bankruptcy on `node` (fresh): `couriers` couriers work
/// two evenings for the platform, beside `others` members working for a
/// healthy client whose invoices are not yet due; everyone is paid by the
/// payroll run; then the platform goes bankrupt.
pub async fn platform_bankruptcy(
    node: &Node,
    couriers: usize,
    others: usize,
    fund_reserve: Money,
) -> Result<BankruptcyReport, AppError> {
    let monday = day(2026, 6, 1)?;
    let friday: NaiveDate = PAY_DAY.parse().map_err(|_| AppError::Corrupt("drill pay day".into()))?;
    let (tuesday, wednesday) = (day(2026, 6, 2)?, day(2026, 6, 3)?);
    let bankruptcy = day(2026, 6, 26)?;
    let currency = node.currency();
    let eur = |cents: i64| Money::from_minor(cents, currency);
    let opening = FundSnapshot::take(node).await?;
    {
        let txn = node.store.write().await?;
        let e = partage_core::ledger::fund_endowed(monday, "guarantee fund reserve", fund_reserve)?;
        ledger::post(&*txn, &e, None).await?;
        txn.commit().await?;
    }
    let platform = business_client(node, "Fast Meals Platform SA", "BE0403170701").await?;
    let theatre = business_client(node, "Théâtre du Parc ASBL", "BE0202239951").await?;
    let evenings = |d1: NaiveDate, d2: NaiveDate| -> Vec<WorkPeriod> {
        let (s, e) = (
            NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default(),
            NaiveTime::from_hms_opt(22, 0, 0).unwrap_or_default(),
        );
        vec![WorkPeriod { date: d1, start: s, end: e }, WorkPeriod { date: d2, start: s, end: e }]
    };
    // 2 evenings x 4 h x 18.75 EUR = 150.00 invoiced; the budget after the 6.5 % fee is 140.25.
    let seeded = seed(
        node,
        &Seed {
            from: 0,
            count: couriers,
            label: "Courier",
            category: "manual",
            client: platform,
            invoiced: eur(15_000),
            budget: eur(14_025),
            days: evenings(tuesday, wednesday),
            on: monday,
        },
    )
    .await?;
    seed(
        node,
        &Seed {
            from: couriers,
            count: others,
            label: "Stagehand",
            category: "white-collar",
            client: theatre,
            invoiced: eur(40_000),
            budget: eur(37_400),
            days: evenings(tuesday, wednesday),
            on: monday,
        },
    )
    .await?;
    let (run, _) = {
        let txn = node.store.write().await?;
        let r = payroll::start(&*txn, "2026-06", Some(friday), friday, at(friday, 8)).await?;
        txn.commit().await?;
        r
    };
    payroll::process(node, run.id).await?;
    let paid_out = FundSnapshot::take(node).await?;
    let calendar = node.pack.calendar();
    let (mut paid, mut within, mut latest) = (0usize, 0usize, 0u32);
    let ids: Vec<Uuid> = seeded.iter().map(|s| s.contract).collect();
    for slip in payroll::payslips_for_contracts(node.store.db(), &ids).await? {
        paid += 1;
        if slip.pay_date <= slip.deadline {
            within += 1;
        }
        latest = latest.max(calendar.working_days_between(slip.work_end, slip.pay_date));
    }
    let mut loss = Money::zero(currency);
    let txn = node.store.write().await?;
    for s in &seeded {
        let lost_before = guarantee_fund::lost_on(&*txn, s.activity, currency).await?;
        defaults::client_default(&*txn, node, s.invoice, bankruptcy, "bankruptcy of the platform").await?;
        let lost_after = guarantee_fund::lost_on(&*txn, s.activity, currency).await?;
        loss = loss.checked_add(lost_after.checked_sub(lost_before)?)?;
    }
    txn.commit().await?;
    let closing = FundSnapshot::take(node).await?;
    let tb = ledger::trial_balance(node.store.db(), currency, node.pack.as_ref()).await?;
    let fund = vec![
        fund_statement("until the wages are paid (reserve, invoices, payroll run)", &opening, &paid_out, currency)?,
        fund_statement("the platform's bankruptcy (its invoices written off)", &paid_out, &closing, currency)?,
    ];
    Ok(BankruptcyReport {
        couriers,
        paid,
        paid_within_deadline: within,
        latest_payment_working_days: latest,
        fund_loss: loss.amount().to_string(),
        coverage_before: paid_out.view.coverage_ratio.clone(),
        coverage_after: closing.view.coverage_ratio.clone(),
        coverage_definition: COVERAGE.into(),
        fund_before: paid_out.view.balance.clone(),
        fund_after: closing.view.balance.clone(),
        fund,
        journal_balanced: tb.balanced,
    })
}

impl std::fmt::Display for BankruptcyReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ratio = |r: &Option<String>| r.clone().unwrap_or_else(|| "none (nothing advanced)".into());
        writeln!(f, "platform bankruptcy drill")?;
        writeln!(f, "  couriers                     {}", self.couriers)?;
        writeln!(f, "  paid                         {}", self.paid)?;
        writeln!(f, "  paid within 7 working days   {}", self.paid_within_deadline)?;
        writeln!(f, "  latest payment (working days) {}", self.latest_payment_working_days)?;
        writeln!(f, "  fund before / after          {} / {} EUR", self.fund_before, self.fund_after)?;
        writeln!(f, "  advances lost                {} EUR", self.fund_loss)?;
        writeln!(
            f,
            "  coverage before / after      {} / {}",
            ratio(&self.coverage_before),
            ratio(&self.coverage_after)
        )?;
        writeln!(f, "  journal balanced             {}", self.journal_balanced)?;
        for s in &self.fund {
            writeln!(f)?;
            writeln!(f, "fund, {}", s.phase)?;
            writeln!(f, "  {:<62} {:>12}", "opening balance", s.opening)?;
            for m in &s.movements {
                let what = format!("{} ({} entries)", m.movement, m.entries);
                writeln!(f, "  {what:<62} {:>12}", m.amount)?;
            }
            writeln!(f, "  {:<62} {:>12}", "closing balance", s.closing)?;
            writeln!(
                f,
                "  open advances {} + paid {} - recovered {} - lost {} = {}",
                s.open_advances_opening, s.advances_paid, s.recoveries, s.losses_borne, s.open_advances_closing
            )?;
            writeln!(f, "  coverage {} -> {}", ratio(&s.coverage_opening), ratio(&s.coverage_closing))?;
        }
        writeln!(f)?;
        writeln!(f, "{}", self.coverage_definition)
    }
}
