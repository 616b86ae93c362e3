//! Working days, as a pack's calendar defines them.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// A country's calendar: which days are public holidays.
pub trait Calendar: Send + Sync {
    /// Public holidays of a year, with their names, sorted.
    fn public_holidays(&self, year: i32) -> Vec<(NaiveDate, &'static str)>;

    /// Whether `date` is a working day: Monday to Friday and not a public holiday.
    fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
            && !self.public_holidays(date.year()).iter().any(|(d, _)| *d == date)
    }

    /// The date `n` working days after `date` (the day itself not counted).
    fn add_working_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut day = date;
        let mut left = n;
        while left > 0 {
            day = day.checked_add_days(Days::new(1)).unwrap_or(day);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days after `from` up to and including `to` (0 when `to <= from`).
    fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .count()
            .try_into()
            .unwrap_or(u32::MAX)
    }
}

/// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_dates_match_the_published_tables() {
        // Dates from the tables of the Astronomical Society of South Australia.
        for (y, m, d) in [(2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28), (2038, 4, 25), (2000, 4, 23)] {
            assert_eq!(easter_sunday(y), NaiveDate::from_ymd_opt(y, m, d), "{y}");
        }
    }
}
