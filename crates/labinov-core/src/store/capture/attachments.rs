//! Photos attached to ideas. The bytes and a small thumbnail live in the database, so a
//! snapshot or an export bundle carries the whole lab.

use std::io::Cursor;

use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::error::{Error, Reason, Result};
use crate::model::Entity;

fn unreadable(detail: String) -> Error {
    Error::bad_file("file", Reason::PhotoUnreadable { detail })
}
use crate::model::{Attachment, ChangeOp};
use crate::store::changes::Changes;
use crate::store::{Store, Tx};
use crate::time::now_utc;
use crate::validate::clean_required;

/// Largest photo accepted: a phone photo is 2 to 6 MB.
pub const MAX_ATTACHMENT_BYTES: usize = 15 << 20;
/// Longest side of a thumbnail, in pixels.
pub const THUMBNAIL_SIZE: u32 = 320;

/// The types a photo may have.
pub(crate) const PHOTO_TYPES: &[&str] = &["image/jpeg", "image/png", "image/webp", "image/gif"];

/// A stored file's type by its first bytes; what the file name says does not matter.
/// Photos and evidence files (`store/followup/evidence.rs`) each accept some of these.
pub(crate) fn sniff_mime(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// Hex SHA-256 of a stored file's bytes.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A stored file as a bundle brings it (photo or evidence): of one of `types`, at most
/// `max` bytes, its size and SHA-256 those of its bytes. The detail of a failure is
/// English, for [`crate::Reason::BundleInvalid`].
pub(crate) fn check_stored_file(
    what: &str,
    types: &[&str],
    max: usize,
    mime: Option<&str>,
    size: &rusqlite::types::Value,
    sha256: Option<&str>,
    bytes: &[u8],
) -> std::result::Result<(), String> {
    if !mime.is_some_and(|m| types.contains(&m)) {
        return Err(format!("a {what} of a type Labinov does not store"));
    }
    if bytes.len() > max || *size != rusqlite::types::Value::Integer(bytes.len() as i64) {
        return Err(format!("a {what}'s size is wrong or over the limit"));
    }
    if sha256 != Some(sha256_hex(bytes).as_str()) {
        return Err(format!("a {what}'s bytes do not match its SHA-256"));
    }
    Ok(())
}

/// A JPEG thumbnail no larger than [`THUMBNAIL_SIZE`] on its longest side.
fn thumbnail(bytes: &[u8]) -> Result<Vec<u8>> {
    let img = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()?
        .decode()
        .map_err(|e| unreadable(e.to_string()))?;
    let thumb = img.thumbnail(THUMBNAIL_SIZE, THUMBNAIL_SIZE).into_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&thumb)
        .map_err(|e| unreadable(format!("no thumbnail could be made: {e}")))?;
    Ok(out)
}

fn attachment_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Attachment> {
    Ok(Attachment {
        id: r.get(0)?,
        idea_id: r.get(1)?,
        file_name: r.get(2)?,
        mime: r.get(3)?,
        size: r.get(4)?,
        sha256: r.get(5)?,
        created_at: r.get(6)?,
    })
}

/// A photo that passed the checks, with its thumbnail and hash, ready to be stored.
pub(crate) struct CheckedPhoto<'b> {
    pub(crate) file_name: String,
    pub(crate) mime: &'static str,
    pub(crate) bytes: &'b [u8],
    pub(crate) thumbnail: Vec<u8>,
    pub(crate) sha256: String,
}

/// Checks a photo before anything is written: a name, at most [`MAX_ATTACHMENT_BYTES`]
/// (`invalid_input`), a JPEG, PNG, WebP or GIF by its bytes (`bad_file`, "not a photo"),
/// decodable; and makes its thumbnail. Every way a photo enters goes through here.
pub(crate) fn check_photo<'b>(file_name: &str, bytes: &'b [u8]) -> Result<CheckedPhoto<'b>> {
    let file_name = clean_required("fileName", file_name)?;
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(Error::invalid(
            "file",
            Reason::PhotoTooLarge {
                size_bytes: bytes.len() as u64,
                max_bytes: MAX_ATTACHMENT_BYTES as u64,
            },
        ));
    }
    // A PDF is a stored file type too (evidence), but never a photo.
    let mime = sniff_mime(bytes)
        .filter(|m| PHOTO_TYPES.contains(m))
        .ok_or_else(|| Error::bad_file("file", Reason::NotAPhoto))?;
    let thumbnail = thumbnail(bytes)?;
    let sha256 = sha256_hex(bytes);
    Ok(CheckedPhoto {
        file_name,
        mime,
        bytes,
        thumbnail,
        sha256,
    })
}

