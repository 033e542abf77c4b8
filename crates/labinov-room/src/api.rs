//! The participant API and pages: the only routes the service has.
//!
//! | route | needs | does |
//! |---|---|---|
//! | `GET /`, `/app.js`, `/app.css` | | the participant page |
//! | `POST /api/lobby` `{code}` | the join code | the lab's name, the agencies, whether a name is asked |
//! | `POST /api/join` `{code, agencyId, name, deviceId?}` | the join code | a session token (once); a known `deviceId` takes up the phone's earlier session |
//! | `GET /api/wall` | a token | what the phone may see ([`RoomWall`](labinov_core::RoomWall)) |
//! | `POST /api/proposals` `{submissionId, agencyId, title, problem, description, photo?}` | a token | a proposal (201 new, 200 already sent) |
//! | `POST /api/questions` `{submissionId, text}` | a token | a question for moderation |
//! | `POST /api/questions/{id}/plus-one` | a token | its +1 count |
//! | `POST /api/ballot` `{roundId, dots}` | a token | the ballot counted |
//!
//! Anything else is 404. Refusals are JSON: `{code, field?, reason?}` with the core's
//! error code and typed reason (which the page words), or the guard's own code.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use labinov_core::{Error, ErrorCode, ProposalInput, Reason, Store};
use serde::Deserialize;
use serde_json::json;

use crate::guard::{self, refuse, Guard};
use crate::{pages, RoomConfig};

struct Room {
    store: Arc<Store>,
    lab_id: String,
}

type Shared = State<Arc<Room>>;

pub(crate) fn router(
    store: Arc<Store>,
    lab_id: String,
    local: SocketAddr,
    config: &RoomConfig,
) -> Router {
    let room = Arc::new(Room { store, lab_id });
    let guard = Arc::new(Guard::new(local, config));
    Router::new()
        .route("/", get(pages::index))
        .route("/app.js", get(pages::script))
        .route("/app.css", get(pages::style))
        .route("/api/lobby", post(lobby))
        .route("/api/join", post(join))
        .route("/api/wall", get(wall))
        .route(
            "/api/proposals",
            post(submit).layer(DefaultBodyLimit::max(config.max_proposal_body)),
        )
        .route("/api/questions", post(ask))
        .route("/api/questions/{id}/plus-one", post(plus_one))
        .route("/api/ballot", post(ballot))
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
        .layer(DefaultBodyLimit::max(config.max_body))
        .with_state(room)
        // Outermost first on the way in: the timeout, the cap on requests in flight,
        // the largest body any route takes, then the guard.
        .layer(axum::middleware::from_fn_with_state(guard, guard::check))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            config.max_proposal_body,
        ))
        .layer(tower::limit::ConcurrencyLimitLayer::new(
            config.max_in_flight,
        ))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
}

async fn not_found() -> Response {
    refuse(StatusCode::NOT_FOUND, "not_found")
}

/// A core error as the phone gets it: the status, the code, the field and the typed
/// reason; the English detail only in the log.
fn refusal(e: Error) -> Response {
    let status = match (e.code(), e.reason()) {
        (_, Some(Reason::NotJoined)) => StatusCode::UNAUTHORIZED,
        (_, Some(Reason::JoinCodeWrong)) => StatusCode::FORBIDDEN,
        (ErrorCode::NotFound, _) => StatusCode::NOT_FOUND,
        (ErrorCode::InvalidInput | ErrorCode::BadFile | ErrorCode::Duplicate, _) => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        (ErrorCode::StorageBusy, _) => StatusCode::SERVICE_UNAVAILABLE,
        _ => {
            tracing::error!("the room could not answer a phone: {e}");
            return refuse(StatusCode::INTERNAL_SERVER_ERROR, "internal");
        }
    };
    let body = json!({
        "code": e.code(),
        "field": e.field(),
        "reason": e.reason().filter(|r| !matches!(r, Reason::Internal { .. })),
    });
    (status, Json(body)).into_response()
}

/// A JSON body that could not be read (too large, not JSON, wrong shape).
fn bad_body(r: JsonRejection) -> Response {
    let code = if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
        "too_large"
    } else {
        "bad_request"
    };
    refuse(r.status(), code)
}

/// Runs a store call off the async threads (the store blocks on SQLite).
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> labinov_core::Result<T> + Send + 'static,
) -> Result<T, Response> {
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => r.map_err(refusal),
        Err(e) => {
            tracing::error!("a room request failed: {e}");
            Err(refuse(StatusCode::INTERNAL_SERVER_ERROR, "internal"))
        }
    }
}

/// The phone's session token (`Authorization: Bearer ...`).
fn token(headers: &HeaderMap) -> Result<String, Error> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Error::invalid("token", Reason::NotJoined))
}

macro_rules! try_r {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(r) => return r,
        }
    };
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct LobbyBody {
    code: String,
}

