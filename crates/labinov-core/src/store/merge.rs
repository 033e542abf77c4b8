//! Merging laptops: a bundle (`.labinov`, see `bundle.rs`) from another laptop is merged
//! into this database, field by field.
//!
//! # Rules
//!
//! - **Clocks.** Every write stamps each field it records with a hybrid logical clock
//!   (`changes.rs`): `hlc = (physical ms << 16) | counter`, plus the installation that
//!   wrote it (`origin`). Clocks are totally ordered by `(hlc, origin)`; a merge advances
//!   this laptop's clock past every clock it brings in, so a later local edit always wins
//!   over what was merged before it. A bundle carrying a clock more than a day ahead of
//!   this laptop's time is refused (see "Clocks from the future" below).
//! - **Last writer wins, per field.** Each field of a lab, agency, idea or option is its
//!   own register; a person, an agenda session, one reviewer's review of one idea (with
//!   its scores) and a lab's rubric are one register each. For every register the value
//!   with the greater `(hlc, origin)` wins, equal clocks are decided by the larger value
//!   (its JSON text), so the outcome never depends on which side is "local". A field
//!   without a clock was never written (created empty, or a default list every laptop
//!   seeds): it counts as `(0, "")` and any written value supersedes it.
//! - **Conflict log.** Each version of a register carries a version vector (`seen`: the
//!   latest clock of each other laptop its writer had seen in that register). A version
//!   that another version was written over (knowingly) is simply superseded. Versions
//!   that are not superseded by any other are concurrent: the greatest wins, every other
//!   one is an open entry in `merge_conflict` (its value, clock and `seen`), keyed by
//!   register and clock, so the same loss seen twice is one row. A merge computes, per
//!   register, the non-superseded set of {local version, bundle version, both sides' open
//!   entries}: a set operation, so the log is the same whatever the order of merges.
//!   Entries whose value equals the current one are not listed (nothing of them is
//!   lost). "Restore" is a new local edit (new clock) whose `seen` includes the restored
//!   version, so the entry closes on every laptop it reaches; the entry is marked
//!   resolved here.
//! - **Deletions.** Moving an idea to the trash is its `deletedAt` field and merges like
//!   any field (so a restore on one laptop and a delete on another: the later wins).
//!   Deleting for good (emptying the trash, removing a person or an agenda session)
//!   leaves a tombstone, and **a tombstone always wins**, whatever the clocks: the record
//!   is removed everywhere and never brought back by a merge. Ideas merged into a purged
//!   idea are released, reviews by a removed person go with them.
//! - **Append-only parts** merge as unions by id: photos (a removed photo stays removed:
//!   the earliest `deleted_at` wins), pitch notes, the change log (deduplicated), voting
//!   rounds and tallies (a round is run on one laptop, the most advanced state wins:
//!   largest ballot count and tallies, closed if closed anywhere).
//! - **References.** An idea whose agency is new here brings the agency. An agency of the
//!   bundle whose code this lab already has under another id (both laptops imported the
//!   same roster) is the same agency: the bundle's ideas and people are pointed at the
//!   local one, whose fields stay.
//! - A bundle of a lab this laptop does not have creates the lab.
//! - The merge is commutative, associative and idempotent on the lab's data and on the
//!   conflict log as a set (property tests in `merge_tests.rs`), and it writes its own
//!   change-log entries (`mergedFrom`: the exporting laptop) so history says where a
//!   value came from.
//!
//! # Untrusted input
//!
//! A bundle comes from another machine and is handled as hostile: at most
//! [`MAX_BUNDLE_BYTES`]; it must start with the SQLite header; it is copied to a private
//! temp file and opened read-only and immutable, with `SQLITE_DBCONFIG_DEFENSIVE`,
//! `trusted_schema` off, triggers and views disabled, no extension loading and
//! `cell_size_check` on; `PRAGMA quick_check` must pass; `meta.bundle_format` must be
//! [`BUNDLE_FORMAT`] and the schema version exactly this build's (older bundles lack the
//! clocks merging needs: update the other laptop; newer ones are refused with
//! `newer_schema`); each table read must have exactly this build's columns; row counts
//! are bounded; every value goes through the same checks as a local write (`validate.rs`,
//! option codes, photo type, size and SHA-256). Anything wrong refuses the whole bundle
//! with `bad_file` (or `newer_schema`) and the database is untouched: the merge is one
//! transaction.
//!
//! # Clocks from the future
//!
//! Clocks decide which version wins, and a merge advances this laptop's clock past every
//! clock it brings in. A clock far ahead would therefore win every merge and drag this
//! laptop's clock along: a forged bundle with clocks near `i64::MAX` (or, more slowly, a
//! laptop whose date is years off) would leave this laptop a few hundred writes from the
//! end of the clock's range. So every clock a bundle carries is range-checked before
//! anything is merged: each register's `hlc` and the values of its `seen`, tombstones'
//! `hlc`, and the conflict log's `losing_hlc`, `winning_hlc` and `losing_seen`. A clock
//! must be an integer above 0 (anything else: `bad_file`, a clock that is not a clock)
//! and at most [`MAX_CLOCK_AHEAD_MS`] (one day; why, at the constant) ahead of this
//! laptop's time. A bundle with a clock further ahead is **refused as a whole**
//! (`bad_file`), the reason naming the laptop that wrote that clock (its installation id,
//! and the exporting laptop when that is another one), the time the clock claims and how
//! far ahead of this laptop's time that is, so the facilitator can check the date and
//! time of both laptops. Nothing is merged and this laptop's clock does not move.
//!
//! Refused, not clamped: clamping would rewrite a clock to "this laptop's time plus the
//! margin", which differs from laptop to laptop and from one merge to the next, so one
//! version would carry different clocks on different laptops. The merge would stop being
//! commutative and idempotent, a version could no longer be recognised as already seen
//! (`seen`), and conflict entries (keyed by clock) would be duplicated. A refusal changes
//! nothing, and every bundle within range merges exactly as before (uhlc, the Rust HLC
//! crate, likewise rejects remote timestamps beyond its maximum drift). What it costs: a
//! laptop whose date ran more than a day ahead keeps those clocks (clocks never go back),
//! so its bundles stay refused until real time is within a day of them, even after its
//! date is corrected; its data can still be collected the other way round, by merging
//! the other laptops' bundles into it. The check is against this laptop's time: if this
//! laptop's date is far behind, every bundle looks ahead, which the reason (both times)
//! makes plain. Local clock arithmetic is checked too (`changes.rs`, "Range").

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection, OpenFlags, OptionalExtension};
use serde_json::{json, Value};

use super::changes::{hlc_at, latest_accepted_hlc, now_ms, MAX_CLOCK_AHEAD_MS};
use super::{Store, Tx, BUNDLE_FORMAT, SCHEMA_VERSION};
use crate::error::{Error, Result};
use crate::model::{
    ChangeOp, IdeaPatch, MergeConflict, MergeReport, MergedIdea, NewAgency, NewLab,
};
use crate::time::now_utc;

/// Largest bundle accepted, in bytes.
pub const MAX_BUNDLE_BYTES: u64 = 2 << 30;

/// Most rows accepted per table of a bundle.
const MAX_ROWS: &[(&str, i64)] = &[
    ("lab", 1),
    ("agency", 10_000),
    ("person", 50_000),
    ("agenda_session", 10_000),
    ("option_item", 10_000),
    ("idea", 500_000),
    ("attachment", 100_000),
    ("idea_note", 1_000_000),
    ("rubric_criterion", 1_000),
    ("review", 1_000_000),
    ("review_score", 10_000_000),
    ("vote_round", 10_000),
    ("vote_tally", 1_000_000),
    ("change_log", 20_000_000),
    ("field_clock", 50_000_000),
    ("tombstone", 1_000_000),
    ("merge_conflict", 1_000_000),
];

fn bad(reason: impl Into<String>) -> Error {
    Error::BadFile {
        field: "bundle".into(),
        reason: reason.into(),
    }
}

/// Any SQLite failure while reading the bundle is the bundle's fault.
fn rb<T>(r: rusqlite::Result<T>) -> Result<T> {
    r.map_err(|e| bad(format!("the bundle cannot be read: {e}")))
}

/// A bundle opened for reading, from a private copy removed when dropped.
pub(crate) struct Bundle {
    conn: Connection,
    dir: PathBuf,
    pub(crate) lab_id: String,
    pub(crate) installation_id: String,
    pub(crate) created_at: String,
}

