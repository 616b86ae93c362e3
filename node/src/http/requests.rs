//! Request bodies. Amounts and rates are decimal strings (`"1000.00"`, `"21"`),
//! never JSON numbers, so nothing passes through a float.

use super::problem::echo;
use crate::error::AppError;
use crate::service::{activities, clients, invoices, members};
use chrono::NaiveDate;
use partage_core::{Currency, Money, Rate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// Parses a decimal string, naming the field when it is not one.
pub fn decimal(field: &str, s: &str) -> Result<Decimal, AppError> {
    Decimal::from_str_exact(s.trim()).map_err(|_| {
        AppError::invalid(field, format!("{} is not a decimal number (expected a string like \"12.50\")", echo(s)))
    })
}

/// Parses an amount in a currency, naming the field.
pub fn amount(field: &str, s: &str, currency: Currency) -> Result<Money, AppError> {
    Money::new(decimal(field, s)?, currency).map_err(|e| AppError::invalid(field, e.to_string()))
}

/// Parses a currency code; an unknown code is its own problem type.
pub fn currency(s: &str, node_currency: Currency) -> Result<Currency, AppError> {
    let c: Currency = s.trim().parse()?;
    if c != node_currency {
        return Err(AppError::invalid("currency", format!("this node invoices and books in {node_currency}, not {c}")));
    }
    Ok(c)
}

/// The largest offset a list takes: far beyond any list a node holds, and well
/// inside the signed 64-bit integer the SQL drivers bind (2^63 panicked there).
pub const MAX_OFFSET: u64 = 1_000_000_000;

/// The largest page a list answers.
pub const MAX_LIMIT: u64 = 500;

/// Checks that a number from the wire lies in `min..=max`, naming the field.
pub fn bounded(field: &str, value: u64, min: u64, max: u64) -> Result<u64, AppError> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(AppError::OutOfRange { field: field.to_owned(), min, max, got: value.to_string() })
    }
}

/// Paging of list endpoints.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// Items to skip (default 0).
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

impl Paging {
    /// Offset and limit, bounded.
    pub fn bounds(&self) -> Result<(u64, u64), AppError> {
        let limit = bounded("limit", self.limit.unwrap_or(50), 1, MAX_LIMIT)?;
        let offset = bounded("offset", self.offset.unwrap_or(0), 0, MAX_OFFSET)?;
        Ok((offset, limit))
    }
}

/// A person applying for membership.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMemberRequest {
    /// First name.
    #[schema(pattern = "\\S")]
    pub first_name: String,
    /// Last name.
    #[schema(pattern = "\\S")]
    pub last_name: String,
    /// Email (unique).
    #[schema(format = Email)]
    pub email: String,
    /// One of the pack's languages.
    #[schema(pattern = "^[a-z]{2}$")]
    pub language: Option<String>,
}

impl From<NewMemberRequest> for members::NewMember {
    fn from(r: NewMemberRequest) -> Self {
        members::NewMember { first_name: r.first_name, last_name: r.last_name, email: r.email, language: r.language }
    }
}

/// Shares to subscribe.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubscribeSharesRequest {
    /// Number of shares.
    #[schema(minimum = 1, maximum = 10000)]
    pub count: u32,
    /// Date (default today).
    #[serde(default, deserialize_with = "crate::service::bounds::wire::option")]
    pub date: Option<NaiveDate>,
}

/// A payment for subscribed shares.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaySharesRequest {
    /// Amount, a whole number of shares (`"30.00"`).
    pub amount: String,
    /// Currency (the node's).
    #[schema(pattern = "^[A-Z]{3}$")]
    pub currency: String,
    /// Value date (default today).
    #[serde(default, deserialize_with = "crate::service::bounds::wire::option")]
    pub date: Option<NaiveDate>,
}

/// A dated request without other content (leaving, refunds).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct DatedRequest {
    /// Date (default today).
    #[serde(default, deserialize_with = "crate::service::bounds::wire::option")]
    pub date: Option<NaiveDate>,
}

/// An activity to open.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewActivityRequest {
    /// The member.
    pub member_id: Uuid,
    /// Name of the activity.
    #[schema(pattern = "\\S")]
    pub name: String,
    /// artistic, cultural_industry or other.
    #[schema(pattern = "^(artistic|cultural_industry|other)$")]
    pub sector: String,
    /// Sub-sector of `other` (consulting, training, IT, courier...).
    pub sub_sector: Option<String>,
}

