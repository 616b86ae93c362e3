//! The receipt file of an expense claim: a PDF, JPEG or PNG of at most [`MAX_MIB`] MiB, held to
//! the media type it is sent as by its first bytes (a text file named `.pdf` is refused), stored
//! with its SHA-256 in the database beside the claim. One per claim, replaced only while the claim
//! is submitted: an advisor's decision rests on the file the claim keeps.
//!
//! Retention: a repaid claim's receipt supports an entry of the accounts and is kept the whole
//! calendar years the country's law keeps supporting documents (the pack's
//! `supporting_documents_retention`: ten in Belgium and France) after the year of the
//! repayment; a rejected claim's supports nothing and is kept
//! `expenses.rejected_receipt_retention_days` after the decision. Then [`delete_expired`]
//! empties the bytes and dates the deletion; the media type, size and SHA-256 stay, so the claim
//! still names the file it was decided on.

use super::errors::ExpenseRefusal;
use super::views::ReceiptFileView;
use super::Node;
use crate::error::AppError;
use crate::storage::expenses::{self as repo, NewReceipt};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use partage_core::expense::ExpenseStatus;
use sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use uuid::Uuid;

/// The largest receipt, in MiB: a phone's photo or a scanned page is well under it.
pub const MAX_MIB: usize = 5;
/// The largest receipt, in bytes.
pub const MAX_BYTES: usize = MAX_MIB * 1024 * 1024;

/// What a receipt may be: a PDF, a JPEG or a PNG (core's, with their media types and signatures).
pub use partage_core::expense::ReceiptKind;

/// Longest media type a refusal repeats.
const ECHO: usize = 60;

/// The kind a `Content-Type` names (its parameters, such as `; name=`, ignored; any case),
/// or the refusal naming what was sent.
pub fn kind_of(content_type: &str) -> Result<ReceiptKind, AppError> {
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    ReceiptKind::of_media_type(&essence).ok_or_else(|| {
        let sent = if essence.is_empty() { "(none)".to_owned() } else { essence.chars().take(ECHO).collect() };
        ExpenseRefusal::ReceiptTypeNotAccepted { content_type: sent }.into()
    })
}

/// Checks a file sent as `content_type`: one of the three kinds, within [`MAX_BYTES`], and
/// starting with that kind's signature, so the media type a browser guessed from a file's name
/// is not believed alone.
pub fn check(content_type: &str, bytes: &[u8]) -> Result<ReceiptKind, AppError> {
    let kind = kind_of(content_type)?;
    if bytes.len() > MAX_BYTES {
        return Err(ExpenseRefusal::ReceiptTooLarge { limit_mib: MAX_MIB }.into());
    }
    if !bytes.starts_with(kind.signature()) {
        return Err(ExpenseRefusal::ReceiptNotItsType { content_type: kind.media_type() }.into());
    }
    Ok(kind)
}

/// Attaches the receipt file of a claim, or replaces the one it has, while the claim is
/// submitted. The claim's row is locked first (on PostgreSQL), as a validation or a rejection
/// locks it, so a file cannot change under an advisor's decision.
pub async fn attach<C: ConnectionTrait>(
    c: &C,
    claim: Uuid,
    content_type: &str,
    bytes: Vec<u8>,
    now: NaiveDateTime,
) -> Result<ReceiptFileView, AppError> {
    let stored = repo::lock(c, claim).await?;
    let status = stored.claim.status();
    if *status != ExpenseStatus::Submitted {
        return Err(ExpenseRefusal::ReceiptLocked { status: status.as_str().to_owned() }.into());
    }
    let kind = check(content_type, &bytes)?;
    let size = i64::try_from(bytes.len()).map_err(|_| ExpenseRefusal::ReceiptTooLarge { limit_mib: MAX_MIB })?;
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let receipt = NewReceipt { kind, size_bytes: size, sha256: sha256.clone(), bytes, uploaded_at: now };
    repo::replace_receipt(c, claim, receipt).await?;
    Ok(ReceiptFileView {
        content_type: kind.media_type().to_owned(),
        size: size.unsigned_abs(),
        sha256,
        uploaded_at: now,
        file_name: file_name(claim, kind),
        deleted_at: None,
    })
}

/// A receipt's file as stored.
#[derive(Debug)]
pub struct ReceiptFile {
    /// What it is.
    pub kind: ReceiptKind,
    /// A file name made by the node (`receipt-<claim>.pdf`), never the one sent: safe in a header.
    pub file_name: String,
    /// The bytes, as sent.
    pub bytes: Vec<u8>,
}

/// The name the node gives a claim's receipt file: ASCII only, so it goes in
/// `Content-Disposition` unquoted of anything.
fn file_name(claim: Uuid, kind: ReceiptKind) -> String {
    format!("receipt-{claim}.{}", kind.extension())
}

/// The receipt file of a claim: 404 when there is no such claim or it has no file.
pub async fn file<C: ConnectionTrait>(c: &C, claim: Uuid) -> Result<ReceiptFile, AppError> {
    let Some(stored) = repo::receipt(c, claim).await? else {
        if !repo::exists(c, claim).await? {
            return Err(AppError::not_found("expense claim", claim));
        }
        return Err(ExpenseRefusal::NoReceiptFile { claim }.into());
    };
    if let Some(at) = stored.deleted_at {
        return Err(ExpenseRefusal::ReceiptDeleted { claim, on: at.date() }.into());
    }
    let kind = stored.kind;
    Ok(ReceiptFile { kind, file_name: file_name(claim, kind), bytes: stored.bytes })
}

