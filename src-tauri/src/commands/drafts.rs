//! Drafts of the capture form, saved as they are typed.

use labinov_core::Draft;
use serde_json::Value;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn save_draft(
    state: State<'_, AppState>,
    draft_id: String,
    lab_id: String,
    idea_id: Option<String>,
    fields: Value,
) -> ApiResult<Draft> {
    state
        .read(move |s| s.save_draft(&draft_id, &lab_id, idea_id.as_deref(), fields))
        .await
}

#[tauri::command]
pub async fn list_drafts(state: State<'_, AppState>, lab_id: String) -> ApiResult<Vec<Draft>> {
    state.read(move |s| s.list_drafts(&lab_id)).await
}

#[tauri::command]
pub async fn discard_draft(state: State<'_, AppState>, draft_id: String) -> ApiResult<()> {
    state.read(move |s| s.discard_draft(&draft_id)).await
}
