//! A member's account statement: for each of their activities and each month, every
//! flow between the client and the member's pocket, with totals per activity and overall.
//!
//! Where each column comes from, so a member or an advisor can check it:
//! - `invoiced`, `fee`: the invoices and credit notes posted to the activity's budget
//!   that month (excluding VAT; a credit note counts negative);
//! - `expenses`: the budget debited by `expense_reimbursed` entries;
//! - `budget`: the net change of the activity's budget account that month;
//! - `gross`, `employer_contributions`, `employer_other_costs`, `employer_cost`,
//!   `employee_contributions`, `withholding`, `net`: the payslips of the month's
//!   payroll period, split by their lines' side and code;
//! - `fund_advances`, `fund_recoveries`, `fund_losses`: the guarantee fund's movements
//!   on the activity, by date;
//! - `other_budget_changes`: what moved the budget besides the above (a client's
//!   default reverses the budget the invoice had credited), so that every row keeps
//!   `budget = invoiced - fee - expenses - employer_cost + other_budget_changes`.

use super::bounds;
use super::payslip_lines::lines_of;
use super::views::{AccountActivityView, AccountFlowsView, AccountRowView, MemberAccountView};
use super::{ledger, members, money, Node};
use crate::csv::push_record;
use crate::error::AppError;
use crate::storage::entities::{activity, fund_movement, invoice, journal_entry, journal_line, payslip};
use chrono::{Datelike, NaiveDate};
use partage_core::ledger::AccountKind;
use partage_core::period::Month;
use partage_core::{Currency, Money};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// Ids per `IN (...)` list, under SQLite's and PostgreSQL's bound-parameter limits.
const IDS_PER_QUERY: usize = 1_000;

/// The longest range a statement covers, in months.
pub const MAX_MONTHS: i32 = 36;

/// The journal entry kind of an expense reimbursed from an activity's budget.
const EXPENSE_REIMBURSED: &str = "expense_reimbursed";

/// Employer-side payslip lines that are not social security contributions: the
/// provision for holiday pay and the pooled margin (the pack's payroll).
const EMPLOYER_OTHER_COSTS: [&str; 2] = ["holiday_pay_provision", "cooperative_margin"];

/// The employee-side line that is tax, not a contribution.
const WITHHOLDING: &str = "withholding_tax";

/// The columns of a statement row, in the order of the CSV.
pub const COLUMNS: [&str; 15] = [
    "invoiced",
    "fee",
    "expenses",
    "budget",
    "gross",
    "employer_contributions",
    "employee_contributions",
    "withholding",
    "net",
    "fund_advances",
    "fund_recoveries",
    "employer_other_costs",
    "employer_cost",
    "fund_losses",
    "other_budget_changes",
];

/// The flows of one activity-month (or a total), every amount in one currency.
#[derive(Clone, Copy, Debug)]
struct Flows([Money; 15]);

impl Flows {
    fn zero(currency: Currency) -> Flows {
        Flows([Money::zero(currency); 15])
    }

    fn add(&mut self, column: &str, amount: Money) -> Result<(), AppError> {
        let slot = COLUMNS
            .iter()
            .position(|c| *c == column)
            .and_then(|i| self.0.get_mut(i))
            .ok_or_else(|| AppError::Corrupt(format!("account column {column}")))?;
        *slot = slot.checked_add(amount)?;
        Ok(())
    }

    fn get(&self, column: &str) -> Money {
        let currency = self.0.first().map_or(Currency::EUR, |m| m.currency());
        COLUMNS.iter().position(|c| *c == column).and_then(|i| self.0.get(i)).copied().unwrap_or(Money::zero(currency))
    }

    fn add_all(&mut self, other: &Flows) -> Result<(), AppError> {
        for (mine, theirs) in self.0.iter_mut().zip(other.0.iter()) {
            *mine = mine.checked_add(*theirs)?;
        }
        Ok(())
    }

    /// Fills `other_budget_changes` so that the budget identity holds.
    fn close(&mut self) -> Result<(), AppError> {
        let explained = self
            .get("invoiced")
            .checked_sub(self.get("fee"))?
            .checked_sub(self.get("expenses"))?
            .checked_sub(self.get("employer_cost"))?;
        let other = self.get("budget").checked_sub(explained)?;
        self.add("other_budget_changes", other)
    }

    fn view(&self) -> AccountFlowsView {
        let s = |c: &str| self.get(c).amount().to_string();
        AccountFlowsView {
            invoiced: s("invoiced"),
            fee: s("fee"),
            expenses: s("expenses"),
            budget: s("budget"),
            gross: s("gross"),
            employer_contributions: s("employer_contributions"),
            employee_contributions: s("employee_contributions"),
            withholding: s("withholding"),
            net: s("net"),
            fund_advances: s("fund_advances"),
            fund_recoveries: s("fund_recoveries"),
            employer_other_costs: s("employer_other_costs"),
            employer_cost: s("employer_cost"),
            fund_losses: s("fund_losses"),
            other_budget_changes: s("other_budget_changes"),
        }
    }
}

