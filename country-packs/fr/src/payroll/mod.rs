//! French payroll (skeleton: to be written).

use chrono::NaiveDate;
use partage_core::money::{Currency, Money};
use partage_core::pack::PackError;
use partage_core::payroll::{Employee, Payroll, PayrollError, Payslip};

/// The French payroll rules.
#[derive(Clone, Debug)]
pub struct FrenchPayroll;

impl FrenchPayroll {
    /// Loads the payroll parameters.
    pub fn load() -> Result<FrenchPayroll, PackError> {
        Ok(FrenchPayroll)
    }
}

impl Payroll for FrenchPayroll {
    fn currency(&self) -> Currency {
        Currency::EUR
    }

    fn categories(&self) -> &'static [&'static str] {
        &["non-cadre", "cadre"]
    }

    fn max_gross(&self) -> Money {
        Money::zero(Currency::EUR)
    }

    fn payslip(&self, date: NaiveDate, _gross: Money, _employee: &Employee) -> Result<Payslip, PayrollError> {
        Err(PayrollError::NotCovered(partage_core::dated::ParameterError::NotInForce {
            name: "payroll".into(),
            date,
            coverage: "nothing yet".into(),
        }))
    }
}
