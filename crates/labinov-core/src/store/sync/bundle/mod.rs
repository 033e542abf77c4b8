//! Bundles: one lab as a file another laptop can import (`<lab>.labinov`).
//!
//! # Format (bundle_format "1")
//!
//! A bundle is an ordinary SQLite database file with Labinov's schema at the exporter's
//! schema version (`PRAGMA user_version`), in rollback-journal mode (one file, no `-wal`),
//! holding exactly one lab:
//!
//! - every table as in the app's own database, with only that lab's rows: the lab, its
//!   agencies, people, agenda, option lists, ideas (live, in the trash and merged), photos
//!   (`attachment`, the bytes and thumbnails as BLOBs, so they travel inside), notes,
//!   rubric, reviews and scores, voting rounds and tallies, and the lab's change log
//!   (`change_log`, the history of every record with the installation that wrote it);
//! - the search index (`idea_search`, `idea_search_key`) of those ideas only;
//! - no per-laptop state: no drafts, no projector state, no pitch queue or timer, no room
//!   state (phones' sessions, proposals, questions, ballot marks), and
//!   neither `last_lab_id` nor this laptop's own `installation_id` in `meta`;
//! - in `meta`: `bundle_format` = `"1"`, `bundle_lab_id`, `bundle_installation_id` (the
//!   exporting laptop's installation id), `bundle_created_at` (UTC RFC 3339),
//!   `bundle_schema_version` (same as `user_version`).
//!
//! # How it is made
//!
//! 1. `VACUUM INTO` a file in the system temp folder: SQLite writes a consistent snapshot
//!    of the live database as of one read transaction (never a copy of the live file,
//!    whose WAL may hold the latest commits). The live database is only read, by a
//!    read-only connection of its own ([`Store::vacuum_into`]): saves go on meanwhile.
//! 2. In that copy, one transaction deletes every other lab (foreign keys cascade to their
//!    rows; the change log's append-only triggers are dropped for the deletion and put
//!    back), the per-laptop rows and meta keys, and writes the bundle meta keys; then
//!    `PRAGMA foreign_key_check` must be empty.
//! 3. `VACUUM` compacts it (other labs' pages are gone from the file, not just unlinked),
//!    `PRAGMA quick_check` must say `ok`.
//! 4. The finished file is copied to its destination by the export's safe writing
//!    (temporary name, fsync, rename, folder sync, read back and compare SHA-256).
//!
//! Reading a bundle is the importer's business: it is untrusted input from another laptop
//! and must be opened read-only with SQLite's defensive settings.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection};

use crate::error::{Error, Result};
use crate::safe_write;
use crate::store::Store;
use crate::time::now_utc;

/// The value of `meta.bundle_format` this build writes.
mod open;

pub use open::MAX_BUNDLE_BYTES;
pub(crate) use open::*;

pub const BUNDLE_FORMAT: &str = "1";
/// A bundle's file extension (without the dot).
pub const BUNDLE_EXTENSION: &str = "labinov";

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleInfo {
    pub path: PathBuf,
    pub lab_id: String,
    pub installation_id: String,
    pub created_at: String,
    pub schema_version: i64,
    pub ideas: u32,
    pub attachments: u32,
    pub size: u64,
    /// SHA-256 of the file, verified by reading it back from the destination.
    pub sha256: String,
}

/// A bundle made in the temp folder, removed when dropped.
pub struct StagedBundle {
    dir: PathBuf,
    /// The bundle file, in its own temp folder.
    pub file: PathBuf,
    pub info: BundleInfo,
}

impl Drop for StagedBundle {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Tables whose rows belong to one laptop's session, not to the lab.
/// The room's tables (`store/room/`) are such state too: what phones sent is moderated on
/// this laptop, and only what the facilitator accepted (ideas, notes, photos, tallies)
/// travels, as lab data. The merge reads none of them from a bundle.
const PER_LAPTOP_TABLES: &[&str] = &[
    "draft",
    "show_state",
    "pitch_slot",
    "pitch_timer",
    "room_plus_one",
    "room_ballot",
    "room_question",
    "room_proposal",
    "room_session",
    "room_opening",
];

impl Store {
    /// Writes the lab `lab_id` as a bundle at `dest` (by the rules in the module docs).
    pub fn write_bundle(&self, lab_id: &str, dest: &Path) -> Result<BundleInfo> {
        let staged = self.stage_bundle(lab_id)?;
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let name = dest
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| Error::internal("dest", "the bundle's path has no file name"))?;
        let written = safe_write::copy_file(dir, name, &staged.file)?;
        let mut info = staged.info.clone();
        info.path = written.path;
        info.size = written.size;
        info.sha256 = written.sha256;
        Ok(info)
    }