impl From<NewActivityRequest> for activities::NewActivity {
    fn from(r: NewActivityRequest) -> Self {
        activities::NewActivity { member_id: r.member_id, name: r.name, sector: r.sector, sub_sector: r.sub_sector }
    }
}

/// A client to register.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewClientRequest {
    /// Name.
    #[schema(pattern = "\\S")]
    pub name: String,
    /// business or consumer.
    #[schema(pattern = "^(business|consumer)$")]
    pub kind: String,
    /// ISO 3166 country code.
    #[schema(pattern = "^[A-Z]{2}$")]
    pub country: String,
    /// VAT number with country prefix (required for EU businesses).
    pub vat_number: Option<String>,
    /// Street and number.
    #[schema(pattern = "\\S")]
    pub street: String,
    /// Postal code.
    #[schema(pattern = "\\S")]
    pub postal_code: String,
    /// City.
    #[schema(pattern = "\\S")]
    pub city: String,
    /// Email.
    pub email: Option<String>,
    /// Peppol endpoint scheme (EAS code, e.g. 9925).
    pub endpoint_scheme: Option<String>,
    /// Peppol endpoint identifier.
    pub endpoint_id: Option<String>,
}

impl From<NewClientRequest> for clients::NewClient {
    fn from(r: NewClientRequest) -> Self {
        clients::NewClient {
            name: r.name,
            kind: r.kind,
            country: r.country,
            vat_number: r.vat_number,
            street: r.street,
            postal_code: r.postal_code,
            city: r.city,
            email: r.email,
            endpoint: r.endpoint_scheme.zip(r.endpoint_id),
        }
    }
}

/// One line of a new invoice.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLineRequest {
    /// What is supplied.
    #[schema(pattern = "\\S")]
    pub description: String,
    /// Quantity, decimal string (`"2"`, `"1.5"`).
    pub quantity: String,
    /// UN/ECE Rec. 20 unit code (default C62, one).
    pub unit_code: Option<String>,
    /// Unit price excluding VAT (`"1000.00"`).
    pub unit_price: String,
    /// VAT rate in percent (`"21"`); reverse charge is decided by the node.
    pub vat_rate: String,
}

/// A draft invoice.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewInvoiceRequest {
    /// Activity invoicing.
    pub activity_id: Uuid,
    /// Client invoiced.
    pub client_id: Uuid,
    /// Currency of every amount.
    #[schema(pattern = "^[A-Z]{3}$")]
    pub currency: String,
    /// Invoice date (default: the day it is issued).
    #[serde(default, deserialize_with = "crate::service::bounds::wire::option")]
    pub date: Option<NaiveDate>,
    /// Payment term in working days.
    #[schema(maximum = 120)]
    pub payment_terms_days: Option<u32>,
    /// The buyer's reference.
    pub buyer_reference: Option<String>,
    /// One of the pack's languages.
    #[schema(pattern = "^[a-z]{2}$")]
    pub language: Option<String>,
    /// Lines.
    #[schema(min_items = 1)]
    pub lines: Vec<NewLineRequest>,
}

impl NewInvoiceRequest {
    /// Checks amounts and rates, naming the field at fault.
    pub fn into_input(self, node_currency: Currency) -> Result<invoices::NewInvoice, AppError> {
        let cur = currency(&self.currency, node_currency)?;
        let lines = self
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let vat = decimal(&format!("lines[{i}].vat_rate"), &l.vat_rate)?;
                Ok(invoices::NewLine {
                    description: l.description.clone(),
                    quantity: decimal(&format!("lines[{i}].quantity"), &l.quantity)?,
                    unit_code: l.unit_code.clone().unwrap_or_else(|| "C62".into()),
                    unit_price: amount(&format!("lines[{i}].unit_price"), &l.unit_price, cur)?,
                    vat_rate: Rate::from_percent(vat),
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok(invoices::NewInvoice {
            activity_id: self.activity_id,
            client_id: self.client_id,
            date: self.date,
            payment_terms_days: self.payment_terms_days,
            buyer_reference: self.buyer_reference,
            language: self.language,
            lines,
        })
    }
}

/// A client's payment.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentRequest {
    /// Amount received (`"1210.00"`).
    pub amount: String,
    /// Currency.
    #[schema(pattern = "^[A-Z]{3}$")]
    pub currency: String,
    /// Value date (default today).
    #[serde(default, deserialize_with = "crate::service::bounds::wire::option")]
    pub date: Option<NaiveDate>,
    /// Bank reference.
    pub reference: Option<String>,
}

/// Why an invoice is cancelled.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelRequest {
    /// The reason, printed on the credit note.
    #[schema(pattern = "\\S")]
    pub reason: String,
}

