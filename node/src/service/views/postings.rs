//! Response bodies of the posting notices another office sent this one (service::postings).

use crate::error::AppError;
use crate::storage::postings::NoticeRow;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use partage_federation::posting::PostingDayV1;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// One day of the work abroad, with its hours.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostingDayView {
    /// The day.
    pub date: NaiveDate,
    /// Start time.
    #[schema(value_type = String)]
    pub start: NaiveTime,
    /// End time.
    #[schema(value_type = String)]
    pub end: NaiveTime,
}

/// A posting notice: a member of another office of the group works in this office's country.
/// The host office's record of it, for its declarations (SIPSI, LIMOSA) and its labour
/// inspectors: who, where, when, under which legislation, and nothing else.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostingNoticeView {
    /// The notice, the same id at the sending office.
    pub id: Uuid,
    /// The sending office's node (`be`).
    pub from_node: String,
    /// The sending office's country, the employer's state (`BE`).
    pub from_country: String,
    /// `active`, or `cancelled` when the sending office cancelled the work.
    pub status: String,
    /// The worker's first name.
    pub first_name: String,
    /// The worker's last name.
    pub last_name: String,
    /// The worker's date of birth.
    pub birth_date: NaiveDate,
    /// The worker's nationality (ISO 3166-1 alpha-2), when the sending office records one.
    pub nationality: Option<String>,
    /// The country of work: this office's.
    pub work_country: String,
    /// The place of work.
    pub place: String,
    /// The function performed.
    pub function: String,
    /// The days of work and their hours.
    pub days: Vec<PostingDayView>,
    /// The first day of work.
    pub first_day: NaiveDate,
    /// The last day of work: the last day listed; an open-ended work's end once the sending
    /// office ended it (while it runs, the last day listed, though the work goes on after it).
    pub last_day: NaiveDate,
    /// The work runs until the sending office ends it (a stabilised contract): `days` lists its
    /// first day, and the notice is kept while it runs.
    pub open_ended: bool,
    /// An open-ended work's last day, once the sending office ended it; null while it runs and
    /// for a work that ends with its days.
    pub ends_on: Option<NaiveDate>,
    /// The state whose social-security legislation applies (Regulation 883/2004), when decided.
    pub legislation_country: Option<String>,
    /// The article it rests on (`12(1)`, `13(1)(a)`...).
    pub legislation_article: Option<String>,
    /// The reference of the A1 certificate that covers the days, when the sending office has one.
    pub a1_reference: Option<String>,
    /// When this office received it.
    #[schema(pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    pub received_at: DateTime<Utc>,
    /// When the sending office cancelled it.
    #[schema(pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    pub cancelled_at: Option<DateTime<Utc>>,
    /// The notice's revision this office holds: 1 as first received, one more for each
    /// amendment the sending office sent (a day's new hours, an open-ended work's end), the
    /// latest applied.
    #[schema(minimum = 1)]
    pub revision: i32,
    /// When the last amendment was applied, once one was.
    #[schema(pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    pub amended_at: Option<DateTime<Utc>>,
}

impl TryFrom<NoticeRow> for PostingNoticeView {
    type Error = AppError;
    fn try_from(n: NoticeRow) -> Result<Self, AppError> {
        let days: Vec<PostingDayV1> = serde_json::from_str(&n.days)
            .map_err(|e| AppError::Corrupt(format!("posting notice {} days: {e}", n.id)))?;
        Ok(PostingNoticeView {
            id: n.id,
            from_node: n.from_node,
            from_country: n.from_country,
            status: if n.cancelled_at.is_some() { "cancelled" } else { "active" }.to_owned(),
            first_name: n.first_name,
            last_name: n.last_name,
            birth_date: n.birth_date,
            nationality: n.nationality,
            work_country: n.work_country,
            place: n.place,
            function: n.function,
            days: days.into_iter().map(|d| PostingDayView { date: d.date, start: d.start, end: d.end }).collect(),
            first_day: n.first_day,
            last_day: n.last_day,
            open_ended: n.open_ended,
            ends_on: n.ends_on,
            legislation_country: n.legislation_state,
            legislation_article: n.legislation_article,
            a1_reference: n.a1_reference,
            received_at: n.received_at,
            cancelled_at: n.cancelled_at,
            revision: n.revision,
            amended_at: n.amended_at,
        })
    }
}
