//! Amounts, percentages and dates the way a reader of French, Dutch, German or English expects them.
//!
//! The forms are CLDR's (Unicode Common Locale Data Repository, release 46) for `fr`, `nl`,
//! `de` and `en`: French groups thousands with a narrow no-break space and puts the euro after
//! the amount ("2 327,87 €", "13,07 %", "4 décembre 2026"); Dutch puts it before with a
//! no-break space ("€ 2.327,87", "13,07%", "4 december 2026"); German groups with a dot and
//! puts the euro after a no-break space ("2.327,87 €", "13,07 %", "4. Dezember 2026");
//! English puts it before, close up ("€2,327.87", "13.07%"), dates day first as British and
//! Belgian English write them ("4 December 2026"). Any other language tag reads as English.
//!
//! German follows CLDR's `de`, which is how Belgium's federal administrations write their
//! German pages for the German-speaking Community: thousands grouped with a dot and a decimal
//! comma ("1.667,24 EUR pro Quartal", socialsecurity.be, quarterly-return instructions 2022/4;
//! "6.197,34 EUR", the same instructions 2009/1, Teil 2), months named as in Germany
//! ("12. Januar 1973", not Austria's "Jänner": Belgisches Staatsblatt, German translation of
//! the royal decree of 16 December 2015 on the Berufssteuervorabzug). Those pages write the
//! currency's code after the amount; documents here write the euro sign in the same place.

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

/// A reader's language, for the forms of numbers and dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locale {
    /// French.
    Fr,
    /// Dutch.
    Nl,
    /// German.
    De,
    /// English.
    En,
}

