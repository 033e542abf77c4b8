//! One error type for the core, with a stable machine-readable code.
//!
//! The code is what the UI branches on and translates; the message is English detail for
//! logs and the CLI. Storage failures that a user can do something about (a full disk, a
//! read-only folder, a file that is not a Labinov database) get codes of their own instead
//! of disappearing into a generic "database error".

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "this database was written by a newer version of Labinov (schema {found}; \
         this version understands up to {supported}). Update Labinov to open it"
    )]
    NewerSchema { found: i64, supported: i64 },

    #[error("{what} not found: {id}")]
    NotFound { what: &'static str, id: String },

    #[error(
        "the database has no lab yet: create one with `labinov lab new --name NAME \
         --start-date DD/MM/YYYY` (or `labinov demo` for the sample lab), or in the app"
    )]
    NoLab,

    #[error("{field}: {reason}")]
    Invalid { field: String, reason: String },

    /// A file's content is not what it should be (e.g. a photo that is not an image).
    #[error("{field}: {reason}")]
    BadFile { field: String, reason: String },

    #[error("a record with this {field} already exists: {value}")]
    Duplicate { field: String, value: String },

    #[error("storage: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("file: {0}")]
    Io(#[from] std::io::Error),

    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),

    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),

    /// Writing to an export drive (a USB stick, a chosen folder) failed in a way the user
    /// can act on. The local database is never involved.
    #[error("{}: {path}: {detail}", problem.describe())]
    Drive {
        problem: DriveProblem,
        path: String,
        detail: String,
    },
}

/// What went wrong with a drive being written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DriveProblem {
    /// No space left (ENOSPC, EDQUOT).
    Full,
    /// Mounted read-only or not writable by this user (EROFS, EACCES, EPERM).
    ReadOnly,
    /// The drive went away while it was written (ENOENT, EIO, ENODEV, ENXIO, ENOTCONN).
    Removed,
}

impl DriveProblem {
    fn describe(self) -> &'static str {
        match self {
            DriveProblem::Full => "the drive is full",
            DriveProblem::ReadOnly => "the drive cannot be written (read-only or no permission)",
            DriveProblem::Removed => "the drive was removed or stopped answering",
        }
    }
}

impl Error {
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            reason: reason.into(),
        }
    }

    pub fn bad_file(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::BadFile {
            field: field.into(),
            reason: reason.into(),
        }
    }

    pub fn not_found(what: &'static str, id: impl Into<String>) -> Self {
        Error::NotFound {
            what,
            id: id.into(),
        }
    }

    /// The stable code for this error, for programs and translations.
    pub fn code(&self) -> ErrorCode {
        use rusqlite::ErrorCode as Sq;
        match self {
            Error::NewerSchema { .. } => ErrorCode::NewerSchema,
            Error::NotFound { .. } | Error::NoLab => ErrorCode::NotFound,
            Error::Invalid { .. } => ErrorCode::InvalidInput,
            Error::Duplicate { .. } => ErrorCode::Duplicate,
            Error::BadFile { .. } => ErrorCode::BadFile,
            Error::Sqlite(e) => match e.sqlite_error_code() {
                Some(Sq::DiskFull) => ErrorCode::StorageFull,
                Some(Sq::ReadOnly) | Some(Sq::CannotOpen) | Some(Sq::PermissionDenied) => {
                    ErrorCode::StorageUnavailable
                }
                Some(Sq::DatabaseBusy) | Some(Sq::DatabaseLocked) => ErrorCode::StorageBusy,
                Some(Sq::NotADatabase) | Some(Sq::DatabaseCorrupt) => ErrorCode::NotADatabase,
                _ => ErrorCode::Storage,
            },
            Error::Io(e) => match e.kind() {
                std::io::ErrorKind::StorageFull => ErrorCode::StorageFull,
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                    ErrorCode::StorageUnavailable
                }
                std::io::ErrorKind::NotFound => ErrorCode::FileNotFound,
                _ => ErrorCode::Io,
            },
            Error::Csv(_) => ErrorCode::BadFile,
            Error::Json(e) if e.is_io() => ErrorCode::Io,
            Error::Json(_) => ErrorCode::BadFile,
            Error::Drive { problem, .. } => match problem {
                DriveProblem::Full => ErrorCode::DriveFull,
                DriveProblem::ReadOnly => ErrorCode::DriveReadOnly,
                DriveProblem::Removed => ErrorCode::DriveRemoved,
            },
        }
    }

    /// The field an `Invalid` error is about, so a form can point at it.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. }
            | Error::Duplicate { field, .. }
            | Error::BadFile { field, .. } => Some(field),
            _ => None,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
            field: self.field().map(str::to_owned),
        }
    }
}

/// Stable error codes. The UI's catalogue has a plain-language text for each one
/// (`error.<code>` in `ui/src/i18n`), and a test checks that none is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NewerSchema,
    NotFound,
    InvalidInput,
    Duplicate,
    StorageFull,
    StorageUnavailable,
    StorageBusy,
    NotADatabase,
    Storage,
    FileNotFound,
    BadFile,
    Io,
    /// Something the program did not expect; the message has the detail.
    Internal,
    /// An export drive (USB stick or chosen folder) has no space left.
    DriveFull,
    /// An export drive is read-only or may not be written by this user.
    DriveReadOnly,
    /// An export drive was pulled out (or stopped answering) while it was written.
    DriveRemoved,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 16] = [
        ErrorCode::NewerSchema,
        ErrorCode::NotFound,
        ErrorCode::InvalidInput,
        ErrorCode::Duplicate,
        ErrorCode::StorageFull,
        ErrorCode::StorageUnavailable,
        ErrorCode::StorageBusy,
        ErrorCode::NotADatabase,
        ErrorCode::Storage,
        ErrorCode::FileNotFound,
        ErrorCode::BadFile,
        ErrorCode::Io,
        ErrorCode::Internal,
        ErrorCode::DriveFull,
        ErrorCode::DriveReadOnly,
        ErrorCode::DriveRemoved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NewerSchema => "newer_schema",
            ErrorCode::NotFound => "not_found",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::Duplicate => "duplicate",
            ErrorCode::StorageFull => "storage_full",
            ErrorCode::StorageUnavailable => "storage_unavailable",
            ErrorCode::StorageBusy => "storage_busy",
            ErrorCode::NotADatabase => "not_a_database",
            ErrorCode::Storage => "storage",
            ErrorCode::FileNotFound => "file_not_found",
            ErrorCode::BadFile => "bad_file",
            ErrorCode::Io => "io",
            ErrorCode::Internal => "internal",
            ErrorCode::DriveFull => "drive_full",
            ErrorCode::DriveReadOnly => "drive_read_only",
            ErrorCode::DriveRemoved => "drive_removed",
        }
    }
}

/// What crosses to the UI: `{code, message, field}`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ErrorPayload {
    pub code: ErrorCode,
    /// English detail, for logs and for the "details" line under the translated text.
    pub message: String,
    /// The input field the error is about, when there is one.
    pub field: Option<String>,
}
