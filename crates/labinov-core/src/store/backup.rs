//! Rolling backups: snapshots of the whole database in a `backups/` folder beside it.
//!
//! Rules:
//! - A snapshot is `VACUUM INTO` a temporary name in that folder (a consistent copy as of
//!   one read transaction, never a copy of the live file and its WAL), fsynced, renamed to
//!   its final name and the folder fsynced: a snapshot either exists whole or not at all.
//!   The copy is made by a read-only connection of its own ([`Store::vacuum_into`]), so
//!   saves typed while it runs do not wait for it.
//! - Names are `labinov-<UTC time>-<seq>.db`, `seq` being the last change-log entry it
//!   holds. `snapshot_if_changed` takes one only when the change log moved past the
//!   newest snapshot's `seq` (drafts and projector state do not count); the shell calls it
//!   every few minutes and at exit.
//! - The newest `keep` snapshots are kept (default [`DEFAULT_KEEP`]); older ones deleted.
//! - Restoring first snapshots the current state (so a restore can itself be undone),
//!   checks the backup (`quick_check`, schema not newer), then copies its pages into the
//!   live database with SQLite's online backup API, through the store's own connection:
//!   the connection stays valid, no file is swapped under it. Migrations then bring an
//!   older backup up to date, and this laptop's clock (`meta.hlc`) is kept, so clocks
//!   never go back.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::Store;
use crate::error::{Error, Reason, Result};

fn damaged(detail: impl Into<String>) -> Error {
    Error::bad_file(
        "backup",
        Reason::BackupDamaged {
            detail: detail.into(),
        },
    )
}
use crate::model::BackupInfo;

/// How many snapshots are kept unless told otherwise.
pub const DEFAULT_KEEP: usize = 20;

const PREFIX: &str = "labinov-";
const SUFFIX: &str = ".db";

fn parse_name(name: &str) -> Option<(String, i64)> {
    let stem = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (time, seq) = stem.rsplit_once('-')?;
    let seq: i64 = seq.parse().ok()?;
    let t = chrono::NaiveDateTime::parse_from_str(time, "%Y%m%dT%H%M%S%.3fZ").ok()?;
    Some((t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(), seq))
}

