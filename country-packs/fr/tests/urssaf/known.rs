//! The known differences between the pack and modele-social, each with its amount, reason and source.

use super::*;

/// A difference between our payslip and URSSAF's rules that is understood: the part
/// of URSSAF's figure our payslip does not have, line by line.
pub(crate) struct Known {
    /// Which figure it explains.
    pub(crate) figure: Figure,
    /// Whether it applies to the case.
    pub(crate) applies: fn(&Case, &Urssaf) -> bool,
    /// What URSSAF's unrounded figure has more than ours (negative: less).
    pub(crate) amount: fn(&Case, &Urssaf) -> Decimal,
    pub(crate) reason: &'static str,
    pub(crate) source: &'static str,
}

/// Every difference allowed, with its reason and source. URSSAF's figure less the
/// amounts of the entries that apply, rounded to the cent, must equal ours.
pub(crate) const KNOWN: &[Known] = &[
    Known {
        figure: Figure::EmployerCost,
        applies: |c, u| {
            c.date < date("2026-01-01")
                && u.line("maladie . employeur . taux") == d("13")
                && u.figure("gross") <= monthly_smic(c.date, c.weekly_hours) * d("2.25")
        },
        amount: |_, u| u.line("maladie . employeur") - u.figure("gross") * d("0.07"),
        reason: "a 2025 pay of exactly 2.25 SMIC: modele-social 8.0.0 applies the full 13 % maladie rate \
                 (`cotisations . assiette < plafond`), the pack the reduced 7 %",
        source: "CSS art. L241-2-1: the rate is reduced for pay that \"n'excède pas\" the ceiling, 2.25 SMIC in \
                 2025 (décret n° 2025-318, published 6 April 2025; CSS art. D241-3-1): pay equal to it is reduced",
    },
    Known {
        figure: Figure::EmployerCost,
        applies: |c, u| {
            c.date < date("2026-01-01")
                && u.line("allocations familiales . taux") == d("5.25")
                && u.figure("gross") <= monthly_smic(c.date, c.weekly_hours) * d("3.3")
        },
        amount: |_, u| u.line("allocations familiales") - u.figure("gross") * d("0.0345"),
        reason: "a 2025 pay of exactly 3.3 SMIC: modele-social 8.0.0 applies the full 5.25 % famille rate \
                 (`cotisations . assiette < plafond`), the pack the reduced 3.45 %",
        source: "CSS art. L241-6-1: the rate is reduced for pay that \"n'excède pas\" the ceiling, 3.3 SMIC in \
                 2025 (décret n° 2025-318, CSS art. D241-3-2): pay equal to it is reduced",
    },
    Known {
        figure: Figure::EmployerCost,
        applies: |c, _| c.cadre && c.weekly_hours.is_some(),
        amount: |c, u| cadre_welfare_gap(c, u) * (Decimal::ONE + forfait_social_share(u)),
        reason: PART_TIME_WELFARE,
        source: PART_TIME_WELFARE_SOURCE,
    },
    Known {
        figure: Figure::CsgCrds,
        applies: |c, _| c.cadre && c.weekly_hours.is_some(),
        amount: |c, u| cadre_welfare_gap(c, u) * csg_crds_rate(u),
        reason: PART_TIME_WELFARE,
        source: PART_TIME_WELFARE_SOURCE,
    },
    Known {
        figure: Figure::Net,
        applies: |c, _| c.cadre && c.weekly_hours.is_some(),
        amount: |c, u| -cadre_welfare_gap(c, u) * csg_crds_rate(u),
        reason: PART_TIME_WELFARE,
        source: PART_TIME_WELFARE_SOURCE,
    },
    Known {
        figure: Figure::NetSocial,
        applies: |c, _| c.cadre && c.weekly_hours.is_some(),
        amount: |c, u| -cadre_welfare_gap(c, u) * csg_crds_rate(u),
        reason: PART_TIME_WELFARE,
        source: PART_TIME_WELFARE_SOURCE,
    },
    Known {
        figure: Figure::NetTaxable,
        applies: |c, _| c.cadre && c.weekly_hours.is_some(),
        amount: |c, u| -cadre_welfare_gap(c, u) * deductible_csg_rate(u),
        reason: PART_TIME_WELFARE,
        source: PART_TIME_WELFARE_SOURCE,
    },
    Known {
        figure: Figure::NetTaxable,
        applies: |c, _| c.cadre,
        amount: |_, u| u.line("prévoyances . employeur"),
        reason: "modele-social adds the employer's compulsory cadre prévoyance (1.50 %) to the net imposable \
                 (`net . imposable . sans déductions` sums `prévoyances . employeur`); the pack does not",
        source: "CGI art. 83 1° quater and BOI-RSA-BASE-30-10-20 § 200: employer contributions to compulsory \
                 collective prévoyance are excluded from taxable pay up to 5 % PASS + 2 % of pay (at most 2 % of \
                 8 PASS); only those financing health costs are taxable since loi de finances pour 2014, art. 4",
    },
    Known {
        figure: Figure::EmployerCost,
        applies: |c, u| c.date >= date("2026-06-01") && !u.figure("general_reduction").is_zero(),
        amount: |c, u| rgdu_on_january_smic(c, u) - u.figure("general_reduction"),
        reason: "from 1 June 2026 modele-social 11.1.0 computes the RGDU on the SMIC of the period (12.31 €); \
                 the pack keeps the SMIC of 1 January 2026 (12.02 €) for the whole year, so its reduction is smaller",
        source: "BOSS, 'Revalorisation du SMIC à compter du 1er juin 2026 - Évolutions réglementaires prévues de la \
                 réduction générale dégressive unique' (June 2026), as mon-entreprise's later rules apply it: \
                 'Malgré l'augmentation du Smic au 1er juin 2026, l'éligibilité à la RGDU et le calcul de son \
                 coefficient continuent de se baser sur la valeur du Smic au 1er janvier 2026' \
                 (parameters/payroll/minimum_wage/reduction_smic_hourly.toml)",
    },
];