impl Drop for Bundle {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Opens a bundle by the rules of "Untrusted input" in the module docs.
pub(crate) fn open_bundle(path: &Path) -> Result<Bundle> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(bad("this is a folder, not a bundle file"));
    }
    if meta.len() > MAX_BUNDLE_BYTES {
        return Err(bad(format!(
            "the file is {} bytes; a bundle is at most {MAX_BUNDLE_BYTES}",
            meta.len()
        )));
    }
    let mut head = [0u8; 16];
    {
        use std::io::Read;
        let mut f = std::fs::File::open(path)?;
        let n = f.read(&mut head)?;
        if n < 16 || &head != b"SQLite format 3\0" {
            return Err(bad("this is not a Labinov bundle (not an SQLite file)"));
        }
    }
    let dir = std::env::temp_dir().join(format!("labinov-merge-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir)?;
    let copy = dir.join("bundle.db");
    let guard = DirGuard(Some(dir.clone()));
    crate::fsutil::copy_file(path, &copy)?;
    let uri = format!(
        "file:{}?immutable=1",
        copy.display()
            .to_string()
            .replace('%', "%25")
            .replace('?', "%3f")
            .replace('#', "%23")
    );
    let conn = rb(Connection::open_with_flags(
        &uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ))?;
    rb(conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true))?;
    rb(conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false))?;
    rb(conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false))?;
    rb(conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false))?;
    rb(conn.execute_batch("PRAGMA cell_size_check = ON; PRAGMA trusted_schema = OFF;"))?;
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| bad(format!("the bundle is damaged: {e}")))?;
    if check != "ok" {
        return Err(bad(format!("the bundle is damaged: {check}")));
    }
    let meta_value = |key: &str| -> Result<Option<String>> {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|_| bad("this is not a Labinov bundle (an SQLite file of something else)"))
    };
    match meta_value("bundle_format")?.as_deref() {
        Some(BUNDLE_FORMAT) => {}
        Some(other) => {
            return Err(bad(format!(
                "bundle format {other:?} is not one this version reads ({BUNDLE_FORMAT})"
            )))
        }
        None => {
            return Err(bad(
                "this is not a Labinov bundle (a Labinov database, but not an exported lab)",
            ))
        }
    }
    let version: i64 = rb(conn.query_row("PRAGMA user_version", [], |r| r.get(0)))?;
    if version > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version < SCHEMA_VERSION {
        return Err(bad(format!(
            "the bundle was made by an older Labinov (schema {version}, this one reads \
             {SCHEMA_VERSION}): update Labinov on the other laptop and export again"
        )));
    }
    let lab_id = meta_value("bundle_lab_id")?.ok_or_else(|| bad("the bundle names no lab"))?;
    let installation_id =
        meta_value("bundle_installation_id")?.ok_or_else(|| bad("the bundle names no laptop"))?;
    let created_at = meta_value("bundle_created_at")?.unwrap_or_default();
    let b = Bundle {
        conn,
        dir,
        lab_id,
        installation_id,
        created_at,
    };
    std::mem::forget(guard);
    Ok(b)
}

struct DirGuard(Option<PathBuf>);
impl Drop for DirGuard {
    fn drop(&mut self) {
        if let Some(d) = self.0.take() {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

impl Bundle {
    /// Each table read must have exactly the local columns, and at most its row limit.
    fn check_shape(&self, local: &Connection) -> Result<()> {
        let cols = |c: &Connection, t: &str| -> rusqlite::Result<Vec<(String, String)>> {
            let mut stmt =
                c.prepare("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid")?;
            let rows = stmt.query_map([t], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        };
        for (table, limit) in MAX_ROWS {
            let theirs = rb(cols(&self.conn, table))?;
            let ours = cols(local, table)?;
            if theirs != ours {
                return Err(bad(format!(
                    "the bundle's table {table} is not shaped as Labinov makes it"
                )));
            }
            let kind: Option<String> = rb(self
                .conn
                .query_row(
                    "SELECT type FROM sqlite_schema WHERE name = ?1",
                    [table],
                    |r| r.get(0),
                )
                .optional())?;
            if kind.as_deref() != Some("table") {
                return Err(bad(format!("the bundle's {table} is not a table")));
            }
            let n: i64 =
                rb(self
                    .conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)))?;
            if n > *limit {
                return Err(bad(format!(
                    "the bundle has {n} rows of {table}; at most {limit} are accepted"
                )));
            }
        }
        let labs: Vec<String> = rb(self.strings("SELECT id FROM lab", []))?;
        if labs != [self.lab_id.clone()] {
            return Err(bad("the bundle must hold exactly the lab it names"));
        }
        Ok(())
    }

    /// Every clock of the bundle is an integer above 0 and at most a day ahead of
    /// `now_ms` ("Clocks from the future" in the module docs); returns the greatest.
    fn check_clocks(&self, now_ms: i64) -> Result<i64> {
        let mut newest: (i64, Option<String>) = (0, None);
        for (column, rows) in CLOCK_COLUMNS {
            let (nonsense, origin, max): (i64, Option<String>, Option<i64>) =
                rb(self.conn.query_row(
                    &format!(
                        "SELECT count(*) FILTER (WHERE typeof(c) <> 'integer' OR c <= 0),
                                o, max(c) FROM ({rows})"
                    ),
                    [&self.lab_id],
                    |r| {
                        Ok((
                            r.get(0)?,
                            r.get(1).unwrap_or(None),
                            r.get(2).unwrap_or(None),
                        ))
                    },
                ))?;
            if nonsense > 0 {
                let v: SqlValue = rb(self.conn.query_row(
                    &format!(
                        "SELECT c FROM ({rows}) WHERE typeof(c) <> 'integer' OR c <= 0 LIMIT 1"
                    ),
                    [&self.lab_id],
                    |r| r.get(0),
                ))?;
                let v: String = to_json(&v).to_string().chars().take(40).collect();
                return Err(bad(format!(
                    "a clock in the bundle is not a clock ({column} = {v})"
                )));
            }
            if let Some(max) = max.filter(|m| *m > newest.0) {
                newest = (max, origin);
            }
        }
        let (clock, origin) = newest;
        if clock > latest_accepted_hlc(now_ms) {
            let exporter = &self.installation_id;
            let origin = origin
                .filter(|o| check_origin(o).is_ok() && !o.is_empty())
                .unwrap_or_else(|| exporter.clone());
            let via = if &origin == exporter {
                String::new()
            } else {
                format!(
                    " (the bundle was exported by laptop {exporter}, which had merged that \
                     laptop's data)"
                )
            };
            return Err(bad(format!(
                "the clock of laptop {origin} is ahead: it claims {}, {} ahead of this \
                 laptop's clock ({}), and at most {} hours ahead is accepted{via}. Check the \
                 date and time of both laptops; nothing was merged",
                hlc_time(clock),
                how_far((clock >> 16).saturating_sub(now_ms)),
                hlc_at(now_ms).map(hlc_time).unwrap_or_default(),
                MAX_CLOCK_AHEAD_MS / 3_600_000,
            )));
        }
        Ok(clock)
    }

    fn strings<P: rusqlite::Params>(&self, sql: &str, p: P) -> rusqlite::Result<Vec<String>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map(p, |r| r.get(0))?;
        rows.collect()
    }

    fn rows(&self, sql: &str, lab: &str) -> Result<Vec<Vec<SqlValue>>> {
        rb(read_rows(&self.conn, sql, [lab]))
    }
}

fn read_rows<P: rusqlite::Params>(
    c: &Connection,
    sql: &str,
    p: P,
) -> rusqlite::Result<Vec<Vec<SqlValue>>> {
    let mut stmt = c.prepare(sql)?;
    let n = stmt.column_count();
    let rows = stmt.query_map(p, |r| (0..n).map(|i| r.get::<_, SqlValue>(i)).collect())?;
    rows.collect()
}

/// A SQL value as JSON (blobs never sit in registers).
fn to_json(v: &SqlValue) -> Value {
    match v {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => json!(i),
        SqlValue::Real(f) => json!(f),
        SqlValue::Text(s) => json!(s),
        SqlValue::Blob(b) => json!(format!("<{} bytes>", b.len())),
    }
}

fn as_text(v: &SqlValue) -> Option<&str> {
    match v {
        SqlValue::Text(s) => Some(s),
        _ => None,
    }
}

/// A register's clock: `(hlc, origin)`; `(0, "")` when it has none.
type Clock = (i64, String);
type Register = (String, String, String);
/// A version vector: the latest clock seen of each origin.
type Seen = BTreeMap<String, i64>;
type ClockMap = HashMap<Register, (Clock, Seen)>;
type SiblingMap = HashMap<Register, Vec<Version>>;

/// One version of a register: its clock, value and what its writer had seen.
#[derive(Debug, Clone)]
struct Version {
    clock: Clock,
    value: Value,
    seen: Seen,
}

impl Version {
    /// `self` was written knowing `v` (so `v` is not a concurrent version).
    fn dominates(&self, v: &Version) -> bool {
        // A value without a clock was never written (created empty, or a default list
        // seeded on every laptop): any written value supersedes it.
        if v.clock.0 == 0 && self.clock.0 > 0 {
            return true;
        }
        self.clock != v.clock
            && ((self.clock.1 == v.clock.1 && self.clock.0 > v.clock.0)
                || self.seen.get(&v.clock.1).is_some_and(|h| *h >= v.clock.0))
    }

    /// Total order: clock, then the value's JSON text.
    fn key(&self) -> (&Clock, String) {
        (&self.clock, self.value.to_string())
    }
}

/// An installation id as written by Labinov (UUID text); anything else in a bundle is
/// refused, since ids end up inside JSON paths.
fn check_origin(o: &str) -> rusqlite::Result<()> {
    if o.len() <= 64 && o.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        Ok(())
    } else {
        Err(rusqlite::Error::InvalidParameterName(format!(
            "{o:?} is not an installation id"
        )))
    }
}

fn parse_seen(s: &str) -> rusqlite::Result<Seen> {
    let seen: Seen = serde_json::from_str(s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })?;
    for o in seen.keys() {
        check_origin(o)?;
    }
    Ok(seen)
}

fn seen_json(seen: &Seen) -> String {
    serde_json::to_string(seen).unwrap_or_else(|_| "{}".into())
}

