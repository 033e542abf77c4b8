//! Setting a lab up: agencies, option lists, the agenda, people, and spreadsheet imports.

use labinov_core::{
    Agency, AgendaInput, AgendaSession, ImportMode, ImportReport, NewAgency, OptionItem, Person,
    PersonInput,
};
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Runtime, State};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

#[tauri::command]
pub async fn list_agencies(state: State<'_, AppState>, lab_id: String) -> ApiResult<Vec<Agency>> {
    state.read(move |s| s.list_agencies(&lab_id)).await
}

#[tauri::command]
pub async fn add_agency<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    input: NewAgency,
) -> ApiResult<Agency> {
    state
        .write(&app, move |s| s.add_agency(&lab_id, input))
        .await
}

#[tauri::command]
pub async fn edit_agency<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    agency_id: String,
    input: NewAgency,
) -> ApiResult<Agency> {
    state
        .write(&app, move |s| s.edit_agency(&agency_id, input))
        .await
}

#[tauri::command]
pub async fn set_agency_retired<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    agency_id: String,
    retired: bool,
) -> ApiResult<Agency> {
    state
        .write(&app, move |s| s.set_agency_retired(&agency_id, retired))
        .await
}

#[tauri::command]
pub async fn list_options(
    state: State<'_, AppState>,
    lab_id: String,
) -> ApiResult<Vec<OptionItem>> {
    state.read(move |s| s.list_options(&lab_id)).await
}

#[tauri::command]
pub async fn save_option<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    list: String,
    code: String,
    label_id: String,
    label_en: String,
) -> ApiResult<OptionItem> {
    state
        .write_lab(&app, lab_id.clone(), move |s| {
            s.save_option(&lab_id, &list, &code, &label_id, &label_en)
        })
        .await
}

#[tauri::command]
pub async fn retire_option<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    list: String,
    code: String,
) -> ApiResult<()> {
    state
        .write_lab(&app, lab_id.clone(), move |s| {
            s.retire_option(&lab_id, &list, &code)
        })
        .await
}

#[tauri::command]
pub async fn get_agenda(
    state: State<'_, AppState>,
    lab_id: String,
) -> ApiResult<Vec<AgendaSession>> {
    state.read(move |s| s.agenda(&lab_id)).await
}

#[tauri::command]
pub async fn add_session<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    input: AgendaInput,
) -> ApiResult<AgendaSession> {
    state
        .write_lab(&app, lab_id.clone(), move |s| s.add_session(&lab_id, input))
        .await
}

#[tauri::command]
pub async fn update_session<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    session_id: String,
    input: AgendaInput,
) -> ApiResult<AgendaSession> {
    state
        .write_lab(&app, lab_id, move |s| s.update_session(&session_id, input))
        .await
}

#[tauri::command]
pub async fn delete_session<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    session_id: String,
) -> ApiResult<()> {
    state
        .write_lab(&app, lab_id, move |s| s.delete_session(&session_id))
        .await
}

#[tauri::command]
pub async fn list_people(state: State<'_, AppState>, lab_id: String) -> ApiResult<Vec<Person>> {
    state.read(move |s| s.list_people(&lab_id)).await
}

#[tauri::command]
pub async fn add_person<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    input: PersonInput,
) -> ApiResult<Person> {
    state
        .write_lab(&app, lab_id.clone(), move |s| s.add_person(&lab_id, input))
        .await
}

#[tauri::command]
pub async fn remove_person<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    person_id: String,
) -> ApiResult<()> {
    state
        .write_lab(&app, lab_id, move |s| s.remove_person(&person_id))
        .await
}

/// What an upload carries besides its bytes: headers set by `ui/src/api.ts`.
pub(crate) struct Upload {
    pub lab_id: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// A header's value, percent-decoded (file names may hold any character).
pub(crate) fn header(request: &Request<'_>, name: &str) -> Option<String> {
    let raw = request.headers().get(name)?.to_str().ok()?;
    Some(percent_decode(raw))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Reads an upload: the raw body plus the `lab-id` and `file-name` headers.
pub(crate) fn upload(request: &Request<'_>) -> ApiResult<Upload> {
    let missing = |h: &str| ApiError::internal(format!("the upload has no {h} header"));
    let lab_id = header(request, "lab-id").ok_or_else(|| missing("lab-id"))?;
    let file_name = header(request, "file-name").ok_or_else(|| missing("file-name"))?;
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(ApiError::internal("the upload's body is not raw bytes"));
    };
    Ok(Upload {
        lab_id,
        file_name,
        bytes: bytes.clone(),
    })
}

pub(crate) fn import_mode(request: &Request<'_>) -> ApiResult<ImportMode> {
    match header(request, "import-mode").as_deref() {
        Some("preview") | None => Ok(ImportMode::Preview),
        Some("all_or_nothing") => Ok(ImportMode::AllOrNothing),
        Some("skip_refused") => Ok(ImportMode::SkipRefused),
        Some(other) => Err(labinov_core::Error::invalid(
            "importMode",
            labinov_core::Reason::NotOneOf {
                value: other.into(),
                allowed: ["preview", "all_or_nothing", "skip_refused"]
                    .map(String::from)
                    .into(),
            },
        )
        .into()),
    }
}

/// Body: the file's bytes. Headers: `lab-id`, `file-name`, `import-mode`.
#[tauri::command]
pub async fn import_agencies<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: Request<'_>,
) -> ApiResult<ImportReport> {
    let (u, mode) = (upload(&request)?, import_mode(&request)?);
    let lab_id = u.lab_id.clone();
    let import =
        move |s: &labinov_core::Store| s.import_agencies(&u.lab_id, &u.file_name, &u.bytes, mode);
    state
        .write_lab_when(&app, lab_id, import, |report| report.applied)
        .await
}

/// Body: the file's bytes. Headers: `lab-id`, `file-name`, `import-mode`.
#[tauri::command]
pub async fn import_ideas<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: Request<'_>,
) -> ApiResult<ImportReport> {
    let (u, mode) = (upload(&request)?, import_mode(&request)?);
    let lab_id = u.lab_id.clone();
    let import =
        move |s: &labinov_core::Store| s.import_ideas(&u.lab_id, &u.file_name, &u.bytes, mode);
    state
        .write_lab_when(&app, lab_id, import, |report| report.applied)
        .await
}
