//! Opening a bundle from another laptop.
//!
//! # Untrusted input
//!
//! A bundle comes from another machine and is handled as hostile: at most
//! [`MAX_BUNDLE_BYTES`]; it must start with the SQLite header; it is copied to a private
//! temp file and opened read-only and immutable, with `SQLITE_DBCONFIG_DEFENSIVE`,
//! `trusted_schema` off, triggers and views disabled, no extension loading and
//! `cell_size_check` on; `PRAGMA quick_check` must pass; `meta.bundle_format` must be
//! [`BUNDLE_FORMAT`] and the schema version at most this build's (newer ones are refused
//! with `newer_schema`) and at least [`MIN_BUNDLE_SCHEMA`] (older bundles lack the clocks
//! merging needs: update the other laptop); each table read must have exactly this build's
//! columns, except that a bundle of an older schema may lack idea fields added since (see
//! `crate::fields`): they are read as their empty value and carry no clock, so any value
//! written here wins; row counts
//! are bounded; every value goes through the same checks as a local write (`validate.rs`,
//! option codes, photo type, size and SHA-256). Anything wrong refuses the whole bundle
//! with `bad_file` (or `newer_schema`) and the database is untouched: the merge is one
//! transaction.

use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde_json::{json, Value};

use crate::error::{Error, Reason, Result};
use crate::store::sync::spec::IDEA_SCOPE;
use crate::store::{BUNDLE_FORMAT, SCHEMA_VERSION};

/// Largest bundle accepted, in bytes.
pub const MAX_BUNDLE_BYTES: u64 = 2 << 30;

/// The oldest schema a bundle may have: the first with the merge clocks (0006_merge.sql).
pub(crate) const MIN_BUNDLE_SCHEMA: i64 = 6;

/// Most rows accepted per table of a bundle.
pub(crate) const MAX_ROWS: &[(&str, i64)] = &[
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
    ("attendance", 5_000_000),
    ("report_setting", 1),
    ("gallery_field", 1_000),
    ("idea_publication", 500_000),
    ("followup_plan", 500_000),
    ("followup_partner", 1_000_000),
    ("followup_step", 5_000_000),
    ("followup_milestone", 2_000_000),
    ("followup_update", 5_000_000),
    ("followup_coach_note", 5_000_000),
    ("followup_evidence", 200_000),
    ("followup_iid_answer", 20_000_000),
    ("followup_iid_config", 1),
];

/// A bundle refused for `reason`.
pub(crate) fn refused(reason: Reason) -> Error {
    Error::bad_file("bundle", reason)
}

/// A bundle whose content fails a check: [`Reason::BundleInvalid`] with the English detail.
pub(crate) fn bad(detail: impl Into<String>) -> Error {
    refused(Reason::BundleInvalid {
        detail: detail.into(),
    })
}

fn not_a_bundle(detail: &str) -> Error {
    refused(Reason::NotABundle {
        detail: detail.into(),
    })
}

/// Any SQLite failure while reading the bundle is the bundle's fault.
pub(crate) fn rb<T>(r: rusqlite::Result<T>) -> Result<T> {
    r.map_err(|e| bad(format!("the bundle cannot be read: {e}")))
}

