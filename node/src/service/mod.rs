//! The node's operations: what the API, the CLI and the demo all call.
//!
//! Each operation takes a connection or a transaction, so that a caller can
//! make several of them one atomic write (the demo batches thousands; the API
//! wraps one in an idempotency record). Dates come in as arguments.

pub mod activities;
pub mod clients;
pub mod contracts;
pub mod dunning;
pub mod dunning_letters;
pub mod expenses;
pub mod guarantee_fund;
pub mod invoice_pdf;
pub mod invoices;
pub mod ledger;
pub mod member_account;
pub mod members;
pub mod numbering;
pub mod order_forms;
pub mod payroll;
pub mod payslip_pdf;
pub mod platforms;
pub mod quarterly_returns;
pub mod simulations;
pub mod stabilised;
pub mod views;
pub mod work;

use crate::config::Settings;
use crate::error::AppError;
use crate::storage::Store;
use chrono::NaiveDate;
use partage_core::client::CountryCode;
use partage_core::invoice::Party;
use partage_core::pack::CountryPack;
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
        Ok(Node { store, pack: Arc::new(pack), settings: Arc::new(settings) })
    }

    /// Today, from the clock unless the configuration fixes it.
    pub fn today(&self) -> NaiveDate {
        self.settings.today.unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Now, from the clock; with a fixed date (demos, tests), that day at noon.
    pub fn now(&self) -> chrono::NaiveDateTime {
        match self.settings.today {
            Some(day) => day.and_time(chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()),
            None => chrono::Local::now().naive_local(),
        }
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
        let enterprise_number: String = e.vat_number.chars().skip(2).collect();
        Party {
            name: e.name.clone(),
            vat_number: Some(e.vat_number.clone()),
            company_id: Some(enterprise_number.clone()),
            endpoint: Some(("0208".into(), enterprise_number)),
            street: e.street.clone(),
            postal_code: e.postal_code.clone(),
            city: e.city.clone(),
            country: self.settings.country,
            email: Some(e.email.clone()),
        }
    }
}

/// The country pack with the node's configuration (register, payroll policy).
pub fn load_pack(settings: &Settings) -> Result<partage_pack_be::BelgianPack, partage_core::pack::PackError> {
    partage_pack_be::BelgianPack::load()?
        .with_register(partage_pack_be::LegalEntityRegister {
            legal_form: settings.entity.legal_form.clone(),
            court: settings.entity.court.clone(),
        })
        .with_payroll_policy(partage_pack_be::payroll::PayrollPolicy {
            employer_cost_coefficient: settings.employer_cost_coefficient,
        })
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

/// Reads a stored country code back.
pub fn country(code: &str) -> Result<CountryCode, AppError> {
    CountryCode::parse(code).map_err(|_| AppError::Corrupt(format!("country '{code}'")))
}
