//! Every contribution of the general regime, employee and employer side, with its base.
//!
//! Bases (CSS art. L242-1): the pay (gross and the end-of-contract indemnity); "T1" is the pay up
//! to the PSS, "T2" from 1 to 8 PSS (AGIRC-ARRCO), both prorated for part time (CSS art. R242-7:
//! the PSS of a part-time worker is reduced in proportion to the hours worked).
//!
//! Intermittents of the performance sector (`Regime::Performance`, worker kinds `artist` and
//! `technician`, CDD d'usage of at most three months) change some lines: unemployment at the
//! annexes VIII and X rates, Congés Spectacles, Audiens's AGIRC-ARRCO rates and prévoyance, the
//! AFDAS contribution in place of the training and CPF-CDD contributions, and for artists the
//! arrêté of 24 January 1975 (70 % of the social security rates, 12 hourly ceilings a day of a
//! short engagement, no réduction générale). Sources and doubts: parameters/RESEARCH-INTERMITTENTS.md.

use super::params::PayrollInForce;
use super::{EmployerProfile, Performer, Regime, Status, CATEGORIES, MONTHLY_HOURS};
use chrono::NaiveDate;
use partage_core::dated::ParameterError;
use partage_core::payroll::{Employee, LineKind, LineSide, PayrollError};
use rust_decimal::Decimal;
use std::sync::Arc;

macro_rules! kinds {
    ($($name:ident = $code:literal;)*) => {
        $(
            #[doc = concat!("Line `", $code, "`.")]
            pub const $name: LineKind = LineKind::Pack($code);
        )*
        /// Every kind the pack writes.
        pub const KINDS: [LineKind; [$($code),*].len()] = [$($name),*];
    };
}

kinds! {
    OLD_AGE_CAPPED_EMPLOYEE = "old_age_capped_employee";
    OLD_AGE_UNCAPPED_EMPLOYEE = "old_age_uncapped_employee";
    PENSION_T1_EMPLOYEE = "pension_t1_employee";
    PENSION_T2_EMPLOYEE = "pension_t2_employee";
    CEG_T1_EMPLOYEE = "ceg_t1_employee";
    CEG_T2_EMPLOYEE = "ceg_t2_employee";
    CET_EMPLOYEE = "cet_employee";
    APEC_EMPLOYEE = "apec_employee";
    CSG_DEDUCTIBLE = "csg_deductible";
    CSG_NON_DEDUCTIBLE = "csg_non_deductible";
    CRDS = "crds";
    HEALTH_EMPLOYER = "health_employer";
    OLD_AGE_CAPPED_EMPLOYER = "old_age_capped_employer";
    OLD_AGE_UNCAPPED_EMPLOYER = "old_age_uncapped_employer";
    FAMILY_EMPLOYER = "family_employer";
    ACCIDENT_EMPLOYER = "accident_employer";
    AUTONOMY_EMPLOYER = "autonomy_employer";
    FNAL_EMPLOYER = "fnal_employer";
    SOCIAL_DIALOGUE_EMPLOYER = "social_dialogue_employer";
    UNEMPLOYMENT_EMPLOYER = "unemployment_employer";
    WAGE_GUARANTEE_EMPLOYER = "wage_guarantee_employer";
    PENSION_T1_EMPLOYER = "pension_t1_employer";
    PENSION_T2_EMPLOYER = "pension_t2_employer";
    CEG_T1_EMPLOYER = "ceg_t1_employer";
    CEG_T2_EMPLOYER = "ceg_t2_employer";
    CET_EMPLOYER = "cet_employer";
    APEC_EMPLOYER = "apec_employer";
    CADRE_WELFARE_EMPLOYER = "cadre_welfare_employer";
    FORFAIT_SOCIAL_EMPLOYER = "forfait_social_employer";
    VOCATIONAL_TRAINING_EMPLOYER = "vocational_training_employer";
    APPRENTICESHIP_TAX_EMPLOYER = "apprenticeship_tax_employer";
    APPRENTICESHIP_TAX_BALANCE_EMPLOYER = "apprenticeship_tax_balance_employer";
    CPF_FIXED_TERM_EMPLOYER = "cpf_fixed_term_employer";
    APPRENTICESHIP_SURCHARGE_EMPLOYER = "apprenticeship_surcharge_employer";
    CONSTRUCTION_EMPLOYER = "construction_employer";
    MOBILITY_EMPLOYER = "mobility_employer";
    PERFORMANCE_UNEMPLOYMENT_EMPLOYEE = "performance_unemployment_employee";
    PERFORMANCE_UNEMPLOYMENT_EMPLOYER = "performance_unemployment_employer";
    HOLIDAY_FUND_EMPLOYER = "holiday_fund_employer";
    PERFORMANCE_WELFARE_EMPLOYER = "performance_welfare_employer";
    PERFORMANCE_TRAINING_EMPLOYER = "performance_training_employer";
    GENERAL_REDUCTION = "general_reduction";
    INDEMNITY = "end_of_contract_indemnity";
    NET_BEFORE_TAX = "net_before_tax";
    NET_TAXABLE = "net_taxable";
    NET_SOCIAL = "net_social";
}

