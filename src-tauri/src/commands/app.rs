//! About the app, its database and its log.

use std::panic::Location;

use labinov_core::AppInfo;
use tauri::State;

use crate::error::{ApiError, ApiResult};
use crate::logging;
use crate::state::{blocking, AppState};

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> ApiResult<AppInfo> {
    state.read(|s| s.info()).await
}

/// The folder the app's log is written to (`logs/` beside the database), as shown to the
/// user. Works also when the database could not be opened.
#[tauri::command]
pub async fn log_folder(state: State<'_, AppState>) -> ApiResult<String> {
    Ok(logging::log_dir(&state.db_path).display().to_string())
}

/// Opens the log folder in the system's file manager (creating it if needed) and returns
/// its path. The folder is the only thing this can open: the webview names no path, and
/// it has no opener permission of its own.
#[tauri::command]
pub async fn open_log_folder(state: State<'_, AppState>) -> ApiResult<String> {
    let dir = logging::log_dir(&state.db_path);
    let shown = dir.display().to_string();
    blocking(move || logging::open_folder(&dir))
        .await?
        .map(|()| shown)
        .map_err(|e| {
            let e = ApiError::from(labinov_core::Error::Io(e));
            logging::command_failed(Location::caller(), &e.0);
            e
        })
}
