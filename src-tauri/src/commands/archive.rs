//! The city's archive: every lab of every year, and ideas carried forward between labs.

use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Runtime, State};

use crate::commands::setup::{header, import_mode};
use crate::error::{ApiError, ApiResult};
use crate::state::{notify, AppState, Changed};
use labinov_core::{
    ArchivePage, ArchiveQuery, ArchiveSummary, Idea, ImportMode, LabWorkbookImport, LineageStep,
    NewLab,
};

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

/// An earlier lab brought into the archive from its exported workbook. Body: the
/// workbook's bytes. Headers: `file-name`, `lab` (the new lab's details, `NewLab` as JSON),
/// `import-mode` (`preview` checks and writes nothing; `all_or_nothing` writes the lab
/// when no row is refused).
#[tauri::command]
pub async fn import_lab_workbook<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: Request<'_>,
) -> ApiResult<LabWorkbookImport> {
    let file_name = header(&request, "file-name")
        .ok_or_else(|| ApiError::internal("the upload has no file-name header"))?;
    let lab: NewLab = serde_json::from_str(&header(&request, "lab").unwrap_or_default())
        .map_err(|e| ApiError::internal(format!("the upload's lab header: {e}")))?;
    let apply = import_mode(&request)? != ImportMode::Preview;
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(ApiError::internal("the upload's body is not raw bytes"));
    };
    let bytes = bytes.clone();
    let out = state
        .read(move |s| s.import_lab_workbook(&file_name, &bytes, lab, apply))
        .await?;
    if out.applied {
        notify(&app, out.lab.change_event());
    }
    Ok(out)
}
