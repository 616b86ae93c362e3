//! VAT as an invoice line carries it: the EN 16931 category and the rate.

use crate::money::Rate;
use std::fmt;

/// The VAT category of a line (EN 16931 code list UNCL5305, subset).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VatCategory {
    /// S: standard or reduced rate.
    Standard,
    /// Z: zero-rated goods.
    ZeroRated,
    /// E: exempt from VAT.
    Exempt,
    /// AE: reverse charge, the buyer accounts for the VAT.
    ReverseCharge,
    /// K: intra-Community supply of goods.
    IntraCommunity,
    /// G: export outside the EU.
    Export,
    /// O: outside the scope of VAT.
    OutOfScope,
}

impl VatCategory {
    /// The UNCL5305 code used in EN 16931 documents.
    pub fn code(self) -> &'static str {
        match self {
            VatCategory::Standard => "S",
            VatCategory::ZeroRated => "Z",
            VatCategory::Exempt => "E",
            VatCategory::ReverseCharge => "AE",
            VatCategory::IntraCommunity => "K",
            VatCategory::Export => "G",
            VatCategory::OutOfScope => "O",
        }
    }

    /// Parses a UNCL5305 code.
    pub fn from_code(code: &str) -> Option<VatCategory> {
        Some(match code {
            "S" => VatCategory::Standard,
            "Z" => VatCategory::ZeroRated,
            "E" => VatCategory::Exempt,
            "AE" => VatCategory::ReverseCharge,
            "K" => VatCategory::IntraCommunity,
            "G" => VatCategory::Export,
            "O" => VatCategory::OutOfScope,
            _ => return None,
        })
    }
}

impl fmt::Display for VatCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The VAT a pack decided for a line: category, rate, and for categories
/// without tax, the exemption reason the invoice must state.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineVat {
    /// EN 16931 category.
    pub category: VatCategory,
    /// Rate (zero for every category but S).
    pub rate: Rate,
    /// CEF VATEX code for the exemption reason (`VATEX-EU-AE`), when no tax applies.
    pub exemption_code: Option<String>,
    /// Exemption reason in words: the legal mention.
    pub exemption_reason: Option<String>,
}
