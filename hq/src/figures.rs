//! A node's figures of one period, the only business data HQ receives (research §6.4):
//! aggregates, never a person. Amounts are decimal strings in the node's currency.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The event type of a period snapshot (`partage.<cc>.agg.<YYYY-MM>.figures`).
pub const FIGURES_TYPE: &str = "agg.figures";

/// One sector's figures of the period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectorFigures {
    /// People paid or invoicing in this sector during the period (for small-cell suppression).
    pub people: u32,
    /// Invoiced turnover excluding VAT, credit notes deducted.
    pub turnover_excl_vat: Decimal,
    /// Gross wages of the period's payslips.
    pub payroll_mass_gross: Decimal,
    /// Employer cost of the period's payslips.
    pub employer_cost: Decimal,
}

/// The three sectors of an activity (core's `Sector`, without sub-sectors).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sectors {
    /// Artistic activities.
    pub artistic: SectorFigures,
    /// Cultural industries.
    pub cultural_industry: SectorFigures,
    /// Everything else.
    pub other: SectorFigures,
}

impl Sectors {
    /// The sectors with their wire names, in report order.
    pub fn named(&self) -> [(&'static str, &SectorFigures); 3] {
        [("artistic", &self.artistic), ("cultural_industry", &self.cultural_industry), ("other", &self.other)]
    }
}

/// The guarantee fund at the period's end.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundFigures {
    /// What the fund holds to lend.
    pub balance: Decimal,
    /// Advances out, neither recovered nor lost.
    pub open_advances: Decimal,
}

/// A node's whole figures of one month, at one revision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodFigures {
    /// The month, `YYYY-MM`.
    pub period: String,
    /// Rises each time the node re-sends the period's figures.
    pub revision: u32,
    /// ISO 4217 code of every amount.
    pub currency: String,
    /// Members active at the period's end.
    pub members_active: u32,
    /// Members admitted during the period.
    pub signups: u32,
    /// Members who left during the period.
    pub leavers: u32,
    /// Full-time equivalents paid in the period (time worked over a full month).
    pub fte: Decimal,
    /// Figures by sector.
    pub sectors: Sectors,
    /// The guarantee fund.
    pub fund: FundFigures,
}
