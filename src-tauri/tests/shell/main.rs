//! The shell's tests on Tauri's mock runtime, one binary (each test binary links Tauri and
//! the app again: about 17 s of a fresh clone's compile apiece).
//!
//! - `commands`: the commands as the webview calls them, through the real ACL.
//! - `lockdown`: what the webview may reach, fixed in files.

mod commands;
mod lockdown;
