//! French VAT (skeleton: to be written).

use chrono::NaiveDate;
use partage_core::client::Client;
use partage_core::money::Rate;
use partage_core::pack::PackError;
use partage_core::vat::LineVat;

/// The VAT of a line sold to `buyer` on `date` at `rate`.
pub fn line_vat(_date: NaiveDate, _buyer: &Client, _rate: Rate) -> Result<LineVat, PackError> {
    Err(PackError::Render("French VAT is not written yet".into()))
}
