//! The SQLite store: opening, pragmas, migrations, the one connection every write uses,
//! and the read-only connections long reads and snapshots run on.
//!
//! Rules:
//! - One read-write connection, behind a mutex: SQLite allows one writer at a time
//!   anyway, a lab's workload is a few writes a minute, and a single writer means a write
//!   is never queued behind `SQLITE_BUSY` retries. It serves every write and the short
//!   reads (one idea, a list, a lab's settings). The mutex is held only for the duration
//!   of one call and never across anything but SQLite work. Callers on an async runtime
//!   must call in from a blocking thread (the shell uses `spawn_blocking`).
//! - Nothing long runs on that connection, or a save typed meanwhile would wait for it
//!   behind the mutex. Long reads run on read-only connections to the same file: in WAL
//!   mode a reader neither blocks nor is blocked by the writer, and each read transaction
//!   sees one consistent snapshot of the data committed when it began (so every save that
//!   returned is seen, and none half). Two kinds:
//!   - whole-database copies (`VACUUM INTO`: the rolling backup, the export's snapshot,
//!     the bundle; 0.1 to 0.5 s for 10,000 to 40,000 ideas, more with photos) on a
//!     fresh connection each ([`Store::vacuum_into`]); while one runs, the WAL cannot be
//!     checkpointed past its snapshot, and the next checkpoint catches up;
//!   - reads that scan much of a lab (board pages, the lab's statistics, the duplicate
//!     hint and search; tens of milliseconds on 10,000 ideas, and the board reloads after
//!     every save in every window) on connections lent by [`Store::read_conn`], a few kept
//!     idle; one still inside a transaction when given back is closed, not kept.
//!
//!   A read-only connection cannot create the `-wal`/`-shm` files, which is fine: the
//!   writer made them when it opened and is open as long as the store is; idle readers
//!   close before it.
//! - Pragmas on every open: WAL, `synchronous=FULL` (a captured idea survives a power cut
//!   once its save returned), foreign keys, `trusted_schema` off, and a busy timeout for
//!   other processes (the CLI) touching the same file. Readers are opened read-only
//!   (not `query_only`, which would also forbid writing the `VACUUM INTO` copy) with the
//!   busy timeout, `trusted_schema` off and `synchronous=FULL` (the copy is written with
//!   its reader's setting), and check that the file is in WAL mode.
//! - Migrations are SQL embedded in the binary, applied in one `IMMEDIATE` transaction, and
//!   counted by `PRAGMA user_version`. A database from a newer version is refused, never
//!   "upgraded down".

// Rooms by concern. The few modules other rooms use are re-imported here, so a room
// names them as `crate::store::<module>` wherever they sit.
pub mod archive;
mod backup;
mod capture;
mod changes;
mod followup;
mod gallery;
mod room;
mod setup;
mod show;
mod sync;

use capture::{attachments, ideas};
use setup::{agencies, options};

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::error::{Error, Result};
use crate::model::AppInfo;

pub use backup::DEFAULT_KEEP as DEFAULT_BACKUPS_KEPT;
pub use followup::{
    read_workbook_stamp, AgencyChart, AgencyFollowup, AgencyFollowupIndex, AgencyIidEstimate,
    BoardIdea, ConflictChoice, ExportedIdeaFollowup, FollowupBoard, IdeaIidEstimate, ImportChange,
    ImportConflict, ImportedRow, LabFollowup, Overdue, OverdueKind, RefusedRow, Side,
    WorkbookImport, MAX_EVIDENCE_BYTES, MAX_WORKBOOK_BYTES,
};
pub(crate) use ideas::{idea_from_row as idea_row, select_columns as idea_columns};
pub use sync::{BundleInfo, StagedBundle, BUNDLE_EXTENSION, BUNDLE_FORMAT, MAX_BUNDLE_BYTES};

/// Schema migrations, in order. Migration `i` brings `user_version` from `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_capture.sql"),
    include_str!("migrations/0003_search_key.sql"),
    include_str!("migrations/0004_show.sql"),
    include_str!("migrations/0005_review.sql"),
    include_str!("migrations/0006_merge.sql"),
    include_str!("migrations/0007_rencana_aksi.sql"),
    include_str!("migrations/0008_room.sql"),
    include_str!("migrations/0009_attendance.sql"),
    include_str!("migrations/0010_publication.sql"),
    include_str!("migrations/0011_followup.sql"),
    include_str!("migrations/0012_archive.sql"),
    include_str!("migrations/0013_room_device.sql"),
];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How many idle read-only connections [`Store::read_conn`] keeps for reuse.
const IDLE_READERS: usize = 4;

