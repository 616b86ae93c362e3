//! The group report of a month: each node's figures converted to euros with the
//! reference rate HQ published, the group's totals, small cells suppressed, the
//! guarantee fund's coverage of each node flagged under the floor. A pure function of
//! the kept snapshots, the rates and the enrolled nodes: replaying the stream into an
//! empty HQ gives the same report, byte for byte.

use crate::figures::{PeriodFigures, SectorFigures};
use crate::store::{EnrolledNode, HqStore, ReferenceRate, StoredSnapshot};
use crate::HqError;
use partage_core::guarantee_fund::coverage_ratio;
use partage_core::{Currency, Money};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// Counts of 1 to 4 people are not shown (GDPR Recital 26: HQ's figures stay anonymous).
pub const MIN_CELL: u32 = 5;

/// A count, or nothing when it is suppressed.
pub type Cell = Option<u32>;

/// One sector of one node, in euros.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SectorRow {
    /// `artistic`, `cultural_industry`, `other`.
    pub sector: &'static str,
    /// People in the sector.
    pub people: Cell,
    /// Turnover excluding VAT, EUR.
    pub turnover_excl_vat: Option<Decimal>,
    /// Gross payroll mass, EUR.
    pub payroll_mass_gross: Option<Decimal>,
    /// Employer cost, EUR.
    pub employer_cost: Option<Decimal>,
}

/// The guarantee fund of a node, or of the group, in euros.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FundRow {
    /// What the fund holds, EUR.
    pub balance: Decimal,
    /// Open advances, EUR.
    pub open_advances: Decimal,
    /// Balance over open advances; none when nothing is advanced.
    pub coverage_ratio: Option<Decimal>,
    /// Coverage under the floor.
    pub under_floor: bool,
}

/// One node's line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeRow {
    /// Node code.
    pub node: String,
    /// The node's currency.
    pub currency: String,
    /// When the node computed the figures shown; none before its first snapshot.
    pub as_of: Option<String>,
    /// Revision shown.
    pub revision: Option<u32>,
    /// Members active at the period's end.
    pub members_active: Cell,
    /// Members admitted.
    pub signups: Cell,
    /// Members who left.
    pub leavers: Cell,
    /// Full-time equivalents (suppressed with the members when under five).
    pub fte: Option<Decimal>,
    /// Sectors.
    pub sectors: Vec<SectorRow>,
    /// The fund.
    pub fund: Option<FundRow>,
}

/// The snapshot a report used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Input {
    /// Node code.
    pub node: String,
    /// Revision.
    pub revision: u32,
    /// SHA-256 of the figures.
    pub sha256: String,
}

/// The group report of one month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GroupReport {
    /// `YYYY-MM`.
    pub period: String,
    /// Always EUR.
    pub currency: &'static str,
    /// The coverage floor the fund rows are flagged against.
    pub coverage_floor: Decimal,
    /// Snapshots used.
    pub inputs: Vec<Input>,
    /// Rates used.
    pub rates: Vec<ReferenceRate>,
    /// One line per enrolled node or node with figures.
    pub nodes: Vec<NodeRow>,
    /// The group: every node summed (suppressed cells included in the sums, which is
    /// why a column with one suppressed node also suppresses the next smallest).
    pub total: NodeRow,
}

/// Builds the report of `period` from the store.
pub async fn build(store: &HqStore, period: &str, floor: Decimal) -> Result<GroupReport, HqError> {
    let snapshots = store.snapshots(period).await?;
    let nodes = store.nodes().await?;
    let rates = store.rates(period).await?;
    compute(period, &snapshots, &nodes, &rates, floor)
}

struct Converted {
    node: String,
    currency: String,
    snapshot: Option<(StoredSnapshot, PeriodFigures)>,
}