/// A bundle opened for reading, from a private copy removed when dropped.
pub(crate) struct Bundle {
    pub(crate) conn: Connection,
    pub(crate) dir: PathBuf,
    /// The SHA-256 (hex) of the bytes read: what a merge remembers it by.
    pub(crate) digest: String,
    pub(crate) lab_id: String,
    pub(crate) installation_id: String,
    pub(crate) created_at: String,
    /// The idea field columns the bundle lacks (made before those fields existed).
    pub(crate) missing_idea_columns: Vec<&'static str>,
    /// The tables the bundle lacks (`spec::LATER_TABLES`, made before they existed).
    pub(crate) missing_tables: Vec<&'static str>,
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
        return Err(refused(Reason::NotAFile));
    }
    if meta.len() > MAX_BUNDLE_BYTES {
        return Err(refused(Reason::BundleTooLarge {
            size_bytes: meta.len(),
            max_bytes: MAX_BUNDLE_BYTES,
        }));
    }
    let mut head = [0u8; 16];
    {
        use std::io::Read;
        let mut f = std::fs::File::open(path)?;
        let n = f.read(&mut head)?;
        if n < 16 || &head != b"SQLite format 3\0" {
            return Err(not_a_bundle("not an SQLite file"));
        }
    }
    let dir = std::env::temp_dir().join(format!("labinov-merge-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir)?;
    let copy = dir.join("bundle.db");
    let guard = DirGuard(Some(dir.clone()));
    let (_, digest) = crate::fsutil::copy_file_sha256(path, &copy)?;
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
            .map_err(|_| not_a_bundle("an SQLite file of something else"))
    };
    match meta_value("bundle_format")?.as_deref() {
        Some(BUNDLE_FORMAT) => {}
        Some(other) => {
            return Err(refused(Reason::BundleFormat {
                found: other.into(),
                supported: BUNDLE_FORMAT.into(),
            }))
        }
        None => return Err(not_a_bundle("a Labinov database, but not an exported lab")),
    }
    let version: i64 = rb(conn.query_row("PRAGMA user_version", [], |r| r.get(0)))?;
    if version > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version < MIN_BUNDLE_SCHEMA {
        return Err(refused(Reason::BundleOlderSchema {
            found: version,
            supported: SCHEMA_VERSION,
        }));
    }
    let lab_id = meta_value("bundle_lab_id")?.ok_or_else(|| bad("the bundle names no lab"))?;
    let installation_id =
        meta_value("bundle_installation_id")?.ok_or_else(|| bad("the bundle names no laptop"))?;
    let created_at = meta_value("bundle_created_at")?.unwrap_or_default();
    let idea_columns = rb(table_columns(&conn, "idea"))?;
    let missing_idea_columns = if version < SCHEMA_VERSION {
        crate::fields::IDEA_FIELDS
            .iter()
            .map(|f| f.column)
            .filter(|c| !idea_columns.iter().any(|(n, _)| n == c))
            .collect()
    } else {
        Vec::new()
    };
    let mut missing_tables = Vec::new();
    if version < SCHEMA_VERSION {
        for table in crate::store::sync::spec::LATER_TABLES {
            if rb(table_columns(&conn, table))?.is_empty() {
                missing_tables.push(*table);
            }
        }
    }
    let b = Bundle {
        conn,
        dir,
        digest,
        lab_id,
        installation_id,
        created_at,
        missing_idea_columns,
        missing_tables,
    };
    std::mem::forget(guard);
    Ok(b)
}