impl Tx<'_> {
    /// Stores a checked photo on an idea and records it in the idea's history.
    pub(crate) fn attach_photo(&self, idea_id: &str, p: &CheckedPhoto<'_>) -> Result<Attachment> {
        let idea = self.get_idea(idea_id)?;
        let a = Attachment {
            id: uuid::Uuid::now_v7().to_string(),
            idea_id: idea_id.into(),
            file_name: p.file_name.clone(),
            mime: p.mime.into(),
            size: p.bytes.len() as u32,
            sha256: p.sha256.clone(),
            created_at: now_utc(),
        };
        self.execute(
            "INSERT INTO attachment (id, idea_id, file_name, mime, size, sha256, bytes, thumbnail, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![a.id, a.idea_id, a.file_name, a.mime, a.size, a.sha256, p.bytes, p.thumbnail, a.created_at],
        )?;
        let mut c = Changes::default();
        c.set("attachment", serde_json::to_value(&a)?);
        self.record(
            Some(&idea.lab_id),
            Entity::Idea,
            idea_id,
            ChangeOp::Update,
            c,
        )?;
        Ok(a)
    }
}

impl Store {
    /// Attaches a photo to an idea. Refuses anything that is not a JPEG, PNG, WebP or
    /// GIF image (`bad_file`, which the UI tells apart as "not a photo"), and anything
    /// over [`MAX_ATTACHMENT_BYTES`] (`invalid_input`), before writing.
    pub fn add_attachment(
        &self,
        idea_id: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<Attachment> {
        let photo = check_photo(file_name, bytes)?;
        self.write(|tx| tx.attach_photo(idea_id, &photo))
    }

    /// The photos of an idea, oldest first (removed ones left out).
    pub fn list_attachments(&self, idea_id: &str) -> Result<Vec<Attachment>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT id, idea_id, file_name, mime, size, sha256, created_at FROM attachment
             WHERE idea_id = ?1 AND deleted_at IS NULL ORDER BY created_at, id",
        )?;
        let rows = stmt.query_map([idea_id], attachment_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A photo's thumbnail (JPEG) or, with `full`, the photo itself.
    pub fn attachment_bytes(&self, id: &str, full: bool) -> Result<Vec<u8>> {
        let sql = if full {
            "SELECT bytes FROM attachment WHERE id = ?1"
        } else {
            "SELECT thumbnail FROM attachment WHERE id = ?1"
        };
        self.conn()
            .query_row(sql, [id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found("attachment", id))
    }

    /// Removes a photo from its idea (kept in the database until the idea is purged).
    pub fn remove_attachment(&self, id: &str) -> Result<()> {
        self.write(|tx| {
            let row: Option<(String, String)> = tx
                .query_row(
                    "SELECT a.idea_id, i.lab_id FROM attachment a JOIN idea i ON i.id = a.idea_id
                     WHERE a.id = ?1 AND a.deleted_at IS NULL",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let (idea_id, lab_id) = row.ok_or_else(|| Error::not_found("attachment", id))?;
            tx.execute(
                "UPDATE attachment SET deleted_at = ?2 WHERE id = ?1",
                params![id, now_utc()],
            )?;
            let mut c = Changes::default();
            c.diff_value("attachment", id.into(), serde_json::Value::Null);
            tx.record(Some(&lab_id), Entity::Idea, &idea_id, ChangeOp::Update, c)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 200])
        });
        let mut out = Vec::new();
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn photos_get_thumbnails_and_limits_are_explained() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("lab.db")).unwrap();
        let lab = crate::demo::create_demo_lab(&store).unwrap();
        let idea = store.list_ideas(&lab.id).unwrap().remove(0);

        let photo = png(1600, 1200);
        let a = store
            .add_attachment(&idea.id, "flipchart.png", &photo)
            .unwrap();
        assert_eq!(a.mime, "image/png");
        assert_eq!(store.attachment_bytes(&a.id, true).unwrap(), photo);
        let thumb = store.attachment_bytes(&a.id, false).unwrap();
        let t = image::load_from_memory(&thumb).unwrap();
        assert_eq!((t.width(), t.height()), (320, 240));
        assert_eq!(
            store.list_attachments(&idea.id).unwrap(),
            std::slice::from_ref(&a)
        );

        let err = store
            .add_attachment(&idea.id, "catatan.pdf", b"%PDF-1.4 ...")
            .unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (ErrorCode::BadFile, Some("file")),
            "the UI shows its \"not a photo\" text for bad_file"
        );
        let big = vec![0xFFu8; MAX_ATTACHMENT_BYTES + 1];
        assert!(store
            .add_attachment(&idea.id, "besar.jpg", &big)
            .unwrap_err()
            .to_string()
            .contains("limit is 15 MB"));
        let broken = [&[0xFF, 0xD8, 0xFF][..], &[0u8; 100][..]].concat();
        let err = store
            .add_attachment(&idea.id, "rusak.jpg", &broken)
            .unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (ErrorCode::BadFile, Some("file"))
        );

        store.remove_attachment(&a.id).unwrap();
        assert!(store.list_attachments(&idea.id).unwrap().is_empty());
        assert_eq!(
            store.history(&idea.id).unwrap().len(),
            3,
            "create, attach, remove"
        );
    }
}
