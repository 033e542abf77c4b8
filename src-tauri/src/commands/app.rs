//! About the app and its database.

use labinov_core::AppInfo;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> ApiResult<AppInfo> {
    state.read(|s| s.info()).await
}
