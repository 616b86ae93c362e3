//! The employer side of a Belgian payslip and of the DmfA: the structural reduction
//! of employer contributions (category 1), the Closing Fund and the other special
//! employer contributions, and the employer's profile they depend on.
//!
//! Structural reduction (RD 16 May 2003, art. 2-3, as the NSSO's DmfA instructions
//! "Structurele vermindering" state it; grades in
//! `parameters/RESEARCH-STRUCTURAL-REDUCTION.md` §4):
//! - R = α × max(0, S0 − S) + γ × max(0, S2 − S), each term rounded to the cent; S is
//!   the quarterly wage converted to full time;
//! - Ps = R × µ × β, rounded to the cent (0.005 up), never above R, with µ the fraction
//!   of a full-time quarter worked in the occupation and β a function of µglob, the sum
//!   of the worker's occupations with the employer in the quarter: β = 1/µglob from 80 %,
//!   1.18 + (µglob − 0.55) × 0.28 from 55 %, 1.18 from 27.5 %, and no reduction below 27.5 % (socialsecurity.be DmfA instructions 2019-2,
//!   "structuralreduction.html"; Securex Lex4you "le calcul du montant réel de la
//!   réduction", 10 February 2023). The exceptions to the 27.5 % floor are not applied;
//! - Ps never exceeds the basic employer contribution of the line.
//!
//! The monthly payslip carries an advance, computed the way payroll bureaus do (a payroll
//! bureau's simulator, reproduced to the cent by Jspmoi19/duxsalary
//! `profil_travailleur.py`): the month's wage W is converted to a full-time quarter with
//! a day factor, S = W × r2(65 / J) (J the days of the month paid, 65 = 13 weeks × 5
//! days), R uses the quarter's parameters and the advance is Ps ÷ 3. With hours known,
//! the same factor is 13 × 38 / H (H the month's hours; 38 the full-time week used for
//! the DmfA's reference person). The DmfA computes the reduction per quarter and
//! occupation with deduction code 3000: the monthly advances are not its sum.
//!
//! Artists' target-group reduction (regional since the 6th state reform; DmfA instructions
//! 2022-2 "Doelgroepvermindering voor kunstenaars"; grades in
//! `parameters/payroll/employer/artists_reduction.toml`): for an artist whose quarterly
//! reference wage S reaches the floor (3 × the GGMMI of the quarter's first month), in a
//! region where it exists, Pg = G × µ × β, rounded to the cent, capped at 517.00 per quarter
//! and occupation "na het in rekening brengen van de prestatiebreuk en de
//! multiplicatiefactor". The 27.5 % minimum does not apply to artists (Securex Lex-Go), so
//! below 55 % β stays 1.18: the general β without its floor, which no text read states for
//! artists in so many words (INF). It adds to the structural reduction; both together are
//! kept within the basic employer contribution of the occupation, as the structural
//! reduction alone is. The DmfA declares it per occupation under deduction code 4300; the
//! payslip carries an advance computed as the structural reduction's: S from the month's
//! wage × the quarter factor, µ the month's fraction ×3, Pg ÷ 3.

use super::params::{ArtistsReduction, ClosingFund, SpecialContributions, StructuralReduction};
use super::r2;
use rust_decimal::Decimal;
use serde::Deserialize;

/// A region of Belgium, as the regional target-group reductions know them (the region of
/// the place of employment decides which region's reduction applies).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Region {
    /// Brussels-Capital Region.
    Brussels,
    /// Flemish Region.
    Flanders,
    /// Walloon Region (the German-speaking Community included).
    Wallonia,
}

impl Region {
    /// Every region, in the order the `[pack.be]` setting lists them.
    pub const ALL: [Region; 3] = [Region::Brussels, Region::Flanders, Region::Wallonia];

    /// The setting's word for the region.
    pub fn name(self) -> &'static str {
        match self {
            Region::Brussels => "brussels",
            Region::Flanders => "flanders",
            Region::Wallonia => "wallonia",
        }
    }

    /// The region a setting's word names.
    pub fn parse(text: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.name() == text)
    }
}

/// The full-time week of the reference person, in hours (law of 16 March 1971 on work,
/// art. 19: 38 hours on average), used to turn hours into a fraction of a quarter.
pub const FULL_TIME_WEEK_HOURS: i64 = 38;

