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

/// Opens the window on the database at `db_path`. Returns when the last window closes.
pub fn run_gui(db_path: PathBuf) -> Result<(), tauri::Error> {
    builder(tauri::Builder::default(), db_path).run(tauri::generate_context!())
}
