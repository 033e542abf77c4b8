//! The app's log: what happened while nobody watched a terminal (the window started from
//! a menu has none), kept in `logs/` beside the database.
//!
//! - Where: [`log_dir`], the folder `logs` beside the database file (so
//!   `~/.local/share/labinov/logs` on Linux, `%APPDATA%\labinov\logs` on Windows,
//!   `~/Library/Application Support/labinov/logs` on macOS; beside `--db` or `$LABINOV_DB`
//!   when one is given), like `backups/`.
//! - How much: [`RotatingFile`] caps it by size, not by day: `labinov.log` grows to
//!   [`MAX_FILE_BYTES`], then becomes `labinov.1.log` (the older ones move up one number)
//!   and a new `labinov.log` starts; [`KEPT_FILES`] files are kept in all, so the folder
//!   never holds more than 10 MB. (`tracing-appender` rotates only by time, and its
//!   `max_log_files` bounds the count of files, not their size: a command failing in a
//!   loop could fill a lab laptop's disk within one day. A few kilobytes a day is the
//!   normal rate, so 10 MB is weeks of history.) Written line by line, synchronously: no
//!   background thread whose last lines a crash would lose.
//! - What: ids, counts, codes, durations, paths of folders. Never what users typed
//!   (titles, descriptions, names): an error is logged by its code and the name of its
//!   field ([`command_failed`], [`Safe`]); its English message, which may quote a value,
//!   only with `LABINOV_LOG_CONTENT=1` ([`CONTENT_ENV`]).
//! - Levels: `LABINOV_LOG` ([`FILTER_ENV`]) takes `target=level` directives
//!   (`debug`, `labinov_core=debug,warn`); the default logs Labinov's info and everything
//!   else's warnings (Tauri's `log` records included).
//!
//! The window app sets this up ([`init_app`]): to the file and to stderr. The headless
//! subcommands set up nothing: what they print to stderr is their output, and the core's
//! events go nowhere.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::panic::Location;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use labinov_core::{Error, ErrorCode, ErrorPayload};
use tracing::Subscriber;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// The log folder's name, beside the database.
pub const LOG_DIR_NAME: &str = "logs";
/// The file written to now; older ones are `labinov.1.log` (newest) .. `labinov.4.log`.
pub const LOG_FILE: &str = "labinov.log";
/// A log file is rotated before a line would take it past this size.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;
/// How many log files are kept, the current one included.
pub const KEPT_FILES: usize = 5;
/// Which events are logged: `target=level` directives, comma-separated.
pub const FILTER_ENV: &str = "LABINOV_LOG";
/// `1` logs the messages of errors too, which may quote what a user typed.
pub const CONTENT_ENV: &str = "LABINOV_LOG_CONTENT";
/// Labinov's own events from info up, other crates' (Tauri, wry) warnings and errors.
pub const DEFAULT_FILTER: &str = "warn,labinov=info,labinov_app=info,labinov_core=info";

static CONTENT: AtomicBool = AtomicBool::new(false);

/// Whether error messages (which may quote user input) go into the log.
pub fn content_logged() -> bool {
    CONTENT.load(Ordering::Relaxed)
}

/// Turns the logging of error messages on or off (`init_app` reads [`CONTENT_ENV`]).
pub fn set_content_logged(on: bool) {
    CONTENT.store(on, Ordering::Relaxed);
}

/// The log folder for the database at `db_path`: `logs/` beside it, as an absolute path.
pub fn log_dir(db_path: &Path) -> PathBuf {
    let folder = db_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::path::absolute(folder)
        .unwrap_or_else(|_| folder.to_path_buf())
        .join(LOG_DIR_NAME)
}

/// A log file capped by size: `labinov.log`, rotated to `labinov.1.log` .. `labinov.N.log`
/// (module docs). Each write is one formatted event, so a line is never split across
/// two files.
pub struct RotatingFile {
    dir: PathBuf,
    max_bytes: u64,
    kept: usize,
    current: Mutex<Current>,
}

struct Current {
    /// `None` after a failed rotation: the next write tries to open the file again.
    file: Option<File>,
    size: u64,
}