/// The report from its inputs (no I/O).
pub fn compute(
    period: &str,
    snapshots: &[StoredSnapshot],
    nodes: &[EnrolledNode],
    rates: &[ReferenceRate],
    floor: Decimal,
) -> Result<GroupReport, HqError> {
    let mut lines: Vec<Converted> = Vec::new();
    for node in nodes {
        lines.push(Converted { node: node.node.clone(), currency: node.currency.clone(), snapshot: None });
    }
    for s in snapshots {
        let figures: PeriodFigures =
            serde_json::from_str(&s.body).map_err(|e| HqError::Corrupt(format!("snapshot {}: {e}", s.event_id)))?;
        match lines.iter_mut().find(|l| l.node == s.node) {
            Some(line) => {
                line.currency = figures.currency.clone();
                line.snapshot = Some((s.clone(), figures));
            }
            None => lines.push(Converted {
                node: s.node.clone(),
                currency: figures.currency.clone(),
                snapshot: Some((s.clone(), figures)),
            }),
        }
    }
    lines.sort_by(|a, b| a.node.cmp(&b.node));

    let mut used_rates: Vec<ReferenceRate> = Vec::new();
    let mut rows = Vec::new();
    let mut inputs = Vec::new();
    // Exact values per row before suppression, for the totals.
    let mut exact: Vec<Exact> = Vec::new();
    for line in &lines {
        let Some((stored, f)) = &line.snapshot else {
            rows.push(NodeRow {
                node: line.node.clone(),
                currency: line.currency.clone(),
                as_of: None,
                revision: None,
                members_active: None,
                signups: None,
                leavers: None,
                fte: None,
                sectors: Vec::new(),
                fund: None,
            });
            continue;
        };
        inputs.push(Input { node: line.node.clone(), revision: stored.revision, sha256: stored.sha256.clone() });
        let convert = converter(&f.currency, period, rates, &mut used_rates)?;
        let sectors: Vec<(&'static str, &SectorFigures)> = f.sectors.named().to_vec();
        let e = Exact {
            members_active: f.members_active,
            signups: f.signups,
            leavers: f.leavers,
            fte: f.fte,
            sectors: sectors
                .iter()
                .map(|(_, s)| {
                    Ok(ExactSector {
                        people: s.people,
                        turnover: convert(s.turnover_excl_vat)?,
                        payroll: convert(s.payroll_mass_gross)?,
                        employer_cost: convert(s.employer_cost)?,
                    })
                })
                .collect::<Result<_, HqError>>()?,
            balance: convert(f.fund.balance)?,
            advances: convert(f.fund.open_advances)?,
        };
        let fund = fund_row(e.balance, e.advances, floor);
        rows.push(NodeRow {
            node: line.node.clone(),
            currency: f.currency.clone(),
            as_of: Some(stored.occurred_at.clone()),
            revision: Some(stored.revision),
            members_active: Some(e.members_active),
            signups: Some(e.signups),
            leavers: Some(e.leavers),
            fte: Some(e.fte),
            sectors: sectors
                .iter()
                .zip(&e.sectors)
                .map(|((name, _), s)| SectorRow {
                    sector: name,
                    people: Some(s.people),
                    turnover_excl_vat: Some(s.turnover),
                    payroll_mass_gross: Some(s.payroll),
                    employer_cost: Some(s.employer_cost),
                })
                .collect(),
            fund: Some(fund),
        });
        exact.push(e);
    }

    let total = totals(&exact, floor);
    suppress(&mut rows);
    used_rates.sort_by(|a, b| a.currency.cmp(&b.currency));
    Ok(GroupReport {
        period: period.to_owned(),
        currency: "EUR",
        coverage_floor: floor,
        inputs,
        rates: used_rates,
        nodes: rows,
        total,
    })
}

struct ExactSector {
    people: u32,
    turnover: Decimal,
    payroll: Decimal,
    employer_cost: Decimal,
}

struct Exact {
    members_active: u32,
    signups: u32,
    leavers: u32,
    fte: Decimal,
    sectors: Vec<ExactSector>,
    balance: Decimal,
    advances: Decimal,
}

/// Converts a node's amount to euros: divided by the period's published rate, rounded
/// half-even to the cent (research §6.4), before any sum.
fn converter(
    currency: &str,
    period: &str,
    rates: &[ReferenceRate],
    used: &mut Vec<ReferenceRate>,
) -> Result<impl Fn(Decimal) -> Result<Decimal, HqError>, HqError> {
    let divisor = if currency == Currency::EUR.code() {
        Decimal::ONE
    } else {
        let rate = rates
            .iter()
            .find(|r| r.currency == currency && r.period == period)
            .ok_or_else(|| HqError::RateMissing { currency: currency.to_owned(), period: period.to_owned() })?;
        if rate.units_per_eur <= Decimal::ZERO {
            return Err(HqError::Corrupt(format!("rate {} of {currency}", rate.units_per_eur)));
        }
        if !used.contains(rate) {
            used.push(rate.clone());
        }
        rate.units_per_eur
    };
    Ok(move |amount: Decimal| {
        amount
            .checked_div(divisor)
            .map(|eur| {
                let mut cents = eur.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven);
                // Always two decimals: the report writes "20000.00", not "20000".
                cents.rescale(2);
                cents
            })
            .ok_or_else(|| HqError::Corrupt(format!("{amount} over {divisor}")))
    })
}