/// A payroll simulation request: exactly one of `gross`, `budget`, `net`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SimulationRequest {
    /// Country pack (`be`).
    pub country: String,
    /// Date whose parameters apply (`2025-01-15`).
    #[serde(deserialize_with = "crate::service::bounds::wire::date")]
    pub date: NaiveDate,
    /// Monthly gross wage.
    pub gross: Option<String>,
    /// Budget (employer cost available).
    pub budget: Option<String>,
    /// Net wage wanted.
    pub net: Option<String>,
    /// The worker category, one of the pack's (Belgium: white-collar, manual or artist; France:
    /// non-cadre or cadre; default the pack's first).
    #[schema(pattern = "^(white-collar|manual|artist|non-cadre|cadre)$")]
    pub worker: Option<String>,
    /// single, married-one-income, married-two-incomes or cohabiting (default single).
    #[schema(pattern = "^(single|married-one-income|married-two-incomes|cohabiting)$")]
    pub family: Option<String>,
    /// Dependent children (default 0).
    pub children: Option<u32>,
    /// Of which disabled (default 0).
    pub disabled_children: Option<u32>,
    /// Part-time fraction, e.g. `"0.8"` (default 1).
    pub part_time: Option<String>,
    /// Hours worked in the period when it is a contract of a few hours, e.g. `"2"`:
    /// the payslip is then that fraction of a full-time month (default: a month).
    pub hours: Option<String>,
    /// Days worked in the period when it is a contract of a few days (default: a month).
    pub days: Option<String>,
    /// The worker is disabled (their own reduction of the withholding tax; default false).
    pub disabled: Option<bool>,
    /// The employer's average number of workers (default: the node's `pack.be.employer_workers`).
    pub employer_workers: Option<u32>,
    /// The employer has a commercial purpose (default: the node's `pack.be.commercial`).
    pub commercial: Option<bool>,
    /// The employer's joint committee, e.g. `"200"` (default: the node's `pack.be.joint_committee`).
    pub joint_committee: Option<String>,
    /// Language of the line labels, one of the pack's (default en).
    #[schema(pattern = "^[a-z]{2}$")]
    pub language: Option<String>,
    /// open-ended (default) or fixed-term.
    #[serde(default)]
    #[schema(pattern = "^(open-ended|fixed-term)$")]
    pub contract: Option<String>,
    /// For a fixed-term contract: whether the end-of-contract indemnity the pack's law gives is due (default true).
    #[serde(default)]
    pub end_of_contract_indemnity: Option<bool>,
    /// The employer's number of employees, as the pack counts them (default: the node's configuration).
    #[serde(default)]
    pub company_size: Option<u32>,
    /// A personal withholding-tax rate as a fraction, e.g. `"0.075"` (default: the pack's scale).
    #[serde(default)]
    pub withholding_rate: Option<String>,
}

