//! The periodic social security return: after paying its workers, an employer tells the
//! state, per worker and per employment line, what it paid, the time worked, and the
//! contributions it withheld and owes. This is the content, independent of the country's
//! format, which its pack renders.
//!
//! The fields are the ones the three formats Partage targets share, so one content can
//! feed each of them (from the project's research notes on the three declarations):
//! - employer and worker identifiers: the employer's company and social security
//!   registration numbers and the worker's national number (the company, establishment
//!   and individual blocks of France's monthly return; Italy's UniEmens
//!   `Azienda`/`PosContributiva` and `CFLavoratore`);
//! - per employment line (a contract, or a stretch of one under unchanged terms): dates,
//!   worker category, the collective agreement it falls under (Italy's CCNL, France's
//!   IDCC), the working time of the worker and of the full-time reference person (the
//!   French contract block's quotité), days and hours worked;
//! - amounts: gross pay, the base contributions are computed on, the employee and
//!   employer contributions, the special contribution withheld, and the reductions of
//!   the employee contribution the pack defines, by name (the French remuneration, base
//!   and contribution blocks; UniEmens `Imponibile` and contributions); taxable pay, tax
//!   withheld, net paid and each contribution on its own, which a monthly return declares.
//!
//! A return covers the period its pack chooses ([`ReturnFrequency`]): a calendar quarter
//! or a month (France's and Italy's returns are monthly).

use crate::hiring::{DeclaredWorker, DeclaringEmployer};
use crate::money::{Currency, Money, MoneyError};
use crate::period::{Month, Quarter};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// How often a country's social security return is filed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReturnFrequency {
    /// Once per calendar quarter, written `2026-Q3`.
    Quarterly,
    /// Once per calendar month, written `2026-07`.
    Monthly,
}

/// The period a return covers: a quarter or a month of a calendar year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ReturnPeriod {
    /// Quarter or month.
    pub frequency: ReturnFrequency,
    /// Calendar year.
    pub year: i32,
    /// The quarter (1 to 4) or the month (1 to 12) of the year.
    pub number: u32,
}

impl ReturnPeriod {
    /// The quarter `quarter` (1 to 4) of `year`.
    pub fn quarter(year: i32, quarter: u32) -> ReturnPeriod {
        ReturnPeriod { frequency: ReturnFrequency::Quarterly, year, number: quarter }
    }

    /// The month `month` (1 to 12) of `year`.
    pub fn month(year: i32, month: u32) -> ReturnPeriod {
        ReturnPeriod { frequency: ReturnFrequency::Monthly, year, number: month }
    }

    /// Parses a period of `frequency` as its key writes it (`2026-Q3`, `2026-07`); None
    /// when `text` is not one. The forms are `period::Quarter`'s and `period::Month`'s.
    pub fn parse(frequency: ReturnFrequency, text: &str) -> Option<ReturnPeriod> {
        match frequency {
            ReturnFrequency::Quarterly => text.parse::<Quarter>().ok().map(|q| Self::quarter(q.year(), q.number())),
            ReturnFrequency::Monthly => text.trim().parse::<Month>().ok().map(|m| Self::month(m.year(), m.number())),
        }
    }

    /// The period as written: `2026-Q3` for a quarter, `2026-07` for a month.
    pub fn key(&self) -> String {
        match self.frequency {
            ReturnFrequency::Quarterly => format!("{:04}-Q{}", self.year, self.number),
            ReturnFrequency::Monthly => format!("{:04}-{:02}", self.year, self.number),
        }
    }

    /// The calendar months of the period, as core's `Month`s, in order.
    fn calendar_months(&self) -> Result<Vec<Month>, SocialReturnError> {
        match self.frequency {
            ReturnFrequency::Quarterly if !(1..=4).contains(&self.number) => {
                return Err(SocialReturnError::Quarter(self.number))
            }
            ReturnFrequency::Monthly if !(1..=12).contains(&self.number) => {
                return Err(SocialReturnError::Month(self.number))
            }
            _ => {}
        }
        match self.frequency {
            ReturnFrequency::Quarterly => Quarter::new(self.year, self.number).map(|q| q.months().to_vec()),
            ReturnFrequency::Monthly => Month::new(self.year, self.number).map(|m| vec![m]),
        }
        .ok_or(SocialReturnError::Year(self.year))
    }