impl RotatingFile {
    /// Opens (creating the folder and the file if needed) the log in `dir`, appending.
    /// Rotated files numbered `kept` or more (left by a setting that kept more) go.
    pub fn open(dir: &Path, max_bytes: u64, kept: usize) -> io::Result<RotatingFile> {
        fs::create_dir_all(dir)?;
        let log = RotatingFile {
            dir: dir.to_path_buf(),
            max_bytes,
            kept: kept.max(1),
            current: Mutex::new(Current {
                file: None,
                size: 0,
            }),
        };
        let (file, size) = log.open_current()?;
        *log.current.lock().unwrap_or_else(PoisonError::into_inner) = Current {
            file: Some(file),
            size,
        };
        for entry in fs::read_dir(dir)?.flatten() {
            let name = entry.file_name();
            let n = name
                .to_str()
                .and_then(|n| n.strip_prefix("labinov."))
                .and_then(|n| n.strip_suffix(".log"))
                .and_then(|n| n.parse::<usize>().ok());
            if n.is_some_and(|n| n >= log.kept) {
                let _ = fs::remove_file(entry.path());
            }
        }
        Ok(log)
    }

    /// The path of file `n`: 0 is the current one.
    pub fn path(&self, n: usize) -> PathBuf {
        if n == 0 {
            self.dir.join(LOG_FILE)
        } else {
            self.dir.join(format!("labinov.{n}.log"))
        }
    }

    fn open_current(&self) -> io::Result<(File, u64)> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.path(0))?;
        let size = file.metadata()?.len();
        Ok((file, size))
    }

    /// Moves every file one number up (the oldest is removed) and starts a new current one.
    fn rotate(&self, current: &mut Current) -> io::Result<()> {
        // Closed before it is renamed: Windows renames no open file.
        current.file = None;
        let oldest = self.path(self.kept - 1);
        match fs::remove_file(&oldest) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        for n in (0..self.kept - 1).rev() {
            match fs::rename(self.path(n), self.path(n + 1)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        let (file, size) = self.open_current()?;
        *current = Current {
            file: Some(file),
            size,
        };
        Ok(())
    }
}

impl Write for &RotatingFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        if current.size > 0 && current.size + buf.len() as u64 > self.max_bytes {
            self.rotate(&mut current)?;
        }
        if current.file.is_none() {
            let (file, size) = self.open_current()?;
            *current = Current {
                file: Some(file),
                size,
            };
        }
        if let Some(file) = current.file.as_mut() {
            file.write_all(buf)?;
        }
        current.size += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        match current.file.as_mut() {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

/// The filter of [`FILTER_ENV`], or [`DEFAULT_FILTER`] with the reason it was not used.
pub fn filter_from_env() -> (Targets, Option<String>) {
    let default = || {
        DEFAULT_FILTER
            .parse::<Targets>()
            .expect("the default filter")
    };
    match std::env::var(FILTER_ENV) {
        Ok(v) if !v.trim().is_empty() => match v.parse::<Targets>() {
            Ok(t) => (t, None),
            Err(e) => (default(), Some(format!("{FILTER_ENV}={v:?}: {e}"))),
        },
        _ => (default(), None),
    }
}

/// The subscriber: events that pass `filter`, formatted one per line (UTC time, level,
/// target, fields), to `file` and, when `stderr`, to standard error.
pub fn subscriber(
    file: Option<Arc<RotatingFile>>,
    stderr: bool,
    filter: Targets,
) -> impl Subscriber + Send + Sync + 'static {
    use tracing_subscriber::fmt;
    tracing_subscriber::registry()
        .with(file.map(|f| fmt::layer().with_ansi(false).with_writer(f)))
        .with(stderr.then(|| fmt::layer().with_ansi(false).with_writer(io::stderr)))
        .with(filter)
}

/// Sets up the window app's log for the database at `db_path` (module docs): the file in
/// [`log_dir`] and stderr, the filter of `LABINOV_LOG`, error messages only with
/// `LABINOV_LOG_CONTENT=1`, and panics logged (where, not what). A log folder that
/// cannot be written leaves stderr only, and says so. Returns the log folder.
pub fn init_app(db_path: &Path) -> PathBuf {
    let dir = log_dir(db_path);
    set_content_logged(std::env::var(CONTENT_ENV).is_ok_and(|v| v.trim() == "1"));
    let (filter, bad_filter) = filter_from_env();
    let file = RotatingFile::open(&dir, MAX_FILE_BYTES, KEPT_FILES).map(Arc::new);
    let no_file = file.as_ref().err().map(ToString::to_string);
    if subscriber(file.ok(), true, filter).try_init().is_err() {
        // Already set up (a second call): that one stays.
        return dir;
    }
    log_panics();
    if let Some(e) = no_file {
        tracing::warn!(dir = %dir.display(), error = %e, "no log file (the folder cannot be written): logging to stderr only");
    }
    if let Some(e) = bad_filter {
        tracing::warn!(error = %e, "log filter not understood; the default is used");
    }
    dir
}

/// Logs every panic (its place and thread; its message only with `LABINOV_LOG_CONTENT=1`,
/// since it may quote a value), then lets the usual hook print it.
fn log_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let location = info.location().map(ToString::to_string);
        let thread = std::thread::current().name().map(str::to_owned);
        let detail = content_logged().then(|| {
            info.payload()
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default()
        });
        tracing::error!(location, thread, detail, "panic");
        previous(info);
    }));
}

