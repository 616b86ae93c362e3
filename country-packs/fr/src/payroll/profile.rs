//! The employer's payroll profile from the pack's configuration section (`[pack.fr]`): the
//! company's size, its AT/MP rate and its commune's versement mobilité rate, each read from text
//! with an error naming its key. Other keys of the section are left to the rest of the pack.

use super::EmployerProfile;
use partage_core::money::Rate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

/// A key of the section and what is wrong with its value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{key}: {message}")]
pub struct ProfileError {
    /// The key within the section (`company_size`).
    pub key: &'static str,
    /// What is wrong.
    pub message: String,
}

/// The section's keys the payroll reads.
pub const KEYS: [&str; 3] = ["company_size", "accident_rate", "mobility_rate"];

impl EmployerProfile {
    /// The profile a section states; the default's values for the keys it does not give.
    pub fn from_section(section: &BTreeMap<String, String>) -> Result<EmployerProfile, ProfileError> {
        let mut profile = EmployerProfile::default();
        if let Some(v) = section.get("company_size") {
            profile.company_size = v.trim().parse().map_err(|_| ProfileError {
                key: "company_size",
                message: format!("'{v}' is not a number of employees"),
            })?;
            if profile.company_size > 10_000_000 {
                return Err(ProfileError { key: "company_size", message: format!("{v} employees is not a company") });
            }
        }
        if let Some(v) = section.get("accident_rate") {
            profile.accident_rate = fraction("accident_rate", v, Decimal::new(30, 2))?;
        }
        if let Some(v) = section.get("mobility_rate") {
            profile.mobility_rate = fraction("mobility_rate", v, Decimal::new(5, 2))?;
        }
        Ok(profile)
    }

    /// The profile as the section's text per key.
    pub fn to_section(&self) -> BTreeMap<String, String> {
        [
            ("company_size", self.company_size.to_string()),
            ("accident_rate", self.accident_rate.value().normalize().to_string()),
            ("mobility_rate", self.mobility_rate.value().normalize().to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }
}

/// A rate written as a fraction (`0.0090` for 0.90 %), from 0 to `max`.
fn fraction(key: &'static str, text: &str, max: Decimal) -> Result<Rate, ProfileError> {
    let value = Decimal::from_str(text.trim())
        .map_err(|_| ProfileError { key, message: format!("'{text}' is not a decimal fraction (0.009 for 0.9 %)") })?;
    if value < Decimal::ZERO || value > max {
        return Err(ProfileError { key, message: format!("{text} is not a rate between 0 and {max}") });
    }
    Ok(Rate(value))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn section(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn a_section_sets_the_size_and_rates_and_reads_back() {
        let p =
            EmployerProfile::from_section(&section(&[("company_size", "12"), ("mobility_rate", "0.0295")])).unwrap();
        assert_eq!(p.company_size, 12);
        assert_eq!(p.mobility_rate, Rate(Decimal::new(295, 4)));
        assert_eq!(p.accident_rate, EmployerProfile::default().accident_rate);
        assert_eq!(EmployerProfile::from_section(&p.to_section()).unwrap(), p);
    }

    #[test]
    fn a_bad_value_names_its_key() {
        let err = EmployerProfile::from_section(&section(&[("accident_rate", "2.5")])).unwrap_err();
        assert_eq!(err.key, "accident_rate");
        let err = EmployerProfile::from_section(&section(&[("company_size", "many")])).unwrap_err();
        assert_eq!(err.key, "company_size");
    }
}
