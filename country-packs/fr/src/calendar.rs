//! French public holidays (jours fériés), with Alsace-Moselle's two more.
//!
//! Code du travail art. L3133-1: "Les fêtes légales ci-après désignées sont des jours
//! fériés : 1° Le 1er janvier ; 2° Le lundi de Pâques ; 3° Le 1er mai ; 4° Le 8 mai ;
//! 5° L'Ascension ; 6° Le lundi de Pentecôte ; 7° Le 14 juillet ; 8° L'Assomption ;
//! 9° La Toussaint ; 10° Le 11 novembre ; 11° Le jour de Noël."
//!
//! Art. L3134-13 adds, in the Moselle, Bas-Rhin and Haut-Rhin departments, "le vendredi
//! saint dans les communes ayant un temple protestant ou une église mixte" and "le
//! second jour de fête de Noël" (26 December). The Good Friday condition is per commune;
//! in practice it is observed throughout the three departments, which is what the
//! `AlsaceMoselle` calendar does (a documented simplification).
//!
//! Only 1 May is a paid day off for every employee by law (L3133-4); the others are
//! public holidays whose rest depends on the collective agreement. The Whit Monday is
//! often the "journée de solidarité" (L3133-7), worked unpaid: it stays a public holiday
//! here, as the law lists it, and a company that works it says so in its own schedule.

use chrono::{Days, NaiveDate};
use partage_core::calendar::{easter_sunday, Calendar};

/// Which French calendar: the general one, or Alsace-Moselle's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Region {
    /// Every department but the three below (Code du travail L3133-1).
    #[default]
    General,
    /// Moselle, Bas-Rhin, Haut-Rhin: Good Friday and 26 December too (L3134-13).
    AlsaceMoselle,
}

/// France's calendar: Monday to Friday, less the public holidays of its region.
#[derive(Clone, Copy, Debug, Default)]
pub struct FrenchCalendar {
    region: Region,
}

impl FrenchCalendar {
    /// The calendar of `region`.
    pub fn new(region: Region) -> FrenchCalendar {
        FrenchCalendar { region }
    }

    /// The region whose holidays it lists.
    pub fn region(&self) -> Region {
        self.region
    }
}

impl Calendar for FrenchCalendar {
    fn public_holidays(&self, year: i32) -> Vec<(NaiveDate, &'static str)> {
        let mut fixed = vec![
            (1, 1, "Jour de l'an"),
            (5, 1, "Fête du Travail"),
            (5, 8, "Victoire 1945"),
            (7, 14, "Fête nationale"),
            (8, 15, "Assomption"),
            (11, 1, "Toussaint"),
            (11, 11, "Armistice 1918"),
            (12, 25, "Noël"),
        ];
        if self.region == Region::AlsaceMoselle {
            fixed.push((12, 26, "Saint-Étienne (second jour de Noël)"));
        }
        let mut days: Vec<(NaiveDate, &'static str)> = fixed
            .iter()
            .filter_map(|&(m, d, name)| NaiveDate::from_ymd_opt(year, m, d).map(|date| (date, name)))
            .collect();
        if let Some(easter) = easter_sunday(year) {
            // Easter Monday: Easter + 1; Ascension: Easter + 39 (a Thursday); Whit
            // Monday: Easter + 50.
            for (offset, name) in [(1, "Lundi de Pâques"), (39, "Ascension"), (50, "Lundi de Pentecôte")] {
                if let Some(date) = easter.checked_add_days(Days::new(offset)) {
                    days.push((date, name));
                }
            }
            if self.region == Region::AlsaceMoselle {
                if let Some(date) = easter.checked_sub_days(Days::new(2)) {
                    days.push((date, "Vendredi saint"));
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

    /// The 2026 list of service-public.fr ("Jours fériés 2026",
    /// https://www.service-public.fr/particuliers/vosdroits/F2405): 11 days.
    #[test]
    fn the_eleven_public_holidays_of_2026_match_the_official_list() {
        let days: Vec<NaiveDate> =
            FrenchCalendar::default().public_holidays(2026).into_iter().map(|(d, _)| d).collect();
        assert_eq!(
            days,
            vec![
                d(2026, 1, 1),
                d(2026, 4, 6),
                d(2026, 5, 1),
                d(2026, 5, 8),
                d(2026, 5, 14),
                d(2026, 5, 25),
                d(2026, 7, 14),
                d(2026, 8, 15),
                d(2026, 11, 1),
                d(2026, 11, 11),
                d(2026, 12, 25),
            ]
        );
    }

    #[test]
    fn alsace_moselle_adds_good_friday_and_26_december() {
        let general = FrenchCalendar::new(Region::General).public_holidays(2025);
        let alsace = FrenchCalendar::new(Region::AlsaceMoselle).public_holidays(2025);
        assert_eq!(alsace.len(), general.len() + 2);
        assert!(alsace.iter().any(|(day, _)| *day == d(2025, 4, 18)));
        assert!(alsace.iter().any(|(day, _)| *day == d(2025, 12, 26)));
        assert!(!general.iter().any(|(day, _)| *day == d(2025, 4, 18)));
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        let cal = FrenchCalendar::default();
        // Thursday 30 April 2026 + 2 working days: Friday 1 May and the weekend are skipped.
        assert_eq!(cal.add_working_days(d(2026, 4, 30), 2), d(2026, 5, 5));
        assert!(!cal.is_working_day(d(2026, 7, 14)));
        // Friday 26 December 2025: a working day, but not in Alsace-Moselle.
        let alsace = FrenchCalendar::new(Region::AlsaceMoselle);
        assert!(cal.is_working_day(d(2025, 12, 26)));
        assert!(!alsace.is_working_day(d(2025, 12, 26)));
    }
}
