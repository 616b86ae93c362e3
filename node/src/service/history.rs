//! Corrections of clients and members, the admin's changes of power (API tokens made and
//! revoked, staff accounts added and their roles changed), of the schedules of the fee and of
//! the employer-cost coefficient, and what an admin did with a parked federation message: each
//! kept with who made it, when, and every field's old and new value, so that a change can
//! always be explained.

use super::views::{FieldChangeView, RecordChangeView};
use crate::error::AppError;
use crate::storage::entities::record_change;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a correction is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A client.
    Client,
    /// A member.
    Member,
    /// An API token: made (name, role, member) or revoked.
    ApiToken,
    /// A staff account: added (e-mail, role) or given another role.
    Account,
    /// A change of the fee's schedule: from which day, the rate and fund share before and after, why.
    Fee,
    /// A change of the employer-cost coefficient's schedule: from which day, the coefficient
    /// before and after, why.
    Coefficient,
    /// A message the federation inbox parked: retried (its reason then, the outcome) or
    /// dismissed (its subject and reason).
    ParkedMessage,
}

impl Subject {
    /// Its name in the log, which the audit page turns into words.
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Client => "client",
            Subject::Member => "member",
            Subject::ApiToken => "api_token",
            Subject::Account => "account",
            Subject::Fee => "fee",
            Subject::Coefficient => "coefficient",
            Subject::ParkedMessage => "parked_message",
        }
    }
}

/// One field's change, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The field, as named in the API.
    pub field: String,
    /// Its value before (none: empty).
    pub old: Option<String>,
    /// Its value after (none: removed).
    pub new: Option<String>,
}

/// The changes between two versions of a record's fields, in field order.
pub fn diff(before: &[(&str, Option<String>)], after: &[(&str, Option<String>)]) -> Vec<FieldChange> {
    before
        .iter()
        .zip(after)
        .filter(|((_, old), (_, new))| old != new)
        .map(|((field, old), (_, new))| FieldChange { field: (*field).to_owned(), old: old.clone(), new: new.clone() })
        .collect()
}

/// Who made a correction: the `X-Changed-By` header (a person's name or login,
/// at most 100 characters), else `api`: the node knows its callers only by the token.
pub fn author(given: Option<&str>) -> Result<String, AppError> {
    match given.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok("api".into()),
        Some(s) if s.chars().count() <= 100 && !s.chars().any(char::is_control) => Ok(s.to_owned()),
        Some(_) => Err(AppError::invalid("X-Changed-By", "who made the change, in at most 100 printable characters")),
    }
}

/// Records a correction (nothing when nothing changed).
pub async fn record<C: ConnectionTrait>(
    c: &C,
    subject: Subject,
    id: Uuid,
    by: &str,
    at: chrono::NaiveDateTime,
    changes: &[FieldChange],
) -> Result<(), AppError> {
    if changes.is_empty() {
        return Ok(());
    }
    let text = serde_json::to_string(changes).map_err(|e| AppError::Corrupt(format!("history: {e}")))?;
    record_change::Entity::insert(record_change::ActiveModel {
        id: Set(Uuid::now_v7()),
        subject: Set(subject.as_str().into()),
        subject_id: Set(id),
        changed_at: Set(at),
        changed_by: Set(by.into()),
        changes: Set(text),
    })
    .exec_without_returning(c)
    .await?;
    Ok(())
}

/// Every correction of a record, oldest first.
pub async fn list<C: ConnectionTrait>(c: &C, subject: Subject, id: Uuid) -> Result<Vec<RecordChangeView>, AppError> {
    record_change::Entity::find()
        .filter(record_change::Column::Subject.eq(subject.as_str()))
        .filter(record_change::Column::SubjectId.eq(id))
        .order_by_asc(record_change::Column::Id)
        .all(c)
        .await?
        .into_iter()
        .map(|r| {
            let changes: Vec<FieldChange> =
                serde_json::from_str(&r.changes).map_err(|e| AppError::Corrupt(format!("history {}: {e}", r.id)))?;
            Ok(RecordChangeView {
                changed_at: r.changed_at,
                changed_by: r.changed_by,
                changes: changes
                    .into_iter()
                    .map(|f| FieldChangeView { field: f.field, old: f.old, new: f.new })
                    .collect(),
            })
        })
        .collect()
}