fn load_clocks(c: &Connection, lab: &str) -> rusqlite::Result<ClockMap> {
    let mut stmt = c.prepare(
        "SELECT entity, entity_id, field, hlc, origin, seen FROM field_clock WHERE lab_id = ?1",
    )?;
    let rows = stmt.query_map([lab], |r| {
        let origin: String = r.get(4)?;
        check_origin(&origin)?;
        Ok((
            (r.get(0)?, r.get(1)?, r.get(2)?),
            (
                (r.get::<_, i64>(3)?, origin),
                parse_seen(&r.get::<_, String>(5)?)?,
            ),
        ))
    })?;
    rows.collect()
}

/// The open (unresolved) conflict entries: the concurrent versions that lost, by register.
fn load_siblings(c: &Connection, lab: &str) -> rusqlite::Result<SiblingMap> {
    let mut stmt = c.prepare(
        "SELECT entity, entity_id, field, losing_value, losing_hlc, losing_origin, losing_seen
         FROM merge_conflict WHERE lab_id = ?1 AND resolved_at IS NULL",
    )?;
    let mut out: SiblingMap = HashMap::new();
    let mut rows = stmt.query([lab])?;
    while let Some(r) = rows.next()? {
        let origin: String = r.get(5)?;
        check_origin(&origin)?;
        let value: String = r.get(3)?;
        let value = serde_json::from_str(&value).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e))
        })?;
        out.entry((r.get(0)?, r.get(1)?, r.get(2)?))
            .or_default()
            .push(Version {
                clock: (r.get(4)?, origin),
                value,
                seen: parse_seen(&r.get::<_, String>(6)?)?,
            });
    }
    Ok(out)
}

/// How one column merges.
#[derive(Clone, Copy, PartialEq)]
enum Col {
    /// Its own register, named (camelCase, as the change log names it).
    Field(&'static str),
    /// Part of the row's one register.
    Row,
    /// The larger value wins (`updated_at`, counters).
    Max,
    /// The smaller value wins (`created_at`); for a nullable column the earliest non-null.
    Min,
    /// Must agree (the owner: `lab_id`, `idea_id`).
    Keep,
}

struct Spec {
    table: &'static str,
    /// The entity name of its registers and tombstones.
    entity: &'static str,
    key: &'static [&'static str],
    cols: &'static [(&'static str, Col)],
    /// The row register's field name, for `Col::Row` columns.
    row_register: &'static str,
    /// Selects the bundle's rows of the lab (`?1` = lab id); columns: key, then cols.
    scope: &'static str,
    /// Whether hard deletes (tombstones) apply.
    tombstones: bool,
}

const LAB: Spec = Spec {
    table: "lab",
    entity: "lab",
    key: &["id"],
    cols: &[
        ("name", Col::Field("name")),
        ("organiser", Col::Field("organiser")),
        ("city", Col::Field("city")),
        ("venue", Col::Field("venue")),
        ("start_date", Col::Field("startDate")),
        ("days", Col::Field("days")),
        ("idea_target", Col::Field("ideaTarget")),
        ("time_zone", Col::Field("timeZone")),
        ("created_at", Col::Min),
        ("updated_at", Col::Max),
    ],
    row_register: "",
    scope: "id = ?1",
    tombstones: false,
};

const OPTION: Spec = Spec {
    table: "option_item",
    entity: "option",
    key: &["lab_id", "list", "code"],
    cols: &[
        ("label_id", Col::Field("labelId")),
        ("label_en", Col::Field("labelEn")),
        ("position", Col::Field("position")),
        ("retired", Col::Field("retired")),
    ],
    row_register: "",
    scope: "lab_id = ?1",
    tombstones: false,
};

const AGENCY: Spec = Spec {
    table: "agency",
    entity: "agency",
    key: &["id"],
    cols: &[
        ("lab_id", Col::Keep),
        ("code", Col::Field("code")),
        ("name", Col::Field("name")),
        ("short_name", Col::Field("shortName")),
        ("grp", Col::Field("group")),
        ("position", Col::Field("position")),
        ("retired_at", Col::Field("retiredAt")),
    ],
    row_register: "",
    scope: "lab_id = ?1",
    tombstones: false,
};

const PERSON: Spec = Spec {
    table: "person",
    entity: "person",
    key: &["id"],
    cols: &[
        ("lab_id", Col::Keep),
        ("agency_id", Col::Row),
        ("name", Col::Row),
        ("position", Col::Row),
        ("role", Col::Row),
        ("created_at", Col::Min),
        ("updated_at", Col::Max),
    ],
    row_register: "person",
    scope: "lab_id = ?1",
    tombstones: true,
};

const AGENDA: Spec = Spec {
    table: "agenda_session",
    entity: "agenda",
    key: &["id"],
    cols: &[
        ("lab_id", Col::Keep),
        ("day", Col::Row),
        ("starts_at", Col::Row),
        ("ends_at", Col::Row),
        ("title", Col::Row),
        ("stage", Col::Row),
        ("created_at", Col::Min),
        ("updated_at", Col::Max),
    ],
    row_register: "session",
    scope: "lab_id = ?1",
    tombstones: true,
};

/// The idea's columns (after `id`), each its own register named as `IdeaInput` names it.
const IDEA_COLS: &[(&str, Col)] = &[
    ("lab_id", Col::Keep),
    ("agency_id", Col::Field("agencyId")),
    ("title", Col::Field("title")),
    ("proposer_name", Col::Field("proposerName")),
    ("proposer_position", Col::Field("proposerPosition")),
    ("problem", Col::Field("problem")),
    ("description", Col::Field("description")),
    ("stage", Col::Field("stage")),
    ("lab_day", Col::Field("labDay")),
    ("tahapan", Col::Field("tahapan")),
    ("inisiator", Col::Field("inisiator")),
    ("jenis", Col::Field("jenis")),
    ("bentuk", Col::Field("bentuk")),
    ("urusan", Col::Field("urusan")),
    ("urusan_lain", Col::Field("urusanLain")),
    ("tematik", Col::Field("tematik")),
    ("trial_date", Col::Field("trialDate")),
    ("rollout_date", Col::Field("rolloutDate")),
    ("rancang_bangun", Col::Field("rancangBangun")),
    ("tujuan", Col::Field("tujuan")),
    ("manfaat", Col::Field("manfaat")),
    ("hasil", Col::Field("hasil")),
    ("anggaran", Col::Field("anggaran")),
    ("beneficiaries", Col::Field("beneficiaries")),
    ("benefit_types", Col::Field("benefitTypes")),
    ("tags", Col::Field("tags")),
    ("status", Col::Field("status")),
    ("deleted_at", Col::Field("deletedAt")),
    ("merged_into", Col::Field("mergedInto")),
    ("created_at", Col::Min),
    ("updated_at", Col::Max),
];

const IDEA: Spec = Spec {
    table: "idea",
    entity: "idea",
    key: &["id"],
    cols: IDEA_COLS,
    row_register: "",
    scope: "lab_id = ?1",
    tombstones: true,
};

const ATTACHMENT: Spec = Spec {
    table: "attachment",
    entity: "attachment",
    key: &["id"],
    cols: &[
        ("idea_id", Col::Keep),
        ("file_name", Col::Keep),
        ("mime", Col::Keep),
        ("size", Col::Keep),
        ("sha256", Col::Keep),
        ("bytes", Col::Keep),
        ("thumbnail", Col::Keep),
        ("created_at", Col::Min),
        ("deleted_at", Col::Min),
    ],
    row_register: "",
    scope: "idea_id IN (SELECT id FROM idea WHERE lab_id = ?1)",
    tombstones: false,
};

const NOTE: Spec = Spec {
    table: "idea_note",
    entity: "note",
    key: &["id"],
    cols: &[
        ("idea_id", Col::Keep),
        ("text", Col::Keep),
        ("created_at", Col::Keep),
        ("installation_id", Col::Keep),
    ],
    row_register: "",
    scope: "idea_id IN (SELECT id FROM idea WHERE lab_id = ?1)",
    tombstones: false,
};

const REVIEW_SETTING: Spec = Spec {
    table: "review_setting",
    entity: "review_setting",
    key: &["lab_id"],
    cols: &[("blind", Col::Field("blind"))],
    row_register: "",
    scope: "lab_id = ?1",
    tombstones: false,
};

const VOTE_ROUND: Spec = Spec {
    table: "vote_round",
    entity: "vote_round",
    key: &["id"],
    cols: &[
        ("lab_id", Col::Keep),
        ("dots", Col::Keep),
        ("opened_at", Col::Keep),
        ("closed_at", Col::Max),
        ("ballots", Col::Max),
    ],
    row_register: "",
    scope: "lab_id = ?1",
    tombstones: false,
};

const VOTE_TALLY: Spec = Spec {
    table: "vote_tally",
    entity: "vote_tally",
    key: &["round_id", "idea_id"],
    cols: &[("dots", Col::Max), ("position", Col::Keep)],
    row_register: "",
    scope: "round_id IN (SELECT id FROM vote_round WHERE lab_id = ?1)",
    tombstones: false,
};

