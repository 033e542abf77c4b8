//! The activity report (laporan kegiatan): attendance per agenda session and the lab's
//! report settings. A tick tells the windows `attendance` changed (not the whole lab:
//! the board need not reload for a tick).

use labinov_core::{
    AttendanceCounts, AttendanceInput, Attendee, ChangeEvent, Entity, ReportSettings,
};
use tauri::{AppHandle, Runtime, State};

use crate::error::ApiResult;
use crate::state::{notify, AppState};

#[tauri::command]
pub async fn attendance(state: State<'_, AppState>, lab_id: String) -> ApiResult<Vec<Attendee>> {
    state.read(move |s| s.attendance(&lab_id)).await
}

#[tauri::command]
pub async fn attendance_counts(
    state: State<'_, AppState>,
    lab_id: String,
) -> ApiResult<AttendanceCounts> {
    state.read(move |s| s.attendance_counts(&lab_id)).await
}

#[tauri::command]
pub async fn set_attendance<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    session_id: String,
    input: AttendanceInput,
) -> ApiResult<Attendee> {
    let session = session_id.clone();
    let out = state
        .read(move |s| s.set_attendance(&session, input))
        .await?;
    notify(
        &app,
        ChangeEvent {
            lab_id: Some(lab_id),
            entity: Entity::Attendance,
            entity_id: session_id,
        },
    );
    Ok(out)
}

#[tauri::command]
pub async fn report_settings(
    state: State<'_, AppState>,
    lab_id: String,
) -> ApiResult<ReportSettings> {
    state.read(move |s| s.report_settings(&lab_id)).await
}

#[tauri::command]
pub async fn set_report_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    input: ReportSettings,
) -> ApiResult<ReportSettings> {
    let lab = lab_id.clone();
    let out = state
        .read(move |s| s.set_report_settings(&lab, input))
        .await?;
    notify(
        &app,
        ChangeEvent {
            lab_id: Some(lab_id.clone()),
            entity: Entity::ReportSetting,
            entity_id: lab_id,
        },
    );
    Ok(out)
}
