//! An export folder on a drive, written by the rules in the crate docs: the folder gets
//! its final name when it is made; every file is staged (temporary name, synced, read
//! back and compared); only when all are staged is `SHA256SUMS` staged and are the files
//! renamed, `SHA256SUMS` last. A folder dropped before [`ExportFolder::finish`] is
//! removed with its temporaries.

use std::path::{Path, PathBuf};

use labinov_core::safe_write::{self, Staged, Written};
use labinov_core::{drives, DriveProblem, Error, Reason, Result};

pub(crate) struct ExportFolder {
    path: PathBuf,
    name: String,
    staged: Vec<Staged>,
    finished: bool,
}

impl ExportFolder {
    /// Makes `dest_dir/<base>` (or `<base>-2`, `-3`… when taken). `dest_dir` must be a
    /// folder that exists.
    pub(crate) fn create(dest_dir: &Path, base: &str) -> Result<ExportFolder> {
        check_dest(dest_dir)?;
        let mut name = base.to_owned();
        let mut n = 2;
        while dest_dir.join(&name).exists() {
            name = format!("{base}-{n}");
            n += 1;
        }
        // The folder gets its final name at once: fusefat (FAT through FUSE) loses the
        // contents of a renamed folder, so files are kept under temporary names instead
        // until every one of them is on the drive and verified.
        let path = dest_dir.join(&name);
        safe_write::io(&path, std::fs::create_dir(&path))
            .map_err(|e| refine_dir_error(e, dest_dir))?;
        Ok(ExportFolder {
            path,
            name,
            staged: Vec::new(),
            finished: false,
        })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// How many files are staged so far.
    pub(crate) fn staged_count(&self) -> usize {
        self.staged.len()
    }

    /// Moves the file staged last to position `at` of the list (a file made out of turn
    /// is listed, and summed, in its usual place).
    pub(crate) fn move_last_to(&mut self, at: usize) {
        if let Some(last) = self.staged.pop() {
            let at = at.min(self.staged.len());
            self.staged.insert(at, last);
        }
    }

    /// Stages `bytes` as `rel` (plain names joined by `/`); returns its size.
    pub(crate) fn stage(&mut self, rel: &str, bytes: &[u8]) -> Result<u64> {
        let s = safe_write::stage_bytes_at(&self.path, rel, bytes)?;
        let size = s.written().size;
        self.staged.push(s);
        Ok(size)
    }

    /// Stages many files (`(rel, bytes)`, as [`Self::stage`]) by
    /// [`safe_write::stage_all_at`]: written, then synced, then verified, each pass over
    /// them all. Returns their total size. On an error the files staged so far are kept
    /// for the folder's cleanup.
    pub(crate) fn stage_all(&mut self, files: Vec<(String, Vec<u8>)>) -> Result<u64> {
        let (staged, error) = safe_write::stage_all_at(&self.path, &files);
        let size = staged.iter().map(|s| s.written().size).sum();
        self.staged.extend(staged);
        match error {
            Some(e) => Err(e),
            None => Ok(size),
        }
    }

    /// Stages a copy of the file at `src` as `name`; returns its size.
    pub(crate) fn stage_copy(&mut self, name: &str, src: &Path) -> Result<u64> {
        let s = safe_write::stage_copy(&self.path, name, src)?;
        let size = s.written().size;
        self.staged.push(s);
        Ok(size)
    }

    /// Stages `SHA256SUMS` over every staged file, then gives each its final name,
    /// `SHA256SUMS` last. Returns what was written, in staging order.
    pub(crate) fn finish(mut self) -> Result<Vec<Written>> {
        let sums: String = self
            .staged
            .iter()
            .map(|s| format!("{}  {}\n", s.written().sha256, s.written().name))
            .collect();
        let sums = safe_write::stage_bytes(&self.path, "SHA256SUMS", sums.as_bytes())?;
        // Every file under its final name and its folder synced, then SHA256SUMS: a
        // folder without it is an export that did not finish.
        // (On an error the folder is removed with everything in it when dropped.)
        let mut written = safe_write::publish_all(std::mem::take(&mut self.staged))?;
        written.push(safe_write::publish(sums)?);
        self.finished = true;
        Ok(written)
    }
}

impl Drop for ExportFolder {
    /// An export that did not finish leaves nothing behind (best effort: a stick that is
    /// gone cannot be cleaned).
    fn drop(&mut self) {
        if !self.finished {
            for s in self.staged.drain(..) {
                s.discard();
            }
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// `dest_dir` is a folder that exists (else the error a user can act on).
pub(crate) fn check_dest(dest_dir: &Path) -> Result<()> {
    match std::fs::metadata(dest_dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(Error::invalid("dest", Reason::NotAFolder)),
        Err(e) => Err(safe_write::drive_error(e, dest_dir)),
    }
}

/// Creating the export folder failed: a drive that answers EPERM while it has no room
/// left is full, not read-only (fusefat does this).
pub(crate) fn refine_dir_error(e: Error, dest_dir: &Path) -> Error {
    match e {
        Error::Drive {
            problem: DriveProblem::ReadOnly,
            path,
            detail,
        } if drives::space(dest_dir).0 == Some(0) => Error::Drive {
            problem: DriveProblem::Full,
            path,
            detail,
        },
        other => other,
    }
}
