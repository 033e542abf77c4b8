//! The months after the lab (`labinov_core::store::followup`): an idea's plan, partners,
//! steps, milestones, progress updates, coaching notes, evidence files, the IID checklist
//! and estimates, the follow-up board, and the agencies' workbooks.
//!
//! Every write takes the lab's id from the UI (like the photos) only to tell the windows:
//! a `labinov:changed` event with the follow-up entity written and, where the write names
//! one, the idea's id. Evidence goes up as an upload and comes back as raw bytes, like a
//! photo. Workbooks are written into a folder and read back from a file the user picked
//! with `export::pick_folder` / `export::pick_file` (Rust side); the webview only ever
//! passes back the path.

use std::future::Future;
use std::path::{Path, PathBuf};

use labinov_core::followup::iid::{IidAnswer, IidConfig, IidEstimate};
use labinov_core::followup::{
    AgencyIidEstimate, CoachNote, ConflictChoice, Evidence, FollowupBoard, FollowupPlan,
    IdeaFollowup, Milestone, Partner, ProgressUpdate, Step, StepInput, UpdateInput, WorkbookImport,
};
use labinov_core::{ChangeEvent, ChangeRecord, Entity, Store};
use tauri::ipc::{Request, Response};
use tauri::{AppHandle, Runtime, State};

use super::setup::{header, upload};
use crate::error::{ApiError, ApiResult};
use crate::logging;
use crate::state::{AppState, Changed};

impl Changed for WorkbookImport {
    fn change_event(&self) -> ChangeEvent {
        // An import touches many ideas' plans and updates: every window reloads the lab.
        ChangeEvent {
            lab_id: Some(self.lab_id.clone()),
            entity: Entity::Lab,
            entity_id: self.lab_id.clone(),
        }
    }
}

/// Runs a follow-up write `f` of the record `id` (an idea, or the record a removal or
/// edit names), then tells every window showing `lab_id` that `entity` `id` changed.
#[track_caller]
fn write<'a, T, F, R>(
    state: &AppState,
    app: &'a AppHandle<R>,
    lab_id: String,
    entity: Entity,
    id: String,
    f: F,
) -> impl Future<Output = ApiResult<T>> + Send + 'a
where
    T: Send + 'static,
    F: FnOnce(&Store, &str) -> labinov_core::Result<T> + Send + 'static,
    R: Runtime,
{
    let entity_id = id.clone();
    state.write_telling(
        app,
        move |s| f(s, &id),
        move |_| {
            Some(ChangeEvent {
                lab_id: Some(lab_id),
                entity,
                entity_id,
            })
        },
    )
}

#[tauri::command]
pub async fn idea_followup(state: State<'_, AppState>, idea_id: String) -> ApiResult<IdeaFollowup> {
    state.read(move |s| s.idea_followup(&idea_id)).await
}

/// The idea's history restricted to its follow-up (plan, steps, updates, imports...).
#[tauri::command]
pub async fn followup_history(
    state: State<'_, AppState>,
    idea_id: String,
) -> ApiResult<Vec<ChangeRecord>> {
    state.read(move |s| s.followup_history(&idea_id)).await
}

#[tauri::command]
pub async fn save_followup_plan<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    idea_id: String,
    agency_id: Option<String>,
    responsible: String,
) -> ApiResult<FollowupPlan> {
    write(
        &state,
        &app,
        lab_id,
        Entity::FollowupPlan,
        idea_id,
        move |s, id| s.save_followup_plan(id, agency_id.as_deref(), &responsible),
    )
    .await
}

#[tauri::command]
pub async fn add_partner<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    idea_id: String,
    agency_id: String,
    role: String,
) -> ApiResult<Partner> {
    write(
        &state,
        &app,
        lab_id,
        Entity::FollowupPartner,
        idea_id,
        move |s, id| s.add_partner(id, &agency_id, &role),
    )
    .await
}

#[tauri::command]
pub async fn remove_partner<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    partner_id: String,
) -> ApiResult<()> {
    write(
        &state,
        &app,
        lab_id,
        Entity::FollowupPartner,
        partner_id,
        move |s, id| s.remove_partner(id),
    )
    .await
}

#[tauri::command]
pub async fn add_step<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    idea_id: String,
    input: StepInput,
) -> ApiResult<Step> {
    write(
        &state,
        &app,
        lab_id,
        Entity::FollowupStep,
        idea_id,
        move |s, id| s.add_step(id, input),
    )
    .await
}

#[tauri::command]
pub async fn edit_step<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    step_id: String,
    input: StepInput,
) -> ApiResult<Step> {
    write(
        &state,
        &app,
        lab_id,
        Entity::FollowupStep,
        step_id,
        move |s, id| s.edit_step(id, input),
    )
    .await
}

#[tauri::command]
pub async fn move_step<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    step_id: String,
    position: u32,
) -> ApiResult<Vec<Step>> {
    write(
        &state,
        &app,
        lab_id,
        Entity::FollowupStep,
        step_id,
        move |s, id| s.move_step(id, position),
    )
    .await
}

