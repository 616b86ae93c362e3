//! The periodic social security return: after paying its workers, an employer tells the
//! state, per worker and per employment line, what it paid, the time worked, and the
//! contributions it withheld and owes. This is the content, independent of the country's
//! format (Belgium's quarterly DmfA is rendered by its pack).
//!
//! The fields are the ones the three formats Partage targets share, so one content can
//! feed each of them (from the project's research notes on the three declarations):
//! - employer and worker identifiers: Belgium's NSSO and enterprise numbers and INSZ;
//!   France's DSN S21.G00.06/.11 (company, establishment) and S21.G00.30 (individual);
//!   Italy's UniEmens `Azienda`/`PosContributiva` and `CFLavoratore`;
//! - per employment line (a contract, or a stretch of one under unchanged terms): dates,
//!   worker category, joint committee (CCNL in Italy), the working time of the worker and
//!   of the full-time reference person (DSN S21.G00.40 quotité), days and hours worked;
//! - amounts: gross pay, the base contributions are computed on, the employee and
//!   employer contributions, the special contribution withheld, and the work bonus that
//!   reduces the employee contribution (DSN S21.G00.51 remuneration, .78 bases, .81
//!   contributions; UniEmens `Imponibile` and contributions).
//!
//! A return covers one calendar quarter. The monthly formats (DSN, UniEmens) would take
//! the same content with one line per month; that split is the payroll's, not this type's.

use crate::hiring::{DeclaredWorker, DeclaringEmployer};
use crate::money::{Currency, Money, MoneyError};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// A quarter's social security return for one employer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuarterlyReturn {
    /// The employer declaring.
    pub employer: DeclaringEmployer,
    /// The employer's contribution category, as its social security institution set it (Belgium: 3 digits).
    pub employer_category: Option<String>,
    /// Calendar year.
    pub year: i32,
    /// Quarter of the year, 1 to 4.
    pub quarter: u32,
    /// Every worker paid in the quarter, with their employment lines.
    pub workers: Vec<ReturnedWorker>,
}

/// A worker and what they were employed and paid for in the quarter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReturnedWorker {
    /// Who.
    pub worker: DeclaredWorker,
    /// Each contract (or stretch of one under unchanged terms) in the quarter.
    pub lines: Vec<EmploymentLine>,
}

/// One employment line: a contract, or a part of it under unchanged terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmploymentLine {
    /// Worker category as the pack names them (`white-collar`, `manual`, `artist`), as in `payroll::Employee`.
    pub category: String,
    /// Joint committee (Belgium: `200`, `329.02`...; Italy: the CCNL).
    pub joint_committee: String,
    /// First day of the line; may fall before the quarter when the contract started earlier.
    pub start: NaiveDate,
    /// Last day, when the line ends; None for an open-ended contract still running.
    pub end: Option<NaiveDate>,
    /// The working time agreed for this line.
    pub working_time: WorkingTime,
    /// Days worked in the quarter on this line (decimal: half days exist).
    pub days_worked: Decimal,
    /// Hours worked in the quarter on this line (7.5 for 7 h 30).
    pub hours_worked: Decimal,
    /// What was paid and withheld on this line for the quarter.
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

/// The amounts of a line for the quarter, all in one currency, none negative.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineAmounts {
    /// Gross pay.
    pub gross: Money,
    /// The base contributions are computed on (Belgium: 108 % of gross for manual workers).
    pub contribution_base: Money,
    /// Employee social security contribution, before the work bonus reduces it.
    pub employee_contribution: Money,
    /// Employer social security contribution.
    pub employer_contribution: Money,
    /// Special social security contribution withheld from pay (Belgium: BBSZ/CSSS).
    pub special_contribution: Money,
    /// Reduction of the employee contribution for low wages (Belgium: social work bonus).
    pub work_bonus: Money,
}

impl LineAmounts {
    /// Every amount zero, in `currency`.
    pub fn zero(currency: Currency) -> LineAmounts {
        let zero = Money::zero(currency);
        LineAmounts {
            gross: zero,
            contribution_base: zero,
            employee_contribution: zero,
            employer_contribution: zero,
            special_contribution: zero,
            work_bonus: zero,
        }
    }