/// One contribution before rounding.
#[derive(Clone, Debug, PartialEq)]
pub struct Line<'a> {
    /// Kind.
    pub kind: LineKind,
    /// English label.
    pub label: &'static str,
    /// Side.
    pub side: LineSide,
    /// Base.
    pub base: Decimal,
    /// Rate.
    pub rate: Decimal,
    /// base × rate.
    pub exact: Decimal,
    /// Rounded (set when the side is settled).
    pub amount: Decimal,
    /// Source of the rate.
    pub source: &'a Arc<str>,
    /// CSG or CRDS.
    pub csg: bool,
    /// Deductible from taxable income (every employee contribution but the non-deductible CSG and CRDS).
    pub deductible: bool,
}

/// What one payslip's computation needs: the parameters of its date and the worker's situation.
pub struct Setup<'p> {
    /// Parameters in force.
    pub p: PayrollInForce<'p>,
    /// Status.
    pub status: Status,
    /// The general regime or an intermittent's.
    pub regime: Regime,
    /// The general employer unemployment rate's surcharge of an intermittent's CDD d'usage (zero otherwise).
    pub usage_surcharge: Decimal,
    /// Fixed-term contract.
    pub fixed_term: bool,
    /// Company size.
    pub size: Decimal,
    /// The employer.
    pub profile: &'p EmployerProfile,
    /// Share of a full-time month.
    pub fraction: Decimal,
    /// PSS prorated.
    pub pss: Decimal,
    /// Source of the AT/MP line.
    pub accident_source: &'p Arc<str>,
}

