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

/// Declares a fieldless enum whose variants are sent and stored as fixed strings, each
/// string spelled once: the enum (serde renames), `ALL` (every variant, in order),
/// `as_str` and `from_str_opt` all come from the one list.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $enum:ident {
            $($(#[doc = $doc:literal])* $name:ident = $s:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        pub enum $enum {
            $($(#[doc = $doc])* #[serde(rename = $s)] $name,)*
        }

        impl $enum {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$enum] = &[$($enum::$name),*];

            /// The string this variant is sent and stored as.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($enum::$name => $s,)*
                }
            }

            /// The variant sent or stored as `s`, if any.
            pub fn from_str_opt(s: &str) -> Option<Self> {
                match s {
                    $($s => Some($enum::$name),)*
                    _ => None,
                }
            }
        }
    };
}

pub mod bindings;
pub mod charts;
pub mod demo;
pub mod domain;
pub mod drives;
mod error;
pub mod export;
pub mod fields;
pub mod followup;
pub mod fsutil;
pub mod model;
pub mod par;
pub mod paths;
pub mod roster;
pub mod safe_write;
pub mod search;
mod store;
pub mod table;
pub mod time;
pub mod validate;

pub use drives::find_bundles;
pub use error::{DriveProblem, Error, ErrorCode, ErrorPayload, Reason, Result};
pub use model::*;
pub use store::archive::{
    ArchiveAgency, ArchiveItem, ArchiveLab, ArchivePage, ArchiveQuery, ArchiveSummary,
    LabWorkbookImport, LineageStep, YearCount,
};
pub use store::{
    BundleInfo, StagedBundle, Store, BUNDLE_EXTENSION, BUNDLE_FORMAT, DEFAULT_BACKUPS_KEPT,
    MAX_BUNDLE_BYTES, MAX_EVIDENCE_BYTES, SCHEMA_VERSION,
};