pub(crate) struct DirGuard(Option<PathBuf>);
impl Drop for DirGuard {
    fn drop(&mut self) {
        if let Some(d) = self.0.take() {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

impl Bundle {
    /// Each table read must have exactly the local columns, and at most its row limit.
    /// An older bundle's idea table may lack the idea fields added since.
    pub(crate) fn check_shape(&self, local: &Connection) -> Result<()> {
        for (table, limit) in MAX_ROWS {
            if self.missing_tables.contains(table) {
                continue;
            }
            let theirs = rb(table_columns(&self.conn, table))?;
            let mut ours = table_columns(local, table)?;
            if *table == "idea" {
                ours.retain(|(c, _)| !self.missing_idea_columns.contains(&c.as_str()));
            }
            if self.missing_tables.contains(table) {
                continue;
            }
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
}

/// A table's columns and their declared types, in order.
fn table_columns(c: &Connection, table: &str) -> rusqlite::Result<Vec<(String, String)>> {
    let mut stmt = c.prepare("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid")?;
    let rows = stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

impl Bundle {
    /// Whether the bundle has table `table` (one of `spec::LATER_TABLES` may be absent).
    pub(crate) fn has_table(&self, table: &str) -> Result<bool> {
        rb(self.conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        ))
    }

    /// How to select column `column` of `table` from the bundle: itself, or, for an idea
    /// field the bundle lacks, its empty value under its name.
    pub(crate) fn column_expr(&self, table: &str, column: &str) -> String {
        match crate::fields::IDEA_FIELDS
            .iter()
            .find(|f| f.column == column)
        {
            Some(f) if table == "idea" && self.missing_idea_columns.contains(&f.column) => {
                format!("{} AS {column}", f.kind.sql_default())
            }
            _ => column.to_owned(),
        }
    }

    pub(crate) fn strings<P: rusqlite::Params>(
        &self,
        sql: &str,
        p: P,
    ) -> rusqlite::Result<Vec<String>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map(p, |r| r.get(0))?;
        rows.collect()
    }

    pub(crate) fn rows(&self, sql: &str, lab: &str) -> Result<Vec<Vec<SqlValue>>> {
        rb(read_rows(&self.conn, sql, [lab]))
    }
}

/// Every row of `sql` as SQL values. The statement comes from the connection's cache: a
/// merge reads one row per record this way (parsing the SQL each time was an eighth of a
/// merge's time).
pub(crate) fn read_rows<P: rusqlite::Params>(
    c: &Connection,
    sql: &str,
    p: P,
) -> rusqlite::Result<Vec<Vec<SqlValue>>> {
    let mut stmt = c.prepare_cached(sql)?;
    let n = stmt.column_count();
    let rows = stmt.query_map(p, |r| (0..n).map(|i| r.get::<_, SqlValue>(i)).collect())?;
    rows.collect()
}

/// A SQL value as JSON (blobs never sit in registers).
pub(crate) fn to_json(v: &SqlValue) -> Value {
    match v {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => json!(i),
        SqlValue::Real(f) => json!(f),
        SqlValue::Text(s) => json!(s),
        SqlValue::Blob(b) => json!(format!("<{} bytes>", b.len())),
    }
}

pub(crate) fn as_text(v: &SqlValue) -> Option<&str> {
    match v {
        SqlValue::Text(s) => Some(s),
        _ => None,
    }
}

pub(crate) fn validate_lab(b: &Bundle) -> Result<()> {
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

pub(crate) fn validate_agencies(b: &Bundle, lab: &str) -> Result<()> {
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

pub(crate) fn validate_people_and_agenda(b: &Bundle, lab: &str) -> Result<()> {
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

pub(crate) fn validate_attachments(b: &Bundle, lab: &str) -> Result<()> {
    use crate::store::attachments::{check_stored_file, MAX_ATTACHMENT_BYTES, PHOTO_TYPES};
    let rows = b.rows(
        &format!("SELECT file_name, mime, size, sha256, bytes FROM attachment WHERE {IDEA_SCOPE}"),
        lab,
    )?;
    for r in rows {
        let SqlValue::Blob(bytes) = &r[4] else {
            return Err(bad("a photo without its bytes"));
        };
        crate::validate::clean_optional("fileName", as_text(&r[0]).unwrap_or(""))
            .map_err(|e| bad(format!("a photo: {e}")))?;
        check_stored_file(
            "photo",
            PHOTO_TYPES,
            MAX_ATTACHMENT_BYTES,
            as_text(&r[1]),
            &r[2],
            as_text(&r[3]),
            bytes,
        )
        .map_err(bad)?;
    }
    Ok(())
}

pub(crate) fn validate_notes(b: &Bundle, lab: &str) -> Result<()> {
    for r in b.rows(
        &format!("SELECT text FROM idea_note WHERE {IDEA_SCOPE}"),
        lab,
    )? {
        crate::validate::clean_text("note", as_text(&r[0]).unwrap_or(""))
            .map_err(|e| bad(format!("a note: {e}")))?;
    }
    Ok(())
}

pub(crate) fn validate_attendance(b: &Bundle, lab: &str) -> Result<()> {
    if !b.missing_tables.contains(&"attendance") {
        for r in b.rows(
            "SELECT a.attendee, a.person_id, a.name, a.present, a.agency_id, s.lab_id, g.lab_id
             FROM attendance a LEFT JOIN agenda_session s ON s.id = a.session_id
             LEFT JOIN agency g ON g.id = a.agency_id
             WHERE a.lab_id = ?1",
            lab,
        )? {
            let t = |i: usize| as_text(&r[i]).unwrap_or("").to_owned();
            let f = |e: Error| bad(format!("an attendee: {e}"));
            let name = crate::validate::clean_required("name", &t(2)).map_err(f)?;
            if t(5) != lab {
                return Err(bad("an attendee of a session the lab does not have"));
            }
            if !matches!(r[4], SqlValue::Null) && t(6) != lab {
                return Err(bad("an attendee of an agency the lab does not have"));
            }
            if !matches!(r[3], SqlValue::Integer(0 | 1)) {
                return Err(bad("an attendee is neither present nor absent"));
            }
            let key = t(0);
            let agency = as_text(&r[4]);
            let expected = match &r[1] {
                SqlValue::Text(p) => crate::store::setup::attendance::person_key(p),
                SqlValue::Null => crate::store::setup::attendance::name_key(agency, &name),
                _ => return Err(bad("an attendee's person is not an id")),
            };
            // A written-in name keeps the smaller spelling on a merge, so compare folded.
            if key != expected
                && !(matches!(r[1], SqlValue::Null) && key.to_lowercase() == expected)
            {
                return Err(bad("an attendee's key does not match the attendee"));
            }
        }
    }
    if !b.missing_tables.contains(&"report_setting") {
        for r in b.rows(
            "SELECT basis, purpose, follow_up, signer_name, signer_position, signer_nip,
                    sign_place, sign_date
             FROM report_setting WHERE lab_id = ?1",
            lab,
        )? {
            let t = |i: usize| as_text(&r[i]).unwrap_or("").to_owned();
            let s = crate::model::ReportSettings {
                basis: t(0),
                purpose: t(1),
                follow_up: t(2),
                signer_name: t(3),
                signer_position: t(4),
                signer_nip: t(5),
                sign_place: t(6),
                sign_date: t(7),
            };
            let cleaned = crate::store::setup::attendance::clean_settings(&s)
                .map_err(|e| bad(format!("the report settings: {e}")))?;
            if cleaned != s || r.iter().any(|v| !matches!(v, SqlValue::Text(_))) {
                return Err(bad(
                    "the report settings hold values Labinov would not store",
                ));
            }
        }
    }
    Ok(())
}

/// The gallery's choices: a known field (or `photos`), a 0/1 flag.
pub(crate) fn validate_gallery(b: &Bundle, lab: &str) -> Result<()> {
    if !b.missing_tables.contains(&"gallery_field") {
        for r in b.rows(
            "SELECT field, public FROM gallery_field WHERE lab_id = ?1",
            lab,
        )? {
            let key = as_text(&r[0]).unwrap_or("");
            if !crate::store::gallery::items().any(|(k, _)| k == key) {
                return Err(bad("a gallery choice names a field Labinov does not have"));
            }
            if !matches!(r[1], SqlValue::Integer(0 | 1)) {
                return Err(bad("a gallery choice is neither yes nor no"));
            }
        }
    }
    if !b.missing_tables.contains(&"idea_publication") {
        for r in b.rows(
            &format!("SELECT published FROM idea_publication WHERE {IDEA_SCOPE}"),
            lab,
        )? {
            if !matches!(r[0], SqlValue::Integer(0 | 1)) {
                return Err(bad("an idea's publication is neither yes nor no"));
            }
        }
    }
    Ok(())
}