fn fund_row(balance: Decimal, advances: Decimal, floor: Decimal) -> FundRow {
    let ratio = coverage_ratio(
        Money::rounded(balance, Currency::EUR, partage_core::RoundingRule::HalfEven),
        Money::rounded(advances, Currency::EUR, partage_core::RoundingRule::HalfEven),
    )
    .map(|r| r.value());
    FundRow { balance, open_advances: advances, coverage_ratio: ratio, under_floor: ratio.is_some_and(|r| r < floor) }
}

fn totals(exact: &[Exact], floor: Decimal) -> NodeRow {
    let sum_u = |f: &dyn Fn(&Exact) -> u32| exact.iter().map(f).sum::<u32>();
    let sum_d = |f: &dyn Fn(&Exact) -> Decimal| cents(exact.iter().map(f).sum::<Decimal>());
    let names = ["artistic", "cultural_industry", "other"];
    let sectors = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let pick = |f: &dyn Fn(&ExactSector) -> Decimal| {
                exact.iter().filter_map(|e| e.sectors.get(i)).map(f).sum::<Decimal>()
            };
            SectorRow {
                sector: name,
                people: Some(exact.iter().filter_map(|e| e.sectors.get(i)).map(|s| s.people).sum()),
                turnover_excl_vat: Some(pick(&|s| s.turnover)),
                payroll_mass_gross: Some(pick(&|s| s.payroll)),
                employer_cost: Some(pick(&|s| s.employer_cost)),
            }
        })
        .collect();
    let members = sum_u(&|e| e.members_active);
    let mut row = NodeRow {
        node: "group".into(),
        currency: "EUR".into(),
        as_of: None,
        revision: None,
        members_active: Some(members),
        signups: Some(sum_u(&|e| e.signups)),
        leavers: Some(sum_u(&|e| e.leavers)),
        fte: Some(exact.iter().map(|e| e.fte).sum()),
        sectors,
        fund: Some(fund_row(sum_d(&|e| e.balance), sum_d(&|e| e.advances), floor)),
    };
    // The group's own cells follow the same rule (a group of four members is still four people).
    suppress(std::slice::from_mut(&mut row));
    row
}

/// An amount in euros with two decimals, even when nothing was summed.
fn cents(mut amount: Decimal) -> Decimal {
    amount.rescale(2);
    amount
}

fn small(count: u32) -> bool {
    (1..MIN_CELL).contains(&count)
}

/// Primary suppression of counts of 1 to 4 (and the FTE with a node's members, a
/// sector's amounts with its people); then, column by column, when exactly one node
/// is suppressed, the next smallest too, so the total does not give it away.
fn suppress(rows: &mut [NodeRow]) {
    fn hide_sector(s: &mut SectorRow) {
        s.people = None;
        s.turnover_excl_vat = None;
        s.payroll_mass_gross = None;
        s.employer_cost = None;
    }
    fn hide_members(r: &mut NodeRow) {
        r.members_active = None;
        r.fte = None;
    }
    // Counts: (getter, hider).
    type Get = fn(&NodeRow) -> Cell;
    type Hide = fn(&mut NodeRow);
    let count_columns: [(Get, Hide); 3] = [
        (|r| r.members_active, hide_members),
        (|r| r.signups, |r| r.signups = None),
        (|r| r.leavers, |r| r.leavers = None),
    ];
    for (get, hide) in count_columns {
        let values: Vec<Cell> = rows.iter().map(get).collect();
        for (row, value) in rows.iter_mut().zip(&values) {
            if value.is_some_and(small) {
                hide(row);
            }
        }
        secondary(rows, &values, |r| get(r).is_none(), hide);
    }
    for i in 0..3 {
        let values: Vec<Cell> = rows.iter().map(|r| r.sectors.get(i).and_then(|s| s.people)).collect();
        for (row, value) in rows.iter_mut().zip(&values) {
            if value.is_some_and(small) {
                if let Some(s) = row.sectors.get_mut(i) {
                    hide_sector(s);
                }
            }
        }
        secondary(
            rows,
            &values,
            |r| r.sectors.get(i).is_some_and(|s| s.people.is_none()),
            |r| {
                if let Some(s) = r.sectors.get_mut(i) {
                    hide_sector(s);
                }
            },
        );
    }
}

