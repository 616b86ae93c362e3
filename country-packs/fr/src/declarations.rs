//! The DPAE and the monthly DSN (skeleton: to be written).

use partage_core::hiring::{Filing, HiringDeclaration};
use partage_core::pack::PackError;
use partage_core::social_return::SocialReturn;

/// The hiring declaration (DPAE) of `declaration`.
pub fn hiring_declaration(_declaration: &HiringDeclaration, _at: chrono::NaiveDateTime) -> Result<Filing, PackError> {
    Err(PackError::Render("the DPAE is not written yet".into()))
}

/// The monthly return (DSN) of `ret`.
pub fn monthly_return(_ret: &SocialReturn, _at: chrono::NaiveDateTime) -> Result<Filing, PackError> {
    Err(PackError::Render("the DSN is not written yet".into()))
}