impl SimulationRequest {
    /// Checks the request, naming the field at fault.
    pub fn into_input(
        self,
        currency: Currency,
        languages: &[&str],
    ) -> Result<crate::service::simulations::SimulationInput, AppError> {
        use crate::service::simulations::{SimulationInput, Target};
        let target = match (&self.gross, &self.budget, &self.net) {
            (Some(g), None, None) => Target::Gross(amount("gross", g, currency)?),
            (None, Some(b), None) => Target::Budget(amount("budget", b, currency)?),
            (None, None, Some(n)) => Target::Net(amount("net", n, currency)?),
            _ => return Err(AppError::invalid("gross", "give exactly one of gross, budget and net")),
        };
        let part_time = match &self.part_time {
            Some(p) => decimal("part_time", p)?,
            None => Decimal::ONE,
        };
        let family = self.family.as_deref().unwrap_or("single");
        let positive = |field: &'static str, text: &Option<String>| -> Result<Decimal, AppError> {
            match text {
                None => Ok(Decimal::ZERO),
                Some(t) => {
                    let d = decimal(field, t)?;
                    if d <= Decimal::ZERO || d > Decimal::from(744) {
                        return Err(AppError::invalid(
                            field,
                            format!("'{t}' must be above 0 and at most 744 (a month)"),
                        ));
                    }
                    Ok(d)
                }
            }
        };
        let hours = positive("hours", &self.hours)?;
        let days = positive("days", &self.days)?;
        if days > Decimal::from(31) {
            return Err(AppError::invalid("days", "at most 31 days in a month's payslip"));
        }
        let worked =
            (self.hours.is_some() || self.days.is_some()).then_some(partage_core::payroll::TimeWorked { days, hours });
        if let Some(n) = self.employer_workers.filter(|n| *n > 1_000_000) {
            return Err(AppError::invalid("employer_workers", format!("{n} is not an employer's number of workers")));
        }
        // The employer's profile is the pack's to check: its section's keys, as text.
        let mut employer = std::collections::BTreeMap::new();
        if let Some(n) = self.employer_workers {
            employer.insert("employer_workers".to_owned(), n.to_string());
        }
        if let Some(c) = self.commercial {
            employer.insert("commercial".to_owned(), c.to_string());
        }
        if let Some(j) = self.joint_committee {
            employer.insert("joint_committee".to_owned(), j);
        }
        if let Some(n) = self.company_size {
            if n > 10_000_000 {
                return Err(AppError::invalid("company_size", format!("{n} is not a number of employees")));
            }
            employer.insert("company_size".to_owned(), n.to_string());
        }
        let fixed_term = match self.contract.as_deref() {
            None | Some("open-ended") => None,
            Some("fixed-term") => Some(partage_core::payroll::FixedTerm {
                end_of_contract_indemnity: self.end_of_contract_indemnity.unwrap_or(true),
            }),
            Some(other) => {
                return Err(AppError::invalid("contract", format!("'{other}' is not open-ended or fixed-term")))
            }
        };
        let withholding_rate = match &self.withholding_rate {
            None => None,
            Some(t) => {
                let r = decimal("withholding_rate", t)?;
                if r < Decimal::ZERO || r >= Decimal::ONE {
                    return Err(AppError::invalid("withholding_rate", format!("'{t}' is not a fraction from 0 to 1")));
                }
                Some(partage_core::money::Rate(r))
            }
        };
        Ok(SimulationInput {
            country: self.country,
            date: self.date,
            target,
            worker: self.worker,
            fixed_term,
            withholding_rate,
            family: family
                .parse()
                .map_err(|e: partage_core::payroll::PayrollError| AppError::invalid("family", e.to_string()))?,
            children: self.children.unwrap_or(0),
            disabled_children: self.disabled_children.unwrap_or(0),
            part_time,
            worked,
            disabled: self.disabled.unwrap_or(false),
            employer,
            language: match self.language {
                None => "en".to_owned(),
                Some(l) if languages.contains(&l.as_str()) => l,
                Some(other) => {
                    return Err(AppError::invalid(
                        "language",
                        format!("'{other}' is not one of {}", languages.join(", ")),
                    ))
                }
            },
        })
    }
}

/// The date whose parameters to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ParametersQuery {
    /// `YYYY-MM-DD` (default today).
    #[serde(default, deserialize_with = "crate::service::bounds::wire::option")]
    pub date: Option<NaiveDate>,
}

/// The identity a hiring declaration needs.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IdentityRequest {
    /// National identification number (Belgium: the 11-digit national number).
    #[schema(pattern = "^[0-9]{2}[.]?[0-9]{2}[.]?[0-9]{2}-?[0-9]{3}[.]?[0-9]{2}$")]
    pub national_id: String,
    /// Date of birth.
    #[serde(deserialize_with = "crate::service::bounds::wire::date")]
    pub birth_date: NaiveDate,
    /// Home address, which payslips show; kept as it is when absent.
    #[serde(default)]
    pub address: Option<AddressRequest>,
}

