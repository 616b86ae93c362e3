//! The node's operations: what the API, the CLI and the demo all call.
//!
//! Each operation takes a connection or a transaction, so that a caller can
//! make several of them one atomic write (the demo batches thousands; the API
//! wraps one in an idempotency record). Dates come in as arguments.

pub mod abroad;
pub mod activities;
pub mod audit;
pub mod bounds;
pub mod clients;
pub mod coefficient_schedule;
pub mod contract_pdf;
pub mod contracts;
pub mod defaults;
pub mod dunning;
pub mod dunning_letters;
pub mod errors;
pub mod expense_receipts;
pub mod expenses;
pub mod fee_schedule;
pub mod figures;
pub mod guarantee_fund;
pub mod history;
pub mod inter_office;
pub mod invoice_pdf;
pub mod invoices;
pub mod ledger;
pub mod member_account;
pub mod member_data;
pub mod members;
pub mod numbering;
pub mod office;
pub mod order_forms;
pub mod parked;
pub mod payroll;
pub mod payroll_lists;
pub mod payslip_lines;
pub mod payslip_pdf;
pub mod platforms;
pub mod postings;
pub mod quarterly_returns;
pub mod schedule;
pub mod simulations;
pub mod stabilised;
pub mod totals;
pub mod transfers;
pub mod views;
pub mod work;

use crate::config::Settings;
use crate::error::AppError;
use crate::storage::Store;
use chrono::NaiveDate;
use partage_core::client::CountryCode;
use partage_core::contract::{ContractError, ContractKind, ContractStatus};
use partage_core::invoice::Party;
use partage_core::pack::CountryPack;
use partage_core::period::{Month, PeriodError};
use partage_core::{Currency, Money};
use std::sync::Arc;

/// A running node: its storage, its country pack and its settings.
#[derive(Clone)]
pub struct Node {
    /// Storage.
    pub store: Store,
    /// The country pack.
    pub pack: Arc<dyn CountryPack>,
    /// Validated settings.
    pub settings: Arc<Settings>,
    /// The pack's legal time zone: what "today" and "now" mean.
    pub zone: chrono_tz::Tz,
    /// The background job runner.
    pub jobs: crate::jobs::Jobs,
    /// API tokens recently seen live, shared by the node's clones.
    pub tokens: Arc<crate::auth::tokens::TokenCache>,
}

impl Node {
    /// Connects to the configured database, migrates it and loads the pack.
    pub async fn open(settings: Settings) -> Result<Node, anyhow::Error> {
        if settings.database_url.starts_with("sqlite:") {
            std::fs::create_dir_all(&settings.data_dir)?;
        }
        let store =
            Store::connect(&settings.database_url, settings.database_schema.as_deref(), settings.max_connections)
                .await?;
        store.migrate().await?;
        let pack = load_pack(&settings)?;
        let zone: chrono_tz::Tz = pack
            .time_zone()
            .parse()
            .map_err(|e| anyhow::anyhow!("the pack's time zone '{}' is unknown: {e}", pack.time_zone()))?;
        Ok(Node {
            store,
            pack,
            settings: Arc::new(settings),
            zone,
            jobs: crate::jobs::Jobs::new(),
            tokens: Arc::default(),
        })
    }

    /// The node's clock, the one place it is read: the configured instant (tests of the
    /// legal time zone), else noon of the configured day in the legal zone (demos,
    /// drills), else the system clock. In UTC: what records stamp (`created_at`) and
    /// what the expiry of idempotency keys is measured on.
    pub fn instant(&self) -> chrono::DateTime<chrono::Utc> {
        match (self.settings.now, self.settings.today) {
            (Some(instant), _) => instant,
            (None, Some(day)) => {
                let noon = day.and_time(chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default());
                // Noon is never in a daylight-saving gap; UTC noon if a zone ever made it one.
                noon.and_local_timezone(self.zone).earliest().map_or_else(|| noon.and_utc(), |t| t.to_utc())
            }
            (None, None) => chrono::Utc::now(),
        }
    }

    /// Today in the pack's legal time zone: a server keeps UTC, and at 00:30 in
    /// Brussels its date is yesterday's.
    pub fn today(&self) -> NaiveDate {
        self.now().date()
    }

    /// Now, wall-clock time in the pack's legal time zone (work periods and filings are
    /// in it); with a fixed date (demos, tests), that day at noon.
    pub fn now(&self) -> chrono::NaiveDateTime {
        legal_time(self.instant(), self.zone)
    }

    /// The node's bookkeeping currency.
    pub fn currency(&self) -> Currency {
        self.pack.currency()
    }

    /// The key of the legal entity's number series.
    pub fn legal_entity(&self) -> &str {
        &self.settings.entity.vat_number
    }

    /// The cooperative as seller on its invoices.
    pub fn seller(&self) -> Party {
        let e = &self.settings.entity;
        let ids = self.pack.seller_identifiers(&e.vat_number);
        Party {
            name: e.name.clone(),
            vat_number: Some(e.vat_number.clone()),
            company_id: ids.company_id,
            endpoint: ids.endpoint,
            street: e.street.clone(),
            postal_code: e.postal_code.clone(),
            city: e.city.clone(),
            country: self.settings.country,
            email: Some(e.email.clone()),
        }
    }
}