/// Failures of the program or of the disk (logged as errors), as opposed to refusals of
/// what a user asked (logged as warnings).
fn is_fault(code: ErrorCode) -> bool {
    matches!(
        code,
        ErrorCode::Internal
            | ErrorCode::Storage
            | ErrorCode::StorageFull
            | ErrorCode::StorageUnavailable
            | ErrorCode::StorageBusy
            | ErrorCode::NotADatabase
            | ErrorCode::Io
    )
}

/// Logs an error a command returns to the UI: its code, the field it is about and `at`,
/// the place in the command layer it came from (which names the command). Its message
/// only with `LABINOV_LOG_CONTENT=1`: it may quote what was typed.
pub fn command_failed(at: &Location<'_>, e: &ErrorPayload) {
    let code = e.code.as_str();
    let field = e.field.as_deref();
    let detail = content_logged().then_some(e.message.as_str());
    if is_fault(e.code) {
        tracing::error!(code, field, at = %at, detail, "command failed");
    } else {
        tracing::warn!(code, field, at = %at, detail, "command refused");
    }
}

/// What a log may say of a core error: its code and what the system said (the OS's error
/// number, SQLite's extended code, a drive's problem, the field or record it is about),
/// never a value a user typed. The whole message is added only with
/// `LABINOV_LOG_CONTENT=1`.
pub struct Safe<'a>(pub &'a Error);

impl fmt::Display for Safe<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.0;
        f.write_str(e.code().as_str())?;
        match e {
            Error::Io(io) => {
                write!(f, " ({:?}", io.kind())?;
                if let Some(n) = io.raw_os_error() {
                    write!(f, ", os error {n}")?;
                }
                f.write_str(")")?;
            }
            Error::Sqlite(sq) => {
                if let Some(s) = sq.sqlite_error() {
                    write!(f, " (sqlite {})", s.extended_code)?;
                }
            }
            // The OS's own words ("No space left on device (os error 28)"); the path is
            // left out, since the export folder's name carries the lab's name.
            Error::Drive { detail, .. } => write!(f, " ({detail})")?,
            Error::NewerSchema { found, supported } => {
                write!(f, " (schema {found}, this version {supported})")?
            }
            Error::NotFound { what, id } => write!(f, " ({what} {id})")?,
            Error::Invalid { field, .. }
            | Error::BadFile { field, .. }
            | Error::Duplicate { field, .. } => write!(f, " (field {field})")?,
            Error::NoLab | Error::Csv(_) | Error::Json(_) => {}
        }
        if content_logged() {
            write!(f, ": {e}")?;
        }
        Ok(())
    }
}