/// A postal address.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddressRequest {
    /// Street and number.
    pub street: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
    /// Country, ISO 3166-1 alpha-2 (`BE`).
    pub country: String,
}

/// One period of work: a day and its hours.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkPeriodRequest {
    /// The day, in the country pack's legal time zone (Europe/Brussels for BE).
    #[serde(deserialize_with = "crate::service::bounds::wire::date")]
    pub date: NaiveDate,
    /// Start time, `HH:MM`, local time of the pack's legal time zone (Europe/Brussels for BE): a
    /// time the clocks skip or show twice that day (daylight saving time) is refused.
    #[schema(value_type = String, pattern = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$")]
    pub start: chrono::NaiveTime,
    /// End time, `HH:MM`, local time of the pack's legal time zone (Europe/Brussels for BE), the
    /// same day: a time the clocks skip or show twice is refused, except the first minute of
    /// the change (the instant the clocks change).
    #[schema(value_type = String, pattern = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$")]
    pub end: chrono::NaiveTime,
}

/// A member's declaration of work.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkDeclarationRequest {
    /// Activity whose budget pays the work.
    pub activity_id: Uuid,
    /// Client the work is for.
    pub client_id: Option<Uuid>,
    /// Function performed.
    #[schema(pattern = "\\S")]
    pub function: String,
    /// Place of work.
    #[schema(pattern = "\\S")]
    pub place: String,
    /// Country where the work is done (ISO 3166; default the node's country). Work abroad is
    /// given the social-security legislation Regulation (EC) 883/2004 decides (the view's
    /// `legislation`), its contract computed with that country's pack, and warnings (an A1 to
    /// record, the 25 % line near).
    #[schema(pattern = "^[A-Z]{2}$")]
    pub work_country: Option<String>,
    /// The worker is sent abroad to replace another posted person: Regulation 883/2004 Art. 12(1)
    /// then excludes a posting (default false).
    pub replaces_posted_worker: Option<bool>,
    /// Risks of the work.
    pub risks: Option<Vec<String>>,
    /// Worker kind (white-collar, manual, artist).
    #[schema(pattern = "^(white-collar|manual|artist)$")]
    pub worker_category: String,
    /// Budget to turn into salary (`"600.00"`); for a stabilised monthly contract,
    /// the budget expected over a year (a twelfth is paid each month).
    pub budget: String,
    /// Currency.
    #[schema(pattern = "^[A-Z]{3}$")]
    pub currency: String,
    /// `per_performance` (default) or `stabilised_monthly`.
    #[schema(pattern = "^(per_performance|stabilised_monthly)$")]
    pub kind: Option<String>,
    /// Days and hours; for a stabilised monthly contract, its first day only.
    pub periods: Vec<WorkPeriodRequest>,
    /// Why the fixed-term contract is made, from the pack's closed list: required on a French
    /// node for a per-performance contract (Code du travail L1242-12), except for performers,
    /// whose contract states the performing arts' CDD d'usage; refused for an open-ended
    /// (stabilised monthly) contract and on a node whose country asks none.
    pub motive: Option<ContractMotiveRequest>,
    /// The worker's place in the collective agreement's classification (its level, position or
    /// coefficient: `"Niveau III, échelon 2"`), copied onto the contract; at most 120 characters.
    /// Printed on the contract and payslip where the country asks it (France: Code du travail R3243-1).
    #[schema(max_length = 120)]
    pub classification: Option<String>,
}

impl WorkDeclarationRequest {
    /// Checks amounts, naming the field at fault.
    pub fn into_input(
        self,
        node_currency: Currency,
        node_country: partage_core::client::CountryCode,
    ) -> Result<crate::service::work::NewWorkDeclaration, AppError> {
        let cur = currency(&self.currency, node_currency)?;
        Ok(crate::service::work::NewWorkDeclaration {
            activity_id: self.activity_id,
            client_id: self.client_id,
            function: self.function,
            place: self.place,
            work_country: self.work_country.unwrap_or_else(|| node_country.to_string()),
            replaces_posted_worker: self.replaces_posted_worker.unwrap_or(false),
            risks: self.risks.unwrap_or_default(),
            worker_category: self.worker_category,
            budget: amount("budget", &self.budget, cur)?,
            kind: self.kind.unwrap_or_else(|| crate::service::work::PER_PERFORMANCE.into()),
            motive: self.motive.map(Into::into),
            classification: self.classification,
            periods: self
                .periods
                .into_iter()
                .map(|p| partage_core::work_declaration::WorkPeriod { date: p.date, start: p.start, end: p.end })
                .collect(),
        })
    }
}