/// An instant as the wall clock of `zone` shows it.
pub fn legal_time(instant: chrono::DateTime<chrono::Utc>, zone: chrono_tz::Tz) -> chrono::NaiveDateTime {
    instant.with_timezone(&zone).naive_local()
}

/// The node's country pack, from the registry, with its section and the node's
/// register and payroll policy.
pub fn load_pack(settings: &Settings) -> Result<Arc<dyn CountryPack>, partage_core::pack::PackError> {
    settings.pack.load(&settings.pack_context())
}

impl Node {
    /// `lang` when the pack writes in it; otherwise a problem naming `field` and listing the
    /// pack's languages.
    pub fn language<'a>(&self, field: &str, lang: &'a str) -> Result<&'a str, AppError> {
        let languages = self.pack.languages();
        if languages.contains(&lang) {
            Ok(lang)
        } else {
            Err(AppError::invalid(field, format!("'{lang}' is not one of {}", languages.join(", "))))
        }
    }
}

/// A duration as decimal hours (7.5 for 7 h 30), to the minute.
pub fn hours_of(elapsed: chrono::Duration) -> rust_decimal::Decimal {
    rust_decimal::Decimal::from(elapsed.num_minutes()) / rust_decimal::Decimal::from(60)
}

/// Minutes of a stored work period: the real time elapsed in the legal `zone` (an hour
/// more on the night the clocks go back); one ending before it starts (printed before
/// periods had to end the day they start) ends the next day.
pub fn period_minutes(p: &crate::storage::entities::work_period::Model, zone: chrono_tz::Tz) -> i64 {
    let period = partage_core::work_declaration::WorkPeriod { date: p.work_date, start: p.start_time, end: p.end_time };
    let span = period.elapsed_or_wall(&zone).num_minutes();
    if span < 0 {
        span + 24 * 60
    } else {
        span
    }
}

/// Reads a stored amount back.
pub fn money(minor: i64, currency: &str) -> Result<Money, AppError> {
    let currency: Currency = currency.parse().map_err(|_| AppError::Corrupt(format!("currency '{currency}'")))?;
    Ok(Money::from_minor(minor, currency))
}

/// Minor units of an amount to store.
pub fn minor(m: Money) -> Result<i64, AppError> {
    Ok(m.to_minor()?)
}

/// Reads a stored month (`YYYY-MM`) back.
pub fn stored_month(text: &str) -> Result<Month, AppError> {
    text.parse().map_err(|e: PeriodError| AppError::Corrupt(e.to_string()))
}

/// Reads a stored contract kind back.
pub fn contract_kind(name: &str) -> Result<ContractKind, AppError> {
    name.parse().map_err(|e: ContractError| AppError::Corrupt(e.to_string()))
}

/// The stored names of the contract kinds paid once their work has ended.
pub fn kinds_paid_per_work() -> Vec<&'static str> {
    ContractKind::ALL.into_iter().filter(|k| k.paid_per_work()).map(ContractKind::as_str).collect()
}

/// Reads a stored contract status back.
pub fn contract_status(name: &str) -> Result<ContractStatus, AppError> {
    name.parse().map_err(|e: ContractError| AppError::Corrupt(e.to_string()))
}

/// The text of a filing, for the text column that keeps it: a format that is not UTF-8
/// needs a binary column first, so such a filing is refused rather than mangled.
pub fn filing_text(filing: &partage_core::hiring::Filing) -> Result<String, AppError> {
    filing.text().map(str::to_owned).ok_or_else(|| {
        AppError::Pack(partage_core::pack::PackError::Render(format!(
            "the {} filing ({}) is not UTF-8 text, and this node stores filings as text",
            filing.format, filing.media_type
        )))
    })
}

/// Reads a stored order form status back.
pub fn order_form_status(name: &str) -> Result<partage_core::order_form::OrderFormStatus, AppError> {
    name.parse().map_err(|e: partage_core::order_form::OrderFormError| AppError::Corrupt(e.to_string()))
}

/// Reads a stored payroll run status back.
pub fn run_status(name: &str) -> Result<partage_core::payroll::PayrollRunStatus, AppError> {
    name.parse().map_err(|e: partage_core::payroll::RunStatusError| AppError::Corrupt(e.to_string()))
}

/// Reads a stored country code back.
pub fn country(code: &str) -> Result<CountryCode, AppError> {
    CountryCode::from_letters(code).map_err(|_| AppError::Corrupt(format!("country '{code}'")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_time_is_brussels_wall_clock_time_in_winter_and_in_summer() {
        let zone: chrono_tz::Tz = "Europe/Brussels".parse().unwrap();
        let at = |s: &str| legal_time(s.parse().unwrap(), zone).to_string();
        assert_eq!(at("2026-03-02T18:49:00Z"), "2026-03-02 19:49:00", "UTC+1 in winter");
        assert_eq!(at("2026-07-01T22:30:00Z"), "2026-07-02 00:30:00", "UTC+2 in summer: already tomorrow");
    }
}
