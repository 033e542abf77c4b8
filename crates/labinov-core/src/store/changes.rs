//! The append-only change log: every write records what changed, when and where.
//!
//! `Tx::record` is also where merge metadata is stamped, so that no write path can miss
//! it: each recorded field of the record gets a fresh hybrid logical clock (HLC) in
//! `field_clock`, and a hard delete (emptied trash, removed person or agenda session)
//! leaves a tombstone. Per-laptop state (drafts, projector and pitch state) never goes
//! through `record` and so never merges. A field's new version remembers the version it
//! was written over (`seen`, a version vector), so a merge knows it was not concurrent.
//! Clocks: `(ms << 16) | counter`, persisted in
//! `meta.hlc`, never going backwards on this installation (a clock set back keeps counting
//! from the last value) and advanced past every clock a merge brings in.
//!
//! # Range
//!
//! An `i64` holds physical times up to the year 6429, and the counter is what a clock
//! ahead of the machine's time counts with (one per write), so the range only runs out if
//! a clock was pushed near its end. A merge therefore accepts no clock more than
//! [`MAX_CLOCK_AHEAD_MS`] ahead of this machine's time (`sync/clock.rs`, "Clocks from the
//! future"), and no arithmetic here can overflow: the machine's time is converted with a
//! checked multiplication (a time beyond the range counts as none), and the next clock is
//! a checked `last + 1`. A database whose clock is already at `i64::MAX` (poisoned by a
//! forged bundle before merges were range-checked) **keeps saving**: the clock stays at
//! `i64::MAX` (saturates) rather than wrapping round to the past or failing the write.
//! Losing a participant's idea because a save fails in the middle of a lab would be worse
//! than what saturation costs: this laptop's later edits all carry that one clock, so a
//! merge no longer orders them among themselves (equal clocks: the larger value wins);
//! but its bundles are refused by every other laptop anyway (their clocks are far
//! ahead), with a reason naming this laptop, and merging others' bundles into it works.

use rusqlite::params;
use serde_json::{json, Map, Value};

use super::{Store, Tx};
use crate::error::Result;
use crate::model::{ChangeOp, ChangeRecord, Entity};
use crate::time::now_utc;

/// Field-by-field changes of one write, built up before it is recorded.
#[derive(Default)]
pub(crate) struct Changes(Map<String, Value>);

impl Changes {
    /// A field set on creation.
    pub(crate) fn set(&mut self, field: &str, value: impl Into<Value>) {
        self.0
            .insert(field.to_owned(), json!({ "new": value.into() }));
    }

