//! French public holidays (skeleton: to be written).

use chrono::NaiveDate;
use partage_core::calendar::Calendar;

/// France's calendar of public holidays.
#[derive(Clone, Debug, Default)]
pub struct FrenchCalendar;

impl Calendar for FrenchCalendar {
    fn public_holidays(&self, _year: i32) -> Vec<(NaiveDate, &'static str)> {
        Vec::new()
    }
}