/// The months `from..=to` a statement covers, checked: both `YYYY-MM`, in order, at most 36.
///
/// Without bounds, the current calendar year; with one, the rest of its year.
pub fn months(from: Option<&str>, to: Option<&str>, today: NaiveDate) -> Result<(Month, Month), AppError> {
    let parse = bounds::month;
    let year =
        |y: i32, m: u32| Month::new(y, m).ok_or_else(|| AppError::invalid("year", format!("{y} has no month {m}")));
    let (from, to) = match (from, to) {
        (Some(f), Some(t)) => (parse("from", f)?, parse("to", t)?),
        (Some(f), None) => {
            let f = parse("from", f)?;
            (f, year(f.year(), 12)?)
        }
        (None, Some(t)) => {
            let t = parse("to", t)?;
            (year(t.year(), 1)?, t)
        }
        (None, None) => (year(today.year(), 1)?, year(today.year(), 12)?),
    };
    if to < from {
        return Err(AppError::invalid("to", format!("{to} is before from, {from}")));
    }
    let count = from.count_to(to);
    if i64::from(count) > i64::from(MAX_MONTHS) {
        return Err(AppError::invalid(
            "to",
            format!("{from} to {to} is {count} months: a statement covers at most {MAX_MONTHS}"),
        ));
    }
    Ok((from, to))
}

/// Every flow of the member's activities per month of `from..=to`.
pub async fn statement<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    member: Uuid,
    from: Month,
    to: Month,
) -> Result<MemberAccountView, AppError> {
    members::load(c, member).await?;
    let currency = node.currency();
    let activities = activity::Entity::find()
        .filter(activity::Column::MemberId.eq(member))
        .order_by_asc(activity::Column::Name)
        .order_by_asc(activity::Column::Id)
        .all(c)
        .await?;
    let ids: Vec<Uuid> = activities.iter().map(|a| a.id).collect();
    let mut cells: BTreeMap<(Uuid, String), Flows> = BTreeMap::new();
    let mut opening: HashMap<Uuid, Money> = HashMap::new();
    for part in ids.chunks(IDS_PER_QUERY) {
        // The months' lines only, through the (account, sub_account, entry_date) index:
        // a statement's cost grows with its window, not with the activity's history.
        let lines = journal_line::Entity::find()
            .filter(journal_line::Column::Account.eq(AccountKind::ActivityBudget.as_str()))
            .filter(journal_line::Column::SubAccount.is_in(part.iter().copied()))
            .filter(journal_line::Column::EntryDate.between(from.first_day(), to.last_day()))
            .all(c)
            .await?;
        for (id, open) in ledger::budgets_at_start_of(c, part, from.first_day()).await? {
            opening.insert(id, Money::from_minor(open, currency));
        }
        let entry_ids: Vec<Uuid> = lines.iter().map(|l| l.entry_id).collect();
        let mut entries: HashMap<Uuid, journal_entry::Model> = HashMap::with_capacity(entry_ids.len());
        let mut documents = Vec::new();
        for ids in entry_ids.chunks(IDS_PER_QUERY) {
            for e in journal_entry::Entity::find()
                .filter(journal_entry::Column::Id.is_in(ids.iter().copied()))
                .all(c)
                .await?
            {
                documents.extend(e.document_id);
                entries.insert(e.id, e);
            }
        }
        let mut invoices: HashMap<Uuid, invoice::Model> = HashMap::with_capacity(documents.len());
        for ids in documents.chunks(IDS_PER_QUERY) {
            for i in invoice::Entity::find().filter(invoice::Column::Id.is_in(ids.iter().copied())).all(c).await? {
                invoices.insert(i.id, i);
            }
        }
        for l in &lines {
            let (Some(e), Some(activity)) = (entries.get(&l.entry_id), l.sub_account) else { continue };
            // Budget accounts are liabilities: a credit (negative line) increases the budget.
            let change = money(l.amount_minor, &l.currency)?.negated();
            let flows = cell(&mut cells, activity, month_of(e.entry_date), currency);
            flows.add("budget", change)?;
            match (e.kind.as_str(), e.document_id.and_then(|d| invoices.get(&d))) {
                ("invoice_issued", Some(inv)) => {
                    flows.add("invoiced", money(inv.net_minor, &inv.currency)?)?;
                    flows.add("fee", money(inv.fee_minor, &inv.currency)?)?;
                }
                ("credit_note_issued", Some(inv)) => {
                    flows.add("invoiced", money(inv.net_minor, &inv.currency)?.negated())?;
                    flows.add("fee", money(inv.fee_minor, &inv.currency)?.negated())?;
                }
                (EXPENSE_REIMBURSED, _) => flows.add("expenses", change.negated())?,
                _ => {}
            }
        }
        for s in payslip::Entity::find()
            .filter(payslip::Column::ActivityId.is_in(part.iter().copied()))
            .filter(payslip::Column::Period.gte(from.to_string()))
            .filter(payslip::Column::Period.lte(to.to_string()))
            .all(c)
            .await?
        {
            let flows = cell(&mut cells, s.activity_id, s.period.clone(), currency);
            flows.add("gross", money(s.gross_minor, &s.currency)?)?;
            flows.add("net", money(s.net_minor, &s.currency)?)?;
            flows.add("employer_cost", money(s.employer_cost_minor, &s.currency)?)?;
            for line in lines_of(&s)? {
                let column = match (line.side.as_str(), line.code.as_str()) {
                    ("employee", WITHHOLDING) => "withholding",
                    ("employee", _) => "employee_contributions",
                    ("employer", code) if EMPLOYER_OTHER_COSTS.contains(&code) => "employer_other_costs",
                    ("employer", _) => "employer_contributions",
                    _ => continue,
                };
                flows.add(column, line.amount)?;
            }
        }
        for mv in fund_movement::Entity::find()
            .filter(fund_movement::Column::ActivityId.is_in(part.iter().copied()))
            .filter(fund_movement::Column::MovementDate.gte(from.first_day()))
            .filter(fund_movement::Column::MovementDate.lte(to.last_day()))
            .all(c)
            .await?
        {
            let column = match mv.kind.as_str() {
                "advance" => "fund_advances",
                "recovery" => "fund_recoveries",
                "loss" => "fund_losses",
                other => return Err(AppError::Corrupt(format!("fund movement kind '{other}'"))),
            };
            cell(&mut cells, mv.activity_id, month_of(mv.movement_date), currency)
                .add(column, money(mv.amount_minor, &mv.currency)?)?;
        }
    }
    let mut rows = Vec::with_capacity(cells.len());
    let mut per_activity = Vec::with_capacity(activities.len());
    let mut total = Flows::zero(currency);
    for a in &activities {
        let mut sum = Flows::zero(currency);
        for ((_, month), flows) in cells.range_mut((a.id, String::new())..).take_while(|((id, _), _)| *id == a.id) {
            flows.close()?;
            sum.add_all(flows)?;
            rows.push(AccountRowView {
                activity_id: a.id,
                activity: a.name.clone(),
                month: month.clone(),
                flows: flows.view(),
            });
        }
        total.add_all(&sum)?;
        let open = opening.get(&a.id).copied().unwrap_or_else(|| Money::zero(currency));
        per_activity.push(AccountActivityView {
            activity_id: a.id,
            activity: a.name.clone(),
            opening_budget: open.amount().to_string(),
            closing_budget: open.checked_add(sum.get("budget"))?.amount().to_string(),
            totals: sum.view(),
        });
    }
    Ok(MemberAccountView {
        member_id: member,
        currency: currency.code().into(),
        from: from.to_string(),
        to: to.to_string(),
        rows,
        activities: per_activity,
        totals: total.view(),
    })
}