/// The employer as the special contributions see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmployerProfile {
    /// Average number of workers in the previous calendar year (the Closing Fund's
    /// "< 20 / ≥ 20" classes and the 1.60 % contribution of employers with ≥ 10 workers).
    pub workers: u32,
    /// An employer with an industrial or commercial purpose (a cooperative company is
    /// one unless recognised as a social-purpose company): Closing Fund code 809 rather
    /// than the non-commercial code 811.
    pub commercial: bool,
    /// The employer's joint committee (e.g. `200`), shown on payslips; the pack applies
    /// category 1 of the structural reduction whatever it is (category 2, the Social
    /// Maribel non-profit sector, is not researched).
    pub joint_committee: Option<String>,
    /// The region of the place of employment, for the regional target-group reductions;
    /// None when the node has not said (the DmfA then refuses a quarter where it matters).
    pub region: Option<Region>,
}

impl Default for EmployerProfile {
    /// A commercial employer with fewer than 10 workers, no joint committee stated.
    fn default() -> Self {
        EmployerProfile { workers: 0, commercial: true, joint_committee: None, region: None }
    }
}

/// A special employer contribution: its payslip code, its DmfA code, its rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Contribution {
    /// Its payslip line (whose code is also the Fluent message id).
    pub kind: partage_core::payroll::LineKind,
    /// English label.
    pub label: &'static str,
    /// DmfA contribution worker code (zone 00082), from the NSSO rate file.
    pub dmfa_code: &'static str,
    /// Rate on the declared gross; None where no source gives it for the period.
    pub rate: Option<Decimal>,
    /// Which parameter gives it, for a refusal naming it.
    pub parameter: &'static str,
}

/// The special contributions an employer with `profile` owes, with their rates.
pub fn contributions(profile: &EmployerProfile, fund: &ClosingFund, other: &SpecialContributions) -> Vec<Contribution> {
    let mut out = Vec::with_capacity(6);
    out.push(if profile.commercial {
        let large = profile.workers >= 20;
        Contribution {
            kind: super::CLOSING_FUND,
            label: "Closing Fund, basic contribution",
            dmfa_code: "809",
            rate: if large { fund.commercial_large } else { fund.commercial_small },
            parameter: if large {
                "payroll.employer.closing_fund.commercial_large"
            } else {
                "payroll.employer.closing_fund.commercial_small"
            },
        }
    } else {
        Contribution {
            kind: super::CLOSING_FUND,
            label: "Closing Fund, basic contribution",
            dmfa_code: "811",
            rate: fund.non_commercial,
            parameter: "payroll.employer.closing_fund.non_commercial",
        }
    });
    out.push(Contribution {
        kind: super::CLOSING_FUND_SPECIAL,
        label: "Closing Fund, special contribution (temporary unemployment)",
        dmfa_code: "810",
        rate: fund.special,
        parameter: "payroll.employer.closing_fund.special",
    });
    if profile.workers >= 10 {
        out.push(Contribution {
            kind: super::TEN_WORKERS_CONTRIBUTION,
            label: "Contribution of employers with 10 workers or more",
            dmfa_code: "855",
            rate: Some(other.ten_workers),
            parameter: "payroll.employer.special_contributions.ten_workers",
        });
    }
    out.push(Contribution {
        kind: super::TEMPORARY_UNEMPLOYMENT_CONTRIBUTION,
        label: "Temporary unemployment and seniority supplement",
        dmfa_code: "859",
        rate: Some(other.temporary_unemployment),
        parameter: "payroll.employer.special_contributions.temporary_unemployment",
    });
    out.push(Contribution {
        kind: super::ASBESTOS_FUND,
        label: "Asbestos fund",
        dmfa_code: "256",
        rate: Some(other.asbestos),
        parameter: "payroll.employer.special_contributions.asbestos",
    });
    out.push(Contribution {
        kind: super::WORK_ACCIDENTS_CONTRIBUTION,
        label: "Work accidents, special contribution",
        dmfa_code: "255",
        rate: Some(other.work_accidents),
        parameter: "payroll.employer.special_contributions.work_accidents",
    });
    out
}

/// R: the theoretical quarterly reduction for a full-time quarterly reference wage `s`.
pub fn theoretical(p: &StructuralReduction, s: Decimal) -> Decimal {
    r2(p.alpha * (p.low_wage - s).max(Decimal::ZERO)) + r2(p.gamma * (p.very_low_wage - s).max(Decimal::ZERO))
}

/// β, the multiplication factor of a work fraction µ; None below 27.5 % (no reduction).
pub fn beta(mu: Decimal) -> Option<Decimal> {
    if mu >= Decimal::new(80, 2) {
        Some(Decimal::ONE / mu)
    } else if mu >= Decimal::new(55, 2) {
        Some(Decimal::new(118, 2) + (mu - Decimal::new(55, 2)) * Decimal::new(28, 2))
    } else if mu >= Decimal::new(275, 3) {
        Some(Decimal::new(118, 2))
    } else {
        None
    }
}