    /// First day of the period.
    pub fn first_day(&self) -> Result<NaiveDate, SocialReturnError> {
        self.calendar_months()?.first().map(|m| m.first_day()).ok_or(SocialReturnError::Year(self.year))
    }

    /// Last day of the period.
    pub fn last_day(&self) -> Result<NaiveDate, SocialReturnError> {
        self.calendar_months()?.last().map(|m| m.last_day()).ok_or(SocialReturnError::Year(self.year))
    }

    /// The calendar months of the period, as (year, month), in order.
    pub fn months(&self) -> Result<Vec<(i32, u32)>, SocialReturnError> {
        Ok(self.calendar_months()?.into_iter().map(|m| (m.year(), m.number())).collect())
    }
}

/// A period's social security return for one employer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SocialReturn {
    /// The employer declaring.
    pub employer: DeclaringEmployer,
    /// The employer's contribution category, as its social security institution set it.
    pub employer_category: Option<String>,
    /// The quarter or month declared.
    pub period: ReturnPeriod,
    /// Every worker paid in the period, with their employment lines.
    pub workers: Vec<ReturnedWorker>,
}

/// A worker and what they were employed and paid for in the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReturnedWorker {
    /// Who.
    pub worker: DeclaredWorker,
    /// Each contract (or stretch of one under unchanged terms) in the period.
    pub lines: Vec<EmploymentLine>,
}

/// One employment line: a contract, or a part of it under unchanged terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmploymentLine {
    /// Worker category as the pack names them (`white-collar`, `manual`, `artist`), as in `payroll::Employee`.
    pub category: String,
    /// The collective agreement the line falls under, in the country's code (Italy: the
    /// CCNL; France: the IDCC).
    pub collective_agreement: String,
    /// First day of the line; may fall before the period when the contract started earlier.
    pub start: NaiveDate,
    /// Last day, when the line ends; None for an open-ended contract still running.
    pub end: Option<NaiveDate>,
    /// The working time agreed for this line.
    pub working_time: WorkingTime,
    /// Days worked in the period on this line (decimal: half days exist).
    pub days_worked: Decimal,
    /// Hours worked in the period on this line (7.5 for 7 h 30).
    pub hours_worked: Decimal,
    /// What was paid and withheld on this line for the period.
    pub amounts: LineAmounts,
}

/// The agreed working time of a line, and the full-time reference it is measured against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkingTime {
    /// Days per week of the work schedule (5 for a five-day week).
    pub days_per_week: Decimal,
    /// The worker's average weekly hours.
    pub weekly_hours: Decimal,
    /// The average weekly hours of a full-time worker in the same job (the reference person).
    pub reference_weekly_hours: Decimal,
}

impl WorkingTime {
    /// True when the worker works fewer hours than the full-time reference person.
    pub fn is_part_time(&self) -> bool {
        self.weekly_hours < self.reference_weekly_hours
    }
}

/// An amount a pack declares by name (a reduction of the employee contribution).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NamedAmount {
    /// The name the pack gives it (a payslip `LineKind::Reduction`'s `declared_as`).
    pub name: &'static str,
    /// The amount.
    pub amount: Money,
}

/// The amounts of a line for the period, all in one currency, none negative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineAmounts {
    /// Gross pay.
    pub gross: Money,
    /// The base contributions are computed on (more than the gross where the law says so).
    pub contribution_base: Money,
    /// Employee social security contribution, before any reduction.
    pub employee_contribution: Money,
    /// Employer social security contribution.
    pub employer_contribution: Money,
    /// Special social security contribution withheld from pay.
    pub special_contribution: Money,
    /// Reductions of the employee contribution, one per name the pack defines, as
    /// positive amounts.
    pub reductions: Vec<NamedAmount>,
    /// Pay subject to income tax (the base of a withholding, where the country has one).
    pub taxable: Money,
    /// Income tax withheld from pay.
    pub withholding_tax: Money,
    /// What was paid to the worker.
    pub net_paid: Money,
    /// Each contribution of the payslips, under the payslip line's code, summed by code:
    /// for a monthly return that declares every contribution on its own (its base and
    /// amount), where the totals above are not enough. A reduction is a negative amount.
    pub contributions: Vec<ContributionAmount>,
}

