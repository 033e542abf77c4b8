//! Export to a USB stick, and the native folder and file pickers.
//!
//! The pickers run here, on the Rust side (`tauri-plugin-dialog`'s blocking API on a
//! blocking thread), and hand the UI the chosen path as text: the webview itself has no
//! dialog or file-system permission at all. An export reports each step as a
//! `labinov:export-progress` event ([`labinov_core::export::ExportProgress`]) to the
//! window that asked.

use labinov_core::export::{
    self, Drive, ExportOptions, ExportProgress, ExportReport, Gallery, GalleryChoices, Lang,
};
use tauri::{AppHandle, Emitter, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::ApiResult;
use crate::logging;
use crate::state::{blocking, AppState};

/// The event an export's progress is reported by.
pub const EXPORT_PROGRESS_EVENT: &str = "labinov:export-progress";

/// The removable drives mounted now (an empty list where none can be found).
#[tauri::command]
pub async fn list_drives() -> ApiResult<Vec<Drive>> {
    blocking(export::list_drives).await
}

/// Exports the lab into a new folder under `dest` (read only: the database is unchanged,
/// so no change event follows). Logged with the lab's id, the drive (`dest`, not the new
/// folder, whose name carries the lab's name), files, bytes and time, or the error code.
#[tauri::command]
pub async fn export_lab<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    dest: String,
    options: ExportOptions,
) -> ApiResult<ExportReport> {
    state
        .read(move |s| {
            let what = format!("lab {lab_id}");
            logged(&app, &what, &dest, |progress| {
                labinov_render::export_lab(
                    s,
                    &lab_id,
                    std::path::Path::new(&dest),
                    &options,
                    progress,
                )
            })
        })
        .await
}

/// Exports the city's gallery of `lab_ids` (every lab when empty) into a new folder under
/// `dest`: read only, reported and logged as [`export_lab`] is.
#[tauri::command]
pub async fn export_city_gallery<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_ids: Vec<String>,
    dest: String,
    lang: Lang,
) -> ApiResult<ExportReport> {
    state
        .read(move |s| {
            let what = format!("city gallery of {} labs", lab_ids.len());
            logged(&app, &what, &dest, |progress| {
                labinov_render::export_city_gallery(
                    s,
                    &lab_ids,
                    std::path::Path::new(&dest),
                    lang,
                    progress,
                )
            })
        })
        .await
}

/// Runs an export with its progress sent as [`EXPORT_PROGRESS_EVENT`] to the app, and
/// logs its end: what (`what`), the drive, ideas, files, bytes and time, or the error.
fn logged<R: Runtime>(
    app: &AppHandle<R>,
    what: &str,
    dest: &str,
    run: impl FnOnce(&mut dyn FnMut(&ExportProgress)) -> labinov_core::Result<ExportReport>,
) -> labinov_core::Result<ExportReport> {
    let out = run(&mut |p| {
        if let Err(e) = app.emit(EXPORT_PROGRESS_EVENT, p) {
            tracing::warn!(error = %e, "could not report export progress");
        }
    });
    match &out {
        Ok(r) => tracing::info!(
            what,
            drive = %dest,
            ideas = r.ideas,
            files = r.files.len(),
            bytes = r.files.iter().map(|f| f.size).sum::<u64>(),
            ms = r.elapsed_ms,
            "export done"
        ),
        Err(e) => tracing::error!(
            what,
            drive = %dest,
            error = %logging::Safe(e),
            "export failed"
        ),
    }
    out
}

/// Asks the user for a folder; `None` when they cancel.
#[tauri::command]
pub async fn pick_folder<R: Runtime>(
    app: AppHandle<R>,
    title: Option<String>,
) -> ApiResult<Option<String>> {
    blocking(move || {
        let mut dialog = app.dialog().file();
        if let Some(title) = title {
            dialog = dialog.set_title(title);
        }
        dialog.blocking_pick_folder()
    })
    .await
    .map(|picked| {
        picked
            .and_then(|p| p.into_path().ok())
            .map(|p| p.display().to_string())
    })
}

/// Asks the user for one file, optionally of the given extensions (without dots);
/// `None` when they cancel.
#[tauri::command]
pub async fn pick_file<R: Runtime>(
    app: AppHandle<R>,
    title: Option<String>,
    filter_name: Option<String>,
    extensions: Option<Vec<String>>,
) -> ApiResult<Option<String>> {
    blocking(move || {
        let mut dialog = app.dialog().file();
        if let Some(title) = title {
            dialog = dialog.set_title(title);
        }
        if let Some(exts) = extensions.filter(|e| !e.is_empty()) {
            let exts: Vec<&str> = exts.iter().map(String::as_str).collect();
            dialog = dialog.add_filter(filter_name.unwrap_or_default(), &exts);
        }
        dialog.blocking_pick_file()
    })
    .await
    .map(|picked| {
        picked
            .and_then(|p| p.into_path().ok())
            .map(|p| p.display().to_string())
    })
}

/// The lab's choices of what its gallery and posters show.
#[tauri::command]
pub async fn gallery_choices(
    state: State<'_, AppState>,
    lab_id: String,
) -> ApiResult<GalleryChoices> {
    state.read(move |s| s.gallery_choices(&lab_id)).await
}

#[tauri::command]
pub async fn set_gallery_field<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    field: String,
    shown: bool,
) -> ApiResult<GalleryChoices> {
    state
        .write_lab(&app, lab_id.clone(), move |s| {
            s.set_gallery_field(&lab_id, &field, shown)
        })
        .await
}

#[tauri::command]
pub async fn set_ideas_published<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    idea_ids: Vec<String>,
    published: bool,
) -> ApiResult<u32> {
    state
        .write_lab(&app, lab_id.clone(), move |s| {
            s.set_ideas_published(&lab_id, &idea_ids, published)
        })
        .await
}

/// What the gallery and the posters would show now (the export draws the same value).
#[tauri::command]
pub async fn gallery_preview(
    state: State<'_, AppState>,
    lab_id: String,
    lang: Lang,
) -> ApiResult<Gallery> {
    state.read(move |s| s.gallery_preview(&lab_id, lang)).await
}
