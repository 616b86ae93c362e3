//! French expense allowances and dunning rules (skeleton: to be written).

use chrono::NaiveDate;
use partage_core::client::CountryCode;
use partage_core::dated::{Dated, ParameterError};
use partage_core::dunning::{DunningError, DunningRules, DunningStep};
use partage_core::expense::{ExpenseRules, UnitRate};
use partage_core::money::{Money, Rate};

/// The French expense and dunning rules.
#[derive(Clone, Debug, Default)]
pub struct FrenchExpenses;

fn missing(name: &str, date: NaiveDate) -> ParameterError {
    ParameterError::NotInForce { name: name.to_owned(), date, coverage: "nothing yet".into() }
}

impl ExpenseRules for FrenchExpenses {
    fn mileage_rate(&self, date: NaiveDate) -> Result<Dated<UnitRate>, ParameterError> {
        Err(missing("expenses.mileage", date))
    }

    fn per_diem(&self, _country: CountryCode, date: NaiveDate) -> Result<Option<Dated<Money>>, ParameterError> {
        Err(missing("expenses.per_diem", date))
    }
}

impl DunningRules for FrenchExpenses {
    fn schedule(&self, date: NaiveDate, _b2c: bool) -> Result<Vec<DunningStep>, ParameterError> {
        Err(missing("dunning.schedule", date))
    }

    fn late_interest_rate(&self, date: NaiveDate, _b2c: bool) -> Result<Dated<Rate>, ParameterError> {
        Err(missing("dunning.late_interest", date))
    }

    fn damages(&self, _outstanding: Money, date: NaiveDate, _b2c: bool) -> Result<Dated<Money>, DunningError> {
        Err(DunningError::from(missing("dunning.damages", date)))
    }
}
