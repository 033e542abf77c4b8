//! Review on the rubric, the ranking, and dot voting.

use std::collections::HashMap;

use tauri::{AppHandle, Runtime, State};

use crate::error::ApiResult;
use crate::state::AppState;
use labinov_core::{
    Criterion, IdeaReviews, RankRow, ReleasedResults, Review, ReviewInput, VoteResult, VoteRound,
};

#[tauri::command]
pub async fn rubric(state: State<'_, AppState>, lab_id: String) -> ApiResult<Vec<Criterion>> {
    state.read(move |s| s.rubric(&lab_id)).await
}

#[tauri::command]
pub async fn save_rubric<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    criteria: Vec<Criterion>,
    confirmed: bool,
) -> ApiResult<Vec<Criterion>> {
    state
        .write_lab(&app, lab_id.clone(), move |s| {
            s.save_rubric(&lab_id, criteria, confirmed)
        })
        .await
}

#[tauri::command]
pub async fn review_blind(state: State<'_, AppState>, lab_id: String) -> ApiResult<bool> {
    state.read(move |s| s.review_blind(&lab_id)).await
}

#[tauri::command]
pub async fn set_review_blind<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    blind: bool,
) -> ApiResult<bool> {
    state
        .write_lab(&app, lab_id.clone(), move |s| {
            s.set_review_blind(&lab_id, blind)
        })
        .await
}

#[tauri::command]
pub async fn save_review<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    idea_id: String,
    reviewer_id: String,
    input: ReviewInput,
) -> ApiResult<Review> {
    state
        .write_lab(&app, lab_id, move |s| {
            s.save_review(&idea_id, &reviewer_id, input)
        })
        .await
}

/// What `reviewerId` may see (blind mode is enforced here, not only in the UI); without
/// a reviewer, the facilitator's view of every submitted review.
#[tauri::command]
pub async fn idea_reviews(
    state: State<'_, AppState>,
    idea_id: String,
    reviewer_id: Option<String>,
) -> ApiResult<IdeaReviews> {
    state
        .read(move |s| s.idea_reviews(&idea_id, reviewer_id.as_deref()))
        .await
}

#[tauri::command]
pub async fn ranking(state: State<'_, AppState>, lab_id: String) -> ApiResult<Vec<RankRow>> {
    state.read(move |s| s.ranking(&lab_id)).await
}

/// The projector's results: empty until the facilitator releases them (the core decides).
#[tauri::command]
pub async fn released_results(
    state: State<'_, AppState>,
    lab_id: String,
) -> ApiResult<ReleasedResults> {
    state.read(move |s| s.released_results(&lab_id)).await
}

#[tauri::command]
pub async fn open_vote_round<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    dots: u32,
    candidates: Vec<String>,
) -> ApiResult<VoteRound> {
    state
        .write_lab(&app, lab_id.clone(), move |s| {
            s.open_vote_round(&lab_id, dots, &candidates)
        })
        .await
}

#[tauri::command]
pub async fn vote_round(state: State<'_, AppState>, round_id: String) -> ApiResult<VoteRound> {
    state.read(move |s| s.vote_round(&round_id)).await
}

/// A ballot: dots per idea id. No voter identity is sent or stored.
#[tauri::command]
pub async fn cast_ballot(
    state: State<'_, AppState>,
    round_id: String,
    dots: HashMap<String, u32>,
) -> ApiResult<VoteRound> {
    state.read(move |s| s.cast_ballot(&round_id, &dots)).await
}

#[tauri::command]
pub async fn close_vote_round<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    round_id: String,
) -> ApiResult<Vec<VoteResult>> {
    state
        .write_lab(&app, lab_id, move |s| s.close_vote_round(&round_id))
        .await
}

#[tauri::command]
pub async fn vote_results(
    state: State<'_, AppState>,
    round_id: String,
) -> ApiResult<Vec<VoteResult>> {
    state.read(move |s| s.vote_results(&round_id)).await
}
