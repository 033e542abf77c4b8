//! The city's archive: every lab of every year, and ideas carried forward between labs.

use tauri::{AppHandle, Runtime, State};

use crate::error::ApiResult;
use crate::state::AppState;
use labinov_core::{ArchivePage, ArchiveQuery, ArchiveSummary, Idea, LineageStep};

#[tauri::command]
pub async fn archive_summary(state: State<'_, AppState>) -> ApiResult<ArchiveSummary> {
    state.read(move |s| s.archive_summary()).await
}

#[tauri::command]
pub async fn archive_page(
    state: State<'_, AppState>,
    query: ArchiveQuery,
) -> ApiResult<ArchivePage> {
    state.read(move |s| s.archive_page(&query)).await
}

#[tauri::command]
pub async fn carry_forward_idea<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    idea_id: String,
    to_lab_id: String,
) -> ApiResult<Idea> {
    state
        .write(&app, move |s| s.carry_forward_idea(&idea_id, &to_lab_id))
        .await
}

#[tauri::command]
pub async fn idea_lineage(
    state: State<'_, AppState>,
    idea_id: String,
) -> ApiResult<Vec<LineageStep>> {
    state.read(move |s| s.idea_lineage(&idea_id)).await
}
