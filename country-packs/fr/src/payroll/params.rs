//! The French payroll parameters: their shapes and their files under `parameters/payroll/`,
//! each declared once in the `parameters!` block below (listed by `CountryPack::parameters`
//! and walked by `tests/coverage.rs`).

use partage_pack_kit::{parameters, Shown};
use rust_decimal::Decimal;
use serde::Deserialize;

/// Assurance vieillesse rates.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OldAge {
    /// Employee, on the wage up to the PSS.
    pub employee_capped: Decimal,
    /// Employee, on the whole wage.
    pub employee_uncapped: Decimal,
    /// Employer, on the wage up to the PSS.
    pub employer_capped: Decimal,
    /// Employer, on the whole wage.
    pub employer_uncapped: Decimal,
}

/// An employer rate with a reduced rate for pay up to a multiple of a reference SMIC.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReducedRate {
    /// The full rate.
    pub rate: Decimal,
    /// The reduced rate.
    pub reduced_rate: Decimal,
    /// The reduced rate applies to pay up to this many SMIC (0: never).
    pub reduced_up_to_smic: Decimal,
    /// The hourly SMIC the threshold is counted in.
    pub reference_smic_hourly: Decimal,
}

/// FNAL rates.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fnal {
    /// Below `from_size` employees, on the wage up to the PSS.
    pub capped_rate: Decimal,
    /// From `from_size` employees, on the whole wage.
    pub uncapped_rate: Decimal,
    /// The size from which the uncapped rate applies.
    pub from_size: Decimal,
}

/// CSG and CRDS.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CsgCrds {
    /// Deductible CSG.
    pub deductible: Decimal,
    /// Non-deductible CSG.
    pub non_deductible: Decimal,
    /// CRDS.
    pub crds: Decimal,
    /// Share of the wage in the base (the 1.75 % abatement for professional expenses).
    pub base_share: Decimal,
    /// The abatement applies up to this many PSS.
    pub abatement_ceiling_pss: Decimal,
}

/// AGIRC-ARRCO, CEG and CET rates.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Complementary {
    /// Employee, T1.
    pub t1_employee: Decimal,
    /// Employer, T1.
    pub t1_employer: Decimal,
    /// Employee, T2.
    pub t2_employee: Decimal,
    /// Employer, T2.
    pub t2_employer: Decimal,
    /// CEG employee, T1.
    pub ceg_t1_employee: Decimal,
    /// CEG employer, T1.
    pub ceg_t1_employer: Decimal,
    /// CEG employee, T2.
    pub ceg_t2_employee: Decimal,
    /// CEG employer, T2.
    pub ceg_t2_employer: Decimal,
    /// CET employee.
    pub cet_employee: Decimal,
    /// CET employer.
    pub cet_employer: Decimal,
    /// T2 ends at this many PSS.
    pub ceiling_pss: Decimal,
}

/// APEC rates.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Apec {
    /// Employee.
    pub employee: Decimal,
    /// Employer.
    pub employer: Decimal,
    /// Up to this many PSS.
    pub ceiling_pss: Decimal,
}

/// Unemployment insurance and AGS.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unemployment {
    /// Employer unemployment rate.
    pub rate: Decimal,
    /// AGS (wage guarantee) rate.
    pub guarantee: Decimal,
    /// Up to this many PSS.
    pub ceiling_pss: Decimal,
}

/// A contribution whose rate depends on the company's size.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BySize {
    /// Below `from_size` employees.
    pub small: Decimal,
    /// From `from_size` employees.
    pub large: Decimal,
    /// The size threshold.
    pub from_size: Decimal,
}

/// Taxe d'apprentissage.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprenticeshipTax {
    /// Main part.
    pub main: Decimal,
    /// Balance (solde).
    pub balance: Decimal,
}

/// What a fixed-term contract adds.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractEnd {
    /// End-of-contract indemnity, share of the gross.
    pub indemnity: Decimal,
    /// CPF-CDD contribution.
    pub cpf: Decimal,
}

/// A rate due from a company size.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FromSize {
    /// Rate.
    pub rate: Decimal,
    /// Due from this company size.
    pub from_size: Decimal,
}