/// Ps = R × µ × β(µglob), rounded, never above R; zero when µglob is below 27.5 %. µ is
/// the occupation's work fraction, µglob the sum of the worker's occupations with the
/// employer in the quarter (Securex Lex4you "De berekening van het reële
/// verminderingsbedrag": "De som van alle tewerkstellingen van een werknemer bij
/// dezelfde werkgever tijdens een kwartaal, µ(glob) ..."; "Ps mag nooit hoger zijn dan
/// het theoretische verminderingsbedrag R").
pub fn actual(r: Decimal, mu: Decimal, global_mu: Decimal) -> Decimal {
    let mu = mu.min(Decimal::ONE);
    beta(global_mu).map_or(Decimal::ZERO, |b| r2(r * mu * b).min(r))
}

/// A work fraction over the quarter as the DmfA computes it: r2(H / (13 × U)).
pub fn quarter_fraction(hours: Decimal, reference_week: Decimal) -> Decimal {
    if reference_week <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    r2(hours / (Decimal::from(13) * reference_week))
}

/// The quarterly structural reduction of one occupation (DmfA, deduction code 3000):
/// W the quarter's wage, `hours` the hours worked, `reference_week` the full-time
/// reference person's weekly hours (U), `global_mu` the sum of the worker's
/// occupations' fractions. S = r2(W × r2(13 × U / H)); µ = r2(H / (13 × U)). Capped at
/// `cap`, the basic employer contribution of the occupation.
pub fn quarterly(
    p: &StructuralReduction,
    wage: Decimal,
    hours: Decimal,
    reference_week: Decimal,
    global_mu: Decimal,
    cap: Decimal,
) -> Decimal {
    if hours <= Decimal::ZERO || reference_week <= Decimal::ZERO || wage <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    let quarter_hours = Decimal::from(13) * reference_week;
    let s = r2(wage * r2(quarter_hours / hours));
    let mu = quarter_fraction(hours, reference_week);
    actual(theoretical(p, s), mu, global_mu).min(cap).max(Decimal::ZERO)
}

/// The monthly advance on the structural reduction: `factor` converts the month's wage
/// to a full-time quarter (r2(65 / J), or 13 × 38 / H), `mu` is the month's work
/// fraction; Ps ÷ 3, capped at `cap`, the month's basic employer contribution.
pub fn monthly_advance(p: &StructuralReduction, wage: Decimal, factor: Decimal, mu: Decimal, cap: Decimal) -> Decimal {
    let s = r2(wage * factor);
    r2(actual(theoretical(p, s), mu, mu) / Decimal::from(3)).min(cap).max(Decimal::ZERO)
}

/// Whether the artists' reduction can apply in `region` under `p`: Some(true) when it
/// exists there, Some(false) when it does not, None when the region is not known and the
/// reduction exists somewhere.
pub fn artists_region_applies(p: &ArtistsReduction, region: Option<Region>) -> Option<bool> {
    match region {
        _ if p.regions.is_empty() => Some(false),
        Some(r) => Some(p.regions.contains(&r)),
        None => None,
    }
}

/// β of the artists' reduction: the general β, 1.18 below 55 % down to any fraction (no
/// 27.5 % minimum for artists).
pub fn artists_beta(global_mu: Decimal) -> Decimal {
    beta(global_mu).unwrap_or(Decimal::new(118, 2))
}

/// Pg = r2(G × µ × β(µglob)), capped at the quarter's cap; zero below the floor `floor`
/// of the quarterly reference wage `s`.
pub fn artists_actual(p: &ArtistsReduction, floor: Decimal, s: Decimal, mu: Decimal, global_mu: Decimal) -> Decimal {
    if s < floor || mu <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    let mu = mu.min(Decimal::ONE);
    r2(p.amount * mu * artists_beta(global_mu)).min(p.cap)
}

/// The quarterly artists' reduction of one occupation (DmfA, deduction code 4300): S and µ
/// as the structural reduction's (`quarterly`), Pg capped at `room`, what the basic
/// contribution leaves after the structural reduction.
pub fn artists_quarterly(
    p: &ArtistsReduction,
    floor: Decimal,
    wage: Decimal,
    hours: Decimal,
    reference_week: Decimal,
    global_mu: Decimal,
    room: Decimal,
) -> Decimal {
    if hours <= Decimal::ZERO || reference_week <= Decimal::ZERO || wage <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    let s = r2(wage * r2(Decimal::from(13) * reference_week / hours));
    let mu = quarter_fraction(hours, reference_week);
    artists_actual(p, floor, s, mu, global_mu).min(room).max(Decimal::ZERO)
}