/// Every clock column a bundle carries, as rows `(o, c)` of the lab `?1`: `c` the clock,
/// `o` the laptop that wrote it (none for a conflict's winning clock: the exporter's).
const CLOCK_COLUMNS: &[(&str, &str)] = &[
    (
        "field_clock.hlc",
        "SELECT origin AS o, hlc AS c FROM field_clock WHERE lab_id = ?1",
    ),
    (
        "field_clock.seen",
        "SELECT j.key AS o, j.value AS c FROM field_clock f, json_each(f.seen) j
         WHERE f.lab_id = ?1",
    ),
    (
        "tombstone.hlc",
        "SELECT origin AS o, hlc AS c FROM tombstone WHERE lab_id = ?1",
    ),
    (
        "merge_conflict.losing_hlc",
        "SELECT losing_origin AS o, losing_hlc AS c FROM merge_conflict WHERE lab_id = ?1",
    ),
    (
        "merge_conflict.winning_hlc",
        "SELECT NULL AS o, winning_hlc AS c FROM merge_conflict WHERE lab_id = ?1",
    ),
    (
        "merge_conflict.losing_seen",
        "SELECT j.key AS o, j.value AS c FROM merge_conflict m, json_each(m.losing_seen) j
         WHERE m.lab_id = ?1",
    ),
];

/// A positive duration in words, rounded: hours, days, or years.
fn how_far(ms: i64) -> String {
    const HOUR: i64 = 3_600_000;
    let hours = ms.saturating_add(HOUR / 2) / HOUR;
    let days = ms.saturating_add(12 * HOUR) / (24 * HOUR);
    let years = days.saturating_add(182) / 365;
    if years >= 2 {
        format!("about {years} years")
    } else if days >= 3 {
        format!("{days} days")
    } else {
        format!("{hours} hours")
    }
}

fn hlc_time(hlc: i64) -> String {
    chrono::DateTime::from_timestamp_millis(hlc >> 16)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
        .unwrap_or_default()
}

/// What one merge found and did (or, previewed, would do).
struct Merger<'a, 't> {
    tx: &'a Tx<'t>,
    b: &'a Bundle,
    lab: String,
    origin: String,
    local_clocks: ClockMap,
    remote_clocks: ClockMap,
    local_siblings: SiblingMap,
    remote_siblings: SiblingMap,
    tombstones: BTreeSet<(String, String)>,
    agency_map: HashMap<String, String>,
    /// Per entity (kind, id): the changed fields `{field: {old, new}}`, for the change log
    /// and the report.
    changed: BTreeMap<(String, String), serde_json::Map<String, Value>>,
    created: BTreeSet<(String, String)>,
    conflicts: u32,
    removed: BTreeSet<(String, String)>,
    max_hlc: i64,
}

impl Merger<'_, '_> {
    fn head(map: &ClockMap, e: &str, id: &str, f: &str, value: &Value) -> Version {
        let (clock, seen) = map
            .get(&(e.to_owned(), id.to_owned(), f.to_owned()))
            .cloned()
            .unwrap_or(((0, String::new()), Seen::new()));
        Version {
            clock,
            value: value.clone(),
            seen,
        }
    }

    fn siblings(map: &SiblingMap, e: &str, id: &str, f: &str) -> Vec<Version> {
        map.get(&(e.to_owned(), id.to_owned(), f.to_owned()))
            .cloned()
            .unwrap_or_default()
    }

    /// Merges one register: this laptop's version and open conflicts with the bundle's.
    /// The versions not written over by another (concurrent ones) survive; the greatest
    /// wins, the others are the register's conflict entries. Returns whether the
    /// bundle's value replaces the local one.
    fn register(
        &mut self,
        e: &str,
        id: &str,
        f: &str,
        local: &Value,
        remote: &Value,
    ) -> Result<bool> {
        let l = Self::head(&self.local_clocks, e, id, f, local);
        let r = Self::head(&self.remote_clocks, e, id, f, remote);
        self.max_hlc = self.max_hlc.max(r.clock.0);
        let ls = Self::siblings(&self.local_siblings, e, id, f);
        let rs = Self::siblings(&self.remote_siblings, e, id, f);
        if l.clock == r.clock && rs.is_empty() && (ls.is_empty() || local == remote) {
            // The same version (and nothing new in conflict): nothing to do.
            if local == remote {
                return Ok(false);
            }
        }
        let mut all: Vec<Version> = Vec::with_capacity(2 + ls.len() + rs.len());
        for v in [l.clone(), r.clone()]
            .into_iter()
            .chain(ls.iter().cloned())
            .chain(rs)
        {
            if !all.iter().any(|x| x.clock == v.clock && x.value == v.value) {
                all.push(v);
            }
        }
        let live: Vec<Version> = all
            .iter()
            .filter(|v| !all.iter().any(|u| u.dominates(v)))
            .cloned()
            .collect();
        let winner = live
            .iter()
            .max_by(|a, b| a.key().cmp(&b.key()))
            .cloned()
            .unwrap_or_else(|| l.clone());
        if winner.clock != l.clock || winner.seen != l.seen {
            self.set_clock(e, id, f, &winner.clock, &winner.seen)?;
        }
        let losers: Vec<&Version> = live
            .iter()
            .filter(|v| v.clock != winner.clock || v.value != winner.value)
            .collect();
        self.sync_conflicts(e, id, f, &losers, &ls, &winner)?;
        Ok(winner.clock == r.clock && winner.value == r.value && local != remote)
    }

    /// A record new here: its clocks and open conflicts come as they are.
    fn adopt(&mut self, e: &str, id: &str, f: &str, remote: &Value) -> Result<()> {
        let r = Self::head(&self.remote_clocks, e, id, f, remote);
        self.max_hlc = self.max_hlc.max(r.clock.0);
        if r.clock.0 > 0 || !r.clock.1.is_empty() {
            self.set_clock(e, id, f, &r.clock, &r.seen)?;
        }
        let rs = Self::siblings(&self.remote_siblings, e, id, f);
        let losers: Vec<&Version> = rs.iter().collect();
        self.sync_conflicts(e, id, f, &losers, &[], &r)
    }

    fn set_clock(&mut self, e: &str, id: &str, f: &str, c: &Clock, seen: &Seen) -> Result<()> {
        self.tx.execute(
            "INSERT INTO field_clock (lab_id, entity, entity_id, field, hlc, origin, seen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (entity, entity_id, field) DO UPDATE
                SET hlc = excluded.hlc, origin = excluded.origin, seen = excluded.seen",
            params![self.lab, e, id, f, c.0, c.1, seen_json(seen)],
        )?;
        self.local_clocks.insert(
            (e.to_owned(), id.to_owned(), f.to_owned()),
            (c.clone(), seen.clone()),
        );
        Ok(())
    }

    /// Makes the register's open conflict entries exactly `losers`.
    fn sync_conflicts(
        &mut self,
        e: &str,
        id: &str,
        f: &str,
        losers: &[&Version],
        open: &[Version],
        winner: &Version,
    ) -> Result<()> {
        for o in open {
            if !losers.iter().any(|v| v.clock == o.clock) {
                self.tx.execute(
                    "DELETE FROM merge_conflict WHERE entity = ?1 AND entity_id = ?2 AND field = ?3
                        AND losing_hlc = ?4 AND losing_origin = ?5 AND resolved_at IS NULL",
                    params![e, id, f, o.clock.0, o.clock.1],
                )?;
            }
        }
        for v in losers {
            let n = self.tx.execute(
                "INSERT INTO merge_conflict (lab_id, entity, entity_id, field, losing_value,
                     losing_hlc, losing_origin, losing_seen, winning_hlc, detected_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT (entity, entity_id, field, losing_hlc, losing_origin) DO NOTHING",
                params![
                    self.lab,
                    e,
                    id,
                    f,
                    v.value.to_string(),
                    v.clock.0,
                    v.clock.1,
                    seen_json(&v.seen),
                    winner.clock.0,
                    now_utc()
                ],
            )?;
            if v.value != winner.value {
                self.conflicts += n as u32;
            }
        }
        let key = (e.to_owned(), id.to_owned(), f.to_owned());
        let now: Vec<Version> = losers.iter().map(|v| (*v).clone()).collect();
        if now.is_empty() {
            self.local_siblings.remove(&key);
        } else {
            self.local_siblings.insert(key, now);
        }
        Ok(())
    }

    fn note_change(&mut self, e: &str, id: &str, field: &str, old: Value, new: Value) {
        self.changed
            .entry((e.to_owned(), id.to_owned()))
            .or_default()
            .insert(field.to_owned(), json!({"old": old, "new": new}));
    }