/// The réduction générale's formula of a period.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum GeneralReduction {
    /// Until 2025: C = (T / 0.6) x (ceiling x SMIC / pay - 1).
    Linear {
        /// T below `large_from_size` employees.
        small: Decimal,
        /// T from `large_from_size` employees.
        large: Decimal,
        /// Nothing from this many SMIC.
        ceiling_smic: Decimal,
        /// FNAL's size threshold.
        large_from_size: Decimal,
    },
    /// From 2026 (RGDU): C = Tmin + Tdelta x (0.5 x (ceiling x SMIC / pay - 1))^P.
    Degressive {
        /// Tmin.
        t_min: Decimal,
        /// Tdelta below `large_from_size` employees.
        t_delta_small: Decimal,
        /// Tdelta from `large_from_size` employees.
        t_delta_large: Decimal,
        /// P.
        power: Decimal,
        /// Nothing from this many SMIC.
        ceiling_smic: Decimal,
        /// FNAL's size threshold.
        large_from_size: Decimal,
    },
}

/// The neutral withholding rate grid.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeutralGrid {
    /// (upper bound of the monthly taxable wage, rate below it), rising.
    pub brackets: Vec<(Decimal, Decimal)>,
    /// Rate from the last bound.
    pub top_rate: Decimal,
}

/// The specific unemployment contributions of intermittents (annexes VIII and X).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerformanceUnemployment {
    /// Employer's specific contribution, on top of the general rate.
    pub employer_specific: Decimal,
    /// Employee's specific contribution.
    pub employee_specific: Decimal,
    /// The general employer rate's surcharge on a technician's CDD d'usage of three months or less
    /// (annexe VIII art. 50 § 2; None: unsourced).
    #[serde(deserialize_with = "partage_pack_kit::decimal_or_unknown")]
    pub technician_short_usage_surcharge: Option<Decimal>,
    /// The same surcharge on an artist's (annexe X art. 50 § 2; None: unsourced).
    #[serde(deserialize_with = "partage_pack_kit::decimal_or_unknown")]
    pub artist_short_usage_surcharge: Option<Decimal>,
}

/// AGIRC-ARRCO rates Audiens applies to intermittents.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerformancePension {
    /// Artist, T1, employee.
    pub artist_t1_employee: Decimal,
    /// Artist, T1, employer.
    pub artist_t1_employer: Decimal,
    /// Technician, T1, employee.
    pub technician_t1_employee: Decimal,
    /// Technician, T1, employer.
    pub technician_t1_employer: Decimal,
    /// T2, employee.
    pub t2_employee: Decimal,
    /// T2, employer.
    pub t2_employer: Decimal,
}

/// What the arrêté of 24 January 1975 changes for artists.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArtistRates {
    /// Share of the general rates (0.7).
    pub reduced_share: Decimal,
    /// Hourly ceilings per day worked of a short engagement (12).
    pub ceiling_hours_per_day: Decimal,
    /// An engagement shorter than this many continuous days is short (5).
    pub short_engagement_days: Decimal,
}

impl Shown for PerformanceUnemployment {}
impl Shown for PerformancePension {}
impl Shown for ArtistRates {}
impl Shown for OldAge {}
impl Shown for ReducedRate {}
impl Shown for Fnal {}
impl Shown for CsgCrds {}
impl Shown for Complementary {}
impl Shown for Apec {}
impl Shown for Unemployment {}
impl Shown for BySize {}
impl Shown for ApprenticeshipTax {}
impl Shown for ContractEnd {}
impl Shown for FromSize {}
impl Shown for GeneralReduction {}
impl Shown for NeutralGrid {}

fn rising_grid(grid: NeutralGrid) -> Result<NeutralGrid, String> {
    if grid.brackets.is_empty() || grid.brackets.windows(2).any(|w| matches!(w, [a, b] if a.0 >= b.0)) {
        return Err("bracket bounds must rise".into());
    }
    Ok(grid)
}