/// What a return declares for its whole period, under the return's own codes, as the
/// pack computes it: the figures an advisor finds on the filed form. Packs whose return
/// computes some reductions only for the whole period (not per payslip) declare them here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclaredAmounts {
    /// Every contribution declared, summed by the return's contribution code (the
    /// ordinary ones and the employer's special contributions), positive.
    pub contributions: Vec<NamedAmount>,
    /// Every deduction declared, summed by the return's deduction code, positive.
    pub deductions: Vec<NamedAmount>,
    /// What the employer owes for the period: the contributions less the deductions.
    pub net_owed: Money,
}

impl DeclaredAmounts {
    /// Nothing declared yet, in `currency`.
    pub fn zero(currency: Currency) -> DeclaredAmounts {
        DeclaredAmounts { contributions: Vec::new(), deductions: Vec::new(), net_owed: Money::zero(currency) }
    }

    /// Adds `amount` to the contribution `code`, and to the net owed.
    pub fn add_contribution(&mut self, code: &'static str, amount: Money) -> Result<(), MoneyError> {
        self.net_owed = self.net_owed.checked_add(amount)?;
        add_named(&mut self.contributions, code, amount)
    }

    /// Adds `amount` to the deduction `code`, and takes it off the net owed.
    pub fn add_deduction(&mut self, code: &'static str, amount: Money) -> Result<(), MoneyError> {
        self.net_owed = self.net_owed.checked_sub(amount)?;
        add_named(&mut self.deductions, code, amount)
    }

    /// The deduction `code`, zero when there is none.
    pub fn deduction(&self, code: &str) -> Money {
        self.deductions.iter().find(|d| d.name == code).map_or(Money::zero(self.net_owed.currency()), |d| d.amount)
    }
}

/// Adds `amount` to the entry `name` of `list`, appending it when absent (order of first sight kept).
fn add_named(list: &mut Vec<NamedAmount>, name: &'static str, amount: Money) -> Result<(), MoneyError> {
    match list.iter_mut().find(|n| n.name == name) {
        Some(n) => n.amount = n.amount.checked_add(amount)?,
        None => list.push(NamedAmount { name, amount }),
    }
    Ok(())
}

/// A contribution summed over a line's payslips, under the code of its payslip line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContributionAmount {
    /// The payslip line's stable code (`LineKind::code`), which the pack maps to its return's code.
    pub code: String,
    /// Paid by the employer (true) or withheld from the worker (false).
    pub employer: bool,
    /// What its rate applied to.
    pub base: Money,
    /// The amount; negative for a reduction.
    pub amount: Money,
}

impl LineAmounts {
    /// Every amount zero, in `currency`, without reductions.
    pub fn zero(currency: Currency) -> LineAmounts {
        let zero = Money::zero(currency);
        LineAmounts {
            gross: zero,
            contribution_base: zero,
            employee_contribution: zero,
            employer_contribution: zero,
            special_contribution: zero,
            reductions: Vec::new(),
            taxable: zero,
            withholding_tax: zero,
            net_paid: zero,
            contributions: Vec::new(),
        }
    }

    /// The reduction named `name`, zero when there is none.
    pub fn reduction(&self, name: &str) -> Money {
        let zero = Money::zero(self.gross.currency());
        self.reductions
            .iter()
            .filter(|r| r.name == name)
            .try_fold(zero, |sum, r| sum.checked_add(r.amount))
            .unwrap_or(zero)
    }

    /// Every reduction added up.
    pub fn total_reductions(&self) -> Result<Money, MoneyError> {
        Money::sum(self.gross.currency(), self.reductions.iter().map(|r| r.amount))
    }

    /// Adds `amount` to the reduction named `name`.
    pub fn add_reduction(&mut self, name: &'static str, amount: Money) -> Result<(), MoneyError> {
        add_named(&mut self.reductions, name, amount)
    }

