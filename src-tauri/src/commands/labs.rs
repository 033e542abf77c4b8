//! Labs: list, create, edit, open, the demo lab.

use labinov_core::{demo, Lab, LabSummary, NewLab};
use tauri::{AppHandle, Runtime, State};

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_labs(state: State<'_, AppState>) -> ApiResult<Vec<LabSummary>> {
    state.read(|s| s.list_labs()).await
}

#[tauri::command]
pub async fn create_lab<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: NewLab,
) -> ApiResult<Lab> {
    state.write(&app, move |s| s.create_lab(input)).await
}

/// Saves a lab's edited details: the whole form, checked like a new lab's. An absent or
/// empty `timeZone` keeps the lab's zone.
#[tauri::command]
pub async fn update_lab<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    input: NewLab,
) -> ApiResult<Lab> {
    state
        .write(&app, move |s| s.update_lab(&lab_id, input))
        .await
}

/// Reads a lab without remembering it as the last one opened (the projector's read).
#[tauri::command]
pub async fn get_lab(state: State<'_, AppState>, lab_id: String) -> ApiResult<Lab> {
    state.read(move |s| s.get_lab(&lab_id)).await
}

#[tauri::command]
pub async fn open_lab(state: State<'_, AppState>, lab_id: String) -> ApiResult<Lab> {
    // The room for phones belongs to one lab: opening another closes it.
    super::room::close_for_lab(&state, &lab_id).await;
    state.read(move |s| s.open_lab(&lab_id)).await
}

#[tauri::command]
pub async fn create_demo_lab<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> ApiResult<Lab> {
    state.write(&app, demo::create_demo_lab).await
}
