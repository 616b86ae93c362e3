//! Calendar periods: the month a payslip pays and a payroll run covers, and the
//! quarter a social security return declares. Written `2026-03` and `2026-Q1`
//! wherever they are stored or sent, so parsing and formatting live here once.

use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::str::FromStr;

/// Why a text is not a period.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// Not a month written `YYYY-MM`.
    #[error("'{0}' is not a month written YYYY-MM")]
    NotAMonth(String),
    /// Not a quarter written `YYYY-Qn`.
    #[error("'{0}' is not a quarter written YYYY-Qn (2026-Q3)")]
    NotAQuarter(String),
}

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    // Field order makes the derived order chronological.
    year: i32,
    month: u32,
    first: NaiveDate,
}

impl Month {
    /// The month of `year` numbered `month` (1 to 12), if the calendar has it.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|first| Month { year, month, first })
    }

    /// The month a day falls in.
    pub fn of(date: NaiveDate) -> Month {
        Month { year: date.year(), month: date.month(), first: date.with_day(1).unwrap_or(date) }
    }

    /// The calendar year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month of the year, 1 to 12.
    pub fn number(self) -> u32 {
        self.month
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    /// Its last day.
    pub fn last_day(self) -> NaiveDate {
        self.next().map_or(NaiveDate::MAX, |n| n.first.pred_opt().unwrap_or(n.first))
    }

    /// Whether `date` falls in it.
    pub fn contains(self, date: NaiveDate) -> bool {
        Month::of(date) == self
    }

    /// The month after, if the calendar has one.
    pub fn next(self) -> Option<Month> {
        if self.month == 12 {
            Month::new(self.year.checked_add(1)?, 1)
        } else {
            Month::new(self.year, self.month + 1)
        }
    }

    /// Months from `self` to `to`, both counted; zero when `to` is earlier.
    pub fn count_to(self, to: Month) -> u32 {
        let index = |m: Month| i64::from(m.year) * 12 + i64::from(m.month);
        u32::try_from(index(to) - index(self) + 1).unwrap_or(0)
    }

    /// The quarter it belongs to.
    pub fn quarter(self) -> Quarter {
        Quarter { year: self.year, number: (self.month - 1) / 3 + 1 }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = PeriodError;
    /// Parses `YYYY-MM`: four digits of year, two of month.
    fn from_str(text: &str) -> Result<Month, PeriodError> {
        let bad = || PeriodError::NotAMonth(text.to_owned());
        let (y, m) = text.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 || !(y.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let (y, m): (i32, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        Month::new(y, m).ok_or_else(bad)
    }
}

/// A calendar quarter: January to March is the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: i32,
    number: u32,
}

impl Quarter {
    /// Quarter `number` (1 to 4) of `year`, if the calendar has it.
    pub fn new(year: i32, number: u32) -> Option<Quarter> {
        ((1..=4).contains(&number) && Month::new(year, 3 * number).is_some()).then_some(Quarter { year, number })
    }

    /// The calendar year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// 1 to 4.
    pub fn number(self) -> u32 {
        self.number
    }

    /// Its three months, in order.
    pub fn months(self) -> [Month; 3] {
        let first = 3 * (self.number - 1) + 1;
        let m = |i: u32| Month::new(self.year, first + i).unwrap_or(Month::of(NaiveDate::MIN));
        [m(0), m(1), m(2)]
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        self.months()[0].first_day()
    }

    /// Its last day.
    pub fn last_day(self) -> NaiveDate {
        self.months()[2].last_day()
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.number)
    }
}

impl FromStr for Quarter {
    type Err = PeriodError;
    /// Parses `YYYY-Qn`, surrounding blanks ignored.
    fn from_str(text: &str) -> Result<Quarter, PeriodError> {
        let bad = || PeriodError::NotAQuarter(text.to_owned());
        let (y, q) = text.trim().split_once("-Q").ok_or_else(bad)?;
        if y.len() != 4 || q.len() != 1 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let (year, number): (i32, u32) = (y.parse().map_err(|_| bad())?, q.parse().map_err(|_| bad())?);
        Quarter::new(year, number).ok_or_else(bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_month_runs_from_its_first_to_its_last_calendar_day() {
        let feb: Month = "2024-02".parse().unwrap();
        assert_eq!((feb.first_day(), feb.last_day()), (day(2024, 2, 1), day(2024, 2, 29)));
        let dec: Month = "2026-12".parse().unwrap();
        assert_eq!((dec.first_day(), dec.last_day()), (day(2026, 12, 1), day(2026, 12, 31)));
        assert_eq!(dec.next(), Month::new(2027, 1));
        assert!(dec.contains(day(2026, 12, 31)) && !dec.contains(day(2027, 1, 1)));
        assert_eq!(Month::of(day(2026, 4, 30)).to_string(), "2026-04");
    }

    #[test]
    fn only_yyyy_mm_is_a_month() {
        for bad in ["2026-3", "2026-13", "2026-00", "26-03", "2026/03", "2026-+3", "+026-03", "", "2026-03-01"] {
            assert_eq!(bad.parse::<Month>(), Err(PeriodError::NotAMonth(bad.into())), "{bad}");
        }
        assert_eq!("2026-03".parse::<Month>().unwrap().to_string(), "2026-03");
    }

    #[test]
    fn months_are_ordered_and_counted_across_years() {
        let (a, b): (Month, Month) = ("2025-11".parse().unwrap(), "2026-02".parse().unwrap());
        assert!(a < b);
        assert_eq!(a.count_to(b), 4);
        assert_eq!(a.count_to(a), 1);
        assert_eq!(b.count_to(a), 0);
    }

    #[test]
    fn a_quarter_is_three_months_from_january_april_july_or_october() {
        let q: Quarter = "2026-Q3".parse().unwrap();
        assert_eq!((q.first_day(), q.last_day()), (day(2026, 7, 1), day(2026, 9, 30)));
        assert_eq!(q.months().map(|m| m.to_string()), ["2026-07", "2026-08", "2026-09"]);
        assert_eq!(q.to_string(), "2026-Q3");
        assert_eq!(Month::new(2026, 12).unwrap().quarter(), Quarter::new(2026, 4).unwrap());
        assert_eq!(Month::new(2026, 1).unwrap().quarter(), Quarter::new(2026, 1).unwrap());
        for bad in ["2026-Q0", "2026-Q5", "2026-3", "2026-Q", "26-Q1", "2026-Q12"] {
            assert_eq!(bad.parse::<Quarter>(), Err(PeriodError::NotAQuarter(bad.into())), "{bad}");
        }
    }
}
