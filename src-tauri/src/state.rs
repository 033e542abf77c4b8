//! What the shell holds: the store (or why it could not be opened), and the way commands
//! reach it without blocking the async runtime. Every error a command returns through
//! here is logged by its code and the place it came from (`logging::command_failed`).

use std::future::Future;
use std::panic::Location;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use labinov_core::{ChangeEvent, Entity, ErrorPayload, Store};
use tauri::{AppHandle, Emitter, Runtime};

use crate::error::{ApiError, ApiResult};
use crate::logging;

/// The event every window listens to; its payload is a [`ChangeEvent`].
pub const CHANGED_EVENT: &str = "labinov:changed";

pub struct AppState {
    /// `Err` when the database could not be opened (newer schema, not a database, a
    /// read-only folder): the window still opens and tells the user why.
    store: Result<Arc<Store>, ErrorPayload>,
    pub db_path: PathBuf,
    /// The participant service while the room is open (`commands/room.rs`): off until
    /// the facilitator opens it, closed with the main window or when another lab opens.
    pub room: tokio::sync::Mutex<Option<labinov_room::RoomServer>>,
}

impl AppState {
    pub fn open(db_path: PathBuf) -> AppState {
        let started = Instant::now();
        let store = Store::open(&db_path).map(Arc::new);
        match &store {
            Ok(s) => tracing::info!(
                db = %db_path.display(),
                schema = labinov_core::SCHEMA_VERSION,
                installation = s.installation_id(),
                ms = started.elapsed().as_millis() as u64,
                "database opened"
            ),
            Err(e) => tracing::error!(
                db = %db_path.display(),
                error = %logging::Safe(e),
                "the database could not be opened"
            ),
        }
        let store = store.map_err(|e| e.payload());
        AppState {
            store,
            db_path,
            room: tokio::sync::Mutex::new(None),
        }
    }

    pub(crate) fn store(&self) -> ApiResult<Arc<Store>> {
        self.store.clone().map_err(ApiError)
    }

    /// The store, for the shell's own background work (the rolling backups).
    pub fn store_handle(&self) -> Option<Arc<Store>> {
        self.store.clone().ok()
    }

    /// Runs a read on a blocking thread. `#[track_caller]` (here and in the writes): the
    /// command's own line is what an error is logged with.
    #[track_caller]
    pub fn read<T, F>(&self, f: F) -> impl Future<Output = ApiResult<T>> + Send + 'static
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> labinov_core::Result<T> + Send + 'static,
    {
        let at = Location::caller();
        let store = self.store();
        async move {
            let out = match store {
                Ok(store) => join(at, move || f(&store)).await?.map_err(ApiError::from),
                Err(e) => Err(e),
            };
            if let Err(e) = &out {
                logging::command_failed(at, &e.0);
            }
            out
        }
    }

    /// Runs a write on a blocking thread, then tells every window what changed.
    #[track_caller]
    pub fn write<'a, T, F, R>(
        &self,
        app: &'a AppHandle<R>,
        f: F,
    ) -> impl Future<Output = ApiResult<T>> + Send + 'a
    where
        T: Changed + Send + 'static,
        F: FnOnce(&Store) -> labinov_core::Result<T> + Send + 'static,
        R: Runtime,
    {
        let read = self.read(f);
        async move {
            let out = read.await?;
            notify(app, out.change_event());
            Ok(out)
        }
    }

    /// Like [`AppState::write`] for writes that concern a whole lab (imports, agenda,
    /// options, the trash): every window showing the lab refreshes.
    #[track_caller]
    pub fn write_lab<'a, T, F, R>(
        &self,
        app: &'a AppHandle<R>,
        lab_id: String,
        f: F,
    ) -> impl Future<Output = ApiResult<T>> + Send + 'a
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> labinov_core::Result<T> + Send + 'static,
        R: Runtime,
    {
        self.write_lab_when(app, lab_id, f, |_| true)
    }

    /// Like [`AppState::write_lab`], telling the windows only when `wrote` says the call
    /// changed something (an import's preview, or a refused import, writes nothing).
    #[track_caller]
    pub fn write_lab_when<'a, T, F, R>(
        &self,
        app: &'a AppHandle<R>,
        lab_id: String,
        f: F,
        wrote: fn(&T) -> bool,
    ) -> impl Future<Output = ApiResult<T>> + Send + 'a
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> labinov_core::Result<T> + Send + 'static,
        R: Runtime,
    {
        self.write_telling(app, f, move |out| {
            wrote(out).then(|| ChangeEvent {
                lab_id: Some(lab_id.clone()),
                entity: Entity::Lab,
                entity_id: lab_id,
            })
        })
    }

    /// Runs a write on a blocking thread, then tells every window the event `tell` makes
    /// of its answer (none: nothing to tell).
    #[track_caller]
    pub fn write_telling<'a, T, F, R>(
        &self,
        app: &'a AppHandle<R>,
        f: F,
        tell: impl FnOnce(&T) -> Option<ChangeEvent> + Send + 'a,
    ) -> impl Future<Output = ApiResult<T>> + Send + 'a
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> labinov_core::Result<T> + Send + 'static,
        R: Runtime,
    {
        let read = self.read(f);
        async move {
            let out = read.await?;
            if let Some(event) = tell(&out) {
                notify(app, event);
            }
            Ok(out)
        }
    }
}

