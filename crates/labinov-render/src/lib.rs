//! Exporting a lab to a USB stick or any folder ("Ekspor ke USB").
//!
//! [`export_lab`] writes one folder named by lab and time, e.g.
//! `Labinov-labinov-cilegon-2026-11-28-1530/`, holding:
//!
//! | file | what |
//! |---|---|
//! | `laporan.html` | the report: lab, agenda, ideas by agency with every field and their photos (thumbnails as `data:` URIs), review results and ranking, voting results, charts as inline SVG. Self-contained and script-free: a CSP meta allows no script and no network, every text is escaped (`html.rs`). |
//! | `laporan.pdf` | the same report as PDF (`pdf.rs`, krilla, DejaVu Sans embedded). |
//! | `ide-inovasi.xlsx` | sheets: ideas (one row per idea, the official form's columns, headers the idea import recognises), review, agencies (`xlsx.rs`). |
//! | `ide-inovasi.csv` | the ideas sheet as UTF-8 CSV with a BOM, so Excel opens it right (`csv.rs`). |
//! | `data.json` | everything, versioned (`json.rs`). |
//! | `galeri/` | the public gallery, a static site of what the lab publishes (`gallery.rs`). |
//! | `poster/` | an A4 poster PDF per published innovation (`poster.rs`). |
//! | `profil-inovasi.xlsx`, `profil/` | the innovation profiles of the ideas with a follow-up, in the official form's order: one spreadsheet for all, an A4 PDF per innovation with its IID checklist, estimate and evidence list (`profile.rs`). |
//! | `<lab>.labinov` | the bundle another laptop imports (`store/sync/bundle/`). |
//! | `laporan-kegiatan.pdf` | the activity report the office files (laporan kegiatan: basis and purpose, agenda as run, attendance, 5D stages, ideas, pitches, ranking, votes, follow-up, signature block, daftar hadir), drawn with the PDF report's layout (`kegiatan.rs`). |
//! | `laporan-kegiatan.docx` | the same activity report as an editable document (`docx.rs`, docx-rs). |
//! | `SHA256SUMS` | `sha256sum -c` format over all of the above. |
//!
//! Rules:
//! - Reads only. The export reads one consistent snapshot (`VACUUM INTO` a file in the
//!   system temp folder by a read-only connection of its own, so saves go on meanwhile;
//!   then opened as its own store) and never writes the local database.
//! - Every file goes through [`safe_write`]: written under a temporary name, synced, read
//!   back and compared by SHA-256 ("staged"); only when every file (and `SHA256SUMS`) is
//!   staged are they renamed to their final names, `SHA256SUMS` last, and the folder
//!   synced. The folder gets its final name when it is created, not by a rename at the
//!   end: fusefat (FAT through FUSE, what the tests mount) loses the contents of a renamed
//!   folder, and a rename of a non-empty folder is the one step FAT drivers get wrong.
//!   On any failure the temporaries and the folder are removed (best effort: a stick that
//!   is gone cannot be cleaned) and the error says full / read-only / removed
//!   ([`crate::DriveProblem`]). So no file under a final name is ever incomplete, and a
//!   folder without `SHA256SUMS` is an export that did not finish.
//! - Spreadsheet cells that a spreadsheet would run as a formula (first character `=`,
//!   `+`, `-`, `@`, tab or carriage return; OWASP "CSV injection") are neutralised: in the
//!   CSV by a leading `'`; in the XLSX every value is a string cell (never a formula) and
//!   such cells also get Excel's quote-prefix format, so the value itself stays exact.
//! - Progress is reported per step (`done` of `total`) through a callback.

mod charts;
mod csv;
mod docx;
mod followup_xlsx;
pub mod gallery;
mod html;
mod json;
mod kegiatan;
mod pdf;
pub mod poster;
pub mod profile;
mod xlsx;

pub use followup_xlsx::{export_followup_workbooks, followup_workbook};

use std::path::{Path, PathBuf};
use std::time::Instant;

use labinov_core::export::{
    ExportFormat, ExportOptions, ExportProgress, ExportReport, ExportedFile, Gallery, Lang,
    ReportData,
};
use labinov_core::{drives, safe_write, DriveProblem, Error, Reason, Result, Store};

/// A folder in the system temp folder, removed when dropped.
struct LocalTemp(PathBuf);

