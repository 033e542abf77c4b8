//! The append-only change log: every write records what changed, when and where.

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

impl Tx<'_> {
    pub(crate) fn record(
        &self,
        lab_id: Option<&str>,
        entity: &str,
        entity_id: &str,
        op: ChangeOp,
        changes: Changes,
    ) -> Result<()> {
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