/// Opens `dir` (created if missing) in the system's file manager. From Rust only, with
/// the `open` crate: the webview has no opener of its own.
pub fn open_folder(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    open::that_detached(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_log_folder_is_beside_the_database() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            log_dir(&dir.path().join("lab.db")),
            dir.path().join(LOG_DIR_NAME)
        );
        let relative = log_dir(Path::new("lab.db"));
        assert!(relative.is_absolute(), "{}", relative.display());
        assert_eq!(
            relative,
            std::env::current_dir().unwrap().join(LOG_DIR_NAME)
        );
    }

    /// The setup the app uses writes its file in the folder, keeps at most `kept` files
    /// under the size cap, and an error about an idea's title is logged without the title.
    #[test]
    fn the_log_is_written_rotated_and_keeps_no_idea_text() {
        let _guard = CONTENT_LOCK.lock().unwrap_or_else(PoisonError::into_inner);
        let dir = tempfile::tempdir().unwrap();
        let logs = dir.path().join("logs");
        // A stray file from a setting that kept more: removed at open.
        fs::create_dir_all(&logs).unwrap();
        fs::write(logs.join("labinov.9.log"), "old\n").unwrap();
        let file = Arc::new(RotatingFile::open(&logs, 4096, 3).unwrap());
        assert!(!logs.join("labinov.9.log").exists());
        let filter: Targets = DEFAULT_FILTER.parse().unwrap();
        let title = "Posyandu keliling rahasia";
        tracing::subscriber::with_default(subscriber(Some(file.clone()), false, filter), || {
            tracing::info!(version = "0.1.0", "Labinov started");
            tracing::debug!("not at the default level");
            // What a command returns when a duplicate title is refused, and a core error
            // as the backup or the export logs it.
            let refused = Error::Duplicate {
                field: "title".into(),
                value: title.into(),
            };
            command_failed(Location::caller(), &refused.payload());
            let invalid = Error::invalid(
                "title",
                labinov_core::Reason::NotADate {
                    value: title.into(),
                },
            );
            tracing::error!(error = %Safe(&invalid), "export failed");
            let io = Error::Io(io::Error::from_raw_os_error(28));
            tracing::error!(error = %Safe(&io), "backup failed");
        });
        assert_eq!(files(&logs), ["labinov.log"]);
        let text = fs::read_to_string(logs.join("labinov.log")).unwrap();
        assert!(text.contains("Labinov started"), "{text}");
        assert!(!text.contains("not at the default level"), "{text}");
        assert!(
            text.contains("code=\"duplicate\"") && text.contains("field=\"title\""),
            "{text}"
        );
        assert!(text.contains("invalid_input (field title)"), "{text}");
        assert!(
            text.contains("storage_full (StorageFull, os error 28)"),
            "{text}"
        );
        assert!(!text.contains("Posyandu"), "idea text in the log:\n{text}");
        assert_eq!(text.lines().count(), 4, "{text}");

        // Rotation: many lines, never more than 3 files, none over the cap, the newest
        // line in labinov.log and the oldest gone.
        tracing::subscriber::with_default(
            subscriber(Some(file.clone()), false, DEFAULT_FILTER.parse().unwrap()),
            || {
                for i in 0..400 {
                    tracing::warn!(line = i, "command refused");
                }
            },
        );
        assert_eq!(
            files(&logs),
            ["labinov.1.log", "labinov.2.log", "labinov.log"]
        );
        for name in files(&logs) {
            let size = fs::metadata(logs.join(&name)).unwrap().len();
            assert!(size <= 4096, "{name}: {size} bytes");
            let text = fs::read_to_string(logs.join(&name)).unwrap();
            assert!(text.ends_with('\n'), "{name} ends in the middle of a line");
        }
        let current = fs::read_to_string(file.path(0)).unwrap();
        assert!(current.contains("line=399"), "{current}");
        let all: String = (0..3)
            .map(|n| fs::read_to_string(file.path(n)).unwrap())
            .collect();
        assert!(!all.contains("Labinov started"), "the oldest lines went");

        // Opened again (the next start), it appends to the current file.
        let before = fs::metadata(file.path(0)).unwrap().len();
        drop(file);
        let again = Arc::new(RotatingFile::open(&logs, 4096, 3).unwrap());
        tracing::subscriber::with_default(
            subscriber(Some(again.clone()), false, DEFAULT_FILTER.parse().unwrap()),
            || tracing::info!("Labinov started"),
        );
        let after = fs::read_to_string(again.path(0)).unwrap();
        assert!(after.len() as u64 > before && after.contains("line=399"));
    }

    /// With `LABINOV_LOG_CONTENT=1` the message is logged too (checked on `Safe` alone:
    /// the flag is global, and this test does not log).
    #[test]
    fn error_messages_only_when_asked() {
        let e = Error::invalid(
            "title",
            labinov_core::Reason::NotADate {
                value: "Judul rahasia".into(),
            },
        );
        let shown = |on: bool| {
            // The flag is global: the other test, which logs, waits meanwhile.
            let _guard = CONTENT_LOCK.lock().unwrap_or_else(PoisonError::into_inner);
            set_content_logged(on);
            let s = Safe(&e).to_string();
            set_content_logged(false);
            s
        };
        assert_eq!(shown(false), "invalid_input (field title)");
        assert!(shown(true).contains("Judul rahasia"));
    }

    static CONTENT_LOCK: Mutex<()> = Mutex::new(());
}
