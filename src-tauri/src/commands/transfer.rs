//! Merging laptops and backups: preview and merge a bundle, the conflict log, the rolling
//! snapshots. Files are picked by `export::pick_file` (Rust side); the webview only ever
//! passes back the path the user picked.

use std::path::PathBuf;

use labinov_core::{BackupInfo, ChangeEvent, MergeConflict, MergeReport, DEFAULT_BACKUPS_KEPT};
use tauri::{AppHandle, Runtime, State};

use crate::error::ApiResult;
use crate::state::{AppState, Changed};

impl Changed for MergeReport {
    fn change_event(&self) -> ChangeEvent {
        // A merge can touch anything in the lab (or create it): every window reloads it.
        ChangeEvent {
            lab_id: Some(self.lab_id.clone()),
            entity: "lab".into(),
            entity_id: self.lab_id.clone(),
        }
    }
}

impl Changed for MergeConflict {
    fn change_event(&self) -> ChangeEvent {
        ChangeEvent {
            lab_id: Some(self.lab_id.clone()),
            entity: self.entity.clone(),
            entity_id: self.entity_id.clone(),
        }
    }
}

impl Changed for BackupInfo {
    fn change_event(&self) -> ChangeEvent {
        // A restore replaces every lab: no lab id, so every window reloads what it shows.
        ChangeEvent {
            lab_id: None,
            entity: "lab".into(),
            entity_id: String::new(),
        }
    }
}

/// What merging the bundle at `path` would do; writes nothing.
#[tauri::command]
pub async fn preview_bundle(state: State<'_, AppState>, path: String) -> ApiResult<MergeReport> {
    state
        .read(move |s| s.preview_bundle(&PathBuf::from(path)))
        .await
}

#[tauri::command]
pub async fn merge_bundle<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> ApiResult<MergeReport> {
    state
        .write(&app, move |s| s.merge_bundle(&PathBuf::from(path)))
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
        .write(&app, move |s| s.restore_backup(&name, DEFAULT_BACKUPS_KEPT))
        .await
}