parameters! {
    /// Every French payroll parameter's timeline.
    pub struct PayrollParameters;
    /// Every French payroll parameter's value in force on one date.
    pub struct PayrollInForce;
    /// Monthly PSS.
    pss: Decimal = "payroll.ceiling.pss" in "parameters/payroll/ceiling/pss.toml";
    /// Hourly SMIC.
    smic_hourly: Decimal = "payroll.minimum_wage.smic_hourly" in "parameters/payroll/minimum_wage/smic_hourly.toml";
    /// Hourly SMIC of the réduction générale.
    reduction_smic_hourly: Decimal =
        "payroll.minimum_wage.reduction_smic_hourly" in "parameters/payroll/minimum_wage/reduction_smic_hourly.toml";
    /// Assurance vieillesse.
    old_age: OldAge = "payroll.social_security.old_age" in "parameters/payroll/social_security/old_age.toml";
    /// Assurance maladie.
    health: ReducedRate = "payroll.social_security.health" in "parameters/payroll/social_security/health.toml";
    /// Allocations familiales.
    family: ReducedRate = "payroll.social_security.family" in "parameters/payroll/social_security/family.toml";
    /// CSA.
    autonomy: Decimal = "payroll.social_security.autonomy" in "parameters/payroll/social_security/autonomy.toml";
    /// FNAL.
    fnal: Fnal = "payroll.social_security.fnal" in "parameters/payroll/social_security/fnal.toml";
    /// Contribution au dialogue social.
    social_dialogue: Decimal =
        "payroll.social_security.social_dialogue" in "parameters/payroll/social_security/social_dialogue.toml";
    /// CSG and CRDS.
    csg_crds: CsgCrds = "payroll.social_security.csg_crds" in "parameters/payroll/social_security/csg_crds.toml";
    /// AGIRC-ARRCO.
    complementary: Complementary =
        "payroll.complementary.agirc_arrco" in "parameters/payroll/complementary/agirc_arrco.toml";
    /// APEC.
    apec: Apec = "payroll.complementary.apec" in "parameters/payroll/complementary/apec.toml";
    /// Cadre prévoyance.
    cadre_welfare: Decimal =
        "payroll.complementary.cadre_welfare" in "parameters/payroll/complementary/cadre_welfare.toml";
    /// Chômage and AGS.
    unemployment: Unemployment =
        "payroll.unemployment.contributions" in "parameters/payroll/unemployment/contributions.toml";
    /// Formation professionnelle.
    vocational_training: BySize =
        "payroll.training.vocational_training" in "parameters/payroll/training/vocational_training.toml";
    /// Taxe d'apprentissage.
    apprenticeship_tax: ApprenticeshipTax =
        "payroll.training.apprenticeship_tax" in "parameters/payroll/training/apprenticeship_tax.toml";
    /// Contribution supplémentaire à l'apprentissage.
    apprenticeship_surcharge: FromSize =
        "payroll.training.apprenticeship_surcharge" in "parameters/payroll/training/apprenticeship_surcharge.toml";
    /// CDD indemnity and CPF-CDD.
    contract_end: ContractEnd = "payroll.fixed_term.contract_end" in "parameters/payroll/fixed_term/contract_end.toml";
    /// Forfait social.
    forfait_social: FromSize =
        "payroll.employer.forfait_social" in "parameters/payroll/employer/forfait_social.toml";
    /// Effort de construction.
    construction: FromSize = "payroll.employer.construction" in "parameters/payroll/employer/construction.toml";
    /// Versement mobilité's size threshold.
    mobility_from_size: Decimal = "payroll.employer.mobility" in "parameters/payroll/employer/mobility.toml";
    /// Réduction générale / RGDU.
    general_reduction: GeneralReduction =
        "payroll.employer.general_reduction" in "parameters/payroll/employer/general_reduction.toml";
    /// Hourly PSS.
    pss_hourly: Decimal = "payroll.ceiling.pss_hourly" in "parameters/payroll/ceiling/pss_hourly.toml";
    /// Intermittents' specific unemployment contributions.
    performance_unemployment: PerformanceUnemployment =
        "payroll.performance.unemployment" in "parameters/payroll/performance/unemployment.toml";
    /// Congés Spectacles.
    holiday_fund: Decimal = "payroll.performance.holiday_fund" in "parameters/payroll/performance/holiday_fund.toml";
    /// Audiens AGIRC-ARRCO rates of intermittents.
    performance_pension: PerformancePension =
        "payroll.performance.complementary" in "parameters/payroll/performance/complementary.toml";
    /// AFDAS contribution of intermittents.
    performance_training: Decimal =
        "payroll.performance.training" in "parameters/payroll/performance/training.toml";
    /// Prévoyance of non-cadre intermittents.
    performance_welfare: Decimal =
        "payroll.performance.welfare" in "parameters/payroll/performance/welfare.toml";
    /// Artists' reduced rates and ceiling.
    artist: ArtistRates = "payroll.performance.artist" in "parameters/payroll/performance/artist.toml";
    /// Neutral withholding grid.
    neutral_grid: NeutralGrid =
        "payroll.withholding.neutral_rate" in "parameters/payroll/withholding/neutral_rate.toml", via rising_grid;
}
