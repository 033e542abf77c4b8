//! Labinov's core: everything a user can do in the app, as plain Rust functions.
//!
//! Rules this crate keeps:
//! - It knows nothing of Tauri or any UI. The desktop shell (`src-tauri`) and the CLI are
//!   thin adapters over [`Store`]; every capability is testable on a temp-dir database.
//! - Every write goes through [`Store`], in one SQLite transaction that also appends to
//!   the change log, so history, undo and merging laptops can be built on it.
//! - Times are stored in UTC (RFC 3339, milliseconds, `Z`) and shown in the lab's time
//!   zone by whoever presents them.
//! - Errors carry a stable [`ErrorCode`] for programs and an English message for logs;
//!   people see the UI's translated text for the code.

pub mod bindings;
pub mod charts;
pub mod demo;
pub mod domain;
pub mod drives;
mod error;
pub mod export;
pub mod fields;
pub mod fsutil;
pub mod model;
pub mod paths;
pub mod roster;
pub mod safe_write;
pub mod search;
mod store;
pub mod table;
pub mod time;
pub mod validate;

pub use drives::find_bundles;
pub use error::{DriveProblem, Error, ErrorCode, ErrorPayload, Result};
pub use model::*;
pub use store::{
    BundleInfo, StagedBundle, Store, BUNDLE_EXTENSION, BUNDLE_FORMAT, DEFAULT_BACKUPS_KEPT,
    MAX_BUNDLE_BYTES, SCHEMA_VERSION,
};
