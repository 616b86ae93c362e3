//! Belgian public holidays (jours fériés légaux / wettelijke feestdagen).
//!
//! Law of 4 January 1974 on public holidays, art. 1, and its implementing Royal Decree
//! of 18 April 1974, art. 1: ten paid public holidays a year, "le 1er janvier, le lundi
//! de Pâques, le 1er mai, l'Ascension, le lundi de Pentecôte, le 21 juillet,
//! l'Assomption, la Toussaint, le 11 novembre et la Noël"
//! (https://employment.belgium.be/en/regulation-public-holidays for the texts,
//! https://www.belgium.be/fr/emploi/conges_et_interruption_de_carriere/jours_feries
//! for the list). A holiday on a Sunday or a usual day off is replaced by another
//! day chosen by the sector or the company: that day is not a public holiday, so it
//! is not listed here. Community holidays (11 July, 27 September,
//! 15 November) are not public holidays for private employers.

use chrono::{Days, NaiveDate};
use partage_core::calendar::{easter_sunday, Calendar};

/// The Belgian calendar: Monday to Friday, less the ten public holidays.
#[derive(Clone, Copy, Debug, Default)]
pub struct BelgianCalendar;

impl BelgianCalendar {
    /// The calendar.
    pub fn new() -> BelgianCalendar {
        BelgianCalendar
    }
}

impl Calendar for BelgianCalendar {
    fn public_holidays(&self, year: i32) -> Vec<(NaiveDate, &'static str)> {
        let fixed = [
            (1, 1, "New Year's Day"),
            (5, 1, "Labour Day"),
            (7, 21, "National Day"),
            (8, 15, "Assumption"),
            (11, 1, "All Saints' Day"),
            (11, 11, "Armistice Day"),
            (12, 25, "Christmas Day"),
        ];
        let mut days: Vec<(NaiveDate, &'static str)> = fixed
            .iter()
            .filter_map(|&(m, d, name)| NaiveDate::from_ymd_opt(year, m, d).map(|date| (date, name)))
            .collect();
        if let Some(easter) = easter_sunday(year) {
            // Easter Monday: Easter + 1; Ascension: the 40th day of Easter, a Thursday,
            // Easter + 39; Whit Monday: the day after Pentecost (Easter + 49).
            for (offset, name) in [(1, "Easter Monday"), (39, "Ascension Day"), (50, "Whit Monday")] {
                if let Some(date) = easter.checked_add_days(Days::new(offset)) {
                    days.push((date, name));
                }
            }
        }
        days.sort();
        days
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dates(year: i32) -> Vec<NaiveDate> {
        BelgianCalendar.public_holidays(year).into_iter().map(|(date, _)| date).collect()
    }

    /// 2025, as listed by https://ikbenwerkgever.be/fr/inspiration/jours-feries-2025-et-les-jours-de-remplacement
    /// (and https://jobat.be/nl/art/de-10-officiele-feestdagen-van-2025): no dated list
    /// from the SPF Emploi was found in the stored sources.
    #[test]
    fn the_ten_holidays_of_2025_match_the_published_list() {
        assert_eq!(
            dates(2025),
            vec![
                d(2025, 1, 1),
                d(2025, 4, 21),
                d(2025, 5, 1),
                d(2025, 5, 29),
                d(2025, 6, 9),
                d(2025, 7, 21),
                d(2025, 8, 15),
                d(2025, 11, 1),
                d(2025, 11, 11),
                d(2025, 12, 25),
            ]
        );
    }

    /// 2026, as listed by https://joursferies-be.be/jours-feries-2026/ (Easter Monday
    /// 6 April, Ascension 14 May, Whit Monday 25 May).
    #[test]
    fn the_ten_holidays_of_2026_match_the_published_list() {
        assert_eq!(
            dates(2026),
            vec![
                d(2026, 1, 1),
                d(2026, 4, 6),
                d(2026, 5, 1),
                d(2026, 5, 14),
                d(2026, 5, 25),
                d(2026, 7, 21),
                d(2026, 8, 15),
                d(2026, 11, 1),
                d(2026, 11, 11),
                d(2026, 12, 25),
            ]
        );
    }

    #[test]
    fn holidays_carry_their_names_in_date_order() {
        let h = BelgianCalendar.public_holidays(2026);
        assert_eq!(h.len(), 10);
        assert_eq!(h.get(1), Some(&(d(2026, 4, 6), "Easter Monday")));
        assert_eq!(h.get(4), Some(&(d(2026, 5, 25), "Whit Monday")));
    }

    #[test]
    fn seven_working_days_from_good_friday_2026_skip_the_weekend_and_easter_monday() {
        // Thu 2 April 2026 + 7 working days: Fri 3, (Sat, Sun, Easter Monday 6),
        // Tue 7, Wed 8, Thu 9, Fri 10, (Sat, Sun) Mon 13, Tue 14.
        assert_eq!(BelgianCalendar.add_working_days(d(2026, 4, 2), 7), d(2026, 4, 14));
        assert!(!BelgianCalendar.is_working_day(d(2026, 4, 6)));
        assert!(BelgianCalendar.is_working_day(d(2026, 4, 7)));
        assert_eq!(BelgianCalendar.working_days_between(d(2026, 4, 2), d(2026, 4, 14)), 7);
    }

    #[test]
    fn a_holiday_on_a_saturday_costs_no_working_day() {
        // 15 August 2026 is a Saturday: Fri 14 + 1 working day is Mon 17.
        assert_eq!(BelgianCalendar.add_working_days(d(2026, 8, 14), 1), d(2026, 8, 17));
    }
}
