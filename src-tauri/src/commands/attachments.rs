//! Photos attached to ideas.

use labinov_core::Attachment;
use tauri::ipc::{Request, Response};
use tauri::{AppHandle, Runtime, State};

use super::setup::{header, upload};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Body: the photo's bytes. Headers: `lab-id`, `idea-id`, `file-name`.
#[tauri::command]
pub async fn add_attachment<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: Request<'_>,
) -> ApiResult<Attachment> {
    let u = upload(&request)?;
    let idea_id = header(&request, "idea-id")
        .ok_or_else(|| ApiError::internal("the upload has no idea-id header"))?;
    state
        .write_lab(&app, u.lab_id, move |s| {
            s.add_attachment(&idea_id, &u.file_name, &u.bytes)
        })
        .await
}

#[tauri::command]
pub async fn list_attachments(
    state: State<'_, AppState>,
    idea_id: String,
) -> ApiResult<Vec<Attachment>> {
    state.read(move |s| s.list_attachments(&idea_id)).await
}

/// The thumbnail (or with `full`, the photo) as raw bytes: an `ArrayBuffer` in the UI.
#[tauri::command]
pub async fn attachment_bytes(
    state: State<'_, AppState>,
    attachment_id: String,
    full: bool,
) -> ApiResult<Response> {
    state
        .read(move |s| s.attachment_bytes(&attachment_id, full))
        .await
        .map(Response::new)
}

#[tauri::command]
pub async fn remove_attachment<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    attachment_id: String,
) -> ApiResult<()> {
    state
        .write_lab(&app, lab_id, move |s| s.remove_attachment(&attachment_id))
        .await
}
