//! What the shell holds: the store (or why it could not be opened), and the way commands
//! reach it without blocking the async runtime.

use std::path::PathBuf;
use std::sync::Arc;

use labinov_core::{ChangeEvent, ErrorPayload, Store};
use tauri::{AppHandle, Emitter, Runtime};

use crate::error::{ApiError, ApiResult};

/// The event every window listens to; its payload is a [`ChangeEvent`].
pub const CHANGED_EVENT: &str = "labinov:changed";

pub struct AppState {
    /// `Err` when the database could not be opened (newer schema, not a database, a
    /// read-only folder): the window still opens and tells the user why.
    store: Result<Arc<Store>, ErrorPayload>,
    pub db_path: PathBuf,
}

impl AppState {
    pub fn open(db_path: PathBuf) -> AppState {
        let store = Store::open(&db_path).map(Arc::new).map_err(|e| e.payload());
        AppState { store, db_path }
    }

    fn store(&self) -> ApiResult<Arc<Store>> {
        self.store.clone().map_err(ApiError)
    }

    /// The store, for the shell's own background work (the rolling backups).
    pub fn store_handle(&self) -> Option<Arc<Store>> {
        self.store.clone().ok()
    }

    /// Runs a read on a blocking thread.
    pub async fn read<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> labinov_core::Result<T> + Send + 'static,
    {
        let store = self.store()?;
        tauri::async_runtime::spawn_blocking(move || f(&store))
            .await
            .map_err(ApiError::internal)?
            .map_err(ApiError::from)
    }

    /// Runs a write on a blocking thread, then tells every window what changed.
    pub async fn write<T, F, R>(&self, app: &AppHandle<R>, f: F) -> ApiResult<T>
    where
        T: Changed + Send + 'static,
        F: FnOnce(&Store) -> labinov_core::Result<T> + Send + 'static,
        R: Runtime,
    {
        let out = self.read(f).await?;
        notify(app, out.change_event());
        Ok(out)
    }

    /// Like [`AppState::write`] for writes that concern a whole lab (imports, agenda,
    /// options, the trash): every window showing the lab refreshes.
    pub async fn write_lab<T, F, R>(&self, app: &AppHandle<R>, lab_id: String, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> labinov_core::Result<T> + Send + 'static,
        R: Runtime,
    {
        self.write_lab_when(app, lab_id, f, |_| true).await
    }

    /// Like [`AppState::write_lab`], telling the windows only when `wrote` says the call
    /// changed something (an import's preview, or a refused import, writes nothing).
    pub async fn write_lab_when<T, F, R>(
        &self,
        app: &AppHandle<R>,
        lab_id: String,
        f: F,
        wrote: fn(&T) -> bool,
    ) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> labinov_core::Result<T> + Send + 'static,
        R: Runtime,
    {
        let out = self.read(f).await?;
        if wrote(&out) {
            notify(
                app,
                ChangeEvent {
                    lab_id: Some(lab_id.clone()),
                    entity: "lab".into(),
                    entity_id: lab_id,
                },
            );
        }
        Ok(out)
    }
}

/// Tells every window what changed. The write is already durable; a window that misses
/// the event refreshes on its next read, so a failed emit is logged, not reported as a
/// failed save.
pub fn notify<R: Runtime>(app: &AppHandle<R>, event: ChangeEvent) {
    if let Err(e) = app.emit(CHANGED_EVENT, event) {
        eprintln!("labinov: could not notify windows of a change: {e}");
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
            entity: "idea".into(),
            entity_id: self.id.clone(),
        }
    }
}

impl Changed for labinov_core::Agency {
    fn change_event(&self) -> ChangeEvent {
        ChangeEvent {
            lab_id: Some(self.lab_id.clone()),
            entity: "agency".into(),
            entity_id: self.id.clone(),
        }
    }
}

impl Changed for labinov_core::Lab {
    fn change_event(&self) -> ChangeEvent {
        ChangeEvent {
            lab_id: Some(self.id.clone()),
            entity: "lab".into(),
            entity_id: self.id.clone(),
        }
    }
}

impl Changed for labinov_core::ShowState {
    fn change_event(&self) -> ChangeEvent {
        ChangeEvent {
            lab_id: Some(self.lab_id.clone()),
            entity: "show".into(),
            entity_id: self.lab_id.clone(),
        }
    }
}

impl Changed for labinov_core::PitchSession {
    fn change_event(&self) -> ChangeEvent {
        ChangeEvent {
            lab_id: Some(self.lab_id.clone()),
            entity: "pitch".into(),
            entity_id: self.current.clone().unwrap_or_default(),
        }
    }
}