    /// The amounts with their field names, in declaration order (reductions as `reductions.<name>`).
    pub fn named(&self) -> Vec<(String, Money)> {
        let mut named: Vec<(String, Money)> = [
            ("gross", self.gross),
            ("contribution_base", self.contribution_base),
            ("employee_contribution", self.employee_contribution),
            ("employer_contribution", self.employer_contribution),
            ("special_contribution", self.special_contribution),
            ("taxable", self.taxable),
            ("withholding_tax", self.withholding_tax),
            ("net_paid", self.net_paid),
        ]
        .into_iter()
        .map(|(name, amount)| (name.to_owned(), amount))
        .collect();
        named.extend(self.reductions.iter().map(|r| (format!("reductions.{}", r.name), r.amount)));
        named
    }

    /// Field by field sum of two lines' amounts (reductions by name).
    pub fn checked_add(&self, other: &LineAmounts) -> Result<LineAmounts, MoneyError> {
        let mut sum = LineAmounts {
            gross: self.gross.checked_add(other.gross)?,
            contribution_base: self.contribution_base.checked_add(other.contribution_base)?,
            employee_contribution: self.employee_contribution.checked_add(other.employee_contribution)?,
            employer_contribution: self.employer_contribution.checked_add(other.employer_contribution)?,
            special_contribution: self.special_contribution.checked_add(other.special_contribution)?,
            reductions: self.reductions.clone(),
            taxable: self.taxable.checked_add(other.taxable)?,
            withholding_tax: self.withholding_tax.checked_add(other.withholding_tax)?,
            net_paid: self.net_paid.checked_add(other.net_paid)?,
            contributions: self.contributions.clone(),
        };
        for r in &other.reductions {
            sum.add_reduction(r.name, r.amount)?;
        }
        for c in &other.contributions {
            sum.add_contribution(&c.code, c.employer, c.base, c.amount)?;
        }
        Ok(sum)
    }

    /// Adds a contribution line's `base` and `amount` to the one of the same code and side.
    pub fn add_contribution(
        &mut self,
        code: &str,
        employer: bool,
        base: Money,
        amount: Money,
    ) -> Result<(), MoneyError> {
        match self.contributions.iter_mut().find(|c| c.code == code && c.employer == employer) {
            Some(c) => {
                c.base = c.base.checked_add(base)?;
                c.amount = c.amount.checked_add(amount)?;
            }
            None => self.contributions.push(ContributionAmount { code: code.to_owned(), employer, base, amount }),
        }
        Ok(())
    }
}

/// Why a return's content is refused, naming the field as `workers[i].lines[j].…`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SocialReturnError {
    /// The quarter is not 1 to 4.
    #[error("quarter: {0} is not a quarter of the year (1 to 4)")]
    Quarter(u32),
    /// The month is not 1 to 12.
    #[error("month: {0} is not a month of the year (1 to 12)")]
    Month(u32),
    /// The year has no calendar date.
    #[error("year: {0} is out of the calendar's range")]
    Year(i32),
    /// A return without any worker.
    #[error("workers: a return declares at least one worker")]
    NoWorker,
    /// A worker without any employment line.
    #[error("{field}: a worker is declared with at least one employment line")]
    NoLine {
        /// The worker's path, e.g. `workers[1].lines`.
        field: String,
    },
    /// An amount below zero.
    #[error(
        "{field} is negative ({amount}): corrections are declared by amending the return, not with negative amounts"
    )]
    Negative {
        /// The amount's path.
        field: String,
        /// The amount.
        amount: Money,
    },
    /// A value that is not possible.
    #[error("{field}: {message}")]
    Invalid {
        /// The value's path.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// Amounts in different currencies, or too large to add.
    #[error("{field}: {source}")]
    Money {
        /// The amount's path.
        field: String,
        /// The arithmetic error.
        source: MoneyError,
    },
}

impl SocialReturn {
    /// First day of the period.
    pub fn first_day(&self) -> Result<NaiveDate, SocialReturnError> {
        self.period.first_day()
    }

    /// Last day of the period.
    pub fn last_day(&self) -> Result<NaiveDate, SocialReturnError> {
        self.period.last_day()
    }

    /// The currency of the amounts (that of the first line), None when there is no line.
    pub fn currency(&self) -> Option<Currency> {
        self.workers.iter().flat_map(|w| &w.lines).next().map(|l| l.amounts.gross.currency())
    }