/// The flows of an activity-month, zero until something is added.
fn cell(cells: &mut BTreeMap<(Uuid, String), Flows>, activity: Uuid, month: String, currency: Currency) -> &mut Flows {
    cells.entry((activity, month)).or_insert_with(|| Flows::zero(currency))
}

fn month_of(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// The statement as CSV (RFC 4180): a header, then one row per activity and month.
pub fn csv(view: &MemberAccountView) -> String {
    let mut out = String::new();
    let header: Vec<&str> = ["activity_id", "activity", "month"].into_iter().chain(COLUMNS).collect();
    push_record(&mut out, header);
    for r in &view.rows {
        let f = &r.flows;
        let amounts = [
            &f.invoiced,
            &f.fee,
            &f.expenses,
            &f.budget,
            &f.gross,
            &f.employer_contributions,
            &f.employee_contributions,
            &f.withholding,
            &f.net,
            &f.fund_advances,
            &f.fund_recoveries,
            &f.employer_other_costs,
            &f.employer_cost,
            &f.fund_losses,
            &f.other_budget_changes,
        ];
        push_record(
            &mut out,
            [r.activity_id.to_string(), r.activity.clone(), r.month.clone()]
                .into_iter()
                .chain(amounts.into_iter().cloned()),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_statement_covers_the_current_year_unless_told_and_at_most_36_months() {
        let (f, t) = months(None, None, d(2026, 3, 2)).unwrap();
        assert_eq!((f.to_string(), t.to_string()), ("2026-01".into(), "2026-12".into()));
        let (f, t) = months(Some("2025-04"), None, d(2026, 3, 2)).unwrap();
        assert_eq!((f.to_string(), t.to_string()), ("2025-04".into(), "2025-12".into()));
        let (f, t) = months(None, Some("2024-02"), d(2026, 3, 2)).unwrap();
        assert_eq!((f.to_string(), t.to_string()), ("2024-01".into(), "2024-02".into()));
        assert!(months(Some("2024-01"), Some("2026-12"), d(2026, 3, 2)).is_ok(), "36 months");
        assert!(months(Some("2024-01"), Some("2027-01"), d(2026, 3, 2)).is_err(), "37 months");
        assert!(months(Some("2026-03"), Some("2026-02"), d(2026, 3, 2)).is_err());
        assert!(months(Some("2026-3"), None, d(2026, 3, 2)).is_err());
    }
}
