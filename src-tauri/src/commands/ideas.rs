//! Ideas: capture, edit, read, history, search, trash, merge, and the board.

use labinov_core::{Board, ChangeRecord, Idea, IdeaInput, IdeaPatch, LatestIdeas, SimilarIdea};
use tauri::{AppHandle, Runtime, State};

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_ideas(state: State<'_, AppState>, lab_id: String) -> ApiResult<Vec<Idea>> {
    state.read(move |s| s.list_ideas(&lab_id)).await
}

#[tauri::command]
pub async fn latest_ideas(
    state: State<'_, AppState>,
    lab_id: String,
    limit: u32,
) -> ApiResult<LatestIdeas> {
    state.read(move |s| s.latest_ideas(&lab_id, limit)).await
}

#[tauri::command]
pub async fn get_idea(state: State<'_, AppState>, idea_id: String) -> ApiResult<Idea> {
    state.read(move |s| s.get_idea(&idea_id)).await
}

/// Saves a new idea; with `draftId`, the draft it was typed in goes in the same transaction.
#[tauri::command]
pub async fn add_idea<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    input: IdeaInput,
    draft_id: Option<String>,
) -> ApiResult<Idea> {
    state
        .write(&app, move |s| match draft_id {
            Some(d) => s.add_idea_from_draft(&lab_id, input, &d),
            None => s.add_idea(&lab_id, input),
        })
        .await
}

#[tauri::command]
pub async fn update_idea<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    idea_id: String,
    patch: IdeaPatch,
    draft_id: Option<String>,
) -> ApiResult<Idea> {
    state
        .write(&app, move |s| match draft_id {
            Some(d) => s.update_idea_from_draft(&idea_id, patch, &d),
            None => s.update_idea(&idea_id, patch),
        })
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

#[tauri::command]
pub async fn similar_ideas(
    state: State<'_, AppState>,
    lab_id: String,
    text: String,
    exclude: Option<String>,
) -> ApiResult<Vec<SimilarIdea>> {
    state
        .read(move |s| s.similar_ideas(&lab_id, &text, exclude.as_deref(), 5))
        .await
}

#[tauri::command]
pub async fn search_ideas(
    state: State<'_, AppState>,
    lab_id: String,
    text: String,
) -> ApiResult<Vec<Idea>> {
    state
        .read(move |s| s.search_ideas(&lab_id, &text, 200))
        .await
}

#[tauri::command]
pub async fn delete_idea<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    idea_id: String,
) -> ApiResult<Idea> {
    state.write(&app, move |s| s.delete_idea(&idea_id)).await
}

#[tauri::command]
pub async fn restore_idea<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    idea_id: String,
) -> ApiResult<Idea> {
    state.write(&app, move |s| s.restore_idea(&idea_id)).await
}

#[tauri::command]
pub async fn list_trash(state: State<'_, AppState>, lab_id: String) -> ApiResult<Vec<Idea>> {
    state.read(move |s| s.list_trash(&lab_id)).await
}

#[tauri::command]
pub async fn empty_trash<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
) -> ApiResult<u32> {
    state
        .write_lab(&app, lab_id.clone(), move |s| s.empty_trash(&lab_id))
        .await
}

#[tauri::command]
pub async fn merge_ideas<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    into: String,
    from: String,
) -> ApiResult<Idea> {
    state
        .write(&app, move |s| s.merge_ideas(&into, &from))
        .await
}

#[tauri::command]
pub async fn unmerge_idea<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    idea_id: String,
) -> ApiResult<Idea> {
    state.write(&app, move |s| s.unmerge_idea(&idea_id)).await
}

#[tauri::command]
pub async fn merged_ideas(state: State<'_, AppState>, idea_id: String) -> ApiResult<Vec<Idea>> {
    state.read(move |s| s.merged_into(&idea_id)).await
}