impl LocalTemp {
    fn new(what: &str) -> Result<LocalTemp> {
        let dir = std::env::temp_dir().join(format!("labinov-{what}-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir)?;
        Ok(LocalTemp(dir))
    }
}

impl Drop for LocalTemp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A file-name-safe form of a lab's name: ASCII letters and digits, `-` between words.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(40).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "lab".into()
    } else {
        out
    }
}

/// `YYYY-MM-DD-HHMM` of a stored UTC time in the lab's zone (for folder names).
fn local_stamp(utc: &str, tz: &str) -> String {
    let shown = labinov_core::time::local_display(utc, tz); // `YYYY-MM-DD HH:MM`
    shown
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            ':' => None,
            c if c.is_ascii_alphanumeric() || c == '-' => Some(c),
            _ => None,
        })
        .collect()
}

/// Creating the export folder failed: a drive that answers EPERM while it has no room
/// left is full, not read-only (fusefat does this).
fn refine_dir_error(e: Error, dest_dir: &Path) -> Error {
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

/// Makes one file's bytes (every format but the bundle, which is a file copied).
pub fn render(format: ExportFormat, d: &ReportData, lang: Lang) -> Result<Vec<u8>> {
    Ok(match format {
        ExportFormat::Html => html::report(d, lang).into_bytes(),
        ExportFormat::Pdf => pdf::report(d, lang)?,
        ExportFormat::Xlsx => xlsx::workbook(d, lang)?,
        ExportFormat::Csv => csv::ideas(d, lang)?,
        ExportFormat::Json => json::data(d)?,
        ExportFormat::Bundle => unreachable!("the bundle is copied, not rendered"),
        ExportFormat::Kegiatan => kegiatan::report(d, lang)?,
        ExportFormat::Docx => docx::report(d, lang)?,
        ExportFormat::Gallery | ExportFormat::Posters | ExportFormat::Profiles => {
            unreachable!("a folder of files: see `render_folder`")
        }
    })
}

/// The files of a format that is a folder: each file's path in the export folder and its
/// bytes.
pub type FolderFiles = Vec<(String, Vec<u8>)>;

/// Makes the files of a format that is a folder (the gallery, the posters, the profiles
/// with their spreadsheet beside the folder); `None` for a format that is one file.
pub fn render_folder(
    format: ExportFormat,
    d: &ReportData,
    lang: Lang,
) -> Result<Option<FolderFiles>> {
    let folder = format.file_name("");
    let inside = |files: FolderFiles| -> FolderFiles {
        files
            .into_iter()
            .map(|(path, bytes)| (format!("{folder}/{path}"), bytes))
            .collect()
    };
    Ok(match format {
        ExportFormat::Gallery => Some(inside(
            gallery::site(&Gallery::build(d, lang))?
                .into_iter()
                .map(|f| (f.path, f.bytes))
                .collect(),
        )),
        ExportFormat::Posters => Some(inside(poster::posters(&Gallery::build(d, lang))?)),
        ExportFormat::Profiles => Some(profile::files(d, lang, &folder)?),
        _ => None,
    })
}

/// Exports the lab `lab_id` into a new folder under `dest_dir`, by the rules in the
/// module docs. `progress` is called after each step.
pub fn export_lab(
    store: &Store,
    lab_id: &str,
    dest_dir: &Path,
    options: &ExportOptions,
    progress: &mut dyn FnMut(&ExportProgress),
) -> Result<ExportReport> {
    let started = Instant::now();
    let formats: Vec<ExportFormat> = if options.formats.is_empty() {
        ExportFormat::ALL.to_vec()
    } else {
        ExportFormat::ALL
            .into_iter()
            .filter(|f| options.formats.contains(f))
            .collect()
    };
    let lab = store.get_lab(lab_id)?;
    match std::fs::metadata(dest_dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(Error::invalid("dest", Reason::NotAFolder)),
        Err(e) => return Err(safe_write::drive_error(e, dest_dir)),
    }
    let total = formats.len() as u32 + 3;
    let mut done = 0u32;
    let mut step = |name: &str, progress: &mut dyn FnMut(&ExportProgress)| {
        done += 1;
        progress(&ExportProgress {
            step: name.to_owned(),
            done,
            total,
        });
    };

    // The consistent snapshot everything is read from.
    let local = LocalTemp::new("export")?;
    let snapshot_path = local.0.join("snapshot.db");
    let target = snapshot_path
        .to_str()
        .ok_or_else(|| Error::internal("dest", "the temp folder's path is not UTF-8"))?
        .to_owned();
    store.vacuum_into(&target)?;
    let snap = Store::open(&snapshot_path)?;
    let data = ReportData::read(&snap, lab_id)?;
    step("snapshot", progress);

    let slug = slug(&lab.name);
    let stamp = local_stamp(&data.exported_at, &lab.time_zone);
    let mut folder_name = format!("Labinov-{slug}-{stamp}");
    let mut n = 2;
    while dest_dir.join(&folder_name).exists() {
        folder_name = format!("Labinov-{slug}-{stamp}-{n}");
        n += 1;
    }
    // The folder gets its final name at once: fusefat (FAT through FUSE) loses the
    // contents of a renamed folder, so files are kept under temporary names instead
    // until every one of them is on the drive and verified.
    let folder = dest_dir.join(&folder_name);
    safe_write::io(&folder, std::fs::create_dir(&folder))
        .map_err(|e| refine_dir_error(e, dest_dir))?;
    let mut staged: Vec<safe_write::Staged> = Vec::new();
    let result = (|| -> Result<()> {
        for f in &formats {
            let name = f.file_name(&slug);
            let file_started = Instant::now();
            if let Some(files) = render_folder(*f, &data, options.lang)? {
                let mut bytes = 0;
                for (path, body) in files {
                    let s = safe_write::stage_bytes_at(&folder, &path, &body)?;
                    bytes += s.written().size;
                    staged.push(s);
                }
                tracing::debug!(
                    format = ?f,
                    bytes,
                    ms = file_started.elapsed().as_millis() as u64,
                    "export: folder written and verified"
                );
                step(&name, progress);
                continue;
            }
            let s = if *f == ExportFormat::Bundle {
                let bundle = snap.stage_bundle(lab_id)?;
                safe_write::stage_copy(&folder, &name, &bundle.file)?
            } else {
                let bytes = render(*f, &data, options.lang)?;
                safe_write::stage_bytes(&folder, &name, &bytes)?
            };
            // The format, not the file's name: that carries the lab's name.
            tracing::debug!(
                format = ?f,
                bytes = s.written().size,
                ms = file_started.elapsed().as_millis() as u64,
                "export: file written and verified"
            );
            staged.push(s);
            step(&name, progress);
        }
        Ok(())
    })();
    let cleanup = |staged: Vec<safe_write::Staged>| {
        for s in staged {
            s.discard();
        }
        let _ = std::fs::remove_dir_all(&folder);
    };
    if let Err(e) = result {
        cleanup(staged);
        return Err(e);
    }
    let sums: String = staged
        .iter()
        .map(|s| format!("{}  {}\n", s.written().sha256, s.written().name))
        .collect();
    match safe_write::stage_bytes(&folder, "SHA256SUMS", sums.as_bytes()) {
        Ok(s) => staged.push(s),
        Err(e) => {
            cleanup(staged);
            return Err(e);
        }
    }
    step("SHA256SUMS", progress);
    // Every file is on the drive and verified: give them their names, SHA256SUMS last.
    let mut written = Vec::new();
    let mut pending: std::collections::VecDeque<_> = staged.into();
    while let Some(s) = pending.pop_front() {
        match safe_write::publish(s) {
            Ok(w) => written.push(w),
            Err(e) => {
                cleanup(pending.into());
                return Err(e);
            }
        }
    }
    step("finish", progress);
    Ok(ExportReport {
        folder: folder.display().to_string(),
        folder_name,
        lab_name: lab.name,
        ideas: data.ideas.len() as u32,
        files: written
            .into_iter()
            .map(|w| ExportedFile {
                name: w.name,
                size: w.size,
                sha256: w.sha256,
                verified: true,
            })
            .collect(),
        elapsed_ms: started.elapsed().as_millis().min(u32::MAX as u128) as u32,
    })
}

/// The size of the lab's bundle as staged in the temp folder (for benchmarks).
pub fn stage_bundle_size(store: &Store, lab_id: &str) -> Result<u64> {
    let staged = store.stage_bundle(lab_id)?;
    Ok(std::fs::metadata(&staged.file)?.len())
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod activity_tests;
#[cfg(test)]
mod followup_tests;
#[cfg(test)]
mod gallery_tests;