    /// A field edited, any JSON value: recorded only if it really changed.
    pub(crate) fn diff_value(&mut self, field: &str, old: Value, new: Value) {
        if old != new {
            self.0
                .insert(field.to_owned(), json!({ "old": old, "new": new }));
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The merge register a recorded field belongs to: `(entity, entity_id, field)`.
/// Most fields are their own register; a review (recorded on its idea) is one register
/// per idea and reviewer.
pub(crate) fn register_of(
    entity: &str,
    entity_id: &str,
    field: &str,
    change: &Value,
) -> (String, String, String) {
    if entity == "idea" && field == "review" {
        let reviewer = change
            .pointer("/new/reviewer")
            .and_then(Value::as_str)
            .unwrap_or("");
        return (
            "review".into(),
            format!("{entity_id}/{reviewer}"),
            "review".into(),
        );
    }
    (entity.into(), entity_id.into(), field.into())
}

/// An empty value: null, `""`, `[]` (or the JSON text `"[]"`).
fn is_blank(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty() || s == "[]",
        Some(Value::Array(a)) => a.is_empty(),
        _ => false,
    }
}

/// How far ahead of this machine's time a clock a merge brings in may be: one day.
///
/// Laptops in a lab room are set by hand. A time zone set wrongly (the right local time
/// under another zone) puts a clock up to 14 hours off, a clock that drifted or was set
/// a little wrong is minutes off: both are tolerated. A clock more than a day ahead is a
/// wrong date, which the facilitator should correct. The margin is also how far one
/// laptop can push every other laptop's clock ahead, so it is kept small.
pub(crate) const MAX_CLOCK_AHEAD_MS: i64 = 24 * 60 * 60 * 1000;

/// Milliseconds since the Unix epoch, now (0 for a machine set before 1970).
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The clock of physical time `ms` with counter 0; `None` beyond the clock's range.
pub(crate) fn hlc_at(ms: i64) -> Option<i64> {
    ms.checked_mul(1 << 16)
}

/// The latest clock a merge accepts when this machine's time is `now_ms`: any counter
/// in the last millisecond of [`MAX_CLOCK_AHEAD_MS`] from now (the whole range when that
/// is beyond it).
pub(crate) fn latest_accepted_hlc(now_ms: i64) -> i64 {
    now_ms
        .checked_add(MAX_CLOCK_AHEAD_MS)
        .and_then(hlc_at)
        .and_then(|h| h.checked_add(0xFFFF))
        .unwrap_or(i64::MAX)
}

/// The clock after `last` at machine time `now_ms`: the later of now (counter 0) and
/// `last + 1`; `i64::MAX` stays `i64::MAX` (see "Range" in the module docs).
pub(crate) fn next_hlc(last: i64, now_ms: i64) -> i64 {
    let physical = hlc_at(now_ms).unwrap_or(0);
    last.checked_add(1).map_or(i64::MAX, |n| n.max(physical))
}

impl Tx<'_> {
    /// The last clock this installation issued or saw (0 when none).
    pub(crate) fn last_hlc(&self) -> Result<i64> {
        use rusqlite::OptionalExtension;
        let v: Option<String> = self
            .query_row("SELECT value FROM meta WHERE key = 'hlc'", [], |r| r.get(0))
            .optional()?;
        Ok(v.and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    fn set_hlc(&self, hlc: i64) -> Result<()> {
        self.execute(
            "INSERT INTO meta (key, value) VALUES ('hlc', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [hlc.to_string()],
        )?;
        Ok(())
    }

    /// A new clock for a local write: later than every clock issued or seen here (at the
    /// end of the range, the last one again; never a panic or a wrap).
    pub(crate) fn tick(&self) -> Result<i64> {
        let next = next_hlc(self.last_hlc()?, now_ms());
        self.set_hlc(next)?;
        Ok(next)
    }

    /// Advances the clock past `seen` (a remote clock a merge brought in).
    pub(crate) fn observe_hlc(&self, seen: i64) -> Result<()> {
        if seen > self.last_hlc()? {
            self.set_hlc(seen)?;
        }
        Ok(())
    }

    /// Stamps the registers of `changes` with `hlc`, and a tombstone for a hard delete.
    fn stamp(
        &self,
        lab_id: &str,
        entity: &str,
        entity_id: &str,
        op: ChangeOp,
        changes: &Map<String, Value>,
    ) -> Result<()> {
        let hlc = self.tick()?;
        let mut stmt = self.prepare_cached(
            "INSERT INTO field_clock (lab_id, entity, entity_id, field, hlc, origin)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (entity, entity_id, field) DO UPDATE
                SET hlc = excluded.hlc, origin = excluded.origin,
                    seen = CASE WHEN field_clock.origin = excluded.origin THEN field_clock.seen
                        ELSE json_set(field_clock.seen, '$.\"' || field_clock.origin || '\"',
                            max(field_clock.hlc, coalesce(json_extract(field_clock.seen,
                                '$.\"' || field_clock.origin || '\"'), 0))) END",
        )?;
        for (field, change) in changes {
            if matches!(op, ChangeOp::Create) && is_blank(change.get("new")) {
                // A field created empty was never written by anyone: no clock (a merge
                // counts it as older than any written value), and bundles stay small.
                continue;
            }
            let (e, id, f) = register_of(entity, entity_id, field, change);
            stmt.execute(params![lab_id, e, id, f, hlc, self.installation_id])?;
        }
        let hard_delete = matches!(op, ChangeOp::Delete)
            && (matches!(entity, "agenda" | "person")
                || (entity == "idea" && changes.get("purged").is_some()));
        if hard_delete {
            self.execute(
                "INSERT INTO tombstone (lab_id, entity, entity_id, hlc, origin)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (entity, entity_id) DO NOTHING",
                params![lab_id, entity, entity_id, hlc, self.installation_id],
            )?;
        }
        Ok(())
    }
}

impl Tx<'_> {
    pub(crate) fn record(
        &self,
        lab_id: Option<&str>,
        entity: Entity,
        entity_id: &str,
        op: ChangeOp,
        changes: Changes,
    ) -> Result<()> {
        let entity = entity.as_str();
        if let Some(lab) = lab_id {
            self.stamp(lab, entity, entity_id, op, &changes.0)?;
        }
        self.execute(
            "INSERT INTO change_log (at, installation_id, lab_id, entity, entity_id, op, changes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                now_utc(),
                self.installation_id,
                lab_id,
                entity,
                entity_id,
                op.as_str(),
                Value::Object(changes.0).to_string()
            ],
        )?;
        Ok(())
    }
}

impl Tx<'_> {
    /// Appends a history entry that is no field's new value (where a record came from,
    /// e.g. a proposal sent from a phone): the change log only, no clock, so it never
    /// merges as a register; it travels with the lab's history like a merge's
    /// `mergedFrom`.
    pub(crate) fn record_origin(
        &self,
        lab_id: &str,
        entity: Entity,
        entity_id: &str,
        changes: Changes,
    ) -> Result<()> {
        self.execute(
            "INSERT INTO change_log (at, installation_id, lab_id, entity, entity_id, op, changes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                now_utc(),
                self.installation_id,
                lab_id,
                entity.as_str(),
                entity_id,
                ChangeOp::Update.as_str(),
                Value::Object(changes.0).to_string()
            ],
        )?;
        Ok(())
    }
}

