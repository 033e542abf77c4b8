//! The board: pages of cards, kanban moves, and the lab's figures.

use tauri::{AppHandle, Runtime, State};

use crate::error::ApiResult;
use crate::state::AppState;
use labinov_core::{BoardPage, BoardQuery, Idea, LabStats};

#[tauri::command]
pub async fn board_page(
    state: State<'_, AppState>,
    lab_id: String,
    query: BoardQuery,
) -> ApiResult<BoardPage> {
    state.read(move |s| s.board_page(&lab_id, &query)).await
}

#[tauri::command]
pub async fn set_idea_status<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    idea_id: String,
    status: String,
) -> ApiResult<Idea> {
    state
        .write(&app, move |s| s.set_idea_status(&idea_id, &status))
        .await
}

#[tauri::command]
pub async fn lab_stats(state: State<'_, AppState>, lab_id: String) -> ApiResult<LabStats> {
    state.read(move |s| s.lab_stats(&lab_id)).await
}
