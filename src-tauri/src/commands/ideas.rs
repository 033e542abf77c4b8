//! Ideas: capture, edit, read, history, and the board.

use labinov_core::{Board, ChangeRecord, Idea, IdeaInput, IdeaPatch};
use tauri::{AppHandle, Runtime, State};

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_ideas(state: State<'_, AppState>, lab_id: String) -> ApiResult<Vec<Idea>> {
    state.read(move |s| s.list_ideas(&lab_id)).await
}

#[tauri::command]
pub async fn get_idea(state: State<'_, AppState>, idea_id: String) -> ApiResult<Idea> {
    state.read(move |s| s.get_idea(&idea_id)).await
}

#[tauri::command]
pub async fn add_idea<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    input: IdeaInput,
) -> ApiResult<Idea> {
    state.write(&app, move |s| s.add_idea(&lab_id, input)).await
}

#[tauri::command]
pub async fn update_idea<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    idea_id: String,
    patch: IdeaPatch,
) -> ApiResult<Idea> {
    state
        .write(&app, move |s| s.update_idea(&idea_id, patch))
        .await
}

#[tauri::command]
pub async fn idea_history(
    state: State<'_, AppState>,
    idea_id: String,
) -> ApiResult<Vec<ChangeRecord>> {
    state.read(move |s| s.history(&idea_id)).await
}

#[tauri::command]
pub async fn get_board(state: State<'_, AppState>, lab_id: String) -> ApiResult<Board> {
    state.read(move |s| s.board(&lab_id)).await
}
