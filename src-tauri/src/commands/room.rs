//! The room: the participant service phones join (`labinov-room`), opened and closed by
//! the facilitator, and the moderation queue of what phones sent. The running service is
//! held in [`AppState::room`]; it is closed with the main window and when another lab is
//! opened (`close_for_lab`).

use std::net::{IpAddr, SocketAddr};

use labinov_core::{
    ChangeEvent, Entity, Error, Idea, Proposal, ProposalEdit, QuestionState, Reason, RoomAddress,
    RoomQuestion, RoomStatus,
};
use tauri::ipc::Response;
use tauri::{AppHandle, Runtime, State};

use crate::error::{ApiError, ApiResult};
use crate::state::{blocking, notify, AppState};

fn unavailable(address: impl Into<String>) -> ApiError {
    ApiError::from(Error::invalid(
        "address",
        Reason::AddressUnavailable {
            address: address.into(),
        },
    ))
}

/// Tells every window the room of `lab_id` changed (the panel, the projector's join view).
fn room_changed<R: Runtime>(app: &AppHandle<R>, lab_id: &str) {
    notify(
        app,
        ChangeEvent {
            lab_id: Some(lab_id.to_owned()),
            entity: Entity::Show,
            entity_id: lab_id.to_owned(),
        },
    );
}

/// This laptop's addresses the room can be served on (IPv4, loopback last).
#[tauri::command]
pub async fn room_addresses() -> ApiResult<Vec<RoomAddress>> {
    Ok(addresses()
        .await?
        .into_iter()
        .map(|a| RoomAddress {
            interface: a.interface,
            ip: a.ip.to_string(),
            loopback: a.loopback,
        })
        .collect())
}

async fn addresses() -> ApiResult<Vec<labinov_room::InterfaceAddress>> {
    blocking(labinov_room::interface_addresses)
        .await?
        .map_err(|e| ApiError::from(Error::from(e)))
}

/// The room of `lab_id` as the panel and the projector show it.
async fn status(state: &AppState, lab_id: String) -> ApiResult<RoomStatus> {
    let running = {
        let room = state.room.lock().await;
        room.as_ref()
            .filter(|r| r.lab_id() == lab_id)
            .map(|r| r.url())
    };
    state
        .read(move |s| {
            let (pending_proposals, pending_questions) = s.room_pending(&lab_id)?;
            let opening = s.room_opening(&lab_id)?;
            let mut out = RoomStatus {
                lab_id,
                pending_proposals,
                pending_questions,
                ..RoomStatus::default()
            };
            if let (Some(url), Some(o)) = (running, opening) {
                let join_url = format!("{url}#{}", o.join_code);
                out.open = true;
                out.qr_svg = Some(labinov_room::qr_svg(&join_url));
                out.url = Some(url);
                out.join_code = Some(o.join_code);
                out.joined = o.joined;
                out.ask_name = o.ask_name;
            }
            Ok(out)
        })
        .await
}

/// Stops the running service (if any) and closes its opening in the store.
async fn stop(state: &AppState) {
    let server = state.room.lock().await.take();
    if let Some(server) = server {
        let lab_id = server.lab_id().to_owned();
        server.shutdown().await;
        if let Ok(store) = state.store() {
            match blocking(move || store.close_room(&lab_id)).await {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::warn!(error = %e, "the room's opening could not be closed"),
                Err(e) => tracing::warn!(error = %e, "the room's opening could not be closed"),
            }
        }
        tracing::info!("the room is closed");
    }
}

/// Closes the room when a lab other than its own is opened.
pub async fn close_for_lab(state: &AppState, lab_id: &str) {
    let other = state
        .room
        .lock()
        .await
        .as_ref()
        .is_some_and(|r| r.lab_id() != lab_id);
    if other {
        stop(state).await;
    }
}

/// Closes the room (the main window closed, the app exits).
pub async fn close(state: &AppState) {
    stop(state).await;
}