    /// Merges the rows of one table by the spec; returns the keys of rows it wrote.
    fn merge_table(&mut self, spec: &Spec) -> Result<Vec<String>> {
        let cols: Vec<&str> = spec
            .key
            .iter()
            .copied()
            .chain(spec.cols.iter().map(|c| c.0))
            .collect();
        let list = cols.join(", ");
        let rows = self.b.rows(
            &format!(
                "SELECT {list} FROM {} WHERE {} ORDER BY {}",
                spec.table,
                spec.scope,
                spec.key.join(", ")
            ),
            &self.lab,
        )?;
        let where_key: Vec<String> = spec
            .key
            .iter()
            .enumerate()
            .map(|(i, k)| format!("{k} = ?{}", i + 1))
            .collect();
        let select_local = format!(
            "SELECT {} FROM {} WHERE {}",
            spec.cols.iter().map(|c| c.0).collect::<Vec<_>>().join(", "),
            spec.table,
            where_key.join(" AND ")
        );
        let nk = spec.key.len();
        let mut written = Vec::new();
        for mut row in rows {
            let id: String = row[..nk]
                .iter()
                .map(|v| {
                    as_text(v)
                        .map(str::to_owned)
                        .unwrap_or_else(|| to_json(v).to_string())
                })
                .collect::<Vec<_>>()
                .join("/");
            let entity_id = if spec.table == "option_item" {
                // Options are registered as `list/code` (the lab is the register's lab).
                id.split_once('/').map(|x| x.1).unwrap_or("").to_owned()
            } else {
                id.clone()
            };
            if spec.tombstones
                && self
                    .tombstones
                    .contains(&(spec.entity.to_owned(), entity_id.clone()))
            {
                continue;
            }
            if spec.table == "agency" && self.agency_map.contains_key(&id) {
                // The same agency as one of this lab's (same code): the local one stays.
                continue;
            }
            // Remap agency references onto this lab's agency with the same code.
            for (i, (c, _)) in spec.cols.iter().enumerate() {
                if *c == "agency_id" {
                    if let Some(a) = as_text(&row[nk + i]) {
                        if let Some(to) = self.agency_map.get(a) {
                            row[nk + i] = SqlValue::Text(to.clone());
                        }
                    }
                }
            }
            let local: Option<Vec<SqlValue>> =
                read_rows(self.tx, &select_local, params_from_iter(row[..nk].iter()))?
                    .into_iter()
                    .next();
            match local {
                None => {
                    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
                    self.tx.execute(
                        &format!(
                            "INSERT INTO {} ({list}) VALUES ({})",
                            spec.table,
                            marks.join(", ")
                        ),
                        params_from_iter(row.iter()),
                    )?;
                    // Its clocks come along.
                    let mut fields: Vec<&str> = spec
                        .cols
                        .iter()
                        .filter_map(|c| match c.1 {
                            Col::Field(f) => Some(f),
                            _ => None,
                        })
                        .collect();
                    if !spec.row_register.is_empty() {
                        fields.push(spec.row_register);
                    }
                    let row_cols: Vec<usize> = spec
                        .cols
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.1 == Col::Row)
                        .map(|(i, _)| i)
                        .collect();
                    for f in fields {
                        let value = if f == spec.row_register {
                            Value::Array(row_cols.iter().map(|&i| to_json(&row[nk + i])).collect())
                        } else {
                            let i = spec
                                .cols
                                .iter()
                                .position(|c| c.1 == Col::Field(f))
                                .unwrap_or(0);
                            to_json(&row[nk + i])
                        };
                        self.adopt(spec.entity, &entity_id, f, &value)?;
                    }
                    self.created
                        .insert((spec.entity.to_owned(), entity_id.clone()));
                    let mut m = serde_json::Map::new();
                    for (i, (c, kind)) in spec.cols.iter().enumerate() {
                        if let Col::Field(f) = kind {
                            m.insert((*f).into(), json!({"new": to_json(&row[nk + i])}));
                        } else if *c != "bytes" && *c != "thumbnail" && matches!(kind, Col::Row) {
                            m.insert((*c).into(), json!({"new": to_json(&row[nk + i])}));
                        }
                    }
                    self.changed
                        .insert((spec.entity.to_owned(), entity_id.clone()), m);
                    written.push(id);
                }
                Some(local) => {
                    let mut new = local.clone();
                    // The row register first (all its columns as one JSON value).
                    let row_cols: Vec<usize> = spec
                        .cols
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.1 == Col::Row)
                        .map(|(i, _)| i)
                        .collect();
                    if !row_cols.is_empty() {
                        let lv =
                            Value::Array(row_cols.iter().map(|&i| to_json(&local[i])).collect());
                        let rv =
                            Value::Array(row_cols.iter().map(|&i| to_json(&row[nk + i])).collect());
                        if self.register(spec.entity, &entity_id, spec.row_register, &lv, &rv)? {
                            for &i in &row_cols {
                                new[i] = row[nk + i].clone();
                            }
                            self.note_change(spec.entity, &entity_id, spec.row_register, lv, rv);
                        }
                    }
                    for (i, (c, kind)) in spec.cols.iter().enumerate() {
                        let (lv, rv) = (&local[i], &row[nk + i]);
                        match kind {
                            Col::Field(f) => {
                                let (lj, rj) = (to_json(lv), to_json(rv));
                                if self.register(spec.entity, &entity_id, f, &lj, &rj)? {
                                    new[i] = rv.clone();
                                    self.note_change(spec.entity, &entity_id, f, lj, rj);
                                }
                            }
                            Col::Row => {}
                            Col::Max => {
                                if sql_cmp(rv, lv) == std::cmp::Ordering::Greater {
                                    new[i] = rv.clone();
                                }
                            }
                            Col::Min => {
                                let take = match (lv, rv) {
                                    (SqlValue::Null, SqlValue::Null) => false,
                                    (SqlValue::Null, _) => true,
                                    (_, SqlValue::Null) => false,
                                    _ => sql_cmp(rv, lv) == std::cmp::Ordering::Less,
                                };
                                if take {
                                    new[i] = rv.clone();
                                    if *c == "deleted_at" {
                                        self.note_change(
                                            spec.entity,
                                            &entity_id,
                                            "deletedAt",
                                            to_json(lv),
                                            to_json(rv),
                                        );
                                    }
                                }
                            }
                            Col::Keep => {
                                if lv != rv {
                                    return Err(bad(format!(
                                        "{} {id} of the bundle differs from this laptop's in {c}, which never changes",
                                        spec.table
                                    )));
                                }
                            }
                        }
                    }
                    if new != local {
                        let sets: Vec<String> = spec
                            .cols
                            .iter()
                            .enumerate()
                            .map(|(i, c)| format!("{} = ?{}", c.0, nk + i + 1))
                            .collect();
                        let mut p: Vec<SqlValue> = row[..nk].to_vec();
                        p.extend(new);
                        self.tx.execute(
                            &format!(
                                "UPDATE {} SET {} WHERE {}",
                                spec.table,
                                sets.join(", "),
                                where_key.join(" AND ")
                            ),
                            params_from_iter(p.iter()),
                        )?;
                        written.push(id);
                    }
                }
            }
        }
        Ok(written)
    }
}

fn sql_cmp(a: &SqlValue, b: &SqlValue) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    match (a, b) {
        (SqlValue::Null, SqlValue::Null) => Equal,
        (SqlValue::Null, _) => Less,
        (_, SqlValue::Null) => Greater,
        (SqlValue::Integer(x), SqlValue::Integer(y)) => x.cmp(y),
        (SqlValue::Text(x), SqlValue::Text(y)) => x.cmp(y),
        _ => to_json(a).to_string().cmp(&to_json(b).to_string()),
    }
}