pub struct Store {
    /// Idle read-only connections (module docs). Declared before `conn` so they close
    /// first: the writer, closing last, checkpoints the WAL and removes `-wal`/`-shm`,
    /// which a read-only connection closing last cannot.
    readers: Mutex<Vec<Connection>>,
    conn: Mutex<Connection>,
    path: PathBuf,
    /// The database file as SQLite resolved it when the store opened (absolute), so
    /// readers open the same file whatever the working folder is by then.
    file: PathBuf,
    installation_id: String,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path`, applies pending migrations and
    /// gives this installation its stable id on first open.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn)?;
        migrate(&mut conn)?;
        let installation_id = ensure_installation_id(&conn)?;
        let file = conn
            .path()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| path.clone());
        Ok(Store {
            readers: Mutex::new(Vec::new()),
            conn: Mutex::new(conn),
            path,
            file,
            installation_id,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The stable id of this installation, written into every change record.
    pub fn installation_id(&self) -> &str {
        &self.installation_id
    }

    /// Runs `f` with the connection. Poisoning is ignored: a panic in another call cannot
    /// leave SQLite half-written (its transaction rolls back), so the connection is fine.
    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A fresh read-only connection to the database, for reads too long to hold the
    /// writer's mutex for (module docs). WAL mode is checked, not set: a read-only
    /// connection cannot change it, and the writer set it when the store opened.
    pub(crate) fn reader(&self) -> Result<Connection> {
        let conn = Connection::open_with_flags(
            &self.file,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.execute_batch(
            "PRAGMA trusted_schema = OFF;
             PRAGMA synchronous = FULL;",
        )?;
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::internal(
                "database",
                format!("the database is not in WAL mode (got {mode})"),
            ));
        }
        Ok(conn)
    }

    /// A read-only connection for a read that scans much of a lab (a board page, the
    /// statistics, a search), so that saves do not wait behind it (module docs). Taken
    /// from the idle ones, or opened; given back when the guard drops.
    pub(crate) fn read_conn(&self) -> Result<Reader<'_>> {
        let idle = self.readers.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let conn = match idle {
            Some(conn) => conn,
            None => self.reader()?,
        };
        Ok(Reader {
            store: self,
            conn: Some(conn),
        })
    }

    /// `VACUUM INTO target`: a consistent copy of the whole database as of one read
    /// transaction, written by a read-only connection of its own so that saves go on
    /// meanwhile (module docs). The file `target` must not exist (or be empty).
    pub fn vacuum_into(&self, target: &str) -> Result<()> {
        let reader = self.reader()?;
        reader.execute("VACUUM INTO ?1", [target])?;
        reader.close().map_err(|(_, e)| e)?;
        Ok(())
    }

    /// Runs `f` inside one `IMMEDIATE` transaction, committing only if it returns `Ok`.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&Tx {
            tx: &tx,
            installation_id: &self.installation_id,
        })?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` inside one transaction and commits only if it says so: `(true, value)`
    /// commits, `(false, value)` rolls back and still returns the value. A dry run with
    /// the exact checks of the real thing (import previews).
    pub(crate) fn write_if<T>(&self, f: impl FnOnce(&Tx<'_>) -> Result<(bool, T)>) -> Result<T> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (commit, out) = f(&Tx {
            tx: &tx,
            installation_id: &self.installation_id,
        })?;
        if commit {
            tx.commit()?;
        } else {
            tx.rollback()?;
        }
        Ok(out)
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Reads a pragma's current value as text (for diagnostics and tests).
    pub fn pragma(&self, name: &str) -> Result<String> {
        if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(Error::internal("pragma", "not a pragma name"));
        }
        let conn = self.conn();
        let v: rusqlite::types::Value =
            conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))?;
        Ok(match v {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(s) => s,
            other => format!("{other:?}"),
        })
    }

    /// `PRAGMA integrity_check`: `"ok"` on a healthy database.
    ///
    /// SQLite's FTS5 caches its index structure per connection, and the pragma checks
    /// the search index with that cache as it is: after another connection (the CLI, a
    /// second window) wrote to the index, a healthy database was reported as
    /// "fts5: checksum mismatch". So the check runs in one read transaction that first
    /// opens a cursor on the index, which makes FTS5 reload whatever changed.
    pub fn integrity_check(&self) -> Result<String> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        tx.query_row(
            "SELECT count(*) FROM (SELECT 1 FROM idea_search LIMIT 1)",
            [],
            |r| r.get::<_, i64>(0),
        )?;
        let result = tx.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        tx.commit()?;
        Ok(result)
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn().execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// Remembers the lab the user opened, so the next start reopens it.
    pub fn set_last_lab(&self, lab_id: &str) -> Result<()> {
        self.get_lab(lab_id)?;
        self.set_meta("last_lab_id", lab_id)
    }

    /// Opens a lab: returns it and remembers it as the one to reopen next time.
    pub fn open_lab(&self, lab_id: &str) -> Result<crate::model::Lab> {
        self.set_last_lab(lab_id)?;
        self.get_lab(lab_id)
    }

    /// The lab a command-line call means when it names none: the one opened last, else
    /// the newest.
    pub fn default_lab(&self) -> Result<crate::model::Lab> {
        if let Some(id) = self.info()?.last_lab_id {
            return self.get_lab(&id);
        }
        self.list_labs()?
            .into_iter()
            .next()
            .map(|s| s.lab)
            .ok_or(Error::NoLab)
    }

    pub fn info(&self) -> Result<AppInfo> {
        let last_lab_id = match self.meta("last_lab_id")? {
            Some(id) if self.get_lab(&id).is_ok() => Some(id),
            _ => None,
        };
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            database_path: self.path.display().to_string(),
            installation_id: self.installation_id.clone(),
            schema_version: self.schema_version()? as u32,
            last_lab_id,
        })
    }
}

