//! Registers' clocks and version vectors.
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

use std::collections::{BTreeMap, HashMap};

use rusqlite::types::Value as SqlValue;
use rusqlite::Connection;
use serde_json::Value;

use super::*;
use crate::error::{Reason, Result};
use crate::store::changes::{hlc_at, latest_accepted_hlc, MAX_CLOCK_AHEAD_MS};

/// A register's clock: `(hlc, origin)`; `(0, "")` when it has none.
pub(crate) type Clock = (i64, String);
/// A register's key in the maps below: entity, record id and field, joined by
/// [`register_key`] (one string, so a lookup allocates once rather than three times).
pub(crate) type Register = String;
/// A version vector: the latest clock seen of each origin.
pub(crate) type Seen = BTreeMap<String, i64>;
pub(crate) type ClockMap = HashMap<Register, (Clock, Seen)>;
pub(crate) type SiblingMap = HashMap<Register, Vec<Version>>;

/// No clock: the register was never written.
pub(crate) static NO_CLOCK: (Clock, Seen) = ((0, String::new()), Seen::new());

/// The key of register (entity, record id, field), joined by a control character.
/// Entities and fields are Labinov's own names, which never hold it, so a key splits one
/// way only (the first and the last separator) whatever a bundle's ids contain.
pub(crate) fn register_key(e: &str, id: &str, f: &str) -> Register {
    let mut k = String::with_capacity(e.len() + id.len() + f.len() + 2);
    k.push_str(e);
    k.push('\u{1f}');
    k.push_str(id);
    k.push('\u{1f}');
    k.push_str(f);
    k
}

/// One version of a register: its clock, value and what its writer had seen.
#[derive(Debug, Clone)]
pub(crate) struct Version {
    pub(crate) clock: Clock,
    pub(crate) value: Value,
    pub(crate) seen: Seen,
}

impl Version {
    /// `self` was written knowing `v` (so `v` is not a concurrent version).
    pub(crate) fn dominates(&self, v: &Version) -> bool {
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
    pub(crate) fn key(&self) -> (&Clock, String) {
        (&self.clock, self.value.to_string())
    }
}

/// An installation id as written by Labinov (UUID text); anything else in a bundle is
/// refused, since ids end up inside JSON paths.
pub(crate) fn check_origin(o: &str) -> rusqlite::Result<()> {
    if o.len() <= 64 && o.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        Ok(())
    } else {
        Err(rusqlite::Error::InvalidParameterName(format!(
            "{o:?} is not an installation id"
        )))
    }
}

pub(crate) fn parse_seen(s: &str) -> rusqlite::Result<Seen> {
    if s == "{}" {
        // Most registers: written by a laptop that had seen no other in it.
        return Ok(Seen::new());
    }
    let seen: Seen = serde_json::from_str(s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })?;
    for o in seen.keys() {
        check_origin(o)?;
    }
    Ok(seen)
}

pub(crate) fn seen_json(seen: &Seen) -> String {
    if seen.is_empty() {
        return "{}".into();
    }
    serde_json::to_string(seen).unwrap_or_else(|_| "{}".into())
}

/// Column `i` of a row as text, borrowed.
fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(crate) fn load_clocks(c: &Connection, lab: &str) -> rusqlite::Result<ClockMap> {
    let mut stmt = c.prepare(
        "SELECT entity, entity_id, field, hlc, origin, seen FROM field_clock WHERE lab_id = ?1",
    )?;
    let rows = stmt.query_map([lab], |r| {
        let origin: String = r.get(4)?;
        check_origin(&origin)?;
        Ok((
            register_key(text(r, 0)?, text(r, 1)?, text(r, 2)?),
            (
                (r.get::<_, i64>(3)?, origin),
                parse_seen(&r.get::<_, String>(5)?)?,
            ),
        ))
    })?;
    rows.collect()
}

/// The open (unresolved) conflict entries: the concurrent versions that lost, by register.
pub(crate) fn load_siblings(c: &Connection, lab: &str) -> rusqlite::Result<SiblingMap> {
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
        out.entry(register_key(text(r, 0)?, text(r, 1)?, text(r, 2)?))
            .or_default()
            .push(Version {
                clock: (r.get(4)?, origin),
                value,
                seen: parse_seen(&r.get::<_, String>(6)?)?,
            });
    }
    Ok(out)
}

impl Bundle {
    /// Every clock of the bundle is an integer above 0 and at most a day ahead of
    /// `now_ms` ("Clocks from the future" in the module docs); returns the greatest.
    pub(crate) fn check_clocks(&self, now_ms: i64) -> Result<i64> {
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
            let exported_by = (&origin != exporter).then(|| exporter.clone());
            return Err(refused(Reason::ClockAhead {
                laptop: origin,
                claims: hlc_time(clock),
                ahead: how_far((clock >> 16).saturating_sub(now_ms)),
                local: hlc_at(now_ms).map(hlc_time).unwrap_or_default(),
                max_hours: (MAX_CLOCK_AHEAD_MS / 3_600_000) as u32,
                exported_by,
            }));
        }
        Ok(clock)
    }
}

/// Every clock column a bundle carries, as rows `(o, c)` of the lab `?1`: `c` the clock,
/// `o` the laptop that wrote it (none for a conflict's winning clock: the exporter's).
pub(crate) const CLOCK_COLUMNS: &[(&str, &str)] = &[
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
pub(crate) fn how_far(ms: i64) -> String {
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

pub(crate) fn hlc_time(hlc: i64) -> String {
    chrono::DateTime::from_timestamp_millis(hlc >> 16)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
        .unwrap_or_default()
}
