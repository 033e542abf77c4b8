//! The Labinov desktop shell: a thin Tauri layer over `labinov-core`, plus the headless
//! CLI that shares the same binary. Nothing here decides anything about labs or ideas;
//! it adapts calls, runs them off the UI threads, and reports errors as `{code, message}`.

pub mod cli;
pub mod commands;
pub mod error;
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

/// How often the rolling backup looks for changes (`LABINOV_BACKUP_SECONDS` to change).
const BACKUP_EVERY: std::time::Duration = std::time::Duration::from_secs(5 * 60);

/// Opens the window on the database at `db_path`. Returns when the last window closes.
/// While it runs, a snapshot of the database is taken every few minutes if the lab data
/// changed, and once more at exit (`labinov_core::Store::snapshot_if_changed`).
pub fn run_gui(db_path: PathBuf) -> Result<(), tauri::Error> {
    use tauri::Manager;
    let every = std::env::var("LABINOV_BACKUP_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(std::time::Duration::from_secs)
        .unwrap_or(BACKUP_EVERY);
    let app = builder(tauri::Builder::default(), db_path)
        .setup(move |app| {
            if let Some(store) = app.state::<AppState>().store_handle() {
                // A plain thread: it sleeps most of the time and does SQLite work, which
                // must not run on the async runtime's threads.
                std::thread::Builder::new()
                    .name("labinov-backup".into())
                    .spawn(move || loop {
                        std::thread::sleep(every);
                        if let Err(e) =
                            store.snapshot_if_changed(labinov_core::DEFAULT_BACKUPS_KEPT)
                        {
                            eprintln!("labinov: the rolling backup failed: {e}");
                        }
                    })?;
            }
            Ok(())
        })
        .build(tauri::generate_context!())?;
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            if let Some(store) = handle.state::<AppState>().store_handle() {
                if let Err(e) = store.snapshot_if_changed(labinov_core::DEFAULT_BACKUPS_KEPT) {
                    eprintln!("labinov: the backup at exit failed: {e}");
                }
            }
        }
    });
    Ok(())
}
