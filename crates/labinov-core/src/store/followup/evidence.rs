//! Evidence files (bukti dukung): PDFs, photos and scans supporting an idea's progress,
//! stored like photos (`capture/attachments.rs`, whose type sniffing and SHA-256 they
//! share): the bytes in the lab's database, so they travel in the bundle.
//!
//! The type is read from the bytes, never from the name: a PDF must start with `%PDF-`
//! and end with `%%EOF` (a truncated download does not), a JPEG or PNG must have a
//! readable image header. A name whose extension says another of these types than the
//! bytes are (`laporan.pdf` holding a PNG) is refused as lying about its type; a name
//! without a known extension (`scan001`) takes the type of its bytes.

use std::io::Cursor;

use rusqlite::{params, OptionalExtension};
use serde_json::json;

use crate::error::{Error, Reason, Result};
use crate::followup::Evidence;
use crate::store::attachments::{sha256_hex, sniff_mime};
use crate::store::sync::FOLLOWUP_EVIDENCE;
use crate::store::{Store, Tx};
use crate::time::now_utc;
use crate::validate::clean_required;

use super::plan::fields_of;

/// Largest evidence file accepted: a scanned decree of a few pages is 1 to 10 MB.
pub const MAX_EVIDENCE_BYTES: usize = 20 << 20;

/// The types an evidence file may have.
pub(crate) const EVIDENCE_TYPES: &[&str] = &["application/pdf", "image/jpeg", "image/png"];

/// The type a file name's extension claims, among [`EVIDENCE_TYPES`].
fn claimed_type(file_name: &str) -> Option<&'static str> {
    let ext = file_name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => Some("application/pdf"),
        "jpg" | "jpeg" | "jfif" => Some("image/jpeg"),
        "png" => Some("image/png"),
        _ => None,
    }
}

/// The checked type of an evidence file's bytes (module docs).
pub(crate) fn evidence_type(file_name: &str, bytes: &[u8]) -> Result<&'static str> {
    if bytes.len() > MAX_EVIDENCE_BYTES {
        return Err(Error::invalid(
            "file",
            Reason::FileTooLarge {
                max_bytes: MAX_EVIDENCE_BYTES as u64,
            },
        ));
    }
    let not_evidence = || Error::bad_file("file", Reason::NotEvidence);
    let mime = sniff_mime(bytes)
        .filter(|m| EVIDENCE_TYPES.contains(m))
        .ok_or_else(not_evidence)?;
    if let Some(claimed) = claimed_type(file_name) {
        if claimed != mime {
            return Err(Error::bad_file(
                "file",
                Reason::EvidenceTypeMismatch {
                    claimed: claimed.into(),
                    found: mime.into(),
                },
            ));
        }
    }
    let whole = match mime {
        "application/pdf" => {
            let tail = &bytes[bytes.len().saturating_sub(1024)..];
            tail.windows(5).any(|w| w == b"%%EOF")
        }
        _ => image::ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .ok()
            .and_then(|r| r.into_dimensions().ok())
            .is_some_and(|(w, h)| w > 0 && h > 0),
    };
    if !whole {
        return Err(not_evidence());
    }
    Ok(mime)
}

pub(super) fn evidence_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Evidence> {
    Ok(Evidence {
        id: r.get(0)?,
        idea_id: r.get(1)?,
        update_id: r.get(2)?,
        file_name: r.get(3)?,
        mime: r.get(4)?,
        size: r.get(5)?,
        sha256: r.get(6)?,
        created_at: r.get(7)?,
    })
}

pub(super) const EVIDENCE_COLUMNS: &str =
    "id, idea_id, update_id, file_name, mime, size, sha256, created_at";