impl Store {
    /// The history of one record (lab, agency or idea), oldest first.
    pub fn history(&self, entity_id: &str) -> Result<Vec<ChangeRecord>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT seq, at, installation_id, entity, entity_id, op, changes
             FROM change_log WHERE entity_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([entity_id], |r| {
            let op: String = r.get(5)?;
            let changes: String = r.get(6)?;
            Ok(ChangeRecord {
                seq: r.get(0)?,
                at: r.get(1)?,
                installation_id: r.get(2)?,
                entity: r.get(3)?,
                entity_id: r.get(4)?,
                op: ChangeOp::parse(&op).unwrap_or(ChangeOp::Update),
                changes: serde_json::from_str(&changes).unwrap_or(Value::Null),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many change records the database holds (all labs).
    pub fn change_count(&self) -> Result<u64> {
        let n: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))?;
        Ok(n as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_arithmetic_never_overflows() {
        let now = 1_795_000_000_000; // 2026-11-19
        assert_eq!(next_hlc(0, now), now << 16);
        assert_eq!(next_hlc((now << 16) + 7, now), (now << 16) + 8);
        assert_eq!(next_hlc(i64::MAX - 1, now), i64::MAX);
        assert_eq!(next_hlc(i64::MAX, now), i64::MAX, "saturates, never wraps");
        assert_eq!(next_hlc(-5, now), now << 16);
        // A machine time beyond the range counts as none.
        assert_eq!(next_hlc(41, i64::MAX / 2), 42);
        assert_eq!(hlc_at(i64::MAX >> 16), Some((i64::MAX >> 16) << 16));
        assert_eq!(hlc_at((i64::MAX >> 16) + 1), None);
        assert_eq!(
            latest_accepted_hlc(now),
            ((now + MAX_CLOCK_AHEAD_MS) << 16) | 0xFFFF
        );
        assert_eq!(latest_accepted_hlc(i64::MAX - 1), i64::MAX);
    }
}