/// Opens the room of `lab_id` for phones on `address` (one of `room_addresses`), port
/// `port` (0: one the system picks), with a fresh join code. A room already open (this
/// lab's or another's) is closed first.
#[tauri::command]
pub async fn open_room<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
    address: String,
    port: u16,
    ask_name: bool,
) -> ApiResult<RoomStatus> {
    let ip: IpAddr = address.trim().parse().map_err(|_| unavailable(&address))?;
    if !addresses().await?.iter().any(|a| a.ip == ip) {
        return Err(unavailable(address));
    }
    stop(&state).await;
    let store = state.store()?;
    let id = lab_id.clone();
    state.read(move |s| s.open_room(&id, ask_name)).await?;
    let server = labinov_room::start(
        store,
        &lab_id,
        SocketAddr::new(ip, port),
        labinov_room::RoomConfig::default(),
    )
    .await;
    let server = match server {
        Ok(server) => server,
        Err(e) => {
            tracing::warn!(error = %e, "the room could not be opened");
            let id = lab_id.clone();
            let _ = state.read(move |s| s.close_room(&id)).await;
            return Err(unavailable(SocketAddr::new(ip, port).to_string()));
        }
    };
    *state.room.lock().await = Some(server);
    room_changed(&app, &lab_id);
    status(&state, lab_id).await
}

#[tauri::command]
pub async fn close_room<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    lab_id: String,
) -> ApiResult<RoomStatus> {
    let ours = state
        .room
        .lock()
        .await
        .as_ref()
        .is_some_and(|r| r.lab_id() == lab_id);
    if ours {
        stop(&state).await;
    } else {
        let id = lab_id.clone();
        state.read(move |s| s.close_room(&id)).await?;
    }
    room_changed(&app, &lab_id);
    status(&state, lab_id).await
}

#[tauri::command]
pub async fn room_status(state: State<'_, AppState>, lab_id: String) -> ApiResult<RoomStatus> {
    status(&state, lab_id).await
}

#[tauri::command]
pub async fn list_proposals(
    state: State<'_, AppState>,
    lab_id: String,
) -> ApiResult<Vec<Proposal>> {
    state.read(move |s| s.list_proposals(&lab_id)).await
}

#[tauri::command]
pub async fn accept_proposal<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    proposal_id: String,
    edit: Option<ProposalEdit>,
) -> ApiResult<Idea> {
    state
        .write(&app, move |s| s.accept_proposal(&proposal_id, edit))
        .await
}

#[tauri::command]
pub async fn merge_proposal<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    proposal_id: String,
    idea_id: String,
) -> ApiResult<Idea> {
    state
        .write(&app, move |s| s.merge_proposal(&proposal_id, &idea_id))
        .await
}

#[tauri::command]
pub async fn reject_proposal(
    state: State<'_, AppState>,
    proposal_id: String,
) -> ApiResult<Proposal> {
    state.read(move |s| s.reject_proposal(&proposal_id)).await
}

#[tauri::command]
pub async fn proposal_thumbnail(
    state: State<'_, AppState>,
    proposal_id: String,
) -> ApiResult<Response> {
    state
        .read(move |s| Ok(s.proposal_thumbnail(&proposal_id)?.unwrap_or_default()))
        .await
        .map(Response::new)
}

#[tauri::command]
pub async fn list_questions(
    state: State<'_, AppState>,
    lab_id: String,
) -> ApiResult<Vec<RoomQuestion>> {
    state.read(move |s| s.list_questions(&lab_id)).await
}

#[tauri::command]
pub async fn moderate_question<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    question_id: String,
    decision: QuestionState,
) -> ApiResult<RoomQuestion> {
    let q = state
        .read(move |s| s.moderate_question(&question_id, decision))
        .await?;
    room_changed(&app, &q.lab_id);
    Ok(q)
}

#[tauri::command]
pub async fn shown_questions(
    state: State<'_, AppState>,
    lab_id: String,
) -> ApiResult<Vec<RoomQuestion>> {
    state.read(move |s| s.shown_questions(&lab_id)).await
}