/// What is known of the receipt files of these claims, without reading their bytes: one query.
pub async fn summaries<C: ConnectionTrait>(c: &C, claims: &[Uuid]) -> Result<HashMap<Uuid, ReceiptFileView>, AppError> {
    let summaries = repo::receipt_summaries(c, claims).await?;
    Ok(summaries
        .into_iter()
        .map(|(claim, r)| {
            let view = ReceiptFileView {
                content_type: r.kind.media_type().to_owned(),
                size: r.size,
                sha256: r.sha256,
                uploaded_at: r.uploaded_at,
                file_name: file_name(claim, r.kind),
                deleted_at: r.deleted_at,
            };
            (claim, view)
        })
        .collect())
}

/// Receipts emptied per transaction: a backlog (a node's first run after years) is deleted in
/// short transactions.
const DELETE_CHUNK: u64 = 500;

/// The oldest decision whose receipt is still kept: a rejected claim's `days` before `now`; a
/// repaid claim's, the first day of the year `years` before this one (a receipt of 2015 is kept
/// through 2025).
pub fn retention_cutoffs(now: NaiveDateTime, rejected_days: u32, years: u32) -> (NaiveDateTime, NaiveDateTime) {
    let rejected = now - chrono::Duration::days(i64::from(rejected_days));
    let year = now.year().saturating_sub(i32::try_from(years).unwrap_or(i32::MAX));
    let repaid = NaiveDate::from_ymd_opt(year, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or(NaiveDateTime::MIN);
    (rejected, repaid)
}

/// Empties the receipts whose retention has ended (see the module's doc) and dates their
/// deletion; returns how many. The node's legal time stands for `now`.
pub async fn delete_expired(node: &Node) -> Result<u64, AppError> {
    let now = node.now();
    let years = node.pack.supporting_documents_retention().years;
    let (rejected, repaid) = retention_cutoffs(now, node.settings.rejected_receipt_retention_days, years);
    let mut deleted = 0;
    loop {
        let txn = node.store.write().await?;
        let Some(done) = repo::empty_expired_receipts(&*txn, rejected, repaid, now, DELETE_CHUNK).await? else {
            return Ok(deleted);
        };
        txn.commit().await?;
        deleted += done;
    }
}

/// Deletes expired receipts now, then every hour while the node serves.
pub fn spawn_delete_expired(node: Node) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every.tick().await;
            match delete_expired(&node).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, "receipts past their retention deleted"),
                Err(e) => tracing::warn!(error = %e, "receipts past their retention not deleted; next try in an hour"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\0\x10JFIF";

    #[test]
    fn a_receipt_is_a_pdf_jpeg_or_png_whose_first_bytes_say_so() {
        assert_eq!(check("application/pdf", PDF).unwrap(), ReceiptKind::Pdf);
        assert_eq!(check("IMAGE/PNG; name=\"scan.png\"", PNG).unwrap(), ReceiptKind::Png);
        assert_eq!(check("image/jpeg", JPEG).unwrap(), ReceiptKind::Jpeg);
        // A text file named .pdf: the browser says application/pdf, the bytes say otherwise.
        let text = check("application/pdf", b"Brico receipt 2026-0219-77\n").unwrap_err();
        assert!(matches!(text, AppError::ExpenseRefused(ExpenseRefusal::ReceiptNotItsType { .. })), "{text}");
        // A PNG sent as a JPEG is not believed either.
        assert!(check("image/jpeg", PNG).is_err());
        assert!(check("image/png", b"").is_err());
    }

    #[test]
    fn other_media_types_are_refused_naming_what_was_sent() {
        for sent in ["text/plain", "image/gif", "application/octet-stream", "", "image/svg+xml"] {
            let e = kind_of(sent).unwrap_err();
            let AppError::ExpenseRefused(ExpenseRefusal::ReceiptTypeNotAccepted { content_type }) = e else {
                panic!("{sent}: {e}")
            };
            assert!(content_type == sent || (sent.is_empty() && content_type == "(none)"), "{content_type}");
        }
    }

    #[test]
    fn a_file_over_the_limit_is_refused_and_one_at_it_is_kept() {
        let mut at = PDF.to_vec();
        at.resize(MAX_BYTES, b' ');
        assert!(check("application/pdf", &at).is_ok());
        at.push(b' ');
        let e = check("application/pdf", &at).unwrap_err();
        assert!(matches!(e, AppError::ExpenseRefused(ExpenseRefusal::ReceiptTooLarge { limit_mib: 5 })), "{e}");
    }

    #[test]
    fn a_repaid_receipt_is_kept_whole_years_and_a_rejected_one_its_days() {
        let now = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap().and_hms_opt(10, 0, 0).unwrap();
        let (rejected, repaid) = retention_cutoffs(now, 365, 10);
        assert_eq!(rejected, NaiveDate::from_ymd_opt(2025, 3, 15).unwrap().and_hms_opt(10, 0, 0).unwrap());
        // Repaid in 2015: kept through 2025, deleted in 2026; repaid on 1 January 2016: kept.
        assert_eq!(repaid, NaiveDate::from_ymd_opt(2016, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap());
    }

    #[test]
    fn the_file_name_is_the_nodes_own() {
        let id = Uuid::from_u128(1);
        assert_eq!(file_name(id, ReceiptKind::Jpeg), "receipt-00000000-0000-0000-0000-000000000001.jpg");
    }
}