    /// The amounts with their field names, in declaration order.
    pub fn named(&self) -> [(&'static str, Money); 6] {
        [
            ("gross", self.gross),
            ("contribution_base", self.contribution_base),
            ("employee_contribution", self.employee_contribution),
            ("employer_contribution", self.employer_contribution),
            ("special_contribution", self.special_contribution),
            ("work_bonus", self.work_bonus),
        ]
    }

    /// Field by field sum of two lines' amounts.
    pub fn checked_add(&self, other: &LineAmounts) -> Result<LineAmounts, MoneyError> {
        Ok(LineAmounts {
            gross: self.gross.checked_add(other.gross)?,
            contribution_base: self.contribution_base.checked_add(other.contribution_base)?,
            employee_contribution: self.employee_contribution.checked_add(other.employee_contribution)?,
            employer_contribution: self.employer_contribution.checked_add(other.employer_contribution)?,
            special_contribution: self.special_contribution.checked_add(other.special_contribution)?,
            work_bonus: self.work_bonus.checked_add(other.work_bonus)?,
        })
    }
}

/// Why a return's content is refused, naming the field as `workers[i].lines[j].…`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SocialReturnError {
    /// The quarter is not 1 to 4.
    #[error("quarter: {0} is not a quarter of the year (1 to 4)")]
    Quarter(u32),
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

impl QuarterlyReturn {
    /// First day of the quarter.
    pub fn first_day(&self) -> Result<NaiveDate, SocialReturnError> {
        if !(1..=4).contains(&self.quarter) {
            return Err(SocialReturnError::Quarter(self.quarter));
        }
        NaiveDate::from_ymd_opt(self.year, 3 * (self.quarter - 1) + 1, 1).ok_or(SocialReturnError::Year(self.year))
    }

    /// Last day of the quarter.
    pub fn last_day(&self) -> Result<NaiveDate, SocialReturnError> {
        let first = self.first_day()?;
        let next = match self.quarter {
            4 => NaiveDate::from_ymd_opt(first.year() + 1, 1, 1),
            _ => first.checked_add_months(chrono::Months::new(3)),
        };
        next.and_then(|d| d.pred_opt()).ok_or(SocialReturnError::Year(self.year))
    }

    /// The currency of the amounts (that of the first line), None when there is no line.
    pub fn currency(&self) -> Option<Currency> {
        self.workers.iter().flat_map(|w| &w.lines).next().map(|l| l.amounts.gross.currency())
    }

    /// Checks what holds in every country: a real quarter, at least one worker, each with
    /// at least one line; lines that overlap the quarter, end after they start, and have
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
            .try_fold(first.amounts, |sum, line| sum.checked_add(&line.amounts))
            .map(Some)
            .map_err(|source| SocialReturnError::Money { field: "workers".to_owned(), source })
    }
}

/// A line's dates and time against the quarter `first..=last`.
fn check_line(line: &EmploymentLine, path: &str, first: NaiveDate, last: NaiveDate) -> Result<(), SocialReturnError> {
    let invalid =
        |field: &str, message: String| SocialReturnError::Invalid { field: format!("{path}.{field}"), message };
    if let Some(end) = line.end {
        if end < line.start {
            return Err(invalid("end", format!("{end} is before the start, {}", line.start)));
        }
        if end < first {
            return Err(invalid("end", format!("{end} is before the quarter, which starts on {first}")));
        }
    }
    if line.start > last {
        return Err(invalid("start", format!("{} is after the quarter, which ends on {last}", line.start)));
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
            joint_committee: "200".into(),
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

    fn quarter(q: u32, lines: Vec<EmploymentLine>) -> QuarterlyReturn {
        QuarterlyReturn {
            employer: DeclaringEmployer { company_id: "0896755397".into(), social_security_number: None },
            employer_category: None,
            year: 2026,
            quarter: q,
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
        assert_eq!(totals.work_bonus, eur("0"));
    }

    #[test]
    fn a_worker_without_line_or_a_negative_amount_is_refused_naming_the_field() {
        assert_eq!(quarter(1, Vec::new()).check(), Err(SocialReturnError::NoLine { field: "workers[0].lines".into() }));
        let mut negative = line("100");
        negative.amounts.work_bonus = eur("-0.01");
        let err = quarter(1, vec![line("1"), negative]).check().unwrap_err();
        assert!(err.to_string().starts_with("workers[0].lines[1].amounts.work_bonus is negative (-0.01 EUR)"), "{err}");
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
}