#[tauri::command]
pub async fn remove_step<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    step_id: String,
) -> ApiResult<()> {
    write(
        &state,
        &app,
        lab_id,
        Entity::FollowupStep,
        step_id,
        move |s, id| s.remove_step(id),
    )
    .await
}

#[tauri::command]
pub async fn set_milestone<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    idea_id: String,
    stage: String,
    planned_date: String,
    actual_date: String,
) -> ApiResult<Milestone> {
    write(
        &state,
        &app,
        lab_id,
        Entity::FollowupMilestone,
        idea_id,
        move |s, id| s.set_milestone(id, &stage, &planned_date, &actual_date),
    )
    .await
}

#[tauri::command]
pub async fn add_progress_update<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    idea_id: String,
    input: UpdateInput,
) -> ApiResult<ProgressUpdate> {
    write(
        &state,
        &app,
        lab_id,
        Entity::FollowupUpdate,
        idea_id,
        move |s, id| s.add_progress_update(id, input),
    )
    .await
}

#[tauri::command]
pub async fn remove_progress_update<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    update_id: String,
) -> ApiResult<()> {
    write(
        &state,
        &app,
        lab_id,
        Entity::FollowupUpdate,
        update_id,
        move |s, id| s.remove_progress_update(id),
    )
    .await
}

#[tauri::command]
pub async fn add_coach_note<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    idea_id: String,
    date: String,
    coach: String,
    text: String,
) -> ApiResult<CoachNote> {
    write(
        &state,
        &app,
        lab_id,
        Entity::FollowupCoachNote,
        idea_id,
        move |s, id| s.add_coach_note(id, &date, &coach, &text),
    )
    .await
}

#[tauri::command]
pub async fn remove_coach_note<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    note_id: String,
) -> ApiResult<()> {
    write(
        &state,
        &app,
        lab_id,
        Entity::FollowupCoachNote,
        note_id,
        move |s, id| s.remove_coach_note(id),
    )
    .await
}

/// Body: the file's bytes. Headers: `lab-id`, `idea-id`, `file-name`, and `update-id`
/// when it supports a progress update (absent or empty: the idea as a whole).
#[tauri::command]
pub async fn add_evidence<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: Request<'_>,
) -> ApiResult<Evidence> {
    let u = upload(&request)?;
    let idea_id = header(&request, "idea-id")
        .ok_or_else(|| ApiError::internal("the upload has no idea-id header"))?;
    let update_id = header(&request, "update-id").filter(|u| !u.is_empty());
    write(
        &state,
        &app,
        u.lab_id,
        Entity::FollowupEvidence,
        idea_id,
        move |s, id| s.add_evidence(id, update_id.as_deref(), &u.file_name, &u.bytes),
    )
    .await
}

#[tauri::command]
pub async fn list_evidence(
    state: State<'_, AppState>,
    idea_id: String,
) -> ApiResult<Vec<Evidence>> {
    state.read(move |s| s.list_evidence(&idea_id)).await
}

/// An evidence file's bytes, to open it (an `ArrayBuffer` in the UI).
#[tauri::command]
pub async fn evidence_bytes(
    state: State<'_, AppState>,
    evidence_id: String,
) -> ApiResult<Response> {
    state
        .read(move |s| s.evidence_bytes(&evidence_id))
        .await
        .map(Response::new)
}

/// `name` (its last component only) in `dir`, or `name (2)`, `name (3)` ... when taken:
/// a copy never replaces a file already there.
fn free_name(dir: &Path, name: &str) -> String {
    let name = Path::new(name)
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| !n.starts_with('.'))
        .unwrap_or("bukti")
        .to_owned();
    if !dir.join(&name).exists() {
        return name;
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem.to_owned(), format!(".{ext}")),
        _ => (name.clone(), String::new()),
    };
    (2..)
        .map(|n| format!("{stem} ({n}){ext}"))
        .find(|candidate| !dir.join(candidate).exists())
        .unwrap_or(name)
}

/// Saves a copy of an evidence file into the folder `dest` (picked with `pick_folder`)
/// under its own name, written safely (temporary name, fsync, read back, rename); answers
/// the copy's path. Reads the store only. (The window shows photos itself; a PDF is
/// opened from its copy.)
#[tauri::command]
pub async fn save_evidence_copy(
    state: State<'_, AppState>,
    idea_id: String,
    evidence_id: String,
    dest: String,
) -> ApiResult<String> {
    state
        .read(move |s| {
            let evidence = s
                .list_evidence(&idea_id)?
                .into_iter()
                .find(|e| e.id == evidence_id)
                .ok_or_else(|| labinov_core::Error::not_found("evidence", evidence_id.clone()))?;
            let bytes = s.evidence_bytes(&evidence.id)?;
            let dir = Path::new(&dest);
            let written = labinov_core::safe_write::write_file(
                dir,
                &free_name(dir, &evidence.file_name),
                &bytes,
            )?;
            Ok(written.path.display().to_string())
        })
        .await
}

