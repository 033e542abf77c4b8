//! An empty Tauri 2 app: one window showing `dist/index.html`, no commands, no plugins.
//!
//! It is the floor of `make bench` (`tests/benches/app.rs`): start to first paint, idle
//! memory of the process tree and the stripped release binary are measured for it and for
//! Labinov in the same run, alternating, and Labinov's figures are quoted as ratios to it.
//! Its page sets the same performance mark as Labinov's first screen
//! (`labinov:first-screen`), so both are timed the same way.

// In release builds on Windows, no console window behind the app (as Labinov's).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the empty app runs");
}