pub(crate) const PART_TIME_WELFARE: &str =
    "a part-time cadre paid above the prorated PSS: modele-social takes the compulsory \
     1.50 % cadre prévoyance on pay up to the full PSS, the pack up to the PSS prorated for part time; the CSG/CRDS \
     on it and the forfait social follow";
pub(crate) const PART_TIME_WELFARE_SOURCE: &str =
    "ANI of 17 November 2017 on cadre prévoyance, art. 1.5 (1.50 % of the pay \
     below \"the ceiling set for social security contributions\"), read with CSS art. R242-7 (that ceiling is \
     prorated for part time); modele-social rule `salarié . cotisations . prévoyances . employeur . cadres` \
     (`plafond: plafond sécurité sociale`). DOUBT: which reading AGIRC-ARRCO and insurers apply is not settled here";

/// The cadre prévoyance modele-social counts beyond the pack's: on pay up to the
/// full PSS rather than the prorated one (1.50 %, the rule's own rate).
pub(crate) fn cadre_welfare_gap(c: &Case, u: &Urssaf) -> Decimal {
    let prorated = u.figure("pss") * c.weekly_hours.map_or(Decimal::ONE, |h| h / d("35"));
    u.line("prévoyances . employeur") - u.figure("gross").min(prorated) * d("0.015")
}

/// The forfait social per euro of prévoyance, as modele-social applies it (8 % from 11 employees).
pub(crate) fn forfait_social_share(u: &Urssaf) -> Decimal {
    let welfare = u.line("prévoyances . employeur");
    if welfare.is_zero() {
        Decimal::ZERO
    } else {
        u.line("forfait social") / welfare
    }
}

/// Deductible CSG per euro of its base, as modele-social applies it (6.80 %).
pub(crate) fn deductible_csg_rate(u: &Urssaf) -> Decimal {
    u.line("CSG-CRDS . CSG . déductible") / u.line("CSG-CRDS . assiette de base")
}

/// CSG and CRDS per euro of their base, as modele-social applies them (9.70 %).
pub(crate) fn csg_crds_rate(u: &Urssaf) -> Decimal {
    u.figure("csg_crds") / u.line("CSG-CRDS . assiette de base")
}

/// The one difference allowed without an entry: our CSG/CRDS is the sum of its
/// three lines, each rounded to the cent (the largest employee line taking the cent
/// by which the separate roundings miss the rounded total), while modele-social
/// rounds the unrounded sum; so CSG/CRDS and the other employee contributions may
/// move by up to two cents, the net not at all (a known difference's amount,
/// computed on unrounded figures, may leave the cent on either side).
pub(crate) const ROUNDING: &str = "CSG/CRDS is the sum of its rounded lines; modele-social rounds the unrounded sum \
                        (the net is equal; the cents move between CSG/CRDS and the other employee contributions)";

pub(crate) fn rounding_explains(diffs: &BTreeMap<Figure, Decimal>, figure: Figure) -> bool {
    matches!(figure, Figure::EmployeeSocial | Figure::CsgCrds)
        && diffs[&Figure::Net].is_zero()
        && diffs[&figure].abs() <= d("0.02")
}

/// The RGDU the pack computes from 1 June 2026: CSS art. D241-7's coefficient
/// Tmin + Tdelta × (½ × (3 × SMIC / pay − 1))^1.75 on the SMIC of 1 January 2026 (12.02 €
/// × 1820 / 12, prorated for part time), Tdelta 0.3821 from 50 employees and 0.3781 below
/// (décret n° 2025-1446), rounded to four decimals, nil from 3 SMIC.
pub(crate) fn rgdu_on_january_smic(c: &Case, u: &Urssaf) -> Decimal {
    use rust_decimal::MathematicalOps;
    let pay = u.figure("gross");
    let smic = d("12.02") * d("1820") / d("12") * c.weekly_hours.map_or(Decimal::ONE, |h| h / d("35"));
    if pay.is_zero() || pay >= d("3") * smic {
        return Decimal::ZERO;
    }
    let t_delta = if c.size >= 50 { d("0.3821") } else { d("0.3781") };
    let x = (d("0.5") * (d("3") * smic / pay - Decimal::ONE)).max(Decimal::ZERO);
    let coefficient = (d("0.02") + t_delta * x.powd(d("1.75"))).min(d("0.02") + t_delta);
    coefficient.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero) * pay
}