/// A read-only connection lent by [`Store::read_conn`].
pub(crate) struct Reader<'a> {
    store: &'a Store,
    conn: Option<Connection>,
}

impl std::ops::Deref for Reader<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
            .as_ref()
            .expect("a reader holds its connection until dropped")
    }
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        let Some(conn) = self.conn.take() else {
            return;
        };
        // Only a connection with no statement running and no transaction open goes
        // back: one still holding a read transaction would pin an old snapshot of the
        // data (and keep the WAL from being checkpointed past it).
        if conn.is_busy() || !conn.is_autocommit() {
            return;
        }
        let mut idle = self.store.readers.lock().unwrap_or_else(|e| e.into_inner());
        if idle.len() < IDLE_READERS {
            idle.push(conn);
        }
    }
}

/// A write transaction plus what every write needs to record itself.
pub(crate) struct Tx<'a> {
    pub(crate) tx: &'a rusqlite::Transaction<'a>,
    pub(crate) installation_id: &'a str,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.tx
    }
}

/// A write's statements come from the connection's statement cache. `Connection::execute`
/// and `query_row` parse their SQL on every call: a merge of 10,000 ideas spent 40 % of its
/// time in SQLite's parser (perf, release build with line tables), most of it for the
/// same few statements per register. These shadow the connection's methods of the same
/// names, so every write through a `Tx` uses the cache.
impl Tx<'_> {
    pub(crate) fn execute<P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
    ) -> rusqlite::Result<usize> {
        self.tx.prepare_cached(sql)?.execute(params)
    }

    pub(crate) fn query_row<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    {
        self.tx.prepare_cached(sql)?.query_row(params, f)
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Room for the statements of a merge and of the common writes (`Tx::execute`); with
    // the default 16 they pushed each other out.
    conn.set_prepared_statement_cache_capacity(128);
    // journal_mode answers with the mode in force; anything but WAL (e.g. a file system
    // without shared memory) is worth failing loudly over rather than silently losing it.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::internal(
            "database",
            format!("could not switch the database to WAL mode (got {mode})"),
        ));
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA trusted_schema = OFF;",
    )?;
    Ok(())
}

fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found > 0 && found < SCHEMA_VERSION {
        tracing::info!(from = found, to = SCHEMA_VERSION, "migrating the database");
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    if found > 0 && found < 4 {
        // v2 introduced option lists and v4 the status list: labs made before them get
        // the default lists they lack.
        let labs: Vec<String> = {
            let mut stmt = tx.prepare("SELECT id FROM lab")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        for lab in labs {
            options::seed_options(&tx, &lab)?;
        }
    }
    if found > 0 && found < 2 {
        // And their ideas enter the search index.
        let ideas: Vec<crate::model::Idea> = {
            let mut stmt = tx.prepare(&format!(
                "SELECT {} FROM idea",
                ideas::select_columns("idea")
            ))?;
            let rows = stmt.query_map([], ideas::idea_from_row)?;
            rows.collect::<Result<_, _>>()?
        };
        let t = Tx {
            tx: &tx,
            installation_id: "",
        };
        let mut stems = crate::search::StemCache::default();
        for idea in &ideas {
            t.index_idea_with(idea, &mut stems)?;
        }
    }
    tx.commit()?;
    Ok(())
}

fn ensure_installation_id(conn: &Connection) -> Result<String> {
    let existing: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'installation_id'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = uuid::Uuid::now_v7().to_string();
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('installation_id', ?1)",
        [&id],
    )?;
    Ok(id)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod test_support;