async fn lobby(State(room): Shared, body: Result<Json<LobbyBody>, JsonRejection>) -> Response {
    let Json(b) = try_r!(body.map_err(bad_body));
    let r = room.clone();
    let lobby = try_r!(blocking(move || r.store.room_lobby(&r.lab_id, &b.code)).await);
    Json(lobby).into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JoinBody {
    code: String,
    agency_id: String,
    #[serde(default)]
    name: String,
    /// The phone's own id, kept by its page: joining again takes up its earlier session.
    #[serde(default)]
    device_id: Option<String>,
}

async fn join(State(room): Shared, body: Result<Json<JoinBody>, JsonRejection>) -> Response {
    let Json(b) = try_r!(body.map_err(bad_body));
    let r = room.clone();
    let joined = try_r!(
        blocking(move || r.store.join_room(
            &r.lab_id,
            &b.code,
            &b.agency_id,
            &b.name,
            b.device_id.as_deref()
        ))
        .await
    );
    (
        StatusCode::CREATED,
        Json(json!({
            "token": joined.token,
            "agencyId": joined.agency_id,
            "name": joined.name,
            "rejoined": joined.rejoined,
        })),
    )
        .into_response()
}

async fn wall(State(room): Shared, headers: HeaderMap) -> Response {
    let token = try_r!(token(&headers).map_err(refusal));
    let r = room.clone();
    let wall = try_r!(blocking(move || r.store.room_wall(&r.lab_id, &token)).await);
    Json(wall).into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PhotoBody {
    #[serde(default)]
    name: String,
    /// The bytes, base64 (standard alphabet, padded).
    data: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SubmitBody {
    submission_id: String,
    #[serde(default)]
    agency_id: String,
    title: String,
    #[serde(default)]
    problem: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    photo: Option<PhotoBody>,
}

async fn submit(
    State(room): Shared,
    headers: HeaderMap,
    body: Result<Json<SubmitBody>, JsonRejection>,
) -> Response {
    let token = try_r!(token(&headers).map_err(refusal));
    let Json(b) = try_r!(body.map_err(bad_body));
    let photo = match b.photo {
        None => None,
        Some(p) => {
            let bytes = try_r!(base64::engine::general_purpose::STANDARD
                .decode(p.data.as_bytes())
                .map_err(|_| refusal(Error::bad_file("file", Reason::NotAPhoto))));
            let name = if p.name.trim().is_empty() {
                "foto".to_owned()
            } else {
                p.name
            };
            Some((name, bytes))
        }
    };
    let input = ProposalInput {
        submission_id: b.submission_id,
        agency_id: b.agency_id,
        title: b.title,
        problem: b.problem,
        description: b.description,
    };
    let r = room.clone();
    let (proposal, new) = try_r!(
        blocking(move || {
            let photo = photo.as_ref().map(|(n, b)| (n.as_str(), b.as_slice()));
            r.store.submit_proposal(&r.lab_id, &token, input, photo)
        })
        .await
    );
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    (
        status,
        Json(json!({
            "submissionId": proposal.submission_id,
            "title": proposal.title,
            "state": proposal.state,
            "new": new,
        })),
    )
        .into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AskBody {
    submission_id: String,
    text: String,
}

async fn ask(
    State(room): Shared,
    headers: HeaderMap,
    body: Result<Json<AskBody>, JsonRejection>,
) -> Response {
    let token = try_r!(token(&headers).map_err(refusal));
    let Json(b) = try_r!(body.map_err(bad_body));
    let r = room.clone();
    let q = try_r!(
        blocking(move || r
            .store
            .ask_question(&r.lab_id, &token, &b.submission_id, &b.text))
        .await
    );
    (
        StatusCode::CREATED,
        Json(json!({ "id": q.id, "text": q.text, "state": q.state })),
    )
        .into_response()
}

async fn plus_one(State(room): Shared, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let token = try_r!(token(&headers).map_err(refusal));
    let r = room.clone();
    let q = try_r!(blocking(move || r.store.plus_one_question(&r.lab_id, &token, &id)).await);
    Json(json!({ "id": q.id, "plusOnes": q.plus_ones })).into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct BallotBody {
    round_id: String,
    dots: HashMap<String, u32>,
}

async fn ballot(
    State(room): Shared,
    headers: HeaderMap,
    body: Result<Json<BallotBody>, JsonRejection>,
) -> Response {
    let token = try_r!(token(&headers).map_err(refusal));
    let Json(b) = try_r!(body.map_err(bad_body));
    let r = room.clone();
    try_r!(
        blocking(move || r
            .store
            .cast_phone_ballot(&r.lab_id, &token, &b.round_id, &b.dots))
        .await
    );
    (StatusCode::CREATED, Json(json!({ "voted": true }))).into_response()
}