const NARROW_NBSP: char = '\u{202F}';
const NBSP: char = '\u{A0}';

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Locale {
    /// The locale of a BCP 47 tag: "fr", "fr-BE" → French; "nl", "nl-BE" → Dutch; "de",
    /// "de-BE" → German; else English.
    pub fn from_tag(tag: &str) -> Locale {
        let primary = tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Locale::Fr,
            "nl" => Locale::Nl,
            "de" => Locale::De,
            _ => Locale::En,
        }
    }

    /// The primary language tag.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::Nl => "nl",
            Locale::De => "de",
            Locale::En => "en",
        }
    }

    fn separators(self) -> (char, char) {
        match self {
            Locale::Fr => (NARROW_NBSP, ','),
            Locale::Nl | Locale::De => ('.', ','),
            Locale::En => (',', '.'),
        }
    }

    /// A number with `decimals` places (rounded half away from zero), thousands grouped.
    pub fn number(self, value: Decimal, decimals: u32) -> String {
        let (group, point) = self.separators();
        let rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
        let text = format!("{:.*}", usize::try_from(decimals).unwrap_or(2), rounded.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((text.as_str(), ""));
        let digits: Vec<char> = whole.chars().collect();
        let mut out = String::with_capacity(text.len() + 6);
        if rounded.is_sign_negative() && !rounded.is_zero() {
            out.push('-');
        }
        for (i, c) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(group);
            }
            out.push(*c);
        }
        if !fraction.is_empty() {
            out.push(point);
            out.push_str(fraction);
        }
        out
    }

    /// An amount with two decimals and its currency: the euro as €, others by their ISO code.
    pub fn money(self, amount: Decimal, currency: &str) -> String {
        self.money_to(amount, currency, 2)
    }

    /// An amount with `decimals` decimals and its currency, as `money` writes it (a rate per hour
    /// to four decimals, as payslips print rates).
    pub fn money_to(self, amount: Decimal, currency: &str, decimals: u32) -> String {
        let symbol = if currency == "EUR" { "€" } else { currency };
        let number = self.number(amount.abs(), decimals);
        let minus = if amount.is_sign_negative() && !amount.round_dp(decimals).is_zero() { "-" } else { "" };
        match self {
            Locale::Fr | Locale::De => format!("{minus}{number}{NBSP}{symbol}"),
            Locale::Nl => format!("{symbol}{NBSP}{minus}{number}"),
            Locale::En if symbol == "€" => format!("{minus}{symbol}{number}"),
            Locale::En => format!("{minus}{symbol}{NBSP}{number}"),
        }
    }

    /// A fraction as a percentage with the decimals it needs (0.1307 → 13,07 %, 0.5 → 50 %).
    pub fn percent(self, fraction: Decimal) -> String {
        let percent = (fraction * Decimal::ONE_HUNDRED).normalize();
        let number = self.number(percent, percent.scale());
        match self {
            Locale::Fr => format!("{number}{NARROW_NBSP}%"),
            Locale::De => format!("{number}{NBSP}%"),
            Locale::Nl | Locale::En => format!("{number}%"),
        }
    }

    /// What joins a label to its value: French puts a no-break space before the colon, so the
    /// colon never starts a line ("Total\u{A0}: 12,00\u{A0}€"); Dutch, German and English none.
    pub fn colon(self) -> &'static str {
        match self {
            Locale::Fr => "\u{A0}: ",
            Locale::Nl | Locale::De | Locale::En => ": ",
        }
    }

    fn month_name(self, month: u32) -> &'static str {
        let names = match self {
            Locale::Fr => &MONTHS_FR,
            Locale::Nl => &MONTHS_NL,
            Locale::De => &MONTHS_DE,
            Locale::En => &MONTHS_EN,
        };
        usize::try_from(month).ok().and_then(|m| m.checked_sub(1)).and_then(|i| names.get(i)).copied().unwrap_or("")
    }

    /// A date written out: "4 décembre 2026", "4 december 2026", "4. Dezember 2026",
    /// "4 December 2026".
    pub fn date(self, date: NaiveDate) -> String {
        // French writes the first of the month as an ordinal, "1er avril" (Lexique des
        // règles typographiques en usage à l'Imprimerie nationale); CLDR's pattern `d MMMM y`
        // has no ordinal day, so the rule is applied here. German's pattern is `d. MMMM y`:
        // every day is an ordinal, written with a full stop.
        let day = match (self, date.day()) {
            (Locale::Fr, 1) => "1er".to_owned(),
            (Locale::De, d) => format!("{d}."),
            (_, d) => d.to_string(),
        };
        format!("{day} {} {}", self.month_name(date.month()), date.year())
    }

    /// A month of a year: "mars 2026", "maart 2026", "März 2026", "March 2026".
    pub fn month(self, date: NaiveDate) -> String {
        format!("{} {}", self.month_name(date.month()), date.year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn amounts_follow_each_language() {
        assert_eq!(Locale::Fr.money(dec!(2327.87), "EUR"), "2\u{202F}327,87\u{A0}€");
        assert_eq!(Locale::Nl.money(dec!(2327.87), "EUR"), "€\u{A0}2.327,87");
        assert_eq!(Locale::En.money(dec!(2327.87), "EUR"), "€2,327.87");
        assert_eq!(Locale::Fr.money(dec!(-1234567.5), "EUR"), "-1\u{202F}234\u{202F}567,50\u{A0}€");
        assert_eq!(Locale::Nl.money(dec!(-0.5), "EUR"), "€\u{A0}-0,50");
        assert_eq!(Locale::En.money(dec!(-12), "EUR"), "-€12.00");
        assert_eq!(Locale::En.money(dec!(999.994), "SEK"), "SEK\u{A0}999.99");
        assert_eq!(Locale::Fr.money(dec!(-0.001), "EUR"), "0,00\u{A0}€");
    }

    #[test]
    fn german_amounts_group_with_a_dot_and_put_the_euro_after() {
        assert_eq!(Locale::De.money(dec!(1234.56), "EUR"), "1.234,56\u{A0}€");
        assert_eq!(Locale::Fr.money_to(dec!(36.3636), "EUR", 4), "36,3636\u{A0}€");
        assert_eq!(Locale::En.money_to(dec!(36.3636), "EUR", 4), "€36.3636");
        assert_eq!(Locale::De.money(dec!(-1234567.5), "EUR"), "-1.234.567,50\u{A0}€");
        assert_eq!(Locale::De.money(dec!(999.994), "SEK"), "999,99\u{A0}SEK");
        assert_eq!(Locale::De.number(dec!(17.5), 1), "17,5");
        assert_eq!(Locale::De.percent(dec!(0.1307)), "13,07\u{A0}%");
        assert_eq!(Locale::De.percent(dec!(0.21)), "21\u{A0}%");
    }

    #[test]
    fn german_dates_write_the_day_as_an_ordinal_and_the_month_in_full() {
        assert_eq!(Locale::De.date(NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()), "6. Dezember 2026");
        assert_eq!(Locale::De.date(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()), "1. März 2026");
        assert_eq!(Locale::De.month(NaiveDate::from_ymd_opt(2026, 1, 31).unwrap()), "Januar 2026");
    }

    #[test]
    fn percentages_keep_the_decimals_they_need() {
        assert_eq!(Locale::Fr.percent(dec!(0.1307)), "13,07\u{202F}%");
        assert_eq!(Locale::Nl.percent(dec!(0.5)), "50%");
        assert_eq!(Locale::En.percent(dec!(0.2700)), "27%");
        assert_eq!(Locale::En.percent(dec!(0.0035)), "0.35%");
    }

    #[test]
    fn french_puts_a_no_break_space_before_a_colon_and_the_others_none() {
        assert_eq!(Locale::Fr.colon(), "\u{A0}: ");
        for other in [Locale::Nl, Locale::De, Locale::En] {
            assert_eq!(other.colon(), ": ");
        }
    }

    #[test]
    fn dates_are_written_out_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(Locale::Fr.date(d), "4 décembre 2026");
        assert_eq!(Locale::Nl.date(d), "4 december 2026");
        assert_eq!(Locale::En.date(d), "4 December 2026");
        assert_eq!(Locale::Fr.month(NaiveDate::from_ymd_opt(2026, 8, 1).unwrap()), "août 2026");
        let first = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        assert_eq!(Locale::Fr.date(first), "1er avril 2026");
        assert_eq!(Locale::Nl.date(first), "1 april 2026");
        assert_eq!(Locale::En.date(first), "1 April 2026");
    }

    #[test]
    fn tags_with_a_region_keep_their_language() {
        assert_eq!(Locale::from_tag("fr-BE"), Locale::Fr);
        assert_eq!(Locale::from_tag("NL_be"), Locale::Nl);
        assert_eq!(Locale::from_tag("de-BE"), Locale::De);
        assert_eq!(Locale::De.tag(), "de");
        assert_eq!(Locale::from_tag("it"), Locale::En);
        assert_eq!(Locale::from_tag(""), Locale::En);
    }
}
