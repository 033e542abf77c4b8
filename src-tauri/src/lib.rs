//! The Labinov desktop shell: a thin Tauri layer over `labinov-core`, plus the headless
//! CLI that shares the same binary. Nothing here decides anything about labs or ideas;
//! it adapts calls, runs them off the UI threads, and reports errors as `{code, message}`.

pub mod cli;
pub mod commands;
pub mod error;
pub mod logging;
pub mod state;

use std::path::PathBuf;

use tauri::{Builder, Runtime};

pub use state::{AppState, CHANGED_EVENT};

/// The app's builder, for the real runtime and for `tauri::test`'s mock runtime alike.
pub fn builder<R: Runtime>(builder: Builder<R>, db_path: PathBuf) -> Builder<R> {
    builder
        // Native pickers, called only from Rust (`commands::export`); no capability
        // grants the webview any of the plugin's own commands.
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::open(db_path))
        .invoke_handler(commands::handler())
}

/// Fits `window` into its screen's work area (the screen less the taskbar or panels).
/// Its first size, 1280×800 plus a title bar, is taller than a 1366×768 laptop screen, the
/// commonest office laptop: there the window ran off the screen, and with its bottom the
/// capture form's save bar and "Ide tersimpan". A window that does not fit is made as
/// large as the work area and placed in it, then maximised (where a window manager does
/// that, the window fills the screen; restoring it gives the fitted size).
fn fit_to_screen<R: Runtime>(window: &tauri::WebviewWindow<R>) -> tauri::Result<()> {
    use tauri::{PhysicalPosition, PhysicalSize};
    let Some(monitor) = window.current_monitor()?.or(window.primary_monitor()?) else {
        return Ok(());
    };
    let area = *monitor.work_area();
    let inner = window.inner_size()?;
    // The title bar and borders: what the outer size adds, when it is believable (under
    // GTK, before the window is first drawn, it is not).
    let outer = window.outer_size()?;
    let frame = if outer.width >= inner.width
        && outer.height >= inner.height
        && outer.width - inner.width <= 200
        && outer.height - inner.height <= 200
    {
        PhysicalSize::new(outer.width - inner.width, outer.height - inner.height)
    } else {
        PhysicalSize::new(0, 0)
    };
    let width = inner.width + frame.width;
    let height = inner.height + frame.height;
    if width <= area.size.width && height <= area.size.height {
        return Ok(());
    }
    let width = width.min(area.size.width);
    let height = height.min(area.size.height);
    window.set_size(PhysicalSize::new(
        width.saturating_sub(frame.width),
        height.saturating_sub(frame.height),
    ))?;
    window.set_position(PhysicalPosition::new(
        area.position.x + i32::try_from((area.size.width - width) / 2).unwrap_or(0),
        area.position.y,
    ))?;
    window.maximize()
}

/// How often the rolling backup looks for changes (`LABINOV_BACKUP_SECONDS` to change).
const BACKUP_EVERY: std::time::Duration = std::time::Duration::from_secs(5 * 60);

/// Takes a rolling backup if the lab data changed since the last one, and logs what
/// happened (`when`: `rolling` or `exit`).
fn backup(store: &labinov_core::Store, when: &'static str) {
    let started = std::time::Instant::now();
    match store.snapshot_if_changed(labinov_core::DEFAULT_BACKUPS_KEPT) {
        Ok(Some(b)) => tracing::info!(
            when,
            backup = %b.name,
            bytes = b.size,
            ms = started.elapsed().as_millis() as u64,
            "backup done"
        ),
        Ok(None) => tracing::debug!(when, "backup skipped: nothing changed"),
        Err(e) => tracing::error!(when, error = %logging::Safe(&e), "backup failed"),
    }
}

/// Opens the window on the database at `db_path`. Returns when the last window closes.
/// While it runs, a snapshot of the database is taken every few minutes if the lab data
/// changed, and once more at exit (`labinov_core::Store::snapshot_if_changed`). Logs go
/// to `logs/` beside the database (`logging`).
pub fn run_gui(db_path: PathBuf) -> Result<(), tauri::Error> {
    use tauri::Manager;
    let log_dir = logging::init_app(&db_path);
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        os = std::env::consts::OS,
        db = %db_path.display(),
        logs = %log_dir.display(),
        "Labinov started"
    );
    let every = std::env::var("LABINOV_BACKUP_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(std::time::Duration::from_secs)
        .unwrap_or(BACKUP_EVERY);
    let app = builder(tauri::Builder::default(), db_path)
        .setup(move |app| {
            if let Some(window) = app.get_webview_window("main") {
                if let Err(e) = fit_to_screen(&window) {
                    tracing::warn!(error = %e, "could not fit the window to the screen");
                }
            }
            if let Some(store) = app.state::<AppState>().store_handle() {
                // A plain thread: it sleeps most of the time and does SQLite work, which
                // must not run on the async runtime's threads.
                std::thread::Builder::new()
                    .name("labinov-backup".into())
                    .spawn(move || loop {
                        std::thread::sleep(every);
                        backup(&store, "rolling");
                    })?;
            }
            Ok(())
        })
        .build(tauri::generate_context!())
        .inspect_err(|e| tracing::error!(error = %e, "the window could not be opened"))?;
    app.run(|handle, event| {
        // Closing the main window closes the room for phones (the projector's does not).
        if let tauri::RunEvent::WindowEvent {
            label,
            event: tauri::WindowEvent::Destroyed,
            ..
        } = &event
        {
            if label == "main" {
                tauri::async_runtime::block_on(commands::room::close(&handle.state::<AppState>()));
            }
        }
        if let tauri::RunEvent::Exit = event {
            tauri::async_runtime::block_on(commands::room::close(&handle.state::<AppState>()));
            if let Some(store) = handle.state::<AppState>().store_handle() {
                backup(&store, "exit");
            }
            tracing::info!("Labinov closed");
        }
    });
    Ok(())
}