    /// Checks what holds in every country: a real period, at least one worker, each with
    /// at least one line; lines that overlap the period, end after they start, and have
    /// a possible working time; time worked and amounts not negative; one currency.
    pub fn check(&self) -> Result<(), SocialReturnError> {
        let (first, last) = (self.first_day()?, self.last_day()?);
        if self.workers.is_empty() {
            return Err(SocialReturnError::NoWorker);
        }
        let currency = self.currency();
        for (w, worker) in self.workers.iter().enumerate() {
            if worker.lines.is_empty() {
                return Err(SocialReturnError::NoLine { field: format!("workers[{w}].lines") });
            }
            for (l, line) in worker.lines.iter().enumerate() {
                let path = format!("workers[{w}].lines[{l}]");
                check_line(line, &path, first, last)?;
                for (name, amount) in line.amounts.named() {
                    let field = format!("{path}.amounts.{name}");
                    if Some(amount.currency()) != currency {
                        return Err(SocialReturnError::Money {
                            field,
                            source: MoneyError::CurrencyMismatch(
                                amount.currency(),
                                currency.unwrap_or(amount.currency()),
                            ),
                        });
                    }
                    if amount.is_negative() {
                        return Err(SocialReturnError::Negative { field, amount });
                    }
                }
            }
        }
        Ok(())
    }

    /// The amounts of every line added up, after `check`; None when there is no line.
    pub fn totals(&self) -> Result<Option<LineAmounts>, SocialReturnError> {
        let mut lines = self.workers.iter().flat_map(|w| &w.lines);
        let Some(first) = lines.next() else { return Ok(None) };
        lines
            .try_fold(first.amounts.clone(), |sum, line| sum.checked_add(&line.amounts))
            .map(Some)
            .map_err(|source| SocialReturnError::Money { field: "workers".to_owned(), source })
    }
}