/// One entry of the audit log: a correction and the record it is about.
#[derive(Debug)]
pub struct AuditEntry {
    /// The entry's id: UUIDv7, so ids sort in the order corrections were recorded.
    pub id: Uuid,
    /// What was changed: `client`, `member`, `api_token` or `account`.
    pub subject: String,
    /// Its id.
    pub subject_id: Uuid,
    /// Who, when, which fields.
    pub change: RecordChangeView,
}

/// The audit log, newest first: at most `limit` corrections recorded before the entry
/// `before` (the last one of the previous page). Keyed on the primary key, so a page
/// costs the same whatever the history's length.
pub async fn latest<C: ConnectionTrait>(c: &C, before: Option<Uuid>, limit: u64) -> Result<Vec<AuditEntry>, AppError> {
    let mut query = record_change::Entity::find().order_by_desc(record_change::Column::Id);
    if let Some(b) = before {
        query = query.filter(record_change::Column::Id.lt(b));
    }
    query
        .limit(limit)
        .all(c)
        .await?
        .into_iter()
        .map(|r| {
            let changes: Vec<FieldChange> =
                serde_json::from_str(&r.changes).map_err(|e| AppError::Corrupt(format!("history {}: {e}", r.id)))?;
            Ok(AuditEntry {
                id: r.id,
                subject: r.subject,
                subject_id: r.subject_id,
                change: RecordChangeView {
                    changed_at: r.changed_at,
                    changed_by: r.changed_by,
                    changes: changes
                        .into_iter()
                        .map(|f| FieldChangeView { field: f.field, old: f.old, new: f.new })
                        .collect(),
                },
            })
        })
        .collect()
}

/// Reads a JSON merge patch (RFC 7396) of text fields: each key must be one of
/// `editable`; a string sets the field, `null` empties it.
pub fn merge_patch(patch: &serde_json::Value, editable: &[&str]) -> Result<Vec<(String, Option<String>)>, AppError> {
    let Some(map) = patch.as_object() else {
        return Err(AppError::invalid("body", "a JSON object of the fields to change (JSON merge patch, RFC 7396)"));
    };
    map.iter()
        .map(|(key, value)| {
            if !editable.contains(&key.as_str()) {
                return Err(AppError::invalid(
                    key.clone(),
                    format!("not an editable field; editable: {}", editable.join(", ")),
                ));
            }
            match value {
                serde_json::Value::Null => Ok((key.clone(), None)),
                serde_json::Value::String(s) => Ok((key.clone(), Some(s.clone()))),
                _ => Err(AppError::invalid(key.clone(), "a string, or null to remove the value")),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_keeps_only_changed_fields_with_old_and_new_values() {
        let before = [("name", Some("A".to_owned())), ("email", None), ("city", Some("Gent".to_owned()))];
        let after = [("name", Some("B".to_owned())), ("email", None), ("city", None)];
        assert_eq!(
            diff(&before, &after),
            vec![
                FieldChange { field: "name".into(), old: Some("A".into()), new: Some("B".into()) },
                FieldChange { field: "city".into(), old: Some("Gent".into()), new: None },
            ]
        );
    }

    #[test]
    fn a_merge_patch_names_an_unknown_or_mistyped_field() {
        let ok = merge_patch(&serde_json::json!({"name": "X", "email": null}), &["name", "email"]).unwrap();
        assert_eq!(ok, vec![("email".into(), None), ("name".into(), Some("X".into()))]);
        let err = merge_patch(&serde_json::json!({"status": "left"}), &["name"]).unwrap_err();
        assert!(matches!(err, AppError::Invalid { ref field, .. } if field == "status"));
        let err = merge_patch(&serde_json::json!({"name": 3}), &["name"]).unwrap_err();
        assert!(matches!(err, AppError::Invalid { ref field, .. } if field == "name"));
    }
}
