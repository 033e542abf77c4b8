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

use rusqlite::params;
use serde_json::{json, Map, Value};

use super::{Store, Tx};
use crate::error::Result;
use crate::model::{ChangeOp, ChangeRecord};
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

/// Milliseconds since the Unix epoch, now.
fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
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

    /// A new clock for a local write: later than every clock issued or seen here.
    pub(crate) fn tick(&self) -> Result<i64> {
        let next = (now_ms() << 16).max(self.last_hlc()? + 1);
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
        entity: &str,
        entity_id: &str,
        op: ChangeOp,
        changes: Changes,
    ) -> Result<()> {
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
