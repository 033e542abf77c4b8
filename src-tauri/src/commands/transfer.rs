//! Merging laptops and backups: preview and merge a bundle, the conflict log, the rolling
//! snapshots. Files are picked by `export::pick_file` (Rust side); the webview only ever
//! passes back the path the user picked.

use std::path::PathBuf;

use labinov_core::{
    BackupInfo, ChangeEvent, Entity, FoundBundle, MergeConflict, MergeReport, DEFAULT_BACKUPS_KEPT,
};
use tauri::{AppHandle, Runtime, State};

use crate::error::ApiResult;
use crate::logging;
use crate::state::{blocking, AppState, Changed};

impl Changed for MergeReport {
    fn change_event(&self) -> ChangeEvent {
        // A merge can touch anything in the lab (or create it): every window reloads it.
        ChangeEvent {
            lab_id: Some(self.lab_id.clone()),
            entity: Entity::Lab,
            entity_id: self.lab_id.clone(),
        }
    }
}

impl Changed for MergeConflict {
    fn change_event(&self) -> ChangeEvent {
        ChangeEvent {
            lab_id: Some(self.lab_id.clone()),
            // A conflict of a kind the windows do not know: reload the whole lab.
            entity: Entity::from_str_opt(&self.entity).unwrap_or(Entity::Lab),
            entity_id: self.entity_id.clone(),
        }
    }
}

impl Changed for BackupInfo {
    fn change_event(&self) -> ChangeEvent {
        // A restore replaces every lab: no lab id, so every window reloads what it shows.
        ChangeEvent {
            lab_id: None,
            entity: Entity::Lab,
            entity_id: String::new(),
        }
    }
}

/// The bundles on the removable drives (top level and the export folders in it).
#[tauri::command]
pub async fn find_bundles() -> ApiResult<Vec<FoundBundle>> {
    blocking(|| {
        let roots: Vec<(String, PathBuf)> = labinov_core::export::list_drives()
            .into_iter()
            .map(|d| (d.label, PathBuf::from(d.path)))
            .collect();
        labinov_core::find_bundles(&roots)
    })
    .await
}

/// What merging the bundle at `path` would do; writes nothing.
#[tauri::command]
pub async fn preview_bundle(state: State<'_, AppState>, path: String) -> ApiResult<MergeReport> {
    state
        .read(move |s| s.preview_bundle(&PathBuf::from(path)))
        .await
}

/// Merges the bundle at `path`. Logged with ids and counts, or the code it was refused
/// with (never the bundle's path: its folder and file are named after the lab).
#[tauri::command]
pub async fn merge_bundle<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> ApiResult<MergeReport> {
    state
        .write(&app, move |s| {
            let started = std::time::Instant::now();
            let out = s.merge_bundle(&PathBuf::from(path));
            let ms = started.elapsed().as_millis() as u64;
            match &out {
                Ok(r) => tracing::info!(
                    lab = %r.lab_id,
                    from = %r.from_installation_id,
                    lab_is_new = r.lab_is_new,
                    new_ideas = r.new_ideas.len(),
                    changed_ideas = r.changed_ideas.len(),
                    deleted_ideas = r.deleted_ideas.len(),
                    conflicts = r.conflicts,
                    records = r.changed_records,
                    ms,
                    "merge done"
                ),
                Err(e) => tracing::warn!(error = %logging::Safe(e), ms, "merge refused"),
            }
            out
        })
        .await
}

#[tauri::command]
pub async fn list_conflicts(
    state: State<'_, AppState>,
    lab_id: String,
    include_resolved: Option<bool>,
) -> ApiResult<Vec<MergeConflict>> {
    state
        .read(move |s| s.list_conflicts(&lab_id, include_resolved.unwrap_or(false)))
        .await
}

#[tauri::command]
pub async fn restore_conflict<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    conflict_id: i64,
) -> ApiResult<MergeConflict> {
    state
        .write(&app, move |s| s.restore_conflict(conflict_id))
        .await
}

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> ApiResult<Vec<BackupInfo>> {
    state.read(|s| s.list_backups()).await
}

/// Restores the snapshot `name`; returns the snapshot of the state before it.
#[tauri::command]
pub async fn restore_backup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: String,
) -> ApiResult<BackupInfo> {
    state
        .write(&app, move |s| {
            let out = s.restore_backup(&name, DEFAULT_BACKUPS_KEPT);
            match &out {
                Ok(before) => {
                    tracing::info!(backup = %name, saved_before = %before.name, "backup restored")
                }
                Err(e) => {
                    tracing::error!(backup = %name, error = %logging::Safe(e), "restore failed")
                }
            }
            out
        })
        .await
}