/// When exactly one row with figures is hidden in a column, hides the smallest other
/// non-zero one, so the total minus the shown cells does not reveal it.
fn secondary(rows: &mut [NodeRow], values: &[Cell], hidden: impl Fn(&NodeRow) -> bool, hide: impl Fn(&mut NodeRow)) {
    if rows.len() < 2 {
        return;
    }
    let hidden_count = rows.iter().zip(values).filter(|(r, v)| v.is_some() && hidden(r)).count();
    if hidden_count != 1 {
        return;
    }
    let next = rows
        .iter()
        .zip(values)
        .enumerate()
        .filter(|(_, (r, v))| !hidden(r) && v.is_some_and(|v| v > 0))
        .min_by_key(|(_, (r, v))| (v.unwrap_or(u32::MAX), r.node.clone()))
        .map(|(i, _)| i);
    if let Some(row) = next.and_then(|i| rows.get_mut(i)) {
        hide(row);
    }
}

/// The report as CSV through the project's writer (formula injection neutralised):
/// one line per node, then the group.
pub fn to_csv(report: &GroupReport) -> String {
    let mut out = String::new();
    let mut header: Vec<String> =
        ["period", "node", "currency", "as_of", "revision", "members_active", "signups", "leavers", "fte"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
    for name in ["artistic", "cultural_industry", "other"] {
        for col in ["people", "turnover_excl_vat_eur", "payroll_mass_gross_eur", "employer_cost_eur"] {
            header.push(format!("{name}_{col}"));
        }
    }
    header.extend(
        ["fund_balance_eur", "fund_open_advances_eur", "fund_coverage_ratio", "fund_under_floor"].map(String::from),
    );
    partage_documents::csv::push_record(&mut out, &header);
    for row in report.nodes.iter().chain(std::iter::once(&report.total)) {
        let count = |c: Cell| c.map_or_else(|| "suppressed".to_owned(), |v| v.to_string());
        let amount = |a: Option<Decimal>| a.map_or_else(|| "suppressed".to_owned(), |v| v.to_string());
        let has = row.revision.is_some() || row.node == "group";
        let mut fields = vec![
            report.period.clone(),
            row.node.clone(),
            row.currency.clone(),
            row.as_of.clone().unwrap_or_default(),
            row.revision.map(|r| r.to_string()).unwrap_or_default(),
        ];
        if has {
            fields.extend([count(row.members_active), count(row.signups), count(row.leavers), amount(row.fte)]);
            for s in &row.sectors {
                fields.extend([
                    count(s.people),
                    amount(s.turnover_excl_vat),
                    amount(s.payroll_mass_gross),
                    amount(s.employer_cost),
                ]);
            }
        } else {
            fields.extend(std::iter::repeat_n(String::new(), 4 + 12));
        }
        match &row.fund {
            Some(f) => fields.extend([
                f.balance.to_string(),
                f.open_advances.to_string(),
                f.coverage_ratio.map(|r| r.to_string()).unwrap_or_default(),
                f.under_floor.to_string(),
            ]),
            None => fields.extend(std::iter::repeat_n(String::new(), 4)),
        }
        partage_documents::csv::push_record(&mut out, &fields);
    }
    out
}

impl GroupReport {
    /// Each node with figures and the time they are as of.
    pub fn as_of_nodes(&self) -> Vec<(&str, &str)> {
        self.nodes.iter().filter_map(|r| r.as_of.as_deref().map(|a| (r.node.as_str(), a))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::{FundFigures, Sectors};

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn snapshot(node: &str, members: u32, artistic_people: u32, currency: &str) -> StoredSnapshot {
        let sector = |people: u32| SectorFigures {
            people,
            turnover_excl_vat: d("100.00"),
            payroll_mass_gross: d("50.00"),
            employer_cost: d("70.00"),
        };
        let f = PeriodFigures {
            period: "2026-01".into(),
            revision: 1,
            currency: currency.into(),
            members_active: members,
            signups: 0,
            leavers: 5,
            fte: d("2.5"),
            sectors: Sectors { artistic: sector(artistic_people), cultural_industry: sector(20), other: sector(0) },
            fund: FundFigures { balance: d("10.00"), open_advances: d("0.00") },
        };
        StoredSnapshot {
            node: node.into(),
            period: "2026-01".into(),
            revision: 1,
            sha256: String::new(),
            event_id: format!("{node}:1"),
            occurred_at: "2026-02-01T00:00:00Z".into(),
            body: serde_json::to_string(&f).unwrap(),
        }
    }

    fn row<'a>(r: &'a GroupReport, node: &str) -> &'a NodeRow {
        r.nodes.iter().find(|n| n.node == node).unwrap()
    }

    #[test]
    fn counts_of_one_to_four_people_are_suppressed_with_what_they_reveal() {
        let snaps = [snapshot("at", 4, 3, "EUR"), snapshot("be", 50, 30, "EUR"), snapshot("fr", 9, 9, "EUR")];
        let r = compute("2026-01", &snaps, &[], &[], d("1")).unwrap();
        let at = row(&r, "at");
        assert_eq!((at.members_active, at.fte), (None, None));
        assert_eq!(
            at.sectors[0],
            SectorRow {
                sector: "artistic",
                people: None,
                turnover_excl_vat: None,
                payroll_mass_gross: None,
                employer_cost: None
            }
        );
        // Zero is not a person: shown. Five is the first count shown.
        assert_eq!(at.signups, Some(0));
        assert_eq!(at.leavers, Some(5));
        assert_eq!(at.sectors[2].people, Some(0));
        // The group's totals keep every node: 4 + 50 + 9.
        assert_eq!(r.total.members_active, Some(63));
        assert_eq!(r.total.sectors[0].turnover_excl_vat, Some(d("300.00")));
    }

    #[test]
    fn one_suppressed_cell_in_a_column_hides_the_next_smallest_so_the_total_does_not_reveal_it() {
        let snaps = [snapshot("at", 4, 3, "EUR"), snapshot("be", 50, 30, "EUR"), snapshot("fr", 9, 9, "EUR")];
        let r = compute("2026-01", &snaps, &[], &[], d("1")).unwrap();
        // Members: AT (4) primary, FR (9) secondary; BE shown.
        assert_eq!(row(&r, "fr").members_active, None);
        assert_eq!(row(&r, "be").members_active, Some(50));
        assert_eq!(row(&r, "fr").sectors[0].people, None);
        assert_eq!(row(&r, "be").sectors[0].people, Some(30));
        // Two suppressed cells already hide each other: nothing more.
        let snaps = [snapshot("at", 4, 20, "EUR"), snapshot("be", 50, 30, "EUR"), snapshot("fr", 2, 9, "EUR")];
        let r = compute("2026-01", &snaps, &[], &[], d("1")).unwrap();
        assert_eq!(row(&r, "be").members_active, Some(50));
    }

    #[test]
    fn a_group_of_fewer_than_five_is_suppressed_in_the_total_too() {
        let r = compute("2026-01", &[snapshot("at", 3, 3, "EUR")], &[], &[], d("1")).unwrap();
        assert_eq!(r.total.members_active, None);
        assert_eq!(r.total.sectors[0].people, None);
    }

    #[test]
    fn conversion_rounds_half_to_even_after_dividing() {
        let rate = ReferenceRate {
            currency: "SEK".into(),
            period: "2026-01".into(),
            version: 1,
            // Synthetic rate: makes exact half cents.
            units_per_eur: d("2"),
            rate_date: "2026-01-30".parse().unwrap(),
            source: "test".into(),
        };
        let mut used = Vec::new();
        let convert = converter("SEK", "2026-01", std::slice::from_ref(&rate), &mut used).unwrap();
        assert_eq!(convert(d("0.05")).unwrap(), d("0.02"));
        assert_eq!(convert(d("0.07")).unwrap(), d("0.04"));
        assert_eq!(convert(d("-0.05")).unwrap(), d("-0.02"));
        assert_eq!(used, vec![rate]);
    }

    #[test]
    fn the_csv_neutralises_a_cell_that_would_start_a_formula() {
        let mut snap = snapshot("be", 50, 30, "EUR");
        snap.occurred_at = "=HYPERLINK(\"http://x\")".into();
        let r = compute("2026-01", &[snap], &[], &[], d("1")).unwrap();
        let csv = to_csv(&r);
        assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
        assert!(csv.lines().nth(1).unwrap().starts_with("2026-01,be,EUR,"));
        assert_eq!(csv.lines().count(), 3);
    }
}