impl<'p> Setup<'p> {
    /// The parameters of `date` for `employee`.
    pub fn new(
        params: &'p super::PayrollParameters,
        profile: &'p EmployerProfile,
        accident_source: &'p Arc<str>,
        date: NaiveDate,
        employee: &Employee,
    ) -> Result<Setup<'p>, PayrollError> {
        let (status, regime) = match employee.category.as_str() {
            "non-cadre" => (Status::NonCadre, Regime::General),
            "cadre" => (Status::Cadre, Regime::General),
            "artist" => (Status::NonCadre, Regime::Performance(Performer::Artist)),
            "technician" => (Status::NonCadre, Regime::Performance(Performer::Technician)),
            other => {
                return Err(PayrollError::UnknownCategory { category: other.to_owned(), known: CATEGORIES.join(", ") })
            }
        };
        let fraction = fraction(employee)?;
        let p = params.in_force(date)?;
        let mut pss = p.pss.value * fraction;
        let mut usage_surcharge = Decimal::ZERO;
        if let Regime::Performance(performer) = regime {
            let unemployment = &p.performance_unemployment;
            // Annexe VIII (technicians) or X (artists) art. 50 § 2: the general employer rate "est
            // fixée à 4,50 % pour les contrats de travail à durée déterminée mentionnés au 3° de
            // l'article L. 1242-2 ... d'une durée inférieure ou égale à trois mois" (2024 convention).
            let (surcharge, field) = match performer {
                Performer::Artist => (unemployment.value.artist_short_usage_surcharge, "artist_short_usage_surcharge"),
                Performer::Technician => {
                    (unemployment.value.technician_short_usage_surcharge, "technician_short_usage_surcharge")
                }
            };
            // Refused rather than guessed: the surcharge is on every intermittent's CDD d'usage.
            usage_surcharge = surcharge.ok_or_else(|| {
                PayrollError::NotCovered(ParameterError::NotInForce {
                    name: format!("payroll.performance.unemployment.{field}"),
                    date,
                    coverage: format!(
                        "days before {} only: from then no source read gives this annexe's CDD d'usage surcharge \
                         under the unemployment convention in force, so the pack refuses these payslips rather \
                         than guess (parameters/RESEARCH-INTERMITTENTS.md)",
                        unemployment.from
                    ),
                })
            })?;
            // Arrêté du 24 janvier 1975 art. 3: "pour les périodes d'engagement continu inférieures à
            // 5 jours ... un plafond égal à douze fois le plafond horaire" for each day worked.
            let artist = &p.artist.value;
            if let (Performer::Artist, Some(w)) = (performer, employee.worked) {
                if w.days > Decimal::ZERO && w.days < artist.short_engagement_days {
                    pss = p.pss_hourly.value * artist.ceiling_hours_per_day * w.days;
                }
            }
        }
        Ok(Setup {
            p,
            status,
            regime,
            usage_surcharge,
            fixed_term: employee.fixed_term.is_some(),
            size: Decimal::from(profile.company_size),
            profile,
            fraction,
            pss,
            accident_source,
        })
    }

    /// The monthly SMIC at an hourly rate, prorated (hourly × 1820 / 12 × fraction).
    pub fn monthly_smic(&self, hourly: Decimal) -> Decimal {
        hourly * Decimal::from(1820) / Decimal::from(12) * self.fraction
    }
}

/// The share of a full-time month the payslip covers: the hours (or days of 7 hours) worked of a
/// short contract, else the part-time fraction.
fn fraction(employee: &Employee) -> Result<Decimal, PayrollError> {
    let f = employee.work_fraction.value();
    if f <= Decimal::ZERO || f > Decimal::ONE {
        return Err(PayrollError::BadWorkFraction(employee.work_fraction));
    }
    Ok(match employee.worked {
        Some(w) if w.hours > Decimal::ZERO => (w.hours / MONTHLY_HOURS).min(f),
        Some(w) if w.days > Decimal::ZERO => (w.days * Decimal::from(7) / MONTHLY_HOURS).min(f),
        _ => f,
    })
}

