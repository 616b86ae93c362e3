//! The declaration of a hiring to the state before work starts: its content,
//! independent of the country's format (France's and Italy's (UniLav) hiring declarations
//! and the other countries' are rendered by their packs).

use chrono::{NaiveDate, NaiveTime};

/// What a hiring declaration does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HiringAction {
    /// Declares an employment before it starts.
    In,
    /// Declares the end of an open-ended employment.
    Out,
    /// Changes the dates or hours of a declared employment.
    Update,
    /// Cancels a declared employment that did not take place.
    Cancel,
}

/// The kind of employment declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EmploymentKind {
    /// An ordinary employment (fixed term or open-ended).
    Ordinary,
    /// A day contract: one employment per day, with start and end hours.
    DayContract,
}

/// One day of a day contract, with its hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayOfWork {
    /// The day.
    pub date: NaiveDate,
    /// Start hour.
    pub start: NaiveTime,
    /// End hour.
    pub end: NaiveTime,
}

/// The employer making the declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclaringEmployer {
    /// Company registration number in the country's business register.
    pub company_id: String,
    /// The employer's social security registration number, when the country has one.
    pub social_security_number: Option<String>,
}

/// The worker declared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclaredWorker {
    /// National identification number, as the country writes it.
    pub national_id: String,
    /// Family name.
    pub last_name: String,
    /// Given name.
    pub first_name: String,
    /// Date of birth.
    pub birth_date: NaiveDate,
}

/// A hiring declaration's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HiringDeclaration {
    /// What it does.
    pub action: HiringAction,
    /// Reference of the declaration being updated or cancelled (the state's number).
    pub previous_reference: Option<String>,
    /// The employer.
    pub employer: DeclaringEmployer,
    /// The worker.
    pub worker: DeclaredWorker,
    /// Ordinary employment or day contract.
    pub kind: EmploymentKind,
    /// First day of the employment.
    pub start: NaiveDate,
    /// Last day, for a fixed-term one.
    pub end: Option<NaiveDate>,
    /// For a day contract: each day and its hours.
    pub days: Vec<DayOfWork>,
    /// The collective agreement the employment falls under, in the country's code
    /// (Italy: the CCNL; France: the IDCC).
    pub collective_agreement: String,
    /// Worker type in the country's code list.
    pub worker_type: String,
    /// Planned hours, where the country asks for them.
    pub planned_hours: Option<u32>,
}

/// A declaration rendered in the country's format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filing {
    /// Format name and version, as the pack names it.
    pub format: &'static str,
    /// Media type of the content (`application/xml` for the first pack's filings).
    pub media_type: &'static str,
    /// The document's bytes: XML is text, another country's format may not be.
    pub content: Vec<u8>,
}

impl Filing {
    /// The content as text, when it is UTF-8 (an XML filing); None for a binary one.
    pub fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.content).ok()
    }
}