/// A fixed-term contract's motive, a case of the node's country pack's closed list.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractMotiveRequest {
    /// The case; a French node takes one of Code du travail L1242-2's: `replacement` (with
    /// `replaced`), `activity_increase` and `seasonal` (with `detail`), `customary` (the CDD
    /// d'usage, with `sector`); a Belgian node takes none.
    #[schema(max_length = 40)]
    pub code: String,
    /// The worker replaced (name and job), for a replacement.
    pub replaced: Option<ReplacedWorkerRequest>,
    /// The sector of a customary fixed-term contract (France, D1242-1: sport, entertainment, teaching, information).
    #[schema(max_length = 40)]
    pub sector: Option<String>,
    /// What makes the motive precise (the order, the event, the season's work), at most 300 characters.
    #[schema(max_length = 300)]
    pub detail: Option<String>,
}

/// The worker a replacement contract replaces.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplacedWorkerRequest {
    /// Their name, at most 300 characters.
    #[schema(max_length = 300)]
    pub name: String,
    /// Their job or professional qualification, at most 300 characters.
    #[schema(max_length = 300)]
    pub job: String,
}

impl From<ContractMotiveRequest> for partage_core::contract_reason::ContractReason {
    fn from(r: ContractMotiveRequest) -> Self {
        partage_core::contract_reason::ContractReason {
            code: r.code,
            replaced: r.replaced.map(|w| partage_core::contract_reason::ReplacedWorker { name: w.name, job: w.job }),
            sector: r.sector,
            detail: r.detail,
        }
    }
}

/// Starts the payroll run of a month.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PayrollRunRequest {
    /// The month, `YYYY-MM`.
    #[schema(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$")]
    pub period: String,
    /// Pay the work ended on or before this day and by the run's instant (default: today, or the month's last day if earlier).
    #[serde(default, deserialize_with = "crate::service::bounds::wire::option")]
    pub through: Option<NaiveDate>,
}

/// A member's bank account and household, for payroll.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PayrollDetailsRequest {
    /// IBAN wages are paid to.
    #[schema(pattern = "^[A-Z]{2}[0-9]{2}[A-Z0-9 ]{11,40}$")]
    pub iban: String,
    /// single, married-one-income, married-two-incomes or cohabiting.
    #[schema(pattern = "^(single|married-one-income|married-two-incomes|cohabiting)$")]
    pub family: String,
    /// Dependent children (default 0).
    pub children: Option<u32>,
    /// Of which disabled (default 0).
    pub disabled_children: Option<u32>,
    /// Other dependants aged 65 or more (default 0).
    pub dependants_over_65: Option<u32>,
    /// Other dependants (default 0).
    pub other_dependants: Option<u32>,
    /// The member is disabled (default false).
    pub disabled: Option<bool>,
    /// The partner is disabled (default false).
    pub partner_disabled: Option<bool>,
}

impl PayrollDetailsRequest {
    /// Checks the request, naming the field at fault.
    pub fn into_input(self) -> Result<crate::service::members::PayrollDetails, AppError> {
        let situation = self
            .family
            .parse()
            .map_err(|e: partage_core::payroll::PayrollError| AppError::invalid("family", e.to_string()))?;
        Ok(crate::service::members::PayrollDetails {
            iban: self.iban,
            household: partage_core::payroll::Household {
                situation,
                children: self.children.unwrap_or(0),
                disabled_children: self.disabled_children.unwrap_or(0),
                dependants_over_65: self.dependants_over_65.unwrap_or(0),
                other_dependants: self.other_dependants.unwrap_or(0),
                disabled: self.disabled.unwrap_or(false),
                partner_disabled: self.partner_disabled.unwrap_or(false),
            },
        })
    }
}