#[tauri::command]
pub async fn remove_evidence<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    evidence_id: String,
) -> ApiResult<()> {
    write(
        &state,
        &app,
        lab_id,
        Entity::FollowupEvidence,
        evidence_id,
        move |s, id| s.remove_evidence(id),
    )
    .await
}

/// The follow-up board as of `today` (`YYYY-MM-DD`, the lab's day: the UI says which).
#[tauri::command]
pub async fn followup_board(
    state: State<'_, AppState>,
    lab_id: String,
    today: String,
) -> ApiResult<FollowupBoard> {
    state.read(move |s| s.followup_board(&lab_id, &today)).await
}

#[tauri::command]
pub async fn iid_config(state: State<'_, AppState>, lab_id: String) -> ApiResult<IidConfig> {
    state.read(move |s| s.iid_config(&lab_id)).await
}

/// The configurations shipped with Labinov (data, not code): what the editor starts a
/// year from or resets to.
#[tauri::command]
pub async fn shipped_iid_configs() -> ApiResult<Vec<IidConfig>> {
    Ok(IidConfig::shipped())
}

#[tauri::command]
pub async fn save_iid_config<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    config: IidConfig,
) -> ApiResult<IidConfig> {
    state
        .write_lab(&app, lab_id.clone(), move |s| {
            s.save_iid_config(&lab_id, &config)
        })
        .await
}

#[tauri::command]
pub async fn iid_checklist(
    state: State<'_, AppState>,
    idea_id: String,
) -> ApiResult<Vec<IidAnswer>> {
    state.read(move |s| s.iid_checklist(&idea_id)).await
}

#[tauri::command]
pub async fn set_iid_answer<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    idea_id: String,
    indicator: String,
    parameter: Option<u32>,
    evidence: Vec<String>,
) -> ApiResult<IidAnswer> {
    write(
        &state,
        &app,
        lab_id,
        Entity::FollowupIidAnswer,
        idea_id,
        move |s, id| s.set_iid_answer(id, &indicator, parameter, evidence),
    )
    .await
}

#[tauri::command]
pub async fn iid_estimate(state: State<'_, AppState>, idea_id: String) -> ApiResult<IidEstimate> {
    state.read(move |s| s.iid_estimate(&idea_id)).await
}

#[tauri::command]
pub async fn iid_estimates_by_agency(
    state: State<'_, AppState>,
    lab_id: String,
) -> ApiResult<Vec<AgencyIidEstimate>> {
    state
        .read(move |s| s.iid_estimates_by_agency(&lab_id))
        .await
}

/// Writes one workbook per agency leading an idea into the folder `dest` (each safely:
/// a temporary name, fsync, read back, rename); answers the files' paths. Reads the
/// store only. Logged with the lab's id and the count, never the folder (named by the user).
#[tauri::command]
pub async fn export_followup_workbooks(
    state: State<'_, AppState>,
    lab_id: String,
    dest: String,
) -> ApiResult<Vec<String>> {
    state
        .read(move |s| {
            let out = labinov_render::export_followup_workbooks(s, &lab_id, Path::new(&dest));
            match &out {
                Ok(files) => {
                    tracing::info!(lab = %lab_id, files = files.len(), "follow-up workbooks written")
                }
                Err(e) => {
                    tracing::warn!(lab = %lab_id, error = %logging::Safe(e), "follow-up workbooks not written")
                }
            }
            out.map(|files| files.iter().map(|f| f.display().to_string()).collect())
        })
        .await
}

/// What importing the returned workbook at `path` would do with these choices; writes nothing.
#[tauri::command]
pub async fn preview_followup_workbook(
    state: State<'_, AppState>,
    path: String,
    choices: Vec<ConflictChoice>,
) -> ApiResult<WorkbookImport> {
    state
        .read(move |s| s.preview_followup_workbook(&PathBuf::from(path), &choices))
        .await
}

/// Imports the returned workbook at `path`; conflicts keep the value here unless `choices`
/// take the workbook's. Every window showing the workbook's lab reloads it.
#[tauri::command]
pub async fn import_followup_workbook<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
    choices: Vec<ConflictChoice>,
) -> ApiResult<WorkbookImport> {
    state
        .write(&app, move |s| {
            let out = s.import_followup_workbook(&PathBuf::from(path), &choices);
            match &out {
                Ok(r) => tracing::info!(
                    lab = %r.lab_id,
                    agency = %r.agency_id,
                    new_updates = r.new_updates.len(),
                    new_steps = r.new_steps.len(),
                    changes = r.changes.len(),
                    conflicts = r.conflicts.len(),
                    refused = r.refused.len(),
                    "follow-up workbook imported"
                ),
                Err(e) => tracing::warn!(error = %logging::Safe(e), "follow-up workbook refused"),
            }
            out
        })
        .await
}