    /// Makes the bundle of `lab_id` in a fresh folder under the system temp folder.
    pub fn stage_bundle(&self, lab_id: &str) -> Result<StagedBundle> {
        self.get_lab(lab_id)?;
        let dir = std::env::temp_dir().join(format!("labinov-bundle-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir)?;
        let mut staged = StagedBundle {
            file: dir.join(format!("bundle.{BUNDLE_EXTENSION}")),
            dir,
            info: BundleInfo {
                path: PathBuf::new(),
                lab_id: lab_id.to_owned(),
                installation_id: self.installation_id.clone(),
                created_at: now_utc(),
                schema_version: 0,
                ideas: 0,
                attachments: 0,
                size: 0,
                sha256: String::new(),
            },
        };
        let target = staged
            .file
            .to_str()
            .ok_or_else(|| Error::internal("dest", "the temp folder's path is not UTF-8"))?
            .to_owned();
        // 1. A consistent snapshot, read from the live database.
        self.vacuum_into(&target)?;
        // 2. and 3. Trim it to the lab and compact it.
        let mut copy = Connection::open(&staged.file)?;
        trim_to_lab(&mut copy, &staged.info)?;
        let (version, ideas, attachments) = copy.query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT count(*) FROM idea), (SELECT count(*) FROM attachment)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        staged.info.schema_version = version;
        staged.info.ideas = ideas;
        staged.info.attachments = attachments;
        copy.close().map_err(|(_, e)| e)?;
        Ok(staged)
    }
}

fn trim_to_lab(copy: &mut Connection, info: &BundleInfo) -> Result<()> {
    let lab_id = info.lab_id.as_str();
    copy.execute_batch("PRAGMA foreign_keys = ON;")?;
    let mode: String = copy.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(Error::internal(
            "bundle",
            format!("could not take the bundle out of WAL mode (got {mode})"),
        ));
    }
    let tx = copy.transaction()?;
    let triggers: Vec<(String, String)> = {
        let mut stmt = tx.prepare(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'change_log'",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (name, _) in &triggers {
        tx.execute_batch(&format!("DROP TRIGGER \"{}\"", name.replace('"', "\"\"")))?;
    }
    tx.execute("DELETE FROM lab WHERE id <> ?1", [lab_id])?;
    tx.execute(
        "DELETE FROM change_log WHERE lab_id IS NULL OR lab_id <> ?1",
        [lab_id],
    )?;
    tx.execute("DELETE FROM idea_search WHERE lab_id <> ?1", [lab_id])?;
    for table in ["field_clock", "tombstone", "merge_conflict"] {
        tx.execute(&format!("DELETE FROM {table} WHERE lab_id <> ?1"), [lab_id])?;
    }
    tx.execute(
        "DELETE FROM idea_search_key WHERE idea_id NOT IN (SELECT id FROM idea)",
        [],
    )?;
    for table in PER_LAPTOP_TABLES {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    for (_, sql) in &triggers {
        tx.execute_batch(sql)?;
    }
    tx.execute(
        "DELETE FROM meta WHERE key IN ('last_lab_id', 'installation_id')
         OR key LIKE 'bundle\\_%' ESCAPE '\\' OR key LIKE 'merged\\_bundle:%' ESCAPE '\\'",
        [],
    )?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (key, value) in [
        ("bundle_format", BUNDLE_FORMAT.to_owned()),
        ("bundle_lab_id", lab_id.to_owned()),
        ("bundle_installation_id", info.installation_id.clone()),
        ("bundle_created_at", info.created_at.clone()),
        ("bundle_schema_version", version.to_string()),
    ] {
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
            params![key, value],
        )?;
    }
    let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
        r.get(0)
    })?;
    if broken > 0 {
        return Err(Error::internal(
            "bundle",
            format!("{broken} rows of the lab refer to rows outside it"),
        ));
    }
    tx.commit()?;
    copy.execute_batch("INSERT INTO idea_search (idea_search) VALUES ('optimize'); VACUUM;")?;
    let check: String = copy.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::internal(
            "bundle",
            format!("the bundle failed SQLite's check: {check}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IdeaInput, NewLab};

    fn lab(store: &Store, name: &str) -> (String, String) {
        let lab = store
            .create_lab(NewLab {
                name: name.into(),
                start_date: "2026-11-02".into(),
                days: 3,
                idea_target: 10,
                ..Default::default()
            })
            .unwrap();
        let agency = store
            .add_agency(
                &lab.id,
                crate::model::NewAgency {
                    code: "DISKOMINFO".into(),
                    name: "Dinas Komunikasi dan Informatika".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        (lab.id, agency.id)
    }

    #[test]
    fn a_bundle_holds_one_lab_its_photos_and_history_and_no_laptop_state() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("lab.db")).unwrap();
        let (keep, agency) = lab(&store, "Labinov Cilegon");
        let (other, other_agency) = lab(&store, "Labinov lain");
        let idea = store
            .add_idea(
                &keep,
                IdeaInput {
                    agency_id: agency.clone(),
                    title: "Layanan antar dokumen".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        store
            .add_idea(
                &other,
                IdeaInput {
                    agency_id: other_agency,
                    title: "Rahasia lab lain".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        let png = {
            let mut out = std::io::Cursor::new(Vec::new());
            image::RgbImage::new(4, 4)
                .write_to(&mut out, image::ImageFormat::Png)
                .unwrap();
            out.into_inner()
        };
        store.add_attachment(&idea.id, "papan.png", &png).unwrap();
        store
            .save_draft(
                &uuid::Uuid::now_v7().to_string(),
                &keep,
                None,
                serde_json::json!({"title": "setengah"}),
            )
            .unwrap();

        let dest = dir.path().join("out").join("cilegon.labinov");
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        let info = store.write_bundle(&keep, &dest).unwrap();
        assert_eq!(info.ideas, 1);
        assert_eq!(info.attachments, 1);
        assert_eq!(info.schema_version, crate::SCHEMA_VERSION);
        assert_eq!(
            safe_write::sha256_file(&dest).unwrap(),
            (info.size, info.sha256.clone())
        );

        let b =
            Connection::open_with_flags(&dest, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let meta = |k: &str| -> Option<String> {
            b.query_row("SELECT value FROM meta WHERE key = ?1", [k], |r| r.get(0))
                .ok()
        };
        assert_eq!(meta("bundle_format").as_deref(), Some("1"));
        assert_eq!(meta("bundle_lab_id").as_deref(), Some(keep.as_str()));
        assert_eq!(
            meta("bundle_installation_id").as_deref(),
            Some(store.installation_id())
        );
        assert_eq!(
            meta("bundle_schema_version"),
            Some(crate::SCHEMA_VERSION.to_string())
        );
        assert!(meta("bundle_created_at").is_some());
        assert_eq!(
            meta("installation_id"),
            None,
            "the laptop's own id stays home"
        );
        let count = |sql: &str| -> i64 { b.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(count("SELECT count(*) FROM lab"), 1);
        assert_eq!(count("SELECT count(*) FROM draft"), 0);
        assert_eq!(
            count("SELECT count(*) FROM idea WHERE title LIKE 'Rahasia%'"),
            0
        );
        assert_eq!(
            count("SELECT count(*) FROM change_log WHERE lab_id <> (SELECT id FROM lab)"),
            0
        );
        assert!(
            count("SELECT count(*) FROM change_log") >= 2,
            "history travels"
        );
        assert_eq!(count("SELECT count(*) FROM idea_search"), 1);
        let bytes: Vec<u8> = b
            .query_row("SELECT bytes FROM attachment", [], |r| r.get(0))
            .unwrap();
        assert_eq!(bytes, png, "the photo travels inside, byte for byte");
        let journal: String = b
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(journal, "delete", "one file, no WAL");
        // The change log is still append-only in the bundle.
        drop(b);
        let w = Connection::open(&dest).unwrap();
        assert!(w.execute("DELETE FROM change_log", []).is_err());
        // The secret words of the other lab are not even in the file's free pages.
        let raw = std::fs::read(&dest).unwrap();
        assert!(!raw.windows(7).any(|w| w == b"Rahasia"));
        // And the live database is as it was.
        assert_eq!(store.list_labs().unwrap().len(), 2);
        assert_eq!(store.list_drafts(&keep).unwrap().len(), 1);
    }

    #[test]
    fn an_unknown_lab_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("lab.db")).unwrap();
        let dest = dir.path().join("x.labinov");
        let err = store.write_bundle("no-such-lab", &dest).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::NotFound);
        assert!(!dest.exists());
    }
}