/// The monthly advance on the artists' reduction: S = r2(W × factor) as the structural
/// advance's, µ the month's fraction; Pg ÷ 3, capped at `room`, what the month's basic
/// contribution leaves after the structural advance.
pub fn artists_monthly_advance(
    p: &ArtistsReduction,
    floor: Decimal,
    wage: Decimal,
    factor: Decimal,
    mu: Decimal,
    room: Decimal,
) -> Decimal {
    let s = r2(wage * factor);
    r2(artists_actual(p, floor, s, mu, mu) / Decimal::from(3)).min(room).max(Decimal::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(alpha: &str, s0: &str, gamma: &str, s2: &str) -> StructuralReduction {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        StructuralReduction { alpha: d(alpha), low_wage: d(s0), gamma: d(gamma), very_low_wage: d(s2) }
    }

    #[test]
    fn the_research_notes_2025_q2_example_gives_946_41_under_the_decree() {
        // be-employer-side §1.2: at S = 6,829.53, 0.14 × (11,233.89 − S) + 0.21 × (8,400 − S)
        // = 616.61 + 329.80 = 946.41; the formula of 2025-Q3 gives 616.61 + 379.57 = 996.18.
        let s: Decimal = "6829.53".parse().unwrap();
        assert_eq!(theoretical(&q("0.14", "11233.89", "0.21", "8400.00"), s), "946.41".parse().unwrap());
        assert_eq!(theoretical(&q("0.14", "11233.89", "0.15", "9360.00"), s), "996.18".parse().unwrap());
    }

    fn artists(floor: &str, regions: Vec<Region>) -> (ArtistsReduction, Decimal) {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        (ArtistsReduction { amount: d("726.50"), cap: d("517.00"), floor: Some(d(floor)), regions }, d(floor))
    }

    #[test]
    fn the_artists_reduction_has_no_27_5_percent_minimum_and_caps_at_517() {
        let m = |s: &str| s.parse::<Decimal>().unwrap();
        let (p, floor) = artists("6569.43", vec![Region::Brussels, Region::Wallonia]);
        // Full time: 726.50 × 1 × 1, capped at 517.00.
        assert_eq!(artists_actual(&p, floor, m("7000"), m("1"), m("1")), m("517.00"));
        // µ = 0.10, alone: β = 1.18, 726.50 × 0.10 × 1.18 = 85.727 → 85.73 (the general β
        // gives nothing below 27.5 %).
        assert_eq!(artists_actual(&p, floor, m("7000"), m("0.10"), m("0.10")), m("85.73"));
        assert_eq!(actual(Decimal::from(300), m("0.10"), m("0.10")), Decimal::ZERO);
        // µ = 0.60: β = 1.18 + 0.05 × 0.28 = 1.194; 726.50 × 0.60 × 1.194 = 520.4646 → 517.00.
        assert_eq!(artists_actual(&p, floor, m("7000"), m("0.60"), m("0.60")), m("517.00"));
        // µ = 0.50: 726.50 × 0.50 × 1.18 = 428.635 → 428.64, under the cap.
        assert_eq!(artists_actual(&p, floor, m("7000"), m("0.50"), m("0.50")), m("428.64"));
        // A cent under the floor: nothing.
        assert_eq!(artists_actual(&p, floor, m("6569.42"), m("1"), m("1")), Decimal::ZERO);
    }

    #[test]
    fn the_artists_reduction_applies_only_in_its_regions_and_asks_for_an_unknown_region() {
        let (p, _) = artists("6569.43", vec![Region::Brussels, Region::Wallonia]);
        assert_eq!(artists_region_applies(&p, Some(Region::Flanders)), Some(false));
        assert_eq!(artists_region_applies(&p, Some(Region::Wallonia)), Some(true));
        assert_eq!(artists_region_applies(&p, None), None);
        let (none, _) = artists("6569.43", vec![]);
        assert_eq!(artists_region_applies(&none, None), Some(false));
        assert_eq!(Region::parse("flanders"), Some(Region::Flanders));
        assert_eq!(Region::parse("vlaanderen"), None);
    }

    #[test]
    fn beta_makes_full_reduction_from_eighty_percent_and_none_below_27_5() {
        let m = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(actual(Decimal::from(300), m("0.8"), m("0.8")), Decimal::from(300));
        assert_eq!(actual(Decimal::from(300), m("0.5"), m("0.5")), Decimal::from(177)); // 300 × 0.5 × 1.18
        assert_eq!(actual(Decimal::from(300), m("0.27"), m("0.27")), Decimal::ZERO);
        // A short occupation counts with the worker's other occupations of the quarter.
        assert_eq!(actual(Decimal::from(300), m("0.2"), m("0.9")), m("66.67")); // 300 × 0.2 / 0.9
    }
}