/// A line's dates and time against the period `first..=last`.
fn check_line(line: &EmploymentLine, path: &str, first: NaiveDate, last: NaiveDate) -> Result<(), SocialReturnError> {
    let invalid =
        |field: &str, message: String| SocialReturnError::Invalid { field: format!("{path}.{field}"), message };
    if let Some(end) = line.end {
        if end < line.start {
            return Err(invalid("end", format!("{end} is before the start, {}", line.start)));
        }
        if end < first {
            return Err(invalid("end", format!("{end} is before the period, which starts on {first}")));
        }
    }
    if line.start > last {
        return Err(invalid("start", format!("{} is after the period, which ends on {last}", line.start)));
    }
    let time = &line.working_time;
    if time.days_per_week <= Decimal::ZERO || time.days_per_week > Decimal::from(7) {
        return Err(invalid(
            "working_time.days_per_week",
            format!("{} is not in 0 (excluded) to 7", time.days_per_week),
        ));
    }
    if time.reference_weekly_hours <= Decimal::ZERO {
        return Err(invalid(
            "working_time.reference_weekly_hours",
            format!("{} is not above zero: the full-time reference works some hours", time.reference_weekly_hours),
        ));
    }
    if time.weekly_hours.is_sign_negative() && !time.weekly_hours.is_zero() {
        return Err(invalid("working_time.weekly_hours", format!("{} is negative", time.weekly_hours)));
    }
    for (field, value) in [("days_worked", line.days_worked), ("hours_worked", line.hours_worked)] {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(invalid(field, format!("{value} is negative")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn eur(text: &str) -> Money {
        Money::parse(text, Currency::EUR).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn line(gross: &str) -> EmploymentLine {
        EmploymentLine {
            category: "white-collar".into(),
            collective_agreement: "200".into(),
            start: d(2026, 1, 5),
            end: Some(d(2026, 2, 27)),
            working_time: WorkingTime {
                days_per_week: dec!(5),
                weekly_hours: dec!(38),
                reference_weekly_hours: dec!(38),
            },
            days_worked: dec!(40),
            hours_worked: dec!(304),
            amounts: LineAmounts {
                gross: eur(gross),
                contribution_base: eur(gross),
                ..LineAmounts::zero(Currency::EUR)
            },
        }
    }

    fn quarter(q: u32, lines: Vec<EmploymentLine>) -> SocialReturn {
        SocialReturn {
            employer: DeclaringEmployer { company_id: "0896755397".into(), social_security_number: None },
            employer_category: None,
            period: ReturnPeriod::quarter(2026, q),
            workers: vec![ReturnedWorker {
                worker: DeclaredWorker {
                    national_id: "93051822361".into(),
                    last_name: "Peeters".into(),
                    first_name: "An".into(),
                    birth_date: d(1993, 5, 18),
                },
                lines,
            }],
        }
    }

    #[test]
    fn a_quarter_runs_from_its_first_to_its_last_calendar_day() {
        let bounds = |q| {
            let r = quarter(q, vec![line("1")]);
            (r.first_day().unwrap(), r.last_day().unwrap())
        };
        assert_eq!(bounds(1), (d(2026, 1, 1), d(2026, 3, 31)));
        assert_eq!(bounds(2), (d(2026, 4, 1), d(2026, 6, 30)));
        assert_eq!(bounds(3), (d(2026, 7, 1), d(2026, 9, 30)));
        assert_eq!(bounds(4), (d(2026, 10, 1), d(2026, 12, 31)));
        assert_eq!(quarter(0, vec![line("1")]).check(), Err(SocialReturnError::Quarter(0)));
        assert_eq!(quarter(5, vec![line("1")]).check(), Err(SocialReturnError::Quarter(5)));
    }

    #[test]
    fn totals_add_every_line_to_the_cent() {
        let mut r = quarter(1, vec![line("1000.01"), line("2000.02")]);
        r.workers.push(ReturnedWorker { worker: r.workers[0].worker.clone(), lines: vec![line("0.97")] });
        assert_eq!(r.check(), Ok(()));
        let totals = r.totals().unwrap().unwrap();
        assert_eq!(totals.gross, eur("3001.00"));
        assert_eq!(totals.contribution_base, eur("3001.00"));
        assert_eq!(totals.reduction("low_wage"), eur("0"));
    }

    #[test]
    fn a_worker_without_line_or_a_negative_amount_is_refused_naming_the_field() {
        assert_eq!(quarter(1, Vec::new()).check(), Err(SocialReturnError::NoLine { field: "workers[0].lines".into() }));
        let mut negative = line("100");
        negative.amounts.reductions.push(NamedAmount { name: "low_wage", amount: eur("-0.01") });
        let err = quarter(1, vec![line("1"), negative]).check().unwrap_err();
        assert!(
            err.to_string().starts_with("workers[0].lines[1].amounts.reductions.low_wage is negative (-0.01 EUR)"),
            "{err}"
        );
    }

    #[test]
    fn lines_outside_the_quarter_or_mixing_currencies_are_refused() {
        let mut before = line("1");
        before.end = Some(d(2025, 12, 31));
        assert!(quarter(1, vec![before]).check().unwrap_err().to_string().starts_with("workers[0].lines[0].end"));
        let mut after = line("1");
        after.start = d(2026, 4, 1);
        after.end = None;
        assert!(quarter(1, vec![after]).check().unwrap_err().to_string().starts_with("workers[0].lines[0].start"));
        let mut sek = line("1");
        sek.amounts.special_contribution = Money::zero(Currency::SEK);
        let err = quarter(1, vec![sek]).check().unwrap_err();
        assert!(matches!(err, SocialReturnError::Money { ref field, .. } if field.ends_with("special_contribution")));
    }

    #[test]
    fn a_month_runs_from_its_first_to_its_last_calendar_day() {
        let february = ReturnPeriod::month(2028, 2);
        assert_eq!((february.first_day().unwrap(), february.last_day().unwrap()), (d(2028, 2, 1), d(2028, 2, 29)));
        assert_eq!(february.months().unwrap(), [(2028, 2)]);
        assert_eq!(february.key(), "2028-02");
        assert_eq!(ReturnPeriod::month(2026, 13).first_day(), Err(SocialReturnError::Month(13)));
        let mut monthly = quarter(1, vec![line("1")]);
        monthly.period = ReturnPeriod::month(2026, 2);
        assert_eq!(monthly.check(), Ok(()));
        monthly.period = ReturnPeriod::month(2026, 3);
        assert!(monthly.check().unwrap_err().to_string().starts_with("workers[0].lines[0].end"));
    }

    #[test]
    fn a_period_reads_back_from_its_key_in_its_frequency_only() {
        let q3 = ReturnPeriod::quarter(2026, 3);
        assert_eq!(ReturnPeriod::parse(ReturnFrequency::Quarterly, &q3.key()), Some(q3));
        assert_eq!(q3.months().unwrap(), [(2026, 7), (2026, 8), (2026, 9)]);
        assert_eq!(ReturnPeriod::parse(ReturnFrequency::Monthly, "2026-07"), Some(ReturnPeriod::month(2026, 7)));
        for bad in ["2026-Q0", "2026-Q5", "2026Q1", "26-Q1", "2026-q1", "2026-Q12", "", "2026-03", "2026-+1"] {
            assert_eq!(ReturnPeriod::parse(ReturnFrequency::Quarterly, bad), None, "{bad}");
        }
        for bad in ["2026-Q3", "2026-13", "2026-00", "2026-7", "+202-07"] {
            assert_eq!(ReturnPeriod::parse(ReturnFrequency::Monthly, bad), None, "{bad}");
        }
    }

    #[test]
    fn contributions_add_up_by_code_and_side_reductions_staying_negative() {
        let mut a = line("100").amounts;
        a.add_contribution("pension", false, eur("100"), eur("6.90")).unwrap();
        a.add_contribution("pension", true, eur("100"), eur("8.55")).unwrap();
        a.withholding_tax = eur("3.00");
        let mut b = line("200").amounts;
        b.add_contribution("pension", false, eur("200"), eur("13.80")).unwrap();
        b.add_contribution("low_wage", true, eur("200"), eur("-20.00")).unwrap();
        b.withholding_tax = eur("4.50");
        let sum = a.checked_add(&b).unwrap();
        let find = |code: &str, employer: bool| {
            sum.contributions.iter().find(|c| c.code == code && c.employer == employer).map(|c| (c.base, c.amount))
        };
        assert_eq!(find("pension", false), Some((eur("300"), eur("20.70"))));
        assert_eq!(find("pension", true), Some((eur("100"), eur("8.55"))));
        assert_eq!(find("low_wage", true), Some((eur("200"), eur("-20.00"))));
        assert_eq!(sum.withholding_tax, eur("7.50"));
        // A negative contribution is a reduction, not a refused amount.
        assert_eq!(quarter(1, vec![EmploymentLine { amounts: sum, ..line("1") }]).check(), Ok(()));
    }

    #[test]
    fn reductions_add_up_by_the_name_the_pack_gives_them() {
        let mut a = line("100").amounts;
        a.add_reduction("low_wage", eur("10.00")).unwrap();
        let mut b = line("100").amounts;
        b.add_reduction("low_wage", eur("2.50")).unwrap();
        b.add_reduction("hiring", eur("1.00")).unwrap();
        let sum = a.checked_add(&b).unwrap();
        assert_eq!(sum.reduction("low_wage"), eur("12.50"));
        assert_eq!(sum.reduction("hiring"), eur("1.00"));
        assert_eq!(sum.reduction("other"), eur("0"));
        assert_eq!(sum.total_reductions().unwrap(), eur("13.50"));
    }

    #[test]
    fn declared_amounts_sum_by_code_and_owe_contributions_less_deductions() {
        let mut d = DeclaredAmounts::zero(Currency::EUR);
        d.add_contribution("a", eur("100.00")).unwrap();
        d.add_contribution("b", eur("20.00")).unwrap();
        d.add_contribution("a", eur("50.00")).unwrap();
        d.add_deduction("x", eur("30.00")).unwrap();
        d.add_deduction("x", eur("5.50")).unwrap();
        let names: Vec<(&str, Money)> = d.contributions.iter().map(|c| (c.name, c.amount)).collect();
        assert_eq!(names, [("a", eur("150.00")), ("b", eur("20.00"))]);
        assert_eq!(d.deduction("x"), eur("35.50"));
        assert_eq!(d.deduction("y"), eur("0"));
        assert_eq!(d.net_owed, eur("134.50"));
    }
}
