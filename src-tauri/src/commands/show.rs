//! The show: the projector window, what it shows, the pitch session and pitch notes.
//! Every change tells every window (the projector follows by the event, not by polling).

use tauri::{AppHandle, Manager, Runtime, State, WebviewUrl, WebviewWindowBuilder};

use crate::error::{ApiError, ApiResult};
use crate::state::{notify, AppState};
use labinov_core::{ChangeEvent, Entity, IdeaNote, PitchSession, ShowMode, ShowState, ShowTheme};

/// The projector window's label (its capability is granted to this label).
pub const PROJECTOR: &str = "projector";

/// Opens the projector window, or brings it to the front if it is open.
#[tauri::command]
pub async fn open_projector<R: Runtime>(app: AppHandle<R>) -> ApiResult<()> {
    if let Some(w) = app.get_webview_window(PROJECTOR) {
        w.unminimize().map_err(ApiError::from)?;
        w.show().map_err(ApiError::from)?;
        return w.set_focus().map_err(ApiError::from);
    }
    WebviewWindowBuilder::new(
        &app,
        PROJECTOR,
        WebviewUrl::App("index.html#projector".into()),
    )
    .title("Labinov — Proyektor")
    .inner_size(1280.0, 720.0)
    .resizable(true)
    .min_inner_size(640.0, 360.0)
    .disable_drag_drop_handler()
    .build()
    .map(|_| ())
    .map_err(ApiError::from)
}

#[tauri::command]
pub async fn show_state(state: State<'_, AppState>, lab_id: String) -> ApiResult<ShowState> {
    state.read(move |s| s.show_state(&lab_id)).await
}

#[tauri::command]
pub async fn set_show_mode<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    mode: ShowMode,
) -> ApiResult<ShowState> {
    state
        .write(&app, move |s| s.set_show_mode(&lab_id, mode))
        .await
}

#[tauri::command]
pub async fn set_spotlight<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    idea_id: Option<String>,
) -> ApiResult<ShowState> {
    state
        .write(&app, move |s| s.set_spotlight(&lab_id, idea_id.as_deref()))
        .await
}

#[tauri::command]
pub async fn set_show_theme<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    theme: ShowTheme,
) -> ApiResult<ShowState> {
    state
        .write(&app, move |s| s.set_show_theme(&lab_id, theme))
        .await
}

#[tauri::command]
pub async fn set_results_released<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    released: bool,
) -> ApiResult<ShowState> {
    state
        .write(&app, move |s| s.set_results_released(&lab_id, released))
        .await
}

#[tauri::command]
pub async fn pitch_session(state: State<'_, AppState>, lab_id: String) -> ApiResult<PitchSession> {
    state.read(move |s| s.pitch_session(&lab_id)).await
}

#[tauri::command]
pub async fn build_pitch_queue<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
) -> ApiResult<PitchSession> {
    state
        .write(&app, move |s| s.build_pitch_queue(&lab_id))
        .await
}

#[tauri::command]
pub async fn shuffle_pitch_queue<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    seed: u64,
) -> ApiResult<PitchSession> {
    state
        .write(&app, move |s| s.shuffle_pitch_queue(&lab_id, seed))
        .await
}

#[tauri::command]
pub async fn move_pitch_slot<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    idea_id: String,
    to_position: u32,
) -> ApiResult<PitchSession> {
    state
        .write(&app, move |s| {
            s.move_pitch_slot(&lab_id, &idea_id, to_position)
        })
        .await
}

/// Starts a pitch. It also puts the idea in the projector's spotlight, so the windows are
/// told of the show too, not only of the pitch.
#[tauri::command]
pub async fn start_pitch<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    idea_id: String,
) -> ApiResult<PitchSession> {
    let session = state
        .write(&app, move |s| s.start_pitch(&lab_id, &idea_id))
        .await?;
    notify(&app, show_changed(&session.lab_id));
    Ok(session)
}

fn show_changed(lab_id: &str) -> ChangeEvent {
    ChangeEvent {
        lab_id: Some(lab_id.to_owned()),
        entity: Entity::Show,
        entity_id: lab_id.to_owned(),
    }
}

#[tauri::command]
pub async fn pause_pitch<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
) -> ApiResult<PitchSession> {
    state.write(&app, move |s| s.pause_pitch(&lab_id)).await
}

#[tauri::command]
pub async fn resume_pitch<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
) -> ApiResult<PitchSession> {
    state.write(&app, move |s| s.resume_pitch(&lab_id)).await
}

#[tauri::command]
pub async fn finish_pitch<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
) -> ApiResult<PitchSession> {
    state.write(&app, move |s| s.finish_pitch(&lab_id)).await
}

#[tauri::command]
pub async fn skip_pitch<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    idea_id: String,
) -> ApiResult<PitchSession> {
    state
        .write(&app, move |s| s.skip_pitch(&lab_id, &idea_id))
        .await
}

#[tauri::command]
pub async fn requeue_pitch<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    idea_id: String,
) -> ApiResult<PitchSession> {
    state
        .write(&app, move |s| s.requeue_pitch(&lab_id, &idea_id))
        .await
}

#[tauri::command]
pub async fn set_pitch_duration<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    duration_ms: u32,
) -> ApiResult<PitchSession> {
    state
        .write(&app, move |s| s.set_pitch_duration(&lab_id, duration_ms))
        .await
}

/// A note on an idea (in its history): the windows are told the idea changed.
#[tauri::command]
pub async fn add_idea_note<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    idea_id: String,
    text: String,
) -> ApiResult<IdeaNote> {
    let (note, lab_id) = state
        .read(move |s| {
            let note = s.add_idea_note(&idea_id, &text)?;
            Ok((note, s.get_idea(&idea_id)?.lab_id))
        })
        .await?;
    notify(
        &app,
        ChangeEvent {
            lab_id: Some(lab_id),
            entity: Entity::Idea,
            entity_id: note.idea_id.clone(),
        },
    );
    Ok(note)
}

#[tauri::command]
pub async fn list_idea_notes(
    state: State<'_, AppState>,
    idea_id: String,
) -> ApiResult<Vec<IdeaNote>> {
    state.read(move |s| s.list_idea_notes(&idea_id)).await
}