/// A client's default or bankruptcy on an invoice.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DefaultRequest {
    /// Why: bankruptcy (with the court's judgment), a failed recovery...
    #[schema(pattern = "\\S")]
    pub reason: String,
    /// Date of the default (default today).
    #[serde(default, deserialize_with = "crate::service::bounds::wire::option")]
    pub date: Option<NaiveDate>,
}

/// How far ahead to list wage deadlines.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeadlinesQuery {
    /// Working days ahead (default 3).
    #[param(minimum = 0, maximum = 60)]
    pub within: Option<u32>,
}

/// The language of a member's document (payslip, contract).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PayslipQuery {
    /// One of the pack's languages (default: the member's language).
    #[param(pattern = "^[a-z]{2}$")]
    pub lang: Option<String>,
}

/// A page of a run's payslips.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RunPayslipsQuery {
    /// The last payslip id of the previous page.
    pub after: Option<uuid::Uuid>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
}

/// A correction of a client: a JSON merge patch (RFC 7396) of the fields to change;
/// an absent field is unchanged, `null` removes an optional one. Checked as on registration.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ClientPatchRequest {
    /// Name.
    #[schema(pattern = "\\S")]
    pub name: Option<String>,
    /// business or consumer.
    #[schema(pattern = "^(business|consumer)$")]
    pub kind: Option<String>,
    /// ISO 3166 country code.
    #[schema(pattern = "^[A-Z]{2}$")]
    pub country: Option<String>,
    /// VAT number with country prefix (checked: Belgian check digits, EU shapes).
    pub vat_number: Option<String>,
    /// Street and number.
    #[schema(pattern = "\\S")]
    pub street: Option<String>,
    /// Postal code.
    #[schema(pattern = "\\S")]
    pub postal_code: Option<String>,
    /// City.
    #[schema(pattern = "\\S")]
    pub city: Option<String>,
    /// Email.
    #[schema(format = Email)]
    pub email: Option<String>,
    /// Peppol endpoint scheme (EAS code, e.g. 9925), with `endpoint_id`.
    pub endpoint_scheme: Option<String>,
    /// Peppol endpoint identifier, with `endpoint_scheme`.
    pub endpoint_id: Option<String>,
}

/// A correction of a member: a JSON merge patch (RFC 7396) of the fields to change;
/// an absent field is unchanged. Checked as on registration.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MemberPatchRequest {
    /// First name.
    #[schema(pattern = "\\S")]
    pub first_name: Option<String>,
    /// Last name.
    #[schema(pattern = "\\S")]
    pub last_name: Option<String>,
    /// Email (unique).
    #[schema(format = Email)]
    pub email: Option<String>,
    /// One of the pack's languages.
    #[schema(pattern = "^[a-z]{2}$")]
    pub language: Option<String>,
    /// Nationality, ISO 3166-1 alpha-2 in any case (`PT`); null removes it.
    #[schema(pattern = "^[A-Za-z]{2}$", nullable)]
    pub nationality: Option<String>,
}

/// An A1 certificate a member holds (Regulation 987/2009 Art. 19(2)), as the institution issued it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct A1CertificateRequest {
    /// The state whose institution issued it, whose legislation it certifies (ISO 3166; a state
    /// applying Regulation (EC) 883/2004).
    #[schema(
        pattern = "^(AT|BE|BG|CY|CZ|DE|DK|EE|ES|FI|FR|GR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|IS|LI|NO|CH)$"
    )]
    pub issuing_state: String,
    /// The article of Regulation 883/2004 it rests on: `11(3)(a)`, `12(1)`, `13(1)(a)`,
    /// `13(1)(b)(i)` or `16(1)`.
    #[schema(pattern = "^(11\\(3\\)\\(a\\)|12\\(1\\)|13\\(1\\)\\(a\\)|13\\(1\\)\\(b\\)\\(i\\)|16\\(1\\))$")]
    pub article: String,
    /// First day it covers, `YYYY-MM-DD`.
    #[serde(deserialize_with = "crate::service::bounds::wire::date")]
    pub valid_from: NaiveDate,
    /// Last day it covers, `YYYY-MM-DD`.
    #[serde(deserialize_with = "crate::service::bounds::wire::date")]
    pub valid_until: NaiveDate,
    /// The institution's reference number.
    #[schema(min_length = 1, max_length = 60, pattern = "\\S")]
    pub reference: String,
}