impl Tx<'_> {
    fn merge_bundle(&self, b: &Bundle) -> Result<MergeReport> {
        b.check_shape(self)?;
        let newest_clock = b.check_clocks(now_ms())?;
        let lab = b.lab_id.clone();
        self.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        let lab_is_new: bool =
            self.query_row("SELECT count(*) = 0 FROM lab WHERE id = ?1", [&lab], |r| {
                r.get(0)
            })?;
        let before: HashMap<String, Option<String>> = {
            let mut stmt = self.prepare("SELECT id, deleted_at FROM idea WHERE lab_id = ?1")?;
            let rows = stmt.query_map([&lab], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut m = Merger {
            tx: self,
            b,
            lab: lab.clone(),
            origin: b.installation_id.clone(),
            local_clocks: load_clocks(self, &lab)?,
            remote_clocks: rb(load_clocks(&b.conn, &lab))?,
            local_siblings: load_siblings(self, &lab)?,
            remote_siblings: rb(load_siblings(&b.conn, &lab))?,
            tombstones: BTreeSet::new(),
            agency_map: HashMap::new(),
            changed: BTreeMap::new(),
            created: BTreeSet::new(),
            conflicts: 0,
            removed: BTreeSet::new(),
            max_hlc: 0,
        };

        // Tombstones: the union (keeping the earliest clock of each).
        let stones = b.rows(
            "SELECT entity, entity_id, hlc, origin FROM tombstone WHERE lab_id = ?1",
            &lab,
        )?;
        for s in &stones {
            self.execute(
                "INSERT INTO tombstone (lab_id, entity, entity_id, hlc, origin) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (entity, entity_id) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin
                 WHERE (excluded.hlc, excluded.origin) < (tombstone.hlc, tombstone.origin)",
                params_from_iter([SqlValue::Text(lab.clone())].iter().chain(s.iter())),
            )?;
            if let SqlValue::Integer(h) = s[2] {
                m.max_hlc = m.max_hlc.max(h);
            }
        }
        {
            let mut stmt =
                self.prepare("SELECT entity, entity_id FROM tombstone WHERE lab_id = ?1")?;
            let rows = stmt.query_map([&lab], |r| Ok((r.get(0)?, r.get(1)?)))?;
            m.tombstones = rows.collect::<Result<_, _>>()?;
        }

        // The lab, its lists and agencies, people and agenda.
        if lab_is_new {
            validate_lab(b)?;
        }
        m.merge_table(&LAB)?;
        self.validate_lab_here(&lab)?;
        m.merge_table(&OPTION)?;
        let agencies = b.rows("SELECT id, code FROM agency WHERE lab_id = ?1", &lab)?;
        for a in &agencies {
            let (Some(id), Some(code)) = (as_text(&a[0]), as_text(&a[1])) else {
                return Err(bad("an agency without id or code"));
            };
            let local: Option<String> = self
                .query_row(
                    "SELECT id FROM agency WHERE lab_id = ?1 AND code = ?2",
                    params![lab, code],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(local) = local.filter(|l| l != id) {
                let exists: bool =
                    self.query_row("SELECT count(*) > 0 FROM agency WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?;
                if !exists {
                    m.agency_map.insert(id.to_owned(), local);
                }
            }
        }
        validate_agencies(b, &lab)?;
        m.merge_table(&AGENCY)?;
        validate_people_and_agenda(b, &lab)?;
        m.merge_table(&PERSON)?;
        m.merge_table(&AGENDA)?;

        // Ideas.
        let written = m.merge_table(&IDEA)?;
        for id in &written {
            let idea = self.get_idea(id)?;
            self.check_idea(&idea)?;
            self.index_idea(&idea)?;
        }
        validate_attachments(b, &lab)?;
        m.merge_table(&ATTACHMENT)?;
        validate_notes(b, &lab)?;
        m.merge_table(&NOTE)?;

        // Rubric (one register per lab) and reviews (one per idea and reviewer).
        self.merge_rubric(&mut m)?;
        m.merge_table(&REVIEW_SETTING)?;
        self.merge_reviews(&mut m)?;
        m.merge_table(&VOTE_ROUND)?;
        m.merge_table(&VOTE_TALLY)?;

        // Apply every tombstone to what is here.
        self.apply_tombstones(&mut m)?;

        // The history and the conflict log travel too.
        self.merge_history(b, &lab)?;
        self.observe_hlc(m.max_hlc.max(newest_clock))?;

        // This merge's own change-log entries.
        for ((entity, id), fields) in &m.changed {
            let mut c = fields.clone();
            c.insert("mergedFrom".into(), json!({"new": m.origin}));
            let op = if m.created.contains(&(entity.clone(), id.clone())) {
                ChangeOp::Create
            } else {
                ChangeOp::Update
            };
            self.execute(
                "INSERT INTO change_log (at, installation_id, lab_id, entity, entity_id, op, changes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![now_utc(), self.installation_id, lab, entity, id, op.as_str(), Value::Object(c).to_string()],
            )?;
        }
        let broken: i64 =
            self.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if broken > 0 {
            return Err(bad(format!(
                "{broken} records of the bundle refer to records it does not hold"
            )));
        }

        // The report.
        let mut report = MergeReport {
            applied: false,
            lab_id: lab.clone(),
            lab_name: self.query_row("SELECT name FROM lab WHERE id = ?1", [&lab], |r| r.get(0))?,
            lab_is_new,
            from_installation_id: m.origin.clone(),
            bundle_created_at: b.created_at.clone(),
            new_ideas: vec![],
            changed_ideas: vec![],
            deleted_ideas: vec![],
            conflicts: m.conflicts,
            changed_records: m.changed.len() as u32,
        };
        let brief = |id: &str| -> Result<MergedIdea> {
            Ok(self.query_row(
                "SELECT i.id, i.title, coalesce(a.name, '') FROM idea i LEFT JOIN agency a ON a.id = i.agency_id WHERE i.id = ?1",
                [id],
                |r| Ok(MergedIdea { id: r.get(0)?, title: r.get(1)?, agency: r.get(2)? }),
            )?)
        };
        for (entity, id) in m.changed.keys() {
            if entity != "idea" {
                continue;
            }
            if !before.contains_key(id) {
                report.new_ideas.push(brief(id)?);
            } else {
                let now: Option<String> =
                    self.query_row("SELECT deleted_at FROM idea WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?;
                if now.is_some() && before[id].is_none() {
                    report.deleted_ideas.push(brief(id)?);
                } else {
                    report.changed_ideas.push(brief(id)?);
                }
            }
        }
        for (entity, id) in &m.removed {
            if entity == "idea" {
                report.deleted_ideas.push(MergedIdea {
                    id: id.clone(),
                    title: String::new(),
                    agency: String::new(),
                });
            }
        }
        Ok(report)
    }

    /// The lab as it now stands passes the local checks.
    fn validate_lab_here(&self, lab: &str) -> Result<()> {
        let l = self.get_lab_tx(lab)?;
        crate::validate::clean_required("name", &l.name)
            .map_err(|e| bad(format!("the lab: {e}")))?;
        Ok(())
    }

    fn get_lab_tx(&self, id: &str) -> Result<NewLab> {
        Ok(self.query_row(
            "SELECT name, organiser, city, venue, start_date, days, idea_target, time_zone FROM lab WHERE id = ?1",
            [id],
            |r| {
                Ok(NewLab {
                    name: r.get(0)?,
                    organiser: r.get(1)?,
                    city: r.get(2)?,
                    venue: r.get(3)?,
                    start_date: r.get(4)?,
                    days: r.get(5)?,
                    idea_target: r.get(6)?,
                    time_zone: Some(r.get(7)?),
                })
            },
        )?)
    }

    /// An idea written by a merge must pass exactly the checks of a local write.
    fn check_idea(&self, idea: &crate::model::Idea) -> Result<()> {
        let cleaned = self
            .clean_fields(&idea.lab_id, idea.fields.clone(), Some(&idea.fields))
            .map_err(|e| bad(format!("idea {:?}: {e}", idea.fields.title)))?;
        if cleaned != idea.fields {
            return Err(bad(format!(
                "idea {:?} holds values Labinov would not store",
                idea.fields.title
            )));
        }
        if let Some(d) = &idea.deleted_at {
            chrono::DateTime::parse_from_rfc3339(d)
                .map_err(|_| bad("an idea's deletion time is not a time"))?;
        }
        Ok(())
    }

    fn merge_rubric(&self, m: &mut Merger<'_, '_>) -> Result<()> {
        let sql = "SELECT code, label_id, label_en, weight, scale_max, position, retired
                   FROM rubric_criterion WHERE lab_id = ?1 ORDER BY code";
        let theirs = m.b.rows(sql, &m.lab)?;
        let ours = rb(read_rows(self, sql, [&m.lab]))?;
        let as_json = |rows: &[Vec<SqlValue>]| {
            Value::Array(
                rows.iter()
                    .map(|r| Value::Array(r.iter().map(to_json).collect()))
                    .collect(),
            )
        };
        let (lv, rv) = (as_json(&ours), as_json(&theirs));
        for r in &theirs {
            for (i, f) in [(1, "labelId"), (2, "labelEn")] {
                crate::validate::clean_required(f, as_text(&r[i]).unwrap_or(""))
                    .map_err(|e| bad(format!("the rubric: {e}")))?;
            }
        }
        // A lab's rubric is made with the default criteria when first used: a laptop that
        // has none yet has no version of it.
        let lab = m.lab.clone();
        let take = if theirs.is_empty() {
            false
        } else if ours.is_empty() {
            m.adopt("lab", &lab, "rubric", &rv)?;
            true
        } else {
            m.register("lab", &lab, "rubric", &lv, &rv)?
        };
        if take {
            self.execute("DELETE FROM rubric_criterion WHERE lab_id = ?1", [&m.lab])?;
            for r in &theirs {
                self.execute(
                    "INSERT INTO rubric_criterion (lab_id, code, label_id, label_en, weight, scale_max, position, retired)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params_from_iter([SqlValue::Text(m.lab.clone())].iter().chain(r.iter())),
                )?;
            }
            let lab = m.lab.clone();
            m.note_change("lab", &lab, "rubric", lv, rv);
        }
        Ok(())
    }

    fn merge_reviews(&self, m: &mut Merger<'_, '_>) -> Result<()> {
        let sql_reviews = "SELECT r.idea_id, r.reviewer_id, r.id, r.comment, r.recommendation, r.submitted_at, r.updated_at
             FROM review r JOIN idea i ON i.id = r.idea_id WHERE i.lab_id = ?1 ORDER BY r.idea_id, r.reviewer_id";
        let scores_sql = "SELECT criterion, score, scale_max FROM review_score WHERE review_id = ?1 ORDER BY criterion";
        let theirs = m.b.rows(sql_reviews, &m.lab)?;
        for r in theirs {
            let (Some(idea), Some(reviewer), Some(rid)) =
                (as_text(&r[0]), as_text(&r[1]), as_text(&r[2]))
            else {
                return Err(bad("a review without its idea or reviewer"));
            };
            if m.tombstones.contains(&("idea".into(), idea.into()))
                || m.tombstones.contains(&("person".into(), reviewer.into()))
            {
                continue;
            }
            crate::validate::clean_text("comment", as_text(&r[3]).unwrap_or(""))
                .map_err(|e| bad(format!("a review: {e}")))?;
            let their_scores = rb(read_rows(&m.b.conn, scores_sql, [rid]))?;
            for s in &their_scores {
                match (&s[1], &s[2]) {
                    (SqlValue::Integer(v), SqlValue::Integer(max)) if *v >= 1 && v <= max => {}
                    _ => return Err(bad("a review score is outside its scale")),
                }
            }
            let local: Option<Vec<SqlValue>> = rb(read_rows(
                self,
                "SELECT idea_id, reviewer_id, id, comment, recommendation, submitted_at, updated_at
                 FROM review WHERE idea_id = ?1 AND reviewer_id = ?2",
                [idea, reviewer],
            ))?
            .into_iter()
            .next();
            let value = |row: &[SqlValue], scores: &[Vec<SqlValue>]| {
                json!({
                    "comment": to_json(&row[3]), "recommendation": to_json(&row[4]),
                    "submitted": !matches!(row[5], SqlValue::Null),
                    "scores": scores.iter().map(|s| s.iter().map(to_json).collect::<Vec<_>>()).collect::<Vec<_>>(),
                })
            };
            let rv = value(&r, &their_scores);
            let key = format!("{idea}/{reviewer}");
            let take = match &local {
                None => {
                    m.adopt("review", &key, "review", &rv)?;
                    true
                }
                Some(l) => {
                    let lid = as_text(&l[2]).unwrap_or("").to_owned();
                    let ls = rb(read_rows(self, scores_sql, [&lid]))?;
                    let lv = value(l, &ls);
                    // Same content under another id: keep the smaller id, so every laptop
                    // ends up with the same row.
                    m.register("review", &key, "review", &lv, &rv)?
                        || (lv == rv && rid < lid.as_str())
                }
            };
            if take {
                self.execute(
                    "DELETE FROM review WHERE idea_id = ?1 AND reviewer_id = ?2",
                    [idea, reviewer],
                )?;
                self.execute(
                    "INSERT INTO review (id, idea_id, reviewer_id, comment, recommendation, submitted_at, updated_at)
                     VALUES (?3, ?1, ?2, ?4, ?5, ?6, ?7)",
                    params_from_iter(r.iter()),
                )?;
                for s in &their_scores {
                    self.execute(
                        "INSERT INTO review_score (review_id, criterion, score, scale_max) VALUES (?1, ?2, ?3, ?4)",
                        params_from_iter([SqlValue::Text(rid.to_owned())].iter().chain(s.iter())),
                    )?;
                }
                m.note_change(
                    "idea",
                    idea,
                    "review",
                    Value::Null,
                    json!({"reviewer": reviewer}),
                );
            }
        }
        Ok(())
    }

    fn apply_tombstones(&self, m: &mut Merger<'_, '_>) -> Result<()> {
        let stones: Vec<(String, String)> = m.tombstones.iter().cloned().collect();
        for (entity, id) in stones {
            match entity.as_str() {
                "idea" => {
                    let here: bool = self.query_row(
                        "SELECT count(*) > 0 FROM idea WHERE id = ?1 AND lab_id = ?2",
                        [&id, &m.lab],
                        |r| r.get(0),
                    )?;
                    if here {
                        self.execute(
                            "UPDATE idea SET merged_into = NULL WHERE merged_into = ?1 AND lab_id = ?2",
                            [&id, &m.lab],
                        )?;
                        self.unindex_idea(&id)?;
                        self.execute(
                            "DELETE FROM idea WHERE id = ?1 AND lab_id = ?2",
                            [&id, &m.lab],
                        )?;
                        m.removed.insert((entity.clone(), id.clone()));
                    }
                }
                "person" => {
                    // Only this lab's records: a bundle cannot reach into another lab.
                    self.execute(
                        "DELETE FROM review WHERE reviewer_id = ?1
                           AND reviewer_id IN (SELECT id FROM person WHERE lab_id = ?2)",
                        [&id, &m.lab],
                    )?;
                    if self.execute(
                        "DELETE FROM person WHERE id = ?1 AND lab_id = ?2",
                        [&id, &m.lab],
                    )? > 0
                    {
                        m.removed.insert((entity.clone(), id.clone()));
                    }
                }
                "agenda"
                    if self.execute(
                        "DELETE FROM agenda_session WHERE id = ?1 AND lab_id = ?2",
                        [&id, &m.lab],
                    )? > 0 =>
                {
                    m.removed.insert((entity.clone(), id.clone()));
                }
                _ => {}
            }
        }
        // A merged idea pointing at an idea that is gone is back on its own.
        let orphans: Vec<String> = {
            let mut stmt = self.prepare(
                "SELECT id FROM idea WHERE lab_id = ?1 AND merged_into IS NOT NULL
                   AND merged_into NOT IN (SELECT id FROM idea)",
            )?;
            let rows = stmt.query_map([&m.lab], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        for id in orphans {
            self.execute("UPDATE idea SET merged_into = NULL WHERE id = ?1", [&id])?;
            let idea = self.get_idea(&id)?;
            self.index_idea(&idea)?;
        }
        Ok(())
    }

    /// The bundle's change log joins this one; a row already here (same laptop, time,
    /// record and changes) is not added twice.
    fn merge_history(&self, b: &Bundle, lab: &str) -> Result<()> {
        let rows = b.rows(
            "SELECT at, installation_id, lab_id, entity, entity_id, op, changes FROM change_log
             WHERE lab_id = ?1 ORDER BY seq",
            lab,
        )?;
        let mut exists = self.prepare_cached(
            "SELECT count(*) > 0 FROM change_log WHERE entity_id = ?5 AND at = ?1
               AND installation_id = ?2 AND lab_id IS ?3 AND entity = ?4 AND op = ?6 AND changes = ?7",
        )?;
        let mut insert = self.prepare_cached(
            "INSERT INTO change_log (at, installation_id, lab_id, entity, entity_id, op, changes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for r in rows {
            let here: bool = exists.query_row(params_from_iter(r.iter()), |x| x.get(0))?;
            if !here {
                insert
                    .execute(params_from_iter(r.iter()))
                    .map_err(|e| bad(format!("a history entry of the bundle is malformed: {e}")))?;
            }
        }
        Ok(())
    }

    /// The current value of a per-field register, as the merge compares it.
    pub(crate) fn register_value(
        &self,
        lab: &str,
        entity: &str,
        id: &str,
        field: &str,
    ) -> Result<Option<Value>> {
        let (spec, key): (&Spec, Vec<String>) = match entity {
            "idea" => (&IDEA, vec![id.to_owned()]),
            "agency" => (&AGENCY, vec![id.to_owned()]),
            "lab" => (&LAB, vec![id.to_owned()]),
            "option" => {
                let mut p = id.splitn(2, '/');
                (
                    &OPTION,
                    vec![
                        lab.to_owned(),
                        p.next().unwrap_or("").into(),
                        p.next().unwrap_or("").into(),
                    ],
                )
            }
            _ => return Ok(None),
        };
        let Some((col, _)) = spec
            .cols
            .iter()
            .find(|c| c.1 == Col::Field(field_static(spec, field)))
        else {
            return Ok(None);
        };
        let where_key: Vec<String> = spec
            .key
            .iter()
            .enumerate()
            .map(|(i, k)| format!("{k} = ?{}", i + 1))
            .collect();
        let v: Option<SqlValue> = self
            .query_row(
                &format!(
                    "SELECT {col} FROM {} WHERE {}",
                    spec.table,
                    where_key.join(" AND ")
                ),
                params_from_iter(key.iter()),
                |r| r.get(0),
            )
            .optional()?;
        Ok(v.map(|v| to_json(&v)))
    }
}

/// A `merge_conflict` row as `list_conflicts` reads it.
type ConflictRow = (
    i64,
    String,
    String,
    String,
    String,
    i64,
    String,
    i64,
    String,
    Option<String>,
);

fn field_static(spec: &Spec, field: &str) -> &'static str {
    spec.cols
        .iter()
        .find_map(|c| match c.1 {
            Col::Field(f) if f == field => Some(f),
            _ => None,
        })
        .unwrap_or("")
}

fn validate_lab(b: &Bundle) -> Result<()> {
    let r = b.rows(
        "SELECT name, organiser, city, venue, start_date, time_zone FROM lab WHERE id = ?1",
        &b.lab_id,
    )?;
    let r = r.first().ok_or_else(|| bad("the bundle holds no lab"))?;
    let t = |i: usize| as_text(&r[i]).unwrap_or("").to_owned();
    let f = |e: Error| bad(format!("the lab: {e}"));
    crate::validate::clean_required("name", &t(0)).map_err(f)?;
    for (i, n) in [(1, "organiser"), (2, "city"), (3, "venue")] {
        crate::validate::clean_optional(n, &t(i)).map_err(f)?;
    }
    crate::time::parse_date("startDate", &t(4)).map_err(f)?;
    t(5).parse::<chrono_tz::Tz>()
        .map_err(|_| bad("the lab's time zone is not a time zone"))?;
    Ok(())
}

fn validate_agencies(b: &Bundle, lab: &str) -> Result<()> {
    for r in b.rows(
        "SELECT code, name, short_name, grp FROM agency WHERE lab_id = ?1",
        lab,
    )? {
        let t = |i: usize| as_text(&r[i]).unwrap_or("").to_owned();
        let f = |e: Error| bad(format!("an agency: {e}"));
        crate::validate::clean_required("code", &t(0)).map_err(f)?;
        crate::validate::clean_required("name", &t(1)).map_err(f)?;
        crate::validate::clean_optional("shortName", &t(2)).map_err(f)?;
        crate::validate::clean_optional("group", &t(3)).map_err(f)?;
    }
    Ok(())
}

fn validate_people_and_agenda(b: &Bundle, lab: &str) -> Result<()> {
    for r in b.rows(
        "SELECT name, position, role FROM person WHERE lab_id = ?1",
        lab,
    )? {
        let t = |i: usize| as_text(&r[i]).unwrap_or("").to_owned();
        let f = |e: Error| bad(format!("a person: {e}"));
        crate::validate::clean_required("name", &t(0)).map_err(f)?;
        crate::validate::clean_optional("position", &t(1)).map_err(f)?;
        crate::model::PersonRole::parse(&t(2))
            .ok_or_else(|| bad("a person has an unknown role"))?;
    }
    for r in b.rows(
        "SELECT title, starts_at, ends_at FROM agenda_session WHERE lab_id = ?1",
        lab,
    )? {
        let t = |i: usize| as_text(&r[i]).unwrap_or("").to_owned();
        let f = |e: Error| bad(format!("an agenda session: {e}"));
        crate::validate::clean_optional("title", &t(0)).map_err(f)?;
        for i in [1, 2] {
            chrono::NaiveTime::parse_from_str(&t(i), "%H:%M")
                .map_err(|_| bad("an agenda session's time is not HH:MM"))?;
        }
    }
    Ok(())
}

fn validate_attachments(b: &Bundle, lab: &str) -> Result<()> {
    use sha2::{Digest, Sha256};
    let rows = b.rows(
        "SELECT file_name, mime, size, sha256, bytes FROM attachment
         WHERE idea_id IN (SELECT id FROM idea WHERE lab_id = ?1)",
        lab,
    )?;
    for r in rows {
        let SqlValue::Blob(bytes) = &r[4] else {
            return Err(bad("a photo without its bytes"));
        };
        crate::validate::clean_optional("fileName", as_text(&r[0]).unwrap_or(""))
            .map_err(|e| bad(format!("a photo: {e}")))?;
        if !matches!(
            as_text(&r[1]),
            Some("image/jpeg" | "image/png" | "image/webp" | "image/gif")
        ) {
            return Err(bad("a photo of a type Labinov does not store"));
        }
        if bytes.len() > super::attachments::MAX_ATTACHMENT_BYTES
            || r[2] != SqlValue::Integer(bytes.len() as i64)
        {
            return Err(bad("a photo's size is wrong or over the limit"));
        }
        let sum: String = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if as_text(&r[3]) != Some(sum.as_str()) {
            return Err(bad("a photo's bytes do not match its SHA-256"));
        }
    }
    Ok(())
}

fn validate_notes(b: &Bundle, lab: &str) -> Result<()> {
    for r in b.rows(
        "SELECT text FROM idea_note WHERE idea_id IN (SELECT id FROM idea WHERE lab_id = ?1)",
        lab,
    )? {
        crate::validate::clean_text("note", as_text(&r[0]).unwrap_or(""))
            .map_err(|e| bad(format!("a note: {e}")))?;
    }
    Ok(())
}

impl Store {
    /// What merging the bundle at `path` would do, without changing anything: the same
    /// merge, checks included, in a transaction that is rolled back.
    pub fn preview_bundle(&self, path: &Path) -> Result<MergeReport> {
        let b = open_bundle(path)?;
        self.write_if(|tx| Ok((false, tx.merge_bundle(&b)?)))
    }

    /// Merges the bundle at `path` into this database, in one transaction (rules in the
    /// module docs). Nothing is written if any check fails.
    pub fn merge_bundle(&self, path: &Path) -> Result<MergeReport> {
        let started = std::time::Instant::now();
        let b = open_bundle(path)?;
        let checked_ms = started.elapsed().as_millis() as u64;
        let mut report = self.write(|tx| tx.merge_bundle(&b))?;
        tracing::debug!(
            checked_ms,
            merged_ms = started.elapsed().as_millis() as u64 - checked_ms,
            "merge: bundle checked and merged"
        );
        report.applied = true;
        Ok(report)
    }

    /// The lab's conflict log, newest first; resolved entries only when asked.
    pub fn list_conflicts(
        &self,
        lab_id: &str,
        include_resolved: bool,
    ) -> Result<Vec<MergeConflict>> {
        let rows: Vec<ConflictRow> = {
            let conn = self.conn();
            let mut stmt = conn.prepare_cached(
                "SELECT id, entity, entity_id, field, losing_value, losing_hlc, losing_origin, winning_hlc,
                        detected_at, resolved_at
                 FROM merge_conflict WHERE lab_id = ?1 AND (?2 OR resolved_at IS NULL)
                 ORDER BY detected_at DESC, id DESC",
            )?;
            let rows = stmt.query_map(params![lab_id, include_resolved], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ))
            })?;
            rows.collect::<Result<_, _>>()?
        };
        let mut out = Vec::with_capacity(rows.len());
        for (id, entity, entity_id, field, losing, lh, lo, wh, detected, resolved) in rows {
            let (label, current) = self.write_if(|tx| {
                let label: Option<String> = match entity.as_str() {
                    "idea" => tx
                        .query_row("SELECT title FROM idea WHERE id = ?1", [&entity_id], |r| {
                            r.get(0)
                        })
                        .optional()?,
                    "agency" => tx
                        .query_row("SELECT name FROM agency WHERE id = ?1", [&entity_id], |r| {
                            r.get(0)
                        })
                        .optional()?,
                    "lab" => tx
                        .query_row("SELECT name FROM lab WHERE id = ?1", [&entity_id], |r| {
                            r.get(0)
                        })
                        .optional()?,
                    _ => None,
                };
                Ok((
                    false,
                    (
                        label,
                        tx.register_value(lab_id, &entity, &entity_id, &field)?,
                    ),
                ))
            })?;
            if resolved.is_none()
                && current.is_some()
                && serde_json::from_str::<Value>(&losing).ok() == current
            {
                // Concurrent, but the same value as now: nothing of it is lost.
                continue;
            }
            out.push(MergeConflict {
                id,
                lab_id: lab_id.to_owned(),
                entity: entity.clone(),
                entity_id,
                field,
                label: label.unwrap_or_default(),
                losing_value: serde_json::from_str(&losing).unwrap_or(Value::Null),
                losing_origin: lo,
                losing_at: hlc_time(lh),
                winning_at: hlc_time(wh),
                current_value: current.unwrap_or(Value::Null),
                restorable: matches!(entity.as_str(), "idea" | "agency" | "lab"),
                detected_at: detected,
                resolved_at: resolved,
            });
        }
        Ok(out)
    }

    /// Puts a losing value back: a new local edit (with a new clock, so it wins the next
    /// merges), through the same checks and the same write as any edit; then the entry is
    /// marked resolved. (Two transactions: if the second never happens the entry stays
    /// open, and restoring it again changes nothing.)
    pub fn restore_conflict(&self, conflict_id: i64) -> Result<MergeConflict> {
        let row: Option<(String, String, String, String, String)> = self
            .conn()
            .query_row(
                "SELECT lab_id, entity, entity_id, field, losing_value FROM merge_conflict WHERE id = ?1",
                [conflict_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let (lab, entity, id, field, losing) =
            row.ok_or_else(|| Error::not_found("conflict", conflict_id.to_string()))?;
        let value: Value = serde_json::from_str(&losing)?;
        let (losing_hlc, losing_origin): (i64, String) = self.conn().query_row(
            "SELECT losing_hlc, losing_origin FROM merge_conflict WHERE id = ?1",
            [conflict_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let head = |s: &Store| -> Result<Option<i64>> {
            Ok(s.conn()
                .query_row(
                    "SELECT hlc FROM field_clock WHERE entity = ?1 AND entity_id = ?2 AND field = ?3",
                    [&entity, &id, &field],
                    |r| r.get(0),
                )
                .optional()?)
        };
        let before = head(self)?;
        let cannot = || {
            Error::invalid(
                "field",
                "this value cannot be restored here; enter it again",
            )
        };
        match (entity.as_str(), field.as_str()) {
            ("idea", "deletedAt") => {
                if value.is_null() {
                    self.restore_idea(&id)?;
                } else {
                    self.delete_idea(&id)?;
                }
            }
            ("idea", "mergedInto") => return Err(cannot()),
            ("idea", f) => {
                self.update_idea(&id, IdeaPatch::new().set(f, value))?;
            }
            ("agency", f) => {
                let a = self.get_agency(&id)?;
                let a = NewAgency {
                    code: a.code,
                    name: a.name,
                    short_name: a.short_name,
                    group: a.group,
                };
                let s = value.as_str().unwrap_or("").to_owned();
                let a = match f {
                    "code" => NewAgency { code: s, ..a },
                    "name" => NewAgency { name: s, ..a },
                    "shortName" => NewAgency { short_name: s, ..a },
                    "group" => NewAgency { group: s, ..a },
                    _ => return Err(cannot()),
                };
                self.edit_agency(&id, a)?;
            }
            ("lab", f) => {
                let l = self.get_lab(&id)?;
                let mut m = serde_json::to_value(NewLab {
                    name: l.name,
                    organiser: l.organiser,
                    city: l.city,
                    venue: l.venue,
                    start_date: l.start_date,
                    days: l.days,
                    idea_target: l.idea_target,
                    time_zone: Some(l.time_zone),
                })?;
                if m.get(f).is_none() {
                    return Err(cannot());
                }
                m[f] = value;
                let l: NewLab = serde_json::from_value(m)
                    .map_err(|e| Error::invalid(f, format!("the old value does not fit: {e}")))?;
                self.update_lab(&id, l)?;
            }
            _ => return Err(cannot()),
        }
        let after = head(self)?;
        self.write(|tx| {
            if after != before {
                // The restoring write was made knowing the losing version: on every
                // laptop it merges into, that version is no longer an open conflict.
                tx.execute(
                    "UPDATE field_clock SET seen = json_set(seen, '$.\"' || ?4 || '\"', max(?5,
                        coalesce(json_extract(seen, '$.\"' || ?4 || '\"'), 0)))
                     WHERE entity = ?1 AND entity_id = ?2 AND field = ?3",
                    params![entity, id, field, losing_origin, losing_hlc],
                )?;
            }
            tx.execute(
                "UPDATE merge_conflict SET resolved_at = ?2 WHERE id = ?1",
                params![conflict_id, now_utc()],
            )?;
            Ok(())
        })?;
        self.list_conflicts(&lab, true)?
            .into_iter()
            .find(|c| c.id == conflict_id)
            .ok_or_else(|| Error::not_found("conflict", conflict_id.to_string()))
    }
}