/// Every contribution line of a pay (gross plus indemnity), exact.
pub fn lines<'a>(s: &'a Setup<'_>, pay: Decimal) -> Result<Vec<Line<'a>>, PayrollError> {
    let p = &s.p;
    let mut out = Vec::with_capacity(36);
    let t1 = pay.min(s.pss);
    let complementary = &p.complementary.value;
    let t2 = (pay.min(s.pss * complementary.ceiling_pss) - s.pss).max(Decimal::ZERO);
    let cadre = s.status == Status::Cadre;
    let performer = match s.regime {
        Regime::Performance(performer) => Some(performer),
        Regime::General => None,
    };
    // Arrêté du 24 janvier 1975 art. 1: an artist's health, old-age, family, FNAL, AT/MP and
    // versement mobilité rates are 70 % of the general regime's; CSG, CRDS and CSA are not reduced.
    let share = if performer == Some(Performer::Artist) { p.artist.value.reduced_share } else { Decimal::ONE };
    let mut push = |kind, label, side, base: Decimal, rate: Decimal, source: &'a Arc<str>| {
        out.push(Line {
            kind,
            label,
            side,
            base,
            rate,
            exact: base * rate,
            amount: Decimal::ZERO,
            source,
            csg: false,
            deductible: true,
        });
    };
    use LineSide::{Employee as E, Employer as R};

    let old_age = &p.old_age.value;
    let src = &p.old_age.source;
    push(OLD_AGE_CAPPED_EMPLOYEE, "Old-age insurance, capped", E, t1, artist_rate(old_age.employee_capped, share), src);
    push(
        OLD_AGE_UNCAPPED_EMPLOYEE,
        "Old-age insurance, uncapped",
        E,
        pay,
        artist_rate(old_age.employee_uncapped, share),
        src,
    );
    // Audiens applies its own AGIRC-ARRCO split (and the artists' contractual T1 rate) to intermittents.
    let pension = &p.performance_pension.value;
    let (t1_employee, t1_employer, t2_employee, t2_employer, pension_src) = match performer {
        None => (
            complementary.t1_employee,
            complementary.t1_employer,
            complementary.t2_employee,
            complementary.t2_employer,
            &p.complementary.source,
        ),
        Some(Performer::Artist) => (
            pension.artist_t1_employee,
            pension.artist_t1_employer,
            pension.t2_employee,
            pension.t2_employer,
            &p.performance_pension.source,
        ),
        Some(Performer::Technician) => (
            pension.technician_t1_employee,
            pension.technician_t1_employer,
            pension.t2_employee,
            pension.t2_employer,
            &p.performance_pension.source,
        ),
    };
    let src = &p.complementary.source;
    push(PENSION_T1_EMPLOYEE, "AGIRC-ARRCO pension, T1", E, t1, t1_employee, pension_src);
    push(CEG_T1_EMPLOYEE, "AGIRC-ARRCO CEG, T1", E, t1, complementary.ceg_t1_employee, src);
    if t2 > Decimal::ZERO {
        push(PENSION_T2_EMPLOYEE, "AGIRC-ARRCO pension, T2", E, t2, t2_employee, pension_src);
        push(CEG_T2_EMPLOYEE, "AGIRC-ARRCO CEG, T2", E, t2, complementary.ceg_t2_employee, src);
    }
    // ANI 17 November 2017 art. 38: the CET is due on T1 and T2 only where the pay exceeds the PSS.
    let cet_base = if pay > s.pss { pay.min(s.pss * complementary.ceiling_pss) } else { Decimal::ZERO };
    if cet_base > Decimal::ZERO {
        push(CET_EMPLOYEE, "AGIRC-ARRCO CET", E, cet_base, complementary.cet_employee, src);
    }
    let apec = &p.apec.value;
    let apec_base = pay.min(s.pss * apec.ceiling_pss);
    if cadre {
        push(APEC_EMPLOYEE, "APEC", E, apec_base, apec.employee, &p.apec.source);
    }

    // Employer side.
    let health = &p.health.value;
    let health_rate = artist_rate(reduced(s, pay, health), share);
    push(HEALTH_EMPLOYER, "Health insurance", R, pay, health_rate, &p.health.source);
    let src = &p.old_age.source;
    push(OLD_AGE_CAPPED_EMPLOYER, "Old-age insurance, capped", R, t1, artist_rate(old_age.employer_capped, share), src);
    push(
        OLD_AGE_UNCAPPED_EMPLOYER,
        "Old-age insurance, uncapped",
        R,
        pay,
        artist_rate(old_age.employer_uncapped, share),
        src,
    );
    let family_rate = artist_rate(reduced(s, pay, &p.family.value), share);
    push(FAMILY_EMPLOYER, "Family allowances", R, pay, family_rate, &p.family.source);
    let mut at = s.profile.accident_rate.value();
    if share != Decimal::ONE {
        // URSSAF: an artist's AT/MP rate, "à deux décimales", is "abattu et arrondi à la décimale la
        // plus proche": 0.90 % × 70 % = 0.63 % → 0.6 %, a fraction rounded to three places.
        at = (at * share).round_dp_with_strategy(3, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    }
    push(ACCIDENT_EMPLOYER, "Work accidents and occupational diseases", R, pay, at, s.accident_source);
    push(AUTONOMY_EMPLOYER, "Solidarity contribution for autonomy", R, pay, p.autonomy.value, &p.autonomy.source);
    let fnal = &p.fnal.value;
    if s.size >= fnal.from_size {
        push(FNAL_EMPLOYER, "FNAL (housing aid)", R, pay, artist_rate(fnal.uncapped_rate, share), &p.fnal.source);
    } else {
        push(FNAL_EMPLOYER, "FNAL (housing aid)", R, t1, artist_rate(fnal.capped_rate, share), &p.fnal.source);
    }
    let src = &p.social_dialogue.source;
    push(SOCIAL_DIALOGUE_EMPLOYER, "Social dialogue contribution", R, pay, p.social_dialogue.value, src);
    let unemployment = &p.unemployment.value;
    let capped4 = pay.min(s.pss * unemployment.ceiling_pss);
    let src = &p.unemployment.source;
    if performer.is_some() {
        // The general rate, with its surcharge on a CDD d'usage of three months or less.
        let src = &p.performance_unemployment.source;
        let rate = unemployment.rate + s.usage_surcharge;
        push(UNEMPLOYMENT_EMPLOYER, "Unemployment insurance", R, capped4, rate, src);
    } else {
        push(UNEMPLOYMENT_EMPLOYER, "Unemployment insurance", R, capped4, unemployment.rate, src);
    }
    push(WAGE_GUARANTEE_EMPLOYER, "Wage guarantee (AGS)", R, capped4, unemployment.guarantee, src);
    if performer.is_some() {
        let specific = &p.performance_unemployment.value;
        let src = &p.performance_unemployment.source;
        let (label, base) = ("Unemployment insurance, annexes VIII and X", capped4);
        push(PERFORMANCE_UNEMPLOYMENT_EMPLOYER, label, R, base, specific.employer_specific, src);
        push(PERFORMANCE_UNEMPLOYMENT_EMPLOYEE, label, E, base, specific.employee_specific, src);
    }
    let src = &p.complementary.source;
    push(PENSION_T1_EMPLOYER, "AGIRC-ARRCO pension, T1", R, t1, t1_employer, pension_src);
    push(CEG_T1_EMPLOYER, "AGIRC-ARRCO CEG, T1", R, t1, complementary.ceg_t1_employer, src);
    if t2 > Decimal::ZERO {
        push(PENSION_T2_EMPLOYER, "AGIRC-ARRCO pension, T2", R, t2, t2_employer, pension_src);
        push(CEG_T2_EMPLOYER, "AGIRC-ARRCO CEG, T2", R, t2, complementary.ceg_t2_employer, src);
    }
    if cet_base > Decimal::ZERO {
        push(CET_EMPLOYER, "AGIRC-ARRCO CET", R, cet_base, complementary.cet_employer, src);
    }
    let mut welfare = Decimal::ZERO;
    if cadre {
        push(APEC_EMPLOYER, "APEC", R, apec_base, apec.employer, &p.apec.source);
        let src = &p.cadre_welfare.source;
        push(CADRE_WELFARE_EMPLOYER, "Compulsory cadre welfare (prévoyance)", R, t1, p.cadre_welfare.value, src);
        welfare = t1 * p.cadre_welfare.value;
        let forfait = &p.forfait_social.value;
        if s.size >= forfait.from_size {
            let src = &p.forfait_social.source;
            push(FORFAIT_SOCIAL_EMPLOYER, "Forfait social on welfare contributions", R, welfare, forfait.rate, src);
        }
    }
    if performer.is_some() {
        let src = &p.performance_welfare.source;
        let label = "Intermittents' prévoyance (Audiens)";
        push(PERFORMANCE_WELFARE_EMPLOYER, label, R, t1, p.performance_welfare.value, src);
        welfare = t1 * p.performance_welfare.value;
        let forfait = &p.forfait_social.value;
        if s.size >= forfait.from_size {
            let src = &p.forfait_social.source;
            push(FORFAIT_SOCIAL_EMPLOYER, "Forfait social on welfare contributions", R, welfare, forfait.rate, src);
        }
        // Code du travail L6331-55: one AFDAS contribution in place of L6331-1, L6331-3 and L6331-6.
        let src = &p.performance_training.source;
        let label = "Intermittents' training contribution (AFDAS)";
        push(PERFORMANCE_TRAINING_EMPLOYER, label, R, pay, p.performance_training.value, src);
        let src = &p.holiday_fund.source;
        push(HOLIDAY_FUND_EMPLOYER, "Congés Spectacles", R, pay, p.holiday_fund.value, src);
    } else {
        let training = &p.vocational_training.value;
        let training_rate = if s.size >= training.from_size { training.large } else { training.small };
        let src = &p.vocational_training.source;
        push(VOCATIONAL_TRAINING_EMPLOYER, "Vocational training contribution", R, pay, training_rate, src);
    }
    let tax = &p.apprenticeship_tax.value;
    let src = &p.apprenticeship_tax.source;
    push(APPRENTICESHIP_TAX_EMPLOYER, "Apprenticeship tax", R, pay, tax.main, src);
    push(APPRENTICESHIP_TAX_BALANCE_EMPLOYER, "Apprenticeship tax, balance", R, pay, tax.balance, src);
    let surcharge = &p.apprenticeship_surcharge.value;
    if s.size >= surcharge.from_size {
        let src = &p.apprenticeship_surcharge.source;
        push(APPRENTICESHIP_SURCHARGE_EMPLOYER, "Additional apprenticeship contribution", R, pay, surcharge.rate, src);
    }
    if s.fixed_term && performer.is_none() {
        let src = &p.contract_end.source;
        push(CPF_FIXED_TERM_EMPLOYER, "CPF-CDD contribution", R, pay, p.contract_end.value.cpf, src);
    }
    let construction = &p.construction.value;
    if s.size >= construction.from_size {
        let src = &p.construction.source;
        push(CONSTRUCTION_EMPLOYER, "Housing construction effort (PEEC)", R, pay, construction.rate, src);
    }
    // URSSAF's table of artists' rates: "Versement mobilité 70 % du Taux VM", not rounded.
    let mobility = s.profile.mobility_rate.value() * share;
    if s.size >= p.mobility_from_size.value && mobility > Decimal::ZERO {
        let src = &p.mobility_from_size.source;
        push(MOBILITY_EMPLOYER, "Versement mobilité", R, pay, mobility, src);
    }

    // CSG and CRDS: 98.25 % of the pay up to 4 PSS, the whole pay above, plus the employer's
    // welfare contributions (CSS art. L136-1-2).
    let csg = &p.csg_crds.value;
    let ceiling = s.pss * csg.abatement_ceiling_pss;
    let base = pay.min(ceiling) * csg.base_share + (pay - ceiling).max(Decimal::ZERO) + welfare;
    let src = &p.csg_crds.source;
    for (kind, label, rate, deductible) in [
        (CSG_DEDUCTIBLE, "CSG, deductible", csg.deductible, true),
        (CSG_NON_DEDUCTIBLE, "CSG, not deductible", csg.non_deductible, false),
        (CRDS, "CRDS", csg.crds, false),
    ] {
        out.push(Line {
            kind,
            label,
            side: E,
            base,
            rate,
            exact: base * rate,
            amount: Decimal::ZERO,
            source: src,
            csg: true,
            deductible,
        });
    }
    Ok(out)
}

/// An artist's rate: `share` of the general rate, as URSSAF's table of artists' rates prints it, to the
/// hundredth of a percent ("Montants au 1er janvier 2024": old-age 5,99 % for 8,55 % × 70 % = 5,985 %,
/// 1,41 % for 2,02 %, family 2,42 % for 3,45 %); the general rate itself when `share` is one.
fn artist_rate(rate: Decimal, share: Decimal) -> Decimal {
    if share == Decimal::ONE {
        return rate;
    }
    (rate * share).round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// The employer rate of a contribution with a reduced rate for pay up to a multiple of the
/// reference SMIC (the annual threshold, here monthly and prorated, CSS art. D241-3-1 and D241-3-2).
fn reduced(s: &Setup<'_>, pay: Decimal, r: &super::params::ReducedRate) -> Decimal {
    let threshold = s.monthly_smic(r.reference_smic_hourly) * r.reduced_up_to_smic;
    if r.reduced_up_to_smic > Decimal::ZERO && pay <= threshold {
        r.reduced_rate
    } else {
        r.rate
    }
}