impl Tx<'_> {
    pub(crate) fn evidence_of(&self, idea_id: &str) -> Result<Vec<Evidence>> {
        let mut stmt = self.prepare_cached(&format!(
            "SELECT {EVIDENCE_COLUMNS} FROM followup_evidence
             WHERE idea_id = ?1 AND deleted_at IS NULL ORDER BY created_at, id"
        ))?;
        let rows = stmt.query_map([idea_id], evidence_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// `update_id` is a live progress update of `idea_id`.
    fn require_update_of(&self, idea_id: &str, update_id: &str) -> Result<()> {
        let ok: bool = self.query_row(
            "SELECT count(*) > 0 FROM followup_update
             WHERE id = ?1 AND idea_id = ?2 AND deleted_at IS NULL",
            [update_id, idea_id],
            |r| r.get(0),
        )?;
        if !ok {
            return Err(Error::invalid("updateId", Reason::NotThisIdeas));
        }
        Ok(())
    }
}

impl Store {
    /// Stores an evidence file for an idea, linked to one of its progress updates or to
    /// none. Refused before anything is written: over [`MAX_EVIDENCE_BYTES`], not a
    /// PDF, JPEG or PNG by its bytes, or named as another type than it is.
    pub fn add_evidence(
        &self,
        idea_id: &str,
        update_id: Option<&str>,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<Evidence> {
        let file_name = clean_required("fileName", file_name)?;
        let mime = evidence_type(&file_name, bytes)?;
        let e = Evidence {
            id: uuid::Uuid::now_v7().to_string(),
            idea_id: idea_id.into(),
            update_id: update_id.map(str::to_owned),
            file_name,
            mime: mime.into(),
            size: bytes.len() as u32,
            sha256: sha256_hex(bytes),
            created_at: now_utc(),
        };
        self.write(|tx| {
            let idea = tx.live_idea(idea_id)?;
            if let Some(u) = update_id {
                tx.require_update_of(idea_id, u)?;
            }
            tx.execute(
                "INSERT INTO followup_evidence (id, idea_id, update_id, file_name, mime, size,
                    sha256, bytes, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    e.id,
                    e.idea_id,
                    e.update_id,
                    e.file_name,
                    e.mime,
                    e.size,
                    e.sha256,
                    bytes,
                    e.created_at
                ],
            )?;
            tx.record_followup(
                &idea.lab_id,
                &FOLLOWUP_EVIDENCE,
                &e.id,
                None,
                &fields_of(&e)?,
            )?;
            tx.note_on_idea(
                &idea.lab_id,
                idea_id,
                json!({"evidence": {"id": e.id, "fileName": e.file_name, "sha256": e.sha256}}),
            )?;
            Ok(())
        })?;
        Ok(e)
    }

    /// The evidence files of an idea, oldest first (removed ones left out).
    pub fn list_evidence(&self, idea_id: &str) -> Result<Vec<Evidence>> {
        self.read_followup(|tx| tx.evidence_of(idea_id))
    }

    /// An evidence file's bytes.
    pub fn evidence_bytes(&self, id: &str) -> Result<Vec<u8>> {
        self.conn()
            .query_row(
                "SELECT bytes FROM followup_evidence WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("evidence", id))
    }

    /// Removes an evidence file (kept in the database until its idea is purged, like a
    /// photo; a removal merges as the earliest one).
    pub fn remove_evidence(&self, id: &str) -> Result<()> {
        self.write(|tx| {
            let row: Option<(String, String)> = tx
                .query_row(
                    "SELECT e.idea_id, i.lab_id FROM followup_evidence e
                     JOIN idea i ON i.id = e.idea_id WHERE e.id = ?1 AND e.deleted_at IS NULL",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let (idea_id, lab_id) = row.ok_or_else(|| Error::not_found("evidence", id))?;
            tx.execute(
                "UPDATE followup_evidence SET deleted_at = ?2 WHERE id = ?1",
                params![id, now_utc()],
            )?;
            tx.note_on_idea(&lab_id, &idea_id, json!({"evidenceRemoved": id}))
        })
    }
}
