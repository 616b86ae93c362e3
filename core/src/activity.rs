//! A member's activity: a project that is an account inside the cooperative.
//!
//! Invoices credit its budget; the fee, expenses and salaries debit it. The budget
//! is never stored: it is the balance of the activity's budget account in the journal.

use crate::ids::{ActivityId, MemberId};
use chrono::NaiveDate;
use std::fmt;
use std::str::FromStr;

/// The sector of an activity, as the group reports payroll mass by sector.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Sector {
    /// Artistic activities (performing arts, visual arts, music...).
    Artistic,
    /// Cultural industry (audiovisual, publishing, events technique...).
    CulturalIndustry,
    /// Any other activity, with its sub-sector (consulting, training, IT, courier...).
    Other(String),
}

impl Sector {
    /// The sector's stable name, without the sub-sector.
    pub fn kind(&self) -> &'static str {
        match self {
            Sector::Artistic => "artistic",
            Sector::CulturalIndustry => "cultural_industry",
            Sector::Other(_) => "other",
        }
    }

    /// The sub-sector of an `Other` activity.
    pub fn sub_sector(&self) -> Option<&str> {
        match self {
            Sector::Other(s) => Some(s),
            _ => None,
        }
    }

    /// Builds a sector from its kind and optional sub-sector; `other` needs one.
    pub fn parse(kind: &str, sub_sector: Option<&str>) -> Result<Sector, SectorError> {
        match (kind, sub_sector.map(str::trim).filter(|s| !s.is_empty())) {
            ("artistic", None) => Ok(Sector::Artistic),
            ("cultural_industry", None) => Ok(Sector::CulturalIndustry),
            ("other", Some(sub)) => Ok(Sector::Other(sub.to_owned())),
            ("other", None) => Err(SectorError::MissingSubSector),
            ("artistic" | "cultural_industry", Some(_)) => Err(SectorError::UnexpectedSubSector(kind.into())),
            (other, _) => Err(SectorError::Unknown(other.into())),
        }
    }
}

impl fmt::Display for Sector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Sector::Other(sub) => write!(f, "other ({sub})"),
            s => f.write_str(s.kind()),
        }
    }
}

/// Why a sector is not valid.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SectorError {
    /// Not one of artistic, cultural_industry, other.
    #[error("unknown sector '{0}' (expected artistic, cultural_industry or other)")]
    Unknown(String),
    /// `other` without its sub-sector.
    #[error("sector 'other' needs a sub_sector (consulting, training, IT, courier...)")]
    MissingSubSector,
    /// A sub-sector given for a sector that has none.
    #[error("sector '{0}' takes no sub_sector")]
    UnexpectedSubSector(String),
}

/// Whether an activity can still invoice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActivityStatus {
    /// Open: invoices may be issued.
    Open,
    /// Closed: no new invoice; its balance stays in the journal.
    Closed,
}

impl ActivityStatus {
    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityStatus::Open => "open",
            ActivityStatus::Closed => "closed",
        }
    }
}

impl FromStr for ActivityStatus {
    type Err = SectorError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "open" => Ok(ActivityStatus::Open),
            "closed" => Ok(ActivityStatus::Closed),
            other => Err(SectorError::Unknown(other.into())),
        }
    }
}

/// An activity as recorded; its budget is the journal's, not the record's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    /// The activity's id.
    pub id: ActivityId,
    /// The member whose activity it is.
    pub member_id: MemberId,
    /// Its name.
    pub name: String,
    /// Its sector.
    pub sector: Sector,
    /// Whether it can still invoice.
    pub status: ActivityStatus,
    /// Opening date.
    pub opened_on: NaiveDate,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_needs_a_sub_sector_and_the_others_refuse_one() {
        assert_eq!(Sector::parse("other", Some("courier")), Ok(Sector::Other("courier".into())));
        assert_eq!(Sector::parse("other", None), Err(SectorError::MissingSubSector));
        assert_eq!(Sector::parse("other", Some("  ")), Err(SectorError::MissingSubSector));
        assert!(Sector::parse("artistic", Some("x")).is_err());
        assert!(Sector::parse("mining", None).is_err());
    }
}