/// Runs `f` on a blocking thread, for commands that do not need the store (drives, file
/// pickers, the log folder). A panic in `f` is logged and answered as `internal`.
#[track_caller]
pub fn blocking<T, F>(f: F) -> impl Future<Output = ApiResult<T>> + Send + 'static
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    join(Location::caller(), f)
}

/// `f` on the async runtime's blocking pool, never on its worker threads (SQLite work,
/// file system scans and native dialogs block).
///
/// tokio directly rather than `tauri::async_runtime::spawn_blocking`: it is only ever
/// awaited inside a command's future, which Tauri polls on its own tokio runtime (the one
/// `tauri::async_runtime` wraps), so this is the same pool; and tokio's `JoinError` tells
/// a panic from a cancelled task, which is what gets logged. (`tauri::async_runtime`
/// would be the right handle from a thread outside the runtime; nothing here does that.)
async fn join<T, F>(at: &'static Location<'static>, f: F) -> ApiResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    tokio::task::spawn_blocking(f).await.map_err(|e| {
        let err = ApiError::internal(&e);
        tracing::error!(at = %at, panicked = e.is_panic(), "a command's blocking task did not finish");
        logging::command_failed(at, &err.0);
        err
    })
}

/// Tells every window what changed. The write is already durable; a window that misses
/// the event refreshes on its next read, so a failed emit is logged, not reported as a
/// failed save.
pub fn notify<R: Runtime>(app: &AppHandle<R>, event: ChangeEvent) {
    if let Err(e) = app.emit(CHANGED_EVENT, event) {
        tracing::warn!(error = %e, "could not notify the windows of a change");
    }
}

/// A written record that can say what changed.
pub trait Changed {
    fn change_event(&self) -> ChangeEvent;
}

impl Changed for labinov_core::Idea {
    fn change_event(&self) -> ChangeEvent {
        ChangeEvent {
            lab_id: Some(self.lab_id.clone()),
            entity: Entity::Idea,
            entity_id: self.id.clone(),
        }
    }
}

impl Changed for labinov_core::Agency {
    fn change_event(&self) -> ChangeEvent {
        ChangeEvent {
            lab_id: Some(self.lab_id.clone()),
            entity: Entity::Agency,
            entity_id: self.id.clone(),
        }
    }
}

impl Changed for labinov_core::Lab {
    fn change_event(&self) -> ChangeEvent {
        ChangeEvent {
            lab_id: Some(self.id.clone()),
            entity: Entity::Lab,
            entity_id: self.id.clone(),
        }
    }
}

impl Changed for labinov_core::ShowState {
    fn change_event(&self) -> ChangeEvent {
        ChangeEvent {
            lab_id: Some(self.lab_id.clone()),
            entity: Entity::Show,
            entity_id: self.lab_id.clone(),
        }
    }
}

impl Changed for labinov_core::PitchSession {
    fn change_event(&self) -> ChangeEvent {
        ChangeEvent {
            lab_id: Some(self.lab_id.clone()),
            entity: Entity::Pitch,
            entity_id: self.current.clone().unwrap_or_default(),
        }
    }
}
