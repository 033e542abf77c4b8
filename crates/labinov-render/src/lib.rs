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
mod folder;
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

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use labinov_core::export::{
    ExportFormat, ExportOptions, ExportProgress, ExportReport, ExportedFile, Gallery, Lang,
    ReportData,
};
use labinov_core::{Error, Result, Store};

use folder::ExportFolder;

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

/// An export's progress reporter: each call is the next of `total` steps, by name.
fn steps(total: u32) -> impl FnMut(&str, &mut dyn FnMut(&ExportProgress)) {
    let mut done = 0u32;
    move |name, progress| {
        done += 1;
        progress(&ExportProgress {
            step: name.to_owned(),
            done,
            total,
        });
    }
}

/// Finishes `folder` ([`ExportFolder::finish`]) and reports what was written.
fn finish(
    folder: ExportFolder,
    lab_name: String,
    ideas: usize,
    started: Instant,
) -> Result<ExportReport> {
    let (path, folder_name) = (
        folder.path().display().to_string(),
        folder.name().to_owned(),
    );
    let written = folder.finish()?;
    Ok(ExportReport {
        folder: path,
        folder_name,
        lab_name,
        ideas: ideas as u32,
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

/// The consistent snapshot an export reads: `VACUUM INTO` a file in the system temp
/// folder, opened as its own store; the folder is removed when the first value drops.
fn snapshot(store: &Store) -> Result<(LocalTemp, Store)> {
    let local = LocalTemp::new("export")?;
    let snapshot_path = local.0.join("snapshot.db");
    let target = snapshot_path
        .to_str()
        .ok_or_else(|| Error::internal("dest", "the temp folder's path is not UTF-8"))?
        .to_owned();
    store.vacuum_into(&target)?;
    let snap = Store::open(&snapshot_path)?;
    Ok((local, snap))
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
    folder::check_dest(dest_dir)?;
    let mut step = steps(formats.len() as u32 + 3);

    let (_local, snap) = snapshot(store)?;
    let data = ReportData::read(&snap, lab_id)?;
    step("snapshot", progress);

    let slug = slug(&lab.name);
    let stamp = local_stamp(&data.exported_at, &lab.time_zone);
    let mut folder = ExportFolder::create(dest_dir, &format!("Labinov-{slug}-{stamp}"))?;
    let lang = options.lang;
    std::thread::scope(|scope| -> Result<()> {
        // The report's PDF, by far the slowest single file (every idea laid out and shaped),
        // is made on a thread of its own while the other files are rendered and written; it
        // is written last and listed in its usual place. The posters and the gallery, the
        // two folders of thousands of files, are rendered on threads of their own from the
        // start too, so their rendering (CPU) overlaps the writing and syncing of the files
        // before them (the drive): `perf` over a 10,000-idea export had the posters alone
        // at 19 of its 50 CPU-seconds, with one core idle while the files were written.
        let pdf = formats
            .contains(&ExportFormat::Pdf)
            .then(|| scope.spawn(|| render(ExportFormat::Pdf, &data, lang)));
        let mut folders: HashMap<ExportFormat, _> = formats
            .iter()
            .filter(|f| matches!(f, ExportFormat::Gallery | ExportFormat::Posters))
            .map(|&f| {
                let data = &data;
                (f, scope.spawn(move || render_folder(f, data, lang)))
            })
            .collect();
        let mut pdf_slot = None;
        let mut written = |f: ExportFormat, bytes: u64, file_started: Instant| {
            // The format, not the file's name: that carries the lab's name.
            tracing::debug!(
                format = ?f,
                bytes,
                ms = file_started.elapsed().as_millis() as u64,
                "export: written and verified"
            );
            step(&f.file_name(&slug), progress);
        };
        for f in &formats {
            let name = f.file_name(&slug);
            let file_started = Instant::now();
            let bytes = if *f == ExportFormat::Pdf {
                pdf_slot = Some(folder.staged_count());
                continue;
            } else if let Some(thread) = folders.remove(f) {
                match joined(f.as_str(), thread.join())? {
                    Some(files) => folder.stage_all(files)?,
                    None => 0,
                }
            } else if let Some(files) = render_folder(*f, &data, lang)? {
                // Paths inside the export folder (`galeri/...`, `profil-inovasi.xlsx`).
                folder.stage_all(files)?
            } else if *f == ExportFormat::Bundle {
                let bundle = snap.stage_bundle(lab_id)?;
                folder.stage_copy(&name, &bundle.file)?
            } else {
                folder.stage(&name, &render(*f, &data, lang)?)?
            };
            written(*f, bytes, file_started);
        }
        if let (Some(thread), Some(slot)) = (pdf, pdf_slot) {
            let file_started = Instant::now();
            let made = joined("report's PDF", thread.join())?;
            let bytes = folder.stage(&ExportFormat::Pdf.file_name(&slug), &made)?;
            folder.move_last_to(slot);
            written(ExportFormat::Pdf, bytes, file_started);
        }
        Ok(())
    })?;
    let report = finish(folder, lab.name, data.ideas.len(), started)?;
    step("SHA256SUMS", progress);
    step("finish", progress);
    Ok(report)
}

/// What a thread making a file returned: its result, or an internal error if it panicked.
fn joined<T>(what: &str, made: std::thread::Result<Result<T>>) -> Result<T> {
    made.map_err(|_| Error::internal("export", format!("making the {what} failed unexpectedly")))?
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
mod city_gallery_tests;
#[cfg(test)]
mod followup_tests;
#[cfg(test)]
mod gallery_tests;

/// Exports the city's gallery of the labs `lab_ids` (every lab when empty) into a new
/// folder under `dest_dir`, `Labinov-galeri-<city>-<time>/`: `galeri-kota/`
/// ([`gallery::city_site`]: each lab's gallery as that lab chose, under a home page and a
/// search across them) and `SHA256SUMS`, by the rules in the module docs. `progress` is
/// called after each step (snapshot, pages, written, finish).
pub fn export_city_gallery(
    store: &Store,
    lab_ids: &[String],
    dest_dir: &Path,
    lang: Lang,
    progress: &mut dyn FnMut(&ExportProgress),
) -> Result<ExportReport> {
    let started = Instant::now();
    folder::check_dest(dest_dir)?;
    let mut step = steps(4);
    let (_local, snap) = snapshot(store)?;
    let archive = snap.archive_gallery(lab_ids, lang)?;
    step("snapshot", progress);
    let files = gallery::city_site(&archive)?;
    step("galeri-kota", progress);
    let newest = archive.labs.first().map(|l| &l.gallery.lab);
    let time_zone = match archive.labs.first() {
        Some(l) => snap.get_lab(&l.id)?.time_zone,
        None => "Asia/Jakarta".to_owned(),
    };
    let place = match newest {
        Some(l) if !l.city.trim().is_empty() => slug(&l.city),
        _ => "kota".to_owned(),
    };
    let stamp = local_stamp(&labinov_core::time::now_utc(), &time_zone);
    let mut folder = ExportFolder::create(dest_dir, &format!("Labinov-galeri-{place}-{stamp}"))?;
    folder.stage_all(
        files
            .into_iter()
            .map(|f| (format!("galeri-kota/{}", f.path), f.bytes))
            .collect(),
    )?;
    let report = finish(
        folder,
        newest.map(|l| l.city.clone()).unwrap_or_default(),
        archive.ideas(),
        started,
    )?;
    step("SHA256SUMS", progress);
    step("finish", progress);
    Ok(report)
}