fn sync_dir(dir: &Path) {
    // Directory fsync makes the rename durable; not every platform can open a folder.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

impl Store {
    /// The folder the snapshots go to: `backups/` beside the database.
    pub fn backups_dir(&self) -> PathBuf {
        self.path
            .parent()
            .unwrap_or_else(|| Path::new("."))
            .join("backups")
    }

    /// The snapshots, newest first.
    pub fn list_backups(&self) -> Result<Vec<BackupInfo>> {
        let dir = self.backups_dir();
        let mut out = Vec::new();
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(e.into()),
        };
        for e in entries {
            let e = e?;
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some((taken_at, _)) = parse_name(&name) {
                out.push(BackupInfo {
                    name,
                    taken_at,
                    size: e.metadata()?.len(),
                });
            }
        }
        out.sort_by(|a, b| b.name.cmp(&a.name));
        Ok(out)
    }

    fn last_seq(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT coalesce(max(seq), 0) FROM change_log", [], |r| {
                r.get(0)
            })?)
    }

    /// Takes a snapshot if the lab data changed since the newest one; keeps `keep`.
    pub fn snapshot_if_changed(&self, keep: usize) -> Result<Option<BackupInfo>> {
        let seq = self.last_seq()?;
        let newest = self
            .list_backups()?
            .first()
            .and_then(|b| parse_name(&b.name))
            .map(|(_, s)| s);
        if newest.is_some_and(|n| n >= seq) {
            return Ok(None);
        }
        self.snapshot(keep).map(Some)
    }

    /// Takes a snapshot now (rules in the module docs); keeps the newest `keep`.
    pub fn snapshot(&self, keep: usize) -> Result<BackupInfo> {
        let dir = self.backups_dir();
        std::fs::create_dir_all(&dir)?;
        let seq = self.last_seq()?;
        let now = chrono::Utc::now();
        let mut name = format!("{PREFIX}{}-{seq}{SUFFIX}", now.format("%Y%m%dT%H%M%S%.3fZ"));
        if dir.join(&name).exists() {
            // Two snapshots in one millisecond: wait for the next.
            std::thread::sleep(std::time::Duration::from_millis(2));
            let now = chrono::Utc::now();
            name = format!("{PREFIX}{}-{seq}{SUFFIX}", now.format("%Y%m%dT%H%M%S%.3fZ"));
        }
        let tmp = dir.join(format!(".{name}.{}.tmp", uuid::Uuid::now_v7()));
        let tmp_s = tmp
            .to_str()
            .ok_or_else(|| Error::internal("backups", "the backups folder's path is not UTF-8"))?
            .to_owned();
        let made = (|| -> Result<()> {
            self.vacuum_into(&tmp_s)?;
            std::fs::File::open(&tmp)?.sync_all()?;
            std::fs::rename(&tmp, dir.join(&name))?;
            sync_dir(&dir);
            Ok(())
        })();
        if let Err(e) = made {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        for old in self.list_backups()?.into_iter().skip(keep.max(1)) {
            let _ = std::fs::remove_file(dir.join(&old.name));
        }
        let size = std::fs::metadata(dir.join(&name))?.len();
        let taken_at = parse_name(&name).map(|(t, _)| t).unwrap_or_default();
        Ok(BackupInfo {
            name,
            taken_at,
            size,
        })
    }

    /// Replaces the database's content with the snapshot `name` (rules in the module
    /// docs). Returns the snapshot of the state before, taken first.
    pub fn restore_backup(&self, name: &str, keep: usize) -> Result<BackupInfo> {
        if parse_name(name).is_none() || name.contains(['/', '\\']) {
            return Err(Error::invalid("name", Reason::NotABackup));
        }
        let path = self.backups_dir().join(name);
        if !path.is_file() {
            return Err(Error::not_found("backup", name));
        }
        let src = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let check: String = src
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| damaged(e.to_string()))?;
        if check != "ok" {
            return Err(damaged(check));
        }
        let version: i64 = src.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > super::SCHEMA_VERSION {
            return Err(Error::NewerSchema {
                found: version,
                supported: super::SCHEMA_VERSION,
            });
        }
        let before = self.snapshot(keep.max(2))?;
        let mut conn = self.conn();
        let hlc: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'hlc'", [], |r| r.get(0))
            .ok();
        {
            let backup = rusqlite::backup::Backup::new(&src, &mut conn)?;
            backup.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
        }
        super::migrate(&mut conn)?;
        if let Some(h) = hlc {
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('hlc', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = CAST(max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)",
                [h],
            )?;
        }
        Ok(before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IdeaInput, IdeaPatch, NewLab};

    #[test]
    fn snapshot_change_restore_brings_the_content_back_and_keeps_the_store_usable() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("labinov.db")).unwrap();
        assert!(store.list_backups().unwrap().is_empty());
        let (lab, agency) = crate::store::test_support::lab_with_agency(&store);
        let idea = store
            .add_idea(
                &lab.id,
                IdeaInput {
                    agency_id: agency.id.clone(),
                    title: "Posyandu keliling".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        let first = store.snapshot_if_changed(DEFAULT_KEEP).unwrap().unwrap();
        assert!(
            store.snapshot_if_changed(DEFAULT_KEEP).unwrap().is_none(),
            "nothing changed: no new snapshot"
        );
        assert_eq!(store.list_backups().unwrap(), vec![first.clone()]);
        assert!(first.size > 0);

        // Change things after the snapshot.
        store
            .update_idea(&idea.id, IdeaPatch::new().set("title", "Judul yang salah"))
            .unwrap();
        store.delete_idea(&idea.id).unwrap();
        let hlc_before: i64 = store.write(|tx| tx.last_hlc()).unwrap();

        let undo = store.restore_backup(&first.name, DEFAULT_KEEP).unwrap();
        assert_ne!(undo.name, first.name);
        let back = store.get_idea(&idea.id).unwrap();
        assert_eq!(back.fields.title, "Posyandu keliling");
        assert!(back.deleted_at.is_none());
        assert_eq!(store.integrity_check().unwrap(), "ok");
        // The store keeps working on the same connection, and clocks did not go back.
        assert!(store.write(|tx| tx.last_hlc()).unwrap() >= hlc_before);
        store
            .update_idea(
                &idea.id,
                IdeaPatch::new().set("problem", "Balita jauh dari posyandu"),
            )
            .unwrap();
        // The state before the restore is itself a backup: restoring it undoes the restore.
        store.restore_backup(&undo.name, DEFAULT_KEEP).unwrap();
        let undone = store.get_idea(&idea.id).unwrap();
        assert_eq!(undone.fields.title, "Judul yang salah");
        assert!(undone.deleted_at.is_some());
        // A reopened store sees the same.
        drop(store);
        let again = Store::open(dir.path().join("labinov.db")).unwrap();
        assert_eq!(
            again.get_idea(&idea.id).unwrap().fields.title,
            "Judul yang salah"
        );
    }

    /// The copy a running snapshot is writing: its temporary file in the backups folder.
    fn snapshot_in_progress(dir: &Path) -> Option<PathBuf> {
        std::fs::read_dir(dir).ok()?.find_map(|e| {
            let path = e.ok()?.path();
            let name = path.file_name()?.to_str()?;
            (name.starts_with('.') && name.ends_with(".tmp")).then_some(path)
        })
    }

    /// Issue 12: a save typed while the rolling backup copies a big lab does not wait for
    /// the copy. Decided by ordering, not by a clock: the save starts once the copy's
    /// temporary file exists, and when it returns the copy must still be unfinished (its
    /// file shorter than the finished backup) and `snapshot` must not have returned. When
    /// the old single connection held the copy, the save could only start once the copy was
    /// whole. Should a machine copy 10,000 ideas faster than it saves one, the lab doubles
    /// and the race runs again.
    #[test]
    fn a_save_during_a_backup_does_not_wait_for_the_copy() {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::time::{Duration, Instant};

        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("labinov.db")).unwrap();
        let (lab, agency) = crate::store::test_support::lab_with_agency(&store);
        let idea = |i: usize| IdeaInput {
            agency_id: agency.id.clone(),
            title: format!("Layanan kesehatan keliling nomor {i}"),
            problem: "Warga antre lama di puskesmas untuk layanan dasar.".into(),
            description: format!(
                "Satu loket terpadu, pendaftaran daring, pengingat jadwal lewat pesan singkat, \
                 dan kunjungan rumah bagi lansia di kelurahan nomor {i}."
            ),
            ..Default::default()
        };
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let backups = store.backups_dir();
        let mut ideas = 0;
        let mut target = 10_000;
        for round in 1..=3 {
            let t = Instant::now();
            while ideas < target {
                let batch = (ideas..target.min(ideas + 5_000)).map(idea).collect();
                ideas += store.add_ideas(&lab.id, batch).unwrap().len();
            }
            println!(
                "round {round}: {ideas} ideas in the lab ({:.1} s to add)",
                t.elapsed().as_secs_f64()
            );
            // A save with no backup running, for comparison.
            let mut quiet = Vec::new();
            for _ in 0..20 {
                let t = Instant::now();
                store.add_idea(&lab.id, idea(ideas)).unwrap();
                quiet.push(t.elapsed());
                ideas += 1;
            }
            quiet.sort();

            let finished = AtomicBool::new(false);
            let (copying_at_save, backup, mut during) = std::thread::scope(|s| {
                let backup = s.spawn(|| {
                    let t = Instant::now();
                    let b = store.snapshot(DEFAULT_KEEP).unwrap();
                    finished.store(true, Ordering::SeqCst);
                    (b, t.elapsed())
                });
                // The save starts only once the copy does.
                let tmp = loop {
                    if let Some(tmp) = snapshot_in_progress(&backups) {
                        break Some(tmp);
                    }
                    if backup.is_finished() {
                        break None;
                    }
                    std::thread::sleep(Duration::from_micros(200));
                };
                let t = Instant::now();
                store.add_idea(&lab.id, idea(ideas)).unwrap();
                let mut during = vec![t.elapsed()];
                let returned_before_save = finished.load(Ordering::SeqCst);
                let copied = tmp
                    .and_then(|tmp| std::fs::metadata(tmp).ok())
                    .map(|m| m.len());
                ideas += 1;
                // More saves while the backup runs, for the latency figure.
                while !backup.is_finished() {
                    let t = Instant::now();
                    store.add_idea(&lab.id, idea(ideas)).unwrap();
                    during.push(t.elapsed());
                    ideas += 1;
                }
                let (b, took) = backup.join().unwrap();
                println!(
                    "round {round}: the backup took {:.1} ms; when the first save returned, \
                     its copy held {copied:?} of {} bytes (None: renamed, done) and \
                     `snapshot` had {}returned",
                    ms(took),
                    b.size,
                    if returned_before_save { "" } else { "not " }
                );
                let copying = !returned_before_save && copied.is_some_and(|c| c < b.size);
                (copying, b, during)
            });
            let first = during[0];
            during.sort();
            println!(
                "round {round}: save latency without a backup: p50 {:.2} ms, max {:.2} ms \
                 ({} saves); during the backup: the first save {:.2} ms, all {} saves p50 \
                 {:.2} ms, max {:.2} ms",
                ms(quiet[quiet.len() / 2]),
                ms(quiet[quiet.len() - 1]),
                quiet.len(),
                ms(first),
                during.len(),
                ms(during[during.len() / 2]),
                ms(during[during.len() - 1]),
            );
            // The backup is whole and usable, and the live database is fine.
            let check: String = Connection::open_with_flags(
                backups.join(&backup.name),
                OpenFlags::SQLITE_OPEN_READ_ONLY,
            )
            .unwrap()
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .unwrap();
            assert_eq!(check, "ok");
            assert_eq!(store.integrity_check().unwrap(), "ok");
            if copying_at_save {
                return;
            }
            target = ideas * 2;
        }
        panic!(
            "the save never returned while the backup was still copying: \
             saves wait for backups"
        );
    }

    #[test]
    fn only_the_newest_are_kept_and_bad_names_or_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("labinov.db")).unwrap();
        for i in 0..5 {
            store
                .create_lab(NewLab {
                    name: format!("Lab {i}"),
                    start_date: "2026-11-02".into(),
                    days: 1,
                    idea_target: 1,
                    ..Default::default()
                })
                .unwrap();
            store.snapshot_if_changed(3).unwrap().unwrap();
        }
        let list = store.list_backups().unwrap();
        assert_eq!(list.len(), 3);
        assert!(
            list.windows(2).all(|w| w[0].name > w[1].name),
            "newest first"
        );
        let err = store.restore_backup("../labinov.db", 3).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::InvalidInput);
        let err = store
            .restore_backup("labinov-20260101T000000.000Z-1.db", 3)
            .unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::NotFound);
        // A damaged backup is refused and the database stays as it is.
        let victim = store.backups_dir().join(&list[0].name);
        let mut bytes = std::fs::read(&victim).unwrap();
        let n = bytes.len();
        for b in bytes[n / 2..].iter_mut() {
            *b = 0xff;
        }
        std::fs::write(&victim, bytes).unwrap();
        assert!(store.restore_backup(&list[0].name, 3).is_err());
        assert_eq!(store.list_labs().unwrap().len(), 5);
        assert_eq!(store.integrity_check().unwrap(), "ok");
    }
}
